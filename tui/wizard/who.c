/*
 * who.c - who is working, when the login is root: the journal records who
 * did each check-off, and "root" says nothing of that. Before the first key
 * that would record something, the wizard asks the operator's name and
 * records as that name for the rest of this run; then the key goes on.
 */
#include <string.h>

#include "textutil.h"
#include "wizard.h"

#define NAME_MAX_BYTES 64   /* as --operator allows */

/* The actions that record an event, a probe, or a change of a session, where they are pressed. */
static bool records(enum action a)
{
	switch (a) {
	case ACT_DONE: case ACT_SKIP: case ACT_NOTE: case ACT_UNDO:
	case ACT_PROBE: case ACT_VERIFY:
	case ACT_CLOSE: case ACT_REOPEN: case ACT_RETITLE:
	case ACT_EXCLUDE: case ACT_INCLUDE:
		return true;
	default:
		return false;
	}
}

static struct result named(struct wizard *w, const struct dialog_args *a, const char *text,
			   size_t choice)
{
	size_t len = strlen(text), at;

	(void)choice;
	if (!len || len > NAME_MAX_BYTES || text_find_unprintable(text, len, &at)) {
		wizard_message(w, true, "Nothing recorded: a name is 1 to %d printable characters "
			       "on one line.", NAME_MAX_BYTES);
		return RESULT(R_STAY);
	}
	snprintf(w->who_name, sizeof(w->who_name), "%s", text);
	w->who.operator_name = w->who_name;
	w->ask_who = false;
	wizard_message(w, false, "Recording as %s for the rest of this run.", w->who_name);
	w->replay = a->flag; /* the key that asked: it goes on now */
	return RESULT(R_STAY);
}

struct screen *wizard_who_ask(struct wizard *w, const struct screen *sc, enum action a, int key)
{
	struct dialog_args args = { .flag = key };

	if (!w->ask_who || !records(a) || !keys_own(sc->ops->keys, key))
		return NULL;
	return dialog_text("Who is working?", "This terminal's login is root, and the journal "
			   "records who did each check-off. Your name, recorded for the rest of "
			   "this run:", NULL, "Enter records it, Esc cancels", false, named, &args);
}
