/*
 * emit_html.c - the document as one self-contained HTML page: an inline
 * stylesheet, no scripts, no external assets; it reads in a narrow window
 * and prints on paper (document_emit.h).
 */
#include <string.h>

#include "document_emit.h"
#include "textutil.h"

static const char style[] =
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;"
	"background:#fff;margin:0 auto;max-width:60rem;padding:1rem}"
	"h1{font-size:1.45rem;margin:.2rem 0 1rem}"
	"h2{font-size:1.2rem;border-bottom:2px solid #333;margin-top:2rem}"
	"h3{font-size:1.02rem;margin:1.2rem 0 .4rem}"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0}"
	/*
	 * Only data cells may break inside a word (a digest, an id): "anywhere"
	 * on a header made the table squeeze it to "Operato|rs" at any width.
	 */
	"th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}"
	"td{overflow-wrap:anywhere}"
	"th{background:#eee;overflow-wrap:normal;word-break:normal;hyphens:none}"
	"td.n{text-align:right}"
	"ul.items{list-style:none;padding:0;margin:0}"
	"ul.items>li{border-left:5px solid #999;padding:.35rem .7rem;margin:.55rem 0;"
	"background:#fafafa}"
	"li.done{border-color:#1a7f37!important}li.skipped{border-color:#b08800!important}"
	"li.forced{border-color:#a0a!important}"
	".box{font-family:ui-monospace,monospace;font-weight:bold}"
	"code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}"
	"pre{background:#f0f0f0;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}"
	".id,.meta{color:#555;font-size:.88em}.state{margin-top:.3rem}"
	".warning{color:#a00;font-weight:bold}.forcedtag{color:#a0a;font-weight:bold}"
	".tooltag{color:#036;font-style:italic}.tags{color:#555;font-size:.88em}"
	"@media print{body{max-width:none;font-size:10.5pt;padding:0}"
	"h2{page-break-after:avoid}ul.items>li{page-break-inside:avoid;background:none}"
	"th{background:none}}";

static void esc(struct strbuf *out, const char *s)
{
	text_add_html(out, s, 1);
}

/*
 * @s between @open and @close, escaped. Inline: a timeline row's six calls
 * then add their literals at a length known when compiled, not by strlen().
 */
static inline void tagged(struct strbuf *out, const char *open, const char *s, const char *close)
{
	strbuf_adds(out, open);
	esc(out, s);
	strbuf_adds(out, close);
}

static void list_of(struct strbuf *out, const struct content_strings *l)
{
	if (!l->count)
		return;
	strbuf_adds(out, "<ul>");
	for (size_t i = 0; i < l->count; i++) {
		bool tool = l->tool && l->tool[i];
		tagged(out, tool ? "<li class=\"tool\">" : "<li>", l->items[i],
		       tool ? " <span class=\"tooltag\">(" CONTENT_TOOL_WORDS ")</span></li>" : "</li>");
	}
	strbuf_adds(out, "</ul>\n");
}

static void title(struct doc *d, const char *product, const char *from, const char *to,
		  long long session_id)
{
	struct strbuf t = STRBUF_INIT;

	if (session_id)
		strbuf_addf(&t, "%s upgrade record: %s → %s, session %lld", product, from, to,
			    session_id);
	else
		strbuf_addf(&t, "%s upgrade plan: %s → %s", product, from, to);
	strbuf_adds(d->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			    "<title>");
	esc(d->out, strbuf_str(&t));
	strbuf_addf(d->out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", style);
	esc(d->out, strbuf_str(&t));
	strbuf_adds(d->out, "</h1>\n");
	doc_scratch_release(d, &t);
}

static void meta(struct doc *d, const char *text)
{
	tagged(d->out, "<p class=\"meta\">", text, "</p>\n");
}

static void fields_begin(struct doc *d)
{
	strbuf_adds(d->out, "<table>\n");
}

static void field(struct doc *d, const char *key, const char *value)
{
	strbuf_addf(d->out, "<tr><th>%s</th>", key);
	tagged(d->out, "<td>", value, "</td></tr>\n");
}

static void totals_begin(struct doc *d)
{
	strbuf_adds(d->out, "<h2>Totals</h2>\n<table>\n<tr><th>Hop</th><th>Items</th>"
			    "<th>Done</th><th>Skipped</th><th>Pending</th><th>Forced</th>"
			    "<th>Took</th></tr>\n");
}

static void totals_row(struct doc *d, const struct doc_totals *t)
{
	strbuf_addf(d->out, "<tr><td>%s</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
		    "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
		    "<td class=\"n\">%zu</td><td>%s</td></tr>\n",
		    t->hop ? t->hop : "<strong>all</strong>", t->total, t->done, t->skipped,
		    t->pending, t->forced, t->took);
}

static void table_end(struct doc *d)
{
	strbuf_adds(d->out, "</table>\n");
}

static void hop_begin(struct doc *d, size_t h, const struct content_hop *hop, const char *m)
{
	strbuf_addf(d->out, "<section>\n<h2>Hop %zu of %zu: %s → %s</h2>\n", h + 1,
		    d->r->plan->nhops, hop->from, hop->to);
	tagged(d->out, "<p>", hop->title, "</p>\n");
	if (m)
		meta(d, m);
}

static void notes_begin(struct doc *d, bool listed)
{
	if (listed)
		strbuf_adds(d->out, "<h3>Read first: incompatible changes</h3>\n<ul class=\"items\">\n");
}

static void notes_end(struct doc *d, bool listed)
{
	if (listed)
		strbuf_adds(d->out, "</ul>\n");
}

static void steps_begin(struct doc *d, const struct content_hop *hop)
{
	if (hop->ordered)
		strbuf_adds(d->out, "<h3>Steps, in this order</h3>\n");
	else
		tagged(d->out, "<h3>Steps, in any order</h3>\n<p>", hop->order_note, "</p>\n");
	strbuf_adds(d->out, "<ul class=\"items\">\n");
}

static void hop_end(struct doc *d)
{
	strbuf_adds(d->out, "</ul>\n</section>\n");
}

/* An item's tags; the project's advice labelled so that it stands out from the guide's. */
static void tags(struct strbuf *out, const struct doc_item *item)
{
	if (*item->tags)
		tagged(out, item->tool ? " <span class=\"tooltag\">(" : " <span class=\"tags\">(",
		       item->tags, ")</span>");
}

static void item_begin(struct doc *d, const struct doc_item *item)
{
	char aud[128];

	strbuf_addf(d->out, "<li class=\"%s%s\"><span class=\"box\">%s</span> ",
		    doc_state_class(item), item->tool ? " tool" : "", doc_box(item));
	if (item->note) {
		content_audience_names(item->note->audience, aud, sizeof(aud));
		tagged(d->out, "<strong>", item->note->title, "</strong>");
		strbuf_addf(d->out, " <span class=\"id\">%s, for: %s</span>", item->note->full_id, aud);
		tags(d->out, item);
	} else if (item->step) {
		strbuf_addf(d->out, "<strong>%zu.</strong> ", item->number);
		esc(d->out, item->step->text);
		strbuf_addf(d->out, " <span class=\"id\">%s (%s)</span>", item->step->full_id,
			    content_role_name(item->step->role));
		tags(d->out, item);
	} else {
		tagged(d->out, "<code>", item->id, "</code> (no longer in the content)");
	}
}

static void para(struct doc *d, const char *text)
{
	tagged(d->out, "<p>", text, "</p>");
}

static void list(struct doc *d, const struct content_strings *l)
{
	list_of(d->out, l);
}

static void code(struct doc *d, const char *code)
{
	struct strbuf plain = STRBUF_INIT;

	/* as it is: newlines and tabs kept, the rest escaped */
	text_add_plain(&plain, code, 1);
	strbuf_adds(d->out, "<pre>");
	for (const char *p = strbuf_str(&plain); *p; p++) {
		char one[2] = { *p, 0 };
		if (*p == '\n' || *p == '\t')
			strbuf_addc(d->out, *p);
		else
			text_add_html(d->out, one, 0);
	}
	strbuf_adds(d->out, "</pre>");
	doc_scratch_release(d, &plain);
}

static void flags(struct doc *d, const struct content_strings *l)
{
	strbuf_adds(d->out, "<p>Flags:");
	for (size_t k = 0; k < l->count; k++)
		tagged(d->out, " <code>", l->items[k], "</code>");
	strbuf_adds(d->out, "</p>");
}

static void languages(struct doc *d, const struct content_step *s)
{
	strbuf_adds(d->out, "<ul>");
	for (size_t k = 0; k < s->nlanguages; k++) {
		tagged(d->out, "<li><strong>", s->languages[k].language, ":</strong> ");
		tagged(d->out, "", s->languages[k].text, "</li>");
	}
	strbuf_adds(d->out, "</ul>");
}

static void branches(struct doc *d, const struct content_step *s, const char *taken)
{
	strbuf_adds(d->out, "<p>Choose one:</p><ul>");
	for (size_t k = 0; k < s->nbranches; k++) {
		const struct content_branch *b = &s->branches[k];
		strbuf_addf(d->out, "<li><span class=\"box\">(%c)</span> ",
			    taken && !strcmp(taken, b->id) ? '*' : ' ');
		tagged(d->out, "<code>", b->id, "</code> ");
		tagged(d->out, "<strong>", b->title, b->origin == ORIGIN_TOOL
		       ? "</strong> <span class=\"tooltag\">(" CONTENT_TOOL_WORDS ")</span>" : "</strong>");
		list_of(d->out, &b->points);
		strbuf_adds(d->out, "</li>");
	}
	strbuf_adds(d->out, "</ul>");
}

static void warning(struct doc *d, const char *text)
{
	tagged(d->out, "<p class=\"warning\">Warning: ", text, "</p>");
}

static void item_end(struct doc *d)
{
	strbuf_adds(d->out, "</li>\n");
}

static void state_begin(struct doc *d)
{
	d->depth = 0;
	strbuf_adds(d->out, "<div class=\"state\">");
}

static void state_head(struct doc *d, const struct state_facts *f)
{
	if (f->strong)
		tagged(d->out, "<strong>", strbuf_str(&f->head), "</strong>");
	else
		tagged(d->out, "<em>", strbuf_str(&f->head), "</em>");
	if (f->forced)
		strbuf_adds(d->out, " <span class=\"forcedtag\">FORCED</span>");
	if (f->label) {
		strbuf_addf(d->out, "; %s: ", f->label);
		esc(d->out, f->text);
	}
	if (f->undone.len)
		tagged(d->out, " ", strbuf_str(&f->undone), "");
}

static void state_branch(struct doc *d, const char *branch)
{
	tagged(d->out, "<br>branch taken: <code>", branch, "</code>");
}

static void state_line(struct doc *d, const char *text, bool warn)
{
	if (warn)
		tagged(d->out, "<br><span class=\"warning\">", text, "</span>");
	else
		tagged(d->out, "<br>", text, "");
}

static void state_note(struct doc *d, const struct journal_event *ev)
{
	tagged(d->out, "<br>note by ", ev->operator_name, "@");
	tagged(d->out, "", ev->host, " at ");
	tagged(d->out, "", ev->time, ": ");
	esc(d->out, ev->text);
}

/* The hosts as nested lists: level 0 a line, 1 a host, 2 a note on it; -1 closes all. */
static void hosts_line(struct doc *d, int level, const char *line)
{
	int target = level < 0 ? 0 : level + 1;

	while (d->depth > target) {
		if (d->li[d->depth - 1])
			strbuf_adds(d->out, "</li>");
		strbuf_adds(d->out, "</ul>");
		d->depth--;
	}
	if (level < 0)
		return;
	if (d->depth == target && d->li[d->depth - 1])
		strbuf_adds(d->out, "</li>");
	while (d->depth < target) {
		strbuf_adds(d->out, "<ul>");
		d->li[d->depth++] = false;
	}
	strbuf_adds(d->out, "<li>");
	d->li[d->depth - 1] = true;
	esc(d->out, line);
}

static void state_end(struct doc *d)
{
	hosts_line(d, -1, NULL);
	strbuf_adds(d->out, "</div>");
}

static void timeline_event(struct doc *d, const struct doc_event *e)
{
	/* the markup between two cells in one copy: 5 fewer a row than a cell's tags each */
	tagged(d->out, "<tr><td>", e->time, "</td><td><code>");
	tagged(d->out, "", e->item, "</code></td><td>");
	strbuf_adds(d->out, e->action);
	tagged(d->out, e->forced ? " <span class=\"forcedtag\">FORCED</span></td><td>" : "</td><td>",
	       e->operator_name, "@");
	tagged(d->out, "", e->host, "</td><td>");
	tagged(d->out, "", e->text, "</td></tr>\n");
}

static void end(struct doc *d)
{
	strbuf_adds(d->out, "</main>\n</body>\n</html>\n");
}

const struct doc_ops doc_html_ops = {
	.state_last = false, .totals_table = true,
	.timeline_heading = "<h2>Timeline</h2>\n", .timeline_none = "<p>Nothing recorded yet.</p>\n",
	.timeline_open = "<table>\n<tr><th>Time</th><th>Item</th><th>Action</th><th>By</th>"
			 "<th>Text</th></tr>\n",
	.timeline_close = "</table>\n",
	DOC_OPS_COMMON,
	.fields_begin = fields_begin, .fields_end = table_end,
	.totals_begin = totals_begin, .totals_row = totals_row, .totals_end = table_end,
	.notes_end = notes_end, .hop_end = hop_end,
	.state_begin = state_begin, .state_end = state_end,
	.end = end,
};
