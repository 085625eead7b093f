#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"

/* Make the rename itself durable: flush the directory that holds @path. */
static void sync_dir(const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	int fd;

	if (slash)
		strbuf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		strbuf_adds(&dir, ".");
	fd = open(strbuf_str(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	strbuf_release(&dir);
}

enum status atomic_file_write(const char *path, const char *data, size_t len, struct strbuf *why)
{
	struct strbuf tmp = STRBUF_INIT;
	enum status st = ST_IOERR;
	size_t done = 0;
	int fd = -1;

	strbuf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	if (strbuf_failed(&tmp)) {
		strbuf_release(&tmp);
		return ST_NOMEM;
	}
	/* a name of our own, never one planted there (a link would be followed) */
	unlink(strbuf_str(&tmp));
	fd = open(strbuf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			strbuf_addf(why, "cannot write %s: %s", path, strerror(n < 0 ? errno : EIO));
			goto out;
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0) {
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(strbuf_str(&tmp), path) != 0) {
		strbuf_addf(why, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	sync_dir(path);
	st = ST_OK;
out:
	if (fd >= 0)
		close(fd);
	if (st != ST_OK)
		unlink(strbuf_str(&tmp));
	strbuf_release(&tmp);
	return st;
}
