/*
 * report.c - gather a report (see report.h): the model that every format of
 * a session's record is written from. Nothing here writes a format.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "id_table.h"
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

/* The pass over the timeline: what each event adds to the record, as it is read. */
struct gather {
	struct report *r;
	struct id_table items;      /* the session's items by id */
	const char **first_ack;     /* per hop: its first acknowledgement */
	size_t cap, opcap;
	size_t op;                  /* the previous event's operator */
	bool hop_firsts;            /* the hops' starts kept by the journal, not found here */
	bool notes_only;            /* the notes read alone: no row of the timeline written */
	size_t rows;                /* the events taken */
	bool nomem;
};

/* @len bytes of @data appended to r->note_text, their offset in *@off: false when out of memory. */
static bool note_add(struct report *r, const void *data, size_t len, uint32_t *off)
{
	size_t at = r->note_text.len;

	if (at >= REPORT_NOTE_TEXT)
		return false; /* two gigabytes of notes: said as out of memory */
	strbuf_add(&r->note_text, data, len);
	*off = (uint32_t)at;
	return !strbuf_failed(&r->note_text);
}

/* Who said note @n, when and what: its operator's index, its time and text. */
static void note_said(const struct report *r, const struct report_note *n, uint32_t *op,
		      const char **time, const char **text)
{
	const char *p = r->note_text.buf + n->said;

	memcpy(op, p, sizeof(*op));
	*time = p + sizeof(*op);
	*text = *time + strlen(*time) + 1;
}

/*
 * Who said note @e (operator @op), when and what, in r->note_text, its offset
 * in *@off: @prev's (the previous note's) when it says the same.
 */
static bool keep_said(struct report *r, const struct journal_event *e, uint32_t op,
		      const struct report_note *prev, uint32_t *off)
{
	uint32_t was;
	const char *time, *text;

	if (prev) {
		note_said(r, prev, &was, &time, &text);
		if (was == op && !strcmp(time, e->time) && !strcmp(text, e->text)) {
			*off = prev->said;
			return true;
		}
	}
	return note_add(r, &op, sizeof(op), off) &&
	       note_add(r, e->time, strlen(e->time) + 1, &was) &&
	       note_add(r, e->text, strlen(e->text) + 1, &was);
}

/*
 * Note @e kept in r->notes: its item @own (its index in the session's items,
 * -1 when the session has none: then its id is kept), operator @op. Its
 * item is kept in r->next_note until link_notes() links the notes there.
 */
static bool keep_note(struct gather *g, const struct journal_event *e, long own, size_t op)
{
	struct report *r = g->r;
	struct report_note *n;

	if (r->nnotes == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct report_note *p = realloc(r->notes, cap * sizeof(*p));
		long *next = p ? realloc(r->next_note, cap * sizeof(*next)) : NULL;
		if (p)
			r->notes = p;
		if (!next)
			return false;
		r->next_note = next;
		g->cap = cap;
	}
	n = &r->notes[r->nnotes];
	n->item = (uint32_t)own;
	if (own < 0 && !note_add(r, e->item, strlen(e->item) + 1, &n->item))
		return false;
	if (own < 0)
		n->item |= REPORT_NOTE_TEXT;
	if (!keep_said(r, e, (uint32_t)op, r->nnotes ? n - 1 : NULL, &n->said))
		return false;
	r->next_note[r->nnotes++] = own;
	return true;
}

static const char *note_item(const struct report *r, size_t k)
{
	uint32_t item = r->notes[k].item;

	return item & REPORT_NOTE_TEXT ? r->note_text.buf + (item & ~REPORT_NOTE_TEXT)
				       : r->s->items[item].id;
}

void report_note(const struct report *r, size_t k, struct journal_event *e)
{
	uint32_t op;

	memset(e, 0, sizeof(*e));
	note_said(r, &r->notes[k], &op, &e->time, &e->text);
	e->session = r->s->info.id;
	e->item = note_item(r, k);
	e->action = EVENT_NOTE;
	e->operator_name = r->operators[op].name;
	e->host = r->operators[op].host;
	e->digest = "";
}

/*
 * The notes of r->notes linked, as report_link_notes() says, given each
 * note's item: note_item(@ctx, k), its index in @s's items, -1 when it is
 * no item of @s. Note k's item is asked before next_note[k] is written, and
 * only the entries of earlier notes are written after.
 */
static bool link_notes(const struct report *r, const struct session *s, long *first_note,
		       long *next_note, long (*item_of)(void *ctx, size_t k), void *ctx)
{
	long *last = malloc((s->nitems + 1) * sizeof(*last));

	if (!last)
		return false;
	for (size_t i = 0; i < s->nitems; i++)
		first_note[i] = last[i] = -1;
	for (size_t k = 0; k < r->nnotes; k++) {
		long it = item_of(ctx, k);
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

/* The item of note @k: looked up by its id. */
static long note_by_id(void *ctx, size_t k)
{
	struct note_lookup *l = ctx;

	return id_table_find(&l->t, note_item(l->r, k));
}

bool report_link_notes(const struct report *r, const struct session *s, long *first_note,
		       long *next_note)
{
	struct note_lookup l = { r, { 0 } };
	bool ok;

	/*
	 * No note, nothing to look up: the table of a batch's items, made for
	 * none, was 21 M instructions of the 959 M of workload B's report (then
	 * 50 batches of 2,000 hosts' items; 200 of 500 now).
	 */
	if (!r->nnotes) {
		for (size_t i = 0; i < s->nitems; i++)
			first_note[i] = -1;
		return true;
	}
	ok = id_table_init(&l.t, s) && link_notes(r, s, first_note, next_note, note_by_id, &l);
	id_table_release(&l.t);
	return ok;
}

/* The item of note @k as take_event() found it, kept in r->next_note[k]. */
static long note_as_read(void *ctx, size_t k)
{
	const struct report *r = ctx;

	return r->next_note[k];
}

/* @name at @host among the operators, once, its index in *@at: false when out of memory. */
static bool add_operator(struct gather *g, const char *name, const char *host, size_t *at)
{
	struct report *r = g->r;
	struct report_operator *p;

	/* row after row the same operator: the previous event's first */
	for (size_t k = 0; k <= r->noperators; k++) {
		size_t i = k ? k - 1 : g->op;
		if (i < r->noperators && !strcmp(r->operators[i].name, name) &&
		    !strcmp(r->operators[i].host, host)) {
			*at = g->op = i;
			return true;
		}
	}
	p = arena_grow(&r->arena, r->operators, r->noperators, &g->opcap, sizeof(*p), 8);
	if (!p)
		return false;
	r->operators = p;
	p = &r->operators[r->noperators];
	p->name = arena_strdup(&r->arena, name);
	p->host = arena_strdup(&r->arena, host);
	if (!p->name || !p->host)
		return false;
	*at = g->op = r->noperators++;
	return true;
}

/* @t in *@at, copied, when it is earlier: false when out of memory. */
static bool earliest(struct report *r, const char **at, const char *t)
{
	if (!*at || strcmp(t, *at) < 0)
		*at = arena_strdup(&r->arena, t);
	return *at != NULL;
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
 * Event @e of the timeline: who acted, where its hop's time begins, a note
 * kept. A hop's time begins at a check-off: an item done, skipped or its
 * branch chosen by someone. A note, or a hop's notes acknowledged while
 * preparing, an hour before, is not; nor is a skip an exclusion wrote ahead
 * in every hop.
 */
static bool take_event(void *ctx, const struct journal_event *e)
{
	struct gather *g = ctx;
	struct report *r = g->r;
	const struct session *s = r->s;
	long it = -1, own = -1;
	size_t op;
	bool ok = add_operator(g, e->operator_name, e->host, &op);

	g->rows++;
	/* the item looked up only when it is needed: most events of a spooled read are not */
	if (e->action == EVENT_NOTE || !g->hop_firsts) {
		it = own = id_table_find(&g->items, e->item);
		if (it < 0 && s->partial)
			it = step_of(g, e->item);
	}
	ok = ok && (e->action != EVENT_NOTE || keep_note(g, e, own, op));
	if (ok && it >= 0 && !g->hop_firsts) {
		size_t h = s->items[it].hop;
		if (session_event_checks_off(s, e))
			ok = earliest(r, &r->hops[h].started, e->time);
		if (e->action == EVENT_ACK)
			ok = ok && earliest(r, &g->first_ack[h], e->time);
	}
	/* the row as the report writes it; a spool that failed is not written again */
	if (ok && r->spool && !g->notes_only && !r->spool->out.failed)
		r->spool->row(r, r->spool, e);
	g->nomem = !ok;
	return ok;
}

/*
 * Each hop's first check-off and first acknowledgement as the journal keeps
 * them (the events_first trigger, schema 8), *@kept false when it does not:
 * then take_event() finds them among the events.
 */
static enum status hop_firsts(struct gather *g, struct journal *j, bool *kept)
{
	struct report *r = g->r;
	const struct session *s = r->s;
	struct journal_hop_first *v;
	size_t n;
	enum status st = journal_hop_firsts(j, s->info.id, &r->arena, &v, &n, kept);

	for (size_t i = 0; st == ST_OK && *kept && i < n; i++) {
		size_t h = 0;
		while (h < s->plan.nhops && strcmp(s->plan.hops[h].id, v[i].hop))
			h++;
		if (h < s->plan.nhops) {
			r->hops[h].started = v[i].checkoff;
			g->first_ack[h] = v[i].ack;
		}
	}
	return st;
}

/*
 * Each hop's totals, and when it finished: its last resolving event in the
 * journal's order (a per-host step's, its last host's), when all is
 * resolved, at the time that one recorded.
 */
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
		if (it->state != ITEM_PENDING && (!rh->finished || it->last.id > rh->finished_id)) {
			rh->finished = it->last.time;
			rh->finished_id = it->last.id;
		}
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
	return report_build_spooled(r, j, s, NULL, why);
}

/*
 * The events of @s read once into @g: every one, each row written into the
 * spool as it is read, when @r has one; else only those the record is
 * gathered from (journal_timeline_gather()), the timeline read again later.
 */
static enum status read_events(struct gather *g, struct journal *j, const struct session *s)
{
	struct report *r = g->r;
	enum status st;

	if (!r->spool)
		return journal_timeline_gather(j, s->info.id, s->info.operator_name, s->info.host,
					       !g->hop_firsts, &r->has_events, take_event, g);
	st = journal_timeline(j, s->info.id, take_event, g);
	r->has_events = g->rows > 0;
	if (st == ST_OK && !g->nomem && !r->spool->out.failed)
		r->spool->row(r, r->spool, NULL); /* the probes after the last event */
	return st;
}

/* Whether a step of @s has hosts' items that @s lacks, to be read a batch at a time. */
static bool hosts_batched(const struct session *s)
{
	for (size_t i = 0; s->partial && i < s->nitems; i++)
		if (s->items[i].nloaded < s->items[i].nhosts)
			return true;
	return false;
}

/* Operator @name at @host added to the gathering @ctx's operators: false when out of memory. */
static bool operator_kept(void *ctx, const char *name, const char *host)
{
	struct gather *g = ctx;
	size_t at;

	return add_operator(g, name, host, &at);
}

/*
 * The record of @s gathered from what the journal keeps apart from the
 * events (schema 12): who recorded, the notes, where the timeline begins and
 * ends; and the timeline's rows written into r->spool by a thread of its
 * own as the document is written on this one (report_spool_fill()). For
 * workload B's report, the events read twice over (once to gather, once as
 * rows) were a third of its instructions.
 */
static enum status gather_kept(struct gather *g, struct journal *j, const struct session *s)
{
	struct report *r = g->r;
	int64_t first = 0, last = 0;
	enum status st = journal_event_span(j, s->info.id, &first, &last);

	/*
	 * the rows first, while the rest is read here: the thread reads the
	 * session, the probes and the events, none of what is gathered below
	 */
	r->has_events = last > 0;
	if (st == ST_OK)
		report_spool_fill(r->spool, r, j, first, last);
	if (st == ST_OK)
		st = journal_operators(j, s->info.id, operator_kept, g);
	g->notes_only = true;
	if (st == ST_OK)
		st = journal_notes(j, s->info.id, take_event, g);
	return st;
}

enum status report_build_spooled(struct report *r, struct journal *j, const struct session *s,
				 struct report_spool *sp, struct strbuf *why)
{
	struct gather g = { .r = r };
	enum status st = ST_NOMEM;

	report_init_plan(r, &s->plan);
	r->s = s;
	r->spool = sp;
	r->first_note = arena_alloc(&r->arena, (s->nitems + 1) * sizeof(long));
	r->hops = arena_alloc(&r->arena, (s->plan.nhops + 1) * sizeof(*r->hops));
	r->read_status = arena_alloc(&r->arena, sizeof(*r->read_status));
	g.first_ack = calloc(s->plan.nhops + 1, sizeof(*g.first_ack));
	if (!r->first_note || !r->hops || !r->read_status || !g.first_ack ||
	    !id_table_init(&g.items, s) ||
	    !add_operator(&g, s->info.operator_name, s->info.host, &g.op))
		goto out;
	r->j = j;
	*r->read_status = ST_OK;
	memset(r->hops, 0, (s->plan.nhops + 1) * sizeof(*r->hops));
	st = hop_firsts(&g, j, &g.hop_firsts);
	/* the probes first: the timeline's rows, written as the events are read, interleave them */
	if (st == ST_OK)
		st = cluster(r, j, why);
	/*
	 * the hops' starts kept too (schema 8 on): the record has no need of the
	 * events. Only where there are hosts' items to read (a batch at a time,
	 * as the rows are written): a session of a few steps and many events,
	 * its plan soon written, spent 40% more processor reading its notes
	 * apart, for the same time.
	 */
	if (st == ST_OK && sp && hosts_batched(s) && g.hop_firsts && journal_schema(j) >= 12)
		st = gather_kept(&g, j, s);
	else if (st == ST_OK)
		st = read_events(&g, j, s);
	if (g.nomem || (st == ST_OK && !link_notes(r, s, r->first_note, r->next_note,
						   note_as_read, r)))
		st = ST_NOMEM;
	if (st != ST_OK)
		goto out;
	hop_totals(r, g.first_ack);
	r->seconds = s->finished ? seconds_between(s->info.created, s->finished_at) : -1;
out:
	if (st != ST_OK && !why->len)
		strbuf_adds(why, st == ST_NOMEM ? "out of memory reading the timeline"
						: journal_error(j));
	id_table_release(&g.items);
	free(g.first_ack);
	return st;
}

void report_release(struct report *r)
{
	report_spool_free(r->spool);
	session_live_free(&r->live);
	free(r->notes);
	free(r->next_note);
	strbuf_release(&r->note_text);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
