/*
 * document.h - the checklist as a document: text, Markdown or HTML of a
 * report (report.h), the blank plan when it has no session.
 */
#ifndef MU_DOCUMENT_H
#define MU_DOCUMENT_H

#include "render.h"
#include "report.h"
#include "strbuf.h"

/* @f is FMT_TEXT, FMT_MD or FMT_HTML; FMT_JSON writes nothing (render_json.h). */
void document_render(struct strbuf *out, const struct report *r, enum render_format f);
/*
 * The same, @r's session (r->s) missing the hosts' items of some per-host
 * steps (those with fewer loaded than they have: the view of no hop's
 * agents, session_load_view()): each such step's hosts written from the
 * sessions @h->batch gives for step @si, a batch of agents at a time from
 * the @first'th, until it sets *@next 0 (session_hop_hosts(), whose item 0
 * is the step, followed by its hosts' items), after the first and last
 * check-off of them @h->span gives (session_hop_span()): each batch read
 * once. A session of 50,000 agents is written with one batch's items in
 * memory (and its skipped hosts' names and reasons). Either answers
 * NULL/false to stop (the document ends there; @h->ctx keeps why).
 */
typedef const struct session *(*document_hosts_fn)(void *ctx, size_t si, size_t first,
						  size_t *next);
typedef bool (*document_span_fn)(void *ctx, size_t si, struct strbuf *first, struct strbuf *last);
struct document_hosts {
	document_hosts_fn batch;
	document_span_fn span;
	void *ctx;
};
void document_render_hosts(struct strbuf *out, const struct report *r, enum render_format f,
			   const struct document_hosts *h);
/*
 * The session a batch of hosts' items of report @r is written from
 * (document_render_hosts(), render_json_report_hosts()): @s; @first_note,
 * @next_note its items' notes linked (r's for r->s, else linked into @first
 * and @next, kept from batch to batch). document_view_link() takes @s: false
 * when memory ran out (@out failed). document_view_release() frees the links.
 */
struct document_view {
	const struct session *s;
	const long *first_note, *next_note;
	long *first, *next;
};
#define DOCUMENT_VIEW_INIT(r) { .s = (r)->s, .first_note = (r)->first_note, .next_note = (r)->next_note }
bool document_view_link(struct document_view *dv, const struct report *r,
			const struct session *s, struct strbuf *out);
void document_view_release(struct document_view *dv);

/*
 * Event @e of @r's timeline (NULL: the end, the probes after the last
 * event) written into spool @sp as its format (sp->format) writes it in the
 * timeline, after the probes of r->probes before it: report.h's
 * report_row_fn, handed to report_spool_open().
 */
void document_timeline_row(const struct report *r, struct report_spool *sp,
			   const struct journal_event *e);

/*
 * What a note @n or step @st (one of them NULL) says besides its text,
 * appended to @sb: "tool advice" for the project's, when and where a note
 * acts, from which patch release, its category and change, joined by "; ";
 * nothing when there is none. Every format and the wizard show these words.
 */
void document_item_tags(const struct content_note *n, const struct content_step *st,
			struct strbuf *sb);

#endif
