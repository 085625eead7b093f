/*
 * cmd_edit.c - "edit SESSION --title T": what a session is called.
 */
#include "cli.h"

static const char edit_help[] =
	"Gives SESSION a new title (a change ticket, a cluster name): printable\n"
	"characters on one line. Recorded, with who and when; reports show the title\n"
	"it has now.\n";

enum { OPT_TITLE };
static const struct cli_option options[] = {
	[OPT_TITLE] = { "--title", NULL, CLI_VALUE, "T", "the session's new title" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *title = cli_value(a, OPT_TITLE);

	if (!title) {
		cli_error("edit: say what to change: --title T");
		return ST_USAGE;
	}
	return cli_change(cli, a, SESSION_RETITLE, title);
}

CLI_COMMAND(edit, .args = "SESSION --title T", .summary = "Retitle a session.",
	    .help = edit_help, CLI_OPTIONS(options), .min_pos = 1, .max_pos = 1,
	    .needs = "needs SESSION, e.g. 'edit 3 --title \"CHG-1234 prod-east\"'");
