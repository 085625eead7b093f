/*
 * test_content_identity.c - a session and the content it was planned with
 * (issue 16, section 3): the content's directory recorded (absolute; NULL
 * built in); a session planned with other content refused by session_load()
 * with how to read it, and loaded by session_load_record() from the journal
 * alone; a step recorded resolved as a whole that the content now has per
 * host stays resolved, and becomes per host once undone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "identity"
#include "session_fixture.h"

#define IDENTITY "tests/fixtures/content/identity"

static struct content *dir_content(const char *dir)
{
	struct content *c = NULL;
	struct diag_list dl;

	diag_list_init(&dl);
	if (content_load_dir(dir, &c, &dl) != ST_OK)
		diag_print(&dl, stderr, dir);
	diag_list_release(&dl);
	assert_non_null(c);
	return c;
}

static void start_with(struct fx *f, const char *from, const char *to,
		       const struct inventory *inv)
{
	struct diag_list why = { 0 };

	if (session_start(f->j, f->c, from, to, "identity", inv, &f->who, &f->sid, &why) !=
	    ST_OK)
		fail_msg("session_start: %s", diag_said(&why));
	diag_list_release(&why);
}

/*
 * session_load() of f->sid with @c: @want, and when it fails the list says
 * that status with one message holding @says.
 */
static void load_is(struct fx *f, const struct content *c, enum status want, const char *says)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *s = NULL;
	enum status st = session_load(f->j, c, f->sid, &s, &dl);

	if (st != want || (says && !strstr(diag_said(&dl), says)))
		fail_msg("session_load: status %d (want %d): %s (want \"%s\")", (int)st, (int)want,
			 diag_said(&dl), says ? says : "");
	if (want != ST_OK)
		diag_one(&dl, want);
	else
		assert_int_equal(dl.count, 0);
	session_free(&s);
	diag_list_release(&dl);
}

static void test_directory_recorded(void **state)
{
	struct fx *f = *state;
	struct journal_session js;
	struct arena a = ARENA_INIT;
	bool found;

	f->a = dir_content(IDENTITY);
	assert_non_null(f->a->dir);
	assert_int_equal(f->a->dir[0], '/');
	assert_non_null(strstr(f->a->dir, "/" IDENTITY));
	assert_null(builtin->dir);

	f->c = f->a;
	start_with(f, "0.11", "0.13", NULL);
	assert_int_equal(journal_session_get(f->j, f->sid, &a, &js, &found), ST_OK);
	assert_true(found && js.content_recorded);
	assert_string_equal(js.content_dir, f->a->dir);
	assert_string_equal(js.content_version, "0.0.3-test");

	f->c = builtin;
	start_with(f, "0.11", "0.13", NULL);
	assert_int_equal(journal_session_get(f->j, f->sid, &a, &js, &found), ST_OK);
	assert_true(found && js.content_recorded);
	assert_null(js.content_dir);
	arena_release(&a);
}

/* Planned with the fixture, read with the built-in content: the same versions, other items. */
static void test_other_items(void **state)
{
	struct fx *f = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf hint = STRBUF_INIT;
	struct session *s = NULL;
	char want[512];

	f->a = dir_content(IDENTITY);
	f->c = f->a;
	start_with(f, "0.11", "0.13", NULL);
	OK(f, "0.11-0.12/other-note", MARK_DONE, NULL);

	snprintf(want, sizeof(want), "session %lld was planned with other content: read it with "
		 "--content %s (content version 0.0.3-test)", (long long)f->sid, f->a->dir);
	load_is(f, builtin, ST_DATAERR, want);
	f->c = builtin;
	MARK_EXPECT(ST_DATAERR, f, "0.11-0.12/executor-info-source", MARK_DONE, NULL, NULL, false);
	msg_has(f, want);
	assert_int_equal(nevents(f), 1);

	assert_int_equal(session_load_record(f->j, builtin, f->sid, &s, &dl), ST_OK);
	assert_true(s->other_content);
	assert_int_equal(s->nitems, 0);
	assert_int_equal(s->plan.nhops, 0);
	assert_string_equal(s->info.title, "identity");
	assert_string_not_equal(s->last_activity, "");
	session_content_hint(s, &hint);
	assert_non_null(strstr(want, strbuf_str(&hint)));
	session_free(&s);

	/* with its own content, as ever */
	assert_int_equal(session_load_record(f->j, f->a, f->sid, &s, &dl), ST_OK);
	assert_false(s->other_content);
	assert_int_equal(s->ndone, 1);
	session_free(&s);
	diag_list_release(&dl);
	strbuf_release(&hint);
}

/* Planned with the built-in content up to 1.11, read with the fixture that stops at 0.13. */
static void test_other_versions(void **state)
{
	struct fx *f = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *s = NULL;

	f->a = dir_content(IDENTITY);
	start_with(f, "0.11", "1.11", NULL);
	load_is(f, f->a, ST_DATAERR, "was planned with other content: read it without --content "
				     "(the built-in content, version");
	assert_int_equal(session_load_record(f->j, f->a, f->sid, &s, &dl), ST_OK);
	assert_true(s->other_content);
	assert_string_equal(s->last_activity, "");
	session_free(&s);
	/* a session it can plan is not other content */
	load_is(f, builtin, ST_OK, NULL);
	diag_list_release(&dl);
}

static const char GUIDE[] = "product: Apache Mesos\n"
			    "title: Per-host test\n"
			    "source: tests/unit/test_content_identity.c\n"
			    "version: \"1.0.0\"\n";

#define HOP_HEAD "from: \"0.1\"\nto: \"0.2\"\ntitle: Upgrading from 0.1 to 0.2\nnotes: []\n" \
		 "steps:\n  - id: agents\n    role: agent\n"
static const char WHOLE[] = HOP_HEAD "    text: Restart the agents.\n";
static const char PER_HOST[] = HOP_HEAD "    per_host: true\n    text: Restart the agents.\n";

static struct content *one_hop(const char *hop)
{
	struct content_file f = { "hops/0.1-0.2.yaml", (const unsigned char *)hop, strlen(hop) };

	return content_in_memory(GUIDE, &f, 1);
}

/* Done as one step for the whole cluster, then the content makes it per host. */
static void test_whole_step_became_per_host(void **state)
{
	struct fx *f = *state;
	struct session *s;

	f->a = one_hop(WHOLE);
	f->b = one_hop(PER_HOST);
	f->inv = parse_inventory("masters: [m1]\nleader: m1\nagents: [a1, a2]\n");
	f->c = f->a;
	start_with(f, "0.1", "0.2", f->inv);
	OK(f, "0.1-0.2/agents", MARK_DONE, NULL);

	f->c = f->b;
	s = load(f);
	assert_int_equal(s->nitems, 1);
	assert_int_equal(s->items[0].state, ITEM_DONE);
	assert_int_equal(s->items[0].nhosts, 0);
	assert_true(s->finished);
	session_free(&s);

	/* undone, it is per host: each agent is checked off */
	OK(f, "0.1-0.2/agents", MARK_UNDO, NULL);
	s = load(f);
	assert_int_equal(s->nitems, 3);
	assert_int_equal(s->items[0].nhosts, 2);
	assert_int_equal(s->items[0].state, ITEM_PENDING);
	session_free(&s);
	OK(f, "0.1-0.2/agents@a1", MARK_DONE, NULL);
	OK(f, "0.1-0.2/agents@a2", MARK_DONE, NULL);
	s = load(f);
	assert_int_equal(s->items[0].state, ITEM_DONE);
	assert_int_equal(s->items[0].hosts_done, 2);
	session_free(&s);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_directory_recorded),
		T(test_other_items),
		T(test_other_versions),
		T(test_whole_step_became_per_host),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
