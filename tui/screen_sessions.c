/*
 * screen_sessions.c - the session picker and the new-session form.
 */
#include <string.h>

#include <curses.h>

#include "input.h"
#include "keys.h"
#include "inventory.h"
#include "plan.h"
#include "term.h"
#include "textutil.h"
#include "version.h"
#include "wizard.h"

/* The inventory is optional: with it, steps on each master or agent get one item per host. */
static const char *const field_names[4] = { "From version", "To version", "Title", "Inventory" };
static const size_t field_max[4] = { 16, 16, 200, 1024 };

static void bar(char *out, size_t done, size_t total, int width)
{
	int fill = total ? (int)(done * (size_t)width / total) : 0;

	for (int i = 0; i < width; i++)
		out[i] = i < fill ? '#' : '.';
	out[width] = '\0';
}

/* ---- picker ------------------------------------------------------------ */

/* The rows shown: open ones always, finished ones when asked (or when there are no others). */
static bool shown(const struct wizard *w, size_t i)
{
	bool any_open = false;

	for (size_t k = 0; k < w->nrows; k++)
		any_open |= !w->rows[k].finished;
	return !w->rows[i].finished || w->show_finished || !any_open;
}

void picker_draw(struct wizard *w)
{
	char head[512], line[1024], b[16];
	int y = 3, rows = LINES - 5;
	size_t nshown = 0, first = 0;
	/*
	 * Bar, id, range, status and done take 52 columns; the title keeps at
	 * least 24 of the rest, so the start time and the operator are shown
	 * only when there is room (the selected session's are under the list).
	 */
	bool started = COLS >= 52 + 18 + 24, op = COLS >= 52 + 18 + 10 + 24;

	snprintf(head, sizeof(head), " mesos-upgrade | sessions in %s", journal_path(w->journal));
	draw_fill(0, 0, COLS, term_attr_of(TA_TITLE));
	draw_text(0, 0, COLS, term_attr_of(TA_TITLE), head, false);
	snprintf(line, sizeof(line), "PROGRESS    ID   %-16s %-8s %-7s %s%sTITLE", "RANGE", "STATUS",
		 "DONE", started ? "STARTED           " : "", op ? "OPERATOR  " : "");
	draw_text(2, 1, COLS - 2, term_attr_of(TA_HEADING), line, false);
	/* the first row shown keeps the selected one in view */
	for (size_t i = 0; i < w->nrows; i++)
		if (shown(w, i) && i < w->pick && (int)(nshown++) >= rows - 1)
			first++;
	for (size_t i = 0, k = 0; i < w->nrows && y < 3 + rows; i++) {
		const struct picker_row *r = &w->rows[i];
		if (!shown(w, i) || k++ < first)
			continue;
		bar(b, r->done, r->total, 10);
		if (r->line[0]) {
			snprintf(line, sizeof(line), " %s  %s", b, r->line);
		} else {
			char done[48], opcol[64] = "";
			if (op) {
				/* the operator (who is operator@host) in 10 columns */
				char name[160];
				int ow;
				size_t n;
				snprintf(name, sizeof(name), "%s", r->who);
				if (strrchr(name, '@'))
					*strrchr(name, '@') = '\0';
				n = draw_prefix(name, 9, &ow);
				snprintf(opcol, sizeof(opcol), "%.*s%*s", (int)n, name, 10 - ow, "");
			}
			snprintf(done, sizeof(done), "%zu/%zu", r->done, r->total);
			snprintf(line, sizeof(line), " %s  %-4lld %-16s %-8s %-7s %s%s%s%s", b,
				 (long long)r->id, r->range, r->finished ? "finished" : "open", done,
				 started ? r->started : "", started ? "  " : "", opcol, r->title);
		}
		draw_text(y++, 0, COLS,
			  i == w->pick ? term_attr_of(TA_SELECTED)
			  : r->finished ? term_attr_of(TA_DIM) : A_NORMAL,
			  line, true);
	}
	if (!w->nrows)
		draw_text(3, 1, COLS - 2, A_NORMAL, "No sessions yet: N starts one.", false);
	else if (w->pick < w->nrows && !w->rows[w->pick].line[0]) {
		const struct picker_row *r = &w->rows[w->pick];
		snprintf(line, sizeof(line), "Session %lld was started %s by %s%s%s", (long long)r->id,
			 r->started, r->who, r->title[0] ? ": " : ".", r->title);
		draw_text(LINES - 2, 1, COLS - 2, term_attr_of(TA_DIM), line, false);
	}
	draw_fill(LINES - 1, 0, COLS, term_attr_of(TA_STATUS));
	draw_text(LINES - 1, 1, COLS - 1, w->msg_error ? term_attr_of(TA_ERROR)
						       : term_attr_of(TA_STATUS),
		  w->msg[0] ? w->msg
			    : "Enter resume  N new session  f show/hide finished  ? help  q quit",
		  false);
}

void picker_key(struct wizard *w, int key)
{
	enum action act = keys_action(key);

	w->msg[0] = '\0';
	if (act == ACT_DOWN) {
		for (size_t i = w->pick + 1; i < w->nrows; i++)
			if (shown(w, i)) {
				w->pick = i;
				break;
			}
	} else if (act == ACT_UP) {
		for (size_t i = w->pick; i-- > 0;)
			if (shown(w, i)) {
				w->pick = i;
				break;
			}
	} else if (act == ACT_DETAIL) {
		if (w->nrows && shown(w, w->pick))
			wizard_open_session(w, w->rows[w->pick].id);
	} else if (key == 'N' || key == 'n') {
		w->back = SCREEN_PICKER;
		w->screen = SCREEN_FORM;
	} else if (key == 'f') {
		w->show_finished = !w->show_finished;
		if (!shown(w, w->pick))
			for (size_t i = 0; i < w->nrows; i++)
				if (shown(w, i)) {
					w->pick = i;
					break;
				}
	} else if (act == ACT_HELP) {
		w->back = SCREEN_PICKER;
		w->screen = SCREEN_HELP;
	} else if (act == ACT_QUIT || key == 27) {
		w->quit = true;
	}
}

/* ---- new session form -------------------------------------------------- */

/*
 * Why the title cannot be recorded, into @out; false when it can. The same
 * rule as --title: it is shown to every operator of the session.
 */
static bool form_title_bad(struct wizard *w, struct strbuf *out)
{
	const char *t = strbuf_str(&w->field[2]);
	size_t at, n = text_find_unprintable(t, strlen(t), &at);

	if (!n)
		return false;
	strbuf_adds(out, "Title has ");
	text_add_unprintable_why(out, t + at, n);
	strbuf_adds(out, ": use printable characters only.");
	return true;
}

/*
 * What the form would start, or why it cannot: into @out; true when it
 * can: the versions plan, the title is printable.
 */
static bool form_check(struct wizard *w, struct strbuf *out)
{
	const char *from = strbuf_str(&w->field[0]), *to = strbuf_str(&w->field[1]);
	char range[64];
	struct plan p;
	struct version v;
	struct strbuf why = STRBUF_INIT;
	bool ok;

	plan_supported_range(w->content, range, sizeof(range));
	/* each field as soon as it is typed, not only once both are */
	for (int f = 0; f < 2; f++) {
		const char *t = strbuf_str(&w->field[f]);
		if (*t && !version_parse(t, &v)) {
			strbuf_addf(out, "%s '%s' is not a version: write 0.26, 0.26.1 or 0.26.x "
				    "(the guide covers %s).", field_names[f], t, range);
			return false;
		}
	}
	if (form_title_bad(w, out))
		return false;
	if (!*from || !*to) {
		strbuf_addf(out, "Versions look like 0.26, 0.26.1 or 0.26.x; the guide covers %s.",
			    range);
		return false;
	}
	/* the planner speaks of the command line's --from and --to: say the fields' names */
	ok = plan_build(w->content, from, to, &p, &why) == ST_OK;
	if (!ok) {
		const char *m = strbuf_str(&why);
		if (!strncmp(m, "--from ", 7))
			strbuf_addf(out, "%s %s", field_names[0], m + 7);
		else if (!strncmp(m, "--to ", 5))
			strbuf_addf(out, "%s %s", field_names[1], m + 5);
		else
			strbuf_adds(out, m);
	}
	strbuf_release(&why);
	if (!ok)
		return false;
	strbuf_addf(out, "%zu hop%s: %s", p.nhops, p.nhops == 1 ? "" : "s", p.hops[0].from);
	for (size_t i = 0; i < p.nhops; i++)
		strbuf_addf(out, " -> %s", p.hops[i].to);
	strbuf_addf(out, "; %zu notes to read, %zu steps.", p.nnotes, p.nsteps);
	return true;
}

void form_draw(struct wizard *w)
{
	struct strbuf check = STRBUF_INIT;
	bool ok = form_check(w, &check);
	struct strbuf wrapped = STRBUF_INIT;
	int y = 2;

	draw_fill(0, 0, COLS, term_attr_of(TA_TITLE));
	draw_text(0, 0, COLS, term_attr_of(TA_TITLE), " mesos-upgrade | start a new session", false);
	for (int f = 0; f < 4; f++) {
		char label[32];
		const char *t = strbuf_str(&w->field[f]);
		int lw, tw;
		snprintf(label, sizeof(label), "%-13s ", field_names[f]);
		lw = draw_text(y, 2, COLS - 4, f == w->form_field ? A_BOLD : A_NORMAL, label, false);
		draw_text(y, 2 + lw, COLS - 4 - lw, A_UNDERLINE, "", true);
		tw = draw_text(y, 2 + lw, COLS - 6 - lw, A_UNDERLINE, t, false);
		if (f == w->form_field)
			draw_text(y, 2 + lw + tw, 1, A_REVERSE, " ", false);
		y += 2;
	}
	text_add_wrapped(&wrapped, strbuf_str(&check), 0, 0, (size_t)(COLS - 4));
	for (const char *p = strbuf_str(&wrapped); y < LINES - 2;) {
		size_t n = strcspn(p, "\n");
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		draw_text(y++, 2, COLS - 4, ok ? term_attr_of(TA_DONE) : term_attr_of(TA_WARNING),
			  line, false);
		if (!p[n])
			break;
		p += n + 1;
	}
	draw_fill(LINES - 1, 0, COLS, term_attr_of(TA_STATUS));
	draw_text(LINES - 1, 1, COLS - 1, w->msg_error ? term_attr_of(TA_ERROR)
						       : term_attr_of(TA_STATUS),
		  w->msg[0] ? w->msg : "Tab next field  Enter start  Esc back", false);
	strbuf_release(&check);
	strbuf_release(&wrapped);
}

static void form_start(struct wizard *w)
{
	struct strbuf why = STRBUF_INIT;
	int64_t id;
	enum status st;

	struct inventory *inv = NULL;

	if (w->field[3].len) {
		struct diag_list dl;
		diag_list_init(&dl);
		st = inventory_load(strbuf_str(&w->field[3]), &inv, &dl);
		if (st != ST_OK) {
			/* the first problem here; the command line lists them all */
			const struct diag *d = dl.count ? &dl.items[0] : NULL;
			if (d && d->line)
				wizard_message(w, true, "Inventory: %s:%u:%u: %s (%zu problem%s)", d->file,
					       d->line, d->col, d->message, dl.count,
					       dl.count == 1 ? "" : "s");
			else
				wizard_message(w, true, "Inventory: %s", d ? d->message : "unusable");
			diag_list_release(&dl);
			strbuf_release(&why);
			w->form_field = 3;
			return;
		}
		diag_list_release(&dl);
	}
	st = session_start(w->journal, w->content, strbuf_str(&w->field[0]),
			   strbuf_str(&w->field[1]), strbuf_str(&w->field[2]), inv, &w->who, &id,
			   NULL, &why);
	inventory_free(&inv);
	if (st != ST_OK) {
		wizard_message(w, true, "%s", strbuf_str(&why));
	} else {
		for (int f = 0; f < 4; f++)
			strbuf_reset(&w->field[f]);
		w->form_field = 0;
		wizard_open_session(w, id);
		wizard_message(w, false, "Session %lld started. Read each note, then Space.",
			       (long long)id);
	}
	strbuf_release(&why);
}

void form_key(struct wizard *w, int key)
{
	struct strbuf *f = &w->field[w->form_field];
	enum action act = keys_action(key);

	w->msg[0] = '\0';
	if (key == 27) {
		if (w->back == SCREEN_MAIN && wizard_open_session(w, w->back_session))
			return; /* back to the checklist N was pressed on */
		if (w->back == SCREEN_FORM || !w->nrows)
			w->quit = true;
		else
			wizard_picker(w);
	} else if (key == '\t' || act == ACT_DOWN) {
		w->form_field = (w->form_field + 1) % 4;
	} else if (act == ACT_PREV_PANE || act == ACT_UP) {
		w->form_field = (w->form_field + 3) % 4;
	} else if (key == '\r' || key == '\n' || key == INPUT_KEY(KEY_ENTER)) {
		struct strbuf check = STRBUF_INIT, title = STRBUF_INIT;
		if (form_check(w, &check))
			form_start(w);
		else if (form_title_bad(w, &title))
			w->form_field = 2, wizard_message(w, true, "%s", strbuf_str(&title));
		else if (w->form_field < 2 && !w->field[w->form_field + 1].len)
			w->form_field++;
		else
			wizard_message(w, true, "%s", strbuf_str(&check));
		strbuf_release(&title);
		strbuf_release(&check);
	} else if (key == INPUT_KEY(KEY_BACKSPACE) || key == 127 || key == 8) {
		while (f->len && (f->buf[f->len - 1] & 0xc0) == 0x80)
			f->len--;
		if (f->len)
			f->len--;
		if (f->buf)
			f->buf[f->len] = '\0';
	} else if (key == 21) {
		strbuf_reset(f);
	} else if (key >= 0x20 && key != 0x7f && (key < 0x80 || key >= 0xa0) && key < 0x110000 &&
		   f->len < field_max[w->form_field]) {
		if (w->form_field < 2 && key == ' ')
			return;
		utf8_encode(f, (uint32_t)key);
	}
}
