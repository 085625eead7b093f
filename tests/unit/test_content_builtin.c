/*
 * test_content_builtin.c - the content compiled into the binary covers every
 * hop of the guide (/work/shared/guide/upgrades.md), in order, with the
 * guide's incompatible changes (notes) and numbered upgrade steps.
 *
 * The expected table below was derived from the guide itself, not from the
 * YAML files: per hop, the number of incompatible-change bullets and the role
 * of each upgrade step in the guide's order. Modelling decisions:
 *   - 0.14 -> 0.15: the unnumbered "Restart the masters with
 *     --authentication=true." is step 7 and carries the NOTE as a warning.
 *   - 0.18 -> 0.19: "No required upgrade ordering across components." is not a
 *     note but hop->ordered == false with an order_note.
 *   - 0.17 -> 0.18: step 4 is one agent step with two branches.
 *   - "Rebuild and install any modules" acts on modules; "Install the new slave
 *     binaries." (without restart) is still an agent step.
 * Past 0.28 the table comes from the upstream guide (apache/mesos
 * docs/upgrades.md, see tests/cli/upstream_facts.py) and, for 1.10 -> 1.11,
 * from the CHANGELOG of 1.11.0:
 *   - 0.28 -> 1.0, 1.1 -> 1.2, 1.2 -> 1.3 list their six steps; the other hops
 *     have none, so the content takes the standard order (modules, masters,
 *     agents, schedulers, executors), with the schedulers first in 1.4 -> 1.5.
 *   - 0.28 -> 1.0's quota ACL change is two notes: what changes, read before,
 *     and the switch to update_quotas once the binaries are replaced.
 *   - 0.28 -> 1.0's endpoint authorization (three bullets) is one note.
 *   - 1.8 -> 1.9 has two notes of the project's own, from docs/downgrades.md.
 * How many hops there are, and the range, is tests/content_counts.
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

#define M ROLE_MASTER
#define A ROLE_AGENT
#define S ROLE_SCHEDULER
#define E ROLE_EXECUTOR
#define MOD ROLE_MODULE
#define END ROLE_COUNT

struct expect_hop {
	const char *id;
	size_t nnotes;
	enum role roles[12]; /* terminated by END */
};

/* From the guide, oldest hop first (the guide lists them newest first). */
static const struct expect_hop expected[] = {
	/* "source" field in ExecutorInfo */
	{ "0.11-0.12", 1, { A, M, END } },
	/* cgroups_hierarchy_root renamed */
	{ "0.12-0.13", 1, { M, S, S, A, A, E, END } },
	/* /vars removed; 9 steps incl. FrameworkInfo.checkpoint and the restarts */
	{ "0.13-0.14", 1, { M, E, A, A, S, S, S, M, A, END } },
	/* reconcileTasks, Credential constructor, --authentication=false */
	{ "0.14-0.15", 3, { M, M, A, E, S, S, M, END } },
	{ "0.15-0.16", 0, { M, S, S, A, E, END } },
	{ "0.16-0.17", 0, { M, S, S, A, E, END } },
	/* reboot for cgroups */
	{ "0.17-0.18", 1, { M, S, S, A, E, END } },
	/* --work_dir/--quorum (ordering bullet is not a note) */
	{ "0.18-0.19", 1, { M, A, S, S, E, END } },
	/* CommandInfo, Python sub-modules, acknowledgements through the master */
	{ "0.19-0.20", 3, { M, A, S, S, E, END } },
	/* --checkpoint deprecated */
	{ "0.20-0.21", 1, { M, A, S, S, E, END } },
	/* checkpoint flag, stats.json, bindings, AuthenticationStartMessage, file:// */
	{ "0.21-0.22", 5, { M, A, S, S, E, END } },
	/* stats.json, /master/shutdown, decorator hooks, ping timeouts, acceptOffers,
	 * Resource metadata */
	{ "0.22-0.23", 6, { MOD, M, A, S, S, E, END } },
	/* HTTP scheduler live upgrade, ZooKeeper JSON */
	{ "0.23-0.24", 2, { MOD, M, A, S, S, E, END } },
	/* .json endpoints, suppressOffers */
	{ "0.24-0.25", 2, { MOD, M, A, S, S, E, END } },
	/* TaskStatus::Reason, Credential.secret, /state data, NetworkInfo */
	{ "0.25-0.26", 4, { MOD, M, A, S, S, E, END } },
	/* implicit roles, allocator API, executorLost, isolator prepare,
	 * teardown_frameworks, DRF reserved resources */
	{ "0.26-0.27", 6, { MOD, M, A, S, S, E, END } },
	/* fixed-point scalars, ReserveResources/CreateVolume ACLs */
	{ "0.27-0.28", 2, { MOD, M, A, S, S, E, END } },
	/* 24 changes, the quota ACLs' in two notes */
	{ "0.28-1.0", 25, { MOD, M, A, S, S, E, END } },
	/* ContainerLogger recover(), Allocator::updateAllocation() */
	{ "1.0-1.1", 2, { MOD, M, A, S, E, END } },
	{ "1.1-1.2", 14, { MOD, M, A, S, S, E, END } },
	{ "1.2-1.3", 7, { MOD, M, A, S, S, E, END } },
	{ "1.3-1.4", 9, { MOD, M, A, S, E, END } },
	/* TASK_STARTING: the schedulers first */
	{ "1.4-1.5", 9, { S, MOD, M, A, E, END } },
	{ "1.5-1.6", 5, { MOD, M, A, S, E, END } },
	{ "1.6-1.7", 12, { MOD, M, A, S, E, END } },
	{ "1.7-1.8", 1, { MOD, M, A, S, E, END } },
	/* 9 changes and 2 notes of the project's own on rolling back */
	{ "1.8-1.9", 11, { MOD, M, A, S, E, END } },
	{ "1.9-1.10", 6, { MOD, M, A, S, E, END } },
	/* credentials text format, volume/csi, offer constraints, CMake */
	{ "1.10-1.11", 4, { MOD, M, A, S, E, END } },
};
#define NEXPECTED (sizeof(expected) / sizeof(expected[0]))

static const struct content_hop *hop(void **state, const char *id)
{
	const struct content_hop *h = content_find_hop(*state, id);

	if (!h)
		fail_msg("built-in content has no hop %s", id);
	return h;
}

/* The hops chain through the series of tests/content_counts, 0.28 to 1.0 among them. */
static void test_hop_ids_in_order(void **state)
{
	const struct content *c = *state;
	char series[512], *from, *to, *save = NULL;

	assert_int_equal(c->nhops, NEXPECTED);
	assert_int_equal(c->nhops, content_count("HOPS"));
	content_count_str("SERIES", series, sizeof(series));
	from = strtok_r(series, " ", &save);
	for (size_t i = 0; i < c->nhops; i++) {
		char id[16];
		int major, minor;

		to = strtok_r(NULL, " ", &save);
		assert_non_null(from);
		assert_non_null(to);
		snprintf(id, sizeof(id), "%s-%s", from, to);
		assert_string_equal(c->hops[i].id, id);
		assert_string_equal(c->hops[i].id, expected[i].id);
		assert_string_equal(c->hops[i].from, from);
		assert_string_equal(c->hops[i].to, to);
		assert_int_equal(sscanf(to, "%d.%d", &major, &minor), 2);
		assert_int_equal(c->hops[i].vto.major, major);
		assert_int_equal(c->hops[i].vto.minor, minor);
		assert_ptr_equal(content_find_hop(c, c->hops[i].id), &c->hops[i]);
		from = to;
	}
	assert_null(strtok_r(NULL, " ", &save));
	assert_null(content_find_hop(c, "0.10-0.11"));
	assert_null(content_find_hop(c, "0.28-0.29"));
	assert_null(content_find_hop(c, "0.11-0.13"));
	assert_null(content_find_hop(c, "1.1-1.10"));
}

/* Every mismatch with the guide is printed (with the hop), then the test fails. */
static void test_counts_and_roles_match_guide(void **state)
{
	const struct content *c = *state;
	int bad = 0;

	for (size_t i = 0; i < NEXPECTED; i++) {
		const struct expect_hop *e = &expected[i];
		const struct content_hop *h = content_find_hop(c, e->id);
		size_t nsteps = 0;

		if (!h) {
			print_error("hop %s: missing\n", e->id);
			bad++;
			continue;
		}
		while (e->roles[nsteps] != END)
			nsteps++;
		if (h->nnotes != e->nnotes) {
			print_error("hop %s: %zu notes, the guide has %zu\n", e->id, h->nnotes,
				    e->nnotes);
			bad++;
		}
		if (h->nsteps != nsteps) {
			print_error("hop %s: %zu steps, the guide has %zu\n", e->id, h->nsteps,
				    nsteps);
			bad++;
		}
		for (size_t s = 0; s < h->nsteps && s < nsteps; s++) {
			if (h->steps[s].role != e->roles[s]) {
				print_error("hop %s: step %zu (%s) acts on %s, the guide says %s\n",
					    e->id, s + 1, h->steps[s].id,
					    content_role_name(h->steps[s].role),
					    content_role_name(e->roles[s]));
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

static void test_full_ids(void **state)
{
	const struct content *c = *state;

	for (size_t i = 0; i < c->nhops; i++) {
		const struct content_hop *h = &c->hops[i];
		char want[128];

		for (size_t n = 0; n < h->nnotes; n++) {
			assert_non_null(h->notes[n].id);
			assert_true(h->notes[n].id[0] != '\0');
			snprintf(want, sizeof(want), "%s/%s", h->id, h->notes[n].id);
			assert_string_equal(h->notes[n].full_id, want);
		}
		for (size_t s = 0; s < h->nsteps; s++) {
			assert_non_null(h->steps[s].id);
			assert_true(h->steps[s].id[0] != '\0');
			snprintf(want, sizeof(want), "%s/%s", h->id, h->steps[s].id);
			assert_string_equal(h->steps[s].full_id, want);
		}
	}
}

static void test_ordering(void **state)
{
	const struct content *c = *state;

	for (size_t i = 0; i < c->nhops; i++) {
		const struct content_hop *h = &c->hops[i];

		if (strcmp(h->id, "0.18-0.19") == 0) {
			assert_false(h->ordered);
			assert_non_null(h->order_note);
			assert_true(h->order_note[0] != '\0');
		} else {
			if (!h->ordered)
				fail_msg("hop %s is not ordered", h->id);
			assert_null(h->order_note);
		}
	}
}

static const struct content_note *note(void **state, const char *hop_id, const char *id)
{
	const struct content_hop *h = hop(state, hop_id);

	for (size_t i = 0; i < h->nnotes; i++)
		if (strcmp(h->notes[i].id, id) == 0)
			return &h->notes[i];
	fail_msg("hop %s has no note %s", hop_id, id);
	return NULL;
}

/* Where the guide gives no steps, every step is the project's; where it does, none is. */
static void test_step_origins(void **state)
{
	const struct content *c = *state;

	for (size_t i = 0; i < c->nhops; i++) {
		const struct content_hop *h = &c->hops[i];

		for (size_t s = 0; s < h->nsteps; s++) {
			enum content_origin want = h->standard_steps ? ORIGIN_TOOL : ORIGIN_GUIDE;

			if (h->steps[s].origin != want)
				fail_msg("%s: origin %s", h->steps[s].full_id,
					 content_origin_name(h->steps[s].origin));
		}
	}
	assert_false(hop(state, "0.28-1.0")->standard_steps);
	assert_false(hop(state, "1.1-1.2")->standard_steps);
	assert_false(hop(state, "1.2-1.3")->standard_steps);
	assert_true(hop(state, "1.9-1.10")->standard_steps);
}

/* What the guide says about when a note acts, and from which release. */
static void test_when_since_first(void **state)
{
	const struct content_note *n = note(state, "0.28-1.0", "quota-acls-replace");

	assert_int_equal(n->when, NOTE_AFTER);
	assert_int_equal(note(state, "0.28-1.0", "quota-acls")->when, NOTE_BEFORE);
	n = note(state, "1.5-1.6", "csi-v0-2");
	assert_int_equal(n->when, NOTE_PER_HOST);
	assert_int_equal(n->role, ROLE_AGENT);
	assert_non_null(n->warning);
	n = note(state, "1.1-1.2", "old-agents-ignored");
	assert_non_null(n->since);
	assert_string_equal(n->since, "1.2.1");
	assert_null(note(state, "1.2-1.3", "old-agents-ignored")->since);
	n = note(state, "1.4-1.5", "task-starting");
	assert_true(n->moves_role);
	assert_int_equal(n->role_first, ROLE_SCHEDULER);
	assert_int_equal(hop(state, "1.4-1.5")->steps[0].role, ROLE_SCHEDULER);
}

/* 1.10 -> 1.11 is the release notes', with the end of plain-text credentials. */
static void test_release_notes_hop(void **state)
{
	const struct content_hop *h = hop(state, "1.10-1.11");
	const struct content_note *n = note(state, "1.10-1.11", "credential-text-format-removed");

	assert_int_equal(h->source, SOURCE_RELEASE_NOTES);
	assert_string_equal(h->reference, "CHANGELOG 1.11.0");
	assert_string_equal(n->change, "removed");
	assert_non_null(n->warning);
	for (size_t i = 0; i + 1 < content_count("HOPS"); i++) {
		const struct content_hop *g = &((const struct content *)*state)->hops[i];

		assert_int_equal(g->source, SOURCE_GUIDE);
		assert_null(g->reference);
	}
}

/* The seed hops' fixes of issue 16. */
static void test_seed_fixes(void **state)
{
	const struct content_hop *h = hop(state, "0.18-0.19");
	const struct content_note *n;

	/* --quorum only with ZooKeeper: said as the project's, and no flag the step sets */
	assert_int_equal(h->steps[0].flags.count, 0);
	assert_int_equal(h->steps[0].points.count, 1);
	assert_non_null(h->steps[0].points.tool);
	assert_true(h->steps[0].points.tool[0]);
	assert_non_null(strstr(h->steps[0].points.items[0], "ZooKeeper"));
	assert_non_null(strstr(h->steps[0].points.items[0], "--quorum"));
	/* pure bindings: also the framework developers' */
	n = note(state, "0.19-0.20", "pure-binding-acks");
	assert_true(n->audience & AUD_BINDING_DEVELOPER);
	assert_true(n->audience & AUD_FRAMEWORK_DEVELOPER);
	/* 0.25's endpoints will be deprecated: the title does not say they are */
	n = note(state, "0.24-0.25", "json-endpoints");
	assert_non_null(strstr(n->title, "will be deprecated"));
	assert_non_null(strstr(n->text, "will be deprecated"));
	/* 0.28's NOTE on obsolete ACL definitions is the note's warning */
	n = note(state, "0.27-0.28", "reservation-acls");
	assert_non_null(n->warning);
	assert_non_null(strstr(n->warning, "obsolete"));
	assert_null(strstr(n->text, "obsolete"));
}

/* 0.17 -> 0.18 step 4: one agent step, branches no-cgroups and cgroups. */
static void test_0_17_branches(void **state)
{
	const struct content_hop *h = hop(state, "0.17-0.18");
	const struct content_step *s;

	assert_true(h->nsteps >= 4);
	s = &h->steps[3];
	assert_int_equal(s->role, ROLE_AGENT);
	/* done on each agent, its branch chosen per agent */
	assert_true(s->per_host);
	assert_int_equal(s->nbranches, 2);
	assert_string_equal(s->branches[0].id, "no-cgroups");
	assert_string_equal(s->branches[1].id, "cgroups");
	/* the guide has one sub-point for no cgroups and six for cgroups */
	assert_int_equal(s->branches[0].points.count, 1);
	assert_int_equal(s->branches[1].points.count, 6);
	for (size_t i = 0; i < h->nsteps; i++)
		if (i != 3)
			assert_int_equal(h->steps[i].nbranches, 0);
}

/* 0.21 -> 0.22 step 3: Java and Python instructions. */
static void test_0_21_languages(void **state)
{
	const struct content_hop *h = hop(state, "0.21-0.22");
	const struct content_step *s;

	assert_true(h->nsteps >= 3);
	s = &h->steps[2];
	assert_int_equal(s->role, ROLE_SCHEDULER);
	assert_int_equal(s->nlanguages, 2);
	assert_string_equal(s->languages[0].language, "Java");
	assert_string_equal(s->languages[1].language, "Python");
	assert_non_null(strstr(s->languages[0].text, "JAR"));
	assert_non_null(strstr(s->languages[1].text, "egg"));
	assert_non_null(strstr(s->languages[1].text, "implicitAcknowledgements"));
}

/* 0.14 -> 0.15: the last step enables authentication and warns. */
static void test_0_14_authentication(void **state)
{
	const struct content_hop *h = hop(state, "0.14-0.15");
	const struct content_step *s;
	int found = 0;

	assert_int_equal(h->nsteps, 7);
	s = &h->steps[h->nsteps - 1];
	assert_int_equal(s->role, ROLE_MASTER);
	for (size_t i = 0; i < s->flags.count; i++)
		if (strcmp(s->flags.items[i], "--authentication=true") == 0)
			found = 1;
	assert_true(found);
	assert_non_null(strstr(s->text, "--authentication=true"));
	assert_non_null(s->warning);
	assert_true(s->warning[0] != '\0');
	/* step 2 restarts the masters with --credentials */
	found = 0;
	for (size_t i = 0; i < h->steps[1].flags.count; i++)
		if (strcmp(h->steps[1].flags.items[i], "--credentials") == 0)
			found = 1;
	assert_true(found);
}

/* 0.13 -> 0.14: a step adds --checkpoint. */
static void test_0_13_checkpoint(void **state)
{
	const struct content_hop *h = hop(state, "0.13-0.14");
	int found = 0;

	for (size_t i = 0; i < h->nsteps; i++) {
		const struct content_step *s = &h->steps[i];
		for (size_t f = 0; f < s->flags.count; f++) {
			if (strcmp(s->flags.items[f], "--checkpoint") == 0) {
				found = 1;
				assert_int_equal(s->role, ROLE_AGENT);
				assert_non_null(strstr(s->text, "--checkpoint"));
			}
		}
	}
	assert_true(found);
}

static int has_pi(const char *s)
{
	return s && strstr(s, "\xcf\x80") != NULL; /* U+03C0 'π' */
}

static int strings_have_pi(const struct content_strings *l)
{
	for (size_t i = 0; i < l->count; i++)
		if (has_pi(l->items[i]))
			return 1;
	return 0;
}

static int hop_has_pi(const struct content_hop *h)
{
	if (has_pi(h->id) || has_pi(h->title) || has_pi(h->order_note))
		return 1;
	for (size_t i = 0; i < h->nnotes; i++) {
		const struct content_note *n = &h->notes[i];
		if (has_pi(n->id) || has_pi(n->title) || has_pi(n->text) || has_pi(n->code) ||
		    strings_have_pi(&n->points))
			return 1;
	}
	for (size_t i = 0; i < h->nsteps; i++) {
		const struct content_step *s = &h->steps[i];
		if (has_pi(s->id) || has_pi(s->text) || has_pi(s->detail) || has_pi(s->warning) ||
		    strings_have_pi(&s->points) || strings_have_pi(&s->flags))
			return 1;
		for (size_t l = 0; l < s->nlanguages; l++)
			if (has_pi(s->languages[l].language) || has_pi(s->languages[l].text))
				return 1;
		for (size_t b = 0; b < s->nbranches; b++)
			if (has_pi(s->branches[b].id) || has_pi(s->branches[b].title) ||
			    strings_have_pi(&s->branches[b].points))
				return 1;
	}
	return 0;
}

/* 0.24 -> 0.25: the guide's stray 'π' after two agent endpoints is gone. */
static void test_0_24_endpoints(void **state)
{
	const struct content_hop *h = hop(state, "0.24-0.25");
	int state_ep = 0, stats_ep = 0;

	assert_false(hop_has_pi(h));
	for (size_t i = 0; i < h->nnotes; i++) {
		const struct content_strings *p = &h->notes[i].points;
		for (size_t j = 0; j < p->count; j++) {
			const char *x = p->items[j];
			size_t len = strlen(x);
			/* the new endpoint ends the point, nothing stray after it */
			if (len >= 6 && strcmp(x + len - 6, "/state") == 0)
				state_ep++;
			if (len >= 19 && strcmp(x + len - 19, "/monitor/statistics") == 0)
				stats_ep++;
		}
	}
	/* /state is new on both master and agent; /monitor/statistics on the agent */
	assert_int_equal(state_ep, 2);
	assert_int_equal(stats_ep, 1);
}

/* No hop anywhere contains the stray character. */
static void test_no_pi_anywhere(void **state)
{
	const struct content *c = *state;

	for (size_t i = 0; i < c->nhops; i++)
		if (hop_has_pi(&c->hops[i]))
			fail_msg("hop %s contains a stray U+03C0", c->hops[i].id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hop_ids_in_order),
		cmocka_unit_test(test_counts_and_roles_match_guide),
		cmocka_unit_test(test_full_ids),
		cmocka_unit_test(test_ordering),
		cmocka_unit_test(test_step_origins),
		cmocka_unit_test(test_when_since_first),
		cmocka_unit_test(test_release_notes_hop),
		cmocka_unit_test(test_seed_fixes),
		cmocka_unit_test(test_0_17_branches),
		cmocka_unit_test(test_0_21_languages),
		cmocka_unit_test(test_0_14_authentication),
		cmocka_unit_test(test_0_13_checkpoint),
		cmocka_unit_test(test_0_24_endpoints),
		cmocka_unit_test(test_no_pi_anywhere),
	};

	return cmocka_run_group_tests(tests, builtin_group_setup, builtin_group_teardown);
}
