/*
 * cluster_probe_agents.c - the probe's last rounds: the agents (those whose
 * version the master leaves out are asked), and the warnings computed from
 * the whole result (see include/cluster_probe.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_probe_private.h"

/* ---- agents -------------------------------------------------------------- */

/* Agent @i's version from its own answer @q to @url, which becomes its source. */
static void agent_version(struct probe *p, size_t i, struct mesos_http_request *q, const char *url)
{
	probe_version(p, q, &p->r->agents[i].version);
	if (p->r->agents[i].version)
		p->r->agents[i].source = probe_keep(p, url);
}

/* The URL of @path on agent @a, at its pid's address; NULL when it has none. */
static char *agent_url(const char *scheme, const struct mesos_agent *a, const char *path)
{
	char addr[MESOS_PARSE_MAX_NAME];
	struct strbuf sb = STRBUF_INIT;

	if (!a->pid || !mesos_pid_address(a->pid, addr, sizeof(addr)))
		return NULL;
	strbuf_addf(&sb, "%s://%s%s", scheme, addr, path);
	return strbuf_detach(&sb);
}

/* Agents from /master/slaves; those without a version asked for it. */
void probe_agents(struct probe *p)
{
	struct probe_result *r = p->r;
	size_t n = p->slaves.nagents, need = 0;
	char scheme[16], **vu = calloc(n + 1, sizeof(*vu)), **ju = calloc(n + 1, sizeof(*ju));
	struct mesos_http_request *vq = NULL, *jq = NULL;
	struct strbuf listed = STRBUF_INIT;
	const char *slaves;

	r->agents = arena_alloc(&r->arena, (n + 1) * sizeof(*r->agents));
	if (!vu || !ju || !r->agents) {
		probe_refuse(p, ST_NOMEM, "out of memory");
		goto out;
	}
	r->nagents = n;
	probe_scheme_of(p->leader_base, scheme, sizeof(scheme));
	strbuf_addf(&listed, "%s/master/slaves", p->leader_base);
	slaves = probe_keep(p, strbuf_str(&listed));
	strbuf_release(&listed);
	for (size_t i = 0; i < n; i++) {
		const struct mesos_agent *a = &p->slaves.agents[i];
		r->agents[i] = (struct probe_agent){ a->hostname, a->version, a->active,
						     a->recovered, a->version ? slaves : NULL };
		/* before 0.26 the master does not say: the agent is asked */
		if (!a->version && !a->recovered && (vu[i] = agent_url(scheme, a, "/version")))
			need++;
	}
	if (!need || !(vq = probe_run(p, vu, n, false)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!vu[i])
			continue;
		enum outcome o = probe_outcome(p, &vq[i]);
		if (o == ANSWERED)
			agent_version(p, i, &vq[i], vu[i]);
		else if (o == NOT_FOUND) /* no /version before 0.26: its state says */
			ju[i] = agent_url(scheme, &p->slaves.agents[i], "/state.json");
	}
	if (!(jq = probe_run(p, ju, n, false)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (ju[i] && probe_outcome(p, &jq[i]) == ANSWERED)
			agent_version(p, i, &jq[i], ju[i]);
out:
	probe_release(vq, n, vu);
	probe_release(jq, n, ju);
}

/* ---- warnings -------------------------------------------------------------- */

/* "1.4.3" or "1.11.0-rc2" as a version, false when it is not one. */
static bool release_of(const char *s, struct version *v)
{
	char head[32];
	size_t n = s ? strcspn(s, "-+") : 0;

	if (!n || n >= sizeof(head))
		return false;
	memcpy(head, s, n);
	head[n] = '\0';
	return version_parse(head, v) && v->kind != VERSION_ANY;
}

static bool agent_newer(const struct probe *p, const struct probe_agent *a)
{
	struct version v;

	return p->has_oldest && release_of(a->version, &v) && version_cmp(&v, &p->oldest) > 0;
}

static bool agent_recovered(const struct probe *p, const struct probe_agent *a)
{
	(void)p;
	return a->recovered;
}

static bool agent_inactive(const struct probe *p, const struct probe_agent *a)
{
	(void)p;
	return !a->active && !a->recovered;
}

static bool agent_unknown(const struct probe *p, const struct probe_agent *a)
{
	(void)p;
	return !a->version && !a->recovered;
}

/* One warning for all the agents @pred picks: how many, and the first few by name. */
static void warn_agents(struct probe *p, enum probe_warning_kind kind,
			bool (*pred)(const struct probe *, const struct probe_agent *),
			const char *what)
{
	enum { NAMED = 5 };
	struct strbuf hosts = STRBUF_INIT;
	size_t count = 0;

	for (size_t i = 0; i < p->r->nagents; i++) {
		if (!pred(p, &p->r->agents[i]))
			continue;
		if (++count <= NAMED)
			strbuf_addf(&hosts, "%s%s", count > 1 ? ", " : "", p->r->agents[i].host);
	}
	if (count > NAMED)
		strbuf_addf(&hosts, " and %zu more", count - NAMED);
	if (count)
		probe_warn(p, kind, "%s: %zu (%s)", what, count, strbuf_str(&hosts));
	strbuf_release(&hosts);
}

void probe_warnings(struct probe *p)
{
	struct probe_result *r = p->r;
	const struct mesos_state *ls = p->leader_state;
	char oldest[64], what[128];
	size_t n = 0;

	for (size_t i = 0; i < r->nmasters; i++) {
		struct version v;
		if (!r->masters[i].reachable)
			probe_warn(p, PROBE_MASTER_UNREACHABLE, "the master %s did not answer: %s",
			     r->masters[i].url, r->masters[i].error);
		else if (release_of(r->masters[i].version, &v) &&
			 (!p->has_oldest || version_cmp(&v, &p->oldest) < 0))
			p->oldest = v, p->has_oldest = true;
	}
	if (!r->leader)
		probe_warn(p, PROBE_NO_LEADER, "no master is the elected leader");
	if (p->has_oldest) {
		version_str(&p->oldest, oldest, sizeof(oldest));
		snprintf(what, sizeof(what), "agents newer than the oldest master (%s)", oldest);
		warn_agents(p, PROBE_AGENTS_NEWER, agent_newer, what);
	}
	warn_agents(p, PROBE_AGENTS_RECOVERED, agent_recovered,
		    "agents recovered from the registry that have not re-registered");
	warn_agents(p, PROBE_AGENTS_INACTIVE, agent_inactive, "inactive agents");
	warn_agents(p, PROBE_AGENTS_VERSION_UNKNOWN, agent_unknown,
		    "agents whose version could not be read");
	for (size_t i = 0; ls && i < ls->nframeworks; i++)
		n += !ls->frameworks[i].checkpoint;
	r->frameworks_without_checkpoint = arena_alloc(&r->arena, (n + 1) * sizeof(char *));
	if (!r->frameworks_without_checkpoint) {
		probe_refuse(p, ST_NOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; ls && i < ls->nframeworks; i++) {
		if (ls->frameworks[i].checkpoint)
			continue;
		r->frameworks_without_checkpoint[r->nframeworks_without_checkpoint++] =
			ls->frameworks[i].name;
		/* the name is the framework's own: front ends make it terminal-safe */
		probe_warn(p, PROBE_NO_CHECKPOINT, "the framework %s runs without checkpointing: its "
		     "tasks do not survive an agent's restart", ls->frameworks[i].name);
	}
}
