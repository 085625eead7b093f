/*
 * session_verify.c - hosts' items marked done from what a probe saw (see
 * session_verify.h).
 */
#include <stdlib.h>
#include <string.h>

#include "session_live.h"
#include "session_private.h"
#include "session_verify.h"
#include "sorted_index.h"

/* What the probe saw, by host: masters and agents apart. */
struct seen {
	const struct probe_result *r;
	struct sorted_index masters, agents;
	char *master_sources;            /* per master "URL/version", NUL-separated */
	const char **master_source;
};

static bool seen_init(struct seen *v, const struct probe_result *r)
{
	struct strbuf sb = STRBUF_INIT;

	memset(v, 0, sizeof(*v));
	v->r = r;
	v->master_source = calloc(r->nmasters + 1, sizeof(*v->master_source));
	if (!v->master_source || !sorted_index_init(&v->masters, r->nmasters + 1) ||
	    !sorted_index_init(&v->agents, r->nagents + 1))
		return false;
	for (size_t i = 0; i < r->nmasters; i++) {
		sorted_index_add(&v->masters, r->masters[i].host, i);
		strbuf_addf(&sb, "%s/version", r->masters[i].url);
		strbuf_addc(&sb, '\0');
	}
	for (size_t i = 0; i < r->nagents; i++)
		sorted_index_add(&v->agents, r->agents[i].host, i);
	sorted_index_sort(&v->masters);
	sorted_index_sort(&v->agents);
	if (strbuf_failed(&sb))
		return false;
	v->master_sources = strbuf_detach(&sb);
	for (size_t i = 0, off = 0; i < r->nmasters && v->master_sources; i++) {
		v->master_source[i] = v->master_sources + off;
		off += strlen(v->master_source[i]) + 1;
	}
	return true;
}

static void seen_release(struct seen *v)
{
	sorted_index_release(&v->masters);
	sorted_index_release(&v->agents);
	free(v->master_sources);
	free(v->master_source);
}

/* The version host item @it reports, and where it was read; NULL when unknown. */
static const char *seen_version(const struct seen *v, const struct session *s,
				const struct session_item *it, const char **source)
{
	bool master = s->items[it->parent].step->role == ROLE_MASTER;
	const struct sorted_index *ix = master ? &v->masters : &v->agents;
	long k = sorted_index_find(ix, it->host);
	size_t at;

	*source = NULL;
	if (k < 0)
		return NULL;
	at = (size_t)k;
	if (master) {
		if (!v->r->masters[at].reachable)
			return NULL;
		*source = v->master_source[at];
		return v->r->masters[at].version;
	}
	*source = v->r->agents[at].source;
	return v->r->agents[at].version;
}

/* Whether host item @k is the leading master: the live leader when the probe saw one. */
static bool is_leader(const struct seen *v, const struct session *s, size_t k)
{
	const struct session_item *it = &s->items[k];

	if (s->items[it->parent].step->role != ROLE_MASTER)
		return false;
	return v->r->leader ? strcmp(it->host, v->r->leader) == 0 : it->leader;
}

/* Whether item @i is a per-host step whose hosts show it done by their version. */
static bool verified_step(const struct session_item *it)
{
	return !it->host && it->step && it->step->per_host &&
	       it->step->verify == CONTENT_VERIFY_VERSION && it->nhosts;
}

/* A batch of one step's hosts to mark, with their evidence. */
struct batch {
	const char **ids;
	struct mark_evidence *evidence;
	size_t n;
};

/*
 * The pending hosts of step @i that report its hop's target series: all of
 * them, save the leading master while another master of the step is pending.
 */
static void gather(const struct seen *v, const struct session *s, size_t i, int64_t probe,
		   struct batch *b)
{
	const struct content_hop *hop = &s->plan.hops[s->items[i].hop];
	bool others_pending = false;
	long leader = -1;

	b->n = 0;
	for (size_t k = i + 1; k < s->nitems && s->items[k].parent == (long)i; k++) {
		const struct session_item *it = &s->items[k];
		const char *source, *version = seen_version(v, s, it, &source);
		if (it->state != ITEM_PENDING)
			continue;
		if (is_leader(v, s, k)) {
			leader = (long)k;
			continue;
		}
		if (session_live_match(hop, version) != LIVE_TARGET) {
			others_pending = true;
			continue;
		}
		b->ids[b->n] = it->id;
		b->evidence[b->n++] = (struct mark_evidence){ probe, version, source };
	}
	/* the leader last: one failover, onto a master already upgraded */
	if (leader >= 0 && !others_pending && !b->n) {
		const char *source, *version = seen_version(v, s, &s->items[leader], &source);
		if (session_live_match(hop, version) == LIVE_TARGET) {
			b->ids[b->n] = s->items[leader].id;
			b->evidence[b->n++] = (struct mark_evidence){ probe, version, source };
		}
	}
}

/* Keep @id in @out's list of what was marked. */
static bool keep_marked(struct verify_result *out, const char *id, size_t *cap)
{
	const char **p = arena_grow(&out->arena, out->marked, out->nmarked, cap, sizeof(*p), 64);

	if (!p || !(p[out->nmarked] = arena_strndup(&out->arena, id, strlen(id))))
		return false;
	out->marked = p;
	out->nmarked++;
	return true;
}

/*
 * One pass over the steps of hop @hop (SESSION_ALL_HOPS: of every hop) of
 * @s: each step whose hosts can be marked now, marked.
 */
static enum status pass(struct journal *j, const struct content *c, const struct session *s,
			size_t hop, const struct seen *v, int64_t probe,
			const struct session_actor *who, struct batch *b,
			struct verify_result *out, size_t *cap, bool *progress, struct diag_list *dl)
{
	free(b->ids);
	free(b->evidence);
	b->ids = calloc(s->nitems + 1, sizeof(*b->ids));
	b->evidence = calloc(s->nitems + 1, sizeof(*b->evidence));
	if (!b->ids || !b->evidence)
		return ST_NOMEM;
	for (size_t i = 0; i < s->nitems; i++) {
		struct diag_list said = DIAG_LIST_INIT;
		char text[96];
		size_t recorded;
		long blocker;
		enum status st;
		if (!verified_step(&s->items[i]) || s->items[i].state != ITEM_PENDING ||
		    (hop != SESSION_ALL_HOPS && s->items[i].hop != hop))
			continue;
		gather(v, s, i, probe, b);
		if (!b->n || session_blocker(s, (size_t)session_find(s, b->ids[0]), &blocker) !=
				     SESSION_BLOCK_NONE)
			continue;
		snprintf(text, sizeof(text), "verified: the host reports the %s series",
			 s->plan.hops[s->items[i].hop].to);
		st = session_mark_many(j, c, s->info.id, b->ids, b->n, MARK_DONE, text, who,
				       b->evidence, &recorded, NULL, &said);
		if (st != ST_OK && st != ST_REFUSED && st != ST_USAGE)
			diag_append(dl, &said);
		diag_list_release(&said);
		if (st == ST_REFUSED || st == ST_USAGE) /* another operator got there first */
			continue;
		if (st != ST_OK)
			return st;
		for (size_t k = 0; k < b->n; k++)
			if (!keep_marked(out, b->ids[k], cap))
				return ST_NOMEM;
		*progress = *progress || recorded > 0;
	}
	return ST_OK;
}

/* The hosts of verified steps of hop @hop (or every hop) of @s still pending, with what they reported. */
static enum status still_pending(const struct session *s, size_t hop, const struct seen *v,
				 struct verify_result *out, size_t *cap)
{
	for (size_t i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		const char *source, *version;
		struct verify_pending *p;
		if (!it->host || it->state != ITEM_PENDING || !verified_step(&s->items[it->parent]) ||
		    (hop != SESSION_ALL_HOPS && it->hop != hop))
			continue;
		version = seen_version(v, s, it, &source);
		p = arena_grow(&out->arena, out->pending, out->npending, cap, sizeof(*p), 64);
		if (!p)
			return ST_NOMEM;
		out->pending = p;
		p[out->npending++] = (struct verify_pending){
			arena_strndup(&out->arena, it->id, strlen(it->id)),
			arena_strndup(&out->arena, it->host, strlen(it->host)),
			version ? arena_strndup(&out->arena, version, strlen(version)) : NULL };
		if (!p[out->npending - 1].item || !p[out->npending - 1].host ||
		    (version && !p[out->npending - 1].version))
			return ST_NOMEM;
	}
	return ST_OK;
}

/*
 * Which steps of hop @h of @top, the view of no hop's agents, verify looks
 * at: verified steps with hosts pending (those the rules let be marked now,
 * with @now): none, the masters' only (their items are in @top), or agents'.
 */
enum wanted { WANT_NONE, WANT_MASTERS, WANT_AGENTS };
static enum wanted hop_wants(const struct session *top, size_t h, bool now)
{
	enum wanted w = WANT_NONE;
	long blocker;

	for (size_t i = 0; i < top->nitems; i++) {
		const struct session_item *it = &top->items[i];
		if (it->hop != h || !verified_step(it) || it->state != ITEM_PENDING ||
		    (now && session_blocker(top, i, &blocker) != SESSION_BLOCK_NONE))
			continue;
		if (it->step->role != ROLE_MASTER)
			return WANT_AGENTS;
		w = WANT_MASTERS;
	}
	return w;
}

/* What verify reads of a session, a hop at a time when it can. */
struct reading {
	struct journal *j;
	const struct content *c;
	int64_t id;
	struct session *top;        /* the view of no hop's agents, or the whole session */
	struct arena a;             /* the inventory, read once */
	struct journal_host *hosts;
	size_t nhosts;
};

/*
 * The session with the hosts' items verify needs of hop @h in *@view: @r's
 * top when it has them (the masters', or the whole session), else hop
 * @h's view, the caller's to free (*@own).
 */
static enum status hop_read(struct reading *r, size_t h, enum wanted w,
			    const struct session **view, struct session **own, struct strbuf *why)
{
	enum status st = ST_OK;

	*own = NULL;
	*view = r->top;
	if (!r->top->partial || w != WANT_AGENTS)
		return ST_OK;
	if (!r->hosts && (st = journal_hosts(r->j, r->id, &r->a, &r->hosts, &r->nhosts)) != ST_OK) {
		strbuf_adds(why, st == ST_NOMEM ? "out of memory" : journal_error(r->j));
		return st;
	}
	st = session_load_view_of(r->j, r->c, r->id, h, r->hosts, r->nhosts, own, why);
	*view = *own;
	return st;
}

/*
 * One pass over the session: its view of no hop's agents read again, then
 * each hop with a verified step the rules let be marked now, from the view
 * that has its hosts (the whole session when the views cannot read it).
 * A reading's failure said in @why, a check-off's in @dl.
 */
static enum status pass_hops(struct reading *r, const struct seen *v, int64_t probe,
			     const struct session_actor *who, struct batch *b,
			     struct verify_result *out, size_t *cap, bool *progress,
			     struct strbuf *why, struct diag_list *dl)
{
	enum status st;

	session_free(&r->top);
	st = session_load_view_of(r->j, r->c, r->id, SESSION_NO_HOP, NULL, 0, &r->top, why);
	if (st != ST_OK)
		return st;
	if (!r->top->partial) /* loaded whole (the content changed) */
		return pass(r->j, r->c, r->top, SESSION_ALL_HOPS, v, probe, who, b, out, cap,
			    progress, dl);
	for (size_t h = 0; st == ST_OK && h < r->top->plan.nhops; h++) {
		enum wanted w = hop_wants(r->top, h, true);
		const struct session *view;
		struct session *own;
		if (w == WANT_NONE)
			continue;
		st = hop_read(r, h, w, &view, &own, why);
		if (st == ST_OK)
			st = pass(r->j, r->c, view, h, v, probe, who, b, out, cap, progress, dl);
		session_free(&own);
	}
	return st;
}

/*
 * The hosts of verified steps still pending, a hop at a time, in one read of
 * the journal; why a view could not be read in @why.
 */
static enum status pending_hops(struct reading *r, const struct seen *v, struct verify_result *out,
				struct strbuf *why)
{
	size_t cap = 0;
	bool began = false;
	enum status st;

	if (!r->top->partial)
		return still_pending(r->top, SESSION_ALL_HOPS, v, out, &cap);
	st = journal_read_begin(r->j, &began);
	for (size_t h = 0; st == ST_OK && h < r->top->plan.nhops; h++) {
		enum wanted w = hop_wants(r->top, h, false);
		const struct session *view;
		struct session *own;
		if (w == WANT_NONE)
			continue;
		st = hop_read(r, h, w, &view, &own, why);
		if (st == ST_OK)
			st = still_pending(view, h, v, out, &cap);
		session_free(&own);
	}
	journal_read_end(r->j, began);
	return st;
}

enum status session_verify(struct journal *j, const struct content *c, int64_t session,
			   const struct probe_result *r, int64_t probe_id,
			   const struct session_actor *who, struct verify_result *out,
			   struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	struct reading rd = { j, c, session, NULL, ARENA_INIT, NULL, 0 };
	struct batch b = { 0 };
	struct seen v;
	size_t cap = 0;
	enum status st = ST_NOMEM;
	bool progress = true;

	memset(out, 0, sizeof(*out));
	if (!seen_init(&v, r))
		goto out;
	/* each pass unlocks what comes after what it marked: a step, the leader */
	while (progress) {
		progress = false;
		st = pass_hops(&rd, &v, probe_id, who, &b, out, &cap, &progress, &why, dl);
		if (st != ST_OK)
			goto out;
	}
	st = pending_hops(&rd, &v, out, &why);
out:
	if (dl->status == ST_OK) /* not said by a check-off */
		journal_report_why(j, st, &why, dl);
	strbuf_release(&why);
	session_free(&rd.top);
	arena_release(&rd.a);
	free(b.ids);
	free(b.evidence);
	seen_release(&v);
	if (st != ST_OK)
		verify_result_release(out);
	return st;
}

void verify_result_release(struct verify_result *v)
{
	arena_release(&v->arena);
	memset(v, 0, sizeof(*v));
}
