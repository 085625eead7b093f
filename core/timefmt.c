/*
 * timefmt.c - journal times as local time (see timefmt.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "timefmt.h"

void time_local(const char *iso, char *out, size_t size)
{
	time_t t, now = clock_now();
	struct tm tm, today;
	size_t n;

	if (!size)
		return;
	if (!clock_parse_iso(iso, &t) || !localtime_r(&t, &tm) || !localtime_r(&now, &today)) {
		snprintf(out, size, "%s", iso);
		return;
	}
	/* %Z: the zone's abbreviation, which says summer time too ("CEST") */
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		n = strftime(out, size, "%H:%M %Z", &tm);
	else
		n = strftime(out, size, "%Y-%m-%d %H:%M %Z", &tm);
	if (!n)
		snprintf(out, size, "%s", iso);
}
