/*
 * cli_journal.c - what the journal commands share: opening the journal,
 * who is acting, session ids, the session a command reads, recording a
 * check-off or a note.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "host.h"
#include "textutil.h"

/* The journal's path into @path; false (and a message) when there is none to use. */
static bool journal_path_of(struct cli *cli, struct strbuf *path)
{
	if (cli->journal) {
		strbuf_adds(path, cli->journal);
		return true;
	}
	if (journal_default_path(path))
		return true;
	cli_error("no journal: set HOME or XDG_STATE_HOME, or give --journal FILE");
	return false;
}

enum status cli_journal_failed(const struct journal *j, const char *cmd, enum status st)
{
	struct diag_list dl;

	diag_list_init(&dl);
	st = cli_report(&dl, cmd, journal_report(j, st, &dl));
	diag_list_release(&dl);
	return st;
}

bool cli_journal_exists(struct cli *cli)
{
	struct strbuf path = STRBUF_INIT;
	bool exists = true;

	if (journal_path_of(cli, &path))
		exists = access(strbuf_str(&path), F_OK) == 0 || errno != ENOENT;
	strbuf_release(&path);
	return exists;
}

enum status cli_journal(struct cli *cli, enum cli_journal_use use, struct journal **out)
{
	struct strbuf path = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	enum journal_mode mode = use == CLI_JOURNAL_READ || use == CLI_JOURNAL_PEEK ? JOURNAL_READ
										     : JOURNAL_WRITE;
	enum status st = ST_USAGE;

	*out = NULL;
	if (!journal_path_of(cli, &path))
		goto out;
	if (use != CLI_JOURNAL_CREATE && access(strbuf_str(&path), F_OK) != 0 && errno == ENOENT) {
		cli_error("there are no sessions yet (no journal at %s): 'start --from V --to V' "
			  "begins one", strbuf_str(&path));
		goto out;
	}
	/* the default journal's directory is made on first use; a named one's is not */
	if (use == CLI_JOURNAL_CREATE && !cli->journal)
		mode = JOURNAL_CREATE;
	st = journal_open(strbuf_str(&path), mode, out, &dl);
	if (st != ST_OK) {
		cli_report(&dl, NULL, st);
		goto out;
	}
	/* after a crash of the machine, this is what finds a damaged page */
	if (use == CLI_JOURNAL_READ)
		st = journal_check(*out);
	else if (use == CLI_JOURNAL_CREATE || use == CLI_JOURNAL_PEEK)
		st = journal_check_sessions(*out);
	if (st != ST_OK) {
		cli_journal_failed(*out, NULL, st);
		journal_close(out);
	}
out:
	strbuf_release(&path);
	diag_list_release(&dl);
	return st;
}

/*
 * Whether @name may be recorded as who is acting: 1 to 64 bytes, nothing
 * that text_find_unprintable() finds (it is shown to other operators in
 * their terminals and reports). Otherwise says why, naming @from (where the
 * name came from) and what to do.
 */
static bool name_ok(const char *name, const char *from)
{
	size_t len = strlen(name), at, n = text_find_unprintable(name, len, &at);
	struct strbuf why = STRBUF_INIT;

	if (n) {
		strbuf_adds(&why, from);
		strbuf_adds(&why, " '");
		text_add_terminal(&why, name, len);
		strbuf_adds(&why, "' has ");
		text_add_unprintable_why(&why, name + at, n);
		cli_error("%s: use --operator NAME with printable characters", strbuf_str(&why));
	} else if (len == 0 || len > 64) {
		cli_error("%s must be 1 to 64 bytes: use --operator NAME with printable characters",
			  from);
	}
	strbuf_release(&why);
	return n == 0 && len > 0 && len <= 64;
}

/* The login name into *@name, and where it came from into *@from. */
static void login_name(const char **name, const char **from)
{
	struct passwd *pw;

	*from = "the login name";
	*name = getlogin();
	if (!*name || !**name)
		*name = getenv("LOGNAME"), *from = "the login name (from $LOGNAME)";
	if (!*name || !**name)
		*name = getenv("USER"), *from = "the login name (from $USER)";
	if ((!*name || !**name) && (pw = getpwuid(getuid())))
		*name = pw->pw_name, *from = "the login name";
	if (!*name || !**name)
		*name = "unknown";
}

enum status cli_actor(struct cli *cli, struct session_actor *who)
{
	const char *name = cli->operator_name, *from = "--operator";

	if (!name) {
		name = getenv("MESOS_UPGRADE_OPERATOR");
		from = "$MESOS_UPGRADE_OPERATOR";
	}
	if (!name || (!cli->operator_name && !*name))
		login_name(&name, &from);
	if (!name_ok(name, from))
		return ST_USAGE;
	who->operator_name = name;
	who->host = host_name();
	return ST_OK;
}

enum status cli_session_id(const char *s, int64_t *id)
{
	int64_t v = 0;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
		goto bad;
	for (const char *d = s; *d; d++)
		v = v * 10 + (*d - '0');
	if (v <= 0)
		goto bad;
	*id = v;
	return ST_OK;
bad:
	/* the argument as given: "0" and "007" are shown, not what was left of them */
	cli_error("'%s' is not a session id: sessions are numbered from 1 (1, 2, 3, ...); "
		  "'sessions' lists them", s);
	return ST_USAGE;
}

/*
 * The default session of @rs->journal into @rs->id: the open session worked
 * on last, else (and with @newest, always) the newest. ST_USAGE when there
 * are none, said in the words @cmd has always used: report's are its own.
 */
static enum status pick_session(struct cli_session *rs, bool newest, const char *cmd)
{
	struct diag_list dl;
	int64_t *ids = NULL;
	size_t n = 0;
	enum status st = journal_session_ids(rs->journal, &ids, &n);

	diag_list_init(&dl);
	if (st != ST_OK) {
		cli_journal_failed(rs->journal, NULL, st);
		goto out;
	}
	if (n == 0) {
		if (newest)
			cli_error("%s: there are no sessions in journal %s; 'start' begins one",
				  cmd, journal_path(rs->journal));
		else
			cli_error("there are no sessions in journal %s; 'start --from V --to V' "
				  "begins one", journal_path(rs->journal));
		st = ST_USAGE;
		goto out;
	}
	if (!newest) {
		st = session_latest_open(rs->journal, rs->content, &rs->id, &dl);
		if (st != ST_OK)
			cli_report(&dl, NULL, st);
	}
	if (st == ST_OK && !rs->id)
		rs->id = ids[n - 1];
out:
	free(ids);
	diag_list_release(&dl);
	return st;
}

enum status cli_session_read(struct cli *cli, const struct cli_args *a, unsigned how,
			     struct cli_session *rs)
{
	struct diag_list dl = DIAG_LIST_INIT;
	enum status st = ST_OK;

	*rs = (struct cli_session){ 0 };
	if (a->npos)
		st = cli_session_id(a->pos[0], &rs->id);
	if (st == ST_OK)
		st = cli_content(cli, &rs->content);
	if (st == ST_OK)
		st = cli_journal(cli, (how & CLI_SESSION_WRITE) ? CLI_JOURNAL_WRITE
				 : (how & CLI_SESSION_PEEK) ? CLI_JOURNAL_PEEK : CLI_JOURNAL_READ,
				 &rs->journal);
	if (st == ST_OK && !a->npos)
		st = pick_session(rs, how & CLI_SESSION_NEWEST, a->cmd->name);
	if (st == ST_OK && (how & CLI_SESSION_LOAD)) {
		st = session_load(rs->journal, rs->content, rs->id, &rs->session, &dl);
		if (st != ST_OK)
			cli_report(&dl, a->cmd->name, st);
	}
	if (st != ST_OK)
		cli_session_release(rs);
	diag_list_release(&dl);
	return st;
}

void cli_session_release(struct cli_session *rs)
{
	session_free(&rs->session);
	journal_close(&rs->journal);
}



enum status cli_record(struct cli *cli, struct mark_request *req)
{
	struct session_refusal refusal = SESSION_REFUSAL_INIT;
	struct strbuf msg = STRBUF_INIT; /* the account of what was recorded, or our words */
	struct diag_list dl = DIAG_LIST_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	int64_t event_id = 0;
	enum status st;

	if (req->text && strlen(req->text) > CLI_MAX_TEXT) {
		cli_error("the text is longer than %d bytes", CLI_MAX_TEXT);
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
	st = session_mark(j, c, req, &who, &refusal, &msg, &dl);
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
		/* the core's words are a default: ours name our flags; the journal's error as said */
		if (refusal.code != REFUSAL_NONE) {
			cli_refusal_mark(&msg, &refusal, req->session, req);
			diag_list_reset(&dl);
			session_refusal_said(st, &refusal, &msg, &dl);
		}
		cli_report(&dl, NULL, st);
	}
	diag_list_release(&dl);
	journal_close(&j);
	session_refusal_release(&refusal);
	strbuf_release(&msg);
	return st;
}

enum status cli_change_begin(struct cli *cli, const struct cli_args *a, int64_t *id,
			     struct session_actor *who, const struct content **c,
			     struct journal **j)
{
	enum status st = cli_session_id(a->pos[0], id);

	*j = NULL;
	if (st == ST_OK)
		st = cli_actor(cli, who);
	if (st == ST_OK)
		st = cli_content(cli, c);
	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_WRITE, j);
	return st;
}

enum status cli_change_said(const char *cmd, enum status st, const struct strbuf *msg,
			    const struct diag_list *dl)
{
	if (st != ST_OK)
		return cli_report(dl, cmd, st);
	return cli_say("%s", strbuf_str(msg)) < 0 ? ST_IOERR : ST_OK;
}

enum status cli_change(struct cli *cli, const struct cli_args *a,
		       enum session_change_action action, const char *text)
{
	struct strbuf msg = STRBUF_INIT;
	struct session_actor who;
	struct journal *j = NULL;
	const struct content *c;
	struct diag_list dl;
	int64_t id;
	enum status st = ST_OK;

	if (text && strlen(text) > CLI_MAX_TEXT) {
		cli_error("%s: the text is longer than %d bytes", a->cmd->name, CLI_MAX_TEXT);
		return ST_USAGE;
	}
	diag_list_init(&dl);
	st = cli_change_begin(cli, a, &id, &who, &c, &j);
	if (st == ST_OK) {
		st = session_change(j, c, id, action, text, &who, &dl, &msg);
		st = cli_change_said(a->cmd->name, st, &msg, &dl);
	}
	journal_close(&j);
	diag_list_release(&dl);
	strbuf_release(&msg);
	return st;
}
