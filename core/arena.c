#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "huge_map.h"

#define BLOCK_SIZE (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	size_t mapped;      /* a large one-off's mapping (huge_map()), else 0: malloc()'s */
	alignas(max_align_t) unsigned char data[];
};

/*
 * A block of @need bytes made zeroed for a large one-off: from 2 MiB on, in
 * huge pages (huge_map.h). Opening the list of a finished hop's 50,000
 * agents (workload B) gives their states and their items 14 and 16 MB in
 * one piece each: session_load_view() of that hop, in a process of its own,
 * took 172 to 302 ms in 4 KiB pages (11,514 page faults), 82 to 157 ms with
 * these blocks in huge ones (2,175).
 */
static struct arena_block *big_block(size_t need)
{
	size_t len = huge_map_len(sizeof(struct arena_block) + need);
	struct arena_block *b;

	if (len >= HUGE_MAP_PAGE && (b = huge_map(len))) { /* (len 0: no mapping could hold it) */
		b->mapped = len;
		return b;
	}
	return calloc(1, sizeof(*b) + need); /* (its mapped 0) */
}

/*
 * Room for @size bytes, zeroed when @zero. A block is not cleared when it is
 * made, only what is given of it: the strings a report copies into its
 * batches' arenas cleared 64 KB blocks they then wrote over (calloc()'s
 * memset, 3% of B's JSON report's reading thread). A big one-off is
 * cleared whole (calloc(), whose fresh pages need no clearing).
 */
static void *take(struct arena *a, size_t size, bool zero)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *b = a->head;
	unsigned char *p;
	size_t need;

	if (size > SIZE_MAX - align - sizeof(*b))
		return NULL;
	need = (size + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < need) {
		if (need > BLOCK_SIZE) {
			if (!(b = big_block(need)))
				return NULL;
			b->size = b->used = need;
			if (a->head) {
				/* a big one-off: keep the current block on top for small ones */
				b->next = a->head->next;
				a->head->next = b;
			} else {
				a->head = b;
			}
			return b->data;
		}
		if (!(b = malloc(sizeof(*b) + BLOCK_SIZE)))
			return NULL;
		b->size = BLOCK_SIZE;
		b->used = 0;
		b->mapped = 0;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += need;
	if (zero)
		memset(p, 0, size);
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return take(a, size, true);
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = take(a, len + 1, false);

	if (p) {
		if (len)
			memcpy(p, s, len);
		p[len] = '\0';
	}
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
		if (b->mapped)
			huge_unmap(b, b->mapped);
		else
			free(b);
		b = next;
	}
	a->head = NULL;
}
