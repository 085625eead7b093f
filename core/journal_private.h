/*
 * journal_private.h - what the journal's own files share (core/journal*.c);
 * nothing outside them includes it. See journal.h for the contract.
 *
 *   journal_schema.c  the schema: migrations, the tables each version has
 *   journal_open.c    paths, creating, opening, checking the file
 *   journal.c         the prepared statements, the queries of sessions and hosts
 *   journal_events.c  the events, and each item's latest state
 *   journal_cluster.c the queries of a session's cluster: masters, probes, evidence
 *   journal_hosts.c   the inventory read, excluded hosts, hosts added to it, the window's end
 *   journal_counts.c  the per-host steps' counts, and some hosts of an inventory
 *   journal_complete.c the ids a completion script asks for, by a prefix (its own statements)
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
	Q_MASTER_ADD, Q_MASTERS, Q_CLUSTER_ADD, Q_CLUSTER_GET,
	Q_PROBE_ADD, Q_PROBE_HOST_ADD, Q_PROBE_WARNING_ADD, Q_PROBES, Q_PROBE_HOSTS,
	Q_PROBE_WARNINGS, Q_EVIDENCE_ADD, Q_EVIDENCE, Q_CHANGE_ADD, Q_CHANGE_LATEST,
	Q_HOST_APPEND, Q_EXCLUSION_ADD, Q_EXCLUSIONS, Q_EVENT_EXCLUSION_ADD, Q_EXCLUSION_EVENTS, Q_EXCLUSION_STANDING,
	Q_EDIT_ADD, Q_ADDED_HOST_ADD, Q_WHOLE_STEP_ADD, Q_WHOLE_STEPS, Q_EDITS, Q_WINDOW_ADD, Q_WINDOW_GET,
	Q_CONTENT_ADD, Q_HOST_COUNTS, Q_PLAN_STATES, Q_HOST_COUNTS_ADD, Q_HOST_COUNT_ONE_MORE, Q_ITEM_STATE_LIGHT_ONE, Q_ITEM_STATES_RANGE, Q_ITEM_TOTAL,
	Q_EVENT_ONE, Q_HOP_FIRSTS, Q_STAMP, Q_EVENTS_SINCE, Q_PENDING_HOSTS, Q_HOST_ITEM_HOLDING, Q_HOSTS_HOLDING, Q_HOST_GROUPS,
	Q_HOSTS_MASTERS, Q_HOST_NAMED, Q_HOST_ITEMS_LEAN, Q_HOSTS_FIRST, Q_HOSTS_ADDED, Q_HOSTS_PACKED, Q_HOST_SPAN, Q_HOST_SPAN_KEPT, Q_AGENTS_PACKED_ADD, Q_AGENTS_PACKED, Q_AGENTS_SPAN, Q_COUNT
};
/* The SQL of each (journal_queries.c). */
extern const char *const journal_queries[Q_COUNT];

struct journal {
	sqlite3 *db;
	char *path;
	bool readonly;
	int64_t schema;   /* the schema of the file as this connection reads it */
	dev_t dev;        /* the file opened: a write checks the path still names it */
	ino_t ino;
	bool file_fixed;  /* the path named that file before the connection opened it too */
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

/* The SQLite connection to j->path (journal_open.c), read-write or read-only; a failure said in @err. */
enum status journal_connect(struct journal *j, bool writable, struct strbuf *err);
/* Bring the journal from user_version @from to this schema, a transaction per step. */
enum status journal_migrate(struct journal *j, int64_t from);
/* The schema of version @ver is whole: every table it should have is there. */
enum status journal_check_schema(struct journal *j, int64_t app, int64_t ver, int64_t objects,
				 struct strbuf *err);
/* Reading a journal of schema @ver without migrating it: later tables stand in, empty. */
int journal_add_stand_ins(sqlite3 *db, int64_t ver);

/*
 * Statements. journal_stmt() prepares statement @q when first asked for
 * (a failure kept as a bind's, below), resets it and clears its bindings
 * and the failure of the last binds; each journal_bind_*() keeps the first
 * failure in j->bind_rc, and journal_step() returns it instead of running
 * the statement with a value missing. journal_run() steps a statement that
 * returns no row and resets it; a failure becomes the journal's message
 * ("... while @doing").
 */
sqlite3_stmt *journal_stmt(struct journal *j, enum query q);
void journal_bind_text(struct journal *j, sqlite3_stmt *st, int i, const char *s);
/* NULL binds SQL NULL (journal_bind_text() binds it as "") */
void journal_bind_text_or_null(struct journal *j, sqlite3_stmt *st, int i, const char *s);
void journal_bind_int64(struct journal *j, sqlite3_stmt *st, int i, int64_t v);
/* @n bytes at @p, which outlive the statement's step (SQLITE_STATIC) */
void journal_bind_blob(struct journal *j, sqlite3_stmt *st, int i, const void *p, size_t n);
int journal_step(struct journal *j, sqlite3_stmt *st);
enum status journal_run(struct journal *j, enum query q, const char *doing);
/*
 * Statement @q with the values of @fmt bound from 1, run: 'i' an int64_t,
 * 't' a text (NULL as ""), 'n' a text or SQL NULL. The status of journal_run().
 */
enum status journal_insert(struct journal *j, enum query q, const char *doing, const char *fmt, ...);
/*
 * Column @i's text copied into @a; NULL when memory runs out (SQLite's or
 * the arena's), which the caller reports. A NULL column reads as "".
 */
const char *journal_col_text(sqlite3_stmt *st, int i, struct arena *a);

/*
 * How each column of a row is read into its struct (journal_read_table()):
 * text (a NULL column reads as ""), text or NULL, a number, a count, a flag,
 * a host's role (text, "master" and "agent" not copied: one for every row).
 */
enum journal_col_kind { JC_TEXT, JC_TEXT_NULL, JC_INT64, JC_SIZE, JC_BOOL, JC_ROLE };
struct journal_col {
	enum journal_col_kind kind;
	size_t offset;               /* the field it goes to, in the struct */
};
/*
 * A kind of row: the size of its struct and where each column goes, column
 * i to cols[i]; and where the key the query was run for goes, if @keyed
 * (made by JOURNAL_ROWS()).
 */
struct journal_table {
	size_t size;
	size_t ncols;
	const struct journal_col *cols;
	bool keyed;
	size_t key_offset;
};
/*
 * In a function's body: the table @t of the rows of @type (with its key
 * going to the field @key: JOURNAL_ROWS_KEYED), column i read into the
 * field the i-th COL(kind, member) names.
 */
#define JOURNAL_ROWS(t, type, ...) JOURNAL_ROWS_(t, type, false, 0, __VA_ARGS__)
#define JOURNAL_ROWS_KEYED(t, type, key, ...) \
	JOURNAL_ROWS_(t, type, true, offsetof(type, key), __VA_ARGS__)
#define JOURNAL_ROWS_(t, type, keyed, key_offset, ...)                                    \
	typedef type row;                                                                  \
	static const struct journal_col t##_cols[] = { __VA_ARGS__ };                     \
	static const struct journal_table t = {                                            \
		sizeof(row), sizeof(t##_cols) / sizeof(*t##_cols), t##_cols, keyed, key_offset \
	}
#define COL(kind, member) { JC_##kind, offsetof(row, member) }
/* Rows of Q_HOSTS, Q_HOSTS_MASTERS, Q_HOST_NAMED (role, host, leader, from_hop). */
extern const struct journal_table journal_host_table;
/* Rows of one text column, into an array of strings. */
extern const struct journal_table journal_text_table;

/* A growing array in an arena, filled row by row (journal_each_row()'s callbacks). */
struct journal_rows {
	struct arena *a;
	void *v;
	size_t n, cap;
	const struct journal_table *table; /* journal_table_row()'s */
	int64_t key;                       /* the key the rows were read for */
};
/* Room for one more element of @size at the end of @r, zeroed; NULL when memory runs out. */
void *journal_rows_next(struct journal_rows *r, size_t size);
/*
 * Run the one-parameter query @q for @key and hand each row to @row; a
 * false from @row is out of memory. @doing names the reading in messages.
 */
enum status journal_each_row(struct journal *j, enum query q, int64_t key, const char *doing,
			     bool (*row)(sqlite3_stmt *st, void *ctx), void *ctx);
/* The same of the statement @st, its parameters bound. */
enum status journal_each_bound(struct journal *j, sqlite3_stmt *st, const char *doing,
			       bool (*row)(sqlite3_stmt *st, void *ctx), void *ctx);
/* An event from columns @c.. of @st; *has false when they are NULL (no event). */
enum status journal_col_event(sqlite3_stmt *st, int c, struct arena *a, struct journal_event *e,
			      bool *has);
/* A row of ITEM_STATES (journal.c): an item with its last state, choice and note events. */
enum status journal_col_item_state(sqlite3_stmt *st, struct arena *a,
				   struct journal_item_state *p);
/*
 * The first column of the first row of @q (@key bound) as text in @a, ""
 * when there is no row; or as a count, 0 when there is none.
 */
enum status journal_first_text(struct journal *j, enum query q, int64_t key, const char *doing,
			       struct arena *a, const char **out);
enum status journal_first_count(struct journal *j, enum query q, int64_t key, const char *doing,
				size_t *n);
/*
 * journal_each_row() into a new array in @a of rows read as table @t says:
 * *(T **)@out and *@n (NULL and 0 when it fails).
 */
enum status journal_read_table(struct journal *j, enum query q, int64_t key, const char *doing,
			       const struct journal_table *t, struct arena *a, void *out,
			       size_t *n);
/* One row of @st into the array @ctx (journal_rows, its table set); false: out of memory. */
bool journal_table_row(sqlite3_stmt *st, void *ctx);
/*
 * Every row of @st (its parameters bound), an item with its states as
 * ITEM_STATES (journal_events.c) or, @light, Q_ITEM_STATES_LIGHT selects
 * them, into a new array in @a (*@out, *@n).
 */
enum status journal_read_states(struct journal *j, sqlite3_stmt *st, bool light, struct arena *a,
				struct journal_item_state **out, size_t *n);
/* A row of Q_ITEM_STATES_LIGHT (item, state, forced, branch) into @p. */
enum status journal_col_item_state_light(sqlite3_stmt *st, struct arena *a,
					 struct journal_item_state *p);
/*
 * Hand @fn each event @st reads (its statement bound), as journal_events()
 * says; @session 0: of EVENT_COLS, else of a timeline's columns
 * (journal_timeline.c), every row @session's, without its digest.
 */
enum status journal_each_event(struct journal *j, sqlite3_stmt *st, int64_t session,
			       bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);
/* A row that could not be read (@rs) as the journal's message. */
enum status journal_row_fail(struct journal *j, enum status rs);

/* Prepare the transaction's statements of journal.c (the others when first used). */
enum status journal_prepare(struct journal *j, struct strbuf *err);

#endif
