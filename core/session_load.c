/*
 * session_load.c - a session's state, from the journal's record of it and
 * the current content.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "huge_map.h"
#include "session_private.h"

/* How load() reads: the full read for "status"; a session of other content too. */
enum { LOAD_SUMMARY = 1, LOAD_RECORD = 2 };

static int state_cmp(const void *a, const void *b)
{
	return strcmp(((const struct journal_item_state *)a)->item.id,
		      ((const struct journal_item_state *)b)->item.id);
}

static const struct journal_item_state *find_state(const struct journal_item_state *v, size_t n,
						    const char *id)
{
	struct journal_item_state key;

	key.item.id = id;
	return n ? bsearch(&key, v, n, sizeof(*v), state_cmp) : NULL;
}

static int planned_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct planned *const *)a)->id,
		      (*(const struct planned *const *)b)->id);
}

/* (session_private.h) */
void session_apply_state(struct session_item *it, const struct journal_item_state *js)
{
	if (!js) {
		it->drift = it->drift == DRIFT_REMOVED ? DRIFT_REMOVED : DRIFT_ADDED;
		return;
	}
	if (it->drift != DRIFT_REMOVED && js->item.digest && strcmp(js->item.digest, it->digest) != 0)
		it->drift = DRIFT_CHANGED;
	if (js->has_state) {
		it->has_last = true;
		it->last = js->state;
		if (js->state.action == EVENT_DONE || js->state.action == EVENT_ACK)
			it->state = ITEM_DONE;
		else if (js->state.action == EVENT_SKIP)
			it->state = ITEM_SKIPPED;
		it->forced = it->state != ITEM_PENDING && js->state.forced;
		/* (the light read has no digests: this, like drift, is for "status") */
		it->changed_since_done = it->state != ITEM_PENDING && it->drift != DRIFT_REMOVED &&
					 js->state.digest && strcmp(js->state.digest, it->digest) != 0;
	}
	if (js->has_choice)
		it->branch = js->choice.text;
	if (js->has_note) {
		it->has_note = true;
		it->note_event = js->note;
	}
}

/* The journal lists exactly the planned items, in the same order. */
static bool same_items(const struct planned *pv, size_t npv, const struct journal_item_state *js,
		       size_t njs)
{
	if (npv != njs)
		return false;
	for (size_t i = 0; i < npv; i++)
		if (strcmp(pv[i].id, js[i].item.id) != 0)
			return false;
	return true;
}

/* An item as planned now, with its state from the journal's record @js (may be NULL). */
void session_init_item(struct session_item *it, const struct planned *p,
		      const struct journal_item_state *js)
{
	it->id = p->id;
	it->kind = p->kind;
	it->hop = p->hop;
	it->note = p->note;
	it->step = p->step;
	it->host = p->host;
	it->leader = p->leader;
	it->parent = -1;
	memcpy(it->digest, p->digest, sizeof(it->digest));
	session_apply_state(it, js);
}

/* The hop of a removed item: the plan hop its id starts with, else the last. */
static size_t hop_of(const struct plan *p, const char *id)
{
	size_t len = strcspn(id, "/");

	for (size_t h = 0; h < p->nhops; h++)
		if (strlen(p->hops[h].id) == len && !strncmp(p->hops[h].id, id, len))
			return h;
	return p->nhops ? p->nhops - 1 : 0;
}

/*
 * The hosts' items follow their per-host step; the step is done when every
 * host is done or skipped (skipped when all were), as of the last of them.
 */
static void derive_hosts(struct session *s)
{
	long cur = -1;

	/* again after a change (session_derive()): counted from nothing; a partial
	 * load has its steps' counts from the journal (session_partial.c) */
	for (size_t i = 0; i < s->nitems; i++) {
		s->items[i].nloaded = 0;
		if (!s->partial)
			s->items[i].nhosts = s->items[i].hosts_done = s->items[i].hosts_skipped = 0;
	}

	for (size_t i = 0; i < s->nitems; i++) {
		struct session_item *it = &s->items[i], *p;
		enum role role;
		if (!it->host) {
			cur = content_per_host(it->note, it->step, &role) ? (long)i : -1;
			continue;
		}
		it->parent = cur;
		if (cur < 0)
			continue;
		p = &s->items[cur];
		if (!p->nloaded++ && !s->partial) {
			p->has_last = false;
			p->forced = false;
		}
		if (s->partial)
			continue; /* counted, forced and last as the load read them */
		p->nhosts++;
		p->hosts_done += it->state == ITEM_DONE;
		p->hosts_skipped += it->state == ITEM_SKIPPED;
		p->forced |= it->forced;
		/* the latest in the journal's order, as the journal's counts keep it
		 * (host_counts.last_event); the light load has no ids: any resolved
		 * host will do for the rules */
		if (it->state != ITEM_PENDING && it->has_last &&
		    (!p->has_last || it->last.id >= p->last.id)) {
			p->last = it->last;
			p->has_last = true;
		}
	}
	for (size_t i = 0; i < s->nitems; i++) {
		struct session_item *p = &s->items[i];
		if (!p->nhosts)
			continue;
		if (p->hosts_done + p->hosts_skipped < p->nhosts) {
			p->state = ITEM_PENDING;
			p->has_last = false;
			p->forced = false;
		} else {
			p->state = p->hosts_skipped == p->nhosts ? ITEM_SKIPPED : ITEM_DONE;
		}
	}
}

/*
 * What the progress and the rules read, from the items' states: the counts,
 * per hop the first pending items, whether and when the session finished.
 */
void session_derive(struct session *s)
{
	size_t nh = s->plan.nhops;
	long before = -1;
	int64_t last = 0;

	derive_hosts(s);
	s->ndone = s->nskipped = s->npending = s->nforced = s->nremoved = 0;
	s->finished_at = NULL;
	for (size_t h = 0; h < nh; h++)
		s->first_pending_note[h] = s->first_pending_step[h] = -1;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->host)
			continue; /* counted in their step; the rules look at the step */
		if (it->drift == DRIFT_REMOVED) {
			s->nremoved++;
			continue;
		}
		switch (it->state) {
		case ITEM_DONE: s->ndone++; break;
		case ITEM_SKIPPED: s->nskipped++; break;
		case ITEM_PENDING: s->npending++; break;
		}
		if (it->forced)
			s->nforced++;
		if (it->state == ITEM_PENDING) {
			/* a note placed among the steps ('after', 'per-host') is in their order */
			long *first = session_item_before(it) ? &s->first_pending_note[it->hop]
							      : &s->first_pending_step[it->hop];
			if (*first < 0)
				*first = (long)i;
		} else if (it->has_last && it->last.time && (!s->finished_at || it->last.id > last)) {
			/* the last check-off in the journal's order (a per-host step's, its
			 * last host's), at the time it recorded */
			s->finished_at = it->last.time;
			last = it->last.id;
		}
	}
	for (size_t h = 0; h < nh; h++) {
		long n = s->first_pending_note[h], st = s->first_pending_step[h];
		s->first_pending_before[h] = before;
		if (before < 0)
			before = n >= 0 && (st < 0 || n < st) ? n : st;
	}
	s->finished = s->npending == 0 && s->nitems > s->nremoved;
	if (!s->finished)
		s->finished_at = NULL;
}

/*
 * Session @id's record from the journal, and its plan from the content:
 * ST_USAGE when the journal has no such session, ST_DATAERR when the content
 * can no longer plan it.
 */
/* Whether @s is closed, by whom, and its title now (session_life.c records them). */
static enum status life_of(struct journal *j, struct session *s)
{
	struct journal_change title;
	bool found;
	enum status st = journal_change_latest(j, s->info.id, JOURNAL_CLOSE, JOURNAL_REOPEN, &s->arena,
					       &s->closing, &found);

	s->closed = st == ST_OK && found && s->closing.action == JOURNAL_CLOSE;
	if (st == ST_OK)
		st = journal_change_latest(j, s->info.id, JOURNAL_TITLE, JOURNAL_TITLE, &s->arena, &title,
					   &found);
	if (st == ST_OK && found)
		s->info.title = title.text;
	return st;
}

enum status session_read_record(struct journal *j, const struct content *c, int64_t id,
				struct session *s, bool *unplanned, struct strbuf *why)
{
	bool found;
	enum status st = journal_session_get(j, id, &s->arena, &s->info, &found);

	if (st != ST_OK) {
		strbuf_adds(why, journal_error(j));
		return st;
	}
	if (!found) {
		strbuf_addf(why, "there is no session %lld in journal %s; 'sessions' lists them",
			    (long long)id, journal_path(j));
		return ST_USAGE;
	}
	if ((st = journal_item_total(j, id, &s->planned)) != ST_OK) {
		strbuf_adds(why, journal_error(j));
		return st;
	}
	/* a large session's reads first touch memory 2 MiB at a time (huge_map.h) */
	if (s->planned >= SESSION_HUGE_HEAP_ITEMS)
		huge_heap();
	st = life_of(j, s);
	if (st != ST_OK) {
		strbuf_adds(why, journal_error(j));
		return st;
	}
	st = plan_build(c, s->info.from, s->info.to, &s->plan, why);
	if (st != ST_OK) {
		strbuf_addf(why, " (session %lld was planned from %s to %s with content %s)",
			    (long long)id, s->info.from, s->info.to, s->info.content_version);
		*unplanned = true;
		return ST_DATAERR;
	}
	return ST_OK;
}

/* Room for @n items in s->items, and for the per-hop arrays derive() fills. */
bool session_alloc_items(struct session *s, size_t n)
{
	size_t hops = (s->plan.nhops + 1) * sizeof(long);

	s->first_pending_before = arena_alloc(&s->arena, hops);
	s->first_pending_note = arena_alloc(&s->arena, hops);
	s->first_pending_step = arena_alloc(&s->arena, hops);
	s->items = arena_alloc(&s->arena, (n + 1) * sizeof(*s->items));
	return s->first_pending_before && s->first_pending_note && s->first_pending_step &&
	       s->items;
}

/*
 * The rules' view, from the light read (which lists only the items with
 * events, and no digests): the planned items, with the state of those that
 * have one, and no drift.
 */
static bool join_light(struct session *s, const struct planned *pv, size_t npv,
		       struct journal_item_state *js, size_t njs)
{
	if (!session_alloc_items(s, npv))
		return false;
	if (njs)
		qsort(js, njs, sizeof(*js), state_cmp);
	for (size_t p = 0; p < npv; p++) {
		session_init_item(&s->items[p], &pv[p], find_state(js, njs, pv[p].id));
		s->items[p].drift = DRIFT_NONE;
	}
	s->nitems = npv;
	return true;
}

/* The usual case: the content has not changed the list of items, @js is @pv's. */
static bool join_same(struct session *s, const struct planned *pv, size_t npv,
		      const struct journal_item_state *js)
{
	if (!session_alloc_items(s, npv))
		return false;
	for (size_t p = 0; p < npv; p++)
		session_init_item(&s->items[p], &pv[p], &js[p]);
	s->nitems = npv;
	return true;
}

/* Whether item @id is among the planned items @sorted (by id). */
static bool is_planned(const struct planned *const *sorted, size_t n, const char *id)
{
	struct planned key = { .id = id };
	const struct planned *kp = &key;

	return bsearch(&kp, sorted, n, sizeof(*sorted), planned_cmp) != NULL;
}

/* An item the journal has and the content no longer has, in hop @h. */
static void init_removed(struct session_item *it, size_t h, const struct journal_item_state *js)
{
	it->id = js->item.id;
	it->kind = strcmp(js->item.kind, "note") ? ITEM_STEP : ITEM_NOTE;
	it->hop = h;
	it->parent = -1;
	it->drift = DRIFT_REMOVED;
	session_apply_state(it, js);
}

/*
 * The content changed the list of items: hop by hop, the planned items, then
 * the journal's items of that hop that the content no longer has.
 */
static bool join_changed(struct session *s, const struct planned *pv, size_t npv,
			 struct journal_item_state *js, size_t njs)
{
	const struct planned **sorted = calloc(npv + 1, sizeof(*sorted));
	size_t nremoved = 0, k = 0;
	bool ok = false;

	if (!sorted)
		return false;
	for (size_t i = 0; i < npv; i++)
		sorted[i] = &pv[i];
	qsort(sorted, npv, sizeof(*sorted), planned_cmp);
	for (size_t i = 0; i < njs; i++)
		nremoved += !is_planned(sorted, npv, js[i].item.id);
	if (!session_alloc_items(s, npv + nremoved))
		goto out;
	if (njs)
		qsort(js, njs, sizeof(*js), state_cmp);
	for (size_t h = 0, p = 0; h < s->plan.nhops; h++) {
		for (; p < npv && pv[p].hop == h; p++)
			session_init_item(&s->items[k++], &pv[p], find_state(js, njs, pv[p].id));
		for (size_t i = 0; nremoved && i < njs; i++)
			if (hop_of(&s->plan, js[i].item.id) == h &&
			    !is_planned(sorted, npv, js[i].item.id))
				init_removed(&s->items[k++], h, &js[i]);
	}
	s->nitems = k;
	ok = true;
out:
	free(sorted);
	return ok;
}

/*
 * The leading master the rules put last: the one the latest probe saw, when
 * it is one of the inventory's masters, else the inventory's. The hosts'
 * leader flags are set to say it.
 */
enum status session_leader_of(struct journal *j, struct session *s, struct journal_host *hosts,
			     size_t nhosts)
{
	struct journal_probe *p;
	const char *live = NULL;
	size_t n;
	enum status st = nhosts ? journal_probes(j, s->info.id, 1, false, &s->arena, &p, &n) : ST_OK;

	if (st != ST_OK || !nhosts)
		return st;
	for (size_t i = 0; n && p[0].leader && i < nhosts; i++)
		if (!strcmp(hosts[i].role, "master") && !strcmp(hosts[i].name, p[0].leader))
			live = hosts[i].name;
	for (size_t i = 0; i < nhosts; i++) {
		if (live)
			hosts[i].leader = hosts[i].name == live;
		if (hosts[i].leader)
			s->leader = hosts[i].name;
	}
	s->leader_live = live != NULL;
	return ST_OK;
}

/*
 * The hosts excluded now from the exclusions and inclusions @x (oldest
 * first): each host by its latest, when that excludes it.
 */
static bool excluded_now(struct session *s, const struct journal_exclusion *x, size_t n)
{
	s->excluded = arena_alloc(&s->arena, (n + 1) * sizeof(*s->excluded));
	if (!s->excluded)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool later = false;
		for (size_t k = i + 1; k < n && !later; k++)
			later = !strcmp(x[k].target, x[i].target) && !strcmp(x[k].role, x[i].role);
		if (!later && !x[i].include)
			s->excluded[s->nexcluded++] = &x[i];
	}
	return true;
}

/*
 * What the journal keeps of the session's hosts beyond its first inventory:
 * the window's end, the hosts excluded now, with @summary the events the
 * exclusions wrote and the inventory's edits; the whole steps into *@whole.
 */
enum status session_read_hosts_extra(struct journal *j, struct session *s, bool summary,
				    const char ***whole, size_t *nwhole)
{
	struct journal_exclusion *x;
	size_t nx;
	enum status st = journal_window_get(j, s->info.id, &s->arena, &s->window_end);

	if (st == ST_OK)
		st = journal_whole_steps(j, s->info.id, &s->arena, whole, nwhole);
	if (st == ST_OK)
		st = journal_exclusions(j, s->info.id, &s->arena, &x, &nx);
	if (st == ST_OK && !excluded_now(s, x, nx))
		st = ST_NOMEM;
	if (st == ST_OK && summary)
		st = journal_exclusion_events(j, s->info.id, &s->arena, &s->exclusion_events,
					      &s->nexclusion_events);
	if (st == ST_OK && summary)
		st = journal_edits(j, s->info.id, &s->arena, &s->edits, &s->nedits);
	return st;
}

/*
 * @summary: the full read of the journal, with drift, the plan's digest and
 * the last activity, which "status" shows; a check-off does without (it is
 * on the hot path).
 */
/* Whether the content's items @pv share any with the journal's record @js (sorted when not the same). */
static bool shares_items(const struct planned *pv, size_t npv, struct journal_item_state *js,
			 size_t njs)
{
	if (!njs || same_items(pv, npv, js, njs))
		return true;
	qsort(js, njs, sizeof(*js), state_cmp);
	for (size_t p = 0; p < npv; p++)
		if (find_state(js, njs, pv[p].id))
			return true;
	return false;
}

/*
 * Whether the journal's record of @s shares items with the plan @pv, into
 * *@yes. The light read has only the items with events: when none of them is
 * planned (none yet, or all gone from the content), the whole list is read.
 */
static enum status shared(struct journal *j, struct session *s, bool summary,
			  const struct planned *pv, size_t npv, struct journal_item_state *js,
			  size_t njs, bool *yes)
{
	enum status st = ST_OK;

	if (summary || njs) {
		*yes = shares_items(pv, npv, js, njs);
		if (*yes || summary)
			return ST_OK;
	}
	st = journal_item_states(j, s->info.id, false, &s->arena, &js, &njs);
	*yes = st == ST_OK && shares_items(pv, npv, js, njs);
	return st;
}

static enum status load(struct journal *j, const struct content *c, int64_t id, unsigned how,
			struct session **out, struct strbuf *why)
{
	bool summary = how & LOAD_SUMMARY, unplanned = false, shares;
	struct session *s = NULL;
	struct journal_item_state *js = NULL;
	struct journal_host *hosts = NULL;
	struct planned *pv = NULL;
	const char **whole = NULL;
	size_t nhosts = 0, npv = 0, njs = 0, nwhole = 0;
	bool joined;
	enum status st = ST_NOMEM;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto out;
	st = session_read_record(j, c, id, s, &unplanned, why);
	if (unplanned)
		st = session_other_content(j, s, how & LOAD_RECORD, why);
	if (st != ST_OK || s->other_content)
		goto out;
	st = journal_item_states(j, id, !summary, &s->arena, &js, &njs);
	if (st == ST_OK)
		st = journal_hosts(j, id, &s->arena, &hosts, &nhosts);
	if (st == ST_OK)
		st = session_leader_of(j, s, hosts, nhosts);
	if (st == ST_OK)
		st = session_read_hosts_extra(j, s, summary, &whole, &nwhole);
	if (st != ST_OK) {
		strbuf_adds(why, st == ST_NOMEM ? "out of memory" : journal_error(j));
		goto out;
	}
	s->hosts = hosts;
	s->nhosts = nhosts;
	st = ST_NOMEM;
	if (!session_whole_resolved(&s->arena, js, njs, &whole, &nwhole))
		goto out;
	pv = session_plan_items(&s->plan, hosts, nhosts, whole, nwhole, &s->arena, &npv);
	if (!pv)
		goto out;
	if (summary) {
		session_digest_items(pv, npv, s->content_digest);
		s->content_changed = strcmp(s->content_digest, s->info.content_digest) != 0;
	}
	st = shared(j, s, summary, pv, npv, js, njs, &shares);
	if (st != ST_OK || !shares) {
		st = st != ST_OK ? st : session_other_content(j, s, how & LOAD_RECORD, why);
		if (st != ST_OK && !why->len)
			strbuf_adds(why, journal_error(j));
		goto out;
	}
	st = ST_NOMEM;
	if (!summary)
		joined = join_light(s, pv, npv, js, njs);
	else if (same_items(pv, npv, js, njs))
		joined = join_same(s, pv, npv, js);
	else
		joined = join_changed(s, pv, npv, js, njs);
	if (!joined)
		goto out;
	session_derive(s);
	s->last_activity = "";
	st = ST_OK;
	if (summary && (st = journal_last_activity(j, id, &s->arena, &s->last_activity)) != ST_OK)
		strbuf_adds(why, journal_error(j));
out:
	free(pv);
	if (st != ST_OK)
		session_free(&s);
	*out = s;
	return st;
}

/* load() of @how, its failure said in @dl. */
static enum status load_said(struct journal *j, const struct content *c, int64_t id, unsigned how,
			     struct session **out, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	enum status st = load(j, c, id, how, out, &why);

	if (st != ST_OK)
		diag_fail_why(dl, st, &why);
	strbuf_release(&why);
	return st;
}

enum status session_load(struct journal *j, const struct content *c, int64_t id,
			 struct session **out, struct diag_list *dl)
{
	return load_said(j, c, id, LOAD_SUMMARY, out, dl);
}

/* (session_private.h) */
enum status session_load_why(struct journal *j, const struct content *c, int64_t id,
			     struct session **out, struct strbuf *why)
{
	return load(j, c, id, LOAD_SUMMARY, out, why);
}

enum status session_load_record(struct journal *j, const struct content *c, int64_t id,
				struct session **out, struct diag_list *dl)
{
	return load_said(j, c, id, LOAD_SUMMARY | LOAD_RECORD, out, dl);
}

enum status session_load_light(struct journal *j, const struct content *c, int64_t id,
			       struct session **out, struct strbuf *why)
{
	return load(j, c, id, 0, out, why);
}

void session_free(struct session **sp)
{
	if (!*sp)
		return;
	arena_release(&(*sp)->arena);
	free(*sp);
	*sp = NULL;
}
