/*
 * session_live.h - what the latest probe of a session saw, for the front ends
 * to show beside the record: each host's live version, the warnings, the
 * live leader, and the evidence of verified items.
 *
 * A running Mesos reports "1.4.3" or "0.28.2": its series ("1.4", "0.28")
 * is what a hop upgrades to. A host's item "matches" when its host last
 * reported the hop's target series; it is a mismatch when the item is done
 * but the host last reported an older series (it still runs the old binary).
 */
#ifndef MU_SESSION_LIVE_H
#define MU_SESSION_LIVE_H

#include <stdbool.h>

#include "journal.h"
#include "session.h"
#include "sorted_index.h"

struct session_live {
	struct arena arena;
	bool probed;                       /* false: never probed, the rest is empty */
	struct journal_probe probe;        /* the latest, whole */
	struct sorted_index masters, agents;  /* host -> index in probe.hosts */
	struct journal_evidence *evidence; /* by event id, when asked for */
	size_t nevidence;
};

/* The latest probe of @session (and its evidence when @evidence); ST_OK with
 * probed false when there is none. Errors as journal.h says. */
enum status session_live_load(struct journal *j, int64_t session, bool evidence,
			      struct session_live **out);
void session_live_free(struct session_live **l);

/* What the latest probe saw of @host in @role ("master", "agent"); NULL when it did not. */
const struct journal_probe_host *session_live_host(const struct session_live *l, const char *role,
						   const char *host);
/* The live host of item @it of @s (a host's item of a per-host step), or NULL. */
const struct journal_probe_host *session_live_item(const struct session_live *l,
						   const struct session *s,
						   const struct session_item *it);

enum live_match {
	LIVE_UNKNOWN,   /* not probed, or no version seen for the host */
	LIVE_OLDER,     /* an older series than the hop's target */
	LIVE_TARGET,    /* the hop's target series */
	LIVE_NEWER,     /* a newer series than the hop's target */
};
/* How @version compares with @hop's target series. */
enum live_match session_live_match(const struct content_hop *hop, const char *version);
/* Item @it is done, but its host last reported an older series than its hop's target. */
bool session_live_mismatch(const struct session_live *l, const struct session *s,
			   const struct session_item *it);
/* The evidence of event @event, or NULL. */
const struct journal_evidence *session_live_evidence(const struct session_live *l, int64_t event);

#endif
