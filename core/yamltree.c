#include <string.h>

#include <yaml.h>

#include "yamltree.h"

struct builder {
	struct arena *a;
	const char *file;
	struct diag_list *dl;
	struct yt_node *stack[YT_MAX_DEPTH + 1];
	int depth;
	size_t nodes;
	struct yt_node *root;
	int documents;
	bool bad;
};

static void problem(struct builder *b, yaml_mark_t m, const char *msg)
{
	diag_add(b->dl, b->file, (unsigned)m.line + 1, (unsigned)m.column + 1, "%s", msg);
	b->bad = true;
}

static struct yt_node *node_new(struct builder *b, enum yt_kind kind, yaml_mark_t m)
{
	struct yt_node *n;

	if (++b->nodes > YT_MAX_NODES) {
		problem(b, m, "too many nodes (the limit is 200000)");
		return NULL;
	}
	n = arena_alloc(b->a, sizeof(*n));
	if (!n) {
		problem(b, m, "out of memory");
		return NULL;
	}
	n->kind = kind;
	n->line = (unsigned)m.line + 1;
	n->col = (unsigned)m.column + 1;
	return n;
}

/* Hang @n under the open collection, or make it the root. */
static void attach(struct builder *b, struct yt_node *n)
{
	struct yt_node *parent = b->depth ? b->stack[b->depth - 1] : NULL;

	if (!parent) {
		b->root = n;
		return;
	}
	if (parent->last)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	parent->count++;
}

/* libyaml restricts anchor names to letters, digits, '-' and '_': safe to print. */
static void anchor_problem(struct builder *b, yaml_mark_t m, const char *what, char sigil,
			   const yaml_char_t *name)
{
	diag_add(b->dl, b->file, (unsigned)m.line + 1, (unsigned)m.column + 1,
		 "%s '%c%.40s': anchors and aliases are not allowed in content", what, sigil,
		 (const char *)name);
	b->bad = true;
}

static bool check_props(struct builder *b, yaml_mark_t m, const yaml_char_t *anchor,
			const yaml_char_t *tag, int implicit)
{
	if (anchor) {
		anchor_problem(b, m, "anchor", '&', anchor);
		return false;
	}
	if (tag && !implicit) {
		/* the tag itself is not shown: %-escapes can make it any bytes */
		problem(b, m, "explicit tags such as !!str are not allowed in content");
		return false;
	}
	return true;
}

static bool on_event(struct builder *b, yaml_event_t *ev)
{
	struct yt_node *n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1) {
			problem(b, ev->start_mark, "only one YAML document per file is allowed");
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		anchor_problem(b, ev->start_mark, "alias", '*', ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		if (!check_props(b, ev->start_mark, ev->data.scalar.anchor, ev->data.scalar.tag,
				 ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit))
			return false;
		n = node_new(b, YT_SCALAR, ev->start_mark);
		if (!n)
			return false;
		n->str = arena_strndup(b->a, (const char *)ev->data.scalar.value,
				       ev->data.scalar.length);
		if (!n->str) {
			problem(b, ev->start_mark, "out of memory");
			return false;
		}
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		attach(b, n);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		if (seq ? !check_props(b, ev->start_mark, ev->data.sequence_start.anchor,
				       ev->data.sequence_start.tag,
				       ev->data.sequence_start.implicit)
			: !check_props(b, ev->start_mark, ev->data.mapping_start.anchor,
				       ev->data.mapping_start.tag,
				       ev->data.mapping_start.implicit))
			return false;
		if (b->depth >= YT_MAX_DEPTH) {
			problem(b, ev->start_mark, "nesting too deep (the limit is 32 levels)");
			return false;
		}
		n = node_new(b, seq ? YT_SEQ : YT_MAP, ev->start_mark);
		if (!n)
			return false;
		attach(b, n);
		b->stack[b->depth++] = n;
		return true;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth > 0) {
			struct yt_node *done = b->stack[--b->depth];
			if (done->kind == YT_MAP)
				done->count /= 2; /* key and value were both counted */
		}
		return true;
	default:
		return true;
	}
}

/* Is @p (of @n bytes) a line break as libyaml counts them: LF, CR, NEL, LS, PS? */
static size_t break_len(const unsigned char *p, size_t n)
{
	if (p[0] == '\r')
		return n > 1 && p[1] == '\n' ? 2 : 1;
	if (p[0] == '\n')
		return 1;
	if (n > 1 && p[0] == 0xc2 && p[1] == 0x85)
		return 2;
	if (n > 2 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
		return 3;
	return 0;
}

/* The 1-based line and column (in characters) of byte @off of @data. */
static void offset_mark(const unsigned char *data, size_t len, size_t off, unsigned *line,
			unsigned *col)
{
	size_t i = 0, bl;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	while (i < off) {
		if ((bl = break_len(data + i, len - i)) != 0) {
			i += bl;
			++*line;
			*col = 1;
			continue;
		}
		if ((data[i] & 0xc0) != 0x80)
			++*col;
		i++;
	}
	if (off < len && (data[off] & 0xc0) == 0x80 && *col > 1)
		--*col; /* inside a character: point at its start */
}

/* The byte at 0-based @line and @column (in characters), or -1 past the end. */
static int char_at(const unsigned char *data, size_t len, size_t line, size_t column)
{
	size_t i = 0, bl;

	while (i < len && line) {
		if ((bl = break_len(data + i, len - i)) != 0) {
			i += bl;
			line--;
		} else {
			i++;
		}
	}
	while (i < len && column) {
		if (break_len(data + i, len - i))
			return -1;
		i++;
		while (i < len && (data[i] & 0xc0) == 0x80)
			i++;
		column--;
	}
	return i < len ? data[i] : -1;
}

/*
 * Report why libyaml stopped. Reader errors (bad UTF-8, control characters)
 * carry a byte offset rather than a mark; contexts such as "while parsing a
 * block mapping" get the place where that construct started, which is often
 * where the mistake is.
 */
static void syntax_problem(struct builder *b, const yaml_parser_t *p, const unsigned char *data,
			   size_t len)
{
	const char *what = p->problem ? p->problem : "malformed YAML";
	unsigned line = (unsigned)p->problem_mark.line + 1;
	unsigned col = (unsigned)p->problem_mark.column + 1;

	b->bad = true;
	if (p->error == YAML_MEMORY_ERROR) {
		diag_add(b->dl, b->file, 0, 0, "out of memory");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		size_t off = p->problem_offset;
		if (strcmp(what, "invalid trailing UTF-8 octet") == 0) {
			/* libyaml points at the byte that broke the character: show
			 * the character that was broken, from its first byte */
			while (off > 0 && off <= len && (data[off - 1] & 0xc0) == 0x80)
				off--;
			if (off > 0 && off <= len && data[off - 1] >= 0xc0)
				off--;
			what = "incomplete UTF-8 character";
		} else if (strcmp(what, "incomplete UTF-8 octet sequence") == 0) {
			what = "incomplete UTF-8 character"; /* cut off by the end of the file */
		}
		offset_mark(data, len, off, &line, &col);
		if (p->problem_value != -1 && strstr(what, "control characters"))
			diag_add(b->dl, b->file, line, col, "control character U+%04X: control "
				 "characters are not allowed", (unsigned)p->problem_value);
		else if (p->problem_value != -1 && strcmp(what, "invalid leading UTF-8 octet") == 0)
			diag_add(b->dl, b->file, line, col, "invalid UTF-8 byte 0x%02X: the file "
				 "must be UTF-8", (unsigned)p->problem_value & 0xffu);
		else if (p->problem_value != -1 && strstr(what, "Unicode character"))
			diag_add(b->dl, b->file, line, col, "%s U+%04X", what,
				 (unsigned)p->problem_value);
		else if (strstr(what, "UTF-8"))
			diag_add(b->dl, b->file, line, col, "%s: the file must be UTF-8", what);
		else
			diag_add(b->dl, b->file, line, col, "%s", what);
		return;
	}
	if (strcmp(what, "found character that cannot start any token") == 0 &&
	    char_at(data, len, p->problem_mark.line, p->problem_mark.column) == '\t') {
		diag_add(b->dl, b->file, line, col, "found a tab where YAML expects indentation "
			 "or a token (indent with spaces)");
		return;
	}
	if (p->context && (strncmp(p->context, "while parsing a", 15) == 0 ||
			   strncmp(p->context, "while scanning a", 16) == 0))
		diag_add(b->dl, b->file, line, col, "%s (%s that starts at line %u, column %u)",
			 what, p->context, (unsigned)p->context_mark.line + 1,
			 (unsigned)p->context_mark.column + 1);
	else if (p->context)
		diag_add(b->dl, b->file, line, col, "%s (%s)", what, p->context);
	else
		diag_add(b->dl, b->file, line, col, "%s", what);
}

bool yt_parse(struct arena *a, const char *file, const unsigned char *data, size_t len,
	      struct yt_node **root, struct diag_list *dl)
{
	struct builder b = { .a = a, .file = file, .dl = dl };
	yaml_parser_t parser;
	yaml_event_t ev;
	bool done = false;

	*root = NULL;
	if (!yaml_parser_initialize(&parser)) {
		diag_add(dl, file, 0, 0, "out of memory");
		return false;
	}
	yaml_parser_set_input_string(&parser, data, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_problem(&b, &parser, data, len);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!on_event(&b, &ev))
			done = true;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (b.bad)
		return false;
	*root = b.root;
	return true;
}

bool yt_is(const struct yt_node *n, const char *s)
{
	size_t l = strlen(s);

	return n && n->kind == YT_SCALAR && n->len == l && memcmp(n->str, s, l) == 0;
}

const char *yt_kind_name(enum yt_kind k)
{
	static const char *const names[] = {
		[YT_SCALAR] = "a scalar", [YT_SEQ] = "a list", [YT_MAP] = "a mapping",
	};

	return (size_t)k < sizeof(names) / sizeof(*names) ? names[k] : "?";
}
