/*
 * cmd_status.c - "status [SESSION]": every item of a session, its state, by whom and when.
 */
#include "cli.h"
#include "status_hosts.h"
#include "status_view.h"

static const char status_help[] =
	"Shows the state of every item of SESSION (default: the open session worked on\n"
	"last, by its latest event, else the newest): done, skipped or pending, by whom\n"
	"and when, forced overrides, the chosen branch, the latest note, and which\n"
	"items changed in the content since the session was planned ('!' marks those\n"
	"changed after being done).\n"
	"\n"
	"A per-host step is summed up: its hosts done, skipped and pending, and the\n"
	"first hosts pending; --hosts lists every host's item (the JSON always does).\n"
	"Hosts left out with 'exclude' are listed with their reasons, and the end of\n"
	"the window when the session was started with --window-end.\n"
	"\n"
	"A session planned with content this run lacks exits 65 with how to read it\n"
	"(--content DIR); 'report' still writes its record from the journal.\n"
	"\n"
	"The summary reads only what it shows, so it answers at once however many\n"
	"hosts the session has; --hosts and --format json read every item, a hop at\n"
	"a time as they write it: a damaged page among what they read is refused\n"
	"(exit 65, the output stopping where it was). After a crash of the machine,\n"
	"'sessions' checks every page of the journal.\n";

enum { OPT_FORMAT, OPT_HOSTS };
static const struct cli_option options[] = {
	[OPT_FORMAT] = CLI_OPTION_FORMAT_TEXT_JSON,
	[OPT_HOSTS] = { "--hosts", NULL, 0, NULL, "every host's item of a per-host step, not a summary" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct strbuf out = STRBUF_INIT;
	struct session_live *live = NULL;
	enum render_format fmt;
	struct cli_session rs;
	enum status st = cli_format(a, OPT_FORMAT, "text|json", &fmt);

	/* a summary in text reads the hosts' items only as it needs them (session_load_summary()),
	 * JSON and --hosts a hop's at a time (session_status_json(), status_hosts_text()) */
	bool summary = st == ST_OK && fmt == FMT_TEXT && !cli_value(a, OPT_HOSTS);
	bool json = st == ST_OK && fmt == FMT_JSON;
	bool hosts = st == ST_OK && fmt == FMT_TEXT && cli_value(a, OPT_HOSTS);

	/* the journal's sessions table checked, not every page: what each form shows
	 * it reads (a damaged page there is refused as corrupt), as 'report' does; a
	 * check of the whole file was a quarter of JSON status's instructions on B */
	if (st == ST_OK)
		st = cli_session_read(cli, a, CLI_SESSION_PEEK, &rs);
	if (st != ST_OK)
		return st;
	st = session_live_load(rs.journal, rs.id, false, &live);
	if (st != ST_OK) {
		cli_journal_failed(rs.journal, "status", st);
		cli_session_release(&rs);
		return st;
	}
	if (summary) {
		struct diag_list dl = DIAG_LIST_INIT;
		st = session_load_summary(rs.journal, rs.content, rs.id, live && live->probed,
					  &rs.session, &dl);
		if (st != ST_OK)
			cli_report(&dl, "status", st);
		diag_list_release(&dl);
		if (st != ST_OK) {
			session_live_free(&live);
			cli_session_release(&rs);
			return st;
		}
	}
	/* streamed: memory stays flat however many hosts' items there are */
	cli_stream_stdout(&out);
	if (json || hosts) {
		/* a hop's agents at a time (status_view.h, status_hosts.h) */
		struct diag_list dl = DIAG_LIST_INIT;
		st = (json ? session_status_json : status_hosts_text)(&out, rs.journal, rs.content,
								       rs.id, live, &dl);
		if (st != ST_OK)
			cli_report(&dl, "status", st);
		diag_list_release(&dl);
	} else {
		status_view(&out, rs.session, live, fmt, false);
	}
	session_live_free(&live);
	cli_session_release(&rs);
	if (st != ST_OK) {
		strbuf_release(&out);
		return st;
	}
	return cli_write_release(&out);
}

CLI_COMMAND(status, .args = "[SESSION] [--format text|json] [--hosts]",
	    .summary = "Show what is done, skipped and pending in a session, by whom and when.",
	    .help = status_help, CLI_OPTIONS(options), .max_pos = 1);
