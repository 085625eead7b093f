/*
 * report_export.c - a session's report written to a file.
 */
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "report.h"
#include "report_export.h"
#include "session.h"

enum status report_session(struct journal *j, const struct content *c, int64_t session,
			   enum render_format f, struct strbuf *out, struct strbuf *msg)
{
	struct session *s = NULL;
	struct report r;
	enum status st;

	memset(&r, 0, sizeof(r));
	st = session_load_record(j, c, session, &s, msg);
	if (st == ST_OK && s->other_content)
		st = report_other(j, c, s, f, out, msg);
	else if (st == ST_OK && (st = report_build(&r, j, s, msg)) == ST_OK)
		report_render(out, &r, f);
	report_release(&r);
	session_free(&s);
	return st;
}

enum status report_export(struct journal *j, const struct content *c, int64_t session,
			  enum render_format f, const char *path, struct strbuf *msg)
{
	struct strbuf out = STRBUF_INIT;
	enum status st = report_session(j, c, session, f, &out, msg);

	if (st != ST_OK)
		goto out;
	if (strbuf_failed(&out)) {
		strbuf_adds(msg, "out of memory writing the report");
		st = ST_NOMEM;
		goto out;
	}
	/* the journal in use is never written over, whatever name it is given by */
	st = atomic_file_write(path, strbuf_str(&out), out.len, journal_path(j), msg);
	if (st == ST_OK) {
		char *full = realpath(path, NULL);
		strbuf_addf(msg, "wrote the %s report of session %lld to %s", render_format_name(f),
			    (long long)session, full ? full : path);
		free(full);
	}
out:
	strbuf_release(&out);
	return st;
}
