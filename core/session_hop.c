/*
 * session_hop.c - the view of one hop of a large session (the plan's items,
 * the masters' and that hop's agents' items) made from the view of no
 * hop's agents read once: only the hop's agents' items are read, with the
 * lean query of their states (journal_host_items_lean()). What "status
 * --format json" and the reports read of each hop, one hop at a time, or a
 * batch of its agents at a time (session_hop_hosts(), session_hop_batch()):
 * the batches cut from the inventory read once (hop_batches.c), into arrays
 * kept from one batch to the next.
 */
#include <stdint.h>
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
	struct journal_item_state *js;

	if (cur->next < cur->n && !strcmp(cur->v[cur->next].item.id, id)) {
		js = &cur->v[cur->next];
	} else {
		struct journal_item_state key = { .item.id = id };
		if (!(js = cur->n ? bsearch(&key, cur->v, cur->n, sizeof(key), state_id_cmp) : NULL))
			return NULL;
	}
	cur->next = (size_t)(js - cur->v) + 1;
	return js;
}

/*
 * A batch out of order reads its states id by id (about 13,000 instructions
 * each) when its step has more than this many times its hosts, else its
 * range of names whole (about 2,000 a state, the others' in it too).
 */
#define SPAN_WIDEST 6

static enum status batch_states(struct session_hops *v, struct session *s, const char *step,
				size_t nhosts, const struct span *b, const struct planned *pv,
				size_t n, struct step_states *cur);

/*
 * session_alloc_items() with the items in v->items, one array for view after
 * view (made anew, zeroed, it cost more than reading them): not zeroed, the
 * caller sets each item whole.
 */
static bool reuse_items(struct session_hops *v, struct session *s, size_t n)
{
	size_t hops = (s->plan.nhops + 1) * sizeof(long);
	size_t ncap = v->items_cap * 2 > n + 1 ? v->items_cap * 2 : n + 1;
	struct session_item *p;

	s->first_pending_before = arena_alloc(&s->arena, hops);
	s->first_pending_note = arena_alloc(&s->arena, hops);
	s->first_pending_step = arena_alloc(&s->arena, hops);
	if (!s->first_pending_before || !s->first_pending_note || !s->first_pending_step)
		return false;
	if (n + 1 > v->items_cap) {
		if (ncap > SIZE_MAX / sizeof(*p) || !(p = realloc(v->items, ncap * sizeof(*p))))
			return false;
		v->items = p;
		v->items_cap = ncap;
	}
	s->items = v->items;
	return true;
}

/*
 * Item @it of @pv set whole (reuse_items()), with the state @js of its id or
 * @none (zeroed: no state), given the plan's kind and digest in place (no drift).
 */
static void hop_item(struct session_item *it, const struct planned *pv,
		     struct journal_item_state *js, struct journal_item_state *none)
{
	js = js ? js : none;
	js->item.id = pv->id;
	js->item.kind = session_item_kind_name(pv->kind);
	js->item.digest = NULL; /* the plan's: no drift to compare */
	*it = (struct session_item){ 0 };
	session_init_item(it, pv, js);
}

/*
 * The items of @pv: those @top has (the plan's, the masters') as @top has
 * them, in the same order; the agents' of the hop with their states from
 * the journal, as session_load_view() joins them.
 */
static enum status join_hop(struct session_hops *v, struct session *s, const struct session *top,
			    const struct planned *pv, size_t npv, const struct span *b,
			    bool *same)
{
	struct step_states cur = { NULL, NULL, 0, 0 };
	struct journal_item_state none = { 0 };
	size_t t = 0;
	bool seen = false; /* step b->upto */

	*same = false;
	if (!reuse_items(v, s, npv))
		return ST_NOMEM;
	for (size_t i = 0; i < npv; i++) {
		if (t < top->nitems && !strcmp(top->items[t].id, pv[i].id)) {
			seen = seen || (b && !strcmp(pv[i].id, b->upto));
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
			/* of a batch: step b->upto's, and those of the per-host notes
			 * before it (their hosts' items can hold b->upto's); the others
			 * left pending (not written, not read by the rules) */
			cur.n = 0;
			if (!b)
				st = journal_host_items_lean(v->j, s->info.id, cur.step, hosts,
							     &s->arena, &cur.v, &cur.n);
			else if (!strcmp(cur.step, b->upto) ||
				 (!seen && pv[pv[i].parent].kind == ITEM_NOTE))
				st = batch_states(v, s, cur.step, s->items[pv[i].parent].nhosts, b,
						  pv + i, hosts, &cur);
			else
				st = ST_OK;
			if (st != ST_OK)
				return st;
		}
		hop_item(&s->items[i], &pv[i], state_in(&cur, pv[i].id), &none);
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
 * read. @hosts (n, outliving *@out) is the whole inventory, or with @b the
 * masters and a batch of agents, the states read of its items of step
 * b->upto and of the per-host notes before it. *@out NULL when @top's items
 * are not those of the hop's plan: the caller reads the view whole.
 */
static enum status hop_of_top(struct session_hops *v, size_t h, struct journal_host *hosts,
			      size_t nhosts, const struct span *b, struct session **out)
{
	const struct session *top = v->top;
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
	st = session_leader_of(v->j, s, hosts, nhosts);
	if (st != ST_OK)
		return st;
	whole = whole_of(top, &s->arena, &nwhole);
	if (whole && nwhole)
		qsort(whole, nwhole, sizeof(*whole), session_str_cmp);
	if (!whole || !(pv = session_plan_items_in(&s->plan, hosts, nhosts, whole, nwhole, h,
						   &s->arena, &npv)))
		return ST_NOMEM;
	st = join_hop(v, s, top, pv, npv, b, &same);
	free(pv);
	if (st == ST_OK && same)
		session_derive(s);
	else if (st == ST_OK)
		session_free(out);
	return st;
}

/*
 * The state of "STEP@HOST" @id appended to @cur (kept sorted by the caller):
 * the ids after the one before it, "STEP@HOS" and its last byte less one
 * followed by 0xff (no UTF-8 name holds it; the name cut short when its last
 * byte is 1), up to @id followed by byte 1: @id alone.
 */
static enum status state_of(struct journal *j, struct session *s, const char *id,
			    struct step_states *cur, size_t *cap)
{
	struct strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	struct journal_item_state *one = NULL, *p;
	size_t len = strlen(id), n = 0;
	enum status st;

	strbuf_add(&lo, id, len - 1);
	if ((unsigned char)id[len - 1] > 1)
		strbuf_addf(&lo, "%c\xff", id[len - 1] - 1);
	strbuf_addf(&hi, "%s\x01", id);
	st = strbuf_failed(&lo) || strbuf_failed(&hi)
		     ? ST_NOMEM
		     : journal_host_items_lean_in(j, s->info.id, strbuf_str(&lo), strbuf_str(&hi),
						  1, &s->arena, &one, &n);
	for (size_t i = 0; st == ST_OK && i < n; i++) {
		if (!(p = arena_grow(&s->arena, cur->v, cur->n, cap, sizeof(*p), 64)))
			st = ST_NOMEM;
		else
			(cur->v = p)[cur->n++] = one[i];
	}
	strbuf_release(&lo);
	strbuf_release(&hi);
	return st;
}

/*
 * The states of the items @pv (n) of step @step (of @nhosts hosts in all),
 * its hosts' of batch @b: of the ids in its range of names, or, when that
 * can be much wider than they are (SPAN_WIDEST), of each of theirs, sorted.
 */
static enum status batch_states(struct session_hops *v, struct session *s, const char *step,
				size_t nhosts, const struct span *b, const struct planned *pv,
				size_t n, struct step_states *cur)
{
	struct strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	enum status st = ST_OK;
	size_t cap = 0;

	cur->step = step;
	cur->next = 0;
	cur->n = 0;
	cur->v = NULL;
	if (b->unsorted && nhosts / SPAN_WIDEST > n) {
		for (size_t i = 0; st == ST_OK && i < n; i++)
			st = state_of(v->j, s, pv[i].id, cur, &cap);
		if (st == ST_OK && cur->n)
			qsort(cur->v, cur->n, sizeof(*cur->v), state_id_cmp);
		return st;
	}
	/* "STEP@HOST" ids: after "STEP@BEFORE", before "STEP@LAST\x01" (a longer
	 * name that starts with LAST sorts after it); the step's, "STEP@" to "STEPA" */
	strbuf_addf(&lo, "%s@%s", step, b->range[0] ? b->range[0] : "");
	if (b->range[1])
		strbuf_addf(&hi, "%s@%s\x01", step, b->range[1]);
	else
		strbuf_addf(&hi, "%sA", step);
	st = strbuf_failed(&lo) || strbuf_failed(&hi)
		     ? ST_NOMEM
		     : journal_host_items_lean_into(v->j, s->info.id, strbuf_str(&lo),
						    strbuf_str(&hi), &s->arena, &v->states,
						    &v->states_cap, &cur->n);
	cur->v = v->states;
	strbuf_release(&lo);
	strbuf_release(&hi);
	return st;
}

/*
 * Of @pv (n), the planned items of batch @b's hosts of agents' step @si of @top,
 * into @s: that step as @top has it, then its hosts' items with their states.
 */
static enum status join_batch(struct session_hops *v, struct session *s, size_t si,
			      const struct planned *pv, size_t npv, const struct span *b)
{
	const struct session *top = v->top;
	struct step_states cur = { NULL, NULL, 0, 0 };
	struct journal_item_state none = { 0 };
	size_t p = 0, nh = 0;
	enum status st;

	while (p < npv && strcmp(pv[p].id, top->items[si].id))
		p++;
	while (p + 1 + nh < npv && pv[p + 1 + nh].host && pv[p + 1 + nh].parent == (long)p)
		nh++;
	if (!reuse_items(v, s, nh + 1))
		return ST_NOMEM;
	s->items[0] = top->items[si];
	s->nitems = 1;
	if (!nh)
		return ST_OK;
	st = batch_states(v, s, top->items[si].id, top->items[si].nhosts, b, pv + p + 1, nh,
			  &cur);
	for (size_t k = 1; st == ST_OK && k <= nh; k++) {
		const struct planned *q = &pv[p + k];
		hop_item(&s->items[k], q, state_in(&cur, q->id), &none);
		s->items[k].parent = 0;
		s->nitems++;
	}
	return st;
}

/* session_hop_hosts() of @v's inventory read (the masters, then the agents) into @s. */
static enum status hosts_batch(struct session_hops *v, size_t si, size_t first, size_t *next,
			       struct session *s)
{
	const struct session *top = v->top;
	size_t nwhole, npv = 0;
	struct planned *pv;
	const char **whole;
	struct span b;
	enum status st = hop_batch_of(v, first, next, &b);

	if (st != ST_OK)
		return st;
	whole = whole_of(top, &s->arena, &nwhole);
	if (whole && nwhole)
		qsort(whole, nwhole, sizeof(*whole), session_str_cmp);
	if (!whole || !(pv = session_plan_items_in(&s->plan, b.hosts, b.nm + b.n, whole, nwhole,
						   top->items[si].hop, &s->arena, &npv)))
		return ST_NOMEM;
	st = join_batch(v, s, si, pv, npv, &b);
	free(pv);
	return st;
}

/* (session.h) */
const struct session *session_hop_hosts(void *ctx, size_t si, size_t first, size_t *next)
{
	struct session_hops *v = ctx;
	struct session *s;

	session_free(&v->cur);
	*next = 0;
	if (v->st != ST_OK)
		return NULL;
	if (!(s = malloc(sizeof(*s)))) {
		v->st = ST_NOMEM;
		return NULL;
	}
	*s = *v->top;
	s->arena = (struct arena)ARENA_INIT;
	s->items = NULL;
	s->nitems = 0;
	v->cur = s;
	v->st = hosts_batch(v, si, first, next, s);
	return v->st == ST_OK ? s : NULL;
}

/* (session.h) */
bool session_hop_span(void *ctx, size_t si, struct strbuf *first, struct strbuf *last)
{
	struct session_hops *v = ctx;

	if (v->st == ST_OK)
		v->st = journal_host_span(v->j, v->top->info.id, v->top->items[si].id, first, last);
	return v->st == ST_OK;
}

/* (session.h) */
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
		v->st = hop_of_top(v, h, v->hosts, v->nhosts, NULL, &v->cur);
	if (v->st == ST_OK && !v->cur)
		v->st = session_load_view_of(v->j, v->c, v->top->info.id, h, v->hosts, v->nhosts,
					     &v->cur, v->why);
	return v->st == ST_OK ? v->cur : NULL;
}

/* (session.h) */
const struct session *session_hop_batch(void *ctx, size_t si, size_t first, size_t *next)
{
	struct session_hops *v = ctx;
	size_t h = v->top->items[si].hop;
	struct span b;

	session_free(&v->cur);
	*next = 0;
	if (v->st != ST_OK)
		return NULL;
	if (session_hosts_read(v->top, h))
		return v->top;
	v->st = hop_batch_of(v, first, next, &b);
	b.upto = v->top->items[si].id;
	if (v->st == ST_OK)
		v->st = hop_of_top(v, h, b.hosts, b.nm + b.n, &b, &v->cur);
	if (v->st == ST_OK && !v->cur) { /* not made of @top: the hop's view, whole */
		*next = 0;
		return session_hop_view(ctx, h);
	}
	return v->st == ST_OK ? v->cur : NULL;
}

/* (session.h) */
void session_hops_release(struct session_hops *v)
{
	session_free(&v->cur);
	arena_release(&v->span);
	arena_release(&v->a);
	free(v->items);
	free(v->states);
	v->items = NULL;
	v->states = NULL;
	v->items_cap = v->states_cap = 0;
	hop_batches_release(v);
	v->hosts = NULL;
	v->nhosts = 0;
}
