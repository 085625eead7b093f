/*
 * test_cluster_probe.c - cluster_probe() (include/cluster_probe.h) against
 * tests/fake_mesos.py on loopback addresses: 1.x and 0.2x masters, the
 * leader moving and agents upgrading while the fake runs, a master down, an
 * answer slower than the timeout, garbage, a redirect loop, 401, TLS with a
 * certificate made here by openssl, 10,000 agents, the cancel hook.
 *
 * Every request has a timeout (5 s total here, 3 s where one is slower); the fake is waited for by
 * its ready file, never by a sleep.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cluster_probe.h"
#include "helpers.h"
#include "probe_job.h"
#include "../fake_spawn.h"

/* ---- helpers ------------------------------------------------------------- */

static struct fake fake;

static void start(const char *scenario)
{
	if (fake_start(&fake, scenario) != 0)
		fail_msg("the fake cluster did not start");
}

static void update(const char *scenario)
{
	if (fake_update(&fake, scenario) != 0)
		fail_msg("the fake cluster did not take the new scenario");
}

static int teardown(void **state)
{
	(void)state;
	fake_stop(&fake);
	return 0;
}

static struct probe_opts opts(void)
{
	struct probe_opts o = { fake.urls, fake.nmasters, { 0 } };

	/* generous: make test runs the sanitized build while others build too */
	o.http.connect_ms = 3000;
	o.http.total_ms = 5000;
	return o;
}

static struct probe_result *probe_ok(const struct probe_opts *o)
{
	struct probe_result *r = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = cluster_probe(o, &r, &dl);
	if (st != ST_OK)
		fail_msg("probe: status %d: %s", (int)st, dl.count ? dl.items[0].message : "");
	assert_int_equal(dl.count, 0);
	diag_list_release(&dl);
	assert_non_null(r);
	return r;
}

/* The probe fails with @status and a message holding @text. */
static void probe_fails(const struct probe_opts *o, enum status status, const char *text)
{
	struct probe_result *r = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = cluster_probe(o, &r, &dl);
	if (st != status || !dl.count || !strstr(dl.items[0].message, text))
		fail_msg("probe: status %d (wanted %d): \"%s\" (wanted \"%s\")", (int)st,
			 (int)status, dl.count ? dl.items[0].message : "", text);
	diag_one(&dl, status);
	assert_null(r);
	diag_list_release(&dl);
}

static const char *warning(const struct probe_result *r, enum probe_warning_kind kind)
{
	for (size_t i = 0; i < r->nwarnings; i++)
		if (r->warnings[i].kind == kind)
			return r->warnings[i].text;
	return NULL;
}

static const struct probe_agent *agent(const struct probe_result *r, const char *host)
{
	for (size_t i = 0; i < r->nagents; i++)
		if (!strcmp(r->agents[i].host, host))
			return &r->agents[i];
	fail_msg("no agent %s", host);
	return NULL;
}

#define FRAMEWORKS "\"frameworks\": [{\"name\": \"marathon\", \"checkpoint\": true}," \
		   " {\"name\": \"chronos\", \"checkpoint\": false}]"

/* ---- 1.x --------------------------------------------------------------------- */

static const char *const modern =
	"{\"masters\": [{\"version\": \"1.4.3\"}, {\"version\": \"1.4.3\"}, {\"version\": \"1.4.3\"}],"
	" \"leader\": 1, \"agents\": {\"count\": 4, \"version\": \"1.4.3\", \"upgraded\": 1,"
	" \"upgraded_version\": \"1.5.0\", \"inactive\": [2], \"recovered\": 1}, " FRAMEWORKS "}";

static void test_modern(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start(modern);
	o = opts();
	r = probe_ok(&o);
	assert_string_equal(r->leader, "127.0.0.12");
	assert_int_equal(r->nmasters, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_true(r->masters[i].reachable);
		assert_null(r->masters[i].error);
		assert_string_equal(r->masters[i].version, "1.4.3");
		assert_int_equal(r->masters[i].leader, i == 1);
		assert_string_equal(r->masters[i].url, fake.urls[i]);
	}
	assert_int_equal(r->nagents, 4);
	assert_string_equal(agent(r, "agent-00000")->version, "1.5.0");
	assert_string_equal(agent(r, "agent-00001")->version, "1.4.3");
	assert_false(agent(r, "agent-00002")->active);
	assert_true(agent(r, "agent-00003")->recovered);
	assert_null(agent(r, "agent-00003")->version);
	assert_int_equal(r->nframeworks_without_checkpoint, 1);
	assert_string_equal(r->frameworks_without_checkpoint[0], "chronos");
	assert_string_equal(warning(r, PROBE_AGENTS_NEWER),
			    "agents newer than the oldest master (1.4.3): 1 (agent-00000)");
	assert_non_null(strstr(warning(r, PROBE_AGENTS_RECOVERED), "agent-00003"));
	assert_non_null(strstr(warning(r, PROBE_AGENTS_INACTIVE), ": 1 (agent-00002)"));
	assert_non_null(strstr(warning(r, PROBE_NO_CHECKPOINT), "chronos"));
	assert_null(warning(r, PROBE_MASTER_UNREACHABLE));
	assert_null(warning(r, PROBE_NO_LEADER));
	assert_null(warning(r, PROBE_AGENTS_VERSION_UNKNOWN));
	assert_string_equal(probe_warning_name(PROBE_AGENTS_NEWER), "agents-newer");
	assert_int_equal(strlen(r->probed), CLOCK_ISO_LEN);
	probe_result_free(&r);
	assert_null(r);
}

/* The leader moves and agents upgrade while the cluster runs. */
static void test_over_time(void **state)
{
	struct probe_opts o;
	struct probe_result *r;
	char sc[1024];

	(void)state;
	start(modern);
	o = opts();
	r = probe_ok(&o);
	assert_string_equal(r->leader, "127.0.0.12");
	probe_result_free(&r);
	snprintf(sc, sizeof(sc), "{\"masters\": [{\"version\": \"1.5.0\"}, {\"version\": \"1.4.3\"},"
		 " {\"version\": \"1.5.0\"}], \"leader\": 2, \"agents\": {\"count\": 4, \"version\":"
		 " \"1.4.3\", \"upgraded\": 3, \"upgraded_version\": \"1.5.0\"}, " FRAMEWORKS "}");
	update(sc);
	r = probe_ok(&o);
	assert_string_equal(r->leader, "127.0.0.13");
	assert_true(r->masters[2].leader);
	assert_false(r->masters[1].leader);
	assert_string_equal(agent(r, "agent-00002")->version, "1.5.0");
	assert_string_equal(agent(r, "agent-00003")->version, "1.4.3");
	/* the oldest master is 1.4.3: three agents are newer */
	assert_non_null(strstr(warning(r, PROBE_AGENTS_NEWER), "(1.4.3): 3 ("));
	probe_result_free(&r);
}

/* ---- 0.2x ---------------------------------------------------------------- */

/*
 * 0.24 masters: no /version, no /master/state, no agents' versions in
 * /master/slaves. Each agent is asked: /version for the one at 0.26, its
 * /state.json for those at 0.24.
 */
static void test_old_masters(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start("{\"masters\": [{\"version\": \"0.24.1\"}, {\"version\": \"0.24.1\"}], \"leader\": 0,"
	      " \"agents\": {\"count\": 3, \"version\": \"0.24.1\", \"upgraded\": 1,"
	      " \"upgraded_version\": \"0.26.0\", \"serve\": true}, " FRAMEWORKS "}");
	o = opts();
	r = probe_ok(&o);
	assert_string_equal(r->leader, "127.0.0.11");
	assert_string_equal(r->masters[0].version, "0.24.1");
	assert_string_equal(r->masters[1].version, "0.24.1");
	assert_true(r->masters[0].leader);
	assert_false(r->masters[1].leader);
	assert_int_equal(r->nagents, 3);
	assert_string_equal(agent(r, "agent-00000")->version, "0.26.0");
	assert_string_equal(agent(r, "agent-00001")->version, "0.24.1");
	assert_string_equal(agent(r, "agent-00002")->version, "0.24.1");
	assert_non_null(strstr(warning(r, PROBE_AGENTS_NEWER), "(0.24.1): 1 (agent-00000)"));
	assert_string_equal(r->frameworks_without_checkpoint[0], "chronos");
	probe_result_free(&r);
}

/* A 0.28 standby answers its own state, naming the leader: not on the list here. */
static void test_leader_not_listed(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start("{\"masters\": [{\"version\": \"0.28.2\"}, {\"version\": \"0.28.2\"}], \"leader\": 1,"
	      " \"agents\": {\"count\": 2, \"version\": \"0.28.2\"}, " FRAMEWORKS "}");
	o = opts();
	o.nmasters = 1;  /* only the standby */
	r = probe_ok(&o);
	assert_string_equal(r->leader, "127.0.0.12");
	assert_false(r->masters[0].leader);
	assert_int_equal(r->nagents, 2);
	assert_int_equal(r->nframeworks_without_checkpoint, 1);
	probe_result_free(&r);
}

/* ---- failures ------------------------------------------------------------ */

static void test_master_down(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start("{\"masters\": [{\"version\": \"1.4.3\"}, {\"version\": \"1.4.3\", \"up\": false}],"
	      " \"leader\": 0, \"agents\": {\"count\": 2, \"version\": \"1.4.3\"}, " FRAMEWORKS "}");
	o = opts();
	r = probe_ok(&o);
	assert_true(r->masters[0].reachable);
	assert_false(r->masters[1].reachable);
	assert_non_null(strstr(r->masters[1].error, fake.urls[1]));
	assert_non_null(strstr(warning(r, PROBE_MASTER_UNREACHABLE), fake.urls[1]));
	assert_int_equal(r->nagents, 2);
	probe_result_free(&r);
	/* every master down: 69, each one's reason */
	update("{\"masters\": [{\"version\": \"1.4.3\", \"up\": false}, {\"version\": \"1.4.3\","
	       " \"up\": false}], \"leader\": 0}");
	probe_fails(&o, ST_UNAVAILABLE, "no Mesos master answered: GET ");
	/* no leader elected: the standbys answer, nobody leads */
	update("{\"masters\": [{\"version\": \"0.28.2\"}, {\"version\": \"0.28.2\"}], \"leader\": null}");
	r = probe_ok(&o);
	assert_null(r->leader);
	assert_non_null(warning(r, PROBE_NO_LEADER));
	assert_int_equal(r->nagents, 0);
	probe_result_free(&r);
}

static void test_slow_master(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start("{\"masters\": [{\"version\": \"0.28.2\"}, {\"version\": \"0.28.2\"}], \"leader\": 1,"
	      " \"agents\": {\"count\": 1, \"version\": \"0.28.2\"}, \"slow\": {\"/master/state\": 20},"
	      " \"slow_masters\": [0]}");
	o = opts();
	o.http.total_ms = 3000;
	r = probe_ok(&o);
	assert_false(r->masters[0].reachable);
	assert_non_null(strstr(r->masters[0].error, "imed out"));
	assert_true(r->masters[1].leader);
	probe_result_free(&r);
}

static void test_bad_answers(void **state)
{
	struct probe_opts o;
	const char *base = "{\"masters\": [{\"version\": \"1.4.3\"}], \"leader\": 0,"
			   " \"agents\": {\"count\": 2, \"version\": \"1.4.3\"}, ";
	char sc[512];

	(void)state;
	snprintf(sc, sizeof(sc), "%s\"garbage\": [\"/master/slaves\"]}", base);
	start(sc);
	o = opts();
	probe_fails(&o, ST_DATAERR, "/master/slaves: not a Mesos /master/slaves answer: not JSON");
	snprintf(sc, sizeof(sc), "%s\"wrong_shape\": [\"/version\"]}", base);
	update(sc);
	probe_fails(&o, ST_DATAERR, "/version answer: version is not a string");
	snprintf(sc, sizeof(sc), "%s\"loop\": [\"/master/slaves\"]}", base);
	update(sc);
	probe_fails(&o, ST_DATAERR, "more than 3 redirects");
	snprintf(sc, sizeof(sc), "%s\"agents\": {\"count\": 200, \"version\": \"1.4.3\"}}", base);
	update(sc);
	o.http.max_bytes = 4096;
	probe_fails(&o, ST_DATAERR, "the answer is larger than 4096 bytes");
}

static void test_auth(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start("{\"masters\": [{\"version\": \"1.4.3\"}], \"leader\": 0, \"agents\": {\"count\": 1,"
	      " \"version\": \"1.4.3\"}, \"auth\": {\"principal\": \"ops\", \"secret\": \"pw-9\"}}");
	o = opts();
	probe_fails(&o, ST_NOPERM, "401 Unauthorized: the master wants credentials, give them "
		    "with --credentials FILE");
	o.http.principal = "ops";
	o.http.secret = "wrong";
	probe_fails(&o, ST_NOPERM, "the credentials of --credentials were refused");
	o.http.secret = "pw-9";
	r = probe_ok(&o);
	assert_int_equal(r->nagents, 1);
	probe_result_free(&r);
}

/* ---- TLS ----------------------------------------------------------------- */

static void test_tls(void **state)
{
	char dir[] = "/tmp/mu-tls.XXXXXX", cmd[1024], sc[512], cert[64], key[64];
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(cmd, sizeof(cmd), "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
		 " -nodes -days 1 -subj /CN=fake-mesos -addext"
		 " subjectAltName=IP:127.0.0.11,IP:127.0.0.12 -keyout %s -out %s 2>/dev/null",
		 key, cert);
	assert_int_equal(system(cmd), 0);
	snprintf(sc, sizeof(sc), "{\"masters\": [{\"version\": \"1.4.3\"}, {\"version\": \"1.4.3\"}],"
		 " \"leader\": 1, \"agents\": {\"count\": 2, \"version\": \"1.4.3\"},"
		 " \"tls\": {\"cert\": \"%s\", \"key\": \"%s\"}}", cert, key);
	start(sc);
	assert_memory_equal(fake.urls[0], "https://", 8);
	o = opts();
	/* loading the system's CA store takes about 1 s under the sanitizers */
	o.http.connect_ms = o.http.total_ms = 10000;
	/* not trusted without --cacert: nobody answers */
	probe_fails(&o, ST_UNAVAILABLE, "--cacert");
	o.http.cacert = cert;
	r = probe_ok(&o);
	assert_string_equal(r->leader, "127.0.0.12");
	assert_true(r->masters[1].leader);
	assert_int_equal(r->nagents, 2);
	probe_result_free(&r);
	unlink(cert);
	unlink(key);
	rmdir(dir);
}

/* ---- scale, hooks, the environment ---------------------------------------- */

static void test_many_agents(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start("{\"masters\": [{\"version\": \"1.4.3\"}, {\"version\": \"1.4.3\"},"
	      " {\"version\": \"1.4.3\"}], \"leader\": 2, \"agents\": {\"count\": 10000,"
	      " \"version\": \"1.4.3\", \"upgraded\": 2500, \"upgraded_version\": \"1.5.0\","
	      " \"recovered\": 3}, " FRAMEWORKS "}");
	o = opts();
	/* a bound, not a measure: 4.6 s of the sanitized build on an idle machine,
	 * and make test runs it beside the other lanes on every core */
	o.http.total_ms = 60000;
	r = probe_ok(&o);
	assert_int_equal(r->nagents, 10000);
	assert_string_equal(warning(r, PROBE_AGENTS_NEWER), "agents newer than the oldest master "
			    "(1.4.3): 2500 (agent-00000, agent-00001, agent-00002, agent-00003, "
			    "agent-00004 and 2495 more)");
	assert_non_null(strstr(warning(r, PROBE_AGENTS_RECOVERED), ": 3 ("));
	probe_result_free(&r);
}

static size_t progressed;

static bool cancel_now(void *arg)
{
	(void)arg;
	return true;
}

static void progress(void *arg, size_t done, size_t total)
{
	(void)arg;
	assert_true(done <= total);
	progressed++;
}

static void test_hooks_and_proxy(void **state)
{
	struct probe_opts o;
	struct probe_result *r;

	(void)state;
	start(modern);
	/* a proxy in the environment is not used (nothing listens on port 9) */
	setenv("http_proxy", "http://127.0.0.1:9", 1);
	setenv("HTTP_PROXY", "http://127.0.0.1:9", 1);
	o = opts();
	o.http.progress = progress;
	r = probe_ok(&o);
	/* 3 × (/version, state), then the leader's slaves and metrics */
	assert_true(progressed >= 8);
	probe_result_free(&r);
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	o.http.cancel = cancel_now;
	probe_fails(&o, ST_UNAVAILABLE, "cancelled");
}

/* Cancelled with requests not yet started: every one says so. */
static void test_cancel_unstarted(void **state)
{
	struct mesos_http_opts ho = { 0 };
	struct mesos_http *h = NULL;
	struct mesos_http_request q[3];
	struct strbuf why = STRBUF_INIT;

	(void)state;
	start(modern);
	ho.concurrency = 1;
	ho.cancel = cancel_now;
	memset(q, 0, sizeof(q));
	for (size_t i = 0; i < 3; i++)
		q[i].url = fake.urls[i];
	assert_int_equal(mesos_http_new(&ho, &h, &why), ST_OK);
	assert_int_equal(mesos_http_get(h, q, 3), ST_OK);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(q[i].kind, MH_CANCELLED);
		assert_non_null(strstr(strbuf_str(&q[i].message), fake.urls[i]));
		mesos_http_request_release(&q[i]);
	}
	mesos_http_free(&h);
	strbuf_release(&why);
}

/* ---- on a thread (the wizard's probe) --------------------------------------- */

/* Poll @job until it ends (at most @seconds); whether it did. */
static bool job_ends(struct probe_job *job, int seconds)
{
	size_t done, total;

	for (int i = 0; i < seconds * 100; i++) {
		if (probe_job_poll(job, &done, &total))
			return true;
		fake_nap();
	}
	return false;
}

static void test_job(void **state)
{
	struct probe_opts o;
	struct probe_job *job = NULL;
	struct probe_result *r = NULL;
	struct diag_list dl;
	size_t done = 0, total = 0;

	(void)state;
	start(modern);
	o = opts();
	diag_list_init(&dl);
	assert_int_equal(probe_job_start(&o, &job), ST_OK);
	assert_true(job_ends(job, 20));
	probe_job_poll(job, &done, &total);
	assert_true(total > 0 && done == total);
	assert_int_equal(probe_job_finish(&job, &r, &dl), ST_OK);
	assert_null(job);
	assert_int_equal(dl.count, 0);
	assert_int_equal(dl.status, ST_OK);
	assert_int_equal(r->nagents, 4);
	probe_result_free(&r);
	diag_list_release(&dl);
}

/* A probe waiting on a slow master ends soon after it is cancelled, recording nothing. */
static void test_job_cancel(void **state)
{
	struct probe_opts o;
	struct probe_job *job = NULL;
	struct probe_result *r = NULL;
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	start("{\"masters\": [{\"version\": \"0.28.2\"}], \"leader\": 0,"
	      " \"agents\": {\"count\": 1, \"version\": \"0.28.2\"},"
	      " \"slow\": {\"/master/state\": 20}, \"slow_masters\": [0]}");
	o = opts();
	o.http.total_ms = 15000;
	assert_int_equal(probe_job_start(&o, &job), ST_OK);
	assert_false(job_ends(job, 1)); /* still waiting on the master */
	probe_job_cancel(job);
	assert_true(job_ends(job, 5));
	assert_int_equal(probe_job_finish(&job, &r, &dl), ST_UNAVAILABLE);
	assert_null(r);
	/* the thread's failure, whole, in the caller's list */
	assert_non_null(strstr(diag_one(&dl, ST_UNAVAILABLE), "cancelled"));
	diag_list_release(&dl);
}

static void test_bad_urls(void **state)
{
	const char *urls[] = { "ftp://127.0.0.1/", "http://ops:pw@127.0.0.1:5050" };
	struct probe_opts o = { urls, 1, { 0 } };
	struct probe_result *r = NULL;
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(cluster_probe(&o, &r, &dl), ST_USAGE);
	assert_non_null(strstr(diag_one(&dl, ST_USAGE), "not an http or https URL"));
	diag_list_reset(&dl);
	o.masters = urls + 1;
	assert_int_equal(cluster_probe(&o, &r, &dl), ST_USAGE);
	assert_null(strstr(diag_one(&dl, ST_USAGE), "pw"));
	assert_null(r);
	/* no master at all */
	diag_list_reset(&dl);
	o.nmasters = 0;
	assert_int_equal(cluster_probe(&o, &r, &dl), ST_USAGE);
	assert_string_equal(diag_one(&dl, ST_USAGE), "no master to probe");
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_modern, teardown),
		cmocka_unit_test_teardown(test_over_time, teardown),
		cmocka_unit_test_teardown(test_old_masters, teardown),
		cmocka_unit_test_teardown(test_leader_not_listed, teardown),
		cmocka_unit_test_teardown(test_master_down, teardown),
		cmocka_unit_test_teardown(test_slow_master, teardown),
		cmocka_unit_test_teardown(test_bad_answers, teardown),
		cmocka_unit_test_teardown(test_auth, teardown),
		cmocka_unit_test_teardown(test_tls, teardown),
		cmocka_unit_test_teardown(test_many_agents, teardown),
		cmocka_unit_test_teardown(test_hooks_and_proxy, teardown),
		cmocka_unit_test_teardown(test_cancel_unstarted, teardown),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test_teardown(test_job, teardown),
		cmocka_unit_test_teardown(test_job_cancel, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
