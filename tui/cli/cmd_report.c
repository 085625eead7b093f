/*
 * cmd_report.c - "report [SESSION] [--format md|html|json|text] [-o FILE]".
 */
#include <stdlib.h>

#include "cli.h"
#include "report_export.h"

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

/* The report of session @id in @fmt on stdout; the reason in @msg when there is none to write. */
static enum status to_stdout(struct journal *j, const struct content *c, int64_t id,
			     enum render_format fmt, struct strbuf *msg)
{
	struct strbuf out = STRBUF_INIT;
	enum status st = report_session(j, c, id, fmt, &out, msg);

	if (st == ST_OK)
		st = cli_write(&out); /* says itself why, out of memory or stdout failing */
	strbuf_release(&out);
	return st;
}

static enum status run(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &cmd_report_command;
	struct cli_opt opts[] = { { "--format", NULL, 1, NULL }, { "--output", "-o", 1, NULL } };
	struct strbuf msg = STRBUF_INIT;
	enum render_format fmt = FMT_MD;
	struct journal *j = NULL;
	const struct content *c;
	const char *pos[1];
	int64_t id = 0, *ids = NULL;
	size_t npos, n = 0;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, opts, 2, pos, 1, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (opts[0].value && !render_format_parse(opts[0].value, &fmt)) {
		cli_error("report: unknown format '%s' (expected md, html, json or text)",
			  opts[0].value);
		return ST_USAGE;
	}
	if (opts[1].value && !*opts[1].value) {
		cli_error("report: -o needs a file name");
		return ST_USAGE;
	}
	if (npos && (st = cli_session_id(pos[0], &id)) != ST_OK)
		return st;
	st = cli_content(cli, &c);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_READ, &j);
	if (st != ST_OK)
		return st;
	if (!npos) {
		/* the latest session */
		st = journal_session_ids(j, &ids, &n);
		if (st != ST_OK) {
			cli_error("%s", journal_error(j));
			goto out;
		}
		if (!n) {
			cli_error("report: there are no sessions in journal %s; 'start' begins one",
				  journal_path(j));
			st = ST_USAGE;
			goto out;
		}
		id = ids[n - 1];
	}
	if (opts[1].value)
		st = report_export(j, c, id, fmt, opts[1].value, &msg);
	else
		st = to_stdout(j, c, id, fmt, &msg);
	if (st != ST_OK) {
		if (msg.len) /* (cli_write says itself why stdout failed) */
			cli_error("report: %s", strbuf_str(&msg));
	} else if (opts[1].value) {
		cli_error("%s", strbuf_str(&msg)); /* where it went: not an error, said the same way */
	}
out:
	free(ids);
	journal_close(&j);
	strbuf_release(&msg);
	return st;
}

const struct cli_command cmd_report_command = {
	.name = "report",
	.args = "[SESSION] [--format md|html|json|text] [-o FILE]",
	.summary = "Write a session's record for the change ticket.",
	.help = report_help,
	.run = run,
};
