/*
 * activity.c - who is working: the other operators of the session active
 * in the last 10 minutes, for the title bar, and the activity screen (a on
 * the checklist), the session's latest events by everyone, newest first,
 * with who, from which host, and when.
 *
 * Both are read from the journal when the session is loaded (a check-off
 * here, or another process's seen by the poll), never while drawing; the
 * title bar only drops, at each draw, the operators whose last event has
 * grown older than 10 minutes. The others are looked for among the latest
 * PEERS_EVENTS events (a range of thousands of hosts marked at once by one
 * operator can hide another's older event of the same 10 minutes).
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "clock.h"
#include "draw.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

#define PEERS_WINDOW (10 * 60)
#define PEERS_EVENTS 2000  /* the latest events looked at for them: a load stays cheap */
#define ACTIVITY_MAX 500   /* the events the screen lists, newest first */

/* ---- the other operators ----------------------------------------------- */

struct peers_ctx {
	struct wizard *w;
	char since[CLOCK_ISO_LEN + 1];
};

static bool peer_event(void *ctx, const struct journal_event *e)
{
	struct peers_ctx *c = ctx;
	struct wizard *w = c->w;
	time_t t;

	if (strcmp(e->time, c->since) < 0)
		return false; /* older than the window: so are all after it */
	if (!strcmp(e->operator_name, w->who.operator_name) || !clock_parse_iso(e->time, &t))
		return true;
	for (size_t k = 0; k < w->npeers; k++)
		if (!strcmp(w->peers[k].name, e->operator_name))
			return true; /* newest first: its latest event is counted already */
	if (w->npeers < WIZARD_PEERS_MAX) {
		snprintf(w->peers[w->npeers].name, sizeof(w->peers[0].name), "%s", e->operator_name);
		w->peers[w->npeers++].last = t;
	}
	return w->npeers < WIZARD_PEERS_MAX;
}

void wizard_peers_load(struct wizard *w)
{
	struct peers_ctx c = { w, "" };

	w->npeers = 0;
	if (!w->s || !w->journal)
		return;
	clock_iso(clock_now() - PEERS_WINDOW, c.since);
	journal_events(w->journal, w->s->info.id, NULL, true, PEERS_EVENTS, peer_event, &c);
}

void wizard_peers_text(const struct wizard *w, bool brief, struct strbuf *out)
{
	time_t since = clock_now() - PEERS_WINDOW;
	size_t n = 0;

	for (size_t k = 0; k < w->npeers; k++) {
		if (w->peers[k].last < since)
			continue;
		if (!n || !brief) {
			strbuf_adds(out, n ? ", " : "also: ");
			text_add_plain(out, w->peers[k].name, 0);
		}
		n++;
	}
	if (brief && n > 1)
		strbuf_addf(out, " +%zu", n - 1);
}

/* ---- the activity screen ------------------------------------------------ */

struct activity {
	struct pager base;
	struct strbuf rows;       /* one event a line: "TIME\tWHO\tWHAT" */
	size_t n;
	char when[TIMEFMT_LEN];   /* when it was read */
};

static bool add_event(void *ctx, const struct journal_event *e)
{
	struct activity *a = ctx;
	char t[TIMEFMT_LEN];

	time_local(e->time, t, sizeof(t));
	strbuf_addf(&a->rows, "%s\t", t);
	text_add_plain(&a->rows, e->operator_name, 0);
	strbuf_addc(&a->rows, '@');
	text_add_plain(&a->rows, e->host, 0);
	strbuf_addf(&a->rows, "\t%s%s %s", event_action_past(e->action),
		    e->forced ? " (forced)" : "", e->item);
	if (*e->text) {
		strbuf_adds(&a->rows, ": ");
		text_add_plain(&a->rows, e->text, 0);
	}
	strbuf_addc(&a->rows, '\n');
	a->n++;
	return true;
}

static void activity_reload(struct screen *sc, struct wizard *w)
{
	struct activity *a = (struct activity *)sc;
	char now[CLOCK_ISO_LEN + 1];
	enum status st;

	strbuf_reset(&a->rows);
	a->n = 0;
	clock_iso(clock_now(), now);
	time_local(now, a->when, sizeof(a->when));
	st = journal_events(w->journal, w->s->info.id, NULL, true, ACTIVITY_MAX, add_event, a);
	if (st != ST_OK)
		wizard_journal_failed(w, st, "The activity cannot be read");
}

static void activity_release(struct screen *sc)
{
	strbuf_release(&((struct activity *)sc)->rows);
}

/* Each event on a line: its time, who@where, then what, wrapped under it. */
static void build(const struct pager *p, const struct wizard *w, int width, struct lines *L)
{
	const struct activity *a = (const struct activity *)p;
	const char *s = strbuf_str(&a->rows);

	(void)w;
	if (!a->n)
		lines_add(L, term_attr_of(TA_DIM), "No event yet in this session.", 29);
	while (*s) {
		const char *tab1 = strchr(s, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		const char *end = strchr(s, '\n');
		struct strbuf head = STRBUF_INIT, what = STRBUF_INIT;
		if (!tab1 || !tab2 || !end)
			break;
		strbuf_addf(&head, " %.*s  %.*s", (int)(tab1 - s), s, (int)(tab2 - tab1 - 1), tab1 + 1);
		lines_add(L, A_BOLD, strbuf_str(&head), head.len);
		strbuf_addf(&what, "%.*s", (int)(end - tab2 - 1), tab2 + 1);
		lines_wrap(L, A_NORMAL, "    ", strbuf_str(&what), 4, width);
		strbuf_release(&head);
		strbuf_release(&what);
		s = end + 1;
	}
}

static void title_of(const struct pager *p, const struct wizard *w, struct strbuf *out)
{
	const struct activity *a = (const struct activity *)p;

	strbuf_addf(out, " mesos-upgrade | session %lld: activity, newest first (as of %s)",
		    (long long)w->s->info.id, a->when);
}

static const struct pager_kind activity_kind = {
	.ops = { .keys = &keymap_activity, .enter = activity_reload, .draw = pager_draw,
		 .key = pager_key, .reload = activity_reload, .release = activity_release },
	.title_of = title_of, .build = build, .hints = " Up/Down scroll  Esc back ",
};

struct screen *activity_screen_new(void)
{
	struct activity *a = (struct activity *)pager_new(sizeof(struct activity), &activity_kind);

	if (a)
		strbuf_init(&a->rows);
	return (struct screen *)a;
}
