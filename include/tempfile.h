/*
 * tempfile.h - temporary files beside their target, never left behind.
 *
 * A temporary file is named after the file it stands in for and the process
 * that made it: TARGET + TAG + PID, e.g. "report.md.tmp-4242" or
 * "journal.db.new-4242" (with SQLite's "-journal", "-wal", "-shm" beside it).
 *
 * While a process holds its temporaries, SIGINT, SIGTERM and SIGHUP remove
 * them before the process dies of the signal -- unless the program handles
 * or ignores that signal itself (the wizard's handlers only set a flag, and
 * it finishes the write before it stops). A process killed outright
 * (SIGKILL, a crash) leaves them; the next process that writes the same
 * target removes those whose PID is no longer alive (tempfile_remove_stale).
 *
 * The registry is process-wide and holds one set of names at a time.
 */
#ifndef MU_TEMPFILE_H
#define MU_TEMPFILE_H

#include <stdbool.h>

/*
 * Hold @path and, for each of @suffixes (NULL-terminated, or NULL for none),
 * @path + suffix: a signal that ends the process unlinks them first. Call it
 * before creating the file. false (nothing held) when a set is already held
 * or a name is longer than PATH_MAX.
 */
bool tempfile_hold(const char *path, const char *const *suffixes);
/* The same with @path relative to the open directory @dirfd (or AT_FDCWD). */
bool tempfile_hold_at(int dirfd, const char *path, const char *const *suffixes);
/* Forget the names held (renamed or removed by now); restores the signal dispositions. */
void tempfile_release(void);
/*
 * In the directory of @target, remove the regular files of this user named
 * exactly BASENAME(@target) + @tag + PID, or that followed by one of
 * @suffixes, whose process PID no longer exists (kill(PID, 0) says ESRCH).
 * Files of live processes, of other users, links and anything else stay.
 * Returns how many were removed.
 */
int tempfile_remove_stale(const char *target, const char *tag, const char *const *suffixes);

#endif
