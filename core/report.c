/*
 * report.c - gather a report (see report.h) and write its JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "report.h"
#include "status_view.h"
#include "textutil.h"

void report_duration(long seconds, char *buf, size_t size)
{
	long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;

	if (seconds < 0)
		snprintf(buf, size, "?");
	else if (h)
		snprintf(buf, size, "%ldh %02ldm %02lds", h, m, s);
	else if (m)
		snprintf(buf, size, "%ldm %02lds", m, s);
	else
		snprintf(buf, size, "%lds", s);
}

static long seconds_between(const char *a, const char *b)
{
	time_t ta, tb;

	if (!a || !b || !clock_parse_iso(a, &ta) || !clock_parse_iso(b, &tb) || tb < ta)
		return -1;
	return (long)(tb - ta);
}

static const char *now_iso(struct arena *a)
{
	char buf[CLOCK_ISO_LEN + 1];

	clock_iso(clock_now(), buf);
	return arena_strdup(a, buf);
}

void report_init_plan(struct report *r, const struct plan *p)
{
	memset(r, 0, sizeof(*r));
	r->plan = p;
	r->seconds = -1;
	r->generated = now_iso(&r->arena);
}

/* ---- gathering a session ----------------------------------------------- */

struct gather {
	struct report *r;
	size_t cap;
	bool nomem;
};

static bool copy_event(void *ctx, const struct journal_event *e)
{
	struct gather *g = ctx;
	struct report *r = g->r;
	struct journal_event *c;

	if (r->nevents == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		struct journal_event *p = realloc(r->events, cap * sizeof(*p));
		if (!p) {
			g->nomem = true;
			return false;
		}
		r->events = p;
		g->cap = cap;
	}
	c = &r->events[r->nevents];
	*c = *e;
	c->item = arena_strdup(&r->arena, e->item);
	c->operator_name = arena_strdup(&r->arena, e->operator_name);
	c->host = arena_strdup(&r->arena, e->host);
	c->time = arena_strdup(&r->arena, e->time);
	c->text = arena_strdup(&r->arena, e->text);
	c->digest = arena_strdup(&r->arena, e->digest);
	if (!c->item || !c->operator_name || !c->host || !c->time || !c->text ||
	    !c->digest) {
		g->nomem = true;
		return false;
	}
	r->nevents++;
	return true;
}

static const struct session *sort_s; /* for the comparator: qsort has no context */

static int by_id(const void *a, const void *b)
{
	return strcmp(sort_s->items[*(const long *)a].id, sort_s->items[*(const long *)b].id);
}

static long find_item(const struct session *s, const long *sorted, const char *id)
{
	size_t lo = 0, hi = s->nitems;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->items[sorted[mid]].id, id);
		if (!c)
			return sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void add_operator(struct report *r, const char *name, const char *host, size_t *cap)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s@%s", name, host);
	for (size_t i = 0; i < r->noperators; i++)
		if (!strcmp(r->operators[i], strbuf_str(&sb))) {
			strbuf_release(&sb);
			return;
		}
	{
		const char **p = arena_grow(&r->arena, r->operators, r->noperators, cap,
					    sizeof(*p), 8);
		if (!p) {
			strbuf_release(&sb);
			return;
		}
		r->operators = p;
	}
	r->operators[r->noperators++] = arena_strdup(&r->arena, strbuf_str(&sb));
	strbuf_release(&sb);
}

enum status report_build(struct report *r, struct journal *j, const struct session *s,
			 struct strbuf *why)
{
	struct gather g = { r, 0, false };
	long *sorted = NULL, *last_note = NULL;
	size_t opcap = 0;
	enum status st;

	report_init_plan(r, &s->plan);
	r->s = s;
	st = journal_events(j, s->info.id, NULL, false, 0, copy_event, &g);
	if (g.nomem)
		st = ST_NOMEM;
	if (st != ST_OK) {
		strbuf_adds(why, st == ST_NOMEM ? "out of memory reading the timeline"
						: journal_error(j));
		return st;
	}
	r->item_of_event = arena_alloc(&r->arena, (r->nevents + 1) * sizeof(long));
	r->next_note = arena_alloc(&r->arena, (r->nevents + 1) * sizeof(long));
	r->first_note = arena_alloc(&r->arena, (s->nitems + 1) * sizeof(long));
	r->hops = arena_alloc(&r->arena, (s->plan.nhops + 1) * sizeof(*r->hops));
	sorted = calloc(s->nitems + 1, sizeof(*sorted));
	last_note = calloc(s->nitems + 1, sizeof(*last_note));
	if (!r->item_of_event || !r->next_note || !r->first_note || !r->hops || !sorted ||
	    !last_note) {
		st = ST_NOMEM;
		strbuf_adds(why, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < s->nitems; i++) {
		sorted[i] = (long)i;
		r->first_note[i] = last_note[i] = -1;
	}
	sort_s = s;
	qsort(sorted, s->nitems, sizeof(*sorted), by_id);
	add_operator(r, s->info.operator_name, s->info.host, &opcap);
	for (size_t e = 0; e < r->nevents; e++) {
		const struct journal_event *ev = &r->events[e];
		long it = find_item(s, sorted, ev->item);
		r->item_of_event[e] = it;
		r->next_note[e] = -1;
		add_operator(r, ev->operator_name, ev->host, &opcap);
		if (it < 0)
			continue;
		if (ev->action == EVENT_NOTE) {
			if (last_note[it] < 0)
				r->first_note[it] = (long)e;
			else
				r->next_note[last_note[it]] = (long)e;
			last_note[it] = (long)e;
		}
		struct report_hop *rh = &r->hops[s->items[it].hop];
		if (!rh->started || strcmp(ev->time, rh->started) < 0)
			rh->started = ev->time;
	}
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		struct report_hop *rh = &r->hops[it->hop];
		if (it->drift == DRIFT_REMOVED || it->host)
			continue;
		rh->total++;
		rh->done += it->state == ITEM_DONE;
		rh->skipped += it->state == ITEM_SKIPPED;
		rh->pending += it->state == ITEM_PENDING;
		rh->forced += it->forced;
		if (it->state != ITEM_PENDING &&
		    (!rh->finished || strcmp(it->last.time, rh->finished) > 0))
			rh->finished = it->last.time;
	}
	for (size_t h = 0; h < s->plan.nhops; h++) {
		struct report_hop *rh = &r->hops[h];
		if (rh->pending || !rh->total)
			rh->finished = NULL;
		rh->seconds = rh->finished ? seconds_between(rh->started, rh->finished) : -1;
	}
	r->seconds = s->finished ? seconds_between(s->info.created, s->finished_at) : -1;
	st = ST_OK;
out:
	free(sorted);
	free(last_note);
	return st;
}

void report_release(struct report *r)
{
	free(r->events);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* ---- JSON -------------------------------------------------------------- */

static void json_str_or_null(struct strbuf *out, const char *s)
{
	if (s)
		text_add_json(out, s);
	else
		strbuf_adds(out, "null");
}

static void json_seconds(struct strbuf *out, long s)
{
	if (s >= 0)
		strbuf_addf(out, "%ld", s);
	else
		strbuf_adds(out, "null");
}

static void json_totals(struct strbuf *out, size_t total, size_t done, size_t skipped,
			size_t pending, size_t forced, size_t removed)
{
	strbuf_addf(out, "{\"items\":%zu,\"done\":%zu,\"skipped\":%zu,\"pending\":%zu,"
		    "\"forced\":%zu,\"removed\":%zu}", total, done, skipped, pending, forced, removed);
}

static void json_item(struct strbuf *out, const struct report *r, size_t i)
{
	const struct session *s = r->s;
	const struct session_item *it = &s->items[i];
	size_t num = session_step_number(s, i);
	bool resolved = it->state != ITEM_PENDING;

	strbuf_adds(out, "{\"id\":");
	text_add_json(out, it->id);
	strbuf_addf(out, ",\"kind\":\"%s\",\"number\":", item_kind_name(it->kind));
	if (num)
		strbuf_addf(out, "%zu", num);
	else
		strbuf_adds(out, "null");
	strbuf_adds(out, ",\"title\":");
	json_str_or_null(out, it->note ? it->note->title : NULL);
	strbuf_adds(out, ",\"text\":");
	json_str_or_null(out, it->note ? it->note->text : it->step ? it->step->text : NULL);
	strbuf_adds(out, ",\"role\":");
	json_str_or_null(out, it->step ? role_name(it->step->role) : NULL);
	strbuf_addf(out, ",\"state\":\"%s\",\"time\":", item_state_name(it->state));
	json_str_or_null(out, resolved ? it->last.time : NULL);
	strbuf_adds(out, ",\"operator\":");
	json_str_or_null(out, resolved ? it->last.operator_name : NULL);
	strbuf_adds(out, ",\"host\":");
	json_str_or_null(out, resolved ? it->last.host : NULL);
	strbuf_adds(out, ",\"reason\":");
	json_str_or_null(out, resolved && (it->state == ITEM_SKIPPED || it->forced) ? it->last.text
										     : NULL);
	strbuf_adds(out, ",\"branch\":");
	json_str_or_null(out, it->branch);
	strbuf_addf(out, ",\"forced\":%s,\"drift\":\"%s\",\"changed_since_done\":%s,\"notes\":[",
		    it->forced ? "true" : "false",
		    it->drift == DRIFT_NONE ? "none" : it->drift == DRIFT_CHANGED ? "changed"
						     : it->drift == DRIFT_ADDED ? "added" : "removed",
		    it->changed_since_done ? "true" : "false");
	for (long e = r->first_note[i], k = 0; e >= 0; e = r->next_note[e], k++) {
		const struct journal_event *ev = &r->events[e];
		strbuf_adds(out, k ? ",{\"time\":" : "{\"time\":");
		text_add_json(out, ev->time);
		strbuf_adds(out, ",\"operator\":");
		text_add_json(out, ev->operator_name);
		strbuf_adds(out, ",\"host\":");
		text_add_json(out, ev->host);
		strbuf_adds(out, ",\"text\":");
		text_add_json(out, ev->text);
		strbuf_addc(out, '}');
	}
	strbuf_adds(out, "],\"target\":");
	json_str_or_null(out, it->host);
	strbuf_addf(out, ",\"leader\":%s,\"hosts\":", it->leader ? "true" : "false");
	if (!it->nhosts) {
		strbuf_adds(out, "null}");
		return;
	}
	strbuf_addc(out, '[');
	for (size_t k = i + 1; k < s->nitems && s->items[k].host; k++) {
		if (k > i + 1)
			strbuf_addc(out, ',');
		json_item(out, r, k);
	}
	strbuf_adds(out, "]}");
}

static void render_json(struct strbuf *out, const struct report *r)
{
	const struct session *s = r->s;
	const struct plan *p = r->plan;

	strbuf_adds(out, "{\"report\":\"session\",\"product\":");
	text_add_json(out, p->content->product);
	strbuf_adds(out, ",\"content_version\":");
	text_add_json(out, p->content->version);
	strbuf_adds(out, ",\"generated\":");
	text_add_json(out, r->generated);
	strbuf_adds(out, ",\"session\":");
	status_view_session_json(out, s, false);
	strbuf_adds(out, ",\"operators\":[");
	for (size_t i = 0; i < r->noperators; i++) {
		const char *at = strrchr(r->operators[i], '@');
		struct strbuf name = STRBUF_INIT;
		strbuf_add(&name, r->operators[i], (size_t)(at - r->operators[i]));
		strbuf_adds(out, i ? ",{\"operator\":" : "{\"operator\":");
		text_add_json(out, strbuf_str(&name));
		strbuf_adds(out, ",\"host\":");
		text_add_json(out, at + 1);
		strbuf_addc(out, '}');
		strbuf_release(&name);
	}
	strbuf_adds(out, "],\"started\":");
	text_add_json(out, s->info.created);
	strbuf_adds(out, ",\"finished\":");
	json_str_or_null(out, s->finished_at);
	strbuf_adds(out, ",\"duration_seconds\":");
	json_seconds(out, r->seconds);
	strbuf_adds(out, ",\"totals\":");
	json_totals(out, session_total(s), s->ndone, s->nskipped, s->npending, s->nforced,
		    s->nremoved);
	strbuf_adds(out, ",\"hops\":[");
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		const struct report_hop *rh = &r->hops[h];
		bool first = true;
		size_t removed = 0;
		for (size_t i = 0; i < s->nitems; i++)
			removed += s->items[i].hop == h && s->items[i].drift == DRIFT_REMOVED;
		strbuf_addf(out, "%s\n{\"id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"title\":",
			    h ? "," : "", hop->id, hop->from, hop->to);
		text_add_json(out, hop->title);
		strbuf_addf(out, ",\"ordered\":%s,\"started\":", hop->ordered ? "true" : "false");
		json_str_or_null(out, rh->started);
		strbuf_adds(out, ",\"finished\":");
		json_str_or_null(out, rh->finished);
		strbuf_adds(out, ",\"duration_seconds\":");
		json_seconds(out, rh->seconds);
		strbuf_adds(out, ",\"totals\":");
		json_totals(out, rh->total, rh->done, rh->skipped, rh->pending, rh->forced, removed);
		strbuf_adds(out, ",\"items\":[");
		for (size_t i = 0; i < s->nitems; i++) {
			if (s->items[i].hop != h || s->items[i].host)
				continue; /* hosts' items: under their step */
			strbuf_adds(out, first ? "\n " : ",\n ");
			first = false;
			json_item(out, r, i);
		}
		strbuf_adds(out, "]}");
	}
	strbuf_adds(out, "],\n\"timeline\":[");
	for (size_t i = 0; i < r->nevents; i++) {
		const struct journal_event *e = &r->events[i];
		strbuf_addf(out, "%s\n{\"event\":%lld,\"time\":", i ? "," : "", (long long)e->id);
		text_add_json(out, e->time);
		strbuf_adds(out, ",\"item\":");
		text_add_json(out, e->item);
		strbuf_addf(out, ",\"action\":\"%s\",\"operator\":", event_action_name(e->action));
		text_add_json(out, e->operator_name);
		strbuf_adds(out, ",\"host\":");
		text_add_json(out, e->host);
		strbuf_adds(out, ",\"text\":");
		text_add_json(out, e->text);
		strbuf_addf(out, ",\"forced\":%s}", e->forced ? "true" : "false");
	}
	strbuf_adds(out, "]}\n");
}

void report_render(struct strbuf *out, const struct report *r, enum render_format f)
{
	if (f != FMT_JSON)
		render_checklist(out, r, f);
	else if (r->s)
		render_json(out, r);
	else
		render_plan(out, r->plan, FMT_JSON);
}
