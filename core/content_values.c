/*
 * content_values.c - the checked reads a content file is made of: problems
 * with their places, lists loaded item by item, mappings and their keys,
 * scalars, ids (see content_loader.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_loader.h"
#include "strbuf.h"
#include "textutil.h"

/* ---- problems ---------------------------------------------------------- */

void loader_problem(struct loader *L, const struct yt_node *at, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (strbuf_failed(&sb))
		L->nomem = true;
	diag_add(L->dl, L->file, at ? at->line : 0, at ? at->col : 0, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	L->problems++;
}

void *loader_alloc(struct loader *L, size_t n, size_t size)
{
	void *p;

	if (n && size > SIZE_MAX / n) {
		L->nomem = true;
		return NULL;
	}
	p = arena_alloc(&L->c->arena, n * size);
	if (!p)
		L->nomem = true;
	return p;
}

void *loader_list(struct loader *L, const struct yt_node *seq, size_t size, loader_item_fn *load,
		  void *ctx)
{
	char *v = loader_alloc(L, seq->count, size);
	size_t i = 0;

	for (const struct yt_node *it = seq->first; v && it; it = it->next)
		load(L, it, v + size * i++, ctx);
	return v;
}

/* ---- mappings ---------------------------------------------------------- */

/* The first key of @map that is @name, or NULL. */
const struct yt_node *loader_map_key(const struct yt_node *map, const char *name)
{
	if (!map || map->kind != YT_MAP)
		return NULL;
	for (const struct yt_node *k = map->first; k && k->next; k = k->next->next)
		if (yt_is(k, name))
			return k;
	return NULL;
}

/*
 * Check that @map is a mapping whose keys are among @keys, each at most once,
 * with every required key present. values[i] gets the value of keys[i] or
 * NULL. @what names the object in messages ("a hop", "a step").
 * False when @map is not a mapping at all.
 */
bool loader_walk_map(struct loader *L, const struct yt_node *map, const char *what,
		     const struct key *keys, size_t nkeys, const struct yt_node **values)
{
	const struct yt_node *k;

	for (size_t i = 0; i < nkeys; i++)
		values[i] = NULL;
	if (map->kind != YT_MAP) {
		loader_problem(L, map, "%s must be a mapping, not %s", what, yt_kind_name(map->kind));
		return false;
	}
	for (k = map->first; k && k->next; k = k->next->next) {
		size_t i;
		if (k->kind != YT_SCALAR) {
			loader_problem(L, k, "keys must be plain words, not %s", yt_kind_name(k->kind));
			continue;
		}
		for (i = 0; i < nkeys; i++)
			if (yt_is(k, keys[i].name))
				break;
		if (i == nkeys) {
			struct strbuf sb = STRBUF_INIT;
			char buf[80];
			for (size_t j = 0; j < nkeys; j++)
				strbuf_addf(&sb, "%s%s", j ? ", " : "", keys[j].name);
			if (strbuf_failed(&sb))
				L->nomem = true;
			loader_problem(L, k, "unknown key '%s' in %s (expected one of: %s)",
				loader_shown(buf, k->str, k->len), what, strbuf_str(&sb));
			strbuf_release(&sb);
			continue;
		}
		if (values[i]) {
			const struct yt_node *first = loader_map_key(map, keys[i].name);
			loader_problem(L, k, "duplicate key '%s' in %s (first at line %u)", keys[i].name,
				what, first ? first->line : values[i]->line);
			continue;
		}
		values[i] = k->next;
	}
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].required && !values[i])
			loader_problem(L, map, "missing key '%s' in %s", keys[i].name, what);
	return true;
}

/* ---- scalars ----------------------------------------------------------- */

bool loader_is_null(const struct yt_node *n)
{
	return n->plain && (n->len == 0 || yt_is(n, "~") || yt_is(n, "null") ||
			    yt_is(n, "Null") || yt_is(n, "NULL"));
}

/* The character at @p (at most @n bytes, n > 0), its length in *len; invalid bytes are U+FFFD one at a time. */
static unsigned long utf8_char(const unsigned char *p, size_t n, size_t *len)
{
	uint32_t cp;

	*len = utf8_decode((const char *)p, n, &cp);
	return cp;
}

/* The bidirectional controls: they can make text read differently from what it is. */
static bool is_bidi_control(unsigned long c)
{
	return c <= 0x10ffff && text_is_bidi_control((uint32_t)c);
}

/* Control characters (C0, DEL, C1), bidi controls and the Unicode line and
 * paragraph separators; @rules may allow newline and tab. */
static bool forbidden(unsigned long c, unsigned rules)
{
	if (c == '\n')
		return rules & STR_ONE_LINE;
	if (c == '\t')
		return !(rules & STR_TABS);
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || is_bidi_control(c) || c == 0x2028 ||
	       c == 0x2029;
}

/* The first character of @s that @rules forbid, in *cp; false when none. */
static bool bad_char(const char *s, size_t len, unsigned rules, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (size_t i = 0; i < len; i += n) {
		unsigned long c = utf8_char(p + i, len - i, &n);
		if (forbidden(c, rules)) {
			*cp = c;
			return true;
		}
	}
	return false;
}

/*
 * @s as it can be shown in a message: at most 60 bytes, cut at a character
 * boundary and marked "...", forbidden characters as '?'. @buf holds 80.
 */
const char *loader_shown(char *buf, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, n;

	while (i < len) {
		unsigned long c = utf8_char(p + i, len - i, &n);
		if (o + n > 60) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (forbidden(c, STR_ONE_LINE) || (n == 1 && c >= 0x80)) {
			buf[o++] = '?';
		} else {
			memcpy(buf + o, p + i, n);
			o += n;
		}
		i += n;
	}
	buf[o] = '\0';
	return buf;
}

/* A non-empty string value; NULL (and a problem) otherwise. */
const char *loader_str(struct loader *L, const struct yt_node *n, const char *key,
			   unsigned rules)
{
	unsigned long bad;

	if (!n)
		return NULL;
	if (n->kind != YT_SCALAR) {
		loader_problem(L, n, "'%s' must be text, not %s", key, yt_kind_name(n->kind));
		return NULL;
	}
	if (loader_is_null(n) || n->len == 0) {
		loader_problem(L, n, "'%s' is empty", key);
		return NULL;
	}
	if (strspn(n->str, " \n\t") == n->len) {
		loader_problem(L, n, "'%s' is empty (it holds only white space)", key);
		return NULL;
	}
	if (!bad_char(n->str, n->len, rules, &bad))
		return n->str;
	if (bad == '\n')
		loader_problem(L, n, "'%s' must be one line", key);
	else if (bad == '\t')
		loader_problem(L, n, "'%s' contains a tab (only 'code' may hold tabs)", key);
	else if (is_bidi_control(bad))
		loader_problem(L, n, "'%s' contains the bidirectional control character U+%04lX", key, bad);
	else if (bad == 0x2028 || bad == 0x2029)
		loader_problem(L, n, "'%s' contains the Unicode %s separator U+%04lX", key,
			bad == 0x2028 ? "line" : "paragraph", bad);
	else
		loader_problem(L, n, "'%s' contains the control character U+%04lX", key, bad);
	return NULL;
}

/* *valid is false (and there is a problem) when @n is there but not a bool. */
bool loader_bool(struct loader *L, const struct yt_node *n, const char *key, bool dflt,
		     bool *valid)
{
	*valid = true;
	if (!n)
		return dflt;
	if (n->kind == YT_SCALAR && n->plain && (yt_is(n, "true") || yt_is(n, "false")))
		return yt_is(n, "true");
	loader_problem(L, n, "'%s' must be true or false", key);
	*valid = false;
	return dflt;
}

const char *loader_id(struct loader *L, const struct yt_node *n)
{
	const char *s = loader_str(L, n, "id", STR_ONE_LINE);
	char buf[80];

	if (!s)
		return NULL;
	for (const char *p = s; p < s + n->len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && p != s && p[1] != '\0'))
			continue;
		loader_problem(L, n, "id '%s' must be lower-case letters, digits and inner '-'",
			loader_shown(buf, s, n->len));
		return NULL;
	}
	if (n->len > 64) {
		loader_problem(L, n, "id '%s' is longer than 64 characters", loader_shown(buf, s, n->len));
		return NULL;
	}
	return s;
}

/* A list of non-empty one-line-or-more strings. */
void loader_strings(struct loader *L, const struct yt_node *n, const char *key,
			unsigned rules, struct content_strings *out)
{
	const struct yt_node *it;
	size_t i = 0;

	out->items = NULL;
	out->count = 0;
	if (!n)
		return;
	if (n->kind != YT_SEQ) {
		loader_problem(L, n, "'%s' must be a list of text, not %s", key, yt_kind_name(n->kind));
		return;
	}
	if (n->count == 0) {
		loader_problem(L, n, "'%s' is an empty list (leave it out instead)", key);
		return;
	}
	out->items = loader_alloc(L, n->count, sizeof(*out->items));
	if (!out->items)
		return;
	for (it = n->first; it; it = it->next) {
		const char *s = loader_str(L, it, key, rules);
		if (s)
			out->items[i++] = s;
	}
	out->count = i;
}

/* One of @names (@n of them), by index; -1 (and a problem naming @expected) otherwise, or when absent. */
int loader_enum(struct loader *L, const struct yt_node *v, const char *key,
		const char *const *names, size_t n, const char *expected)
{
	const char *s = v ? loader_str(L, v, key, STR_ONE_LINE) : NULL;
	char buf[80];

	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	loader_problem(L, v, "unknown %s '%s' (expected %s)", key, loader_shown(buf, s, strlen(s)),
		       expected);
	return -1;
}

enum content_origin loader_origin(struct loader *L, const struct yt_node *v)
{
	static const char *const names[] = { "guide", "tool" };
	int i = loader_enum(L, v, "origin", names, 2,
			    "guide, the source says it, or tool, the project's own advice");

	return i == 1 ? ORIGIN_TOOL : ORIGIN_GUIDE;
}

/* A point: text, or a mapping of its text and origin. */
static const char *load_point(struct loader *L, const struct yt_node *it, bool *tool)
{
	static const struct key keys[] = { { "text", true }, { "origin", false } };
	const struct yt_node *v[2];

	*tool = false;
	if (it->kind != YT_MAP)
		return loader_str(L, it, "points", 0);
	if (!loader_walk_map(L, it, "a point", keys, 2, v))
		return NULL;
	*tool = loader_origin(L, v[1]) == ORIGIN_TOOL;
	return loader_str(L, v[0], "text", 0);
}

void loader_points(struct loader *L, const struct yt_node *n, struct content_strings *out)
{
	bool *tool, any = false;
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	if (!n)
		return;
	if (n->kind != YT_SEQ) {
		loader_problem(L, n, "'points' must be a list of text, not %s", yt_kind_name(n->kind));
		return;
	}
	if (n->count == 0) {
		loader_problem(L, n, "'points' is an empty list (leave it out instead)");
		return;
	}
	out->items = loader_alloc(L, n->count, sizeof(*out->items));
	tool = loader_alloc(L, n->count, sizeof(*tool));
	if (!out->items || !tool)
		return;
	for (const struct yt_node *it = n->first; it; it = it->next) {
		const char *s = load_point(L, it, &tool[i]);
		if (s)
			any |= tool[i], out->items[i++] = s;
	}
	out->count = i;
	out->tool = any ? tool : NULL;
}

/* ---- ids --------------------------------------------------------------- */

void loader_check_unique(struct loader *L, struct id_scope *scope, const char *id,
			 const struct yt_node *at)
{
	if (!id)
		return;
	for (size_t i = 0; i < scope->n; i++) {
		if (strcmp(scope->seen[i].id, id) == 0) {
			loader_problem(L, at, "duplicate id '%s' in %s (first at line %u)", id,
				scope->name, scope->seen[i].at->line);
			return;
		}
	}
	scope->seen[scope->n].id = id;
	scope->seen[scope->n].at = at;
	scope->n++;
}

/* The value of the 'id' key of the mapping @item (which has one when its id loaded). */
const struct yt_node *loader_id_node(const struct yt_node *item)
{
	const struct yt_node *k = loader_map_key(item, "id");

	return k ? k->next : item;
}

const char *loader_full_id(struct loader *L, const char *hop, const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	if (!hop || !id)
		return NULL;
	strbuf_addf(&sb, "%s/%s", hop, id);
	s = strbuf_failed(&sb) ? NULL : arena_strdup(&L->c->arena, sb.buf);
	strbuf_release(&sb);
	if (!s)
		L->nomem = true;
	return s;
}
