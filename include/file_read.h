/*
 * file_read.h - read a whole regular file into memory, within a size limit.
 *
 * Anything that is not a regular file (a FIFO, a device, a directory, a
 * socket) is refused before a byte is read, so a FIFO given as an input
 * never hangs the program waiting for a writer.
 */
#ifndef MU_FILE_READ_H
#define MU_FILE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "status.h"
#include "strbuf.h"

/*
 * Read @path whole into *data (malloc'd, NUL-terminated, caller frees) and
 * its length into *len. A file over @max bytes is refused. On failure
 * *data is NULL and the reason, without the path, is appended to @why,
 * naming the file as @what ("the inventory") when not NULL: ST_DATAERR
 * (not a regular file, too large, unreadable) or ST_NOMEM.
 */
enum status file_read(const char *path, const char *what, size_t max, char **data,
		      size_t *len, struct strbuf *why);

/*
 * file_read() for a loader: when the file is bad input (ST_DATAERR), the
 * reason is a problem in @dl, placed at @path.
 */
enum status file_read_diag(const char *path, const char *what, size_t max, char **data,
			   size_t *len, struct diag_list *dl);

/*
 * What a file of @mode that is not a regular file is, for a message: "a
 * directory", "a FIFO", "a device", "not a regular file"...; @exact names
 * the kind of device and says what a FIFO is ("a character device", "a FIFO
 * (named pipe)"), as a refusal to write over the file does.
 */
const char *file_kind(mode_t mode, bool exact);

#endif
