/*
 * textutil.h - UTF-8 decoding, escaping for each output format, wrapping.
 *
 * Everything that puts content or operator text into an output goes through
 * one of these, so a control character, a stray escape sequence or invalid
 * UTF-8 can never reach a terminal or a report as it is.
 */
#ifndef MU_TEXTUTIL_H
#define MU_TEXTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/*
 * Decode one code point at @s (at most @len bytes); returns the bytes used
 * (at least 1 when len > 0). Invalid, overlong or truncated sequences and
 * surrogates decode as U+FFFD, one byte at a time.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
void utf8_encode(struct strbuf *sb, uint32_t cp);
/* Terminal columns of @cp: 0 (combining), 2 (East Asian wide, emoji) or 1. */
int text_cp_width(uint32_t cp);
/* Display columns of @s, by text_cp_width; the text must be sanitized. */
size_t utf8_width(const char *s, size_t len);

/* True for code points that must not reach a terminal: C0 but \n and \t, DEL, C1. */
int text_is_control(uint32_t cp);

/*
 * Append @s as safe plain text: valid UTF-8, control characters (and so
 * every escape sequence's introducer) replaced by U+FFFD; newlines kept,
 * tabs become a space unless @keep_tabs.
 */
void text_add_plain(struct strbuf *sb, const char *s, int keep_tabs);
/* Append @s as a JSON string literal, quotes included. */
void text_add_json(struct strbuf *sb, const char *s);
/*
 * Append @s as HTML text: sanitized as by text_add_plain, then & < > " '
 * escaped; newlines become <br> when @br, spaces otherwise.
 */
void text_add_html(struct strbuf *sb, const char *s, int br);
/* Append @s as Markdown inline text: specials backslash-escaped, plain otherwise. */
void text_add_md(struct strbuf *sb, const char *s);

/*
 * Append @s wrapped at @width columns. The caller has already written
 * @start_col columns of the current line (a prefix, or its indent); later
 * lines start with @indent spaces. Newlines in @s are kept as line breaks.
 * No newline at the end. Text is sanitized as by text_add_plain.
 */
void text_add_wrapped(struct strbuf *sb, const char *s, size_t start_col, size_t indent,
		      size_t width);

#endif
