/*
 * plan.h - the hops between two versions.
 *
 * A plan from V1 to V2 is every hop of the content from V1's minor series to
 * V2's, in order. The plan points into the content, which must outlive it.
 */
#ifndef MU_PLAN_H
#define MU_PLAN_H

#include "content.h"
#include "refusal.h"
#include "status.h"
#include "strbuf.h"
#include "version.h"

struct plan {
	const struct content *content;
	struct version from, to;           /* as the operator gave them */
	const struct content_hop *hops;    /* into content->hops */
	size_t nhops;
	size_t nnotes, nsteps;             /* totals over the hops */
};

/*
 * Build the plan from @from to @to (version strings as typed). On a refusal
 * returns ST_USAGE and appends one line (no newline) saying why, and what is
 * supported, to @why.
 */
enum status plan_build(const struct content *c, const char *from, const char *to,
		       struct plan *p, struct strbuf *why);
/*
 * plan_build(), and on a refusal its code (REFUSAL_VERSION_MISSING to
 * REFUSAL_NO_HOPS) in *@code and the version at fault (REFUSAL_FIELD_FROM,
 * _TO or _NONE for both) in *@field; either may be NULL.
 */
enum status plan_build_refusal(const struct content *c, const char *from, const char *to,
			       struct plan *p, enum refusal_code *code,
			       enum refusal_field *field, struct strbuf *why);

/* "FROM to TO", the range the content covers (its first hop's from, its last
 * hop's to), into @buf; "none" for content without hops. */
void plan_supported_range(const struct content *c, char *buf, size_t size);

#endif
