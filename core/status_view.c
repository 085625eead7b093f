/*
 * status_view.c - "status" and "sessions" output.
 */
#include <stdint.h>
#include <string.h>

#include "status_view.h"
#include "textutil.h"

/* (status_view.h) */
struct status_hop_count status_view_hop_count(const struct session *s, size_t h, size_t *i)
{
	struct status_hop_count n = { *i, 0, 0, 0 };

	for (; *i < s->nitems && s->items[*i].hop == h; ++*i) {
		const struct session_item *it = &s->items[*i];
		/* removed items and hosts' items are not the hop's to count */
		if (it->drift == DRIFT_REMOVED || it->host)
			continue;
		n.done += it->state == ITEM_DONE;
		n.skipped += it->state == ITEM_SKIPPED;
		n.pending += it->state == ITEM_PENDING;
	}
	return n;
}

/* ---- text -------------------------------------------------------------- */

static const char *box(const struct session_item *it)
{
	switch (it->state) {
	case ITEM_DONE: return "[x]";
	case ITEM_SKIPPED: return "[-]";
	case ITEM_PENDING: break;
	}
	return "[ ]";
}

/*
 * A field read from the journal that must stay on its line (a time, an id, a
 * version): anyone who can write the journal could have put a newline or an
 * escape sequence in it, so it is shown as text_add_terminal() shows it.
 */
static void add_field(struct strbuf *out, const char *s)
{
	text_add_terminal(out, s ? s : "", s ? strlen(s) : 0);
}

/*
 * An operator's text (a note, a reason) that may hold several lines: every
 * line after the first is indented by @indent, so no line of it can pass
 * for an item line of its own.
 */
static void add_lines(struct strbuf *out, const char *s, size_t indent)
{
	struct strbuf plain = STRBUF_INIT;

	text_add_plain(&plain, s, 0);
	for (const char *p = strbuf_str(&plain); *p; p++) {
		strbuf_addc(out, *p);
		if (*p == '\n')
			strbuf_addn(out, ' ', indent);
	}
	if (strbuf_failed(&plain))
		out->failed = true;
	strbuf_release(&plain);
}

static void text_event(struct strbuf *out, const char *verb, const struct journal_event *e)
{
	strbuf_addf(out, "%s by ", verb);
	text_add_plain(out, e->operator_name, 0);
	strbuf_adds(out, "@");
	text_add_plain(out, e->host, 0);
	strbuf_adds(out, " at ");
	add_field(out, e->time);
}

static const char *verb(const struct session_item *it)
{
	if (!it->has_last)
		return "";
	return event_action_past(it->last.action);
}

void status_view_session_line(struct strbuf *out, const struct session *s)
{
	size_t total = session_total(s);

	struct strbuf range = STRBUF_INIT, created = STRBUF_INIT;
	char done[48];

	add_field(&range, s->info.from);
	strbuf_adds(&range, " -> ");
	add_field(&range, s->info.to);
	add_field(&created, s->info.created);
	if (s->other_content)
		snprintf(done, sizeof(done), "-");
	else
		snprintf(done, sizeof(done), "%zu/%zu", s->ndone + s->nskipped, total);
	strbuf_addf(out, "%-4lld %-16s %-8s %-7s %-21s ", (long long)s->info.id, strbuf_str(&range),
		    session_status_name(s), done, strbuf_str(&created));
	if (strbuf_failed(&range) || strbuf_failed(&created))
		out->failed = true;
	strbuf_release(&range);
	strbuf_release(&created);
	{
		/* the operator in a column of 9, longer names push the title along */
		size_t before = out->len;
		text_add_plain(out, s->info.operator_name, 0);
		size_t w = utf8_width(out->buf ? out->buf + before : "", out->len - before);
		if (*s->info.title)
			strbuf_addn(out, ' ', w < 9 ? 10 - w : 1);
	}
	text_add_plain(out, s->info.title, 0);
	strbuf_addc(out, '\n');
	if (s->other_content) {
		strbuf_adds(out, "     planned with other content: ");
		session_content_hint(s, out);
		strbuf_addc(out, '\n');
	}
}

/* One item of "status": box, number, id, hosts, branch, who did what, drift, the latest note. */
static void text_item(struct strbuf *out, const struct session *s,
		      const struct session_live *live, size_t k)
{
	const struct session_item *it = &s->items[k];
	const struct journal_probe_host *h = session_live_item(live, s, it);
	size_t num = session_step_number(s, k);
	char label[24];

	if (it->host)
		snprintf(label, sizeof(label), "  -");
	else if (num)
		snprintf(label, sizeof(label), "%zu.", num);
	else
		/* a removed step (a host's among them) has no number */
		snprintf(label, sizeof(label), "%s", it->kind == ITEM_NOTE ? "note" : "step");
	strbuf_addf(out, "  %s %-4s ", box(it), label);
	add_field(out, it->id);
	if (!it->host && session_item_origin(it) && !strcmp(session_item_origin(it), "tool"))
		strbuf_adds(out, " (" CONTENT_TOOL_WORDS ")");
	if (it->leader)
		strbuf_adds(out, " (leader: last, one failover onto an upgraded master)");
	if (it->nhosts)
		strbuf_addf(out, " [hosts: %zu done, %zu skipped, %zu pending of %zu]",
			    it->hosts_done, it->hosts_skipped,
			    it->nhosts - it->hosts_done - it->hosts_skipped, it->nhosts);
	if (it->branch) {
		strbuf_adds(out, " [branch ");
		add_field(out, it->branch);
		strbuf_adds(out, "]");
	}
	if (it->nhosts) {
		if (it->state != ITEM_PENDING) {
			strbuf_adds(out, "  every host resolved, the last at ");
			add_field(out, it->last.time);
		}
	} else if (it->has_last) {
		strbuf_adds(out, "  ");
		text_event(out, verb(it), &it->last);
		if (it->forced)
			strbuf_adds(out, " (FORCED)");
		if (it->state == ITEM_SKIPPED && session_event_exclusion(s, it->last.id))
			strbuf_adds(out, " (host excluded)");
		if (*it->last.text) {
			strbuf_adds(out, ": ");
			add_lines(out, it->last.text, 14);
		}
	}
	if (h) {
		strbuf_adds(out, "  [live ");
		add_field(out, h->version ? h->version : !strcmp(h->role, "master") && !h->reachable
							 ? "unreachable" : "unknown");
		strbuf_adds(out, "]");
		if (session_live_mismatch(live, s, it))
			strbuf_adds(out, "  ! done, but the host still runs an older version");
	}
	if (it->changed_since_done)
		strbuf_adds(out, "  ! changed since it was done");
	else if (it->drift == DRIFT_ADDED)
		strbuf_adds(out, "  (new in the content)");
	else if (it->drift == DRIFT_REMOVED)
		strbuf_adds(out, "  (no longer in the content)");
	else if (it->drift == DRIFT_CHANGED && it->state == ITEM_PENDING)
		strbuf_adds(out, "  (changed since planned)");
	strbuf_addc(out, '\n');
	if (it->has_note && (!it->has_last || it->note_event.id > it->last.id)) {
		strbuf_adds(out, "            ");
		text_event(out, "note", &it->note_event);
		strbuf_adds(out, ": ");
		add_lines(out, it->note_event.text, 14);
		strbuf_addc(out, '\n');
	}
}

/* The latest probe: when, by whom, the leader, who answered. */
static void text_cluster(struct strbuf *out, const struct session_live *live)
{
	const struct journal_probe *p = &live->probe;
	struct strbuf line = STRBUF_INIT;

	strbuf_adds(out, "Cluster probed ");
	add_field(out, p->time);
	strbuf_adds(out, " by ");
	text_add_plain(out, p->operator_name, 0);
	strbuf_adds(out, "@");
	text_add_plain(out, p->host, 0);
	strbuf_adds(out, ": ");
	/* host names and versions come from the cluster: made safe as a field */
	session_probe_summary(p, &line);
	add_field(out, strbuf_str(&line));
	strbuf_addc(out, '\n');
	strbuf_release(&line);
}

/* The warnings of the latest probe, under the hop they come before. */
static void text_warnings(struct strbuf *out, const struct session_live *live)
{
	for (size_t w = 0; w < live->probe.nwarnings; w++) {
		strbuf_adds(out, "  ! WARNING: ");
		add_lines(out, live->probe.warnings[w].text, 13);
		strbuf_addc(out, '\n');
	}
}

/* The session's lines above its hops: what, where it stands, who, when, the content. */
static void text_session(struct strbuf *out, const struct session *s)
{
	size_t total = session_total(s);

	strbuf_addf(out, "Session %lld: ", (long long)s->info.id);
	add_field(out, s->info.from);
	strbuf_adds(out, " -> ");
	add_field(out, s->info.to);
	if (*s->info.title) {
		strbuf_adds(out, "  ");
		text_add_plain(out, s->info.title, 0);
	}
	strbuf_addf(out, "\nStatus: %s; %zu of %zu items resolved (%zu done, %zu skipped, "
		    "%zu pending", session_status_name(s), s->ndone + s->nskipped, total,
		    s->ndone, s->nskipped, s->npending);
	if (s->nforced)
		strbuf_addf(out, ", %zu forced", s->nforced);
	strbuf_adds(out, ")\n");
	if (s->closed) {
		strbuf_adds(out, "Closed by ");
		text_add_plain(out, s->closing.operator_name, 0);
		strbuf_adds(out, "@");
		text_add_plain(out, s->closing.host, 0);
		strbuf_adds(out, " at ");
		add_field(out, s->closing.time);
		strbuf_adds(out, ": ");
		add_lines(out, s->closing.text, 2);
		strbuf_addc(out, '\n');
	}
	strbuf_adds(out, "Started ");
	add_field(out, s->info.created);
	strbuf_adds(out, " by ");
	text_add_plain(out, s->info.operator_name, 0);
	strbuf_adds(out, "@");
	text_add_plain(out, s->info.host, 0);
	if (s->finished_at) {
		strbuf_adds(out, "; finished ");
		add_field(out, s->finished_at);
	} else if (*s->last_activity) {
		strbuf_adds(out, "; last activity ");
		add_field(out, s->last_activity);
	}
	if (*s->window_end) {
		strbuf_adds(out, "\nWindow ends ");
		add_field(out, s->window_end);
		strbuf_adds(out, " (local time)");
	}
	strbuf_adds(out, "\nContent ");
	text_add_plain(out, s->info.content_version, 0);
	if (s->content_changed) {
		size_t changed = 0, since = 0;
		for (size_t i = 0; i < s->nitems; i++) {
			changed += s->items[i].drift != DRIFT_NONE;
			since += s->items[i].changed_since_done;
		}
		strbuf_addf(out, "; THE CONTENT CHANGED since this session was planned: %zu item%s "
			    "%s, %zu of them changed after being done (marked '!')", changed,
			    changed == 1 ? "" : "s", changed == 1 ? "differs" : "differ", since);
	}
	strbuf_addc(out, '\n');
}

/*
 * Hop @h with its items, from *@i (where they start) on, *@i left past
 * them (a per-host step summed up unless @all_hosts); the probe's warnings
 * before the first hop with pending items, unless *@warned already.
 */
static void text_hop(struct strbuf *out, const struct session *s, const struct session_live *live,
		     size_t h, size_t *i, bool *warned, bool all_hosts)
{
	const struct content_hop *hop = &s->plan.hops[h];
	struct status_hop_count n = status_view_hop_count(s, h, i);

	strbuf_addf(out, "\nHop %s -> %s (%zu/%zu): ", hop->from, hop->to, n.done + n.skipped,
		    n.done + n.skipped + n.pending);
	text_add_plain(out, hop->title, 0);
	if (!hop->ordered)
		strbuf_adds(out, " [steps in any order]");
	strbuf_addc(out, '\n');
	/* the warnings come before the steps of the hop being worked on */
	if (live && live->probed && !*warned && n.pending) {
		text_warnings(out, live);
		*warned = true;
	}
	for (size_t k = n.first; k < *i; k++) {
		/* a per-host step summed up, unless every host is asked for;
		 * a host that needs a look is shown all the same */
		const struct session_item *it = &s->items[k];
		if (it->host && it->parent >= 0 && !all_hosts && !it->forced &&
		    !it->changed_since_done && !session_live_mismatch(live, s, it))
			continue;
		text_item(out, s, live, k);
		if (s->items[k].nhosts && !all_hosts)
			status_view_pending_hosts(out, s, k);
		strbuf_drain(out); /* (nothing before is read back) */
	}
}

/* Each hop with its items (a per-host step summed up unless @all_hosts). */
static void text_hops(struct strbuf *out, const struct session *s, const struct session_live *live,
		      bool all_hosts)
{
	bool warned = false;

	for (size_t h = 0, i = 0; h < s->plan.nhops; h++)
		text_hop(out, s, live, h, &i, &warned, all_hosts);
}

void status_view_text_hop(struct strbuf *out, const struct session *s,
			  const struct session_live *live, size_t h)
{
	bool warned = false;
	size_t i = 0;

	/* where hop @h's items start, and whether a hop before it said the warnings */
	for (size_t k = 0; k < h && k < s->plan.nhops; k++)
		warned = status_view_hop_count(s, k, &i).pending || warned;
	warned = warned && live && live->probed;
	if (h < s->plan.nhops)
		text_hop(out, s, live, h, &i, &warned, true);
}

void status_view_text_next(struct strbuf *out, const struct session *s)
{
	if (s->finished)
		return;
	for (size_t i = 0; i < s->nitems; i++) {
		/* a per-host step is done through its hosts: name the first of those
		 * (those of a step whose hosts' items were not read: named by the load) */
		const struct session_item *it = &s->items[i];
		if (it->state == ITEM_PENDING && it->npending_named &&
		    it->nloaded < it->nhosts) {
			strbuf_addf(out, "\nNext: %s@%s\n", it->id, it->pending_named[0]);
			break;
		}
		if (it->state != ITEM_PENDING || it->drift == DRIFT_REMOVED || it->nhosts)
			continue;
		strbuf_addf(out, "\nNext: %s\n", it->id);
		break;
	}
}

void status_view_text_head(struct strbuf *out, const struct session *s,
			   const struct session_live *live)
{
	text_session(out, s);
	if (live && live->probed)
		text_cluster(out, live);
	status_view_hosts_text(out, s);
}

static void text_view(struct strbuf *out, const struct session *s, const struct session_live *live,
		      bool all_hosts)
{
	status_view_text_head(out, s, live);
	text_hops(out, s, live, all_hosts);
	status_view_text_next(out, s);
}

/* The session itself for each hop: it has every hop's items. */
static const struct session *the_same(void *ctx, size_t h)
{
	(void)h;
	return ctx;
}

static void json_view(struct strbuf *out, const struct session *s, const struct session_live *live)
{
	/* (a cast for the callback's context: the_same() hands it back as const) */
	status_view_json_hops(out, s, live, the_same, (void *)(uintptr_t)s);
}

void status_view(struct strbuf *out, const struct session *s, const struct session_live *live,
		 enum render_format f, bool all_hosts)
{
	if (f == FMT_JSON)
		json_view(out, s, live);
	else
		text_view(out, s, live, all_hosts);
}
