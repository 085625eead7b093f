/*
 * actions.c - Space, s, n and u on one item, for the checklist and the
 * hosts list: the dialogs they need first, then the record through core.
 *
 * The dialogs carry the item by id and the screen that opened them (the
 * owner, below them on the stack); after a check-off the owner is told, so
 * it moves its own cursor.
 */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "screen.h"
#include "wizard.h"

static void args_for(struct dialog_args *a, struct item_owner *o, const struct session_item *it)
{
	memset(a, 0, sizeof(*a));
	a->owner = &o->base;
	snprintf(a->item, sizeof(a->item), "%s", it->id);
}

/* The id of what blocks item @i now, into @out ("" when nothing does). */
static void blocker_of(const struct session *s, long i, char *out, size_t size)
{
	long b = -1;

	out[0] = '\0';
	if (i >= 0 && session_blocker(s, (size_t)i, &b) != SESSION_BLOCK_NONE && b >= 0)
		snprintf(out, size, "%s", s->items[b].id);
}

/* Record, then tell the owner; a dialog when the journal failed. */
static struct result record(struct wizard *w, const struct dialog_args *a,
			    struct mark_request *req)
{
	struct item_owner *o = (struct item_owner *)a->owner;
	struct strbuf failure = STRBUF_INIT;
	struct result r = RESULT(R_STAY);
	char blocker[512];

	blocker_of(w->s, session_find(w->s, a->item), blocker, sizeof(blocker));
	req->item = a->item;
	if (wizard_mark(w, req, &failure) == ST_OK && o->after_mark)
		o->after_mark(&o->base, w, req->action, a->item,
			      req->force && blocker[0] ? blocker : NULL);
	if (failure.len)
		r = result_push(dialog_message("Nothing was recorded", strbuf_str(&failure)));
	strbuf_release(&failure);
	return r;
}

static struct result forced(struct wizard *w, const struct dialog_args *a, const char *text,
			    size_t choice)
{
	struct mark_request req = { 0 };

	(void)choice;
	req.action = a->flag ? MARK_SKIP : MARK_DONE;
	req.text = text;
	req.force = true;
	req.branch = a->branch[0] ? a->branch : NULL;
	return record(w, a, &req);
}

/* The dialog that asks for the reason to override what blocks item @i. */
static struct result ask_force(const struct wizard *w, size_t i, const struct dialog_args *a)
{
	struct strbuf p = STRBUF_INIT;
	struct result r;

	session_block_text(w->s, i, &p);
	strbuf_addf(&p, "\n\nTo %s it anyway, type the reason: the override is recorded as "
		    "forced.", a->flag ? "skip" : "mark");
	r = dialog_ask("Locked by a rule of the checklist", strbuf_str(&p), forced, a);
	strbuf_release(&p);
	return r;
}

/* Ask for the text to record on item @it with @done, saying @prompt (released here). */
static struct result ask(struct item_owner *o, const struct session_item *it, const char *title,
			 struct strbuf *prompt, dialog_fn *done)
{
	struct dialog_args a;
	struct result r;

	args_for(&a, o, it);
	r = dialog_ask(title, strbuf_str(prompt), done, &a);
	strbuf_release(prompt);
	return r;
}

static bool blocked(const struct wizard *w, size_t i)
{
	long b;

	return session_blocker(w->s, i, &b) != SESSION_BLOCK_NONE;
}

static struct result branch_chosen(struct wizard *w, const struct dialog_args *a,
				   const char *text, size_t choice)
{
	long i = session_find(w->s, a->item);
	struct dialog_args next = *a;
	struct mark_request req = { 0 };

	(void)text;
	if (i < 0 || !w->s->items[i].step || choice >= w->s->items[i].step->nbranches)
		return RESULT(R_STAY);
	snprintf(next.branch, sizeof(next.branch), "%s", w->s->items[i].step->branches[choice].id);
	if (blocked(w, (size_t)i))
		return ask_force(w, (size_t)i, &next);
	req.action = MARK_DONE;
	req.branch = next.branch;
	return record(w, &next, &req);
}

/* A per-host step is marked host by host, in its list (Enter). */
static bool per_host_refused(struct wizard *w, const struct session_item *it)
{
	if (!it->nhosts)
		return false;
	wizard_message(w, true, "%s is done host by host (%zu of %zu resolved): Enter lists the "
		       "hosts.", it->id, it->hosts_done + it->hosts_skipped, it->nhosts);
	return true;
}

static struct screen *ask_branch(const struct session_item *it, const struct dialog_args *a)
{
	const struct content_step *st = it->step;
	char **labels = calloc(st->nbranches, sizeof(*labels));
	struct screen *sc = NULL;

	if (!labels)
		return NULL;
	for (size_t k = 0; k < st->nbranches; k++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s (%s)", st->branches[k].title, st->branches[k].id);
		labels[k] = strbuf_detach(&sb);
	}
	sc = dialog_choice("Which alternative was taken?", st->text, (const char *const *)labels,
			   st->nbranches, branch_chosen, a);
	for (size_t k = 0; k < st->nbranches; k++)
		free(labels[k]);
	free(labels);
	return sc;
}

struct result item_done(struct wizard *w, struct item_owner *o, size_t i)
{
	const struct session_item *it = &w->s->items[i];
	struct mark_request req = { 0 };
	struct dialog_args a;

	args_for(&a, o, it);
	if (per_host_refused(w, it))
		return RESULT(R_STAY);
	if (it->drift == DRIFT_REMOVED) {
		wizard_message(w, true, "%s is no longer in the content.", it->id);
		return RESULT(R_STAY);
	}
	if (it->state != ITEM_PENDING) {
		wizard_message(w, true, "%s is already %s by %s; u undoes it.", it->id,
			       it->state == ITEM_DONE ? "done" : "skipped", it->last.operator_name);
		return RESULT(R_STAY);
	}
	if (it->step && it->step->nbranches && !it->branch)
		return result_push(ask_branch(it, &a));
	if (blocked(w, i))
		return ask_force(w, i, &a);
	req.action = MARK_DONE;
	return record(w, &a, &req);
}

static struct result skipped(struct wizard *w, const struct dialog_args *a, const char *text,
			     size_t choice)
{
	struct mark_request req = { 0 };
	long i = session_find(w->s, a->item);

	(void)choice;
	req.action = MARK_SKIP;
	req.text = text;
	req.force = i >= 0 && blocked(w, (size_t)i);
	return record(w, a, &req);
}

struct result item_skip(struct wizard *w, struct item_owner *o, size_t i)
{
	const struct session_item *it = &w->s->items[i];
	struct strbuf p = STRBUF_INIT;

	if (per_host_refused(w, it))
		return RESULT(R_STAY);
	if (it->state != ITEM_PENDING) {
		wizard_message(w, true, "%s is not pending; u undoes it first.", it->id);
		return RESULT(R_STAY);
	}
	strbuf_addf(&p, "Why is %s skipped? The reason is recorded.", it->id);
	if (blocked(w, i)) {
		strbuf_adds(&p, "\n\n");
		session_block_text(w->s, i, &p);
		strbuf_adds(&p, "\nSkipping it now overrides that rule and is recorded as forced.");
	}
	return ask(o, it, "Skip", &p, skipped);
}

/* Record @action with the text a dialog handed back. */
static struct result record_text(struct wizard *w, const struct dialog_args *a,
				 enum mark_action action, const char *text)
{
	struct mark_request req = { 0 };

	req.action = action;
	req.text = text;
	return record(w, a, &req);
}

static struct result noted(struct wizard *w, const struct dialog_args *a, const char *text,
			   size_t choice)
{
	(void)choice;
	return record_text(w, a, MARK_NOTE, text);
}

struct result item_note(struct wizard *w, struct item_owner *o, size_t i)
{
	struct strbuf p = STRBUF_INIT;

	strbuf_addf(&p, "A note on %s (it changes nothing else):", w->s->items[i].id);
	return ask(o, &w->s->items[i], "Note", &p, noted);
}

static struct result undone(struct wizard *w, const struct dialog_args *a, const char *text,
			    size_t choice)
{
	(void)choice;
	return record_text(w, a, MARK_UNDO, text);
}

/*
 * Whether undoing item @u would lock pending item @j, unlocked now: the
 * rules of session.h, with @u pending again.
 */
static bool relocks(const struct session *s, size_t u, size_t j)
{
	const struct session_item *a = &s->items[u], *b = &s->items[j];
	long bl;

	if (j <= u || b->state != ITEM_PENDING || b->host || b->drift == DRIFT_REMOVED ||
	    session_blocker(s, j, &bl) != SESSION_BLOCK_NONE)
		return false;
	if (b->hop > a->hop)
		return true;
	if (b->hop != a->hop || b->kind != ITEM_STEP)
		return false;
	return a->kind == ITEM_NOTE || s->plan.hops[a->hop].ordered;
}

/* "It locks again: A, B and 3 more." for undoing item @i. */
static void relock_text(const struct session *s, size_t i, struct strbuf *out)
{
	size_t n = 0;

	for (size_t j = i + 1; j < s->nitems; j++) {
		if (!relocks(s, i, j))
			continue;
		if (n < 3)
			strbuf_addf(out, "%s%s", n ? ", " : "\n\nIt locks again: ", s->items[j].id);
		n++;
	}
	if (n > 3)
		strbuf_addf(out, " and %zu more", n - 3);
	strbuf_adds(out, n ? "." : "\n\nIt locks nothing else.");
}

struct result item_undo(struct wizard *w, struct item_owner *o, size_t i)
{
	const struct session_item *it = &w->s->items[i];
	struct strbuf p = STRBUF_INIT;

	if (per_host_refused(w, it))
		return RESULT(R_STAY);
	if (it->state == ITEM_PENDING) {
		wizard_message(w, true, "Nothing to undo: %s is pending.", it->id);
		return RESULT(R_STAY);
	}
	strbuf_addf(&p, "Why is the check-off of %s undone? The reason is recorded with the "
		    "undo.", it->id);
	relock_text(w->s, i, &p);
	return ask(o, it, "Undo", &p, undone);
}
