/*
 * cmd_report.c - "report [SESSION] [--format md|html|json|text] [-o FILE]".
 */
#include "cli.h"
#include "report_export.h"

static const char report_help[] =
	"The record of SESSION (default: the latest): who worked on it and where,\n"
	"when it started, finished and how long it took, per hop its notes and steps\n"
	"with their state, time, operator, notes, skip reasons, branches and forced\n"
	"overrides, totals and durations per hop, and the whole timeline of events.\n"
	"A session planned with content this run lacks is reported from the journal\n"
	"alone: the session, a line saying the items' texts are not in this content,\n"
	"and its timeline with the item ids as recorded.\n"
	"\n"
	"Example:\n"
	"  mesos-upgrade report 3 --format html -o CHG-1234.html\n";

/* The report of session @id in @fmt on stdout; the reason in @dl when there is none to write. */
static enum status to_stdout(struct journal *j, const struct content *c, int64_t id,
			     enum render_format fmt, struct diag_list *dl)
{
	struct strbuf out = STRBUF_INIT;
	enum status st;

	/* streamed: memory stays flat however long the timeline */
	cli_stream_stdout(&out);
	st = report_session(j, c, id, fmt, &out, dl);

	if (st == ST_OK)
		st = cli_write(&out); /* says itself why, out of memory or stdout failing */
	strbuf_release(&out);
	return st;
}

enum { OPT_FORMAT, OPT_OUTPUT };
static const struct cli_option options[] = {
	[OPT_FORMAT] = { "--format", NULL, CLI_VALUE, "FORMAT",
			 "md (default: a checklist for a ticket), html (one\n"
			 "self-contained page that prints well), json or text" },
	[OPT_OUTPUT] = { "--output", "-o", CLI_VALUE, "FILE",
			 "write FILE (whole or not at all) instead of stdout; a\n"
			 "link is written through to its file. Refused, with\n"
			 "nothing changed: a device, FIFO, socket or directory,\n"
			 "a file or directory without write permission (for root\n"
			 "too: no write bit at all) (exit 74), a journal (exit 2)" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *file = cli_value(a, OPT_OUTPUT);
	struct strbuf msg = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	enum render_format fmt;
	struct cli_session rs;
	enum status st = cli_format(a, OPT_FORMAT, "md|html|json|text", &fmt);

	if (st != ST_OK)
		return st;
	if (file && !*file) {
		cli_error("report: -o needs a file name");
		return ST_USAGE;
	}
	/* by default the newest session. The journal's sessions table is checked, not
	 * every page: the report reads every row it writes from (the timeline, each
	 * item's state, the inventory, the probes), before it writes anything (but
	 * for the hosts' items of text, md and html, a hop's as it is written; the
	 * timeline is read again as it is written), and a damaged page among them
	 * is refused as corrupt; one elsewhere says nothing of this session, and a
	 * check of the whole file took as long as the report */
	if ((st = cli_session_read(cli, a, CLI_SESSION_NEWEST | CLI_SESSION_PEEK, &rs)) != ST_OK)
		return st;
	if (file)
		st = report_export(rs.journal, rs.content, rs.id, fmt, file, &dl, &msg);
	else
		st = to_stdout(rs.journal, rs.content, rs.id, fmt, &dl);
	if (st != ST_OK)
		cli_report(&dl, "report", st); /* (empty when cli_write said why stdout failed) */
	else if (file)
		cli_error("%s", strbuf_str(&msg)); /* where it went: not an error, said the same way */
	cli_session_release(&rs);
	diag_list_release(&dl);
	strbuf_release(&msg);
	return st;
}

CLI_COMMAND(report, .args = "[SESSION] [--format md|html|json|text] [-o FILE]",
	    .summary = "Write a session's record for the change ticket.", .help = report_help,
	    CLI_OPTIONS(options), .max_pos = 1);
