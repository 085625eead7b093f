/*
 * main.c - global options, the table of commands, dispatch (cli_run()).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wizard.h"
#include "clock.h"
#include "plan.h"

/* The commands, in the order --help lists them. */
static const struct cli_command *const commands[] = {
	&cmd_plan_command, &cmd_start_command, &cmd_sessions_command, &cmd_status_command,
	&cmd_mark_command, &cmd_note_command, &cmd_probe_command, &cmd_verify_command,
	&cmd_report_command, &cmd_resume_command, &cmd_close_command, &cmd_reopen_command,
	&cmd_edit_command, &cmd_exclude_command, &cmd_include_command, &cmd_lint_command,
	&cmd_complete_command,
};
#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

/* The command named @name, or NULL. */
static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
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
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n           %s\n", commands[i]->name, commands[i]->args,
			commands[i]->summary);
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
		"65 bad content or input data, 69 no master of the cluster answered,\n"
		"74 journal I/O error, 75 journal busy, 77 a journal or directory not safe\n"
		"to use (owner, mode, link) or the cluster's credentials refused; the\n"
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
		if (!slot)
			return cli_unknown(NULL, "option", arg, nlen < 63 ? nlen : 63, globals,
					   sizeof(globals) / sizeof(*globals));
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
	cmd = find_command(argv[i]);
	if (!cmd) {
		const char *names[NCOMMANDS];
		for (size_t k = 0; k < NCOMMANDS; k++)
			names[k] = commands[k]->name;
		return cli_unknown(NULL, "command", argv[i], strlen(argv[i]), names, NCOMMANDS);
	}
	st = cli_run(&cli, cmd, argc - i, argv + i);
out:
	content_free(&cli.content);
	return finish(st);
}
