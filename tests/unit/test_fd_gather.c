/*
 * test_fd_gather.c - a stream gathered into few writes (include/fd_gather.h):
 * the same bytes in the same order as the stream made them, copied and
 * referred pieces mixed, into a pipe (the referred ones spliced) and into a
 * file; past its room for pieces and for copies; a copy longer than that
 * room; a reader gone, said as a sink's failure (EPIPE); a pipe whose
 * writes must not wait, and vmsplice() refused: written; a pipe grown.
 * And a file's rest moved into a pipe (fd_splice_file()): the same bytes,
 * read after the file is gone too; nothing moved into a file, a pipe whose
 * writes must not wait, or where splice() is refused; a reader gone.
 */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#ifdef __linux__
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#include "fd_gather.h"
#include "helpers.h"
#include "strbuf.h"

/* What is referred to: read-only, as the build's compiled JSON is. */
static const char text[] =
	"{\"id\":\"0.27-0.28\",\"from\":\"0.27\",\"to\":\"0.28\",\"title\":\"Upgrading from 0.27.x "
	"to 0.28.x\",\"notes\":[{\"id\":\"0.27-0.28/reservation-acls\",\"text\":\"Dynamic "
	"reservations and persistent volumes are now authorized by ACLs.\"}]}";

/*
 * The stream of one run into @out: @n pieces, chosen by a fixed sequence,
 * of text written (drained at the writers' points), of @text referred to,
 * and now and then a copy longer than the gather holds.
 */
static void make(struct strbuf *out, size_t n)
{
	uint32_t x = 12345;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		switch ((x >> 16) % 8) {
		case 0: case 1: case 2:
			strbuf_addf(out, "<%zu>", i);
			break;
		case 3: case 4: case 5: {
			size_t at = (x >> 8) % (sizeof(text) - 1);
			strbuf_add_ref(out, text + at, sizeof(text) - 1 - at);
			break;
		}
		case 6:
			strbuf_addn(out, (char)('a' + i % 26), (x >> 4) % 300);
			break;
		default:
			if (i % 13 == 0)
				strbuf_addn(out, 'L', FD_GATHER_COPY + 5000);
			break;
		}
		strbuf_drain(out);
	}
}

/* Pipe @p's write end closed, then what it holds read to its end: @want's bytes. */
static void read_rest(int p[2], const struct strbuf *want)
{
	struct pipe_reader r = { p[0], STRBUF_INIT };

	close(p[1]);
	pipe_read_all(&r);
	close(p[0]);
	assert_int_equal(r.got.len, want->len);
	assert_memory_equal(r.got.buf, want->buf, want->len);
	strbuf_release(&r.got);
}

/* A pipe made into @p and grown to 1 MiB; the test skipped where this user may not grow one. */
static void grown_pipe(int p[2])
{
	assert_int_equal(pipe(p), 0);
#ifdef F_SETPIPE_SZ
	if (fcntl(p[1], F_SETPIPE_SZ, 1 << 20) < (1 << 20)) {
		close(p[0]);
		close(p[1]);
		skip();
	}
#endif
}

/* The stream of @n pieces through a gather on @fd: what fd_gather_finish() said. */
static int gathered(int fd, size_t n, bool *spliced)
{
	struct fd_gather *g = malloc(sizeof(*g));
	struct strbuf out = STRBUF_INIT;
	int rc;

	assert_non_null(g);
	fd_gather_init(g, fd);
	fd_gather_attach(g, &out, 512);
	make(&out, n);
	rc = fd_gather_finish(g, &out);
	*spliced = g->splice;
	if (rc)
		assert_int_equal(strbuf_sink_errno(&out), EPIPE);
	strbuf_release(&out);
	free(g);
	return rc;
}


static void test_pipe_same_bytes(void **state)
{
	struct strbuf want = STRBUF_INIT;
	struct pipe_reader r = { -1, STRBUF_INIT };
	pthread_t t;
	int p[2];
	bool spliced;

	(void)state;
	make(&want, 3000);
	assert_true(want.len > 4 * FD_GATHER_COPY);
	assert_int_equal(pipe(p), 0);
	r.fd = p[0];
	assert_int_equal(pthread_create(&t, NULL, pipe_read_all, &r), 0);
	assert_int_equal(gathered(p[1], 3000, &spliced), 0);
	close(p[1]);
	pthread_join(t, NULL);
	close(p[0]);
#ifdef __linux__
	assert_true(spliced);
#endif
	assert_int_equal(r.got.len, want.len);
	assert_memory_equal(r.got.buf, want.buf, want.len);
	strbuf_release(&r.got);
	strbuf_release(&want);
}

static void test_file_same_bytes(void **state)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	FILE *f = tmpfile();
	char buf[8192];
	ssize_t n;
	bool spliced;

	(void)state;
	assert_non_null(f);
	make(&want, 3000);
	assert_int_equal(gathered(fileno(f), 3000, &spliced), 0);
	assert_false(spliced); /* not a pipe: one writev() a time */
	assert_int_equal(lseek(fileno(f), 0, SEEK_SET), 0);
	while ((n = read(fileno(f), buf, sizeof(buf))) > 0)
		strbuf_add(&got, buf, (size_t)n);
	fclose(f);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.buf, want.buf, want.len);
	strbuf_release(&got);
	strbuf_release(&want);
}

/*
 * @n pieces through a gather into a pipe grown to hold them all, read only
 * once the stream has ended, its writes waiting (@nonblocking false) or
 * not: the same bytes; whether they were spliced in *@spliced. Skipped
 * where a pipe of 1 MiB is refused to this user. A splice that waits for
 * room is ended by an alarm, not hung.
 */
static void read_after(size_t n, bool nonblocking, bool *spliced)
{
	struct strbuf want = STRBUF_INIT;
	int p[2];

	grown_pipe(p);
	make(&want, n);
	assert_true(want.len < (1 << 19));
	if (nonblocking)
		assert_int_equal(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	alarm(60);
	assert_int_equal(gathered(p[1], n, spliced), 0);
	alarm(0);
	read_rest(p, &want);
	strbuf_release(&want);
}

/*
 * Read only once the stream has ended: a piece spliced is never written over
 * by the copies after it (the reader would read the later bytes).
 */
static void test_pipe_read_after(void **state)
{
	bool spliced = false;

	(void)state;
	read_after(150, false, &spliced);
#ifdef __linux__
	assert_true(spliced);
#endif
}

/*
 * Into a pipe whose writes must not wait: nothing spliced (vmsplice() would
 * wait, heeding no O_NONBLOCK), the same bytes written.
 */
static void test_pipe_nonblocking(void **state)
{
	bool spliced = true;

	(void)state;
	read_after(600, true, &spliced);
	assert_false(spliced);
}

#if defined(__linux__) && defined(SECCOMP_MODE_FILTER)
#define REFUSE_CALLS 1
/*
 * System call @nr refused from now on, EPERM, as a container's filter of
 * system calls may refuse it: for good, so only in a child. False when no
 * filter could be set.
 */
static bool refuse(long nr)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(code) / sizeof(*code), code };

	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
	       prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
}
#endif

#if defined(REFUSE_CALLS) && defined(__NR_vmsplice)
/* vmsplice() refused: the same bytes, written. */
static void test_splice_refused(void **state)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	char buf[8192];
	ssize_t n;
	int p[2], status;
	pid_t pid;

	(void)state;
	make(&want, 3000);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		bool spliced;
		close(p[0]);
		if (!refuse(__NR_vmsplice))
			_exit(3);
		_exit(gathered(p[1], 3000, &spliced) == 0 && !spliced ? 0 : 1);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		strbuf_add(&got, buf, (size_t)n);
	close(p[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.buf, want.buf, want.len);
	strbuf_release(&got);
	strbuf_release(&want);
}
#endif

/* Short streams, each piece of one kind or the other: the same bytes (the reader in turn). */
static void test_short_streams(void **state)
{
	(void)state;
	for (size_t n = 0; n < 12; n++) {
		struct strbuf want = STRBUF_INIT;
		struct pipe_reader r = { -1, STRBUF_INIT };
		pthread_t t;
		int p[2];
		bool spliced;

		make(&want, n);
		assert_int_equal(pipe(p), 0);
		r.fd = p[0];
		assert_int_equal(pthread_create(&t, NULL, pipe_read_all, &r), 0);
		assert_int_equal(gathered(p[1], n, &spliced), 0);
		close(p[1]);
		pthread_join(t, NULL);
		close(p[0]);
		assert_int_equal(r.got.len, want.len);
		if (want.len)
			assert_memory_equal(r.got.buf, want.buf, want.len);
		strbuf_release(&r.got);
		strbuf_release(&want);
	}
}

/* The reader gone: EPIPE, said as the strbuf says a sink's failure (SIGPIPE ignored here). */
static void test_reader_gone(void **state)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	int p[2];
	bool spliced;

	(void)state;
	sigemptyset(&ign.sa_mask);
	assert_int_equal(sigaction(SIGPIPE, &ign, &old), 0);
	for (size_t n = 1; n <= 3000; n *= 3000) {
		assert_int_equal(pipe(p), 0);
		close(p[0]);
		assert_int_equal(gathered(p[1], n + 3, &spliced), -1);
		close(p[1]);
	}
	sigaction(SIGPIPE, &old, NULL);
}

/* A pipe is grown (where this user may: else left as it is); a file is no pipe. */
static void test_grow_pipe(void **state)
{
	FILE *f = tmpfile();
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_true(fd_grow_pipe(p[1]));
#ifdef F_GETPIPE_SZ
	assert_true(fcntl(p[1], F_GETPIPE_SZ) == 1 << 20 || fcntl(p[1], F_GETPIPE_SZ) == 1 << 16);
	if (getuid() == 0)
		assert_int_equal(fcntl(p[1], F_GETPIPE_SZ), 1 << 20);
#endif
	close(p[0]);
	close(p[1]);
	assert_non_null(f);
	assert_false(fd_grow_pipe(fileno(f)));
	assert_false(fd_grow_pipe(-1));
	fclose(f);
}

/* Without a ref sink, strbuf_add_ref() copies: a plain buffer, or a stream of copies alone. */
static void test_ref_without_ref_sink(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct fd_gather g;

	(void)state;
	strbuf_adds(&out, "a");
	strbuf_add_ref(&out, text, 4);
	assert_string_equal(strbuf_str(&out), "a{\"id");
	/* a stream set up again without refs forgets the ref sink */
	fd_gather_init(&g, -1);
	fd_gather_attach(&g, &out, 1 << 20);
	strbuf_sink(&out, strbuf_sink_fd, &g.fd, 1 << 20);
	strbuf_add_ref(&out, text, 2);
	assert_string_equal(strbuf_str(&out), "a{\"id{\"");
	strbuf_release(&out);
}

/* A file of @len bytes of a fixed sequence (@want from @at on), its offset at @at: its descriptor. */
static int file_of(size_t len, size_t at, struct strbuf *want)
{
	struct strbuf all = STRBUF_INIT;
	FILE *f = tmpfile();
	int fd;

	assert_non_null(f);
	fd = dup(fileno(f));
	fclose(f);
	assert_true(fd >= 0);
	for (size_t i = 0; i < len; i++)
		strbuf_addc(&all, (char)('!' + (i * 7 + i / 4096) % 90));
	assert_true(all.len == len && strbuf_sink_fd(&fd, all.buf, all.len) == 0);
	strbuf_add(want, all.buf + at, len - at);
	strbuf_release(&all);
	assert_int_equal(lseek(fd, (off_t)at, SEEK_SET), (off_t)at);
	return fd;
}

/* A file's rest, past what a grown pipe holds, moved into a pipe as it is read: the same bytes. */
static void test_splice_file(void **state)
{
	struct strbuf want = STRBUF_INIT;
	struct pipe_reader r = { -1, STRBUF_INIT };
	pthread_t t;
	int p[2], fd;

	(void)state;
	fd = file_of((3 << 20) + 123, 1000, &want);
	assert_int_equal(pipe(p), 0);
	fd_grow_pipe(p[1]);
	r.fd = p[0];
	assert_int_equal(pthread_create(&t, NULL, pipe_read_all, &r), 0);
	assert_int_equal(fd_splice_file(p[1], fd), 1);
	close(p[1]);
	pthread_join(t, NULL);
	close(p[0]);
	close(fd);
	assert_int_equal(r.got.len, want.len);
	assert_memory_equal(r.got.buf, want.buf, want.len);
	strbuf_release(&r.got);
	strbuf_release(&want);
}

/*
 * The pipe read only once the file, which had no name, is closed and gone:
 * its pages stayed the pipe's, the same bytes. Skipped where a pipe of 1
 * MiB is refused to this user.
 */
static void test_splice_file_gone(void **state)
{
	struct strbuf want = STRBUF_INIT;
	int p[2], fd;

	(void)state;
	grown_pipe(p);
	fd = file_of(900 * 1024, 0, &want);
	alarm(60); /* a splice waiting for room is ended, not hung */
	assert_int_equal(fd_splice_file(p[1], fd), 1);
	alarm(0);
	close(fd);
	read_rest(p, &want);
	strbuf_release(&want);
}

/*
 * Nothing moved into a file or into a pipe whose writes must not wait: 0,
 * the file's offset where it was, nothing written, for the caller to copy.
 */
static void test_splice_file_not_moved(void **state)
{
	struct strbuf want = STRBUF_INIT;
	FILE *f = tmpfile();
	int p[2], fd;
	char c;

	(void)state;
	fd = file_of(5000, 10, &want);
	assert_non_null(f);
	assert_int_equal(fd_splice_file(fileno(f), fd), 0);
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 10);
	assert_int_equal(lseek(fileno(f), 0, SEEK_END), 0);
	fclose(f);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(fd_splice_file(p[1], fd), 0);
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 10);
	assert_int_equal(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(read(p[0], &c, 1), -1); /* empty */
	close(p[0]);
	close(p[1]);
	close(fd);
	strbuf_release(&want);
}

/* The reader gone: -1, EPIPE (SIGPIPE ignored here). */
static void test_splice_file_reader_gone(void **state)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	struct strbuf want = STRBUF_INIT;
	int p[2], fd;

	(void)state;
	sigemptyset(&ign.sa_mask);
	assert_int_equal(sigaction(SIGPIPE, &ign, &old), 0);
	fd = file_of(5000, 0, &want);
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	errno = 0;
	assert_int_equal(fd_splice_file(p[1], fd), -1);
	assert_int_equal(errno, EPIPE);
	close(p[1]);
	close(fd);
	sigaction(SIGPIPE, &old, NULL);
	strbuf_release(&want);
}

#if defined(REFUSE_CALLS) && defined(__NR_splice)
/* splice() refused: 0, the file's offset where it was, the rest the caller's to copy. */
static void test_splice_file_refused(void **state)
{
	struct strbuf want = STRBUF_INIT;
	int p[2], fd, status;
	pid_t pid;

	(void)state;
	fd = file_of(5000, 7, &want);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (!refuse(__NR_splice))
			_exit(3);
		_exit(fd_splice_file(p[1], fd) == 0 && lseek(fd, 0, SEEK_CUR) == 7 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(p[0]);
	close(p[1]);
	close(fd);
	strbuf_release(&want);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_same_bytes),
		cmocka_unit_test(test_file_same_bytes),
		cmocka_unit_test(test_pipe_read_after),
		cmocka_unit_test(test_pipe_nonblocking),
#if defined(REFUSE_CALLS) && defined(__NR_vmsplice)
		cmocka_unit_test(test_splice_refused),
#endif
		cmocka_unit_test(test_short_streams),
		cmocka_unit_test(test_reader_gone),
		cmocka_unit_test(test_grow_pipe),
		cmocka_unit_test(test_ref_without_ref_sink),
		cmocka_unit_test(test_splice_file),
		cmocka_unit_test(test_splice_file_gone),
		cmocka_unit_test(test_splice_file_not_moved),
		cmocka_unit_test(test_splice_file_reader_gone),
#if defined(REFUSE_CALLS) && defined(__NR_splice)
		cmocka_unit_test(test_splice_file_refused),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
