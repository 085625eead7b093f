/*
 * atomic_file.c - write a whole file or nothing, never over what is not
 * ours to replace (see atomic_file.h).
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "file_read.h"
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

/* Whether @path is one of this process's own streams: /dev/stdout, /proc/self/fd/1 and the like. */
static bool is_stream_path(const char *path)
{
	return !strncmp(path, "/proc/", 6) || !strncmp(path, "/dev/fd/", 8) ||
	       !strcmp(path, "/dev/stdin") || !strcmp(path, "/dev/stdout") ||
	       !strcmp(path, "/dev/stderr") || !strcmp(path, "/dev/fd");
}

/*
 * The kernel's protected_symlinks rule, applied whatever the sysctl says: a
 * link in a sticky directory that anyone may write (/tmp) is followed only
 * when it belongs to us or to the directory's owner; anyone else could have
 * planted it to make us overwrite a file of ours.
 */
static enum status link_trusted(const char *link, const struct stat *ls, struct strbuf *why)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat ds;
	enum status st = ST_OK;

	dir_of(link, &dir);
	if (stat(strbuf_str(&dir), &ds) == 0 && (ds.st_mode & S_ISVTX) && (ds.st_mode & S_IWOTH) &&
	    ls->st_uid != geteuid() && ls->st_uid != ds.st_uid) {
		strbuf_addf(why, "will not write through %s: it is a symbolic link another user "
			    "(uid %lu) made in %s, which anyone may write; it could point at any of "
			    "your files. Nothing was written: give the file's own name",
			    link, (unsigned long)ls->st_uid, strbuf_str(&dir));
		st = ST_NOPERM;
	}
	strbuf_release(&dir);
	return st;
}

/*
 * Follow @path's symbolic links one by one (each must be trusted, and none
 * may lead into this process's own streams) to the name that is written:
 * the last link's target, or @path. At most 40 links, as the kernel.
 */
static enum status follow_links(const char *path, struct strbuf *final, struct strbuf *why)
{
	struct strbuf cur = STRBUF_INIT, next = STRBUF_INIT;
	enum status st = ST_OK;
	struct stat ls;
	char target[PATH_MAX];

	strbuf_adds(&cur, path);
	for (int hops = 0;; hops++) {
		if (is_stream_path(strbuf_str(&cur))) {
			strbuf_addf(why, "will not write %s: it names one of this program's own "
				    "streams (%s); to send the report there, leave out -o and "
				    "redirect: > FILE", path, strbuf_str(&cur));
			st = ST_USAGE;
			break;
		}
		if (lstat(strbuf_str(&cur), &ls) != 0 || !S_ISLNK(ls.st_mode))
			break;
		if (hops == 40) {
			strbuf_addf(why, "cannot write %s: too many levels of symbolic links", path);
			st = ST_IOERR;
			break;
		}
		st = link_trusted(strbuf_str(&cur), &ls, why);
		if (st != ST_OK)
			break;
		ssize_t n = readlink(strbuf_str(&cur), target, sizeof(target) - 1);
		if (n < 0) {
			strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
			st = ST_IOERR;
			break;
		}
		target[n] = '\0';
		strbuf_reset(&next);
		if (target[0] != '/') {
			dir_of(strbuf_str(&cur), &next);
			strbuf_addc(&next, '/');
		}
		strbuf_adds(&next, target);
		strbuf_reset(&cur);
		strbuf_adds(&cur, strbuf_str(&next));
	}
	if (st == ST_OK)
		strbuf_adds(final, strbuf_str(&cur));
	strbuf_release(&cur);
	strbuf_release(&next);
	return st;
}

/*
 * What @path stands for: itself, or the file its symbolic links lead to, in
 * @final; its status in @sb and *@exists. Anything but a regular file (or
 * nothing yet) is refused.
 */
static enum status resolve(const char *path, struct strbuf *final, struct stat *sb,
			   bool *exists, struct strbuf *why)
{
	enum status st = follow_links(path, final, why);

	*exists = false;
	if (st != ST_OK)
		return st;
	if (lstat(strbuf_str(final), sb) != 0) {
		if (errno == ENOENT && !strcmp(path, strbuf_str(final)))
			return ST_OK;
		if (errno == ENOENT) /* a link would choose where a new file is made */
			strbuf_addf(why, "cannot write %s: it is a symbolic link that leads nowhere "
				    "(%s does not exist); nothing was written (point it at a file, "
				    "or give another name)", path, strbuf_str(final));
		else
			strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		return ST_IOERR;
	}
	if (!S_ISREG(sb->st_mode)) {
		if (strcmp(path, strbuf_str(final)))
			strbuf_addf(why, "cannot write %s: it is a link to %s, which is %s; ", path,
				    strbuf_str(final), file_kind(sb->st_mode, true));
		else
			strbuf_addf(why, "cannot write %s: it is %s; ", path, file_kind(sb->st_mode, true));
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

/*
 * Whether @path is a journal's -wal, -shm or -journal file: named after a
 * journal, or beginning like SQLite's write-ahead log (whatever its name).
 */
static bool journal_side_file(const char *path)
{
	static const char *const sides[] = { "-wal", "-shm", "-journal" };
	size_t len = strlen(path);
	unsigned char h[4];
	bool side = false;
	ssize_t n;
	int fd;

	for (size_t i = 0; !side && i < sizeof(sides) / sizeof(*sides); i++) {
		size_t sl = strlen(sides[i]);
		if (len > sl && !strcmp(path + len - sl, sides[i])) {
			char *base = strndup(path, len - sl);
			side = base && atomic_file_is_journal(base);
			free(base);
		}
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (!side && fd >= 0) {
		do
			n = read(fd, h, sizeof(h));
		while (n < 0 && errno == EINTR);
		/* the WAL header's magic number, big- or little-endian checksums */
		side = n == 4 && h[0] == 0x37 && h[1] == 0x7f && h[2] == 0x06 &&
		       (h[3] == 0x82 || h[3] == 0x83);
	}
	if (fd >= 0)
		close(fd);
	return side;
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
	if (journal_side_file(final)) {
		strbuf_addf(why, "will not write over %s: it holds recent changes of a journal "
			    "(SQLite's write-ahead log or its index); that would destroy them. It "
			    "was not changed: give another file name", path);
		return ST_USAGE;
	}
	return ST_OK;
}

/*
 * Whether this process may replace @final (its status in @sb, NULL when it
 * does not exist yet) in its directory. The owner's write bit cleared
 * means "do not touch", for root too, as for the journal.
 */
static enum status writable(const char *path, const char *final, const struct stat *sb,
			    struct strbuf *why)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat ds;
	enum status st = ST_IOERR;

	dir_of(final, &dir);
	if (sb && !(sb->st_mode & S_IWUSR)) {
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
	if (!(ds.st_mode & S_IWUSR)) {
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

/* A file replaced keeps its mode and, written by root, its owner. */
static int keep_mode(int fd, const struct stat *old)
{
	if (!old)
		return 0;
	if (fchmod(fd, old->st_mode & 0777) != 0)
		return -1;
	if (geteuid() == 0 && (old->st_uid != geteuid() || old->st_gid != getegid()) &&
	    fchown(fd, old->st_uid, old->st_gid) != 0)
		return -1;
	return 0;
}

/* The last component of @path. */
static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * Create the temporary file of @af in the directory open as af->dirfd, for
 * af->name there. Every step is relative to that directory, so a directory
 * renamed meanwhile gets the whole file, and a failure removes the
 * temporary from the directory it is really in.
 */
static enum status create_in(struct atomic_file *af, const struct stat *old, struct strbuf *why)
{
	strbuf_addf(&af->tmp, "%s.tmp-%ld", af->name, (long)getpid());
	if (strbuf_failed(&af->tmp)) {
		strbuf_adds(why, "out of memory");
		return ST_NOMEM;
	}
	af->held = tempfile_hold_at(af->dirfd, strbuf_str(&af->tmp), NULL);
	if (!af->held) {
		strbuf_addf(why, "cannot write %s: its name is too long", af->path);
		return ST_IOERR;
	}
	/* a name of our own, never one planted there (a link would be followed) */
	unlinkat(af->dirfd, strbuf_str(&af->tmp), 0);
	/* a new report is private: it is an operator's record, not the world's */
	af->fd = openat(af->dirfd, strbuf_str(&af->tmp),
			O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (af->fd < 0 || keep_mode(af->fd, old) != 0) {
		strbuf_addf(why, "cannot write %s: %s", af->path, strerror(errno));
		return ST_IOERR;
	}
	return ST_OK;
}

enum status atomic_file_commit(struct atomic_file *af, struct strbuf *why)
{
	enum status st = ST_IOERR;
	int fd = af->fd;

	af->fd = -1;
	if (fsync(fd) != 0) {
		strbuf_addf(why, "cannot write %s: %s", af->path, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0) {
		strbuf_addf(why, "cannot write %s: %s", af->path, strerror(errno));
		goto out;
	}
	if (renameat(af->dirfd, strbuf_str(&af->tmp), af->dirfd, af->name) != 0) {
		strbuf_addf(why, "cannot write %s: %s", af->path, strerror(errno));
		goto out;
	}
	fsync(af->dirfd); /* the rename itself made durable */
	af->renamed = true;
	st = ST_OK;
out:
	atomic_file_abort(af);
	return st;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->fd >= 0)
		close(af->fd);
	af->fd = -1;
	if (af->held && !af->renamed)
		unlinkat(af->dirfd, strbuf_str(&af->tmp), 0);
	if (af->held)
		tempfile_release();
	af->held = false;
	if (af->dirfd >= 0)
		close(af->dirfd);
	af->dirfd = -1;
	strbuf_release(&af->tmp);
	strbuf_release(&af->final);
}

enum status atomic_file_open(struct atomic_file *af, const char *path, const char *journal,
			     struct strbuf *why)
{
	struct strbuf dir = STRBUF_INIT;
	enum status st;
	struct stat sb;
	bool exists;

	*af = (struct atomic_file){ .fd = -1, .dirfd = -1, .path = path };
	st = resolve(path, &af->final, &sb, &exists, why);
	if (st == ST_OK && exists)
		st = not_a_journal(path, strbuf_str(&af->final), &sb, journal, why);
	if (st == ST_OK)
		st = writable(path, strbuf_str(&af->final), exists ? &sb : NULL, why);
	if (st != ST_OK)
		goto out;
	dir_of(strbuf_str(&af->final), &dir);
	if (strbuf_failed(&af->final) || strbuf_failed(&dir)) {
		strbuf_adds(why, "out of memory");
		st = ST_NOMEM;
		goto out;
	}
	tempfile_remove_stale(strbuf_str(&af->final), ".tmp-", NULL);
	af->dirfd = open(strbuf_str(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (af->dirfd < 0) {
		strbuf_addf(why, "cannot write %s: directory %s: %s", path, strbuf_str(&dir),
			    strerror(errno));
		st = ST_IOERR;
		goto out;
	}
	af->name = base_of(strbuf_str(&af->final));
	st = create_in(af, exists ? &sb : NULL, why);
out:
	if (st != ST_OK)
		atomic_file_abort(af);
	strbuf_release(&dir);
	return st;
}

enum status atomic_file_write(const char *path, const char *data, size_t len,
			      const char *journal, struct strbuf *why)
{
	struct atomic_file af;
	enum status st = atomic_file_open(&af, path, journal, why);

	if (st != ST_OK)
		return st;
	if (strbuf_sink_fd(&af.fd, data, len) != 0) {
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		atomic_file_abort(&af);
		return ST_IOERR;
	}
	return atomic_file_commit(&af, why);
}
