/*
 * id_table.h - a session's items by id, hashed: a report looks up the item
 * of every event it reads (report.c). Sorting 100,000 ids for a
 * sorted_index, then halving for each of 50,000 events, was 6% of the
 * report of workload B.
 */
#ifndef MU_ID_TABLE_H
#define MU_ID_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

struct id_table {
	const struct session *s;
	long *slot;                 /* index into s->items, -1 empty; mask + 1 slots */
	size_t mask;
};

/* Every item of @s, the first of an id where two have it; false when out of memory. */
bool id_table_init(struct id_table *t, const struct session *s);
/* The index of item @id in t->s's items, -1 when it has none. */
long id_table_find(const struct id_table *t, const char *id);
/* What @t holds, freed (a zeroed table holds nothing). */
void id_table_release(struct id_table *t);

#endif
