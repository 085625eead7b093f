/*
 * report_export.h - write a session's report to a file, for any front end.
 *
 * The wizard's export and the command line's "report -o" share it: the
 * report is built from the journal, rendered in one format and written
 * atomically (never over a file that is not ours: atomic_file.h).
 */
#ifndef MU_REPORT_EXPORT_H
#define MU_REPORT_EXPORT_H

#include <stdint.h>

#include "content.h"
#include "journal.h"
#include "render.h"
#include "status.h"
#include "strbuf.h"

/*
 * Write the report of session @session in format @f to @path. ST_OK with
 * "wrote the md report of session 1 to /full/path" in @msg, else the
 * status and the reason in @msg.
 */
enum status report_export(struct journal *j, const struct content *c, int64_t session,
			  enum render_format f, const char *path, struct strbuf *msg);

#endif
