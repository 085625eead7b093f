/*
 * file_read.c - read a whole regular file (see file_read.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"

/* "16 MiB", "4 KiB" or "100 bytes". */
static void add_size(struct strbuf *sb, size_t n)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		strbuf_addf(sb, "%zu MiB", n >> 20);
	else if (n >= 1024 && n % 1024 == 0)
		strbuf_addf(sb, "%zu KiB", n >> 10);
	else
		strbuf_addf(sb, "%zu bytes", n);
}

/*
 * Every kind of file that is not a regular one, in the two wordings the
 * program uses: the short one of a refusal to read, the exact one of a
 * refusal to write over it (which kind of device, what a FIFO is).
 */
static const struct {
	mode_t type;
	const char *name, *exact;
} kinds[] = {
	{ S_IFDIR, "a directory", "a directory" },
	{ S_IFCHR, "a device", "a character device" },
	{ S_IFBLK, "a device", "a block device" },
	{ S_IFIFO, "a FIFO", "a FIFO (named pipe)" },
	{ S_IFSOCK, "a socket", "a socket" },
};

const char *file_kind(mode_t mode, bool exact)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		if ((mode & S_IFMT) == kinds[i].type)
			return exact ? kinds[i].exact : kinds[i].name;
	return "not a regular file";
}

enum status file_read(const char *path, const char *what, size_t max, char **data, size_t *len,
		      struct strbuf *why)
{
	enum status st = ST_DATAERR;
	struct stat sb;
	char *buf = NULL;
	size_t got = 0;
	int fd;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		strbuf_addf(why, "cannot read%s%s: %s", what ? " " : "", what ? what : "",
			    strerror(errno));
		return ST_DATAERR;
	}
	if (fstat(fd, &sb) != 0) {
		strbuf_addf(why, "cannot read%s%s: %s", what ? " " : "", what ? what : "",
			    strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		strbuf_addf(why, "%s%snot a regular file (%s)", what ? what : "", what ? " is " : "",
			    file_kind(sb.st_mode, false));
		goto out;
	}
	if ((unsigned long long)sb.st_size > max) {
		strbuf_adds(why, "file is larger than ");
		add_size(why, max);
		goto out;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf) {
		st = ST_NOMEM;
		goto out;
	}
	/* the size may change under us: read what is there, never past the buffer */
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)sb.st_size - got);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			strbuf_addf(why, "cannot read%s%s: %s", what ? " " : "", what ? what : "",
				    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	buf = NULL;
	st = ST_OK;
out:
	free(buf);
	close(fd);
	return st;
}

enum status file_read_diag(const char *path, const char *what, size_t max, char **data,
			   size_t *len, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	enum status st = file_read(path, what, max, data, len, &why);

	if (st == ST_DATAERR)
		diag_add(dl, path, 0, 0, "%s", strbuf_str(&why));
	strbuf_release(&why);
	return st;
}
