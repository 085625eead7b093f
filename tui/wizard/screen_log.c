/*
 * screen_log.c - every message of this run, whole, newest last (the status
 * bar cuts a long one with "..."; here it is wrapped).
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "wizard.h"

struct log_screen {
	struct screen base;
	struct list list;
	bool at_end;    /* opened on the newest message */
};

static void build(const struct wizard *w, struct lines *L)
{
	char pre[32];

	if (!w->nlog)
		lines_add(L, term_attr_of(TA_DIM), "No message yet.", 15);
	for (size_t i = 0; i < w->nlog; i++) {
		snprintf(pre, sizeof(pre), "%s ", w->log[i].time);
		lines_wrap(L, w->log[i].error ? term_attr_of(TA_WARNING) : A_NORMAL, pre,
			   w->log[i].text, strlen(pre), COLS - 2);
	}
}

static void line_row(const void *ctx, size_t i, int y, int x, int w, bool selected)
{
	const struct lines *L = ctx;

	(void)selected;
	draw_text(y, x + 1, w - 2, L->v[i].attr, L->v[i].text, false);
}

static void log_draw(const struct screen *sc, const struct wizard *w)
{
	const struct log_screen *g = (const struct log_screen *)sc;
	struct lines L = { 0 };
	struct list list = g->list;
	struct rect body = { 1, 0, LINES - 2, COLS };

	wizard_title_bar(w, " mesos-upgrade: messages of this run");
	build(w, &L);
	list_set_count(&list, L.n);
	if (g->at_end)
		list.top = L.n;
	list_draw(&list, &body, line_row, &L);
	draw_fill(LINES - 1, 0, COLS, term_attr_of(TA_STATUS));
	draw_text(LINES - 1, 0, COLS, term_attr_of(TA_STATUS), " Up/Down scroll  Esc: back", false);
	lines_free(&L);
}

static struct result log_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct log_screen *g = (struct log_screen *)sc;
	struct lines L = { 0 };
	bool moved;

	(void)key;
	build(w, &L);
	list_set_count(&g->list, L.n);
	lines_free(&L);
	if (g->at_end)
		g->list.top = list_first(&(struct list){ g->list.n, 0, g->list.n, false }, LINES - 2);
	g->at_end = false;
	moved = list_key(&g->list, a, LINES - 2);
	return moved ? RESULT(R_STAY) : a == ACT_BACK ? RESULT(R_POP) : RESULT(R_UNKNOWN);
}

static const struct screen_ops log_ops = {
	.keys = &keymap_log, .draw = log_draw, .key = log_key,
};

struct screen *log_screen_new(void)
{
	struct log_screen *g = calloc(1, sizeof(*g));

	if (!g)
		return NULL;
	g->base.ops = &log_ops;
	g->at_end = true;
	list_init(&g->list, false);
	return &g->base;
}
