/*
 * atomic_file.h - write a whole file or nothing.
 *
 * The bytes go to a temporary file beside the target, are flushed to disk,
 * and the temporary file is renamed over the target: a reader sees the old
 * file or the new one, never half of one, and a full disk leaves the old
 * file as it was.
 */
#ifndef MU_ATOMIC_FILE_H
#define MU_ATOMIC_FILE_H

#include <stddef.h>

#include "status.h"
#include "strbuf.h"

/* Write @len bytes of @data to @path (mode 0644 less the umask). ST_IOERR with the reason in @why. */
enum status atomic_file_write(const char *path, const char *data, size_t len, struct strbuf *why);

#endif
