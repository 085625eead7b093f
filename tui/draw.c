/*
 * draw.c - writing text into the screen by display columns; the screen dump.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "layout.h"
#include "term.h"
#include "textutil.h"
#include "wizard.h"

/*
 * Whether draw_text() draws @cp as U+FFFD: controls, and bidi controls,
 * which would make the terminal show the rest of the line reordered.
 */
static bool replaced(uint32_t cp)
{
	return text_is_control(cp) || cp == '\n' || text_is_bidi_control(cp);
}

/* The columns code point @cp takes on the screen, as draw_text() draws it. */
static int cell_width(uint32_t cp)
{
	int cw;

	if (cp == '\t')
		return 1;
	if (replaced(cp))
		return 1; /* drawn as U+FFFD */
	cw = wcwidth((wchar_t)cp);
	return cw < 0 ? 1 : cw;
}

size_t draw_prefix(const char *s, int cols, int *width)
{
	size_t len = strlen(s), i = 0;
	int col = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int cw = cell_width(cp);
		if (col + cw > cols)
			break;
		col += cw;
		i += n;
	}
	if (width)
		*width = col;
	return i;
}

int draw_width(const char *s)
{
	int w;

	draw_prefix(s, INT_MAX, &w);
	return w;
}

int draw_text(int y, int x, int w, unsigned attr, const char *s, bool pad)
{
	size_t len = strlen(s), i = 0;
	int col = 0;

	if (w <= 0 || y < 0 || y >= LINES)
		return 0;
	attrset(attr);
	move(y, x);
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		wchar_t wc[2] = { (wchar_t)cp, 0 };
		int cw;
		if (replaced(cp) || cp == '\t')
			wc[0] = cp == '\t' ? L' ' : 0xfffd;
		cw = wcwidth(wc[0]);
		if (cw < 0)
			wc[0] = 0xfffd, cw = 1;
		if (col + cw > w)
			break;
		addnwstr(wc, 1);
		col += cw;
		i += n;
	}
	if (pad)
		for (; col < w; col++)
			addch(' ');
	attrset(A_NORMAL);
	return col;
}

void draw_fill(int y, int x, int w, unsigned attr)
{
	draw_text(y, x, w, attr, "", true);
}

void draw_too_small(void)
{
	char line[128];
	int y = LINES / 2 - 1;

	erase();
	snprintf(line, sizeof(line), "Terminal too small: %dx%d", COLS, LINES);
	draw_text(y < 0 ? 0 : y, 0, COLS, term_attr_of(TA_WARNING), line, false);
	snprintf(line, sizeof(line), "needs at least %dx%d.", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	draw_text(y + 1, 0, COLS, A_NORMAL, line, false);
	draw_text(y + 2, 0, COLS, A_NORMAL, "Enlarge it, or q quits.", false);
}

void draw_dump(FILE *out)
{
	cchar_t *cells = calloc((size_t)COLS + 1, sizeof(*cells));
	char *line = malloc((size_t)COLS * MB_LEN_MAX + 1);

	if (!cells || !line)
		goto out;
	for (int y = 0; y < LINES; y++) {
		size_t len = 0;
		mbstate_t st;
		memset(cells, 0, ((size_t)COLS + 1) * sizeof(*cells));
		if (mvin_wchnstr(y, 0, cells, COLS) == ERR)
			continue;
		memset(&st, 0, sizeof(st));
		for (int x = 0; x < COLS; x++) {
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			if (getcchar(&cells[x], wc, &a, &pair, NULL) == ERR || !wc[0])
				continue; /* the second column of a wide character */
			for (int k = 0; wc[k]; k++) {
				size_t m = wcrtomb(line + len, wc[k], &st);
				if (m != (size_t)-1)
					len += m;
			}
		}
		while (len && line[len - 1] == ' ')
			len--;
		fprintf(out, "%.*s\n", (int)len, line);
	}
	fflush(out);
out:
	free(cells);
	free(line);
}
