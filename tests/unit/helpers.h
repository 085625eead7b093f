/*
 * helpers.h - what several unit tests share: the built-in content loaded as
 * a group's state, content loaded from files in memory, an inventory from
 * YAML, and a journal_events() callback that counts.
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
#include <string.h>

#include "content.h"
#include "diag.h"
#include "inventory.h"
#include "journal.h"

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

#endif
