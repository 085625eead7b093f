/*
 * diag.h - what the core says when it fails: the one way a message crosses
 * from core to a front end.
 *
 * A diag list is the failure's status (its exit code, status.h), its
 * refusal code and the field at fault when it is a refusal (refusal.h),
 * and its messages, each with its place when it has one. Loaders collect
 * every problem of an input file instead of stopping at the first, each as
 * "FILE:LINE:COL: message" (lines and columns count from 1); a failure with
 * no place (the journal is locked, the session has no such item) is one
 * message without one (diag_fail()). Each front end shows a list with one
 * function: the command line prints its lines and exits with its status
 * (cli_report()), the wizard puts it on its status bar (wizard_report()); a
 * refusal's code lets each word it in its own terms (the flags of the
 * command line, the fields of the wizard's form).
 *
 * A diag list owns its messages and file names.
 */
#ifndef MU_DIAG_H
#define MU_DIAG_H

#include <stdio.h>
#include <stddef.h>

#include "refusal.h"
#include "status.h"

struct strbuf;

struct diag {
	char *file;     /* owned; "" when the problem has no place */
	unsigned line;  /* 1-based; 0 when the problem has no place in the file */
	unsigned col;   /* 1-based */
	char *message;  /* owned */
	size_t seq;     /* insertion order, keeps diag_sort stable */
};

struct diag_list {
	struct diag *items;
	size_t count;
	size_t cap;
	size_t max;     /* stop recording after this many (0: 1000) */
	size_t dropped; /* problems past max, counted only */
	int nomem;      /* an allocation failed: the list is incomplete */
	/* the failure: ST_OK until one is said (diag_fail(), diag_refuse()); the first stays */
	enum status status;
	enum refusal_code code;   /* a refusal's code, REFUSAL_NONE when it is none */
	enum refusal_field field; /* the refusal's field at fault */
};

/* An empty list, as diag_list_init() makes one (every field zero: ST_OK, REFUSAL_NONE). */
#define DIAG_LIST_INIT { 0 }
void diag_list_init(struct diag_list *dl);
void diag_list_release(struct diag_list *dl);
/* Back to empty, as diag_list_init() leaves it (max kept). */
void diag_list_reset(struct diag_list *dl);
void diag_add(struct diag_list *dl, const char *file, unsigned line, unsigned col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * A failure with no place: its message, and its status @st (when none is
 * said yet). Returns the list's status, for "return diag_fail(...)".
 */
enum status diag_fail(struct diag_list *dl, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * A refusal: diag_fail() with its @code and @field (when none is said yet);
 * @fmt is the core's own words, for a front end that does not word @code.
 */
enum status diag_refuse(struct diag_list *dl, enum status st, enum refusal_code code,
			enum refusal_field field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The problems in @dl are a refusal: its status @st, @code and @field (when none is said yet). */
enum status diag_refused(struct diag_list *dl, enum status st, enum refusal_code code,
			 enum refusal_field field);
/*
 * A failure with no place whose words a helper of the core wrote into @why
 * (a strbuf stays inside the core): diag_fail() of them, "out of memory"
 * when @why could not hold them or is empty of an ST_NOMEM.
 */
enum status diag_fail_why(struct diag_list *dl, enum status st, const struct strbuf *why);
/* The messages of @from added to @dl, and its failure when @dl has none yet. */
void diag_append(struct diag_list *dl, const struct diag_list *from);
/*
 * The text of @dl's first message as it was said (no place, not made safe
 * for a terminal), for a front end that words it inside its own sentence;
 * "out of memory" when the list holds none.
 */
const char *diag_first(const struct diag_list *dl);
/* The status said, or @st when none was (a failure that said nothing of its own). */
enum status diag_status(const struct diag_list *dl, enum status st);
/* -1, 0 or 1 as the place @line:@col of a file is before, at or after @line2:@col2. */
int diag_place_cmp(unsigned line, unsigned col, unsigned line2, unsigned col2);
/* Sort by file, line, column (stable), so output follows the files. */
void diag_sort(struct diag_list *dl);
/*
 * Message @d as one line, no newline, appended to @out: "FILE:LINE:COL: "
 * (or "FILE: ") when it has a place, then its text, the file name and the
 * text made safe for a terminal (text_add_terminal).
 */
void diag_render_one(const struct diag *d, struct strbuf *out);
/*
 * Every message of @dl as a line ending in a newline, appended to @out:
 * "@cmd: " (@cmd may be NULL) before one without a place, then
 * diag_render_one(); last what the list could not hold ("N more problems
 * not shown", "out of memory: some problems not shown"). What the command
 * line prints, a line each.
 */
void diag_render(const struct diag_list *dl, const char *cmd, struct strbuf *out);
/* Print every line of diag_render() (no @cmd), each prefixed with @prefix (may be ""). */
void diag_print(const struct diag_list *dl, FILE *out, const char *prefix);

#endif
