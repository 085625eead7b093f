/*
 * cmd_verify.c - "verify [SESSION]": probe, then mark done every host whose
 * running version shows its step done.
 */
#include "cli.h"
#include "json_writer.h"
#include "probe_view.h"
#include "session_verify.h"

static const char verify_help[] =
	"Probes the cluster of SESSION as 'probe' does, then marks done each pending\n"
	"host's item of a step that restarts onto the new binaries ('verify: version'\n"
	"in the content) whose host reports the hop's target version. Each is\n"
	"recorded with its evidence: the version seen, where, when. The rules still\n"
	"apply: it goes on while more can be marked (the next step once a step is\n"
	"done, the leading master after the others), and stops where a rule or an\n"
	"old version holds a host back. It prints what it marked and which hosts\n"
	"still report an older version.\n"
	"\n"
	"Exit status as 'probe': 0 when at least one master answered, whether or not\n"
	"anything was marked.\n";

static void json_view(struct strbuf *out, const struct verify_result *v,
		      const struct probe_result *r)
{
	struct json_writer w;

	json_writer_init(&w, out);
	jw_object(&w);
	jw_key(&w, "marked");
	jw_array_lines(&w, "\n ");
	for (size_t i = 0; i < v->nmarked; i++)
		jw_string(&w, v->marked[i]);
	jw_array_end(&w);
	jw_key(&w, "pending");
	jw_array_lines(&w, "\n ");
	for (size_t i = 0; i < v->npending; i++) {
		jw_object(&w);
		jw_key_string(&w, "item", v->pending[i].item);
		jw_key_string(&w, "host", v->pending[i].host);
		jw_key_string(&w, "version", v->pending[i].version);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "probe");
	probe_view_json(&w, r);
	jw_object_end(&w);
	jw_end(&w);
}

static void text_view(struct strbuf *out, const struct verify_result *v,
		      const struct probe_result *r)
{
	probe_view_text(out, r);
	if (v->nmarked)
		strbuf_addf(out, "Marked done, verified (%zu):\n", v->nmarked);
	else
		strbuf_adds(out, "Verified: nothing more to mark\n");
	for (size_t i = 0; i < v->nmarked; i++)
		strbuf_addf(out, "  %s\n", v->marked[i]);
	if (v->npending)
		strbuf_addf(out, "Still pending (%zu):\n", v->npending);
	for (size_t i = 0; i < v->npending; i++) {
		strbuf_addf(out, "  %s reports %s  (%s)\n", v->pending[i].host,
			    v->pending[i].version ? v->pending[i].version : "no version",
			    v->pending[i].item);
	}
}

static enum status run(struct cli *cli, const struct cli_args *a)
{
	struct verify_result v = { 0 };
	struct probe_result *r = NULL;
	struct strbuf out = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct session_actor who;
	enum render_format fmt;
	struct cli_session rs;
	int64_t probe_id;
	enum status st = cli_actor(cli, &who);

	if (st == ST_OK)
		st = cli_probe_command(cli, a, &fmt, &rs, &r, &probe_id);
	if (st != ST_OK)
		return st;
	st = session_verify(rs.journal, rs.content, rs.id, r, probe_id, &who, &v, &dl);
	if (st != ST_OK)
		cli_report_tail(&dl, "verify", " (the probe was recorded)", st);
	cli_session_release(&rs);
	if (st == ST_OK)
		(fmt == FMT_JSON ? json_view : text_view)(&out, &v, r);
	verify_result_release(&v);
	probe_result_free(&r);
	diag_list_release(&dl);
	return st == ST_OK ? cli_write_release(&out) : st;
}

CLI_COMMAND(verify, .args = "[SESSION] [--format text|json] [--connect-timeout S] [--timeout S]",
	    .summary = "Probe, then mark done the hosts that run the hop's new version.",
	    .help = verify_help, CLI_OPTIONS(cli_probe_options), .max_pos = 1);
