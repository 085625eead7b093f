/*
 * cmd_resume.c - "resume [SESSION]": the wizard on a session.
 */
#include "cli.h"
#include "wizard.h"

static const char resume_help[] =
	"Opens the wizard on SESSION (default: the open session worked on last, by\n"
	"its latest check-off or note, else by when it started). With no command at\n"
	"all, mesos-upgrade does the same, or offers to start a session when none is\n"
	"open. The cursor starts on the first pending item; ? lists the keys; q quits\n"
	"at any moment, since every check-off is already on disk.\n";

static enum status run(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &cmd_resume_command;
	const char *pos[1];
	int64_t id = 0;
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, NULL, 0, pos, 1, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (npos && (st = cli_session_id(pos[0], &id)) != ST_OK)
		return st;
	if (!npos) {
		const struct content *c;
		struct journal *j = NULL;
		st = cli_content(cli, &c);
		if (st == ST_OK)
			st = cli_journal(cli, CLI_JOURNAL_READ, &j);
		if (st == ST_OK)
			st = cli_latest_session(cli, j, c, &id);
		journal_close(&j);
		if (st != ST_OK)
			return st;
	}
	return wizard_run(cli, id);
}

const struct cli_command cmd_resume_command = {
	.name = "resume",
	.args = "[SESSION]",
	.summary = "Open the wizard on a session (no command: the open one worked on last).",
	.help = resume_help,
	.run = run,
};
