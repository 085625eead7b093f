/*
 * pager.c - a screen of text that scrolls (see screen.h): the help, the
 * message log and an item's detail are each a title, lines of text and a
 * line of key hints; the scrolling, the drawing and the keys are here.
 *
 * The lines are built again from the wizard's state for every draw and
 * every key (they depend on the width, and a reload may change them), so
 * nothing here goes stale.
 */
#include <stdlib.h>

#include <curses.h>

#include "draw.h"
#include "list.h"
#include "term.h"
#include "wizard.h"

/* The rows of text: the screen but its title and status bars. */
static int text_rows(void)
{
	return LINES - 2;
}

struct pager *pager_new(size_t size, const struct pager_kind *kind)
{
	struct pager *p = (struct pager *)screen_new(size, &kind->ops);

	if (!p)
		return NULL;
	p->kind = kind;
	p->at_end = kind->at_end;
	list_init(&p->list, false);
	return p;
}

/* The list over @L as it stands: on its last page until a key is read (the log, opened). */
static struct list scrolled(const struct pager *p, const struct lines *L)
{
	struct list l = p->list;

	list_set_count(&l, L->n);
	if (p->at_end)
		l.top = list_first(&(struct list){ L->n, 0, L->n, false }, text_rows());
	return l;
}

void pager_draw(const struct screen *sc, const struct wizard *w)
{
	const struct pager *p = (const struct pager *)sc;
	struct strbuf title = STRBUF_INIT;
	struct lines L = { 0 };
	struct rect body = { 1, 0, text_rows(), COLS };
	struct list l;

	if (p->kind->title_of)
		p->kind->title_of(p, w, &title);
	else
		strbuf_adds(&title, p->kind->title);
	wizard_title_bar(w, strbuf_str(&title));
	p->kind->build(p, w, COLS - 2, &L);
	l = scrolled(p, &L);
	list_draw_lines(&l, &body, &L);
	if (p->kind->hints_alone) {
		draw_fill(LINES - 1, 0, COLS, term_attr_of(TA_STATUS));
		draw_text(LINES - 1, 0, COLS, term_attr_of(TA_STATUS), p->kind->hints, false);
	} else {
		wizard_status_bar(w, "", p->kind->hints);
	}
	lines_free(&L);
	strbuf_release(&title);
}

struct result pager_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct pager *p = (struct pager *)sc;
	struct lines L = { 0 };
	bool moved;

	(void)key;
	p->kind->build(p, w, COLS - 2, &L);
	p->list = scrolled(p, &L);
	p->at_end = false; /* a key read here: the view stays where it is now */
	lines_free(&L);
	moved = list_key(&p->list, a, text_rows());
	return moved ? RESULT(R_STAY) : a == ACT_BACK ? RESULT(R_POP) : RESULT(R_UNKNOWN);
}
