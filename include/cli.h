/*
 * cli.h - the command line: global options, the command table, each command.
 *
 * main() parses the global options into a struct cli, finds the command in
 * its table of descriptors and calls it; every command returns an enum
 * status, which main() returns as the exit code. Commands write their output
 * to stdout and their messages, prefixed "mesos-upgrade: ", to stderr.
 *
 * The sources are in tui/cli/: main.c (global options, the table), cli.c
 * (messages, content, output), options.c (a command's options and help),
 * cli_journal.c (what the journal commands share) and one cmd_NAME.c per
 * command, which defines its descriptor cmd_NAME_command. Nothing here
 * reaches curses: tests/cli/build.sh checks it.
 */
#ifndef MU_CLI_H
#define MU_CLI_H

#include <stdio.h>

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
	const char *operator_name;/* --operator, else NULL (the login name) */
	struct content *content;  /* loaded on demand by cli_content() */
};

struct cli_command {
	const char *name;
	const char *args;         /* synopsis after the name */
	const char *summary;      /* one line */
	const char *help;         /* the rest of "COMMAND --help", may be NULL */
	enum status (*run)(struct cli *cli, int argc, char **argv);
};

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

/*
 * Print "mesos-upgrade: " and the message to stderr as one line, made safe
 * for a terminal as a whole (text_add_terminal: an escape sequence in a file
 * name or an argument is shown as \x1b..., a newline as \n).
 */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the message and a newline to stdout, made safe as by cli_error(); -1 when it cannot be written. */
int cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Load the content once (see struct cli); problems are printed. */
enum status cli_content(struct cli *cli, const struct content **out);
/* Write @sb to stdout and flush; ST_IOERR with a message when that fails. */
enum status cli_write(const struct strbuf *sb);

/*
 * Options of a command. Parses argv[1..] (argv[0] is the command name):
 * "--name VALUE", "--name=VALUE", flags without a value, and up to @max_pos
 * positional arguments. Prints the problem and returns ST_USAGE on a bad one.
 */
struct cli_opt {
	const char *name;         /* "--from" */
	const char *alias;        /* "-o" or NULL */
	int takes_value;
	const char *value;        /* out: the value, or "" for a flag that was given */
};
enum status cli_parse(const struct cli_command *cmd, int argc, char **argv,
		      struct cli_opt *opts, size_t nopts, const char **pos, size_t max_pos,
		      size_t *npos, int *help);
/* Print COMMAND's --help. */
void cli_command_help(const struct cli_command *cmd, FILE *out);
/*
 * Say that @word (its first @len bytes) is not a @what ("option", "command")
 * of @cmd (NULL: of the program): "[CMD: ]unknown WHAT 'WORD' (did you mean
 * NAME?)" with the closest of @names, else "...; see 'mesos-upgrade [CMD ]--help'".
 * Returns ST_USAGE.
 */
enum status cli_unknown(const char *cmd, const char *what, const char *word, size_t len,
			const char *const *names, size_t n);

/* What a command does with the journal. */
enum cli_journal_use {
	CLI_JOURNAL_READ,    /* status, sessions, report, resume: never changes the file;
				every page is checked first */
	CLI_JOURNAL_WRITE,   /* mark, note: records in an existing journal (pages not checked) */
	CLI_JOURNAL_CREATE,  /* start, the wizard: makes the journal when there is none, or
				checks the sessions table of the one there (cheap, so the
				wizard's first frame does not wait for a whole check) */
};
/*
 * Open the journal (--journal, $MESOS_UPGRADE_JOURNAL or the default) for
 * @use; errors printed. Without CLI_JOURNAL_CREATE a journal that does not
 * exist yet is an error that says how to begin.
 */
enum status cli_journal(struct cli *cli, enum cli_journal_use use, struct journal **out);
/* Whether the journal exists (or cannot be told not to); false without HOME says why. */
bool cli_journal_exists(struct cli *cli);
/* Who is acting: --operator or the login name, and this host (host_name()). */
enum status cli_actor(struct cli *cli, struct session_actor *who);
/* Parse a session id argument; ST_USAGE with a message when it is not one. */
enum status cli_session_id(const char *s, int64_t *id);
/*
 * The open session worked on last (session_latest_open()), else the newest;
 * ST_USAGE when there are none.
 */
enum status cli_latest_session(struct cli *cli, struct journal *j, const struct content *c,
			       int64_t *id);

/*
 * Record @req (mark or note) as the actor of @cli, and print the account of
 * what was recorded, or the refusal.
 */
enum status cli_record(struct cli *cli, struct mark_request *req);

/*
 * The core's refusals in the command line's words (cli_refusal.c), naming
 * its flags: a plan's versions (@code and @field of plan_build_refusal(),
 * the versions as given), and a check-off of @session (@req as asked).
 */
void cli_refusal_plan(struct strbuf *out, const struct content *c, enum refusal_code code,
		      enum refusal_field field, const char *from, const char *to);
void cli_refusal_mark(struct strbuf *out, const struct session_refusal *r, int64_t session,
		      const struct mark_request *req);

#endif
