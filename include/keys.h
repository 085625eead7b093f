/*
 * keys.h - the wizard's actions and, per screen, the keys that ask for them.
 *
 * Every key of every screen is declared once, in a table of tui/wizard/keys.c:
 * the help screen lists the current screen's table with the global one, the
 * man page's key sections are checked against the same tables (printed by
 * MESOS_UPGRADE_KEYS_DUMP=1), and the screens look keys up in them, so no key
 * is handled that help does not show.
 */
#ifndef MU_KEYS_H
#define MU_KEYS_H

#include <stdbool.h>
#include <stdio.h>

enum action {
	ACT_NONE,
	/* lists (keys_list) */
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST,
	/* global (keys_global) */
	ACT_BACK, ACT_HELP, ACT_LOG, ACT_REDRAW, ACT_QUIT,
	/* screens */
	ACT_NEXT_PANE, ACT_PREV_PANE, ACT_LEFT, ACT_RIGHT,
	ACT_DONE, ACT_SKIP, ACT_NOTE, ACT_UNDO, ACT_OPEN, ACT_NEXT_PENDING, ACT_SEARCH,
	ACT_EXPORT, ACT_SESSIONS, ACT_NEW, ACT_FILTER, ACT_RANGE, ACT_FINISHED,
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CONFIRM, ACT_ERASE, ACT_CLEAR, ACT_CHOOSE,
	/* the live cluster */
	ACT_PROBE, ACT_VERIFY, ACT_CLUSTER,
	/* who is working */
	ACT_ACTIVITY,
	/* a session's life cycle */
	ACT_CLOSE, ACT_REOPEN, ACT_RETITLE,
	/* the hosts list: a host left out of the upgrade, or taken back */
	ACT_EXCLUDE, ACT_INCLUDE,
	ACT_COUNT
};

#define KEYS_MAX 10

/* The keys of an action. */
struct keyset {
	int codes[KEYS_MAX];  /* key codes (input.h); 0 ends */
	const char *names;    /* how help and the man page write them ("Up k") */
};

/* An action of a screen: its help, and its keys when they are not the action's usual ones. */
struct keybinding {
	enum action action;   /* ACT_NONE ends a table */
	const char *help;
	const struct keyset *keys;  /* NULL: the usual keys of the action (keys.c) */
};

/* A screen's keys: its own table, and whether the list keys apply. */
struct keymap {
	const char *screen;               /* "main": the man page's "Keys of the main screen" */
	const struct keybinding *own;
	bool list;
};

extern const struct keybinding keys_list[], keys_global[];
extern const struct keymap keymap_main, keymap_detail, keymap_help, keymap_hosts, keymap_picker,
	keymap_form, keymap_log, keymap_text_dialog, keymap_choice_dialog, keymap_message,
	keymap_cluster, keymap_activity, keymap_summary;

/* The keys of binding @b. */
const struct keyset *keys_of(const struct keybinding *b);
/* The action of @key on a screen of @map: its own keys, the list keys, then the global ones. */
enum action keys_action(const struct keymap *map, int key);
/* Where @key is among the keys of its binding in @map's own table (1-9: which one), or -1. */
int keys_position(const struct keymap *map, int key);
/* Whether @key is bound in @map's own table (not the list or global ones). */
bool keys_own(const struct keymap *map, int key);
/* @key as help writes it ("q", "C-x", "F5"), into @buf. */
void keys_name(int key, char *buf, size_t size);
/* Every table as "SCREEN<TAB>NAMES<TAB>HELP" lines (the man page test). */
void keys_dump(FILE *out);

#endif
