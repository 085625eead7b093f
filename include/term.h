/*
 * term.h - the one module that owns the terminal.
 *
 * term_init() starts curses on the real terminal, or headless (on /dev/null,
 * a fixed size) for screen tests. term_end() restores the terminal; it is
 * idempotent and is called on every way out: normal return, atexit, fatal
 * errors and the signals that end the program, which only set a flag
 * (term_signal) that the input loop turns into a quit; the wizard then exits
 * with ST_SIGNAL + the signal's number (status.h). While curses owns the
 * screen nothing else writes to the terminal: the wizard's messages go to its
 * status line and its message log.
 */
#ifndef MU_TERM_H
#define MU_TERM_H

#include <signal.h>
#include <stdbool.h>

enum term_attr {
	TA_NORMAL, TA_TITLE, TA_STATUS, TA_SELECTED, TA_DONE, TA_SKIPPED, TA_PENDING,
	TA_LOCKED, TA_FORCED, TA_WARNING, TA_HEADING, TA_DIM, TA_ERROR, TA_PROGRESS,
	TA_COUNT
};

/* The signal that asked us to stop (SIGTERM, SIGHUP, SIGINT), or 0. */
extern volatile sig_atomic_t term_signal;

/* Whether stdin and stdout are a terminal the wizard can use; why not in @why. */
bool term_usable(char *why, size_t whysize);
/*
 * Start curses. @headless: on /dev/null at @rows x @cols (for tests).
 * Returns false (and the reason in @why) when the terminal cannot be used.
 */
bool term_init(bool headless, int rows, int cols, char *why, size_t whysize);
void term_end(void);
/* The curses attribute of @a in the current theme (colour or monochrome). */
unsigned term_attr_of(enum term_attr a);
/* Set a headless terminal's size (a screen test's "resize"). */
void term_resize(int rows, int cols);

#endif
