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

static bool check_props(struct builder *b, yaml_mark_t m, const yaml_char_t *anchor,
			const yaml_char_t *tag, int implicit)
{
	if (anchor) {
		problem(b, m, "anchors and aliases are not allowed in content");
		return false;
	}
	if (tag && !implicit) {
		problem(b, m, "explicit tags are not allowed in content");
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
		problem(b, ev->start_mark, "anchors and aliases are not allowed in content");
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
			const char *what = parser.problem ? parser.problem : "malformed YAML";
			yaml_mark_t m = parser.problem_mark;
			if (parser.error == YAML_MEMORY_ERROR)
				what = "out of memory";
			if (parser.context)
				diag_add(dl, file, (unsigned)m.line + 1, (unsigned)m.column + 1,
					 "%s (%s)", what, parser.context);
			else
				diag_add(dl, file, (unsigned)m.line + 1, (unsigned)m.column + 1,
					 "%s", what);
			b.bad = true;
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
	switch (k) {
	case YT_SCALAR: return "a scalar";
	case YT_SEQ: return "a list";
	case YT_MAP: return "a mapping";
	}
	return "?";
}
