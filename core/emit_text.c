/*
 * emit_text.c - the document as plain text, 78 columns, for a terminal or
 * e-mail (document_emit.h). An item's state comes after its body.
 */
#include <stdio.h>
#include <string.h>

#include "document_emit.h"
#include "textutil.h"

#define WIDTH 78

static void list_at(struct strbuf *out, const struct content_strings *l, size_t indent)
{
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addn(out, ' ', indent);
		strbuf_adds(out, "- ");
		text_add_wrapped(out, l->items[i], indent + 2, indent + 2, WIDTH);
		if (l->tool && l->tool[i])
			strbuf_adds(out, " (" CONTENT_TOOL_WORDS ")");
		strbuf_addc(out, '\n');
	}
}

/*
 * The columns @label takes: its length when it is printable ASCII (a
 * timeline's time and action, "=> ", "- "), else utf8_width()'s answer,
 * which cost a quarter of a text report of 100,000 events asked every row.
 */
static size_t label_width(const char *label)
{
	size_t n = 0;

	for (; label[n]; n++)
		if ((unsigned char)label[n] < 0x20 || (unsigned char)label[n] > 0x7e)
			return utf8_width(label, strlen(label));
	return n;
}

/* @label (@width columns) then @s wrapped; a wrapped line goes on under the text, past the label. */
static void labelled_as(struct strbuf *out, const char *label, size_t width, const char *s,
			size_t indent)
{
	strbuf_addn(out, ' ', indent);
	strbuf_adds(out, label);
	text_add_wrapped(out, s, indent + width, indent + 2, WIDTH);
	strbuf_addc(out, '\n');
}

static void labelled(struct strbuf *out, const char *label, const char *s, size_t indent)
{
	labelled_as(out, label, label_width(label), s, indent);
}

/* Is @s printable ASCII only (as text_add_plain() leaves it, its width its length)? */
static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

static void title(struct doc *d, const char *product, const char *from, const char *to,
		  long long session_id)
{
	if (!session_id) {
		strbuf_addf(d->out, "%s upgrade plan: %s -> %s\n", product, from, to);
		return;
	}
	strbuf_addf(d->out, "%s upgrade record: %s -> %s, session %lld\n", product, from, to,
		    session_id);
	strbuf_addn(d->out, '=', 60);
	strbuf_addc(d->out, '\n');
}

static void meta(struct doc *d, const char *text)
{
	strbuf_adds(d->out, text);
	strbuf_addc(d->out, '\n');
}

static void field(struct doc *d, const char *key, const char *value)
{
	char label[16];

	/* the values in one column: "Operators:  " is the longest label */
	snprintf(label, sizeof(label), "%s:", key);
	strbuf_addf(d->out, "%-12s", label);
	text_add_wrapped(d->out, value, 12, 2, WIDTH);
	strbuf_addc(d->out, '\n');
}

static void hop_begin(struct doc *d, size_t h, const struct content_hop *hop, const char *m)
{
	strbuf_addf(d->out, "\n== Hop %zu of %zu: %s -> %s: ", h + 1, d->r->plan->nhops, hop->from,
		    hop->to);
	text_add_plain(d->out, hop->title, 0);
	strbuf_adds(d->out, " ==\n");
	if (m)
		labelled(d->out, "", m, 0);
	strbuf_addc(d->out, '\n');
}

static void notes_begin(struct doc *d, bool listed)
{
	(void)listed;
	strbuf_adds(d->out, "Read first: incompatible changes (acknowledge each)\n\n");
}

static void steps_begin(struct doc *d, const struct content_hop *hop)
{
	/* the order note goes on the heading's line, wrapped under it */
	strbuf_adds(d->out, hop->ordered ? "Steps, in this order:" : "Steps, in any order: ");
	if (!hop->ordered)
		text_add_wrapped(d->out, hop->order_note, 21, 2, WIDTH);
	strbuf_adds(d->out, "\n\n");
}

static void item_begin(struct doc *d, const struct doc_item *item)
{
	struct strbuf *out = d->out;
	char aud[128], prefix[32];

	d->indent = 6;
	if (!item->note && !item->step) {
		strbuf_addf(out, "  %s ", doc_box(item));
		text_add_plain(out, item->id, 0);
		strbuf_adds(out, " (no longer in the content)\n");
	} else if (item->note) {
		content_audience_names(item->note->audience, aud, sizeof(aud));
		strbuf_addf(out, "  %s ", doc_box(item));
		text_add_wrapped(out, item->note->title, 6, 6, WIDTH);
		strbuf_addf(out, "\n      %s (for: %s%s", item->note->full_id, aud, *item->tags ? "; " : "");
		/* (WIDTH - 1: room for the closing parenthesis) */
		text_add_wrapped(out, item->tags, 15 + strlen(item->note->full_id) + strlen(aud), 8,
				 WIDTH - 1);
		strbuf_adds(out, ")\n");
	} else {
		snprintf(prefix, sizeof(prefix), "%zu. ", item->number);
		d->indent = 6 + strlen(prefix);
		strbuf_addf(out, "  %s %s", doc_box(item), prefix);
		text_add_wrapped(out, item->step->text, d->indent, d->indent, WIDTH);
		strbuf_addf(out, "\n%*s%s (%s%s", (int)d->indent, "", item->step->full_id,
			    content_role_name(item->step->role), *item->tags ? "; " : "");
		text_add_wrapped(out, item->tags, d->indent + strlen(item->step->full_id) + 4 +
				 strlen(content_role_name(item->step->role)), d->indent + 2, WIDTH - 1);
		strbuf_adds(out, ")\n");
	}
}

static void para(struct doc *d, const char *text)
{
	strbuf_addn(d->out, ' ', d->indent);
	text_add_wrapped(d->out, text, d->indent, d->indent, WIDTH);
	strbuf_addc(d->out, '\n');
}

static void list(struct doc *d, const struct content_strings *l)
{
	list_at(d->out, l, d->indent);
}

static void code(struct doc *d, const char *code)
{
	struct strbuf plain = STRBUF_INIT;

	/* as it is, tabs kept, indented under the note */
	text_add_plain(&plain, code, 1);
	for (const char *p = strbuf_str(&plain); *p;) {
		size_t n = strcspn(p, "\n");
		strbuf_addn(d->out, ' ', 10);
		strbuf_add(d->out, p, n);
		strbuf_addc(d->out, '\n');
		p += n + (p[n] == '\n');
	}
	doc_scratch_release(d, &plain);
}

static void flags(struct doc *d, const struct content_strings *l)
{
	strbuf_addn(d->out, ' ', d->indent);
	strbuf_adds(d->out, "Flags:");
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addc(d->out, ' ');
		text_add_plain(d->out, l->items[i], 0);
	}
	strbuf_addc(d->out, '\n');
}

static void languages(struct doc *d, const struct content_step *s)
{
	struct strbuf label = STRBUF_INIT;

	for (size_t i = 0; i < s->nlanguages; i++) {
		strbuf_reset(&label);
		text_add_plain(&label, s->languages[i].language, 0);
		strbuf_adds(&label, ": ");
		labelled(d->out, strbuf_str(&label), s->languages[i].text, d->indent);
	}
	doc_scratch_release(d, &label);
}

static void branches(struct doc *d, const struct content_step *s, const char *taken)
{
	size_t ind = d->indent;

	strbuf_addn(d->out, ' ', ind);
	strbuf_adds(d->out, "Choose one:\n");
	for (size_t i = 0; i < s->nbranches; i++) {
		const struct content_branch *b = &s->branches[i];
		strbuf_addn(d->out, ' ', ind + 2);
		strbuf_addf(d->out, "(%c) %s: ", taken && !strcmp(taken, b->id) ? '*' : ' ', b->id);
		text_add_wrapped(d->out, b->title, ind + 8 + strlen(b->id), ind + 6, WIDTH);
		if (b->origin == ORIGIN_TOOL)
			strbuf_adds(d->out, " (" CONTENT_TOOL_WORDS ")");
		strbuf_addc(d->out, '\n');
		list_at(d->out, &b->points, ind + 6);
	}
}

static void warning(struct doc *d, const char *text)
{
	labelled(d->out, "WARNING: ", text, d->indent);
}

static void item_end(struct doc *d)
{
	strbuf_addc(d->out, '\n');
}

static void state_head(struct doc *d, const struct state_facts *f)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, strbuf_str(&f->head));
	if (f->forced)
		strbuf_adds(&sb, ", FORCED");
	if (f->label)
		strbuf_addf(&sb, "; %s: %s", f->label, f->text);
	if (f->undone.len)
		strbuf_addf(&sb, " %s", strbuf_str(&f->undone));
	labelled(d->out, "=> ", strbuf_str(&sb), d->indent);
	doc_scratch_release(d, &sb);
}

static void state_branch(struct doc *d, const char *branch)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "branch taken: %s", branch);
	labelled(d->out, "=> ", strbuf_str(&sb), d->indent);
	doc_scratch_release(d, &sb);
}

static void state_line(struct doc *d, const char *text, bool warn)
{
	(void)warn;
	labelled(d->out, "=> ", text, d->indent);
}

static void state_note(struct doc *d, const struct journal_event *ev)
{
	struct strbuf *sb = &d->row[0];

	strbuf_reset(sb);
	strbuf_adds(sb, "note by ");
	strbuf_adds(sb, ev->operator_name);
	strbuf_addc(sb, '@');
	strbuf_adds(sb, ev->host);
	strbuf_adds(sb, " at ");
	strbuf_adds(sb, ev->time);
	strbuf_adds(sb, ": ");
	strbuf_adds(sb, ev->text);
	labelled(d->out, "=> ", strbuf_str(sb), d->indent);
}

static void hosts_line(struct doc *d, int level, const char *line)
{
	/* a wrapped line goes on under its own text, not under the label before it */
	if (level == 0)
		labelled(d->out, "=> ", line, d->indent);
	else
		labelled(d->out, level == 1 ? "- " : "", line, d->indent + (level == 1 ? 3 : 7));
}

static void timeline_event(struct doc *d, const struct doc_event *e)
{
	struct strbuf *col = &d->row[0], *sb = &d->row[1];
	size_t alen = strlen(e->action);

	bool ascii = printable_ascii(e->time);

	strbuf_reset(col);
	strbuf_reset(sb);
	/* a time as recorded is printable ASCII: copied, and the label's width is its length
	 * (text_add_plain() and label_width() were 7% of a text report of 1e5 events) */
	if (ascii)
		strbuf_adds(col, e->time);
	else
		text_add_plain(col, e->time, 0);
	strbuf_adds(col, "  ");
	strbuf_add(col, e->action, alen);
	strbuf_add(col, "       ", (alen < 6 ? 6 - alen : 0) + 1); /* "%-6s " */
	strbuf_adds(sb, e->item);
	strbuf_adds(sb, " by ");
	strbuf_adds(sb, e->operator_name);
	strbuf_addc(sb, '@');
	strbuf_adds(sb, e->host);
	if (e->forced)
		strbuf_adds(sb, " FORCED");
	if (*e->text) {
		strbuf_adds(sb, ": ");
		strbuf_adds(sb, e->text);
	}
	labelled_as(d->out, strbuf_str(col), ascii ? col->len : label_width(strbuf_str(col)),
		    strbuf_str(sb), 0);
}

const struct doc_ops doc_text_ops = {
	/* an item's state after its body; the totals are a field */
	.state_last = true, .totals_table = false,
	.timeline_heading = "\n== Timeline ==\n\n", .timeline_none = "nothing recorded yet\n",
	.timeline_open = "", .timeline_close = "",
	DOC_OPS_COMMON,
};
