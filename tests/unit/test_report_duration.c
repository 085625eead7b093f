/*
 * test_report_duration.c - a duration as every report writes it
 * (report_duration(), include/report.h): its three shapes, the padding of
 * minutes and seconds after a larger unit, unknown, and a short buffer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "report.h"

static void expect(long seconds, const char *want)
{
	char buf[48];

	report_duration(seconds, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_shapes(void **state)
{
	(void)state;
	expect(0, "0s");
	expect(45, "45s");
	expect(60, "1m 00s");
	expect(190, "3m 10s");
	expect(3599, "59m 59s");
	expect(3600, "1h 00m 00s");
	expect(3723, "1h 02m 03s");
	expect(36000 + 5, "10h 00m 05s");
	expect(100L * 3600 + 61, "100h 01m 01s");
	expect(-1, "?");
}

static void test_short_buffer(void **state)
{
	char buf[5] = "xxxx";

	(void)state;
	report_duration(3723, buf, sizeof(buf));
	assert_string_equal(buf, "1h 0");
	report_duration(3723, buf, 1);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_short_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
