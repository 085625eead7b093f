/*
 * cli.h - the command line: global options, the command table, each command.
 *
 * main() parses the global options into a struct cli, finds the command in
 * its table of descriptors and runs it with cli_run(), which parses the
 * command's own arguments as its descriptor declares them; every command
 * returns an enum status, which main() returns as the exit code. Commands
 * write their output to stdout and their messages, prefixed
 * "mesos-upgrade: ", to stderr.
 *
 * The sources are in tui/cli/: main.c (global options, the table), cli.c
 * (messages, content, output), options.c (a command's arguments, its help,
 * --format), cli_journal.c (what the journal commands share) and one
 * cmd_NAME.c per command (cmd_life.c: close, reopen, edit; cmd_exclude.c:
 * exclude, include), which defines its
 * descriptor cmd_NAME_command with
 * CLI_COMMAND(). Nothing here reaches curses: tests/cli/build.sh checks it.
 */
#ifndef MU_CLI_H
#define MU_CLI_H

#include <stdio.h>

#include "cluster_probe.h"
#include "content.h"
#include "journal.h"
#include "render.h"
#include "session.h"
#include "status.h"
#include "strbuf.h"

#define MU_PROGRAM "mesos-upgrade"
#define MU_PROGRAM_VERSION "0.1.0"

struct cli {
	const char *content_dir;  /* --content, else $MESOS_UPGRADE_CONTENT, else NULL */
	const char *journal;      /* --journal, else $MESOS_UPGRADE_JOURNAL, else NULL */
	const char *operator_name;/* --operator, else NULL (cli_actor() decides) */
	struct content *content;  /* loaded on demand by cli_content() */
};

/*
 * An option of a command, as its descriptor declares it. Given as "--name
 * VALUE", "--name=VALUE", or, without CLI_VALUE, as a flag with no value.
 * "COMMAND --help" lists the options in this order, each as
 * "  -o, --name ARG  help", a newline in its help continuing under it.
 */
struct cli_option {
	const char *name;         /* "--from" */
	const char *alias;        /* "-o" or NULL */
	unsigned flags;           /* CLI_VALUE, CLI_REPEAT */
	const char *arg;          /* with CLI_VALUE: what the value is in --help, "V" */
	const char *help;         /* what it does, for --help */
};
#define CLI_VALUE  1u         /* takes a value */
#define CLI_REPEAT 2u         /* may be given more than once; without it, twice is a usage error */
/* Options that commands take alike: the versions (plan, start), text or JSON (status, sessions). */
#define CLI_OPTION_FROM \
	{ "--from", NULL, CLI_VALUE, "V", "the version the cluster runs: 0.22, 0.22.1 or 0.22.x" }
#define CLI_OPTION_TO { "--to", NULL, CLI_VALUE, "V", "the version to upgrade to" }
#define CLI_OPTION_FORMAT_TEXT_JSON \
	{ "--format", NULL, CLI_VALUE, "FORMAT", "text (default) or json" }
#define CLI_MAX_OPTIONS 16
#define CLI_MAX_POSITIONALS 4

struct cli_args;

/*
 * A command. cli_run() parses its arguments as declared here, answers
 * --help, and only then calls run(): a command sees what was given, never argv.
 */
struct cli_command {
	const char *name;
	const char *args;         /* synopsis after the name */
	const char *summary;      /* one line */
	const char *help;         /* the rest of "COMMAND --help", after its options; may be NULL */
	const struct cli_option *options; /* CLI_OPTIONS(array), or none */
	size_t noptions;          /* at most CLI_MAX_OPTIONS */
	size_t min_pos, max_pos;  /* how many positional arguments it takes;
				     at most CLI_MAX_POSITIONALS */
	const char *needs;        /* with min_pos: the usage error when fewer are given,
				     after "COMMAND: " */
	enum status (*run)(struct cli *cli, const struct cli_args *a);
};
#define CLI_OPTIONS(array) .options = (array), .noptions = sizeof(array) / sizeof(*(array))
/*
 * The descriptor cmd_NAME_command of the command NAME, whose run() is the
 * file's static run(); the other fields by name, e.g.
 *	CLI_COMMAND(note, .args = "SESSION ITEM TEXT", .summary = "...", .min_pos = 3, ...);
 */
#define CLI_COMMAND(NAME, ...) \
	const struct cli_command cmd_##NAME##_command = { .name = #NAME, .run = run, __VA_ARGS__ }

/* One descriptor per command, each defined in its own tui/cli/cmd_NAME.c. */
extern const struct cli_command cmd_plan_command;
extern const struct cli_command cmd_start_command;
extern const struct cli_command cmd_sessions_command;
extern const struct cli_command cmd_status_command;
extern const struct cli_command cmd_mark_command;
extern const struct cli_command cmd_note_command;
extern const struct cli_command cmd_report_command;
extern const struct cli_command cmd_resume_command;
extern const struct cli_command cmd_lint_command;
extern const struct cli_command cmd_probe_command;
extern const struct cli_command cmd_verify_command;
extern const struct cli_command cmd_close_command;
extern const struct cli_command cmd_reopen_command;
extern const struct cli_command cmd_edit_command;
extern const struct cli_command cmd_exclude_command;
extern const struct cli_command cmd_include_command;
extern const struct cli_command cmd_complete_command;

/*
 * What the command line gave a command (argv[1..], argv[0] being its name):
 * its positional arguments, and the values of its options by their index in
 * the descriptor's options, in the order given. "--" ends the options.
 */
struct cli_args {
	const struct cli_command *cmd;
	const char *pos[CLI_MAX_POSITIONALS];
	size_t npos;
	struct cli_values {
		const char **v;   /* a flag given: "" */
		size_t n;         /* 0: not given; above 1 only for CLI_REPEAT */
	} opt[CLI_MAX_OPTIONS];
};
/* The value of option @opt: NULL when not given, "" for a flag, the last of a repeatable one. */
const char *cli_value(const struct cli_args *a, size_t opt);

/*
 * Run @cmd on argv[1..]: a problem with the arguments is printed and is
 * ST_USAGE (an unknown option, the closest one suggested; a value missing;
 * an option given twice; too many positionals, or fewer than min_pos:
 * "COMMAND: " and its needs); "--help" or "-h" prints its help; else its
 * run()'s status.
 */
enum status cli_run(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
/*
 * Say that @word (its first @len bytes) is not a @what ("option", "command")
 * of @cmd (NULL: of the program): "[CMD: ]unknown WHAT 'WORD' (did you mean
 * NAME?)" with the closest of @names, else "...; see 'mesos-upgrade [CMD ]--help'".
 * Returns ST_USAGE.
 */
enum status cli_unknown(const char *cmd, const char *what, const char *word, size_t len,
			const char *const *names, size_t n);
/*
 * Option @opt of @a, a --format, as one of @formats ("md|html|json|text",
 * the first the default when it is not given) into *@fmt. Otherwise
 * ST_USAGE, saying "COMMAND: unknown format 'X' (expected md, html, json or
 * text)" - plan as it always has, "plan: unknown format 'X': expected ...".
 */
enum status cli_format(const struct cli_args *a, size_t opt, const char *formats,
		       enum render_format *fmt);

/*
 * Print "mesos-upgrade: " and the message to stderr as one line, made safe
 * for a terminal as a whole (text_add_terminal: an escape sequence in a file
 * name or an argument is shown as \x1b..., a newline as \n).
 */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Show what the core said of a failure (diag.h), the one way the command
 * line does: each message a line as cli_error() prints it, "FILE:LINE:COL: "
 * before one with a place, "@cmd: " before one without (@cmd may be NULL),
 * and what the list could not hold. Returns the status it said, else @st:
 * the exit code.
 */
enum status cli_report(const struct diag_list *dl, const char *cmd, enum status st);
/* cli_report() with @tail after the last line ("; nothing was recorded"). */
enum status cli_report_tail(const struct diag_list *dl, const char *cmd, const char *tail,
			    enum status st);
/* Print the message and a newline to stdout, made safe as by cli_error(); -1 when it cannot be written. */
int cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Load the content once (see struct cli); problems are printed. */
enum status cli_content(struct cli *cli, const struct content **out);
/*
 * The inventory at @path into *@inv (start, edit); its problems said as
 * "CMD: ...; NOTHING" (@nothing: what was not done, "no session was started").
 */
enum status cli_inventory(const char *cmd, const char *path, const char *nothing,
			  struct inventory **inv);
/*
 * Write @sb to stdout and flush; ST_IOERR with a message when that fails.
 * @sb may stream to stdout (cli_stream_stdout()): then its rest is written,
 * and a failure on the way is the one said.
 */
enum status cli_write(const struct strbuf *sb);
/*
 * @out streamed to standard output from now on (cli_write() writes what is
 * left): its file descriptor written STRBUF_SINK_BOUND at a time, stdio
 * flushed before so that the order holds, a pipe grown first (fd_grow_pipe()).
 */
void cli_stream_stdout(struct strbuf *out);
/* cli_write() of @sb, then @sb released. */
enum status cli_write_release(struct strbuf *sb);

/* What a command does with the journal. */
enum cli_journal_use {
	CLI_JOURNAL_READ,    /* sessions, resume: never changes the file; every
				page is checked first */
	CLI_JOURNAL_WRITE,   /* mark, note: records in an existing journal (pages not checked) */
	CLI_JOURNAL_CREATE,  /* start, the wizard: makes the journal when there is none, or
				checks the sessions table of the one there (cheap, so the
				wizard's first frame does not wait for a whole check) */
	CLI_JOURNAL_PEEK,    /* complete, status, report: as READ, but only the
				sessions table is checked: they answer at once, at any size
				of journal (what they show they read, and a damaged page
				there is refused as corrupt) */
};
/*
 * Open the journal (--journal, $MESOS_UPGRADE_JOURNAL or the default) for
 * @use; errors printed. Without CLI_JOURNAL_CREATE a journal that does not
 * exist yet is an error that says how to begin.
 */
enum status cli_journal(struct cli *cli, enum cli_journal_use use, struct journal **out);
/* Failure @st of a call on @j shown (journal_report(), cli_report() with @cmd); @st. */
enum status cli_journal_failed(const struct journal *j, const char *cmd, enum status st);
/* Whether the journal exists (or cannot be told not to); false without HOME says why. */
bool cli_journal_exists(struct cli *cli);
/*
 * Who is acting, for every command and the wizard: --operator, else
 * $MESOS_UPGRADE_OPERATOR (when not empty), else the login name; and this
 * host (host_name()). A name that cannot be shown is refused, said.
 */
enum status cli_actor(struct cli *cli, struct session_actor *who);
/* Parse a session id argument; ST_USAGE with a message when it is not one. */
enum status cli_session_id(const char *s, int64_t *id);
/*
 * The session a command reads (status, report, resume): its id from the
 * first positional argument (SESSION), else the open session worked on last
 * (session_latest_open()), else the newest; with CLI_SESSION_NEWEST the
 * newest. The content loaded and the journal opened for reading (with
 * CLI_SESSION_WRITE, to record), and with
 * CLI_SESSION_LOAD the session loaded. Problems are printed (ST_USAGE when
 * the journal has no session); *@rs is then released already, else the
 * caller releases it with cli_session_release().
 */
struct cli_session {
	const struct content *content;
	struct journal *journal;  /* owned */
	int64_t id;
	struct session *session;  /* owned; with CLI_SESSION_LOAD, else NULL */
};
#define CLI_SESSION_LOAD   1u
#define CLI_SESSION_NEWEST 2u
#define CLI_SESSION_WRITE  4u     /* the journal opened to record (probe, verify) */
#define CLI_SESSION_PEEK   8u     /* opened as CLI_JOURNAL_PEEK (status, report) */
enum status cli_session_read(struct cli *cli, const struct cli_args *a, unsigned how,
			     struct cli_session *rs);
void cli_session_release(struct cli_session *rs);

/* The longest note or reason, in bytes. */
#define CLI_MAX_TEXT 4000

/*
 * Record @req (mark or note) as the actor of @cli, and print the account of
 * what was recorded, or the refusal.
 */
enum status cli_record(struct cli *cli, struct mark_request *req);
/* Change session a->pos[0] itself (close, reopen, retitle) as the actor of @cli; said. */
enum status cli_change(struct cli *cli, const struct cli_args *a,
		       enum session_change_action action, const char *text);
/*
 * What the session changes share: session a->pos[0]'s id, the actor, the
 * content and the journal opened to record, each problem said. Close
 * *@j when done.
 */
enum status cli_change_begin(struct cli *cli, const struct cli_args *a, int64_t *id,
			     struct session_actor *who, const struct content **c,
			     struct journal **j);
/* Print the account @msg of a change of command @cmd (ST_OK), or its failure in @dl; @st. */
enum status cli_change_said(const char *cmd, enum status st, const struct strbuf *msg,
			    const struct diag_list *dl);

/*
 * The core's refusals in the command line's words (cli_refusal.c), naming
 * its flags: a plan's versions (@code and @field of plan_build_refusal(),
 * the versions as given), and a check-off of @session (@req as asked).
 */
void cli_refusal_plan(struct strbuf *out, const struct content *c, enum refusal_code code,
		      enum refusal_field field, const char *from, const char *to);
void cli_refusal_mark(struct strbuf *out, const struct session_refusal *r, int64_t session,
		      const struct mark_request *req);

/* ---- the live cluster (cli_cluster.c) ------------------------------------ */

/* The timeouts of every command that asks the cluster. */
#define CLI_OPTION_CONNECT_TIMEOUT \
	{ "--connect-timeout", NULL, CLI_VALUE, "S", \
	  "seconds a master or agent has to accept a connection (default 5)" }
#define CLI_OPTION_TIMEOUT \
	{ "--timeout", NULL, CLI_VALUE, "S", \
	  "seconds for each request as a whole, redirects included (default 15)" }
/* Options @connect_opt and @total_opt of @a into @o; ST_USAGE, said, when one is not seconds. */
enum status cli_timeouts(const struct cli_args *a, size_t connect_opt, size_t total_opt,
			 struct mesos_http_opts *o);
/* cluster_probe() as @o says; its failure said as "CMD: why; nothing was recorded". */
enum status cli_probe(const char *cmd, const struct probe_opts *o, struct probe_result **r);
/*
 * Probe session @id's cluster (in @j, opened to write) with the timeouts of
 * @a, and record it: *@r and *@probe_id. Failures said, nothing recorded.
 */
enum status cli_probe_session(struct cli *cli, const struct cli_args *a, size_t connect_opt,
			      size_t total_opt, struct journal *j, int64_t id,
			      struct probe_result **r, int64_t *probe_id);

/* The options of probe and verify, in this order. */
enum { CLI_PROBE_FORMAT, CLI_PROBE_CONNECT_TIMEOUT, CLI_PROBE_TIMEOUT, CLI_PROBE_NOPTIONS };
extern const struct cli_option cli_probe_options[CLI_PROBE_NOPTIONS];
/*
 * What probe and verify begin with: their --format into *@fmt, then the
 * session's cluster probed and recorded: *@r, *@probe_id, and the session
 * in *@rs, its journal open to record (the caller releases it). Failures
 * said, nothing recorded.
 */
enum status cli_probe_command(struct cli *cli, const struct cli_args *a, enum render_format *fmt,
			      struct cli_session *rs, struct probe_result **r, int64_t *probe_id);

/* Where a new session's cluster is: "start --master URL... --credentials F --cacert F". */
struct cli_cluster {
	struct journal_cluster where;   /* the URLs as given; the files' absolute paths */
	char *credentials, *cacert;     /* owned */
};
/*
 * The masters (each an http(s)://HOST:PORT URL, once), the credentials and
 * CA files (existing regular files, kept by their absolute paths) of @a;
 * ST_USAGE, said, otherwise; the credentials file is read now, so one that
 * is not private or not a credentials file is refused now (77, 65), not at
 * the first probe. Release with cli_cluster_release().
 */
enum status cli_cluster_where(const struct cli_args *a, size_t masters_opt, size_t cred_opt,
			      size_t cacert_opt, struct cli_cluster *out);
void cli_cluster_release(struct cli_cluster *c);
/*
 * "start --discover": probe the masters of @cl (its credential read, the
 * timeouts of @a) and the inventory the cluster gives; failures said,
 * nothing recorded.
 */
enum status cli_discover(const struct cli_args *a, size_t connect_opt, size_t total_opt,
			 const struct cli_cluster *cl, struct probe_result **r,
			 struct inventory **inv);
/* Record @r, what --discover saw, as session @id's first probe; a failure said. */
enum status cli_record_discovered(struct journal *j, int64_t id, const struct session_actor *who,
				  struct probe_result *r);

#endif
