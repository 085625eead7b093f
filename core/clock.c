#include <stdio.h>
#include <string.h>

#include "clock.h"

static time_t fixed = -1;

void clock_fix(time_t t)
{
	fixed = t;
}

time_t clock_now(void)
{
	return fixed >= 0 ? fixed : time(NULL);
}

void clock_iso(time_t t, char *buf)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900) {
		memcpy(buf, "0000-00-00T00:00:00Z", CLOCK_ISO_LEN + 1);
		return;
	}
	if (strftime(buf, CLOCK_ISO_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm) != CLOCK_ISO_LEN)
		memcpy(buf, "0000-00-00T00:00:00Z", CLOCK_ISO_LEN + 1);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's method). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

bool clock_parse_iso(const char *s, time_t *t)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	int v[6] = { 0 }, k = 0;
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (strlen(s) != CLOCK_ISO_LEN)
		return false;
	for (int i = 0; i < CLOCK_ISO_LEN; i++) {
		if (shape[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return false;
			v[k] = v[k] * 10 + (s[i] - '0');
		} else {
			if (s[i] != shape[i])
				return false;
			k++;
		}
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || (unsigned)v[2] > mdays[v[1] - 1] ||
	    v[3] > 23 || v[4] > 59 || v[5] > 59)
		return false;
	if (v[1] == 2 && v[2] == 29 && !((v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0))
		return false;
	*t = (time_t)(days_from_civil(v[0], (unsigned)v[1], (unsigned)v[2]) * 86400L +
		      v[3] * 3600L + v[4] * 60L + v[5]);
	return true;
}
