/*
 * status_hosts_text.c - "status --hosts" in text, a hop at a time: each
 * hop's part as status_view() words it of the view that has that hop's
 * agents (session_load_view_of()), so that a session of 10,000 agents is
 * never read whole; byte for byte what status_view() says of the whole
 * session, whose parts are the header, a "\nHop " part per hop, and the
 * "\nNext: " line (item lines start with spaces: their texts are indented).
 */
#include <string.h>

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

/*
 * The part of @text (status_view()'s) for hop @h, from its "\nHop " to the
 * next part, into @out; its "\nNext: " line, when it has one, into @next.
 */
static void hop_part(struct strbuf *out, const char *text, size_t h, struct strbuf *next)
{
	const char *p = strstr(text, "\nHop "), *end, *nx = strstr(text, "\nNext: ");

	for (size_t k = 0; p && k < h; k++)
		p = strstr(p + 1, "\nHop ");
	if (!p) {
		out->failed = true;
		return;
	}
	end = strstr(p + 1, "\nHop ");
	if (!end)
		end = nx && nx > p ? nx : p + strlen(p);
	strbuf_add(out, p, (size_t)(end - p));
	if (next && nx)
		strbuf_adds(next, nx);
}

/* Hop @h's part of the text into @out (and the "Next" line into @next, when not NULL). */
static enum status one_hop(struct strbuf *out, struct hops_read *r, const struct session_live *live,
			   size_t h, struct strbuf *next, struct strbuf *why)
{
	struct strbuf text = STRBUF_INIT;
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
		status_view(&text, s, live, FMT_TEXT, true);
		hop_part(out, strbuf_str(&text), h, next);
		if (strbuf_failed(&text))
			out->failed = true;
	}
	strbuf_release(&text);
	session_free(&v);
	return st;
}

/* The header of the text (up to the first hop), of @top. */
static void header(struct strbuf *out, const struct session *top, const struct session_live *live)
{
	struct strbuf text = STRBUF_INIT;
	const char *hop;

	status_view(&text, top, live, FMT_TEXT, true);
	hop = strstr(strbuf_str(&text), "\nHop ");
	strbuf_add(out, strbuf_str(&text), hop ? (size_t)(hop - strbuf_str(&text)) : text.len);
	if (strbuf_failed(&text))
		out->failed = true;
	strbuf_release(&text);
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
		st = session_load_view(j, c, id, SESSION_NO_HOP, &r.top, &why);
	if (st == ST_OK)
		st = needs_whole(j, r.top, live, &whole);
	if (st == ST_OK && whole) {
		session_free(&r.top);
		st = session_load(j, c, id, &r.top, &why);
		if (st == ST_OK)
			status_view(out, r.top, live, FMT_TEXT, true);
	} else if (st == ST_OK) {
		/* "Next" as the view of its hop words it: that hop's agents read */
		next = r.top->finished ? r.top->plan.nhops : next_hop(r.top);
		header(out, r.top, live);
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
	if (st != ST_OK && why.len)
		diag_fail_why(dl, st, &why);
	else if (st != ST_OK)
		journal_report(j, st, dl); /* the journal's words, or "out of memory" */
	strbuf_release(&why);
	return st;
}
