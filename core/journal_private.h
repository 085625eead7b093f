/*
 * journal_private.h - what the journal's own files share (core/journal*.c);
 * nothing outside them includes it. See journal.h for the contract.
 *
 *   journal_schema.c  the schema: migrations, the tables each version has
 *   journal_open.c    paths, creating, opening, checking the file
 *   journal.c         the prepared statements and every query
 */
#ifndef MU_JOURNAL_PRIVATE_H
#define MU_JOURNAL_PRIVATE_H

#include <sys/types.h>

#include <sqlite3.h>

#include "journal.h"

enum query {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
	Q_SESSION_ADD, Q_ITEM_ADD, Q_ITEM_APPEND, Q_HOST_ADD, Q_HOSTS, Q_SESSION_GET, Q_SESSION_IDS,
	Q_EVENT_ADD, Q_ITEM_STATES, Q_ITEM_STATES_LIGHT, Q_ITEM_STATE_ONE,
	Q_EVENTS_ALL, Q_EVENTS_ALL_DESC, Q_EVENTS_ITEM, Q_EVENTS_ITEM_DESC,
	Q_LAST_ACTIVITY, Q_DATA_VERSION,
	Q_COUNT
};

struct journal {
	sqlite3 *db;
	char *path;
	bool readonly;
	dev_t dev;        /* the file opened: a write checks the path still names it */
	ino_t ino;
	int bind_rc;      /* the first failed bind since stmt(), SQLITE_OK when none */
	struct strbuf err;
	sqlite3_stmt *q[Q_COUNT];
};

/* Turn an SQLite result into a status; append a one-line message about @path to @err. */
enum status journal_fail(struct strbuf *err, const char *path, sqlite3 *db, int rc,
			 const char *doing);
/* The same into j's own message (journal_error()). */
enum status journal_fail_on(struct journal *j, int rc, const char *doing);
int journal_exec(sqlite3 *db, const char *sql);
/* The first column of the first row of @sql, as an integer. */
int journal_pragma_int(sqlite3 *db, const char *sql, int64_t *v);
/* SQLite's quick_check of the whole file (@what "1") or of one table and its indexes. */
enum status journal_quick_check(struct journal *j, const char *what);

/* Bring the journal from user_version @from to this schema, a transaction per step. */
enum status journal_migrate(struct journal *j, int64_t from);
/* The schema of version @ver is whole: every table it should have is there. */
enum status journal_check_schema(struct journal *j, int64_t app, int64_t ver, int64_t objects,
				 struct strbuf *err);
/* Reading a journal of schema @ver without migrating it: later tables stand in, empty. */
int journal_add_stand_ins(sqlite3 *db, int64_t ver);

/* Prepare every statement of journal.c. */
enum status journal_prepare(struct journal *j, struct strbuf *err);

#endif
