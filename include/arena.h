/*
 * arena.h - a bump allocator for data freed all at once.
 *
 * The content model and the YAML tree it is built from are many small
 * strings and structs with one lifetime; an arena makes freeing them one
 * call and keeps allocation off the load time. arena_alloc()'s memory is
 * zeroed; a string's copy is its bytes and its NUL.
 */
#ifndef MU_ARENA_H
#define MU_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { 0 }

/* Zeroed memory for @size bytes, aligned for any type; NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* A NUL-terminated copy of @len bytes of @s; NULL when out of memory. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/*
 * Room for one more element in the array @v of @n elements of @size bytes:
 * @v itself while @n < *cap, else a copy twice as large (at least @first
 * elements), *cap updated. The old array stays in the arena until it is
 * released. NULL when out of memory (@v is then unchanged).
 */
void *arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first);
void arena_release(struct arena *a);

#endif
