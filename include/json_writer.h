/*
 * json_writer.h - one small JSON writer for every JSON output (plan,
 * status, sessions, report, and later probes).
 *
 * The writer owns the punctuation: commas between members and elements,
 * the colon after a key, the nesting (a fixed depth stack), strings through
 * textutil's JSON escaping, and null for an absent string. Callers say only
 * what the document holds, in order.
 *
 * Layout is part of the stable output (scripts diff it), so the writer
 * takes two hints and nothing else decides white space: an array opened
 * with jw_array_lines() writes @brk before each of its elements (after
 * the comma), and jw_break() writes white space before the next key or
 * value. jw_end() writes the closing newline of a document.
 *
 * Everything goes to the strbuf given to json_writer_init(), which the
 * caller owns; the writer never reads back what it wrote, and drains a
 * streaming strbuf (strbuf_drain()) at the end of each object and array. Errors are
 * the strbuf's sticky failure; nesting deeper than JSON_MAX_DEPTH or
 * closing what is not open is a program error and sets it too.
 */
#ifndef MU_JSON_WRITER_H
#define MU_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "strbuf.h"

#define JSON_MAX_DEPTH 16

/* Its functions are jw_*: jansson (mesos_parse.c) owns the json_* names. */
struct json_writer {
	struct strbuf *out;          /* not owned */
	unsigned depth;
	const char *brk;             /* white space before the next token, or NULL */
	bool after_key;              /* a key was written: the value needs no comma */
	struct {
		bool any;            /* a member or element was written at this level */
		const char *brk;     /* jw_array_lines(): before each element */
	} level[JSON_MAX_DEPTH];
};

void json_writer_init(struct json_writer *w, struct strbuf *out);

void jw_object(struct json_writer *w);
void jw_object_end(struct json_writer *w);
void jw_array(struct json_writer *w);
/* An array that writes @brk (a literal, not owned) before each element. */
void jw_array_lines(struct json_writer *w, const char *brk);
void jw_array_end(struct json_writer *w);

/* A member's key of @len bytes: a literal of the program, written as it is (not escaped). */
void jw_key_n(struct json_writer *w, const char *key, size_t len);
/* (inline: a literal key's length is known at compile time) */
static inline void jw_key(struct json_writer *w, const char *key)
{
	jw_key_n(w, key, strlen(key));
}
/* @s escaped as a JSON string; NULL writes null. */
void jw_string(struct json_writer *w, const char *s);
void jw_int(struct json_writer *w, long long v);
void jw_count(struct json_writer *w, size_t v);
void jw_bool(struct json_writer *w, bool v);
void jw_null(struct json_writer *w);
/* White space (a literal) before the next key or value. */
void jw_break(struct json_writer *w, const char *brk);
/* The end of a document: checks that everything was closed, writes "\n". */
void jw_end(struct json_writer *w);

/*
 * Where the value of member "@key" (@len bytes), @n bytes long, goes when
 * the member is written in one piece: when nothing but its comma goes
 * before it (no white space asked for) and the room is there, the comma
 * and the key are written and the room counted; else NULL, nothing
 * written (then jw_key_n() and the value). Inline: nearly every member of
 * a large status or report is written so, and a literal key is then copied
 * in a few moves, not by a call.
 */
static inline char *jw_member_at(struct json_writer *w, const char *key, size_t len, size_t n)
{
	size_t comma, size;
	char *p;

	if (w->after_key || !w->depth || w->level[w->depth - 1].brk || w->brk)
		return NULL;
	comma = w->level[w->depth - 1].any;
	size = comma + len + 3 + n;
	if (!(p = strbuf_room(w->out, size)))
		return NULL;
	w->level[w->depth - 1].any = true;
	*p = ',';
	p += comma;
	*p++ = '"';
	memcpy(p, key, len);
	p += len;
	*p++ = '"';
	*p++ = ':';
	strbuf_grown(w->out, size);
	return p;
}

/* key, value pairs: the common members in one call each (the _n: a key of @len bytes) */
void jw_key_string_n(struct json_writer *w, const char *key, size_t len, const char *s);
static inline void jw_key_string(struct json_writer *w, const char *key, const char *s)
{
	jw_key_string_n(w, key, strlen(key), s);
}
/* (the members jw_member_at() does not write in one piece) */
void jw_key_bool_slow(struct json_writer *w, const char *key, size_t len, bool v);
void jw_key_plain_slow(struct json_writer *w, const char *key, size_t len, const char *s,
		       size_t n);
static inline void jw_key_bool_n(struct json_writer *w, const char *key, size_t len, bool v)
{
	char *p = jw_member_at(w, key, len, v ? 4 : 5);

	if (p)
		memcpy(p, v ? "true" : "false", v ? 4 : 5);
	else
		jw_key_bool_slow(w, key, len, v);
}
/* "@s" of @n plain bytes (jw_plain()) at @p, room made for them; where it ends. */
static inline char *jw_put_plain(char *p, const char *s, size_t n)
{
	*p++ = '"';
	memcpy(p, s, n);
	p += n;
	*p++ = '"';
	return p;
}
/* Whether @s needs no escaping (printable ASCII but '"' and '\\'; "" needs none), its length in *@n. */
bool jw_plain(const char *s, size_t *n);
/*
 * The last string written through it and whether it needs no escaping (its
 * length): a text written again and again (a step's title and text on each
 * of its hosts) is looked at once. Only for strings that outlive the writing
 * and never change under the same address: the content's.
 */
struct jw_memo {
	const char *s;
	size_t n;
	bool plain;
};
/* The member @key (@len bytes) of @s, through @m (zeroed before the first). */
void jw_key_memo(struct json_writer *w, struct jw_memo *m, const char *key, size_t len,
		 const char *s);
/*
 * A member whose value @s (@n bytes) is known to need no escaping, written
 * as it is without looking at it (NULL writes null): a text jw_plain() said
 * so of, written again and again (a step's title on each of its hosts).
 */
static inline void jw_key_plain_n(struct json_writer *w, const char *key, size_t len,
				  const char *s, size_t n)
{
	char *p = jw_member_at(w, key, len, s ? n + 2 : 4);

	if (!p) {
		jw_key_plain_slow(w, key, len, s, n);
	} else if (s) {
		jw_put_plain(p, s, n);
	} else {
		memcpy(p, "null", 4);
	}
}
/* jw_key_plain_n() of one of the program's own names (an action, a state: ASCII words). */
static inline void jw_key_name(struct json_writer *w, const char *key, const char *name)
{
	jw_key_plain_n(w, key, strlen(key), name, name ? strlen(name) : 0);
}
static inline void jw_key_count(struct json_writer *w, const char *key, size_t v)
{
	jw_key(w, key);
	jw_count(w, v);
}
static inline void jw_key_bool(struct json_writer *w, const char *key, bool v)
{
	jw_key_bool_n(w, key, strlen(key), v);
}
/*
 * A run of members written alike again and again (a step's kind, number,
 * title, text, role and origin on each of its hosts): written once by
 * @fn(@ctx) into a writer of its own and kept, then copied in one piece
 * while the caller says it would be the same (@same); written through
 * @fn when it cannot be copied (white space asked for, or no member
 * before it in the object, whose comma it starts with).
 */
struct jw_run {
	struct strbuf bytes;
	size_t at;          /* where the run's bytes start in them */
	bool kept;
};
void jw_run(struct json_writer *w, struct jw_run *r, bool same,
	    void (*fn)(struct json_writer *w, const void *ctx), const void *ctx);
/*
 * The run's bytes (starting with its comma) in *@bytes and *@n, made anew
 * unless @same: what jw_run() copies, for a caller that writes them with
 * others in one piece; false when they could not be kept (then jw_run()).
 */
bool jw_run_kept(struct jw_run *r, bool same,
		 void (*fn)(struct json_writer *w, const void *ctx), const void *ctx,
		 const char **bytes, size_t *n);
void jw_run_release(struct jw_run *r);
/* String members from a table: each key (a literal) with its value (NULL: null). */
struct jw_member {
	const char *key;
	const char *value;
};
void jw_members(struct json_writer *w, const struct jw_member *m, size_t n);
/* @v, or null when it is negative (a duration not known yet) */
void jw_key_seconds(struct json_writer *w, const char *key, long v);

#endif
