/*
 * screen_detail.c - one item (a note, a step, a host of a step): its whole
 * text and its history, newest first, each event in full (skip reasons,
 * notes, who, where and when).
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "wizard.h"

/* An event kept past the journal's callback: its strings owned here. */
struct owned_event {
	struct journal_event e;
	char *s[5];     /* item, operator, host, time, text */
};

struct detail_screen {
	struct screen base;
	size_t item;
	struct owned_event *events;     /* the history, newest first */
	size_t nevents;
	bool failed;                    /* the history could not be read */
	struct list list;
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

	free_events(d);
	d->failed = journal_events(w->journal, w->s->info.id, w->s->items[d->item].id, true, 500,
				   keep_event, d) != ST_OK;
}

static void build(const struct detail_screen *d, const struct wizard *w, struct lines *L)
{
	int width = COLS - 2;

	item_text(w, d->item, width, L);
	lines_blank(L);
	lines_add(L, term_attr_of(TA_HEADING), "History, newest first", 21);
	if (d->failed)
		lines_wrap(L, term_attr_of(TA_ERROR), "", journal_error(w->journal), 0, width);
	else if (!d->nevents)
		lines_add(L, term_attr_of(TA_DIM), "  nothing recorded yet", 23);
	for (size_t i = 0; i < d->nevents; i++) {
		const struct journal_event *e = &d->events[i].e;
		item_event_line(L, width, 2, event_action_past(e->action), e,
				e->forced ? term_attr_of(TA_FORCED) : A_NORMAL);
	}
}

static void line_row(const void *ctx, size_t i, int y, int x, int w, bool selected)
{
	const struct lines *L = ctx;

	(void)selected;
	draw_text(y, x + 1, w - 2, L->v[i].attr, L->v[i].text, false);
}

static void detail_draw(const struct screen *sc, const struct wizard *w)
{
	const struct detail_screen *d = CDS(sc);
	struct lines L = { 0 };
	struct list list = d->list;
	struct rect body = { 1, 0, LINES - 2, COLS };
	struct strbuf title = STRBUF_INIT;

	strbuf_addf(&title, " %s: detail and history", w->s->items[d->item].id);
	wizard_title_bar(w, strbuf_str(&title));
	build(d, w, &L);
	list_set_count(&list, L.n);
	list_draw(&list, &body, line_row, &L);
	wizard_status_bar(w, "", " Up/Down scroll  Esc or Enter: back  ? help ");
	lines_free(&L);
	strbuf_release(&title);
}

static struct result detail_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct detail_screen *d = DS(sc);
	struct lines L = { 0 };
	bool moved;

	(void)key;
	build(d, w, &L);
	list_set_count(&d->list, L.n);
	lines_free(&L);
	moved = list_key(&d->list, a, LINES - 2);
	return moved ? RESULT(R_STAY) : a == ACT_BACK ? RESULT(R_POP) : RESULT(R_UNKNOWN);
}

static void detail_release(struct screen *sc)
{
	free_events(DS(sc));
}

static const struct screen_ops detail_ops = {
	.keys = &keymap_detail, .enter = detail_reload, .draw = detail_draw, .key = detail_key,
	.reload = detail_reload, .release = detail_release,
};

struct screen *detail_screen_new(size_t item)
{
	struct detail_screen *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->base.ops = &detail_ops;
	d->item = item;
	list_init(&d->list, false);
	return &d->base;
}
