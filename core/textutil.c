#include <string.h>

#include "textutil.h"

size_t utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n;

	if (!len) {
		*cp = 0;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		goto bad;
	}
	if (len < n)
		goto bad;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = 0xfffd;
	return 1;
}

void utf8_encode(struct strbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		strbuf_add(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		strbuf_add(sb, b, 4);
	}
}

int text_cp_width(uint32_t cp)
{
	/* combining marks and zero-width characters take no column */
	if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200c || cp == 0x200d ||
	    cp == 0xfeff)
		return 0;
	/* East Asian wide and fullwidth ranges, and the common emoji blocks */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	    (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t utf8_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	uint32_t cp;

	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

int text_is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f);
}

void text_add_plain(struct strbuf *sb, const char *s, int keep_tabs)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (text_is_control(cp))
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

void text_add_json(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	strbuf_addc(sb, '"');
	while (i < len) {
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
			else
				utf8_encode(sb, cp);
		}
	}
	strbuf_addc(sb, '"');
}

void text_add_md(struct strbuf *sb, const char *s)
{
	struct strbuf plain = STRBUF_INIT;
	const char *p;
	int line_start = 1;

	text_add_plain(&plain, s, 0);
	for (p = strbuf_str(&plain); *p; p++) {
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

void text_add_wrapped(struct strbuf *sb, const char *s, size_t start_col, size_t indent,
		      size_t width)
{
	struct strbuf plain = STRBUF_INIT;
	const char *p;
	size_t col = start_col;
	int words = 0; /* words written on this line */

	text_add_plain(&plain, s, 0);
	p = strbuf_str(&plain);
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
		wwidth = utf8_width(p, wlen);
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

void text_add_html(struct strbuf *sb, const char *s, int br)
{
	struct strbuf plain = STRBUF_INIT;

	text_add_plain(&plain, s, 0);
	for (const char *p = strbuf_str(&plain); *p; p++) {
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
