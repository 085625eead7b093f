/*
 * inventory.h - the hosts of a cluster, for steps done host by host.
 *
 * An inventory file is YAML:
 *
 *     masters: [m1.example.com, m2.example.com, m3.example.com]
 *     leader: m2.example.com      # optional: the current leading master
 *     agents:
 *       - agent-0001
 *       - agent-0002
 *
 * Both lists are required (either may be empty, not both); host names are
 * 1 to 253 characters of letters, digits, '.', '-', '_' and ':', not
 * starting with '-' or '.'; a list holds each name once; the leader is one of
 * the masters. Every problem is reported as "FILE:LINE:COL: message".
 *
 * The masters are kept with the leader last: restarting the others first
 * means a single failover, onto a master already upgraded.
 */
#ifndef MU_INVENTORY_H
#define MU_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "strbuf.h"

struct probe_result;

#define INVENTORY_MAX_HOSTS 100000

struct inventory {
	struct arena arena;    /* owns the names */
	const char **masters;  /* leader last */
	size_t nmasters;
	const char **agents;
	size_t nagents;
	const char *leader;    /* NULL when not given */
};

/* Parse @len bytes of @data named @file. ST_DATAERR with the problems in @dl. */
enum status inventory_parse(const char *file, const unsigned char *data, size_t len,
			    struct inventory **out, struct diag_list *dl);
/* Read and parse the file at @path. */
enum status inventory_load(const char *path, struct inventory **out, struct diag_list *dl);
void inventory_free(struct inventory **inv);

/* Whether @name is a valid host name (see above). */
bool inventory_host_valid(const char *name);

/*
 * The inventory of the cluster @r saw ("start --discover"): the masters as
 * they name themselves (the leader last, and the inventory's leader), the
 * agents the leader knows, each name once. ST_DATAERR when a name is not
 * one an inventory may hold, or the cluster has no host (one message in
 * @dl says).
 */
enum status inventory_discover(const struct probe_result *r, struct inventory **out,
			       struct diag_list *dl);

#endif
