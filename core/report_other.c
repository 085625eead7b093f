/*
 * report_other.c - the report of a session planned with content this run
 * lacks (session_load_record()): what the journal alone keeps of it, the
 * session and its timeline, the item ids as recorded, and a line that says
 * the items' texts are not in this content. In every report format.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "json_writer.h"
#include "report_export.h"
#include "status_view.h"
#include "textutil.h"

/* The session's facts, label and value, as every format lists them. */
struct fact {
	const char *label;
	struct strbuf value;
};

enum { F_TITLE, F_UPGRADE, F_STARTED, F_STATUS, F_CONTENT, F_COUNT };

static void facts_of(const struct session *s, struct fact *f)
{
	static const char *const labels[F_COUNT] = { "Title", "Upgrade", "Started", "Status",
						     "Content" };
	const struct journal_session *i = &s->info;

	for (size_t k = 0; k < F_COUNT; k++)
		f[k] = (struct fact){ labels[k], STRBUF_INIT };
	strbuf_adds(&f[F_TITLE].value, *i->title ? i->title : "(none)");
	strbuf_addf(&f[F_UPGRADE].value, "%s -> %s", i->from, i->to);
	strbuf_addf(&f[F_STARTED].value, "%s by %s on %s", i->created, i->operator_name, i->host);
	strbuf_adds(&f[F_STATUS].value, session_status_name(s));
	strbuf_addf(&f[F_CONTENT].value, "version %s, digest %s, %s%s", i->content_version,
		    i->content_digest, i->content_dir ? "directory " : "",
		    i->content_dir ? i->content_dir
				   : i->content_recorded ? "built in" : "directory not recorded");
}

/* The line every format carries: the items' texts are not in this content, and the hint. */
static void missing_line(const struct session *s, struct strbuf *out)
{
	strbuf_addf(out, "The items' texts are not in this content: session %lld was planned "
			 "with other content; ", (long long)s->info.id);
	session_content_hint(s, out);
	strbuf_adds(out, ". Below is what the journal keeps: the session and its timeline, "
			 "with the item ids as recorded.");
}

struct events {
	struct arena *a;
	struct journal_event *v;
	size_t n, cap;
};

static bool copy_event(void *ctx, const struct journal_event *e)
{
	struct events *ev = ctx;
	struct journal_event *c = arena_grow(ev->a, ev->v, ev->n, &ev->cap, sizeof(*c), 32);

	if (!c)
		return false;
	ev->v = c;
	c = &ev->v[ev->n++];
	*c = *e;
	c->item = arena_strdup(ev->a, e->item);
	c->operator_name = arena_strdup(ev->a, e->operator_name);
	c->host = arena_strdup(ev->a, e->host);
	c->time = arena_strdup(ev->a, e->time);
	c->text = arena_strdup(ev->a, e->text);
	return c->item && c->operator_name && c->host && c->time && c->text;
}

/* One event's cells: time, operator, host, action, item, text (with "forced"). */
static void event_cells(const struct journal_event *e, const char *cells[6], char *text,
			size_t size)
{
	snprintf(text, size, "%s%s", e->text, e->forced ? (*e->text ? " (forced)" : "(forced)")
							: "");
	cells[0] = e->time;
	cells[1] = e->operator_name;
	cells[2] = e->host;
	cells[3] = event_action_name(e->action);
	cells[4] = e->item;
	cells[5] = text;
}

/* How text, Markdown and HTML write the record: the strings around each part. */
struct style {
	const char *head, *title_end;
	const char *fact_pre, *fact_mid, *fact_end;
	void (*add)(struct strbuf *out, const char *s);
	const char *missing_pre, *missing_end;
	const char *timeline_pre, *timeline_end, *columns;
	const char *row_pre, *row_end, *foot;
	void (*cell)(struct strbuf *out, const char *s, size_t k);
};

static void add_plain(struct strbuf *out, const char *s)
{
	text_add_plain(out, s, 0);
}

static void add_html(struct strbuf *out, const char *s)
{
	text_add_html(out, s, 0);
}

static void add_wrapped(struct strbuf *out, const char *s)
{
	text_add_wrapped(out, s, 0, 0, 78);
}

static void cell_text(struct strbuf *out, const char *s, size_t k)
{
	(void)k;
	if (*s)
		strbuf_adds(out, "  ");
	text_add_plain(out, s, 0);
}

/* A cell of a Markdown table: the item id (column 4) as code, as the session report has it. */
static void cell_md(struct strbuf *out, const char *s, size_t k)
{
	bool code = k == 4 && !strpbrk(s, "`|\n");

	strbuf_adds(out, code ? "| `" : "| ");
	if (code)
		text_add_plain(out, s, 0);
	else
		text_add_md(out, s);
	strbuf_adds(out, code ? "` " : " ");
}

static void cell_html(struct strbuf *out, const char *s, size_t k)
{
	(void)k;
	strbuf_adds(out, "<td>");
	text_add_html(out, s, 1);
	strbuf_adds(out, "</td>");
}

static const struct style styles[] = {
	[FMT_TEXT] = { "", "\n\n", "", ": ", "\n", add_plain, "\n", "\n\n", "Timeline (", ")\n",
		       "", "", "\n", "", cell_text },
	[FMT_MD] = { "# ", "\n\n", "- **", ":** ", "\n", text_add_md, "\n> **", "**\n\n",
		     "## Timeline (", ")\n\n",
		     "| Time | Operator | Host | Action | Item | Text |\n|---|---|---|---|---|---|\n",
		     "", "|\n", "", cell_md },
	[FMT_HTML] = { "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<title>mesos-upgrade: a session's record</title>\n</head>\n<body>\n<h1>",
		       "</h1>\n<dl>\n", "<dt>", "</dt><dd>", "</dd>\n", add_html,
		       "</dl>\n<p class=\"content-missing\"><strong>", "</strong></p>\n",
		       "<h2>Timeline (", ")</h2>\n<table>\n",
		       "<tr><th>Time</th><th>Operator</th><th>Host</th><th>Action</th><th>Item</th>"
		       "<th>Text</th></tr>\n",
		       "<tr>", "</tr>\n", "</table>\n</body>\n</html>\n", cell_html },
};

static void write_styled(struct strbuf *out, const struct style *y, const struct session *s,
			 const struct fact *f, const struct events *ev, const char *missing)
{
	char text[1100];

	strbuf_addf(out, "%sSession %lld (report from the journal alone)%s", y->head,
		    (long long)s->info.id, y->title_end);
	for (size_t k = 0; k < F_COUNT; k++) {
		strbuf_adds(out, y->fact_pre);
		strbuf_adds(out, f[k].label);
		strbuf_adds(out, y->fact_mid);
		y->add(out, strbuf_str(&f[k].value));
		strbuf_adds(out, y->fact_end);
	}
	strbuf_adds(out, y->missing_pre);
	(y->add == add_plain ? add_wrapped : y->add)(out, missing);
	strbuf_addf(out, "%s%s%zu event%s%s%s", y->missing_end, y->timeline_pre, ev->n,
		    ev->n == 1 ? "" : "s", y->timeline_end, y->columns);
	for (size_t i = 0; i < ev->n; i++) {
		const char *c[6];
		event_cells(&ev->v[i], c, text, sizeof(text));
		strbuf_adds(out, y->row_pre);
		for (size_t k = 0; k < 6; k++)
			y->cell(out, c[k], k);
		strbuf_adds(out, y->row_end);
		strbuf_drain(out); /* a row is whole: nothing before it is read back */
	}
	strbuf_adds(out, y->foot);
}

static void write_json(struct strbuf *out, const struct content *c, const struct session *s,
		       const struct events *ev, const char *missing)
{
	char generated[CLOCK_ISO_LEN + 1];
	struct json_writer w;

	clock_iso(clock_now(), generated);
	json_writer_init(&w, out);
	jw_object(&w);
	jw_key_string(&w, "report", "session");
	jw_key_string(&w, "product", c->product);
	jw_key_string(&w, "content_version", c->version);
	jw_key_string(&w, "generated", generated);
	jw_key_bool(&w, "content_missing", true);
	jw_key_string(&w, "missing", missing);
	jw_key(&w, "session");
	status_view_session_json(&w, s, false);
	jw_key(&w, "timeline");
	jw_array_lines(&w, "\n ");
	for (size_t i = 0; i < ev->n; i++) {
		const struct journal_event *e = &ev->v[i];
		jw_object(&w);
		jw_key(&w, "event");
		jw_int(&w, (long long)e->id);
		jw_key_string(&w, "time", e->time);
		jw_key_string(&w, "item", e->item);
		jw_key_string(&w, "action", event_action_name(e->action));
		jw_key_string(&w, "operator", e->operator_name);
		jw_key_string(&w, "host", e->host);
		jw_key_string(&w, "text", e->text);
		jw_key_bool(&w, "forced", e->forced);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_end(&w);
}

enum status report_other(struct journal *j, const struct content *c, const struct session *s,
			 enum render_format fmt, struct strbuf *out, struct strbuf *msg)
{
	struct arena a = ARENA_INIT;
	struct events ev = { .a = &a };
	struct strbuf missing = STRBUF_INIT;
	struct fact f[F_COUNT];
	enum status st = journal_events(j, s->info.id, NULL, false, 0, copy_event, &ev);

	if (st != ST_OK) {
		strbuf_adds(msg, st == ST_NOMEM ? "out of memory" : journal_error(j));
		arena_release(&a);
		return st;
	}
	facts_of(s, f);
	missing_line(s, &missing);
	if (fmt == FMT_JSON)
		write_json(out, c, s, &ev, strbuf_str(&missing));
	else
		write_styled(out, &styles[fmt], s, f, &ev, strbuf_str(&missing));
	for (size_t k = 0; k < F_COUNT; k++)
		strbuf_release(&f[k].value);
	strbuf_release(&missing);
	arena_release(&a);
	return ST_OK;
}
