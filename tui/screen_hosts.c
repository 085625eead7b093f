/*
 * screen_hosts.c - the hosts of a per-host step: counts, a filter by state,
 * a search by name, marking one host or a range of them.
 *
 * The hosts' items follow their step in the session's items; the list shown
 * is those of them the filter and the search let through. The selection is
 * w->item itself, so a reload (a check-off here or by another operator)
 * keeps it on the same host.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "keys.h"
#include "term.h"
#include "textutil.h"
#include "wizard.h"

static const char *const filter_names[] = { "all", "pending", "done", "skipped" };

static bool passes(const struct wizard *w, const struct session_item *it)
{
	switch (w->hosts_filter) {
	case 1: if (it->state != ITEM_PENDING) return false; break;
	case 2: if (it->state != ITEM_DONE) return false; break;
	case 3: if (it->state != ITEM_SKIPPED) return false; break;
	default: break;
	}
	return !w->hosts_search[0] || strstr(it->host, w->hosts_search);
}

/* The hosts shown, as item indices (malloc'd); *pos the selection's place in them. */
static size_t *shown(struct wizard *w, size_t *n, size_t *pos)
{
	const struct session_item *step = &w->s->items[w->hosts_step];
	size_t *v = malloc((step->nhosts + 1) * sizeof(*v)), k = 0;
	bool found = false;

	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = w->hosts_step + 1; i < w->s->nitems && w->s->items[i].host; i++) {
		if (!passes(w, &w->s->items[i]))
			continue;
		if (i == w->item) {
			*pos = k;
			found = true;
		}
		v[k++] = i;
	}
	*n = k;
	if (!found)
		*pos = w->hosts_pos < k ? w->hosts_pos : k ? k - 1 : 0;
	if (k)
		w->item = v[*pos];
	w->hosts_pos = *pos;
	return v;
}

void hosts_open(struct wizard *w, size_t step)
{
	w->hosts_step = step;
	w->hosts_pos = 0;
	w->hosts_top = 0;
	w->hosts_filter = w->s->items[step].state == ITEM_PENDING ? 1 : 0;
	w->hosts_search[0] = '\0';
	w->hosts_anchor = -1;
	w->item = step + 1;
	/* start on the first pending host */
	for (size_t i = step + 1; i < w->s->nitems && w->s->items[i].host; i++)
		if (w->s->items[i].state == ITEM_PENDING) {
			w->item = i;
			break;
		}
	w->screen = SCREEN_HOSTS;
}

void hosts_draw(struct wizard *w)
{
	const struct session_item *step = &w->s->items[w->hosts_step];
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, pos = 0, *v = shown(w, &n, &pos);
	int rows = LINES - 5;
	long lo = -1, hi = -1;

	if (!v)
		return;
	strbuf_addf(&sb, " %s: on each %s", step->id, role_name(step->step->role));
	draw_fill(0, 0, COLS, term_attr_of(TA_TITLE));
	draw_text(0, 0, COLS, term_attr_of(TA_TITLE), strbuf_str(&sb), false);
	strbuf_reset(&sb);
	strbuf_addf(&sb, " %zu done, %zu skipped, %zu pending of %zu  |  showing %s: %zu",
		    step->hosts_done, step->hosts_skipped,
		    step->nhosts - step->hosts_done - step->hosts_skipped, step->nhosts,
		    filter_names[w->hosts_filter], n);
	draw_text(1, 0, COLS, A_BOLD, strbuf_str(&sb), false);
	/* the search and the range on a line of their own: the counts line stays whole */
	strbuf_reset(&sb);
	if (w->hosts_search[0])
		strbuf_addf(&sb, " Names with '%s'", w->hosts_search);
	if (w->hosts_anchor >= 0)
		strbuf_addf(&sb, "%s Range from %s: Space marks it, m drops it",
			    sb.len ? "  |" : "", w->s->items[w->hosts_anchor].host);
	if (sb.len) {
		draw_text(2, 0, COLS, A_BOLD, strbuf_str(&sb), false);
	} else if (step->step->role == ROLE_MASTER) {
		bool leader = false;
		for (size_t i = w->hosts_step + 1; i < w->s->nitems && w->s->items[i].host; i++)
			leader |= w->s->items[i].leader;
		if (leader)
			draw_text(2, 0, COLS, term_attr_of(TA_DIM), " The leading master comes last: "
				  "one failover, onto a master already upgraded.", false);
	}
	if (w->hosts_anchor >= 0) {
		for (size_t k = 0; k < n; k++)
			if (v[k] == (size_t)w->hosts_anchor)
				lo = (long)k;
		hi = (long)pos;
		if (lo > hi) {
			long t = lo;
			lo = hi;
			hi = t;
		}
	}
	if (w->hosts_top > (int)n - rows)
		w->hosts_top = (int)n - rows; /* the list shrank: fill the screen */
	if (w->hosts_top < 0)
		w->hosts_top = 0;
	if ((int)pos < w->hosts_top)
		w->hosts_top = (int)pos;
	if ((int)pos >= w->hosts_top + rows)
		w->hosts_top = (int)pos - rows + 1;
	for (int r = 0; r < rows && (size_t)(w->hosts_top + r) < n; r++) {
		size_t k = (size_t)(w->hosts_top + r);
		const struct session_item *it = &w->s->items[v[k]];
		unsigned attr = it->forced ? term_attr_of(TA_FORCED)
				: it->state == ITEM_DONE ? term_attr_of(TA_DONE)
				: it->state == ITEM_SKIPPED ? term_attr_of(TA_SKIPPED)
							   : term_attr_of(TA_PENDING);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s ", lo >= 0 && (long)k >= lo && (long)k <= hi ? "*" : " ",
			    it->state == ITEM_DONE ? "[x]" : it->state == ITEM_SKIPPED ? "[-]" : "[ ]");
		text_add_plain(&sb, it->host, 0);
		if (it->leader)
			strbuf_adds(&sb, " (leader, last)");
		if (it->state != ITEM_PENDING && it->has_last) {
			strbuf_adds(&sb, "  ");
			text_add_plain(&sb, it->last.operator_name, 0);
			strbuf_addf(&sb, " %s%s", it->last.time, it->forced ? " FORCED" : "");
			if (*it->last.text) {
				strbuf_adds(&sb, ": ");
				text_add_plain(&sb, it->last.text, 0);
			}
		}
		draw_text(3 + r, 0, COLS, v[k] == w->item ? term_attr_of(TA_SELECTED) : attr,
			  strbuf_str(&sb), true);
	}
	if (!n)
		draw_text(3, 1, COLS - 2, A_NORMAL, "No host here: f changes the filter, / the search.",
			  false);
	else if (n > (size_t)rows) {
		/* a long list: where the screen is in it */
		strbuf_reset(&sb);
		strbuf_addf(&sb, " %d-%zu of %zu%s", w->hosts_top + 1,
			    (size_t)(w->hosts_top + rows) < n ? (size_t)(w->hosts_top + rows) : n, n,
			    (size_t)(w->hosts_top + rows) < n ? ", more below (PgDn, End)" : "");
		draw_text(LINES - 2, 0, COLS, term_attr_of(TA_DIM), strbuf_str(&sb), false);
	}
	draw_fill(LINES - 1, 0, COLS, term_attr_of(TA_STATUS));
	draw_text(LINES - 1, 0, COLS, w->msg_error ? term_attr_of(TA_ERROR) : term_attr_of(TA_STATUS),
		  w->msg[0] ? w->msg
			    : " Spc done  s skip  u undo  n note  m range  f filter  / search  Esc back",
		  false);
	strbuf_release(&sb);
	free(v);
}

/* Space with a range: every pending host from the anchor to the selection, at once. */
static void mark_range(struct wizard *w, size_t *v, size_t n, size_t pos)
{
	struct strbuf msg = STRBUF_INIT;
	const char **ids;
	size_t lo = pos, hi = pos, k = 0, recorded = 0;
	enum status st;

	for (size_t i = 0; i < n; i++)
		if (v[i] == (size_t)w->hosts_anchor)
			lo = i;
	if (lo > hi) {
		size_t t = lo;
		lo = hi;
		hi = t;
	}
	ids = calloc(hi - lo + 2, sizeof(*ids));
	if (!ids)
		return;
	for (size_t i = lo; i <= hi; i++)
		if (w->s->items[v[i]].state == ITEM_PENDING)
			ids[k++] = w->s->items[v[i]].id;
	st = session_mark_many(w->journal, w->content, w->s->info.id, ids, k, MARK_DONE, NULL,
			       &w->who, &recorded, NULL, &msg);
	if (st == ST_OK) {
		wizard_message(w, false, "%zu host%s marked done, at once.", recorded,
			       recorded == 1 ? "" : "s");
		w->hosts_anchor = -1;
		wizard_reload(w);
	} else {
		/* the reason is longer than the status bar: say it whole (the
		 * command line's advice aside: here a host is forced alone) */
		static const char cli_force[] = " (--force --note REASON overrides)";
		struct dialog *d = &w->dlg;
		bool locked = msg.len > strlen(cli_force) &&
			      !strcmp(msg.buf + msg.len - strlen(cli_force), cli_force);
		if (locked)
			msg.buf[msg.len -= strlen(cli_force)] = '\0';
		d->kind = DIALOG_MESSAGE;
		d->purpose = FOR_INFO;
		snprintf(d->title, sizeof(d->title), "Nothing recorded");
		strbuf_reset(&d->prompt);
		strbuf_addf(&d->prompt, "None of the %zu pending hosts of the range was marked:\n\n%s",
			    k, strbuf_str(&msg));
		if (locked)
			strbuf_adds(&d->prompt, "\n\nTo override the rule, mark a host alone (Space "
				    "without a range) and give the reason.");
		wizard_message(w, true, "Nothing recorded: %s", strbuf_str(&msg));
	}
	free(ids);
	strbuf_release(&msg);
}

void hosts_key(struct wizard *w, int key)
{
	enum action act = keys_action(key);
	size_t n = 0, pos = 0, *v;
	int page = LINES - 6 > 1 ? LINES - 6 : 1;

	w->msg[0] = '\0';
	w->msg_error = false;
	if (key == 27 || act == ACT_QUIT) {
		w->item = w->hosts_step;
		w->screen = SCREEN_MAIN;
		return;
	}
	if (key == 'f') {
		w->hosts_filter = (w->hosts_filter + 1) % 4;
		w->hosts_pos = 0;
		w->hosts_top = 0;
		return;
	}
	if (key == '/') {
		struct dialog *d = &w->dlg;
		d->kind = DIALOG_TEXT;
		d->purpose = FOR_SEARCH;
		snprintf(d->title, sizeof(d->title), "Search hosts");
		strbuf_reset(&d->prompt);
		strbuf_adds(&d->prompt, "Show the hosts whose name holds (empty: all):");
		strbuf_reset(&d->text);
		strbuf_adds(&d->text, w->hosts_search);
		return;
	}
	v = shown(w, &n, &pos);
	if (!v)
		return;
	switch (act) {
	case ACT_UP: pos = pos ? pos - 1 : 0; break;
	case ACT_DOWN: pos = pos + 1 < n ? pos + 1 : pos; break;
	case ACT_PAGE_UP: pos = pos > (size_t)page ? pos - (size_t)page : 0; break;
	case ACT_PAGE_DOWN: pos = pos + (size_t)page < n ? pos + (size_t)page : n ? n - 1 : 0; break;
	case ACT_FIRST: pos = 0; break;
	case ACT_LAST: pos = n ? n - 1 : 0; break;
	case ACT_HELP:
		w->back = SCREEN_HOSTS;
		w->screen = SCREEN_HELP;
		break;
	default: break;
	}
	if (n && pos < n) {
		w->item = v[pos];
		w->hosts_pos = pos;
	}
	if (!n) {
		free(v);
		return;
	}
	if (key == 'm') {
		w->hosts_anchor = w->hosts_anchor >= 0 ? -1 : (long)w->item;
		wizard_message(w, false, w->hosts_anchor >= 0
				 ? "Range from here: move, then Space marks every pending host in it."
				 : "Range dropped.");
	} else if (act == ACT_DONE && w->hosts_anchor >= 0) {
		mark_range(w, v, n, pos);
	} else if (act == ACT_DONE || act == ACT_SKIP || act == ACT_UNDO || act == ACT_NOTE) {
		main_key(w, key); /* the same as on the checklist, for this host */
		w->screen = SCREEN_HOSTS;
	}
	free(v);
}
