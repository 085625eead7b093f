/*
 * cmd_life.c - a session's life cycle: "close SESSION --note REASON",
 * "reopen SESSION", "edit SESSION --title T". One file: the three change
 * the session itself, not its items, through cli_change().
 */
#include "cli.h"

static const struct cli_option close_options[] = {
	{ "--note", NULL, CLI_VALUE, "REASON", "why it is closed (required)" },
};
static const struct cli_option reopen_options[] = {
	{ "--note", NULL, CLI_VALUE, "TEXT", "why it is reopened" },
};
static const struct cli_option edit_options[] = {
	{ "--title", NULL, CLI_VALUE, "T", "the session's new title" },
};

static enum status close_run(struct cli *cli, const struct cli_args *a)
{
	const char *reason = cli_value(a, 0);

	if (!reason || !*reason) {
		cli_error("close: closing a session needs a reason: --note REASON, e.g. "
			  "'close 3 --note \"started by mistake\"'");
		return ST_USAGE;
	}
	return cli_change(cli, a, SESSION_CLOSE, reason);
}

static enum status reopen_run(struct cli *cli, const struct cli_args *a)
{
	return cli_change(cli, a, SESSION_REOPEN, cli_value(a, 0));
}

static enum status edit_run(struct cli *cli, const struct cli_args *a)
{
	if (!cli_value(a, 0)) {
		cli_error("edit: say what to change: --title T");
		return ST_USAGE;
	}
	return cli_change(cli, a, SESSION_RETITLE, cli_value(a, 0));
}

const struct cli_command cmd_close_command = {
	.name = "close", .run = close_run, .args = "SESSION --note REASON",
	.summary = "Close a session: read and reported, no longer marked.",
	.help = "Closes SESSION: a session begun by mistake, or abandoned. It can still be\n"
		"read and reported, but not marked; the default session (status, resume, the\n"
		"wizard) passes it over. 'reopen SESSION' opens it again. Both are recorded,\n"
		"with who, when and why.\n",
	CLI_OPTIONS(close_options), .min_pos = 1, .max_pos = 1,
	.needs = "needs SESSION, e.g. 'close 3 --note \"started by mistake\"'",
};

const struct cli_command cmd_reopen_command = {
	.name = "reopen", .run = reopen_run, .args = "SESSION [--note TEXT]",
	.summary = "Open a closed session again.", CLI_OPTIONS(reopen_options),
	.help = "Opens a closed SESSION again: it can be marked, and is again a default\n"
		"session. Recorded, with who and when.\n",
	.min_pos = 1, .max_pos = 1, .needs = "needs SESSION, e.g. 'reopen 3'",
};

const struct cli_command cmd_edit_command = {
	.name = "edit", .run = edit_run, .args = "SESSION --title T",
	.summary = "Retitle a session.", CLI_OPTIONS(edit_options), .min_pos = 1, .max_pos = 1,
	.help = "Gives SESSION a new title (a change ticket, a cluster name): printable\n"
		"characters on one line. Recorded, with who and when; reports show the title\n"
		"it has now.\n",
	.needs = "needs SESSION, e.g. 'edit 3 --title \"CHG-1234 prod-east\"'",
};
