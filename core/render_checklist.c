/*
 * render_checklist.c - the checklist as text, Markdown and HTML: the blank
 * plan (no session) and a session's record (its state on every item, the
 * times, totals and the timeline). One set of renderers serves both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "document.h"
#include "textutil.h"

#define WIDTH 78

/* One note or step as a document shows it. */
struct row {
	const char *id;
	enum item_kind kind;
	const struct content_note *note;   /* NULL for steps and removed items */
	const struct content_step *step;   /* NULL for notes and removed items */
	size_t number;                     /* steps: 1..n */
	long si;                           /* index in the session's items, -1 (blank plan) */
};

/* The rows of hop @h: notes then steps; with a session, removed items last. */
static size_t hop_rows(const struct report *r, size_t h, struct row *rows)
{
	const struct content_hop *hop = &r->plan->hops[h];
	size_t n = 0;

	if (!r->s) {
		for (size_t i = 0; i < hop->nnotes; i++)
			rows[n++] = (struct row){ hop->notes[i].full_id, ITEM_NOTE, &hop->notes[i],
						  NULL, 0, -1 };
		for (size_t i = 0; i < hop->nsteps; i++)
			rows[n++] = (struct row){ hop->steps[i].full_id, ITEM_STEP, NULL,
						  &hop->steps[i], i + 1, -1 };
		return n;
	}
	for (size_t i = 0; i < r->s->nitems; i++) {
		const struct session_item *it = &r->s->items[i];
		/* hosts' items are told under their step (hosts_detail) */
		if (it->hop != h || it->host)
			continue;
		rows[n++] = (struct row){ it->id, it->kind, it->note, it->step,
					  it->step ? (size_t)(it->step - hop->steps) + 1 : 0, (long)i };
	}
	return n;
}

static size_t max_rows(const struct report *r)
{
	size_t m = 0;

	if (r->s)
		return r->s->nitems + 1;
	for (size_t h = 0; h < r->plan->nhops; h++)
		if (r->plan->hops[h].nnotes + r->plan->hops[h].nsteps > m)
			m = r->plan->hops[h].nnotes + r->plan->hops[h].nsteps;
	return m + 1;
}

static const struct session_item *state_of(const struct report *r, const struct row *row)
{
	return row->si >= 0 ? &r->s->items[row->si] : NULL;
}

static const char *verb(const struct session_item *it)
{
	if (it->state == ITEM_PENDING)
		return "pending";
	if (it->last.action == EVENT_ACK)
		return "acknowledged";
	/* a per-host step's last event may be any host's: its state is the step's */
	return it->state == ITEM_DONE ? "done" : "skipped";
}

static const char *state_class(const struct session_item *it)
{
	if (!it)
		return "pending";
	if (it->forced)
		return "forced";
	return item_state_name(it->state);
}

/* "done by alice@bastion1 at T" (no reason) into @sb, plain. */
static void who_when(struct strbuf *sb, const struct session_item *it)
{
	strbuf_addf(sb, "%s by ", verb(it));
	text_add_plain(sb, it->last.operator_name, 0);
	strbuf_addc(sb, '@');
	text_add_plain(sb, it->last.host, 0);
	strbuf_addf(sb, " at %s", it->last.time);
}

/* "(undone by alice@bastion1 at T; note: TEXT)" into @sb, raw: the caller escapes. */
static void undone_by(struct strbuf *sb, const struct session_item *it)
{
	strbuf_addf(sb, "(undone by %s@%s at %s", it->last.operator_name, it->last.host,
		    it->last.time);
	if (*it->last.text)
		strbuf_addf(sb, "; note: %s", it->last.text);
	strbuf_addc(sb, ')');
}

/* "version V, digest D; unchanged since ..." into @sb. */
static void content_words(struct strbuf *sb, const struct session *s)
{
	strbuf_addf(sb, "version %s, digest %s; %s", s->info.content_version,
		    s->info.content_digest,
		    s->content_changed ? "THE CONTENT CHANGED since the session was planned "
					 "(items marked ! changed after they were done)"
				       : "unchanged since the session was planned");
}

/* Time span of the session and the hops, as words. */
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

/* The state of a per-host step, which is its hosts'. */
static void hosts_state(struct strbuf *sb, const struct session_item *it)
{
	if (it->state == ITEM_PENDING)
		strbuf_addf(sb, "pending: %zu of %zu hosts resolved", it->hosts_done + it->hosts_skipped,
			    it->nhosts);
	else
		strbuf_addf(sb, "%s: every host resolved, the last at %s%s", verb(it), it->last.time,
			    it->forced ? ", some FORCED" : "");
}

/*
 * What a report says of an item's state, decided once for every format: a
 * headline (who and when, a per-host step's hosts, or "pending"), shown
 * strong or, for a plain pending item, emphasised; whether it was forced;
 * the text given with it and what to call it; and, when an undo made it
 * pending again, who undid it.
 */
struct state_facts {
	struct strbuf head;
	bool strong;
	bool forced;
	const char *label;   /* "reason" or "note", NULL when there is no text */
	const char *text;
	struct strbuf undone;
};

static void state_facts(const struct session_item *it, struct state_facts *f)
{
	memset(f, 0, sizeof(*f));
	strbuf_init(&f->head);
	strbuf_init(&f->undone);
	f->strong = true;
	if (it->nhosts) {
		hosts_state(&f->head, it);
	} else if (it->state != ITEM_PENDING) {
		who_when(&f->head, it);
		f->forced = it->forced;
		if (*it->last.text) {
			f->label = it->state == ITEM_SKIPPED || it->forced ? "reason" : "note";
			f->text = it->last.text;
		}
	} else {
		strbuf_adds(&f->head, "pending");
		f->strong = false;
		if (it->has_last)
			undone_by(&f->undone, it);
	}
}

static void state_facts_release(struct state_facts *f)
{
	strbuf_release(&f->head);
	strbuf_release(&f->undone);
}

/*
 * The hosts of per-host step @si, as lines for @emit (level 0: the summary,
 * 1: a host, 2: a note on it): counts, the span from the first check-off to
 * the last, each host with its state, who, when and how long after the
 * step's first host it was done, and the skipped hosts grouped by reason.
 */
static void hosts_detail(const struct report *r, long si,
			 void (*emit)(void *ctx, int level, const char *line), void *ctx)
{
	const struct session *s = r->s;
	const struct session_item *step = &s->items[si];
	const char *first = NULL, *last = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t pending = step->nhosts - step->hosts_done - step->hosts_skipped;

	for (size_t i = (size_t)si + 1; i < s->nitems && s->items[i].host; i++) {
		const struct session_item *h = &s->items[i];
		if (h->state == ITEM_PENDING || !h->has_last)
			continue;
		if (!first || strcmp(h->last.time, first) < 0)
			first = h->last.time;
		if (!last || strcmp(h->last.time, last) > 0)
			last = h->last.time;
	}
	strbuf_addf(&sb, "hosts: %zu done, %zu skipped, %zu pending of %zu", step->hosts_done,
		    step->hosts_skipped, pending, step->nhosts);
	if (first) {
		time_t a, b;
		char d[48] = "?";
		if (clock_parse_iso(first, &a) && clock_parse_iso(last, &b) && b >= a)
			report_duration((long)(b - a), d, sizeof(d));
		strbuf_addf(&sb, "; first check-off %s, last %s (%s)", first, last, d);
	}
	emit(ctx, 0, strbuf_str(&sb));
	for (size_t i = (size_t)si + 1; i < s->nitems && s->items[i].host; i++) {
		const struct session_item *h = &s->items[i];
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s: ", h->host, h->leader ? " (leader, last)" : "");
		if (h->state == ITEM_PENDING) {
			strbuf_adds(&sb, "pending");
		} else {
			time_t a, b;
			char d[48];
			who_when(&sb, h);
			if (first && clock_parse_iso(first, &a) && clock_parse_iso(h->last.time, &b) &&
			    b >= a) {
				report_duration((long)(b - a), d, sizeof(d));
				strbuf_addf(&sb, " (+%s)", d);
			}
			if (h->forced)
				strbuf_adds(&sb, ", FORCED");
			if (*h->last.text)
				strbuf_addf(&sb, "; %s: %s",
					    h->state == ITEM_SKIPPED || h->forced ? "reason" : "note",
					    h->last.text);
		}
		emit(ctx, 1, strbuf_str(&sb));
		for (long e = r->first_note[i]; e >= 0; e = r->next_note[e]) {
			const struct journal_event *ev = &r->events[e];
			strbuf_reset(&sb);
			strbuf_addf(&sb, "note by %s@%s at %s: %s", ev->operator_name, ev->host,
				    ev->time, ev->text);
			emit(ctx, 2, strbuf_str(&sb));
		}
	}
	/* the skipped hosts by reason: what a change manager asks first */
	if (step->hosts_skipped) {
		bool *told = calloc(step->nhosts + 1, sizeof(*told));
		size_t base = (size_t)si + 1;
		for (size_t i = base; told && i < s->nitems && s->items[i].host; i++) {
			const struct session_item *h = &s->items[i];
			size_t count = 0;
			if (h->state != ITEM_SKIPPED || told[i - base])
				continue;
			strbuf_reset(&sb);
			for (size_t k = i; k < s->nitems && s->items[k].host; k++) {
				const struct session_item *o = &s->items[k];
				if (o->state != ITEM_SKIPPED || told[k - base] ||
				    strcmp(o->last.text, h->last.text))
					continue;
				told[k - base] = true;
				strbuf_addf(&sb, "%s%s", count++ ? ", " : "", o->host);
			}
			struct strbuf line = STRBUF_INIT;
			strbuf_addf(&line, "skipped because \"%s\": %zu host%s: %s", h->last.text, count,
				    count == 1 ? "" : "s", strbuf_str(&sb));
			emit(ctx, 0, strbuf_str(&line));
			strbuf_release(&line);
		}
		free(told);
	}
	strbuf_release(&sb);
}

/* ================================ text ================================ */

static void text_list(struct strbuf *out, const struct content_strings *l, size_t indent)
{
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addn(out, ' ', indent);
		strbuf_adds(out, "- ");
		text_add_wrapped(out, l->items[i], indent + 2, indent + 2, WIDTH);
		strbuf_addc(out, '\n');
	}
}

static void text_labelled(struct strbuf *out, const char *label, const char *s, size_t indent)
{
	strbuf_addn(out, ' ', indent);
	strbuf_adds(out, label);
	text_add_wrapped(out, s, indent + utf8_width(label, strlen(label)), indent + 2, WIDTH);
	strbuf_addc(out, '\n');
}

static void text_code(struct strbuf *out, const char *code, size_t indent)
{
	struct strbuf plain = STRBUF_INIT;
	const char *p;

	text_add_plain(&plain, code, 1);
	for (p = strbuf_str(&plain); *p;) {
		size_t n = strcspn(p, "\n");
		strbuf_addn(out, ' ', indent);
		strbuf_add(out, p, n);
		strbuf_addc(out, '\n');
		p += n + (p[n] == '\n');
	}
	strbuf_release(&plain);
}

struct text_emit {
	struct strbuf *out;
	size_t indent;
};

static void text_emit(void *ctx, int level, const char *line)
{
	struct text_emit *t = ctx;

	/* a wrapped line goes on under its own text, not under the label before it */
	if (level == 0)
		text_labelled(t->out, "=> ", line, t->indent);
	else
		text_labelled(t->out, level == 1 ? "- " : "", line, t->indent + (level == 1 ? 3 : 7));
}

/* What the session did to an item: state, who, when, reason, branch, notes. */
static void text_state(struct strbuf *out, const struct report *r, const struct row *row,
		       size_t indent)
{
	const struct session_item *it = state_of(r, row);
	struct strbuf sb = STRBUF_INIT;

	if (!it)
		return;
	{
		struct state_facts f;
		state_facts(it, &f);
		strbuf_adds(&sb, strbuf_str(&f.head));
		if (f.forced)
			strbuf_adds(&sb, ", FORCED");
		if (f.label)
			strbuf_addf(&sb, "; %s: %s", f.label, f.text);
		if (f.undone.len)
			strbuf_addf(&sb, " %s", strbuf_str(&f.undone));
		state_facts_release(&f);
	}
	text_labelled(out, "=> ", strbuf_str(&sb), indent);
	if (it->branch)
		strbuf_reset(&sb), strbuf_addf(&sb, "branch taken: %s", it->branch),
			text_labelled(out, "=> ", strbuf_str(&sb), indent);
	if (it->changed_since_done)
		text_labelled(out, "=> ", "! the content of this item changed after it was done",
			      indent);
	if (it->drift == DRIFT_REMOVED)
		text_labelled(out, "=> ", "no longer in the content", indent);
	if (it->drift == DRIFT_ADDED)
		text_labelled(out, "=> ", "new: added to the content after the session was planned",
			      indent);
	for (long e = r->first_note[row->si]; e >= 0; e = r->next_note[e]) {
		const struct journal_event *ev = &r->events[e];
		strbuf_reset(&sb);
		strbuf_adds(&sb, "note by ");
		strbuf_adds(&sb, ev->operator_name);
		strbuf_addc(&sb, '@');
		strbuf_adds(&sb, ev->host);
		strbuf_addf(&sb, " at %s: %s", ev->time, ev->text);
		text_labelled(out, "=> ", strbuf_str(&sb), indent);
	}
	if (it->nhosts) {
		struct text_emit t = { out, indent };
		hosts_detail(r, row->si, text_emit, &t);
	}
	strbuf_release(&sb);
}

static const char *text_box(const struct report *r, const struct row *row)
{
	const struct session_item *it = state_of(r, row);

	if (!it || it->state == ITEM_PENDING)
		return "[ ]";
	return it->state == ITEM_DONE ? "[x]" : "[-]";
}

static void text_note(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct content_note *n = row->note;
	char aud[128];

	strbuf_addf(out, "  %s ", text_box(r, row));
	if (!n) {
		text_add_plain(out, row->id, 0);
		strbuf_adds(out, " (no longer in the content)\n");
		text_state(out, r, row, 6);
		strbuf_addc(out, '\n');
		return;
	}
	audience_names(n->audience, aud, sizeof(aud));
	text_add_wrapped(out, n->title, 6, 6, WIDTH);
	strbuf_addf(out, "\n      %s (for: %s)\n", n->full_id, aud);
	strbuf_addn(out, ' ', 6);
	text_add_wrapped(out, n->text, 6, 6, WIDTH);
	strbuf_addc(out, '\n');
	text_list(out, &n->points, 6);
	if (n->code)
		text_code(out, n->code, 10);
	text_state(out, r, row, 6);
	strbuf_addc(out, '\n');
}

static void text_step(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct content_step *s = row->step;
	char prefix[32];
	size_t ind;

	if (!s) {
		strbuf_addf(out, "  %s ", text_box(r, row));
		text_add_plain(out, row->id, 0);
		strbuf_adds(out, " (no longer in the content)\n");
		text_state(out, r, row, 6);
		strbuf_addc(out, '\n');
		return;
	}
	snprintf(prefix, sizeof(prefix), "%zu. ", row->number);
	ind = 6 + strlen(prefix);
	strbuf_addf(out, "  %s %s", text_box(r, row), prefix);
	text_add_wrapped(out, s->text, ind, ind, WIDTH);
	strbuf_addf(out, "\n%*s%s (%s)\n", (int)ind, "", s->full_id, role_name(s->role));
	if (s->detail) {
		strbuf_addn(out, ' ', ind);
		text_add_wrapped(out, s->detail, ind, ind, WIDTH);
		strbuf_addc(out, '\n');
	}
	text_list(out, &s->points, ind);
	if (s->flags.count) {
		strbuf_addn(out, ' ', ind);
		strbuf_adds(out, "Flags:");
		for (size_t i = 0; i < s->flags.count; i++) {
			strbuf_addc(out, ' ');
			text_add_plain(out, s->flags.items[i], 0);
		}
		strbuf_addc(out, '\n');
	}
	for (size_t i = 0; i < s->nlanguages; i++) {
		struct strbuf label = STRBUF_INIT;
		text_add_plain(&label, s->languages[i].language, 0);
		strbuf_adds(&label, ": ");
		text_labelled(out, strbuf_str(&label), s->languages[i].text, ind);
		strbuf_release(&label);
	}
	if (s->nbranches) {
		const struct session_item *it = state_of(r, row);
		strbuf_addn(out, ' ', ind);
		strbuf_adds(out, "Choose one:\n");
		for (size_t i = 0; i < s->nbranches; i++) {
			const struct content_branch *b = &s->branches[i];
			bool taken = it && it->branch && !strcmp(it->branch, b->id);
			strbuf_addn(out, ' ', ind + 2);
			strbuf_addf(out, "(%c) %s: ", taken ? '*' : ' ', b->id);
			text_add_wrapped(out, b->title, ind + 8 + strlen(b->id), ind + 6, WIDTH);
			strbuf_addc(out, '\n');
			text_list(out, &b->points, ind + 6);
		}
	}
	if (s->warning)
		text_labelled(out, "WARNING: ", s->warning, ind);
	text_state(out, r, row, ind);
	strbuf_addc(out, '\n');
}

static void text_header(struct strbuf *out, const struct report *r)
{
	const struct content *c = r->plan->content;
	const struct plan *p = r->plan;
	char from[32], to[32];

	version_str(&p->from, from, sizeof(from));
	version_str(&p->to, to, sizeof(to));
	if (!r->s) {
		strbuf_addf(out, "%s upgrade plan: %s -> %s\n", c->product, from, to);
		strbuf_addf(out, "%zu hop%s, %zu note%s to read, %zu step%s. Content %s, from %s.\n",
			    p->nhops, p->nhops == 1 ? "" : "s", p->nnotes, p->nnotes == 1 ? "" : "s",
			    p->nsteps, p->nsteps == 1 ? "" : "s", c->version, c->source);
		return;
	}
	const struct session *s = r->s;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(out, "%s upgrade record: %s -> %s, session %lld\n", c->product, from, to,
		    (long long)s->info.id);
	strbuf_addn(out, '=', 60);
	strbuf_addc(out, '\n');
	if (*s->info.title)
		text_labelled(out, "Title:      ", s->info.title, 0);
	strbuf_addf(out, "Status:     %s\n", s->finished ? "finished" : "open (not finished)");
	span(&sb, s->info.created, s->finished_at, r->seconds);
	text_labelled(out, "Time:       ", strbuf_str(&sb), 0);
	strbuf_reset(&sb);
	for (size_t i = 0; i < r->noperators; i++)
		strbuf_addf(&sb, "%s%s@%s", i ? ", " : "", r->operators[i].name, r->operators[i].host);
	text_labelled(out, "Operators:  ", strbuf_str(&sb), 0);
	strbuf_reset(&sb);
	content_words(&sb, s);
	text_labelled(out, "Content:    ", strbuf_str(&sb), 0);
	strbuf_reset(&sb);
	totals_words(&sb, session_total(s), s->ndone, s->nskipped, s->npending,
		     s->nforced);
	text_labelled(out, "Totals:     ", strbuf_str(&sb), 0);
	strbuf_addf(out, "Generated:  %s\n", r->generated);
	strbuf_release(&sb);
}

static void render_text(struct strbuf *out, const struct report *r)
{
	const struct plan *p = r->plan;
	struct row *rows = calloc(max_rows(r), sizeof(*rows));
	struct strbuf sb = STRBUF_INIT;

	if (!rows) {
		out->failed = true;
		return;
	}
	text_header(out, r);
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		size_t n = hop_rows(r, h, rows), k = 0;
		strbuf_addf(out, "\n== Hop %zu of %zu: %s -> %s: ", h + 1, p->nhops, hop->from,
			    hop->to);
		text_add_plain(out, hop->title, 0);
		strbuf_adds(out, " ==\n");
		if (r->s) {
			const struct report_hop *rh = &r->hops[h];
			strbuf_reset(&sb);
			span(&sb, rh->started, rh->finished, rh->seconds);
			strbuf_adds(&sb, "; ");
			totals_words(&sb, rh->total, rh->done, rh->skipped, rh->pending, rh->forced);
			text_labelled(out, "", strbuf_str(&sb), 0);
		}
		strbuf_addc(out, '\n');
		if (hop->nnotes || (n && rows[0].kind == ITEM_NOTE))
			strbuf_adds(out, "Read first: incompatible changes (acknowledge each)\n\n");
		for (; k < n && rows[k].kind == ITEM_NOTE; k++)
			text_note(out, r, &rows[k]);
		if (hop->ordered) {
			strbuf_adds(out, "Steps, in this order:\n\n");
		} else {
			strbuf_adds(out, "Steps, in any order: ");
			text_add_wrapped(out, hop->order_note, 21, 2, WIDTH);
			strbuf_adds(out, "\n\n");
		}
		for (; k < n; k++) {
			if (rows[k].kind == ITEM_NOTE)
				text_note(out, r, &rows[k]);
			else
				text_step(out, r, &rows[k]);
		}
	}
	if (r->s) {
		strbuf_adds(out, "\n== Timeline ==\n\n");
		for (size_t i = 0; i < r->nevents; i++) {
			const struct journal_event *e = &r->events[i];
			struct strbuf col = STRBUF_INIT;
			strbuf_reset(&sb);
			text_add_plain(&col, e->time, 0);
			strbuf_addf(&col, "  %-6s ", event_action_name(e->action));
			strbuf_addf(&sb, "%s by %s@%s%s", e->item, e->operator_name, e->host,
				    e->forced ? " FORCED" : "");
			if (*e->text)
				strbuf_addf(&sb, ": %s", e->text);
			text_labelled(out, strbuf_str(&col), strbuf_str(&sb), 0);
			strbuf_release(&col);
		}
		if (!r->nevents)
			strbuf_adds(out, "nothing recorded yet\n");
	}
	strbuf_release(&sb);
	free(rows);
}

/* ============================== Markdown ============================== */

static void md_list(struct strbuf *out, const struct content_strings *l, const char *indent)
{
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addf(out, "%s- ", indent);
		text_add_md(out, l->items[i]);
		strbuf_addc(out, '\n');
	}
}

static size_t longest_backticks(const char *s)
{
	size_t run = 0, longest = 0;

	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest;
}

static void md_code(struct strbuf *out, const char *code, const char *indent)
{
	struct strbuf plain = STRBUF_INIT;
	size_t fence;
	const char *p;

	text_add_plain(&plain, code, 1);
	fence = longest_backticks(strbuf_str(&plain));
	fence = fence >= 3 ? fence + 1 : 3;
	strbuf_addf(out, "\n%s", indent);
	strbuf_addn(out, '`', fence);
	strbuf_addc(out, '\n');
	for (p = strbuf_str(&plain); *p;) {
		size_t n = strcspn(p, "\n");
		strbuf_adds(out, indent);
		strbuf_add(out, p, n);
		strbuf_addc(out, '\n');
		p += n + (p[n] == '\n');
	}
	strbuf_adds(out, indent);
	strbuf_addn(out, '`', fence);
	strbuf_addc(out, '\n');
	strbuf_release(&plain);
}

/* @s as an inline code span: sanitized, fenced by more backticks than it holds. */
static void md_code_span(struct strbuf *out, const char *s)
{
	struct strbuf plain = STRBUF_INIT;
	size_t fence, len;
	const char *p;
	int pad;

	text_add_plain(&plain, s, 0);
	p = strbuf_str(&plain);
	fence = longest_backticks(p) + 1;
	len = strlen(p);
	pad = len && (p[0] == '`' || p[len - 1] == '`');
	strbuf_addn(out, '`', fence);
	if (pad)
		strbuf_addc(out, ' ');
	strbuf_add(out, p, len);
	if (pad)
		strbuf_addc(out, ' ');
	strbuf_addn(out, '`', fence);
	strbuf_release(&plain);
}

/* Continuation paragraphs of a list item: indented so they stay in it. */
static void md_para(struct strbuf *out, const char *s, const char *indent)
{
	struct strbuf md = STRBUF_INIT;
	const char *p;

	text_add_md(&md, s);
	strbuf_addf(out, "\n%s", indent);
	for (p = strbuf_str(&md); *p; p++) {
		strbuf_addc(out, *p);
		if (*p == '\n' && p[1])
			strbuf_adds(out, indent);
	}
	strbuf_addc(out, '\n');
	strbuf_release(&md);
}

/* One table cell: escaped, on one line. */
static void md_cell(struct strbuf *out, const char *s)
{
	struct strbuf one = STRBUF_INIT;

	for (; *s; s++)
		strbuf_addc(&one, *s == '\n' || *s == '\r' ? ' ' : *s);
	text_add_md(out, strbuf_str(&one));
	strbuf_release(&one);
}

/*
 * An item id: a code span when it is one as content writes them (letters,
 * digits, '-', '.', '/'); otherwise (a damaged journal) escaped text, which
 * also keeps a '|' from splitting a table cell.
 */
static void md_id(struct strbuf *out, const char *id)
{
	if (*id && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-./"
			      "@ABCDEFGHIJKLMNOPQRSTUVWXYZ_:") == strlen(id))
		strbuf_addf(out, "`%s`", id);
	else
		md_cell(out, id);
}

static void md_emit(void *ctx, int level, const char *line)
{
	struct strbuf *out = ctx;

	strbuf_adds(out, level == 0 ? "  - " : level == 1 ? "    - " : "      - ");
	md_cell(out, line);
	strbuf_addc(out, '\n');
}

static void md_state(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct session_item *it = state_of(r, row);
	struct strbuf sb = STRBUF_INIT;

	if (!it)
		return;
	strbuf_adds(out, "  - ");
	{
		struct state_facts f;
		state_facts(it, &f);
		strbuf_adds(out, f.strong ? "**" : "*");
		md_cell(out, strbuf_str(&f.head));
		strbuf_adds(out, f.strong ? "**" : "*");
		if (f.forced)
			strbuf_adds(out, " — **FORCED**");
		if (f.label) {
			strbuf_addf(out, " — %s: ", f.label);
			md_cell(out, f.text);
		}
		if (f.undone.len) {
			strbuf_addc(out, ' ');
			md_cell(out, strbuf_str(&f.undone));
		}
		state_facts_release(&f);
	}
	strbuf_addc(out, '\n');
	if (it->branch) {
		strbuf_adds(out, "  - branch taken: ");
		md_code_span(out, it->branch);
		strbuf_addc(out, '\n');
	}
	if (it->changed_since_done)
		strbuf_adds(out, "  - **\\! the content of this item changed after it was done**\n");
	if (it->drift == DRIFT_REMOVED)
		strbuf_adds(out, "  - no longer in the content\n");
	if (it->drift == DRIFT_ADDED)
		strbuf_adds(out, "  - new: added to the content after the session was planned\n");
	for (long e = r->first_note[row->si]; e >= 0; e = r->next_note[e]) {
		const struct journal_event *ev = &r->events[e];
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s@%s at %s", ev->operator_name, ev->host, ev->time);
		strbuf_adds(out, "  - note by ");
		md_cell(out, strbuf_str(&sb));
		strbuf_adds(out, ": ");
		md_cell(out, ev->text);
		strbuf_addc(out, '\n');
	}
	if (it->nhosts)
		hosts_detail(r, row->si, md_emit, out);
	strbuf_release(&sb);
}

static const char *md_box(const struct report *r, const struct row *row)
{
	const struct session_item *it = state_of(r, row);

	return it && it->state != ITEM_PENDING ? "- [x]" : "- [ ]";
}

static void md_note(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct content_note *n = row->note;
	char aud[128];

	if (!n) {
		strbuf_addf(out, "%s ", md_box(r, row));
		md_id(out, row->id);
		strbuf_adds(out, " (no longer in the content)\n");
		md_state(out, r, row);
		strbuf_addc(out, '\n');
		return;
	}
	audience_names(n->audience, aud, sizeof(aud));
	strbuf_addf(out, "%s **", md_box(r, row));
	text_add_md(out, n->title);
	strbuf_addf(out, "** (for: %s) `%s`\n", aud, n->full_id);
	md_state(out, r, row);
	md_para(out, n->text, "  ");
	if (n->points.count) {
		strbuf_addc(out, '\n');
		md_list(out, &n->points, "  ");
	}
	if (n->code)
		md_code(out, n->code, "  ");
	strbuf_addc(out, '\n');
}

static void md_step(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct content_step *s = row->step;
	const struct session_item *it = state_of(r, row);

	if (!s) {
		strbuf_addf(out, "%s ", md_box(r, row));
		md_id(out, row->id);
		strbuf_adds(out, " (no longer in the content)\n");
		md_state(out, r, row);
		strbuf_addc(out, '\n');
		return;
	}
	strbuf_addf(out, "%s **%zu.** ", md_box(r, row), row->number);
	text_add_md(out, s->text);
	strbuf_addf(out, " *(%s)* `%s`\n", role_name(s->role), s->full_id);
	md_state(out, r, row);
	if (s->detail)
		md_para(out, s->detail, "  ");
	if (s->points.count || s->flags.count || s->nlanguages || s->nbranches)
		strbuf_addc(out, '\n');
	md_list(out, &s->points, "  ");
	if (s->flags.count) {
		strbuf_adds(out, "  - Flags:");
		for (size_t k = 0; k < s->flags.count; k++) {
			strbuf_addc(out, ' ');
			md_code_span(out, s->flags.items[k]);
		}
		strbuf_addc(out, '\n');
	}
	for (size_t k = 0; k < s->nlanguages; k++) {
		strbuf_adds(out, "  - **");
		text_add_md(out, s->languages[k].language);
		strbuf_adds(out, ":** ");
		text_add_md(out, s->languages[k].text);
		strbuf_addc(out, '\n');
	}
	if (s->nbranches) {
		strbuf_adds(out, "  - Choose one:\n");
		for (size_t k = 0; k < s->nbranches; k++) {
			const struct content_branch *b = &s->branches[k];
			bool taken = it && it->branch && !strcmp(it->branch, b->id);
			strbuf_addf(out, "    - [%c] `%s` **", taken ? 'x' : ' ', b->id);
			text_add_md(out, b->title);
			strbuf_adds(out, "**\n");
			md_list(out, &b->points, "      ");
		}
	}
	if (s->warning) {
		strbuf_adds(out, "\n  > **Warning:** ");
		text_add_md(out, s->warning);
		strbuf_addc(out, '\n');
	}
	strbuf_addc(out, '\n');
}

static void md_row(struct strbuf *out, const char *key, const char *value)
{
	strbuf_addf(out, "| %s | ", key);
	md_cell(out, value);
	strbuf_adds(out, " |\n");
}

static void md_header(struct strbuf *out, const struct report *r)
{
	const struct content *c = r->plan->content;
	const struct plan *p = r->plan;
	char from[32], to[32];
	struct strbuf sb = STRBUF_INIT;

	version_str(&p->from, from, sizeof(from));
	version_str(&p->to, to, sizeof(to));
	strbuf_adds(out, "# ");
	text_add_md(out, c->product);
	if (!r->s) {
		strbuf_addf(out, " upgrade plan: %s → %s\n\n", from, to);
		strbuf_addf(&sb, "%zu hop%s, %zu note%s to read, %zu step%s. Content %s, from %s.",
			    p->nhops, p->nhops == 1 ? "" : "s", p->nnotes, p->nnotes == 1 ? "" : "s",
			    p->nsteps, p->nsteps == 1 ? "" : "s", c->version, c->source);
		text_add_md(out, strbuf_str(&sb));
		strbuf_addc(out, '\n');
		strbuf_release(&sb);
		return;
	}
	const struct session *s = r->s;
	strbuf_addf(out, " upgrade record: %s → %s, session %lld\n\n", from, to,
		    (long long)s->info.id);
	strbuf_adds(out, "| | |\n|---|---|\n");
	if (*s->info.title)
		md_row(out, "Title", s->info.title);
	md_row(out, "Status", s->finished ? "finished" : "open (not finished)");
	span(&sb, s->info.created, s->finished_at, r->seconds);
	md_row(out, "Time", strbuf_str(&sb));
	strbuf_reset(&sb);
	for (size_t i = 0; i < r->noperators; i++)
		strbuf_addf(&sb, "%s%s@%s", i ? ", " : "", r->operators[i].name, r->operators[i].host);
	md_row(out, "Operators", strbuf_str(&sb));
	strbuf_reset(&sb);
	content_words(&sb, s);
	md_row(out, "Content", strbuf_str(&sb));
	md_row(out, "Generated", r->generated);
	strbuf_adds(out, "\n## Totals\n\n| Hop | Items | Done | Skipped | Pending | Forced | Took |\n"
			 "|---|---:|---:|---:|---:|---:|---|\n");
	for (size_t h = 0; h < p->nhops; h++) {
		const struct report_hop *rh = &r->hops[h];
		char d[48] = "";
		if (rh->seconds >= 0)
			report_duration(rh->seconds, d, sizeof(d));
		strbuf_addf(out, "| %s | %zu | %zu | %zu | %zu | %zu | %s |\n", p->hops[h].id,
			    rh->total, rh->done, rh->skipped, rh->pending, rh->forced,
			    rh->seconds >= 0 ? d : rh->started ? "not finished" : "not started");
	}
	{
		char d[48] = "";
		if (r->seconds >= 0)
			report_duration(r->seconds, d, sizeof(d));
		strbuf_addf(out, "| **all** | %zu | %zu | %zu | %zu | %zu | %s |\n",
			    session_total(s), s->ndone, s->nskipped, s->npending, s->nforced,
			    r->seconds >= 0 ? d : "not finished");
	}
	strbuf_release(&sb);
}

static void render_md(struct strbuf *out, const struct report *r)
{
	const struct plan *p = r->plan;
	struct row *rows = calloc(max_rows(r), sizeof(*rows));
	struct strbuf sb = STRBUF_INIT;

	if (!rows) {
		out->failed = true;
		return;
	}
	md_header(out, r);
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		size_t n = hop_rows(r, h, rows), k = 0;
		strbuf_addf(out, "\n## Hop %zu of %zu: %s → %s\n\n", h + 1, p->nhops, hop->from,
			    hop->to);
		text_add_md(out, hop->title);
		strbuf_adds(out, "\n");
		if (r->s) {
			const struct report_hop *rh = &r->hops[h];
			strbuf_reset(&sb);
			span(&sb, rh->started, rh->finished, rh->seconds);
			strbuf_adds(&sb, "; ");
			totals_words(&sb, rh->total, rh->done, rh->skipped, rh->pending, rh->forced);
			strbuf_adds(out, "\n*");
			text_add_md(out, strbuf_str(&sb));
			strbuf_adds(out, "*\n");
		}
		if (n && rows[0].kind == ITEM_NOTE) {
			strbuf_adds(out, "\n### Read first: incompatible changes\n\n");
			for (; k < n && rows[k].kind == ITEM_NOTE; k++)
				md_note(out, r, &rows[k]);
		}
		if (hop->ordered) {
			strbuf_adds(out, "\n### Steps, in this order\n\n");
		} else {
			strbuf_adds(out, "\n### Steps, in any order\n\n");
			text_add_md(out, hop->order_note);
			strbuf_adds(out, "\n\n");
		}
		for (; k < n; k++) {
			if (rows[k].kind == ITEM_NOTE)
				md_note(out, r, &rows[k]);
			else
				md_step(out, r, &rows[k]);
		}
	}
	if (r->s) {
		strbuf_adds(out, "\n## Timeline\n\n");
		if (!r->nevents)
			strbuf_adds(out, "Nothing recorded yet.\n");
		else
			strbuf_adds(out, "| Time | Item | Action | By | Text |\n|---|---|---|---|---|\n");
		for (size_t i = 0; i < r->nevents; i++) {
			const struct journal_event *e = &r->events[i];
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s@%s", e->operator_name, e->host);
			strbuf_adds(out, "| ");
			md_cell(out, e->time);
			strbuf_adds(out, " | ");
			md_id(out, e->item);
			strbuf_addf(out, " | %s%s | ", event_action_name(e->action), e->forced ? " **FORCED**" : "");
			md_cell(out, strbuf_str(&sb));
			strbuf_adds(out, " | ");
			md_cell(out, e->text);
			strbuf_adds(out, " |\n");
		}
	}
	strbuf_release(&sb);
	free(rows);
}

/* ================================ HTML ================================ */

static const char html_style[] =
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;"
	"background:#fff;margin:0 auto;max-width:60rem;padding:1rem}"
	"h1{font-size:1.45rem;margin:.2rem 0 1rem}"
	"h2{font-size:1.2rem;border-bottom:2px solid #333;margin-top:2rem}"
	"h3{font-size:1.02rem;margin:1.2rem 0 .4rem}"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0}"
	"th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere}"
	"th{background:#eee}td.n{text-align:right}"
	"ul.items{list-style:none;padding:0;margin:0}"
	"ul.items>li{border-left:5px solid #999;padding:.35rem .7rem;margin:.55rem 0;"
	"background:#fafafa}"
	"li.done{border-color:#1a7f37!important}li.skipped{border-color:#b08800!important}"
	"li.forced{border-color:#a0a!important}"
	".box{font-family:ui-monospace,monospace;font-weight:bold}"
	"code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}"
	"pre{background:#f0f0f0;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}"
	".id,.meta{color:#555;font-size:.88em}.state{margin-top:.3rem}"
	".warning{color:#a00;font-weight:bold}.forcedtag{color:#a0a;font-weight:bold}"
	"@media print{body{max-width:none;font-size:10.5pt;padding:0}"
	"h2{page-break-after:avoid}ul.items>li{page-break-inside:avoid;background:none}"
	"th{background:none}}";

static void html_esc(struct strbuf *out, const char *s)
{
	text_add_html(out, s, 1);
}

static void html_list(struct strbuf *out, const struct content_strings *l)
{
	if (!l->count)
		return;
	strbuf_adds(out, "<ul>");
	for (size_t i = 0; i < l->count; i++) {
		strbuf_adds(out, "<li>");
		html_esc(out, l->items[i]);
		strbuf_adds(out, "</li>");
	}
	strbuf_adds(out, "</ul>\n");
}

/* The hosts as nested lists: level 0 a line, 1 a host, 2 a note on it; -1 closes all. */
struct html_emit {
	struct strbuf *out;
	int depth;          /* lists open */
	bool li[3];         /* an item open in the list at each depth */
};

static void html_emit(void *ctx, int level, const char *line)
{
	struct html_emit *h = ctx;
	int target = level < 0 ? 0 : level + 1;

	while (h->depth > target) {
		if (h->li[h->depth - 1])
			strbuf_adds(h->out, "</li>");
		strbuf_adds(h->out, "</ul>");
		h->depth--;
	}
	if (level < 0)
		return;
	if (h->depth == target && h->li[h->depth - 1])
		strbuf_adds(h->out, "</li>");
	while (h->depth < target) {
		strbuf_adds(h->out, "<ul>");
		h->li[h->depth++] = false;
	}
	strbuf_adds(h->out, "<li>");
	h->li[h->depth - 1] = true;
	html_esc(h->out, line);
}

static void html_state(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct session_item *it = state_of(r, row);
	struct strbuf sb = STRBUF_INIT;

	if (!it)
		return;
	strbuf_adds(out, "<div class=\"state\">");
	{
		struct state_facts f;
		state_facts(it, &f);
		strbuf_adds(out, f.strong ? "<strong>" : "<em>");
		html_esc(out, strbuf_str(&f.head));
		strbuf_adds(out, f.strong ? "</strong>" : "</em>");
		if (f.forced)
			strbuf_adds(out, " <span class=\"forcedtag\">FORCED</span>");
		if (f.label) {
			strbuf_addf(out, "; %s: ", f.label);
			html_esc(out, f.text);
		}
		if (f.undone.len) {
			strbuf_addc(out, ' ');
			html_esc(out, strbuf_str(&f.undone));
		}
		state_facts_release(&f);
	}
	if (it->branch) {
		strbuf_adds(out, "<br>branch taken: <code>");
		html_esc(out, it->branch);
		strbuf_adds(out, "</code>");
	}
	if (it->changed_since_done)
		strbuf_adds(out, "<br><span class=\"warning\">! the content of this item changed "
				 "after it was done</span>");
	if (it->drift == DRIFT_REMOVED)
		strbuf_adds(out, "<br>no longer in the content");
	if (it->drift == DRIFT_ADDED)
		strbuf_adds(out, "<br>new: added to the content after the session was planned");
	for (long e = r->first_note[row->si]; e >= 0; e = r->next_note[e]) {
		const struct journal_event *ev = &r->events[e];
		strbuf_adds(out, "<br>note by ");
		html_esc(out, ev->operator_name);
		strbuf_addc(out, '@');
		html_esc(out, ev->host);
		strbuf_adds(out, " at ");
		html_esc(out, ev->time);
		strbuf_adds(out, ": ");
		html_esc(out, ev->text);
	}
	if (it->nhosts) {
		struct html_emit h = { out, 0, { false, false, false } };
		hosts_detail(r, row->si, html_emit, &h);
		html_emit(&h, -1, NULL);
	}
	strbuf_adds(out, "</div>");
	strbuf_release(&sb);
}

static void html_open_item(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct session_item *it = state_of(r, row);

	strbuf_addf(out, "<li class=\"%s\"><span class=\"box\">%s</span> ", state_class(it),
		    text_box(r, row));
}

static void html_note(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct content_note *n = row->note;
	char aud[128];

	html_open_item(out, r, row);
	if (!n) {
		strbuf_adds(out, "<code>");
		html_esc(out, row->id);
		strbuf_adds(out, "</code> (no longer in the content)");
		html_state(out, r, row);
		strbuf_adds(out, "</li>\n");
		return;
	}
	audience_names(n->audience, aud, sizeof(aud));
	strbuf_adds(out, "<strong>");
	html_esc(out, n->title);
	strbuf_addf(out, "</strong> <span class=\"id\">%s, for: %s</span>", n->full_id, aud);
	html_state(out, r, row);
	strbuf_adds(out, "<p>");
	html_esc(out, n->text);
	strbuf_adds(out, "</p>");
	html_list(out, &n->points);
	if (n->code) {
		struct strbuf plain = STRBUF_INIT;
		text_add_plain(&plain, n->code, 1);
		strbuf_adds(out, "<pre>");
		for (const char *p = strbuf_str(&plain); *p; p++) {
			char one[2] = { *p, 0 };
			if (*p == '\n' || *p == '\t')
				strbuf_addc(out, *p);
			else
				text_add_html(out, one, 0);
		}
		strbuf_adds(out, "</pre>");
		strbuf_release(&plain);
	}
	strbuf_adds(out, "</li>\n");
}

static void html_step(struct strbuf *out, const struct report *r, const struct row *row)
{
	const struct content_step *s = row->step;
	const struct session_item *it = state_of(r, row);

	html_open_item(out, r, row);
	if (!s) {
		strbuf_adds(out, "<code>");
		html_esc(out, row->id);
		strbuf_adds(out, "</code> (no longer in the content)");
		html_state(out, r, row);
		strbuf_adds(out, "</li>\n");
		return;
	}
	strbuf_addf(out, "<strong>%zu.</strong> ", row->number);
	html_esc(out, s->text);
	strbuf_addf(out, " <span class=\"id\">%s (%s)</span>", s->full_id, role_name(s->role));
	html_state(out, r, row);
	if (s->detail) {
		strbuf_adds(out, "<p>");
		html_esc(out, s->detail);
		strbuf_adds(out, "</p>");
	}
	html_list(out, &s->points);
	if (s->flags.count) {
		strbuf_adds(out, "<p>Flags:");
		for (size_t k = 0; k < s->flags.count; k++) {
			strbuf_adds(out, " <code>");
			html_esc(out, s->flags.items[k]);
			strbuf_adds(out, "</code>");
		}
		strbuf_adds(out, "</p>");
	}
	if (s->nlanguages) {
		strbuf_adds(out, "<ul>");
		for (size_t k = 0; k < s->nlanguages; k++) {
			strbuf_adds(out, "<li><strong>");
			html_esc(out, s->languages[k].language);
			strbuf_adds(out, ":</strong> ");
			html_esc(out, s->languages[k].text);
			strbuf_adds(out, "</li>");
		}
		strbuf_adds(out, "</ul>");
	}
	if (s->nbranches) {
		strbuf_adds(out, "<p>Choose one:</p><ul>");
		for (size_t k = 0; k < s->nbranches; k++) {
			const struct content_branch *b = &s->branches[k];
			bool taken = it && it->branch && !strcmp(it->branch, b->id);
			strbuf_addf(out, "<li><span class=\"box\">(%c)</span> <code>", taken ? '*' : ' ');
			html_esc(out, b->id);
			strbuf_adds(out, "</code> <strong>");
			html_esc(out, b->title);
			strbuf_adds(out, "</strong>");
			html_list(out, &b->points);
			strbuf_adds(out, "</li>");
		}
		strbuf_adds(out, "</ul>");
	}
	if (s->warning) {
		strbuf_adds(out, "<p class=\"warning\">Warning: ");
		html_esc(out, s->warning);
		strbuf_adds(out, "</p>");
	}
	strbuf_adds(out, "</li>\n");
}

static void html_row(struct strbuf *out, const char *key, const char *value)
{
	strbuf_addf(out, "<tr><th>%s</th><td>", key);
	html_esc(out, value);
	strbuf_adds(out, "</td></tr>\n");
}

static void render_html(struct strbuf *out, const struct report *r)
{
	const struct plan *p = r->plan;
	const struct content *c = p->content;
	struct row *rows = calloc(max_rows(r), sizeof(*rows));
	struct strbuf sb = STRBUF_INIT, title = STRBUF_INIT;
	char from[32], to[32];

	if (!rows) {
		out->failed = true;
		return;
	}
	version_str(&p->from, from, sizeof(from));
	version_str(&p->to, to, sizeof(to));
	if (r->s)
		strbuf_addf(&title, "%s upgrade record: %s → %s, session %lld", c->product, from, to,
			    (long long)r->s->info.id);
	else
		strbuf_addf(&title, "%s upgrade plan: %s → %s", c->product, from, to);
	strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<title>");
	html_esc(out, strbuf_str(&title));
	strbuf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", html_style);
	html_esc(out, strbuf_str(&title));
	strbuf_adds(out, "</h1>\n");
	if (!r->s) {
		strbuf_addf(&sb, "%zu hop%s, %zu note%s to read, %zu step%s. Content %s, from %s.",
			    p->nhops, p->nhops == 1 ? "" : "s", p->nnotes, p->nnotes == 1 ? "" : "s",
			    p->nsteps, p->nsteps == 1 ? "" : "s", c->version, c->source);
		strbuf_adds(out, "<p class=\"meta\">");
		html_esc(out, strbuf_str(&sb));
		strbuf_adds(out, "</p>\n");
	} else {
		const struct session *s = r->s;
		strbuf_adds(out, "<table>\n");
		if (*s->info.title)
			html_row(out, "Title", s->info.title);
		html_row(out, "Status", s->finished ? "finished" : "open (not finished)");
		strbuf_reset(&sb);
		span(&sb, s->info.created, s->finished_at, r->seconds);
		html_row(out, "Time", strbuf_str(&sb));
		strbuf_reset(&sb);
		for (size_t i = 0; i < r->noperators; i++)
			strbuf_addf(&sb, "%s%s@%s", i ? ", " : "", r->operators[i].name, r->operators[i].host);
		html_row(out, "Operators", strbuf_str(&sb));
		strbuf_reset(&sb);
		content_words(&sb, s);
		html_row(out, "Content", strbuf_str(&sb));
		html_row(out, "Generated", r->generated);
		strbuf_adds(out, "</table>\n<h2>Totals</h2>\n<table>\n<tr><th>Hop</th><th>Items</th>"
				 "<th>Done</th><th>Skipped</th><th>Pending</th><th>Forced</th>"
				 "<th>Took</th></tr>\n");
		for (size_t h = 0; h <= p->nhops; h++) {
			bool all = h == p->nhops;
			const struct report_hop *rh = all ? NULL : &r->hops[h];
			long secs = all ? r->seconds : rh->seconds;
			char d[48] = "";
			if (secs >= 0)
				report_duration(secs, d, sizeof(d));
			strbuf_addf(out, "<tr><td>%s</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				    "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				    "<td class=\"n\">%zu</td><td>%s</td></tr>\n",
				    all ? "<strong>all</strong>" : p->hops[h].id,
				    all ? session_total(s) : rh->total,
				    all ? s->ndone : rh->done, all ? s->nskipped : rh->skipped,
				    all ? s->npending : rh->pending, all ? s->nforced : rh->forced,
				    secs >= 0 ? d : (all || rh->started) ? "not finished" : "not started");
		}
		strbuf_adds(out, "</table>\n");
	}
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		size_t n = hop_rows(r, h, rows), k = 0;
		strbuf_addf(out, "<section>\n<h2>Hop %zu of %zu: %s → %s</h2>\n<p>", h + 1, p->nhops,
			    hop->from, hop->to);
		html_esc(out, hop->title);
		strbuf_adds(out, "</p>\n");
		if (r->s) {
			const struct report_hop *rh = &r->hops[h];
			strbuf_reset(&sb);
			span(&sb, rh->started, rh->finished, rh->seconds);
			strbuf_adds(&sb, "; ");
			totals_words(&sb, rh->total, rh->done, rh->skipped, rh->pending, rh->forced);
			strbuf_adds(out, "<p class=\"meta\">");
			html_esc(out, strbuf_str(&sb));
			strbuf_adds(out, "</p>\n");
		}
		if (n && rows[0].kind == ITEM_NOTE) {
			strbuf_adds(out, "<h3>Read first: incompatible changes</h3>\n<ul class=\"items\">\n");
			for (; k < n && rows[k].kind == ITEM_NOTE; k++)
				html_note(out, r, &rows[k]);
			strbuf_adds(out, "</ul>\n");
		}
		if (hop->ordered) {
			strbuf_adds(out, "<h3>Steps, in this order</h3>\n");
		} else {
			strbuf_adds(out, "<h3>Steps, in any order</h3>\n<p>");
			html_esc(out, hop->order_note);
			strbuf_adds(out, "</p>\n");
		}
		strbuf_adds(out, "<ul class=\"items\">\n");
		for (; k < n; k++) {
			if (rows[k].kind == ITEM_NOTE)
				html_note(out, r, &rows[k]);
			else
				html_step(out, r, &rows[k]);
		}
		strbuf_adds(out, "</ul>\n</section>\n");
	}
	if (r->s) {
		strbuf_adds(out, "<h2>Timeline</h2>\n");
		if (!r->nevents)
			strbuf_adds(out, "<p>Nothing recorded yet.</p>\n");
		else
			strbuf_adds(out, "<table>\n<tr><th>Time</th><th>Item</th><th>Action</th>"
					 "<th>By</th><th>Text</th></tr>\n");
		for (size_t i = 0; i < r->nevents; i++) {
			const struct journal_event *e = &r->events[i];
			strbuf_adds(out, "<tr><td>");
			html_esc(out, e->time);
			strbuf_adds(out, "</td><td><code>");
			html_esc(out, e->item);
			strbuf_addf(out, "</code></td><td>%s%s</td><td>", event_action_name(e->action),
				    e->forced ? " <span class=\"forcedtag\">FORCED</span>" : "");
			html_esc(out, e->operator_name);
			strbuf_addc(out, '@');
			html_esc(out, e->host);
			strbuf_adds(out, "</td><td>");
			html_esc(out, e->text);
			strbuf_adds(out, "</td></tr>\n");
		}
		if (r->nevents)
			strbuf_adds(out, "</table>\n");
	}
	strbuf_adds(out, "</main>\n</body>\n</html>\n");
	strbuf_release(&sb);
	strbuf_release(&title);
	free(rows);
}

void document_render(struct strbuf *out, const struct report *r, enum render_format f)
{
	switch (f) {
	case FMT_TEXT: render_text(out, r); break;
	case FMT_MD: render_md(out, r); break;
	case FMT_HTML: render_html(out, r); break;
	case FMT_JSON: break; /* report.c and render_plan.c write JSON */
	}
}
