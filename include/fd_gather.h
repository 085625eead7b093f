/*
 * fd_gather.h - a stream's output written to a file descriptor in few
 * system calls: the bytes its strbuf drains, copied into a buffer of the
 * gather's own, and the read-only bytes it refers to (strbuf_add_ref()),
 * not copied, written together with writev(). Into a pipe, the referred
 * bytes go with vmsplice() instead: the pipe takes the program's pages as
 * they are, with no copy and no page of its own to fill (Linux; elsewhere,
 * where the call is refused, or into a pipe whose writes must not wait,
 * writev()). A pipe is grown before the first write (fd_grow_pipe()).
 *
 * What "plan --format json" is made of: the build's compiled JSON of its
 * hops, one piece (render_json_plan()), between a few bytes written there
 * and then. Of the plan of the whole range (145 KB), exec to exit against
 * a trivial program's: 1.35x written 16 KiB at a time, 1.31x in one
 * writev(), 1.23x spliced (make bench's pairs on a 2-core machine).
 *
 * Only what stays unchanged for as long as the output may be read may be
 * referred to: a pipe holds the pages spliced into it until its reader
 * has read them, after this process ends too.
 */
#ifndef MU_FD_GATHER_H
#define MU_FD_GATHER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/uio.h>

#include "strbuf.h"

/* The copied bytes held at most, and the pieces, before they are written. */
#define FD_GATHER_COPY ((size_t)16 * 1024)
#define FD_GATHER_PIECES 64

struct fd_gather {
	int fd;
	bool looked;     /* the descriptor looked at (a pipe: grown) */
	bool splice;     /* a pipe: the referred pieces spliced */
	size_t n, ncopy; /* pieces gathered; bytes of copy[] they use */
	struct iovec piece[FD_GATHER_PIECES];
	bool ref[FD_GATHER_PIECES]; /* piece[i] refers to read-only bytes (else: into copy[]) */
	char copy[FD_GATHER_COPY];
};

/*
 * A pipe @fd grown to FD_PIPE_SIZE (1 MiB), where the system lets it
 * (Linux; a failure, a pipe as large or larger, or a descriptor that is no
 * pipe is left as it is): true when it is a pipe. A pipe holds 64 KiB by default: the plan of the whole range (145
 * KB) filled it twice and waited for its reader each time; B's JSON report
 * (50 MiB) is 5% faster into a grown one (41 runs in turn).
 */
bool fd_grow_pipe(int fd);
#define FD_PIPE_SIZE (1 << 20)

/*
 * The rest of file @from, from its offset, moved into pipe @to with
 * splice(): the pipe takes the file's pages as they are, read by no one
 * here and copied into no page of its own (B's JSON report, its timeline
 * of 10 MB copied back from a temporary file: 0.955x as long, its text
 * report 0.94x; 31 runs in turn). 1 when all of it went; 0 when not all
 * of it could (@to no pipe, or one whose writes must not wait, splice()
 * refused or failed): @from's offset is then where the rest begins, to be
 * copied; -1, errno EPIPE, when the pipe's reader is gone. Only a file
 * that no one writes again may be given: its pages are the pipe's until
 * they are read, after this process ends too.
 */
int fd_splice_file(int to, int from);

void fd_gather_init(struct fd_gather *g, int fd);
/* @sb streamed into @g from now on (strbuf_sink_refs()), drained once it holds @bound. */
void fd_gather_attach(struct fd_gather *g, struct strbuf *sb, size_t bound);
/*
 * The end of @sb's output (the strbuf attached): what it holds, then
 * everything gathered, written. 0, or -1 with the failure in @sb
 * (strbuf_sink_errno(): EPIPE, ENOSPC...) as a drain's.
 */
int fd_gather_finish(struct fd_gather *g, struct strbuf *sb);

#endif
