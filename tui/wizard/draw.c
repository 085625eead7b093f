/*
 * draw.c - writing text into the screen by display columns, wrapped lines,
 * the screen dump (see draw.h).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "draw.h"
#include "layout.h"
#include "term.h"
#include "textutil.h"

bool draw_utf8 = true;

/*
 * Whether draw_text() draws @cp as U+FFFD: controls, and bidi controls,
 * which would make the terminal show the rest of the line reordered.
 */
static bool replaced(uint32_t cp)
{
	return text_is_control(cp) || cp == '\n' || text_is_bidi_control(cp);
}

/*
 * What an ASCII terminal shows for @cp: a few transliterations, else "?".
 * Accented Latin letters lose their accent (the Latin-1 and Latin Extended-A
 * letters operators' names use).
 */
static const char *ascii_of(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		const char *s;
	} tr[] = {
		{ 0x2192, "->" }, { 0x2190, "<-" }, { 0x2013, "-" }, { 0x2014, "--" },
		{ 0x2018, "'" }, { 0x2019, "'" }, { 0x201c, "\"" }, { 0x201d, "\"" },
		{ 0x2026, "..." }, { 0x2022, "*" }, { 0x00a0, " " }, { 0x00d7, "x" },
		{ 0x00df, "ss" }, { 0x2500, "-" }, { 0x2502, "|" }, { 0x2264, "<=" }, { 0x2265, ">=" },
	};
	static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO?OUUUUY??aaaaaaaceeeeiiiidnooooo?ouuuuy?y";
	static char one[2];

	for (size_t i = 0; i < sizeof(tr) / sizeof(*tr); i++)
		if (tr[i].cp == cp)
			return tr[i].s;
	one[0] = '?';
	one[1] = '\0';
	if (cp >= 0xc0 && cp <= 0xff)
		one[0] = latin1[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		one[0] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs"[cp - 0x100];
	return one;
}

/*
 * The columns code point @cp takes on the screen, as draw_text() draws it:
 * in UTF-8, text_cp_width(), the measure of every report, so that what the
 * wizard cuts and pads and what the reports align agree.
 */
static int cell_width(uint32_t cp)
{
	if (cp == '\t' || replaced(cp))
		return 1; /* a space; U+FFFD, or ? */
	if (!draw_utf8 && cp >= 0x80)
		return (int)strlen(ascii_of(cp));
	return text_cp_width(cp);
}

/*
 * Draw @cp in exactly cell_width(@cp) columns. curses moves the cursor by
 * the C library's width (wcwidth), which disagrees with text_cp_width() for
 * some characters (emoji beyond the common blocks, rare combining marks): then
 * a stand-in takes the measured columns, so the rest of the line stays where
 * it was measured to be. A character the library finds narrower is padded.
 */
static void add_cell(uint32_t cp, int width, bool first)
{
	wchar_t wc[2] = { (wchar_t)cp, 0 };
	int drawn = wcwidth(wc[0]);

	if (drawn == width && (drawn > 0 || !first)) {
		addnwstr(wc, 1);
		return;
	}
	if (!width)
		return; /* nothing to combine with, or the library would give it a column */
	if (drawn > 0 && drawn < width) {
		addnwstr(wc, 1);
	} else {
		wc[0] = 0xfffd;
		drawn = 1;
		addnwstr(wc, 1);
	}
	for (; drawn < width; drawn++)
		addch(' ');
}

/* A byte that is a printable ASCII character: one column, drawn as it is, in any locale. */
static bool printable_ascii(char c)
{
	return c >= 0x20 && c < 0x7f;
}

size_t draw_prefix(const char *s, int cols, int *width)
{
	size_t len = strlen(s), i = 0;
	int col = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;
		int cw;
		if (printable_ascii(s[i])) {
			if (col + 1 > cols)
				break;
			col++;
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		cw = cell_width(cp);
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

/*
 * @n blanks from the cursor in the attributes set, the cells and the cursor
 * as @n addch(' ') leave them: the cells before the row's last column in one
 * hline() (addch() a cell at a time was most of a frame's instructions), the
 * last column, where addch() wraps the cursor, and past it cell by cell.
 */
/* Of @n cells from column @x, how many lie before the row's last column. */
static int before_last_column(int x, int n)
{
	return n < COLS - 1 - x ? n : COLS - 1 - x;
}

static void pad_blanks(int n)
{
	int y, x, fast;

	getyx(stdscr, y, x);
	fast = before_last_column(x, n);
	if (fast > 0) {
		hline(' ', fast);
		move(y, x + fast);
		n -= fast;
	}
	for (; n > 0; n--)
		addch(' ');
}

/*
 * @n printable ASCII bytes at the cursor in the attributes @attr set, the
 * cells and the cursor as addnstr() leaves them. addnstr() takes each byte
 * through the library's multibyte decoding and rendering, ~290 instructions
 * a character, most of a frame's: the cells before the row's last column go
 * in as one addchnstr() of the characters with @attr, which is what the
 * rendering makes of them (the window's background is left blank), ~20 a
 * character; the last column, where addnstr() wraps, and past it by addnstr().
 */
static void add_ascii(const char *s, int n, unsigned attr)
{
	chtype cells[256];
	int y, x, fast;

	getyx(stdscr, y, x);
	fast = before_last_column(x, n);
	if (fast > (int)(sizeof(cells) / sizeof(*cells)))
		fast = (int)(sizeof(cells) / sizeof(*cells));
	if (fast > 0) {
		for (int k = 0; k < fast; k++)
			cells[k] = (chtype)(unsigned char)s[k] | (chtype)attr;
		addchnstr(cells, fast);
		move(y, x + fast);
	}
	if (fast < n)
		addnstr(s + (fast > 0 ? fast : 0), n - (fast > 0 ? fast : 0));
}

int draw_text(int y, int x, int w, unsigned attr, const char *s, bool pad)
{
	size_t end, i = 0;
	int col = 0;

	if (w <= 0 || y < 0 || y >= LINES)
		return 0;
	end = draw_prefix(s, w, NULL);
	attrset(attr);
	move(y, x);
	while (i < end) {
		uint32_t cp;
		size_t run = 0;
		int cw;
		while (i + run < end && printable_ascii(s[i + run]))
			run++;
		if (run) {
			/* the common case, a column a byte: drawn as one run */
			add_ascii(s + i, (int)run, attr);
			i += run;
			col += (int)run;
			continue;
		}
		i += utf8_decode(s + i, end - i, &cp);
		cw = cell_width(cp);
		if (!draw_utf8 && (cp >= 0x80 || replaced(cp)))
			addstr(replaced(cp) ? "?" : ascii_of(cp));
		else
			add_cell(cp == '\t' ? ' ' : replaced(cp) ? 0xfffd : cp, cw, col == 0);
		col += cw;
	}
	if (pad && col < w) {
		pad_blanks(w - col);
		col = w;
	}
	attrset(A_NORMAL);
	return col;
}

void draw_fill(int y, int x, int w, unsigned attr)
{
	draw_text(y, x, w, attr, "", true);
}

void draw_ellipsize(struct strbuf *out, const char *s, int cols)
{
	size_t n;

	if (draw_width(s) <= cols) {
		strbuf_adds(out, s);
		return;
	}
	/* cut silently never: the log (M) holds what does not fit */
	n = draw_prefix(s, cols > 3 ? cols - 3 : 0, NULL);
	strbuf_add(out, s, n);
	strbuf_adds(out, cols >= 3 ? "..." : "");
}

int draw_text_fit(int y, int x, int w, unsigned attr, const char *s, bool pad)
{
	struct strbuf sb = STRBUF_INIT;
	int n;

	draw_ellipsize(&sb, s, w);
	n = draw_text(y, x, w, attr, strbuf_str(&sb), pad);
	strbuf_release(&sb);
	return n;
}

/*
 * A line of @n cells from @y,@x, @across or down: in UTF-8 the box
 * characters, else the terminal's own line drawing (ACS).
 */
static void rule(int y, int x, int n, bool across)
{
	attrset(A_NORMAL);
	if (n <= 0)
		return;
	if (draw_utf8 && across)
		mvhline_set(y, x, WACS_HLINE, n);
	else if (draw_utf8)
		mvvline_set(y, x, WACS_VLINE, n);
	else if (across)
		mvhline(y, x, ACS_HLINE, n);
	else
		mvvline(y, x, ACS_VLINE, n);
}

void draw_hline(int y, int x, int w)
{
	rule(y, x, w, true);
}

void draw_vline(int y, int x, int h)
{
	rule(y, x, h, false);
}

/* A corner of a box, bold: @box in UTF-8, else @acs. */
static void corner(int y, int x, const cchar_t *box, chtype acs)
{
	attrset(A_BOLD);
	if (draw_utf8)
		mvadd_wch(y, x, box);
	else
		mvaddch(y, x, acs);
}

void draw_box(int y, int x, int h, int w)
{
	corner(y, x, WACS_ULCORNER, ACS_ULCORNER);
	corner(y, x + w - 1, WACS_URCORNER, ACS_URCORNER);
	corner(y + h - 1, x, WACS_LLCORNER, ACS_LLCORNER);
	corner(y + h - 1, x + w - 1, WACS_LRCORNER, ACS_LRCORNER);
	rule(y, x + 1, w - 2, true);
	rule(y + h - 1, x + 1, w - 2, true);
	rule(y + 1, x, h - 2, false);
	rule(y + 1, x + w - 1, h - 2, false);
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
		if (mvin_wchnstr(y, 0, cells, COLS) == ERR)
			continue;
		memset(&st, 0, sizeof(st));
		for (int x = 0; x < COLS; x++) {
			/* a cell's fields read directly (ncursesw's cchar_t): getcchar()
			 * per cell was two thirds of a dump's instructions */
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			attr_t a = cells[x].attr;
			if (!cells[x].chars[0])
				break; /* the row's end: a wide character's second column is not in it */
			if (cells[x].chars[0] > 0 && cells[x].chars[0] < 0x80 && !cells[x].chars[1] &&
			    !(a & A_ALTCHARSET)) {
				/* most cells: one ASCII character, itself in every locale's encoding */
				line[len++] = (char)cells[x].chars[0];
				continue;
			}
			for (int k = 0; k < CCHARW_MAX && cells[x].chars[k]; k++)
				wc[k] = cells[x].chars[k];
			if ((a & A_ALTCHARSET) && wc[0] < 0x80) {
				/* ACS line drawing, as the ASCII a terminal without it shows */
				wc[0] = wc[0] == 'q' ? L'-' : wc[0] == 'x' ? L'|' : L'+';
				wc[1] = 0;
			}
			for (int k = 0; wc[k]; k++) {
				size_t m;
				if (wc[k] > 0 && wc[k] < 0x80) {
					/* ASCII is itself in every locale's encoding */
					line[len++] = (char)wc[k];
					continue;
				}
				m = wcrtomb(line + len, wc[k], &st);
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

/* ---- lines of text for a pane ----------------------------------------- */

void lines_add(struct lines *L, unsigned attr, const char *text, size_t len)
{
	if (L->n == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 64;
		struct line *p = realloc(L->v, cap * sizeof(*p));
		if (!p)
			return;
		L->v = p;
		L->cap = cap;
	}
	L->v[L->n].attr = attr;
	L->v[L->n].text = strndup(text, len);
	if (L->v[L->n].text)
		L->n++;
}

/*
 * @line, cut into rows of at most @width columns, the rows after the first
 * indented by @indent: the wrapping measures text as UTF-8, and on an ASCII
 * terminal a transliterated character ("->" for an arrow) takes more
 * columns, so a wrapped line can still be too wide.
 */
static void lines_add_fitted(struct lines *L, unsigned attr, const char *line, size_t indent,
			     int width)
{
	struct strbuf row = STRBUF_INIT;
	const char *p = line;
	int room = width;

	if ((size_t)width <= indent + 2)
		indent = 0;
	/* a line of no more bytes than columns fits: no character is wider than its bytes */
	while (strlen(p) > (size_t)room && draw_width(p) > room) {
		size_t n = draw_prefix(p, room, NULL);
		uint32_t cp;
		if (!n)
			n = utf8_decode(p, strlen(p), &cp);
		strbuf_add(&row, p, n);
		lines_add(L, attr, strbuf_str(&row), row.len);
		strbuf_reset(&row);
		strbuf_addn(&row, ' ', indent);
		room = width - (int)indent;
		p += n;
		while (*p == ' ')
			p++;
	}
	strbuf_adds(&row, p);
	lines_add(L, attr, strbuf_str(&row), row.len);
	strbuf_release(&row);
}

/*
 * @s with each word wider than @room columns cut into lines of at most @room:
 * the wrapping breaks lines between words only, and a text without spaces
 * (CJK) or a long URL would run past the edge.
 */
static void split_long_words(struct strbuf *out, const char *s, int room)
{
	const char *p = s;

	while (*p) {
		size_t n = strcspn(p, " \n");
		char *word = (int)n > room ? strndup(p, n) : NULL; /* else it fits (see above) */
		const char *q = word ? word : "";
		if (word && draw_width(q) > room) {
			while (*q) {
				size_t k = draw_prefix(q, room, NULL);
				uint32_t cp;
				if (!k)
					k = utf8_decode(q, strlen(q), &cp);
				strbuf_add(out, q, k);
				q += k;
				if (*q)
					strbuf_addc(out, '\n');
			}
		} else {
			strbuf_add(out, p, n);
		}
		free(word);
		p += n;
		if (*p)
			strbuf_addc(out, *p++);
	}
}

/* @s wrapped to @width after @prefix (the first line) and @indent spaces (the rest). */
void lines_wrap(struct lines *L, unsigned attr, const char *prefix, const char *s,
		       size_t indent, int width)
{
	struct strbuf sb = STRBUF_INIT, split = STRBUF_INIT;
	const char *p;

	if (width < 10)
		width = 10;
	split_long_words(&split, s, width - (int)indent > 2 ? width - (int)indent : 2);
	strbuf_adds(&sb, prefix);
	text_add_wrapped(&sb, strbuf_str(&split), (size_t)draw_width(prefix), indent,
			 (size_t)width);
	strbuf_release(&split);
	for (p = strbuf_str(&sb);;) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		lines_add_fitted(L, attr, line ? line : "", indent, width);
		free(line);
		if (!p[n])
			break;
		p += n + 1;
	}
	strbuf_release(&sb);
}

void lines_blank(struct lines *L)
{
	lines_add(L, A_NORMAL, "", 0);
}

void lines_free(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++)
		free(L->v[i].text);
	free(L->v);
	memset(L, 0, sizeof(*L));
}

