/*
 * cmd_status.c - "status [SESSION]": every item of a session, its state, by whom and when.
 */
#include "cli.h"
#include "status_view.h"

static const char status_help[] =
	"Shows the state of every item of SESSION (default: the open session worked on\n"
	"last, by its latest event, else the newest): done, skipped or pending, by whom\n"
	"and when, forced overrides, the chosen branch, the latest note, and which\n"
	"items changed in the content since the session was planned ('!' marks those\n"
	"changed after being done).\n";

enum { OPT_FORMAT };
static const struct cli_option options[] = { [OPT_FORMAT] = CLI_OPTION_FORMAT_TEXT_JSON };

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format fmt;
	struct journal *j = NULL;
	struct session *s = NULL;
	const struct content *c;
	int64_t id = 0;
	enum status st = cli_format(a, OPT_FORMAT, "text|json", &fmt);

	if (st != ST_OK)
		return st;
	if (a->npos && (st = cli_session_id(a->pos[0], &id)) != ST_OK)
		return st;
	st = cli_content(cli, &c);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_READ, &j);
	if (st != ST_OK)
		return st;
	if (!a->npos && (st = cli_latest_session(cli, j, c, &id)) != ST_OK)
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

CLI_COMMAND(status, .args = "[SESSION] [--format text|json]",
	    .summary = "Show what is done, skipped and pending in a session, by whom and when.",
	    .help = status_help, CLI_OPTIONS(options), .max_pos = 1);
