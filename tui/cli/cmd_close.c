/*
 * cmd_close.c - "close SESSION --note REASON": the session can be read and
 * reported, no longer marked.
 */
#include "cli.h"

static const char close_help[] =
	"Closes SESSION: a session begun by mistake, or abandoned. It can still be\n"
	"read and reported, but not marked; the default session (status, resume, the\n"
	"wizard) passes it over. 'reopen SESSION' opens it again. Both are recorded,\n"
	"with who, when and why.\n";

enum { OPT_NOTE };
static const struct cli_option options[] = {
	[OPT_NOTE] = { "--note", NULL, CLI_VALUE, "REASON", "why it is closed (required)" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *reason = cli_value(a, OPT_NOTE);

	if (!reason || !*reason) {
		cli_error("close: closing a session needs a reason: --note REASON, e.g. "
			  "'close 3 --note \"started by mistake\"'");
		return ST_USAGE;
	}
	return cli_change(cli, a, SESSION_CLOSE, reason);
}

CLI_COMMAND(close, .args = "SESSION --note REASON",
	    .summary = "Close a session: read and reported, no longer marked.",
	    .help = close_help, CLI_OPTIONS(options), .min_pos = 1, .max_pos = 1,
	    .needs = "needs SESSION, e.g. 'close 3 --note \"started by mistake\"'");
