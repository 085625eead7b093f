/*
 * screen_main.c - the main screen: the hops, the current hop's checklist and
 * the selected item's text, the status bar. On the hop being worked on, a
 * line under its heading names the warnings of the cluster's latest probe.
 * Here: the checklist's rows, the selection, a reload, the keys; drawn in
 * main_draw.c, searched in main_search.c.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "layout.h"
#include "main_private.h"

/* (main_private.h) */
size_t main_item_of(const struct main_screen *m)
{
	return m->list.n ? m->rows[m->list.sel] : 0;
}

/* The rows of the checklist: the hop's items but the hosts' items of a per-host step. */
static void fill_rows(struct main_screen *m, const struct session *s)
{
	size_t n = 0;

	free(m->rows);
	m->rows = malloc((s->nitems + 1) * sizeof(*m->rows));
	for (size_t i = 0; m->rows && i < s->nitems; i++)
		if (s->items[i].hop == m->hop && !s->items[i].host &&
		    note_filter_lets(m->notes, &s->items[i]))
			m->rows[n++] = i;
	list_set_count(&m->list, n);
}

static void panes(struct layout *l)
{
	layout_compute(LINES, COLS, l);
}

/* The checklist's rows: its pane but the heading and the warning line. */
static int list_rows(const struct main_screen *m)
{
	struct layout l;

	panes(&l);
	return l.list.h - 1 - m->banner;
}

static int text_rows(void)
{
	struct layout l;

	panes(&l);
	return l.detail.h - 1;
}

/* (main_private.h) */
void main_select_item(struct main_screen *m, const struct wizard *w, size_t i)
{
	const struct session *s = w->s;

	if (i >= s->nitems)
		return;
	if (s->items[i].host && s->items[i].parent >= 0)
		i = (size_t)s->items[i].parent;
	if (s->items[i].hop != m->hop || !m->rows || !note_filter_lets(m->notes, &s->items[i])) {
		/* another hop, or a note the filter hides: every note shows again */
		m->notes = 0;
		m->hop = s->items[i].hop;
		fill_rows(m, s);
		m->list.top = 0;
	}
	m->banner = wizard_live_banner(w, m->hop, NULL);
	for (size_t k = 0; k < m->list.n; k++)
		if (m->rows[k] == i)
			list_select(&m->list, k, list_rows(m));
	list_select(&m->hops, m->hop, list_rows(m));
	if (strcmp(m->sel, s->items[i].id))
		m->text.top = 0;
	snprintf(m->sel, sizeof(m->sel), "%s", s->items[i].id);
}

static long first_pending(const struct session *s, size_t from)
{
	for (size_t k = 0; k < s->nitems; k++) {
		size_t i = (from + k) % s->nitems;
		if (s->items[i].state == ITEM_PENDING && s->items[i].drift != DRIFT_REMOVED &&
		    !s->items[i].host)
			return (long)i;
	}
	return -1;
}

/* The progress of each hop: its notes and steps (not hosts), removed ones aside. */
static void count_hops(struct main_screen *m, const struct session *s)
{
	free(m->hop_done);
	free(m->hop_total);
	m->hop_done = calloc(s->plan.nhops + 1, sizeof(*m->hop_done));
	m->hop_total = calloc(s->plan.nhops + 1, sizeof(*m->hop_total));
	for (size_t i = 0; m->hop_done && m->hop_total && i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->drift == DRIFT_REMOVED || it->host || it->hop >= s->plan.nhops)
			continue;
		m->hop_total[it->hop]++;
		m->hop_done[it->hop] += it->state != ITEM_PENDING;
	}
}

static void main_reload(struct screen *sc, struct wizard *w)
{
	struct main_screen *m = MS(sc);
	long i = m->sel[0] ? session_find(w->s, m->sel) : -1;

	count_hops(m, w->s);
	list_set_count(&m->hops, w->s->plan.nhops);
	fill_rows(m, w->s);
	if (i < 0)
		i = first_pending(w->s, 0);
	if (i < 0)
		i = w->s->nitems ? (long)w->s->nitems - 1 : 0;
	main_select_item(m, w, (size_t)i);
}

/* After a check-off: the item that blocked a forced one, else the next pending one. */
static void after_mark(struct screen *sc, struct wizard *w, enum mark_action action,
		       const char *id, const char *blocker)
{
	struct main_screen *m = MS(sc);
	long i = session_find(w->s, blocker ? blocker : id), next = -1;

	if (blocker && i >= 0) {
		main_select_item(m, w, (size_t)i);
		return;
	}
	if (i < 0 || (action != MARK_DONE && action != MARK_SKIP))
		return;
	/* the next pending item of the hop, else the first pending one */
	for (size_t k = (size_t)i + 1; k < w->s->nitems && w->s->items[k].hop == m->hop; k++)
		if (w->s->items[k].state == ITEM_PENDING && !w->s->items[k].host &&
		    w->s->items[k].drift != DRIFT_REMOVED) {
			next = (long)k;
			break;
		}
	if (next < 0)
		next = first_pending(w->s, 0);
	if (next >= 0)
		main_select_item(m, w, (size_t)next);
}

static void main_enter(struct screen *sc, struct wizard *w)
{
	struct main_screen *m = MS(sc);

	m->base.after_mark = after_mark;
	list_init(&m->hops, true);
	list_init(&m->list, true);
	list_init(&m->text, false);
	m->sel[0] = '\0';
	m->focus = PANE_LIST;
	main_reload(sc, w);
	if (w->s->content_changed)
		wizard_message(w, true, "The content changed since this session was planned: "
			       "items marked ! changed after they were done");
	else if (w->s->closed)
		wizard_message(w, false, "Session %lld is closed: it can be read, not marked; r on "
			       "the sessions list (S) reopens it.", (long long)w->s->info.id);
	else if (w->s->finished)
		wizard_message(w, false, "Session %lld is finished.", (long long)w->s->info.id);
	else
		wizard_message(w, false, "Session %lld: %zu of %zu resolved. Space marks done, ? help.",
			       (long long)w->s->info.id, w->s->ndone + w->s->nskipped,
			       session_total(w->s));
}

static void main_release(struct screen *sc)
{
	free(MS(sc)->rows);
	free(MS(sc)->hop_done);
	free(MS(sc)->hop_total);
}

/* ---- keys -------------------------------------------------------------- */

static struct result move_in(struct main_screen *m, struct wizard *w, enum action a)
{
	if (m->focus == PANE_HOPS) {
		struct layout l;
		panes(&l);
		list_key(&m->hops, a, l.hops.h - 1);
		if (m->hops.sel != m->hop) {
			/* a hop opens on its first pending item, else its first */
			size_t first = w->s->nitems, i;
			for (i = 0; i < w->s->nitems; i++) {
				if (w->s->items[i].hop != m->hops.sel || w->s->items[i].host)
					continue;
				if (first == w->s->nitems)
					first = i;
				if (w->s->items[i].state == ITEM_PENDING)
					break;
			}
			main_select_item(m, w, i < w->s->nitems && w->s->items[i].hop == m->hops.sel ? i
												    : first);
		}
	} else if (m->focus == PANE_TEXT) {
		struct lines L = { 0 };
		struct layout l;
		panes(&l);
		item_text(w, main_item_of(m), l.detail.w - 2, false, &L);
		list_set_count(&m->text, L.n);
		list_key(&m->text, a, text_rows());
		lines_free(&L);
	} else {
		list_key(&m->list, a, list_rows(m));
		main_select_item(m, w, main_item_of(m));
	}
	return RESULT(R_STAY);
}

static struct result focus(struct main_screen *m, enum action a)
{
	struct layout l;
	static const enum pane next[] = { PANE_LIST, PANE_TEXT, PANE_HOPS };
	static const enum pane prev[] = { PANE_TEXT, PANE_HOPS, PANE_LIST };

	panes(&l);
	switch (a) {
	case ACT_NEXT_PANE: m->focus = next[m->focus]; break;
	case ACT_PREV_PANE: m->focus = prev[m->focus]; break;
	case ACT_RIGHT: m->focus = m->focus == PANE_HOPS ? PANE_LIST : PANE_TEXT; break;
	default: m->focus = m->focus == PANE_TEXT ? PANE_LIST : PANE_HOPS; break;
	}
	if (m->focus == PANE_HOPS && !l.show_hops)
		m->focus = a == ACT_PREV_PANE ? PANE_TEXT : PANE_LIST;
	return RESULT(R_STAY);
}

/* The next filter of the hop's notes that shows any, back to every note after the last. */
static struct result filter_notes(struct main_screen *m, struct wizard *w)
{
	char name[64];
	size_t i = main_item_of(m);

	m->notes = note_filter_next(m->notes, w->s, m->hop);
	note_filter_name(m->notes, name, sizeof(name));
	fill_rows(m, w->s);
	/* the item selected stays so when it shows, else the first row is */
	if (m->list.n && !note_filter_lets(m->notes, &w->s->items[i]))
		i = m->rows[0];
	m->list.top = 0;
	main_select_item(m, w, i);
	wizard_message(w, false, "This hop's checklist shows %s%s.", name,
		       m->notes ? " (f: the next filter)" : "");
	return RESULT(R_STAY);
}

static struct result next_pending(struct main_screen *m, struct wizard *w)
{
	long i = first_pending(w->s, main_item_of(m) + 1);

	if (i < 0) {
		wizard_message(w, false, "Nothing is pending: every item of session %lld is done or "
			       "skipped.", (long long)w->s->info.id);
		return RESULT(R_STAY);
	}
	main_select_item(m, w, (size_t)i);
	return RESULT(R_STAY);
}

static struct result main_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct main_screen *m = MS(sc);
	size_t i = main_item_of(m);

	(void)key;
	if (!w->s->nitems)
		return a == ACT_NEW ? result_push(form_screen_new()) : RESULT(R_UNKNOWN);
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_FIRST: case ACT_LAST:
		return move_in(m, w, a);
	case ACT_NEXT_PANE: case ACT_PREV_PANE: case ACT_LEFT: case ACT_RIGHT:
		return focus(m, a);
	case ACT_DONE: return item_done(w, &m->base, i);
	case ACT_SKIP: return item_skip(w, &m->base, i);
	case ACT_NOTE: return item_note(w, &m->base, i);
	case ACT_UNDO: return item_undo(w, &m->base, i);
	case ACT_OPEN:
		if (!w->s->items[i].nhosts)
			return result_push(detail_screen_new(i));
		/* a hop's agents are read when their list opens */
		return wizard_hosts_of(w, &i) ? result_push(hosts_screen_new(i)) : RESULT(R_STAY);
	case ACT_NEXT_PENDING: return next_pending(m, w);
	case ACT_FILTER: return filter_notes(m, w);
	case ACT_PROBE: case ACT_VERIFY:
		wizard_probe_start(w, a == ACT_VERIFY);
		return RESULT(R_STAY);
	case ACT_CLUSTER: return result_push(cluster_screen_new());
	case ACT_ACTIVITY: return result_push(activity_screen_new());
	case ACT_SEARCH: return main_search(m);
	case ACT_EXPORT: return wizard_export(w, sc);
	case ACT_SESSIONS: return result_push(picker_screen_new());
	case ACT_NEW: return result_push(form_screen_new());
	default: return RESULT(R_UNKNOWN);
	}
}

static const struct screen_ops main_ops = {
	.keys = &keymap_main, .enter = main_enter, .draw = main_draw, .key = main_key,
	.reload = main_reload, .release = main_release,
};

struct screen *main_screen_new(void)
{
	return screen_new(sizeof(struct main_screen), &main_ops);
}
