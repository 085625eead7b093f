/*
 * main.c - global options, the command table, dispatch.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wizard.h"
#include "clock.h"
#include "plan.h"

static const char plan_help[] =
	"Options:\n"
	"  --from V          the version the cluster runs: 0.22, 0.22.1 or 0.22.x\n"
	"  --to V            the version to upgrade to\n"
	"  --format FORMAT   text (default), md (a Markdown checklist), html or json\n"
	"\n"
	"Prints every hop between the two minor series: per hop, the incompatible\n"
	"changes to read first, then the upgrade steps in order. Records nothing.\n"
	"\n"
	"Example:\n"
	"  mesos-upgrade plan --from 0.26.1 --to 0.28.x --format md > plan.md\n";

static const char lint_help[] =
	"Checks the content in DIR (default: --content, $MESOS_UPGRADE_CONTENT, or the\n"
	"content built into this binary) and prints one line per problem:\n"
	"  FILE:LINE:COL: message\n"
	"Exit status 0 when there are none, 65 when there are.\n";

static const char start_help[] =
	"Options:\n"
	"  --from V          the version the cluster runs: 0.22, 0.22.1 or 0.22.x\n"
	"  --to V            the version to upgrade to\n"
	"  --title T         a title for the session (a change ticket, a cluster name):\n"
	"                    printable characters on one line\n"
	"  --inventory FILE  the cluster's hosts (YAML: masters:, agents:, leader:);\n"
	"                    steps done on each master or agent then get one item per\n"
	"                    host, HOP/STEP@HOST, kept with the session\n"
	"\n"
	"Records a new session in the journal and prints its id alone on stdout.\n"
	"\n"
	"Example:\n"
	"  id=$(mesos-upgrade start --from 0.26 --to 0.28 --title 'CHG-1234 prod-east')\n";

static const char sessions_help[] =
	"Options:\n"
	"  --format FORMAT   text (default) or json\n"
	"\n"
	"Lists every session in the journal: id, versions, open or finished, items\n"
	"resolved, when it started and by whom, title.\n";

static const char status_help[] =
	"Options:\n"
	"  --format FORMAT   text (default) or json\n"
	"\n"
	"Shows the state of every item of SESSION (default: the newest open session,\n"
	"else the newest): done, skipped or pending, by whom and when, forced overrides,\n"
	"the chosen branch, the latest note, and which items changed in the content\n"
	"since the session was planned ('!' marks those changed after being done).\n";

static const char mark_help[] =
	"Options:\n"
	"  --note TEXT       a note; the reason for a skip (required) or for --force\n"
	"  --branch ID       for a step with alternatives: the one taken\n"
	"  --force           override a rule of the checklist (needs --note REASON);\n"
	"                    recorded as forced\n"
	"\n"
	"done marks ITEM done (a note: acknowledged), skip skips it, undo returns it to\n"
	"pending. ITEM is an id as 'status' shows it, e.g. 0.27-0.28/restart-masters.\n"
	"The rules: hops in order, a hop's notes before its steps, steps in order\n"
	"unless the hop says otherwise. A refusal exits 1 and names what is in the way.\n"
	"\n"
	"Examples:\n"
	"  mesos-upgrade mark 1 0.27-0.28/scalar-precision done\n"
	"  mesos-upgrade mark 1 0.27-0.28/rebuild-modules skip --note 'no modules here'\n"
	"  mesos-upgrade mark 1 0.17-0.18/restart-agents done --branch cgroups\n";

static const char report_help[] =
	"Options:\n"
	"  --format FORMAT   md (default: a checklist for a ticket), html (one\n"
	"                    self-contained page that prints well), json or text\n"
	"  -o, --output FILE write FILE (whole or not at all) instead of stdout; a\n"
	"                    link is written through to its file. Refused, with\n"
	"                    nothing changed: a device, FIFO, socket or directory,\n"
	"                    a file or directory without write permission (for root\n"
	"                    too: no write bit at all) (exit 74), a journal (exit 2)\n"
	"\n"
	"The record of SESSION (default: the latest): who worked on it and where,\n"
	"when it started, finished and how long it took, per hop its notes and steps\n"
	"with their state, time, operator, notes, skip reasons, branches and forced\n"
	"overrides, totals and durations per hop, and the whole timeline of events.\n"
	"\n"
	"Example:\n"
	"  mesos-upgrade report 3 --format html -o CHG-1234.html\n";

static const char resume_help[] =
	"Opens the wizard on SESSION (default: the newest open session). With no\n"
	"command at all, mesos-upgrade does the same, or offers to start a session\n"
	"when none is open. The cursor starts on the first pending item; ? lists the\n"
	"keys; q quits at any moment, since every check-off is already on disk.\n";

static const char note_help[] =
	"Adds TEXT as a note on ITEM of SESSION, without changing its state.\n";

const struct cli_command cli_commands[] = {
	{ "plan", "--from V --to V [--format text|md|html|json]",
	  "Print the upgrade checklist from one version to another; nothing is recorded.",
	  plan_help, cmd_plan },
	{ "start", "--from V --to V [--title T] [--inventory FILE]",
	  "Start a session in the journal; prints its id.", start_help, cmd_start },
	{ "sessions", "[--format text|json]", "List the sessions in the journal.", sessions_help,
	  cmd_sessions },
	{ "status", "[SESSION] [--format text|json]",
	  "Show what is done, skipped and pending in a session, by whom and when.", status_help,
	  cmd_status },
	{ "mark", "SESSION ITEM done|skip|undo [--note TEXT] [--branch ID] [--force]",
	  "Record that an item was done, skipped or undone.", mark_help, cmd_mark },
	{ "note", "SESSION ITEM TEXT", "Add a note to an item.", note_help, cmd_note },
	{ "report", "[SESSION] [--format md|html|json|text] [-o FILE]",
	  "Write a session's record for the change ticket.", report_help, cmd_report },
	{ "resume", "[SESSION]", "Open the wizard on a session (no command: the newest open one).",
	  resume_help, cmd_resume },
	{ "lint", "[DIR]", "Validate content and report every problem as FILE:LINE:COL: message.",
	  lint_help, cmd_lint },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_command(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s [--journal FILE] [--content DIR] [--operator NAME] COMMAND [ARGS]\n"
		"\n"
		"Walks an operator through upgrading Apache Mesos hop by hop, as checklists\n"
		"built from the \"Upgrading Mesos\" guide.\n"
		"\n"
		"Commands:\n", MU_PROGRAM);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-8s %s\n           %s\n", c->name, c->args, c->summary);
	fprintf(out,
		"\n"
		"Global options:\n"
		"  --content DIR    load content from DIR instead of the built-in content\n"
		"                   (also $MESOS_UPGRADE_CONTENT)\n"
		"  --journal FILE   the journal (also $MESOS_UPGRADE_JOURNAL)\n"
		"  --operator NAME  who is recorded as doing the work (default: login name);\n"
		"                   printable characters only\n"
		"  --help           this help; 'COMMAND --help' for a command's\n"
		"  --version        the program's and the content's versions\n"
		"\n"
		"Exit status: 0 success, 1 refused by a rule of the checklist, 2 usage error,\n"
		"65 bad content or input data, 74 journal I/O error, 75 journal busy,\n"
		"77 a journal or directory not safe to use (owner, mode, link); the\n"
		"wizard stopped by a signal, the terminal restored and nothing lost:\n"
		"129 hang-up (SIGHUP), 130 SIGINT, 143 SIGTERM.\n");
}

static enum status version(struct cli *cli)
{
	const struct content *c;
	char range[64];
	enum status st = cli_content(cli, &c);

	if (st != ST_OK)
		return st;
	plan_supported_range(c, range, sizeof(range));
	cli_say("%s %s", MU_PROGRAM, MU_PROGRAM_VERSION);
	cli_say("content %s (%s), %s %s, %s", c->version,
		cli->content_dir ? cli->content_dir : "built-in", c->product, range, c->source);
	return ST_OK;
}

/*
 * Whatever a command printed must have reached stdout: a full disk or a
 * closed stdout is an I/O error with a message, never a silent success.
 * cli_write() reports its own failure and clears the stream's error, so a
 * failure is reported here only when nobody has said so yet.
 */
static int finish(enum status st)
{
	int failed = fflush(stdout) != 0, e = errno;

	if (!failed && !ferror(stdout))
		return (int)st;
	if (failed)
		cli_error("cannot write the output: %s", strerror(e));
	else
		cli_error("cannot write the output");
	return ST_IOERR;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

int main(int argc, char **argv)
{
	static const char *const globals[] = {
		"--journal", "--content", "--operator", "--help", "--version",
	};
	struct cli cli = { 0 };
	const struct cli_command *cmd;
	enum status st;
	int i;

	if (env("MESOS_UPGRADE_NOW")) {
		/* the clock seam: tests record events at a fixed time */
		time_t t;
		if (!clock_parse_iso(env("MESOS_UPGRADE_NOW"), &t)) {
			cli_error("MESOS_UPGRADE_NOW must be a UTC time like 2026-01-31T22:00:00Z");
			return ST_USAGE;
		}
		clock_fix(t);
	}
	cli.content_dir = env("MESOS_UPGRADE_CONTENT");
	cli.journal = env("MESOS_UPGRADE_JOURNAL");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		const char **slot = NULL;

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(stdout);
			return finish(ST_OK);
		}
		if (!strcmp(arg, "--version") || !strcmp(arg, "-V")) {
			st = version(&cli);
			goto out;
		}
		if (nlen == 9 && !strncmp(arg, "--journal", nlen))
			slot = &cli.journal;
		else if (nlen == 9 && !strncmp(arg, "--content", nlen))
			slot = &cli.content_dir;
		else if (nlen == 10 && !strncmp(arg, "--operator", nlen))
			slot = &cli.operator_name;
		if (!slot) {
			char word[64];
			const char *s;
			snprintf(word, sizeof(word), "%.*s", (int)(nlen < 63 ? nlen : 63), arg);
			s = cli_suggest(word, globals, sizeof(globals) / sizeof(*globals));
			if (s)
				cli_error("unknown option '%s' (did you mean %s?)", word, s);
			else
				cli_error("unknown option '%s'; see '%s --help'", word, MU_PROGRAM);
			return ST_USAGE;
		}
		if (eq) {
			*slot = eq + 1;
		} else if (i + 1 < argc) {
			*slot = argv[++i];
		} else {
			cli_error("%.*s needs a value", (int)nlen, arg);
			return ST_USAGE;
		}
		if (!**slot) {
			cli_error("%.*s needs a non-empty value", (int)nlen, arg);
			return ST_USAGE;
		}
	}
	if (i == argc) {
		st = wizard_run(&cli, 0);
		goto out;
	}
	cmd = cli_command(argv[i]);
	if (!cmd) {
		const char *names[16];
		size_t n = 0;
		const char *s;
		for (const struct cli_command *c = cli_commands; c->name && n < 16; c++)
			names[n++] = c->name;
		s = cli_suggest(argv[i], names, n);
		if (s)
			cli_error("unknown command '%s' (did you mean %s?)", argv[i], s);
		else
			cli_error("unknown command '%s'; see '%s --help'", argv[i], MU_PROGRAM);
		return ST_USAGE;
	}
	st = cmd->run(&cli, argc - i, argv + i);
out:
	content_free(&cli.content);
	return finish(st);
}
