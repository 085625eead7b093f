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

/* " (+4m 30s)" after the first check-off @first (parsed), when @t parses too. */
static void since_first(struct strbuf *sb, const struct parsed_time *first,
			struct parsed_time *t, const char *text)
{
	char d[48];

	if (first->text && first->ok && parse_time(t, text) && t->t >= first->t) {
		report_duration((long)(t->t - first->t), d, sizeof(d));
		strbuf_adds(sb, " (+");
		strbuf_adds(sb, d);
		strbuf_addc(sb, ')');
	}
}

static void host_line(struct strbuf *sb, const struct report *r, const struct session_item *h,
		      const struct parsed_time *first, struct parsed_time *last)
{
	const struct journal_evidence *x;

	strbuf_adds(sb, h->host);
	strbuf_adds(sb, h->leader ? " (leader, last): " : ": ");
	if (h->state == ITEM_PENDING) {
		strbuf_adds(sb, "pending");
		return;
	}
	doc_who_when(sb, h);
	since_first(sb, first, last, h->last.time);
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

/*
 * The skipped hosts of step @si grouped by reason: what a change manager
 * asks first. The groups come in the order of their first host, each with
 * its hosts in order: the hosts sorted by reason once (sorted_index, as the
 * wizard's summary groups them), not every host compared with every other.
 */
static void skipped_by_reason(struct doc *d, size_t si, struct strbuf *sb)
{
	const struct session *s = d->s;
	struct sorted_index ix = SORTED_INDEX_INIT;
	const struct sorted_index_entry **groups = NULL;
	struct strbuf line = STRBUF_INIT;
	size_t ngroups = 0;

	if (!sorted_index_init(&ix, s->items[si].nhosts + 1) ||
	    !(groups = malloc((s->items[si].nhosts + 1) * sizeof(*groups)))) {
		d->out->failed = true; /* never a section dropped silently */
		goto out;
	}
	for (size_t i = si + 1; i < s->nitems && s->items[i].host; i++)
		if (s->items[i].state == ITEM_SKIPPED)
			sorted_index_add(&ix, s->items[i].last.text, i);
	sorted_index_sort(&ix);
	for (size_t k = 0; k < ix.n; k++)
		if (!k || strcmp(ix.v[k].key, ix.v[k - 1].key))
			groups[ngroups++] = &ix.v[k];
	qsort(groups, ngroups, sizeof(*groups), by_first_host);
	for (size_t g = 0; g < ngroups; g++) {
		const struct sorted_index_entry *e = groups[g], *end = ix.v + ix.n;
		size_t count = 0;
		strbuf_reset(sb);
		for (; e < end && !strcmp(e->key, groups[g]->key); e++)
			strbuf_addf(sb, "%s%s", count++ ? ", " : "", s->items[e->pos].host);
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

/*
 * The hosts of per-host step @si: counts, the span from the first check-off
 * to the last, each host with its state, who, when and how long after the
 * step's first host it was done, its notes, and the skipped hosts by reason.
 */
void doc_hosts_detail(struct doc *d, size_t si)
{
	const struct report *r = d->r;
	const struct session *s = d->s;
	const struct session_item *step = &s->items[si];
	const char *first = NULL, *last = NULL;
	struct parsed_time first_t = { 0 }, host_t = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t pending = step->nhosts - step->hosts_done - step->hosts_skipped;

	for (size_t i = si + 1; i < s->nitems && s->items[i].host; i++) {
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
		char took[48] = "?";
		if (clock_parse_iso(first, &a) && clock_parse_iso(last, &b) && b >= a)
			report_duration((long)(b - a), took, sizeof(took));
		strbuf_addf(&sb, "; first check-off %s, last %s (%s)", first, last, took);
	}
	EMIT(d, hosts_line, 0, strbuf_str(&sb));
	if (first)
		parse_time(&first_t, first);
	for (size_t i = si + 1; i < s->nitems && s->items[i].host; i++) {
		strbuf_reset(&sb);
		host_line(&sb, r, &s->items[i], &first_t, &host_t);
		EMIT(d, hosts_line, 1, strbuf_str(&sb));
		strbuf_drain(d->out); /* a step of 10,000 hosts is streamed host by host */
		for (long e = d->first_note[i]; e >= 0; e = d->next_note[e]) {
			struct journal_event ev;
			report_note(r, (size_t)e, &ev);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "note by %s@%s at %s: %s", ev.operator_name, ev.host,
				    ev.time, ev.text);
			EMIT(d, hosts_line, 2, strbuf_str(&sb));
		}
	}
	if (step->hosts_skipped)
		skipped_by_reason(d, si, &sb);
	doc_scratch_release(d, &sb);
}
