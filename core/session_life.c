/*
 * session_life.c - a session's life cycle: closed, reopened, retitled (see
 * session.h). Each change is an event of its own in the journal.
 */
#include <string.h>

#include "clock.h"
#include "session_private.h"

/* The journal's record of each change */
static const enum journal_change_action change_actions[] = {
	[SESSION_CLOSE] = JOURNAL_CLOSE, [SESSION_REOPEN] = JOURNAL_REOPEN,
	[SESSION_RETITLE] = JOURNAL_TITLE,
};

const char *session_status_name(const struct session *s)
{
	return s->closed ? "closed" : s->finished ? "finished" : "open";
}

/*
 * What @action asks of @s, or why not (in @dl): ST_OK with *@record false,
 * and the account in @msg, when it is so already.
 */
static enum status check(const struct session *s, enum session_change_action action,
			 const char *text, bool *record, struct diag_list *dl, struct strbuf *msg)
{
	struct session_refusal title = SESSION_REFUSAL_INIT;
	long long id = (long long)s->info.id;

	*record = true;
	switch (action) {
	case SESSION_CLOSE:
		if (!text || !*text)
			return diag_refuse(dl, ST_USAGE, REFUSAL_CLOSE_NO_REASON, REFUSAL_FIELD_TEXT,
					   "closing a session needs a reason");
		if (s->closed) {
			*record = false;
			strbuf_addf(msg, "session %lld is closed already (by %s at %s); nothing "
				    "recorded", id, s->closing.operator_name, s->closing.time);
		}
		return ST_OK;
	case SESSION_REOPEN:
		if (!s->closed) {
			*record = false;
			strbuf_addf(msg, "session %lld is not closed; nothing recorded", id);
		}
		return ST_OK;
	case SESSION_RETITLE:
		if (!session_title_check(text, &title))
			return diag_refuse(dl, ST_USAGE, title.code, title.field, "the title must be "
					   "printable characters on one line, at most %d bytes",
					   SESSION_TITLE_MAX);
		return ST_OK;
	}
	return ST_USAGE;
}

enum status session_change(struct journal *j, const struct content *c, int64_t id,
			   enum session_change_action action, const char *text,
			   const struct session_actor *who, struct diag_list *dl, struct strbuf *msg)
{
	static const char *const done[] = {
		[SESSION_CLOSE] = "closed", [SESSION_REOPEN] = "reopened",
		[SESSION_RETITLE] = "retitled",
	};
	char now[CLOCK_ISO_LEN + 1];
	struct session *s = NULL;
	bool record;
	enum status st = journal_begin(j);

	if (st != ST_OK)
		return journal_report(j, st, dl);
	/*
	 * checked inside the transaction: two operators cannot both close it;
	 * what is checked is the session's record, not its hosts' items
	 */
	st = session_load_brief(j, c, id, &s, dl);
	if (st == ST_OK)
		st = check(s, action, text, &record, dl, msg);
	if (st == ST_OK && record) {
		clock_iso(clock_now(), now);
		st = journal_change_add(j, &(struct journal_change){
			.session = id, .action = change_actions[action],
			.operator_name = who->operator_name, .host = who->host, .time = now,
			.text = text ? text : "" });
		if (st != ST_OK)
			journal_report(j, st, dl);
	}
	if (st == ST_OK) {
		st = journal_commit(j);
		if (st != ST_OK)
			journal_report(j, st, dl);
		else if (record)
			strbuf_addf(msg, "session %lld %s by %s at %s", (long long)id, done[action],
				    who->operator_name, now);
	} else {
		journal_rollback(j);
	}
	session_free(&s);
	return st;
}
