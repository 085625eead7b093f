/*
 * json_mem.c - a bump allocator for jansson (see include/json_mem.h).
 *
 * Measured (perf, a 5.5 MB /master/slaves of 10,000 agents): over a third
 * of the parse was malloc and free of jansson's half a million small
 * objects and hash tables, and their freeing again at json_decref(); hence
 * the bump allocator. Measured again (getrusage, the 7.2 MB answer of a
 * 0.28 master): fresh chunks for every parse were 22,000 page faults and a
 * quarter of its processor time in the kernel; hence the chunks kept.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_mem.h"

/* jansson's values hold pointers, sizes, long long and double: no more */
#define ALIGN 8u
_Static_assert(_Alignof(long long) <= ALIGN && _Alignof(double) <= ALIGN &&
	       _Alignof(void *) <= ALIGN && _Alignof(size_t) <= ALIGN, "jansson's alignment");

struct json_mem_chunk {
	struct json_mem_chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

enum { FIRST = 256u << 10, LARGEST = 16u << 20 };

static __thread struct json_mem *active;
/* the thread's chunks kept from its last parse, oldest first; freed at its end */
static pthread_key_t spare_key;

static void chunks_free(struct json_mem_chunk *c)
{
	while (c) {
		struct json_mem_chunk *next = c->next;
		free(c);
		c = next;
	}
}

static void spare_destroy(void *spare)
{
	chunks_free(spare);
}

/* A chunk of at least @size: the first kept one large enough, else a new one. */
static struct json_mem_chunk *chunk_get(size_t size)
{
	struct json_mem_chunk *head = pthread_getspecific(spare_key), **pp = &head, *c;

	while (*pp && (*pp)->size < size)
		pp = &(*pp)->next;
	if ((c = *pp)) {
		*pp = c->next;
		pthread_setspecific(spare_key, head);
	} else if ((c = malloc(sizeof(*c) + size))) {
		c->size = size;
	}
	return c;
}

static void *mem_malloc(size_t n)
{
	struct json_mem *m = active;
	struct json_mem_chunk *c;

	if (!m)
		return malloc(n);
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	c = m->chunks;
	if (!c || c->size - c->used < n) {
		if (!(c = chunk_get(m->next_size > n ? m->next_size : n)))
			return NULL;
		c->next = m->chunks;
		c->used = 0;
		m->chunks = c;
		if (m->next_size < LARGEST)
			m->next_size *= 2;
	}
	c->used += n;
	return c->data + c->used - n;
}

/* Whether @p was carved from @m's chunks. */
static bool in_mem(const struct json_mem *m, const void *p)
{
	for (const struct json_mem_chunk *c = m->chunks; c; c = c->next)
		if ((uintptr_t)p >= (uintptr_t)c->data && (uintptr_t)p < (uintptr_t)c->data + c->size)
			return true;
	return false;
}

static void mem_free(void *p)
{
	if (p && !(active && in_mem(active, p)))
		free(p);
}

static void setup(void)
{
	pthread_key_create(&spare_key, spare_destroy);
	json_set_alloc_funcs(mem_malloc, mem_free);
}

void json_mem_begin(struct json_mem *m)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, setup);
	*m = (struct json_mem){ NULL, FIRST };
	active = m;
}

void json_mem_end(struct json_mem *m, bool wipe)
{
	struct json_mem_chunk *keep = NULL;

	active = NULL;
	/* what this parse did not take of the last one's is not needed */
	chunks_free(pthread_getspecific(spare_key));
	pthread_setspecific(spare_key, NULL);
	while (m->chunks) {
		struct json_mem_chunk *c = m->chunks;
		m->chunks = c->next;
		if (wipe) {
			explicit_bzero(c->data, c->used);
			free(c);
		} else {
			/* reversed: oldest (smallest) first, the order the next parse asks */
			c->next = keep;
			keep = c;
		}
	}
	if (pthread_setspecific(spare_key, keep) != 0)
		chunks_free(keep);
}
