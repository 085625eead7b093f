/*
 * render_json.c - the JSON of a session report (render_json.h), through
 * the one JSON writer; a plan's: render_json_plan.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "json_writer.h"
#include "render_json.h"
#include "status_view.h"

/* ---- session report ----------------------------------------------------- */

/*
 * A report being written: its session's per-host steps whose hosts' items
 * it lacks read from @hosts a batch at a time (render_json_report_hosts()),
 * each batch's notes linked in @batch; @stop once @hosts answered NULL or
 * a batch's notes could not be linked.
 */
struct json_report {
	struct json_writer w;
	const struct report *r;
	render_json_hosts_fn hosts;
	void *ctx;
	struct document_view top, batch;
	struct item_head *head;     /* what a host's item was written with last, and its runs */
	bool stop;
};

/*
 * What an item's members from "kind" to "origin" are written from: on
 * every host of a step the same (the content's, which outlives the report,
 * compared by address), copied in one piece from the first (jw_run()).
 */
struct item_fixed {
	enum item_kind kind;
	size_t number;
	const char *title, *text, *role, *origin;
};

/*
 * What a resolved or pending item's members from "operator" to
 * "changed_since_done" are written from: on a step's hosts mostly the
 * same (one operator, one bastion). The texts of the last one written
 * are kept in @text (a batch's go with it), at their offsets.
 */
struct item_said {
	const char *operator_name, *host, *reason, *branch;
	bool forced, changed;
	enum drift drift;
	bool no_notes;             /* then "notes":[] written with them */
};
struct item_head {
	struct item_fixed fixed;
	struct jw_run fixed_run, said_run, last_run;
	bool leader;               /* what last_run was written with */
	struct strbuf text;        /* the kept item_said's texts, each followed by NUL */
	size_t at[4];              /* their offsets; SIZE_MAX: NULL */
	struct item_said said;     /* its flags */
	bool said_kept;            /* its texts could be kept */
};

static bool fixed_same(const struct item_fixed *a, const struct item_fixed *b)
{
	return a->kind == b->kind && a->number == b->number && a->title == b->title &&
	       a->text == b->text && a->role == b->role && a->origin == b->origin;
}

static void fixed_members(struct json_writer *w, const void *ctx)
{
	const struct item_fixed *f = ctx;

	jw_key_string(w, "kind", session_item_kind_name(f->kind));
	jw_key(w, "number");
	if (f->number)
		jw_count(w, f->number);
	else
		jw_null(w);
	jw_key_string(w, "title", f->title);
	jw_key_string(w, "text", f->text);
	jw_key_string(w, "role", f->role);
	jw_key_string(w, "origin", f->origin);
}

static void said_members(struct json_writer *w, const void *ctx)
{
	const struct item_said *d = ctx;

	jw_key_string(w, "operator", d->operator_name);
	jw_key_string(w, "host", d->host);
	jw_key_string(w, "reason", d->reason);
	jw_key_string(w, "branch", d->branch);
	jw_key_bool(w, "forced", d->forced);
	jw_key_string(w, "drift", session_drift_name(d->drift));
	jw_key_bool(w, "changed_since_done", d->changed);
	if (d->no_notes) {
		jw_key(w, "notes");
		jw_array(w);
		jw_array_end(w);
	}
}

/* A host's item's last members, when it has no evidence: whether it leads, and nulls. */
static void last_members(struct json_writer *w, const void *ctx)
{
	jw_key_bool(w, "leader", *(const bool *)ctx);
	jw_key(w, "hosts");
	jw_null(w);
	jw_key(w, "evidence");
	jw_null(w);
}

/* Whether @d is what @h kept (its texts compared, not their addresses); else kept from now on. */
static bool said_same(struct item_head *h, const struct item_said *d)
{
	const char *now[4] = { d->operator_name, d->host, d->reason, d->branch };
	bool same = h->said_kept && d->forced == h->said.forced &&
		    d->changed == h->said.changed && d->drift == h->said.drift &&
		    d->no_notes == h->said.no_notes;

	for (size_t k = 0; same && k < 4; k++)
		same = h->at[k] == SIZE_MAX ? !now[k]
					    : now[k] && !strcmp(now[k], h->text.buf + h->at[k]);
	if (same)
		return true;
	strbuf_reset(&h->text);
	for (size_t k = 0; k < 4; k++) {
		h->at[k] = now[k] ? h->text.len : SIZE_MAX;
		if (now[k])
			strbuf_add(&h->text, now[k], strlen(now[k]) + 1);
	}
	h->said = *d;
	h->said_kept = !strbuf_failed(&h->text); /* else never matched: written whole each time */
	return false;
}

/* @v: the session the hop is written from, its items' notes linked (document.h). */
static void json_notes(struct json_report *x, const struct document_view *v, size_t i)
{
	struct json_writer *w = &x->w;

	jw_key(w, "notes");
	jw_array(w);
	for (long e = v->first_note[i]; e >= 0; e = v->next_note[e]) {
		struct journal_event ev;
		report_note(x->r, (size_t)e, &ev);
		jw_object(w);
		jw_key_string(w, "time", ev.time);
		status_view_said_json(w, &ev);
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* What verified item @it, when it is done on a probe's word; NULL else. */
static const struct journal_evidence *evidence_of(const struct report *r,
						  const struct session_item *it)
{
	return it->state == ITEM_DONE && it->has_last ? session_live_evidence(r->live, it->last.id)
						       : NULL;
}

/* Its evidence @x, NULL: none. */
static void json_evidence(struct json_writer *w, const struct journal_evidence *x)
{
	jw_key(w, "evidence");
	if (!x) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_key_string(w, "version", x->version);
	jw_key_string(w, "observed", x->observed);
	jw_key_string(w, "source", x->source);
	jw_object_end(w);
}

static void json_item(struct json_report *x, const struct document_view *v, size_t i);

/* @n bytes of @s at @p; where they end. */
static inline char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* The bytes of literal @s at @p; where they end. */
#define LIT_(p, s) put(p, s, sizeof(s) - 1)
#define LIT_LEN(s) (sizeof(s) - 1)

/* "@s" of @n plain bytes at @p, or null when @s is NULL; where it ends. */
static inline char *put_string(char *p, const char *s, size_t n)
{
	return s ? jw_put_plain(p, s, n) : put(p, "null", 4);
}

/*
 * Host's item @it of a step written on many, with no notes and no evidence
 * (the items of a step of 50,000 hosts, mostly): its members but its id,
 * state, time and target are the runs of its step (@fixed, @said, and
 * whether it leads), written as json_item() writes them but in one piece,
 * one look at the room and no member at a time: 130 M instructions of B's
 * JSON report went to writing its 100,000 hosts' items member by member.
 * False, nothing written, when it cannot be (a text to escape, white space
 * asked for, a run not kept): then json_item() writes it.
 */
static bool host_item_whole(struct json_report *x, const struct session_item *it,
			    const struct item_fixed *fixed, const struct item_said *said,
			    const char *time)
{
	struct json_writer *w = &x->w;
	struct item_head *h = x->head;
	const char *state = session_item_state_name(it->state), *run[3];
	size_t nid, nstate = strlen(state), ntime = 0, nhost, nrun[3], any, need;
	char *p;

	if (w->after_key || !w->depth || w->depth == JSON_MAX_DEPTH ||
	    w->level[w->depth - 1].brk || w->brk || !jw_plain(it->id, &nid) ||
	    !jw_plain(it->host, &nhost) || (time && !jw_plain(time, &ntime)))
		return false;
	/* the runs kept as json_item() keeps them, whether or not they are written here */
	if (!jw_run_kept(&h->fixed_run, fixed_same(fixed, &h->fixed), fixed_members, fixed,
			 &run[0], &nrun[0]))
		return false;
	h->fixed = *fixed;
	if (!jw_run_kept(&h->said_run, said_same(h, said), said_members, said, &run[1], &nrun[1]))
		return false;
	if (!jw_run_kept(&h->last_run, h->leader == it->leader, last_members, &it->leader, &run[2],
			 &nrun[2]))
		return false;
	h->leader = it->leader;
	any = w->level[w->depth - 1].any;
	need = any + LIT_LEN("{\"id\":") + nid + 2 + nrun[0] + LIT_LEN(",\"state\":") + nstate +
	       2 + LIT_LEN(",\"time\":") + (time ? ntime + 2 : 4) + nrun[1] +
	       LIT_LEN(",\"target\":") + nhost + 2 + nrun[2] + 1;
	if (!(p = strbuf_room(w->out, need)))
		return false;
	if (any)
		*p++ = ',';
	p = LIT_(p, "{\"id\":");
	p = put_string(p, it->id, nid);
	p = put(p, run[0], nrun[0]);
	p = LIT_(p, ",\"state\":");
	p = put_string(p, state, nstate);
	p = LIT_(p, ",\"time\":");
	p = put_string(p, time, ntime);
	p = put(p, run[1], nrun[1]);
	p = LIT_(p, ",\"target\":");
	p = put_string(p, it->host, nhost);
	p = put(p, run[2], nrun[2]);
	*p = '}';
	strbuf_grown(w->out, need);
	w->level[w->depth - 1].any = true;
	strbuf_drain(w->out); /* an element is whole, as jw_object_end() drains */
	return true;
}

/* The hosts' items of batch @b (a session: item 0 the step, its hosts' after it). */
static void json_batch(struct json_report *x, const struct session *b)
{
	if (x->stop || !document_view_link(&x->batch, x->r, b, x->w.out)) {
		x->stop = true;
		return;
	}
	for (size_t k = 1; k < b->nitems; k++)
		json_item(x, &x->batch, k);
}

/*
 * The hosts' items of step @si of x->r->s, a batch at a time, as its
 * "hosts": read, then written, on this thread. Each batch was written on a
 * second thread while the next was read, until the heap's pages came in
 * huge pages (huge_map.h): from then on the thread cost more than it gave,
 * B's JSON report 0.913x without it (51 pairs), A's 0.878x.
 */
static void json_host_batches(struct json_report *x, size_t si)
{
	size_t first = 0, next;

	jw_array(&x->w);
	do {
		const struct session *b = x->hosts(x->ctx, si, first, &next);
		if (!b) {
			x->stop = true;
			break;
		}
		json_batch(x, b);
		first = next;
	} while (next && !x->stop);
	jw_array_end(&x->w);
}

static void json_item(struct json_report *x, const struct document_view *v, size_t i)
{
	struct json_writer *w = &x->w;
	const struct report *r = x->r;
	const struct session *s = v->s;
	const struct session_item *it = &s->items[i];
	size_t num = session_step_number(s, i);
	bool resolved = it->state != ITEM_PENDING;

	const struct item_fixed fixed = {
		it->kind, num, it->note ? it->note->title : NULL,
		it->note ? it->note->text : it->step ? it->step->text : NULL,
		it->step ? content_role_name(it->step->role) : NULL, session_item_origin(it)
	};
	const struct item_said said = {
		resolved ? it->last.operator_name : NULL, resolved ? it->last.host : NULL,
		resolved && (it->state == ITEM_SKIPPED || it->forced) ? it->last.text : NULL,
		it->branch, it->forced, it->changed_since_done, it->drift, v->first_note[i] < 0
	};
	const struct journal_evidence *ev = evidence_of(r, it);
	struct item_head *h = x->head;

	if (it->host && h && said.no_notes && !ev && !it->nhosts &&
	    host_item_whole(x, it, &fixed, &said, resolved ? it->last.time : NULL))
		return;
	jw_object(w);
	jw_key_string(w, "id", it->id);
	if (it->host && h) { /* a host's item, of a step written on many */
		jw_run(w, &h->fixed_run, fixed_same(&fixed, &h->fixed), fixed_members, &fixed);
		h->fixed = fixed;
	} else {
		fixed_members(w, &fixed);
	}
	jw_key_name(w, "state", session_item_state_name(it->state));
	jw_key_string(w, "time", resolved ? it->last.time : NULL);
	if (it->host && h)
		jw_run(w, &h->said_run, said_same(h, &said), said_members, &said);
	else
		said_members(w, &said);
	if (!said.no_notes)
		json_notes(x, v, i);
	jw_key_string(w, "target", it->host);
	if (it->host && h && !ev && !it->nhosts) {
		jw_run(w, &h->last_run, h->leader == it->leader, last_members, &it->leader);
		h->leader = it->leader;
		jw_object_end(w);
		return;
	}
	jw_key_bool(w, "leader", it->leader);
	jw_key(w, "hosts");
	if (it->nhosts && it->nloaded < it->nhosts && x->hosts) {
		json_host_batches(x, i);
	} else if (it->nhosts) {
		jw_array(w);
		for (size_t k = i + 1; k < s->nitems && s->items[k].host; k++)
			json_item(x, v, k);
		jw_array_end(w);
	} else {
		jw_null(w);
	}
	json_evidence(w, ev);
	jw_object_end(w);
}

static void json_hop(struct json_report *x, size_t h)
{
	struct json_writer *w = &x->w;
	const struct report *r = x->r;
	const struct session *s = r->s;
	const struct content_hop *hop = &r->plan->hops[h];
	const struct report_hop *rh = &r->hops[h];
	size_t removed = 0;

	for (size_t i = 0; i < s->nitems; i++)
		removed += s->items[i].hop == h && s->items[i].drift == DRIFT_REMOVED;
	jw_object(w);
	status_view_hop_json(w, hop);
	jw_key_string(w, "started", rh->started);
	jw_key_string(w, "finished", rh->finished);
	jw_key_seconds(w, "duration_seconds", rh->seconds);
	status_view_totals_json(w, rh->total, rh->done, rh->skipped, rh->pending, rh->forced,
				removed);
	jw_key(w, "items");
	jw_array_lines(w, "\n ");
	for (size_t i = 0; !x->stop && i < s->nitems; i++)
		if (s->items[i].hop == h && !s->items[i].host) /* hosts' items: under their step */
			json_item(x, &x->top, i);
	jw_array_end(w);
	jw_object_end(w);
}

static void json_probe(struct json_writer *w, const struct journal_probe *p)
{
	struct strbuf text = STRBUF_INIT;

	session_probe_summary(p, &text);
	jw_object(w);
	jw_key(w, "probe");
	jw_int(w, (long long)p->id);
	jw_key_string(w, "time", p->time);
	jw_key_string(w, "action", "probe");
	jw_key_string(w, "text", strbuf_str(&text));
	status_view_probe_json(w, p);
	jw_object_end(w);
	strbuf_release(&text);
}

/* The timeline as it is read: the probes up to each event, then the event. */
struct json_walk {
	struct json_writer *w;
	const struct report *r;
	size_t p;                   /* the probes written */
};

/* The probes up to @time (a probe before an event of its second), every one left when NULL. */
static void json_probes_until(struct json_walk *jw, const char *time)
{
	const struct report *r = jw->r;

	for (; jw->p < r->nprobes && (!time || strcmp(r->probes[jw->p].time, time) <= 0); jw->p++)
		json_probe(jw->w, &r->probes[jw->p]);
}

/*
 * The members of event @e's object (just opened, none written) in one
 * piece, as the writer writes them one by one, @exclusion the last: false,
 * nothing written, when a text of it needs escaping or its id is negative
 * (then the writer's way). A member at a time, each text looked at and
 * copied by calls of its own, was 1,750 instructions a row of a timeline.
 */
static bool json_event_members(struct json_writer *w, const struct journal_event *e,
			       bool exclusion)
{
	const char *action = event_action_name(e->action);
	size_t n[6], size = 128; /* the keys, quotes, commas, booleans (107 bytes); the values */
	char id[24], *p = id + sizeof(id), *end = p;
	uint64_t u = (uint64_t)e->id;

	if (e->id < 0 || !jw_plain(e->time, &n[0]) || !jw_plain(e->item, &n[1]) ||
	    !jw_plain(action, &n[2]) || !jw_plain(e->operator_name, &n[3]) ||
	    !jw_plain(e->host, &n[4]) || !jw_plain(e->text, &n[5]))
		return false;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	for (size_t k = 0; k < 6; k++)
		size += n[k];
	size += (size_t)(end - p);
	if (!(end = strbuf_room(w->out, size)))
		return true; /* the strbuf's sticky failure says so */
	end = put(LIT_(end, "\"event\":"), p, (size_t)(id + sizeof(id) - p));
	end = put(LIT_(end, ",\"time\":\""), e->time, n[0]);
	end = put(LIT_(end, "\",\"item\":\""), e->item, n[1]);
	end = put(LIT_(end, "\",\"action\":\""), action, n[2]);
	end = put(LIT_(end, "\",\"operator\":\""), e->operator_name, n[3]);
	end = put(LIT_(end, "\",\"host\":\""), e->host, n[4]);
	end = put(LIT_(end, "\",\"text\":\""), e->text, n[5]);
	end = LIT_(end, "\",\"forced\":");
	end = e->forced ? LIT_(end, "true") : LIT_(end, "false");
	end = LIT_(end, ",\"exclusion\":");
	end = exclusion ? LIT_(end, "true") : LIT_(end, "false");
	strbuf_grown(w->out, (size_t)(end - (w->out->buf + w->out->len)));
	w->level[w->depth - 1].any = true;
	return true;
}

/* Event @e with the probes before it; @e NULL: the probes after the last event. */
static bool json_event(void *ctx, const struct journal_event *e)
{
	struct json_walk *jw = ctx;
	struct json_writer *w = jw->w;
	bool exclusion;

	json_probes_until(jw, e ? e->time : NULL);
	if (!e)
		return true;
	/* a skip or undo written by excluding or including a host */
	exclusion = session_event_exclusion(jw->r->s, e->id) != 0;
	jw_object(w);
	if (!json_event_members(w, e, exclusion)) {
		jw_key(w, "event");
		jw_int(w, (long long)e->id);
		jw_key_string(w, "time", e->time);
		jw_key_string(w, "item", e->item);
		jw_key_string(w, "action", event_action_name(e->action));
		status_view_said_json(w, e);
		jw_key_bool(w, "forced", e->forced);
		jw_key_bool(w, "exclusion", exclusion);
	}
	jw_object_end(w);
	return true;
}

static void json_timeline(struct json_writer *w, const struct report *r)
{
	struct json_walk jw = { w, r, 0 };

	jw_key(w, "timeline");
	jw_array_lines(w, "\n");
	/* a failure to read stops it: its caller says why (report_read_status()) */
	report_timeline(r, w->out, json_event, &jw);
	jw_array_end(w);
}

/* A spool's rows in JSON: the writer and the walk, kept from row to row. */
struct json_spool {
	struct json_writer w;
	struct json_walk jw;
};

static void json_spool_free(void *state)
{
	free(state);
}

/* (render_json.h) */
void render_json_timeline_row(const struct report *r, struct report_spool *sp,
			      const struct journal_event *e)
{
	struct json_spool *js = sp->state;

	if (!js) {
		if (!(js = calloc(1, sizeof(*js)))) {
			sp->out.failed = true; /* the timeline read again instead */
			return;
		}
		/* as inside the report's "timeline": an element a line, a comma before all but the first */
		json_writer_init(&js->w, &sp->out);
		js->w.depth = 1;
		js->w.level[0].brk = "\n";
		js->jw = (struct json_walk){ &js->w, r, 0 };
		sp->state = js;
		sp->state_free = json_spool_free;
	}
	json_event(&js->jw, e);
}

static void json_operators(struct json_writer *w, const struct report *r)
{
	jw_key(w, "operators");
	jw_array(w);
	for (size_t i = 0; i < r->noperators; i++) {
		jw_object(w);
		jw_key_string(w, "operator", r->operators[i].name);
		jw_key_string(w, "host", r->operators[i].host);
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* (render_json.h) */
void render_json_report_hosts(struct strbuf *out, const struct report *r,
			      render_json_hosts_fn hosts, void *ctx)
{
	const struct session *s = r->s;
	struct item_head head = { 0 };
	struct json_report x = { .r = r, .hosts = hosts, .ctx = ctx,
				 .top = DOCUMENT_VIEW_INIT(r), .batch = DOCUMENT_VIEW_INIT(r),
				 .head = &head };
	struct json_writer *w = &x.w;

	json_writer_init(w, out);
	jw_object(w);
	jw_key_string(w, "report", "session");
	jw_key_string(w, "product", r->plan->content->product);
	jw_key_string(w, "content_version", r->plan->content->version);
	jw_key_string(w, "generated", r->generated);
	jw_key(w, "session");
	status_view_session_json(w, s, false);
	json_operators(w, r);
	jw_key_string(w, "started", s->info.created);
	jw_key_string(w, "finished", s->finished_at);
	jw_key_seconds(w, "duration_seconds", r->seconds);
	status_view_totals_json(w, session_total(s), s->ndone, s->nskipped, s->npending,
				s->nforced, s->nremoved);
	status_view_excluded_json(w, s);
	jw_key(w, "hops");
	jw_array_lines(w, "\n");
	for (size_t h = 0; !x.stop && h < r->plan->nhops; h++)
		json_hop(&x, h);
	if (x.stop)
		goto out; /* the JSON ends there; @ctx keeps why */
	jw_array_end(w);
	jw_key(w, "cluster");
	status_view_cluster_json(w, r->live);
	/* the timeline starts a line of its own */
	jw_break(w, "\n");
	json_timeline(w, r);
	jw_object_end(w);
	jw_end(w);
out:
	document_view_release(&x.batch);
	jw_run_release(&head.fixed_run);
	jw_run_release(&head.said_run);
	jw_run_release(&head.last_run);
	strbuf_release(&head.text);
}

void render_json_report(struct strbuf *out, const struct report *r)
{
	render_json_report_hosts(out, r, NULL, NULL);
}
