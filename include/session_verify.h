/*
 * session_verify.h - marking hosts done on the cluster's word ("verify").
 *
 * After a probe, each pending host's item of a step marked "verify: version"
 * in the content, whose host reports the hop's target series, is marked done
 * with its evidence: the version seen, where, when (journal.h's evidence).
 * The rules still apply, and the marking is repeated until nothing more can
 * be marked: a step's hosts become markable when the step before is done,
 * and the leading master comes after the other masters of its step (the
 * live leader when the probe saw one, else the inventory's).
 *
 * Each step's hosts are marked together in one transaction
 * (session_mark_many()); a step whose rules forbid it now is left pending.
 */
#ifndef MU_SESSION_VERIFY_H
#define MU_SESSION_VERIFY_H

#include "cluster_probe.h"
#include "session.h"

/* A host's item still pending after verify, and what its host reported. */
struct verify_pending {
	const char *item;
	const char *host;
	const char *version;   /* NULL: the probe did not see it, or it did not say */
};

struct verify_result {
	struct arena arena;
	const char **marked;   /* item ids, in the order they were marked */
	size_t nmarked;
	struct verify_pending *pending;
	size_t npending;
};

/*
 * Verify session @session from probe @r, recorded as probe @probe_id, as
 * @who. ST_OK with what was marked and what is still pending in *out
 * (release with verify_result_release()); else the failure in @dl
 * (journal errors as journal.h says). A step the rules hold back is not an
 * error: its hosts are listed pending.
 */
enum status session_verify(struct journal *j, const struct content *c, int64_t session,
			   const struct probe_result *r, int64_t probe_id,
			   const struct session_actor *who, struct verify_result *out,
			   struct diag_list *dl);
void verify_result_release(struct verify_result *v);

#endif
