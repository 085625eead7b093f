/*
 * yamltree.h - a YAML document as a small tree of nodes with their places.
 *
 * Built from libyaml's event stream, so every node keeps the line and column
 * it starts at for "FILE:LINE:COL: message". The subset accepted is what
 * content needs: one document of mappings, sequences and scalars. Anchors,
 * aliases and explicit tags are refused (an alias bomb cannot expand), and
 * depth and node count are bounded, so any input loads in bounded time and
 * memory. All nodes and strings live in the caller's arena.
 */
#ifndef MU_YAMLTREE_H
#define MU_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum yt_kind { YT_SCALAR, YT_SEQ, YT_MAP };

struct yt_node {
	enum yt_kind kind;
	unsigned line, col;      /* 1-based start of the node */
	const char *str;         /* scalar value, NUL-terminated (may hold NULs: see len) */
	size_t len;              /* scalar length in bytes */
	bool plain;              /* scalar written without quotes or block style */
	size_t count;            /* SEQ: items; MAP: pairs */
	struct yt_node *first;   /* SEQ: items; MAP: key, value, key, value, ... */
	struct yt_node *last;
	struct yt_node *next;    /* next sibling */
};

#define YT_MAX_DEPTH 32
#define YT_MAX_NODES 200000

/*
 * Parse @len bytes of @data. On success *root is the document's root node, or
 * NULL for an empty document. Problems go to @dl with @file as their name;
 * returns false when there were any (and *root is then NULL).
 */
bool yt_parse(struct arena *a, const char *file, const unsigned char *data, size_t len,
	      struct yt_node **root, struct diag_list *dl);

/* Scalar equality with a C string. */
bool yt_is(const struct yt_node *n, const char *s);
const char *yt_kind_name(enum yt_kind k);

#endif
