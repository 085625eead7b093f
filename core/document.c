/*
 * document.c - the checklist as a document (document.h): the blank plan
 * and a session's record, walked once for every format; what each format
 * makes of it is its emitter's (document_emit.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "document_emit.h"
#include "render_json.h"
#include "status_view.h"

/* The items of hop @h in the order they are done; with a session, removed items last. */
static size_t hop_items(const struct doc *d, size_t h, struct doc_item *v)
{
	const struct report *r = d->r;
	const struct content_hop *hop = &r->plan->hops[h];
	size_t n = 0;

	if (!d->s) {
		for (size_t i = 0; i < hop->nentries; i++) {
			const struct content_entry *e = &hop->entries[i];
			if (!plan_entry_applies(r->plan, h, e))
				continue;
			v[n++] = (struct doc_item){ e->note ? e->note->full_id : e->step->full_id,
						    e->note ? ITEM_NOTE : ITEM_STEP, e->note, e->step,
						    e->step ? (size_t)(e->step - hop->steps) + 1 : 0,
						    -1, NULL, false, "" };
		}
		return n;
	}
	for (size_t i = 0; i < d->s->nitems; i++) {
		const struct session_item *it = &d->s->items[i];
		/* hosts' items are told under their step (hosts_detail) */
		if (it->hop != h || it->host)
			continue;
		v[n++] = (struct doc_item){ it->id, it->kind, it->note, it->step,
					    it->step ? (size_t)(it->step - hop->steps) + 1 : 0,
					    (long)i, it, false, "" };
	}
	return n;
}

static size_t max_items(const struct report *r)
{
	size_t m = 0;

	if (r->s)
		return r->s->nitems + 1;
	for (size_t h = 0; h < r->plan->nhops; h++)
		if (r->plan->hops[h].nnotes + r->plan->hops[h].nsteps > m)
			m = r->plan->hops[h].nnotes + r->plan->hops[h].nsteps;
	return m + 1;
}

const char *doc_box(const struct doc_item *item)
{
	if (!item->it || item->it->state == ITEM_PENDING)
		return "[ ]";
	return item->it->state == ITEM_DONE ? "[x]" : "[-]";
}

void doc_scratch_release(struct doc *d, struct strbuf *sb)
{
	if (strbuf_failed(sb))
		d->out->failed = true;
	strbuf_release(sb);
}

const char *doc_state_class(const struct doc_item *item)
{
	if (!item->it)
		return "pending";
	if (item->it->forced)
		return "forced";
	return session_item_state_name(item->it->state);
}

/* ---- facts, in words ---------------------------------------------------- */

static const char *verb(const struct session_item *it)
{
	if (it->state == ITEM_PENDING)
		return "pending";
	if (it->last.action == EVENT_ACK)
		return "acknowledged";
	/* a per-host step's last event may be any host's: its state is the step's */
	return it->state == ITEM_DONE ? "done" : "skipped";
}

/* "done by alice@bastion1 at T" (no reason) into @sb, plain; once a host of 50,000: no printf. */
void doc_who_when(struct strbuf *sb, const struct session_item *it)
{
	strbuf_adds(sb, verb(it));
	strbuf_adds(sb, " by ");
	strbuf_adds(sb, it->last.operator_name);
	strbuf_addc(sb, '@');
	strbuf_adds(sb, it->last.host);
	strbuf_adds(sb, " at ");
	strbuf_adds(sb, it->last.time);
}

/* Time span of the session or a hop, as words. */
static void span(struct strbuf *sb, const char *started, const char *finished, long seconds)
{
	char d[48];

	if (!started) {
		strbuf_adds(sb, "not started");
		return;
	}
	strbuf_addf(sb, "started %s", started);
	if (finished && seconds >= 0) {
		report_duration(seconds, d, sizeof(d));
		strbuf_addf(sb, ", finished %s, took %s", finished, d);
	} else if (finished) {
		strbuf_addf(sb, ", finished %s (clock set back)", finished);
	} else {
		strbuf_adds(sb, ", not finished");
	}
}

static void totals_words(struct strbuf *sb, size_t total, size_t done, size_t skipped,
			 size_t pending, size_t forced)
{
	strbuf_addf(sb, "%zu items: %zu done, %zu skipped, %zu pending, %zu forced", total, done,
		    skipped, pending, forced);
}

static void state_facts(const struct session_item *it, struct state_facts *f)
{
	memset(f, 0, sizeof(*f));
	strbuf_init(&f->head);
	strbuf_init(&f->undone);
	f->strong = true;
	if (it->nhosts && it->state == ITEM_PENDING) {
		/* the state of a per-host step is its hosts' */
		strbuf_addf(&f->head, "pending: %zu of %zu hosts resolved",
			    it->hosts_done + it->hosts_skipped, it->nhosts);
	} else if (it->nhosts) {
		strbuf_addf(&f->head, "%s: every host resolved, the last at %s%s", verb(it),
			    it->last.time, it->forced ? ", some FORCED" : "");
	} else if (it->state != ITEM_PENDING) {
		doc_who_when(&f->head, it);
		f->forced = it->forced;
		if (*it->last.text) {
			f->label = it->state == ITEM_SKIPPED || it->forced ? "reason" : "note";
			f->text = it->last.text;
		}
	} else {
		strbuf_adds(&f->head, "pending");
		f->strong = false;
		if (it->has_last) {
			strbuf_addf(&f->undone, "(undone by %s@%s at %s", it->last.operator_name,
				    it->last.host, it->last.time);
			if (*it->last.text)
				strbuf_addf(&f->undone, "; note: %s", it->last.text);
			strbuf_addc(&f->undone, ')');
		}
	}
}

/* ---- the walk ------------------------------------------------------------ */

/* What the session did to an item: state, who, when, reason, branch, notes, hosts. */
static void item_state(struct doc *d, const struct doc_item *item)
{
	const struct session_item *it = item->it;
	struct state_facts f;

	if (!it)
		return;
	EMIT0(d, state_begin);
	state_facts(it, &f);
	EMIT(d, state_head, &f);
	doc_scratch_release(d, &f.head);
	doc_scratch_release(d, &f.undone);
	if (it->branch)
		EMIT(d, state_branch, it->branch);
	if (it->changed_since_done)
		EMIT(d, state_line, "! the content of this item changed after it was done", true);
	if (it->drift == DRIFT_REMOVED)
		EMIT(d, state_line, "no longer in the content", false);
	if (it->drift == DRIFT_ADDED)
		EMIT(d, state_line, "new: added to the content after the session was planned", false);
	for (long e = d->first_note[item->si]; e >= 0; e = d->next_note[e]) {
		struct journal_event note;
		report_note(d->r, (size_t)e, &note);
		EMIT(d, state_note, &note);
	}
	if (it->nhosts)
		doc_hosts_detail(d, (size_t)item->si);
	EMIT0(d, state_end);
}

static void item_body(struct doc *d, const struct doc_item *item)
{
	const struct content_note *n = item->note;
	const struct content_step *s = item->step;

	if (n) {
		EMIT(d, para, n->text);
		EMIT(d, list, &n->points);
		if (n->code)
			EMIT(d, code, n->code);
		if (n->warning)
			EMIT(d, warning, n->warning);
	} else if (s) {
		if (s->detail)
			EMIT(d, para, s->detail);
		EMIT(d, list, &s->points);
		if (s->flags.count)
			EMIT(d, flags, &s->flags);
		if (s->nlanguages)
			EMIT(d, languages, s);
		if (s->nbranches)
			EMIT(d, branches, s, item->it ? item->it->branch : NULL);
		if (s->warning)
			EMIT(d, warning, s->warning);
	}
}

static void item(struct doc *d, const struct doc_item *one)
{
	struct doc_item copy = *one;
	struct strbuf tags = STRBUF_INIT;
	const struct doc_item *item = &copy;

	copy.tool = (copy.note ? copy.note->origin : copy.step ? copy.step->origin
							       : ORIGIN_GUIDE) == ORIGIN_TOOL;
	document_item_tags(copy.note, copy.step, &tags);
	copy.tags = strbuf_str(&tags);
	EMIT(d, item_begin, item);
	if (!d->ops->state_last)
		item_state(d, item);
	item_body(d, item);
	if (d->ops->state_last)
		item_state(d, item);
	EMIT0(d, item_end);
	doc_scratch_release(d, &tags);
	/* no emitter reads back what it wrote: a stream may drain between items */
	strbuf_drain(d->out);
}

static void head(struct doc *d)
{
	const struct report *r = d->r;
	const struct plan *p = r->plan;
	const struct content *c = p->content;
	const struct session *s = r->s;
	struct strbuf sb = STRBUF_INIT;
	char from[32], to[32];

	version_str(&p->from, from, sizeof(from));
	version_str(&p->to, to, sizeof(to));
	EMIT(d, title, c->product, from, to, s ? (long long)s->info.id : 0);
	if (!s) {
		strbuf_addf(&sb, "%zu hop%s, %zu note%s to read, %zu step%s. Content %s, from %s.",
			    p->nhops, p->nhops == 1 ? "" : "s", p->nnotes, p->nnotes == 1 ? "" : "s",
			    p->nsteps, p->nsteps == 1 ? "" : "s", c->version, c->source);
		EMIT(d, meta, strbuf_str(&sb));
		strbuf_release(&sb);
		return;
	}
	EMIT0(d, fields_begin);
	if (*s->info.title)
		EMIT(d, field, "Title", s->info.title);
	EMIT(d, field, "Status", s->finished ? "finished" : "open (not finished)");
	span(&sb, s->info.created, s->finished_at, r->seconds);
	EMIT(d, field, "Time", strbuf_str(&sb));
	strbuf_reset(&sb);
	for (size_t i = 0; i < r->noperators; i++)
		strbuf_addf(&sb, "%s%s@%s", i ? ", " : "", r->operators[i].name,
			    r->operators[i].host);
	EMIT(d, field, "Operators", strbuf_str(&sb));
	if (*s->window_end) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ends %s (local time)", s->window_end);
		EMIT(d, field, "Window", strbuf_str(&sb));
	}
	for (size_t i = 0; i < s->nedits; i++) {
		strbuf_reset(&sb);
		status_view_edit_line(&sb, &s->edits[i]);
		EMIT(d, field, "Added", strbuf_str(&sb));
	}
	/* the hosts left out, each with why: what a change manager asks first */
	for (size_t i = 0; i < s->nexcluded; i++) {
		strbuf_reset(&sb);
		status_view_excluded_line(&sb, s->excluded[i]);
		EMIT(d, field, "Excluded", strbuf_str(&sb));
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb, "version %s, digest %s; %s", s->info.content_version,
		    s->info.content_digest,
		    s->content_changed ? "THE CONTENT CHANGED since the session was planned "
					 "(items marked ! changed after they were done)"
				       : "unchanged since the session was planned");
	EMIT(d, field, "Content", strbuf_str(&sb));
	if (!d->ops->totals_table) {
		strbuf_reset(&sb);
		totals_words(&sb, session_total(s), s->ndone, s->nskipped, s->npending, s->nforced);
		EMIT(d, field, "Totals", strbuf_str(&sb));
	}
	if (r->live && r->live->probed) {
		const struct journal_probe *probe = &r->live->probe;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "probed %s by %s@%s: ", probe->time, probe->operator_name, probe->host);
		session_probe_summary(probe, &sb);
		EMIT(d, field, "Cluster", strbuf_str(&sb));
		/* before the risky steps: what the latest probe warned of */
		for (size_t w = 0; w < probe->nwarnings; w++)
			EMIT(d, field, "Warning", probe->warnings[w].text);
	}
	EMIT(d, field, "Generated", r->generated);
	EMIT0(d, fields_end);
	doc_scratch_release(d, &sb);
}

static void totals(struct doc *d)
{
	const struct report *r = d->r;
	const struct session *s = r->s;

	EMIT0(d, totals_begin);
	for (size_t h = 0; h <= r->plan->nhops; h++) {
		bool all = h == r->plan->nhops;
		const struct report_hop *rh = all ? NULL : &r->hops[h];
		long secs = all ? r->seconds : rh->seconds;
		char took[48] = "";
		struct doc_totals t = {
			all ? NULL : r->plan->hops[h].id, all ? session_total(s) : rh->total,
			all ? s->ndone : rh->done, all ? s->nskipped : rh->skipped,
			all ? s->npending : rh->pending, all ? s->nforced : rh->forced, took
		};
		if (secs >= 0)
			report_duration(secs, took, sizeof(took));
		else if (all ? s->finished : rh->finished != NULL)
			t.took = "clock set back"; /* finished before it started */
		else
			t.took = all || rh->started ? "not finished" : "not started";
		EMIT(d, totals_row, &t);
	}
	EMIT0(d, totals_end);
}

/* Is @item among the notes read first, in a hop with @steps steps? */
static bool read_first(const struct doc_item *item, size_t steps)
{
	return item->kind == ITEM_NOTE && (!item->note || item->note->when == NOTE_BEFORE || !steps);
}

static void hop(struct doc *d, size_t h, struct doc_item *items)
{
	const struct report *r = d->r;
	const struct content_hop *hop = &r->plan->hops[h];
	size_t n = hop_items(d, h, items), k = 0, before = 0, steps = 0;
	struct strbuf meta = STRBUF_INIT;
	bool notes_first;

	for (size_t i = 0; i < hop->nentries; i++) {
		const struct content_entry *e = &hop->entries[i];
		if (plan_entry_applies(r->plan, h, e)) {
			before += e->note && e->note->when == NOTE_BEFORE;
			steps += e->note == NULL;
		}
	}
	/* without steps (patch releases' notes alone) every note is read first */
	if (!steps)
		before = n;
	notes_first = n && read_first(&items[0], steps);
	if (r->s) {
		const struct report_hop *rh = &r->hops[h];
		span(&meta, rh->started, rh->finished, rh->seconds);
		strbuf_adds(&meta, "; ");
		totals_words(&meta, rh->total, rh->done, rh->skipped, rh->pending, rh->forced);
	}
	document_hop_words(r->plan, h, &meta);
	EMIT(d, hop_begin, h, hop, meta.len ? strbuf_str(&meta) : NULL);
	doc_scratch_release(d, &meta);
	if (notes_first || before)
		EMIT(d, notes_begin, notes_first);
	/* the notes read first; a note placed among the steps is told in their order */
	for (; k < n && read_first(&items[k], steps); k++)
		item(d, &items[k]);
	if (notes_first || before)
		EMIT(d, notes_end, notes_first);
	if (steps || k < n)
		EMIT(d, steps_begin, hop);
	for (; k < n; k++)
		item(d, &items[k]);
	EMIT0(d, hop_end);
}

/* A probe of the cluster as a row of the timeline. */
static void timeline_probe(struct doc *d, const struct journal_probe *p)
{
	struct strbuf text = STRBUF_INIT;
	struct doc_event row = { p->time, "(cluster)", "probe", false, p->operator_name, p->host,
				 NULL };

	session_probe_summary(p, &text);
	row.text = strbuf_str(&text);
	EMIT(d, timeline_event, &row);
	doc_scratch_release(d, &text);
}

/* An event of the session as a row of the timeline; an exclusion's says so. */
static void timeline_row(struct doc *d, const struct journal_event *e)
{
	struct strbuf text = STRBUF_INIT;
	struct doc_event row = { e->time, e->item, event_action_name(e->action), e->forced,
				 e->operator_name, e->host, e->text };

	if (!session_event_exclusion(d->r->s, e->id)) {
		EMIT(d, timeline_event, &row); /* most rows: no scratch text to release */
		return;
	}
	strbuf_addf(&text, "host %s%s%s", e->action == EVENT_SKIP ? "excluded" : "included",
		    *e->text && e->action == EVENT_SKIP ? ": " : "",
		    e->action == EVENT_SKIP ? e->text : "");
	row.text = strbuf_str(&text);
	EMIT(d, timeline_event, &row);
	doc_scratch_release(d, &text);
}

/* The timeline as it is read: the probes up to each event, then the event. */
struct timeline_walk {
	struct doc *d;
	size_t p;                   /* the probes written */
};

static void probes_until(struct timeline_walk *w, const char *time)
{
	const struct report *r = w->d->r;

	for (; w->p < r->nprobes && (!time || strcmp(r->probes[w->p].time, time) <= 0); w->p++)
		timeline_probe(w->d, &r->probes[w->p]);
}

/* Event @e with the probes before it; @e NULL: the probes after the last event. */
static bool timeline_each(void *ctx, const struct journal_event *e)
{
	struct timeline_walk *w = ctx;

	probes_until(w, e ? e->time : NULL);
	if (e)
		timeline_row(w->d, e);
	strbuf_drain(w->d->out);
	return true;
}

/* Every event of the session and every probe, in time order; the format's words when none. */
static void timeline(struct doc *d)
{
	const struct report *r = d->r;
	struct timeline_walk w = { d, 0 };

	strbuf_adds(d->out, d->ops->timeline_heading);
	if (!r->has_events && !r->nprobes) {
		strbuf_adds(d->out, d->ops->timeline_none);
		return;
	}
	strbuf_adds(d->out, d->ops->timeline_open);
	/* a failure to read stops it: its caller says why (report_read_status()) */
	report_timeline(r, d->out, timeline_each, &w);
	strbuf_adds(d->out, d->ops->timeline_close);
}

static const struct doc_ops *const format_ops[] = {
	[FMT_TEXT] = &doc_text_ops, [FMT_MD] = &doc_md_ops, [FMT_HTML] = &doc_html_ops,
};

/* A spool's rows in a document's format: its doc and walk, kept from row to row. */
struct spool_walk {
	struct doc d;
	struct timeline_walk w;
};

static void spool_walk_free(void *state)
{
	struct spool_walk *sw = state;

	strbuf_release(&sw->d.row[0]);
	strbuf_release(&sw->d.row[1]);
	free(sw);
}

/* (document.h) */
void document_timeline_row(const struct report *r, struct report_spool *sp,
			   const struct journal_event *e)
{
	struct spool_walk *sw = sp->state;

	if (sp->format == FMT_JSON) {
		render_json_timeline_row(r, sp, e);
		return;
	}
	if (!sw) {
		if (!(sw = calloc(1, sizeof(*sw)))) {
			sp->out.failed = true; /* the timeline read again instead */
			return;
		}
		sw->d = (struct doc){ .ops = format_ops[sp->format], .out = &sp->out, .r = r,
				      .s = r->s };
		sw->w.d = &sw->d;
		sp->state = sw;
		sp->state_free = spool_walk_free;
	}
	timeline_each(&sw->w, e);
}

/* (document.h) */
bool document_view_link(struct document_view *dv, const struct report *r,
			const struct session *s, struct strbuf *out)
{
	long *f;

	dv->s = s;
	dv->first_note = r->first_note;
	dv->next_note = r->next_note;
	if (s == r->s)
		return true;
	if ((f = realloc(dv->first, (s->nitems + 1) * sizeof(*f))))
		dv->first = f;
	if (!dv->next)
		dv->next = malloc((r->nnotes + 1) * sizeof(*dv->next));
	if (!f || !dv->next || !report_link_notes(r, s, dv->first, dv->next)) {
		out->failed = true;
		return false;
	}
	dv->first_note = dv->first;
	dv->next_note = dv->next;
	return true;
}

/* (document.h) */
void document_view_release(struct document_view *dv)
{
	free(dv->first);
	free(dv->next);
	dv->first = dv->next = NULL;
}

/* (document.h) */
void document_render_hosts(struct strbuf *out, const struct report *r, enum render_format f,
			   const struct document_hosts *h)
{
	struct doc d = { .out = out, .r = r, .s = r->s, .first_note = r->first_note,
			 .next_note = r->next_note, .hosts = h, .batch = DOCUMENT_VIEW_INIT(r) };
	struct doc_item *items;

	if (f == FMT_JSON)
		return; /* render_json.c's */
	d.ops = format_ops[f];
	items = calloc(max_items(r), sizeof(*items));
	if (!items) {
		out->failed = true;
		return;
	}
	strbuf_init(&d.row[0]);
	strbuf_init(&d.row[1]);
	head(&d);
	if (r->s && d.ops->totals_table)
		totals(&d);
	for (size_t hop_i = 0; !d.stop && hop_i < r->plan->nhops; hop_i++)
		hop(&d, hop_i, items);
	if (d.stop)
		goto out; /* the document ends there */
	if (r->s)
		timeline(&d);
	EMIT0(&d, end);
out:
	doc_scratch_release(&d, &d.row[0]);
	doc_scratch_release(&d, &d.row[1]);
	document_view_release(&d.batch);
	free(items);
}

void document_render(struct strbuf *out, const struct report *r, enum render_format f)
{
	document_render_hosts(out, r, f, NULL);
}
