/*
 * bench_mesos.c - the live cluster's figures: parsing /master/slaves with
 * 10,000 agents (the body the fake cluster sends, shaped as a 0.28 master
 * writes it), beside jansson's bare parse of the same bytes, and a whole probe
 * of 3 masters and 10,000 agents against tests/fake_mesos.py on loopback,
 * on a thread of its own as the wizard runs it.
 * Each is printed next to its floor, the most it should take (issue 14);
 * never compared with it here.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../fake_spawn.h"
#include "bench.h"
#include "cluster_probe.h"
#include "mesos_http.h"
#include "mesos_parse.h"
#include "probe_job.h"
#include "strbuf.h"

enum { AGENTS = 10000 };

/* The guide's last hop under way: 0.28 masters, half the agents upgraded. */
static const char scenario[] =
	"{\"masters\": [{\"version\": \"0.28.2\"}, {\"version\": \"0.28.2\"},"
	" {\"version\": \"0.28.2\"}], \"leader\": 1, \"agents\": {\"count\": 10000,"
	" \"version\": \"0.27.2\", \"upgraded\": 5000, \"upgraded_version\": \"0.28.2\"},"
	" \"frameworks\": [{\"name\": \"marathon\", \"checkpoint\": true}]}";

/* The leader's /master/slaves as the fake cluster sends it, into @body. */
static void fetch_slaves(const struct fake *f, struct strbuf *body)
{
	struct mesos_http_opts o = { 0 };
	struct mesos_http *h = NULL;
	struct mesos_http_request q = { 0 };
	struct strbuf why = STRBUF_INIT;
	char *url = mesos_http_join(f->urls[1], "/master/slaves", &why);

	q.url = url;
	q.follow = true;
	if (!url || mesos_http_new(&o, &h, &why) != ST_OK || mesos_http_get(h, &q, 1) != ST_OK ||
	    q.kind != MH_OK)
		die("the fake cluster's /master/slaves");
	strbuf_add(body, q.body.buf, q.body.len);
	mesos_http_request_release(&q);
	mesos_http_free(&h);
	strbuf_release(&why);
	free(url);
}

/* One parse of the timed kind: jansson alone, or ours. */
static void parse_once(const struct strbuf *body, bool bare)
{
	struct strbuf why = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct mesos_slaves s;
	json_t *root;

	if (bare) {
		if (!(root = json_loadb(body->buf, body->len, 0, NULL)))
			die("the body is not JSON");
		json_decref(root);
	} else if (mesos_parse_slaves(&a, body->buf, body->len, "bench", &s, &why) != ST_OK ||
		   s.nagents != AGENTS) {
		die(strbuf_str(&why));
	}
	arena_release(&a);
	strbuf_release(&why);
}

/*
 * Our parse of the leader's /master/slaves, and jansson's own json_loadb()
 * and json_decref() of the same bytes (with malloc): the floor any parse
 * through jansson stands on. Wall and processor time (the machine may be
 * shared), medians.
 */
static void bench_parse(const struct fake *f)
{
	enum { RUNS = 21 };
	struct strbuf body = STRBUF_INIT;
	double wall[2][RUNS], cpu[2][RUNS], w[2], c[2];

	fetch_slaves(f, &body);
	if (strbuf_failed(&body))
		die("out of memory");
	for (int r = 0; r < RUNS; r++)
		for (int k = 0; k < 2; k++) {
			double w0 = now_ms(), c0 = cpu_ms();
			parse_once(&body, k);
			wall[k][r] = now_ms() - w0;
			cpu[k][r] = cpu_ms() - c0;
		}
	for (int k = 0; k < 2; k++) {
		w[k] = pct(wall[k], RUNS, 0.5);
		c[k] = pct(cpu[k], RUNS, 0.5);
	}
	printf("%-46s %9.3f ms   floor 50 ms (%.1f MB; processor %.3f ms)\n",
	       "parse /master/slaves, 10000 agents", w[0], (double)body.len / 1e6, c[0]);
	printf("%-46s %9.3f ms   (processor %.3f ms; ours %.2fx of it)\n",
	       "  jansson alone: json_loadb + json_decref", w[1], c[1], c[0] / c[1]);
	strbuf_release(&body);
}

/* Processor time of this whole process (all its threads), in ms. */
static double process_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Each probe on a thread of its own (probe_job), as the wizard runs it. */
static void bench_probe(const struct fake *f)
{
	enum { RUNS = 11 };
	double t[RUNS], c[RUNS];
	struct diag_list dl;

	diag_list_init(&dl);
	/* one probe first: the fake renders each answer once, then serves it */
	for (int r = -1; r < RUNS; r++) {
		struct probe_opts o = { f->urls, f->nmasters, { 0 } };
		struct probe_result *res = NULL;
		struct probe_job *job = NULL;
		double t0 = now_ms(), c0 = process_cpu_ms();
		if (probe_job_start(&o, &job) != ST_OK ||
		    probe_job_finish(&job, &res, &dl) != ST_OK || res->nagents != AGENTS)
			die(dl.count ? dl.items[0].message : "the probe failed");
		if (r >= 0) {
			t[r] = now_ms() - t0;
			c[r] = process_cpu_ms() - c0;
		}
		probe_result_free(&res);
	}
	printf("%-46s %9.3f ms   floor 500 ms (processor %.3f ms; p99 %.3f ms)\n",
	       "probe of 3 masters, 10000 agents (loopback)", pct(t, RUNS, 0.5),
	       pct(c, RUNS, 0.5), pct(t, RUNS, 0.99));
	diag_list_release(&dl);
}

/* A string for an argument vector (posix_spawn's are not const, nor written). */
static char *arg(const char *s)
{
	return (char *)(uintptr_t)s;
}

/* "@bin --journal @db ARGS..." run to its end; in *@r when not NULL; dies when it fails. */
static void run_ok(const char *bin, const char *db, const char *const *args, struct proc_run *r)
{
	char *argv[16];
	size_t n = 0;
	struct proc_run mine;

	argv[n++] = arg(bin);
	argv[n++] = arg("--journal");
	argv[n++] = arg(db);
	while (*args && n < 15)
		argv[n++] = arg(*args++);
	argv[n] = NULL;
	proc_run_ok(argv, r ? r : &mine);
}

/*
 * verify, as an operator runs it, exec to exit: a session of the 10,000
 * agents discovered, 0.27 -> 1.11 (twelve hops), its first hop's notes
 * done; each run on a copy of that journal marks the masters and the agents
 * on 0.28, and lists the rest pending.
 */
static void bench_verify(const char *dir, const char *bin, const struct fake *f)
{
	enum { RUNS = 5 };
	static const char *const notes[] = { "0.27-0.28/scalar-precision",
					     "0.27-0.28/reservation-acls",
					     "0.27-0.28/rebuild-modules" };
	char base[2048], db[2048];
	double t[RUNS], cpu[RUNS], peak[RUNS], out[RUNS];

	snprintf(base, sizeof(base), "%s/bench-verify-base.db", dir);
	snprintf(db, sizeof(db), "%s/bench-verify.db", dir);
	rm_db(base);
	run_ok(bin, base, (const char *const[]){ "start", "--from", "0.27", "--to", "1.11",
		"--master", f->urls[0], "--master", f->urls[1], "--master", f->urls[2],
		"--discover", NULL }, NULL);
	for (size_t i = 0; i < sizeof(notes) / sizeof(*notes); i++)
		run_ok(bin, base, (const char *const[]){ "mark", "1", notes[i], "done", NULL },
		       NULL);
	for (int i = 0; i < RUNS; i++) {
		struct proc_run r;
		copy_db(base, db);
		run_ok(bin, db, (const char *const[]){ "verify", "1", NULL }, &r);
		t[i] = r.ms;
		cpu[i] = r.cpu_ms;
		peak[i] = r.peak_mb;
		out[i] = (double)r.out_bytes / 1024.0;
	}
	printf("%-46s %9.3f ms   (processor %.0f ms; peak %.1f MiB; %.1f KiB out; runs: %d)\n",
	       "verify, 10000 agents 0.27->1.11 (process)", pct(t, RUNS, 0.5),
	       pct(cpu, RUNS, 0.5), pct(peak, RUNS, 0.5), pct(out, RUNS, 0.5), RUNS);
}

void bench_mesos(const char *dir, const char *bin)
{
	struct fake f;

	if (fake_start(&f, scenario) != 0)
		die("the fake cluster did not start");
	bench_parse(&f);
	bench_probe(&f);
	if (bin) {
		bench_verify(dir, bin, &f);
		bench_probe_keys(dir, bin, f.urls, f.nmasters);
	}
	fake_stop(&f);
}
