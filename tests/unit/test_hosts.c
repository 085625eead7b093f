/*
 * test_hosts.c - per-host steps (include/session.h): a session started with
 * an inventory gets one item "HOP/STEP@HOST" per master or agent after each
 * per-host step; the step's state derives from its hosts'; the rules lock a
 * host's item when its step is locked; the step itself is never marked;
 * session_mark_many() marks a range of hosts all or nothing. Sessions
 * without an inventory are as before. The built-in content, a temporary
 * journal and a fixed clock; content drift on small content in memory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "content.h"
#include "inventory.h"
#include "journal.h"
#include "session.h"

#define FIXTURE_NAME "hosts"
#include "session_fixture.h"

#define HOP "0.27-0.28"
#define MASTERS HOP "/restart-masters"
#define AGENTS HOP "/restart-agents"

/* ---- helpers ----------------------------------------------------------- */

/* An inventory of 3 masters (m2 leads) and @nagents agents a001, a002, ... */
static struct inventory *make_inventory(size_t nagents)
{
	struct strbuf sb = STRBUF_INIT;
	struct inventory *inv;

	strbuf_adds(&sb, "masters: [m1, m2, m3]\nleader: m2\nagents:");
	if (!nagents)
		strbuf_adds(&sb, " []");
	strbuf_addc(&sb, '\n');
	for (size_t i = 1; i <= nagents; i++)
		strbuf_addf(&sb, "  - a%03zu\n", i);
	inv = parse_inventory(strbuf_str(&sb));
	strbuf_release(&sb);
	return inv;
}

static void start_inv(struct fx *f, const char *from, const char *to, size_t nagents)
{
	struct diag_list why = { 0 };
	enum status st;

	inventory_free(&f->inv);
	f->inv = make_inventory(nagents);
	st = session_start(f->j, f->c, from, to, "rolling", f->inv, &f->who, &f->sid, &why);
	if (st != ST_OK)
		fail_msg("session_start %s -> %s: status %d: %s", from, to, (int)st,
			 diag_said(&why));
	assert_true(f->sid > 0);
	diag_list_release(&why);
}

static void start_plain(struct fx *f, const char *from, const char *to)
{
	struct diag_list why = { 0 };
	enum status st = session_start(f->j, f->c, from, to, "plain", NULL, &f->who, &f->sid,
				       &why);

	if (st != ST_OK)
		fail_msg("session_start: status %d: %s", (int)st, diag_said(&why));
	diag_list_release(&why);
}

/*
 * session_mark_many() as f->who: its failure the one message of its status
 * in the list, a refusal with its code there (change_said(): its words
 * in f->msg, its code in f->refused).
 */
static enum status many(struct fx *f, const char *const *items, size_t n, enum mark_action a,
			const char *text, size_t *recorded)
{
	enum status st;

	strbuf_reset(&f->msg);
	st = change_said(f, session_mark_many(f->j, f->c, f->sid, items, n, a, text, &f->who,
					      NULL, recorded, NULL, &f->dl));
	if (st == ST_REFUSED || st == ST_USAGE)
		assert_int_not_equal(f->refused, REFUSAL_NONE);
	return st;
}

static const struct session_item *item(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("session has no item %s", id);
	return &s->items[i];
}

static long idx(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("session has no item %s", id);
	return i;
}

/* The notes and the first step of 0.27-0.28: the masters are next. */
static void open_masters(struct fx *f)
{
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	OK(f, HOP "/rebuild-modules", MARK_DONE, NULL);
}

static void all_masters(struct fx *f)
{
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	OK(f, MASTERS "@m2", MARK_DONE, NULL);
}

/* ---- the items --------------------------------------------------------- */

static void test_items_follow_their_step(void **state)
{
	struct fx *f = *state;
	static const char *const want[] = {
		HOP "/scalar-precision", HOP "/reservation-acls", HOP "/rebuild-modules",
		MASTERS, MASTERS "@m1", MASTERS "@m3", MASTERS "@m2",
		AGENTS, AGENTS "@a001", AGENTS "@a002", AGENTS "@a003", AGENTS "@a004",
		AGENTS "@a005", HOP "/upgrade-schedulers", HOP "/restart-schedulers",
		HOP "/upgrade-executors",
	};
	struct session *s;

	start_inv(f, "0.27", "0.28", 5);
	s = load(f);
	assert_int_equal(s->nitems, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		assert_string_equal(it->id, want[i]);
		assert_int_equal(it->state, ITEM_PENDING);
		assert_int_equal(it->drift, DRIFT_NONE);
		assert_int_equal(it->hop, 0);
	}
	/* the steps */
	assert_int_equal(item(s, MASTERS)->nhosts, 3);
	assert_int_equal(item(s, AGENTS)->nhosts, 5);
	assert_null(item(s, MASTERS)->host);
	assert_int_equal(item(s, MASTERS)->parent, -1);
	assert_int_equal(item(s, HOP "/rebuild-modules")->nhosts, 0);
	/* the hosts: their host, their step, the step's content, the leader last */
	for (size_t i = 4; i <= 6; i++) {
		const struct session_item *it = &s->items[i];
		assert_int_equal(it->kind, ITEM_STEP);
		assert_int_equal(it->parent, 3);
		assert_ptr_equal(it->step, s->items[3].step);
		assert_int_equal(it->nhosts, 0);
		assert_int_equal(session_step_number(s, i), 2);
	}
	assert_string_equal(s->items[4].host, "m1");
	assert_string_equal(s->items[6].host, "m2");
	assert_false(s->items[4].leader);
	assert_false(s->items[5].leader);
	assert_true(s->items[6].leader);
	for (size_t i = 8; i <= 12; i++) {
		assert_int_equal(s->items[i].parent, 7);
		assert_false(s->items[i].leader);
	}
	assert_string_equal(s->items[12].host, "a005");
	/* counts: a per-host step once, its hosts not at all */
	assert_int_equal(session_total(s), 8);
	assert_int_equal(s->npending, 8);
	assert_int_equal(s->ndone + s->nskipped + s->nforced + s->nremoved, 0);
	assert_false(s->finished);
	assert_false(s->content_changed);
	session_free(&s);
}

/* Two hops: each hop's per-host steps get their hosts; an empty role none. */
static void test_items_over_hops_and_empty_role(void **state)
{
	struct fx *f = *state;
	struct session *s;
	size_t hosts = 0, steps = 0;

	start_inv(f, "0.26", "0.28", 0); /* masters only */
	s = load(f);
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->host) {
			hosts++;
			/* an agent step has no hosts: only masters' items */
			assert_non_null(strstr(it->id, "restart-masters@"));
			assert_string_equal(s->items[it->parent].id,
					    i >= 3 && !strncmp(it->id, "0.26-0.27", 9)
						    ? "0.26-0.27/restart-masters" : MASTERS);
		} else {
			steps++;
		}
	}
	assert_int_equal(hosts, 6);
	assert_int_equal(steps, s->plan.nnotes + s->plan.nsteps);
	assert_int_equal(session_total(s), s->plan.nnotes + s->plan.nsteps);
	/* with no agents, the agents' step is an ordinary step */
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->nhosts, 0);
	assert_int_equal(item(s, "0.26-0.27/restart-masters")->nhosts, 3);
	assert_true(item(s, "0.26-0.27/restart-masters@m2")->leader);
	session_free(&s);
}

/* ---- the step's state -------------------------------------------------- */

static void test_step_done_when_every_host_is(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const struct session_item *st;

	start_inv(f, "0.27", "0.28", 3);
	open_masters(f);
	tick(f);
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	tick(f);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	s = load(f);
	st = item(s, MASTERS);
	assert_int_equal(st->state, ITEM_PENDING);
	assert_int_equal(st->hosts_done, 2);
	assert_int_equal(st->hosts_skipped, 0);
	assert_false(st->has_last);
	assert_int_equal(s->ndone, 3);
	assert_int_equal(s->npending, 5);
	assert_int_equal(item(s, MASTERS "@m1")->state, ITEM_DONE);
	assert_string_equal(item(s, MASTERS "@m1")->last.operator_name, "alice");
	session_free(&s);

	/* the last host, the leader, closes the step, as of its own time */
	tick(f);
	f->who.operator_name = "bob";
	OK(f, MASTERS "@m2", MARK_DONE, "failover in 4 s");
	msg_has(f, MASTERS "@m2 done by bob at ");
	s = load(f);
	st = item(s, MASTERS);
	assert_int_equal(st->state, ITEM_DONE);
	assert_int_equal(st->hosts_done, 3);
	assert_true(st->has_last);
	assert_string_equal(st->last.item, MASTERS "@m2");
	assert_string_equal(st->last.operator_name, "bob");
	assert_string_equal(st->last.time, "2026-11-18T11:06:43Z");
	assert_false(st->forced);
	assert_int_equal(s->ndone, 4);
	assert_int_equal(s->npending, 4);
	assert_int_equal(session_total(s), 8);
	session_free(&s);
}

static void test_step_done_or_skipped_by_its_hosts(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start_inv(f, "0.27", "0.28", 3);
	open_masters(f);
	all_masters(f);
	/* done and skipped: done */
	OK(f, AGENTS "@a001", MARK_SKIP, "decommissioned");
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_int_equal(item(s, AGENTS)->hosts_skipped, 1);
	session_free(&s);
	OK(f, AGENTS "@a003", MARK_SKIP, "decommissioned");
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_done, 1);
	assert_int_equal(item(s, AGENTS)->hosts_skipped, 2);
	assert_int_equal(s->nskipped, 0);
	session_free(&s);
	/* every host skipped: the step is skipped */
	OK(f, AGENTS "@a002", MARK_UNDO, NULL);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	session_free(&s);
	OK(f, AGENTS "@a002", MARK_SKIP, "in repair");
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_SKIPPED);
	assert_int_equal(s->nskipped, 1);
	assert_int_equal(s->ndone, 4);
	session_free(&s);
}

/* Undoing a host reopens its step, and the next steps lock again. */
static void test_undo_reopens_the_step(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start_inv(f, "0.27", "0.28", 2);
	open_masters(f);
	all_masters(f);
	s = load(f);
	assert_int_equal(item(s, MASTERS)->state, ITEM_DONE);
	assert_int_equal(session_blocker(s, (size_t)idx(s, AGENTS "@a001"), &b),
			 SESSION_BLOCK_NONE);
	session_free(&s);
	OK(f, MASTERS "@m3", MARK_UNDO, "restarted the wrong binary");
	msg_has(f, MASTERS "@m3 undone by alice");
	s = load(f);
	assert_int_equal(item(s, MASTERS)->state, ITEM_PENDING);
	assert_int_equal(item(s, MASTERS)->hosts_done, 2);
	assert_int_equal(item(s, MASTERS "@m3")->state, ITEM_PENDING);
	assert_true(item(s, MASTERS "@m3")->has_last);
	assert_int_equal(session_blocker(s, (size_t)idx(s, AGENTS "@a001"), &b),
			 SESSION_BLOCK_ORDER);
	assert_int_equal(b, idx(s, MASTERS));
	assert_int_equal(s->ndone, 3);
	session_free(&s);
	MARK_EXPECT(ST_REFUSED, f, AGENTS "@a001", MARK_DONE, NULL, NULL, false);
	/* nothing to undo on a pending host */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m3", MARK_UNDO, NULL, NULL, false);
	msg_is(f, "nothing to undo: " MASTERS "@m3 is pending");
}

/* The session is finished when every step is, hosts included. */
static void test_finished_with_hosts(void **state)
{
	struct fx *f = *state;
	static const char *const rest[] = { HOP "/upgrade-schedulers", HOP "/restart-schedulers",
					    HOP "/upgrade-executors" };
	struct session *s;

	start_inv(f, "0.27", "0.28", 2);
	open_masters(f);
	all_masters(f);
	OK(f, AGENTS "@a001", MARK_DONE, NULL);
	/* the hop is ordered: the rest waits for the last agent */
	MARK_EXPECT(ST_REFUSED, f, rest[0], MARK_DONE, NULL, NULL, false);
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	for (size_t i = 0; i < 3; i++) {
		tick(f);
		OK(f, rest[i], MARK_DONE, NULL);
	}
	s = load(f);
	assert_true(s->finished);
	assert_string_equal(s->finished_at, "2026-11-18T11:06:43Z");
	assert_int_equal(s->ndone, 8);
	assert_int_equal(s->npending, 0);
	session_free(&s);
	/* a host undone afterwards (forced: the steps after it are done) reopens it */
	tick(f);
	OK(f, AGENTS "@a002", MARK_UNDO, "it rebooted into the old version");
	s = load(f);
	assert_false(s->finished);
	assert_null(s->finished_at);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_int_equal(s->npending, 1);
	session_free(&s);
}

/* ---- the rules --------------------------------------------------------- */

static void test_host_locked_with_its_step(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start_inv(f, "0.26", "0.28", 2);
	/* an earlier hop is pending */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m1", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m1 is locked: hops are done in order and "
		  "0.26-0.27/implicit-roles of hop 0.26-0.27 is still pending "
		  "(--force --note REASON overrides)");
	s = load(f);
	assert_int_equal(session_blocker(s, (size_t)idx(s, MASTERS "@m1"), &b),
			 SESSION_BLOCK_EARLIER_HOP);
	assert_string_equal(s->items[b].id, "0.26-0.27/implicit-roles");
	/* the notes of its own hop come first */
	assert_int_equal(session_blocker(s, (size_t)idx(s, "0.26-0.27/restart-masters@m1"), &b),
			 SESSION_BLOCK_NOTES);
	assert_string_equal(s->items[b].id, "0.26-0.27/implicit-roles");
	session_free(&s);
	MARK_EXPECT(ST_REFUSED, f, "0.26-0.27/restart-masters@m2", MARK_SKIP, "no", NULL, false);
	msg_is(f, "0.26-0.27/restart-masters@m2 is locked: acknowledge the notes of hop 0.26-0.27 "
		  "first; 0.26-0.27/implicit-roles is still pending (--force --note REASON "
		  "overrides)");
	assert_int_equal(nevents(f), 0);
}

static void test_host_locked_by_an_earlier_step(void **state)
{
	struct fx *f = *state;
	struct session *s;
	long b;

	start_inv(f, "0.27", "0.28", 2);
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	/* rebuild-modules first: the masters' hosts wait */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m1", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m1 is locked: the steps of hop 0.27-0.28 are done in order and "
		  "0.27-0.28/rebuild-modules is still pending (--force --note REASON overrides)");
	OK(f, HOP "/rebuild-modules", MARK_DONE, NULL);
	/* the agents wait for every master: the blocker is the masters' step */
	MARK_EXPECT(ST_REFUSED, f, AGENTS "@a002", MARK_DONE, NULL, NULL, false);
	msg_is(f, AGENTS "@a002 is locked: the steps of hop 0.27-0.28 are done in order and "
		  MASTERS " is still pending (--force --note REASON overrides)");
	/* hosts of one step in any order, but the leading master last (issue 15) */
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m2", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m2 is locked: the leading master is restarted last, after the other "
		  "masters of its step; still pending: m1, m3 (one failover, onto a master already "
		  "upgraded) (--force --note REASON overrides)");
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	MARK_EXPECT(ST_REFUSED, f, MASTERS "@m2", MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS "@m2 is locked: the leading master is restarted last, after the other "
		  "masters of its step; still pending: m3 (one failover, onto a master already "
		  "upgraded) (--force --note REASON overrides)");
	MARK_EXPECT(ST_REFUSED, f, AGENTS "@a002", MARK_DONE, NULL, NULL, false);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	OK(f, MASTERS "@m2", MARK_DONE, NULL);
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	/* the next step waits for every agent */
	MARK_EXPECT(ST_REFUSED, f, HOP "/upgrade-schedulers", MARK_DONE, NULL, NULL, false);
	msg_has(f, "and " AGENTS " is still pending");
	s = load(f);
	assert_int_equal(session_blocker(s, (size_t)idx(s, HOP "/upgrade-schedulers"), &b),
			 SESSION_BLOCK_ORDER);
	assert_int_equal(b, idx(s, AGENTS));
	assert_int_equal(session_blocker(s, (size_t)idx(s, AGENTS "@a001"), &b),
			 SESSION_BLOCK_NONE);
	session_free(&s);
	OK(f, AGENTS "@a001", MARK_DONE, NULL);
	OK(f, HOP "/upgrade-schedulers", MARK_DONE, NULL);
}

/* The step itself is marked through its hosts; a note on it is fine. */
static void test_step_itself_refused(void **state)
{
	struct fx *f = *state;

	start_inv(f, "0.27", "0.28", 2);
	open_masters(f);
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_DONE, NULL, NULL, false);
	msg_is(f, MASTERS " is done host by host: mark " MASTERS "@HOST for each of its 3 hosts "
		  "(3 pending); 'status 1' lists them");
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_SKIP, "not today", NULL, false);
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_DONE, "forced", NULL, true);
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	MARK_EXPECT(ST_USAGE, f, MASTERS, MARK_UNDO, NULL, NULL, false);
	msg_has(f, "(2 pending)");
	assert_int_equal(nevents(f), 4);
	/* a note on the step changes nothing and is allowed */
	OK(f, MASTERS, MARK_NOTE, "the change window ends at 02:00");
	assert_int_equal(nevents(f), 5);
	/* unknown hosts, and a host of another role */
	MARK_EXPECT(ST_USAGE, f, MASTERS "@m9", MARK_DONE, NULL, NULL, false);
	msg_has(f, "session 1 has no item '" MASTERS "@m9'");
	MARK_EXPECT(ST_USAGE, f, MASTERS "@a001", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, AGENTS "@m1", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_USAGE, f, HOP "/upgrade-schedulers@m1", MARK_DONE, NULL, NULL, false);
	assert_int_equal(nevents(f), 5);
}

static void test_force_a_host(void **state)
{
	struct fx *f = *state;
	struct session *s;

	start_inv(f, "0.27", "0.28", 2);
	MARK_EXPECT(ST_USAGE, f, AGENTS "@a001", MARK_DONE, NULL, NULL, true);
	msg_is(f, "--force needs a reason: --note REASON");
	MARK_EXPECT(ST_OK, f, AGENTS "@a001", MARK_DONE, "config management did it", NULL, true);
	msg_has(f, AGENTS "@a001 done (forced) by alice");
	s = load(f);
	assert_true(item(s, AGENTS "@a001")->forced);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_false(item(s, AGENTS)->forced); /* pending: not forced yet */
	assert_int_equal(s->nforced, 0);
	session_free(&s);
	MARK_EXPECT(ST_OK, f, AGENTS "@a002", MARK_SKIP, "gone", NULL, true);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_true(item(s, AGENTS)->forced);
	assert_int_equal(s->nforced, 1);
	session_free(&s);
}

/* ---- a range of hosts at once ------------------------------------------ */

static void test_many_all_or_nothing(void **state)
{
	struct fx *f = *state;
	const char *range[] = { MASTERS "@m1", MASTERS "@m3", AGENTS "@a001" };
	size_t n = 99;
	struct session *s;

	start_inv(f, "0.27", "0.28", 4);
	open_masters(f);
	/* the agent is locked: nothing is recorded, not even the masters */
	assert_int_equal(many(f, range, 3, MARK_DONE, NULL, &n), ST_REFUSED);
	assert_int_equal(n, 0);
	msg_is(f, AGENTS "@a001 is locked: the steps of hop 0.27-0.28 are done in order and "
		  MASTERS " is still pending (--force --note REASON overrides)");
	assert_int_equal(nevents(f), 3);
	/* an unknown item, a step, a note: usage, nothing recorded */
	{
		const char *bad[] = { MASTERS "@m1", MASTERS "@nope" };
		assert_int_equal(many(f, bad, 2, MARK_DONE, NULL, &n), ST_USAGE);
		msg_has(f, "no item '" MASTERS "@nope'");
	}
	{
		const char *bad[] = { MASTERS "@m1", MASTERS };
		assert_int_equal(many(f, bad, 2, MARK_DONE, NULL, &n), ST_USAGE);
		msg_has(f, "is done host by host");
	}
	{
		const char *bad[] = { MASTERS "@m1", HOP "/upgrade-schedulers" };
		assert_int_equal(many(f, bad, 2, MARK_UNDO, NULL, &n), ST_REFUSED);
	}
	{
		const char *bad[] = { MASTERS "@m1", HOP "/scalar-precision" };
		assert_int_equal(many(f, bad, 2, MARK_UNDO, NULL, &n), ST_USAGE);
		msg_is(f, HOP "/scalar-precision is not a host's item of a per-host step");
	}
	assert_int_equal(n, 0);
	assert_int_equal(nevents(f), 3);
	/* a skip needs its reason */
	assert_int_equal(many(f, range, 2, MARK_SKIP, NULL, &n), ST_USAGE);
	msg_has(f, "needs a reason");
	assert_int_equal(nevents(f), 3);
	/* the masters alone: recorded, one event each, one time */
	tick(f);
	assert_int_equal(many(f, range, 2, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nevents(f), 5);
	s = load(f);
	assert_int_equal(item(s, MASTERS)->hosts_done, 2);
	assert_string_equal(item(s, MASTERS "@m3")->last.time, "2026-11-18T11:06:41Z");
	assert_string_equal(item(s, MASTERS "@m3")->last.operator_name, "alice");
	assert_string_equal(item(s, MASTERS "@m3")->last.host, "bastion-1");
	session_free(&s);
}

static void test_many_passes_over_resolved(void **state)
{
	struct fx *f = *state;
	const char *all[] = { AGENTS "@a001", AGENTS "@a002", AGENTS "@a003", AGENTS "@a004" };
	size_t n = 0;
	struct session *s;

	start_inv(f, "0.27", "0.28", 4);
	open_masters(f);
	all_masters(f);
	OK(f, AGENTS "@a002", MARK_DONE, NULL);
	assert_int_equal(many(f, all, 4, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(nevents(f), 3 + 3 + 1 + 3);
	/* again: everything done already, nothing recorded, still ok */
	assert_int_equal(many(f, all, 4, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(nevents(f), 10);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	session_free(&s);
	/* undo over a range: every host undone at once, the step reopened */
	assert_int_equal(many(f, all, 2, MARK_UNDO, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	/* a range holding pending hosts: those are passed over (nothing to undo) */
	assert_int_equal(many(f, all, 4, MARK_UNDO, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nevents(f), 14);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_PENDING);
	assert_int_equal(item(s, AGENTS)->hosts_done, 0);
	session_free(&s);
	/* skip a range with its reason; a done one in it is refused whole, and the
	 * refusal says who did it when */
	OK(f, AGENTS "@a004", MARK_DONE, NULL);
	assert_int_equal(many(f, all, 4, MARK_SKIP, "decommissioned", &n), ST_REFUSED);
	assert_int_equal(n, 0);
	msg_is(f, AGENTS "@a004 is already done (by alice at 2026-11-18T11:06:40Z); undo it "
		  "first");
	assert_int_equal(many(f, all, 3, MARK_SKIP, "decommissioned", &n), ST_OK);
	assert_int_equal(n, 3);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_skipped, 3);
	assert_string_equal(item(s, AGENTS "@a003")->last.text, "decommissioned");
	session_free(&s);
}

/* The same host twice in a range is recorded once; a note is not a range action. */
static void test_many_duplicates_and_notes(void **state)
{
	struct fx *f = *state;
	const char *twice[] = { MASTERS "@m1", MASTERS "@m1", MASTERS "@m3" };
	size_t n = 0;

	start_inv(f, "0.27", "0.28", 1);
	open_masters(f);
	assert_int_equal(many(f, twice, 3, MARK_NOTE, "hello", &n), ST_USAGE);
	assert_int_equal(nevents(f), 3);
	assert_int_equal(many(f, twice, 3, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(nevents(f), 5);
	/* nothing at all: fine, nothing recorded */
	assert_int_equal(many(f, twice, 0, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* Forcing is not for ranges: a locked range is refused even with a reason. */
static void test_many_no_force(void **state)
{
	struct fx *f = *state;
	const char *agents[] = { AGENTS "@a001", AGENTS "@a002" };
	size_t n = 0;

	start_inv(f, "0.27", "0.28", 2);
	assert_int_equal(many(f, agents, 2, MARK_SKIP, "whatever", &n), ST_REFUSED);
	msg_has(f, "is locked");
	assert_int_equal(nevents(f), 0);
}

/* 3 masters and 2,000 agents: one range marks every agent. */
static void test_many_two_thousand(void **state)
{
	struct fx *f = *state;
	const char **ids = calloc(2000, sizeof(*ids));
	struct session *s;
	size_t n = 0;

	assert_non_null(ids);
	start_inv(f, "0.27", "0.28", 2000);
	open_masters(f);
	all_masters(f);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->nhosts, 2000);
	assert_int_equal(s->nitems, 16 - 5 + 2000);
	for (size_t i = 0; i < 2000; i++)
		ids[i] = item(s, AGENTS)[i + 1].id;
	/* (how long it takes is make bench's: no timing here) */
	assert_int_equal(many(f, ids, 2000, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 2000);
	session_free(&s);
	s = load(f);
	assert_int_equal(item(s, AGENTS)->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_done, 2000);
	assert_int_equal(s->ndone, 5);
	session_free(&s);
	free(ids);
}

/* The ids of per-host step @step's hosts a001.. a@n (in @a, which is freed by the caller). */
static const char **host_ids(const char *step, size_t from, size_t n, char (*buf)[64],
			     const char **ids)
{
	for (size_t i = 0; i < n; i++) {
		snprintf(buf[from + i], sizeof(*buf), "%s@a%03zu", step, i + 1);
		ids[from + i] = buf[from + i];
	}
	return ids;
}

/*
 * More hosts than a range of the wizard (read then as their hop's view, or
 * the whole session when they are of several hops): the same rules, all or
 * nothing, as a few.
 */
static void test_many_more_than_a_range(void **state)
{
	static const char *const first[] = {
		"0.26-0.27/implicit-roles", "0.26-0.27/allocator-api",
		"0.26-0.27/executor-lost-callback", "0.26-0.27/isolator-prepare",
		"0.26-0.27/teardown-frameworks-acl", "0.26-0.27/drf-reserved-resources",
		"0.26-0.27/rebuild-modules", "0.26-0.27/restart-masters@m1",
		"0.26-0.27/restart-masters@m3", "0.26-0.27/restart-masters@m2" };
	struct fx *f = *state;
	char (*buf)[64] = calloc(200, sizeof(*buf));
	const char **ids = calloc(200, sizeof(*ids));
	struct strbuf one = STRBUF_INIT;
	struct session *s;
	size_t n = 99;

	assert_non_null(buf);
	assert_non_null(ids);
	start_inv(f, "0.26", "0.28", 100);
	/* the next hop's agents: locked by this one, as one of them alone is */
	host_ids(AGENTS, 0, 100, buf, ids);
	assert_int_equal(many(f, ids, 1, MARK_DONE, NULL, &n), ST_REFUSED);
	strbuf_adds(&one, strbuf_str(&f->msg));
	assert_int_equal(many(f, ids, 100, MARK_DONE, NULL, &n), ST_REFUSED);
	assert_string_equal(strbuf_str(&f->msg), strbuf_str(&one));
	assert_int_equal(n, 0);
	for (size_t i = 0; i < sizeof(first) / sizeof(*first); i++)
		OK(f, first[i], MARK_DONE, NULL);
	/* of two hops: nothing recorded when the later one's are locked */
	host_ids("0.26-0.27/restart-agents", 0, 100, buf, ids);
	host_ids(AGENTS, 100, 100, buf, ids);
	assert_int_equal(many(f, ids + 50, 100, MARK_DONE, NULL, &n), ST_REFUSED);
	assert_int_equal(n, 0);
	/* an id no session has among them: the whole session's "no such item" */
	ids[80] = "0.26-0.27/restart-agents@a999";
	assert_int_equal(many(f, ids, 100, MARK_DONE, NULL, &n), ST_USAGE);
	msg_has(f, "0.26-0.27/restart-agents@a999");
	assert_int_equal(n, 0);
	ids[80] = buf[80];
	/* the hop's 100 agents at once */
	assert_int_equal(many(f, ids, 100, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 100);
	s = load(f);
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->hosts_done, 100);
	assert_int_equal(item(s, "0.26-0.27/restart-agents")->state, ITEM_DONE);
	assert_int_equal(item(s, AGENTS)->hosts_done, 0);
	session_free(&s);
	strbuf_release(&one);
	free(ids);
	free(buf);
}

/* ---- sessions without an inventory ------------------------------------- */

static void test_without_inventory_as_before(void **state)
{
	struct fx *f = *state;
	struct journal_host *hosts = NULL;
	struct arena a = ARENA_INIT;
	struct session *s;
	char digest[65];
	size_t nh = 99, k = 0;

	start_plain(f, "0.26", "0.28");
	s = load(f);
	/* exactly the plan's notes and steps, in order */
	assert_int_equal(s->nitems, s->plan.nnotes + s->plan.nsteps);
	for (size_t h = 0; h < s->plan.nhops; h++) {
		const struct content_hop *hop = &s->plan.hops[h];
		for (size_t i = 0; i < hop->nnotes; i++, k++)
			assert_string_equal(s->items[k].id, hop->notes[i].full_id);
		for (size_t i = 0; i < hop->nsteps; i++, k++)
			assert_string_equal(s->items[k].id, hop->steps[i].full_id);
	}
	for (size_t i = 0; i < s->nitems; i++) {
		assert_null(s->items[i].host);
		assert_int_equal(s->items[i].nhosts, 0);
		assert_int_equal(s->items[i].parent, -1);
		assert_false(s->items[i].leader);
	}
	/* the digest is the plan's as it always was */
	session_plan_digest(&s->plan, digest);
	assert_string_equal(s->info.content_digest, digest);
	assert_false(s->content_changed);
	session_free(&s);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &hosts, &nh), ST_OK);
	assert_int_equal(nh, 0);
	arena_release(&a);
	/* a per-host step is an ordinary step: marked itself */
	for (const char *const *id = (const char *const[]){
		     "0.26-0.27/implicit-roles", "0.26-0.27/allocator-api",
		     "0.26-0.27/executor-lost-callback", "0.26-0.27/isolator-prepare",
		     "0.26-0.27/teardown-frameworks-acl", "0.26-0.27/drf-reserved-resources",
		     "0.26-0.27/rebuild-modules", NULL };
	     *id; id++)
		OK(f, *id, MARK_DONE, NULL);
	OK(f, "0.26-0.27/restart-masters", MARK_DONE, NULL);
	msg_has(f, "0.26-0.27/restart-masters done by alice");
	MARK_EXPECT(ST_USAGE, f, "0.26-0.27/restart-agents@a001", MARK_DONE, NULL, NULL, false);
	s = load(f);
	assert_int_equal(item(s, "0.26-0.27/restart-masters")->state, ITEM_DONE);
	assert_int_equal(s->ndone, 8);
	session_free(&s);
}

/* ---- the inventory is kept with the session ---------------------------- */

static void test_inventory_stored_and_resumed(void **state)
{
	struct fx *f = *state;
	struct journal_host *h = NULL;
	struct arena a = ARENA_INIT;
	struct session *s;
	size_t n = 0;

	start_inv(f, "0.27", "0.28", 3);
	open_masters(f);
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &h, &n), ST_OK);
	assert_int_equal(n, 6);
	assert_string_equal(h[0].role, "master");
	assert_string_equal(h[0].name, "m1");
	assert_string_equal(h[1].name, "m3");
	assert_string_equal(h[2].name, "m2");
	assert_false(h[0].leader);
	assert_true(h[2].leader);
	for (size_t i = 3; i < 6; i++) {
		assert_string_equal(h[i].role, "agent");
		assert_false(h[i].leader);
	}
	assert_string_equal(h[5].name, "a003");
	arena_release(&a);
	/* resume: another process, no inventory file at all */
	inventory_free(&f->inv);
	journal_close(&f->j);
	assert_int_equal(open_journal(f->path, JOURNAL_WRITE, &f->j), ST_OK);
	s = load(f);
	assert_int_equal(s->nitems, 16 - 2);
	assert_int_equal(item(s, MASTERS)->nhosts, 3);
	assert_true(item(s, MASTERS "@m2")->leader);
	assert_int_equal(item(s, MASTERS "@m1")->state, ITEM_DONE);
	assert_false(s->content_changed);
	session_free(&s);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	/* a second session with another inventory keeps its own */
	{
		int64_t first = f->sid;
		start_inv(f, "0.27", "0.28", 1);
		assert_true(f->sid != first);
		s = load(f);
		assert_int_equal(item(s, AGENTS)->nhosts, 1);
		assert_int_equal(item(s, MASTERS)->hosts_done, 0);
		session_free(&s);
		f->sid = first;
		s = load(f);
		assert_int_equal(item(s, AGENTS)->nhosts, 3);
		assert_int_equal(item(s, MASTERS)->hosts_done, 2);
		session_free(&s);
	}
}

/* ---- drift: the content changed under a session with hosts ------------- */

static const char GUIDE[] = "product: Apache Mesos\n"
			    "title: Drift test\n"
			    "source: tests/unit/test_hosts.c\n"
			    "version: \"1.0.0\"\n";

/* s1 per-host on the masters, s2 per-host on the agents, s3 ordinary */
static const char HOP_A[] = "from: \"0.1\"\n"
			    "to: \"0.2\"\n"
			    "title: Upgrading from 0.1 to 0.2\n"
			    "notes: []\n"
			    "steps:\n"
			    "  - id: s1\n"
			    "    role: master\n"
			    "    per_host: true\n"
			    "    text: Restart the masters.\n"
			    "  - id: s2\n"
			    "    role: agent\n"
			    "    per_host: true\n"
			    "    text: Restart the agents.\n"
			    "  - id: s3\n"
			    "    role: scheduler\n"
			    "    text: Restart the schedulers.\n";

/* s1 reworded, s2 no longer per host, s3 gone, s4 new and per host */
static const char HOP_B[] = "from: \"0.1\"\n"
			    "to: \"0.2\"\n"
			    "title: Upgrading from 0.1 to 0.2\n"
			    "notes: []\n"
			    "steps:\n"
			    "  - id: s1\n"
			    "    role: master\n"
			    "    per_host: true\n"
			    "    text: Restart the masters, the leader last.\n"
			    "  - id: s2\n"
			    "    role: agent\n"
			    "    text: Restart the agents.\n"
			    "  - id: s4\n"
			    "    role: agent\n"
			    "    per_host: true\n"
			    "    text: Check every agent.\n";

static struct content *mem_content(const char *hop)
{
	struct content_file hops[1] = {
		{ "hops/0.1-0.2.yaml", (const unsigned char *)hop, strlen(hop) },
	};

	return content_in_memory(GUIDE, hops, 1);
}

static void test_drift_with_hosts(void **state)
{
	struct fx *f = *state;
	struct session *s;
	const char *both[] = { "0.1-0.2/s4@a001", "0.1-0.2/s4@a002" };
	size_t n = 0;

	f->a = mem_content(HOP_A);
	f->b = mem_content(HOP_B);
	f->c = f->a;
	start_inv(f, "0.1", "0.2", 2);
	OK(f, "0.1-0.2/s1@m1", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s1@m3", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s1@m2", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s2@a001", MARK_DONE, NULL);
	OK(f, "0.1-0.2/s2@a002", MARK_SKIP, "gone");

	f->c = f->b;
	s = load(f);
	assert_true(s->content_changed);
	/* s1: its hosts are still its hosts, done under other words */
	assert_int_equal(item(s, "0.1-0.2/s1")->nhosts, 3);
	assert_int_equal(item(s, "0.1-0.2/s1")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s1")->drift, DRIFT_CHANGED);
	assert_int_equal(item(s, "0.1-0.2/s1@m2")->drift, DRIFT_CHANGED);
	assert_true(item(s, "0.1-0.2/s1@m2")->changed_since_done);
	assert_non_null(item(s, "0.1-0.2/s1@m2")->host);
	/* s2 is an ordinary step now: its hosts' items are history, it is pending */
	assert_int_equal(item(s, "0.1-0.2/s2")->nhosts, 0);
	assert_int_equal(item(s, "0.1-0.2/s2")->state, ITEM_PENDING);
	assert_int_equal(item(s, "0.1-0.2/s2@a001")->drift, DRIFT_REMOVED);
	assert_int_equal(item(s, "0.1-0.2/s2@a001")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s2@a002")->state, ITEM_SKIPPED);
	/* s3 removed; s4 new, with its hosts new too */
	assert_int_equal(item(s, "0.1-0.2/s3")->drift, DRIFT_REMOVED);
	assert_int_equal(item(s, "0.1-0.2/s4")->drift, DRIFT_ADDED);
	assert_int_equal(item(s, "0.1-0.2/s4")->nhosts, 2);
	assert_int_equal(item(s, "0.1-0.2/s4@a001")->drift, DRIFT_ADDED);
	assert_int_equal(item(s, "0.1-0.2/s4@a001")->parent, idx(s, "0.1-0.2/s4"));
	assert_int_equal(s->nremoved, 3); /* s3 and the two hosts of s2, history now */
	assert_int_equal(session_total(s), 3);
	assert_int_equal(s->ndone, 1);
	session_free(&s);

	/* the removed hosts' items are refused; s2 is marked itself */
	MARK_EXPECT(ST_REFUSED, f, "0.1-0.2/s2@a001", MARK_UNDO, NULL, NULL, false);
	msg_has(f, "no longer in the content");
	OK(f, "0.1-0.2/s2", MARK_DONE, NULL);
	/* the new hosts' items are planned when first marked: alone, or as a range */
	OK(f, "0.1-0.2/s4@a001", MARK_DONE, NULL);
	assert_int_equal(many(f, both, 2, MARK_DONE, NULL, &n), ST_OK);
	assert_int_equal(n, 1);
	s = load(f);
	assert_int_equal(item(s, "0.1-0.2/s4")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s4@a002")->state, ITEM_DONE);
	assert_int_equal(item(s, "0.1-0.2/s4@a002")->drift, DRIFT_NONE);
	assert_true(s->finished);
	session_free(&s);
	/* and the old content still reads the session */
	f->c = f->a;
	s = load(f);
	assert_int_equal(item(s, "0.1-0.2/s2")->nhosts, 2);
	assert_int_equal(item(s, "0.1-0.2/s2")->state, ITEM_DONE);
	session_free(&s);
}

/* journal_hosts_from() of every first agent and count is that slice of journal_hosts(). */
static void slices_agree(struct fx *f, bool sorted)
{
	struct arena a = ARENA_INIT;
	struct journal_host *w, *b;
	size_t nw, nb, nm = 3;
	bool in_order = !sorted;

	assert_int_equal(journal_agents_sorted(f->j, f->sid, &in_order), ST_OK);
	assert_int_equal(in_order, sorted);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &w, &nw), ST_OK);
	for (size_t first = 0; first <= nw - nm; first++) {
		for (size_t max = 0; max <= 3; max++) {
			size_t want = nw - nm - first < max ? nw - nm - first : max;
			assert_int_equal(journal_hosts_from(f->j, f->sid, first, max, &a, &b, &nb),
					 ST_OK);
			assert_int_equal(nb, nm + want);
			for (size_t i = 0; i < nb; i++) {
				const struct journal_host *x = &w[i < nm ? i : first + i];
				assert_string_equal(b[i].role, x->role);
				assert_string_equal(b[i].name, x->name);
				assert_int_equal(b[i].leader, x->leader);
				assert_true((!b[i].from_hop && !x->from_hop) ||
					    (b[i].from_hop && x->from_hop &&
					     !strcmp(b[i].from_hop, x->from_hop)));
			}
		}
	}
	arena_release(&a);
}

/*
 * The inventory read a batch of agents at a time (the masters with each),
 * and whether its agents are in the order of their names: sorted as
 * started, not once "edit --inventory" added agents out of that order
 * (their first hop read with them).
 */
static void test_inventory_read_by_batches(void **state)
{
	struct fx *f = *state;
	struct inventory *more;

	start_inv(f, "0.26", "0.28", 5);
	slices_agree(f, true);
	more = parse_inventory("masters: [m1, m2, m3]\nleader: m2\n"
			       "agents: [a001, a002, a003, a004, a005, a000, zz]\n");
	strbuf_reset(&f->msg);
	assert_int_equal(session_add_hosts(f->j, f->c, f->sid, more, "more.yaml", &f->who, &f->dl,
					   &f->msg), ST_OK);
	inventory_free(&more);
	slices_agree(f, false);
	{
		struct arena a = ARENA_INIT;
		struct journal_host *h;
		size_t n;
		assert_int_equal(journal_hosts_from(f->j, f->sid, 5, 2, &a, &h, &n), ST_OK);
		assert_int_equal(n, 5);
		assert_string_equal(h[3].name, "a000");
		assert_string_equal(h[4].name, "zz");
		assert_non_null(h[4].from_hop);
		arena_release(&a);
	}
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_items_follow_their_step),
		T(test_items_over_hops_and_empty_role),
		T(test_step_done_when_every_host_is),
		T(test_step_done_or_skipped_by_its_hosts),
		T(test_undo_reopens_the_step),
		T(test_finished_with_hosts),
		T(test_host_locked_with_its_step),
		T(test_host_locked_by_an_earlier_step),
		T(test_step_itself_refused),
		T(test_force_a_host),
		T(test_many_all_or_nothing),
		T(test_many_passes_over_resolved),
		T(test_many_duplicates_and_notes),
		T(test_many_no_force),
		T(test_many_two_thousand),
		T(test_many_more_than_a_range),
		T(test_without_inventory_as_before),
		T(test_inventory_stored_and_resumed),
		T(test_drift_with_hosts),
		T(test_inventory_read_by_batches),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
