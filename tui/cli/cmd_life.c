/*
 * cmd_life.c - a session's life cycle: "close SESSION --note REASON",
 * "reopen SESSION", "edit SESSION [--title T] [--inventory FILE]". One
 * file: the three change the session itself, not its items.
 */
#include "cli.h"

static const struct cli_option close_options[] = {
	{ "--note", NULL, CLI_VALUE, "REASON", "why it is closed (required)" },
};
static const struct cli_option reopen_options[] = {
	{ "--note", NULL, CLI_VALUE, "TEXT", "why it is reopened" },
};
enum { EDIT_TITLE, EDIT_INVENTORY };
static const struct cli_option edit_options[] = {
	[EDIT_TITLE] = { "--title", NULL, CLI_VALUE, "T", "the session's new title" },
	[EDIT_INVENTORY] = { "--inventory", NULL, CLI_VALUE, "FILE",
			     "hosts to add (YAML as for 'start'): those the session\n"
			     "lacks join from the current hop on" },
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

/* "edit SESSION --inventory FILE": the hosts of FILE the session lacks, added; said. */
static enum status add_hosts(struct cli *cli, const struct cli_args *a, const char *file)
{
	struct strbuf msg = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct inventory *inv = NULL;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	int64_t id;
	enum status st = cli_inventory("edit", file, "nothing recorded", &inv);

	if (st == ST_OK)
		st = cli_change_begin(cli, a, &id, &who, &c, &j);
	if (st == ST_OK)
		st = cli_change_said("edit", session_add_hosts(j, c, id, inv, file, &who, &dl, &msg),
				     &msg, &dl);
	journal_close(&j);
	inventory_free(&inv);
	diag_list_release(&dl);
	strbuf_release(&msg);
	return st;
}

static enum status edit_run(struct cli *cli, const struct cli_args *a)
{
	const char *title = cli_value(a, EDIT_TITLE), *file = cli_value(a, EDIT_INVENTORY);
	enum status st = ST_OK;

	if (!title && !file) {
		cli_error("edit: say what to change: --title T, --inventory FILE or both");
		return ST_USAGE;
	}
	/* a bad title is refused before the hosts are added: both or neither */
	if (title && !session_title_check(title, NULL)) {
		cli_error("edit: the title must be printable characters on one line, at most %d "
			  "bytes; nothing recorded", SESSION_TITLE_MAX);
		return ST_USAGE;
	}
	if (file)
		st = add_hosts(cli, a, file);
	if (st == ST_OK && title)
		st = cli_change(cli, a, SESSION_RETITLE, title);
	return st;
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
	.name = "edit", .run = edit_run, .args = "SESSION [--title T] [--inventory FILE]",
	.summary = "Retitle a session, or add hosts to it.", CLI_OPTIONS(edit_options),
	.min_pos = 1, .max_pos = 1,
	.help = "--title gives SESSION a new title (a change ticket, a cluster name):\n"
		"printable characters on one line; reports show the title it has now.\n"
		"\n"
		"--inventory adds the hosts of FILE that SESSION lacks (agents that joined\n"
		"mid-window): their items appear in the current hop (the first not finished)\n"
		"and the hops after it, never in a finished hop. Hosts are never removed this\n"
		"way: those FILE lacks stay, and the command says how many ('exclude' leaves a\n"
		"host out). A host whose role differs in FILE is refused (exit 2, nothing\n"
		"recorded). A session started without an inventory gets one this way: its\n"
		"per-host steps are done host by host from the current hop on, and one already\n"
		"done or skipped as a whole stays so.\n"
		"\n"
		"Both are recorded, with who and when.\n",
	.needs = "needs SESSION, e.g. 'edit 3 --title \"CHG-1234 prod-east\"' or "
		 "'edit 3 --inventory hosts.yaml'",
};
