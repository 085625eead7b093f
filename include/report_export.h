/*
 * report_export.h - a session's report written to a file.
 *
 * What both front ends do to export a report: the command line's
 * "report -o FILE" and the wizard's export dialog. The report is built,
 * rendered and written whole or not at all (atomic_file_write()), never
 * over the journal in use.
 */
#ifndef MU_REPORT_EXPORT_H
#define MU_REPORT_EXPORT_H

#include <stdint.h>

#include "content.h"
#include "journal.h"
#include "render.h"
#include "session.h"
#include "status.h"
#include "strbuf.h"

/*
 * The report of session @session in @f, appended to @out (whose sticky
 * failure says when memory ran out, or whose sink says why it could not
 * write); the reason in @dl when the session cannot be loaded or its
 * report built.
 */
enum status report_session(struct journal *j, const struct content *c, int64_t session,
			   enum render_format f, struct strbuf *out, struct diag_list *dl);
/*
 * The report of @s, a session planned with content this run lacks
 * (s->other_content), from the journal alone: the session, its timeline with
 * the item ids as recorded, and a line saying the items' texts are not in
 * this content (report_other.c). JSON: { "report": "session", "product",
 * "content_version", "generated", "content_missing": true, "missing" (that
 * line), "session" (as in "status"), "timeline": [ { "event", "time", "item",
 * "action", "operator", "host", "text", "forced" } ] }.
 */
enum status report_other(struct journal *j, const struct content *c, const struct session *s,
			 enum render_format fmt, struct strbuf *out, struct strbuf *msg);
/*
 * Write the report of session @session of @j (its items from @c) in format
 * @f to @path. On success @msg gets one line saying what was written where
 * (the file's full path: a relative name is not obvious from the wizard);
 * on failure the reason in @dl: ST_USAGE for no such session or a path
 * that is a journal, ST_IOERR for a file that cannot be written, journal
 * errors as journal.h says.
 */
enum status report_export(struct journal *j, const struct content *c, int64_t session,
			  enum render_format f, const char *path, struct diag_list *dl,
			  struct strbuf *msg);

#endif
