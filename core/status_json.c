/*
 * status_json.c - "status --format json" (status_view.h): the session, its
 * cluster, and each hop with its items.
 */
#include "json_writer.h"
#include "status_view.h"

void status_view_said_json(struct json_writer *w, const struct journal_event *e)
{
	jw_key_string(w, "operator", e->operator_name);
	jw_key_string(w, "host", e->host);
	jw_key_string(w, "text", e->text);
}

void status_view_hop_json(struct json_writer *w, const struct content_hop *hop)
{
	const struct jw_member m[] = { { "id", hop->id }, { "from", hop->from }, { "to", hop->to },
				       { "title", hop->title } };

	jw_members(w, m, sizeof(m) / sizeof(*m));
	jw_key_bool(w, "ordered", hop->ordered);
	jw_key_string(w, "source", content_source_name(hop->source));
	jw_key_string(w, "reference", hop->reference);
}

static void json_event(struct json_writer *w, const char *key, const struct journal_event *e)
{
	jw_key(w, key);
	if (!e) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_key_name(w, "action", event_action_name(e->action));
	jw_key_string(w, "time", e->time);
	status_view_said_json(w, e);
	jw_key_bool(w, "forced", e->forced);
	jw_object_end(w);
}

void status_view_totals_json(struct json_writer *w, size_t items, size_t done, size_t skipped,
			     size_t pending, size_t forced, size_t removed)
{
	jw_key(w, "totals");
	jw_object(w);
	jw_key_count(w, "items", items);
	jw_key_count(w, "done", done);
	jw_key_count(w, "skipped", skipped);
	jw_key_count(w, "pending", pending);
	jw_key_count(w, "forced", forced);
	jw_key_count(w, "removed", removed);
	jw_object_end(w);
}

void status_view_session_json(struct json_writer *w, const struct session *s, bool totals)
{
	jw_object(w);
	jw_key(w, "id");
	jw_int(w, (long long)s->info.id);
	jw_key_string(w, "from", s->info.from);
	jw_key_string(w, "to", s->info.to);
	jw_key_string(w, "title", s->info.title);
	jw_key_string(w, "operator", s->info.operator_name);
	jw_key_string(w, "host", s->info.host);
	jw_key_string(w, "created", s->info.created);
	jw_key_string(w, "status", session_status_name(s));
	jw_key_string(w, "finished", s->finished_at);
	jw_key_string(w, "last_activity", *s->last_activity ? s->last_activity : NULL);
	jw_key_string(w, "window_end", *s->window_end ? s->window_end : NULL);
	jw_key_string(w, "content_version", s->info.content_version);
	jw_key_string(w, "content_digest", s->info.content_digest);
	jw_key_bool(w, "content_changed", s->content_changed);
	jw_key_string(w, "content_dir", s->info.content_dir);
	jw_key_bool(w, "content_missing", s->other_content);
	if (s->other_content) {
		struct strbuf hint = STRBUF_INIT;
		session_content_hint(s, &hint);
		jw_key_string(w, "hint", strbuf_str(&hint));
		strbuf_release(&hint);
	} else {
		jw_key_string(w, "hint", NULL);
	}
	if (totals)
		status_view_totals_json(w, session_total(s), s->ndone, s->nskipped, s->npending,
					s->nforced, s->nremoved);
	jw_object_end(w);
}

static void json_item(struct json_writer *w, const struct session *s,
		      const struct session_live *live, size_t k, struct status_lock_memo *lock,
		      struct jw_memo *title, struct strbuf *why)
{
	const struct session_item *it = &s->items[k];
	const struct journal_probe_host *h = session_live_item(live, s, it);
	size_t num = session_step_number(s, k);

	jw_object(w);
	jw_key_string(w, "id", it->id);
	jw_key_name(w, "kind", session_item_kind_name(it->kind));
	jw_key_string(w, "host", it->host);
	jw_key_bool(w, "leader", it->leader);
	jw_key(w, "hosts");
	if (it->nhosts) {
		jw_object(w);
		jw_key_count(w, "total", it->nhosts);
		jw_key_count(w, "done", it->hosts_done);
		jw_key_count(w, "skipped", it->hosts_skipped);
		jw_key_count(w, "pending", it->nhosts - it->hosts_done - it->hosts_skipped);
		jw_object_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "number");
	if (num)
		jw_count(w, num);
	else
		jw_null(w);
	jw_key_memo(w, title, "title", 5, session_item_title(it)); /* the content's */
	jw_key_name(w, "role", it->step ? content_role_name(it->step->role) : NULL);
	jw_key_name(w, "origin", session_item_origin(it));
	jw_key_name(w, "state", session_item_state_name(it->state));
	jw_key_string(w, "locked", status_view_lock_text(lock, s, k, why));
	jw_key_string(w, "branch", it->branch);
	jw_key_bool(w, "forced", it->forced);
	jw_key_name(w, "drift", session_drift_name(it->drift));
	jw_key_bool(w, "changed_since_done", it->changed_since_done);
	json_event(w, "change", it->has_last ? &it->last : NULL);
	json_event(w, "note", it->has_note ? &it->note_event : NULL);
	jw_key(w, "live");
	if (h) {
		jw_object(w);
		jw_key_string(w, "version", h->version);
		jw_key_string(w, "observed", live->probe.time);
		jw_object_end(w);
	} else {
		jw_null(w);
	}
	jw_key_bool(w, "live_mismatch", session_live_mismatch(live, s, it));
	jw_object_end(w);
}

void status_view_warnings_json(struct json_writer *w, const struct journal_probe *p)
{
	jw_key(w, "warnings");
	jw_array(w);
	for (size_t i = 0; i < p->nwarnings; i++) {
		jw_object(w);
		jw_key_string(w, "kind", p->warnings[i].kind);
		jw_key_string(w, "text", p->warnings[i].text);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void status_view_probe_json(struct json_writer *w, const struct journal_probe *p)
{
	const struct jw_member m[] = { { "operator", p->operator_name }, { "host", p->host },
				       { "leader", p->leader } };

	jw_members(w, m, sizeof(m) / sizeof(*m));
	jw_key_count(w, "masters", p->masters);
	jw_key_count(w, "masters_answered", p->masters_answered);
	jw_key_count(w, "agents", p->agents);
	status_view_warnings_json(w, p);
}

void status_view_cluster_json(struct json_writer *w, const struct session_live *live)
{
	if (!live || !live->probed) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_key_string(w, "probed", live->probe.time);
	status_view_probe_json(w, &live->probe);
	jw_object_end(w);
}

/* A JSON status being written: each hop's items from @hop_of, or from @batch_of. */
struct json_status {
	struct json_writer w;
	const struct session_live *live;
	status_hop_fn *hop_of;
	status_batch_fn *batch_of;
	void *ctx;
	struct jw_memo title;
	struct strbuf why;
};

/*
 * The hosts' items of per-host step @k of @top, a batch of agents at a time,
 * each from its batch's view of the hop (the rules, the lock texts its own);
 * false once a view could not be read.
 */
static bool json_host_batches(struct json_status *x, const struct session *top, size_t k)
{
	size_t first = 0, next;

	do {
		struct status_lock_memo lock = STATUS_LOCK_MEMO_INIT;
		const struct session *b = x->batch_of(x->ctx, k, first, &next);
		long si = b ? session_find(b, top->items[k].id) : -1;
		if (si < 0)
			return false;
		for (size_t q = (size_t)si + 1;
		     q < b->nitems && b->items[q].host && b->items[q].parent == si; q++)
			json_item(&x->w, b, x->live, q, &lock, &x->title, &x->why);
		status_lock_memo_release(&lock);
		first = next;
	} while (first);
	return true;
}

/*
 * Hop @h with its items: from the session that has them (its lock texts its
 * own), or with batches (unless the content changed) @top's, each per-host
 * step whose agents @top lacks followed by theirs a batch at a time.
 * False once a view could not be read.
 */
static bool json_hop(struct json_status *x, const struct session *top, size_t h)
{
	bool batched = x->batch_of && !top->content_changed;
	const struct session *s = batched ? top : x->hop_of(x->ctx, h);
	struct status_lock_memo lock = STATUS_LOCK_MEMO_INIT;
	struct status_hop_count n;
	size_t i = 0;
	bool ok = true;

	if (!s)
		return false;
	while (i < s->nitems && s->items[i].hop < h)
		i++;
	n = status_view_hop_count(s, h, &i);
	jw_object(&x->w);
	status_view_hop_json(&x->w, &top->plan.hops[h]);
	jw_key_count(&x->w, "done", n.done);
	jw_key_count(&x->w, "skipped", n.skipped);
	jw_key_count(&x->w, "pending", n.pending);
	jw_key(&x->w, "items");
	jw_array_lines(&x->w, "\n ");
	for (size_t k = n.first; ok && k < i; k++) {
		const struct session_item *it = &s->items[k];
		json_item(&x->w, s, x->live, k, &lock, &x->title, &x->why);
		if (batched && !it->host && it->nhosts && it->nloaded < it->nhosts)
			ok = json_host_batches(x, top, k);
	}
	jw_array_end(&x->w);
	jw_object_end(&x->w);
	status_lock_memo_release(&lock);
	return ok;
}

void status_view_json_batches(struct strbuf *out, const struct session *top,
			      const struct session_live *live, status_hop_fn *hop_of,
			      status_batch_fn *batch_of, void *ctx)
{
	struct json_status x = { .live = live, .hop_of = hop_of, .batch_of = batch_of,
				 .ctx = ctx, .why = STRBUF_INIT };

	json_writer_init(&x.w, out);
	jw_object(&x.w);
	jw_key(&x.w, "session");
	status_view_session_json(&x.w, top, false);
	status_view_totals_json(&x.w, session_total(top), top->ndone, top->nskipped,
				top->npending, top->nforced, top->nremoved);
	jw_key(&x.w, "cluster");
	status_view_cluster_json(&x.w, live);
	status_view_excluded_json(&x.w, top);
	jw_key(&x.w, "hops");
	jw_array_lines(&x.w, "\n");
	for (size_t h = 0; h < top->plan.nhops; h++) {
		if (!json_hop(&x, top, h)) {
			out->failed = true;
			break;
		}
	}
	jw_array_end(&x.w);
	jw_object_end(&x.w);
	jw_end(&x.w);
	if (strbuf_failed(&x.why))
		out->failed = true;
	strbuf_release(&x.why);
}

void status_view_json_hops(struct strbuf *out, const struct session *top,
			   const struct session_live *live, status_hop_fn *hop_of, void *ctx)
{
	status_view_json_batches(out, top, live, hop_of, NULL, ctx);
}
