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
	"With --master, the session knows its cluster: 'probe' and 'verify' ask those\n"
	"masters later, and the journal keeps the URLs and the files' paths, never a\n"
	"secret. With --discover the cluster is asked now: the masters are named as\n"
	"they name themselves, the agents are those the leader knows, the leader is the\n"
	"elected one (restarted last), and what it saw is recorded as the first probe.\n"
	"Nothing is recorded when the cluster cannot be read (exit as 'probe').\n"
	"\n"
	"Examples:\n"
	"  id=$(mesos-upgrade start --from 0.26 --to 0.28 --title 'CHG-1234 prod-east')\n"
	"  id=$(mesos-upgrade start --from 0.27 --to 0.28 --master https://m1:5050 \\\n"
	"       --master https://m2:5050 --master https://m3:5050 --discover \\\n"
	"       --credentials ~/.mesos/ops.cred --cacert /etc/mesos/ca.pem)\n";

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

/* session_start()'s failure @st, said in @dl: a refusal in our words. */
static void refused(const struct diag_list *dl, const struct content *c, const char *from,
			   const char *to, const char *title, enum status st)
{
	struct strbuf text = STRBUF_INIT;

	if (dl->code == REFUSAL_TITLE_LONG || dl->code == REFUSAL_TITLE_UNPRINTABLE) {
		title_ok(title);
	} else if (dl->code != REFUSAL_NONE) {
		cli_refusal_plan(&text, c, dl->code, dl->field, from, to);
		cli_error("start: %s", strbuf_str(&text));
	} else {
		cli_report(dl, "start", st);
	}
	strbuf_release(&text);
}

enum {
	OPT_FROM, OPT_TO, OPT_TITLE, OPT_INVENTORY, OPT_MASTER, OPT_DISCOVER, OPT_CREDENTIALS,
	OPT_CACERT, OPT_CONNECT_TIMEOUT, OPT_TIMEOUT, OPT_WINDOW_END
};
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
	[OPT_MASTER] = { "--master", NULL, CLI_VALUE | CLI_REPEAT, "URL",
			 "a master of the cluster, http(s)://HOST:PORT; once per master" },
	[OPT_DISCOVER] = { "--discover", NULL, 0, NULL,
			   "the inventory from the cluster (not with --inventory)" },
	[OPT_CREDENTIALS] = { "--credentials", NULL, CLI_VALUE, "FILE",
			      "a Mesos credentials file for the masters (JSON or\n"
			      "'principal secret' lines), private to you (chmod 600)" },
	[OPT_CACERT] = { "--cacert", NULL, CLI_VALUE, "FILE",
			 "the CA certificates that sign the masters' (https; TLS is\n"
			 "always verified)" },
	[OPT_CONNECT_TIMEOUT] = CLI_OPTION_CONNECT_TIMEOUT,
	[OPT_TIMEOUT] = CLI_OPTION_TIMEOUT,
	[OPT_WINDOW_END] = { "--window-end", NULL, CLI_VALUE, "HH:MM",
			     "when the maintenance window ends, local time (00:00 to\n"
			     "23:59); 'status' and the wizard show it" },
};

/* The cluster's options of @a, checked: *@cl, and with --discover the inventory it reads. */
static enum status cluster(const struct cli_args *a, struct cli_cluster *cl,
			   struct probe_result **r, struct inventory **inv)
{
	bool discover = cli_value(a, OPT_DISCOVER) != NULL;
	enum status st;

	if (discover && cli_value(a, OPT_INVENTORY)) {
		cli_error("start: --discover reads the inventory from the cluster: give "
			  "--inventory FILE or --discover, not both");
		return ST_USAGE;
	}
	if (discover && !a->opt[OPT_MASTER].n) {
		cli_error("start: --discover asks the masters: name them with --master URL");
		return ST_USAGE;
	}
	if (!discover && (cli_value(a, OPT_CONNECT_TIMEOUT) || cli_value(a, OPT_TIMEOUT))) {
		cli_error("start: --connect-timeout and --timeout are for --discover ('probe' and "
			  "'verify' take their own)");
		return ST_USAGE;
	}
	st = cli_cluster_where(a, OPT_MASTER, OPT_CREDENTIALS, OPT_CACERT, cl);
	if (st == ST_OK && discover)
		st = cli_discover(a, OPT_CONNECT_TIMEOUT, OPT_TIMEOUT, cl, r, inv);
	return st;
}

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *from = cli_value(a, OPT_FROM), *to = cli_value(a, OPT_TO);
	const char *title = cli_value(a, OPT_TITLE), *inv_file = cli_value(a, OPT_INVENTORY);
	const char *window_end = cli_value(a, OPT_WINDOW_END);
	struct cli_cluster cl = { 0 };
	struct probe_result *seen = NULL;
	struct inventory *inv = NULL;
	struct diag_list dl;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	struct plan p;
	int64_t id;
	enum status st;

	diag_list_init(&dl);
	if (!from || !to) {
		cli_error("start: --from and --to are required, e.g. 'start --from 0.26 --to 0.28'");
		return ST_USAGE;
	}
	if (title && !title_ok(title))
		return ST_USAGE;
	if (window_end && !session_window_check(window_end)) {
		cli_error("start: --window-end '%s' is not a time of day: write HH:MM, 00:00 to "
			  "23:59, local time (e.g. --window-end 06:00); no session was started",
			  window_end);
		return ST_USAGE;
	}
	st = cli_actor(cli, &who);
	if (st == ST_OK)
		st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	/* refuse bad versions before touching the journal */
	st = plan_build_refusal(c, from, to, &p, &dl);
	if (st != ST_OK)
		refused(&dl, c, from, to, title, st);
	if (st == ST_OK)
		st = cluster(a, &cl, &seen, &inv);
	if (st == ST_OK && inv_file)
		st = cli_inventory(a->cmd->name, inv_file, "no session was started", &inv);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_CREATE, &j);
	if (st != ST_OK)
		goto out;
	st = session_start_cluster(j, c, from, to, title, inv, cl.where.nmasters ? &cl.where : NULL,
				   window_end, &who, &id, &dl);
	if (st != ST_OK)
		refused(&dl, c, from, to, title, st);
	else if (seen)
		st = cli_record_discovered(j, id, &who, seen);
	if (st != ST_OK) {
		/* said */
	} else if (printf("%lld\n", (long long)id) < 0 || fflush(stdout) != 0) {
		/* it is on disk: a retry would start a second session */
		cli_error("session %lld was started, but could not print its id: %s; "
			  "'sessions' lists it", (long long)id, strerror(errno));
		clearerr(stdout); /* said: main() need not say it again */
		st = ST_IOERR;
	}
out:
	probe_result_free(&seen);
	cli_cluster_release(&cl);
	inventory_free(&inv);
	journal_close(&j);
	diag_list_release(&dl);
	return st;
}

CLI_COMMAND(start, .args = "--from V --to V [--title T] [--inventory FILE] [--master URL]... "
			   "[--discover] [--credentials FILE] [--cacert FILE] [--window-end HH:MM]",
	    .summary = "Start a session in the journal; prints its id.", .help = start_help,
	    CLI_OPTIONS(options));
