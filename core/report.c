/*
 * report.c - gather a report (see report.h): the model that every format of
 * a session's record is written from. Nothing here writes a format.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "report.h"

/* @v (>= 0) in decimal at @p, at least @width digits; the end. */
static char *put_number(char *p, long v, int width)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		digits[n++] = '0';
	while (n)
		*p++ = digits[--n];
	return p;
}

/* Written by hand, not snprintf: a report says it once a host, 50,000 times. */
void report_duration(long seconds, char *buf, size_t size)
{
	long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
	char text[64], *p = text;

	if (seconds < 0) {
		*p++ = '?';
	} else {
		if (h) {
			p = put_number(p, h, 1);
			*p++ = 'h';
			*p++ = ' ';
		}
		if (h || m) {
			p = put_number(p, m, h ? 2 : 1);
			*p++ = 'm';
			*p++ = ' ';
		}
		p = put_number(p, s, h || m ? 2 : 1);
		*p++ = 's';
	}
	if (size) {
		size_t len = (size_t)(p - text) < size ? (size_t)(p - text) : size - 1;
		memcpy(buf, text, len);
		buf[len] = '\0';
	}
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

/*
 * The session's items by id, hashed: a report looks up the item of every
 * event. Sorting 100,000 ids for a sorted_index, then halving for each of
 * 50,000 events, was 6% of the report of workload B.
 */
struct id_table {
	const struct session *s;
	long *slot;                 /* index into s->items, -1 empty; mask + 1 slots */
	size_t mask;
};

/* @id's hash, eight bytes at a time (a byte at a time took 20 M instructions of 1e5 events) */
static size_t id_hash(const char *id)
{
	size_t n = strlen(id);
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15u, w;

	for (; n >= 8; n -= 8, id += 8) {
		memcpy(&w, id, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, id, n);
	h = (h ^ w) * 0xff51afd7ed558ccdu;
	return (size_t)(h ^ h >> 29);
}

/* Every item of @s; false when out of memory. */
static bool id_table_init(struct id_table *t, const struct session *s)
{
	size_t n = 16;

	while (n < 2 * s->nitems)
		n *= 2;
	t->s = s;
	t->mask = n - 1;
	if (!(t->slot = malloc(n * sizeof(*t->slot))))
		return false;
	memset(t->slot, 0xff, n * sizeof(*t->slot)); /* -1 */
	for (size_t i = 0; i < s->nitems; i++) {
		size_t k = id_hash(s->items[i].id) & t->mask;
		while (t->slot[k] >= 0 && strcmp(s->items[t->slot[k]].id, s->items[i].id))
			k = (k + 1) & t->mask;
		if (t->slot[k] < 0) /* the first of an id kept */
			t->slot[k] = (long)i;
	}
	return true;
}

/* The index of item @id, -1 when the session has none. */
static long id_table_find(const struct id_table *t, const char *id)
{
	size_t k = id_hash(id) & t->mask;

	for (; t->slot[k] >= 0; k = (k + 1) & t->mask)
		if (!strcmp(t->s->items[t->slot[k]].id, id))
			return t->slot[k];
	return -1;
}

/* The pass over the timeline: what each event adds to the record, as it is read. */
struct gather {
	struct report *r;
	struct id_table items;      /* the session's items by id */
	const char **first_ack;     /* per hop: its first acknowledgement */
	size_t cap, opcap;
	bool nomem;
};

/*
 * A copy of @text, or @prev (the previous event's copy of the same field, NULL
 * for the first) when it says the same: an operator, a host, a second, "a
 * note", a timeline repeats them row after row.
 */
static const char *copy_text(struct report *r, const char *text, const char *prev)
{
	return prev && !strcmp(prev, text) ? prev : arena_strdup(&r->arena, text);
}

/*
 * Event @e copied into r->events; its item id is @item (the session's, which
 * outlives the report) when the session has the item, else a copy.
 */
static bool keep_event(struct gather *g, const struct journal_event *e, const char *item)
{
	static const struct journal_event none;
	struct report *r = g->r;
	const struct journal_event *prev;
	struct journal_event *c;

	if (r->nevents == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		struct journal_event *p = realloc(r->events, cap * sizeof(*p));
		long *next = p ? realloc(r->next_note, cap * sizeof(*next)) : NULL;
		if (p)
			r->events = p;
		if (!next)
			return false;
		r->next_note = next;
		g->cap = cap;
	}
	prev = r->nevents ? &r->events[r->nevents - 1] : &none;
	c = &r->events[r->nevents];
	*c = *e;
	c->item = item ? item : copy_text(r, e->item, prev->item);
	c->operator_name = copy_text(r, e->operator_name, prev->operator_name);
	c->host = copy_text(r, e->host, prev->host);
	c->time = copy_text(r, e->time, prev->time);
	c->text = copy_text(r, e->text, prev->text);
	c->digest = ""; /* no document says an event's digest */
	if (!c->item || !c->operator_name || !c->host || !c->time || !c->text)
		return false;
	r->nevents++;
	return true;
}

/*
 * The notes of r->events linked, as report_link_notes() says, given each
 * event's item: note_item(@ctx, k), its index in @s's items, -1 when it is
 * no note or no item of @s. Event k's item is asked before next_note[k] is
 * written, and only the entries of earlier events are written after.
 */
static bool link_notes(const struct report *r, const struct session *s, long *first_note,
		       long *next_note, long (*note_item)(void *ctx, size_t k), void *ctx)
{
	long *last = malloc((s->nitems + 1) * sizeof(*last));

	if (!last)
		return false;
	for (size_t i = 0; i < s->nitems; i++)
		first_note[i] = last[i] = -1;
	for (size_t k = 0; k < r->nevents; k++) {
		long it = note_item(ctx, k);
		next_note[k] = -1;
		if (it < 0)
			continue;
		if (last[it] < 0)
			first_note[it] = (long)k;
		else
			next_note[last[it]] = (long)k;
		last[it] = (long)k;
	}
	free(last);
	return true;
}

struct note_lookup {
	const struct report *r;
	struct id_table t;
};

/* The item of event @k when it is a note: looked up by its id. */
static long note_by_id(void *ctx, size_t k)
{
	struct note_lookup *l = ctx;
	const struct journal_event *e = &l->r->events[k];

	return e->action == EVENT_NOTE ? id_table_find(&l->t, e->item) : -1;
}

bool report_link_notes(const struct report *r, const struct session *s, long *first_note,
		       long *next_note)
{
	struct note_lookup l = { r, { 0 } };
	bool ok = id_table_init(&l.t, s) &&
		  link_notes(r, s, first_note, next_note, note_by_id, &l);

	free(l.t.slot);
	return ok;
}

/* The item of note @k as take_event() found it, kept in r->next_note[k]. */
static long note_as_read(void *ctx, size_t k)
{
	const struct report *r = ctx;

	return r->next_note[k];
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

/* @t (a copy the report keeps) in *@at when it is earlier. */
static void earliest(const char **at, const char *t)
{
	if (!*at || strcmp(t, *at) < 0)
		*at = t;
}

/*
 * In a view without the agents' items (s->partial), the step of host's item
 * @id ("STEP@HOST"): its hop is the host's. -1 when @id is no host's.
 */
static long step_of(const struct gather *g, const char *id)
{
	const char *at = strrchr(id, '@');
	char step[512];

	if (!at || (size_t)(at - id) >= sizeof(step))
		return -1;
	memcpy(step, id, (size_t)(at - id));
	step[at - id] = '\0';
	return id_table_find(&g->items, step);
}

/*
 * Event @e of the timeline: who acted, where its hop's time begins. A
 * hop's time begins at a check-off: an item done, skipped or its branch
 * chosen by someone. A note, or a hop's notes acknowledged while preparing,
 * an hour before, is not; nor is a skip an exclusion wrote ahead in every hop.
 */
static bool take_event(void *ctx, const struct journal_event *e)
{
	struct gather *g = ctx;
	struct report *r = g->r;
	const struct session *s = r->s;
	long it = id_table_find(&g->items, e->item), own = it;

	if (it < 0 && s->partial)
		it = step_of(g, e->item);
	if (!add_operator(r, e->operator_name, e->host, &g->opcap) ||
	    !keep_event(g, e, own >= 0 ? s->items[own].id : NULL)) {
		g->nomem = true;
		return false;
	}
	/* a note's item, until link_notes() links the notes there */
	r->next_note[r->nevents - 1] = e->action == EVENT_NOTE ? own : -1;
	if (it >= 0) {
		size_t h = s->items[it].hop;
		const char *t = r->events[r->nevents - 1].time;
		if (session_event_checks_off(s, e))
			earliest(&r->hops[h].started, t);
		if (e->action == EVENT_ACK)
			earliest(&g->first_ack[h], t);
	}
	return true;
}

/* Each hop's totals, and when it finished: its last resolving event, when all is resolved. */
static void hop_totals(struct report *r, const char *const *first_ack)
{
	const struct session *s = r->s;

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
}

/*
 * The cluster's side: every probe for the timeline, and the latest with the
 * evidence. Evidence is what a probe of the session saw: a session never
 * probed has none, and asking for it anyway walked every event of the
 * session (the query joins events to the evidence): 8% of a report of
 * 100,000 events.
 */
static enum status cluster(struct report *r, struct journal *j, struct strbuf *why)
{
	enum status st = journal_probes(j, r->s->info.id, 0, true, &r->arena, &r->probes,
					&r->nprobes);

	if (st == ST_OK)
		st = session_live_load(j, r->s->info.id, r->nprobes > 0, &r->live);
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

enum status report_build(struct report *r, struct journal *j, const struct session *s,
			 struct strbuf *why)
{
	struct gather g = { .r = r };
	enum status st = ST_NOMEM;

	report_init_plan(r, &s->plan);
	r->s = s;
	r->first_note = arena_alloc(&r->arena, (s->nitems + 1) * sizeof(long));
	r->hops = arena_alloc(&r->arena, (s->plan.nhops + 1) * sizeof(*r->hops));
	g.first_ack = calloc(s->plan.nhops + 1, sizeof(*g.first_ack));
	if (!r->first_note || !r->hops || !g.first_ack ||
	    !id_table_init(&g.items, s) ||
	    !add_operator(r, s->info.operator_name, s->info.host, &g.opcap))
		goto out;
	memset(r->hops, 0, (s->plan.nhops + 1) * sizeof(*r->hops));
	st = journal_timeline(j, s->info.id, take_event, &g);
	if (g.nomem || (st == ST_OK && !link_notes(r, s, r->first_note, r->next_note,
						   note_as_read, r)))
		st = ST_NOMEM;
	if (st != ST_OK)
		goto out;
	hop_totals(r, g.first_ack);
	r->seconds = s->finished ? seconds_between(s->info.created, s->finished_at) : -1;
	st = cluster(r, j, why);
out:
	if (st != ST_OK && !why->len)
		strbuf_adds(why, st == ST_NOMEM ? "out of memory reading the timeline"
						: journal_error(j));
	free(g.items.slot);
	free(g.first_ack);
	return st;
}

void report_release(struct report *r)
{
	session_live_free(&r->live);
	free(r->events);
	free(r->next_note);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
