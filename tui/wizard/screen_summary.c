/*
 * screen_summary.c - what a hop (or the whole session) came to, shown when
 * a check-off made here resolves its last item: how long it took, what was
 * done, skipped and forced (each skip and override with its reason), and
 * the skipped hosts grouped by reason. The session's offers the export (e).
 *
 * The text is put together when the screen opens and at each reload (a
 * check-off, here or elsewhere, may change it), never while drawing.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "clock.h"
#include "draw.h"
#include "sorted_index.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

#define NAMES_MAX 20   /* the hosts named for one reason; the others counted */

struct summary {
	struct pager base;
	size_t hop;            /* SESSION_CLOCK_ALL: the whole session */
	struct strbuf text;    /* paragraphs, one a line; a line starting with TAB is indented */
	struct session *own;   /* the session read for it, when w->s lacks hosts it counts */
};

#define SUM(sc) ((struct summary *)(sc))

/* Whether item @it counts in the summary of @hop. */
static bool in_scope(const struct summary *m, const struct session_item *it)
{
	/* a per-host step is its hosts; an item no longer in the content is no work done */
	return (m->hop == SESSION_CLOCK_ALL || it->hop == m->hop) && !it->nhosts &&
	       it->drift != DRIFT_REMOVED;
}

static void took(const struct wizard *w, size_t hop, struct strbuf *out)
{
	long secs = session_clock_seconds(&w->clock, hop, clock_now());
	const struct session_clock_hop *h = hop == SESSION_CLOCK_ALL ? NULL : &w->clock.hops[hop];
	char d[24], iso[CLOCK_ISO_LEN + 1], a[TIMEFMT_LEN], b[TIMEFMT_LEN];
	bool finished = h ? h->finished : w->clock.finished;

	if (secs < 0 && !finished) {
		strbuf_adds(out, "No check-off was timed.\n");
		return;
	}
	clock_iso(h ? h->start : w->clock.start, iso);
	time_local(iso, a, sizeof(a));
	clock_iso(h ? h->end : w->clock.end, iso);
	time_local(iso, b, sizeof(b));
	if (secs < 0) { /* its last check-off recorded before its first */
		strbuf_addf(out, "Its last check-off, %s, was recorded before its first, %s:"
			    " the clock was set back.\n", b, a);
		return;
	}
	session_clock_words(secs, d, sizeof(d));
	strbuf_addf(out, "It took %s: from its first check-off, %s, to its last, %s.\n", d, a, b);
}

/* Done, skipped, forced: counted by kind (notes, steps, hosts). */
static void counts(const struct summary *m, const struct session *s, struct strbuf *out)
{
	size_t n[3][3] = { { 0 } }, forced = 0; /* [done, skipped, all][note, step, host] */
	static const char *const kinds[3] = { "note", "step", "host" };

	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		int k = it->host ? 2 : it->kind == ITEM_NOTE ? 0 : 1;
		if (!in_scope(m, it) || it->state == ITEM_PENDING)
			continue;
		n[it->state == ITEM_DONE ? 0 : 1][k]++;
		n[2][k]++;
		forced += it->forced;
	}
	for (int st = 0; st < 2; st++) {
		size_t all = n[st][0] + n[st][1] + n[st][2];
		bool first = true;
		strbuf_addf(out, "%s: %zu", st ? "Skipped" : "Done", all);
		for (int k = 0; k < 3 && all; k++) {
			if (!n[st][k])
				continue;
			strbuf_addf(out, "%s%zu %s%s", first ? " (" : ", ", n[st][k], kinds[k],
				    n[st][k] == 1 ? "" : "s");
			first = false;
		}
		strbuf_adds(out, all ? ").\n" : ".\n");
	}
	strbuf_addf(out, "Forced (a rule overridden): %zu.\n", forced);
}

/* Each item (not a host) skipped or forced, with its reason. */
static void reasons(const struct summary *m, const struct session *s, bool forced,
		    struct strbuf *out)
{
	bool any = false;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (!in_scope(m, it) || it->state == ITEM_PENDING ||
		    (forced ? !it->forced : it->host || it->state != ITEM_SKIPPED))
			continue;
		if (!any)
			strbuf_adds(out, forced ? "\nForced, with the reason:\n"
					       : "\nSkipped, with the reason:\n");
		any = true;
		strbuf_addf(out, "\t%s: ", it->id);
		text_add_plain(out, it->last.text, 0);
		strbuf_addc(out, '\n');
	}
}

/* The skipped hosts, grouped by their reason (in the order of the hosts). */
static void hosts_by_reason(const struct summary *m, const struct session *s, struct strbuf *out)
{
	struct sorted_index ix = SORTED_INDEX_INIT;

	if (!sorted_index_init(&ix, s->nitems + 1)) {
		strbuf_adds(out, "\n(Out of memory: the skipped hosts cannot be listed.)\n");
		return;
	}
	for (size_t i = 0; i < s->nitems; i++)
		if (in_scope(m, &s->items[i]) && s->items[i].host &&
		    s->items[i].state == ITEM_SKIPPED)
			sorted_index_add(&ix, s->items[i].last.text, i);
	sorted_index_sort(&ix);
	if (ix.n)
		strbuf_adds(out, "\nSkipped hosts, by reason:\n");
	for (size_t k = 0; k < ix.n;) {
		size_t end = k;
		while (end < ix.n && !strcmp(ix.v[end].key, ix.v[k].key))
			end++;
		strbuf_adds(out, "\t");
		text_add_plain(out, ix.v[k].key, 0);
		strbuf_addf(out, " (%zu): ", end - k);
		for (size_t j = k; j < end && j < k + NAMES_MAX; j++) {
			strbuf_adds(out, j > k ? ", " : "");
			text_add_plain(out, s->items[ix.v[j].pos].host, 0);
		}
		if (end - k > NAMES_MAX)
			strbuf_addf(out, " and %zu more", end - k - NAMES_MAX);
		strbuf_addc(out, '\n');
		k = end;
	}
	sorted_index_release(&ix);
}

/*
 * The session the summary counts: w->s, unless it lacks hosts' items of
 * the summary's scope (a view of another hop's agents: session_load_view());
 * then one read for it, the whole session's for the session's summary.
 */
static const struct session *counted(struct summary *m, struct wizard *w)
{
	struct diag_list dl = DIAG_LIST_INIT;

	session_free(&m->own);
	/* (SESSION_CLOCK_ALL, the whole session's summary, is SESSION_ALL_HOPS) */
	if (session_hosts_read(w->s, m->hop == SESSION_CLOCK_ALL ? SESSION_ALL_HOPS : m->hop))
		return w->s;
	if ((m->hop == SESSION_CLOCK_ALL
	     ? session_load(w->journal, w->content, w->s->info.id, &m->own, &dl)
	     : session_load_view(w->journal, w->content, w->s->info.id, m->hop, &m->own, &dl))
	    != ST_OK) {
		strbuf_addf(&m->text, "(The hosts cannot be counted: %s.)\n", diag_first(&dl));
		session_free(&m->own);
	}
	diag_list_release(&dl);
	return m->own ? m->own : w->s;
}

static void summary_reload(struct screen *sc, struct wizard *w)
{
	struct summary *m = SUM(sc);
	const struct session *s;
	char d[24];

	strbuf_reset(&m->text);
	s = counted(m, w);
	if (m->hop == SESSION_CLOCK_ALL) {
		if (s->finished)
			strbuf_addf(&m->text, "Session %lld is finished: every item of its %zu "
				    "hop%s is done or skipped.\n", (long long)s->info.id,
				    s->plan.nhops, s->plan.nhops == 1 ? "" : "s");
		else
			strbuf_addf(&m->text, "Session %lld is no longer finished (an item was "
				    "undone).\n", (long long)s->info.id);
		took(w, SESSION_CLOCK_ALL, &m->text);
		for (size_t h = 0; h < s->plan.nhops && h < w->clock.nhops; h++) {
			long secs = session_clock_seconds(&w->clock, h, clock_now());
			session_clock_words(secs, d, sizeof(d));
			if (secs < 0 && w->clock.hops[h].finished) /* its last before its first */
				strbuf_addf(&m->text, "\t%s -> %s: no time, the clock was set back\n",
					    s->plan.hops[h].from, s->plan.hops[h].to);
			else
				strbuf_addf(&m->text, "\t%s -> %s took %s\n", s->plan.hops[h].from,
					    s->plan.hops[h].to, d);
		}
	} else {
		const struct content_hop *hop = &s->plan.hops[m->hop];
		bool done = m->hop < w->clock.nhops && w->clock.hops[m->hop].finished;
		strbuf_addf(&m->text, "Hop %s -> %s is %s.\n", hop->from, hop->to,
			    done ? "finished: every item is done or skipped"
				 : "no longer finished (an item was undone)");
		took(w, m->hop, &m->text);
	}
	strbuf_addc(&m->text, '\n');
	counts(m, s, &m->text);
	reasons(m, s, false, &m->text);
	reasons(m, s, true, &m->text);
	hosts_by_reason(m, s, &m->text);
	strbuf_addf(&m->text, "\n%s", m->hop == SESSION_CLOCK_ALL
		    ? "e exports a report of the session: Markdown for the change ticket, HTML, "
		      "JSON or text. Esc goes back to the checklist.\n"
		    : "Esc goes back to the checklist, on the next hop.\n");
}

static void summary_release(struct screen *sc)
{
	strbuf_release(&SUM(sc)->text);
	session_free(&SUM(sc)->own);
}

static void build(const struct pager *p, const struct wizard *w, int width, struct lines *L)
{
	const char *s = strbuf_str(&((const struct summary *)p)->text);

	(void)w;
	while (*s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		struct strbuf line = STRBUF_INIT;
		bool indent = *s == '\t';
		strbuf_addf(&line, "%.*s", (int)(len - indent), s + indent);
		if (!line.len)
			lines_blank(L);
		else
			lines_wrap(L, A_NORMAL, indent ? "   " : " ", strbuf_str(&line),
				   indent ? 5 : 1, width);
		strbuf_release(&line);
		s += len + (end != NULL);
	}
}

static void title_of(const struct pager *p, const struct wizard *w, struct strbuf *out)
{
	const struct summary *m = (const struct summary *)p;

	if (m->hop == SESSION_CLOCK_ALL)
		strbuf_addf(out, " Session %lld: the summary", (long long)w->s->info.id);
	else
		strbuf_addf(out, " Hop %s -> %s: the summary", w->s->plan.hops[m->hop].from,
			    w->s->plan.hops[m->hop].to);
}

static struct result summary_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	if (a == ACT_EXPORT)
		return wizard_export(w, sc);
	return pager_key(sc, w, a, key);
}

static const struct pager_kind summary_kind = {
	.ops = { .keys = &keymap_summary, .enter = summary_reload, .draw = pager_draw,
		 .key = summary_key, .reload = summary_reload, .release = summary_release },
	.title_of = title_of, .build = build, .hints = " e export  Up/Down scroll  Esc back ",
};

struct screen *summary_screen_new(size_t hop)
{
	struct summary *m = (struct summary *)pager_new(sizeof(struct summary), &summary_kind);

	if (m) {
		m->hop = hop;
		strbuf_init(&m->text);
	}
	return (struct screen *)m;
}
