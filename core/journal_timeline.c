/*
 * journal_timeline.c - what a report reads of a session's events (see
 * journal.h): the whole timeline, or a part of it, the events it gathers
 * its record from, and the record kept apart from them (schema 12): who
 * recorded, and the notes.
 */
#include <stdio.h>

#include "journal_private.h"

/*
 * A timeline's columns (journal_each_event()): EVENT_COLS but the session and the
 * digest, which its rows would only repeat; asked of every row, the two
 * were 78 instructions of SQLite's 1,950 a row (E, 100,000 events).
 */
#define TIMELINE_COLS "SELECT id, item, action, operator, host, time, text, forced "
/* The rows of @session's events from its first to its last, in the table's order (see below). */
#define SESSION_ROWS "FROM events WHERE +session = ?1" \
	" AND id BETWEEN (SELECT min(id) FROM events WHERE session = ?1)" \
	" AND (SELECT max(id) FROM events WHERE session = ?1)"

/* @sql prepared into *@st with @session bound as ?1: SQLite's result. */
static int prepare_session(struct journal *j, const char *sql, int64_t session,
			   sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(j->db, sql, -1, st, NULL);

	return rc == SQLITE_OK ? sqlite3_bind_int64(*st, 1, session) : rc;
}

/*
 * Each event @st reads to @fn, as journal_events() says (@rc: how its
 * preparing and binding went), the connection's cache kept small
 * meanwhile: every page is read once, in order. @st is finalized.
 */
static enum status scan(struct journal *j, sqlite3_stmt *st, int rc, int64_t session,
			bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	int64_t was = 0;
	bool small;
	enum status out;

	if (rc != SQLITE_OK) {
		out = journal_fail_on(j, rc, "reading events");
		sqlite3_finalize(st);
		return out;
	}
	/* a scan of the events reads each page once: the 2 MB of SQLite's default
	 * cache, filled by it, was most of a report's memory above that of
	 * "status" (1.9 MB of 4.4 on the bench's journal of 1e5 events) */
	small = journal_scan_cache(j, 64, &was);
	out = journal_each_event(j, st, session, fn, ctx);
	sqlite3_finalize(st);
	if (small)
		journal_scan_cache(j, 0, &was);
	return out;
}

enum status journal_timeline(struct journal *j, int64_t session,
			    bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	/*
	 * The table's rows from the session's first event to its last, in the order
	 * they are stored, not each looked up from the index events_session: a
	 * report reads its timeline with them (report.c), and the lookups were
	 * 15% of a pass. Another session's events recorded meanwhile are
	 * passed over.
	 */
	static const char sql[] = TIMELINE_COLS SESSION_ROWS " ORDER BY id";
	sqlite3_stmt *st = NULL;
	int rc = prepare_session(j, sql, session, &st);

	return scan(j, st, rc, session, fn, ctx);
}

enum status journal_timeline_gather(struct journal *j, int64_t session, const char *operator_name,
				    const char *host, bool checkoffs, bool *any,
				    bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	/* the others passed over inside SQLite: a row handed out cost as much as three */
	static const char sql[] = TIMELINE_COLS SESSION_ROWS " AND (action = 'note'"
				  " OR operator <> ?2 OR host <> ?3 OR (?4 AND (action = 'done'"
				  " OR action = 'skip' OR action = 'choose' OR action = 'ack')))"
				  " ORDER BY id";
	sqlite3_stmt *st = NULL;
	/* not a count(*): it read the whole index, 39 M instructions of 1e5 events */
	int rc = prepare_session(j, "SELECT EXISTS (SELECT 1 FROM events WHERE session = ?1)",
				 session, &st);

	if (rc == SQLITE_OK)
		rc = journal_step(j, st);
	*any = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return journal_fail_on(j, rc, "reading events");
	st = NULL;
	if ((rc = prepare_session(j, sql, session, &st)) == SQLITE_OK &&
	    (rc = sqlite3_bind_text(st, 2, operator_name, -1, SQLITE_STATIC)) == SQLITE_OK &&
	    (rc = sqlite3_bind_text(st, 3, host, -1, SQLITE_STATIC)) == SQLITE_OK)
		rc = sqlite3_bind_int(st, 4, checkoffs);
	return scan(j, st, rc, session, fn, ctx);
}

enum status journal_event_span(struct journal *j, int64_t session, int64_t *first, int64_t *last)
{
	/* each an index's first or last entry: min() and max() together read the index whole */
	static const char sql[] = "SELECT (SELECT min(id) FROM events WHERE session = ?1),"
				  " (SELECT max(id) FROM events WHERE session = ?1)";
	sqlite3_stmt *st = NULL;
	int rc = prepare_session(j, sql, session, &st);

	*first = *last = 0;
	if (rc == SQLITE_OK && (rc = journal_step(j, st)) == SQLITE_ROW) {
		*first = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? ST_OK : journal_fail_on(j, rc, "reading events");
}

enum status journal_timeline_range(struct journal *j, int64_t session, int64_t first,
				   int64_t last,
				   bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	/* the table's rows from @first to @last in their order, as journal_timeline() reads them */
	static const char sql[] = TIMELINE_COLS "FROM events WHERE +session = ?1"
				  " AND id BETWEEN ?2 AND ?3 ORDER BY id";
	sqlite3_stmt *st = NULL;
	int rc = prepare_session(j, sql, session, &st);

	if (rc == SQLITE_OK && (rc = sqlite3_bind_int64(st, 2, first)) == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, last);
	return scan(j, st, rc, session, fn, ctx);
}

enum status journal_notes(struct journal *j, int64_t session,
			  bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	/* the index events_note's rows (schema 12): a session's notes, not its every event */
	static const char sql[] = TIMELINE_COLS "FROM events WHERE session = ?1"
				  " AND action = 'note' ORDER BY id";

	sqlite3_stmt *st = NULL;
	int rc = prepare_session(j, sql, session, &st);

	/* each page read once, in order: 1.8 MB of cache filled by the notes of 1e5 events without */
	return scan(j, st, rc, session, fn, ctx);
}

/* What journal_operators() hands each row to. */
struct operators_walk {
	bool (*fn)(void *ctx, const char *operator_name, const char *host);
	void *ctx;
};

/* One row of session_operators to the walk's function: false, out of memory, when it is. */
static bool operator_row(sqlite3_stmt *st, void *ctx)
{
	struct operators_walk *w = ctx;
	const char *name = (const char *)sqlite3_column_text(st, 0);
	const char *host = name ? (const char *)sqlite3_column_text(st, 1) : NULL;

	return name && host && w->fn(w->ctx, name, host);
}

enum status journal_operators(struct journal *j, int64_t session,
			      bool (*fn)(void *ctx, const char *operator_name, const char *host),
			      void *ctx)
{
	static const char sql[] = "SELECT operator, host FROM session_operators"
				  " WHERE session = ?1 ORDER BY first_event";
	struct operators_walk w = { fn, ctx };
	sqlite3_stmt *st = NULL;
	int rc = prepare_session(j, sql, session, &st);
	enum status out = rc == SQLITE_OK
				  ? journal_each_bound(j, st, "reading the operators", operator_row, &w)
				  : journal_fail_on(j, rc, "reading the operators");
	sqlite3_finalize(st);
	return out;
}
