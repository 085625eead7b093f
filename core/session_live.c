/*
 * session_live.c - the latest probe of a session, looked up by host, and the
 * evidence of its events by event id (see session_live.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mesos_parse.h"
#include "session_live.h"
#include "version.h"

enum status session_live_load(struct journal *j, int64_t session, bool evidence,
			      struct session_live **out)
{
	struct session_live *l = calloc(1, sizeof(*l));
	struct journal_probe *p;
	enum status st;

	*out = NULL;
	if (!l)
		return ST_NOMEM;
	st = journal_probe_latest(j, session, &l->arena, &l->probe, &l->probed);
	if (st == ST_OK && evidence)
		st = journal_evidence(j, session, &l->arena, &l->evidence, &l->nevidence);
	if (st == ST_OK && l->probed) {
		p = &l->probe;
		if (!sorted_index_init(&l->masters, p->nhosts + 1) ||
		    !sorted_index_init(&l->agents, p->nhosts + 1)) {
			st = ST_NOMEM;
		} else {
			for (size_t i = 0; i < p->nhosts; i++)
				sorted_index_add(strcmp(p->hosts[i].role, "master") ? &l->agents
										   : &l->masters,
						 p->hosts[i].host, i);
			sorted_index_sort(&l->masters);
			sorted_index_sort(&l->agents);
		}
	}
	*out = l;
	if (st != ST_OK)
		session_live_free(out);
	return st;
}

void session_live_free(struct session_live **lp)
{
	struct session_live *l = *lp;

	if (!l)
		return;
	sorted_index_release(&l->masters);
	sorted_index_release(&l->agents);
	arena_release(&l->arena);
	free(l);
	*lp = NULL;
}

const struct journal_probe_host *session_live_host(const struct session_live *l, const char *role,
						   const char *host)
{
	const struct sorted_index *ix;
	long k;

	if (!l || !l->probed || !host)
		return NULL;
	ix = strcmp(role, "master") ? &l->agents : &l->masters;
	k = sorted_index_find(ix, host);
	return k < 0 ? NULL : &l->probe.hosts[k];
}

const struct journal_probe_host *session_live_item(const struct session_live *l,
						   const struct session *s,
						   const struct session_item *it)
{
	const struct session_item *step;
	enum role role;

	if (!it->host || it->parent < 0)
		return NULL;
	step = &s->items[it->parent];
	if (!content_per_host(step->note, step->step, &role))
		return NULL;
	return session_live_host(l, content_role_name(role), it->host);
}

enum live_match session_live_match(const struct content_hop *hop, const char *version)
{
	char series[32];
	struct version v;
	int cmp;

	if (!version || !mesos_version_series(version, series, sizeof(series)) ||
	    !version_parse_series(series, &v))
		return LIVE_UNKNOWN;
	cmp = version_series_cmp(&v, &hop->vto);
	return cmp < 0 ? LIVE_OLDER : cmp == 0 ? LIVE_TARGET : LIVE_NEWER;
}

bool session_live_mismatch(const struct session_live *l, const struct session *s,
			   const struct session_item *it)
{
	const struct journal_probe_host *h;

	if (it->state != ITEM_DONE || !(h = session_live_item(l, s, it)))
		return false;
	return session_live_match(&s->plan.hops[it->hop], h->version) == LIVE_OLDER;
}

const struct journal_evidence *session_live_evidence(const struct session_live *l, int64_t event)
{
	size_t lo = 0, hi = l ? l->nevidence : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->evidence[mid].event == event)
			return &l->evidence[mid];
		if (l->evidence[mid].event < event)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void session_probe_summary(const struct journal_probe *p, struct strbuf *out)
{
	strbuf_addf(out, "leader %s; %zu of %zu master%s answered; %zu agent%s; %zu warning%s",
		    p->leader ? p->leader : "none", p->masters_answered, p->masters,
		    p->masters == 1 ? "" : "s", p->agents, p->agents == 1 ? "" : "s", p->nwarnings,
		    p->nwarnings == 1 ? "" : "s");
}
