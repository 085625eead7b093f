/*
 * wizard.c - the wizard's loop and the actions its screens share.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "clock.h"
#include "keys.h"
#include "layout.h"
#include "term.h"
#include "textutil.h"
#include "wizard.h"

#define POLL_MS 500

void wizard_message(struct wizard *w, bool error, const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT, safe = STRBUF_INIT;
	size_t n = 0, k;
	uint32_t cp;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&raw, fmt, ap);
	va_end(ap);
	/* one line, what came from outside shown visibly, as on the command line */
	text_add_terminal(&safe, strbuf_str(&raw), raw.len);
	while (n < safe.len && n + (k = utf8_decode(safe.buf + n, safe.len - n, &cp)) <
				       sizeof(w->msg))
		n += k; /* cut at a character boundary */
	memcpy(w->msg, strbuf_str(&safe), n);
	w->msg[n] = '\0';
	strbuf_release(&raw);
	strbuf_release(&safe);
	w->msg_error = error;
}

/* Put the cursor on the first pending item (or the last item when none is). */
void wizard_select_first_pending(struct wizard *w)
{
	const struct session *s = w->s;

	w->item = s->nitems ? s->nitems - 1 : 0;
	for (size_t i = 0; i < s->nitems; i++) {
		if (s->items[i].state == ITEM_PENDING && s->items[i].drift != DRIFT_REMOVED) {
			w->item = i;
			break;
		}
	}
	w->hop = s->nitems ? s->items[w->item].hop : 0;
	w->list_top = 0;
	w->text_top = 0;
}

/* Load session @id into w->s, keeping the cursor on the same item id. */
static bool load(struct wizard *w, int64_t id, bool keep_cursor)
{
	struct strbuf why = STRBUF_INIT;
	struct session *s = NULL;
	char *selected = NULL;
	enum status st;

	if (keep_cursor && w->s && w->item < w->s->nitems)
		selected = strdup(w->s->items[w->item].id);
	st = session_load(w->journal, w->content, id, &s, &why);
	if (st != ST_OK) {
		wizard_message(w, true, "%s", strbuf_str(&why));
		strbuf_release(&why);
		free(selected);
		return false;
	}
	session_free(&w->s);
	w->s = s;
	if (selected) {
		long i = session_find(s, selected);
		if (i >= 0) {
			w->item = (size_t)i;
			w->hop = s->items[i].hop;
		} else {
			wizard_select_first_pending(w);
		}
	} else {
		wizard_select_first_pending(w);
	}
	journal_data_version(w->journal, &w->data_version);
	free(selected);
	strbuf_release(&why);
	return true;
}

bool wizard_open_session(struct wizard *w, int64_t id)
{
	if (!load(w, id, false))
		return false;
	w->screen = SCREEN_MAIN;
	w->focus = PANE_LIST;
	if (w->s->content_changed)
		wizard_message(w, true, "The content changed since this session was planned: "
			       "items marked ! changed after they were done");
	else if (w->s->finished)
		wizard_message(w, false, "Session %lld is finished.", (long long)id);
	else
		wizard_message(w, false, "Session %lld: %zu of %zu resolved. Space marks done, ? help.",
			       (long long)id, w->s->ndone + w->s->nskipped,
			       session_total(w->s));
	return true;
}

bool wizard_reload(struct wizard *w)
{
	return w->s && load(w, w->s->info.id, true);
}

/* Fill the picker's rows from the journal. */
void wizard_picker(struct wizard *w)
{
	int64_t *ids = NULL;
	size_t n = 0;

	free(w->rows);
	w->rows = NULL;
	w->nrows = 0;
	w->pick = 0;
	if (journal_session_ids(w->journal, &ids, &n) != ST_OK) {
		wizard_message(w, true, "%s", journal_error(w->journal));
		return;
	}
	w->rows = calloc(n + 1, sizeof(*w->rows));
	for (size_t i = n; w->rows && i-- > 0;) {
		struct strbuf why = STRBUF_INIT, who = STRBUF_INIT, title = STRBUF_INIT;
		struct session *s = NULL;
		struct picker_row *r = &w->rows[w->nrows];
		if (session_load(w->journal, w->content, ids[i], &s, &why) != ST_OK) {
			r->id = ids[i];
			snprintf(r->line, sizeof(r->line), "%-4lld cannot be shown: %s",
				 (long long)ids[i], strbuf_str(&why));
			w->nrows++;
			strbuf_release(&why);
			continue;
		}
		r->id = ids[i];
		r->done = s->ndone + s->nskipped;
		r->total = session_total(s);
		r->finished = s->finished;
		snprintf(r->range, sizeof(r->range), "%s -> %s", s->info.from, s->info.to);
		/* "2026-01-31T22:00:00Z" as "2026-01-31 22:00" */
		snprintf(r->started, sizeof(r->started), "%.10s %.5s", s->info.created,
			 strlen(s->info.created) >= 16 ? s->info.created + 11 : "");
		text_add_plain(&who, s->info.operator_name, 0);
		strbuf_addc(&who, '@');
		text_add_plain(&who, s->info.host, 0);
		snprintf(r->who, sizeof(r->who), "%s", strbuf_str(&who));
		text_add_plain(&title, s->info.title, 0);
		snprintf(r->title, sizeof(r->title), "%s", strbuf_str(&title));
		w->nrows++;
		session_free(&s);
		strbuf_release(&why);
		strbuf_release(&who);
		strbuf_release(&title);
	}
	free(ids);
	session_free(&w->s);
	w->screen = SCREEN_PICKER;
	w->msg[0] = '\0';
	/* the cursor on the newest open session */
	for (size_t i = 0; i < w->nrows; i++) {
		if (!w->rows[i].finished) {
			w->pick = i;
			break;
		}
	}
}

/* After a check-off: the next pending item of the hop, else the first pending one. */
static void advance(struct wizard *w)
{
	const struct session *s = w->s;
	size_t i;

	for (i = w->item + 1; i < s->nitems && s->items[i].hop == w->hop; i++)
		if (s->items[i].state == ITEM_PENDING && s->items[i].drift != DRIFT_REMOVED)
			goto found;
	for (i = 0; i < s->nitems; i++)
		if (s->items[i].state == ITEM_PENDING && s->items[i].drift != DRIFT_REMOVED)
			goto found;
	return;
found:
	if (s->items[i].hop != w->hop)
		w->list_top = 0;
	w->item = i;
	w->hop = s->items[i].hop;
	w->text_top = 0;
}

void wizard_mark(struct wizard *w, struct mark_request *req)
{
	struct strbuf msg = STRBUF_INIT;
	enum status st;

	req->session = w->s->info.id;
	st = session_mark(w->journal, w->content, req, &w->who, NULL, &msg);
	if (st == ST_OK) {
		wizard_message(w, false, "%s", strbuf_str(&msg));
		if (wizard_reload(w) && (req->action == MARK_DONE || req->action == MARK_SKIP))
			advance(w);
	} else if (st == ST_REFUSED || st == ST_USAGE) {
		wizard_message(w, true, "%s", strbuf_str(&msg));
	} else {
		/* the journal itself failed: say so where it cannot be missed */
		struct dialog *d = &w->dlg;
		d->kind = DIALOG_MESSAGE;
		d->purpose = FOR_INFO;
		snprintf(d->title, sizeof(d->title), "Nothing was recorded");
		strbuf_reset(&d->prompt);
		strbuf_addf(&d->prompt, "%s\n\nThe check-off is NOT recorded. Fix the journal and "
			    "try again; q quits safely.", strbuf_str(&msg));
		wizard_message(w, true, "NOT RECORDED: %s", strbuf_str(&msg));
	}
	strbuf_release(&msg);
}

/* The newest event of the session, as the status bar's message. */
static bool latest_event(void *ctx, const struct journal_event *e)
{
	struct wizard *w = ctx;
	const char *verb = event_action_past(e->action);
	wizard_message(w, false, "Updated: %s %s%s by %s at %s", e->item, verb,
		       e->forced ? " (forced)" : "", e->operator_name, e->time);
	return false;
}

/* Another process changed the journal: show it, and say what it did last. */
static void poll_journal(struct wizard *w)
{
	int64_t v;

	if (!w->s || journal_data_version(w->journal, &v) != ST_OK || v == w->data_version)
		return;
	/* not under an open dialog: the change is shown at the first poll after it closes */
	if (w->dlg.kind != DIALOG_NONE)
		return;
	if (wizard_reload(w)) /* which also takes the new data version */
		journal_events(w->journal, w->s->info.id, NULL, true, 1, latest_event, w);
}

static void draw(struct wizard *w)
{
	struct layout l;

	layout_compute(LINES, COLS, &l);
	erase();
	if (l.too_small) {
		draw_too_small();
	} else {
		switch (w->screen) {
		case SCREEN_PICKER: picker_draw(w); break;
		case SCREEN_FORM: form_draw(w); break;
		case SCREEN_MAIN: main_draw(w); break;
		case SCREEN_DETAIL: detail_draw(w); break;
		case SCREEN_HELP: help_draw(w); break;
		case SCREEN_HOSTS: hosts_draw(w); break;
		}
		if (w->dlg.kind != DIALOG_NONE)
			dialog_draw(w);
	}
	refresh();
}

static void key(struct wizard *w, int k)
{
	struct layout l;

	layout_compute(LINES, COLS, &l);
	if (l.too_small) {
		if (k == 'q')
			w->quit = true;
		return;
	}
	if (w->dlg.kind != DIALOG_NONE) {
		dialog_key(w, k);
		return;
	}
	switch (w->screen) {
	case SCREEN_PICKER: picker_key(w, k); break;
	case SCREEN_FORM: form_key(w, k); break;
	case SCREEN_MAIN: main_key(w, k); break;
	case SCREEN_DETAIL: detail_key(w, k); break;
	case SCREEN_HELP: help_key(w, k); break;
	case SCREEN_HOSTS: hosts_key(w, k); break;
	}
}

/* The first screen: the session asked for, the only open one, the picker, or the form. */
static void first_screen(struct wizard *w, int64_t id)
{
	struct strbuf why = STRBUF_INIT;
	size_t open = 0;
	int64_t last_open = 0;

	if (id) {
		if (!wizard_open_session(w, id))
			w->quit = true, w->exit_status = ST_USAGE;
		return;
	}
	wizard_picker(w);
	for (size_t i = 0; i < w->nrows; i++)
		open += !w->rows[i].finished;
	/* the open session worked on last, as on the command line */
	if (open >= 1 && session_latest_open(w->journal, w->content, &last_open, &why) == ST_OK &&
	    last_open) {
		wizard_open_session(w, last_open);
		if (open > 1)
			wizard_message(w, false, "Resumed session %lld, worked on last; "
				       "%zu other open session%s: S lists them.", (long long)last_open,
				       open - 1, open == 2 ? "" : "s");
	} else if (w->nrows == 0) {
		w->screen = SCREEN_FORM;
		w->back = SCREEN_FORM;
		wizard_message(w, false, "No sessions yet: fill in the versions to start one.");
	}
	strbuf_release(&why);
}

enum status wizard_run(struct cli *cli, int64_t id)
{
	struct wizard w;
	const char *script = getenv("MESOS_UPGRADE_KEYS");
	char why[256];
	bool hangup = false;
	enum status st;
	int sig;

	memset(&w, 0, sizeof(w));
	w.cli = cli;
	/* say "no terminal" before anything else, and before a journal is created */
	if (!(script && *script) && !term_usable(why, sizeof(why))) {
		cli_error("%s", why);
		return ST_USAGE;
	}
	st = cli_actor(cli, &w.who);
	if (st == ST_OK)
		st = cli_content(cli, &w.content);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_CREATE, &w.journal);
	if (st != ST_OK)
		return st;
	if (script && *script && !input_open(&w.in, script)) {
		cli_error("cannot read the key script %s", script);
		journal_close(&w.journal);
		return ST_USAGE;
	}
	if (!term_init(w.in.script != NULL, 24, 80, why, sizeof(why))) {
		cli_error("%s", why);
		input_close(&w.in);
		journal_close(&w.journal);
		return ST_USAGE;
	}
	for (int i = 0; i < 4; i++)
		strbuf_init(&w.field[i]);
	first_screen(&w, id);
	while (!w.quit) {
		int k;
		draw(&w);
		k = input_get(&w.in, POLL_MS);
		if (k == INPUT_EOF && !w.in.script)
			hangup = true; /* the terminal is gone: a hang-up, signalled or not */
		if (k == INPUT_SIGNAL || k == INPUT_EOF)
			break;
		if (k == INPUT_DUMP) {
			draw_dump(stdout);
			printf("--\n");
			fflush(stdout); /* a test may be waiting for this dump to act */
			continue;
		}
		if (k == INPUT_NONE) {
			poll_journal(&w);
			continue;
		}
		if (k == INPUT_KEY(KEY_RESIZE))
			continue;
		key(&w, k);
	}
	term_end();
	if (w.in.error[0])
		cli_error("%s", w.in.error);
	else if (w.exit_status != ST_OK && w.msg[0])
		cli_error("%s", w.msg); /* e.g. no such session to resume */
	sig = term_signal ? term_signal : hangup ? SIGHUP : 0;
	if (sig) {
		/* everything is on disk already; a supervisor can still tell we were stopped */
		cli_error("stopped by %s; every check-off shown was already in journal %s",
			  sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" :
			  term_signal ? "a hang-up (SIGHUP)" : "a hang-up (the terminal is gone)",
			  journal_path(w.journal));
		w.exit_status = (enum status)(ST_SIGNAL + sig);
	}
	input_close(&w.in);
	session_free(&w.s);
	free(w.rows);
	strbuf_release(&w.dlg.prompt);
	strbuf_release(&w.dlg.text);
	for (int i = 0; i < 4; i++)
		strbuf_release(&w.field[i]);
	journal_close(&w.journal);
	return w.in.error[0] && !sig ? ST_USAGE : w.exit_status;
}
