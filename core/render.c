/*
 * render.c - formats, and which writer writes what (render.h): JSON through
 * render_json.c, the other formats through the document (document.c).
 */
#include <string.h>

#include "document.h"
#include "render.h"
#include "render_json.h"

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

void render_plan(struct strbuf *out, const struct plan *p, enum render_format f)
{
	struct report r;

	if (f == FMT_JSON) {
		render_json_plan(out, p);
		return;
	}
	/* the blank checklist: the session record's document, without a session */
	report_init_plan(&r, p);
	document_render(out, &r, f);
	report_release(&r);
}

void report_render(struct strbuf *out, const struct report *r, enum render_format f)
{
	if (f != FMT_JSON)
		document_render(out, r, f);
	else if (r->s)
		render_json_report(out, r);
	else
		render_json_plan(out, r->plan);
}
