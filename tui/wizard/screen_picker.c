/*
 * screen_picker.c - the sessions of the journal: progress, who started each
 * and when; Enter opens one, N starts a new one; c closes one (with its
 * reason), r reopens it, t retitles it, each through core (session_change()).
 * Finished and closed sessions are shown when asked (f), or when no other is.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

struct picker_row {
	int64_t id;
	char line[256];             /* why the session cannot be shown, or "" */
	char range[40];             /* "0.26 -> 0.28" */
	char started[TIMEFMT_LEN];  /* local time */
	char who[160];              /* who started it: operator@host */
	char title[256];
	char closing[512];          /* when closed: by whom, when, why */
	size_t done, total;
	bool finished, closed;
};

struct picker_screen {
	struct screen base;
	struct picker_row *rows;    /* newest first */
	size_t nrows;
	size_t *shown;              /* the rows shown: open ones, finished ones when asked */
	struct list list;
	bool show_finished;
};

#define PS(sc) ((struct picker_screen *)(sc))
#define CPS(sc) ((const struct picker_screen *)(sc))

static int rows(void)
{
	return LINES - 5;
}

static void load_row(struct wizard *w, int64_t id, struct picker_row *r)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct session *s = NULL;

	r->id = id;
	if (session_load_brief(w->journal, w->content, id, &s, &dl) != ST_OK) {
		snprintf(r->line, sizeof(r->line), "%-4lld cannot be shown: %s", (long long)id,
			 diag_first(&dl));
		diag_list_release(&dl);
		return;
	}
	if (s->other_content) {
		/* what the command line's "sessions" says of it, and how to read it */
		strbuf_addf(&sb, "%s -> %s  planned with other content: ", s->info.from, s->info.to);
		session_content_hint(s, &sb);
		snprintf(r->line, sizeof(r->line), "%-4lld %s", (long long)id, strbuf_str(&sb));
		strbuf_release(&sb);
		diag_list_release(&dl);
		session_free(&s);
		return;
	}
	r->done = s->ndone + s->nskipped;
	r->total = session_total(s);
	r->finished = s->finished;
	r->closed = s->closed;
	if (s->closed) {
		char when[TIMEFMT_LEN];
		time_local(s->closing.time, when, sizeof(when));
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Session %lld was closed %s by ", (long long)id, when);
		text_add_plain(&sb, s->closing.operator_name, 0);
		strbuf_adds(&sb, ": ");
		text_add_plain(&sb, s->closing.text, 0);
		snprintf(r->closing, sizeof(r->closing), "%s", strbuf_str(&sb));
		strbuf_reset(&sb);
	}
	snprintf(r->range, sizeof(r->range), "%s -> %s", s->info.from, s->info.to);
	time_local(s->info.created, r->started, sizeof(r->started));
	text_add_plain(&sb, s->info.operator_name, 0);
	strbuf_addc(&sb, '@');
	text_add_plain(&sb, s->info.host, 0);
	snprintf(r->who, sizeof(r->who), "%s", strbuf_str(&sb));
	strbuf_reset(&sb);
	text_add_plain(&sb, s->info.title, 0);
	snprintf(r->title, sizeof(r->title), "%s", strbuf_str(&sb));
	session_free(&s);
	diag_list_release(&dl);
	strbuf_release(&sb);
}

static bool is_open(const struct picker_row *r)
{
	return !r->finished && !r->closed;
}

/* The rows shown: open ones always, the others when asked (or when there are no open ones). */
static void refill(struct picker_screen *p)
{
	bool any_open = false;
	int64_t sel = p->list.n ? p->rows[p->shown[p->list.sel]].id : 0;
	size_t n = 0;

	for (size_t k = 0; k < p->nrows; k++)
		any_open |= is_open(&p->rows[k]);
	for (size_t k = 0; p->shown && k < p->nrows; k++)
		if (is_open(&p->rows[k]) || p->show_finished || !any_open)
			p->shown[n++] = k;
	list_set_count(&p->list, n);
	/* the same session stays selected; at first the newest open one */
	for (size_t k = 0; k < n; k++)
		if (sel ? p->rows[p->shown[k]].id == sel : is_open(&p->rows[p->shown[k]])) {
			list_select(&p->list, k, rows());
			break;
		}
}

static void picker_reload(struct screen *sc, struct wizard *w)
{
	struct picker_screen *p = PS(sc);
	int64_t *ids = NULL;
	size_t n = 0;
	enum status st;

	free(p->rows);
	free(p->shown);
	p->rows = NULL;
	p->shown = NULL;
	p->nrows = 0;
	st = w->journal ? journal_session_ids(w->journal, &ids, &n) : ST_OK;
	if (st != ST_OK)
		wizard_journal_failed(w, st, NULL);
	p->rows = calloc(n + 1, sizeof(*p->rows));
	p->shown = calloc(n + 1, sizeof(*p->shown));
	for (size_t i = n; p->rows && i-- > 0;)
		load_row(w, ids[i], &p->rows[p->nrows++]);
	free(ids);
	refill(p);
}

static void picker_enter(struct screen *sc, struct wizard *w)
{
	list_init(&PS(sc)->list, true);
	picker_reload(sc, w);
}

static void picker_release(struct screen *sc)
{
	free(PS(sc)->rows);
	free(PS(sc)->shown);
}

struct draw_ctx {
	const struct picker_screen *p;
	bool bar, started, op;      /* the columns there is room for */
};

static void session_row(const void *ctx, size_t k, int y, int x, int width, bool selected)
{
	const struct draw_ctx *c = ctx;
	const struct picker_row *r = &c->p->rows[c->p->shown[k]];
	char line[1024], bar[16] = "", done[48], opcol[64] = "";
	int fill = r->total ? (int)(r->done * 10 / r->total) : 0;

	if (c->bar) {
		for (int i = 0; i < 10; i++)
			bar[i] = i < fill ? '#' : '.';
		strcpy(bar + 10, "  "); /* the column's gap */
	}
	if (r->line[0]) {
		snprintf(line, sizeof(line), " %s%s", bar, r->line);
	} else {
		if (c->op) {
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
		snprintf(line, sizeof(line), " %s%-4lld %-16s %-8s %-7s %-*s%s%s", bar,
			 (long long)r->id, r->range,
			 r->closed ? "closed" : r->finished ? "finished" : "open", done,
			 c->started ? 22 : 0, c->started ? r->started : "", opcol, r->title);
	}
	draw_text_fit(y, x, width, selected ? term_attr_of(TA_SELECTED)
				   : !is_open(r) ? term_attr_of(TA_DIM) : A_NORMAL, line, true);
}

static void picker_draw(const struct screen *sc, const struct wizard *w)
{
	const struct picker_screen *p = CPS(sc);
	/*
	 * Bar, id, range, status and done take 52 columns, 40 without the bar,
	 * which goes first (done says the same): the title keeps at least 12
	 * columns beside the bar, and 24 beside the start time and the operator,
	 * shown only when there is room (the selected session's are under the
	 * list).
	 */
	struct draw_ctx c = { p, COLS >= 52 + 12, COLS >= 52 + 22 + 24, COLS >= 52 + 22 + 10 + 24 };
	struct rect body = { 3, 0, rows(), COLS };
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, " mesos-upgrade | sessions in %s",
		    w->journal ? journal_path(w->journal) : "(no journal yet)");
	wizard_title_bar(w, strbuf_str(&sb));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%sID   %-16s %-8s %-7s %s%sTITLE", c.bar ? "PROGRESS    " : "", "RANGE",
		    "STATUS", "DONE", c.started ? "STARTED               " : "",
		    c.op ? "OPERATOR  " : "");
	draw_text(2, 1, COLS - 2, term_attr_of(TA_HEADING), strbuf_str(&sb), false);
	list_draw(&p->list, &body, session_row, &c);
	if (!p->list.n) {
		draw_text(3, 1, COLS - 2, A_NORMAL, "No sessions yet: N starts one.", false);
	} else {
		const struct picker_row *r = &p->rows[p->shown[p->list.sel]];
		strbuf_reset(&sb);
		if (r->closed)
			strbuf_adds(&sb, r->closing);
		else if (!r->line[0])
			strbuf_addf(&sb, "Session %lld was started %s by %s%s%s", (long long)r->id,
				    r->started, r->who, r->title[0] ? ": " : ".", r->title);
		draw_text_fit(LINES - 2, 1, COLS - 2, term_attr_of(TA_DIM), strbuf_str(&sb), false);
	}
	wizard_status_bar(w, "", COLS >= 100 ? " Enter open  N new  c close  r reopen  t title  "
			  "f show/hide finished  ? help  q quit "
			  : COLS >= 70 ? " Enter open  N new  c close  r reopen  t title  f finished  "
			  "? help " : " Enter open  N new  c close  ? help ");
	strbuf_release(&sb);
}

/* The session under the cursor, or NULL (none, or one that cannot be shown). */
static const struct picker_row *selected(const struct picker_screen *p)
{
	const struct picker_row *r = p->list.n ? &p->rows[p->shown[p->list.sel]] : NULL;

	return r && !r->line[0] ? r : NULL;
}

/* Close, reopen or retitle session @id through core, then show it everywhere. */
static struct result change(struct wizard *w, int64_t id, enum session_change_action action,
			    const char *text)
{
	struct strbuf msg = STRBUF_INIT;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	wizard_wait_message(w, "Recording...");
	st = session_change(w->journal, w->content, id, action, text, &w->who, &dl, &msg);
	wizard_wait_done(w);
	if (st == ST_OK) {
		wizard_message(w, false, "%s%s", strbuf_str(&msg),
			       action == SESSION_CLOSE ? "; f shows the closed sessions" : "");
		wizard_reload(w);
	} else {
		wizard_report(w, &dl, "Nothing recorded");
	}
	diag_list_release(&dl);
	strbuf_release(&msg);
	return RESULT(R_STAY);
}

static struct result closed(struct wizard *w, const struct dialog_args *a, const char *text,
			    size_t choice)
{
	(void)choice;
	return change(w, (int64_t)strtoll(a->item, NULL, 10), SESSION_CLOSE, text);
}

static struct result retitled(struct wizard *w, const struct dialog_args *a, const char *text,
			      size_t choice)
{
	(void)choice;
	return change(w, (int64_t)strtoll(a->item, NULL, 10), SESSION_RETITLE, text);
}

/* c, r, t on session @r: close and retitle ask first, reopen records at once. */
static struct result life(struct picker_screen *p, struct wizard *w, enum action a,
			  const struct picker_row *r)
{
	struct dialog_args args = { .owner = &p->base };
	char prompt[256];

	snprintf(args.item, sizeof(args.item), "%lld", (long long)r->id);
	if (a == ACT_REOPEN) {
		if (!r->closed) {
			wizard_message(w, true, "Session %lld is not closed.", (long long)r->id);
			return RESULT(R_STAY);
		}
		return change(w, r->id, SESSION_REOPEN, NULL);
	}
	if (a == ACT_CLOSE) {
		snprintf(prompt, sizeof(prompt), "Why is session %lld closed? It can still be read "
			 "and reported, not marked, and r reopens it. The reason is recorded.",
			 (long long)r->id);
		return dialog_ask("Close the session", prompt, closed, &args);
	}
	snprintf(prompt, sizeof(prompt), "The new title of session %lld (one line, at most %d "
		 "bytes; empty: none):", (long long)r->id, SESSION_TITLE_MAX);
	return result_push(dialog_text("Retitle the session", prompt, r->title,
				       "Enter records it, Esc cancels", true, retitled, &args));
}

static struct result picker_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct picker_screen *p = PS(sc);

	(void)key;
	if (list_key(&p->list, a, rows()))
		return RESULT(R_STAY);
	switch (a) {
	case ACT_OPEN:
		if (!selected(p) || !wizard_load(w, selected(p)->id))
			return RESULT(R_STAY);
		return RESULT(R_SESSION);
	case ACT_NEW:
		return result_push(form_screen_new());
	case ACT_FINISHED:
		p->show_finished = !p->show_finished;
		refill(p);
		return RESULT(R_STAY);
	case ACT_CLOSE: case ACT_REOPEN: case ACT_RETITLE:
		return selected(p) ? life(p, w, a, selected(p)) : RESULT(R_STAY);
	default:
		return RESULT(R_UNKNOWN);
	}
}

static const struct screen_ops picker_ops = {
	.keys = &keymap_picker, .enter = picker_enter, .draw = picker_draw, .key = picker_key,
	.reload = picker_reload, .release = picker_release,
};

struct screen *picker_screen_new(void)
{
	return screen_new(sizeof(struct picker_screen), &picker_ops);
}
