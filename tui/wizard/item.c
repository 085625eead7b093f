/*
 * item.c - how an item is written (its box, its text, its history lines),
 * shared by the checklist, the hosts list and the detail.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "document.h"
#include "draw.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

const char *item_box(const struct session_item *it)
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

unsigned item_attr(const struct session *s, size_t i)
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
	return session_blocker(s, i, &b) == SESSION_BLOCK_NONE ? term_attr_of(TA_PENDING)
						       : term_attr_of(TA_LOCKED);
}

void item_event_line(struct lines *L, int width, size_t indent, const char *verb,
		     const struct journal_event *e, unsigned attr)
{
	struct strbuf sb = STRBUF_INIT;
	char pre[16], when[TIMEFMT_LEN];

	/* a line of its own starts with a capital: "Acknowledged by ..." */
	if (indent == 0 && *verb >= 'a' && *verb <= 'z')
		strbuf_addf(&sb, "%c%s by ", *verb - 'a' + 'A', verb + 1);
	else
		strbuf_addf(&sb, "%s by ", verb);
	text_add_plain(&sb, e->operator_name, 0);
	strbuf_addc(&sb, '@');
	text_add_plain(&sb, e->host, 0);
	time_local(e->time, when, sizeof(when));
	strbuf_addf(&sb, " at %s%s", when,
		    e->forced ? " (FORCED: a rule of the checklist was overridden)" : "");
	if (*e->text) {
		strbuf_adds(&sb, ": ");
		strbuf_adds(&sb, e->text);
	}
	snprintf(pre, sizeof(pre), "%*s", (int)indent, "");
	lines_wrap(L, attr, pre, strbuf_str(&sb), indent + 2, width);
	strbuf_release(&sb);
}

/* The points @l, each the project's marked as its advice, indented by @pre. */
static void points_text(const struct content_strings *l, const char *pre, int width,
			struct lines *L)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t k = 0; k < l->count; k++) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, l->items[k]);
		if (l->tool && l->tool[k])
			strbuf_adds(&sb, " (" CONTENT_TOOL_WORDS ")");
		lines_wrap(L, A_NORMAL, pre, strbuf_str(&sb), strlen(pre), width);
	}
	strbuf_release(&sb);
}

/* What the note or step says besides its text (tool advice, when, since, category), dim. */
static void tags_text(const struct content_note *n, const struct content_step *st, int width,
		      struct lines *L)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addc(&sb, '(');
	document_item_tags(n, st, &sb);
	strbuf_addc(&sb, ')');
	if (sb.len > 2)
		lines_wrap(L, term_attr_of(TA_DIM), "", strbuf_str(&sb), 1, width);
	strbuf_release(&sb);
}

/* The host of a host's item, and what the probe saw of it. */
static void host_text(const struct wizard *w, size_t i, int width, struct lines *L)
{
	const struct session_item *it = &w->s->items[i];
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "On host ");
	text_add_plain(&sb, it->host, 0);
	strbuf_adds(&sb, it->leader ? " (the leading master: last)" : "");
	lines_wrap(L, A_BOLD, "", strbuf_str(&sb), 0, width);
	wizard_live_text(w, i, width, L);
	strbuf_release(&sb);
}

/* A per-host step's or note's hosts: how many are resolved, and how to mark them. */
static void hosts_count_text(const struct session_item *it, int width, struct lines *L)
{
	struct strbuf sb = STRBUF_INIT;
	enum role role;

	if (!it->nhosts || !content_per_host(it->note, it->step, &role))
		return;
	strbuf_addf(&sb, "On each %s: %zu done, %zu skipped, %zu pending of %zu. Enter "
		    "lists them to mark one by one or a range.", content_role_name(role),
		    it->hosts_done, it->hosts_skipped,
		    it->nhosts - it->hosts_done - it->hosts_skipped, it->nhosts);
	lines_blank(L);
	lines_wrap(L, A_BOLD, "", strbuf_str(&sb), 0, width);
	strbuf_release(&sb);
}

static void note_text(const struct wizard *w, size_t i, int width, struct lines *L)
{
	const struct session_item *it = &w->s->items[i];
	const struct content_note *n = it->note;
	const struct content_hop *hop = &w->s->plan.hops[it->hop];
	struct strbuf sb = STRBUF_INIT;
	char aud[128];

	content_audience_names(n->audience, aud, sizeof(aud));
	lines_wrap(L, A_BOLD, "", n->title, 0, width);
	strbuf_addf(&sb, "Incompatible change in %s -> %s, for: %s", hop->from, hop->to, aud);
	lines_wrap(L, term_attr_of(TA_DIM), "", strbuf_str(&sb), 0, width);
	tags_text(n, NULL, width, L);
	if (it->host)
		host_text(w, i, width, L);
	lines_blank(L);
	lines_wrap(L, A_NORMAL, "", n->text, 0, width);
	points_text(&n->points, "  - ", width, L);
	if (n->code) {
		const char *p = n->code;
		lines_blank(L);
		while (*p) {
			size_t len = strcspn(p, "\n");
			strbuf_reset(&sb);
			strbuf_adds(&sb, "    ");
			strbuf_add(&sb, p, len);
			lines_add(L, term_attr_of(TA_HEADING) & ~A_UNDERLINE, strbuf_str(&sb), sb.len);
			p += len + (p[len] == '\n');
		}
	}
	if (n->warning) {
		lines_blank(L);
		lines_wrap(L, term_attr_of(TA_WARNING), "WARNING: ", n->warning, 2, width);
	}
	hosts_count_text(it, width, L);
	strbuf_release(&sb);
}

static void branches_text(const struct session_item *it, int width, struct lines *L)
{
	const struct content_step *st = it->step;
	struct strbuf sb = STRBUF_INIT;

	lines_blank(L);
	lines_wrap(L, A_BOLD, "", it->branch ? "Alternatives (the one taken is marked):"
					     : "Choose one (Space asks which):", 0, width);
	for (size_t k = 0; k < st->nbranches; k++) {
		const struct content_branch *b = &st->branches[k];
		bool chosen = it->branch && !strcmp(it->branch, b->id);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %zu. ", chosen ? "(*)" : "( )", k + 1);
		lines_wrap(L, chosen ? A_BOLD : A_NORMAL, strbuf_str(&sb), b->title, 9, width);
		if (b->origin == ORIGIN_TOOL)
			lines_wrap(L, term_attr_of(TA_DIM), "        ", "(" CONTENT_TOOL_WORDS ")", 8,
				   width);
		points_text(&b->points, "        - ", width, L);
	}
	strbuf_release(&sb);
}

static void step_text(const struct wizard *w, size_t i, int width, struct lines *L)
{
	struct strbuf sb = STRBUF_INIT;
	const struct session_item *it = &w->s->items[i];
	const struct content_hop *hop = &w->s->plan.hops[it->hop];
	const struct content_step *st = it->step;

	strbuf_addf(&sb, "Step %zu of %zu (%s) in %s -> %s%s", session_step_number(w->s, i),
		    hop->nsteps, content_role_name(st->role), hop->from, hop->to,
		    hop->ordered ? "" : ", any order");
	lines_wrap(L, term_attr_of(TA_DIM), "", strbuf_str(&sb), 0, width);
	tags_text(NULL, st, width, L);
	lines_blank(L);
	lines_wrap(L, A_BOLD, "", st->text, 0, width);
	if (it->host)
		host_text(w, i, width, L);
	if (st->detail)
		lines_wrap(L, A_NORMAL, "", st->detail, 0, width);
	points_text(&st->points, "  - ", width, L);
	if (st->flags.count) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, "Flags:");
		for (size_t k = 0; k < st->flags.count; k++)
			strbuf_addf(&sb, " %s", st->flags.items[k]);
		lines_wrap(L, A_BOLD, "", strbuf_str(&sb), 2, width);
	}
	for (size_t k = 0; k < st->nlanguages; k++) {
		strbuf_reset(&sb);
		text_add_plain(&sb, st->languages[k].language, 0);
		strbuf_adds(&sb, ": ");
		lines_wrap(L, A_NORMAL, strbuf_str(&sb), st->languages[k].text, 2, width);
	}
	if (st->nbranches)
		branches_text(it, width, L);
	if (st->warning) {
		lines_blank(L);
		lines_wrap(L, term_attr_of(TA_WARNING), "WARNING: ", st->warning, 2, width);
	}
	hosts_count_text(it, width, L);
	strbuf_release(&sb);
}

/*
 * What a pending item takes, by the keys of the list it is in: beside that
 * list (@own_screen false), or on a screen of its own, from which Esc goes
 * back to the list.
 */
static const char *pending_text(const struct session_item *it, bool own_screen)
{
	if (own_screen)
		return it->nhosts ? "Pending. In the list (Esc): Enter lists its hosts to mark them."
		       : it->kind == ITEM_NOTE ? "Pending. In the list (Esc): Space acknowledges it."
					       : "Pending. In the list (Esc): Space marks it done, s skips.";
	return it->nhosts ? "Pending: Enter lists its hosts to mark them."
	       : it->kind == ITEM_NOTE ? "Pending: read it, then Space acknowledges."
				       : "Pending: Space marks it done, s skips.";
}

/* Where the item stands: drift, its state and who set it, or why it is locked. */
static void state_text(const struct wizard *w, size_t i, int width, bool own_screen,
		       struct lines *L)
{
	const struct session_item *it = &w->s->items[i];
	unsigned warn = term_attr_of(TA_WARNING);
	struct strbuf sb = STRBUF_INIT;

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
		item_event_line(L, width, 0, it->has_last ? event_action_past(it->last.action) : "",
				&it->last, item_attr(w->s, i));
	} else {
		session_block_text(w->s, i, &sb);
		if (sb.len)
			lines_wrap(L, term_attr_of(TA_LOCKED), "Locked: ", strbuf_str(&sb), 2, width);
		else
			lines_wrap(L, term_attr_of(TA_PENDING), "", pending_text(it, own_screen), 0,
				   width);
		if (it->has_last)
			item_event_line(L, width, 0, "Undone", &it->last, term_attr_of(TA_DIM));
	}
	if (it->has_note && (!it->has_last || it->note_event.id > it->last.id))
		item_event_line(L, width, 0, "Note", &it->note_event, A_NORMAL);
	strbuf_release(&sb);
}

void item_text(const struct wizard *w, size_t i, int width, bool own_screen, struct lines *L)
{
	const struct session_item *it = &w->s->items[i];

	if (it->note)
		note_text(w, i, width, L);
	else if (it->step)
		step_text(w, i, width, L);
	state_text(w, i, width, own_screen, L);
}
