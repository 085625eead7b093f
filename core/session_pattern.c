/*
 * session_pattern.c - the load "mark SESSION 'PATTERN'" needs: every item
 * the pattern can match, without the items of the hosts it cannot. The ids
 * of the hosts' items are put together from the plan's per-host entries and
 * the inventory (session_nearest.c) and matched one at a time; then the
 * partial load of the hosts they name (a few), or the view of the hop
 * their items are in (every agent of one hop), or, for agents' items in
 * many hops, the whole session as before.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "session_private.h"

/* More agents than this: their hop's view, not a partial load (which joins them one by one). */
enum { PATTERN_PARTIAL_MAX = 64 };

/* The agents the pattern names, each once, and the hop of their items (when one). */
struct named {
	const char **names;
	size_t n;
	size_t hop;
	bool many_hops;
};

/* The length of @pattern's literal start: what every id it matches begins with. */
static size_t literal_len(const char *pattern)
{
	return strcspn(pattern, "*?[\\");
}

/* Whether an id "@id@HOST" can begin with the @lit bytes of @pattern. */
static bool may_start(const char *pattern, size_t lit, const char *id)
{
	size_t l = strlen(id);

	if (lit <= l)
		return !strncmp(pattern, id, lit);
	return !strncmp(pattern, id, l) && pattern[l] == '@';
}

/*
 * The agents whose items in per-host entry @it of @s match @pattern into
 * @nm (@seen: one flag an inventory host); @buf has room for any id.
 */
static void match_entry(const struct session *s, const struct session_item *it,
			const char *pattern, bool *seen, struct named *nm, char *buf)
{
	const struct journal_host *v;
	size_t nv = session_entry_hosts(s, it, &v), idlen = strlen(it->id);

	memcpy(buf, it->id, idlen);
	buf[idlen] = '@';
	for (size_t q = 0; q < nv; q++) {
		size_t at = (size_t)(&v[q] - s->inventory);
		if (strcmp(v[q].role, "agent") || !session_host_in_hop(s, &v[q], it->hop))
			continue;
		strcpy(buf + idlen + 1, v[q].name);
		if (fnmatch(pattern, buf, 0))
			continue;
		if (nm->n && nm->hop != it->hop)
			nm->many_hops = true;
		nm->hop = it->hop;
		if (!seen[at]) {
			seen[at] = true;
			nm->names[nm->n++] = v[q].name;
		}
	}
}

/* The agents @pattern names among the items of @s (a partial load with its inventory). */
static enum status match_hosts(const struct session *s, const char *pattern, struct named *nm)
{
	size_t lit = literal_len(pattern), longest = 0, longid = 0;
	bool *seen = calloc(s->ninventory + 1, sizeof(*seen));
	char *buf = NULL;
	enum status st = ST_NOMEM;

	nm->names = calloc(s->ninventory + 1, sizeof(*nm->names));
	for (size_t i = 0; i < s->ninventory; i++)
		if (strlen(s->inventory[i].name) > longest)
			longest = strlen(s->inventory[i].name);
	for (size_t i = 0; i < s->nitems; i++)
		if (strlen(s->items[i].id) > longid)
			longid = strlen(s->items[i].id);
	if (!seen || !nm->names || !(buf = malloc(longid + longest + 2)))
		goto out;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (!it->host && it->nhosts && may_start(pattern, lit, it->id))
			match_entry(s, it, pattern, seen, nm, buf);
	}
	st = ST_OK;
out:
	free(buf);
	free(seen);
	return st;
}

/*
 * The partial load of the plan and the masters, with its whole inventory;
 * *@s NULL when the journal's counts or its inventory do not allow it.
 */
static enum status plan_and_masters(struct journal *j, const struct content *c, int64_t id,
				    struct session **s, struct strbuf *msg)
{
	struct journal_host *v;
	size_t n;
	enum status st = session_load_partial(j, c, id, NULL, 0, s, msg);

	if (st != ST_OK || !*s)
		return st;
	if ((st = journal_hosts(j, id, &(*s)->arena, &v, &n)) != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		session_free(s);
		return st;
	}
	(*s)->inventory = v;
	(*s)->ninventory = n;
	if (!session_inventory_agrees(*s))
		session_free(s);
	return ST_OK;
}

/* (session_private.h) */
enum status session_load_pattern(struct journal *j, const struct content *c, int64_t id,
				 const char *pattern, struct session **s, struct strbuf *msg)
{
	struct named nm = { 0 };
	struct session *first;
	enum status st = plan_and_masters(j, c, id, s, msg);

	if (st != ST_OK || !*s)
		goto whole;
	if ((st = match_hosts(*s, pattern, &nm)) != ST_OK) {
		strbuf_adds(msg, "out of memory");
		goto out;
	}
	if (!nm.n)
		goto out; /* the plan's items and the masters': all it matches */
	/* the names are in the first load's arena: it is freed after the second */
	first = *s;
	*s = NULL;
	if (nm.n <= PATTERN_PARTIAL_MAX)
		st = session_load_partial(j, c, id, nm.names, nm.n, s, msg);
	else if (!nm.many_hops)
		st = session_load_view_of(j, c, id, nm.hop, NULL, 0, s, msg);
	session_free(&first);
whole:
	if (st == ST_OK && !*s)
		st = session_load_light(j, c, id, s, msg);
out:
	free(nm.names);
	if (st != ST_OK)
		session_free(s);
	return st;
}
