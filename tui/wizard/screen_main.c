/*
 * screen_main.c - the main screen: the hops, the current hop's checklist and
 * the selected item's text, the status bar. On the hop being worked on, a
 * line under its heading names the warnings of the cluster's latest probe.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "layout.h"
#include "list.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

enum pane { PANE_HOPS, PANE_LIST, PANE_TEXT };

struct main_screen {
	struct item_owner base;
	size_t hop;                 /* the hop shown */
	size_t *rows;               /* its checklist: item indices, hosts' items left out */
	size_t *hop_done, *hop_total; /* per hop, counted at each reload (not while drawing) */
	struct list hops, list, text;
	enum pane focus;
	char sel[512];              /* the selected item's id: a reload keeps it */
	char search[128];           /* the last search */
	char found[512];            /* the item found last (a host's: its step is selected) */
	unsigned notes;             /* which of the hop's notes show (note_filter.c), 0: all */
	bool banner;                /* the hop shown has the probe's warning line */
};

#define MS(sc) ((struct main_screen *)(sc))
#define CMS(sc) ((const struct main_screen *)(sc))

static size_t item_of(const struct main_screen *m)
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

/* Select item @i (a host's item selects its step), its hop with it. */
static void select_item(struct main_screen *m, const struct wizard *w, size_t i)
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
	select_item(m, w, (size_t)i);
}

/* After a check-off: the item that blocked a forced one, else the next pending one. */
static void after_mark(struct screen *sc, struct wizard *w, enum mark_action action,
		       const char *id, const char *blocker)
{
	struct main_screen *m = MS(sc);
	long i = session_find(w->s, blocker ? blocker : id), next = -1;

	if (blocker && i >= 0) {
		select_item(m, w, (size_t)i);
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
		select_item(m, w, (size_t)next);
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

/* ---- drawing ----------------------------------------------------------- */

struct draw_ctx {
	const struct main_screen *m;
	const struct wizard *w;
};

static void hop_row(const void *ctx, size_t h, int y, int x, int width, bool selected)
{
	const struct draw_ctx *c = ctx;
	const struct session *s = c->w->s;
	const struct content_hop *hop = &s->plan.hops[h];
	size_t n = c->m->hop_total ? c->m->hop_total[h] : 0;
	size_t done = c->m->hop_done ? c->m->hop_done[h] : 0;
	char line[96], count[32];
	unsigned attr;

	(void)selected;
	snprintf(line, sizeof(line), " %s %s -> %s", done == n ? "[x]" : done ? "[~]" : "[ ]",
		 hop->from, hop->to);
	attr = done == n ? term_attr_of(TA_DONE) : A_NORMAL;
	if (h == c->m->hop)
		attr = c->m->focus == PANE_HOPS ? term_attr_of(TA_SELECTED) : A_BOLD;
	draw_text(y, x, width, attr, line, true);
	snprintf(count, sizeof(count), "%zu/%zu ", done, n);
	draw_text(y, x + width - (int)strlen(count), (int)strlen(count), attr, count, false);
}

/*
 * The right-hand part of a checklist row, in less than a third of it: who
 * and when, or the hosts' counts, after the state a glance must not miss
 * (forced, locked). When the row is narrow the name is cut, then left out,
 * then the time or the word "hosts"; the state word is the last to go.
 */
static void row_info(const struct session *s, size_t i, int width, struct strbuf *out)
{
	const struct session_item *it = &s->items[i];
	const char *name = it->last.operator_name;
	char tries[3][128] = { "", "", "" };
	long bl;
	bool locked = it->state == ITEM_PENDING && session_blocker(s, i, &bl) != SESSION_BLOCK_NONE;
	const char *word = locked ? "locked"
			   : it->state != ITEM_PENDING && it->forced ? "forced" : "";
	const char *sep = *word ? " " : "";

	if (it->state != ITEM_PENDING && it->has_last) {
		char t[TIMEFMT_LEN];
		int room;
		time_local(it->last.time, t, sizeof(t));
		/* the columns the name can have, at most 20 */
		room = width / 3 - 1 - (int)(strlen(word) + strlen(sep) + strlen(t)) - 3;
		if (room >= 3)
			snprintf(tries[0], sizeof(tries[0]), " %s%s%.*s %s ", word, sep,
				 (int)draw_prefix(name, room < 20 ? room : 20, NULL), name, t);
		snprintf(tries[1], sizeof(tries[1]), " %s%s%s ", word, sep, t);
	} else if (it->nhosts) {
		size_t resolved = it->hosts_done + it->hosts_skipped;
		snprintf(tries[0], sizeof(tries[0]), " %s%s%zu/%zu hosts ", word, sep, resolved,
			 it->nhosts);
		snprintf(tries[1], sizeof(tries[1]), " %s%s%zu/%zu ", word, sep, resolved,
			 it->nhosts);
		if (!*word)
			word = "hosts";
	}
	if (*word)
		snprintf(tries[2], sizeof(tries[2]), " %s ", word);
	for (int k = 0; k < 3; k++)
		if (tries[k][0] && draw_width(tries[k]) < width / 3) {
			strbuf_adds(out, tries[k]);
			return;
		}
}

static void check_row(const void *ctx, size_t k, int y, int x, int width, bool selected)
{
	const struct draw_ctx *c = ctx;
	const struct session *s = c->w->s;
	size_t i = c->m->rows[k];
	const struct session_item *it = &s->items[i];
	struct strbuf sb = STRBUF_INIT, info = STRBUF_INIT;
	char label[16];
	unsigned attr = item_attr(s, i);
	int iw;

	if (it->kind == ITEM_NOTE)
		snprintf(label, sizeof(label), "note");
	else
		snprintf(label, sizeof(label), "%zu.", session_step_number(s, i));
	strbuf_addf(&sb, " %s %-4s ", item_box(it), label);
	if (it->changed_since_done)
		strbuf_adds(&sb, "! ");
	text_add_plain(&sb, it->note ? it->note->title : it->step ? it->step->text
								   : "(no longer in the content)", 0);
	row_info(s, i, width, &info);
	if (selected)
		attr = c->m->focus == PANE_LIST ? term_attr_of(TA_SELECTED) : (attr | A_BOLD);
	iw = draw_width(strbuf_str(&info));
	draw_text(y, x, width - iw, attr, strbuf_str(&sb), true);
	if (iw)
		draw_text(y, x + width - iw, iw, attr, strbuf_str(&info), false);
	strbuf_release(&sb);
	strbuf_release(&info);
}

static void draw_heading(const struct main_screen *m, const struct wizard *w,
			 const struct layout *l)
{
	const struct content_hop *hop = &w->s->plan.hops[m->hop];
	struct strbuf sb = STRBUF_INIT;

	if (!l->show_hops)
		strbuf_addf(&sb, " Hop %zu/%zu ", m->hop + 1, w->s->plan.nhops);
	strbuf_addf(&sb, " %s -> %s: ", hop->from, hop->to);
	text_add_plain(&sb, hop->title, 0);
	if (!hop->ordered)
		strbuf_adds(&sb, " (steps in any order)");
	if (m->notes) {
		char name[64];
		note_filter_name(m->notes, name, sizeof(name));
		strbuf_addf(&sb, " [%s]", name);
	}
	draw_text_fit(l->list.y, l->list.x, l->list.w, term_attr_of(TA_HEADING), strbuf_str(&sb),
		      true);
	strbuf_reset(&sb);
	strbuf_addc(&sb, ' ');
	if (m->banner && wizard_live_banner(w, m->hop, &sb))
		draw_text_fit(l->list.y + 1, l->list.x, l->list.w, term_attr_of(TA_WARNING),
			      strbuf_str(&sb), true);
	strbuf_release(&sb);
}

static void draw_text_pane(const struct main_screen *m, const struct layout *l,
			   const struct lines *text)
{
	const struct rect *r = &l->detail;
	struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
	struct strbuf rule = STRBUF_INIT;

	strbuf_addf(&rule, " %s ", m->sel);
	if (l->side)
		draw_vline(r->y, r->x - 1, r->h);
	draw_hline(r->y, r->x, r->w);
	draw_text_fit(r->y, r->x + 2, r->w - 4,
		      m->focus == PANE_TEXT ? term_attr_of(TA_SELECTED) : A_BOLD, strbuf_str(&rule),
		      false);
	list_draw_lines(&m->text, &body, text);
	strbuf_release(&rule);
}

static void main_draw(const struct screen *sc, const struct wizard *w)
{
	const struct main_screen *m = CMS(sc);
	struct lines L = { 0 };
	struct draw_ctx c = { m, w };
	struct strbuf sb = STRBUF_INIT, left = STRBUF_INIT;
	struct layout l;

	panes(&l);
	strbuf_addf(&sb, " mesos-upgrade | session %lld: %s -> %s", (long long)w->s->info.id,
		    w->s->info.from, w->s->info.to);
	if (*w->s->info.title) {
		strbuf_adds(&sb, " | ");
		text_add_plain(&sb, w->s->info.title, 0);
	}
	wizard_session_bar(w, strbuf_str(&sb), m->hop);
	if (l.show_hops) {
		struct rect hops = { l.hops.y + 1, l.hops.x, l.hops.h - 1, l.hops.w };
		draw_text(l.hops.y, l.hops.x, l.hops.w, term_attr_of(TA_HEADING), " Hops", true);
		list_draw(&m->hops, &hops, hop_row, &c);
		draw_vline(l.hops.y, l.hops.x + l.hops.w, l.hops.h);
	}
	if (w->s->nitems) {
		struct rect list = { l.list.y + 1 + m->banner, l.list.x, l.list.h - 1 - m->banner,
				     l.list.w };
		draw_heading(m, w, &l);
		list_draw(&m->list, &list, check_row, &c);
		item_text(w, item_of(m), l.detail.w - 2, &L);
		draw_text_pane(m, &l, &L);
	}
	/* "forced" says what it counts: overrides of a rule (? explains) */
	strbuf_addf(&left, " %zu/%zu%s", w->s->ndone + w->s->nskipped, session_total(w->s),
		    w->s->closed ? " CLOSED" : w->s->finished ? " FINISHED" : "");
	if (w->s->nforced)
		strbuf_addf(&left, " %zu forced", w->s->nforced);
	strbuf_addc(&left, ' ');
	wizard_status_bar(w, strbuf_str(&left), w->masters
			  ? " Spc done  s skip  n note  u undo  Enter detail  P probe  V verify  ? help"
			    "  q quit "
			  : " Spc done  s skip  n note  u undo  Enter detail  ? help  q quit ");
	lines_free(&L);
	strbuf_release(&sb);
	strbuf_release(&left);
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
			select_item(m, w, i < w->s->nitems && w->s->items[i].hop == m->hops.sel ? i
												    : first);
		}
	} else if (m->focus == PANE_TEXT) {
		struct lines L = { 0 };
		struct layout l;
		panes(&l);
		item_text(w, item_of(m), l.detail.w - 2, &L);
		list_set_count(&m->text, L.n);
		list_key(&m->text, a, text_rows());
		lines_free(&L);
	} else {
		list_key(&m->list, a, list_rows(m));
		select_item(m, w, item_of(m));
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

/* Whether @hay holds @needle, ASCII letters in either case. */
static bool holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t k = 0;
		while (k < n && hay[k] && ((hay[k] | 0x20) == (needle[k] | 0x20) ||
					   hay[k] == needle[k]))
			k++;
		if (k == n)
			return true;
	}
	return !n;
}

/*
 * Whether per-host step @it, whose hosts' items the wizard's view has not
 * read (another hop's agents: session_load_view()), has one whose id holds
 * @text (after item @after, when not NULL): asked of the journal; its id in
 * @found (may be NULL).
 */
static bool unread_host_has(const struct wizard *w, const struct session_item *it,
			    const char *text, const char *after, char found[512])
{
	struct arena a = ARENA_INIT;
	const char *id = NULL;

	if (it->nloaded < it->nhosts && !holds(it->id, text))
		journal_host_item_holding(w->journal, w->s->info.id, it->id, text, after, &a, &id);
	if (id && found)
		snprintf(found, 512, "%s", id);
	arena_release(&a);
	return id != NULL;
}

/*
 * Whether item @i holds the search in its title or id; a host's item
 * (HOP/STEP@HOST) by its id, when its step's id does not hold it already
 * (then the step is found once, not again for each of its hosts).
 */
static bool title_has(const void *ctx, size_t i)
{
	const struct main_screen *m = ((const struct draw_ctx *)ctx)->m;
	const struct session *s = ((const struct draw_ctx *)ctx)->w->s;
	const struct session_item *it = &s->items[i];
	const char *t = it->note ? it->note->title : it->step ? it->step->text : "";

	if (it->host)
		return holds(it->id, m->search) && it->parent >= 0 &&
		       !holds(s->items[it->parent].id, m->search);
	return holds(t, m->search) || holds(it->id, m->search) ||
	       unread_host_has(((const struct draw_ctx *)ctx)->w, it, m->search, NULL, NULL);
}

/* Where the next search starts: after the item found last while it is still selected. */
static long search_from(const struct main_screen *m, const struct session *s)
{
	long found = m->found[0] ? session_find(s, m->found) : -1;
	long sel = session_find(s, m->sel);

	if (found >= 0 && (found == sel || s->items[found].parent == sel))
		return found + 1;
	return sel + 1;
}

static struct result searched(struct wizard *w, const struct dialog_args *a, const char *text,
			      size_t choice)
{
	struct main_screen *m = MS(a->owner);
	struct draw_ctx c = { m, w };
	struct list all;
	long i;

	(void)choice;
	if (*text)
		snprintf(m->search, sizeof(m->search), "%s", text);
	if (!m->search[0])
		return RESULT(R_STAY);
	i = session_find(w->s, m->sel);
	if (i >= 0 && !strncmp(m->found, m->sel, strlen(m->sel)) &&
	    m->found[strlen(m->sel)] == '@' && session_find(w->s, m->found) < 0 &&
	    unread_host_has(w, &w->s->items[i], m->search, m->found, m->found)) {
		/* the next host of the step found last, which the view has not read */
		wizard_message(w, false, "Found '%s': %s (/ Enter finds the next).", m->search,
			       m->found);
		return RESULT(R_STAY);
	}
	list_init(&all, true);
	list_set_count(&all, w->s->nitems);
	i = list_find(&all, (size_t)search_from(m, w->s) % w->s->nitems, title_has, &c);
	if (i < 0) {
		wizard_message(w, true, "No item holds '%s'.", m->search);
		return RESULT(R_STAY);
	}
	select_item(m, w, (size_t)i);
	snprintf(m->found, sizeof(m->found), "%s", w->s->items[i].id);
	{
		/* found by a host's item the view has not read: named as if it had */
		const struct session_item *it = &w->s->items[i];
		const char *t = it->note ? it->note->title : it->step ? it->step->text : "";
		if (!holds(t, m->search))
			unread_host_has(w, it, m->search, NULL, m->found);
	}
	m->focus = PANE_LIST;
	wizard_message(w, false, "Found '%s': %s (/ Enter finds the next).", m->search, m->found);
	return RESULT(R_STAY);
}

static struct result search(struct main_screen *m)
{
	struct dialog_args a = { .owner = &m->base.base };
	struct strbuf p = STRBUF_INIT;
	struct screen *sc;

	strbuf_adds(&p, "Find the next item (any hop) whose title or id holds:");
	if (m->search[0])
		strbuf_addf(&p, "\n(Enter alone: the next one holding '%s')", m->search);
	sc = dialog_text("Search the checklist", strbuf_str(&p), NULL, "Enter finds it, Esc cancels",
			 m->search[0] != '\0', searched, &a);
	strbuf_release(&p);
	return result_push(sc);
}

/* The next filter of the hop's notes that shows any, back to every note after the last. */
static struct result filter_notes(struct main_screen *m, struct wizard *w)
{
	char name[64];
	size_t i = item_of(m);

	m->notes = note_filter_next(m->notes, w->s, m->hop);
	note_filter_name(m->notes, name, sizeof(name));
	fill_rows(m, w->s);
	/* the item selected stays so when it shows, else the first row is */
	if (m->list.n && !note_filter_lets(m->notes, &w->s->items[i]))
		i = m->rows[0];
	m->list.top = 0;
	select_item(m, w, i);
	wizard_message(w, false, "This hop's checklist shows %s%s.", name,
		       m->notes ? " (f: the next filter)" : "");
	return RESULT(R_STAY);
}

static struct result next_pending(struct main_screen *m, struct wizard *w)
{
	long i = first_pending(w->s, item_of(m) + 1);

	if (i < 0) {
		wizard_message(w, false, "Nothing is pending: every item of session %lld is done or "
			       "skipped.", (long long)w->s->info.id);
		return RESULT(R_STAY);
	}
	select_item(m, w, (size_t)i);
	return RESULT(R_STAY);
}

static struct result main_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct main_screen *m = MS(sc);
	size_t i = item_of(m);

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
	case ACT_SEARCH: return search(m);
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
