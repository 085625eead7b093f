/*
 * test_hosts.c - per-host steps (include/session.h): a session started with
 * an inventory gets one item "HOP/STEP@HOST" per master or agent after each
 * per-host step; the step's state derives from its hosts'; the rules lock a
 * host's item when its step is locked; the step itself is never marked.
 * Ranges of hosts: test_hosts_many.c; no inventory, the inventory kept,
 * content drift and batches: test_hosts_inventory.c. The built-in content,
 * a temporary journal and a fixed clock (hosts_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "hosts"
#include "hosts_fixture.h"

/* ---- the items --------------------------------------------------------- */

static void test_items_follow_their_step(void **state)
{
	struct fx *f = *state;
	static const char *const want[] = {
		HOP "/scalar-precision", HOP "/reservation-acls", HOP "/rebuild-modules",
		MASTERS, MASTERS "@m1", MASTERS "@m3", MASTERS "@m2",
		AGENTS, AGENTS "@a001", AGENTS "@a002", AGENTS "@a003", AGENTS "@a004",
		AGENTS "@a005", HOP "/upgrade-schedulers", HOP "/restart-schedulers",
		HOP "/upgrade-executors",
	};
	struct session *s;

	start_inv(f, "0.27", "0.28", 5);
	s = load(f);
	assert_int_equal(s->nitems, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		assert_string_equal(it->id, want[i]);
		assert_int_equal(it->state, ITEM_PENDING);
		assert_int_equal(it->drift, DRIFT_NONE);
		assert_int_equal(it->hop, 0);
	}
	/* the steps */
	assert_int_equal(item(s, MASTERS)->nhosts, 3);
	assert_int_equal(item(s, AGENTS)->nhosts, 5);
	assert_null(item(s, MASTERS)->host);
	assert_int_equal(item(s, MASTERS)->parent, -1);
	assert_int_equal(item(s, HOP "/rebuild-modules")->nhosts, 0);
	/* the hosts: their host, their step, the step's content, the leader last */
	for (size_t i = 4; i <= 6; i++) {
		const struct session_item *it = &s->items[i];
		assert_int_equal(it->kind, ITEM_STEP);
		assert_int_equal(it->parent, 3);
		assert_ptr_equal(it->step, s->items[3].step);
		assert_int_equal(it->nhosts, 0);
		assert_int_equal(session_step_number(s, i), 2);
	}
	assert_string_equal(s->items[4].host, "m1");
	assert_string_equal(s->items[6].host, "m2");
	assert_false(s->items[4].leader);
	assert_false(s->items[5].leader);
	assert_true(s->items[6].leader);
	for (size_t i = 8; i <= 12; i++) {
		assert_int_equal(s->items[i].parent, 7);
		assert_false(s->items[i].leader);
	}
	assert_string_equal(s->items[12].host, "a005");
	/* counts: a per-host step once, its hosts not at all */
	assert_int_equal(session_total(s), 8);
	assert_int_equal(s->npending, 8);
	assert_int_equal(s->ndone + s->nskipped + s->nforced + s->nremoved, 0);
	assert_false(s->finished);
	assert_false(s->content_changed);
	session_free(&s);
}

/* Two hops: each hop's per-host steps get their hosts; an empty role none. */
static void test_items_over_hops_and_empty_role(void **state)
{
	struct fx *f = *state;
	struct session *s;
	size_t hosts = 0, steps = 0;

	start_inv(f, "0.26", "0.28", 0); /* masters only */
	s = load(f);
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->host) {
			hosts++;
			/* an agent step has no hosts: only masters' items */
			assert_non_null(strstr(it->id, "restart-masters@"));
			assert_string_equal(s->items[it->parent].id,
					    i >= 3 && !strncmp(it->id, "0.26-0.27", 9)
						    ? "0.26-0.27/restart-masters" : MASTERS);
		} else {
			steps++;
		}
	}
	assert_int_equal(hosts, 6);
	assert_int_equal(steps, s->plan.nnotes + s->plan.nsteps);
	assert_int_equal(session_total(s), s->plan.nnotes + s->plan.nsteps);
	/* with no agents, the agents' step is an ordinary step */
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->nhosts, 0);
	assert_int_equal(item(s, "0.26-0.27/restart-masters")->nhosts, 3);
	assert_true(item(s, "0.26-0.27/restart-masters@m2")->leader);
	session_free(&s);
}

/* ---- the step's state -------------------------------------------------- */

static void test_step_done_when_every_host_is(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *st;

	start_inv(f, "0.27", "0.28", 3);
	open_masters(f);
	tick(f);
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	tick(f);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	s = load(f);
	st = item(s, MASTERS);
	assert_int_equal(st->state, ITEM_PENDING);
	assert_int_equal(st->hosts_done, 2);
	assert_int_equal(st->hosts_skipped, 0);
	assert_false(st->has_last);
	assert_int_equal(s->ndone, 3);
	assert_int_equal(s->npending, 5);
	assert_int_equal(item(s, MASTERS "@m1")->state, ITEM_DONE);
	assert_string_equal(item(s, MASTERS "@m1")->last.operator_name, "alice");
	session_free(&s);

	/* the last host, the leader, closes the step, as of its own time */
	tick(f);
	f->who.operator_name = "bob";
	OK(f, MASTERS "@m2", MARK_DONE, "failover in 4 s");
	msg_has(f, MASTERS "@m2 done by bob at ");
	s = load(f);
	st = item(s, MASTERS);
	assert_int_equal(st->state, ITEM_DONE);
	assert_int_equal(st->hosts_done, 3);
	assert_true(st->has_last);
	assert_string_equal(st->last.item, MASTERS "@m2");
	assert_string_equal(st->last.operator_name, "bob");
	assert_string_equal(st->last.time, "2026-11-18T11:06:43Z");
	assert_false(st->forced);
	assert_int_equal(s->ndone, 4);
	assert_int_equal(s->npending, 4);
	assert_int_equal(session_total(s), 8);
	session_free(&s);
}

static void test_step_done_or_skipped_by_its_hosts(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start_inv(f, "0.27", "0.28", 3);
	open_masters(f);
	all_masters(f);
	/* done and skipped: done */
	OK(f, AGENTS "@a001", MARK_SKIP, "decommissioned");
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_int_equal(item(s, AGENTS)->hosts_skipped, 1);
	session_free(&s);
	OK(f, AGENTS "@a003", MARK_SKIP, "decommissioned");
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_done, 1);
	assert_int_equal(item(s, AGENTS)->hosts_skipped, 2);
	assert_int_equal(s->nskipped, 0);
	session_free(&s);
	/* every host skipped: the step is skipped */
	OK(f, AGENTS "@a002", MARK_UNDO, NULL);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	session_free(&s);
	OK(f, AGENTS "@a002", MARK_SKIP, "in repair");
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_SKIPPED);
	assert_int_equal(s->nskipped, 1);
	assert_int_equal(s->ndone, 4);
	session_free(&s);
}

/* Undoing a host reopens its step, and the next steps lock again. */
static void test_undo_reopens_the_step(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start_inv(f, "0.27", "0.28", 2);
	open_masters(f);
	all_masters(f);
	s = load(f);
	assert_int_equal(item(s, MASTERS)->state, ITEM_DONE);
	assert_int_equal(session_blocker(s, (size_t)idx(s, AGENTS "@a001"), &b),
			 SESSION_BLOCK_NONE);
	session_free(&s);
	OK(f, MASTERS "@m3", MARK_UNDO, "restarted the wrong binary");
	msg_has(f, MASTERS "@m3 undone by alice");
	s = load(f);
	assert_int_equal(item(s, MASTERS)->state, ITEM_PENDING);
	assert_int_equal(item(s, MASTERS)->hosts_done, 2);
	assert_int_equal(item(s, MASTERS "@m3")->state, ITEM_PENDING);
	assert_true(item(s, MASTERS "@m3")->has_last);
	assert_int_equal(session_blocker(s, (size_t)idx(s, AGENTS "@a001"), &b),
			 SESSION_BLOCK_ORDER);
	assert_int_equal(b, idx(s, MASTERS));
	assert_int_equal(s->ndone, 3);
	session_free(&s);
	MARK_EXPECT(ST_REFUSED, f, AGENTS "@a001", MARK_DONE, NULL, NULL, false);
	/* nothing to undo on a pending host */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m3", MARK_UNDO, NULL, NULL, false);
	msg_is(f, "nothing to undo: " MASTERS "@m3 is pending");
}

/* The session is finished when every step is, hosts included. */
static void test_finished_with_hosts(void **state)
{
	struct fx *f = *state;
	static const char *const rest[] = { HOP "/upgrade-schedulers", HOP "/restart-schedulers",
					    HOP "/upgrade-executors" };
	struct session *s;

	start_inv(f, "0.27", "0.28", 2);
	open_masters(f);
	all_masters(f);
	OK(f, AGENTS "@a001", MARK_DONE, NULL);
	/* the hop is ordered: the rest waits for the last agent */
	MARK_EXPECT(ST_REFUSED, f, rest[0], MARK_DONE, NULL, NULL, false);
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	for (size_t i = 0; i < 3; i++) {
		tick(f);
		OK(f, rest[i], MARK_DONE, NULL);
	}
	s = load(f);
	assert_true(s->finished);
	assert_string_equal(s->finished_at, "2026-11-18T11:06:43Z");
	assert_int_equal(s->ndone, 8);
	assert_int_equal(s->npending, 0);
	session_free(&s);
	/* a host undone afterwards (forced: the steps after it are done) reopens it */
	tick(f);
	OK(f, AGENTS "@a002", MARK_UNDO, "it rebooted into the old version");
	s = load(f);
	assert_false(s->finished);
	assert_null(s->finished_at);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_int_equal(s->npending, 1);
	session_free(&s);
}

/* ---- the rules --------------------------------------------------------- */

static void test_host_locked_with_its_step(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start_inv(f, "0.26", "0.28", 2);
	/* an earlier hop is pending */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m1", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m1 is locked: hops are done in order and "
		  "0.26-0.27/implicit-roles of hop 0.26-0.27 is still pending "
		  "(--force --note REASON overrides)");
	s = load(f);
	assert_int_equal(session_blocker(s, (size_t)idx(s, MASTERS "@m1"), &b),
			 SESSION_BLOCK_EARLIER_HOP);
	assert_string_equal(s->items[b].id, "0.26-0.27/implicit-roles");
	/* the notes of its own hop come first */
	assert_int_equal(session_blocker(s, (size_t)idx(s, "0.26-0.27/restart-masters@m1"), &b),
			 SESSION_BLOCK_NOTES);
	assert_string_equal(s->items[b].id, "0.26-0.27/implicit-roles");
	session_free(&s);
	MARK_EXPECT(ST_REFUSED, f, "0.26-0.27/restart-masters@m2", MARK_SKIP, "no", NULL, false);
	msg_is(f, "0.26-0.27/restart-masters@m2 is locked: acknowledge the notes of hop 0.26-0.27 "
		  "first; 0.26-0.27/implicit-roles is still pending (--force --note REASON "
		  "overrides)");
	assert_int_equal(nevents(f), 0);
}

static void test_host_locked_by_an_earlier_step(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start_inv(f, "0.27", "0.28", 2);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	/* rebuild-modules first: the masters' hosts wait */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m1", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m1 is locked: the steps of hop 0.27-0.28 are done in order and "
		  "0.27-0.28/rebuild-modules is still pending (--force --note REASON overrides)");
	OK(f, HOP "/rebuild-modules", MARK_DONE, NULL);
	/* the agents wait for every master: the blocker is the masters' step */
	MARK_EXPECT(ST_REFUSED, f, AGENTS "@a002", MARK_DONE, NULL, NULL, false);
	msg_is(f, AGENTS "@a002 is locked: the steps of hop 0.27-0.28 are done in order and "
		  MASTERS " is still pending (--force --note REASON overrides)");
	/* hosts of one step in any order, but the leading master last (issue 15) */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m2", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m2 is locked: the leading master is restarted last, after the other "
		  "masters of its step; still pending: m1, m3 (one failover, onto a master already "
		  "upgraded) (--force --note REASON overrides)");
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m2", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m2 is locked: the leading master is restarted last, after the other "
		  "masters of its step; still pending: m3 (one failover, onto a master already "
		  "upgraded) (--force --note REASON overrides)");
	MARK_EXPECT(ST_REFUSED, f, AGENTS "@a002", MARK_DONE, NULL, NULL, false);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	OK(f, MASTERS "@m2", MARK_DONE, NULL);
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	/* the next step waits for every agent */
	MARK_EXPECT(ST_REFUSED, f, HOP "/upgrade-schedulers", MARK_DONE, NULL, NULL, false);
	msg_has(f, "and " AGENTS " is still pending");
	s = load(f);
	assert_int_equal(session_blocker(s, (size_t)idx(s, HOP "/upgrade-schedulers"), &b),
			 SESSION_BLOCK_ORDER);
	assert_int_equal(b, idx(s, AGENTS));
	assert_int_equal(session_blocker(s, (size_t)idx(s, AGENTS "@a001"), &b),
			 SESSION_BLOCK_NONE);
	session_free(&s);
	OK(f, AGENTS "@a001", MARK_DONE, NULL);
	OK(f, HOP "/upgrade-schedulers", MARK_DONE, NULL);
}

/* The step itself is marked through its hosts; a note on it is fine. */
static void test_step_itself_refused(void **state)
{
	struct fx *f = *state;

	start_inv(f, "0.27", "0.28", 2);
	open_masters(f);
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS " is done host by host: mark " MASTERS "@HOST for each of its 3 hosts "
		  "(3 pending); 'status 1' lists them");
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_SKIP, "not today", NULL, false);
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_DONE, "forced", NULL, true);
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_UNDO, NULL, NULL, false);
	msg_has(f, "(2 pending)");
	assert_int_equal(nevents(f), 4);
	/* a note on the step changes nothing and is allowed */
	OK(f, MASTERS, MARK_NOTE, "the change window ends at 02:00");
	assert_int_equal(nevents(f), 5);
	/* unknown hosts, and a host of another role */
	MARK_EXPECT(ST_USAGE, f, MASTERS "@m9", MARK_DONE, NULL, NULL, false);
	msg_has(f, "session 1 has no item '" MASTERS "@m9'");
	MARK_EXPECT(ST_USAGE, f, MASTERS "@a001", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, AGENTS "@m1", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, HOP "/upgrade-schedulers@m1", MARK_DONE, NULL, NULL, false);
	assert_int_equal(nevents(f), 5);
}

static void test_force_a_host(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start_inv(f, "0.27", "0.28", 2);
	MARK_EXPECT(ST_USAGE, f, AGENTS "@a001", MARK_DONE, NULL, NULL, true);
	msg_is(f, "--force needs a reason: --note REASON");
	MARK_EXPECT(ST_OK, f, AGENTS "@a001", MARK_DONE, "config management did it", NULL, true);
	msg_has(f, AGENTS "@a001 done (forced) by alice");
	s = load(f);
	assert_true(item(s, AGENTS "@a001")->forced);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_false(item(s, AGENTS)->forced); /* pending: not forced yet */
	assert_int_equal(s->nforced, 0);
	session_free(&s);
	MARK_EXPECT(ST_OK, f, AGENTS "@a002", MARK_SKIP, "gone", NULL, true);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_true(item(s, AGENTS)->forced);
	assert_int_equal(s->nforced, 1);
	session_free(&s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_items_follow_their_step),
		T(test_items_over_hops_and_empty_role),
		T(test_step_done_when_every_host_is),
		T(test_step_done_or_skipped_by_its_hosts),
		T(test_undo_reopens_the_step),
		T(test_finished_with_hosts),
		T(test_host_locked_with_its_step),
		T(test_host_locked_by_an_earlier_step),
		T(test_step_itself_refused),
		T(test_force_a_host),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
