/*
 * hosts_range.c - a range of hosts in the hosts list (see hosts_private.h):
 * m starts it where the cursor is and the cursor ends it; Space asks "mark
 * N hosts done?", s and u ask one reason; then every host of it that the
 * action changes is recorded at once, one event each, in one transaction.
 * u as the very next key after a range was marked undoes that range whole.
 */
#include <stdlib.h>
#include <string.h>

#include "hosts_private.h"

/* Forget the range marked last: a key other than u came after it. */
void hosts_range_forget(struct hosts_screen *h)
{
	for (size_t k = 0; k < h->nmarked; k++)
		free(h->marked[k]);
	free(h->marked);
	h->marked = NULL;
	h->nmarked = 0;
}

void hosts_range_of(const struct hosts_screen *h, long *lo, long *hi)
{
	*lo = *hi = -1;
	if (h->anchor < 0 || !h->list.n)
		return;
	for (size_t k = 0; k < h->list.n; k++)
		if (h->shown[k] == (size_t)h->anchor)
			*lo = (long)k;
	*hi = (long)h->list.sel;
	if (*lo < 0)
		*lo = *hi; /* the anchor is filtered out: the range is the selection */
	if (*lo > *hi) {
		long t = *lo;
		*lo = *hi;
		*hi = t;
	}
}

static const char *const verbs[] = { "marked done", "skipped", "undone", "noted" };

/* After a range marked done or skipped: its hosts, for u right after (none when out of memory). */
static void remember(struct hosts_screen *h, enum mark_action action, const char **ids, size_t n)
{
	hosts_range_forget(h);
	if (action == MARK_UNDO || !n || !(h->marked = calloc(n, sizeof(*h->marked))))
		return;
	for (size_t k = 0; k < n; k++)
		if (!(h->marked[h->nmarked++] = strdup(ids[k]))) {
			hosts_range_forget(h);
			return;
		}
}

/*
 * Record @action on the hosts @ids (@k of them) at once, one event each in
 * one transaction; a dialog says why when nothing could be.
 */
static struct result record_many(struct hosts_screen *h, struct wizard *w,
				 enum mark_action action, const char *text, const char **ids, size_t k)
{
	struct session_refusal why = SESSION_REFUSAL_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf msg = STRBUF_INIT;
	struct screen *dialog = NULL;
	size_t recorded = 0;
	enum status st;

	wizard_wait_message(w, "Recording...");
	st = session_mark_many(w->journal, w->content, w->s->info.id, ids, k, action, text,
			       &w->who, NULL, &recorded, &why, &dl);
	wizard_wait_done(w);
	if (st == ST_OK) {
		remember(h, action, ids, k);
		wizard_message(w, false, "%zu host%s %s, at once.%s", recorded,
			       recorded == 1 ? "" : "s", verbs[action],
			       h->nmarked ? " u now undoes them all." : "");
		h->anchor = -1;
		wizard_reload(w);
	} else {
		/* the reason can be longer than the status bar: say it whole */
		struct strbuf p = STRBUF_INIT;
		if (dl.code != REFUSAL_NONE) /* ours, from the refusal's data; else the core's */
			wizard_word_mark(&msg, &why);
		else
			strbuf_adds(&msg, diag_first(&dl));
		strbuf_addf(&p, "None of the %zu hosts of the range was %s:\n\n%s", k, verbs[action],
			    strbuf_str(&msg));
		if (action != MARK_UNDO)
			strbuf_adds(&p, "\n\nTo override a rule, act on a host alone (without a range) "
				    "and give the reason.");
		dialog = dialog_message("Nothing recorded", strbuf_str(&p));
		wizard_message(w, true, "Nothing recorded: %s", strbuf_str(&msg));
		strbuf_release(&p);
	}
	strbuf_release(&msg);
	diag_list_release(&dl);
	session_refusal_release(&why);
	return dialog ? result_push(dialog) : RESULT(R_STAY);
}

/* The hosts of the range that @action would change, into @ids (room for the range); how many. */
static size_t range_ids(const struct hosts_screen *h, const struct wizard *w,
			enum mark_action action, const char **ids)
{
	size_t k = 0;
	long lo, hi;

	hosts_range_of(h, &lo, &hi);
	for (long i = lo; lo >= 0 && i <= hi; i++) {
		const struct session_item *it = &w->s->items[h->shown[i]];
		if (action == MARK_UNDO ? it->state != ITEM_PENDING : it->state == ITEM_PENDING)
			ids[k++] = it->id;
	}
	return k;
}

/* Space, s or u with a range: every host of it that the action changes, at once. */
static struct result mark_range(struct hosts_screen *h, struct wizard *w, enum mark_action action,
				const char *text)
{
	const char **ids = calloc(h->list.n + 1, sizeof(*ids));
	struct result r = RESULT(R_STAY);

	if (ids)
		r = record_many(h, w, action, text, ids, range_ids(h, w, action, ids));
	free(ids);
	return r;
}

/* u right after a range was marked done or skipped: all of it undone, with no question. */
struct result hosts_range_undo_marked(struct hosts_screen *h, struct wizard *w)
{
	const char **ids = calloc(h->nmarked + 1, sizeof(*ids));
	struct result r = RESULT(R_STAY);
	size_t n = h->nmarked;

	for (size_t k = 0; ids && k < n; k++)
		ids[k] = h->marked[k];
	if (ids)
		r = record_many(h, w, MARK_UNDO, "the range marked just before, undone at once", ids,
				n);
	free(ids);
	hosts_range_forget(h);
	return r;
}

static struct result range_confirmed(struct wizard *w, const struct dialog_args *a,
				     const char *text, size_t choice)
{
	(void)text;
	if (choice != 0) {
		wizard_message(w, false, "Nothing recorded; the range stays (m drops it).");
		return RESULT(R_STAY);
	}
	return mark_range(HS(a->owner), w, MARK_DONE, NULL);
}

/* Space with a range: "mark N hosts done?" first. */
struct result hosts_range_confirm(struct hosts_screen *h, struct wizard *w)
{
	static const char *const answers[2] = { "Yes, mark them done", "No, record nothing" };
	struct dialog_args a = { .owner = &h->base.base };
	const char **ids = calloc(h->list.n + 1, sizeof(*ids));
	size_t n = ids ? range_ids(h, w, MARK_DONE, ids) : 0;
	char prompt[160];

	free(ids);
	if (!n) {
		wizard_message(w, true, "Nothing to mark: no host of the range is pending.");
		return RESULT(R_STAY);
	}
	snprintf(prompt, sizeof(prompt), "Mark %zu host%s done?", n, n == 1 ? "" : "s");
	return result_push(dialog_choice("Mark the range done", prompt, answers, 2, range_confirmed,
					 &a));
}

static struct result range_reason(struct wizard *w, const struct dialog_args *a,
				  const char *text, size_t choice)
{
	(void)choice;
	return mark_range(HS(a->owner), w, (enum mark_action)a->flag, text);
}

struct result hosts_range_ask(struct hosts_screen *h, enum mark_action action)
{
	struct dialog_args a = { .owner = &h->base.base, .flag = (int)action };
	long lo, hi;
	char prompt[160];

	hosts_range_of(h, &lo, &hi);
	snprintf(prompt, sizeof(prompt), "Why are the %ld hosts of the range %s? The reason is "
		 "recorded for each.", hi - lo + 1, action == MARK_SKIP ? "skipped" : "undone");
	return dialog_ask(action == MARK_SKIP ? "Skip the range" : "Undo the range", prompt,
			  range_reason, &a);
}

/*
 * A new search or filter ends a range: what the range banner named may be
 * hidden now, and Space would act on hosts other than those it promised.
 */
void hosts_range_drop(struct hosts_screen *h, struct wizard *w)
{
	if (h->anchor < 0)
		return;
	h->anchor = -1;
	wizard_message(w, false, "Range dropped: the hosts shown changed. m starts a new one.");
}

struct result hosts_range_toggle(struct hosts_screen *h, struct wizard *w)
{
	h->anchor = h->anchor >= 0 ? -1 : (long)h->shown[h->list.sel];
	wizard_message(w, false, h->anchor >= 0 ? "Range from here: move, then Space, s or u acts "
			       "on every host in it." : "Range dropped.");
	return RESULT(R_STAY);
}

bool hosts_range_marked(const struct hosts_screen *h)
{
	return h->nmarked && h->anchor < 0;
}
