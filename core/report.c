/*
 * report.c - gather a report (see report.h): the model that every format of
 * a session's record is written from. Nothing here writes a format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "report.h"
#include "sorted_index.h"

void report_duration(long seconds, char *buf, size_t size)
{
	long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;

	if (seconds < 0)
		snprintf(buf, size, "?");
	else if (h)
		snprintf(buf, size, "%ldh %02ldm %02lds", h, m, s);
	else if (m)
		snprintf(buf, size, "%ldm %02lds", m, s);
	else
		snprintf(buf, size, "%lds", s);
}

static long seconds_between(const char *a, const char *b)
{
	time_t ta, tb;

	if (!a || !b || !clock_parse_iso(a, &ta) || !clock_parse_iso(b, &tb) || tb < ta)
		return -1;
	return (long)(tb - ta);
}

static const char *now_iso(struct arena *a)
{
	char buf[CLOCK_ISO_LEN + 1];

	clock_iso(clock_now(), buf);
	return arena_strdup(a, buf);
}

void report_init_plan(struct report *r, const struct plan *p)
{
	memset(r, 0, sizeof(*r));
	r->plan = p;
	r->seconds = -1;
	r->generated = now_iso(&r->arena);
}

/* ---- gathering a session ----------------------------------------------- */

struct gather {
	struct report *r;
	size_t cap;
	bool nomem;
};

static bool copy_event(void *ctx, const struct journal_event *e)
{
	struct gather *g = ctx;
	struct report *r = g->r;
	struct journal_event *c;

	if (r->nevents == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		struct journal_event *p = realloc(r->events, cap * sizeof(*p));
		if (!p) {
			g->nomem = true;
			return false;
		}
		r->events = p;
		g->cap = cap;
	}
	c = &r->events[r->nevents];
	*c = *e;
	c->item = arena_strdup(&r->arena, e->item);
	c->operator_name = arena_strdup(&r->arena, e->operator_name);
	c->host = arena_strdup(&r->arena, e->host);
	c->time = arena_strdup(&r->arena, e->time);
	c->text = arena_strdup(&r->arena, e->text);
	c->digest = arena_strdup(&r->arena, e->digest);
	if (!c->item || !c->operator_name || !c->host || !c->time || !c->text ||
	    !c->digest) {
		g->nomem = true;
		return false;
	}
	r->nevents++;
	return true;
}

/* @name at @host among the operators, once: false when out of memory. */
static bool add_operator(struct report *r, const char *name, const char *host, size_t *cap)
{
	struct report_operator *p;

	for (size_t i = 0; i < r->noperators; i++)
		if (!strcmp(r->operators[i].name, name) && !strcmp(r->operators[i].host, host))
			return true;
	p = arena_grow(&r->arena, r->operators, r->noperators, cap, sizeof(*p), 8);
	if (!p)
		return false;
	r->operators = p;
	p = &r->operators[r->noperators];
	p->name = arena_strdup(&r->arena, name);
	p->host = arena_strdup(&r->arena, host);
	if (!p->name || !p->host)
		return false;
	r->noperators++;
	return true;
}

/* The cluster's side: the latest probe with the evidence, and every probe for the timeline. */
static enum status cluster(struct report *r, struct journal *j, struct strbuf *why)
{
	enum status st = session_live_load(j, r->s->info.id, true, &r->live);

	if (st == ST_OK)
		st = journal_probes(j, r->s->info.id, 0, true, &r->arena, &r->probes, &r->nprobes);
	if (st != ST_OK) {
		strbuf_adds(why, st == ST_NOMEM ? "out of memory reading the probes"
						: journal_error(j));
		return st;
	}
	for (size_t a = 0, b = r->nprobes; b-- > a + 1; a++) { /* oldest first */
		struct journal_probe t = r->probes[a];
		r->probes[a] = r->probes[b];
		r->probes[b] = t;
	}
	return ST_OK;
}

/*
 * Whether @e is a check-off, where a hop's time begins: an item done,
 * skipped or its branch chosen by someone. A note, or a hop's notes
 * acknowledged while preparing, an hour before, is not; nor is a skip an
 * exclusion wrote ahead in every hop.
 */
enum status report_build(struct report *r, struct journal *j, const struct session *s,
			 struct strbuf *why)
{
	struct gather g = { r, 0, false };
	struct sorted_index sorted = SORTED_INDEX_INIT;
	long *last_note = NULL;
	const char **first_ack = NULL;
	size_t opcap = 0;
	enum status st;

	report_init_plan(r, &s->plan);
	r->s = s;
	st = journal_events(j, s->info.id, NULL, false, 0, copy_event, &g);
	if (g.nomem)
		st = ST_NOMEM;
	if (st != ST_OK) {
		strbuf_adds(why, st == ST_NOMEM ? "out of memory reading the timeline"
						: journal_error(j));
		return st;
	}
	r->item_of_event = arena_alloc(&r->arena, (r->nevents + 1) * sizeof(long));
	r->next_note = arena_alloc(&r->arena, (r->nevents + 1) * sizeof(long));
	r->first_note = arena_alloc(&r->arena, (s->nitems + 1) * sizeof(long));
	r->hops = arena_alloc(&r->arena, (s->plan.nhops + 1) * sizeof(*r->hops));
	last_note = calloc(s->nitems + 1, sizeof(*last_note));
	first_ack = calloc(s->plan.nhops + 1, sizeof(*first_ack));
	st = ST_NOMEM;
	if (!r->item_of_event || !r->next_note || !r->first_note || !r->hops || !last_note ||
	    !first_ack ||
	    !sorted_index_init(&sorted, s->nitems) ||
	    !add_operator(r, s->info.operator_name, s->info.host, &opcap))
		goto nomem;
	for (size_t i = 0; i < s->nitems; i++) {
		sorted_index_add(&sorted, s->items[i].id, i);
		r->first_note[i] = last_note[i] = -1;
	}
	sorted_index_sort(&sorted);
	for (size_t e = 0; e < r->nevents; e++) {
		const struct journal_event *ev = &r->events[e];
		long it = sorted_index_find(&sorted, ev->item);
		r->item_of_event[e] = it;
		r->next_note[e] = -1;
		if (!add_operator(r, ev->operator_name, ev->host, &opcap))
			goto nomem;
		if (it < 0)
			continue;
		if (ev->action == EVENT_NOTE) {
			if (last_note[it] < 0)
				r->first_note[it] = (long)e;
			else
				r->next_note[last_note[it]] = (long)e;
			last_note[it] = (long)e;
		}
		struct report_hop *rh = &r->hops[s->items[it].hop];
		if (session_event_checks_off(s, ev) &&
		    (!rh->started || strcmp(ev->time, rh->started) < 0))
			rh->started = ev->time;
		if (ev->action == EVENT_ACK && (!first_ack[s->items[it].hop] ||
						strcmp(ev->time, first_ack[s->items[it].hop]) < 0))
			first_ack[s->items[it].hop] = ev->time;
	}
	/* a hop of notes alone starts at its first acknowledgement */
	for (size_t h = 0; h < s->plan.nhops; h++)
		if (!r->hops[h].started)
			r->hops[h].started = first_ack[h];
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		struct report_hop *rh = &r->hops[it->hop];
		if (it->drift == DRIFT_REMOVED || it->host)
			continue;
		rh->total++;
		rh->done += it->state == ITEM_DONE;
		rh->skipped += it->state == ITEM_SKIPPED;
		rh->pending += it->state == ITEM_PENDING;
		rh->forced += it->forced;
		if (it->state != ITEM_PENDING &&
		    (!rh->finished || strcmp(it->last.time, rh->finished) > 0))
			rh->finished = it->last.time;
	}
	for (size_t h = 0; h < s->plan.nhops; h++) {
		struct report_hop *rh = &r->hops[h];
		if (rh->pending || !rh->total)
			rh->finished = NULL;
		rh->seconds = rh->finished ? seconds_between(rh->started, rh->finished) : -1;
	}
	r->seconds = s->finished ? seconds_between(s->info.created, s->finished_at) : -1;
	st = cluster(r, j, why);
	goto out;
nomem:
	strbuf_adds(why, "out of memory");
out:
	sorted_index_release(&sorted);
	free(last_note);
	free(first_ack);
	return st;
}

void report_release(struct report *r)
{
	session_live_free(&r->live);
	free(r->events);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
