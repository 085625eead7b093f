/*
 * screen_log.c - every message of this run, whole, newest last (the status
 * bar cuts a long one with "..."; here it is wrapped).
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "term.h"
#include "wizard.h"

static void build(const struct pager *p, const struct wizard *w, int width, struct lines *L)
{
	char pre[32];

	(void)p;
	if (!w->nlog)
		lines_add(L, term_attr_of(TA_DIM), "No message yet.", 15);
	for (size_t i = 0; i < w->nlog; i++) {
		snprintf(pre, sizeof(pre), "%s ", w->log[i].time);
		lines_wrap(L, w->log[i].error ? term_attr_of(TA_WARNING) : A_NORMAL, pre,
			   w->log[i].text, strlen(pre), width);
	}
}

/* the hints alone: the status bar's message is in the log already */
static const struct pager_kind log_kind = {
	.ops = { .keys = &keymap_log, .draw = pager_draw, .key = pager_key },
	.title = " mesos-upgrade: messages of this run", .build = build,
	.hints = " Up/Down scroll  Esc: back", .hints_alone = true, .at_end = true,
};

struct screen *log_screen_new(void)
{
	return (struct screen *)pager_new(sizeof(struct pager), &log_kind);
}
