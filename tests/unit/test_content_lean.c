/*
 * test_content_lean.c - the built-in content loaded lean
 * (content_load_builtin_lean(): its hops without their notes, steps and
 * entries, which content_builtin_whole() builds once a process): a plan of
 * whole hops, built and written as JSON, reads none of them, and says what
 * the parsed content's plan says; once built they are the parsed ones. And
 * plan.c's questions of a hop, asked of its 'since' alone, answer as the
 * notes and entries would, for every plan between the content's releases.
 *
 * A binary of its own: the first load of the process must be the lean one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "plan.h"
#include "render.h"
#include "strbuf.h"

static struct content *lean, *parsed;

static int setup(void **state)
{
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	if (content_load_builtin_lean(&lean) != ST_OK || content_parse_builtin(&parsed, &dl) != ST_OK)
		diag_print(&dl, stderr, "");
	diag_list_release(&dl);
	return lean && parsed ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	content_free(&lean);
	content_free(&parsed);
	return 0;
}

/* Are the hops' notes, steps and entries built (every hop that has some)? */
static bool built(const struct content *c)
{
	bool any = false;

	for (size_t h = 0; h < c->nhops; h++) {
		const struct content_hop *hop = &c->hops[h];
		if (hop->nnotes)
			assert_int_equal(hop->notes != NULL, hop->entries != NULL);
		if (hop->nsteps)
			any = any || hop->steps != NULL;
	}
	return any;
}

/* Does @p take every one of its hops whole (its JSON the build's alone)? */
static bool all_whole(const struct plan *p)
{
	for (size_t h = 0; h < p->nhops; h++)
		if (!plan_hop_whole(p, h))
			return false;
	return true;
}

/*
 * Plan @from -> @to of @c (false: refused), in *@p, and as JSON into @out:
 * with @whole_only, only a plan of whole hops.
 */
static bool json(const struct content *c, const char *from, const char *to, struct plan *p,
		 struct strbuf *out, bool whole_only)
{
	struct strbuf why = STRBUF_INIT;
	bool ok = plan_build(c, from, to, p, &why) == ST_OK;

	strbuf_reset(out);
	if (ok && (!whole_only || all_whole(p)))
		render_plan(out, p, FMT_JSON);
	strbuf_release(&why);
	return ok;
}

/*
 * The plans of @from -> @to from the lean and the parsed content: the same
 * (with @whole_only, JSON written only of a plan of whole hops). How many
 * were written: 0 or 1.
 */
static size_t same_plan(const char *from, const char *to, bool whole_only)
{
	struct strbuf a = STRBUF_INIT, z = STRBUF_INIT;
	struct plan pa, pz;
	bool ok = json(lean, from, to, &pa, &a, whole_only);
	size_t written = a.len > 0;

	assert_int_equal(json(parsed, from, to, &pz, &z, whole_only), ok);
	if (ok) {
		assert_int_equal(pa.nhops, pz.nhops);
		assert_int_equal(pa.nnotes, pz.nnotes);
		assert_int_equal(pa.nsteps, pz.nsteps);
		assert_int_equal(pa.partial_first, pz.partial_first);
		for (size_t h = 0; h < pa.nhops; h++)
			assert_int_equal(plan_hop_whole(&pa, h), plan_hop_whole(&pz, h));
	}
	if (a.len != z.len || memcmp(strbuf_str(&a), strbuf_str(&z), a.len) != 0)
		fail_msg("plan %s -> %s: the lean content's JSON differs from the parsed's", from, to);
	strbuf_release(&a);
	strbuf_release(&z);
	return written;
}

/*
 * Every plan from a series to a series, from the lean content with nothing
 * built (a read of a note or step would be of NULL): the parsed content's
 * plan, and the JSON of those of whole hops (a plan from "1.2" leads with
 * the 1.2.1 notes of the hop before: not whole).
 */
static void test_whole_hops_unbuilt(void **state)
{
	size_t written = 0, plans = 0;

	(void)state;
	assert_false(built(lean));
	for (size_t a = 0; a < lean->nhops; a++)
		for (size_t z = a; z < lean->nhops; z++, plans++)
			written += same_plan(lean->hops[a].from, lean->hops[z].to, true);
	assert_false(built(lean));
	assert_true(written > plans / 2 && written < plans);
}

/* The versions a plan can start or end at: each series, each note's 'since' and its patch before. */
static size_t versions(char (*v)[16], size_t max)
{
	size_t n = 0;

	for (size_t h = 0; h < parsed->nhops && n + 4 <= max; h++) {
		const struct content_hop *hop = &parsed->hops[h];
		snprintf(v[n++], 16, "%s", hop->from);
		snprintf(v[n++], 16, "%s", hop->to);
		for (size_t i = 0; i < hop->nnotes && n + 2 <= max; i++) {
			const struct version *s = &hop->notes[i].vsince;
			if (!hop->notes[i].since)
				continue;
			snprintf(v[n++], 16, "%d.%d.%d", s->major, s->minor, s->patch);
			snprintf(v[n++], 16, "%d.%d.%d", s->major, s->minor, s->patch - 1);
		}
	}
	return n;
}

/*
 * Built, the lean content's notes, steps and entries are there; every plan
 * between any two of the versions is the parsed content's; and plan.c's
 * answers from a hop's 'since' are those of its notes and entries.
 */
static void test_every_plan_built(void **state)
{
	char v[256][16];
	size_t n = versions(v, 256), plans = 0;

	(void)state;
	assert_int_equal(content_builtin_whole(lean), ST_OK);
	assert_true(built(lean));
	for (size_t h = 0; h < lean->nhops; h++)
		assert_int_equal(lean->hops[h].nentries, lean->hops[h].nnotes + lean->hops[h].nsteps);
	for (size_t a = 0; a < n; a++)
		for (size_t z = 0; z < n; z++) {
			struct strbuf why = STRBUF_INIT;
			struct plan p;
			size_t notes = 0, steps = 0;
			same_plan(v[a], v[z], false);
			if (plan_build(lean, v[a], v[z], &p, &why) != ST_OK) {
				strbuf_release(&why);
				continue;
			}
			plans++;
			for (size_t h = 0; h < p.nhops; h++) {
				bool whole = !(p.partial_first && h == 0);
				for (size_t i = 0; i < p.hops[h].nnotes; i++)
					whole = whole && plan_note_applies(&p, h, &p.hops[h].notes[i]);
				assert_int_equal(plan_hop_whole(&p, h), whole);
				for (size_t i = 0; i < p.hops[h].nentries; i++) {
					const struct content_entry *e = &p.hops[h].entries[i];
					if (!plan_entry_applies(&p, h, e))
						continue;
					notes += e->note != NULL;
					steps += e->step != NULL;
				}
			}
			assert_int_equal(p.nnotes, notes);
			assert_int_equal(p.nsteps, steps);
			strbuf_release(&why);
		}
	assert_true(plans > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_hops_unbuilt),
		cmocka_unit_test(test_every_plan_built),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
