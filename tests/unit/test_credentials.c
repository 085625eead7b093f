/*
 * test_credentials.c - the operator's credentials file (core/credentials.c):
 * the three forms Mesos reads, the first credential of each; refused like an
 * ssh private key when others may read or change it (ST_NOPERM, 'chmod 600')
 * or when another user owns it; a missing file or one that is not a regular
 * file ST_USAGE; contents that are not a credentials file ST_DATAERR. Every
 * message names --credentials and the path, and never holds the secret.
 * Files in a fresh mkdtemp directory per test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "credentials.h"
#include "helpers.h"
#include "strbuf.h"

/* Every secret of these tests: a message that holds it leaks it. */
#define SECRET "Zq7-s3cr3t-Kx9"

struct fx {
	char dir[64];
	char path[128];
	struct arena a;
	struct strbuf why;
	struct mesos_credential cred;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/mu-test-cred-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/cred", f->dir);
	f->a = (struct arena)ARENA_INIT;
	strbuf_init(&f->why);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char sub[160];

	unlink(f->path);
	snprintf(sub, sizeof(sub), "%s/dir", f->dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/fifo", f->dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/link", f->dir);
	unlink(sub);
	rmdir(f->dir);
	arena_release(&f->a);
	strbuf_release(&f->why);
	free(f);
	return 0;
}

/* Write @len bytes of @data to the fixture's file, with @mode (chmod'ed: no umask). */
static void write_file_n(struct fx *f, const char *data, size_t len, mode_t mode)
{
	int fd;

	unlink(f->path);
	fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		fail_msg("open %s: %s", f->path, strerror(errno));
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	assert_int_equal(chmod(f->path, mode), 0);
}

static void write_file(struct fx *f, const char *data, mode_t mode)
{
	write_file_n(f, data, strlen(data), mode);
}

static enum status read_cred(struct fx *f, const char *path)
{
	arena_release(&f->a);
	strbuf_reset(&f->why);
	/* poison: a refusal must leave nothing behind */
	f->cred.principal = "poison";
	f->cred.secret = "poison";
	{
		/* the failure is one message of its status, kept in f->why to look into */
		struct diag_list dl = DIAG_LIST_INIT;
		enum status st = credentials_read(path, &f->a, &f->cred, &dl);
		if (st == ST_OK)
			assert_int_equal(dl.count, 0);
		else
			strbuf_adds(&f->why, diag_one(&dl, st));
		diag_list_release(&dl);
		return st;
	}
}

static void why_has(const struct fx *f, const char *want)
{
	if (!strstr(strbuf_str(&f->why), want))
		fail_msg("message lacks \"%s\": \"%s\"", want, strbuf_str(&f->why));
}

static void why_lacks(const struct fx *f, const char *unwanted)
{
	if (strstr(strbuf_str(&f->why), unwanted))
		fail_msg("message holds \"%s\": \"%s\"", unwanted, strbuf_str(&f->why));
}

/* A refusal: status @want, nothing in the credential, the secret in no message. */
static void refused(struct fx *f, const char *path, enum status want)
{
	enum status st = read_cred(f, path);

	if (st != want)
		fail_msg("%s: status %d, expected %d: %s", path, (int)st, (int)want,
			 strbuf_str(&f->why));
	assert_null(f->cred.principal);
	assert_null(f->cred.secret);
	assert_true(f->why.len > 0);
	why_lacks(f, SECRET);
}

/* ---- the forms Mesos reads ------------------------------------------------ */

static void test_json_list_first_credential(void **state)
{
	struct fx *f = *state;

	write_file(f, "{\"credentials\": [{\"principal\": \"ops\", \"secret\": \"" SECRET "\"},\n"
		      "                 {\"principal\": \"other\", \"secret\": \"x\"}]}\n", 0600);
	assert_int_equal(read_cred(f, f->path), ST_OK);
	assert_string_equal(f->cred.principal, "ops");
	assert_string_equal(f->cred.secret, SECRET);
}

static void test_json_single_credential(void **state)
{
	struct fx *f = *state;

	/* an agent's --credential file; 0400 is private too */
	write_file(f, "{\"principal\": \"agent-1\", \"secret\": \"" SECRET "\"}", 0400);
	assert_int_equal(read_cred(f, f->path), ST_OK);
	assert_string_equal(f->cred.principal, "agent-1");
	assert_string_equal(f->cred.secret, SECRET);
}

static void test_lines_first_credential(void **state)
{
	struct fx *f = *state;

	/* blank lines skipped, spaces around tokens, a Windows line end */
	write_file(f, "\n   \n  ops   " SECRET "  \r\nother x\n", 0600);
	assert_int_equal(read_cred(f, f->path), ST_OK);
	assert_string_equal(f->cred.principal, "ops");
	assert_string_equal(f->cred.secret, SECRET);
}

/* ---- who may read it ------------------------------------------------------ */

static void test_group_or_other_bit_refused(void **state)
{
	struct fx *f = *state;
	static const mode_t modes[] = { 0640, 0620, 0610, 0604, 0602, 0601, 0644, 0666, 0700 | 0070 };

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		write_file(f, "ops " SECRET "\n", modes[i]);
		refused(f, f->path, ST_NOPERM);
		why_has(f, "chmod 600");
		why_has(f, "--credentials");
		why_has(f, f->path);
	}
	/* the same file made private is read */
	assert_int_equal(chmod(f->path, 0600), 0);
	assert_int_equal(read_cred(f, f->path), ST_OK);
	assert_string_equal(f->cred.principal, "ops");
}

static void test_other_owner_refused(void **state)
{
	struct fx *f = *state;

	write_file(f, "ops " SECRET "\n", 0600);
	/* a file of nobody's: only root may give it away */
	if (chown(f->path, 65534, 65534) != 0) {
		print_message("chown: %s (not root?)\n", strerror(errno));
		skip();
	}
	refused(f, f->path, ST_NOPERM);
	why_has(f, "--credentials");
	why_has(f, f->path);
	why_has(f, "another user");
	/* back to us: read */
	assert_int_equal(chown(f->path, geteuid(), getegid()), 0);
	assert_int_equal(read_cred(f, f->path), ST_OK);
	assert_string_equal(f->cred.secret, SECRET);
}

/*
 * A link (itself 0777) to a file others can read is not a way round the
 * check: refused, as the file others can read (ST_NOPERM) or as not a
 * regular file (ST_USAGE), either way without reading the secret.
 */
static void test_symlink_to_readable_file_refused(void **state)
{
	struct fx *f = *state;
	char link[160];
	enum status st;

	snprintf(link, sizeof(link), "%s/link", f->dir);
	write_file(f, "ops " SECRET "\n", 0644);
	assert_int_equal(symlink(f->path, link), 0);
	st = read_cred(f, link);
	if (st != ST_NOPERM && st != ST_USAGE)
		fail_msg("a link to a 0644 file: status %d: %s", (int)st, strbuf_str(&f->why));
	assert_null(f->cred.principal);
	assert_null(f->cred.secret);
	why_has(f, "--credentials");
	why_lacks(f, SECRET);
}

/* ---- not a file ----------------------------------------------------------- */

static void test_missing_file_usage(void **state)
{
	struct fx *f = *state;

	refused(f, f->path, ST_USAGE);
	why_has(f, "--credentials");
	why_has(f, f->path);
}

static void test_not_regular_file_usage(void **state)
{
	struct fx *f = *state;
	char dir[160], fifo[160];

	snprintf(dir, sizeof(dir), "%s/dir", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	refused(f, dir, ST_USAGE);
	why_has(f, "--credentials");
	why_has(f, dir);
	why_has(f, "not a regular file");

	/* a FIFO: refused without waiting for a writer */
	snprintf(fifo, sizeof(fifo), "%s/fifo", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	refused(f, fifo, ST_USAGE);
	why_has(f, "--credentials");
	why_has(f, fifo);
}

/* ---- not a credentials file ----------------------------------------------- */

/* Contents that are not a credentials file, each holding the secret. */
static const struct {
	const char *what;
	const char *data;
	size_t len;  /* 0: strlen */
} bad_files[] = {
	{ "empty", "", 0 },
	{ "blank lines", "\n  \n\n", 0 },
	{ "one token", SECRET "\n", 0 },
	{ "three tokens", "ops " SECRET " extra\n", 0 },
	{ "a good line then a bad one", "ops " SECRET "\nother\n", 0 },
	{ "a control character in the principal", "o\x1bps " SECRET "\n", 0 },
	{ "a NUL byte", "ops " SECRET "\0tail\n", sizeof("ops " SECRET "\0tail\n") - 1 },
	{ "JSON: principal missing", "{\"secret\": \"" SECRET "\"}", 0 },
	{ "JSON: secret missing", "{\"principal\": \"ops\"}", 0 },
	{ "JSON: secret not a string", "{\"principal\": \"ops\", \"secret\": [\"" SECRET "\"]}", 0 },
	{ "JSON: principal not a string",
	  "{\"principal\": {\"" SECRET "\": 1}, \"secret\": \"" SECRET "\"}", 0 },
	{ "JSON: empty list", "{\"credentials\": []}", 0 },
	{ "JSON: credentials not a list",
	  "{\"credentials\": {\"principal\": \"ops\", \"secret\": \"" SECRET "\"}}", 0 },
	{ "JSON: a list of strings", "{\"credentials\": [\"ops " SECRET "\"]}", 0 },
	{ "JSON: an array", "[\"ops\", \"" SECRET "\"]", 0 },
	{ "JSON: escape in the principal",
	  "{\"credentials\": [{\"principal\": \"o\\u001bps\", \"secret\": \"" SECRET "\"}]}", 0 },
};

static void test_bad_contents_dataerr_without_secret(void **state)
{
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		const char *d = bad_files[i].data;
		enum status st;

		write_file_n(f, d, bad_files[i].len ? bad_files[i].len : strlen(d), 0600);
		st = read_cred(f, f->path);
		if (st != ST_DATAERR)
			fail_msg("%s: status %d, expected ST_DATAERR (%d): %s", bad_files[i].what,
				 (int)st, (int)ST_DATAERR, strbuf_str(&f->why));
		assert_null(f->cred.principal);
		assert_null(f->cred.secret);
		if (strstr(strbuf_str(&f->why), SECRET))
			fail_msg("%s: the message holds the secret: %s", bad_files[i].what,
				 strbuf_str(&f->why));
		if (!strstr(strbuf_str(&f->why), f->path))
			fail_msg("%s: the message does not name the file: %s", bad_files[i].what,
				 strbuf_str(&f->why));
	}
}

/*
 * credentials.h: "@why names --credentials and the path", for every refusal:
 * the operator is told which option to fix. Holds for the refusals of the
 * file itself; see the report for the contents.
 */
static void test_bad_contents_message_names_option(void **state)
{
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		const char *d = bad_files[i].data;

		write_file_n(f, d, bad_files[i].len ? bad_files[i].len : strlen(d), 0600);
		assert_int_equal(read_cred(f, f->path), ST_DATAERR);
		if (!strstr(strbuf_str(&f->why), "--credentials"))
			fail_msg("%s: the message does not name --credentials: %s",
				 bad_files[i].what, strbuf_str(&f->why));
	}
}

static void test_too_large_dataerr(void **state)
{
	struct fx *f = *state;
	size_t n = CREDENTIALS_MAX_BYTES + 1;
	char *big = malloc(n);

	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big, "ops " SECRET "\n", strlen("ops " SECRET "\n"));
	write_file_n(f, big, n, 0600);
	free(big);
	refused(f, f->path, ST_DATAERR);
	why_has(f, "--credentials");
	why_has(f, f->path);
	/* at the limit it is read */
	assert_int_equal(truncate(f->path, CREDENTIALS_MAX_BYTES), 0);
	assert_int_equal(read_cred(f, f->path), ST_OK);
	assert_string_equal(f->cred.secret, SECRET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_list_first_credential, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_single_credential, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines_first_credential, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_or_other_bit_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_owner_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_to_readable_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_usage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_regular_file_usage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_contents_dataerr_without_secret, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_contents_message_names_option, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_too_large_dataerr, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
