/*
 * cmd_note.c - "note SESSION ITEM TEXT": a note on an item, its state unchanged.
 */
#include "cli.h"

static const char note_help[] =
	"Adds TEXT as a note on ITEM of SESSION, without changing its state.\n";

static enum status run(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &cmd_note_command;
	struct mark_request req = { 0 };
	const char *pos[3];
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, NULL, 0, pos, 3, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (npos != 3) {
		cli_error("note: needs SESSION ITEM TEXT, e.g. "
			  "'note 1 0.27-0.28/restart-agents \"rack 4 waits for the vendor\"'");
		return ST_USAGE;
	}
	if ((st = cli_session_id(pos[0], &req.session)) != ST_OK)
		return st;
	req.item = pos[1];
	req.action = MARK_NOTE;
	req.text = pos[2];
	return cli_record(cli, &req);
}

const struct cli_command cmd_note_command = {
	.name = "note",
	.args = "SESSION ITEM TEXT",
	.summary = "Add a note to an item.",
	.help = note_help,
	.run = run,
};
