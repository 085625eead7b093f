/*
 * session_probe.c - a session's cluster: where it is read from, and each
 * probe of it recorded as evidence, with the warnings only a session can
 * give (see session_probe.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "credentials.h"
#include "session_probe.h"
#include "sorted_index.h"

enum status session_cluster_open(struct journal *j, int64_t session, struct session_cluster **out,
				 struct diag_list *dl)
{
	struct session_cluster *c = calloc(1, sizeof(*c));
	struct strbuf why = STRBUF_INIT;
	struct journal_probe *last;
	enum status st;
	size_t n;

	*out = NULL;
	if (!c)
		return diag_fail(dl, ST_NOMEM, "out of memory");
	c->session = session;
	st = journal_cluster_get(j, session, &c->arena, &c->where);
	if (st == ST_OK && c->where.nmasters == 0) {
		strbuf_addf(&why, "session %lld has no masters to ask: it was started without "
			    "--master URL", (long long)session);
		st = ST_USAGE;
	}
	if (st == ST_OK)
		st = journal_hosts(j, session, &c->arena, &c->hosts, &c->nhosts);
	if (st == ST_OK)
		st = journal_probes(j, session, 1, false, &c->arena, &last, &n);
	if (st == ST_OK && n) {
		c->has_probe = true;
		c->last_leader = last[0].leader;
		c->last_probed = last[0].time;
	}
	if (st != ST_OK && st != ST_USAGE)
		strbuf_adds(&why, journal_error(j));
	if (st != ST_OK)
		diag_fail_why(dl, st, &why);
	else if (c->where.credentials)
		st = credentials_read(c->where.credentials, &c->arena, &c->cred, dl);
	if (st != ST_OK)
		session_cluster_free(&c);
	strbuf_release(&why);
	*out = c;
	return st;
}

void session_cluster_free(struct session_cluster **cp)
{
	struct session_cluster *c = *cp;

	if (!c)
		return;
	/* the secret is in the arena: wipe it before the memory goes back */
	if (c->cred.secret)
		explicit_bzero((void *)(uintptr_t)c->cred.secret, strlen(c->cred.secret));
	arena_release(&c->arena);
	free(c);
	*cp = NULL;
}

void session_cluster_probe_opts(const struct session_cluster *c, struct probe_opts *o)
{
	o->masters = c->where.masters;
	o->nmasters = c->where.nmasters;
	o->http.cacert = c->where.cacert;
	o->http.principal = c->cred.principal;
	o->http.secret = c->cred.secret;
}

/* ---- warnings only a session can give ------------------------------------- */

/* The inventory's leader, NULL when it names none. */
static const char *inventory_leader(const struct session_cluster *c)
{
	for (size_t i = 0; i < c->nhosts; i++)
		if (c->hosts[i].leader)
			return c->hosts[i].name;
	return NULL;
}

static enum status leader_changed(const struct session_cluster *c, struct probe_result *r)
{
	const char *before = c->has_probe ? c->last_leader : inventory_leader(c);

	if (!r->leader || !before || !strcmp(before, r->leader))
		return ST_OK;
	if (c->has_probe)
		return probe_result_warn(r, PROBE_LEADER_CHANGED, "the leader is now %s, not %s as "
					  "at the probe of %s", r->leader, before, c->last_probed);
	return probe_result_warn(r, PROBE_LEADER_CHANGED, "the leader is %s, not %s as the "
				  "inventory says", r->leader, before);
}

/* Names of one role: the inventory's, and the cluster's. */
struct names {
	struct sorted_index ix;
	const char **v;
	size_t n;
};

/* One warning naming how many of @have are missing from @other, and the first few. */
static enum status missing(struct probe_result *r, enum probe_warning_kind kind, const char *what,
			   const struct names *have, const struct names *other)
{
	enum { NAMED = 5 };
	struct strbuf list = STRBUF_INIT;
	enum status st = ST_OK;
	size_t count = 0;

	for (size_t i = 0; i < have->n; i++) {
		/* a host listed twice (two agents on one machine) counts once */
		if (sorted_index_find(&have->ix, have->v[i]) != (long)i ||
		    sorted_index_find(&other->ix, have->v[i]) >= 0)
			continue;
		if (++count <= NAMED)
			strbuf_addf(&list, "%s%s", count > 1 ? ", " : "", have->v[i]);
	}
	if (count > NAMED)
		strbuf_addf(&list, " and %zu more", count - NAMED);
	if (count)
		st = probe_result_warn(r, kind, "%s: %zu (%s)", what, count, strbuf_str(&list));
	if (strbuf_failed(&list))
		st = ST_NOMEM;
	strbuf_release(&list);
	return st;
}

static bool names_init(struct names *nm, size_t cap)
{
	memset(nm, 0, sizeof(*nm));
	nm->v = calloc(cap + 1, sizeof(*nm->v));
	return nm->v && sorted_index_init(&nm->ix, cap + 1);
}

static void names_add(struct names *nm, const char *name)
{
	nm->v[nm->n] = name;
	sorted_index_add(&nm->ix, name, nm->n++);
}

static void names_release(struct names *nm)
{
	free(nm->v);
	sorted_index_release(&nm->ix);
}

/* Hosts the cluster has and the inventory lacks, and the reverse, per role. */
static enum status inventory_mismatch(const struct session_cluster *c, struct probe_result *r)
{
	static const char *const roles[] = { "master", "agent" };
	enum status st = ST_OK;

	for (size_t k = 0; k < 2 && st == ST_OK; k++) {
		bool master = k == 0;
		size_t ncluster = master ? r->nmasters : r->nagents;
		struct names inv, live;
		char what[64];

		if (!names_init(&inv, c->nhosts) || !names_init(&live, ncluster)) {
			st = ST_NOMEM;
		} else {
			for (size_t i = 0; i < c->nhosts; i++)
				if (!strcmp(c->hosts[i].role, roles[k]))
					names_add(&inv, c->hosts[i].name);
			for (size_t i = 0; i < ncluster; i++)
				names_add(&live, master ? r->masters[i].host : r->agents[i].host);
			sorted_index_sort(&inv.ix);
			sorted_index_sort(&live.ix);
			snprintf(what, sizeof(what), "%ss in the cluster but not in the inventory",
				 roles[k]);
			st = missing(r, PROBE_NOT_IN_INVENTORY, what, &live, &inv);
			snprintf(what, sizeof(what), "%ss in the inventory but not in the cluster",
				 roles[k]);
			if (st == ST_OK)
				st = missing(r, PROBE_NOT_IN_CLUSTER, what, &inv, &live);
		}
		names_release(&inv);
		names_release(&live);
	}
	return st;
}

/* ---- recording ----------------------------------------------------------- */

/* @r as the journal's rows, in @a. */
static enum status as_journal_probe(const struct session_cluster *c, const struct probe_result *r,
				    const struct session_actor *who, struct arena *a,
				    struct journal_probe *p)
{
	size_t n = r->nmasters + r->nagents;

	*p = (struct journal_probe){ .session = c->session, .time = r->probed,
				     .operator_name = who->operator_name, .host = who->host,
				     .leader = r->leader, .nhosts = n, .nwarnings = r->nwarnings };
	p->hosts = arena_alloc(a, (n + 1) * sizeof(*p->hosts));
	p->warnings = arena_alloc(a, (r->nwarnings + 1) * sizeof(*p->warnings));
	if (!p->hosts || !p->warnings)
		return ST_NOMEM;
	for (size_t i = 0; i < r->nmasters; i++) {
		const struct probe_master *m = &r->masters[i];
		p->hosts[i] = (struct journal_probe_host){ .role = "master", .host = m->host,
			.url = m->url, .version = m->version, .reachable = m->reachable,
			.leader = m->leader, .error = m->error };
	}
	for (size_t i = 0; i < r->nagents; i++) {
		const struct probe_agent *g = &r->agents[i];
		p->hosts[r->nmasters + i] = (struct journal_probe_host){ .role = "agent",
			.host = g->host, .url = g->source, .version = g->version,
			.active = g->active, .recovered = g->recovered };
	}
	for (size_t i = 0; i < r->nwarnings; i++)
		p->warnings[i] = (struct journal_probe_warning){
			probe_warning_name(r->warnings[i].kind), r->warnings[i].text };
	return ST_OK;
}

enum status session_probe_record(struct journal *j, const struct session_cluster *c,
				 const struct session_actor *who, struct probe_result *r,
				 int64_t *probe_id, struct diag_list *dl)
{
	struct arena a = ARENA_INIT;
	struct journal_probe p;
	enum status st;

	st = leader_changed(c, r);
	if (st == ST_OK && c->nhosts)
		st = inventory_mismatch(c, r);
	if (st == ST_OK)
		st = as_journal_probe(c, r, who, &a, &p);
	if (st == ST_NOMEM) {
		diag_fail(dl, st, "out of memory; nothing was recorded");
	} else if (st == ST_OK) {
		st = journal_begin(j);
		if (st == ST_OK)
			st = journal_end(j, journal_probe_add(j, &p, probe_id));
		if (st != ST_OK)
			diag_fail(dl, st, "%s", journal_error(j));
	}
	arena_release(&a);
	return st;
}
