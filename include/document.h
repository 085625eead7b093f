/*
 * document.h - the checklist as a document: text, Markdown or HTML of a
 * report (report.h), the blank plan when it has no session.
 */
#ifndef MU_DOCUMENT_H
#define MU_DOCUMENT_H

#include "render.h"
#include "report.h"
#include "strbuf.h"

/* @f is FMT_TEXT, FMT_MD or FMT_HTML; FMT_JSON writes nothing (render_json.h). */
void document_render(struct strbuf *out, const struct report *r, enum render_format f);

#endif
