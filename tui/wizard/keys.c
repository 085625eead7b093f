/*
 * keys.c - every key of every screen (see keys.h).
 */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "input.h"
#include "keys.h"

#define K(k) INPUT_KEY(k)
#define CTRL(c) ((c) & 0x1f)
#define ENTER '\r', '\n', K(KEY_ENTER)
#define ESC 27
#define END { ACT_NONE, { 0 }, NULL, NULL }

const struct keybinding keys_list[] = {
	{ ACT_UP, { K(KEY_UP), 'k' }, "Up k", "move up" },
	{ ACT_DOWN, { K(KEY_DOWN), 'j' }, "Down j", "move down" },
	{ ACT_PAGE_UP, { K(KEY_PPAGE) }, "PgUp", "page up" },
	{ ACT_PAGE_DOWN, { K(KEY_NPAGE) }, "PgDn", "page down" },
	{ ACT_FIRST, { K(KEY_HOME), 'g' }, "Home g", "first row" },
	{ ACT_LAST, { K(KEY_END), 'G' }, "End G", "last row" },
	END,
};

const struct keybinding keys_global[] = {
	{ ACT_BACK, { ESC }, "Esc", "back to the screen before (never quits)" },
	{ ACT_HELP, { '?', K(KEY_F(1)) }, "? F1", "the keys of this screen" },
	{ ACT_LOG, { 'M', K(KEY_F(2)) }, "M F2", "every message of this run, in full" },
	{ ACT_REDRAW, { CTRL('l') }, "C-l", "redraw the screen" },
	{ ACT_QUIT, { 'q', CTRL('c') }, "q C-c", "quit (always safe: every check-off is already on disk)" },
	END,
};

static const struct keybinding main_keys[] = {
	{ ACT_NEXT_PANE, { '\t' }, "Tab", "next pane (hops, checklist, text)" },
	{ ACT_PREV_PANE, { K(KEY_BTAB) }, "S-Tab", "previous pane" },
	{ ACT_LEFT, { K(KEY_LEFT), 'h' }, "Left h", "pane to the left" },
	{ ACT_RIGHT, { K(KEY_RIGHT), 'l' }, "Right l", "pane to the right" },
	{ ACT_DONE, { ' ' }, "Space", "mark the item done (a note: acknowledged)" },
	{ ACT_SKIP, { 's' }, "s", "skip the item (asks the reason)" },
	{ ACT_NOTE, { 'n' }, "n", "add a note to the item" },
	{ ACT_UNDO, { 'u' }, "u", "undo the item's last check-off (asks the reason)" },
	{ ACT_OPEN, { ENTER }, "Enter", "the item's detail and history (a step done host by host: its hosts)" },
	{ ACT_NEXT_PENDING, { 'p' }, "p", "go to the next pending item" },
	{ ACT_SEARCH, { '/' }, "/", "search the checklist (every hop)" },
	{ ACT_EXPORT, { 'e' }, "e", "export a report of the session (asks the format and file)" },
	{ ACT_SESSIONS, { 'S' }, "S", "the list of sessions" },
	{ ACT_NEW, { 'N' }, "N", "start a new session" },
	END,
};

static const struct keybinding hosts_keys[] = {
	{ ACT_DONE, { ' ' }, "Space", "mark the host done (with a range: every pending host in it)" },
	{ ACT_SKIP, { 's' }, "s", "skip the host, or the range (asks the reason)" },
	{ ACT_UNDO, { 'u' }, "u", "undo the host, or the range (asks the reason)" },
	{ ACT_NOTE, { 'n' }, "n", "add a note to the host" },
	{ ACT_OPEN, { ENTER }, "Enter", "the host's detail and history" },
	{ ACT_RANGE, { 'm' }, "m", "start a range here (again: drop it)" },
	{ ACT_FILTER, { 'f' }, "f", "filter by state: all, pending, done, skipped" },
	{ ACT_SEARCH, { '/' }, "/", "show only the hosts whose name holds a text" },
	END,
};

static const struct keybinding picker_keys[] = {
	{ ACT_OPEN, { ENTER }, "Enter", "open the session" },
	{ ACT_NEW, { 'N', 'n' }, "N n", "start a new session" },
	{ ACT_FINISHED, { 'f' }, "f", "show or hide the finished sessions" },
	END,
};

static const struct keybinding form_keys[] = {
	{ ACT_NEXT_FIELD, { '\t', K(KEY_DOWN) }, "Tab Down", "next field" },
	{ ACT_PREV_FIELD, { K(KEY_BTAB), K(KEY_UP) }, "S-Tab Up", "previous field" },
	{ ACT_CONFIRM, { ENTER }, "Enter", "next field; on the last one, start the session" },
	{ ACT_ERASE, { K(KEY_BACKSPACE), 127, 8 }, "BS", "erase a character" },
	{ ACT_CLEAR, { CTRL('u') }, "C-u", "clear the field" },
	END,
};

static const struct keybinding detail_keys[] = {
	{ ACT_BACK, { ENTER }, "Enter", "back" },
	END,
};

static const struct keybinding no_keys[] = { END };

static const struct keybinding text_dialog_keys[] = {
	{ ACT_CONFIRM, { ENTER }, "Enter", "confirm (the dialog says what it does)" },
	{ ACT_ERASE, { K(KEY_BACKSPACE), 127, 8 }, "BS", "erase a character" },
	{ ACT_CLEAR, { CTRL('u') }, "C-u", "clear the text" },
	END,
};

static const struct keybinding choice_dialog_keys[] = {
	{ ACT_CONFIRM, { ENTER }, "Enter", "choose the selected one" },
	{ ACT_CHOOSE, { '1', '2', '3', '4', '5', '6', '7', '8', '9' }, "1-9", "choose that one" },
	END,
};

const struct keymap keymap_main = { "main", main_keys, true };
const struct keymap keymap_detail = { "detail", detail_keys, true };
const struct keymap keymap_help = { "help", no_keys, true };
const struct keymap keymap_hosts = { "hosts", hosts_keys, true };
const struct keymap keymap_picker = { "sessions", picker_keys, true };
const struct keymap keymap_form = { "form", form_keys, false };
const struct keymap keymap_log = { "messages", no_keys, true };
const struct keymap keymap_text_dialog = { "text dialog", text_dialog_keys, false };
const struct keymap keymap_choice_dialog = { "choice dialog", choice_dialog_keys, true };
const struct keymap keymap_message = { "message", no_keys, false };

static enum action lookup(const struct keybinding *t, int key)
{
	for (; t->names; t++)
		for (int i = 0; i < KEYS_MAX && t->keys[i]; i++)
			if (t->keys[i] == key)
				return t->action;
	return ACT_NONE;
}

enum action keys_action(const struct keymap *map, int key)
{
	enum action a = lookup(map->own, key);

	if (a == ACT_NONE && map->list)
		a = lookup(keys_list, key);
	if (a == ACT_NONE)
		a = lookup(keys_global, key);
	return a;
}

int keys_position(const struct keymap *map, int key)
{
	for (const struct keybinding *t = map->own; t->names; t++)
		for (int i = 0; i < KEYS_MAX && t->keys[i]; i++)
			if (t->keys[i] == key)
				return i;
	return -1;
}

bool keys_own(const struct keymap *map, int key)
{
	return lookup(map->own, key) != ACT_NONE;
}

void keys_name(int key, char *buf, size_t size)
{
	if (key >= INPUT_KEY(KEY_F(1)) && key <= INPUT_KEY(KEY_F(12)))
		snprintf(buf, size, "F%d", key - INPUT_KEY(KEY_F0));
	else if (key >= INPUT_KEY(0))
		snprintf(buf, size, "%s", keyname(key - INPUT_KEY(0)) ? keyname(key - INPUT_KEY(0)) : "?");
	else if (key < 0x20)
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	else if (key == 0x7f)
		snprintf(buf, size, "DEL");
	else if (key < 0x80)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
}

static void dump_table(FILE *out, const char *screen, const struct keybinding *t)
{
	for (; t->names; t++)
		fprintf(out, "%s\t%s\t%s\n", screen, t->names, t->help);
}

void keys_dump(FILE *out)
{
	static const struct keymap *const maps[] = {
		&keymap_main, &keymap_hosts, &keymap_detail, &keymap_picker, &keymap_form,
		&keymap_text_dialog, &keymap_choice_dialog,
	};

	dump_table(out, "every screen", keys_global);
	dump_table(out, "lists", keys_list);
	for (size_t i = 0; i < sizeof(maps) / sizeof(*maps); i++)
		dump_table(out, maps[i]->screen, maps[i]->own);
}
