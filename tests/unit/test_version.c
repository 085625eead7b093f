/*
 * test_version.c - parsing, comparing and printing versions as the operator
 * types them (include/version.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "version.h"

static struct version parsed(const char *s)
{
	struct version v;

	memset(&v, 0x5a, sizeof(v));
	if (!version_parse(s, &v))
		fail_msg("version_parse(\"%s\") refused a valid version", s);
	return v;
}

static void expect_version(const char *s, int major, int minor, int patch,
			   enum version_kind kind)
{
	struct version v = parsed(s);

	assert_int_equal(v.major, major);
	assert_int_equal(v.minor, minor);
	assert_int_equal(v.kind, kind);
	if (kind == VERSION_RELEASE)
		assert_int_equal(v.patch, patch);
}

static void test_parse_valid(void **state)
{
	(void)state;
	expect_version("0.22", 0, 22, 0, VERSION_SERIES);
	expect_version("0.22.1", 0, 22, 1, VERSION_RELEASE);
	expect_version("0.22.0", 0, 22, 0, VERSION_RELEASE);
	expect_version("0.22.x", 0, 22, 0, VERSION_ANY);
	expect_version("0.22.X", 0, 22, 0, VERSION_ANY);
	expect_version("0.0", 0, 0, 0, VERSION_SERIES);
	expect_version("0.0.0", 0, 0, 0, VERSION_RELEASE);
	expect_version("1.0", 1, 0, 0, VERSION_SERIES);
	expect_version("0.28.2", 0, 28, 2, VERSION_RELEASE);
	expect_version("9999.9999.9999", 9999, 9999, 9999, VERSION_RELEASE);
	expect_version("9999.9999", 9999, 9999, 0, VERSION_SERIES);
	expect_version("0.10", 0, 10, 0, VERSION_SERIES);
}

/* A refused string leaves the output untouched. */
static void expect_refused(const char *s)
{
	struct version v, before;

	memset(&v, 0x5a, sizeof(v));
	before = v;
	if (version_parse(s, &v))
		fail_msg("version_parse(\"%s\") accepted garbage", s ? s : "(null)");
	assert_memory_equal(&v, &before, sizeof(v));
	if (version_parse_series(s, &v))
		fail_msg("version_parse_series(\"%s\") accepted garbage", s ? s : "(null)");
	assert_memory_equal(&v, &before, sizeof(v));
}

static void test_parse_garbage(void **state)
{
	static const char *const bad[] = {
		"", "0", "22", "0.", ".22", ".", "..", "0.22.", "0.22.1.2", "0.22.x.1",
		"v0.22", "V0.22", " 0.22", "0.22 ", "0 .22", "0. 22", "\t0.22",
		"00.22", "0.022", "0.22.01", "0.22.00", "01.0",
		"0.22.-1", "-0.22", "0.-22", "+0.22", "0.+22",
		"0.22.y", "0.22.xx", "0.22.x ", "0.22.*", "x.22", "0.x",
		"10000.1", "0.10000", "0.22.10000", "99999.0",
		"0.22x", "0.22a", "0.22-rc1", "0.22.1-rc1", "0.22.1a",
		"0,22", "0:22", "0..22", "0.22..1",
		"\xd9\xa1.\xd9\xa2", /* Arabic-Indic one . two */
		"0.\xd9\xa2", "\xef\xbc\x90.22", /* fullwidth zero */
		"0.22\n", "0.22\r", "\n0.22", "0.22\x01",
		"abc", "latest",
	};

	(void)state;
	expect_refused(NULL);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_refused(bad[i]);
}

static void test_parse_series_only(void **state)
{
	struct version v;

	(void)state;
	memset(&v, 0x5a, sizeof(v));
	assert_true(version_parse_series("0.27", &v));
	assert_int_equal(v.major, 0);
	assert_int_equal(v.minor, 27);
	assert_int_equal(v.kind, VERSION_SERIES);
	assert_true(version_parse_series("0.0", &v));
	assert_true(version_parse_series("9999.9999", &v));
	/* the content uses series only: a release or x is not one */
	assert_false(version_parse_series("0.27.0", &v));
	assert_false(version_parse_series("0.27.x", &v));
	assert_false(version_parse_series("0.27.X", &v));
	assert_int_equal(v.major, 9999); /* untouched by the refusals */
	assert_int_equal(v.minor, 9999);
}

static int cmp(const char *a, const char *b)
{
	struct version va = parsed(a), vb = parsed(b);
	int r = version_cmp(&va, &vb), back = version_cmp(&vb, &va);

	/* antisymmetric: the sign flips with the order of the arguments */
	if ((r < 0) != (back > 0) || (r == 0) != (back == 0))
		fail_msg("version_cmp(%s, %s) = %d but reversed = %d", a, b, r, back);
	return r;
}

static int series_cmp(const char *a, const char *b)
{
	struct version va = parsed(a), vb = parsed(b);

	return version_series_cmp(&va, &vb);
}

static void test_cmp_ordering(void **state)
{
	(void)state;
	/* numeric, not lexical */
	assert_true(cmp("0.9", "0.10") < 0);
	assert_true(cmp("0.22.9", "0.22.10") < 0);
	assert_true(cmp("0.2", "0.10") < 0);
	assert_true(cmp("0.99", "1.0") < 0);
	assert_true(cmp("0.28.2", "1.0.0") < 0);
	assert_true(cmp("9999.9998", "9999.9999") < 0);
	/* a series, or x, sorts before every release of it */
	assert_true(cmp("0.22", "0.22.0") < 0);
	assert_true(cmp("0.22.x", "0.22.0") < 0);
	assert_true(cmp("0.22.X", "0.22.0") < 0);
	assert_true(cmp("0.22", "0.22.9999") < 0);
	/* ... but after every release of an earlier series */
	assert_true(cmp("0.21.9999", "0.22") < 0);
	assert_true(cmp("0.21.9999", "0.22.x") < 0);
	/* equal */
	assert_int_equal(cmp("0.22", "0.22"), 0);
	assert_int_equal(cmp("0.22.1", "0.22.1"), 0);
	assert_int_equal(cmp("0.22.x", "0.22.X"), 0);
	assert_int_equal(cmp("0.22", "0.22.x"), 0);
	/* releases by patch */
	assert_true(cmp("0.22.0", "0.22.1") < 0);
	assert_true(cmp("0.22.1", "0.22.0") > 0);
	/* series before minor before patch */
	assert_true(cmp("1.0", "0.28.9") > 0);
	assert_true(cmp("0.23.0", "0.22.9") > 0);
}

static void test_series_cmp(void **state)
{
	(void)state;
	/* only MAJOR.MINOR count */
	assert_int_equal(series_cmp("0.22.0", "0.22.1"), 0);
	assert_int_equal(series_cmp("0.22", "0.22.9"), 0);
	assert_int_equal(series_cmp("0.22.x", "0.22.0"), 0);
	assert_true(series_cmp("0.21.9", "0.22.0") < 0);
	assert_true(series_cmp("0.22.0", "0.21.9") > 0);
	assert_true(series_cmp("0.9", "0.10") < 0);
	assert_true(series_cmp("0.28", "1.0") < 0);
	assert_true(series_cmp("1.0", "0.28") > 0);
}

/* version_str writes what was typed; parsing it again gives the same version. */
static void test_str_round_trip(void **state)
{
	static const struct {
		const char *in, *out, *series;
	} cases[] = {
		{ "0.22", "0.22", "0.22" },
		{ "0.22.1", "0.22.1", "0.22" },
		{ "0.22.0", "0.22.0", "0.22" },
		{ "0.22.x", "0.22.x", "0.22" },
		{ "0.22.X", "0.22.x", "0.22" },
		{ "0.0", "0.0", "0.0" },
		{ "0.10.10", "0.10.10", "0.10" },
		{ "9999.9999.9999", "9999.9999.9999", "9999.9999" },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct version v = parsed(cases[i].in), again;

		version_str(&v, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].out);
		again = parsed(buf);
		assert_int_equal(version_cmp(&v, &again), 0);
		assert_int_equal(again.kind, v.kind);
		version_series_str(&v, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].series);
	}
}

/* A small buffer is truncated, still NUL-terminated, never overrun. */
static void test_str_small_buffer(void **state)
{
	struct version v = parsed("9999.9999.9999");
	char buf[8];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	version_str(&v, buf, 5);
	assert_string_equal(buf, "9999");
	assert_int_equal(buf[5], 'Z');
	memset(buf, 'Z', sizeof(buf));
	version_series_str(&v, buf, 3);
	assert_string_equal(buf, "99");
	assert_int_equal(buf[3], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_garbage),
		cmocka_unit_test(test_parse_series_only),
		cmocka_unit_test(test_cmp_ordering),
		cmocka_unit_test(test_series_cmp),
		cmocka_unit_test(test_str_round_trip),
		cmocka_unit_test(test_str_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
