/*
 * keys.h - the wizard's actions, declared once with their keys and help.
 *
 * The help screen is generated from this table, and the code looks keys up
 * in it, so the two cannot drift.
 */
#ifndef MU_KEYS_H
#define MU_KEYS_H

enum action {
	ACT_NONE,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST,
	ACT_NEXT_PANE, ACT_PREV_PANE, ACT_LEFT, ACT_RIGHT,
	ACT_DONE, ACT_SKIP, ACT_NOTE, ACT_UNDO, ACT_DETAIL, ACT_NEXT_PENDING,
	ACT_EXPORT, ACT_SESSIONS, ACT_NEW, ACT_HELP, ACT_REDRAW, ACT_QUIT,
	ACT_COUNT
};

struct keybinding {
	enum action action;
	int keys[4];          /* curses key codes or characters; 0 ends */
	const char *names;    /* how the help screen writes the keys */
	const char *help;
};

extern const struct keybinding keys_table[];

/* The action of @key on the main screen, or ACT_NONE. */
enum action keys_action(int key);

#endif
