/*
 * hosts_exclude.c - x and X in the hosts list: a host left out of the
 * upgrade (every pending item of it skipped, in every hop, with one reason)
 * or taken back in, through core's session_exclude(), as the commands
 * "exclude" and "include" do.
 */
#include <string.h>

#include "screen.h"
#include "wizard.h"

static struct result excluded(struct wizard *w, const struct dialog_args *a, const char *text,
			      size_t choice);

/* Exclude (or include) @host, then show the account, or why nothing was recorded. */
static struct result record(struct wizard *w, const char *host, bool include, const char *reason)
{
	struct strbuf msg = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	enum status st;

	wizard_wait_message(w, include ? "Including..." : "Excluding...");
	st = session_exclude(w->journal, w->content, w->s->info.id, host, include, reason, false,
			     &w->who, &dl, &msg);
	wizard_wait_done(w);
	if (st == ST_OK) {
		wizard_message(w, false, "%s", strbuf_str(&msg));
		wizard_reload(w);
	} else {
		wizard_report_around(w, &dl, "Nothing recorded: ",
				     dl.code == REFUSAL_EXCLUDE_LEADER
				     ? ", then probe (p); only the command line can force it" : "");
	}
	diag_list_release(&dl);
	strbuf_release(&msg);
	return RESULT(R_STAY);
}

struct result hosts_exclude(struct wizard *w, struct screen *owner, size_t item, bool include)
{
	const struct session_item *it = &w->s->items[item];
	struct dialog_args args = { .owner = owner };
	char prompt[sizeof(args.item) + 200];

	if (!it->host)
		return RESULT(R_UNKNOWN);
	if (include)
		return record(w, it->host, true, NULL);
	snprintf(args.item, sizeof(args.item), "%s", it->host);
	snprintf(prompt, sizeof(prompt), "Why is %s left out? Every pending item of it, in every "
		 "hop, is skipped with this reason; X takes it back.", it->host);
	return dialog_ask("Exclude the host", prompt, excluded, &args);
}

/* The dialog's reason given: the host left out. */
static struct result excluded(struct wizard *w, const struct dialog_args *a, const char *text,
			      size_t choice)
{
	(void)choice;
	return record(w, a->item, false, text);
}
