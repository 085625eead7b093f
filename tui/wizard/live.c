/*
 * live.c - what the latest probe of the session saw, as the screens show it
 * (see wizard.h): each host's live version and when it was seen, a done
 * host that still runs an older version, the warnings on the hop.
 *
 * The probe is read from the journal when the session is loaded, and read
 * whole again only when a newer one was recorded (a reload follows every
 * check-off). Nothing here asks the network.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "session_live.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

void wizard_live_free(struct wizard *w)
{
	session_live_free(&w->live);
	w->live_of = 0;
}

/* The id of the latest probe of @session (0: none), or -1 when it cannot be read. */
static int64_t latest_probe(struct journal *j, int64_t session)
{
	struct arena a = ARENA_INIT;
	struct journal_probe *p;
	size_t n = 0;
	int64_t id = -1;

	if (journal_probes(j, session, 1, false, &a, &p, &n) == ST_OK)
		id = n ? p[0].id : 0;
	arena_release(&a);
	return id;
}

void wizard_live_load(struct wizard *w)
{
	struct arena a = ARENA_INIT;
	struct journal_cluster c;
	int64_t id = w->s->info.id, latest;

	w->masters = journal_cluster_get(w->journal, id, &a, &c) == ST_OK ? c.nmasters : 0;
	arena_release(&a);
	latest = latest_probe(w->journal, id);
	if (w->live && w->live_of == id &&
	    latest == (w->live->probed ? w->live->probe.id : 0))
		return; /* the probe shown is still the latest */
	wizard_live_free(w);
	/* a probe that cannot be read is not shown: the checklist works without it */
	if (latest >= 0 && session_live_load(w->journal, id, false, &w->live) == ST_OK)
		w->live_of = id;
}

bool wizard_live_probed(const struct wizard *w)
{
	return w->s && w->live && w->live_of == w->s->info.id && w->live->probed;
}

/* The probe's time, as every time on the screen. */
static void probe_time(const struct wizard *w, char *out, size_t size)
{
	time_local(w->live->probe.time, out, size);
}

bool wizard_live_cell(const struct wizard *w, size_t i, bool with_time, struct strbuf *out)
{
	const struct session_item *it = &w->s->items[i];
	const struct journal_probe_host *h;
	bool mismatch;
	char t[TIMEFMT_LEN];

	if (!wizard_live_probed(w))
		return false;
	h = session_live_item(w->live, w->s, it);
	mismatch = session_live_mismatch(w->live, w->s, it);
	/* the mark in text, not by colour alone: NO_COLOR shows it too */
	if (mismatch)
		strbuf_adds(out, "! ");
	if (!h)
		strbuf_adds(out, "not seen");
	else if (h->version)
		text_add_plain(out, h->version, 0);
	else
		strbuf_adds(out, !strcmp(h->role, "master") && !h->reachable ? "unreachable"
									   : "unknown");
	if (with_time) {
		probe_time(w, t, sizeof(t));
		strbuf_addf(out, " %s", t);
	}
	return mismatch;
}

/* The warning of @kind in the latest probe, or NULL. */
static const struct journal_probe_warning *warning(const struct wizard *w, const char *kind)
{
	for (size_t i = 0; i < w->live->probe.nwarnings; i++)
		if (!strcmp(w->live->probe.warnings[i].kind, kind))
			return &w->live->probe.warnings[i];
	return NULL;
}

/* "New leader HOST. " when the latest probe warns that the leader changed (w: the whole text). */
static void leader_changed(const struct wizard *w, struct strbuf *out)
{
	const char *leader = w->live->probe.leader;

	if (!warning(w, "leader-changed") || !leader)
		return;
	strbuf_adds(out, "New leader ");
	text_add_plain(out, leader, 0);
	strbuf_adds(out, ". ");
}

bool wizard_live_banner(const struct wizard *w, size_t hop, struct strbuf *out)
{
	const struct session *s = w->s;
	size_t n;
	char t[TIMEFMT_LEN];

	if (!wizard_live_probed(w) || !(n = w->live->probe.nwarnings) || hop >= s->plan.nhops)
		return false;
	/* the hop being worked on: nothing pending before it, something in it */
	if (s->first_pending_before[hop] >= 0 ||
	    (s->first_pending_note[hop] < 0 && s->first_pending_step[hop] < 0))
		return false;
	if (!out)
		return true;
	probe_time(w, t, sizeof(t));
	strbuf_adds(out, "! ");
	leader_changed(w, out);
	strbuf_addf(out, "%zu warning%s from the probe of %s: w reads %s", n, n == 1 ? "" : "s", t,
		    n == 1 ? "it" : "them");
	return true;
}

bool wizard_live_summary(const struct wizard *w, struct strbuf *out)
{
	const struct journal_probe *p;
	char t[TIMEFMT_LEN];
	bool changed;

	if (!wizard_live_probed(w))
		return false;
	p = &w->live->probe;
	probe_time(w, t, sizeof(t));
	changed = warning(w, "leader-changed") != NULL;
	leader_changed(w, out);
	/* the warnings first, what cuts the line last: the pager (w) has it all */
	strbuf_addf(out, "Probed %s: ", t);
	if (p->nwarnings)
		strbuf_addf(out, "%zu warning%s (w); ", p->nwarnings, p->nwarnings == 1 ? "" : "s");
	strbuf_adds(out, "leader ");
	text_add_plain(out, p->leader ? p->leader : "none", 0);
	strbuf_addf(out, "; %zu of %zu master%s answered; %zu agent%s", p->masters_answered,
		    p->masters, p->masters == 1 ? "" : "s", p->agents, p->agents == 1 ? "" : "s");
	return changed;
}

void wizard_live_text(const struct wizard *w, size_t i, int width, struct lines *L)
{
	const struct session_item *it = &w->s->items[i];
	const struct content_hop *hop = &w->s->plan.hops[it->hop];
	const struct journal_probe_host *h;
	struct strbuf sb = STRBUF_INIT;
	char t[TIMEFMT_LEN];

	if (!it->host || !wizard_live_probed(w))
		return;
	h = session_live_item(w->live, w->s, it);
	probe_time(w, t, sizeof(t));
	if (!h) {
		strbuf_addf(&sb, "not seen by the probe of %s.", t);
	} else if (h->version) {
		text_add_plain(&sb, h->version, 0);
		strbuf_addf(&sb, ", as the probe of %s saw it%s.", t, h->leader ? " (leading)" : "");
	} else if (!strcmp(h->role, "master") && !h->reachable) {
		strbuf_addf(&sb, "did not answer the probe of %s", t);
		if (h->error) {
			strbuf_adds(&sb, ": ");
			text_add_plain(&sb, h->error, 0);
		}
		strbuf_addc(&sb, '.');
	} else {
		strbuf_addf(&sb, "seen by the probe of %s, but not its version.", t);
	}
	lines_wrap(L, A_NORMAL, "Live: ", strbuf_str(&sb), 6, width);
	if (session_live_mismatch(w->live, w->s, it)) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "! Done, but the host still runs an older version than %s: "
			    "restart it onto %s, or undo it.", hop->to, hop->to);
		lines_wrap(L, term_attr_of(TA_WARNING), "", strbuf_str(&sb), 2, width);
	}
	strbuf_release(&sb);
}
