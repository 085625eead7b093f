/*
 * mesos_parse.h - the answers of Mesos masters and agents, and Mesos
 * credential files, read with jansson into plain structs.
 *
 * Each parser takes the bytes of one answer and @src, the URL (or file) it
 * came from, for messages. It keeps the fields the upgrade needs and ignores
 * every other (Mesos adds fields from one version to the next). A field that
 * is needed and missing, or of the wrong type, refuses the whole answer:
 * ST_DATAERR, and @why gets one line naming the source, the endpoint and the
 * field ("SRC: not a Mesos /master/slaves answer: slaves[3].hostname is not a
 * string"). Messages never quote a value from the answer, so nothing from the
 * network reaches a terminal through them, and never a secret.
 *
 * Every string is NUL-terminated, in the caller's @arena (released with it);
 * strings that name things (hosts, pids, versions, ids) are refused when they
 * hold a control character or are longer than MESOS_PARSE_MAX_NAME bytes.
 * Framework names are kept as sent (front ends make text terminal-safe).
 *
 * Where each shape comes from (apache/mesos):
 *   /version            src/version/version.cpp, from 0.26 (404 before)
 *   /master/state.json  Master::Http::state in src/master/http.cpp; also
 *                       /master/state from 0.25
 *   /master/slaves      Master::Http::slaves: "slaves" (summarize(Slave):
 *                       id, pid, hostname, active, and "version" from 0.26);
 *                       "recovered_slaves" (SlaveInfo) from 1.2
 *   /metrics/snapshot   docs/monitoring.md: "master/elected",
 *                       "registrar/log/recovered", numbers 0 or 1
 *   credentials         src/credentials/credentials.hpp: JSON
 *                       {"credentials": [{"principal", "secret"}]}, a single
 *                       {"principal", "secret"} (an agent's --credential), or
 *                       "principal secret" lines
 */
#ifndef MU_MESOS_PARSE_H
#define MU_MESOS_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "status.h"
#include "strbuf.h"

#define MESOS_PARSE_MAX_NAME 1024

/* /version, or an agent's /state.json: both carry "version". */
struct mesos_version_info {
	const char *version;     /* "1.4.3" as sent */
	const char *series;      /* "1.4"; NULL when .version is not MAJOR.MINOR[.PATCH][-…] */
	const char *git_sha;     /* NULL when absent */
	const char *git_tag;     /* NULL when absent */
	const char *build_date;  /* NULL when absent */
};

struct mesos_agent {
	const char *id;
	const char *pid;         /* "slave(1)@10.0.0.5:5051"; NULL for a recovered agent */
	const char *hostname;
	const char *version;     /* NULL: the master did not say (before 0.26) */
	const char *series;      /* of .version, NULL when unknown */
	int port;                /* from the pid, or a recovered agent's "port"; 0 when none */
	bool active;
	bool recovered;          /* in "recovered_slaves": known, not re-registered */
};

struct mesos_framework {
	const char *id;
	const char *name;
	bool checkpoint;
	bool active;
};

struct mesos_state {
	const char *version;
	const char *series;
	const char *pid;         /* "master@IP:PORT" */
	const char *hostname;
	const char *leader;      /* the leader's pid; NULL when no leader is known */
	bool elected;            /* "elected_time" present: this master leads */
	double elected_time;
	struct mesos_framework *frameworks;
	size_t nframeworks;
	size_t nslaves;          /* the length of "slaves" (the agents are read from /master/slaves) */
};

/* Registered agents first, then the recovered ones. */
struct mesos_slaves {
	struct mesos_agent *agents;
	size_t nagents;
	size_t nrecovered;
};

struct mesos_metrics {
	bool has_elected, elected;
	bool has_recovered, recovered;
};

struct mesos_credential {
	const char *principal;
	const char *secret;
};

enum status mesos_parse_version(struct arena *a, const char *data, size_t len, const char *src,
				struct mesos_version_info *out, struct strbuf *why);
enum status mesos_parse_state(struct arena *a, const char *data, size_t len, const char *src,
			      struct mesos_state *out, struct strbuf *why);
enum status mesos_parse_slaves(struct arena *a, const char *data, size_t len, const char *src,
			       struct mesos_slaves *out, struct strbuf *why);
enum status mesos_parse_metrics(const char *data, size_t len, const char *src,
				struct mesos_metrics *out, struct strbuf *why);
/*
 * The first credential of a credentials file (the operator's identity);
 * @src is the file's name. Messages name the line or the field, never its
 * text. The caller should wipe @data after.
 */
enum status mesos_parse_credentials(struct arena *a, const char *data, size_t len,
				    const char *src, struct mesos_credential *out,
				    struct strbuf *why);

/*
 * The "IP:PORT" of a libprocess pid ("slave(1)@10.0.0.5:5051") into @buf;
 * false when @pid is not of that form.
 */
bool mesos_pid_address(const char *pid, char *buf, size_t size);
/* "MAJOR.MINOR" of a Mesos version ("1.4.3", "1.11.0-rc2") into @buf; false if not one. */
bool mesos_version_series(const char *version, char *buf, size_t size);

#endif
