/*
 * report_export.c - a session's report written to a file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "document.h"
#include "render_json.h"
#include "report.h"
#include "report_export.h"
#include "session_private.h"

/*
 * The session and, unless it was planned with other content, its report
 * gathered, in one read transaction (*@began says, ended by the caller): the
 * items' states, the timeline and the probes as of one moment, whoever
 * records meanwhile; the timeline's rows written in format @f as the events
 * are read, when a temporary file can hold them (report.h). The session's
 * load says its failure in @dl, the rest in @msg.
 */
static enum status gather(struct journal *j, const struct content *c, int64_t session,
			  enum render_format f, struct session **s, struct report *r, bool *began,
			  struct diag_list *dl, struct strbuf *msg)
{
	enum status st;

	memset(r, 0, sizeof(*r));
	st = journal_read_begin(j, began);
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	st = session_load_brief(j, c, session, s, dl);
	if (st == ST_OK && !(*s)->other_content)
		st = report_build_spooled(r, j, *s, report_spool_open((int)f, document_timeline_row),
					  msg);
	return st;
}

/* What gather() gathered, written to @out. */
static enum status render(struct journal *j, const struct content *c, const struct session *s,
			  const struct report *r, enum render_format f, struct strbuf *out,
			  struct strbuf *msg)
{
	struct session_hops v = SESSION_HOPS_INIT(j, c, s, msg);
	const struct document_hosts hosts = { session_hop_hosts, session_hop_span, &v };
	int64_t was = 0;
	bool small;

	if (s->other_content)
		return report_other(j, c, s, f, out, msg);
	if (!s->partial) {
		report_render(out, r, f);
		return report_read_status(r, msg); /* the timeline is read as it is written */
	}
	/* a step's agents read a batch at a time (session_hop.c): memory of a batch;
	 * their items' pages read once each (B: 1,945 first touches of memory, 1,489
	 * with a cache of 256 KiB and as many reads) */
	small = journal_scan_cache(j, 256, &was);
	if (f == FMT_JSON)
		render_json_report_hosts(out, r, session_hop_hosts, &v);
	else
		document_render_hosts(out, r, f, &hosts);
	if (small)
		journal_scan_cache(j, 0, &was);
	session_hops_release(&v);
	if (v.st != ST_OK && !msg->len)
		strbuf_adds(msg, v.st == ST_NOMEM ? "out of memory" : journal_error(j));
	return v.st != ST_OK ? v.st : report_read_status(r, msg);
}

/* A report's failure @st, said in @why inside the core, as @dl's one message (unless said). */
static void failed(struct diag_list *dl, enum status st, const struct strbuf *why)
{
	if (st != ST_OK && dl->status == ST_OK && (why->len || st == ST_NOMEM))
		diag_fail_why(dl, st, why);
}

enum status report_session(struct journal *j, const struct content *c, int64_t session,
			   enum render_format f, struct strbuf *out, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	struct session *s = NULL;
	struct report r;
	bool began = false;
	enum status st = gather(j, c, session, f, &s, &r, &began, dl, &why);

	if (st == ST_OK)
		st = render(j, c, s, &r, f, out, &why);
	journal_read_end(j, began);
	report_release(&r);
	session_free(&s);
	failed(dl, st, &why);
	strbuf_release(&why);
	return st;
}

enum status report_export(struct journal *j, const struct content *c, int64_t session,
			  enum render_format f, const char *path, struct diag_list *dl,
			  struct strbuf *msg)
{
	struct strbuf out = STRBUF_INIT;
	struct session *s = NULL;
	struct atomic_file af;
	struct report r;
	bool began = false;
	enum status st = gather(j, c, session, f, &s, &r, &began, dl, msg);

	/* the journal in use is never written over, whatever name it is given by */
	if (st != ST_OK || (st = atomic_file_open(&af, path, journal_path(j), msg)) != ST_OK)
		goto out;
	/* streamed into the temporary file, renamed into place only when whole */
	strbuf_sink(&out, strbuf_sink_fd, &af.fd, STRBUF_SINK_BOUND);
	st = render(j, c, s, &r, f, &out, msg);
	if (st == ST_OK)
		strbuf_flush(&out);
	if (st == ST_OK && strbuf_sink_errno(&out)) {
		strbuf_addf(msg, "cannot write %s: %s", path, strerror(strbuf_sink_errno(&out)));
		st = ST_IOERR;
	} else if (st == ST_OK && strbuf_failed(&out)) {
		strbuf_adds(msg, "out of memory writing the report");
		st = ST_NOMEM;
	}
	if (st != ST_OK) {
		atomic_file_abort(&af);
		goto out;
	}
	st = atomic_file_commit(&af, msg);
	if (st == ST_OK) {
		char *full = realpath(path, NULL);
		strbuf_addf(msg, "wrote the %s report of session %lld to %s", render_format_name(f),
			    (long long)session, full ? full : path);
		free(full);
	}
out:
	journal_read_end(j, began);
	report_release(&r);
	session_free(&s);
	strbuf_release(&out);
	failed(dl, st, msg);
	if (st != ST_OK)
		strbuf_reset(msg);
	return st;
}
