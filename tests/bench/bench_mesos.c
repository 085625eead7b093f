/*
 * bench_mesos.c - the live cluster's figures: parsing /master/slaves with
 * 10,000 agents, and a whole probe of 3 masters and 10,000 agents against
 * tests/fake_mesos.py on loopback. Each is printed next to its floor, the
 * most it should take (issue 14); never compared with it here.
 */
#include <string.h>

#include "../fake_spawn.h"
#include "bench.h"
#include "cluster_probe.h"
#include "mesos_parse.h"
#include "strbuf.h"

enum { AGENTS = 10000 };

/* A 1.4 master's /master/slaves: each agent as tests/fake_mesos.py writes it. */
static void slaves_body(struct strbuf *sb)
{
	strbuf_adds(sb, "{\"slaves\": [");
	for (int j = 0; j < AGENTS; j++)
		strbuf_addf(sb, "%s{\"id\": \"20160215-100028-184549503-5050-1234-S%d\", "
			    "\"pid\": \"slave(1)@10.%d.%d.%d:5051\", \"hostname\": \"agent-%05d\", "
			    "\"registered_time\": %.1f, \"resources\": {\"cpus\": 8.0, \"mem\": 15360.0, "
			    "\"disk\": 470000.0, \"ports\": \"[31000-32000]\"}, \"used_resources\": "
			    "{\"cpus\": 1.0, \"mem\": 1024.0, \"disk\": 0.0}, \"offered_resources\": "
			    "{\"cpus\": 0.0, \"mem\": 0.0, \"disk\": 0.0}, \"reserved_resources\": {}, "
			    "\"unreserved_resources\": {\"cpus\": 8.0, \"mem\": 15360.0, \"disk\": "
			    "470000.0, \"ports\": \"[31000-32000]\"}, \"attributes\": {\"rack\": \"r%d\"}, "
			    "\"active\": true, \"version\": \"1.4.3\"}", j ? ", " : "", j, j >> 16,
			    (j >> 8) & 255, j & 255, j, 1455643700.5 + j, j % 40);
	strbuf_adds(sb, "], \"recovered_slaves\": []}");
}

static void bench_parse(void)
{
	enum { RUNS = 21 };
	struct strbuf body = STRBUF_INIT, why = STRBUF_INIT;
	double t[RUNS];

	slaves_body(&body);
	if (strbuf_failed(&body))
		die("out of memory");
	for (int r = 0; r < RUNS; r++) {
		struct arena a = ARENA_INIT;
		struct mesos_slaves s;
		double t0 = now_ms();
		if (mesos_parse_slaves(&a, body.buf, body.len, "bench", &s, &why) != ST_OK ||
		    s.nagents != AGENTS)
			die(strbuf_str(&why));
		t[r] = now_ms() - t0;
		arena_release(&a);
	}
	printf("%-46s %9.3f ms   floor 50 ms (%.1f MB, p99 %.3f ms)\n",
	       "parse /master/slaves, 10000 agents", pct(t, RUNS, 0.5), (double)body.len / 1e6,
	       pct(t, RUNS, 0.99));
	strbuf_release(&body);
	strbuf_release(&why);
}

static void bench_probe(void)
{
	enum { RUNS = 11 };
	struct fake f;
	double t[RUNS];
	struct strbuf why = STRBUF_INIT;

	if (fake_start(&f, "{\"masters\": [{\"version\": \"1.4.3\"}, {\"version\": \"1.4.3\"},"
			   " {\"version\": \"1.4.3\"}], \"leader\": 1, \"agents\": {\"count\": 10000,"
			   " \"version\": \"1.4.3\", \"upgraded\": 5000, \"upgraded_version\":"
			   " \"1.5.0\"}, \"frameworks\": [{\"name\": \"marathon\", \"checkpoint\":"
			   " true}]}") != 0)
		die("the fake cluster did not start");
	/* one probe first: the fake renders each answer once, then serves it */
	for (int r = -1; r < RUNS; r++) {
		struct probe_opts o = { f.urls, f.nmasters, { 0 } };
		struct probe_result *res = NULL;
		double t0 = now_ms();
		if (cluster_probe(&o, &res, &why) != ST_OK || res->nagents != AGENTS)
			die(strbuf_str(&why));
		if (r >= 0)
			t[r] = now_ms() - t0;
		probe_result_free(&res);
	}
	fake_stop(&f);
	printf("%-46s %9.3f ms   floor 500 ms (p99 %.3f ms)\n",
	       "probe of 3 masters, 10000 agents (loopback)", pct(t, RUNS, 0.5),
	       pct(t, RUNS, 0.99));
	strbuf_release(&why);
}

void bench_mesos(void)
{
	bench_parse();
	bench_probe();
}
