/*
 * atomic_file.h - write a whole file or nothing, and never over what is not
 * ours to replace.
 *
 * The bytes go to a temporary file beside the target (TARGET.tmp-PID, see
 * tempfile.h), are flushed to disk, and the temporary file is renamed over
 * the target: a reader sees the old file or the new one, never half of one,
 * and a full disk leaves the old file as it was.
 *
 * Before anything is created, the target is checked, the way install(1)
 * and sort -o would not: a device, FIFO, socket or directory is refused
 * (ST_IOERR), as is a file or directory its owner may not write, for root
 * too, and, for anyone else, a place they may not write; a mesos-upgrade
 * journal (the one in use, its -wal or -shm, any file with the journal's
 * SQLite application id, any journal's side files) and this process's own
 * streams (/dev/stdout, /proc/self/fd/N) are refused with ST_USAGE. A
 * symbolic link is written through -- the file it resolves to is replaced,
 * the link stays -- unless another user planted it in a sticky directory
 * anyone may write (ST_NOPERM). Nothing is created or changed when the
 * target is refused.
 */
#ifndef MU_ATOMIC_FILE_H
#define MU_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "strbuf.h"

/*
 * Write @len bytes of @data to @path. A new file gets mode 0600 less the
 * umask; a file replaced keeps its mode (and, written by root, its owner).
 * @journal, when not NULL, is the journal in use: that file is never written
 * over. ST_IOERR or ST_USAGE with the reason (and what to do) in @why.
 */
enum status atomic_file_write(const char *path, const char *data, size_t len,
			      const char *journal, struct strbuf *why);

/*
 * The same written as it is made (a report streamed, strbuf_sink_fd): the
 * checks above, then a new temporary file open as af->fd. Then either
 * atomic_file_commit() (flushed to disk, renamed over the target; the
 * reason in @why when that fails, and then nothing is left) or
 * atomic_file_abort() (the temporary removed, the target untouched). A
 * signal that ends the process meanwhile removes the temporary too
 * (tempfile.h). On failure of atomic_file_open() nothing is left open.
 */
struct atomic_file {
	int fd;                 /* the temporary file, to write to */
	int dirfd;              /* the target's directory */
	const char *path;       /* as given, for messages; not owned */
	const char *name;       /* the target's name in its directory, in final */
	struct strbuf final, tmp;
	bool held, renamed;
};
enum status atomic_file_open(struct atomic_file *af, const char *path, const char *journal,
			     struct strbuf *why);
enum status atomic_file_commit(struct atomic_file *af, struct strbuf *why);
void atomic_file_abort(struct atomic_file *af);

/* Whether the regular file @path begins like a mesos-upgrade journal (read, never opened as SQLite). */
bool atomic_file_is_journal(const char *path);

#endif
