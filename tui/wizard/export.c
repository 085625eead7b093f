/*
 * export.c - e on the checklist: a report of the session, its format and
 * its file asked in two dialogs, then written by core (report_export()).
 */
#include <stdio.h>
#include <stdlib.h>

#include "report_export.h"
#include "wizard.h"

/* @path with a leading "~" or "~/" as the home directory, as a shell would; false without HOME. */
static bool expand_home(const char *path, struct strbuf *out)
{
	const char *home = getenv("HOME");

	if (path[0] != '~' || (path[1] && path[1] != '/')) {
		strbuf_adds(out, path);
		return true;
	}
	if (!home || !*home)
		return false;
	strbuf_addf(out, "%s%s", home, path + 1);
	return true;
}

static struct result export_path(struct wizard *w, const struct dialog_args *a, const char *text,
				 size_t choice)
{
	struct strbuf msg = STRBUF_INIT, path = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	enum status st;

	(void)choice;
	if (!expand_home(text, &path)) {
		wizard_message(w, true, "Not written: %s names the home directory, and HOME is not "
			       "set; give the whole path.", text);
	} else {
		/* said while it is written: a session of 10,000 agents takes a few tenths */
		wizard_busy_message(w, "Writing the %s report to %s...",
				    render_format_name(a->format), strbuf_str(&path));
		st = report_export(w->journal, w->content, w->s->info.id, a->format,
				   strbuf_str(&path), &dl, &msg);
		wizard_wait_done(w);
		if (st == ST_OK)
			wizard_message(w, false, "%s", strbuf_str(&msg));
		else
			wizard_report(w, &dl, "Not written");
	}
	diag_list_release(&dl);
	strbuf_release(&msg);
	strbuf_release(&path);
	return RESULT(R_STAY);
}

static struct result export_format(struct wizard *w, const struct dialog_args *a,
				   const char *text, size_t choice)
{
	static const enum render_format formats[] = { FMT_MD, FMT_HTML, FMT_JSON, FMT_TEXT };
	struct dialog_args next = *a;
	char title[64], name[64];

	(void)text;
	next.format = formats[choice < 4 ? choice : 0];
	snprintf(title, sizeof(title), "Export a report: %s", render_format_name(next.format));
	snprintf(name, sizeof(name), "mesos-upgrade-session-%lld.%s", (long long)w->s->info.id,
		 next.format == FMT_TEXT ? "txt" : render_format_name(next.format));
	return result_push(dialog_text(title, "Write it to this file (replaced whole if it exists; "
				       "a relative name is in the directory mesos-upgrade was "
				       "started from, ~/ in your home):", name, "Enter writes it, Esc cancels",
				       false, export_path, &next));
}

struct result wizard_export(struct wizard *w, struct screen *owner)
{
	static const char *const formats[] = {
		"Markdown, for a change ticket (md)", "HTML, one page that prints well (html)",
		"JSON, for tools (json)", "plain text, for e-mail (text)",
	};
	struct dialog_args a = { .owner = owner };
	char prompt[256];

	snprintf(prompt, sizeof(prompt), "The record of session %lld as it stands: every item with "
		 "who did it and when, totals, durations and the timeline. Which format?",
		 (long long)w->s->info.id);
	return result_push(dialog_choice("Export a report", prompt, formats, 4, export_format, &a));
}
