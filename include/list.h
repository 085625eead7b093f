/*
 * list.h - the one list widget: a selection or a scroll position over n
 * rows, pages, Home and End, search, and a marker row when there is more
 * than the pane shows.
 *
 * The widget owns no rows: the screen keeps them and draws each through a
 * callback. A list with a cursor (checklist, hosts, sessions) moves its
 * selection; one without (help, a text, the message log) scrolls. The
 * first row shown is a pure function of the state and the pane's height,
 * so drawing never changes the list.
 */
#ifndef MU_LIST_H
#define MU_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "layout.h"

struct lines;

struct list {
	size_t n;      /* rows */
	size_t sel;    /* the selected row (with a cursor) */
	size_t top;    /* the first row shown, as the last move left it */
	bool cursor;
};

/* Draw row @i in @w columns at @y,@x; @selected: it is the list's selection. */
typedef void list_row_fn(const void *ctx, size_t i, int y, int x, int w, bool selected);

void list_init(struct list *l, bool cursor);
/* The list now has @n rows: the selection and the scroll stay in range. */
void list_set_count(struct list *l, size_t n);
/* The rows of a pane of @rows rows that show rows of the list (the marker takes one). */
int list_page(const struct list *l, int rows);
/* The first row shown in a pane of @rows rows (pure). */
size_t list_first(const struct list *l, int rows);
/* Select row @i and scroll to it. */
void list_select(struct list *l, size_t i, int rows);
/* Apply a list key (Up, Down, PgUp, PgDn, Home, End); false when @a is not one. */
bool list_key(struct list *l, enum action a, int rows);
/* Draw the rows in view in @r, then the marker row when the list is longer. */
void list_draw(const struct list *l, const struct rect *r, list_row_fn *row, const void *ctx);
/* Draw the lines of text @L in @r, scrolled as @l says (its rows are @L's). */
void list_draw_lines(const struct list *l, const struct rect *r, const struct lines *L);
/*
 * The first row from @from on (wrapping round) for which @match holds, or
 * -1: a search.
 */
long list_find(const struct list *l, size_t from, bool (*match)(const void *ctx, size_t i),
	       const void *ctx);

#endif
