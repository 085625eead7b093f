/*
 * probe.c - p and V: a probe of the session's cluster in the background
 * (see wizard.h).
 *
 * The probe runs on its thread (probe_job.h) with the masters and the
 * credential of a struct session_cluster, which stays here until the
 * thread has ended. The loop polls it between keys; once it has ended, it
 * is recorded here, on the wizard's thread (the journal's connection is
 * this thread's), then verify marks what it can, and the session is
 * loaded again. A cancelled probe records nothing, even one that ended
 * just as Esc was pressed: the status bar said so.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "probe_job.h"
#include "session_live.h"
#include "session_probe.h"
#include "session_verify.h"
#include "wizard.h"

struct wizard_probe {
	struct probe_job *job;
	struct session_cluster *cluster;  /* the job reads its masters and credential */
	int64_t session;
	bool verify;
	bool cancelled;
};

static void probe_free(struct wizard_probe **pp)
{
	struct wizard_probe *p = *pp;

	if (!p)
		return;
	session_cluster_free(&p->cluster);
	free(p);
	*pp = NULL;
}

void wizard_probe_start(struct wizard *w, bool verify)
{
	struct diag_list dl;
	struct probe_opts o = { 0 };
	struct wizard_probe *p;
	enum status st;

	if (w->probe) {
		wizard_message(w, true, "A probe is running already: Esc cancels it.");
		return;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		wizard_message(w, true, "Out of memory: the cluster cannot be probed.");
		return;
	}
	p->session = w->s->info.id;
	p->verify = verify;
	diag_list_init(&dl);
	st = session_cluster_open(w->journal, p->session, &p->cluster, &dl);
	if (st == ST_USAGE)
		wizard_message(w, true, "This session has no masters: start it with --master URL.");
	else if (st != ST_OK)
		wizard_report(w, &dl, "The cluster cannot be probed");
	if (st == ST_OK) {
		/* the command line's timeouts: 5 s to connect, 15 s a request */
		session_cluster_probe_opts(p->cluster, &o);
		st = probe_job_start(&o, &p->job);
		if (st != ST_OK)
			wizard_message(w, true, "The probe cannot start: out of memory, or no "
				       "thread for it.");
	}
	if (st == ST_OK)
		w->probe = p;
	else
		probe_free(&p);
	diag_list_release(&dl);
}

bool wizard_probe_running(const struct wizard *w, struct strbuf *out)
{
	const char *what;
	size_t done, total;

	if (!w->probe)
		return false;
	if (!out)
		return true;
	what = w->probe->verify ? "verify: probing" : "probing";
	probe_job_poll(w->probe->job, &done, &total);
	if (w->probe->cancelled)
		strbuf_adds(out, "cancelling the probe...");
	else if (total)
		strbuf_addf(out, "%s: %zu/%zu requests", what, done, total);
	else
		strbuf_addf(out, "%s the cluster", what);
	/* in a dialog Esc closes the dialog: the probe goes on */
	if (!w->probe->cancelled && !(w->top && w->top->ops->modal))
		strbuf_adds(out, ", Esc cancels");
	return true;
}

void wizard_probe_cancel(struct wizard *w)
{
	if (!w->probe || w->probe->cancelled)
		return;
	w->probe->cancelled = true;
	probe_job_cancel(w->probe->job);
}

/* Why the probe failed (@dl, cluster_probe()), with its cause first. */
static void say_failure(struct wizard *w, enum status st, const struct diag_list *dl)
{
	const char *before;

	switch (st) {
	case ST_UNAVAILABLE:
		/* dl: "no Mesos master answered: URL: what happened; ..." */
		before = "Probe failed, ";
		break;
	case ST_NOPERM:
		before = "Probe refused, the credentials were refused or are missing: ";
		break;
	case ST_DATAERR:
		before = "Probe failed, not a Mesos answer: ";
		break;
	default:
		before = "Probe failed: ";
		break;
	}
	wizard_report_around(w, dl, before, "; nothing recorded.");
}

/*
 * The hop of item @id ("HOP/ID@HOST") in the plan of w->s, by its id: the
 * view the wizard holds may not have that host's item (session_load_view()).
 */
static const struct content_hop *hop_of_item(const struct wizard *w, int64_t session,
					     const char *id)
{
	size_t len = strcspn(id, "/");

	for (size_t h = 0; w->s && w->s->info.id == session && h < w->s->plan.nhops; h++)
		if (strlen(w->s->plan.hops[h].id) == len && !strncmp(w->s->plan.hops[h].id, id, len))
			return &w->s->plan.hops[h];
	return NULL;
}

/* "Verified: 12 hosts marked done; 30 still report an older version; ..." */
static void say_verified(struct wizard *w, const struct verify_result *v, int64_t session)
{
	struct strbuf msg = STRBUF_INIT;
	size_t older = 0, unseen = 0, held = 0;

	for (size_t k = 0; k < v->npending; k++) {
		const struct content_hop *hop = hop_of_item(w, session, v->pending[k].item);
		enum live_match m = hop ? session_live_match(hop, v->pending[k].version)
					: LIVE_UNKNOWN;
		if (!v->pending[k].version || m == LIVE_UNKNOWN)
			unseen++;
		else if (m == LIVE_OLDER)
			older++;
		else
			held++;
	}
	strbuf_addf(&msg, "Verified: %zu host%s marked done", v->nmarked, v->nmarked == 1 ? "" : "s");
	if (older)
		strbuf_addf(&msg, "; %zu still report%s an older version", older,
			    older == 1 ? "s" : "");
	if (held)
		strbuf_addf(&msg, "; %zu on the new version wait%s for the checklist's rules",
			    held, held == 1 ? "s" : "");
	if (unseen)
		strbuf_addf(&msg, "; %zu not seen or without a version", unseen);
	if (!v->npending)
		strbuf_adds(&msg, v->nmarked ? "; no host left to verify" : "; no host to verify");
	wizard_message(w, false, "%s.", strbuf_str(&msg));
	strbuf_release(&msg);
}

/* "Probed: leader m2; 3 of 3 masters answered; 4 agents; 1 warning (w reads it)." */
static void say_probed(struct wizard *w, const struct probe_result *r)
{
	size_t answered = 0;
	bool moved = false;

	for (size_t i = 0; i < r->nmasters; i++)
		answered += r->masters[i].reachable;
	for (size_t i = 0; i < r->nwarnings; i++)
		moved |= r->warnings[i].kind == PROBE_LEADER_CHANGED;
	wizard_message(w, moved, "Probed: %s %s; %zu of %zu master%s answered; %zu agent%s; "
		       "%zu warning%s%s.", moved ? "the leader changed, now" : "leader",
		       r->leader ? r->leader : "none", answered, r->nmasters,
		       r->nmasters == 1 ? "" : "s", r->nagents, r->nagents == 1 ? "" : "s",
		       r->nwarnings, r->nwarnings == 1 ? "" : "s",
		       r->nwarnings == 1 ? " (w reads it)" : r->nwarnings ? " (w reads them)" : "");
}

/* Record the probe, verify, reload: the journal is this thread's. */
static void record(struct wizard *w, struct wizard_probe *p, struct probe_result *r)
{
	struct verify_result v = { 0 };
	struct diag_list dl;
	int64_t probe_id;
	enum status st;

	diag_list_init(&dl);
	wizard_wait_message(w, "Recording the probe...");
	st = session_probe_record(w->journal, p->cluster, &w->who, r, &probe_id, &dl);
	wizard_wait_done(w);
	if (st != ST_OK) {
		wizard_report(w, &dl, "The probe answered, but it is NOT recorded");
		goto out;
	}
	if (p->verify)
		st = session_verify(w->journal, w->content, p->session, r, probe_id, &w->who, &v,
				    &dl);
	if (w->s && w->s->info.id == p->session)
		wizard_reload(w);
	if (st != ST_OK)
		wizard_report_around(w, &dl, "Verify failed: ", " (the probe was recorded).");
	else if (p->verify)
		say_verified(w, &v, p->session);
	else
		say_probed(w, r);
out:
	verify_result_release(&v);
	diag_list_release(&dl);
}

void wizard_probe_poll(struct wizard *w, bool wait)
{
	struct wizard_probe *p = w->probe;
	struct probe_result *r = NULL;
	struct diag_list dl;
	size_t done, total;
	enum status st;

	if (!p || (!wait && !probe_job_poll(p->job, &done, &total)))
		return;
	diag_list_init(&dl);
	st = probe_job_finish(&p->job, &r, &dl);
	w->probe = NULL;
	if (p->cancelled)
		wizard_message(w, false, "Probe cancelled; nothing recorded.");
	else if (st != ST_OK)
		say_failure(w, st, &dl);
	else
		record(w, p, r);
	probe_result_free(&r);
	probe_free(&p);
	diag_list_release(&dl);
}

void wizard_probe_end(struct wizard *w)
{
	struct probe_result *r = NULL;
	struct diag_list dl;

	if (!w->probe)
		return;
	diag_list_init(&dl);
	probe_job_cancel(w->probe->job);
	probe_job_finish(&w->probe->job, &r, &dl);
	probe_result_free(&r);
	probe_free(&w->probe);
	diag_list_release(&dl);
}
