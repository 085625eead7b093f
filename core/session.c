/*
 * session.c - session state from the journal and the content; the rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "digest.h"
#include "session.h"
#include "sorted_index.h"

const char *item_state_name(enum item_state st)
{
	switch (st) {
	case ITEM_PENDING: return "pending";
	case ITEM_DONE: return "done";
	case ITEM_SKIPPED: return "skipped";
	}
	return "?";
}

const char *item_kind_name(enum item_kind k)
{
	return k == ITEM_NOTE ? "note" : "step";
}

const char *drift_name(enum drift d)
{
	switch (d) {
	case DRIFT_NONE: return "none";
	case DRIFT_CHANGED: return "changed";
	case DRIFT_ADDED: return "added";
	case DRIFT_REMOVED: return "removed";
	}
	return "?";
}

const char *session_item_title(const struct session_item *it)
{
	if (it->note)
		return it->note->title;
	if (it->step)
		return it->step->text;
	return "(no longer in the content)";
}

/* ---- the plan's items -------------------------------------------------- */

struct planned {
	const char *id;
	enum item_kind kind;
	size_t hop;
	const struct content_note *note;
	const struct content_step *step;
	char digest[ITEM_DIGEST_LEN + 1];
	const char *host;      /* a host's item of a per-host step, else NULL */
	long parent;           /* for a host's item: the index of its step, else -1 */
	bool leader;
};

/* The hosts of @role ("master" or "agent") in @hosts, as a range. */
static size_t hosts_of(const struct journal_host *hosts, size_t nhosts, const char *role,
		       size_t *first)
{
	size_t n = 0;

	*first = 0;
	for (size_t i = 0; i < nhosts; i++) {
		if (strcmp(hosts[i].role, role))
			continue;
		if (!n)
			*first = i;
		n++;
	}
	return n;
}

/* The items of @p in order; malloc'd, *n set. NULL when out of memory. */
/*
 * The items of @p in order: per hop its notes, then its steps; a per-host
 * step followed by one item per host of its role in @hosts (ids made in @a).
 * malloc'd, *n set; NULL when out of memory.
 */
static struct planned *plan_items(const struct plan *p, const struct journal_host *hosts,
				  size_t nhosts, struct arena *a, size_t *n)
{
	size_t nm, fm, na, fa, cap = p->nnotes + p->nsteps + 1, k = 0;
	struct planned *v;

	nm = hosts_of(hosts, nhosts, "master", &fm);
	na = hosts_of(hosts, nhosts, "agent", &fa);
	for (size_t h = 0; h < p->nhops; h++)
		for (size_t i = 0; i < p->hops[h].nsteps; i++)
			if (p->hops[h].steps[i].per_host)
				cap += p->hops[h].steps[i].role == ROLE_MASTER ? nm : na;
	v = calloc(cap, sizeof(*v));
	if (!v)
		return NULL;
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		for (size_t i = 0; i < hop->nnotes; i++, k++) {
			v[k] = (struct planned){ hop->notes[i].full_id, ITEM_NOTE, h, &hop->notes[i],
						 NULL, "", NULL, -1, false };
			memcpy(v[k].digest, hop->notes[i].digest, sizeof(v[k].digest));
		}
		for (size_t i = 0; i < hop->nsteps; i++) {
			const struct content_step *st = &hop->steps[i];
			size_t parent = k, nh = 0, first = 0;
			v[k] = (struct planned){ st->full_id, ITEM_STEP, h, NULL, st, "", NULL, -1,
						 false };
			memcpy(v[k].digest, st->digest, sizeof(v[k].digest));
			k++;
			if (st->per_host)
				nh = st->role == ROLE_MASTER ? nm : na, first = st->role == ROLE_MASTER ? fm : fa;
			size_t idlen = strlen(st->full_id);
			for (size_t q = 0; q < nh; q++) {
				/* "HOP/STEP@HOST", put together by hand: a hundred thousand of them */
				const struct journal_host *host = &hosts[first + q];
				size_t hlen = strlen(host->name);
				char *id = arena_alloc(a, idlen + hlen + 2);
				if (!id) {
					free(v);
					return NULL;
				}
				memcpy(id, st->full_id, idlen);
				id[idlen] = '@';
				memcpy(id + idlen + 1, host->name, hlen + 1);
				v[k] = v[parent];
				v[k].id = id;
				v[k].host = host->name;
				v[k].parent = (long)parent;
				v[k].leader = host->leader;
				k++;
			}
		}
	}
	*n = k;
	return v;
}

static void digest_items(const struct planned *v, size_t n, char out[65])
{
	struct sha256 s;
	unsigned char d[32];

	sha256_init(&s);
	for (size_t i = 0; i < n; i++) {
		sha256_update(&s, v[i].id, strlen(v[i].id));
		sha256_update(&s, " ", 1);
		sha256_update(&s, v[i].digest, strlen(v[i].digest));
		sha256_update(&s, "\n", 1);
	}
	sha256_final(&s, d);
	digest_hex(d, 32, out);
}

void session_plan_digest(const struct plan *p, char out[65])
{
	struct arena a = ARENA_INIT;
	size_t n;
	struct planned *v = plan_items(p, NULL, 0, &a, &n);

	out[0] = '\0';
	if (v)
		digest_items(v, n, out);
	free(v);
	arena_release(&a);
}

/* ---- start ------------------------------------------------------------- */

enum status session_start(struct journal *j, const struct content *c, const char *from,
			  const char *to, const char *title, const struct inventory *inv,
			  const struct session_actor *who, int64_t *id,
			  struct session_refusal *refusal, struct strbuf *why)
{
	struct arena a = ARENA_INIT;
	struct planned *v = NULL;
	struct journal_item *items = NULL;
	struct journal_host *hosts = NULL;
	struct journal_session s = { 0 };
	char now[CLOCK_ISO_LEN + 1], digest[65];
	struct plan p;
	size_t n = 0, nhosts = 0;
	enum status st;

	st = plan_build_refusal(c, from, to, &p, refusal ? &refusal->code : NULL,
				refusal ? &refusal->field : NULL, why);
	if (st != ST_OK)
		return st;
	if (!session_title_check(title, refusal)) {
		strbuf_addf(why, title && strlen(title) > SESSION_TITLE_MAX
				 ? "--title is longer than %d characters"
				 : "--title has characters that cannot be shown: use printable "
				   "characters on one line (at most %d)", SESSION_TITLE_MAX);
		return ST_USAGE;
	}
	st = ST_NOMEM;
	if (inv) {
		hosts = calloc(inv->nmasters + inv->nagents + 1, sizeof(*hosts));
		if (!hosts)
			goto out;
		for (size_t i = 0; i < inv->nmasters; i++)
			hosts[nhosts++] = (struct journal_host){ "master", inv->masters[i],
								 inv->masters[i] == inv->leader };
		for (size_t i = 0; i < inv->nagents; i++)
			hosts[nhosts++] = (struct journal_host){ "agent", inv->agents[i], false };
	}
	v = plan_items(&p, hosts, nhosts, &a, &n);
	items = calloc(n + 1, sizeof(*items));
	if (!v || !items)
		goto out;
	for (size_t i = 0; i < n; i++)
		items[i] = (struct journal_item){ v[i].id, item_kind_name(v[i].kind), v[i].digest };
	digest_items(v, n, digest);
	clock_iso(clock_now(), now);
	s.from = from;
	s.to = to;
	s.title = title ? title : "";
	s.operator_name = who->operator_name;
	s.host = who->host;
	s.created = now;
	s.content_digest = digest;
	s.content_version = c->version;
	st = journal_begin(j);
	if (st == ST_OK)
		st = journal_session_add(j, &s, items, n, id);
	if (st == ST_OK && nhosts)
		st = journal_hosts_add(j, *id, hosts, nhosts);
	if (st == ST_OK)
		st = journal_commit(j);
	else
		journal_rollback(j);
	if (st != ST_OK)
		strbuf_adds(why, journal_error(j));
out:
	if (st == ST_NOMEM && !why->len)
		strbuf_adds(why, "out of memory");
	free(v);
	free(items);
	free(hosts);
	arena_release(&a);
	return st;
}

/* ---- load -------------------------------------------------------------- */

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

/* Fill the state of @it from the journal's record @js (may be NULL). */
static void apply_state(struct session *s, struct session_item *it,
			const struct journal_item_state *js)
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
		/* (the light read has no digest: drift is for "status", not the rules) */
		it->changed_since_done = it->state != ITEM_PENDING && it->drift != DRIFT_REMOVED &&
					 js->state.digest && strcmp(js->state.digest, it->digest) != 0;
	}
	if (js->has_choice)
		it->branch = js->choice.text;
	if (js->has_note) {
		it->has_note = true;
		it->note_event = js->note;
	}
	(void)s;
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

static void init_item(struct session *s, struct session_item *it, const struct planned *p,
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
	apply_state(s, it, js);
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

	for (size_t i = 0; i < s->nitems; i++) {
		struct session_item *it = &s->items[i], *p;
		if (!it->host) {
			cur = it->step && it->step->per_host ? (long)i : -1;
			continue;
		}
		it->parent = cur;
		if (cur < 0)
			continue;
		p = &s->items[cur];
		if (!p->nhosts++) {
			p->has_last = false;
			p->forced = false;
		}
		p->hosts_done += it->state == ITEM_DONE;
		p->hosts_skipped += it->state == ITEM_SKIPPED;
		p->forced |= it->forced;
		/* (the light load has no times: any resolved host will do for the rules) */
		if (it->state != ITEM_PENDING && it->has_last &&
		    (!p->has_last || !it->last.time || !p->last.time ||
		     strcmp(it->last.time, p->last.time) >= 0)) {
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

static void derive(struct session *s)
{
	size_t nh = s->plan.nhops;
	long before = -1;

	derive_hosts(s);
	for (size_t h = 0; h < nh; h++)
		s->first_pending_note[h] = s->first_pending_step[h] = -1;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->host) {
			/* counted in their step; the rules look at the step */
			if (it->state != ITEM_PENDING && it->has_last && it->last.time &&
			    (!s->finished_at || strcmp(it->last.time, s->finished_at) > 0))
				s->finished_at = it->last.time;
			continue;
		}
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
			long *first = it->kind == ITEM_NOTE ? &s->first_pending_note[it->hop]
							    : &s->first_pending_step[it->hop];
			if (*first < 0)
				*first = (long)i;
		} else if (it->has_last && it->last.time &&
			   (!s->finished_at || strcmp(it->last.time, s->finished_at) > 0)) {
			s->finished_at = it->last.time;
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
 * @summary: also the plan's digest and the last activity, which "status"
 * shows and a check-off does not need (it is on the hot path).
 */
static enum status load(struct journal *j, const struct content *c, int64_t id, bool summary,
			struct session **out, struct strbuf *why)
{
	struct session *s = NULL;
	struct journal_item_state *js = NULL;
	struct planned *pv = NULL, **sorted = NULL;
	struct journal_host *hosts = NULL;
	size_t nhosts = 0;
	size_t npv = 0, njs = 0, k = 0, nremoved = 0;
	bool found;
	enum status st = ST_NOMEM;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto out;
	st = journal_session_get(j, id, &s->arena, &s->info, &found);
	if (st != ST_OK) {
		strbuf_adds(why, journal_error(j));
		goto out;
	}
	if (!found) {
		strbuf_addf(why, "there is no session %lld in journal %s; 'sessions' lists them",
			    (long long)id, journal_path(j));
		st = ST_USAGE;
		goto out;
	}
	st = plan_build(c, s->info.from, s->info.to, &s->plan, why);
	if (st != ST_OK) {
		strbuf_addf(why, " (session %lld was planned from %s to %s with content %s)",
			    (long long)id, s->info.from, s->info.to, s->info.content_version);
		st = ST_DATAERR;
		goto out;
	}
	st = journal_item_states(j, id, !summary, &s->arena, &js, &njs);
	if (st != ST_OK) {
		strbuf_adds(why, journal_error(j));
		goto out;
	}
	st = ST_NOMEM;
	st = journal_hosts(j, id, &s->arena, &hosts, &nhosts);
	if (st != ST_OK) {
		strbuf_adds(why, journal_error(j));
		goto out;
	}
	st = ST_NOMEM;
	pv = plan_items(&s->plan, hosts, nhosts, &s->arena, &npv);
	if (!pv)
		goto out;
	if (summary) {
		digest_items(pv, npv, s->content_digest);
		s->content_changed = strcmp(s->content_digest, s->info.content_digest) != 0;
	}
	s->first_pending_before = arena_alloc(&s->arena, (s->plan.nhops + 1) * sizeof(long));
	s->first_pending_note = arena_alloc(&s->arena, (s->plan.nhops + 1) * sizeof(long));
	s->first_pending_step = arena_alloc(&s->arena, (s->plan.nhops + 1) * sizeof(long));
	if (!s->first_pending_before || !s->first_pending_note || !s->first_pending_step)
		goto out;

	if (!summary) {
		/* the rules' view: planned items with the state of those that have one */
		if (njs)
			qsort(js, njs, sizeof(*js), state_cmp);
		s->items = arena_alloc(&s->arena, (npv + 1) * sizeof(*s->items));
		if (!s->items)
			goto out;
		for (size_t p = 0; p < npv; p++) {
			const struct journal_item_state *f = find_state(js, njs, pv[p].id);
			init_item(s, &s->items[k++], &pv[p], f);
			s->items[k - 1].drift = DRIFT_NONE;
		}
	} else if (same_items(pv, npv, js, njs)) {
		/* the usual case: the content has not changed the list of items */
		s->items = arena_alloc(&s->arena, (npv + 1) * sizeof(*s->items));
		if (!s->items)
			goto out;
		for (size_t p = 0; p < npv; p++)
			init_item(s, &s->items[k++], &pv[p], &js[p]);
	} else {
		sorted = calloc(npv + 1, sizeof(*sorted));
		if (!sorted)
			goto out;
		for (size_t i = 0; i < npv; i++)
			sorted[i] = &pv[i];
		qsort(sorted, npv, sizeof(*sorted), planned_cmp);
		/* journal items the content no longer has */
		for (size_t i = 0; i < njs; i++) {
			struct planned key = { .id = js[i].item.id }, *kp = &key;
			if (!bsearch(&kp, sorted, npv, sizeof(*sorted), planned_cmp))
				nremoved++;
		}
		s->items = arena_alloc(&s->arena, (npv + nremoved + 1) * sizeof(*s->items));
		if (!s->items)
			goto out;
		/* hop by hop: the planned items, then the removed ones of that hop */
		if (njs)
			qsort(js, njs, sizeof(*js), state_cmp);
		for (size_t h = 0, p = 0; h < s->plan.nhops; h++) {
			for (; p < npv && pv[p].hop == h; p++)
				init_item(s, &s->items[k++], &pv[p], find_state(js, njs, pv[p].id));
			for (size_t i = 0; nremoved && i < njs; i++) {
				struct planned key = { .id = js[i].item.id }, *kp = &key;
				if (hop_of(&s->plan, js[i].item.id) != h ||
				    bsearch(&kp, sorted, npv, sizeof(*sorted), planned_cmp))
					continue;
				struct session_item *it = &s->items[k++];
				it->id = js[i].item.id;
				it->kind = strcmp(js[i].item.kind, "note") ? ITEM_STEP : ITEM_NOTE;
				it->hop = h;
				it->drift = DRIFT_REMOVED;
				apply_state(s, it, &js[i]);
			}
		}
	}
	s->nitems = k;
	derive(s);
	s->last_activity = "";
	st = ST_OK;
	if (summary && (st = journal_last_activity(j, id, &s->arena, &s->last_activity)) != ST_OK)
		strbuf_adds(why, journal_error(j));
out:
	free(pv);
	free(sorted);
	if (st != ST_OK)
		session_free(&s);
	*out = s;
	return st;
}

enum status session_load(struct journal *j, const struct content *c, int64_t id,
			 struct session **out, struct strbuf *why)
{
	return load(j, c, id, true, out, why);
}

void session_free(struct session **sp)
{
	if (!*sp)
		return;
	arena_release(&(*sp)->arena);
	free(*sp);
	*sp = NULL;
}

long session_find(const struct session *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

size_t session_step_number(const struct session *s, size_t i)
{
	const struct session_item *it = &s->items[i];
	const struct content_hop *hop = &s->plan.hops[it->hop];

	if (!it->step)
		return 0;
	return (size_t)(it->step - hop->steps) + 1;
}

/* ---- rules ------------------------------------------------------------- */

enum block session_blocker(const struct session *s, size_t i, long *blocker)
{
	const struct session_item *it = &s->items[i];
	long b;

	*blocker = -1;
	if (it->drift == DRIFT_REMOVED)
		return BLOCK_REMOVED;
	if (it->host && it->parent >= 0) {
		/* a host's item is locked when its step is */
		i = (size_t)it->parent;
		it = &s->items[i];
	}
	b = s->first_pending_before[it->hop];
	if (b >= 0) {
		*blocker = b;
		return BLOCK_EARLIER_HOP;
	}
	if (it->kind == ITEM_NOTE)
		return BLOCK_NONE;
	b = s->first_pending_note[it->hop];
	if (b >= 0) {
		*blocker = b;
		return BLOCK_NOTES;
	}
	b = s->first_pending_step[it->hop];
	if (s->plan.hops[it->hop].ordered && b >= 0 && (size_t)b < i) {
		*blocker = b;
		return BLOCK_ORDER;
	}
	return BLOCK_NONE;
}

void session_block_text(const struct session *s, size_t i, struct strbuf *out)
{
	long b;
	enum block why = session_blocker(s, i, &b);
	const char *bid = b >= 0 ? s->items[b].id : "";

	switch (why) {
	case BLOCK_NONE:
		break;
	case BLOCK_REMOVED:
		strbuf_addf(out, "%s is no longer in the content", s->items[i].id);
		break;
	case BLOCK_EARLIER_HOP:
		strbuf_addf(out, "%s is locked: hops are done in order and %s of hop %s is "
			    "still pending", s->items[i].id, bid, s->plan.hops[s->items[b].hop].id);
		break;
	case BLOCK_NOTES:
		strbuf_addf(out, "%s is locked: acknowledge the notes of hop %s first; %s is "
			    "still pending", s->items[i].id, s->plan.hops[s->items[i].hop].id, bid);
		break;
	case BLOCK_ORDER:
		strbuf_addf(out, "%s is locked: the steps of hop %s are done in order and %s is "
			    "still pending", s->items[i].id, s->plan.hops[s->items[i].hop].id, bid);
		break;
	}
}

/* ---- mark -------------------------------------------------------------- */

static void branch_list(const struct content_step *st, struct strbuf *out)
{
	for (size_t i = 0; i < st->nbranches; i++)
		strbuf_addf(out, "%s--branch %s", i ? " or " : "", st->branches[i].id);
}

/* The event that records @a on an item of kind @k: a note is acknowledged, not done. */
static enum event_action event_of(enum mark_action a, enum item_kind k)
{
	switch (a) {
	case MARK_DONE: return k == ITEM_NOTE ? EVENT_ACK : EVENT_DONE;
	case MARK_SKIP: return EVENT_SKIP;
	case MARK_UNDO: return EVENT_UNDO;
	case MARK_NOTE: return EVENT_NOTE;
	}
	return EVENT_NOTE;
}

static const char *action_verb(enum mark_action a, enum item_kind k)
{
	return event_action_past(event_of(a, k));
}

/* A copy of @str in @r's arena, "" when out of memory (the code still says what happened). */
static const char *keep(struct session_refusal *r, const char *str)
{
	const char *k = str ? arena_strdup(&r->arena, str) : NULL;

	return k ? k : "";
}

/*
 * Fill @r (may be NULL) with @code and @field for item @idx of @s (-1: the
 * item @requested is not in @s), and what a caller needs to word it.
 */
static void refuse(struct session_refusal *r, const struct session *s, enum refusal_code code,
		   enum refusal_field field, long idx, const char *requested)
{
	const struct session_item *it = idx >= 0 ? &s->items[idx] : NULL;
	long b;

	if (!r)
		return;
	r->code = code;
	r->field = field;
	r->item = idx;
	r->item_id = keep(r, it ? it->id : requested);
	if (!it) {
		r->example_id = keep(r, s->nitems ? s->items[0].id : "");
		return;
	}
	r->state = it->state;
	r->step = it->step;
	r->nhosts = it->nhosts;
	r->npending = it->nhosts - it->hosts_done - it->hosts_skipped;
	if (it->state != ITEM_PENDING && it->has_last) {
		r->by = keep(r, it->last.operator_name);
		r->at = keep(r, it->last.time);
	}
	if (code != REFUSAL_BLOCKED)
		return;
	r->block = session_blocker(s, (size_t)idx, &b);
	r->blocker = b;
	r->can_force = b >= 0;
	if (b >= 0) {
		r->blocker_id = keep(r, s->items[b].id);
		r->hop_id = s->plan.hops[r->block == BLOCK_EARLIER_HOP ? s->items[b].hop
								    : it->hop].id;
	}
}

/* Done of step @idx, which has branches: the branch @req names, or the one chosen before. */
static enum status check_branch(const struct session *s, const struct mark_request *req,
				long idx, bool *choose, struct session_refusal *r,
				struct strbuf *msg)
{
	const struct session_item *it = &s->items[idx];
	size_t k;

	if (!req->branch) {
		if (it->branch)
			return ST_OK;
		strbuf_addf(msg, "%s has alternatives: choose one with ", it->id);
		branch_list(it->step, msg);
		refuse(r, s, REFUSAL_BRANCH_NEEDED, REFUSAL_FIELD_BRANCH, idx, NULL);
		return ST_REFUSED;
	}
	for (k = 0; k < it->step->nbranches; k++)
		if (!strcmp(it->step->branches[k].id, req->branch))
			break;
	if (k == it->step->nbranches) {
		strbuf_addf(msg, "%s has no branch '%s'; choose ", it->id, req->branch);
		branch_list(it->step, msg);
		refuse(r, s, REFUSAL_UNKNOWN_BRANCH, REFUSAL_FIELD_BRANCH, idx, NULL);
		return ST_USAGE;
	}
	*choose = !it->branch || strcmp(it->branch, req->branch) != 0;
	return ST_OK;
}

/* Decide what to record for @req on item *@idx of @s (-1: none), inside the transaction. */
static enum status check(const struct session *s, const struct mark_request *req,
			 long *idx, bool *forced, bool *choose, struct session_refusal *r,
			 struct strbuf *msg)
{
	const struct session_item *it;
	bool has_text = req->text && req->text[strspn(req->text, " \t\n")];
	enum status st;
	long b;

	*forced = false;
	*choose = false;
	if (*idx < 0) {
		strbuf_addf(msg, "session %lld has no item '%s'; 'status %lld' lists its items "
			    "(ids look like %s)", (long long)s->info.id, req->item,
			    (long long)s->info.id, s->nitems ? s->items[0].id : "HOP/ID");
		refuse(r, s, REFUSAL_UNKNOWN_ITEM, REFUSAL_FIELD_ITEM, -1, req->item);
		return ST_USAGE;
	}
	it = &s->items[*idx];
	if (it->nhosts && req->action != MARK_NOTE) {
		strbuf_addf(msg, "%s is done host by host: mark %s@HOST for each of its %zu hosts "
			    "(%zu pending); 'status %lld' lists them", it->id, it->id, it->nhosts,
			    it->nhosts - it->hosts_done - it->hosts_skipped, (long long)s->info.id);
		refuse(r, s, REFUSAL_PER_HOST_STEP, REFUSAL_FIELD_ITEM, *idx, NULL);
		return ST_USAGE;
	}
	if (req->branch && (req->action != MARK_DONE || !it->step || !it->step->nbranches)) {
		strbuf_addf(msg, "--branch is for marking done a step with alternatives; %s has "
			    "none", it->id);
		refuse(r, s, REFUSAL_BRANCH_NOT_ALLOWED, REFUSAL_FIELD_BRANCH, *idx, NULL);
		return ST_USAGE;
	}
	switch (req->action) {
	case MARK_NOTE:
		if (!has_text) {
			strbuf_adds(msg, "a note needs text");
			refuse(r, s, REFUSAL_EMPTY_NOTE, REFUSAL_FIELD_TEXT, *idx, NULL);
			return ST_USAGE;
		}
		return ST_OK;
	case MARK_UNDO:
		if (it->state == ITEM_PENDING) {
			strbuf_addf(msg, "nothing to undo: %s is pending", it->id);
			refuse(r, s, REFUSAL_NOTHING_TO_UNDO, REFUSAL_FIELD_ACTION, *idx, NULL);
			return ST_REFUSED;
		}
		return ST_OK;
	case MARK_DONE:
	case MARK_SKIP:
		break;
	}
	if (req->action == MARK_SKIP && !has_text) {
		strbuf_addf(msg, "skipping %s needs a reason: --note REASON", it->id);
		refuse(r, s, REFUSAL_SKIP_NO_REASON, REFUSAL_FIELD_TEXT, *idx, NULL);
		return ST_USAGE;
	}
	if (it->state != ITEM_PENDING) {
		if (it->state == (req->action == MARK_DONE ? ITEM_DONE : ITEM_SKIPPED))
			return ST_OK; /* the caller says so and records nothing */
		strbuf_addf(msg, "%s is already %s (by %s at %s); undo it first", it->id,
			    item_state_name(it->state), it->last.operator_name, it->last.time);
		refuse(r, s, REFUSAL_OTHER_STATE, REFUSAL_FIELD_ACTION, *idx, NULL);
		return ST_REFUSED;
	}
	if (req->action == MARK_DONE && it->step && it->step->nbranches &&
	    (st = check_branch(s, req, *idx, choose, r, msg)) != ST_OK)
		return st;
	if (session_blocker(s, (size_t)*idx, &b) != BLOCK_NONE) {
		if (!req->force || b < 0) {
			session_block_text(s, (size_t)*idx, msg);
			if (b >= 0)
				strbuf_adds(msg, " (--force --note REASON overrides)");
			refuse(r, s, b >= 0 ? REFUSAL_BLOCKED : REFUSAL_REMOVED,
			       b >= 0 ? REFUSAL_FIELD_NONE : REFUSAL_FIELD_ITEM, *idx, NULL);
			return ST_REFUSED;
		}
		if (!has_text) {
			strbuf_adds(msg, "--force needs a reason: --note REASON");
			refuse(r, s, REFUSAL_FORCE_NO_REASON, REFUSAL_FIELD_TEXT, *idx, NULL);
			return ST_USAGE;
		}
		*forced = true;
	}
	return ST_OK;
}

enum status session_mark(struct journal *j, const struct content *c,
			 const struct mark_request *req, const struct session_actor *who,
			 struct session_refusal *refusal, struct strbuf *msg)
{
	struct session *s = NULL;
	struct journal_event e = { 0 };
	char now[CLOCK_ISO_LEN + 1];
	bool forced, choose;
	int64_t event_id = 0;
	long idx;
	enum status st;

	if (req->event_id)
		*req->event_id = 0;
	st = journal_begin(j);
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	st = load(j, c, req->session, false, &s, msg);
	if (st != ST_OK)
		goto out;
	idx = session_find(s, req->item);
	{
		/* the light load has no details of the events; read this item's in full */
		struct journal_item_state one;
		bool found;
		st = journal_item_state(j, req->session, req->item, &s->arena, &one, &found);
		if (st != ST_OK)
			goto jerr;
		if (found && idx >= 0) {
			apply_state(s, &s->items[idx], &one);
		} else if (found) {
			strbuf_addf(msg, "%s is no longer in the content; its history is kept",
				    req->item);
			refuse(refusal, s, REFUSAL_REMOVED, REFUSAL_FIELD_ITEM, -1, req->item);
			st = ST_REFUSED;
			goto out;
		} else if (idx >= 0) {
			/* new in the content since the session was planned: plan it now */
			struct session_item *it = &s->items[idx];
			struct journal_item ji = { it->id, item_kind_name(it->kind), it->digest };
			st = journal_item_append(j, req->session, &ji);
			if (st != ST_OK)
				goto jerr;
		}
	}
	st = check(s, req, &idx, &forced, &choose, refusal, msg);
	if (st != ST_OK)
		goto out;
	{
		const struct session_item *it = &s->items[idx];
		if ((req->action == MARK_DONE && it->state == ITEM_DONE) ||
		    (req->action == MARK_SKIP && it->state == ITEM_SKIPPED)) {
			strbuf_addf(msg, "%s was already %s by %s at %s; nothing recorded", it->id,
				    action_verb(req->action, it->kind), it->last.operator_name,
				    it->last.time);
			goto out;
		}
		clock_iso(clock_now(), now);
		e.session = req->session;
		e.item = it->id;
		e.operator_name = who->operator_name;
		e.host = who->host;
		e.time = now;
		e.digest = it->digest;
		if (choose) {
			e.action = EVENT_CHOOSE;
			e.text = req->branch;
			st = journal_event_add(j, &e, NULL);
			if (st != ST_OK)
				goto jerr;
		}
		e.action = event_of(req->action, it->kind);
		e.text = req->text ? req->text : "";
		e.forced = forced;
		st = journal_event_add(j, &e, &event_id);
		if (st != ST_OK)
			goto jerr;
		st = journal_commit(j);
		if (st != ST_OK)
			goto jerr;
		if (req->event_id)
			*req->event_id = event_id;
		strbuf_addf(msg, "%s %s%s by %s at %s", it->id, action_verb(req->action, it->kind),
			    forced ? " (forced)" : "", who->operator_name, now);
		if (choose)
			strbuf_addf(msg, ", branch %s", req->branch);
		session_free(&s);
		return ST_OK;
	}
jerr:
	strbuf_adds(msg, journal_error(j));
out:
	journal_rollback(j);
	session_free(&s);
	return st;
}

/*
 * The light load has no details of the events: read item @idx's in full;
 * an item new in the content since the session was planned is planned now.
 */
static enum status full_state(struct journal *j, struct session *s, long idx, struct strbuf *msg)
{
	struct session_item *it = &s->items[idx];
	struct journal_item_state one;
	bool found;
	enum status st = journal_item_state(j, s->info.id, it->id, &s->arena, &one, &found);

	if (st == ST_OK && found) {
		apply_state(s, it, &one);
	} else if (st == ST_OK) {
		struct journal_item ji = { it->id, item_kind_name(it->kind), it->digest };
		st = journal_item_append(j, s->info.id, &ji);
	}
	if (st != ST_OK)
		strbuf_adds(msg, journal_error(j));
	return st;
}

enum status session_mark_many(struct journal *j, const struct content *c, int64_t session,
			      const char *const *items, size_t n, enum mark_action action,
			      const char *text, const struct session_actor *who, size_t *recorded,
			      struct session_refusal *refusal, struct strbuf *msg)
{
	struct session *s = NULL;
	struct sorted_index index = SORTED_INDEX_INIT;
	char now[CLOCK_ISO_LEN + 1];
	enum status st;

	*recorded = 0;
	if (action != MARK_DONE && action != MARK_SKIP && action != MARK_UNDO) {
		strbuf_adds(msg, "hosts are marked done, skipped or undone together; a note is on "
			    "one item");
		if (refusal) {
			refusal->code = REFUSAL_MANY_ACTION;
			refusal->field = REFUSAL_FIELD_ACTION;
		}
		return ST_USAGE;
	}
	st = journal_begin(j);
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	st = load(j, c, session, false, &s, msg);
	if (st != ST_OK)
		goto out;
	st = ST_NOMEM;
	/* item ids sorted once, for the lookups of many items at once */
	if (!sorted_index_init(&index, s->nitems)) {
		strbuf_adds(msg, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < s->nitems; i++)
		sorted_index_add(&index, s->items[i].id, i);
	sorted_index_sort(&index);
	clock_iso(clock_now(), now);
	for (size_t k = 0; k < n; k++) {
		struct mark_request req = { session, items[k], action, text, NULL, false, NULL };
		struct journal_event e = { 0 };
		bool forced, choose;
		long idx = sorted_index_find(&index, items[k]);
		if (idx >= 0 && s->items[idx].host &&
		    (st = full_state(j, s, idx, msg)) != ST_OK)
			goto out;
		if (idx >= 0 && action == MARK_UNDO && s->items[idx].host &&
		    s->items[idx].state == ITEM_PENDING)
			continue; /* already pending: nothing to undo */
		st = check(s, &req, &idx, &forced, &choose, refusal, msg);
		if (st != ST_OK)
			goto out;
		struct session_item *it = &s->items[idx];
		if (!it->host) {
			strbuf_addf(msg, "%s is not a host's item of a per-host step", it->id);
			refuse(refusal, s, REFUSAL_NOT_HOST_ITEM, REFUSAL_FIELD_ITEM, idx, NULL);
			st = ST_USAGE;
			goto out;
		}
		if ((action == MARK_DONE && it->state == ITEM_DONE) ||
		    (action == MARK_SKIP && it->state == ITEM_SKIPPED))
			continue;
		e.session = session;
		e.item = it->id;
		e.action = event_of(action, it->kind);
		e.operator_name = who->operator_name;
		e.host = who->host;
		e.time = now;
		e.text = text ? text : "";
		e.digest = it->digest;
		st = journal_event_add(j, &e, NULL);
		if (st != ST_OK) {
			strbuf_adds(msg, journal_error(j));
			goto out;
		}
		/* the same item twice in @items is recorded once */
		it->state = action == MARK_DONE ? ITEM_DONE : action == MARK_SKIP ? ITEM_SKIPPED
										  : ITEM_PENDING;
		it->has_last = true;
		it->last = e;
		(*recorded)++;
	}
	st = journal_commit(j);
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		goto out;
	}
	sorted_index_release(&index);
	session_free(&s);
	return ST_OK;
out:
	journal_rollback(j);
	*recorded = 0;
	sorted_index_release(&index);
	session_free(&s);
	return st;
}
