/*
 * journal_hosts.c - the journal's record of a session's hosts beyond its
 * first inventory: hosts excluded from the upgrade and included again (with
 * the events each wrote), hosts added by "edit --inventory", and the end of
 * the session's window (see journal.h).
 */
#include <string.h>

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

static bool exclusion_row(sqlite3_stmt *st, void *ctx)
{
	struct journal_rows *r = ctx;
	struct journal_exclusion *x = journal_rows_next(r, sizeof(*x));
	const char *action;

	if (!x)
		return false;
	x->id = sqlite3_column_int64(st, 0);
	x->forced = sqlite3_column_int(st, 8) != 0;
	/* "exclude" or "include", as the table's CHECK allows; NULL: out of memory */
	action = (const char *)sqlite3_column_text(st, 1);
	x->include = action && !strcmp(action, "include");
	return action && (x->role = journal_col_text(st, 2, r->a)) &&
	       (x->target = journal_col_text(st, 3, r->a)) &&
	       (x->operator_name = journal_col_text(st, 4, r->a)) &&
	       (x->host = journal_col_text(st, 5, r->a)) &&
	       (x->time = journal_col_text(st, 6, r->a)) &&
	       (x->text = journal_col_text(st, 7, r->a));
}

enum status journal_exclusions(struct journal *j, int64_t session, struct arena *a,
			       struct journal_exclusion **out, size_t *n)
{
	struct journal_rows r = { .a = a };
	enum status rs = journal_each_row(j, Q_EXCLUSIONS, session, "reading the exclusions",
					  exclusion_row, &r);

	for (size_t i = 0; rs == ST_OK && i < r.n; i++)
		((struct journal_exclusion *)r.v)[i].session = session;
	*out = rs == ST_OK ? r.v : NULL;
	*n = rs == ST_OK ? r.n : 0;
	return rs;
}

enum status journal_event_exclusion_add(struct journal *j, int64_t event, int64_t exclusion)
{
	return journal_insert(j, Q_EVENT_EXCLUSION_ADD, "recording the exclusion", "ii", event,
			      exclusion);
}

static bool event_exclusion_row(sqlite3_stmt *st, void *ctx)
{
	struct journal_rows *r = ctx;
	struct journal_event_exclusion *x = journal_rows_next(r, sizeof(*x));

	if (!x)
		return false;
	x->event = sqlite3_column_int64(st, 0);
	x->exclusion = sqlite3_column_int64(st, 1);
	return true;
}

enum status journal_exclusion_events(struct journal *j, int64_t session, struct arena *a,
				     struct journal_event_exclusion **out, size_t *n)
{
	return journal_read_rows(j, Q_EXCLUSION_EVENTS, session, "reading the exclusions", event_exclusion_row, a, out, n);
}

static bool item_row(sqlite3_stmt *st, void *ctx)
{
	struct journal_rows *r = ctx;
	const char **item = journal_rows_next(r, sizeof(*item));

	return item && (*item = journal_col_text(st, 0, r->a)) != NULL;
}

enum status journal_exclusion_standing(struct journal *j, int64_t exclusion, struct arena *a,
				       const char ***items, size_t *n)
{
	return journal_read_rows(j, Q_EXCLUSION_STANDING, exclusion, "reading the exclusions",
				 item_row, a, items, n);
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

static bool whole_row(sqlite3_stmt *st, void *ctx)
{
	struct journal_rows *r = ctx;
	const char **item = journal_rows_next(r, sizeof(*item));

	return item && (*item = journal_col_text(st, 0, r->a)) != NULL;
}

enum status journal_whole_steps(struct journal *j, int64_t session, struct arena *a,
				const char ***out, size_t *n)
{
	return journal_read_rows(j, Q_WHOLE_STEPS, session, "reading the inventory", whole_row, a, out, n);
}

static bool edit_row(sqlite3_stmt *st, void *ctx)
{
	struct journal_rows *r = ctx;
	struct journal_edit *e = journal_rows_next(r, sizeof(*e));

	if (!e)
		return false;
	e->id = sqlite3_column_int64(st, 0);
	e->added = (size_t)sqlite3_column_int64(st, 6);
	return (e->from_hop = journal_col_text(st, 1, r->a)) &&
	       (e->file = journal_col_text(st, 2, r->a)) &&
	       (e->operator_name = journal_col_text(st, 3, r->a)) &&
	       (e->host = journal_col_text(st, 4, r->a)) &&
	       (e->time = journal_col_text(st, 5, r->a));
}

enum status journal_edits(struct journal *j, int64_t session, struct arena *a,
			  struct journal_edit **out, size_t *n)
{
	struct journal_rows r = { .a = a };
	enum status rs = journal_each_row(j, Q_EDITS, session, "reading the inventory edits",
					  edit_row, &r);

	for (size_t i = 0; rs == ST_OK && i < r.n; i++)
		((struct journal_edit *)r.v)[i].session = session;
	*out = rs == ST_OK ? r.v : NULL;
	*n = rs == ST_OK ? r.n : 0;
	return rs;
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
