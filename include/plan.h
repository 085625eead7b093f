/*
 * plan.h - the hops between two versions.
 *
 * A plan from V1 to V2 is every hop of the content from V1's minor series to
 * V2's, in order. The plan points into the content, which must outlive it.
 *
 * A note with a 'since' patch release applies only when the plan crosses it:
 * after V1, up to V2 (a V2 without a patch, "1.2" or "1.2.x", takes in its
 * whole series). So the hop that ends at V1's series can still have notes
 * that apply, of the patch releases after V1: then it leads the plan with
 * only those (partial_first), and a plan within one series ("--from 1.2.0
 * --to 1.2.1") is made of them alone.
 */
#ifndef MU_PLAN_H
#define MU_PLAN_H

#include "content.h"
#include "diag.h"
#include "refusal.h"
#include "status.h"
#include "strbuf.h"
#include "version.h"

struct plan {
	const struct content *content;
	struct version from, to;           /* as the operator gave them */
	const struct content_hop *hops;    /* into content->hops */
	size_t nhops;
	size_t nnotes, nsteps;             /* totals over the hops, of what applies */
	bool partial_first;                /* hops[0] ends at from's series: only its notes of a
					    * patch release after from apply */
};

/* Does note @n of plan hop @h apply to @p (see above)? */
bool plan_note_applies(const struct plan *p, size_t h, const struct content_note *n);
/* Does entry @e of plan hop @h apply: a note that does, or a step of a whole hop? */
bool plan_entry_applies(const struct plan *p, size_t h, const struct content_entry *e);
/* Does every entry of plan hop @h apply (a whole hop, no note of a patch release left out)? */
bool plan_hop_whole(const struct plan *p, size_t h);

/*
 * Build the plan from @from to @to (version strings as typed). A refusal is
 * ST_USAGE, said in @dl (diag.h): its code (REFUSAL_VERSION_MISSING to
 * REFUSAL_NO_HOPS), the version at fault (REFUSAL_FIELD_FROM, _TO, or _NONE
 * for both), and one line in the command line's words, with what is
 * supported, for a caller that does not word the code.
 */
enum status plan_build_refusal(const struct content *c, const char *from, const char *to,
			       struct plan *p, struct diag_list *dl);
/* plan_build_refusal() with that line appended to @why (no newline). */
enum status plan_build(const struct content *c, const char *from, const char *to,
		       struct plan *p, struct strbuf *why);

/* "FROM to TO", the range the content covers (its first hop's from, its last
 * hop's to), into @buf; "none" for content without hops. */
void plan_supported_range(const struct content *c, char *buf, size_t size);

#endif
