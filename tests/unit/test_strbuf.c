/*
 * test_strbuf.c - a strbuf that streams (include/strbuf.h): drained only
 * where a writer says so and only past its bound, the same bytes as the
 * whole buffer, memory flat however long the output, a sink's failure
 * sticky and said once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_writer.h"
#include "strbuf.h"

/* A sink that keeps what it is given, or fails with @fail_errno from its @fail_at-th call on. */
struct collect {
	struct strbuf all;
	size_t calls, fail_at;
	int fail_errno;
};

static int collect_sink(void *ctx, const char *data, size_t len)
{
	struct collect *c = ctx;

	if (c->fail_at && ++c->calls >= c->fail_at) {
		errno = c->fail_errno;
		return -1;
	}
	if (!c->fail_at)
		c->calls++;
	strbuf_add(&c->all, data, len);
	return 0;
}

/* A document of @n elements, the same whoever receives it. */
static void document(struct strbuf *out, size_t n)
{
	struct json_writer w;

	json_writer_init(&w, out);
	jw_object(&w);
	jw_key(&w, "items");
	jw_array_lines(&w, "\n ");
	for (size_t i = 0; i < n; i++) {
		jw_object(&w);
		jw_key_count(&w, "n", i);
		jw_key_string(&w, "text", i % 3 ? "plain" : "needs \"escaping\"\n\xc3\xa9");
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_end(&w);
}

static void test_stream_same_bytes_flat_memory(void **state)
{
	struct strbuf whole = STRBUF_INIT, out = STRBUF_INIT;
	struct collect c = { STRBUF_INIT, 0, 0, 0 };

	(void)state;
	document(&whole, 10000);
	strbuf_sink(&out, collect_sink, &c, 256);
	document(&out, 10000);
	/* drained along the way: what is held is less than the bound and one element */
	assert_true(c.calls > 100);
	assert_true(out.len < 256 + 128);
	assert_true(out.cap <= 1024);
	assert_int_equal(out.drained, c.all.len);
	assert_int_equal(strbuf_flush(&out), 0);
	assert_int_equal(out.len, 0);
	assert_false(strbuf_failed(&out));
	assert_int_equal(c.all.len, whole.len);
	assert_memory_equal(c.all.buf, whole.buf, whole.len);
	strbuf_release(&whole);
	strbuf_release(&out);
	strbuf_release(&c.all);
}

static void test_drain_only_past_the_bound(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct collect c = { STRBUF_INIT, 0, 0, 0 };

	(void)state;
	strbuf_drain(&out); /* no sink: nothing happens */
	strbuf_sink(&out, collect_sink, &c, 8);
	strbuf_adds(&out, "1234567");
	strbuf_drain(&out);
	assert_int_equal(c.calls, 0);
	assert_string_equal(strbuf_str(&out), "1234567");
	strbuf_addc(&out, '8');
	strbuf_drain(&out);
	assert_int_equal(c.calls, 1);
	assert_int_equal(out.len, 0);
	assert_string_equal(strbuf_str(&c.all), "12345678");
	assert_int_equal(strbuf_flush(&out), 0); /* nothing held: the sink is not called */
	assert_int_equal(c.calls, 1);
	strbuf_release(&out);
	strbuf_release(&c.all);
}

static void test_sink_failure_sticky_once(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct collect c = { STRBUF_INIT, 0, 2, ENOSPC };

	(void)state;
	strbuf_sink(&out, collect_sink, &c, 16);
	document(&out, 100);
	assert_true(strbuf_failed(&out));
	assert_int_equal(strbuf_sink_errno(&out), ENOSPC);
	/* the first call went through, the second failed, and there was no third */
	assert_int_equal(c.calls, 2);
	assert_int_equal(strbuf_flush(&out), -1);
	assert_int_equal(c.calls, 2);
	strbuf_release(&out);
	strbuf_release(&c.all);

	/* out of memory is not a sink's failure: no errno */
	strbuf_init(&out);
	out.failed = true;
	assert_int_equal(strbuf_sink_errno(&out), 0);
	strbuf_release(&out);
}

static void test_sink_fd(void **state)
{
	struct strbuf out = STRBUF_INIT;
	char back[64] = "";
	FILE *f = tmpfile();
	int fd, bad = -1;

	(void)state;
	assert_non_null(f);
	fd = fileno(f);
	strbuf_sink(&out, strbuf_sink_fd, &fd, 4);
	strbuf_adds(&out, "hello, ");
	strbuf_drain(&out);
	strbuf_adds(&out, "file");
	assert_int_equal(strbuf_flush(&out), 0);
	assert_int_equal(pread(fd, back, sizeof(back) - 1, 0), 11);
	assert_string_equal(back, "hello, file");
	strbuf_release(&out);
	fclose(f);

	strbuf_sink(&out, strbuf_sink_fd, &bad, 4);
	strbuf_adds(&out, "nowhere");
	assert_int_equal(strbuf_flush(&out), -1);
	assert_int_equal(strbuf_sink_errno(&out), EBADF);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream_same_bytes_flat_memory),
		cmocka_unit_test(test_drain_only_past_the_bound),
		cmocka_unit_test(test_sink_failure_sticky_once),
		cmocka_unit_test(test_sink_fd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
