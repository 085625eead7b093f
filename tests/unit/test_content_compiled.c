/*
 * test_content_compiled.c - the content compiled at build time
 * (content/compile.c, handed out by content_load_builtin()) is the content
 * its embedded YAML parses to (content_parse_builtin(), what lint checks),
 * field by field, so the generator cannot drift from the loader.
 *
 * Each struct is compared field by field (strings by their text, arrays
 * element by element, the entries by the index they point at); then a copy
 * of the compiled struct, its pointers replaced by the parsed ones once they
 * compared equal, must be the parsed struct byte for byte: a field added to
 * content.h that the generator leaves out, or that this test does not
 * compare, fails here. The plan JSON the build writes for each hop, note
 * and step (plan_json) is what the plan's JSON functions write, alone and
 * in the plan of every range.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "content_builtin.h"
#include "plan.h"
#include "render.h"
#include "render_json.h"
#include "strbuf.h"

struct pair {
	struct content *parsed, *compiled;
};

static int setup(void **state)
{
	static struct pair p;
	struct diag_list dl;

	diag_list_init(&dl);
	if (content_parse_builtin(&p.parsed, &dl) != ST_OK)
		diag_print(&dl, stderr, "parsed: ");
	if (content_load_builtin(&p.compiled, &dl) != ST_OK)
		diag_print(&dl, stderr, "compiled: ");
	diag_list_release(&dl);
	*state = &p;
	return p.parsed && p.compiled ? 0 : -1;
}

static int teardown(void **state)
{
	struct pair *p = *state;

	content_free(&p->parsed);
	content_free(&p->compiled);
	return 0;
}

/* Two strings, either NULL; then the compiled copy's pointer made the parsed one. */
#define SAME_STR(copy, parsed, field)                                                     \
	do {                                                                              \
		if ((copy).field && (parsed)->field)                                      \
			assert_string_equal((copy).field, (parsed)->field);               \
		else                                                                      \
			assert_ptr_equal((copy).field, (parsed)->field);                  \
		(copy).field = (parsed)->field;                                           \
	} while (0)

/* The copy, its pointers made the parsed struct's, is the parsed struct. */
#define SAME_BYTES(copy, parsed, what)                                                    \
	do {                                                                              \
		if (memcmp(&(copy), (parsed), sizeof(copy)) != 0)                         \
			fail_msg("%s differs in a field this test does not compare: compile " \
				 "it in content/compile.c and compare it here", what);    \
	} while (0)

static void same_strings(struct content_strings *copy, const struct content_strings *parsed)
{
	assert_int_equal(copy->count, parsed->count);
	for (size_t i = 0; i < parsed->count; i++) {
		assert_string_equal(copy->items[i], parsed->items[i]);
		assert_int_equal(copy->tool != NULL, parsed->tool != NULL);
		if (parsed->tool)
			assert_int_equal(copy->tool[i], parsed->tool[i]);
	}
	if (!parsed->count)
		assert_ptr_equal(copy->tool, parsed->tool);
	copy->items = parsed->items;
	copy->tool = parsed->tool;
}

/*
 * The plan JSON the build wrote for a hop, note or step (@at, @len in the
 * compiled content's plan_json) is the members of @json, its object as the
 * plan's JSON functions write it from the parsed one, which has none (@none,
 * its json_len).
 */
static void same_plan_json(unsigned *at, unsigned *len, struct strbuf *json, unsigned none)
{
	assert_int_equal(*len + 2, json->len);
	assert_memory_equal(content_builtin_compiled.plan_json + *at, json->buf + 1, *len);
	assert_int_equal(none, 0);
	*at = 0;
	*len = 0;
	strbuf_release(json);
}

static void same_note(const struct content_note *compiled, const struct content_note *parsed)
{
	struct strbuf json = STRBUF_INIT;
	struct content_note n;

	memcpy(&n, compiled, sizeof(n));
	SAME_STR(n, parsed, id);
	SAME_STR(n, parsed, full_id);
	SAME_STR(n, parsed, title);
	SAME_STR(n, parsed, text);
	same_strings(&n.points, &parsed->points);
	SAME_STR(n, parsed, code);
	SAME_STR(n, parsed, warning);
	SAME_STR(n, parsed, since);
	/* the very pointers of content_category_names[]: the wizard's filter compares them */
	assert_ptr_equal(n.category, parsed->category);
	assert_ptr_equal(n.change, parsed->change);
	SAME_STR(n, parsed, pos.file);
	assert_string_equal(n.digest, parsed->digest);
	render_json_plan_item(&json, parsed, NULL, 0);
	same_plan_json(&n.json_at, &n.json_len, &json, parsed->json_len);
	SAME_BYTES(n, parsed, parsed->full_id);
}

static void same_step(const struct content_step *compiled, const struct content_step *parsed,
		      size_t number)
{
	struct strbuf json = STRBUF_INIT;
	struct content_step s;

	memcpy(&s, compiled, sizeof(s));
	SAME_STR(s, parsed, id);
	SAME_STR(s, parsed, full_id);
	SAME_STR(s, parsed, text);
	SAME_STR(s, parsed, detail);
	same_strings(&s.points, &parsed->points);
	same_strings(&s.flags, &parsed->flags);
	SAME_STR(s, parsed, warning);
	assert_int_equal(s.nlanguages, parsed->nlanguages);
	for (size_t i = 0; i < parsed->nlanguages; i++) {
		struct content_lang l = s.languages[i];
		SAME_STR(l, &parsed->languages[i], language);
		SAME_STR(l, &parsed->languages[i], text);
		SAME_BYTES(l, &parsed->languages[i], parsed->full_id);
	}
	s.languages = parsed->languages;
	assert_int_equal(s.nbranches, parsed->nbranches);
	for (size_t i = 0; i < parsed->nbranches; i++) {
		struct content_branch b;
		memcpy(&b, &s.branches[i], sizeof(b));
		SAME_STR(b, &parsed->branches[i], id);
		SAME_STR(b, &parsed->branches[i], title);
		same_strings(&b.points, &parsed->branches[i].points);
		SAME_BYTES(b, &parsed->branches[i], parsed->full_id);
	}
	s.branches = parsed->branches;
	SAME_STR(s, parsed, pos.file);
	assert_string_equal(s.digest, parsed->digest);
	render_json_plan_item(&json, NULL, parsed, number);
	same_plan_json(&s.json_at, &s.json_len, &json, parsed->json_len);
	SAME_BYTES(s, parsed, parsed->full_id);
}

/* The entries point at the same notes and steps, by their place in the hop. */
static void same_entries(struct content_hop *copy, const struct content_hop *parsed)
{
	assert_int_equal(copy->nentries, parsed->nentries);
	for (size_t i = 0; i < parsed->nentries; i++) {
		const struct content_entry *c = &copy->entries[i], *p = &parsed->entries[i];
		assert_int_equal(c->note != NULL, p->note != NULL);
		assert_int_equal(c->step != NULL, p->step != NULL);
		if (p->note)
			assert_int_equal(c->note - copy->notes, p->note - parsed->notes);
		else
			assert_int_equal(c->step - copy->steps, p->step - parsed->steps);
	}
	copy->entries = parsed->entries;
}

static void same_hop(const struct content_hop *compiled, const struct content_hop *parsed)
{
	struct strbuf json = STRBUF_INIT;
	struct content_hop h;

	memcpy(&h, compiled, sizeof(h));
	SAME_STR(h, parsed, id);
	SAME_STR(h, parsed, from);
	SAME_STR(h, parsed, to);
	SAME_STR(h, parsed, title);
	SAME_STR(h, parsed, order_note);
	SAME_STR(h, parsed, reference);
	SAME_STR(h, parsed, pos.file);
	assert_int_equal(h.nnotes, parsed->nnotes);
	for (size_t i = 0; i < parsed->nnotes; i++)
		same_note(&h.notes[i], &parsed->notes[i]);
	assert_int_equal(h.nsteps, parsed->nsteps);
	for (size_t i = 0; i < parsed->nsteps; i++)
		same_step(&h.steps[i], &parsed->steps[i], i + 1);
	same_entries(&h, parsed);
	h.notes = parsed->notes;
	h.steps = parsed->steps;
	/* what a plan asks of a hop without its notes: each note's 'since', in order */
	assert_int_equal(h.nsince, parsed->nsince);
	for (size_t i = 0, k = 0; i < parsed->nnotes; i++)
		if (parsed->notes[i].since) {
			assert_true(k < h.nsince);
			assert_memory_equal(&h.since[k], &parsed->notes[i].vsince, sizeof(*h.since));
			assert_memory_equal(&parsed->since[k++], &parsed->notes[i].vsince,
					    sizeof(*h.since));
		}
	h.since = parsed->since;
	render_json_plan_hop(&json, parsed);
	same_plan_json(&h.json_at, &h.json_len, &json, parsed->json_len);
	SAME_BYTES(h, parsed, parsed->id);
}

static void test_compiled_is_parsed(void **state)
{
	const struct pair *p = *state;
	struct content c;

	memcpy(&c, p->compiled, sizeof(c));
	assert_null(c.arena.head); /* nothing allocated: nothing parsed */
	assert_non_null(p->parsed->arena.head);
	SAME_STR(c, p->parsed, product);
	SAME_STR(c, p->parsed, title);
	SAME_STR(c, p->parsed, source);
	SAME_STR(c, p->parsed, version);
	SAME_STR(c, p->parsed, origin);
	assert_string_equal(c.origin, "built-in");
	SAME_STR(c, p->parsed, dir);
	assert_int_equal(c.nhops, p->parsed->nhops);
	for (size_t i = 0; i < c.nhops; i++)
		same_hop(&c.hops[i], &p->parsed->hops[i]);
	c.hops = p->parsed->hops;
	c.arena = p->parsed->arena;
	assert_non_null(c.plan_json); /* its texts compared in same_plan_json() */
	assert_null(p->parsed->plan_json);
	c.plan_json = NULL;
	SAME_BYTES(c, p->parsed, "struct content");
}

/* The same plan, to the byte, from either, over the whole range and in every format. */
static void test_same_plan(void **state)
{
	const struct pair *p = *state;
	const struct content *c[2] = { p->parsed, p->compiled };
	const enum render_format formats[] = { FMT_TEXT, FMT_MD, FMT_HTML, FMT_JSON };
	char from[16], to[16];

	snprintf(from, sizeof(from), "%s", c[0]->hops[0].from);
	snprintf(to, sizeof(to), "%s", c[0]->hops[c[0]->nhops - 1].to);
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		struct strbuf out[2] = { STRBUF_INIT, STRBUF_INIT }, why = STRBUF_INIT;
		for (size_t k = 0; k < 2; k++) {
			struct plan plan;
			assert_int_equal(plan_build(c[k], from, to, &plan, &why), ST_OK);
			render_plan(&out[k], &plan, formats[f]);
		}
		assert_true(out[0].len > 10000);
		assert_int_equal(out[0].len, out[1].len);
		assert_memory_equal(out[0].buf, out[1].buf, out[0].len);
		strbuf_release(&out[0]);
		strbuf_release(&out[1]);
		strbuf_release(&why);
	}
}

/* A stream's output kept whole, and how many pieces were referred to (strbuf_add_ref()). */
struct kept {
	struct strbuf all;
	size_t refs;
};

static int keep_copied(void *ctx, const char *data, size_t len)
{
	strbuf_add(&((struct kept *)ctx)->all, data, len);
	return 0;
}

static int keep_referred(void *ctx, const char *data, size_t len)
{
	((struct kept *)ctx)->refs++;
	return keep_copied(ctx, data, len);
}

/*
 * The JSON of plan @from -> @to from @c, in @out, streamed as "plan" streams
 * it (a small bound, the compiled pieces referred to: counted in *@refs when
 * not NULL); false when there is no such plan.
 */
static bool plan_json_refs(const struct content *c, const char *from, const char *to,
			   struct strbuf *out, size_t *refs)
{
	struct strbuf why = STRBUF_INIT, stream = STRBUF_INIT;
	struct kept k = { STRBUF_INIT, 0 };
	struct plan p;
	bool ok = plan_build(c, from, to, &p, &why) == ST_OK;

	strbuf_reset(out);
	strbuf_sink_refs(&stream, keep_copied, keep_referred, &k, 64);
	if (ok)
		render_plan(&stream, &p, FMT_JSON);
	assert_int_equal(strbuf_flush(&stream), 0);
	strbuf_add(out, strbuf_str(&k.all), k.all.len);
	if (refs)
		*refs = k.refs;
	strbuf_release(&k.all);
	strbuf_release(&stream);
	strbuf_release(&why);
	return ok;
}

static bool plan_json(const struct content *c, const char *from, const char *to,
		      struct strbuf *out)
{
	return plan_json_refs(c, from, to, out, NULL);
}

/* Plan @from -> @to: planned from both or from neither, and the same JSON. */
static void same_plan_json_of(const struct pair *p, const char *from, const char *to)
{
	struct strbuf a = STRBUF_INIT, z = STRBUF_INIT;
	bool ok = plan_json(p->compiled, from, to, &a);

	assert_int_equal(plan_json(p->parsed, from, to, &z), ok);
	assert_false(strbuf_failed(&a) || strbuf_failed(&z));
	if (a.len != z.len || memcmp(a.buf, z.buf, a.len) != 0)
		fail_msg("plan %s -> %s: the JSON with the compiled items (%zu bytes) differs "
			 "from the JSON written a call at a time (%zu bytes)", from, to, a.len, z.len);
	strbuf_release(&a);
	strbuf_release(&z);
}

/*
 * The JSON of a plan whose notes and steps the build wrote (plan_json) is
 * the JSON written from the parsed content, for every pair of series and
 * for the patch releases of the notes' 'since', as a plan's start and end:
 * the plans that take part of a hop's notes, and those within one series.
 */
static void test_same_plan_json(void **state)
{
	const struct pair *p = *state;
	const struct content *c = p->parsed;
	const char *first = c->hops[0].from, *last = c->hops[c->nhops - 1].to;
	size_t since = 0;

	for (size_t a = 0; a < c->nhops; a++)
		for (size_t z = a; z < c->nhops; z++)
			same_plan_json_of(p, c->hops[a].from, c->hops[z].to);
	for (size_t h = 0; h < c->nhops; h++) {
		for (size_t i = 0; i < c->hops[h].nnotes; i++) {
			const struct content_note *n = &c->hops[h].notes[i];
			char before[32];
			if (!n->since)
				continue;
			since++;
			snprintf(before, sizeof(before), "%d.%d.%d", n->vsince.major, n->vsince.minor,
				 n->vsince.patch > 0 ? n->vsince.patch - 1 : 0);
			same_plan_json_of(p, first, n->since);
			same_plan_json_of(p, before, last);
			same_plan_json_of(p, n->since, last);
			same_plan_json_of(p, before, n->since);
		}
	}
	assert_true(since > 0);
}

/*
 * The hops a plan takes whole are one piece of the build's JSON, handed to
 * the output as it is (fd_gather.h splices it into a pipe): the whole range,
 * and a range from a patch release whose notes the first hop keeps.
 */
static void test_whole_hops_one_piece(void **state)
{
	const struct pair *p = *state;
	const struct content *c = p->compiled;
	struct strbuf out = STRBUF_INIT;
	size_t refs = 0, notes = 0;

	assert_true(plan_json_refs(c, c->hops[0].from, c->hops[c->nhops - 1].to, &out, &refs));
	assert_true(out.len > 100000);
	assert_int_equal(refs, 1);
	/* the first hop of part of its notes, each of its own; the rest one piece */
	for (size_t h = 0; h < c->nhops && !notes; h++)
		for (size_t i = 0; i < c->hops[h].nnotes && !notes; i++) {
			const struct content_note *n = &c->hops[h].notes[i];
			char before[32];
			if (!n->since || h + 2 >= c->nhops)
				continue;
			snprintf(before, sizeof(before), "%d.%d.%d", n->vsince.major, n->vsince.minor,
				 n->vsince.patch - 1);
			assert_true(plan_json_refs(c, before, c->hops[c->nhops - 1].to, &out, &refs));
			for (size_t k = 0; k < c->hops[h].nnotes; k++)
				notes += c->hops[h].notes[k].since != NULL;
			assert_true(refs >= 2 && refs <= notes + 1);
		}
	assert_true(notes > 0);
	strbuf_release(&out);
}

/* Every load shares the compiled data; freeing one leaves the others whole. */
static void test_loads_share_the_data(void **state)
{
	struct content *a = NULL, *b = NULL;
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(content_load_builtin(&a, &dl), ST_OK);
	assert_int_equal(content_load_builtin(&b, &dl), ST_OK);
	assert_int_equal(dl.count, 0);
	assert_ptr_not_equal(a, b);
	assert_ptr_equal(a->hops, b->hops);
	content_free(&a);
	assert_null(a);
	assert_string_equal(b->hops[0].id, content_builtin_compiled.hops[0].id);
	assert_non_null(content_find_hop(b, b->hops[b->nhops - 1].id));
	content_free(&b);
	diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compiled_is_parsed),
		cmocka_unit_test(test_same_plan),
		cmocka_unit_test(test_same_plan_json),
		cmocka_unit_test(test_whole_hops_one_piece),
		cmocka_unit_test(test_loads_share_the_data),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
