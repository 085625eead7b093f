/*
 * json_writer.c - see json_writer.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json_writer.h"
#include "textutil.h"

void json_writer_init(struct json_writer *w, struct strbuf *out)
{
	*w = (struct json_writer){ .out = out };
}

/* The comma and white space that go before a key or a value (none after a key). */
static void before_slow(struct json_writer *w)
{
	if (w->depth) {
		if (w->level[w->depth - 1].any)
			strbuf_addc(w->out, ',');
		w->level[w->depth - 1].any = true;
		if (w->level[w->depth - 1].brk)
			strbuf_adds(w->out, w->level[w->depth - 1].brk);
	}
	if (w->brk) {
		strbuf_adds(w->out, w->brk);
		w->brk = NULL;
	}
}

static inline void before(struct json_writer *w)
{
	if (w->after_key)
		w->after_key = false;
	else
		before_slow(w);
}

static void push(struct json_writer *w, char c, const char *brk)
{
	before(w);
	if (w->depth == JSON_MAX_DEPTH) {
		w->out->failed = true;
		return;
	}
	strbuf_addc(w->out, c);
	w->level[w->depth].any = false;
	w->level[w->depth].brk = brk;
	w->depth++;
}

static void pop(struct json_writer *w, char c)
{
	if (!w->depth || w->after_key) {
		w->out->failed = true;
		return;
	}
	w->depth--;
	strbuf_addc(w->out, c);
	/* an element is whole: the writer never looks back, a stream may drain here */
	strbuf_drain(w->out);
}

void jw_object(struct json_writer *w)
{
	push(w, '{', NULL);
}

void jw_object_end(struct json_writer *w)
{
	pop(w, '}');
}

void jw_array(struct json_writer *w)
{
	push(w, '[', NULL);
}

void jw_array_lines(struct json_writer *w, const char *brk)
{
	push(w, '[', brk);
}

void jw_array_end(struct json_writer *w)
{
	pop(w, ']');
}

void jw_key_n(struct json_writer *w, const char *key, size_t len)
{
	char *p = jw_member_at(w, key, len, 0);

	if (!p) {
		before(w);
		strbuf_addc(w->out, '"');
		strbuf_add(w->out, key, len);
		strbuf_add(w->out, "\":", 2);
	}
	w->after_key = true;
}

/* Whether byte @c is written as it is in a JSON string: printable ASCII but '"' and '\\'. */
static inline unsigned needs_escape(unsigned char c)
{
	return (c < 0x20) | (c >= 0x7f) | (c == '"') | (c == '\\');
}

/* needs_escape() of every byte, 16 a row: controls, '"' (0x22), '\\' (0x5c), DEL and up */
#define ROW_(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const bool escaped[256] = {
	ROW_(1), ROW_(1),
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	ROW_(0), ROW_(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	ROW_(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1),
};
#undef ROW_

#ifdef __SSE2__
/*
 * Whether the 16 bytes of @x are plain: four compares and a mask (bytes
 * from 0x80 up are negative, below 0x20 as a signed compare sees them).
 * The loop the compiler made of needs_escape() took about 40 instructions
 * a 16 bytes; this check was 20% of the writing of B's JSON report.
 */
static inline bool plain_x(__m128i x)
{
	__m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
				   _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));

	bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
					     _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
	return _mm_movemask_epi8(bad) == 0;
}

static inline bool plain16(const unsigned char *p)
{
	return plain_x(_mm_loadu_si128((const __m128i *)(const void *)p));
}

/* Whether the @n bytes at @p, 4 to 15 of them, are plain: the first and last 8 (or 4), overlapping. */
static inline bool plain_short(const unsigned char *p, size_t n)
{
	if (n >= 8) {
		uint64_t a, b;
		memcpy(&a, p, 8);
		memcpy(&b, p + n - 8, 8);
		return plain_x(_mm_set_epi64x((long long)b, (long long)a));
	}
	uint32_t a, b;
	memcpy(&a, p, 4);
	memcpy(&b, p + n - 4, 4);
	return plain_x(_mm_set_epi32(0x41414141, 0x41414141, (int)b, (int)a));
}
#else
/* Whether the 16 bytes at @p are plain: looked at without a branch, as vector compares. */
static inline bool plain16(const unsigned char *p)
{
	unsigned bad = 0;

	for (size_t k = 0; k < 16; k++)
		bad |= needs_escape(p[k]);
	return !bad;
}

static inline bool plain_short(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (escaped[p[i]])
			return false;
	return true;
}
#endif

/*
 * Whether @s is printable ASCII with nothing to escape ("" is), its length
 * in *@n. The bytes are looked at 16 at a time, as vector compares: this
 * check runs over every byte of a status of 175 MB. A string of 16 bytes
 * or more ends with the last 16 of them (some looked at twice) rather than
 * a byte at a time: 6% of a JSON status of 50,000 hosts went to the bytes
 * after the last 16. Shorter ones (states, kinds, host names) the same
 * way with SSE2, their first and last bytes overlapping.
 */
static bool plain_ascii(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	*n = strlen(s);
	if (*n >= 16) {
		for (; i + 16 <= *n; i += 16)
			if (!plain16(p + i))
				return false;
		return i == *n || plain16(p + *n - 16);
	}
	if (*n >= 4)
		return plain_short(p, *n);
	for (; i < *n; i++)
		if (escaped[p[i]])
			return false;
	return true;
}

void jw_string(struct json_writer *w, const char *s)
{
	size_t n;
	char *p;

	before(w);
	if (!s) {
		strbuf_add(w->out, "null", 4);
	} else if (plain_ascii(s, &n)) {
		/* ids, hosts, times, most titles: copied whole, not decoded a character at a time */
		if ((p = strbuf_room(w->out, n + 2)) != NULL) {
			jw_put_plain(p, s, n);
			strbuf_grown(w->out, n + 2);
		}
	} else {
		text_add_json(w->out, s);
	}
}

bool jw_plain(const char *s, size_t *n)
{
	return plain_ascii(s, n);
}

void jw_key_memo(struct json_writer *w, struct jw_memo *m, const char *key, size_t len,
		 const char *s)
{
	if (s != m->s || !s) {
		m->s = s;
		m->plain = s && plain_ascii(s, &m->n);
	}
	if (m->plain)
		jw_key_plain_n(w, key, len, s, m->n);
	else
		jw_key_string_n(w, key, len, s);
}

void jw_key_plain_slow(struct json_writer *w, const char *key, size_t len, const char *s,
		       size_t n)
{
	char *p;

	jw_key_n(w, key, len);
	if (!s) {
		jw_null(w);
		return;
	}
	before(w);
	if ((p = strbuf_room(w->out, n + 2)) != NULL) {
		jw_put_plain(p, s, n);
		strbuf_grown(w->out, n + 2);
	}
}

void jw_key_string_n(struct json_writer *w, const char *key, size_t len, const char *s)
{
	size_t n = 0;

	if (!s || plain_ascii(s, &n)) {
		jw_key_plain_n(w, key, len, s, n);
		return;
	}
	jw_key_n(w, key, len);
	jw_string(w, s);
}

void jw_members(struct json_writer *w, const struct jw_member *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jw_key_string(w, m[i].key, m[i].value);
}

void jw_key_bool_slow(struct json_writer *w, const char *key, size_t len, bool v)
{
	jw_key_n(w, key, len);
	jw_bool(w, v);
}

/* @v in decimal, '-' first when @negative, ending at @end; where it begins. */
static char *decimal(char *end, unsigned long long v, bool negative)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	if (negative)
		*--end = '-';
	return end;
}

void jw_int(struct json_writer *w, long long v)
{
	/* an event's id, on every row of a report's timeline: no printf */
	char buf[24], *p;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	p = decimal(buf + sizeof(buf), u, v < 0);
	before(w);
	strbuf_add(w->out, p, (size_t)(buf + sizeof(buf) - p));
}

void jw_count(struct json_writer *w, size_t v)
{
	/* counts are written on every item of a large report: no printf */
	char buf[24], *p = decimal(buf + sizeof(buf), v, false);

	before(w);
	strbuf_add(w->out, p, (size_t)(buf + sizeof(buf) - p));
}

void jw_bool(struct json_writer *w, bool v)
{
	before(w);
	strbuf_adds(w->out, v ? "true" : "false");
}

void jw_null(struct json_writer *w)
{
	before(w);
	strbuf_adds(w->out, "null");
}

void jw_break(struct json_writer *w, const char *brk)
{
	w->brk = brk;
}

void jw_end(struct json_writer *w)
{
	if (w->depth || w->after_key)
		w->out->failed = true;
	strbuf_addc(w->out, '\n');
}

void jw_key_seconds(struct json_writer *w, const char *key, long v)
{
	jw_key(w, key);
	if (v >= 0)
		jw_int(w, v);
	else
		jw_null(w);
}

/* (json_writer.h) The run made anew: after a member of its own, so that it starts with a comma. */
static void run_keep(struct jw_run *r, void (*fn)(struct json_writer *w, const void *ctx),
		     const void *ctx)
{
	struct json_writer k;

	strbuf_reset(&r->bytes);
	json_writer_init(&k, &r->bytes);
	jw_object(&k);
	jw_key_bool_n(&k, "-", 1, false);
	r->at = r->bytes.len;
	fn(&k, ctx);
	r->kept = !strbuf_failed(&r->bytes) && k.depth == 1 && !k.after_key && !k.brk &&
		  r->bytes.len > r->at && r->bytes.buf[r->at] == ',';
}

bool jw_run_kept(struct jw_run *r, bool same,
		 void (*fn)(struct json_writer *w, const void *ctx), const void *ctx,
		 const char **bytes, size_t *n)
{
	if (!same || !r->kept)
		run_keep(r, fn, ctx);
	*bytes = r->bytes.buf + r->at;
	*n = r->bytes.len - r->at;
	return r->kept;
}

void jw_run(struct json_writer *w, struct jw_run *r, bool same,
	    void (*fn)(struct json_writer *w, const void *ctx), const void *ctx)
{
	const char *bytes;
	size_t n;
	char *p;

	if (!jw_run_kept(r, same, fn, ctx, &bytes, &n) || w->after_key || !w->depth || !w->level[w->depth - 1].any ||
	    w->level[w->depth - 1].brk || w->brk || !(p = strbuf_room(w->out, n))) {
		fn(w, ctx);
		return;
	}
	memcpy(p, bytes, n);
	strbuf_grown(w->out, n);
}

void jw_run_release(struct jw_run *r)
{
	strbuf_release(&r->bytes);
	r->kept = false;
}
