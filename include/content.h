/*
 * content.h - the upgrade guide as data: hops, their notes and steps.
 *
 * Content is YAML (see CONTENT.md for the format): a guide file and one file
 * per hop. The loader validates all of it and reports every problem as
 * "FILE:LINE:COL: message" in a diag list; a model is returned only when
 * there are none. The model is read-only once loaded and owned by the
 * struct content (one arena), freed with content_free().
 *
 * Item ids: a note or step is named "HOP/ID" where HOP is "FROM-TO", e.g.
 * "0.27-0.28/restart-masters". They are the journal's keys.
 */
#ifndef MU_CONTENT_H
#define MU_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "status.h"
#include "version.h"

/* Hex length of an item digest (content_digest.c). */
#define CONTENT_DIGEST_LEN 16
/* The same, as the journal and the session call it. */
#define ITEM_DIGEST_LEN CONTENT_DIGEST_LEN

enum role { ROLE_MASTER, ROLE_AGENT, ROLE_SCHEDULER, ROLE_EXECUTOR, ROLE_MODULE, ROLE_COUNT };

enum audience {
	AUD_OPERATOR = 1 << 0,
	AUD_FRAMEWORK_DEVELOPER = 1 << 1,
	AUD_MODULE_WRITER = 1 << 2,
	AUD_BINDING_DEVELOPER = 1 << 3,
};
#define AUD_COUNT 4

/* Where an element was defined, for messages. */
struct content_pos {
	const char *file;
	unsigned line, col;
};

/* Who says a thing: the source (the upgrade guide or the release notes), or the project. */
enum content_origin { ORIGIN_GUIDE, ORIGIN_TOOL };
/* The words every report, status and the wizard mark the project's own advice with. */
#define CONTENT_TOOL_WORDS "tool advice"

struct content_strings {
	const char **items;
	size_t count;
	const bool *tool;      /* points: per item, said by the project ('origin: tool'); NULL when none is */
};

/*
 * When a note acts: NOTE_BEFORE, acknowledged before the hop's steps;
 * NOTE_AFTER, once every binary is replaced (an item after the hop's last
 * master or agent step); NOTE_PER_HOST, on each host of its role before that
 * host's step (an item, per host with an inventory, before the role's first
 * per-host step). See content_hop.entries.
 */
enum note_when { NOTE_BEFORE, NOTE_AFTER, NOTE_PER_HOST };

/* The categories and kinds of change of the upstream guide's overview table. */
#define CONTENT_CATEGORY_COUNT 5
#define CONTENT_CHANGE_COUNT 4

struct content_note {
	const char *id;        /* short id, unique in its hop */
	const char *full_id;   /* "HOP/ID" */
	const char *title;
	const char *text;
	unsigned audience;     /* mask of enum audience */
	struct content_strings points;
	const char *code;      /* NULL when none */
	const char *warning;   /* NULL when none */
	enum content_origin origin;
	enum note_when when;
	enum role role;        /* NOTE_PER_HOST: the hosts it acts on (master or agent) */
	bool moves_role;       /* a standard-steps hop: role_first's step comes first */
	enum role role_first;
	const char *since;     /* "1.2.1": applies from that patch release on; NULL for the whole hop */
	struct version vsince;
	const char *category;  /* one of content_category_names(), NULL when none */
	const char *change;    /* one of content_change_names(), NULL when none */
	struct content_pos pos;
	char digest[CONTENT_DIGEST_LEN + 1]; /* content_digest.c; set by the loader */
	unsigned json_at, json_len; /* its plan JSON in content.plan_json; 0, 0 when none */
};

struct content_lang {
	const char *language;
	const char *text;
};

struct content_branch {
	const char *id;
	const char *title;
	struct content_strings points;
	enum content_origin origin;
};

/*
 * How a per-host step's completion shows in the live cluster ("verify:" in
 * content): CONTENT_VERIFY_VERSION, the host reports the hop's target series
 * once the step is done (restarting onto the new binaries), so "verify" can
 * mark it from a probe.
 */
enum content_verify { CONTENT_VERIFY_NONE, CONTENT_VERIFY_VERSION };

struct content_step {
	const char *id;
	const char *full_id;
	const char *text;
	enum role role;
	const char *detail;    /* NULL when none */
	struct content_strings points;
	struct content_strings flags;
	const char *warning;   /* NULL when none */
	struct content_lang *languages;
	size_t nlanguages;
	struct content_branch *branches;
	size_t nbranches;
	bool per_host;         /* done on each master or agent: with an inventory, one item per
				* host, each choosing its own branch */
	enum content_verify verify; /* how a host's item shows done in the live cluster */
	enum content_origin origin;
	struct content_pos pos;
	char digest[CONTENT_DIGEST_LEN + 1]; /* content_digest.c; set by the loader */
	unsigned json_at, json_len; /* its plan JSON in content.plan_json; 0, 0 when none */
};

/* Where a hop's content comes from. */
enum hop_source { SOURCE_GUIDE, SOURCE_RELEASE_NOTES };

/* One item of a hop, in the order it is done: a note or a step (the other NULL). */
struct content_entry {
	const struct content_note *note;
	const struct content_step *step;
};

struct content_hop {
	const char *id;        /* "FROM-TO" */
	const char *from;      /* "0.27" */
	const char *to;
	struct version vfrom, vto;
	const char *title;
	bool ordered;          /* steps must be done in the listed order */
	const char *order_note;/* NULL when ordered */
	struct content_note *notes;
	size_t nnotes;
	struct content_step *steps;
	size_t nsteps;
	enum hop_source source;
	const char *reference; /* "CHANGELOG 1.11.0"; NULL when none */
	bool standard_steps;   /* the steps are the project's standard order (content_standard.c) */
	/*
	 * Every note and step in the order they are done: the 'before' notes,
	 * then the steps with each 'per-host' note just before its role's first
	 * per-host step and each 'after' note after the last master or agent step.
	 */
	struct content_entry *entries;
	size_t nentries;
	/*
	 * The 'since' of its notes of a patch release, in their order: what a
	 * plan asks of the hop (plan.c), without its notes, which the built-in
	 * content builds only for a command that reads them (content_builtin.c).
	 */
	const struct version *since;
	size_t nsince;
	struct content_pos pos;
	unsigned json_at, json_len; /* its plan JSON, whole, in content.plan_json; 0, 0 when none */
};

struct content {
	struct arena arena;    /* owns everything below */
	const char *product;
	const char *title;
	const char *source;
	const char *version;
	const char *origin;    /* where it was loaded from: a directory or "built-in" */
	const char *dir;       /* content_load_dir()'s directory, absolute; NULL when built in */
	struct content_hop *hops;  /* in chain order */
	size_t nhops;
	/*
	 * The built-in content only (NULL otherwise): the members of every hop's
	 * object in a plan's JSON when the plan takes all of the hop, and those of
	 * each of its notes and steps within them, written at build time by the
	 * plan's own JSON functions (content/compile.c, render_json_plan_hop()),
	 * so that a plan does not write them again; json_at and json_len place
	 * each one's.
	 */
	const char *plan_json;
};

/* One input file: a name for messages and its bytes (not owned). */
struct content_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};

/*
 * Load from in-memory files: @guide is the guide file, @hops the hop files in
 * any order. @origin names where they came from. On ST_OK *out is the model;
 * on ST_DATAERR the problems are in @dl; ST_NOMEM when memory ran out.
 */
enum status content_load_files(const struct content_file *guide,
			       const struct content_file *hops, size_t nhops,
			       const char *origin, struct content **out, struct diag_list *dl);
/* Load DIR/guide.yaml and DIR/hops/ *.yaml; a file that cannot be read is ST_DATAERR. */
enum status content_load_dir(const char *dir, struct content **out, struct diag_list *dl);
/*
 * The content built into the binary, compiled at build time (no YAML parsed,
 * nothing to check: the build refuses content with problems) and shared by
 * every load; content_free() frees only the struct.
 */
enum status content_load_builtin(struct content **out, struct diag_list *dl);
/*
 * The same, its hops' notes, steps and entries not built unless a load
 * before built them: each hop's counts and 'since' are there, its arrays
 * NULL. For "plan", whose hops taken whole are the build's JSON and whose
 * questions of a hop are its 'since' (plan.c); content_builtin_whole()
 * builds the rest when the plan's output reads it.
 */
enum status content_load_builtin_lean(struct content **out);
/*
 * @c whole: a lean load's notes, steps and entries built (once a process);
 * any other content already is. ST_NOMEM or ST_OK.
 */
enum status content_builtin_whole(const struct content *c);
/*
 * Parse and check the YAML the built-in content was compiled from, as
 * content_load_files() does: what 'lint' checks, and what the build compiles.
 */
enum status content_parse_builtin(struct content **out, struct diag_list *dl);
void content_free(struct content **c);

const char *content_role_name(enum role r);
/* Names of the audiences in @mask joined by ", " into @buf. */
void content_audience_names(unsigned mask, char *buf, size_t size);
const char *content_audience_name(enum audience a);
const char *content_origin_name(enum content_origin o);
const char *content_when_name(enum note_when w);
const char *content_source_name(enum hop_source s);
/* The allowed values of a note's 'category' and 'change', in the upstream table's order. */
extern const char *const content_category_names[CONTENT_CATEGORY_COUNT];
extern const char *const content_change_names[CONTENT_CHANGE_COUNT];

/*
 * Is the note @n or step @s (one of them NULL) done on each host of a role,
 * a per-host step or a 'when: per-host' note? The role in *@role.
 */
static inline bool content_per_host(const struct content_note *n, const struct content_step *s,
				    enum role *role)
{
	if (n && n->when == NOTE_PER_HOST) {
		*role = n->role;
		return true;
	}
	if (s && s->per_host) {
		*role = s->role;
		return true;
	}
	return false;
}

/* The hop whose id is "FROM-TO", or NULL. */
const struct content_hop *content_find_hop(const struct content *c, const char *id);

/*
 * Fill the digest of every note and step of @c (the loader does, once). An
 * item's digest covers everything an operator reads about it (kind, texts,
 * role, points, flags, warning, languages, per-host, branches; a note's
 * warning, 'when' and role when it has them) and nothing that only says
 * where a text comes from (origin, since, category, change) or how a host
 * shows it done (verify), so marking those never drifts a session.
 */
void content_digest_items(struct content *c);

#endif
