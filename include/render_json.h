/*
 * render_json.h - the JSON of a plan (render.h) and of a session report
 * (report.h), the schemas documented there and in the README. Both write
 * through json_writer.h; errors are @out's sticky failure.
 */
#ifndef MU_RENDER_JSON_H
#define MU_RENDER_JSON_H

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
/*
 * What stands between the members of two hops next to each other in a
 * plan's JSON (the end of one object, the array's comma and line break, the
 * start of the next): content/compile.c writes it between consecutive hops'
 * members in plan_json, so that the hops a plan takes whole are one piece of
 * it (render_json_plan()).
 */
#define JSON_PLAN_BETWEEN_HOPS "},\n{"
#define JSON_PLAN_BETWEEN_HOPS_LEN (sizeof(JSON_PLAN_BETWEEN_HOPS) - 1)
void render_json_plan_item(struct strbuf *out, const struct content_note *n,
			   const struct content_step *s, size_t number);
/* @r is a session's record (r->s set). */
void render_json_report(struct strbuf *out, const struct report *r);
/*
 * The same, @r's session (r->s) missing the hosts' items of some per-host
 * steps (those with fewer loaded than they have: the view of no hop's
 * agents, session_load_view()): each such step's hosts written from the
 * sessions @hosts gives for step @si, a batch of agents at a time from the
 * @first'th, until it sets *@next 0 (session_hop_hosts(), whose item 0 is
 * the step, followed by its hosts' items). A session of 50,000 agents is
 * written with one batch's items in memory. @hosts answers NULL to stop
 * (the JSON ends there, unclosed; @ctx keeps why).
 */
typedef const struct session *(*render_json_hosts_fn)(void *ctx, size_t si, size_t first,
						     size_t *next);
void render_json_report_hosts(struct strbuf *out, const struct report *r,
			      render_json_hosts_fn hosts, void *ctx);
/* Event @e of @r's timeline into @sp, as the report's "timeline" has it (document_timeline_row()). */
void render_json_timeline_row(const struct report *r, struct report_spool *sp,
			      const struct journal_event *e);

#endif
