/*
 * input.h - every key the wizard handles comes through input_get().
 *
 * From the terminal, or from a key script (MESOS_UPGRADE_KEYS=FILE): that is
 * the test seam for screen tests. A script is lines of tokens separated by
 * spaces: a character ("j", "?"), a key name in angle brackets (<Enter>
 * <Space> <Tab> <BTab> <Esc> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home>
 * <End> <BS> <C-l> <C-u> <C-c> <F1> <F2>), "type TEXT" for the rest of the line as typed text, and
 * commands: ":dump" (print the screen), ":resize ROWS COLS", ":tick" (a
 * second passes: the wizard looks for changes by others), ":wait" (the
 * probe running in the background, if any, ends first). Blank lines and
 * "#" comments are ignored. At the end of the script the wizard quits.
 */
#ifndef MU_INPUT_H
#define MU_INPUT_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Keys are code points for characters, and INPUT_KEY(curses code) for the
 * keys that are not characters, so that no character is ever taken for one.
 */
#define INPUT_KEY(k) (0x200000 + (k))

enum {
	INPUT_NONE = -1,   /* nothing within the timeout (or a script's :tick) */
	INPUT_EOF = -2,    /* the script ended, or the terminal is gone */
	INPUT_DUMP = -3,   /* a script's :dump */
	INPUT_SIGNAL = -4, /* a signal asked us to stop */
	INPUT_WAIT = -5,   /* a script's :wait */
};

struct input {
	FILE *script;      /* NULL: the terminal */
	char line[4096];
	char *pos;         /* next token in line */
	const char *typing;/* rest of a "type" line */
	unsigned lineno;
	char error[256];   /* a bad script line */
	int fast_errors;   /* reads that failed at once, in a row */
};

/* Use the script at @path (NULL: the terminal). False when it cannot be read. */
bool input_open(struct input *in, const char *path);
void input_close(struct input *in);
/* The next key (a curses key code or a character), waiting up to @timeout_ms. */
int input_get(struct input *in, int timeout_ms);

#endif
