/*
 * test_report_spool.c - a report's timeline written as its events are read
 * (report.h: report_build_spooled(), report_spool_open()): byte for byte the
 * report whose timeline is read again, in every format, the probes among
 * the events in time order; and when no temporary file can be made or
 * written (no such TMPDIR, a full disk), or the second connection its rows
 * are read on cannot read the journal's file, the timeline read again
 * instead, the same bytes. Into a pipe, the rows are moved into it from
 * the temporary file (fd_splice_file()): the same bytes again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#define FIXTURE_NAME "spool"
#include "document.h"
#include "render.h"
#include "render_json.h"
#include "report_export.h"
#include "session_fixture.h"

static const enum render_format fmts[] = { FMT_MD, FMT_HTML, FMT_JSON, FMT_TEXT };
#define NFMTS (sizeof(fmts) / sizeof(*fmts))

static void probe(struct fx *f, const char *time)
{
	struct journal_probe_warning w[] = { { "master-unreachable", "m2 did not answer" } };
	struct journal_probe_host hosts[] = {
		{ .role = "master", .host = "m1", .url = "https://m1:5050", .version = "0.27.0",
		  .reachable = true, .leader = true },
	};
	struct journal_probe p = { .session = f->sid, .time = time, .operator_name = "bob",
				   .host = "bastion-2", .leader = "m1", .hosts = hosts,
				   .nhosts = 1, .warnings = w, .nwarnings = 1 };
	int64_t id;

	assert_int_equal(journal_begin(f->j), ST_OK);
	assert_int_equal(journal_probe_add(f->j, &p, &id), ST_OK);
	assert_int_equal(journal_commit(f->j), ST_OK);
}

/*
 * A session with @nnotes notes of a long text (past a spool's buffer), check-offs
 * by two operators, and probes before, among and after its events; with
 * @agents, an inventory whose agents' items a report reads a batch at a
 * time, two of them resolved and one with a note of its own.
 */
static void session_of(struct fx *f, int nnotes, bool agents)
{
	/* the masters' step is done host by host once there is an inventory */
	const char *const items[] = { agents ? "0.26-0.27/restart-masters@m1"
					     : "0.26-0.27/restart-masters",
				      "0.26-0.27/implicit-roles", "0.26-0.27/rebuild-modules" };
	char text[300];
	struct diag_list dl = DIAG_LIST_INIT;

	inventory_free(&f->inv);
	f->inv = agents ? parse_inventory("masters: [m1]\nagents: [a1, a2, a3]\n") : NULL;
	assert_int_equal(session_start(f->j, f->c, "0.26", "0.28", "CHG-9", f->inv, &f->who,
				       &f->sid, &dl), ST_OK);
	diag_list_release(&dl);
	if (agents) {
		MARK_EXPECT(ST_OK, f, "0.26-0.27/restart-agents@a1", MARK_DONE, "early", NULL, true);
		OK(f, "0.26-0.27/restart-agents@a2", MARK_NOTE, "a2 disk slow");
		MARK_EXPECT(ST_OK, f, "0.26-0.27/restart-agents@a3", MARK_SKIP, "retired", NULL, true);
	}
	probe(f, "2026-11-18T11:06:40Z"); /* the second of the first event: before it */
	for (int k = 0; k < nnotes; k++) {
		tick(f);
		snprintf(text, sizeof(text), "note %d: <&> \"quoted\" and a long line that wraps in "
			 "text, %0200d", k, k);
		OK(f, items[k % 3], MARK_NOTE, text);
	}
	tick(f);
	OK(f, items[1], MARK_DONE, NULL);
	tick(f);
	MARK_EXPECT(ST_OK, f, items[0], MARK_DONE, "the window is short", NULL, true);
	probe(f, "2026-11-18T12:00:00Z");
	f->who.operator_name = "carol";
	clock_fix(T0 + 7200);
	MARK_EXPECT(ST_OK, f, items[2], MARK_SKIP, "not here", NULL, true);
	probe(f, "2026-11-19T00:00:00Z");
}

static void session(struct fx *f, int nnotes)
{
	session_of(f, nnotes, false);
}

/* Session f->sid's report in @fmt, the timeline read again as it is written. */
static void read_twice(struct fx *f, const struct session *s, enum render_format fmt,
		       struct strbuf *out)
{
	struct strbuf why = STRBUF_INIT;
	struct report r;

	if (report_build(&r, f->j, s, &why) != ST_OK)
		fail_msg("report_build: %s", strbuf_str(&why));
	assert_null(r.spool);
	report_render(out, &r, fmt);
	assert_int_equal(report_read_status(&r, &why), ST_OK);
	report_release(&r);
	strbuf_release(&why);
}

/*
 * The same, spooled into @sp; when @full, every write to it fails with
 * ENOSPC (its file is /dev/full): *@wrote, whether the rows were copied from it.
 */
static void read_once(struct fx *f, const struct session *s, enum render_format fmt,
		      struct report_spool *sp, bool full, struct strbuf *out, bool *wrote)
{
	struct strbuf why = STRBUF_INIT;
	struct report r;

	if (full) {
		int fd = open("/dev/full", O_RDWR);
		assert_true(fd >= 0);
		assert_true(dup2(fd, sp->fd) == sp->fd);
		close(fd);
	}
	if (report_build_spooled(&r, f->j, s, sp, &why) != ST_OK)
		fail_msg("report_build_spooled: %s", strbuf_str(&why));
	/* a thread writes the rows where there are agents' items to read, and then only */
	assert_int_equal(sp->fill != NULL, s->partial && f->inv != NULL);
	if (s->partial) { /* as report_export.c writes it: the agents a batch at a time */
		struct session_hops v = SESSION_HOPS_INIT(f->j, f->c, s, &why);
		const struct document_hosts hosts = { session_hop_hosts, session_hop_span, &v };
		if (fmt == FMT_JSON)
			render_json_report_hosts(out, &r, session_hop_hosts, &v);
		else
			document_render_hosts(out, &r, fmt, &hosts);
		assert_int_equal(v.st, ST_OK);
		session_hops_release(&v);
	} else {
		report_render(out, &r, fmt);
	}
	assert_int_equal(report_read_status(&r, &why), ST_OK);
	*wrote = !strbuf_failed(&sp->out) && sp->out.drained > 0;
	assert_int_equal(strbuf_sink_errno(&sp->out), full ? ENOSPC : 0);
	report_release(&r);
	strbuf_release(&why);
}

/* A spool in $TMPDIR (or /tmp), where the tests run. */
static struct report_spool *spool(enum render_format fmt)
{
	struct report_spool *sp = report_spool_open((int)fmt, document_timeline_row);

	if (!sp)
		fail_msg("no spool in TMPDIR %s", getenv("TMPDIR") ? getenv("TMPDIR") : "(unset)");
	return sp;
}

/* Session f->sid as a report reads it: its plan, the agents' items left to read a batch at a time. */
static struct session *load_brief(struct fx *f)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *s = NULL;

	if (session_load_brief(f->j, f->c, f->sid, &s, &dl) != ST_OK)
		fail_msg("session_load_brief: %s", diag_said(&dl));
	diag_list_release(&dl);
	return s;
}

static void agree(struct fx *f, int nnotes, bool agents)
{
	struct session *s, *brief;

	session_of(f, nnotes, agents);
	s = load(f);
	brief = load_brief(f);
	for (size_t k = 0; k < NFMTS; k++) {
		struct strbuf twice = STRBUF_INIT, once = STRBUF_INIT, full = STRBUF_INIT;
		bool wrote;
		read_twice(f, s, fmts[k], &twice);
		read_once(f, brief, fmts[k], spool(fmts[k]), false, &once, &wrote);
		assert_true(wrote);
		assert_string_equal(strbuf_str(&once), strbuf_str(&twice));
		read_once(f, brief, fmts[k], spool(fmts[k]), true, &full, &wrote);
		assert_false(wrote);
		assert_string_equal(strbuf_str(&full), strbuf_str(&twice));
		/* the probes among the events, by time: one before, one between, one after */
		assert_non_null(strstr(strbuf_str(&twice), "2026-11-18T12:00:00Z"));
		if (agents) /* the agents' items read a batch at a time, and their notes */
			assert_non_null(strstr(strbuf_str(&once), "a2 disk slow"));
		strbuf_release(&twice);
		strbuf_release(&once);
		strbuf_release(&full);
	}
	session_free(&s);
	session_free(&brief);
}

/* A few rows: the spool written once, when its rows are copied. */
static void test_spooled_is_read_again(void **state)
{
	agree(*state, 4, false);
}

/* Rows past the spool's buffer: written as they are read, a write failing midway. */
static void test_spooled_past_its_buffer(void **state)
{
	agree(*state, 400, false);
}

/*
 * With agents' items to read, the rows written by a thread of their own on
 * a second connection while the plan is written, and the operators and
 * notes read apart from the events (schema 12): the same bytes.
 */
static void test_spooled_by_its_thread(void **state)
{
	agree(*state, 400, true);
}

/*
 * The report streamed into a pipe as the command streams it into its
 * standard output, read by another thread: the rows moved into the pipe
 * from the spool's file, the same bytes as the timeline read again; and
 * when the spool's writes failed, read again into the pipe.
 */
static void test_spooled_into_a_pipe(void **state)
{
	struct fx *f = *state;
	struct session *s, *brief;

	session_of(f, 400, true);
	s = load(f);
	brief = load_brief(f);
	for (size_t k = 0; k < 2 * NFMTS; k++) {
		struct strbuf twice = STRBUF_INIT, out = STRBUF_INIT;
		struct pipe_reader r = { -1, STRBUF_INIT };
		bool full = k >= NFMTS, wrote;
		pthread_t t;
		int p[2];
		read_twice(f, s, fmts[k % NFMTS], &twice);
		assert_int_equal(pipe(p), 0);
		r.fd = p[0];
		assert_int_equal(pthread_create(&t, NULL, pipe_read_all, &r), 0);
		strbuf_sink(&out, strbuf_sink_fd, &p[1], 4096);
		read_once(f, brief, fmts[k % NFMTS], spool(fmts[k % NFMTS]), full, &out, &wrote);
		assert_int_equal(strbuf_flush(&out), 0);
		assert_true(wrote != full);
		close(p[1]);
		pthread_join(t, NULL);
		close(p[0]);
		assert_int_equal(r.got.len, twice.len);
		assert_memory_equal(r.got.buf, twice.buf, twice.len);
		strbuf_release(&twice);
		strbuf_release(&out);
		strbuf_release(&r.got);
	}
	session_free(&s);
	session_free(&brief);
}

/*
 * No spool where TMPDIR names no directory (nor in /tmp instead: TMPDIR is
 * where the user wants temporary files); the report is the same, the
 * timeline read again.
 */
static void test_no_temporary_file(void **state)
{
	static const char *const dirs[] = { "/nonexistent/mu-spool", "/dev/null" };
	struct fx *f = *state;
	const char *was = getenv("TMPDIR");
	char *keep = was ? strdup(was) : NULL;
	struct report_spool *sp;
	struct session *s;

	session(f, 3);
	s = load(f);
	for (size_t d = 0; d < sizeof(dirs) / sizeof(*dirs); d++) {
		setenv("TMPDIR", dirs[d], 1);
		assert_null(report_spool_open(FMT_MD, document_timeline_row));
		for (size_t k = 0; k < NFMTS; k++) {
			struct strbuf twice = STRBUF_INIT, out = STRBUF_INIT;
			struct diag_list dl = DIAG_LIST_INIT;
			read_twice(f, s, fmts[k], &twice);
			assert_int_equal(report_session(f->j, f->c, f->sid, fmts[k], &out, &dl), ST_OK);
			assert_string_equal(strbuf_str(&out), strbuf_str(&twice));
			strbuf_release(&twice);
			strbuf_release(&out);
			diag_list_release(&dl);
		}
	}
	/* an empty TMPDIR is an unset one: /tmp (where the fixture's journal is) */
	setenv("TMPDIR", "", 1);
	sp = report_spool_open(FMT_MD, document_timeline_row);
	assert_non_null(sp);
	report_spool_free(sp);
	if (keep)
		setenv("TMPDIR", keep, 1);
	else
		unsetenv("TMPDIR");
	free(keep);
	session_free(&s);
}

/*
 * The timeline's rows are read on a second connection to the journal's file;
 * where that file is no longer the one the report opened (moved away,
 * another put at its path), the rows are read again through the report's
 * own connection: the same bytes, nothing from the other file, not even
 * from a copy of it; and no wait on a FIFO put at its path.
 */
static void test_file_moved_meanwhile(void **state)
{
	struct fx *f = *state;
	char moved[4096], other[4096];
	const char *path;
	struct session *s, *brief;

	session_of(f, 5, true);
	s = load(f);
	brief = load_brief(f);
	path = journal_path(f->j);
	snprintf(moved, sizeof(moved), "%s.moved", path);
	snprintf(other, sizeof(other), "%s.other", path);
	for (int way = 0; way < 4; way++) {
		for (size_t k = 0; k < NFMTS; k++) {
			struct strbuf twice = STRBUF_INIT, once = STRBUF_INIT;
			bool wrote;
			read_twice(f, s, fmts[k], &twice);
			if (way == 2) {
				sqlite3 *db = NULL;
				char sql[4200];
				snprintf(sql, sizeof(sql), "VACUUM INTO '%s'", other);
				assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
				assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
				sqlite3_close(db);
			}
			assert_int_equal(rename(path, moved), 0);
			if (way == 1) { /* another journal at the path, with no events */
				struct journal *j2 = NULL;
				struct diag_list dl = DIAG_LIST_INIT;
				assert_int_equal(journal_open(other, JOURNAL_CREATE, &j2, &dl), ST_OK);
				journal_close(&j2);
				diag_list_release(&dl);
				assert_int_equal(rename(other, path), 0);
			} else if (way == 2) { /* a copy of it, the same events: still another file */
				assert_int_equal(rename(other, path), 0);
			} else if (way == 3) { /* a FIFO: opened, it would wait for a writer for ever */
				assert_int_equal(mkfifo(path, 0600), 0);
				alarm(60); /* and so would this test: SIGALRM ends it, failed */
			}
			read_once(f, brief, fmts[k], spool(fmts[k]), false, &once, &wrote);
			assert_false(wrote);
			assert_string_equal(strbuf_str(&once), strbuf_str(&twice));
			alarm(0);
			if (way)
				assert_int_equal(unlink(path), 0);
			assert_int_equal(rename(moved, path), 0);
			strbuf_release(&twice);
			strbuf_release(&once);
		}
	}
	session_free(&s);
	session_free(&brief);
}

/* Events counted, and the last one's id. */
struct counted {
	int64_t n, max;
};

static bool count_event(void *ctx, const struct journal_event *e)
{
	struct counted *c = ctx;

	c->n++;
	c->max = e->id;
	return true;
}

/* What another connection reads of the timeline ends where the report's saw it end. */
static void test_range_ends_where_seen(void **state)
{
	struct fx *f = *state;
	int64_t first = 0, last = 0, first2 = 0, last2 = 0;
	struct counted c = { 0, 0 }, all = { 0, 0 };

	session(f, 3);
	assert_int_equal(journal_event_span(f->j, f->sid, &first, &last), ST_OK);
	assert_true(first > 0 && last > first);
	tick(f);
	OK(f, "0.26-0.27/rebuild-modules", MARK_NOTE, "after the report began");
	assert_int_equal(journal_event_span(f->j, f->sid, &first2, &last2), ST_OK);
	assert_int_equal(first2, first);
	assert_true(last2 > last);
	assert_int_equal(journal_timeline_range(f->j, f->sid, first, last, count_event, &c), ST_OK);
	assert_int_equal(journal_timeline(f->j, f->sid, count_event, &all), ST_OK);
	assert_int_equal(c.max, last);
	assert_int_equal(c.n + 1, all.n);
	assert_int_equal(all.max, last2);
	/* a session with none: 0 and 0 */
	assert_int_equal(journal_event_span(f->j, f->sid + 1000, &first, &last), ST_OK);
	assert_true(first == 0 && last == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_spooled_is_read_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spooled_past_its_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spooled_by_its_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spooled_into_a_pipe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_temporary_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_moved_meanwhile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_range_ends_where_seen, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
