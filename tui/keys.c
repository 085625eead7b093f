/*
 * keys.c - the key table (see keys.h).
 */
#include <curses.h>

#include "input.h"
#include "keys.h"

const struct keybinding keys_table[] = {
	{ ACT_UP, { INPUT_KEY(KEY_UP), 'k' }, "Up k", "move up" },
	{ ACT_DOWN, { INPUT_KEY(KEY_DOWN), 'j' }, "Down j", "move down" },
	{ ACT_PAGE_UP, { INPUT_KEY(KEY_PPAGE) }, "PgUp", "page up" },
	{ ACT_PAGE_DOWN, { INPUT_KEY(KEY_NPAGE) }, "PgDn", "page down" },
	{ ACT_FIRST, { INPUT_KEY(KEY_HOME), 'g' }, "Home g", "first item" },
	{ ACT_LAST, { INPUT_KEY(KEY_END), 'G' }, "End G", "last item" },
	{ ACT_NEXT_PANE, { '\t' }, "Tab", "next pane (hops, checklist, text)" },
	{ ACT_PREV_PANE, { INPUT_KEY(KEY_BTAB) }, "S-Tab", "previous pane" },
	{ ACT_LEFT, { INPUT_KEY(KEY_LEFT), 'h' }, "Left h", "pane to the left" },
	{ ACT_RIGHT, { INPUT_KEY(KEY_RIGHT), 'l' }, "Right l", "pane to the right" },
	{ ACT_DONE, { ' ' }, "Space", "mark the item done (a note: acknowledged)" },
	{ ACT_SKIP, { 's' }, "s", "skip the item (asks the reason)" },
	{ ACT_NOTE, { 'n' }, "n", "add a note to the item" },
	{ ACT_UNDO, { 'u' }, "u", "undo the item's last check-off" },
	{ ACT_DETAIL, { '\r', '\n', INPUT_KEY(KEY_ENTER) }, "Enter", "the item's detail and history" },
	{ ACT_NEXT_PENDING, { 'p' }, "p", "go to the next pending item" },
	{ ACT_EXPORT, { 'e' }, "e", "export a report of the session (asks the format and file)" },
	{ ACT_SESSIONS, { 'S' }, "S", "the list of sessions" },
	{ ACT_NEW, { 'N' }, "N", "start a new session" },
	{ ACT_HELP, { '?', INPUT_KEY(KEY_F(1)) }, "? F1", "this help" },
	{ ACT_REDRAW, { 12 }, "C-l", "redraw the screen" },
	{ ACT_QUIT, { 'q' }, "q", "quit (always safe: every check-off is already on disk)" },
	{ ACT_NONE, { 0 }, NULL, NULL },
};

enum action keys_action(int key)
{
	for (const struct keybinding *b = keys_table; b->names; b++)
		for (int i = 0; i < 4 && b->keys[i]; i++)
			if (b->keys[i] == key)
				return b->action;
	return ACT_NONE;
}
