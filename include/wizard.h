/*
 * wizard.h - the curses wizard: its state, shared by its screens.
 *
 * wizard_run() is the entry point. All rules and state live in core/ (a
 * struct session); the wizard shows them and turns keys into core calls.
 * Each screen has a draw function (draws the whole screen from the state)
 * and a key function (changes the state, never draws). The loop draws,
 * reads one key through input_get() (the test seam), hands it to the
 * screen or the open dialog, and every half second looks in the journal for
 * changes made by other processes.
 */
#ifndef MU_WIZARD_H
#define MU_WIZARD_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "input.h"
#include "session.h"
#include "strbuf.h"

enum wiz_screen { SCREEN_PICKER, SCREEN_FORM, SCREEN_MAIN, SCREEN_DETAIL, SCREEN_HELP, SCREEN_HOSTS };
enum pane { PANE_HOPS, PANE_LIST, PANE_TEXT };

enum dialog_kind { DIALOG_NONE, DIALOG_TEXT, DIALOG_CHOICE, DIALOG_MESSAGE };
enum dialog_purpose {
	FOR_SKIP,        /* the reason of a skip */
	FOR_NOTE,        /* a note */
	FOR_FORCE,       /* the reason to override a rule, then done or skip */
	FOR_BRANCH,      /* which alternative was taken, then done */
	FOR_EXPORT_FORMAT, /* the format of a report, then its file */
	FOR_EXPORT_PATH, /* the file a report is written to */
	FOR_SEARCH,      /* a part of host names to show only those */
	FOR_INFO,        /* a message to read */
};

struct dialog {
	enum dialog_kind kind;
	enum dialog_purpose purpose;
	char title[128];
	struct strbuf prompt;       /* may be several lines */
	struct strbuf text;         /* what is typed */
	size_t nchoices, sel;       /* DIALOG_CHOICE */
	char choice[8][160];        /* DIALOG_CHOICE: what each choice says */
	enum render_format format;  /* FOR_EXPORT_PATH: the format chosen */
	bool skip;                  /* FOR_FORCE: the forced action is a skip */
	char branch[72];            /* a branch chosen before a forced done */
};

struct picker_row {
	int64_t id;
	char line[256];             /* why the session cannot be shown, or "" */
	char range[40];             /* "0.26 -> 0.28" */
	char started[24];           /* "2026-01-31 22:00" */
	char who[160];              /* who started it: operator@host */
	char title[256];
	size_t done, total;
	bool finished;
};

struct wizard {
	struct cli *cli;
	const struct content *content;
	struct journal *journal;
	struct session_actor who;
	struct input in;
	enum wiz_screen screen, back;   /* back: where Esc returns from detail and help */
	struct session *s;          /* the open session, NULL on the picker and form */
	size_t hop;                 /* the selected hop */
	size_t item;                /* the selected item (index into s->items) */
	enum pane focus;
	int list_top, text_top, detail_top, help_top;
	struct dialog dlg;
	char msg[512];              /* the status bar's message */
	bool msg_error;
	int64_t data_version;
	/* picker */
	struct picker_row *rows;
	size_t nrows, pick;
	bool show_finished;
	/* the hosts of a per-host step (w->item is the selected host's item) */
	size_t hosts_step;          /* the step's index */
	size_t hosts_pos;           /* the selection's position in the list shown */
	int hosts_top;
	int hosts_filter;           /* 0 all, 1 pending, 2 done, 3 skipped */
	char hosts_search[64];
	long hosts_anchor;          /* the first host of a range, -1 when none */
	/* form */
	struct strbuf field[4];     /* from, to, title, inventory file */
	int form_field;
	int64_t back_session;       /* the session N left: Esc on the form returns to it */
	bool quit;
	enum status exit_status;
};

/* Run the wizard on @session (0: resume the newest open one, or offer to start one). */
enum status wizard_run(struct cli *cli, int64_t session);

/* Screens (tui/screen_*.c). */
void main_draw(struct wizard *w);
void main_key(struct wizard *w, int key);
void detail_draw(struct wizard *w);
void detail_key(struct wizard *w, int key);
void hosts_open(struct wizard *w, size_t step);
void hosts_draw(struct wizard *w);
void hosts_key(struct wizard *w, int key);
/* Space on the selected item (w->item): done, or the dialog it needs first. */
void main_done(struct wizard *w);
void help_draw(struct wizard *w);
void help_key(struct wizard *w, int key);
void picker_draw(struct wizard *w);
void picker_key(struct wizard *w, int key);
void form_draw(struct wizard *w);
void form_key(struct wizard *w, int key);
/* Ask for the reason to override the rule that locks the selected item, then
 * mark it done (with @branch, may be NULL) or skip it. */
void main_ask_force(struct wizard *w, bool skip, const char *branch);
void dialog_draw(struct wizard *w);
void dialog_key(struct wizard *w, int key);

/* Shared by the screens (tui/wizard.c). */
bool wizard_open_session(struct wizard *w, int64_t id);
bool wizard_reload(struct wizard *w);
void wizard_picker(struct wizard *w);
void wizard_message(struct wizard *w, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record @req through core and reload; messages go to the status bar. */
void wizard_mark(struct wizard *w, struct mark_request *req);
void wizard_select_first_pending(struct wizard *w);

/* Drawing (tui/draw.c). */
/* Write @s at y,x in at most @w columns with attribute @attr; pad to @w when @pad. */
int draw_text(int y, int x, int w, unsigned attr, const char *s, bool pad);
void draw_fill(int y, int x, int w, unsigned attr);
/* The columns @s takes on the screen (wide characters take two). */
int draw_width(const char *s);
/* The bytes of the longest prefix of @s at most @cols columns wide; its width in @width. */
size_t draw_prefix(const char *s, int cols, int *width);
void draw_too_small(void);
/* Print the screen as text, one line per row, to @out (screen tests). */
void draw_dump(FILE *out);

#endif
