/*
 * test_content_format.c - the keys of issue 16 in the model: where a hop's
 * content comes from, what the project says rather than the guide, the
 * standard steps, when and where a note acts, and digests that only change
 * with what an operator must do. tests/fixtures/content/later uses every
 * key once; its defects are in test_content_loader.c's table. Run from the
 * repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "helpers.h"

#define LATER "tests/fixtures/content/later"

static int later_setup(void **state)
{
	*state = content_from_dir(LATER);
	return *state ? 0 : -1;
}

/* The entries of @hop as "ID ID ...", the order an operator goes through them. */
static void entries_are(const struct content_hop *hop, const char *want)
{
	char got[512] = "";

	for (size_t i = 0; i < hop->nentries; i++) {
		const struct content_entry *e = &hop->entries[i];
		strcat(got, i ? " " : "");
		strcat(got, e->note ? e->note->id : e->step->id);
	}
	assert_int_equal(hop->nentries, hop->nnotes + hop->nsteps);
	assert_string_equal(got, want);
}

static void test_guide_hop(void **state)
{
	const struct content_hop *h = content_find_hop(*state, "1.0-1.1");

	assert_non_null(h);
	assert_int_equal(h->source, SOURCE_GUIDE);
	assert_null(h->reference);
	assert_false(h->standard_steps);
	/* the per-host note before the agents' step, the 'after' note after the last binary step */
	entries_are(h, "old-agents restart-masters drop-providers restart-agents quota-acl "
		       "restart-schedulers");
	assert_int_equal(h->notes[0].when, NOTE_AFTER);
	assert_string_equal(h->notes[0].warning, "Do not switch while a master still runs 1.0.");
	assert_string_equal(h->notes[0].category, "Flags");
	assert_string_equal(h->notes[0].change, "changed");
	assert_int_equal(h->notes[1].when, NOTE_PER_HOST);
	assert_int_equal(h->notes[1].role, ROLE_AGENT);
	assert_int_equal(h->notes[1].origin, ORIGIN_GUIDE);
	assert_string_equal(h->notes[2].since, "1.1.1");
	assert_int_equal(h->notes[2].vsince.patch, 1);
	assert_null(h->notes[2].warning);
	/* a point of the project's among the guide's */
	assert_non_null(h->steps[0].points.tool);
	assert_false(h->steps[0].points.tool[0]);
	assert_true(h->steps[0].points.tool[1]);
	assert_int_equal(h->steps[0].origin, ORIGIN_GUIDE);
	/* a per-host step with branches, one of them the project's */
	assert_true(h->steps[1].per_host);
	assert_int_equal(h->steps[1].nbranches, 2);
	assert_int_equal(h->steps[1].origin, ORIGIN_TOOL);
	assert_int_equal(h->steps[1].branches[0].origin, ORIGIN_GUIDE);
	assert_int_equal(h->steps[1].branches[1].origin, ORIGIN_TOOL);
	assert_null(h->steps[1].points.tool);
}

static void test_standard_steps(void **state)
{
	const struct content_hop *h = content_find_hop(*state, "1.1-1.2");

	assert_non_null(h);
	assert_true(h->standard_steps);
	/* role_first: scheduler moves the schedulers' step to the front */
	entries_are(h, "task-starting patch-fix upgrade-schedulers rebuild-modules "
		       "restart-masters restart-agents upgrade-executors");
	for (size_t i = 0; i < h->nsteps; i++) {
		assert_int_equal(h->steps[i].origin, ORIGIN_TOOL);
		assert_true(strncmp(h->steps[i].full_id, "1.1-1.2/", 8) == 0);
		assert_int_equal(h->steps[i].per_host, h->steps[i].role == ROLE_MASTER ||
						       h->steps[i].role == ROLE_AGENT);
		assert_int_equal(h->steps[i].verify == CONTENT_VERIFY_VERSION, h->steps[i].per_host);
	}
	assert_true(h->notes[0].moves_role);
	assert_int_equal(h->notes[0].role_first, ROLE_SCHEDULER);
	assert_int_equal(h->notes[1].origin, ORIGIN_TOOL);
}

static void test_release_notes_hop(void **state)
{
	const struct content_hop *h = content_find_hop(*state, "1.2-1.3");
	const struct content_hop *g = content_find_hop(*state, "1.1-1.2");

	assert_non_null(h);
	assert_int_equal(h->source, SOURCE_RELEASE_NOTES);
	assert_string_equal(h->reference, "CHANGELOG 1.3.0");
	assert_string_equal(content_source_name(h->source), "release-notes");
	entries_are(h, "rebuild-modules restart-masters restart-agents plain-credentials "
		       "upgrade-schedulers upgrade-executors");
	/* the standard texts are written once: the same in every hop */
	assert_string_equal(h->steps[2].text, g->steps[3].text);
	assert_string_not_equal(h->steps[2].digest, g->steps[3].digest);
}

/* ---- digests ------------------------------------------------------------ */

static const char guide[] = "product: P\ntitle: T\nsource: S\nversion: \"1\"\n";

/* The digests of the note and the step of a one-hop content with @note and @step. */
static void digests(const char *note, const char *step, char n[ITEM_DIGEST_LEN + 1],
		    char s[ITEM_DIGEST_LEN + 1])
{
	char hop[2048];
	struct content *c;
	struct content_file f;

	snprintf(hop, sizeof(hop), "from: \"1.1\"\nto: \"1.2\"\ntitle: T\nnotes:\n  - id: n\n"
		 "    title: N\n    audience: operator\n    text: Read.\n%ssteps:\n  - id: s\n"
		 "    role: agent\n    per_host: true\n    text: Do.\n%s", note, step);
	f = (struct content_file){ "hops/1.1-1.2.yaml", (const unsigned char *)hop, strlen(hop) };
	c = content_in_memory(guide, &f, 1);
	memcpy(n, c->hops[0].notes[0].digest, ITEM_DIGEST_LEN + 1);
	memcpy(s, c->hops[0].steps[0].digest, ITEM_DIGEST_LEN + 1);
	content_free(&c);
}

/* Saying who says it, from when, and in which category drifts no session; what to do does. */
static void test_digests(void **state)
{
	char n0[ITEM_DIGEST_LEN + 1], s0[ITEM_DIGEST_LEN + 1];
	char n[ITEM_DIGEST_LEN + 1], s[ITEM_DIGEST_LEN + 1];

	(void)state;
	digests("    points: [A, B]\n", "    points: [C]\n", n0, s0);
	digests("    points:\n      - A\n      - text: B\n        origin: tool\n    origin: tool\n"
		"    since: \"1.2.3\"\n    category: Flags\n    change: removed\n",
		"    origin: tool\n    points:\n      - text: C\n        origin: tool\n", n, s);
	assert_string_equal(n, n0);
	assert_string_equal(s, s0);
	digests("    points: [A, B]\n    warning: Careful.\n", "    points: [C]\n", n, s);
	assert_string_not_equal(n, n0);
	assert_string_equal(s, s0);
	digests("    points: [A, B]\n    when: after\n", "    points: [C]\n", n, s);
	assert_string_not_equal(n, n0);
	digests("    points: [A, B]\n    when: per-host\n    role: agent\n", "    points: [C]\n", n, s);
	assert_string_not_equal(n, n0);
}

int main(void)
{
	const struct CMUnitTest later[] = {
		cmocka_unit_test(test_guide_hop),
		cmocka_unit_test(test_standard_steps),
		cmocka_unit_test(test_release_notes_hop),
	};
	const struct CMUnitTest alone[] = {
		cmocka_unit_test(test_digests),
	};

	return cmocka_run_group_tests_name("content_format", later, later_setup,
					   builtin_group_teardown) |
	       cmocka_run_group_tests_name("content_format_digests", alone, NULL, NULL);
}
