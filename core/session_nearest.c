/*
 * session_nearest.c - "did you mean" of a partial load (session_private.h)
 * as the whole load words it, without loading every host's item: the ids
 * of the hosts' items are put together from the plan's per-host entries and
 * the inventory, one at a time, in the whole load's order.
 *
 * The distance is text_distance()'s, computed column by column over the
 * candidate, so that the columns of a per-host entry's "HOP/ID@" are
 * computed once for all its hosts, and a candidate (or an entry with all
 * its hosts) is given up as soon as its columns say it cannot come near.
 */
#include <stdint.h>
#include <string.h>

#include "session_private.h"
#include "textutil.h"

/* hosts_of() of the plan (session_start.c): the first host of @role and how many it has. */
static size_t role_hosts(const struct session *s, const char *role, size_t *first)
{
	size_t n = 0;

	*first = 0;
	for (size_t i = 0; i < s->ninventory; i++) {
		if (strcmp(s->inventory[i].role, role))
			continue;
		if (!n)
			*first = i;
		n++;
	}
	return n;
}

/* (session_private.h) */
bool session_host_in_hop(const struct session *s, const struct journal_host *host, size_t h)
{
	if (!host->from_hop)
		return true;
	for (size_t k = 0; k < s->plan.nhops; k++)
		if (!strcmp(s->plan.hops[k].id, host->from_hop))
			return h >= k;
	return false;
}

/* (session_private.h) */
size_t session_entry_hosts(const struct session *s, const struct session_item *it,
			   const struct journal_host **v)
{
	enum role role;
	size_t first, n;

	*v = NULL;
	if (it->host || !it->nhosts || !content_per_host(it->note, it->step, &role))
		return 0;
	n = role_hosts(s, content_role_name(role), &first);
	*v = s->inventory + first;
	return n;
}

/* (session_private.h) */
bool session_inventory_agrees(const struct session *s)
{
	for (size_t i = 0; i < s->nitems; i++) {
		const struct journal_host *v;
		size_t nv = session_entry_hosts(s, &s->items[i], &v), n = 0;
		for (size_t q = 0; q < nv; q++)
			n += session_host_in_hop(s, &v[q], s->items[i].hop);
		if (n != (s->items[i].host ? 0 : s->items[i].nhosts))
			return false;
	}
	return true;
}

/* (session_private.h) */
bool session_expanded_has(const struct session *s, const char *id)
{
	const char *at = strchr(id, '@');

	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		const struct journal_host *v;
		size_t nv;
		if (!at) {
			if (!it->host && !strcmp(it->id, id))
				return true;
			continue;
		}
		if (strncmp(it->id, id, (size_t)(at - id)) || it->id[at - id])
			continue;
		nv = session_entry_hosts(s, it, &v);
		for (size_t q = 0; q < nv; q++)
			if (!strcmp(v[q].name, at + 1) && session_host_in_hop(s, &v[q], it->hop))
				return true;
	}
	return false;
}

/* The word and the columns of the candidate read so far (three: transpositions). */
struct dp {
	const char *w;
	size_t lw;
	size_t col[3][TEXT_DISTANCE_MAX + 1];
	size_t lc;                   /* the candidate's length so far */
	char c[2];                   /* its last two bytes */
};

static void dp_start(struct dp *d)
{
	d->lc = 0;
	for (size_t i = 0; i <= d->lw; i++)
		d->col[0][i] = i;
}

/*
 * Column of candidate byte @b; false when no candidate going on from here
 * can come within @limit (the smallest of the last two columns only grows).
 */
static bool dp_add(struct dp *d, char b, size_t limit)
{
	size_t j = ++d->lc, least;
	size_t *c = d->col[j % 3], *p = d->col[(j - 1) % 3], *pp = d->col[(j + 1) % 3];

	if (j > TEXT_DISTANCE_MAX)
		return false;
	c[0] = j;
	least = p[0] < c[0] ? p[0] : c[0];
	for (size_t i = 1; i <= d->lw; i++) {
		size_t best = p[i - 1] + (d->w[i - 1] != b);
		if (c[i - 1] + 1 < best)
			best = c[i - 1] + 1;
		if (p[i] + 1 < best)
			best = p[i] + 1;
		if (i > 1 && j > 1 && d->w[i - 1] == d->c[1] && d->w[i - 2] == b &&
		    pp[i - 2] + 1 < best)
			best = pp[i - 2] + 1;
		c[i] = best;
		if (best < least)
			least = best;
		if (p[i] < least)
			least = p[i];
	}
	d->c[0] = d->c[1];
	d->c[1] = b;
	return least <= limit;
}

/* @from's columns into @to: only the word's length of each. */
static void dp_copy(struct dp *to, const struct dp *from)
{
	to->w = from->w;
	to->lw = from->lw;
	to->lc = from->lc;
	memcpy(to->c, from->c, sizeof(to->c));
	for (size_t k = 0; k < 3; k++)
		memcpy(to->col[k], from->col[k], (from->lw + 1) * sizeof(from->col[k][0]));
}

/* Add @s to the candidate; false as dp_add(). */
static bool dp_adds(struct dp *d, const char *s, size_t limit)
{
	for (; *s; s++)
		if (!dp_add(d, *s, limit))
			return false;
	return true;
}

/* The nearest three so far, as nearest() of session.c keeps them: ties in order. */
struct best {
	const char *id[3], *host[3];
	size_t dist[3], found, limit;
};

/* The most a candidate may be from the word and still be kept. */
static size_t best_room(const struct best *b)
{
	if (b->found < 3)
		return b->limit;
	return b->dist[2] ? b->dist[2] - 1 : 0;
}

static void best_add(struct best *b, const char *id, const char *host, size_t d)
{
	size_t k;

	if (d > b->limit || (b->found == 3 && d >= b->dist[2]))
		return;
	k = b->found < 3 ? b->found++ : 2;
	for (; k > 0 && b->dist[k - 1] > d; k--) {
		b->id[k] = b->id[k - 1];
		b->host[k] = b->host[k - 1];
		b->dist[k] = b->dist[k - 1];
	}
	b->id[k] = id;
	b->host[k] = host;
	b->dist[k] = d;
}

/* Whether a candidate of @len bytes is within the word's length limit. */
static bool near_len(const struct best *b, size_t lw, size_t len)
{
	return (len > lw ? len - lw : lw - len) <= b->limit;
}

/* The hosts' items of entry @it into @b; @d holds the columns of "ID@", @h is room for a copy. */
static void entry_hosts_near(const struct session *s, const struct session_item *it,
			     const struct dp *d, struct dp *h, struct best *b)
{
	const struct journal_host *v;
	size_t nv = session_entry_hosts(s, it, &v), idlen = strlen(it->id) + 1;

	for (size_t q = 0; q < nv; q++) {
		const struct journal_host *host = &v[q];
		if (!session_host_in_hop(s, host, it->hop) ||
		    !near_len(b, d->lw, idlen + strlen(host->name)))
			continue;
		dp_copy(h, d);
		if (dp_adds(h, host->name, best_room(b)))
			best_add(b, it->id, host->name, h->col[h->lc % 3][h->lw]);
	}
}

/* (session_private.h) */
void session_nearest_expanded(const struct session *s, const char *word, struct strbuf *out)
{
	struct dp d[2];
	struct best b = { .found = 0 };
	size_t len = strlen(word);

	b.limit = len / 6 > 2 ? len / 6 : 2;
	if (len > TEXT_DISTANCE_MAX)
		return; /* as text_distance(): too far from everything */
	d[0].w = word;
	d[0].lw = len;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		size_t l = strlen(it->id);
		if (it->host)
			continue; /* the hosts' items from the inventory, after their entry */
		dp_start(&d[0]);
		/* the entry itself, then (all the columns of "ID@" kept) its hosts' items */
		if (dp_adds(&d[0], it->id, SIZE_MAX) && near_len(&b, len, l))
			best_add(&b, it->id, NULL, d[0].col[l % 3][len]);
		if (it->nhosts && dp_add(&d[0], '@', best_room(&b)))
			entry_hosts_near(s, it, &d[0], &d[1], &b);
	}
	for (size_t k = 0; k < b.found; k++)
		strbuf_addf(out, "%s%s%s%s", k == 0 ? "" : k + 1 == b.found ? " or " : ", ",
			    b.id[k], b.host[k] ? "@" : "", b.host[k] ? b.host[k] : "");
}
