/*
 * session_rules.c - the rules of the checklist (session.h): what keeps an
 * item from being done or skipped, and what a request may record, refused
 * as data when it may not.
 */
#include <string.h>

#include "session_private.h"

/*
 * The first master of the leader's step @step still pending, other than
 * the leader @leader itself; -1 when none is.
 */
static long other_master_pending(const struct session *s, size_t step, size_t leader)
{
	for (size_t k = step + 1; k < s->nitems && s->items[k].parent == (long)step; k++)
		if (k != leader && s->items[k].state == ITEM_PENDING)
			return (long)k;
	return -1;
}

/* The item of host @host among the hosts' items of @k, or -1. */
static long host_item(const struct session *s, size_t k, const char *host, size_t guess)
{
	const struct session_item *p = &s->items[k];

	/* the hosts of one role come in the same order under every item: try that place first */
	if (guess < p->nloaded && !strcmp(s->items[k + 1 + guess].host, host))
		return (long)(k + 1 + guess);
	for (size_t q = 0; q < p->nloaded; q++)
		if (!strcmp(s->items[k + 1 + q].host, host))
			return (long)(k + 1 + q);
	return -1;
}

/*
 * The first item in the way of step @i (or of its host's item @item) in an
 * ordered hop: an earlier pending step or note placed among the steps. A
 * per-host note is in the way of a host's item only by that host's item of
 * it: an agent whose storage providers are gone can be upgraded while another
 * agent's are still there. -1 when nothing is in the way.
 */
static long order_blocker(const struct session *s, size_t i, size_t item)
{
	long k = s->first_pending_step[s->items[i].hop];

	for (; k >= 0 && (size_t)k < i; k += 1 + (long)s->items[k].nloaded) {
		const struct session_item *p = &s->items[k];
		long h;
		if (p->host || p->state != ITEM_PENDING || p->drift == DRIFT_REMOVED ||
		    session_item_before(p))
			continue;
		if (item == i || !p->nhosts || !p->note)
			return k;
		h = host_item(s, (size_t)k, s->items[item].host, item - i - 1);
		if (h < 0)
			return k;
		if (s->items[h].state == ITEM_PENDING)
			return h;
	}
	return -1;
}

enum session_block session_blocker(const struct session *s, size_t i, long *blocker)
{
	const struct session_item *it = &s->items[i];
	size_t item = i;
	long b;

	*blocker = -1;
	if (it->drift == DRIFT_REMOVED)
		return SESSION_BLOCK_REMOVED;
	if (it->host && it->parent >= 0) {
		/* a host's item is locked when its step is */
		i = (size_t)it->parent;
		it = &s->items[i];
	}
	b = s->first_pending_before[it->hop];
	if (b >= 0) {
		*blocker = b;
		return SESSION_BLOCK_EARLIER_HOP;
	}
	if (session_item_before(it))
		return SESSION_BLOCK_NONE;
	b = s->first_pending_note[it->hop];
	if (b >= 0) {
		*blocker = b;
		return SESSION_BLOCK_NOTES;
	}
	if (s->plan.hops[it->hop].ordered && (b = order_blocker(s, i, item)) >= 0) {
		*blocker = b;
		return SESSION_BLOCK_ORDER;
	}
	/* the leading master last: one failover, onto a master already upgraded */
	if (item != i && s->items[item].leader && it->step && it->step->role == ROLE_MASTER &&
	    (b = other_master_pending(s, i, item)) >= 0) {
		*blocker = b;
		return SESSION_BLOCK_LEADER;
	}
	return SESSION_BLOCK_NONE;
}

void session_block_text(const struct session *s, size_t i, struct strbuf *out)
{
	struct session_refusal r = SESSION_REFUSAL_INIT;
	long b;

	if (session_blocker(s, i, &b) == SESSION_BLOCK_NONE)
		return;
	session_refuse(&r, s, REFUSAL_BLOCKED, REFUSAL_FIELD_ITEM, (long)i, NULL);
	session_refusal_rule_text(&r, out);
	session_refusal_release(&r);
}

/* ---- a request: what it may record, or why not ------------------------- */

static void branch_list(const struct content_step *st, struct strbuf *out)
{
	for (size_t i = 0; i < st->nbranches; i++)
		strbuf_addf(out, "%s--branch %s", i ? " or " : "", st->branches[i].id);
}

/* A copy of @str in @r's arena, "" when out of memory (the code still says what happened). */
static const char *keep(struct session_refusal *r, const char *str)
{
	const char *k = str ? arena_strdup(&r->arena, str) : NULL;

	return k ? k : "";
}

/* The other masters of the leader's step @step still pending, "m1, m3", in @r's arena. */
static const char *waiting(struct session_refusal *r, const struct session *s, size_t step,
			   size_t leader)
{
	struct strbuf sb = STRBUF_INIT;
	const char *w;

	for (size_t k = step + 1; k < s->nitems && s->items[k].parent == (long)step; k++)
		if (k != leader && s->items[k].state == ITEM_PENDING)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", s->items[k].host);
	w = keep(r, strbuf_str(&sb));
	strbuf_release(&sb);
	return w;
}

/* (session_private.h) */
void session_refuse(struct session_refusal *r, const struct session *s, enum refusal_code code,
		    enum refusal_field field, long idx, const char *requested)
{
	const struct session_item *it = idx >= 0 ? &s->items[idx] : NULL;
	long b;

	if (!r)
		return;
	r->code = code;
	r->field = field;
	r->item = idx;
	r->item_id = keep(r, it ? it->id : requested);
	if (!it) {
		struct strbuf near = STRBUF_INIT;
		r->example_id = keep(r, s->nitems ? s->items[0].id : "");
		if (code == REFUSAL_UNKNOWN_ITEM && requested)
			session_nearest_ids(s, requested, &near);
		r->nearest = keep(r, strbuf_str(&near));
		strbuf_release(&near);
		return;
	}
	r->state = it->state;
	r->step = it->step;
	r->nhosts = it->nhosts;
	r->npending = it->nhosts - it->hosts_done - it->hosts_skipped;
	if (it->state != ITEM_PENDING && it->has_last) {
		r->by = keep(r, it->last.operator_name);
		r->at = keep(r, it->last.time);
	}
	if (code != REFUSAL_BLOCKED)
		return;
	r->block = session_blocker(s, (size_t)idx, &b);
	r->blocker = b;
	r->can_force = b >= 0;
	if (b >= 0) {
		r->blocker_id = keep(r, s->items[b].id);
		r->hop_id = s->plan.hops[r->block == SESSION_BLOCK_EARLIER_HOP ? s->items[b].hop
									       : it->hop].id;
	}
	if (r->block == SESSION_BLOCK_LEADER)
		r->waiting = waiting(r, s, (size_t)it->parent, (size_t)idx);
}

/* Done of step @idx, which has branches: the branch @req names, or the one chosen before. */
static enum status check_branch(const struct session *s, const struct mark_request *req,
				long idx, bool *choose, struct session_refusal *r,
				struct strbuf *msg)
{
	const struct session_item *it = &s->items[idx];
	size_t k;

	if (!req->branch) {
		if (it->branch)
			return ST_OK;
		strbuf_addf(msg, "%s has alternatives: choose one with ", it->id);
		branch_list(it->step, msg);
		session_refuse(r, s, REFUSAL_BRANCH_NEEDED, REFUSAL_FIELD_BRANCH, idx, NULL);
		return ST_REFUSED;
	}
	for (k = 0; k < it->step->nbranches; k++)
		if (!strcmp(it->step->branches[k].id, req->branch))
			break;
	if (k == it->step->nbranches) {
		strbuf_addf(msg, "%s has no branch '%s'; choose ", it->id, req->branch);
		branch_list(it->step, msg);
		session_refuse(r, s, REFUSAL_UNKNOWN_BRANCH, REFUSAL_FIELD_BRANCH, idx, NULL);
		return ST_USAGE;
	}
	*choose = !it->branch || strcmp(it->branch, req->branch) != 0;
	return ST_OK;
}

/*
 * What session_blocker() says of done or skip of pending item @idx: refused,
 * unless @req forces it with a reason (@has_text), and then *@forced.
 */
static enum status check_blocked(const struct session *s, const struct mark_request *req,
				 long idx, bool has_text, bool *forced, struct session_refusal *r,
				 struct strbuf *msg)
{
	long b;

	if (session_blocker(s, (size_t)idx, &b) == SESSION_BLOCK_NONE)
		return ST_OK;
	if (!req->force || b < 0) {
		session_block_text(s, (size_t)idx, msg);
		if (b >= 0)
			strbuf_adds(msg, " (--force --note REASON overrides)");
		session_refuse(r, s, b >= 0 ? REFUSAL_BLOCKED : REFUSAL_REMOVED,
			       b >= 0 ? REFUSAL_FIELD_NONE : REFUSAL_FIELD_ITEM, idx, NULL);
		return ST_REFUSED;
	}
	if (!has_text) {
		strbuf_adds(msg, "--force needs a reason: --note REASON");
		session_refuse(r, s, REFUSAL_FORCE_NO_REASON, REFUSAL_FIELD_TEXT, idx, NULL);
		return ST_USAGE;
	}
	*forced = true;
	return ST_OK;
}

/* (session_private.h) */
enum status session_check(const struct session *s, const struct mark_request *req,
			  long idx, bool *forced, bool *choose, struct session_refusal *r,
			  struct strbuf *msg)
{
	const struct session_item *it;
	bool has_text = req->text && req->text[strspn(req->text, " \t\n")];
	enum status st;

	if (s->closed) {
		strbuf_addf(msg, "session %lld is closed (by %s at %s: %s); reopen it first",
			    (long long)s->info.id, s->closing.operator_name, s->closing.time,
			    s->closing.text);
		if (r) {
			session_refuse(r, s, REFUSAL_SESSION_CLOSED, REFUSAL_FIELD_NONE, idx,
				       req->item);
			r->by = keep(r, s->closing.operator_name);
			r->at = keep(r, s->closing.time);
			r->reason = keep(r, s->closing.text);
		}
		return ST_REFUSED;
	}
	*forced = false;
	*choose = false;
	if (idx < 0) {
		struct strbuf near = STRBUF_INIT;
		session_nearest_ids(s, req->item, &near);
		strbuf_addf(msg, "session %lld has no item '%s'", (long long)s->info.id, req->item);
		if (near.len)
			strbuf_addf(msg, " (did you mean %s?)", strbuf_str(&near));
		strbuf_addf(msg, "; 'status %lld' lists its items (ids look like %s)",
			    (long long)s->info.id, s->nitems ? s->items[0].id : "HOP/ID");
		strbuf_release(&near);
		session_refuse(r, s, REFUSAL_UNKNOWN_ITEM, REFUSAL_FIELD_ITEM, -1, req->item);
		return ST_USAGE;
	}
	it = &s->items[idx];
	if (it->nhosts && req->action != MARK_NOTE) {
		strbuf_addf(msg, "%s is done host by host: mark %s@HOST for each of its %zu hosts "
			    "(%zu pending); 'status %lld' lists them", it->id, it->id, it->nhosts,
			    it->nhosts - it->hosts_done - it->hosts_skipped, (long long)s->info.id);
		session_refuse(r, s, REFUSAL_PER_HOST_STEP, REFUSAL_FIELD_ITEM, idx, NULL);
		return ST_USAGE;
	}
	if (req->branch && (req->action != MARK_DONE || !it->step || !it->step->nbranches)) {
		strbuf_addf(msg, "--branch is for marking done a step with alternatives; %s has "
			    "none", it->id);
		session_refuse(r, s, REFUSAL_BRANCH_NOT_ALLOWED, REFUSAL_FIELD_BRANCH, idx,
			       NULL);
		return ST_USAGE;
	}
	switch (req->action) {
	case MARK_NOTE:
		if (!has_text) {
			strbuf_adds(msg, "a note needs text");
			session_refuse(r, s, REFUSAL_EMPTY_NOTE, REFUSAL_FIELD_TEXT, idx, NULL);
			return ST_USAGE;
		}
		return ST_OK;
	case MARK_UNDO:
		if (it->state == ITEM_PENDING) {
			strbuf_addf(msg, "nothing to undo: %s is pending", it->id);
			session_refuse(r, s, REFUSAL_NOTHING_TO_UNDO, REFUSAL_FIELD_ACTION, idx, NULL);
			return ST_REFUSED;
		}
		return ST_OK;
	case MARK_DONE:
	case MARK_SKIP:
		break;
	}
	if (req->action == MARK_SKIP && !has_text) {
		strbuf_addf(msg, "skipping %s needs a reason: --note REASON", it->id);
		session_refuse(r, s, REFUSAL_SKIP_NO_REASON, REFUSAL_FIELD_TEXT, idx, NULL);
		return ST_USAGE;
	}
	if (it->state != ITEM_PENDING) {
		if (it->state == (req->action == MARK_DONE ? ITEM_DONE : ITEM_SKIPPED))
			return ST_OK; /* the caller says so and records nothing */
		strbuf_addf(msg, "%s is already %s (by %s at %s); undo it first", it->id,
			    session_item_state_name(it->state), it->last.operator_name,
			    it->last.time);
		session_refuse(r, s, REFUSAL_OTHER_STATE, REFUSAL_FIELD_ACTION, idx, NULL);
		return ST_REFUSED;
	}
	if (req->action == MARK_DONE && it->step && it->step->nbranches &&
	    (st = check_branch(s, req, idx, choose, r, msg)) != ST_OK)
		return st;
	return check_blocked(s, req, idx, has_text, forced, r, msg);
}
