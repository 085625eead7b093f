/*
 * document_words.c - what the documents and the wizard say of an item or a
 * hop besides its text (document.h, document_emit.h): whose advice it is,
 * when and where a note acts, from which patch release, its category; where
 * a hop comes from and what of it a plan takes.
 */
#include <stdio.h>

#include "document.h"
#include "document_emit.h"

void document_item_tags(const struct content_note *n, const struct content_step *st,
			struct strbuf *sb)
{
	size_t start = sb->len;

#define TAG(...) (strbuf_adds(sb, sb->len > start ? "; " : ""), strbuf_addf(sb, __VA_ARGS__))
	if ((n && n->origin == ORIGIN_TOOL) || (st && st->origin == ORIGIN_TOOL))
		TAG(CONTENT_TOOL_WORDS);
	if (st && st->per_host && st->nbranches)
		TAG("a branch chosen for each host");
	if (n && n->when == NOTE_AFTER)
		TAG("once every binary is replaced");
	if (n && n->when == NOTE_PER_HOST)
		TAG("on each %s, before its step", content_role_name(n->role));
	if (n && n->since)
		TAG("since %s", n->since);
	if (n && n->category)
		TAG("%s%s%s", n->category, n->change ? ", " : "", n->change ? n->change : "");
	else if (n && n->change)
		TAG("%s", n->change);
#undef TAG
}

/* (document_emit.h) */
void document_hop_words(const struct plan *p, size_t h, struct strbuf *sb)
{
	const struct content_hop *hop = &p->hops[h];
	char from[32], to[32];

	if (hop->source == SOURCE_RELEASE_NOTES)
		strbuf_addf(sb, "%sfrom the release notes: %s", sb->len ? "; " : "",
			    hop->reference);
	else if (hop->reference)
		strbuf_addf(sb, "%sfrom the guide: %s", sb->len ? "; " : "", hop->reference);
	if (hop->standard_steps && !(p->partial_first && h == 0))
		strbuf_addf(sb, "%sthe source gives no steps: the steps are the standard rolling "
			    "order, " CONTENT_TOOL_WORDS, sb->len ? "; " : "");
	version_str(&p->from, from, sizeof(from));
	version_str(&p->to, to, sizeof(to));
	for (size_t i = 0, n = 0; !(p->partial_first && h == 0) && i < hop->nnotes; i++) {
		/* a note of a patch release the plan does not reach: say so, and which */
		if (plan_note_applies(p, h, &hop->notes[i]))
			continue;
		if (n++)
			strbuf_addf(sb, ", %s", hop->notes[i].since);
		else
			strbuf_addf(sb, "%snotes left out, of patch releases after %s: %s",
				    sb->len ? "; " : "", to, hop->notes[i].since);
	}
	if (p->partial_first && h == 0) {
		strbuf_addf(sb, "%sonly the notes of its patch releases after %s up to %s: the rest "
			    "of the hop was done on the way to %s", sb->len ? "; " : "", from, to,
			    from);
	}
}
