/*
 * wizard.h - the curses wizard: what its screens share.
 *
 * wizard_run() is the entry point. All rules and state live in core/ (a
 * struct session); the wizard shows them and turns keys into core calls.
 * What the screens share is here: the journal, the open session, who acts,
 * the message of the status bar and the log of every message of this run.
 * Each screen's own state is private to its file (screen.h). The loop draws
 * the stack, reads one key through input_get() (the test seam), hands it to
 * the top screen, and every half second looks in the journal for changes
 * made by other processes.
 *
 * The live cluster: a session started with masters can be probed (p, V).
 * The probe runs on a thread of its own (probe_job.h) while the loop goes on
 * reading keys, with a short timeout so the status bar shows its progress;
 * Esc cancels it. The journal is only touched on the wizard's thread: the
 * probe is recorded (and verify marks hosts) once it has ended. Without
 * masters nothing here asks the network.
 */
#ifndef MU_WIZARD_H
#define MU_WIZARD_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "draw.h"
#include "input.h"
#include "screen.h"
#include "session.h"
#include "session_clock.h"
#include "strbuf.h"

struct log_entry {
	char time[24];     /* "22:00:05 UTC": local time with its zone */
	bool error;
	char *text;        /* the whole message, terminal-safe */
};

struct session_live;
struct wizard_probe;

/* Another operator of the session, and the time of their latest event. */
#define WIZARD_PEERS_MAX 8
struct wizard_peer {
	char name[64];
	time_t last;
};

struct wizard {
	struct cli *cli;
	const struct content *content;
	struct journal *journal;    /* NULL until the first session is started (no file before) */
	struct session_actor who;
	struct input in;
	struct session *s;          /* the open session, NULL on the picker and form */
	/* the hop whose agents' items w->s has (session_load_view()): the one whose
	 * hosts were listed last; SESSION_NO_HOP before */
	size_t agents_hop;
	struct session_clock clock; /* its times, measured at each load (tui/wizard/clock.c) */
	/* the others who recorded an event in the last 10 minutes, at each load (activity.c) */
	struct wizard_peer peers[WIZARD_PEERS_MAX];
	size_t npeers;
	/* a load found a hop (or, SESSION_CLOCK_ALL, the session) newly finished: after a
	 * key its summary is shown (wizard.c), after another process's check-off not */
	bool summary_due;
	size_t summary_of;
	/* the login is root: who is working is asked before the first check-off (who.c) */
	bool ask_who;
	char who_name[65];          /* the name given; w->who.operator_name then points here */
	int replay;                 /* the key that asked, to go on with once answered (0: none) */
	int64_t data_version;
	struct screen *top;         /* the stack of screens */
	const char *msg;            /* the status bar's message (the log's last entry), or NULL */
	bool msg_error;
	struct log_entry *log;      /* every message of this run */
	size_t nlog, caplog;
	bool quit;
	enum status exit_status;
	/* the live cluster (tui/wizard/live.c, probe.c) */
	struct session_live *live;  /* the latest probe of live_of (probed false: never), or NULL */
	int64_t live_of;            /* the session live is of */
	size_t masters;             /* the masters of w->s (0: it was started without any) */
	struct wizard_probe *probe; /* the probe running in the background, or NULL */
};

/* Run the wizard on @session (0: resume the newest open one, or offer to start one). */
enum status wizard_run(struct cli *cli, int64_t session);

/* A message for the status bar, kept whole in the log. */
void wizard_message(struct wizard *w, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Load session @id into w->s; false (and a message) when it cannot be. */
bool wizard_load(struct wizard *w, int64_t id);
/* Open the journal when there is none yet (the first session): false and a message if it fails. */
bool wizard_journal(struct wizard *w);
/*
 * Show what the core said of a failure (diag.h), the one way the wizard
 * does (tui/wizard/refusal.c): the first message on the status bar as an
 * error, "@lead: " before it (@lead may be NULL), and when it has a place,
 * how many problems there are; the others before it, whole in the log (M),
 * as "@lead problem I of N: ". An empty list says "@lead: unusable".
 */
void wizard_report(struct wizard *w, const struct diag_list *dl, const char *lead);
/* wizard_report() with @before and @after the first message as they are ("Probe failed, "). */
void wizard_report_around(struct wizard *w, const struct diag_list *dl, const char *before,
			  const char *after);
/* Failure @st of a call on w->journal shown (journal_report(), wizard_report() with @lead). */
void wizard_journal_failed(struct wizard *w, enum status st, const char *lead);
/*
 * The core's refusals in the wizard's words (tui/wizard/refusal.c): fields
 * From, To, Title, Inventory and the wizard's keys, never the command line's
 * flags. A plan's refusal (plan_build_refusal()) and a check-off's.
 */
void wizard_word_plan(struct strbuf *out, const struct content *c, enum refusal_code code,
		      enum refusal_field field, const char *from, const char *to);
void wizard_word_mark(struct strbuf *out, const struct session_refusal *r);

/*
 * Record @req through core and reload: ST_OK when recorded (the message
 * says what), else the status, with the reason on the status bar; after a
 * failure of the journal itself, the text of the dialog that must say so is
 * added to @failure (may be NULL).
 */
enum status wizard_mark(struct wizard *w, struct mark_request *req, struct strbuf *failure);
/*
 * Before a write to the journal, which another process's lock can hold up
 * to 3 s: "@what (up to 3 s ...)" on the status bar at once; then, after
 * it, wizard_wait_done() takes that message back (it is no message to keep).
 */
void wizard_wait_message(struct wizard *w, const char *what);
/* The same of any step that takes a while (an export): the message as given, at once. */
void wizard_busy_message(struct wizard *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void wizard_wait_done(struct wizard *w);
/*
 * Reload the session and tell every screen of the stack: what was recorded
 * since it was read (session_refresh()), or all of it again when more than
 * check-offs and notes was.
 */
void wizard_reload(struct wizard *w);
/*
 * Whether item @i of w->s is a per-host step whose hosts w->s has; if not,
 * the session is read again with its hop's agents (each screen told), and
 * *@i is the item's index then. False when it cannot be read (a message).
 */
bool wizard_hosts_of(struct wizard *w, size_t *i);
/*
 * Draw the status bar on the last row: @left bold, then the message or
 * @hints (a dialog's own hints while one is open over the screen).
 */
void wizard_status_bar(const struct wizard *w, const char *left, const char *hints);
/* The title bar: @title on the left, operator@host on the right (the title is cut first). */
void wizard_title_bar(const struct wizard *w, const char *title);
/* The same with @extra (may be NULL) before operator@host, in the warning's colour when @warn. */
void wizard_title_bar_with(const struct wizard *w, const char *title, const char *extra,
			   bool warn);
/*
 * The title bar of a session's screens (the checklist, the hosts): the
 * other operators active in the last 10 minutes and the clock (of hop
 * @hop, SESSION_CLOCK_ALL for none) before operator@host, as room allows.
 */
void wizard_session_bar(const struct wizard *w, const char *title, size_t hop);

/* @s with each ISO time in it written as local time, as everywhere on the screen. */
void wizard_local_times(struct strbuf *out, const char *s);

/* e: a report of the session, its format and file asked, then written (tui/wizard/export.c). */
struct result wizard_export(struct wizard *w, struct screen *owner);

/* ---- actions on one item, shared by the checklist and the hosts (tui/wizard/actions.c) ---- */

/*
 * Space, s, n, u on item @i, opened from @owner. Each records at once or
 * returns the dialog that asks first. After a check-off, @owner's
 * after_mark is called (struct item_owner) to move its cursor.
 */
struct item_owner {
	struct screen base;
	/* after @action on item @id was recorded; @blocker: the item that blocked a forced one, or NULL */
	void (*after_mark)(struct screen *sc, struct wizard *w, enum mark_action action,
			   const char *id, const char *blocker);
};
struct result item_done(struct wizard *w, struct item_owner *o, size_t i);
struct result item_skip(struct wizard *w, struct item_owner *o, size_t i);
struct result item_note(struct wizard *w, struct item_owner *o, size_t i);
struct result item_undo(struct wizard *w, struct item_owner *o, size_t i);
/* The text of item @i (what the pane and the detail show), wrapped to @width. */
/* @own_screen: on a screen of its own (the detail), not beside its list (the keys differ). */
void item_text(const struct wizard *w, size_t i, int width, bool own_screen, struct lines *L);
/* How the checklist and the hosts list write a state and its attribute. */
const char *item_box(const struct session_item *it);
unsigned item_attr(const struct session *s, size_t i);
/* "VERB by OPERATOR@HOST at TIME: TEXT", wrapped after @indent spaces. */
void item_event_line(struct lines *L, int width, size_t indent, const char *verb,
		     const struct journal_event *e, unsigned attr);

/* ---- the operator's clock (tui/wizard/clock.c) ---- */

/* "window ends 23:30, in 28m"; "! ..." in its last 15 minutes and after it (then true). */
bool wizard_window_text(const char *window_end, time_t now, struct strbuf *out);
/*
 * A per-host step's pace: "2.0 hosts/min, about 12m left" ("2.0/min, 12m
 * left" when @brief); nothing until it can be measured.
 */
void wizard_pace_text(const struct session_pace *p, bool brief, struct strbuf *out);

/* ---- who is working (tui/wizard/activity.c, who.c) ---- */

/*
 * With w->ask_who, key @key (action @a) of screen @sc records something:
 * the dialog that asks the operator's name first (then the key goes on,
 * through w->replay); NULL when nothing is to be asked.
 */
struct screen *wizard_who_ask(struct wizard *w, const struct screen *sc, enum action a, int key);

/* Read w->peers from the journal: the operators but w->who of the last 10 minutes. */
void wizard_peers_load(struct wizard *w);
/* "also: bob, carol" ("also: bob +1" when @brief) of those still active now, or nothing. */
void wizard_peers_text(const struct wizard *w, bool brief, struct strbuf *out);

/* ---- which notes of a hop the checklist shows (tui/wizard/note_filter.c) ---- */

/* Does filter @f (0: every note) let item @it through? Steps and placed notes always. */
bool note_filter_lets(unsigned f, const struct session_item *it);
/* "every note", "notes for operator", "notes of category Flags" into @buf. */
void note_filter_name(unsigned f, char *buf, size_t size);
/* The filter after @f that shows a note of @hop (audiences, then categories, then 0). */
unsigned note_filter_next(unsigned f, const struct session *s, size_t hop);

/* ---- a host left out of the upgrade (tui/wizard/hosts_exclude.c) ---- */

/*
 * x (@include false) on host item @item, from screen @owner: asks the
 * reason, then excludes the host from session w->s (every pending item of
 * it skipped, in every hop); X (@include true) includes it again at once.
 */
struct result hosts_exclude(struct wizard *w, struct screen *owner, size_t item, bool include);

/* ---- the live cluster: what the latest probe saw (tui/wizard/live.c) ---- */

/* Load w->live and w->masters for w->s (the probe again only when a newer one was recorded). */
void wizard_live_load(struct wizard *w);
void wizard_live_free(struct wizard *w);
/* Whether w->s has a probe to show. */
bool wizard_live_probed(const struct wizard *w);
/*
 * What the latest probe saw of host item @i, into @out: "0.28.2", with the
 * probe's time when @with_time; "! " first when the item is done but the
 * host runs an older version (a mismatch, which the return value says too).
 * (Which master leads the row says: the rules take the live leader.)
 */
bool wizard_live_cell(const struct wizard *w, size_t i, bool with_time, struct strbuf *out);
/*
 * The warning line of hop @hop ("! 2 warnings from the probe of 22:00 UTC
 * ..."), on the hop being worked on (the first with a pending item) only,
 * as "status" puts them; false when there is none. @out may be NULL.
 */
bool wizard_live_banner(const struct wizard *w, size_t hop, struct strbuf *out);
/*
 * The latest probe in one line, for the hosts list (nothing when never
 * probed); true when it warns (a new leader): the caller marks it "!".
 */
bool wizard_live_summary(const struct wizard *w, struct strbuf *out);
/* What the probe saw of host item @i, as lines of its text (item_text). */
void wizard_live_text(const struct wizard *w, size_t i, int width, struct lines *L);

/* ---- the live cluster: a probe in the background (tui/wizard/probe.c) ---- */

/* p, V: probe the session's cluster (then verify) on a thread; the status bar says why not. */
void wizard_probe_start(struct wizard *w, bool verify);
/* Whether a probe runs; its progress ("probing: 3/9 requests, Esc cancels") into @out (may be NULL). */
bool wizard_probe_running(const struct wizard *w, struct strbuf *out);
/* Esc: stop the probe; nothing of it will be recorded. */
void wizard_probe_cancel(struct wizard *w);
/*
 * From the loop: once the probe has ended (with @wait, wait for it), record
 * it, verify, reload the session, and say what happened.
 */
void wizard_probe_poll(struct wizard *w, bool wait);
/* The wizard ends: stop the probe and wait for its thread; nothing is recorded. */
void wizard_probe_end(struct wizard *w);

#endif
