/*
 * sorted_index.h - strings to positions, sorted once, searched by halves.
 *
 * For the lookups of many items at once (a report's events, a batch of
 * check-offs): each entry carries its own key, so the sort needs no context
 * beside its two entries (no file-static pointer for qsort). Equal keys stay
 * in the order of their positions. The keys are the caller's and must
 * outlive the index.
 */
#ifndef MU_SORTED_INDEX_H
#define MU_SORTED_INDEX_H

#include <stdbool.h>
#include <stddef.h>

struct sorted_index_entry {
	const char *key;
	size_t pos;
};

struct sorted_index {
	struct sorted_index_entry *v;   /* owned */
	size_t n, cap;
};

#define SORTED_INDEX_INIT { NULL, 0, 0 }

/* Room for @cap entries; false when out of memory. */
bool sorted_index_init(struct sorted_index *ix, size_t cap);
/* Add (@key, @pos); the caller adds at most the @cap it asked for. */
void sorted_index_add(struct sorted_index *ix, const char *key, size_t pos);
void sorted_index_sort(struct sorted_index *ix);
/* The position of the first entry with @key, -1 when there is none. */
long sorted_index_find(const struct sorted_index *ix, const char *key);
void sorted_index_release(struct sorted_index *ix);

#endif
