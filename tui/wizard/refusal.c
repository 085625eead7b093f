/*
 * refusal.c - the core's failures on the wizard's status bar, and its
 * refusals in the wizard's words: its fields (From, To, Title, Inventory)
 * and its keys, never the command line's flags.
 *
 * The words are tables, one wording per refusal code; a {name} in a
 * wording stands for a value of the refusal (the item, the versions, ...).
 */
#include <string.h>

#include "plan.h"
#include "version.h"
#include "wizard.h"

/* How the wizard words a refusal. */
struct wording {
	enum refusal_code code;
	const char *words;
};

/* The wordings of a plan's refusals: {field}, {value} (the field's), {from}, {to}. */
static const struct wording plan_words[] = {
	{ REFUSAL_VERSION_MISSING, "{field} needs a version" },
	{ REFUSAL_VERSION_BAD, "{field} '{value}' is not a version: write 0.26, 0.26.1 or 0.26.x" },
	{ REFUSAL_SAME_SERIES, "From {from} and To {to} are one minor series: the guide has no "
			       "steps within a series, nor a note of a patch release between them" },
	{ REFUSAL_DOWNGRADE, "From {from} to {to} is a downgrade: only upgrades are planned" },
	{ REFUSAL_FROM_NEWEST, "From {from} is the newest version the guide covers: nothing to "
			       "upgrade to" },
	{ REFUSAL_OUTSIDE, "{field} {value} is outside the guide" },
	{ REFUSAL_NO_HOPS, "No hops lead from {from} to {to}" },
	{ REFUSAL_NONE, NULL },
};

/*
 * The wordings of a check-off's (and a new session's) refusals: {item},
 * {hosts} and {pending} (a per-host step's), {state}, {by}, {at} (what the
 * item is already), {branches} ("a, b or c"), {rule} (what locks it).
 */
static const struct wording mark_words[] = {
	{ REFUSAL_UNKNOWN_ITEM, "This session has no item {item}" },
	{ REFUSAL_PER_HOST_STEP, "{item} is done host by host: Enter lists its {hosts} hosts "
				 "({pending} pending)" },
	{ REFUSAL_BRANCH_NOT_ALLOWED, "{item} has no alternatives to choose from" },
	{ REFUSAL_EMPTY_NOTE, "A note needs text" },
	{ REFUSAL_NOTHING_TO_UNDO, "Nothing to undo: {item} is pending" },
	{ REFUSAL_SKIP_NO_REASON, "Skipping {item} needs a reason" },
	{ REFUSAL_OTHER_STATE, "{item} is already {state} (by {by} at {at}): u undoes it first" },
	{ REFUSAL_UNKNOWN_BRANCH, "{item} has alternatives: choose one of {branches}" },
	{ REFUSAL_BRANCH_NEEDED, "{item} has alternatives: choose one of {branches}" },
	{ REFUSAL_BLOCKED, "{rule}" },
	{ REFUSAL_FORCE_NO_REASON, "An override needs a reason" },
	{ REFUSAL_REMOVED, "{item} is no longer in the content; its history is kept" },
	{ REFUSAL_NOT_HOST_ITEM, "{item} is not a host's item of a per-host step" },
	{ REFUSAL_MANY_ACTION, "Hosts are marked done, skipped or undone together; a note is on "
			       "one host" },
	{ REFUSAL_SESSION_CLOSED, "This session was closed by {by} at {at} ({reason}): it can be "
				  "read, not marked; reopen it from the sessions list" },
	{ REFUSAL_TITLE_LONG, "Title: printable characters on one line, at most 200 bytes" },
	{ REFUSAL_TITLE_UNPRINTABLE, "Title: printable characters on one line, at most 200 bytes" },
	{ REFUSAL_INVENTORY_MISSING, "Inventory: no such file" },
	{ REFUSAL_NONE, NULL },
};

/* The words for @code in @t, or NULL. */
static const char *wording(const struct wording *t, enum refusal_code code)
{
	for (; t->words; t++)
		if (t->code == code)
			return t->words;
	return NULL;
}

static const char *field_name(enum refusal_field f)
{
	switch (f) {
	case REFUSAL_FIELD_TO: return "To";
	case REFUSAL_FIELD_TITLE: return "Title";
	case REFUSAL_FIELD_INVENTORY: return "Inventory";
	default: return "From";
	}
}

void wizard_word_plan(struct strbuf *out, const struct content *c, enum refusal_code code,
		      enum refusal_field field, const char *from, const char *to)
{
	const char *words = wording(plan_words, code);
	const char *value = field == REFUSAL_FIELD_TO ? to : from;
	const struct refusal_var v[] = {
		{ "field", field_name(field) }, { "value", value ? value : "" },
		{ "from", from ? from : "" }, { "to", to ? to : "" },
	};
	char range[64];

	plan_supported_range(c, range, sizeof(range));
	if (words)
		refusal_fill(out, words, v, sizeof(v) / sizeof(*v));
	else
		strbuf_addf(out, "Refused (%s)", refusal_code_name(code));
	strbuf_addf(out, " (the guide covers %s).", range);
}

/* The alternatives of @st, "a, b or c". */
static void branch_list(struct strbuf *out, const struct content_step *st)
{
	for (size_t i = 0; st && i < st->nbranches; i++)
		strbuf_addf(out, "%s%s", i == 0 ? "" : i + 1 == st->nbranches ? " or " : ", ",
			    st->branches[i].id);
}

void wizard_word_mark(struct strbuf *out, const struct session_refusal *r)
{
	const char *words = wording(mark_words, r->code);
	struct strbuf branches = STRBUF_INIT, rule = STRBUF_INIT;
	char hosts[24], pending[24];

	if (!words) {
		strbuf_addf(out, "Refused (%s)", refusal_code_name(r->code));
		return;
	}
	snprintf(hosts, sizeof(hosts), "%zu", r->nhosts);
	snprintf(pending, sizeof(pending), "%zu", r->npending);
	branch_list(&branches, r->step);
	if (r->code == REFUSAL_BLOCKED)
		session_refusal_rule_text(r, &rule);
	{
		const struct refusal_var v[] = {
			{ "item", r->item_id }, { "hosts", hosts }, { "pending", pending },
			{ "state", session_item_state_name(r->state) },
			{ "by", r->by }, { "at", r->at }, { "reason", r->reason },
			{ "branches", strbuf_str(&branches) }, { "rule", strbuf_str(&rule) },
		};
		refusal_fill(out, words, v, sizeof(v) / sizeof(*v));
	}
	strbuf_release(&branches);
	strbuf_release(&rule);
}

/*
 * @dl on the status bar: its first message after @lead and @sep, before
 * @after; the others before it, as "@lead problem I of N: ".
 */
static void report(struct wizard *w, const struct diag_list *dl, const char *lead,
		   const char *sep, const char *after)
{
	struct strbuf line = STRBUF_INIT;
	size_t n = dl->count + dl->dropped;

	/* the status bar shows the last message: the first problem comes last */
	for (size_t i = 1; i < dl->count; i++) {
		strbuf_reset(&line);
		diag_render_one(&dl->items[i], &line);
		wizard_message(w, true, "%s problem %zu of %zu: %s", lead, i + 1, n,
			       strbuf_str(&line));
	}
	strbuf_reset(&line);
	if (dl->count)
		diag_render_one(&dl->items[0], &line);
	if (dl->count && dl->items[0].line)
		wizard_message(w, true, "%s%s%s (%zu problem%s)%s", lead, sep, strbuf_str(&line), n,
			       n == 1 ? "" : "s", after);
	else
		wizard_message(w, true, "%s%s%s%s", lead, sep, dl->count ? strbuf_str(&line)
								    : "unusable", after);
	strbuf_release(&line);
}

void wizard_report(struct wizard *w, const struct diag_list *dl, const char *lead)
{
	report(w, dl, lead ? lead : "", lead ? ": " : "", "");
}

void wizard_report_around(struct wizard *w, const struct diag_list *dl, const char *before,
			  const char *after)
{
	report(w, dl, before, "", after);
}

void wizard_journal_failed(struct wizard *w, enum status st, const char *lead)
{
	struct diag_list dl;

	diag_list_init(&dl);
	journal_report(w->journal, st, &dl);
	wizard_report(w, &dl, lead);
	diag_list_release(&dl);
}
