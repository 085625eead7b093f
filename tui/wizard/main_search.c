/*
 * main_search.c - / on the main screen: the next item, of any hop, whose
 * title or id holds the text; a host's item the view has not read is asked
 * of the journal.
 */
#include <string.h>

#include "main_private.h"

/* Whether @a and @b are the same character, ASCII letters in either case. */
static bool same_char(char a, char b)
{
	char l = (char)(a | 0x20);

	return a == b || (l >= 'a' && l <= 'z' && l == (char)(b | 0x20));
}

/* Whether @hay holds @needle, ASCII letters in either case (as the journal's lower()). */
static bool holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t k = 0;
		while (k < n && hay[k] && same_char(hay[k], needle[k]))
			k++;
		if (k == n)
			return true;
	}
	return !n;
}

/* Whether @s ends with the @n bytes of @end, ASCII letters in either case. */
static bool ends_with(const char *s, const char *end, size_t n)
{
	size_t len = strlen(s);

	if (len < n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!same_char(s[len - n + k], end[k]))
			return false;
	return true;
}

/* What a search through the items asked of the journal so far. */
struct asked {
	int hosts_hold;     /* whether a host's name could be the text's: -1 not asked yet */
	enum status st;     /* the first of the journal's failures */
};

/* A search through the items. */
struct search {
	const struct main_screen *m;
	const struct wizard *w;
	struct asked *asked;
};

/*
 * Whether per-host step @it, whose hosts' items the wizard's view has not
 * read (another hop's agents: session_load_view()), has one whose id holds
 * @text (after item @after, when not NULL): asked of the journal; its id in
 * @found (may be NULL).
 *
 * Hosts' names are letters, digits, '.', '-', '_' and ':', and a step's id
 * has no '@': a text without '@' that STEP does not hold is in STEP@HOST
 * only as a part of HOST, and a text LEFT@RIGHT only as STEP's end and
 * HOST's start. When no host of the inventory has a name holding the text
 * (or RIGHT), asked once a search, no step is asked: each is a scan of its
 * hosts' items, and A's 65 steps of 10,003 took 280 ms.
 */
static bool unread_host_has(const struct search *q, const struct session_item *it,
			    const char *text, const char *after, char found[512])
{
	struct arena a = ARENA_INIT;
	const char *id = NULL, *at = strchr(text, '@');
	enum status st = ST_OK;

	if (it->nloaded >= it->nhosts || holds(it->id, text) ||
	    (at && !ends_with(it->id, text, (size_t)(at - text))))
		return false;
	if (q->asked->hosts_hold < 0) {
		bool any = true;
		st = journal_hosts_holding(q->w->journal, q->w->s->info.id, at ? at + 1 : text, &any);
		q->asked->hosts_hold = any || st != ST_OK;
	}
	if (q->asked->hosts_hold && st == ST_OK)
		st = journal_host_item_holding(q->w->journal, q->w->s->info.id, it->id, text, after,
					       &a, &id);
	if (st != ST_OK && q->asked->st == ST_OK)
		q->asked->st = st;
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
	const struct search *q = ctx;
	const struct session *s = q->w->s;
	const struct session_item *it = &s->items[i];
	const char *t = it->note ? it->note->title : it->step ? it->step->text : "";

	if (q->asked->st != ST_OK)
		return true; /* stopped: the journal failed */
	if (it->host)
		return holds(it->id, q->m->search) && it->parent >= 0 &&
		       !holds(s->items[it->parent].id, q->m->search);
	return holds(t, q->m->search) || holds(it->id, q->m->search) ||
	       unread_host_has(q, it, q->m->search, NULL, NULL);
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

/* A search the journal failed: said, nothing selected. */
static struct result search_failed(struct wizard *w, enum status st)
{
	wizard_message(w, true, "Cannot search the hosts' items: %s",
		       st == ST_NOMEM ? "out of memory" : journal_error(w->journal));
	return RESULT(R_STAY);
}

static struct result searched(struct wizard *w, const struct dialog_args *a, const char *text,
			      size_t choice)
{
	struct main_screen *m = MS(a->owner);
	struct asked asked = { -1, ST_OK };
	struct search q = { m, w, &asked };
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
	    unread_host_has(&q, &w->s->items[i], m->search, m->found, m->found)) {
		/* the next host of the step found last, which the view has not read */
		wizard_message(w, false, "Found '%s': %s (/ Enter finds the next).", m->search,
			       m->found);
		return RESULT(R_STAY);
	}
	list_init(&all, true);
	list_set_count(&all, w->s->nitems);
	if (asked.st == ST_OK)
		i = list_find(&all, (size_t)search_from(m, w->s) % w->s->nitems, title_has, &q);
	if (asked.st != ST_OK)
		return search_failed(w, asked.st);
	if (i < 0) {
		wizard_message(w, true, "No item holds '%s'.", m->search);
		return RESULT(R_STAY);
	}
	main_select_item(m, w, (size_t)i);
	snprintf(m->found, sizeof(m->found), "%s", w->s->items[i].id);
	{
		/* found by a host's item the view has not read: named as if it had */
		const struct session_item *it = &w->s->items[i];
		const char *t = it->note ? it->note->title : it->step ? it->step->text : "";
		if (!holds(t, m->search))
			unread_host_has(&q, it, m->search, NULL, m->found);
	}
	if (asked.st != ST_OK)
		return search_failed(w, asked.st);
	m->focus = PANE_LIST;
	wizard_message(w, false, "Found '%s': %s (/ Enter finds the next).", m->search, m->found);
	return RESULT(R_STAY);
}

/* (main_private.h) */
struct result main_search(struct main_screen *m)
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
