/*
 * test_journal_complete.c - what a completion script asks the journal for
 * (journal_complete(), journal_complete_sessions(), journal_prefix_end()):
 * the ids of one session that start with a prefix, sorted bytewise, the
 * edges of the range (a prefix ending in bytes 0xFF, an empty one) and no
 * row of another session. And what the wizard's search asks first
 * (journal_hosts_holding()): whether a host's name holds a text.
 *
 * Each test has a journal of its own (session_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "complete"
#include "session_fixture.h"

/* A session of the items @ids (a NULL-terminated list); its id. */
static int64_t add_session(struct journal *j, const char *const *ids)
{
	struct journal_session s = {
		.from = "0.1", .to = "0.3", .title = "t", .operator_name = "alice",
		.host = "bastion-1", .created = "2026-01-02T03:04:05Z",
		.content_digest = "c0ffee", .content_version = "1.0.0",
	};
	struct journal_item items[16];
	size_t n = 0;
	int64_t id = -1;

	for (; ids && ids[n]; n++)
		items[n] = (struct journal_item){ ids[n], "step", "d" };
	assert_int_equal(journal_begin(j), ST_OK);
	assert_int_equal(journal_session_add(j, &s, items, n, &id), ST_OK);
	assert_int_equal(journal_commit(j), ST_OK);
	return id;
}

/* What a listing handed over, joined by '|'; it stops after @stop_after ids when not 0. */
struct got {
	struct strbuf ids;
	size_t n, stop_after;
};

static bool collect(void *ctx, const char *id, size_t len)
{
	struct got *g = ctx;

	if (g->n++)
		strbuf_addc(&g->ids, '|');
	strbuf_add(&g->ids, id, len);
	return !(g->stop_after && g->n >= g->stop_after);
}

/* journal_complete() of @what in @session from @prefix is @want (ids joined by '|'). */
static void expect(struct journal *j, enum journal_complete_what what, int64_t session,
		   const char *prefix, const char *want)
{
	struct got g = { STRBUF_INIT, 0, 0 };
	bool found = false;

	assert_int_equal(journal_complete(j, what, session, prefix, collect, &g, &found), ST_OK);
	assert_true(found);
	assert_string_equal(strbuf_str(&g.ids), want);
	strbuf_release(&g.ids);
}

/* ---- the end of a prefix's range ---------------------------------------- */

static void test_prefix_end(void **state)
{
	struct strbuf end = STRBUF_INIT;

	(void)state;
	assert_false(journal_prefix_end("", &end));
	assert_true(journal_prefix_end("ab", &end));
	assert_string_equal(strbuf_str(&end), "ac");
	assert_true(journal_prefix_end("a\x7f", &end));
	assert_string_equal(strbuf_str(&end), "a\x80");
	assert_true(journal_prefix_end("a\xfe", &end));
	assert_string_equal(strbuf_str(&end), "a\xff");
	/* bytes 0xFF at the end have nothing after them: the range ends after "a" */
	assert_true(journal_prefix_end("a\xff\xff", &end));
	assert_string_equal(strbuf_str(&end), "b");
	assert_false(journal_prefix_end("\xff\xff", &end));
	strbuf_release(&end);
}

/* ---- items --------------------------------------------------------------- */

static const char *const ITEMS[] = {
	"0.1-0.2/s1", "0.1-0.2/s10", "0.1-0.2/s1@h1", "0.1-0.3/x", "a", "ab",
	"a\xff", "a\xff" "b", "a\xff\xff", "b", "\xff", NULL,
};

static void test_items(void **state)
{
	struct fx *f = *state;
	static const char *const other[] = { "0.1-0.2/s2", "a0", "zz", NULL };
	int64_t id = add_session(f->j, ITEMS);

	add_session(f->j, other); /* its items are never listed for the first */
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "",
	       "0.1-0.2/s1|0.1-0.2/s10|0.1-0.2/s1@h1|0.1-0.3/x|a|ab|a\xff|a\xff" "b|a\xff\xff|b|\xff");
	/* bytewise, as bash wants it: '0' sorts before '@' */
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "0.1-0.2/s1", "0.1-0.2/s1|0.1-0.2/s10|0.1-0.2/s1@h1");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "0.1-0.2/s1@", "0.1-0.2/s1@h1");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "a", "a|ab|a\xff|a\xff" "b|a\xff\xff");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "a\xff", "a\xff|a\xff" "b|a\xff\xff");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "a\xff\xff", "a\xff\xff");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "\xff", "\xff");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "\xff\xff", "");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id, "zz", "");
	expect(f->j, JOURNAL_COMPLETE_ITEMS, id + 1, "", "0.1-0.2/s2|a0|zz");
}

static void test_items_stop(void **state)
{
	struct fx *f = *state;
	struct got g = { STRBUF_INIT, 0, 2 };
	int64_t id = add_session(f->j, ITEMS);
	bool found = false;

	assert_int_equal(journal_complete(f->j, JOURNAL_COMPLETE_ITEMS, id, "", collect, &g, &found),
			 ST_OK);
	assert_true(found);
	assert_string_equal(strbuf_str(&g.ids), "0.1-0.2/s1|0.1-0.2/s10");
	strbuf_release(&g.ids);
}

static void test_no_such_session(void **state)
{
	struct fx *f = *state;
	struct got g = { STRBUF_INIT, 0, 0 };
	bool found = true;

	add_session(f->j, ITEMS);
	for (int w = JOURNAL_COMPLETE_ITEMS; w <= JOURNAL_COMPLETE_EXCLUDED; w++) {
		found = true;
		assert_int_equal(journal_complete(f->j, (enum journal_complete_what)w, 2, "", collect,
						  &g, &found),
				 ST_OK);
		assert_false(found);
	}
	assert_int_equal(g.n, 0);
	strbuf_release(&g.ids);
}

/* ---- hosts ------------------------------------------------------------------ */

/* Session @id's inventory: m1 (leader), m2; agents a1, a2; then a3 added by an edit. */
static void add_hosts(struct journal *j, int64_t id)
{
	static const struct journal_host hosts[] = {
		{ "master", "m2", false, NULL }, { "master", "m1", true, NULL },
		{ "agent", "a2", false, NULL }, { "agent", "a1", false, NULL },
	};
	const struct journal_host added = { "agent", "a3", false, NULL };
	const struct journal_edit e = { .session = id, .from_hop = "0.1-0.2", .file = "inv.yaml",
					.operator_name = "alice", .host = "b", .time = "2026" };
	int64_t edit = 0;

	assert_int_equal(journal_begin(j), ST_OK);
	assert_int_equal(journal_hosts_add(j, id, hosts, sizeof(hosts) / sizeof(*hosts)), ST_OK);
	assert_int_equal(journal_edit_add(j, &e, &edit), ST_OK);
	assert_int_equal(journal_added_host_add(j, id, edit, &added), ST_OK);
	assert_int_equal(journal_commit(j), ST_OK);
}

static void test_hosts(void **state)
{
	struct fx *f = *state;
	int64_t id = add_session(f->j, ITEMS), other = add_session(f->j, ITEMS);

	add_hosts(f->j, id);
	expect(f->j, JOURNAL_COMPLETE_HOSTS, id, "", "a1|a2|a3|m1|m2");
	expect(f->j, JOURNAL_COMPLETE_HOSTS, id, "a", "a1|a2|a3");
	expect(f->j, JOURNAL_COMPLETE_HOSTS, id, "m1", "m1");
	expect(f->j, JOURNAL_COMPLETE_HOSTS, id, "x", "");
	expect(f->j, JOURNAL_COMPLETE_HOSTS, other, "", "");
}

/* journal_hosts_holding() of @text in @session is @want. */
static void expect_holding(struct journal *j, int64_t session, const char *text, bool want)
{
	bool any = !want;

	assert_int_equal(journal_hosts_holding(j, session, text, &any), ST_OK);
	assert_int_equal(any, want);
}

static void test_hosts_holding(void **state)
{
	struct fx *f = *state;
	int64_t id = add_session(f->j, ITEMS), other = add_session(f->j, ITEMS);

	add_hosts(f->j, id);
	expect_holding(f->j, id, "a1", true);
	expect_holding(f->j, id, "A2", true);  /* letters in either case */
	expect_holding(f->j, id, "M", true);   /* a master's */
	expect_holding(f->j, id, "a3", true);  /* added by an edit */
	expect_holding(f->j, id, "", true);
	expect_holding(f->j, id, "a4", false);
	expect_holding(f->j, id, "1a", false); /* a part of no name */
	expect_holding(f->j, other, "a", false);
}

/* Record that agent @target of @session was excluded, or included again when @include. */
static void exclusion(struct journal *j, int64_t session, bool include, const char *target)
{
	const struct journal_exclusion x = {
		.session = session, .include = include, .role = "agent", .target = target,
		.operator_name = "alice", .host = "b", .time = "2026", .text = "gone",
	};

	assert_int_equal(journal_begin(j), ST_OK);
	assert_int_equal(journal_exclusion_add(j, &x, NULL), ST_OK);
	assert_int_equal(journal_commit(j), ST_OK);
}

static void test_excluded(void **state)
{
	struct fx *f = *state;
	int64_t id = add_session(f->j, ITEMS), other = add_session(f->j, ITEMS);

	add_hosts(f->j, id);
	add_hosts(f->j, other);
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, id, "", "");
	exclusion(f->j, id, false, "a1");
	exclusion(f->j, id, false, "a2");
	exclusion(f->j, other, false, "a3");
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, id, "", "a1|a2");
	/* each host by its latest: a1 back in, then out again, then in */
	exclusion(f->j, id, true, "a1");
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, id, "", "a2");
	exclusion(f->j, id, false, "a1");
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, id, "a", "a1|a2");
	exclusion(f->j, id, true, "a1");
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, id, "a1", "");
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, id, "a2", "a2");
	expect(f->j, JOURNAL_COMPLETE_EXCLUDED, other, "", "a3");
}

/* ---- sessions ----------------------------------------------------------- */

static void sessions_are(struct journal *j, const char *prefix, const char *want)
{
	struct got g = { STRBUF_INIT, 0, 0 };

	assert_int_equal(journal_complete_sessions(j, prefix, collect, &g), ST_OK);
	assert_string_equal(strbuf_str(&g.ids), want);
	strbuf_release(&g.ids);
}

static void test_sessions(void **state)
{
	struct fx *f = *state;

	sessions_are(f->j, "", "");
	for (int i = 0; i < 12; i++)
		add_session(f->j, NULL);
	sessions_are(f->j, "", "1|2|3|4|5|6|7|8|9|10|11|12");
	sessions_are(f->j, "1", "1|10|11|12");
	sessions_are(f->j, "12", "12");
	sessions_are(f->j, "123", "");
	sessions_are(f->j, "x", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix_end),
		cmocka_unit_test_setup_teardown(test_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_such_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hosts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hosts_holding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excluded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
