/*
 * test_host.c - the host events are recorded from (include/host.h):
 * $MESOS_UPGRADE_HOST when it is a valid name, else the machine's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

/* The machine's own name as host_name() gives it without the variable. */
static char machine[256];

static int setup(void **state)
{
	(void)state;
	unsetenv("MESOS_UPGRADE_HOST");
	snprintf(machine, sizeof(machine), "%s", host_name());
	return 0;
}

static void test_machine_name(void **state)
{
	char h[256] = "";

	(void)state;
	unsetenv("MESOS_UPGRADE_HOST");
	assert_int_equal(gethostname(h, sizeof(h) - 1), 0);
	assert_string_equal(host_name(), *h ? h : "unknown");
}

static void test_variable(void **state)
{
	(void)state;
	setenv("MESOS_UPGRADE_HOST", "bastion-7.example.org", 1);
	assert_string_equal(host_name(), "bastion-7.example.org");
	/* printable UTF-8 is a name too */
	setenv("MESOS_UPGRADE_HOST", "b\xc3\xa4stion", 1);
	assert_string_equal(host_name(), "b\xc3\xa4stion");
	unsetenv("MESOS_UPGRADE_HOST");
}

static void test_invalid_variable_passed_over(void **state)
{
	static const char *const bad[] = {
		"",                     /* empty */
		"evil\x1b[2Jhost",      /* an escape sequence */
		"two\nlines",           /* a newline */
		"rtl\xe2\x80\xaehost",  /* a bidi control */
		"bad\xffutf8",          /* not UTF-8 */
	};
	char longname[300];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		setenv("MESOS_UPGRADE_HOST", bad[i], 1);
		assert_string_equal(host_name(), machine);
	}
	/* 255 bytes is the most */
	memset(longname, 'h', sizeof(longname));
	longname[255] = '\0';
	setenv("MESOS_UPGRADE_HOST", longname, 1);
	assert_string_equal(host_name(), longname);
	longname[255] = 'h';
	longname[256] = '\0';
	setenv("MESOS_UPGRADE_HOST", longname, 1);
	assert_string_equal(host_name(), machine);
	unsetenv("MESOS_UPGRADE_HOST");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine_name),
		cmocka_unit_test(test_variable),
		cmocka_unit_test(test_invalid_variable_passed_over),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
