#include "layout.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void layout_compute(int rows, int cols, struct layout *l)
{
	int body, right_x, right_w, list_h;

	*l = (struct layout){ 0 };
	if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS) {
		l->too_small = true;
		return;
	}
	l->title = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ rows - 1, 0, 1, cols };
	body = rows - 2;
	l->show_hops = cols >= LAYOUT_HOPS_MIN_COLS;
	if (l->show_hops) {
		int hw = clamp(cols / 4, 24, 32);
		l->hops = (struct rect){ 1, 0, body, hw };
		right_x = hw + 1; /* a one-column rule between the panes */
		right_w = cols - right_x;
	} else {
		right_x = 0;
		right_w = cols;
	}
	if (cols >= LAYOUT_SIDE_MIN_COLS) {
		/* wide: the text beside the checklist, as tall as it, a rule between */
		int lw = right_w / 2;
		l->side = true;
		l->list = (struct rect){ 1, right_x, body, lw };
		l->detail = (struct rect){ 1, right_x + lw + 1, body, right_w - lw - 1 };
		return;
	}
	/* the list gets a little more than half; the text below at least 4 rows */
	list_h = clamp(body * 11 / 20, 4, body - 4);
	l->list = (struct rect){ 1, right_x, list_h, right_w };
	l->detail = (struct rect){ 1 + list_h, right_x, body - list_h, right_w };
}
