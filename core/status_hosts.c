/*
 * status_hosts.c - what "status" and the reports say of a session's hosts:
 * the hosts excluded, with their reasons, and a per-host step summed up
 * (see status_view.h), and why a pending item is locked.
 */
#include <string.h>

#include "status_view.h"
#include "textutil.h"

/* How many pending hosts a step's summary names before "and N more". */

void status_view_excluded_line(struct strbuf *out, const struct journal_exclusion *x)
{
	strbuf_addf(out, "%s (%s%s): %s; by %s@%s at %s", x->target, x->role,
		    x->forced ? ", FORCED: the leading master" : "", x->text, x->operator_name,
		    x->host, x->time);
}

void status_view_edit_line(struct strbuf *out, const struct journal_edit *e)
{
	strbuf_addf(out, "%zu host%s from %s, by %s@%s at %s; items from hop %s on", e->added,
		    e->added == 1 ? "" : "s", e->file, e->operator_name, e->host, e->time,
		    e->from_hop);
}

void status_view_hosts_text(struct strbuf *out, const struct session *s)
{
	struct strbuf line = STRBUF_INIT;

	for (size_t i = 0; i < s->nedits; i++) {
		strbuf_reset(&line);
		status_view_edit_line(&line, &s->edits[i]);
		strbuf_adds(out, "Hosts added: ");
		text_add_terminal(out, strbuf_str(&line), line.len);
		strbuf_addc(out, '\n');
	}
	if (s->nexcluded)
		strbuf_addf(out, "Excluded hosts (%zu):\n", s->nexcluded);
	for (size_t i = 0; i < s->nexcluded; i++) {
		strbuf_reset(&line);
		status_view_excluded_line(&line, s->excluded[i]);
		strbuf_adds(out, "  ");
		/* every part of it was typed by someone: one line, made safe */
		text_add_terminal(out, strbuf_str(&line), line.len);
		strbuf_addc(out, '\n');
	}
	if (strbuf_failed(&line))
		out->failed = true;
	strbuf_release(&line);
}

void status_view_excluded_json(struct json_writer *w, const struct session *s)
{
	jw_key(w, "excluded");
	jw_array(w);
	for (size_t i = 0; i < s->nexcluded; i++) {
		const struct journal_exclusion *x = s->excluded[i];
		const struct jw_member m[] = { { "host", x->target }, { "role", x->role },
					       { "note", x->text }, { "operator", x->operator_name },
					       { "time", x->time } };
		jw_object(w);
		jw_members(w, m, sizeof(m) / sizeof(*m));
		jw_key_bool(w, "forced", x->forced);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void status_view_pending_hosts(struct strbuf *out, const struct session *s, size_t step)
{
	const struct session_item *p = &s->items[step];
	size_t pending = p->nhosts - p->hosts_done - p->hosts_skipped, named = 0;

	if (!pending)
		return;
	strbuf_adds(out, "             pending: ");
	/* the hosts' items not read (session_load_summary()): the first pending named */
	for (size_t k = 0; p->nloaded < p->nhosts && k < p->npending_named; k++, named++) {
		strbuf_adds(out, named ? ", " : "");
		text_add_terminal(out, p->pending_named[k], strlen(p->pending_named[k]));
	}
	for (size_t k = step + 1; k < s->nitems && s->items[k].parent == (long)step; k++) {
		const struct session_item *h = &s->items[k];
		if (h->state != ITEM_PENDING || named == SESSION_PENDING_NAMED)
			continue;
		if (named++)
			strbuf_adds(out, ", ");
		text_add_terminal(out, h->host, strlen(h->host));
		if (h->leader)
			strbuf_adds(out, " (leader, last)");
	}
	if (pending > named)
		strbuf_addf(out, " and %zu more ('status %lld --hosts' lists every host)",
			    pending - named, (long long)s->info.id);
	strbuf_addc(out, '\n');
}

void status_lock_memo_release(struct status_lock_memo *m)
{
	strbuf_release(&m->text);
	m->valid = false;
}

const char *status_view_lock_text(struct status_lock_memo *m, const struct session *s, size_t k,
				  struct strbuf *why)
{
	const struct session_item *it = &s->items[k];
	size_t idlen = strlen(it->id);
	enum session_block b;
	long blocker;

	strbuf_reset(why);
	if (it->state != ITEM_PENDING || (b = session_blocker(s, k, &blocker)) == SESSION_BLOCK_NONE)
		return NULL;
	/* the leader's words name the masters still pending: they are its own */
	if (b == SESSION_BLOCK_LEADER || blocker < 0) {
		session_block_text(s, k, why);
		return why->len ? strbuf_str(why) : NULL;
	}
	if (!m->valid || m->kind != b || m->blocker != blocker || m->hop != it->hop) {
		strbuf_reset(&m->text);
		session_block_text(s, k, &m->text);
		m->valid = m->text.len >= idlen && !strncmp(strbuf_str(&m->text), it->id, idlen);
		m->kind = b;
		m->blocker = blocker;
		m->hop = it->hop;
		m->after_id = idlen;
		if (!m->valid) { /* not "ID is locked: ...": the words as they are */
			strbuf_add(why, strbuf_str(&m->text), m->text.len);
			return why->len ? strbuf_str(why) : NULL;
		}
	}
	strbuf_add(why, it->id, idlen);
	strbuf_add(why, strbuf_str(&m->text) + m->after_id, m->text.len - m->after_id);
	if (strbuf_failed(&m->text))
		why->failed = true;
	return strbuf_str(why);
}
