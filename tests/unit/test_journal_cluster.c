/*
 * test_journal_cluster.c - a session's cluster in the journal
 * (journal_cluster.c): its masters and files, probes read back whole and
 * newest first, evidence joined to its probe's time, and the rows that can
 * never change once written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "journal.h"

#include "helpers.h"

struct fx {
	char dir[64];
	char path[128];
	struct journal *j;
	struct arena a;
	int64_t session;
};

static int setup(void **state)
{
	struct journal_session s = { .from = "0.26", .to = "0.28", .title = "t", .operator_name = "op",
				     .host = "h", .created = "2026-01-01T00:00:00Z",
				     .content_digest = "d", .content_version = "1" };
	struct journal_item item = { "0.26-0.27/restart-agents@a1", "step", "x" };
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/mu-test-jcluster-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/journal.db", f->dir);
	if (open_journal(f->path, JOURNAL_WRITE, &f->j) != ST_OK ||
	    journal_begin(f->j) != ST_OK ||
	    journal_session_add(f->j, &s, &item, 1, &f->session) != ST_OK ||
	    journal_commit(f->j) != ST_OK) {
		fprintf(stderr, "setup: %s %s\n", journal_said, f->j ? journal_error(f->j) : "");
		return -1;
	}
	f->a = (struct arena)ARENA_INIT;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char side[160];

	journal_close(&f->j);
	arena_release(&f->a);
	for (const char *const *x = (const char *const[]){ "", "-wal", "-shm", NULL }; *x; x++) {
		snprintf(side, sizeof(side), "%s%s", f->path, *x);
		unlink(side);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void in_transaction(struct fx *f, enum status st)
{
	if (st != ST_OK)
		fail_msg("%s", journal_error(f->j));
}

static void test_cluster_round_trip(void **state)
{
	struct fx *f = *state;
	const char *urls[] = { "https://m1:5050", "https://m2:5050" };
	struct journal_cluster c = { urls, 2, "/etc/mesos/cred", NULL }, got;

	assert_int_equal(journal_cluster_get(f->j, f->session, &f->a, &got), ST_OK);
	assert_int_equal(got.nmasters, 0);
	in_transaction(f, journal_begin(f->j));
	in_transaction(f, journal_cluster_add(f->j, f->session, &c));
	in_transaction(f, journal_commit(f->j));
	assert_int_equal(journal_cluster_get(f->j, f->session, &f->a, &got), ST_OK);
	assert_int_equal(got.nmasters, 2);
	assert_string_equal(got.masters[0], "https://m1:5050");
	assert_string_equal(got.masters[1], "https://m2:5050");
	assert_string_equal(got.credentials, "/etc/mesos/cred");
	assert_null(got.cacert);
}

static int64_t add_probe(struct fx *f, const char *time, const char *leader, const char *agent_version)
{
	struct journal_probe_host hosts[] = {
		{ .role = "master", .host = "m1", .url = "https://m1:5050", .version = "0.28.2",
		  .reachable = true, .leader = leader && !strcmp(leader, "m1") },
		{ .role = "master", .host = "m2", .url = "https://m2:5050", .reachable = false,
		  .error = "https://m2:5050/version: connection refused" },
		{ .role = "agent", .host = "a1", .version = agent_version, .active = true },
	};
	struct journal_probe_warning w[] = { { "master-unreachable", "m2 did not answer" } };
	struct journal_probe p = { .session = f->session, .time = time, .operator_name = "op",
				   .host = "here", .leader = leader, .hosts = hosts, .nhosts = 3,
				   .warnings = w, .nwarnings = 1 };
	int64_t id = 0;

	in_transaction(f, journal_begin(f->j));
	in_transaction(f, journal_probe_add(f->j, &p, &id));
	in_transaction(f, journal_commit(f->j));
	return id;
}

static void test_probe_latest_whole(void **state)
{
	struct fx *f = *state;
	struct journal_probe p, *all;
	bool found;
	size_t n;

	assert_int_equal(journal_probe_latest(f->j, f->session, &f->a, &p, &found), ST_OK);
	assert_false(found);
	add_probe(f, "2026-01-01T01:00:00Z", "m1", NULL);
	add_probe(f, "2026-01-01T02:00:00Z", NULL, "0.28.2");
	assert_int_equal(journal_probe_latest(f->j, f->session, &f->a, &p, &found), ST_OK);
	assert_true(found);
	assert_string_equal(p.time, "2026-01-01T02:00:00Z");
	assert_null(p.leader);
	assert_int_equal(p.nhosts, 3);
	assert_int_equal(p.masters, 2);
	assert_int_equal(p.masters_answered, 1);
	assert_int_equal(p.agents, 1);
	assert_string_equal(p.hosts[0].role, "master");
	assert_string_equal(p.hosts[1].error, "https://m2:5050/version: connection refused");
	assert_false(p.hosts[1].reachable);
	assert_string_equal(p.hosts[2].version, "0.28.2");
	assert_true(p.hosts[2].active);
	assert_int_equal(p.nwarnings, 1);
	assert_string_equal(p.warnings[0].kind, "master-unreachable");
	assert_int_equal(journal_probes(f->j, f->session, 0, false, &f->a, &all, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(all[0].time, "2026-01-01T02:00:00Z"); /* newest first */
	assert_string_equal(all[1].leader, "m1");
	assert_int_equal(all[1].nwarnings, 0);                  /* not asked for */
}

static void test_evidence_joins_probe_time(void **state)
{
	struct fx *f = *state;
	struct journal_event e = { .session = f->session, .item = "0.26-0.27/restart-agents@a1",
				   .action = EVENT_DONE, .operator_name = "op", .host = "here",
				   .time = "2026-01-01T03:00:00Z", .text = "", .digest = "x" };
	int64_t probe = add_probe(f, "2026-01-01T02:59:00Z", "m1", "0.27.1"), ev;
	struct journal_evidence x, *got;
	size_t n;

	in_transaction(f, journal_begin(f->j));
	in_transaction(f, journal_event_add(f->j, &e, &ev));
	x = (struct journal_evidence){ ev, probe, "0.27.1", NULL, "http://10.0.0.5:5051/version" };
	in_transaction(f, journal_evidence_add(f->j, &x));
	in_transaction(f, journal_commit(f->j));
	assert_int_equal(journal_evidence(f->j, f->session, &f->a, &got, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(got[0].event, ev);
	assert_string_equal(got[0].version, "0.27.1");
	assert_string_equal(got[0].observed, "2026-01-01T02:59:00Z");
	assert_string_equal(got[0].source, "http://10.0.0.5:5051/version");
}

/* An event of @item in @session, with evidence from @probe; its id. */
static int64_t seen_done(struct fx *f, int64_t session, const char *item, int64_t probe)
{
	struct journal_event e = { .session = session, .item = item, .action = EVENT_DONE,
				   .operator_name = "op", .host = "here",
				   .time = "2026-01-01T03:00:00Z", .text = "", .digest = "x" };
	struct journal_evidence x;
	int64_t ev = 0;

	in_transaction(f, journal_begin(f->j));
	in_transaction(f, journal_event_add(f->j, &e, &ev));
	x = (struct journal_evidence){ ev, probe, "0.27.1", NULL, "http://10.0.0.5:5051/version" };
	in_transaction(f, journal_evidence_add(f->j, &x));
	in_transaction(f, journal_commit(f->j));
	return ev;
}

/*
 * Two sessions recorded in turn: each one's evidence, in its events' order,
 * and none of the other's, though the other's events lie between its own.
 */
static void test_evidence_of_its_session(void **state)
{
	struct fx *f = *state;
	struct journal_session s = { .from = "0.26", .to = "0.28", .title = "u", .operator_name = "op",
				     .host = "h", .created = "2026-01-01T00:00:00Z",
				     .content_digest = "d", .content_version = "1" };
	struct journal_item item = { "0.26-0.27/restart-agents@a1", "step", "x" };
	struct journal_evidence *got;
	int64_t one = f->session, two = 0, p1, p2, ev[4];
	size_t n;

	in_transaction(f, journal_begin(f->j));
	in_transaction(f, journal_session_add(f->j, &s, &item, 1, &two));
	in_transaction(f, journal_commit(f->j));
	p1 = add_probe(f, "2026-01-01T02:59:00Z", "m1", "0.27.1");
	f->session = two;
	p2 = add_probe(f, "2026-01-01T02:58:00Z", "m1", "0.27.1");
	f->session = one;
	ev[0] = seen_done(f, one, item.id, p1);
	ev[1] = seen_done(f, two, item.id, p2);
	ev[2] = seen_done(f, one, item.id, p1);
	ev[3] = seen_done(f, two, item.id, p2);
	assert_int_equal(journal_evidence(f->j, one, &f->a, &got, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].event, ev[0]);
	assert_int_equal(got[1].event, ev[2]);
	assert_string_equal(got[1].observed, "2026-01-01T02:59:00Z");
	assert_int_equal(journal_evidence(f->j, two, &f->a, &got, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].event, ev[1]);
	assert_int_equal(got[1].event, ev[3]);
	assert_string_equal(got[0].observed, "2026-01-01T02:58:00Z");
	assert_int_equal(journal_evidence(f->j, two + 1, &f->a, &got, &n), ST_OK);
	assert_int_equal(n, 0);
}

static void test_probes_append_only(void **state)
{
	struct fx *f = *state;
	sqlite3 *raw;
	char *msg = NULL;

	const char *urls[] = { "https://m1:5050" };
	struct journal_cluster c = { urls, 1, NULL, NULL };

	add_probe(f, "2026-01-01T01:00:00Z", "m1", NULL);
	in_transaction(f, journal_begin(f->j));
	in_transaction(f, journal_cluster_add(f->j, f->session, &c));
	in_transaction(f, journal_commit(f->j));
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	for (const char *const *sql = (const char *const[]){
		     "UPDATE probes SET leader = 'evil'", "DELETE FROM probe_hosts",
		     "UPDATE probe_warnings SET text = ''", "DELETE FROM session_masters",
		     "UPDATE session_cluster SET cacert = '/tmp/evil'", NULL };
	     *sql; sql++) {
		assert_int_not_equal(sqlite3_exec(raw, *sql, NULL, NULL, &msg), SQLITE_OK);
		sqlite3_free(msg);
		msg = NULL;
	}
	sqlite3_close(raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cluster_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_latest_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_joins_probe_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_of_its_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probes_append_only, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
