/*
 * bench_proc.c - programs run to their end, as an operator runs them: exec
 * to exit with posix_spawn, stdout read to its end through a pipe (as
 * "| wc -c" would), peak resident memory from wait4; the floors figures are
 * compared with (a trivial program, a bare SQLite commit); the figures
 * printed against their targets.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <spawn.h>
#include <stdbool.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "bench.h"

/* Read what is there on @fd (its end: false) into @keep when not NULL, counted in @n. */
static bool drain(int fd, struct strbuf *keep, size_t *n)
{
	static char buf[1 << 16];
	ssize_t got = read(fd, buf, sizeof(buf));

	if (got < 0 && errno == EINTR)
		return true;
	if (got <= 0)
		return false;
	*n += (size_t)got;
	if (keep)
		strbuf_add(keep, buf, (size_t)got);
	return true;
}

/*
 * A program started from here peaks, for wait4, at least at this process's
 * resident memory when it starts it (the kernel keeps the higher of the two
 * across exec): give back what is free, and start the high-water mark again
 * from here (Linux's clear_refs), so that its peak is its own unless this
 * process is larger. The floor's peak shows what is left.
 */
static void shrink(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);

	malloc_trim(0);
	if (fd >= 0) {
		if (write(fd, "5", 1) != 1)
			fputs("bench: cannot reset the peak memory: programs' peaks may be "
			      "this process's\n", stderr);
		close(fd);
	}
}

int proc_run(char *const argv[], struct proc_run *r, struct strbuf *out, struct strbuf *err)
{
	posix_spawn_file_actions_t fa;
	int po[2], pe[2] = { -1, -1 }, status;
	size_t nerr = 0;
	struct rusage ru;
	double t0;
	pid_t pid;

	if (pipe(po) != 0 || (err && pipe(pe) != 0))
		die("pipe");
	shrink();
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	if (err)
		posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	else
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	if (err)
		posix_spawn_file_actions_addclose(&fa, pe[0]);
	t0 = now_ms();
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0)
		die("cannot run the program");
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	if (err)
		close(pe[1]);
	r->out_bytes = 0;
	{
		struct pollfd p[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
		nfds_t n = err ? 2 : 1;
		while (p[0].fd >= 0 || (n > 1 && p[1].fd >= 0)) {
			if (poll(p, n, -1) < 0 && errno != EINTR)
				die("poll");
			if (p[0].revents && !drain(po[0], out, &r->out_bytes))
				p[0].fd = -1;
			if (n > 1 && p[1].revents && !drain(pe[0], err, &nerr))
				p[1].fd = -1;
		}
	}
	close(po[0]);
	if (err)
		close(pe[0]);
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait4");
	r->ms = now_ms() - t0;
	r->cpu_ms = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	r->peak_mb = (double)ru.ru_maxrss / 1024.0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void proc_run_ok(char *const argv[], struct proc_run *r)
{
	struct strbuf err = STRBUF_INIT;

	if (proc_run(argv, r, NULL, &err) != 0) {
		fprintf(stderr, "bench: %s failed: %s", argv[0], strbuf_str(&err));
		exit(1);
	}
	strbuf_release(&err);
}

void proc_measure(char *const argv[], int min_runs, int max_runs, double budget_ms,
		  struct proc_stats *st)
{
	double t[64], peak[64], out[64], spent = 0;
	int n = 0;

	if (max_runs > 64)
		max_runs = 64;
	while (bench_more((size_t)n, (size_t)min_runs, (size_t)max_runs, spent, budget_ms)) {
		struct proc_run r;
		proc_run_ok(argv, &r);
		t[n] = r.ms;
		peak[n] = r.peak_mb;
		out[n++] = (double)r.out_bytes / (1024.0 * 1024.0);
		spent += r.ms;
	}
	st->runs = n;
	st->ms = pct(t, (size_t)n, 0.5);
	st->peak_mb = pct(peak, (size_t)n, 0.5);
	st->out_mb = pct(out, (size_t)n, 0.5);
}

double proc_floor_ms(const char *floor_bin)
{
	char path[2048];
	char *argv[] = { path, NULL };
	struct proc_stats st;

	snprintf(path, sizeof(path), "%s", floor_bin);
	proc_measure(argv, 31, 31, 0, &st);
	printf("%-46s %9.3f ms   (peak %.1f MiB)\n", "floor: a trivial program, mesos-upgrade's libs",
	       st.ms, st.peak_mb);
	return st.ms;
}

void proc_measure_against_floor(char *const argv[], const char *floor_bin, int runs,
				struct proc_pair *prog, struct proc_pair *floor)
{
	char path[2048];
	char *fargv[] = { path, NULL };
	size_t n = runs > 0 ? (size_t)runs : 1;
	double *t = calloc(8 * n, sizeof(*t)); /* wall, processor, peak of each; the pairs' ratios */
	double *cpu = t + 2 * n, *peak = t + 4 * n, *ratio = t + 6 * n, *cpu_ratio = t + 7 * n;

	if (!t)
		die("out of memory");
	snprintf(path, sizeof(path), "%s", floor_bin);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < 2; k++) {
			/* 0: the program, 1: the floor; the first of the two alternates */
			size_t which = (i + k) % 2;
			struct proc_run r;
			proc_run_ok(which ? fargv : argv, &r);
			t[which * n + i] = r.ms;
			cpu[which * n + i] = r.cpu_ms;
			peak[which * n + i] = r.peak_mb;
		}
		ratio[i] = t[i] / t[n + i];
		cpu_ratio[i] = cpu[n + i] > 0 ? cpu[i] / cpu[n + i] : 0;
	}
	*prog = (struct proc_pair){ pct(t, n, 0.5), pct(cpu, n, 0.5), pct(peak, n, 0.5),
				    pct(ratio, n, 0.5), pct(cpu_ratio, n, 0.5) };
	*floor = (struct proc_pair){ pct(t + n, n, 0.5), pct(cpu + n, n, 0.5), pct(peak + n, n, 0.5),
				     1, 1 };
	free(t);
}

void bare_open(struct bare *b, const char *dir)
{
	snprintf(b->path, sizeof(b->path), "%s/bench-bare.db", dir);
	rm_db(b->path);
	if (sqlite3_open(b->path, &b->db) != SQLITE_OK ||
	    sqlite3_exec(b->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "CREATE TABLE t (id INTEGER PRIMARY KEY, item TEXT, operator TEXT, time TEXT)",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->db, "INSERT INTO t (item, operator, time) VALUES (?, ?, ?)", -1,
			       &b->st, NULL) != SQLITE_OK)
		die("the bare SQLite journal does not open");
}

double bare_commit(struct bare *b)
{
	double t0 = now_ms();

	sqlite3_exec(b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_bind_text(b->st, 1, "0.11-0.12/executor-info-source", -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 2, "bench", -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 3, "2026-01-31T22:00:00Z", -1, SQLITE_STATIC);
	if (sqlite3_step(b->st) != SQLITE_DONE)
		die("bare insert");
	sqlite3_reset(b->st);
	if (sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die("bare commit");
	return now_ms() - t0;
}

void bare_close(struct bare *b)
{
	sqlite3_finalize(b->st);
	sqlite3_close(b->db);
	rm_db(b->path);
}

double bench_scale_factor(void)
{
	const char *v = getenv("MESOS_UPGRADE_BENCH_SCALE");
	char *end;
	double s;

	if (!v || !*v)
		return 1;
	errno = 0;
	s = strtod(v, &end);
	if (errno || *end || !(s > 0) || s > 10) {
		fprintf(stderr, "bench: MESOS_UPGRADE_BENCH_SCALE=%s: give a number above 0, at "
			"most 10 (0.1: a tenth of the agents and events)\n", v);
		exit(2);
	}
	return s;
}

void copy_db(const char *from, const char *to)
{
	static char buf[1 << 16];
	int in, out;
	ssize_t n;

	rm_db(to);
	if ((in = open(from, O_RDONLY)) < 0 || (out = open(to, O_WRONLY | O_CREAT | O_TRUNC,
							  0600)) < 0)
		die("cannot copy the journal");
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			die("cannot copy the journal");
	if (n < 0 || close(out) != 0)
		die("cannot copy the journal");
	close(in);
}

/* "ok" or "MISS", then what it is held to, then @extra */
static void verdict(bool ok, const char *bound, const char *extra)
{
	printf("  %-4s  %s%s%s%s\n", ok ? "ok" : "MISS", bound, extra ? " (" : "",
	       extra ? extra : "", extra ? ")" : "");
}

void fig_bound(const char *label, double ms, double bound_ms, const char *extra)
{
	char b[64];

	snprintf(b, sizeof(b), "bound %.*f ms", bound_ms < 10 ? 1 : 0, bound_ms);
	printf("%-46s %9.3f ms", label, ms);
	verdict(ms <= bound_ms, b, extra);
}

void fig_ratio(const char *label, double ms, double base_ms, const char *what,
	       double ratio_bound, const char *extra)
{
	fig_ratio_is(label, ms, ms / base_ms, what, ratio_bound, extra);
}

void fig_ratio_is(const char *label, double ms, double ratio, const char *what,
		  double ratio_bound, const char *extra)
{
	char b[128];

	snprintf(b, sizeof(b), "%.2fx %s, bound %.2fx", ratio, what, ratio_bound);
	printf("%-46s %9.3f ms", label, ms);
	verdict(ratio <= ratio_bound, b, extra);
}

void fig_mem(const char *label, double mb, double bound_mb, const char *extra)
{
	char b[64];

	snprintf(b, sizeof(b), "bound %.0f MiB", bound_mb);
	printf("%-46s %9.1f MiB", label, mb);
	verdict(mb <= bound_mb, b, extra);
}

void fig_flat(const char *label, double peak_mb, double base_mb, const char *base, double out_mb)
{
	char b[160];

	snprintf(b, sizeof(b), "%+.1f MiB on %s %.1f, for %.1f MiB out; bound %+.1f", peak_mb - base_mb,
		 base, base_mb, out_mb, out_mb / 10);
	printf("%-46s %9.1f MiB", label, peak_mb);
	verdict(peak_mb - base_mb <= out_mb / 10, b, NULL);
}
