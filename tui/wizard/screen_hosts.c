/*
 * screen_hosts.c - the hosts of a per-host step: counts, a filter by state,
 * a search by name, marking one host or a range of them.
 *
 * The hosts' items follow their step in the session's items; the list shown
 * is those the filter and the search let through. The cursor is on a host
 * (an item), never a position: a reload (a check-off here or by another
 * operator) keeps it on the same host. When the filter or the search hides
 * that host, the cursor shows on the nearest host after it (else before),
 * and comes back to it when it is shown again, until the operator moves.
 *
 * Once the session's cluster was probed, each host shows what the probe saw
 * (its version, and when), a done host still on an older version is marked
 * "!", and a line above the list sums the probe up; p probes again and V
 * verifies, in the background (tui/wizard/probe.c).
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "hosts_private.h"
#include "wizard.h"

static const char *const filter_names[] = { "all", "pending", "done", "skipped" };

/* The rows of the list: the screen but the title, two lines of heads, the live line, the status. */
static int rows(const struct hosts_screen *h)
{
	return LINES - 4 - h->live;
}

/* The host of item @it as its row names it. */
static void host_name(const struct session_item *it, struct strbuf *out)
{
	text_add_plain(out, it->host, 0);
	if (it->leader)
		strbuf_adds(out, " (leader, last)");
}

/* The widths of the live columns, and the mismatches, over every host of the step. */
static void measure(struct hosts_screen *h, const struct wizard *w)
{
	struct strbuf sb = STRBUF_INIT;
	int marked = 0, plain = 0;

	h->live = wizard_live_probed(w);
	h->name_w = 0;
	h->mismatches = 0;
	for (size_t i = h->step + 1; h->live && i < w->s->nitems && w->s->items[i].host; i++) {
		int nw;
		bool mismatch;
		strbuf_reset(&sb);
		host_name(&w->s->items[i], &sb);
		nw = draw_width(strbuf_str(&sb));
		h->name_w = nw > h->name_w ? nw : h->name_w;
		strbuf_reset(&sb);
		mismatch = wizard_live_cell(w, i, false, &sb);
		h->mismatches += mismatch;
		nw = draw_width(strbuf_str(&sb));
		if (mismatch)
			marked = nw > marked ? nw : marked;
		else
			plain = nw > plain ? nw : plain;
	}
	/* the others' versions are where those after "! " are */
	plain += h->mismatches ? 2 : 0;
	h->live_w = marked > plain ? marked : plain;
	strbuf_release(&sb);
}

static bool passes(const struct hosts_screen *h, const struct session_item *it)
{
	static const enum item_state want[] = { ITEM_PENDING, ITEM_PENDING, ITEM_DONE, ITEM_SKIPPED };

	if (h->filter != F_ALL && it->state != want[h->filter])
		return false;
	return !h->search[0] || strstr(it->host, h->search);
}

/* The list from the session: the selected host stays selected, or its nearest follower. */
static void refill(struct hosts_screen *h, const struct wizard *w)
{
	const struct session *s = w->s;
	size_t n = 0, sel = 0;
	bool found = false;

	measure(h, w);
	session_clock_pace(s, h->step, &h->pace);
	free(h->shown);
	h->shown = malloc((s->items[h->step].nhosts + 1) * sizeof(*h->shown));
	for (size_t i = h->step + 1; h->shown && i < s->nitems && s->items[i].host; i++) {
		if (!passes(h, &s->items[i]))
			continue;
		if (!found && i >= h->item) {
			/* the host itself, or the first one after it that is shown */
			sel = n;
			found = true;
		}
		h->shown[n++] = i;
	}
	list_set_count(&h->list, n);
	if (!found && n)
		sel = n - 1;
	if (n)
		list_select(&h->list, sel, rows(h));
}

/* The host under the cursor (the list is not empty). */
static size_t current(const struct hosts_screen *h)
{
	return h->shown[h->list.sel];
}

static void hosts_reload(struct screen *sc, struct wizard *w)
{
	refill(HS(sc), w);
}

/*
 * After a check-off here: the cursor stays on the host acted on, or, when
 * the filter now hides it, shows on the next one (the next to mark).
 */
static void after_mark(struct screen *sc, struct wizard *w, enum mark_action action,
		       const char *id, const char *blocker)
{
	long i = session_find(w->s, id);

	(void)action;
	(void)blocker;
	if (i >= 0)
		HS(sc)->item = (size_t)i;
	refill(HS(sc), w);
}

static void hosts_enter(struct screen *sc, struct wizard *w)
{
	struct hosts_screen *h = HS(sc);

	h->base.after_mark = after_mark;
	list_init(&h->list, true);
	h->filter = w->s->items[h->step].state == ITEM_PENDING ? F_PENDING : F_ALL;
	h->item = h->step + 1;
	/* start on the first pending host */
	for (size_t i = h->step + 1; i < w->s->nitems && w->s->items[i].host; i++)
		if (w->s->items[i].state == ITEM_PENDING) {
			h->item = i;
			break;
		}
	refill(h, w);
}

static void hosts_release(struct screen *sc)
{
	free(HS(sc)->shown);
	hosts_range_forget(HS(sc));
}

/* ---- drawing ----------------------------------------------------------- */

struct draw_ctx {
	const struct hosts_screen *h;
	const struct wizard *w;
	long lo, hi;            /* the range, as positions in the list; -1 when none */
	int time_w;             /* the probe's time's width */
};

/*
 * What the probe saw of host item @i, padded to a column: with the probe's
 * time when @with_time (one time for every host: the latest probe's). "! "
 * marks a host done on an older version; the others keep its place.
 */
static bool live_cell(const struct draw_ctx *c, size_t i, bool with_time, struct strbuf *sb)
{
	struct strbuf cell = STRBUF_INIT;
	bool mismatch = wizard_live_cell(c->w, i, with_time, &cell);
	bool indent = c->h->mismatches && !mismatch;
	int pad = c->h->live_w + (with_time ? c->time_w + 1 : 0) - draw_width(strbuf_str(&cell)) -
		  (indent ? 2 : 0);

	strbuf_adds(sb, indent ? "  " : "");
	strbuf_adds(sb, strbuf_str(&cell));
	strbuf_addn(sb, ' ', pad > 0 ? (size_t)pad : 0);
	strbuf_release(&cell);
	return mismatch;
}

static void host_row(const void *ctx, size_t k, int y, int x, int width, bool selected)
{
	const struct draw_ctx *c = ctx;
	size_t i = c->h->shown[k];
	const struct session_item *it = &c->w->s->items[i];
	unsigned attr = it->forced ? term_attr_of(TA_FORCED)
			: it->state == ITEM_DONE ? term_attr_of(TA_DONE)
			: it->state == ITEM_SKIPPED ? term_attr_of(TA_SKIPPED)
						   : term_attr_of(TA_PENDING);
	struct strbuf sb = STRBUF_INIT;
	bool mismatch = false;
	int pad;

	/* the cursor is marked in text too (>), not by reverse video alone; * a range */
	strbuf_addf(&sb, "%s%s ", selected ? ">"
				  : c->lo >= 0 && (long)k >= c->lo && (long)k <= c->hi ? "*" : " ",
		    item_box(it));
	/* the live version after the names, in a column; on a narrow row, first: it must show */
	if (c->h->live && width < 60) {
		mismatch = live_cell(c, i, false, &sb);
		strbuf_adds(&sb, "  ");
	}
	host_name(it, &sb);
	if (c->h->live && width >= 60) {
		pad = 5 + c->h->name_w + 2 - draw_width(strbuf_str(&sb));
		strbuf_addn(&sb, ' ', pad > 2 ? (size_t)pad : 2);
		mismatch = live_cell(c, i, true, &sb);
	}
	if (mismatch)
		attr = term_attr_of(TA_WARNING);
	if (it->state != ITEM_PENDING && it->has_last) {
		char t[TIMEFMT_LEN];
		time_local(it->last.time, t, sizeof(t));
		strbuf_adds(&sb, "  ");
		text_add_plain(&sb, it->last.operator_name, 0);
		strbuf_addf(&sb, " %s%s", t, it->forced ? " FORCED" : "");
		if (*it->last.text) {
			strbuf_adds(&sb, ": ");
			text_add_plain(&sb, it->last.text, 0);
		}
	}
	/* a long reason ends with "...": Enter shows it whole */
	draw_text_fit(y, x, width, selected ? term_attr_of(TA_SELECTED) : attr, strbuf_str(&sb),
		      true);
	strbuf_release(&sb);
}

/* The line about the latest probe, "!" first when it warns: hosts done on an older version first. */
static void draw_live(const struct hosts_screen *h, const struct wizard *w)
{
	struct strbuf sb = STRBUF_INIT, probe = STRBUF_INIT;
	bool warn;

	if (!h->live)
		return;
	warn = wizard_live_summary(w, &probe) || h->mismatches;
	strbuf_adds(&sb, warn ? " ! " : " ");
	if (h->mismatches)
		strbuf_addf(&sb, "%zu done, but still on an older version than %s. ", h->mismatches,
			    w->s->plan.hops[w->s->items[h->step].hop].to);
	strbuf_adds(&sb, strbuf_str(&probe));
	draw_text_fit(3, 0, COLS, warn ? term_attr_of(TA_WARNING) : A_NORMAL, strbuf_str(&sb),
		      false);
	strbuf_release(&sb);
	strbuf_release(&probe);
}

static void draw_heads(const struct hosts_screen *h, const struct wizard *w)
{
	const struct session_item *step = &w->s->items[h->step];
	struct strbuf sb = STRBUF_INIT;
	enum role role = ROLE_AGENT;
	int pw;

	/* a per-host step, or a note acknowledged on each host ('when: per-host') */
	content_per_host(step->note, step->step, &role);
	strbuf_addf(&sb, " %s: on each %s", step->id, content_role_name(role));
	wizard_session_bar(w, strbuf_str(&sb), step->hop);
	strbuf_reset(&sb);
	strbuf_addf(&sb, " %zu done, %zu skipped, %zu pending of %zu  |  showing %s: %zu",
		    step->hosts_done, step->hosts_skipped,
		    step->nhosts - step->hosts_done - step->hosts_skipped, step->nhosts,
		    filter_names[h->filter], h->list.n);
	draw_text_fit(1, 0, COLS, A_BOLD, strbuf_str(&sb), false);
	/* the pace on the right of the next line, once it can be measured */
	strbuf_reset(&sb);
	wizard_pace_text(&h->pace, false, &sb);
	if (draw_width(strbuf_str(&sb)) + 2 > COLS / 2) {
		strbuf_reset(&sb);
		wizard_pace_text(&h->pace, true, &sb);
	}
	pw = sb.len ? draw_width(strbuf_str(&sb)) + 2 : 0;
	pw = pw > COLS / 2 + 2 ? 0 : pw;
	if (pw)
		draw_text(2, COLS - pw, pw, A_BOLD, strbuf_str(&sb), false);
	/* the search and the range on a line of their own: the counts line stays whole */
	strbuf_reset(&sb);
	if (h->search[0])
		strbuf_addf(&sb, " Names with '%s'", h->search);
	if (h->anchor >= 0)
		strbuf_addf(&sb, "%s Range from %s: Space, s or u acts on it, m drops it",
			    sb.len ? "  |" : "", w->s->items[h->anchor].host);
	if (sb.len) {
		draw_text_fit(2, 0, COLS - pw, A_BOLD, strbuf_str(&sb), false);
	} else if (role == ROLE_MASTER) {
		bool leader = false;
		for (size_t i = h->step + 1; i < w->s->nitems && w->s->items[i].host; i++)
			leader |= w->s->items[i].leader;
		if (leader)
			draw_text_fit(2, 0, COLS - pw, term_attr_of(TA_DIM), " The leading master "
				      "comes last: one failover, onto a master already upgraded.",
				      false);
	}
	draw_live(h, w);
	strbuf_release(&sb);
}

static void hosts_draw(const struct screen *sc, const struct wizard *w)
{
	const struct hosts_screen *h = CHS(sc);
	struct draw_ctx c = { h, w, -1, -1, 0 };
	struct rect body = { 3 + h->live, 0, rows(h), COLS };

	if (h->live) {
		char t[TIMEFMT_LEN];
		time_local(w->live->probe.time, t, sizeof(t));
		c.time_w = draw_width(t);
	}
	draw_heads(h, w);
	hosts_range_of(h, &c.lo, &c.hi);
	list_draw(&h->list, &body, host_row, &c);
	if (!h->list.n)
		draw_text(body.y, 1, COLS - 2, A_NORMAL, "No host here: f changes the filter, / the "
			  "search.", false);
	wizard_status_bar(w, "", w->masters ? " Spc done  s skip  u undo  n note  m range  f filter"
			  "  / search  p probe  V verify  w probe  Enter detail  Esc back "
			  : " Spc done  s skip  u undo  n note  m range  f filter  / search"
			  "  Enter detail  Esc back ");
}

/* ---- keys -------------------------------------------------------------- */

static struct result searched(struct wizard *w, const struct dialog_args *a, const char *text,
			      size_t choice)
{
	struct hosts_screen *h = HS(a->owner);

	(void)choice;
	snprintf(h->search, sizeof(h->search), "%s", text);
	refill(h, w);
	hosts_range_drop(h, w);
	return RESULT(R_STAY);
}

static struct result search(struct hosts_screen *h)
{
	struct dialog_args a = { .owner = &h->base.base };
	char prompt[160];

	/* never pre-filled: Enter alone shows every host again */
	snprintf(prompt, sizeof(prompt), "Show the hosts whose name holds (empty: all hosts)%s%s%s",
		 h->search[0] ? "; now '" : ":", h->search, h->search[0] ? "':" : "");
	return result_push(dialog_text("Search hosts", prompt, NULL, "Enter shows them, Esc cancels",
				       true, searched, &a));
}

static struct result hosts_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct hosts_screen *h = HS(sc);

	(void)key;
	if (a == ACT_UNDO && hosts_range_marked(h))
		return hosts_range_undo_marked(h, w);
	hosts_range_forget(h);
	if (list_key(&h->list, a, rows(h))) {
		if (h->list.n)
			h->item = h->shown[h->list.sel];
		return RESULT(R_STAY);
	}
	switch (a) {
	case ACT_PROBE:
	case ACT_VERIFY:
		wizard_probe_start(w, a == ACT_VERIFY);
		return RESULT(R_STAY);
	case ACT_CLUSTER:
		return result_push(cluster_screen_new());
	case ACT_FILTER:
		h->filter = (h->filter + 1) % F_COUNT;
		refill(h, w);
		hosts_range_drop(h, w);
		return RESULT(R_STAY);
	case ACT_SEARCH:
		return search(h);
	default:
		break;
	}
	if (!h->list.n)
		return a == ACT_BACK ? RESULT(R_POP) : RESULT(R_UNKNOWN);
	switch (a) {
	case ACT_RANGE: return hosts_range_toggle(h, w);
	case ACT_DONE: return h->anchor >= 0 ? hosts_range_confirm(h, w)
					     : item_done(w, &h->base, current(h));
	case ACT_SKIP: return h->anchor >= 0 ? hosts_range_ask(h, MARK_SKIP)
					     : item_skip(w, &h->base, current(h));
	case ACT_UNDO: return h->anchor >= 0 ? hosts_range_ask(h, MARK_UNDO)
					     : item_undo(w, &h->base, current(h));
	case ACT_NOTE: return item_note(w, &h->base, current(h));
	case ACT_EXCLUDE:
	case ACT_INCLUDE: return hosts_exclude(w, &h->base.base, current(h), a == ACT_INCLUDE);
	case ACT_OPEN: return result_push(detail_screen_new(current(h)));
	default: return RESULT(R_UNKNOWN);
	}
}

static const struct screen_ops hosts_ops = {
	.keys = &keymap_hosts, .enter = hosts_enter, .draw = hosts_draw, .key = hosts_key,
	.reload = hosts_reload, .release = hosts_release,
};

struct screen *hosts_screen_new(size_t step)
{
	struct hosts_screen *h = HS(screen_new(sizeof(*h), &hosts_ops));

	if (h) {
		h->step = step;
		h->anchor = -1;
	}
	return (struct screen *)h;
}
