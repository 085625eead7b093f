/*
 * content_items.c - a hop's notes and steps, read and checked (see
 * content_loader.h and CONTENT.md).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_loader.h"
#include "strbuf.h"
#include "textutil.h"

/* ---- notes and steps --------------------------------------------------- */

void loader_note(struct loader *L, const struct yt_node *n, struct content_note *note)
{
	static const struct key keys[] = {
		{ "id", true }, { "title", true }, { "audience", true }, { "text", true },
		{ "points", false }, { "code", false },
	};
	const struct yt_node *v[6];

	note->pos = (struct content_pos){ L->file, n->line, n->col };
	if (!loader_walk_map(L, n, "a note", keys, 6, v))
		return;
	note->id = loader_id(L, v[0]);
	note->title = loader_str(L, v[1], "title", STR_ONE_LINE);
	note->text = loader_str(L, v[3], "text", 0);
	loader_strings(L, v[4], "points", 0, &note->points);
	note->code = v[5] ? loader_str(L, v[5], "code", STR_TABS) : NULL;

	if (v[2]) {
		const struct yt_node *a = v[2], *it;
		if (a->kind == YT_MAP) {
			loader_problem(L, a, "'audience' must be one audience or a list of them, "
				"not a mapping");
			return;
		}
		if (a->kind == YT_SEQ && a->count == 0) {
			loader_problem(L, a, "'audience' is an empty list (name at least one audience)");
			return;
		}
		it = a->kind == YT_SEQ ? a->first : a;
		for (; it; it = a->kind == YT_SEQ ? it->next : NULL) {
			const char *s = loader_str(L, it, "audience", STR_ONE_LINE);
			unsigned i;
			if (!s)
				continue;
			for (i = 0; i < AUD_COUNT; i++)
				if (strcmp(s, content_audience_name((enum audience)(1u << i))) == 0)
					break;
			if (i == AUD_COUNT) {
				char buf[80];
				loader_problem(L, it, "unknown audience '%s' (expected operator, "
					"framework-developer, module-writer or binding-developer)",
					loader_shown(buf, s, strlen(s)));
				continue;
			}
			if (note->audience & (1u << i))
				loader_problem(L, it, "audience '%s' is listed twice", s);
			note->audience |= 1u << i;
		}
	}
}

static void load_branch(struct loader *L, const struct yt_node *item, void *elem, void *ids)
{
	static const struct key keys[] = { { "id", true }, { "title", true }, { "points", true } };
	struct content_branch *b = elem;
	const struct yt_node *v[3];

	if (!loader_walk_map(L, item, "a branch", keys, 3, v))
		return;
	b->id = loader_id(L, v[0]);
	b->title = loader_str(L, v[1], "title", STR_ONE_LINE);
	if (v[2] && v[2]->kind == YT_SEQ && v[2]->count == 0)
		loader_problem(L, v[2], "a branch needs at least one point");
	else if (v[2])
		loader_strings(L, v[2], "points", 0, &b->points);
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

void loader_step(struct loader *L, const struct yt_node *n, struct content_step *st)
{
	static const struct key keys[] = {
		{ "id", true }, { "role", true }, { "text", true }, { "detail", false },
		{ "points", false }, { "flags", false }, { "warning", false },
		{ "languages", false }, { "branches", false }, { "per_host", false },
		{ "verify", false },
	};
	const struct yt_node *v[11];
	const char *role;

	st->pos = (struct content_pos){ L->file, n->line, n->col };
	if (!loader_walk_map(L, n, "a step", keys, 11, v))
		return;
	st->id = loader_id(L, v[0]);
	role = loader_str(L, v[1], "role", STR_ONE_LINE);
	if (role) {
		unsigned i;
		for (i = 0; i < ROLE_COUNT; i++)
			if (strcmp(role, content_role_name((enum role)i)) == 0)
				break;
		if (i == ROLE_COUNT) {
			char buf[80];
			loader_problem(L, v[1], "unknown role '%s' (expected master, agent, scheduler, "
				"executor or module)", loader_shown(buf, role, strlen(role)));
		} else {
			st->role = (enum role)i;
		}
	}
	st->text = loader_str(L, v[2], "text", 0);
	st->detail = v[3] ? loader_str(L, v[3], "detail", 0) : NULL;
	loader_strings(L, v[4], "points", 0, &st->points);
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
	{
		bool valid;
		st->per_host = loader_bool(L, v[9], "per_host", false, &valid);
	}
	if (st->per_host && role && st->role != ROLE_MASTER && st->role != ROLE_AGENT)
		loader_problem(L, v[9], "'per_host' is for steps done on each master or agent, not a %s "
			"step", content_role_name(st->role));
	else if (st->per_host && v[8])
		loader_problem(L, v[9], "'per_host' and 'branches' do not go together: the alternative is "
			"chosen once for the step");
	load_verify(L, v[10], st);
}
