/*
 * session_refresh.c - a view of a session (session_load_view()) brought up
 * to date with what was recorded since it was read: each new event's item
 * read again, each changed per-host step's counts read again, the rest
 * derived. Anything recorded besides events (the session closed, hosts
 * excluded or added, a probe) asks for the view to be read again.
 */
#include <stdlib.h>
#include <string.h>

#include "session_private.h"

/* What the events since the view was read touched. */
struct touched {
	struct session *s;
	bool *item;          /* per item of the view: an event on it */
	bool *step;          /* per per-host step: an event on one of its hosts */
	bool any_step;       /* one of them */
	bool unknown;        /* an event on an item the view does not know */
	bool nomem;
	const char *last_time;
};

/* The index of the item whose id is the @len bytes at @id in @s, or -1. */
static long find(const struct session *s, const char *id, size_t len)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (!strncmp(s->items[i].id, id, len) && !s->items[i].id[len])
			return (long)i;
	return -1;
}

static bool note_event(void *ctx, const struct journal_event *e)
{
	struct touched *t = ctx;
	const char *at = strchr(e->item, '@');
	long i = find(t->s, e->item, strlen(e->item));

	if (i >= 0)
		t->item[i] = true;
	if (at) {
		/* a host's item, loaded or not: its step's counts changed */
		long step = find(t->s, e->item, (size_t)(at - e->item));
		if (step >= 0)
			t->step[step] = t->any_step = true;
		else
			t->unknown = true;
	} else if (i < 0) {
		t->unknown = true;
	}
	t->last_time = arena_strdup(&t->s->arena, e->time);
	t->nomem = !t->last_time;
	return !t->nomem;
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
	struct touched t = { s, NULL, NULL, false, false, false, NULL };
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
	if (st == ST_OK && t.unknown)
		*again = true;
	for (size_t i = 0; st == ST_OK && !*again && i < s->nitems; i++)
		if (t.item[i])
			st = reread_item(j, s, &s->items[i]);
	if (st == ST_OK && !*again && t.any_step)
		st = reread_steps(j, s, t.step); /* a note's or a step's check-off: none */
	if (st == ST_OK && !*again) {
		session_derive(s);
		s->last_activity = t.last_time;
		s->stamp = now;
	}
	free(t.item);
	free(t.step);
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
