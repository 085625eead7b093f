/*
 * dialog.c - the dialogs over the main screen: a reason or a note to type,
 * an alternative to choose, a message to read.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "keys.h"
#include "report_export.h"
#include "term.h"
#include "textutil.h"
#include "wizard.h"

#define MAX_TEXT 4000

void dialog_draw(struct wizard *w)
{
	struct dialog *d = &w->dlg;
	struct strbuf wrapped = STRBUF_INIT;
	int width = COLS - 4 < 72 ? COLS - 4 : 72, inner = width - 4, nlines = 0, h, y0, x0, y;
	int below, room;
	const char *p;

	text_add_wrapped(&wrapped, strbuf_str(&d->prompt), 0, 0, (size_t)inner);
	for (p = strbuf_str(&wrapped); *p; p++)
		nlines += *p == '\n';
	nlines++;
	if (d->kind == DIALOG_CHOICE)
		nlines += 1 + (int)d->nchoices;
	h = nlines + (d->kind == DIALOG_TEXT ? 2 : 0) + 4;
	if (h > LINES - 2)
		h = LINES - 2;
	/* rows under the prompt: the typed text or the choices, and the keys; when
	 * the screen is short the prompt is cut, never the line being typed */
	below = d->kind == DIALOG_TEXT	   ? 4
		: d->kind == DIALOG_CHOICE ? 2 + (int)d->nchoices
					   : 1;
	room = h - 2 - below;
	if (room < 1)
		room = 1;
	y0 = (LINES - h) / 2;
	x0 = (COLS - width) / 2;
	for (int r = 0; r < h; r++)
		draw_fill(y0 + r, x0, width, A_NORMAL);
	attrset(A_BOLD);
	mvadd_wch(y0, x0, WACS_ULCORNER);
	mvhline_set(y0, x0 + 1, WACS_HLINE, width - 2);
	mvadd_wch(y0, x0 + width - 1, WACS_URCORNER);
	mvvline_set(y0 + 1, x0, WACS_VLINE, h - 2);
	mvvline_set(y0 + 1, x0 + width - 1, WACS_VLINE, h - 2);
	mvadd_wch(y0 + h - 1, x0, WACS_LLCORNER);
	mvhline_set(y0 + h - 1, x0 + 1, WACS_HLINE, width - 2);
	mvadd_wch(y0 + h - 1, x0 + width - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
	draw_text(y0, x0 + 2, width - 4, A_BOLD, d->title, false);
	y = y0 + 1;
	for (p = strbuf_str(&wrapped); y < y0 + 1 + room;) {
		size_t n = strcspn(p, "\n");
		char line[1024];
		snprintf(line, sizeof(line), "%.*s%s", (int)n, p,
			 p[n] && y + 1 == y0 + 1 + room ? " ..." : "");
		draw_text(y++, x0 + 2, inner, A_NORMAL, line, false);
		if (!p[n])
			break;
		p += n + 1;
	}
	if (d->kind == DIALOG_CHOICE) {
		y++;
		for (size_t i = 0; i < d->nchoices && y < y0 + h - 2; i++) {
			char line[256];
			/* the selection is marked in text too: it must not rest on reverse video */
			snprintf(line, sizeof(line), "%s%zu. %s", i == d->sel ? "> " : "  ", i + 1,
				 d->choice[i]);
			draw_text(y++, x0 + 2, inner, i == d->sel ? term_attr_of(TA_SELECTED) : A_NORMAL,
				  line, true);
		}
	} else if (d->kind == DIALOG_TEXT) {
		const char *t = strbuf_str(&d->text);
		int tw;
		/* show the end of what is typed (in columns: wide characters take two) */
		while (draw_width(t) + 3 > inner && *t) {
			uint32_t cp;
			t += utf8_decode(t, strlen(t), &cp);
		}
		y++;
		draw_text(y, x0 + 2, inner, A_UNDERLINE, "", true);
		draw_text(y, x0 + 2, inner, A_UNDERLINE, "> ", false);
		tw = draw_text(y, x0 + 4, inner - 2, A_UNDERLINE, t, false);
		draw_text(y, x0 + 4 + tw, 1, A_REVERSE, " ", false);
		y++;
	}
	draw_text(y0 + h - 2, x0 + 2, inner, term_attr_of(TA_DIM),
		  d->kind == DIALOG_TEXT && d->purpose == FOR_EXPORT_PATH
			  ? "Enter writes it, Esc cancels"
		  : d->kind == DIALOG_TEXT   ? "Enter records it, Esc cancels"
		  : d->kind == DIALOG_CHOICE ? "Up/Down and Enter choose, Esc cancels"
					     : "any key closes",
		  false);
	strbuf_release(&wrapped);
}

static void close_dialog(struct wizard *w)
{
	w->dlg.kind = DIALOG_NONE;
	strbuf_reset(&w->dlg.text);
}

/* After the format: ask for the file, offering a name in the current directory. */
static void ask_export_path(struct wizard *w)
{
	static const enum render_format formats[] = { FMT_MD, FMT_HTML, FMT_JSON, FMT_TEXT };
	struct dialog *d = &w->dlg;
	enum render_format f = formats[d->sel < 4 ? d->sel : 0];

	d->kind = DIALOG_TEXT;
	d->purpose = FOR_EXPORT_PATH;
	d->format = f;
	snprintf(d->title, sizeof(d->title), "Export a report: %s", render_format_name(f));
	strbuf_reset(&d->prompt);
	strbuf_adds(&d->prompt, "Write it to this file (replaced whole if it exists; a relative "
			       "name is in the directory mesos-upgrade was started from):");
	strbuf_reset(&d->text);
	strbuf_addf(&d->text, "mesos-upgrade-session-%lld.%s", (long long)w->s->info.id,
		    f == FMT_TEXT ? "txt" : render_format_name(f));
}

static void export(struct wizard *w, const char *path)
{
	struct strbuf msg = STRBUF_INIT;
	enum status st;

	st = report_export(w->journal, w->content, w->s->info.id, w->dlg.format, path, &msg);
	if (st == ST_OK)
		wizard_message(w, false, "%s", strbuf_str(&msg));
	else
		wizard_message(w, true, "Not written: %s", strbuf_str(&msg));
	strbuf_release(&msg);
}

static void submit_text(struct wizard *w)
{
	struct dialog *d = &w->dlg;
	struct mark_request req = { 0 };
	const struct session_item *it = &w->s->items[w->item];
	char *text;
	long b;

	if (d->purpose == FOR_SEARCH) {
		snprintf(w->hosts_search, sizeof(w->hosts_search), "%s", strbuf_str(&d->text));
		w->hosts_pos = 0;
		w->hosts_top = 0;
		close_dialog(w);
		return;
	}
	if (d->purpose == FOR_EXPORT_PATH) {
		char *path = strbuf_detach(&d->text);
		if (path)
			export(w, path);
		close_dialog(w);
		free(path);
		return;
	}
	text = strbuf_detach(&d->text);

	if (!text)
		return;
	req.item = it->id;
	req.text = text;
	switch (d->purpose) {
	case FOR_SKIP:
		req.action = MARK_SKIP;
		req.force = session_blocker(w->s, w->item, &b) != BLOCK_NONE;
		break;
	case FOR_NOTE:
		req.action = MARK_NOTE;
		break;
	case FOR_FORCE:
		req.action = d->skip ? MARK_SKIP : MARK_DONE;
		req.force = true;
		req.branch = d->branch[0] ? d->branch : NULL;
		break;
	default:
		break;
	}
	close_dialog(w);
	wizard_mark(w, &req);
	free(text);
}

static void choose(struct wizard *w)
{
	const struct session_item *it = &w->s->items[w->item];
	const char *branch;
	struct mark_request req = { 0 };
	long b;

	if (w->dlg.purpose == FOR_EXPORT_FORMAT) {
		ask_export_path(w);
		return;
	}
	branch = it->step->branches[w->dlg.sel].id;
	close_dialog(w);
	if (session_blocker(w->s, w->item, &b) != BLOCK_NONE) {
		main_ask_force(w, false, branch);
		return;
	}
	req.item = it->id;
	req.action = MARK_DONE;
	req.branch = branch;
	wizard_mark(w, &req);
}

void dialog_key(struct wizard *w, int key)
{
	struct dialog *d = &w->dlg;

	if (d->kind == DIALOG_MESSAGE) {
		close_dialog(w);
		return;
	}
	if (key == 27) {
		close_dialog(w);
		wizard_message(w, false, "Cancelled; nothing recorded.");
		return;
	}
	if (d->kind == DIALOG_CHOICE) {
		enum action act = keys_action(key);
		if (act == ACT_UP && d->sel > 0)
			d->sel--;
		else if (act == ACT_DOWN && d->sel + 1 < d->nchoices)
			d->sel++;
		else if (key >= '1' && key <= '9' && (size_t)(key - '1') < d->nchoices) {
			d->sel = (size_t)(key - '1');
			choose(w);
		} else if (act == ACT_DETAIL)
			choose(w);
		return;
	}
	/* DIALOG_TEXT */
	if (key == '\r' || key == '\n' || key == INPUT_KEY(KEY_ENTER)) {
		if (strspn(strbuf_str(&d->text), " ") == d->text.len && d->purpose != FOR_SEARCH) {
			wizard_message(w, true, "Type some text first (Esc cancels).");
			return;
		}
		submit_text(w);
	} else if (key == INPUT_KEY(KEY_BACKSPACE) || key == 127 || key == 8) {
		while (d->text.len && (d->text.buf[d->text.len - 1] & 0xc0) == 0x80)
			d->text.len--;
		if (d->text.len)
			d->text.len--;
		if (d->text.buf)
			d->text.buf[d->text.len] = '\0';
	} else if (key == 21) { /* C-u */
		strbuf_reset(&d->text);
	} else if (key >= 0x20 && key != 0x7f && (key < 0x80 || key >= 0xa0) && key < 0x110000 &&
		   d->text.len < MAX_TEXT) {
		utf8_encode(&d->text, (uint32_t)key);
	}
}
