/*
 * shared.c - what the screens share (see wizard.h): the messages and their
 * log, the session and its reload, a check-off through core, the title and
 * status bars. The screens call it; it calls no screen, so the screens and
 * the loop (wizard.c) do not call each other in a circle.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "clock.h"
#include "draw.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

void wizard_local_times(struct strbuf *out, const char *s)
{
	while (*s) {
		/* a time starts with a digit: the text up to the next one is copied as it is */
		size_t plain = strcspn(s, "0123456789");
		time_t t;
		char iso[CLOCK_ISO_LEN + 1], when[TIMEFMT_LEN];

		strbuf_add(out, s, plain);
		s += plain;
		if (!*s)
			break;
		if (strnlen(s, CLOCK_ISO_LEN) < CLOCK_ISO_LEN) {
			strbuf_adds(out, s); /* too short to hold a time */
			break;
		}
		memcpy(iso, s, CLOCK_ISO_LEN);
		iso[CLOCK_ISO_LEN] = '\0';
		if (clock_parse_iso(iso, &t)) {
			time_local(iso, when, sizeof(when));
			strbuf_adds(out, when);
			s += CLOCK_ISO_LEN;
		} else {
			strbuf_addc(out, *s++);
		}
	}
}

void wizard_message(struct wizard *w, bool error, const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT, safe = STRBUF_INIT, local = STRBUF_INIT;
	struct log_entry *e;
	time_t now = clock_now(); /* the clock seam: tests fix it */
	struct tm tm;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&raw, fmt, ap);
	va_end(ap);
	/* one line, what came from outside shown visibly, as on the command line */
	wizard_local_times(&local, strbuf_str(&raw));
	text_add_terminal(&safe, strbuf_str(&local), local.len);
	strbuf_release(&raw);
	strbuf_release(&local);
	if (w->nlog == w->caplog) {
		size_t cap = w->caplog ? w->caplog * 2 : 32;
		struct log_entry *p = realloc(w->log, cap * sizeof(*p));
		if (!p) {
			strbuf_release(&safe);
			return;
		}
		w->log = p;
		w->caplog = cap;
	}
	e = &w->log[w->nlog];
	e->text = strbuf_detach(&safe);
	if (!e->text)
		return;
	e->error = error;
	/* the wall clock of this run, in local time with its zone, as every time shown */
	if (!localtime_r(&now, &tm) || !strftime(e->time, sizeof(e->time), "%H:%M:%S %Z", &tm))
		snprintf(e->time, sizeof(e->time), "--:--:--");
	w->nlog++;
	w->msg = e->text;
	w->msg_error = error;
}

bool wizard_journal(struct wizard *w)
{
	if (w->journal)
		return true;
	if (cli_journal(w->cli, CLI_JOURNAL_CREATE, &w->journal) != ST_OK) {
		wizard_message(w, true, "The journal cannot be created (see the messages after q).");
		return false;
	}
	return true;
}

/*
 * Which hops of the session loaded were finished, before @s, its next load,
 * replaces it; the session's own in the last. NULL for another session.
 */
static bool *finished_before(const struct wizard *w, const struct session *s)
{
	bool *was;

	if (!w->s || w->s->info.id != s->info.id || w->clock.session != s->info.id ||
	    !(was = calloc(w->clock.nhops + 2, sizeof(*was))))
		return NULL;
	for (size_t h = 0; h < w->clock.nhops; h++)
		was[h] = w->clock.hops[h].finished;
	was[w->clock.nhops] = w->s->finished;
	return was;
}

/* A hop or the session finished by this load: its summary is due. */
static void newly_finished(struct wizard *w, const bool *was)
{
	if (!was)
		return;
	for (size_t h = 0; h < w->clock.nhops; h++)
		if (!was[h] && w->clock.hops[h].finished) {
			w->summary_due = true;
			w->summary_of = h;
		}
	if (!was[w->clock.nhops] && w->s->finished) {
		w->summary_due = true;
		w->summary_of = SESSION_CLOCK_ALL;
	}
}

/*
 * Session @id as the wizard shows it: the plan, the masters' items, and the
 * agents' of w->agents_hop, the hop whose hosts were listed last (none for
 * a session opened now): however many agents the inventory has, the first
 * frame reads none of them, a hosts list one hop's (wizard_hosts_of()).
 */
static enum status read_view(struct wizard *w, int64_t id, struct session **out,
			     struct diag_list *dl)
{
	if (!w->s || w->s->info.id != id)
		w->agents_hop = SESSION_NO_HOP;
	return session_load_view(w->journal, w->content, id, w->agents_hop, out, dl);
}

/*
 * What each load reads besides the session: the clock, the peers, the latest
 * probe. A refresh of the same session (@seen, its data version before) that
 * no other connection has written to since keeps the peers: only this one
 * wrote, and its own events are not the others' (their reading was a third
 * of a check-off's reload on workload B).
 */
static void after_load(struct wizard *w, bool *was, const int64_t *seen)
{
	bool others = journal_data_version(w->journal, &w->data_version) != ST_OK || !seen ||
		      w->data_version != *seen;

	/* a failure leaves the hops not found unstarted: asked again at the next load */
	session_clock_update(&w->clock, w->journal, w->s);
	newly_finished(w, was);
	free(was);
	if (others)
		wizard_peers_load(w);
	wizard_live_load(w);
}

bool wizard_load(struct wizard *w, int64_t id)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *s = NULL;
	bool *was;

	if (!w->journal) {
		wizard_message(w, true, "No journal yet.");
		return false;
	}
	if (read_view(w, id, &s, &dl) != ST_OK) {
		wizard_report(w, &dl, NULL);
		diag_list_release(&dl);
		return false;
	}
	was = finished_before(w, s);
	session_free(&w->s);
	w->s = s;
	after_load(w, was, NULL);
	return true;
}

/* Every screen from the bottom up: a screen's reload may read the one below. */
static void reload_screens(struct wizard *w, struct screen *sc)
{
	if (!sc)
		return;
	reload_screens(w, sc->below);
	if (sc->ops->reload)
		sc->ops->reload(sc, w);
}

void wizard_reload(struct wizard *w)
{
	struct diag_list ignored = DIAG_LIST_INIT; /* a failure loads it again, which says */
	int64_t seen = w->data_version;
	bool again = true;

	if (w->s && w->s->partial) {
		bool *was = finished_before(w, w->s);
		if (session_refresh(w->journal, w->s, &again, &ignored) == ST_OK && !again)
			after_load(w, was, &seen);
		else
			free(was);
	}
	diag_list_release(&ignored);
	if (again && w->s && !wizard_load(w, w->s->info.id))
		return;
	reload_screens(w, w->top);
}

bool wizard_hosts_of(struct wizard *w, size_t *i)
{
	const struct session_item *it = &w->s->items[*i];
	char id[512];
	long k;

	if (!it->nhosts || it->nloaded == it->nhosts)
		return true;
	snprintf(id, sizeof(id), "%s", it->id);
	w->agents_hop = it->hop;
	if (!wizard_load(w, w->s->info.id))
		return false;
	reload_screens(w, w->top);
	k = session_find(w->s, id);
	if (k < 0)
		return false;
	*i = (size_t)k;
	return true;
}

void wizard_busy_message(struct wizard *w, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	wizard_message(w, false, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	wizard_status_bar(w, "", "");
	refresh();
}

void wizard_wait_message(struct wizard *w, const char *what)
{
	/* said before the write: another process's lock can hold it up to 3 s */
	wizard_busy_message(w, "%s (up to 3 s if another process holds the journal)", what);
}

void wizard_wait_done(struct wizard *w)
{
	/* the wait's own message only: out of memory it was never added */
	if (!w->nlog || w->msg != w->log[w->nlog - 1].text)
		return;
	w->nlog--; /* the wait is no message to keep */
	free(w->log[w->nlog].text);
	w->msg = NULL;
}

enum status wizard_mark(struct wizard *w, struct mark_request *req, struct strbuf *failure)
{
	struct session_refusal why = SESSION_REFUSAL_INIT;
	struct strbuf msg = STRBUF_INIT;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	req->session = w->s->info.id;
	wizard_wait_message(w, "Recording...");
	st = session_mark_view(w->journal, w->content, w->s, req, &w->who, &why, &msg, &dl);
	wizard_wait_done(w);
	if (st == ST_OK) {
		wizard_message(w, false, "%s", strbuf_str(&msg));
		wizard_reload(w);
	} else if (st == ST_REFUSED || st == ST_USAGE) {
		/* the core's words are a default: ours name the form's fields */
		if (why.code != REFUSAL_NONE) {
			wizard_word_mark(&msg, &why);
			strbuf_addc(&msg, '.');
			diag_list_reset(&dl);
			session_refusal_said(st, &why, &msg, &dl);
		}
		wizard_report(w, &dl, NULL);
	} else {
		/* the journal itself failed: the caller says so where it cannot be missed */
		if (failure)
			strbuf_addf(failure, "%s\n\nThe check-off is NOT recorded. Fix the journal "
				    "and try again; q quits safely.", diag_first(&dl));
		wizard_report(w, &dl, "NOT RECORDED");
	}
	diag_list_release(&dl);
	strbuf_release(&msg);
	session_refusal_release(&why);
	return st;
}

void wizard_title_bar_with(const struct wizard *w, const char *title, const char *extra,
			   bool warn)
{
	struct strbuf who = STRBUF_INIT;
	unsigned a = term_attr_of(TA_TITLE);
	int ww, ew = extra && *extra ? draw_width(extra) + 2 : 0;

	text_add_plain(&who, w->who.operator_name, 0);
	strbuf_addc(&who, '@');
	text_add_plain(&who, w->who.host, 0);
	strbuf_addc(&who, ' ');
	ww = draw_width(strbuf_str(&who));
	draw_fill(0, 0, COLS, a);
	/* who is working here stays, then @extra (a warning even with 8 columns
	 * of title left); a long title is cut, with "..." */
	if (ww + ew + (warn ? 8 : 20) > COLS)
		ew = 0;
	if (ww + 20 <= COLS) {
		draw_text_fit(0, 0, COLS - ww - ew - (ew ? 2 : 1), a, title, false);
		if (ew)
			draw_text(0, COLS - ww - ew, ew, warn ? term_attr_of(TA_WARNING) : a, extra,
				  false);
		draw_text(0, COLS - ww, ww, a, strbuf_str(&who), false);
	} else {
		draw_text_fit(0, 0, COLS, a, title, false);
	}
	strbuf_release(&who);
}

void wizard_title_bar(const struct wizard *w, const char *title)
{
	wizard_title_bar_with(w, title, NULL, false);
}

/*
 * Key hints @hints (" a  b  ...  z ": keys two spaces apart) cut to fit
 * @room columns into @out: the first ones and the last (Esc back, q quit),
 * as many as fit; "" when not even the last does. At 80 columns the hosts
 * list's 86 columns of hints were left out whole.
 */
static void hints_fit(const char *hints, int room, struct strbuf *out)
{
	const char *last = NULL, *cut = NULL, *p;
	size_t n;

	strbuf_reset(out);
	if (draw_width(hints) <= room) {
		strbuf_adds(out, hints);
		return;
	}
	/* the last key: after the last two spaces that are not the trailing one */
	for (p = hints; (p = strstr(p, "  ")) && p[2] && p[2] != ' '; p += 2)
		last = p + 2;
	if (!last || 1 + draw_width(last) > room)
		return;
	/* the first keys, to two spaces, in the room "  LAST" leaves */
	n = draw_prefix(hints, room - 2 - draw_width(last), NULL);
	for (p = hints + 1; (p = strstr(p, "  ")) && p <= last - 2 && (size_t)(p - hints) <= n;
	     p += 2)
		cut = p;
	if (cut) {
		strbuf_add(out, hints, (size_t)(cut - hints));
		strbuf_addc(out, ' ');
	}
	strbuf_addc(out, ' ');
	strbuf_adds(out, last);
}

void wizard_status_bar(const struct wizard *w, const char *left, const char *hints)
{
	struct strbuf fit = STRBUF_INIT;
	struct strbuf probe = STRBUF_INIT;
	unsigned a = term_attr_of(TA_STATUS);
	int used, room, hw;
	bool show_hints;

	/* while a dialog is open, its keys are the ones that work (no hints stay none) */
	if (*hints && w->top && w->top->ops->modal && w->top->ops->hints)
		hints = w->top->ops->hints;
	draw_fill(LINES - 1, 0, COLS, a);
	used = draw_text(LINES - 1, 0, COLS, a | A_BOLD, left, false);
	/* a probe's progress before all else, in place of the hints: it is what Esc acts on */
	strbuf_addc(&probe, ' ');
	if (wizard_probe_running(w, &probe)) {
		used += draw_text_fit(LINES - 1, used, COLS - used, a | A_BOLD, strbuf_str(&probe),
				      false);
		hints = "";
	}
	strbuf_release(&probe);
	room = COLS - used;
	/* the message first, then as many key hints as there is room for */
	hints_fit(hints, w->msg ? room - draw_width(w->msg) - 2 : room, &fit);
	hints = strbuf_str(&fit);
	hw = draw_width(hints);
	show_hints = hw > 0;
	if (w->msg) {
		struct strbuf m = STRBUF_INIT;
		/* cut with "...": M shows it whole */
		strbuf_addf(&m, " %s", w->msg);
		draw_text_fit(LINES - 1, used, show_hints ? room - hw : room,
			      w->msg_error ? term_attr_of(TA_ERROR) : a, strbuf_str(&m), false);
		strbuf_release(&m);
	}
	if (show_hints)
		draw_text(LINES - 1, COLS - hw, hw, a, hints, false);
	strbuf_release(&fit);
}

