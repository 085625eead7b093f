/*
 * render.h - the checklist as text, Markdown, HTML or JSON: the blank plan
 * and a session's record (report.h), from one model each. JSON goes through
 * render_json.h, the other formats through one walk of the document and an
 * emitter per format (document.h).
 *
 * Renderers append to a strbuf and never fail except for memory (the
 * strbuf's sticky failure flag). Every string from content passes through
 * the escaping of textutil.h for the format it lands in.
 *
 * The JSON of a plan (documented in the README, stable):
 *   { "product", "content_version", "from", "to",
 *     "hops": [ { "id", "from", "to", "title", "ordered", "source", "reference",
 *                 "order_note", "standard_steps", "patch_notes_only",
 *                 "notes": [ { "id", "title", "text", "audience": [..],
 *                              "points": [..], "code", "warning", "origin", "when",
 *                              "role", "since", "category", "change" } ],
 *                 "steps": [ { "id", "number", "text", "role", "detail",
 *                              "points": [..], "flags": [..], "warning", "per_host",
 *                              "origin", "languages": [ { "language", "text" } ],
 *                              "branches": [ { "id", "title", "points": [..],
 *                                              "origin" } ] } ],
 *                 "order": [ ids ] } ] }
 * Ids are full item ids ("HOP/ID"); absent texts are null, absent lists [].
 */
#ifndef MU_RENDER_H
#define MU_RENDER_H

#include <stdbool.h>

#include "plan.h"
#include "report.h"
#include "strbuf.h"

enum render_format { FMT_TEXT, FMT_MD, FMT_JSON, FMT_HTML };

/* Parse a --format value; false when unknown. */
bool render_format_parse(const char *s, enum render_format *f);
const char *render_format_name(enum render_format f);

/* The blank checklist of @p: what to read and do, nothing recorded (any format). */
void render_plan(struct strbuf *out, const struct plan *p, enum render_format f);
/* The record of a session, or the blank plan when r->s is NULL (any format). */
void report_render(struct strbuf *out, const struct report *r, enum render_format f);

#endif
