/*
 * cmd_verify.c - "verify [SESSION]": probe, then mark done every host whose
 * running version shows its step done.
 */
#include <string.h>

#include "cli.h"
#include "json_writer.h"
#include "probe_view.h"
#include "session_verify.h"
#include "textutil.h"

static const char verify_help[] =
	"Probes the cluster of SESSION as 'probe' does, then marks done each pending\n"
	"host's item of a step that restarts onto the new binaries ('verify: version'\n"
	"in the content) whose host reports the hop's target version. Each is\n"
	"recorded with its evidence: the version seen, where, when. The rules still\n"
	"apply: it goes on while more can be marked (the next step once a step is\n"
	"done, the leading master after the others), and stops where a rule or an\n"
	"old version holds a host back. It prints what it marked and which hosts\n"
	"still report an older version: a host a line, and a step of more than 10\n"
	"hosts in one line (pending: a line per version they report), its first 5\n"
	"hosts named; --format json lists each.\n"
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

/* A field from the cluster or the journal, kept on its line and harmless to a terminal. */
static void add_field(struct strbuf *out, const char *s)
{
	text_add_terminal(out, s, strlen(s));
}

/* The length of the step part of host item @id ("HOP/STEP" of "HOP/STEP@HOST"). */
static size_t step_len(const char *id)
{
	const char *at = strchr(id, '@');

	return at ? (size_t)(at - id) : strlen(id);
}

/* How many entries from @i on (@n in all) are of @id's step, each read with @id_of. */
static size_t step_run(const void *v, size_t size, size_t i, size_t n,
		       const char *(*id_of)(const void *))
{
	const char *first = id_of((const char *)v + i * size);
	size_t len = step_len(first), k = i + 1;

	while (k < n) {
		const char *id = id_of((const char *)v + k * size);
		if (step_len(id) != len || memcmp(id, first, len))
			break;
		k++;
	}
	return k - i;
}

static const char *marked_id(const void *p)
{
	return *(const char *const *)p;
}

static const char *pending_id(const void *p)
{
	return ((const struct verify_pending *)p)->item;
}

/* Hosts of one step listed one a line up to this many; more are summed up. */
enum { VERIFY_LISTED = 10, VERIFY_NAMED = 5 };

/* ", h1, h2 ... and N more" of hosts @host(0..n-1) of a step: the first few named. */
static void named(struct strbuf *out, size_t n, const char *(*host)(const void *, size_t),
		  const void *ctx)
{
	for (size_t k = 0; k < n && k < VERIFY_NAMED; k++) {
		strbuf_adds(out, k ? ", " : "");
		add_field(out, host(ctx, k));
	}
	if (n > VERIFY_NAMED)
		strbuf_addf(out, " and %zu more", n - VERIFY_NAMED);
}

static const char *marked_host(const void *ctx, size_t k)
{
	const char *id = ((const char *const *)ctx)[k];

	return id + step_len(id) + (id[step_len(id)] == '@');
}

/* The pending hosts of one step (@p, @n of them) that report @version (NULL: none). */
struct by_version {
	const struct verify_pending *p;
	size_t n;
	const char *version;
};

static bool same_version(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *version_host(const void *ctx, size_t k)
{
	const struct by_version *bv = ctx;

	for (size_t i = 0; i < bv->n; i++)
		if (same_version(bv->p[i].version, bv->version) && !k--)
			return bv->p[i].host;
	return "";
}

/*
 * "    N report VERSION: h1, h2 ... and N more", a line per version of a
 * step's pending hosts @p (@n), in the order they first appear; past a few
 * versions, the rest in one line.
 */
static void pending_versions(struct strbuf *out, const struct verify_pending *p, size_t n)
{
	enum { SHOWN = 6 };
	const char *seen[SHOWN];
	size_t count[SHOWN] = { 0 }, nseen = 0, other = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < nseen && !same_version(seen[k], p[i].version))
			k++;
		if (k == nseen && nseen == SHOWN) {
			other++;
			continue;
		}
		if (k == nseen)
			seen[nseen++] = p[i].version;
		count[k]++;
	}
	for (size_t k = 0; k < nseen; k++) {
		struct by_version bv = { p, n, seen[k] };
		strbuf_addf(out, "    %zu report ", count[k]);
		add_field(out, seen[k] ? seen[k] : "no version");
		strbuf_adds(out, ": ");
		named(out, count[k], version_host, &bv);
		strbuf_addc(out, '\n');
	}
	if (other)
		strbuf_addf(out, "    %zu report other versions\n", other);
}

/*
 * What verify did, as text: the probe, then the hosts marked and those still
 * pending, each a line; a step of more than VERIFY_LISTED hosts summed up in
 * a line (and, pending, a line per version they report), with the first few
 * named, and where every host is listed.
 */
static void text_view(struct strbuf *out, const struct verify_result *v,
		      const struct probe_result *r, int64_t session)
{
	bool summed = false;

	probe_view_text(out, r);
	if (v->nmarked)
		strbuf_addf(out, "Marked done, verified (%zu):\n", v->nmarked);
	else
		strbuf_adds(out, "Verified: nothing more to mark\n");
	for (size_t i = 0, n; i < v->nmarked; i += n) {
		n = step_run(v->marked, sizeof(*v->marked), i, v->nmarked, marked_id);
		for (size_t k = i; n <= VERIFY_LISTED && k < i + n; k++) {
			strbuf_adds(out, "  ");
			add_field(out, v->marked[k]);
			strbuf_addc(out, '\n');
		}
		if (n <= VERIFY_LISTED)
			continue;
		strbuf_adds(out, "  ");
		text_add_terminal(out, v->marked[i], step_len(v->marked[i]));
		strbuf_addf(out, ": %zu hosts: ", n);
		named(out, n, marked_host, v->marked + i);
		strbuf_addc(out, '\n');
		summed = true;
	}
	if (v->npending)
		strbuf_addf(out, "Still pending (%zu):\n", v->npending);
	for (size_t i = 0, n; i < v->npending; i += n) {
		const struct verify_pending *p = &v->pending[i];
		n = step_run(v->pending, sizeof(*v->pending), i, v->npending, pending_id);
		for (size_t k = 0; n <= VERIFY_LISTED && k < n; k++) {
			strbuf_adds(out, "  ");
			add_field(out, p[k].host);
			strbuf_adds(out, " reports ");
			add_field(out, p[k].version ? p[k].version : "no version");
			strbuf_adds(out, "  (");
			add_field(out, p[k].item);
			strbuf_adds(out, ")\n");
		}
		if (n <= VERIFY_LISTED)
			continue;
		strbuf_adds(out, "  ");
		text_add_terminal(out, p->item, step_len(p->item));
		strbuf_addf(out, ": %zu hosts\n", n);
		pending_versions(out, p, n);
		summed = true;
	}
	if (summed)
		strbuf_addf(out, "('status %lld --hosts' lists every host, 'verify --format json' "
			    "each one verify marked or left pending)\n", (long long)session);
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
	if (st == ST_OK && fmt == FMT_JSON)
		json_view(&out, &v, r);
	else if (st == ST_OK)
		text_view(&out, &v, r, rs.id);
	verify_result_release(&v);
	probe_result_free(&r);
	diag_list_release(&dl);
	return st == ST_OK ? cli_write_release(&out) : st;
}

CLI_COMMAND(verify, .args = "[SESSION] [--format text|json] [--connect-timeout S] [--timeout S]",
	    .summary = "Probe, then mark done the hosts that run the hop's new version.",
	    .help = verify_help, CLI_OPTIONS(cli_probe_options), .max_pos = 1);
