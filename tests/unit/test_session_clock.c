/*
 * test_session_clock.c - the operator's clock (include/session_clock.h): a
 * hop starts at its first check-off (a note written earlier does not start
 * it, an undo does not move it, an acknowledgement only until a done or a
 * skip comes, as in the reports), ends at its last; the session spans its
 * hops; the pace of a per-host step and the time it has left; the window's
 * countdown in local time; durations in words. Fixed clock, fixed zone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "session_clock.h"

#define FIXTURE_NAME "clock"
#include "session_fixture.h"

#define HOP "0.27-0.28"
#define AGENTS HOP "/restart-agents"

static void start(struct fx *f, bool hosts)
{
	static const char yaml[] = "masters: [m1, m2, m3]\nleader: m2\n"
				   "agents: [a1, a2, a3, a4, a5, a6]\n";
	struct diag_list dl;

	diag_list_init(&dl);
	if (hosts)
		assert_int_equal(inventory_parse("inv.yaml", (const unsigned char *)yaml,
						 sizeof(yaml) - 1, &f->inv, &dl), ST_OK);
	assert_int_equal(session_start(f->j, f->c, "0.27", "0.28", "clock", f->inv, &f->who,
				       &f->sid, &dl), ST_OK);
	diag_list_release(&dl);
}

/* The clock @secs after T0. */
static void at(struct fx *f, long secs)
{
	f->now = T0 + secs;
	clock_fix(f->now);
}

/* @c brought up to date with the session as it is now. */
static void update(struct fx *f, struct session_clock *c)
{
	struct session *s = load(f);

	assert_int_equal(session_clock_update(c, f->j, s), ST_OK);
	session_free(&s);
}

static void test_note_before_does_not_start_the_hop(void **state)
{
	struct fx *f = *state;
	struct session_clock c = SESSION_CLOCK_INIT;

	start(f, false);
	/* an hour of preparation: a note only */
	OK(f, HOP "/rebuild-modules", MARK_NOTE, "modules listed");
	update(f, &c);
	assert_false(c.started);
	assert_int_equal(session_clock_seconds(&c, 0, T0 + 3600), -1);
	assert_int_equal(session_clock_seconds(&c, SESSION_CLOCK_ALL, T0 + 3600), -1);
	at(f, 3600);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	at(f, 3660);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	update(f, &c);
	assert_true(c.hops[0].started);
	assert_false(c.hops[0].finished);
	assert_int_equal(c.hops[0].start, T0 + 3600);
	/* ten minutes of work, not an hour and ten */
	assert_int_equal(session_clock_seconds(&c, 0, T0 + 4200), 600);
	assert_int_equal(session_clock_seconds(&c, SESSION_CLOCK_ALL, T0 + 4200), 600);
	/* a clock set back before the start says nothing */
	assert_int_equal(session_clock_seconds(&c, 0, T0), -1);
	session_clock_release(&c);
}

static void test_undo_keeps_the_start_and_the_end_is_the_last(void **state)
{
	static const char *const steps[] = { "rebuild-modules", "restart-masters",
					     "restart-agents", "upgrade-schedulers",
					     "restart-schedulers", "upgrade-executors" };
	struct fx *f = *state;
	struct session_clock c = SESSION_CLOCK_INIT;
	char id[128];

	start(f, false);
	at(f, 100);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	at(f, 200);
	OK(f, HOP "/scalar-precision", MARK_UNDO, "too early");
	update(f, &c);
	/* undone, it still was the first check-off */
	assert_true(c.hops[0].started);
	assert_int_equal(c.hops[0].start, T0 + 100);
	at(f, 300);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	for (size_t k = 0; k < 6; k++) {
		at(f, 400 + 60 * (long)k);
		snprintf(id, sizeof(id), HOP "/%s", steps[k]);
		if (k == 2)
			OK(f, id, MARK_SKIP, "no agents here");
		else
			OK(f, id, MARK_DONE, NULL);
	}
	update(f, &c);
	assert_true(c.hops[0].finished);
	/* acknowledgements start a hop only until its first done or skip, as in
	 * the reports: then that check-off is the start */
	assert_int_equal(c.hops[0].start, T0 + 400);
	assert_int_equal(c.hops[0].end, T0 + 700);
	/* finished: the same whenever it is asked */
	assert_int_equal(session_clock_seconds(&c, 0, T0 + 99999), 300);
	assert_true(c.finished);
	assert_int_equal(session_clock_seconds(&c, SESSION_CLOCK_ALL, T0 + 99999), 300);
	session_clock_release(&c);
}

static void test_another_session_starts_afresh(void **state)
{
	struct fx *f = *state;
	struct session_clock c = SESSION_CLOCK_INIT;

	start(f, false);
	at(f, 50);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	update(f, &c);
	assert_true(c.started);
	start(f, false);
	update(f, &c);
	assert_int_equal(c.session, f->sid);
	assert_false(c.started);
	assert_false(c.hops[0].started);
	session_clock_release(&c);
}

static void test_pace_of_the_hosts(void **state)
{
	struct fx *f = *state;
	struct session_pace p;
	struct session *s;
	long step;

	start(f, true);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	OK(f, HOP "/rebuild-modules", MARK_DONE, NULL);
	s = load(f);
	step = session_find(s, AGENTS);
	assert_true(step >= 0);
	/* no host resolved: nothing to measure; the step itself has hosts, a note none */
	assert_true(session_clock_pace(s, (size_t)step, &p));
	assert_false(p.known);
	assert_int_equal(p.pending, 6);
	assert_false(session_clock_pace(s, 0, &p));
	session_free(&s);
	/* the agents' step is locked until the masters are done: forced is fine here */
	at(f, 1000);
	MARK_EXPECT(ST_OK, f, AGENTS "@a1", MARK_DONE, "masters later", NULL, true);
	s = load(f);
	assert_true(session_clock_pace(s, (size_t)step, &p));
	assert_false(p.known); /* one check-off is no pace */
	session_free(&s);
	at(f, 1060);
	MARK_EXPECT(ST_OK, f, AGENTS "@a2", MARK_SKIP, "decommissioned", NULL, true);
	at(f, 1120);
	MARK_EXPECT(ST_OK, f, AGENTS "@a3", MARK_DONE, "masters later", NULL, true);
	s = load(f);
	assert_true(session_clock_pace(s, (size_t)step, &p));
	assert_true(p.known);
	assert_int_equal(p.resolved, 3);
	assert_int_equal(p.pending, 3);
	/* two intervals in two minutes: one host a minute, three minutes left */
	assert_true(p.per_minute > 0.999 && p.per_minute < 1.001);
	assert_int_equal(p.left, 180);
	session_free(&s);
}

static void test_pace_of_hosts_marked_at_once(void **state)
{
	struct fx *f = *state;
	static const char *const range[] = { AGENTS "@a1", AGENTS "@a2" };
	struct session_pace p;
	struct session *s;
	size_t recorded = 0;

	start(f, true);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	OK(f, HOP "/rebuild-modules", MARK_DONE, NULL);
	OK(f, HOP "/restart-masters@m1", MARK_DONE, NULL);
	OK(f, HOP "/restart-masters@m3", MARK_DONE, NULL);
	OK(f, HOP "/restart-masters@m2", MARK_DONE, NULL);
	assert_int_equal(session_mark_many(f->j, f->c, f->sid, range, 2, MARK_DONE, NULL, &f->who,
					   NULL, &recorded, NULL, &f->dl), ST_OK);
	s = load(f);
	/* two hosts in the same second: no span to measure a pace over */
	assert_true(session_clock_pace(s, (size_t)session_find(s, AGENTS), &p));
	assert_int_equal(p.resolved, 2);
	assert_false(p.known);
	assert_int_equal(p.left, 0);
	session_free(&s);
}

static void window_is(const char *hhmm, time_t now, enum session_window want, long secs)
{
	long got = -7;
	enum session_window w = session_clock_window(hhmm, now, &got);

	if (w != want || got != secs)
		fail_msg("window %s: got %d, %ld s; want %d, %ld s", hhmm ? hhmm : "(null)", (int)w,
			 got, (int)want, secs);
}

static void test_window_countdown(void **state)
{
	time_t t;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_true(clock_parse_iso("2026-01-31T22:00:00Z", &t));
	window_is("23:00", t, SESSION_WINDOW_OPEN, 3600);
	window_is("22:16", t, SESSION_WINDOW_OPEN, 960);
	window_is("22:15", t, SESSION_WINDOW_CLOSING, 900);
	window_is("22:00", t, SESSION_WINDOW_CLOSING, 0);
	window_is("21:50", t, SESSION_WINDOW_PAST, 600);
	/* across midnight, either way: the nearest occurrence */
	window_is("02:00", t, SESSION_WINDOW_OPEN, 4 * 3600);
	window_is("10:30", t, SESSION_WINDOW_PAST, 11 * 3600 + 1800);
	assert_true(clock_parse_iso("2026-02-01T02:10:00Z", &t));
	window_is("02:00", t, SESSION_WINDOW_PAST, 600);
	window_is("23:59", t, SESSION_WINDOW_PAST, 2 * 3600 + 11 * 60);
	/* local time: 23:30 in a zone one hour east of UTC is 22:30 UTC */
	setenv("TZ", "XYZ-1", 1);
	tzset();
	assert_true(clock_parse_iso("2026-01-31T22:00:00Z", &t));
	window_is("23:30", t, SESSION_WINDOW_OPEN, 1800);
	window_is("23:05", t, SESSION_WINDOW_CLOSING, 300);
	setenv("TZ", "UTC", 1);
	tzset();
	/* not HH:MM */
	window_is(NULL, t, SESSION_WINDOW_BAD, 0);
	window_is("", t, SESSION_WINDOW_BAD, 0);
	window_is("2:00", t, SESSION_WINDOW_BAD, 0);
	window_is("24:00", t, SESSION_WINDOW_BAD, 0);
	window_is("22:60", t, SESSION_WINDOW_BAD, 0);
	window_is("22-30", t, SESSION_WINDOW_BAD, 0);
	window_is("22:300", t, SESSION_WINDOW_BAD, 0);
	window_is("+2:30", t, SESSION_WINDOW_BAD, 0);
}

static void test_words(void **state)
{
	char b[24];

	(void)state;
	session_clock_words(45, b, sizeof(b));
	assert_string_equal(b, "45s");
	session_clock_words(60, b, sizeof(b));
	assert_string_equal(b, "1m");
	session_clock_words(12 * 60 + 59, b, sizeof(b));
	assert_string_equal(b, "12m");
	session_clock_words(3600 + 9 * 60 + 30, b, sizeof(b));
	assert_string_equal(b, "1h 09m");
	session_clock_words(26 * 3600, b, sizeof(b));
	assert_string_equal(b, "26h 00m");
	session_clock_words(-1, b, sizeof(b));
	assert_string_equal(b, "?");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_note_before_does_not_start_the_hop),
		T(test_undo_keeps_the_start_and_the_end_is_the_last),
		T(test_another_session_starts_afresh),
		T(test_pace_of_the_hosts),
		T(test_pace_of_hosts_marked_at_once),
		cmocka_unit_test(test_window_countdown),
		cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
