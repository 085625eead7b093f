/*
 * render_json.h - the JSON of a plan (render.h) and of a session report
 * (report.h), the schemas documented there and in the README. Both write
 * through json_writer.h; errors are @out's sticky failure.
 */
#ifndef MU_RENDER_JSON_H
#define MU_RENDER_JSON_H

#include "document.h"
#include "plan.h"
#include "render.h"
#include "report.h"
#include "strbuf.h"

void render_json_plan(struct strbuf *out, const struct plan *p);
/*
 * The object of hop @hop as render_json_plan() writes it for a plan that
 * takes all of the hop, and that of its note @n or step @s (the other NULL;
 * @number, a step's in its hop from 1), written here a call at a time
 * whatever the content holds: what content/compile.c keeps as the built-in
 * content's plan_json.
 */
void render_json_plan_hop(struct strbuf *out, const struct content_hop *hop);
void render_json_plan_item(struct strbuf *out, const struct content_note *n,
			   const struct content_step *s, size_t number);
/* @r is a session's record (r->s set). */
void render_json_report(struct strbuf *out, const struct report *r);
/*
 * The same, each hop's items written from the session @view gives for it,
 * as document_render_views() writes them (document.h): a session of 50,000
 * agents with one hop's hosts' items in memory at a time. @view answers
 * NULL to stop (the JSON ends there, unclosed; @ctx keeps why).
 */
void render_json_report_views(struct strbuf *out, const struct report *r,
			      document_view_fn view, void *ctx);

#endif
