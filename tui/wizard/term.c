/*
 * term.c - curses setup and teardown, theme, signals (see term.h).
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "draw.h"
#include "term.h"

volatile sig_atomic_t term_signal;

static SCREEN *screen;
static FILE *headless_out, *headless_in;
static bool active;
static unsigned attrs[TA_COUNT];

static void on_signal(int sig)
{
	term_signal = sig;
}

/*
 * The user's locale, honoured: a terminal set up for ASCII (LANG=C, a
 * vt100) gets ASCII text and its own line drawing, never UTF-8 it would
 * show as garbage.
 */
static void user_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	draw_utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

static void theme(void)
{
	bool color = has_colors() && !getenv("NO_COLOR");

	/* monochrome: bold, reverse, dim and underline carry the meaning */
	attrs[TA_NORMAL] = A_NORMAL;
	attrs[TA_TITLE] = A_REVERSE | A_BOLD;
	attrs[TA_STATUS] = A_REVERSE;
	attrs[TA_SELECTED] = A_REVERSE;
	attrs[TA_DONE] = A_NORMAL;
	attrs[TA_SKIPPED] = A_DIM;
	attrs[TA_PENDING] = A_BOLD;
	attrs[TA_LOCKED] = A_DIM;
	attrs[TA_FORCED] = A_BOLD | A_UNDERLINE;
	attrs[TA_WARNING] = A_BOLD;
	attrs[TA_HEADING] = A_BOLD | A_UNDERLINE;
	attrs[TA_DIM] = A_DIM;
	attrs[TA_ERROR] = A_BOLD | A_REVERSE;
	attrs[TA_PROGRESS] = A_BOLD;
	if (!color || start_color() == ERR)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_GREEN, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_MAGENTA, -1);
	init_pair(5, COLOR_RED, -1);
	init_pair(6, COLOR_CYAN, -1);
	init_pair(7, COLOR_WHITE, COLOR_RED);
	attrs[TA_TITLE] = COLOR_PAIR(1) | A_BOLD;
	attrs[TA_STATUS] = COLOR_PAIR(1);
	attrs[TA_DONE] = COLOR_PAIR(2);
	attrs[TA_SKIPPED] = COLOR_PAIR(3);
	attrs[TA_FORCED] = COLOR_PAIR(4) | A_BOLD;
	attrs[TA_WARNING] = COLOR_PAIR(5) | A_BOLD;
	attrs[TA_HEADING] = COLOR_PAIR(6) | A_BOLD;
	attrs[TA_ERROR] = COLOR_PAIR(7) | A_BOLD;
	attrs[TA_PROGRESS] = COLOR_PAIR(2) | A_BOLD;
}

unsigned term_attr_of(enum term_attr a)
{
	return attrs[a];
}

bool term_usable(char *why, size_t whysize)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, whysize, "the wizard needs a terminal (stdin and stdout are not both "
			 "terminals); use the commands: see --help");
		return false;
	}
	if (!term || !*term || !strcmp(term, "dumb")) {
		snprintf(why, whysize, "the wizard needs a terminal that can address the cursor "
			 "(TERM is %s); use the commands: see --help", term && *term ? term : "unset");
		return false;
	}
	return true;
}

bool term_init(bool headless, int rows, int cols, char *why, size_t whysize)
{
	struct sigaction sa;

	user_locale();
	if (headless) {
		/* a screen test: curses draws into memory; nothing reaches a terminal */
		headless_out = fopen("/dev/null", "w");
		headless_in = fopen("/dev/null", "r");
		if (!headless_out || !headless_in) {
			snprintf(why, whysize, "cannot open /dev/null");
			return false;
		}
		screen = newterm("xterm-256color", headless_out, headless_in);
		if (!screen)
			screen = newterm("vt100", headless_out, headless_in);
	} else {
		if (!term_usable(why, whysize))
			return false;
		screen = newterm(NULL, stdout, stdin);
	}
	if (!screen) {
		snprintf(why, whysize, "cannot start curses on this terminal (TERM=%s)",
			 getenv("TERM") ? getenv("TERM") : "unset");
		return false;
	}
	active = true;
	atexit(term_end);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	theme();
	if (headless)
		resizeterm(rows, cols);
	return true;
}

void term_resize(int rows, int cols)
{
	if (active)
		resizeterm(rows, cols);
}

void term_end(void)
{
	if (active) {
		active = false;
		curs_set(1);
		endwin();
		delscreen(screen);
		screen = NULL;
		if (headless_out)
			fclose(headless_out);
		if (headless_in)
			fclose(headless_in);
		headless_out = headless_in = NULL;
	}
}
