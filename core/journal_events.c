/*
 * journal_events.c - a session's events in the journal: recording one,
 * reading them (all, an item's, those since one), and each item's latest
 * state, choice and note as the events_latest trigger keeps them in
 * item_state (see journal.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "journal_private.h"

enum status journal_event_add(struct journal *j, const struct journal_event *e, int64_t *id)
{
	enum status rs = journal_insert(j, Q_EVENT_ADD, "recording", "ittttttit", e->session,
					e->item, event_action_name(e->action), e->operator_name,
					e->host, e->time, e->text, (int64_t)e->forced, e->digest);

	if (rs == ST_OK && id)
		*id = sqlite3_last_insert_rowid(j->db);
	return rs;
}

/*
 * The action stored in column @i: the one place stored text becomes an
 * event_action. Text the schema's CHECK would never let in means a damaged
 * page; an out-of-memory NULL is told apart by SQLite's error code.
 */
static enum status col_action(sqlite3_stmt *st, int i, enum event_action *out)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	enum event_action a;

	/* by its first letter, then the whole word: a report reads 200,000 of them,
	 * and a comparison with each name in turn was 4% of its instructions */
	switch (s ? *s : 0) {
	case 'd': a = EVENT_DONE; break;
	case 'a': a = EVENT_ACK; break;
	case 's': a = EVENT_SKIP; break;
	case 'u': a = EVENT_UNDO; break;
	case 'n': a = EVENT_NOTE; break;
	case 'c': a = EVENT_CHOOSE; break;
	default: a = EVENT_ACTION_COUNT;
	}
	if (a != EVENT_ACTION_COUNT && !strcmp(s, event_action_name(a))) {
		*out = a;
		return ST_OK;
	}
	if (s && event_action_parse(s, out))
		return ST_OK;
	return !s && sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM ? ST_NOMEM
									       : ST_DATAERR;
}

/* Read an event from columns @c.. of @st; *has false when they are NULL (no event). */
enum status journal_col_event(sqlite3_stmt *st, int c, struct arena *a, struct journal_event *e,
			   bool *has)
{
	*has = sqlite3_column_type(st, c) != SQLITE_NULL;
	if (!*has)
		return ST_OK;
	e->id = sqlite3_column_int64(st, c);
	e->session = sqlite3_column_int64(st, c + 1);
	e->item = journal_col_text(st, c + 2, a);
	e->operator_name = journal_col_text(st, c + 4, a);
	e->host = journal_col_text(st, c + 5, a);
	e->time = journal_col_text(st, c + 6, a);
	e->text = journal_col_text(st, c + 7, a);
	e->forced = sqlite3_column_int(st, c + 8) != 0;
	e->digest = journal_col_text(st, c + 9, a);
	if (!e->item || !e->operator_name || !e->host || !e->time || !e->text || !e->digest)
		return ST_NOMEM;
	return col_action(st, c + 3, &e->action);
}

enum status journal_col_item_state(sqlite3_stmt *st, struct arena *a,
				   struct journal_item_state *p)
{
	enum status rs;

	p->item.id = journal_col_text(st, 0, a);
	p->item.kind = journal_col_text(st, 1, a);
	p->item.digest = journal_col_text(st, 2, a);
	p->position = sqlite3_column_int(st, 3);
	if (!p->item.id || !p->item.kind || !p->item.digest)
		return ST_NOMEM;
	rs = journal_col_event(st, 4, a, &p->state, &p->has_state);
	if (rs == ST_OK)
		rs = journal_col_event(st, 14, a, &p->choice, &p->has_choice);
	if (rs == ST_OK)
		rs = journal_col_event(st, 24, a, &p->note, &p->has_note);
	return rs;
}

/* The light row: the item, its state's action and forced flag, its branch. */
enum status journal_col_item_state_light(sqlite3_stmt *st, struct arena *a,
					 struct journal_item_state *p)
{
	memset(p, 0, sizeof(*p));
	p->item.id = journal_col_text(st, 0, a);
	if (!p->item.id)
		return ST_NOMEM;
	p->position = -1;
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		enum status rs = col_action(st, 1, &p->state.action);
		if (rs != ST_OK)
			return rs;
		p->has_state = true;
		p->state.forced = sqlite3_column_int(st, 2) != 0;
	}
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		p->has_choice = true;
		p->choice.text = journal_col_text(st, 3, a);
		if (!p->choice.text)
			return ST_NOMEM;
	}
	return ST_OK;
}


enum status journal_read_states(struct journal *j, sqlite3_stmt *st, bool light, struct arena *a,
				struct journal_item_state **out, size_t *n)
{
	struct journal_item_state *v = NULL, *p;
	enum status rs;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = journal_step(j, st)) == SQLITE_ROW) {
		p = arena_grow(a, v, *n, &cap, sizeof(*v), 256);
		if (!p) {
			sqlite3_reset(st);
			return ST_NOMEM;
		}
		v = p;
		p = &v[(*n)++];
		rs = light ? journal_col_item_state_light(st, a, p) : journal_col_item_state(st, a, p);
		if (rs != ST_OK) {
			sqlite3_reset(st);
			*n = 0;
			return journal_row_fail(j, rs);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		*n = 0;
		return journal_fail_on(j, rc, "reading the session");
	}
	*out = v;
	return ST_OK;
}

enum status journal_item_states(struct journal *j, int64_t session, bool light, struct arena *a,
				struct journal_item_state **out, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, light ? Q_ITEM_STATES_LIGHT : Q_ITEM_STATES);

	journal_bind_int64(j, st, 1, session);
	return journal_read_states(j, st, light, a, out, n);
}

enum status journal_item_state(struct journal *j, int64_t session, const char *item,
			       struct arena *a, struct journal_item_state *out, bool *found)
{
	sqlite3_stmt *st = journal_stmt(j, Q_ITEM_STATE_ONE);
	int rc;

	*found = false;
	journal_bind_int64(j, st, 1, session);
	journal_bind_text(j, st, 2, item);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		enum status rs = journal_col_item_state(st, a, out);
		if (rs != ST_OK) {
			sqlite3_reset(st);
			return journal_row_fail(j, rs);
		}
		*found = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the session");
	return ST_OK;
}

/*
 * Hand @fn each event @st reads (its statement bound), as journal_events()
 * says. @session 0: the columns of EVENT_COLS, each row's session and
 * digest read; else a timeline's (TIMELINE_COLS), all of @session, without
 * the two (the digest ""): its rows do not carry what it knows.
 */
enum status journal_each_event(struct journal *j, sqlite3_stmt *st, int64_t session,
			       bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	const int o = session ? 1 : 0; /* a timeline's columns after the id: one back */
	struct journal_event e;
	int rc;

	while ((rc = journal_step(j, st)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.session = session ? session : sqlite3_column_int64(st, 1);
		e.item = (const char *)sqlite3_column_text(st, 2 - o);
		e.operator_name = (const char *)sqlite3_column_text(st, 4 - o);
		e.host = (const char *)sqlite3_column_text(st, 5 - o);
		e.time = (const char *)sqlite3_column_text(st, 6 - o);
		e.text = (const char *)sqlite3_column_text(st, 7 - o);
		e.forced = sqlite3_column_int(st, 8 - o) != 0;
		e.digest = session ? "" : (const char *)sqlite3_column_text(st, 9);
		if (!e.item || !e.operator_name || !e.host || !e.time || !e.text || !e.digest ||
		    col_action(st, 3 - o, &e.action) != ST_OK) {
			bool nomem = sqlite3_errcode(j->db) == SQLITE_NOMEM;
			sqlite3_reset(st);
			if (nomem)
				return ST_NOMEM;
			strbuf_reset(&j->err);
			strbuf_addf(&j->err, "journal %s is corrupt (event %lld has an empty or unknown field); "
				    "it was not changed", j->path, (long long)e.id);
			return ST_DATAERR;
		}
		if (!fn(ctx, &e))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return journal_fail_on(j, rc, "reading events");
	return ST_OK;
}

enum status journal_events(struct journal *j, int64_t session, const char *item,
			   bool newest_first, size_t limit,
			   bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	enum query q = item ? (newest_first ? Q_EVENTS_ITEM_DESC : Q_EVENTS_ITEM)
			    : (newest_first ? Q_EVENTS_ALL_DESC : Q_EVENTS_ALL);
	sqlite3_stmt *st = journal_stmt(j, q);

	journal_bind_int64(j, st, 1, session);
	if (item)
		journal_bind_text(j, st, 2, item);
	journal_bind_int64(j, st, 3, limit ? (sqlite3_int64)limit : -1);
	return journal_each_event(j, st, 0, fn, ctx);
}

enum status journal_events_since(struct journal *j, int64_t session, int64_t after,
				 bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	sqlite3_stmt *st = journal_stmt(j, Q_EVENTS_SINCE);

	journal_bind_int64(j, st, 1, session);
	journal_bind_int64(j, st, 2, after);
	return journal_each_event(j, st, 0, fn, ctx);
}

enum status journal_last_activity(struct journal *j, int64_t session, struct arena *a,
				  const char **time)
{
	return journal_first_text(j, Q_LAST_ACTIVITY, session, "reading events", a, time);
}

/* ---- the hosts' items as "status" shows them ------------------------------ */

/* A text of the previous row, shared by the next that has the same. */
struct shared_text {
	const char *s;
	size_t n;
};

/*
 * The text in column @i, in @a unless it is @prev's (then @prev's); NULL
 * when out of memory. Its length by strlen(), not sqlite3_column_bytes():
 * a call less a text, and a text is read as far as its first NUL anyway.
 */
static const char *col_shared(sqlite3_stmt *st, int i, struct arena *a, struct shared_text *prev)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t n;

	if (!s && sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM)
		return NULL;
	if (!s)
		s = "";
	n = strlen(s);
	if (prev->s && prev->n == n && !memcmp(prev->s, s, n))
		return prev->s;
	prev->s = arena_strndup(a, s, n);
	prev->n = n;
	return prev->s;
}

/* The previous row's texts of one of its events. */
struct shared_event {
	struct shared_text operator_name, host, time, text, digest;
};

/* Where an event's columns are in a row (digest < 0: not read, ""). */
struct event_cols {
	int id, action, operator_name, host, time, text, forced, digest;
};

/* Q_HOST_ITEMS_LEAN's state event; a note of NOTES_SQL's rows */
static const struct event_cols lean_state = { 3, 4, 5, 6, 7, 8, 9, 10 };
static const struct event_cols range_note = { 1, 2, 3, 4, 5, 6, 7, -1 };

/* The event in columns @c of @st (its id not NULL), of item @p's. */
static enum status lean_event(sqlite3_stmt *st, const struct event_cols *c, struct arena *a,
			      struct shared_event *prev, const struct journal_item_state *p,
			      struct journal_event *e)
{
	e->id = sqlite3_column_int64(st, c->id);
	e->item = p->item.id;
	e->operator_name = col_shared(st, c->operator_name, a, &prev->operator_name);
	e->host = col_shared(st, c->host, a, &prev->host);
	e->time = col_shared(st, c->time, a, &prev->time);
	e->text = col_shared(st, c->text, a, &prev->text);
	e->forced = sqlite3_column_int(st, c->forced) != 0;
	e->digest = c->digest >= 0 ? col_shared(st, c->digest, a, &prev->digest) : "";
	if (!e->operator_name || !e->host || !e->time || !e->text || !e->digest)
		return ST_NOMEM;
	return col_action(st, c->action, &e->action);
}

/*
 * The notes of session ?1's items from id ?2 to id ?3, in order. A row of
 * Q_HOST_ITEMS_LEAN has whether its item has a note (column 2) but not the
 * note: joined to the note's event it cost 600 instructions a row that
 * has none, and the hosts' items seldom have one. Those of a batch that
 * have one are read after it, with this query.
 */
#define NOTES_SQL "SELECT st.item, n.id, n.action, n.operator, n.host, n.time, n.text," \
		  " n.forced FROM item_state st JOIN events n ON n.id = st.note_event" \
		  " WHERE st.session = ?1 AND st.item >= ?2 AND st.item <= ?3 ORDER BY st.item"

/*
 * The notes of rows @v[@first..@last] (sorted by id, the first and the
 * last with one; has_note: one to read), each matched to its row by the
 * item's id; a row that has none there has no note (its id is no event's,
 * as the join found none). The query is prepared here: only a batch with
 * notes asks it.
 */
static enum status lean_notes(struct journal *j, int64_t session, struct journal_item_state *v,
			      size_t first, size_t last, struct arena *a, struct shared_event *prev)
{
	sqlite3_stmt *st = NULL;
	enum status rs = ST_OK;
	size_t k = first;
	int rc = sqlite3_prepare_v2(j->db, NOTES_SQL, -1, &st, NULL);

	for (size_t i = first; i <= last; i++)
		v[i].has_note = false;
	if (rc == SQLITE_OK && (rc = sqlite3_bind_int64(st, 1, session)) == SQLITE_OK &&
	    (rc = sqlite3_bind_text(st, 2, v[first].item.id, -1, SQLITE_STATIC)) == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, v[last].item.id, -1, SQLITE_STATIC);
	while (rs == ST_OK && (rc == SQLITE_OK || rc == SQLITE_ROW) &&
	       (rc = journal_step(j, st)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(st, 0);
		if (!item) {
			rs = journal_row_fail(j, ST_NOMEM);
			break;
		}
		while (k <= last && strcmp(v[k].item.id, item) < 0)
			k++;
		if (k > last || strcmp(v[k].item.id, item))
			continue;
		v[k].has_note = true;
		if ((rs = lean_event(st, &range_note, a, prev, &v[k], &v[k].note)) != ST_OK)
			rs = journal_row_fail(j, rs);
	}
	sqlite3_finalize(st);
	if (rs == ST_OK && rc != SQLITE_DONE)
		rs = journal_fail_on(j, rc, "reading the session");
	return rs;
}

/* One Q_HOST_ITEMS_LEAN row of @session into @p (has_note: one to read); a failure said in @j. */
static enum status lean_row(struct journal *j, sqlite3_stmt *st, int64_t session,
			    struct arena *a, struct shared_event *prev,
			    struct journal_item_state *p)
{
	memset(p, 0, sizeof(*p));
	p->item.id = journal_col_text(st, 0, a);
	p->item.kind = p->item.digest = "";
	p->position = -1;
	if (!p->item.id)
		return journal_row_fail(j, ST_NOMEM);
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		p->has_choice = true;
		if (!(p->choice.text = journal_col_text(st, 1, a)))
			return journal_row_fail(j, ST_NOMEM);
	}
	p->state.session = p->note.session = session;
	p->has_note = sqlite3_column_type(st, 2) != SQLITE_NULL;
	if (sqlite3_column_type(st, lean_state.id) != SQLITE_NULL) {
		enum status rs = lean_event(st, &lean_state, a, prev, p, &p->state);
		p->has_state = true;
		if (rs != ST_OK)
			return journal_row_fail(j, rs);
	}
	return ST_OK;
}

enum status journal_host_items_lean(struct journal *j, int64_t session, const char *step,
				    size_t hint, struct arena *a, struct journal_item_state **out,
				    size_t *n)
{
	struct strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	enum status rs;

	/* "STEP@HOST" ids sort between "STEP@" and "STEPA" ('A' follows '@') */
	strbuf_addf(&lo, "%s@", step);
	strbuf_addf(&hi, "%sA", step);
	rs = journal_host_items_lean_in(j, session, strbuf_str(&lo), strbuf_str(&hi), hint, a, out,
					n);
	strbuf_release(&lo);
	strbuf_release(&hi);
	return rs;
}

/*
 * Room for row @n of *@v (*@cap of them): in @a (arena_grow()), or with
 * @heap grown with realloc(), the caller's to free and reuse.
 */
static struct journal_item_state *lean_room(struct arena *a, bool heap,
					    struct journal_item_state **v, size_t n, size_t *cap,
					    size_t hint)
{
	struct journal_item_state *p;
	size_t ncap = *cap ? *cap * 2 : hint ? hint : 256;

	if (!heap)
		return (p = arena_grow(a, *v, n, cap, sizeof(**v), hint ? hint : 256)) ? (*v = p) : p;
	if (n < *cap)
		return *v;
	if (ncap < n + 1 || ncap > SIZE_MAX / sizeof(**v) || !(p = realloc(*v, ncap * sizeof(*p))))
		return NULL;
	*cap = ncap;
	return *v = p;
}

/* journal_host_items_lean_in(), the rows in *@v as lean_room() grows it. */
static enum status lean_read(struct journal *j, int64_t session, const char *lo, const char *hi,
			     size_t hint, struct arena *a, bool heap,
			     struct journal_item_state **v, size_t *cap, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, Q_HOST_ITEMS_LEAN);
	struct shared_event prev[2];
	enum status rs = ST_OK;
	size_t notes = 0, first = 0, last = 0;
	int rc = SQLITE_DONE;

	memset(prev, 0, sizeof(prev));
	journal_bind_int64(j, st, 1, session);
	journal_bind_text(j, st, 2, lo);
	journal_bind_text(j, st, 3, hi);
	*n = 0;
	while (rs == ST_OK && (rc = journal_step(j, st)) == SQLITE_ROW) {
		/* room for @hint at once: the rows are large, copying them as they grow costs */
		if (!lean_room(a, heap, v, *n, cap, hint))
			rs = journal_row_fail(j, ST_NOMEM);
		else if ((rs = lean_row(j, st, session, a, &prev[0], &(*v)[(*n)++])) == ST_OK &&
			 (*v)[*n - 1].has_note) {
			first = notes++ ? first : *n - 1;
			last = *n - 1;
		}
	}
	sqlite3_reset(st);
	if (rs == ST_OK && rc == SQLITE_DONE && notes)
		rs = lean_notes(j, session, *v, first, last, a, &prev[1]);
	if (rs != ST_OK || rc != SQLITE_DONE)
		*n = 0;
	if (rs != ST_OK)
		return rs;
	return rc == SQLITE_DONE ? ST_OK : journal_fail_on(j, rc, "reading the session");
}

enum status journal_host_items_lean_in(struct journal *j, int64_t session, const char *lo,
				       const char *hi, size_t hint, struct arena *a,
				       struct journal_item_state **out, size_t *n)
{
	size_t cap = 0;

	*out = NULL;
	return lean_read(j, session, lo, hi, hint, a, false, out, &cap, n);
}

enum status journal_host_items_lean_into(struct journal *j, int64_t session, const char *lo,
					 const char *hi, struct arena *a,
					 struct journal_item_state **buf, size_t *cap, size_t *n)
{
	return lean_read(j, session, lo, hi, 0, a, true, buf, cap, n);
}
