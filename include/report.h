/*
 * report.h - the checklist as a document: the blank plan before the window,
 * the record of a session after it.
 *
 * A struct report gathers what a document needs: the plan, and for a
 * session its state, the notes of each item, per-hop times and totals, and
 * who worked on it, in one pass over its events (or, for a session whose
 * agents' items are read a batch at a time, from what the journal keeps
 * apart from them since schema 12: who recorded, the notes); it does not
 * hold the timeline in memory: report_build_spooled() writes each event's
 * row, in the format the report is written in, into an unlinked temporary
 * file as it reads it (in that second case on a thread of its own, while
 * the document is written), copied into the document when it reaches its
 * timeline (report_timeline()); without such a file the timeline is read
 * again, event by event, as it is written. It is the model: built once, then written by report_render()
 * (render.h) in one of four formats; the blank plan and the session record
 * come from the same renderers, the session adding its state to each item.
 *
 * The JSON of a session report (documented in the README, stable):
 *   { "report": "session", "product", "content_version", "generated",
 *     "session": { ... as in "status" ... },
 *     "operators": [ { "operator", "host" } ],
 *     "started", "finished" (or null), "duration_seconds" (or null),
 *     "totals": { "items", "done", "skipped", "pending", "forced", "removed" },
 *     "excluded": [ { "host", "role", "note", "operator", "time", "forced" } ]
 *                 (the hosts excluded now, as in "status"),
 *     "hops": [ { "id", "from", "to", "title", "ordered", "started", "finished",
 *                 "duration_seconds", "totals": { ... },
 *                 "items": [ { "id", "kind", "number", "title", "text", "role",
 *                              "state", "time", "operator", "host", "reason",
 *                              "branch", "forced", "drift", "changed_since_done",
 *                              "notes": [ { "time", "operator", "host", "text" } ],
 *                              "target" (the host a host's item is done on, else null),
 *                              "leader", "hosts" (a per-host step with an inventory:
 *                              its hosts' items, each an item like this one; else null),
 *                              "evidence" (done by "verify": { "version", "observed",
 *                              "source" }, what a probe saw and where; else null)
 *                            } ] } ],
 *     "cluster": the latest probe as in "status", or null,
 *     "timeline": [ { "event", "time", "item", "action", "operator", "host",
 *                     "text", "forced", "exclusion" (written by excluding or
 *                     including a host) }
 *                   or, for a probe of the cluster, in time order among them:
 *                   { "probe", "time", "action": "probe", "text" (what it saw, in a
 *                     line), "operator", "host", "leader", "masters",
 *                     "masters_answered", "agents", "warnings": [ { "kind", "text" } ] } ] }
 */
#ifndef MU_REPORT_H
#define MU_REPORT_H

#include <stdint.h>

#include "arena.h"
#include "journal.h"
#include "plan.h"
#include "session.h"
#include "session_live.h"
#include "strbuf.h"

struct report_hop {
	const char *started;        /* the hop's first check-off (done, skip or choose; not a
				     * note, nor a skip by an exclusion), else its first
				     * acknowledgement; NULL when none */
	const char *finished;       /* the last resolving event, when all is resolved */
	int64_t finished_id;        /* its id: the last in the journal's order */
	long seconds;               /* finished - started, -1 when not finished */
	size_t total, done, skipped, pending, forced;
};

struct report_operator {
	const char *name, *host;
};

/*
 * A note of the timeline, small: a report keeps the notes (the items show
 * them before the timeline is written), not the other events.
 */
struct report_note {
	uint32_t item;              /* its index in r->s's items, or REPORT_NOTE_TEXT | the
				     * offset of its id in r->note_text (an item r->s lacks) */
	uint32_t said;              /* who, when and what: the offset in r->note_text of its
				     * operator's index in r->operators (4 bytes), its time
				     * and its text */
};
#define REPORT_NOTE_TEXT 0x80000000u

/*
 * The timeline's rows, written while report_build_spooled() reads the
 * events (report_spool.c): each by @row, in the format the report is written
 * in (document_timeline_row()), after the probes before it, into @out,
 * streamed into @fd, an unlinked temporary file.
 */
struct report;
struct report_spool;
typedef void report_row_fn(const struct report *r, struct report_spool *sp,
			   const struct journal_event *e);
struct report_spool {
	int fd;
	struct strbuf out;
	int format;                 /* the format's (enum render_format, render.h) */
	report_row_fn *row;         /* @e NULL: the probes after the last event */
	/* what @row keeps from row to row (its writer, the probes written), made
	 * by its first row, freed by @state_free: not set up again 100,000 times */
	void *state;
	void (*state_free)(void *state);
	int read_errno;             /* reading it back failed: why */
	struct spool_fill *fill;    /* the thread writing the rows, NULL when none */
};

struct report {
	struct arena arena;         /* owns the copies below */
	const struct plan *plan;
	const struct session *s;    /* NULL: the blank plan */
	const char *generated;      /* when the report was made (ISO 8601 UTC) */
	/* the timeline: its rows copied from @spool (NULL: none), else read from @j
	 * again as it is written (report_timeline()), the first failure doing
	 * either kept in *@read_status */
	struct report_spool *spool;
	struct journal *j;
	enum status *read_status;
	bool has_events;            /* it has events (not only probes) */
	struct report_note *notes;  /* its notes, oldest first */
	size_t nnotes;
	struct strbuf note_text;    /* what they say, once where the previous note says the same */
	long *first_note;           /* per session item: its first note, -1 */
	long *next_note;            /* per note: the next note of the same item, -1 */
	struct report_hop *hops;    /* per plan hop */
	struct report_operator *operators;  /* in the order they first acted */
	size_t noperators;
	long seconds;               /* session start to finish, -1 while open */
	struct session_live *live;  /* the latest probe and the evidence, NULL for a plan */
	struct journal_probe *probes;   /* every probe, oldest first, with its warnings */
	size_t nprobes;
};


/* The blank plan: no session, no events. */
void report_init_plan(struct report *r, const struct plan *p);
/*
 * The record of session @s (loaded from @j), without its timeline: @j stays
 * open, in the same read transaction, until @r is written.
 */
enum status report_build(struct report *r, struct journal *j, const struct session *s,
			 struct strbuf *why);
/*
 * The same, the events read once: each event's row of the timeline written
 * into @sp (report_spool_open(), owned by @r from here; NULL: report_build())
 * as they are read.
 */
enum status report_build_spooled(struct report *r, struct journal *j, const struct session *s,
				 struct report_spool *sp, struct strbuf *why);
/*
 * A spool for the rows of a timeline in @format (enum render_format), each
 * written by @row: an unlinked temporary file in $TMPDIR, /tmp when TMPDIR
 * is unset or empty. NULL when none can be made there (no such directory,
 * not writable, out of memory): the timeline is then read again as it is
 * written, the same bytes. A TMPDIR that is set is where the user wants
 * temporary files: no other directory is tried.
 */
struct report_spool *report_spool_open(int format, report_row_fn *row);
void report_spool_free(struct report_spool *sp);
/*
 * The rows of @r's timeline, its session's events @first to @last (ids: 0
 * and 0, none) as @j reads them, written into @sp from here by a thread of
 * its own, on a second connection to @j's file (journal_open_twin()), while
 * the caller goes on. When that cannot be (no thread, no connection), or
 * its read fails, @sp says it has not them all: report_timeline() reads
 * them again through @j, the same bytes. report_timeline() and
 * report_spool_free() wait for the thread.
 */
void report_spool_fill(struct report_spool *sp, const struct report *r, struct journal *j,
		       int64_t first, int64_t last);
void report_release(struct report *r);
/*
 * The notes of @r linked to the items of @s (r->s, or a view of the same
 * session with other hosts' items): @first_note per item of @s, its first
 * note, -1; @next_note per note, the next note of the same item, -1.
 * report_build() links r->s's into r->first_note and r->next_note. False
 * when out of memory.
 */
bool report_link_notes(const struct report *r, const struct session *s, long *first_note,
		       long *next_note);
/* Note @k of @r as an event: its item, operator, host, time and text. */
void report_note(const struct report *r, size_t k, struct journal_event *e);
/*
 * @r's timeline: its rows copied into @out from r->spool when it has them
 * (a write to it failed: it has not), else each event handed to @fn,
 * oldest first, as it is read again (its texts valid during the call), then
 * @fn(@ctx, NULL) for the end; @fn answers false to stop. A failure to read
 * is kept in *r->read_status (report_read_status()) and returned.
 */
enum status report_timeline(const struct report *r, struct strbuf *out,
			    bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);
/* ST_OK, or why reading the timeline again failed; its words in @why. */
enum status report_read_status(const struct report *r, struct strbuf *why);

/* "1h 02m 03s" (or "45s", "3m 10s") into @buf. */
void report_duration(long seconds, char *buf, size_t size);

#endif
