/*
 * cmd_start.c - "start": a new session in the journal; its id alone on stdout.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "textutil.h"

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

static enum status run(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &cmd_start_command;
	struct cli_opt opts[] = {
		{ "--from", NULL, 1, NULL }, { "--to", NULL, 1, NULL }, { "--title", NULL, 1, NULL },
		{ "--inventory", NULL, 1, NULL },
	};
	struct inventory *inv = NULL;
	struct strbuf why = STRBUF_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	struct plan p;
	int64_t id;
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, opts, 4, NULL, 0, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (!opts[0].value || !opts[1].value) {
		cli_error("start: --from and --to are required, e.g. 'start --from 0.26 --to 0.28'");
		return ST_USAGE;
	}
	if (opts[2].value && strlen(opts[2].value) > 200) {
		cli_error("start: --title is longer than 200 characters");
		return ST_USAGE;
	}
	if (opts[2].value) {
		/* shown to every operator of the session, in terminals and reports */
		const char *t = opts[2].value;
		size_t at, n = text_find_unprintable(t, strlen(t), &at);
		if (n) {
			struct strbuf what = STRBUF_INIT;
			text_add_unprintable_why(&what, t + at, n);
			cli_error("start: --title '%s' has %s: use --title T with printable characters "
				  "on one line", t, strbuf_str(&what));
			strbuf_release(&what);
			return ST_USAGE;
		}
	}
	st = cli_actor(cli, &who);
	if (st == ST_OK)
		st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	/* refuse bad versions before touching the journal */
	st = plan_build(c, opts[0].value, opts[1].value, &p, &why);
	if (st != ST_OK) {
		cli_error("start: %s", strbuf_str(&why));
		goto out;
	}
	if (opts[3].value) {
		struct diag_list dl;
		diag_list_init(&dl);
		st = inventory_load(opts[3].value, &inv, &dl);
		if (st != ST_OK && access(opts[3].value, F_OK) != 0 && errno == ENOENT) {
			/* nothing to have problems: say what is wrong, once */
			cli_error("start: --inventory %s: no such file; no session was started",
				  opts[3].value);
		} else if (st != ST_OK) {
			diag_print(&dl, stderr, MU_PROGRAM ": ");
			cli_error("start: the inventory %s has problems; no session was started",
				  opts[3].value);
		}
		diag_list_release(&dl);
		if (st != ST_OK)
			goto out;
	}
	st = cli_journal(cli, CLI_JOURNAL_CREATE, &j);
	if (st != ST_OK)
		goto out;
	st = session_start(j, c, opts[0].value, opts[1].value, opts[2].value, inv, &who, &id, &why);
	if (st != ST_OK) {
		cli_error("start: %s", strbuf_str(&why));
		goto out;
	}
	if (printf("%lld\n", (long long)id) < 0 || fflush(stdout) != 0) {
		/* it is on disk: a retry would start a second session */
		cli_error("session %lld was started, but could not print its id: %s; "
			  "'sessions' lists it", (long long)id, strerror(errno));
		clearerr(stdout); /* said: main() need not say it again */
		st = ST_IOERR;
	}
out:
	inventory_free(&inv);
	journal_close(&j);
	strbuf_release(&why);
	return st;
}

const struct cli_command cmd_start_command = {
	.name = "start",
	.args = "--from V --to V [--title T] [--inventory FILE]",
	.summary = "Start a session in the journal; prints its id.",
	.help = start_help,
	.run = run,
};
