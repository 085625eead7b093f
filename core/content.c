/*
 * content.c - load and validate the guide's content (see CONTENT.md).
 *
 * Each file is parsed into a yamltree, then walked against the schema: one
 * function per kind of object, each checking its keys and building its part
 * of the model. Every problem is recorded and the walk goes on, so a single
 * run reports all of them. The model is returned only when there were none.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "file_read.h"
#include "content_builtin.h"
#include "strbuf.h"
#include "textutil.h"
#include "yamltree.h"

#define CONTENT_MAX_FILE_SIZE (4u << 20) /* a hop file or the guide file */
#define MAX_HOP_FILES 1000

struct loader {
	struct content *c;
	struct diag_list *dl;
	const char *file;
	size_t problems;
	bool nomem;
};

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_MASTER] = "master", [ROLE_AGENT] = "agent", [ROLE_SCHEDULER] = "scheduler",
	[ROLE_EXECUTOR] = "executor", [ROLE_MODULE] = "module",
};

static const char *const audience_ids[AUD_COUNT] = {
	"operator", "framework-developer", "module-writer", "binding-developer",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "?";
}

const char *audience_name(enum audience a)
{
	for (unsigned i = 0; i < AUD_COUNT; i++)
		if (a == (1u << i))
			return audience_ids[i];
	return "?";
}

void audience_names(unsigned mask, char *buf, size_t size)
{
	size_t used = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned i = 0; i < AUD_COUNT && size; i++) {
		if (!(mask & (1u << i)))
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
				 audience_ids[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

/* ---- problems ---------------------------------------------------------- */

static void problem(struct loader *L, const struct yt_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct loader *L, const struct yt_node *at, const char *fmt, ...)
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

static void *alloc(struct loader *L, size_t n, size_t size)
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

/* ---- mappings ---------------------------------------------------------- */

static const char *shown(char *buf, const char *s, size_t len);

/* The first key of @map that is @name, or NULL. */
static const struct yt_node *map_key(const struct yt_node *map, const char *name)
{
	if (!map || map->kind != YT_MAP)
		return NULL;
	for (const struct yt_node *k = map->first; k && k->next; k = k->next->next)
		if (yt_is(k, name))
			return k;
	return NULL;
}

struct key {
	const char *name;
	bool required;
};

/*
 * Check that @map is a mapping whose keys are among @keys, each at most once,
 * with every required key present. values[i] gets the value of keys[i] or
 * NULL. @what names the object in messages ("a hop", "a step").
 * False when @map is not a mapping at all.
 */
static bool walk_map(struct loader *L, const struct yt_node *map, const char *what,
		     const struct key *keys, size_t nkeys, const struct yt_node **values)
{
	const struct yt_node *k;

	for (size_t i = 0; i < nkeys; i++)
		values[i] = NULL;
	if (map->kind != YT_MAP) {
		problem(L, map, "%s must be a mapping, not %s", what, yt_kind_name(map->kind));
		return false;
	}
	for (k = map->first; k && k->next; k = k->next->next) {
		size_t i;
		if (k->kind != YT_SCALAR) {
			problem(L, k, "keys must be plain words, not %s", yt_kind_name(k->kind));
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
			problem(L, k, "unknown key '%s' in %s (expected one of: %s)",
				shown(buf, k->str, k->len), what, strbuf_str(&sb));
			strbuf_release(&sb);
			continue;
		}
		if (values[i]) {
			const struct yt_node *first = map_key(map, keys[i].name);
			problem(L, k, "duplicate key '%s' in %s (first at line %u)", keys[i].name,
				what, first ? first->line : values[i]->line);
			continue;
		}
		values[i] = k->next;
	}
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].required && !values[i])
			problem(L, map, "missing key '%s' in %s", keys[i].name, what);
	return true;
}

/* ---- scalars ----------------------------------------------------------- */

enum str_rules {
	STR_ONE_LINE = 1 << 0, /* no newline */
	STR_TABS = 1 << 1,     /* tabs allowed (code) */
};

static bool is_null(const struct yt_node *n)
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
static const char *shown(char *buf, const char *s, size_t len)
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
static const char *get_str(struct loader *L, const struct yt_node *n, const char *key,
			   unsigned rules)
{
	unsigned long bad;

	if (!n)
		return NULL;
	if (n->kind != YT_SCALAR) {
		problem(L, n, "'%s' must be text, not %s", key, yt_kind_name(n->kind));
		return NULL;
	}
	if (is_null(n) || n->len == 0) {
		problem(L, n, "'%s' is empty", key);
		return NULL;
	}
	if (strspn(n->str, " \n\t") == n->len) {
		problem(L, n, "'%s' is empty (it holds only white space)", key);
		return NULL;
	}
	if (!bad_char(n->str, n->len, rules, &bad))
		return n->str;
	if (bad == '\n')
		problem(L, n, "'%s' must be one line", key);
	else if (bad == '\t')
		problem(L, n, "'%s' contains a tab (only 'code' may hold tabs)", key);
	else if (is_bidi_control(bad))
		problem(L, n, "'%s' contains the bidirectional control character U+%04lX", key, bad);
	else if (bad == 0x2028 || bad == 0x2029)
		problem(L, n, "'%s' contains the Unicode %s separator U+%04lX", key,
			bad == 0x2028 ? "line" : "paragraph", bad);
	else
		problem(L, n, "'%s' contains the control character U+%04lX", key, bad);
	return NULL;
}

/* *valid is false (and there is a problem) when @n is there but not a bool. */
static bool get_bool(struct loader *L, const struct yt_node *n, const char *key, bool dflt,
		     bool *valid)
{
	*valid = true;
	if (!n)
		return dflt;
	if (n->kind == YT_SCALAR && n->plain && (yt_is(n, "true") || yt_is(n, "false")))
		return yt_is(n, "true");
	problem(L, n, "'%s' must be true or false", key);
	*valid = false;
	return dflt;
}

static const char *get_id(struct loader *L, const struct yt_node *n)
{
	const char *s = get_str(L, n, "id", STR_ONE_LINE);
	char buf[80];

	if (!s)
		return NULL;
	for (const char *p = s; p < s + n->len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && p != s && p[1] != '\0'))
			continue;
		problem(L, n, "id '%s' must be lower-case letters, digits and inner '-'",
			shown(buf, s, n->len));
		return NULL;
	}
	if (n->len > 64) {
		problem(L, n, "id '%s' is longer than 64 characters", shown(buf, s, n->len));
		return NULL;
	}
	return s;
}

/* A list of non-empty one-line-or-more strings. */
static void get_strings(struct loader *L, const struct yt_node *n, const char *key,
			unsigned rules, struct content_strings *out)
{
	const struct yt_node *it;
	size_t i = 0;

	out->items = NULL;
	out->count = 0;
	if (!n)
		return;
	if (n->kind != YT_SEQ) {
		problem(L, n, "'%s' must be a list of text, not %s", key, yt_kind_name(n->kind));
		return;
	}
	if (n->count == 0) {
		problem(L, n, "'%s' is an empty list (leave it out instead)", key);
		return;
	}
	out->items = alloc(L, n->count, sizeof(*out->items));
	if (!out->items)
		return;
	for (it = n->first; it; it = it->next) {
		const char *s = get_str(L, it, key, rules);
		if (s)
			out->items[i++] = s;
	}
	out->count = i;
}

/* ---- ids --------------------------------------------------------------- */

struct seen_id {
	const char *id;
	const struct yt_node *at;
};

/* Record @id of a hop item, refusing a duplicate. */
static void check_unique(struct loader *L, struct seen_id *seen, size_t *nseen,
			 const char *id, const struct yt_node *at, const char *scope)
{
	if (!id)
		return;
	for (size_t i = 0; i < *nseen; i++) {
		if (strcmp(seen[i].id, id) == 0) {
			problem(L, at, "duplicate id '%s' in %s (first at line %u)", id, scope,
				seen[i].at->line);
			return;
		}
	}
	seen[*nseen].id = id;
	seen[*nseen].at = at;
	(*nseen)++;
}

/* The value of the 'id' key of the mapping @item (which has one when its id loaded). */
static const struct yt_node *id_node(const struct yt_node *item)
{
	const struct yt_node *k = map_key(item, "id");

	return k ? k->next : item;
}

static const char *full_id(struct loader *L, const char *hop, const char *id)
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

/* ---- notes and steps --------------------------------------------------- */

static void load_note(struct loader *L, const struct yt_node *n, struct content_note *note)
{
	static const struct key keys[] = {
		{ "id", true }, { "title", true }, { "audience", true }, { "text", true },
		{ "points", false }, { "code", false },
	};
	const struct yt_node *v[6];

	note->pos = (struct content_pos){ L->file, n->line, n->col };
	if (!walk_map(L, n, "a note", keys, 6, v))
		return;
	note->id = get_id(L, v[0]);
	note->title = get_str(L, v[1], "title", STR_ONE_LINE);
	note->text = get_str(L, v[3], "text", 0);
	get_strings(L, v[4], "points", 0, &note->points);
	note->code = v[5] ? get_str(L, v[5], "code", STR_TABS) : NULL;

	if (v[2]) {
		const struct yt_node *a = v[2], *it;
		if (a->kind == YT_MAP) {
			problem(L, a, "'audience' must be one audience or a list of them, "
				"not a mapping");
			return;
		}
		if (a->kind == YT_SEQ && a->count == 0) {
			problem(L, a, "'audience' is an empty list (name at least one audience)");
			return;
		}
		it = a->kind == YT_SEQ ? a->first : a;
		for (; it; it = a->kind == YT_SEQ ? it->next : NULL) {
			const char *s = get_str(L, it, "audience", STR_ONE_LINE);
			unsigned i;
			if (!s)
				continue;
			for (i = 0; i < AUD_COUNT; i++)
				if (strcmp(s, audience_ids[i]) == 0)
					break;
			if (i == AUD_COUNT) {
				char buf[80];
				problem(L, it, "unknown audience '%s' (expected operator, "
					"framework-developer, module-writer or binding-developer)",
					shown(buf, s, strlen(s)));
				continue;
			}
			if (note->audience & (1u << i))
				problem(L, it, "audience '%s' is listed twice", s);
			note->audience |= 1u << i;
		}
	}
}

static void load_branches(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	static const struct key keys[] = { { "id", true }, { "title", true }, { "points", true } };
	struct seen_id seen[16];
	size_t nseen = 0, i = 0;
	const struct yt_node *it;

	if (n->kind != YT_SEQ) {
		problem(L, n, "'branches' must be a list, not %s", yt_kind_name(n->kind));
		return;
	}
	if (n->count < 2) {
		problem(L, n, "'branches' needs at least two alternatives");
		return;
	}
	if (n->count > 16) {
		problem(L, n, "'branches' has more than 16 alternatives");
		return;
	}
	st->branches = alloc(L, n->count, sizeof(*st->branches));
	if (!st->branches)
		return;
	for (it = n->first; it; it = it->next) {
		struct content_branch *b = &st->branches[i++];
		const struct yt_node *v[3];
		if (!walk_map(L, it, "a branch", keys, 3, v))
			continue;
		b->id = get_id(L, v[0]);
		b->title = get_str(L, v[1], "title", STR_ONE_LINE);
		if (v[2] && v[2]->kind == YT_SEQ && v[2]->count == 0)
			problem(L, v[2], "a branch needs at least one point");
		else if (v[2])
			get_strings(L, v[2], "points", 0, &b->points);
		check_unique(L, seen, &nseen, b->id, v[0], "this step's branches");
	}
	st->nbranches = i;
}

static void load_languages(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	static const struct key keys[] = { { "language", true }, { "text", true } };
	const struct yt_node *it;
	size_t i = 0;

	if (n->kind != YT_SEQ || n->count == 0) {
		problem(L, n, "'languages' must be a non-empty list");
		return;
	}
	st->languages = alloc(L, n->count, sizeof(*st->languages));
	if (!st->languages)
		return;
	for (it = n->first; it; it = it->next) {
		struct content_lang *lg = &st->languages[i++];
		const struct yt_node *v[2];
		if (!walk_map(L, it, "a language entry", keys, 2, v))
			continue;
		lg->language = get_str(L, v[0], "language", STR_ONE_LINE);
		lg->text = get_str(L, v[1], "text", 0);
	}
	st->nlanguages = i;
}

/* The item of the list @seq whose string is @s (as get_strings kept it). */
static const struct yt_node *item_of(const struct yt_node *seq, const char *s)
{
	for (const struct yt_node *it = seq->first; it; it = it->next)
		if (it->str == s)
			return it;
	return seq;
}

static bool flag_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* Does @text name the flag @f as a whole word ("--quorum", not "--quorum_size")? */
static bool names_flag(const char *text, const char *f)
{
	size_t len = strlen(f);

	for (const char *p = strstr(text, f); p; p = strstr(p + 1, f))
		if ((p == text || !flag_char(p[-1])) && !flag_char(p[len]))
			return true;
	return false;
}

static void load_step(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	static const struct key keys[] = {
		{ "id", true }, { "role", true }, { "text", true }, { "detail", false },
		{ "points", false }, { "flags", false }, { "warning", false },
		{ "languages", false }, { "branches", false }, { "per_host", false },
	};
	const struct yt_node *v[10];
	const char *role;

	st->pos = (struct content_pos){ L->file, n->line, n->col };
	if (!walk_map(L, n, "a step", keys, 10, v))
		return;
	st->id = get_id(L, v[0]);
	role = get_str(L, v[1], "role", STR_ONE_LINE);
	if (role) {
		unsigned i;
		for (i = 0; i < ROLE_COUNT; i++)
			if (strcmp(role, role_names[i]) == 0)
				break;
		if (i == ROLE_COUNT) {
			char buf[80];
			problem(L, v[1], "unknown role '%s' (expected master, agent, scheduler, "
				"executor or module)", shown(buf, role, strlen(role)));
		} else {
			st->role = (enum role)i;
		}
	}
	st->text = get_str(L, v[2], "text", 0);
	st->detail = v[3] ? get_str(L, v[3], "detail", 0) : NULL;
	get_strings(L, v[4], "points", 0, &st->points);
	get_strings(L, v[5], "flags", STR_ONE_LINE, &st->flags);
	for (size_t i = 0; i < st->flags.count; i++) {
		const char *f = st->flags.items[i];
		const struct yt_node *at = item_of(v[5], f);
		char buf[80];
		if (strncmp(f, "--", 2) != 0 || !f[2] || strchr(f, ' '))
			problem(L, at, "flag '%s' must start with '--' and hold no spaces",
				shown(buf, f, strlen(f)));
		else if (st->text && !names_flag(st->text, f))
			problem(L, at, "flag '%s' is not named in the step's text",
				shown(buf, f, strlen(f)));
	}
	st->warning = v[6] ? get_str(L, v[6], "warning", 0) : NULL;
	if (v[7])
		load_languages(L, v[7], st);
	if (v[8])
		load_branches(L, v[8], st);
	{
		bool valid;
		st->per_host = get_bool(L, v[9], "per_host", false, &valid);
	}
	if (st->per_host && role && st->role != ROLE_MASTER && st->role != ROLE_AGENT)
		problem(L, v[9], "'per_host' is for steps done on each master or agent, not a %s "
			"step", role_names[st->role]);
	else if (st->per_host && v[8])
		problem(L, v[9], "'per_host' and 'branches' do not go together: the alternative is "
			"chosen once for the step");
}

/* ---- hops -------------------------------------------------------------- */

/* The last path component without ".yaml". */
static void file_stem(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
		len -= 5;
	snprintf(buf, size, "%.*s", (int)len, base);
}

static const char *get_series(struct loader *L, const struct yt_node *n, const char *key,
			      struct version *v)
{
	const char *s = get_str(L, n, key, STR_ONE_LINE);

	if (s && !version_parse_series(s, v)) {
		char buf[80];
		problem(L, n, "'%s' must be a minor series such as \"0.27\", not '%s'", key,
			shown(buf, s, strlen(s)));
		return NULL;
	}
	return s;
}

/*
 * Load one hop file into @hop. True when the hop can take its place in the
 * chain: it has an id and goes forward.
 */
static bool load_hop(struct loader *L, const struct yt_node *root, struct content_hop *hop)
{
	static const struct key keys[] = {
		{ "from", true }, { "to", true }, { "title", true }, { "ordered", false },
		{ "order_note", false }, { "notes", true }, { "steps", true },
	};
	const struct yt_node *v[7];
	struct seen_id *seen;
	size_t nseen = 0;
	char stem[256], id[64];
	bool forward = false, ordered_valid;

	memset(hop, 0, sizeof(*hop));
	hop->pos = (struct content_pos){ L->file, root->line, root->col };
	if (!walk_map(L, root, "a hop", keys, 7, v))
		return false;
	hop->from = get_series(L, v[0], "from", &hop->vfrom);
	hop->to = get_series(L, v[1], "to", &hop->vto);
	if (hop->from && hop->to) {
		snprintf(id, sizeof(id), "%s-%s", hop->from, hop->to);
		hop->id = arena_strdup(&L->c->arena, id);
		if (!hop->id)
			L->nomem = true;
		forward = version_series_cmp(&hop->vfrom, &hop->vto) < 0;
		if (!forward)
			problem(L, v[1], "'to' (%s) must be a later series than 'from' (%s)",
				hop->to, hop->from);
		file_stem(L->file, stem, sizeof(stem));
		if (strcmp(stem, id) != 0)
			problem(L, root, "a hop from %s to %s belongs in a file named %s.yaml",
				hop->from, hop->to, id);
	}
	hop->title = get_str(L, v[2], "title", STR_ONE_LINE);
	hop->ordered = get_bool(L, v[3], "ordered", true, &ordered_valid);
	if (v[4])
		hop->order_note = get_str(L, v[4], "order_note", 0);
	/* with 'ordered' itself wrong, whether a note belongs is anybody's guess */
	if (ordered_valid && !hop->ordered && !v[4])
		problem(L, v[3], "'ordered: false' needs an 'order_note' saying what the guide says");
	if (ordered_valid && hop->ordered && v[4])
		problem(L, v[4], "'order_note' is only for hops with 'ordered: false'");

	seen = alloc(L, (v[5] && v[5]->kind == YT_SEQ ? v[5]->count : 0) +
			(v[6] && v[6]->kind == YT_SEQ ? v[6]->count : 0) + 1, sizeof(*seen));
	if (!seen)
		return false;
	if (v[5]) {
		if (v[5]->kind != YT_SEQ && !is_null(v[5])) {
			problem(L, v[5], "'notes' must be a list, not %s", yt_kind_name(v[5]->kind));
		} else if (v[5]->kind == YT_SEQ && v[5]->count) {
			hop->notes = alloc(L, v[5]->count, sizeof(*hop->notes));
			for (const struct yt_node *it = v[5]->first; hop->notes && it; it = it->next) {
				struct content_note *note = &hop->notes[hop->nnotes++];
				load_note(L, it, note);
				note->full_id = full_id(L, hop->id, note->id);
				check_unique(L, seen, &nseen, note->id, id_node(it), "this hop");
			}
		}
	}
	if (v[6]) {
		if (v[6]->kind != YT_SEQ) {
			problem(L, v[6], "'steps' must be a list, not %s", yt_kind_name(v[6]->kind));
		} else if (v[6]->count == 0) {
			problem(L, v[6], "a hop needs at least one step");
		} else {
			hop->steps = alloc(L, v[6]->count, sizeof(*hop->steps));
			for (const struct yt_node *it = v[6]->first; hop->steps && it; it = it->next) {
				struct content_step *st = &hop->steps[hop->nsteps++];
				load_step(L, it, st);
				st->full_id = full_id(L, hop->id, st->id);
				check_unique(L, seen, &nseen, st->id, id_node(it), "this hop");
			}
		}
	}
	return hop->id && forward;
}

static void load_guide(struct loader *L, const struct yt_node *root)
{
	static const struct key keys[] = {
		{ "product", true }, { "title", true }, { "source", true }, { "version", true },
	};
	const struct yt_node *v[4];

	if (!walk_map(L, root, "the guide file", keys, 4, v))
		return;
	L->c->product = get_str(L, v[0], "product", STR_ONE_LINE);
	L->c->title = get_str(L, v[1], "title", STR_ONE_LINE);
	L->c->source = get_str(L, v[2], "source", STR_ONE_LINE);
	L->c->version = get_str(L, v[3], "version", STR_ONE_LINE);
}

/* Parse one file; NULL root (and a problem unless YAML itself failed) when unusable. */
static const struct yt_node *parse_file(struct loader *L, const struct content_file *f)
{
	struct yt_node *root = NULL;

	/* the model's positions name the file: the caller's name may not outlive it */
	L->file = arena_strdup(&L->c->arena, f->name ? f->name : "");
	if (!L->file) {
		L->nomem = true;
		L->file = f->name;
		return NULL;
	}
	if (f->len > CONTENT_MAX_FILE_SIZE) {
		diag_add(L->dl, f->name, 0, 0, "file is larger than 4 MiB");
		L->problems++;
		return NULL;
	}
	if (!yt_parse(&L->c->arena, f->name, f->data, f->len, &root, L->dl)) {
		L->problems++;
		return NULL;
	}
	if (!root) {
		diag_add(L->dl, f->name, 1, 1, "file is empty");
		L->problems++;
	}
	return root;
}

static int hop_cmp(const void *a, const void *b)
{
	const struct content_hop *x = a, *y = b;
	int c = version_series_cmp(&x->vfrom, &y->vfrom);

	return c ? c : version_series_cmp(&x->vto, &y->vto);
}

/* Hops sorted by 'from' must form one chain: each starts where the last ended. */
static void check_chain(struct loader *L, struct content *c)
{
	qsort(c->hops, c->nhops, sizeof(*c->hops), hop_cmp);
	for (size_t i = 1; i < c->nhops; i++) {
		const struct content_hop *a = &c->hops[i - 1], *b = &c->hops[i];
		int cmp = version_series_cmp(&a->vto, &b->vfrom);
		if (cmp == 0)
			continue;
		L->file = b->pos.file;
		if (cmp < 0)
			diag_add(L->dl, b->pos.file, b->pos.line, b->pos.col,
				 "hops do not chain: %s ends at %s but no hop starts there "
				 "(the next one, %s, starts at %s)", a->id, a->to, b->id, b->from);
		else if (hop_cmp(a, b) == 0)
			diag_add(L->dl, b->pos.file, b->pos.line, b->pos.col,
				 "hop %s is defined twice (also in %s)", b->id, a->pos.file);
		else
			diag_add(L->dl, b->pos.file, b->pos.line, b->pos.col,
				 "hops overlap: %s starts at %s, before %s ends at %s", b->id,
				 b->from, a->id, a->to);
		L->problems++;
	}
}

enum status content_load_files(const struct content_file *guide,
			       const struct content_file *hops, size_t nhops,
			       const char *origin, struct content **out, struct diag_list *dl)
{
	struct loader L = { .dl = dl };
	const struct yt_node *root;
	bool all_parsed = true;
	enum status st;

	*out = NULL;
	L.c = calloc(1, sizeof(*L.c));
	if (!L.c)
		return ST_NOMEM;
	L.c->origin = arena_strdup(&L.c->arena, origin ? origin : "");
	root = parse_file(&L, guide);
	if (root)
		load_guide(&L, root);
	if (nhops == 0) {
		diag_add(dl, origin, 0, 0, "no hop files found");
		L.problems++;
	}
	L.c->hops = alloc(&L, nhops ? nhops : 1, sizeof(*L.c->hops));
	for (size_t i = 0; L.c->hops && i < nhops; i++) {
		root = parse_file(&L, &hops[i]);
		if (!root) {
			all_parsed = false;
			continue;
		}
		/* a hop unfit for the chain is left out, its slot reused */
		if (load_hop(&L, root, &L.c->hops[L.c->nhops]))
			L.c->nhops++;
		else
			all_parsed = false;
	}
	/* a chain check over half the hops would report gaps that are not there */
	if (all_parsed && L.c->nhops)
		check_chain(&L, L.c);
	if (L.nomem || dl->nomem)
		st = ST_NOMEM;
	else if (L.problems)
		st = ST_DATAERR;
	else
		st = ST_OK;
	if (st != ST_OK) {
		content_free(&L.c);
		diag_sort(dl);
		return st;
	}
	content_digest_items(L.c);
	*out = L.c;
	return ST_OK;
}

/* ---- files ------------------------------------------------------------- */

struct file_buf {
	char *name;
	unsigned char *data;
	size_t len;
};

static enum status read_file(const char *path, struct file_buf *fb, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	char *data = NULL;
	enum status st = file_read(path, NULL, CONTENT_MAX_FILE_SIZE, &data, &fb->len, &why);

	fb->data = (unsigned char *)data;
	if (st == ST_DATAERR) /* content that cannot be read is bad content */
		diag_add(dl, path, 0, 0, "%s", strbuf_str(&why));
	strbuf_release(&why);
	return st;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct file_buf *)a)->name, ((const struct file_buf *)b)->name);
}

static char *path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	size_t la = strlen(a);

	strbuf_adds(&sb, a);
	if (la && a[la - 1] != '/')
		strbuf_addc(&sb, '/');
	strbuf_adds(&sb, b);
	return strbuf_detach(&sb);
}

enum status content_load_dir(const char *dir, struct content **out, struct diag_list *dl)
{
	struct file_buf guide = { 0 }, *hops = NULL;
	struct content_file gf, *files = NULL;
	size_t nhops = 0, cap = 0;
	char *hopdir = NULL;
	DIR *d = NULL;
	struct dirent *de;
	enum status st = ST_NOMEM;

	*out = NULL;
	guide.name = path_join(dir, "guide.yaml");
	hopdir = path_join(dir, "hops");
	if (!guide.name || !hopdir)
		goto out;
	st = read_file(guide.name, &guide, dl);
	if (st != ST_OK)
		goto out;
	d = opendir(hopdir);
	if (!d) {
		diag_add(dl, hopdir, 0, 0, "cannot read directory: %s", strerror(errno));
		st = ST_DATAERR;
		goto out;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		if (len > 4 && strcmp(de->d_name + len - 4, ".yml") == 0) {
			char *p = path_join(hopdir, de->d_name);
			diag_add(dl, p ? p : de->d_name, 0, 0,
				 "content files must end in .yaml (this one is ignored)");
			free(p);
			st = ST_DATAERR;
			continue;
		}
		if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (nhops == MAX_HOP_FILES) {
			diag_add(dl, hopdir, 0, 0, "more than %d hop files", MAX_HOP_FILES);
			st = ST_DATAERR;
			goto out;
		}
		if (nhops == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct file_buf *p = realloc(hops, ncap * sizeof(*p));
			if (!p) {
				st = ST_NOMEM;
				goto out;
			}
			hops = p;
			cap = ncap;
		}
		memset(&hops[nhops], 0, sizeof(hops[nhops]));
		hops[nhops].name = path_join(hopdir, de->d_name);
		if (!hops[nhops].name) {
			st = ST_NOMEM;
			goto out;
		}
		nhops++;
	}
	if (nhops)
		qsort(hops, nhops, sizeof(*hops), name_cmp);
	files = calloc(nhops ? nhops : 1, sizeof(*files));
	if (!files) {
		st = ST_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < nhops; i++) {
		enum status rs = read_file(hops[i].name, &hops[i], dl);
		if (rs != ST_OK) {
			st = rs;
			goto out;
		}
		files[i] = (struct content_file){ hops[i].name, hops[i].data, hops[i].len };
	}
	gf = (struct content_file){ guide.name, guide.data, guide.len };
	{
		enum status ls = content_load_files(&gf, files, nhops, dir, out, dl);
		/* a stray .yml is a problem even when the rest loads */
		if (ls == ST_OK && st == ST_DATAERR)
			content_free(out);
		else
			st = ls;
	}
out:
	if (d)
		closedir(d);
	for (size_t i = 0; i < nhops; i++) {
		free(hops[i].name);
		free(hops[i].data);
	}
	free(hops);
	free(files);
	free(guide.name);
	free(guide.data);
	free(hopdir);
	if (st != ST_OK)
		diag_sort(dl);
	return st;
}

void content_free(struct content **c)
{
	if (!*c)
		return;
	arena_release(&(*c)->arena);
	free(*c);
	*c = NULL;
}

const struct content_hop *content_find_hop(const struct content *c, const char *id)
{
	for (size_t i = 0; i < c->nhops; i++)
		if (strcmp(c->hops[i].id, id) == 0)
			return &c->hops[i];
	return NULL;
}

enum status content_load_builtin(struct content **out, struct diag_list *dl)
{
	return content_load_files(&content_builtin_guide, content_builtin_hops,
				  content_builtin_nhops, "built-in", out, dl);
}
