/*
 * bench.c - the figures "make bench" prints. Never a pass/fail test.
 *
 * Each figure is the median (and p99 where it matters) of repeated runs,
 * measured in this process with CLOCK_MONOTONIC. Journals are written in
 * the directory given as argv[1] (the build directory), so the durable
 * check-off and the bare SQLite commit it is compared with hit the same disk.
 */
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include "clock.h"
#include "content.h"
#include "inventory.h"
#include "journal.h"
#include "plan.h"
#include "render.h"
#include "report.h"
#include "session.h"
#include "status_view.h"

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
	char bare_path[2048], mark_path[2048];
	static double bare[N], mark[N];
	struct journal *j = NULL;
	struct strbuf err = STRBUF_INIT;
	struct session_actor who = { "bench", "localhost" };
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t id;

	snprintf(bare_path, sizeof(bare_path), "%s/bench-bare.db", dir);
	snprintf(mark_path, sizeof(mark_path), "%s/bench-mark.db", dir);
	rm_db(bare_path);
	rm_db(mark_path);
	if (sqlite3_open(bare_path, &db) != SQLITE_OK)
		die("bare open");
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "CREATE TABLE t (id INTEGER PRIMARY KEY, item TEXT, operator TEXT, time TEXT)",
		     NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO t (item, operator, time) VALUES (?, ?, ?)", -1, &st,
			   NULL);
	if (journal_open(mark_path, JOURNAL_WRITE, &j, &err) != ST_OK ||
	    session_start(j, c, "0.11", "0.28", "bench", NULL, &who, &id, NULL, &err) != ST_OK)
		die(strbuf_str(&err));
	{
		/* a session in progress: every item has events */
		struct session *s = NULL;
		if (session_load(j, c, id, &s, &err) != ST_OK || journal_begin(j) != ST_OK)
			die(strbuf_str(&err));
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
		double t0 = now_ms();
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_text(st, 1, "0.11-0.12/executor-info-source", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "bench", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, "2026-01-31T22:00:00Z", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("bare insert");
		sqlite3_reset(st);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			die("bare commit");
		bare[i] = now_ms() - t0;
		t0 = now_ms();
		strbuf_reset(&err);
		if (session_mark(j, c, &req, &who, NULL, &err) != ST_OK)
			die(strbuf_str(&err));
		mark[i] = now_ms() - t0;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	journal_close(&j);
	rm_db(bare_path);
	rm_db(mark_path);
	strbuf_release(&err);
	{
		double bm = pct(bare, N, 0.5), bp = pct(bare, N, 0.99);
		double mm = pct(mark, N, 0.5), mp = pct(mark, N, 0.99);
		printf("%-46s %9.3f ms   (p99 %.3f ms)\n", "bare SQLite insert+commit (WAL, sync FULL)",
		       bm, bp);
		printf("%-46s %9.3f ms   (p99 %.3f ms)  %.2fx the bare commit\n",
		       "durable check-off, 134-item session", mm, mp, mm / bm);
	}
}

/* ---- status at scale --------------------------------------------------- */

/*
 * A journal at @path with one 0.11 -> 0.28 session of @events events spread
 * over every item: notes and done/undo pairs (@resolved: each item's last
 * state event a done, so the session reads as worked through).
 */
static struct journal *build_journal(const char *path, const struct content *c, long events,
				     bool resolved, int64_t *id)
{
	struct journal *j = NULL;
	struct strbuf err = STRBUF_INIT;
	struct session_actor who = { "bench", "localhost" };
	struct session *s = NULL;

	rm_db(path);
	if (journal_open(path, JOURNAL_WRITE, &j, &err) != ST_OK ||
	    session_start(j, c, "0.11", "0.28", "bench", NULL, &who, id, NULL, &err) != ST_OK ||
	    session_load(j, c, *id, &s, &err) != ST_OK)
		die(strbuf_str(&err));
	journal_begin(j);
	for (long k = 0; k < events; k++) {
		const struct session_item *it = &s->items[(size_t)k % s->nitems];
		static const enum event_action acts[] = { EVENT_NOTE, EVENT_DONE, EVENT_UNDO };
		enum event_action act = resolved ? (k % 2 ? EVENT_NOTE : EVENT_DONE) : acts[k % 3];
		struct journal_event e = { 0, *id, it->id, act, "bench", "localhost",
					   "2026-01-31T22:00:00Z", "a note", false, it->digest };
		if (it->kind == ITEM_NOTE && act == EVENT_DONE)
			e.action = EVENT_ACK;
		if (journal_event_add(j, &e, NULL) != ST_OK)
			die(journal_error(j));
	}
	if (journal_commit(j) != ST_OK)
		die(journal_error(j));
	session_free(&s);
	strbuf_release(&err);
	return j;
}

static void bench_status(const char *dir, const struct content *c, long events)
{
	char path[2048], label[64];
	struct strbuf err = STRBUF_INIT;
	struct session *s = NULL;
	struct journal *j;
	int64_t id;
	double t[50], build0;
	size_t n = 50;

	snprintf(path, sizeof(path), "%s/bench-status.db", dir);
	build0 = now_ms();
	j = build_journal(path, c, events, false, &id);
	build0 = now_ms() - build0;
	for (size_t i = 0; i < n; i++) {
		struct strbuf out = STRBUF_INIT;
		double t0 = now_ms();
		if (session_load(j, c, id, &s, &err) != ST_OK)
			die(strbuf_str(&err));
		status_view(&out, s, NULL, FMT_JSON, false);
		t[i] = now_ms() - t0;
		strbuf_release(&out);
		session_free(&s);
	}
	snprintf(label, sizeof(label), "status of a session with %ld events", events);
	printf("%-46s %9.3f ms   (p99 %.3f ms; journal built in %.1f s)\n", label,
	       pct(t, n, 0.5), pct(t, n, 0.99), build0 / 1e3);
	journal_close(&j);
	rm_db(path);
	strbuf_release(&err);
}

/* A session report of 100,000 events, in each format: load, gather, render. */
static void bench_report(const char *dir, const struct content *c)
{
	static const enum render_format formats[] = { FMT_MD, FMT_HTML, FMT_JSON, FMT_TEXT };
	char path[2048], label[64];
	struct strbuf err = STRBUF_INIT;
	struct journal *j;
	int64_t id;

	snprintf(path, sizeof(path), "%s/bench-report.db", dir);
	j = build_journal(path, c, 100000, true, &id);
	for (size_t f = 0; f < 4; f++) {
		double t[7];
		size_t bytes = 0;
		for (size_t i = 0; i < 7; i++) {
			struct strbuf out = STRBUF_INIT;
			struct session *s = NULL;
			struct report r;
			double t0 = now_ms();
			if (session_load(j, c, id, &s, &err) != ST_OK ||
			    report_build(&r, j, s, &err) != ST_OK)
				die(strbuf_str(&err));
			report_render(&out, &r, formats[f]);
			t[i] = now_ms() - t0;
			bytes = out.len;
			strbuf_release(&out);
			report_release(&r);
			session_free(&s);
		}
		snprintf(label, sizeof(label), "report of 100000 events as %s",
			 render_format_name(formats[f]));
		printf("%-46s %9.3f ms   (%.1f MB)\n", label, pct(t, 7, 0.5), (double)bytes / 1e6);
	}
	journal_close(&j);
	rm_db(path);
	strbuf_release(&err);
}

/* ---- the wizard ------------------------------------------------------- */

/* Wall time of running @argv to its end, with stdout to /dev/null. */
/* The peak memory of the last program run_ms() ran, in MB. */
static double last_peak_mb;

/* Wall time of running @argv to its end, with stdout to /dev/null. */
static double run_ms(char *const argv[])
{
	posix_spawn_file_actions_t fa;
	double t0 = now_ms();
	struct rusage ru;
	pid_t pid;
	int status;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0)
		die("cannot run the program");
	posix_spawn_file_actions_destroy(&fa);
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("the program failed");
	last_peak_mb = (double)ru.ru_maxrss / 1024.0;
	return now_ms() - t0;
}

/* The plan command, whole: exec, content load, plan, JSON, exit. */
static void bench_plan_exec(const char *bin)
{
	enum { RUNS = 21 };
	static char true_path[] = "/bin/true", plan[] = "plan", from[] = "--from", v1[] = "0.11",
		    to[] = "--to", v2[] = "0.28", fmt[] = "--format", json[] = "json";
	char binary[2048];
	char *tru[] = { true_path, NULL };
	char *argv[] = { binary, plan, from, v1, to, v2, fmt, json, NULL };
	double t[RUNS], f[RUNS], peak = 0;

	snprintf(binary, sizeof(binary), "%s", bin);
	for (int r = 0; r < RUNS; r++) {
		f[r] = run_ms(tru);
		t[r] = run_ms(argv);
		if (last_peak_mb > peak)
			peak = last_peak_mb;
	}
	printf("%-46s %9.3f ms   %.1fx the floor, peak %.1f MB\n",
	       "plan 0.11->0.28 --format json, exec to exit", pct(t, RUNS, 0.5),
	       pct(t, RUNS, 0.5) / pct(f, RUNS, 0.5), peak);
}

static void write_keys(const char *path, int keys)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("cannot write the key script");
	fputs(":dump\n", f);
	for (int i = 0; i < keys; i++)
		fputs(i % 40 < 20 ? "j\n" : "k\n", f);
	fclose(f);
}

/*
 * First frame: the whole process, from exec to the first screen drawn (the
 * key script dumps it and ends), on the largest session: 0.11 -> 0.28 with
 * every item marked and 100,000 events. Keypress: the extra time 2,000 keys
 * take, each moving the cursor and redrawing, divided by 2,000.
 */
static void bench_wizard(const char *dir, const char *bin, const struct content *c)
{
	enum { RUNS = 15, KEYS = 2000 };
	char path[2048], keys0[2048], keysn[2048], jenv[2100], kenv[2100];
	struct journal *j = NULL;
	double t0[RUNS], tn[RUNS], tt[RUNS];
	static char true_path[] = "/bin/true", opt[] = "--operator", name[] = "bench";
	char binary[2048];
	char *tru[] = { true_path, NULL };
	char *argv[] = { binary, opt, name, NULL };
	int64_t id;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(path, sizeof(path), "%s/bench-wizard.db", dir);
	snprintf(keys0, sizeof(keys0), "%s/bench-keys-0", dir);
	snprintf(keysn, sizeof(keysn), "%s/bench-keys-n", dir);
	j = build_journal(path, c, 100000, true, &id);
	journal_close(&j);
	write_keys(keys0, 0);
	write_keys(keysn, KEYS);
	snprintf(jenv, sizeof(jenv), "%s", path);
	setenv("MESOS_UPGRADE_JOURNAL", jenv, 1);
	for (int r = 0; r < RUNS; r++) {
		tt[r] = run_ms(tru);
		snprintf(kenv, sizeof(kenv), "%s", keys0);
		setenv("MESOS_UPGRADE_KEYS", kenv, 1);
		t0[r] = run_ms(argv);
		setenv("MESOS_UPGRADE_KEYS", keysn, 1);
		tn[r] = run_ms(argv);
	}
	unsetenv("MESOS_UPGRADE_KEYS");
	unsetenv("MESOS_UPGRADE_JOURNAL");
	{
		double floor = pct(tt, RUNS, 0.5), first = pct(t0, RUNS, 0.5), all = pct(tn, RUNS, 0.5);
		printf("%-46s %9.3f ms\n", "process start of /bin/true (the floor)", floor);
		printf("%-46s %9.3f ms   %.1fx the floor, peak %.1f MB\n",
		       "wizard: exec to first frame, 134 items, 1e5 ev", first, first / floor,
		       last_peak_mb);
		printf("%-46s %9.3f ms\n", "wizard: one keypress (move + redraw)",
		       (all - first) / KEYS);
	}
	rm_db(path);
	unlink(keys0);
	unlink(keysn);
}

/*
 * 10,000 agents (and 5 masters): a 0.11 -> 0.28 session planned with that
 * inventory, its status, the wizard's first frame on it, and a keypress in
 * the list of a step's 10,000 hosts.
 */
static void bench_hosts(const char *dir, const char *bin, const struct content *c)
{
	/*
	 * The keypresses in the hosts list are timed as the difference of two
	 * runs of about two seconds each: enough keys that the difference stands
	 * well above the noise of a process start (1,000 once came out negative).
	 */
	enum { RUNS = 7, KEYS = 20000 };
	struct strbuf yaml = STRBUF_INIT, err = STRBUF_INIT;
	struct session_actor who = { "bench", "localhost" };
	struct inventory *inv = NULL;
	struct journal *j = NULL;
	struct session *s = NULL;
	struct diag_list dl;
	char path[2048], keys0[2048], keysn[2048], binary[2048];
	static char opt[] = "--operator", name[] = "bench";
	char *argv[] = { binary, opt, name, NULL };
	double t[RUNS], t0[RUNS], tn[RUNS], ts;
	int64_t id;
	FILE *f;

	strbuf_adds(&yaml, "masters: [m1, m2, m3, m4, m5]\nleader: m3\nagents:\n");
	for (int i = 1; i <= 10000; i++)
		strbuf_addf(&yaml, "  - agent-%05d\n", i);
	diag_list_init(&dl);
	ts = now_ms();
	if (inventory_parse("bench", (const unsigned char *)yaml.buf, yaml.len, &inv, &dl) != ST_OK)
		die("inventory");
	printf("%-46s %9.3f ms\n", "inventory of 10000 agents: parse", now_ms() - ts);
	snprintf(path, sizeof(path), "%s/bench-hosts.db", dir);
	rm_db(path);
	if (journal_open(path, JOURNAL_WRITE, &j, &err) != ST_OK)
		die(strbuf_str(&err));
	ts = now_ms();
	if (session_start(j, c, "0.11", "0.28", "bench", inv, &who, &id, NULL, &err) != ST_OK)
		die(strbuf_str(&err));
	ts = now_ms() - ts;
	if (session_load(j, c, id, &s, &err) != ST_OK)
		die(strbuf_str(&err));
	printf("%-46s %9.3f ms   (%zu items)\n", "start 0.11->0.28 with 10000 agents", ts, s->nitems);
	session_free(&s);
	{
		/* the first note acknowledged: the first pending item is the agents' step */
		struct mark_request req = { id, "0.11-0.12/executor-info-source", MARK_DONE, NULL, NULL,
					    false, NULL };
		strbuf_reset(&err);
		if (session_mark(j, c, &req, &who, NULL, &err) != ST_OK)
			die(strbuf_str(&err));
	}
	for (int r = 0; r < RUNS; r++) {
		struct strbuf out = STRBUF_INIT;
		double a = now_ms();
		if (session_load(j, c, id, &s, &err) != ST_OK)
			die(strbuf_str(&err));
		status_view(&out, s, NULL, FMT_JSON, false);
		t[r] = now_ms() - a;
		strbuf_release(&out);
		session_free(&s);
	}
	printf("%-46s %9.3f ms\n", "status (JSON) with 10000 agents", pct(t, RUNS, 0.5));
	for (int r = 0; r < RUNS; r++) {
		struct mark_request req = { id, "0.11-0.12/restart-agents@agent-00001",
					    r % 2 ? MARK_UNDO : MARK_DONE, NULL, NULL, false, NULL };
		double a = now_ms();
		strbuf_reset(&err);
		if (session_mark(j, c, &req, &who, NULL, &err) != ST_OK)
			die(strbuf_str(&err));
		t[r] = now_ms() - a;
	}
	printf("%-46s %9.3f ms\n", "check-off of one agent, 10000 agents", pct(t, RUNS, 0.5));
	journal_close(&j);
	snprintf(keys0, sizeof(keys0), "%s/bench-hkeys-0", dir);
	snprintf(keysn, sizeof(keysn), "%s/bench-hkeys-n", dir);
	if (!(f = fopen(keys0, "w")))
		die("keys");
	fputs("<Enter>\n:dump\n", f);
	fclose(f);
	if (!(f = fopen(keysn, "w")))
		die("keys");
	fputs("<Enter>\n:dump\n", f);
	for (int i = 0; i < KEYS; i++)
		fputs(i % 40 < 20 ? "j\n" : "k\n", f);
	fclose(f);
	snprintf(binary, sizeof(binary), "%s", bin);
	setenv("MESOS_UPGRADE_JOURNAL", path, 1);
	for (int r = 0; r < RUNS; r++) {
		setenv("MESOS_UPGRADE_KEYS", keys0, 1);
		t0[r] = run_ms(argv);
		setenv("MESOS_UPGRADE_KEYS", keysn, 1);
		tn[r] = run_ms(argv);
	}
	unsetenv("MESOS_UPGRADE_KEYS");
	unsetenv("MESOS_UPGRADE_JOURNAL");
	printf("%-46s %9.3f ms   peak %.1f MB\n", "wizard: exec to the hosts list, 10000 agents",
	       pct(t0, RUNS, 0.5), last_peak_mb);
	printf("%-46s %9.3f ms\n", "wizard: keypress in the hosts list",
	       (pct(tn, RUNS, 0.5) - pct(t0, RUNS, 0.5)) / KEYS);
	unlink(keys0);
	unlink(keysn);
	rm_db(path);
	inventory_free(&inv);
	diag_list_release(&dl);
	strbuf_release(&yaml);
	strbuf_release(&err);
}

/* Whether the group @name is to be run: all when @only is NULL ("make bench ONLY=mesos"). */
static bool want(const char *only, const char *name)
{
	return !only || !*only || strstr(only, name);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".", *only = argc > 3 ? argv[3] : NULL;
	struct content *c = NULL;
	struct diag_list dl;

	diag_list_init(&dl);
	if (content_load_builtin(&c, &dl) != ST_OK)
		die("content does not load");
	printf("mesos-upgrade benchmark (medians; journals in %s)\n\n", dir);

	if (want(only, "journal")) {
		bench_content();
		bench_commit(dir, c);
	}
	if (argc > 2 && *argv[2] && want(only, "wizard")) {
		bench_plan_exec(argv[2]);
		bench_wizard(dir, argv[2], c);
		bench_hosts(dir, argv[2], c);
	}
	if (want(only, "report"))
		bench_report(dir, c);
	if (want(only, "mesos"))
		bench_mesos(dir, argc > 2 && *argv[2] ? argv[2] : NULL);
	static const long sizes[] = { 1000, 100000, 1000000 };
	for (size_t i = 0; want(only, "status") && i < sizeof(sizes) / sizeof(*sizes); i++)
		bench_status(dir, c, sizes[i]);
	{
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("%-46s %9.1f MB\n", "peak memory of this benchmark process",
		       (double)ru.ru_maxrss / 1024.0);
	}
	content_free(&c);
	diag_list_release(&dl);
	return 0;
}
