/*
 * bench_scale.c - issue 17's targets on its workloads, each figure beside
 * its bound (or its ratio to a floor) and "ok" or "MISS":
 *
 *   A: 3 masters and 10,000 agents, 0.11 -> 1.11 (per-host steps one item
 *      per host: some 330,000 items);
 *   B: 50,000 agents, 0.26 -> 0.28;
 *   and a 134-item session (0.11 -> 0.28, no inventory) to compare with.
 *
 * Each is started by the start command, then brought to the middle of its
 * window in one transaction of journal_event_add(): every item of the first
 * half of the hops resolved, and of the next hop its notes and the steps
 * before its first per-host one (so that a host's item can be marked). Each
 * is built once a run, in a child process (the session loaded here would
 * stay in this process's memory, and in the peak of every program it
 * starts after); a figure that writes works on a copy. B's bounds are
 * A's scaled by its items over A's (a ratio bound stays as it is).
 * MESOS_UPGRADE_BENCH_SCALE shrinks the agents (0.1: a tenth).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "content.h"
#include "journal.h"
#include "session.h"

#include "bench.h"

/* What the figures are compared with, besides their bounds (ms) */
static struct {
	double proc;    /* a trivial program linked as mesos-upgrade is, exec to exit */
	double commit;  /* a bare SQLite commit */
	double mark;    /* the two: the least a mark process can take */
} floors;

/* The floors, measured and printed. */
static void measure_floors(const char *dir, const char *floor_bin)
{
	enum { N = 101 };
	double t[N];
	struct bare b;

	floors.proc = proc_floor_ms(floor_bin);
	bare_open(&b, dir);
	for (int i = 0; i < N; i++)
		t[i] = bare_commit(&b);
	bare_close(&b);
	floors.commit = pct(t, N, 0.5);
	floors.mark = floors.proc + floors.commit;
	printf("%-46s %9.3f ms\n", "floor: bare SQLite insert+commit (WAL, FULL)", floors.commit);
	printf("%-46s %9.3f ms   (the two)\n", "floor of a mark process", floors.mark);
}

/* One event of the build: @it resolved (a note acknowledged, a step done). */
static void resolve(struct journal *j, int64_t id, const struct session_item *it, size_t *n)
{
	struct journal_event e = { 0, id, it->id, EVENT_DONE, "bench", "localhost",
				   "2026-01-31T22:00:00Z", "", false, it->digest };

	if (it->step && it->step->nbranches) {
		/* a step with branches is done on one: its first */
		e.action = EVENT_CHOOSE;
		e.text = it->step->branches[0].id;
		if (journal_event_add(j, &e, NULL) != ST_OK)
			die(journal_error(j));
		e.text = "";
		++*n;
	}
	if (it->kind == ITEM_NOTE)
		e.action = EVENT_ACK;
	else
		e.action = EVENT_DONE;
	if (journal_event_add(j, &e, NULL) != ST_OK)
		die(journal_error(j));
	++*n;
}

/* The items @w's figures use, found in its session @s as built. */
static void find_items(struct workload *w, const struct session *s, size_t half)
{
	long blocker;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->hop == half && it->kind == ITEM_NOTE && !it->host)
			snprintf(w->note, sizeof(w->note), "%s", it->id);
		if (!w->host_item[0] && it->host && it->kind == ITEM_STEP && it->hop >= half &&
		    it->state == ITEM_PENDING && session_blocker(s, i, &blocker) == SESSION_BLOCK_NONE) {
			snprintf(w->host_item, sizeof(w->host_item), "%s", it->id);
			snprintf(w->host_digest, sizeof(w->host_digest), "%s", it->digest);
		}
		if (!w->step[0] && it->step && it->hop >= half && it->nhosts >= (size_t)w->nagents &&
		    w->nagents)
			snprintf(w->step, sizeof(w->step), "%s", it->id);
		if (it->step && it->hop < half && it->nhosts >= (size_t)w->nagents && w->nagents)
			snprintf(w->done_step, sizeof(w->done_step), "%s", it->id);
	}
}

/* Bring the session of @w to the middle of its window (see above); what it did, said. */
static void mid_window(struct workload *w, const struct content *c)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct journal *j = NULL;
	struct session *s = NULL;
	int64_t id = strtoll(w->id, NULL, 10);
	double t0 = now_ms();
	size_t half, n = 0;
	char first[64] = "", last[64] = "";
	bool before_hosts = true;

	if (journal_open(w->journal, JOURNAL_WRITE, &j, &dl) != ST_OK ||
	    session_load(j, c, id, &s, &dl) != ST_OK || journal_begin(j) != ST_OK)
		die(dl.count ? dl.items[0].message : journal_error(j));
	half = s->plan.nhops / 2;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		/* the next hop: its notes, and its steps before the first per-host one */
		before_hosts &= !(it->hop == half && it->step && it->nhosts);
		if (it->hop > half || (it->hop == half && it->kind != ITEM_NOTE && !before_hosts))
			continue;
		/* a per-host item's state is its hosts': those are resolved, not it */
		if (it->nhosts)
			continue;
		if (it->hop < half && !first[0])
			snprintf(first, sizeof(first), "%.*s", (int)strcspn(it->id, "/"), it->id);
		if (it->hop < half)
			snprintf(last, sizeof(last), "%.*s", (int)strcspn(it->id, "/"), it->id);
		resolve(j, id, it, &n);
	}
	if (journal_commit(j) != ST_OK)
		die(journal_error(j));
	w->nitems = s->nitems;
	w->events = n;
	session_free(&s);
	if (session_load(j, c, id, &s, &dl) != ST_OK)
		die(diag_first(&dl));
	find_items(w, s, half);
	printf("workload %s: %zu items; %s to %s resolved (%zu of %zu hops), and the next "
	       "hop's notes and steps before its hosts': %zu events in %.1f s\n", w->name,
	       s->nitems, first, last, half, s->plan.nhops, n, (now_ms() - t0) / 1e3);
	session_free(&s);
	journal_close(&j);
}

/* mid_window() in a child process: @w as it found it comes back through a pipe. */
static void mid_window_apart(struct workload *w, const struct content *c)
{
	int fds[2], status;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		die("cannot fork");
	if (!pid) {
		close(fds[0]);
		mid_window(w, c);
		fflush(stdout);
		_exit(write(fds[1], w, sizeof(*w)) == (ssize_t)sizeof(*w) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], w, sizeof(*w)) != (ssize_t)sizeof(*w) || waitpid(pid, &status, 0) < 0 ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("the workload was not built");
	close(fds[0]);
	if (!w->note[0] || (w->nagents && !w->host_item[0]))
		die("the workload has no note, or no host's item, to mark");
}

/* The inventory of @agents agents and 3 masters, in @path. */
static void write_inventory(const char *path, long agents)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("cannot write the inventory");
	fputs("masters: [m1, m2, m3]\nleader: m1\nagents:\n", f);
	for (long i = 1; i <= agents; i++)
		fprintf(f, "  - agent-%05ld\n", i);
	if (fclose(f) != 0)
		die("cannot write the inventory");
}

/* Workload @w: started by the start command (timed), then mid_window(). */
static void workload_build(const char *dir, const char *bin, const struct content *c,
			   struct workload *w, const char *from, const char *to)
{
	char inv[2048], binary[2048], f[16], t[16], label[64], extra[64];
	static char opt_j[] = "--journal", opt_o[] = "--operator", bench[] = "bench",
		    start[] = "start", opt_f[] = "--from", opt_t[] = "--to", opt_i[] = "--inventory";
	char *argv[] = { binary, opt_j, w->journal, opt_o, bench, start, opt_f, f, opt_t, t,
			 w->nagents ? opt_i : NULL, inv, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct proc_run r;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(f, sizeof(f), "%s", from);
	snprintf(t, sizeof(t), "%s", to);
	snprintf(inv, sizeof(inv), "%s/bench-%c.yaml", dir, w->name[0]);
	snprintf(w->journal, sizeof(w->journal), "%s/bench-%c.db", dir, w->name[0]);
	if (w->nagents)
		write_inventory(inv, w->nagents);
	rm_db(w->journal);
	if (proc_run(argv, &r, &out, &err) != 0) {
		fprintf(stderr, "bench: start of workload %s failed: %s", w->name, strbuf_str(&err));
		exit(1);
	}
	snprintf(w->id, sizeof(w->id), "%lld", strtoll(strbuf_str(&out), NULL, 10));
	snprintf(label, sizeof(label), "start %s->%s, %ld agents (%s)", from, to, w->nagents,
		 w->name);
	snprintf(extra, sizeof(extra), "peak %.1f MiB", r.peak_mb);
	printf("%-46s %9.3f ms   (%s)\n", label, r.ms, extra);
	mid_window_apart(w, c);
	if (w->nagents)
		unlink(inv);
	strbuf_release(&out);
	strbuf_release(&err);
}

/*
 * The mark command on @item of @w, alternately @first and @second (so that
 * each run records), on a copy of its journal (bench-mark-W.db in @dir).
 */
struct mark_cmd {
	char path[2048], binary[2048], id[32], it[256], act[16];
	const char *first, *second;
	char *argv[10];
	int n;                   /* runs so far */
};

static void mark_setup(struct mark_cmd *m, const char *dir, const char *bin,
		       const struct workload *w, const char *item, const char *first,
		       const char *second)
{
	static char opt_j[] = "--journal", opt_o[] = "--operator", bench[] = "bench",
		    mark[] = "mark";
	char *argv[] = { m->binary, opt_j, m->path, opt_o, bench, mark, m->id, m->it, m->act,
			 NULL };

	snprintf(m->binary, sizeof(m->binary), "%s", bin);
	snprintf(m->path, sizeof(m->path), "%s/bench-mark-%c.db", dir, w->name[0]);
	snprintf(m->id, sizeof(m->id), "%s", w->id);
	snprintf(m->it, sizeof(m->it), "%s", item);
	m->first = first;
	m->second = second;
	m->n = 0;
	memcpy(m->argv, argv, sizeof(argv));
	copy_db(w->journal, m->path);
}

/* One run of @m, exec to exit. */
static void mark_once(struct mark_cmd *m, struct proc_run *r)
{
	snprintf(m->act, sizeof(m->act), "%s", m->n++ % 2 ? m->second : m->first);
	proc_run_ok(m->argv, r);
}

/*
 * @item of @w marked as mark_cmd says: the median, exec to exit, and the
 * peak; samples as bench_more() says, their number in *@runs.
 */
static double mark_ms(const char *dir, const char *bin, const struct workload *w,
		      const char *item, const char *first, const char *second, double *peak,
		      int *runs)
{
	struct mark_cmd m;
	double t[16], spent = 0;

	mark_setup(&m, dir, bin, w, item, first, second);
	*peak = 0;
	while (bench_more((size_t)m.n, 4, 16, spent, BENCH_BUDGET_MS)) {
		struct proc_run r;
		mark_once(&m, &r);
		t[m.n - 1] = r.ms;
		spent += r.ms;
		*peak = r.peak_mb > *peak ? r.peak_mb : *peak;
	}
	rm_db(m.path);
	*runs = m.n;
	return pct(t, (size_t)m.n, 0.5);
}

/*
 * @item of @w marked in turn with a note of @small (which goes first
 * alternating), each on its own copy: the median of @w's times, and in
 * *@ratio the median of the pairs' ratios, @w's time over @small's beside
 * it. A mark's time is mostly its fdatasync, which a virtual disk makes
 * vary by a factor of two from one minute to the next: measured apart, the
 * two medians compared moments, not the two marks.
 */
static double mark_paired(const char *dir, const char *bin, const struct workload *w,
			  const char *item, const char *first, const char *second,
			  const struct workload *small, double *ratio, double *peak, int *runs)
{
	struct mark_cmd m[2];
	double t[32], pair[32], spent = 0;
	size_t n = 0;

	mark_setup(&m[0], dir, bin, w, item, first, second);
	mark_setup(&m[1], dir, bin, small, small->note, "undo", "done");
	*peak = 0;
	while (bench_more(n, 8, 32, spent, 2 * BENCH_BUDGET_MS)) {
		struct proc_run r[2];
		for (size_t k = 0; k < 2; k++)
			mark_once(&m[(n + k) % 2], &r[(n + k) % 2]);
		t[n] = r[0].ms;
		pair[n++] = r[0].ms / r[1].ms;
		spent += r[0].ms + r[1].ms;
		*peak = r[0].peak_mb > *peak ? r[0].peak_mb : *peak;
	}
	rm_db(m[0].path);
	rm_db(m[1].path);
	*runs = (int)n;
	*ratio = pct(pair, n, 0.5);
	return pct(t, n, 0.5);
}

/* Target 1: a check-off as a mark process on @w, against the same on @small, in pairs. */
static void fig_mark(const char *dir, const char *bin, const struct workload *w,
		     const struct workload *small)
{
	char label[64], extra[96];
	double peak, ms, ratio;
	int runs;

	/* the note is acknowledged as built: undone, then acknowledged again */
	ms = mark_paired(dir, bin, w, w->note, "undo", "done", small, &ratio, &peak, &runs);
	snprintf(label, sizeof(label), "mark a note, %s (process)", w->name);
	snprintf(extra, sizeof(extra), "%.1fx the floor; peak %.1f MiB; pairs: %d", ms / floors.mark,
		 peak, runs);
	fig_ratio_is(label, ms, ratio, "134 items' beside it", 1.3, extra);
	if (!w->host_item[0])
		return;
	ms = mark_paired(dir, bin, w, w->host_item, "done", "undo", small, &ratio, &peak, &runs);
	snprintf(label, sizeof(label), "mark a host's item, %s (process)", w->name);
	snprintf(extra, sizeof(extra), "%.1fx the floor; peak %.1f MiB; pairs: %d", ms / floors.mark,
		 peak, runs);
	fig_ratio_is(label, ms, ratio, "134 items' beside it", 1.3, extra);
}

/* Target 4: status as text and as JSON on @w (process), and JSON's memory. */
static void fig_status(const char *bin, const struct workload *w, const struct workload *small)
{
	char binary[2048], path[2048], id[32], label[64], extra[96];
	static char opt_j[] = "--journal", status[] = "status", opt_f[] = "--format",
		    json[] = "json";
	char *argv[] = { binary, opt_j, path, status, id, opt_f, json, NULL };
	struct proc_stats text, js, js_small;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(path, sizeof(path), "%s", small->journal);
	snprintf(id, sizeof(id), "%s", small->id);
	proc_measure(argv, 5, 15, BENCH_BUDGET_MS, &js_small);
	snprintf(path, sizeof(path), "%s", w->journal);
	snprintf(id, sizeof(id), "%s", w->id);
	proc_measure(argv, 3, 9, BENCH_BUDGET_MS, &js);
	argv[5] = NULL;
	proc_measure(argv, 3, 15, BENCH_BUDGET_MS, &text);
	snprintf(label, sizeof(label), "status, text, %s (process)", w->name);
	snprintf(extra, sizeof(extra), "%.1fx the floor; %.2f MiB out, peak %.1f MiB; runs: %d",
		 text.ms / floors.proc, text.out_mb, text.peak_mb, text.runs);
	fig_bound(label, text.ms, 50 * w->bound_k, extra);
	snprintf(label, sizeof(label), "status --format json, %s (process)", w->name);
	snprintf(extra, sizeof(extra), "%.1fx the floor; %.1f MiB out; runs: %d",
		 js.ms / floors.proc, js.out_mb, js.runs);
	fig_bound(label, js.ms, 1000 * w->bound_k, extra);
	fig_flat("  its peak memory", js.peak_mb, text.peak_mb, "text's", js.out_mb);
	printf("%-46s %9.3f ms   (%.2f MiB out, peak %.1f MiB)\n",
	       "  the same on 134 items", js_small.ms, js_small.out_mb, js_small.peak_mb);
}

/* Target 7: "complete items" on @w, when the program has the command. */
static void fig_complete(const char *bin, const struct workload *w)
{
	char binary[2048], path[2048], id[32], prefix[300], label[64], extra[400];
	static char opt_j[] = "--journal", complete[] = "complete", items[] = "items";
	char *argv[] = { binary, opt_j, path, complete, items, id, prefix, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct proc_stats st;
	struct proc_run r;
	size_t lines = 0;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(path, sizeof(path), "%s", w->journal);
	snprintf(id, sizeof(id), "%s", w->id);
	/* a host's items of one step: as many candidates as agents */
	snprintf(prefix, sizeof(prefix), "%s@agent-0", w->step[0] ? w->step : w->note);
	snprintf(label, sizeof(label), "complete items, %s (process)", w->name);
	if (proc_run(argv, &r, &out, &err) != 0) {
		if (!strstr(strbuf_str(&err), "unknown command")) {
			fprintf(stderr, "bench: complete items failed: %s", strbuf_str(&err));
			exit(1);
		}
		printf("%-46s %12s   n/a (no complete command)\n", label, "");
	} else {
		for (size_t i = 0; i < out.len; i++)
			lines += out.buf[i] == '\n';
		proc_measure(argv, 5, 21, BENCH_BUDGET_MS, &st);
		snprintf(extra, sizeof(extra), "%.1fx the floor; '%s': %zu ids", st.ms / floors.proc,
			 prefix, lines);
		fig_bound(label, st.ms, 100 * w->bound_k, extra);
	}
	strbuf_release(&out);
	strbuf_release(&err);
}

/* Target 5, and 8 for B: the report command of each format on @w's session. */
static void fig_report(const char *bin, const struct workload *w)
{
	static const char *const formats[] = { "md", "html", "json", "text" };
	char binary[2048], path[2048], id[32], fmt[16], label[64], extra[96];
	static char opt_j[] = "--journal", report[] = "report", opt_f[] = "--format";
	char *argv[] = { binary, opt_j, path, report, id, opt_f, fmt, NULL };
	struct proc_stats st;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(path, sizeof(path), "%.*s", (int)sizeof(path) - 1, w->journal);
	snprintf(id, sizeof(id), "%.*s", (int)sizeof(id) - 1, w->id);
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		snprintf(fmt, sizeof(fmt), "%s", formats[f]);
		proc_measure(argv, 3, 9, BENCH_BUDGET_MS, &st);
		snprintf(label, sizeof(label), "report --format %s, %s (process)", fmt, w->name);
		snprintf(extra, sizeof(extra), "%.1f MiB out, peak %.1f MiB; runs: %d", st.out_mb,
			 st.peak_mb, st.runs);
		fig_bound(label, st.ms, 150.0 * (double)w->events / 1e5, extra);
	}
}

void bench_scale(const char *dir, const char *bin, const char *floor_bin,
		 const struct content *c)
{
	double scale = bench_scale_factor(), small_ms, peak;
	int runs;
	struct workload small = { .name = "134 items" };
	struct workload a = { .name = "A", .nagents = (long)(10000 * scale + 0.5) };
	struct workload b = { .name = "B", .nagents = (long)(50000 * scale + 0.5) };
	struct workload *each[] = { &a, &b };

	printf("-- issue 17: workloads A (3 masters, %ld agents, 0.11->1.11) and B (%ld agents, "
	       "0.26->0.28)\n", a.nagents, b.nagents);
	if (scale != 1)
		printf("   (scale %g: the bounds are still the full workloads': ok and MISS only "
		       "indicate)\n", scale);
	measure_floors(dir, floor_bin);
	bench_plan_exec(bin, floor_bin, "1.11", 1.3);
	workload_build(dir, bin, c, &small, "0.11", "0.28");
	small_ms = mark_ms(dir, bin, &small, small.note, "undo", "done", &peak, &runs);
	printf("%-46s %9.3f ms   (%.1fx the floor; peak %.1f MiB)\n",
	       "mark a note, 134 items (process)", small_ms, small_ms / floors.mark, peak);
	workload_build(dir, bin, c, &a, "0.11", "1.11");
	workload_build(dir, bin, c, &b, "0.26", "0.28");
	a.bound_k = 1;
	b.bound_k = (double)b.nitems / (double)a.nitems;
	for (size_t k = 0; k < sizeof(each) / sizeof(*each); k++) {
		struct workload *w = each[k];
		printf("-- workload %s: %zu items, %zu events%s\n", w->name, w->nitems, w->events,
		       k ? "; A's bounds scaled by its items over A's (a report's: 150 ms per 1e5 "
		       "events)" : "");
		fig_mark(dir, bin, w, &small);
		fig_status(bin, w, &small);
		fig_complete(bin, w);
		if (w == &b) /* target 8; target 5 is the report group's */
			fig_report(bin, w);
		bench_scale_wizard(dir, bin, w, floors.proc);
	}
	rm_db(small.journal);
	rm_db(a.journal);
	rm_db(b.journal);
}
