/*
 * cli_refusal.c - the core's refusals in the command line's words: its
 * flags (--from, --note REASON, --force, --branch) and its commands.
 */
#include "cli.h"
#include "version.h"

static const char *flag_of(enum refusal_field f)
{
	return f == REFUSAL_FIELD_TO ? "to" : "from";
}

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

void cli_refusal_plan(struct strbuf *out, const struct content *c, enum refusal_code code,
		      enum refusal_field field, const char *from, const char *to)
{
	char range[64], fs[32], ts[32];
	const char *flag = flag_of(field), *value = field == REFUSAL_FIELD_TO ? to : from;

	plan_supported_range(c, range, sizeof(range));
	shown(from, fs, sizeof(fs));
	shown(to, ts, sizeof(ts));
	switch (code) {
	case REFUSAL_VERSION_MISSING:
		strbuf_addf(out, "--%s needs a version", flag);
		break;
	case REFUSAL_VERSION_BAD:
		strbuf_addf(out, "--%s '%s' is not a version: write 0.22, 0.22.1 or 0.22.x", flag,
			    value ? value : "");
		break;
	case REFUSAL_SAME_SERIES:
		strbuf_addf(out, "%s and %s are the same minor series: the guide has no steps "
			    "within a series", fs, ts);
		break;
	case REFUSAL_DOWNGRADE:
		strbuf_addf(out, "%s to %s is a downgrade: the guide covers upgrades only", fs, ts);
		break;
	case REFUSAL_FROM_NEWEST:
		strbuf_addf(out, "--from %s is the newest version the guide covers: there is "
			    "nothing to upgrade to", fs);
		break;
	case REFUSAL_OUTSIDE:
		strbuf_addf(out, "--%s %s is outside the guide", flag,
			    field == REFUSAL_FIELD_TO ? ts : fs);
		break;
	case REFUSAL_NO_HOPS:
		strbuf_addf(out, "no hops lead from %s to %s", fs, ts);
		break;
	default:
		strbuf_addf(out, "refused (%s)", refusal_code_name(code));
		break;
	}
	strbuf_addf(out, " (supported: %s)", range);
}

static void branch_list(struct strbuf *out, const struct content_step *st)
{
	for (size_t i = 0; st && i < st->nbranches; i++)
		strbuf_addf(out, "%s--branch %s", i ? " or " : "", st->branches[i].id);
}

/* A rule in the way, and whether --force gets past it. */
static void blocked(struct strbuf *out, const struct session_refusal *r)
{
	session_refusal_rule_text(r, out);
	if (r->can_force)
		strbuf_adds(out, " (--force --note REASON overrides)");
}

void cli_refusal_mark(struct strbuf *out, const struct session_refusal *r, int64_t session,
		      const struct mark_request *req)
{
	long long sid = (long long)session;

	switch (r->code) {
	case REFUSAL_UNKNOWN_ITEM:
		strbuf_addf(out, "session %lld has no item '%s'; 'status %lld' lists its items "
			    "(ids look like %s)", sid, r->item_id, sid,
			    *r->example_id ? r->example_id : "HOP/ID");
		break;
	case REFUSAL_PER_HOST_STEP:
		strbuf_addf(out, "%s is done host by host: mark %s@HOST for each of its %zu hosts "
			    "(%zu pending); 'status %lld' lists them", r->item_id, r->item_id,
			    r->nhosts, r->npending, sid);
		break;
	case REFUSAL_BRANCH_NOT_ALLOWED:
		strbuf_addf(out, "--branch is for marking done a step with alternatives; %s has "
			    "none", r->item_id);
		break;
	case REFUSAL_EMPTY_NOTE:
		strbuf_adds(out, "a note needs text");
		break;
	case REFUSAL_NOTHING_TO_UNDO:
		strbuf_addf(out, "nothing to undo: %s is pending", r->item_id);
		break;
	case REFUSAL_SKIP_NO_REASON:
		strbuf_addf(out, "skipping %s needs a reason: --note REASON", r->item_id);
		break;
	case REFUSAL_OTHER_STATE:
		strbuf_addf(out, "%s is already %s (by %s at %s); undo it first", r->item_id,
			    session_item_state_name(r->state), r->by, r->at);
		break;
	case REFUSAL_UNKNOWN_BRANCH:
		strbuf_addf(out, "%s has no branch '%s'; choose ", r->item_id,
			    req && req->branch ? req->branch : "");
		branch_list(out, r->step);
		break;
	case REFUSAL_BRANCH_NEEDED:
		strbuf_addf(out, "%s has alternatives: choose one with ", r->item_id);
		branch_list(out, r->step);
		break;
	case REFUSAL_BLOCKED:
		blocked(out, r);
		break;
	case REFUSAL_FORCE_NO_REASON:
		strbuf_adds(out, "--force needs a reason: --note REASON");
		break;
	case REFUSAL_REMOVED:
		strbuf_addf(out, "%s is no longer in the content; its history is kept", r->item_id);
		break;
	case REFUSAL_NOT_HOST_ITEM:
		strbuf_addf(out, "%s is not a host's item of a per-host step", r->item_id);
		break;
	case REFUSAL_MANY_ACTION:
		strbuf_adds(out, "hosts are marked done, skipped or undone together; a note is on "
			    "one item");
		break;
	default:
		strbuf_addf(out, "refused (%s)", refusal_code_name(r->code));
		break;
	}
}
