/*
 * test_report_export.c - a session's report written to a file
 * (include/report_export.h): whole, said where, never over the journal,
 * nothing written for a session that does not exist, the connection's
 * cache as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <string.h>
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

/* The hosts of @d's step @step (a JSON report): its "hosts" array, NULL when none. */
static json_t *hosts_of(json_t *d, const char *step)
{
	size_t h, i;
	json_t *hop, *it;

	json_array_foreach(json_object_get(d, "hops"), h, hop)
		json_array_foreach(json_object_get(hop, "items"), i, it)
			if (json_is_string(json_object_get(it, "id")) &&
			    !strcmp(json_string_value(json_object_get(it, "id")), step))
				return json_object_get(it, "hosts");
	return NULL;
}

/*
 * A session's agents' items, read a batch at a time and written on a
 * thread of their own, most in one piece (render_json.c): a check-off's
 * time and a skip's reason that need escaping (a journal written by hand:
 * the commands refuse such times) come out as JSON strings of the same
 * bytes, a note under its host, every host in inventory order.
 */
static void test_hosts_texts_escaped(void **state)
{
	static const char step[] = "0.26-0.27/restart-agents";
	static const char hostile[] = "2026-11-18T11:06:40Z\"\\\x01<b>";
	struct fx *f = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	char out[4200], sql[512];
	json_error_t err;
	json_t *d, *hosts, *h;
	sqlite3 *db = NULL;
	size_t i;

	f->inv = parse_inventory("masters: [m1]\nagents: [a1, a2, a3, a4]\n");
	assert_int_equal(session_start(f->j, f->c, "0.26", "0.28", "CHG-2", f->inv, &f->who,
				       &f->sid, &dl), ST_OK);
	diag_list_release(&dl);
	MARK_EXPECT(ST_OK, f, "0.26-0.27/restart-agents@a1", MARK_DONE, "early", NULL, true);
	MARK_EXPECT(ST_OK, f, "0.26-0.27/restart-agents@a2", MARK_SKIP, "retired", NULL, true);
	OK(f, "0.26-0.27/restart-agents@a3", MARK_NOTE, "disk slow");
	/* the events are append-only (a trigger): lifted for this change */
	snprintf(sql, sizeof(sql),
		 "DROP TRIGGER events_append_only_update;"
		 "UPDATE events SET time = '%s' WHERE item = '%s@a1';"
		 "UPDATE events SET text = 'retired \"for good\"' WHERE item = '%s@a2';",
		 "2026-11-18T11:06:40Z\"\\' || char(1) || '<b>", step, step);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	snprintf(out, sizeof(out), "%s.json", f->path);
	assert_int_equal(report_export(f->j, f->c, f->sid, FMT_JSON, out, &f->dl, &f->msg), ST_OK);
	d = json_load_file(out, 0, &err);
	if (!d)
		fail_msg("not JSON: %s (line %d)", err.text, err.line);
	hosts = hosts_of(d, step);
	assert_int_equal(json_array_size(hosts), 4);
	json_array_foreach(hosts, i, h) {
		char id[64];
		snprintf(id, sizeof(id), "%s@a%zu", step, i + 1);
		assert_string_equal(json_string_value(json_object_get(h, "id")), id);
		assert_string_equal(json_string_value(json_object_get(h, "target")), id + sizeof(step));
	}
	h = json_array_get(hosts, 0);
	assert_string_equal(json_string_value(json_object_get(h, "time")), hostile);
	assert_string_equal(json_string_value(json_object_get(h, "state")), "done");
	h = json_array_get(hosts, 1);
	assert_string_equal(json_string_value(json_object_get(h, "reason")), "retired \"for good\"");
	h = json_array_get(hosts, 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(h, "notes"), 0), "text")), "disk slow");
	assert_true(json_is_null(json_object_get(json_array_get(hosts, 3), "time")));
	json_decref(d);
	unlink(out);
}

/*
 * A report reads its hosts' items with a small page cache (each page is read
 * once), then gives the connection back as it was: the wizard exports on
 * the connection it goes on reading with.
 */
static void test_cache_as_before(void **state)
{
	static const enum render_format fmts[] = { FMT_MD, FMT_JSON };
	struct fx *f = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	int64_t was = 0, now = 0;
	char out[4200];

	f->inv = parse_inventory("masters: [m1]\nagents: [a1, a2, a3]\n");
	assert_int_equal(session_start(f->j, f->c, "0.26", "0.28", "CHG-3", f->inv, &f->who,
				       &f->sid, &dl), ST_OK);
	diag_list_release(&dl);
	MARK_EXPECT(ST_OK, f, "0.26-0.27/restart-agents@a1", MARK_DONE, "early", NULL, true);
	/* a cache of 1,000 KiB: neither SQLite's default nor the report's */
	assert_true(journal_scan_cache(f->j, 1000, &was));
	for (size_t k = 0; k < sizeof(fmts) / sizeof(*fmts); k++) {
		snprintf(out, sizeof(out), "%s.%zu", f->path, k);
		assert_int_equal(report_export(f->j, f->c, f->sid, fmts[k], out, &f->dl, &f->msg),
				 ST_OK);
		unlink(out);
		assert_true(journal_scan_cache(f->j, 64, &now));
		assert_int_equal(now, -1000);
		assert_true(journal_scan_cache(f->j, 1000, &was));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_writes_and_says_where, setup, teardown),
		cmocka_unit_test_setup_teardown(test_never_over_the_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_such_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hosts_texts_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_as_before, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
