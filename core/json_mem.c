/*
 * json_mem.c - a bump allocator for jansson (see include/json_mem.h).
 *
 * Measured (perf, a 5.5 MB /master/slaves of 10,000 agents): over a third
 * of the parse was malloc and free of jansson's half a million small
 * objects and hash tables, and their freeing again at json_decref(); hence
 * the bump allocator. Measured again (getrusage, the 7.2 MB answer of a
 * 0.28 master): fresh chunks for every parse were 22,000 page faults and a
 * quarter of its processor time in the kernel; hence the chunks kept, and
 * the large ones in huge pages: the first parse of a process, 19,600 page
 * faults and about 85 ms of system time, is 3,300 faults and about 35 ms.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "huge_map.h"
#include "json_mem.h"

/* jansson's values hold pointers, sizes, long long and double: no more */
#define ALIGN 8u
_Static_assert(_Alignof(long long) <= ALIGN && _Alignof(double) <= ALIGN &&
	       _Alignof(void *) <= ALIGN && _Alignof(size_t) <= ALIGN, "jansson's alignment");

struct json_mem_chunk {
	struct json_mem_chunk *next;
	size_t size, used;
	size_t mapped;  /* the length mapped, when it came from mmap() */
	_Alignas(ALIGN) unsigned char data[];
};

enum { FIRST = 256u << 10, LARGEST = 16u << 20 };

static __thread struct json_mem *active;
/* the thread's chunks kept from its last parse, oldest first; freed at its end */
static pthread_key_t spare_key;

/*
 * A chunk of at least @size from the kernel, in transparent huge pages where
 * the kernel allows them (huge_map.h): the tree of a large answer is then
 * faulted in 2 MB at a time, not 4 KB.
 */
static struct json_mem_chunk *chunk_map(size_t size)
{
	size_t len = huge_map_len(sizeof(struct json_mem_chunk) + size);
	struct json_mem_chunk *c = huge_map(len);

	if (!c)
		return NULL;
	c->size = len - sizeof(*c);
	c->mapped = len;
	return c;
}

static void chunk_free(struct json_mem_chunk *c)
{
	if (c->mapped)
		huge_unmap(c, c->mapped);
	else
		free(c);
}

static void chunks_free(struct json_mem_chunk *c)
{
	while (c) {
		struct json_mem_chunk *next = c->next;
		chunk_free(c);
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
	} else if (size >= HUGE_MAP_PAGE) {
		c = chunk_map(size);
	} else if ((c = malloc(sizeof(*c) + size))) {
		c->size = size;
		c->mapped = 0;
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
		/* chunks of next_size bytes in all: whole huge pages once that large */
		size_t want = m->next_size - sizeof(*c);
		if (!(c = chunk_get(want > n ? want : n)))
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
			chunk_free(c);
		} else {
			/* reversed: oldest (smallest) first, the order the next parse asks */
			c->next = keep;
			keep = c;
		}
	}
	if (pthread_setspecific(spare_key, keep) != 0)
		chunks_free(keep);
}
