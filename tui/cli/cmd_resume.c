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

static enum status run(struct cli *cli, const struct cli_args *a)
{
	int64_t id = 0;
	enum status st;

	if (a->npos && (st = cli_session_id(a->pos[0], &id)) != ST_OK)
		return st;
	if (!a->npos) {
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

CLI_COMMAND(resume, .args = "[SESSION]", .max_pos = 1, .help = resume_help,
	    .summary = "Open the wizard on a session (no command: the open one worked on last).");
