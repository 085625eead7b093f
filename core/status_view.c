/*
 * status_view.c - "status" and "sessions" output.
 */
#include <string.h>

#include "status_view.h"
#include "textutil.h"

static const char *drift_name(enum drift d)
{
	switch (d) {
	case DRIFT_NONE: return "none";
	case DRIFT_CHANGED: return "changed";
	case DRIFT_ADDED: return "added";
	case DRIFT_REMOVED: return "removed";
	}
	return "?";
}

static const char *item_title(const struct session_item *it)
{
	if (it->note)
		return it->note->title;
	if (it->step)
		return it->step->text;
	return "(no longer in the content)";
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

static void text_event(struct strbuf *out, const char *verb, const struct journal_event *e)
{
	strbuf_addf(out, "%s by ", verb);
	text_add_plain(out, e->operator_name, 0);
	strbuf_adds(out, "@");
	text_add_plain(out, e->host, 0);
	strbuf_addf(out, " at %s", e->time);
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

	char range[48], done[48];

	snprintf(range, sizeof(range), "%s -> %s", s->info.from, s->info.to);
	snprintf(done, sizeof(done), "%zu/%zu", s->ndone + s->nskipped, total);
	strbuf_addf(out, "%-4lld %-16s %-8s %-7s %-21s ", (long long)s->info.id, range,
		    s->finished ? "finished" : "open", done, s->info.created);
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
}

static void text_view(struct strbuf *out, const struct session *s)
{
	size_t total = session_total(s);

	strbuf_addf(out, "Session %lld: %s -> %s", (long long)s->info.id, s->info.from, s->info.to);
	if (*s->info.title) {
		strbuf_adds(out, "  ");
		text_add_plain(out, s->info.title, 0);
	}
	strbuf_addf(out, "\nStatus: %s; %zu of %zu items resolved (%zu done, %zu skipped, "
		    "%zu pending", s->finished ? "finished" : "open", s->ndone + s->nskipped, total,
		    s->ndone, s->nskipped, s->npending);
	if (s->nforced)
		strbuf_addf(out, ", %zu forced", s->nforced);
	strbuf_adds(out, ")\n");
	strbuf_adds(out, "Started ");
	strbuf_addf(out, "%s by ", s->info.created);
	text_add_plain(out, s->info.operator_name, 0);
	strbuf_adds(out, "@");
	text_add_plain(out, s->info.host, 0);
	if (s->finished_at)
		strbuf_addf(out, "; finished %s", s->finished_at);
	else if (*s->last_activity)
		strbuf_addf(out, "; last activity %s", s->last_activity);
	strbuf_adds(out, "\nContent ");
	text_add_plain(out, s->info.content_version, 0);
	if (s->content_changed) {
		size_t changed = 0, since = 0;
		for (size_t i = 0; i < s->nitems; i++) {
			changed += s->items[i].drift != DRIFT_NONE;
			since += s->items[i].changed_since_done;
		}
		strbuf_addf(out, "; THE CONTENT CHANGED since this session was planned: %zu item%s "
			    "differ, %zu of them changed after being done (marked '!')", changed,
			    changed == 1 ? "" : "s", since);
	}
	strbuf_addc(out, '\n');

	for (size_t h = 0, i = 0; h < s->plan.nhops; h++) {
		const struct content_hop *hop = &s->plan.hops[h];
		size_t first = i, done = 0, n = 0;
		for (; i < s->nitems && s->items[i].hop == h; i++) {
			if (s->items[i].drift == DRIFT_REMOVED || s->items[i].host)
				continue;
			n++;
			done += s->items[i].state != ITEM_PENDING;
		}
		strbuf_addf(out, "\nHop %s -> %s (%zu/%zu): ", hop->from, hop->to, done, n);
		text_add_plain(out, hop->title, 0);
		if (!hop->ordered)
			strbuf_adds(out, " [steps in any order]");
		strbuf_addc(out, '\n');
		for (size_t k = first; k < i; k++) {
			const struct session_item *it = &s->items[k];
			size_t num = session_step_number(s, k);
			char label[24];
			if (it->host)
				snprintf(label, sizeof(label), "  -");
			else if (num)
				snprintf(label, sizeof(label), "%zu.", num);
			else
				/* a removed step (a host's among them) has no number */
				snprintf(label, sizeof(label), "%s", it->kind == ITEM_NOTE ? "note"
											    : "step");
			strbuf_addf(out, "  %s %-4s %s", box(it), label, it->id);
			if (it->leader)
				strbuf_adds(out, " (leader: last, one failover onto an upgraded master)");
			if (it->nhosts)
				strbuf_addf(out, " [hosts: %zu done, %zu skipped, %zu pending of %zu]",
					    it->hosts_done, it->hosts_skipped,
					    it->nhosts - it->hosts_done - it->hosts_skipped, it->nhosts);
			if (it->branch)
				strbuf_addf(out, " [branch %s]", it->branch);
			if (it->nhosts) {
				if (it->state != ITEM_PENDING)
					strbuf_addf(out, "  every host resolved, the last at %s",
						    it->last.time);
			} else if (it->has_last) {
				strbuf_adds(out, "  ");
				text_event(out, verb(it), &it->last);
				if (it->forced)
					strbuf_adds(out, " (FORCED)");
				if (*it->last.text) {
					strbuf_adds(out, ": ");
					text_add_plain(out, it->last.text, 0);
				}
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
				text_add_plain(out, it->note_event.text, 0);
				strbuf_addc(out, '\n');
			}
		}
	}
	if (!s->finished) {
		for (size_t i = 0; i < s->nitems; i++) {
			/* a per-host step is done through its hosts: name the first of those */
			if (s->items[i].state != ITEM_PENDING || s->items[i].drift == DRIFT_REMOVED ||
			    s->items[i].nhosts)
				continue;
			strbuf_addf(out, "\nNext: %s\n", s->items[i].id);
			break;
		}
	}
}

/* ---- JSON -------------------------------------------------------------- */

static void json_str_or_null(struct strbuf *out, const char *s)
{
	if (s)
		text_add_json(out, s);
	else
		strbuf_adds(out, "null");
}

static void json_event(struct strbuf *out, const struct journal_event *e)
{
	strbuf_adds(out, "{\"action\":");
	text_add_json(out, event_action_name(e->action));
	strbuf_adds(out, ",\"time\":");
	text_add_json(out, e->time);
	strbuf_adds(out, ",\"operator\":");
	text_add_json(out, e->operator_name);
	strbuf_adds(out, ",\"host\":");
	text_add_json(out, e->host);
	strbuf_adds(out, ",\"text\":");
	text_add_json(out, e->text);
	strbuf_addf(out, ",\"forced\":%s}", e->forced ? "true" : "false");
}

void status_view_session_json(struct strbuf *out, const struct session *s, bool totals)
{
	strbuf_addf(out, "{\"id\":%lld,\"from\":", (long long)s->info.id);
	text_add_json(out, s->info.from);
	strbuf_adds(out, ",\"to\":");
	text_add_json(out, s->info.to);
	strbuf_adds(out, ",\"title\":");
	text_add_json(out, s->info.title);
	strbuf_adds(out, ",\"operator\":");
	text_add_json(out, s->info.operator_name);
	strbuf_adds(out, ",\"host\":");
	text_add_json(out, s->info.host);
	strbuf_adds(out, ",\"created\":");
	text_add_json(out, s->info.created);
	strbuf_addf(out, ",\"status\":\"%s\",\"finished\":", s->finished ? "finished" : "open");
	json_str_or_null(out, s->finished_at);
	strbuf_adds(out, ",\"last_activity\":");
	json_str_or_null(out, *s->last_activity ? s->last_activity : NULL);
	strbuf_adds(out, ",\"content_version\":");
	text_add_json(out, s->info.content_version);
	strbuf_adds(out, ",\"content_digest\":");
	text_add_json(out, s->info.content_digest);
	strbuf_addf(out, ",\"content_changed\":%s", s->content_changed ? "true" : "false");
	if (!totals) {
		strbuf_addc(out, '}');
		return;
	}
	strbuf_addf(out, ",\"totals\":{\"items\":%zu,\"done\":%zu,\"skipped\":%zu,\"pending\":%zu,"
		    "\"forced\":%zu,\"removed\":%zu}}", session_total(s), s->ndone,
		    s->nskipped, s->npending, s->nforced, s->nremoved);
}

static void json_view(struct strbuf *out, const struct session *s)
{
	struct strbuf why = STRBUF_INIT;

	strbuf_adds(out, "{\"session\":");
	status_view_session_json(out, s, false);
	strbuf_addf(out, ",\"totals\":{\"items\":%zu,\"done\":%zu,\"skipped\":%zu,\"pending\":%zu,"
		    "\"forced\":%zu,\"removed\":%zu},\"hops\":[", session_total(s), s->ndone,
		    s->nskipped, s->npending, s->nforced, s->nremoved);
	for (size_t h = 0, i = 0; h < s->plan.nhops; h++) {
		const struct content_hop *hop = &s->plan.hops[h];
		size_t first = i, done = 0, skipped = 0, pending = 0;
		for (; i < s->nitems && s->items[i].hop == h; i++) {
			if (s->items[i].drift == DRIFT_REMOVED || s->items[i].host)
				continue;
			done += s->items[i].state == ITEM_DONE;
			skipped += s->items[i].state == ITEM_SKIPPED;
			pending += s->items[i].state == ITEM_PENDING;
		}
		strbuf_addf(out, "%s\n{\"id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"title\":",
			    h ? "," : "", hop->id, hop->from, hop->to);
		text_add_json(out, hop->title);
		strbuf_addf(out, ",\"ordered\":%s,\"done\":%zu,\"skipped\":%zu,\"pending\":%zu,"
			    "\"items\":[", hop->ordered ? "true" : "false", done, skipped, pending);
		for (size_t k = first; k < i; k++) {
			const struct session_item *it = &s->items[k];
			size_t num = session_step_number(s, k);
			strbuf_addf(out, "%s\n {\"id\":", k > first ? "," : "");
			text_add_json(out, it->id);
			strbuf_addf(out, ",\"kind\":\"%s\",\"host\":", item_kind_name(it->kind));
			json_str_or_null(out, it->host);
			strbuf_addf(out, ",\"leader\":%s,\"hosts\":", it->leader ? "true" : "false");
			if (it->nhosts)
				strbuf_addf(out, "{\"total\":%zu,\"done\":%zu,\"skipped\":%zu,"
					    "\"pending\":%zu}", it->nhosts, it->hosts_done, it->hosts_skipped,
					    it->nhosts - it->hosts_done - it->hosts_skipped);
			else
				strbuf_adds(out, "null");
			strbuf_adds(out, ",\"number\":");
			if (num)
				strbuf_addf(out, "%zu", num);
			else
				strbuf_adds(out, "null");
			strbuf_adds(out, ",\"title\":");
			text_add_json(out, item_title(it));
			strbuf_adds(out, ",\"role\":");
			json_str_or_null(out, it->step ? role_name(it->step->role) : NULL);
			strbuf_addf(out, ",\"state\":\"%s\",\"locked\":", item_state_name(it->state));
			strbuf_reset(&why);
			if (it->state == ITEM_PENDING)
				session_block_text(s, k, &why);
			json_str_or_null(out, why.len ? strbuf_str(&why) : NULL);
			strbuf_adds(out, ",\"branch\":");
			json_str_or_null(out, it->branch);
			strbuf_addf(out, ",\"forced\":%s,\"drift\":\"%s\",\"changed_since_done\":%s,"
				    "\"change\":", it->forced ? "true" : "false", drift_name(it->drift),
				    it->changed_since_done ? "true" : "false");
			if (it->has_last)
				json_event(out, &it->last);
			else
				strbuf_adds(out, "null");
			strbuf_adds(out, ",\"note\":");
			if (it->has_note)
				json_event(out, &it->note_event);
			else
				strbuf_adds(out, "null");
			strbuf_addc(out, '}');
		}
		strbuf_adds(out, "]}");
	}
	strbuf_adds(out, "]}\n");
	strbuf_release(&why);
}

void status_view(struct strbuf *out, const struct session *s, enum render_format f)
{
	if (f == FMT_JSON)
		json_view(out, s);
	else
		text_view(out, s);
}
