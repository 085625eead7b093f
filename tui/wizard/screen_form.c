/*
 * screen_form.c - the form that starts a session: from, to, title, an
 * optional inventory file and when the window ends, checked as they are typed.
 *
 * Enter goes from field to field and starts the session on the last one;
 * a field that is wrong takes the cursor back. The journal is made only
 * when the session starts: leaving the form leaves nothing behind.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "inventory.h"
#include "plan.h"
#include "term.h"
#include "textutil.h"
#include "version.h"
#include "wizard.h"

enum field { F_FROM, F_TO, F_TITLE, F_INVENTORY, F_WINDOW, F_COUNT };
#define F_LAST (F_COUNT - 1)
static const char *const field_names[F_COUNT] = { "From version", "To version", "Title",
						   "Inventory", "Window ends" };
static const size_t field_max[F_COUNT] = { 16, 16, 200, 1024, 5 };

struct form_screen {
	struct screen base;
	struct strbuf field[F_COUNT];
	enum field at;
	struct strbuf check;        /* what the form would start, or why not */
	enum field bad;             /* the field that is wrong when !ok */
	bool ok, typed;             /* typed: anything yet (no warning before) */
};

#define FS(sc) ((struct form_screen *)(sc))
#define CFS(sc) ((const struct form_screen *)(sc))

static bool version_char(int key)
{
	return (key >= '0' && key <= '9') || key == '.' || key == 'x' || key == 'X';
}

/* What a field that takes only some characters takes: a version's, or a time's. */
static bool field_char(enum field at, int key)
{
	if (at <= F_TO)
		return version_char(key);
	return at != F_WINDOW || (key >= '0' && key <= '9') || key == ':';
}

/* Why the window's end is not a time of day, into @out; false when it is (or is empty). */
static bool window_bad(const struct form_screen *f, struct strbuf *out)
{
	const char *t = strbuf_str(&f->field[F_WINDOW]);

	if (!*t || session_window_check(t))
		return false;
	strbuf_addf(out, "Window ends '%s' is not a time of day: HH:MM, 00:00 to 23:59, local "
		    "time (or leave it empty).", t);
	return true;
}

/* Why the title cannot be recorded, into @out; false when it can (the rule of --title). */
static bool title_bad(const struct form_screen *f, struct strbuf *out)
{
	const char *t = strbuf_str(&f->field[F_TITLE]);
	size_t at, n = text_find_unprintable(t, strlen(t), &at);

	if (!n)
		return false;
	strbuf_adds(out, "Title has ");
	text_add_unprintable_why(out, t + at, n);
	strbuf_adds(out, ": use printable characters only.");
	return true;
}

/* Whether version @v starts a hop of the content (so a plan can start there). */
static bool starts_hop(const struct content *c, const struct version *v)
{
	for (size_t i = 0; i < c->nhops; i++)
		if (!version_series_cmp(&c->hops[i].vfrom, v))
			return true;
	return false;
}

/*
 * The plan of the versions typed into f->check, or the planner's refusal;
 * the field at fault from the versions themselves, not from the wording.
 */
static void check_plan(struct form_screen *f, const struct wizard *w)
{
	const char *from = strbuf_str(&f->field[F_FROM]), *to = strbuf_str(&f->field[F_TO]);
	struct diag_list dl;
	struct version vf;
	struct plan p;

	diag_list_init(&dl);
	if (plan_build_refusal(w->content, from, to, &p, &dl) != ST_OK) {
		/* the field the planner names, else the one the versions point at */
		if (dl.field == REFUSAL_FIELD_FROM || dl.field == REFUSAL_FIELD_TO)
			f->bad = dl.field == REFUSAL_FIELD_TO ? F_TO : F_FROM;
		else
			f->bad = version_parse(from, &vf) && starts_hop(w->content, &vf) ? F_TO
											  : F_FROM;
		wizard_word_plan(&f->check, w->content, dl.code, dl.field, from, to);
		diag_list_release(&dl);
		return;
	}
	diag_list_release(&dl);
	f->ok = true;
	strbuf_addf(&f->check, "%zu hop%s: %s", p.nhops, p.nhops == 1 ? "" : "s", p.hops[0].from);
	for (size_t i = 0; i < p.nhops; i++)
		strbuf_addf(&f->check, " -> %s", p.hops[i].to);
	strbuf_addf(&f->check, "; %zu notes to read, %zu steps.", p.nnotes, p.nsteps);
}

/* Check the fields as they stand (after every key, never while drawing). */
static void check(struct form_screen *f, const struct wizard *w)
{
	char range[64];
	struct version v;

	strbuf_reset(&f->check);
	f->ok = false;
	plan_supported_range(w->content, range, sizeof(range));
	/* each field as soon as it is typed, not only once both are */
	for (int k = F_FROM; k <= F_TO; k++) {
		const char *t = strbuf_str(&f->field[k]);
		if (*t && !version_parse(t, &v)) {
			strbuf_addf(&f->check, "%s '%s' is not a version: write 0.26, 0.26.1 or 0.26.x "
				    "(the guide covers %s).", field_names[k], t, range);
			f->bad = (enum field)k;
			return;
		}
	}
	if (title_bad(f, &f->check)) {
		f->bad = F_TITLE;
		return;
	}
	if (window_bad(f, &f->check)) {
		f->bad = F_WINDOW;
		return;
	}
	if (!f->field[F_FROM].len || !f->field[F_TO].len) {
		strbuf_addf(&f->check, "Versions look like 0.26, 0.26.1 or 0.26.x; the guide covers %s.",
			    range);
		f->bad = f->field[F_FROM].len ? F_TO : F_FROM;
		return;
	}
	check_plan(f, w);
}

/* The fields start empty (calloc'd: STRBUF_INIT); the hint says what to type. */
static void form_enter(struct screen *sc, struct wizard *w)
{
	check(FS(sc), w);
}

static void form_release(struct screen *sc)
{
	for (int k = 0; k < F_COUNT; k++)
		strbuf_release(&FS(sc)->field[k]);
	strbuf_release(&FS(sc)->check);
}

static void form_draw(const struct screen *sc, const struct wizard *w)
{
	const struct form_screen *f = CFS(sc);
	struct strbuf wrapped = STRBUF_INIT;
	unsigned hint = f->ok ? term_attr_of(TA_DONE)
			: f->typed ? term_attr_of(TA_WARNING) : A_NORMAL;
	int y = 2;

	wizard_title_bar(w, " mesos-upgrade | start a new session");
	for (int k = 0; k < F_COUNT; k++) {
		char label[32];
		int lw;
		snprintf(label, sizeof(label), "%-13s ", field_names[k]);
		lw = draw_text(y, 2, COLS - 4, k == (int)f->at ? A_BOLD : A_NORMAL, label, false);
		field_draw(y, 2 + lw, COLS - 4 - lw, "", strbuf_str(&f->field[k]), k == (int)f->at);
		y += 2;
	}
	text_add_wrapped(&wrapped, strbuf_str(&f->check), 0, 0, (size_t)(COLS - 4));
	for (const char *p = strbuf_str(&wrapped); y < LINES - 2;) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		if (line)
			draw_text_fit(y++, 2, COLS - 4, hint, line, false);
		free(line);
		if (!p[n])
			break;
		p += n + 1;
	}
	wizard_status_bar(w, "", " Tab next field  Enter next, on the last: start  Esc back  F1 help ");
	strbuf_release(&wrapped);
}

/* The inventory file, when one is given; false (and the cursor on it) when it is unusable. */
static bool load_inventory(struct form_screen *f, struct wizard *w, struct inventory **inv)
{
	struct diag_list dl;
	bool ok;

	*inv = NULL;
	if (!f->field[F_INVENTORY].len)
		return true;
	diag_list_init(&dl);
	ok = inventory_load(strbuf_str(&f->field[F_INVENTORY]), inv, &dl) == ST_OK;
	if (!ok) {
		wizard_report(w, &dl, "Inventory");
		f->at = F_INVENTORY;
	}
	diag_list_release(&dl);
	return ok;
}

/* session_start()'s failure, said in @dl: a refusal in the form's words. */
static void start_failed(struct form_screen *f, struct wizard *w, const struct diag_list *dl)
{
	struct session_refusal r = SESSION_REFUSAL_INIT;
	struct strbuf why = STRBUF_INIT;

	r.code = dl->code;
	r.field = dl->field;
	if (dl->code >= REFUSAL_VERSION_MISSING && dl->code <= REFUSAL_NO_HOPS)
		wizard_word_plan(&why, w->content, dl->code, dl->field,
				 strbuf_str(&f->field[F_FROM]), strbuf_str(&f->field[F_TO]));
	else if (dl->code != REFUSAL_NONE)
		wizard_word_mark(&why, &r);
	if (why.len)
		wizard_message(w, true, "%s", strbuf_str(&why));
	else
		wizard_report(w, dl, NULL);
	strbuf_release(&why);
}

static struct result start(struct form_screen *f, struct wizard *w)
{
	struct inventory *inv = NULL;
	struct diag_list dl;
	int64_t id = 0;
	bool ok;

	if (!load_inventory(f, w, &inv))
		return RESULT(R_STAY);
	diag_list_init(&dl);
	ok = wizard_journal(w) &&
	     session_start_cluster(w->journal, w->content, strbuf_str(&f->field[F_FROM]),
				   strbuf_str(&f->field[F_TO]), strbuf_str(&f->field[F_TITLE]), inv,
				   NULL, strbuf_str(&f->field[F_WINDOW]), &w->who, &id, &dl) == ST_OK;
	inventory_free(&inv);
	if (!ok && dl.status != ST_OK)
		start_failed(f, w, &dl);
	diag_list_release(&dl);
	if (!ok || !wizard_load(w, id))
		return RESULT(R_STAY);
	return RESULT(R_SESSION);
}

/* Enter: the next field, or the session from the last one; a wrong field takes the cursor. */
static struct result confirm(struct form_screen *f, struct wizard *w)
{
	bool wrong = !f->ok && f->bad <= f->at;

	if (wrong || (f->at == F_LAST && !f->ok)) {
		f->at = f->bad;
		f->typed = true;
		wizard_message(w, true, "%s", strbuf_str(&f->check));
		return RESULT(R_STAY);
	}
	if (f->at < F_LAST) {
		f->at++;
		return RESULT(R_STAY);
	}
	return start(f, w);
}

static bool form_typed(const struct screen *sc, int key)
{
	const struct form_screen *f = CFS(sc);

	if (!field_typable(key))
		return false;
	/* a version holds digits, dots and x, a time digits and ':': there ? and q
	 * are keys, not text */
	if (!field_char(f->at, key) && keys_action(&keymap_form, key) != ACT_NONE)
		return false;
	return true;
}

static struct result type(struct form_screen *f, struct wizard *w, int key)
{
	struct strbuf *t = &f->field[f->at];

	if (!field_char(f->at, key)) {
		wizard_message(w, true, f->at == F_WINDOW
			       ? "The window's end is a time of day, HH:MM: digits and ':'."
			       : "A version holds digits, dots and x: 0.26, 0.26.1 or 0.26.x.");
		return RESULT(R_STAY);
	}
	field_edit(t, ACT_NONE, key, field_max[f->at]);
	return RESULT(R_STAY);
}

static struct result form_key(struct screen *sc, struct wizard *w, enum action a, int key)
{
	struct form_screen *f = FS(sc);
	struct strbuf *t = &f->field[f->at];
	struct result r = RESULT(R_STAY);

	switch (a) {
	case ACT_NONE: r = type(f, w, key); break;
	case ACT_NEXT_FIELD: f->at = (f->at + 1) % F_COUNT; break;
	case ACT_PREV_FIELD: f->at = (f->at + F_COUNT - 1) % F_COUNT; break;
	case ACT_CONFIRM: return confirm(f, w);
	case ACT_ERASE: case ACT_CLEAR: field_edit(t, a, key, 0); break;
	default: return RESULT(R_UNKNOWN);
	}
	f->typed |= a == ACT_NONE || a == ACT_ERASE || a == ACT_CLEAR;
	check(f, w);
	return r;
}

static const struct screen_ops form_ops = {
	.keys = &keymap_form, .typed = form_typed, .enter = form_enter, .draw = form_draw,
	.key = form_key, .release = form_release,
};

struct screen *form_screen_new(void)
{
	return screen_new(sizeof(struct form_screen), &form_ops);
}
