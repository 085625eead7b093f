/*
 * host.h - the name of this host, as events record it, with a seam for tests.
 *
 * MESOS_UPGRADE_HOST, when set and not empty, replaces gethostname(): screen
 * tests and demonstrations then show the same host on every machine (as
 * MESOS_UPGRADE_NOW fixes the clock).
 */
#ifndef MU_HOST_H
#define MU_HOST_H

/* This host's name, or "unknown"; a static buffer, valid until the next call. */
const char *host_name(void);

#endif
