/*
 * session.h - a session's state, derived from the journal, and the rules
 * of the checklist.
 *
 * session_load() joins the journal's record of a session with the current
 * content: the items of its plan in order (per hop, notes then steps), each
 * with its state and who changed it when, plus content drift (items that
 * changed, appeared or disappeared since the session was planned).
 *
 * The rules (DESIGN.md, "Rules of the checklist"; core/session_rules.c):
 *   - hops are done in order: nothing of a hop while an earlier hop has a
 *     pending item;
 *   - a hop's notes are acknowledged before any of its steps (a note placed
 *     among them, 'when: after' or 'per-host', is in their order instead; a
 *     host's item waits for a per-host note only by that host's item of it);
 *   - a hop's steps are done in order, unless the hop is unordered;
 *   - a per-host step is marked host by host, and a host's item is locked
 *     while its step is;
 *   - a skip carries a reason; a step with branches needs a branch chosen;
 *   - --force overrides a rule, with a reason, and is journaled as forced.
 * session_mark() checks them inside the write transaction, so two operators
 * marking at once cannot both pass a check that only one should.
 */
#ifndef MU_SESSION_H
#define MU_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "content.h"
#include "inventory.h"
#include "journal.h"
#include "plan.h"
#include "refusal.h"
#include "strbuf.h"

struct session_refusal;  /* below, with the rules */

enum item_kind { ITEM_NOTE, ITEM_STEP };
enum item_state { ITEM_PENDING, ITEM_DONE, ITEM_SKIPPED };

enum drift {
	DRIFT_NONE,
	DRIFT_CHANGED,  /* the content of the item changed since it was planned */
	DRIFT_ADDED,    /* the item is new in the content */
	DRIFT_REMOVED,  /* the item is gone from the content; its history remains */
};

struct session_item {
	const char *id;                     /* "HOP/ID" */
	enum item_kind kind;
	size_t hop;                         /* index into the session's plan hops */
	const struct content_note *note;    /* NULL for a step or a removed item */
	const struct content_step *step;    /* NULL for a note or a removed item */
	enum item_state state;
	bool has_last;                      /* the event that set the state (or undid it) */
	struct journal_event last;
	const char *branch;                 /* chosen branch id, NULL when none */
	bool has_note;                      /* the latest note on the item */
	struct journal_event note_event;
	bool forced;                        /* the current state overrode a rule */
	enum drift drift;
	bool changed_since_done;            /* done or skipped under different content */
	char digest[ITEM_DIGEST_LEN + 1];   /* the current content's digest ("" if removed) */
	/* a host's item of a per-host step */
	const char *host;                   /* NULL for every other item */
	long parent;                        /* the step's index, -1 for other items */
	bool leader;                        /* the leading master */
	/* a per-host step: its hosts and how many are resolved (its state derives) */
	size_t nhosts, hosts_done, hosts_skipped;
	/* of its hosts, how many have their item in the session's items, after it:
	 * all of them (nhosts), except in a partial load (session_load_view()) */
	size_t nloaded;
	/* then, read by session_load_summary(): the first of its pending hosts
	 * (at most SESSION_PENDING_NAMED), in the inventory's order */
	const char **pending_named;
	size_t npending_named;
};

/* How many of a per-host step's pending hosts "status" names. */
#define SESSION_PENDING_NAMED 5

struct session {
	struct arena arena;                 /* owns the strings below */
	struct journal_session info;
	struct plan plan;
	struct session_item *items;
	size_t nitems;
	size_t planned;                     /* the journal's items of it, hosts' too (its record's read) */
	size_t ndone, nskipped, npending, nforced, nremoved;
	bool finished;                      /* every item done or skipped */
	bool closed;                        /* closed ("close"): read and reported, not marked */
	struct journal_change closing;      /* when closed: who closed it, when, why */
	const char *finished_at;            /* time of the last resolving event, or NULL */
	const char *last_activity;          /* time of the last event, or "" */
	bool content_changed;               /* the content's digest is not the planned one */
	char content_digest[65];            /* the current content's digest of this plan */
	/* the leading master the rules put last: the one the latest probe saw
	 * (leader_live) when it saw one among the inventory's masters, else the
	 * inventory's; NULL when neither says */
	const char *leader;
	bool leader_live;
	/* per hop, for the rules: the first pending item of any earlier hop, the
	 * first pending note and the first pending step (-1 when none) */
	long *first_pending_before;
	long *first_pending_note;
	long *first_pending_step;
	/* the inventory: masters (leader flag as leader_of() decides), then agents */
	struct journal_host *hosts;
	size_t nhosts;
	const char *window_end;             /* "HH:MM" local, when the window ends; "" when none */
	/* the hosts excluded now ("exclude"), each by its latest exclusion, in that order */
	const struct journal_exclusion **excluded;
	size_t nexcluded;
	/* hosts added by "edit --inventory", oldest first (full load only) */
	struct journal_edit *edits;
	size_t nedits;
	/* the events an exclusion or inclusion wrote, by event id (full load only) */
	struct journal_event_exclusion *exclusion_events;
	size_t nexclusion_events;
	/* planned with content this run lacks (session_load_record()): the content
	 * cannot plan its versions, or plans none of its recorded items; it has no
	 * plan and no items, only what the journal keeps of it */
	bool other_content;
	/* a check-off's partial load (session_private.h): of the hosts' items only
	 * those of the masters and of the hosts it is about, with their steps'
	 * counts read from the journal; no drift */
	bool partial;
	/* a partial load's whole inventory, when read (its "did you mean" is then
	 * the whole load's: session_nearest_expanded()); NULL: not read */
	const struct journal_host *inventory;
	size_t ninventory;
	/* where the journal's record stood when it was read (a view's; session_refresh()) */
	struct journal_stamp stamp;
};

/* Digest of the items of @p as planned now (SHA-256 hex). */
void session_plan_digest(const struct plan *p, char out[65]);

/* Who and where events are recorded as. */
struct session_actor {
	const char *operator_name;
	const char *host;
};

/*
 * Start a session from @from to @to (versions as typed) with @title (may be
 * ""). With an inventory @inv (may be NULL), each per-host step gets one item
 * per master or agent, "HOP/STEP@HOST", and the step is done when they all
 * are. A failure is said in @dl (diag.h): refusals of the versions and the
 * title are ST_USAGE with their code and field, and the command line's
 * words; a bad window's end ST_USAGE; journal errors as journal.h says.
 */
enum status session_start(struct journal *j, const struct content *c, const char *from,
			  const char *to, const char *title, const struct inventory *inv,
			  const struct session_actor *who, int64_t *id, struct diag_list *dl);
/* The same, for a live cluster: its masters and files (@cluster, may be NULL)
 * recorded with the session, in the same transaction. */
/* With @window_end (NULL or "": none), "HH:MM" as session_window_check() allows. */
enum status session_start_cluster(struct journal *j, const struct content *c, const char *from,
				  const char *to, const char *title, const struct inventory *inv,
				  const struct journal_cluster *cluster, const char *window_end,
				  const struct session_actor *who, int64_t *id, struct diag_list *dl);
/* Whether @hhmm is a time of day as the window's end is given: "HH:MM", 00:00 to 23:59. */
bool session_window_check(const char *hhmm);

/*
 * Load session @id into *@out, the caller's to session_free(). ST_USAGE
 * when there is none, ST_DATAERR when @c can no longer plan it, or plans
 * none of its recorded items (the reason, and how to read it, the one
 * message of @dl, diag.h); journal errors as journal.h says, said in @dl.
 * So the rest of this family.
 */
enum status session_load(struct journal *j, const struct content *c, int64_t id,
			 struct session **out, struct diag_list *dl);
/*
 * As session_load(), but a session planned with content @c lacks is loaded
 * all the same (ST_OK), from the journal alone: other_content set, no plan,
 * no items; for the commands that list and report sessions.
 */
enum status session_load_record(struct journal *j, const struct content *c, int64_t id,
				struct session **out, struct diag_list *dl);
/*
 * As session_load(), for a front end that shows the plan and one hop's
 * hosts at a time, however many hosts the inventory has: the items of the
 * plan, and of the hosts' items those of the masters and of the agents in
 * hop @agents_hop (an index into the plan's hops, or SESSION_NO_HOP); each
 * per-host step's counts read from the journal's (s->partial set). Read in
 * a time that does not grow with the inventory. A session whose content
 * changed since it was planned (drift) is loaded whole, as session_load().
 */
#define SESSION_ALL_HOPS ((size_t)-1)
#define SESSION_NO_HOP ((size_t)-2)
enum status session_load_view(struct journal *j, const struct content *c, int64_t id,
			      size_t agents_hop, struct session **out, struct diag_list *dl);
/*
 * Whether @s has every host's item of hop @hop (SESSION_ALL_HOPS: of every
 * hop): a view (session_load_view()) has the masters' and one hop's agents'.
 */
bool session_hosts_read(const struct session *s, size_t hop);
/*
 * The views of a partial session's hops (session_hop.c), asked one hop at a
 * time by "status --format json" and the reports: @top is the view of no
 * hop's agents (session_load_view(), SESSION_NO_HOP) read in the same read
 * transaction, and outlives the views. session_hop_view(@ctx a struct
 * session_hops, hop @h) gives @top when it has that hop's hosts' items, else
 * the view of hop @h made from @top (only the hop's agents' items read;
 * read whole by session_load_view_of() when @top's items are not those of
 * the hop's plan), valid until the next call; NULL once a read failed (st,
 * and why unless it was the journal's or memory's).
 * session_hop_hosts(@ctx, @si, @first) gives, instead of a hop's view, the
 * hosts' items of @top's per-host step @si (of agents, not read in @top) a
 * batch of agents at a time: a session sharing @top's record whose item 0
 * is that step as @top has it, followed by the items it has of the
 * inventory's agents from the @first'th (0, then *@next, until *@next is
 * 0), at most @batch of them (SESSION_HOP_BATCH when 0); valid until the next
 * call. So a step of 50,000 agents is written with 500 in memory, and
 * only those of its inventory (journal_hosts_from()) with the masters.
 * session_hop_span(@ctx, @si) appends to @first and @last the first and
 * last check-off of those hosts (journal_host_span(): nothing when none was
 * checked off), read without reading them; false once a read failed (st).
 * session_hop_batch(@ctx, @si, @first) gives the view of the hop of @top's
 * per-host step @si (as session_hop_view()) with the masters and the same
 * batch of agents (@first, *@next as above), each step as @top has it: what
 * a batch of @si's hosts' items needs for the rules (the hosts' items of
 * another step, but a per-host note before it, left pending, not read);
 * @top when it has the hop's hosts' items, the hop's whole view (*@next 0)
 * when the view is not made of @top; valid until the next call.
 * session_hops_release() frees what the views hold.
 */
struct session_hops {
	struct journal *j;
	const struct content *c;
	const struct session *top;
	struct strbuf *why;
	enum status st;
	struct session *cur;        /* the view given last */
	struct arena a;             /* the inventory, read once for every hop */
	struct journal_host *hosts;
	size_t nhosts;
	size_t batch;
	struct arena span;          /* the batch given last: its range (and hosts, unpacked) */
	bool sorted;                /* the agents in the order of their names (v->agents) */
	/* the items of the view given last and a batch's states: reused, not made anew */
	struct session_item *items;
	size_t items_cap;
	struct journal_item_state *states;
	size_t states_cap;
	struct hop_agents *agents;  /* the inventory packed, read once (session_hop.c) */
	struct journal_host *cut;   /* the hosts of the batch given last, cut from it */
	size_t cut_cap;
};
/*
 * 500: B's text report took 1,316 first touches of memory with 2,000 (each
 * batch's items 328 bytes a host, its states 288), 973 with 500, and was
 * 0.93 of the time (Markdown 0.95, JSON 1.01, A's Markdown 0.90); with 250
 * no faster.
 */
#define SESSION_HOP_BATCH 500
/*
 * A session of this many items or more is read with the heap in huge pages
 * (huge_heap(), from its record's read on): 10,000 is some 200 agents over
 * the 29 hops. A smaller one keeps small pages, and its process's memory
 * 2 MiB closer to what it uses (a report of 134 items and 100,000 events
 * took 7.5 MiB in huge pages, 6.0 in small, as "status" 5.2).
 */
#define SESSION_HUGE_HEAP_ITEMS 10000
#define SESSION_HOPS_INIT(j, c, top, why) \
	{ (j), (c), (top), (why), ST_OK, NULL, ARENA_INIT, NULL, 0, 0, ARENA_INIT, false, \
	  NULL, 0, NULL, 0, NULL, NULL, 0 }
const struct session *session_hop_view(void *ctx, size_t h);
const struct session *session_hop_hosts(void *ctx, size_t si, size_t first, size_t *next);
const struct session *session_hop_batch(void *ctx, size_t si, size_t first, size_t *next);
bool session_hop_span(void *ctx, size_t si, struct strbuf *first, struct strbuf *last);
void session_hops_release(struct session_hops *v);
/*
 * What "status" reads to sum session @id up, however many hosts it has: a
 * view of no hop's agents (session_load_view()) with each per-host step's
 * first pending hosts named; the whole session (session_load()) when a
 * host's item needs a look that only reading them all finds (forced, done
 * under other content, a probe recorded: @probed) or the content changed.
 */
enum status session_load_summary(struct journal *j, const struct content *c, int64_t id,
				 bool probed, struct session **out, struct diag_list *dl);
/*
 * What the lists of sessions read of each: session_load_view() of no hop's
 * agents, or, planned with content this run lacks, session_load_record().
 */
enum status session_load_brief(struct journal *j, const struct content *c, int64_t id,
			       struct session **out, struct diag_list *dl);
/*
 * Bring @s, read by session_load_view(), up to date with the journal: the
 * events recorded since it was read, applied to its items and its steps'
 * counts; the time it takes grows with those events, not with the session.
 * *@again true (nothing changed in @s) when more than events was recorded
 * (the session closed or retitled, hosts excluded or added, a probe): the
 * caller loads it again, as it does after a failure (*@again true too).
 * Journal errors as journal.h says, said in @dl (diag.h).
 */
enum status session_refresh(struct journal *j, struct session *s, bool *again,
			    struct diag_list *dl);
/* How to read @s with the content it was planned with: "read it with --content DIR (...)". */
void session_content_hint(const struct session *s, struct strbuf *out);
void session_free(struct session **s);

/*
 * The open session an operator means without naming one: the one worked on
 * last, by its latest activity (the time of its latest event, else of its
 * creation; of two as recent, the newer). *id is 0 when no session is open.
 * A session that cannot be loaded with @c is passed over. Journal errors as
 * journal.h says, said in @dl (diag.h).
 */
enum status session_latest_open(struct journal *j, const struct content *c, int64_t *id,
				struct diag_list *dl);

/*
 * Items that count towards progress: notes and steps (a per-host step once,
 * not its hosts), removed ones aside.
 */
static inline size_t session_total(const struct session *s)
{
	return s->ndone + s->nskipped + s->npending;
}

/*
 * Is @it a note read before its hop's steps (the notes the rules put first),
 * rather than one placed among them ('when: after' or 'per-host')? A removed
 * note counts as one read before.
 */
static inline bool session_item_before(const struct session_item *it)
{
	return it->kind == ITEM_NOTE && (!it->note || it->note->when == NOTE_BEFORE);
}

/* "guide" or "tool": who says item @it (origin in content.h); NULL for a removed item. */
static inline const char *session_item_origin(const struct session_item *it)
{
	if (it->note)
		return content_origin_name(it->note->origin);
	return it->step ? content_origin_name(it->step->origin) : NULL;
}

/* The index of item @id, or -1. */
long session_find(const struct session *s, const char *id);
/*
 * The ids of @s nearest the unknown @id (at most three, a few edits away,
 * more for a longer id) as "a, b or c" appended to @out; nothing when none
 * is near. session_nearest_hosts(): the same among the inventory's hosts.
 */
void session_nearest_ids(const struct session *s, const char *id, struct strbuf *out);
void session_nearest_hosts(const struct session *s, const char *host, struct strbuf *out);

enum session_block {
	SESSION_BLOCK_NONE,
	SESSION_BLOCK_EARLIER_HOP,   /* an earlier hop has a pending item */
	SESSION_BLOCK_NOTES,         /* a note of this hop is not acknowledged */
	SESSION_BLOCK_ORDER,         /* an earlier step of this (ordered) hop is pending */
	SESSION_BLOCK_REMOVED,       /* the item is no longer in the content */
	SESSION_BLOCK_LEADER,        /* the leading master's item, while another master of
					its step is pending: the leader comes last */
};

/*
 * What keeps item @i from being done or skipped now: the reason, and in
 * *blocker the index of the first item in the way (-1 when nothing does,
 * and for SESSION_BLOCK_REMOVED).
 */
enum session_block session_blocker(const struct session *s, size_t i, long *blocker);
/*
 * One line explaining the block of item @i appended to @out (nothing when
 * none), e.g. "HOP/ID is locked: hops are done in order and ... is still pending".
 */
void session_block_text(const struct session *s, size_t i, struct strbuf *out);

/*
 * A refusal of session_start(), session_mark() or session_mark_many(), as
 * data for a front end to word (refusal.h): the code, the field of the
 * request at fault, and the items by index in the session as the core
 * checked it and by id, so that a caller without that session can word it.
 * The strings are in @arena or in the content, which outlives them; the
 * caller initialises it with SESSION_REFUSAL_INIT and releases it.
 */
struct session_refusal {
	enum refusal_code code;
	enum refusal_field field;
	enum session_block block;    /* REFUSAL_BLOCKED: the rule in the way */
	bool can_force;              /* REFUSAL_BLOCKED: an override with a reason would pass */
	long item, blocker;          /* the item refused and the first in its way, -1 when none */
	const char *item_id;         /* the item (as requested when it is unknown), "" when none */
	const char *blocker_id;      /* the blocker, "" when none */
	const char *hop_id;          /* REFUSAL_BLOCKED: the hop the rule is about (the
				      * blocker's for SESSION_BLOCK_EARLIER_HOP, else the item's) */
	const char *example_id;      /* REFUSAL_UNKNOWN_ITEM: the session's first item, or "" */
	const char *nearest;         /* REFUSAL_UNKNOWN_ITEM: the ids nearest it, "a, b or c",
				      * or "" */
	const char *waiting;         /* SESSION_BLOCK_LEADER: the other masters still pending,
				      * "m1, m3" */
	const char *reason;          /* REFUSAL_SESSION_CLOSED: why it was closed (by, at: who,
				      * when) */
	enum item_state state;       /* REFUSAL_OTHER_STATE: the item's state, and the */
	const char *by, *at;         /* operator and time of the event that set it */
	const struct content_step *step; /* REFUSAL_*_BRANCH*: the step, with its branches */
	size_t nhosts, npending;     /* REFUSAL_PER_HOST_STEP: the step's hosts, those pending */
	struct arena arena;
};
#define SESSION_REFUSAL_INIT { .item = -1, .blocker = -1, .item_id = "", .blocker_id = "", \
			       .hop_id = "", .example_id = "", .nearest = "", .waiting = "", .reason = "", \
			       .by = "", .at = "" }
/* Back to SESSION_REFUSAL_INIT, its strings freed. */
void session_refusal_release(struct session_refusal *r);
/*
 * The failure @st of session_mark(), session_mark_view() or
 * session_mark_many() as the one message of @dl (diag.h): a refusal with
 * @r's code and field (@r may be NULL), else a failure (the journal's);
 * @words are the message, the core's @msg or the front end's wording of
 * @r. ST_OK adds nothing. Returns @dl's status.
 */
enum status session_refusal_said(enum status st, const struct session_refusal *r,
				 const struct strbuf *words, struct diag_list *dl);
/*
 * The rule of a REFUSAL_BLOCKED refusal, in words that suit every front end
 * ("X is locked: the steps of hop H are done in order and Y is still
 * pending"); how to override it is each front end's to say.
 */
void session_refusal_rule_text(const struct session_refusal *r, struct strbuf *out);

/* The longest title of a session, in bytes. */
#define SESSION_TITLE_MAX 200
/*
 * Whether @title (may be NULL: none) may be a session's title: at most
 * SESSION_TITLE_MAX bytes, nothing text_find_unprintable() finds (it is
 * shown to every operator of the session). Otherwise the code, field
 * REFUSAL_FIELD_TITLE, in @r (may be NULL).
 */
bool session_title_check(const char *title, struct session_refusal *r);
/*
 * inventory_load() of @path, its problems in @dl, and when it fails, a
 * refusal in @dl with field REFUSAL_FIELD_INVENTORY:
 * REFUSAL_INVENTORY_MISSING when there is no such file, else
 * REFUSAL_INVENTORY_BAD (out of memory, ST_NOMEM, is no refusal).
 */
enum status session_inventory_load(const char *path, struct inventory **out,
				   struct diag_list *dl);

enum mark_action { MARK_DONE, MARK_SKIP, MARK_UNDO, MARK_NOTE };

struct mark_request {
	int64_t session;
	const char *item;      /* "HOP/ID" */
	enum mark_action action;
	const char *text;      /* the note, the skip reason, the reason for --force; may be NULL */
	const char *branch;    /* branch to choose before done, may be NULL */
	bool force;
	int64_t *event_id;     /* may be NULL; out: the id of the event recorded, 0 for none */
};

/*
 * Record @req if the rules allow it. ST_OK with a one-line account appended
 * to @account (e.g. "HOP/ID done by OPERATOR at TIME", or "HOP/ID was
 * already done by OPERATOR at TIME; nothing recorded"); ST_REFUSED when a
 * rule forbids it, ST_USAGE for a bad request (unknown item, skip without a
 * reason): said in @dl with the refusal's code and field (the message is
 * the command line's words, for a caller that does not word the code), the
 * refusal's data in @refusal (may be NULL) for one that does; journal
 * errors as journal.h says, in @dl.
 */
enum status session_mark(struct journal *j, const struct content *c,
			 const struct mark_request *req, const struct session_actor *who,
			 struct session_refusal *refusal, struct strbuf *account,
			 struct diag_list *dl);

/*
 * session_mark() for a front end that holds a view of the session
 * (session_load_view()): the rules checked on @view, brought up to date
 * under the write lock (session_refresh()), instead of on a load of the
 * session; the same outcome and words. Without a view of it, or when more
 * than events changed, session_mark() itself.
 */
enum status session_mark_view(struct journal *j, const struct content *c, struct session *view,
			      const struct mark_request *req, const struct session_actor *who,
			      struct session_refusal *refusal, struct strbuf *account,
			      struct diag_list *dl);

/*
 * Record @action (done, skip or undo; a skip needs @text) on each of @items,
 * hosts' items of one per-host step, in one transaction: all or nothing.
 * Items already in that state are passed over; *recorded counts the others.
 * The rules are those of session_mark(), without --force; a refusal as
 * session_mark() says, of the first item refused. With @evidence (one per
 * item, or NULL), each event recorded carries what verified it. A failure
 * is said in @dl (diag.h) as session_refusal_said() says it: a refusal with
 * its code and field and the core's words, for a front end that does not
 * word the code from @refusal (may be NULL), else the journal's failure.
 */
struct mark_evidence {
	int64_t probe;              /* the probe that saw it (journal_probe_add()) */
	const char *version;        /* the version the host reported */
	const char *source;         /* the URL it was read from */
};
enum status session_mark_many(struct journal *j, const struct content *c, int64_t session,
			      const char *const *items, size_t n, enum mark_action action,
			      const char *text, const struct session_actor *who,
			      const struct mark_evidence *evidence, size_t *recorded,
			      struct session_refusal *refusal, struct diag_list *dl);

/* "pending", "done", "skipped"; "note", "step": as the outputs write them. */
const char *session_item_state_name(enum item_state st);
const char *session_item_kind_name(enum item_kind k);
/* "none", "changed", "added", "removed": as the JSON outputs write drift. */
const char *session_drift_name(enum drift d);
/* What an item is called: a note's title, a step's text, or that it is gone. */
const char *session_item_title(const struct session_item *it);
/* The ordinal of item @i within its hop's steps (1-based), or 0 for a note. */
size_t session_step_number(const struct session *s, size_t i);

/* Marking every item whose id matches a shell glob ("mark SESSION PATTERN ..."). */
struct mark_pattern {
	int64_t session;
	const char *pattern;         /* '*' and '?' over item ids, as fnmatch() */
	enum mark_action action;     /* done, skip (with @text) or undo */
	const char *text;
	const struct session_actor *who;
};

struct mark_pattern_refusal {
	const char *item;
	const char *why;             /* the rule in the way, in the command line's words */
};

struct mark_pattern_result {
	struct arena arena;
	size_t matched;              /* items the pattern names (hosts' items, not their steps) */
	size_t already;              /* of those, already in the state asked for */
	size_t marked;               /* recorded now */
	struct mark_pattern_refusal *refused; /* the others, with why */
	size_t nrefused;
};

/*
 * Record @mp's action on every matching item the rules allow, in one
 * transaction, as many passes as it takes (marking a hop's notes unlocks
 * its steps; the leading master comes after the others). Items the rules
 * hold back are listed refused; no --force. A failure in @dl: journal
 * errors as journal.h says (nothing recorded). Release *@out with
 * mark_pattern_result_release().
 */
enum status session_mark_pattern(struct journal *j, const struct content *c,
				 const struct mark_pattern *mp, struct mark_pattern_result *out,
				 struct diag_list *dl);
void mark_pattern_result_release(struct mark_pattern_result *r);

/* ---- the session's life cycle (session_life.c) --------------------------- */

enum session_change_action { SESSION_CLOSE, SESSION_REOPEN, SESSION_RETITLE };

/*
 * Close session @id (@text: why, required), reopen it (@text may be NULL),
 * or retitle it (@text: the new title, as session_title_check() allows).
 * A closed session can be read and reported, but not marked; the default
 * session passes it over. ST_OK with the account in @msg (closing a closed
 * session, or reopening an open one, records nothing and says so); else
 * the failure in @dl (diag.h): ST_USAGE with its code and field for a close
 * without a reason or a bad title; journal errors as journal.h says.
 */
enum status session_change(struct journal *j, const struct content *c, int64_t id,
			   enum session_change_action action, const char *text,
			   const struct session_actor *who, struct diag_list *dl,
			   struct strbuf *msg);
/* "open", "finished" or "closed", as "sessions --format json" says. */
const char *session_status_name(const struct session *s);

/* ---- the session's hosts (session_exclude.c, session_inventory.c) -------- */

/* The host @name of @s's inventory, or NULL. */
const struct journal_host *session_host(const struct session *s, const char *name);
/* The exclusion that keeps host @name out of the upgrade now, or NULL. */
const struct journal_exclusion *session_excluded(const struct session *s, const char *name);
/* The exclusion (or inclusion) that wrote event @event, or 0 when a person did (full load). */
int64_t session_event_exclusion(const struct session *s, int64_t event);
/*
 * Whether event @e starts its hop's time: a done, a skip or a choice that
 * no exclusion wrote (reports and the wizard's clock alike; a hop with
 * acknowledgements alone starts at its first one, which each caller keeps).
 */
bool session_event_checks_off(const struct session *s, const struct journal_event *e);

/*
 * Exclude host @host of session @id from the upgrade (@include false, with
 * @reason), or include it again (@include true). Excluding skips, in one
 * transaction, every pending item of the host in every hop, each skip
 * carrying @reason and linked to the exclusion; what is done stays done. The
 * leading master is refused (ST_REFUSED) unless @force. Including undoes
 * those skips that are still the items' state, and no other. ST_OK with the
 * account in @msg (an excluded host excluded again, or one not excluded
 * included, records nothing and says so); else the failure in @dl:
 * ST_USAGE for an unknown host (the nearest named), or no reason
 * (REFUSAL_EXCLUDE_NO_REASON); ST_REFUSED for a closed session, or the
 * leading master not forced (REFUSAL_EXCLUDE_LEADER: the words say to fail
 * over first, and each front end how to force it); journal errors as
 * journal.h says.
 */
enum status session_exclude(struct journal *j, const struct content *c, int64_t id,
			    const char *host, bool include, const char *reason, bool force,
			    const struct session_actor *who, struct diag_list *dl,
			    struct strbuf *msg);

/*
 * Add to session @id the hosts of @inv it lacks (@file: the inventory's
 * name, as given): their items are in the current hop (the first with a
 * pending item) and the later ones; a per-host step already resolved as a
 * whole (a session without an inventory, or without hosts of that role)
 * stays whole. Hosts of the session that @inv lacks stay. ST_OK with the
 * account in @msg (nothing new: nothing recorded); else the failure in @dl:
 * ST_USAGE when a host's role differs (nothing recorded); ST_REFUSED for a
 * closed or finished session.
 */
enum status session_add_hosts(struct journal *j, const struct content *c, int64_t id,
			      const struct inventory *inv, const char *file,
			      const struct session_actor *who, struct diag_list *dl,
			      struct strbuf *msg);

#endif
