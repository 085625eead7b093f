/*
 * content_note.c - a note of a hop, read and checked (see content_loader.h
 * and CONTENT.md): its text, who it concerns, and when and where it acts.
 * What a note's keys need of its hop (a step of its role, the hop's series)
 * is checked by content_order.c once the whole hop is read.
 */
#include <stdio.h>
#include <string.h>

#include "content_builtin.h"
#include "content_loader.h"

const char content_category_text[CONTENT_CATEGORY_COUNT][16] = {
	"Mesos Core", "Flags", "Framework API", "Module API", "Endpoints",
};
const char *const content_category_names[CONTENT_CATEGORY_COUNT] = {
	content_category_text[0], content_category_text[1], content_category_text[2],
	content_category_text[3], content_category_text[4],
};
const char content_change_text[CONTENT_CHANGE_COUNT][16] = {
	"added", "changed", "deprecated", "removed",
};
const char *const content_change_names[CONTENT_CHANGE_COUNT] = {
	content_change_text[0], content_change_text[1], content_change_text[2],
	content_change_text[3],
};

static const char *const when_names[] = { "before", "after", "per-host" };

const char *content_when_name(enum note_when w)
{
	return (unsigned)w < 3 ? when_names[w] : "?";
}

static void load_audience(struct loader *L, const struct yt_node *a, struct content_note *note)
{
	const struct yt_node *it;

	if (a->kind == YT_MAP) {
		loader_problem(L, a, "'audience' must be one audience or a list of them, not a mapping");
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

/* 'when' and, with 'when: per-host', the 'role' of the hosts it acts on. */
static void load_when(struct loader *L, const struct yt_node *when, const struct yt_node *role,
		      const struct yt_node *at, struct content_note *note)
{
	int w = loader_enum(L, when, "when", when_names, 3, "before, after or per-host");

	note->when = w < 0 ? NOTE_BEFORE : (enum note_when)w;
	if (note->when == NOTE_PER_HOST && !role) {
		loader_problem(L, at, "a note with 'when: per-host' needs 'role: master' or "
			       "'role: agent': the hosts it acts on");
		return;
	}
	if (role && (!when || w >= 0) && note->when != NOTE_PER_HOST) {
		loader_problem(L, role, "'role' is for notes with 'when: per-host': the hosts it acts on");
		return;
	}
	if (!role)
		return;
	int r = loader_role(L, role, "role");
	if (r >= 0 && r != ROLE_MASTER && r != ROLE_AGENT)
		loader_problem(L, role, "a per-host note acts on each master or agent, not on a %s",
			       content_role_name((enum role)r));
	else if (r >= 0)
		note->role = (enum role)r;
}

/* 'since': a patch release "1.2.1" (its series is checked against the hop's by content_order.c). */
static void load_since(struct loader *L, const struct yt_node *v, struct content_note *note)
{
	const char *s = loader_str(L, v, "since", STR_ONE_LINE);
	char buf[80];

	if (!s)
		return;
	if (!version_parse(s, &note->vsince) || note->vsince.kind != VERSION_RELEASE)
		loader_problem(L, v, "'since' must be a patch release such as \"1.2.1\", not '%s'",
			       loader_shown(buf, s, strlen(s)));
	else if (note->vsince.patch == 0)
		loader_problem(L, v, "'since' %s is the series' first release: the note applies to the "
			       "whole hop, so leave 'since' out", s);
	else
		note->since = s;
}

void loader_note(struct loader *L, const struct yt_node *n, struct content_note *note)
{
	static const struct key keys[] = {
		{ "id", true }, { "title", true }, { "audience", true }, { "text", true },
		{ "points", false }, { "code", false }, { "warning", false }, { "origin", false },
		{ "when", false }, { "role", false }, { "role_first", false }, { "since", false },
		{ "category", false }, { "change", false },
	};
	const struct yt_node *v[14];
	int i;

	note->pos = (struct content_pos){ L->file, n->line, n->col };
	if (!loader_walk_map(L, n, "a note", keys, 14, v))
		return;
	note->id = loader_id(L, v[0]);
	note->title = loader_str(L, v[1], "title", STR_ONE_LINE);
	note->text = loader_str(L, v[3], "text", 0);
	loader_points(L, v[4], &note->points);
	note->code = v[5] ? loader_str(L, v[5], "code", STR_TABS) : NULL;
	note->warning = v[6] ? loader_str(L, v[6], "warning", 0) : NULL;
	note->origin = loader_origin(L, v[7]);
	load_when(L, v[8], v[9], n, note);
	if (v[10] && (i = loader_role(L, v[10], "role_first")) >= 0) {
		note->moves_role = true;
		note->role_first = (enum role)i;
	}
	if (v[11])
		load_since(L, v[11], note);
	i = loader_enum(L, v[12], "category", content_category_names, CONTENT_CATEGORY_COUNT,
			"Mesos Core, Flags, Framework API, Module API or Endpoints");
	note->category = i >= 0 ? content_category_names[i] : NULL;
	i = loader_enum(L, v[13], "change", content_change_names, CONTENT_CHANGE_COUNT,
			"added, changed, deprecated or removed");
	note->change = i >= 0 ? content_change_names[i] : NULL;
	if (v[2])
		load_audience(L, v[2], note);
}
