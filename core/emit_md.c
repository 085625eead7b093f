/*
 * emit_md.c - the document as Markdown for a ticket: headings, tables and
 * "- [x]" checklists (document_emit.h). An item's state is the first line
 * under it.
 */
#include <pthread.h>
#include <string.h>

#include "document_emit.h"
#include "textutil.h"

static void list_at(struct strbuf *out, const struct content_strings *l, const char *indent)
{
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addf(out, "%s- ", indent);
		text_add_md(out, l->items[i]);
		if (l->tool && l->tool[i])
			strbuf_adds(out, " *(" CONTENT_TOOL_WORDS ")*");
		strbuf_addc(out, '\n');
	}
}

static size_t longest_backticks(const char *s)
{
	size_t run = 0, longest = 0;

	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return longest;
}

/* @s as an inline code span: sanitized, fenced by more backticks than it holds. */
static void code_span(struct strbuf *out, const char *s)
{
	struct strbuf plain = STRBUF_INIT;
	size_t fence, len;
	const char *p;
	int pad;

	text_add_plain(&plain, s, 0);
	p = strbuf_str(&plain);
	fence = longest_backticks(p) + 1;
	len = strlen(p);
	pad = len && (p[0] == '`' || p[len - 1] == '`');
	strbuf_addn(out, '`', fence);
	if (pad)
		strbuf_addc(out, ' ');
	strbuf_add(out, p, len);
	if (pad)
		strbuf_addc(out, ' ');
	strbuf_addn(out, '`', fence);
	if (strbuf_failed(&plain))
		out->failed = true;
	strbuf_release(&plain);
}

/* One table cell (or list line): escaped, on one line. */
static void cell(struct strbuf *out, const char *s)
{
	struct strbuf one = STRBUF_INIT;

	/* most cells (a time, a name, no text): as they are, in one copy, looked at once
	 * (it has no line break then: one would be escaped) */
	if (text_add_md_as_is(out, s))
		return;
	if (!strpbrk(s, "\n\r")) { /* one line already: escaped as it is, no copy */
		text_add_md(out, s);
		return;
	}
	for (; *s; s++)
		strbuf_addc(&one, *s == '\n' || *s == '\r' ? ' ' : *s);
	text_add_md(out, strbuf_str(&one));
	if (strbuf_failed(&one))
		out->failed = true;
	strbuf_release(&one);
}

/*
 * The characters of a code span, looked up a byte at a time: strspn() of
 * this set took libc's slow path, a tenth of a report of 100,000 events.
 * Made once whatever thread asks first (a report's timeline is written on
 * a thread of its own: report_spool.c).
 */
static bool id_char[256];
static pthread_once_t id_char_once = PTHREAD_ONCE_INIT;

static void id_char_init(void)
{
	for (const char *c = "abcdefghijklmnopqrstuvwxyz0123456789-./@ABCDEFGHIJKLMNOPQRSTUVWXYZ_:";
	     *c; c++)
		id_char[(unsigned char)*c] = true;
}

static size_t id_chars(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;
	size_t len = 0;

	pthread_once(&id_char_once, id_char_init);
	while (id_char[p[len]])
		len++;
	return p[len] ? 0 : len;
}

/*
 * An item id: a code span when it is one as content writes them (letters,
 * digits, '-', '.', '/'; id_chars() its length, else 0); otherwise (a
 * damaged journal) escaped text, which also keeps a '|' from splitting a
 * table cell.
 */
static void id_span(struct strbuf *out, const char *id)
{
	size_t len = id_chars(id);

	if (len) {
		strbuf_addc(out, '`');
		strbuf_add(out, id, len);
		strbuf_addc(out, '`');
	} else {
		cell(out, id);
	}
}

/* The blank line that starts an item's first list (points, flags, languages, branches). */
static void begin_list(struct doc *d)
{
	if (!d->listed)
		strbuf_addc(d->out, '\n');
	d->listed = true;
}

static void title(struct doc *d, const char *product, const char *from, const char *to,
		  long long session_id)
{
	strbuf_adds(d->out, "# ");
	text_add_md(d->out, product);
	if (session_id)
		strbuf_addf(d->out, " upgrade record: %s → %s, session %lld\n\n", from, to,
			    session_id);
	else
		strbuf_addf(d->out, " upgrade plan: %s → %s\n\n", from, to);
}

static void meta(struct doc *d, const char *text)
{
	text_add_md(d->out, text);
	strbuf_addc(d->out, '\n');
}

static void fields_begin(struct doc *d)
{
	strbuf_adds(d->out, "| | |\n|---|---|\n");
}

static void field(struct doc *d, const char *key, const char *value)
{
	strbuf_addf(d->out, "| %s | ", key);
	cell(d->out, value);
	strbuf_adds(d->out, " |\n");
}

static void totals_begin(struct doc *d)
{
	strbuf_adds(d->out, "\n## Totals\n\n| Hop | Items | Done | Skipped | Pending | Forced | Took |\n"
			    "|---|---:|---:|---:|---:|---:|---|\n");
}

static void totals_row(struct doc *d, const struct doc_totals *t)
{
	strbuf_addf(d->out, "| %s | %zu | %zu | %zu | %zu | %zu | %s |\n",
		    t->hop ? t->hop : "**all**", t->total, t->done, t->skipped, t->pending,
		    t->forced, t->took);
}

static void hop_begin(struct doc *d, size_t h, const struct content_hop *hop, const char *m)
{
	strbuf_addf(d->out, "\n## Hop %zu of %zu: %s → %s\n\n", h + 1, d->r->plan->nhops,
		    hop->from, hop->to);
	text_add_md(d->out, hop->title);
	strbuf_adds(d->out, "\n");
	if (m) {
		strbuf_adds(d->out, "\n*");
		text_add_md(d->out, m);
		strbuf_adds(d->out, "*\n");
	}
}

static void notes_begin(struct doc *d, bool listed)
{
	if (listed)
		strbuf_adds(d->out, "\n### Read first: incompatible changes\n\n");
}

static void steps_begin(struct doc *d, const struct content_hop *hop)
{
	strbuf_adds(d->out, hop->ordered ? "\n### Steps, in this order\n\n"
					 : "\n### Steps, in any order\n\n");
	if (!hop->ordered) {
		text_add_md(d->out, hop->order_note);
		strbuf_adds(d->out, "\n\n");
	}
}

/* An item's tags, after its role or audience. */
static void tags(struct strbuf *out, const char *t)
{
	if (*t) {
		strbuf_adds(out, "; ");
		text_add_md(out, t);
	}
}

static void item_begin(struct doc *d, const struct doc_item *item)
{
	const char *box = item->it && item->it->state != ITEM_PENDING ? "- [x]" : "- [ ]";
	char aud[128];

	d->listed = false;
	if (item->note) {
		content_audience_names(item->note->audience, aud, sizeof(aud));
		strbuf_addf(d->out, "%s **", box);
		text_add_md(d->out, item->note->title);
		strbuf_addf(d->out, "** (for: %s", aud);
		tags(d->out, item->tags);
		strbuf_addf(d->out, ") `%s`\n", item->note->full_id);
	} else if (item->step) {
		strbuf_addf(d->out, "%s **%zu.** ", box, item->number);
		text_add_md(d->out, item->step->text);
		strbuf_addf(d->out, " *(%s", content_role_name(item->step->role));
		tags(d->out, item->tags);
		strbuf_addf(d->out, ")* `%s`\n", item->step->full_id);
	} else {
		strbuf_addf(d->out, "%s ", box);
		id_span(d->out, item->id);
		strbuf_adds(d->out, " (no longer in the content)\n");
	}
}

/* A paragraph of a list item: indented so that it stays in the item. */
static void para(struct doc *d, const char *text)
{
	struct strbuf md = STRBUF_INIT;

	text_add_md(&md, text);
	strbuf_adds(d->out, "\n  ");
	for (const char *p = strbuf_str(&md); *p; p++) {
		strbuf_addc(d->out, *p);
		if (*p == '\n' && p[1])
			strbuf_adds(d->out, "  ");
	}
	strbuf_addc(d->out, '\n');
	doc_scratch_release(d, &md);
}

static void list(struct doc *d, const struct content_strings *l)
{
	if (!l->count)
		return;
	begin_list(d);
	list_at(d->out, l, "  ");
}

static void code(struct doc *d, const char *code)
{
	struct strbuf plain = STRBUF_INIT;
	size_t fence;

	text_add_plain(&plain, code, 1);
	fence = longest_backticks(strbuf_str(&plain));
	fence = fence >= 3 ? fence + 1 : 3;
	strbuf_adds(d->out, "\n  ");
	strbuf_addn(d->out, '`', fence);
	strbuf_addc(d->out, '\n');
	for (const char *p = strbuf_str(&plain); *p;) {
		size_t n = strcspn(p, "\n");
		strbuf_adds(d->out, "  ");
		strbuf_add(d->out, p, n);
		strbuf_addc(d->out, '\n');
		p += n + (p[n] == '\n');
	}
	strbuf_adds(d->out, "  ");
	strbuf_addn(d->out, '`', fence);
	strbuf_addc(d->out, '\n');
	doc_scratch_release(d, &plain);
}

static void flags(struct doc *d, const struct content_strings *l)
{
	begin_list(d);
	strbuf_adds(d->out, "  - Flags:");
	for (size_t k = 0; k < l->count; k++) {
		strbuf_addc(d->out, ' ');
		code_span(d->out, l->items[k]);
	}
	strbuf_addc(d->out, '\n');
}

static void languages(struct doc *d, const struct content_step *s)
{
	begin_list(d);
	for (size_t k = 0; k < s->nlanguages; k++) {
		strbuf_adds(d->out, "  - **");
		text_add_md(d->out, s->languages[k].language);
		strbuf_adds(d->out, ":** ");
		text_add_md(d->out, s->languages[k].text);
		strbuf_addc(d->out, '\n');
	}
}

static void branches(struct doc *d, const struct content_step *s, const char *taken)
{
	begin_list(d);
	strbuf_adds(d->out, "  - Choose one:\n");
	for (size_t k = 0; k < s->nbranches; k++) {
		const struct content_branch *b = &s->branches[k];
		strbuf_addf(d->out, "    - [%c] `%s` **", taken && !strcmp(taken, b->id) ? 'x' : ' ',
			    b->id);
		text_add_md(d->out, b->title);
		strbuf_adds(d->out, b->origin == ORIGIN_TOOL ? "** *(" CONTENT_TOOL_WORDS ")*\n" : "**\n");
		list_at(d->out, &b->points, "      ");
	}
}

static void warning(struct doc *d, const char *text)
{
	strbuf_adds(d->out, "\n  > **Warning:** ");
	text_add_md(d->out, text);
	strbuf_addc(d->out, '\n');
}

static void item_end(struct doc *d)
{
	strbuf_addc(d->out, '\n');
}

static void state_head(struct doc *d, const struct state_facts *f)
{
	strbuf_adds(d->out, f->strong ? "  - **" : "  - *");
	cell(d->out, strbuf_str(&f->head));
	strbuf_adds(d->out, f->strong ? "**" : "*");
	if (f->forced)
		strbuf_adds(d->out, " — **FORCED**");
	if (f->label) {
		strbuf_addf(d->out, " — %s: ", f->label);
		cell(d->out, f->text);
	}
	if (f->undone.len) {
		strbuf_addc(d->out, ' ');
		cell(d->out, strbuf_str(&f->undone));
	}
	strbuf_addc(d->out, '\n');
}

static void state_branch(struct doc *d, const char *branch)
{
	strbuf_adds(d->out, "  - branch taken: ");
	code_span(d->out, branch);
	strbuf_addc(d->out, '\n');
}

static void state_line(struct doc *d, const char *text, bool warn)
{
	strbuf_adds(d->out, warn ? "  - **" : "  - ");
	/* the program's own words: only a '!' (an image, to Markdown) needs escaping */
	for (; *text; text++) {
		if (*text == '!')
			strbuf_addc(d->out, '\\');
		strbuf_addc(d->out, *text);
	}
	strbuf_adds(d->out, warn ? "**\n" : "\n");
}

static void state_note(struct doc *d, const struct journal_event *ev)
{
	struct strbuf *sb = &d->row[0];

	strbuf_reset(sb);
	strbuf_adds(sb, ev->operator_name);
	strbuf_addc(sb, '@');
	strbuf_adds(sb, ev->host);
	strbuf_adds(sb, " at ");
	strbuf_adds(sb, ev->time);
	strbuf_adds(d->out, "  - note by ");
	cell(d->out, strbuf_str(sb));
	strbuf_adds(d->out, ": ");
	cell(d->out, ev->text);
	strbuf_addc(d->out, '\n');
}

static void hosts_line(struct doc *d, int level, const char *line)
{
	strbuf_adds(d->out, level == 0 ? "  - " : level == 1 ? "    - " : "      - ");
	cell(d->out, line);
	strbuf_addc(d->out, '\n');
}

static void timeline_event(struct doc *d, const struct doc_event *e)
{
	struct strbuf *by = &d->row[0];

	strbuf_reset(by);
	strbuf_adds(by, e->operator_name);
	strbuf_addc(by, '@');
	strbuf_adds(by, e->host);
	size_t id = id_chars(e->item);

	strbuf_adds(d->out, "| ");
	cell(d->out, e->time);
	/* a code span's backticks copied with the separators around it */
	if (id) {
		strbuf_adds(d->out, " | `");
		strbuf_add(d->out, e->item, id);
		strbuf_adds(d->out, "` | ");
	} else {
		strbuf_adds(d->out, " | ");
		cell(d->out, e->item);
		strbuf_adds(d->out, " | ");
	}
	strbuf_adds(d->out, e->action);
	strbuf_adds(d->out, e->forced ? " **FORCED** | " : " | ");
	cell(d->out, strbuf_str(by));
	strbuf_adds(d->out, " | ");
	cell(d->out, e->text);
	strbuf_adds(d->out, " |\n");
}

const struct doc_ops doc_md_ops = {
	.state_last = false, .totals_table = true,
	.timeline_heading = "\n## Timeline\n\n", .timeline_none = "Nothing recorded yet.\n",
	.timeline_open = "| Time | Item | Action | By | Text |\n|---|---|---|---|---|\n",
	.timeline_close = "",
	DOC_OPS_COMMON,
	.fields_begin = fields_begin, .totals_begin = totals_begin, .totals_row = totals_row,
};
