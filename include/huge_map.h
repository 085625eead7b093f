/*
 * huge_map.h - large memory mapped 2 MiB aligned and advised into
 * transparent huge pages (MADV_HUGEPAGE), where the kernel has them in its
 * "madvise" mode (elsewhere 4 KiB pages, as malloc() would give): memory
 * first touched 2 MiB at a time, not 4 KiB. On the 2-core machine of
 * make bench, a page fault costs 10 to 25 us, and touching 32 MB of fresh
 * memory took 115 to 131 ms a page at a time, 2.4 to 66 ms in huge pages.
 * What json_mem.c's large chunks and an arena's large one-offs are made of,
 * and (huge_heap()) the heap of a process that reads a large session.
 */
#ifndef MU_HUGE_MAP_H
#define MU_HUGE_MAP_H

#include <stddef.h>

/* A huge page's size, and the least worth a mapping of its own. */
#define HUGE_MAP_PAGE ((size_t)2 << 20)

/* @size rounded up to whole small pages: what huge_map() maps; 0 when it cannot be. */
size_t huge_map_len(size_t size);
/*
 * Zeroed memory of @len bytes (huge_map_len()'s), 2 MiB aligned, its whole
 * huge pages advised (its tail past them in small pages: a block of 2.1 MB
 * is not made resident 4 MB at a time); NULL when it cannot be mapped.
 */
void *huge_map(size_t len);
void huge_unmap(void *p, size_t len);
/*
 * The whole huge pages inside @p (@len bytes, not yet touched: malloc()'s
 * fresh mapping of a large block) advised into huge pages, for memory that
 * must stay free()'s to free. A block of 6 MB gets 4 MB of them or more.
 */
void huge_advise(void *p, size_t len);
/*
 * The heap made to grow 64 MiB at a time (mallopt()), the first of that
 * growth, made here, advised into huge pages: what a process mallocs from
 * then on, up to 64 MiB, first touched 2 MiB at a time. Once a process
 * (again: nothing); what a large session's load calls (session_load.c).
 * Nothing where malloc() takes no memory from the heap (a sanitizer's), or
 * under a limit of address space or data (ulimit -v, -d) short of 1 GiB.
 */
void huge_heap(void);

#endif
