/*
 * cluster_probe.h - what a live Mesos cluster says about itself, read once.
 *
 * cluster_probe() asks each master its /version and its state
 * (/master/state, or /master/state.json before 0.25), finds the leader
 * (the master whose state names itself as leader; else the leader a 307 or
 * /master/redirect points at, which may be a master not on the list), reads
 * /master/slaves, /metrics/snapshot and (when it is not one of the listed
 * masters) the state from the leader, and asks the agents whose version the
 * master leaves out (before 0.26) their own /version (/state.json before
 * 0.26), at the address of their pid, with the leader's scheme.
 *
 * The result is shaped for "probe --format json":
 *   {"probed": TIME, "leader": HOST|null,
 *    "masters": [{"url", "host", "version", "leader", "reachable", "error"}],
 *    "agents": [{"host", "version", "active", "recovered"}],
 *    "frameworks_without_checkpoint": [NAME, ...],
 *    "warnings": [{"kind", "text"}]}
 *
 * Status, and nothing in *out unless ST_OK (nothing is recorded on error);
 * a failure is one message without a place in @dl (diag.h):
 *   ST_OK           at least one master answered; the others are listed,
 *                   unreachable, with their error, and warned about
 *   ST_UNAVAILABLE  no master answered (or the cancel hook stopped the probe)
 *   ST_NOPERM       a master or agent answered 401 or 403 (the message
 *                   names --credentials)
 *   ST_DATAERR      an answer was not what Mesos sends (not JSON, wrong
 *                   shape): the message names the URL and the field
 *   ST_NOMEM
 * An agent that does not answer its /version is not an error: its version
 * stays unknown, with a warning.
 */
#ifndef MU_CLUSTER_PROBE_H
#define MU_CLUSTER_PROBE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "clock.h"
#include "diag.h"
#include "mesos_http.h"
#include "status.h"
#include "strbuf.h"

struct probe_opts {
	const char *const *masters;  /* base URLs, "https://m1:5050" */
	size_t nmasters;
	/* timeouts, --cacert, the credential, the cancel and progress hooks;
	 * progress counts the requests of each round of the probe */
	struct mesos_http_opts http;
};

struct probe_master {
	const char *url;        /* as given */
	const char *host;       /* its state's "hostname", else the URL's host */
	const char *version;    /* NULL when it did not say */
	bool leader;
	bool reachable;
	const char *error;      /* NULL, or why it is not reachable */
};

struct probe_agent {
	const char *host;
	const char *version;    /* NULL when unknown */
	bool active;
	bool recovered;         /* recovered from the registry, not re-registered */
	const char *source;     /* the URL its version was read from; NULL when unknown */
};

enum probe_warning_kind {
	PROBE_MASTER_UNREACHABLE,
	PROBE_NO_LEADER,
	PROBE_LEADER_NOT_READY,     /* its metrics: not elected, or registry not recovered */
	PROBE_AGENTS_NEWER,         /* agents newer than the oldest master */
	PROBE_AGENTS_RECOVERED,
	PROBE_AGENTS_INACTIVE,
	PROBE_AGENTS_VERSION_UNKNOWN,
	PROBE_NO_CHECKPOINT,        /* one per framework with checkpointing off */
	/* added by a session's probe (session_probe.h), which knows the
	 * inventory and the probes before */
	PROBE_LEADER_CHANGED,
	PROBE_NOT_IN_INVENTORY,     /* hosts the cluster has and the inventory lacks */
	PROBE_NOT_IN_CLUSTER        /* hosts of the inventory the cluster does not know */
};

struct probe_warning {
	enum probe_warning_kind kind;
	const char *text;
};

struct probe_result {
	struct arena arena;     /* every string and array below */
	char probed[CLOCK_ISO_LEN + 1];
	const char *leader;     /* the leader's host, NULL when none was found */
	struct probe_master *masters;
	size_t nmasters;
	struct probe_agent *agents;
	size_t nagents;
	const char **frameworks_without_checkpoint;
	size_t nframeworks_without_checkpoint;
	struct probe_warning *warnings;
	size_t nwarnings;
	size_t warnings_cap;
};

enum status cluster_probe(const struct probe_opts *o, struct probe_result **out,
			  struct diag_list *dl);
void probe_result_free(struct probe_result **r);
/* Add a warning to @r (in its arena); ST_NOMEM when memory runs out. */
enum status probe_result_warn(struct probe_result *r, enum probe_warning_kind kind,
			      const char *fmt, ...) __attribute__((format(printf, 3, 4)));
enum status probe_result_vwarn(struct probe_result *r, enum probe_warning_kind kind,
			       const char *fmt, va_list ap);
/* "master-unreachable", "no-leader", ... (the "kind" of the JSON) */
const char *probe_warning_name(enum probe_warning_kind kind);

#endif
