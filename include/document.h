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
 * The same, each hop written from the session @view gives for it: r->s, or a
 * view of the same session that has that hop's hosts' items (a hop of 50,000
 * agents read when it is written, not every hop's at once). @view answers
 * NULL to stop (the document ends there; @ctx keeps why).
 */
typedef const struct session *(*document_view_fn)(void *ctx, size_t hop);
void document_render_views(struct strbuf *out, const struct report *r, enum render_format f,
			   document_view_fn view, void *ctx);

/*
 * What a note @n or step @st (one of them NULL) says besides its text,
 * appended to @sb: "tool advice" for the project's, when and where a note
 * acts, from which patch release, its category and change, joined by "; ";
 * nothing when there is none. Every format and the wizard show these words.
 */
void document_item_tags(const struct content_note *n, const struct content_step *st,
			struct strbuf *sb);

#endif
