/*
 * timefmt.h - journal times (ISO 8601 UTC) as an operator reads them.
 *
 * Local time with its zone ("23:00 CET"), and the date before it when the
 * day is not today ("2026-01-30 23:00 CET"); "today" is the local day of
 * clock_now(), so MESOS_UPGRADE_NOW fixes it for tests (and TZ the zone).
 */
#ifndef MU_TIMEFMT_H
#define MU_TIMEFMT_H

#include <stddef.h>

#define TIMEFMT_LEN 40

/* @iso as local time into @out (@size >= TIMEFMT_LEN); @iso itself when it does not parse. */
void time_local(const char *iso, char *out, size_t size);

#endif
