/*
 * version.h - Mesos version strings as the operator types them.
 *
 * Accepted: "0.22" (a minor series), "0.22.1" (a release) and "0.22.x" (any
 * release of the series). Each part is decimal without leading zeros, at most
 * four digits. Nothing else: no "v" prefix, no spaces, no suffixes.
 */
#ifndef MU_VERSION_H
#define MU_VERSION_H

#include <stdbool.h>
#include <stddef.h>

enum version_kind {
	VERSION_SERIES,  /* "0.22" */
	VERSION_RELEASE, /* "0.22.1" */
	VERSION_ANY      /* "0.22.x" */
};

struct version {
	int major;
	int minor;
	int patch;       /* meaningful for VERSION_RELEASE only */
	enum version_kind kind;
};

/* Parse @s; false when it is not a version of the accepted forms. */
bool version_parse(const char *s, struct version *v);
/* Parse a minor series "MAJOR.MINOR" only (the form content uses). */
bool version_parse_series(const char *s, struct version *v);
/* Compare the minor series only: <0, 0, >0. */
int version_series_cmp(const struct version *a, const struct version *b);
/* Full comparison; a series or "x" sorts before every release of it. */
int version_cmp(const struct version *a, const struct version *b);
/* Write "MAJOR.MINOR" into @buf. */
void version_series_str(const struct version *v, char *buf, size_t size);
/* Write the version as it would be typed into @buf. */
void version_str(const struct version *v, char *buf, size_t size);

#endif
