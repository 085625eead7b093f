/*
 * hosts_private.h - what the hosts list's two files share (screen_hosts.c:
 * the list, its drawing and keys; hosts_range.c: a range of hosts marked,
 * skipped or undone at once). Nothing else includes it.
 */
#ifndef MU_HOSTS_PRIVATE_H
#define MU_HOSTS_PRIVATE_H

#include "list.h"
#include "wizard.h"

enum filter { F_ALL, F_PENDING, F_DONE, F_SKIPPED, F_COUNT };

struct hosts_screen {
	struct item_owner base;
	size_t step;
	size_t *shown;          /* the hosts shown, as item indices */
	struct list list;
	enum filter filter;
	char search[64];
	long anchor;            /* the first host of a range (an item index), -1 when none */
	/* the hosts a range just marked done or skipped: u as the next key undoes them all */
	char **marked;
	size_t nmarked;
	size_t item;            /* the host the operator put the cursor on (an item) */
	/* the live columns, measured at each reload over every host of the step */
	bool live;              /* the session was probed: a line about it, and the columns */
	int name_w, live_w;     /* the widest name (with "(leader, last)"), live version */
	size_t mismatches;      /* hosts done that still run an older version */
	struct session_pace pace;  /* hosts a minute, time left: measured at each reload */
};

#define HS(sc) ((struct hosts_screen *)(sc))
#define CHS(sc) ((const struct hosts_screen *)(sc))

/* The range as positions in the list shown, lo <= hi; -1 when there is none. */
void hosts_range_of(const struct hosts_screen *h, long *lo, long *hi);
/* m: start a range on the host under the cursor, or drop the one there is. */
struct result hosts_range_toggle(struct hosts_screen *h, struct wizard *w);
/* A new search or filter ends a range (the hosts it named may be hidden now). */
void hosts_range_drop(struct hosts_screen *h, struct wizard *w);
/* Space with a range: "mark N hosts done?" first, then all at once. */
struct result hosts_range_confirm(struct hosts_screen *h, struct wizard *w);
/* s or u with a range: one reason asked, then all at once. */
struct result hosts_range_ask(struct hosts_screen *h, enum mark_action action);
/*
 * The range marked done or skipped last, which u as the very next key
 * undoes at once (one event per host, in one transaction).
 */
bool hosts_range_marked(const struct hosts_screen *h);
struct result hosts_range_undo_marked(struct hosts_screen *h, struct wizard *w);
/* Forget it: another key came first. */
void hosts_range_forget(struct hosts_screen *h);

#endif
