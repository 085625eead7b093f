/*
 * textutil.c - making text safe for a terminal and escaping it for each
 * output format (see textutil.h).
 */
#include <string.h>

#include "textutil.h"

int text_is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f);
}

int text_is_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Whether the character of @n bytes decoded as @cp is not shown as it is in
 * a one-line message: a control of any kind (newlines and tabs too), a byte
 * that is not UTF-8, a bidi control, a line or paragraph separator.
 */
static int unprintable(uint32_t cp, size_t n)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp == 0xfffd && n == 1) ||
	       text_is_bidi_control(cp) || cp == 0x2028 || cp == 0x2029;
}

/* The visible form of one unprintable character (see text_add_terminal). */
static void add_visible(struct strbuf *sb, const char *s, uint32_t cp, size_t n)
{
	if (cp == '\n')
		strbuf_adds(sb, "\\n");
	else if (cp == '\r')
		strbuf_adds(sb, "\\r");
	else if (cp == '\t')
		strbuf_adds(sb, "\\t");
	else if (n == 1)
		strbuf_addf(sb, "\\x%02x", (unsigned)(unsigned char)s[0]);
	else
		strbuf_addf(sb, "\\u%04x", (unsigned)cp);
}

void text_add_terminal(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0, run = 0; /* run: printable bytes from s + i - run, not yet added */
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!unprintable(cp, n)) {
			run += n;
		} else {
			strbuf_add(sb, s + i - run, run);
			run = 0;
			add_visible(sb, s + i, cp, n);
		}
		i += n;
	}
	strbuf_add(sb, s + i - run, run);
}

size_t text_find_unprintable(const char *s, size_t len, size_t *at)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n;
		/* printable ASCII, nearly all a Mesos answer holds, needs no decoding
		 * (a fifth of our own work in a 10,000-agent /master/slaves) */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (unprintable(cp, n)) {
			*at = i;
			return n;
		}
		i += n;
	}
	*at = len;
	return 0;
}

void text_add_unprintable_why(struct strbuf *sb, const char *s, size_t n)
{
	uint32_t cp;
	const char *what;

	utf8_decode(s, n, &cp);
	if (cp == 0xfffd && n == 1)
		what = "a byte that is not UTF-8";
	else if (text_is_bidi_control(cp))
		what = "a bidirectional control character";
	else if (cp == 0x2028 || cp == 0x2029)
		what = "a Unicode line separator";
	else
		what = "a control character";
	strbuf_addc(sb, '\'');
	text_add_terminal(sb, s, n);
	strbuf_addf(sb, "', %s", what);
}

/* How many bytes from @s on are printable ASCII (what every escaping passes as it is). */
static size_t ascii_run(const char *s)
{
	const char *p = s;

	while ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
		p++;
	return (size_t)(p - s);
}

void text_add_plain(struct strbuf *sb, const char *s, int keep_tabs)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (i < len) {
		/* a run of printable ASCII in one copy, not decoded a character at a time */
		size_t n = ascii_run(s + i);
		if (n) {
			strbuf_add(sb, s + i, n);
			if ((i += n) == len)
				break;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (text_is_control(cp) || text_is_bidi_control(cp) || cp == 0x2028 || cp == 0x2029)
			cp = 0xfffd;
		if (cp == '\t' && !keep_tabs)
			cp = ' ';
		if (cp == 0xfffd || n != 1 || cp >= 0x80)
			utf8_encode(sb, cp);
		else
			strbuf_addc(sb, (char)cp);
		i += n;
	}
}

/*
 * The bytes an escaping passes as they are: printable ASCII but what HTML
 * escapes (KEEP_HTML: & < > " '), Markdown does (KEEP_MD: & \\ ` * _ [ ] < > # | ~)
 * or a JSON string does (KEEP_JSON: " \\); never NUL. KEEP_ASCII: every
 * printable ASCII byte.
 */
enum { KEEP_HTML = 1, KEEP_MD = 2, KEEP_JSON = 4, KEEP_ASCII = 8 };
static const unsigned char keep[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	15, 15, 10, 13, 15, 15, 12, 14, 15, 15, 13, 15, 15, 15, 15, 15,
	15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 12, 15, 12, 15,
	15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
	15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 13, 9, 13, 15, 13,
	13, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
	15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 13, 15, 13, 0,
	/* 0x80 and up: 0 */
};

void text_add_json(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	strbuf_addc(sb, '"');
	while (i < len) {
		size_t run = i;
		/* most of any text: as it is, a run at a time (the NUL ends a run) */
		while (keep[(unsigned char)s[run]] & KEEP_JSON)
			run++;
		if (run > i) {
			strbuf_add(sb, s + i, run - i);
			i = run;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '"': strbuf_adds(sb, "\\\""); break;
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '\n': strbuf_adds(sb, "\\n"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		case '\r': strbuf_adds(sb, "\\r"); break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
				strbuf_addf(sb, "\\u%04x", (unsigned)cp);
			else if (text_is_bidi_control(cp))
				utf8_encode(sb, 0xfffd);
			else
				utf8_encode(sb, cp);
		}
	}
	strbuf_addc(sb, '"');
}

/* @s as text_add_plain() makes it: @s itself when that changes nothing (no copy), else in @plain. */
static const char *as_plain(const char *s, struct strbuf *plain)
{
	if (!s[ascii_run(s)])
		return s;
	text_add_plain(plain, s, 0);
	return strbuf_str(plain);
}

/* How many bytes from @s on are of class @bit in keep[]. */
static size_t keep_run(const char *s, unsigned bit)
{
	const char *p = s;

	while (keep[(unsigned char)*p] & bit)
		p++;
	return (size_t)(p - s);
}

/*
 * Whether Markdown takes @s as it is: none of its bytes escaped, and it does
 * not start a list (digits then '.' or ')' too), a heading's underline or an
 * indented block (most texts of a report: "a note", a time, a name). One
 * pass over it: its digits counted by strspn() first took libc's slow path
 * for a set. A byte at a time: strlen() then eight bytes at a time cost
 * more than it saved on a report's texts, most of them short (B's
 * Markdown 1.7 M instructions more, E's HTML 15.5 M).
 */
static bool md_as_is(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t digits = 0;

	if (*p == ' ' || *p == '-' || *p == '+' || *p == '=')
		return false;
	while ((unsigned)(p[digits] - '0') < 10)
		digits++;
	if (digits && (p[digits] == '.' || p[digits] == ')'))
		return false;
	*n = digits + keep_run(s + digits, KEEP_MD);
	return !s[*n];
}

bool text_add_md_as_is(struct strbuf *sb, const char *s)
{
	size_t len;

	if (!md_as_is(s, &len))
		return false;
	strbuf_add(sb, s, len);
	return true;
}

/* text_add_md() of a text it does not take as it is. */
static void md_escaped(struct strbuf *sb, const char *s)
{
	struct strbuf plain = STRBUF_INIT;
	const char *p;
	int line_start = 1;

	for (p = as_plain(s, &plain); *p; p++) {
		if (!line_start) {
			/* what needs no escaping, in one copy */
			size_t n = strcspn(p, "\n&\\`*_[]<>#|~");
			strbuf_add(sb, p, n);
			if (!*(p += n))
				break;
		}
		if (*p == '\n') {
			strbuf_adds(sb, "  \n"); /* a hard line break */
			line_start = 1;
			continue;
		}
		if (line_start) {
			size_t digits = strspn(p, "0123456789");
			line_start = 0;
			if (*p == ' ') {
				strbuf_adds(sb, "&#32;");
				line_start = 1;
				continue;
			}
			/* '=' too: "Title\n===" would make a setext heading */
			if (*p == '-' || *p == '+' || *p == '=') {
				strbuf_addc(sb, '\\');
			} else if (digits && (p[digits] == '.' || p[digits] == ')')) {
				strbuf_add(sb, p, digits);
				strbuf_addc(sb, '\\');
				p += digits;
			}
		}
		if (*p == '&')
			strbuf_adds(sb, "&amp;");
		else if (strchr("\\`*_[]<>#|~", *p))
			strbuf_addc(sb, '\\'), strbuf_addc(sb, *p);
		else
			strbuf_addc(sb, *p);
	}
	strbuf_release(&plain);
}

void text_add_md(struct strbuf *sb, const char *s)
{
	if (!text_add_md_as_is(sb, s))
		md_escaped(sb, s);
}

/*
 * text_add_wrapped() of the words @s..@e, printable ASCII one space apart:
 * what its loop writes, a line's words after the first in one copy (the
 * longest run of them that fits), not a word at a time.
 */
static void wrap_words(struct strbuf *sb, const char *s, const char *e, size_t col,
		       size_t indent, size_t width)
{
	const char *p = s;

	while (p < e) {
		/* the first word of a line: on the next when it fits there and not here */
		const char *w = memchr(p, ' ', (size_t)(e - p));
		size_t wlen = w ? (size_t)(w - p) : (size_t)(e - p), room, k;
		if (col > indent && col + wlen > width && indent + wlen <= width) {
			strbuf_addc(sb, '\n');
			strbuf_addn(sb, ' ', indent);
			col = indent;
		}
		strbuf_add(sb, p, wlen);
		col += wlen;
		p += wlen;
		if (p == e)
			break;
		/* then " word word ...": as many as fit, to a space or the end */
		room = col < width ? width - col : 0;
		if ((size_t)(e - p) <= room) {
			k = (size_t)(e - p);
		} else {
			for (k = room; p[k] != ' '; k--)
				;
		}
		strbuf_add(sb, p, k);
		col += k;
		if ((p += k) == e)
			break;
		strbuf_addc(sb, '\n'); /* p is at the space before a word that does not fit */
		strbuf_addn(sb, ' ', indent);
		col = indent;
		p++;
	}
}

/* 0x80 in each byte of @x that is 0, nothing else (eight bytes at once, no carry between) */
static inline uint64_t zero_bytes(uint64_t x)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fu;

	return ~(((x & low7) + low7) | x | low7);
}

/*
 * Whether the @len bytes of @s are words of printable ASCII one space apart:
 * none first or last, none doubled ("" is). Eight bytes at a time, as a
 * 64-bit word: a byte at a time, then strstr() for two spaces, was 700
 * instructions a row of a text timeline (E, 100,000 events, the rows 55 to
 * 75 bytes long); eight keep[] entries ANDed, 37 instructions for eight
 * bytes, where the word takes about 20.
 */
static bool single_spaced(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t ones = 0x0101010101010101u;
	size_t i = 0;

	if (len && (p[0] == ' ' || p[len - 1] == ' '))
		return false;
	for (; i + 8 <= len; i += 8) {
		uint64_t w, bad, sp;
		memcpy(&w, p + i, 8);
		/* 0x80 and up, below 0x20 (the low seven bits + 0x60 do not reach 0x80), DEL */
		bad = (w | ~((w & ones * 0x7f) + ones * 0x60) | zero_bytes(w ^ ones * 0x7f)) &
		      ones * 0x80;
		sp = zero_bytes(w ^ ones * ' ');
		/* two spaces side by side in the word, or across its start */
		if (bad || (sp & (sp << 8)) || (i && p[i] == ' ' && p[i - 1] == ' '))
			return false;
	}
	for (; i < len; i++)
		if (!(keep[p[i]] & KEEP_ASCII) || (i && p[i] == ' ' && p[i - 1] == ' '))
			return false;
	return true;
}

void text_add_wrapped(struct strbuf *sb, const char *s, size_t start_col, size_t indent,
		      size_t width)
{
	struct strbuf plain = STRBUF_INIT;
	const char *p;
	size_t col = start_col;
	int words = 0; /* words written on this line */
	size_t len = strlen(s);
	bool ascii;

	/* words of printable ASCII one space apart: a line's in one copy */
	if (single_spaced(s, len)) {
		wrap_words(sb, s, s + len, start_col, indent, width);
		return;
	}
	p = as_plain(s, &plain);
	ascii = p == s; /* printable ASCII: a word's width is its length */
	while (*p) {
		size_t wlen, wwidth;
		if (*p == '\n') {
			strbuf_addc(sb, '\n');
			strbuf_addn(sb, ' ', indent);
			col = indent;
			words = 0;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		wlen = strcspn(p, " \n");
		wwidth = ascii ? wlen : utf8_width(p, wlen);
		/*
		 * A first word that does not fit after the caller's prefix starts
		 * a new line, unless it would not fit on one either.
		 */
		if (words ? col + 1 + wwidth > width
			  : col > indent && col + wwidth > width && indent + wwidth <= width) {
			strbuf_addc(sb, '\n');
			strbuf_addn(sb, ' ', indent);
			col = indent;
			words = 0;
		} else if (words) {
			strbuf_addc(sb, ' ');
			col++;
		}
		strbuf_add(sb, p, wlen);
		col += wwidth;
		words++;
		p += wlen;
	}
	strbuf_release(&plain);
}

/* text_add_html() of a text with something to escape. */
static void html_escaped(struct strbuf *sb, const char *s, int br)
{
	struct strbuf plain = STRBUF_INIT;

	for (const char *p = as_plain(s, &plain); *p; p++) {
		/* what needs no escaping, in one copy */
		size_t n = strcspn(p, "&<>\"'\n");
		strbuf_add(sb, p, n);
		if (!*(p += n))
			break;
		switch (*p) {
		case '&': strbuf_adds(sb, "&amp;"); break;
		case '<': strbuf_adds(sb, "&lt;"); break;
		case '>': strbuf_adds(sb, "&gt;"); break;
		case '"': strbuf_adds(sb, "&quot;"); break;
		case '\'': strbuf_adds(sb, "&#39;"); break;
		case '\n': strbuf_adds(sb, br ? "<br>\n" : " "); break;
		default: strbuf_addc(sb, *p);
		}
	}
	strbuf_release(&plain);
}

void text_add_html(struct strbuf *sb, const char *s, int br)
{
	size_t len = keep_run(s, KEEP_HTML);

	if (!s[len]) /* nothing to escape: in one copy */
		strbuf_add(sb, s, len);
	else
		html_escaped(sb, s, br);
}

size_t text_distance(const char *a, const char *b)
{
	/* three rows: the one before the previous is the transpositions' */
	size_t la = strlen(a), lb = strlen(b), row[3][TEXT_DISTANCE_MAX + 1];

	if (la > TEXT_DISTANCE_MAX || lb > TEXT_DISTANCE_MAX)
		return TEXT_DISTANCE_FAR;
	for (size_t j = 0; j <= lb; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *d = row[i % 3], *p = row[(i - 1) % 3], *pp = row[(i + 1) % 3];
		d[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = p[j - 1] + (a[i - 1] != b[j - 1]);
			if (p[j] + 1 < best)
				best = p[j] + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			d[j] = best;
		}
	}
	return row[la % 3][lb];
}
