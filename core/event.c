/*
 * event.c - the actions of journal events and their words (see event.h).
 */
#include <string.h>

#include "event.h"

static const struct {
	const char *name, *verb, *past;
	bool state;
} actions[EVENT_ACTION_COUNT] = {
	[EVENT_DONE] = { "done", "mark done", "done", true },
	[EVENT_ACK] = { "ack", "acknowledge", "acknowledged", true },
	[EVENT_SKIP] = { "skip", "skip", "skipped", true },
	[EVENT_UNDO] = { "undo", "undo", "undone", true },
	[EVENT_NOTE] = { "note", "write a note", "noted", false },
	[EVENT_CHOOSE] = { "choose", "choose a branch", "branch chosen", false },
};

static unsigned index_of(enum event_action a)
{
	return (unsigned)a < EVENT_ACTION_COUNT ? (unsigned)a : EVENT_NOTE;
}

const char *event_action_name(enum event_action a)
{
	return actions[index_of(a)].name;
}

const char *event_action_verb(enum event_action a)
{
	return actions[index_of(a)].verb;
}

const char *event_action_past(enum event_action a)
{
	return actions[index_of(a)].past;
}

bool event_action_is_state(enum event_action a)
{
	return actions[index_of(a)].state;
}

bool event_action_parse(const char *s, enum event_action *out)
{
	for (unsigned i = 0; s && i < EVENT_ACTION_COUNT; i++)
		if (!strcmp(actions[i].name, s)) {
			*out = (enum event_action)i;
			return true;
		}
	return false;
}
