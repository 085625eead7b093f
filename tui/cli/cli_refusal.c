/*
 * cli_refusal.c - the core's refusals in the command line's words: its
 * flags (--from, --note REASON, --force, --branch) and its commands. The
 * words of each refusal are one line of a table, with {name} where a value
 * of the refusal goes; a plan's are the core's own table (refusal.c), with
 * the flags' names.
 */
#include <string.h>

#include "cli.h"

static const struct {
	enum refusal_code code;
	const char *words;
} words[] = {
	/* a check-off: cli_refusal_mark() */
	{ REFUSAL_UNKNOWN_ITEM, "session {session} has no item '{item}'{nearest}; 'status {session}' "
				"lists its items (ids look like {example})" },
	{ REFUSAL_PER_HOST_STEP, "{item} is done host by host: mark {item}@HOST for each of its "
				 "{hosts} hosts ({pending} pending); 'status {session}' lists them" },
	{ REFUSAL_BRANCH_NOT_ALLOWED, "--branch is for marking done a step with alternatives; "
				      "{item} has none" },
	{ REFUSAL_EMPTY_NOTE, "a note needs text" },
	{ REFUSAL_NOTHING_TO_UNDO, "nothing to undo: {item} is pending" },
	{ REFUSAL_SKIP_NO_REASON, "skipping {item} needs a reason: --note REASON" },
	{ REFUSAL_OTHER_STATE, "{item} is already {state} (by {by} at {at}); undo it first" },
	{ REFUSAL_UNKNOWN_BRANCH, "{item} has no branch '{branch}'; choose {branches}" },
	{ REFUSAL_BRANCH_NEEDED, "{item} has alternatives: choose one with {branches}" },
	{ REFUSAL_BLOCKED, "{rule}" },
	{ REFUSAL_FORCE_NO_REASON, "--force needs a reason: --note REASON" },
	{ REFUSAL_REMOVED, "{item} is no longer in the content; its history is kept" },
	{ REFUSAL_NOT_HOST_ITEM, "{item} is not a host's item of a per-host step" },
	{ REFUSAL_MANY_ACTION, "hosts are marked done, skipped or undone together; a note is on "
			       "one item" },
	{ REFUSAL_SESSION_CLOSED, "session {session} was closed by {by} at {at} ({reason}): it "
				  "can be read and reported, not marked; 'reopen {session}' opens "
				  "it again" },
	{ REFUSAL_CLOSE_NO_REASON, "closing a session needs a reason: --note REASON" },
};

/*
 * The words of @code, each {name} of @vars replaced by its value;
 * "refused (CODE)" for a refusal without words.
 */
static void add_words(struct strbuf *out, enum refusal_code code, const struct refusal_var *vars,
		      size_t n)
{
	const char *w = NULL;

	for (size_t i = 0; !w && i < sizeof(words) / sizeof(*words); i++)
		w = words[i].code == code ? words[i].words : NULL;
	if (w)
		refusal_fill(out, w, vars, n);
	else
		strbuf_addf(out, "refused (%s)", refusal_code_name(code));
}

void cli_refusal_plan(struct strbuf *out, const struct content *c, enum refusal_code code,
		      enum refusal_field field, const char *from, const char *to)
{
	refusal_plan_words(out, c, code, field, from, to, "--from", "--to");
}

void cli_refusal_mark(struct strbuf *out, const struct session_refusal *r, int64_t session,
		      const struct mark_request *req)
{
	struct strbuf branches = STRBUF_INIT, rule = STRBUF_INIT, near = STRBUF_INIT;
	char sid[24], hosts[24], pending[24];

	snprintf(sid, sizeof(sid), "%lld", (long long)session);
	snprintf(hosts, sizeof(hosts), "%zu", r->nhosts);
	snprintf(pending, sizeof(pending), "%zu", r->npending);
	for (size_t i = 0; r->step && i < r->step->nbranches; i++)
		strbuf_addf(&branches, "%s--branch %s", i ? " or " : "", r->step->branches[i].id);
	if (*r->nearest)
		strbuf_addf(&near, " (did you mean %s?)", r->nearest);
	if (r->code == REFUSAL_BLOCKED) {
		/* the rule in the way, and whether --force gets past it */
		session_refusal_rule_text(r, &rule);
		if (r->can_force)
			strbuf_adds(&rule, " (--force --note REASON overrides)");
	}
	const struct refusal_var vars[] = {
		{ "item", r->item_id }, { "session", sid },
		{ "example", *r->example_id ? r->example_id : "HOP/ID" },
		{ "nearest", strbuf_str(&near) },
		{ "hosts", hosts }, { "pending", pending },
		{ "state", session_item_state_name(r->state) }, { "by", r->by }, { "at", r->at },
		{ "reason", r->reason },
		{ "branch", req && req->branch ? req->branch : "" },
		{ "branches", strbuf_str(&branches) }, { "rule", strbuf_str(&rule) },
	};
	add_words(out, r->code, vars, sizeof(vars) / sizeof(*vars));
	strbuf_release(&branches);
	strbuf_release(&rule);
	strbuf_release(&near);
}
