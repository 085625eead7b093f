#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK_SIZE (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *b = a->head;
	size_t need;

	if (size > SIZE_MAX - align - sizeof(*b))
		return NULL;
	need = (size + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < need) {
		size_t bsize = need > BLOCK_SIZE ? need : BLOCK_SIZE;
		b = calloc(1, sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		if (a->head && need > BLOCK_SIZE) {
			/* a big one-off: keep the current block on top for small ones */
			b->next = a->head->next;
			a->head->next = b;
			b->used = need;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
	}
	b->used += need;
	return b->data + b->used - need;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (p && len)
		memcpy(p, s, len);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : first;
	if (ncap < n + 1 || ncap > SIZE_MAX / size)
		return NULL;
	p = arena_alloc(a, ncap * size);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, v, n * size);
	*cap = ncap;
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
