/*
 * session_exclude.c - hosts left out of the upgrade and taken back in
 * ("exclude", "include"; see session.h). An exclusion is a row of its own,
 * and each skip it writes is an ordinary event linked to it, so that the
 * inclusion undoes exactly those skips and the record says why each was.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "session_private.h"

/* Why @s may not be changed now (closed), said in @msg; ST_OK when it may. */
static enum status check_open(const struct session *s, struct strbuf *msg)
{
	if (!s->closed)
		return ST_OK;
	strbuf_addf(msg, "session %lld was closed by %s at %s (%s): it can be read and reported, "
		    "not changed; 'reopen %lld' opens it again", (long long)s->info.id,
		    s->closing.operator_name, s->closing.time, s->closing.text,
		    (long long)s->info.id);
	return ST_REFUSED;
}

/* Host @name of @s, or ST_USAGE saying it is not one, with the nearest. */
static enum status find_host(const struct session *s, const char *name,
			     const struct journal_host **h, struct strbuf *msg)
{
	struct strbuf near = STRBUF_INIT;

	*h = session_host(s, name);
	if (*h)
		return ST_OK;
	if (!s->nhosts) {
		strbuf_addf(msg, "session %lld has no inventory, so no host '%s': 'edit %lld "
			    "--inventory FILE' gives it one", (long long)s->info.id, name,
			    (long long)s->info.id);
		return ST_USAGE;
	}
	session_nearest_hosts(s, name, &near);
	strbuf_addf(msg, "session %lld has no host '%s'", (long long)s->info.id, name);
	if (near.len)
		strbuf_addf(msg, " (did you mean %s?)", strbuf_str(&near));
	strbuf_addf(msg, "; 'status %lld --hosts' lists its hosts", (long long)s->info.id);
	strbuf_release(&near);
	return ST_USAGE;
}

/*
 * Record @action on every item of host @host that @pick chooses (with
 * @ctx), each event linked to exclusion @xid; *@n counts them.
 */
static enum status write_items(struct journal *j, struct session *s, const char *host,
			       bool (*pick)(const struct session_item *it, const void *ctx),
			       const void *ctx, enum event_action action, const char *text,
			       int64_t xid, const struct journal_event *proto, size_t *n)
{
	enum status st = ST_OK;

	*n = 0;
	for (size_t i = 0; st == ST_OK && i < s->nitems; i++) {
		struct session_item *it = &s->items[i];
		struct journal_event e = *proto;
		int64_t eid;
		if (!it->host || strcmp(it->host, host) || !pick(it, ctx))
			continue;
		if (it->drift == DRIFT_ADDED) /* new in the content: planned now */
			st = journal_item_append(j, s->info.id, &(struct journal_item){
				it->id, session_item_kind_name(it->kind), it->digest });
		e.item = it->id;
		e.action = action;
		e.forced = proto->forced && action == EVENT_SKIP;
		e.text = text;
		e.digest = it->digest;
		if (st == ST_OK)
			st = journal_event_add(j, &e, &eid);
		if (st == ST_OK)
			st = journal_event_exclusion_add(j, eid, xid);
		++*n;
	}
	return st;
}

static bool pick_pending(const struct session_item *it, const void *ctx)
{
	(void)ctx;
	return it->state == ITEM_PENDING && it->drift != DRIFT_REMOVED;
}

/* The items whose state is still a skip the exclusion wrote (ctx: struct standing). */
struct standing {
	const char **items;
	size_t n;
};

static bool pick_excluded(const struct session_item *it, const void *ctx)
{
	const struct standing *x = ctx;

	return it->state == ITEM_SKIPPED && x->n &&
	       bsearch(&it->id, x->items, x->n, sizeof(*x->items), session_str_cmp);
}

/* Counts of host @host's items by state, for the account. */
static void count_host(const struct session *s, const char *host, size_t *done, size_t *skipped)
{
	*done = *skipped = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		if (!s->items[i].host || strcmp(s->items[i].host, host))
			continue;
		*done += s->items[i].state == ITEM_DONE;
		*skipped += s->items[i].state == ITEM_SKIPPED;
	}
}

/*
 * What excluding (or including) @h asks, or why not (a refusal in @dl, in
 * words that name no flag: each front end says how to override); *@record
 * false when it is so already, said in @msg.
 */
static enum status check(const struct session *s, const struct journal_host *h, bool include,
			 const char *reason, bool force, bool *record, struct diag_list *dl,
			 struct strbuf *msg)
{
	const struct journal_exclusion *x = session_excluded(s, h->name);
	long long id = (long long)s->info.id;

	*record = false;
	if (include && !x) {
		strbuf_addf(msg, "%s is not excluded from session %lld; nothing recorded", h->name,
			    id);
		return ST_OK;
	}
	if (!include && x) {
		strbuf_addf(msg, "%s is excluded from session %lld already (by %s at %s: %s); "
			    "nothing recorded", h->name, id, x->operator_name, x->time, x->text);
		return ST_OK;
	}
	if (!include && (!reason || !reason[strspn(reason, " \t\n")]))
		return diag_refuse(dl, ST_USAGE, REFUSAL_EXCLUDE_NO_REASON, REFUSAL_FIELD_TEXT,
				   "excluding %s needs a reason", h->name);
	if (!include && s->leader && !strcmp(s->leader, h->name) && !force)
		return diag_refuse(dl, ST_REFUSED, REFUSAL_EXCLUDE_LEADER, REFUSAL_FIELD_FORCE,
				   "%s is the leading master (%s): leaving it out leaves the cluster "
				   "led by a master of the old version; fail over to another master "
				   "first", h->name, s->leader_live ? "as the latest probe saw it"
								     : "as the inventory says");
	*record = true;
	return ST_OK;
}

/* Record the exclusion or inclusion of @h and its events; the account in @msg. */
static enum status record(struct journal *j, struct session *s, const struct journal_host *h,
			  bool include, const char *reason, bool force,
			  const struct session_actor *who, struct strbuf *msg)
{
	char now[CLOCK_ISO_LEN + 1];
	/* the skips of the leading master excluded with --force are forced */
	struct journal_event proto = { .session = s->info.id, .operator_name = who->operator_name,
				       .host = who->host, .time = now, .forced = force };
	size_t n = 0, done, skipped;
	int64_t xid;
	enum status st;

	clock_iso(clock_now(), now);
	st = journal_exclusion_add(j, &(struct journal_exclusion){
		.session = s->info.id, .include = include, .role = h->role,
		.target = h->name, .operator_name = who->operator_name, .host = who->host,
		.time = now, .text = include ? "" : reason, .forced = !include && force }, &xid);
	if (st == ST_OK && include) {
		/* what the exclusion in force wrote and nobody changed since */
		struct standing x = { NULL, 0 };
		st = journal_exclusion_standing(j, session_excluded(s, h->name)->id, &s->arena,
						&x.items, &x.n);
		if (st == ST_OK)
			st = write_items(j, s, h->name, pick_excluded, &x, EVENT_UNDO,
					 "included again", xid, &proto, &n);
	} else if (st == ST_OK) {
		st = write_items(j, s, h->name, pick_pending, NULL, EVENT_SKIP, reason, xid, &proto,
				 &n);
	}
	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	count_host(s, h->name, &done, &skipped);
	if (include)
		strbuf_addf(msg, "%s included again in session %lld by %s at %s: %zu item%s "
			    "pending again; %zu skipped by hand stay%s skipped", h->name,
			    (long long)s->info.id, who->operator_name, now, n, n == 1 ? "" : "s",
			    skipped - n, skipped - n == 1 ? "s" : "");
	else
		strbuf_addf(msg, "%s excluded from session %lld by %s at %s%s: %zu pending item%s "
			    "skipped in every hop; %zu done stay%s done", h->name,
			    (long long)s->info.id, who->operator_name, now,
			    force ? " (forced)" : "", n, n == 1 ? "" : "s", done,
			    done == 1 ? "s" : "");
	return ST_OK;
}

/*
 * Whether the journal's @total items are those of partial load @s: its
 * plan's items and the hosts each per-host step counts. A step the content
 * lost since keeps its hosts' items in the journal, which the whole load
 * words ("N done stay done" counts them).
 */
static bool all_counted(const struct session *s, size_t total)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nitems; i++)
		if (!s->items[i].host)
			n += 1 + s->items[i].nhosts;
	return n == total;
}

/*
 * Session @id as the exclusion of @host needs it: partially (the plan, the
 * masters' and @host's items; with 10,000 agents not the others') when the
 * journal's counts allow it and @host is in the inventory; else the whole
 * session, which also words a host the inventory lacks ("did you mean").
 */
static enum status load(struct journal *j, const struct content *c, int64_t id, const char *host,
			struct session **s, struct strbuf *msg)
{
	enum status st = session_load_partial(j, c, id, &host, 1, s, msg);

	if (st != ST_OK) {
		if (!msg->len)
			strbuf_adds(msg, journal_error(j));
		session_free(s);
		return st;
	}
	if (*s && session_host(*s, host) && all_counted(*s, (*s)->planned))
		return ST_OK;
	session_free(s);
	return session_load_why(j, c, id, s, msg);
}

enum status session_exclude(struct journal *j, const struct content *c, int64_t id,
			    const char *host, bool include, const char *reason, bool force,
			    const struct session_actor *who, struct diag_list *dl,
			    struct strbuf *msg)
{
	const struct journal_host *h = NULL;
	struct session *s = NULL;
	bool rec = false;
	enum status st = journal_begin(j);

	if (st != ST_OK)
		return diag_fail(dl, st, "%s", journal_error(j));
	/* checked inside the transaction: two operators cannot both exclude a host */
	st = load(j, c, id, host, &s, msg);
	if (st == ST_OK)
		st = check_open(s, msg);
	if (st == ST_OK)
		st = find_host(s, host, &h, msg);
	if (st == ST_OK)
		st = check(s, h, include, reason, force, &rec, dl, msg);
	if (st == ST_OK && rec)
		st = record(j, s, h, include, reason, force, who, msg);
	if (st == ST_OK && rec && (st = journal_commit(j)) != ST_OK) {
		strbuf_reset(msg);
		strbuf_adds(msg, journal_error(j));
	}
	if (st != ST_OK || !rec)
		journal_rollback(j);
	session_free(&s);
	if (st != ST_OK && dl->status == ST_OK)
		diag_fail_why(dl, st, msg);
	if (st != ST_OK)
		strbuf_reset(msg);
	return st;
}
