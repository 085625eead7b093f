/*
 * journal_cluster.c - the journal's record of a session's cluster: the
 * masters it is read from, every probe of it (what each master and agent
 * said), and the evidence that verified an item; and of the session's own
 * changes: closed, reopened, retitled (see journal.h).
 */
#include <stddef.h>
#include <string.h>

#include "journal_private.h"

enum status journal_cluster_add(struct journal *j, int64_t session, const struct journal_cluster *c)
{
	enum status rs = ST_OK;

	for (size_t i = 0; i < c->nmasters && rs == ST_OK; i++)
		rs = journal_insert(j, Q_MASTER_ADD, "recording the masters", "iit", session,
				    (int64_t)i, c->masters[i]);
	if (rs != ST_OK || !c->nmasters)
		return rs;
	return journal_insert(j, Q_CLUSTER_ADD, "recording the masters", "inn", session,
			      c->credentials, c->cacert);
}

/* Column @i as text in @a, or NULL when it is SQL NULL; *nomem set when memory ran out. */
static const char *col_text_or_null(sqlite3_stmt *st, int i, struct arena *a, bool *nomem)
{
	const char *s;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	s = journal_col_text(st, i, a);
	if (!s)
		*nomem = true;
	return s;
}

enum status journal_cluster_get(struct journal *j, int64_t session, struct arena *a,
				struct journal_cluster *out)
{
	struct journal_rows r = { .a = a, .table = &journal_text_table };
	sqlite3_stmt *st;
	bool nomem = false;
	enum status rs;
	int rc;

	memset(out, 0, sizeof(*out));
	rs = journal_each_row(j, Q_MASTERS, session, "reading the masters", journal_table_row, &r);
	if (rs != ST_OK)
		return rs;
	out->masters = r.v;
	out->nmasters = r.n;
	st = journal_stmt(j, Q_CLUSTER_GET);
	journal_bind_int64(j, st, 1, session);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		out->credentials = col_text_or_null(st, 0, a, &nomem);
		out->cacert = col_text_or_null(st, 1, a, &nomem);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the masters");
	return nomem ? ST_NOMEM : ST_OK;
}

static enum status probe_host_add(struct journal *j, int64_t probe, size_t position,
				  const struct journal_probe_host *h)
{
	return journal_insert(j, Q_PROBE_HOST_ADD, "recording the probe", "itit" "nn" "iiii" "n",
			      probe, h->role, (int64_t)position, h->host, h->url, h->version,
			      (int64_t)h->active, (int64_t)h->recovered, (int64_t)h->reachable,
			      (int64_t)h->leader, h->error);
}

enum status journal_probe_add(struct journal *j, const struct journal_probe *p, int64_t *id)
{
	enum status rs = journal_insert(j, Q_PROBE_ADD, "recording the probe", "itttn", p->session,
					p->time, p->operator_name, p->host, p->leader);

	if (rs != ST_OK)
		return rs;
	*id = sqlite3_last_insert_rowid(j->db);
	for (size_t i = 0; i < p->nhosts && rs == ST_OK; i++)
		rs = probe_host_add(j, *id, i, &p->hosts[i]);
	for (size_t i = 0; i < p->nwarnings && rs == ST_OK; i++)
		rs = journal_insert(j, Q_PROBE_WARNING_ADD, "recording the probe", "iitt", *id,
				    (int64_t)i, p->warnings[i].kind, p->warnings[i].text);
	return rs;
}

static enum status probe_warnings(struct journal *j, struct arena *a, struct journal_probe *p)
{
	JOURNAL_ROWS(t, struct journal_probe_warning, COL(TEXT, kind), COL(TEXT, text));
	struct journal_rows r = { .a = a, .table = &t };
	enum status rs = journal_each_row(j, Q_PROBE_WARNINGS, p->id, "reading the probes",
					  journal_table_row, &r);

	p->warnings = r.v;
	p->nwarnings = r.n;
	return rs;
}

enum status journal_probes(struct journal *j, int64_t session, size_t limit, bool warnings,
			   struct arena *a, struct journal_probe **out, size_t *n)
{
	JOURNAL_ROWS_KEYED(t, struct journal_probe, session, COL(INT64, id), COL(TEXT, time),
			   COL(TEXT, operator_name), COL(TEXT, host), COL(TEXT_NULL, leader),
			   COL(SIZE, masters), COL(SIZE, masters_answered), COL(SIZE, agents));
	sqlite3_stmt *st = journal_stmt(j, Q_PROBES);
	struct journal_rows r = { .a = a, .table = &t, .key = session };
	enum status rs = ST_OK;
	int rc;

	*out = NULL;
	*n = 0;
	journal_bind_int64(j, st, 1, session);
	journal_bind_int64(j, st, 2, 0);
	journal_bind_int64(j, st, 3, limit ? (int64_t)limit : -1);
	while ((rc = journal_step(j, st)) == SQLITE_ROW) {
		if (!journal_table_row(st, &r)) {
			sqlite3_reset(st);
			return ST_NOMEM;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the probes");
	*out = r.v;
	*n = r.n;
	for (size_t i = 0; warnings && i < r.n && rs == ST_OK; i++)
		rs = probe_warnings(j, a, &(*out)[i]);
	return rs;
}

enum status journal_probe_latest(struct journal *j, int64_t session, struct arena *a,
				 struct journal_probe *out, bool *found)
{
	JOURNAL_ROWS(t, struct journal_probe_host, COL(TEXT, role), COL(TEXT, host),
		     COL(TEXT_NULL, url), COL(TEXT_NULL, version), COL(BOOL, active),
		     COL(BOOL, recovered), COL(BOOL, reachable), COL(BOOL, leader),
		     COL(TEXT_NULL, error));
	struct journal_probe *p;
	struct journal_rows r = { .a = a, .table = &t };
	enum status rs;
	size_t n;

	memset(out, 0, sizeof(*out));
	*found = false;
	rs = journal_probes(j, session, 1, true, a, &p, &n);
	if (rs != ST_OK || n == 0)
		return rs;
	*out = p[0];
	rs = journal_each_row(j, Q_PROBE_HOSTS, out->id, "reading the probes", journal_table_row,
			      &r);
	out->hosts = r.v;
	out->nhosts = r.n;
	*found = rs == ST_OK;
	return rs;
}

enum status journal_evidence_add(struct journal *j, const struct journal_evidence *e)
{
	return journal_insert(j, Q_EVIDENCE_ADD, "recording the evidence", "iitt", e->event,
			      e->probe, e->version, e->source);
}

enum status journal_evidence(struct journal *j, int64_t session, struct arena *a,
			     struct journal_evidence **out, size_t *n)
{
	JOURNAL_ROWS(t, struct journal_evidence, COL(INT64, event), COL(INT64, probe),
		     COL(TEXT, version), COL(TEXT, observed), COL(TEXT, source));

	return journal_read_table(j, Q_EVIDENCE, session, "reading the evidence", &t, a, out, n);
}

/* The names the journal keeps of the changes (its CHECK allows these only). */
static const char *const change_names[] = {
	[JOURNAL_CLOSE] = "close", [JOURNAL_REOPEN] = "reopen", [JOURNAL_TITLE] = "title",
};

enum status journal_change_add(struct journal *j, const struct journal_change *c)
{
	return journal_insert(j, Q_CHANGE_ADD, "recording the change", "ittttt", c->session,
			      change_names[c->action], c->operator_name, c->host, c->time,
			      c->text);
}

enum status journal_change_latest(struct journal *j, int64_t session,
				  enum journal_change_action action1,
				  enum journal_change_action action2, struct arena *a,
				  struct journal_change *out, bool *found)
{
	sqlite3_stmt *st = journal_stmt(j, Q_CHANGE_LATEST);
	const unsigned char *name = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = false;
	journal_bind_int64(j, st, 1, session);
	journal_bind_text(j, st, 2, change_names[action1]);
	journal_bind_text(j, st, 3, change_names[action2]);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->session = session;
		/* one of the two asked for, by the query */
		name = sqlite3_column_text(st, 1);
		out->action = name && !strcmp((const char *)name, change_names[action2]) ? action2
											 : action1;
		out->operator_name = journal_col_text(st, 2, a);
		out->host = journal_col_text(st, 3, a);
		out->time = journal_col_text(st, 4, a);
		out->text = journal_col_text(st, 5, a);
		*found = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail_on(j, rc, "reading the session's changes");
	if (*found && (!name || !out->operator_name || !out->host || !out->time || !out->text))
		return ST_NOMEM;
	return ST_OK;
}
