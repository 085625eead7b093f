/*
 * fs_trust.h - may this user trust a journal path, and write to it?
 *
 * On a shared machine a file at a path we use may have been planted by
 * someone else: a link that sends our history elsewhere, an empty file
 * another user owns and can read back, a directory where anyone can swap
 * the journal. Like OpenSSH's StrictModes and git's safe.directory, such a
 * path is refused before it is opened, with a message that says what is
 * wrong (owner, mode, link) and how to fix it.
 *
 * Rules, checked in this order:
 *   - the path is not empty;
 *   - its directory is not writable by every user, unless it is sticky
 *     (/tmp); to write, the directory is ours or root's;
 *   - the path is not a symbolic link; it is a regular file;
 *   - the file is not writable by every user;
 *   - a file another user owns is never written to: it is read (only by a
 *     read command), and refused when it is empty (not a journal anyone
 *     made for us).
 * Whether we may write is decided from what this process may do (its
 * effective ids), and a file or directory whose owner cleared every write
 * bit counts as read-only even for root.
 */
#ifndef MU_FS_TRUST_H
#define MU_FS_TRUST_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "status.h"
#include "strbuf.h"

struct fs_trust {
	bool exists;     /* the file is there */
	bool ours;       /* owned by this process's effective user */
	bool writable;   /* this process may write the file and its directory */
	bool empty;      /* zero bytes */
};

/*
 * Check @path for use as a journal, to read or (@want_write) to write.
 * ST_OK with the findings in @out (a missing file is not an error), else
 * ST_USAGE (empty path), ST_NOPERM (planted, unsafe), ST_DATAERR (not a
 * regular file) or ST_IOERR, with one line appended to @err.
 */
enum status fs_trust_journal(const char *path, bool want_write, struct fs_trust *out,
			     struct strbuf *err);

/* Append "belongs to user alice, not to you (bob)" for the owner @owner. */
void fs_add_not_yours(struct strbuf *sb, uid_t owner);

/* The directory part of @path ("." when it has none), appended to @out. */
void fs_dir_of(const char *path, struct strbuf *out);

#endif
