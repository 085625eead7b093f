/*
 * refusal.c - the core's refusals in the wizard's words: its fields (From,
 * To, Title, Inventory) and its keys, never the command line's flags.
 */
#include <string.h>

#include "plan.h"
#include "version.h"
#include "wizard.h"

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
	const char *value = field == REFUSAL_FIELD_TO ? to : from;
	char range[64];

	plan_supported_range(c, range, sizeof(range));
	switch (code) {
	case REFUSAL_VERSION_MISSING:
		strbuf_addf(out, "%s needs a version", field_name(field));
		break;
	case REFUSAL_VERSION_BAD:
		strbuf_addf(out, "%s '%s' is not a version: write 0.26, 0.26.1 or 0.26.x",
			    field_name(field), value ? value : "");
		break;
	case REFUSAL_SAME_SERIES:
		strbuf_addf(out, "From %s and To %s are one minor series: the guide has no steps "
			    "within a series", from, to);
		break;
	case REFUSAL_DOWNGRADE:
		strbuf_addf(out, "From %s to %s is a downgrade: only upgrades are planned",
			    from, to);
		break;
	case REFUSAL_FROM_NEWEST:
		strbuf_addf(out, "From %s is the newest version the guide covers: nothing to "
			    "upgrade to", from);
		break;
	case REFUSAL_OUTSIDE:
		strbuf_addf(out, "%s %s is outside the guide", field_name(field), value ? value : "");
		break;
	case REFUSAL_NO_HOPS:
		strbuf_addf(out, "No hops lead from %s to %s", from, to);
		break;
	default:
		strbuf_addf(out, "Refused (%s)", refusal_code_name(code));
		break;
	}
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
	switch (r->code) {
	case REFUSAL_UNKNOWN_ITEM:
		strbuf_addf(out, "This session has no item %s", r->item_id);
		break;
	case REFUSAL_PER_HOST_STEP:
		strbuf_addf(out, "%s is done host by host: Enter lists its %zu hosts (%zu pending)",
			    r->item_id, r->nhosts, r->npending);
		break;
	case REFUSAL_BRANCH_NOT_ALLOWED:
		strbuf_addf(out, "%s has no alternatives to choose from", r->item_id);
		break;
	case REFUSAL_EMPTY_NOTE:
		strbuf_adds(out, "A note needs text");
		break;
	case REFUSAL_NOTHING_TO_UNDO:
		strbuf_addf(out, "Nothing to undo: %s is pending", r->item_id);
		break;
	case REFUSAL_SKIP_NO_REASON:
		strbuf_addf(out, "Skipping %s needs a reason", r->item_id);
		break;
	case REFUSAL_OTHER_STATE:
		strbuf_addf(out, "%s is already %s (by %s at %s): u undoes it first", r->item_id,
			    session_item_state_name(r->state), r->by, r->at);
		break;
	case REFUSAL_UNKNOWN_BRANCH:
	case REFUSAL_BRANCH_NEEDED:
		strbuf_addf(out, "%s has alternatives: choose one of ", r->item_id);
		branch_list(out, r->step);
		break;
	case REFUSAL_BLOCKED:
		session_refusal_rule_text(r, out);
		break;
	case REFUSAL_FORCE_NO_REASON:
		strbuf_adds(out, "An override needs a reason");
		break;
	case REFUSAL_REMOVED:
		strbuf_addf(out, "%s is no longer in the content; its history is kept", r->item_id);
		break;
	case REFUSAL_NOT_HOST_ITEM:
		strbuf_addf(out, "%s is not a host's item of a per-host step", r->item_id);
		break;
	case REFUSAL_MANY_ACTION:
		strbuf_adds(out, "Hosts are marked done, skipped or undone together; a note is on "
			    "one host");
		break;
	case REFUSAL_TITLE_LONG:
	case REFUSAL_TITLE_UNPRINTABLE:
		strbuf_adds(out, "Title: printable characters on one line, at most 200 bytes");
		break;
	case REFUSAL_INVENTORY_MISSING:
		strbuf_adds(out, "Inventory: no such file");
		break;
	default:
		strbuf_addf(out, "Refused (%s)", refusal_code_name(r->code));
		break;
	}
}
