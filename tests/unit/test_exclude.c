/*
 * test_exclude.c - a session's hosts after it began (include/session.h):
 * session_exclude() skips a host's pending items in every hop, each skip
 * linked to the exclusion, and its inclusion undoes exactly those;
 * session_add_hosts() adds hosts from the current hop on; a hop's time
 * starts at its first check-off (report.h); the window's end is checked and
 * kept. The built-in content, a temporary journal and a fixed clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "report.h"

#define FIXTURE_NAME "exclude"
#include "session_fixture.h"

#define A "0.26-0.27"
#define B "0.27-0.28"
#define INVENTORY "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3]\n"

/* ---- helpers ----------------------------------------------------------- */

static void start(struct fx *f, const char *inventory, const char *window_end)
{
	struct diag_list why = { 0 };
	enum status st;

	inventory_free(&f->inv);
	f->inv = inventory ? parse_inventory(inventory) : NULL;
	st = session_start_cluster(f->j, f->c, "0.26", "0.28", "t", f->inv, NULL, window_end,
				   &f->who, &f->sid, &why);
	if (st != ST_OK)
		fail_msg("session_start: status %d: %s", (int)st, diag_said(&why));
	diag_list_release(&why);
}

static enum status exclude(struct fx *f, const char *host, bool include, const char *reason,
			   bool force)
{
	strbuf_reset(&f->msg);
	return change_said(f, session_exclude(f->j, f->c, f->sid, host, include, reason, force,
					      &f->who, &f->dl, &f->msg));
}

static enum status add_hosts(struct fx *f, const char *yaml)
{
	struct inventory *inv = parse_inventory(yaml);
	enum status st;

	strbuf_reset(&f->msg);
	st = change_said(f, session_add_hosts(f->j, f->c, f->sid, inv, "more.yaml", &f->who, &f->dl,
					      &f->msg));
	inventory_free(&inv);
	return st;
}

static const struct session_item *item(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("session has no item %s", id);
	return &s->items[i];
}

/* ---- excluding and including ------------------------------------------- */

static void test_exclude_skips_every_hop(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start(f, INVENTORY, NULL);
	MARK_EXPECT(ST_OK, f, A "/restart-agents@a2", MARK_DONE, "early", NULL, true);
	tick(f);
	assert_int_equal(exclude(f, "a2", false, "decommissioned", false), ST_OK);
	msg_has(f, "a2 excluded from session 1 by alice at 2026-11-18T11:06:41Z: 1 pending item "
		   "skipped in every hop; 1 done stays done");
	s = load(f);
	assert_int_equal(item(s, A "/restart-agents@a2")->state, ITEM_DONE);
	assert_int_equal(item(s, B "/restart-agents@a2")->state, ITEM_SKIPPED);
	assert_string_equal(item(s, B "/restart-agents@a2")->last.text, "decommissioned");
	assert_false(item(s, B "/restart-agents@a2")->forced);
	assert_int_not_equal(session_event_exclusion(s, item(s, B "/restart-agents@a2")->last.id),
			     0);
	assert_int_equal(session_event_exclusion(s, item(s, A "/restart-agents@a2")->last.id), 0);
	assert_int_equal(item(s, B "/restart-agents@a1")->state, ITEM_PENDING);
	assert_int_equal(s->nexcluded, 1);
	assert_string_equal(s->excluded[0]->target, "a2");
	assert_string_equal(s->excluded[0]->role, "agent");
	assert_string_equal(s->excluded[0]->text, "decommissioned");
	assert_non_null(session_excluded(s, "a2"));
	assert_null(session_excluded(s, "a1"));
	session_free(&s);
	/* again: said, nothing recorded */
	size_t n = nevents(f);
	assert_int_equal(exclude(f, "a2", false, "again", false), ST_OK);
	msg_has(f, "a2 is excluded from session 1 already (by alice at 2026-11-18T11:06:41Z: "
		   "decommissioned); nothing recorded");
	assert_int_equal(nevents(f), n);
}

static void test_include_undoes_only_its_skips(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start(f, INVENTORY, NULL);
	MARK_EXPECT(ST_OK, f, A "/restart-agents@a3", MARK_SKIP, "by hand", NULL, true);
	assert_int_equal(exclude(f, "a3", false, "out for repair", false), ST_OK);
	assert_int_equal(exclude(f, "a3", true, NULL, false), ST_OK);
	msg_has(f, "1 item pending again; 1 skipped by hand stays skipped");
	s = load(f);
	assert_int_equal(item(s, A "/restart-agents@a3")->state, ITEM_SKIPPED);
	assert_string_equal(item(s, A "/restart-agents@a3")->last.text, "by hand");
	assert_int_equal(item(s, B "/restart-agents@a3")->state, ITEM_PENDING);
	assert_int_equal(s->nexcluded, 0);
	session_free(&s);
	assert_int_equal(exclude(f, "a3", true, NULL, false), ST_OK);
	msg_is(f, "a3 is not excluded from session 1; nothing recorded");
}

static void test_bad_requests(void **state)
{
	struct fx *f = *state;
	struct diag_list dl = { 0 };
	size_t n;

	start(f, INVENTORY, NULL);
	n = nevents(f);
	assert_int_equal(exclude(f, "a4", false, "x", false), ST_USAGE);
	msg_is(f, "session 1 has no host 'a4' (did you mean a1, a2 or a3?); 'status 1 --hosts' "
		  "lists its hosts");
	assert_int_equal(exclude(f, "a1", false, " \n", false), ST_USAGE);
	/* the refusals come as data: each front end says how to give a reason or force */
	msg_is(f, "excluding a1 needs a reason");
	assert_int_equal(f->refused, REFUSAL_EXCLUDE_NO_REASON);
	assert_int_equal(exclude(f, "m2", false, "old", false), ST_REFUSED);
	msg_is(f, "m2 is the leading master (as the inventory says): leaving it out leaves the "
		  "cluster led by a master of the old version; fail over to another master first");
	assert_int_equal(f->refused, REFUSAL_EXCLUDE_LEADER);
	assert_int_equal(nevents(f), n);
	assert_int_equal(session_change(f->j, f->c, f->sid, SESSION_CLOSE, "wrong", &f->who, &dl,
					&f->msg), ST_OK);
	assert_int_equal(dl.count, 0);
	assert_int_equal(exclude(f, "a1", false, "x", false), ST_REFUSED);
	msg_has(f, "it can be read and reported, not changed; 'reopen 1' opens it again");
	assert_int_equal(nevents(f), n);
}

static void test_leader_forced(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start(f, INVENTORY, NULL);
	assert_int_equal(exclude(f, "m2", false, "replaced", true), ST_OK);
	s = load(f);
	assert_true(item(s, B "/restart-masters@m2")->forced);
	assert_true(s->excluded[0]->forced);
	session_free(&s);
}

/* ---- hosts added ------------------------------------------------------- */

static void test_add_hosts_from_current_hop(void **state)
{
	struct fx *f = *state;
	struct mark_pattern_result res;
	struct mark_pattern mp = { 0, A "/*", MARK_DONE, NULL, NULL };
	struct session *s;

	start(f, INVENTORY, NULL);
	mp.session = f->sid;
	mp.who = &f->who;
	assert_int_equal(session_mark_pattern(f->j, f->c, &mp, &res, &f->dl), ST_OK);
	mark_pattern_result_release(&res);
	assert_int_equal(add_hosts(f, "masters: [m1, m2, m3]\nagents: [a1, a4]\n"), ST_OK);
	msg_has(f, "1 host added (0 masters, 1 agent) by alice at 2026-11-18T11:06:40Z; their "
		   "items are in hop " B " and the hops after it; 2 hosts of the session are not "
		   "in more.yaml and stay");
	s = load(f);
	assert_int_equal(session_find(s, A "/restart-agents@a4"), -1);
	assert_int_equal(item(s, B "/restart-agents@a4")->state, ITEM_PENDING);
	assert_int_equal(item(s, B "/restart-agents")->nhosts, 4);
	assert_int_equal(item(s, A "/restart-agents")->nhosts, 3);
	assert_false(s->content_changed);
	assert_int_equal(s->nhosts, 7);
	session_free(&s);
	/* marked as any host's item, by the light load of a check-off */
	MARK_EXPECT(ST_OK, f, B "/restart-agents@a4", MARK_DONE, "new", NULL, true);
	assert_int_equal(add_hosts(f, "masters: [m1]\nagents: [a4]\n"), ST_OK);
	msg_has(f, "nothing recorded");
}

static void test_add_hosts_role_changed(void **state)
{
	struct fx *f = *state;
	size_t n;

	start(f, INVENTORY, NULL);
	n = nevents(f);
	assert_int_equal(add_hosts(f, "masters: [a1]\nagents: [a9]\n"), ST_USAGE);
	msg_is(f, "a host's role cannot change: a1 (an agent here, a master in the file); "
		  "nothing recorded");
	assert_int_equal(nevents(f), n);
	struct session *s = load(f);
	assert_int_equal(session_find(s, B "/restart-agents@a9"), -1);
	session_free(&s);
}

static void test_add_hosts_without_inventory(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start(f, NULL, NULL);
	MARK_EXPECT(ST_OK, f, A "/restart-masters", MARK_DONE, "whole", NULL, true);
	assert_int_equal(add_hosts(f, INVENTORY), ST_OK);
	msg_has(f, "6 hosts added (3 masters, 3 agents)");
	msg_has(f, "their items are in hop " A);
	msg_has(f, "1 per-host step resolved as a whole before stays so");
	s = load(f);
	assert_int_equal(item(s, A "/restart-masters")->state, ITEM_DONE);
	assert_int_equal(item(s, A "/restart-masters")->nhosts, 0);
	assert_int_equal(item(s, A "/restart-agents")->nhosts, 3);
	assert_int_equal(item(s, B "/restart-masters")->nhosts, 3);
	assert_true(item(s, B "/restart-masters@m2")->leader);
	session_free(&s);
}

/* ---- times ------------------------------------------------------------- */

static void test_hop_starts_at_first_check_off(void **state)
{
	struct fx *f = *state;
	struct strbuf why = STRBUF_INIT;
	struct report r;
	struct session *s;
	/* the notes read an hour before, a note written, and a host excluded ahead */
	static const char *const notes[] = { "implicit-roles", "allocator-api",
					     "executor-lost-callback", "isolator-prepare",
					     "teardown-frameworks-acl", "drf-reserved-resources" };
	char id[64];

	start(f, INVENTORY, NULL);
	OK(f, A "/rebuild-modules", MARK_NOTE, "prepared");
	for (size_t i = 0; i < sizeof(notes) / sizeof(*notes); i++) {
		snprintf(id, sizeof(id), A "/%s", notes[i]);
		OK(f, id, MARK_DONE, NULL);
	}
	assert_int_equal(exclude(f, "a1", false, "gone", false), ST_OK);
	f->now += 3600;
	clock_fix(f->now);
	OK(f, A "/rebuild-modules", MARK_SKIP, "none");
	s = load(f);
	assert_int_equal(report_build(&r, f->j, s, &why), ST_OK);
	assert_string_equal(r.hops[0].started, "2026-11-18T12:06:40Z");
	assert_null(r.hops[1].started); /* only the exclusion's skips so far */
	report_release(&r);
	session_free(&s);
	strbuf_release(&why);
}

static void test_window_end(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = { "24:00", "23:60", "6:30", "0630", "06:3a", "", "06:30 " };
	struct session *s;

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(session_window_check(bad[i]));
	assert_true(session_window_check("00:00"));
	assert_true(session_window_check("23:59"));
	start(f, NULL, "06:30");
	s = load(f);
	assert_string_equal(s->window_end, "06:30");
	session_free(&s);
	start(f, NULL, NULL);
	s = load(f);
	assert_string_equal(s->window_end, "");
	session_free(&s);
}

/* ---- the partial read an exclusion takes, against the whole load ---------- */

/* A journal_events() callback: each event's action, item and text, a line each. */
static bool event_line(void *ctx, const struct journal_event *e)
{
	strbuf_addf(ctx, "%s %s %s\n", event_action_name(e->action), e->item, e->text);
	return true;
}

/*
 * Exclusions, inclusions and hosts added on a new session of f among
 * check-offs by hand, with the journal's counts taken away when @whole
 * (each reads the whole session then); every status and message, then
 * every event and every item, into @out.
 */
static void exclusions(struct fx *f, bool whole, struct strbuf *out)
{
	static const struct {
		const char *host, *reason;
		bool include, force;
	} steps[] = {
		{ "a2", "decommissioned", false, false }, { "a3", "repair", false, false },
		{ "a3", NULL, true, false }, { "a2", NULL, true, false },
		{ "a1", "again?", true, false }, { "m1", "disk", false, false },
		{ "m2", "leader", false, false }, { "m2", "leader", false, true },
		{ "a9", "typo", false, false }, { "m1", "twice", false, false },
	};
	sqlite3 *db;

	start(f, INVENTORY, NULL);
	if (whole) {
		assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "DELETE FROM host_counts", NULL, NULL, NULL),
				 SQLITE_OK);
		sqlite3_close(db);
	}
	MARK_EXPECT(ST_OK, f, A "/restart-agents@a2", MARK_DONE, "early", NULL, true);
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		enum status st = exclude(f, steps[i].host, steps[i].include, steps[i].reason,
					 steps[i].force);
		strbuf_addf(out, "%d %s\n", (int)st, strbuf_str(&f->msg));
		if (i == 1) { /* one skip of a3's exclusion redone by hand: its inclusion leaves it */
			MARK_EXPECT(ST_OK, f, B "/restart-agents@a3", MARK_UNDO, NULL, NULL, false);
			MARK_EXPECT(ST_OK, f, B "/restart-agents@a3", MARK_SKIP, "by hand", NULL,
				    true);
		}
	}
	static const char *const more[] = {
		"masters: [m1, m2, m3, m4]\nleader: m2\nagents: [a1, a2, a3, a4, a5]\n",
		"masters: [m1, m2, m3, a1]\nleader: m2\nagents: [a2, a3]\n",
		"masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4]\n",
	};
	for (size_t i = 0; i < sizeof(more) / sizeof(*more); i++) {
		enum status st = add_hosts(f, more[i]);
		strbuf_addf(out, "%d %s\n", (int)st, strbuf_str(&f->msg));
	}
	assert_int_equal(journal_events(f->j, f->sid, NULL, false, 0, event_line, out), ST_OK);
	struct session *s = load(f);
	for (size_t i = 0; i < s->nitems; i++)
		strbuf_addf(out, "%s %d\n", s->items[i].id, (int)s->items[i].state);
	session_free(&s);
}

/*
 * An exclusion reads the session partially when the journal's counts allow
 * it: without them (the whole load), every account, refusal and event is
 * the same.
 */
static void test_partial_and_whole_agree(void **state)
{
	struct fx *f = *state;
	void *other = NULL;
	struct strbuf partial = STRBUF_INIT, whole = STRBUF_INIT;

	exclusions(f, false, &partial);
	assert_int_equal(setup(&other), 0);
	exclusions(other, true, &whole);
	assert_string_equal(strbuf_str(&whole), strbuf_str(&partial));
	assert_non_null(strstr(strbuf_str(&partial), "1 item pending again; 1 skipped by hand "
				"stays skipped"));
	assert_non_null(strstr(strbuf_str(&partial), "did you mean a1, a2 or a3?"));
	assert_non_null(strstr(strbuf_str(&partial), "3 hosts added (1 master, 2 agents)"));
	assert_non_null(strstr(strbuf_str(&partial), "a1 (an agent here, a master in the file)"));
	assert_non_null(strstr(strbuf_str(&partial), B "/restart-agents@a5 0"));
	teardown(&other);
	strbuf_release(&partial);
	strbuf_release(&whole);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_exclude_skips_every_hop),
		T(test_include_undoes_only_its_skips),
		T(test_bad_requests),
		T(test_leader_forced),
		T(test_add_hosts_from_current_hop),
		T(test_add_hosts_role_changed),
		T(test_add_hosts_without_inventory),
		T(test_hop_starts_at_first_check_off),
		T(test_window_end),
		T(test_partial_and_whole_agree),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
