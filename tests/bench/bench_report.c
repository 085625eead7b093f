/*
 * bench_report.c - status and report over journals of many events: a
 * 0.11 -> 0.28 session (134 items, no inventory) with its events spread over
 * every item, its report made in this process as the report command makes
 * it; and the report command itself, exec to exit, in each format, with its
 * peak memory.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "content.h"
#include "journal.h"
#include "render.h"
#include "report_export.h"
#include "session.h"
#include "status_view.h"

#include "bench.h"


/*
 * A journal at @path with one 0.11 -> 0.28 session of @events events spread
 * over every item: notes and done/undo pairs (@resolved: each item's last
 * state event a done, so the session reads as worked through).
 */
struct journal *bench_build_journal(const char *path, const struct content *c, long events,
				     bool resolved, int64_t *id)
{
	struct journal *j = NULL;
	struct diag_list dl = { 0 }; /* the failure: nothing allocated without one */
	struct session_actor who = { "bench", "localhost" };
	struct session *s = NULL;

	rm_db(path);
	if (journal_open(path, JOURNAL_WRITE, &j, &dl) != ST_OK ||
	    session_start(j, c, "0.11", "0.28", "bench", NULL, &who, id, &dl) != ST_OK ||
	    session_load(j, c, *id, &s, &dl) != ST_OK)
		die(diag_first(&dl));
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
	return j;
}

void bench_status(const char *dir, const struct content *c, long events)
{
	char path[2048], label[64];
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *s = NULL;
	struct journal *j;
	int64_t id;
	double t[50], build0;
	size_t n = 50;

	snprintf(path, sizeof(path), "%s/bench-status.db", dir);
	build0 = now_ms();
	j = bench_build_journal(path, c, events, false, &id);
	build0 = now_ms() - build0;
	for (size_t i = 0; i < n; i++) {
		struct strbuf out = STRBUF_INIT;
		double t0 = now_ms();
		if (session_load(j, c, id, &s, &dl) != ST_OK)
			die(diag_first(&dl));
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
}

/*
 * The report command of each format on the journal @path (session @id):
 * exec to exit, its peak memory against that of "status" (text) on the
 * same session: a report streamed peaks no higher, whatever its size.
 */
static void report_procs(const char *bin, const char *path, int64_t id, long events)
{
	static const char *const formats[] = { "md", "html", "json", "text" };
	char binary[2048], journal[2048], fmt[16], label[64], extra[128];
	static char opt_j[] = "--journal", cmd_report[] = "report", cmd_status[] = "status",
		    opt_f[] = "--format";
	char one[32];
	char *status_argv[] = { binary, opt_j, journal, cmd_status, one, NULL };
	char *argv[] = { binary, opt_j, journal, cmd_report, one, opt_f, fmt, NULL };
	struct proc_stats base, st;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(journal, sizeof(journal), "%s", path);
	snprintf(one, sizeof(one), "%lld", (long long)id);
	proc_measure(status_argv, 3, 15, BENCH_BUDGET_MS, &base);
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		snprintf(fmt, sizeof(fmt), "%s", formats[f]);
		proc_measure(argv, 3, 15, BENCH_BUDGET_MS, &st);
		snprintf(label, sizeof(label), "report --format %s, %ld ev, exec to exit", fmt, events);
		snprintf(extra, sizeof(extra), "%.1f MiB out", st.out_mb);
		fig_bound(label, st.ms, 150.0 * (double)events / 1e5, extra);
		fig_flat("  its peak memory", st.peak_mb, base.peak_mb, "status's", st.out_mb);
	}
}

/* A sink that counts what it is given and keeps none of it. */
static int count_sink(void *ctx, const char *data, size_t len)
{
	(void)data;
	*(size_t *)ctx += len;
	return 0;
}

/*
 * A session report of 100,000 events (fewer at a smaller scale), in each
 * format, in this process as the report command makes it (report_session():
 * the session loaded, the events read once, each timeline row written into
 * the spool as it is read, then the document, streamed STRBUF_SINK_BOUND at
 * a time, here into a sink that keeps nothing); then the report command.
 * (It was made whole in memory, 23 MB of JSON, which the command never
 * does: the growing buffer's first touches of memory took 30 to 70 ms of
 * it on a machine slow at them.)
 */
void bench_report(const char *dir, const char *bin, const struct content *c, long events)
{
	static const enum render_format formats[] = { FMT_MD, FMT_HTML, FMT_JSON, FMT_TEXT };
	char path[2048], label[64], extra[64];
	struct diag_list dl = DIAG_LIST_INIT;
	struct journal *j;
	int64_t id;

	snprintf(path, sizeof(path), "%s/bench-report.db", dir);
	j = bench_build_journal(path, c, events, true, &id);
	for (size_t f = 0; f < 4; f++) {
		double t[7];
		size_t bytes = 0;
		for (size_t i = 0; i < 7; i++) {
			struct strbuf out = STRBUF_INIT;
			double t0 = now_ms();
			bytes = 0;
			strbuf_sink(&out, count_sink, &bytes, STRBUF_SINK_BOUND);
			if (report_session(j, c, id, formats[f], &out, &dl) != ST_OK ||
			    strbuf_flush(&out) != 0)
				die(diag_first(&dl));
			t[i] = now_ms() - t0;
			strbuf_release(&out);
		}
		snprintf(label, sizeof(label), "report of %ld events as %s", events,
			 render_format_name(formats[f]));
		snprintf(extra, sizeof(extra), "%.1f MB; in this process, as the command",
			 (double)bytes / 1e6);
		fig_bound(label, pct(t, 7, 0.5), 150.0 * (double)events / 1e5, extra);
	}
	journal_close(&j);
	if (bin)
		report_procs(bin, path, id, events);
	rm_db(path);
}
