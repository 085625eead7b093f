/*
 * document_hosts.c - a per-host step's hosts in the document (document_emit.h):
 * their counts and span, each host's line and notes, the skipped ones by
 * reason. Written host by host: a step of 50,000 agents is streamed.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "document_emit.h"
#include "sorted_index.h"

/*
 * A time parsed, and the last one parsed: a step's hosts are mostly checked
 * off in the same few seconds, and parsing each host's time was a tenth of
 * a report of 50,000 hosts.
 */
struct parsed_time {
	const char *text;   /* NULL: none parsed yet */
	time_t t;
	bool ok;
};

static bool parse_time(struct parsed_time *p, const char *text)
{
	if (!p->text || strcmp(p->text, text)) {
		p->text = text;
		p->ok = clock_parse_iso(text, &p->t);
	}
	return p->ok;
}

/* The last time since the first check-off written, in words: most hosts' are the same. */
struct since_words {
	long seconds;       /* -1: none yet */
	char words[48];
};

/* " (+4m 30s)" after the first check-off @first (parsed), when @t parses too. */
static void since_first(struct strbuf *sb, const struct parsed_time *first,
			struct parsed_time *t, const char *text, struct since_words *w)
{
	if (first->text && first->ok && parse_time(t, text) && t->t >= first->t) {
		if ((long)(t->t - first->t) != w->seconds) {
			w->seconds = (long)(t->t - first->t);
			report_duration(w->seconds, w->words, sizeof(w->words));
		}
		strbuf_adds(sb, " (+");
		strbuf_adds(sb, w->words);
		strbuf_addc(sb, ')');
	}
}

static void host_line(struct strbuf *sb, const struct report *r, const struct session_item *h,
		      const struct parsed_time *first, struct parsed_time *last,
		      struct since_words *since)
{
	const struct journal_evidence *x;

	strbuf_adds(sb, h->host);
	strbuf_adds(sb, h->leader ? " (leader, last): " : ": ");
	if (h->state == ITEM_PENDING) {
		strbuf_adds(sb, "pending");
		return;
	}
	doc_who_when(sb, h);
	since_first(sb, first, last, h->last.time, since);
	if (h->branch) {
		strbuf_adds(sb, ", branch ");
		strbuf_adds(sb, h->branch);
	}
	if (h->forced)
		strbuf_adds(sb, ", FORCED");
	if (*h->last.text) {
		strbuf_adds(sb, h->state == ITEM_SKIPPED || h->forced ? "; reason: " : "; note: ");
		strbuf_adds(sb, h->last.text);
	}
	if (h->state == ITEM_DONE && (x = session_live_evidence(r->live, h->last.id)))
		strbuf_addf(sb, "; seen running %s at %s, %s", x->version, x->source, x->observed);
}

/* Groups of skipped hosts in the order of their first host (sorted_index keeps hosts in order). */
static int by_first_host(const void *a, const void *b)
{
	const struct sorted_index_entry *x = *(const struct sorted_index_entry *const *)a;
	const struct sorted_index_entry *y = *(const struct sorted_index_entry *const *)b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* A step's skipped hosts, in order, and each one's reason. */
struct skipped {
	const char **host, **reason;
	size_t n, cap;
	struct arena a;     /* the copies of a batch's, kept after it */
};

static bool skipped_add(struct skipped *k, const char *host, const char *reason, bool copy)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 64;
		const char **h = realloc(k->host, cap * sizeof(*h));
		if (h)
			k->host = h;
		const char **r = h ? realloc(k->reason, cap * sizeof(*r)) : NULL;
		if (!r)
			return false;
		k->reason = r;
		k->cap = cap;
	}
	k->host[k->n] = copy ? arena_strdup(&k->a, host) : host;
	k->reason[k->n] = copy ? arena_strdup(&k->a, reason) : reason;
	return k->host[k->n] && k->reason[k->n++];
}

static void skipped_release(struct skipped *k)
{
	free(k->host);
	free(k->reason);
	arena_release(&k->a);
}

/*
 * The skipped hosts @k grouped by reason: what a change manager asks
 * first. The groups come in the order of their first host, each with its
 * hosts in order: the hosts sorted by reason once (sorted_index, as the
 * wizard's summary groups them), not every host compared with every other.
 */
static void skipped_by_reason(struct doc *d, const struct skipped *k, struct strbuf *sb)
{
	struct sorted_index ix = SORTED_INDEX_INIT;
	const struct sorted_index_entry **groups = NULL;
	struct strbuf line = STRBUF_INIT;
	size_t ngroups = 0;

	if (!sorted_index_init(&ix, k->n + 1) || !(groups = malloc((k->n + 1) * sizeof(*groups)))) {
		d->out->failed = true; /* never a section dropped silently */
		goto out;
	}
	for (size_t i = 0; i < k->n; i++)
		sorted_index_add(&ix, k->reason[i], i);
	sorted_index_sort(&ix);
	for (size_t i = 0; i < ix.n; i++)
		if (!i || strcmp(ix.v[i].key, ix.v[i - 1].key))
			groups[ngroups++] = &ix.v[i];
	qsort(groups, ngroups, sizeof(*groups), by_first_host);
	for (size_t g = 0; g < ngroups; g++) {
		const struct sorted_index_entry *e = groups[g], *end = ix.v + ix.n;
		size_t count = 0;
		strbuf_reset(sb);
		for (; e < end && !strcmp(e->key, groups[g]->key); e++)
			strbuf_addf(sb, "%s%s", count++ ? ", " : "", k->host[e->pos]);
		strbuf_reset(&line);
		strbuf_addf(&line, "skipped because \"%s\": %zu host%s: %s", groups[g]->key, count,
			    count == 1 ? "" : "s", strbuf_str(sb));
		EMIT(d, hosts_line, 0, strbuf_str(&line));
	}
out:
	doc_scratch_release(d, &line);
	free(groups);
	sorted_index_release(&ix);
}

/* Whether step @si's hosts' items are not in d->s but read a batch at a time. */
static bool batched(const struct doc *d, size_t si)
{
	const struct session_item *step = &d->s->items[si];

	return d->hosts && step->nloaded < step->nhosts;
}

/*
 * The times of the first and last check-off, in the journal's order, of
 * step @si's hosts into @first and @last (empty: none): of d->s's items
 * after it, or, when they are read a batch at a time, from d->hosts->span
 * (one query, no host read; journal_host_span(), the same order). False
 * when it answered false: the document stops.
 */
static bool span_of(struct doc *d, size_t si, struct strbuf *first, struct strbuf *last)
{
	const struct session *s = d->s;
	const struct journal_event *a = NULL, *b = NULL;

	if (batched(d, si)) {
		if (!d->hosts->span(d->hosts->ctx, si, first, last))
			d->stop = true;
		return !d->stop;
	}
	for (size_t i = si + 1; i < s->nitems && s->items[i].host; i++) {
		const struct session_item *h = &s->items[i];
		if (h->state == ITEM_PENDING || !h->has_last)
			continue;
		if (!a || h->last.id < a->id)
			a = &h->last;
		if (!b || h->last.id > b->id)
			b = &h->last;
	}
	if (a) {
		strbuf_adds(first, a->time);
		strbuf_adds(last, b->time);
	}
	return true;
}

/* What writing a step's hosts' lines keeps from batch to batch. */
struct lines {
	struct parsed_time first_t, host_t;
	struct since_words since;
	struct strbuf sb;
	struct skipped skipped;
	bool copy;          /* the skipped hosts' names and reasons copied: batches go */
};

/* Each host of @v's items [from, to) with its state, who, when and how long after the first, its notes. */
static void host_lines(struct doc *d, const struct document_view *v, size_t from, size_t to,
		       struct lines *l)
{
	const struct report *r = d->r;

	for (size_t i = from; i < to; i++) {
		const struct session_item *h = &v->s->items[i];
		strbuf_reset(&l->sb);
		host_line(&l->sb, r, h, &l->first_t, &l->host_t, &l->since);
		EMIT(d, hosts_line, 1, strbuf_str(&l->sb));
		strbuf_drain(d->out); /* a step of 10,000 hosts is streamed host by host */
		for (long e = v->first_note[i]; e >= 0; e = v->next_note[e]) {
			struct journal_event ev;
			report_note(r, (size_t)e, &ev);
			strbuf_reset(&l->sb);
			strbuf_addf(&l->sb, "note by %s@%s at %s: %s", ev.operator_name, ev.host,
				    ev.time, ev.text);
			EMIT(d, hosts_line, 2, strbuf_str(&l->sb));
		}
		if (h->state == ITEM_SKIPPED &&
		    !skipped_add(&l->skipped, h->host, h->last.text, l->copy))
			d->out->failed = true;
	}
	l->host_t.text = NULL; /* (its text may be the batch's) */
}

/*
 * The lines of step @si's hosts: of d->s's items after it, or of each batch
 * d->hosts gives (its items after item 0), its notes linked. False when a
 * batch was not read: the document stops.
 */
static bool each_host(struct doc *d, size_t si, struct lines *l)
{
	const struct session *s = d->s;
	size_t first = 0, next, to = si + 1;

	if (!batched(d, si)) {
		struct document_view v = { s, d->first_note, d->next_note, NULL, NULL };
		while (to < s->nitems && s->items[to].host)
			to++;
		host_lines(d, &v, si + 1, to, l);
		return true;
	}
	do {
		const struct session *b = d->hosts->batch(d->hosts->ctx, si, first, &next);
		if (!b || !document_view_link(&d->batch, d->r, b, d->out)) {
			d->stop = true;
			return false;
		}
		host_lines(d, &d->batch, 1, b->nitems, l);
		first = next;
	} while (next);
	return true;
}

/*
 * The hosts of per-host step @si: counts, the span from the first check-off
 * to the last in the journal's order (the times they recorded), each host with its state, who, when and how long after the
 * step's first host it was done, its notes, and the skipped hosts by reason.
 * The hosts d->s lacks are read once, a batch at a time, after their span
 * is read on its own (journal_host_span()).
 */
void doc_hosts_detail(struct doc *d, size_t si)
{
	const struct session_item *step = &d->s->items[si];
	struct strbuf first = STRBUF_INIT, last = STRBUF_INIT;
	struct lines l = { .sb = STRBUF_INIT, .copy = batched(d, si), .since.seconds = -1 };
	size_t pending = step->nhosts - step->hosts_done - step->hosts_skipped;

	/* no host resolved: no span, and none read for it */
	if (step->hosts_done + step->hosts_skipped && !span_of(d, si, &first, &last))
		goto out;
	strbuf_addf(&l.sb, "hosts: %zu done, %zu skipped, %zu pending of %zu", step->hosts_done,
		    step->hosts_skipped, pending, step->nhosts);
	if (first.len) {
		time_t a, b;
		char dur[48];
		const char *took = "?";
		if (clock_parse_iso(strbuf_str(&first), &a) &&
		    clock_parse_iso(strbuf_str(&last), &b)) {
			/* the last recorded before the first: a clock set back, no duration made up */
			took = b < a ? "clock set back" : dur;
			if (b >= a)
				report_duration((long)(b - a), dur, sizeof(dur));
		}
		strbuf_addf(&l.sb, "; first check-off %s, last %s (%s)", strbuf_str(&first),
			    strbuf_str(&last), took);
		parse_time(&l.first_t, strbuf_str(&first));
	}
	EMIT(d, hosts_line, 0, strbuf_str(&l.sb));
	if (each_host(d, si, &l) && step->hosts_skipped)
		skipped_by_reason(d, &l.skipped, &l.sb);
out:
	skipped_release(&l.skipped);
	doc_scratch_release(d, &l.sb);
	strbuf_release(&first);
	strbuf_release(&last);
}
