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
	struct cli_session rs;
	int64_t id = 0;
	enum status st;

	/* a session named is the wizard's to look for, in the journal it opens itself */
	if (a->npos) {
		st = cli_session_id(a->pos[0], &id);
	} else if ((st = cli_session_read(cli, a, 0, &rs)) == ST_OK) {
		id = rs.id;
		cli_session_release(&rs);
	}
	return st == ST_OK ? wizard_run(cli, id) : st;
}

CLI_COMMAND(resume, .args = "[SESSION]", .max_pos = 1, .help = resume_help,
	    .summary = "Open the wizard on a session (no command: the open one worked on last).");
