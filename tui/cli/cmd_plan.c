/*
 * cmd_plan.c - "plan": the checklist from one version to another, nothing recorded.
 */
#include "cli.h"
#include "plan.h"
#include "render.h"

static const char plan_help[] =
	"Options:\n"
	"  --from V          the version the cluster runs: 0.22, 0.22.1 or 0.22.x\n"
	"  --to V            the version to upgrade to\n"
	"  --format FORMAT   text (default), md (a Markdown checklist), html or json\n"
	"\n"
	"Prints every hop between the two minor series: per hop, the incompatible\n"
	"changes to read first, then the upgrade steps in order. Records nothing.\n"
	"\n"
	"Example:\n"
	"  mesos-upgrade plan --from 0.26.1 --to 0.28.x --format md > plan.md\n";

/*
 * "supported: 0.11 to 0.28" for a usage message, from the content when it
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
				      : content_load_builtin(&cli->content, &dl);
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

static enum status run(struct cli *cli, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "--from", NULL, 1, NULL }, { "--to", NULL, 1, NULL }, { "--format", NULL, 1, NULL },
	};
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format fmt = FMT_TEXT;
	enum refusal_code code;
	enum refusal_field field;
	const struct content *c;
	const char *pos[4];
	char range[96];
	struct plan p;
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(&cmd_plan_command, argc, argv, opts, 3, pos, 4, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(&cmd_plan_command, stdout);
		return st;
	}
	if (npos) {
		cli_error("plan: unexpected argument '%s': give the versions with --from and --to "
			  "(%s)", pos[0], supported(cli, range, sizeof(range)));
		return ST_USAGE;
	}
	if (!opts[0].value || !opts[1].value) {
		cli_error("plan: --from and --to are required, e.g. 'plan --from 0.26 --to 0.28' "
			  "(%s)", supported(cli, range, sizeof(range)));
		return ST_USAGE;
	}
	if (opts[2].value && !render_format_parse(opts[2].value, &fmt)) {
		/* the formats, not the versions: the versions may well be right */
		cli_error("plan: unknown format '%s': expected text, md, html or json",
			  opts[2].value);
		return ST_USAGE;
	}
	st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	st = plan_build_refusal(c, opts[0].value, opts[1].value, &p, &code, &field, &why);
	if (st != ST_OK) {
		strbuf_reset(&why);
		cli_refusal_plan(&why, c, code, field, opts[0].value, opts[1].value);
		cli_error("plan: %s", strbuf_str(&why));
		goto out;
	}
	render_plan(&out, &p, fmt);
	st = cli_write(&out);
out:
	strbuf_release(&out);
	strbuf_release(&why);
	return st;
}

const struct cli_command cmd_plan_command = {
	.name = "plan",
	.args = "--from V --to V [--format text|md|html|json]",
	.summary = "Print the upgrade checklist from one version to another; nothing is recorded.",
	.help = plan_help,
	.run = run,
};
