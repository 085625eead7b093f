/*
 * cmd_plan.c - "plan": the checklist from one version to another, nothing recorded.
 */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "fd_gather.h"
#include "plan.h"
#include "render.h"

static const char plan_help[] =
	"Prints every hop between the two minor series: per hop, the incompatible\n"
	"changes to read first, then the upgrade steps in order (a note that acts\n"
	"after the binaries are replaced, or on each host, in its place among them).\n"
	"A note of a patch release is planned when the plan crosses it, so a plan\n"
	"within one series (--from 1.2.0 --to 1.2.1) is the notes it crosses. The\n"
	"project's own advice is marked (tool advice). Records nothing.\n"
	"\n"
	"Example:\n"
	"  mesos-upgrade plan --from 0.26.1 --to 0.28.x --format md > plan.md\n";

/*
 * "supported: FROM to TO" for a usage message, from the content when it
 * loads; the problems of content that does not are left to cli_content().
 */
static const char *supported(struct cli *cli, char *buf, size_t size)
{
	char range[64];

	if (!cli->content) {
		struct diag_list dl;
		enum status st;
		diag_list_init(&dl);
		st = cli->content_dir ? content_load_dir(cli->content_dir, &cli->content, &dl)
				      : content_load_builtin_lean(&cli->content);
		if (st != ST_OK)
			content_free(&cli->content);
		diag_list_release(&dl);
	}
	if (!cli->content)
		return "the content does not load: see 'mesos-upgrade lint'";
	plan_supported_range(cli->content, range, sizeof(range));
	snprintf(buf, size, "supported: %s", range);
	return buf;
}

/*
 * Does plan @p's output in @fmt read its hops' notes and steps, not only the
 * build's JSON of the hops it takes whole (the built-in content's, loaded
 * without them)?
 */
static bool reads_items(const struct plan *p, enum render_format fmt)
{
	if (fmt != FMT_JSON)
		return true;
	for (size_t h = 0; h < p->nhops; h++)
		if (!plan_hop_whole(p, h) || !p->hops[h].json_len)
			return true;
	return false;
}

/*
 * What the output holds before it is gathered (fd_gather.h): small, so that
 * its buffer stays a few pages; the hops the build compiled are not copied
 * at all. The plan of the whole range is 145 KB.
 */
#define PLAN_BOUND ((size_t)4 * 1024)

enum { OPT_FROM, OPT_TO, OPT_FORMAT };
static const struct cli_option options[] = {
	[OPT_FROM] = CLI_OPTION_FROM,
	[OPT_TO] = CLI_OPTION_TO,
	[OPT_FORMAT] = { "--format", NULL, CLI_VALUE, "FORMAT",
			 "text (default), md (a Markdown checklist), html or json" },
};

static enum status run(struct cli *cli, const struct cli_args *a)
{
	const char *from = cli_value(a, OPT_FROM), *to = cli_value(a, OPT_TO);
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format fmt;
	const struct content *c;
	struct diag_list dl;
	char range[96];
	struct plan p;
	enum status st;
	struct fd_gather *g = NULL;

	if (a->npos) {
		cli_error("plan: unexpected argument '%s': give the versions with --from and --to "
			  "(%s)", a->pos[0], supported(cli, range, sizeof(range)));
		return ST_USAGE;
	}
	if (!from || !to) {
		cli_error("plan: --from and --to are required, e.g. 'plan --from 0.26 --to 0.28' "
			  "(%s)", supported(cli, range, sizeof(range)));
		return ST_USAGE;
	}
	/* (a message that names the formats only: the versions may well be right) */
	if ((st = cli_format(a, OPT_FORMAT, "text|md|html|json", &fmt)) != ST_OK)
		return st;
	/* the built-in content without its notes and steps until the plan reads them
	 * (content.h): a plan of whole hops as JSON never does */
	if (!cli->content && !cli->content_dir && content_load_builtin_lean(&cli->content) != ST_OK) {
		cli_error("out of memory loading the content");
		return ST_NOMEM;
	}
	st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	diag_list_init(&dl);
	st = plan_build_refusal(c, from, to, &p, &dl);
	if (st != ST_OK) {
		cli_refusal_plan(&why, c, dl.code, dl.field, from, to);
		cli_error("plan: %s", strbuf_str(&why));
	}
	diag_list_release(&dl);
	if (st == ST_OK && reads_items(&p, fmt) && content_builtin_whole(c) != ST_OK) {
		cli_error("out of memory loading the content");
		st = ST_NOMEM;
	}
	if (st != ST_OK)
		goto out;
	/* (16 KiB: not on the stack) */
	if (!(g = malloc(sizeof(*g)))) {
		cli_error("out of memory");
		st = ST_NOMEM;
		goto out;
	}
	fd_gather_init(g, STDOUT_FILENO);
	fd_gather_attach(g, &out, PLAN_BOUND);
	render_plan(&out, &p, fmt);
	(void)fd_gather_finish(g, &out); /* (a failure: cli_write() says it) */
	st = cli_write(&out);
out:
	free(g);
	strbuf_release(&out);
	strbuf_release(&why);
	return st;
}

/* up to four positionals, so that a version given without --from or --to gets its own message */
CLI_COMMAND(plan, .args = "--from V --to V [--format text|md|html|json]",
	    .summary = "Print the upgrade checklist from one version to another; nothing is recorded.",
	    .help = plan_help, CLI_OPTIONS(options), .max_pos = 4);
