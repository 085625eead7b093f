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
 * The session a hop of report @r is written from, as document_render_views()
 * and render_json_report_views() ask it of a document_view_fn: @s, r->s or
 * a view; @first_note, @next_note its items' notes linked (r's for r->s, else
 * linked into @first and @next, kept from hop to hop). document_view_of()
 * asks @view (@ctx) for hop @h: false when it answers NULL (@ctx keeps why)
 * or memory ran out (@out failed); document_view_link() takes @s (not NULL)
 * as the session written from. document_view_release() frees the links.
 */
struct document_view {
	const struct session *s;
	const long *first_note, *next_note;
	long *first, *next;
};
#define DOCUMENT_VIEW_INIT(r) { .s = (r)->s, .first_note = (r)->first_note, .next_note = (r)->next_note }
bool document_view_of(struct document_view *dv, const struct report *r, document_view_fn view,
		      void *ctx, size_t h, struct strbuf *out);
bool document_view_link(struct document_view *dv, const struct report *r,
			const struct session *s, struct strbuf *out);
void document_view_release(struct document_view *dv);

/*
 * What a note @n or step @st (one of them NULL) says besides its text,
 * appended to @sb: "tool advice" for the project's, when and where a note
 * acts, from which patch release, its category and change, joined by "; ";
 * nothing when there is none. Every format and the wizard show these words.
 */
void document_item_tags(const struct content_note *n, const struct content_step *st,
			struct strbuf *sb);

#endif
