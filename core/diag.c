/*
 * diag.c - the one way the core says what failed (diag.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strbuf.h"
#include "textutil.h"

void diag_list_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof(*dl));
}

void diag_list_release(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->count; i++) {
		free(dl->items[i].file);
		free(dl->items[i].message);
	}
	free(dl->items);
	memset(dl, 0, sizeof(*dl));
}

void diag_list_reset(struct diag_list *dl)
{
	size_t max = dl->max;

	diag_list_release(dl);
	dl->max = max;
}

static void vadd(struct diag_list *dl, const char *file, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	size_t max = dl->max ? dl->max : 1000;
	struct diag *d;

	if (dl->count >= max) {
		dl->dropped++;
		return;
	}
	if (dl->count == dl->cap) {
		size_t cap = dl->cap ? dl->cap * 2 : 16;
		struct diag *p = realloc(dl->items, cap * sizeof(*p));
		if (!p) {
			dl->nomem = 1;
			return;
		}
		dl->items = p;
		dl->cap = cap;
	}
	strbuf_vaddf(&sb, fmt, ap);
	d = &dl->items[dl->count];
	d->file = strdup(file ? file : "");
	d->line = line;
	d->col = col;
	d->message = strbuf_detach(&sb);
	d->seq = dl->count;
	if (!d->file || !d->message) {
		free(d->file);
		free(d->message);
		dl->nomem = 1;
		return;
	}
	dl->count++;
}

void diag_add(struct diag_list *dl, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(dl, file, line, col, fmt, ap);
	va_end(ap);
}

enum status diag_fail(struct diag_list *dl, enum status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(dl, NULL, 0, 0, fmt, ap);
	va_end(ap);
	if (dl->status == ST_OK)
		dl->status = st;
	return dl->status;
}

enum status diag_refuse(struct diag_list *dl, enum status st, enum refusal_code code,
			enum refusal_field field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(dl, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return diag_refused(dl, st, code, field);
}

enum status diag_refused(struct diag_list *dl, enum status st, enum refusal_code code,
			 enum refusal_field field)
{
	if (dl->status == ST_OK) {
		dl->status = st;
		dl->code = code;
		dl->field = field;
	}
	return dl->status;
}

enum status diag_fail_why(struct diag_list *dl, enum status st, const struct strbuf *why)
{
	const char *text = strbuf_failed(why) ? "out of memory" : strbuf_str(why);

	if (!*text && st == ST_NOMEM)
		text = "out of memory";
	return diag_fail(dl, st, "%s", text);
}

void diag_append(struct diag_list *dl, const struct diag_list *from)
{
	for (size_t i = 0; i < from->count; i++) {
		const struct diag *d = &from->items[i];
		diag_add(dl, d->file, d->line, d->col, "%s", d->message);
	}
	dl->dropped += from->dropped;
	dl->nomem |= from->nomem;
	if (from->status != ST_OK)
		diag_refused(dl, from->status, from->code, from->field);
}

const char *diag_first(const struct diag_list *dl)
{
	return dl->count ? dl->items[0].message : "out of memory";
}

enum status diag_status(const struct diag_list *dl, enum status st)
{
	return dl->status != ST_OK ? dl->status : st;
}

int diag_place_cmp(unsigned line, unsigned col, unsigned line2, unsigned col2)
{
	if (line != line2)
		return line < line2 ? -1 : 1;
	return col < col2 ? -1 : col > col2;
}

static int cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (!c)
		c = diag_place_cmp(x->line, x->col, y->line, y->col);
	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_sort(struct diag_list *dl)
{
	if (dl->count > 1)
		qsort(dl->items, dl->count, sizeof(*dl->items), cmp);
}

void diag_render_one(const struct diag *d, struct strbuf *out)
{
	/* file names and messages hold what came from outside: shown visibly */
	if (*d->file) {
		text_add_terminal(out, d->file, strlen(d->file));
		if (d->line)
			strbuf_addf(out, ":%u:%u", d->line, d->col);
		strbuf_adds(out, ": ");
	}
	text_add_terminal(out, d->message, strlen(d->message));
}

void diag_render(const struct diag_list *dl, const char *cmd, struct strbuf *out)
{
	for (size_t i = 0; i < dl->count; i++) {
		const struct diag *d = &dl->items[i];
		if (cmd && !*d->file)
			strbuf_addf(out, "%s: ", cmd);
		diag_render_one(d, out);
		strbuf_addc(out, '\n');
	}
	if (dl->dropped)
		strbuf_addf(out, "%zu more problems not shown\n", dl->dropped);
	if (dl->nomem)
		strbuf_adds(out, "out of memory: some problems not shown\n");
}

void diag_print(const struct diag_list *dl, FILE *out, const char *prefix)
{
	struct strbuf lines = STRBUF_INIT;
	const char *at, *nl;

	diag_render(dl, NULL, &lines);
	for (at = strbuf_str(&lines); (nl = strchr(at, '\n')); at = nl + 1)
		fprintf(out, "%s%.*s\n", prefix, (int)(nl - at), at);
	if (strbuf_failed(&lines))
		fprintf(out, "%sout of memory\n", prefix);
	strbuf_release(&lines);
}
