/*
 * test_journal.c - the SQLite journal (include/journal.h): creation and
 * permissions, schema and pragmas, append-only triggers, refusals of files
 * that are not ours (left byte for byte as they were), read-only journals,
 * locks, corruption, and the queries.
 *
 * Every test works in its own directory made with mkdtemp under /tmp, which
 * the teardown removes with everything in it (-wal and -shm included).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "helpers.h"
#include "journal.h"

struct fx {
	char dir[64];           /* a fresh directory */
	char path[128];         /* dir/journal.db, not created */
	struct journal *j;
	sqlite3 *raw;           /* a second connection, when a test opens one */
};

/* ---- fixture ----------------------------------------------------------- */

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/mu-test-journal-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/journal.db", f->dir);
	*state = f;
	return 0;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR) {
		chmod(path, 0700);
		rmdir(path);
		return 0;
	}
	unlink(path);
	return 0;
}

static int chmod_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)ftw;
	chmod(path, (flag == FTW_D || flag == FTW_DNR) ? 0700 : (sb->st_mode & 0777) | 0600);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f->raw)
		sqlite3_close(f->raw);
	journal_close(&f->j);
	nftw(f->dir, chmod_entry, 16, FTW_PHYS);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	*state = NULL;
	return 0;
}

/* ---- helpers ----------------------------------------------------------- */

static void open_ok(struct fx *f)
{
	enum status st = open_journal(f->path, JOURNAL_WRITE, &f->j);

	if (st != ST_OK)
		fail_msg("journal_open %s: status %d: %s", f->path, (int)st, journal_said);
	assert_non_null(f->j);
}

static void reopen(struct fx *f)
{
	journal_close(&f->j);
	assert_null(f->j);
	open_ok(f);
}

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
					 NULL),
			 SQLITE_OK);
	return db;
}

static int64_t raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *raw_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_non_null(v);
	return v;
}

/* Run @sql on @db expecting it to fail with a message containing @want. */
static void raw_refused(sqlite3 *db, const char *sql, const char *want)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc == SQLITE_OK)
		fail_msg("\"%s\" was allowed", sql);
	if (!msg || !strstr(msg, want))
		fail_msg("\"%s\" failed with \"%s\", expected a message with \"%s\"", sql,
			 msg ? msg : "(none)", want);
	sqlite3_free(msg);
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

struct bytes {
	unsigned char *data;
	size_t len;
};

static struct bytes slurp(const char *path)
{
	struct bytes b = { NULL, 0 };
	FILE *fp = fopen(path, "rb");
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	b.len = (size_t)n;
	b.data = malloc(b.len + 1);
	assert_non_null(b.data);
	assert_int_equal(fread(b.data, 1, b.len, fp), b.len);
	fclose(fp);
	return b;
}

static void assert_unchanged(const char *path, struct bytes before)
{
	struct bytes now = slurp(path);

	if (now.len != before.len || memcmp(now.data, before.data, now.len) != 0)
		fail_msg("%s was changed (%zu bytes before, %zu after)", path, before.len, now.len);
	free(now.data);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static bool exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static const struct journal_item ITEMS[] = {
	{ "0.1-0.2/note", "note", "d-note" },
	{ "0.1-0.2/s1", "step", "d-s1" },
	{ "0.1-0.2/s2", "step", "d-s2" },
};
#define NITEMS (sizeof(ITEMS) / sizeof(ITEMS[0]))

static int64_t add_session(struct journal *j, const char *title)
{
	struct journal_session s = {
		.from = "0.1", .to = "0.3", .title = title,
		.operator_name = "alice", .host = "bastion-1",
		.created = "2026-01-02T03:04:05Z",
		.content_digest = "c0ffee", .content_version = "1.0.0",
	};
	int64_t id = -1;

	assert_int_equal(journal_begin(j), ST_OK);
	assert_int_equal(journal_session_add(j, &s, ITEMS, NITEMS, &id), ST_OK);
	assert_int_equal(journal_commit(j), ST_OK);
	assert_true(id > 0);
	return id;
}

/* The action stored as @s (the tests name actions as the journal stores them). */
static enum event_action act(const char *s)
{
	enum event_action a = EVENT_NOTE;

	if (!event_action_parse(s, &a))
		fail_msg("'%s' is not an action", s);
	return a;
}
#define assert_action(a, name) assert_string_equal(event_action_name(a), name)

/* Append one event in its own transaction; returns its id. */
static int64_t add_event(struct journal *j, int64_t session, const char *item,
			 const char *action, const char *text, bool forced, const char *time)
{
	struct journal_event e = {
		.session = session, .item = item, .action = act(action),
		.operator_name = "bob", .host = "bastion-2", .time = time,
		.text = text, .forced = forced, .digest = "d",
	};
	int64_t id = -1;

	assert_int_equal(journal_begin(j), ST_OK);
	assert_int_equal(journal_event_add(j, &e, &id), ST_OK);
	assert_int_equal(journal_commit(j), ST_OK);
	assert_true(id > 0);
	return id;
}

/* Events seen by a journal_events callback. */
#define MAX_SEEN 64
struct seen {
	size_t n, stop_after;
	int64_t id[MAX_SEEN];
	char action[MAX_SEEN][16];
	char item[MAX_SEEN][32];
	char text[MAX_SEEN][64];
	char op[MAX_SEEN][16], host[MAX_SEEN][16], time[MAX_SEEN][24];
	bool forced[MAX_SEEN];
};

static bool collect(void *ctx, const struct journal_event *e)
{
	struct seen *s = ctx;

	if (s->n < MAX_SEEN) {
		s->id[s->n] = e->id;
		snprintf(s->action[s->n], sizeof(s->action[0]), "%s", event_action_name(e->action));
		snprintf(s->item[s->n], sizeof(s->item[0]), "%s", e->item);
		snprintf(s->text[s->n], sizeof(s->text[0]), "%s", e->text);
		snprintf(s->op[s->n], sizeof(s->op[0]), "%s", e->operator_name);
		snprintf(s->host[s->n], sizeof(s->host[0]), "%s", e->host);
		snprintf(s->time[s->n], sizeof(s->time[0]), "%s", e->time);
		s->forced[s->n] = e->forced;
	}
	s->n++;
	return !(s->stop_after && s->n >= s->stop_after);
}

/* ---- creation and schema ----------------------------------------------- */

static void test_open_creates_private_file(void **state)
{
	struct fx *f = *state;
	struct stat sb;

	assert_false(exists(f->path));
	open_ok(f);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_string_equal(journal_path(f->j), f->path);
}

static void test_open_make_dir(void **state)
{
	struct fx *f = *state;
	char a[160], b[160];
	struct stat sb;

	snprintf(a, sizeof(a), "%s/state", f->dir);
	snprintf(b, sizeof(b), "%s/state/mesos-upgrade", f->dir);
	snprintf(f->path, sizeof(f->path), "%s/state/mesos-upgrade/journal.db", f->dir);
	assert_int_equal(open_journal(f->path, JOURNAL_CREATE, &f->j), ST_OK);
	assert_non_null(f->j);
	assert_int_equal(stat(a, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(b, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* an existing directory is fine */
	journal_close(&f->j);
	assert_int_equal(open_journal(f->path, JOURNAL_CREATE, &f->j), ST_OK);
}

static void test_open_missing_dir_without_make_dir(void **state)
{
	struct fx *f = *state;

	snprintf(f->path, sizeof(f->path), "%s/missing/journal.db", f->dir);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_IOERR);
	assert_null(f->j);
	assert_true(journal_said[0] != '\0');
	assert_non_null(strstr(journal_said, f->path));
}

static void test_open_not_regular_file(void **state)
{
	struct fx *f = *state;

	assert_int_equal(mkdir(f->path, 0700), 0);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_DATAERR);
	assert_null(f->j);
	assert_non_null(strstr(journal_said, "not a regular file"));
}

/* An empty path is refused before anything is built from it (it once wrote past a buffer). */
static void test_open_empty_path(void **state)
{
	struct fx *f = *state;
	enum journal_mode modes[] = { JOURNAL_READ, JOURNAL_WRITE, JOURNAL_CREATE };

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		assert_int_equal(open_journal("", modes[i], &f->j), ST_USAGE);
		assert_null(f->j);
		assert_non_null(strstr(journal_said, "path is empty"));
	}
}

/* Reading never sets up a file: a missing journal stays missing, an empty one empty. */
static void test_open_read_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct stat sb;
	int fd;

	assert_int_equal(open_journal(f->path, JOURNAL_READ, &f->j), ST_USAGE);
	assert_null(f->j);
	assert_int_equal(stat(f->path, &sb), -1);
	fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(open_journal(f->path, JOURNAL_READ, &f->j), ST_USAGE);
	assert_non_null(strstr(journal_said, "no sessions yet"));
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
}

/* The journal's own connection, caught as SQLite opens it. */
static sqlite3 *caught_db;
static bool catching;

static int catch_db(sqlite3 *db, char **errmsg, const struct sqlite3_api_routines *api)
{
	(void)errmsg;
	(void)api;
	if (catching)
		caught_db = db;
	return SQLITE_OK;
}

static void test_schema_and_pragmas(void **state)
{
	struct fx *f = *state;
	char *mode;

	/* synchronous and foreign_keys are per connection: read them on the
	 * journal's own connection, caught by an auto-extension */
	caught_db = NULL;
	catching = true;
	assert_int_equal(sqlite3_auto_extension((void (*)(void))catch_db), SQLITE_OK);
	open_ok(f);
	catching = false;
	sqlite3_cancel_auto_extension((void (*)(void))catch_db);
	assert_non_null(caught_db);
	assert_int_equal(raw_int(caught_db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(raw_int(caught_db, "PRAGMA foreign_keys"), 1);

	/* the rest is in the file: read it on a separate connection */
	f->raw = raw_open(f->path);
	assert_int_equal(raw_int(f->raw, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
	assert_int_equal(raw_int(f->raw, "PRAGMA application_id"), JOURNAL_APPLICATION_ID);
	mode = raw_text(f->raw, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				 " AND name IN ('sessions', 'session_items', 'events')"),
			 3);
}

static void test_reopen(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct journal_session s;
	int64_t id, *ids = NULL;
	size_t n = 0;
	bool found = false;

	open_ok(f);
	id = add_session(f->j, "first");
	add_event(f->j, id, ITEMS[0].id, "ack", "", false, "2026-01-02T03:04:06Z");
	reopen(f);
	reopen(f); /* and again: opening an up-to-date journal changes nothing */
	assert_int_equal(journal_session_get(f->j, id, &a, &s, &found), ST_OK);
	assert_true(found);
	assert_int_equal(s.id, id);
	assert_string_equal(s.from, "0.1");
	assert_string_equal(s.to, "0.3");
	assert_string_equal(s.title, "first");
	assert_string_equal(s.operator_name, "alice");
	assert_string_equal(s.host, "bastion-1");
	assert_string_equal(s.created, "2026-01-02T03:04:05Z");
	assert_string_equal(s.content_digest, "c0ffee");
	assert_string_equal(s.content_version, "1.0.0");
	assert_int_equal(journal_session_get(f->j, id + 100, &a, &s, &found), ST_OK);
	assert_false(found);
	add_session(f->j, "second");
	assert_int_equal(journal_session_ids(f->j, &ids, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], id);
	assert_true(ids[1] > ids[0]);
	free(ids);
	f->raw = raw_open(f->path);
	assert_int_equal(raw_int(f->raw, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM events"), 1);
	arena_release(&a);
}

static void test_default_path(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *xdg = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;

	(void)state;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/home/op", 1);
	assert_true(journal_default_path(&sb));
	assert_string_equal(strbuf_str(&sb), "/x/state/mesos-upgrade/journal.db");
	strbuf_reset(&sb);
	setenv("XDG_STATE_HOME", "relative/state", 1); /* invalid: ignored */
	assert_true(journal_default_path(&sb));
	assert_string_equal(strbuf_str(&sb), "/home/op/.local/state/mesos-upgrade/journal.db");
	strbuf_reset(&sb);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_false(journal_default_path(&sb));
	if (home)
		setenv("HOME", home, 1);
	if (xdg)
		setenv("XDG_STATE_HOME", xdg, 1);
	free(home);
	free(xdg);
	strbuf_release(&sb);
}

/* ---- append-only ------------------------------------------------------- */

static void test_events_append_only(void **state)
{
	struct fx *f = *state;
	int64_t id;

	open_ok(f);
	id = add_session(f->j, "t");
	add_event(f->j, id, ITEMS[0].id, "ack", "", false, "2026-01-02T03:04:06Z");
	add_event(f->j, id, ITEMS[1].id, "done", "", false, "2026-01-02T03:04:07Z");
	f->raw = raw_open(f->path);
	raw_refused(f->raw, "UPDATE events SET action = 'undo'", "append-only");
	raw_refused(f->raw, "UPDATE events SET text = 'x' WHERE id = 1", "append-only");
	raw_refused(f->raw, "DELETE FROM events", "append-only");
	raw_refused(f->raw, "DELETE FROM events WHERE id = 2", "append-only");
	raw_refused(f->raw, "UPDATE session_items SET digest = 'x'", "fixed");
	raw_refused(f->raw, "DELETE FROM session_items", "fixed");
	raw_refused(f->raw, "DELETE FROM sessions", "never deleted");
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM events"), 2);
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM events WHERE action = 'undo'"), 0);
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM session_items"), NITEMS);
	/* the journal itself still appends */
	add_event(f->j, id, ITEMS[1].id, "undo", "", false, "2026-01-02T03:04:08Z");
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM events"), 3);
}

static void test_event_constraints(void **state)
{
	struct fx *f = *state;
	struct journal_event e = {
		.item = ITEMS[0].id, .action = EVENT_DONE, .operator_name = "bob",
		.host = "h", .time = "2026-01-02T03:04:06Z", .text = "", .digest = "d",
	};

	open_ok(f);
	e.session = add_session(f->j, "t");
	/* an action the program does not know is refused by the schema itself */
	f->raw = raw_open(f->path);
	raw_refused(f->raw, "INSERT INTO events (session, item, action, operator, host, time,"
		    " text, forced, digest) VALUES (1, '0.1-0.2/note', 'explode', 'b', 'h', 't', '',"
		    " 0, 'd')", "CHECK constraint failed");
	assert_int_equal(journal_begin(f->j), ST_OK);
	/* an item the session did not plan */
	e.item = "0.1-0.2/nope";
	assert_int_equal(journal_event_add(f->j, &e, NULL), ST_DATAERR);
	journal_rollback(f->j);
}

/* ---- refusals: the file is left as it was ------------------------------ */

static void test_refuse_text_file(void **state)
{
	struct fx *f = *state;
	struct bytes before;
	char text[8192];

	for (size_t i = 0; i + 64 < sizeof(text); i += 64)
		snprintf(text + i, 65, "%-63s\n", "this is a shopping list, not a journal");
	write_file(f->path, text, strlen(text));
	assert_int_equal(chmod(f->path, 0600), 0);
	before = slurp(f->path);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_DATAERR);
	assert_null(f->j);
	assert_non_null(strstr(journal_said, "not a mesos-upgrade journal"));
	assert_non_null(strstr(journal_said, f->path));
	assert_unchanged(f->path, before);
	assert_false(exists(strcat(strcpy(text, f->path), "-wal")));
	free(before.data);
}

static void test_refuse_other_sqlite(void **state)
{
	struct fx *f = *state;
	struct bytes before;

	f->raw = raw_open(f->path);
	raw_exec(f->raw, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
	sqlite3_close(f->raw);
	f->raw = NULL;
	before = slurp(f->path);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_DATAERR);
	assert_null(f->j);
	assert_non_null(strstr(journal_said, "not a mesos-upgrade journal"));
	assert_unchanged(f->path, before);
	f->raw = raw_open(f->path);
	assert_int_equal(raw_int(f->raw, "PRAGMA application_id"), 0);
	assert_int_equal(raw_int(f->raw, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM sqlite_master"), 1);
	free(before.data);
}

static void test_refuse_other_application_id(void **state)
{
	struct fx *f = *state;
	struct bytes before;

	/* an empty database that another application has claimed */
	f->raw = raw_open(f->path);
	raw_exec(f->raw, "PRAGMA application_id = 42");
	sqlite3_close(f->raw);
	f->raw = NULL;
	before = slurp(f->path);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_DATAERR);
	assert_null(f->j);
	assert_unchanged(f->path, before);
	free(before.data);
}

static void test_refuse_newer(void **state)
{
	struct fx *f = *state;
	struct bytes before;
	char sql[64];

	open_ok(f);
	add_session(f->j, "from the future");
	journal_close(&f->j);
	f->raw = raw_open(f->path);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", JOURNAL_SCHEMA_VERSION + 1);
	raw_exec(f->raw, sql);
	sqlite3_close(f->raw);
	f->raw = NULL;
	before = slurp(f->path);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_DATAERR);
	assert_null(f->j);
	assert_non_null(strstr(journal_said, "newer"));
	assert_unchanged(f->path, before);
	f->raw = raw_open(f->path);
	assert_int_equal(raw_int(f->raw, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION + 1);
	free(before.data);
}

/* journal.h: the failure said "after what @dl holds already", with its status */
static void test_open_error_appended(void **state)
{
	struct fx *f = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	static const char text[] = "not a database at all, just some words in a file\n";

	write_file(f->path, text, sizeof(text) - 1);
	diag_add(&dl, "", 0, 0, "context");
	assert_int_equal(journal_open(f->path, JOURNAL_WRITE, &f->j, &dl), ST_DATAERR);
	assert_int_equal(dl.count, 2);
	if (strcmp(dl.items[0].message, "context") != 0)
		fail_msg("journal_open replaced the caller's message instead of adding one: \"%s\"",
			 dl.items[0].message);
	assert_int_equal(dl.status, ST_DATAERR);
	assert_non_null(strstr(dl.items[1].message, "not a mesos-upgrade journal"));
	diag_list_release(&dl);
}

/* ---- read-only --------------------------------------------------------- */

static void test_read_only_file(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct journal_session s;
	struct journal_item_state *is = NULL;
	struct bytes before;
	size_t n = 0, count = 0;
	int64_t id;
	bool found = false;

	open_ok(f);
	id = add_session(f->j, "t");
	add_event(f->j, id, ITEMS[0].id, "ack", "", false, "2026-01-02T03:04:06Z");
	add_event(f->j, id, ITEMS[1].id, "done", "", false, "2026-01-02T03:04:07Z");
	journal_close(&f->j);
	assert_int_equal(chmod(f->path, 0444), 0);
	before = slurp(f->path);

	open_ok(f);
	assert_int_equal(journal_session_get(f->j, id, &a, &s, &found), ST_OK);
	assert_true(found);
	assert_string_equal(s.title, "t");
	assert_int_equal(journal_events(f->j, id, NULL, false, 0, count_cb, &count), ST_OK);
	assert_int_equal(count, 2);
	assert_int_equal(journal_item_states(f->j, id, false, &a, &is, &n), ST_OK);
	assert_int_equal(n, NITEMS);
	assert_true(is[1].has_state);
	assert_action(is[1].state.action, "done");

	assert_int_equal(journal_begin(f->j), ST_IOERR);
	assert_non_null(strstr(journal_error(f->j), "read-only"));
	journal_close(&f->j);
	assert_unchanged(f->path, before);
	free(before.data);
	arena_release(&a);
}

static void test_read_only_dir_new_journal(void **state)
{
	struct fx *f = *state;

	assert_int_equal(chmod(f->dir, 0555), 0);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_IOERR);
	assert_null(f->j);
	assert_true(journal_said[0] != '\0');
	assert_false(exists(f->path));
	assert_int_equal(open_journal(f->path, JOURNAL_CREATE, &f->j), ST_IOERR);
	assert_null(f->j);
	assert_false(exists(f->path));
	assert_int_equal(chmod(f->dir, 0700), 0);
}

/* ---- locks ------------------------------------------------------------- */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void test_busy(void **state)
{
	struct fx *f = *state;
	double t0, waited;

	open_ok(f);
	f->raw = raw_open(f->path);
	raw_exec(f->raw, "BEGIN IMMEDIATE");
	t0 = now_ms();
	assert_int_equal(journal_begin(f->j), ST_BUSY);
	waited = now_ms() - t0;
	if (waited < JOURNAL_BUSY_MS * 0.9)
		fail_msg("journal_begin gave up after %.0f ms, before the %d ms busy timeout", waited,
			 JOURNAL_BUSY_MS);
	assert_non_null(strstr(journal_error(f->j), "locked"));
	raw_exec(f->raw, "ROLLBACK");
	/* once the other writer is gone, writing works */
	assert_int_equal(journal_begin(f->j), ST_OK);
	journal_rollback(f->j);
	add_session(f->j, "after the lock");
}

/*
 * Two processes opening a new journal at once: the one that migrates second
 * must see that the other one already did (user_version read again inside
 * its write transaction), not run the migration twice.
 *
 * The other process is played by a raw connection that holds the write lock
 * while a child process runs journal_open() (it reads user_version 0, then
 * waits for the lock), and then creates the schema, copied from a journal
 * made beforehand, and commits.
 */
static void test_concurrent_first_open(void **state)
{
	struct fx *f = *state;
	char ref[160], sql[64];
	sqlite3 *refdb;
	sqlite3_stmt *st;
	struct strbuf schema = STRBUF_INIT;
	char *mode;
	pid_t pid;
	int status = 0, go[2];

	/* the schema, as a journal has it */
	snprintf(ref, sizeof(ref), "%s/reference.db", f->dir);
	{
		struct journal *rj = NULL;
		assert_int_equal(open_journal(ref, JOURNAL_WRITE, &rj), ST_OK);
		journal_close(&rj);
	}
	refdb = raw_open(ref);
	assert_int_equal(sqlite3_prepare_v2(refdb, "SELECT sql FROM sqlite_master WHERE sql IS NOT"
					    " NULL ORDER BY rowid", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_addf(&schema, "%s;\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(refdb);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;", JOURNAL_SCHEMA_VERSION);
	strbuf_adds(&schema, sql);
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d;", JOURNAL_APPLICATION_ID);
	strbuf_adds(&schema, sql);

	/* an empty database, already in WAL mode (as it is once the first
	 * process switched it) */
	f->raw = raw_open(f->path);
	mode = raw_text(f->raw, "PRAGMA journal_mode = WAL");
	assert_string_equal(mode, "wal");
	free(mode);
	raw_exec(f->raw, "CREATE TABLE x (a); DROP TABLE x;");
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM sqlite_master"), 0);
	sqlite3_close(f->raw);
	f->raw = NULL;
	assert_int_equal(chmod(f->path, 0600), 0);

	/* no connection may be open across fork(): the child starts clean */
	assert_int_equal(pipe(go), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* no assertion in the child: its status says */
		struct diag_list dl = DIAG_LIST_INIT;
		struct journal *j = NULL;
		enum status rs;
		char c;

		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		rs = journal_open(f->path, JOURNAL_WRITE, &j, &dl);
		if (rs != ST_OK)
			fprintf(stderr, "child: journal_open: %s\n", diag_said(&dl));
		journal_close(&j);
		_exit(rs == ST_OK ? 0 : 1);
	}
	close(go[0]);
	/* the "first process": take the write lock, let the child read the
	 * version and wait for the lock, then migrate */
	f->raw = raw_open(f->path);
	raw_exec(f->raw, "BEGIN IMMEDIATE");
	assert_int_equal(write(go[1], "g", 1), 1);
	close(go[1]);
	usleep(500 * 1000);
	raw_exec(f->raw, strbuf_str(&schema));
	raw_exec(f->raw, "COMMIT");
	strbuf_release(&schema);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		fail_msg("the second process to open a new journal failed (it ran the migration "
			 "again)");
	open_ok(f);
}

/* ---- corruption -------------------------------------------------------- */

static void test_corrupt(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct journal_item_state *is = NULL;
	struct journal_event e = {
		.item = ITEMS[1].id, .action = act("note"), .operator_name = "bob", .host = "h",
		.time = "2026-01-02T03:04:06Z", .digest = "d",
	};
	char text[256];
	struct bytes b, before;
	size_t n = 0, count = 0;
	enum status st;
	int64_t id;

	open_ok(f);
	id = add_session(f->j, "t");
	e.session = id;
	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	e.text = text;
	assert_int_equal(journal_begin(f->j), ST_OK);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(journal_event_add(f->j, &e, NULL), ST_OK);
	assert_int_equal(journal_commit(f->j), ST_OK);
	journal_close(&f->j);

	/* scribble over the middle third of the file */
	b = slurp(f->path);
	assert_true(b.len > 100 * 4096);
	for (size_t i = b.len / 3; i < 2 * b.len / 3; i++)
		b.data[i] = (unsigned char)(0xa5 ^ i);
	write_file(f->path, b.data, b.len);
	free(b.data);
	before = slurp(f->path);

	st = open_journal(f->path, JOURNAL_WRITE, &f->j);
	if (st != ST_OK) {
		/* refusing at open is fine, as long as it says why */
		assert_int_equal(st, ST_DATAERR);
		assert_non_null(strstr(journal_said, "corrupt"));
	} else {
		st = journal_events(f->j, id, NULL, false, 0, count_cb, &count);
		if (st != ST_DATAERR)
			fail_msg("reading the events of a corrupt journal: status %d (%s), expected "
				 "ST_DATAERR", (int)st, journal_error(f->j));
		assert_non_null(strstr(journal_error(f->j), "corrupt"));
		st = journal_events(f->j, id, NULL, true, 5, count_cb, &count);
		assert_true(st == ST_OK || st == ST_DATAERR);
		st = journal_item_states(f->j, id, false, &a, &is, &n);
		assert_true(st == ST_OK || st == ST_DATAERR);
		if (st == ST_DATAERR)
			assert_non_null(strstr(journal_error(f->j), "corrupt"));
		journal_close(&f->j);
	}
	assert_unchanged(f->path, before);
	free(before.data);
	arena_release(&a);
}

static void test_truncated(void **state)
{
	struct fx *f = *state;
	struct journal_event e = {
		.item = ITEMS[1].id, .action = act("note"), .operator_name = "bob", .host = "h",
		.time = "2026-01-02T03:04:06Z", .digest = "d",
	};
	char text[256];
	struct bytes b, before;
	size_t count = 0;
	enum status st;

	open_ok(f);
	e.session = add_session(f->j, "t");
	memset(text, 'y', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	e.text = text;
	assert_int_equal(journal_begin(f->j), ST_OK);
	for (int i = 0; i < 2000; i++)
		assert_int_equal(journal_event_add(f->j, &e, NULL), ST_OK);
	assert_int_equal(journal_commit(f->j), ST_OK);
	journal_close(&f->j);

	b = slurp(f->path);
	write_file(f->path, b.data, b.len / 2 / 4096 * 4096);
	free(b.data);
	before = slurp(f->path);
	st = open_journal(f->path, JOURNAL_WRITE, &f->j);
	if (st != ST_OK) {
		assert_int_equal(st, ST_DATAERR);
		assert_non_null(strstr(journal_said, "corrupt"));
	} else {
		st = journal_events(f->j, e.session, NULL, false, 0, count_cb, &count);
		if (st != ST_DATAERR)
			fail_msg("reading the events of a truncated journal: status %d (%s), "
				 "expected ST_DATAERR", (int)st, journal_error(f->j));
		assert_non_null(strstr(journal_error(f->j), "corrupt"));
		journal_close(&f->j);
	}
	assert_unchanged(f->path, before);
	free(before.data);
}

/* Find @pat in @b; its offset, or -1. */
static long find_bytes(const struct bytes *b, const unsigned char *pat, size_t n)
{
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, pat, n) == 0)
			return (long)i;
	return -1;
}

/*
 * Corruption SQLite cannot see: a NULL where the schema says NOT NULL (one
 * record's serial type for an empty text, 13, patched to NULL, 0: the record
 * stays well formed). Reading it is a data error, not "out of memory".
 */
/*
 * A value SQLite will not bind (here: longer than the connection's length
 * limit) is refused with SQLite's reason; nothing runs with the value left
 * NULL, and nothing is recorded.
 */
static void test_bind_failure_refused(void **state)
{
	struct fx *f = *state;
	char text[400];
	struct journal_event e = {
		.item = ITEMS[1].id, .action = EVENT_NOTE, .operator_name = "bob",
		.host = "h", .time = "2026-01-02T03:04:06Z", .text = text, .digest = "d",
	};

	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	caught_db = NULL;
	catching = true;
	assert_int_equal(sqlite3_auto_extension((void (*)(void))catch_db), SQLITE_OK);
	open_ok(f);
	catching = false;
	sqlite3_cancel_auto_extension((void (*)(void))catch_db);
	assert_non_null(caught_db);
	e.session = add_session(f->j, "t");
	sqlite3_limit(caught_db, SQLITE_LIMIT_LENGTH, 200);
	assert_int_equal(journal_begin(f->j), ST_OK);
	assert_int_not_equal(journal_event_add(f->j, &e, NULL), ST_OK);
	if (!strstr(journal_error(f->j), "too big"))
		fail_msg("a failed bind reported as \"%s\"", journal_error(f->j));
	journal_rollback(f->j);
	sqlite3_limit(caught_db, SQLITE_LIMIT_LENGTH, 1000000000);
	f->raw = raw_open(f->path);
	assert_int_equal(raw_int(f->raw, "SELECT count(*) FROM events"), 0);
}

static void test_corrupt_null_column(void **state)
{
	struct fx *f = *state;
	struct journal_event e = {
		.item = ITEMS[1].id, .action = act("note"), .operator_name = "zed-operator",
		.host = "h", .time = "2026-01-02T03:04:06Z", .text = "", .digest = "d",
	};
	/* record header types: item (10 chars), action (4), operator (12),
	 * host (1), time (20), text (""), forced (0), digest (1) */
	static const unsigned char pat[] = { 0x21, 0x15, 0x25, 0x0f, 0x35, 0x0d, 0x08, 0x0f };
	struct bytes b;
	size_t count = 0;
	enum status st;
	long at;

	open_ok(f);
	e.session = add_session(f->j, "t");
	assert_int_equal(journal_begin(f->j), ST_OK);
	assert_int_equal(journal_event_add(f->j, &e, NULL), ST_OK);
	assert_int_equal(journal_commit(f->j), ST_OK);
	journal_close(&f->j);
	b = slurp(f->path);
	at = find_bytes(&b, pat, sizeof(pat));
	assert_true(at >= 0);
	b.data[at + 5] = 0x00;
	write_file(f->path, b.data, b.len);
	free(b.data);

	open_ok(f);
	st = journal_events(f->j, e.session, NULL, false, 0, count_cb, &count);
	if (st != ST_DATAERR)
		fail_msg("reading an event with a NULL text: status %d, expected ST_DATAERR "
			 "(message \"%s\")", (int)st, journal_error(f->j));
	assert_non_null(strstr(journal_error(f->j), "corrupt"));
}

/* ---- queries ----------------------------------------------------------- */

static void test_events_orders_and_limit(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct seen s;
	int64_t sid, other, ids[5];
	const char *t;

	open_ok(f);
	sid = add_session(f->j, "t");
	other = add_session(f->j, "other");
	assert_int_equal(journal_last_activity(f->j, sid, &a, &t), ST_OK);
	assert_string_equal(t, "");
	ids[0] = add_event(f->j, sid, ITEMS[0].id, "ack", "", false, "2026-01-02T03:00:01Z");
	ids[1] = add_event(f->j, sid, ITEMS[1].id, "done", "", true, "2026-01-02T03:00:02Z");
	add_event(f->j, other, ITEMS[1].id, "done", "elsewhere", false, "2026-01-02T03:00:03Z");
	ids[2] = add_event(f->j, sid, ITEMS[1].id, "undo", "", false, "2026-01-02T03:00:04Z");
	ids[3] = add_event(f->j, sid, ITEMS[2].id, "note", "look", false, "2026-01-02T03:00:05Z");
	ids[4] = add_event(f->j, sid, ITEMS[1].id, "skip", "why", false, "2026-01-02T03:00:06Z");

	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, NULL, false, 0, collect, &s), ST_OK);
	assert_int_equal(s.n, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(s.id[i], ids[i]);
	assert_string_equal(s.action[1], "done");
	assert_true(s.forced[1]);
	assert_false(s.forced[0]);
	assert_string_equal(s.op[1], "bob");
	assert_string_equal(s.host[1], "bastion-2");
	assert_string_equal(s.time[1], "2026-01-02T03:00:02Z");
	assert_string_equal(s.text[4], "why");

	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, NULL, true, 0, collect, &s), ST_OK);
	assert_int_equal(s.n, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(s.id[i], ids[4 - i]);

	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, NULL, true, 2, collect, &s), ST_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.id[0], ids[4]);
	assert_int_equal(s.id[1], ids[3]);

	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, NULL, false, 2, collect, &s), ST_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.id[0], ids[0]);
	assert_int_equal(s.id[1], ids[1]);

	/* one item's events */
	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, ITEMS[1].id, false, 0, collect, &s), ST_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.id[0], ids[1]);
	assert_int_equal(s.id[1], ids[2]);
	assert_int_equal(s.id[2], ids[4]);
	for (int i = 0; i < 3; i++)
		assert_string_equal(s.item[i], ITEMS[1].id);

	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, ITEMS[1].id, true, 1, collect, &s), ST_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.id[0], ids[4]);

	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, sid, "0.1-0.2/none", false, 0, collect, &s), ST_OK);
	assert_int_equal(s.n, 0);

	/* the callback stops the walk */
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	assert_int_equal(journal_events(f->j, sid, NULL, false, 0, collect, &s), ST_OK);
	assert_int_equal(s.n, 2);

	/* the other session sees only its own */
	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_events(f->j, other, NULL, false, 0, collect, &s), ST_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "elsewhere");

	assert_int_equal(journal_last_activity(f->j, sid, &a, &t), ST_OK);
	assert_string_equal(t, "2026-01-02T03:00:06Z");
	arena_release(&a);
}

static void test_item_states(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct journal_item_state *v = NULL;
	size_t n = 0;
	int64_t sid, other, last_note, last_done, last_choice;

	open_ok(f);
	sid = add_session(f->j, "t");
	other = add_session(f->j, "other");
	add_event(f->j, sid, ITEMS[0].id, "ack", "", false, "2026-01-02T03:00:01Z");
	add_event(f->j, sid, ITEMS[0].id, "note", "first", false, "2026-01-02T03:00:02Z");
	last_note = add_event(f->j, sid, ITEMS[0].id, "note", "second", false,
			      "2026-01-02T03:00:03Z");
	add_event(f->j, sid, ITEMS[1].id, "choose", "a", false, "2026-01-02T03:00:04Z");
	add_event(f->j, sid, ITEMS[1].id, "done", "", false, "2026-01-02T03:00:05Z");
	add_event(f->j, sid, ITEMS[1].id, "undo", "", false, "2026-01-02T03:00:06Z");
	last_choice = add_event(f->j, sid, ITEMS[1].id, "choose", "b", false,
				"2026-01-02T03:00:07Z");
	last_done = add_event(f->j, sid, ITEMS[1].id, "done", "because", true,
			      "2026-01-02T03:00:08Z");
	/* another session's events do not count */
	add_event(f->j, other, ITEMS[2].id, "skip", "not here", false, "2026-01-02T03:00:09Z");
	add_event(f->j, other, ITEMS[0].id, "undo", "", false, "2026-01-02T03:00:10Z");
	add_event(f->j, other, ITEMS[1].id, "choose", "z", false, "2026-01-02T03:00:11Z");

	assert_int_equal(journal_item_states(f->j, sid, false, &a, &v, &n), ST_OK);
	assert_int_equal(n, NITEMS);
	for (size_t i = 0; i < NITEMS; i++) {
		assert_string_equal(v[i].item.id, ITEMS[i].id);
		assert_string_equal(v[i].item.kind, ITEMS[i].kind);
		assert_string_equal(v[i].item.digest, ITEMS[i].digest);
		assert_int_equal(v[i].position, (int)i);
	}
	/* the note: acknowledged, two notes, the last one wins */
	assert_true(v[0].has_state);
	assert_action(v[0].state.action, "ack");
	assert_false(v[0].has_choice);
	assert_true(v[0].has_note);
	assert_int_equal(v[0].note.id, last_note);
	assert_string_equal(v[0].note.text, "second");
	assert_action(v[0].note.action, "note");
	/* s1: done, undone, chosen again, done again (forced) */
	assert_true(v[1].has_state);
	assert_int_equal(v[1].state.id, last_done);
	assert_action(v[1].state.action, "done");
	assert_string_equal(v[1].state.text, "because");
	assert_true(v[1].state.forced);
	assert_int_equal(v[1].state.session, sid);
	assert_string_equal(v[1].state.item, ITEMS[1].id);
	assert_string_equal(v[1].state.operator_name, "bob");
	assert_string_equal(v[1].state.host, "bastion-2");
	assert_string_equal(v[1].state.time, "2026-01-02T03:00:08Z");
	assert_string_equal(v[1].state.digest, "d");
	assert_true(v[1].has_choice);
	assert_int_equal(v[1].choice.id, last_choice);
	assert_string_equal(v[1].choice.text, "b");
	assert_false(v[1].has_note);
	/* s2: nothing here */
	assert_false(v[2].has_state);
	assert_false(v[2].has_choice);
	assert_false(v[2].has_note);

	/* the other session */
	assert_int_equal(journal_item_states(f->j, other, false, &a, &v, &n), ST_OK);
	assert_int_equal(n, NITEMS);
	assert_true(v[0].has_state);
	assert_action(v[0].state.action, "undo");
	assert_false(v[0].has_note);
	assert_string_equal(v[1].choice.text, "z");
	assert_false(v[1].has_state);
	assert_action(v[2].state.action, "skip");

	/* a session that does not exist has no items */
	assert_int_equal(journal_item_states(f->j, other + 10, false, &a, &v, &n), ST_OK);
	assert_int_equal(n, 0);

	/* the light read: only items with events, in any order, with the state's
	 * action and forced flag and the chosen branch */
	assert_int_equal(journal_item_states(f->j, sid, true, &a, &v, &n), ST_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i].item.id, ITEMS[0].id)) {
			assert_true(v[i].has_state);
			assert_action(v[i].state.action, "ack");
			assert_false(v[i].state.forced);
			assert_false(v[i].has_choice);
		} else {
			assert_string_equal(v[i].item.id, ITEMS[1].id);
			assert_true(v[i].has_state);
			assert_action(v[i].state.action, "done");
			assert_true(v[i].state.forced);
			assert_true(v[i].has_choice);
			assert_string_equal(v[i].choice.text, "b");
		}
	}
	assert_int_equal(journal_item_states(f->j, other, true, &a, &v, &n), ST_OK);
	assert_int_equal(n, 3);

	/* one item */
	{
		struct journal_item_state one;
		bool found = false;

		memset(&one, 0, sizeof(one));
		assert_int_equal(journal_item_state(f->j, sid, ITEMS[1].id, &a, &one, &found),
				 ST_OK);
		assert_true(found);
		assert_string_equal(one.item.id, ITEMS[1].id);
		assert_string_equal(one.item.kind, "step");
		assert_string_equal(one.item.digest, ITEMS[1].digest);
		assert_int_equal(one.position, 1);
		assert_int_equal(one.state.id, last_done);
		assert_string_equal(one.state.operator_name, "bob");
		assert_string_equal(one.state.time, "2026-01-02T03:00:08Z");
		assert_int_equal(one.choice.id, last_choice);
		assert_false(one.has_note);
		memset(&one, 0, sizeof(one));
		assert_int_equal(journal_item_state(f->j, sid, ITEMS[2].id, &a, &one, &found),
				 ST_OK);
		assert_true(found);
		assert_false(one.has_state);
		assert_false(one.has_choice);
		assert_false(one.has_note);
		assert_int_equal(journal_item_state(f->j, sid, "0.1-0.2/none", &a, &one, &found),
				 ST_OK);
		assert_false(found);
		assert_int_equal(journal_item_state(f->j, other + 10, ITEMS[0].id, &a, &one, &found),
				 ST_OK);
		assert_false(found);
	}
	arena_release(&a);
}

/* The latest events per item stay right over many events, in any mix. */
static void test_item_states_many_events(void **state)
{
	struct fx *f = *state;
	static const char *const actions[] = { "done", "note", "undo", "choose", "skip", "ack",
					       "note", "choose", "undo", "done" };
	struct arena a = ARENA_INIT;
	struct journal_item_state *v = NULL;
	struct journal_event e = { .operator_name = "bob", .host = "h", .digest = "d",
				   .time = "2026-01-02T03:00:00Z" };
	int64_t want_state[NITEMS] = { 0 }, want_choice[NITEMS] = { 0 }, want_note[NITEMS] = { 0 };
	char text[32];
	size_t n = 0;
	int64_t id;

	open_ok(f);
	e.session = add_session(f->j, "t");
	assert_int_equal(journal_begin(f->j), ST_OK);
	for (unsigned i = 0; i < 500; i++) {
		size_t it = (i * 7 + i / 3) % NITEMS;
		e.item = ITEMS[it].id;
		e.action = act(actions[(i * 3 + it) % 10]);
		snprintf(text, sizeof(text), "t%u", i);
		e.text = text;
		e.forced = i % 5 == 0;
		assert_int_equal(journal_event_add(f->j, &e, &id), ST_OK);
		if (e.action == EVENT_CHOOSE)
			want_choice[it] = id;
		else if (e.action == EVENT_NOTE)
			want_note[it] = id;
		else
			want_state[it] = id;
	}
	assert_int_equal(journal_commit(f->j), ST_OK);
	assert_int_equal(journal_item_states(f->j, e.session, false, &a, &v, &n), ST_OK);
	assert_int_equal(n, NITEMS);
	for (size_t i = 0; i < NITEMS; i++) {
		assert_int_equal(v[i].has_state, want_state[i] != 0);
		assert_int_equal(v[i].has_choice, want_choice[i] != 0);
		assert_int_equal(v[i].has_note, want_note[i] != 0);
		if (want_state[i])
			assert_int_equal(v[i].state.id, want_state[i]);
		if (want_choice[i])
			assert_int_equal(v[i].choice.id, want_choice[i]);
		if (want_note[i])
			assert_int_equal(v[i].note.id, want_note[i]);
	}
	arena_release(&a);
}

static void test_data_version(void **state)
{
	struct fx *f = *state;
	int64_t v1 = 0, v2 = 0, v3 = 0, sid;
	size_t count = 0;

	open_ok(f);
	sid = add_session(f->j, "t");
	assert_int_equal(journal_data_version(f->j, &v1), ST_OK);
	assert_int_equal(journal_data_version(f->j, &v2), ST_OK);
	assert_int_equal(v1, v2);
	f->raw = raw_open(f->path);
	raw_exec(f->raw, "INSERT INTO events (session, item, action, operator, host, time, text,"
			 " forced, digest) VALUES (1, '0.1-0.2/note', 'ack', 'carol', 'h2',"
			 " '2026-01-02T03:00:01Z', '', 0, 'd')");
	assert_int_equal(journal_data_version(f->j, &v3), ST_OK);
	assert_true(v3 != v1);
	assert_int_equal(journal_events(f->j, sid, NULL, false, 0, count_cb, &count), ST_OK);
	assert_int_equal(count, 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_creates_private_file),
		T(test_open_make_dir),
		T(test_open_missing_dir_without_make_dir),
		T(test_open_not_regular_file),
		T(test_open_empty_path),
		T(test_open_read_changes_nothing),
		T(test_schema_and_pragmas),
		T(test_reopen),
		T(test_default_path),
		T(test_events_append_only),
		T(test_event_constraints),
		T(test_refuse_text_file),
		T(test_refuse_other_sqlite),
		T(test_refuse_other_application_id),
		T(test_refuse_newer),
		T(test_open_error_appended),
		T(test_read_only_file),
		T(test_read_only_dir_new_journal),
		T(test_busy),
		T(test_concurrent_first_open),
		T(test_corrupt),
		T(test_truncated),
		T(test_corrupt_null_column),
		T(test_bind_failure_refused),
		T(test_events_orders_and_limit),
		T(test_item_states),
		T(test_item_states_many_events),
		T(test_data_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
