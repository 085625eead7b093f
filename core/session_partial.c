/*
 * session_partial.c - a check-off's load of a large session: every item of
 * the plan, but of the hosts' items only those of the masters and of the
 * hosts the check-off is about, with each per-host step's counts read from
 * the journal (journal_host_counts()) instead of counted from all its
 * hosts' items. A check-off on 10,000 agents then reads about as much as
 * one on a session without an inventory.
 *
 * It gives what session_load_light() gives for those items, or nothing
 * (and the caller loads it whole): the journal's counts are trusted only
 * when they count exactly the hosts' items the plan has now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "session_private.h"

static int count_cmp(const void *a, const void *b)
{
	return strcmp(((const struct journal_host_count *)a)->step,
		      ((const struct journal_host_count *)b)->step);
}

/* (session_private.h) */
const struct journal_host_count *session_count_of(const struct journal_host_count *v, size_t n,
						  const char *step)
{
	struct journal_host_count key = { .step = step };

	return n ? bsearch(&key, v, n, sizeof(*v), count_cmp) : NULL;
}

static int state_cmp(const void *a, const void *b)
{
	return strcmp(((const struct journal_item_state *)a)->item.id,
		      ((const struct journal_item_state *)b)->item.id);
}

/* The index of hop @id in @p, or p->nhops when it has none. */
static size_t hop_index(const struct plan *p, const char *id)
{
	for (size_t h = 0; h < p->nhops; h++)
		if (!strcmp(p->hops[h].id, id))
			return h;
	return p->nhops;
}

/* How many hosts of @role have an item in a per-host entry of hop @h (not kept whole). */
static size_t planned_hosts(const struct plan *p, const struct journal_host_group *g, size_t ng,
			    const char *role, size_t h)
{
	size_t n = 0;

	for (size_t i = 0; i < ng; i++)
		if (!strcmp(g[i].role, role) && (!g[i].from_hop || hop_index(p, g[i].from_hop) <= h))
			n += g[i].n;
	return n;
}

/*
 * Each per-host entry of @pv with its counts from @cnt; false when they
 * disagree with the plan: not as many hosts' items as the inventory's
 * hosts of its role give it now.
 */
static bool take_counts(struct session *s, const struct planned *pv, size_t npv,
			const struct journal_host_count *cnt, size_t ncnt,
			const struct journal_host_group *g, size_t ng, const char *const *whole,
			size_t nwhole)
{
	for (size_t i = 0; i < npv; i++) {
		struct session_item *it = &s->items[i];
		const struct journal_host_count *k;
		size_t want;
		enum role role;
		if (pv[i].host || !content_per_host(pv[i].note, pv[i].step, &role))
			continue;
		want = nwhole && bsearch(&pv[i].id, whole, nwhole, sizeof(*whole), session_str_cmp)
			       ? 0 : planned_hosts(&s->plan, g, ng, content_role_name(role), pv[i].hop);
		k = session_count_of(cnt, ncnt, pv[i].id);
		if ((k ? k->hosts : 0) != want)
			return false;
		it->nhosts = want;
		it->hosts_done = k ? k->done : 0;
		it->hosts_skipped = k ? k->skipped : 0;
		if (!want)
			continue; /* no hosts (no inventory, or resolved whole): its own state */
		it->forced = k && k->forced;
		it->has_last = false;
	}
	return true;
}

/*
 * The per-host steps resolved as a whole (session_whole_resolved()): a
 * step the journal records resolved, none of whose hosts' items has a
 * state. Of the items' states @js, only the plan's items (no host's).
 */
static bool whole_steps(struct arena *a, const struct journal_item_state *js, size_t njs,
			const struct journal_host_count *cnt, size_t ncnt, const char ***whole,
			size_t *nwhole)
{
	struct journal_item_state *v = arena_alloc(a, (njs + 1) * sizeof(*v));
	size_t n = 0;

	if (!v)
		return false;
	for (size_t i = 0; i < njs; i++) {
		const struct journal_host_count *k = session_count_of(cnt, ncnt, js[i].item.id);
		if (!strchr(js[i].item.id, '@') && !(k && k->recorded))
			v[n++] = js[i];
	}
	return session_whole_resolved(a, v, n, whole, nwhole);
}

/* The ids of the plan's items (no host's) of @p, in @a. */
static const char **plan_ids(struct arena *a, const struct plan *p, size_t *n)
{
	struct planned *pv = session_plan_items(p, NULL, 0, NULL, 0, a, n);
	const char **ids = pv ? arena_alloc(a, (*n + 1) * sizeof(*ids)) : NULL;

	for (size_t i = 0; ids && i < *n; i++)
		ids[i] = pv[i].id;
	free(pv);
	return ids;
}

/* What the partial load reads of the journal, besides the session's record. */
struct partial_read {
	struct journal_host_count *cnt;
	size_t ncnt;
	struct journal_host_group *groups;
	size_t ngroups;
	struct journal_host *hosts;
	size_t nhosts;
	struct journal_item_state *plan_js, *host_js;
	size_t nplan_js, nhost_js;
	const char **whole;
	size_t nwhole;
};

static enum status read_partial(struct journal *j, struct session *s, const char *const *hosts,
				size_t n, struct partial_read *r, bool *shares)
{
	int64_t id = s->info.id;
	const char **ids;
	size_t nids;
	enum status st = journal_host_counts(j, id, &s->arena, &r->cnt, &r->ncnt);

	if (st == ST_OK)
		st = journal_host_groups(j, id, &s->arena, &r->groups, &r->ngroups);
	if (st == ST_OK)
		st = journal_hosts_named(j, id, hosts, n, &s->arena, &r->hosts, &r->nhosts);
	if (st == ST_OK)
		st = session_leader_of(j, s, r->hosts, r->nhosts);
	if (st == ST_OK)
		st = session_read_hosts_extra(j, s, false, &r->whole, &r->nwhole);
	if (st != ST_OK)
		return st;
	if (!(ids = plan_ids(&s->arena, &s->plan, &nids)))
		return ST_NOMEM;
	/* whether the journal has the plan's items at all (else: other content), by
	 * the first it has; then the states of those with one, through their index */
	for (size_t i = 0; st == ST_OK && !*shares && i < nids; i++) {
		struct journal_item_state *one;
		size_t found;
		st = journal_item_states_of(j, id, &ids[i], 1, &s->arena, &one, &found);
		*shares = found > 0;
	}
	if (st == ST_OK && *shares)
		st = journal_plan_states(j, id, &s->arena, &r->plan_js, &r->nplan_js);
	return st;
}

/* The state of @id among @v (n, few: a host's items), or NULL. */
static const struct journal_item_state *state_of(const struct journal_item_state *v, size_t n,
						 const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].item.id, id))
			return &v[i];
	return NULL;
}

/*
 * The items of @pv, each with its state: the plan's from @r->plan_js (in
 * plan order, each at most once), the hosts' read now.
 */
static enum status join(struct journal *j, struct session *s, const struct planned *pv,
			size_t npv, struct partial_read *r)
{
	const char **ids = arena_alloc(&s->arena, (npv + 1) * sizeof(*ids));
	size_t nids = 0;
	enum status st;

	if (!ids || !session_alloc_items(s, npv))
		return ST_NOMEM;
	for (size_t i = 0; i < npv; i++)
		if (pv[i].host)
			ids[nids++] = pv[i].id;
	st = journal_item_states_of(j, s->info.id, ids, nids, &s->arena, &r->host_js, &r->nhost_js);
	if (st != ST_OK)
		return st;
	for (size_t i = 0; i < npv; i++) {
		const struct journal_item_state *js = NULL;
		struct journal_item_state key = { .item.id = pv[i].id };
		if (pv[i].host)
			js = state_of(r->host_js, r->nhost_js, pv[i].id);
		else if (r->nplan_js)
			js = bsearch(&key, r->plan_js, r->nplan_js, sizeof(key), state_cmp);
		session_init_item(&s->items[i], &pv[i], js);
		s->items[i].drift = DRIFT_NONE;
	}
	s->nitems = npv;
	return ST_OK;
}

enum status session_load_partial(struct journal *j, const struct content *c, int64_t id,
				 const char *const *hosts, size_t n, struct session **out,
				 struct strbuf *why)
{
	struct partial_read r = { 0 };
	struct planned *pv = NULL;
	struct session *s = calloc(1, sizeof(*s));
	bool unplanned = false, agree = false, shares = false;
	size_t npv = 0;
	enum status st = ST_NOMEM;

	*out = NULL;
	if (!s)
		goto fail;
	st = session_read_record(j, c, id, s, &unplanned, why);
	if (unplanned) {
		/* the whole load says why, or reads it as other content */
		strbuf_reset(why);
		st = ST_OK;
		goto out;
	}
	if (st != ST_OK)
		goto out;
	st = read_partial(j, s, hosts, n, &r, &shares);
	/* no item of the plan in the journal: the whole load says why (other content) */
	if (st != ST_OK || !shares)
		goto out;
	st = ST_NOMEM;
	if (!whole_steps(&s->arena, r.plan_js, r.nplan_js, r.cnt, r.ncnt, &r.whole, &r.nwhole) ||
	    !(pv = session_plan_items(&s->plan, r.hosts, r.nhosts, r.whole, r.nwhole, &s->arena,
				      &npv)))
		goto fail;
	s->hosts = r.hosts;
	s->nhosts = r.nhosts;
	st = join(j, s, pv, npv, &r);
	if (st != ST_OK)
		goto out;
	agree = take_counts(s, pv, npv, r.cnt, r.ncnt, r.groups, r.ngroups, r.whole, r.nwhole);
	if (agree) {
		s->partial = true;
		session_derive(s);
		s->last_activity = "";
	}
	goto out;
fail:
	strbuf_adds(why, "out of memory");
out:
	if (st != ST_OK && !why->len)
		strbuf_adds(why, st == ST_NOMEM ? "out of memory" : journal_error(j));
	free(pv);
	if (st != ST_OK || !agree)
		session_free(&s);
	*out = s;
	return st;
}

/* ---- the view: the plan, and one hop's hosts ----------------------------- */

/*
 * The plan's items in the journal exactly as planned now: each there, of
 * the same kind and digest, in the same order. @js are the journal's items
 * of the ids @ids (n), in that order, those it has.
 */
static bool same_plan(const struct planned *pv, size_t npv, const struct journal_item_state *js,
		      size_t njs)
{
	size_t k = 0;
	int last = -1;

	for (size_t i = 0; i < npv; i++) {
		if (pv[i].host)
			continue;
		if (k >= njs || strcmp(js[k].item.id, pv[i].id) ||
		    strcmp(js[k].item.kind, session_item_kind_name(pv[i].kind)) ||
		    strcmp(js[k].item.digest, pv[i].digest) || js[k].position <= last)
			return false;
		last = js[k++].position;
	}
	return k == njs;
}

/* The full state of each item of @ids (n) the journal has, in that order. */
static enum status states_of(struct journal *j, struct session *s, const char *const *ids,
			     size_t n, struct journal_item_state **out, size_t *nout)
{
	struct journal_item_state *v = arena_alloc(&s->arena, (n + 1) * sizeof(*v));

	*out = v;
	*nout = 0;
	if (!v)
		return ST_NOMEM;
	for (size_t i = 0; i < n; i++) {
		bool found;
		enum status st = journal_item_state(j, s->info.id, ids[i], &s->arena, &v[*nout], &found);
		if (st != ST_OK)
			return st;
		*nout += found;
	}
	return ST_OK;
}

/*
 * The journal's record of one per-host step's hosts' items (those with a
 * state): @step, its index in the plan's items, and @v (n), sorted by id.
 */
struct step_states {
	size_t step;
	struct journal_item_state *v;
	size_t n;
};

static bool states_sorted(const struct journal_item_state *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (state_cmp(&v[i - 1], &v[i]) > 0)
			return false;
	return true;
}

/*
 * The journal's record of the hosts' items of @pv: the masters' one by
 * one, the agents' (of one hop) step by step, into *@parts (*@nparts),
 * one a per-host step, in the plan's order. Each step's kept apart, not
 * copied into one array sorted whole: opening a finished hop's list of
 * 50,000 agents (B) spent most of its time copying and sorting their
 * 14 MB of states, which each step's query gives sorted already.
 */
static enum status host_states(struct journal *j, struct session *s, const struct planned *pv,
			       size_t npv, struct step_states **parts, size_t *nparts)
{
	*nparts = 0;
	if (!(*parts = arena_alloc(&s->arena, (npv + 1) * sizeof(**parts))))
		return ST_NOMEM;
	for (size_t i = 0; i < npv; i++) {
		struct step_states *p = &(*parts)[*nparts];
		enum role role;
		enum status st;
		if (pv[i].host || !content_per_host(pv[i].note, pv[i].step, &role) ||
		    i + 1 >= npv || !pv[i + 1].host)
			continue;
		p->step = i;
		if (role == ROLE_MASTER) {
			const char **ids = arena_alloc(&s->arena, (npv - i) * sizeof(*ids));
			size_t nids = 0;
			for (size_t q = i + 1; ids && q < npv && pv[q].host; q++)
				ids[nids++] = pv[q].id;
			st = ids ? states_of(j, s, ids, nids, &p->v, &p->n) : ST_NOMEM;
		} else {
			/* the lean read, as the reports' (only the choice's branch is shown):
			 * a finished hop's 10,000 agents' full rows, each event joined three
			 * times, were 61% of opening their list (A, 84 ms) */
			size_t nh = 0;
			while (i + 1 + nh < npv && pv[i + 1 + nh].host)
				nh++;
			st = journal_host_items_lean(j, s->info.id, pv[i].id, nh, &s->arena, &p->v,
						     &p->n);
		}
		if (st != ST_OK)
			return st;
		/* the masters' in the plan's order; the agents' sorted by their query */
		if (!states_sorted(p->v, p->n))
			qsort(p->v, p->n, sizeof(*p->v), state_cmp);
		(*nparts)++;
	}
	return ST_OK;
}

/* The part of step @step in @parts (np, in the plan's order), or NULL. */
static const struct step_states *part_of(const struct step_states *parts, size_t np, size_t step)
{
	size_t lo = 0, hi = np;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (parts[mid].step < step)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < np && parts[lo].step == step ? &parts[lo] : NULL;
}

/*
 * The items of @pv with their states: the plan's from @pjs (in plan order),
 * each host's from its step's in @parts (np, in plan order; those with a
 * state). That the journal has every host's item is for the counts to say
 * (take_counts()).
 */
static bool join_view(struct session *s, const struct planned *pv, size_t npv,
		      const struct journal_item_state *pjs, const struct step_states *parts,
		      size_t np)
{
	const struct step_states *cur = NULL;
	size_t k = 0;

	if (!session_alloc_items(s, npv))
		return false;
	for (size_t i = 0; i < npv; i++) {
		const struct journal_item_state *js;
		struct journal_item_state key = { 0 };
		if (pv[i].host) {
			/* a host's item without a state is pending; its kind and digest its step's */
			key.item.id = pv[i].id;
			if (!cur || cur->step != (size_t)pv[i].parent) /* its step's, once a step */
				cur = pv[i].parent >= 0 ? part_of(parts, np, (size_t)pv[i].parent) : NULL;
			js = cur && cur->n ? bsearch(&key, cur->v, cur->n, sizeof(*cur->v), state_cmp)
					   : NULL;
			if (js)
				key = *js;
			key.item.kind = session_item_kind_name(pv[i].kind);
			key.item.digest = pv[i].digest;
			js = &key;
		} else {
			js = &pjs[k++];
		}
		session_init_item(&s->items[i], &pv[i], js);
	}
	s->nitems = npv;
	return true;
}

/* (session_private.h) */
enum status session_take_count(struct journal *j, struct session *s, struct session_item *it,
			       const struct journal_host_count *k)
{
	bool found = false;
	enum status st = ST_OK;

	it->hosts_done = k->done;
	it->hosts_skipped = k->skipped;
	it->forced = k->forced > 0;
	if (k->done + k->skipped == it->nhosts && k->last_event)
		st = journal_event_get(j, k->last_event, &s->arena, &it->last, &found);
	it->has_last = found;
	return st;
}

/* Each per-host step's counts, and its last host resolved when all are (who finished it, when). */
static enum status steps_last(struct journal *j, struct session *s,
			      const struct journal_host_count *cnt, size_t ncnt)
{
	enum status st = ST_OK;

	for (size_t i = 0; st == ST_OK && i < s->nitems; i++) {
		struct session_item *it = &s->items[i];
		const struct journal_host_count *k;
		if (!it->host && it->nhosts && (k = session_count_of(cnt, ncnt, it->id)))
			st = session_take_count(j, s, it, k);
	}
	return st;
}

/* Whether the journal's hosts' items are all of the plan's per-host entries (@s counted). */
static bool same_hosts(const struct session *s, const struct journal_host_count *cnt,
		       size_t ncnt, size_t nplan, size_t total)
{
	size_t planned = 0, counted = 0;

	for (size_t i = 0; i < s->nitems; i++)
		planned += s->items[i].host ? 0 : s->items[i].nhosts;
	for (size_t i = 0; i < ncnt; i++)
		counted += cnt[i].hosts;
	return planned == counted && nplan + counted == total;
}

/* The view's reads and checks; *@exact false when it must be loaded whole. */
static enum status view(struct journal *j, struct session *s, size_t agents_hop,
			struct journal_host *hosts, size_t nhosts, bool *exact)
{
	struct partial_read r = { .hosts = hosts, .nhosts = nhosts };
	struct planned *pv = NULL;
	struct step_states *parts;
	const char **ids;
	size_t nids, npv = 0, nparts;
	enum status st = journal_host_counts(j, s->info.id, &s->arena, &r.cnt, &r.ncnt);

	*exact = false;
	if (st == ST_OK)
		st = journal_host_groups(j, s->info.id, &s->arena, &r.groups, &r.ngroups);
	/* the agents only when their items are read (a hop's), else the masters; the
	 * inventory as the caller read it already, when it did */
	if (st == ST_OK && hosts)
		;
	else if (st == ST_OK && agents_hop == SESSION_NO_HOP)
		st = journal_hosts_named(j, s->info.id, NULL, 0, &s->arena, &r.hosts, &r.nhosts);
	else if (st == ST_OK)
		st = journal_hosts(j, s->info.id, &s->arena, &r.hosts, &r.nhosts);
	if (st == ST_OK)
		st = session_leader_of(j, s, r.hosts, r.nhosts);
	if (st == ST_OK)
		st = session_read_hosts_extra(j, s, true, &r.whole, &r.nwhole);
	if (st == ST_OK)
		st = (ids = plan_ids(&s->arena, &s->plan, &nids)) ? ST_OK : ST_NOMEM;
	if (st == ST_OK)
		st = states_of(j, s, ids, nids, &r.plan_js, &r.nplan_js);
	if (st != ST_OK)
		return st;
	if (!whole_steps(&s->arena, r.plan_js, r.nplan_js, r.cnt, r.ncnt, &r.whole, &r.nwhole) ||
	    !(pv = session_plan_items_in(&s->plan, r.hosts, r.nhosts, r.whole, r.nwhole,
					 agents_hop, &s->arena, &npv)))
		return ST_NOMEM;
	s->hosts = r.hosts;
	s->nhosts = r.nhosts;
	if (!same_plan(pv, npv, r.plan_js, r.nplan_js))
		goto out;
	st = host_states(j, s, pv, npv, &parts, &nparts);
	if (st == ST_OK && !join_view(s, pv, npv, r.plan_js, parts, nparts))
		st = ST_NOMEM;
	if (st != ST_OK)
		goto out;
	*exact = take_counts(s, pv, npv, r.cnt, r.ncnt, r.groups, r.ngroups, r.whole, r.nwhole) &&
		 same_hosts(s, r.cnt, r.ncnt, r.nplan_js, s->planned);
	if (*exact)
		st = steps_last(j, s, r.cnt, r.ncnt);
out:
	free(pv);
	return st;
}

enum status session_load_view(struct journal *j, const struct content *c, int64_t id,
			      size_t agents_hop, struct session **out, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	enum status st = session_load_view_of(j, c, id, agents_hop, NULL, 0, out, &why);

	if (st != ST_OK)
		diag_fail_why(dl, st, &why);
	strbuf_release(&why);
	return st;
}

/* (session_private.h) */
enum status session_load_view_of(struct journal *j, const struct content *c, int64_t id,
				 size_t agents_hop, struct journal_host *hosts, size_t nhosts,
				 struct session **out, struct strbuf *why)
{
	struct session *s = calloc(1, sizeof(*s));
	bool unplanned = false, exact = false;
	bool began = false;
	enum status st = s ? journal_read_begin(j, &began) : ST_NOMEM;

	*out = NULL;
	if (st == ST_OK)
		st = session_read_record(j, c, id, s, &unplanned, why);
	if (st == ST_OK)
		st = view(j, s, agents_hop, hosts, nhosts, &exact);
	if (st == ST_OK && exact) {
		s->partial = true;
		snprintf(s->content_digest, sizeof(s->content_digest), "%s", s->info.content_digest);
		session_derive(s);
		st = journal_last_activity(j, id, &s->arena, &s->last_activity);
		if (st == ST_OK)
			st = journal_stamp_get(j, id, &s->stamp);
		if (st != ST_OK)
			strbuf_adds(why, st == ST_NOMEM ? "out of memory" : journal_error(j));
	}
	journal_read_end(j, began);
	if (!s || st != ST_OK || !exact) {
		session_free(&s);
		if (unplanned || (st == ST_OK && !exact)) {
			/* drift, other content: as the whole load reads them */
			strbuf_reset(why);
			return session_load_why(j, c, id, out, why);
		}
		if (!why->len)
			strbuf_adds(why, st == ST_NOMEM ? "out of memory" : journal_error(j));
		return st;
	}
	*out = s;
	return ST_OK;
}

enum status session_load_brief(struct journal *j, const struct content *c, int64_t id,
			       struct session **out, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	enum status st = session_load_view_of(j, c, id, SESSION_NO_HOP, NULL, 0, out, &why);

	if (st == ST_DATAERR) /* planned with other content: what the journal alone keeps of it */
		st = session_load_record(j, c, id, out, dl);
	else if (st != ST_OK)
		diag_fail_why(dl, st, &why);
	strbuf_release(&why);
	return st;
}

bool session_hosts_read(const struct session *s, size_t hop)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (s->items[i].nloaded < s->items[i].nhosts &&
		    (hop == SESSION_ALL_HOPS || s->items[i].hop == hop))
			return false;
	return true;
}
