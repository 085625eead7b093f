/*
 * draw.h - text into the curses screen by display columns, wrapped text,
 * the status bar, and the screen dump of the screen tests.
 *
 * In a locale that is not UTF-8 (LANG=C) the text is drawn as ASCII: a few
 * characters are transliterated (arrows, dashes, quotes, accented Latin
 * letters), every other one is "?", and lines are curses' ACS line drawing.
 */
#ifndef MU_DRAW_H
#define MU_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "strbuf.h"

/* Whether the terminal's locale shows UTF-8 (set once curses starts). */
extern bool draw_utf8;

/* Write @s at y,x in at most @w columns with attribute @attr; pad to @w when @pad. */
int draw_text(int y, int x, int w, unsigned attr, const char *s, bool pad);
/* As draw_text, but a text wider than @w ends with "..." instead of being cut silently. */
int draw_text_fit(int y, int x, int w, unsigned attr, const char *s, bool pad);
void draw_fill(int y, int x, int w, unsigned attr);
void draw_hline(int y, int x, int w);
void draw_vline(int y, int x, int h);
/* The frame of a box of @h rows and @w columns from @y,@x: bold corners, lines between. */
void draw_box(int y, int x, int h, int w);
/* The columns @s takes on the screen. */
int draw_width(const char *s);
/* The bytes of the longest prefix of @s at most @cols columns wide; its width in @width. */
size_t draw_prefix(const char *s, int cols, int *width);
/* @s cut to @cols columns with "..." at the end when it is wider, into @out. */
void draw_ellipsize(struct strbuf *out, const char *s, int cols);
void draw_too_small(void);
/* Print the screen as text, one line per row, to @out (screen tests). */
void draw_dump(FILE *out);

/* Lines of text for a pane: wrapped once for a width, then drawn in a list. */
struct line {
	unsigned attr;
	char *text;
};
struct lines {
	struct line *v;
	size_t n, cap;
};

void lines_add(struct lines *L, unsigned attr, const char *text, size_t len);
void lines_blank(struct lines *L);
/* @s wrapped to @width after @prefix (the first line) and @indent spaces (the rest). */
void lines_wrap(struct lines *L, unsigned attr, const char *prefix, const char *s,
		size_t indent, int width);
void lines_free(struct lines *L);

#endif
