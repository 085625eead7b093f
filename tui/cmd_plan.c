/*
 * cmd_plan.c - "plan": the checklist from one version to another, nothing recorded.
 */
#include "cli.h"
#include "plan.h"
#include "render.h"

enum status cmd_plan(struct cli *cli, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "--from", NULL, 1, NULL }, { "--to", NULL, 1, NULL }, { "--format", NULL, 1, NULL },
	};
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum render_format fmt = FMT_TEXT;
	const struct content *c;
	struct plan p;
	size_t npos;
	int help;
	enum status st;

	st = cli_parse(cli_command("plan"), argc, argv, opts, 3, NULL, 0, &npos, &help);
	if (st != ST_OK || help) {
		if (help)
			cli_command_help(cli_command("plan"), stdout);
		return st;
	}
	if (!opts[0].value || !opts[1].value) {
		cli_error("plan: --from and --to are required, e.g. 'plan --from 0.26 --to 0.28'");
		return ST_USAGE;
	}
	if (opts[2].value && !render_format_parse(opts[2].value, &fmt)) {
		cli_error("plan: unknown format '%s' (expected text, md or json)", opts[2].value);
		return ST_USAGE;
	}
	st = cli_content(cli, &c);
	if (st != ST_OK)
		return st;
	st = plan_build(c, opts[0].value, opts[1].value, &p, &why);
	if (st != ST_OK) {
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
