/*
 * huge_map.c - large memory in transparent huge pages (huge_map.h).
 */
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "huge_map.h"

/* The small pages a mapping is made of (Linux on x86-64 and arm64 alike: 4 KiB at least). */
#define SMALL_PAGE ((size_t)4096)

size_t huge_map_len(size_t size)
{
	if (!size || size > SIZE_MAX - 2 * HUGE_MAP_PAGE)
		return 0;
	return (size + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
}

/*
 * A huge page more than @len is mapped, and what lies outside the 2 MiB
 * aligned @len in it unmapped again: mmap() aligns to small pages only.
 */
void *huge_map(size_t len)
{
	char *p, *a;

	if (!len || len > SIZE_MAX - HUGE_MAP_PAGE)
		return NULL;
	p = mmap(NULL, len + HUGE_MAP_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	a = (char *)(((uintptr_t)p + HUGE_MAP_PAGE - 1) & ~(uintptr_t)(HUGE_MAP_PAGE - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + len < p + len + HUGE_MAP_PAGE)
		munmap(a + len, (size_t)(p + len + HUGE_MAP_PAGE - (a + len)));
	huge_advise(a, len);
	return a;
}

void huge_unmap(void *p, size_t len)
{
	if (p)
		munmap(p, len);
}

void huge_advise(void *p, size_t len)
{
	uintptr_t a = ((uintptr_t)p + HUGE_MAP_PAGE - 1) & ~(uintptr_t)(HUGE_MAP_PAGE - 1);
	uintptr_t end = ((uintptr_t)p + len) & ~(uintptr_t)(HUGE_MAP_PAGE - 1);

#ifdef MADV_HUGEPAGE
	/* refused (no transparent huge pages): small pages, as before */
	if (p && end > a)
		(void)madvise((void *)a, end - a, MADV_HUGEPAGE);
#else
	(void)a;
	(void)end;
#endif
}

/*
 * How far the heap grows at a time, its first growth advised: virtual
 * memory, resident only as it is touched, 2 MiB at a time.
 */
#define HEAP_PAD ((size_t)64 << 20)
/* A block malloc() takes from the heap, not a mapping of its own (under its 128 KiB). */
#define HEAP_BLOCK ((size_t)96 << 10)
/*
 * The least address space and data a process may have for its heap to grow
 * HEAP_PAD at a time: under a tighter limit (ulimit -v, -d), a growth of 64
 * MiB refused would be an allocation refused, where one of what is asked
 * would be given.
 */
#define HEAP_ROOM ((rlim_t)1 << 30)

/* Whether limit @which leaves the heap room to grow HEAP_PAD at a time. */
static bool room_under(int which)
{
	struct rlimit r;

	return getrlimit(which, &r) != 0 || r.rlim_cur == RLIM_INFINITY || r.rlim_cur >= HEAP_ROOM;
}

void huge_heap(void)
{
	static bool done;
	struct mallinfo2 mi;
	char *top, *end;
	void **taken = NULL, **p;

	if (__atomic_exchange_n(&done, true, __ATOMIC_ACQ_REL))
		return; /* once a process */
	if (!room_under(RLIMIT_AS) || !room_under(RLIMIT_DATA))
		return;
	/*
	 * the heap grows HEAP_PAD at a time, and is never given back short of
	 * twice that: the heap grown again after it shrank would be memory the
	 * advice does not cover. (Set, they also keep malloc()'s threshold for
	 * a mapping of its own where it is: it no longer rises with what is
	 * freed. Raised to 4 MiB here it made "status --format json" of B
	 * 2 MiB larger, no faster.)
	 */
	if (!mallopt(M_TOP_PAD, (int)HEAP_PAD) || !mallopt(M_TRIM_THRESHOLD, (int)(2 * HEAP_PAD)))
		return;
	/*
	 * blocks from the heap, each chained to the one before by its first
	 * word (only that page touched), until they are more than its free top
	 * and it grows; the free top and the growth advised
	 */
	mi = mallinfo2();
	top = sbrk(0);
	for (size_t n = mi.keepcost / HEAP_BLOCK + 2; n && sbrk(0) == top; n--) {
		if (!(p = malloc(HEAP_BLOCK)))
			break;
		*p = taken;
		taken = p;
	}
	end = sbrk(0);
	if (top != (char *)-1 && end != (char *)-1 && end >= top && (uintptr_t)top >= mi.keepcost)
		huge_advise(top - mi.keepcost, (size_t)(end - top) + mi.keepcost);
	while ((p = taken)) {
		taken = *p;
		free(p);
	}
}
