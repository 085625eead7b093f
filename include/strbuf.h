/*
 * strbuf.h - a growable, always NUL-terminated byte buffer.
 *
 * A strbuf owns its memory. Allocation failure is sticky: once an append
 * fails, sb->failed is set, later appends do nothing, and strbuf_failed()
 * tells the caller, who reports ST_NOMEM. This keeps renderers free of an
 * error check on every line.
 */
#ifndef MU_STRBUF_H
#define MU_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf;    /* owned; NULL until the first append (strbuf_str() gives "") */
	size_t len;
	size_t cap;
	bool failed;
};

#define STRBUF_INIT { 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Room for @extra more bytes and the NUL; false (sticky) when memory ran out. */
bool strbuf_grow(struct strbuf *sb, size_t extra);

/* The appends, inline: a renderer makes hundreds of thousands of them. */
static inline void strbuf_add(struct strbuf *sb, const char *data, size_t len)
{
	if ((sb->failed || len >= sb->cap - sb->len) && !strbuf_grow(sb, len))
		return;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

static inline void strbuf_addc(struct strbuf *sb, char c)
{
	if ((sb->failed || 1 >= sb->cap - sb->len) && !strbuf_grow(sb, 1))
		return;
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
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
static inline const char *strbuf_str(const struct strbuf *sb) { return sb->buf ? sb->buf : ""; }

#endif
