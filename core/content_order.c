/*
 * content_order.c - the order a hop's items are done in (content_hop.entries),
 * and what a note's keys need of its hop: a step for a 'per-host' or 'after'
 * note to stand by, a standard-steps hop for 'role_first', a 'since' in the
 * hop's series. Runs once the hop's notes and steps are read.
 */
#include <string.h>

#include "content_loader.h"

/* The value of key @name of the note's mapping @item, else the mapping itself. */
static const struct yt_node *at_key(const struct yt_node *item, const char *name)
{
	const struct yt_node *k = loader_map_key(item, name);

	return k ? k->next : item;
}

/* The index of the first per-host step of @role (first) or the last master or agent step. */
static long step_of(const struct content_hop *hop, enum note_when when, enum role role)
{
	long found = -1;

	for (size_t i = 0; i < hop->nsteps; i++) {
		const struct content_step *st = &hop->steps[i];
		if (when == NOTE_PER_HOST && st->per_host && st->role == role)
			return (long)i;
		if (when == NOTE_AFTER && (st->role == ROLE_MASTER || st->role == ROLE_AGENT))
			found = (long)i;
	}
	return found;
}

static void check_note(struct loader *L, const struct content_hop *hop,
		       const struct content_note *n, const struct yt_node *item,
		       const struct yt_node **mover)
{
	if (n->since && version_series_cmp(&n->vsince, &hop->vto) != 0)
		loader_problem(L, at_key(item, "since"), "'since' %s is not a release of the hop's "
			       "'to' series %s: a note applies from a patch release of the version "
			       "it upgrades to", n->since, hop->to);
	if (n->moves_role && !hop->standard_steps) {
		loader_problem(L, at_key(item, "role_first"), "'role_first' is only for hops with "
			       "'standard_steps: true': elsewhere the steps keep the source's order");
	} else if (n->moves_role && *mover) {
		loader_problem(L, at_key(item, "role_first"), "only one note of a hop may set "
			       "'role_first' (the first at line %u)", (*mover)->line);
	} else if (n->moves_role) {
		*mover = at_key(item, "role_first");
	}
	if (hop->standard_steps && n->id && loader_is_standard_step(n->id))
		loader_problem(L, at_key(item, "id"), "id '%s' is a standard step's in this hop "
			       "('standard_steps: true'): choose another", n->id);
	if (n->when == NOTE_AFTER && step_of(hop, NOTE_AFTER, ROLE_COUNT) < 0)
		loader_problem(L, at_key(item, "when"), "a note with 'when: after' acts once the "
			       "binaries are replaced: this hop has no master or agent step to follow");
	if (n->when == NOTE_PER_HOST && (n->role == ROLE_MASTER || n->role == ROLE_AGENT) &&
	    step_of(hop, NOTE_PER_HOST, n->role) < 0)
		loader_problem(L, at_key(item, "when"), "a 'when: per-host' note for the %ss needs "
			       "a step of role %s with 'per_host: true' in this hop",
			       content_role_name(n->role), content_role_name(n->role));
}

void loader_hop_checks(struct loader *L, const struct content_hop *hop,
		       const struct yt_node *notes)
{
	const struct yt_node *item = notes && notes->kind == YT_SEQ ? notes->first : NULL;
	const struct yt_node *mover = NULL;

	for (size_t i = 0; i < hop->nnotes && item; i++, item = item->next)
		check_note(L, hop, &hop->notes[i], item, &mover);
}

/* Append to @e (at *k) the placed notes of @hop that go by step @si (@after: after it). */
static void placed_notes(const struct content_hop *hop, size_t si, bool after,
			 struct content_entry *e, size_t *k)
{
	for (size_t i = 0; i < hop->nnotes; i++) {
		const struct content_note *n = &hop->notes[i];
		if (n->when == NOTE_BEFORE || (n->when == NOTE_AFTER) != after)
			continue;
		if (step_of(hop, n->when, n->role) == (long)si)
			e[(*k)++] = (struct content_entry){ n, NULL };
	}
}

void loader_hop_entries(struct loader *L, struct content_hop *hop)
{
	size_t k = 0;

	hop->entries = loader_alloc(L, hop->nnotes + hop->nsteps + 1, sizeof(*hop->entries));
	if (!hop->entries)
		return;
	for (size_t i = 0; i < hop->nnotes; i++)
		if (hop->notes[i].when == NOTE_BEFORE)
			hop->entries[k++] = (struct content_entry){ &hop->notes[i], NULL };
	for (size_t s = 0; s < hop->nsteps; s++) {
		placed_notes(hop, s, false, hop->entries, &k);
		hop->entries[k++] = (struct content_entry){ NULL, &hop->steps[s] };
		placed_notes(hop, s, true, hop->entries, &k);
	}
	hop->nentries = k;
}

void loader_hop_since(struct loader *L, struct content_hop *hop)
{
	struct version *v = loader_alloc(L, hop->nnotes + 1, sizeof(*v));

	hop->nsince = 0;
	if (!(hop->since = v))
		return;
	for (size_t i = 0; i < hop->nnotes; i++)
		if (hop->notes[i].since)
			v[hop->nsince++] = hop->notes[i].vsince;
}
