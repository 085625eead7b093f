/*
 * host.c - the name of the host events are recorded from.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"
#include "textutil.h"

#define HOST_MAX 255

/* Whether @name may be recorded as a host: shown to other operators as it is. */
static int valid(const char *name)
{
	size_t len = strlen(name), at;

	return len > 0 && len <= HOST_MAX && text_find_unprintable(name, len, &at) == 0;
}

const char *host_name(void)
{
	static char host[HOST_MAX + 1];
	const char *env = getenv("MESOS_UPGRADE_HOST");

	if (env && valid(env)) {
		memcpy(host, env, strlen(env) + 1);
		return host;
	}
	/* gethostname() may truncate without a terminator */
	memset(host, 0, sizeof(host));
	if (gethostname(host, sizeof(host) - 1) != 0 || !valid(host))
		strcpy(host, "unknown");
	return host;
}
