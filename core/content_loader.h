/*
 * content_loader.h - what the content loader's files share; nothing else
 * includes it (see content.h for the contract).
 *
 *   content_values.c  problems, lists, mappings, scalars and ids: the checked reads
 *                     every part of a content file is made of
 *   content_items.c   a hop's notes and steps
 *   content_note.c    a note's keys beyond its text: when, role, since, category, ...
 *   content_standard.c the project's standard steps, for a hop whose source gives none
 *   content_order.c   the order a hop's items are done in, and the checks it needs
 *   content.c         hops, the guide, files and directories, the built-in content's YAML
 */
#ifndef MU_CONTENT_LOADER_H
#define MU_CONTENT_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "diag.h"
#include "yamltree.h"

/* One load: the content being built, the file being read, the problems found. */
struct loader {
	struct content *c;
	const char *file;
	struct diag_list *dl;  /* where problems go */
	size_t problems;       /* how many went to @dl */
	bool nomem;            /* memory ran out: ST_NOMEM, whatever the problems */
};

struct key {
	const char *name;
	bool required;
};

struct seen_id {
	const char *id;
	const struct yt_node *at;
};

/* Where ids must be unique (a hop, a step's branches): the ids seen so far. */
struct id_scope {
	const char *name;      /* in messages: "this hop" */
	struct seen_id *seen;  /* room for every id of the scope */
	size_t n;
};

enum str_rules {
	STR_ONE_LINE = 1 << 0, /* no newline */
	STR_TABS = 1 << 1,     /* tabs allowed (code) */
};

void loader_problem(struct loader *L, const struct yt_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void *loader_alloc(struct loader *L, size_t n, size_t size);

/* The first key of @map that is @name, or NULL. */
const struct yt_node *loader_map_key(const struct yt_node *map, const char *name);

/*
 * Check that @map is a mapping whose keys are among @keys, each at most once,
 * with every required key present. values[i] gets the value of keys[i] or
 * NULL. @what names the object in messages ("a hop", "a step").
 * False when @map is not a mapping at all.
 */
bool loader_walk_map(struct loader *L, const struct yt_node *map, const char *what,
		     const struct key *keys, size_t nkeys, const struct yt_node **values);

bool loader_is_null(const struct yt_node *n);

/*
 * @s as it can be shown in a message: at most 60 bytes, cut at a character
 * boundary and marked "...", forbidden characters as '?'. @buf holds 80.
 */
const char *loader_shown(char *buf, const char *s, size_t len);

/* A non-empty string value; NULL (and a problem) otherwise. */
const char *loader_str(struct loader *L, const struct yt_node *n, const char *key,
			   unsigned rules);

/* *valid is false (and there is a problem) when @n is there but not a bool. */
bool loader_bool(struct loader *L, const struct yt_node *n, const char *key, bool dflt,
		     bool *valid);

const char *loader_id(struct loader *L, const struct yt_node *n);

/* A list of non-empty one-line-or-more strings. */
void loader_strings(struct loader *L, const struct yt_node *n, const char *key,
			unsigned rules, struct content_strings *out);

/*
 * Points: a list of text, each item plain text (said by the source) or a
 * mapping {text, origin}; out->tool is set when any is 'origin: tool'.
 */
void loader_points(struct loader *L, const struct yt_node *n, struct content_strings *out);

/* The index of @v's text among @names; -1 when absent, or (with a problem naming @expected) unknown. */
int loader_enum(struct loader *L, const struct yt_node *v, const char *key,
		const char *const *names, size_t n, const char *expected);

/* 'origin': guide (the default, also when absent or wrong) or tool. */
enum content_origin loader_origin(struct loader *L, const struct yt_node *v);

/* Record @id, at @at, in @scope, refusing a duplicate. */
void loader_check_unique(struct loader *L, struct id_scope *scope, const char *id,
			 const struct yt_node *at);

/* Load one item of a list into @elem (see loader_list()). */
typedef void loader_item_fn(struct loader *L, const struct yt_node *item, void *elem, void *ctx);

/*
 * One element of @size bytes for each item of the list @seq, in order, each
 * loaded by @load from its item, with @ctx; NULL when out of memory.
 */
void *loader_list(struct loader *L, const struct yt_node *seq, size_t size, loader_item_fn *load,
		  void *ctx);

/* The value of the 'id' key of the mapping @item (which has one when its id loaded). */
const struct yt_node *loader_id_node(const struct yt_node *item);

const char *loader_full_id(struct loader *L, const char *hop, const char *id);

/* The index of the role named by @v; -1 when absent or (with a problem) unknown. */
int loader_role(struct loader *L, const struct yt_node *v, const char *key);

void loader_note(struct loader *L, const struct yt_node *n, struct content_note *note);

void loader_step(struct loader *L, const struct yt_node *n, struct content_step *st);

/* The project's standard steps as @hop's (after its notes are read). */
void loader_standard_steps(struct loader *L, struct content_hop *hop);
/* Is @id one of the standard steps' ids? */
bool loader_is_standard_step(const char *id);

/* What @hop's notes (the list @notes) need of the hop, checked once its steps are read. */
void loader_hop_checks(struct loader *L, const struct content_hop *hop,
		       const struct yt_node *notes);
/* @hop's entries: every note and step in the order they are done (content.h). */
void loader_hop_entries(struct loader *L, struct content_hop *hop);
/* hop->since: its notes' patch releases ('since'), in their order. */
void loader_hop_since(struct loader *L, struct content_hop *hop);

#endif
