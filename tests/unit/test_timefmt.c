/*
 * test_timefmt.c - journal times as an operator reads them (timefmt.h) and
 * the host name with its seam (host.h): local time with the zone, the date
 * only when the day is not today (by the clock seam), in a zone with summer
 * time, and what does not parse left as it is.
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
#include "host.h"
#include "timefmt.h"

static void at(const char *now, const char *tz)
{
	time_t t;

	assert_true(clock_parse_iso(now, &t));
	clock_fix(t);
	setenv("TZ", tz, 1);
	tzset();
}

static void expect(const char *iso, const char *want)
{
	char out[TIMEFMT_LEN];

	time_local(iso, out, sizeof(out));
	assert_string_equal(out, want);
}

/* Today: the time and the zone only. */
static void test_today(void **state)
{
	(void)state;
	at("2026-01-31T22:00:00Z", "UTC0");
	expect("2026-01-31T08:05:09Z", "08:05 UTC");
	at("2026-01-31T22:00:00Z", "CET-1CEST,M3.5.0,M10.5.0/3");
	expect("2026-01-31T21:30:00Z", "22:30 CET");
}

/* Another day: the date too; "today" is the local day, not the UTC one. */
static void test_other_day(void **state)
{
	(void)state;
	at("2026-01-31T22:00:00Z", "CET-1CEST,M3.5.0,M10.5.0/3");
	expect("2026-01-30T10:00:00Z", "2026-01-30 11:00 CET");
	/* 23:30 UTC on the 31st is already the 1st of February in Berlin, not today */
	expect("2026-01-31T23:30:00Z", "2026-02-01 00:30 CET");
	/* summer time says so */
	expect("2026-07-01T12:00:00Z", "2026-07-01 14:00 CEST");
}

/* What is not a journal time is shown as it is. */
static void test_unparsed(void **state)
{
	char small[4];

	(void)state;
	at("2026-01-31T22:00:00Z", "UTC0");
	expect("", "");
	expect("yesterday", "yesterday");
	expect("2026-02-30T10:00:00Z", "2026-02-30T10:00:00Z");
	time_local("2026-01-31T08:05:09Z", small, sizeof(small));
	assert_true(strlen(small) < sizeof(small));
}

/* MESOS_UPGRADE_HOST replaces this host's name; empty, it does not. */
static void test_host_seam(void **state)
{
	char real[256];

	(void)state;
	unsetenv("MESOS_UPGRADE_HOST");
	snprintf(real, sizeof(real), "%s", host_name());
	assert_true(real[0] != '\0');
	setenv("MESOS_UPGRADE_HOST", "bastion-1", 1);
	assert_string_equal(host_name(), "bastion-1");
	setenv("MESOS_UPGRADE_HOST", "", 1);
	assert_string_equal(host_name(), real);
	unsetenv("MESOS_UPGRADE_HOST");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_other_day),
		cmocka_unit_test(test_unparsed),
		cmocka_unit_test(test_host_seam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
