/*
 * test_hosts_many.c - session_mark_many() (include/session.h): a range of
 * hosts of a per-host step marked all or nothing, those resolved passed
 * over, the same host once, no force; 2,000 agents in one range and more
 * than one range holds. The built-in content, a temporary journal and a
 * fixed clock (hosts_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "hostsmany"
#include "hosts_fixture.h"

/* ---- a range of hosts at once ------------------------------------------ */

static void test_many_all_or_nothing(void **state)
{
	struct fx *f = *state;
	const char *range[] = { MASTERS "@m1", MASTERS "@m3", AGENTS "@a001" };
	size_t n = 99;
	struct session *s;

	start_inv(f, "0.27", "0.28", 4);
	open_masters(f);
	/* the agent is locked: nothing is recorded, not even the masters */
	assert_int_equal(many(f, range, 3, MARK_DONE, NULL, &n), ST_REFUSED);
	assert_int_equal(n, 0);
	msg_is(f, AGENTS "@a001 is locked: the steps of hop 0.27-0.28 are done in order and "
		  MASTERS " is still pending (--force --note REASON overrides)");
	assert_int_equal(nevents(f), 3);
	/* an unknown item, a step, a note: usage, nothing recorded */
	{
		const char *bad[] = { MASTERS "@m1", MASTERS "@nope" };
		assert_int_equal(many(f, bad, 2, MARK_DONE, NULL, &n), ST_USAGE);
		msg_has(f, "no item '" MASTERS "@nope'");
	}
	{
		const char *bad[] = { MASTERS "@m1", MASTERS };
		assert_int_equal(many(f, bad, 2, MARK_DONE, NULL, &n), ST_USAGE);
		msg_has(f, "is done host by host");
	}
	{
		const char *bad[] = { MASTERS "@m1", HOP "/upgrade-schedulers" };
		assert_int_equal(many(f, bad, 2, MARK_UNDO, NULL, &n), ST_REFUSED);
	}
	{
		const char *bad[] = { MASTERS "@m1", HOP "/scalar-precision" };
		assert_int_equal(many(f, bad, 2, MARK_UNDO, NULL, &n), ST_USAGE);
		msg_is(f, HOP "/scalar-precision is not a host's item of a per-host step");
	}
	assert_int_equal(n, 0);
	assert_int_equal(nevents(f), 3);
	/* a skip needs its reason */
	assert_int_equal(many(f, range, 2, MARK_SKIP, NULL, &n), ST_USAGE);
	msg_has(f, "needs a reason");
	assert_int_equal(nevents(f), 3);
	/* the masters alone: recorded, one event each, one time */
	tick(f);
	assert_int_equal(many(f, range, 2, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nevents(f), 5);
	s = load(f);
	assert_int_equal(item(s, MASTERS)->hosts_done, 2);
	assert_string_equal(item(s, MASTERS "@m3")->last.time, "2026-11-18T11:06:41Z");
	assert_string_equal(item(s, MASTERS "@m3")->last.operator_name, "alice");
	assert_string_equal(item(s, MASTERS "@m3")->last.host, "bastion-1");
	session_free(&s);
}

static void test_many_passes_over_resolved(void **state)
{
	struct fx *f = *state;
	const char *all[] = { AGENTS "@a001", AGENTS "@a002", AGENTS "@a003", AGENTS "@a004" };
	size_t n = 0;
	struct session *s;

	start_inv(f, "0.27", "0.28", 4);
	open_masters(f);
	all_masters(f);
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	assert_int_equal(many(f, all, 4, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(nevents(f), 3 + 3 + 1 + 3);
	/* again: everything done already, nothing recorded, still ok */
	assert_int_equal(many(f, all, 4, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(nevents(f), 10);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	session_free(&s);
	/* undo over a range: every host undone at once, the step reopened */
	assert_int_equal(many(f, all, 2, MARK_UNDO, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	/* a range holding pending hosts: those are passed over (nothing to undo) */
	assert_int_equal(many(f, all, 4, MARK_UNDO, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nevents(f), 14);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_int_equal(item(s, AGENTS)->hosts_done, 0);
	session_free(&s);
	/* skip a range with its reason; a done one in it is refused whole, and the
	 * refusal says who did it when */
	OK(f, AGENTS "@a004", MARK_DONE, NULL);
	assert_int_equal(many(f, all, 4, MARK_SKIP, "decommissioned", &n), ST_REFUSED);
	assert_int_equal(n, 0);
	msg_is(f, AGENTS "@a004 is already done (by alice at 2026-11-18T11:06:40Z); undo it "
		  "first");
	assert_int_equal(many(f, all, 3, MARK_SKIP, "decommissioned", &n), ST_OK);
	assert_int_equal(n, 3);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_skipped, 3);
	assert_string_equal(item(s, AGENTS "@a003")->last.text, "decommissioned");
	session_free(&s);
}

/* The same host twice in a range is recorded once; a note is not a range action. */
static void test_many_duplicates_and_notes(void **state)
{
	struct fx *f = *state;
	const char *twice[] = { MASTERS "@m1", MASTERS "@m1", MASTERS "@m3" };
	size_t n = 0;

	start_inv(f, "0.27", "0.28", 1);
	open_masters(f);
	assert_int_equal(many(f, twice, 3, MARK_NOTE, "hello", &n), ST_USAGE);
	assert_int_equal(nevents(f), 3);
	assert_int_equal(many(f, twice, 3, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nevents(f), 5);
	/* nothing at all: fine, nothing recorded */
	assert_int_equal(many(f, twice, 0, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* Forcing is not for ranges: a locked range is refused even with a reason. */
static void test_many_no_force(void **state)
{
	struct fx *f = *state;
	const char *agents[] = { AGENTS "@a001", AGENTS "@a002" };
	size_t n = 0;

	start_inv(f, "0.27", "0.28", 2);
	assert_int_equal(many(f, agents, 2, MARK_SKIP, "whatever", &n), ST_REFUSED);
	msg_has(f, "is locked");
	assert_int_equal(nevents(f), 0);
}

/* 3 masters and 2,000 agents: one range marks every agent. */
static void test_many_two_thousand(void **state)
{
	struct fx *f = *state;
	const char **ids = calloc(2000, sizeof(*ids));
	struct session *s;
	size_t n = 0;

	assert_non_null(ids);
	start_inv(f, "0.27", "0.28", 2000);
	open_masters(f);
	all_masters(f);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->nhosts, 2000);
	assert_int_equal(s->nitems, 16 - 5 + 2000);
	for (size_t i = 0; i < 2000; i++)
		ids[i] = item(s, AGENTS)[i + 1].id;
	/* (how long it takes is make bench's: no timing here) */
	assert_int_equal(many(f, ids, 2000, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 2000);
	session_free(&s);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_done, 2000);
	assert_int_equal(s->ndone, 5);
	session_free(&s);
	free(ids);
}

/* The ids of per-host step @step's hosts a001.. a@n (in @a, which is freed by the caller). */
static const char **host_ids(const char *step, size_t from, size_t n, char (*buf)[64],
			     const char **ids)
{
	for (size_t i = 0; i < n; i++) {
		snprintf(buf[from + i], sizeof(*buf), "%s@a%03zu", step, i + 1);
		ids[from + i] = buf[from + i];
	}
	return ids;
}

/*
 * More hosts than a range of the wizard (read then as their hop's view, or
 * the whole session when they are of several hops): the same rules, all or
 * nothing, as a few.
 */
static void test_many_more_than_a_range(void **state)
{
	static const char *const first[] = {
		"0.26-0.27/implicit-roles", "0.26-0.27/allocator-api",
		"0.26-0.27/executor-lost-callback", "0.26-0.27/isolator-prepare",
		"0.26-0.27/teardown-frameworks-acl", "0.26-0.27/drf-reserved-resources",
		"0.26-0.27/rebuild-modules", "0.26-0.27/restart-masters@m1",
		"0.26-0.27/restart-masters@m3", "0.26-0.27/restart-masters@m2" };
	struct fx *f = *state;
	char (*buf)[64] = calloc(200, sizeof(*buf));
	const char **ids = calloc(200, sizeof(*ids));
	struct strbuf one = STRBUF_INIT;
	struct session *s;
	size_t n = 99;

	assert_non_null(buf);
	assert_non_null(ids);
	start_inv(f, "0.26", "0.28", 100);
	/* the next hop's agents: locked by this one, as one of them alone is */
	host_ids(AGENTS, 0, 100, buf, ids);
	assert_int_equal(many(f, ids, 1, MARK_DONE, NULL, &n), ST_REFUSED);
	strbuf_adds(&one, strbuf_str(&f->msg));
	assert_int_equal(many(f, ids, 100, MARK_DONE, NULL, &n), ST_REFUSED);
	assert_string_equal(strbuf_str(&f->msg), strbuf_str(&one));
	assert_int_equal(n, 0);
	for (size_t i = 0; i < sizeof(first) / sizeof(*first); i++)
		OK(f, first[i], MARK_DONE, NULL);
	/* of two hops: nothing recorded when the later one's are locked */
	host_ids("0.26-0.27/restart-agents", 0, 100, buf, ids);
	host_ids(AGENTS, 100, 100, buf, ids);
	assert_int_equal(many(f, ids + 50, 100, MARK_DONE, NULL, &n), ST_REFUSED);
	assert_int_equal(n, 0);
	/* an id no session has among them: the whole session's "no such item" */
	ids[80] = "0.26-0.27/restart-agents@a999";
	assert_int_equal(many(f, ids, 100, MARK_DONE, NULL, &n), ST_USAGE);
	msg_has(f, "0.26-0.27/restart-agents@a999");
	assert_int_equal(n, 0);
	ids[80] = buf[80];
	/* the hop's 100 agents at once */
	assert_int_equal(many(f, ids, 100, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 100);
	s = load(f);
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->hosts_done, 100);
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_done, 0);
	session_free(&s);
	strbuf_release(&one);
	free(ids);
	free(buf);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_many_all_or_nothing),
		T(test_many_passes_over_resolved),
		T(test_many_duplicates_and_notes),
		T(test_many_no_force),
		T(test_many_two_thousand),
		T(test_many_more_than_a_range),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
