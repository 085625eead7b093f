/*
 * journal.c - the journal's prepared statements (see journal.h; their SQL is
 * journal_queries.c, opening journal_open.c, the schema journal_schema.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "event.h"
#include "journal_private.h"

/* Statement @q prepared, once: SQLite's code. */
static int prepare(struct journal *j, enum query q)
{
	if (j->q[q])
		return SQLITE_OK;
	return sqlite3_prepare_v3(j->db, journal_queries[q], -1, SQLITE_PREPARE_PERSISTENT, &j->q[q], NULL);
}

/*
 * The transaction's statements at once (a rollback must not wait on memory);
 * each other one when first used (journal_stmt()): a command uses a few of
 * the ninety, and preparing them all was a tenth of a check-off's work.
 */
enum status journal_prepare(struct journal *j, struct strbuf *err)
{
	static const enum query now[] = { Q_BEGIN, Q_COMMIT, Q_ROLLBACK };

	for (size_t i = 0; i < sizeof(now) / sizeof(*now); i++) {
		int rc = prepare(j, now[i]);
		if (rc != SQLITE_OK)
			return journal_fail(err, j->path, j->db, rc, "reading");
	}
	return ST_OK;
}

void journal_close(struct journal **jp)
{
	struct journal *j = *jp;

	if (!j)
		return;
	for (int q = 0; q < Q_COUNT; q++)
		sqlite3_finalize(j->q[q]);
	sqlite3_close(j->db);
	strbuf_release(&j->err);
	free(j->path);
	free(j);
	*jp = NULL;
}

/* ---- statements -------------------------------------------------------- */

sqlite3_stmt *journal_stmt(struct journal *j, enum query q)
{
	/* one that cannot be prepared: its binds fail harmlessly on NULL, and
	 * journal_step() answers with why */
	j->bind_rc = prepare(j, q);
	if (j->q[q]) {
		sqlite3_reset(j->q[q]);
		sqlite3_clear_bindings(j->q[q]); /* (which a NULL statement would crash) */
	}
	return j->q[q];
}

static void bind_rc(struct journal *j, int rc)
{
	if (rc != SQLITE_OK && j->bind_rc == SQLITE_OK)
		j->bind_rc = rc;
}

void journal_bind_text(struct journal *j, sqlite3_stmt *st, int i, const char *s)
{
	bind_rc(j, sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC));
}

void journal_bind_text_or_null(struct journal *j, sqlite3_stmt *st, int i, const char *s)
{
	bind_rc(j, s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i));
}

void journal_bind_int64(struct journal *j, sqlite3_stmt *st, int i, int64_t v)
{
	bind_rc(j, sqlite3_bind_int64(st, i, (sqlite3_int64)v));
}

void journal_bind_blob(struct journal *j, sqlite3_stmt *st, int i, const void *p, size_t n)
{
	bind_rc(j, sqlite3_bind_blob64(st, i, p, (sqlite3_uint64)n, SQLITE_STATIC));
}

int journal_step(struct journal *j, sqlite3_stmt *st)
{
	return j->bind_rc != SQLITE_OK ? j->bind_rc : sqlite3_step(st);
}

const char *journal_col_text(sqlite3_stmt *st, int i, struct arena *a)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	int n = sqlite3_column_bytes(st, i);

	if (!s && sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM)
		return NULL;
	return arena_strndup(a, s ? (const char *)s : "", s ? (size_t)n : 0);
}

/* A row that could not be read: out of memory, or a damaged page (an unknown action). */
enum status journal_row_fail(struct journal *j, enum status rs)
{
	strbuf_reset(&j->err);
	if (rs == ST_NOMEM)
		strbuf_adds(&j->err, "out of memory while reading the journal");
	else
		strbuf_addf(&j->err, "journal %s is corrupt (an event with an unknown action); it "
			    "was not changed", j->path);
	return rs;
}

enum status journal_run(struct journal *j, enum query q, const char *doing)
{
	int rc = journal_step(j, j->q[q]);

	sqlite3_reset(j->q[q]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return journal_fail_on(j, rc, doing);
	return ST_OK;
}

enum status journal_insert(struct journal *j, enum query q, const char *doing, const char *fmt, ...)
{
	sqlite3_stmt *st = journal_stmt(j, q);
	va_list ap;

	va_start(ap, fmt);
	for (int i = 1; fmt[i - 1]; i++) {
		switch (fmt[i - 1]) {
		case 'i': journal_bind_int64(j, st, i, va_arg(ap, int64_t)); break;
		case 't': journal_bind_text(j, st, i, va_arg(ap, const char *)); break;
		default: journal_bind_text_or_null(j, st, i, va_arg(ap, const char *)); break;
		}
	}
	va_end(ap);
	return journal_run(j, q, doing);
}

enum status journal_each_bound(struct journal *j, sqlite3_stmt *st, const char *doing,
			       bool (*row)(sqlite3_stmt *st, void *ctx), void *ctx)
{
	int rc;

	while ((rc = journal_step(j, st)) == SQLITE_ROW) {
		if (!row(st, ctx)) {
			sqlite3_reset(st);
			return journal_row_fail(j, ST_NOMEM);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return journal_fail_on(j, rc, doing);
	return ST_OK;
}

enum status journal_each_row(struct journal *j, enum query q, int64_t key, const char *doing,
			    bool (*row)(sqlite3_stmt *st, void *ctx), void *ctx)
{
	sqlite3_stmt *st = journal_stmt(j, q);

	journal_bind_int64(j, st, 1, key);
	return journal_each_bound(j, st, doing, row, ctx);
}

/* journal_first_text's row: the first column as text in the arena. */
struct text_row {
	struct arena *a;
	const char **out;
};

static bool text_row(sqlite3_stmt *st, void *ctx)
{
	struct text_row *t = ctx;

	return (*t->out = journal_col_text(st, 0, t->a)) != NULL;
}

enum status journal_first_text(struct journal *j, enum query q, int64_t key, const char *doing,
			       struct arena *a, const char **out)
{
	struct text_row t = { a, out };

	*out = "";
	return journal_each_row(j, q, key, doing, text_row, &t);
}

/* journal_first_count's row: the first column as a count. */
static bool count_row(sqlite3_stmt *st, void *ctx)
{
	*(size_t *)ctx = (size_t)sqlite3_column_int64(st, 0);
	return true;
}

bool journal_scan_cache(struct journal *j, int kib, int64_t *was)
{
	char sql[64];

	if (kib && journal_pragma_int(j->db, "PRAGMA cache_size", was) != SQLITE_OK)
		return false;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", kib ? -(long long)kib : (long long)*was);
	return journal_exec(j->db, sql) == SQLITE_OK;
}

enum status journal_first_count(struct journal *j, enum query q, int64_t key, const char *doing,
				size_t *n)
{
	*n = 0;
	return journal_each_row(j, q, key, doing, count_row, n);
}

void *journal_rows_next(struct journal_rows *r, size_t size)
{
	char *p = arena_grow(r->a, r->v, r->n, &r->cap, size, 16);

	if (!p)
		return NULL;
	r->v = p;
	p += size * r->n++;
	memset(p, 0, size);
	return p;
}

enum status journal_begin(struct journal *j)
{
	if (j->readonly) {
		strbuf_reset(&j->err);
		strbuf_addf(&j->err, "journal %s is read-only; nothing was recorded", j->path);
		return ST_IOERR;
	}
	{
		/*
		 * A journal deleted or replaced while open would take every later
		 * check-off into a file nobody will ever read again: refuse instead.
		 */
		struct stat sb;
		if (stat(j->path, &sb) != 0 || sb.st_dev != j->dev || sb.st_ino != j->ino) {
			strbuf_reset(&j->err);
			strbuf_addf(&j->err, "journal %s was deleted or replaced while in use; "
				    "nothing was recorded (open it again to go on)", j->path);
			return ST_IOERR;
		}
		/* made read-only while open (chmod a-w): the owner's word, for root too */
		if (!(sb.st_mode & S_IWUSR)) {
			strbuf_reset(&j->err);
			strbuf_addf(&j->err, "journal %s was made read-only; nothing was recorded",
				    j->path);
			return ST_IOERR;
		}
	}
	journal_stmt(j, Q_BEGIN);
	return journal_run(j, Q_BEGIN, "waiting to write");
}

enum status journal_commit(struct journal *j)
{
	enum status st;

	journal_stmt(j, Q_COMMIT);
	st = journal_run(j, Q_COMMIT, "committing");
	if (st != ST_OK)
		journal_rollback(j);
	return st;
}

enum status journal_end(struct journal *j, enum status st)
{
	if (st == ST_OK)
		return journal_commit(j);
	journal_rollback(j);
	return st;
}

void journal_rollback(struct journal *j)
{
	if (sqlite3_get_autocommit(j->db))
		return;
	journal_stmt(j, Q_ROLLBACK);
	sqlite3_step(j->q[Q_ROLLBACK]);
	sqlite3_reset(j->q[Q_ROLLBACK]);
}

enum status journal_session_add(struct journal *j, const struct journal_session *s,
				const struct journal_item *items, size_t nitems, int64_t *id)
{
	enum status rs = journal_insert(j, Q_SESSION_ADD, "recording the session", "tttttttt",
					s->from, s->to, s->title, s->operator_name, s->host,
					s->created, s->content_digest, s->content_version);

	if (rs != ST_OK)
		return rs;
	*id = sqlite3_last_insert_rowid(j->db);
	for (size_t i = 0; i < nitems && rs == ST_OK; i++)
		rs = journal_insert(j, Q_ITEM_ADD, "recording the session", "iittt", *id,
				    (int64_t)i, items[i].id, items[i].kind, items[i].digest);
	if (rs == ST_OK)
		rs = journal_insert(j, Q_HOST_COUNTS_ADD, "recording the session", "i", *id);
	if (rs == ST_OK)
		rs = journal_insert(j, Q_CONTENT_ADD, "recording the session", "in", *id,
				    s->content_dir);
	return rs;
}

enum status journal_item_append(struct journal *j, int64_t session, const struct journal_item *it)
{
	const char *at = strchr(it->id, '@');
	enum status rs = journal_insert(j, Q_ITEM_APPEND, "recording a new item", "ittt", session,
					it->id, it->kind, it->digest);
	char *step;

	if (rs != ST_OK || !at)
		return rs;
	/* a host's item: its step counts one host more (host_counts) */
	if (!(step = strndup(it->id, (size_t)(at - it->id))))
		return journal_row_fail(j, ST_NOMEM);
	rs = journal_insert(j, Q_HOST_COUNT_ONE_MORE, "recording a new item", "it", session, step);
	free(step);
	return rs;
}

enum status journal_session_get(struct journal *j, int64_t id, struct arena *a,
				struct journal_session *out, bool *found)
{
	sqlite3_stmt *st = journal_stmt(j, Q_SESSION_GET);
	enum status rs = ST_OK;
	int rc;

	*found = false;
	journal_bind_int64(j, st, 1, id);
	rc = journal_step(j, st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->from = journal_col_text(st, 1, a);
		out->to = journal_col_text(st, 2, a);
		out->title = journal_col_text(st, 3, a);
		out->operator_name = journal_col_text(st, 4, a);
		out->host = journal_col_text(st, 5, a);
		out->created = journal_col_text(st, 6, a);
		out->content_digest = journal_col_text(st, 7, a);
		out->content_version = journal_col_text(st, 8, a);
		out->content_dir = NULL;
		out->content_recorded = sqlite3_column_int(st, 10) != 0;
		if (sqlite3_column_type(st, 9) != SQLITE_NULL &&
		    !(out->content_dir = journal_col_text(st, 9, a)))
			rs = journal_row_fail(j, ST_NOMEM);
		if (!out->from || !out->to || !out->title || !out->operator_name || !out->host ||
		    !out->created || !out->content_digest || !out->content_version)
			rs = journal_row_fail(j, ST_NOMEM);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		rs = journal_fail_on(j, rc, "reading the session");
	}
	sqlite3_reset(st);
	/* "no such session" must not be a damaged page speaking: the table is small */
	if (rs == ST_OK && !*found)
		rs = journal_quick_check(j, "sessions");
	return rs;
}

enum status journal_session_ids(struct journal *j, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = journal_stmt(j, Q_SESSION_IDS);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	while ((rc = journal_step(j, st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			int64_t *p = realloc(*ids, ncap * sizeof(*p));
			if (!p) {
				sqlite3_reset(st);
				return ST_NOMEM;
			}
			*ids = p;
			cap = ncap;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return journal_fail_on(j, rc, "listing sessions");
	}
	return ST_OK;
}

enum status journal_data_version(struct journal *j, int64_t *v)
{
	sqlite3_stmt *st = journal_stmt(j, Q_DATA_VERSION);
	int rc = journal_step(j, st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return journal_fail_on(j, rc, "reading");
	return ST_OK;
}



