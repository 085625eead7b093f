/*
 * session_inventory.c - hosts added to a session's inventory after it began
 * ("edit SESSION --inventory FILE"; see session.h). The hosts join from the
 * current hop on: a finished hop is a record of what was done, and stays so.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "sorted_index.h"
#include "session_private.h"

/* The hosts of @inv and of @s, compared. */
struct host_diff {
	struct journal_host *all;   /* @s's hosts and the new ones: masters, then agents */
	size_t nall, nnew, nmasters_new;
	size_t missing;             /* hosts of @s that @inv lacks */
	struct strbuf moved;        /* "m4 (an agent here, a master in FILE)", ... */
	struct sorted_index known;  /* @s's hosts by name (10,000 agents: not one by one) */
};

/* The current hop of @s: the first with a pending item; nhops when none. */
static size_t current_hop(const struct session *s)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (s->items[i].state == ITEM_PENDING && s->items[i].drift != DRIFT_REMOVED)
			return s->items[i].hop;
	return s->plan.nhops;
}

/* Append @inv's hosts of @role that @s lacks to @d->all; the moved ones to @d->moved. */
static void diff_role(const struct session *s, const char *role, const char *const *names,
		      size_t n, const char *leader, const char *from_hop, struct host_diff *d)
{
	bool has_leader = false;

	for (size_t i = 0; i < s->nhosts; i++)
		has_leader |= s->hosts[i].leader;
	for (size_t i = 0; i < n; i++) {
		long k = sorted_index_find(&d->known, names[i]);
		const struct journal_host *h = k < 0 ? NULL : &s->hosts[k];
		if (h && strcmp(h->role, role))
			strbuf_addf(&d->moved, "%s%s (%s here, %s in the file)",
				    d->moved.len ? ", " : "", names[i],
				    !strcmp(h->role, "master") ? "a master" : "an agent",
				    !strcmp(role, "master") ? "a master" : "an agent");
		if (h)
			continue;
		d->all[d->nall++] = (struct journal_host){ role, names[i],
			!has_leader && leader && !strcmp(leader, names[i]), from_hop };
		d->nnew++;
		d->nmasters_new += !strcmp(role, "master");
	}
}

/* @inv's hosts by name, into @ix; false when out of memory. */
static bool index_inventory(const struct inventory *inv, struct sorted_index *ix)
{
	if (!sorted_index_init(ix, inv->nmasters + inv->nagents + 1))
		return false;
	for (size_t i = 0; i < inv->nmasters; i++)
		sorted_index_add(ix, inv->masters[i], i);
	for (size_t i = 0; i < inv->nagents; i++)
		sorted_index_add(ix, inv->agents[i], i);
	sorted_index_sort(ix);
	return true;
}

static bool diff(const struct session *s, const struct inventory *inv, const char *from_hop,
		 struct host_diff *d)
{
	struct sorted_index in = SORTED_INDEX_INIT;

	memset(d, 0, sizeof(*d));
	strbuf_init(&d->moved);
	d->all = calloc(s->nhosts + inv->nmasters + inv->nagents + 1, sizeof(*d->all));
	if (!d->all || !index_inventory(inv, &in) || !sorted_index_init(&d->known, s->nhosts + 1)) {
		sorted_index_release(&in);
		return false;
	}
	for (size_t i = 0; i < s->nhosts; i++) {
		if (!strcmp(s->hosts[i].role, "master"))
			d->all[d->nall++] = s->hosts[i];
		d->missing += sorted_index_find(&in, s->hosts[i].name) < 0;
		sorted_index_add(&d->known, s->hosts[i].name, i);
	}
	sorted_index_release(&in);
	sorted_index_sort(&d->known);
	diff_role(s, "master", inv->masters, inv->nmasters, inv->leader, from_hop, d);
	for (size_t i = 0; i < s->nhosts; i++)
		if (strcmp(s->hosts[i].role, "master"))
			d->all[d->nall++] = s->hosts[i];
	diff_role(s, "agent", inv->agents, inv->nagents, NULL, from_hop, d);
	return !strbuf_failed(&d->moved);
}

/*
 * The per-host steps of hop @from on without hosts' items that are resolved
 * as a whole: they stay whole. Into @whole (sorted), *@n of them.
 */
static void whole_steps(const struct session *s, size_t from, const char **whole, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (it->hop >= from && it->step && it->step->per_host && !it->host && !it->nhosts &&
		    it->state != ITEM_PENDING)
			whole[(*n)++] = it->id;
	}
	qsort(whole, *n, sizeof(*whole), session_str_cmp);
}

/* Record edit @e: its hosts, its whole steps and the items the new hosts have. */
static enum status record(struct journal *j, struct session *s, struct journal_edit *e,
			  const struct host_diff *d, const char **whole, size_t nwhole,
			  struct arena *a)
{
	struct planned *pv = NULL;
	size_t npv = 0;
	int64_t eid;
	enum status st = journal_edit_add(j, e, &eid);

	/* the new ones: hosts an earlier edit added have a first hop too */
	for (size_t i = 0; st == ST_OK && i < d->nall; i++)
		if (d->all[i].from_hop && sorted_index_find(&d->known, d->all[i].name) < 0)
			st = journal_added_host_add(j, s->info.id, eid, &d->all[i]);
	for (size_t i = 0; st == ST_OK && i < nwhole; i++)
		st = journal_whole_step_add(j, s->info.id, eid, whole[i]);
	if (st != ST_OK)
		return st;
	pv = session_plan_items(&s->plan, d->all, d->nall, whole, nwhole, a, &npv);
	if (!pv)
		return ST_NOMEM;
	for (size_t i = 0; st == ST_OK && i < npv; i++)
		if (pv[i].added && !session_host(s, pv[i].host))
			st = journal_item_append(j, s->info.id, &(struct journal_item){
				pv[i].id, session_item_kind_name(pv[i].kind), pv[i].digest });
	free(pv);
	return st;
}

/* What the edit did, in words: how many hosts, from which hop, what stays. */
static void account(const struct session *s, const struct journal_edit *e,
		    const struct host_diff *d, size_t nwhole, struct strbuf *msg)
{
	long long id = (long long)s->info.id;

	strbuf_addf(msg, "session %lld: %zu host%s added (%zu master%s, %zu agent%s) by %s at %s; "
		    "their items are in hop %s and the hops after it", id, d->nnew,
		    d->nnew == 1 ? "" : "s", d->nmasters_new, d->nmasters_new == 1 ? "" : "s",
		    d->nnew - d->nmasters_new, d->nnew - d->nmasters_new == 1 ? "" : "s",
		    e->operator_name, e->time, e->from_hop);
	if (nwhole)
		strbuf_addf(msg, "; %zu per-host step%s resolved as a whole before stay%s so",
			    nwhole, nwhole == 1 ? "" : "s", nwhole == 1 ? "s" : "");
	if (d->missing)
		strbuf_addf(msg, "; %zu host%s of the session %s not in %s and stay%s: 'exclude %lld "
			    "HOST --note REASON' leaves a host out", d->missing,
			    d->missing == 1 ? "" : "s", d->missing == 1 ? "is" : "are", e->file,
			    d->missing == 1 ? "s" : "", id);
}

/* Whether the edit may be made: ST_OK, or why not in @msg. */
static enum status check(const struct session *s, size_t hop, const struct host_diff *d,
			 const char *file, struct strbuf *msg)
{
	long long id = (long long)s->info.id;

	if (s->closed) {
		strbuf_addf(msg, "session %lld was closed by %s at %s (%s): it can be read and "
			    "reported, not changed; 'reopen %lld' opens it again", id,
			    s->closing.operator_name, s->closing.time, s->closing.text, id);
		return ST_REFUSED;
	}
	if (d->moved.len) {
		strbuf_addf(msg, "a host's role cannot change: %s; nothing recorded",
			    strbuf_str(&d->moved));
		return ST_USAGE;
	}
	if (hop >= s->plan.nhops && d->nnew) {
		strbuf_addf(msg, "session %lld is finished: no hop is left for new hosts; nothing "
			    "recorded", id);
		return ST_REFUSED;
	}
	if (!d->nnew)
		strbuf_addf(msg, "every host of %s is in session %lld already; nothing recorded",
			    file, id);
	if (!d->nnew && d->missing)
		strbuf_addf(msg, " (%zu host%s of the session %s not in it and stay%s: 'exclude %lld "
			    "HOST --note REASON' leaves a host out)", d->missing,
			    d->missing == 1 ? "" : "s", d->missing == 1 ? "is" : "are",
			    d->missing == 1 ? "s" : "", id);
	return ST_OK;
}

enum status session_add_hosts(struct journal *j, const struct content *c, int64_t id,
			      const struct inventory *inv, const char *file,
			      const struct session_actor *who, struct diag_list *dl,
			      struct strbuf *msg)
{
	char now[CLOCK_ISO_LEN + 1];
	struct arena a = ARENA_INIT;
	struct host_diff d = { .moved = STRBUF_INIT, .known = SORTED_INDEX_INIT };
	struct journal_host *hosts = NULL;
	struct session *s = NULL;
	const char **whole = NULL;
	size_t hop = 0, nwhole = 0, nhosts = 0;
	enum status st = journal_begin(j);

	if (st != ST_OK) {
		strbuf_adds(msg, journal_error(j));
		return st;
	}
	/*
	 * every host, but of the hosts' items only the masters': the current
	 * hop and the per-host steps' states come from the journal's counts
	 * (the whole session when they do not agree with the plan)
	 */
	st = journal_hosts(j, id, &a, &hosts, &nhosts);
	if (st == ST_OK)
		st = session_load_view_of(j, c, id, SESSION_NO_HOP, hosts, nhosts, &s, msg);
	else
		strbuf_adds(msg, journal_error(j));
	if (st == ST_OK) {
		hop = current_hop(s);
		whole = calloc(s->nitems + 1, sizeof(*whole));
		st = whole && diff(s, inv, hop < s->plan.nhops ? s->plan.hops[hop].id : "", &d)
		     ? ST_OK : ST_NOMEM;
	}
	if (st == ST_OK)
		st = check(s, hop, &d, file, msg);
	if (st == ST_OK && d.nnew) {
		struct journal_edit e = { .session = id, .from_hop = s->plan.hops[hop].id,
					  .file = file, .operator_name = who->operator_name,
					  .host = who->host, .time = now };
		clock_iso(clock_now(), now);
		whole_steps(s, hop, whole, &nwhole);
		st = record(j, s, &e, &d, whole, nwhole, &a);
		if (st == ST_OK)
			st = journal_commit(j);
		if (st == ST_OK)
			account(s, &e, &d, nwhole, msg);
		else
			strbuf_adds(msg, st == ST_NOMEM ? "out of memory" : journal_error(j));
	}
	if (st != ST_OK || !d.nnew)
		journal_rollback(j);
	free(whole);
	free(d.all);
	strbuf_release(&d.moved);
	sorted_index_release(&d.known);
	arena_release(&a);
	session_free(&s);
	if (st != ST_OK) {
		diag_fail_why(dl, st, msg);
		strbuf_reset(msg);
	}
	return st;
}
