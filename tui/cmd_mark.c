/*
 * cmd_mark.c - "mark SESSION ITEM done|skip|undo" and "note SESSION ITEM TEXT".
 */
#include <errno.h>
#include <string.h>

#include "cli.h"

#define MAX_TEXT 4000

static enum status record(struct cli *cli, struct mark_request *req)
{
	struct strbuf msg = STRBUF_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	int64_t event_id = 0;
	enum status st;

	if (req->text && strlen(req->text) > MAX_TEXT) {
		cli_error("the text is longer than %d bytes", MAX_TEXT);
		return ST_USAGE;
	}
	st = cli_actor(cli, &who);
	if (st == ST_OK)
		st = cli_content(cli, &c);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_WRITE, &j);
	if (st != ST_OK)
		return st;
	req->event_id = &event_id;
	st = session_mark(j, c, req, &who, &msg);
	if (st == ST_OK) {
		int failed = cli_say("%s", strbuf_str(&msg)) < 0 || fflush(stdout) != 0;
		int e = errno;
		if (failed && event_id) {
			/* it is on disk: a retry must not record it twice */
			cli_error("recorded as event %lld, but could not print the confirmation: %s; "
				  "'status %lld' shows it", (long long)event_id, strerror(e),
				  (long long)req->session);
			clearerr(stdout); /* said: main() need not say it again */
			st = ST_IOERR;
		} else if (failed) {
			cli_error("cannot write the output: %s; %s", strerror(e), strbuf_str(&msg));
			clearerr(stdout);
			st = ST_IOERR;
		}
	} else {
		cli_error("%s", strbuf_str(&msg));
	}
	journal_close(&j);
	strbuf_release(&msg);
	return st;
}

enum status cmd_mark(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = cli_command("mark");
	struct cli_opt opts[] = {
		{ "--note", NULL, 1, NULL }, { "--force", NULL, 0, NULL }, { "--branch", NULL, 1, NULL },
	};
	struct mark_request req = { 0 };
	const char *pos[3];
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, opts, 3, pos, 3, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (npos != 3) {
		cli_error("mark: needs SESSION ITEM and done, skip or undo, e.g. "
			  "'mark 1 0.27-0.28/restart-masters done'");
		return ST_USAGE;
	}
	if ((st = cli_session_id(pos[0], &req.session)) != ST_OK)
		return st;
	if (!strcmp(pos[2], "done"))
		req.action = MARK_DONE;
	else if (!strcmp(pos[2], "skip"))
		req.action = MARK_SKIP;
	else if (!strcmp(pos[2], "undo"))
		req.action = MARK_UNDO;
	else {
		cli_error("mark: '%s' is not an action: use done, skip or undo", pos[2]);
		return ST_USAGE;
	}
	req.item = pos[1];
	req.text = opts[0].value;
	req.force = opts[1].value != NULL;
	req.branch = opts[2].value;
	return record(cli, &req);
}

enum status cmd_note(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = cli_command("note");
	struct mark_request req = { 0 };
	const char *pos[3];
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(self, argc, argv, NULL, 0, pos, 3, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(self, stdout);
		return st;
	}
	if (npos != 3) {
		cli_error("note: needs SESSION ITEM TEXT, e.g. "
			  "'note 1 0.27-0.28/restart-agents \"rack 4 waits for the vendor\"'");
		return ST_USAGE;
	}
	if ((st = cli_session_id(pos[0], &req.session)) != ST_OK)
		return st;
	req.item = pos[1];
	req.action = MARK_NOTE;
	req.text = pos[2];
	return record(cli, &req);
}
