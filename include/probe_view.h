/*
 * probe_view.h - a probe of the cluster as "probe" prints it.
 *
 * JSON (documented in the README, stable):
 *   { "probed": TIME, "leader": HOST | null,
 *     "masters": [ { "url", "host", "version", "leader": bool, "reachable": bool,
 *                    "error": null | TEXT } ],
 *     "agents": [ { "host", "version", "active": bool, "recovered": bool } ],
 *     "frameworks_without_checkpoint": [ NAME, ... ],
 *     "warnings": [ { "kind", "text" } ] }
 * Text: the leader, each master with its URL and version (or why it did not
 * answer), how many agents run each version, and the warnings.
 */
#ifndef MU_PROBE_VIEW_H
#define MU_PROBE_VIEW_H

#include "cluster_probe.h"
#include "json_writer.h"
#include "render.h"
#include "strbuf.h"

/* @r as @f (FMT_TEXT or FMT_JSON) into @out. */
void probe_view(struct strbuf *out, const struct probe_result *r, enum render_format f);
/* The JSON object of @r, for a document that holds it ("verify"'s "probe"). */
void probe_view_json(struct json_writer *w, const struct probe_result *r);
void probe_view_text(struct strbuf *out, const struct probe_result *r);

#endif
