/*
 * journal_table.c - rows read into structs by a table of their columns
 * (journal_read_table(), see journal_private.h): one reader where each
 * kind of row had its own function of the same shape.
 */
#include <stddef.h>
#include <string.h>

#include "journal_private.h"

/* Column @col of @st as the role it names, NULL when it is neither. */
static const char *role_of(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	if (t && !strcmp(t, "agent"))
		return "agent";
	if (t && !strcmp(t, "master"))
		return "master";
	return NULL;
}

/* Column @col of @st, read as @kind, into the field at @p; false when memory runs out. */
static bool read_col(sqlite3_stmt *st, int col, enum journal_col_kind kind, struct arena *a,
		     char *p)
{
	const char *s = NULL;

	switch (kind) {
	case JC_ROLE:
		if ((s = role_of(st, col)))
			break;
		if (!(s = journal_col_text(st, col, a)))
			return false;
		break;
	case JC_TEXT_NULL:
		if (sqlite3_column_type(st, col) == SQLITE_NULL)
			break;
		/* fall through */
	case JC_TEXT:
		if (!(s = journal_col_text(st, col, a)))
			return false;
		break;
	case JC_INT64: {
		int64_t v = sqlite3_column_int64(st, col);
		memcpy(p, &v, sizeof(v));
		return true;
	}
	case JC_SIZE: {
		size_t v = (size_t)sqlite3_column_int64(st, col);
		memcpy(p, &v, sizeof(v));
		return true;
	}
	case JC_BOOL: {
		bool v = sqlite3_column_int(st, col) != 0;
		memcpy(p, &v, sizeof(v));
		return true;
	}
	}
	memcpy(p, &s, sizeof(s));
	return true;
}

bool journal_table_row(sqlite3_stmt *st, void *ctx)
{
	struct journal_rows *r = ctx;
	const struct journal_table *t = r->table;
	char *row = journal_rows_next(r, t->size);

	if (!row)
		return false;
	for (size_t i = 0; i < t->ncols; i++)
		if (!read_col(st, (int)i, t->cols[i].kind, r->a, row + t->cols[i].offset))
			return false;
	if (t->keyed)
		memcpy(row + t->key_offset, &r->key, sizeof(r->key));
	return true;
}

enum status journal_read_table(struct journal *j, enum query q, int64_t key, const char *doing,
			       const struct journal_table *t, struct arena *a, void *out,
			       size_t *n)
{
	struct journal_rows r = { .a = a, .table = t, .key = key };
	enum status rs = journal_each_row(j, q, key, doing, journal_table_row, &r);
	void *v = rs == ST_OK ? r.v : NULL;

	memcpy(out, &v, sizeof(v));
	*n = rs == ST_OK ? r.n : 0;
	return rs;
}

/* ---- the tables of the rows read in more than one file ------------------- */

static const struct journal_col host_cols[] = {
	{ JC_ROLE, offsetof(struct journal_host, role) },
	{ JC_TEXT, offsetof(struct journal_host, name) },
	{ JC_BOOL, offsetof(struct journal_host, leader) },
	{ JC_TEXT_NULL, offsetof(struct journal_host, from_hop) },
};
const struct journal_table journal_host_table = {
	sizeof(struct journal_host), sizeof(host_cols) / sizeof(*host_cols), host_cols, false, 0
};

/* one text column into an array of strings */
static const struct journal_col text_cols[] = { { JC_TEXT, 0 } };
const struct journal_table journal_text_table = { sizeof(const char *), 1, text_cols, false, 0 };
