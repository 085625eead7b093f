/*
 * cmd_complete.c - "complete items|hosts|excluded SESSION [PREFIX] |
 * sessions [PREFIX]": the ids a completion script offers, one a line.
 *
 * Made for share/completion.bash, which runs it at every Tab: it reads the
 * ids asked for through an index (journal_complete()) and nothing else: no
 * content, no session loaded, only the sessions table of the journal checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "textutil.h"

static const char complete_help[] =
	"Meant for completion scripts (share/completion.bash). Prints, one a line and\n"
	"sorted byte by byte, the ids that start with PREFIX (every one without it):\n"
	"  items     the items of SESSION: HOP/ID, and HOP/STEP@HOST for each host\n"
	"            of a step done host by host\n"
	"  hosts     the hosts of SESSION's inventory, those added by 'edit' too\n"
	"  excluded  the hosts SESSION excludes now (what 'include' takes back)\n"
	"  sessions  the session ids, by number\n"
	"\n"
	"Only the ids asked for are read: the session is not loaded, nor the content.\n"
	"An id with a character that cannot be shown is left out. An unknown SESSION\n"
	"is an error (exit 2); with no journal yet there are no sessions to list.\n";

/* The kinds, by their journal_complete_what; "sessions" after them. */
static const char *const kinds[] = {
	[JOURNAL_COMPLETE_ITEMS] = "items",
	[JOURNAL_COMPLETE_HOSTS] = "hosts",
	[JOURNAL_COMPLETE_EXCLUDED] = "excluded",
	"sessions",
};
#define NKINDS (sizeof(kinds) / sizeof(*kinds))
#define KIND_SESSIONS (NKINDS - 1)

/* What is written: ids gathered a block at a time (330,000 item ids are 13 MB). */
struct out {
	char buf[1 << 16];
	size_t len;
	bool failed;
};

/* Write what @o holds to stdout; false when that fails (main() says so: its error stays set). */
static bool flush_out(struct out *o)
{
	if (o->len && !o->failed && fwrite(o->buf, 1, o->len, stdout) != o->len)
		o->failed = true;
	o->len = 0;
	return !o->failed;
}

/*
 * Whether the 8 bytes at @s are each printable ASCII but the space (0x21 to
 * 0x7e), 8 at a time: the check was a quarter of the work of listing
 * 330,000 item ids a byte at a time. A byte below 0x21 (w - 0x21 borrows
 * into its high bit, which w lacks), or 0x7f and above (w + 1 reaches its
 * high bit, or it had it), sets its high bit in the result.
 */
static bool visible8(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return !((((w - ones * 0x21) & ~w) | ((w + ones) | w)) & highs);
}

/* Id @id (@len bytes) and a newline into @ctx, a struct out; one that cannot be shown is left out. */
static bool put(void *ctx, const char *id, size_t len)
{
	struct out *o = ctx;
	size_t i = 0, at;

	/* printable ASCII, as ids nearly always are, needs no decoding */
	while (i + 8 <= len && visible8(id + i))
		i += 8;
	while (i < len && (unsigned char)id[i] > 0x20 && (unsigned char)id[i] < 0x7f)
		i++;
	if (len == 0 || (i < len && text_find_unprintable(id + i, len - i, &at)))
		return true;
	if (len + 1 > sizeof(o->buf) - o->len && !flush_out(o))
		return false;
	if (len + 1 > sizeof(o->buf))
		return fwrite(id, 1, len, stdout) == len && putchar('\n') != EOF;
	memcpy(o->buf + o->len, id, len);
	o->buf[o->len + len] = '\n';
	o->len += len + 1;
	return true;
}

/* "complete sessions [PREFIX]": none without a journal, and none is not an error. */
static enum status sessions(struct cli *cli, const char *prefix, struct out *o)
{
	struct journal *j = NULL;
	enum status st;

	if (!cli_journal_exists(cli))
		return ST_OK;
	st = cli_journal(cli, CLI_JOURNAL_PEEK, &j);
	if (st == ST_OK)
		st = journal_complete_sessions(j, prefix, put, o);
	if (st != ST_OK && j)
		cli_journal_failed(j, NULL, st);
	journal_close(&j);
	return st;
}

/* "complete items|hosts|excluded SESSION [PREFIX]" */
static enum status of_session(struct cli *cli, enum journal_complete_what what,
			      const char *session, const char *prefix, struct out *o)
{
	struct journal *j = NULL;
	bool found = false;
	int64_t id;
	enum status st = cli_session_id(session, &id);

	if (st == ST_OK)
		st = cli_journal(cli, CLI_JOURNAL_PEEK, &j);
	if (st != ST_OK)
		return st;
	st = journal_complete(j, what, id, prefix, put, o, &found);
	if (st != ST_OK) {
		cli_journal_failed(j, NULL, st);
	} else if (!found) {
		cli_error("there is no session %lld in journal %s; 'sessions' lists them",
			  (long long)id, journal_path(j));
		st = ST_USAGE;
	}
	journal_close(&j);
	return st;
}

static enum status run(struct cli *cli, const struct cli_args *a)
{
	static struct out o; /* 64 KiB: not on the stack */
	enum status st;
	size_t k = 0;

	while (k < NKINDS && strcmp(a->pos[0], kinds[k]) != 0)
		k++;
	if (k == NKINDS)
		return cli_unknown("complete", "kind", a->pos[0], strlen(a->pos[0]), kinds, NKINDS);
	if (k == KIND_SESSIONS && a->npos > 2) {
		cli_error("complete: unexpected argument '%s': 'complete sessions [PREFIX]'",
			  a->pos[2]);
		return ST_USAGE;
	}
	if (k != KIND_SESSIONS && a->npos < 2) {
		cli_error("complete: %s needs SESSION, e.g. 'complete %s 1'", kinds[k], kinds[k]);
		return ST_USAGE;
	}
	if (k == KIND_SESSIONS)
		st = sessions(cli, a->npos > 1 ? a->pos[1] : "", &o);
	else
		st = of_session(cli, (enum journal_complete_what)k, a->pos[1],
				a->npos > 2 ? a->pos[2] : "", &o);
	flush_out(&o);
	return st;
}

CLI_COMMAND(complete, .args = "items|hosts|excluded SESSION [PREFIX] | sessions [PREFIX]",
	    .summary = "For completion scripts: the ids that start with PREFIX, one a line.",
	    .help = complete_help, .min_pos = 1, .max_pos = 3,
	    .needs = "needs what to list: items, hosts or excluded SESSION [PREFIX], "
		     "or sessions [PREFIX]");
