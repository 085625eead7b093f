/*
 * fuzz_report_escape.c - libFuzzer harness: any text through the escaping
 * of every report format (text, Markdown, HTML, JSON; include/textutil.h).
 *
 * Asserts, for each: the output is valid UTF-8 with no control character
 * (but newlines, and tabs where kept), no C1 control and no bidi control.
 * HTML: no '<' or '>' but those of <br>, every '&' starts an entity, no
 * quote. JSON: exactly one string literal, by a validator of JSON's string
 * syntax, whose decoded value holds no bidi control either.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "textutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *in)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_plain(&sb, in, 0);
	fc_assert_safe(strbuf_str(&sb), sb.len, "\n");
	strbuf_reset(&sb);
	text_add_plain(&sb, in, 1);
	fc_assert_safe(strbuf_str(&sb), sb.len, "\n\t");
	for (size_t width = 1; width <= 81; width += 40) {
		strbuf_reset(&sb);
		text_add_wrapped(&sb, in, width / 2, width / 4, width);
		fc_assert_safe(strbuf_str(&sb), sb.len, "\n");
	}
	strbuf_release(&sb);
}

static void check_md(const char *in)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_md(&sb, in);
	fc_assert_safe(strbuf_str(&sb), sb.len, "\n");
	/* Markdown's inline specials never raw: each one backslash-escaped */
	for (size_t i = 0; i < sb.len; i++)
		if (strchr("`*_[]<>|", sb.buf[i]) && (i == 0 || sb.buf[i - 1] != '\\'))
			abort();
	strbuf_release(&sb);
}

/* Length of the entity at @p ("&amp;", "&#39;"), 0 when it is none. */
static size_t entity(const char *p)
{
	size_t n = 1;

	if (p[n] == '#') {
		n++;
		if (!strchr("0123456789", p[n]) || !p[n])
			return 0;
		while (p[n] && strchr("0123456789", p[n]))
			n++;
	} else {
		if (!(p[n] >= 'a' && p[n] <= 'z'))
			return 0;
		while (p[n] >= 'a' && p[n] <= 'z')
			n++;
	}
	return p[n] == ';' ? n + 1 : 0;
}

static void check_html(const char *in, int br)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	text_add_html(&sb, in, br);
	fc_assert_safe(strbuf_str(&sb), sb.len, "\n");
	for (p = strbuf_str(&sb); *p; p++) {
		if (*p == '"' || *p == '\'' || *p == '>')
			abort();
		if (*p == '<') {
			if (!br || strncmp(p, "<br>\n", 5))
				abort();
			p += 4;
		} else if (*p == '&') {
			if (!entity(p))
				abort();
		} else if (*p == '\n' && !br) {
			abort(); /* one line: newlines become spaces */
		}
	}
	strbuf_release(&sb);
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Abort unless @s is one JSON string literal whose value has no bidi control. */
static void check_json_literal(const char *s, size_t len)
{
	size_t i = 1;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		abort();
	while (i < len - 1) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"')
			abort(); /* raw control, or the literal ends early */
		if (c != '\\') {
			i++;
			continue;
		}
		if (i + 1 >= len - 1)
			abort(); /* a backslash escaping the closing quote */
		if (strchr("\"\\/bfnrt", s[i + 1])) {
			i += 2;
			continue;
		}
		if (s[i + 1] != 'u' || i + 6 > len - 1)
			abort();
		uint32_t cp = 0;
		for (int k = 2; k < 6; k++) {
			int h = hex(s[i + k]);
			if (h < 0)
				abort();
			cp = cp << 4 | (uint32_t)h;
		}
		/* an escape never smuggles a bidi control or half a surrogate pair */
		if (fc_bidi(cp) || (cp >= 0xd800 && cp <= 0xdfff))
			abort();
		i += 6;
	}
}

static void check_json(const char *in)
{
	struct strbuf sb = STRBUF_INIT;

	text_add_json(&sb, in);
	/* controls are \u escapes in JSON: none raw at all */
	fc_assert_safe(strbuf_str(&sb), sb.len, "");
	check_json_literal(strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0'; /* the escapers take C strings: text up to the first NUL */
	check_text(in);
	check_md(in);
	check_html(in, 0);
	check_html(in, 1);
	check_json(in);
	free(in);
	return 0;
}
