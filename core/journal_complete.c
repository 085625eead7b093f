/*
 * journal_complete.c - the ids a completion script asks for: a session's
 * items, its hosts, the hosts it excludes now, and the session ids, that
 * start with a prefix (see journal.h).
 *
 * A prefix is a range of the index: "ab" is every id >= "ab" and < "ac",
 * so a prefix of one hop among 330,000 items reads only that hop's rows.
 * Nothing of the session is loaded, and these statements are prepared
 * here, not at journal_open(): no other command pays for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_private.h"

/*
 * Each query twice: bounded above (?3, the first id past the prefix), and
 * not, for a prefix that has no such id ("" or bytes 0xFF only). ?1 is the
 * session, ?2 the prefix; the rows come sorted bytewise, each once.
 */
#define ITEMS "SELECT item FROM session_items WHERE session = ?1 AND item >= ?2"
/* the hosts "edit --inventory" added are in session_hosts too; added_hosts is read all the same */
#define HOSTS(upper) \
	"SELECT host FROM session_hosts WHERE session = ?1" \
	" AND role IN ('agent', 'master') AND host >= ?2" upper \
	" UNION SELECT host FROM added_hosts WHERE session = ?1" \
	" AND role IN ('agent', 'master') AND host >= ?2" upper " ORDER BY 1"
/* a host is excluded now when its latest exclusion or inclusion excludes it */
#define EXCLUDED(upper) \
	"SELECT DISTINCT target FROM exclusions x WHERE session = ?1 AND action = 'exclude'" \
	" AND target >= ?2" upper " AND NOT EXISTS (SELECT 1 FROM exclusions y" \
	"  WHERE y.session = x.session AND y.role = x.role AND y.target = x.target" \
	"  AND y.id > x.id) ORDER BY 1"

static const char *const queries[][2] = {
	[JOURNAL_COMPLETE_ITEMS] = { ITEMS " ORDER BY item", ITEMS " AND item < ?3 ORDER BY item" },
	[JOURNAL_COMPLETE_HOSTS] = { HOSTS(""), HOSTS(" AND host < ?3") },
	[JOURNAL_COMPLETE_EXCLUDED] = { EXCLUDED(""), EXCLUDED(" AND target < ?3") },
};

bool journal_prefix_end(const char *prefix, struct strbuf *end)
{
	size_t n = strlen(prefix);

	/* "a\xff\xff" ends before "b": the bytes 0xFF at its end have nothing after them */
	while (n && (unsigned char)prefix[n - 1] == 0xFF)
		n--;
	strbuf_reset(end);
	if (!n)
		return false;
	strbuf_add(end, prefix, n);
	if (!strbuf_failed(end))
		end->buf[n - 1] = (char)((unsigned char)end->buf[n - 1] + 1);
	return true;
}

/* Prepare @sql on @j's connection into *@st; a failure said in journal_error(). */
static enum status prepare(struct journal *j, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(j->db, sql, -1, st, NULL);

	return rc == SQLITE_OK ? ST_OK : journal_fail_on(j, rc, "reading");
}

/* Step @st, handing each row's first column to @fn; @fn's false stops it. */
static enum status each(struct journal *j, sqlite3_stmt *st, journal_complete_fn *fn, void *ctx)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (!id)
			return journal_fail_on(j, SQLITE_NOMEM, "reading");
		if (!fn(ctx, id, (size_t)sqlite3_column_bytes(st, 0)))
			return ST_OK;
	}
	return rc == SQLITE_DONE ? ST_OK : journal_fail_on(j, rc, "reading");
}

/* Whether session @session is in @j, into *@found. */
static enum status session_exists(struct journal *j, int64_t session, bool *found)
{
	sqlite3_stmt *st = NULL;
	enum status rs = prepare(j, "SELECT 1 FROM sessions WHERE id = ?1", &st);
	int rc = SQLITE_OK;

	*found = false;
	if (rs == ST_OK && (rc = sqlite3_bind_int64(st, 1, session)) == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rs == ST_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		rs = journal_fail_on(j, rc, "reading the session");
	*found = rs == ST_OK && rc == SQLITE_ROW;
	sqlite3_finalize(st);
	/* "no such session" must not be a damaged page speaking: the table is small */
	if (rs == ST_OK && !*found)
		rs = journal_quick_check(j, "sessions");
	return rs;
}

enum status journal_complete(struct journal *j, enum journal_complete_what what, int64_t session,
			     const char *prefix, journal_complete_fn *fn, void *ctx, bool *found)
{
	struct strbuf end = STRBUF_INIT;
	bool bounded = journal_prefix_end(prefix, &end);
	sqlite3_stmt *st = NULL;
	enum status rs = session_exists(j, session, found);
	int rc = SQLITE_OK;

	if (rs != ST_OK || !*found)
		goto out;
	if (strbuf_failed(&end)) {
		rs = journal_fail_on(j, SQLITE_NOMEM, "reading");
		goto out;
	}
	rs = prepare(j, queries[what][bounded], &st);
	if (rs != ST_OK)
		goto out;
	/* as text, never as a blob: a text compares below every blob */
	rc = sqlite3_bind_int64(st, 1, session);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, prefix, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && bounded)
		rc = sqlite3_bind_text(st, 3, strbuf_str(&end), (int)end.len, SQLITE_STATIC);
	rs = rc == SQLITE_OK ? each(j, st, fn, ctx) : journal_fail_on(j, rc, "reading");
out:
	sqlite3_finalize(st);
	strbuf_release(&end);
	return rs;
}

enum status journal_complete_sessions(struct journal *j, const char *prefix,
				      journal_complete_fn *fn, void *ctx)
{
	sqlite3_stmt *st = NULL;
	enum status rs = prepare(j, "SELECT id FROM sessions ORDER BY id", &st);
	size_t plen = strlen(prefix);
	char id[24];
	int rc = SQLITE_ROW;

	/* a journal holds tens or hundreds of sessions: filtered here, not by an index */
	while (rs == ST_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = snprintf(id, sizeof(id), "%lld", (long long)sqlite3_column_int64(st, 0));
		if ((size_t)n >= plen && !memcmp(id, prefix, plen) && !fn(ctx, id, (size_t)n))
			break;
	}
	if (rs == ST_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		rs = journal_fail_on(j, rc, "reading the sessions");
	sqlite3_finalize(st);
	return rs;
}
