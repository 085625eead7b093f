/*
 * refusal.c - refusals as data: their names, and the checks of a new
 * session that come before the journal.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "plan.h"
#include "session.h"
#include "textutil.h"
#include "version.h"

const char *refusal_code_name(enum refusal_code c)
{
	/* in refusal.h's groups */
	static const char *const names[] = {
		[REFUSAL_NONE] = "none",
		/* the versions of a plan */
		[REFUSAL_VERSION_MISSING] = "version-missing",
		[REFUSAL_VERSION_BAD] = "version-bad", [REFUSAL_SAME_SERIES] = "same-series",
		[REFUSAL_DOWNGRADE] = "downgrade", [REFUSAL_FROM_NEWEST] = "from-newest",
		[REFUSAL_OUTSIDE] = "outside", [REFUSAL_NO_HOPS] = "no-hops",
		/* the rest of a new session */
		[REFUSAL_TITLE_LONG] = "title-long",
		[REFUSAL_TITLE_UNPRINTABLE] = "title-unprintable",
		[REFUSAL_INVENTORY_MISSING] = "inventory-missing",
		[REFUSAL_INVENTORY_BAD] = "inventory-bad",
		/* a check-off */
		[REFUSAL_UNKNOWN_ITEM] = "unknown-item", [REFUSAL_PER_HOST_STEP] = "per-host-step",
		[REFUSAL_BRANCH_NOT_ALLOWED] = "branch-not-allowed",
		[REFUSAL_EMPTY_NOTE] = "empty-note", [REFUSAL_NOTHING_TO_UNDO] = "nothing-to-undo",
		[REFUSAL_SKIP_NO_REASON] = "skip-no-reason", [REFUSAL_OTHER_STATE] = "other-state",
		[REFUSAL_UNKNOWN_BRANCH] = "unknown-branch",
		[REFUSAL_BRANCH_NEEDED] = "branch-needed", [REFUSAL_BLOCKED] = "blocked",
		[REFUSAL_FORCE_NO_REASON] = "force-no-reason", [REFUSAL_REMOVED] = "removed",
		[REFUSAL_NOT_HOST_ITEM] = "not-host-item", [REFUSAL_MANY_ACTION] = "many-action",
		/* the session's life */
		[REFUSAL_SESSION_CLOSED] = "session-closed", [REFUSAL_CLOSE_NO_REASON] = "close-no-reason",
		/* a host's exclusion */
		[REFUSAL_EXCLUDE_NO_REASON] = "exclude-no-reason",
		[REFUSAL_EXCLUDE_LEADER] = "exclude-leader",
	};

	if ((size_t)c < sizeof(names) / sizeof(*names) && names[c])
		return names[c];
	return "?";
}

void refusal_fill(struct strbuf *out, const char *words, const struct refusal_var *vars,
		  size_t n)
{
	while (*words) {
		const char *open = strchr(words, '{'), *close = open ? strchr(open, '}') : NULL;
		size_t len = close ? (size_t)(close - open - 1) : 0, i = 0;
		if (!close) {
			strbuf_adds(out, words);
			return;
		}
		strbuf_add(out, words, (size_t)(open - words));
		while (i < n && (strlen(vars[i].name) != len || strncmp(open + 1, vars[i].name, len)))
			i++;
		if (i < n)
			strbuf_adds(out, vars[i].value);
		else
			strbuf_add(out, open, len + 2);
		words = close + 1;
	}
}

/*
 * A plan's refusals: {flag} is the name of the field at fault, {value} its
 * version as given, {version} as read; {from} and {to} the versions as
 * read (as given when they are not versions).
 */
static const struct {
	enum refusal_code code;
	const char *words;
} plan_words[] = {
	{ REFUSAL_VERSION_MISSING, "{flag} needs a version" },
	{ REFUSAL_VERSION_BAD, "{flag} '{value}' is not a version: write 0.22, 0.22.1 or 0.22.x" },
	{ REFUSAL_SAME_SERIES, "{from} and {to} are the same minor series: the guide has no steps "
			       "within a series, and no note of a patch release after {from} up "
			       "to {to}" },
	{ REFUSAL_DOWNGRADE, "{from} to {to} is a downgrade: the guide covers upgrades only" },
	{ REFUSAL_FROM_NEWEST, "{flag} {from} is the newest version the guide covers: there is "
			       "nothing to upgrade to" },
	{ REFUSAL_OUTSIDE, "{flag} {version} is outside the guide" },
	{ REFUSAL_NO_HOPS, "no hops lead from {from} to {to}" },
};

/* @v as a version ("0.26.x" stays as typed; garbage is shown as it is) into @buf. */
static const char *shown(const char *v, char *buf, size_t size)
{
	struct version parsed;

	if (v && version_parse(v, &parsed)) {
		version_str(&parsed, buf, size);
		return buf;
	}
	return v ? v : "";
}

void refusal_plan_words(struct strbuf *out, const struct content *c, enum refusal_code code,
			enum refusal_field field, const char *from, const char *to,
			const char *from_name, const char *to_name)
{
	char range[64], fs[32], ts[32];
	const char *f = shown(from, fs, sizeof(fs)), *t = shown(to, ts, sizeof(ts));
	const char *value = field == REFUSAL_FIELD_TO ? to : from, *words = NULL;
	const struct refusal_var vars[] = {
		{ "flag", field == REFUSAL_FIELD_TO ? to_name : from_name },
		{ "value", value ? value : "" }, /* as given */
		{ "from", f }, { "to", t }, { "version", field == REFUSAL_FIELD_TO ? t : f },
	};

	for (size_t i = 0; !words && i < sizeof(plan_words) / sizeof(*plan_words); i++)
		words = plan_words[i].code == code ? plan_words[i].words : NULL;
	if (words)
		refusal_fill(out, words, vars, sizeof(vars) / sizeof(*vars));
	else
		strbuf_addf(out, "refused (%s)", refusal_code_name(code));
	plan_supported_range(c, range, sizeof(range));
	strbuf_addf(out, " (supported: %s)", range);
}

/* The words of each rule a check-off can break, {item} the item refused. */
static const char *const rule_words[] = {
	[SESSION_BLOCK_EARLIER_HOP] = "{item} is locked: hops are done in order and {blocker} of "
				      "hop {hop} is still pending",
	[SESSION_BLOCK_NOTES] = "{item} is locked: acknowledge the notes of hop {hop} first; "
				"{blocker} is still pending",
	[SESSION_BLOCK_ORDER] = "{item} is locked: the steps of hop {hop} are done in order and "
				"{blocker} is still pending",
	[SESSION_BLOCK_LEADER] = "{item} is locked: the leading master is restarted last, after the "
				 "other masters of its step; still pending: {waiting} (one "
				 "failover, onto a master already upgraded)",
	[SESSION_BLOCK_REMOVED] = "{item} is no longer in the content",
	[SESSION_BLOCK_NONE] = "{item} is no longer in the content",
};

void session_refusal_rule_text(const struct session_refusal *r, struct strbuf *out)
{
	const struct refusal_var vars[] = {
		{ "item", r->item_id }, { "blocker", r->blocker_id }, { "hop", r->hop_id },
		{ "waiting", r->waiting },
	};

	refusal_fill(out, rule_words[r->block], vars, sizeof(vars) / sizeof(*vars));
}

enum status session_refusal_said(enum status st, const struct session_refusal *r,
				 const struct strbuf *words, struct diag_list *dl)
{
	const char *text = strbuf_failed(words) ? "out of memory" : strbuf_str(words);

	if (st == ST_OK)
		return diag_status(dl, st);
	if (r && r->code != REFUSAL_NONE)
		return diag_refuse(dl, st, r->code, r->field, "%s", text);
	return diag_fail(dl, st, "%s", text);
}

void session_refusal_release(struct session_refusal *r)
{
	struct session_refusal init = SESSION_REFUSAL_INIT;

	arena_release(&r->arena);
	*r = init;
}

bool session_title_check(const char *title, struct session_refusal *r)
{
	size_t len = title ? strlen(title) : 0, at;
	enum refusal_code code = REFUSAL_NONE;

	if (len > SESSION_TITLE_MAX)
		code = REFUSAL_TITLE_LONG;
	else if (len && text_find_unprintable(title, len, &at))
		code = REFUSAL_TITLE_UNPRINTABLE;
	if (code != REFUSAL_NONE && r) {
		r->code = code;
		r->field = REFUSAL_FIELD_TITLE;
	}
	return code == REFUSAL_NONE;
}

enum status session_inventory_load(const char *path, struct inventory **out,
				   struct diag_list *dl)
{
	enum status st = inventory_load(path, out, dl);

	/* nothing to have problems: "no such file" says it all */
	if (st != ST_OK && st != ST_NOMEM)
		diag_refused(dl, st, access(path, F_OK) != 0 && errno == ENOENT
				     ? REFUSAL_INVENTORY_MISSING : REFUSAL_INVENTORY_BAD,
			     REFUSAL_FIELD_INVENTORY);
	return st;
}
