/*
 * test_json_writer.c - the one JSON writer (include/json_writer.h) and the
 * sorted index (include/sorted_index.h): punctuation, nesting, escaping,
 * null, layout hints, runs of members copied, misuse caught as a failure;
 * lookups by key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "sorted_index.h"
#include "textutil.h"

static void test_commas_and_nesting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;

	(void)state;
	json_writer_init(&w, &sb);
	jw_object(&w);
	jw_key_string(&w, "a", "x");
	jw_key(&w, "b");
	jw_array(&w);
	jw_count(&w, 0);
	jw_int(&w, -12);
	jw_object(&w);
	jw_object_end(&w);
	jw_array(&w);
	jw_array_end(&w);
	jw_bool(&w, true);
	jw_null(&w);
	jw_array_end(&w);
	jw_key_string(&w, "c", NULL);
	jw_key_seconds(&w, "d", -1);
	jw_key_seconds(&w, "e", 3723);
	jw_key_count(&w, "f", 18446744073709551615u);
	jw_object_end(&w);
	jw_end(&w);
	assert_false(strbuf_failed(&sb));
	assert_string_equal(strbuf_str(&sb), "{\"a\":\"x\",\"b\":[0,-12,{},[],true,null],\"c\":null,"
					     "\"d\":null,\"e\":3723,\"f\":18446744073709551615}\n");
	strbuf_release(&sb);
}

/* A member written in one piece (key and value at one check of the room) is written as
 * the key and the value one after the other are: first or not, every kind of value,
 * after white space asked for, and in a buffer that has to grow on the way. */
static void test_members_in_one_piece(void **state)
{
	static const char want[] =
		"{\"a\":\"x\",\"b\":\"\",\"c\":null,\"d\":\"q\\\"\",\"e\":true,\"f\":false,\n\"g\":\"y\","
		"\"h\":[{\"i\":false,\"j\":null}],\"k\":\"l\",\"m\":null,\"n\":\"done\",\"o\":null,"
		"\n\"p\":\"tit\",\n\"q\":null}\n";
	const struct jw_member m[] = { { "k", "l" }, { "m", NULL } };
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;

	(void)state;
	for (int pass = 0; pass < 40; pass++) {
		json_writer_init(&w, &sb);
		strbuf_addn(&sb, ' ', (size_t)pass); /* the room runs out at every place in turn */
		jw_object(&w);
		jw_key_string(&w, "a", "x");
		jw_key_string(&w, "b", "");
		jw_key_string(&w, "c", NULL);
		jw_key_string(&w, "d", "q\"");
		jw_key_bool(&w, "e", true);
		jw_key_bool(&w, "f", false);
		jw_break(&w, "\n");
		jw_key_string(&w, "g", "y");
		jw_key(&w, "h");
		jw_array(&w);
		jw_object(&w);
		jw_key_bool(&w, "i", false);
		jw_key_string(&w, "j", NULL);
		jw_object_end(&w);
		jw_array_end(&w);
		jw_members(&w, m, 2);
		jw_key_name(&w, "n", "done");
		jw_key_name(&w, "o", NULL);
		jw_break(&w, "\n");
		jw_key_plain_n(&w, "p", 1, "title", 3);
		jw_break(&w, "\n");
		jw_key_plain_n(&w, "q", 1, NULL, 0);
		jw_object_end(&w);
		jw_end(&w);
		assert_false(strbuf_failed(&sb));
		assert_string_equal(strbuf_str(&sb) + pass, want);
		strbuf_release(&sb);
	}
}

/* The members of a run: "n" the number @ctx points at, "t" its text with a quote to escape. */
static void run_members(struct json_writer *w, const void *ctx)
{
	const int *n = ctx;

	jw_key_count(w, "n", (size_t)*n);
	jw_key_string(w, "t", *n ? "a \"b\"" : NULL);
	jw_key(w, "x");
	jw_array(w);
	jw_array_end(w);
}

/* A run of members kept and copied in one piece is written as writing them
 * again would: after a member, made anew when not the same, written whole
 * when first in its object or after white space asked for. */
static void test_runs_of_members(void **state)
{
	static const char want[] =
		"[{\"id\":1,\"n\":7,\"t\":\"a \\\"b\\\"\",\"x\":[]},"
		"{\"id\":2,\"n\":7,\"t\":\"a \\\"b\\\"\",\"x\":[]},"
		"{\"id\":3,\"n\":0,\"t\":null,\"x\":[]},"
		"{\"n\":0,\"t\":null,\"x\":[]},"
		"{\"id\":5,\n\"n\":0,\"t\":null,\"x\":[]},"
		"{\"id\":6,\"n\":0,\"t\":null,\"x\":[]}]\n";
	struct strbuf sb = STRBUF_INIT;
	struct jw_run run = { STRBUF_INIT, 0, false };
	struct json_writer w;
	int n = 7;

	(void)state;
	json_writer_init(&w, &sb);
	jw_array(&w);
	for (int id = 1; id <= 6; id++) {
		bool same = id != 3; /* then told it is not: made anew with n 0 */
		n = id >= 3 ? 0 : 7;
		jw_object(&w);
		if (id != 4) /* else first in its object: no comma to start with */
			jw_key_count(&w, "id", (size_t)id);
		if (id == 5)
			jw_break(&w, "\n");
		jw_run(&w, &run, same, run_members, &n);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_end(&w);
	assert_false(strbuf_failed(&sb));
	assert_string_equal(strbuf_str(&sb), want);
	jw_run_release(&run);
	strbuf_release(&sb);
}

static void test_escaping(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;

	(void)state;
	json_writer_init(&w, &sb);
	jw_array(&w);
	jw_string(&w, "q\"b\\n\nt\tc\x01 \xff");
	jw_array_end(&w);
	assert_string_equal(strbuf_str(&sb), "[\"q\\\"b\\\\n\\nt\\tc\\u0001 \xef\xbf\xbd\"]");
	strbuf_release(&sb);
}

/*
 * A string is copied as it is only when it has nothing to escape: every
 * byte value at every place of strings of 1 to 40 bytes (the writer looks
 * at 16 at a time, then at the last 16) is written as the escaping of
 * text_add_json() writes it.
 */
static void test_plain_or_escaped(void **state)
{
	struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT;
	char s[41];

	(void)state;
	for (size_t len = 1; len <= 40; len++) {
		for (size_t at = 0; at < len; at++) {
			for (int c = 1; c < 256; c++) {
				struct json_writer w;
				memset(s, 'a', len);
				s[len] = '\0';
				s[at] = (char)c;
				strbuf_reset(&sb);
				strbuf_reset(&want);
				json_writer_init(&w, &sb);
				jw_object(&w);
				jw_key_string(&w, "k", s);
				jw_object_end(&w);
				strbuf_adds(&want, "{\"k\":");
				text_add_json(&want, s);
				strbuf_addc(&want, '}');
				if (strcmp(strbuf_str(&sb), strbuf_str(&want)))
					fail_msg("byte %d at %zu of %zu: %s, not %s", c, at, len,
						 strbuf_str(&sb), strbuf_str(&want));
			}
		}
	}
	strbuf_release(&sb);
	strbuf_release(&want);
}

/* The layout that the stable outputs have: elements on lines of their own. */
static void test_layout_hints(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;

	(void)state;
	json_writer_init(&w, &sb);
	jw_object(&w);
	jw_key(&w, "hops");
	jw_array_lines(&w, "\n");
	for (int i = 0; i < 2; i++) {
		jw_object(&w);
		jw_key(&w, "items");
		jw_array_lines(&w, "\n ");
		jw_count(&w, 1);
		jw_count(&w, 2);
		jw_array_end(&w);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_break(&w, "\n");
	jw_key(&w, "timeline");
	jw_array_lines(&w, "\n");
	jw_array_end(&w);
	jw_object_end(&w);
	jw_end(&w);
	assert_string_equal(strbuf_str(&sb), "{\"hops\":[\n{\"items\":[\n 1,\n 2]},\n{\"items\":[\n 1,\n 2]}],"
					     "\n\"timeline\":[]}\n");
	strbuf_release(&sb);
}

static void test_misuse_fails(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;

	(void)state;
	json_writer_init(&w, &sb);
	jw_object_end(&w);
	assert_true(strbuf_failed(&sb));
	strbuf_release(&sb);

	json_writer_init(&w, &sb);
	jw_object(&w);
	jw_end(&w);    /* left open */
	assert_true(strbuf_failed(&sb));
	strbuf_release(&sb);

	json_writer_init(&w, &sb);
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		jw_array(&w);
	assert_true(strbuf_failed(&sb));
	strbuf_release(&sb);

	json_writer_init(&w, &sb);
	jw_object(&w);
	jw_key(&w, "k");
	jw_object_end(&w); /* a key without its value */
	assert_true(strbuf_failed(&sb));
	strbuf_release(&sb);
}

static void test_sorted_index(void **state)
{
	static const char *const ids[] = { "b/2", "a/1", "c/3", "a/1", "b/10" };
	struct sorted_index ix = SORTED_INDEX_INIT;

	(void)state;
	assert_true(sorted_index_init(&ix, 5));
	for (size_t i = 0; i < 5; i++)
		sorted_index_add(&ix, ids[i], i);
	sorted_index_add(&ix, "over", 9); /* past the room asked for: ignored */
	sorted_index_sort(&ix);
	assert_int_equal(ix.n, 5);
	assert_int_equal(sorted_index_find(&ix, "a/1"), 1); /* the first of equal keys */
	assert_int_equal(sorted_index_find(&ix, "b/10"), 4);
	assert_int_equal(sorted_index_find(&ix, "b/2"), 0);
	assert_int_equal(sorted_index_find(&ix, "c/3"), 2);
	assert_int_equal(sorted_index_find(&ix, "b"), -1);
	assert_int_equal(sorted_index_find(&ix, "d"), -1);
	assert_int_equal(sorted_index_find(&ix, "over"), -1);
	sorted_index_release(&ix);
	assert_null(ix.v);

	assert_true(sorted_index_init(&ix, 0));
	sorted_index_sort(&ix);
	assert_int_equal(sorted_index_find(&ix, "a"), -1);
	sorted_index_release(&ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commas_and_nesting),
		cmocka_unit_test(test_members_in_one_piece),
		cmocka_unit_test(test_runs_of_members),
		cmocka_unit_test(test_plain_or_escaped),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_layout_hints),
		cmocka_unit_test(test_misuse_fails),
		cmocka_unit_test(test_sorted_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
