/*
 * test_huge_map.c - large memory in huge pages (include/huge_map.h): its
 * length rounded to whole huge pages, the mapping 2 MiB aligned, zeroed,
 * writable, advised (VmFlags "hg" in /proc/self/smaps, where the kernel
 * has the advice), and gone once unmapped; the whole huge pages inside a
 * malloc()'d block advised, the block still free()'s; an arena's large
 * one-off in such a mapping of its own, zeroed, the small allocations
 * around it unharmed, unmapped by arena_release(); one short of a huge
 * page not in one. huge_heap(), in a process of its own: the heap grown
 * 64 MiB at once, what malloc() gives from it past its first 2 MiB
 * boundary advised, not given back when freed, and once only, also once
 * a large block was freed at its top; under a limit of address space
 * short of 1 GiB, the heap left as it was.
 */
#define _GNU_SOURCE /* mincore() */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "arena.h"
#include "helpers.h"
#include "huge_map.h"
#include "smaps.h"

/* Whether the page at @p is mapped (mincore() says ENOMEM of one that is not). */
static bool mapped(const void *p)
{
	unsigned char vec;
	uintptr_t page = (uintptr_t)p & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1);

	return mincore((void *)page, 1, &vec) == 0 || errno != ENOMEM;
}

static void test_len(void **state)
{
	(void)state;
	assert_int_equal(huge_map_len(0), 0);
	assert_int_equal(huge_map_len(1), 4096);
	assert_int_equal(huge_map_len(HUGE_MAP_PAGE), HUGE_MAP_PAGE);
	assert_int_equal(huge_map_len(HUGE_MAP_PAGE + 1), HUGE_MAP_PAGE + 4096);
	assert_int_equal(huge_map_len(SIZE_MAX), 0);
	assert_int_equal(huge_map_len(SIZE_MAX - HUGE_MAP_PAGE), 0);
}

static void test_map(void **state)
{
	size_t len = huge_map_len((5 << 20) + 100);
	unsigned char *p;

	(void)state;
	assert_null(huge_map(0));
	assert_int_equal(len, (5 << 20) + 4096);
	p = huge_map(len);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % HUGE_MAP_PAGE, 0);
	for (size_t i = 0; i < len; i += 4096)
		assert_int_equal(p[i], 0);
	assert_int_equal(p[len - 1], 0);
	memset(p, 0xa5, len);
	assert_int_equal(p[len - 1], 0xa5);
	if (smaps_thp_advisable() && smaps_advised(p) >= 0)
		assert_int_equal(smaps_advised(p), 1);
	huge_unmap(p, len);
	assert_false(mapped(p));
	assert_false(mapped(p + len - 1));
	huge_unmap(NULL, 0); /* nothing */
}

/* A malloc()'d block: its whole huge pages advised, the block free()'s still. */
static void test_advise(void **state)
{
	size_t len = (size_t)6 << 20;
	unsigned char *p = malloc(len);
	uintptr_t first = ((uintptr_t)p + HUGE_MAP_PAGE - 1) & ~(uintptr_t)(HUGE_MAP_PAGE - 1);

	(void)state;
	assert_non_null(p);
	huge_advise(p, len);
	if (smaps_thp_advisable() && smaps_advised((void *)first) >= 0)
		assert_int_equal(smaps_advised((void *)first), 1);
	memset(p, 1, len);
	assert_int_equal(p[len - 1], 1);
	free(p);
	huge_advise(NULL, 0);
	huge_advise(&len, sizeof(len)); /* no whole huge page inside: nothing */
}

/*
 * An arena's large one-off: zeroed, writable, in a 2 MiB aligned mapping of
 * its own; the small allocations before and after it go on in their block;
 * arena_release() unmaps it.
 */
static void test_arena_one_off(void **state)
{
	struct arena a = ARENA_INIT;
	char *small, *big, *big2, *after, *middling;
	size_t len = (size_t)3 << 20;

	(void)state;
	small = arena_strdup(&a, "before");
	/* a one-off short of a huge page: malloc()'s, never a mapping of 2 MiB */
	middling = arena_alloc(&a, 100 * 1024);
	assert_non_null(middling);
	if (smaps_thp_advisable() && smaps_advised(middling) >= 0)
		assert_int_equal(smaps_advised(middling), 0);
	big = arena_alloc(&a, len);
	after = arena_strdup(&a, "after");
	big2 = arena_alloc(&a, 2 * len);
	assert_non_null(small);
	assert_non_null(big);
	assert_non_null(after);
	assert_non_null(big2);
	/* the block's header, then the memory: in the mapping's first page */
	assert_true((uintptr_t)big % HUGE_MAP_PAGE < 4096);
	assert_true((uintptr_t)big2 % HUGE_MAP_PAGE < 4096);
	for (size_t i = 0; i < len; i += 4096)
		assert_int_equal(big[i], 0);
	assert_int_equal(big2[2 * len - 1], 0);
	memset(big, 'x', len);
	memset(big2, 'y', 2 * len);
	assert_string_equal(small, "before");
	assert_string_equal(after, "after");
	/* the two small ones in one block: the one-offs stayed off the top */
	assert_true(after > small && after - small < 4096);
	arena_release(&a);
	assert_false(mapped(big));
	assert_false(mapped(big2 + 2 * len - 1));
	assert_null(a.head);
}

/*
 * huge_heap() in this process: 0 when it did what it says, 2 when malloc()
 * takes nothing from the heap here (a sanitizer's), else 1, said on stderr.
 */
static int heap_child(void *arg)
{
	char *was = sbrk(0), *grown, *p[64];
	size_t n = 0;

	(void)arg;
	if (!smaps_heap_malloc())
		return 2;
	huge_heap();
	grown = sbrk(0);
	if ((size_t)(grown - was) < ((size_t)64 << 20)) {
		fprintf(stderr, "the heap grew %zu bytes, not 64 MiB\n", (size_t)(grown - was));
		return 1;
	}
	/* blocks from the heap (under malloc()'s 128 KiB), 6 MB of them: past a 2 MiB boundary */
	for (n = 0; n < sizeof(p) / sizeof(*p); n++)
		if (!(p[n] = malloc(96 * 1024)) || (memset(p[n], 1, 96 * 1024), false)) {
			fprintf(stderr, "malloc() failed\n");
			return 1;
		}
	if ((char *)p[n - 1] < was || (char *)p[n - 1] >= grown) {
		fprintf(stderr, "a block of 96 KiB not from the heap\n");
		return 1;
	}
	if (smaps_thp_advisable() && smaps_advised(p[n - 1]) == 0) {
		fprintf(stderr, "the heap at %p not advised into huge pages\n", p[n - 1]);
		return 1;
	}
	while (n)
		free(p[--n]);
	if (sbrk(0) != grown) {
		fprintf(stderr, "the heap given back once freed\n");
		return 1;
	}
	huge_heap(); /* again: nothing, once a process */
	if (sbrk(0) != grown) {
		fprintf(stderr, "the heap grew again on a second call\n");
		return 1;
	}
	return 0;
}

/*
 * huge_heap() once a block of 3 MiB was freed at the heap's top (malloc()'s
 * threshold risen past it by a block of 4 MiB freed first): 0 when the heap
 * grew and has huge pages all the same, 2 as heap_child(), else 1.
 */
static int freed_top_child(void *arg)
{
	char *was, *p;

	(void)arg;
	if (!smaps_heap_malloc())
		return 2;
	free(malloc((size_t)4 << 20)); /* (mapped, and the threshold rises) */
	if (!(p = malloc((size_t)3 << 20)))
		return 1;
	memset(p, 1, (size_t)3 << 20);
	free(p);
	was = sbrk(0);
	huge_heap();
	if ((char *)sbrk(0) - was < ((ptrdiff_t)64 << 20)) {
		fprintf(stderr, "the heap grew %td bytes, not 64 MiB\n", (char *)sbrk(0) - was);
		return 1;
	}
	if (smaps_thp_advisable() && smaps_advised(NULL) == 0) {
		fprintf(stderr, "the heap not advised into huge pages\n");
		return 1;
	}
	return 0;
}

/*
 * huge_heap() under a limit of address space of 768 MiB: 0 when the heap
 * stayed as it was and malloc() still gives, 2 as heap_child(), else 1.
 */
static int limited_child(void *arg)
{
	struct rlimit r = { (rlim_t)768 << 20, (rlim_t)768 << 20 };
	char *was = sbrk(0), *p;

	(void)arg;
	if (!smaps_heap_malloc())
		return 2;
	if (setrlimit(RLIMIT_AS, &r) != 0) {
		fprintf(stderr, "setrlimit: %s\n", strerror(errno));
		return 1;
	}
	huge_heap();
	if ((char *)sbrk(0) - was >= ((ptrdiff_t)64 << 20)) {
		fprintf(stderr, "the heap grew 64 MiB under the limit\n");
		return 1;
	}
	p = malloc(96 * 1024);
	return p ? 0 : 1;
}

static void test_heap_limited(void **state)
{
	int said;

	(void)state;
	if ((said = child_exit(limited_child, NULL)) == 2)
		skip(); /* malloc() here is a sanitizer's: no heap to grow */
	assert_int_equal(said, 0);
}

static void test_heap(void **state)
{
	int said, freed;

	(void)state;
	said = child_exit(heap_child, NULL);
	freed = child_exit(freed_top_child, NULL);
	if (said == 2 || freed == 2)
		skip(); /* malloc() here is a sanitizer's: no heap to grow */
	assert_int_equal(said, 0);
	assert_int_equal(freed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_len),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_advise),
		cmocka_unit_test(test_arena_one_off),
		cmocka_unit_test(test_heap),
		cmocka_unit_test(test_heap_limited),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
