/*
 * journal_hosts.c - the journal's record of a session's hosts beyond its
 * first inventory: hosts excluded from the upgrade and included again (with
 * the events each wrote), hosts added by "edit --inventory", and the end of
 * the session's window (see journal.h).
 */
#include <stddef.h>

#include "journal_private.h"

enum status journal_exclusion_add(struct journal *j, const struct journal_exclusion *x,
				  int64_t *id)
{
	enum status rs = journal_insert(j, Q_EXCLUSION_ADD, "recording the exclusion", "ittttttt" "i",
					x->session, x->include ? "include" : "exclude", x->role,
					x->target, x->operator_name,
					x->host, x->time, x->text, (int64_t)x->forced);

	if (rs == ST_OK && id)
		*id = sqlite3_last_insert_rowid(j->db);
	return rs;
}

enum status journal_exclusions(struct journal *j, int64_t session, struct arena *a,
			       struct journal_exclusion **out, size_t *n)
{
	JOURNAL_ROWS_KEYED(t, struct journal_exclusion, session, COL(INT64, id),
			   COL(BOOL, include), COL(TEXT, role), COL(TEXT, target),
			   COL(TEXT, operator_name), COL(TEXT, host), COL(TEXT, time),
			   COL(TEXT, text), COL(BOOL, forced));

	return journal_read_table(j, Q_EXCLUSIONS, session, "reading the exclusions",
				  &t, a, out, n);
}

enum status journal_event_exclusion_add(struct journal *j, int64_t event, int64_t exclusion)
{
	return journal_insert(j, Q_EVENT_EXCLUSION_ADD, "recording the exclusion", "ii", event,
			      exclusion);
}

enum status journal_exclusion_events(struct journal *j, int64_t session, struct arena *a,
				     struct journal_event_exclusion **out, size_t *n)
{
	JOURNAL_ROWS(t, struct journal_event_exclusion, COL(INT64, event), COL(INT64, exclusion));

	return journal_read_table(j, Q_EXCLUSION_EVENTS, session, "reading the exclusions",
				  &t, a, out, n);
}

enum status journal_exclusion_standing(struct journal *j, int64_t exclusion, struct arena *a,
				       const char ***items, size_t *n)
{
	return journal_read_table(j, Q_EXCLUSION_STANDING, exclusion, "reading the exclusions",
				  &journal_text_table, a, items, n);
}

enum status journal_edit_add(struct journal *j, const struct journal_edit *e, int64_t *id)
{
	enum status rs = journal_insert(j, Q_EDIT_ADD, "recording the inventory", "itttt" "t",
					e->session, e->from_hop, e->file, e->operator_name, e->host,
					e->time);

	if (rs == ST_OK && id)
		*id = sqlite3_last_insert_rowid(j->db);
	return rs;
}

enum status journal_added_host_add(struct journal *j, int64_t session, int64_t edit,
				   const struct journal_host *h)
{
	enum status rs = journal_insert(j, Q_HOST_APPEND, "recording the inventory", "itti",
					session, h->role, h->name, (int64_t)h->leader);

	if (rs == ST_OK)
		rs = journal_insert(j, Q_ADDED_HOST_ADD, "recording the inventory", "itti", session,
				    h->role, h->name, edit);
	return rs;
}

enum status journal_whole_step_add(struct journal *j, int64_t session, int64_t edit,
				   const char *item)
{
	return journal_insert(j, Q_WHOLE_STEP_ADD, "recording the inventory", "iti", session, item,
			      edit);
}

enum status journal_whole_steps(struct journal *j, int64_t session, struct arena *a,
				const char ***out, size_t *n)
{
	return journal_read_table(j, Q_WHOLE_STEPS, session, "reading the inventory",
				  &journal_text_table, a, out, n);
}

enum status journal_edits(struct journal *j, int64_t session, struct arena *a,
			  struct journal_edit **out, size_t *n)
{
	JOURNAL_ROWS_KEYED(t, struct journal_edit, session, COL(INT64, id), COL(TEXT, from_hop),
			   COL(TEXT, file), COL(TEXT, operator_name), COL(TEXT, host),
			   COL(TEXT, time), COL(SIZE, added));

	return journal_read_table(j, Q_EDITS, session, "reading the inventory edits", &t,
				  a, out, n);
}

enum status journal_window_add(struct journal *j, int64_t session, const char *hhmm)
{
	return journal_insert(j, Q_WINDOW_ADD, "recording the window", "it", session, hhmm);
}

enum status journal_window_get(struct journal *j, int64_t session, struct arena *a,
			       const char **out)
{
	return journal_first_text(j, Q_WINDOW_GET, session, "reading the window", a, out);
}
