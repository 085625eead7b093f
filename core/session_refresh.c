/*
 * session_refresh.c - a view of a session (session_load_view()) brought up
 * to date with what was recorded since it was read: each new event's item
 * read again, each changed per-host step's counts read again, the rest
 * derived. Anything recorded besides events (the session closed, hosts
 * excluded or added, a probe) asks for the view to be read again.
 */
#include <stdlib.h>
#include <string.h>

#include "id_table.h"
#include "session_private.h"

/*
 * At most this many items are read again one by one; more, and the view is
 * read again whole. A range of 10,000 hosts marked (A) was 10,000 reads of
 * an item's state, 400 ms, each one's strings kept in the view's arena
 * (3 MB a range); the whole view is read in 30 ms.
 */
#define REREAD_MAX 256
/* Lookups of an id in the view by a walk of its items; after them, by a hash table. */
#define WALKS_MAX 8

/* What the events since the view was read touched. */
struct touched {
	struct session *s;
	bool *item;          /* per item of the view: an event on it */
	size_t nitem;        /* how many are marked in item[]: past REREAD_MAX, the view is read again */
	bool *step;          /* per per-host step: an event on one of its hosts */
	bool any_step;       /* one of them */
	bool unknown;        /* an event on an item the view does not know */
	bool nomem;
	struct strbuf last_time;
	/* the items by id, once WALKS_MAX lookups were walks (ids.slot NULL until) */
	size_t walks;
	struct id_table ids;
	struct strbuf key;   /* a step's id, cut from its host's item's */
};

/*
 * The index of the item whose id is the @len bytes at @id in the view, or
 * -1: a walk of the items for the first few (a check-off's reload asks for
 * one or two), then a hash table of them (an event a lookup, however many
 * items: a walk was 55% of a reload of 50,000 hosts' check-offs on B).
 */
static long find(struct touched *t, const char *id, size_t len)
{
	const struct session *s = t->s;

	if (!t->ids.slot && t->walks < WALKS_MAX) {
		t->walks++;
		for (size_t i = 0; i < s->nitems; i++)
			if (!strncmp(s->items[i].id, id, len) && !s->items[i].id[len])
				return (long)i;
		return -1;
	}
	if (!t->ids.slot && !id_table_init(&t->ids, s)) {
		t->nomem = true;
		return -1;
	}
	strbuf_reset(&t->key);
	strbuf_add(&t->key, id, len);
	if (strbuf_failed(&t->key)) {
		t->nomem = true;
		return -1;
	}
	return id_table_find(&t->ids, strbuf_str(&t->key));
}

static bool note_event(void *ctx, const struct journal_event *e)
{
	struct touched *t = ctx;
	const char *at = strchr(e->item, '@');
	long i = find(t, e->item, strlen(e->item));

	if (i >= 0 && !t->item[i]) {
		t->item[i] = true;
		t->nitem++;
	}
	if (at) {
		/* a host's item, loaded or not: its step's counts changed */
		long step = find(t, e->item, (size_t)(at - e->item));
		if (step >= 0)
			t->step[step] = t->any_step = true;
		else
			t->unknown = true;
	} else if (i < 0) {
		t->unknown = true;
	}
	strbuf_reset(&t->last_time);
	strbuf_adds(&t->last_time, e->time);
	t->nomem |= strbuf_failed(&t->last_time);
	/* the view read again whole: the rest of the events need not be looked at */
	return !t->nomem && t->nitem <= REREAD_MAX && !t->unknown;
}

/* Item @it read again: its state as the journal has it now. */
static enum status reread_item(struct journal *j, struct session *s, struct session_item *it)
{
	struct journal_item_state js;
	bool found;
	enum status st = journal_item_state(j, s->info.id, it->id, &s->arena, &js, &found);

	if (st != ST_OK || !found)
		return st;
	it->state = ITEM_PENDING;
	it->has_last = it->has_note = it->forced = it->changed_since_done = false;
	it->branch = NULL;
	session_apply_state(it, &js);
	return ST_OK;
}

/* The counts of the per-host steps @step marks, and who finished each, read again. */
static enum status reread_steps(struct journal *j, struct session *s, const bool *step)
{
	struct journal_host_count *cnt;
	size_t ncnt;
	enum status st = journal_host_counts(j, s->info.id, &s->arena, &cnt, &ncnt);

	for (size_t i = 0; st == ST_OK && i < s->nitems; i++) {
		const struct journal_host_count *k;
		if (step[i] && (k = session_count_of(cnt, ncnt, s->items[i].id)))
			st = session_take_count(j, s, &s->items[i], k);
	}
	return st;
}

static enum status refresh(struct journal *j, struct session *s, bool *again)
{
	struct journal_stamp now;
	struct touched t = { .s = s, .last_time = STRBUF_INIT, .key = STRBUF_INIT };
	enum status st = journal_stamp_get(j, s->info.id, &now);

	if (st != ST_OK)
		return st;
	*again = now.changes != s->stamp.changes || now.exclusions != s->stamp.exclusions ||
		 now.edits != s->stamp.edits || now.probes != s->stamp.probes;
	if (*again || now.events == s->stamp.events)
		return ST_OK;
	t.item = calloc(s->nitems + 1, sizeof(*t.item));
	t.step = calloc(s->nitems + 1, sizeof(*t.step));
	st = t.item && t.step ? journal_events_since(j, s->info.id, s->stamp.events, note_event, &t)
			      : ST_NOMEM;
	if (st == ST_OK && t.nomem)
		st = ST_NOMEM;
	if (st == ST_OK && (t.unknown || t.nitem > REREAD_MAX))
		*again = true;
	for (size_t i = 0; st == ST_OK && !*again && i < s->nitems; i++)
		if (t.item[i])
			st = reread_item(j, s, &s->items[i]);
	if (st == ST_OK && !*again && t.any_step)
		st = reread_steps(j, s, t.step); /* a note's or a step's check-off: none */
	if (st == ST_OK && !*again) {
		session_derive(s);
		if (t.last_time.len &&
		    !(s->last_activity = arena_strdup(&s->arena, strbuf_str(&t.last_time))))
			st = ST_NOMEM;
		s->stamp = now;
	}
	free(t.item);
	free(t.step);
	id_table_release(&t.ids);
	strbuf_release(&t.last_time);
	strbuf_release(&t.key);
	return st;
}

enum status session_refresh(struct journal *j, struct session *s, bool *again,
			    struct diag_list *dl)
{
	bool began;
	enum status st;

	*again = !s->partial;
	if (*again)
		return ST_OK;
	st = journal_read_begin(j, &began);
	if (st == ST_OK)
		st = refresh(j, s, again);
	journal_read_end(j, began);
	if (st != ST_OK) {
		/* half applied: what is in @s is not to be trusted; read it again */
		*again = true;
		journal_report(j, st, dl);
	}
	return st;
}
