/*
 * report_spool.c - a report's timeline written as its events are read
 * (report.h): its rows in an unlinked temporary file, copied into the
 * document when it reaches its timeline; else the timeline read again.
 * The rows are written as the record is gathered, or (report_spool_fill())
 * by a thread of their own, on a second connection, while the document is.
 *
 * The events were read twice, once to gather the record (the notes are
 * shown under their items, before the timeline) and once as the timeline
 * was written: of a text report of 100,000 events, 831 M instructions, the
 * second read 435 M of them. Holding the rows in memory instead would make
 * a report's memory grow with its output; a file does not.
 */
#define _GNU_SOURCE /* O_TMPFILE (Linux) */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fd_gather.h"
#include "quiet_thread.h"
#include "report.h"

/*
 * The rows are written out a buffer of 64 KiB at a time: drained short of
 * it, so that a row past the bound does not double the buffer.
 */
#define SPOOL_BOUND ((size_t)60 * 1024)
/* What the copy reads into the output at a time: no more than a stream holds before it drains. */
#define SPOOL_CHUNK ((size_t)64 * 1024)

/*
 * An unlinked temporary file in @dir, open to read and write: O_TMPFILE,
 * never named; where the file system has none, a name unlinked at once.
 * -1 when neither can be made.
 */
static int unnamed_file(const char *dir)
{
	char path[4096];
	int fd;

#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
#endif
	if (snprintf(path, sizeof(path), "%s/mesos-upgrade-timeline.XXXXXX", dir) >=
	    (int)sizeof(path))
		return -1;
	fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	return fd;
}

struct report_spool *report_spool_open(int format, report_row_fn *row)
{
	const char *dir = getenv("TMPDIR");
	struct report_spool *sp = calloc(1, sizeof(*sp));

	if (!sp)
		return NULL;
	/* TMPDIR when it is set: where its user wants temporary files, no other */
	sp->fd = unnamed_file(dir && *dir ? dir : "/tmp");
	if (sp->fd < 0) {
		free(sp);
		return NULL;
	}
	sp->format = format;
	sp->row = row;
	strbuf_sink(&sp->out, strbuf_sink_fd, &sp->fd, SPOOL_BOUND);
	return sp;
}

/*
 * The thread that writes a spool's rows (report_spool_fill()): what it
 * reads, and how its read ended. Nothing here is touched by the caller's
 * thread until it has joined this one.
 */
struct spool_fill {
	pthread_t thread;
	struct report_spool *sp;
	const struct report *r;
	const struct journal *j;    /* the caller's: its file opened again */
	int64_t first, last;        /* the ids of r->s's events it saw */
	int64_t first_read, last_read;  /* the ids of the first and last rows read */
	bool whole;                 /* every row read and written */
};

/* Event @e's row into the spool: false, stop, when the spool cannot take it. */
static bool fill_row(void *ctx, const struct journal_event *e)
{
	struct spool_fill *f = ctx;

	if (!f->first_read)
		f->first_read = e->id;
	f->last_read = e->id;
	f->sp->row(f->r, f->sp, e);
	return !f->sp->out.failed;
}

/*
 * The rows, read on a connection of this thread's own: whole only when
 * it read the first and last events the caller's connection saw (a file
 * put in place of the journal meanwhile is not; what was recorded since
 * is not read).
 */
static void *fill_thread(void *arg)
{
	struct spool_fill *f = arg;
	struct strbuf err = STRBUF_INIT;
	struct journal *t = NULL;
	bool began = false;
	enum status st = journal_open_twin(f->j, &t, &err);

	if (st == ST_OK)
		st = journal_read_begin(t, &began);
	if (st == ST_OK)
		st = journal_timeline_range(t, f->r->s->info.id, f->first, f->last, fill_row, f);
	if (st == ST_OK && !f->sp->out.failed && f->first_read == f->first &&
	    f->last_read == f->last) {
		f->sp->row(f->r, f->sp, NULL);
		f->whole = !f->sp->out.failed;
	}
	if (t)
		journal_read_end(t, began);
	journal_close(&t);
	strbuf_release(&err);
	return NULL;
}

void report_spool_fill(struct report_spool *sp, const struct report *r, struct journal *j,
		       int64_t first, int64_t last)
{
	struct spool_fill *f;

	if (!last) { /* no event: only the probes, here */
		sp->row(r, sp, NULL);
		return;
	}
	f = calloc(1, sizeof(*f));
	if (f) {
		/*
		 * the thread takes none of the signals a user sends: those are this
		 * thread's to handle (tempfile.c blocks them here around its
		 * updates, for this thread only)
		 */
		bool started;
		*f = (struct spool_fill){ .sp = sp, .r = r, .j = j, .first = first, .last = last };
		started = quiet_thread(&f->thread, fill_thread, f);
		if (started) {
			sp->fill = f;
			return;
		}
		free(f);
	}
	sp->out.failed = true; /* read again as the timeline is written */
}

/* The thread writing @sp's rows joined, if there is one: @sp failed unless it wrote them all. */
static void fill_wait(struct report_spool *sp)
{
	struct spool_fill *f = sp->fill;

	if (!f)
		return;
	pthread_join(f->thread, NULL);
	if (!f->whole)
		sp->out.failed = true;
	sp->fill = NULL;
	free(f);
}

void report_spool_free(struct report_spool *sp)
{
	if (!sp)
		return;
	fill_wait(sp);
	if (sp->state)
		sp->state_free(sp->state);
	close(sp->fd);
	strbuf_release(&sp->out);
	free(sp);
}

/*
 * The rows of @sp copied into @out, a chunk at a time (@out emptied first
 * when it streams: the pages its own drains use, no more), or when @out
 * streams into a pipe, moved into it from the file (fd_splice_file()): false, nothing written, when @sp
 * does not have them all (a write failed: a full disk, out of memory). A
 * failure to read them back is kept in sp->read_errno.
 */
static bool spool_copy(struct report_spool *sp, struct strbuf *out)
{
	int to, moved;

	if (strbuf_flush(&sp->out) < 0 || strbuf_failed(&sp->out) ||
	    lseek(sp->fd, 0, SEEK_SET) < 0)
		return false;
	/* the rows are never written again: the pipe may keep the file's pages */
	if ((to = strbuf_sink_fd_of(out)) >= 0 && strbuf_flush(out) == 0 &&
	    (moved = fd_splice_file(to, sp->fd)) != 0) {
		if (moved < 0)
			strbuf_sink_fail(out, errno);
		return true;
	}
	for (;;) {
		size_t room;
		ssize_t n;
		char *p;
		strbuf_flush(out);
		room = SPOOL_CHUNK;
		if (strbuf_failed(out) || !(p = strbuf_room(out, room)))
			return true; /* @out's sticky failure says why */
		n = read(sp->fd, p, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			sp->read_errno = n < 0 ? errno : 0;
			return true;
		}
		strbuf_grown(out, (size_t)n);
	}
}

enum status report_timeline(const struct report *r, struct strbuf *out,
			    bool (*fn)(void *ctx, const struct journal_event *e), void *ctx)
{
	enum status st;

	if (!r->j || *r->read_status != ST_OK)
		return r->j ? *r->read_status : ST_OK;
	if (r->spool)
		fill_wait(r->spool);
	if (r->spool && spool_copy(r->spool, out)) {
		*r->read_status = r->spool->read_errno ? ST_IOERR : ST_OK;
		return *r->read_status;
	}
	st = journal_timeline(r->j, r->s->info.id, fn, ctx);
	if (st == ST_OK)
		fn(ctx, NULL);
	*r->read_status = st;
	return st;
}

enum status report_read_status(const struct report *r, struct strbuf *why)
{
	enum status st = r->read_status ? *r->read_status : ST_OK;

	if (st == ST_IOERR && r->spool && r->spool->read_errno)
		strbuf_addf(why, "cannot read back the timeline's temporary file: %s",
			    strerror(r->spool->read_errno));
	else if (st != ST_OK)
		strbuf_adds(why, st == ST_NOMEM ? "out of memory reading the timeline"
						: journal_error(r->j));
	return st;
}
