/*
 * session_hop.c - the view of one hop of a large session (the plan's items,
 * the masters' and that hop's agents' items) made from the view of no
 * hop's agents read once: only the hop's agents' items are read, with the
 * lean query of their states (journal_host_items_lean()). What "status
 * --format json" and the reports read of each hop, one hop at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "session_private.h"

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
	size_t next;                /* the one after the last found */
};

/*
 * The state of @id among @cur, or NULL: the hosts come in inventory order,
 * mostly that of their ids, so the one after the last found first.
 */
static struct journal_item_state *state_in(struct step_states *cur, const char *id)
{
	struct journal_item_state key = { .item.id = id }, *js;

	if (cur->next < cur->n && !strcmp(cur->v[cur->next].item.id, id))
		js = &cur->v[cur->next];
	else if (!(js = cur->n ? bsearch(&key, cur->v, cur->n, sizeof(key), state_id_cmp) : NULL))
		return NULL;
	cur->next = (size_t)(js - cur->v) + 1;
	return js;
}

/*
 * The items of @pv: those @top has (the plan's, the masters') as @top has
 * them, in the same order; the agents' of the hop with their states from
 * the journal, as session_load_view() joins them.
 */
static enum status join_hop(struct journal *j, struct session *s, const struct session *top,
			    const struct planned *pv, size_t npv, bool *same)
{
	struct step_states cur = { NULL, NULL, 0, 0 };
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
			cur.next = 0;
			st = journal_host_items_lean(j, s->info.id, cur.step, hosts, &s->arena,
						     &cur.v, &cur.n);
			if (st != ST_OK)
				return st;
		}
		key.item.id = pv[i].id;
		if ((js = state_in(&cur, pv[i].id)))
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

/* (session_private.h) */
const struct session *session_hop_view(void *ctx, size_t h)
{
	struct session_hops *v = ctx;

	session_free(&v->cur);
	if (v->st != ST_OK)
		return NULL;
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

/* (session_private.h) */
void session_hops_release(struct session_hops *v)
{
	session_free(&v->cur);
	arena_release(&v->a);
	v->hosts = NULL;
	v->nhosts = 0;
}
