/*
 * strbuf.h - a growable, always NUL-terminated byte buffer.
 *
 * A strbuf owns its memory. Allocation failure is sticky: once an append
 * fails, sb->failed is set, later appends do nothing, and strbuf_failed()
 * tells the caller, who reports ST_NOMEM. This keeps renderers free of an
 * error check on every line.
 *
 * A strbuf may stream (strbuf_sink()): strbuf_drain(), called by a writer
 * at a point where nothing it wrote before is read back or rewritten (the
 * end of a JSON element, of an item, of an event), hands what is held to
 * the sink once it passes the bound, and the buffer starts again empty, so
 * memory stays flat however long the output. What was drained is gone: a
 * writer never looks behind its last drain. A sink's failure is sticky too
 * (sb->failed), with its errno kept (strbuf_sink_errno()), and the sink is
 * not called again: a full disk or a closed pipe is said once.
 */
#ifndef MU_STRBUF_H
#define MU_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Where a streaming strbuf's bytes go: 0 when all of @len were written, else -1 and errno. */
typedef int strbuf_sink_fn(void *ctx, const char *data, size_t len);

struct strbuf {
	char *buf;    /* owned; NULL until the first append (strbuf_str() gives "") */
	size_t len;
	size_t cap;
	bool failed;
	strbuf_sink_fn *sink;   /* NULL: the whole output stays in buf */
	void *sink_ctx;         /* not owned */
	size_t bound;           /* drain once len reaches it */
	size_t drained;         /* bytes handed to the sink so far */
	int sink_errno;         /* the sink's failure, 0 when none */
	strbuf_sink_fn *ref;    /* strbuf_add_ref()'s bytes, handed over as they are; NULL: copied */
};

/* What a stream holds before it is drained: big enough for few writes, small against the output. */
#define STRBUF_SINK_BOUND ((size_t)64 * 1024)

#define STRBUF_INIT { 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* strbuf_add() when the buffer must grow first (or has failed). */
void strbuf_add_grow(struct strbuf *sb, const char *data, size_t len);
/*
 * The appends are inline: an output of 330,000 items makes tens of millions
 * of them, most a few bytes, most with room enough, and strbuf_adds() of a
 * literal then knows its length at compile time.
 */
static inline void strbuf_add(struct strbuf *sb, const char *data, size_t len)
{
	if (sb->cap - sb->len <= len || sb->failed) {
		strbuf_add_grow(sb, data, len);
		return;
	}
	if (len) /* (data may be NULL then) */
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}
/* Room for @extra more bytes and the NUL: false when it failed (now or before). */
bool strbuf_grow(struct strbuf *sb, size_t extra);
/*
 * Where @n more bytes go, written in place (a writer's several pieces at
 * one check of the room), then counted by strbuf_grown(); NULL when the
 * buffer failed.
 */
static inline char *strbuf_room(struct strbuf *sb, size_t n)
{
	if ((sb->cap - sb->len <= n || sb->failed) && !strbuf_grow(sb, n))
		return NULL;
	return sb->buf + sb->len;
}
static inline void strbuf_grown(struct strbuf *sb, size_t n)
{
	sb->len += n;
	sb->buf[sb->len] = '\0';
}
static inline void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}
static inline void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append @n copies of @c. */
void strbuf_addn(struct strbuf *sb, char c, size_t n);
/* Take the buffer; the strbuf is left empty. Caller frees. NULL on failure. */
char *strbuf_detach(struct strbuf *sb);
static inline bool strbuf_failed(const struct strbuf *sb) { return sb->failed; }

/* Stream @sb into @fn(@ctx) from now on, draining once it holds @bound bytes. */
void strbuf_sink(struct strbuf *sb, strbuf_sink_fn *fn, void *ctx, size_t bound);
/*
 * The same, and bytes that never change again (read-only data of the
 * program: the build's compiled JSON) given to @ref (@ctx) as they are, not
 * copied, after what is held: see strbuf_add_ref().
 */
void strbuf_sink_refs(struct strbuf *sb, strbuf_sink_fn *fn, strbuf_sink_fn *ref, void *ctx,
		      size_t bound);
/*
 * Append @data, which must stay as it is for as long as the output may be
 * read: with a ref sink (strbuf_sink_refs()), what is held goes to the sink
 * and @data to the ref sink, uncopied; else strbuf_add().
 */
void strbuf_add_ref(struct strbuf *sb, const char *data, size_t len);
/* Hand everything held to the sink (none: nothing happens); -1 when the sink failed, now or before. */
int strbuf_flush(struct strbuf *sb);
/* strbuf_flush() once @sb holds its bound: the cheap call writers make between elements. */
static inline void strbuf_drain(struct strbuf *sb)
{
	if (sb->sink && sb->len >= sb->bound)
		strbuf_flush(sb);
}
/* A sink's failure found after its last drain (its own last write): sticky, as in a drain. */
void strbuf_sink_fail(struct strbuf *sb, int err);
/* The errno of the sink's failure (EPIPE, ENOSPC, EIO...), 0 when it has not failed. */
static inline int strbuf_sink_errno(const struct strbuf *sb) { return sb->sink_errno; }
/* A sink: @ctx is a pointer to an int file descriptor, written until all of @len is. */
int strbuf_sink_fd(void *ctx, const char *data, size_t len);
/* The descriptor @sb streams into with strbuf_sink_fd(), unless it failed: else -1. */
static inline int strbuf_sink_fd_of(const struct strbuf *sb)
{
	return sb->sink == strbuf_sink_fd && !sb->failed ? *(const int *)sb->sink_ctx : -1;
}
static inline const char *strbuf_str(const struct strbuf *sb) { return sb->buf ? sb->buf : ""; }

#endif
