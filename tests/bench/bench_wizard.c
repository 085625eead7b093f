/*
 * bench_wizard.c - the program as a process on a 134-item session: plan,
 * exec to exit, and the wizard headless (a key script, curses writing to
 * /dev/null): its first frame, and a keypress.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "content.h"
#include "journal.h"
#include "session.h"

#include "bench.h"

/*
 * The plan command, whole: exec, content load, plan, JSON, exit; timed in
 * turn with the floor, 201 pairs, so that the ratio does not move with the
 * machine's other work: the median of the pairs' ratios (and of their
 * processor times' beside it).
 */
void bench_plan_exec(const char *bin, const char *floor_bin, const char *to, double bound)
{
	static char plan[] = "plan", from[] = "--from", v1[] = "0.11", opt_to[] = "--to",
		    fmt[] = "--format", json[] = "json";
	char binary[2048], v2[32], label[64], extra[128];
	char *argv[] = { binary, plan, from, v1, opt_to, v2, fmt, json, NULL };
	struct proc_pair st, floor;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(v2, sizeof(v2), "%s", to);
	proc_measure_against_floor(argv, floor_bin, 201, &st, &floor);
	snprintf(label, sizeof(label), "plan 0.11->%s --format json, exec to exit", to);
	snprintf(extra, sizeof(extra), "the floor in turn %.3f ms; processor %.2fx; peak %.1f MiB",
		 floor.ms, st.cpu_ratio, st.peak_mb);
	if (bound > 0)
		fig_ratio_is(label, st.ms, st.ratio, "the floor", bound, extra);
	else
		printf("%-46s %9.3f ms   %.1fx the floor, %s\n", label, st.ms, st.ratio, extra);
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
 * key script dumps it and ends), on the largest session without hosts:
 * 0.11 -> 0.28 with every item marked and 100,000 events. Keypress: the
 * extra time 2,000 keys take, each moving the cursor and redrawing, divided
 * by 2,000.
 */
void bench_wizard(const char *dir, const char *bin, double floor, const struct content *c)
{
	enum { RUNS = 15, KEYS = 2000 };
	char path[2048], keys0[2048], keysn[2048];
	double t0[RUNS], tn[RUNS], peak = 0;
	static char opt[] = "--operator", name[] = "bench";
	char binary[2048];
	char *argv[] = { binary, opt, name, NULL };
	struct journal *j;
	int64_t id;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(path, sizeof(path), "%s/bench-wizard.db", dir);
	snprintf(keys0, sizeof(keys0), "%s/bench-keys-0", dir);
	snprintf(keysn, sizeof(keysn), "%s/bench-keys-n", dir);
	j = bench_build_journal(path, c, 100000, true, &id);
	journal_close(&j);
	write_keys(keys0, 0);
	write_keys(keysn, KEYS);
	setenv("MESOS_UPGRADE_JOURNAL", path, 1);
	for (int r = 0; r < RUNS; r++) {
		struct proc_run run;
		setenv("MESOS_UPGRADE_KEYS", keys0, 1);
		proc_run_ok(argv, &run);
		t0[r] = run.ms;
		peak = run.peak_mb > peak ? run.peak_mb : peak;
		setenv("MESOS_UPGRADE_KEYS", keysn, 1);
		proc_run_ok(argv, &run);
		tn[r] = run.ms;
	}
	unsetenv("MESOS_UPGRADE_KEYS");
	unsetenv("MESOS_UPGRADE_JOURNAL");
	{
		double first = pct(t0, RUNS, 0.5), all = pct(tn, RUNS, 0.5);
		printf("%-46s %9.3f ms   %.1fx the floor, peak %.1f MiB\n",
		       "wizard: exec to first frame, 134 items, 1e5 ev", first, first / floor, peak);
		printf("%-46s %9.3f ms\n", "wizard: one keypress (move + redraw)",
		       (all - first) / KEYS);
	}
	rm_db(path);
	unlink(keys0);
	unlink(keysn);
}
