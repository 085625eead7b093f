/*
 * smaps.h - what /proc/self/smaps says of this process's mappings: whether
 * one is advised into transparent huge pages (VmFlags "hg"), and whether
 * the kernel takes that advice; and whether malloc() gives from the heap at
 * all. For test_huge_map.c and test_hop_read.c.
 */
#ifndef MU_TEST_SMAPS_H
#define MU_TEST_SMAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * Whether the mapping that holds @p (@p NULL: any of the heap's, "[heap]")
 * is advised into huge pages: 1, 0, or -1 where /proc/self/smaps says
 * nothing of it (no such file, no VmFlags).
 */
static inline int smaps_advised(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	int said = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, ' ') &&
		    line[strcspn(line, " ") - 1] != ':') {
			in = p ? (uintptr_t)p >= lo && (uintptr_t)p < hi : strstr(line, "[heap]") != NULL;
			continue;
		}
		if (in && !strncmp(line, "VmFlags:", 8)) {
			bool hg = strstr(line, " hg") != NULL;
			said = said == 1 || hg;
			if (p)
				break;
		}
	}
	fclose(f);
	return said;
}

/* Whether the kernel takes the advice: transparent huge pages "always" or "madvise". */
static inline bool smaps_thp_advisable(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128] = "";

	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	return strstr(line, "[always]") || strstr(line, "[madvise]");
}

/* Whether malloc() gives a small block from the heap, below its end (glibc's; not a sanitizer's). */
static inline bool smaps_heap_malloc(void)
{
	uintptr_t end = (uintptr_t)sbrk(0);
	char *small = malloc(16);
	uintptr_t at = (uintptr_t)small; /* (compared as a number: the block is freed first) */

	free(small);
	return at && at < end && at >= end - ((uintptr_t)256 << 20);
}

#endif
