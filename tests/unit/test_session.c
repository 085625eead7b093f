/*
 * test_session.c - a session's state and the rules of the checklist
 * (include/session.h, DESIGN.md "Rules of the checklist"), on the built-in
 * content, and content drift on small content built in memory.
 *
 * Every test gets a fresh journal (mkstemp in /tmp, removed afterwards with
 * its -wal and -shm) and a fixed clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "content.h"
#include "journal.h"
#include "session.h"

#define FIXTURE_NAME "session"
#include "session_fixture.h"

/* ---- helpers ----------------------------------------------------------- */

static void iso(time_t t, char buf[CLOCK_ISO_LEN + 1])
{
	clock_iso(t, buf);
}

static void start(struct fx *f, const char *from, const char *to)
{
	struct diag_list why = { 0 };
	enum status st = session_start(f->j, f->c, from, to, "window 42", NULL, &f->who, &f->sid, &why);

	if (st != ST_OK)
		fail_msg("session_start %s -> %s: status %d: %s", from, to, (int)st,
			 diag_said(&why));
	assert_true(f->sid > 0);
	diag_list_release(&why);
}

#define MAX_EV 64
struct evlist {
	size_t n;
	struct {
		char item[64], action[16], op[32], host[32], time[24], text[96];
		bool forced;
	} e[MAX_EV];
};

static bool collect(void *ctx, const struct journal_event *e)
{
	struct evlist *l = ctx;

	if (l->n < MAX_EV) {
		snprintf(l->e[l->n].item, sizeof(l->e[0].item), "%s", e->item);
		snprintf(l->e[l->n].action, sizeof(l->e[0].action), "%s", event_action_name(e->action));
		snprintf(l->e[l->n].op, sizeof(l->e[0].op), "%s", e->operator_name);
		snprintf(l->e[l->n].host, sizeof(l->e[0].host), "%s", e->host);
		snprintf(l->e[l->n].time, sizeof(l->e[0].time), "%s", e->time);
		snprintf(l->e[l->n].text, sizeof(l->e[0].text), "%s", e->text);
		l->e[l->n].forced = e->forced;
	}
	l->n++;
	return true;
}

static void events(struct fx *f, struct evlist *l)
{
	memset(l, 0, sizeof(*l));
	assert_int_equal(journal_events(f->j, f->sid, NULL, false, 0, collect, l), ST_OK);
}

static const struct session_item *item(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("session has no item %s", id);
	return &s->items[i];
}

/* ---- start and load ---------------------------------------------------- */

static void test_start_refuses_bad_versions(void **state)
{
	struct fx *f = *state;
	static const char *const bad[][2] = {
		{ "0.28", "0.11" }, /* downgrade */
		{ "0.20", "0.20" }, /* nothing to do */
		{ "0.10", "0.12" }, /* before the guide */
		{ "0.16", "0.99" }, /* after it */
		{ "9.0", "9.1" },
		{ "banana", "0.20" },
		{ "0.16", "" },
		{ "0.16.", "0.18" },
	};
	int64_t *ids = NULL;
	size_t n = 99;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct diag_list why = { 0 };
		int64_t id = -7;
		enum status st = session_start(f->j, f->c, bad[i][0], bad[i][1], "", NULL, &f->who, &id,
					       &why);
		if (st != ST_USAGE)
			fail_msg("start %s -> %s: status %d, expected ST_USAGE", bad[i][0],
				 bad[i][1], (int)st);
		if (!diag_said(&why)[0])
			fail_msg("start %s -> %s refused without a reason", bad[i][0], bad[i][1]);
		diag_list_release(&why);
	}
	/* nothing recorded */
	assert_int_equal(journal_session_ids(f->j, &ids, &n), ST_OK);
	assert_int_equal(n, 0);
	free(ids);
}

static void test_start_and_items_in_order(void **state)
{
	struct fx *f = *state;
	struct session *s;
	struct plan p;
	struct strbuf why = STRBUF_INIT;
	char when[CLOCK_ISO_LEN + 1], digest[65];
	size_t k = 0;

	start(f, "0.16.1", "0.19");
	s = load(f);
	assert_int_equal(s->info.id, f->sid);
	assert_string_equal(s->info.from, "0.16.1");
	assert_string_equal(s->info.to, "0.19");
	assert_string_equal(s->info.title, "window 42");
	assert_string_equal(s->info.operator_name, "alice");
	assert_string_equal(s->info.host, "bastion-1");
	iso(T0, when);
	assert_string_equal(s->info.created, when);
	assert_string_equal(s->info.content_version, f->c->version);

	assert_int_equal(plan_build(f->c, "0.16.1", "0.19", &p, &why), ST_OK);
	assert_int_equal(s->plan.nhops, 3);
	assert_string_equal(s->plan.hops[0].id, "0.16-0.17");
	assert_string_equal(s->plan.hops[2].id, "0.18-0.19");
	assert_int_equal(s->nitems, p.nnotes + p.nsteps);
	for (size_t h = 0; h < p.nhops; h++) {
		for (size_t i = 0; i < p.hops[h].nnotes; i++, k++) {
			assert_string_equal(s->items[k].id, p.hops[h].notes[i].full_id);
			assert_int_equal(s->items[k].kind, ITEM_NOTE);
			assert_int_equal(s->items[k].hop, h);
			assert_ptr_equal(s->items[k].note, &p.hops[h].notes[i]);
			assert_null(s->items[k].step);
			assert_int_equal(session_step_number(s, k), 0);
		}
		for (size_t i = 0; i < p.hops[h].nsteps; i++, k++) {
			assert_string_equal(s->items[k].id, p.hops[h].steps[i].full_id);
			assert_int_equal(s->items[k].kind, ITEM_STEP);
			assert_int_equal(s->items[k].hop, h);
			assert_ptr_equal(s->items[k].step, &p.hops[h].steps[i]);
			assert_null(s->items[k].note);
			assert_int_equal(session_step_number(s, k), i + 1);
		}
	}
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		/* full ids: HOP/ID */
		assert_int_equal(strncmp(it->id, s->plan.hops[it->hop].id,
					 strlen(s->plan.hops[it->hop].id)),
				 0);
		assert_int_equal(it->id[strlen(s->plan.hops[it->hop].id)], '/');
		assert_int_equal(it->state, ITEM_PENDING);
		assert_false(it->has_last);
		assert_false(it->has_note);
		assert_null(it->branch);
		assert_false(it->forced);
		assert_int_equal(it->drift, DRIFT_NONE);
		assert_false(it->changed_since_done);
		assert_int_equal(strlen(it->digest), ITEM_DIGEST_LEN);
		assert_int_equal(session_find(s, it->id), (long)i);
	}
	/* what the guide says, literally */
	assert_string_equal(s->items[0].id, "0.16-0.17/restart-masters");
	assert_int_equal(item(s, "0.17-0.18/cgroups-reboot")->kind, ITEM_NOTE);
	assert_true(session_find(s, "0.17-0.18/cgroups-reboot") <
		    session_find(s, "0.17-0.18/restart-masters"));
	assert_true(session_find(s, "0.16-0.17/upgrade-executors") <
		    session_find(s, "0.17-0.18/cgroups-reboot"));
	assert_true(session_find(s, "0.18-0.19/registrar-flags") <
		    session_find(s, "0.18-0.19/restart-masters"));
	assert_int_equal(session_find(s, "0.19-0.20/restart-masters"), -1);
	assert_int_equal(session_find(s, "restart-masters"), -1);

	assert_int_equal(s->npending, s->nitems);
	assert_int_equal(s->ndone + s->nskipped + s->nforced + s->nremoved, 0);
	assert_false(s->finished);
	assert_null(s->finished_at);
	assert_string_equal(s->last_activity, "");
	assert_false(s->content_changed);
	session_plan_digest(&p, digest);
	assert_string_equal(s->content_digest, digest);
	assert_string_equal(s->info.content_digest, digest);
	assert_int_equal(nevents(f), 0);
	session_free(&s);
	assert_null(s);
	strbuf_release(&why);
}

static void test_unknown_session_and_item(void **state)
{
	struct fx *f = *state;
	struct diag_list why = DIAG_LIST_INIT;
	struct session dummy;
	struct session *s = &dummy; /* must be reset to NULL */

	start(f, "0.16", "0.17");
	assert_int_equal(session_load(f->j, f->c, f->sid + 5, &s, &why), ST_USAGE);
	assert_null(s);
	/* the list says the status and how to find the sessions there are */
	assert_non_null(strstr(diag_one(&why, ST_USAGE), "there is no session"));
	assert_non_null(strstr(diag_one(&why, ST_USAGE), "'sessions' lists them"));

	f->sid += 5;
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/restart-masters", MARK_DONE, NULL, NULL, false);
	msg_has(f, "session");
	f->sid -= 5;

	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/no-such-step", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.16-0.17/no-such-step");
	MARK_EXPECT(ST_USAGE, f, "restart-masters", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-masters", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/no-such-step", MARK_NOTE, "hello", NULL, false);
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/no-such-step", MARK_SKIP, "why", NULL, false);
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/no-such-step", MARK_UNDO, NULL, NULL, false);
	assert_int_equal(nevents(f), 0);
	diag_list_release(&why);
}

/* ---- the rules --------------------------------------------------------- */

static void test_rule_earlier_hop(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;
	size_t i;

	start(f, "0.16", "0.19");
	s = load(f);
	i = (size_t)session_find(s, "0.17-0.18/cgroups-reboot");
	assert_int_equal(session_blocker(s, i, &b), SESSION_BLOCK_EARLIER_HOP);
	assert_int_equal(b, session_find(s, "0.16-0.17/restart-masters"));
	i = (size_t)session_find(s, "0.18-0.19/upgrade-executors");
	assert_int_equal(session_blocker(s, i, &b), SESSION_BLOCK_EARLIER_HOP);
	assert_int_equal(b, session_find(s, "0.16-0.17/restart-masters"));
	assert_int_equal(session_blocker(s, 0, &b), SESSION_BLOCK_NONE);
	assert_int_equal(b, -1);
	session_free(&s);

	/* a note of the next hop */
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.16-0.17/restart-masters");
	msg_has(f, "0.17-0.18/cgroups-reboot");
	/* a skip is held to the same rule */
	MARK_EXPECT(ST_REFUSED, f, "0.18-0.19/registrar-flags", MARK_SKIP, "later", NULL, false);
	msg_has(f, "0.16-0.17/restart-masters");
	assert_int_equal(nevents(f), 0);

	/* all of 0.16-0.17 but its last step: still blocked, by that step */
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	OK(f, "0.16-0.17/upgrade-schedulers", MARK_DONE, NULL);
	OK(f, "0.16-0.17/restart-schedulers", MARK_DONE, NULL);
	OK(f, "0.16-0.17/restart-agents", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.16-0.17/upgrade-executors");
	/* two hops on, the first pending item of any earlier hop is named */
	MARK_EXPECT(ST_REFUSED, f, "0.18-0.19/registrar-flags", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.16-0.17/upgrade-executors");
	OK(f, "0.16-0.17/upgrade-executors", MARK_DONE, NULL);
	OK(f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.18-0.19/registrar-flags", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.17-0.18/restart-masters");

	s = load(f);
	i = (size_t)session_find(s, "0.18-0.19/registrar-flags");
	assert_int_equal(session_blocker(s, i, &b), SESSION_BLOCK_EARLIER_HOP);
	assert_int_equal(b, session_find(s, "0.17-0.18/restart-masters"));
	assert_int_equal(s->first_pending_before[2], b);
	assert_int_equal(s->first_pending_before[0], -1);
	assert_int_equal(s->first_pending_before[1], -1);
	assert_int_equal(nevents(f), 6);
	session_free(&s);
}

static void test_rule_notes_first(void **state)
{
	struct fx *f = *state;
	struct session *s;
	struct strbuf text = STRBUF_INIT;
	struct evlist l;
	long b;
	size_t i;

	start(f, "0.17", "0.18");
	s = load(f);
	i = (size_t)session_find(s, "0.17-0.18/restart-masters");
	assert_int_equal(session_blocker(s, i, &b), SESSION_BLOCK_NOTES);
	assert_int_equal(b, session_find(s, "0.17-0.18/cgroups-reboot"));
	session_block_text(s, i, &text);
	assert_non_null(strstr(strbuf_str(&text), "0.17-0.18/cgroups-reboot"));
	/* a note itself is never held back by its hop's notes or steps */
	i = (size_t)session_find(s, "0.17-0.18/cgroups-reboot");
	assert_int_equal(session_blocker(s, i, &b), SESSION_BLOCK_NONE);
	session_free(&s);

	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-masters", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.17-0.18/cgroups-reboot");
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-masters", MARK_SKIP, "done by hand", NULL,
		    false);
	msg_has(f, "0.17-0.18/cgroups-reboot");
	assert_int_equal(nevents(f), 0);

	OK(f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL);
	OK(f, "0.17-0.18/restart-masters", MARK_DONE, NULL);
	events(f, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.e[0].item, "0.17-0.18/cgroups-reboot");
	assert_string_equal(l.e[0].action, "ack"); /* a note is acknowledged */
	assert_string_equal(l.e[1].action, "done");
	s = load(f);
	assert_int_equal(item(s, "0.17-0.18/cgroups-reboot")->state, ITEM_DONE);
	assert_int_equal(s->ndone, 2);
	session_free(&s);
	strbuf_release(&text);
}

static void test_rule_step_order(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start(f, "0.17", "0.18");
	OK(f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-schedulers", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.17-0.18/restart-masters");
	s = load(f);
	assert_int_equal(session_blocker(s, (size_t)session_find(s, "0.17-0.18/upgrade-executors"),
					 &b),
			 SESSION_BLOCK_ORDER);
	assert_int_equal(b, session_find(s, "0.17-0.18/restart-masters"));
	session_free(&s);

	OK(f, "0.17-0.18/restart-masters", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-schedulers", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.17-0.18/upgrade-schedulers");
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-schedulers", MARK_SKIP, "n/a", NULL, false);
	msg_has(f, "0.17-0.18/upgrade-schedulers");
	/* a skipped step no longer holds the next one */
	OK(f, "0.17-0.18/upgrade-schedulers", MARK_SKIP, "no custom schedulers");
	OK(f, "0.17-0.18/restart-schedulers", MARK_DONE, NULL);
	assert_int_equal(nevents(f), 4);
	/* undoing an earlier step locks the later pending ones again */
	OK(f, "0.17-0.18/restart-masters", MARK_UNDO, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-agents", MARK_DONE, NULL, "cgroups", false);
	msg_has(f, "0.17-0.18/restart-masters");
}

static void test_unordered_hop(void **state)
{
	struct fx *f = *state;
	const struct content_hop *h = content_find_hop(builtin, "0.18-0.19");
	struct session *s;
	long b;

	assert_non_null(h);
	assert_false(h->ordered);
	start(f, "0.18", "0.19");
	/* the notes still come first */
	MARK_EXPECT(ST_REFUSED, f, "0.18-0.19/upgrade-executors", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.18-0.19/registrar-flags");
	OK(f, "0.18-0.19/registrar-flags", MARK_DONE, NULL);
	/* then the steps in any order: backwards */
	s = load(f);
	for (size_t i = 0; i < s->nitems; i++)
		assert_int_equal(session_blocker(s, i, &b), SESSION_BLOCK_NONE);
	session_free(&s);
	for (size_t i = h->nsteps; i-- > 0;) {
		tick(f);
		OK(f, h->steps[i].full_id, MARK_DONE, NULL);
	}
	s = load(f);
	assert_int_equal(s->ndone, h->nnotes + h->nsteps);
	assert_true(s->finished);
	session_free(&s);
}

static void test_skip(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *it;

	start(f, "0.16", "0.17");
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/restart-masters", MARK_SKIP, NULL, NULL, false);
	msg_has(f, "reason");
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/restart-masters", MARK_SKIP, "", NULL, false);
	MARK_EXPECT(ST_USAGE, f, "0.16-0.17/restart-masters", MARK_SKIP, " \t\n ", NULL, false);
	assert_int_equal(nevents(f), 0);

	OK(f, "0.16-0.17/restart-masters", MARK_SKIP, "masters were upgraded last week");
	assert_int_equal(nevents(f), 1);
	s = load(f);
	it = item(s, "0.16-0.17/restart-masters");
	assert_int_equal(it->state, ITEM_SKIPPED);
	assert_true(it->has_last);
	assert_string_equal(event_action_name(it->last.action), "skip");
	assert_string_equal(it->last.text, "masters were upgraded last week");
	assert_false(it->forced);
	assert_int_equal(s->nskipped, 1);
	assert_int_equal(s->ndone, 0);
	assert_int_equal(s->npending, s->nitems - 1);
	session_free(&s);

	/* done on a skipped item: refused, undo first */
	MARK_EXPECT(ST_REFUSED, f, "0.16-0.17/restart-masters", MARK_DONE, NULL, NULL, false);
	msg_has(f, "skipped");
	msg_has(f, "undo");
	/* skipping again records nothing */
	OK(f, "0.16-0.17/restart-masters", MARK_SKIP, "again");
	msg_has(f, "nothing recorded");
	/* skip of a done item: refused too */
	OK(f, "0.16-0.17/upgrade-schedulers", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.16-0.17/upgrade-schedulers", MARK_SKIP, "why", NULL, false);
	msg_has(f, "done");
	assert_int_equal(nevents(f), 2);
}

static void test_undo(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *it;
	struct evlist l;

	start(f, "0.16", "0.17");
	MARK_EXPECT(ST_REFUSED, f, "0.16-0.17/restart-masters", MARK_UNDO, NULL, NULL, false);
	msg_has(f, "0.16-0.17/restart-masters");
	assert_int_equal(nevents(f), 0);

	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	tick(f);
	OK(f, "0.16-0.17/restart-masters", MARK_UNDO, "wrong cluster");
	s = load(f);
	it = item(s, "0.16-0.17/restart-masters");
	assert_int_equal(it->state, ITEM_PENDING);
	assert_true(it->has_last); /* the undo itself */
	assert_string_equal(event_action_name(it->last.action), "undo");
	assert_string_equal(it->last.text, "wrong cluster");
	assert_int_equal(s->ndone, 0);
	assert_int_equal(s->npending, s->nitems);
	session_free(&s);
	/* nothing was deleted: both events are there, in order */
	events(f, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.e[0].action, "done");
	assert_string_equal(l.e[1].action, "undo");
	/* undo again: nothing to undo */
	MARK_EXPECT(ST_REFUSED, f, "0.16-0.17/restart-masters", MARK_UNDO, NULL, NULL, false);
	/* and done again */
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	assert_int_equal(nevents(f), 3);
	/* undo of a skip */
	OK(f, "0.16-0.17/upgrade-schedulers", MARK_SKIP, "none");
	OK(f, "0.16-0.17/upgrade-schedulers", MARK_UNDO, NULL);
	s = load(f);
	assert_int_equal(item(s, "0.16-0.17/upgrade-schedulers")->state, ITEM_PENDING);
	assert_int_equal(s->nskipped, 0);
	assert_int_equal(s->ndone, 1);
	session_free(&s);
	assert_int_equal(nevents(f), 5);
}

static void test_done_twice(void **state)
{
	struct fx *f = *state;
	struct session *s;
	char when[CLOCK_ISO_LEN + 1];

	start(f, "0.16", "0.17");
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	msg_has(f, "0.16-0.17/restart-masters");
	assert_int_equal(nevents(f), 1);
	tick(f);
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	msg_has(f, "nothing recorded");
	msg_has(f, "alice");
	assert_int_equal(nevents(f), 1);
	s = load(f);
	iso(T0, when);
	assert_string_equal(item(s, "0.16-0.17/restart-masters")->last.time, when);
	session_free(&s);
}

static void test_note(void **state)
{
	struct fx *f = *state;
	struct session *s, *before;
	const struct session_item *it;
	char t1[CLOCK_ISO_LEN + 1];

	start(f, "0.16", "0.18");
	before = load(f);
	/* a note is fine on an item that is locked */
	OK(f, "0.17-0.18/restart-agents", MARK_NOTE, "agent-7 has a custom isolator");
	tick(f);
	iso(f->now, t1);
	OK(f, "0.17-0.18/restart-agents", MARK_NOTE, "agent-7 is fine after all");
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-agents", MARK_NOTE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-agents", MARK_NOTE, "   ", NULL, false);
	assert_int_equal(nevents(f), 2);

	s = load(f);
	it = item(s, "0.17-0.18/restart-agents");
	assert_int_equal(it->state, ITEM_PENDING);
	assert_false(it->has_last);
	assert_true(it->has_note);
	assert_int_equal(it->note_event.action, EVENT_NOTE);
	assert_string_equal(it->note_event.text, "agent-7 is fine after all");
	assert_string_equal(it->note_event.time, t1);
	assert_string_equal(it->note_event.operator_name, "alice");
	/* nothing else changed */
	assert_int_equal(s->npending, before->npending);
	assert_int_equal(s->ndone, 0);
	for (size_t i = 0; i < s->nitems; i++)
		assert_int_equal(s->items[i].state, before->items[i].state);
	assert_string_equal(s->last_activity, t1);
	session_free(&s);
	session_free(&before);

	/* a note on a done item keeps it done */
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	OK(f, "0.16-0.17/restart-masters", MARK_NOTE, "took 5 minutes");
	s = load(f);
	it = item(s, "0.16-0.17/restart-masters");
	assert_int_equal(it->state, ITEM_DONE);
	assert_string_equal(event_action_name(it->last.action), "done");
	assert_string_equal(it->note_event.text, "took 5 minutes");
	session_free(&s);
}

static void test_force(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *it;
	struct evlist l;

	start(f, "0.16", "0.19");
	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-masters", MARK_DONE, NULL, NULL, false);
	msg_has(f, "--force");
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-masters", MARK_DONE, NULL, NULL, true);
	msg_has(f, "reason");
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-masters", MARK_DONE, "  ", NULL, true);
	assert_int_equal(nevents(f), 0);
	MARK_EXPECT(ST_OK, f, "0.17-0.18/restart-masters", MARK_DONE,
		    "masters were upgraded by the vendor", NULL, true);
	msg_has(f, "forced");

	/* forcing a skip of a locked item */
	MARK_EXPECT(ST_OK, f, "0.18-0.19/upgrade-executors", MARK_SKIP, "no custom executors",
		    NULL, true);
	/* --force where no rule blocks: not forced */
	MARK_EXPECT(ST_OK, f, "0.16-0.17/restart-masters", MARK_DONE, "just because", NULL, true);

	s = load(f);
	it = item(s, "0.17-0.18/restart-masters");
	assert_int_equal(it->state, ITEM_DONE);
	assert_true(it->forced);
	assert_true(it->last.forced);
	assert_string_equal(it->last.text, "masters were upgraded by the vendor");
	it = item(s, "0.18-0.19/upgrade-executors");
	assert_int_equal(it->state, ITEM_SKIPPED);
	assert_true(it->forced);
	it = item(s, "0.16-0.17/restart-masters");
	assert_int_equal(it->state, ITEM_DONE);
	assert_false(it->forced);
	assert_false(it->last.forced);
	assert_int_equal(s->nforced, 2);
	assert_int_equal(s->ndone, 2);
	assert_int_equal(s->nskipped, 1);
	session_free(&s);

	events(f, &l);
	assert_int_equal(l.n, 3);
	assert_true(l.e[0].forced);
	assert_true(l.e[1].forced);
	assert_false(l.e[2].forced);

	/* an undone forced item no longer counts as forced */
	OK(f, "0.17-0.18/restart-masters", MARK_UNDO, NULL);
	s = load(f);
	assert_false(item(s, "0.17-0.18/restart-masters")->forced);
	assert_int_equal(s->nforced, 1);
	session_free(&s);
}

static void test_branches(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *it;
	struct evlist l;
	char when[CLOCK_ISO_LEN + 1];

	start(f, "0.17", "0.18");
	OK(f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL);
	OK(f, "0.17-0.18/restart-masters", MARK_DONE, NULL);
	OK(f, "0.17-0.18/upgrade-schedulers", MARK_DONE, NULL);
	OK(f, "0.17-0.18/restart-schedulers", MARK_DONE, NULL);
	assert_int_equal(nevents(f), 4);

	MARK_EXPECT(ST_REFUSED, f, "0.17-0.18/restart-agents", MARK_DONE, NULL, NULL, false);
	msg_has(f, "--branch no-cgroups or --branch cgroups");
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-agents", MARK_DONE, NULL, "systemd", false);
	msg_has(f, "systemd");
	msg_has(f, "--branch no-cgroups or --branch cgroups");
	/* --branch only goes with done */
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-agents", MARK_SKIP, "later", "cgroups", false);
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/restart-agents", MARK_NOTE, "hm", "cgroups", false);
	/* and only with a step that has branches */
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/upgrade-executors", MARK_DONE, NULL, "cgroups", false);
	msg_has(f, "0.17-0.18/upgrade-executors");
	MARK_EXPECT(ST_USAGE, f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL, "cgroups", false);
	assert_int_equal(nevents(f), 4);

	tick(f);
	iso(f->now, when);
	f->who.operator_name = "bob";
	f->who.host = "bastion-2";
	MARK_EXPECT(ST_OK, f, "0.17-0.18/restart-agents", MARK_DONE, NULL, "cgroups", false);
	msg_has(f, "cgroups");
	events(f, &l);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.e[4].item, "0.17-0.18/restart-agents");
	assert_string_equal(l.e[4].action, "choose");
	assert_string_equal(l.e[4].text, "cgroups");
	assert_string_equal(l.e[4].op, "bob");
	assert_string_equal(l.e[4].host, "bastion-2");
	assert_string_equal(l.e[4].time, when);
	assert_string_equal(l.e[5].action, "done");
	assert_string_equal(l.e[5].op, "bob");
	s = load(f);
	it = item(s, "0.17-0.18/restart-agents");
	assert_int_equal(it->state, ITEM_DONE);
	assert_non_null(it->branch);
	assert_string_equal(it->branch, "cgroups");
	session_free(&s);

	/* undo keeps the choice; choosing the other branch records a new choice */
	OK(f, "0.17-0.18/restart-agents", MARK_UNDO, NULL);
	MARK_EXPECT(ST_OK, f, "0.17-0.18/restart-agents", MARK_DONE, NULL, "no-cgroups", false);
	s = load(f);
	assert_string_equal(item(s, "0.17-0.18/restart-agents")->branch, "no-cgroups");
	session_free(&s);
	events(f, &l);
	assert_int_equal(l.n, 9);
	assert_string_equal(l.e[7].action, "choose");
	assert_string_equal(l.e[7].text, "no-cgroups");
}

static void test_finished(void **state)
{
	struct fx *f = *state;
	const struct content_hop *h = content_find_hop(builtin, "0.18-0.19");
	struct session *s;
	char last[CLOCK_ISO_LEN + 1], later[CLOCK_ISO_LEN + 1], again[CLOCK_ISO_LEN + 1];

	assert_non_null(h);
	assert_true(h->nsteps >= 3);
	start(f, "0.18", "0.19");
	tick(f);
	OK(f, h->notes[0].full_id, MARK_DONE, NULL);
	for (size_t i = 1; i < h->nsteps; i++) {
		tick(f);
		OK(f, h->steps[i].full_id, MARK_DONE, NULL);
	}
	s = load(f);
	assert_false(s->finished);
	assert_null(s->finished_at);
	assert_int_equal(s->npending, 1);
	session_free(&s);

	/* the last item resolved is the first step, with a skip */
	tick(f);
	iso(f->now, last);
	OK(f, h->steps[0].full_id, MARK_SKIP, "done by puppet");
	s = load(f);
	assert_true(s->finished);
	assert_int_equal(s->npending, 0);
	assert_non_null(s->finished_at);
	assert_string_equal(s->finished_at, last);
	assert_string_equal(s->last_activity, last);
	session_free(&s);

	/* a note afterwards is activity, not resolution */
	tick(f);
	iso(f->now, later);
	OK(f, h->steps[1].full_id, MARK_NOTE, "all good");
	s = load(f);
	assert_true(s->finished);
	assert_string_equal(s->finished_at, last);
	assert_string_equal(s->last_activity, later);
	session_free(&s);

	/* an undo opens it again */
	tick(f);
	OK(f, h->steps[1].full_id, MARK_UNDO, NULL);
	s = load(f);
	assert_false(s->finished);
	assert_null(s->finished_at);
	assert_int_equal(s->npending, 1);
	session_free(&s);
	tick(f);
	iso(f->now, again);
	OK(f, h->steps[1].full_id, MARK_DONE, NULL);
	s = load(f);
	assert_true(s->finished);
	assert_string_equal(s->finished_at, again);
	session_free(&s);
}

static void test_operator_and_host(void **state)
{
	struct fx *f = *state;
	struct evlist l;
	struct session *s;
	static const struct session_actor actors[] = {
		{ "alice", "bastion-1" }, { "bob", "bastion-2" }, { "carol", "jump.example" },
	};

	start(f, "0.17", "0.18");
	f->who = actors[1];
	OK(f, "0.17-0.18/cgroups-reboot", MARK_DONE, NULL);
	f->who = actors[2];
	OK(f, "0.17-0.18/restart-masters", MARK_NOTE, "first master slow");
	OK(f, "0.17-0.18/restart-masters", MARK_DONE, NULL);
	f->who = actors[0];
	OK(f, "0.17-0.18/restart-masters", MARK_UNDO, NULL);
	f->who = actors[1];
	OK(f, "0.17-0.18/restart-masters", MARK_SKIP, "done by carol already");
	f->who = actors[2];
	MARK_EXPECT(ST_OK, f, "0.17-0.18/upgrade-schedulers", MARK_DONE, "ok", NULL, true);
	events(f, &l);
	assert_int_equal(l.n, 6);
	{
		static const int who[] = { 1, 2, 2, 0, 1, 2 };
		for (size_t i = 0; i < l.n; i++) {
			assert_string_equal(l.e[i].op, actors[who[i]].operator_name);
			assert_string_equal(l.e[i].host, actors[who[i]].host);
		}
	}
	s = load(f);
	/* the session keeps who started it */
	assert_string_equal(s->info.operator_name, "alice");
	assert_string_equal(s->info.host, "bastion-1");
	assert_string_equal(item(s, "0.17-0.18/restart-masters")->last.operator_name, "bob");
	assert_string_equal(item(s, "0.17-0.18/restart-masters")->last.host, "bastion-2");
	assert_string_equal(item(s, "0.17-0.18/restart-masters")->note_event.operator_name,
			    "carol");
	session_free(&s);
}

static void test_two_sessions_independent(void **state)
{
	struct fx *f = *state;
	struct session *s;
	int64_t first;

	start(f, "0.16", "0.17");
	first = f->sid;
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	start(f, "0.16", "0.17");
	assert_true(f->sid != first);
	s = load(f);
	assert_int_equal(item(s, "0.16-0.17/restart-masters")->state, ITEM_PENDING);
	assert_int_equal(s->ndone, 0);
	session_free(&s);
	f->sid = first;
	s = load(f);
	assert_int_equal(s->ndone, 1);
	session_free(&s);
}

/* Two operators, two connections to one journal: each sees the other's marks. */
static void test_two_operators(void **state)
{
	struct fx *f = *state;
	struct strbuf msg = STRBUF_INIT;
	struct journal *j2 = NULL;
	struct session_actor bob = { "bob", "bastion-2" };
	struct mark_request r = { 0 };
	int64_t v1 = 0, v2 = 0;

	start(f, "0.16", "0.17");
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &j2), ST_OK);
	assert_int_equal(journal_data_version(f->j, &v1), ST_OK);
	r.session = f->sid;
	r.item = "0.16-0.17/restart-masters";
	r.action = MARK_DONE;
	assert_int_equal(mark_words(j2, f->c, NULL, &r, &bob, NULL, &msg), ST_OK);
	assert_int_equal(journal_data_version(f->j, &v2), ST_OK);
	assert_true(v1 != v2);
	/* alice, on the other connection, is told it is done already */
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	msg_has(f, "nothing recorded");
	msg_has(f, "bob");
	/* and may go on with the next step */
	OK(f, "0.16-0.17/upgrade-schedulers", MARK_DONE, NULL);
	strbuf_reset(&msg);
	r.item = "0.16-0.17/upgrade-executors";
	assert_int_equal(mark_words(j2, f->c, NULL, &r, &bob, NULL, &msg), ST_REFUSED);
	assert_non_null(strstr(strbuf_str(&msg), "0.16-0.17/restart-schedulers"));
	assert_int_equal(nevents(f), 2);
	journal_close(&j2);
	strbuf_release(&msg);
}

static void test_mark_read_only_journal(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start(f, "0.16", "0.17");
	OK(f, "0.16-0.17/restart-masters", MARK_DONE, NULL);
	journal_close(&f->j);
	assert_int_equal(chmod(f->path, 0444), 0);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_OK);
	s = load(f);
	assert_int_equal(s->ndone, 1);
	session_free(&s);
	MARK_EXPECT(ST_IOERR, f, "0.16-0.17/upgrade-schedulers", MARK_DONE, NULL, NULL, false);
	msg_has(f, "read-only");
	assert_int_equal(nevents(f), 1);
}

/* ---- drift ------------------------------------------------------------- */

static const char GUIDE[] = "product: Apache Mesos\n"
			    "title: Drift test\n"
			    "source: tests/unit/test_session.c\n"
			    "version: \"1.0.0\"\n";

static const char HOP12_A[] = "from: \"0.1\"\n"
			      "to: \"0.2\"\n"
			      "title: Upgrading from 0.1 to 0.2\n"
			      "notes:\n"
			      "  - id: n1\n"
			      "    title: Read this first\n"
			      "    audience: operator\n"
			      "    text: The masters change their flags.\n"
			      "steps:\n"
			      "  - id: s1\n"
			      "    role: master\n"
			      "    text: Restart the masters.\n"
			      "  - id: s2\n"
			      "    role: agent\n"
			      "    text: Restart the agents.\n"
			      "  - id: s3\n"
			      "    role: scheduler\n"
			      "    text: Restart the schedulers.\n";

/* s1 (done) and s3 (pending) reworded, s2 gone, s4 new */
static const char HOP12_B[] = "from: \"0.1\"\n"
			      "to: \"0.2\"\n"
			      "title: Upgrading from 0.1 to 0.2\n"
			      "notes:\n"
			      "  - id: n1\n"
			      "    title: Read this first\n"
			      "    audience: operator\n"
			      "    text: The masters change their flags.\n"
			      "steps:\n"
			      "  - id: s1\n"
			      "    role: master\n"
			      "    text: Restart the masters, one at a time.\n"
			      "  - id: s3\n"
			      "    role: scheduler\n"
			      "    text: Restart the schedulers, then check them.\n"
			      "  - id: s4\n"
			      "    role: executor\n"
			      "    text: Upgrade the executors.\n";

static const char HOP23[] = "from: \"0.2\"\n"
			    "to: \"0.3\"\n"
			    "title: Upgrading from 0.2 to 0.3\n"
			    "notes: []\n"
			    "steps:\n"
			    "  - id: t1\n"
			    "    role: master\n"
			    "    text: Restart the masters again.\n";

static struct content *mem_content(const char *hop12)
{
	struct content_file hops[2] = {
		{ "hops/0.1-0.2.yaml", (const unsigned char *)hop12, strlen(hop12) },
		{ "hops/0.2-0.3.yaml", (const unsigned char *)HOP23, sizeof(HOP23) - 1 },
	};

	return content_in_memory(GUIDE, hops, 2);
}

static void drift_prepare(struct fx *f)
{
	f->a = mem_content(HOP12_A);
	f->b = mem_content(HOP12_B);
	f->c = f->a;
	start(f, "0.1", "0.3");
	OK(f, "0.1-0.2/n1", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s1", MARK_DONE, NULL);
	/* s3 gets a history under the old content, and ends pending */
	MARK_EXPECT(ST_OK, f, "0.1-0.2/s3", MARK_DONE, "by mistake", NULL, true);
	OK(f, "0.1-0.2/s3", MARK_UNDO, NULL);
}

static void test_drift(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *it;
	long b;

	drift_prepare(f);

	/* same content: no drift */
	s = load(f);
	assert_false(s->content_changed);
	assert_int_equal(s->nitems, 5);
	for (size_t i = 0; i < s->nitems; i++)
		assert_int_equal(s->items[i].drift, DRIFT_NONE);
	session_free(&s);

	f->c = f->b;
	s = load(f);
	assert_true(s->content_changed);
	assert_string_not_equal(s->content_digest, s->info.content_digest);
	/* planned order, the removed item after its hop's items */
	assert_int_equal(s->nitems, 6);
	assert_string_equal(s->items[0].id, "0.1-0.2/n1");
	assert_string_equal(s->items[1].id, "0.1-0.2/s1");
	assert_string_equal(s->items[2].id, "0.1-0.2/s3");
	assert_string_equal(s->items[3].id, "0.1-0.2/s4");
	assert_string_equal(s->items[4].id, "0.1-0.2/s2");
	assert_string_equal(s->items[5].id, "0.2-0.3/t1");

	it = item(s, "0.1-0.2/n1");
	assert_int_equal(it->drift, DRIFT_NONE);
	assert_false(it->changed_since_done);
	it = item(s, "0.1-0.2/s1"); /* done, then reworded */
	assert_int_equal(it->drift, DRIFT_CHANGED);
	assert_int_equal(it->state, ITEM_DONE);
	assert_true(it->changed_since_done);
	it = item(s, "0.1-0.2/s3"); /* pending, reworded */
	assert_int_equal(it->drift, DRIFT_CHANGED);
	assert_int_equal(it->state, ITEM_PENDING);
	assert_true(it->has_last); /* the undo, under the old content */
	assert_false(it->changed_since_done);
	it = item(s, "0.1-0.2/s4");
	assert_int_equal(it->drift, DRIFT_ADDED);
	assert_int_equal(it->state, ITEM_PENDING);
	assert_false(it->changed_since_done);
	assert_non_null(it->step);
	it = item(s, "0.1-0.2/s2");
	assert_int_equal(it->drift, DRIFT_REMOVED);
	assert_int_equal(it->kind, ITEM_STEP);
	assert_int_equal(it->hop, 0);
	assert_null(it->step);
	assert_null(it->note);
	assert_string_equal(it->digest, "");
	assert_false(it->changed_since_done);
	it = item(s, "0.2-0.3/t1");
	assert_int_equal(it->drift, DRIFT_NONE);

	/* the removed item is not pending; the added one is */
	assert_int_equal(s->nremoved, 1);
	assert_int_equal(s->ndone, 2);
	assert_int_equal(s->npending, 3); /* s3, s4, t1 */
	assert_int_equal(session_blocker(s, (size_t)session_find(s, "0.1-0.2/s2"), &b),
			 SESSION_BLOCK_REMOVED);
	assert_int_equal(b, -1);
	/* and does not hold the next step */
	assert_int_equal(session_blocker(s, (size_t)session_find(s, "0.1-0.2/s3"), &b),
			 SESSION_BLOCK_NONE);
	session_free(&s);

	/* the removed item cannot be marked, not even forced */
	MARK_EXPECT(ST_REFUSED, f, "0.1-0.2/s2", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.1-0.2/s2");
	msg_has(f, "no longer");
	MARK_EXPECT(ST_REFUSED, f, "0.1-0.2/s2", MARK_DONE, "anyway", NULL, true);
	MARK_EXPECT(ST_REFUSED, f, "0.1-0.2/s2", MARK_SKIP, "gone", NULL, false);
	assert_int_equal(nevents(f), 4);
	{
		/* as data: the item as asked, not in the session as the rules see it */
		struct session_refusal r = SESSION_REFUSAL_INIT;
		struct mark_request req = { f->sid, "0.1-0.2/s2", MARK_DONE, "anyway", NULL, true,
					    NULL };
		strbuf_reset(&f->msg);
		assert_int_equal(mark_words(f->j, f->c, NULL, &req, &f->who, &r, &f->msg), ST_REFUSED);
		assert_int_equal(r.code, REFUSAL_REMOVED);
		assert_int_equal(r.field, REFUSAL_FIELD_ITEM);
		assert_int_equal(r.item, -1);
		assert_string_equal(r.item_id, "0.1-0.2/s2");
		session_refusal_release(&r);
	}

	/* with the old content again, nothing drifted */
	f->c = f->a;
	s = load(f);
	assert_false(s->content_changed);
	assert_int_equal(item(s, "0.1-0.2/s2")->drift, DRIFT_NONE);
	session_free(&s);
}

/* The events marked under the new content carry the new digest. */
static void test_drift_redo_changed(void **state)
{
	struct fx *f = *state;
	struct session *s;

	drift_prepare(f);
	f->c = f->b;
	OK(f, "0.1-0.2/s1", MARK_UNDO, NULL);
	OK(f, "0.1-0.2/s1", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s3", MARK_DONE, NULL);
	s = load(f);
	assert_int_equal(item(s, "0.1-0.2/s1")->drift, DRIFT_CHANGED);
	assert_false(item(s, "0.1-0.2/s1")->changed_since_done);
	assert_false(item(s, "0.1-0.2/s3")->changed_since_done);
	session_free(&s);
}

/*
 * An item the content gained after the session started is pending (it
 * counts, and it holds later hops), so it must be possible to mark it;
 * otherwise the session can never finish.
 */
static void test_drift_added_item_can_be_marked(void **state)
{
	struct fx *f = *state;
	struct session *s;

	drift_prepare(f);
	f->c = f->b;
	OK(f, "0.1-0.2/s3", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, "0.2-0.3/t1", MARK_DONE, NULL, NULL, false);
	msg_has(f, "0.1-0.2/s4");
	MARK_EXPECT(ST_OK, f, "0.1-0.2/s4", MARK_DONE, NULL, NULL, false);
	OK(f, "0.2-0.3/t1", MARK_DONE, NULL);
	s = load(f);
	assert_int_equal(item(s, "0.1-0.2/s4")->state, ITEM_DONE);
	assert_true(s->finished);
	session_free(&s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_start_refuses_bad_versions),
		T(test_start_and_items_in_order),
		T(test_unknown_session_and_item),
		T(test_rule_earlier_hop),
		T(test_rule_notes_first),
		T(test_rule_step_order),
		T(test_unordered_hop),
		T(test_skip),
		T(test_undo),
		T(test_done_twice),
		T(test_note),
		T(test_force),
		T(test_branches),
		T(test_finished),
		T(test_operator_and_host),
		T(test_two_sessions_independent),
		T(test_two_operators),
		T(test_mark_read_only_journal),
		T(test_drift),
		T(test_drift_redo_changed),
		T(test_drift_added_item_can_be_marked),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
