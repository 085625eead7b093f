/*
 * session_fixture.h - the fixture of the session tests (test_session.c,
 * test_hosts.c, test_refusal.c, test_report_export.c; test_journal_complete.c
 * uses its journal alone): the built-in content loaded once per group, and
 * per test a fresh journal (mkstemp in /tmp, removed afterwards with its -wal
 * and -shm), the operator alice on bastion-1 and a fixed clock at T0; then
 * the helpers of those tests (marking, the message it leaves, the events
 * recorded).
 *
 * Define FIXTURE_NAME (a word for the journal's file name) before including,
 * after <cmocka.h>.
 */
#ifndef MU_SESSION_FIXTURE_H
#define MU_SESSION_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "content.h"
#include "inventory.h"
#include "journal.h"
#include "session.h"

#include "helpers.h"

#define T0 ((time_t)1795000000) /* 2026-11-18T11:06:40Z */

static struct content *builtin;

struct fx {
	char path[64];
	struct journal *j;
	const struct content *c;
	struct session_actor who;
	int64_t sid;
	time_t now;
	struct strbuf msg;
	struct diag_list dl;    /* a change's failure (zeroed: as diag_list_init() leaves it) */
	enum refusal_code refused; /* the last change's refusal code (change_said()) */
	struct inventory *inv;
	struct content *a, *b;  /* in-memory content of the drift tests */
};

/* ---- fixture ----------------------------------------------------------- */

static int group_setup(void **state)
{
	(void)state;
	builtin = builtin_content();
	return builtin ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	content_free(&builtin);
	clock_fix(-1);
	return 0;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	int fd;

	if (!f)
		return -1;
	strcpy(f->path, "/tmp/mu-test-" FIXTURE_NAME "-XXXXXX");
	fd = mkstemp(f->path);
	if (fd < 0) {
		free(f);
		return -1;
	}
	close(fd);
	if (open_journal(f->path, JOURNAL_WRITE, &f->j) != ST_OK) {
		fprintf(stderr, "journal_open: %s\n", journal_said);
		unlink(f->path);
		free(f);
		return -1;
	}
	f->c = builtin;
	f->who.operator_name = "alice";
	f->who.host = "bastion-1";
	f->now = T0;
	clock_fix(f->now);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char side[80];

	journal_close(&f->j);
	unlink(f->path);
	snprintf(side, sizeof(side), "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", f->path);
	unlink(side);
	strbuf_release(&f->msg);
	diag_list_release(&f->dl);
	inventory_free(&f->inv);
	content_free(&f->a);
	content_free(&f->b);
	free(f);
	*state = NULL;
	return 0;
}

/* ---- helpers ----------------------------------------------------------- */

/*
 * A change's outcome @st: its failure, the one message of @st in f->dl and
 * nothing in f->msg, moved to f->msg (where the checks read the words), its
 * refusal code to f->refused; an empty f->dl on success. f->dl is emptied.
 */
static inline enum status change_said(struct fx *f, enum status st)
{
	f->refused = f->dl.code;
	if (st != ST_OK) {
		assert_int_equal(f->msg.len, 0);
		strbuf_adds(&f->msg, diag_one(&f->dl, st));
	} else {
		assert_int_equal(f->dl.count, 0);
	}
	diag_list_reset(&f->dl);
	return st;
}

/* The clock one second on. */
static inline void tick(struct fx *f)
{
	clock_fix(++f->now);
}

/* Session f->sid as the journal has it now. */
static inline struct session *load(struct fx *f)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *s = NULL;
	enum status st = session_load(f->j, f->c, f->sid, &s, &dl);

	if (st != ST_OK)
		fail_msg("session_load %lld: status %d: %s", (long long)f->sid, (int)st,
			 diag_said(&dl));
	assert_non_null(s);
	diag_list_release(&dl);
	return s;
}

/* Mark as f->who; the message is left in f->msg. */
static inline enum status mark_full(struct fx *f, const char *item, enum mark_action a,
				    const char *text, const char *branch, bool force)
{
	struct mark_request r = {
		.session = f->sid, .item = item, .action = a, .text = text,
		.branch = branch, .force = force,
	};

	strbuf_reset(&f->msg);
	return mark_words(f->j, f->c, NULL, &r, &f->who, NULL, &f->msg);
}

/* Mark and expect @want; on a surprise say what happened. */
#define MARK_EXPECT(want, f, item, a, text, branch, force)                                   \
	do {                                                                                  \
		enum status st_ = mark_full((f), (item), (a), (text), (branch), (force));     \
		if (st_ != (want))                                                            \
			fail_msg("mark %s: status %d, expected %d: %s", (item), (int)st_,     \
				 (int)(want), strbuf_str(&(f)->msg));                         \
	} while (0)

#define OK(f, item, a, text) MARK_EXPECT(ST_OK, f, item, a, text, NULL, false)

/* The last message is @want, or holds it. */
static inline void msg_is(const struct fx *f, const char *want)
{
	if (strcmp(strbuf_str(&f->msg), want) != 0)
		fail_msg("message:\n  got  \"%s\"\n  want \"%s\"", strbuf_str(&f->msg), want);
}

static inline void msg_has(const struct fx *f, const char *want)
{
	if (!strstr(strbuf_str(&f->msg), want))
		fail_msg("message lacks \"%s\": \"%s\"", want, strbuf_str(&f->msg));
}

/* The events of session f->sid in the journal. */
static inline size_t nevents(struct fx *f)
{
	size_t n = 0;

	assert_int_equal(journal_events(f->j, f->sid, NULL, false, 0, count_cb, &n), ST_OK);
	return n;
}

#endif
