/*
 * session_probe.h - a session's live cluster: where it is read from, and each
 * probe of it recorded in the journal as evidence.
 *
 * A probe is three steps, so a front end can run the middle one away from
 * its screen (the wizard runs it on a thread, and Esc cancels it):
 *
 *   session_cluster_open()   reads the masters, the files and the inventory
 *                            from the journal, and the credential from its
 *                            file (the journal never holds a secret);
 *   cluster_probe()          asks the masters (cluster_probe.h), touching
 *                            neither the journal nor the session;
 *   session_probe_record()   adds the warnings only a session can give (the
 *                            leader changed since the last probe or since the
 *                            inventory, hosts in the cluster and not in the
 *                            inventory and the reverse) and records it all
 *                            in one transaction.
 */
#ifndef MU_SESSION_PROBE_H
#define MU_SESSION_PROBE_H

#include "cluster_probe.h"
#include "journal.h"
#include "mesos_parse.h"
#include "session.h"

struct session_cluster {
	struct arena arena;
	int64_t session;
	struct journal_cluster where;     /* URLs and file paths */
	struct mesos_credential cred;     /* from where.credentials; principal NULL without */
	struct journal_host *hosts;       /* the inventory, nhosts 0 without one */
	size_t nhosts;
	bool has_probe;                   /* the session was probed before: */
	const char *last_leader;          /* its leader then (NULL: none) */
	const char *last_probed;          /* and when */
};

/*
 * The cluster of @session. ST_USAGE when it has no masters (started without
 * --master); the credentials file's refusals as credentials_read() says;
 * journal errors as journal.h says. The reason is one message in @dl (diag.h).
 */
enum status session_cluster_open(struct journal *j, int64_t session, struct session_cluster **out,
				 struct diag_list *dl);
/* Free @c, the secret wiped first. */
void session_cluster_free(struct session_cluster **c);
/* The masters, --cacert and credential of @c into @o (timeouts and hooks are the caller's). */
void session_cluster_probe_opts(const struct session_cluster *c, struct probe_opts *o);

/*
 * Add the session's warnings to @r and record it as probe *@probe_id, as
 * @who. Nothing is recorded on error (the reason one message in @dl).
 */
enum status session_probe_record(struct journal *j, const struct session_cluster *c,
				 const struct session_actor *who, struct probe_result *r,
				 int64_t *probe_id, struct diag_list *dl);

#endif
