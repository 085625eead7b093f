/*
 * cmd_start.c - "start": a new session in the journal; its id alone on stdout.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "textutil.h"

static const char start_help[] =
	"Records a new session in the journal and prints its id alone on stdout.\n"
	"\n"
	"Example:\n"
	"  id=$(mesos-upgrade start --from 0.26 --to 0.28 --title 'CHG-1234 prod-east')\n";

/* Whether @t may be the title; says why not, naming --title. */
static bool title_ok(const char *t)
{
	struct session_refusal r = SESSION_REFUSAL_INIT;
	struct strbuf what = STRBUF_INIT;
	size_t at, n;

	if (session_title_check(t, &r))
		return true;
	if (r.code == REFUSAL_TITLE_LONG) {
		cli_error("start: --title is longer than %d characters", SESSION_TITLE_MAX);
	} else {
		/* shown to every operator of the session, in terminals and reports */
		n = text_find_unprintable(t, strlen(t), &at);
		text_add_unprintable_why(&what, t + at, n);
		cli_error("start: --title '%s' has %s: use --title T with printable characters "
			  "on one line", t, strbuf_str(&what));
	}
	strbuf_release(&what);
	session_refusal_release(&r);
	return false;
}

/* The inventory at @path into *@inv; its problems said, naming --inventory. */
static enum status inventory(const char *path, struct inventory **inv)
{
	struct session_refusal r = SESSION_REFUSAL_INIT;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = session_inventory_load(path, inv, &dl, &r);
	if (r.code == REFUSAL_INVENTORY_MISSING) {
		/* nothing to have problems: say what is wrong, once */
		cli_error("start: --inventory %s: no such file; no session was started", path);
	} else if (st != ST_OK) {
		diag_print(&dl, stderr, MU_PROGRAM ": ");
		cli_error("start: the inventory %s has problems; no session was started", path);
	}
	diag_list_release(&dl);
	session_refusal_release(&r);
	return st;
}

/* session_start()'s refusal @r (or its message @why) in our words. */
static void refused(const struct session_refusal *r, const struct content *c, const char *from,
		    const char *to, const char *title, struct strbuf *why)
{
	struct strbuf text = STRBUF_INIT;

	if (r->code == REFUSAL_TITLE_LONG || r->code == REFUSAL_TITLE_UNPRINTABLE) {
		title_ok(title);
		return;
	}
	if (r->code != REFUSAL_NONE)
		cli_refusal_plan(&text, c, r->code, r->field, from, to);
	cli_error("start: %s", strbuf_str(text.len ? &text : why));
	strbuf_release(&text);
}

enum { OPT_FROM, OPT_TO, OPT_TITLE, OPT_INVENTORY };
static const struct cli_option options[] = {
	[OPT_FROM] = CLI_OPTION_FROM,
	[OPT_TO] = CLI_OPTION_TO,
	[OPT_TITLE] = { "--title", NULL, CLI_VALUE, "T",
			"a title for the session (a change ticket, a cluster name):\n"
			"printable characters on one line" },
	[OPT_INVENTORY] = { "--inventory", NULL, CLI_VALUE, "FILE",
			    "the cluster's hosts (YAML: masters:, agents:, leader:);\n"
			    "steps done on each master or agent then get one item per\n"
			    "host, HOP/STEP@HOST, kept with the session" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *from = cli_value(a, OPT_FROM), *to = cli_value(a, OPT_TO);
	const char *title = cli_value(a, OPT_TITLE), *inv_file = cli_value(a, OPT_INVENTORY);
	struct session_refusal r = SESSION_REFUSAL_INIT;
	struct inventory *inv = NULL;
	struct strbuf why = STRBUF_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	struct plan p;
	int64_t id;
	enum status st;

	if (!from || !to) {
		cli_error("start: --from and --to are required, e.g. 'start --from 0.26 --to 0.28'");
		return ST_USAGE;
	}
	if (title && !title_ok(title))
		return ST_USAGE;
	st = cli_actor(cli, &who);
	if (st == ST_OK)
		st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	/* refuse bad versions before touching the journal */
	st = plan_build_refusal(c, from, to, &p, &r.code, &r.field, &why);
	if (st == ST_OK && inv_file)
		st = inventory(inv_file, &inv);
	else if (st != ST_OK)
		refused(&r, c, from, to, title, &why);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_CREATE, &j);
	if (st != ST_OK)
		goto out;
	st = session_start(j, c, from, to, title, inv, &who, &id, &r, &why);
	if (st != ST_OK) {
		refused(&r, c, from, to, title, &why);
	} else if (printf("%lld\n", (long long)id) < 0 || fflush(stdout) != 0) {
		/* it is on disk: a retry would start a second session */
		cli_error("session %lld was started, but could not print its id: %s; "
			  "'sessions' lists it", (long long)id, strerror(errno));
		clearerr(stdout); /* said: main() need not say it again */
		st = ST_IOERR;
	}
out:
	inventory_free(&inv);
	journal_close(&j);
	session_refusal_release(&r);
	strbuf_release(&why);
	return st;
}

CLI_COMMAND(start, .args = "--from V --to V [--title T] [--inventory FILE]",
	    .summary = "Start a session in the journal; prints its id.", .help = start_help,
	    CLI_OPTIONS(options));
