/*
 * fuzz_terminal.c - libFuzzer harness: any bytes through text_add_terminal(),
 * the function every message goes through on its way to a terminal.
 *
 * Asserts: the output is valid UTF-8 with no C0 control (not even a newline),
 * DEL, C1 control, bidi control or line separator; it passes through the
 * function again unchanged; input that text_find_unprintable() finds nothing
 * in passes unchanged, and input it finds something in does not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "textutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, again = STRBUF_INIT, why = STRBUF_INIT;
	const char *s = (const char *)data;
	size_t at, n;

	text_add_terminal(&out, s, size);
	if (strbuf_failed(&out))
		goto done;
	fc_assert_safe(out.buf ? out.buf : "", out.len, "");
	if (memchr(strbuf_str(&out), '\0', out.len))
		abort();

	text_add_terminal(&again, strbuf_str(&out), out.len);
	if (again.len != out.len || memcmp(strbuf_str(&again), strbuf_str(&out), out.len))
		abort();

	n = text_find_unprintable(s, size, &at);
	if (!n) {
		if (at != size || out.len != size || memcmp(strbuf_str(&out), s, size))
			abort();
	} else {
		if (at >= size || n > size - at || (out.len == size && !memcmp(out.buf, s, size)))
			abort();
		/* what precedes it is printable and passes as it is */
		if (memcmp(strbuf_str(&out), s, at))
			abort();
		text_add_unprintable_why(&why, s + at, n);
		fc_assert_safe(strbuf_str(&why), why.len, "");
	}
done:
	strbuf_release(&out);
	strbuf_release(&again);
	strbuf_release(&why);
	return 0;
}
