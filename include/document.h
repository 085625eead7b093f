/*
 * document.h - the checklist as a document: text, Markdown or HTML of a
 * report (report.h), the blank plan when it has no session.
 */
#ifndef MU_DOCUMENT_H
#define MU_DOCUMENT_H

#include "render.h"
#include "report.h"
#include "strbuf.h"

/* @f is FMT_TEXT, FMT_MD or FMT_HTML; FMT_JSON writes nothing (render_json.h). */
void document_render(struct strbuf *out, const struct report *r, enum render_format f);

/*
 * What a note @n or step @st (one of them NULL) says besides its text,
 * appended to @sb: "tool advice" for the project's, when and where a note
 * acts, from which patch release, its category and change, joined by "; ";
 * nothing when there is none. Every format and the wizard show these words.
 */
void document_item_tags(const struct content_note *n, const struct content_step *st,
			struct strbuf *sb);

#endif
