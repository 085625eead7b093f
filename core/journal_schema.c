/*
 * journal_schema.c - the journal's schema: the migrations that build it, and
 * what each version must hold (see journal_private.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "journal_private.h"

/* Triggers that refuse to update or delete the rows of @table. */
#define FIXED(table, why) \
	"CREATE TRIGGER " table "_fixed_update BEFORE UPDATE ON " table \
	"  BEGIN SELECT RAISE(ABORT, '" why "'); END;" \
	"CREATE TRIGGER " table "_fixed_delete BEFORE DELETE ON " table \
	"  BEGIN SELECT RAISE(ABORT, '" why "'); END;"

/*
 * Whether state @x is one that resolves an item (done, ack or skip). Written
 * out, not as "IN (...)": for a list of three or more SQLite builds a
 * temporary table each time a trigger runs (six times the processor time of
 * a check-off of many hosts; schema 9 replaced the triggers written so).
 */
#define RESOLVING(x) "(" x " = 'done' OR " x " = 'ack' OR " x " = 'skip')"

/* Whether item_state row @r's state is resolved (done, ack or skip) and forced. */
#define RESOLVED_FORCED(r) "(" RESOLVING("ifnull(" r ".state, '')") " AND " \
			   "ifnull(" r ".forced, 0) = 1)"

/* Whether item_state row @r's state is resolved by an event of other content than planned. */
#define RESOLVED_STALE(r) "(" RESOLVING("ifnull(" r ".state, '')") " AND " \
			  "(SELECT digest FROM events WHERE id = " r ".state_event) IS NOT " \
			  "(SELECT digest FROM session_items i WHERE i.session = " r ".session" \
			  " AND i.item = " r ".item))"

/* host_counts.last_event after item_state row @r changed: its state event when that resolves. */
#define LATEST_RESOLVING(r) "CASE WHEN " RESOLVING("ifnull(" r ".state, '')") \
			    " THEN max(ifnull(last_event, 0), " r ".state_event) ELSE last_event END"

/* item_state kept by each event: its latest state, choice and note (schema 1; 9) */
#define TRIGGER_EVENTS_LATEST \
	"CREATE TRIGGER events_latest AFTER INSERT ON events BEGIN" \
	"  INSERT INTO item_state (session, item, state_event, state, forced, choice_event," \
	"    branch, note_event)" \
	"  SELECT NEW.session, NEW.item, s, CASE WHEN s IS NOT NULL THEN NEW.action END," \
	"    CASE WHEN s IS NOT NULL THEN NEW.forced END, c," \
	"    CASE WHEN c IS NOT NULL THEN NEW.text END, n" \
	"  FROM (SELECT CASE WHEN " RESOLVING("NEW.action") " OR NEW.action = 'undo'" \
	"    THEN NEW.id END AS s," \
	"    CASE WHEN NEW.action = 'choose' THEN NEW.id END AS c," \
	"    CASE WHEN NEW.action = 'note' THEN NEW.id END AS n) WHERE true" \
	"  ON CONFLICT (session, item) DO UPDATE SET" \
	"    state = CASE WHEN excluded.state_event IS NOT NULL THEN excluded.state ELSE state END," \
	"    forced = CASE WHEN excluded.state_event IS NOT NULL THEN excluded.forced ELSE forced END," \
	"    state_event = coalesce(excluded.state_event, state_event)," \
	"    branch = CASE WHEN excluded.choice_event IS NOT NULL THEN excluded.branch ELSE branch END," \
	"    choice_event = coalesce(excluded.choice_event, choice_event)," \
	"    note_event = coalesce(excluded.note_event, note_event);" \
	"  END;"

/* host_counts.first_event after item_state row @r changed: its state event when that resolves (schema 10). */
#define FIRST_RESOLVING(r) ", first_event = CASE WHEN " RESOLVING("ifnull(" r ".state, '')") \
			   " THEN min(coalesce(first_event, " r ".state_event), " r ".state_event)" \
			   " ELSE first_event END"

/* host_counts kept as item_state changes (schema 7; 9; 10: @first, FIRST_RESOLVING() or "") */
#define TRIGGERS_HOST_COUNTS(first) \
	"CREATE TRIGGER host_counts_recorded AFTER INSERT ON item_state" \
	"  WHEN instr(NEW.item, '@') > 0 BEGIN" \
	"  UPDATE host_counts SET recorded = recorded + 1," \
	"    done = done + (ifnull(NEW.state, '') IN ('done', 'ack'))," \
	"    skipped = skipped + (ifnull(NEW.state, '') = 'skip')," \
	"    forced = forced + (" RESOLVED_FORCED("NEW") ")," \
	"    stale = stale + (" RESOLVED_STALE("NEW") ")," \
	"    last_event = " LATEST_RESOLVING("NEW") first \
	"  WHERE session = NEW.session AND step = substr(NEW.item, 1, instr(NEW.item, '@') - 1);" \
	"  END;" \
	"CREATE TRIGGER host_counts_state AFTER UPDATE OF state ON item_state" \
	"  WHEN instr(NEW.item, '@') > 0 BEGIN" \
	"  UPDATE host_counts SET" \
	"    done = done + (ifnull(NEW.state, '') IN ('done', 'ack'))" \
	"      - (ifnull(OLD.state, '') IN ('done', 'ack'))," \
	"    skipped = skipped + (ifnull(NEW.state, '') = 'skip') - (ifnull(OLD.state, '') = 'skip')," \
	"    forced = forced + (" RESOLVED_FORCED("NEW") ") - (" RESOLVED_FORCED("OLD") ")," \
	"    stale = stale + (" RESOLVED_STALE("NEW") ") - (" RESOLVED_STALE("OLD") ")," \
	"    last_event = " LATEST_RESOLVING("NEW") first \
	"  WHERE session = NEW.session AND step = substr(NEW.item, 1, instr(NEW.item, '@') - 1);" \
	"  END;"

/* hop_first kept by each check-off and acknowledgement (schema 8; 9) */
#define TRIGGER_HOP_FIRST_EVENT \
	"CREATE TRIGGER hop_first_event AFTER INSERT ON events" \
	"  WHEN " RESOLVING("NEW.action") " OR NEW.action = 'choose' BEGIN" \
	"  INSERT INTO hop_first VALUES (NEW.session, substr(NEW.item, 1, instr(NEW.item, '/') - 1)," \
	"    CASE WHEN NEW.action <> 'ack' THEN NEW.id END," \
	"    CASE WHEN NEW.action = 'ack' THEN NEW.id END)" \
	"  ON CONFLICT (session, hop) DO UPDATE SET" \
	"    checkoff = coalesce(checkoff, excluded.checkoff), ack = coalesce(ack, excluded.ack);" \
	"  END;"

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
	TRIGGER_EVENTS_LATEST
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
	/* 3: the cluster of a session, what each probe of it saw, and the evidence
	 * that verified an item */
	"CREATE TABLE session_masters ("
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  position INTEGER NOT NULL,"
	"  url TEXT NOT NULL,"
	"  PRIMARY KEY (session, position),"
	"  UNIQUE (session, url)) WITHOUT ROWID;"
	"CREATE TABLE session_cluster ("
	"  session INTEGER PRIMARY KEY REFERENCES sessions(id),"
	"  credentials TEXT,"
	"  cacert TEXT);"
	"CREATE TABLE probes ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  time TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  leader TEXT);"
	"CREATE INDEX probes_session ON probes(session, id);"
	"CREATE TABLE probe_hosts ("
	"  probe INTEGER NOT NULL REFERENCES probes(id),"
	"  role TEXT NOT NULL CHECK (role IN ('master', 'agent')),"
	"  position INTEGER NOT NULL,"
	"  host TEXT NOT NULL,"
	"  url TEXT,"
	"  version TEXT,"
	"  active INTEGER NOT NULL CHECK (active IN (0, 1)),"
	"  recovered INTEGER NOT NULL CHECK (recovered IN (0, 1)),"
	"  reachable INTEGER NOT NULL CHECK (reachable IN (0, 1)),"
	"  leader INTEGER NOT NULL CHECK (leader IN (0, 1)),"
	"  error TEXT,"
	"  PRIMARY KEY (probe, role, position)) WITHOUT ROWID;"
	"CREATE TABLE probe_warnings ("
	"  probe INTEGER NOT NULL REFERENCES probes(id),"
	"  position INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (probe, position)) WITHOUT ROWID;"
	"CREATE TABLE event_evidence ("
	"  event INTEGER PRIMARY KEY REFERENCES events(id),"
	"  probe INTEGER NOT NULL REFERENCES probes(id),"
	"  version TEXT NOT NULL,"
	"  source TEXT NOT NULL);"
	FIXED("session_masters", "a session''s masters are fixed")
	FIXED("session_cluster", "a session''s cluster is fixed")
	FIXED("probes", "probes are append-only")
	FIXED("probe_hosts", "probes are append-only")
	FIXED("probe_warnings", "probes are append-only")
	FIXED("event_evidence", "evidence is append-only"),
	/* 4: a session's life cycle: closed and reopened, retitled */
	"CREATE TABLE session_changes ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  action TEXT NOT NULL CHECK (action IN ('close', 'reopen', 'title')),"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  time TEXT NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX session_changes_session ON session_changes(session, action, id);"
	FIXED("session_changes", "a session''s changes are append-only"),
	/* 5: hosts left out of the upgrade (and back in) with the skips that did it,
	 * hosts added to a session's inventory, the end of the session's window */
	"CREATE TABLE exclusions ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  action TEXT NOT NULL CHECK (action IN ('exclude', 'include')),"
	"  role TEXT NOT NULL CHECK (role IN ('master', 'agent')),"
	"  target TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  time TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  forced INTEGER NOT NULL CHECK (forced IN (0, 1)));"
	"CREATE INDEX exclusions_session ON exclusions(session, id);"
	"CREATE TABLE event_exclusions ("
	"  event INTEGER PRIMARY KEY REFERENCES events(id),"
	"  exclusion INTEGER NOT NULL REFERENCES exclusions(id));"
	"CREATE TABLE inventory_edits ("
	"  id INTEGER PRIMARY KEY,"
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  from_hop TEXT NOT NULL,"
	"  file TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  time TEXT NOT NULL);"
	"CREATE TABLE added_hosts ("
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  role TEXT NOT NULL CHECK (role IN ('master', 'agent')),"
	"  host TEXT NOT NULL,"
	"  edit INTEGER NOT NULL REFERENCES inventory_edits(id),"
	"  PRIMARY KEY (session, role, host)) WITHOUT ROWID;"
	"CREATE TABLE whole_steps ("
	"  session INTEGER NOT NULL REFERENCES sessions(id),"
	"  item TEXT NOT NULL,"
	"  edit INTEGER NOT NULL REFERENCES inventory_edits(id),"
	"  PRIMARY KEY (session, item)) WITHOUT ROWID;"
	"CREATE TABLE session_window ("
	"  session INTEGER PRIMARY KEY REFERENCES sessions(id),"
	"  window_end TEXT NOT NULL);"
	FIXED("exclusions", "exclusions are append-only")
	FIXED("event_exclusions", "exclusions are append-only")
	FIXED("inventory_edits", "a session''s inventory edits are append-only")
	FIXED("added_hosts", "a session''s inventory edits are append-only")
	FIXED("whole_steps", "a session''s inventory edits are append-only")
	FIXED("session_window", "a session''s window is fixed"),
	/* 6: where a session's content was loaded from: a directory (absolute),
	 * or NULL for the content built into the binary */
	"CREATE TABLE session_content ("
	"  session INTEGER PRIMARY KEY REFERENCES sessions(id),"
	"  dir TEXT);"
	FIXED("session_content", "a session''s content is fixed"),
	/* 7: per per-host step of a session, how many hosts' items it has, how
	 * many have a recorded state, how many of them are done and skipped, of
	 * those how many forced and how many resolved under other content (the
	 * event's digest not the planned one), and the latest event that resolved
	 * one (done, acknowledged or skipped: when all are, the one that resolved
	 * the step). Its hosts are counted as the items are recorded (journal.c:
	 * a trigger on each of a start's hundreds of thousands of items took 20 s);
	 * the rest by triggers:
	 * kept by triggers, so that a check-off reads its rules' counts without
	 * reading every host's item (the hosts' item ids are "HOP/STEP@HOST") */
	"CREATE TABLE host_counts ("
	"  session INTEGER NOT NULL,"
	"  step TEXT NOT NULL,"
	"  hosts INTEGER NOT NULL,"
	"  recorded INTEGER NOT NULL,"
	"  done INTEGER NOT NULL,"
	"  skipped INTEGER NOT NULL,"
	"  forced INTEGER NOT NULL,"
	"  stale INTEGER NOT NULL,"
	"  last_event INTEGER,"
	"  PRIMARY KEY (session, step)) WITHOUT ROWID;"
	/* the plan's items' states apart from the hosts' (a check-off reads them all) */
	"CREATE INDEX item_state_plan ON item_state(session, item, state, forced, branch)"
	"  WHERE instr(item, '@') = 0;"
	TRIGGERS_HOST_COUNTS(""),
	/* 8: per hop of a session (the item ids' "HOP/"), its first check-off (a done,
	 * skip or choice not written by an exclusion) and its first acknowledgement:
	 * where the hop's time starts (session_event_checks_off()) */
	"CREATE TABLE hop_first ("
	"  session INTEGER NOT NULL,"
	"  hop TEXT NOT NULL,"
	"  checkoff INTEGER,"
	"  ack INTEGER,"
	"  PRIMARY KEY (session, hop)) WITHOUT ROWID;"
	TRIGGER_HOP_FIRST_EVENT
	/* an exclusion's skip links to it after it is written: it was no check-off */
	"CREATE TRIGGER hop_first_exclusion AFTER INSERT ON event_exclusions BEGIN"
	"  UPDATE hop_first SET checkoff = NULL WHERE checkoff = NEW.event; END;"
	"INSERT INTO hop_first SELECT session, substr(item, 1, instr(item, '/') - 1),"
	"  min(id) FILTER (WHERE action IN ('done', 'skip', 'choose')"
	"    AND id NOT IN (SELECT event FROM event_exclusions)),"
	"  min(id) FILTER (WHERE action = 'ack')"
	"  FROM events WHERE action IN ('done', 'skip', 'choose', 'ack') GROUP BY 1, 2;",
	/* 9: the triggers written with IN lists of three or more, written out
	 * (RESOLVING); the host counts' in migrations_then[9] */
	"DROP TRIGGER IF EXISTS events_latest;" TRIGGER_EVENTS_LATEST
	"DROP TRIGGER IF EXISTS hop_first_event;" TRIGGER_HOP_FIRST_EVENT,
	/* 10: per per-host step, the earliest event that resolved one of its hosts,
	 * as last_event the latest: a step's first and last check-off are read from
	 * the two and checked against their hosts' states, not by reading every
	 * host's (journal_host_span()); the sessions' already in migrations_then[10] */
	"ALTER TABLE host_counts ADD COLUMN first_event INTEGER;"
	"DROP TRIGGER IF EXISTS host_counts_recorded;"
	"DROP TRIGGER IF EXISTS host_counts_state;" TRIGGERS_HOST_COUNTS(FIRST_RESOLVING("NEW")),
	/* 11: a session's agents packed in one row as they were planned (the
	 * inventory's agents' names, each followed by NUL, and a byte each whether
	 * it leads), written with its inventory: read in one step, not a row an
	 * agent (journal_agents_packed()); a session started before has none, and
	 * its agents are read a row each as before */
	"CREATE TABLE agents_packed ("
	"  session INTEGER PRIMARY KEY REFERENCES sessions(id),"
	"  agents INTEGER NOT NULL,"
	"  names BLOB NOT NULL,"
	"  leaders BLOB NOT NULL);"
	FIXED("agents_packed", "a session''s inventory is fixed"),
	/* 12: who recorded in a session, each (operator, host) once with its first
	 * event, and the notes indexed: a report's record (its operators, the notes
	 * under their items) is read from them, not from a pass over every event,
	 * while its timeline is read on a second connection (report_spool.c); the
	 * sessions' already in migrations_then[12] */
	"CREATE TABLE session_operators ("
	"  session INTEGER NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  first_event INTEGER NOT NULL,"
	"  PRIMARY KEY (session, operator, host)) WITHOUT ROWID;"
	"CREATE TRIGGER session_operators_event AFTER INSERT ON events BEGIN"
	"  INSERT INTO session_operators VALUES (NEW.session, NEW.operator, NEW.host, NEW.id)"
	"  ON CONFLICT DO NOTHING; END;"
	"CREATE INDEX events_note ON events(session, id) WHERE action = 'note';",
};

/* What a migration does after migrations[N], when one string would be too long for C. */
static const char *const migrations_then[JOURNAL_SCHEMA_VERSION + 1] = {
	/* 7: the counts of the sessions the journal has already */
	[7] =
	"INSERT INTO host_counts"
	"  SELECT session, substr(item, 1, instr(item, '@') - 1), count(*), 0, 0, 0, 0, 0, NULL"
	"  FROM session_items WHERE instr(item, '@') > 0 GROUP BY 1, 2;"
	"UPDATE host_counts SET"
	"  recorded = (SELECT count(*) FROM item_state s WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'),"
	"  done = (SELECT count(*) FROM item_state s WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'"
	"    AND s.state IN ('done', 'ack')),"
	"  skipped = (SELECT count(*) FROM item_state s WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'"
	"    AND s.state = 'skip'),"
	"  forced = (SELECT count(*) FROM item_state s WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'"
	"    AND " RESOLVED_FORCED("s") "),"
	"  stale = (SELECT count(*) FROM item_state s WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'"
	"    AND " RESOLVED_STALE("s") "),"
	"  last_event = (SELECT max(state_event) FROM item_state s"
	"    WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'"
	"    AND s.state IN ('done', 'ack', 'skip'));",
	[9] =
	"DROP TRIGGER IF EXISTS host_counts_recorded;"
	"DROP TRIGGER IF EXISTS host_counts_state;" TRIGGERS_HOST_COUNTS(""),
	/* 10: the earliest of the events that resolve a host now (none has resolved
	 * one earlier and still does) */
	[10] =
	"UPDATE host_counts SET"
	"  first_event = (SELECT min(state_event) FROM item_state s"
	"    WHERE s.session = host_counts.session"
	"    AND s.item > host_counts.step || '@' AND s.item < host_counts.step || 'A'"
	"    AND " RESOLVING("s.state") ");",
	/* 12: the operators of the sessions already there */
	[12] = "INSERT INTO session_operators"
	       "  SELECT session, operator, host, min(id) FROM events GROUP BY 1, 2, 3;",
};

enum status journal_migrate(struct journal *j, int64_t from)
{
	char sql[64];
	int rc;

	for (int64_t v = from + 1; v <= JOURNAL_SCHEMA_VERSION; v++) {
		int64_t now = 0;
		rc = journal_exec(j->db, "BEGIN IMMEDIATE");
		if (rc != SQLITE_OK)
			return journal_fail_on(j, rc, "preparing the journal");
		/* another process may have migrated it while we waited for the lock */
		rc = journal_pragma_int(j->db, "PRAGMA user_version", &now);
		if (rc == SQLITE_OK && now >= v) {
			rc = journal_exec(j->db, "COMMIT");
			if (rc != SQLITE_OK) {
				journal_exec(j->db, "ROLLBACK");
				return journal_fail_on(j, rc, "preparing the journal");
			}
			continue;
		}
		if (rc == SQLITE_OK)
			rc = journal_exec(j->db, migrations[v]);
		if (rc == SQLITE_OK && migrations_then[v])
			rc = journal_exec(j->db, migrations_then[v]);
		if (rc == SQLITE_OK) {
			snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)v);
			rc = journal_exec(j->db, sql);
		}
		if (rc == SQLITE_OK)
			rc = journal_exec(j->db, "COMMIT");
		if (rc != SQLITE_OK) {
			enum status st = journal_fail_on(j, rc, "preparing the journal");
			journal_exec(j->db, "ROLLBACK");
			return st;
		}
	}
	return ST_OK;
}

/*
 * The tables each schema version adds, with the columns the queries read: a
 * journal missing one was damaged or changed by another program.
 */
static const struct {
	int version;
	const char *table;
	const char *columns[12]; /* NULL-terminated */
} schema_tables[] = {
	{ 1, "sessions", { "id", "from_version", "to_version", "title", "operator", "host",
			   "created", "content_digest", "content_version" } },
	{ 1, "session_items", { "session", "position", "item", "kind", "digest" } },
	{ 1, "events", { "id", "session", "item", "action", "operator", "host", "time", "text",
			 "forced", "digest" } },
	{ 1, "item_state", { "session", "item", "state_event", "state", "forced", "choice_event",
			     "branch", "note_event" } },
	{ 2, "session_hosts", { "session", "role", "position", "host", "leader" } },
	{ 3, "session_masters", { "session", "position", "url" } },
	{ 3, "session_cluster", { "session", "credentials", "cacert" } },
	{ 3, "probes", { "id", "session", "time", "operator", "host", "leader" } },
	{ 3, "probe_hosts", { "probe", "role", "position", "host", "url", "version", "active",
			      "recovered", "reachable", "leader", "error" } },
	{ 3, "probe_warnings", { "probe", "position", "kind", "text" } },
	{ 3, "event_evidence", { "event", "probe", "version", "source" } },
	{ 4, "session_changes", { "id", "session", "action", "operator", "host", "time", "text" } },
	{ 5, "exclusions", { "id", "session", "action", "role", "target", "operator", "host", "time",
			     "text", "forced" } },
	{ 5, "event_exclusions", { "event", "exclusion" } },
	{ 5, "inventory_edits", { "id", "session", "from_hop", "file", "operator", "host", "time" } },
	{ 5, "added_hosts", { "session", "role", "host", "edit" } },
	{ 5, "whole_steps", { "session", "item", "edit" } },
	{ 5, "session_window", { "session", "window_end" } },
	{ 6, "session_content", { "session", "dir" } },
	{ 7, "host_counts", { "session", "step", "hosts", "recorded", "done", "skipped", "forced",
			      "stale", "last_event" } },
	{ 8, "hop_first", { "session", "hop", "checkoff", "ack" } },
	{ 10, "host_counts", { "first_event" } },
	{ 11, "agents_packed", { "session", "agents", "names", "leaders" } },
	{ 12, "session_operators", { "session", "operator", "host", "first_event" } },
};

/*
 * Every "table.column" of the journal, one a line between newlines, into
 * @out: one query, not one per column checked (some 60 of them each open).
 */
static int columns_of(sqlite3 *db, struct strbuf *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT m.name, p.name FROM sqlite_master m,"
				    " pragma_table_info(m.name) p WHERE m.type = 'table'", -1, &st, NULL);

	strbuf_addc(out, '\n');
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			strbuf_addf(out, "%s.%s\n", (const char *)sqlite3_column_text(st, 0),
				    (const char *)sqlite3_column_text(st, 1));
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

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
	"CREATE TEMP TABLE session_masters (session INTEGER, position INTEGER, url TEXT);"
	"CREATE TEMP TABLE session_cluster (session INTEGER, credentials TEXT, cacert TEXT);"
	"CREATE TEMP TABLE probes (id INTEGER, session INTEGER, time TEXT, operator TEXT,"
	" host TEXT, leader TEXT);"
	"CREATE TEMP TABLE probe_hosts (probe INTEGER, role TEXT, position INTEGER, host TEXT,"
	" url TEXT, version TEXT, active INTEGER, recovered INTEGER, reachable INTEGER,"
	" leader INTEGER, error TEXT);"
	"CREATE TEMP TABLE probe_warnings (probe INTEGER, position INTEGER, kind TEXT, text TEXT);"
	"CREATE TEMP TABLE event_evidence (event INTEGER, probe INTEGER, version TEXT,"
	" source TEXT)",
	"CREATE TEMP TABLE session_changes (id INTEGER, session INTEGER, action TEXT,"
	" operator TEXT, host TEXT, time TEXT, text TEXT)",
	"CREATE TEMP TABLE exclusions (id INTEGER, session INTEGER, action TEXT, role TEXT,"
	" target TEXT, operator TEXT, host TEXT, time TEXT, text TEXT, forced INTEGER);"
	"CREATE TEMP TABLE event_exclusions (event INTEGER, exclusion INTEGER);"
	"CREATE TEMP TABLE inventory_edits (id INTEGER, session INTEGER, from_hop TEXT, file TEXT,"
	" operator TEXT, host TEXT, time TEXT);"
	"CREATE TEMP TABLE added_hosts (session INTEGER, role TEXT, host TEXT, edit INTEGER);"
	"CREATE TEMP TABLE whole_steps (session INTEGER, item TEXT, edit INTEGER);"
	"CREATE TEMP TABLE session_window (session INTEGER, window_end TEXT)",
	"CREATE TEMP TABLE session_content (session INTEGER, dir TEXT)",
	"CREATE TEMP TABLE host_counts (session INTEGER, step TEXT, hosts INTEGER,"
	" recorded INTEGER, done INTEGER, skipped INTEGER, forced INTEGER, stale INTEGER,"
	" last_event INTEGER, PRIMARY KEY (session, step))",
	"CREATE TEMP TABLE hop_first (session INTEGER, hop TEXT, checkoff INTEGER, ack INTEGER)",
	[11] = "CREATE TEMP TABLE agents_packed (session INTEGER, agents INTEGER, names BLOB,"
	       " leaders BLOB)",
	[12] = "CREATE TEMP TABLE session_operators (session INTEGER, operator TEXT, host TEXT,"
	       " first_event INTEGER)",
};

/* The schema of version @ver is whole: every table it should have is there. */
enum status journal_check_schema(struct journal *j, int64_t app, int64_t ver, int64_t objects,
				struct strbuf *err)
{
	if (app == JOURNAL_APPLICATION_ID && ver == 0) {
		strbuf_addf(err, "%s has mesos-upgrade's application id but not a journal's tables "
			    "(%lld other objects): it was changed by another program; it was not "
			    "changed", j->path, (long long)objects);
		return ST_DATAERR;
	}
	struct strbuf have = STRBUF_INIT, one = STRBUF_INIT;
	enum status st = ST_OK;
	int rc = columns_of(j->db, &have);

	if (rc != SQLITE_OK)
		st = journal_fail(err, j->path, j->db, rc, "reading");
	for (size_t t = 0; st == ST_OK && t < sizeof(schema_tables) / sizeof(*schema_tables); t++) {
		if (schema_tables[t].version > ver)
			continue;
		for (const char *const *c = schema_tables[t].columns; st == ST_OK && *c; c++) {
			strbuf_reset(&one);
			strbuf_addf(&one, "\n%s.%s\n", schema_tables[t].table, *c);
			if (strstr(strbuf_str(&have), strbuf_str(&one)))
				continue;
			strbuf_addf(err, "journal %s (schema %lld) lacks %s.%s: it is damaged or was "
				    "changed by another program; it was not changed", j->path,
				    (long long)ver, schema_tables[t].table, *c);
			st = ST_DATAERR;
		}
	}
	strbuf_release(&have);
	strbuf_release(&one);
	return st;
}

int journal_add_stand_ins(sqlite3 *db, int64_t ver)
{
	int rc = SQLITE_OK;

	for (int64_t v = ver + 1; rc == SQLITE_OK && v <= JOURNAL_SCHEMA_VERSION; v++)
		if (schema_stand_ins[v])
			rc = journal_exec(db, schema_stand_ins[v]);
	return rc;
}
