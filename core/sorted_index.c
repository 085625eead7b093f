/*
 * sorted_index.c - see sorted_index.h.
 */
#include <stdlib.h>
#include <string.h>

#include "sorted_index.h"

bool sorted_index_init(struct sorted_index *ix, size_t cap)
{
	ix->n = 0;
	ix->cap = cap;
	ix->v = malloc((cap + 1) * sizeof(*ix->v));
	return ix->v != NULL;
}

void sorted_index_add(struct sorted_index *ix, const char *key, size_t pos)
{
	if (ix->n < ix->cap)
		ix->v[ix->n++] = (struct sorted_index_entry){ key, pos };
}

static int entry_cmp(const void *a, const void *b)
{
	const struct sorted_index_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

void sorted_index_sort(struct sorted_index *ix)
{
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), entry_cmp);
}

long sorted_index_find(const struct sorted_index *ix, const char *key)
{
	size_t lo = 0, hi = ix->n;

	/* the first entry not below @key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !strcmp(ix->v[lo].key, key) ? (long)ix->v[lo].pos : -1;
}

void sorted_index_release(struct sorted_index *ix)
{
	free(ix->v);
	*ix = (struct sorted_index)SORTED_INDEX_INIT;
}
