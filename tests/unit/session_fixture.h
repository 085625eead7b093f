/*
 * session_fixture.h - the fixture of the session tests (test_session.c,
 * test_hosts.c): the built-in content loaded once per group, and per test a
 * fresh journal (mkstemp in /tmp, removed afterwards with its -wal and -shm),
 * the operator alice on bastion-1 and a fixed clock at T0.
 *
 * Define FIXTURE_NAME (a word for the journal's file name) before including.
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
	struct inventory *inv;
	struct content *a, *b;  /* in-memory content of the drift tests */
};

/* ---- fixture ----------------------------------------------------------- */

static int group_setup(void **state)
{
	struct diag_list dl;
	enum status st;

	(void)state;
	diag_list_init(&dl);
	st = content_load_builtin(&builtin, &dl);
	if (st != ST_OK)
		diag_print(&dl, stderr, "built-in content: ");
	diag_list_release(&dl);
	return st == ST_OK && builtin ? 0 : -1;
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
	struct strbuf err = STRBUF_INIT;
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
	if (journal_open(f->path, JOURNAL_WRITE, &f->j, &err) != ST_OK) {
		fprintf(stderr, "journal_open: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		unlink(f->path);
		free(f);
		return -1;
	}
	strbuf_release(&err);
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
	inventory_free(&f->inv);
	content_free(&f->a);
	content_free(&f->b);
	free(f);
	*state = NULL;
	return 0;
}

#endif
