/*
 * journal_hosts.c - the journal's record of a session's hosts: its inventory
 * read whole, a batch of agents at a time or packed for batches to be cut
 * from, and whether they are in the order of their names; beyond its first
 * inventory, hosts excluded from the upgrade and included again (with the
 * events each wrote), hosts added by "edit --inventory", and the end of the
 * session's window (see journal.h).
 */
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "journal_private.h"

/* The agents of @session (query @q) from the @first'th, at most @max (-1: all), into @r. */
static enum status agents_rows(struct journal *j, enum query q, int64_t session, int64_t first,
			       int64_t max, struct journal_rows *r)
{
	sqlite3_stmt *st = journal_stmt(j, q);

	journal_bind_int64(j, st, 1, session);
	journal_bind_int64(j, st, 2, first);
	journal_bind_int64(j, st, 3, max);
	return journal_each_bound(j, st, "reading the inventory", journal_table_row, r);
}

enum status journal_hosts_from(struct journal *j, int64_t session, size_t first, size_t max,
			       struct arena *a, struct journal_host **out, size_t *n)
{
	struct journal_rows r = { .a = a, .table = &journal_host_table };
	size_t added = 0;
	bool began;
	enum status rs = journal_read_begin(j, &began);

	/* the agents' join to the hosts added later costs a seek a host (20 ms on
	 * 50,000): left out when the session has none (one read: no edit between) */
	if (rs == ST_OK)
		rs = journal_first_count(j, Q_HOSTS_ADDED, session, "reading the inventory", &added);
	/* room for a batch at once (and a few masters): not copied as it grows */
	if (rs == ST_OK && max < SIZE_MAX) {
		r.cap = (max < 65536 ? max : 65536) + 16;
		if (!(r.v = arena_alloc(a, r.cap * sizeof(struct journal_host))))
			rs = ST_NOMEM;
	}
	if (rs == ST_OK)
		rs = journal_each_row(j, Q_HOSTS_MASTERS, session, "reading the inventory",
				      journal_table_row, &r);
	if (rs == ST_OK && max)
		rs = agents_rows(j, added ? Q_HOSTS : Q_HOSTS_FIRST, session, (int64_t)first,
				 max > (size_t)INT64_MAX ? -1 : (int64_t)max, &r);
	journal_read_end(j, began);
	*out = rs == ST_OK ? r.v : NULL;
	*n = rs == ST_OK ? r.n : 0;
	return rs;
}

enum status journal_hosts(struct journal *j, int64_t session, struct arena *a,
			  struct journal_host **out, size_t *n)
{
	return journal_hosts_from(j, session, 0, SIZE_MAX, a, out, n);
}

enum status journal_agents_sorted(struct journal *j, int64_t session, bool *sorted)
{
	struct strbuf prev = STRBUF_INIT;
	bool began, first = true;
	int rc = SQLITE_DONE;
	enum status rs = journal_read_begin(j, &began);
	sqlite3_stmt *st = journal_stmt(j, Q_HOSTS_FIRST);

	*sorted = true;
	journal_bind_int64(j, st, 1, session);
	journal_bind_int64(j, st, 2, 0);
	journal_bind_int64(j, st, 3, -1);
	/* each name against the one before: up to the first out of order */
	while (rs == ST_OK && *sorted && (rc = journal_step(j, st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		name = name ? name : "";
		*sorted = first || strcmp(strbuf_str(&prev), name) < 0;
		first = false;
		strbuf_reset(&prev);
		strbuf_add(&prev, name, strlen(name));
		if (strbuf_failed(&prev))
			rs = journal_row_fail(j, ST_NOMEM);
	}
	sqlite3_reset(st);
	strbuf_release(&prev);
	if (rs == ST_OK && *sorted && rc != SQLITE_DONE)
		rs = journal_fail_on(j, rc, "reading the inventory");
	journal_read_end(j, began);
	return rs;
}

/*
 * Agent @name (@len bytes, its NUL after them) appended to @p, p->sorted
 * false from the first that does not follow the one before it by name;
 * false when out of memory.
 */
static bool agent_add(struct journal_agents *p, size_t *cap, size_t *room, const char *name,
		      size_t len, bool leader)
{
	if (p->n && strcmp(p->names + p->at[p->n - 1], name) >= 0)
		p->sorted = false;
	if (p->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 1024;
		uint32_t *at = realloc(p->at, ncap * sizeof(*at));
		unsigned char *l = at ? realloc(p->leader, ncap) : NULL;
		p->at = at ? at : p->at;
		if (!l)
			return false;
		p->leader = l;
		*cap = ncap;
	}
	if (p->size + len + 1 > *room) {
		size_t nroom = *room ? *room * 2 : 16384;
		char *names;
		while (nroom < p->size + len + 1)
			nroom *= 2;
		if (!(names = realloc(p->names, nroom)))
			return false;
		p->names = names;
		*room = nroom;
	}
	memcpy(p->names + p->size, name, len);
	p->names[p->size + len] = '\0';
	p->at[p->n] = (uint32_t)p->size;
	p->leader[p->n++] = leader;
	p->size += len + 1;
	return true;
}

/*
 * The agents of @h (n hosts, masters among them) packed in one row of
 * agents_packed (schema 11): their names in order, each followed by NUL,
 * and a byte each, whether it leads. A report of 50,000 agents read them a
 * row each: 65 M instructions of 593 M (callgrind, B's Markdown report).
 */
static enum status packed_add(struct journal *j, int64_t session, const struct journal_host *h,
			      size_t n)
{
	size_t size = 0, k = 0;
	unsigned char *leaders;
	enum status rs;
	char *names;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(h[i].role, "agent")) {
			size += strlen(h[i].name) + 1;
			k++;
		}
	if (!k)
		return ST_OK;
	names = malloc(size);
	leaders = malloc(k);
	if (!names || !leaders) {
		free(names);
		free(leaders);
		return journal_row_fail(j, ST_NOMEM);
	}
	size = k = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(h[i].role, "agent")) {
			size_t len = strlen(h[i].name) + 1;
			memcpy(names + size, h[i].name, len);
			size += len;
			leaders[k++] = h[i].leader;
		}
	sqlite3_stmt *st = journal_stmt(j, Q_AGENTS_PACKED_ADD);
	journal_bind_int64(j, st, 1, session);
	journal_bind_int64(j, st, 2, (int64_t)k);
	journal_bind_blob(j, st, 3, names, size);
	journal_bind_blob(j, st, 4, leaders, k);
	rs = journal_run(j, Q_AGENTS_PACKED_ADD, "recording the inventory");
	free(names);
	free(leaders);
	return rs;
}

enum status journal_hosts_add(struct journal *j, int64_t session, const struct journal_host *h,
			      size_t n)
{
	enum status rs = ST_OK;

	for (size_t i = 0; i < n && rs == ST_OK; i++)
		rs = journal_insert(j, Q_HOST_ADD, "recording the inventory", "ititi", session,
				    h[i].role, (int64_t)i, h[i].name, (int64_t)h[i].leader);
	return rs == ST_OK ? packed_add(j, session, h, n) : rs;
}

/*
 * Whether @session's one row of agents_packed is the row of rowid @session,
 * the one sqlite3_blob_open() reads: schema 11 makes the session its
 * INTEGER PRIMARY KEY. A table made otherwise (a key of its own, no rowid,
 * two rows of the session) is not: its names are read a row each. Prepared
 * here, not kept: a table without rowid cannot prepare it.
 */
static bool row_is_session(struct journal *j, int64_t session)
{
	sqlite3_stmt *st = NULL;
	bool is = sqlite3_prepare_v2(j->db,
				     "SELECT (SELECT count(*) FROM agents_packed WHERE session = ?1) = 1"
				     " AND (SELECT session FROM agents_packed WHERE _rowid_ = ?1) = ?1",
				     -1, &st, NULL) == SQLITE_OK &&
		  sqlite3_bind_int64(st, 1, session) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
		  sqlite3_column_int(st, 0) == 1;

	sqlite3_finalize(st);
	return is;
}

/*
 * The @n agents of @session's packed row, its names (@size bytes) read
 * straight into @out (sqlite3_blob_read()), with @leaders: false when they
 * are not @n names each ending in its NUL, or (*@nomem) out of memory.
 * B's 50,000 agents (600 KB of names) took 11 ms, the first read in a
 * process: SQLite made the names a buffer of its own before they were
 * copied, split a byte at a time and the arrays grown as they went
 * (8.6 M and 2.8 M instructions of 14 M); 7 ms so (B's JSON report 0.95x).
 */
static bool packed_take(struct journal *j, int64_t session, struct journal_agents *out, size_t size,
			const unsigned char *leaders, size_t n, bool *nomem)
{
	size_t from = 0;
	sqlite3_blob *b = NULL;
	int rc;

	*nomem = !(out->names = malloc(size)) || !(out->at = malloc(n * sizeof(*out->at))) ||
		 !(out->leader = malloc(n));
	if (*nomem || !row_is_session(j, session))
		return false;
	rc = sqlite3_blob_open(j->db, "main", "agents_packed", "names", session, 0, &b);
	if (rc == SQLITE_OK && sqlite3_blob_bytes(b) == (int)size)
		rc = sqlite3_blob_read(b, out->names, (int)size, 0);
	else if (rc == SQLITE_OK)
		rc = SQLITE_CORRUPT;
	sqlite3_blob_close(b);
	if (rc != SQLITE_OK)
		return false;
	for (size_t k = 0; k < n; k++) {
		const char *end = from < size ? memchr(out->names + from, '\0', size - from) : NULL;
		if (!end)
			return false;
		/* (p->sorted as agent_add() keeps it) */
		if (k && out->sorted && strcmp(out->names + out->at[k - 1], out->names + from) >= 0)
			out->sorted = false;
		out->at[k] = (uint32_t)from;
		out->leader[k] = leaders[k] != 0;
		from = (size_t)(end - out->names) + 1;
	}
	out->n = n;
	out->size = size;
	return from == size;
}

/*
 * The agents of @session from their packed row into @out (*@got), when it
 * is there (schema 11) and whole: as many names and flags as the inventory
 * has agents, every name ending in its NUL. Else nothing got: they are read
 * a row each (a journal older than 11, a session started before it).
 */
static enum status packed_read(struct journal *j, int64_t session, struct journal_agents *out,
			       bool *got)
{
	sqlite3_stmt *st = journal_stmt(j, Q_AGENTS_PACKED);
	size_t have = 0;
	enum status rs = ST_OK;
	bool nomem = false;
	int rc;

	*got = false;
	if (j->schema < 11)
		return ST_OK;
	journal_bind_int64(j, st, 1, session);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		const unsigned char *leaders = sqlite3_column_blob(st, 2);
		size_t size = (size_t)sqlite3_column_int64(st, 1);
		int64_t n = sqlite3_column_int64(st, 0);
		/* the names as the rows would give them (agent_add()) */
		if (n > 0 && leaders && (size_t)sqlite3_column_bytes(st, 2) == (size_t)n &&
		    size <= UINT32_MAX && size <= INT_MAX && (uint64_t)n <= size)
			*got = packed_take(j, session, out, size, leaders, (size_t)n, &nomem);
		if (nomem)
			rs = journal_row_fail(j, ST_NOMEM);
	}
	sqlite3_reset(st);
	if (rs == ST_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the inventory");
	if (rs == ST_OK && *got &&
	    (rs = journal_first_count(j, Q_AGENTS_SPAN, session, "reading the inventory",
				      &have)) == ST_OK && have != out->n)
		*got = false; /* not as many as the inventory's agents: the rows are read */
	if (!*got)
		journal_agents_release(out);
	return rs;
}

/* The agents of @session into @out a row each, *@got unless too many for 32-bit offsets. */
static enum status rows_read(struct journal *j, int64_t session, struct journal_agents *out,
			     bool *got)
{
	sqlite3_stmt *st = journal_stmt(j, Q_HOSTS_PACKED);
	size_t cap = 0, room = 0;
	enum status rs = ST_OK;
	bool big = false;
	int rc = SQLITE_DONE;

	journal_bind_int64(j, st, 1, session);
	while (rs == ST_OK && !big && (rc = journal_step(j, st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		size_t len = name ? (size_t)sqlite3_column_bytes(st, 0) : 0;
		name = name ? name : "";
		big = out->size + len + 1 > UINT32_MAX;
		if (!big && !agent_add(out, &cap, &room, name, len, sqlite3_column_int(st, 1) != 0))
			rs = journal_row_fail(j, ST_NOMEM);
	}
	sqlite3_reset(st);
	if (rs == ST_OK && !big && rc != SQLITE_DONE)
		rs = journal_fail_on(j, rc, "reading the inventory");
	*got = rs == ST_OK && !big;
	return rs;
}

enum status journal_agents_packed(struct journal *j, int64_t session, struct journal_agents *out,
				  bool *got)
{
	size_t added = 0;
	bool began, read = false;
	enum status rs = journal_read_begin(j, &began);

	memset(out, 0, sizeof(*out));
	out->sorted = true;
	/* hosts added later: their first hop is read with them, batch by batch */
	if (rs == ST_OK)
		rs = journal_first_count(j, Q_HOSTS_ADDED, session, "reading the inventory", &added);
	if (rs == ST_OK && !added)
		rs = packed_read(j, session, out, &read);
	if (rs == ST_OK && !added && !read)
		rs = rows_read(j, session, out, &read);
	journal_read_end(j, began);
	*got = rs == ST_OK && !added && read;
	if (!*got)
		journal_agents_release(out);
	return rs;
}

void journal_agents_release(struct journal_agents *a)
{
	free(a->names);
	free(a->at);
	free(a->leader);
	memset(a, 0, sizeof(*a));
	a->sorted = true;
}

enum status journal_exclusion_add(struct journal *j, const struct journal_exclusion *x,
				  int64_t *id)
{
	enum status rs = journal_insert(j, Q_EXCLUSION_ADD, "recording the exclusion", "ittttttt" "i",
					x->session, x->include ? "include" : "exclude", x->role,
					x->target, x->operator_name,
					x->host, x->time, x->text, (int64_t)x->forced);

	if (rs == ST_OK && id)
		*id = sqlite3_last_insert_rowid(j->db);
	return rs;
}

enum status journal_exclusions(struct journal *j, int64_t session, struct arena *a,
			       struct journal_exclusion **out, size_t *n)
{
	JOURNAL_ROWS_KEYED(t, struct journal_exclusion, session, COL(INT64, id),
			   COL(BOOL, include), COL(TEXT, role), COL(TEXT, target),
			   COL(TEXT, operator_name), COL(TEXT, host), COL(TEXT, time),
			   COL(TEXT, text), COL(BOOL, forced));

	return journal_read_table(j, Q_EXCLUSIONS, session, "reading the exclusions",
				  &t, a, out, n);
}

enum status journal_event_exclusion_add(struct journal *j, int64_t event, int64_t exclusion)
{
	return journal_insert(j, Q_EVENT_EXCLUSION_ADD, "recording the exclusion", "ii", event,
			      exclusion);
}

enum status journal_exclusion_events(struct journal *j, int64_t session, struct arena *a,
				     struct journal_event_exclusion **out, size_t *n)
{
	JOURNAL_ROWS(t, struct journal_event_exclusion, COL(INT64, event), COL(INT64, exclusion));

	return journal_read_table(j, Q_EXCLUSION_EVENTS, session, "reading the exclusions",
				  &t, a, out, n);
}

enum status journal_exclusion_standing(struct journal *j, int64_t exclusion, struct arena *a,
				       const char ***items, size_t *n)
{
	return journal_read_table(j, Q_EXCLUSION_STANDING, exclusion, "reading the exclusions",
				  &journal_text_table, a, items, n);
}

enum status journal_edit_add(struct journal *j, const struct journal_edit *e, int64_t *id)
{
	enum status rs = journal_insert(j, Q_EDIT_ADD, "recording the inventory", "itttt" "t",
					e->session, e->from_hop, e->file, e->operator_name, e->host,
					e->time);

	if (rs == ST_OK && id)
		*id = sqlite3_last_insert_rowid(j->db);
	return rs;
}

enum status journal_added_host_add(struct journal *j, int64_t session, int64_t edit,
				   const struct journal_host *h)
{
	enum status rs = journal_insert(j, Q_HOST_APPEND, "recording the inventory", "itti",
					session, h->role, h->name, (int64_t)h->leader);

	if (rs == ST_OK)
		rs = journal_insert(j, Q_ADDED_HOST_ADD, "recording the inventory", "itti", session,
				    h->role, h->name, edit);
	return rs;
}

enum status journal_whole_step_add(struct journal *j, int64_t session, int64_t edit,
				   const char *item)
{
	return journal_insert(j, Q_WHOLE_STEP_ADD, "recording the inventory", "iti", session, item,
			      edit);
}

enum status journal_whole_steps(struct journal *j, int64_t session, struct arena *a,
				const char ***out, size_t *n)
{
	return journal_read_table(j, Q_WHOLE_STEPS, session, "reading the inventory",
				  &journal_text_table, a, out, n);
}

enum status journal_edits(struct journal *j, int64_t session, struct arena *a,
			  struct journal_edit **out, size_t *n)
{
	JOURNAL_ROWS_KEYED(t, struct journal_edit, session, COL(INT64, id), COL(TEXT, from_hop),
			   COL(TEXT, file), COL(TEXT, operator_name), COL(TEXT, host),
			   COL(TEXT, time), COL(SIZE, added));

	return journal_read_table(j, Q_EDITS, session, "reading the inventory edits", &t,
				  a, out, n);
}

enum status journal_window_add(struct journal *j, int64_t session, const char *hhmm)
{
	return journal_insert(j, Q_WINDOW_ADD, "recording the window", "it", session, hhmm);
}

enum status journal_window_get(struct journal *j, int64_t session, struct arena *a,
			       const char **out)
{
	return journal_first_text(j, Q_WINDOW_GET, session, "reading the window", a, out);
}
