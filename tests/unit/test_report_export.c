/*
 * test_report_export.c - a session's report written to a file
 * (include/report_export.h): whole, said where, never over the journal,
 * nothing written for a session that does not exist.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#define FIXTURE_NAME "export"
#include "report_export.h"
#include "session_fixture.h"

static void start(struct fx *f)
{
	struct diag_list dl;

	diag_list_init(&dl);
	assert_int_equal(session_start(f->j, f->c, "0.26", "0.28", "CHG-1", NULL, &f->who,
				       &f->sid, &dl), ST_OK);
	diag_list_release(&dl);
}

static void test_writes_and_says_where(void **state)
{
	struct fx *f = *state;
	char out[80], want[160];
	FILE *fp;
	char buf[4096];
	size_t n;

	start(f);
	snprintf(out, sizeof(out), "%s.json", f->path);
	assert_int_equal(report_export(f->j, f->c, f->sid, FMT_JSON, out, &f->dl, &f->msg), ST_OK);
	snprintf(want, sizeof(want), "wrote the json report of session %lld to %s",
		 (long long)f->sid, out);
	assert_string_equal(strbuf_str(&f->msg), want);
	fp = fopen(out, "r");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	assert_true(n > 0 && buf[0] == '{');
	assert_non_null(strstr(buf, "CHG-1"));
	unlink(out);
}

static void test_never_over_the_journal(void **state)
{
	struct fx *f = *state;
	struct stat before, after;

	start(f);
	assert_int_equal(stat(f->path, &before), 0);
	assert_int_equal(change_said(f, report_export(f->j, f->c, f->sid, FMT_MD, f->path, &f->dl,
						     &f->msg)), ST_USAGE);
	assert_true(f->msg.len > 0);
	assert_int_equal(stat(f->path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_ino, after.st_ino);
}

static void test_no_such_session(void **state)
{
	struct fx *f = *state;
	char out[80];

	start(f);
	snprintf(out, sizeof(out), "%s.md", f->path);
	assert_int_equal(change_said(f, report_export(f->j, f->c, f->sid + 1, FMT_MD, out, &f->dl,
						     &f->msg)), ST_USAGE);
	assert_non_null(strstr(strbuf_str(&f->msg), "there is no session"));
	assert_int_equal(access(out, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_writes_and_says_where, setup, teardown),
		cmocka_unit_test_setup_teardown(test_never_over_the_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_such_session, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
