/*
 * session_mark_pattern.c - "mark SESSION 'PATTERN'": every item the pattern
 * matches that the rules allow, in one transaction, pass after pass (a
 * hop's steps unlock after its notes), and the others with why.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "session_private.h"

/* Whether item @it is in the state @action leaves it in already. */
static bool already(const struct session_item *it, enum mark_action action)
{
	return (action == MARK_DONE && it->state == ITEM_DONE) ||
	       (action == MARK_SKIP && it->state == ITEM_SKIPPED) ||
	       (action == MARK_UNDO && it->state == ITEM_PENDING);
}

/*
 * Item @i of @s now in state @to by @e. A partial load's per-host step has
 * its counts from the journal, not from its hosts' items (session_derive()
 * counts none): the host's change is counted in it here.
 */
static void set_state(struct session *s, size_t i, enum item_state to,
		      const struct journal_event *e)
{
	struct session_item *it = &s->items[i];

	if (s->partial && it->host && it->parent >= 0) {
		struct session_item *p = &s->items[it->parent];
		p->hosts_done -= it->state == ITEM_DONE;
		p->hosts_skipped -= it->state == ITEM_SKIPPED;
		p->hosts_done += to == ITEM_DONE;
		p->hosts_skipped += to == ITEM_SKIPPED;
		if (p->hosts_done + p->hosts_skipped == p->nhosts) {
			p->last = *e;
			p->has_last = true;
		}
	}
	it->state = to;
	it->has_last = true;
	it->last = *e;
}

/*
 * One pass over the items @match marks: each the rules allow now recorded,
 * its state changed in @s; *@progress when one was.
 */
static enum status pattern_pass(struct journal *j, struct session *s, const bool *match,
				const struct mark_pattern *mp, const char *now,
				struct mark_pattern_result *out, bool *progress, struct strbuf *msg)
{
	for (size_t i = 0; i < s->nitems; i++) {
		struct mark_request req = { s->info.id, s->items[i].id, mp->action, mp->text,
					    NULL, false, NULL };
		struct strbuf why = STRBUF_INIT;
		struct journal_event e;
		bool forced, choose;
		enum status st;
		if (!match[i] || already(&s->items[i], mp->action))
			continue;
		st = session_mark_full_state(j, s, (long)i, msg);
		if (st == ST_OK && already(&s->items[i], mp->action))
			continue;
		if (st == ST_OK && session_check(s, &req, (long)i, &forced, &choose, NULL, &why) !=
				   ST_OK) {
			strbuf_release(&why);
			continue; /* perhaps after another of the pattern */
		}
		strbuf_release(&why);
		if (st != ST_OK)
			return st;
		e = session_mark_event_on(&s->items[i], s->info.id, mp->who, now);
		e.action = session_mark_event_of(mp->action, s->items[i].kind);
		e.text = mp->text ? mp->text : "";
		if ((st = journal_event_add(j, &e, NULL)) != ST_OK) {
			strbuf_adds(msg, journal_error(j));
			return st;
		}
		set_state(s, i, mp->action == MARK_DONE ? ITEM_DONE :
				mp->action == MARK_SKIP ? ITEM_SKIPPED : ITEM_PENDING, &e);
		out->marked++;
		*progress = true;
	}
	return ST_OK;
}

/* The matching items left as they were, with why, into @out->refused (in @out->arena). */
static enum status pattern_refused(const struct session *s, const bool *match,
				   const struct mark_pattern *mp, struct mark_pattern_result *out)
{
	size_t cap = 0;

	for (size_t i = 0; i < s->nitems; i++) {
		struct mark_request req = { s->info.id, s->items[i].id, mp->action, mp->text,
					    NULL, false, NULL };
		struct strbuf why = STRBUF_INIT;
		struct mark_pattern_refusal *r;
		bool forced, choose;
		long blocker;
		if (!match[i] || already(&s->items[i], mp->action))
			continue;
		/* a rule in the way, without session_check()'s word on --force: a
		 * pattern marks only what the rules allow */
		if (session_blocker(s, i, &blocker) != SESSION_BLOCK_NONE)
			session_block_text(s, i, &why);
		else
			session_check(s, &req, (long)i, &forced, &choose, NULL, &why);
		r = arena_grow(&out->arena, out->refused, out->nrefused, &cap, sizeof(*r), 16);
		if (!r) {
			strbuf_release(&why);
			return ST_NOMEM;
		}
		out->refused = r;
		r[out->nrefused].item = arena_strdup(&out->arena, s->items[i].id);
		r[out->nrefused].why = arena_strdup(&out->arena, strbuf_str(&why));
		strbuf_release(&why);
		if (!r[out->nrefused].item || !r[out->nrefused].why)
			return ST_NOMEM;
		out->nrefused++;
	}
	return ST_OK;
}

enum status session_mark_pattern(struct journal *j, const struct content *c,
				 const struct mark_pattern *mp, struct mark_pattern_result *out,
				 struct diag_list *dl)
{
	char now[CLOCK_ISO_LEN + 1];
	struct strbuf why = STRBUF_INIT;
	struct session *s = NULL;
	bool *match = NULL, progress = true;
	enum status st;

	memset(out, 0, sizeof(*out));
	if ((st = journal_begin(j)) != ST_OK)
		return diag_fail(dl, st, "%s", journal_error(j));
	/* of the hosts' items only those the pattern can match (session_pattern.c) */
	if ((st = session_load_pattern(j, c, mp->session, mp->pattern, &s, &why)) != ST_OK)
		goto out;
	st = ST_NOMEM;
	if (!(match = calloc(s->nitems + 1, sizeof(*match))))
		goto out;
	for (size_t i = 0; i < s->nitems; i++) {
		/* a per-host step is marked through its hosts: its hosts' ids match */
		match[i] = !s->items[i].nhosts && s->items[i].drift != DRIFT_REMOVED &&
			   fnmatch(mp->pattern, s->items[i].id, 0) == 0;
		out->matched += match[i];
		out->already += match[i] && already(&s->items[i], mp->action);
	}
	clock_iso(clock_now(), now);
	/* each pass unlocks what follows what it marked: a hop's steps after its notes */
	st = ST_OK;
	while (st == ST_OK && progress) {
		progress = false;
		st = pattern_pass(j, s, match, mp, now, out, &progress, &why);
		session_derive(s);
	}
	if (st == ST_OK)
		st = pattern_refused(s, match, mp, out);
	if (st == ST_OK && (st = journal_commit(j)) != ST_OK)
		strbuf_adds(&why, journal_error(j));
out:
	if (st != ST_OK) {
		diag_fail_why(dl, st, &why); /* "out of memory" when that said nothing */
		journal_rollback(j);
		out->marked = 0;
	}
	strbuf_release(&why);
	free(match);
	session_free(&s);
	return st;
}

void mark_pattern_result_release(struct mark_pattern_result *r)
{
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
