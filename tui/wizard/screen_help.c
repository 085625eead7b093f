/*
 * screen_help.c - the keys of the screen help was asked on (its own, the
 * list keys when it is a list, the global ones), then how the checklist's
 * rules work. Made from the key tables, so it cannot drift from them.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "term.h"
#include "wizard.h"

struct help_screen {
	struct pager base;
	const struct keymap *keys;  /* of the screen below */
};

#define HS(sc) ((struct help_screen *)(sc))
#define CHS(sc) ((const struct help_screen *)(sc))

static void table(struct lines *L, const char *heading, const struct keybinding *t, int width)
{
	char name[64];

	if (t->action == ACT_NONE)
		return;
	lines_add(L, term_attr_of(TA_HEADING), heading, strlen(heading));
	for (; t->action != ACT_NONE; t++) {
		snprintf(name, sizeof(name), "%-9s ", keys_of(t)->names);
		lines_wrap(L, A_NORMAL, name, t->help, 10, width);
	}
	lines_blank(L);
}

static void build(const struct pager *p, const struct wizard *w, int width, struct lines *L)
{
	const struct help_screen *h = CHS(p);
	char heading[96];

	(void)w;
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

static const struct pager_kind help_kind = {
	.ops = { .keys = &keymap_help, .draw = pager_draw, .key = pager_key },
	.title = " mesos-upgrade: keys", .build = build, .hints = " Up/Down scroll  Esc or ?: back ",
};

struct screen *help_screen_new(const struct keymap *for_keys)
{
	struct help_screen *h = HS(pager_new(sizeof(*h), &help_kind));

	if (h)
		h->keys = for_keys;
	return (struct screen *)h;
}
