/*
 * screen_help.c - the keys of the screen help was asked on (its own, the
 * list keys when it is a list, the global ones), then how the checklist's
 * rules work. Made from the key tables, so it cannot drift from them.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "wizard.h"

struct help_screen {
	struct screen base;
	const struct keymap *keys;  /* of the screen below */
	struct list list;
};

#define HS(sc) ((struct help_screen *)(sc))
#define CHS(sc) ((const struct help_screen *)(sc))

static void table(struct lines *L, const char *heading, const struct keybinding *t, int width)
{
	char name[64];

	if (!t->names)
		return;
	lines_add(L, term_attr_of(TA_HEADING), heading, strlen(heading));
	for (; t->names; t++) {
		snprintf(name, sizeof(name), "%-9s ", t->names);
		lines_wrap(L, A_NORMAL, name, t->help, 10, width);
	}
	lines_blank(L);
}

static void build(const struct help_screen *h, struct lines *L)
{
	int width = COLS - 2;
	char heading[96];

	snprintf(heading, sizeof(heading), "Keys of the %s screen", h->keys->screen);
	table(L, heading, h->keys->own, width);
	if (h->keys->list)
		table(L, "Keys of every list", keys_list, width);
	table(L, "Keys of every screen", keys_global, width);
	lines_wrap(L, A_BOLD, "", "The rules", 0, width);
	lines_wrap(L, A_NORMAL, "- ", "Hops are done in order; a hop's notes (its incompatible "
		   "changes) are acknowledged before its steps; steps are done in order unless the "
		   "hop says any order.", 2, width);
	lines_wrap(L, A_NORMAL, "- ", "A locked item can still be done or skipped: the wizard "
		   "asks for the reason and records the override as forced. The status bar counts "
		   "them (\"2 forced\"); the report lists each with its reason.", 2, width);
	lines_wrap(L, A_NORMAL, "- ", "Every check-off is on disk before it is shown; another "
		   "operator's check-offs ('mesos-upgrade mark') appear within a second.", 2, width);
	lines_wrap(L, A_NORMAL, "- ", "Times are local, with the zone; a date when it is not "
		   "today.", 2, width);
}

static void line_row(const void *ctx, size_t i, int y, int x, int w, bool selected)
{
	const struct lines *L = ctx;

	(void)selected;
	draw_text(y, x + 1, w - 2, L->v[i].attr, L->v[i].text, false);
}

static void help_draw(const struct screen *sc, const struct wizard *w)
{
	const struct help_screen *h = CHS(sc);
	struct lines L = { 0 };
	struct list list = h->list;
	struct rect body = { 1, 0, LINES - 2, COLS };

	wizard_title_bar(w, " mesos-upgrade: keys");
	build(h, &L);
	list_set_count(&list, L.n);
	list_draw(&list, &body, line_row, &L);
	wizard_status_bar(w, "", " Up/Down scroll  Esc or ?: back ");
	lines_free(&L);
}

static struct result help_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct help_screen *h = HS(sc);
	struct lines L = { 0 };
	bool moved;

	(void)w;
	(void)key;
	build(h, &L);
	list_set_count(&h->list, L.n);
	lines_free(&L);
	moved = list_key(&h->list, a, LINES - 2);
	return moved ? RESULT(R_STAY) : a == ACT_BACK ? RESULT(R_POP) : RESULT(R_UNKNOWN);
}

static const struct screen_ops help_ops = {
	.keys = &keymap_help, .draw = help_draw, .key = help_key,
};

struct screen *help_screen_new(const struct keymap *for_keys)
{
	struct help_screen *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->base.ops = &help_ops;
	h->keys = for_keys;
	list_init(&h->list, false);
	return &h->base;
}
