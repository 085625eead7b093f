/*
 * cmd_probe.c - "probe [SESSION]": read the session's cluster now, record
 * what it saw, and print it.
 */
#include "cli.h"
#include "probe_view.h"

static const char probe_help[] =
	"Asks the masters of SESSION (given to 'start' with --master) their version,\n"
	"their state and their agents, and each agent's version; records what they\n"
	"said in the journal, as evidence, and prints it with the warnings: masters\n"
	"unreachable, no elected leader or a new one, agents newer than the masters,\n"
	"recovered or inactive agents, frameworks without checkpointing (their tasks\n"
	"die when their agent restarts), and hosts in the cluster but not in the\n"
	"inventory, or the reverse.\n"
	"\n"
	"Exit status 0 when at least one master answered (the others are listed);\n"
	"69 when none did; 77 when a master asks for credentials (--credentials at\n"
	"start) or refuses them; 65 when an answer is not what a Mesos master sends.\n"
	"Nothing is recorded then.\n";

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct probe_result *r = NULL;
	struct strbuf out = STRBUF_INIT;
	enum render_format fmt;
	struct cli_session rs;
	int64_t probe_id;
	enum status st = cli_probe_command(cli, a, &fmt, &rs, &r, &probe_id);

	if (st != ST_OK)
		return st;
	cli_session_release(&rs);
	probe_view(&out, r, fmt);
	probe_result_free(&r);
	return cli_write_release(&out);
}

CLI_COMMAND(probe, .args = "[SESSION] [--format text|json] [--connect-timeout S] [--timeout S]",
	    .summary = "Read the cluster now: versions, leader, agents, warnings; recorded.",
	    .help = probe_help, CLI_OPTIONS(cli_probe_options), .max_pos = 1);
