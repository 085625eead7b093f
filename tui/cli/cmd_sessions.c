/*
 * cmd_sessions.c - "sessions": every session of the journal, one line (or JSON object) each.
 */
#include <stdlib.h>

#include "cli.h"
#include "status_view.h"

static const char sessions_help[] =
	"Lists every session in the journal: id, versions, open or finished, items\n"
	"resolved, when it started and by whom, title.\n"
	"\n"
	"A session planned with content this run lacks (other versions, or other\n"
	"items) is listed as planned with other content, with the --content to read\n"
	"it with: the directory it was started with, when the journal recorded one.\n";

enum { OPT_FORMAT };
static const struct cli_option options[] = { [OPT_FORMAT] = CLI_OPTION_FORMAT_TEXT_JSON };

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct strbuf out = STRBUF_INIT;
	enum render_format fmt;
	struct journal *j = NULL;
	struct json_writer w;
	const struct content *c;
	int64_t *ids = NULL;
	size_t n = 0;
	enum status st = cli_format(a, OPT_FORMAT, "text|json", &fmt);

	if (st == ST_OK)
		st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	if (cli_journal_exists(cli)) {
		st = cli_journal(cli, CLI_JOURNAL_READ, &j);
		if (st != ST_OK)
			return st;
		st = journal_session_ids(j, &ids, &n);
	}
	if (st != ST_OK) {
		cli_journal_failed(j, NULL, st);
		goto out;
	}
	json_writer_init(&w, &out);
	if (fmt == FMT_JSON) {
		jw_object(&w);
		jw_key(&w, "sessions");
		jw_array_lines(&w, "\n");
	} else if (n) {
		strbuf_adds(&out, "ID   RANGE            STATUS   DONE    STARTED               "
				  "OPERATOR  TITLE\n");
	}
	for (size_t i = 0; i < n; i++) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct session *s = NULL;
		char cmd[48];
		st = session_load_brief(j, c, ids[i], &s, &dl);
		if (st != ST_OK) {
			snprintf(cmd, sizeof(cmd), "sessions: session %lld", (long long)ids[i]);
			cli_report(&dl, cmd, st);
		}
		diag_list_release(&dl);
		if (st != ST_OK)
			goto out;
		if (fmt == FMT_JSON)
			status_view_session_json(&w, s, true);
		else
			status_view_session_line(&out, s);
		session_free(&s);
	}
	if (fmt == FMT_JSON) {
		jw_array_end(&w);
		jw_object_end(&w);
		jw_end(&w);
	} else if (!n) {
		cli_error("no sessions yet%s%s; 'start --from V --to V' begins one",
			  j ? " in " : "", j ? journal_path(j) : "");
	}
	st = cli_write(&out);
out:
	free(ids);
	journal_close(&j);
	strbuf_release(&out);
	return st;
}

CLI_COMMAND(sessions, .args = "[--format text|json]", CLI_OPTIONS(options),
	    .summary = "List the sessions in the journal.", .help = sessions_help);
