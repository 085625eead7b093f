/*
 * test_session_view.c - session_load_view() (include/session.h), the load
 * of a large session that reads the plan's items, the masters' and one
 * hop's agents' items, and each per-host step's counts from the journal's
 * (kept by triggers, schema 7): after every kind of change a session goes
 * through, each item it has agrees with session_load()'s in every field the
 * front ends read, and so do the totals and the rules, and "status --format
 * json" and the reports written a hop at a time (view_agree.h); a clock
 * set back during a step ends it alike in every load. Check-offs on a view:
 * test_view_mark.c. The built-in content, a temporary journal and a fixed
 * clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#define FIXTURE_NAME "view"
#include "view_agree.h"

static void test_view_through_a_session(void **state)
{
	struct fx *f = *state;
	struct inventory *more;

	start(f, INVENTORY);
	views_agree(f);
	tick(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	views_agree(f);
	tick(f);
	OK(f, A "/restart-agents@a2", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a3", MARK_NOTE, "disk slow");
	views_agree(f);
	tick(f);
	OK(f, A "/restart-agents@a2", MARK_SKIP, "retired");
	views_agree(f);
	tick(f);
	strbuf_reset(&f->msg);
	assert_int_equal(session_exclude(f->j, f->c, f->sid, "a4", false, "broken", false, &f->who,
					 &f->dl, &f->msg), ST_OK);
	views_agree(f);
	tick(f);
	more = parse_inventory("masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4, a5]\n");
	strbuf_reset(&f->msg);
	assert_int_equal(session_add_hosts(f->j, f->c, f->sid, more, "more.yaml", &f->who, &f->dl,
					   &f->msg), ST_OK);
	inventory_free(&more);
	views_agree(f);
	tick(f);
	/* the leader first, forced past the rule that puts it last */
	mark_pattern(f, B "/*", MARK_DONE, NULL);
	views_agree(f);
	tick(f);
	strbuf_reset(&f->msg);
	assert_int_equal(session_exclude(f->j, f->c, f->sid, "a4", true, NULL, false, &f->who,
					 &f->dl, &f->msg), ST_OK);
	views_agree(f);
	tick(f);
	mark_pattern(f, "*", MARK_DONE, NULL);
	mark_pattern(f, "*", MARK_SKIP, "left for later");
	views_agree(f);
}

static void test_view_forced_leader(void **state)
{
	struct fx *f = *state;

	start(f, INVENTORY);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	tick(f);
	/* the hop's notes, then its steps in order, up to the masters */
	mark_pattern(f, B "/*", MARK_UNDO, NULL);
	MARK_EXPECT(ST_OK, f, A "/restart-masters@m2", MARK_UNDO, NULL, NULL, false);
	MARK_EXPECT(ST_OK, f, A "/restart-masters@m1", MARK_UNDO, NULL, NULL, false);
	MARK_EXPECT(ST_REFUSED, f, A "/restart-masters@m2", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_OK, f, A "/restart-masters@m2", MARK_DONE, "failover tested", NULL, true);
	views_agree(f);
	/* the step done, one of its hosts forced: the step is forced */
	OK(f, A "/restart-masters@m1", MARK_DONE, NULL);
	views_agree(f);
	{
		struct session *s = load(f);
		assert_true(s->items[session_find(s, A "/restart-masters")].forced);
		session_free(&s);
	}
}

/* Agents not in the order of their names: a batch reads the states of the ids its names span. */
static void test_view_agents_out_of_order(void **state)
{
	struct fx *f = *state;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a3, a10, a1, a2]\n");
	views_agree(f);
	tick(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a1", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a10", MARK_NOTE, "disk slow");
	views_agree(f);
}

/*
 * Agents in the order of their names in some batches and not in others, the
 * name before a batch after its first, names that start with another
 * (a1, a10, a11): each batch of 1 to 5 agents reads the states of the ids
 * its names bound, and status and every report are the whole load's.
 */
static void test_view_batches_out_of_order(void **state)
{
	static const enum render_format fmts[] = { FMT_JSON, FMT_MD, FMT_HTML, FMT_TEXT };
	struct fx *f = *state;
	struct session *w;

	start(f, "masters: [m1, m2, m3]\nleader: m2\n"
		 "agents: [b2, b3, a1, a10, a2, c1, c2, c3, a11, b1, b10, a3]\n");
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a10", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a10", MARK_SKIP, "retired");
	OK(f, A "/restart-agents@b1", MARK_NOTE, "disk slow");
	tick(f);
	mark_pattern(f, B "/*", MARK_DONE, NULL);
	OK(f, B "/restart-agents@a1", MARK_UNDO, NULL);
	OK(f, B "/restart-agents@c3", MARK_UNDO, NULL);
	OK(f, B "/restart-agents@a3", MARK_NOTE, "slow");
	views_agree(f);
	w = load(f);
	for (size_t k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		struct strbuf whole = STRBUF_INIT, why = STRBUF_INIT;
		struct report r;
		if (report_build(&r, f->j, w, &why) != ST_OK)
			fail_msg("report_build: %s", strbuf_str(&why));
		report_render(&whole, &r, fmts[k]);
		report_release(&r);
		for (size_t batch = 3; batch <= 5; batch++)
			batches_agree(f, fmts[k], strbuf_str(&whole), batch);
		strbuf_release(&whole);
		strbuf_release(&why);
	}
	for (size_t batch = 3; batch <= 5; batch++)
		status_batches_agree(f, w, batch);
	session_free(&w);
}

/*
 * A per-host note of the agents before their step (1.5-1.6/csi-v0-2): each
 * agent's item of the step is held by that agent's item of the note alone,
 * so a batch of the step's agents is read with theirs of the note.
 */
static void test_view_per_host_note(void **state)
{
	static const char *const done[] = { "grpc-requirement", "fetcher-stall-timeout",
					    "disk-profile-adaptor", "xfs-kill-containers",
					    "rebuild-modules", "restart-masters@m1",
					    "restart-masters@m3", "restart-masters@m2",
					    "csi-v0-2@a1", "csi-v0-2@a3" };
	struct fx *f = *state;
	char id[64];

	start_range(f, "1.5", "1.6", INVENTORY);
	for (size_t i = 0; i < sizeof(done) / sizeof(*done); i++) {
		snprintf(id, sizeof(id), "1.5-1.6/%s", done[i]);
		OK(f, id, MARK_DONE, NULL);
	}
	views_agree(f);
}

/* Agent @host of hop A's restart step checked off again, the clock at @t. */
static void redo_at(struct fx *f, const char *host, time_t t)
{
	char id[80];

	snprintf(id, sizeof(id), A "/restart-agents@%s", host);
	clock_fix(t);
	OK(f, id, MARK_UNDO, NULL);
	OK(f, id, MARK_DONE, NULL);
}

/*
 * Hop A ended at @end (its step's last check-off in the journal's order),
 * @seconds after its start (-1: before it), in the operator's clock of
 * the whole load and of the view of hop A's agents and of none; the
 * reports in every format, however read, show the step's span @span.
 */
static void ended_at(struct fx *f, time_t end, long seconds, const char *span)
{
	struct session *w = load(f), *v = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf out = STRBUF_INIT;
	size_t hops[] = { 0, SESSION_NO_HOP };

	for (size_t k = 0; k <= 2; k++) {
		struct session_clock c = { 0 };
		if (k < 2 && session_load_view(f->j, f->c, f->sid, hops[k], &v, &dl) != ST_OK)
			fail_msg("session_load_view: %s", diag_said(&dl));
		assert_int_equal(session_clock_update(&c, f->j, k < 2 ? v : w), ST_OK);
		assert_true(c.hops[0].finished);
		assert_int_equal(c.hops[0].start, T0);
		assert_int_equal(c.hops[0].end, end);
		assert_int_equal(session_clock_seconds(&c, 0, T0 + 7200), seconds);
		session_clock_release(&c);
		session_free(&v);
	}
	reports_agree(f, w);
	assert_int_equal(report_session(f->j, f->c, f->sid, FMT_MD, &out, &dl), ST_OK);
	if (!strstr(strbuf_str(&out), span))
		fail_msg("the report has not \"%s\":\n%s", span, strbuf_str(&out));
	session_free(&w);
	strbuf_release(&out);
	diag_list_release(&dl);
}

/*
 * The clock stepped back during a per-host step (an NTP step): the step,
 * and so its hop, ended with its last check-off in the journal's order, at
 * the time that one recorded, and began with its first: the same in the
 * view (the journal's counts, its hosts not read) and the whole load, in
 * the reports' span read on its own (journal_host_span()) and of the hosts
 * read. The last recorded before the first: no duration made up.
 */
static void test_view_clock_stepped_back(void **state)
{
	struct fx *f = *state;
	char a[CLOCK_ISO_LEN + 1], b[CLOCK_ISO_LEN + 1], span[160];

	start(f, INVENTORY);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	redo_at(f, "a2", T0 + 100);
	redo_at(f, "a3", T0 + 200); /* the latest time */
	redo_at(f, "a1", T0 + 150); /* the last check-off: the clock stepped back 50 s */
	views_agree(f);
	clock_iso(T0, a);
	clock_iso(T0 + 150, b);
	snprintf(span, sizeof(span), "first check-off %s, last %s (2m 30s)", a, b);
	ended_at(f, T0 + 150, 150, span);
	redo_at(f, "a1", T0 - 3600); /* an hour back: before the hop's start */
	views_agree(f);
	clock_iso(T0 - 3600, b);
	snprintf(span, sizeof(span), "first check-off %s, last %s (clock set back)", a, b);
	ended_at(f, T0 - 3600, -1, span);
	snprintf(span, sizeof(span), "started %s, finished %s (clock set back)", a, b);
	ended_at(f, T0 - 3600, -1, span);
}

/*
 * A session finished with the clock set back: it ended with its last
 * check-off in the journal's order (status's "finished", the reports'),
 * in the view as in the whole load, not at the latest time a host has.
 */
static void test_view_finished_clock_stepped_back(void **state)
{
	struct fx *f = *state;
	struct session *w;
	char want[CLOCK_ISO_LEN + 1];

	start(f, INVENTORY);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	clock_fix(T0 + 300);
	mark_pattern(f, B "/*", MARK_DONE, NULL);
	clock_fix(T0 + 400);
	OK(f, B "/restart-agents@a1", MARK_UNDO, NULL);
	OK(f, B "/restart-agents@a1", MARK_DONE, NULL); /* the latest time */
	clock_fix(T0 + 350);
	OK(f, B "/restart-agents@a2", MARK_UNDO, NULL);
	OK(f, B "/restart-agents@a2", MARK_DONE, NULL); /* the last check-off */
	views_agree(f);
	w = load(f);
	clock_iso(T0 + 350, want);
	assert_true(w->finished);
	assert_string_equal(w->finished_at, want);
	session_free(&w);
}

/*
 * The agents' notes, read after their rows (journal_host_items_lean()):
 * several in a batch, between hosts without one, the same words twice;
 * one item's note an id no event has (a damaged journal): no note, as the
 * full read has it, and the others still theirs.
 */
static void test_view_lean_notes(void **state)
{
	struct fx *f = *state;
	struct session *w;
	sqlite3 *db;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4, a5, a6]\n");
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a2", MARK_NOTE, "disk slow");
	tick(f);
	OK(f, A "/restart-agents@a3", MARK_NOTE, "disk slow");
	OK(f, A "/restart-agents@a5", MARK_NOTE, "kernel 5.4");
	OK(f, A "/restart-agents@a6", MARK_NOTE, "rebooted");
	w = load(f);
	reports_agree(f, w);
	status_batches_agree(f, w, 2);
	status_batches_agree(f, w, 4);
	lean_agrees(f, w);
	session_free(&w);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE item_state SET note_event ="
				      " (SELECT max(id) + 100 FROM events)"
				      " WHERE item = '" A "/restart-agents@a3'", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	w = load(f);
	assert_false(w->items[session_find(w, A "/restart-agents@a3")].has_note);
	assert_true(w->items[session_find(w, A "/restart-agents@a5")].has_note);
	status_batches_agree(f, w, 4);
	lean_agrees(f, w);
	session_free(&w);
}

/*
 * A step's span, journal_host_span(): read from the two events its counts
 * keep (schema 10) while the hosts they resolved still hold them, else
 * from every resolved host's state; either way what every host's state
 * says (span_scanned()), after each change that can move it.
 */
static void span_scanned(struct fx *f, char *first, char *last, size_t len)
{
	sqlite3_stmt *st;
	sqlite3 *db;

	*first = *last = '\0';
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT f.time, l.time FROM (SELECT"
					    " min(state_event) a, max(state_event) b FROM item_state"
					    " WHERE item LIKE '" A "/restart-agents@%'"
					    " AND state IN ('done', 'ack', 'skip')) x"
					    " JOIN events f ON f.id = x.a JOIN events l ON l.id = x.b",
					    -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(first, len, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(last, len, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void span_agrees(struct fx *f)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char first[64], last[64];

	span_scanned(f, first, last, sizeof(first));
	assert_int_equal(journal_host_span(f->j, f->sid, A "/restart-agents", &a, &b), ST_OK);
	assert_string_equal(strbuf_str(&a), first);
	assert_string_equal(strbuf_str(&b), last);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* host_counts.first_event of the agents' step of hop A is the earliest of their states' events. */
static void first_kept(struct fx *f)
{
	sqlite3_stmt *st;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT c.first_event = (SELECT min(state_event)"
					    " FROM item_state WHERE item LIKE '" A "/restart-agents@%'"
					    " AND state IN ('done', 'ack', 'skip')), c.last_event ="
					    " (SELECT max(state_event) FROM item_state"
					    " WHERE item LIKE '" A "/restart-agents@%'"
					    " AND state IN ('done', 'ack', 'skip')) FROM host_counts c"
					    " WHERE c.step = '" A "/restart-agents'",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_view_span_kept(void **state)
{
	struct fx *f = *state;
	char first[64], last[64];

	start(f, INVENTORY);
	span_agrees(f); /* none resolved: nothing */
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	first_kept(f); /* the two kept still the hosts' states: read from them */
	span_agrees(f);
	/* a2 to a4 done again later, one at a time: a1 the earliest, a4 the latest */
	for (int i = 2; i <= 4; i++) {
		char id[64];
		snprintf(id, sizeof(id), A "/restart-agents@a%d", i);
		clock_fix(T0 + 10 * i);
		OK(f, id, MARK_UNDO, NULL);
		span_agrees(f);
		OK(f, id, MARK_DONE, NULL);
		first_kept(f);
		span_agrees(f);
	}
	span_scanned(f, first, last, sizeof(first));
	assert_string_equal(first, "2026-11-18T11:06:40Z");
	assert_string_equal(last, "2026-11-18T11:07:20Z");
	/* the first undone: its event kept, but no longer a host's state */
	clock_fix(T0 + 200);
	OK(f, A "/restart-agents@a1", MARK_UNDO, NULL);
	span_agrees(f);
	OK(f, A "/restart-agents@a1", MARK_DONE, NULL);
	span_agrees(f);
	/* the latest undone, then skipped; an exclusion skips another */
	clock_fix(T0 + 300);
	OK(f, A "/restart-agents@a1", MARK_UNDO, NULL);
	span_agrees(f);
	OK(f, A "/restart-agents@a1", MARK_SKIP, "retired");
	span_agrees(f);
	strbuf_reset(&f->msg);
	assert_int_equal(session_exclude(f->j, f->c, f->sid, "a3", false, "broken", false, &f->who,
					 &f->dl, &f->msg), ST_OK);
	span_agrees(f);
	/* the kept events changed to another step's host's (a journal changed by
	 * hand): not of this step, the hosts' states are read */
	{
		sqlite3 *db;
		assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "UPDATE host_counts SET first_event ="
					      " (SELECT state_event FROM item_state WHERE item ="
					      " '" A "/restart-masters@m1') WHERE step = '" A
					      "/restart-agents'; UPDATE host_counts SET last_event ="
					      " first_event WHERE step = '" A "/restart-agents'",
					      NULL, NULL, NULL),
				 SQLITE_OK);
		sqlite3_close(db);
	}
	span_agrees(f);
	/* every host undone but the excluded one */
	for (int i = 1; i <= 4; i++) {
		char id[64];
		snprintf(id, sizeof(id), A "/restart-agents@a%d", i);
		if (i != 3)
			OK(f, id, MARK_UNDO, NULL);
	}
	views_agree(f);
	span_agrees(f);
}

/* The "hosts" of the item @id of @items (a hop's, in a JSON report). */
static json_t *step_hosts(json_t *items, const char *id)
{
	size_t k;
	json_t *it;

	json_array_foreach(items, k, it) {
		if (!strcmp(json_string_value(json_object_get(it, "id")), id))
			return json_object_get(it, "hosts");
	}
	fail_msg("the report has no item %s", id);
	return NULL;
}

/*
 * The JSON report's hosts' items, each with what its own state says: the
 * runs of members render_json.c copies from one host to the next (the
 * operator, host, reason, ..., the notes when none, whether it leads)
 * never carry one host's words to another, through a change, a repeat, a
 * change back, a host with a note, a pending host and a leader.
 */
static void test_view_json_hosts_said(void **state)
{
	static const char *const want[][4] = { /* operator, host, state, reason */
		{ "alice", "bastion-1", "done", NULL }, { "bob", "bastion-2", "done", NULL },
		{ "bob", "bastion-2", "skipped", "retired" }, { "alice", "bastion-1", "done", NULL },
		{ "alice", "bastion-1", "done", NULL }, { NULL, NULL, "pending", NULL },
	};
	struct fx *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	json_t *doc, *hosts = NULL, *items;
	json_error_t err;
	size_t k;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4, a5, a6]\n");
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	f->who = (struct session_actor){ "bob", "bastion-2" };
	tick(f);
	OK(f, A "/restart-agents@a2", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a2", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a3", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a3", MARK_SKIP, "retired");
	f->who = (struct session_actor){ "alice", "bastion-1" };
	tick(f);
	OK(f, A "/restart-agents@a5", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a5", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a6", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a4", MARK_NOTE, "disk slow");
	assert_int_equal(report_session(f->j, f->c, f->sid, FMT_JSON, &out, &dl), ST_OK);
	if (!(doc = json_loadb(out.buf, out.len, JSON_REJECT_DUPLICATES, &err)))
		fail_msg("the report is not JSON: %s", err.text);
	items = json_object_get(json_array_get(json_object_get(doc, "hops"), 0), "items");
	hosts = step_hosts(items, A "/restart-agents");
	assert_int_equal(json_array_size(hosts), 6);
	for (k = 0; k < 6; k++) {
		static const char *const key[] = { "operator", "host", "state", "reason" };
		json_t *h = json_array_get(hosts, k);
		for (size_t m = 0; m < 4; m++) {
			const char *got = json_string_value(json_object_get(h, key[m]));
			if (!got != !want[k][m] || (got && strcmp(got, want[k][m])))
				fail_msg("host a%zu: %s is %s, not %s", k + 1, key[m],
					 got ? got : "null", want[k][m] ? want[k][m] : "null");
		}
		assert_true(json_is_false(json_object_get(h, "forced")));
		assert_true(json_is_null(json_object_get(h, "branch")));
		assert_string_equal(json_string_value(json_object_get(h, "drift")), "none");
		assert_string_equal(json_string_value(json_object_get(h, "kind")), "step");
		assert_string_equal(json_string_value(json_object_get(h, "role")), "agent");
		assert_true(json_is_array(json_object_get(h, "notes")));
		assert_int_equal(json_array_size(json_object_get(h, "notes")), k == 3 ? 1 : 0);
		assert_true(json_is_false(json_object_get(h, "leader")));
		assert_true(json_is_null(json_object_get(h, "hosts")));
		assert_true(json_is_null(json_object_get(h, "evidence")));
	}
	/* the masters', whose leader, m2, goes last: its flag alone true */
	hosts = step_hosts(items, A "/restart-masters");
	assert_int_equal(json_array_size(hosts), 3);
	for (k = 0; k < 3; k++) {
		json_t *h = json_array_get(hosts, k);
		assert_int_equal(json_is_true(json_object_get(h, "leader")),
				 !strcmp(json_string_value(json_object_get(h, "target")), "m2"));
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(hosts, 2), "target")),
			    "m2");
	views_agree(f);
	json_decref(doc);
	strbuf_release(&out);
	diag_list_release(&dl);
}

static void test_view_without_inventory(void **state)
{
	struct fx *f = *state;

	start(f, NULL);
	views_agree(f);
	OK(f, A "/implicit-roles", MARK_DONE, NULL);
	views_agree(f);
	/* a step that would be per host, done as one: no inventory */
	tick(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	views_agree(f);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown_view)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_view_through_a_session),
		T(test_view_forced_leader),
		T(test_view_agents_out_of_order),
		T(test_view_batches_out_of_order),
		T(test_view_per_host_note),
		T(test_view_clock_stepped_back),
		T(test_view_finished_clock_stepped_back),
		T(test_view_lean_notes),
		T(test_view_span_kept),
		T(test_view_json_hosts_said),
		T(test_view_without_inventory),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
