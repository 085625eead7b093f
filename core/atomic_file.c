/*
 * atomic_file.c - write a whole file or nothing, never over what is not
 * ours to replace (see atomic_file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "journal.h"
#include "tempfile.h"

/* The directory part of @path ("." when there is none). */
static void dir_of(const char *path, struct strbuf *dir)
{
	const char *slash = strrchr(path, '/');

	if (slash)
		strbuf_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		strbuf_adds(dir, ".");
}

/* Make the rename itself durable: flush the directory that holds @path. */
static void sync_dir(const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	int fd;

	dir_of(path, &dir);
	fd = open(strbuf_str(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	strbuf_release(&dir);
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/*
 * What @path stands for: itself, or the file a symbolic link resolves to, in
 * @final; its status in @sb and *@exists. Anything but a regular file (or
 * nothing yet) is refused.
 */
static enum status resolve(const char *path, struct strbuf *final, struct stat *sb,
			   bool *exists, struct strbuf *why)
{
	*exists = false;
	if (lstat(path, sb) != 0) {
		if (errno == ENOENT) {
			strbuf_adds(final, path);
			return ST_OK;
		}
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		return ST_IOERR;
	}
	if (S_ISLNK(sb->st_mode)) {
		char *real = realpath(path, NULL);
		if (!real) {
			strbuf_addf(why, "cannot write %s: it is a symbolic link that leads nowhere "
				    "(%s); nothing was written (point it at a file, or give "
				    "another name)", path, strerror(errno));
			return ST_IOERR;
		}
		strbuf_adds(final, real);
		free(real);
		if (stat(strbuf_str(final), sb) != 0) {
			strbuf_addf(why, "cannot write %s: %s", strbuf_str(final), strerror(errno));
			return ST_IOERR;
		}
	} else {
		strbuf_adds(final, path);
	}
	if (!S_ISREG(sb->st_mode)) {
		if (strcmp(path, strbuf_str(final)))
			strbuf_addf(why, "cannot write %s: it is a link to %s, which is %s; ", path,
				    strbuf_str(final), kind_of(sb->st_mode));
		else
			strbuf_addf(why, "cannot write %s: it is %s; ", path, kind_of(sb->st_mode));
		strbuf_adds(why, "nothing was written (give the name of a regular file)");
		return ST_IOERR;
	}
	*exists = true;
	return ST_OK;
}

bool atomic_file_is_journal(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char h[100];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return false;
	do
		n = read(fd, h, sizeof(h));
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n != (ssize_t)sizeof(h) || memcmp(h, magic, sizeof(magic)) != 0)
		return false;
	return ((uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71]) ==
	       JOURNAL_APPLICATION_ID;
}

/* Whether @sb is the file @path + @suffix. */
static bool same_file(const struct stat *sb, const char *path, const char *suffix)
{
	struct strbuf p = STRBUF_INIT;
	struct stat o;
	bool same;

	strbuf_addf(&p, "%s%s", path, suffix);
	same = stat(strbuf_str(&p), &o) == 0 && o.st_dev == sb->st_dev && o.st_ino == sb->st_ino;
	strbuf_release(&p);
	return same;
}

/* Refuse to write over the journal in use (or its side files), or any journal. */
static enum status not_a_journal(const char *path, const char *final, const struct stat *sb,
				 const char *journal, struct strbuf *why)
{
	static const char *const sides[] = { "", "-wal", "-shm" };

	for (size_t i = 0; journal && i < 3; i++) {
		if (same_file(sb, journal, sides[i])) {
			strbuf_addf(why, "will not write over %s: it is %s%s%sthe journal in use "
				    "(%s); that would destroy every session's history. It was not "
				    "changed: give another file name", path, i ? "the " : "",
				    i ? sides[i] : "", i ? " file of " : "", journal);
			return ST_USAGE;
		}
	}
	if (atomic_file_is_journal(final)) {
		strbuf_addf(why, "will not write over %s: it is a mesos-upgrade journal; that "
			    "would destroy the history of its sessions. It was not changed: give "
			    "another file name", path);
		return ST_USAGE;
	}
	return ST_OK;
}

/*
 * Whether this process may replace @final (its status in @sb, NULL when it
 * does not exist yet) in its directory. A write bit cleared by the owner
 * means "do not touch", for root too, as for the journal.
 */
static enum status writable(const char *path, const char *final, const struct stat *sb,
			    struct strbuf *why)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat ds;
	enum status st = ST_IOERR;

	dir_of(final, &dir);
	if (sb && !(sb->st_mode & 0222)) {
		strbuf_addf(why, "cannot write %s: it is read-only (mode %04o); it was not "
			    "changed (make it writable with chmod u+w, or give another name)", path,
			    (unsigned)(sb->st_mode & 07777));
		goto out;
	}
	if (stat(strbuf_str(&dir), &ds) != 0) {
		strbuf_addf(why, "cannot write %s: directory %s: %s", path, strbuf_str(&dir),
			    strerror(errno));
		goto out;
	}
	if (!(ds.st_mode & 0222)) {
		strbuf_addf(why, "cannot write %s: directory %s is read-only (mode %04o); nothing "
			    "was written (make it writable with chmod u+w, or write elsewhere)", path,
			    strbuf_str(&dir), (unsigned)(ds.st_mode & 07777));
		goto out;
	}
	/* for root these pass; the mode bits above are what root is held to */
	if ((sb && faccessat(AT_FDCWD, final, W_OK, AT_EACCESS) != 0) ||
	    faccessat(AT_FDCWD, strbuf_str(&dir), W_OK | X_OK, AT_EACCESS) != 0) {
		strbuf_addf(why, "cannot write %s: %s; nothing was written (write it elsewhere)",
			    path, strerror(errno));
		goto out;
	}
	st = ST_OK;
out:
	strbuf_release(&dir);
	return st;
}

/* Write @data to the new file @fd whole, flushed; a file replaced keeps its mode and owner. */
static int fill(int fd, const char *data, size_t len, const struct stat *old)
{
	size_t done = 0;

	if (old) {
		if (fchmod(fd, old->st_mode & 0777) != 0)
			return -1;
		if (geteuid() == 0 && (old->st_uid != geteuid() || old->st_gid != getegid()) &&
		    fchown(fd, old->st_uid, old->st_gid) != 0)
			return -1;
	}
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return fsync(fd);
}

enum status atomic_file_write(const char *path, const char *data, size_t len,
			      const char *journal, struct strbuf *why)
{
	struct strbuf final = STRBUF_INIT, tmp = STRBUF_INIT;
	enum status st;
	struct stat sb;
	bool exists, held = false;
	int fd = -1;

	st = resolve(path, &final, &sb, &exists, why);
	if (st == ST_OK && exists)
		st = not_a_journal(path, strbuf_str(&final), &sb, journal, why);
	if (st == ST_OK)
		st = writable(path, strbuf_str(&final), exists ? &sb : NULL, why);
	if (st != ST_OK)
		goto out;
	st = ST_IOERR;
	strbuf_addf(&tmp, "%s.tmp-%ld", strbuf_str(&final), (long)getpid());
	if (strbuf_failed(&final) || strbuf_failed(&tmp)) {
		strbuf_adds(why, "out of memory");
		st = ST_NOMEM;
		goto out;
	}
	tempfile_remove_stale(strbuf_str(&final), ".tmp-", NULL);
	held = tempfile_hold(strbuf_str(&tmp), NULL);
	if (!held) {
		strbuf_addf(why, "cannot write %s: its name is too long", path);
		goto out;
	}
	/* a name of our own, never one planted there (a link would be followed) */
	unlink(strbuf_str(&tmp));
	fd = open(strbuf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 || fill(fd, data, len, exists ? &sb : NULL) != 0) {
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(strbuf_str(&tmp), strbuf_str(&final)) != 0) {
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	sync_dir(strbuf_str(&final));
	st = ST_OK;
out:
	if (fd >= 0)
		close(fd);
	if (st != ST_OK && held)
		unlink(strbuf_str(&tmp));
	if (held)
		tempfile_release();
	strbuf_release(&tmp);
	strbuf_release(&final);
	return st;
}
