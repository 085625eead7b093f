/*
 * fuzz_check.h - what the text harnesses assert about output, written apart
 * from core/utf8.c so that a bug there cannot hide itself.
 */
#ifndef MU_FUZZ_CHECK_H
#define MU_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/*
 * The code point at @s (@len > 0 bytes) in *@cp and its length, or 0 when
 * the bytes there are not UTF-8 (overlong, surrogate, past U+10FFFF, cut).
 */
static size_t fc_utf8(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n;
	uint32_t c = s[0];

	if (c < 0x80)
		n = 1;
	else if ((c & 0xe0) == 0xc0)
		n = 2, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 3, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 4, c &= 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int fc_bidi(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/*
 * Abort unless @s (@len bytes) is valid UTF-8 without C0 controls (but
 * those in @allowed), DEL, C1 controls, bidi controls or U+2028/U+2029.
 */
static void fc_assert_safe(const char *s, size_t len, const char *allowed)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0, n; i < len; i += n) {
		uint32_t c = 0;
		n = fc_utf8(p + i, len - i, &c);
		if (!n)
			abort(); /* invalid UTF-8 */
		if (c < 0x20) {
			const char *a = allowed;
			while (*a && (unsigned char)*a != c)
				a++;
			if (!*a)
				abort();
		}
		if ((c >= 0x7f && c <= 0x9f) || fc_bidi(c) || c == 0x2028 || c == 0x2029)
			abort();
	}
}

#endif
