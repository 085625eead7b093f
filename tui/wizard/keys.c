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
/* a binding to the action's usual keys, or to keys of its own */
#define KEY(action, help) { action, help, NULL }
#define KEY_OWN(action, keys, help) { action, help, keys }
#define END { ACT_NONE, NULL, NULL }

/*
 * Each action's keys, declared once: a screen that has the action has these
 * keys for it, unless its table names others.
 */
static const struct keyset usual[ACT_COUNT] = {
	[ACT_UP] = { { K(KEY_UP), 'k' }, "Up k" },
	[ACT_DOWN] = { { K(KEY_DOWN), 'j' }, "Down j" },
	[ACT_PAGE_UP] = { { K(KEY_PPAGE) }, "PgUp" },
	[ACT_PAGE_DOWN] = { { K(KEY_NPAGE) }, "PgDn" },
	[ACT_FIRST] = { { K(KEY_HOME), 'g' }, "Home g" },
	[ACT_LAST] = { { K(KEY_END), 'G' }, "End G" },
	[ACT_BACK] = { { ESC }, "Esc" },
	[ACT_HELP] = { { '?', K(KEY_F(1)) }, "? F1" },
	[ACT_LOG] = { { 'M', K(KEY_F(2)) }, "M F2" },
	[ACT_REDRAW] = { { CTRL('l') }, "C-l" },
	[ACT_QUIT] = { { 'q', CTRL('c') }, "q C-c" },
	[ACT_NEXT_PANE] = { { '\t' }, "Tab" },
	[ACT_PREV_PANE] = { { K(KEY_BTAB) }, "S-Tab" },
	[ACT_LEFT] = { { K(KEY_LEFT), 'h' }, "Left h" },
	[ACT_RIGHT] = { { K(KEY_RIGHT), 'l' }, "Right l" },
	[ACT_DONE] = { { ' ' }, "Space" },
	[ACT_SKIP] = { { 's' }, "s" },
	[ACT_NOTE] = { { 'n' }, "n" },
	[ACT_UNDO] = { { 'u' }, "u" },
	[ACT_OPEN] = { { ENTER }, "Enter" },
	[ACT_NEXT_PENDING] = { { 'p' }, "p" },
	[ACT_SEARCH] = { { '/' }, "/" },
	[ACT_EXPORT] = { { 'e' }, "e" },
	[ACT_SESSIONS] = { { 'S' }, "S" },
	[ACT_NEW] = { { 'N' }, "N" },
	[ACT_FILTER] = { { 'f' }, "f" },
	[ACT_RANGE] = { { 'm' }, "m" },
	[ACT_FINISHED] = { { 'f' }, "f" },
	[ACT_NEXT_FIELD] = { { '\t', K(KEY_DOWN) }, "Tab Down" },
	[ACT_PREV_FIELD] = { { K(KEY_BTAB), K(KEY_UP) }, "S-Tab Up" },
	[ACT_CONFIRM] = { { ENTER }, "Enter" },
	[ACT_ERASE] = { { K(KEY_BACKSPACE), 127, 8 }, "BS" },
	[ACT_CLEAR] = { { CTRL('u') }, "C-u" },
	[ACT_CHOOSE] = { { '1', '2', '3', '4', '5', '6', '7', '8', '9' }, "1-9" },
	[ACT_PROBE] = { { 'p', 'P' }, "p P" },
	[ACT_VERIFY] = { { 'V' }, "V" },
	[ACT_CLUSTER] = { { 'w' }, "w" },
	[ACT_ACTIVITY] = { { 'a' }, "a" },
	[ACT_CLOSE] = { { 'c' }, "c" },
	[ACT_REOPEN] = { { 'r' }, "r" },
	[ACT_RETITLE] = { { 't' }, "t" },
	[ACT_EXCLUDE] = { { 'x' }, "x" },
	[ACT_INCLUDE] = { { 'X' }, "X" },
};

/* where a screen has other keys for an action than the usual ones */
static const struct keyset new_n = { { 'N', 'n' }, "N n" };  /* no note to take on the sessions */
static const struct keyset enter_back = { { ENTER }, "Enter" };  /* the detail: nothing to open */
static const struct keyset probe_main = { { 'P' }, "P" };  /* p: the next pending item there */

const struct keybinding keys_list[] = {
	KEY(ACT_UP, "move up"),
	KEY(ACT_DOWN, "move down"),
	KEY(ACT_PAGE_UP, "page up"),
	KEY(ACT_PAGE_DOWN, "page down"),
	KEY(ACT_FIRST, "first row"),
	KEY(ACT_LAST, "last row"),
	END,
};

const struct keybinding keys_global[] = {
	KEY(ACT_BACK, "back to the screen before (never quits); stops a running probe"),
	KEY(ACT_HELP, "the keys of this screen"),
	KEY(ACT_LOG, "every message of this run, in full"),
	KEY(ACT_REDRAW, "redraw the screen"),
	KEY(ACT_QUIT, "quit (always safe: every check-off is already on disk)"),
	END,
};

static const struct keybinding main_keys[] = {
	KEY(ACT_NEXT_PANE, "next pane (hops, checklist, text)"),
	KEY(ACT_PREV_PANE, "previous pane"),
	KEY(ACT_LEFT, "pane to the left"),
	KEY(ACT_RIGHT, "pane to the right"),
	KEY(ACT_DONE, "mark the item done (a note: acknowledged)"),
	KEY(ACT_SKIP, "skip the item (asks the reason)"),
	KEY(ACT_NOTE, "add a note to the item"),
	KEY(ACT_UNDO, "undo the item's last check-off (asks the reason)"),
	KEY(ACT_OPEN, "the item's detail and history (a step done host by host: its hosts)"),
	KEY(ACT_NEXT_PENDING, "go to the next pending item"),
	KEY(ACT_FILTER, "filter the hop's notes: by audience, by category, then all"),
	KEY(ACT_SEARCH, "search the checklist (every hop)"),
	KEY(ACT_EXPORT, "export a report of the session (asks the format and file)"),
	KEY(ACT_SESSIONS, "the list of sessions"),
	KEY(ACT_NEW, "start a new session"),
	KEY_OWN(ACT_PROBE, &probe_main, "probe the cluster now, in the background"),
	KEY(ACT_VERIFY, "probe, then mark done the hosts that run the hop's new version"),
	KEY(ACT_CLUSTER, "the latest probe: leader, versions, warnings"),
	KEY(ACT_ACTIVITY, "who is working: the session's latest events by everyone"),
	END,
};

static const struct keybinding hosts_keys[] = {
	KEY(ACT_DONE, "mark the host done (a range: asks first, then every pending host)"),
	KEY(ACT_SKIP, "skip the host, or the range (asks the reason)"),
	KEY(ACT_UNDO, "undo the host or range (asks why); right after a range: all of it"),
	KEY(ACT_NOTE, "add a note to the host"),
	KEY(ACT_OPEN, "the host's detail and history"),
	KEY(ACT_RANGE, "start a range here (again: drop it)"),
	KEY(ACT_EXCLUDE, "exclude the host: skip it in every hop (asks the reason)"),
	KEY(ACT_INCLUDE, "include the excluded host again: its exclusion's skips undone"),
	KEY(ACT_FILTER, "filter by state: all, pending, done, skipped"),
	KEY(ACT_SEARCH, "show only the hosts whose name holds a text"),
	KEY(ACT_PROBE, "probe the cluster now: each host's live version (in the background)"),
	KEY(ACT_VERIFY, "probe, then mark done the hosts that run the hop's new version"),
	KEY(ACT_CLUSTER, "the latest probe: leader, versions, warnings"),
	END,
};

static const struct keybinding picker_keys[] = {
	KEY(ACT_OPEN, "open the session"),
	KEY_OWN(ACT_NEW, &new_n, "start a new session"),
	KEY(ACT_FINISHED, "show or hide the finished and closed sessions"),
	KEY(ACT_CLOSE, "close the session (asks the reason): read and reported, not marked"),
	KEY(ACT_REOPEN, "reopen the closed session"),
	KEY(ACT_RETITLE, "retitle the session"),
	END,
};

static const struct keybinding form_keys[] = {
	KEY(ACT_NEXT_FIELD, "next field"),
	KEY(ACT_PREV_FIELD, "previous field"),
	KEY(ACT_CONFIRM, "next field; on the last one, start the session"),
	KEY(ACT_ERASE, "erase a character"),
	KEY(ACT_CLEAR, "clear the field"),
	END,
};

static const struct keybinding detail_keys[] = {
	KEY_OWN(ACT_BACK, &enter_back, "back"),
	END,
};

static const struct keybinding summary_keys[] = {
	KEY(ACT_EXPORT, "export a report of the session (asks the format and file)"),
	END,
};

static const struct keybinding no_keys[] = { END };

static const struct keybinding text_dialog_keys[] = {
	KEY(ACT_CONFIRM, "confirm (the dialog says what it does)"),
	KEY(ACT_ERASE, "erase a character"),
	KEY(ACT_CLEAR, "clear the text"),
	END,
};

static const struct keybinding choice_dialog_keys[] = {
	KEY(ACT_CONFIRM, "choose the selected one"),
	KEY(ACT_CHOOSE, "choose that one"),
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
const struct keymap keymap_cluster = { "probe", no_keys, true };
const struct keymap keymap_activity = { "activity", no_keys, true };
const struct keymap keymap_summary = { "summary", summary_keys, true };

const struct keyset *keys_of(const struct keybinding *b)
{
	return b->keys ? b->keys : &usual[b->action];
}

/* Where @key is among the keys of its binding in @t (0 the first), or -1; its binding in @found. */
static int find(const struct keybinding *t, int key, const struct keybinding **found)
{
	for (; t->action != ACT_NONE; t++)
		for (int i = 0; i < KEYS_MAX && keys_of(t)->codes[i]; i++)
			if (keys_of(t)->codes[i] == key) {
				*found = t;
				return i;
			}
	return -1;
}

static enum action lookup(const struct keybinding *t, int key)
{
	const struct keybinding *b;

	return find(t, key, &b) >= 0 ? b->action : ACT_NONE;
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
	const struct keybinding *b;

	return find(map->own, key, &b);
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
	else if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key < 0x80)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
}

static void dump_table(FILE *out, const char *screen, const struct keybinding *t)
{
	for (; t->action != ACT_NONE; t++)
		fprintf(out, "%s\t%s\t%s\n", screen, keys_of(t)->names, t->help);
}

void keys_dump(FILE *out)
{
	static const struct keymap *const maps[] = {
		&keymap_main, &keymap_hosts, &keymap_detail, &keymap_picker, &keymap_summary,
		&keymap_form,
		&keymap_text_dialog, &keymap_choice_dialog,
	};

	dump_table(out, "every screen", keys_global);
	dump_table(out, "lists", keys_list);
	for (size_t i = 0; i < sizeof(maps) / sizeof(*maps); i++)
		dump_table(out, maps[i]->screen, maps[i]->own);
}
