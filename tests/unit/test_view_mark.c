/*
 * test_view_mark.c - check-offs made on a view (include/session.h): marked
 * through the view a wizard keeps (session_mark_view()) the journal and the
 * refusals are the whole load's; the "did you mean" of a check-off, read
 * from a partial load, names what the whole session's does; a refresh that
 * fails says so in its diag_list. The built-in content, a temporary journal
 * and a fixed clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define FIXTURE_NAME "viewmark"
#include "view_agree.h"

/*
 * @item marked @a through the view kept (session_mark_view()): the status
 * and words @want and the same as session_mark()'s for a refusal (which
 * records nothing, so both can be asked).
 */
static void mark_view(struct fx *f, const char *item, enum mark_action a, const char *text,
		      bool force, enum status want)
{
	struct mark_request r = { .session = f->sid, .item = item, .action = a, .text = text,
				  .force = force };
	struct strbuf msg = STRBUF_INIT;
	struct diag_list why = DIAG_LIST_INIT;
	enum status st;

	if (!kept && session_load_view(f->j, f->c, f->sid, 0, &kept, &why) != ST_OK)
		fail_msg("session_load_view: %s", diag_said(&why));
	st = mark_words(f->j, f->c, kept, &r, &f->who, NULL, &msg);
	if (st != want)
		fail_msg("mark_view %s: status %d, expected %d: %s", item, (int)st, (int)want,
			 strbuf_str(&msg));
	if (st != ST_OK) {
		strbuf_reset(&f->msg);
		assert_int_equal(mark_words(f->j, f->c, NULL, &r, &f->who, NULL, &f->msg), st);
		assert_string_equal(strbuf_str(&msg), strbuf_str(&f->msg));
	}
	strbuf_release(&msg);
	diag_list_release(&why);
}

static void test_mark_through_the_view(void **state)
{
	struct fx *f = *state;

	start(f, INVENTORY);
	mark_view(f, A "/restart-agents@a1", MARK_DONE, NULL, false, ST_REFUSED);
	mark_view(f, A "/implicit-roles", MARK_DONE, NULL, false, ST_OK);
	views_agree(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	/* another's check-offs since the view was read: seen under the lock */
	mark_view(f, A "/restart-masters@m2", MARK_DONE, NULL, false, ST_OK);
	mark_view(f, A "/restart-agents@a2", MARK_UNDO, NULL, false, ST_OK);
	mark_view(f, A "/restart-agents@a2", MARK_UNDO, NULL, false, ST_REFUSED);
	mark_view(f, A "/restart-agents@a2", MARK_SKIP, NULL, false, ST_USAGE);
	mark_view(f, A "/restart-agents@a2", MARK_SKIP, "retired", false, ST_OK);
	mark_view(f, A "/restart-agents@nosuch", MARK_DONE, NULL, false, ST_USAGE);
	mark_view(f, A "/restart-agents", MARK_DONE, NULL, false, ST_USAGE);
	tick(f);
	mark_view(f, B "/restart-agents@a1", MARK_DONE, NULL, false, ST_REFUSED);
	mark_view(f, B "/restart-agents@a1", MARK_DONE, "urgent", true, ST_OK);
	views_agree(f);
}

/*
 * A typo @k (0: a byte dropped, 1: two swapped, 2: a byte doubled) of @id at
 * byte @at into @out (room for strlen(@id) + 2).
 */
static void typo(char *out, const char *id, size_t at, int k)
{
	size_t l = strlen(id);

	memcpy(out, id, at);
	if (k == 0) {
		memcpy(out + at, id + at + 1, l - at);
	} else if (k == 1 && at + 1 < l) {
		out[at] = id[at + 1];
		out[at + 1] = id[at];
		memcpy(out + at + 2, id + at + 2, l - at - 1);
	} else {
		memcpy(out + at, id + at, l - at + 1);
		memmove(out + at + 1, out + at, l - at + 1);
	}
}

/*
 * The "did you mean" of a check-off (a partial load, the hosts' ids put
 * together from its inventory) names the same ids, in the same order, as
 * the whole session's, for three typos of every id at a few places each.
 */
static void nearest_agrees(struct fx *f)
{
	struct session *w = NULL;
	struct diag_list why = DIAG_LIST_INIT;
	struct strbuf near = STRBUF_INIT;
	char word[128];

	if (session_load(f->j, f->c, f->sid, &w, &why) != ST_OK)
		fail_msg("session_load: %s", diag_said(&why));
	for (size_t i = 0; i < w->nitems; i++) {
		const char *id = w->items[i].id;
		size_t l = strlen(id);
		assert_true(l + 2 < sizeof(word));
		for (size_t at = 0; at < l; at += l / 3) {
			for (int k = 0; k < 3; k++) {
				struct mark_request r = { .session = f->sid, .item = word,
							  .action = MARK_DONE };
				struct session_refusal ref = SESSION_REFUSAL_INIT;
				typo(word, id, at, k);
				if (session_find(w, word) >= 0)
					continue;
				strbuf_reset(&near);
				session_nearest_ids(w, word, &near);
				strbuf_reset(&f->msg);
				assert_int_equal(mark_words(f->j, f->c, NULL, &r, &f->who, &ref,
							    &f->msg), ST_USAGE);
				assert_string_equal(ref.nearest, strbuf_str(&near));
				session_refusal_release(&ref);
			}
		}
	}
	session_free(&w);
	diag_list_release(&why);
	strbuf_release(&near);
}

static void test_nearest_as_the_whole_session(void **state)
{
	struct fx *f = *state;
	struct inventory *more;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4, a10, a11, a12]\n");
	nearest_agrees(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	tick(f);
	/* hosts added from the second hop on: none of their items in the first */
	more = parse_inventory("masters: [m1, m2, m3]\nleader: m2\n"
			       "agents: [a1, a2, a3, a4, a10, a11, a12, a5, b1]\n");
	strbuf_reset(&f->msg);
	assert_int_equal(session_add_hosts(f->j, f->c, f->sid, more, "more.yaml", &f->who, &f->dl,
					   &f->msg), ST_OK);
	inventory_free(&more);
	tick(f);
	strbuf_reset(&f->msg);
	assert_int_equal(session_exclude(f->j, f->c, f->sid, "a4", false, "broken", false, &f->who,
					 &f->dl, &f->msg), ST_OK);
	nearest_agrees(f);
}

/*
 * A view whose refresh cannot read the journal (a table gone under it,
 * renamed by another connection): the failure and the journal's words in
 * the list, and *again set, so that the wizard loads it again.
 */
static void test_refresh_failure_said(void **state)
{
	struct fx *f = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *v = NULL;
	bool again = false;
	sqlite3 *db;
	enum status st;

	start(f, INVENTORY);
	assert_int_equal(session_load_view(f->j, f->c, f->sid, 0, &v, &dl), ST_OK);
	assert_true(v->partial);
	assert_int_equal(dl.count, 0);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE probes RENAME TO probes_gone", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	st = session_refresh(f->j, v, &again, &dl);
	assert_int_not_equal(st, ST_OK);
	assert_true(again);
	assert_string_equal(diag_one(&dl, st), journal_error(f->j));
	assert_non_null(strstr(diag_said(&dl), "probes"));
	diag_list_release(&dl);
	session_free(&v);
}

/* The view kept refreshed: read again whole or not as @again says, then as a whole load. */
static void refresh_kept(struct fx *f, bool again)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *w;
	bool got = !again;

	assert_int_equal(session_refresh(f->j, kept, &got, &dl), ST_OK);
	if (got != again)
		fail_msg("refreshed after %lld events: %s whole", (long long)kept->stamp.events,
			 got ? "read again" : "not read again");
	w = load(f);
	refreshed_agrees(f, w); /* (reads it again whole when asked to) */
	session_free(&w);
	diag_list_release(&dl);
}

/*
 * A view refreshed after many check-offs at once (a range of hosts, a
 * pattern): with up to 256 items touched each is read again (found by a
 * hash table after the first few lookups), with more the view is read
 * again whole; either way it is the whole load's.
 */
static void test_refresh_many(void **state)
{
	struct fx *f = *state;
	struct strbuf inv = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;

	strbuf_adds(&inv, "masters: [m1, m2, m3]\nleader: m2\nagents: [");
	for (int i = 0; i < 300; i++)
		strbuf_addf(&inv, "%sa%d", i ? ", " : "", i);
	strbuf_adds(&inv, "]\n");
	start(f, strbuf_str(&inv));
	strbuf_release(&inv);
	assert_int_equal(session_load_view(f->j, f->c, f->sid, 0, &kept, &dl), ST_OK);
	/* the whole hop: 300 agents, 3 masters and 9 more items */
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	refresh_kept(f, true);
	/* a1, a10-a19, a100-a199: 111 hosts */
	mark_pattern(f, A "/restart-agents@a1*", MARK_UNDO, "again");
	refresh_kept(f, false);
	mark_pattern(f, A "/restart-agents@a1", MARK_DONE, NULL);
	refresh_kept(f, false);
	diag_list_release(&dl);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown_view)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mark_through_the_view),
		T(test_nearest_as_the_whole_session),
		T(test_refresh_failure_said),
		T(test_refresh_many),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
