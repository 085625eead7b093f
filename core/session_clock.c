/*
 * session_clock.c - the operator's clock (see session_clock.h): elapsed
 * times of the session and its hops, the pace of a per-host step, the
 * countdown to the window's end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "session_clock.h"

void session_clock_release(struct session_clock *c)
{
	free(c->hops);
	memset(c, 0, sizeof(*c));
}

/*
 * An item's first check-off, as the reports count it (report.c): a done, a
 * skip or a choice, not one an exclusion wrote; notes and undos never, and
 * an acknowledgement only for a hop that has nothing else yet (a hop of
 * notes alone starts at its first acknowledgement). Events oldest first.
 */
struct first_ctx {
	const struct session *s;
	time_t t, ack;
	bool found, acked;
};

static bool first_checkoff(void *ctx, const struct journal_event *e)
{
	struct first_ctx *f = ctx;
	time_t t;

	if (e->action == EVENT_NOTE || e->action == EVENT_UNDO ||
	    !clock_parse_iso(e->time, &t))
		return true;
	if (e->action == EVENT_ACK) {
		if (!f->acked)
			f->ack = t, f->acked = true;
		return true;
	}
	if (!session_event_checks_off(f->s, e))
		return true;
	f->t = t;
	f->found = true;
	return false;
}

/* Item @it's first check-off, when earlier than its hop's start found so far. */
static enum status look_up(struct session_clock_hop *hc, struct journal *j, const struct session *s,
			   const struct session_item *it)
{
	struct first_ctx f = { s, 0, 0, false, false };
	enum status st = journal_events(j, s->info.id, it->id, false, 0, first_checkoff, &f);

	if (st != ST_OK)
		return st;
	if (f.found && (!hc->started || hc->from_ack || f.t < hc->start)) {
		hc->start = f.t;
		hc->started = true;
		hc->from_ack = false;
	} else if (f.acked && (!hc->started || (hc->from_ack && f.ack < hc->start))) {
		hc->start = f.ack;
		hc->started = hc->from_ack = true;
	}
	return ST_OK;
}

/*
 * Item @it in the end of its hop: pending, it is not finished; else its
 * check-off counts, the hop's last in the journal's order (the largest
 * event id, *@last: 0 for none yet) at the time it recorded. A per-host
 * step is one item, its last host's check-off in that order (as the
 * journal's counts keep it, host_counts.last_event), whether its hosts are
 * loaded or not: a clock set back among them ends it alike either way.
 */
static void measure_end(struct session_clock_hop *hc, const struct session_item *it,
			int64_t *last)
{
	time_t t;

	if (it->drift == DRIFT_REMOVED || it->host)
		return;
	if (it->state == ITEM_PENDING) {
		hc->finished = false;
	} else if (it->has_last && (!*last || it->last.id > *last) &&
		   clock_parse_iso(it->last.time, &t)) {
		hc->end = t;
		*last = it->last.id;
	}
}

static enum status reset(struct session_clock *c, const struct session *s)
{
	session_clock_release(c);
	c->hops = calloc(s->plan.nhops + 1, sizeof(*c->hops));
	if (!c->hops)
		return ST_NOMEM;
	c->session = s->info.id;
	c->nhops = s->plan.nhops;
	return ST_OK;
}

/*
 * The starts of the hops to @look at, from what the journal keeps of each
 * hop's first check-off and acknowledgement; *@kept false when it keeps
 * none (an older journal, read as it is): the events are asked item by item.
 */
static enum status hop_starts(struct session_clock *c, struct journal *j, const struct session *s,
			      const bool *look, bool *kept)
{
	struct arena a = ARENA_INIT;
	struct journal_hop_first *v;
	size_t n;
	enum status st = journal_hop_firsts(j, s->info.id, &a, &v, &n, kept);

	for (size_t i = 0; st == ST_OK && *kept && i < n; i++) {
		size_t h = 0;
		time_t t;
		while (h < c->nhops && strcmp(s->plan.hops[h].id, v[i].hop))
			h++;
		if (h == c->nhops || !look[h])
			continue;
		if (v[i].checkoff && clock_parse_iso(v[i].checkoff, &t)) {
			c->hops[h].start = t;
			c->hops[h].started = true;
		} else if (v[i].ack && clock_parse_iso(v[i].ack, &t)) {
			c->hops[h].start = t;
			c->hops[h].started = c->hops[h].from_ack = true;
		}
	}
	arena_release(&a);
	return st;
}

enum status session_clock_update(struct session_clock *c, struct journal *j,
				 const struct session *s)
{
	bool kept = false;
	enum status st = ST_OK;
	bool *look = NULL;
	int64_t *last = NULL, end = 0;

	if ((c->session != s->info.id || c->nhops != s->plan.nhops) && reset(c, s) != ST_OK)
		return ST_NOMEM;
	look = calloc(c->nhops + 1, sizeof(*look));
	last = calloc(c->nhops + 1, sizeof(*last));
	if (!look || !last) {
		st = ST_NOMEM;
		goto out;
	}
	for (size_t h = 0; h < c->nhops; h++) {
		/* a start once found stays (events are never deleted), but for
		 * an acknowledgement's, which a later check-off replaces */
		look[h] = !c->hops[h].started || c->hops[h].from_ack;
		if (c->hops[h].from_ack)
			c->hops[h].started = c->hops[h].from_ack = false;
		c->hops[h].finished = true;
	}
	st = hop_starts(c, j, s, look, &kept);
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->hop >= c->nhops)
			continue;
		/* an item never checked off has no state event and no branch */
		if (!kept && look[it->hop] && (it->has_last || it->branch) && st == ST_OK)
			st = look_up(&c->hops[it->hop], j, s, it);
		measure_end(&c->hops[it->hop], it, &last[it->hop]);
	}
	c->started = false;
	for (size_t h = 0; h < c->nhops; h++) {
		struct session_clock_hop *hc = &c->hops[h];
		if (st != ST_OK && look[h])
			hc->started = false; /* half looked up: asked again next time */
		hc->finished = hc->finished && last[h] && hc->started;
		if (hc->started && (!c->started || hc->start < c->start)) {
			c->start = hc->start;
			c->started = true;
		}
		/* the session ends with its last check-off in the journal's order, as a hop */
		if (last[h] > end) {
			c->end = hc->end;
			end = last[h];
		}
	}
	c->finished = c->started && s->finished && end;
out:
	free(look);
	free(last);
	return st;
}

long session_clock_seconds(const struct session_clock *c, size_t hop, time_t now)
{
	bool started = hop == SESSION_CLOCK_ALL ? c->started : hop < c->nhops && c->hops[hop].started;
	bool finished;
	time_t start, end;

	if (!started)
		return -1;
	if (hop == SESSION_CLOCK_ALL) {
		start = c->start;
		finished = c->finished;
		end = c->end;
	} else {
		start = c->hops[hop].start;
		finished = c->hops[hop].finished;
		end = c->hops[hop].end;
	}
	if (!finished)
		end = now;
	return end < start ? -1 : (long)(end - start);
}

bool session_clock_pace(const struct session *s, size_t step, struct session_pace *out)
{
	const struct session_item *st = step < s->nitems ? &s->items[step] : NULL;
	time_t first = 0, last = 0;
	size_t timed = 0;
	long span;

	memset(out, 0, sizeof(*out));
	if (!st || !st->nhosts)
		return false;
	out->resolved = st->hosts_done + st->hosts_skipped;
	out->pending = st->nhosts - out->resolved;
	for (size_t i = step + 1; i < s->nitems && s->items[i].host; i++) {
		const struct session_item *h = &s->items[i];
		time_t t;
		if (h->state == ITEM_PENDING || !h->has_last || !clock_parse_iso(h->last.time, &t))
			continue;
		first = !timed || t < first ? t : first;
		last = !timed || t > last ? t : last;
		timed++;
	}
	span = (long)(last - first);
	if (timed < 2 || span < 1)
		return true;
	out->known = true;
	out->per_minute = (double)(timed - 1) * 60.0 / (double)span;
	out->left = out->pending ? (long)((double)out->pending * 60.0 / out->per_minute + 0.5) : 0;
	return true;
}

/* "HH:MM", 00:00 to 23:59, exactly. */
static bool parse_hhmm(const char *s, int *h, int *m)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	*h = (s[0] - '0') * 10 + (s[1] - '0');
	*m = (s[3] - '0') * 10 + (s[4] - '0');
	return *h < 24 && *m < 60;
}

/* @hh:@mm local time on the day of @now, @days later. */
static time_t local_at(time_t now, int days, int hh, int mm)
{
	struct tm tm;

	if (!localtime_r(&now, &tm))
		return (time_t)-1;
	tm.tm_mday += days;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

enum session_window session_clock_window(const char *hhmm, time_t now, long *seconds)
{
	time_t end;
	long d;
	int hh, mm;

	*seconds = 0;
	if (!parse_hhmm(hhmm, &hh, &mm) || (end = local_at(now, 0, hh, mm)) == (time_t)-1)
		return SESSION_WINDOW_BAD;
	d = (long)(end - now);
	/* the occurrence nearest to now: yesterday's or tomorrow's when today's is far */
	if (d > 12 * 3600)
		d = (long)(local_at(now, -1, hh, mm) - now);
	else if (d <= -12 * 3600)
		d = (long)(local_at(now, 1, hh, mm) - now);
	if (d < 0) {
		*seconds = -d;
		return SESSION_WINDOW_PAST;
	}
	*seconds = d;
	return d <= SESSION_WINDOW_WARN ? SESSION_WINDOW_CLOSING : SESSION_WINDOW_OPEN;
}

void session_clock_words(long seconds, char *buf, size_t size)
{
	if (seconds < 0)
		snprintf(buf, size, "?");
	else if (seconds < 60)
		snprintf(buf, size, "%lds", seconds);
	else if (seconds < 3600)
		snprintf(buf, size, "%ldm", seconds / 60);
	else
		snprintf(buf, size, "%ldh %02ldm", seconds / 3600, seconds / 60 % 60);
}
