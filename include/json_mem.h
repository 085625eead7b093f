/*
 * json_mem.h - jansson's memory during a parse: a bump allocator of the
 * calling thread.
 *
 * Between json_mem_begin() and json_mem_end() every allocation jansson makes
 * on this thread is carved from large chunks, free() does nothing, and the
 * chunks go back at once when the document is dropped. Outside (and on
 * other threads) jansson gets malloc and free.
 *
 * The chunks of a thread's last parse are kept for its next one (freed when
 * the thread ends, or by the next, smaller, parse): a probe parses the
 * leader's state, then its /master/slaves, and the second would otherwise
 * fault in tens of megabytes the first has just given back. Chunks of 2 MB
 * and more come from mmap() in transparent huge pages where the kernel
 * allows them (madvise), so that the first parse faults them in 2 MB at a
 * time.
 */
#ifndef MU_JSON_MEM_H
#define MU_JSON_MEM_H

#include <stdbool.h>
#include <stddef.h>

struct json_mem_chunk;

struct json_mem {
	struct json_mem_chunk *chunks;  /* newest first */
	size_t next_size;
};

/* From now on jansson allocates from @m, on this thread; one at a time. */
void json_mem_begin(struct json_mem *m);
/*
 * Every jansson value made since json_mem_begin(@m) is gone. @wipe: the
 * memory may hold a secret; it is zeroed and freed, never kept.
 */
void json_mem_end(struct json_mem *m, bool wipe);

#endif
