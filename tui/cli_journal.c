/*
 * cli_journal.c - what the journal commands share: opening the journal,
 * who is acting, session ids.
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
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	enum journal_mode mode = use == CLI_JOURNAL_READ || use == CLI_JOURNAL_CHECKED ?
					 JOURNAL_READ : JOURNAL_WRITE;
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
	st = journal_open(strbuf_str(&path), mode, out, &err);
	if (st != ST_OK) {
		cli_error("%s", strbuf_str(&err));
	} else if (use == CLI_JOURNAL_CHECKED && (st = journal_check(*out)) != ST_OK) {
		/* after a crash of the machine, this is what finds a damaged page */
		cli_error("%s", journal_error(*out));
		journal_close(out);
	}
out:
	strbuf_release(&path);
	strbuf_release(&err);
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

enum status cli_actor(struct cli *cli, struct session_actor *who)
{
	static char host[256];
	const char *name = cli->operator_name, *from = "--operator";

	if (!name) {
		struct passwd *pw;
		from = "the login name";
		name = getlogin();
		if (!name || !*name)
			name = getenv("LOGNAME"), from = "the login name (from $LOGNAME)";
		if (!name || !*name)
			name = getenv("USER"), from = "the login name (from $USER)";
		if ((!name || !*name) && (pw = getpwuid(getuid())))
			name = pw->pw_name, from = "the login name";
		if (!name || !*name)
			name = "unknown";
	}
	if (!name_ok(name, from))
		return ST_USAGE;
	/* host_name(): gethostname(), or MESOS_UPGRADE_HOST for tests */
	snprintf(host, sizeof(host), "%s", host_name());
	who->operator_name = name;
	who->host = host;
	return ST_OK;
}

enum status cli_session_id(const char *s, int64_t *id)
{
	int64_t v = 0;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
		goto bad;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	if (v <= 0)
		goto bad;
	*id = v;
	return ST_OK;
bad:
	cli_error("'%s' is not a session id: sessions are numbered 1, 2, 3, ...; "
		  "'sessions' lists them", s);
	return ST_USAGE;
}

enum status cli_latest_session(struct cli *cli, struct journal *j, const struct content *c,
			       int64_t *id)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum status st = journal_session_ids(j, &ids, &n);

	(void)cli;
	if (st != ST_OK) {
		cli_error("%s", journal_error(j));
		return st;
	}
	if (n == 0) {
		cli_error("there are no sessions in journal %s; 'start --from V --to V' begins one",
			  journal_path(j));
		free(ids);
		return ST_USAGE;
	}
	*id = ids[n - 1];
	/* the newest open session, else the newest */
	for (size_t i = n; i-- > 0;) {
		struct session *s = NULL;
		struct strbuf why = STRBUF_INIT;
		enum status ls = session_load(j, c, ids[i], &s, &why);
		bool open = ls == ST_OK && !s->finished;
		session_free(&s);
		strbuf_release(&why);
		if (open) {
			*id = ids[i];
			break;
		}
	}
	free(ids);
	return ST_OK;
}
