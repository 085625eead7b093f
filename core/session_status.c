/*
 * session_status.c - what "status" reads to sum a session up: the view of
 * no hop's agents (session_partial.c), and for each per-host step whose
 * agents it lacks, the first pending hosts, asked of the journal. When a
 * host needs a look that only reading every host's item finds (a forced
 * one, one done under other content, a probe's versions to compare), the
 * whole session is read instead.
 */
#include <stdlib.h>
#include <string.h>

#include "session_private.h"
#include "status_view.h"

/* Whether any per-host step of @id has a host forced, or resolved under other content. */
static enum status needs_look(struct journal *j, struct session *s, bool *look)
{
	struct journal_host_count *cnt;
	size_t n;
	enum status st = journal_host_counts(j, s->info.id, &s->arena, &cnt, &n);

	*look = false;
	for (size_t i = 0; st == ST_OK && i < n; i++)
		*look = *look || cnt[i].forced || cnt[i].stale;
	return st;
}

/* The first pending hosts of each per-host step whose hosts' items @s lacks. */
static enum status name_pending(struct journal *j, struct session *s)
{
	enum status st = ST_OK;

	for (size_t i = 0; st == ST_OK && i < s->nitems; i++) {
		struct session_item *it = &s->items[i];
		enum role role;
		if (it->host || it->nloaded == it->nhosts ||
		    it->hosts_done + it->hosts_skipped == it->nhosts ||
		    !content_per_host(it->note, it->step, &role))
			continue;
		st = journal_pending_hosts(j, s->info.id, content_role_name(role), it->id,
					   SESSION_PENDING_NAMED, &s->arena, &it->pending_named,
					   &it->npending_named);
	}
	return st;
}

enum status session_load_summary(struct journal *j, const struct content *c, int64_t id,
				 bool probed, struct session **out, struct diag_list *dl)
{
	bool look = probed, began = false;
	enum status st = probed ? ST_OK : journal_read_begin(j, &began);

	*out = NULL;
	if (st == ST_OK && !probed)
		st = session_load_view(j, c, id, SESSION_NO_HOP, out, dl);
	if (st == ST_OK && !probed && (*out)->partial)
		st = needs_look(j, *out, &look);
	if (st == ST_OK && !look && (*out)->partial)
		st = name_pending(j, *out);
	journal_read_end(j, began);
	if (st != ST_OK) {
		if (dl->status == ST_OK) /* not said by the load: the journal's words */
			journal_report(j, st, dl);
		session_free(out);
		return st;
	}
	if (look && (!*out || (*out)->partial)) {
		session_free(out);
		return session_load(j, c, id, out, dl);
	}
	return ST_OK;
}

/* ---- JSON, a batch of a hop's agents at a time (session_hop.c) ---------- */

enum status session_status_json(struct strbuf *out, struct journal *j, const struct content *c,
				int64_t id, const struct session_live *live, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	struct session *top = NULL;
	struct session_hops v = SESSION_HOPS_INIT(j, c, NULL, &why);
	bool began = false;
	enum status st = journal_read_begin(j, &began);

	/* one snapshot for every hop: what another process records meanwhile waits */
	if (st == ST_OK)
		st = session_load_view_of(j, c, id, SESSION_NO_HOP, NULL, 0, &top, &why);
	if (st == ST_OK && top->partial) {
		/* each page read once, a batch at a time: a small cache, as a report's (report_export.c) */
		int64_t was = 0;
		bool small = journal_scan_cache(j, 256, &was);
		v.top = top;
		status_view_json_batches(out, top, live, session_hop_view, session_hop_batch, &v);
		st = v.st;
		if (small)
			journal_scan_cache(j, 0, &was);
	} else if (st == ST_OK) {
		status_view(out, top, live, FMT_JSON, false);
	}
	journal_read_end(j, began);
	session_hops_release(&v);
	session_free(&top);
	journal_report_why(j, st, &why, dl);
	strbuf_release(&why);
	return st;
}
