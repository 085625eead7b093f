/*
 * screen_main.c - the main screen (hops, checklist, text), the item detail
 * with its history, and the help screen.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "keys.h"
#include "layout.h"
#include "term.h"
#include "textutil.h"
#include "wizard.h"

/* ---- lines of text to show in a pane ----------------------------------- */

struct line {
	unsigned attr;
	char *text;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static void lines_add(struct lines *L, unsigned attr, const char *text, size_t len)
{
	if (L->n == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 64;
		struct line *p = realloc(L->v, cap * sizeof(*p));
		if (!p)
			return;
		L->v = p;
		L->cap = cap;
	}
	L->v[L->n].attr = attr;
	L->v[L->n].text = strndup(text, len);
	if (L->v[L->n].text)
		L->n++;
}

/*
 * @line, cut into rows of at most @width columns, the rows after the first
 * indented by @indent: the wrapping counts characters, and a wide character
 * (CJK) takes two columns, so a wrapped line can still be too wide.
 */
static void lines_add_fitted(struct lines *L, unsigned attr, const char *line, size_t indent,
			     int width)
{
	struct strbuf row = STRBUF_INIT;
	const char *p = line;
	int room = width;

	if ((size_t)width <= indent + 2)
		indent = 0;
	while (draw_width(p) > room) {
		size_t n = draw_prefix(p, room, NULL);
		uint32_t cp;
		if (!n)
			n = utf8_decode(p, strlen(p), &cp);
		strbuf_add(&row, p, n);
		lines_add(L, attr, strbuf_str(&row), row.len);
		strbuf_reset(&row);
		strbuf_addn(&row, ' ', indent);
		room = width - (int)indent;
		p += n;
		while (*p == ' ')
			p++;
	}
	strbuf_adds(&row, p);
	lines_add(L, attr, strbuf_str(&row), row.len);
	strbuf_release(&row);
}

/*
 * @s with each word wider than @room columns cut into lines of at most @room:
 * the wrapping breaks lines between words only, and a text without spaces
 * (CJK) or a long URL would run past the edge.
 */
static void split_long_words(struct strbuf *out, const char *s, int room)
{
	const char *p = s;

	while (*p) {
		size_t n = strcspn(p, " \n");
		char *word = strndup(p, n);
		const char *q = word ? word : "";
		if (draw_width(q) > room) {
			while (*q) {
				size_t k = draw_prefix(q, room, NULL);
				uint32_t cp;
				if (!k)
					k = utf8_decode(q, strlen(q), &cp);
				strbuf_add(out, q, k);
				q += k;
				if (*q)
					strbuf_addc(out, '\n');
			}
		} else {
			strbuf_add(out, p, n);
		}
		free(word);
		p += n;
		if (*p)
			strbuf_addc(out, *p++);
	}
}

/* @s wrapped to @width after @prefix (the first line) and @indent spaces (the rest). */
static void lines_wrap(struct lines *L, unsigned attr, const char *prefix, const char *s,
		       size_t indent, int width)
{
	struct strbuf sb = STRBUF_INIT, split = STRBUF_INIT;
	const char *p;

	if (width < 10)
		width = 10;
	split_long_words(&split, s, width - (int)indent > 2 ? width - (int)indent : 2);
	strbuf_adds(&sb, prefix);
	text_add_wrapped(&sb, strbuf_str(&split), (size_t)draw_width(prefix), indent,
			 (size_t)width);
	strbuf_release(&split);
	for (p = strbuf_str(&sb);;) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		lines_add_fitted(L, attr, line ? line : "", indent, width);
		free(line);
		if (!p[n])
			break;
		p += n + 1;
	}
	strbuf_release(&sb);
}

static void lines_blank(struct lines *L)
{
	lines_add(L, A_NORMAL, "", 0);
}

static void lines_free(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++)
		free(L->v[i].text);
	free(L->v);
	memset(L, 0, sizeof(*L));
}

/* ---- the items of a hop ------------------------------------------------ */

static void hop_range(const struct session *s, size_t hop, size_t *a, size_t *b)
{
	size_t i = 0;

	while (i < s->nitems && s->items[i].hop < hop)
		i++;
	*a = i;
	while (i < s->nitems && s->items[i].hop == hop)
		i++;
	*b = i;
}

/*
 * The rows of hop @hop in the checklist: its items but the hosts' items of a
 * per-host step, which the step stands for (Enter lists them). Up to @cap into @v.
 */
static size_t visible_rows(const struct session *s, size_t hop, size_t *v, size_t cap)
{
	size_t a, b, n = 0;

	hop_range(s, hop, &a, &b);
	for (size_t i = a; i < b && n < cap; i++)
		if (!s->items[i].host)
			v[n++] = i;
	return n;
}

/* The row of the selection in the checklist: a host's item shows as its step. */
static size_t shown_item(const struct wizard *w)
{
	const struct session_item *it = &w->s->items[w->item];

	return it->host && it->parent >= 0 ? (size_t)it->parent : w->item;
}

static const char *box_of(const struct session_item *it)
{
	if (it->drift == DRIFT_REMOVED)
		return "[?]";
	switch (it->state) {
	case ITEM_DONE: return "[x]";
	case ITEM_SKIPPED: return "[-]";
	case ITEM_PENDING: break;
	}
	return "[ ]";
}

static unsigned item_attr(const struct session *s, size_t i)
{
	const struct session_item *it = &s->items[i];
	long b;

	if (it->forced)
		return term_attr_of(TA_FORCED);
	switch (it->state) {
	case ITEM_DONE: return term_attr_of(TA_DONE);
	case ITEM_SKIPPED: return term_attr_of(TA_SKIPPED);
	case ITEM_PENDING: break;
	}
	return session_blocker(s, i, &b) == BLOCK_NONE ? term_attr_of(TA_PENDING)
						       : term_attr_of(TA_LOCKED);
}

static const char *item_title(const struct session_item *it)
{
	if (it->note)
		return it->note->title;
	if (it->step)
		return it->step->text;
	return "(no longer in the content)";
}

/* "HH:MM" of an ISO time. */
static void hhmm(const char *iso, char out[6])
{
	if (strlen(iso) >= 16)
		snprintf(out, 6, "%.5s", iso + 11);
	else
		snprintf(out, 6, "%s", "");
}

/* ---- the text of an item ----------------------------------------------- */

/* "VERB by OPERATOR@HOST at TIME: TEXT" after @indent spaces, wrapped. */
static void event_line(struct lines *L, int width, size_t indent, const char *verb,
		       const struct journal_event *e, unsigned attr)
{
	struct strbuf sb = STRBUF_INIT;
	char pre[16];

	/* a line of its own starts with a capital: "Acknowledged by ..." */
	if (indent == 0 && *verb >= 'a' && *verb <= 'z')
		strbuf_addf(&sb, "%c%s by ", *verb - 'a' + 'A', verb + 1);
	else
		strbuf_addf(&sb, "%s by ", verb);
	text_add_plain(&sb, e->operator_name, 0);
	strbuf_addc(&sb, '@');
	text_add_plain(&sb, e->host, 0);
	strbuf_addf(&sb, " at %s%s", e->time, e->forced ? " (FORCED)" : "");
	if (*e->text) {
		strbuf_adds(&sb, ": ");
		strbuf_adds(&sb, e->text);
	}
	snprintf(pre, sizeof(pre), "%*s", (int)indent, "");
	lines_wrap(L, attr, pre, strbuf_str(&sb), indent + 2, width);
	strbuf_release(&sb);
}

static const char *state_verb(const struct session_item *it)
{
	if (!it->has_last)
		return "";
	return event_action_past(it->last.action);
}

static void item_text(const struct wizard *w, size_t i, int width, struct lines *L)
{
	const struct session *s = w->s;
	const struct session_item *it = &s->items[i];
	const struct content_hop *hop = &s->plan.hops[it->hop];
	unsigned bold = A_BOLD, warn = term_attr_of(TA_WARNING);
	struct strbuf sb = STRBUF_INIT;

	if (it->note) {
		const struct content_note *n = it->note;
		char aud[128];
		audience_names(n->audience, aud, sizeof(aud));
		lines_wrap(L, bold, "", n->title, 0, width);
		strbuf_addf(&sb, "Incompatible change in %s -> %s, for: %s", hop->from, hop->to, aud);
		lines_wrap(L, term_attr_of(TA_DIM), "", strbuf_str(&sb), 0, width);
		lines_blank(L);
		lines_wrap(L, A_NORMAL, "", n->text, 0, width);
		for (size_t k = 0; k < n->points.count; k++)
			lines_wrap(L, A_NORMAL, "  - ", n->points.items[k], 4, width);
		if (n->code) {
			const char *p = n->code;
			lines_blank(L);
			while (*p) {
				size_t len = strcspn(p, "\n");
				struct strbuf code = STRBUF_INIT;
				strbuf_adds(&code, "    ");
				strbuf_add(&code, p, len);
				lines_add(L, term_attr_of(TA_HEADING) & ~A_UNDERLINE, strbuf_str(&code),
					  code.len);
				strbuf_release(&code);
				p += len + (p[len] == '\n');
			}
		}
	} else if (it->step) {
		const struct content_step *st = it->step;
		strbuf_addf(&sb, "Step %zu of %zu (%s) in %s -> %s%s", session_step_number(s, i),
			    hop->nsteps, role_name(st->role), hop->from, hop->to,
			    hop->ordered ? "" : ", any order");
		lines_wrap(L, term_attr_of(TA_DIM), "", strbuf_str(&sb), 0, width);
		lines_blank(L);
		lines_wrap(L, bold, "", st->text, 0, width);
		if (st->detail)
			lines_wrap(L, A_NORMAL, "", st->detail, 0, width);
		for (size_t k = 0; k < st->points.count; k++)
			lines_wrap(L, A_NORMAL, "  - ", st->points.items[k], 4, width);
		if (st->flags.count) {
			strbuf_reset(&sb);
			strbuf_adds(&sb, "Flags:");
			for (size_t k = 0; k < st->flags.count; k++)
				strbuf_addf(&sb, " %s", st->flags.items[k]);
			lines_wrap(L, bold, "", strbuf_str(&sb), 2, width);
		}
		for (size_t k = 0; k < st->nlanguages; k++) {
			strbuf_reset(&sb);
			text_add_plain(&sb, st->languages[k].language, 0);
			strbuf_adds(&sb, ": ");
			lines_wrap(L, A_NORMAL, strbuf_str(&sb), st->languages[k].text, 2, width);
		}
		if (st->nbranches) {
			lines_blank(L);
			lines_wrap(L, bold, "", it->branch ? "Alternatives (the one taken is marked):"
							   : "Choose one (Space asks which):", 0, width);
			for (size_t k = 0; k < st->nbranches; k++) {
				const struct content_branch *b = &st->branches[k];
				bool chosen = it->branch && !strcmp(it->branch, b->id);
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%s %zu. ", chosen ? "(*)" : "( )", k + 1);
				lines_wrap(L, chosen ? bold : A_NORMAL, strbuf_str(&sb), b->title, 9, width);
				for (size_t q = 0; q < b->points.count; q++)
					lines_wrap(L, A_NORMAL, "        - ", b->points.items[q], 10, width);
			}
		}
		if (st->warning) {
			lines_blank(L);
			lines_wrap(L, warn, "WARNING: ", st->warning, 2, width);
		}
		if (it->nhosts) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "On each %s: %zu done, %zu skipped, %zu pending of %zu. Enter "
				    "lists them to mark one by one or a range.", role_name(st->role),
				    it->hosts_done, it->hosts_skipped,
				    it->nhosts - it->hosts_done - it->hosts_skipped, it->nhosts);
			lines_blank(L);
			lines_wrap(L, bold, "", strbuf_str(&sb), 0, width);
		}
	}
	lines_blank(L);
	if (it->drift == DRIFT_REMOVED)
		lines_wrap(L, warn, "", "This item is no longer in the content; its history is kept.",
			   0, width);
	if (it->changed_since_done)
		lines_wrap(L, warn, "", "! The content of this item changed after it was done: "
			   "read it again.", 0, width);
	else if (it->drift == DRIFT_ADDED)
		lines_wrap(L, warn, "", "New in the content since this session was planned.", 0,
			   width);
	if (it->state != ITEM_PENDING) {
		event_line(L, width, 0, state_verb(it), &it->last, item_attr(s, i));
	} else {
		strbuf_reset(&sb);
		session_block_text(s, i, &sb);
		if (sb.len)
			lines_wrap(L, term_attr_of(TA_LOCKED), "Locked: ", strbuf_str(&sb), 2, width);
		else
			lines_wrap(L, term_attr_of(TA_PENDING), "",
				   it->kind == ITEM_NOTE ? "Pending: read it, then Space acknowledges."
				   : it->nhosts	  ? "Pending: Enter lists its hosts to mark them."
						  : "Pending: Space marks it done, s skips.",
				   0, width);
		if (it->has_last)
			event_line(L, width, 0, "Undone", &it->last, term_attr_of(TA_DIM));
	}
	if (it->has_note && (!it->has_last || it->note_event.id > it->last.id))
		event_line(L, width, 0, "Note", &it->note_event, A_NORMAL);
	strbuf_release(&sb);
}

/* ---- drawing ----------------------------------------------------------- */

static void draw_title(const struct wizard *w, const struct rect *r)
{
	struct strbuf sb = STRBUF_INIT, right = STRBUF_INIT;
	const struct session *s = w->s;
	unsigned a = term_attr_of(TA_TITLE);
	int used;

	strbuf_addf(&sb, " mesos-upgrade | session %lld: %s -> %s", (long long)s->info.id,
		    s->info.from, s->info.to);
	if (*s->info.title) {
		strbuf_adds(&sb, " | ");
		text_add_plain(&sb, s->info.title, 0);
	}
	text_add_plain(&right, w->who.operator_name, 0);
	strbuf_addc(&right, '@');
	text_add_plain(&right, w->who.host, 0);
	strbuf_addc(&right, ' ');
	draw_fill(r->y, r->x, r->w, a);
	used = draw_text(r->y, r->x, r->w, a, strbuf_str(&sb), false);
	{
		int rw = draw_width(strbuf_str(&right));
		if (used + rw + 2 <= r->w)
			draw_text(r->y, r->x + r->w - rw, rw, a, strbuf_str(&right), false);
	}
	strbuf_release(&sb);
	strbuf_release(&right);
}

static void draw_hops(const struct wizard *w, const struct rect *r)
{
	const struct session *s = w->s;
	int rows = r->h - 1, top = 0;

	draw_text(r->y, r->x, r->w, term_attr_of(TA_HEADING), " Hops", true);
	if ((int)w->hop >= rows)
		top = (int)w->hop - rows + 1;
	for (int k = 0; k < rows && (size_t)(top + k) < s->plan.nhops; k++) {
		size_t h = (size_t)(top + k), a, b, done = 0;
		const struct content_hop *hop = &s->plan.hops[h];
		char line[96];
		unsigned attr;
		hop_range(s, h, &a, &b);
		size_t n = 0;
		for (size_t i = a; i < b; i++) {
			if (s->items[i].drift == DRIFT_REMOVED || s->items[i].host)
				continue;
			n++;
			done += s->items[i].state != ITEM_PENDING;
		}
		snprintf(line, sizeof(line), " %s %s -> %s", done == n ? "[x]" : done ? "[~]" : "[ ]",
			 hop->from, hop->to);
		attr = done == n ? term_attr_of(TA_DONE) : A_NORMAL;
		if (h == w->hop)
			attr = w->focus == PANE_HOPS ? term_attr_of(TA_SELECTED) : A_BOLD;
		draw_text(r->y + 1 + k, r->x, r->w, attr, line, true);
		snprintf(line, sizeof(line), "%zu/%zu ", done, n);
		draw_text(r->y + 1 + k, r->x + r->w - (int)strlen(line), (int)strlen(line), attr, line,
			  false);
	}
	attrset(A_NORMAL);
	mvvline_set(r->y, r->x + r->w, WACS_VLINE, r->h);
}

static void draw_list(struct wizard *w, const struct rect *r, bool show_hops)
{
	const struct session *s = w->s;
	const struct content_hop *hop = &s->plan.hops[w->hop];
	struct strbuf sb = STRBUF_INIT;
	size_t vis[512], nv, sel = shown_item(w);
	int rows = r->h - 1;

	if (!show_hops)
		strbuf_addf(&sb, " Hop %zu/%zu ", w->hop + 1, s->plan.nhops);
	strbuf_addf(&sb, " %s -> %s: ", hop->from, hop->to);
	text_add_plain(&sb, hop->title, 0);
	if (!hop->ordered)
		strbuf_adds(&sb, " (steps in any order)");
	draw_text(r->y, r->x, r->w, term_attr_of(TA_HEADING), strbuf_str(&sb), true);
	nv = visible_rows(s, w->hop, vis, sizeof(vis) / sizeof(*vis));
	/* keep the selection in view */
	for (size_t k = 0; k < nv; k++) {
		int pos = (int)k;
		if (vis[k] != sel)
			continue;
		if (pos < w->list_top)
			w->list_top = pos;
		if (pos >= w->list_top + rows)
			w->list_top = pos - rows + 1;
	}
	if (w->list_top < 0 || (size_t)w->list_top >= nv)
		w->list_top = 0;
	for (int k = 0; k < rows && (size_t)w->list_top + (size_t)k < nv; k++) {
		size_t i = vis[(size_t)w->list_top + (size_t)k];
		const struct session_item *it = &s->items[i];
		char label[16], info[64] = "";
		unsigned attr = item_attr(s, i);
		int used, iw;
		long bl;
		if (it->kind == ITEM_NOTE)
			snprintf(label, sizeof(label), "note");
		else
			snprintf(label, sizeof(label), "%zu.", session_step_number(s, i));
		strbuf_reset(&sb);
		strbuf_addf(&sb, " %s %-4s ", box_of(it), label);
		if (it->changed_since_done)
			strbuf_adds(&sb, "! ");
		text_add_plain(&sb, item_title(it), 0);
		if (it->state != ITEM_PENDING && it->has_last) {
			/* who and when, in less than a third of the row: the operator's
			 * name is cut first, then left out ("forced" is never) */
			char t[6];
			int opw = r->w / 3 - 1 - (it->forced ? 15 : 8);
			hhmm(it->last.time, t);
			if (opw > 20)
				opw = 20;
			if (opw < 3)
				opw = 0;
			snprintf(info, sizeof(info), " %s%.*s%s%s ", it->forced ? "forced " : "",
				 (int)draw_prefix(it->last.operator_name, opw, NULL), it->last.operator_name,
				 opw ? " " : "", t);
		} else if (it->state == ITEM_PENDING && session_blocker(s, i, &bl) != BLOCK_NONE) {
			snprintf(info, sizeof(info), " locked ");
		}
		if (it->nhosts && it->state == ITEM_PENDING) {
			/* the counts as long as a third of the row allows, "locked" first */
			bool locked = session_blocker(s, i, &bl) != BLOCK_NONE;
			size_t done = it->hosts_done + it->hosts_skipped;
			snprintf(info, sizeof(info), " %s%zu/%zu hosts ", locked ? "locked " : "", done,
				 it->nhosts);
			if (draw_width(info) >= r->w / 3)
				snprintf(info, sizeof(info), " %s%zu/%zu ", locked ? "locked " : "", done,
					 it->nhosts);
			if (draw_width(info) >= r->w / 3)
				snprintf(info, sizeof(info), " %s ", locked ? "locked" : "hosts");
		}
		if (i == sel)
			attr = w->focus == PANE_LIST ? term_attr_of(TA_SELECTED) : (attr | A_BOLD);
		iw = draw_width(info);
		used = draw_text(r->y + 1 + k, r->x, r->w - (iw < r->w / 3 ? iw : 0), attr,
				 strbuf_str(&sb), true);
		(void)used;
		if (iw && iw < r->w / 3)
			draw_text(r->y + 1 + k, r->x + r->w - iw, iw, attr, info, false);
	}
	strbuf_release(&sb);
}

static void draw_text_pane(struct wizard *w, const struct rect *r)
{
	struct lines L = { 0 };
	const struct session_item *it = &w->s->items[shown_item(w)];
	int rows = r->h - 1, width = r->w - 2;
	char rule[160];

	snprintf(rule, sizeof(rule), " %s ", it->id);
	attrset(A_NORMAL);
	mvhline_set(r->y, r->x, WACS_HLINE, r->w);
	draw_text(r->y, r->x + 2, r->w - 4, w->focus == PANE_TEXT ? term_attr_of(TA_SELECTED)
								  : A_BOLD, rule, false);
	item_text(w, shown_item(w), width, &L);
	if (w->text_top > (int)L.n - rows)
		w->text_top = (int)L.n - rows;
	if (w->text_top < 0)
		w->text_top = 0;
	for (int k = 0; k < rows && (size_t)(w->text_top + k) < L.n; k++) {
		const struct line *ln = &L.v[w->text_top + k];
		draw_text(r->y + 1 + k, r->x + 1, width, ln->attr, ln->text, false);
	}
	if (L.n > (size_t)rows) {
		/* which lines are shown, on the rule: the text goes on below or above;
		 * shorter forms when the pane is narrow, "more below" above all */
		char pos[3][96];
		int end = w->text_top + rows;
		bool more = (size_t)end < L.n;
		snprintf(pos[0], sizeof(pos[0]), " lines %d-%d of %zu%s ", w->text_top + 1, end, L.n,
			 more ? ", more below" : "");
		snprintf(pos[1], sizeof(pos[1]), " %d-%d of %zu%s ", w->text_top + 1, end, L.n,
			 more ? ", more below" : "");
		snprintf(pos[2], sizeof(pos[2]), "%s", more ? " more below " : "");
		for (int k = 0; k < 3; k++) {
			int pw = (int)strlen(pos[k]);
			int rw = draw_width(rule);
			if (pw && pw + (rw < r->w - 4 ? rw : r->w - 4) + 4 < r->w) {
				draw_text(r->y, r->x + r->w - pw - 1, pw, term_attr_of(TA_DIM), pos[k],
					  false);
				break;
			}
		}
	}
	lines_free(&L);
}

/*
 * @msg made to fit @room columns: ISO times shortened to HH:MM first (the list
 * shows times so too), then cut with "...".
 */
static void fit_message(const char *msg, int room, struct strbuf *out)
{
	const char *p = msg;

	strbuf_adds(out, msg);
	if (draw_width(strbuf_str(out)) <= room)
		return;
	strbuf_reset(out);
	while (*p) {
		/* 2026-01-31T22:00:00Z */
		if (strlen(p) >= 20 && p[4] == '-' && p[7] == '-' && p[10] == 'T' && p[13] == ':' &&
		    p[16] == ':' && p[19] == 'Z' && strspn(p, "0123456789") == 4) {
			strbuf_add(out, p + 11, 5);
			p += 20;
		} else {
			strbuf_addc(out, *p++);
		}
	}
	if (draw_width(strbuf_str(out)) > room && room > 3) {
		out->len = draw_prefix(strbuf_str(out), room - 3, NULL);
		out->buf[out->len] = '\0';
		strbuf_adds(out, "...");
	}
}

static void draw_status(const struct wizard *w, const struct rect *r)
{
	const struct session *s = w->s;
	static const char hints[] = " Spc done  s skip  n note  u undo  Enter detail  ? help  q quit ";
	char left[96];
	unsigned a = term_attr_of(TA_STATUS);
	int used, room, hw = (int)strlen(hints);
	struct strbuf msg = STRBUF_INIT;
	bool show_hints;

	snprintf(left, sizeof(left), " %zu/%zu%s%s ", s->ndone + s->nskipped,
		 session_total(s), s->finished ? " FINISHED" : "",
		 s->nforced ? " (forced!)" : "");
	draw_fill(r->y, r->x, r->w, a);
	used = draw_text(r->y, r->x, r->w, a | A_BOLD, left, false);
	room = r->w - used;
	/* the message first; the key hints when there is room for both */
	show_hints = w->msg[0] ? draw_width(w->msg) + 2 + hw <= room
			       : hw <= room;
	if (w->msg[0]) {
		fit_message(w->msg, show_hints ? room - hw : room, &msg);
		draw_text(r->y, r->x + used, room, w->msg_error ? term_attr_of(TA_ERROR) : a,
			  strbuf_str(&msg), false);
	}
	if (show_hints)
		draw_text(r->y, r->x + r->w - hw, hw, a, hints, false);
	strbuf_release(&msg);
}

void main_draw(struct wizard *w)
{
	struct layout l;

	layout_compute(LINES, COLS, &l);
	if (!w->s->nitems)
		return;
	if (!l.show_hops && w->focus == PANE_HOPS)
		w->focus = PANE_LIST;
	draw_title(w, &l.title);
	if (l.show_hops)
		draw_hops(w, &l.hops);
	draw_list(w, &l.list, l.show_hops);
	draw_text_pane(w, &l.detail);
	draw_status(w, &l.status);
}

/* ---- keys -------------------------------------------------------------- */

static void select_item(struct wizard *w, size_t i)
{
	if (i >= w->s->nitems)
		return;
	if (i != w->item)
		w->text_top = 0;
	w->item = i;
	if (w->s->items[i].hop != w->hop)
		w->list_top = 0;
	w->hop = w->s->items[i].hop;
}

static void select_hop(struct wizard *w, size_t h)
{
	size_t a, b;

	if (h >= w->s->plan.nhops)
		return;
	hop_range(w->s, h, &a, &b);
	w->hop = h;
	w->list_top = 0;
	w->text_top = 0;
	if (a == b)
		return;
	w->item = a;
	for (size_t i = a; i < b; i++) {
		if (w->s->items[i].state == ITEM_PENDING) {
			w->item = i;
			break;
		}
	}
}

static void open_text_dialog(struct wizard *w, enum dialog_purpose why, const char *title,
			     const char *prompt)
{
	struct dialog *d = &w->dlg;

	d->kind = DIALOG_TEXT;
	d->purpose = why;
	snprintf(d->title, sizeof(d->title), "%s", title);
	strbuf_reset(&d->prompt);
	strbuf_adds(&d->prompt, prompt);
	strbuf_reset(&d->text);
}

/* Open the dialog that asks for the reason to override what blocks item @i. */
void main_ask_force(struct wizard *w, bool skip, const char *branch)
{
	struct strbuf p = STRBUF_INIT;

	session_block_text(w->s, w->item, &p);
	strbuf_addf(&p, "\n\nTo %s it anyway, type the reason and press Enter: the override is "
		    "recorded as forced. Esc cancels.", skip ? "skip" : "mark");
	open_text_dialog(w, FOR_FORCE, "Locked by a rule of the checklist", strbuf_str(&p));
	w->dlg.skip = skip;
	snprintf(w->dlg.branch, sizeof(w->dlg.branch), "%s", branch ? branch : "");
	strbuf_release(&p);
}

/* A per-host step is marked host by host, in its list (Enter). */
static bool per_host_refused(struct wizard *w, const struct session_item *it)
{
	if (!it->nhosts)
		return false;
	wizard_message(w, true, "%s is done host by host (%zu of %zu resolved): Enter lists the "
		       "hosts.", it->id, it->hosts_done + it->hosts_skipped, it->nhosts);
	return true;
}

void main_done(struct wizard *w)
{
	const struct session_item *it = &w->s->items[w->item];
	struct mark_request req = { 0 };
	long b;

	if (per_host_refused(w, it))
		return;
	if (it->drift == DRIFT_REMOVED) {
		wizard_message(w, true, "%s is no longer in the content.", it->id);
		return;
	}
	if (it->state != ITEM_PENDING) {
		wizard_message(w, true, "%s is already %s by %s at %s; u undoes it.", it->id,
			       it->state == ITEM_DONE ? "done" : "skipped", it->last.operator_name,
			       it->last.time);
		return;
	}
	if (it->step && it->step->nbranches && !it->branch) {
		struct dialog *d = &w->dlg;
		d->kind = DIALOG_CHOICE;
		d->purpose = FOR_BRANCH;
		d->nchoices = it->step->nbranches < 8 ? it->step->nbranches : 8;
		d->sel = 0;
		for (size_t k = 0; k < d->nchoices; k++)
			snprintf(d->choice[k], sizeof(d->choice[k]), "%s (%s)",
				 it->step->branches[k].title, it->step->branches[k].id);
		snprintf(d->title, sizeof(d->title), "Which alternative was taken?");
		strbuf_reset(&d->prompt);
		strbuf_adds(&d->prompt, it->step->text);
		return;
	}
	if (session_blocker(w->s, w->item, &b) != BLOCK_NONE) {
		main_ask_force(w, false, NULL);
		return;
	}
	req.item = it->id;
	req.action = MARK_DONE;
	wizard_mark(w, &req);
}

static void do_undo(struct wizard *w)
{
	const struct session_item *it = &w->s->items[w->item];
	struct mark_request req = { 0 };

	if (per_host_refused(w, it))
		return;
	if (it->state == ITEM_PENDING) {
		wizard_message(w, true, "Nothing to undo: %s is pending.", it->id);
		return;
	}
	req.item = it->id;
	req.action = MARK_UNDO;
	wizard_mark(w, &req);
}

void main_key(struct wizard *w, int key)
{
	struct layout l;
	size_t a, b;
	int page;
	enum action act = keys_action(key);
	const struct session_item *it;

	layout_compute(LINES, COLS, &l);
	if (!w->s->nitems) {
		if (act == ACT_QUIT)
			w->quit = true;
		return;
	}
	hop_range(w->s, w->hop, &a, &b);
	if (w->screen == SCREEN_MAIN)
		w->item = shown_item(w); /* back from a step's hosts: the step */
	it = &w->s->items[w->item];
	page = (w->focus == PANE_TEXT ? l.detail.h : l.list.h) - 2;
	if (page < 1)
		page = 1;
	/* a message lasts until the next key, then the key hints are back */
	w->msg[0] = '\0';
	w->msg_error = false;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN: {
		int d = act == ACT_UP ? -1 : act == ACT_DOWN ? 1 : act == ACT_PAGE_UP ? -page : page;
		if (w->focus == PANE_HOPS) {
			long h = (long)w->hop + (d < 0 ? -1 : 1) * (abs(d) > 1 ? 5 : 1);
			select_hop(w, h < 0 ? 0 : (size_t)h >= w->s->plan.nhops ? w->s->plan.nhops - 1
										: (size_t)h);
		} else if (w->focus == PANE_TEXT) {
			w->text_top += d;
		} else {
			size_t vis[512], nv = visible_rows(w->s, w->hop, vis, 512), sel = shown_item(w);
			long pos = 0;
			for (size_t k = 0; k < nv; k++)
				if (vis[k] == sel)
					pos = (long)k;
			pos += d;
			if (pos >= (long)nv)
				pos = (long)nv - 1;
			if (pos < 0)
				pos = 0;
			if (nv)
				select_item(w, vis[pos]);
		}
		break;
	}
	case ACT_FIRST:
		if (w->focus == PANE_HOPS)
			select_hop(w, 0);
		else if (w->focus == PANE_TEXT)
			w->text_top = 0;
		else
			select_item(w, a); /* a hop starts with a note or a step, never a host */
		break;
	case ACT_LAST:
		if (w->focus == PANE_HOPS)
			select_hop(w, w->s->plan.nhops - 1);
		else if (w->focus == PANE_TEXT)
			w->text_top = 1 << 20;
		else {
			size_t vis[512], nv = visible_rows(w->s, w->hop, vis, 512);
			if (nv)
				select_item(w, vis[nv - 1]);
		}
		break;
	case ACT_NEXT_PANE: /* round and round */
		w->focus = w->focus == PANE_HOPS  ? PANE_LIST
			   : w->focus == PANE_LIST ? PANE_TEXT
			   : l.show_hops	   ? PANE_HOPS
						   : PANE_LIST;
		break;
	case ACT_PREV_PANE:
		w->focus = w->focus == PANE_TEXT  ? PANE_LIST
			   : w->focus == PANE_HOPS ? PANE_TEXT
			   : l.show_hops	   ? PANE_HOPS
						   : PANE_TEXT;
		break;
	case ACT_RIGHT:
		w->focus = w->focus == PANE_HOPS ? PANE_LIST : PANE_TEXT;
		break;
	case ACT_LEFT:
		w->focus = w->focus == PANE_TEXT ? PANE_LIST : l.show_hops ? PANE_HOPS : PANE_LIST;
		break;
	case ACT_DONE:
		main_done(w);
		break;
	case ACT_SKIP:
		if (per_host_refused(w, it)) {
		} else if (it->state != ITEM_PENDING) {
			wizard_message(w, true, "%s is not pending; u undoes it first.", it->id);
		} else {
			long bl;
			struct strbuf p = STRBUF_INIT;
			strbuf_addf(&p, "Why is %s skipped? The reason is recorded.", it->id);
			if (session_blocker(w->s, w->item, &bl) != BLOCK_NONE) {
				strbuf_adds(&p, "\n\n");
				session_block_text(w->s, w->item, &p);
				strbuf_adds(&p, "\nSkipping it now overrides that rule and is recorded as "
					    "forced.");
			}
			open_text_dialog(w, FOR_SKIP, "Skip", strbuf_str(&p));
			strbuf_release(&p);
		}
		break;
	case ACT_NOTE: {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "A note on %s (it changes nothing else):", it->id);
		open_text_dialog(w, FOR_NOTE, "Note", strbuf_str(&p));
		strbuf_release(&p);
		break;
	}
	case ACT_UNDO:
		do_undo(w);
		break;
	case ACT_DETAIL:
		w->back = SCREEN_MAIN;
		if (w->s->items[shown_item(w)].nhosts) {
			hosts_open(w, shown_item(w));
			break;
		}
		w->screen = SCREEN_DETAIL;
		w->detail_top = 0;
		break;
	case ACT_NEXT_PENDING:
		for (size_t k = 1; k <= w->s->nitems; k++) {
			size_t i = (w->item + k) % w->s->nitems;
			if (w->s->items[i].state == ITEM_PENDING &&
			    w->s->items[i].drift != DRIFT_REMOVED) {
				select_item(w, i);
				break;
			}
		}
		break;
	case ACT_EXPORT: {
		static const char *const formats[] = {
			"Markdown, for a change ticket (md)", "HTML, one page that prints well (html)",
			"JSON, for tools (json)", "plain text, for e-mail (text)",
		};
		struct dialog *d = &w->dlg;
		d->kind = DIALOG_CHOICE;
		d->purpose = FOR_EXPORT_FORMAT;
		d->nchoices = 4;
		d->sel = 0;
		for (size_t k = 0; k < 4; k++)
			snprintf(d->choice[k], sizeof(d->choice[k]), "%s", formats[k]);
		snprintf(d->title, sizeof(d->title), "Export a report");
		strbuf_reset(&d->prompt);
		strbuf_addf(&d->prompt, "The record of session %lld as it stands: every item with "
			    "who did it and when, totals, durations and the timeline. Which format?",
			    (long long)w->s->info.id);
		break;
	}
	case ACT_SESSIONS:
		wizard_picker(w);
		break;
	case ACT_NEW:
		w->back = SCREEN_MAIN;
		w->back_session = w->s->info.id;
		wizard_picker(w);
		w->screen = SCREEN_FORM;
		break;
	case ACT_HELP:
		w->back = SCREEN_MAIN;
		w->screen = SCREEN_HELP;
		w->help_top = 0;
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_QUIT:
		w->quit = true;
		break;
	default:
		break;
	}
}

/* The status bar of a scrolling screen: the keys, and whether there is more below. */
static void draw_scroll_bar(const char *keys, int top, int rows, size_t n)
{
	char bar[256];

	if (n > (size_t)rows)
		snprintf(bar, sizeof(bar), " %s  (lines %d-%d of %zu%s)", keys, top + 1,
			 top + rows, n, (size_t)(top + rows) < n ? ", more below" : "");
	else
		snprintf(bar, sizeof(bar), " %s", keys);
	draw_fill(LINES - 1, 0, COLS, term_attr_of(TA_STATUS));
	draw_text(LINES - 1, 0, COLS, term_attr_of(TA_STATUS), bar, false);
}

/* ---- detail: the item and its history ---------------------------------- */

struct history {
	struct lines *L;
	int width;
};

static bool history_line(void *ctx, const struct journal_event *e)
{
	struct history *h = ctx;
	const char *verb = event_action_past(e->action);
	struct journal_event copy = *e;
	event_line(h->L, h->width, 2, verb, &copy, e->forced ? term_attr_of(TA_FORCED) : A_NORMAL);
	return true;
}

void detail_draw(struct wizard *w)
{
	struct lines L = { 0 };
	struct history h = { &L, COLS - 2 };
	const struct session_item *it = &w->s->items[w->item];
	struct strbuf title = STRBUF_INIT;
	int rows = LINES - 2;

	strbuf_addf(&title, " %s: detail and history", it->id);
	draw_fill(0, 0, COLS, term_attr_of(TA_TITLE));
	draw_text(0, 0, COLS, term_attr_of(TA_TITLE), strbuf_str(&title), false);
	item_text(w, w->item, COLS - 2, &L);
	lines_blank(&L);
	lines_add(&L, term_attr_of(TA_HEADING), "History, newest first", 21);
	if (journal_events(w->journal, w->s->info.id, it->id, true, 500, history_line, &h) != ST_OK)
		lines_wrap(&L, term_attr_of(TA_ERROR), "", journal_error(w->journal), 0, COLS - 2);
	else if (L.n && !strcmp(L.v[L.n - 1].text, "History, newest first"))
		lines_add(&L, term_attr_of(TA_DIM), "  nothing recorded yet", 23);
	if (w->detail_top > (int)L.n - rows)
		w->detail_top = (int)L.n - rows;
	if (w->detail_top < 0)
		w->detail_top = 0;
	for (int k = 0; k < rows && (size_t)(w->detail_top + k) < L.n; k++)
		draw_text(1 + k, 1, COLS - 2, L.v[w->detail_top + k].attr,
			  L.v[w->detail_top + k].text, false);
	draw_scroll_bar("Up/Down scroll  Esc, q or Enter: back", w->detail_top, rows, L.n);
	lines_free(&L);
	strbuf_release(&title);
}

void detail_key(struct wizard *w, int key)
{
	enum action act = keys_action(key);

	if (key == 27 || act == ACT_QUIT || act == ACT_DETAIL) {
		w->screen = SCREEN_MAIN;
		return;
	}
	switch (act) {
	case ACT_UP: w->detail_top--; break;
	case ACT_DOWN: w->detail_top++; break;
	case ACT_PAGE_UP: w->detail_top -= LINES - 3; break;
	case ACT_PAGE_DOWN: w->detail_top += LINES - 3; break;
	case ACT_FIRST: w->detail_top = 0; break;
	case ACT_LAST: w->detail_top = 1 << 20; break;
	case ACT_HELP:
		w->back = SCREEN_DETAIL;
		w->screen = SCREEN_HELP;
		break;
	default: break;
	}
}

/* ---- help -------------------------------------------------------------- */

void help_draw(struct wizard *w)
{
	struct lines L = { 0 };
	char line[256];
	int rows = LINES - 2;

	draw_fill(0, 0, COLS, term_attr_of(TA_TITLE));
	draw_text(0, 0, COLS, term_attr_of(TA_TITLE), " mesos-upgrade: keys", false);
	for (const struct keybinding *b = keys_table; b->names; b++) {
		snprintf(line, sizeof(line), "%-9s ", b->names);
		lines_wrap(&L, A_NORMAL, line, b->help, 10, COLS - 2);
	}
	lines_blank(&L);
	lines_wrap(&L, A_BOLD, "", "The rules", 0, COLS - 2);
	lines_wrap(&L, A_NORMAL, "- ", "Hops are done in order; a hop's notes (its incompatible "
		   "changes) are acknowledged before its steps; steps are done in order unless the "
		   "hop says any order.", 2, COLS - 2);
	lines_wrap(&L, A_NORMAL, "- ", "A locked item can still be done or skipped: the wizard "
		   "asks for the reason and records the override as forced.", 2, COLS - 2);
	lines_wrap(&L, A_NORMAL, "- ", "Every check-off is on disk before it is shown; another "
		   "operator's check-offs ('mesos-upgrade mark') appear within a second.", 2,
		   COLS - 2);
	if (w->help_top > (int)L.n - rows)
		w->help_top = (int)L.n - rows;
	if (w->help_top < 0)
		w->help_top = 0;
	for (int k = 0; k < rows && (size_t)(w->help_top + k) < L.n; k++)
		draw_text(1 + k, 1, COLS - 2, L.v[w->help_top + k].attr, L.v[w->help_top + k].text,
			  false);
	draw_scroll_bar("Up/Down scroll  Esc, q or ?: back", w->help_top, rows, L.n);
	lines_free(&L);
}

void help_key(struct wizard *w, int key)
{
	enum action act = keys_action(key);

	if (act == ACT_DOWN)
		w->help_top++;
	else if (act == ACT_UP)
		w->help_top--;
	else if (act == ACT_PAGE_DOWN)
		w->help_top += LINES - 3;
	else if (act == ACT_PAGE_UP)
		w->help_top -= LINES - 3;
	else if (act == ACT_FIRST)
		w->help_top = 0;
	else if (act == ACT_LAST)
		w->help_top = 1 << 20;
	else if (key == 27 || act == ACT_QUIT || act == ACT_HELP || act == ACT_DETAIL)
		w->screen = w->back == SCREEN_HELP ? SCREEN_MAIN : w->back;
}
