/*
 * test_hosts_inventory.c - a session's inventory (include/session.h): no
 * inventory, sessions as before; the inventory kept with the session and
 * resumed; content drift under a session with hosts (small content in
 * memory); the inventory read a batch of agents at a time
 * (journal_hosts_from()). The built-in content, a temporary journal and a
 * fixed clock (hosts_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "hostsinv"
#include "hosts_fixture.h"

/* ---- sessions without an inventory ------------------------------------- */

static void test_without_inventory_as_before(void **state)
{
	struct fx *f = *state;
	struct journal_host *hosts = NULL;
	struct arena a = ARENA_INIT;
	struct session *s;
	char digest[65];
	size_t nh = 99, k = 0;

	start_plain(f, "0.26", "0.28");
	s = load(f);
	/* exactly the plan's notes and steps, in order */
	assert_int_equal(s->nitems, s->plan.nnotes + s->plan.nsteps);
	for (size_t h = 0; h < s->plan.nhops; h++) {
		const struct content_hop *hop = &s->plan.hops[h];
		for (size_t i = 0; i < hop->nnotes; i++, k++)
			assert_string_equal(s->items[k].id, hop->notes[i].full_id);
		for (size_t i = 0; i < hop->nsteps; i++, k++)
			assert_string_equal(s->items[k].id, hop->steps[i].full_id);
	}
	for (size_t i = 0; i < s->nitems; i++) {
		assert_null(s->items[i].host);
		assert_int_equal(s->items[i].nhosts, 0);
		assert_int_equal(s->items[i].parent, -1);
		assert_false(s->items[i].leader);
	}
	/* the digest is the plan's as it always was */
	session_plan_digest(&s->plan, digest);
	assert_string_equal(s->info.content_digest, digest);
	assert_false(s->content_changed);
	session_free(&s);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &hosts, &nh), ST_OK);
	assert_int_equal(nh, 0);
	arena_release(&a);
	/* a per-host step is an ordinary step: marked itself */
	for (const char *const *id = (const char *const[]){
		     "0.26-0.27/implicit-roles", "0.26-0.27/allocator-api",
		     "0.26-0.27/executor-lost-callback", "0.26-0.27/isolator-prepare",
		     "0.26-0.27/teardown-frameworks-acl", "0.26-0.27/drf-reserved-resources",
		     "0.26-0.27/rebuild-modules", NULL };
	     *id; id++)
		OK(f, *id, MARK_DONE, NULL);
	OK(f, "0.26-0.27/restart-masters", MARK_DONE, NULL);
	msg_has(f, "0.26-0.27/restart-masters done by alice");
	MARK_EXPECT(ST_USAGE, f, "0.26-0.27/restart-agents@a001", MARK_DONE, NULL, NULL, false);
	s = load(f);
	assert_int_equal(item(s, "0.26-0.27/restart-masters")->state, ITEM_DONE);
	assert_int_equal(s->ndone, 8);
	session_free(&s);
}

/* ---- the inventory is kept with the session ---------------------------- */

static void test_inventory_stored_and_resumed(void **state)
{
	struct fx *f = *state;
	struct journal_host *h = NULL;
	struct arena a = ARENA_INIT;
	struct session *s;
	size_t n = 0;

	start_inv(f, "0.27", "0.28", 3);
	open_masters(f);
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &h, &n), ST_OK);
	assert_int_equal(n, 6);
	assert_string_equal(h[0].role, "master");
	assert_string_equal(h[0].name, "m1");
	assert_string_equal(h[1].name, "m3");
	assert_string_equal(h[2].name, "m2");
	assert_false(h[0].leader);
	assert_true(h[2].leader);
	for (size_t i = 3; i < 6; i++) {
		assert_string_equal(h[i].role, "agent");
		assert_false(h[i].leader);
	}
	assert_string_equal(h[5].name, "a003");
	arena_release(&a);
	/* resume: another process, no inventory file at all */
	inventory_free(&f->inv);
	journal_close(&f->j);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_OK);
	s = load(f);
	assert_int_equal(s->nitems, 16 - 2);
	assert_int_equal(item(s, MASTERS)->nhosts, 3);
	assert_true(item(s, MASTERS "@m2")->leader);
	assert_int_equal(item(s, MASTERS "@m1")->state, ITEM_DONE);
	assert_false(s->content_changed);
	session_free(&s);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	/* a second session with another inventory keeps its own */
	{
		int64_t first = f->sid;
		start_inv(f, "0.27", "0.28", 1);
		assert_true(f->sid != first);
		s = load(f);
		assert_int_equal(item(s, AGENTS)->nhosts, 1);
		assert_int_equal(item(s, MASTERS)->hosts_done, 0);
		session_free(&s);
		f->sid = first;
		s = load(f);
		assert_int_equal(item(s, AGENTS)->nhosts, 3);
		assert_int_equal(item(s, MASTERS)->hosts_done, 2);
		session_free(&s);
	}
}

/* ---- drift: the content changed under a session with hosts ------------- */

static const char GUIDE[] = "product: Apache Mesos\n"
			    "title: Drift test\n"
			    "source: tests/unit/test_hosts_inventory.c\n"
			    "version: \"1.0.0\"\n";

/* s1 per-host on the masters, s2 per-host on the agents, s3 ordinary */
static const char HOP_A[] = "from: \"0.1\"\n"
			    "to: \"0.2\"\n"
			    "title: Upgrading from 0.1 to 0.2\n"
			    "notes: []\n"
			    "steps:\n"
			    "  - id: s1\n"
			    "    role: master\n"
			    "    per_host: true\n"
			    "    text: Restart the masters.\n"
			    "  - id: s2\n"
			    "    role: agent\n"
			    "    per_host: true\n"
			    "    text: Restart the agents.\n"
			    "  - id: s3\n"
			    "    role: scheduler\n"
			    "    text: Restart the schedulers.\n";

/* s1 reworded, s2 no longer per host, s3 gone, s4 new and per host */
static const char HOP_B[] = "from: \"0.1\"\n"
			    "to: \"0.2\"\n"
			    "title: Upgrading from 0.1 to 0.2\n"
			    "notes: []\n"
			    "steps:\n"
			    "  - id: s1\n"
			    "    role: master\n"
			    "    per_host: true\n"
			    "    text: Restart the masters, the leader last.\n"
			    "  - id: s2\n"
			    "    role: agent\n"
			    "    text: Restart the agents.\n"
			    "  - id: s4\n"
			    "    role: agent\n"
			    "    per_host: true\n"
			    "    text: Check every agent.\n";

static struct content *mem_content(const char *hop)
{
	struct content_file hops[1] = {
		{ "hops/0.1-0.2.yaml", (const unsigned char *)hop, strlen(hop) },
	};

	return content_in_memory(GUIDE, hops, 1);
}

static void test_drift_with_hosts(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const char *both[] = { "0.1-0.2/s4@a001", "0.1-0.2/s4@a002" };
	size_t n = 0;

	f->a = mem_content(HOP_A);
	f->b = mem_content(HOP_B);
	f->c = f->a;
	start_inv(f, "0.1", "0.2", 2);
	OK(f, "0.1-0.2/s1@m1", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s1@m3", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s1@m2", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s2@a001", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s2@a002", MARK_SKIP, "gone");

	f->c = f->b;
	s = load(f);
	assert_true(s->content_changed);
	/* s1: its hosts are still its hosts, done under other words */
	assert_int_equal(item(s, "0.1-0.2/s1")->nhosts, 3);
	assert_int_equal(item(s, "0.1-0.2/s1")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s1")->drift, DRIFT_CHANGED);
	assert_int_equal(item(s, "0.1-0.2/s1@m2")->drift, DRIFT_CHANGED);
	assert_true(item(s, "0.1-0.2/s1@m2")->changed_since_done);
	assert_non_null(item(s, "0.1-0.2/s1@m2")->host);
	/* s2 is an ordinary step now: its hosts' items are history, it is pending */
	assert_int_equal(item(s, "0.1-0.2/s2")->nhosts, 0);
	assert_int_equal(item(s, "0.1-0.2/s2")->state, ITEM_PENDING);
	assert_int_equal(item(s, "0.1-0.2/s2@a001")->drift, DRIFT_REMOVED);
	assert_int_equal(item(s, "0.1-0.2/s2@a001")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s2@a002")->state, ITEM_SKIPPED);
	/* s3 removed; s4 new, with its hosts new too */
	assert_int_equal(item(s, "0.1-0.2/s3")->drift, DRIFT_REMOVED);
	assert_int_equal(item(s, "0.1-0.2/s4")->drift, DRIFT_ADDED);
	assert_int_equal(item(s, "0.1-0.2/s4")->nhosts, 2);
	assert_int_equal(item(s, "0.1-0.2/s4@a001")->drift, DRIFT_ADDED);
	assert_int_equal(item(s, "0.1-0.2/s4@a001")->parent, idx(s, "0.1-0.2/s4"));
	assert_int_equal(s->nremoved, 3); /* s3 and the two hosts of s2, history now */
	assert_int_equal(session_total(s), 3);
	assert_int_equal(s->ndone, 1);
	session_free(&s);

	/* the removed hosts' items are refused; s2 is marked itself */
	MARK_EXPECT(ST_REFUSED, f, "0.1-0.2/s2@a001", MARK_UNDO, NULL, NULL, false);
	msg_has(f, "no longer in the content");
	OK(f, "0.1-0.2/s2", MARK_DONE, NULL);
	/* the new hosts' items are planned when first marked: alone, or as a range */
	OK(f, "0.1-0.2/s4@a001", MARK_DONE, NULL);
	assert_int_equal(many(f, both, 2, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 1);
	s = load(f);
	assert_int_equal(item(s, "0.1-0.2/s4")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s4@a002")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s4@a002")->drift, DRIFT_NONE);
	assert_true(s->finished);
	session_free(&s);
	/* and the old content still reads the session */
	f->c = f->a;
	s = load(f);
	assert_int_equal(item(s, "0.1-0.2/s2")->nhosts, 2);
	assert_int_equal(item(s, "0.1-0.2/s2")->state, ITEM_DONE);
	session_free(&s);
}

/* journal_hosts_from() of every first agent and count is that slice of journal_hosts(). */
static void slices_agree(struct fx *f, bool sorted)
{
	struct arena a = ARENA_INIT;
	struct journal_host *w, *b;
	size_t nw, nb, nm = 3;
	bool in_order = !sorted;

	assert_int_equal(journal_agents_sorted(f->j, f->sid, &in_order), ST_OK);
	assert_int_equal(in_order, sorted);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &w, &nw), ST_OK);
	for (size_t first = 0; first <= nw - nm; first++) {
		for (size_t max = 0; max <= 3; max++) {
			size_t want = nw - nm - first < max ? nw - nm - first : max;
			assert_int_equal(journal_hosts_from(f->j, f->sid, first, max, &a, &b, &nb),
					 ST_OK);
			assert_int_equal(nb, nm + want);
			for (size_t i = 0; i < nb; i++) {
				const struct journal_host *x = &w[i < nm ? i : first + i];
				assert_string_equal(b[i].role, x->role);
				assert_string_equal(b[i].name, x->name);
				assert_int_equal(b[i].leader, x->leader);
				assert_true((!b[i].from_hop && !x->from_hop) ||
					    (b[i].from_hop && x->from_hop &&
					     !strcmp(b[i].from_hop, x->from_hop)));
			}
		}
	}
	arena_release(&a);
}

/*
 * The inventory read a batch of agents at a time (the masters with each),
 * and whether its agents are in the order of their names: sorted as
 * started, not once "edit --inventory" added agents out of that order
 * (their first hop read with them).
 */
static void test_inventory_read_by_batches(void **state)
{
	struct fx *f = *state;
	struct inventory *more;

	start_inv(f, "0.26", "0.28", 5);
	slices_agree(f, true);
	more = parse_inventory("masters: [m1, m2, m3]\nleader: m2\n"
			       "agents: [a001, a002, a003, a004, a005, a000, zz]\n");
	strbuf_reset(&f->msg);
	assert_int_equal(session_add_hosts(f->j, f->c, f->sid, more, "more.yaml", &f->who, &f->dl,
					   &f->msg), ST_OK);
	inventory_free(&more);
	slices_agree(f, false);
	{
		struct arena a = ARENA_INIT;
		struct journal_host *h;
		size_t n;
		assert_int_equal(journal_hosts_from(f->j, f->sid, 5, 2, &a, &h, &n), ST_OK);
		assert_int_equal(n, 5);
		assert_string_equal(h[3].name, "a000");
		assert_string_equal(h[4].name, "zz");
		assert_non_null(h[4].from_hop);
		arena_release(&a);
	}
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_without_inventory_as_before),
		T(test_inventory_stored_and_resumed),
		T(test_drift_with_hosts),
		T(test_inventory_read_by_batches),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
