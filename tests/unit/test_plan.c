/*
 * test_plan.c - plan_build on the built-in content: the hops between two
 * versions, and every refusal with its message (include/plan.h).
 */
#include <errno.h>
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
#include "render.h"

/* "FIRST to LAST", the range of the built-in content (tests/content_counts). */
static char range[64];

/* The index of the content's hop from series 0.@minor (the 0.x hops start at 0.11). */
#define HOP_0X(minor) ((size_t)(minor) - 11)

/* The notes of hop @h with a 'since': those a plan from its series takes. */
static size_t since_notes(const struct content_hop *h)
{
	size_t n = 0;

	for (size_t i = 0; i < h->nnotes; i++)
		if (h->notes[i].since)
			n++;
	return n;
}

/*
 * Checks a plan, from and to series, of the content's hops @first up to (not
 * including) @end, led by the hop before @first when that one has notes of a
 * patch release (1.1 -> 1.2's 1.2.1: a plan from "1.2" may start at 1.2.0).
 */
static void check_plan(const struct content *c, const struct plan *p, size_t first, size_t end)
{
	size_t lead = first > 0 && since_notes(&c->hops[first - 1]) ? 1 : 0;
	size_t notes = 0, steps = 0;

	assert_ptr_equal(p->content, c);
	assert_int_equal(p->partial_first, lead == 1);
	assert_int_equal(p->nhops, end - first + lead);
	/* the plan points into the content, starting at the hop @first (or its lead) */
	assert_ptr_equal(p->hops, &c->hops[first - lead]);
	assert_string_equal(p->hops[lead].from, c->hops[first].from);
	assert_string_equal(p->hops[p->nhops - 1].to, c->hops[end - 1].to);
	if (lead)
		notes += since_notes(&p->hops[0]);
	for (size_t i = lead; i < p->nhops; i++) {
		if (i + 1 < p->nhops)
			assert_string_equal(p->hops[i].to, p->hops[i + 1].from);
		notes += p->hops[i].nnotes;
		steps += p->hops[i].nsteps;
	}
	assert_int_equal(p->nnotes, notes);
	assert_int_equal(p->nsteps, steps);
	assert_true(p->nsteps >= p->nhops - lead); /* every whole hop has at least one step */
}

/* Every pair of series of the content, across 0.x and 1.x. */
static void test_every_pair(void **state)
{
	const struct content *c = *state;

	for (size_t a = 0; a < c->nhops; a++) {
		for (size_t b = a + 1; b <= c->nhops; b++) {
			struct strbuf why = STRBUF_INIT;
			const char *from = c->hops[a].from, *to = c->hops[b - 1].to;
			struct plan p;
			enum status st;

			st = plan_build(c, from, to, &p, &why);
			if (st != ST_OK)
				fail_msg("plan %s -> %s: %s", from, to, strbuf_str(&why));
			assert_int_equal(why.len, 0);
			check_plan(c, &p, a, b);
			assert_int_equal(p.from.kind, VERSION_SERIES);
			assert_int_equal(p.from.major, c->hops[a].vfrom.major);
			assert_int_equal(p.from.minor, c->hops[a].vfrom.minor);
			assert_int_equal(p.to.major, c->hops[b - 1].vto.major);
			assert_int_equal(p.to.minor, c->hops[b - 1].vto.minor);
			strbuf_release(&why);
		}
	}
}

/* The whole guide, and the totals a user sees for it. */
static void test_whole_guide(void **state)
{
	const struct content *c = *state;
	struct strbuf why = STRBUF_INIT;
	size_t notes = 0, steps = 0;
	struct plan p;

	char first[16], last[16];

	content_count_str("FIRST", first, sizeof(first));
	content_count_str("LAST", last, sizeof(last));
	assert_int_equal(plan_build(c, first, last, &p, &why), ST_OK);
	assert_int_equal(p.nhops, content_count("HOPS"));
	assert_int_equal(p.nhops, c->nhops);
	for (size_t i = 0; i < c->nhops; i++) {
		notes += c->hops[i].nnotes;
		steps += c->hops[i].nsteps;
	}
	assert_int_equal(p.nnotes, notes);
	assert_int_equal(p.nsteps, steps);
	strbuf_release(&why);
}

static void test_release_and_x_forms(void **state)
{
	static const struct {
		const char *from, *to;
		int a, b;
		enum version_kind kfrom, kto;
	} cases[] = {
		{ "0.11.0", "0.28.2", 11, 28, VERSION_RELEASE, VERSION_RELEASE },
		{ "0.11.x", "0.28.x", 11, 28, VERSION_ANY, VERSION_ANY },
		{ "0.11.X", "0.28", 11, 28, VERSION_ANY, VERSION_SERIES },
		{ "0.22.1", "0.28.0", 22, 28, VERSION_RELEASE, VERSION_RELEASE },
		{ "0.22.9999", "0.23.0", 22, 23, VERSION_RELEASE, VERSION_RELEASE },
		{ "0.27", "0.28.x", 27, 28, VERSION_SERIES, VERSION_ANY },
		{ "0.17.0", "0.18.1", 17, 18, VERSION_RELEASE, VERSION_RELEASE },
	};
	const struct content *c = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf why = STRBUF_INIT;
		struct plan p;
		enum status st = plan_build(c, cases[i].from, cases[i].to, &p, &why);

		if (st != ST_OK)
			fail_msg("plan %s -> %s: %s", cases[i].from, cases[i].to, strbuf_str(&why));
		assert_int_equal(why.len, 0);
		check_plan(c, &p, HOP_0X(cases[i].a), HOP_0X(cases[i].b));
		/* the versions are kept as the operator gave them */
		assert_int_equal(p.from.kind, cases[i].kfrom);
		assert_int_equal(p.to.kind, cases[i].kto);
		strbuf_release(&why);
	}
}

/*
 * Builds a plan that must be refused: ST_USAGE, no hops, one line appended to
 * why (after what it held) naming the supported range and every word in @words.
 */
static void expect_refusal(const struct content *c, const char *from, const char *to,
			   const char *const *words)
{
	static const char prefix[] = "earlier: ";
	struct strbuf why = STRBUF_INIT;
	struct plan p;
	enum status st;
	const char *msg;

	strbuf_adds(&why, prefix);
	memset(&p, 0x5a, sizeof(p));
	st = plan_build(c, from, to, &p, &why);
	msg = strbuf_str(&why);
	if (st != ST_USAGE)
		fail_msg("plan %s -> %s: status %d, expected ST_USAGE (%s)",
			 from ? from : "(null)", to ? to : "(null)", (int)st, msg);
	assert_int_equal(p.nhops, 0);
	assert_int_equal(p.nnotes, 0);
	assert_int_equal(p.nsteps, 0);
	assert_int_equal(strncmp(msg, prefix, sizeof(prefix) - 1), 0);
	msg += sizeof(prefix) - 1;
	if (!*msg)
		fail_msg("plan %s -> %s: refused without a message", from ? from : "(null)",
			 to ? to : "(null)");
	if (strchr(msg, '\n'))
		fail_msg("message is not one line: \"%s\"", msg);
	if (!strstr(msg, range))
		fail_msg("message does not name the range %s: \"%s\"", range, msg);
	for (; *words; words++)
		if (!strstr(msg, *words))
			fail_msg("plan %s -> %s: message lacks \"%s\": \"%s\"",
				 from ? from : "(null)", to ? to : "(null)", *words, msg);
	strbuf_release(&why);
}

#define REFUSE(c, from, to, ...) \
	expect_refusal((c), (from), (to), (const char *const[]){ __VA_ARGS__, NULL })

static void test_refuse_downgrade(void **state)
{
	const struct content *c = *state;

	REFUSE(c, "0.28", "0.26", "downgrade", "0.28", "0.26");
	REFUSE(c, "0.22", "0.21", "downgrade", "0.22 to 0.21");
	REFUSE(c, "0.22.1", "0.21.9", "downgrade", "0.22.1", "0.21.9");
	REFUSE(c, "0.27.x", "0.12", "downgrade", "0.27.x");
	REFUSE(c, "0.12", "0.11", "downgrade");
	REFUSE(c, "0.28.0", "0.11.0", "downgrade");
	REFUSE(c, "0.28", "0.27.x", "downgrade");
	REFUSE(c, "1.0", "0.28", "downgrade", "1.0 to 0.28");
	REFUSE(c, "1.10", "1.9", "downgrade", "1.10 to 1.9");
	/* a version the guide does not know is outside it, not a downgrade */
	REFUSE(c, "9.1", "0.28", "--from 9.1 is outside the guide");
	REFUSE(c, "0.30", "0.28", "--from 0.30 is outside the guide");
}

static void test_refuse_same_series(void **state)
{
	const struct content *c = *state;

	REFUSE(c, "0.22.0", "0.22.1", "same minor series", "0.22.0", "0.22.1");
	REFUSE(c, "0.22", "0.22", "same minor series");
	REFUSE(c, "0.22.1", "0.22.0", "same minor series");
	REFUSE(c, "0.22.x", "0.22", "same minor series");
	REFUSE(c, "0.11", "0.11.2", "same minor series");
	REFUSE(c, "0.28", "0.28.1", "same minor series");
}

static void test_refuse_outside(void **state)
{
	const struct content *c = *state;

	REFUSE(c, "0.10", "0.22", "--from 0.10", "outside the guide");
	REFUSE(c, "0.10.5", "0.11", "--from 0.10.5", "outside the guide");
	REFUSE(c, "0.29", "1.0", "--from 0.29", "outside the guide");
	REFUSE(c, "9.1", "9.2", "--from 9.1", "outside the guide");
	REFUSE(c, "0.0", "0.28", "--from 0.0", "outside the guide");
	REFUSE(c, "0.22", "0.29", "--to 0.29", "outside the guide");
	REFUSE(c, "0.11", "9.1", "--to 9.1", "outside the guide");
	REFUSE(c, "0.11.0", "2.0.x", "--to 2.0.x", "outside the guide");
	REFUSE(c, "0.27", "0.29.0", "--to 0.29.0", "outside the guide");
}

static void test_refuse_from_newest(void **state)
{
	const struct content *c = *state;

	char last[16], words[48], release[24], any[24];

	content_count_str("LAST", last, sizeof(last));
	snprintf(words, sizeof(words), "--from %s", last);
	REFUSE(c, last, "9.1", words, "nothing to upgrade to");
	snprintf(release, sizeof(release), "%s.1", last);
	snprintf(words, sizeof(words), "--from %s", release);
	REFUSE(c, release, "9.0", words, "nothing to upgrade to");
	snprintf(any, sizeof(any), "%s.x", last);
	REFUSE(c, any, "9.2", "nothing to upgrade to");
}

static void test_refuse_garbage(void **state)
{
	const struct content *c = *state;

	REFUSE(c, "abc", "0.28", "--from", "'abc'", "not a version");
	REFUSE(c, "0.11", "abc", "--to", "'abc'", "not a version");
	REFUSE(c, "v0.22", "0.28", "--from", "not a version");
	REFUSE(c, "0.22", "0.28 ", "--to", "not a version");
	REFUSE(c, "0.22", "0.28.1.2", "--to", "not a version");
	REFUSE(c, "", "0.28", "--from", "needs a version");
	REFUSE(c, "0.11", "", "--to", "needs a version");
	REFUSE(c, NULL, "0.28", "--from", "needs a version");
	REFUSE(c, "0.11", NULL, "--to", "needs a version");
	REFUSE(c, NULL, NULL, "--from", "needs a version");
}

static void test_supported_range(void **state)
{
	const struct content *c = *state;
	char buf[64];

	plan_supported_range(c, buf, sizeof(buf));
	assert_string_equal(buf, range);
}

/* The built-in content, and the range it must say it covers. */
/* A sink that keeps what it is handed, and fails at its @fail_at'th call (0: never). */
struct sink {
	struct strbuf got;
	int calls, fail_at;
};

static int sink_keep(void *ctx, const char *data, size_t len)
{
	struct sink *k = ctx;

	if (++k->calls == k->fail_at) {
		errno = ENOSPC;
		return -1;
	}
	strbuf_add(&k->got, data, len);
	return 0;
}

/*
 * The JSON of the whole guide streamed (strbuf_sink()) comes in pieces whose
 * concatenation is render_plan()'s held whole; a sink that fails is handed
 * nothing more, and says why.
 */
static void test_render_streamed(void **state)
{
	struct strbuf whole = STRBUF_INIT, out = STRBUF_INIT, why = STRBUF_INIT;
	struct sink k = { STRBUF_INIT, 0, 0 };
	char from[16], to[16];
	const struct content *c = *state;
	struct plan p;

	snprintf(from, sizeof(from), "%s", c->hops[0].from);
	snprintf(to, sizeof(to), "%s", c->hops[c->nhops - 1].to);
	assert_int_equal(plan_build(c, from, to, &p, &why), ST_OK);
	render_plan(&whole, &p, FMT_JSON);
	strbuf_sink(&out, sink_keep, &k, 4096);
	render_plan(&out, &p, FMT_JSON);
	assert_int_equal(strbuf_flush(&out), 0);
	assert_true(k.calls >= 2);
	assert_int_equal(k.got.len, whole.len);
	assert_memory_equal(k.got.buf, whole.buf, whole.len);
	strbuf_release(&k.got);
	strbuf_release(&out);

	k = (struct sink){ STRBUF_INIT, 0, 2 };
	strbuf_sink(&out, sink_keep, &k, 4096);
	render_plan(&out, &p, FMT_JSON);
	assert_int_equal(strbuf_flush(&out), -1);
	assert_int_equal(k.calls, 2);
	assert_int_equal(strbuf_sink_errno(&out), ENOSPC);
	assert_true(k.got.len < whole.len / 2);
	strbuf_release(&whole);
	strbuf_release(&out);
	strbuf_release(&why);
	strbuf_release(&k.got);
}

static int setup(void **state)
{
	char first[16], last[16];

	content_count_str("FIRST", first, sizeof(first));
	content_count_str("LAST", last, sizeof(last));
	snprintf(range, sizeof(range), "%s to %s", first, last);
	return builtin_group_setup(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_whole_guide),
		cmocka_unit_test(test_release_and_x_forms),
		cmocka_unit_test(test_refuse_downgrade),
		cmocka_unit_test(test_refuse_same_series),
		cmocka_unit_test(test_refuse_outside),
		cmocka_unit_test(test_refuse_from_newest),
		cmocka_unit_test(test_refuse_garbage),
		cmocka_unit_test(test_supported_range),
		cmocka_unit_test(test_render_streamed),
	};

	return cmocka_run_group_tests(tests, setup, builtin_group_teardown);
}
