/*
 * clock.h - the time events are recorded at, with a seam for tests.
 *
 * Times are UTC, ISO 8601 to the second: "2026-11-26T23:45:09Z". Tests fix
 * the clock with clock_fix() (the command line honours MESOS_UPGRADE_NOW).
 */
#ifndef MU_CLOCK_H
#define MU_CLOCK_H

#include <stdbool.h>
#include <time.h>

#define CLOCK_ISO_LEN 20  /* "YYYY-MM-DDTHH:MM:SSZ" */

/* From now on clock_now() returns @t; clock_fix(-1) restores the real clock. */
void clock_fix(time_t t);
time_t clock_now(void);
/* @t as ISO 8601 UTC into @buf (at least CLOCK_ISO_LEN + 1 bytes). */
void clock_iso(time_t t, char *buf);
/* Parse "YYYY-MM-DDTHH:MM:SSZ"; false when it is not exactly that. */
bool clock_parse_iso(const char *s, time_t *t);

#endif
