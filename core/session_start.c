/*
 * session_start.c - the items of a plan, and starting a session with them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "digest.h"
#include "huge_map.h"
#include "session_private.h"

/* The hosts of @role ("master" or "agent") in @hosts, as a range. */
static size_t hosts_of(const struct journal_host *hosts, size_t nhosts, const char *role,
		       size_t *first)
{
	size_t n = 0;

	*first = 0;
	for (size_t i = 0; i < nhosts; i++) {
		/* "master" or "agent": the first byte tells most apart */
		if (hosts[i].role[0] != role[0] || strcmp(hosts[i].role, role))
			continue;
		if (!n)
			*first = i;
		n++;
	}
	return n;
}

/*
 * Whether @host has an item in per-host entry @full (a step or a note) of
 * hop @h: not in an entry resolved as a whole (@whole, sorted: before the
 * host came, or before the content made the step per host); a host added by
 * "edit --inventory" only from its first hop on.
 */
static bool host_in_entry(const struct plan *p, const struct journal_host *host, size_t h,
			  const char *full, const char *const *whole, size_t nwhole)
{
	size_t from = p->nhops;

	if (nwhole && bsearch(&full, whole, nwhole, sizeof(*whole), session_str_cmp))
		return false;
	if (!host->from_hop)
		return true;
	for (size_t k = 0; k < p->nhops && from == p->nhops; k++)
		if (!strcmp(p->hops[k].id, host->from_hop))
			from = k;
	return h >= from;
}

/* What plan_entry() needs besides the entry: the plan, its hosts, the whole entries. */
struct plan_hosts {
	const struct plan *p;
	const struct journal_host *hosts;
	size_t nhosts;
	const char *const *whole;
	size_t nwhole;
	size_t agents_hop;     /* the hop whose agents have items, or SESSION_ALL_HOPS */
	size_t nmasters, first_master, nagents, first_agent; /* hosts_of() each role */
};

/* Whether hop @h's per-host entries of @role have their hosts' items in @ph. */
static bool role_in_hop(const struct plan_hosts *ph, enum role role, size_t h)
{
	return role == ROLE_MASTER || ph->agents_hop == SESSION_ALL_HOPS || ph->agents_hop == h;
}

/*
 * Item @e of plan hop @h into v[*k], then, for a per-host step or note, one
 * item per host of its role; false when out of memory.
 */
static bool plan_entry(const struct content_entry *e, size_t h, const struct plan_hosts *ph,
		       struct arena *a, struct planned *v, size_t *k)
{
	const char *full = e->note ? e->note->full_id : e->step->full_id;
	size_t parent = *k, nh = 0, first = 0, idlen = strlen(full), room = 0;
	enum role role;
	char *ids = NULL;

	v[*k] = (struct planned){ full, e->note ? ITEM_NOTE : ITEM_STEP, h, e->note, e->step, "",
				  NULL, -1, false, false };
	memcpy(v[*k].digest, e->note ? e->note->digest : e->step->digest, sizeof(v[*k].digest));
	++*k;
	if (content_per_host(e->note, e->step, &role) && role_in_hop(ph, role, h)) {
		nh = role == ROLE_MASTER ? ph->nmasters : ph->nagents;
		first = role == ROLE_MASTER ? ph->first_master : ph->first_agent;
	}
	/* the hosts' ids one after another in one allocation, not one each */
	for (size_t q = 0; q < nh; q++)
		room += idlen + strlen(ph->hosts[first + q].name) + 2;
	if (room && !(ids = arena_alloc(a, room)))
		return false;
	for (size_t q = 0; q < nh; q++) {
		/* "HOP/ID@HOST", put together by hand: a hundred thousand of them */
		const struct journal_host *host = &ph->hosts[first + q];
		size_t hlen = strlen(host->name);
		char *id = ids;
		if (!host_in_entry(ph->p, host, h, full, ph->whole, ph->nwhole))
			continue;
		ids += idlen + hlen + 2;
		memcpy(id, full, idlen);
		id[idlen] = '@';
		memcpy(id + idlen + 1, host->name, hlen + 1);
		v[*k] = v[parent];
		v[*k].id = id;
		v[*k].host = host->name;
		v[*k].parent = (long)parent;
		v[*k].leader = host->leader;
		v[*k].added = host->from_hop != NULL;
		++*k;
	}
	return true;
}

/* (session_private.h) */
struct planned *session_plan_items(const struct plan *p, const struct journal_host *hosts,
				   size_t nhosts, const char *const *whole, size_t nwhole,
				   struct arena *a, size_t *n)
{
	return session_plan_items_in(p, hosts, nhosts, whole, nwhole, SESSION_ALL_HOPS, a, n);
}

/* (session_private.h) */
struct planned *session_plan_items_in(const struct plan *p, const struct journal_host *hosts,
				      size_t nhosts, const char *const *whole, size_t nwhole,
				      size_t agents_hop, struct arena *a, size_t *n)
{
	size_t nm, fm, na, fa, cap = p->nnotes + p->nsteps + 1, k = 0;
	struct planned *v;

	nm = hosts_of(hosts, nhosts, "master", &fm);
	na = hosts_of(hosts, nhosts, "agent", &fa);
	const struct plan_hosts ph = { p, hosts, nhosts, whole, nwhole, agents_hop, nm, fm, na, fa };

	for (size_t h = 0; h < p->nhops; h++) {
		for (size_t i = 0; i < p->hops[h].nentries; i++) {
			const struct content_entry *e = &p->hops[h].entries[i];
			enum role role;
			if (plan_entry_applies(p, h, e) && content_per_host(e->note, e->step, &role) &&
			    role_in_hop(&ph, role, h))
				cap += role == ROLE_MASTER ? nm : na;
		}
	}
	/* not zeroed (calloc() cleared ~330 KB a batch of a hop): plan_entry() sets each whole */
	v = cap > SIZE_MAX / sizeof(*v) ? NULL : malloc(cap * sizeof(*v));
	if (!v)
		return NULL;
	/* a hop of 50,000 agents: 6 MB, faulted in a huge page at a time (huge_map.h) */
	if (cap * sizeof(*v) >= 2 * HUGE_MAP_PAGE)
		huge_advise(v, cap * sizeof(*v));
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		for (size_t i = 0; i < hop->nentries; i++) {
			if (!plan_entry_applies(p, h, &hop->entries[i]))
				continue;
			if (!plan_entry(&hop->entries[i], h, &ph, a, v, &k)) {
				free(v);
				return NULL;
			}
		}
	}
	*n = k;
	return v;
}

/* (session_private.h) */
void session_digest_items(const struct planned *v, size_t n, char out[65])
{
	struct sha256 s;
	unsigned char d[32];

	sha256_init(&s);
	for (size_t i = 0; i < n; i++) {
		if (v[i].added)
			continue; /* not planned at the start: the start's digest is without them */
		sha256_update(&s, v[i].id, strlen(v[i].id));
		sha256_update(&s, " ", 1);
		sha256_update(&s, v[i].digest, strlen(v[i].digest));
		sha256_update(&s, "\n", 1);
	}
	sha256_final(&s, d);
	digest_hex(d, 32, out);
}

void session_plan_digest(const struct plan *p, char out[65])
{
	struct arena a = ARENA_INIT;
	size_t n;
	struct planned *v = session_plan_items(p, NULL, 0, NULL, 0, &a, &n);

	out[0] = '\0';
	if (v)
		session_digest_items(v, n, out);
	free(v);
	arena_release(&a);
}

enum status session_start(struct journal *j, const struct content *c, const char *from,
			  const char *to, const char *title, const struct inventory *inv,
			  const struct session_actor *who, int64_t *id,
			  struct diag_list *dl)
{
	return session_start_cluster(j, c, from, to, title, inv, NULL, NULL, who, id, dl);
}

bool session_window_check(const char *t)
{
	if (!t || strlen(t) != 5 || t[2] != ':')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (t[i] < '0' || t[i] > '9'))
			return false;
	return (t[0] - '0') * 10 + (t[1] - '0') <= 23 && t[3] <= '5';
}

enum status session_start_cluster(struct journal *j, const struct content *c, const char *from,
				  const char *to, const char *title, const struct inventory *inv,
				  const struct journal_cluster *cluster, const char *window_end,
				  const struct session_actor *who, int64_t *id, struct diag_list *dl)
{
	struct arena a = ARENA_INIT;
	struct planned *v = NULL;
	struct journal_item *items = NULL;
	struct journal_host *hosts = NULL;
	struct journal_session s = { 0 };
	char now[CLOCK_ISO_LEN + 1], digest[65];
	struct plan p;
	size_t n = 0, nhosts = 0;
	enum status st;

	if ((st = plan_build_refusal(c, from, to, &p, dl)) != ST_OK)
		return st;
	if (!session_title_check(title, NULL)) {
		bool too_long = strlen(title) > SESSION_TITLE_MAX;
		return diag_refuse(dl, ST_USAGE,
				   too_long ? REFUSAL_TITLE_LONG : REFUSAL_TITLE_UNPRINTABLE,
				   REFUSAL_FIELD_TITLE, too_long
				   ? "--title is longer than %d characters"
				   : "--title has characters that cannot be shown: use printable "
				     "characters on one line (at most %d)", SESSION_TITLE_MAX);
	}
	if (window_end && *window_end && !session_window_check(window_end))
		return diag_fail(dl, ST_USAGE, "--window-end '%s' is not a time of day: write HH:MM, "
				 "00:00 to 23:59 (local time)", window_end);
	st = ST_NOMEM;
	if (inv) {
		hosts = calloc(inv->nmasters + inv->nagents + 1, sizeof(*hosts));
		if (!hosts)
			goto out;
		for (size_t i = 0; i < inv->nmasters; i++)
			hosts[nhosts++] = (struct journal_host){ "master", inv->masters[i],
								 inv->masters[i] == inv->leader, NULL };
		for (size_t i = 0; i < inv->nagents; i++)
			hosts[nhosts++] = (struct journal_host){ "agent", inv->agents[i], false, NULL };
	}
	v = session_plan_items(&p, hosts, nhosts, NULL, 0, &a, &n);
	items = calloc(n + 1, sizeof(*items));
	if (!v || !items)
		goto out;
	for (size_t i = 0; i < n; i++)
		items[i] = (struct journal_item){ v[i].id, session_item_kind_name(v[i].kind),
						  v[i].digest };
	session_digest_items(v, n, digest);
	clock_iso(clock_now(), now);
	s.from = from;
	s.to = to;
	s.title = title ? title : "";
	s.operator_name = who->operator_name;
	s.host = who->host;
	s.created = now;
	s.content_digest = digest;
	s.content_version = c->version;
	s.content_dir = c->dir;
	st = journal_begin(j);
	if (st == ST_OK) {
		st = journal_session_add(j, &s, items, n, id);
		if (st == ST_OK && nhosts)
			st = journal_hosts_add(j, *id, hosts, nhosts);
		if (st == ST_OK && cluster)
			st = journal_cluster_add(j, *id, cluster);
		if (st == ST_OK && window_end && *window_end)
			st = journal_window_add(j, *id, window_end);
		st = journal_end(j, st);
	}
out:
	if (st != ST_OK)
		journal_report(j, st, dl);
	free(v);
	free(items);
	free(hosts);
	arena_release(&a);
	return st;
}
