/*
 * diag.h - a list of problems found in an input file, each with its place.
 *
 * Loaders collect every problem instead of stopping at the first, and the
 * caller prints them as "FILE:LINE:COL: message" (lines and columns count
 * from 1). A diag list owns its messages and file names.
 */
#ifndef MU_DIAG_H
#define MU_DIAG_H

#include <stdio.h>
#include <stddef.h>

struct diag {
	char *file;     /* owned */
	unsigned line;  /* 1-based; 0 when the problem has no place in the file */
	unsigned col;   /* 1-based */
	char *message;  /* owned */
	size_t seq;     /* insertion order, keeps diag_sort stable */
};

struct diag_list {
	struct diag *items;
	size_t count;
	size_t cap;
	size_t max;     /* stop recording after this many (0: 1000) */
	size_t dropped; /* problems past max, counted only */
	int nomem;      /* an allocation failed: the list is incomplete */
};

void diag_list_init(struct diag_list *dl);
void diag_list_release(struct diag_list *dl);
void diag_add(struct diag_list *dl, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* -1, 0 or 1 as the place @line:@col of a file is before, at or after @line2:@col2. */
int diag_place_cmp(unsigned line, unsigned col, unsigned line2, unsigned col2);
/* Sort by file, line, column (stable), so output follows the files. */
void diag_sort(struct diag_list *dl);
/*
 * Print every problem, one per line, each prefixed with @prefix (may be ""):
 * file names and messages made safe for a terminal (text_add_terminal).
 */
void diag_print(const struct diag_list *dl, FILE *out, const char *prefix);

#endif
