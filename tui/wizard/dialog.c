/*
 * dialog.c - the modal screens: a text to type, a choice, a message. Each
 * is drawn over the screen below it and hands its answer to a callback.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "textutil.h"
#include "wizard.h"

#define MAX_TEXT 4000

enum dialog_kind { D_TEXT, D_CHOICE, D_MESSAGE };

struct dialog {
	struct screen base;
	enum dialog_kind kind;
	char *title, *prompt, *hint;
	struct strbuf text;         /* what is typed */
	bool allow_empty;
	char **choices;
	struct list list;           /* the choices */
	dialog_fn *done;
	struct dialog_args args;
};

/* Where the dialog goes on the screen, and how its rows divide. */
struct box {
	int y0, x0, h, width, inner, room;
	struct strbuf wrapped;
	struct rect choices;
};

static void box_compute(const struct dialog *d, struct box *b)
{
	int nlines = 1, below, want;

	b->width = COLS - 4 < 72 ? COLS - 4 : 72;
	b->inner = b->width - 4;
	strbuf_init(&b->wrapped);
	text_add_wrapped(&b->wrapped, d->prompt, 0, 0, (size_t)b->inner);
	for (const char *p = strbuf_str(&b->wrapped); *p; p++)
		nlines += *p == '\n';
	/* rows under the prompt: the text typed or the choices, and the hint;
	 * when the screen is short the prompt is cut, never the line typed */
	want = d->kind == D_CHOICE ? (int)d->list.n : 0;
	below = d->kind == D_TEXT ? 4 : d->kind == D_CHOICE ? 3 + want : 2;
	b->h = nlines + below + 2;
	if (b->h > LINES - 2)
		b->h = LINES - 2;
	b->room = b->h - 2 - below;
	if (b->room < 1)
		b->room = 1;
	if (d->kind == D_CHOICE) {
		/* the choices get what the prompt leaves, at least three rows */
		int rows = b->h - 4 - b->room;
		if (rows < 3 && b->room > 1) {
			b->room = b->room > 3 - rows ? b->room - (3 - rows) : 1;
			rows = b->h - 4 - b->room;
		}
		b->choices = (struct rect){ 0, 0, rows > 0 ? rows : 1, b->inner };
	}
	b->y0 = (LINES - b->h) / 2;
	b->x0 = (COLS - b->width) / 2;
	b->choices.y = b->y0 + 2 + b->room;
	b->choices.x = b->x0 + 2;
}

static void frame(const struct box *b)
{
	for (int r = 0; r < b->h; r++)
		draw_fill(b->y0 + r, b->x0, b->width, A_NORMAL);
	draw_box(b->y0, b->x0, b->h, b->width);
}

static void choice_row(const void *ctx, size_t i, int y, int x, int w, bool selected)
{
	const struct dialog *d = ctx;
	struct strbuf sb = STRBUF_INIT;

	/* the selection is marked in text too: it must not rest on reverse video */
	strbuf_addf(&sb, "%s%zu. %s", selected ? "> " : "  ", i + 1, d->choices[i]);
	draw_text_fit(y, x, w, selected ? term_attr_of(TA_SELECTED) : A_NORMAL, strbuf_str(&sb), true);
	strbuf_release(&sb);
}

static void dialog_draw(const struct screen *sc, const struct wizard *w)
{
	const struct dialog *d = (const struct dialog *)sc;
	struct box b;
	const char *p;
	int y;

	(void)w;
	box_compute(d, &b);
	frame(&b);
	draw_text_fit(b.y0, b.x0 + 2, b.width - 4, A_BOLD, d->title, false);
	y = b.y0 + 1;
	for (p = strbuf_str(&b.wrapped); y < b.y0 + 1 + b.room;) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		bool cut = p[n] && y + 1 == b.y0 + 1 + b.room;
		/* a prompt cut short says so */
		if (line)
			draw_text_fit(y, b.x0 + 2, b.inner, A_NORMAL, line, false);
		if (cut)
			draw_text(y, b.x0 + 2 + b.inner - 4, 4, A_NORMAL, " ...", false);
		free(line);
		y++;
		if (!p[n])
			break;
		p += n + 1;
	}
	if (d->kind == D_CHOICE)
		list_draw(&d->list, &b.choices, choice_row, d);
	else if (d->kind == D_TEXT)
		field_draw(y + 1, b.x0 + 2, b.inner, "> ", strbuf_str(&d->text), true);
	draw_text_fit(b.y0 + b.h - 2, b.x0 + 2, b.inner, term_attr_of(TA_DIM), d->hint, false);
	strbuf_release(&b.wrapped);
}

static bool dialog_typed(const struct screen *sc, int key)
{
	const struct dialog *d = (const struct dialog *)sc;

	/* in a text dialog every printable key is text: ? and q too (F1, C-c still work) */
	return d->kind == D_TEXT && field_typable(key);
}

/* The answer given: the callback's result, this dialog popped first. */
static struct result answer(struct dialog *d, struct wizard *w, const char *text, size_t choice)
{
	struct result r = d->done(w, &d->args, text, choice);

	if (r.kind == R_PUSH)
		r.kind = R_REPLACE;
	else if (r.kind == R_STAY)
		r.kind = R_POP;
	return r;
}

static struct result text_key(struct dialog *d, struct wizard *w, enum action a, int key)
{
	struct result r;
	char *text;

	if (field_edit(&d->text, a, key, MAX_TEXT))
		return RESULT(R_STAY);
	if (a != ACT_CONFIRM)
		return RESULT(R_UNKNOWN);
	if (!d->allow_empty && strspn(strbuf_str(&d->text), " ") == d->text.len) {
		wizard_message(w, true, "Type some text first (Esc cancels).");
		return RESULT(R_STAY);
	}
	text = strdup(strbuf_str(&d->text));
	if (!text)
		return RESULT(R_STAY);
	r = answer(d, w, text, 0);
	free(text);
	return r;
}

static struct result dialog_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct dialog *d = (struct dialog *)sc;
	struct box b;
	int rows;

	if (d->kind == D_MESSAGE)
		return RESULT(R_POP); /* any key closes it */
	if (a == ACT_BACK) {
		wizard_message(w, false, "Cancelled; nothing recorded.");
		return RESULT(R_POP);
	}
	if (d->kind == D_TEXT)
		return text_key(d, w, a, key);
	box_compute(d, &b);
	rows = b.choices.h;
	strbuf_release(&b.wrapped);
	if (list_key(&d->list, a, rows))
		return RESULT(R_STAY);
	if (a == ACT_CHOOSE && keys_position(sc->ops->keys, key) >= 0 &&
	    (size_t)keys_position(sc->ops->keys, key) < d->list.n)
		return answer(d, w, NULL, (size_t)keys_position(sc->ops->keys, key));
	if (a == ACT_CONFIRM && d->list.n)
		return answer(d, w, NULL, d->list.sel);
	return RESULT(R_UNKNOWN);
}

static void dialog_release(struct screen *sc)
{
	struct dialog *d = (struct dialog *)sc;

	free(d->title);
	free(d->prompt);
	free(d->hint);
	strbuf_release(&d->text);
	for (size_t i = 0; d->choices && i < d->list.n; i++)
		free(d->choices[i]);
	free(d->choices);
}

static const struct screen_ops text_ops = {
	.keys = &keymap_text_dialog, .modal = true,
	.hints = " Enter confirm  BS erase  C-u clear  Esc cancel  F1 help ",
	.typed = dialog_typed, .draw = dialog_draw, .key = dialog_key, .release = dialog_release,
};
static const struct screen_ops choice_ops = {
	.keys = &keymap_choice_dialog, .modal = true,
	.hints = " Up/Down move  Enter choose  1-9 that one  Esc cancel  ? help ",
	.draw = dialog_draw, .key = dialog_key, .release = dialog_release,
};
static const struct screen_ops message_ops = {
	.keys = &keymap_message, .modal = true, .hints = " any key closes ",
	.draw = dialog_draw, .key = dialog_key, .release = dialog_release,
};

static struct dialog *dialog_new(const struct screen_ops *ops, enum dialog_kind kind,
				 const char *title, const char *prompt, const char *hint)
{
	struct dialog *d = (struct dialog *)screen_new(sizeof(*d), ops);

	if (!d)
		return NULL;
	d->kind = kind;
	d->title = strdup(title);
	d->prompt = strdup(prompt);
	d->hint = strdup(hint);
	strbuf_init(&d->text);
	list_init(&d->list, true);
	if (!d->title || !d->prompt || !d->hint) {
		dialog_release(&d->base);
		free(d);
		return NULL;
	}
	return d;
}

struct screen *dialog_text(const char *title, const char *prompt, const char *initial,
			   const char *hint, bool allow_empty, dialog_fn *done,
			   const struct dialog_args *args)
{
	struct dialog *d = dialog_new(&text_ops, D_TEXT, title, prompt, hint);

	if (!d)
		return NULL;
	if (initial)
		strbuf_adds(&d->text, initial);
	d->allow_empty = allow_empty;
	d->done = done;
	d->args = *args;
	return &d->base;
}

struct result dialog_ask(const char *title, const char *prompt, dialog_fn *done,
			 const struct dialog_args *args)
{
	return result_push(dialog_text(title, prompt, NULL, "Enter records it, Esc cancels", false,
				       done, args));
}

struct screen *dialog_choice(const char *title, const char *prompt, const char *const *choices,
			     size_t n, dialog_fn *done, const struct dialog_args *args)
{
	struct dialog *d = dialog_new(&choice_ops, D_CHOICE, title, prompt,
				      "Up/Down and Enter, or its number: choose; Esc cancels");

	if (!d)
		return NULL;
	d->choices = calloc(n ? n : 1, sizeof(*d->choices));
	if (!d->choices) {
		dialog_release(&d->base);
		free(d);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		d->choices[i] = strdup(choices[i]);
		d->list.n = i + 1;
	}
	d->done = done;
	d->args = *args;
	return &d->base;
}

struct screen *dialog_message(const char *title, const char *text)
{
	struct dialog *d = dialog_new(&message_ops, D_MESSAGE, title, text, "any key closes");

	return d ? &d->base : NULL;
}
