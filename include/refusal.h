/*
 * refusal.h - why the core refused a request, as data.
 *
 * The core says what it refused and what was in the way as a code, the item
 * and the field of the request at fault; each front end words it in its own
 * terms (the command line names its flags, the wizard's form its fields).
 * struct session_refusal (session.h) carries them with the items named.
 */
#ifndef MU_REFUSAL_H
#define MU_REFUSAL_H

#include <stddef.h>

enum refusal_code {
	REFUSAL_NONE,
	/* the versions of a plan (plan_build_refusal(), session_start()) */
	REFUSAL_VERSION_MISSING,  /* the field's version is empty */
	REFUSAL_VERSION_BAD,      /* the field's version is not one (0.22, 0.22.1, 0.22.x) */
	REFUSAL_SAME_SERIES,      /* from and to are one minor series */
	REFUSAL_DOWNGRADE,        /* to is before from */
	REFUSAL_FROM_NEWEST,      /* from is the newest version the content covers */
	REFUSAL_OUTSIDE,          /* the field's version is outside the content */
	REFUSAL_NO_HOPS,          /* no hops lead from one to the other */
	/* the rest of a new session (session_start(), session_title_check(), session_inventory_load()) */
	REFUSAL_TITLE_LONG,       /* the title is over SESSION_TITLE_MAX bytes */
	REFUSAL_TITLE_UNPRINTABLE,/* the title has what text_find_unprintable() finds */
	REFUSAL_INVENTORY_MISSING,/* no such inventory file */
	REFUSAL_INVENTORY_BAD,    /* the inventory has problems (in the diagnostics) */
	/* a check-off (session_mark(), session_mark_many()) */
	REFUSAL_UNKNOWN_ITEM,     /* the session has no such item */
	REFUSAL_PER_HOST_STEP,    /* a per-host step is marked host by host, not whole */
	REFUSAL_BRANCH_NOT_ALLOWED,/* a branch given where there is none to choose */
	REFUSAL_EMPTY_NOTE,       /* a note without text */
	REFUSAL_NOTHING_TO_UNDO,  /* undo of a pending item */
	REFUSAL_SKIP_NO_REASON,   /* a skip without a reason */
	REFUSAL_OTHER_STATE,      /* done or skip of an item in the other state: undo first */
	REFUSAL_UNKNOWN_BRANCH,   /* the step has no such branch */
	REFUSAL_BRANCH_NEEDED,    /* done of a step with branches, none chosen */
	REFUSAL_BLOCKED,          /* a rule of the checklist: the block and the blocker */
	REFUSAL_FORCE_NO_REASON,  /* an override without a reason */
	REFUSAL_REMOVED,          /* the item is no longer in the content */
	REFUSAL_NOT_HOST_ITEM,    /* session_mark_many() of an item not a host's */
	REFUSAL_MANY_ACTION,      /* session_mark_many() of a note: one item at a time */
	REFUSAL_SESSION_CLOSED,   /* the session is closed: reopen it first */
	REFUSAL_CLOSE_NO_REASON,  /* a close without a reason */
	/* a host's exclusion (session_exclude()) */
	REFUSAL_EXCLUDE_NO_REASON,/* an exclusion without a reason */
	REFUSAL_EXCLUDE_LEADER,   /* the leading master, not forced */
};

/* The field of the request at fault. */
enum refusal_field {
	REFUSAL_FIELD_NONE,
	REFUSAL_FIELD_FROM,
	REFUSAL_FIELD_TO,
	REFUSAL_FIELD_TITLE,
	REFUSAL_FIELD_INVENTORY,
	REFUSAL_FIELD_ITEM,
	REFUSAL_FIELD_ACTION,
	REFUSAL_FIELD_TEXT,       /* the note, the skip reason, the reason for an override */
	REFUSAL_FIELD_BRANCH,
	REFUSAL_FIELD_FORCE,
};

/* "unknown-item", "blocked": a fixed name of @c, for tests and logs. */
const char *refusal_code_name(enum refusal_code c);

struct content;
struct strbuf;

/* A value that words may name, as {name}. */
struct refusal_var {
	const char *name, *value;
};

/*
 * @words appended to @out with each {name} of the @n @vars replaced by its
 * value; a brace that starts none of them is kept as it is.
 */
void refusal_fill(struct strbuf *out, const char *words, const struct refusal_var *vars,
		  size_t n);
/*
 * The words of a plan's refusal (REFUSAL_VERSION_MISSING to
 * REFUSAL_NO_HOPS, the field at fault @field, the versions @from and @to as
 * given), naming the versions' flags or fields @from_name and @to_name,
 * then " (supported: FROM to TO)" of @c: one table for the core's default
 * wording (plan_build_refusal()) and the command line's. "refused (CODE)"
 * for another code.
 */
void refusal_plan_words(struct strbuf *out, const struct content *c, enum refusal_code code,
			enum refusal_field field, const char *from, const char *to,
			const char *from_name, const char *to_name);

#endif
