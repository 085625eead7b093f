/*
 * input.c - keys from the terminal or from a key script (see input.h).
 */
#include <string.h>
#include <time.h>
#include <strings.h>

#include <curses.h>

#include "input.h"
#include "term.h"
#include "textutil.h"

bool input_open(struct input *in, const char *path)
{
	memset(in, 0, sizeof(*in));
	if (!path)
		return true;
	in->script = fopen(path, "r");
	return in->script != NULL;
}

void input_close(struct input *in)
{
	if (in->script)
		fclose(in->script);
	in->script = NULL;
}

static const struct {
	const char *name;
	int key;
} names[] = {
	{ "Enter", '\r' }, { "Space", ' ' }, { "Tab", '\t' }, { "BTab", INPUT_KEY(KEY_BTAB) },
	{ "Esc", 27 }, { "Up", INPUT_KEY(KEY_UP) }, { "Down", INPUT_KEY(KEY_DOWN) },
	{ "Left", INPUT_KEY(KEY_LEFT) }, { "Right", INPUT_KEY(KEY_RIGHT) },
	{ "PgUp", INPUT_KEY(KEY_PPAGE) }, { "PgDn", INPUT_KEY(KEY_NPAGE) },
	{ "Home", INPUT_KEY(KEY_HOME) }, { "End", INPUT_KEY(KEY_END) },
	{ "BS", INPUT_KEY(KEY_BACKSPACE) }, { "C-l", 12 }, { "C-u", 21 }, { "C-c", 3 },
	{ "F1", INPUT_KEY(KEY_F(1)) }, { "F2", INPUT_KEY(KEY_F(2)) },
};

/* The next code point of the "type" text. */
static int typed(struct input *in)
{
	uint32_t cp;
	size_t n = utf8_decode(in->typing, strlen(in->typing), &cp);

	in->typing += n;
	if (!*in->typing)
		in->typing = NULL;
	return (int)cp;
}

static int script_key(struct input *in)
{
	for (;;) {
		char *tok, *end;
		if (in->typing)
			return typed(in);
		while (in->pos && *in->pos == ' ')
			in->pos++;
		if (!in->pos || !*in->pos) {
			if (!fgets(in->line, sizeof(in->line), in->script))
				return INPUT_EOF;
			in->lineno++;
			in->line[strcspn(in->line, "\r\n")] = '\0';
			in->pos = in->line;
			if (in->line[0] == '#')
				in->pos = NULL;
			else if (!strncmp(in->line, "type ", 5)) {
				in->typing = in->line[5] ? in->line + 5 : NULL;
				in->pos = NULL;
			} else if (!strcmp(in->line, ":dump")) {
				in->pos = NULL;
				return INPUT_DUMP;
			} else if (!strcmp(in->line, ":tick")) {
				in->pos = NULL;
				return INPUT_NONE;
			} else if (!strcmp(in->line, ":wait")) {
				in->pos = NULL;
				return INPUT_WAIT;
			} else if (!strncmp(in->line, ":resize ", 8)) {
				int r = 0, c = 0;
				in->pos = NULL;
				if (sscanf(in->line + 8, "%d %d", &r, &c) == 2 && r > 0 && c > 0 &&
				    r < 1000 && c < 1000) {
					term_resize(r, c);
					return INPUT_KEY(KEY_RESIZE);
				}
				snprintf(in->error, sizeof(in->error), "key script line %u: bad :resize",
					 in->lineno);
				return INPUT_EOF;
			}
			continue;
		}
		tok = in->pos;
		end = strchr(tok, ' ');
		in->pos = end ? end : tok + strlen(tok);
		if (end)
			*end = '\0';
		if (tok[0] == '<' && tok[strlen(tok) - 1] == '>' && strlen(tok) > 2) {
			tok[strlen(tok) - 1] = '\0';
			for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
				if (!strcasecmp(tok + 1, names[i].name))
					return names[i].key;
			snprintf(in->error, sizeof(in->error), "key script line %u: unknown key <%s>",
				 in->lineno, tok + 1);
			return INPUT_EOF;
		}
		{
			uint32_t cp;
			size_t n = utf8_decode(tok, strlen(tok), &cp);
			if (n != strlen(tok)) {
				snprintf(in->error, sizeof(in->error),
					 "key script line %u: '%s' is not one key", in->lineno, tok);
				return INPUT_EOF;
			}
			return (int)cp;
		}
	}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int input_get(struct input *in, int timeout_ms)
{
	wint_t wc;
	double t0;
	int rc;

	if (term_signal)
		return INPUT_SIGNAL;
	if (in->script)
		return script_key(in);
	timeout(timeout_ms);
	t0 = now_ms();
	rc = get_wch(&wc);
	if (term_signal)
		return INPUT_SIGNAL;
	if (rc == ERR) {
		/* a terminal that is gone answers at once, every time: stop, do not spin */
		if (timeout_ms >= 100 && now_ms() - t0 < 5) {
			if (++in->fast_errors > 50)
				return INPUT_EOF;
		} else {
			in->fast_errors = 0;
		}
		return INPUT_NONE;
	}
	in->fast_errors = 0;
	return rc == KEY_CODE_YES ? INPUT_KEY((int)wc) : (int)wc;
}
