/*
 * session_content.c - a session and the content it was planned with: how to
 * read it with that content, and the per-host steps the journal records
 * resolved as a whole step (the content then had them for the whole cluster).
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

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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
		qsort(v, *n, sizeof(*v), str_cmp);
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
		    !(nsteps && bsearch(&js[i].item.id, steps, nsteps, sizeof(*steps), str_cmp)))
			v[k++] = js[i].item.id;
	for (size_t i = 0; i < *nwhole; i++)
		v[k++] = (*whole)[i];
	qsort(v, k, sizeof(*v), str_cmp);
	*whole = v;
	*nwhole = k;
	return true;
}
