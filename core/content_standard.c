/*
 * content_standard.c - the project's standard rolling order, the steps of a
 * hop whose source gives none ('standard_steps: true'; CONTENT.md). The
 * texts are written once, here, and every step is 'origin: tool': the
 * project says them, not the guide. A note's 'role_first' moves its role's
 * step to the front (1.5: schedulers that use the built-in executors handle
 * TASK_STARTING before Mesos is upgraded).
 */
#include <string.h>

#include "content_loader.h"

static const struct {
	const char *id;
	enum role role;
	bool per_host;
	const char *text;
} standard[] = {
	{ "rebuild-modules", ROLE_MODULE, false,
	  "Rebuild any modules against the new version and install them where the masters "
	  "and agents will load them." },
	{ "restart-masters", ROLE_MASTER, true,
	  "Install the new master binaries, then restart the masters one at a time." },
	{ "restart-agents", ROLE_AGENT, true,
	  "Install the new agent binaries, then restart the agents." },
	{ "upgrade-schedulers", ROLE_SCHEDULER, false,
	  "Upgrade the schedulers to the new version's library or API, where they need it." },
	{ "upgrade-executors", ROLE_EXECUTOR, false,
	  "Upgrade the executors to the new version's library or API, where they need it." },
};
#define NSTANDARD (sizeof(standard) / sizeof(standard[0]))

/* The role a note of @hop moves first, or ROLE_COUNT when none does. */
static enum role moved_role(const struct content_hop *hop)
{
	for (size_t i = 0; i < hop->nnotes; i++)
		if (hop->notes[i].moves_role)
			return hop->notes[i].role_first;
	return ROLE_COUNT;
}

void loader_standard_steps(struct loader *L, struct content_hop *hop)
{
	enum role first = moved_role(hop);
	size_t k = 0;

	hop->steps = loader_alloc(L, NSTANDARD, sizeof(*hop->steps));
	if (!hop->steps)
		return;
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NSTANDARD; i++) {
			struct content_step *st;
			/* the moved role's step in the first pass, the others in the second */
			if ((standard[i].role == first) != (pass == 0))
				continue;
			st = &hop->steps[k++];
			st->id = standard[i].id;
			st->full_id = loader_full_id(L, hop->id, st->id);
			st->role = standard[i].role;
			st->text = standard[i].text;
			st->per_host = standard[i].per_host;
			st->verify = st->per_host ? CONTENT_VERIFY_VERSION : CONTENT_VERIFY_NONE;
			st->origin = ORIGIN_TOOL;
			st->pos = hop->pos;
		}
	}
	hop->nsteps = k;
}

bool loader_is_standard_step(const char *id)
{
	for (size_t i = 0; i < NSTANDARD; i++)
		if (strcmp(standard[i].id, id) == 0)
			return true;
	return false;
}
