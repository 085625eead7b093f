/*
 * session.c - what a loaded session answers: the names of states, kinds and
 * drift, an item's title, an item by id, a step's number.
 */
#include <string.h>

#include "session.h"

const char *session_item_state_name(enum item_state st)
{
	switch (st) {
	case ITEM_PENDING: return "pending";
	case ITEM_DONE: return "done";
	case ITEM_SKIPPED: return "skipped";
	}
	return "?";
}

const char *session_item_kind_name(enum item_kind k)
{
	return k == ITEM_NOTE ? "note" : "step";
}

const char *session_drift_name(enum drift d)
{
	switch (d) {
	case DRIFT_NONE: return "none";
	case DRIFT_CHANGED: return "changed";
	case DRIFT_ADDED: return "added";
	case DRIFT_REMOVED: return "removed";
	}
	return "?";
}

const char *session_item_title(const struct session_item *it)
{
	if (it->note)
		return it->note->title;
	if (it->step)
		return it->step->text;
	return "(no longer in the content)";
}

long session_find(const struct session *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

size_t session_step_number(const struct session *s, size_t i)
{
	const struct session_item *it = &s->items[i];
	const struct content_hop *hop = &s->plan.hops[it->hop];

	if (!it->step)
		return 0;
	return (size_t)(it->step - hop->steps) + 1;
}
