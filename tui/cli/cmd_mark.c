/*
 * cmd_mark.c - "mark SESSION ITEM done|skip|undo".
 */
#include <string.h>

#include "cli.h"

static const char mark_help[] =
	"done marks ITEM done (a note: acknowledged), skip skips it, undo returns it to\n"
	"pending. ITEM is an id as 'status' shows it, e.g. 0.27-0.28/restart-masters.\n"
	"The rules: hops in order, a hop's notes before its steps, steps in order\n"
	"unless the hop says otherwise. A refusal exits 1 and names what is in the way.\n"
	"\n"
	"Examples:\n"
	"  mesos-upgrade mark 1 0.27-0.28/scalar-precision done\n"
	"  mesos-upgrade mark 1 0.27-0.28/rebuild-modules skip --note 'no modules here'\n"
	"  mesos-upgrade mark 1 0.17-0.18/restart-agents done --branch cgroups\n";

enum { OPT_NOTE, OPT_BRANCH, OPT_FORCE };
static const struct cli_option options[] = {
	[OPT_NOTE] = { "--note", NULL, CLI_VALUE, "TEXT",
		       "a note; the reason for a skip (required) or for --force" },
	[OPT_BRANCH] = { "--branch", NULL, CLI_VALUE, "ID",
			 "for a step with alternatives: the one taken" },
	[OPT_FORCE] = { "--force", NULL, 0, NULL,
			"override a rule of the checklist (needs --note REASON);\n"
			"recorded as forced" },
};

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
	return cli_record(cli, &req);
}

CLI_COMMAND(mark, .args = "SESSION ITEM done|skip|undo [--note TEXT] [--branch ID] [--force]",
	    .summary = "Record that an item was done, skipped or undone.", .help = mark_help,
	    CLI_OPTIONS(options), .min_pos = 3, .max_pos = 3,
	    .needs = "needs SESSION ITEM and done, skip or undo, e.g. "
		     "'mark 1 0.27-0.28/restart-masters done'");
