/*
 * cmd_lint.c - "lint [DIR]": validate content, one "FILE:LINE:COL: message"
 * per problem on stdout.
 */
#include "cli.h"

static const char lint_help[] =
	"Checks the content in DIR (default: --content, $MESOS_UPGRADE_CONTENT, or the\n"
	"content built into this binary) and prints one line per problem:\n"
	"  FILE:LINE:COL: message\n"
	"Exit status 0 when there are none, 65 when there are.\n";

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *dir = a->npos ? a->pos[0] : cli->content_dir;
	struct diag_list dl;
	struct content *c = NULL;
	size_t nsteps = 0, nnotes = 0;
	enum status st;

	diag_list_init(&dl);
	st = dir ? content_load_dir(dir, &c, &dl) : content_parse_builtin(&c, &dl);
	if (st == ST_OK) {
		for (size_t i = 0; i < c->nhops; i++) {
			nnotes += c->hops[i].nnotes;
			nsteps += c->hops[i].nsteps;
		}
		cli_say("%s: %zu hops from %s to %s, %zu notes, %zu steps: no problems",
		       dir ? dir : "built-in content", c->nhops, c->hops[0].from,
		       c->hops[c->nhops - 1].to, nnotes, nsteps);
	} else {
		diag_print(&dl, stdout, "");
		fflush(stdout);
		if (st == ST_NOMEM)
			cli_error("lint: out of memory");
		else
			cli_error("lint: %zu problem%s in %s", dl.count + dl.dropped,
				  dl.count + dl.dropped == 1 ? "" : "s", dir ? dir : "built-in content");
	}
	content_free(&c);
	diag_list_release(&dl);
	return st;
}

CLI_COMMAND(lint, .args = "[DIR]", .max_pos = 1, .help = lint_help,
	    .summary = "Validate content and report every problem as FILE:LINE:COL: message.");
