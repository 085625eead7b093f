/*
 * render_json_plan.c - the JSON of a plan, of its hops and of its items
 * (render_json.h), through the one JSON writer; the compiled content's
 * JSON of a whole hop copied as it is.
 */
#include <string.h>

#include "json_writer.h"
#include "render_json.h"
#include "status_view.h"

static void json_strings(struct json_writer *w, const char *key, const struct content_strings *l)
{
	jw_key(w, key);
	jw_array(w);
	for (size_t i = 0; i < l->count; i++)
		jw_string(w, l->items[i]);
	jw_array_end(w);
}

/*
 * "points" and, beside it, "points_origin": per point "guide" or "tool" (the
 * project's own advice), so that a reader of the JSON tells them apart as the
 * other formats do.
 */
static void json_points(struct json_writer *w, const struct content_strings *l)
{
	json_strings(w, "points", l);
	jw_key(w, "points_origin");
	jw_array(w);
	for (size_t i = 0; i < l->count; i++)
		jw_string(w, content_origin_name(l->tool && l->tool[i] ? ORIGIN_TOOL : ORIGIN_GUIDE));
	jw_array_end(w);
}

static void json_note(struct json_writer *w, const struct content_note *n)
{
	jw_object(w);
	jw_key_string(w, "id", n->full_id);
	jw_key_string(w, "title", n->title);
	jw_key_string(w, "text", n->text);
	jw_key(w, "audience");
	jw_array(w);
	for (unsigned a = 0; a < AUD_COUNT; a++)
		if (n->audience & (1u << a))
			jw_string(w, content_audience_name((enum audience)(1u << a)));
	jw_array_end(w);
	json_points(w, &n->points);
	jw_key_string(w, "code", n->code);
	jw_key_string(w, "warning", n->warning);
	jw_key_string(w, "origin", content_origin_name(n->origin));
	jw_key_string(w, "when", content_when_name(n->when));
	jw_key_string(w, "role", n->when == NOTE_PER_HOST ? content_role_name(n->role) : NULL);
	jw_key_string(w, "since", n->since);
	jw_key_string(w, "category", n->category);
	jw_key_string(w, "change", n->change);
	jw_object_end(w);
}

static void json_branch(struct json_writer *w, const struct content_branch *b)
{
	jw_object(w);
	jw_key_string(w, "id", b->id);
	jw_key_string(w, "title", b->title);
	json_points(w, &b->points);
	jw_key_string(w, "origin", content_origin_name(b->origin));
	jw_object_end(w);
}

static void json_step(struct json_writer *w, const struct content_step *s, size_t number)
{
	jw_object(w);
	jw_key_string(w, "id", s->full_id);
	jw_key_count(w, "number", number);
	jw_key_string(w, "text", s->text);
	jw_key_string(w, "role", content_role_name(s->role));
	jw_key_string(w, "detail", s->detail);
	json_points(w, &s->points);
	json_strings(w, "flags", &s->flags);
	jw_key_string(w, "warning", s->warning);
	jw_key_bool(w, "per_host", s->per_host);
	jw_key_string(w, "origin", content_origin_name(s->origin));
	jw_key(w, "languages");
	jw_array(w);
	for (size_t k = 0; k < s->nlanguages; k++) {
		const struct jw_member m[] = { { "language", s->languages[k].language },
					       { "text", s->languages[k].text } };
		jw_object(w);
		jw_members(w, m, 2);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "branches");
	jw_array(w);
	for (size_t k = 0; k < s->nbranches; k++)
		json_branch(w, &s->branches[k]);
	jw_array_end(w);
	jw_object_end(w);
}

/*
 * The object of a hop, note or step whose members the build wrote
 * (plan_json, @at, @len: render_json_plan_hop()'s, braces left out): the
 * writer opens and closes it, so that the commas, breaks and drains are its
 * own, and the members go to the output as they are (read-only data: not
 * copied where the output takes them so, strbuf_add_ref()), since the
 * writer never reads back what it wrote. False, nothing written, when the
 * content has none (content loaded from files). Written a call at a time,
 * the plan from 0.11 to 1.11 is 11,571 writer calls, 1.5 million
 * instructions of the process's 3.5; from the build's text, 67,000.
 */
static bool json_compiled(struct json_writer *w, const char *plan_json, unsigned at,
			  unsigned len)
{
	if (!plan_json || !len)
		return false;
	jw_object(w);
	strbuf_add_ref(w->out, plan_json + at, len);
	jw_object_end(w);
	return true;
}

/*
 * How many hops from @h on, @most at most, @p takes whole and the build
 * wrote one after the other (JSON_PLAN_BETWEEN_HOPS between them): one piece
 * of plan_json, from the first one's members to the last one's. 0 when hop
 * @h is not one.
 */
static size_t compiled_run(const struct plan *p, size_t h, const char *plan_json, size_t most)
{
	size_t n = 0;

	if (!plan_json || !plan_hop_whole(p, h) || !p->hops[h].json_len)
		return 0;
	for (n = 1; n < most && h + n < p->nhops && plan_hop_whole(p, h + n) &&
		    p->hops[h + n].json_len;
	     n++) {
		const struct content_hop *a = &p->hops[h + n - 1], *b = &p->hops[h + n];
		size_t end = (size_t)a->json_at + a->json_len;
		if (b->json_at != end + JSON_PLAN_BETWEEN_HOPS_LEN ||
		    memcmp(plan_json + end, JSON_PLAN_BETWEEN_HOPS, JSON_PLAN_BETWEEN_HOPS_LEN) != 0)
			break;
	}
	return n;
}

void render_json_plan_item(struct strbuf *out, const struct content_note *n,
			   const struct content_step *s, size_t number)
{
	struct json_writer w;

	json_writer_init(&w, out);
	if (n)
		json_note(&w, n);
	else
		json_step(&w, s, number);
}

/*
 * Hop @h of plan @p, or with no plan (the build's text of a whole hop) all
 * of @hop; the notes and steps from @plan_json where it has them.
 */
static void json_plan_hop(struct json_writer *w, const struct content_hop *hop,
			  const struct plan *p, size_t h, const char *plan_json)
{
	bool whole = !p || !(p->partial_first && h == 0);

	jw_object(w);
	status_view_hop_json(w, hop);
	jw_key_string(w, "order_note", hop->order_note);
	jw_key_bool(w, "standard_steps", hop->standard_steps);
	jw_key_bool(w, "patch_notes_only", !whole);
	jw_key(w, "notes");
	jw_array_lines(w, "\n ");
	for (size_t i = 0; i < hop->nnotes; i++)
		if ((!p || plan_note_applies(p, h, &hop->notes[i])) &&
		    !json_compiled(w, plan_json, hop->notes[i].json_at, hop->notes[i].json_len))
			json_note(w, &hop->notes[i]);
	jw_array_end(w);
	jw_key(w, "steps");
	jw_array_lines(w, "\n ");
	for (size_t i = 0; whole && i < hop->nsteps; i++)
		if (!json_compiled(w, plan_json, hop->steps[i].json_at, hop->steps[i].json_len))
			json_step(w, &hop->steps[i], i + 1);
	jw_array_end(w);
	/* the order they are done in: 'after' and 'per-host' notes among the steps */
	jw_key(w, "order");
	jw_array(w);
	for (size_t i = 0; i < hop->nentries; i++) {
		const struct content_entry *e = &hop->entries[i];
		if (!p || plan_entry_applies(p, h, e))
			jw_string(w, e->note ? e->note->full_id : e->step->full_id);
	}
	jw_array_end(w);
	jw_object_end(w);
}

void render_json_plan_hop(struct strbuf *out, const struct content_hop *hop)
{
	struct json_writer w;

	json_writer_init(&w, out);
	json_plan_hop(&w, hop, NULL, 0, NULL);
}

void render_json_plan(struct strbuf *out, const struct plan *p)
{
	const struct content *c = p->content;
	struct json_writer w;
	char from[32], to[32];

	version_str(&p->from, from, sizeof(from));
	version_str(&p->to, to, sizeof(to));
	json_writer_init(&w, out);
	jw_object(&w);
	jw_key_string(&w, "product", c->product);
	jw_key_string(&w, "content_version", c->version);
	jw_key_string(&w, "from", from);
	jw_key_string(&w, "to", to);
	jw_key(&w, "hops");
	jw_array_lines(&w, "\n");
	for (size_t h = 0, n; h < p->nhops; h += n ? n : 1) {
		const struct content_hop *last;
		/* a run of whole hops as one object to the writer: what it writes
		 * between them is in the piece (the array's count is not kept); to
		 * an output that copies, hop by hop, so that a stream drains each */
		if (!(n = compiled_run(p, h, c->plan_json, out->ref ? p->nhops : 1))) {
			json_plan_hop(&w, &p->hops[h], p, h, c->plan_json);
			continue;
		}
		last = &p->hops[h + n - 1];
		json_compiled(&w, c->plan_json, p->hops[h].json_at,
			      last->json_at + last->json_len - p->hops[h].json_at);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_end(&w);
}
