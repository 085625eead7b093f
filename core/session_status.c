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

/* ---- JSON, a hop at a time ------------------------------------------------ */

static int state_id_cmp(const void *a, const void *b)
{
	return strcmp(((const struct journal_item_state *)a)->item.id,
		      ((const struct journal_item_state *)b)->item.id);
}

/*
 * The per-host steps of @top resolved as a whole, or with no host of their
 * role (sorted, in @a): planned in @top with no hosts, as the view planned them.
 */
static const char **whole_of(const struct session *top, struct arena *a, size_t *n)
{
	const char **v = arena_alloc(a, (top->nitems + 1) * sizeof(*v));
	enum role role;

	*n = 0;
	for (size_t i = 0; v && i < top->nitems; i++) {
		const struct session_item *it = &top->items[i];
		if (!it->host && !it->nhosts && content_per_host(it->note, it->step, &role))
			v[(*n)++] = it->id;
	}
	return v;
}

/* The journal's states of the hosts' items of agents' step @step (sorted by id). */
struct step_states {
	const char *step;
	struct journal_item_state *v;
	size_t n;
};

/*
 * The items of @pv: those @top has (the plan's, the masters') as @top has
 * them, in the same order; the agents' of the hop with their states from
 * the journal, as session_load_view() joins them.
 */
static enum status join_hop(struct journal *j, struct session *s, const struct session *top,
			    const struct planned *pv, size_t npv, bool *same)
{
	struct step_states cur = { NULL, NULL, 0 };
	size_t t = 0;

	*same = false;
	if (!session_alloc_items(s, npv))
		return ST_NOMEM;
	for (size_t i = 0; i < npv; i++) {
		struct journal_item_state key = { 0 }, *js;
		if (t < top->nitems && !strcmp(top->items[t].id, pv[i].id)) {
			s->items[i] = top->items[t++];
			continue;
		}
		if (!pv[i].host || pv[i].parent < 0)
			return ST_OK; /* not an agent's item @top lacks: not made of @top */
		if (cur.step != pv[pv[i].parent].id) {
			enum status st;
			size_t hosts = 0;
			while (i + hosts < npv && pv[i + hosts].parent == pv[i].parent)
				hosts++;
			cur.step = pv[pv[i].parent].id;
			st = journal_host_items_lean(j, s->info.id, cur.step, hosts, &s->arena,
						     &cur.v, &cur.n);
			if (st != ST_OK)
				return st;
		}
		key.item.id = pv[i].id;
		js = cur.n ? bsearch(&key, cur.v, cur.n, sizeof(key), state_id_cmp) : NULL;
		if (js)
			key = *js;
		key.item.kind = session_item_kind_name(pv[i].kind);
		key.item.digest = pv[i].digest;
		session_init_item(&s->items[i], &pv[i], &key);
	}
	s->nitems = npv;
	*same = t == top->nitems;
	return ST_OK;
}

/*
 * The view of hop @h (session_load_view() of it) made from @top, the view
 * of no hop's agents read in the same transaction: the plan's items, their
 * counts and the masters' items as @top has them, the session's record
 * shared with it (@top outlives *@out); only the hop's agents' items are
 * read. @hosts (n) is the whole inventory. *@out NULL when @top's items
 * are not those of the hop's plan: the caller reads the view whole.
 */
static enum status hop_of_top(struct journal *j, const struct session *top, size_t h,
			      struct journal_host *hosts, size_t nhosts, struct session **out)
{
	struct session *s = malloc(sizeof(*s));
	struct planned *pv = NULL;
	const char **whole;
	size_t nwhole, npv = 0;
	bool same = false;
	enum status st;

	*out = s;
	if (!s)
		return ST_NOMEM;
	*s = *top;
	s->arena = (struct arena)ARENA_INIT;
	s->items = NULL;
	s->nitems = 0;
	s->hosts = hosts;
	s->nhosts = nhosts;
	st = session_leader_of(j, s, hosts, nhosts);
	if (st != ST_OK)
		return st;
	whole = whole_of(top, &s->arena, &nwhole);
	if (whole && nwhole)
		qsort(whole, nwhole, sizeof(*whole), session_str_cmp);
	if (!whole || !(pv = session_plan_items_in(&s->plan, hosts, nhosts, whole, nwhole, h,
						   &s->arena, &npv)))
		return ST_NOMEM;
	st = join_hop(j, s, top, pv, npv, &same);
	free(pv);
	if (st == ST_OK && same)
		session_derive(s);
	else if (st == ST_OK)
		session_free(out);
	return st;
}

/* What status_view_json_hops() asks of each hop: the view that has its agents. */
struct hop_views {
	struct journal *j;
	const struct content *c;
	const struct session *top;
	struct session *cur;
	struct strbuf *why;
	enum status st;
	struct arena a;             /* the inventory, read once for every hop */
	struct journal_host *hosts;
	size_t nhosts;
};

static const struct session *hop_view(void *ctx, size_t h)
{
	struct hop_views *v = ctx;

	session_free(&v->cur);
	if (session_hosts_read(v->top, h))
		return v->top;
	if (!v->hosts)
		v->st = journal_hosts(v->j, v->top->info.id, &v->a, &v->hosts, &v->nhosts);
	if (v->st == ST_OK)
		v->st = hop_of_top(v->j, v->top, h, v->hosts, v->nhosts, &v->cur);
	if (v->st == ST_OK && !v->cur)
		v->st = session_load_view_of(v->j, v->c, v->top->info.id, h, v->hosts, v->nhosts,
					     &v->cur, v->why);
	return v->st == ST_OK ? v->cur : NULL;
}

enum status session_status_json(struct strbuf *out, struct journal *j, const struct content *c,
				int64_t id, const struct session_live *live, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	struct session *top = NULL;
	struct hop_views v = { j, c, NULL, NULL, &why, ST_OK, ARENA_INIT, NULL, 0 };
	bool began = false;
	enum status st = journal_read_begin(j, &began);

	/* one snapshot for every hop: what another process records meanwhile waits */
	if (st == ST_OK)
		st = session_load_view_of(j, c, id, SESSION_NO_HOP, NULL, 0, &top, &why);
	if (st == ST_OK && top->partial) {
		v.top = top;
		status_view_json_hops(out, top, live, hop_view, &v);
		st = v.st;
	} else if (st == ST_OK) {
		status_view(out, top, live, FMT_JSON, false);
	}
	journal_read_end(j, began);
	session_free(&v.cur);
	session_free(&top);
	arena_release(&v.a);
	if (st != ST_OK && why.len)
		diag_fail_why(dl, st, &why);
	else if (st != ST_OK)
		journal_report(j, st, dl); /* the journal's words, or "out of memory" */
	strbuf_release(&why);
	return st;
}
