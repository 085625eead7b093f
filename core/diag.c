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

void diag_add(struct diag_list *dl, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	size_t max = dl->max ? dl->max : 1000;
	struct diag *d;
	va_list ap;

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
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
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

void diag_print(const struct diag_list *dl, FILE *out, const char *prefix)
{
	struct strbuf line = STRBUF_INIT;

	/* file names and messages hold what came from outside: shown visibly */
	for (size_t i = 0; i < dl->count; i++) {
		const struct diag *d = &dl->items[i];
		strbuf_reset(&line);
		strbuf_adds(&line, prefix);
		text_add_terminal(&line, d->file, strlen(d->file));
		if (d->line)
			strbuf_addf(&line, ":%u:%u", d->line, d->col);
		strbuf_adds(&line, ": ");
		text_add_terminal(&line, d->message, strlen(d->message));
		strbuf_addc(&line, '\n');
		fputs(strbuf_str(&line), out);
	}
	strbuf_release(&line);
	if (dl->dropped)
		fprintf(out, "%s%zu more problems not shown\n", prefix, dl->dropped);
	if (dl->nomem)
		fprintf(out, "%sout of memory: some problems not shown\n", prefix);
}
