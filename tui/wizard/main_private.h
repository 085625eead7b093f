/*
 * main_private.h - what the main screen's three files share (screen_main.c:
 * the checklist's rows, the selection and the keys; main_draw.c: its
 * drawing; main_search.c: / and the search through the items). Nothing
 * else includes it.
 */
#ifndef MU_MAIN_PRIVATE_H
#define MU_MAIN_PRIVATE_H

#include "list.h"
#include "wizard.h"

enum pane { PANE_HOPS, PANE_LIST, PANE_TEXT };

struct main_screen {
	struct item_owner base;
	size_t hop;                 /* the hop shown */
	size_t *rows;               /* its checklist: item indices, hosts' items left out */
	size_t *hop_done, *hop_total; /* per hop, counted at each reload (not while drawing) */
	struct list hops, list, text;
	enum pane focus;
	char sel[512];              /* the selected item's id: a reload keeps it */
	char search[128];           /* the last search */
	char found[512];            /* the item found last (a host's: its step is selected) */
	unsigned notes;             /* which of the hop's notes show (note_filter.c), 0: all */
	bool banner;                /* the hop shown has the probe's warning line */
};

#define MS(sc) ((struct main_screen *)(sc))
#define CMS(sc) ((const struct main_screen *)(sc))

/* What the list rows and the search are given as their context. */
struct draw_ctx {
	const struct main_screen *m;
	const struct wizard *w;
};

/* The item of the selected checklist row (0 when the checklist is empty). */
size_t main_item_of(const struct main_screen *m);
/* Select item @i (a host's item selects its step), its hop with it. */
void main_select_item(struct main_screen *m, const struct wizard *w, size_t i);
/* The screen's draw operation. */
void main_draw(const struct screen *sc, const struct wizard *w);
/* The search dialog (/), its next match selected when it is closed with Enter. */
struct result main_search(struct main_screen *m);

#endif
