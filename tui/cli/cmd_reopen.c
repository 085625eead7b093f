/*
 * cmd_reopen.c - "reopen SESSION": a closed session open again.
 */
#include "cli.h"

static const char reopen_help[] =
	"Opens a closed SESSION again: it can be marked, and is again a default\n"
	"session. Recorded, with who and when.\n";

enum { OPT_NOTE };
static const struct cli_option options[] = {
	[OPT_NOTE] = { "--note", NULL, CLI_VALUE, "TEXT", "why it is reopened" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	return cli_change(cli, a, SESSION_REOPEN, cli_value(a, OPT_NOTE));
}

CLI_COMMAND(reopen, .args = "SESSION [--note TEXT]", .summary = "Open a closed session again.",
	    .help = reopen_help, CLI_OPTIONS(options), .min_pos = 1, .max_pos = 1,
	    .needs = "needs SESSION, e.g. 'reopen 3'");
