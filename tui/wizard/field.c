/*
 * field.c - a line of typed text, as the text dialogs and the new-session
 * form have it: which keys are text, erasing and clearing, and the line
 * drawn underlined with its cursor (see screen.h).
 */
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "screen.h"
#include "textutil.h"

bool field_typable(int key)
{
	/* printable: no C0, DEL or C1 control, no key that is not a character */
	if (key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0) || key >= 0x110000)
		return false;
	/* an ASCII terminal can show what it types only in ASCII */
	return draw_utf8 || key < 0x80;
}

bool field_edit(struct strbuf *text, enum action a, int key, size_t max)
{
	switch (a) {
	case ACT_NONE:
		if (text->len < max)
			utf8_encode(text, (uint32_t)key);
		return true;
	case ACT_ERASE:
		/* the last character, all of its bytes */
		while (text->len && (text->buf[text->len - 1] & 0xc0) == 0x80)
			text->len--;
		if (text->len)
			text->len--;
		if (text->buf)
			text->buf[text->len] = '\0';
		return true;
	case ACT_CLEAR:
		strbuf_reset(text);
		return true;
	default:
		return false;
	}
}

void field_draw(int y, int x, int w, const char *prompt, const char *text, bool cursor)
{
	int pw = draw_width(prompt), tw;

	/* where the cursor is, the end of what is typed stays in view (in columns) */
	while (cursor && *text && pw + draw_width(text) + 1 > w) {
		uint32_t cp;
		text += utf8_decode(text, strlen(text), &cp);
	}
	draw_text(y, x, w, A_UNDERLINE, "", true);
	draw_text(y, x, w, A_UNDERLINE, prompt, false);
	tw = draw_text(y, x + pw, w - pw - 1, A_UNDERLINE, text, false);
	if (cursor)
		draw_text(y, x + pw + tw, 1, A_REVERSE, " ", false);
}
