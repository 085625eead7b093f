/*
 * view_agree.h - the checks of the view tests (test_session_view.c,
 * test_view_mark.c): a session read by session_load_view() agrees with
 * session_load()'s in every field the front ends read, and so do the totals,
 * the rules, the operator's clock, "status --format json" and the reports
 * written a hop at a time or a batch of agents at a time; and their
 * sessions: started on the built-in content with an inventory, marked by
 * pattern. Define FIXTURE_NAME before including, after <cmocka.h>.
 */
#ifndef MU_VIEW_AGREE_H
#define MU_VIEW_AGREE_H

#include <sqlite3.h>

#include "document.h"
#include "render_json.h"
#include "report.h"
#include "report_export.h"
#include "session_clock.h"
#include "status_hosts.h"
#include "status_view.h"

#include "session_fixture.h"

#define A "0.26-0.27"
#define B "0.27-0.28"
#define INVENTORY "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3, a4]\n"

static inline void start_range(struct fx *f, const char *from, const char *to,
			       const char *inventory)
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

static inline void start(struct fx *f, const char *inventory)
{
	start_range(f, "0.26", "0.28", inventory);
}

static inline bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

#define SAME(what, cond)                                                                      \
	do {                                                                                  \
		if (!(cond))                                                                  \
			fail_msg("hop %zu, %s: %s differs from the whole load", hop, id, what); \
	} while (0)

/* Item @vi of the view @v agrees with the whole load @w in what the front ends read. */
static inline void same_item(const struct session *v, size_t vi, const struct session *w,
			     size_t hop)
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
static inline void same_clock(struct fx *f, const struct session *v, const struct session *w)
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

static inline void refreshed_agrees(struct fx *f, const struct session *w)
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
static inline void hops_agree(struct fx *f, const struct session *w, enum render_format fmt)
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
static inline void parts_agree(const struct session *w)
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
static inline void batches_agree(struct fx *f, enum render_format fmt, const char *whole,
				 size_t batch)
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
static inline void status_batches_agree(struct fx *f, const struct session *w, size_t batch)
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
static inline void reports_agree(struct fx *f, const struct session *w)
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
static inline void same_event(const struct journal_event *a, const struct journal_event *b,
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
static inline void lean_agrees(struct fx *f, const struct session *w)
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
static inline bool of_masters(const struct session *s, const struct session_item *it)
{
	const struct session_item *p = &s->items[it->parent];
	enum role role;

	return !content_per_host(p->note, p->step, &role) || role == ROLE_MASTER;
}

/* The view of every hop (and of none) agrees with the whole load; so does one refreshed. */
static inline void views_agree(struct fx *f)
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

static inline void mark_pattern(struct fx *f, const char *pattern, enum mark_action a,
				 const char *text)
{
	struct mark_pattern mp = { f->sid, pattern, a, text, &f->who };
	struct mark_pattern_result r = { 0 };

	strbuf_reset(&f->msg);
	assert_int_equal(session_mark_pattern(f->j, f->c, &mp, &r, &f->dl), ST_OK);
	mark_pattern_result_release(&r);
}

static inline int teardown_view(void **state)
{
	session_free(&kept);
	return teardown(state);
}

#endif
