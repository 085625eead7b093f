/*
 * test_textutil.c - UTF-8 decoding, sanitizing, escaping for JSON and
 * Markdown, and wrapping (include/textutil.h); text for a terminal is in
 * test_terminal.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "textutil.h"

#define FFFD "\xef\xbf\xbd"

/* ---- utf8_decode ------------------------------------------------------- */

/*
 * Decodes @len bytes of @s copied to a heap block of exactly that size, so
 * that a read past @len is caught by AddressSanitizer.
 */
static size_t decode(const char *s, size_t len, uint32_t *cp)
{
	char *copy = malloc(len ? len : 1);
	size_t n;

	assert_non_null(copy);
	memcpy(copy, s, len);
	*cp = 0xdeadbeef;
	n = utf8_decode(copy, len, cp);
	free(copy);
	return n;
}

static void expect_decode(const char *s, size_t len, uint32_t want_cp, size_t want_n)
{
	uint32_t cp;
	size_t n = decode(s, len, &cp);

	if (cp != want_cp || n != want_n)
		fail_msg("utf8_decode(%02x.., %zu) = U+%04X/%zu, expected U+%04X/%zu",
			 (unsigned char)s[0], len, (unsigned)cp, n, (unsigned)want_cp, want_n);
}

#define VALID(lit, cp) expect_decode(lit, sizeof(lit) - 1, cp, sizeof(lit) - 1)
#define INVALID(lit) expect_decode(lit, sizeof(lit) - 1, 0xfffd, 1)

static void test_decode_valid(void **state)
{
	(void)state;
	VALID("A", 0x41);
	VALID("\x7f", 0x7f);
	expect_decode("\0", 1, 0, 1);
	VALID("\xc2\x80", 0x80);              /* smallest 2-byte */
	VALID("\xc3\xa9", 0xe9);              /* é */
	VALID("\xdf\xbf", 0x7ff);             /* largest 2-byte */
	VALID("\xe0\xa0\x80", 0x800);         /* smallest 3-byte */
	VALID("\xe2\x82\xac", 0x20ac);        /* € */
	VALID("\xed\x9f\xbf", 0xd7ff);        /* just below the surrogates */
	VALID("\xee\x80\x80", 0xe000);        /* just above them */
	VALID(FFFD, 0xfffd);                  /* a real U+FFFD is 3 bytes */
	VALID("\xef\xbf\xbf", 0xffff);
	VALID("\xf0\x90\x80\x80", 0x10000);   /* smallest 4-byte */
	VALID("\xf0\x9f\x98\x80", 0x1f600);   /* emoji */
	VALID("\xf4\x8f\xbf\xbf", 0x10ffff);  /* the last code point */
	/* only the first code point is decoded */
	expect_decode("\xc3\xa9z", 3, 0xe9, 2);
	expect_decode("ab", 2, 'a', 1);
}

static void test_decode_invalid(void **state)
{
	uint32_t cp = 1;

	(void)state;
	/* overlong forms */
	INVALID("\xc0\x80");
	INVALID("\xc0\xaf");
	INVALID("\xc1\xbf");
	INVALID("\xe0\x80\x80");
	INVALID("\xe0\x9f\xbf");
	INVALID("\xf0\x80\x80\x80");
	INVALID("\xf0\x8f\xbf\xbf");
	/* surrogates */
	INVALID("\xed\xa0\x80");
	INVALID("\xed\xad\xbf");
	INVALID("\xed\xbf\xbf");
	/* beyond U+10FFFF */
	INVALID("\xf4\x90\x80\x80");
	INVALID("\xf5\x80\x80\x80");
	INVALID("\xf7\xbf\xbf\xbf");
	INVALID("\xf8\x88\x80\x80\x80");
	INVALID("\xfc\x84\x80\x80\x80\x80");
	INVALID("\xfe");
	INVALID("\xff");
	/* stray continuation bytes */
	INVALID("\x80");
	INVALID("\xbf");
	INVALID("\x80\x80");
	/* a lead byte followed by a non-continuation */
	INVALID("\xc3" "A");
	INVALID("\xe2\x28\xa1");
	INVALID("\xe2\x82" "A");
	INVALID("\xf0\x9f\x98" "A");
	/* truncated by the end of the input */
	INVALID("\xc3");
	INVALID("\xe2\x82");
	INVALID("\xf0\x9f\x98");
	/* truncated by @len even though more bytes follow in memory */
	expect_decode("\xc3\xa9", 1, 0xfffd, 1);
	expect_decode("\xe2\x82\xac", 2, 0xfffd, 1);
	expect_decode("\xf0\x9f\x98\x80", 3, 0xfffd, 1);
	/* nothing to decode */
	assert_int_equal(utf8_decode("", 0, &cp), 0);
}

/* Invalid bytes are consumed one at a time, so decoding resynchronizes. */
static void test_decode_resync(void **state)
{
	static const char s[] = "a\xff\xe2\x82" "b\xc3\xa9\xed\xa0\x80" "c";
	static const uint32_t want[] = { 'a', 0xfffd, 0xfffd, 0xfffd, 'b', 0xe9,
					 0xfffd, 0xfffd, 0xfffd, 'c' };
	size_t i = 0, k = 0, len = sizeof(s) - 1;

	(void)state;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		assert_true(n >= 1);
		assert_true(k < sizeof(want) / sizeof(want[0]));
		assert_int_equal(cp, want[k]);
		i += n;
		k++;
	}
	assert_int_equal(i, len);
	assert_int_equal(k, sizeof(want) / sizeof(want[0]));
	/* one column per code point, an invalid byte being one */
	assert_int_equal(utf8_width(s, len), k);
}

static void test_encode_round_trip(void **state)
{
	static const uint32_t cps[] = { 0x1, 0x41, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x20ac,
					0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600,
					0x10ffff };

	(void)state;
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		uint32_t cp;

		utf8_encode(&sb, cps[i]);
		assert_int_equal(utf8_decode(sb.buf, sb.len, &cp), sb.len);
		assert_int_equal(cp, cps[i]);
		strbuf_release(&sb);
	}
}

static void test_is_control(void **state)
{
	(void)state;
	assert_true(text_is_control(0x00));
	assert_true(text_is_control(0x1b));
	assert_true(text_is_control('\r'));
	assert_true(text_is_control(0x7f));
	assert_true(text_is_control(0x80));
	assert_true(text_is_control(0x9b));
	assert_true(text_is_control(0x9f));
	assert_false(text_is_control('\n'));
	assert_false(text_is_control('\t'));
	assert_false(text_is_control(' '));
	assert_false(text_is_control('~'));
	assert_false(text_is_control(0xa0));
	assert_false(text_is_control(0xe9));
}

/* ---- text_add_plain ---------------------------------------------------- */

static void expect_plain(const char *in, int keep_tabs, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_plain(&sb, in, keep_tabs);
	assert_string_equal(strbuf_str(&sb), want);
	assert_int_equal(sb.len, strlen(want));
	strbuf_release(&sb);
}

/* No byte of the output may be a C0 control (but \n and \t) or DEL, and it is valid UTF-8 without C1. */
static void assert_terminal_safe(const char *s, bool tabs_ok)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == 0xfffd && n != 3)
			fail_msg("invalid UTF-8 at byte %zu of \"%s\"", i, s);
		if (text_is_control(cp) || (cp == '\t' && !tabs_ok))
			fail_msg("control U+%04X at byte %zu", (unsigned)cp, i);
		i += n;
	}
}

static void test_plain(void **state)
{
	(void)state;
	expect_plain("", 0, "");
	expect_plain("plain text, 0.22 -> 0.23", 0, "plain text, 0.22 -> 0.23");
	/* an escape sequence loses its introducer: it cannot reach a terminal */
	expect_plain("\x1b[31mred\x1b[0m", 0, FFFD "[31mred" FFFD "[0m");
	/* C1 CSI encoded in UTF-8 */
	expect_plain("a\xc2\x9b" "31mb", 0, "a" FFFD "31mb");
	/* other controls */
	expect_plain("a\rb\x07" "c\x7f" "d\x01", 0, "a" FFFD "b" FFFD "c" FFFD "d" FFFD);
	/* newline kept, tab becomes a space unless kept */
	expect_plain("one\ntwo\tthree", 0, "one\ntwo three");
	expect_plain("one\ntwo\tthree", 1, "one\ntwo\tthree");
	/* valid non-ASCII kept as is, invalid bytes replaced one by one */
	expect_plain("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 0,
		     "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	expect_plain("a\xff\xfe" "b", 0, "a" FFFD FFFD "b");
	expect_plain("\xc0\xaf", 0, FFFD FFFD);
	expect_plain("\xed\xa0\x80", 0, FFFD FFFD FFFD);
	expect_plain("end\xe2\x82", 0, "end" FFFD FFFD);
	expect_plain(FFFD, 0, FFFD);
}

static void test_plain_is_safe(void **state)
{
	char all[256];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* every byte value but NUL, in one string */
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	text_add_plain(&sb, all, 0);
	assert_null(memchr(sb.buf, 0x1b, sb.len));
	assert_null(memchr(sb.buf, '\t', sb.len));
	assert_terminal_safe(sb.buf, false);
	assert_non_null(strstr(sb.buf, "\n"));
	/* appends: what was there is kept */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "> ");
	text_add_plain(&sb, "\x1b" "x", 1);
	assert_string_equal(sb.buf, "> " FFFD "x");
	strbuf_release(&sb);
}

/* ---- text_add_json ----------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool hex4(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return false;
		v = v << 4 | (uint32_t)h;
	}
	*out = v;
	return true;
}

/*
 * A strict decoder of one JSON string literal (RFC 8259) that must make up
 * all of @s; the decoded text goes to @out. Fails the test when it is not one.
 */
static void json_unquote(const char *s, struct strbuf *out)
{
	size_t len = strlen(s), i = 1;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		fail_msg("not a JSON string: %s", s);
	len--;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == 0xfffd && n != 3)
			fail_msg("invalid UTF-8 in JSON at byte %zu: %s", i, s);
		if (cp < 0x20)
			fail_msg("raw control byte %02x in JSON: %s", (unsigned)cp, s);
		if (cp == '"')
			fail_msg("unescaped quote inside JSON string: %s", s);
		if (cp != '\\') {
			strbuf_add(out, s + i, n);
			i += n;
			continue;
		}
		if (i + 1 >= len)
			fail_msg("backslash at the end of JSON string: %s", s);
		switch (s[i + 1]) {
		case '"': strbuf_addc(out, '"'); break;
		case '\\': strbuf_addc(out, '\\'); break;
		case '/': strbuf_addc(out, '/'); break;
		case 'b': strbuf_addc(out, '\b'); break;
		case 'f': strbuf_addc(out, '\f'); break;
		case 'n': strbuf_addc(out, '\n'); break;
		case 'r': strbuf_addc(out, '\r'); break;
		case 't': strbuf_addc(out, '\t'); break;
		case 'u':
			if (i + 6 > len || !hex4(s + i + 2, &cp))
				fail_msg("bad \\u escape in JSON: %s", s);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				uint32_t lo = 0;
				if (i + 12 > len || s[i + 6] != '\\' || s[i + 7] != 'u' ||
				    !hex4(s + i + 8, &lo) || lo < 0xdc00 || lo > 0xdfff)
					fail_msg("lone surrogate in JSON: %s", s);
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				fail_msg("lone surrogate in JSON: %s", s);
			}
			utf8_encode(out, cp);
			i += 4;
			break;
		default:
			fail_msg("bad escape \\%c in JSON: %s", s[i + 1], s);
		}
		i += 2;
	}
}

/* text_add_json(@in) is a JSON string whose value is @value. */
static void expect_json_value(const char *in, const char *value)
{
	struct strbuf sb = STRBUF_INIT, dec = STRBUF_INIT;

	text_add_json(&sb, in);
	json_unquote(sb.buf, &dec);
	assert_string_equal(strbuf_str(&dec), value);
	assert_int_equal(dec.len, strlen(value));
	strbuf_release(&sb);
	strbuf_release(&dec);
}

static void expect_json(const char *in, const char *literal)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_json(&sb, in);
	assert_string_equal(strbuf_str(&sb), literal);
	strbuf_release(&sb);
}

static void test_json(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	expect_json("", "\"\"");
	expect_json("plain", "\"plain\"");
	expect_json("say \"hi\"", "\"say \\\"hi\\\"\"");
	expect_json("C:\\dir", "\"C:\\\\dir\"");
	expect_json("a\nb\tc", "\"a\\nb\\tc\"");
	/* valid non-ASCII is written as is, not escaped */
	expect_json("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");

	/* every string decodes back to itself ... */
	expect_json_value("quote \" backslash \\ slash / end", "quote \" backslash \\ slash / end");
	expect_json_value("nl\ncr\rtab\tbs\bff\f", "nl\ncr\rtab\tbs\bff\f");
	expect_json_value("\x01\x02\x1b\x1f\x7f", "\x01\x02\x1b\x1f\x7f");
	expect_json_value("c1 \xc2\x80\xc2\x9b\xc2\x9f", "c1 \xc2\x80\xc2\x9b\xc2\x9f");
	expect_json_value("ls \xe2\x80\xa8 ps \xe2\x80\xa9", "ls \xe2\x80\xa8 ps \xe2\x80\xa9");
	expect_json_value("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
	/* ... but invalid UTF-8, which becomes U+FFFD byte by byte */
	expect_json_value("a\xff" "b", "a" FFFD "b");
	expect_json_value("\xc0\xaf", FFFD FFFD);
	expect_json_value("\xed\xa0\x80", FFFD FFFD FFFD);
	expect_json_value("cut\xe2\x82", "cut" FFFD FFFD);

	/* a control character is a \u00XX escape, never a raw byte */
	text_add_json(&sb, "\x1b[31m\x01");
	assert_null(memchr(sb.buf, 0x1b, sb.len));
	assert_null(memchr(sb.buf, 0x01, sb.len));
	for (size_t i = 0; i < sb.len; i++) /* either case of hex digit is JSON */
		if (sb.buf[i] >= 'A' && sb.buf[i] <= 'F')
			sb.buf[i] = (char)(sb.buf[i] - 'A' + 'a');
	assert_string_equal(sb.buf, "\"\\u001b[31m\\u0001\"");
	/* appends after what the buffer held */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "{\"k\":");
	text_add_json(&sb, "v");
	assert_string_equal(sb.buf, "{\"k\":\"v\"");
	strbuf_release(&sb);
}

/* Every byte value 1..255 makes one valid JSON string. */
static void test_json_all_bytes(void **state)
{
	char all[256];
	struct strbuf sb = STRBUF_INIT, dec = STRBUF_INIT;

	(void)state;
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	text_add_json(&sb, all);
	json_unquote(sb.buf, &dec);
	/* the ASCII part survives exactly */
	assert_int_equal(memcmp(dec.buf, all, 127), 0);
	strbuf_release(&sb);
	strbuf_release(&dec);
}

/* ---- text_add_md ------------------------------------------------------- */

static void expect_md(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_md(&sb, in);
	if (strcmp(strbuf_str(&sb), want) != 0)
		fail_msg("text_add_md(\"%s\") = \"%s\", expected \"%s\"", in, strbuf_str(&sb),
			 want);
	strbuf_release(&sb);
}

static void test_md_escapes(void **state)
{
	(void)state;
	expect_md("", "");
	expect_md("plain words, 0.22 - 0.23 (ok).", "plain words, 0.22 - 0.23 (ok).");
	expect_md("a*b*", "a\\*b\\*");
	expect_md("snake_case_flag", "snake\\_case\\_flag");
	expect_md("[link](http://x)", "\\[link\\](http://x)");
	expect_md("<b>html</b>", "\\<b\\>html\\</b\\>");
	expect_md("x # y", "x \\# y");
	expect_md("a | b", "a \\| b");
	expect_md("~~strike~~", "\\~\\~strike\\~\\~");
	expect_md("`code`", "\\`code\\`");
	expect_md("back\\slash", "back\\\\slash");
	expect_md("frameworks[*].executors[*].data",
		  "frameworks\\[\\*\\].executors\\[\\*\\].data");
	/* entities cannot be formed */
	expect_md("a & b", "a &amp; b");
	expect_md("&amp; &#32;", "&amp;amp; &amp;\\#32;");
	/* not escaped in the middle of a line: plain otherwise */
	expect_md("use --checkpoint.", "use --checkpoint.");
	expect_md("version 1.0 and 2) b", "version 1.0 and 2) b");
}

static void test_md_line_starts(void **state)
{
	(void)state;
	/* a leading "-", "+" or "1." does not start a list */
	expect_md("- item", "\\- item");
	expect_md("--isolation=posix/cpu", "\\--isolation=posix/cpu");
	expect_md("+ item", "\\+ item");
	expect_md("1. item", "1\\. item");
	expect_md("12) item", "12\\) item");
	expect_md("2022.", "2022\\.");
	/* digits then anything else: as they are (a time) */
	expect_md("2026-01-31T22:00:00Z", "2026-01-31T22:00:00Z");
	expect_md("7 agents", "7 agents");
	expect_md("1", "1");
	/* a heading cannot start a line either */
	expect_md("# title", "\\# title");
	expect_md("> quote", "\\> quote");
	/* nor a thematic break or a setext underline */
	expect_md("---", "\\---");
	expect_md("***", "\\*\\*\\*");
	/* the same on every line: newlines are hard breaks */
	expect_md("a\n- b\n1. c", "a  \n\\- b  \n1\\. c");
	expect_md("Title\n===", "Title  \n\\===");
	/* leading spaces cannot make an indented code block */
	expect_md("    code", "&#32;&#32;&#32;&#32;code");
	expect_md("\tcode", "&#32;code");
}

static void test_md_sanitized(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	text_add_md(&sb, "\x1b[31mred\xc2\x9b\xff");
	assert_null(memchr(sb.buf, 0x1b, sb.len));
	assert_string_equal(sb.buf, FFFD "\\[31mred" FFFD FFFD);
	strbuf_reset(&sb);
	text_add_md(&sb, "caf\xc3\xa9 \xe2\x82\xac");
	assert_string_equal(sb.buf, "caf\xc3\xa9 \xe2\x82\xac");
	strbuf_release(&sb);
}

/* ---- text_add_wrapped -------------------------------------------------- */

/*
 * Checks @out, wrapped from @in with (@start, @indent, @width): the words
 * are those of @in in order; every line fits the width (the first counting
 * @start) unless it holds a single word too long to fit; continuation lines
 * start with exactly @indent spaces; no line ends with a space.
 */
static void check_wrapped(const char *in, const char *out, size_t start, size_t indent,
			  size_t width)
{
	const char *line = out, *w;
	struct strbuf words_in = STRBUF_INIT, words_out = STRBUF_INIT;
	size_t lineno = 0;

	for (;;) {
		size_t len = strcspn(line, "\n");
		size_t col = lineno ? 0 : start;
		size_t cols = col + utf8_width(line, len);
		size_t text_at = 0;

		if (lineno) {
			for (size_t i = 0; i < indent; i++)
				if (i >= len || line[i] != ' ')
					fail_msg("line %zu lacks the %zu-space indent: \"%.*s\"",
						 lineno + 1, indent, (int)len, line);
			text_at = indent;
		}
		if (len > text_at && line[text_at] == ' ')
			fail_msg("line %zu has more than the indent: \"%.*s\"", lineno + 1,
				 (int)len, line);
		if (len && line[len - 1] == ' ' && len > text_at)
			fail_msg("line %zu ends with a space: \"%.*s\"", lineno + 1, (int)len, line);
		/* wider than the width only for one word too long for any line */
		if (cols > width && memchr(line + text_at, ' ', len - text_at))
			fail_msg("line %zu is %zu columns, wider than %zu: \"%.*s\"", lineno + 1,
				 cols, width, (int)len, line);
		if (cols > width && indent + utf8_width(line + text_at, len - text_at) <= width)
			fail_msg("line %zu is %zu columns, wider than %zu, though its word fits "
				 "on a line of its own: \"%.*s\"", lineno + 1, cols, width, (int)len,
				 line);
		if (words_out.len && len > text_at)
			strbuf_addc(&words_out, ' ');
		strbuf_add(&words_out, line + text_at, len - text_at);
		lineno++;
		if (!line[len])
			break;
		line += len + 1;
	}
	/* the words of the input, separated by single spaces */
	for (w = in; *w;) {
		size_t n;
		w += strspn(w, " \n");
		n = strcspn(w, " \n");
		if (!n)
			break;
		if (words_in.len)
			strbuf_addc(&words_in, ' ');
		strbuf_add(&words_in, w, n);
		w += n;
	}
	assert_string_equal(strbuf_str(&words_out), strbuf_str(&words_in));
	strbuf_release(&words_in);
	strbuf_release(&words_out);
}

static char *wrap(const char *in, size_t start, size_t indent, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	text_add_wrapped(&sb, in, start, indent, width);
	assert_false(strbuf_failed(&sb));
	out = malloc(sb.len + 1);
	assert_non_null(out);
	memcpy(out, strbuf_str(&sb), sb.len + 1);
	strbuf_release(&sb);
	return out;
}

static const char lorem[] =
	"Install the new agent (mesos-slave) binaries, then follow one of the two "
	"branches below, depending on whether the agents use cgroups isolation. The "
	"--isolation flag has changed: process is deprecated in favor of "
	"posix/cpu,posix/mem.";

static void test_wrap_fits_width(void **state)
{
	static const size_t widths[] = { 12, 20, 33, 40, 78, 200 };

	(void)state;
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		for (size_t indent = 0; indent <= 6; indent += 2) {
			size_t start = indent;
			char *out = wrap(lorem, start, indent, widths[i]);

			check_wrapped(lorem, out, start, indent, widths[i]);
			/* no newline at the end */
			assert_true(out[strlen(out) - 1] != '\n');
			free(out);
		}
	}
}

static void test_wrap_exact(void **state)
{
	char *out;

	(void)state;
	/* fills each line up to the width exactly, not beyond */
	out = wrap("aaaa bbbb cccc dddd", 0, 0, 9);
	assert_string_equal(out, "aaaa bbbb\ncccc dddd");
	free(out);
	out = wrap("aaaa bbbb cccc dddd", 0, 0, 8);
	assert_string_equal(out, "aaaa\nbbbb\ncccc\ndddd");
	free(out);
	/* continuation lines are indented */
	out = wrap("aaaa bbbb cccc dddd", 2, 2, 11);
	assert_string_equal(out, "aaaa bbbb\n  cccc dddd");
	free(out);
	/* runs of spaces collapse */
	out = wrap("  aaaa    bbbb  ", 0, 0, 80);
	assert_string_equal(out, "aaaa bbbb");
	free(out);
	/* width counts code points, not bytes */
	out = wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0, 0, 9);
	assert_string_equal(out, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	free(out);
	out = wrap("", 4, 4, 10);
	assert_string_equal(out, "");
	free(out);
}

/* The caller's prefix takes room on the first line only. */
static void test_wrap_start_col(void **state)
{
	char *out;

	(void)state;
	/* "Warning: " written already (9 columns) */
	out = wrap("aaaa bbbb cccc dddd", 9, 2, 20);
	assert_string_equal(out, "aaaa bbbb\n  cccc dddd");
	free(out);
	out = wrap("aaaa bbbb cccc dddd", 12, 2, 20);
	assert_string_equal(out, "aaaa\n  bbbb cccc dddd");
	free(out);
	/* continuation indent may be deeper than the prefix */
	out = wrap("aaaa bbbb cccc", 0, 6, 10);
	assert_string_equal(out, "aaaa bbbb\n      cccc");
	free(out);
	/* a first word that does not fit after the prefix goes to the next line */
	out = wrap("aaaaaaaa bb", 15, 2, 20);
	check_wrapped("aaaaaaaa bb", out, 15, 2, 20);
	assert_string_equal(out, "\n  aaaaaaaa bb");
	free(out);
	for (size_t start = 0; start <= 30; start += 3) {
		out = wrap(lorem, start, 4, 30);
		check_wrapped(lorem, out, start, 4, 30);
		free(out);
	}
}

/*
 * Words one space apart are wrapped a line at a time, others a word at a
 * time: the same words spelled with a tab or two spaces between two of them
 * wrap alike, at every prefix, indent and width.
 */
static void test_wrap_spellings_alike(void **state)
{
	static const char *const texts[] = {
		lorem, "see frameworks[*].executors[*].data here", "aaaaaaaa bb", "a b c d e f g",
	};

	(void)state;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		struct strbuf tab = STRBUF_INIT, two = STRBUF_INIT;
		const char *sp = strchr(texts[t], ' ');
		strbuf_add(&tab, texts[t], (size_t)(sp - texts[t]));
		strbuf_add(&two, texts[t], (size_t)(sp - texts[t]));
		strbuf_adds(&tab, "\t");
		strbuf_adds(&two, "  ");
		strbuf_adds(&tab, sp + 1);
		strbuf_adds(&two, sp + 1);
		for (size_t width = 4; width <= 90; width += 3)
			for (size_t start = 0; start <= 40; start += 5)
				for (size_t indent = 0; indent <= 8; indent += 4) {
					char *one = wrap(texts[t], start, indent, width);
					char *a = wrap(strbuf_str(&tab), start, indent, width);
					char *b = wrap(strbuf_str(&two), start, indent, width);
					assert_string_equal(one, a);
					assert_string_equal(one, b);
					free(one);
					free(a);
					free(b);
				}
		strbuf_release(&tab);
		strbuf_release(&two);
	}
}

/*
 * A doubled space, a control character, DEL or a letter of UTF-8 at any
 * place of a text (words one space apart are looked at eight bytes at a
 * time): wrapped as the text that has not one is, or sanitized.
 */
static void test_wrap_any_place(void **state)
{
	static const char base[] = "aaaa bbbbbbb cc ddddd eeeeeeeeee f ggggggg hh iii";
	static const char *const odd[] = { "\x7f", "\x01", "\xc3\xa9" };
	char *one = wrap(base, 0, 2, 20);

	(void)state;
	for (size_t k = 1; k + 1 < sizeof(base) - 1; k++) {
		struct strbuf text = STRBUF_INIT;
		char *out;
		if (base[k] == ' ') { /* the space doubled */
			strbuf_add(&text, base, k + 1);
			strbuf_adds(&text, base + k);
			out = wrap(strbuf_str(&text), 0, 2, 20);
			assert_string_equal(out, one);
			free(out);
		}
		for (size_t o = 0; base[k] != ' ' && o < sizeof(odd) / sizeof(*odd); o++) {
			strbuf_reset(&text);
			strbuf_add(&text, base, k);
			strbuf_adds(&text, odd[o]);
			strbuf_adds(&text, base + k + 1);
			out = wrap(strbuf_str(&text), 0, 2, 20);
			assert_non_null(strstr(out, o == 2 ? "\xc3\xa9" : FFFD));
			assert_null(strpbrk(out, "\x7f\x01"));
			free(out);
		}
		strbuf_release(&text);
	}
	free(one);
}

static void test_wrap_long_word(void **state)
{
	static const char word[] = "frameworks[*].executors[*].data"; /* 31 columns */
	char *out;

	(void)state;
	out = wrap("see frameworks[*].executors[*].data here", 0, 2, 10);
	assert_string_equal(out, "see\n  frameworks[*].executors[*].data\n  here");
	assert_non_null(strstr(out, word)); /* unbroken */
	free(out);
	/* alone, at the start of the text */
	out = wrap(word, 2, 2, 10);
	assert_string_equal(out, word);
	free(out);
}

static void test_wrap_newlines_and_sanitizing(void **state)
{
	char *out;

	(void)state;
	/* newlines in the text are kept as breaks, followed by the indent */
	out = wrap("one\ntwo three", 4, 4, 80);
	assert_string_equal(out, "one\n    two three");
	free(out);
	out = wrap("aaaa bbbb\ncccc dddd eeee", 0, 1, 10);
	assert_string_equal(out, "aaaa bbbb\n cccc dddd\n eeee");
	free(out);
	/* the text is sanitized: no escape sequence, tabs are spaces */
	out = wrap("\x1b[2Jred\tgreen\xff", 0, 0, 80);
	assert_null(strchr(out, 0x1b));
	assert_string_equal(out, FFFD "[2Jred green" FFFD);
	free(out);
}

/* text_distance(): the edits of "did you mean", for options, item ids and hosts alike */
static void test_distance(void **state)
{
	char a[300], b[300];

	(void)state;
	assert_int_equal(text_distance("plan", "plan"), 0);
	assert_int_equal(text_distance("plna", "plan"), 1);      /* a transposition */
	assert_int_equal(text_distance("--fromat", "--format"), 1);
	assert_int_equal(text_distance("stat", "status"), 2);    /* insertions */
	assert_int_equal(text_distance("", "abc"), 3);
	assert_int_equal(text_distance("kitten", "sitting"), 3);
	/* longer than the options ever were: item ids past 63 bytes */
	memset(a, 'x', 200);
	a[200] = '\0';
	memcpy(b, a, 201);
	b[100] = 'y';
	assert_int_equal(text_distance(a, b), 1);
	memset(a, 'x', 299);
	a[299] = '\0';
	assert_int_equal(text_distance(a, "x"), TEXT_DISTANCE_FAR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_decode_resync),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_is_control),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_plain_is_safe),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_all_bytes),
		cmocka_unit_test(test_md_escapes),
		cmocka_unit_test(test_md_line_starts),
		cmocka_unit_test(test_md_sanitized),
		cmocka_unit_test(test_wrap_fits_width),
		cmocka_unit_test(test_wrap_exact),
		cmocka_unit_test(test_wrap_start_col),
		cmocka_unit_test(test_wrap_spellings_alike),
		cmocka_unit_test(test_wrap_any_place),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_newlines_and_sanitizing),
		cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
