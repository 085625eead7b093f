/*
 * content.c - load and validate the guide's content (see CONTENT.md).
 *
 * Each file is parsed into a yamltree, then walked against the schema: one
 * function per kind of object, each checking its keys and building its part
 * of the model. Every problem is recorded and the walk goes on, so a single
 * run reports all of them. The model is returned only when there were none.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "content_loader.h"
#include "file_read.h"
#include "content_builtin.h"
#include "strbuf.h"
#include "textutil.h"
#include "yamltree.h"

#define CONTENT_MAX_FILE_SIZE (4u << 20) /* a hop file or the guide file */
#define MAX_HOP_FILES 1000

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_MASTER] = "master", [ROLE_AGENT] = "agent", [ROLE_SCHEDULER] = "scheduler",
	[ROLE_EXECUTOR] = "executor", [ROLE_MODULE] = "module",
};

static const char *const audience_ids[AUD_COUNT] = {
	"operator", "framework-developer", "module-writer", "binding-developer",
};

const char *content_role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "?";
}

const char *content_audience_name(enum audience a)
{
	for (unsigned i = 0; i < AUD_COUNT; i++)
		if (a == (1u << i))
			return audience_ids[i];
	return "?";
}

void content_audience_names(unsigned mask, char *buf, size_t size)
{
	size_t used = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned i = 0; i < AUD_COUNT && size; i++) {
		if (!(mask & (1u << i)))
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
				 audience_ids[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

/* ---- hops -------------------------------------------------------------- */

/* The last path component without ".yaml". */
static void file_stem(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
		len -= 5;
	snprintf(buf, size, "%.*s", (int)len, base);
}

static const char *get_series(struct loader *L, const struct yt_node *n, const char *key,
			      struct version *v)
{
	const char *s = loader_str(L, n, key, STR_ONE_LINE);

	if (s && !version_parse_series(s, v)) {
		char buf[80];
		loader_problem(L, n, "'%s' must be a minor series such as \"0.27\", not '%s'", key,
			loader_shown(buf, s, strlen(s)));
		return NULL;
	}
	return s;
}

/* A hop's notes and steps as they load: the hop's id, and the ids it has. */
struct hop_items {
	const char *hop;
	struct id_scope ids;
};

/* The full id of a note or step of the hop; a duplicate id refused. */
static const char *hop_item_id(struct loader *L, struct hop_items *h, const struct yt_node *item,
			       const char *id)
{
	const char *full = loader_full_id(L, h->hop, id);

	loader_check_unique(L, &h->ids, id, loader_id_node(item));
	return full;
}

static void hop_note(struct loader *L, const struct yt_node *item, void *elem, void *h)
{
	struct content_note *note = elem;

	loader_note(L, item, note);
	note->full_id = hop_item_id(L, h, item, note->id);
}

static void hop_step(struct loader *L, const struct yt_node *item, void *elem, void *h)
{
	struct content_step *st = elem;

	loader_step(L, item, st);
	st->full_id = hop_item_id(L, h, item, st->id);
}

static const char *const source_names[] = { "guide", "release-notes" };

const char *content_source_name(enum hop_source s)
{
	return (unsigned)s < 2 ? source_names[s] : "?";
}

const char *content_origin_name(enum content_origin o)
{
	return o == ORIGIN_TOOL ? "tool" : "guide";
}

/* 'source' and 'reference': where the hop's content comes from. */
static void load_source(struct loader *L, const struct yt_node *src, const struct yt_node *ref,
			const struct yt_node *at, struct content_hop *hop)
{
	int s = loader_enum(L, src, "source", source_names, 2,
			    "guide, the upgrade guide, or release-notes");

	hop->source = s == 1 ? SOURCE_RELEASE_NOTES : SOURCE_GUIDE;
	hop->reference = ref ? loader_str(L, ref, "reference", STR_ONE_LINE) : NULL;
	if (hop->source == SOURCE_RELEASE_NOTES && !ref)
		loader_problem(L, at, "'source: release-notes' needs a 'reference' naming them, "
			       "such as \"CHANGELOG 1.11.0\"");
}

/* The hop's notes, and its steps: read, or the standard ones with 'standard_steps: true'. */
static void load_items(struct loader *L, const struct yt_node *notes, const struct yt_node *steps,
		       const struct yt_node *at, struct content_hop *hop)
{
	struct hop_items items = { .hop = hop->id, .ids.name = "this hop" };

	items.ids.seen = loader_alloc(L, (notes && notes->kind == YT_SEQ ? notes->count : 0) +
			(steps && steps->kind == YT_SEQ ? steps->count : 0) + 1, sizeof(*items.ids.seen));
	if (!items.ids.seen)
		return;
	if (notes) {
		if (notes->kind != YT_SEQ && !loader_is_null(notes)) {
			loader_problem(L, notes, "'notes' must be a list, not %s", yt_kind_name(notes->kind));
		} else if (notes->kind == YT_SEQ && notes->count) {
			hop->notes = loader_list(L, notes, sizeof(*hop->notes), hop_note, &items);
			hop->nnotes = hop->notes ? notes->count : 0;
		}
	}
	if (hop->standard_steps && steps && (steps->kind != YT_SEQ || steps->count)) {
		loader_problem(L, steps, "'standard_steps: true' gives the hop the project's standard "
			       "steps: leave 'steps' out (or write [])");
	} else if (hop->standard_steps) {
		loader_standard_steps(L, hop);
	} else if (!steps) {
		loader_problem(L, at, "missing key 'steps' in a hop (or 'standard_steps: true' when "
			       "the source gives no steps)");
	} else if (steps->kind != YT_SEQ) {
		loader_problem(L, steps, "'steps' must be a list, not %s", yt_kind_name(steps->kind));
	} else if (steps->count == 0) {
		loader_problem(L, steps, "a hop needs at least one step (or 'standard_steps: true' "
			       "when the source gives none)");
	} else {
		hop->steps = loader_list(L, steps, sizeof(*hop->steps), hop_step, &items);
		hop->nsteps = hop->steps ? steps->count : 0;
	}
	loader_hop_checks(L, hop, notes);
	loader_hop_entries(L, hop);
	loader_hop_since(L, hop);
}

/* The hop's 'from', 'to' and id; true when it goes forward. */
static bool load_range(struct loader *L, const struct yt_node *root, const struct yt_node *from,
		       const struct yt_node *to, struct content_hop *hop)
{
	char stem[256], id[64];
	bool forward;

	hop->from = get_series(L, from, "from", &hop->vfrom);
	hop->to = get_series(L, to, "to", &hop->vto);
	if (!hop->from || !hop->to)
		return false;
	snprintf(id, sizeof(id), "%s-%s", hop->from, hop->to);
	hop->id = arena_strdup(&L->c->arena, id);
	if (!hop->id)
		L->nomem = true;
	forward = version_series_cmp(&hop->vfrom, &hop->vto) < 0;
	if (!forward)
		loader_problem(L, to, "'to' (%s) must be a later series than 'from' (%s)",
			hop->to, hop->from);
	file_stem(L->file, stem, sizeof(stem));
	if (strcmp(stem, id) != 0)
		loader_problem(L, root, "a hop from %s to %s belongs in a file named %s.yaml",
			hop->from, hop->to, id);
	return forward;
}

/*
 * Load one hop file into @hop. True when the hop can take its place in the
 * chain: it has an id and goes forward.
 */
static bool load_hop(struct loader *L, const struct yt_node *root, struct content_hop *hop)
{
	static const struct key keys[] = {
		{ "from", true }, { "to", true }, { "title", true }, { "ordered", false },
		{ "order_note", false }, { "notes", true }, { "steps", false }, { "source", false },
		{ "reference", false }, { "standard_steps", false },
	};
	const struct yt_node *v[10];
	bool forward, ordered_valid, std_valid;

	memset(hop, 0, sizeof(*hop));
	hop->pos = (struct content_pos){ L->file, root->line, root->col };
	if (!loader_walk_map(L, root, "a hop", keys, 10, v))
		return false;
	forward = load_range(L, root, v[0], v[1], hop);
	hop->title = loader_str(L, v[2], "title", STR_ONE_LINE);
	hop->ordered = loader_bool(L, v[3], "ordered", true, &ordered_valid);
	if (v[4])
		hop->order_note = loader_str(L, v[4], "order_note", 0);
	/* with 'ordered' itself wrong, whether a note belongs is anybody's guess */
	if (ordered_valid && !hop->ordered && !v[4])
		loader_problem(L, v[3], "'ordered: false' needs an 'order_note' saying what the guide says");
	if (ordered_valid && hop->ordered && v[4])
		loader_problem(L, v[4], "'order_note' is only for hops with 'ordered: false'");
	load_source(L, v[7], v[8], root, hop);
	hop->standard_steps = loader_bool(L, v[9], "standard_steps", false, &std_valid);
	/* a wrong 'standard_steps' says nothing of the steps: leave them be */
	if (std_valid)
		load_items(L, v[5], v[6], root, hop);
	return hop->id && forward;
}

static void load_guide(struct loader *L, const struct yt_node *root)
{
	static const struct key keys[] = {
		{ "product", true }, { "title", true }, { "source", true }, { "version", true },
	};
	const struct yt_node *v[4];

	if (!loader_walk_map(L, root, "the guide file", keys, 4, v))
		return;
	L->c->product = loader_str(L, v[0], "product", STR_ONE_LINE);
	L->c->title = loader_str(L, v[1], "title", STR_ONE_LINE);
	L->c->source = loader_str(L, v[2], "source", STR_ONE_LINE);
	L->c->version = loader_str(L, v[3], "version", STR_ONE_LINE);
}

/* Parse one file; NULL root (and a problem unless YAML itself failed) when unusable. */
static const struct yt_node *parse_file(struct loader *L, const struct content_file *f)
{
	struct yt_node *root = NULL;

	/* the model's positions name the file: the caller's name may not outlive it */
	L->file = arena_strdup(&L->c->arena, f->name ? f->name : "");
	if (!L->file) {
		L->nomem = true;
		L->file = f->name;
		return NULL;
	}
	if (f->len > CONTENT_MAX_FILE_SIZE) {
		diag_add(L->dl, f->name, 0, 0, "file is larger than 4 MiB");
		L->problems++;
		return NULL;
	}
	if (!yt_parse(&L->c->arena, f->name, f->data, f->len, &root, L->dl)) {
		L->problems++;
		return NULL;
	}
	if (!root) {
		diag_add(L->dl, f->name, 1, 1, "file is empty");
		L->problems++;
	}
	return root;
}

static int hop_cmp(const void *a, const void *b)
{
	const struct content_hop *x = a, *y = b;
	int c = version_series_cmp(&x->vfrom, &y->vfrom);

	return c ? c : version_series_cmp(&x->vto, &y->vto);
}

/* Hops sorted by 'from' must form one chain: each starts where the last ended. */
static void check_chain(struct loader *L, struct content *c)
{
	qsort(c->hops, c->nhops, sizeof(*c->hops), hop_cmp);
	for (size_t i = 1; i < c->nhops; i++) {
		const struct content_hop *a = &c->hops[i - 1], *b = &c->hops[i];
		int cmp = version_series_cmp(&a->vto, &b->vfrom);
		if (cmp == 0)
			continue;
		L->file = b->pos.file;
		if (cmp < 0)
			diag_add(L->dl, b->pos.file, b->pos.line, b->pos.col,
				 "hops do not chain: %s ends at %s but no hop starts there "
				 "(the next one, %s, starts at %s)", a->id, a->to, b->id, b->from);
		else if (hop_cmp(a, b) == 0)
			diag_add(L->dl, b->pos.file, b->pos.line, b->pos.col,
				 "hop %s is defined twice (also in %s)", b->id, a->pos.file);
		else
			diag_add(L->dl, b->pos.file, b->pos.line, b->pos.col,
				 "hops overlap: %s starts at %s, before %s ends at %s", b->id,
				 b->from, a->id, a->to);
		L->problems++;
	}
}

enum status content_load_files(const struct content_file *guide,
			       const struct content_file *hops, size_t nhops,
			       const char *origin, struct content **out, struct diag_list *dl)
{
	struct loader L = { .dl = dl };
	const struct yt_node *root;
	bool all_parsed = true;
	enum status st;

	*out = NULL;
	L.c = calloc(1, sizeof(*L.c));
	if (!L.c)
		return ST_NOMEM;
	L.c->origin = arena_strdup(&L.c->arena, origin ? origin : "");
	root = parse_file(&L, guide);
	if (root)
		load_guide(&L, root);
	if (nhops == 0) {
		diag_add(dl, origin, 0, 0, "no hop files found");
		L.problems++;
	}
	L.c->hops = loader_alloc(&L, nhops ? nhops : 1, sizeof(*L.c->hops));
	for (size_t i = 0; L.c->hops && i < nhops; i++) {
		root = parse_file(&L, &hops[i]);
		if (!root) {
			all_parsed = false;
			continue;
		}
		/* a hop unfit for the chain is left out, its slot reused */
		if (load_hop(&L, root, &L.c->hops[L.c->nhops]))
			L.c->nhops++;
		else
			all_parsed = false;
	}
	/* a chain check over half the hops would report gaps that are not there */
	if (all_parsed && L.c->nhops)
		check_chain(&L, L.c);
	if (L.nomem || dl->nomem)
		st = ST_NOMEM;
	else if (L.problems)
		st = ST_DATAERR;
	else
		st = ST_OK;
	if (st != ST_OK) {
		content_free(&L.c);
		diag_sort(dl);
		return st;
	}
	content_digest_items(L.c);
	*out = L.c;
	return ST_OK;
}

/* ---- files ------------------------------------------------------------- */

struct file_buf {
	char *name;
	unsigned char *data;
	size_t len;
};

static enum status read_file(const char *path, struct file_buf *fb, struct diag_list *dl)
{
	char *data = NULL;
	/* content that cannot be read is bad content */
	enum status st = file_read_diag(path, NULL, CONTENT_MAX_FILE_SIZE, &data, &fb->len, dl);

	fb->data = (unsigned char *)data;
	return st;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct file_buf *)a)->name, ((const struct file_buf *)b)->name);
}

static char *path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	size_t la = strlen(a);

	strbuf_adds(&sb, a);
	if (la && a[la - 1] != '/')
		strbuf_addc(&sb, '/');
	strbuf_adds(&sb, b);
	return strbuf_detach(&sb);
}

/*
 * The hop files of @hopdir (NAME.yaml), sorted by name, in *hops: *nhops of
 * them, each with only its name (the caller frees the names and the array,
 * on failure too). A NAME.yml is a problem, *stray, but the listing goes on.
 */
static enum status list_hop_files(const char *hopdir, struct file_buf **hops, size_t *nhops,
				  bool *stray, struct diag_list *dl)
{
	DIR *d = opendir(hopdir);
	struct dirent *de;
	size_t cap = 0;
	enum status st = ST_OK;

	if (!d) {
		diag_add(dl, hopdir, 0, 0, "cannot read directory: %s", strerror(errno));
		return ST_DATAERR;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		if (len > 4 && strcmp(de->d_name + len - 4, ".yml") == 0) {
			char *p = path_join(hopdir, de->d_name);
			diag_add(dl, p ? p : de->d_name, 0, 0,
				 "content files must end in .yaml (this one is ignored)");
			free(p);
			*stray = true;
			continue;
		}
		if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (*nhops == MAX_HOP_FILES) {
			diag_add(dl, hopdir, 0, 0, "more than %d hop files", MAX_HOP_FILES);
			st = ST_DATAERR;
			goto out;
		}
		if (*nhops == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct file_buf *p = realloc(*hops, ncap * sizeof(*p));
			if (!p) {
				st = ST_NOMEM;
				goto out;
			}
			*hops = p;
			cap = ncap;
		}
		memset(&(*hops)[*nhops], 0, sizeof(**hops));
		(*hops)[*nhops].name = path_join(hopdir, de->d_name);
		if (!(*hops)[*nhops].name) {
			st = ST_NOMEM;
			goto out;
		}
		(*nhops)++;
	}
	if (*nhops)
		qsort(*hops, *nhops, sizeof(**hops), name_cmp);
out:
	closedir(d);
	return st;
}

/* (*c)->dir: @dir made absolute, as a session records it. */
static enum status absolute_dir(struct content *c, const char *dir)
{
	char *full = realpath(dir, NULL);

	c->dir = arena_strdup(&c->arena, full ? full : dir);
	free(full);
	return c->dir ? ST_OK : ST_NOMEM;
}

enum status content_load_dir(const char *dir, struct content **out, struct diag_list *dl)
{
	struct file_buf guide = { 0 }, *hops = NULL;
	struct content_file gf, *files = NULL;
	size_t nhops = 0;
	char *hopdir = NULL;
	bool stray = false;
	enum status st = ST_NOMEM;

	*out = NULL;
	guide.name = path_join(dir, "guide.yaml");
	hopdir = path_join(dir, "hops");
	if (!guide.name || !hopdir)
		goto out;
	st = read_file(guide.name, &guide, dl);
	if (st == ST_OK)
		st = list_hop_files(hopdir, &hops, &nhops, &stray, dl);
	if (st != ST_OK)
		goto out;
	files = calloc(nhops ? nhops : 1, sizeof(*files));
	if (!files) {
		st = ST_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < nhops; i++) {
		st = read_file(hops[i].name, &hops[i], dl);
		if (st != ST_OK)
			goto out;
		files[i] = (struct content_file){ hops[i].name, hops[i].data, hops[i].len };
	}
	gf = (struct content_file){ guide.name, guide.data, guide.len };
	st = content_load_files(&gf, files, nhops, dir, out, dl);
	/* a stray .yml is a problem even when the rest loads */
	if (st == ST_OK && stray) {
		content_free(out);
		st = ST_DATAERR;
	}
	if (st == ST_OK && (st = absolute_dir(*out, dir)) != ST_OK)
		content_free(out);
out:
	for (size_t i = 0; i < nhops; i++) {
		free(hops[i].name);
		free(hops[i].data);
	}
	free(hops);
	free(files);
	free(guide.name);
	free(guide.data);
	free(hopdir);
	if (st != ST_OK)
		diag_sort(dl);
	return st;
}

enum status content_parse_builtin(struct content **out, struct diag_list *dl)
{
	return content_load_files(&content_builtin_guide, content_builtin_hops,
				  content_builtin_nhops, "built-in", out, dl);
}

void content_free(struct content **c)
{
	if (!*c)
		return;
	arena_release(&(*c)->arena);
	free(*c);
	*c = NULL;
}

const struct content_hop *content_find_hop(const struct content *c, const char *id)
{
	for (size_t i = 0; i < c->nhops; i++)
		if (strcmp(c->hops[i].id, id) == 0)
			return &c->hops[i];
	return NULL;
}
