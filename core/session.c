/*
 * session.c - what a loaded session answers: the names of states, kinds and
 * drift, an item's title, an item by id, a step's number.
 */
#include <string.h>

#include "session_private.h"
#include "textutil.h"

const char *session_item_state_name(enum item_state st)
{
	switch (st) {
	case ITEM_PENDING: return "pending";
	case ITEM_DONE: return "done";
	case ITEM_SKIPPED: return "skipped";
	}
	return "?";
}

const char *session_item_kind_name(enum item_kind k)
{
	return k == ITEM_NOTE ? "note" : "step";
}

const char *session_drift_name(enum drift d)
{
	switch (d) {
	case DRIFT_NONE: return "none";
	case DRIFT_CHANGED: return "changed";
	case DRIFT_ADDED: return "added";
	case DRIFT_REMOVED: return "removed";
	}
	return "?";
}

const char *session_item_title(const struct session_item *it)
{
	if (it->note)
		return it->note->title;
	if (it->step)
		return it->step->text;
	return "(no longer in the content)";
}

long session_find(const struct session *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

size_t session_step_number(const struct session *s, size_t i)
{
	const struct session_item *it = &s->items[i];
	const struct content_hop *hop = &s->plan.hops[it->hop];

	if (!it->step)
		return 0;
	return (size_t)(it->step - hop->steps) + 1;
}

/*
 * The names (of @n, name(@v, i) each) nearest @word, at most three, as
 * "a, b or c" into @out: a few edits away, more for a longer word.
 */
static void nearest(const char *word, const char *(*name)(const void *v, size_t i),
		    const void *v, size_t n, struct strbuf *out)
{
	size_t len = strlen(word), limit = len / 6 > 2 ? len / 6 : 2;
	size_t best[3] = { 0 }, dist[3], found = 0;

	for (size_t i = 0; i < n; i++) {
		const char *nm = name(v, i);
		size_t l = strlen(nm), d, k;
		if ((l > len ? l - len : len - l) > limit)
			continue;
		d = text_distance(word, nm);
		if (d > limit || (found == 3 && d >= dist[2]))
			continue;
		k = found < 3 ? found++ : 2;
		for (; k > 0 && dist[k - 1] > d; k--) {
			best[k] = best[k - 1];
			dist[k] = dist[k - 1];
		}
		best[k] = i;
		dist[k] = d;
	}
	for (size_t k = 0; k < found; k++)
		strbuf_addf(out, "%s%s", k == 0 ? "" : k + 1 == found ? " or " : ", ",
			    name(v, best[k]));
}

static const char *item_name(const void *v, size_t i)
{
	return ((const struct session *)v)->items[i].id;
}

static const char *host_name_of(const void *v, size_t i)
{
	return ((const struct session *)v)->hosts[i].name;
}

void session_nearest_ids(const struct session *s, const char *id, struct strbuf *out)
{
	if (s->inventory)
		session_nearest_expanded(s, id, out);
	else
		nearest(id, item_name, s, s->nitems, out);
}

void session_nearest_hosts(const struct session *s, const char *host, struct strbuf *out)
{
	nearest(host, host_name_of, s, s->nhosts, out);
}

const struct journal_host *session_host(const struct session *s, const char *name)
{
	for (size_t i = 0; i < s->nhosts; i++)
		if (!strcmp(s->hosts[i].name, name))
			return &s->hosts[i];
	return NULL;
}

const struct journal_exclusion *session_excluded(const struct session *s, const char *name)
{
	for (size_t i = 0; i < s->nexcluded; i++)
		if (!strcmp(s->excluded[i]->target, name))
			return s->excluded[i];
	return NULL;
}

int64_t session_event_exclusion(const struct session *s, int64_t event)
{
	size_t lo = 0, hi = s->nexclusion_events;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->exclusion_events[mid].event == event)
			return s->exclusion_events[mid].exclusion;
		if (s->exclusion_events[mid].event < event)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

bool session_event_checks_off(const struct session *s, const struct journal_event *e)
{
	return (e->action == EVENT_DONE || e->action == EVENT_SKIP || e->action == EVENT_CHOOSE) &&
	       !session_event_exclusion(s, e->id);
}

int session_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}
