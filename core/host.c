/*
 * host.c - this host's name (see host.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

const char *host_name(void)
{
	static char host[256];
	const char *seam = getenv("MESOS_UPGRADE_HOST");

	if (seam && *seam) {
		/* a name longer than a host name can be is cut, as gethostname() would */
		strncpy(host, seam, sizeof(host) - 1);
	} else if (gethostname(host, sizeof(host) - 1) != 0 || !*host) {
		strcpy(host, "unknown");
	}
	host[sizeof(host) - 1] = '\0';
	return host;
}
