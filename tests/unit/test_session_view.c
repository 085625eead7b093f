/*
 * test_session_view.c - session_load_view() (include/session.h), the load
 * of a large session that reads the plan's items, the masters' and one
 * hop's agents' items, and each per-host step's counts from the journal's
 * (kept by triggers, schema 7): after every kind of change a session goes
 * through, each item it has agrees with session_load()'s in every field the
 * front ends read, and so do the totals and the rules, and "status --format
 * json" and the reports written a hop at a time; a refresh that fails says
 * so in its diag_list. The built-in content, a temporary journal and a
 * fixed clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "document.h"
#include "render_json.h"
#include "report.h"
#include "report_export.h"
#include "session_clock.h"
#include "status_hosts.h"
#include "status_view.h"

#define FIXTURE_NAME "view"
#include "session_fixture.h"

#define A "0.26-0.27"
#define B "0.27-0.28"
#define INVENTORY "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4]\n"

static void start_range(struct fx *f, const char *from, const char *to, const char *inventory)
{
	struct diag_list why = { 0 };
	enum status st;

	inventory_free(&f->inv);
	f->inv = inventory ? parse_inventory(inventory) : NULL;
	st = session_start(f->j, f->c, from, to, "t", f->inv, &f->who, &f->sid, &why);
	if (st != ST_OK)
		fail_msg("session_start: status %d: %s", (int)st, diag_said(&why));
	diag_list_release(&why);
}

static void start(struct fx *f, const char *inventory)
{
	start_range(f, "0.26", "0.28", inventory);
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

#define SAME(what, cond)                                                                      \
	do {                                                                                  \
		if (!(cond))                                                                  \
			fail_msg("hop %zu, %s: %s differs from the whole load", hop, id, what); \
	} while (0)

/* Item @vi of the view @v agrees with the whole load @w in what the front ends read. */
static void same_item(const struct session *v, size_t vi, const struct session *w, size_t hop)
{
	const struct session_item *a = &v->items[vi], *b;
	const char *id = a->id;
	long wi = session_find(w, id), ba, bb;

	if (wi < 0)
		fail_msg("hop %zu: the view has %s, the whole load does not", hop, id);
	b = &w->items[wi];
	SAME("kind", a->kind == b->kind);
	SAME("state", a->state == b->state);
	SAME("forced", a->forced == b->forced);
	SAME("branch", same_str(a->branch, b->branch));
	SAME("drift", a->drift == b->drift);
	SAME("changed_since_done", a->changed_since_done == b->changed_since_done);
	SAME("host", same_str(a->host, b->host));
	SAME("leader", a->leader == b->leader);
	SAME("has_last", a->has_last == b->has_last);
	SAME("last", !a->has_last || a->last.id == b->last.id);
	SAME("has_note", a->has_note == b->has_note);
	SAME("note", !a->has_note || a->note_event.id == b->note_event.id);
	SAME("nhosts", a->nhosts == b->nhosts);
	SAME("hosts_done", a->hosts_done == b->hosts_done);
	SAME("hosts_skipped", a->hosts_skipped == b->hosts_skipped);
	SAME("parent", (a->parent < 0) == (b->parent < 0) &&
			       (a->parent < 0 || !strcmp(v->items[a->parent].id,
							 w->items[b->parent].id)));
	SAME("block", session_blocker(v, vi, &ba) == session_blocker(w, (size_t)wi, &bb));
	SAME("blocker", (ba < 0) == (bb < 0) &&
				(ba < 0 || !strcmp(v->items[ba].id, w->items[bb].id)));
}

/* The operator's clock of the view @v is that of the whole load @w. */
static void same_clock(struct fx *f, const struct session *v, const struct session *w)
{
	struct session_clock cv = { 0 }, cw = { 0 };

	assert_int_equal(session_clock_update(&cv, f->j, v), ST_OK);
	assert_int_equal(session_clock_update(&cw, f->j, w), ST_OK);
	assert_int_equal(cv.started, cw.started);
	assert_int_equal(cv.finished, cw.finished);
	for (size_t h = 0; h < cw.nhops; h++) {
		assert_int_equal(cv.hops[h].started, cw.hops[h].started);
		assert_int_equal(cv.hops[h].finished, cw.hops[h].finished);
		assert_int_equal(cv.hops[h].start, cw.hops[h].start);
		if (cw.hops[h].finished) /* (the end of a hop in progress is now) */
			assert_int_equal(cv.hops[h].end, cw.hops[h].end);
	}
	session_clock_release(&cv);
	session_clock_release(&cw);
}

/*
 * The view kept since the test began, of hop A's agents, refreshed: it
 * agrees with the whole load (@w) as a view read now does.
 */
static struct session *kept;

static void refreshed_agrees(struct fx *f, const struct session *w)
{
	struct diag_list dl = DIAG_LIST_INIT;
	bool again = false;
	size_t hop = 0;

	if (!kept && session_load_view(f->j, f->c, f->sid, 0, &kept, &dl) != ST_OK)
		fail_msg("session_load_view: %s", diag_said(&dl));
	if (session_refresh(f->j, kept, &again, &dl) != ST_OK)
		fail_msg("session_refresh: %s", diag_said(&dl));
	if (again) {
		session_free(&kept);
		if (session_load_view(f->j, f->c, f->sid, 0, &kept, &dl) != ST_OK)
			fail_msg("session_load_view: %s", diag_said(&dl));
	}
	for (size_t i = 0; i < kept->nitems; i++)
		same_item(kept, i, w, hop);
	assert_int_equal(kept->ndone, w->ndone);
	assert_int_equal(kept->nskipped, w->nskipped);
	assert_int_equal(kept->npending, w->npending);
	assert_int_equal(kept->nforced, w->nforced);
	assert_int_equal(kept->finished, w->finished);
	assert_true(same_str(kept->finished_at, w->finished_at));
	assert_string_equal(kept->last_activity, w->last_activity);
	diag_list_release(&dl);
}

/*
 * "status --format json" (session_status_json()) and "status --hosts"
 * (status_hosts_text()), a hop at a time, are the whole load's, byte for byte.
 */
static void hops_agree(struct fx *f, const struct session *w, enum render_format fmt)
{
	struct strbuf whole = STRBUF_INIT, hops = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	enum status st;

	status_view(&whole, w, NULL, fmt, fmt == FMT_TEXT);
	st = fmt == FMT_JSON ? session_status_json(&hops, f->j, f->c, f->sid, NULL, &dl)
			     : status_hosts_text(&hops, f->j, f->c, f->sid, NULL, &dl);
	if (st != ST_OK)
		fail_msg("a hop at a time: %s", diag_said(&dl));
	assert_int_equal(dl.count, 0);
	assert_string_equal(strbuf_str(&hops), strbuf_str(&whole));
	strbuf_release(&whole);
	strbuf_release(&hops);
	diag_list_release(&dl);
}

/*
 * status_view()'s text with every host is its parts put together (what
 * "status --hosts" writes a hop at a time): the head, each hop, the next
 * line; with a probe, its warning once, above the first hop still pending.
 */
static void parts_agree(const struct session *w)
{
	static struct journal_probe_warning warn = { "agents-newer", "a1 runs 0.29" };
	struct session_live live = { .probed = true };
	struct strbuf whole = STRBUF_INIT, parts = STRBUF_INIT;
	const char *first, *pending = NULL;

	live.probe.time = "2026-11-18T11:00:00Z";
	live.probe.operator_name = "alice";
	live.probe.host = "bastion-1";
	live.probe.warnings = &warn;
	live.probe.nwarnings = 1;
	status_view(&whole, w, &live, FMT_TEXT, true);
	status_view_text_head(&parts, w, &live);
	for (size_t h = 0; h < w->plan.nhops; h++)
		status_view_text_hop(&parts, w, &live, h);
	status_view_text_next(&parts, w);
	assert_string_equal(strbuf_str(&parts), strbuf_str(&whole));
	first = strstr(strbuf_str(&whole), "WARNING: a1 runs 0.29");
	for (size_t i = 0; i < w->nitems && !pending; i++)
		if (w->items[i].state == ITEM_PENDING && !w->items[i].host)
			pending = w->plan.hops[w->items[i].hop].title;
	assert_true(!first == !pending);
	if (first) {
		assert_null(strstr(first + 1, "WARNING: a1 runs 0.29"));
		/* under the heading of the first hop with a pending item */
		assert_true(strstr(strbuf_str(&whole), pending) < first);
	}
	strbuf_release(&whole);
	strbuf_release(&parts);
}

/*
 * The report in format @fmt of the view of no hop's agents, each per-host
 * step's agents read @batch at a time (session_hop_hosts(); the text,
 * Markdown and HTML after their span read on its own, session_hop_span()),
 * is @whole.
 */
static void batches_agree(struct fx *f, enum render_format fmt, const char *whole, size_t batch)
{
	struct strbuf why = STRBUF_INIT, out = STRBUF_INIT;
	struct session *top = NULL;
	struct session_hops v = SESSION_HOPS_INIT(f->j, f->c, NULL, &why);
	const struct document_hosts h = { session_hop_hosts, session_hop_span, &v };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report r;

	if (session_load_view(f->j, f->c, f->sid, SESSION_NO_HOP, &top, &dl) != ST_OK)
		fail_msg("the view of no hop's agents: %s", diag_said(&dl));
	diag_list_release(&dl);
	if (report_build(&r, f->j, top, &why) != ST_OK)
		fail_msg("the report of the view of no hop's agents: %s", strbuf_str(&why));
	assert_true(top->partial);
	v.top = top;
	v.batch = batch;
	if (fmt == FMT_JSON)
		render_json_report_hosts(&out, &r, session_hop_hosts, &v);
	else
		document_render_hosts(&out, &r, fmt, &h);
	assert_int_equal(v.st, ST_OK);
	assert_string_equal(strbuf_str(&out), whole);
	session_hops_release(&v);
	report_release(&r);
	session_free(&top);
	strbuf_release(&out);
	strbuf_release(&why);
}

/*
 * "status --format json" of the view of no hop's agents, each per-host
 * step's agents read @batch at a time (session_hop_batch()), is that of the
 * whole load (@w).
 */
static void status_batches_agree(struct fx *f, const struct session *w, size_t batch)
{
	struct strbuf why = STRBUF_INIT, out = STRBUF_INIT, whole = STRBUF_INIT;
	struct session *top = NULL;
	struct session_hops v = SESSION_HOPS_INIT(f->j, f->c, NULL, &why);
	struct diag_list dl = DIAG_LIST_INIT;

	if (session_load_view(f->j, f->c, f->sid, SESSION_NO_HOP, &top, &dl) != ST_OK)
		fail_msg("the view of no hop's agents: %s", diag_said(&dl));
	assert_true(top->partial);
	v.top = top;
	v.batch = batch;
	status_view_json_batches(&out, top, NULL, session_hop_view, session_hop_batch, &v);
	assert_int_equal(v.st, ST_OK);
	status_view(&whole, w, NULL, FMT_JSON, false);
	assert_string_equal(strbuf_str(&out), strbuf_str(&whole));
	session_hops_release(&v);
	session_free(&top);
	strbuf_release(&out);
	strbuf_release(&whole);
	strbuf_release(&why);
	diag_list_release(&dl);
}

/*
 * A report in every format (report_session()), each hop's items read when it
 * is written, is the whole load's (report_render() of @w), byte for byte.
 */
static void reports_agree(struct fx *f, const struct session *w)
{
	static const enum render_format fmts[] = { FMT_JSON, FMT_MD, FMT_HTML, FMT_TEXT };

	for (size_t k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		struct strbuf whole = STRBUF_INIT, hops = STRBUF_INIT, why = STRBUF_INIT;
		struct diag_list dl = DIAG_LIST_INIT;
		struct report r;
		if (report_build(&r, f->j, w, &why) != ST_OK)
			fail_msg("report_build: %s", strbuf_str(&why));
		report_render(&whole, &r, fmts[k]);
		report_release(&r);
		if (report_session(f->j, f->c, f->sid, fmts[k], &hops, &dl) != ST_OK)
			fail_msg("report, a hop at a time: %s", diag_said(&dl));
		assert_string_equal(strbuf_str(&hops), strbuf_str(&whole));
		batches_agree(f, fmts[k], strbuf_str(&whole), 1);
		batches_agree(f, fmts[k], strbuf_str(&whole), 2);
		strbuf_release(&whole);
		strbuf_release(&hops);
		strbuf_release(&why);
		diag_list_release(&dl);
	}
}

/* Event @a of the lean read has what "status" shows of @b, the full read's. */
static void same_event(const struct journal_event *a, const struct journal_event *b,
		       const char *id)
{
	if (a->id != b->id || a->action != b->action || a->forced != b->forced ||
	    strcmp(a->operator_name, b->operator_name) || strcmp(a->host, b->host) ||
	    strcmp(a->time, b->time) || strcmp(a->text, b->text) || strcmp(a->item, b->item) ||
	    a->session != b->session)
		fail_msg("%s: the lean read's event %lld differs from the full read's", id,
			 (long long)b->id);
}

/* journal_host_items_lean() of each per-host step has what status shows of journal_host_items(). */
static void lean_agrees(struct fx *f, const struct session *w)
{
	for (size_t i = 0; i < w->nitems; i++) {
		struct arena a = ARENA_INIT;
		struct journal_item_state *lean, *full;
		size_t nlean, nfull;
		if (!w->items[i].nhosts)
			continue;
		assert_int_equal(journal_host_items_lean(f->j, f->sid, w->items[i].id, i % 2,
							 &a, &lean, &nlean), ST_OK);
		assert_int_equal(journal_host_items(f->j, f->sid, w->items[i].id, &a, &full, &nfull),
				 ST_OK);
		assert_int_equal(nlean, nfull);
		for (size_t k = 0; k < nfull; k++) {
			const char *id = full[k].item.id;
			assert_string_equal(lean[k].item.id, id);
			assert_int_equal(lean[k].has_state, full[k].has_state);
			assert_int_equal(lean[k].has_note, full[k].has_note);
			assert_int_equal(lean[k].has_choice, full[k].has_choice);
			if (full[k].has_state) {
				same_event(&lean[k].state, &full[k].state, id);
				assert_string_equal(lean[k].state.digest, full[k].state.digest);
			}
			if (full[k].has_note)
				same_event(&lean[k].note, &full[k].note, id);
			if (full[k].has_choice)
				assert_string_equal(lean[k].choice.text, full[k].choice.text);
		}
		arena_release(&a);
	}
}

/* Is host's item @it of @s one of the masters' (a view has them all), not an agent's? */
static bool of_masters(const struct session *s, const struct session_item *it)
{
	const struct session_item *p = &s->items[it->parent];
	enum role role;

	return !content_per_host(p->note, p->step, &role) || role == ROLE_MASTER;
}

/* The view of every hop (and of none) agrees with the whole load; so does one refreshed. */
static void views_agree(struct fx *f)
{
	struct session *w = load(f);
	struct diag_list why = DIAG_LIST_INIT;

	refreshed_agrees(f, w);
	hops_agree(f, w, FMT_JSON);
	status_batches_agree(f, w, 1);
	status_batches_agree(f, w, 2);
	hops_agree(f, w, FMT_TEXT);
	parts_agree(w);
	reports_agree(f, w);
	lean_agrees(f, w);

	for (size_t hop = 0; hop <= w->plan.nhops; hop++) {
		size_t agents_hop = hop < w->plan.nhops ? hop : SESSION_NO_HOP;
		struct session *v = NULL;
		size_t loaded = 0, want = 0;
		if (session_load_view(f->j, f->c, f->sid, agents_hop, &v, &why) != ST_OK)
			fail_msg("session_load_view: %s", diag_said(&why));
		assert_true(v->partial);
		assert_int_equal(v->ndone, w->ndone);
		assert_int_equal(v->nskipped, w->nskipped);
		assert_int_equal(v->npending, w->npending);
		assert_int_equal(v->nforced, w->nforced);
		assert_int_equal(v->nremoved, w->nremoved);
		assert_int_equal(v->finished, w->finished);
		assert_true(same_str(v->finished_at, w->finished_at));
		assert_string_equal(v->last_activity, w->last_activity);
		assert_int_equal(v->content_changed, w->content_changed);
		assert_true(same_str(v->leader, w->leader));
		assert_int_equal(v->nexcluded, w->nexcluded);
		for (size_t i = 0; i < v->nitems; i++) {
			const struct session_item *it = &v->items[i];
			same_item(v, i, w, hop);
			if (it->host && it->parent >= 0 &&
			    (agents_hop == it->hop || of_masters(v, it)))
				loaded++;
		}
		/* every host's item of the hop asked for is there, and the masters' */
		for (size_t i = 0; i < w->nitems; i++) {
			const struct session_item *it = &w->items[i];
			if (it->host && (it->hop == agents_hop || of_masters(w, it)))
				want++;
		}
		assert_int_equal(loaded, want);
		same_clock(f, v, w);
		session_free(&v);
	}
	session_free(&w);
	diag_list_release(&why);
}

static void mark_pattern(struct fx *f, const char *pattern, enum mark_action a, const char *text)
{
	struct mark_pattern mp = { f->sid, pattern, a, text, &f->who };
	struct mark_pattern_result r = { 0 };

	strbuf_reset(&f->msg);
	assert_int_equal(session_mark_pattern(f->j, f->c, &mp, &r, &f->dl), ST_OK);
	mark_pattern_result_release(&r);
}

static void test_view_through_a_session(void **state)
{
	struct fx *f = *state;
	struct inventory *more;

	start(f, INVENTORY);
	views_agree(f);
	tick(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	views_agree(f);
	tick(f);
	OK(f, A "/restart-agents@a2", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a3", MARK_NOTE, "disk slow");
	views_agree(f);
	tick(f);
	OK(f, A "/restart-agents@a2", MARK_SKIP, "retired");
	views_agree(f);
	tick(f);
	strbuf_reset(&f->msg);
	assert_int_equal(session_exclude(f->j, f->c, f->sid, "a4", false, "broken", false, &f->who,
					 &f->dl, &f->msg), ST_OK);
	views_agree(f);
	tick(f);
	more = parse_inventory("masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4, a5]\n");
	strbuf_reset(&f->msg);
	assert_int_equal(session_add_hosts(f->j, f->c, f->sid, more, "more.yaml", &f->who, &f->dl,
					   &f->msg), ST_OK);
	inventory_free(&more);
	views_agree(f);
	tick(f);
	/* the leader first, forced past the rule that puts it last */
	mark_pattern(f, B "/*", MARK_DONE, NULL);
	views_agree(f);
	tick(f);
	strbuf_reset(&f->msg);
	assert_int_equal(session_exclude(f->j, f->c, f->sid, "a4", true, NULL, false, &f->who,
					 &f->dl, &f->msg), ST_OK);
	views_agree(f);
	tick(f);
	mark_pattern(f, "*", MARK_DONE, NULL);
	mark_pattern(f, "*", MARK_SKIP, "left for later");
	views_agree(f);
}

static void test_view_forced_leader(void **state)
{
	struct fx *f = *state;

	start(f, INVENTORY);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	tick(f);
	/* the hop's notes, then its steps in order, up to the masters */
	mark_pattern(f, B "/*", MARK_UNDO, NULL);
	MARK_EXPECT(ST_OK, f, A "/restart-masters@m2", MARK_UNDO, NULL, NULL, false);
	MARK_EXPECT(ST_OK, f, A "/restart-masters@m1", MARK_UNDO, NULL, NULL, false);
	MARK_EXPECT(ST_REFUSED, f, A "/restart-masters@m2", MARK_DONE, NULL, NULL, false);
	MARK_EXPECT(ST_OK, f, A "/restart-masters@m2", MARK_DONE, "failover tested", NULL, true);
	views_agree(f);
	/* the step done, one of its hosts forced: the step is forced */
	OK(f, A "/restart-masters@m1", MARK_DONE, NULL);
	views_agree(f);
	{
		struct session *s = load(f);
		assert_true(s->items[session_find(s, A "/restart-masters")].forced);
		session_free(&s);
	}
}

/* Agents not in the order of their names: a batch reads the states of the ids its names span. */
static void test_view_agents_out_of_order(void **state)
{
	struct fx *f = *state;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a3, a10, a1, a2]\n");
	views_agree(f);
	tick(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a1", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a10", MARK_NOTE, "disk slow");
	views_agree(f);
}

/*
 * Agents in the order of their names in some batches and not in others, the
 * name before a batch after its first, names that start with another
 * (a1, a10, a11): each batch of 1 to 5 agents reads the states of the ids
 * its names bound, and status and every report are the whole load's.
 */
static void test_view_batches_out_of_order(void **state)
{
	static const enum render_format fmts[] = { FMT_JSON, FMT_MD, FMT_HTML, FMT_TEXT };
	struct fx *f = *state;
	struct session *w;

	start(f, "masters: [m1, m2, m3]\nleader: m2\n"
		 "agents: [b2, b3, a1, a10, a2, c1, c2, c3, a11, b1, b10, a3]\n");
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a10", MARK_UNDO, NULL);
	OK(f, A "/restart-agents@a10", MARK_SKIP, "retired");
	OK(f, A "/restart-agents@b1", MARK_NOTE, "disk slow");
	tick(f);
	mark_pattern(f, B "/*", MARK_DONE, NULL);
	OK(f, B "/restart-agents@a1", MARK_UNDO, NULL);
	OK(f, B "/restart-agents@c3", MARK_UNDO, NULL);
	OK(f, B "/restart-agents@a3", MARK_NOTE, "slow");
	views_agree(f);
	w = load(f);
	for (size_t k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		struct strbuf whole = STRBUF_INIT, why = STRBUF_INIT;
		struct report r;
		if (report_build(&r, f->j, w, &why) != ST_OK)
			fail_msg("report_build: %s", strbuf_str(&why));
		report_render(&whole, &r, fmts[k]);
		report_release(&r);
		for (size_t batch = 3; batch <= 5; batch++)
			batches_agree(f, fmts[k], strbuf_str(&whole), batch);
		strbuf_release(&whole);
		strbuf_release(&why);
	}
	for (size_t batch = 3; batch <= 5; batch++)
		status_batches_agree(f, w, batch);
	session_free(&w);
}

/*
 * A per-host note of the agents before their step (1.5-1.6/csi-v0-2): each
 * agent's item of the step is held by that agent's item of the note alone,
 * so a batch of the step's agents is read with theirs of the note.
 */
static void test_view_per_host_note(void **state)
{
	static const char *const done[] = { "grpc-requirement", "fetcher-stall-timeout",
					    "disk-profile-adaptor", "xfs-kill-containers",
					    "rebuild-modules", "restart-masters@m1",
					    "restart-masters@m3", "restart-masters@m2",
					    "csi-v0-2@a1", "csi-v0-2@a3" };
	struct fx *f = *state;
	char id[64];

	start_range(f, "1.5", "1.6", INVENTORY);
	for (size_t i = 0; i < sizeof(done) / sizeof(*done); i++) {
		snprintf(id, sizeof(id), "1.5-1.6/%s", done[i]);
		OK(f, id, MARK_DONE, NULL);
	}
	views_agree(f);
}

/* Agent @host of hop A's restart step checked off again, the clock at @t. */
static void redo_at(struct fx *f, const char *host, time_t t)
{
	char id[80];

	snprintf(id, sizeof(id), A "/restart-agents@%s", host);
	clock_fix(t);
	OK(f, id, MARK_UNDO, NULL);
	OK(f, id, MARK_DONE, NULL);
}

/*
 * Hop A ended at @end (its step's last check-off in the journal's order),
 * @seconds after its start (-1: before it), in the operator's clock of
 * the whole load and of the view of hop A's agents and of none; the
 * reports in every format, however read, show the step's span @span.
 */
static void ended_at(struct fx *f, time_t end, long seconds, const char *span)
{
	struct session *w = load(f), *v = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf out = STRBUF_INIT;
	size_t hops[] = { 0, SESSION_NO_HOP };

	for (size_t k = 0; k <= 2; k++) {
		struct session_clock c = { 0 };
		if (k < 2 && session_load_view(f->j, f->c, f->sid, hops[k], &v, &dl) != ST_OK)
			fail_msg("session_load_view: %s", diag_said(&dl));
		assert_int_equal(session_clock_update(&c, f->j, k < 2 ? v : w), ST_OK);
		assert_true(c.hops[0].finished);
		assert_int_equal(c.hops[0].start, T0);
		assert_int_equal(c.hops[0].end, end);
		assert_int_equal(session_clock_seconds(&c, 0, T0 + 7200), seconds);
		session_clock_release(&c);
		session_free(&v);
	}
	reports_agree(f, w);
	assert_int_equal(report_session(f->j, f->c, f->sid, FMT_MD, &out, &dl), ST_OK);
	if (!strstr(strbuf_str(&out), span))
		fail_msg("the report has not \"%s\":\n%s", span, strbuf_str(&out));
	session_free(&w);
	strbuf_release(&out);
	diag_list_release(&dl);
}

/*
 * The clock stepped back during a per-host step (an NTP step): the step,
 * and so its hop, ended with its last check-off in the journal's order, at
 * the time that one recorded, and began with its first: the same in the
 * view (the journal's counts, its hosts not read) and the whole load, in
 * the reports' span read on its own (journal_host_span()) and of the hosts
 * read. The last recorded before the first: no duration made up.
 */
static void test_view_clock_stepped_back(void **state)
{
	struct fx *f = *state;
	char a[CLOCK_ISO_LEN + 1], b[CLOCK_ISO_LEN + 1], span[160];

	start(f, INVENTORY);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	redo_at(f, "a2", T0 + 100);
	redo_at(f, "a3", T0 + 200); /* the latest time */
	redo_at(f, "a1", T0 + 150); /* the last check-off: the clock stepped back 50 s */
	views_agree(f);
	clock_iso(T0, a);
	clock_iso(T0 + 150, b);
	snprintf(span, sizeof(span), "first check-off %s, last %s (2m 30s)", a, b);
	ended_at(f, T0 + 150, 150, span);
	redo_at(f, "a1", T0 - 3600); /* an hour back: before the hop's start */
	views_agree(f);
	clock_iso(T0 - 3600, b);
	snprintf(span, sizeof(span), "first check-off %s, last %s (clock set back)", a, b);
	ended_at(f, T0 - 3600, -1, span);
}

/*
 * The agents' notes, read after their rows (journal_host_items_lean()):
 * several in a batch, between hosts without one, the same words twice;
 * one item's note an id no event has (a damaged journal): no note, as the
 * full read has it, and the others still theirs.
 */
static void test_view_lean_notes(void **state)
{
	struct fx *f = *state;
	struct session *w;
	sqlite3 *db;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4, a5, a6]\n");
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, A "/restart-agents@a2", MARK_NOTE, "disk slow");
	tick(f);
	OK(f, A "/restart-agents@a3", MARK_NOTE, "disk slow");
	OK(f, A "/restart-agents@a5", MARK_NOTE, "kernel 5.4");
	OK(f, A "/restart-agents@a6", MARK_NOTE, "rebooted");
	w = load(f);
	reports_agree(f, w);
	status_batches_agree(f, w, 2);
	status_batches_agree(f, w, 4);
	lean_agrees(f, w);
	session_free(&w);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE item_state SET note_event ="
				      " (SELECT max(id) + 100 FROM events)"
				      " WHERE item = '" A "/restart-agents@a3'", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	w = load(f);
	assert_false(w->items[session_find(w, A "/restart-agents@a3")].has_note);
	assert_true(w->items[session_find(w, A "/restart-agents@a5")].has_note);
	status_batches_agree(f, w, 4);
	lean_agrees(f, w);
	session_free(&w);
}

static void test_view_without_inventory(void **state)
{
	struct fx *f = *state;

	start(f, NULL);
	views_agree(f);
	OK(f, A "/implicit-roles", MARK_DONE, NULL);
	views_agree(f);
	/* a step that would be per host, done as one: no inventory */
	tick(f);
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	views_agree(f);
}

static int teardown_view(void **state)
{
	session_free(&kept);
	return teardown(state);
}

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

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown_view)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_view_through_a_session),
		T(test_view_forced_leader),
		T(test_view_agents_out_of_order),
		T(test_view_batches_out_of_order),
		T(test_view_per_host_note),
		T(test_view_clock_stepped_back),
		T(test_view_lean_notes),
		T(test_view_without_inventory),
		T(test_mark_through_the_view),
		T(test_nearest_as_the_whole_session),
		T(test_refresh_failure_said),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
