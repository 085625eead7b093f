/*
 * test_session_probe.c - a session's live cluster, on probes built by hand
 * (no network):
 *
 *   inventory_discover  an inventory from a probe: masters by the names they
 *                       report with the leader last, the agents in order,
 *                       each name once; names an inventory cannot hold and
 *                       a cluster without hosts refused;
 *   session_probe       the cluster opened from the journal (refused without
 *                       --master), the warnings only a session can give (the
 *                       leader changed since the inventory or the last probe,
 *                       hosts on one side only), the probe recorded whole;
 *   session_live        the latest probe by host, a version against a hop's
 *                       target series, a done host still on an older series,
 *                       evidence by event;
 *   probe_view          the JSON's exact keys and values, read back with
 *                       jansson, and text that no hostile name can drive a
 *                       terminal with.
 *
 * The built-in content once per group; per test a journal in a fresh
 * mkdtemp directory, the operator alice on bastion-1 and a fixed clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "cluster_probe.h"
#include "content.h"
#include "diag.h"
#include "inventory.h"
#include "journal.h"
#include "render.h"
#include "probe_view.h" /* its JSON writer's jw_ names live beside jansson's json_ */
#include "session.h"
#include "session_live.h"
#include "session_probe.h"
#include "session_verify.h"
#include "version.h"

#include "helpers.h"

#define T0 ((time_t)1795000000) /* 2026-11-18T11:06:40Z */
#define HOP "0.27-0.28"
#define MASTERS HOP "/restart-masters"
#define AGENTS HOP "/restart-agents"

static struct content *builtin;

struct fx {
	char dir[64];
	char path[128];
	char cred[128];
	struct journal *j;
	struct session_actor who;
	int64_t sid;
	time_t now;
	struct inventory *inv;
	struct session_cluster *c;
	struct diag_list dl;        /* what session_cluster_open() and the others said */
	struct arena a;
	/* what a test made, freed by teardown even when an assertion fails */
	struct probe_result *r;     /* by probe() */
	struct probe_result *hand;  /* by hand_result(): the struct only */
	struct inventory *found;    /* by inventory_discover() */
	struct session_live *l;     /* by live() */
	struct session *s;          /* by load() */
	struct strbuf out;          /* probe_view()'s output */
	json_t *json;               /* by parse() */
};

/* ---- fixture ----------------------------------------------------------- */

static int group_setup(void **state)
{
	struct diag_list dl;
	enum status st;

	(void)state;
	diag_list_init(&dl);
	st = content_load_builtin(&builtin, &dl);
	if (st != ST_OK)
		diag_print(&dl, stderr, "built-in content: ");
	diag_list_release(&dl);
	return st == ST_OK && builtin ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	content_free(&builtin);
	clock_fix(-1);
	return 0;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/mu-test-sprobe-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/journal.db", f->dir);
	snprintf(f->cred, sizeof(f->cred), "%s/cred", f->dir);
	if (open_journal(f->path, JOURNAL_CREATE, &f->j) != ST_OK) {
		fprintf(stderr, "journal_open: %s\n", journal_said);
		rmdir(f->dir);
		free(f);
		return -1;
	}
	f->who.operator_name = "alice";
	f->who.host = "bastion-1";
	f->now = T0;
	clock_fix(f->now);
	f->a = (struct arena)ARENA_INIT;
	diag_list_init(&f->dl);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char side[160];

	session_cluster_free(&f->c);
	probe_result_free(&f->r);
	free(f->hand);
	inventory_free(&f->found);
	session_live_free(&f->l);
	session_free(&f->s);
	strbuf_release(&f->out);
	if (f->json)
		json_decref(f->json);
	journal_close(&f->j);
	for (const char *const *x = (const char *const[]){ "", "-wal", "-shm", NULL }; *x; x++) {
		snprintf(side, sizeof(side), "%s%s", f->path, *x);
		unlink(side);
	}
	unlink(f->cred);
	rmdir(f->dir);
	inventory_free(&f->inv);
	diag_list_release(&f->dl);
	arena_release(&f->a);
	free(f);
	*state = NULL;
	return 0;
}

/* ---- helpers ----------------------------------------------------------- */

/* A session 0.27 -> 0.28 with the inventory @yaml (NULL: none). */
static void start(struct fx *f, const char *yaml)
{
	struct diag_list why = { 0 };
	enum status st;

	inventory_free(&f->inv);
	if (yaml)
		f->inv = parse_inventory(yaml);
	st = session_start(f->j, builtin, "0.27", "0.28", "probe", f->inv, &f->who, &f->sid, &why);
	if (st != ST_OK)
		fail_msg("session_start: status %d: %s", (int)st, diag_said(&why));
	diag_list_release(&why);
}

/* The session's masters (and credentials file, may be NULL) in the journal. */
static void add_cluster(struct fx *f, const char *credentials)
{
	static const char *urls[] = { "http://m1:5050", "http://m2:5050", "http://m3:5050" };
	struct journal_cluster jc = { urls, 3, credentials, NULL };

	if (journal_begin(f->j) != ST_OK || journal_cluster_add(f->j, f->sid, &jc) != ST_OK ||
	    journal_commit(f->j) != ST_OK)
		fail_msg("journal_cluster_add: %s", journal_error(f->j));
}

/* session_cluster_open(), which must succeed; closes the one before. */
static void open_cluster(struct fx *f)
{
	enum status st;

	session_cluster_free(&f->c);
	diag_list_reset(&f->dl);
	st = session_cluster_open(f->j, f->sid, &f->c, &f->dl);
	if (st != ST_OK)
		fail_msg("session_cluster_open: status %d: %s", (int)st, diag_said(&f->dl));
	assert_non_null(f->c);
}

/*
 * A probe built by hand, in an arena of its own, as f->r (the one before
 * freed): masters @masters with versions @mversions (NULL: all "0.28.1"), the
 * one named @leader leading; agents @agents, all on "0.28.1".
 */
static struct probe_result *probe(struct fx *f, const char *probed, const char *leader,
				  const char *const *masters, size_t nm,
				  const char *const *mversions, const char *const *agents,
				  size_t na)
{
	struct probe_result *r = calloc(1, sizeof(*r));
	char url[300];

	probe_result_free(&f->r);
	assert_non_null(r);
	f->r = r;
	snprintf(r->probed, sizeof(r->probed), "%s", probed);
	r->leader = leader ? arena_strdup(&r->arena, leader) : NULL;
	r->masters = arena_alloc(&r->arena, (nm + 1) * sizeof(*r->masters));
	r->agents = arena_alloc(&r->arena, (na + 1) * sizeof(*r->agents));
	assert_non_null(r->masters);
	assert_non_null(r->agents);
	for (size_t i = 0; i < nm; i++) {
		struct probe_master *m = &r->masters[i];
		snprintf(url, sizeof(url), "http://%s:5050", masters[i]);
		m->url = arena_strdup(&r->arena, url);
		m->host = arena_strdup(&r->arena, masters[i]);
		m->version = mversions ? mversions[i] : "0.28.1";
		m->reachable = true;
		m->leader = leader && !strcmp(leader, masters[i]);
	}
	r->nmasters = nm;
	for (size_t i = 0; i < na; i++) {
		struct probe_agent *g = &r->agents[i];
		snprintf(url, sizeof(url), "http://%s:5051/version", agents[i]);
		g->host = arena_strdup(&r->arena, agents[i]);
		g->version = "0.28.1";
		g->active = true;
		g->source = arena_strdup(&r->arena, url);
	}
	r->nagents = na;
	return r;
}

static int64_t record(struct fx *f, struct probe_result *r)
{
	int64_t id = 0;
	enum status st;

	diag_list_reset(&f->dl);
	st = session_probe_record(f->j, f->c, &f->who, r, &id, &f->dl);
	if (st != ST_OK)
		fail_msg("session_probe_record: status %d: %s", (int)st, diag_said(&f->dl));
	assert_true(id > 0);
	return id;
}

static size_t count_kind(const struct probe_result *r, enum probe_warning_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nwarnings; i++)
		n += r->warnings[i].kind == kind;
	return n;
}

/* The text of the only warning of @kind that starts with @prefix (fails when not one). */
static const char *warning(const struct probe_result *r, enum probe_warning_kind kind,
			   const char *prefix)
{
	const char *found = NULL;

	for (size_t i = 0; i < r->nwarnings; i++) {
		if (r->warnings[i].kind != kind || strncmp(r->warnings[i].text, prefix, strlen(prefix)))
			continue;
		if (found)
			fail_msg("two warnings \"%s...\": \"%s\" and \"%s\"", prefix, found,
				 r->warnings[i].text);
		found = r->warnings[i].text;
	}
	if (!found) {
		for (size_t i = 0; i < r->nwarnings; i++)
			print_message("warning %d: %s\n", (int)r->warnings[i].kind, r->warnings[i].text);
		fail_msg("no warning of kind %d \"%s...\"", (int)kind, prefix);
	}
	return found;
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" lacks \"%s\"", text, want);
}

static size_t probes_recorded(struct fx *f)
{
	struct journal_probe *p;
	struct arena a = ARENA_INIT;
	size_t n = 0;

	assert_int_equal(journal_probes(f->j, f->sid, 0, false, &a, &p, &n), ST_OK);
	arena_release(&a);
	return n;
}

static const char *const M123[] = { "m1", "m2", "m3" };
#define INV_3x3 "masters: [m1, m2, m3]\nleader: m2\nagents: [a001, a002, a003]\n"
static const char *const A123[] = { "a001", "a002", "a003" };

/* ---- inventory_discover -------------------------------------------------- */

/* A result over the caller's arrays, as f->hand (the one before freed). */
static struct probe_result *hand_result(struct fx *f, struct probe_master *m, size_t nm,
					struct probe_agent *g, size_t na)
{
	struct probe_result *r = calloc(1, sizeof(*r));

	free(f->hand);
	assert_non_null(r);
	f->hand = r;
	strcpy(r->probed, "2026-11-18T11:06:40Z");
	r->masters = m;
	r->nmasters = nm;
	r->agents = g;
	r->nagents = na;
	for (size_t i = 0; i < nm; i++)
		if (m[i].leader)
			r->leader = m[i].host;
	return r;
}

static void test_discover_leader_last(void **state)
{
	struct fx *f = *state;
	struct probe_master m[] = {
		{ .url = "http://10.0.0.1:5050", .host = "m1", .reachable = true },
		{ .url = "http://10.0.0.2:5050", .host = "m2", .reachable = true, .leader = true },
		{ .url = "http://10.0.0.3:5050", .host = "m3", .reachable = true },
	};
	struct probe_agent g[] = { { .host = "a2" }, { .host = "a1" }, { .host = "a3" } };
	struct probe_result *r = hand_result(f, m, 3, g, 3);

	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_OK);
	assert_non_null(f->found);
	assert_int_equal(f->found->nmasters, 3);
	assert_string_equal(f->found->masters[0], "m1");
	assert_string_equal(f->found->masters[1], "m3");
	assert_string_equal(f->found->masters[2], "m2");
	assert_non_null(f->found->leader);
	assert_string_equal(f->found->leader, "m2");
	assert_ptr_equal(f->found->leader, f->found->masters[2]);
	/* the agents in the order the leader gave them */
	assert_int_equal(f->found->nagents, 3);
	assert_string_equal(f->found->agents[0], "a2");
	assert_string_equal(f->found->agents[1], "a1");
	assert_string_equal(f->found->agents[2], "a3");
	/* copies: the inventory outlives the probe */
	assert_ptr_not_equal(f->found->masters[0], m[0].host);
}

static void test_discover_no_leader(void **state)
{
	struct fx *f = *state;
	struct probe_master m[] = {
		{ .url = "http://m2:5050", .host = "m2", .reachable = true },
		{ .url = "http://m1:5050", .host = "m1", .reachable = false, .error = "refused" },
	};
	struct probe_result *r = hand_result(f, m, 2, NULL, 0);

	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_OK);
	assert_int_equal(f->found->nmasters, 2);
	assert_string_equal(f->found->masters[0], "m2");
	assert_string_equal(f->found->masters[1], "m1");
	assert_null(f->found->leader);
	assert_int_equal(f->found->nagents, 0);
}

static void test_discover_each_name_once(void **state)
{
	struct fx *f = *state;
	struct probe_master m[] = {
		{ .host = "m1" }, { .host = "m3" }, { .host = "m1" }, { .host = "m2", .leader = true },
	};
	struct probe_agent g[] = { { .host = "a2" }, { .host = "a1" }, { .host = "a2" },
				   { .host = "a3" }, { .host = "a1" }, { .host = "a2" } };
	struct probe_result *r = hand_result(f, m, 4, g, 6);

	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_OK);
	assert_int_equal(f->found->nmasters, 3);
	assert_string_equal(f->found->masters[0], "m1");
	assert_string_equal(f->found->masters[1], "m3");
	assert_string_equal(f->found->masters[2], "m2");
	assert_string_equal(f->found->leader, "m2");
	/* the first of each name, in its place */
	assert_int_equal(f->found->nagents, 3);
	assert_string_equal(f->found->agents[0], "a2");
	assert_string_equal(f->found->agents[1], "a1");
	assert_string_equal(f->found->agents[2], "a3");
}

/*
 * The leader also reported under its name by a master that is not the
 * leader (two URLs of one master, one of which did not answer and is named
 * by its URL's host): the inventory's leader is still the leader, and last.
 */
static void test_discover_leader_named_twice(void **state)
{
	struct fx *f = *state;
	struct probe_master m[] = {
		{ .url = "http://m2:5050", .host = "m2", .reachable = false, .error = "timed out" },
		{ .url = "http://m1:5050", .host = "m1", .reachable = true },
		{ .url = "http://10.0.0.2:5050", .host = "m2", .reachable = true, .leader = true },
	};
	struct probe_result *r = hand_result(f, m, 3, NULL, 0);

	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_OK);
	assert_int_equal(f->found->nmasters, 2);
	assert_non_null(f->found->leader);
	assert_string_equal(f->found->leader, "m2");
	assert_string_equal(f->found->masters[1], "m2");
	assert_string_equal(f->found->masters[0], "m1");
}

/*
 * The leader found by a redirect (cluster_probe.h): r->leader names a listed
 * master whose own state did not come in time, so none is flagged leader.
 * The inventory's leader is the cluster's leader all the same, and last.
 */
static void test_discover_leader_by_redirect(void **state)
{
	struct fx *f = *state;
	struct probe_master m[] = {
		{ .url = "http://m2:5050", .host = "m2", .reachable = false, .error = "timed out" },
		{ .url = "http://m1:5050", .host = "m1", .reachable = true },
	};
	struct probe_result *r = hand_result(f, m, 2, NULL, 0);

	r->leader = "m2";
	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_OK);
	assert_int_equal(f->found->nmasters, 2);
	assert_non_null(f->found->leader);
	assert_string_equal(f->found->leader, "m2");
	assert_string_equal(f->found->masters[1], "m2");
}

static void test_discover_refuses_bad_names(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = { "m 1", "-m1", ".m1", "m1\x1b[31m", "", "m1/x", "m\xc3\xa9" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (int agent = 0; agent < 2; agent++) {
			struct probe_master m[] = { { .host = "m1", .leader = true },
						    { .host = bad[i] } };
			struct probe_agent g[] = { { .host = "a1" }, { .host = bad[i] } };
			struct probe_result *r = hand_result(f, m, agent ? 1 : 2, g, agent ? 2 : 1);
			static struct inventory stale;
			struct inventory *inv = &stale; /* must be reset */
			enum status st;

			assert_false(inventory_host_valid(bad[i]));
			diag_list_reset(&f->dl);
			st = inventory_discover(r, &inv, &f->dl);
			if (inv != &stale)
				f->found = inv;
			if (st != ST_DATAERR)
				fail_msg("'%s' as %s: not refused", bad[i], agent ? "an agent" : "a master");
			assert_null(inv);
			has(diag_one(&f->dl, ST_DATAERR), "--inventory");
			has(diag_one(&f->dl, ST_DATAERR), agent ? "an agent" : "a master");
		}
	}
}

static void test_discover_no_hosts(void **state)
{
	struct fx *f = *state;
	struct probe_result *r = hand_result(f, NULL, 0, NULL, 0);

	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_DATAERR);
	assert_null(f->found);
	has(diag_one(&f->dl, ST_DATAERR), "no masters or agents");

	/* agents alone are a cluster to upgrade */
	struct probe_agent g[] = { { .host = "a1" } };
	r = hand_result(f, NULL, 0, g, 1);
	diag_list_reset(&f->dl);
	assert_int_equal(inventory_discover(r, &f->found, &f->dl), ST_OK);
	assert_int_equal(f->found->nmasters, 0);
	assert_int_equal(f->found->nagents, 1);
	assert_null(f->found->leader);
}

/* ---- session_cluster_open ------------------------------------------------ */

static void test_open_without_masters(void **state)
{
	struct fx *f = *state;
	static struct session_cluster stale;
	struct session_cluster *c = &stale; /* must be reset */

	start(f, INV_3x3);
	assert_int_equal(session_cluster_open(f->j, f->sid, &c, &f->dl), ST_USAGE);
	assert_null(c);
	has(diag_one(&f->dl, ST_USAGE), "--master");
}

static void test_open_reads_cluster_and_inventory(void **state)
{
	struct fx *f = *state;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	assert_int_equal(f->c->session, f->sid);
	assert_int_equal(f->c->where.nmasters, 3);
	assert_string_equal(f->c->where.masters[1], "http://m2:5050");
	assert_null(f->c->cred.principal);
	assert_int_equal(f->c->nhosts, 6);
	assert_false(f->c->has_probe);
	assert_null(f->c->last_leader);
	/* the probe options follow */
	struct probe_opts o = { 0 };
	session_cluster_probe_opts(f->c, &o);
	assert_int_equal(o.nmasters, 3);
	assert_string_equal(o.masters[2], "http://m3:5050");
	assert_null(o.http.principal);
}

static void write_cred(struct fx *f, mode_t mode)
{
	int fd = open(f->cred, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		fail_msg("%s: %s", f->cred, strerror(errno));
	assert_int_equal(write(fd, "ops Zq7-s3cr3t\n", 15), 15);
	close(fd);
	assert_int_equal(chmod(f->cred, mode), 0);
}

static void test_open_reads_credentials(void **state)
{
	struct fx *f = *state;
	static struct session_cluster stale;
	struct session_cluster *c = &stale;
	struct probe_opts o = { 0 };

	start(f, NULL);
	write_cred(f, 0600);
	add_cluster(f, f->cred);
	open_cluster(f);
	assert_string_equal(f->c->where.credentials, f->cred);
	assert_string_equal(f->c->cred.principal, "ops");
	assert_string_equal(f->c->cred.secret, "Zq7-s3cr3t");
	session_cluster_probe_opts(f->c, &o);
	assert_string_equal(o.http.principal, "ops");
	assert_string_equal(o.http.secret, "Zq7-s3cr3t");

	/* made readable by others since: refused as credentials_read() says */
	assert_int_equal(chmod(f->cred, 0644), 0);
	diag_list_reset(&f->dl);
	assert_int_equal(session_cluster_open(f->j, f->sid, &c, &f->dl), ST_NOPERM);
	assert_null(c);
	has(diag_one(&f->dl, ST_NOPERM), "chmod 600");
	assert_null(strstr(diag_one(&f->dl, ST_NOPERM), "Zq7-s3cr3t"));
}

/* ---- session_probe_record: the leader ------------------------------------ */

static void test_leader_changed_since_inventory(void **state)
{
	struct fx *f = *state;
	struct probe_result *r;
	const char *w;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m1", M123, 3, NULL, A123, 3);
	record(f, r);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 1);
	w = warning(r, PROBE_LEADER_CHANGED, "");
	has(w, "m1");
	has(w, "not m2");
	has(w, "inventory");
	/* the hosts are those of the inventory: nothing else to say */
	assert_int_equal(r->nwarnings, 1);
}

static void test_leader_as_inventory_says(void **state)
{
	struct fx *f = *state;
	struct probe_result *r;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", M123, 3, NULL, A123, 3);
	record(f, r);
	assert_int_equal(r->nwarnings, 0);

	/* no leader found: nothing to compare (no-leader is cluster_probe's to say) */
	r = probe(f, "2026-11-18T11:01:00Z", NULL, M123, 3, NULL, A123, 3);
	open_cluster(f);
	record(f, r);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 0);
}

/* Once probed, the leader is compared with the latest probe's, not the inventory's. */
static void test_leader_changed_since_last_probe(void **state)
{
	struct fx *f = *state;
	struct probe_result *r;
	const char *w;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m1", M123, 3, NULL, A123, 3);
	record(f, r);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 1);  /* m1, not m2 */

	/* m1 again: as at the last probe, though the inventory says m2 */
	open_cluster(f);
	assert_true(f->c->has_probe);
	assert_string_equal(f->c->last_leader, "m1");
	assert_string_equal(f->c->last_probed, "2026-11-18T11:00:00Z");
	r = probe(f, "2026-11-18T11:05:00Z", "m1", M123, 3, NULL, A123, 3);
	record(f, r);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 0);

	/* m3 now: changed since the probe of 11:05 */
	open_cluster(f);
	r = probe(f, "2026-11-18T11:10:00Z", "m3", M123, 3, NULL, A123, 3);
	record(f, r);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 1);
	w = warning(r, PROBE_LEADER_CHANGED, "");
	has(w, "m3");
	has(w, "not m1");
	has(w, "2026-11-18T11:05:00Z");

	/* m3 again: compared with the latest probe (m3), not the first (m1) */
	open_cluster(f);
	assert_string_equal(f->c->last_leader, "m3");
	r = probe(f, "2026-11-18T11:15:00Z", "m3", M123, 3, NULL, A123, 3);
	record(f, r);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 0);
}

/* Without an inventory: the leader against the last probe only, no host warnings. */
static void test_no_inventory(void **state)
{
	struct fx *f = *state;
	static const char *const other[] = { "x1", "x2" };
	struct probe_result *r;

	start(f, NULL);
	add_cluster(f, NULL);
	open_cluster(f);
	assert_int_equal(f->c->nhosts, 0);
	r = probe(f, "2026-11-18T11:00:00Z", "x1", other, 2, NULL, A123, 3);
	record(f, r);
	assert_int_equal(r->nwarnings, 0);

	open_cluster(f);
	r = probe(f, "2026-11-18T11:05:00Z", "x2", other, 2, NULL, A123, 3);
	record(f, r);
	assert_int_equal(r->nwarnings, 1);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 1);
	has(warning(r, PROBE_LEADER_CHANGED, ""), "not x1");
}

/* ---- session_probe_record: hosts on one side only ------------------------- */

static void test_hosts_on_one_side(void **state)
{
	struct fx *f = *state;
	static const char *const masters[] = { "m1", "m2", "m4" };
	static const char *const agents[] = { "x1", "a001", "x2", "x3", "x4", "x5", "x6", "a002",
					      "x7" };
	struct probe_result *r;

	start(f, "masters: [m1, m2, m3]\nleader: m2\n"
		 "agents: [a001, a002, a003, a004, a005, a006, a007, a008, a009]\n");
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", masters, 3, NULL, agents, 9);
	record(f, r);
	/* one warning per role and direction */
	assert_int_equal(count_kind(r, PROBE_NOT_IN_INVENTORY), 2);
	assert_int_equal(count_kind(r, PROBE_NOT_IN_CLUSTER), 2);
	assert_int_equal(count_kind(r, PROBE_LEADER_CHANGED), 0);
	assert_int_equal(r->nwarnings, 4);
	assert_string_equal(warning(r, PROBE_NOT_IN_INVENTORY, "masters"),
			    "masters in the cluster but not in the inventory: 1 (m4)");
	assert_string_equal(warning(r, PROBE_NOT_IN_CLUSTER, "masters"),
			    "masters in the inventory but not in the cluster: 1 (m3)");
	/* the first five in the cluster's order, then how many more */
	assert_string_equal(warning(r, PROBE_NOT_IN_INVENTORY, "agents"),
			    "agents in the cluster but not in the inventory: 7 "
			    "(x1, x2, x3, x4, x5 and 2 more)");
	assert_string_equal(warning(r, PROBE_NOT_IN_CLUSTER, "agents"),
			    "agents in the inventory but not in the cluster: 7 "
			    "(a003, a004, a005, a006, a007 and 2 more)");
}

static void test_hosts_five_named_no_more(void **state)
{
	struct fx *f = *state;
	static const char *const agents[] = { "a001", "x5", "x4", "x3", "x2", "x1" };
	struct probe_result *r;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a001]\n");
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", M123, 3, NULL, agents, 6);
	record(f, r);
	assert_int_equal(r->nwarnings, 1);
	assert_string_equal(warning(r, PROBE_NOT_IN_INVENTORY, "agents"),
			    "agents in the cluster but not in the inventory: 5 (x5, x4, x3, x2, x1)");
}

/* A role is compared with the same role: a master is no agent, and back. */
static void test_hosts_by_role(void **state)
{
	struct fx *f = *state;
	static const char *const masters[] = { "m1", "m2", "a001" };
	static const char *const agents[] = { "m3", "a002", "a003" };
	struct probe_result *r;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", masters, 3, NULL, agents, 3);
	record(f, r);
	assert_string_equal(warning(r, PROBE_NOT_IN_INVENTORY, "masters"),
			    "masters in the cluster but not in the inventory: 1 (a001)");
	assert_string_equal(warning(r, PROBE_NOT_IN_CLUSTER, "masters"),
			    "masters in the inventory but not in the cluster: 1 (m3)");
	assert_string_equal(warning(r, PROBE_NOT_IN_INVENTORY, "agents"),
			    "agents in the cluster but not in the inventory: 1 (m3)");
	assert_string_equal(warning(r, PROBE_NOT_IN_CLUSTER, "agents"),
			    "agents in the inventory but not in the cluster: 1 (a001)");
}

/*
 * Two agents of one host (two agents on one machine, or an agent re-registered
 * while its old registration is still listed) are one host: counted and
 * named once. inventory_discover() drops such duplicates too.
 */
static void test_hosts_counted_once(void **state)
{
	struct fx *f = *state;
	static const char *const agents[] = { "a001", "x9", "a002", "x9", "a003", "a001" };
	struct probe_result *r;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", M123, 3, NULL, agents, 6);
	record(f, r);
	assert_int_equal(r->nwarnings, 1);
	assert_string_equal(warning(r, PROBE_NOT_IN_INVENTORY, "agents"),
			    "agents in the cluster but not in the inventory: 1 (x9)");
}

/* ---- session_probe_record: the record ------------------------------------ */

static void test_record_whole(void **state)
{
	struct fx *f = *state;
	static const char *const masters[] = { "m1", "m2", "m4" };
	static const char *const mv[] = { "0.27.3", "0.28.1", NULL };
	struct probe_result *r;
	struct journal_probe p;
	bool found = false;
	int64_t id;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", masters, 3, mv, A123, 2);
	r->masters[2].reachable = false;
	r->masters[2].error = "http://m4:5050/master/state: connection refused";
	r->agents[1].version = NULL;
	r->agents[1].active = false;
	r->agents[1].recovered = true;
	r->agents[1].source = NULL;
	/* a warning of the cluster's own comes first, the session's after it */
	assert_int_equal(probe_result_warn(r, PROBE_MASTER_UNREACHABLE, "m4 did not answer"), ST_OK);
	assert_int_equal(probes_recorded(f), 0);
	id = record(f, r);
	assert_int_equal(probes_recorded(f), 1);

	assert_int_equal(journal_probe_latest(f->j, f->sid, &f->a, &p, &found), ST_OK);
	assert_true(found);
	assert_int_equal(p.id, id);
	assert_int_equal(p.session, f->sid);
	assert_string_equal(p.time, "2026-11-18T11:00:00Z");
	assert_string_equal(p.operator_name, "alice");
	assert_string_equal(p.host, "bastion-1");
	assert_string_equal(p.leader, "m2");
	assert_int_equal(p.nhosts, 5);
	assert_int_equal(p.masters, 3);
	assert_int_equal(p.masters_answered, 2);
	assert_int_equal(p.agents, 2);
	assert_string_equal(p.hosts[0].role, "master");
	assert_string_equal(p.hosts[0].host, "m1");
	assert_string_equal(p.hosts[0].url, "http://m1:5050");
	assert_string_equal(p.hosts[0].version, "0.27.3");
	assert_true(p.hosts[0].reachable);
	assert_false(p.hosts[0].leader);
	assert_true(p.hosts[1].leader);
	assert_string_equal(p.hosts[2].host, "m4");
	assert_false(p.hosts[2].reachable);
	assert_null(p.hosts[2].version);
	assert_string_equal(p.hosts[2].error, "http://m4:5050/master/state: connection refused");
	assert_string_equal(p.hosts[3].role, "agent");
	assert_string_equal(p.hosts[3].host, "a001");
	assert_string_equal(p.hosts[3].url, "http://a001:5051/version");
	assert_string_equal(p.hosts[3].version, "0.28.1");
	assert_true(p.hosts[3].active);
	assert_false(p.hosts[3].recovered);
	assert_string_equal(p.hosts[4].host, "a002");
	assert_null(p.hosts[4].version);
	assert_null(p.hosts[4].url);
	assert_false(p.hosts[4].active);
	assert_true(p.hosts[4].recovered);
	/* the cluster's warning, then m4 and m3, a003 */
	assert_int_equal(p.nwarnings, 4);
	assert_int_equal(r->nwarnings, 4);
	assert_string_equal(p.warnings[0].kind, "master-unreachable");
	assert_string_equal(p.warnings[0].text, "m4 did not answer");
	for (size_t i = 0; i < p.nwarnings; i++) {
		assert_string_equal(p.warnings[i].kind, probe_warning_name(r->warnings[i].kind));
		assert_string_equal(p.warnings[i].text, r->warnings[i].text);
	}
	assert_string_equal(p.warnings[3].kind, "not-in-cluster");
	assert_string_equal(p.warnings[3].text,
			    "agents in the inventory but not in the cluster: 1 (a003)");
}

/* A journal that cannot be written: an error, the reason, and nothing recorded. */
static void test_record_nothing_on_error(void **state)
{
	struct fx *f = *state;
	struct journal *ro = NULL;
	struct probe_result *r;
	int64_t id = 0;
	enum status st;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	if (open_journal(f->path, JOURNAL_READ, &ro) != ST_OK)
		fail_msg("journal_open read-only: %s", journal_said);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", M123, 3, NULL, A123, 3);
	diag_list_reset(&f->dl);
	st = session_probe_record(ro, f->c, &f->who, r, &id, &f->dl);
	assert_int_not_equal(st, ST_OK);
	assert_true(strlen(diag_one(&f->dl, st)) > 0);
	assert_int_equal(probes_recorded(f), 0);
	journal_close(&ro);
}

/* ---- session_live --------------------------------------------------------- */

static enum status mark(struct fx *f, const char *item, int64_t *event)
{
	struct strbuf msg = STRBUF_INIT;
	struct mark_request q = { .session = f->sid, .item = item, .action = MARK_DONE,
				  .event_id = event };
	enum status st;

	clock_fix(++f->now);
	st = mark_words(f->j, builtin, NULL, &q, &f->who, NULL, &msg);
	if (st != ST_OK)
		fail_msg("mark %s: status %d: %s", item, (int)st, strbuf_str(&msg));
	strbuf_release(&msg);
	return st;
}

static struct session *load(struct fx *f)
{
	struct diag_list why = DIAG_LIST_INIT;

	session_free(&f->s);
	if (session_load(f->j, builtin, f->sid, &f->s, &why) != ST_OK)
		fail_msg("session_load: %s", diag_said(&why));
	diag_list_release(&why);
	return f->s;
}

static const struct session_item *item(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("no item %s", id);
	return &s->items[i];
}

static struct session_live *live(struct fx *f, bool evidence)
{
	session_live_free(&f->l);
	assert_int_equal(session_live_load(f->j, f->sid, evidence, &f->l), ST_OK);
	assert_non_null(f->l);
	return f->l;
}

static void test_live_not_probed(void **state)
{
	struct fx *f = *state;
	struct session_live *l;
	struct session *s;

	start(f, INV_3x3);
	l = live(f, true);
	assert_false(l->probed);
	assert_null(session_live_host(l, "master", "m1"));
	assert_null(session_live_evidence(l, 1));
	s = load(f);
	assert_null(session_live_item(l, s, item(s, MASTERS "@m1")));
	assert_false(session_live_mismatch(l, s, item(s, MASTERS "@m1")));
	session_live_free(&f->l);
	assert_null(f->l);
}

/* What the latest probe saw of @host in @role: that host's row, or NULL. */
static void live_is(const struct session_live *l, const char *role, const char *host,
		    const char *version)
{
	const struct journal_probe_host *h = session_live_host(l, role, host);

	if (!h)
		fail_msg("session_live_host(%s, %s): NULL", role, host);
	if (strcmp(h->host, host) || strcmp(h->role, role))
		fail_msg("session_live_host(%s, %s): the row of %s %s", role, host, h->role, h->host);
	if (!version != !h->version || (version && strcmp(h->version, version)))
		fail_msg("session_live_host(%s, %s): version %s, expected %s", role, host,
			 h->version ? h->version : "NULL", version ? version : "NULL");
}

/*
 * The masters in another order than their names sort in, and an agent on a
 * master's machine: each lookup finds its own host's row.
 */
static void test_live_host_by_role(void **state)
{
	struct fx *f = *state;
	static const char *const masters[] = { "m3", "m1", "m2" };
	static const char *const mv[] = { "0.28.0", "0.27.3", "0.28.1" };
	static const char *const agents[] = { "a001", "m1" };
	struct probe_result *r;
	struct session_live *l;

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", masters, 3, mv, agents, 2);
	r->agents[1].version = "0.26.0";
	record(f, r);
	/* a later probe is the one that counts */
	open_cluster(f);
	r = probe(f, "2026-11-18T11:05:00Z", "m2", masters, 3, mv, agents, 2);
	r->agents[1].version = "0.27.1";
	record(f, r);

	l = live(f, false);
	assert_true(l->probed);
	assert_string_equal(l->probe.time, "2026-11-18T11:05:00Z");
	live_is(l, "master", "m1", "0.27.3");
	live_is(l, "master", "m2", "0.28.1");
	live_is(l, "master", "m3", "0.28.0");
	live_is(l, "agent", "m1", "0.27.1");
	live_is(l, "agent", "a001", "0.28.1");
	assert_null(session_live_host(l, "master", "a001"));
	assert_null(session_live_host(l, "agent", "a002"));
	assert_null(session_live_host(l, "master", NULL));
}

static void test_live_match(void **state)
{
	const struct content_hop *hop = content_find_hop(builtin, HOP);
	struct content_hop h110 = { .id = "1.9-1.10", .from = "1.9", .to = "1.10" };
	static const struct {
		const char *version;
		enum live_match want;
	} at28[] = {
		{ "0.27.3", LIVE_OLDER },   { "0.27.0", LIVE_OLDER },   { "0.26.2", LIVE_OLDER },
		{ "0.28.0", LIVE_TARGET },  { "0.28.2", LIVE_TARGET },  { "0.28.1-rc2", LIVE_TARGET },
		{ "0.28.0+dev", LIVE_TARGET }, { "0.29.0", LIVE_NEWER }, { "1.0.0", LIVE_NEWER },
		{ NULL, LIVE_UNKNOWN },     { "", LIVE_UNKNOWN },       { "garbage", LIVE_UNKNOWN },
		{ "-rc1", LIVE_UNKNOWN },   { "v0.28.0", LIVE_UNKNOWN },
	}, at110[] = {
		{ "1.10.0-rc1", LIVE_TARGET }, { "1.10.3", LIVE_TARGET }, { "1.9.9", LIVE_OLDER },
		{ "1.2.0", LIVE_OLDER },       /* 2 < 10, not "1.2" > "1.10" */
		{ "1.11.0+dev", LIVE_NEWER },  { "0.28.2", LIVE_OLDER }, { "2.0.0", LIVE_NEWER },
		{ "1.10", LIVE_TARGET },
	};

	(void)state;
	assert_non_null(hop);
	for (size_t i = 0; i < sizeof(at28) / sizeof(at28[0]); i++)
		if (session_live_match(hop, at28[i].version) != at28[i].want)
			fail_msg("%s against %s: %d, expected %d", at28[i].version ? at28[i].version : "NULL",
				 hop->id, (int)session_live_match(hop, at28[i].version), (int)at28[i].want);
	assert_true(version_parse_series("1.9", &h110.vfrom));
	assert_true(version_parse_series("1.10", &h110.vto));
	for (size_t i = 0; i < sizeof(at110) / sizeof(at110[0]); i++)
		if (session_live_match(&h110, at110[i].version) != at110[i].want)
			fail_msg("%s against 1.10: %d, expected %d", at110[i].version,
				 (int)session_live_match(&h110, at110[i].version), (int)at110[i].want);
}

/* The notes and the first step of 0.27-0.28: the masters are next. */
static void open_masters(struct fx *f, int64_t ev[3])
{
	mark(f, HOP "/scalar-precision", &ev[0]);
	mark(f, HOP "/reservation-acls", &ev[1]);
	mark(f, HOP "/rebuild-modules", &ev[2]);
}

static void test_live_mismatch(void **state)
{
	struct fx *f = *state;
	/* the masters in another order than their names sort in */
	static const char *const masters[] = { "m2", "m3", "m1" };
	static const char *const mv[] = { "0.28.1", "0.27.3", "0.27.3" };
	static const char *const agents[] = { "a001", "a002" };
	struct probe_result *r;
	struct session_live *l;
	struct session *s;
	int64_t ev[5];

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_masters(f, ev);
	mark(f, MASTERS "@m1", &ev[3]);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", masters, 3, mv, agents, 2);
	r->agents[1].version = NULL;
	record(f, r);

	l = live(f, false);
	s = load(f);
	/* m1: done, still on 0.27 */
	assert_int_equal(item(s, MASTERS "@m1")->state, ITEM_DONE);
	assert_non_null(session_live_item(l, s, item(s, MASTERS "@m1")));
	assert_string_equal(session_live_item(l, s, item(s, MASTERS "@m1"))->host, "m1");
	assert_true(session_live_mismatch(l, s, item(s, MASTERS "@m1")));
	/* m3: on 0.27 too, but not done yet */
	assert_false(session_live_mismatch(l, s, item(s, MASTERS "@m3")));
	/* the step itself and notes are no host's */
	assert_null(session_live_item(l, s, item(s, MASTERS)));
	assert_false(session_live_mismatch(l, s, item(s, MASTERS)));
	assert_false(session_live_mismatch(l, s, item(s, HOP "/scalar-precision")));

	/* m3 done on 0.28, m2 done on 0.28: no mismatch; m1 upgraded since */
	mark(f, MASTERS "@m3", &ev[4]);
	mark(f, MASTERS "@m2", NULL);
	static const char *const mv2[] = { "0.28.1", "0.28.0", "0.28.1" };
	open_cluster(f);
	r = probe(f, "2026-11-18T11:05:00Z", "m2", masters, 3, mv2, agents, 2);
	r->agents[1].version = NULL;
	record(f, r);
	l = live(f, false);
	s = load(f);
	assert_false(session_live_mismatch(l, s, item(s, MASTERS "@m1")));
	assert_false(session_live_mismatch(l, s, item(s, MASTERS "@m2")));
	assert_false(session_live_mismatch(l, s, item(s, MASTERS "@m3")));

	/* the agents: done with a version unknown, or absent from the probe: not a mismatch */
	mark(f, AGENTS "@a001", NULL);
	mark(f, AGENTS "@a002", NULL);
	mark(f, AGENTS "@a003", NULL);
	static const char *const mv3[] = { "0.28.1", "0.28.1", "0.28.1" };
	open_cluster(f);
	r = probe(f, "2026-11-18T11:10:00Z", "m2", masters, 3, mv3, agents, 2);
	r->agents[0].version = "0.27.2";
	r->agents[1].version = NULL;
	record(f, r);
	l = live(f, false);
	s = load(f);
	assert_string_equal(session_live_item(l, s, item(s, AGENTS "@a001"))->host, "a001");
	assert_true(session_live_mismatch(l, s, item(s, AGENTS "@a001")));
	assert_false(session_live_mismatch(l, s, item(s, AGENTS "@a002")));
	assert_false(session_live_mismatch(l, s, item(s, AGENTS "@a003")));
	assert_null(session_live_item(l, s, item(s, AGENTS "@a003")));
}

static void test_live_evidence(void **state)
{
	struct fx *f = *state;
	struct probe_result *r;
	struct session_live *l;
	int64_t ev[5], pid;
	const struct journal_evidence *e;
	/* evidence for events 0, 2, 3 and 4; none for 1 */
	static const size_t with[] = { 0, 2, 3, 4 };

	start(f, INV_3x3);
	add_cluster(f, NULL);
	open_masters(f, ev);
	mark(f, MASTERS "@m1", &ev[3]);
	mark(f, MASTERS "@m3", &ev[4]);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", M123, 3, NULL, A123, 3);
	pid = record(f, r);
	assert_int_equal(journal_begin(f->j), ST_OK);
	for (size_t i = 0; i < sizeof(with) / sizeof(with[0]); i++) {
		char version[16], source[64];
		snprintf(version, sizeof(version), "0.28.%zu", with[i]);
		snprintf(source, sizeof(source), "http://m%zu:5050/version", with[i]);
		struct journal_evidence x = { ev[with[i]], pid, version, NULL, source };
		if (journal_evidence_add(f->j, &x) != ST_OK)
			fail_msg("journal_evidence_add: %s", journal_error(f->j));
	}
	assert_int_equal(journal_commit(f->j), ST_OK);

	l = live(f, true);
	assert_int_equal(l->nevidence, 4);
	for (size_t i = 0; i < sizeof(with) / sizeof(with[0]); i++) {
		char version[16];
		snprintf(version, sizeof(version), "0.28.%zu", with[i]);
		e = session_live_evidence(l, ev[with[i]]);
		if (!e)
			fail_msg("no evidence for event %lld", (long long)ev[with[i]]);
		assert_int_equal(e->event, ev[with[i]]);
		assert_int_equal(e->probe, pid);
		assert_string_equal(e->version, version);
		assert_string_equal(e->observed, "2026-11-18T11:00:00Z");
	}
	assert_null(session_live_evidence(l, ev[1]));
	assert_null(session_live_evidence(l, 0));
	assert_null(session_live_evidence(l, ev[4] + 1000));
	/* not asked for: none */
	l = live(f, false);
	assert_null(session_live_evidence(l, ev[0]));
}

/* ---- probe_view ----------------------------------------------------------- */

/* A probe with every kind of value: built in its own arena. */
/*
 * verify over two hops, a hop's hosts read at a time: the masters before
 * the agents and the leader last, one pass after another; a host on the old
 * series left pending; the next hop's hosts, held back by its notes, listed
 * pending with what they reported, in the session's order.
 */
static void test_verify_across_hops(void **state)
{
	static const char *const notes[] = {
		"0.26-0.27/implicit-roles", "0.26-0.27/allocator-api",
		"0.26-0.27/executor-lost-callback", "0.26-0.27/isolator-prepare",
		"0.26-0.27/teardown-frameworks-acl", "0.26-0.27/drf-reserved-resources",
		"0.26-0.27/rebuild-modules" };
	static const char *const masters[] = { "m1", "m2", "m3" };
	static const char *const mv[] = { "0.27.4", "0.27.4", "0.27.4" };
	static const char *const agents[] = { "a001", "a002", "a003" };
	static const char *const pending[][3] = {
		{ "0.26-0.27/restart-agents@a003", "a003", "0.26.2" },
		{ "0.27-0.28/restart-masters@m1", "m1", "0.27.4" },
		{ "0.27-0.28/restart-masters@m3", "m3", "0.27.4" },
		{ "0.27-0.28/restart-masters@m2", "m2", "0.27.4" },
		{ "0.27-0.28/restart-agents@a001", "a001", "0.27.4" },
		{ "0.27-0.28/restart-agents@a002", "a002", "0.27.4" },
		{ "0.27-0.28/restart-agents@a003", "a003", "0.26.2" } };
	struct fx *f = *state;
	struct verify_result out;
	struct diag_list dl = DIAG_LIST_INIT;
	struct probe_result *r;
	struct session *s;
	int64_t probe_id;

	inventory_free(&f->inv);
	f->inv = parse_inventory(INV_3x3);
	assert_int_equal(session_start(f->j, builtin, "0.26", "0.28", "verify", f->inv, &f->who,
				       &f->sid, &dl), ST_OK);
	for (size_t i = 0; i < sizeof(notes) / sizeof(*notes); i++)
		mark(f, notes[i], NULL);
	add_cluster(f, NULL);
	open_cluster(f);
	r = probe(f, "2026-11-18T11:00:00Z", "m2", masters, 3, mv, agents, 3);
	for (size_t i = 0; i < 3; i++)
		r->agents[i].version = i < 2 ? "0.27.4" : "0.26.2";
	probe_id = record(f, r);
	clock_fix(++f->now);
	assert_int_equal(session_verify(f->j, builtin, f->sid, r, probe_id, &f->who, &out, &dl),
			 ST_OK);
	assert_int_equal(dl.count, 0);
	assert_int_equal(out.nmarked, 5);
	assert_string_equal(out.marked[0], "0.26-0.27/restart-masters@m1");
	assert_string_equal(out.marked[1], "0.26-0.27/restart-masters@m3");
	assert_string_equal(out.marked[2], "0.26-0.27/restart-masters@m2"); /* the leader last */
	assert_string_equal(out.marked[3], "0.26-0.27/restart-agents@a001");
	assert_string_equal(out.marked[4], "0.26-0.27/restart-agents@a002");
	assert_int_equal(out.npending, sizeof(pending) / sizeof(*pending));
	for (size_t i = 0; i < out.npending; i++) {
		assert_string_equal(out.pending[i].item, pending[i][0]);
		assert_string_equal(out.pending[i].host, pending[i][1]);
		assert_string_equal(out.pending[i].version, pending[i][2]);
	}
	verify_result_release(&out);
	s = load(f);
	assert_int_equal(item(s, "0.26-0.27/restart-masters")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->hosts_done, 2);
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->state, ITEM_PENDING);
	/* again: nothing more to mark, the same hosts pending */
	assert_int_equal(session_verify(f->j, builtin, f->sid, r, probe_id, &f->who, &out, &dl),
			 ST_OK);
	assert_int_equal(out.nmarked, 0);
	assert_int_equal(out.npending, sizeof(pending) / sizeof(*pending));
	verify_result_release(&out);
	diag_list_release(&dl);
}

static struct probe_result *view_probe(struct fx *f, const char *host_prefix)
{
	static const char *const names[] = { "m1", "m2" };
	static const char *const agents[] = { "a1", "a2", "a3" };
	static const char *const mv[] = { "0.28.1", NULL };
	struct probe_result *r = probe(f, "2026-11-18T11:06:40Z", "m1", names, 2, mv, agents, 3);
	char buf[128];

	r->masters[1].reachable = false;
	r->masters[1].error = "http://m2:5050/master/state: timed out";
	r->agents[1].version = "0.27.3";
	r->agents[1].active = false;
	r->agents[2].version = NULL;
	r->agents[2].recovered = true;
	r->frameworks_without_checkpoint = arena_alloc(&r->arena, 2 * sizeof(char *));
	r->frameworks_without_checkpoint[0] = "marathon";
	r->frameworks_without_checkpoint[1] = "chronos";
	r->nframeworks_without_checkpoint = 2;
	assert_int_equal(probe_result_warn(r, PROBE_MASTER_UNREACHABLE, "m2 did not answer"), ST_OK);
	assert_int_equal(probe_result_warn(r, PROBE_AGENTS_RECOVERED, "1 agent recovered"), ST_OK);
	if (host_prefix) {
		snprintf(buf, sizeof(buf), "%sm1", host_prefix);
		r->masters[0].host = r->leader = arena_strdup(&r->arena, buf);
	}
	return r;
}

/* f->out read back with jansson, as f->json (the one before dropped). */
static json_t *parse(struct fx *f)
{
	json_error_t err;

	if (f->json)
		json_decref(f->json);
	f->json = json_loads(strbuf_str(&f->out), 0, &err);
	if (!f->json)
		fail_msg("not JSON (%s at line %d, column %d)", err.text, err.line, err.column);
	return f->json;
}

/* The keys of object @o are exactly @keys (@n of them). */
static void keys_are(json_t *o, const char *const *keys, size_t n, const char *what)
{
	const char *k;
	json_t *v;

	if (!json_is_object(o))
		fail_msg("%s is not an object", what);
	json_object_foreach(o, k, v) {
		size_t i = 0;
		(void)v;
		while (i < n && strcmp(keys[i], k))
			i++;
		if (i == n)
			fail_msg("%s has the key \"%s\" it should not", what, k);
	}
	for (size_t i = 0; i < n; i++)
		if (!json_object_get(o, keys[i]))
			fail_msg("%s lacks the key \"%s\"", what, keys[i]);
	assert_int_equal(json_object_size(o), n);
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		fail_msg("\"%s\" is not a string", key);
	return json_string_value(v);
}

static void is_bool(json_t *o, const char *key, bool want)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_boolean(v))
		fail_msg("\"%s\" is not a boolean", key);
	assert_int_equal(json_is_true(v), want);
}

static void is_null(json_t *o, const char *key)
{
	if (!json_is_null(json_object_get(o, key)))
		fail_msg("\"%s\" is not null", key);
}

static void test_view_json(void **state)
{
	struct fx *f = *state;
	static const char *const top[] = { "probed", "leader", "masters", "agents",
					   "frameworks_without_checkpoint", "warnings" };
	static const char *const mkeys[] = { "url", "host", "version", "leader", "reachable", "error" };
	static const char *const akeys[] = { "host", "version", "active", "recovered" };
	static const char *const wkeys[] = { "kind", "text" };
	struct probe_result *r = view_probe(f, NULL);
	json_t *root, *a, *o;

	probe_view(&f->out, r, FMT_JSON);
	root = parse(f);
	keys_are(root, top, 6, "the probe");
	assert_string_equal(str(root, "probed"), "2026-11-18T11:06:40Z");
	assert_string_equal(str(root, "leader"), "m1");

	a = json_object_get(root, "masters");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 2);
	o = json_array_get(a, 0);
	keys_are(o, mkeys, 6, "masters[0]");
	assert_string_equal(str(o, "url"), "http://m1:5050");
	assert_string_equal(str(o, "host"), "m1");
	assert_string_equal(str(o, "version"), "0.28.1");
	is_bool(o, "leader", true);
	is_bool(o, "reachable", true);
	is_null(o, "error");
	o = json_array_get(a, 1);
	keys_are(o, mkeys, 6, "masters[1]");
	assert_string_equal(str(o, "host"), "m2");
	is_null(o, "version");
	is_bool(o, "leader", false);
	is_bool(o, "reachable", false);
	assert_string_equal(str(o, "error"), "http://m2:5050/master/state: timed out");

	a = json_object_get(root, "agents");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 3);
	for (size_t i = 0; i < 3; i++)
		keys_are(json_array_get(a, i), akeys, 4, "an agent");
	o = json_array_get(a, 0);
	assert_string_equal(str(o, "host"), "a1");
	assert_string_equal(str(o, "version"), "0.28.1");
	is_bool(o, "active", true);
	is_bool(o, "recovered", false);
	o = json_array_get(a, 1);
	assert_string_equal(str(o, "host"), "a2");
	assert_string_equal(str(o, "version"), "0.27.3");
	is_bool(o, "active", false);
	o = json_array_get(a, 2);
	is_null(o, "version");
	is_bool(o, "recovered", true);

	a = json_object_get(root, "frameworks_without_checkpoint");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(json_string_value(json_array_get(a, 0)), "marathon");
	assert_string_equal(json_string_value(json_array_get(a, 1)), "chronos");

	a = json_object_get(root, "warnings");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 2);
	o = json_array_get(a, 0);
	keys_are(o, wkeys, 2, "warnings[0]");
	assert_string_equal(str(o, "kind"), "master-unreachable");
	assert_string_equal(str(o, "text"), "m2 did not answer");
	o = json_array_get(a, 1);
	keys_are(o, wkeys, 2, "warnings[1]");
	assert_string_equal(str(o, "kind"), "agents-recovered");

	/* no leader: null; no hosts: empty arrays */
	r = probe(f, "2026-11-18T11:06:40Z", NULL, NULL, 0, NULL, NULL, 0);
	strbuf_reset(&f->out);
	probe_view(&f->out, r, FMT_JSON);
	root = parse(f);
	keys_are(root, top, 6, "the empty probe");
	is_null(root, "leader");
	assert_int_equal(json_array_size(json_object_get(root, "masters")), 0);
	assert_int_equal(json_array_size(json_object_get(root, "agents")), 0);
	assert_true(json_is_array(json_object_get(root, "frameworks_without_checkpoint")));
	assert_int_equal(json_array_size(json_object_get(root, "warnings")), 0);
}

/* The warning kinds as JSON writes them, each its own. */
static void test_view_warning_kinds(void **state)
{
	struct fx *f = *state;
	static const struct {
		enum probe_warning_kind kind;
		const char *name;
	} kinds[] = {
		{ PROBE_LEADER_CHANGED, "leader-changed" },
		{ PROBE_NOT_IN_INVENTORY, "not-in-inventory" },
		{ PROBE_NOT_IN_CLUSTER, "not-in-cluster" },
	};
	struct probe_result *r = probe(f, "2026-11-18T11:06:40Z", NULL, NULL, 0, NULL, NULL, 0);
	json_t *root, *w;

	for (size_t i = 0; i < 3; i++)
		assert_int_equal(probe_result_warn(r, kinds[i].kind, "w%zu", i), ST_OK);
	probe_view(&f->out, r, FMT_JSON);
	root = parse(f);
	w = json_object_get(root, "warnings");
	assert_int_equal(json_array_size(w), 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(str(json_array_get(w, i), "kind"), kinds[i].name);
}

/* No byte of @s that drives a terminal: ESC, BEL, CR, a C1 control in UTF-8 or raw. */
static void terminal_safe(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x1b || c == 0x07 || c == '\r' || c == 0x9b || c == 0x9d ||
		    (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9f))
			fail_msg("byte 0x%02x at %zu, after \"%.*s\"", c, i, (int)(i < 24 ? i : 24),
				 s + (i < 24 ? 0 : i - 24)); /* what precedes it passed */
	}
}

static void test_view_text_terminal_safe(void **state)
{
	struct fx *f = *state;
	/* ESC [ 2J (clear), BEL, a C1 CSI in UTF-8, a raw 8-bit CSI, an OSC title */
	static const char evil[] = "\x1b[2J\x07\xc2\x9b" "31m\x9b" "0m\x1b]0;pwned\x07";
	struct probe_result *r = view_probe(f, evil);

	r->masters[0].url = "http://m1:5050/\x1b[8m";
	r->masters[0].version = "0.28.1\x1b[0m";
	r->masters[1].host = "m2\r\x1b[Kfake";
	r->masters[1].error = "refused \x1b[31mred";
	r->agents[0].version = "0.28.1\x1b[1m";
	assert_int_equal(probe_result_warn(r, PROBE_NOT_IN_INVENTORY, "agents: 1 (\x1b[5mblink)"),
			 ST_OK);
	probe_view(&f->out, r, FMT_TEXT);
	terminal_safe(f->out.buf, f->out.len);
	/* still there for the reader, made harmless */
	has(strbuf_str(&f->out), "Masters (2)");
	has(strbuf_str(&f->out), "[2J");
	has(strbuf_str(&f->out), "UNREACHABLE");
	has(strbuf_str(&f->out), "WARNING: ");
	has(strbuf_str(&f->out), "blink");

	/* JSON: escaped, and read back as it was */
	strbuf_reset(&f->out);
	probe_view(&f->out, r, FMT_JSON);
	terminal_safe(f->out.buf, f->out.len);
	json_t *root = parse(f);
	json_t *m = json_array_get(json_object_get(root, "masters"), 1);
	assert_string_equal(str(m, "host"), "m2\r\x1b[Kfake");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_discover_leader_last),
		T(test_discover_no_leader),
		T(test_discover_each_name_once),
		T(test_discover_leader_named_twice),
		T(test_discover_leader_by_redirect),
		T(test_discover_refuses_bad_names),
		T(test_discover_no_hosts),
		T(test_open_without_masters),
		T(test_open_reads_cluster_and_inventory),
		T(test_open_reads_credentials),
		T(test_leader_changed_since_inventory),
		T(test_leader_as_inventory_says),
		T(test_leader_changed_since_last_probe),
		T(test_no_inventory),
		T(test_hosts_on_one_side),
		T(test_hosts_five_named_no_more),
		T(test_hosts_by_role),
		T(test_hosts_counted_once),
		T(test_record_whole),
		T(test_record_nothing_on_error),
		T(test_live_not_probed),
		T(test_live_host_by_role),
		T(test_live_match),
		T(test_live_mismatch),
		T(test_live_evidence),
		T(test_verify_across_hops),
		T(test_view_json),
		T(test_view_warning_kinds),
		T(test_view_text_terminal_safe),
	};
#undef T

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
