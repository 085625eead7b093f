/*
 * hop_batches.c - the batches of a large session's agents: the inventory
 * read once (packed), each batch cut from it with the range of names that
 * bounds its hosts' items' ids (session_hop.c reads their states).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session_private.h"

/*
 * Batch @b's range of names, of its agents @ag (n) after @before, the agent
 * before them (NULL: none), @last the inventory's last: when the inventory
 * is in the order of their names, from @before to the last of them (the ids
 * in it theirs alone); else (b->unsorted) from the first of them in that
 * order (cut short of its last byte: strictly before it) to the last. An id
 * in the range that is none of theirs is not looked up (state_in()).
 */
static bool range_of(struct span *b, const char *before, const struct journal_host *ag, size_t n,
		     bool last, struct arena *a)
{
	size_t lo = 0, hi = 0;

	if (!b->unsorted) {
		b->range[0] = before;
		b->range[1] = last ? NULL : ag[n - 1].name;
		return true;
	}
	for (size_t i = 1; i < n; i++) {
		lo = strcmp(ag[i].name, ag[lo].name) < 0 ? i : lo;
		hi = strcmp(ag[i].name, ag[hi].name) > 0 ? i : hi;
	}
	b->range[0] = arena_strndup(a, ag[lo].name, strlen(ag[lo].name) - !!*ag[lo].name);
	b->range[1] = ag[hi].name;
	return b->range[0] != NULL;
}

/*
 * The inventory of a session_hops, read once: its masters (nm) and its
 * agents packed (journal_agents_packed(); !got: none, hosts were added
 * later and each batch is read on its own). A batch's hosts are cut from
 * them into the session_hops' own v->cut, given until its next batch is cut.
 */
struct hop_agents {
	struct journal_agents a;
	bool got;
	struct arena arena;
	struct journal_host *masters;
	size_t nm;
};

/* v->agents read, and whether the agents are sorted: in the same read when packed. */
static enum status agents_of(struct session_hops *v)
{
	struct hop_agents *p;
	enum status st;

	if (v->agents)
		return ST_OK;
	if (!(p = v->agents = calloc(1, sizeof(*p))))
		return ST_NOMEM;
	st = journal_agents_packed(v->j, v->top->info.id, &p->a, &p->got);
	if (st == ST_OK && p->got) /* the masters alone: no agent */
		st = journal_hosts_from(v->j, v->top->info.id, 0, 0, &p->arena, &p->masters, &p->nm);
	if (st == ST_OK && !p->got)
		st = journal_agents_sorted(v->j, v->top->info.id, &p->a.sorted);
	v->sorted = p->a.sorted;
	return st;
}

/* The masters and at most @max agents from the @first'th, as journal_hosts_from(), packed. */
static enum status cut_batch(struct session_hops *v, size_t first, size_t max,
			     struct journal_host **out, size_t *n)
{
	struct hop_agents *p = v->agents;
	size_t k = first < p->a.n ? p->a.n - first : 0;
	struct journal_host *h;

	k = k < max ? k : max;
	if (p->nm + k + 1 > v->cut_cap) {
		if (!(h = realloc(v->cut, (p->nm + k + 1) * sizeof(*h))))
			return ST_NOMEM;
		v->cut = h;
		v->cut_cap = p->nm + k + 1;
	}
	h = v->cut;
	for (size_t i = 0; i < p->nm; i++)
		h[i] = p->masters[i];
	for (size_t i = 0; i < k; i++)
		h[p->nm + i] = (struct journal_host){ "agent", p->a.names + p->a.at[first + i],
						      p->a.leader[first + i] != 0, NULL };
	*out = h;
	*n = p->nm + k;
	return ST_OK;
}

/*
 * (session_private.h)
 */
enum status hop_batch_of(struct session_hops *v, size_t first, size_t *next, struct span *b)
{
	size_t most = v->batch ? v->batch : SESSION_HOP_BATCH, skip = first ? 1 : 0, n;
	struct journal_host *h;
	const char *before = NULL;
	enum status st;

	*b = (struct span){ 0, 0, NULL, { NULL, NULL }, false, NULL };
	*next = 0;
	arena_release(&v->span);
	if ((st = agents_of(v)) != ST_OK)
		return st;
	b->unsorted = !v->sorted;
	/* one more than the batch: whether there is a next */
	if (v->agents->got)
		st = cut_batch(v, first - skip, most + 1 + skip, &h, &n);
	else
		st = journal_hosts_from(v->j, v->top->info.id, first - skip, most + 1 + skip,
					&v->span, &h, &n);
	if (st != ST_OK)
		return st;
	while (b->nm < n && !strcmp(h[b->nm].role, "master"))
		b->nm++;
	if (skip && b->nm < n) { /* the agent before the batch: out of it */
		before = h[b->nm].name;
		memmove(h + b->nm, h + b->nm + 1, (n - b->nm - 1) * sizeof(*h));
		n--;
	}
	b->hosts = h;
	b->n = n - b->nm;
	if (b->n > most) {
		b->n = most;
		*next = first + most;
	}
	if (b->n && !range_of(b, before, h + b->nm, b->n, !*next, &v->span))
		return ST_NOMEM;
	return ST_OK;
}

/* (session_private.h) */
void hop_batches_release(struct session_hops *v)
{
	if (v->agents) {
		journal_agents_release(&v->agents->a);
		arena_release(&v->agents->arena);
		free(v->agents);
	}
	free(v->cut);
	v->agents = NULL;
	v->cut = NULL;
	v->cut_cap = 0;
}
