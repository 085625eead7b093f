/*
 * status_hosts_text.c - "status --hosts" in text, a hop at a time: each
 * hop worded (status_view_text_hop()) from the view that has that hop's
 * agents (session_load_view_of()), so that a session of 10,000 agents is
 * never read whole; byte for byte what status_view() says of the whole
 * session: its head, every hop, then the "Next" line, as the view of the
 * next item's hop words it.
 */

#include "session_private.h"
#include "status_hosts.h"
#include "status_view.h"

/* What is read once for every hop. */
struct hops_read {
	struct journal *j;
	const struct content *c;
	struct session *top;        /* the view of no hop's agents */
	struct arena a;             /* the inventory */
	struct journal_host *hosts;
	size_t nhosts;
};

/* Whether the whole session must be read: a probe to compare, a host done under other content. */
static enum status needs_whole(struct journal *j, struct session *top,
			       const struct session_live *live, bool *whole)
{
	struct journal_host_count *cnt;
	size_t n;
	enum status st = ST_OK;

	*whole = !top->partial || (live && live->probed);
	if (*whole)
		return ST_OK;
	st = journal_host_counts(j, top->info.id, &top->arena, &cnt, &n);
	for (size_t i = 0; st == ST_OK && i < n; i++)
		*whole = *whole || cnt[i].stale;
	return st;
}

/* The hop of the first pending item of @s ("Next"), or its number of hops. */
static size_t next_hop(const struct session *s)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (!s->items[i].host && s->items[i].state == ITEM_PENDING &&
		    s->items[i].drift != DRIFT_REMOVED)
			return s->items[i].hop;
	return s->plan.nhops;
}

/* Hop @h's part of the text into @out (and the "Next" line into @next, when not NULL). */
static enum status one_hop(struct strbuf *out, struct hops_read *r, const struct session_live *live,
			   size_t h, struct strbuf *next, struct strbuf *why)
{
	struct session *v = NULL;
	const struct session *s = r->top;
	enum status st = ST_OK;

	if (!session_hosts_read(r->top, h)) {
		if (!r->hosts)
			st = journal_hosts(r->j, r->top->info.id, &r->a, &r->hosts, &r->nhosts);
		if (st == ST_OK)
			st = session_load_view_of(r->j, r->c, r->top->info.id, h, r->hosts, r->nhosts,
						  &v, why);
		s = v;
	}
	if (st == ST_OK) {
		status_view_text_hop(out, s, live, h);
		if (next)
			status_view_text_next(next, s);
	}
	session_free(&v);
	return st;
}

enum status status_hosts_text(struct strbuf *out, struct journal *j, const struct content *c,
			      int64_t id, const struct session_live *live, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	struct hops_read r = { j, c, NULL, ARENA_INIT, NULL, 0 };
	struct strbuf footer = STRBUF_INIT;
	bool began = false, whole = false;
	size_t next;
	enum status st = journal_read_begin(j, &began);

	/* one snapshot for every hop: what another process records meanwhile waits */
	if (st == ST_OK)
		st = session_load_view_of(j, c, id, SESSION_NO_HOP, NULL, 0, &r.top, &why);
	if (st == ST_OK)
		st = needs_whole(j, r.top, live, &whole);
	if (st == ST_OK && whole) {
		session_free(&r.top);
		st = session_load_why(j, c, id, &r.top, &why);
		if (st == ST_OK)
			status_view(out, r.top, live, FMT_TEXT, true);
	} else if (st == ST_OK) {
		/* "Next" as the view of its hop words it: that hop's agents read */
		next = r.top->finished ? r.top->plan.nhops : next_hop(r.top);
		status_view_text_head(out, r.top, live);
		for (size_t h = 0; st == ST_OK && h < r.top->plan.nhops; h++) {
			st = one_hop(out, &r, live, h, h == next ? &footer : NULL, &why);
			strbuf_drain(out);
		}
		strbuf_add(out, strbuf_str(&footer), footer.len);
	}
	journal_read_end(j, began);
	session_free(&r.top);
	arena_release(&r.a);
	strbuf_release(&footer);
	journal_report_why(j, st, &why, dl);
	strbuf_release(&why);
	return st;
}
