/*
 * test_diag.c - the one way a failure crosses from core to a front end
 * (include/diag.h): its status, its refusal code and field, its messages
 * with and without a place, and the lines a front end shows of it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "journal.h"
#include "strbuf.h"

#include "helpers.h"

static void test_empty_is_no_failure(void **state)
{
	struct diag_list dl;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(dl.status, ST_OK);
	assert_int_equal(dl.code, REFUSAL_NONE);
	/* a failure that said nothing of its own keeps its status */
	assert_int_equal(diag_status(&dl, ST_IOERR), ST_IOERR);
	diag_render(&dl, "status", &out);
	assert_string_equal(strbuf_str(&out), "");
	strbuf_release(&out);
	diag_list_release(&dl);
}

static void test_first_failure_stays(void **state)
{
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(diag_fail(&dl, ST_BUSY, "journal %s is locked", "j.db"), ST_BUSY);
	assert_int_equal(diag_fail(&dl, ST_IOERR, "and then"), ST_BUSY);
	assert_int_equal(diag_status(&dl, ST_NOMEM), ST_BUSY);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].message, "journal j.db is locked");
	assert_string_equal(dl.items[0].file, "");
	assert_int_equal(dl.items[0].line, 0);
	diag_list_reset(&dl);
	assert_int_equal(dl.count, 0);
	assert_int_equal(dl.status, ST_OK);
	diag_list_release(&dl);
}

/* diag_first(): the first message as it was said (no place, not made safe), or "out of memory". */
static void test_first_message(void **state)
{
	struct diag_list dl = DIAG_LIST_INIT;

	(void)state;
	assert_string_equal(diag_first(&dl), "out of memory");
	diag_add(&dl, "inv.yaml", 3, 1, "first\tproblem");
	diag_fail(&dl, ST_USAGE, "second");
	assert_string_equal(diag_first(&dl), "first\tproblem");
	diag_list_release(&dl);
}

static void test_refusal_code_and_field(void **state)
{
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(diag_refuse(&dl, ST_USAGE, REFUSAL_DOWNGRADE, REFUSAL_FIELD_TO,
				     "%s to %s is a downgrade", "0.28", "0.26"), ST_USAGE);
	/* a later failure neither takes the status nor the code */
	assert_int_equal(diag_refuse(&dl, ST_REFUSED, REFUSAL_BLOCKED, REFUSAL_FIELD_ITEM, "x"),
			 ST_USAGE);
	assert_int_equal(dl.code, REFUSAL_DOWNGRADE);
	assert_int_equal(dl.field, REFUSAL_FIELD_TO);
	assert_string_equal(dl.items[0].message, "0.28 to 0.26 is a downgrade");
	diag_list_release(&dl);
}

/* A core helper's words in a strbuf become the failure's one message. */
static void test_fail_why(void **state)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	strbuf_adds(&why, "no Mesos master answered: m1: refused");
	assert_int_equal(diag_fail_why(&dl, ST_UNAVAILABLE, &why), ST_UNAVAILABLE);
	assert_int_equal(dl.count, 1);
	assert_string_equal(dl.items[0].message, "no Mesos master answered: m1: refused");
	assert_int_equal(dl.code, REFUSAL_NONE);
	/* nothing said of a lack of memory: said so */
	diag_list_reset(&dl);
	strbuf_reset(&why);
	assert_int_equal(diag_fail_why(&dl, ST_NOMEM, &why), ST_NOMEM);
	assert_string_equal(dl.items[0].message, "out of memory");
	strbuf_release(&why);
	diag_list_release(&dl);
}

/* Another list's messages, in order, and its failure when the list has none yet. */
static void test_append(void **state)
{
	struct diag_list dl, from;

	(void)state;
	diag_list_init(&dl);
	diag_list_init(&from);
	diag_add(&from, "inv.yaml", 3, 5, "not a host name");
	diag_refuse(&from, ST_USAGE, REFUSAL_INVENTORY_BAD, REFUSAL_FIELD_INVENTORY, "bad");
	from.dropped = 2;
	diag_append(&dl, &from);
	assert_int_equal(dl.count, 2);
	assert_string_equal(dl.items[0].file, "inv.yaml");
	assert_int_equal(dl.items[0].line, 3);
	assert_int_equal(dl.items[0].col, 5);
	assert_string_equal(dl.items[1].message, "bad");
	assert_int_equal(dl.dropped, 2);
	assert_int_equal(dl.status, ST_USAGE);
	assert_int_equal(dl.code, REFUSAL_INVENTORY_BAD);
	assert_int_equal(dl.field, REFUSAL_FIELD_INVENTORY);
	/* the first failure stays */
	diag_list_reset(&from);
	diag_fail(&from, ST_IOERR, "later");
	diag_append(&dl, &from);
	assert_int_equal(dl.count, 3);
	assert_int_equal(dl.status, ST_USAGE);
	diag_list_release(&from);
	diag_list_release(&dl);
}

/* What the command line prints, a line each: places, the command before the placeless, escapes. */
static void test_render_lines(void **state)
{
	struct diag_list dl;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	diag_list_init(&dl);
	dl.max = 3;
	diag_add(&dl, "inv.yaml", 3, 7, "agent 'a' twice");
	diag_add(&dl, "hops", 0, 0, "no hop files found");
	diag_fail(&dl, ST_DATAERR, "the inventory \x1b[31m has problems");
	diag_fail(&dl, ST_DATAERR, "past the most kept");
	diag_render(&dl, "start", &out);
	assert_string_equal(strbuf_str(&out), "inv.yaml:3:7: agent 'a' twice\n"
					      "hops: no hop files found\n"
					      "start: the inventory \\x1b[31m has problems\n"
					      "1 more problems not shown\n");
	strbuf_reset(&out);
	diag_render_one(&dl.items[0], &out);
	assert_string_equal(strbuf_str(&out), "inv.yaml:3:7: agent 'a' twice");
	strbuf_reset(&out);
	dl.dropped = 0;
	dl.nomem = 1;
	diag_render(&dl, NULL, &out);
	assert_non_null(strstr(strbuf_str(&out), "\nthe inventory "));
	assert_non_null(strstr(strbuf_str(&out), "\nout of memory: some problems not shown\n"));
	strbuf_release(&out);
	diag_list_release(&dl);
}

/* A journal's failure said in a list: its own words, or out of memory as such. */
static void test_journal_report(void **state)
{
	char dir[] = "/tmp/mu-test-diag-XXXXXX", path[64];
	struct journal *j = NULL;
	struct diag_list dl;
	enum status st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/j.db", dir);
	assert_int_equal(open_journal(path, JOURNAL_WRITE, &j), ST_OK);
	journal_close(&j);
	assert_int_equal(open_journal(path, JOURNAL_READ, &j), ST_OK);
	diag_list_init(&dl);
	st = journal_begin(j); /* opened to read: a write is refused, said */
	assert_int_not_equal(st, ST_OK);
	assert_int_equal(journal_report(j, st, &dl), st);
	assert_int_equal(dl.count, 1);
	assert_string_equal(dl.items[0].message, journal_error(j));
	assert_true(*journal_error(j));
	diag_list_reset(&dl);
	assert_int_equal(journal_report(j, ST_NOMEM, &dl), ST_NOMEM);
	assert_string_equal(dl.items[0].message, "out of memory");
	diag_list_release(&dl);
	journal_close(&j);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_no_failure),
		cmocka_unit_test(test_first_failure_stays),
		cmocka_unit_test(test_first_message),
		cmocka_unit_test(test_refusal_code_and_field),
		cmocka_unit_test(test_fail_why),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_render_lines),
		cmocka_unit_test(test_journal_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
