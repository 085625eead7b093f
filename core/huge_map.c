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
#define HEAP_TRIES 4
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
	void *taken[HEAP_TRIES];
	char *was, *now = NULL; /* the heap's end before and after it grew */
	int n = 0;

	if (__atomic_exchange_n(&done, true, __ATOMIC_ACQ_REL))
		return; /* once a process */
	if (!room_under(RLIMIT_AS) || !room_under(RLIMIT_DATA))
		return;

	/*
	 * the heap grows HEAP_PAD at a time, and is never given back short of
	 * twice that: the heap grown again after it shrank would be memory the
	 * advice does not cover
	 */
	if (!mallopt(M_TOP_PAD, (int)HEAP_PAD) || !mallopt(M_TRIM_THRESHOLD, (int)(2 * HEAP_PAD)))
		return;
	/* blocks from the heap until it grows (malloc() elsewhere than the heap: never) */
	was = sbrk(0);
	while (n < HEAP_TRIES && (taken[n] = malloc(HEAP_BLOCK)) && (now = sbrk(0)) == was)
		n++;
	if (n < HEAP_TRIES && taken[n])
		n++;
	if (was != (char *)-1 && now && now != (char *)-1 && now > was &&
	    (size_t)(now - was) > HEAP_PAD)
		huge_advise(was, (size_t)(now - was));
	while (n)
		free(taken[--n]);
}
