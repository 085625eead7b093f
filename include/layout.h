/*
 * layout.h - where each part of the wizard's main screen goes, as a pure
 * function of the terminal's size (no curses here, so it is unit-tested).
 *
 *   row 0            title bar: product, session, title
 *   rows 1..r-2      body: the hops pane on the left when there is room,
 *                    the checklist above and the selected item's text below
 *                    (beside it from LAYOUT_SIDE_MIN_COLS columns on)
 *   row r-1          status bar: progress, message, key hints
 *
 * Below LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS the wizard shows only a "terminal
 * too small" screen.
 */
#ifndef MU_LAYOUT_H
#define MU_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 40
#define LAYOUT_MIN_ROWS 12
#define LAYOUT_HOPS_MIN_COLS 72  /* narrower: no hops pane, the hop is named above the list */
#define LAYOUT_SIDE_MIN_COLS 160 /* wider: the text beside the checklist, not below it */

struct rect {
	int y, x, h, w;
};

struct layout {
	bool too_small;
	bool show_hops;
	bool side;           /* the text is beside the checklist (its first row a heading) */
	struct rect title;   /* one row */
	struct rect hops;    /* h == 0 when hidden */
	struct rect list;    /* the checklist, first row its heading */
	struct rect detail;  /* the selected item, first row a rule */
	struct rect status;  /* one row */
};

void layout_compute(int rows, int cols, struct layout *out);

#endif
