#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "plan.h"

void plan_supported_range(const struct content *c, char *buf, size_t size)
{
	if (!c->nhops) {
		snprintf(buf, size, "none");
		return;
	}
	snprintf(buf, size, "%s to %s", c->hops[0].from, c->hops[c->nhops - 1].to);
}

/* Index of the hop starting at (@end = false) or ending at (@end = true) @v's series. */
static long find_series(const struct content *c, const struct version *v, bool end)
{
	for (size_t i = 0; i < c->nhops; i++) {
		const struct version *e = end ? &c->hops[i].vto : &c->hops[i].vfrom;
		if (version_series_cmp(e, v) == 0)
			return (long)i;
	}
	return -1;
}

/* @v's patch, or @dflt when it names none ("1.2", "1.2.x"). */
static int patch_or(const struct version *v, int dflt)
{
	return v->kind == VERSION_RELEASE ? v->patch : dflt;
}

/* Is patch release @s after @from and up to @to (a series or "x": all of it)? */
static bool crosses(const struct version *from, const struct version *to, const struct version *s)
{
	int f = version_series_cmp(s, from), t = version_series_cmp(s, to);

	return (f > 0 || (f == 0 && s->patch > patch_or(from, 0))) &&
	       (t < 0 || (t == 0 && s->patch <= patch_or(to, s->patch)));
}

bool plan_note_applies(const struct plan *p, size_t h, const struct content_note *n)
{
	if (p->partial_first && h == 0)
		return n->since && crosses(&p->from, &p->to, &n->vsince);
	return !n->since || crosses(&p->from, &p->to, &n->vsince);
}

bool plan_entry_applies(const struct plan *p, size_t h, const struct content_entry *e)
{
	return e->note ? plan_note_applies(p, h, e->note) : !(p->partial_first && h == 0);
}

/* How many of @hop's notes of a patch release apply from @from to @to. */
static size_t crossed(const struct content_hop *hop, const struct version *from,
		      const struct version *to)
{
	size_t n = 0;

	for (size_t i = 0; i < hop->nsince; i++)
		n += crosses(from, to, &hop->since[i]);
	return n;
}

/*
 * The hop-wide questions below ask the hop's 'since' alone (content_hop.since),
 * never its notes: a plan of the built-in content is made without them
 * (content_load_builtin_lean()). They answer as plan_note_applies() and
 * plan_entry_applies() over the notes and entries would.
 */
bool plan_hop_whole(const struct plan *p, size_t h)
{
	if (p->partial_first && h == 0)
		return false;
	return crossed(&p->hops[h], &p->from, &p->to) == p->hops[h].nsince;
}

/* The totals of @p: the notes and steps that apply (a hop's entries are its notes and steps). */
static void count(struct plan *p)
{
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		size_t n = crossed(hop, &p->from, &p->to);
		if (p->partial_first && h == 0) {
			p->nnotes += n;
			continue;
		}
		p->nnotes += hop->nnotes - hop->nsince + n;
		p->nsteps += hop->nsteps;
	}
}

/*
 * Refuse the plan from @from to @to (as given) for @code, the version of
 * @field at fault, in the command line's words (refusal_plan_words()): the
 * default for callers that do not word the code themselves. ST_USAGE.
 */
static enum status refuse(struct diag_list *dl, const struct content *c, enum refusal_code code,
			  enum refusal_field field, const char *from, const char *to)
{
	struct strbuf words = STRBUF_INIT;

	refusal_plan_words(&words, c, code, field, from, to, "--from", "--to");
	diag_refuse(dl, ST_USAGE, code, field, "%s",
		    strbuf_failed(&words) ? "out of memory" : strbuf_str(&words));
	strbuf_release(&words);
	return ST_USAGE;
}

static bool parse_arg(const struct content *c, enum refusal_field which, const char *from,
		      const char *to, struct version *v, struct diag_list *dl)
{
	const char *s = which == REFUSAL_FIELD_FROM ? from : to;

	if (!s || !*s) {
		refuse(dl, c, REFUSAL_VERSION_MISSING, which, from, to);
		return false;
	}
	if (!version_parse(s, v)) {
		refuse(dl, c, REFUSAL_VERSION_BAD, which, from, to);
		return false;
	}
	return true;
}

enum status plan_build(const struct content *c, const char *from, const char *to,
		       struct plan *p, struct strbuf *why)
{
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = plan_build_refusal(c, from, to, p, &dl);
	if (st != ST_OK)
		strbuf_adds(why, dl.count ? dl.items[0].message : "out of memory");
	diag_list_release(&dl);
	return st;
}

enum status plan_build_refusal(const struct content *c, const char *from, const char *to,
			       struct plan *p, struct diag_list *dl)
{
	long first, last;

	memset(p, 0, sizeof(*p));
	p->content = c;
	if (!parse_arg(c, REFUSAL_FIELD_FROM, from, to, &p->from, dl) ||
	    !parse_arg(c, REFUSAL_FIELD_TO, from, to, &p->to, dl))
		return ST_USAGE;
	/*
	 * A version the guide does not know at all is outside it, whatever the
	 * direction (--from 0.30 --to 0.28 is not a downgrade the guide refuses).
	 */
	if (find_series(c, &p->from, false) < 0 && find_series(c, &p->from, true) < 0)
		return refuse(dl, c, REFUSAL_OUTSIDE, REFUSAL_FIELD_FROM, from, to);
	if (find_series(c, &p->to, false) < 0 && find_series(c, &p->to, true) < 0 &&
	    find_series(c, &p->from, false) >= 0) {
		/* (from the newest version, nothing leads anywhere: said below) */
		return refuse(dl, c, REFUSAL_OUTSIDE, REFUSAL_FIELD_TO, from, to);
	}
	/*
	 * Then the direction: --from 0.28 --to 0.26 is a downgrade, which says
	 * more than "0.28 is the newest version" would. Within one series, the
	 * notes of the patch releases crossed are a plan of their own.
	 */
	if (version_series_cmp(&p->from, &p->to) == 0 &&
	    (last = find_series(c, &p->from, true)) >= 0 &&
	    crossed(&c->hops[last], &p->from, &p->to)) {
		/* within a series: the notes of the patch releases crossed, alone */
		first = last;
		p->partial_first = true;
		goto planned;
	}
	if (version_series_cmp(&p->from, &p->to) == 0)
		return refuse(dl, c, REFUSAL_SAME_SERIES, REFUSAL_FIELD_NONE, from, to);
	if (version_series_cmp(&p->from, &p->to) > 0)
		return refuse(dl, c, REFUSAL_DOWNGRADE, REFUSAL_FIELD_NONE, from, to);
	first = find_series(c, &p->from, false);
	if (first < 0) {
		bool is_last = c->nhops && find_series(c, &p->from, true) >= 0;
		return refuse(dl, c, is_last ? REFUSAL_FROM_NEWEST : REFUSAL_OUTSIDE,
			      REFUSAL_FIELD_FROM, from, to);
	}
	last = find_series(c, &p->to, true);
	if (last < 0 && find_series(c, &p->to, false) < 0)
		return refuse(dl, c, REFUSAL_OUTSIDE, REFUSAL_FIELD_TO, from, to);
	if (last < first) {
		/* cannot happen with chained content; refuse rather than plan nothing */
		return refuse(dl, c, REFUSAL_NO_HOPS, REFUSAL_FIELD_NONE, from, to);
	}
	/* the hop up to from's series, when a patch release after from has notes */
	if (first > 0 && crossed(&c->hops[first - 1], &p->from, &p->to)) {
		first--;
		p->partial_first = true;
	}
planned:
	p->hops = &c->hops[first];
	p->nhops = (size_t)(last - first + 1);
	count(p);
	return ST_OK;
}
