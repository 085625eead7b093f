/*
 * journal_twin.c - a second connection to a journal's file, for another
 * thread (see journal.h): a report reads its timeline on one while it
 * writes its plan from the other (report_spool.c).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "journal_private.h"

int64_t journal_schema(const struct journal *j)
{
	return j->schema;
}

/*
 * Whether j->path names the regular file @j opened, as it did before and
 * after @j's connection opened it: checked before it is opened again (a
 * FIFO put in its place would hold the open, and the report waiting for
 * the thread, for ever) and after (another file is not read as if it were).
 */
static bool still_there(const struct journal *j)
{
	struct stat sb;

	return j->file_fixed && lstat(j->path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       sb.st_dev == j->dev && sb.st_ino == j->ino;
}

static enum status no_longer(const struct journal *j, struct strbuf *err)
{
	strbuf_addf(err, "journal %s is no longer the file this command opened", j->path);
	return ST_IOERR;
}

/* Whether @t reads the file @j opened: its header as @j read it, its path still naming it. */
static enum status same_file(const struct journal *j, struct journal *t, struct strbuf *err)
{
	int64_t app = 0, ver = 0;
	int rc = journal_pragma_int(t->db, "PRAGMA application_id", &app);

	if (rc == SQLITE_OK)
		rc = journal_pragma_int(t->db, "PRAGMA user_version", &ver);
	if (rc != SQLITE_OK)
		return journal_fail(err, t->path, t->db, rc, "reading");
	if (app != JOURNAL_APPLICATION_ID || ver != j->schema || !still_there(j))
		return no_longer(j, err);
	return ST_OK;
}

enum status journal_open_twin(const struct journal *j, struct journal **out, struct strbuf *err)
{
	struct journal *t = NULL;
	enum status st;
	int rc;

	*out = NULL;
	if (!still_there(j))
		return no_longer(j, err);
	st = ST_NOMEM;
	if (!(t = calloc(1, sizeof(*t))) || !(t->path = strdup(j->path))) {
		strbuf_adds(err, "out of memory opening the journal again");
		goto out;
	}
	t->readonly = true;
	t->schema = j->schema;
	st = journal_connect(t, false, err);
	if (st == ST_OK)
		st = same_file(j, t, err);
	if (st != ST_OK)
		goto out;
	/* what @j reads of a later schema, @t reads the same way; and no write goes through @t */
	rc = journal_add_stand_ins(t->db, t->schema);
	if (rc == SQLITE_OK)
		rc = journal_exec(t->db, "PRAGMA query_only = 1");
	if (rc != SQLITE_OK)
		st = journal_fail(err, t->path, t->db, rc, "reading");
out:
	if (st != ST_OK)
		journal_close(&t);
	*out = t;
	return st;
}
