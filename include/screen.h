/*
 * screen.h - the protocol of the wizard's screens, and its dialogs.
 *
 * Each screen is one file (tui/wizard/screen_*.c) with its private state
 * behind a struct screen and a table of operations:
 *   enter   load what it shows (once pushed);
 *   draw    the whole screen from its state: changes nothing, no I/O;
 *   key     one action (looked up in its key map) or typed key; returns
 *           what happens next, and never draws;
 *   reload  the journal changed (a check-off here or by another process);
 *   release free the private state.
 * Screens are on a stack: a key pushes one (detail, help, a dialog) or pops
 * back; Esc pops, and at the bottom of the stack it quits nothing. Dialogs
 * are modal screens drawn over the one below; they hand their answer to a
 * callback and pop.
 */
#ifndef MU_SCREEN_H
#define MU_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"
#include "list.h"
#include "render.h"

struct wizard;
struct screen;

enum result_kind {
	R_STAY,     /* nothing else happens (the screen is drawn again anyway) */
	R_PUSH,     /* push .screen over this one */
	R_REPLACE,  /* pop this one, push .screen */
	R_POP,      /* back to the screen below */
	R_SESSION,  /* the session loaded in w->s opened alone on the stack (the checklist) */
	R_QUIT,
	R_UNKNOWN,  /* the key means nothing here: the wizard says so */
};

struct result {
	enum result_kind kind;
	struct screen *screen;
};

#define RESULT(k) ((struct result){ .kind = (k), .screen = NULL })

struct screen_ops {
	const struct keymap *keys;
	bool modal;                 /* a dialog: drawn over the screen below */
	/* a dialog's keys for the status bar, which the screen below draws (wizard_status_bar) */
	const char *hints;
	/* whether @key is text typed into a field here, not an action (may be NULL) */
	bool (*typed)(const struct screen *sc, int key);
	void (*enter)(struct screen *sc, struct wizard *w);
	void (*draw)(const struct screen *sc, const struct wizard *w);
	struct result (*key)(struct screen *sc, struct wizard *w, enum action a, int key);
	void (*reload)(struct screen *sc, struct wizard *w);
	void (*release)(struct screen *sc);
};

struct screen {
	const struct screen_ops *ops;
	struct screen *below;
};

static inline struct result result_push(struct screen *sc)
{
	return (struct result){ .kind = sc ? R_PUSH : R_STAY, .screen = sc };
}

/*
 * A screen of @size bytes (its own struct, which starts with a struct
 * screen) with @ops, all else zero; NULL when out of memory.
 */
struct screen *screen_new(size_t size, const struct screen_ops *ops);

/* The screens; each returns NULL when out of memory. */
struct screen *main_screen_new(void);
struct screen *detail_screen_new(size_t item);
struct screen *help_screen_new(const struct keymap *for_keys);
struct screen *hosts_screen_new(size_t step);
struct screen *picker_screen_new(void);
struct screen *form_screen_new(void);
struct screen *log_screen_new(void);
struct screen *cluster_screen_new(void);
struct screen *activity_screen_new(void);
/* what hop @hop (SESSION_CLOCK_ALL: the session) came to */
struct screen *summary_screen_new(size_t hop);

/* ---- a screen of text that scrolls (tui/wizard/pager.c) ---- */

struct lines;
struct strbuf;
struct pager;

/* What a pager shows: help, the message log, an item's detail. */
struct pager_kind {
	struct screen_ops ops;  /* its keys and hooks; draw and key are pager_draw and pager_key */
	const char *title;      /* the title bar's text */
	/* or, when not NULL, the title bar's text from the pager's state, into @out */
	void (*title_of)(const struct pager *p, const struct wizard *w, struct strbuf *out);
	/* the lines of text, @width columns wide (built again for each draw and key) */
	void (*build)(const struct pager *p, const struct wizard *w, int width, struct lines *L);
	const char *hints;      /* the status bar's key hints */
	bool hints_alone;       /* the hints on the left, no message (the log shows them all) */
	bool at_end;            /* opens on its last line (the log: the newest message) */
};

/* A pager's state; a screen that is one starts its own struct with it. */
struct pager {
	struct screen base;
	const struct pager_kind *kind;
	struct list list;
	bool at_end;            /* on the last page, as opened: no key read yet */
};

/* A pager of @size bytes (see screen_new) showing @kind. */
struct pager *pager_new(size_t size, const struct pager_kind *kind);
void pager_draw(const struct screen *sc, const struct wizard *w);
/* Up, Down, pages, Home, End scroll; Esc goes back. */
struct result pager_key(struct screen *sc, struct wizard *w, enum action a, int key);

/* ---- a line of typed text (tui/wizard/field.c): the text dialogs' and the form's ---- */

/* Whether @key is a character that can be typed (printable; ASCII on an ASCII terminal). */
bool field_typable(int key);
/*
 * Apply @a to @text: ACT_NONE types @key (while @text is under @max bytes),
 * ACT_ERASE erases the last character, ACT_CLEAR all; false for any other.
 */
bool field_edit(struct strbuf *text, enum action a, int key, size_t max);
/*
 * @prompt and @text underlined in @w columns at @y,@x; with @cursor, the
 * cursor after the text, and the text's end in view when it is too long.
 */
void field_draw(int y, int x, int w, const char *prompt, const char *text, bool cursor);

/* ---- dialogs (tui/wizard/dialog.c) ---- */

/* What a dialog's callback is given back: where it came from, and what it carries. */
struct dialog_args {
	struct screen *owner;       /* the screen that opened it (below it on the stack) */
	char item[512];             /* the item acted on, by id */
	int flag;                   /* e.g. a forced action is a skip */
	char branch[128];           /* a branch chosen before a forced done */
	enum render_format format;  /* an export's format */
};

/* The answer: @text typed (a text dialog) or @choice (a choice dialog). */
typedef struct result dialog_fn(struct wizard *w, const struct dialog_args *args, const char *text,
				size_t choice);

/*
 * A text to type. @hint says what Enter does ("Enter records it"); @initial
 * may be NULL; @allow_empty: Enter with nothing typed is an answer.
 */
struct screen *dialog_text(const char *title, const char *prompt, const char *initial,
			   const char *hint, bool allow_empty, dialog_fn *done,
			   const struct dialog_args *args);
/* The text an action records (a reason, a note): a text dialog, pushed ("Enter records it"). */
struct result dialog_ask(const char *title, const char *prompt, dialog_fn *done,
			 const struct dialog_args *args);
/* A choice among @n (any number: the list scrolls). */
struct screen *dialog_choice(const char *title, const char *prompt, const char *const *choices,
			     size_t n, dialog_fn *done, const struct dialog_args *args);
/* A message to read; any key closes it. */
struct screen *dialog_message(const char *title, const char *text);

#endif
