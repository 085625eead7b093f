/*
 * journal.c - the SQLite journal (see journal.h for the contract).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "event.h"
#include "fs_trust.h"
#include "journal.h"
#include "tempfile.h"

/* Migration N brings a journal from user_version N-1 to N, in one transaction. */
static const char *const migrations[JOURNAL_SCHEMA_VERSION + 1] = {
	NULL,
	"PRAGMA application_id = 1297436743;"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  from_version TEXT NOT NULL,"
	"  to_version TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  content_digest TEXT NOT NULL,"
	"  content_version TEXT NOT NULL);"
	"CREATE TABLE session_items ("
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  position INTEGER NOT NULL,"
	"  item TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('note', 'step')),"
	"  digest TEXT NOT NULL,"
	"  PRIMARY KEY (session, position),"
	"  UNIQUE (session, item)) WITHOUT ROWID;"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  item TEXT NOT NULL,"
	"  action TEXT NOT NULL"
	"    CHECK (action IN ('done', 'ack', 'skip', 'undo', 'note', 'choose')),"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  time TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  forced INTEGER NOT NULL CHECK (forced IN (0, 1)),"
	"  digest TEXT NOT NULL,"
	"  FOREIGN KEY (session, item) REFERENCES session_items(session, item));"
	"CREATE INDEX events_session ON events(session, id);"
	"CREATE INDEX events_item ON events(session, item, id);"
	/* The latest events of each item, kept by the database itself on every
	 * insert: the state derives from them at a cost that does not grow with
	 * the number of events. */
	"CREATE TABLE item_state ("
	"  session INTEGER NOT NULL,"
	"  item TEXT NOT NULL,"
	"  state_event INTEGER REFERENCES events(id),"
	"  state TEXT,"
	"  forced INTEGER,"
	"  choice_event INTEGER REFERENCES events(id),"
	"  branch TEXT,"
	"  note_event INTEGER REFERENCES events(id),"
	"  PRIMARY KEY (session, item)) WITHOUT ROWID;"
	"CREATE TRIGGER events_latest AFTER INSERT ON events BEGIN"
	"  INSERT INTO item_state (session, item, state_event, state, forced, choice_event,"
	"    branch, note_event)"
	"  SELECT NEW.session, NEW.item, s, CASE WHEN s IS NOT NULL THEN NEW.action END,"
	"    CASE WHEN s IS NOT NULL THEN NEW.forced END, c,"
	"    CASE WHEN c IS NOT NULL THEN NEW.text END, n"
	"  FROM (SELECT CASE WHEN NEW.action IN ('done', 'ack', 'skip', 'undo') THEN NEW.id END AS s,"
	"    CASE WHEN NEW.action = 'choose' THEN NEW.id END AS c,"
	"    CASE WHEN NEW.action = 'note' THEN NEW.id END AS n) WHERE true"
	"  ON CONFLICT (session, item) DO UPDATE SET"
	"    state = CASE WHEN excluded.state_event IS NOT NULL THEN excluded.state ELSE state END,"
	"    forced = CASE WHEN excluded.state_event IS NOT NULL THEN excluded.forced ELSE forced END,"
	"    state_event = coalesce(excluded.state_event, state_event),"
	"    branch = CASE WHEN excluded.choice_event IS NOT NULL THEN excluded.branch ELSE branch END,"
	"    choice_event = coalesce(excluded.choice_event, choice_event),"
	"    note_event = coalesce(excluded.note_event, note_event);"
	"  END;"
	"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END;"
	"CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END;"
	"CREATE TRIGGER session_items_fixed_update BEFORE UPDATE ON session_items"
	"  BEGIN SELECT RAISE(ABORT, 'a session''s planned items are fixed'); END;"
	"CREATE TRIGGER session_items_fixed_delete BEFORE DELETE ON session_items"
	"  BEGIN SELECT RAISE(ABORT, 'a session''s planned items are fixed'); END;"
	"CREATE TRIGGER sessions_fixed_delete BEFORE DELETE ON sessions"
	"  BEGIN SELECT RAISE(ABORT, 'sessions are never deleted'); END;",
	/* 2: the inventory of a session, for steps done host by host */
	"CREATE TABLE session_hosts ("
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  role TEXT NOT NULL CHECK (role IN ('master', 'agent')),"
	"  position INTEGER NOT NULL,"
	"  host TEXT NOT NULL,"
	"  leader INTEGER NOT NULL CHECK (leader IN (0, 1)),"
	"  PRIMARY KEY (session, role, position),"
	"  UNIQUE (session, role, host)) WITHOUT ROWID;"
	"CREATE TRIGGER session_hosts_fixed_update BEFORE UPDATE ON session_hosts"
	"  BEGIN SELECT RAISE(ABORT, 'a session''s inventory is fixed'); END;"
	"CREATE TRIGGER session_hosts_fixed_delete BEFORE DELETE ON session_hosts"
	"  BEGIN SELECT RAISE(ABORT, 'a session''s inventory is fixed'); END;",
};

#define EVENT_COLS "id, session, item, action, operator, host, time, text, forced, digest"
#define ITEM_STATES \
	"SELECT si.item, si.kind, si.digest, si.position," \
	" s.id, s.session, s.item, s.action, s.operator, s.host, s.time, s.text, s.forced, s.digest," \
	" c.id, c.session, c.item, c.action, c.operator, c.host, c.time, c.text, c.forced, c.digest," \
	" n.id, n.session, n.item, n.action, n.operator, n.host, n.time, n.text, n.forced, n.digest" \
	" FROM session_items si" \
	" LEFT JOIN item_state st ON st.session = si.session AND st.item = si.item" \
	" LEFT JOIN events s ON s.id = st.state_event" \
	" LEFT JOIN events c ON c.id = st.choice_event" \
	" LEFT JOIN events n ON n.id = st.note_event"

enum query {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
	Q_SESSION_ADD, Q_ITEM_ADD, Q_ITEM_APPEND, Q_HOST_ADD, Q_HOSTS, Q_SESSION_GET, Q_SESSION_IDS,
	Q_EVENT_ADD, Q_ITEM_STATES, Q_ITEM_STATES_LIGHT, Q_ITEM_STATE_ONE,
	Q_EVENTS_ALL, Q_EVENTS_ALL_DESC, Q_EVENTS_ITEM, Q_EVENTS_ITEM_DESC,
	Q_LAST_ACTIVITY, Q_DATA_VERSION,
	Q_COUNT
};

static const char *const queries[Q_COUNT] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_SESSION_ADD] = "INSERT INTO sessions (from_version, to_version, title, operator, host,"
			  " created, content_digest, content_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_ITEM_ADD] = "INSERT INTO session_items (session, position, item, kind, digest)"
		       " VALUES (?, ?, ?, ?, ?)",
	[Q_ITEM_APPEND] = "INSERT INTO session_items (session, position, item, kind, digest)"
			  " SELECT ?1, coalesce(max(position), -1) + 1, ?2, ?3, ?4"
			  " FROM session_items WHERE session = ?1",
	[Q_HOST_ADD] = "INSERT INTO session_hosts (session, role, position, host, leader)"
		       " VALUES (?, ?, ?, ?, ?)",
	[Q_HOSTS] = "SELECT role, host, leader FROM session_hosts WHERE session = ?"
		    " ORDER BY role DESC, position",
	[Q_SESSION_GET] = "SELECT id, from_version, to_version, title, operator, host, created,"
			  " content_digest, content_version FROM sessions WHERE id = ?",
	[Q_SESSION_IDS] = "SELECT id FROM sessions ORDER BY id",
	[Q_EVENT_ADD] = "INSERT INTO events (session, item, action, operator, host, time, text,"
			" forced, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_ITEM_STATES] = ITEM_STATES " WHERE si.session = ?1 ORDER BY si.position",
	[Q_ITEM_STATE_ONE] = ITEM_STATES " WHERE si.session = ?1 AND si.item = ?2",
	/* what the rules need, for the check-off's hot path */
	[Q_ITEM_STATES_LIGHT] =
		"SELECT item, state, forced, branch FROM item_state WHERE session = ?1",
	[Q_EVENTS_ALL] = "SELECT " EVENT_COLS " FROM events WHERE session = ?1 ORDER BY id LIMIT ?3",
	[Q_EVENTS_ALL_DESC] = "SELECT " EVENT_COLS " FROM events WHERE session = ?1"
			      " ORDER BY id DESC LIMIT ?3",
	[Q_EVENTS_ITEM] = "SELECT " EVENT_COLS " FROM events WHERE session = ?1 AND item = ?2"
			  " ORDER BY id LIMIT ?3",
	[Q_EVENTS_ITEM_DESC] = "SELECT " EVENT_COLS " FROM events WHERE session = ?1 AND item = ?2"
			       " ORDER BY id DESC LIMIT ?3",
	[Q_LAST_ACTIVITY] = "SELECT time FROM events WHERE session = ? ORDER BY id DESC LIMIT 1",
	[Q_DATA_VERSION] = "PRAGMA data_version",
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

/* ---- errors ------------------------------------------------------------ */

/* Turn an SQLite result into a status; append a one-line message about @path to @err. */
static enum status fail(struct strbuf *err, const char *path, sqlite3 *db, int rc,
			const char *doing)
{
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	int prim = rc & 0xff;

	/* the connection's last message may belong to another call: never "not an error" */
	if (!db || sqlite3_errcode(db) != rc)
		msg = sqlite3_errstr(rc);

	/* SQLite reports a full disk met while growing its side files as I/O errors */
	if (prim == SQLITE_IOERR && db &&
	    (sqlite3_system_errno(db) == ENOSPC || sqlite3_system_errno(db) == EDQUOT))
		prim = SQLITE_FULL;
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		strbuf_addf(err, "journal %s is locked by another process (waited %d s while %s); "
			    "try again", path, JOURNAL_BUSY_MS / 1000, doing);
		return ST_BUSY;
	case SQLITE_READONLY:
		strbuf_addf(err, "journal %s is read-only (%s while %s)", path, msg, doing);
		return ST_IOERR;
	case SQLITE_FULL:
		strbuf_addf(err, "the disk holding journal %s is full (while %s); nothing was "
			    "recorded", path, doing);
		return ST_IOERR;
	case SQLITE_CORRUPT:
		strbuf_addf(err, "journal %s is corrupt (%s while %s); it was not changed", path,
			    msg, doing);
		return ST_DATAERR;
	case SQLITE_NOTADB:
		strbuf_addf(err, "%s is not a mesos-upgrade journal (not an SQLite database); "
			    "it was not changed", path);
		return ST_DATAERR;
	case SQLITE_NOMEM:
		strbuf_addf(err, "out of memory while %s", doing);
		return ST_NOMEM;
	case SQLITE_CANTOPEN:
		strbuf_addf(err, "cannot open journal %s (%s)", path, msg);
		return ST_IOERR;
	case SQLITE_CONSTRAINT:
		strbuf_addf(err, "journal %s refused a change (%s while %s)", path, msg, doing);
		return ST_DATAERR;
	default:
		strbuf_addf(err, "journal %s: %s (while %s)", path, msg, doing);
		return ST_IOERR;
	}
}

static enum status jfail(struct journal *j, int rc, const char *doing)
{
	strbuf_reset(&j->err);
	return fail(&j->err, j->path, j->db, rc, doing);
}

const char *journal_error(const struct journal *j)
{
	return strbuf_str(&j->err);
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

/* ---- paths ------------------------------------------------------------- */

bool journal_default_path(struct strbuf *out)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	/* the XDG spec says a relative value is invalid and is to be ignored */
	if (state && state[0] == '/')
		strbuf_addf(out, "%s/mesos-upgrade/journal.db", state);
	else if (home && home[0] == '/')
		strbuf_addf(out, "%s/.local/state/mesos-upgrade/journal.db", home);
	else
		return false;
	return !strbuf_failed(out);
}

/* mkdir -p the directory of @path, new directories 0700. */
static bool make_parent(const char *path, struct strbuf *err)
{
	char *dir = strdup(path), *p;
	bool ok = true;

	if (!dir)
		return false;
	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; ok; p++) {
			if (*p != '/' && *p != '\0')
				continue;
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				strbuf_addf(err, "cannot create directory %s for the journal: %s", dir,
					    strerror(errno));
				ok = false;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return ok;
}

/* ---- open -------------------------------------------------------------- */

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int pragma_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*v = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static bool side_files_exist(const char *path)
{
	struct strbuf p = STRBUF_INIT;
	bool exists;

	strbuf_addf(&p, "%s-wal", path);
	exists = access(strbuf_str(&p), F_OK) == 0;
	strbuf_release(&p);
	return exists;
}

/* "file:PATH?immutable=1" with PATH escaped as a URI path. NULL when out of memory. */
static char *uri_immutable(const char *path)
{
	struct strbuf u = STRBUF_INIT;

	strbuf_adds(&u, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			strbuf_addc(&u, (char)*p);
		else
			strbuf_addf(&u, "%%%02X", *p);
	}
	strbuf_adds(&u, "?immutable=1");
	return strbuf_detach(&u);
}

/* A write bit cleared by the owner means "do not touch", for root too. */
static bool mode_read_only(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && !(sb.st_mode & 0222);
}

static enum status migrate(struct journal *j, int64_t from)
{
	char sql[64];
	int rc;

	for (int64_t v = from + 1; v <= JOURNAL_SCHEMA_VERSION; v++) {
		int64_t now = 0;
		rc = exec(j->db, "BEGIN IMMEDIATE");
		if (rc != SQLITE_OK)
			return jfail(j, rc, "preparing the journal");
		/* another process may have migrated it while we waited for the lock */
		rc = pragma_int(j->db, "PRAGMA user_version", &now);
		if (rc == SQLITE_OK && now >= v) {
			rc = exec(j->db, "COMMIT");
			if (rc != SQLITE_OK) {
				exec(j->db, "ROLLBACK");
				return jfail(j, rc, "preparing the journal");
			}
			continue;
		}
		if (rc == SQLITE_OK)
			rc = exec(j->db, migrations[v]);
		if (rc == SQLITE_OK) {
			snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)v);
			rc = exec(j->db, sql);
		}
		if (rc == SQLITE_OK)
			rc = exec(j->db, "COMMIT");
		if (rc != SQLITE_OK) {
			enum status st = jfail(j, rc, "preparing the journal");
			exec(j->db, "ROLLBACK");
			return st;
		}
	}
	return ST_OK;
}

static void remove_db(const char *path)
{
	struct strbuf p = STRBUF_INIT;

	unlink(path);
	strbuf_addf(&p, "%s-wal", path);
	unlink(strbuf_str(&p));
	strbuf_reset(&p);
	strbuf_addf(&p, "%s-shm", path);
	unlink(strbuf_str(&p));
	strbuf_release(&p);
}

/*
 * A new journal is set up whole under a temporary name, private (0600) from
 * the start, and linked into place: two processes starting at once on no
 * journal never see one half set up, and the loser simply opens the winner's.
 * The temporary name is PATH.new-PID (and SQLite's -journal, -wal, -shm): removed
 * when SIGINT, SIGTERM or SIGHUP stop us half way, and, left by a process
 * that was killed outright, by the next one that creates a journal there.
 */
static enum status create(const char *path, struct strbuf *err)
{
	static const char *const sides[] = { "-journal", "-wal", "-shm", NULL };
	struct strbuf tmp = STRBUF_INIT;
	struct journal t = { 0 };
	enum status st = ST_IOERR;
	bool held;
	int fd, rc;

	strbuf_addf(&tmp, "%s.new-%ld", path, (long)getpid());
	if (strbuf_failed(&tmp))
		return ST_NOMEM;
	tempfile_remove_stale(path, ".new-", sides);
	held = tempfile_hold(strbuf_str(&tmp), sides);
	if (!held) {
		strbuf_addf(err, "cannot create journal %s: its name is too long", path);
		goto out;
	}
	remove_db(strbuf_str(&tmp));
	fd = open(strbuf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		strbuf_addf(err, "cannot create journal %s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	t.path = tmp.buf;
	rc = sqlite3_open_v2(t.path, &t.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = exec(t.db, "PRAGMA journal_mode = WAL");
	if (rc != SQLITE_OK) {
		st = fail(err, path, t.db, rc, "creating it");
		goto out;
	}
	st = migrate(&t, 0);
	if (st != ST_OK) {
		strbuf_addf(err, "%s", strbuf_str(&t.err));
		goto out;
	}
	sqlite3_close(t.db);
	t.db = NULL;
	if (link(t.path, path) != 0 && errno != EEXIST) {
		/* a file system without hard links: rename, unless someone was first */
		int e = errno;
		if (access(path, F_OK) != 0 && rename(t.path, path) != 0) {
			strbuf_addf(err, "cannot create journal %s: %s", path, strerror(e));
			st = ST_IOERR;
			goto out;
		}
	}
	st = ST_OK;
out:
	if (t.db)
		sqlite3_close(t.db);
	strbuf_release(&t.err);
	if (held) {
		remove_db(strbuf_str(&tmp));
		tempfile_release();
	}
	strbuf_release(&tmp);
	return st;
}

/* Tables each schema version has: a journal missing one was damaged or changed. */
static const char *const schema_tables[JOURNAL_SCHEMA_VERSION + 1] = {
	NULL,
	"'sessions', 'session_items', 'events', 'item_state'",
	"'session_hosts'",
};

/*
 * A journal of an older schema read without migrating it (a read command
 * never changes the file): the tables later versions add are seen empty,
 * as temporary tables of this connection only.
 */
static const char *const schema_stand_ins[JOURNAL_SCHEMA_VERSION + 1] = {
	NULL,
	NULL,
	"CREATE TEMP TABLE session_hosts (session INTEGER, role TEXT, position INTEGER,"
	" host TEXT, leader INTEGER)",
};

/* The schema of version @ver is whole: every table it should have is there. */
static enum status check_schema(struct journal *j, int64_t app, int64_t ver, int64_t objects,
				struct strbuf *err)
{
	if (app == JOURNAL_APPLICATION_ID && ver == 0) {
		strbuf_addf(err, "%s has mesos-upgrade's application id but not a journal's tables "
			    "(%lld other objects): it was changed by another program; it was not "
			    "changed", j->path, (long long)objects);
		return ST_DATAERR;
	}
	for (int64_t v = 1; v <= ver && v <= JOURNAL_SCHEMA_VERSION; v++) {
		char sql[256];
		int64_t want = 1, found = 0;
		for (const char *p = schema_tables[v]; *p; p++)
			want += *p == ',';
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
			 " AND name IN (%s)", schema_tables[v]);
		int rc = pragma_int(j->db, sql, &found);
		if (rc != SQLITE_OK)
			return fail(err, j->path, j->db, rc, "reading");
		if (found != want) {
			strbuf_addf(err, "journal %s lacks tables of its schema %lld (it has %lld of "
				    "%s): it is damaged or was changed by another program; it was "
				    "not changed", j->path, (long long)ver, (long long)found,
				    schema_tables[v]);
			return ST_DATAERR;
		}
	}
	return ST_OK;
}

/* Open the SQLite connection: read-write, read-only, or immutable for a file nobody writes. */
static int open_db(struct journal *j, bool writable)
{
	char *uri;
	int rc;

	if (writable)
		return sqlite3_open_v2(j->path, &j->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				       NULL);
	if (side_files_exist(j->path))
		return sqlite3_open_v2(j->path, &j->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
				       NULL);
	/*
	 * Nothing is writing it (no WAL file): read it as immutable, so that
	 * reading leaves no -wal and -shm files behind that would later stop
	 * its owner from writing.
	 */
	uri = uri_immutable(j->path);
	if (!uri)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri, &j->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
						 SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	return rc;
}

/* What the file holds, read before anything writes; one read transaction. */
static int read_header(struct journal *j, int64_t *app, int64_t *ver, int64_t *objects)
{
	/*
	 * One read transaction, so another process setting the journal up at
	 * the same moment is seen either before or after, never half way.
	 */
	int rc = exec(j->db, "BEGIN");

	if (rc == SQLITE_OK)
		rc = pragma_int(j->db, "PRAGMA application_id", app);
	if (rc == SQLITE_OK)
		rc = pragma_int(j->db, "PRAGMA user_version", ver);
	if (rc == SQLITE_OK)
		rc = pragma_int(j->db, "SELECT count(*) FROM sqlite_master", objects);
	if (!sqlite3_get_autocommit(j->db))
		exec(j->db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK");
	return rc;
}

/* Switch to WAL; *wal says whether it took (the pragma answers with the mode in force). */
static int wal_mode(sqlite3 *db, bool *wal)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const unsigned char *m = sqlite3_column_text(st, 0);
			*wal = m && sqlite3_stricmp((const char *)m, "wal") == 0;
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Bring an older or new (empty) journal to this schema; or, reading, stand in for it. */
static enum status set_up(struct journal *j, enum journal_mode mode, int64_t ver,
			  struct strbuf *err)
{
	enum status st;
	bool wal = false;
	int rc;

	if (mode == JOURNAL_READ || j->readonly) {
		rc = SQLITE_OK;
		for (int64_t v = ver + 1; rc == SQLITE_OK && v <= JOURNAL_SCHEMA_VERSION; v++)
			if (schema_stand_ins[v])
				rc = exec(j->db, schema_stand_ins[v]);
		/* then no write can go through this connection, whatever a bug asks */
		if (rc == SQLITE_OK)
			rc = exec(j->db, "PRAGMA query_only = 1");
		return rc == SQLITE_OK ? ST_OK : fail(err, j->path, j->db, rc, "reading");
	}
	/* journal_mode answers with the mode in force: WAL must have taken */
	rc = wal_mode(j->db, &wal);
	if (rc == SQLITE_OK && !wal) {
		strbuf_addf(err, "journal %s cannot use write-ahead logging (its file system may "
			    "not support it); it was not changed", j->path);
		return ST_IOERR;
	}
	if (rc == SQLITE_OK)
		rc = exec(j->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
	if (rc != SQLITE_OK)
		return fail(err, j->path, j->db, rc, "opening");
	st = migrate(j, ver);
	if (st != ST_OK)
		strbuf_adds(err, strbuf_str(&j->err));
	return st;
}

enum status journal_open(const char *path, enum journal_mode mode, struct journal **out,
			 struct strbuf *err)
{
	struct journal *j = NULL;
	struct fs_trust trust;
	struct stat sb;
	int64_t app = 0, ver = 0, objects = 0;
	enum status st;
	int rc;

	*out = NULL;
	st = fs_trust_journal(path, mode != JOURNAL_READ, &trust, err);
	if (st != ST_OK)
		goto out;
	st = ST_NOMEM;
	j = calloc(1, sizeof(*j));
	if (!j || !(j->path = strdup(path)))
		goto nomem;

	if (!trust.exists) {
		struct strbuf dir = STRBUF_INIT;
		if (mode == JOURNAL_READ) {
			strbuf_addf(err, "there is no journal at %s", path);
			st = ST_USAGE;
			goto out;
		}
		if (mode == JOURNAL_CREATE && !make_parent(path, err)) {
			st = ST_IOERR;
			goto out;
		}
		fs_dir_of(path, &dir);
		if (mode_read_only(strbuf_str(&dir))) {
			strbuf_addf(err, "cannot create journal %s: directory %s is read-only", path,
				    strbuf_str(&dir));
			strbuf_release(&dir);
			st = ST_IOERR;
			goto out;
		}
		strbuf_release(&dir);
		st = create(path, err);
		if (st != ST_OK)
			goto out;
		/* checked again: what is there now is what another process made, or ours */
		st = fs_trust_journal(path, true, &trust, err);
		if (st != ST_OK)
			goto out;
	}
	j->readonly = !trust.writable;

	rc = open_db(j, trust.writable);
	if (rc != SQLITE_OK) {
		st = fail(err, path, j->db, rc, "opening");
		goto out;
	}
	sqlite3_extended_result_codes(j->db, 1);
	sqlite3_busy_timeout(j->db, JOURNAL_BUSY_MS);

	/* read before anything writes: a file that is not ours stays as it was */
	rc = read_header(j, &app, &ver, &objects);
	if (rc != SQLITE_OK) {
		st = fail(err, path, j->db, rc, "reading");
		goto out;
	}
	if (app == 0 && objects == 0 && ver == 0 && mode == JOURNAL_READ) {
		strbuf_addf(err, "there are no sessions yet (journal %s is empty)", path);
		st = ST_USAGE;
		goto out;
	}
	if (app != JOURNAL_APPLICATION_ID && !(app == 0 && objects == 0 && ver == 0)) {
		strbuf_addf(err, "%s is an SQLite database but not a mesos-upgrade journal; "
			    "it was not changed", path);
		st = ST_DATAERR;
		goto out;
	}
	if (ver > JOURNAL_SCHEMA_VERSION) {
		strbuf_addf(err, "journal %s was written by a newer mesos-upgrade (schema %lld; "
			    "this one knows %d); it was not changed", path, (long long)ver,
			    JOURNAL_SCHEMA_VERSION);
		st = ST_DATAERR;
		goto out;
	}
	st = check_schema(j, app, ver, objects, err);
	if (st != ST_OK)
		goto out;
	if (j->readonly && mode != JOURNAL_READ && ver == 0) {
		strbuf_addf(err, "journal %s is read-only and needs setting up", path);
		st = ST_IOERR;
		goto out;
	}
	st = set_up(j, mode, ver, err);
	if (st != ST_OK)
		goto out;
	if (stat(path, &sb) == 0) {
		j->dev = sb.st_dev;
		j->ino = sb.st_ino;
	}
	for (int q = 0; q < Q_COUNT; q++) {
		rc = sqlite3_prepare_v3(j->db, queries[q], -1, SQLITE_PREPARE_PERSISTENT, &j->q[q],
					NULL);
		if (rc != SQLITE_OK) {
			st = fail(err, path, j->db, rc, "reading");
			goto out;
		}
	}
	st = ST_OK;
	goto out;
nomem:
	strbuf_adds(err, "out of memory opening the journal");
out:
	if (st != ST_OK)
		journal_close(&j);
	*out = j;
	return st;
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

/*
 * A statement ready to bind: reset, and no bind failure recorded yet. Each
 * bind_* keeps the first failure in j->bind_rc and step() returns it
 * instead of running the statement with a value missing.
 */
static sqlite3_stmt *stmt(struct journal *j, enum query q)
{
	sqlite3_reset(j->q[q]);
	sqlite3_clear_bindings(j->q[q]);
	j->bind_rc = SQLITE_OK;
	return j->q[q];
}

static void bind_rc(struct journal *j, int rc)
{
	if (rc != SQLITE_OK && j->bind_rc == SQLITE_OK)
		j->bind_rc = rc;
}

static void bind_text(struct journal *j, sqlite3_stmt *st, int i, const char *s)
{
	bind_rc(j, sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC));
}

static void bind_int64(struct journal *j, sqlite3_stmt *st, int i, int64_t v)
{
	bind_rc(j, sqlite3_bind_int64(st, i, (sqlite3_int64)v));
}

static int step(struct journal *j, sqlite3_stmt *st)
{
	return j->bind_rc != SQLITE_OK ? j->bind_rc : sqlite3_step(st);
}

/*
 * Column @i's text copied into @a; NULL when memory runs out (SQLite's or
 * the arena's), which the caller reports. A NULL column reads as "".
 */
static const char *col_text(sqlite3_stmt *st, int i, struct arena *a)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	int n = sqlite3_column_bytes(st, i);

	if (!s && sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM)
		return NULL;
	return arena_strndup(a, s ? (const char *)s : "", s ? (size_t)n : 0);
}

/* A row that could not be read: out of memory, or a damaged page (an unknown action). */
static enum status row_fail(struct journal *j, enum status rs)
{
	strbuf_reset(&j->err);
	if (rs == ST_NOMEM)
		strbuf_adds(&j->err, "out of memory while reading the journal");
	else
		strbuf_addf(&j->err, "journal %s is corrupt (an event with an unknown action); it "
			    "was not changed", j->path);
	return rs;
}

static enum status run(struct journal *j, enum query q, const char *doing)
{
	int rc = step(j, j->q[q]);

	sqlite3_reset(j->q[q]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return jfail(j, rc, doing);
	return ST_OK;
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
		if (!(sb.st_mode & 0222)) {
			strbuf_reset(&j->err);
			strbuf_addf(&j->err, "journal %s was made read-only; nothing was recorded",
				    j->path);
			return ST_IOERR;
		}
	}
	stmt(j, Q_BEGIN);
	return run(j, Q_BEGIN, "waiting to write");
}

enum status journal_commit(struct journal *j)
{
	enum status st;

	stmt(j, Q_COMMIT);
	st = run(j, Q_COMMIT, "committing");
	if (st != ST_OK)
		journal_rollback(j);
	return st;
}

void journal_rollback(struct journal *j)
{
	if (sqlite3_get_autocommit(j->db))
		return;
	stmt(j, Q_ROLLBACK);
	sqlite3_step(j->q[Q_ROLLBACK]);
	sqlite3_reset(j->q[Q_ROLLBACK]);
}

enum status journal_session_add(struct journal *j, const struct journal_session *s,
				const struct journal_item *items, size_t nitems, int64_t *id)
{
	sqlite3_stmt *st = stmt(j, Q_SESSION_ADD);
	enum status rs;

	bind_text(j, st, 1, s->from);
	bind_text(j, st, 2, s->to);
	bind_text(j, st, 3, s->title);
	bind_text(j, st, 4, s->operator_name);
	bind_text(j, st, 5, s->host);
	bind_text(j, st, 6, s->created);
	bind_text(j, st, 7, s->content_digest);
	bind_text(j, st, 8, s->content_version);
	rs = run(j, Q_SESSION_ADD, "recording the session");
	if (rs != ST_OK)
		return rs;
	*id = sqlite3_last_insert_rowid(j->db);
	for (size_t i = 0; i < nitems; i++) {
		st = stmt(j, Q_ITEM_ADD);
		bind_int64(j, st, 1, *id);
		bind_int64(j, st, 2, (sqlite3_int64)i);
		bind_text(j, st, 3, items[i].id);
		bind_text(j, st, 4, items[i].kind);
		bind_text(j, st, 5, items[i].digest);
		rs = run(j, Q_ITEM_ADD, "recording the session");
		if (rs != ST_OK)
			return rs;
	}
	return ST_OK;
}

enum status journal_hosts_add(struct journal *j, int64_t session, const struct journal_host *h,
			      size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = stmt(j, Q_HOST_ADD);
		enum status rs;
		bind_int64(j, st, 1, session);
		bind_text(j, st, 2, h[i].role);
		bind_int64(j, st, 3, (sqlite3_int64)i);
		bind_text(j, st, 4, h[i].name);
		bind_int64(j, st, 5, h[i].leader ? 1 : 0);
		rs = run(j, Q_HOST_ADD, "recording the inventory");
		if (rs != ST_OK)
			return rs;
	}
	return ST_OK;
}

enum status journal_hosts(struct journal *j, int64_t session, struct arena *a,
			  struct journal_host **out, size_t *n)
{
	sqlite3_stmt *st = stmt(j, Q_HOSTS);
	struct journal_host *v = NULL, *p;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	bind_int64(j, st, 1, session);
	while ((rc = step(j, st)) == SQLITE_ROW) {
		p = arena_grow(a, v, *n, &cap, sizeof(*v), 64);
		if (!p) {
			sqlite3_reset(st);
			return ST_NOMEM;
		}
		v = p;
		p = &v[(*n)++];
		p->role = col_text(st, 0, a);
		p->name = col_text(st, 1, a);
		p->leader = sqlite3_column_int(st, 2) != 0;
		if (!p->role || !p->name) {
			sqlite3_reset(st);
			return ST_NOMEM;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return jfail(j, rc, "reading the inventory");
	*out = v;
	return ST_OK;
}

enum status journal_item_append(struct journal *j, int64_t session, const struct journal_item *it)
{
	sqlite3_stmt *st = stmt(j, Q_ITEM_APPEND);

	bind_int64(j, st, 1, session);
	bind_text(j, st, 2, it->id);
	bind_text(j, st, 3, it->kind);
	bind_text(j, st, 4, it->digest);
	return run(j, Q_ITEM_APPEND, "recording a new item");
}

static enum status quick_check(struct journal *j, const char *what);

enum status journal_session_get(struct journal *j, int64_t id, struct arena *a,
				struct journal_session *out, bool *found)
{
	sqlite3_stmt *st = stmt(j, Q_SESSION_GET);
	enum status rs = ST_OK;
	int rc;

	*found = false;
	bind_int64(j, st, 1, id);
	rc = step(j, st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->from = col_text(st, 1, a);
		out->to = col_text(st, 2, a);
		out->title = col_text(st, 3, a);
		out->operator_name = col_text(st, 4, a);
		out->host = col_text(st, 5, a);
		out->created = col_text(st, 6, a);
		out->content_digest = col_text(st, 7, a);
		out->content_version = col_text(st, 8, a);
		if (!out->from || !out->to || !out->title || !out->operator_name || !out->host ||
		    !out->created || !out->content_digest || !out->content_version)
			rs = row_fail(j, ST_NOMEM);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		rs = jfail(j, rc, "reading the session");
	}
	sqlite3_reset(st);
	/* "no such session" must not be a damaged page speaking: the table is small */
	if (rs == ST_OK && !*found)
		rs = quick_check(j, "sessions");
	return rs;
}

enum status journal_session_ids(struct journal *j, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = stmt(j, Q_SESSION_IDS);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	while ((rc = step(j, st)) == SQLITE_ROW) {
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
		return jfail(j, rc, "listing sessions");
	}
	return ST_OK;
}

enum status journal_event_add(struct journal *j, const struct journal_event *e, int64_t *id)
{
	sqlite3_stmt *st = stmt(j, Q_EVENT_ADD);
	enum status rs;

	bind_int64(j, st, 1, e->session);
	bind_text(j, st, 2, e->item);
	bind_text(j, st, 3, event_action_name(e->action));
	bind_text(j, st, 4, e->operator_name);
	bind_text(j, st, 5, e->host);
	bind_text(j, st, 6, e->time);
	bind_text(j, st, 7, e->text);
	bind_int64(j, st, 8, e->forced ? 1 : 0);
	bind_text(j, st, 9, e->digest);
	rs = run(j, Q_EVENT_ADD, "recording");
	if (rs == ST_OK && id)
		*id = sqlite3_last_insert_rowid(j->db);
	return rs;
}

/*
 * The action stored in column @i: the one place stored text becomes an
 * event_action. Text the schema's CHECK would never let in means a damaged
 * page; an out-of-memory NULL is told apart by SQLite's error code.
 */
static enum status col_action(sqlite3_stmt *st, int i, enum event_action *out)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	if (s && event_action_parse(s, out))
		return ST_OK;
	return !s && sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM ? ST_NOMEM
									       : ST_DATAERR;
}

/* Read an event from columns @c.. of @st; *has false when they are NULL (no event). */
static enum status col_event(sqlite3_stmt *st, int c, struct arena *a, struct journal_event *e,
			     bool *has)
{
	*has = sqlite3_column_type(st, c) != SQLITE_NULL;
	if (!*has)
		return ST_OK;
	e->id = sqlite3_column_int64(st, c);
	e->session = sqlite3_column_int64(st, c + 1);
	e->item = col_text(st, c + 2, a);
	e->operator_name = col_text(st, c + 4, a);
	e->host = col_text(st, c + 5, a);
	e->time = col_text(st, c + 6, a);
	e->text = col_text(st, c + 7, a);
	e->forced = sqlite3_column_int(st, c + 8) != 0;
	e->digest = col_text(st, c + 9, a);
	if (!e->item || !e->operator_name || !e->host || !e->time || !e->text || !e->digest)
		return ST_NOMEM;
	return col_action(st, c + 3, &e->action);
}

static enum status col_item_state(sqlite3_stmt *st, struct arena *a,
				  struct journal_item_state *p)
{
	enum status rs;

	p->item.id = col_text(st, 0, a);
	p->item.kind = col_text(st, 1, a);
	p->item.digest = col_text(st, 2, a);
	p->position = sqlite3_column_int(st, 3);
	if (!p->item.id || !p->item.kind || !p->item.digest)
		return ST_NOMEM;
	rs = col_event(st, 4, a, &p->state, &p->has_state);
	if (rs == ST_OK)
		rs = col_event(st, 14, a, &p->choice, &p->has_choice);
	if (rs == ST_OK)
		rs = col_event(st, 24, a, &p->note, &p->has_note);
	return rs;
}

/* The light row: the item, its state's action and forced flag, its branch. */
static enum status col_item_state_light(sqlite3_stmt *st, struct arena *a,
					struct journal_item_state *p)
{
	memset(p, 0, sizeof(*p));
	p->item.id = col_text(st, 0, a);
	if (!p->item.id)
		return ST_NOMEM;
	p->position = -1;
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		enum status rs = col_action(st, 1, &p->state.action);
		if (rs != ST_OK)
			return rs;
		p->has_state = true;
		p->state.forced = sqlite3_column_int(st, 2) != 0;
	}
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		p->has_choice = true;
		p->choice.text = col_text(st, 3, a);
		if (!p->choice.text)
			return ST_NOMEM;
	}
	return ST_OK;
}


enum status journal_item_states(struct journal *j, int64_t session, bool light, struct arena *a,
				struct journal_item_state **out, size_t *n)
{
	enum query q = light ? Q_ITEM_STATES_LIGHT : Q_ITEM_STATES;
	sqlite3_stmt *st = stmt(j, q);
	struct journal_item_state *v = NULL, *p;
	enum status rs;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	bind_int64(j, st, 1, session);
	while ((rc = step(j, st)) == SQLITE_ROW) {
		p = arena_grow(a, v, *n, &cap, sizeof(*v), 256);
		if (!p) {
			sqlite3_reset(st);
			return ST_NOMEM;
		}
		v = p;
		p = &v[(*n)++];
		rs = light ? col_item_state_light(st, a, p) : col_item_state(st, a, p);
		if (rs != ST_OK) {
			sqlite3_reset(st);
			return row_fail(j, rs);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return jfail(j, rc, "reading the session");
	*out = v;
	return ST_OK;
}

enum status journal_item_state(struct journal *j, int64_t session, const char *item,
			       struct arena *a, struct journal_item_state *out, bool *found)
{
	sqlite3_stmt *st = stmt(j, Q_ITEM_STATE_ONE);
	int rc;

	*found = false;
	bind_int64(j, st, 1, session);
	bind_text(j, st, 2, item);
	rc = step(j, st);
	if (rc == SQLITE_ROW) {
		enum status rs = col_item_state(st, a, out);
		if (rs != ST_OK) {
			sqlite3_reset(st);
			return row_fail(j, rs);
		}
		*found = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return jfail(j, rc, "reading the session");
	return ST_OK;
}

enum status journal_events(struct journal *j, int64_t session, const char *item,
			   bool newest_first, size_t limit,
			   bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	enum query q = item ? (newest_first ? Q_EVENTS_ITEM_DESC : Q_EVENTS_ITEM)
			    : (newest_first ? Q_EVENTS_ALL_DESC : Q_EVENTS_ALL);
	sqlite3_stmt *st = stmt(j, q);
	struct journal_event e;
	int rc;

	bind_int64(j, st, 1, session);
	if (item)
		bind_text(j, st, 2, item);
	bind_int64(j, st, 3, limit ? (sqlite3_int64)limit : -1);
	while ((rc = step(j, st)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.session = sqlite3_column_int64(st, 1);
		e.item = (const char *)sqlite3_column_text(st, 2);
		e.operator_name = (const char *)sqlite3_column_text(st, 4);
		e.host = (const char *)sqlite3_column_text(st, 5);
		e.time = (const char *)sqlite3_column_text(st, 6);
		e.text = (const char *)sqlite3_column_text(st, 7);
		e.forced = sqlite3_column_int(st, 8) != 0;
		e.digest = (const char *)sqlite3_column_text(st, 9);
		if (!e.item || !e.operator_name || !e.host || !e.time || !e.text || !e.digest ||
		    col_action(st, 3, &e.action) != ST_OK) {
			bool nomem = sqlite3_errcode(j->db) == SQLITE_NOMEM;
			sqlite3_reset(st);
			if (nomem)
				return ST_NOMEM;
			strbuf_reset(&j->err);
			strbuf_addf(&j->err, "journal %s is corrupt (event %lld has an empty or unknown field); "
				    "it was not changed", j->path, (long long)e.id);
			return ST_DATAERR;
		}
		if (!fn(ctx, &e))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return jfail(j, rc, "reading events");
	return ST_OK;
}

enum status journal_last_activity(struct journal *j, int64_t session, struct arena *a,
				  const char **time)
{
	sqlite3_stmt *st = stmt(j, Q_LAST_ACTIVITY);
	int rc;

	bind_int64(j, st, 1, session);
	rc = step(j, st);
	*time = rc == SQLITE_ROW ? col_text(st, 0, a) : "";
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return jfail(j, rc, "reading events");
	return *time ? ST_OK : ST_NOMEM;
}

enum status journal_data_version(struct journal *j, int64_t *v)
{
	sqlite3_stmt *st = stmt(j, Q_DATA_VERSION);
	int rc = step(j, st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return jfail(j, rc, "reading");
	return ST_OK;
}

/* One line of SQLite's check report: its "*** in database main ***" header dropped. */
static void add_problem(struct strbuf *sb, const char *r)
{
	const char *header = "*** in database main ***";

	if (!strncmp(r, header, strlen(header)))
		r += strlen(header);
	while (*r == '\n' || *r == ' ')
		r++;
	for (; *r; r++)
		if (*r == '\n')
			strbuf_adds(sb, "; ");
		else
			strbuf_addc(sb, *r);
}

/* SQLite's quick_check of the whole file (@what "1") or of one table and its indexes. */
static enum status quick_check(struct journal *j, const char *what)
{
	sqlite3_stmt *st = NULL;
	enum status rs = ST_OK;
	char sql[64];
	int rc;

	snprintf(sql, sizeof(sql), "PRAGMA quick_check(%s)", what);
	rc = sqlite3_prepare_v2(j->db, sql, -1, &st, NULL);

	strbuf_reset(&j->err);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *r = sqlite3_column_text(st, 0);
		if (!r) {
			rs = jfail(j, SQLITE_NOMEM, "checking it");
		} else if (strcmp((const char *)r, "ok") != 0) {
			strbuf_addf(&j->err, "journal %s is corrupt (", j->path);
			add_problem(&j->err, (const char *)r);
			strbuf_addf(&j->err, "); it was not changed: keep a copy, then recover "
				    "its events with 'sqlite3 %s .recover'", j->path);
			rs = ST_DATAERR;
		}
	} else {
		rs = jfail(j, rc, "checking it");
	}
	sqlite3_finalize(st);
	return rs;
}

enum status journal_check(struct journal *j)
{
	return quick_check(j, "1");
}
