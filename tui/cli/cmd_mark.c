/*
 * cmd_mark.c - "mark SESSION ITEM done|skip|undo".
 */
#include <string.h>

#include "cli.h"

static const char mark_help[] =
	"done marks ITEM done (a note: acknowledged), skip skips it, undo returns it to\n"
	"pending. ITEM is an id as 'status' shows it:\n"
	"  HOP/ID          a note or a step, e.g. 0.27-0.28/rebuild-modules\n"
	"  HOP/STEP@HOST   a step done on each master or agent of the inventory, one\n"
	"                  host at a time, e.g. 0.27-0.28/restart-agents@agent-0001\n"
	"  PATTERN         '*' and '?' over the ids (quote it from the shell): every\n"
	"                  matching item the rules allow now, in one transaction; it\n"
	"                  says how many were marked and which were refused, and exits\n"
	"                  0 when one was marked (or all were so already), 1 when none\n"
	"                  could be, 2 when nothing matches. No --force, no --branch.\n"
	"An unknown id is refused with the nearest ids. The rules: hops in order, a\n"
	"hop's notes before its steps, steps in order unless the hop says otherwise,\n"
	"the leading master last. A refusal exits 1 and names what is in the way.\n"
	"\n"
	"Examples (a session from 0.27 to 0.28; a step with alternatives, such as\n"
	"0.17-0.18/restart-agents, takes --branch ID):\n"
	"  mesos-upgrade mark 1 0.27-0.28/scalar-precision done\n"
	"  mesos-upgrade mark 1 0.27-0.28/reservation-acls done\n"
	"  mesos-upgrade mark 1 0.27-0.28/rebuild-modules skip --note 'no modules here'\n"
	"  mesos-upgrade mark 1 '0.27-0.28/restart-*' done\n"
	"With an inventory, host by host, or every agent the rules allow at once:\n"
	"  mesos-upgrade mark 3 0.27-0.28/restart-agents@agent-0001 done\n"
	"  mesos-upgrade mark 3 '0.27-0.28/restart-agents@*' done\n";

enum { OPT_NOTE, OPT_BRANCH, OPT_FORCE };
static const struct cli_option options[] = {
	[OPT_NOTE] = { "--note", NULL, CLI_VALUE, "TEXT",
		       "a note; the reason for a skip (required) or for --force" },
	[OPT_BRANCH] = { "--branch", NULL, CLI_VALUE, "ID",
			 "for a step with alternatives: the one taken (a step\n"
			 "done host by host: on each host's item)" },
	[OPT_FORCE] = { "--force", NULL, 0, NULL,
			"override a rule of the checklist (needs --note REASON);\n"
			"recorded as forced" },
};

/*
 * "mark SESSION 'PATTERN' ACTION": every matching item the rules allow, in
 * one transaction. 0 when one was marked or all were so already, 1 when none
 * could be, 2 when nothing matches.
 */
static enum status pattern(struct cli *cli, const struct mark_request *req)
{
	static const char *const past[] = { [MARK_DONE] = "done", [MARK_SKIP] = "skipped",
					    [MARK_UNDO] = "pending" };
	struct mark_pattern_result res = { 0 };
	struct mark_pattern mp = { req->session, req->item, req->action, req->text, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	enum status st = ST_OK;

	if (req->force || req->branch) {
		cli_error("mark: a pattern marks what the rules allow: --%s is for one item",
			  req->force ? "force" : "branch");
		return ST_USAGE;
	}
	if (req->action == MARK_SKIP && (!req->text || !*req->text)) {
		cli_error("mark: skipping needs a reason: --note REASON");
		return ST_USAGE;
	}
	mp.who = &who;
	if ((st = cli_actor(cli, &who)) == ST_OK && (st = cli_content(cli, &c)) == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_WRITE, &j);
	if (st == ST_OK && (st = session_mark_pattern(j, c, &mp, &res, &dl)) != ST_OK)
		cli_report(&dl, "mark", st);
	if (st == ST_OK && !res.matched) {
		cli_error("mark: no item of session %lld matches '%s'; 'status %lld' lists its "
			  "items", (long long)req->session, req->item, (long long)req->session);
		st = ST_USAGE;
	} else if (st == ST_OK) {
		cli_say("%zu of %zu items matching '%s' %s now (%zu were already); %zu refused",
			res.marked, res.matched, req->item, past[req->action], res.already,
			res.nrefused);
		for (size_t i = 0; i < res.nrefused; i++)
			cli_say("refused: %s", res.refused[i].why);
		if (!res.marked && res.already < res.matched)
			st = ST_REFUSED;
	}
	mark_pattern_result_release(&res);
	journal_close(&j);
	diag_list_release(&dl);
	return st;
}

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct mark_request req = { .item = a->pos[1], .text = cli_value(a, OPT_NOTE),
				    .force = cli_value(a, OPT_FORCE) != NULL,
				    .branch = cli_value(a, OPT_BRANCH) };
	const char *action = a->pos[2];
	enum status st = cli_session_id(a->pos[0], &req.session);

	if (st != ST_OK)
		return st;
	if (!strcmp(action, "done"))
		req.action = MARK_DONE;
	else if (!strcmp(action, "skip"))
		req.action = MARK_SKIP;
	else if (!strcmp(action, "undo"))
		req.action = MARK_UNDO;
	else {
		cli_error("mark: '%s' is not an action: use done, skip or undo", action);
		return ST_USAGE;
	}
	return strpbrk(req.item, "*?") ? pattern(cli, &req) : cli_record(cli, &req);
}

CLI_COMMAND(mark, .args = "SESSION ITEM|HOP/STEP@HOST|'PATTERN' done|skip|undo [--note TEXT] "
			  "[--branch ID] [--force]",
	    .summary = "Record that an item was done, skipped or undone.", .help = mark_help,
	    CLI_OPTIONS(options), .min_pos = 3, .max_pos = 3,
	    .needs = "needs SESSION ITEM and done, skip or undo, e.g. "
		     "'mark 1 0.27-0.28/restart-masters done'");
