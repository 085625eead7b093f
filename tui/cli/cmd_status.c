/*
 * cmd_status.c - "status [SESSION]": every item of a session, its state, by whom and when.
 */
#include "cli.h"
#include "status_view.h"

static const char status_help[] =
	"Options:\n"
	"  --format FORMAT   text (default) or json\n"
	"\n"
	"Shows the state of every item of SESSION (default: the open session worked on\n"
	"last, by its latest event, else the newest): done, skipped or pending, by whom\n"
	"and when, forced overrides, the chosen branch, the latest note, and which\n"
	"items changed in the content since the session was planned ('!' marks those\n"
	"changed after being done).\n";

static enum status run(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &cmd_status_command;
	struct cli_opt opts[] = { { "--format", NULL, 1, NULL } };
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format fmt = FMT_TEXT;
	struct journal *j = NULL;
	struct session *s = NULL;
	const struct content *c;
	const char *pos[1];
	int64_t id = 0;
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, opts, 1, pos, 1, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (opts[0].value && (!render_format_parse(opts[0].value, &fmt) || (fmt != FMT_TEXT && fmt != FMT_JSON))) {
		cli_error("status: unknown format '%s' (expected text or json)", opts[0].value);
		return ST_USAGE;
	}
	if (npos && (st = cli_session_id(pos[0], &id)) != ST_OK)
		return st;
	st = cli_content(cli, &c);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_READ, &j);
	if (st != ST_OK)
		return st;
	if (!npos && (st = cli_latest_session(cli, j, c, &id)) != ST_OK)
		goto out;
	st = session_load(j, c, id, &s, &why);
	if (st != ST_OK) {
		cli_error("status: %s", strbuf_str(&why));
		goto out;
	}
	status_view(&out, s, NULL, fmt);
	st = cli_write(&out);
out:
	session_free(&s);
	journal_close(&j);
	strbuf_release(&out);
	strbuf_release(&why);
	return st;
}

const struct cli_command cmd_status_command = {
	.name = "status",
	.args = "[SESSION] [--format text|json]",
	.summary = "Show what is done, skipped and pending in a session, by whom and when.",
	.help = status_help,
	.run = run,
};
