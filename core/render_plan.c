/*
 * render_plan.c - the blank checklist of a plan in each format.
 */
#include <string.h>

#include "render.h"
#include "textutil.h"

#define WIDTH 78

static const char *const format_names[] = { "text", "md", "json" };

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

/* ---- text -------------------------------------------------------------- */

static void text_list(struct strbuf *out, const struct content_strings *l, size_t indent)
{
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addn(out, ' ', indent);
		strbuf_adds(out, "- ");
		text_add_wrapped(out, l->items[i], indent + 2, indent + 2, WIDTH);
		strbuf_addc(out, '\n');
	}
}

static void text_labelled(struct strbuf *out, const char *label, const char *s, size_t indent)
{
	strbuf_addn(out, ' ', indent);
	strbuf_adds(out, label);
	text_add_wrapped(out, s, indent + strlen(label), indent + 2, WIDTH);
	strbuf_addc(out, '\n');
}

static void text_code(struct strbuf *out, const char *code, size_t indent)
{
	struct strbuf plain = STRBUF_INIT;
	const char *p;

	text_add_plain(&plain, code, 1);
	p = strbuf_str(&plain);
	while (*p) {
		size_t n = strcspn(p, "\n");
		strbuf_addn(out, ' ', indent);
		strbuf_add(out, p, n);
		strbuf_addc(out, '\n');
		p += n + (p[n] == '\n');
	}
	strbuf_release(&plain);
}

static void text_note(struct strbuf *out, const struct content_note *n)
{
	char aud[128];

	audience_names(n->audience, aud, sizeof(aud));
	strbuf_adds(out, "  [ ] ");
	text_add_wrapped(out, n->title, 6, 6, WIDTH);
	strbuf_addf(out, "\n      %s (for: %s)\n", n->full_id, aud);
	strbuf_addn(out, ' ', 6);
	text_add_wrapped(out, n->text, 6, 6, WIDTH);
	strbuf_addc(out, '\n');
	text_list(out, &n->points, 6);
	if (n->code)
		text_code(out, n->code, 10);
	strbuf_addc(out, '\n');
}

static void text_step(struct strbuf *out, const struct content_step *s, size_t number)
{
	int w;

	strbuf_addf(out, "  [ ] %zu. %n", number, &w);
	(void)w;
	{
		char prefix[32];
		int plen = snprintf(prefix, sizeof(prefix), "%zu. ", number);
		text_add_wrapped(out, s->text, 6 + (size_t)plen, 6 + (size_t)plen, WIDTH);
		strbuf_addf(out, "\n%*s%s (%s)\n", 6 + plen, "", s->full_id, role_name(s->role));
		size_t ind = 6 + (size_t)plen;
		if (s->detail) {
			strbuf_addn(out, ' ', ind);
			text_add_wrapped(out, s->detail, ind, ind, WIDTH);
			strbuf_addc(out, '\n');
		}
		text_list(out, &s->points, ind);
		if (s->flags.count) {
			strbuf_addn(out, ' ', ind);
			strbuf_adds(out, "Flags:");
			for (size_t i = 0; i < s->flags.count; i++) {
				strbuf_addc(out, ' ');
				text_add_plain(out, s->flags.items[i], 0);
			}
			strbuf_addc(out, '\n');
		}
		for (size_t i = 0; i < s->nlanguages; i++) {
			struct strbuf label = STRBUF_INIT;
			text_add_plain(&label, s->languages[i].language, 0);
			strbuf_adds(&label, ": ");
			text_labelled(out, strbuf_str(&label), s->languages[i].text, ind);
			strbuf_release(&label);
		}
		if (s->nbranches) {
			strbuf_addn(out, ' ', ind);
			strbuf_adds(out, "Choose one:\n");
			for (size_t i = 0; i < s->nbranches; i++) {
				const struct content_branch *b = &s->branches[i];
				strbuf_addn(out, ' ', ind + 2);
				strbuf_addf(out, "( ) %s: ", b->id);
				text_add_wrapped(out, b->title, ind + 8 + strlen(b->id), ind + 6, WIDTH);
				strbuf_addc(out, '\n');
				text_list(out, &b->points, ind + 6);
			}
		}
		if (s->warning)
			text_labelled(out, "WARNING: ", s->warning, ind);
	}
	strbuf_addc(out, '\n');
}

static void render_text(struct strbuf *out, const struct plan *p)
{
	const struct content *c = p->content;
	char from[32], to[32];

	plan_range(p, from, to, sizeof(from));
	strbuf_addf(out, "%s upgrade plan: %s -> %s\n", c->product, from, to);
	strbuf_addf(out, "%zu hop%s, %zu note%s to read, %zu step%s. Content %s, from %s.\n",
		    p->nhops, p->nhops == 1 ? "" : "s", p->nnotes, p->nnotes == 1 ? "" : "s",
		    p->nsteps, p->nsteps == 1 ? "" : "s", c->version, c->source);
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		strbuf_addf(out, "\n== Hop %zu of %zu: %s -> %s: ", h + 1, p->nhops, hop->from,
			    hop->to);
		text_add_plain(out, hop->title, 0);
		strbuf_adds(out, " ==\n\n");
		if (hop->nnotes) {
			strbuf_adds(out, "Read first: incompatible changes (acknowledge each)\n\n");
			for (size_t i = 0; i < hop->nnotes; i++)
				text_note(out, &hop->notes[i]);
		}
		if (hop->ordered) {
			strbuf_adds(out, "Steps, in this order:\n\n");
		} else {
			strbuf_adds(out, "Steps, in any order: ");
			text_add_wrapped(out, hop->order_note, 21, 2, WIDTH);
			strbuf_adds(out, "\n\n");
		}
		for (size_t i = 0; i < hop->nsteps; i++)
			text_step(out, &hop->steps[i], i + 1);
	}
}

/* ---- Markdown ---------------------------------------------------------- */

static void md_list(struct strbuf *out, const struct content_strings *l, const char *indent)
{
	for (size_t i = 0; i < l->count; i++) {
		strbuf_addf(out, "%s- ", indent);
		text_add_md(out, l->items[i]);
		strbuf_addc(out, '\n');
	}
}

static void md_code(struct strbuf *out, const char *code, const char *indent)
{
	struct strbuf plain = STRBUF_INIT;
	size_t run = 0, longest = 0;
	const char *p;

	text_add_plain(&plain, code, 1);
	for (p = strbuf_str(&plain); *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	strbuf_addf(out, "\n%s", indent);
	strbuf_addn(out, '`', longest >= 3 ? longest + 1 : 3);
	strbuf_addc(out, '\n');
	p = strbuf_str(&plain);
	while (*p) {
		size_t n = strcspn(p, "\n");
		strbuf_adds(out, indent);
		strbuf_add(out, p, n);
		strbuf_addc(out, '\n');
		p += n + (p[n] == '\n');
	}
	strbuf_adds(out, indent);
	strbuf_addn(out, '`', longest >= 3 ? longest + 1 : 3);
	strbuf_addc(out, '\n');
	strbuf_release(&plain);
}

/* @s as an inline code span: sanitized, fenced by more backticks than it holds. */
static void md_code_span(struct strbuf *out, const char *s)
{
	struct strbuf plain = STRBUF_INIT;
	size_t run = 0, longest = 0, len;
	const char *p;
	int pad;

	text_add_plain(&plain, s, 0);
	for (p = strbuf_str(&plain); *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	p = strbuf_str(&plain);
	len = strlen(p);
	pad = len && (p[0] == '`' || p[len - 1] == '`');
	strbuf_addn(out, '`', longest + 1);
	if (pad)
		strbuf_addc(out, ' ');
	strbuf_add(out, p, len);
	if (pad)
		strbuf_addc(out, ' ');
	strbuf_addn(out, '`', longest + 1);
	strbuf_release(&plain);
}

/* Continuation paragraphs of a list item: indented so they stay in it. */
static void md_para(struct strbuf *out, const char *s, const char *indent)
{
	struct strbuf md = STRBUF_INIT;
	const char *p;

	text_add_md(&md, s);
	strbuf_addf(out, "\n%s", indent);
	for (p = strbuf_str(&md); *p; p++) {
		strbuf_addc(out, *p);
		if (*p == '\n' && p[1])
			strbuf_adds(out, indent);
	}
	strbuf_addc(out, '\n');
	strbuf_release(&md);
}

static void render_md(struct strbuf *out, const struct plan *p)
{
	const struct content *c = p->content;
	char from[32], to[32], aud[128];

	plan_range(p, from, to, sizeof(from));
	strbuf_adds(out, "# ");
	text_add_md(out, c->product);
	strbuf_addf(out, " upgrade plan: %s → %s\n\n", from, to);
	{
		/* one line, escaped as a whole: the version is not at a line start */
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%zu hop%s, %zu note%s to read, %zu step%s. Content %s, from %s.",
			    p->nhops, p->nhops == 1 ? "" : "s", p->nnotes,
			    p->nnotes == 1 ? "" : "s", p->nsteps, p->nsteps == 1 ? "" : "s",
			    c->version, c->source);
		text_add_md(out, strbuf_str(&line));
		strbuf_addc(out, '\n');
		out->failed |= line.failed;
		strbuf_release(&line);
	}
	for (size_t h = 0; h < p->nhops; h++) {
		const struct content_hop *hop = &p->hops[h];
		strbuf_addf(out, "\n## Hop %zu of %zu: %s → %s\n\n", h + 1, p->nhops, hop->from,
			    hop->to);
		text_add_md(out, hop->title);
		strbuf_adds(out, "\n");
		if (hop->nnotes) {
			strbuf_adds(out, "\n### Read first: incompatible changes\n\n");
			for (size_t i = 0; i < hop->nnotes; i++) {
				const struct content_note *n = &hop->notes[i];
				audience_names(n->audience, aud, sizeof(aud));
				strbuf_adds(out, "- [ ] **");
				text_add_md(out, n->title);
				strbuf_addf(out, "** (for: %s) `%s`\n", aud, n->full_id);
				md_para(out, n->text, "  ");
				if (n->points.count) {
					strbuf_addc(out, '\n');
					md_list(out, &n->points, "  ");
				}
				if (n->code)
					md_code(out, n->code, "  ");
				strbuf_addc(out, '\n');
			}
		}
		if (hop->ordered) {
			strbuf_adds(out, "\n### Steps, in this order\n\n");
		} else {
			strbuf_adds(out, "\n### Steps, in any order\n\n");
			text_add_md(out, hop->order_note);
			strbuf_adds(out, "\n\n");
		}
		for (size_t i = 0; i < hop->nsteps; i++) {
			const struct content_step *s = &hop->steps[i];
			strbuf_addf(out, "- [ ] **%zu.** ", i + 1);
			text_add_md(out, s->text);
			strbuf_addf(out, " *(%s)* `%s`\n", role_name(s->role), s->full_id);
			if (s->detail)
				md_para(out, s->detail, "  ");
			if (s->points.count || s->flags.count || s->nlanguages || s->nbranches)
				strbuf_addc(out, '\n');
			md_list(out, &s->points, "  ");
			if (s->flags.count) {
				strbuf_adds(out, "  - Flags:");
				for (size_t k = 0; k < s->flags.count; k++) {
					strbuf_addc(out, ' ');
					md_code_span(out, s->flags.items[k]);
				}
				strbuf_addc(out, '\n');
			}
			for (size_t k = 0; k < s->nlanguages; k++) {
				strbuf_adds(out, "  - **");
				text_add_md(out, s->languages[k].language);
				strbuf_adds(out, ":** ");
				text_add_md(out, s->languages[k].text);
				strbuf_addc(out, '\n');
			}
			if (s->nbranches) {
				strbuf_adds(out, "  - Choose one:\n");
				for (size_t k = 0; k < s->nbranches; k++) {
					const struct content_branch *b = &s->branches[k];
					strbuf_addf(out, "    - [ ] `%s` **", b->id);
					text_add_md(out, b->title);
					strbuf_adds(out, "**\n");
					md_list(out, &b->points, "      ");
				}
			}
			if (s->warning) {
				strbuf_adds(out, "\n  > **Warning:** ");
				text_add_md(out, s->warning);
				strbuf_addc(out, '\n');
			}
			strbuf_addc(out, '\n');
		}
	}
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
	switch (f) {
	case FMT_TEXT: render_text(out, p); break;
	case FMT_MD: render_md(out, p); break;
	case FMT_JSON: render_json(out, p); break;
	}
}
