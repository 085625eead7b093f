/*
 * test_terminal.c - text made safe for a terminal (text_add_terminal), the
 * rule for recorded names (text_find_unprintable), and bidi controls
 * neutralised in every document format (include/textutil.h).
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

static void expect_plain(const char *in, int keep_tabs, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_plain(&sb, in, keep_tabs);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_release(&sb);
}

#define RLO "\xe2\x80\xae" /* U+202E RIGHT-TO-LEFT OVERRIDE */
#define LRI "\xe2\x81\xa6" /* U+2066 LEFT-TO-RIGHT ISOLATE */

static void expect_terminal(const char *in, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	char *copy = malloc(len ? len : 1); /* exactly @len bytes: ASan sees a read past */

	assert_non_null(copy);
	memcpy(copy, in, len);
	strbuf_adds(&sb, "> ");
	text_add_terminal(&sb, copy, len);
	assert_string_equal(strbuf_str(&sb) + 2, want);
	assert_memory_equal(sb.buf, "> ", 2);
	free(copy);
	strbuf_release(&sb);
}

#define TERM(lit, want) expect_terminal(lit, sizeof(lit) - 1, want)

static void test_bidi_control(void **state)
{
	static const uint32_t bidi[] = { 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c,
					 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069 };

	(void)state;
	for (size_t i = 0; i < sizeof(bidi) / sizeof(*bidi); i++)
		assert_true(text_is_bidi_control(bidi[i]));
	assert_false(text_is_bidi_control(0x2029));
	assert_false(text_is_bidi_control(0x202f));
	assert_false(text_is_bidi_control(0x2065));
	assert_false(text_is_bidi_control(0x206a));
	assert_false(text_is_bidi_control(0x200d));
	assert_false(text_is_bidi_control('A'));
}

static void test_terminal_visible(void **state)
{
	(void)state;
	TERM("", "");
	/* OSC 52: the operator's clipboard, written by a file name */
	TERM("\x1b]52;c;aGVsbG8=\x07.yaml", "\\x1b]52;c;aGVsbG8=\\x07.yaml");
	/* one line: newlines, returns and tabs shown too; every C0, DEL */
	TERM("a\nb\rc\td", "a\\nb\\rc\\td");
	TERM("\x01\x1f\x7f", "\\x01\\x1f\\x7f");
	expect_terminal("a\0b", 3, "a\\x00b");
	/* C1 as UTF-8 and as a raw 8-bit byte (which is not UTF-8) */
	TERM("\xc2\x9b" "2J \xc2\x80\xc2\x9f", "\\u009b2J \\u0080\\u009f");
	TERM("\x9b" "2J", "\\x9b2J");
	/* invalid UTF-8, byte by byte: overlong, surrogate, cut short, stray */
	TERM("\xc0\xaf", "\\xc0\\xaf");
	TERM("\xed\xa0\x80", "\\xed\\xa0\\x80");
	TERM("end\xe2\x82", "end\\xe2\\x82");
	TERM("\xff\xfe", "\\xff\\xfe");
	/* bidi controls and the Unicode line and paragraph separators */
	TERM("ab" RLO "cd" LRI "e", "ab\\u202ecd\\u2066e");
	TERM("\xe2\x80\x8f\xd8\x9c", "\\u200f\\u061c");
	TERM("\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029");
}

static void test_terminal_passes_printable(void **state)
{
	(void)state;
	TERM("plain, 0.22 -> 0.23 [x] \\ 'q' \"q\" ~", "plain, 0.22 -> 0.23 [x] \\ 'q' \"q\" ~");
	/* valid non-ASCII as it is: accents, CJK, emoji, a real U+FFFD, NBSP */
	TERM("caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80 " FFFD " \xc2\xa0",
	     "caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80 " FFFD " \xc2\xa0");
	/* made safe once, it stays as it is: a message can be made safe twice */
	TERM("\\x1b]0;t\\x07 \\u202e", "\\x1b]0;t\\x07 \\u202e");
}

static void test_terminal_all_bytes(void **state)
{
	char all[256];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	text_add_terminal(&sb, all, sizeof(all));
	/* printable ASCII only, and everything else is an escape */
	for (size_t i = 0; i < sb.len; i++)
		assert_true(sb.buf[i] >= 0x20 && sb.buf[i] < 0x7f);
	assert_non_null(strstr(sb.buf, "\\x00\\x01"));
	assert_non_null(strstr(sb.buf, "\\x1b"));
	assert_non_null(strstr(sb.buf, "~\\x7f\\x80"));
	assert_non_null(strstr(sb.buf, "\\xfe\\xff"));
	strbuf_release(&sb);
}

static void expect_unprintable(const char *s, size_t want_at, size_t want_n)
{
	size_t at = 99, n = text_find_unprintable(s, strlen(s), &at);

	if (n != want_n || at != want_at)
		fail_msg("text_find_unprintable(\"%s\") = %zu at %zu, expected %zu at %zu", s, n, at,
			 want_n, want_at);
}

static void test_find_unprintable(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	expect_unprintable("", 0, 0);
	expect_unprintable("alice", 5, 0);
	expect_unprintable("J\xc3\xbcrgen \xe6\x9d\xb1", 11, 0);
	expect_unprintable("al\x1b[2J", 2, 1);
	expect_unprintable("al\tice", 2, 1);
	expect_unprintable("al\xc2\x9b", 2, 2);
	expect_unprintable("al\x9b", 2, 1);
	expect_unprintable("al\xff", 2, 1);
	expect_unprintable("ab" RLO "c", 2, 3);
	expect_unprintable("\xc3\xa9" LRI, 2, 3);
	expect_unprintable("a\x7f", 1, 1);

	text_add_unprintable_why(&sb, RLO, 3);
	assert_string_equal(sb.buf, "'\\u202e', a bidirectional control character");
	strbuf_reset(&sb);
	text_add_unprintable_why(&sb, "\x1b", 1);
	assert_string_equal(sb.buf, "'\\x1b', a control character");
	strbuf_reset(&sb);
	text_add_unprintable_why(&sb, "\xc2\x9b", 2);
	assert_string_equal(sb.buf, "'\\u009b', a control character");
	strbuf_reset(&sb);
	text_add_unprintable_why(&sb, "\x9b", 1);
	assert_string_equal(sb.buf, "'\\x9b', a byte that is not UTF-8");
	strbuf_reset(&sb);
	text_add_unprintable_why(&sb, "\xe2\x80\xa8", 3);
	assert_string_equal(sb.buf, "'\\u2028', a Unicode line separator");
	strbuf_release(&sb);
}

/* Notes and titles are drawn and reported from these: bidi controls neutralised. */
static void test_bidi_neutralised(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	expect_plain("ok " RLO "exe.txt" LRI "!", 0, "ok " FFFD "exe.txt" FFFD "!");
	expect_plain("ls\xe2\x80\xa8ps\xe2\x80\xa9", 0, "ls" FFFD "ps" FFFD);
	text_add_md(&sb, RLO "a");
	assert_string_equal(sb.buf, FFFD "a");
	strbuf_reset(&sb);
	text_add_html(&sb, "<" RLO ">", 1);
	assert_string_equal(sb.buf, "&lt;" FFFD "&gt;");
	strbuf_reset(&sb);
	/* JSON: not \u202e, which would still be a bidi control once decoded */
	text_add_json(&sb, "a" RLO "b\xe2\x80\x8f");
	assert_string_equal(sb.buf, "\"a" FFFD "b" FFFD "\"");
	strbuf_reset(&sb);
	text_add_wrapped(&sb, "one " RLO "two", 0, 0, 80);
	assert_string_equal(sb.buf, "one " FFFD "two");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bidi_control),
		cmocka_unit_test(test_terminal_visible),
		cmocka_unit_test(test_terminal_passes_printable),
		cmocka_unit_test(test_terminal_all_bytes),
		cmocka_unit_test(test_find_unprintable),
		cmocka_unit_test(test_bidi_neutralised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
