/*
 * bench.c - the figures "make bench" prints. Never a pass/fail test: a
 * figure held to a target of issue 17 says "ok" or "MISS" beside it, and the
 * benchmark goes on either way.
 *
 *   bench build/bench BINARY [GROUPS]
 *
 * Each figure is the median (and p99 where it matters) of repeated runs,
 * measured in this process with CLOCK_MONOTONIC, or of the program BINARY
 * run to its end (bench_proc.c). Journals are written in the directory given
 * as argv[1] (the build directory), so the durable check-off and the bare
 * SQLite commit it is compared with hit the same disk; the floor program
 * (floor.c) is built there too. The groups: journal (here), wizard
 * (bench_wizard.c), report and status (bench_report.c), scale (issue 17's
 * workloads: bench_scale.c, bench_scale_wizard.c), mesos (bench_mesos.c,
 * bench_probe_keys.c). MESOS_UPGRADE_BENCH_SCALE=0.1 shrinks the workloads
 * (agents and events) for a quick run.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "content.h"
#include "journal.h"
#include "plan.h"
#include "render.h"
#include "session.h"

#include "bench.h"

/* ---- content and plan -------------------------------------------------- */

static void bench_content(void)
{
	double t[200];
	size_t n = 200;

	for (size_t i = 0; i < n; i++) {
		struct content *c = NULL;
		struct diag_list dl;
		struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
		struct plan p;
		double t0 = now_ms();
		diag_list_init(&dl);
		if (content_load_builtin(&c, &dl) != ST_OK)
			die("content does not load");
		if (plan_build(c, "0.11", "0.28", &p, &why) != ST_OK)
			die("plan");
		render_plan(&out, &p, FMT_JSON);
		t[i] = now_ms() - t0;
		strbuf_release(&out);
		strbuf_release(&why);
		content_free(&c);
		diag_list_release(&dl);
	}
	printf("%-46s %9.3f ms   (p99 %.3f ms)\n", "content load + plan 0.11->0.28 as JSON", pct(t, n, 0.5),
	       pct(t, n, 0.99));
}

/* ---- durable check-off vs a bare commit -------------------------------- */

/*
 * Both measured in one loop, one bare commit then one check-off, so that
 * whatever else the machine does falls on both alike.
 */
static void bench_commit(const char *dir, const struct content *c)
{
	enum { N = 1000 };
	char mark_path[2048];
	static double bare[N], mark[N];
	struct journal *j = NULL;
	struct strbuf account = STRBUF_INIT; /* what a check-off says it recorded */
	struct session_actor who = { "bench", "localhost" };
	struct bare b;
	struct diag_list dl = { 0 }; /* session_start()'s failure: nothing allocated without one */
	int64_t id;

	snprintf(mark_path, sizeof(mark_path), "%s/bench-mark.db", dir);
	rm_db(mark_path);
	bare_open(&b, dir);
	if (journal_open(mark_path, JOURNAL_WRITE, &j, &dl) != ST_OK ||
	    session_start(j, c, "0.11", "0.28", "bench", NULL, &who, &id, &dl) != ST_OK)
		die(diag_first(&dl));
	{
		/* a session in progress: every item has events */
		struct session *s = NULL;
		if (session_load(j, c, id, &s, &dl) != ST_OK || journal_begin(j) != ST_OK)
			die(dl.count ? dl.items[0].message : journal_error(j));
		for (size_t i = 0; i < s->nitems; i++) {
			struct journal_event e = { 0, id, s->items[i].id, EVENT_NOTE, "bench", "localhost",
						   "2026-01-31T22:00:00Z", "in progress", false,
						   s->items[i].digest };
			if (journal_event_add(j, &e, NULL) != ST_OK)
				die(journal_error(j));
		}
		if (journal_commit(j) != ST_OK)
			die(journal_error(j));
		session_free(&s);
	}
	for (size_t i = 0; i < N; i++) {
		/* a check-off and its undo, alternately: each a full rule check and commit */
		struct mark_request req = { id, "0.11-0.12/executor-info-source",
					    i % 2 ? MARK_UNDO : MARK_DONE, NULL, NULL, false, NULL };
		double t0;
		bare[i] = bare_commit(&b);
		t0 = now_ms();
		strbuf_reset(&account);
		if (session_mark(j, c, &req, &who, NULL, &account, &dl) != ST_OK)
			die(diag_first(&dl));
		mark[i] = now_ms() - t0;
	}
	bare_close(&b);
	journal_close(&j);
	rm_db(mark_path);
	strbuf_release(&account);
	{
		double bm = pct(bare, N, 0.5), bp = pct(bare, N, 0.99);
		double mm = pct(mark, N, 0.5), mp = pct(mark, N, 0.99);
		printf("%-46s %9.3f ms   (p99 %.3f ms)\n", "bare SQLite insert+commit (WAL, sync FULL)",
		       bm, bp);
		printf("%-46s %9.3f ms   (p99 %.3f ms)  %.2fx the bare commit\n",
		       "durable check-off, 134-item session", mm, mp, mm / bm);
	}
}

static const char *const groups[] = { "journal", "wizard", "report", "mesos", "status", "scale" };

/*
 * Whether the group @name is to be run: all when @only is empty, else those
 * it names ("make bench ONLY=mesos", "ONLY='scale report'").
 */
static bool want(const char *only, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = only; p && *p; p += strcspn(p, ", "), p += strspn(p, ", "))
		if (strcspn(p, ", ") == n && !strncmp(p, name, n))
			return true;
	return !only || !*only;
}

/* Every word of @only a group's name; else say which are and exit. */
static void check_only(const char *only)
{
	for (const char *p = only; p && *(p += strspn(p, ", ")); p += strcspn(p, ", ")) {
		size_t n = strcspn(p, ", "), g = 0;
		while (g < sizeof(groups) / sizeof(*groups) &&
		       (strlen(groups[g]) != n || strncmp(p, groups[g], n)))
			g++;
		if (g == sizeof(groups) / sizeof(*groups)) {
			fprintf(stderr, "bench: ONLY=%s: no group '%.*s'; the groups: journal, wizard, "
				"report, mesos, status, scale\n", only, (int)n, p);
			exit(2);
		}
	}
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".", *only = argc > 3 ? argv[3] : NULL;
	const char *bin = argc > 2 && *argv[2] ? argv[2] : NULL;
	static const long sizes[] = { 1000, 100000 };
	double scale = bench_scale_factor(), start = now_ms();
	struct content *c = NULL;
	char floor_bin[2048];
	struct diag_list dl;

	check_only(only);
	setvbuf(stdout, NULL, _IOLBF, 0); /* each figure as it comes, even into a pipe */
	snprintf(floor_bin, sizeof(floor_bin), "%s/bench-floor", dir);
	diag_list_init(&dl);
	if (content_load_builtin(&c, &dl) != ST_OK)
		die("content does not load");
	printf("mesos-upgrade benchmark (medians; journals in %s; scale %g)\n\n", dir, scale);
	if (want(only, "journal")) {
		bench_content();
		bench_commit(dir, c);
	}
	if (bin && want(only, "wizard")) {
		double floor = proc_floor_ms(floor_bin);
		bench_plan_exec(bin, floor_bin, "0.28", 0);
		bench_wizard(dir, bin, floor, c);
	}
	if (want(only, "report"))
		bench_report(dir, bin, c, (long)(1e5 * scale));
	/* before the groups that grow this process (the status of 1e6 events): see proc_run() */
	if (bin && want(only, "scale"))
		bench_scale(dir, bin, floor_bin, c);
	if (want(only, "mesos"))
		bench_mesos(dir, bin);
	for (size_t i = 0; want(only, "status") && i < sizeof(sizes) / sizeof(*sizes); i++)
		bench_status(dir, c, (long)((double)sizes[i] * scale));
	{
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("%-46s %9.1f MB\n", "peak memory of this benchmark process",
		       (double)ru.ru_maxrss / 1024.0);
		printf("%-46s %9.1f s\n", "this benchmark, start to end", (now_ms() - start) / 1e3);
	}
	content_free(&c);
	diag_list_release(&dl);
	return 0;
}
