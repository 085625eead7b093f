/*
 * textutil.h - UTF-8 decoding, escaping for each output format, wrapping.
 *
 * Everything that puts content or operator text into an output goes through
 * one of these, so a control character, a stray escape sequence, a
 * bidirectional control or invalid UTF-8 can never reach a terminal or a
 * report as it is:
 *
 *   a message (one line, stderr or stdout)  text_add_terminal: shown visibly, \x1b
 *   a document (text, Markdown, HTML, the   text_add_plain, _md, _html, _json,
 *   screen)                                 _wrapped: replaced by U+FFFD
 *
 * Names that are recorded and shown to other operators (--operator, the
 * login name, a session's title) are refused instead when
 * text_find_unprintable() finds anything in them.
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
 * True for Unicode's bidirectional controls (Bidi_Control: U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069): they make a terminal or a viewer
 * show the text around them in another order than it is written.
 */
int text_is_bidi_control(uint32_t cp);

/*
 * Append @len bytes of @s as one line that is safe to write to a terminal,
 * with everything that is not printable shown visibly, so that the reader
 * sees what was there:
 *   C0 controls      \n \r \t, the others \x1b style (one line: newlines too)
 *   DEL              \x7f
 *   C1 controls      \u009b style (U+0080-U+009F written as UTF-8)
 *   invalid UTF-8    \xff style, one byte at a time (so a raw 8-bit CSI is \x9b)
 *   bidi controls    \u202e style (see text_is_bidi_control), and the line
 *                    and paragraph separators U+2028, U+2029
 * Every other character, valid UTF-8, passes unchanged; a backslash is not
 * doubled, so the output of this function passes through it unchanged.
 */
void text_add_terminal(struct strbuf *sb, const char *s, size_t len);
/*
 * The first character of @s (@len bytes) that text_add_terminal() would not
 * pass through unchanged: returns its length in bytes (0 when there is none)
 * and its offset in *@at. The rule for names that are recorded and shown to
 * other operators.
 */
size_t text_find_unprintable(const char *s, size_t len, size_t *at);
/*
 * Append, for a message, what the @n bytes at @s that text_find_unprintable()
 * found are: "'\u202e', a bidirectional control character".
 */
void text_add_unprintable_why(struct strbuf *sb, const char *s, size_t n);

/*
 * Append @s as safe plain text: valid UTF-8, control characters (and so
 * every escape sequence's introducer), bidi controls and the Unicode line
 * and paragraph separators replaced by U+FFFD; newlines kept, tabs become a
 * space unless @keep_tabs.
 */
void text_add_plain(struct strbuf *sb, const char *s, int keep_tabs);
/*
 * Append @s as a JSON string literal, quotes included: C0, DEL, C1, U+2028
 * and U+2029 escaped as \u001b, invalid UTF-8 and bidi controls replaced by
 * U+FFFD (escaped, a bidi control would still reorder the text once decoded).
 */
void text_add_json(struct strbuf *sb, const char *s);
/*
 * Append @s as HTML text: sanitized as by text_add_plain, then & < > " '
 * escaped; newlines become <br> when @br, spaces otherwise.
 */
void text_add_html(struct strbuf *sb, const char *s, int br);
/* Append @s as Markdown inline text: specials backslash-escaped, plain otherwise. */
void text_add_md(struct strbuf *sb, const char *s);
/* text_add_md() when it would copy @s as it is (true); else false, nothing appended. */
bool text_add_md_as_is(struct strbuf *sb, const char *s);

/*
 * Append @s wrapped at @width columns. The caller has already written
 * @start_col columns of the current line (a prefix, or its indent); later
 * lines start with @indent spaces. Newlines in @s are kept as line breaks.
 * No newline at the end. Text is sanitized as by text_add_plain.
 */
void text_add_wrapped(struct strbuf *sb, const char *s, size_t start_col, size_t indent,
		      size_t width);

/*
 * Edit distance of @a and @b: insertions, deletions, substitutions and
 * transpositions of two neighbours ("plna" is one edit from "plan"), each
 * counting one; at most TEXT_DISTANCE_MAX bytes each, else TEXT_DISTANCE_FAR.
 * For "did you mean", of options, commands, item ids and hosts alike.
 */
#define TEXT_DISTANCE_MAX 255
#define TEXT_DISTANCE_FAR 9999
size_t text_distance(const char *a, const char *b);

#endif
