/*
 * content_items.c - a hop's steps, with their branches and languages, read
 * and checked (see content_loader.h and CONTENT.md).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_loader.h"
#include "strbuf.h"
#include "textutil.h"

/* ---- steps -------------------------------------------------------------- */

int loader_role(struct loader *L, const struct yt_node *v, const char *key)
{
	const char *role = loader_str(L, v, key, STR_ONE_LINE);
	char buf[80];

	if (!role)
		return -1;
	for (unsigned i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role, content_role_name((enum role)i)) == 0)
			return (int)i;
	loader_problem(L, v, "unknown role '%s' (expected master, agent, scheduler, executor or "
		       "module)", loader_shown(buf, role, strlen(role)));
	return -1;
}

static void load_branch(struct loader *L, const struct yt_node *item, void *elem, void *ids)
{
	static const struct key keys[] = {
		{ "id", true }, { "title", true }, { "points", true }, { "origin", false },
	};
	struct content_branch *b = elem;
	const struct yt_node *v[4];

	if (!loader_walk_map(L, item, "a branch", keys, 4, v))
		return;
	b->origin = loader_origin(L, v[3]);
	b->id = loader_id(L, v[0]);
	b->title = loader_str(L, v[1], "title", STR_ONE_LINE);
	if (v[2] && v[2]->kind == YT_SEQ && v[2]->count == 0)
		loader_problem(L, v[2], "a branch needs at least one point");
	else if (v[2])
		loader_points(L, v[2], &b->points);
	loader_check_unique(L, ids, b->id, v[0]);
}

static void load_branches(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	struct seen_id seen[16];
	struct id_scope ids = { "this step's branches", seen, 0 };

	if (n->kind != YT_SEQ) {
		loader_problem(L, n, "'branches' must be a list, not %s", yt_kind_name(n->kind));
		return;
	}
	if (n->count < 2) {
		loader_problem(L, n, "'branches' needs at least two alternatives");
		return;
	}
	if (n->count > 16) {
		loader_problem(L, n, "'branches' has more than 16 alternatives");
		return;
	}
	st->branches = loader_list(L, n, sizeof(*st->branches), load_branch, &ids);
	st->nbranches = st->branches ? n->count : 0;
}

static void load_language(struct loader *L, const struct yt_node *item, void *elem, void *unused)
{
	static const struct key keys[] = { { "language", true }, { "text", true } };
	const struct yt_node *v[2];
	struct content_lang *lg = elem;

	(void)unused;
	if (!loader_walk_map(L, item, "a language entry", keys, 2, v))
		return;
	lg->language = loader_str(L, v[0], "language", STR_ONE_LINE);
	lg->text = loader_str(L, v[1], "text", 0);
}

static void load_languages(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	if (n->kind != YT_SEQ || n->count == 0) {
		loader_problem(L, n, "'languages' must be a non-empty list");
		return;
	}
	st->languages = loader_list(L, n, sizeof(*st->languages), load_language, NULL);
	st->nlanguages = st->languages ? n->count : 0;
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

/* "verify: version": a per-host step whose hosts show it done by the version they run. */
static void load_verify(struct loader *L, const struct yt_node *v, struct content_step *st)
{
	const char *how = v ? loader_str(L, v, "verify", STR_ONE_LINE) : NULL;
	char buf[80];

	if (!how)
		return;
	if (strcmp(how, "version") != 0)
		loader_problem(L, v, "unknown verify '%s' (expected version: the hosts report the "
			"hop's target version once the step is done)",
			loader_shown(buf, how, strlen(how)));
	else if (!st->per_host)
		loader_problem(L, v, "'verify: version' is for steps done on each host (per_host: "
			"true): each host's running version shows it done");
	else
		st->verify = CONTENT_VERIFY_VERSION;
}

/* The step's role, when @v names one (else it is said, the role left as it is, and false). */
static bool step_role(struct loader *L, const struct yt_node *v, struct content_step *st)
{
	int role = loader_role(L, v, "role");

	if (role >= 0)
		st->role = (enum role)role;
	return role >= 0;
}

void loader_step(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	static const struct key keys[] = {
		{ "id", true }, { "role", true }, { "text", true }, { "detail", false },
		{ "points", false }, { "flags", false }, { "warning", false },
		{ "languages", false }, { "branches", false }, { "per_host", false },
		{ "verify", false }, { "origin", false },
	};
	const struct yt_node *v[sizeof(keys) / sizeof(*keys)];
	bool role_valid, valid;

	st->pos = (struct content_pos){ L->file, n->line, n->col };
	if (!loader_walk_map(L, n, "a step", keys, sizeof(keys) / sizeof(*keys), v))
		return;
	st->id = loader_id(L, v[0]);
	role_valid = step_role(L, v[1], st);
	st->text = loader_str(L, v[2], "text", 0);
	st->detail = v[3] ? loader_str(L, v[3], "detail", 0) : NULL;
	loader_points(L, v[4], &st->points);
	loader_strings(L, v[5], "flags", STR_ONE_LINE, &st->flags);
	for (size_t i = 0; i < st->flags.count; i++) {
		const char *f = st->flags.items[i];
		const struct yt_node *at = item_of(v[5], f);
		char buf[80];
		if (strncmp(f, "--", 2) != 0 || !f[2] || strchr(f, ' '))
			loader_problem(L, at, "flag '%s' must start with '--' and hold no spaces",
				loader_shown(buf, f, strlen(f)));
		else if (st->text && !names_flag(st->text, f))
			loader_problem(L, at, "flag '%s' is not named in the step's text",
				loader_shown(buf, f, strlen(f)));
	}
	st->warning = v[6] ? loader_str(L, v[6], "warning", 0) : NULL;
	if (v[7])
		load_languages(L, v[7], st);
	if (v[8])
		load_branches(L, v[8], st);
	st->per_host = loader_bool(L, v[9], "per_host", false, &valid);
	if (st->per_host && role_valid && st->role != ROLE_MASTER && st->role != ROLE_AGENT)
		loader_problem(L, v[9], "'per_host' is for steps done on each master or agent, not a %s "
			"step", content_role_name(st->role));
	load_verify(L, v[10], st);
	st->origin = loader_origin(L, v[11]);
}
