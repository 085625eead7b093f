/*
 * test_refusal.c - every refusal of session_start(), session_mark() and
 * session_mark_many() comes as data (include/refusal.h, session.h): the
 * code, the field at fault, the item and what is in its way.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "refusal"
#include "session_fixture.h"

#define INVENTORY "tests/fixtures/inventory/"

static struct session_refusal r = SESSION_REFUSAL_INIT;

static int each_setup(void **state)
{
	session_refusal_release(&r);
	return setup(state);
}

static int each_teardown(void **state)
{
	session_refusal_release(&r);
	return teardown(state);
}

static void start(struct fx *f, const char *from, const char *to, const char *inv)
{
	struct diag_list dl;

	diag_list_init(&dl);
	if (inv)
		assert_int_equal(session_inventory_load(inv, &f->inv, &dl), ST_OK);
	assert_int_equal(session_start(f->j, f->c, from, to, "t", f->inv, &f->who, &f->sid, &dl),
			 ST_OK);
	diag_list_release(&dl);
}

/* session_mark() of @item, expecting @want; its refusal in r. */
static void mark(struct fx *f, const char *item, enum mark_action a, const char *text,
		 const char *branch, bool force, enum status want)
{
	struct mark_request req = { f->sid, item, a, text, branch, force, NULL };

	session_refusal_release(&r);
	strbuf_reset(&f->msg);
	assert_int_equal(mark_words(f->j, f->c, NULL, &req, &f->who, &r, &f->msg), want);
	if (want == ST_OK)
		assert_int_equal(r.code, REFUSAL_NONE);
	else
		assert_true(f->msg.len > 0); /* the default wording is still there */
}

/*
 * session_mark_many() of the one item @items[0] with @a, its refusal in r:
 * the list's one message and code moved to f->msg and f->refused
 * (change_said()).
 */
static enum status many(struct fx *f, const char *const *items, enum mark_action a,
			const char *text, size_t *recorded)
{
	strbuf_reset(&f->msg);
	return change_said(f, session_mark_many(f->j, f->c, f->sid, items, 1, a, text, &f->who,
						NULL, recorded, &r, &f->dl));
}

/* The index of @id in the session as loaded now. */
static long index_of(struct fx *f, const char *id)
{
	struct session *s = NULL;
	long i;

	assert_int_equal(session_load(f->j, f->c, f->sid, &s, &f->dl), ST_OK);
	i = session_find(s, id);
	session_free(&s);
	assert_true(i >= 0);
	return i;
}

static void expect(enum refusal_code code, enum refusal_field field, long item,
		   const char *item_id)
{
	assert_string_equal(refusal_code_name(r.code), refusal_code_name(code));
	assert_int_equal(r.field, field);
	assert_int_equal(r.item, item);
	assert_string_equal(r.item_id, item_id);
}

static void test_versions(void **state)
{
	static const struct {
		const char *from, *to;
		enum refusal_code code;
		enum refusal_field field;
	} cases[] = {
		{ "", "0.28", REFUSAL_VERSION_MISSING, REFUSAL_FIELD_FROM },
		{ "0.26", "", REFUSAL_VERSION_MISSING, REFUSAL_FIELD_TO },
		{ "abc", "0.28", REFUSAL_VERSION_BAD, REFUSAL_FIELD_FROM },
		{ "0.26", "0.28.1.2", REFUSAL_VERSION_BAD, REFUSAL_FIELD_TO },
		{ "0.26.0", "0.26.x", REFUSAL_SAME_SERIES, REFUSAL_FIELD_NONE },
		{ "0.27", "0.22", REFUSAL_DOWNGRADE, REFUSAL_FIELD_NONE },
		/* NULL: the content's last series (tests/content_counts) */
		{ NULL, "9.0", REFUSAL_FROM_NEWEST, REFUSAL_FIELD_FROM },
		{ "0.10", "0.28", REFUSAL_OUTSIDE, REFUSAL_FIELD_FROM },
		{ "0.26", "0.29", REFUSAL_OUTSIDE, REFUSAL_FIELD_TO },
	};
	struct fx *f = *state;
	char last[16];

	content_count_str("LAST", last, sizeof(last));
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *from = cases[i].from ? cases[i].from : last;
		struct diag_list dl, planned;
		struct plan p;
		int64_t id = -7;

		diag_list_init(&dl);
		assert_int_equal(session_start(f->j, f->c, from, cases[i].to, "", NULL,
					       &f->who, &id, &dl), ST_USAGE);
		assert_string_equal(refusal_code_name(dl.code), refusal_code_name(cases[i].code));
		assert_int_equal(dl.field, cases[i].field);
		assert_int_equal(dl.status, ST_USAGE);
		assert_int_equal(dl.count, 1);
		assert_int_equal(id, -7);
		/* the planner alone says the same, code, field and words */
		diag_list_init(&planned);
		assert_int_equal(plan_build_refusal(f->c, from, cases[i].to, &p, &planned), ST_USAGE);
		assert_int_equal(planned.code, cases[i].code);
		assert_int_equal(planned.field, cases[i].field);
		assert_int_equal(planned.count, 1);
		assert_string_equal(planned.items[0].message, dl.items[0].message);
		/* the words are the table's (refusal_plan_words()), with the flags' names */
		strbuf_reset(&f->msg);
		refusal_plan_words(&f->msg, f->c, planned.code, planned.field, from, cases[i].to,
				   "--from", "--to");
		assert_string_equal(strbuf_str(&f->msg), planned.items[0].message);
		diag_list_release(&planned);
		diag_list_release(&dl);
	}
}

/* One table, the names of the versions' flags or fields the only difference. */
static void test_plan_words_names(void **state)
{
	struct fx *f = *state;
	char range[64], want[160];

	plan_supported_range(f->c, range, sizeof(range));
	strbuf_reset(&f->msg);
	refusal_plan_words(&f->msg, f->c, REFUSAL_VERSION_MISSING, REFUSAL_FIELD_TO, "0.26", "",
			   "From", "To");
	snprintf(want, sizeof(want), "To needs a version (supported: %s)", range);
	assert_string_equal(strbuf_str(&f->msg), want);
	strbuf_reset(&f->msg);
	refusal_plan_words(&f->msg, f->c, REFUSAL_OUTSIDE, REFUSAL_FIELD_FROM, "0.10.0", "0.28",
			   "--from", "--to");
	snprintf(want, sizeof(want), "--from 0.10.0 is outside the guide (supported: %s)", range);
	assert_string_equal(strbuf_str(&f->msg), want);
	/* a code that is not a plan's */
	strbuf_reset(&f->msg);
	refusal_plan_words(&f->msg, f->c, REFUSAL_BLOCKED, REFUSAL_FIELD_NONE, "0.26", "0.28",
			   "--from", "--to");
	snprintf(want, sizeof(want), "refused (blocked) (supported: %s)", range);
	assert_string_equal(strbuf_str(&f->msg), want);
}

/* {name} replaced by its value; an unknown name and an open brace kept as they are. */
static void test_fill(void **state)
{
	const struct refusal_var v[] = { { "item", "h1/a" }, { "n", "" } };
	struct fx *f = *state;

	strbuf_reset(&f->msg);
	refusal_fill(&f->msg, "{item} x{n}y {other} {item", v, 2);
	assert_string_equal(strbuf_str(&f->msg), "h1/a xy {other} {item");
	strbuf_reset(&f->msg);
	refusal_fill(&f->msg, "", v, 2);
	assert_string_equal(strbuf_str(&f->msg), "");
}

/* A check-off's refusal travels in a diag_list: its code, field and words. */
static void test_mark_said(void **state)
{
	struct fx *f = *state;
	struct diag_list dl;

	start(f, "0.16.1", "0.19", NULL);
	mark(f, "0.16-0.17/nope", MARK_DONE, NULL, NULL, false, ST_USAGE);
	diag_list_init(&dl);
	assert_int_equal(session_refusal_said(ST_USAGE, &r, &f->msg, &dl), ST_USAGE);
	assert_int_equal(dl.code, REFUSAL_UNKNOWN_ITEM);
	assert_int_equal(dl.field, REFUSAL_FIELD_ITEM);
	assert_int_equal(dl.count, 1);
	assert_string_equal(dl.items[0].message, strbuf_str(&f->msg));
	/* no refusal (the journal failed): a failure, no code */
	diag_list_reset(&dl);
	assert_int_equal(session_refusal_said(ST_IOERR, NULL, &f->msg, &dl), ST_IOERR);
	assert_int_equal(dl.code, REFUSAL_NONE);
	assert_int_equal(dl.count, 1);
	/* ST_OK says nothing */
	diag_list_reset(&dl);
	assert_int_equal(session_refusal_said(ST_OK, &r, &f->msg, &dl), ST_OK);
	assert_int_equal(dl.count, 0);
	diag_list_release(&dl);
}

static void test_title_and_inventory(void **state)
{
	struct fx *f = *state;
	char longtitle[SESSION_TITLE_MAX + 2];
	struct diag_list dl;
	int64_t id = -7;

	assert_true(session_title_check(NULL, &r));
	assert_true(session_title_check("CHG-1234 prod-east", &r));
	assert_int_equal(r.code, REFUSAL_NONE);
	memset(longtitle, 'x', sizeof(longtitle) - 1);
	longtitle[sizeof(longtitle) - 1] = '\0';
	assert_false(session_title_check(longtitle, &r));
	assert_int_equal(r.code, REFUSAL_TITLE_LONG);
	assert_int_equal(r.field, REFUSAL_FIELD_TITLE);
	longtitle[SESSION_TITLE_MAX] = '\0'; /* the most there may be */
	assert_true(session_title_check(longtitle, NULL));
	session_refusal_release(&r);
	assert_false(session_title_check("evil\x1b[2J", &r));
	assert_int_equal(r.code, REFUSAL_TITLE_UNPRINTABLE);
	assert_int_equal(r.field, REFUSAL_FIELD_TITLE);
	/* session_start() refuses it too, before the journal */
	diag_list_init(&dl);
	assert_int_equal(session_start(f->j, f->c, "0.26", "0.28", "two\nlines", NULL, &f->who, &id,
				       &dl), ST_USAGE);
	assert_int_equal(dl.code, REFUSAL_TITLE_UNPRINTABLE);
	assert_int_equal(dl.field, REFUSAL_FIELD_TITLE);
	assert_int_equal(id, -7);
	diag_list_reset(&dl);
	assert_int_not_equal(session_inventory_load(INVENTORY "no_such_file.yaml", &f->inv, &dl),
			     ST_OK);
	assert_int_equal(dl.code, REFUSAL_INVENTORY_MISSING);
	assert_int_equal(dl.field, REFUSAL_FIELD_INVENTORY);
	diag_list_reset(&dl);
	assert_int_equal(session_inventory_load(INVENTORY "bad_duplicate.yaml", &f->inv, &dl),
			 ST_DATAERR);
	assert_int_equal(dl.code, REFUSAL_INVENTORY_BAD);
	assert_int_equal(dl.field, REFUSAL_FIELD_INVENTORY);
	assert_int_equal(dl.status, ST_DATAERR);
	/* the problems themselves, each with its place */
	assert_true(dl.count > 0);
	assert_true(dl.items[0].line > 0);
	diag_list_release(&dl);
}

/* session_change()'s refusals in the one type (diag.h); its account alone in the message. */
static void test_change(void **state)
{
	struct fx *f = *state;
	struct diag_list dl;

	start(f, "0.26", "0.28", NULL);
	diag_list_init(&dl);
	strbuf_reset(&f->msg);
	assert_int_equal(session_change(f->j, f->c, f->sid, SESSION_CLOSE, "", &f->who, &dl,
					&f->msg), ST_USAGE);
	assert_int_equal(dl.status, ST_USAGE);
	assert_int_equal(dl.code, REFUSAL_CLOSE_NO_REASON);
	assert_int_equal(dl.field, REFUSAL_FIELD_TEXT);
	assert_string_equal(dl.items[0].message, "closing a session needs a reason");
	assert_int_equal(f->msg.len, 0);
	diag_list_reset(&dl);
	assert_int_equal(session_change(f->j, f->c, f->sid, SESSION_RETITLE, "two\nlines", &f->who,
					&dl, &f->msg), ST_USAGE);
	assert_int_equal(dl.code, REFUSAL_TITLE_UNPRINTABLE);
	assert_int_equal(dl.field, REFUSAL_FIELD_TITLE);
	diag_list_reset(&dl);
	assert_int_equal(session_change(f->j, f->c, f->sid, SESSION_CLOSE, "done", &f->who, &dl,
					&f->msg), ST_OK);
	assert_int_equal(dl.count, 0);
	assert_non_null(strstr(strbuf_str(&f->msg), " closed by "));
	diag_list_release(&dl);
}

static void test_requests(void **state)
{
	struct fx *f = *state;
	long rm = 0, us = 1;

	start(f, "0.16", "0.18", NULL);
	assert_int_equal(index_of(f, "0.16-0.17/restart-masters"), rm);
	assert_int_equal(index_of(f, "0.16-0.17/upgrade-schedulers"), us);

	mark(f, "0.16-0.17/nope", MARK_DONE, NULL, NULL, false, ST_USAGE);
	expect(REFUSAL_UNKNOWN_ITEM, REFUSAL_FIELD_ITEM, -1, "0.16-0.17/nope");
	assert_string_equal(r.example_id, "0.16-0.17/restart-masters");

	mark(f, "0.16-0.17/restart-masters", MARK_SKIP, " ", NULL, false, ST_USAGE);
	expect(REFUSAL_SKIP_NO_REASON, REFUSAL_FIELD_TEXT, rm, "0.16-0.17/restart-masters");
	mark(f, "0.16-0.17/restart-masters", MARK_NOTE, "\t", NULL, false, ST_USAGE);
	expect(REFUSAL_EMPTY_NOTE, REFUSAL_FIELD_TEXT, rm, "0.16-0.17/restart-masters");
	mark(f, "0.16-0.17/restart-masters", MARK_UNDO, NULL, NULL, false, ST_REFUSED);
	expect(REFUSAL_NOTHING_TO_UNDO, REFUSAL_FIELD_ACTION, rm, "0.16-0.17/restart-masters");
	mark(f, "0.16-0.17/restart-masters", MARK_DONE, NULL, "x", false, ST_USAGE);
	expect(REFUSAL_BRANCH_NOT_ALLOWED, REFUSAL_FIELD_BRANCH, rm, "0.16-0.17/restart-masters");

	/* a step with branches: asked for before its rules */
	mark(f, "0.17-0.18/restart-agents", MARK_DONE, NULL, NULL, false, ST_REFUSED);
	expect(REFUSAL_BRANCH_NEEDED, REFUSAL_FIELD_BRANCH, index_of(f, "0.17-0.18/restart-agents"),
	       "0.17-0.18/restart-agents");
	assert_non_null(r.step);
	assert_int_equal(r.step->nbranches, 2);
	mark(f, "0.17-0.18/restart-agents", MARK_DONE, NULL, "nope", false, ST_USAGE);
	expect(REFUSAL_UNKNOWN_BRANCH, REFUSAL_FIELD_BRANCH, index_of(f, "0.17-0.18/restart-agents"),
	       "0.17-0.18/restart-agents");
	assert_int_equal(r.step->nbranches, 2);

	mark(f, "0.16-0.17/restart-masters", MARK_DONE, NULL, NULL, false, ST_OK);
	mark(f, "0.16-0.17/restart-masters", MARK_SKIP, "why", NULL, false, ST_REFUSED);
	expect(REFUSAL_OTHER_STATE, REFUSAL_FIELD_ACTION, rm, "0.16-0.17/restart-masters");
	assert_int_equal(r.state, ITEM_DONE);
	assert_string_equal(r.by, "alice");
	assert_string_equal(r.at, "2026-11-18T11:06:40Z");
}

static void test_rules(void **state)
{
	struct fx *f = *state;
	static const char *const hop1[] = {
		"0.16-0.17/restart-masters", "0.16-0.17/upgrade-schedulers",
		"0.16-0.17/restart-schedulers", "0.16-0.17/restart-agents",
		"0.16-0.17/upgrade-executors",
	};
	long us, rs, note;

	start(f, "0.16", "0.18", NULL);
	us = index_of(f, "0.16-0.17/upgrade-schedulers");
	rs = index_of(f, "0.16-0.17/restart-schedulers");
	note = index_of(f, "0.17-0.18/cgroups-reboot");

	/* steps in order: the first pending step is in the way */
	mark(f, "0.16-0.17/restart-schedulers", MARK_DONE, NULL, NULL, false, ST_REFUSED);
	expect(REFUSAL_BLOCKED, REFUSAL_FIELD_NONE, rs, "0.16-0.17/restart-schedulers");
	assert_int_equal(r.block, SESSION_BLOCK_ORDER);
	assert_int_equal(r.blocker, 0);
	assert_string_equal(r.blocker_id, "0.16-0.17/restart-masters");
	assert_string_equal(r.hop_id, "0.16-0.17");
	assert_true(r.can_force);
	/* an override needs its reason */
	mark(f, "0.16-0.17/upgrade-schedulers", MARK_DONE, NULL, NULL, true, ST_USAGE);
	expect(REFUSAL_FORCE_NO_REASON, REFUSAL_FIELD_TEXT, us, "0.16-0.17/upgrade-schedulers");

	/* hops in order: the earlier hop's first pending item, and that hop */
	mark(f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL, NULL, false, ST_REFUSED);
	expect(REFUSAL_BLOCKED, REFUSAL_FIELD_NONE, note, "0.17-0.18/cgroups-reboot");
	assert_int_equal(r.block, SESSION_BLOCK_EARLIER_HOP);
	assert_int_equal(r.blocker, 0);
	assert_string_equal(r.blocker_id, "0.16-0.17/restart-masters");
	assert_string_equal(r.hop_id, "0.16-0.17");

	/* notes first: the hop's pending note, and this hop */
	for (size_t i = 0; i < sizeof(hop1) / sizeof(*hop1); i++)
		mark(f, hop1[i], MARK_DONE, NULL, NULL, false, ST_OK);
	mark(f, "0.17-0.18/upgrade-schedulers", MARK_SKIP, "later", NULL, false, ST_REFUSED);
	expect(REFUSAL_BLOCKED, REFUSAL_FIELD_NONE, index_of(f, "0.17-0.18/upgrade-schedulers"),
	       "0.17-0.18/upgrade-schedulers");
	assert_int_equal(r.block, SESSION_BLOCK_NOTES);
	assert_int_equal(r.blocker, note);
	assert_string_equal(r.blocker_id, "0.17-0.18/cgroups-reboot");
	assert_string_equal(r.hop_id, "0.17-0.18");
	assert_true(r.can_force);
}

static void test_hosts(void **state)
{
	struct fx *f = *state;
	static const char *const masters[] = { "0.16-0.17/restart-masters@master-1.dc1" };
	static const char *const plain[] = { "0.16-0.17/restart-masters" };
	size_t recorded = 9;

	start(f, "0.16", "0.18", INVENTORY "good_cluster.yaml");
	mark(f, "0.16-0.17/restart-masters", MARK_DONE, NULL, NULL, false, ST_USAGE);
	expect(REFUSAL_PER_HOST_STEP, REFUSAL_FIELD_ITEM, 0, "0.16-0.17/restart-masters");
	assert_int_equal(r.nhosts, 3);
	assert_int_equal(r.npending, 3);
	mark(f, masters[0], MARK_DONE, NULL, NULL, false, ST_OK);
	mark(f, "0.16-0.17/restart-masters", MARK_DONE, NULL, NULL, false, ST_USAGE);
	assert_int_equal(r.npending, 2);

	session_refusal_release(&r);
	assert_int_equal(many(f, masters, MARK_NOTE, "x", &recorded), ST_USAGE);
	assert_int_equal(f->refused, REFUSAL_MANY_ACTION);
	assert_int_equal(r.code, REFUSAL_MANY_ACTION);
	assert_int_equal(r.field, REFUSAL_FIELD_ACTION);
	assert_int_equal(recorded, 0);
	session_refusal_release(&r);
	assert_int_equal(many(f, plain, MARK_UNDO, NULL, &recorded), ST_USAGE);
	assert_int_equal(f->refused, REFUSAL_PER_HOST_STEP);
	/* the step itself is refused as a step: it is marked host by host */
	expect(REFUSAL_PER_HOST_STEP, REFUSAL_FIELD_ITEM, 0, "0.16-0.17/restart-masters");
}

/* An item that is not a host's, given to session_mark_many(). */
static void test_not_a_host(void **state)
{
	struct fx *f = *state;
	static const char *const plain[] = { "0.16-0.17/restart-masters" };
	size_t recorded = 9;

	start(f, "0.16", "0.18", NULL);
	session_refusal_release(&r);
	assert_int_equal(many(f, plain, MARK_DONE, NULL, &recorded), ST_USAGE);
	assert_int_equal(f->refused, REFUSAL_NOT_HOST_ITEM);
	msg_has(f, "is not a host's item of a per-host step");
	expect(REFUSAL_NOT_HOST_ITEM, REFUSAL_FIELD_ITEM, 0, "0.16-0.17/restart-masters");
	assert_int_equal(recorded, 0);
}

/* Every code has a name of its own. */
static void test_names(void **state)
{
	(void)state;
	for (int a = REFUSAL_NONE; a <= REFUSAL_MANY_ACTION; a++) {
		assert_string_not_equal(refusal_code_name((enum refusal_code)a), "?");
		for (int b = REFUSAL_NONE; b < a; b++)
			assert_string_not_equal(refusal_code_name((enum refusal_code)a),
						refusal_code_name((enum refusal_code)b));
	}
	assert_string_equal(refusal_code_name((enum refusal_code)999), "?");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, each_setup, each_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_versions), T(test_plan_words_names), T(test_fill), T(test_mark_said),
		T(test_title_and_inventory),
		T(test_change), T(test_requests),
		T(test_rules),
		T(test_hosts), T(test_not_a_host), T(test_names),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
