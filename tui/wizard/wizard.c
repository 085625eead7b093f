/*
 * wizard.c - the wizard's loop and its stack of screens (see wizard.h and
 * screen.h); what the screens share is in shared.c.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "host.h"
#include "keys.h"
#include "layout.h"
#include "session_live.h"
#include "term.h"
#include "wizard.h"

#define POLL_MS 500
#define PROBE_POLL_MS 100  /* while a probe runs: its progress, and its end, seen soon */

/* ---- the stack ------------------------------------------------------- */

struct screen *screen_new(size_t size, const struct screen_ops *ops)
{
	struct screen *sc = calloc(1, size);

	if (sc)
		sc->ops = ops;
	return sc;
}

static void pop(struct wizard *w)
{
	struct screen *sc = w->top;

	w->top = sc->below;
	if (sc->ops->release)
		sc->ops->release(sc);
	free(sc);
}

static void push(struct wizard *w, struct screen *sc)
{
	if (!sc) {
		wizard_message(w, true, "Out of memory: the screen cannot be shown.");
		return;
	}
	sc->below = w->top;
	w->top = sc;
	if (sc->ops->enter)
		sc->ops->enter(sc, w);
}

static void apply(struct wizard *w, struct result r, int key)
{
	char name[32];

	switch (r.kind) {
	case R_STAY:
		break;
	case R_REPLACE:
		pop(w);
		push(w, r.screen);
		break;
	case R_PUSH:
		push(w, r.screen);
		break;
	case R_POP:
		if (w->top->below)
			pop(w);
		else
			wizard_message(w, false, "Nothing to go back to here; Ctrl-C quits (q too, "
				       "outside a text field).");
		break;
	case R_SESSION:
		/* the session now in w->s, on a fresh checklist alone on the stack */
		while (w->top)
			pop(w);
		push(w, main_screen_new());
		break;
	case R_QUIT:
		w->quit = true;
		break;
	case R_UNKNOWN:
		keys_name(key, name, sizeof(name));
		wizard_message(w, true, "The key %s does nothing here; ? lists this screen's keys.",
			       name);
		break;
	}
}

static void draw_stack(const struct wizard *w, const struct screen *sc)
{
	if (!sc)
		return;
	if (sc->ops->modal)
		draw_stack(w, sc->below);
	sc->ops->draw(sc, w);
}

static void draw(const struct wizard *w)
{
	struct layout l;

	layout_compute(LINES, COLS, &l);
	erase();
	if (l.too_small)
		draw_too_small();
	else if (w->top)
		draw_stack(w, w->top);
	refresh();
}

/* A check-off made here (a key, a verify) finished a hop, or the session: what it came to. */
static void summary_if_due(struct wizard *w)
{
	if (w->summary_due && w->s && w->top) {
		w->summary_due = false;
		push(w, summary_screen_new(w->summary_of));
	}
}

/* One key: the global actions here, the rest to the screen on top. */
static void key(struct wizard *w, int k)
{
	struct screen *sc = w->top;
	struct screen *ask;
	struct layout l;
	enum action a;

	layout_compute(LINES, COLS, &l);
	a = keys_action(sc->ops->keys, k);
	if (l.too_small) {
		if (a == ACT_QUIT)
			w->quit = true;
		return;
	}
	/* a message lasts until the next key */
	w->msg = NULL;
	w->msg_error = false;
	if (sc->ops->typed && sc->ops->typed(sc, k)) {
		apply(w, sc->ops->key(sc, w, ACT_NONE, k), k);
		return;
	}
	/* Esc stops a probe (the status bar says so), but in a dialog it closes the dialog */
	if (a == ACT_BACK && wizard_probe_running(w, NULL) && !sc->ops->modal) {
		wizard_probe_cancel(w);
		return;
	}
	switch (a) {
	case ACT_HELP:
		/* ? on help closes it; elsewhere it shows the keys of the screen it is pressed on */
		if (sc->ops->keys == &keymap_help)
			apply(w, RESULT(R_POP), k);
		else
			apply(w, result_push(help_screen_new(sc->ops->keys)), k);
		return;
	case ACT_LOG:
		apply(w, result_push(log_screen_new()), k);
		return;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	case ACT_QUIT:
		w->quit = true;
		return;
	default:
		break;
	}
	if ((ask = wizard_who_ask(w, sc, a, k))) {
		push(w, ask);
		return;
	}
	{
		struct result r = sc->ops->key(sc, w, a, k);
		if (r.kind == R_UNKNOWN && a == ACT_BACK)
			r.kind = R_POP;
		apply(w, r, k);
	}
	summary_if_due(w);
	/* the name asked before a check-off is given: the key that asked goes on */
	if (w->replay && w->top) {
		int again = w->replay;
		w->replay = 0;
		key(w, again);
	}
}

/* The newest event of the session, as the status bar's message. */
static bool latest_event(void *ctx, const struct journal_event *e)
{
	struct wizard *w = ctx;

	wizard_message(w, false, "Updated: %s %s%s by %s", e->item, event_action_past(e->action),
		       e->forced ? " (forced)" : "", e->operator_name);
	return false;
}

/* Another process changed the journal: show it, and say what it did last. */
static void poll_journal(struct wizard *w)
{
	int64_t v, probe;

	if (!w->s || !w->journal || journal_data_version(w->journal, &v) != ST_OK ||
	    v == w->data_version)
		return;
	probe = wizard_live_probed(w) ? w->live->probe.id : 0;
	wizard_reload(w); /* which also takes the new data version */
	w->summary_due = false; /* another operator's check-off: no summary pushed at them */
	if (w->s && wizard_live_probed(w) && w->live->probe.id != probe) {
		/* "probe" from the command line: what it saw, as the hosts list shows it */
		wizard_message(w, false, "Updated: the cluster was probed by %s at %s.",
			       w->live->probe.operator_name, w->live->probe.time);
		return;
	}
	journal_events(w->journal, w->s->info.id, NULL, true, 1, latest_event, w);
}

/*
 * The open session worked on last, as on the command line (session_latest_open),
 * and how many sessions there are and are open; 0 when none is open.
 */
static int64_t last_open(struct wizard *w, size_t *open, size_t *all)
{
	int64_t *ids = NULL, found = 0;
	struct diag_list dl = DIAG_LIST_INIT;
	size_t n = 0;

	*open = *all = 0;
	if (!w->journal || journal_session_ids(w->journal, &ids, &n) != ST_OK)
		return 0;
	*all = n;
	for (size_t i = 0; i < n; i++) {
		struct session *s = NULL;
		diag_list_reset(&dl);
		if (session_load_view(w->journal, w->content, ids[i], SESSION_NO_HOP, &s, &dl) ==
			    ST_OK && !s->finished && !s->closed)
			(*open)++;
		session_free(&s);
	}
	free(ids);
	diag_list_reset(&dl);
	if (*open && session_latest_open(w->journal, w->content, &found, &dl) != ST_OK)
		found = 0;
	diag_list_release(&dl);
	return found;
}

/* The first screen: the session asked for, the one worked on last, the picker, or the form. */
static void first_screen(struct wizard *w, int64_t id)
{
	size_t open, all;
	int64_t last;

	if (id) {
		if (wizard_load(w, id))
			push(w, main_screen_new());
		else
			w->quit = true, w->exit_status = ST_USAGE;
		return;
	}
	last = last_open(w, &open, &all);
	if (last && wizard_load(w, last)) {
		push(w, main_screen_new());
		if (open > 1)
			wizard_message(w, false, "Resumed session %lld, worked on last; %zu other "
				       "open session%s: S lists them.", (long long)last, open - 1,
				       open == 2 ? "" : "s");
	} else if (all) {
		push(w, picker_screen_new());
	} else {
		push(w, form_screen_new());
		wizard_message(w, false, "No sessions yet: fill in the versions to start one.");
	}
}

/* Open what the wizard needs; a message and the status when it cannot. */
static enum status start(struct wizard *w, struct cli *cli, const char *script)
{
	char why[256];
	enum status st;

	w->cli = cli;
	/* say "no terminal" before anything else, and before a journal is created */
	if (!(script && *script) && !term_usable(why, sizeof(why))) {
		cli_error("%s", why);
		return ST_USAGE;
	}
	st = cli_actor(cli, &w->who);
	if (st != ST_OK)
		return st;
	w->ask_who = !strcmp(w->who.operator_name, "root");
	w->who.host = host_name();
	st = cli_content(cli, &w->content);
	/* no journal yet: it is made when the first session starts, not before */
	if (st == ST_OK && cli_journal_exists(cli))
		st = cli_journal(cli, CLI_JOURNAL_CREATE, &w->journal);
	if (st != ST_OK)
		return st;
	if (script && *script && !input_open(&w->in, script)) {
		cli_error("cannot read the key script %s", script);
		return ST_USAGE;
	}
	if (!term_init(w->in.script != NULL, 24, 80, why, sizeof(why))) {
		cli_error("%s", why);
		return ST_USAGE;
	}
	return ST_OK;
}

/* Say how the wizard was stopped, if it was; the exit status. */
static enum status finish(struct wizard *w, bool hangup)
{
	int sig = term_signal ? term_signal : hangup ? SIGHUP : 0;

	term_end();
	if (w->in.error[0])
		cli_error("%s", w->in.error);
	else if (w->exit_status != ST_OK && w->msg)
		cli_error("%s", w->msg); /* e.g. no such session to resume */
	if (sig) {
		/* everything is on disk already; a supervisor can still tell we were stopped */
		cli_error("stopped by %s; every check-off shown was already in journal %s",
			  sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" :
			  term_signal ? "a hang-up (SIGHUP)" : "a hang-up (the terminal is gone)",
			  w->journal ? journal_path(w->journal) : "(none yet)");
		return (enum status)(ST_SIGNAL + sig);
	}
	return w->in.error[0] ? ST_USAGE : w->exit_status;
}

enum status wizard_run(struct cli *cli, int64_t id)
{
	struct wizard w;
	const char *script = getenv("MESOS_UPGRADE_KEYS");
	bool hangup = false, drawn = false;
	enum status st;

	if (getenv("MESOS_UPGRADE_KEYS_DUMP")) {
		/* the key tables, for the man page's test; nothing else is touched */
		keys_dump(stdout);
		return ST_OK;
	}
	memset(&w, 0, sizeof(w));
	st = start(&w, cli, script);
	if (st != ST_OK)
		goto out;
	first_screen(&w, id);
	while (!w.quit && w.top) {
		int k;
		if (!drawn)
			draw(&w);
		k = input_get(&w.in, w.probe ? PROBE_POLL_MS : POLL_MS);
		if (k == INPUT_EOF && !w.in.script)
			hangup = true; /* the terminal is gone: a hang-up, signalled or not */
		if (k == INPUT_SIGNAL || k == INPUT_EOF)
			break;
		if (k == INPUT_DUMP) {
			draw_dump(stdout);
			printf("--\n");
			fflush(stdout); /* a test may be waiting for this dump to act */
		} else if (k == INPUT_NONE) {
			poll_journal(&w);
		} else if (k != INPUT_KEY(KEY_RESIZE) && k != INPUT_WAIT) {
			key(&w, k);
		}
		/* a dump changes nothing: the frame drawn stays, unless a probe ends or a
		 * summary opens below (a key script's check-off and its dump, one frame) */
		drawn = k == INPUT_DUMP && !w.probe && !w.summary_due;
		/* a probe that has ended is recorded between keys (:wait: once it has ended) */
		wizard_probe_poll(&w, k == INPUT_WAIT);
		summary_if_due(&w); /* its verify may have finished a hop */
	}
	st = finish(&w, hangup);
out:
	wizard_probe_end(&w); /* its thread stopped before what it reads is freed */
	while (w.top)
		pop(&w);
	input_close(&w.in);
	session_free(&w.s);
	session_clock_release(&w.clock);
	wizard_live_free(&w);
	for (size_t i = 0; i < w.nlog; i++)
		free(w.log[i].text);
	free(w.log);
	journal_close(&w.journal);
	return st;
}
