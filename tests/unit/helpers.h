/*
 * helpers.h - what several unit tests share: the built-in content loaded as
 * a group's state, a fixture's content, content loaded from files in memory,
 * an inventory from YAML, a journal_events() callback that counts, and the
 * counts of the built-in content (tests/content_counts), a pipe read
 * to its end by a thread, and a function run in a process of its own.
 *
 * Include after <cmocka.h>. Everything here is static inline, so a test
 * includes the lot and uses what it needs without unused-function warnings.
 * The session tests' fixture (a journal per test, marks and their
 * messages) is session_fixture.h, which includes this.
 */
#ifndef MU_TEST_HELPERS_H
#define MU_TEST_HELPERS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "content.h"
#include "diag.h"
#include "inventory.h"
#include "journal.h"
#include "session.h"
#include "strbuf.h"

/* The first message of @dl (diag.h), for a test's failure message; "" when none. */
static inline const char *diag_said(const struct diag_list *dl)
{
	return dl->count ? dl->items[0].message : "";
}

/* The one message of a failure in @dl of status @st (diag_fail()): one line, no place. */
static inline const char *diag_one(const struct diag_list *dl, enum status st)
{
	assert_int_equal(dl->count, 1);
	assert_int_equal(dl->status, st);
	assert_int_equal(dl->items[0].line, 0);
	assert_null(strchr(dl->items[0].message, '\n'));
	return dl->items[0].message;
}

/*
 * session_mark() of @r on @j as @who (session_mark_view() of @view when it
 * is not NULL), as the tests ask it, its refusal's data in @ref (may be
 * NULL): its status, and its words appended to @words whatever the outcome:
 * the account of what it recorded, or the one message its failure said in
 * its list (diag_one()), a refusal's with its code.
 */
static inline enum status mark_words(struct journal *j, const struct content *c,
				     struct session *view, const struct mark_request *r,
				     const struct session_actor *who,
				     struct session_refusal *ref, struct strbuf *words)
{
	struct diag_list dl = DIAG_LIST_INIT;
	enum status st = view ? session_mark_view(j, c, view, r, who, ref, words, &dl)
			      : session_mark(j, c, r, who, ref, words, &dl);

	if (st == ST_OK)
		assert_int_equal(dl.count, 0);
	else
		strbuf_adds(words, diag_one(&dl, st));
	if (st == ST_REFUSED)
		assert_int_not_equal(dl.code, REFUSAL_NONE);
	diag_list_release(&dl);
	return st;
}

/* What journal_open() said the last time open_journal() saw it fail, "" when it opened. */
static char journal_said[4096];

/*
 * journal_open() of @path in @mode into *@j, as every test opens one: its
 * status, and what it said checked, nothing when it opened, else one
 * message of that status (diag_one()), kept in journal_said for the test
 * to look into or show.
 */
static inline enum status open_journal(const char *path, enum journal_mode mode,
				       struct journal **j)
{
	struct diag_list dl = DIAG_LIST_INIT;
	enum status st = journal_open(path, mode, j, &dl);

	if (st == ST_OK)
		assert_int_equal(dl.count, 0);
	snprintf(journal_said, sizeof(journal_said), "%s", st == ST_OK ? "" : diag_one(&dl, st));
	diag_list_release(&dl);
	return st;
}

/* The built-in content, or NULL when it does not load (its problems on stderr). */
static inline struct content *builtin_content(void)
{
	struct content *c = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = content_load_builtin(&c, &dl);
	if (st != ST_OK)
		diag_print(&dl, stderr, "built-in content: ");
	diag_list_release(&dl);
	if (st != ST_OK)
		content_free(&c);
	return c;
}

/* The content of directory @dir (a fixture), or NULL when it does not load (its problems on stderr). */
static inline struct content *content_from_dir(const char *dir)
{
	struct content *c = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = content_load_dir(dir, &c, &dl);
	if (st != ST_OK)
		diag_print(&dl, stderr, "");
	diag_list_release(&dl);
	return st == ST_OK ? c : NULL;
}

/* A group's setup and teardown: the built-in content as the tests' state. */
static inline int builtin_group_setup(void **state)
{
	*state = builtin_content();
	return *state ? 0 : -1;
}

static inline int builtin_group_teardown(void **state)
{
	struct content *c = *state;

	content_free(&c);
	*state = NULL;
	return 0;
}

/*
 * Content from files in memory: @guide as guide.yaml and @nhops hop files;
 * the test fails, saying why, when it does not load.
 */
static inline struct content *content_in_memory(const char *guide,
						const struct content_file *hops, size_t nhops)
{
	struct content_file g = { "guide.yaml", (const unsigned char *)guide, strlen(guide) };
	struct content *c = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = content_load_files(&g, hops, nhops, "memory", &c, &dl);
	if (st != ST_OK) {
		diag_print(&dl, stderr, "in-memory content: ");
		fail_msg("content_load_files: status %d", (int)st);
	}
	diag_list_release(&dl);
	assert_non_null(c);
	return c;
}

/* The inventory of the YAML @yaml; fails the test when it is not one. */
static inline struct inventory *parse_inventory(const char *yaml)
{
	struct inventory *inv = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = inventory_parse("inv.yaml", (const unsigned char *)yaml, strlen(yaml), &inv, &dl);
	if (st != ST_OK) {
		diag_print(&dl, stderr, "inventory: ");
		fail_msg("inventory_parse: status %d", (int)st);
	}
	diag_list_release(&dl);
	return inv;
}

/* journal_events() callback: counts the events into the size_t at @ctx. */
static inline bool count_cb(void *ctx, const struct journal_event *e)
{
	(void)e;
	(*(size_t *)ctx)++;
	return true;
}

/*
 * The value of @name in tests/content_counts (the built-in content as the
 * tests count it), copied into @buf without its quotes; fails the test when the
 * file or the name is missing. The unit tests run from the top of the tree.
 */
static inline const char *content_count_str(const char *name, char *buf, size_t size)
{
	FILE *f = fopen("tests/content_counts", "r");
	char line[512];
	size_t n = strlen(name);
	bool found = false;

	if (!f) {
		fail_msg("tests/content_counts: cannot open it");
		return "";
	}
	while (!found && fgets(line, sizeof(line), f)) {
		char *v = line + n + 1;

		if (strncmp(line, name, n) != 0 || line[n] != '=')
			continue;
		v[strcspn(v, "\n")] = '\0';
		if (*v == '"') {
			v++;
			v[strcspn(v, "\"")] = '\0';
		}
		if (strlen(v) >= size)
			fail_msg("tests/content_counts: %s is longer than %zu bytes", name, size - 1);
		memcpy(buf, v, strlen(v) + 1);
		found = true;
	}
	fclose(f);
	if (!found)
		fail_msg("tests/content_counts has no %s", name);
	return buf;
}

/* The number @name of tests/content_counts (HOPS, NOTES, STEPS, ITEMS). */
static inline size_t content_count(const char *name)
{
	char buf[32];

	return (size_t)strtoul(content_count_str(name, buf, sizeof(buf)), NULL, 10);
}

/* What pipe_read_all() reads: a pipe's read end, and what came out of it. */
struct pipe_reader {
	int fd;
	struct strbuf got;
};

/* Everything @arg (a pipe_reader) reads until the pipe's end: a thread's start. */
static inline void *pipe_read_all(void *arg)
{
	struct pipe_reader *r = arg;
	char buf[8192];
	ssize_t n;

	while ((n = read(r->fd, buf, sizeof(buf))) > 0)
		strbuf_add(&r->got, buf, (size_t)n);
	return NULL;
}

/* @fn(@arg) in a process of its own (what it changes of the process stays there): its exit. */
static inline int child_exit(int (*fn)(void *arg), void *arg)
{
	int status = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fn(arg));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

#endif
