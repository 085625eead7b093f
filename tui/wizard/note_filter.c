/*
 * note_filter.c - which of a hop's notes the checklist shows (f on the main
 * screen): every note, those for one audience, or those of one category of
 * the upstream overview table. Steps always show, and so does a note placed
 * among them ('when: after' or 'per-host'): it is done in their order.
 */
#include <stdio.h>

#include "wizard.h"

/* 0: every note; then one filter per audience; then one per category. */
#define NOTE_FILTER_COUNT (1 + AUD_COUNT + CONTENT_CATEGORY_COUNT)

bool note_filter_lets(unsigned f, const struct session_item *it)
{
	const struct content_note *n = it->note;

	if (f == 0 || !n || n->when != NOTE_BEFORE)
		return true;
	if (f <= AUD_COUNT)
		return (n->audience & (1u << (f - 1))) != 0;
	return n->category && n->category == content_category_names[f - 1 - AUD_COUNT];
}

void note_filter_name(unsigned f, char *buf, size_t size)
{
	if (f == 0)
		snprintf(buf, size, "every note");
	else if (f <= AUD_COUNT)
		snprintf(buf, size, "notes for %s", content_audience_name((enum audience)(1u << (f - 1))));
	else
		snprintf(buf, size, "notes of category %s", content_category_names[f - 1 - AUD_COUNT]);
}

/* Does filter @f let through a note of hop @hop that another filter would hide? */
static bool note_filter_useful(unsigned f, const struct session *s, size_t hop)
{
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->hop == hop && !it->host && it->note && it->note->when == NOTE_BEFORE &&
		    note_filter_lets(f, it))
			return true;
	}
	return false;
}

unsigned note_filter_next(unsigned f, const struct session *s, size_t hop)
{
	for (unsigned k = 1; k < NOTE_FILTER_COUNT; k++) {
		unsigned g = (f + k) % NOTE_FILTER_COUNT;
		if (g == 0 || note_filter_useful(g, s, hop))
			return g;
	}
	return 0;
}
