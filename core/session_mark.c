/*
 * session_mark.c - recording check-offs: one item (session_mark()) or many
 * hosts' items at once (session_mark_many()), each checked by the rules
 * inside the write transaction; by a pattern in session_mark_pattern.c.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "session_private.h"
#include "sorted_index.h"

/* (session_private.h) */
enum event_action session_mark_event_of(enum mark_action a, enum item_kind k)
{
	switch (a) {
	case MARK_DONE: return k == ITEM_NOTE ? EVENT_ACK : EVENT_DONE;
	case MARK_SKIP: return EVENT_SKIP;
	case MARK_UNDO: return EVENT_UNDO;
	case MARK_NOTE: return EVENT_NOTE;
	}
	return EVENT_NOTE;
}

static const char *action_verb(enum mark_action a, enum item_kind k)
{
	return event_action_past(session_mark_event_of(a, k));
}

/* (session_private.h) */
enum status session_mark_full_state(struct journal *j, struct session *s, long idx,
				    struct strbuf *msg)
{
	struct session_item *it = &s->items[idx];
	struct journal_item_state one;
	bool found;
	enum status st = journal_item_state(j, s->info.id, it->id, &s->arena, &one, &found);

	if (st == ST_OK && found) {
		session_apply_state(it, &one);
	} else if (st == ST_OK) {
		struct journal_item ji = { it->id, session_item_kind_name(it->kind), it->digest };
		st = journal_item_append(j, s->info.id, &ji);
	}
	if (st != ST_OK)
		strbuf_adds(msg, journal_error(j));
	return st;
}

/*
 * Item @req->item is not in the content: refused as removed when the journal
 * has its history; else left to session_check(), which refuses it as unknown.
 */
static enum status refuse_removed(struct journal *j, struct session *s,
				  const struct mark_request *req, struct session_refusal *refusal,
				  struct strbuf *msg)
{
	struct journal_item_state one;
	bool found;
	enum status st = journal_item_state(j, req->session, req->item, &s->arena, &one, &found);

	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	if (!found)
		return ST_OK;
	strbuf_addf(msg, "%s is no longer in the content; its history is kept", req->item);
	session_refuse(refusal, s, REFUSAL_REMOVED, REFUSAL_FIELD_ITEM, -1, req->item);
	return ST_REFUSED;
}

/* (session_private.h) */
struct journal_event session_mark_event_on(const struct session_item *it, int64_t session,
					   const struct session_actor *who, const char *now)
{
	return (struct journal_event){ .session = session, .item = it->id,
				       .operator_name = who->operator_name, .host = who->host,
				       .time = now, .digest = it->digest };
}

/*
 * Take the write lock and load session @id as the rules need it for items
 * of the hosts @hosts (n; NULL: load every host's item): partially when the
 * journal's counts allow it; nothing held on failure.
 */
static enum status begin(struct journal *j, const struct content *c, int64_t id,
			 const char *const *hosts, size_t n, struct session **s,
			 struct strbuf *msg)
{
	enum status st = journal_begin(j);

	*s = NULL;
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	if (hosts)
		st = session_load_partial(j, c, id, hosts, n, s, msg);
	if (st == ST_OK && !*s)
		st = session_load_light(j, c, id, s, msg);
	if (st != ST_OK)
		journal_rollback(j);
	return st;
}

/*
 * Whether partial load @s lacks item @id as the whole session does: read
 * its whole inventory (the hosts, not their items) into it, for the "did
 * you mean" of the whole session (session_nearest_expanded()).
 */
static enum status lacks(struct journal *j, struct session *s, const char *id, bool *none,
			 struct strbuf *msg)
{
	struct journal_host *v;
	size_t n;
	enum status st = journal_hosts(j, s->info.id, &s->arena, &v, &n);

	*none = false;
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	s->inventory = v;
	s->ninventory = n;
	*none = session_inventory_agrees(s) && !session_expanded_has(s, id);
	if (!*none) {
		s->inventory = NULL;
		s->ninventory = 0;
	}
	return ST_OK;
}

/*
 * The index of item @id in @s, -1 when the session has none; an item a
 * partial load lacks (a host not in the inventory, an item gone from the
 * content) is looked for among the ids of the whole session put together
 * from the plan and the inventory (lacks()), and only when that cannot
 * say in the whole session, loaded again in its place.
 */
static enum status find(struct journal *j, const struct content *c, struct session **s,
			const char *id, long *idx, struct strbuf *msg)
{
	int64_t session = (*s)->info.id;
	bool none = false;
	enum status st;

	*idx = session_find(*s, id);
	if (*idx >= 0 || !(*s)->partial)
		return ST_OK;
	st = lacks(j, *s, id, &none, msg);
	if (st != ST_OK || none)
		return st;
	session_free(s);
	st = session_load_light(j, c, session, s, msg);
	if (st == ST_OK)
		*idx = session_find(*s, id);
	return st;
}

/*
 * Record @req on item @idx of @s (or refuse it), inside the write
 * transaction begun: it is committed when recorded, else rolled back.
 */
static enum status record(struct journal *j, struct session *s, long idx,
			  const struct mark_request *req, const struct session_actor *who,
			  struct session_refusal *refusal, struct strbuf *msg)
{
	const struct session_item *it;
	struct journal_event e = { 0 };
	char now[CLOCK_ISO_LEN + 1];
	bool forced, choose;
	int64_t event_id = 0;
	enum status st = session_check(s, req, idx, &forced, &choose, refusal, msg);

	if (st != ST_OK)
		goto out;
	it = &s->items[idx];
	if ((req->action == MARK_DONE && it->state == ITEM_DONE) ||
	    (req->action == MARK_SKIP && it->state == ITEM_SKIPPED)) {
		strbuf_addf(msg, "%s was already %s by %s at %s; nothing recorded", it->id,
			    action_verb(req->action, it->kind), it->last.operator_name,
			    it->last.time);
		goto out;
	}
	clock_iso(clock_now(), now);
	e = session_mark_event_on(it, req->session, who, now);
	if (choose) {
		e.action = EVENT_CHOOSE;
		e.text = req->branch;
		if ((st = journal_event_add(j, &e, NULL)) != ST_OK)
			goto jerr;
	}
	e.action = session_mark_event_of(req->action, it->kind);
	e.text = req->text ? req->text : "";
	e.forced = forced;
	if ((st = journal_event_add(j, &e, &event_id)) != ST_OK ||
	    (st = journal_commit(j)) != ST_OK)
		goto jerr;
	if (req->event_id)
		*req->event_id = event_id;
	strbuf_addf(msg, "%s %s%s by %s at %s", it->id, action_verb(req->action, it->kind),
		    forced ? " (forced)" : "", who->operator_name, now);
	if (choose)
		strbuf_addf(msg, ", branch %s", req->branch);
	return ST_OK;
jerr:
	strbuf_adds(msg, journal_error(j));
out:
	journal_rollback(j);
	return st;
}

/* session_mark(), its words (an account, or why not) in @msg. */
static enum status mark(struct journal *j, const struct content *c,
			const struct mark_request *req, const struct session_actor *who,
			struct session_refusal *refusal, struct strbuf *msg)
{
	struct session *s = NULL;
	const char *at, *host;
	long idx;
	enum status st;

	if (req->event_id)
		*req->event_id = 0;
	at = strchr(req->item, '@');
	host = at ? at + 1 : NULL;
	st = begin(j, c, req->session, &host, host ? 1 : 0, &s, msg);
	if (st != ST_OK)
		return st;
	st = find(j, c, &s, req->item, &idx, msg);
	if (st == ST_OK)
		st = idx >= 0 ? session_mark_full_state(j, s, idx, msg)
			      : refuse_removed(j, s, req, refusal, msg);
	if (st == ST_OK)
		st = record(j, s, idx, req, who, refusal, msg);
	else
		journal_rollback(j);
	session_free(&s);
	return st;
}

/* session_mark_view(), its words (an account, or why not) in @msg. */
static enum status mark_view(struct journal *j, const struct content *c, struct session *view,
			     const struct mark_request *req, const struct session_actor *who,
			     struct session_refusal *refusal, struct strbuf *msg)
{
	struct diag_list dl = DIAG_LIST_INIT;
	bool again = true;
	long idx = -1;
	enum status st;

	if (!view || !view->partial || view->info.id != req->session)
		return mark(j, c, req, who, refusal, msg);
	if (req->event_id)
		*req->event_id = 0;
	if ((st = journal_begin(j)) != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	/* the view as the journal has it under the write lock: the rules see what is */
	st = session_refresh(j, view, &again, &dl);
	if (st != ST_OK) /* the words of a check-off are a strbuf */
		strbuf_adds(msg, diag_first(&dl));
	diag_list_release(&dl);
	if (st == ST_OK && !again)
		idx = session_find(view, req->item);
	if (st == ST_OK && idx >= 0)
		st = session_mark_full_state(j, view, idx, msg);
	if (st == ST_OK && idx >= 0)
		return record(j, view, idx, req, who, refusal, msg);
	journal_rollback(j);
	if (st != ST_OK)
		return st;
	/* more than events changed, or an item the view lacks: as the command line does */
	return mark(j, c, req, who, refusal, msg);
}

/*
 * The outcome @st of a check-off whose words are @msg: its account into
 * @account, or its failure into @dl, with the refusal's code (*@own, the
 * core's, when the caller asked for none), as session_refusal_said() says it.
 */
static enum status said(enum status st, struct session_refusal *own, const struct strbuf *msg,
			struct strbuf *account, struct diag_list *dl)
{
	if (st == ST_OK)
		strbuf_add(account, msg->buf ? msg->buf : "", msg->len);
	else
		session_refusal_said(st, own, msg, dl);
	return st;
}

enum status session_mark(struct journal *j, const struct content *c,
			 const struct mark_request *req, const struct session_actor *who,
			 struct session_refusal *refusal, struct strbuf *account,
			 struct diag_list *dl)
{
	/* the refusal's code travels in @dl whether or not the caller words it */
	struct session_refusal own = SESSION_REFUSAL_INIT, *r = refusal ? refusal : &own;
	struct strbuf msg = STRBUF_INIT;
	enum status st = said(mark(j, c, req, who, r, &msg), r, &msg, account, dl);

	strbuf_release(&msg);
	session_refusal_release(&own);
	return st;
}

enum status session_mark_view(struct journal *j, const struct content *c, struct session *view,
			      const struct mark_request *req, const struct session_actor *who,
			      struct session_refusal *refusal, struct strbuf *account,
			      struct diag_list *dl)
{
	struct session_refusal own = SESSION_REFUSAL_INIT, *r = refusal ? refusal : &own;
	struct strbuf msg = STRBUF_INIT;
	enum status st = said(mark_view(j, c, view, req, who, r, &msg), r, &msg, account, dl);

	strbuf_release(&msg);
	session_refusal_release(&own);
	return st;
}

/*
 * The hop of the per-host entries of hosts' items @items (n) in @s, a
 * partial load of the plan: *@hop; false when one is not a host's item of
 * an entry @s has, or they are in more than one hop.
 */
static bool one_hop(const struct session *s, const char *const *items, size_t n, size_t *hop)
{
	const char *prev = NULL;
	size_t prevlen = 0;

	for (size_t k = 0; k < n; k++) {
		const char *at = strchr(items[k], '@');
		size_t len = at ? (size_t)(at - items[k]) : 0;
		long i = -1;
		if (!at)
			return false;
		if (prev && len == prevlen && !memcmp(prev, items[k], len))
			continue; /* the same step as the one before */
		for (size_t q = 0; q < s->nitems && i < 0; q++)
			if (!s->items[q].host && !strncmp(s->items[q].id, items[k], len) &&
			    !s->items[q].id[len])
				i = (long)q;
		if (i < 0 || !s->items[i].nhosts || (prev && s->items[i].hop != *hop))
			return false;
		*hop = s->items[i].hop;
		prev = items[k];
		prevlen = len;
	}
	return prev != NULL;
}

/*
 * begin() for the hosts' items @items (n): partially, of their hosts, when
 * they are a few (a range in the wizard); the view of their hop when they
 * are more of one hop (a step's agents verified at once); else the whole
 * session.
 */
static enum status begin_many(struct journal *j, const struct content *c, int64_t session,
			      const char *const *items, size_t n, struct session **s,
			      struct strbuf *msg)
{
	enum { PARTIAL_MAX = 64 };
	const char *hosts[PARTIAL_MAX];
	struct session *plan = NULL;
	size_t nh = 0, hop = 0;
	enum status st;

	if (n <= PARTIAL_MAX) {
		for (size_t k = 0; k < n; k++) {
			const char *at = strchr(items[k], '@');
			if (at)
				hosts[nh++] = at + 1;
		}
		return begin(j, c, session, hosts, nh, s, msg);
	}
	/* the plan and the masters' items (in the transaction), for the hop of the items */
	st = begin(j, c, session, (const char *const[]){ NULL }, 0, &plan, msg);
	if (st != ST_OK || !plan->partial) {
		*s = plan; /* (loaded whole when the journal's counts disagree) */
		return st;
	}
	st = one_hop(plan, items, n, &hop)
		     ? session_load_view_of(j, c, session, hop, NULL, 0, s, msg)
		     : session_load_light(j, c, session, s, msg);
	session_free(&plan);
	if (st != ST_OK)
		journal_rollback(j);
	return st;
}

/*
 * session_mark_many(), partially loaded with @partial; *@again when the
 * partial load lacks an item (nothing recorded; the caller loads it whole).
 */
static enum status mark_many(struct journal *j, const struct content *c, int64_t session,
			     const char *const *items, size_t n, enum mark_action action,
			     const char *text, const struct session_actor *who,
			     const struct mark_evidence *evidence, size_t *recorded,
			     struct session_refusal *refusal, struct strbuf *msg, bool partial,
			     bool *again)
{
	struct session *s = NULL;
	struct sorted_index index = SORTED_INDEX_INIT;
	char now[CLOCK_ISO_LEN + 1];
	enum status st;

	*recorded = 0;
	st = partial ? begin_many(j, c, session, items, n, &s, msg)
		     : begin(j, c, session, NULL, 0, &s, msg);
	if (st != ST_OK)
		return st;
	st = ST_NOMEM;
	/* item ids sorted once, for the lookups of many items at once */
	if (!sorted_index_init(&index, s->nitems)) {
		strbuf_adds(msg, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < s->nitems; i++)
		sorted_index_add(&index, s->items[i].id, i);
	sorted_index_sort(&index);
	clock_iso(clock_now(), now);
	for (size_t k = 0; k < n; k++) {
		struct mark_request req = { session, items[k], action, text, NULL, false, NULL };
		struct journal_event e = { 0 };
		bool forced, choose;
		long idx = sorted_index_find(&index, items[k]);
		if (idx < 0 && s->partial) {
			/* an item the partial load lacks: the whole session, and again */
			*again = true;
			st = ST_OK;
			goto out;
		}
		if (idx >= 0 && s->items[idx].host &&
		    (st = session_mark_full_state(j, s, idx, msg)) != ST_OK)
			goto out;
		if (idx >= 0 && action == MARK_UNDO && s->items[idx].host &&
		    s->items[idx].state == ITEM_PENDING)
			continue; /* already pending: nothing to undo */
		st = session_check(s, &req, idx, &forced, &choose, refusal, msg);
		if (st != ST_OK)
			goto out;
		struct session_item *it = &s->items[idx];
		if (!it->host) {
			strbuf_addf(msg, "%s is not a host's item of a per-host step", it->id);
			session_refuse(refusal, s, REFUSAL_NOT_HOST_ITEM,
				       REFUSAL_FIELD_ITEM, idx, NULL);
			st = ST_USAGE;
			goto out;
		}
		if ((action == MARK_DONE && it->state == ITEM_DONE) ||
		    (action == MARK_SKIP && it->state == ITEM_SKIPPED))
			continue;
		e = session_mark_event_on(it, session, who, now);
		e.action = session_mark_event_of(action, it->kind);
		e.text = text ? text : "";
		st = journal_event_add(j, &e, &e.id);
		if (st == ST_OK && evidence)
			st = journal_evidence_add(j, &(struct journal_evidence){
				e.id, evidence[k].probe, evidence[k].version, NULL, evidence[k].source });
		if (st != ST_OK) {
			strbuf_adds(msg, journal_error(j));
			goto out;
		}
		/* the same item twice in @items is recorded once */
		it->state = action == MARK_DONE ? ITEM_DONE : action == MARK_SKIP ? ITEM_SKIPPED
										  : ITEM_PENDING;
		it->has_last = true;
		it->last = e;
		(*recorded)++;
	}
	st = journal_commit(j);
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		goto out;
	}
	sorted_index_release(&index);
	session_free(&s);
	return ST_OK;
out:
	journal_rollback(j);
	*recorded = 0;
	sorted_index_release(&index);
	session_free(&s);
	return st;
}

enum status session_mark_many(struct journal *j, const struct content *c, int64_t session,
			      const char *const *items, size_t n, enum mark_action action,
			      const char *text, const struct session_actor *who,
			      const struct mark_evidence *evidence, size_t *recorded,
			      struct session_refusal *refusal, struct diag_list *dl)
{
	/* the refusal's code travels in @dl whether or not the caller words it */
	struct session_refusal own = SESSION_REFUSAL_INIT, *r = refusal ? refusal : &own;
	struct strbuf msg = STRBUF_INIT;
	bool again = false;
	enum status st = ST_USAGE;

	*recorded = 0;
	if (action != MARK_DONE && action != MARK_SKIP && action != MARK_UNDO) {
		strbuf_adds(&msg, "hosts are marked done, skipped or undone together; a note is "
			    "on one item");
		r->code = REFUSAL_MANY_ACTION;
		r->field = REFUSAL_FIELD_ACTION;
	} else {
		st = mark_many(j, c, session, items, n, action, text, who, evidence, recorded, r,
			       &msg, true, &again);
		if (st == ST_OK && again)
			st = mark_many(j, c, session, items, n, action, text, who, evidence,
				       recorded, r, &msg, false, &again);
	}
	session_refusal_said(st, r, &msg, dl);
	strbuf_release(&msg);
	session_refusal_release(&own);
	return st;
}
