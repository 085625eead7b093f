/*
 * clock.c - the operator's clock as the wizard says it (see wizard.h); the
 * times come from core (session_clock.h), measured at each reload. Only
 * the current time is read here, at each draw: the loop draws every half
 * second, so the clock goes on without a key.
 */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "clock.h"
#include "draw.h"
#include "session_clock.h"
#include "wizard.h"

bool wizard_window_text(const char *window_end, time_t now, struct strbuf *out)
{
	char d[24];
	long secs;
	enum session_window st = session_clock_window(window_end, now, &secs);

	session_clock_words(secs, d, sizeof(d));
	switch (st) {
	case SESSION_WINDOW_BAD:
		return false;
	case SESSION_WINDOW_OPEN:
		strbuf_addf(out, "window ends %s, in %s", window_end, d);
		return false;
	case SESSION_WINDOW_CLOSING:
		strbuf_addf(out, "! window ends %s, in %s", window_end, d);
		return true;
	case SESSION_WINDOW_PAST:
		strbuf_addf(out, "! window ended %s, %s ago", window_end, d);
		return true;
	}
	return false;
}

/* "hop 12m" (or "hop took 12m" once it is finished), nothing before its first check-off. */
static void hop_words(const struct wizard *w, size_t hop, time_t now, struct strbuf *out)
{
	long secs = session_clock_seconds(&w->clock, hop, now);
	char d[24];

	if (secs < 0)
		return;
	session_clock_words(secs, d, sizeof(d));
	strbuf_addf(out, "%s%s", w->clock.hops[hop].finished ? "hop took " : "hop ", d);
}

/* The window's warning in a few columns: "! 10m left", "! window over". */
static void window_brief(const char *window_end, time_t now, struct strbuf *out)
{
	char d[24];
	long secs;

	if (session_clock_window(window_end, now, &secs) == SESSION_WINDOW_PAST) {
		strbuf_adds(out, "! window over");
	} else {
		session_clock_words(secs, d, sizeof(d));
		strbuf_addf(out, "! %s left", d);
	}
}

/*
 * The clock at @level: 0 "hop 12m, session 1h 02m, window ends 23:30, in
 * 28m", 1 shorter (the window's warning with the hop's time, or the hop's
 * time alone), 2 the warning alone, 3 the warning in brief ("! 10m left"),
 * or nothing; nothing before a check-off. True when the window warns.
 */
static bool clock_text(const struct wizard *w, size_t hop, const char *window_end, int level,
		       struct strbuf *out)
{
	struct strbuf hop_sb = STRBUF_INIT, all = STRBUF_INIT, win = STRBUF_INIT;
	time_t now = clock_now();
	long secs = session_clock_seconds(&w->clock, SESSION_CLOCK_ALL, now);
	bool warn = window_end && wizard_window_text(window_end, now, &win);
	char d[24];

	if (hop != SESSION_CLOCK_ALL)
		hop_words(w, hop, now, &hop_sb);
	if (secs >= 0) {
		session_clock_words(secs, d, sizeof(d));
		strbuf_addf(&all, "session %s", d);
	}
	if (level == 0) {
		strbuf_addf(out, "%s%s%s", strbuf_str(&hop_sb), hop_sb.len && all.len ? ", " : "",
			    strbuf_str(&all));
		strbuf_addf(out, "%s%s", out->len && win.len ? ", " : "", strbuf_str(&win));
	} else if (level == 1 && warn) {
		strbuf_addf(out, "%s%s%s", strbuf_str(&win), hop_sb.len ? ", " : "",
			    strbuf_str(&hop_sb));
	} else if (level == 1) {
		strbuf_adds(out, hop_sb.len ? strbuf_str(&hop_sb) : strbuf_str(&all));
	} else if (level == 2 && warn) {
		strbuf_adds(out, strbuf_str(&win));
	} else if (level == 3 && warn) {
		window_brief(window_end, now, out);
	}
	strbuf_release(&hop_sb);
	strbuf_release(&all);
	strbuf_release(&win);
	return warn;
}

/*
 * What goes before operator@host: the others at @olevel (0 all, 1 short,
 * 2 none), the clock at @clevel (clock_text()).
 */
static bool extra_text(const struct wizard *w, size_t hop, int olevel, int clevel,
		       struct strbuf *out)
{
	struct strbuf c = STRBUF_INIT;
	bool warn;

	if (olevel < 2)
		wizard_peers_text(w, olevel == 1, out);
	warn = clock_text(w, hop, w->s && *w->s->window_end ? w->s->window_end : NULL, clevel, &c);
	strbuf_addf(out, "%s%s", out->len && c.len ? "  " : "", strbuf_str(&c));
	strbuf_release(&c);
	return warn;
}

void wizard_session_bar(const struct wizard *w, const char *title, size_t hop)
{
	/* the others before the clock, the clock before the product's name */
	static const int levels[][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 1, 2 }, { 1, 3 },
					 { 2, 1 }, { 2, 2 }, { 2, 3 } };
	static const char product[] = " mesos-upgrade |";
	const char *bare = strncmp(title, product, strlen(product)) ? title : title + strlen(product);
	int avail = COLS - draw_width(w->who.operator_name) - draw_width(w->who.host) - 6;
	struct strbuf extra = STRBUF_INIT;
	bool warn = false;

	/* the first that leaves the title whole, with the product's name or without */
	for (size_t k = 0; k < sizeof(levels) / sizeof(*levels); k++) {
		strbuf_reset(&extra);
		warn = extra_text(w, hop, levels[k][0], levels[k][1], &extra);
		if (draw_width(title) + draw_width(strbuf_str(&extra)) <= avail)
			goto draw;
		if (draw_width(bare) + draw_width(strbuf_str(&extra)) <= avail) {
			title = bare;
			goto draw;
		}
	}
	/* else the title is cut, to half the room at least */
	title = bare;
	for (size_t k = 0; k < sizeof(levels) / sizeof(*levels); k++) {
		strbuf_reset(&extra);
		warn = extra_text(w, hop, levels[k][0], levels[k][1], &extra);
		if (draw_width(strbuf_str(&extra)) <= avail / 2)
			break;
	}
draw:
	wizard_title_bar_with(w, title, strbuf_str(&extra), warn);
	strbuf_release(&extra);
}

void wizard_pace_text(const struct session_pace *p, bool brief, struct strbuf *out)
{
	char d[24];

	if (!p->known)
		return;
	strbuf_addf(out, brief ? "%.1f/min" : "%.1f hosts/min", p->per_minute);
	if (p->pending) {
		session_clock_words(p->left, d, sizeof(d));
		strbuf_addf(out, brief ? ", %s left" : ", about %s left", d);
	}
}
