/*
 * session_content.c - a session and the content it was planned with: a
 * session planned with other content, how to read it with that content, and
 * the per-host steps the journal records resolved as a whole step (the
 * content then had them for the whole cluster).
 */
#include <stdlib.h>
#include <string.h>

#include "session_private.h"
#include "textutil.h"

void session_content_hint(const struct session *s, struct strbuf *out)
{
	if (s->info.content_dir) {
		strbuf_adds(out, "read it with --content ");
		text_add_plain(out, s->info.content_dir, 0);
		strbuf_adds(out, " (content version ");
	} else if (s->info.content_recorded) {
		strbuf_adds(out, "read it without --content (the built-in content, version ");
	} else {
		strbuf_adds(out, "read it with --content DIR, the content it was planned with "
				 "(version ");
	}
	text_add_plain(out, s->info.content_version, 0);
	strbuf_addc(out, ')');
}

/* (session_private.h) */
enum status session_other_content(struct journal *j, struct session *s, bool record,
				  struct strbuf *why)
{
	enum status st;

	if (!record) {
		strbuf_addf(why, "%ssession %lld was planned with other content: ",
			    why->len ? "; " : "", (long long)s->info.id);
		session_content_hint(s, why);
		strbuf_addf(why, " ('report %lld' writes its record from the journal)",
			    (long long)s->info.id);
		return ST_DATAERR;
	}
	s->other_content = true;
	s->content_changed = true;
	s->plan = (struct plan){ 0 };
	s->items = NULL;
	s->nitems = 0;
	s->last_activity = "";
	st = journal_window_get(j, s->info.id, &s->arena, &s->window_end);
	if (st == ST_OK)
		st = journal_last_activity(j, s->info.id, &s->arena, &s->last_activity);
	strbuf_reset(why);
	if (st != ST_OK)
		strbuf_adds(why, journal_error(j));
	return st;
}

/* Whether @js resolves its item: its latest state event is done, ack or skip. */
static bool resolved(const struct journal_item_state *js)
{
	return js->has_state && js->state.action != EVENT_UNDO;
}

/* The steps of the hosts' items in @js, sorted (in @a); NULL when out of memory. */
static const char **host_steps(struct arena *a, const struct journal_item_state *js, size_t njs,
			       size_t *n)
{
	const char **v = arena_alloc(a, (njs + 1) * sizeof(*v));

	*n = 0;
	for (size_t i = 0; v && i < njs; i++) {
		const char *at = strchr(js[i].item.id, '@');
		if (at && !(v[(*n)++] = arena_strndup(a, js[i].item.id,
						      (size_t)(at - js[i].item.id))))
			return NULL;
	}
	if (v)
		qsort(v, *n, sizeof(*v), session_str_cmp);
	return v;
}

/* (session_private.h) */
bool session_whole_resolved(struct arena *a, const struct journal_item_state *js, size_t njs,
			    const char ***whole, size_t *nwhole)
{
	const char **v, **steps;
	size_t n = 0, k = 0, nsteps;

	for (size_t i = 0; i < njs; i++)
		n += resolved(&js[i]) && !strchr(js[i].item.id, '@');
	if (!n)
		return true;
	v = arena_alloc(a, (*nwhole + n + 1) * sizeof(*v));
	steps = host_steps(a, js, njs, &nsteps);
	if (!v || !steps)
		return false;
	/* a step with a host's item recorded was per host then: it is not kept whole */
	for (size_t i = 0; i < njs; i++)
		if (resolved(&js[i]) && !strchr(js[i].item.id, '@') &&
		    !(nsteps && bsearch(&js[i].item.id, steps, nsteps, sizeof(*steps), session_str_cmp)))
			v[k++] = js[i].item.id;
	for (size_t i = 0; i < *nwhole; i++)
		v[k++] = (*whole)[i];
	qsort(v, k, sizeof(*v), session_str_cmp);
	*whole = v;
	*nwhole = k;
	return true;
}
