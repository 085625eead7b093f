/*
 * cluster_probe_slaves.c - the agents' list read with the masters' first
 * round (see core/cluster_probe.c).
 *
 * Measured (the fake's 0.28 cluster of 3 masters and 10,000 agents): a
 * probe is two large parses, the leader's state (5.0 MB) and its
 * /master/slaves (7.2 MB), one after the other; the transfers on loopback
 * are tens of milliseconds. So every listed master is asked for
 * /master/slaves in the first round, beside its /version and state (a
 * standby answers with an empty list before 1.0, a 307 from 1.0, neither
 * costing anything), and the answers are parsed on a thread of their own
 * while this one parses the states. The leader's, once known, is taken;
 * any other answer is dropped unread. When the leader's is not a plain 200
 * (a redirect, a 401, a timeout) or the leader is not listed, the leader's
 * round asks again, as before: what the probe reports does not change.
 */
#include <pthread.h>
#include <stdlib.h>

#include "cluster_probe_private.h"

struct probe_slaves {
	pthread_t thread;
	bool threaded;
	size_t n;
	struct master_slaves {
		bool answered;          /* a 200 was parsed: st, s, why and arena are its */
		enum status st;
		struct mesos_slaves s;
		struct strbuf why;
		struct arena arena;
		const struct mesos_http_request *q;  /* until parsed */
	} *m;
};

static void *parse_all(void *arg)
{
	struct probe_slaves *ps = arg;

	for (size_t i = 0; i < ps->n; i++) {
		struct master_slaves *m = &ps->m[i];
		if (!m->q)
			continue;
		m->st = mesos_parse_slaves(&m->arena, m->q->body.buf, m->q->body.len, m->q->url,
					   &m->s, &m->why);
		m->answered = true;
		m->q = NULL;
	}
	return NULL;
}

struct probe_slaves *probe_slaves_start(const struct mesos_http_request *q, size_t n)
{
	struct probe_slaves *ps = calloc(1, sizeof(*ps));

	if (!ps || !(ps->m = calloc(n ? n : 1, sizeof(*ps->m)))) {
		free(ps);
		return NULL;
	}
	ps->n = n;
	for (size_t i = 0; i < n; i++) {
		strbuf_init(&ps->m[i].why);
		if (q && q[i].url && q[i].kind == MH_OK)
			ps->m[i].q = &q[i];
	}
	/* no thread to be had: parsed here, the same answers, later */
	ps->threaded = pthread_create(&ps->thread, NULL, parse_all, ps) == 0;
	if (!ps->threaded)
		parse_all(ps);
	return ps;
}

void probe_slaves_join(struct probe_slaves *ps)
{
	if (ps && ps->threaded)
		pthread_join(ps->thread, NULL);
	if (ps)
		ps->threaded = false;
}

bool probe_slaves_take(struct probe *p, struct probe_slaves *ps, size_t i)
{
	struct master_slaves *m;

	probe_slaves_join(ps);
	if (!ps || i >= ps->n || !ps->m[i].answered)
		return false;
	m = &ps->m[i];
	if (m->st != ST_OK) {
		probe_refuse(p, m->st, strbuf_str(&m->why));
		return true;
	}
	/* the agents' strings are in m->arena: the result keeps them */
	arena_adopt(&p->r->arena, &m->arena);
	p->slaves = m->s;
	p->has_slaves = true;
	m->answered = false;
	return true;
}

void probe_slaves_free(struct probe_slaves **psp)
{
	struct probe_slaves *ps = *psp;

	if (!ps)
		return;
	probe_slaves_join(ps);
	for (size_t i = 0; i < ps->n; i++) {
		arena_release(&ps->m[i].arena);
		strbuf_release(&ps->m[i].why);
	}
	free(ps->m);
	free(ps);
	*psp = NULL;
}
