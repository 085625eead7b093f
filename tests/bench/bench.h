/*
 * bench.h - what the benchmark's files share: the clock, percentiles, dying.
 */
#ifndef MU_BENCH_H
#define MU_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

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

/* tests/bench/bench_mesos.c: parsing /master/slaves, a whole probe, and (with
 * the program @bin, when not NULL) a keypress in the wizard during a probe;
 * journals in @dir */
void bench_mesos(const char *dir, const char *bin);
/* tests/bench/bench_probe_keys.c: that keypress, against the fake cluster's @urls */
void bench_probe_keys(const char *dir, const char *bin, const char *const *urls,
		      size_t nmasters);

#endif
