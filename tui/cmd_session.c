/*
 * cmd_session.c - "start" and "sessions".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "status_view.h"
#include "textutil.h"

enum status cmd_start(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = cli_command("start");
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
		if (st != ST_OK) {
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

enum status cmd_sessions(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = cli_command("sessions");
	struct cli_opt opts[] = { { "--format", NULL, 1, NULL } };
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format fmt = FMT_TEXT;
	struct journal *j = NULL;
	struct json_writer w;
	const struct content *c;
	int64_t *ids = NULL;
	size_t n = 0, npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, opts, 1, NULL, 0, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (opts[0].value && (!render_format_parse(opts[0].value, &fmt) || (fmt != FMT_TEXT && fmt != FMT_JSON))) {
		cli_error("sessions: unknown format '%s' (expected text or json)", opts[0].value);
		return ST_USAGE;
	}
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
		cli_error("%s", journal_error(j));
		goto out;
	}
	json_writer_init(&w, &out);
	if (fmt == FMT_JSON) {
		json_object(&w);
		json_key(&w, "sessions");
		json_array_lines(&w, "\n");
	} else if (n) {
		strbuf_adds(&out, "ID   RANGE            STATUS   DONE    STARTED               "
				  "OPERATOR  TITLE\n");
	}
	for (size_t i = 0; i < n; i++) {
		struct session *s = NULL;
		strbuf_reset(&why);
		st = session_load(j, c, ids[i], &s, &why);
		if (st != ST_OK) {
			cli_error("sessions: session %lld: %s", (long long)ids[i], strbuf_str(&why));
			goto out;
		}
		if (fmt == FMT_JSON)
			status_view_session_json(&w, s, true);
		else
			status_view_session_line(&out, s);
		session_free(&s);
	}
	if (fmt == FMT_JSON) {
		json_array_end(&w);
		json_object_end(&w);
		json_end(&w);
	} else if (!n) {
		cli_error("no sessions yet%s%s; 'start --from V --to V' begins one",
			  j ? " in " : "", j ? journal_path(j) : "");
	}
	st = cli_write(&out);
out:
	free(ids);
	journal_close(&j);
	strbuf_release(&out);
	strbuf_release(&why);
	return st;
}
