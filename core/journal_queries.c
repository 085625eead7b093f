/*
 * journal_queries.c - the SQL of every statement of the journal, by name
 * (enum query, journal_private.h); journal.c prepares them.
 */
#include "journal_private.h"

#define EVENT_COLS "id, session, item, action, operator, host, time, text, forced, digest"
#define STATE_EVENTS \
	" s.id, s.session, s.item, s.action, s.operator, s.host, s.time, s.text, s.forced, s.digest," \
	" c.id, c.session, c.item, c.action, c.operator, c.host, c.time, c.text, c.forced, c.digest," \
	" n.id, n.session, n.item, n.action, n.operator, n.host, n.time, n.text, n.forced, n.digest"
#define STATE_JOINS \
	" LEFT JOIN events s ON s.id = st.state_event" \
	" LEFT JOIN events c ON c.id = st.choice_event" \
	" LEFT JOIN events n ON n.id = st.note_event"
#define ITEM_STATES \
	"SELECT si.item, si.kind, si.digest, si.position," STATE_EVENTS \
	" FROM session_items si" \
	" LEFT JOIN item_state st ON st.session = si.session AND st.item = si.item" STATE_JOINS

/* A session's hosts, with the first hop of those added later ('edit --inventory') */
#define HOSTS_FROM " FROM session_hosts h" \
		   " LEFT JOIN added_hosts a ON a.session = h.session AND a.role = h.role" \
		   "  AND a.host = h.host" \
		   " LEFT JOIN inventory_edits e ON e.id = a.edit"
#define HOSTS "SELECT h.role, h.host, h.leader, e.from_hop" HOSTS_FROM
#define AGENTS_FROM " AND h.position >= ?2 + (SELECT min(position) FROM session_hosts" \
		    "  WHERE session = ?1 AND role = 'agent') ORDER BY h.position LIMIT ?3"

const char *const journal_queries[Q_COUNT] = {
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
	/* the agents after the masters: two reads in the primary key's order, no sort;
	 * from the ?2'th agent on, at most ?3 (-1: all), a seek to the first (their
	 * positions are one after another: Q_HOST_GROUPS) */
	[Q_HOSTS] = HOSTS " WHERE h.session = ?1 AND h.role = 'agent'" AGENTS_FROM,
	/* the same without the join, for a session none of whose hosts was added later */
	[Q_HOSTS_FIRST] = "SELECT 'agent', h.host, h.leader, NULL FROM session_hosts h"
			  " WHERE h.session = ?1 AND h.role = 'agent'" AGENTS_FROM,
	/* the agents' names and leaders alone, all of them, for journal_agents_packed() */
	[Q_HOSTS_PACKED] = "SELECT host, leader FROM session_hosts WHERE session = ?1"
			   " AND role = 'agent' ORDER BY position",
	[Q_HOSTS_ADDED] = "SELECT count(*) FROM (SELECT 1 FROM added_hosts WHERE session = ? LIMIT 1)",
	[Q_HOSTS_MASTERS] = HOSTS " WHERE h.session = ? AND h.role = 'master' ORDER BY h.position",
	[Q_HOST_NAMED] = "SELECT h.role, h.host, h.leader, e.from_hop, h.position" HOSTS_FROM
			 " WHERE h.session = ?1 AND h.role = ?2 AND h.host = ?3",
	/* the hosts of a role have positions one after another (Q_HOST_ADD, Q_HOST_APPEND):
	 * how many there are is read from the ends of the primary key's range */
	[Q_HOST_GROUPS] = "SELECT r.role, NULL, (SELECT max(position) FROM session_hosts h"
			  "  WHERE h.session = ?1 AND h.role = r.role)"
			  " - (SELECT min(position) FROM session_hosts h"
			  "  WHERE h.session = ?1 AND h.role = r.role) + 1"
			  " FROM (SELECT 'master' AS role UNION ALL SELECT 'agent') r"
			  " UNION ALL SELECT a.role, e.from_hop, count(*) FROM added_hosts a"
			  " JOIN inventory_edits e ON e.id = a.edit WHERE a.session = ?1 GROUP BY 1, 2",
	[Q_ITEM_STATE_LIGHT_ONE] = "SELECT si.item, st.state, st.forced, st.branch FROM session_items si"
				   " LEFT JOIN item_state st ON st.session = si.session"
				   "  AND st.item = si.item WHERE si.session = ?1 AND si.item = ?2",
	/* the items with a state only, and not their kind, digest or place */
	[Q_ITEM_STATES_RANGE] = "SELECT st.item, '', '', -1," STATE_EVENTS " FROM item_state st"
				STATE_JOINS " WHERE st.session = ?1 AND st.item > ?2"
				" AND st.item < ?3 ORDER BY st.item",
	/* Q_ITEM_STATES_RANGE's rows with what "status" shows of them: the branch as
	 * item_state keeps it, no choice event, no event's session or item; the note
	 * its id alone (read on its own, journal_events.c) */
	[Q_HOST_ITEMS_LEAN] = "SELECT st.item, st.branch, st.note_event, s.id, s.action,"
			      " s.operator, s.host, s.time, s.text, s.forced, s.digest"
			      " FROM item_state st LEFT JOIN events s ON s.id = st.state_event"
			      " WHERE st.session = ?1 AND st.item > ?2 AND st.item < ?3"
			      " ORDER BY st.item",
	[Q_ITEM_TOTAL] = "SELECT max(position) + 1 FROM session_items WHERE session = ?",
	[Q_HOP_FIRSTS] = "SELECT f.hop, c.time, a.time FROM hop_first f"
			 " LEFT JOIN events c ON c.id = f.checkoff LEFT JOIN events a ON a.id = f.ack"
			 " WHERE f.session = ?",
	[Q_STAMP] = "SELECT (SELECT max(id) FROM events WHERE session = ?1),"
		    " (SELECT max(id) FROM session_changes WHERE session = ?1),"
		    " (SELECT max(id) FROM exclusions WHERE session = ?1),"
		    " (SELECT max(id) FROM inventory_edits WHERE session = ?1),"
		    " (SELECT max(id) FROM probes WHERE session = ?1)",
	[Q_EVENTS_SINCE] = "SELECT " EVENT_COLS " FROM events WHERE session = ?1 AND id > ?2"
			   " ORDER BY id",
	/* the step's range of the item index, then sorted: "+position" keeps SQLite
	 * from walking every item of the session by position instead (31 ms a step
	 * on A, where the step's 10,003 items take 4) */
	[Q_HOST_ITEM_HOLDING] = "SELECT item FROM session_items WHERE session = ?1 AND item > ?2"
				" AND item < ?3 AND instr(lower(item), lower(?4)) > 0"
				" AND +position > coalesce((SELECT position FROM session_items"
				"  WHERE session = ?1 AND item = ?5), -1)"
				" ORDER BY +position LIMIT 1",
	/* whether a host of the inventory (added ones too) has a name holding ?2 */
	[Q_HOSTS_HOLDING] = "SELECT count(*) FROM (SELECT 1 FROM session_hosts WHERE session = ?1"
			    " AND instr(lower(host), lower(?2)) > 0 LIMIT 1)",
	/* in the journal's order: the resolved hosts' first and last state events,
	 * then their two times (not every host's event joined for its time); the
	 * states written out, not "IN (...)": for a list of three SQLite looks
	 * each row's up in a table it builds (16% of the query's instructions) */
	[Q_HOST_SPAN] = "SELECT f.time, l.time FROM (SELECT min(state_event) AS a,"
			" max(state_event) AS b FROM item_state WHERE session = ?1"
			" AND item > ?2 AND item < ?3 AND (state = 'done'"
			" OR state = 'ack' OR state = 'skip')) x"
			" JOIN events f ON f.id = x.a JOIN events l ON l.id = x.b",
	/* the same from the step's counts (schema 10): its earliest and latest
	 * resolving events ever, when they are of its hosts (?3 to ?4) and the
	 * hosts they resolved still hold them (no host resolved earlier or
	 * later holds one now); else no row */
	[Q_HOST_SPAN_KEPT] = "SELECT f.time, l.time FROM host_counts c"
			     " JOIN events f ON f.id = c.first_event AND f.session = ?1"
			     "  AND f.item > ?3 AND f.item < ?4"
			     " JOIN item_state fs ON fs.session = ?1 AND fs.item = f.item"
			     "  AND fs.state_event = f.id"
			     " JOIN events l ON l.id = c.last_event AND l.session = ?1"
			     "  AND l.item > ?3 AND l.item < ?4"
			     " JOIN item_state ls ON ls.session = ?1 AND ls.item = l.item"
			     "  AND ls.state_event = l.id"
			     " WHERE c.session = ?1 AND c.step = ?2"
			     " AND (fs.state = 'done' OR fs.state = 'ack' OR fs.state = 'skip')"
			     " AND (ls.state = 'done' OR ls.state = 'ack' OR ls.state = 'skip')",
	/* the agents packed as they were planned (schema 11: journal_hosts.c) */
	[Q_AGENTS_PACKED_ADD] = "INSERT INTO agents_packed (session, agents, names, leaders)"
				" VALUES (?, ?, ?, ?)",
	/* the names' length, not the names: length() of a blob reads only its size */
	[Q_AGENTS_PACKED] = "SELECT agents, length(names), leaders FROM agents_packed"
			    " WHERE session = ?",
	/* how many agents the inventory has: their positions are one after another
	 * (two seeks, where min() and max() in one query would read every one) */
	[Q_AGENTS_SPAN] = "SELECT (SELECT max(position) FROM session_hosts WHERE session = ?1"
			  "  AND role = 'agent') - (SELECT min(position) FROM session_hosts"
			  "  WHERE session = ?1 AND role = 'agent') + 1",
	/* whether a host is resolved asked first: in a step nearly done, most are
	 * (B, 49,990 of 50,000 resolved: 46 ms with the two lookups the other way
	 * round, 25 ms) */
	[Q_PENDING_HOSTS] = "SELECT h.host FROM session_hosts h WHERE h.session = ?1 AND h.role = ?2"
			    " AND NOT EXISTS (SELECT 1 FROM item_state s WHERE s.session = ?1"
			    "  AND s.item = ?3 || '@' || h.host AND s.state IN ('done', 'ack', 'skip'))"
			    " AND EXISTS (SELECT 1 FROM session_items i WHERE i.session = ?1"
			    "  AND i.item = ?3 || '@' || h.host)"
			    " ORDER BY h.position LIMIT ?4",
	[Q_EVENT_ONE] = "SELECT " EVENT_COLS " FROM events WHERE id = ?",
	/* a session's hosts' items counted by step, once they are all recorded */
	[Q_HOST_COUNTS_ADD] = "INSERT INTO host_counts (session, step, hosts, recorded, done, skipped,"
			      " forced, stale, last_event)"
			      " SELECT ?1, substr(item, 1, instr(item, '@') - 1), count(*), 0, 0, 0,"
			      " 0, 0, NULL FROM session_items WHERE session = ?1"
			      " AND instr(item, '@') > 0 GROUP BY 2",
	[Q_HOST_COUNT_ONE_MORE] = "INSERT INTO host_counts (session, step, hosts, recorded, done,"
				  " skipped, forced, stale, last_event)"
				  " VALUES (?1, ?2, 1, 0, 0, 0, 0, 0, NULL)"
				  " ON CONFLICT (session, step) DO UPDATE SET hosts = hosts + 1",
	/* through the partial index item_state_plan: its condition word for word */
	[Q_PLAN_STATES] = "SELECT item, state, forced, branch FROM item_state"
			  " WHERE session = ?1 AND instr(item, '@') = 0 ORDER BY item",
	[Q_HOST_COUNTS] = "SELECT step, hosts, recorded, done, skipped, forced, last_event, stale"
			  " FROM host_counts"
			  " WHERE session = ? ORDER BY step",
	[Q_HOST_APPEND] = "INSERT INTO session_hosts (session, role, position, host, leader)"
			  " SELECT ?1, ?2, coalesce(max(position), -1) + 1, ?3, ?4"
			  " FROM session_hosts WHERE session = ?1 AND role = ?2",
	[Q_SESSION_GET] = "SELECT id, from_version, to_version, title, operator, host, created,"
			  " content_digest, content_version,"
			  " (SELECT dir FROM session_content c WHERE c.session = sessions.id),"
			  " EXISTS (SELECT 1 FROM session_content c WHERE c.session = sessions.id)"
			  " FROM sessions WHERE id = ?",
	[Q_CONTENT_ADD] = "INSERT INTO session_content (session, dir) VALUES (?, ?)",
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
	[Q_MASTER_ADD] = "INSERT INTO session_masters (session, position, url) VALUES (?, ?, ?)",
	[Q_MASTERS] = "SELECT url FROM session_masters WHERE session = ? ORDER BY position",
	[Q_CLUSTER_ADD] = "INSERT INTO session_cluster (session, credentials, cacert)"
			  " VALUES (?, ?, ?)",
	[Q_CLUSTER_GET] = "SELECT credentials, cacert FROM session_cluster WHERE session = ?",
	[Q_PROBE_ADD] = "INSERT INTO probes (session, time, operator, host, leader)"
			" VALUES (?, ?, ?, ?, ?)",
	[Q_PROBE_HOST_ADD] = "INSERT INTO probe_hosts (probe, role, position, host, url, version,"
			     " active, recovered, reachable, leader, error)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_PROBE_WARNING_ADD] = "INSERT INTO probe_warnings (probe, position, kind, text)"
				" VALUES (?, ?, ?, ?)",
	[Q_PROBES] = "SELECT p.id, p.time, p.operator, p.host, p.leader,"
		     " (SELECT count(*) FROM probe_hosts h WHERE h.probe = p.id AND h.role = 'master'),"
		     " (SELECT count(*) FROM probe_hosts h WHERE h.probe = p.id AND h.role = 'master'"
		     "  AND h.reachable),"
		     " (SELECT count(*) FROM probe_hosts h WHERE h.probe = p.id AND h.role = 'agent')"
		     " FROM probes p WHERE p.session = ?1 AND (?2 = 0 OR p.id = ?2)"
		     " ORDER BY p.id DESC LIMIT ?3",
	[Q_PROBE_HOSTS] = "SELECT role, host, url, version, active, recovered, reachable, leader,"
			  " error FROM probe_hosts WHERE probe = ? ORDER BY role DESC, position",
	[Q_PROBE_WARNINGS] = "SELECT kind, text FROM probe_warnings WHERE probe = ?"
			     " ORDER BY position",
	[Q_CHANGE_ADD] = "INSERT INTO session_changes (session, action, operator, host, time, text)"
			 " VALUES (?, ?, ?, ?, ?, ?)",
	[Q_CHANGE_LATEST] = "SELECT id, action, operator, host, time, text FROM session_changes"
			    " WHERE session = ?1 AND action IN (?2, ?3) ORDER BY id DESC LIMIT 1",
	[Q_EVIDENCE_ADD] = "INSERT INTO event_evidence (event, probe, version, source)"
			   " VALUES (?, ?, ?, ?)",
	/* the evidence's rows from the session's first event to its last (its key
	 * is the event's): joined from the session's events, every event was
	 * looked up (A, 180,126 events: 9 ms for none) */
	[Q_EVIDENCE] = "SELECT x.event, x.probe, x.version, p.time, x.source"
		       " FROM event_evidence x JOIN events e ON e.id = x.event"
		       " JOIN probes p ON p.id = x.probe WHERE +e.session = ?1"
		       " AND x.event BETWEEN (SELECT min(id) FROM events WHERE session = ?1)"
		       " AND (SELECT max(id) FROM events WHERE session = ?1) ORDER BY x.event",
	[Q_EXCLUSION_ADD] = "INSERT INTO exclusions (session, action, role, target, operator, host,"
			    " time, text, forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_EXCLUSIONS] = "SELECT id, action = 'include', role, target, operator, host, time, text,"
			 " forced"
			 " FROM exclusions WHERE session = ? ORDER BY id",
	[Q_EVENT_EXCLUSION_ADD] = "INSERT INTO event_exclusions (event, exclusion) VALUES (?, ?)",
	[Q_EXCLUSION_EVENTS] = "SELECT x.event, x.exclusion FROM event_exclusions x"
			       " JOIN exclusions e ON e.id = x.exclusion WHERE e.session = ?"
			       " ORDER BY x.event",
	[Q_EXCLUSION_STANDING] = "SELECT e.item FROM event_exclusions x JOIN events e ON e.id = x.event"
				 " JOIN item_state s ON s.session = e.session AND s.item = e.item"
				 " WHERE x.exclusion = ? AND s.state_event = x.event ORDER BY e.item",
	[Q_EDIT_ADD] = "INSERT INTO inventory_edits (session, from_hop, file, operator, host, time)"
		       " VALUES (?, ?, ?, ?, ?, ?)",
	[Q_ADDED_HOST_ADD] = "INSERT INTO added_hosts (session, role, host, edit) VALUES (?, ?, ?, ?)",
	[Q_WHOLE_STEP_ADD] = "INSERT INTO whole_steps (session, item, edit) VALUES (?, ?, ?)",
	[Q_WHOLE_STEPS] = "SELECT item FROM whole_steps WHERE session = ? ORDER BY item",
	/* the added hosts counted once by edit, not scanned again for each edit
	 * (added_hosts has no index on edit) */
	[Q_EDITS] = "SELECT e.id, e.from_hop, e.file, e.operator, e.host, e.time, coalesce(c.n, 0)"
		    " FROM inventory_edits e LEFT JOIN (SELECT edit, count(*) AS n FROM added_hosts"
		    "  WHERE session = ?1 GROUP BY edit) c ON c.edit = e.id"
		    " WHERE e.session = ?1 ORDER BY e.id",
	[Q_WINDOW_ADD] = "INSERT INTO session_window (session, window_end) VALUES (?, ?)",
	[Q_WINDOW_GET] = "SELECT window_end FROM session_window WHERE session = ?",
};
