/*
 * list.c - the list widget (see list.h).
 *
 * A list longer than its pane gives its last row to a marker that says
 * which rows are shown and whether there are more below: the page is then
 * one row shorter.
 */
#include <stdio.h>

#include "draw.h"
#include "list.h"
#include "term.h"

void list_init(struct list *l, bool cursor)
{
	l->n = l->sel = l->top = 0;
	l->cursor = cursor;
}

void list_set_count(struct list *l, size_t n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (l->top >= n)
		l->top = n ? n - 1 : 0;
}

int list_page(const struct list *l, int rows)
{
	if (rows < 1)
		return 1;
	return l->n > (size_t)rows && rows > 1 ? rows - 1 : rows;
}

size_t list_first(const struct list *l, int rows)
{
	size_t page = (size_t)list_page(l, rows), top = l->top;

	/* no empty rows below while there are rows above */
	if (l->n <= page)
		return 0;
	if (top > l->n - page)
		top = l->n - page;
	if (l->cursor) {
		if (l->sel < top)
			top = l->sel;
		if (l->sel >= top + page)
			top = l->sel - page + 1;
	}
	return top;
}

void list_select(struct list *l, size_t i, int rows)
{
	if (!l->n)
		return;
	l->sel = i < l->n ? i : l->n - 1;
	l->top = list_first(l, rows);
}

static size_t step(size_t v, long d, size_t n)
{
	long r = (long)v + d;

	if (r < 0 || !n)
		return 0;
	return (size_t)r >= n ? n - 1 : (size_t)r;
}

bool list_key(struct list *l, enum action a, int rows)
{
	long page = list_page(l, rows), d;
	size_t last;

	switch (a) {
	case ACT_UP: d = -1; break;
	case ACT_DOWN: d = 1; break;
	case ACT_PAGE_UP: d = -page; break;
	case ACT_PAGE_DOWN: d = page; break;
	case ACT_FIRST: d = -(long)l->n; break;
	case ACT_LAST: d = (long)l->n; break;
	default: return false;
	}
	if (l->cursor) {
		l->top = list_first(l, rows);
		l->sel = step(l->sel, d, l->n);
		/* a page moves the view with the cursor, as a pager does */
		if (a == ACT_PAGE_UP || a == ACT_PAGE_DOWN)
			l->top = step(l->top, d, l->n);
		l->top = list_first(l, rows);
	} else {
		last = l->n > (size_t)page ? l->n - (size_t)page : 0;
		l->top = step(list_first(l, rows), d, last + 1);
	}
	return true;
}

void list_draw(const struct list *l, const struct rect *r, list_row_fn *row, const void *ctx)
{
	int page = list_page(l, r->h);
	size_t top = list_first(l, r->h);
	char mark[96];

	for (int k = 0; k < page && top + (size_t)k < l->n; k++) {
		size_t i = top + (size_t)k;
		row(ctx, i, r->y + k, r->x, r->w, l->cursor && i == l->sel);
	}
	if (page == r->h)
		return;
	{
		size_t end = top + (size_t)page;
		if (end < l->n)
			snprintf(mark, sizeof(mark), " %zu-%zu of %zu, %zu more below ", top + 1, end,
				 l->n, l->n - end);
		else
			snprintf(mark, sizeof(mark), " %zu-%zu of %zu ", top + 1, l->n, l->n);
		draw_text_fit(r->y + r->h - 1, r->x, r->w, term_attr_of(TA_DIM), mark, true);
	}
}

/* A row of lines of text, a column in from the pane's edges. */
static void line_row(const void *ctx, size_t i, int y, int x, int w, bool selected)
{
	const struct lines *L = ctx;

	(void)selected;
	draw_text(y, x + 1, w - 2, L->v[i].attr, L->v[i].text, false);
}

void list_draw_lines(const struct list *l, const struct rect *r, const struct lines *L)
{
	struct list shown = *l;

	list_set_count(&shown, L->n);
	list_draw(&shown, r, line_row, L);
}

long list_find(const struct list *l, size_t from, bool (*match)(const void *ctx, size_t i),
	       const void *ctx)
{
	for (size_t k = 0; k < l->n; k++) {
		size_t i = (from + k) % l->n;
		if (match(ctx, i))
			return (long)i;
	}
	return -1;
}
