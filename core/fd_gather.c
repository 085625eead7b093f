/*
 * fd_gather.c - a stream's output gathered and written in few system calls
 * (fd_gather.h).
 */
#define _GNU_SOURCE /* vmsplice(), splice(), F_SETPIPE_SZ (Linux) */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd_gather.h"

void fd_gather_init(struct fd_gather *g, int fd)
{
	g->fd = fd;
	g->looked = g->splice = false;
	g->n = g->ncopy = 0;
}

static bool is_pipe(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

/* Whether writes to @fd may wait (vmsplice() and splice() into a pipe wait in any case). */
static bool writes_wait(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	return flags >= 0 && !(flags & O_NONBLOCK);
}

bool fd_grow_pipe(int fd)
{
	if (!is_pipe(fd))
		return false;
#if defined(F_SETPIPE_SZ) && defined(F_GETPIPE_SZ)
	/* grown only: a pipe made larger already stays so */
	if (fcntl(fd, F_GETPIPE_SZ) < FD_PIPE_SIZE)
		(void)fcntl(fd, F_SETPIPE_SZ, FD_PIPE_SIZE);
#endif
	return true;
}

int fd_splice_file(int to, int from)
{
#ifdef SPLICE_F_MOVE
	if (!is_pipe(to) || !writes_wait(to))
		return 0;
	for (;;) {
		ssize_t n = splice(from, NULL, to, NULL, FD_PIPE_SIZE, 0);
		if (n > 0 || (n < 0 && errno == EINTR))
			continue;
		if (n == 0)
			return 1;
		/* a reader gone stays said; anything else (refused, a read that
		 * failed), the rest copied, which says its own failure */
		return errno == EPIPE ? -1 : 0;
	}
#else
	(void)to;
	(void)from;
	return 0;
#endif
}

/*
 * Before the first write: a pipe grown, and spliced into unless its writes
 * must not wait (vmsplice() would: it does not heed O_NONBLOCK).
 */
static void look(struct fd_gather *g)
{
	bool pipe = fd_grow_pipe(g->fd);
#ifdef SPLICE_F_GIFT
	g->splice = pipe && writes_wait(g->fd);
#else
	(void)pipe;
	g->splice = false;
#endif
	g->looked = true;
}

/* Pieces @i to @j (excluded) in one call: the bytes it took, or -1 with errno. */
static ssize_t put(struct fd_gather *g, size_t i, size_t j)
{
#ifdef SPLICE_F_GIFT
	if (g->splice && g->ref[i]) {
		ssize_t n = vmsplice(g->fd, g->piece + i, j - i, 0);
		/* refused (by the kernel, a filter of system calls, for want of
		 * memory...): written as the others are; a reader gone stays said */
		if (n >= 0 || errno == EINTR || errno == EPIPE)
			return n;
		g->splice = false;
	}
#endif
	return writev(g->fd, g->piece + i, (int)(j - i));
}

/*
 * Everything gathered, in order: in one writev(), or into a pipe each run
 * of referred pieces spliced and each of copied ones written.
 */
static int write_out(struct fd_gather *g)
{
	size_t i = 0;

	if (!g->looked)
		look(g);
	while (i < g->n) {
		size_t j = i + 1;
		ssize_t n;
		while (j < g->n && (!g->splice || g->ref[j] == g->ref[i]))
			j++;
		n = put(g, i, j);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		for (size_t got = (size_t)n; got;) {
			struct iovec *p = &g->piece[i];
			size_t take = got < p->iov_len ? got : p->iov_len;
			p->iov_base = (char *)p->iov_base + take;
			p->iov_len -= take;
			got -= take;
			if (!p->iov_len)
				i++;
		}
		while (i < g->n && !g->piece[i].iov_len)
			i++;
	}
	g->n = g->ncopy = 0;
	return 0;
}

static void add(struct fd_gather *g, const char *data, size_t len, bool ref)
{
	g->piece[g->n].iov_base = (void *)(uintptr_t)data; /* (only read: writev(), vmsplice()) */
	g->piece[g->n].iov_len = len;
	g->ref[g->n++] = ref;
}

/* The strbuf's drained bytes: copied in, or when they do not fit, written now with the rest. */
static int copied(void *ctx, const char *data, size_t len)
{
	struct fd_gather *g = ctx;

	if ((g->n == FD_GATHER_PIECES || len > FD_GATHER_COPY - g->ncopy) && write_out(g) != 0)
		return -1;
	if (len > FD_GATHER_COPY) {
		add(g, data, len, false); /* (the strbuf's own bytes: good until this returns) */
		return write_out(g);
	}
	memcpy(g->copy + g->ncopy, data, len);
	add(g, g->copy + g->ncopy, len, false);
	g->ncopy += len;
	return 0;
}

static int referred(void *ctx, const char *data, size_t len)
{
	struct fd_gather *g = ctx;

	if (g->n == FD_GATHER_PIECES && write_out(g) != 0)
		return -1;
	add(g, data, len, true);
	return 0;
}

void fd_gather_attach(struct fd_gather *g, struct strbuf *sb, size_t bound)
{
	strbuf_sink_refs(sb, copied, referred, g, bound);
}

int fd_gather_finish(struct fd_gather *g, struct strbuf *sb)
{
	if (strbuf_flush(sb) != 0 || strbuf_failed(sb))
		return -1;
	if (write_out(g) != 0) {
		strbuf_sink_fail(sb, errno);
		return -1;
	}
	return 0;
}
