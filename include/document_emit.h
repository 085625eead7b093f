/*
 * document_emit.h - between the walk of a document (document.c) and its
 * emitters (emit_text.c, emit_md.c, emit_html.c).
 *
 * The walk decides what a document says, once for every format: which
 * items, in which order, and every fact about each (its state, who and
 * when, the reason, forced, branch, drift, notes, its hosts). An emitter
 * decides only how its format says it. Adding a fact to an item is one
 * call in the walk and one operation here, written once per format.
 *
 * Every string handed to an operation is raw: the emitter escapes it for
 * its format (textutil.h). An operation a format does not need is NULL.
 * Out of memory is d->out's sticky failure: doc_scratch_release() carries
 * a scratch buffer's failure over to the document.
 */
#ifndef MU_DOCUMENT_EMIT_H
#define MU_DOCUMENT_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "document.h"
#include "report.h"
#include "strbuf.h"

/* One note or step as a document shows it. */
struct doc_item {
	const char *id;
	enum item_kind kind;
	const struct content_note *note;   /* NULL for steps and removed items */
	const struct content_step *step;   /* NULL for notes and removed items */
	size_t number;                     /* steps: 1..n */
	long si;                           /* index in the session's items, -1 (blank plan) */
	const struct session_item *it;     /* its state; NULL in the blank plan */
	bool tool;                         /* the project's advice, not the source's ('origin: tool') */
	const char *tags;                  /* what it says besides its text, "" when nothing:
					    * "tool advice; once every binary is replaced; since
					    * 1.2.1; Flags, changed" (document.c) */
};


/*
 * The headline of an item's state, decided once for every format: who and
 * when (or a per-host step's hosts, or "pending"), shown strong or, for a
 * plain pending item, emphasised; whether it was forced; the text given
 * with it and what to call it; and, when an undo made it pending again,
 * who undid it (raw: the emitter escapes it).
 */
struct state_facts {
	struct strbuf head;
	bool strong;
	bool forced;
	const char *label;   /* "reason" or "note", NULL when there is no text */
	const char *text;
	struct strbuf undone;
};

/* One row of the timeline: an event of the session, or a probe of its cluster. */
struct doc_event {
	const char *time;
	const char *item;    /* the item, or "(cluster)" for a probe */
	const char *action;  /* the event's stored name ("done", "skip", ...), or "probe" */
	bool forced;
	const char *operator_name, *host;
	const char *text;    /* the note, reason or branch; what a probe saw */
};

/* One row of the totals: a hop's, or the session's (hop NULL). */
struct doc_totals {
	const char *hop;
	size_t total, done, skipped, pending, forced;
	const char *took;    /* a duration, "not finished" or "not started" */
};

/* A document being written: what every emitter shares, and its own state. */
struct doc {
	const struct doc_ops *ops;
	struct strbuf *out;
	const struct report *r;
	/* the session written from (r->s) and its items' notes; the per-host steps'
	 * hosts' items it lacks from @hosts, a batch at a time, linked in @batch
	 * (document_render_hosts()); @stop once @hosts answered NULL or false */
	const struct session *s;
	const long *first_note, *next_note;
	const struct document_hosts *hosts;
	struct document_view batch;
	bool stop;
	size_t indent;       /* text: the indent of the current item's lines */
	bool listed;         /* md: the current item's list has begun */
	int depth;           /* html: host lists open in the current state */
	bool li[3];          /* html: an item open in the list at each depth */
	/* scratch for an emitter's one row (a timeline event, a note): reset before use,
	 * kept between rows (not an allocation per row of 100,000), released at the end */
	struct strbuf row[2];
};

struct doc_ops {
	bool state_last;     /* an item's state after its body, not under its heading */
	bool totals_table;   /* a table of totals per hop, not a "Totals" field */
	/* the timeline's heading, its words when empty, what opens and closes its events */
	const char *timeline_heading, *timeline_none, *timeline_open, *timeline_close;

	/* session_id 0: the blank plan */
	void (*title)(struct doc *d, const char *product, const char *from, const char *to,
		      long long session_id);
	void (*meta)(struct doc *d, const char *text);
	void (*fields_begin)(struct doc *d);
	void (*field)(struct doc *d, const char *key, const char *value);
	void (*fields_end)(struct doc *d);
	void (*totals_begin)(struct doc *d);
	void (*totals_row)(struct doc *d, const struct doc_totals *t);
	void (*totals_end)(struct doc *d);

	/* @meta: the hop's times and totals, what it is made of when not all of the hop's
	 * guide (release notes, only patch releases' notes); NULL when nothing */
	void (*hop_begin)(struct doc *d, size_t h, const struct content_hop *hop, const char *meta);
	/* @listed: the hop's items begin with notes (the text names the section anyway) */
	void (*notes_begin)(struct doc *d, bool listed);
	void (*notes_end)(struct doc *d, bool listed);
	void (*steps_begin)(struct doc *d, const struct content_hop *hop);
	void (*hop_end)(struct doc *d);

	void (*item_begin)(struct doc *d, const struct doc_item *item);
	void (*para)(struct doc *d, const char *text);
	void (*list)(struct doc *d, const struct content_strings *l);
	void (*code)(struct doc *d, const char *code);
	void (*flags)(struct doc *d, const struct content_strings *l);
	void (*languages)(struct doc *d, const struct content_step *s);
	/* @taken: the id of the branch the session took, or NULL */
	void (*branches)(struct doc *d, const struct content_step *s, const char *taken);
	void (*warning)(struct doc *d, const char *text);
	void (*item_end)(struct doc *d);

	void (*state_begin)(struct doc *d);
	void (*state_head)(struct doc *d, const struct state_facts *f);
	void (*state_branch)(struct doc *d, const char *branch);
	/* a line of the program's own words; @warn: one to notice */
	void (*state_line)(struct doc *d, const char *text, bool warn);
	void (*state_note)(struct doc *d, const struct journal_event *ev);
	/* level 0: about the hosts, 1: a host, 2: a note on that host */
	void (*hosts_line)(struct doc *d, int level, const char *line);
	void (*state_end)(struct doc *d);

	void (*timeline_event)(struct doc *d, const struct doc_event *ev);
	void (*end)(struct doc *d);
};

/*
 * The operations that every emitter has, each a static function named as
 * its member: an emitter's table is this list and what its format adds.
 */
#define DOC_OPS_COMMON \
	.title = title, .meta = meta, .field = field, .hop_begin = hop_begin, \
	.notes_begin = notes_begin, .steps_begin = steps_begin, .item_begin = item_begin, \
	.para = para, .list = list, .code = code, .flags = flags, .languages = languages, \
	.branches = branches, .warning = warning, .item_end = item_end, \
	.state_head = state_head, .state_branch = state_branch, .state_line = state_line, \
	.state_note = state_note, .hosts_line = hosts_line, .timeline_event = timeline_event

extern const struct doc_ops doc_text_ops, doc_md_ops, doc_html_ops;

/* An operation that a format does not have (NULL) writes nothing. */
#define EMIT(d, op, ...) do { if ((d)->ops->op) (d)->ops->op((d), __VA_ARGS__); } while (0)
#define EMIT0(d, op) do { if ((d)->ops->op) (d)->ops->op(d); } while (0)

/*
 * What hop @h of @p is made of when not all of it is the guide's, appended
 * to @sb: the release notes it comes from, standard steps, only the notes of
 * patch releases after --from, or notes of patch releases the plan stops
 * short of (document_words.c).
 */
void document_hop_words(const struct plan *p, size_t h, struct strbuf *sb);

/* The box of an item: "[ ]" pending or blank, "[x]" done, "[-]" skipped. */
const char *doc_box(const struct doc_item *item);
/* Release @sb, a scratch buffer of @d; when it ran out of memory, so did @d. */
void doc_scratch_release(struct doc *d, struct strbuf *sb);
/* The class of an item: "pending", "done", "skipped" or "forced". */
const char *doc_state_class(const struct doc_item *item);
/* "done by alice@bastion1 at T" (no reason) into @sb, plain (document.c). */
void doc_who_when(struct strbuf *sb, const struct session_item *it);
/*
 * The hosts of per-host step @si of d->s: counts, the span from the first
 * check-off to the last, each host with its state, who, when and how long
 * after the step's first host, its notes, the skipped hosts by reason
 * (document_hosts.c).
 */
void doc_hosts_detail(struct doc *d, size_t si);

#endif
