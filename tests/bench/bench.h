/*
 * bench.h - what the benchmark's files share: the clock, percentiles, dying.
 */
#ifndef MU_BENCH_H
#define MU_BENCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "strbuf.h"

extern char **environ;

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Processor time of the calling thread: what a parse costs, whatever else runs. */
static inline double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The @p quantile of the @n values of @v (sorted in place). */
static inline double pct(double *v, size_t n, double p)
{
	size_t i;

	qsort(v, n, sizeof(*v), dbl_cmp);
	i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i];
}

/* What a figure of a program run spends on its samples, once past their least. */
#define BENCH_BUDGET_MS 1500.0

/*
 * Whether to take another sample, having taken @n in @spent ms: up to @max,
 * at least @min, more while under @budget_ms. A figure whose samples take
 * over 3 s each is taken once (its samples counted where it is printed): it
 * is far from any target, and make bench has to end in minutes.
 */
static inline bool bench_more(size_t n, size_t min, size_t max, double spent, double budget_ms)
{
	if (n && spent / (double)n > 3000)
		min = 1;
	return n < max && (n < min || spent < budget_ms);
}

/* A journal and its WAL files gone. */
static inline void rm_db(const char *path)
{
	char p[4096];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static inline void die(const char *what)
{
	fprintf(stderr, "bench: %s\n", what);
	exit(1);
}

/* tests/bench/bench_proc.c: programs run to their end, exec to exit */

/* One run: wall time, processor time (user + system, wait4), peak resident memory
 * (wait4), the bytes it wrote on stdout. */
struct proc_run {
	double ms;
	double cpu_ms;
	double peak_mb;
	size_t out_bytes;
};
/* Figures of repeated runs: medians, and how many runs they are of. */
struct proc_stats {
	double ms, peak_mb, out_mb;
	int runs;
};
/*
 * Run @argv (argv[0] a path) with stdout read to its end (kept in @out when
 * not NULL), stderr in @err when not NULL (else /dev/null); its exit status,
 * or -1 when it died of a signal. Dies when it cannot be run.
 */
int proc_run(char *const argv[], struct proc_run *r, struct strbuf *out, struct strbuf *err);
/* As proc_run(), dying when the program fails. */
void proc_run_ok(char *const argv[], struct proc_run *r);
/*
 * Medians of @min_runs runs or more: more while under @budget_ms in all,
 * up to @max_runs.
 */
void proc_measure(char *const argv[], int min_runs, int max_runs, double budget_ms,
		  struct proc_stats *st);
/*
 * The floor of every process figure: the trivial program @floor_bin, exec to
 * exit (ms), printed with its peak memory (that of the programs started from
 * here is at least this process's own when it starts them: see proc_run()).
 */
double proc_floor_ms(const char *floor_bin);
/*
 * @argv and the floor @floor_bin run in turn, @runs times each (which goes
 * first alternating), so that what else the machine does weighs on both
 * alike: the medians of each one's wall and processor time (ms) in @prog
 * and @floor, and in @prog the medians of the pairs' ratios (the program's
 * time over the floor's beside it: a slow moment of the machine weighs on
 * one pair, not on the median of one side).
 */
struct proc_pair {
	double ms, cpu_ms, peak_mb;
	double ratio, cpu_ratio;
};
void proc_measure_against_floor(char *const argv[], const char *floor_bin, int runs,
				struct proc_pair *prog, struct proc_pair *floor);
/*
 * The bare SQLite commit, the floor of a durable check-off: one row inserted
 * and committed in a journal of its own in @dir (WAL, synchronous FULL).
 */
struct bare {
	char path[2048];
	struct sqlite3 *db;
	struct sqlite3_stmt *st;
};
void bare_open(struct bare *b, const char *dir);
double bare_commit(struct bare *b);  /* ms */
void bare_close(struct bare *b);
/* MESOS_UPGRADE_BENCH_SCALE (1 when unset): the workloads' size; dies when bad. */
double bench_scale_factor(void);
/* A copy of the journal @from at @to (its WAL files first removed). */
void copy_db(const char *from, const char *to);

/*
 * A figure against its target, with "ok" or "MISS" beside it: the time @ms
 * against @bound_ms; @extra (may be NULL) in parentheses after.
 */
void fig_bound(const char *label, double ms, double bound_ms, const char *extra);
/* The time @ms as a ratio to @base_ms (@what: "the floor", ...), against @ratio_bound. */
void fig_ratio(const char *label, double ms, double base_ms, const char *what,
	       double ratio_bound, const char *extra);
/* The time @ms and its @ratio to what @what names, against @ratio_bound. */
void fig_ratio_is(const char *label, double ms, double ratio, const char *what,
		  double ratio_bound, const char *extra);
/* A memory or size figure @mb against @bound_mb (MiB). */
void fig_mem(const char *label, double mb, double bound_mb, const char *extra);

/*
 * A peak @peak_mb against @base_mb, that of a run that loads as much and
 * writes little (@base names it): memory flat in the size of the output
 * (@out_mb) when the difference stays under a tenth of it.
 */
void fig_flat(const char *label, double peak_mb, double base_mb, const char *base, double out_mb);

/* tests/bench/bench_report.c: status and report of journals of @events events */
struct journal;
struct journal *bench_build_journal(const char *path, const struct content *c, long events,
				    bool resolved, int64_t *id);
void bench_status(const char *dir, const struct content *c, long events);
void bench_report(const char *dir, const char *bin, const struct content *c, long events);

/* tests/bench/bench_wizard.c: the plan command 0.11 -> @to (against @bound times the
 * floor @floor_bin, timed in turn with it, when above 0), the wizard on 134 items
 * (against @floor, ms) */
void bench_plan_exec(const char *bin, const char *floor_bin, const char *to, double bound);
void bench_wizard(const char *dir, const char *bin, double floor, const struct content *c);

/*
 * tests/bench/bench_scale.c: issue 17's workloads, each figure against its
 * target. A workload is a session started by the start command, then
 * brought to the middle of its window: every item of the first half of its
 * hops resolved, and of the next hop its notes and the steps before its
 * first per-host one.
 */
struct workload {
	const char *name;              /* "A", "B", "134 items" */
	char journal[2048];            /* as built: copied by the figures that write */
	char id[32];                   /* the session's */
	size_t nitems, events;         /* its items; the events added to it */
	long nagents;
	char note[256];                /* the last note of the first hop not resolved */
	char host_item[256];           /* a host's pending item that nothing keeps from done */
	char host_digest[ITEM_DIGEST_LEN + 1];
	char step[256];                /* the first step done agent by agent, from that hop */
	char done_step[256];           /* the last such step of a finished hop */
	double bound_k;                /* its items over A's: what A's bounds are scaled by */
};
void bench_scale(const char *dir, const char *bin, const char *floor_bin,
		 const struct content *c);
/* tests/bench/bench_scale_wizard.c: the wizard on @w, headless (@floor: a trivial
 * program's exec to exit, ms) */
void bench_scale_wizard(const char *dir, const char *bin, const struct workload *w,
			double floor);

/* tests/bench/bench_mesos.c: parsing /master/slaves, a whole probe, and (with
 * the program @bin, when not NULL) a keypress in the wizard during a probe;
 * journals in @dir */
void bench_mesos(const char *dir, const char *bin);
/* tests/bench/bench_probe_keys.c: that keypress, against the fake cluster's @urls */
void bench_probe_keys(const char *dir, const char *bin, const char *const *urls,
		      size_t nmasters);

#endif
