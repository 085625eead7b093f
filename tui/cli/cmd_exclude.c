/*
 * cmd_exclude.c - a host left out of the upgrade and taken back in:
 * "exclude SESSION HOST --note REASON", "include SESSION HOST".
 */
#include <string.h>

#include "cli.h"

static const char exclude_help[] =
	"Leaves HOST (a master or an agent of the session's inventory) out of the\n"
	"upgrade: every pending item of HOST, in every hop, is skipped at once, each\n"
	"skip recorded with REASON and as the exclusion's. What is done stays done.\n"
	"'status' and every report list the excluded hosts with their reasons;\n"
	"'include SESSION HOST' takes it back in.\n"
	"\n"
	"The leading master is refused (exit 1): leaving it out leaves the cluster led\n"
	"by a master of the old version. Fail over first (then 'probe'), or give\n"
	"--force with the reason, recorded as forced.\n"
	"\n"
	"Example:\n"
	"  mesos-upgrade exclude 3 agent-0017 --note 'decommissioned, ticket OPS-88'\n";

static const char include_help[] =
	"Takes HOST back into the upgrade: the skips its exclusion wrote are undone,\n"
	"and no others. An item skipped by hand stays skipped; an item done stays done.\n";

enum { OPT_NOTE, OPT_FORCE };
static const struct cli_option exclude_options[] = {
	[OPT_NOTE] = { "--note", NULL, CLI_VALUE, "REASON", "why the host is left out (required)" },
	[OPT_FORCE] = { "--force", NULL, 0, NULL,
			"exclude the leading master all the same; recorded as forced" },
};

/* Exclude (@include false) or include host a->pos[1] of session a->pos[0]; said. */
/* The account of command @cmd on session @id, or its failure: a refusal with its flags. */
static enum status said(const char *cmd, int64_t id, enum status st, const struct strbuf *msg,
			const struct diag_list *dl)
{
	char tail[64];

	if (st == ST_OK || dl->code == REFUSAL_NONE)
		return cli_change_said(cmd, st, msg, dl);
	if (dl->code == REFUSAL_EXCLUDE_NO_REASON)
		return cli_report_tail(dl, cmd, ": --note REASON", st);
	snprintf(tail, sizeof(tail), " (then 'probe %lld'), or give --force", (long long)id);
	return cli_report_tail(dl, cmd, tail, st);
}

static enum status exclusion(struct cli *cli, const struct cli_args *a, bool include,
			     const char *reason, bool force)
{
	struct strbuf msg = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	int64_t id;
	enum status st = cli_change_begin(cli, a, &id, &who, &c, &j);

	if (st == ST_OK)
		st = said(a->cmd->name, id, session_exclude(j, c, id, a->pos[1], include, reason,
							    force, &who, &dl, &msg), &msg, &dl);
	journal_close(&j);
	diag_list_release(&dl);
	strbuf_release(&msg);
	return st;
}

static enum status exclude_run(struct cli *cli, const struct cli_args *a)
{
	const char *reason = cli_value(a, OPT_NOTE);

	if (!reason || !reason[strspn(reason, " \t\n")]) {
		cli_error("exclude: leaving a host out needs a reason: --note REASON, e.g. "
			  "'exclude %s %s --note \"decommissioned\"'", a->pos[0], a->pos[1]);
		return ST_USAGE;
	}
	if (strlen(reason) > CLI_MAX_TEXT) {
		cli_error("exclude: the reason is longer than %d bytes", CLI_MAX_TEXT);
		return ST_USAGE;
	}
	return exclusion(cli, a, false, reason, cli_value(a, OPT_FORCE) != NULL);
}

static enum status include_run(struct cli *cli, const struct cli_args *a)
{
	return exclusion(cli, a, true, NULL, false);
}

const struct cli_command cmd_exclude_command = {
	.name = "exclude", .run = exclude_run, .args = "SESSION HOST --note REASON [--force]",
	.summary = "Leave a host out of the upgrade: skip its pending items in every hop.",
	.help = exclude_help, CLI_OPTIONS(exclude_options), .min_pos = 2, .max_pos = 2,
	.needs = "needs SESSION and HOST, e.g. 'exclude 3 agent-0017 --note \"decommissioned\"'",
};

const struct cli_command cmd_include_command = {
	.name = "include", .run = include_run, .args = "SESSION HOST",
	.summary = "Take an excluded host back in: undo the skips its exclusion wrote.",
	.help = include_help, .min_pos = 2, .max_pos = 2,
	.needs = "needs SESSION and HOST, e.g. 'include 3 agent-0017'",
};
