/*
 * test_plan_patch.c - plans and a note's 'since' (include/plan.h), on the
 * fixture tests/fixtures/content/later: hop 1.0-1.1 has a note since 1.1.1,
 * hop 1.1-1.2 one since 1.2.2. Which notes a plan takes, which hops, and
 * the plans within one series. Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "helpers.h"
#include "plan.h"

static int later_setup(void **state)
{
	*state = content_from_dir("tests/fixtures/content/later");
	return *state ? 0 : -1;
}

/*
 * Plan @from -> @to: its hops "ID ID" (a '+' after one whose patch notes
 * alone apply), and every note that applies, "ID ID".
 */
static void expect_plan(const struct content *c, const char *from, const char *to,
			const char *hops, const char *notes)
{
	struct strbuf why = STRBUF_INIT;
	char h[256] = "", n[512] = "";
	struct plan p;
	size_t count = 0;

	if (plan_build(c, from, to, &p, &why) != ST_OK)
		fail_msg("%s -> %s: %s", from, to, strbuf_str(&why));
	for (size_t i = 0; i < p.nhops; i++) {
		strcat(h, i ? " " : "");
		strcat(h, p.hops[i].id);
		strcat(h, p.partial_first && i == 0 ? "+" : "");
		for (size_t k = 0; k < p.hops[i].nnotes; k++) {
			if (!plan_note_applies(&p, i, &p.hops[i].notes[k]))
				continue;
			strcat(n, count++ ? " " : "");
			strcat(n, p.hops[i].notes[k].full_id);
		}
	}
	assert_string_equal(h, hops);
	assert_string_equal(n, notes);
	assert_int_equal(p.nnotes, count);
	strbuf_release(&why);
}

static void expect_refusal(const struct content *c, const char *from, const char *to,
			   enum refusal_code want)
{
	struct diag_list dl;
	struct plan p;

	diag_list_init(&dl);
	assert_int_equal(plan_build_refusal(c, from, to, &p, &dl), ST_USAGE);
	assert_int_equal(dl.code, want);
	diag_list_release(&dl);
}

static void test_across_series(void **state)
{
	const struct content *c = *state;

	/* a target without a patch takes in its whole series */
	expect_plan(c, "1.0", "1.1", "1.0-1.1",
		    "1.0-1.1/quota-acl 1.0-1.1/drop-providers 1.0-1.1/old-agents");
	expect_plan(c, "1.0.3", "1.1.x", "1.0-1.1",
		    "1.0-1.1/quota-acl 1.0-1.1/drop-providers 1.0-1.1/old-agents");
	expect_plan(c, "1.0", "1.1.0", "1.0-1.1", "1.0-1.1/quota-acl 1.0-1.1/drop-providers");
	expect_plan(c, "1.0", "1.1.1", "1.0-1.1",
		    "1.0-1.1/quota-acl 1.0-1.1/drop-providers 1.0-1.1/old-agents");
	/* from before a patch release with notes: its hop leads with them alone */
	expect_plan(c, "1.1.0", "1.2.1", "1.0-1.1+ 1.1-1.2",
		    "1.0-1.1/old-agents 1.1-1.2/task-starting");
	expect_plan(c, "1.1", "1.2", "1.0-1.1+ 1.1-1.2",
		    "1.0-1.1/old-agents 1.1-1.2/task-starting 1.1-1.2/patch-fix");
	/* from the patch release itself, or later: nothing of the hop before */
	expect_plan(c, "1.1.1", "1.2.2", "1.1-1.2", "1.1-1.2/task-starting 1.1-1.2/patch-fix");
	expect_plan(c, "1.2.3", "1.3", "1.2-1.3", "1.2-1.3/plain-credentials");
}

static void test_within_series(void **state)
{
	const struct content *c = *state;

	expect_plan(c, "1.2.0", "1.2.2", "1.1-1.2+", "1.1-1.2/patch-fix");
	expect_plan(c, "1.2", "1.2.2", "1.1-1.2+", "1.1-1.2/patch-fix");
	expect_plan(c, "1.2.1", "1.2.x", "1.1-1.2+", "1.1-1.2/patch-fix");
	expect_plan(c, "1.1.0", "1.1.9", "1.0-1.1+", "1.0-1.1/old-agents");
	expect_refusal(c, "1.2.0", "1.2.1", REFUSAL_SAME_SERIES);
	expect_refusal(c, "1.2.2", "1.2.5", REFUSAL_SAME_SERIES);
	expect_refusal(c, "1.2.2", "1.2.0", REFUSAL_SAME_SERIES);
	/* a series without notes of patch releases: as before */
	expect_refusal(c, "1.3.0", "1.3.1", REFUSAL_SAME_SERIES);
	expect_refusal(c, "1.0.0", "1.0.1", REFUSAL_SAME_SERIES);
}

/* A plan of patch notes alone has no steps: nothing of the hop is done again. */
static void test_patch_plan_has_no_steps(void **state)
{
	const struct content *c = *state;
	struct strbuf why = STRBUF_INIT;
	struct plan p;

	assert_int_equal(plan_build(c, "1.2.0", "1.2.2", &p, &why), ST_OK);
	assert_int_equal(p.nsteps, 0);
	for (size_t i = 0; i < p.hops[0].nentries; i++)
		if (p.hops[0].entries[i].step)
			assert_false(plan_entry_applies(&p, 0, &p.hops[0].entries[i]));
	assert_int_equal(plan_build(c, "1.1", "1.3", &p, &why), ST_OK);
	assert_int_equal(p.nsteps, 10);
	strbuf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_across_series),
		cmocka_unit_test(test_within_series),
		cmocka_unit_test(test_patch_plan_has_no_steps),
	};

	return cmocka_run_group_tests_name("plan_patch", tests, later_setup, builtin_group_teardown);
}
