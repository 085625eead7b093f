/*
 * cluster_probe_private.h - what core/cluster_probe.c (masters, the leader)
 * and core/cluster_probe_agents.c (agents, warnings) share: one probe's
 * state and the helpers every round uses. Not a public interface.
 */
#ifndef MU_CLUSTER_PROBE_PRIVATE_H
#define MU_CLUSTER_PROBE_PRIVATE_H

#include "cluster_probe.h"
#include "mesos_parse.h"
#include "version.h"

struct probe {
	const struct probe_opts *o;
	struct mesos_http *h;
	struct probe_result *r;
	struct strbuf *why;
	enum status st;                 /* the refusal of the whole probe, if any */
	char **bases;                   /* per master: "scheme://host:port" */
	struct mesos_state *states;     /* per master, valid when has_state[i] */
	bool *has_state;
	char *redirect_base;            /* where a standby's 307 pointed */
	char *leader_base;              /* the leader's "scheme://host:port" */
	const struct mesos_state *leader_state;
	struct mesos_state lstate;      /* the leader's, when it is not listed */
	struct mesos_slaves slaves;
	bool has_slaves;
	struct version oldest;          /* the oldest master's version */
	bool has_oldest;
};

/* How a request ended, for the probe. */
enum outcome { ANSWERED, NOT_FOUND, REDIRECTED, DOWN };

/* Record the refusal of the whole probe (the first; a 401 or 403 outranks the others). */
void probe_refuse(struct probe *p, enum status st, const char *msg);
/* A /version answer @q read into *@version, or the probe refused with why. */
void probe_version(struct probe *p, struct mesos_http_request *q, const char **version);
/* @s copied into the result's arena; NULL (and ST_NOMEM) when out of memory. */
const char *probe_keep(struct probe *p, const char *s);
void probe_warn(struct probe *p, enum probe_warning_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* How @q ended; refuses the probe for a 401, 403, bad answer or cancel. */
enum outcome probe_outcome(struct probe *p, const struct mesos_http_request *q);
/* The requests of the @urls that are not NULL, run at once, in @urls' order. */
struct mesos_http_request *probe_run(struct probe *p, char **urls, size_t n, bool follow);
/* Release @n requests @q and free @n @urls (each may be NULL). */
void probe_release(struct mesos_http_request *q, size_t n, char **urls);
/* The scheme of @base ("https") into @buf. */
void probe_scheme_of(const char *base, char *buf, size_t size);

/* core/cluster_probe_agents.c */
void probe_agents(struct probe *p);
void probe_warnings(struct probe *p);

#endif
