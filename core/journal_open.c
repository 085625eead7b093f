/*
 * journal_open.c - finding, trusting, creating, opening and checking the
 * journal file (see journal.h and journal_private.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fs_trust.h"
#include "journal_private.h"
#include "tempfile.h"

/* Turn an SQLite result into a status; append a one-line message about @path to @err. */
enum status journal_fail(struct strbuf *err, const char *path, sqlite3 *db, int rc,
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

enum status journal_fail_on(struct journal *j, int rc, const char *doing)
{
	strbuf_reset(&j->err);
	return journal_fail(&j->err, j->path, j->db, rc, doing);
}

const char *journal_error(const struct journal *j)
{
	return strbuf_str(&j->err);
}

enum status journal_report(const struct journal *j, enum status st, struct diag_list *dl)
{
	return diag_fail(dl, st, "%s", st == ST_NOMEM ? "out of memory" : journal_error(j));
}

enum status journal_report_why(const struct journal *j, enum status st,
			       const struct strbuf *why, struct diag_list *dl)
{
	if (st != ST_OK && why->len)
		diag_fail_why(dl, st, why);
	else if (st != ST_OK)
		journal_report(j, st, dl); /* the journal's words, or "out of memory" */
	return st;
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

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

/*
 * mkdir -p the directory of @path, new directories 0700 -- never inside a
 * directory another user owns (root with another user's HOME, as sudo may
 * keep it, would otherwise take over that user's ~/.local).
 */
static enum status make_parent(const char *path, struct strbuf *err)
{
	char *dir = strdup(path), *p;
	enum status st = ST_OK;

	if (!dir)
		return ST_NOMEM;
	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; st == ST_OK; p++) {
			if (*p != '/' && *p != '\0')
				continue;
			char c = *p;
			struct stat sb, up;
			*p = '\0';
			if (stat(dir, &sb) != 0) {
				char *slash = strrchr(dir, '/');
				*slash = '\0';
				bool theirs = stat(*dir ? dir : "/", &up) == 0 && up.st_uid != geteuid() &&
					      up.st_uid != 0;
				if (theirs) {
					strbuf_addf(err, "will not create the journal's directory in "
						    "%s: it ", *dir ? dir : "/");
					fs_add_not_yours(err, up.st_uid);
					strbuf_adds(err, " (is HOME another user's?); give --journal FILE "
						    "or set HOME or XDG_STATE_HOME to a directory of your own");
					st = ST_NOPERM;
				}
				*slash = '/';
			}
			if (st == ST_OK && mkdir(dir, 0700) != 0 && errno != EEXIST) {
				strbuf_addf(err, "cannot create directory %s for the journal: %s", dir,
					    strerror(errno));
				st = ST_IOERR;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return st;
}

int journal_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int journal_pragma_int(sqlite3 *db, const char *sql, int64_t *v)
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

/* The owner's write bit cleared means "do not touch", for root too. */
static bool mode_read_only(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && !(sb.st_mode & S_IWUSR);
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
		rc = journal_exec(t.db, "PRAGMA journal_mode = WAL");
	if (rc != SQLITE_OK) {
		st = journal_fail(err, path, t.db, rc, "creating it");
		goto out;
	}
	st = journal_migrate(&t, 0);
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
	int rc = journal_exec(j->db, "BEGIN");

	if (rc == SQLITE_OK)
		rc = journal_pragma_int(j->db, "PRAGMA application_id", app);
	if (rc == SQLITE_OK)
		rc = journal_pragma_int(j->db, "PRAGMA user_version", ver);
	if (rc == SQLITE_OK)
		rc = journal_pragma_int(j->db, "SELECT count(*) FROM sqlite_master", objects);
	if (!sqlite3_get_autocommit(j->db))
		journal_exec(j->db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK");
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

	j->schema = ver;
	if (mode == JOURNAL_READ || j->readonly) {
		rc = journal_add_stand_ins(j->db, ver);
		/* then no write can go through this connection, whatever a bug asks */
		if (rc == SQLITE_OK)
			rc = journal_exec(j->db, "PRAGMA query_only = 1");
		return rc == SQLITE_OK ? ST_OK : journal_fail(err, j->path, j->db, rc, "reading");
	}
	/* journal_mode answers with the mode in force: WAL must have taken */
	rc = wal_mode(j->db, &wal);
	if (rc == SQLITE_OK && !wal) {
		strbuf_addf(err, "journal %s cannot use write-ahead logging (its file system may "
			    "not support it); it was not changed", j->path);
		return ST_IOERR;
	}
	if (rc == SQLITE_OK)
		rc = journal_exec(j->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
	if (rc != SQLITE_OK)
		return journal_fail(err, j->path, j->db, rc, "opening");
	st = journal_migrate(j, ver);
	if (st != ST_OK)
		strbuf_adds(err, strbuf_str(&j->err));
	else
		j->schema = JOURNAL_SCHEMA_VERSION;
	return st;
}

/*
 * There is no journal at @path: refused for reading, else made (with its
 * directory, for JOURNAL_CREATE), and *@trust read again for what is there now.
 */
static enum status create_missing(const char *path, enum journal_mode mode,
				  struct fs_trust *trust, struct strbuf *err)
{
	struct strbuf dir = STRBUF_INIT;
	enum status st;

	if (mode == JOURNAL_READ) {
		strbuf_addf(err, "there is no journal at %s", path);
		return ST_USAGE;
	}
	if (mode == JOURNAL_CREATE && (st = make_parent(path, err)) != ST_OK)
		return st;
	fs_dir_of(path, &dir);
	if (mode_read_only(strbuf_str(&dir))) {
		strbuf_addf(err, "cannot create journal %s: directory %s is read-only", path,
			    strbuf_str(&dir));
		strbuf_release(&dir);
		return ST_IOERR;
	}
	strbuf_release(&dir);
	st = create(path, err);
	if (st != ST_OK)
		return st;
	/* checked again: what is there now is what another process made, or ours */
	return fs_trust_journal(path, true, trust, err);
}

/* The SQLite connection to j->path, with extended result codes and the busy timeout. */
enum status journal_connect(struct journal *j, bool writable, struct strbuf *err)
{
	int rc = open_db(j, writable);

	if (rc != SQLITE_OK)
		return journal_fail(err, j->path, j->db, rc, "opening");
	sqlite3_extended_result_codes(j->db, 1);
	sqlite3_busy_timeout(j->db, JOURNAL_BUSY_MS);
	return ST_OK;
}

/*
 * Whether the file is a journal this program may use in @mode, read before
 * anything writes (a file that is not ours stays as it was); its schema
 * version in *@ver.
 */
static enum status check_header(struct journal *j, enum journal_mode mode, int64_t *ver,
				struct strbuf *err)
{
	int64_t app = 0, objects = 0;
	bool empty;
	enum status st;
	int rc = read_header(j, &app, ver, &objects);

	if (rc != SQLITE_OK)
		return journal_fail(err, j->path, j->db, rc, "reading");
	empty = app == 0 && objects == 0 && *ver == 0;
	if (empty && mode == JOURNAL_READ) {
		strbuf_addf(err, "there are no sessions yet (journal %s is empty)", j->path);
		return ST_USAGE;
	}
	if (app != JOURNAL_APPLICATION_ID && !empty) {
		strbuf_addf(err, "%s is an SQLite database but not a mesos-upgrade journal; "
			    "it was not changed", j->path);
		return ST_DATAERR;
	}
	if (*ver > JOURNAL_SCHEMA_VERSION) {
		strbuf_addf(err, "journal %s was written by a newer mesos-upgrade (schema %lld; "
			    "this one knows %d); it was not changed", j->path, (long long)*ver,
			    JOURNAL_SCHEMA_VERSION);
		return ST_DATAERR;
	}
	st = journal_check_schema(j, app, *ver, objects, err);
	if (st != ST_OK)
		return st;
	if (j->readonly && mode != JOURNAL_READ && *ver == 0) {
		strbuf_addf(err, "journal %s is read-only and needs setting up", j->path);
		return ST_IOERR;
	}
	return ST_OK;
}

enum status journal_open(const char *path, enum journal_mode mode, struct journal **out,
			 struct diag_list *dl)
{
	struct strbuf err = STRBUF_INIT; /* the helpers' words, said in @dl at the end */
	struct journal *j = NULL;
	struct fs_trust trust;
	struct stat before, sb;     /* the path's file before and after the connection opens it */
	bool known;
	int64_t ver = 0;
	enum status st;

	*out = NULL;
	st = fs_trust_journal(path, mode != JOURNAL_READ, &trust, &err);
	if (st != ST_OK)
		goto out;
	st = ST_NOMEM;
	j = calloc(1, sizeof(*j));
	if (!j || !(j->path = strdup(path))) {
		strbuf_adds(&err, "out of memory opening the journal");
		goto out;
	}
	if (!trust.exists && (st = create_missing(path, mode, &trust, &err)) != ST_OK)
		goto out;
	j->readonly = !trust.writable;
	known = stat(path, &before) == 0;
	st = journal_connect(j, trust.writable, &err);
	if (st == ST_OK)
		st = check_header(j, mode, &ver, &err);
	if (st == ST_OK)
		st = set_up(j, mode, ver, &err);
	if (st != ST_OK)
		goto out;
	if (stat(path, &sb) == 0) {
		j->dev = sb.st_dev;
		j->ino = sb.st_ino;
		j->file_fixed = known && sb.st_dev == before.st_dev && sb.st_ino == before.st_ino;
	}
	st = journal_prepare(j, &err);
out:
	if (st != ST_OK) {
		diag_fail_why(dl, st, &err);
		journal_close(&j);
	}
	strbuf_release(&err);
	*out = j;
	return st;
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

/*
 * SQLite's quick_check of the whole file (@what "1") or of one table and its
 * indexes: every page, every row's place, NOT NULL. Not the CHECK
 * constraints: SQLite evaluates those row by row (an events row's "action
 * IN (...)" builds its list again each time: 2.5 G of the 3.5 G instructions
 * of checking workload A's 44 MB), and what they guard is read as it is used
 * (an event of an unknown action is "corrupt" when read: journal_col_event()).
 * ignore_check_constraints is set for the check alone, and must be set back:
 * it would let writes past the constraints too.
 */
enum status journal_quick_check(struct journal *j, const char *what)
{
	sqlite3_stmt *st = NULL;
	enum status rs = ST_OK;
	char sql[64];
	int rc = sqlite3_exec(j->db, "PRAGMA ignore_check_constraints = 1", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return journal_fail_on(j, rc, "checking it");
	snprintf(sql, sizeof(sql), "PRAGMA quick_check(%s)", what);
	rc = sqlite3_prepare_v2(j->db, sql, -1, &st, NULL);

	strbuf_reset(&j->err);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *r = sqlite3_column_text(st, 0);
		if (!r) {
			rs = journal_fail_on(j, SQLITE_NOMEM, "checking it");
		} else if (strcmp((const char *)r, "ok") != 0) {
			strbuf_addf(&j->err, "journal %s is corrupt (", j->path);
			add_problem(&j->err, (const char *)r);
			strbuf_addf(&j->err, "); it was not changed: keep a copy, then recover "
				    "its events with 'sqlite3 %s .recover'", j->path);
			rs = ST_DATAERR;
		}
	} else {
		rs = journal_fail_on(j, rc, "checking it");
	}
	sqlite3_finalize(st);
	rc = sqlite3_exec(j->db, "PRAGMA ignore_check_constraints = 0", NULL, NULL, NULL);
	if (rc != SQLITE_OK && rs == ST_OK)
		rs = journal_fail_on(j, rc, "checking it");
	return rs;
}

enum status journal_check(struct journal *j)
{
	return journal_quick_check(j, "1");
}

enum status journal_check_sessions(struct journal *j)
{
	return journal_quick_check(j, "sessions");
}
