/*
 * session_private.h - what the files of the session module share; session.h
 * is the module's contract, and nothing here is for other modules.
 *
 *   session_start.c   the items of a plan; starting a session
 *   session_load.c    a session's state from the journal and the content
 *   session_rules.c   the rules: what blocks an item, what a request may record
 *   session_mark.c    recording check-offs: one item, or many hosts' items at once
 *   session_mark_pattern.c  the items a pattern matches, marked as the rules allow
 *   session_latest.c  the session an operator means without naming one
 *   session_life.c    the session's life cycle: closed, reopened, retitled
 *   session_exclude.c hosts excluded from the upgrade and included again
 *   session_inventory.c hosts added to the inventory after the start
 *   session.c         names of states, kinds and drift; lookups in a loaded session
 *
 * session_probe.c and session_live.c, a session's live cluster, are modules
 * of their own (session_probe.h, session_live.h).
 */
#ifndef MU_SESSION_PRIVATE_H
#define MU_SESSION_PRIVATE_H

#include "session.h"

/* An item of a plan as planned now (session_plan_items()). */
struct planned {
	const char *id;
	enum item_kind kind;
	size_t hop;
	const struct content_note *note;
	const struct content_step *step;
	char digest[ITEM_DIGEST_LEN + 1];
	const char *host;      /* a host's item of a per-host step or note, else NULL */
	long parent;           /* for a host's item: the index of its step, else -1 */
	bool leader;
	bool added;            /* a host's item of a host added by "edit --inventory" */
};

/*
 * The items of @p in order: per hop its entries that apply (content.h,
 * plan.h); a per-host step or note followed by one item per host of its
 * role in @hosts (ids made in @a); a host added later (from_hop) from that
 * hop on; no host's item in the per-host entries @whole (sorted: resolved as
 * a whole).
 * malloc'd, *n set; NULL when out of memory.
 */
struct planned *session_plan_items(const struct plan *p, const struct journal_host *hosts,
				   size_t nhosts, const char *const *whole, size_t nwhole,
				   struct arena *a, size_t *n);
/*
 * session_plan_items() with the agents' items of only hop @agents_hop (an
 * index into @p's hops; SESSION_ALL_HOPS: of every hop, SESSION_NO_HOP: of
 * none; session.h); the masters' are in every hop.
 */
struct planned *session_plan_items_in(const struct plan *p, const struct journal_host *hosts,
				      size_t nhosts, const char *const *whole, size_t nwhole,
				      size_t agents_hop, struct arena *a, size_t *n);
/*
 * @s was planned with content this run lacks (session_content.c): with
 * @record, the session as the journal keeps it, without plan or items, its
 * other_content set (ST_OK); else ST_DATAERR with how to read it in @why.
 */
enum status session_other_content(struct journal *j, struct session *s, bool record,
				  struct strbuf *why);
/*
 * Add to the per-host steps kept whole, *@whole (sorted, *@nwhole; in @a
 * when it grows), those the journal @js records resolved as a whole step and
 * with no host's item: planned with content in which the step was not per
 * host, they stay whole (session_content.c). False when out of memory.
 */
bool session_whole_resolved(struct arena *a, const struct journal_item_state *js, size_t njs,
			    const char ***whole, size_t *nwhole);
/* The digest of the items @v as planned at the start (SHA-256 hex), as the
 * journal keeps it: the items of hosts added later are not in it. */
void session_digest_items(const struct planned *v, size_t n, char out[65]);

/*
 * session_load() for a helper of the core that says its failure in a
 * strbuf: the reason in @why (session_load() says it in a diag_list).
 */
enum status session_load_why(struct journal *j, const struct content *c, int64_t id,
			     struct session **out, struct strbuf *why);
/*
 * Session @id as a check-off needs it, inside its transaction: the light
 * read of the journal (journal_item_states()), so no drift, no plan digest,
 * no last activity, and of the events only what the rules need;
 * session_apply_state() of journal_item_state() reads one item in full.
 */
enum status session_load_light(struct journal *j, const struct content *c, int64_t id,
			       struct session **out, struct strbuf *why);
/*
 * The same, partial, for a check-off of the items of hosts @hosts (n; none
 * for an item of no host) in a large session: every item of the plan but
 * of the hosts' items only those of the masters and of @hosts, and the
 * per-host steps' counts from the journal's (journal_host_counts()), so
 * that the work does not grow with the inventory (session_partial.c).
 * *@out NULL and ST_OK when the journal's counts do not agree with the plan
 * (a journal read without migrating it, the content changed): the caller
 * loads it with session_load_light() instead.
 */
enum status session_load_partial(struct journal *j, const struct content *c, int64_t id,
				 const char *const *hosts, size_t n, struct session **out,
				 struct strbuf *why);

/*
 * session_load_view() with the session's whole inventory @hosts (n) read
 * already (journal_hosts(); its leader flags are set again), for a caller
 * that reads the views of many hops; NULL: read as session_load_view() does.
 */
enum status session_load_view_of(struct journal *j, const struct content *c, int64_t id,
				 size_t agents_hop, struct journal_host *hosts, size_t nhosts,
				 struct session **out, struct strbuf *why);

/*
 * Partial load @s with its whole inventory (s->inventory, session_nearest.c):
 * session_inventory_agrees() whether the inventory gives each per-host
 * entry the hosts it counts; session_expanded_has() whether @id is an item
 * of the whole load; session_nearest_expanded() its session_nearest_ids(),
 * the whole load's, without the hosts' items loaded.
 */
bool session_inventory_agrees(const struct session *s);
/*
 * The hosts of s->inventory whose items per-host entry @it (of no host) of
 * @s has, as planned: of the *@v (n returned), those session_host_in_hop()
 * of @it's hop (a host added from a later hop is not in it).
 */
size_t session_entry_hosts(const struct session *s, const struct session_item *it,
			   const struct journal_host **v);
bool session_host_in_hop(const struct session *s, const struct journal_host *host, size_t h);
/* ---- shared by session_mark.c and session_mark_pattern.c ---------------- */

/* The event that records @a on an item of kind @k: a note is acknowledged, not done. */
enum event_action session_mark_event_of(enum mark_action a, enum item_kind k);
/*
 * A light or partial load has no details of the events: read item @idx's
 * in full; an item new in the content since the session was planned is
 * planned now. The journal's error in @msg.
 */
enum status session_mark_full_state(struct journal *j, struct session *s, long idx,
				    struct strbuf *msg);
/* An event on @it of @session by @who at @now; the caller says what it records. */
struct journal_event session_mark_event_on(const struct session_item *it, int64_t session,
					   const struct session_actor *who, const char *now);

/*
 * Session @id as "mark SESSION 'PATTERN'" needs it, inside the write
 * transaction: every item @pattern (fnmatch()) can match, and of the
 * hosts' items only those of the hosts it names when it names a few, or of
 * their hop (session_load_view_of()), else the whole session
 * (session_load_light()); session_pattern.c.
 */
enum status session_load_pattern(struct journal *j, const struct content *c, int64_t id,
				 const char *pattern, struct session **s, struct strbuf *msg);
bool session_expanded_has(const struct session *s, const char *id);
void session_nearest_expanded(const struct session *s, const char *word, struct strbuf *out);

/* The journal's counts of per-host step @step among @v (n, sorted by step), or NULL. */
const struct journal_host_count *session_count_of(const struct journal_host_count *v, size_t n,
						  const char *step);
/*
 * Per-host step @it of @s as the journal counts it (@k): its hosts done,
 * skipped and forced, and, when every host is resolved, the event that
 * resolved the last (who finished the step, when).
 */
enum status session_take_count(struct journal *j, struct session *s, struct session_item *it,
			       const struct journal_host_count *k);

/* The parts of a load (session_load.c), for session_partial.c. */
enum status session_read_record(struct journal *j, const struct content *c, int64_t id,
				struct session *s, bool *unplanned, struct strbuf *why);
enum status session_leader_of(struct journal *j, struct session *s, struct journal_host *hosts,
			      size_t nhosts);
enum status session_read_hosts_extra(struct journal *j, struct session *s, bool summary,
				     const char ***whole, size_t *nwhole);
bool session_alloc_items(struct session *s, size_t n);
void session_init_item(struct session_item *it, const struct planned *p,
		       const struct journal_item_state *js);

/* Derive what the progress and the rules read from the items' states (again, after a change). */
void session_derive(struct session *s);
/*
 * Fill the state of @it from the journal's record @js; NULL when the journal
 * has none, and then the item is new in the content (unless removed).
 */
void session_apply_state(struct session_item *it, const struct journal_item_state *js);

/*
 * Fill @r (may be NULL) with @code and @field for item @idx of @s (-1: the
 * item @requested is not in @s), and what a caller needs to word it.
 */
void session_refuse(struct session_refusal *r, const struct session *s, enum refusal_code code,
		    enum refusal_field field, long idx, const char *requested);
/*
 * Decide what to record for @req on item @idx of @s (-1: none), inside the
 * transaction: ST_OK with *@forced (a rule overridden) and *@choose (the
 * branch to record first), else the refusal in @r and @msg. ST_OK for an
 * item already in the state asked for: the caller records nothing.
 */
enum status session_check(const struct session *s, const struct mark_request *req,
			  long idx, bool *forced, bool *choose, struct session_refusal *r,
			  struct strbuf *msg);

/* qsort() and bsearch() of arrays of strings (const char *): strcmp of what each points at. */
int session_str_cmp(const void *a, const void *b);

/*
 * A batch of the inventory (hop_batch_of()): the masters (nm) and n agents
 * (hosts, in the order of the inventory), the names that bound the ids of
 * their items of a step (range[0]: after "STEP@range[0]", NULL "STEP@";
 * range[1]: up to "STEP@range[1]", NULL the step's last), whether the
 * inventory's agents are out of the order of their names (@unsorted: the
 * range can then hold most of the step's ids, not only theirs), and the
 * per-host step @upto whose hosts' items are the batch's to write: only the
 * states of those and of the per-host notes before it are read.
 */
struct span {
	size_t nm, n;
	struct journal_host *hosts;
	const char *range[2];
	bool unsorted;
	const char *upto;
};
/*
 * The batch of @v's inventory from the @first'th agent (*@next: the first
 * of the next batch, 0 when none): the masters and at most v->batch agents
 * (SESSION_HOP_BATCH when 0), read with the one before them, in v->span
 * (hop_batches.c).
 */
enum status hop_batch_of(struct session_hops *v, size_t first, size_t *next, struct span *b);
/* What hop_batch_of() holds, freed. */
void hop_batches_release(struct session_hops *v);

#endif
