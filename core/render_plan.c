/*
 * render_plan.c - formats, and the blank checklist of a plan: JSON here, the
 * other formats through the session record's renderers (render_checklist.c).
 */
#include <string.h>

#include "render.h"
#include "report.h"
#include "textutil.h"

static const char *const format_names[] = { "text", "md", "json", "html" };

bool render_format_parse(const char *s, enum render_format *f)
{
	for (unsigned i = 0; i < sizeof(format_names) / sizeof(*format_names); i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum render_format)i;
			return true;
		}
	}
	if (strcmp(s, "markdown") == 0) {
		*f = FMT_MD;
		return true;
	}
	return false;
}

const char *render_format_name(enum render_format f)
{
	return format_names[f];
}

static void plan_range(const struct plan *p, char *from, char *to, size_t size)
{
	version_str(&p->from, from, size);
	version_str(&p->to, to, size);
}

/* ---- JSON -------------------------------------------------------------- */

static void json_opt(struct strbuf *out, const char *key, const char *s)
{
	strbuf_addf(out, ",\"%s\":", key);
	if (s)
		text_add_json(out, s);
	else
		strbuf_adds(out, "null");
}

static void json_strings(struct strbuf *out, const char *key, const struct content_strings *l)
{
	strbuf_addf(out, ",\"%s\":[", key);
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			strbuf_addc(out, ',');
		text_add_json(out, l->items[i]);
	}
	strbuf_addc(out, ']');
}

static void render_json(struct strbuf *out, const struct plan *p)
{
	const struct content *c = p->content;
	char from[32], to[32];

	plan_range(p, from, to, sizeof(from));
	strbuf_adds(out, "{\"product\":");
	text_add_json(out, c->product);
	strbuf_adds(out, ",\"content_version\":");
	text_add_json(out, c->version);
	strbuf_addf(out, ",\"from\":\"%s\",\"to\":\"%s\",\"hops\":[", from, to);
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		strbuf_addf(out, "%s\n{\"id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"title\":",
			    h ? "," : "", hop->id, hop->from, hop->to);
		text_add_json(out, hop->title);
		strbuf_addf(out, ",\"ordered\":%s", hop->ordered ? "true" : "false");
		json_opt(out, "order_note", hop->order_note);
		strbuf_adds(out, ",\"notes\":[");
		for (size_t i = 0; i < hop->nnotes; i++) {
			const struct content_note *n = &hop->notes[i];
			strbuf_addf(out, "%s\n {\"id\":\"%s\",\"title\":", i ? "," : "", n->full_id);
			text_add_json(out, n->title);
			json_opt(out, "text", n->text);
			strbuf_adds(out, ",\"audience\":[");
			for (unsigned a = 0, k = 0; a < AUD_COUNT; a++)
				if (n->audience & (1u << a))
					strbuf_addf(out, "%s\"%s\"", k++ ? "," : "",
						    audience_name((enum audience)(1u << a)));
			strbuf_addc(out, ']');
			json_strings(out, "points", &n->points);
			json_opt(out, "code", n->code);
			strbuf_addc(out, '}');
		}
		strbuf_adds(out, "],\"steps\":[");
		for (size_t i = 0; i < hop->nsteps; i++) {
			const struct content_step *s = &hop->steps[i];
			strbuf_addf(out, "%s\n {\"id\":\"%s\",\"number\":%zu", i ? "," : "", s->full_id,
				    i + 1);
			json_opt(out, "text", s->text);
			strbuf_addf(out, ",\"role\":\"%s\"", role_name(s->role));
			json_opt(out, "detail", s->detail);
			json_strings(out, "points", &s->points);
			json_strings(out, "flags", &s->flags);
			json_opt(out, "warning", s->warning);
			strbuf_addf(out, ",\"per_host\":%s", s->per_host ? "true" : "false");
			strbuf_adds(out, ",\"languages\":[");
			for (size_t k = 0; k < s->nlanguages; k++) {
				strbuf_adds(out, k ? ",{\"language\":" : "{\"language\":");
				text_add_json(out, s->languages[k].language);
				json_opt(out, "text", s->languages[k].text);
				strbuf_addc(out, '}');
			}
			strbuf_adds(out, "],\"branches\":[");
			for (size_t k = 0; k < s->nbranches; k++) {
				strbuf_addf(out, "%s{\"id\":\"%s\"", k ? "," : "", s->branches[k].id);
				json_opt(out, "title", s->branches[k].title);
				json_strings(out, "points", &s->branches[k].points);
				strbuf_addc(out, '}');
			}
			strbuf_adds(out, "]}");
		}
		strbuf_adds(out, "]}");
	}
	strbuf_adds(out, "]}\n");
}

void render_plan(struct strbuf *out, const struct plan *p, enum render_format f)
{
	struct report r;

	if (f == FMT_JSON) {
		render_json(out, p);
		return;
	}
	/* the blank checklist: the session record's renderers, without a session */
	report_init_plan(&r, p);
	render_checklist(out, &r, f);
	report_release(&r);
}
