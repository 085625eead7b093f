/*
 * cluster_probe.c - one probe of a live cluster (see include/cluster_probe.h).
 *
 * Rounds of requests, each run concurrently by mesos_http_get(): every
 * master's /version and state; the state.json of those that have no
 * /master/state (before 0.25); /master/redirect when no listed master leads
 * but one names a leader; the leader's /master/slaves, /metrics/snapshot and
 * (when the leader is not on the list) state; the /version (or /state.json)
 * of agents the master did not give a version for. Everything kept goes into
 * the result's arena; requests and their bodies are freed round by round.
 * The agents' round and the warnings are in core/cluster_probe_agents.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_probe.h"
#include "cluster_probe_private.h"
#include "mesos_parse.h"
#include "version.h"

/*
 * The first refusal is the one reported, except that a 401 or 403 outranks
 * the others: the operator fixes the credentials first, and the other
 * answers may change with them.
 */
void probe_refuse(struct probe *p, enum status st, const char *msg)
{
	if (p->st != ST_OK && !(st == ST_NOPERM && p->st != ST_NOPERM))
		return;
	strbuf_reset(p->why);
	strbuf_adds(p->why, msg);
	p->st = st;
}

const char *probe_keep(struct probe *p, const char *s)
{
	char *c = arena_strdup(&p->r->arena, s);

	if (!c)
		probe_refuse(p, ST_NOMEM, "out of memory");
	return c;
}

enum status probe_result_vwarn(struct probe_result *r, enum probe_warning_kind kind,
			       const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct probe_warning *w;
	enum status st = ST_NOMEM;

	w = arena_grow(&r->arena, r->warnings, r->nwarnings, &r->warnings_cap, sizeof(*w), 8);
	if (w) {
		r->warnings = w;
		strbuf_vaddf(&sb, fmt, ap);
		w[r->nwarnings].kind = kind;
		w[r->nwarnings].text = arena_strndup(&r->arena, strbuf_str(&sb), sb.len);
		if (w[r->nwarnings].text && !strbuf_failed(&sb)) {
			r->nwarnings++;
			st = ST_OK;
		}
	}
	strbuf_release(&sb);
	return st;
}

enum status probe_result_warn(struct probe_result *r, enum probe_warning_kind kind,
			      const char *fmt, ...)
{
	enum status st;
	va_list ap;

	va_start(ap, fmt);
	st = probe_result_vwarn(r, kind, fmt, ap);
	va_end(ap);
	return st;
}

void probe_warn(struct probe *p, enum probe_warning_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (probe_result_vwarn(p->r, kind, fmt, ap) != ST_OK)
		probe_refuse(p, ST_NOMEM, "out of memory");
	va_end(ap);
}

enum outcome probe_outcome(struct probe *p, const struct mesos_http_request *q)
{
	switch (q->kind) {
	case MH_OK:
		return ANSWERED;
	case MH_NOT_FOUND:
		return NOT_FOUND;
	case MH_REDIRECT:
		return REDIRECTED;
	case MH_AUTH:
	case MH_BAD_ANSWER:
	case MH_NOMEM:
		probe_refuse(p, mesos_http_status(q->kind, q->code), strbuf_str(&q->message));
		break;
	case MH_HTTP:
		if (mesos_http_status(q->kind, q->code) != ST_UNAVAILABLE)
			probe_refuse(p, ST_DATAERR, strbuf_str(&q->message));
		break;
	case MH_CANCELLED:
		probe_refuse(p, ST_UNAVAILABLE, "the probe was cancelled");
		break;
	case MH_UNREACHABLE:
	case MH_TIMEOUT:
	case MH_TLS:
		break;
	}
	return DOWN;
}

/*
 * The requests of the @n @urls that are not NULL, run at once; entry i of
 * the answer is urls[i]'s (zeroed where urls[i] is NULL). The caller
 * releases them.
 */
struct mesos_http_request *probe_run(struct probe *p, char **urls, size_t n, bool follow)
{
	struct mesos_http_request *q = calloc(n ? n : 1, sizeof(*q)), *c = NULL;
	size_t *idx = calloc(n ? n : 1, sizeof(*idx)), m = 0;

	if (!q || !idx || !(c = calloc(n ? n : 1, sizeof(*c))))
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		if (!urls[i])
			continue;
		c[m].url = urls[i];
		c[m].follow = follow;
		idx[m++] = i;
	}
	if (mesos_http_get(p->h, c, m) != ST_OK)
		probe_refuse(p, ST_NOMEM, "out of memory");
	/* the structs move: their buffers now belong to q */
	for (size_t k = 0; k < m; k++)
		q[idx[k]] = c[k];
	free(c);
	free(idx);
	return q;
nomem:
	probe_refuse(p, ST_NOMEM, "out of memory");
	free(q);
	free(idx);
	return NULL;
}

void probe_release(struct mesos_http_request *q, size_t n, char **urls)
{
	for (size_t i = 0; q && i < n; i++)
		mesos_http_request_release(&q[i]);
	free(q);
	for (size_t i = 0; urls && i < n; i++)
		free(urls[i]);
	free(urls);
}

/* The URLs of @path on every listed master (all of them, or those @only marks). */
static char **master_urls(struct probe *p, const char *path, const bool *only)
{
	char **urls = calloc(p->r->nmasters, sizeof(*urls));

	for (size_t i = 0; urls && i < p->r->nmasters; i++)
		if (!only || only[i])
			urls[i] = mesos_http_join(p->o->masters[i], path, p->why);
	if (!urls)
		probe_refuse(p, ST_NOMEM, "out of memory");
	return urls;
}

/* ---- masters -------------------------------------------------------------- */

void probe_version(struct probe *p, struct mesos_http_request *q, const char **version)
{
	struct mesos_version_info v;
	struct strbuf why = STRBUF_INIT;
	enum status st = mesos_parse_version(&p->r->arena, q->body.buf, q->body.len, q->url, &v,
					     &why);

	if (st != ST_OK)
		probe_refuse(p, st, strbuf_str(&why));
	else
		*version = v.version;
	strbuf_release(&why);
}

static void master_version(struct probe *p, size_t i, struct mesos_http_request *q)
{
	probe_version(p, q, &p->r->masters[i].version);
}

static void master_state(struct probe *p, size_t i, struct mesos_http_request *q)
{
	struct probe_master *m = &p->r->masters[i];
	struct mesos_state *s = &p->states[i];
	struct strbuf why = STRBUF_INIT;
	enum status st = mesos_parse_state(&p->r->arena, q->body.buf, q->body.len, q->url, s,
					   &why);

	if (st != ST_OK) {
		probe_refuse(p, st, strbuf_str(&why));
	} else {
		p->has_state[i] = true;
		m->host = s->hostname;
		if (!m->version)
			m->version = s->version;  /* before 0.26: no /version */
		m->leader = s->elected && s->leader && !strcmp(s->leader, s->pid);
	}
	strbuf_release(&why);
}

/* Master @i from its /version (@vq) and its state (@sq). */
static void master_result(struct probe *p, size_t i, struct mesos_http_request *vq,
			  struct mesos_http_request *sq)
{
	struct probe_master *m = &p->r->masters[i];
	enum outcome ov = probe_outcome(p, vq), os = probe_outcome(p, sq);

	if (ov == ANSWERED)
		master_version(p, i, vq);
	if (os == ANSWERED) {
		master_state(p, i, sq);
	} else if (os == REDIRECTED && !p->redirect_base) {
		/* 1.0 and later: a standby sends us to the leader */
		p->redirect_base = mesos_http_base(sq->location);
	} else if (os == NOT_FOUND) {
		probe_refuse(p, ST_DATAERR, strbuf_str(&sq->message));
	}
	/* the state is what a probe needs: a master that gives its /version but
	 * not its state in time is not counted as answering */
	m->reachable = os != DOWN;
	if (!m->reachable)
		m->error = probe_keep(p, strbuf_str(&sq->message));
}

static void probe_masters(struct probe *p)
{
	size_t n = p->r->nmasters;
	char **vu = master_urls(p, "/version", NULL), **su = master_urls(p, "/master/state", NULL);
	char **ju = NULL;
	struct mesos_http_request *vq = NULL, *sq = NULL, *jq = NULL;
	bool *old = calloc(n, sizeof(*old));

	if (!vu || !su || !old || p->st != ST_OK)
		goto out;
	/* both rounds at once: a master's /version and its state are independent */
	char **all = calloc(2 * n, sizeof(*all));
	if (!all)
		goto out;
	memcpy(all, vu, n * sizeof(*all));
	memcpy(all + n, su, n * sizeof(*all));
	vq = probe_run(p, all, 2 * n, false);
	free(all);
	if (!vq)
		goto out;
	sq = vq + n;
	for (size_t i = 0; i < n; i++)
		old[i] = sq[i].kind == MH_NOT_FOUND;
	/* before 0.25 the state is /master/state.json only */
	if (!(ju = master_urls(p, "/master/state.json", old)) || !(jq = probe_run(p, ju, n, false)))
		goto out;
	for (size_t i = 0; i < n && p->st != ST_NOMEM; i++)
		master_result(p, i, &vq[i], old[i] ? &jq[i] : &sq[i]);
out:
	probe_release(vq, 2 * n, NULL);
	probe_release(jq, n, ju);
	probe_release(NULL, n, vu);
	probe_release(NULL, n, su);
	free(old);
}

/* ---- the leader ----------------------------------------------------------- */

/* "scheme" of @base into @buf ("https"). */
void probe_scheme_of(const char *base, char *buf, size_t size)
{
	size_t n = strcspn(base, ":");

	snprintf(buf, size, "%.*s", (int)n, base);
}

/*
 * No listed master leads, but a standby's state names the leader's pid:
 * /master/redirect on that standby gives the leader's name (as in its TLS
 * certificate), where the pid has an IP address; the pid is the fallback.
 */
static char *leader_from_pid(struct probe *p)
{
	char addr[MESOS_PARSE_MAX_NAME], scheme[16], **u = NULL, *base = NULL;
	struct mesos_http_request *q = NULL;
	size_t i, n = p->r->nmasters;

	for (i = 0; i < n; i++)
		if (p->has_state[i] && p->states[i].leader)
			break;
	if (i == n)
		return NULL;
	if (!(u = calloc(1, sizeof(*u))) || !(u[0] = mesos_http_join(p->o->masters[i],
								     "/master/redirect", p->why)))
		goto out;
	if ((q = probe_run(p, u, 1, false)) && q->kind == MH_REDIRECT)
		base = mesos_http_base(q->location);
	if (!base && mesos_pid_address(p->states[i].leader, addr, sizeof(addr))) {
		struct strbuf sb = STRBUF_INIT;
		probe_scheme_of(p->bases[i], scheme, sizeof(scheme));
		strbuf_addf(&sb, "%s://%s", scheme, addr);
		base = strbuf_detach(&sb);
	}
out:
	probe_release(q, 1, u);
	return base;
}

static void find_leader(struct probe *p)
{
	struct probe_result *r = p->r;
	char *host;

	for (size_t i = 0; i < r->nmasters; i++) {
		if (!r->masters[i].leader)
			continue;
		p->leader_base = strdup(p->bases[i]);
		p->leader_state = &p->states[i];
		r->leader = r->masters[i].host;
		return;
	}
	if (p->redirect_base) {
		p->leader_base = p->redirect_base;
		p->redirect_base = NULL;
	} else {
		p->leader_base = leader_from_pid(p);
	}
	if (!p->leader_base || !(host = mesos_http_host(p->leader_base)))
		return;
	/* the leader may be one of the listed masters that did not answer */
	r->leader = probe_keep(p, host);
	free(host);
}

/* ---- the leader's answers -------------------------------------------------- */

static void leader_metrics(struct probe *p, struct mesos_http_request *q)
{
	struct mesos_metrics m;
	struct strbuf why = STRBUF_INIT;
	enum status st;

	/* a master without the metrics (or refusing them) is no reason to stop */
	if (probe_outcome(p, q) != ANSWERED)
		return;
	st = mesos_parse_metrics(q->body.buf, q->body.len, q->url, &m, &why);
	if (st != ST_OK)
		probe_refuse(p, st, strbuf_str(&why));
	if (st == ST_OK && m.has_elected && !m.elected)
		probe_warn(p, PROBE_LEADER_NOT_READY, "the leader %s says it is not elected "
		     "(master/elected is 0)", p->r->leader);
	if (st == ST_OK && m.has_recovered && !m.recovered)
		probe_warn(p, PROBE_LEADER_NOT_READY, "the leader %s has not recovered its registry "
		     "(registrar/log/recovered is 0)", p->r->leader);
	strbuf_release(&why);
}

/* The leader's state, when it is not a listed master: frameworks come from it. */
static void leader_state(struct probe *p, struct mesos_http_request *q)
{
	struct strbuf why = STRBUF_INIT;
	enum status st;

	if (probe_outcome(p, q) != ANSWERED)
		return;
	st = mesos_parse_state(&p->r->arena, q->body.buf, q->body.len, q->url, &p->lstate, &why);
	if (st != ST_OK)
		probe_refuse(p, st, strbuf_str(&why));
	else
		p->leader_state = &p->lstate;
	strbuf_release(&why);
}

static void probe_leader(struct probe *p)
{
	char **u = calloc(4, sizeof(*u));
	struct mesos_http_request *q = NULL, *jq = NULL;
	struct strbuf why = STRBUF_INIT;
	enum outcome os;

	if (!u || !(u[0] = mesos_http_join(p->leader_base, "/master/slaves", p->why)) ||
	    !(u[1] = mesos_http_join(p->leader_base, "/metrics/snapshot", p->why)) ||
	    (!p->leader_state && !(u[2] = mesos_http_join(p->leader_base, "/master/state",
							  p->why))) ||
	    !(q = probe_run(p, u, 3, true)))
		goto out;
	os = probe_outcome(p, &q[0]);
	if (os == ANSWERED) {
		enum status st = mesos_parse_slaves(&p->r->arena, q[0].body.buf, q[0].body.len,
						    q[0].url, &p->slaves, &why);
		p->has_slaves = st == ST_OK;
		if (st != ST_OK)
			probe_refuse(p, st, strbuf_str(&why));
	} else if (os == DOWN) {
		/* a partial answer: the masters are known, the agents are not */
		probe_warn(p, PROBE_MASTER_UNREACHABLE, "the leader %s did not give its agents: %s",
		     p->r->leader, strbuf_str(&q[0].message));
	} else {
		probe_refuse(p, ST_DATAERR, strbuf_str(&q[0].message));
	}
	leader_metrics(p, &q[1]);
	if (u[2] && q[2].kind == MH_NOT_FOUND) {
		/* before 0.25 */
		if ((u[3] = mesos_http_join(p->leader_base, "/master/state.json", p->why)) &&
		    (jq = probe_run(p, u + 3, 1, true)))
			leader_state(p, jq);
	} else if (u[2]) {
		leader_state(p, &q[2]);
	}
out:
	if (!u || (!q && p->st == ST_OK))
		probe_refuse(p, ST_NOMEM, "out of memory");
	probe_release(jq, 1, NULL);
	probe_release(q, 3, NULL);
	probe_release(NULL, 4, u);
	strbuf_release(&why);
}

/* ---- the probe ------------------------------------------------------------- */

const char *probe_warning_name(enum probe_warning_kind kind)
{
	static const char *const names[] = {
		[PROBE_MASTER_UNREACHABLE] = "master-unreachable",
		[PROBE_NO_LEADER] = "no-leader",
		[PROBE_LEADER_NOT_READY] = "leader-not-ready",
		[PROBE_AGENTS_NEWER] = "agents-newer",
		[PROBE_AGENTS_RECOVERED] = "agents-recovered",
		[PROBE_AGENTS_INACTIVE] = "agents-inactive",
		[PROBE_AGENTS_VERSION_UNKNOWN] = "agents-version-unknown",
		[PROBE_NO_CHECKPOINT] = "no-checkpoint",
		[PROBE_LEADER_CHANGED] = "leader-changed",
		[PROBE_NOT_IN_INVENTORY] = "not-in-inventory",
		[PROBE_NOT_IN_CLUSTER] = "not-in-cluster",
	};

	return (size_t)kind < sizeof(names) / sizeof(*names) ? names[kind] : "unknown";
}

void probe_result_free(struct probe_result **rp)
{
	if (!*rp)
		return;
	arena_release(&(*rp)->arena);
	free(*rp);
	*rp = NULL;
}

/* The listed masters, checked, with what is known before asking them. */
static enum status masters_init(struct probe *p)
{
	struct probe_result *r = p->r;
	size_t n = p->o->nmasters;

	r->nmasters = n;
	r->masters = arena_alloc(&r->arena, n * sizeof(*r->masters));
	p->bases = calloc(n, sizeof(*p->bases));
	p->states = calloc(n, sizeof(*p->states));
	p->has_state = calloc(n, sizeof(*p->has_state));
	if (!r->masters || !p->bases || !p->states || !p->has_state)
		return ST_NOMEM;
	for (size_t i = 0; i < n; i++) {
		char *probe = mesos_http_join(p->o->masters[i], "/", p->why), *host;
		free(probe);
		if (!probe || !(p->bases[i] = mesos_http_base(p->o->masters[i])))
			return ST_USAGE;
		if (!(host = mesos_http_host(p->o->masters[i])))
			return ST_NOMEM;
		r->masters[i].url = probe_keep(p, p->o->masters[i]);
		r->masters[i].host = probe_keep(p, host);
		free(host);
	}
	return p->st;
}

/* None of the masters answered: ST_UNAVAILABLE, with each one's reason. */
static void none_answered(struct probe *p)
{
	strbuf_reset(p->why);
	strbuf_adds(p->why, "no Mesos master answered");
	for (size_t i = 0; i < p->r->nmasters; i++)
		strbuf_addf(p->why, "%s %s", i ? ";" : ":", p->r->masters[i].error);
	p->st = ST_UNAVAILABLE;
}

/* cluster_probe(), its failure said in @why. */
static enum status probe(const struct probe_opts *o, struct probe_result **out, struct strbuf *why)
{
	struct probe p = { .o = o, .why = why };
	bool any = false;

	*out = NULL;
	if (!o->nmasters) {
		strbuf_adds(why, "no master to probe");
		return ST_USAGE;
	}
	if (!(p.r = calloc(1, sizeof(*p.r))))
		return ST_NOMEM;
	clock_iso(clock_now(), p.r->probed);
	if ((p.st = masters_init(&p)) != ST_OK ||
	    (p.st = mesos_http_new(&o->http, &p.h, why)) != ST_OK)
		goto out;
	probe_masters(&p);
	for (size_t i = 0; i < p.r->nmasters; i++)
		any |= p.r->masters[i].reachable;
	if (p.st == ST_OK && !any)
		none_answered(&p);
	if (p.st == ST_OK)
		find_leader(&p);
	if (p.st == ST_OK && p.leader_base)
		probe_leader(&p);
	if (p.st == ST_OK && p.has_slaves)
		probe_agents(&p);
	if (p.st == ST_OK)
		probe_warnings(&p);
out:
	if (p.st == ST_NOMEM && !why->len)
		strbuf_adds(why, "out of memory");
	mesos_http_free(&p.h);
	for (size_t i = 0; p.bases && i < o->nmasters; i++)
		free(p.bases[i]);
	free(p.bases);
	free(p.states);
	free(p.has_state);
	free(p.redirect_base);
	free(p.leader_base);
	if (p.st == ST_OK)
		*out = p.r;
	else
		probe_result_free(&p.r);
	return p.st;
}

enum status cluster_probe(const struct probe_opts *o, struct probe_result **out,
			  struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	enum status st = probe(o, out, &why);

	if (st != ST_OK)
		diag_fail_why(dl, st, &why);
	strbuf_release(&why);
	return st;
}
