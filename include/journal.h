/*
 * journal.h - the SQLite journal: sessions and their append-only events.
 *
 * One file holds every session. A session is the plan it was started with
 * (versions, title, who, where, the content digest and a snapshot of its
 * items with their digests); events record what was done to its items.
 * Events are never updated or deleted: triggers in the database refuse it.
 * The state of an item is derived from its events: a trigger keeps, per item,
 * which are its latest state event, branch choice and note, so reading a
 * session's state costs the same at a thousand events or a million.
 *
 * Durability: WAL and synchronous=FULL, so a committed event survives a
 * kill -9 or a power cut; writers take the lock up front (BEGIN IMMEDIATE)
 * and wait up to JOURNAL_BUSY_MS for one another. Every statement is
 * prepared once at open and every value bound.
 *
 * A journal deleted or replaced (renamed over) while open is noticed at the
 * next write, which is refused (ST_IOERR) rather than lost in an unlinked file.
 *
 * Errors: every function returns a status (ST_DATAERR for a file that is not
 * a journal, is corrupt or is from a newer version; ST_IOERR for read-only,
 * full disk and I/O errors; ST_BUSY for a lock held too long) and leaves a
 * one-line message in journal_error(). A file that is refused is left as it was.
 *
 * Strings returned by queries live in the caller's arena.
 */
#ifndef MU_JOURNAL_H
#define MU_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "event.h"
#include "status.h"
#include "strbuf.h"

#define JOURNAL_SCHEMA_VERSION 12
#define JOURNAL_APPLICATION_ID 0x4d555047 /* "MUPG" */
#define JOURNAL_BUSY_MS 3000

struct journal;
struct diag_list;

struct journal_session {
	int64_t id;
	const char *from, *to;       /* as typed at start: "0.26", "0.28.1" */
	const char *title;
	const char *operator_name, *host;
	const char *created;         /* ISO 8601 UTC */
	const char *content_digest;  /* SHA-256 hex of the planned items */
	const char *content_version;
	const char *content_dir;     /* the content's directory (absolute) when it was not
				      * built in; NULL for built-in content, or not recorded */
	bool content_recorded;       /* whether content_dir was recorded (schema 6 and later) */
};

/* An item as planned when the session started. */
struct journal_item {
	const char *id;              /* "HOP/ID" */
	const char *kind;            /* "note" or "step" */
	const char *digest;
};

struct journal_event {
	int64_t id;
	int64_t session;
	const char *item;            /* "HOP/ID" */
	enum event_action action;
	const char *operator_name, *host;
	const char *time;            /* ISO 8601 UTC */
	const char *text;            /* note, skip reason, branch id, or "" */
	bool forced;                 /* a rule of the checklist was overridden */
	const char *digest;          /* the item's digest when this happened */
};

/* An item of a session with the events its state derives from. */
struct journal_item_state {
	struct journal_item item;
	int position;
	bool has_state;              /* last done/ack/skip/undo event */
	struct journal_event state;
	bool has_choice;             /* last choose event */
	struct journal_event choice;
	bool has_note;               /* last note event */
	struct journal_event note;
};

/* How a journal is opened. */
enum journal_mode {
	JOURNAL_READ = 1,   /* to read: never sets up, migrates or writes the file */
	JOURNAL_WRITE,      /* to record: a missing or empty file is set up, an older one migrated */
	JOURNAL_CREATE,     /* as JOURNAL_WRITE, and its directory is made (0700) when missing */
};

/*
 * Open the journal at @path: refuse it when it is not safe to trust (see
 * fs_trust.h), check it is ours, whole and not newer, and set it up as
 * @mode says. A file this user may not write is opened read-only, leaving
 * no side files behind; every write to it is then refused. An older journal
 * read with JOURNAL_READ is read as it is, its later tables seen empty.
 * *out is NULL on failure, said in @dl (diag.h): its status and one
 * message, after what @dl holds already.
 */
enum status journal_open(const char *path, enum journal_mode mode, struct journal **out,
			 struct diag_list *dl);
/*
 * Check the whole file (SQLite's quick_check): ST_DATAERR when a page is
 * damaged, with the first problem in journal_error(). Reads every page.
 */
enum status journal_check(struct journal *j);
/* The same for the sessions table alone: cheap at any size, for opening the wizard. */
enum status journal_check_sessions(struct journal *j);
void journal_close(struct journal **j);
const char *journal_error(const struct journal *j);
/*
 * Failure @st of a call on @j said in @dl (diag.h), with its status: the
 * journal's message, or "out of memory" for ST_NOMEM (an allocation of the
 * caller's leaves the journal's message as it was). Returns @dl's status.
 */
enum status journal_report(const struct journal *j, enum status st, struct diag_list *dl);
/*
 * Failure @st (ST_OK: nothing) said in @dl: the words a helper of the core
 * wrote into @why when it holds any, else journal_report()'s. Returns @st.
 */
enum status journal_report_why(const struct journal *j, enum status st,
			       const struct strbuf *why, struct diag_list *dl);
const char *journal_path(const struct journal *j);

/* $XDG_STATE_HOME/mesos-upgrade/journal.db, else ~/.local/state/...; false without HOME. */
bool journal_default_path(struct strbuf *out);

/* Take the write lock (BEGIN IMMEDIATE), commit, roll back. */
enum status journal_begin(struct journal *j);
enum status journal_commit(struct journal *j);
void journal_rollback(struct journal *j);
/*
 * A read of many statements as one snapshot, and in one read transaction
 * instead of one each (a few microseconds of locking apiece): begun when no
 * transaction is open, else nothing (*@began false); ended with
 * journal_read_end(j, began).
 */
enum status journal_read_begin(struct journal *j, bool *began);
void journal_read_end(struct journal *j, bool began);
/*
 * The connection's page cache set to @kib KiB, for a read that takes most
 * pages once (a report's timeline, its hosts' items), or with @kib 0 back
 * to *@was, as it was before; false when SQLite refuses. A cache filled by
 * pages read once costs a first touch of each (SQLite's default is 2 MB),
 * and keeps none that is read again.
 */
bool journal_scan_cache(struct journal *j, int kib, int64_t *was);
/* End the transaction begun: commit when @st is ST_OK, else roll back; the status it ends with. */
enum status journal_end(struct journal *j, enum status st);

/* Record a new session and its planned items; its id goes to *id. In a transaction. */
enum status journal_session_add(struct journal *j, const struct journal_session *s,
				const struct journal_item *items, size_t nitems, int64_t *id);
/* A host of a session's inventory. */
struct journal_host {
	const char *role;            /* "master" or "agent" */
	const char *name;
	bool leader;
	const char *from_hop;        /* added by "edit --inventory": the id of the first hop
				      * its items are in; NULL: a host of every hop */
};

/* Record the inventory of @session, in order (masters with the leader last). In a transaction. */
enum status journal_hosts_add(struct journal *j, int64_t session, const struct journal_host *h,
			      size_t n);
/*
 * The counts of each per-host step of @session (its item id): how many
 * hosts' items it has, how many have a recorded state, and of those how
 * many are done (or acknowledged) and skipped, and how many of the done and
 * skipped were forced and how many were resolved under other content than
 * planned (the event's digest), and the id of the latest event that resolved
 * one (0 when none did; when all are resolved, the one that resolved the
 * step); by step id. A journal read without migrating it to schema 7 has none.
 */
struct journal_host_count {
	const char *step;
	size_t hosts, recorded, done, skipped, forced, stale;
	int64_t last_event;
};
enum status journal_host_counts(struct journal *j, int64_t session, struct arena *a,
				struct journal_host_count **out, size_t *n);
/*
 * Per hop of @session that has one (by id, "0.27-0.28"), the time of its
 * first check-off (a done, skip or choice no exclusion wrote) and of its
 * first acknowledgement, NULL when none; in @a. *@kept false when the
 * journal, read without migrating it, does not keep them (schema < 8):
 * then ask the events.
 */
struct journal_hop_first {
	const char *hop;
	const char *checkoff, *ack;
};
enum status journal_hop_firsts(struct journal *j, int64_t session, struct arena *a,
			       struct journal_hop_first **out, size_t *n, bool *kept);
/*
 * Where the journal's record of @session stands: the latest id of each kind
 * of thing recorded of it. Two stamps alike, nothing was recorded between.
 */
struct journal_stamp {
	int64_t events, changes, exclusions, edits, probes;
};
enum status journal_stamp_get(struct journal *j, int64_t session, struct journal_stamp *out);
/* Call @fn for the events of @session after event @after, oldest first; as journal_events(). */
enum status journal_events_since(struct journal *j, int64_t session, int64_t after,
				 bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);
/*
 * The first @max hosts of @role ("agent", "master"), in the inventory's
 * order, whose item of per-host step @step of @session is pending; in @a.
 */
enum status journal_pending_hosts(struct journal *j, int64_t session, const char *role,
				  const char *step, size_t max, struct arena *a,
				  const char ***out, size_t *n);
/*
 * The times (ISO text, as recorded) of the first and the last, in the
 * journal's order (by event id), of the events that left the hosts' items
 * of per-host step @step of @session done, acknowledged or skipped,
 * appended to @first and @last; nothing when none is: the span of a step's
 * hosts read without reading them. A clock set back between them can make
 * @last the earlier time: the times are what was recorded.
 */
enum status journal_host_span(struct journal *j, int64_t session, const char *step,
			      struct strbuf *first, struct strbuf *last);
/*
 * The first host's item of per-host step @step of @session (in the order
 * they were planned; after item @after when not NULL) whose id holds @text,
 * ASCII letters in either case; in @a, NULL when none does.
 */
enum status journal_host_item_holding(struct journal *j, int64_t session, const char *step,
				      const char *text, const char *after, struct arena *a,
				      const char **id);
/*
 * Whether a host of @session's inventory (those added later too) has a name
 * holding @text, ASCII letters in either case: when none does, no host's
 * item holds a text without '@' that its step's id does not.
 */
enum status journal_hosts_holding(struct journal *j, int64_t session, const char *text,
				  bool *any);
/* How many hosts of @session have each role and first hop (NULL: every hop). */
struct journal_host_group {
	const char *role;
	const char *from_hop;
	size_t n;
};
enum status journal_host_groups(struct journal *j, int64_t session, struct arena *a,
				struct journal_host_group **out, size_t *n);
/*
 * Of the inventory of @session, as journal_hosts() would list them: every
 * master, and the agents named in @names (those it has).
 */
enum status journal_hosts_named(struct journal *j, int64_t session, const char *const *names,
				size_t nnames, struct arena *a, struct journal_host **out,
				size_t *n);
/* The inventory of @session in order; *out in @a, *n 0 when it has none. */
enum status journal_hosts(struct journal *j, int64_t session, struct arena *a,
			  struct journal_host **out, size_t *n);
/*
 * The same from the @first'th agent on: every master, then at most @max
 * agents (SIZE_MAX: all), a range of the primary key (500 of 50,000 read
 * as quickly as 500 of 500).
 */
enum status journal_hosts_from(struct journal *j, int64_t session, size_t first, size_t max,
			       struct arena *a, struct journal_host **out, size_t *n);
/*
 * Whether the agents of @session's inventory are in the order of their
 * names, as their items' ids sort (each name after the one before it): read
 * without keeping them, up to the first out of order.
 */
enum status journal_agents_sorted(struct journal *j, int64_t session, bool *sorted);
/*
 * The agents of a session's inventory, in order, packed for batch after
 * batch to be cut from (journal_agents_packed()): agent i's name is names +
 * at[i], leader[i] whether it leads; sorted: each name after the one before.
 */
struct journal_agents {
	char *names;
	uint32_t *at;
	unsigned char *leader;
	size_t n, size;
	bool sorted;
};
/*
 * The agents of @session into @out (free with journal_agents_release()), in
 * one read that also says whether they are sorted; *@got false, @out empty,
 * when some were added later (journal_hosts_from() reads their first hop)
 * or their names take 4 GiB.
 */
enum status journal_agents_packed(struct journal *j, int64_t session, struct journal_agents *out,
				  bool *got);
void journal_agents_release(struct journal_agents *a);

/* Add an item the content gained after @session was planned. In a transaction. */
enum status journal_item_append(struct journal *j, int64_t session, const struct journal_item *it);
/* The session @id; *found false when there is none. */
enum status journal_session_get(struct journal *j, int64_t id, struct arena *a,
				struct journal_session *out, bool *found);
/* Every session id, oldest first; *ids is malloc'd (caller frees). */
enum status journal_session_ids(struct journal *j, int64_t **ids, size_t *n);

/* Append an event; its id goes to *id (may be NULL). */
enum status journal_event_add(struct journal *j, const struct journal_event *e, int64_t *id);

/*
 * The planned items of @session in order, with their last events; *out in
 * @a. @light reads only what the rules need, for the items that have events,
 * in no order: the item id, of the state event its action and forced flag,
 * of the choice its text (no kind, digest, position or note).
 */
enum status journal_item_states(struct journal *j, int64_t session, bool light, struct arena *a,
				struct journal_item_state **out, size_t *n);
/*
 * Of the items @ids (n), those @session has, each as the light read of
 * journal_item_states() lists it (its state, forced, branch; no event
 * details); in @a, in the order of @ids.
 */
enum status journal_item_states_of(struct journal *j, int64_t session, const char *const *ids,
				   size_t n, struct arena *a, struct journal_item_state **out,
				   size_t *nout);
/*
 * The hosts' items of per-host step @step ("HOP/ID") of @session that have
 * a state, each with its last events as journal_item_states() gives them
 * but without kind, digest or position (""; -1), sorted by id; in @a.
 */
enum status journal_host_items(struct journal *j, int64_t session, const char *step,
			       struct arena *a, struct journal_item_state **out, size_t *n);
/*
 * The same rows as "status" shows them: the choice only as its branch
 * (choice.text), the note without its digest; each event's session and
 * item the row's. Texts equal to the previous row's are shared, not copied.
 * @hint: how many rows there may be (the step's hosts; 0: not known).
 */
enum status journal_host_items_lean(struct journal *j, int64_t session, const char *step,
				    size_t hint, struct arena *a, struct journal_item_state **out,
				    size_t *n);
/* The same of the ids strictly between @lo and @hi (a few hosts of one step). */
enum status journal_host_items_lean_in(struct journal *j, int64_t session, const char *lo,
				       const char *hi, size_t hint, struct arena *a,
				       struct journal_item_state **out, size_t *n);
/*
 * The same into *@buf, room for *@cap rows grown with realloc() (the
 * caller's to free): one array for batch after batch; the texts in @a.
 */
enum status journal_host_items_lean_into(struct journal *j, int64_t session, const char *lo,
					 const char *hi, struct arena *a,
					 struct journal_item_state **buf, size_t *cap, size_t *n);
/*
 * The items of @session that are no host's ("HOP/ID", no '@') and have a
 * state, as the light read of journal_item_states() gives them, sorted by
 * id; in @a. Read through an index of them alone (schema 7).
 */
enum status journal_plan_states(struct journal *j, int64_t session, struct arena *a,
				struct journal_item_state **out, size_t *n);
/* How many items @session has in all, hosts' items too. */
enum status journal_item_total(struct journal *j, int64_t session, size_t *n);
/* Event @id, in @a; *found false when there is none. */
enum status journal_event_get(struct journal *j, int64_t id, struct arena *a,
			      struct journal_event *e, bool *found);
/* One item of @session with its last events; *found false when it has no such item. */
enum status journal_item_state(struct journal *j, int64_t session, const char *item,
			       struct arena *a, struct journal_item_state *out, bool *found);

/*
 * Call @fn for the events of @session (of @item only, when not NULL): oldest
 * first, or newest first with at most @limit (0: no limit) when @newest_first.
 * @fn returns false to stop. Strings passed to @fn live until it returns.
 */
enum status journal_events(struct journal *j, int64_t session, const char *item,
			   bool newest_first, size_t limit,
			   bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);

/*
 * As journal_events() of all @session's events oldest first, without their
 * digests (each e->digest ""): what a report reads, the digest column not read.
 */
enum status journal_timeline(struct journal *j, int64_t session,
			    bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);

/*
 * As journal_timeline(), only the events a report gathers from when it
 * reads the timeline again as it writes it (report.c, without a spool):
 * the notes, the events of any operator or host but @operator_name at
 * @host, and with @checkoffs every done, skip, choice and acknowledgement;
 * *@any, whether @session has any event.
 */
enum status journal_timeline_gather(struct journal *j, int64_t session, const char *operator_name,
				    const char *host, bool checkoffs, bool *any,
				    bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);

/* The ids of @session's first and last events into *@first and *@last (0 and 0: none). */
enum status journal_event_span(struct journal *j, int64_t session, int64_t *first, int64_t *last);

/*
 * As journal_timeline(), of @session's events from id @first to id @last:
 * those another connection saw (journal_event_span()), whatever was
 * recorded since.
 */
enum status journal_timeline_range(struct journal *j, int64_t session, int64_t first,
				   int64_t last,
				   bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);

/* As journal_timeline(), the notes of @session alone (schema 12 indexes them). */
enum status journal_notes(struct journal *j, int64_t session,
			  bool (*fn)(void *ctx, const struct journal_event *e), void *ctx);

/*
 * Each operator and host that recorded an event of @session, once, in the
 * order of their first (schema 12: session_operators); false from @fn is
 * out of memory.
 */
enum status journal_operators(struct journal *j, int64_t session,
			      bool (*fn)(void *ctx, const char *operator_name, const char *host),
			      void *ctx);

/*
 * A second connection to @j's file, read-only, for another thread to read
 * what @j has in a transaction of its own (report_spool.c): into *@out; a
 * failure said in @err (the file is no longer the one @j opened, say).
 */
enum status journal_open_twin(const struct journal *j, struct journal **out, struct strbuf *err);

/* The schema of @j's file as its connection reads it: an older one when read without migrating. */
int64_t journal_schema(const struct journal *j);

/* The time of the last event of @session, or the empty string; in @a. */
enum status journal_last_activity(struct journal *j, int64_t session, struct arena *a,
				  const char **time);

/* A number that changes whenever another connection commits (PRAGMA data_version). */
enum status journal_data_version(struct journal *j, int64_t *v);

/* ---- a session's cluster (journal_cluster.c) ---------------------------- */

/* Where a session's cluster is read from: URLs and file names, never a secret. */
struct journal_cluster {
	const char **masters;        /* "https://m1:5050", as given */
	size_t nmasters;
	const char *credentials;     /* the credentials file's path, or NULL */
	const char *cacert;          /* the CA file's path, or NULL */
};

/* Record @session's cluster. In a transaction. */
enum status journal_cluster_add(struct journal *j, int64_t session, const struct journal_cluster *c);
/* @session's cluster into *out (in @a); nmasters 0 when it has none. */
enum status journal_cluster_get(struct journal *j, int64_t session, struct arena *a,
				struct journal_cluster *out);

/* What a probe saw of one master or agent. */
struct journal_probe_host {
	const char *role;            /* "master" or "agent" */
	const char *host;
	const char *url;             /* a master's URL as asked; NULL for an agent */
	const char *version;         /* NULL when unknown */
	bool active, recovered;      /* agents */
	bool reachable, leader;      /* masters */
	const char *error;           /* NULL, or why a master did not answer */
};

struct journal_probe_warning {
	const char *kind;            /* "agents-newer", ... (probe_warning_name()) */
	const char *text;
};

/* A probe of a session's cluster: who asked, when, and what it saw. */
struct journal_probe {
	int64_t id, session;
	const char *time;            /* when it was read, ISO 8601 UTC */
	const char *operator_name, *host;
	const char *leader;          /* the leader's host; NULL when there was none */
	struct journal_probe_host *hosts;   /* masters first, in order */
	size_t nhosts;
	struct journal_probe_warning *warnings;
	size_t nwarnings;
	/* counted when read back */
	size_t masters, masters_answered, agents;
};

/* Record a probe (its hosts and warnings); its id goes to *id. In a transaction. */
enum status journal_probe_add(struct journal *j, const struct journal_probe *p, int64_t *id);
/*
 * The probes of @session, newest first, at most @limit (0: all), without
 * their hosts; their warnings when @warnings. *out in @a.
 */
enum status journal_probes(struct journal *j, int64_t session, size_t limit, bool warnings,
			   struct arena *a, struct journal_probe **out, size_t *n);
/* The latest probe of @session, whole (hosts and warnings); *found false when none. */
enum status journal_probe_latest(struct journal *j, int64_t session, struct arena *a,
				 struct journal_probe *out, bool *found);

/* What verified an event: the version a probe saw, and where it was read. */
struct journal_evidence {
	int64_t event;
	int64_t probe;
	const char *version;
	const char *observed;        /* the probe's time */
	const char *source;          /* the URL it was read from */
};

/* Attach evidence to an event just added. In a transaction. */
enum status journal_evidence_add(struct journal *j, const struct journal_evidence *e);
/* The evidence of @session's events, by event id; *out in @a. */
enum status journal_evidence(struct journal *j, int64_t session, struct arena *a,
			     struct journal_evidence **out, size_t *n);

/* ---- a session's life cycle --------------------------------------------- */

/* What a change of a session does; the journal keeps its name ("close", "reopen", "title"). */
enum journal_change_action { JOURNAL_CLOSE, JOURNAL_REOPEN, JOURNAL_TITLE };

/* A change of a session itself: closed, reopened, retitled. */
struct journal_change {
	int64_t id, session;
	enum journal_change_action action;
	const char *operator_name, *host, *time;
	const char *text;            /* the reason to close or reopen; the new title */
};

/* Record @c. In a transaction. */
enum status journal_change_add(struct journal *j, const struct journal_change *c);
/*
 * The latest change of @session that is @action1 or @action2 (close and
 * reopen: its status; title: its title); *found false when there is none.
 */
enum status journal_change_latest(struct journal *j, int64_t session,
				  enum journal_change_action action1,
				  enum journal_change_action action2, struct arena *a,
				  struct journal_change *out, bool *found);

/* ---- a session's hosts: exclusions and inventory edits (journal_hosts.c) ---- */

/* A host excluded from the upgrade ("exclude"), or included again ("include"). */
struct journal_exclusion {
	int64_t id, session;
	bool include;                /* included again ("include"), else excluded ("exclude") */
	const char *role, *target;   /* the host's role and name */
	const char *operator_name, *host, *time;
	const char *text;            /* the reason ("exclude"), or "" */
	bool forced;                 /* the leading master excluded with --force */
};

/* Record @x; its id goes to *id. In a transaction. */
enum status journal_exclusion_add(struct journal *j, const struct journal_exclusion *x,
				  int64_t *id);
/* Every exclusion and inclusion of @session, oldest first; *out in @a. */
enum status journal_exclusions(struct journal *j, int64_t session, struct arena *a,
			       struct journal_exclusion **out, size_t *n);
/* Record that event @event was written by exclusion (or inclusion) @exclusion. In a transaction. */
enum status journal_event_exclusion_add(struct journal *j, int64_t event, int64_t exclusion);
/*
 * The items whose state is still a skip that exclusion @exclusion wrote
 * (what its inclusion undoes), sorted; in @a.
 */
enum status journal_exclusion_standing(struct journal *j, int64_t exclusion, struct arena *a,
				       const char ***items, size_t *n);
/* The events of @session written by an exclusion or an inclusion, by event id. */
struct journal_event_exclusion {
	int64_t event, exclusion;
};
enum status journal_exclusion_events(struct journal *j, int64_t session, struct arena *a,
				     struct journal_event_exclusion **out, size_t *n);

/* Hosts added to a session's inventory ("edit --inventory"): who, when, from which hop. */
struct journal_edit {
	int64_t id, session;
	const char *from_hop;        /* the first hop the added hosts' items are in */
	const char *file;            /* the inventory file, as given */
	const char *operator_name, *host, *time;
	size_t added;                /* hosts it added (counted when read back) */
};
/* Record @e; its id goes to *id. In a transaction. */
enum status journal_edit_add(struct journal *j, const struct journal_edit *e, int64_t *id);
/* Add host @h to @session's inventory by edit @edit, after the hosts of its role. In a transaction. */
enum status journal_added_host_add(struct journal *j, int64_t session, int64_t edit,
				   const struct journal_host *h);
/* Per-host step @item of @session stays a whole step (it was resolved so before @edit). */
enum status journal_whole_step_add(struct journal *j, int64_t session, int64_t edit,
				   const char *item);
/* The whole steps of @session, sorted; *out in @a. */
enum status journal_whole_steps(struct journal *j, int64_t session, struct arena *a,
				const char ***out, size_t *n);
/* The inventory edits of @session, oldest first; *out in @a. */
enum status journal_edits(struct journal *j, int64_t session, struct arena *a,
			  struct journal_edit **out, size_t *n);

/* The end of @session's window, "HH:MM" local time. In a transaction. */
enum status journal_window_add(struct journal *j, int64_t session, const char *hhmm);
/* The end of @session's window into *out (in @a): "" when it has none. */
enum status journal_window_get(struct journal *j, int64_t session, struct arena *a,
			       const char **out);

/* ---- what a completion script asks for (journal_complete.c) -------------- */

/* What journal_complete() lists of a session. */
enum journal_complete_what {
	JOURNAL_COMPLETE_ITEMS,      /* its planned items: HOP/ID and HOP/ID@HOST */
	JOURNAL_COMPLETE_HOSTS,      /* the hosts of its inventory, those added by edits too */
	JOURNAL_COMPLETE_EXCLUDED,   /* the hosts it excludes now */
};
/* Called with each id (@len bytes, valid until it returns); false stops the listing. */
typedef bool journal_complete_fn(void *ctx, const char *id, size_t len);
/*
 * Call @fn with each id of @what in @session that starts with @prefix (bytes;
 * "" for all), sorted bytewise, each once. Reads an index range: only the
 * matching rows, and nothing else of the session. *@found false (and @fn
 * never called) when the journal has no session @session.
 */
enum status journal_complete(struct journal *j, enum journal_complete_what what, int64_t session,
			     const char *prefix, journal_complete_fn *fn, void *ctx, bool *found);
/* Call @fn with each session id whose decimal digits start with @prefix, oldest first. */
enum status journal_complete_sessions(struct journal *j, const char *prefix,
				      journal_complete_fn *fn, void *ctx);
/*
 * The first string after every string that starts with @prefix, into @end
 * (the range [@prefix, @end) holds them all); false when there is none
 * (@prefix "" or bytes 0xFF only). Out of memory leaves @end failed.
 */
bool journal_prefix_end(const char *prefix, struct strbuf *end);

#endif
