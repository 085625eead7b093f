/*
 * session_clock.h - the operator's clock: how long the session and each hop
 * have taken, how fast a per-host step goes and how long it has left, and
 * the countdown to the end of the maintenance window. No curses: the wizard
 * draws what these compute, and the tests give them fixed times.
 *
 * A hop starts at its first check-off: the first done, acknowledgement,
 * skip or branch chosen on one of its items; a note written before (an hour
 * of preparation) does not start it, and neither does an undo. The first
 * check-off is looked up in the journal (the events of each item of the hop
 * that has any, by the items' index), once per hop: events are never
 * deleted, so a start once found never changes. A hop is finished when
 * every item of it is done or skipped; it ends at the last of those
 * check-offs in the journal's order (the largest event id; a per-host step
 * counts as its last host's), at the time that one recorded: a clock set
 * back then gives an end before the start, never a duration made up. The
 * session starts at the earliest start of its hops and, when it is
 * finished, ends at the last of their ends in the journal's order.
 */
#ifndef MU_SESSION_CLOCK_H
#define MU_SESSION_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "journal.h"
#include "session.h"

struct session_clock_hop {
	bool started;
	time_t start;       /* its first check-off (as reports count it) */
	bool from_ack;      /* no check-off yet: the start is its first acknowledgement */
	bool finished;      /* every item done or skipped */
	time_t end;         /* then: the last of those check-offs (journal order) */
};

/* The clock of one session; zero it (or SESSION_CLOCK_INIT) before the first update. */
struct session_clock {
	int64_t session;    /* the session it is of, 0 before the first update */
	size_t nhops;
	struct session_clock_hop *hops;  /* owned; one per hop of the plan */
	bool started, finished;
	time_t start, end;  /* the session's, as the header says */
};
#define SESSION_CLOCK_INIT { 0, 0, NULL, false, false, 0, 0 }

/*
 * Bring @c up to date with @s (just loaded from @j): the starts of the hops
 * not started before are looked up, the ends of all are measured again.
 * Another session than the last one starts afresh. Journal errors as
 * journal.h says, ST_NOMEM out of memory; either way the hops not found
 * stay not started (asked again at the next update).
 */
enum status session_clock_update(struct session_clock *c, struct journal *j,
				 const struct session *s);
void session_clock_release(struct session_clock *c);

/*
 * The seconds hop @hop (or, with SESSION_CLOCK_ALL, the session) has taken:
 * from its start to its end when finished, else to @now; -1 when it has
 * not started (or @now is before its start, a clock set back).
 */
#define SESSION_CLOCK_ALL ((size_t)-1)
long session_clock_seconds(const struct session_clock *c, size_t hop, time_t now);

/*
 * The pace of per-host step @step of @s (an item with hosts): hosts resolved
 * and pending, hosts per minute from the first host's check-off to the
 * latest one's (n - 1 intervals over that span, so at least two check-offs
 * a second or more apart), and the seconds left for the pending ones at
 * that pace. False when the item has no hosts.
 */
struct session_pace {
	size_t resolved, pending;
	bool known;             /* enough check-offs to measure a pace */
	double per_minute;
	long left;              /* seconds, when known and hosts are pending; else 0 */
};
bool session_clock_pace(const struct session *s, size_t step, struct session_pace *out);

/* The maintenance window's end, "HH:MM" local time, against now. */
enum session_window {
	SESSION_WINDOW_BAD,      /* not "HH:MM" (00:00 to 23:59) */
	SESSION_WINDOW_OPEN,     /* more than SESSION_WINDOW_WARN seconds left */
	SESSION_WINDOW_CLOSING,  /* SESSION_WINDOW_WARN seconds or less left: a warning */
	SESSION_WINDOW_PAST,     /* the end has passed */
};
#define SESSION_WINDOW_WARN (15 * 60)
/*
 * Where @now stands against the window ending at @hhmm: the end is the
 * occurrence of that local time nearest to @now (within 12 hours either
 * way, so 02:00 seen at 22:00 is 4 hours ahead, and at 02:10 is 10 minutes
 * past). *@seconds: left until it (OPEN, CLOSING), or since it (PAST).
 */
enum session_window session_clock_window(const char *hhmm, time_t now, long *seconds);

/*
 * @seconds as the screen says a duration: "45s", "12m", "1h 09m" (minutes
 * rounded down from one minute on); into @buf (at least 24 bytes).
 */
void session_clock_words(long seconds, char *buf, size_t size);

#endif
