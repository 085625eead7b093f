/*
 * cmd_mark.c - "mark SESSION ITEM done|skip|undo".
 */
#include <string.h>

#include "cli.h"

static const char mark_help[] =
	"Options:\n"
	"  --note TEXT       a note; the reason for a skip (required) or for --force\n"
	"  --branch ID       for a step with alternatives: the one taken\n"
	"  --force           override a rule of the checklist (needs --note REASON);\n"
	"                    recorded as forced\n"
	"\n"
	"done marks ITEM done (a note: acknowledged), skip skips it, undo returns it to\n"
	"pending. ITEM is an id as 'status' shows it, e.g. 0.27-0.28/restart-masters.\n"
	"The rules: hops in order, a hop's notes before its steps, steps in order\n"
	"unless the hop says otherwise. A refusal exits 1 and names what is in the way.\n"
	"\n"
	"Examples:\n"
	"  mesos-upgrade mark 1 0.27-0.28/scalar-precision done\n"
	"  mesos-upgrade mark 1 0.27-0.28/rebuild-modules skip --note 'no modules here'\n"
	"  mesos-upgrade mark 1 0.17-0.18/restart-agents done --branch cgroups\n";

static enum status run(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &cmd_mark_command;
	struct cli_opt opts[] = {
		{ "--note", NULL, 1, NULL }, { "--force", NULL, 0, NULL }, { "--branch", NULL, 1, NULL },
	};
	struct mark_request req = { 0 };
	const char *pos[3];
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, opts, 3, pos, 3, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (npos != 3) {
		cli_error("mark: needs SESSION ITEM and done, skip or undo, e.g. "
			  "'mark 1 0.27-0.28/restart-masters done'");
		return ST_USAGE;
	}
	if ((st = cli_session_id(pos[0], &req.session)) != ST_OK)
		return st;
	if (!strcmp(pos[2], "done"))
		req.action = MARK_DONE;
	else if (!strcmp(pos[2], "skip"))
		req.action = MARK_SKIP;
	else if (!strcmp(pos[2], "undo"))
		req.action = MARK_UNDO;
	else {
		cli_error("mark: '%s' is not an action: use done, skip or undo", pos[2]);
		return ST_USAGE;
	}
	req.item = pos[1];
	req.text = opts[0].value;
	req.force = opts[1].value != NULL;
	req.branch = opts[2].value;
	return cli_record(cli, &req);
}

const struct cli_command cmd_mark_command = {
	.name = "mark",
	.args = "SESSION ITEM done|skip|undo [--note TEXT] [--branch ID] [--force]",
	.summary = "Record that an item was done, skipped or undone.",
	.help = mark_help,
	.run = run,
};
