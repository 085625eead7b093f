/*
 * status_view.h - a session's state as text or JSON ("status", "sessions").
 *
 * The JSON of "status" (documented in the README, stable):
 *   { "session": { "id", "from", "to", "title", "operator", "host", "created",
 *                  "status" ("open" | "finished"), "finished" (time or null),
 *                  "last_activity" (time or null), "window_end" ("HH:MM", local
 *                  time, or null), "content_version", "content_digest",
 *                  "content_changed", "content_dir" (absolute, or null when built
 *                  in or not recorded), "content_missing" (true: planned with other
 *                  content, listed by "sessions"), "hint" (then how to read it, else null) },
 *     "totals": { "items", "done", "skipped", "pending", "forced", "removed" },
 *     "cluster": the latest probe: { "probed", "operator", "host", "leader" (host or
 *                null), "masters", "masters_answered", "agents",
 *                "warnings": [ { "kind", "text" } ] }, or null when never probed,
 *     "excluded": [ { "host", "role" ("master" | "agent"), "note" (the reason),
 *                     "operator", "time", "forced" } ]: the hosts excluded now,
 *     "hops": [ { "id", "from", "to", "title", "ordered",
 *                 "done", "skipped", "pending",
 *                 "items": [ { "id", "kind" ("note" | "step"),
 *                              "host" (a host's item of a per-host step: the host, else null),
 *                              "leader" (the leading master), "hosts" (a per-host step
 *                              with an inventory: { "total", "done", "skipped", "pending" },
 *                              else null), "number" (steps: 1..n,
 *                              notes: null), "title", "role" (steps) ,
 *                              "state" ("pending" | "done" | "skipped"),
 *                              "locked" (why it cannot be done now, or null),
 *                              "branch" (chosen branch id or null), "forced",
 *                              "drift" ("none" | "changed" | "added" | "removed"),
 *                              "changed_since_done",
 *                              "change": { "action", "time", "operator", "host",
 *                                          "text", "forced" } or null,
 *                              "note": { same shape: the latest note } or null,
 *                              "live" (a host's item, from the latest probe:
 *                                      { "version" (null: unknown), "observed" }, else null),
 *                              "live_mismatch" (done, but the host last reported an
 *                                               older series than the hop's) } ] } ] }
 * "change" is the event that set the item's current state (or undid it).
 */
#ifndef MU_STATUS_VIEW_H
#define MU_STATUS_VIEW_H

#include "json_writer.h"
#include "render.h"
#include "session.h"
#include "session_live.h"
#include "strbuf.h"

/* The whole state of @s, with what the latest probe saw (@live may be NULL);
 * @f is FMT_TEXT or FMT_JSON. The text sums a per-host step up (its counts
 * and first pending hosts) unless @all_hosts; the JSON has every item. */
void status_view(struct strbuf *out, const struct session *s, const struct session_live *live,
		 enum render_format f, bool all_hosts);

/*
 * The parts of status_view()'s text with every host ("status --hosts"), so
 * that each hop is worded from a view with that hop's agents
 * (status_hosts_text.c): the head (the session, the cluster, its hosts),
 * hop @h with its items (the probe's warnings when it is the first hop
 * with pending items), and the "Next" line (empty when @s is finished).
 * status_view() of @s is the head, every hop in turn, then the next line.
 */
void status_view_text_head(struct strbuf *out, const struct session *s,
			   const struct session_live *live);
void status_view_text_hop(struct strbuf *out, const struct session *s,
			  const struct session_live *live, size_t h);
/* The item to do next, unless @s is finished. */
void status_view_text_next(struct strbuf *out, const struct session *s);

/* ---- the session's hosts (status_hosts.c) -------------------------------- */

/* "HOST (ROLE): REASON; by OPERATOR@HOST at TIME", raw: one excluded host. */
void status_view_excluded_line(struct strbuf *out, const struct journal_exclusion *x);
/* "N hosts from FILE, by OPERATOR@HOST at TIME; items from hop H on", raw: an inventory edit. */
void status_view_edit_line(struct strbuf *out, const struct journal_edit *e);
/* "Hosts added: ..." per inventory edit, then "Excluded hosts (N):" and a line per host. */
void status_view_hosts_text(struct strbuf *out, const struct session *s);
/* The member "excluded": [ ... ] above. */
void status_view_excluded_json(struct json_writer *w, const struct session *s);

/*
 * Why pending item @k is locked, as session_block_text() words it, in @why
 * (reset first); NULL when it is not locked. A step's hosts share its block
 * (one blocker, one hop, only the id differs): the words after the id are
 * worked out once per blocker in @m, not a refusal built per host item.
 * @m starts as STATUS_LOCK_MEMO_INIT and is released with
 * status_lock_memo_release().
 */
struct status_lock_memo {
	bool valid;
	enum session_block kind;
	long blocker;
	size_t hop, after_id;   /* the hop of the items it holds for; where the id ends */
	struct strbuf text;     /* the last text worked out */
};
#define STATUS_LOCK_MEMO_INIT { .valid = false, .text = STRBUF_INIT }
const char *status_view_lock_text(struct status_lock_memo *m, const struct session *s, size_t k,
				  struct strbuf *why);
void status_lock_memo_release(struct status_lock_memo *m);
/* The line under per-host step @step: its first pending hosts, and how many more. */
void status_view_pending_hosts(struct strbuf *out, const struct session *s, size_t step);
/* "warnings": [ { "kind", "text" } ] of probe @p. */
void status_view_warnings_json(struct json_writer *w, const struct journal_probe *p);
/* The fields of probe @p after its time: "operator", "host", "leader", "masters",
 * "masters_answered", "agents", "warnings". */
void status_view_probe_json(struct json_writer *w, const struct journal_probe *p);
/* "cluster" of the JSON above: the latest probe, or null. */
void status_view_cluster_json(struct json_writer *w, const struct session_live *live);

/*
 * The items of hop @h of @s from *@i (where they start) on: where they start
 * and how many of them (not hosts' items, nor removed ones) stand done,
 * skipped and pending; *@i ends past them. (The text and the JSON alike.)
 */
struct status_hop_count {
	size_t first, done, skipped, pending;
};
struct status_hop_count status_view_hop_count(const struct session *s, size_t h, size_t *i);

/* One row of "sessions": id, range, status, progress, title, who, when. */
void status_view_session_line(struct strbuf *out, const struct session *s);
/* The "session" object above; with @totals, with the "totals" object inside it. */
void status_view_session_json(struct json_writer *w, const struct session *s, bool totals);
/* The members "id", "from", "to", "title", "ordered" of a hop (plan, status, report). */
void status_view_hop_json(struct json_writer *w, const struct content_hop *hop);
/* The members "operator", "host", "text" of an event: who said what. */
void status_view_said_json(struct json_writer *w, const struct journal_event *e);
/* The member "totals": { "items", "done", "skipped", "pending", "forced", "removed" }. */
void status_view_totals_json(struct json_writer *w, size_t items, size_t done, size_t skipped,
			     size_t pending, size_t forced, size_t removed);

/*
 * The JSON of status_view() with each hop's items taken from the session
 * @hop_of(@ctx, h) gives (a view with that hop's agents, session_load_view(),
 * read as the previous one is done with; NULL: out of memory, @out failed);
 * the rest from @top. So a session of any size is written with one hop's
 * items in memory at a time.
 */
typedef const struct session *status_hop_fn(void *ctx, size_t h);
void status_view_json_hops(struct strbuf *out, const struct session *top,
			   const struct session_live *live, status_hop_fn *hop_of, void *ctx);
/*
 * The same, with the memory of a batch of agents, not of a hop's: each hop's
 * items @top's (@hop_of's when the content changed), each per-host step
 * @si whose hosts' items @top lacks followed by those of @batch_of(@ctx, si,
 * first, &next) (session_hop_batch(): the view of its hop with a batch of
 * its agents, from first 0, then next, until next is 0; NULL: @out failed).
 */
typedef const struct session *status_batch_fn(void *ctx, size_t si, size_t first, size_t *next);
void status_view_json_batches(struct strbuf *out, const struct session *top,
			      const struct session_live *live, status_hop_fn *hop_of,
			      status_batch_fn *batch_of, void *ctx);

/*
 * "status --format json" of session @id into @out (streamed, as it sinks),
 * a batch of a hop's agents read at a time (status_view_json_batches()), in one
 * read of the journal; a session the views cannot read exactly (the content
 * changed) loaded whole. Journal errors as journal.h says, said in @dl.
 */
enum status session_status_json(struct strbuf *out, struct journal *j, const struct content *c,
				int64_t id, const struct session_live *live, struct diag_list *dl);

#endif
