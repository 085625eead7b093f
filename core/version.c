#include <stdio.h>

#include "version.h"

/* One decimal part: no sign, no leading zero, at most 4 digits. */
static const char *part(const char *s, int *out)
{
	int n = 0, digits = 0;

	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return NULL;
	while (*s >= '0' && *s <= '9') {
		if (++digits > 4)
			return NULL;
		n = n * 10 + (*s - '0');
		s++;
	}
	if (!digits)
		return NULL;
	*out = n;
	return s;
}

static bool parse(const char *s, struct version *v, bool series_only)
{
	struct version r = { 0 };

	if (!s)
		return false;
	s = part(s, &r.major);
	if (!s || *s++ != '.')
		return false;
	s = part(s, &r.minor);
	if (!s)
		return false;
	r.kind = VERSION_SERIES;
	if (*s == '.' && !series_only) {
		s++;
		if ((*s == 'x' || *s == 'X') && s[1] == '\0') {
			r.kind = VERSION_ANY;
			s++;
		} else {
			s = part(s, &r.patch);
			if (!s)
				return false;
			r.kind = VERSION_RELEASE;
		}
	}
	if (*s)
		return false;
	*v = r;
	return true;
}

bool version_parse(const char *s, struct version *v)
{
	return parse(s, v, false);
}

bool version_parse_series(const char *s, struct version *v)
{
	return parse(s, v, true);
}

int version_series_cmp(const struct version *a, const struct version *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	return 0;
}

int version_cmp(const struct version *a, const struct version *b)
{
	int c = version_series_cmp(a, b);
	bool ra = a->kind == VERSION_RELEASE, rb = b->kind == VERSION_RELEASE;

	if (c)
		return c;
	if (ra != rb)
		return ra ? 1 : -1;
	if (ra && a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}

void version_series_str(const struct version *v, char *buf, size_t size)
{
	snprintf(buf, size, "%d.%d", v->major, v->minor);
}

void version_str(const struct version *v, char *buf, size_t size)
{
	switch (v->kind) {
	case VERSION_SERIES: snprintf(buf, size, "%d.%d", v->major, v->minor); break;
	case VERSION_RELEASE: snprintf(buf, size, "%d.%d.%d", v->major, v->minor, v->patch); break;
	case VERSION_ANY: snprintf(buf, size, "%d.%d.x", v->major, v->minor); break;
	}
}
