/*
 * event.h - what an event of the journal records: its action, as a type.
 *
 * The journal stores an action as text ("done", "ack", ...); that text is
 * mapped to enum event_action where the journal reads and writes it, and
 * nowhere else. Every word said of an action comes from one table.
 */
#ifndef MU_EVENT_H
#define MU_EVENT_H

#include <stdbool.h>

enum event_action {
	EVENT_DONE,     /* a step done */
	EVENT_ACK,      /* a note acknowledged */
	EVENT_SKIP,     /* an item skipped, with a reason */
	EVENT_UNDO,     /* the item's last done, ack or skip taken back */
	EVENT_NOTE,     /* a note written on an item; its state does not change */
	EVENT_CHOOSE,   /* which branch of a step was taken */
};
#define EVENT_ACTION_COUNT 6

/* The text stored in the journal: "done", "ack", "skip", "undo", "note", "choose". */
const char *event_action_name(enum event_action a);
/* The imperative: "mark done", "acknowledge", "skip", "undo", "write a note", "choose a branch". */
const char *event_action_verb(enum event_action a);
/* The past tense: "done", "acknowledged", "skipped", "undone", "noted", "branch chosen". */
const char *event_action_past(enum event_action a);
/* The action stored as @s; false for any other text. */
bool event_action_parse(const char *s, enum event_action *out);
/* Whether the action sets an item's state (done, ack, skip, undo). */
bool event_action_is_state(enum event_action a);

#endif
