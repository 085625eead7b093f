/*
 * inventory_discover.c - an inventory read off the cluster ("start
 * --discover"): the masters as they name themselves, the agents the leader
 * knows, and the leader the cluster elected (see inventory.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cluster_probe.h"
#include "inventory.h"
#include "sorted_index.h"

/*
 * @n names @names of @role copied into *@list, each once, in their order;
 * ST_DATAERR (said in @dl) when one is not a host name an inventory holds.
 */
static enum status host_list(struct inventory *inv, const char *const *names, size_t n,
			     const char *role, const char ***list, size_t *nlist,
			     struct diag_list *dl)
{
	struct sorted_index ix = SORTED_INDEX_INIT;
	bool *dup = calloc(n + 1, sizeof(*dup));
	enum status st = ST_NOMEM;

	*list = arena_alloc(&inv->arena, (n + 1) * sizeof(**list));
	*nlist = 0;
	if (!dup || !*list || !sorted_index_init(&ix, n + 1))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!inventory_host_valid(names[i])) {
			st = ST_DATAERR;
			diag_fail(dl, st, "the cluster names %s '%.80s' that is not a host name an "
				  "inventory can hold (letters, digits, '.', '-', '_' and ':'); write "
				  "an inventory file and use --inventory", role, names[i]);
			goto out;
		}
		sorted_index_add(&ix, names[i], i);
	}
	sorted_index_sort(&ix);
	/* equal names sort together, the first of them first */
	for (size_t k = 1; k < ix.n; k++)
		if (!strcmp(ix.v[k].key, ix.v[k - 1].key))
			dup[ix.v[k].pos] = true;
	for (size_t i = 0; i < n; i++) {
		if (dup[i])
			continue;
		if (!((*list)[(*nlist)++] = arena_strndup(&inv->arena, names[i], strlen(names[i]))))
			goto out;
	}
	st = ST_OK;
out:
	sorted_index_release(&ix);
	free(dup);
	return st;
}

enum status inventory_discover(const struct probe_result *r, struct inventory **out,
			       struct diag_list *dl)
{
	struct inventory *inv = calloc(1, sizeof(*inv));
	const char **names = calloc(r->nmasters + r->nagents + 2, sizeof(*names));
	enum status st = ST_NOMEM;
	size_t n = 0;

	*out = NULL;
	if (!inv || !names)
		goto out;
	/* the leader last: the others are restarted first, one failover. The
	 * leader is the cluster's, even when it was found by a redirect (its own
	 * URL slow, or not among those given), and whatever else named it */
	for (size_t i = 0; i < r->nmasters; i++)
		if (!r->leader || strcmp(r->masters[i].host, r->leader) != 0)
			names[n++] = r->masters[i].host;
	if (r->leader)
		names[n++] = inv->leader = r->leader;
	st = host_list(inv, names, n, "a master", &inv->masters, &inv->nmasters, dl);
	for (size_t i = 0; i < r->nagents; i++)
		names[i] = r->agents[i].host;
	if (st == ST_OK)
		st = host_list(inv, names, r->nagents, "an agent", &inv->agents, &inv->nagents, dl);
	if (st == ST_OK && inv->leader)
		inv->leader = inv->masters[inv->nmasters - 1];
	if (st == ST_OK && !inv->nmasters && !inv->nagents) {
		st = ST_DATAERR;
		diag_fail(dl, st, "the cluster has no masters or agents to upgrade");
	}
out:
	if (st == ST_NOMEM)
		diag_fail(dl, st, "out of memory");
	free(names);
	if (st != ST_OK)
		inventory_free(&inv);
	*out = inv;
	return st;
}
