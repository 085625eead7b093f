/*
 * cmd_note.c - "note SESSION ITEM TEXT": a note on an item, its state unchanged.
 */
#include "cli.h"

static const char note_help[] =
	"Adds TEXT as a note on ITEM of SESSION, without changing its state.\n";

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct mark_request req = { .item = a->pos[1], .action = MARK_NOTE, .text = a->pos[2] };
	enum status st = cli_session_id(a->pos[0], &req.session);

	return st == ST_OK ? cli_record(cli, &req) : st;
}

CLI_COMMAND(note, .args = "SESSION ITEM TEXT", .summary = "Add a note to an item.",
	    .help = note_help, .min_pos = 3, .max_pos = 3,
	    .needs = "needs SESSION ITEM TEXT, e.g. "
		     "'note 1 0.27-0.28/restart-agents \"rack 4 waits for the vendor\"'");
