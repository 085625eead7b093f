/*
 * inventory.c - load and validate an inventory (see inventory.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_read.h"
#include "inventory.h"
#include "textutil.h"
#include "yamltree.h"

#define INVENTORY_MAX_FILE_SIZE (16u << 20)
#define HOST_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:"

bool inventory_host_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 253 || s[0] == '-' || s[0] == '.')
		return false;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == '_' || c == ':'))
			return false;
	}
	return true;
}

/*
 * A name for messages, in @sb (reset first): at most 60 bytes of it, cut at
 * a character boundary, anything unprintable shown visibly (\x1b, \u009b).
 */
static const char *shown(const struct yt_node *n, struct strbuf *sb)
{
	size_t cut = 0, k;
	uint32_t cp;

	while (cut < n->len && cut + (k = utf8_decode(n->str + cut, n->len - cut, &cp)) <= 60)
		cut += k;
	strbuf_reset(sb);
	text_add_terminal(sb, n->str, cut);
	if (cut < n->len)
		strbuf_adds(sb, "...");
	return strbuf_str(sb);
}

struct seen {
	const char *name;
	unsigned line, col;
};

/* By name, then by place: each run of equal names starts with the first one. */
static int seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : diag_place_cmp(x->line, x->col, y->line, y->col);
}

/* The host names of list @n (key @key); problems to @dl. */
static const char **host_list(struct inventory *inv, const char *file, const struct yt_node *n,
			      const char *key, size_t *count, struct diag_list *dl, bool *bad)
{
	const char **v;
	struct seen *s;
	size_t k = 0;
	struct strbuf name = STRBUF_INIT;

	*count = 0;
	if (n->kind != YT_SEQ) {
		diag_add(dl, file, n->line, n->col, "'%s' must be a list of host names", key);
		*bad = true;
		return NULL;
	}
	if (n->count > INVENTORY_MAX_HOSTS) {
		diag_add(dl, file, n->line, n->col, "'%s' has more than %d hosts", key,
			 INVENTORY_MAX_HOSTS);
		*bad = true;
		return NULL;
	}
	v = arena_alloc(&inv->arena, (n->count + 1) * sizeof(*v));
	s = calloc(n->count + 1, sizeof(*s));
	if (!v || !s) {
		free(s);
		diag_add(dl, file, 0, 0, "out of memory");
		*bad = true;
		return NULL;
	}
	for (const struct yt_node *it = n->first; it; it = it->next) {
		if (it->kind != YT_SCALAR) {
			diag_add(dl, file, it->line, it->col, "a host in '%s' must be a name, not %s",
				 key, yt_kind_name(it->kind));
			*bad = true;
			continue;
		}
		/* a plain null (~, null, Null, NULL) is YAML's "nothing", not a host "null" */
		bool null = it->plain && (yt_is(it, "~") || yt_is(it, "null") || yt_is(it, "Null") ||
					  yt_is(it, "NULL"));
		if (it->len == 0 || null || strlen(it->str) != it->len ||
		    !inventory_host_valid(it->str)) {
			shown(it, &name);
			if (it->len == 0 || null)
				diag_add(dl, file, it->line, it->col, "empty host name in '%s'", key);
			else if (it->len > 253 && strspn(it->str, HOST_CHARS) == it->len &&
				 it->str[0] != '-' && it->str[0] != '.')
				diag_add(dl, file, it->line, it->col, "host name '%s' in '%s' is %zu "
					 "characters long: at most 253", strbuf_str(&name), key, it->len);
			else
				diag_add(dl, file, it->line, it->col,
					 "bad host name '%s' in '%s': use letters, digits, '.', '-', "
					 "'_' and ':', not starting with '-' or '.'", strbuf_str(&name),
					 key);
			*bad = true;
			continue;
		}
		s[k].name = it->str;
		s[k].line = it->line;
		s[k].col = it->col;
		v[k++] = it->str;
	}
	/* duplicates: sort a copy, report every later one against the first */
	qsort(s, k, sizeof(*s), seen_cmp);
	for (size_t i = 1, first = 0; i < k; i++) {
		if (strcmp(s[i].name, s[first].name)) {
			first = i;
			continue;
		}
		diag_add(dl, file, s[i].line, s[i].col, "host '%s' is listed twice in '%s' (first at "
			 "line %u)", s[i].name, key, s[first].line);
		*bad = true;
	}
	free(s);
	strbuf_release(&name);
	*count = k;
	return v;
}

enum status inventory_parse(const char *file, const unsigned char *data, size_t len,
			    struct inventory **out, struct diag_list *dl)
{
	struct inventory *inv = calloc(1, sizeof(*inv));
	const struct yt_node *v[3] = { NULL, NULL, NULL };
	static const char *const keys[3] = { "masters", "agents", "leader" };
	struct yt_node *root = NULL;
	bool bad = false;

	*out = NULL;
	if (!inv)
		return ST_NOMEM;
	if (len > INVENTORY_MAX_FILE_SIZE) {
		diag_add(dl, file, 0, 0, "file is larger than 16 MiB");
		goto fail;
	}
	if (!yt_parse(&inv->arena, file, data, len, &root, dl))
		goto fail;
	if (!root) {
		diag_add(dl, file, 1, 1, "the inventory is empty: it needs 'masters:' and 'agents:'");
		goto fail;
	}
	if (root->kind != YT_MAP) {
		diag_add(dl, file, root->line, root->col, "an inventory must be a mapping with "
			 "'masters:' and 'agents:'");
		goto fail;
	}
	for (const struct yt_node *k = root->first; k && k->next; k = k->next->next) {
		size_t i;
		for (i = 0; i < 3; i++)
			if (yt_is(k, keys[i]))
				break;
		if (i == 3) {
			struct strbuf name = STRBUF_INIT;
			diag_add(dl, file, k->line, k->col, "unknown key '%s' in the inventory "
				 "(expected masters, agents, leader)",
				 k->kind == YT_SCALAR ? shown(k, &name) : "?");
			strbuf_release(&name);
			bad = true;
		} else if (v[i]) {
			diag_add(dl, file, k->line, k->col, "duplicate key '%s' (first at line %u)",
				 keys[i], v[i]->line);
			bad = true;
		} else {
			v[i] = k->next;
		}
	}
	for (size_t i = 0; i < 2; i++)
		if (!v[i]) {
			diag_add(dl, file, root->line, root->col, "missing key '%s' in the inventory",
				 keys[i]);
			bad = true;
		}
	if (v[0])
		inv->masters = host_list(inv, file, v[0], "masters", &inv->nmasters, dl, &bad);
	if (v[1])
		inv->agents = host_list(inv, file, v[1], "agents", &inv->nagents, dl, &bad);
	if (v[0] && v[1] && !bad && !inv->nmasters && !inv->nagents) {
		diag_add(dl, file, root->line, root->col, "the inventory lists no hosts");
		bad = true;
	}
	if (v[2]) {
		const struct yt_node *l = v[2];
		size_t i;
		if (l->kind != YT_SCALAR || !l->len) {
			diag_add(dl, file, l->line, l->col, "'leader' must be the name of a master");
			bad = true;
		} else {
			for (i = 0; i < inv->nmasters; i++)
				if (!strcmp(inv->masters[i], l->str))
					break;
			if (i == inv->nmasters) {
				struct strbuf name = STRBUF_INIT;
				diag_add(dl, file, l->line, l->col, "leader '%s' is not one of the masters",
					 shown(l, &name));
				strbuf_release(&name);
				bad = true;
			} else {
				/* the leader last: one failover, onto an upgraded master */
				inv->leader = inv->masters[i];
				memmove(&inv->masters[i], &inv->masters[i + 1],
					(inv->nmasters - i - 1) * sizeof(*inv->masters));
				inv->masters[inv->nmasters - 1] = inv->leader;
			}
		}
	}
	if (bad)
		goto fail;
	*out = inv;
	return ST_OK;
fail:
	diag_sort(dl);
	inventory_free(&inv);
	return dl->nomem ? ST_NOMEM : ST_DATAERR;
}

enum status inventory_load(const char *path, struct inventory **out, struct diag_list *dl)
{
	char *data = NULL;
	size_t n = 0;
	enum status st;

	*out = NULL;
	st = file_read_diag(path, "the inventory", INVENTORY_MAX_FILE_SIZE, &data, &n, dl);
	if (st == ST_OK)
		st = inventory_parse(path, (const unsigned char *)data, n, out, dl);
	free(data);
	return st;
}

void inventory_free(struct inventory **inv)
{
	if (!*inv)
		return;
	arena_release(&(*inv)->arena);
	free(*inv);
	*inv = NULL;
}
