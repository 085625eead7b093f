/*
 * test_layout.c - where the main screen's panes go, as a pure function of
 * the terminal's size (include/layout.h): exact rectangles at the sizes the
 * wizard is used at, the minimum, below the minimum, and invariants at every
 * size in between.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "layout.h"

/* layout_compute over a struct full of garbage: every field must be set. */
static struct layout computed(int rows, int cols)
{
	struct layout l;

	memset(&l, 0x5a, sizeof(l));
	layout_compute(rows, cols, &l);
	return l;
}

static void expect_rect(const char *what, struct rect r, int y, int x, int h, int w)
{
	if (r.y != y || r.x != x || r.h != h || r.w != w)
		fail_msg("%s is {y %d, x %d, h %d, w %d}, expected {y %d, x %d, h %d, w %d}", what,
			 r.y, r.x, r.h, r.w, y, x, h, w);
}

static void test_80x24(void **state)
{
	struct layout l = computed(24, 80);

	(void)state;
	assert_false(l.too_small);
	assert_true(l.show_hops);
	expect_rect("title", l.title, 0, 0, 1, 80);
	/* cols / 4 = 20 is below the hops pane's least width, 24; a rule at x 24 */
	expect_rect("hops", l.hops, 1, 0, 22, 24);
	/* 22 body rows * 11 / 20 = 12 for the list, the other 10 for the text */
	expect_rect("list", l.list, 1, 25, 12, 55);
	expect_rect("detail", l.detail, 13, 25, 10, 55);
	expect_rect("status", l.status, 23, 0, 1, 80);
}

static void test_100x30(void **state)
{
	struct layout l = computed(30, 100);

	(void)state;
	assert_false(l.too_small);
	assert_true(l.show_hops);
	expect_rect("title", l.title, 0, 0, 1, 100);
	expect_rect("hops", l.hops, 1, 0, 28, 25);
	expect_rect("list", l.list, 1, 26, 15, 74);
	expect_rect("detail", l.detail, 16, 26, 13, 74);
	expect_rect("status", l.status, 29, 0, 1, 100);
}

/* The hops pane grows with the width, up to 32 columns; from 160 columns the
 * text is beside the checklist, a rule between them. */
static void test_wide(void **state)
{
	struct layout l = computed(50, 200), below = computed(50, LAYOUT_SIDE_MIN_COLS - 1);

	(void)state;
	expect_rect("hops", l.hops, 1, 0, 48, 32);
	assert_true(l.side);
	expect_rect("list", l.list, 1, 33, 48, 83);
	expect_rect("detail", l.detail, 1, 117, 48, 83);
	assert_false(below.side);
	expect_rect("list", below.list, 1, 33, 26, 126);
}

/* The minimum works, without the hops pane: the list and text take the width. */
static void test_minimum_40x12(void **state)
{
	struct layout l = computed(12, 40);

	(void)state;
	assert_false(l.too_small);
	assert_false(l.show_hops);
	expect_rect("title", l.title, 0, 0, 1, 40);
	expect_rect("hops", l.hops, 0, 0, 0, 0);
	expect_rect("list", l.list, 1, 0, 5, 40);
	expect_rect("detail", l.detail, 6, 0, 5, 40);
	expect_rect("status", l.status, 11, 0, 1, 40);
}

/* Just below and at the hops pane's threshold. */
static void test_hops_threshold(void **state)
{
	struct layout narrow = computed(24, LAYOUT_HOPS_MIN_COLS - 1);
	struct layout wide = computed(24, LAYOUT_HOPS_MIN_COLS);

	(void)state;
	assert_false(narrow.show_hops);
	assert_int_equal(narrow.hops.h, 0);
	assert_int_equal(narrow.hops.w, 0);
	expect_rect("list", narrow.list, 1, 0, 12, LAYOUT_HOPS_MIN_COLS - 1);
	assert_true(wide.show_hops);
	expect_rect("hops", wide.hops, 1, 0, 22, 24);
	expect_rect("list", wide.list, 1, 25, 12, LAYOUT_HOPS_MIN_COLS - 25);
}

static void expect_too_small(int rows, int cols)
{
	struct layout l = computed(rows, cols);
	struct layout zero;

	memset(&zero, 0, sizeof(zero));
	zero.too_small = true;
	if (!l.too_small)
		fail_msg("%dx%d (cols x rows) is not too small", cols, rows);
	/* nothing else is set: no pane to draw into by mistake */
	assert_false(l.show_hops);
	expect_rect("title", l.title, 0, 0, 0, 0);
	expect_rect("hops", l.hops, 0, 0, 0, 0);
	expect_rect("list", l.list, 0, 0, 0, 0);
	expect_rect("detail", l.detail, 0, 0, 0, 0);
	expect_rect("status", l.status, 0, 0, 0, 0);
}

static void test_below_minimum(void **state)
{
	(void)state;
	expect_too_small(LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS - 1);  /* 39x12 */
	expect_too_small(LAYOUT_MIN_ROWS - 1, LAYOUT_MIN_COLS);  /* 40x11 */
	expect_too_small(LAYOUT_MIN_ROWS - 1, LAYOUT_MIN_COLS - 1);
	expect_too_small(0, 0);
	expect_too_small(1, 1);
	expect_too_small(24, 0);
	expect_too_small(0, 80);
	expect_too_small(10, 30);
	expect_too_small(200, 39);  /* tall but narrow */
	expect_too_small(11, 500);  /* wide but short */
	expect_too_small(-1, -1);
	expect_too_small(-24, 80);
	expect_too_small(24, -80);
	expect_too_small(INT_MIN, INT_MIN);
	expect_too_small(INT_MIN, 80);
}

static int bottom(struct rect r)
{
	return r.y + r.h;
}

static int right(struct rect r)
{
	return r.x + r.w;
}

static bool overlap(struct rect a, struct rect b)
{
	if (!a.h || !a.w || !b.h || !b.w)
		return false;
	return a.x < right(b) && b.x < right(a) && a.y < bottom(b) && b.y < bottom(a);
}

static void check_inside(int rows, int cols, const char *what, struct rect r)
{
	if (r.y < 0 || r.x < 0 || r.h < 0 || r.w < 0 || bottom(r) > rows || right(r) > cols)
		fail_msg("%dx%d: %s {y %d, x %d, h %d, w %d} is not inside the screen", cols, rows,
			 what, r.y, r.x, r.h, r.w);
}

/* What must hold at every size the wizard draws at. */
static void check_invariants(int rows, int cols)
{
	struct layout l = computed(rows, cols);
	const struct rect *panes[] = { &l.title, &l.hops, &l.list, &l.detail, &l.status };
	const char *names[] = { "title", "hops", "list", "detail", "status" };

	if (l.too_small)
		fail_msg("%dx%d is too small", cols, rows);
	for (size_t i = 0; i < 5; i++) {
		check_inside(rows, cols, names[i], *panes[i]);
		for (size_t k = i + 1; k < 5; k++)
			if (overlap(*panes[i], *panes[k]))
				fail_msg("%dx%d: %s and %s overlap", cols, rows, names[i], names[k]);
	}
	/* the title on row 0 and the status bar on the last row, full width */
	if (l.title.y != 0 || l.title.h != 1 || l.title.x != 0 || l.title.w != cols)
		fail_msg("%dx%d: the title is not row 0", cols, rows);
	if (l.status.y != rows - 1 || l.status.h != 1 || l.status.x != 0 || l.status.w != cols)
		fail_msg("%dx%d: the status bar is not the last row", cols, rows);
	/* the hops pane exactly when wide enough, the body's full height, a rule after it */
	if (l.show_hops != (cols >= LAYOUT_HOPS_MIN_COLS))
		fail_msg("%dx%d: show_hops is %d", cols, rows, l.show_hops);
	if (l.show_hops) {
		if (l.hops.y != 1 || l.hops.x != 0 || bottom(l.hops) != rows - 1 || l.hops.w < 24 ||
		    l.hops.w > 32)
			fail_msg("%dx%d: the hops pane is {y %d, x %d, h %d, w %d}", cols, rows,
				 l.hops.y, l.hops.x, l.hops.h, l.hops.w);
		if (right(l.hops) + 1 != l.list.x)
			fail_msg("%dx%d: no one-column rule between hops and list", cols, rows);
	} else {
		if (l.hops.h != 0 || l.hops.w != 0)
			fail_msg("%dx%d: a hidden hops pane has a size", cols, rows);
		if (l.list.x != 0)
			fail_msg("%dx%d: without hops the list does not start at column 0", cols, rows);
	}
	if (l.side != (cols >= LAYOUT_SIDE_MIN_COLS))
		fail_msg("%dx%d: side is %d", cols, rows, l.side);
	if (l.side) {
		/* side by side: the body's height each, a rule between, up to the right edge */
		if (l.list.y != 1 || l.detail.y != 1 || bottom(l.list) != rows - 1 ||
		    bottom(l.detail) != rows - 1 || right(l.list) + 1 != l.detail.x ||
		    right(l.detail) != cols || l.list.w < LAYOUT_MIN_COLS ||
		    l.detail.w < LAYOUT_MIN_COLS)
			fail_msg("%dx%d: list and detail are not side by side", cols, rows);
		return;
	}
	/* the list on top, the detail right under it, down to the status bar, same columns */
	if (l.list.y != 1 || l.detail.y != bottom(l.list) || bottom(l.detail) != rows - 1)
		fail_msg("%dx%d: list {y %d h %d} and detail {y %d h %d} are not stacked", cols,
			 rows, l.list.y, l.list.h, l.detail.y, l.detail.h);
	if (l.list.x != l.detail.x || l.list.w != l.detail.w || right(l.list) != cols)
		fail_msg("%dx%d: list and detail do not share the right-hand columns", cols, rows);
	if (l.detail.h < 4)
		fail_msg("%dx%d: the detail has %d rows, fewer than 4", cols, rows, l.detail.h);
	/* a heading and at least one item */
	if (l.list.h < 2)
		fail_msg("%dx%d: the list has %d rows", cols, rows, l.list.h);
	/* the hops pane never leaves the checklist narrower than the minimum screen */
	if (l.list.w < LAYOUT_MIN_COLS)
		fail_msg("%dx%d: the list is %d columns", cols, rows, l.list.w);
}

static void test_invariants_every_size(void **state)
{
	(void)state;
	for (int rows = LAYOUT_MIN_ROWS; rows <= 80; rows++)
		for (int cols = LAYOUT_MIN_COLS; cols <= 200; cols++)
			check_invariants(rows, cols);
}

/* The result depends on the size only: the same size twice gives the same layout. */
static void test_pure(void **state)
{
	struct layout a = computed(24, 80), b;

	(void)state;
	layout_compute(12, 40, &b);
	layout_compute(24, 80, &b);
	assert_memory_equal(&a.title, &b.title, sizeof(a.title));
	assert_memory_equal(&a.hops, &b.hops, sizeof(a.hops));
	assert_memory_equal(&a.list, &b.list, sizeof(a.list));
	assert_memory_equal(&a.detail, &b.detail, sizeof(a.detail));
	assert_memory_equal(&a.status, &b.status, sizeof(a.status));
	assert_int_equal(a.show_hops, b.show_hops);
	assert_int_equal(a.too_small, b.too_small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_80x24),
		cmocka_unit_test(test_100x30),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_minimum_40x12),
		cmocka_unit_test(test_hops_threshold),
		cmocka_unit_test(test_below_minimum),
		cmocka_unit_test(test_invariants_every_size),
		cmocka_unit_test(test_pure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
