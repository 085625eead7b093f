#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "strbuf.h"

void strbuf_init(struct strbuf *sb)
{
	memset(sb, 0, sizeof(*sb));
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	memset(sb, 0, sizeof(*sb));
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

bool strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need, cap;
	char *p;

	if (sb->failed)
		return false;
	if (extra > SIZE_MAX - sb->len - 1)
		goto fail;
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return true;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(sb->buf, cap);
	if (!p)
		goto fail;
	sb->buf = p;
	sb->cap = cap;
	return true;
fail:
	sb->failed = true;
	return false;
}

void strbuf_add_grow(struct strbuf *sb, const char *data, size_t len)
{
	if (!strbuf_grow(sb, len))
		return;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addn(struct strbuf *sb, char c, size_t n)
{
	if (!strbuf_grow(sb, n))
		return;
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		sb->failed = true;
		return;
	}
	if (!strbuf_grow(sb, (size_t)n))
		return;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p;

	if (sb->failed) {
		strbuf_release(sb);
		return NULL;
	}
	if (!sb->buf) {
		if (!strbuf_grow(sb, 0))
			return NULL;
		sb->buf[0] = '\0';
	}
	p = sb->buf;
	memset(sb, 0, sizeof(*sb));
	return p;
}

void strbuf_sink(struct strbuf *sb, strbuf_sink_fn *fn, void *ctx, size_t bound)
{
	sb->sink = fn;
	sb->sink_ctx = ctx;
	sb->bound = bound;
	sb->ref = NULL;
}

void strbuf_sink_refs(struct strbuf *sb, strbuf_sink_fn *fn, strbuf_sink_fn *ref, void *ctx,
		      size_t bound)
{
	strbuf_sink(sb, fn, ctx, bound);
	sb->ref = ref;
}

void strbuf_sink_fail(struct strbuf *sb, int err)
{
	sb->sink_errno = err ? err : EIO;
	sb->failed = true;
}

/* @data (@len) to @fn: a failure, said once, is sticky (it stops the writers; the errno says why). */
static int sink_call(struct strbuf *sb, strbuf_sink_fn *fn, const char *data, size_t len)
{
	if (fn(sb->sink_ctx, data, len) != 0) {
		strbuf_sink_fail(sb, errno);
		return -1;
	}
	sb->drained += len;
	return 0;
}

int strbuf_flush(struct strbuf *sb)
{
	if (sb->sink_errno)
		return -1;
	if (!sb->sink || !sb->len || sb->failed)
		return 0;
	if (sink_call(sb, sb->sink, sb->buf, sb->len) != 0)
		return -1;
	strbuf_reset(sb);
	return 0;
}

void strbuf_add_ref(struct strbuf *sb, const char *data, size_t len)
{
	if (!sb->ref) {
		strbuf_add(sb, data, len);
		return;
	}
	if (len && !sb->failed && strbuf_flush(sb) == 0)
		(void)sink_call(sb, sb->ref, data, len);
}

int strbuf_sink_fd(void *ctx, const char *data, size_t len)
{
	int fd = *(const int *)ctx;

	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}
