/*
 * journal_counts.c - what a check-off reads of a large session without
 * reading all of it: the counts of each per-host step's hosts' items (kept
 * by triggers, schema 7), the inventory's hosts by role and first hop, and
 * the masters with a few named hosts (see journal.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "journal_private.h"

enum status journal_host_counts(struct journal *j, int64_t session, struct arena *a,
				struct journal_host_count **out, size_t *n)
{
	JOURNAL_ROWS(t, struct journal_host_count, COL(TEXT, step), COL(SIZE, hosts),
		     COL(SIZE, recorded), COL(SIZE, done), COL(SIZE, skipped), COL(SIZE, forced),
		     COL(INT64, last_event), COL(SIZE, stale));

	return journal_read_table(j, Q_HOST_COUNTS, session, "reading the session", &t, a, out, n);
}

enum status journal_host_groups(struct journal *j, int64_t session, struct arena *a,
				struct journal_host_group **out, size_t *n)
{
	JOURNAL_ROWS(t, struct journal_host_group, COL(TEXT, role), COL(TEXT_NULL, from_hop),
		     COL(SIZE, n));
	struct journal_rows r = { .a = a, .table = &t };
	enum status rs = journal_each_row(j, Q_HOST_GROUPS, session, "reading the inventory",
					  journal_table_row, &r);
	struct journal_host_group *g = r.v;

	/* the rows of a role's count (first, from_hop NULL) hold the hosts added later too */
	for (size_t i = 0; rs == ST_OK && i < r.n; i++)
		for (size_t k = 0; g[i].from_hop && k < r.n; k++)
			if (!g[k].from_hop && !strcmp(g[k].role, g[i].role))
				g[k].n -= g[i].n;
	*out = rs == ST_OK ? r.v : NULL;
	*n = rs == ST_OK ? r.n : 0;
	return rs;
}

/* A named agent found, with its place in the inventory (to keep the inventory's order). */
struct placed {
	struct journal_host host;
	int64_t position;
};

static int placed_cmp(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	return (x->position > y->position) - (x->position < y->position);
}

/* Agent @name of @session into @v (when the inventory has it and @v has it not yet). */
static enum status named_agent(struct journal *j, int64_t session, const char *name,
			       struct arena *a, struct placed *v, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, Q_HOST_NAMED);
	struct journal_rows r = { .a = a, .table = &journal_host_table };
	int rc;

	for (size_t i = 0; i < *n; i++)
		if (!strcmp(v[i].host.name, name))
			return ST_OK;
	journal_bind_int64(j, st, 1, session);
	journal_bind_text(j, st, 2, "agent");
	journal_bind_text(j, st, 3, name);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		if (!journal_table_row(st, &r)) {
			sqlite3_reset(st);
			return ST_NOMEM;
		}
		v[*n].host = *(struct journal_host *)r.v;
		v[(*n)++].position = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the inventory");
	return ST_OK;
}

enum status journal_hosts_named(struct journal *j, int64_t session, const char *const *names,
				size_t nnames, struct arena *a, struct journal_host **out,
				size_t *n)
{
	struct journal_rows r = { .a = a, .table = &journal_host_table };
	struct placed *agents = calloc(nnames + 1, sizeof(*agents));
	struct journal_host *v;
	size_t nagents = 0;
	enum status rs = agents ? ST_OK : ST_NOMEM;

	*out = NULL;
	*n = 0;
	if (rs == ST_OK)
		rs = journal_each_row(j, Q_HOSTS_MASTERS, session, "reading the inventory",
				      journal_table_row, &r);
	for (size_t i = 0; rs == ST_OK && i < nnames; i++)
		rs = named_agent(j, session, names[i], a, agents, &nagents);
	if (rs == ST_OK && !(v = arena_alloc(a, (r.n + nagents + 1) * sizeof(*v))))
		rs = ST_NOMEM;
	if (rs == ST_OK) {
		/* masters first, then the agents in the inventory's order, as journal_hosts() */
		if (r.n)
			memcpy(v, r.v, r.n * sizeof(*v));
		qsort(agents, nagents, sizeof(*agents), placed_cmp);
		for (size_t i = 0; i < nagents; i++)
			v[r.n + i] = agents[i].host;
		*out = v;
		*n = r.n + nagents;
	}
	free(agents);
	return rs;
}

enum status journal_item_states_of(struct journal *j, int64_t session, const char *const *ids,
				   size_t n, struct arena *a, struct journal_item_state **out,
				   size_t *nout)
{
	struct journal_item_state *v = arena_alloc(a, (n + 1) * sizeof(*v));
	sqlite3_stmt *st = journal_stmt(j, Q_ITEM_STATE_LIGHT_ONE);
	int rc = SQLITE_DONE;

	*out = v;
	*nout = 0;
	if (!v)
		return journal_row_fail(j, ST_NOMEM);
	for (size_t i = 0; i < n; i++) {
		journal_bind_int64(j, st, 1, session);
		journal_bind_text(j, st, 2, ids[i]);
		rc = journal_step(j, st);
		if (rc == SQLITE_ROW) {
			enum status rs = journal_col_item_state_light(st, a, &v[*nout]);
			if (rs != ST_OK) {
				sqlite3_reset(st);
				return journal_row_fail(j, rs);
			}
			++*nout;
		} else if (rc != SQLITE_DONE) {
			break;
		}
		sqlite3_reset(st);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the session");
	return ST_OK;
}

/*
 * Bind parameters @i and @i + 1 of @st to the ends of the range of "STEP@HOST"
 * ids of per-host step @step: they sort between "STEP@" and "STEPA" ('A'
 * follows '@'), and nothing else does. @lo and @hi hold them while @st runs.
 */
static void bind_hosts_of(struct journal *j, sqlite3_stmt *st, int i, const char *step,
			  struct strbuf *lo, struct strbuf *hi)
{
	strbuf_addf(lo, "%s@", step);
	strbuf_addf(hi, "%sA", step);
	journal_bind_text(j, st, i, strbuf_str(lo));
	journal_bind_text(j, st, i + 1, strbuf_str(hi));
}

enum status journal_host_items(struct journal *j, int64_t session, const char *step,
			       struct arena *a, struct journal_item_state **out, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, Q_ITEM_STATES_RANGE);
	struct strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	enum status rs;

	journal_bind_int64(j, st, 1, session);
	bind_hosts_of(j, st, 2, step, &lo, &hi);
	rs = journal_read_states(j, st, false, a, out, n);
	strbuf_release(&lo);
	strbuf_release(&hi);
	return rs;
}

enum status journal_item_total(struct journal *j, int64_t session, size_t *n)
{
	return journal_first_count(j, Q_ITEM_TOTAL, session, "reading the session", n);
}

/* journal_event_get's row, and why it could not be read */
struct event_one {
	struct arena *a;
	struct journal_event *e;
	bool *found;
	enum status rs;
};

static bool event_one_row(sqlite3_stmt *st, void *ctx)
{
	struct event_one *o = ctx;

	return (o->rs = journal_col_event(st, 0, o->a, o->e, o->found)) == ST_OK;
}

enum status journal_event_get(struct journal *j, int64_t id, struct arena *a,
			      struct journal_event *e, bool *found)
{
	struct event_one o = { a, e, found, ST_OK };
	enum status rs;

	*found = false;
	rs = journal_each_row(j, Q_EVENT_ONE, id, "reading the session", event_one_row, &o);
	/* a damaged row says so, not "out of memory" */
	return o.rs != ST_OK ? journal_row_fail(j, o.rs) : rs;
}

enum status journal_read_begin(struct journal *j, bool *began)
{
	int rc;

	*began = false;
	if (!sqlite3_get_autocommit(j->db))
		return ST_OK;
	rc = sqlite3_exec(j->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return journal_fail_on(j, rc, "reading the session");
	*began = true;
	return ST_OK;
}

void journal_read_end(struct journal *j, bool began)
{
	/* a read changed nothing: its end cannot lose anything */
	if (began)
		sqlite3_exec(j->db, "COMMIT", NULL, NULL, NULL);
}

enum status journal_hop_firsts(struct journal *j, int64_t session, struct arena *a,
			       struct journal_hop_first **out, size_t *n, bool *kept)
{
	JOURNAL_ROWS(t, struct journal_hop_first, COL(TEXT, hop), COL(TEXT_NULL, checkoff),
		     COL(TEXT_NULL, ack));

	*kept = j->schema >= 8;
	if (!*kept) {
		*out = NULL;
		*n = 0;
		return ST_OK;
	}
	return journal_read_table(j, Q_HOP_FIRSTS, session, "reading the session", &t, a, out, n);
}

enum status journal_stamp_get(struct journal *j, int64_t session, struct journal_stamp *out)
{
	sqlite3_stmt *st = journal_stmt(j, Q_STAMP);
	int rc;

	memset(out, 0, sizeof(*out));
	journal_bind_int64(j, st, 1, session);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		out->events = sqlite3_column_int64(st, 0);
		out->changes = sqlite3_column_int64(st, 1);
		out->exclusions = sqlite3_column_int64(st, 2);
		out->edits = sqlite3_column_int64(st, 3);
		out->probes = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the session");
	return ST_OK;
}

enum status journal_pending_hosts(struct journal *j, int64_t session, const char *role,
				  const char *step, size_t max, struct arena *a,
				  const char ***out, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, Q_PENDING_HOSTS);
	const char **v = arena_alloc(a, (max + 1) * sizeof(*v));
	int rc;

	*out = v;
	*n = 0;
	if (!v)
		return journal_row_fail(j, ST_NOMEM);
	journal_bind_int64(j, st, 1, session);
	journal_bind_text(j, st, 2, role);
	journal_bind_text(j, st, 3, step);
	journal_bind_int64(j, st, 4, (int64_t)max);
	while ((rc = journal_step(j, st)) == SQLITE_ROW && *n < max) {
		if (!(v[*n] = journal_col_text(st, 0, a))) {
			sqlite3_reset(st);
			return journal_row_fail(j, ST_NOMEM);
		}
		++*n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the inventory");
	return ST_OK;
}

enum status journal_plan_states(struct journal *j, int64_t session, struct arena *a,
				struct journal_item_state **out, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, Q_PLAN_STATES);

	journal_bind_int64(j, st, 1, session);
	return journal_read_states(j, st, true, a, out, n);
}

enum status journal_host_item_holding(struct journal *j, int64_t session, const char *step,
				      const char *text, const char *after, struct arena *a,
				      const char **id)
{
	sqlite3_stmt *st = journal_stmt(j, Q_HOST_ITEM_HOLDING);
	struct strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	enum status rs = ST_OK;
	int rc;

	*id = NULL;
	journal_bind_int64(j, st, 1, session);
	bind_hosts_of(j, st, 2, step, &lo, &hi);
	journal_bind_text(j, st, 4, text);
	journal_bind_text_or_null(j, st, 5, after);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW && !(*id = journal_col_text(st, 0, a)))
		rs = journal_row_fail(j, ST_NOMEM);
	sqlite3_reset(st);
	strbuf_release(&lo);
	strbuf_release(&hi);
	if (rs == ST_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		rs = journal_fail_on(j, rc, "reading the session");
	return rs;
}

enum status journal_hosts_holding(struct journal *j, int64_t session, const char *text,
				  bool *any)
{
	sqlite3_stmt *st = journal_stmt(j, Q_HOSTS_HOLDING);
	int rc;

	journal_bind_int64(j, st, 1, session);
	journal_bind_text(j, st, 2, text);
	rc = journal_step(j, st);
	*any = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : journal_fail_on(j, rc, "reading the inventory");
}

/* Row of @st (two times) appended to @first and @last, *@found; its failure said in @j. */
static enum status span_row(struct journal *j, sqlite3_stmt *st, struct strbuf *first,
			    struct strbuf *last, bool *found)
{
	int rc = journal_step(j, st);
	const char *a, *b;

	*found = false;
	if (rc == SQLITE_ROW && (a = (const char *)sqlite3_column_text(st, 0)) &&
	    (b = (const char *)sqlite3_column_text(st, 1))) {
		strbuf_adds(first, a);
		strbuf_adds(last, b);
		*found = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the session");
	return strbuf_failed(first) || strbuf_failed(last) ? journal_row_fail(j, ST_NOMEM) : ST_OK;
}

enum status journal_host_span(struct journal *j, int64_t session, const char *step,
			      struct strbuf *first, struct strbuf *last)
{
	struct strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	enum status st = ST_OK;
	sqlite3_stmt *q;
	bool found = false;

	/* two events and their hosts' states looked up, when they tell (schema 10) */
	if (j->schema >= 10) {
		q = journal_stmt(j, Q_HOST_SPAN_KEPT);
		journal_bind_int64(j, q, 1, session);
		journal_bind_text(j, q, 2, step);
		bind_hosts_of(j, q, 3, step, &lo, &hi);
		st = span_row(j, q, first, last, &found);
	}
	/* else every resolved host's state read: a host of the first or the
	 * last was undone since, or the journal is older */
	if (st == ST_OK && !found) {
		strbuf_reset(&lo);
		strbuf_reset(&hi);
		q = journal_stmt(j, Q_HOST_SPAN);
		journal_bind_int64(j, q, 1, session);
		bind_hosts_of(j, q, 2, step, &lo, &hi);
		st = span_row(j, q, first, last, &found);
	}
	strbuf_release(&lo);
	strbuf_release(&hi);
	return st;
}
