/*
 * test_tempfile.c - temporaries removed on a fatal signal, stale ones of dead
 * processes removed and nothing else (include/tempfile.h); what
 * atomic_file_write() refuses (include/atomic_file.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"
#include "journal.h"
#include "strbuf.h"
#include "tempfile.h"

#define DEAD "99999999" /* above any pid_max: no such process */

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/mu-tempfile-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* $dir/NAME, in a static buffer (one at a time) */
static const char *at(const char *name)
{
	static char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static bool exists(const char *name)
{
	struct stat sb;

	return lstat(at(name), &sb) == 0;
}

static void test_remove_stale_only_dead_and_ours(void **state)
{
	static const char *const sides[] = { "-wal", "-shm", NULL };
	char mine[64], live[64];

	(void)state;
	snprintf(mine, sizeof(mine), "r.md.tmp-%ld", (long)getpid());
	snprintf(live, sizeof(live), "r.md.tmp-%ld", (long)getppid());
	put("r.md.tmp-" DEAD, "stale");
	put(mine, "this process's");
	put(live, "a live process's");
	put("r.md.tmp-" DEAD "x", "not the pattern");
	put("r.md.tmp-", "no pid");
	put("r.mdx.tmp-" DEAD, "another target");
	put("r.md.tmp-" DEAD "-wal", "no such suffix for reports");
	assert_int_equal(symlink("r.md", at("r.md.tmp-99999998")), 0);
	assert_int_equal(mkdir(at("r.md.tmp-99999997"), 0700), 0);
	assert_int_equal(tempfile_remove_stale(at("r.md"), ".tmp-", NULL), 1);
	assert_false(exists("r.md.tmp-" DEAD));
	assert_true(exists(mine));
	assert_true(exists(live));
	assert_true(exists("r.md.tmp-" DEAD "x"));
	assert_true(exists("r.md.tmp-"));
	assert_true(exists("r.mdx.tmp-" DEAD));
	assert_true(exists("r.md.tmp-" DEAD "-wal"));
	assert_true(exists("r.md.tmp-99999998"));
	assert_true(exists("r.md.tmp-99999997"));

	put("j.db.new-" DEAD, "");
	put("j.db.new-" DEAD "-wal", "");
	put("j.db.new-" DEAD "-shm", "");
	put("j.db.new-" DEAD "-journal", "not among the suffixes given");
	assert_int_equal(tempfile_remove_stale(at("j.db"), ".new-", sides), 3);
	assert_true(exists("j.db.new-" DEAD "-journal"));
	/* a directory that cannot be read: nothing removed, no crash */
	assert_int_equal(tempfile_remove_stale("/nonexistent/r.md", ".tmp-", NULL), 0);
}

static void test_hold_one_set_and_dispositions(void **state)
{
	static const char *const sides[] = { "-wal", NULL };
	struct sigaction sa, ign;
	char *longname;

	(void)state;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	assert_int_equal(sigaction(SIGHUP, &ign, NULL), 0); /* as under nohup */
	assert_true(tempfile_hold(at("a.tmp-1"), sides));
	assert_false(tempfile_hold(at("b.tmp-1"), NULL)); /* one set at a time */
	sigaction(SIGTERM, NULL, &sa);
	assert_true(sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN);
	sigaction(SIGHUP, NULL, &sa);
	assert_true(sa.sa_handler == SIG_IGN); /* the program's own choice stays */
	tempfile_release();
	sigaction(SIGTERM, NULL, &sa);
	assert_true(sa.sa_handler == SIG_DFL);
	sigaction(SIGHUP, NULL, &sa);
	assert_true(sa.sa_handler == SIG_IGN);
	signal(SIGHUP, SIG_DFL);

	longname = malloc(PATH_MAX + 10);
	assert_non_null(longname);
	memset(longname, 'x', PATH_MAX + 9);
	longname[PATH_MAX + 9] = '\0';
	assert_false(tempfile_hold(longname, NULL));
	free(longname);
	assert_true(tempfile_hold(at("c.tmp-1"), NULL)); /* nothing was left held */
	tempfile_release();
}

/* A child holds three files, then gets @sig: it dies of it, the files gone. */
static void killed_by(int sig)
{
	static const char *const sides[] = { "-wal", "-shm", NULL };
	int status;
	pid_t pid;

	put("k.db.new-1", "");
	put("k.db.new-1-wal", "");
	put("k.db.new-1-shm", "");
	put("k.db.new-1-journal", "not held");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (tempfile_hold(at("k.db.new-1"), sides))
			raise(sig);
		_exit(3);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), sig);
	assert_false(exists("k.db.new-1"));
	assert_false(exists("k.db.new-1-wal"));
	assert_false(exists("k.db.new-1-shm"));
	assert_true(exists("k.db.new-1-journal"));
}

static void test_fatal_signals_remove_held(void **state)
{
	(void)state;
	killed_by(SIGTERM);
	killed_by(SIGINT);
	killed_by(SIGHUP);
}

/* A file of 100 bytes that starts like an SQLite database with application id @app. */
static void sqlite_header(const char *name, uint32_t app)
{
	unsigned char h[100] = "SQLite format 3";
	int fd = open(at(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	h[68] = (unsigned char)(app >> 24);
	h[69] = (unsigned char)(app >> 16);
	h[70] = (unsigned char)(app >> 8);
	h[71] = (unsigned char)app;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, h, sizeof(h)), (int)sizeof(h));
	close(fd);
}

static void test_is_journal(void **state)
{
	char path[PATH_MAX];

	(void)state;
	sqlite_header("ours.db", JOURNAL_APPLICATION_ID);
	sqlite_header("theirs.db", 0x12345678);
	put("short.db", "SQLite format 3");
	put("text.md", "# a report\n");
	snprintf(path, sizeof(path), "%s", at("ours.db"));
	assert_true(atomic_file_is_journal(path));
	assert_false(atomic_file_is_journal(at("theirs.db")));
	assert_false(atomic_file_is_journal(at("short.db")));
	assert_false(atomic_file_is_journal(at("text.md")));
	assert_false(atomic_file_is_journal(at("missing")));
}

/* atomic_file_write(NAME) with @journal: its status, @want in the reason */
static enum status write_to(const char *name, const char *journal, const char *want)
{
	struct strbuf why = STRBUF_INIT;
	char path[PATH_MAX];
	enum status st;

	snprintf(path, sizeof(path), "%s", at(name));
	st = atomic_file_write(path, "new\n", 4, journal, &why);
	if (want && !strstr(strbuf_str(&why), want))
		fail_msg("'%s' lacks '%s'", strbuf_str(&why), want);
	strbuf_release(&why);
	return st;
}

static void test_atomic_file_refusals(void **state)
{
	char journal[PATH_MAX], buf[16] = { 0 };
	struct stat sb;
	FILE *f;

	(void)state;
	assert_int_equal(mkfifo(at("fifo"), 0600), 0);
	assert_int_equal(write_to("fifo", NULL, "it is a FIFO"), ST_IOERR);
	assert_int_equal(mkdir(at("dir"), 0700), 0);
	assert_int_equal(write_to("dir", NULL, "it is a directory"), ST_IOERR);
	put("ro", "old\n");
	assert_int_equal(chmod(at("ro"), 0444), 0);
	assert_int_equal(write_to("ro", NULL, "read-only (mode 0444)"), ST_IOERR);
	assert_int_equal(mkdir(at("rodir"), 0555), 0);
	assert_int_equal(write_to("rodir/x", NULL, "is read-only (mode 0555)"), ST_IOERR);
	assert_false(exists("rodir/x"));

	/* the journal in use, under another name: refused as a usage error */
	put("j.db", "not really SQLite, but the journal in use all the same");
	snprintf(journal, sizeof(journal), "%s", at("j.db"));
	assert_int_equal(link(journal, at("j-hard")), 0);
	assert_int_equal(write_to("j-hard", journal, "it is the journal in use"), ST_USAGE);
	sqlite_header("other.db", JOURNAL_APPLICATION_ID);
	assert_int_equal(write_to("other.db", NULL, "it is a mesos-upgrade journal"), ST_USAGE);

	/* a link is written through; the file keeps its mode */
	put("real", "old\n");
	assert_int_equal(chmod(at("real"), 0640), 0);
	assert_int_equal(symlink("real", at("link")), 0);
	assert_int_equal(write_to("link", NULL, NULL), ST_OK);
	assert_int_equal(lstat(at("link"), &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(stat(at("real"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	f = fopen(at("real"), "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "new\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_remove_stale_only_dead_and_ours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hold_one_set_and_dispositions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fatal_signals_remove_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_is_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_file_refusals, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
