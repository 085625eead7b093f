/*
 * screen_detail.c - one item (a note, a step, a host of a step): its whole
 * text and its history, newest first, each event in full (skip reasons,
 * notes, who, where and when).
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "term.h"
#include "wizard.h"

/* An event kept past the journal's callback: its strings owned here. */
struct owned_event {
	struct journal_event e;
	char *s[5];     /* item, operator, host, time, text */
};

struct detail_screen {
	struct pager base;
	size_t item;
	struct owned_event *events;     /* the history, newest first */
	size_t nevents;
	struct diag_list failure;       /* why the history could not be read, when it could not */
};

#define DS(sc) ((struct detail_screen *)(sc))
#define CDS(sc) ((const struct detail_screen *)(sc))

static void free_events(struct detail_screen *d)
{
	for (size_t i = 0; i < d->nevents; i++)
		for (int k = 0; k < 5; k++)
			free(d->events[i].s[k]);
	free(d->events);
	d->events = NULL;
	d->nevents = 0;
}

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static bool keep_event(void *ctx, const struct journal_event *e)
{
	struct detail_screen *d = ctx;
	struct owned_event *p = realloc(d->events, (d->nevents + 1) * sizeof(*p)), *o;

	if (!p)
		return false;
	d->events = p;
	o = &p[d->nevents++];
	o->e = *e;
	o->e.item = o->s[0] = dup(e->item);
	o->e.operator_name = o->s[1] = dup(e->operator_name);
	o->e.host = o->s[2] = dup(e->host);
	o->e.time = o->s[3] = dup(e->time);
	o->e.text = o->s[4] = dup(e->text);
	o->e.digest = NULL;
	return o->s[0] && o->s[1] && o->s[2] && o->s[3] && o->s[4];
}

/* The history is read here, never while drawing. */
static void detail_reload(struct screen *sc, struct wizard *w)
{
	struct detail_screen *d = DS(sc);

	enum status st;

	free_events(d);
	diag_list_reset(&d->failure);
	st = journal_events(w->journal, w->s->info.id, w->s->items[d->item].id, true, 500,
			    keep_event, d);
	if (st != ST_OK)
		journal_report(w->journal, st, &d->failure);
}

static void build(const struct pager *p, const struct wizard *w, int width, struct lines *L)
{
	const struct detail_screen *d = CDS(p);

	item_text(w, d->item, width, true, L);
	lines_blank(L);
	lines_add(L, term_attr_of(TA_HEADING), "History, newest first", 21);
	if (d->failure.count)
		lines_wrap(L, term_attr_of(TA_ERROR), "", d->failure.items[0].message, 0, width);
	else if (!d->nevents)
		lines_add(L, term_attr_of(TA_DIM), "  nothing recorded yet", 23);
	for (size_t i = 0; i < d->nevents; i++) {
		const struct journal_event *e = &d->events[i].e;
		item_event_line(L, width, 2, event_action_past(e->action), e,
				e->forced ? term_attr_of(TA_FORCED) : A_NORMAL);
	}
}

static void title(const struct pager *p, const struct wizard *w, struct strbuf *out)
{
	strbuf_addf(out, " %s: detail and history", w->s->items[CDS(p)->item].id);
}

static void detail_release(struct screen *sc)
{
	free_events(DS(sc));
	diag_list_release(&DS(sc)->failure);
}

static const struct pager_kind detail_kind = {
	.ops = { .keys = &keymap_detail, .enter = detail_reload, .draw = pager_draw,
		 .key = pager_key, .reload = detail_reload, .release = detail_release },
	.title_of = title, .build = build, .hints = " Up/Down scroll  Esc or Enter: back  ? help ",
};

struct screen *detail_screen_new(size_t item)
{
	struct detail_screen *d = DS(pager_new(sizeof(*d), &detail_kind));

	if (d)
		d->item = item;
	return (struct screen *)d;
}
