/*
 * main_draw.c - the main screen drawn: the hops with their progress, the
 * current hop's heading and checklist (who and when, or the hosts' counts,
 * on each row), the selected item's text, the title and status bars.
 */
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "layout.h"
#include "main_private.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"

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

/* (main_private.h) */
void main_draw(const struct screen *sc, const struct wizard *w)
{
	const struct main_screen *m = CMS(sc);
	struct lines L = { 0 };
	struct draw_ctx c = { m, w };
	struct strbuf sb = STRBUF_INIT, left = STRBUF_INIT;
	struct layout l;

	layout_compute(LINES, COLS, &l);
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
		item_text(w, main_item_of(m), l.detail.w - 2, false, &L);
		draw_text_pane(m, &l, &L);
	}
	/* "forced" says what it counts: overrides of a rule (? explains) */
	strbuf_addf(&left, " %zu/%zu%s", w->s->ndone + w->s->nskipped, session_total(w->s),
		    w->s->closed ? " CLOSED" : w->s->finished ? " FINISHED" : "");
	if (w->s->nforced)
		strbuf_addf(&left, " %zu forced", w->s->nforced);
	strbuf_addc(&left, ' ');
	/* ? help last: the hint kept when the line is too narrow for them all */
	wizard_status_bar(w, strbuf_str(&left), w->masters
			  ? " Spc done  s skip  n note  u undo  Enter detail  P probe  V verify  q quit"
			    "  ? help "
			  : " Spc done  s skip  n note  u undo  Enter detail  q quit  ? help ");
	lines_free(&L);
	strbuf_release(&sb);
	strbuf_release(&left);
}
