/*
 * session_latest.c - which open session an operator means without naming one.
 */
#include <stdlib.h>
#include <string.h>

#include "session.h"

struct candidate {
	int64_t id;
	const char *active;   /* the latest event's time, else the creation's (ISO 8601 UTC) */
};

/* The latest activity first; of two as recent, the newer session. */
static int candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int c = strcmp(y->active, x->active);

	if (c)
		return c;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Each session's latest activity into @v (strings in @a), from the journal alone. */
static enum status activities(struct journal *j, const int64_t *ids, size_t n, struct arena *a,
			      struct candidate *v, struct diag_list *dl)
{
	for (size_t i = 0; i < n; i++) {
		struct journal_session info;
		const char *last = "";
		bool found = false;
		enum status st = journal_last_activity(j, ids[i], a, &last);
		if (st == ST_OK)
			st = journal_session_get(j, ids[i], a, &info, &found);
		if (st != ST_OK)
			return journal_report(j, st, dl);
		v[i].id = ids[i];
		v[i].active = *last ? last : found ? info.created : "";
	}
	return ST_OK;
}

enum status session_latest_open(struct journal *j, const struct content *c, int64_t *id,
				struct diag_list *dl)
{
	struct arena a = ARENA_INIT;
	struct candidate *v = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	enum status st;

	*id = 0;
	st = journal_session_ids(j, &ids, &n);
	if (st != ST_OK) {
		journal_report(j, st, dl);
		goto out;
	}
	v = calloc(n + 1, sizeof(*v));
	if (!v) {
		st = diag_fail(dl, ST_NOMEM, "out of memory");
		goto out;
	}
	st = activities(j, ids, n, &a, v, dl);
	if (st != ST_OK)
		goto out;
	qsort(v, n, sizeof(*v), candidate_cmp);
	/* only whether a session is finished needs it loaded: the likeliest first */
	for (size_t i = 0; i < n && !*id; i++) {
		struct session *s = NULL;
		struct diag_list ignored = DIAG_LIST_INIT;
		/* a session that cannot be loaded (content gone) is not the one meant */
		if (session_load_view(j, c, v[i].id, SESSION_NO_HOP, &s, &ignored) == ST_OK &&
		    !s->finished && !s->closed)
			*id = v[i].id;
		session_free(&s);
		diag_list_release(&ignored);
	}
out:
	free(v);
	free(ids);
	arena_release(&a);
	return st;
}
