/*
 * test_content_loader.c - the content loader against fixtures and hostile input.
 *
 * tests/fixtures/content/good/ is a small valid guide using every optional
 * feature once; each tests/fixtures/content/bad-NAME/ is a copy of it with one
 * defect (bad-several-defects has several), and the loader must report
 * exactly the expected "FILE:LINE:COL: message" lines, as `lint` prints them.
 * Then: input that is not content at all must never crash, leak or load.
 * Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "strbuf.h"

#define FIX "tests/fixtures/content/"
#define GOOD FIX "good"

/* ---- helpers ----------------------------------------------------------- */

/* One problem as diag_print prints it. Caller frees. */
static char *diag_line(const struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;

	if (d->line)
		strbuf_addf(&sb, "%s:%u:%u: %s", d->file, d->line, d->col, d->message);
	else
		strbuf_addf(&sb, "%s: %s", d->file, d->message);
	assert_false(strbuf_failed(&sb));
	return strbuf_detach(&sb);
}

/* The whole list, for failure messages. */
static void dump(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->count; i++) {
		char *s = diag_line(&dl->items[i]);
		print_message("  got: %s\n", s);
		free(s);
	}
}

/* Loading @dir fails with ST_DATAERR and exactly the lines @want, in order. */
static void expect_problems(const char *dir, const char *const *want, size_t nwant)
{
	struct diag_list dl;
	struct content *c = (struct content *)&dl; /* not NULL: must be cleared */
	enum status st;

	diag_list_init(&dl);
	st = content_load_dir(dir, &c, &dl);
	if (dl.count != nwant)
		dump(&dl);
	assert_int_equal(st, ST_DATAERR);
	assert_null(c);
	assert_int_equal(dl.dropped, 0);
	assert_int_equal(dl.nomem, 0);
	assert_int_equal(dl.count, nwant);
	for (size_t i = 0; i < nwant; i++) {
		char *got = diag_line(&dl.items[i]);
		if (strcmp(got, want[i]) != 0)
			dump(&dl);
		assert_string_equal(got, want[i]);
		free(got);
	}
	diag_list_release(&dl);
}

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, *len, f), *len);
	fclose(f);
	return buf;
}

/*
 * Load in-memory files and check the loader's contract whatever the input:
 * ST_OK with a model and no problem, or ST_DATAERR with no model and at least
 * one problem, every one with a file name and a message. Returns the status;
 * the diag list is left in @dl (released by the caller) when @dl is given.
 */
static enum status load_mem(const struct content_file *guide, const struct content_file *hops,
			    size_t nhops, struct diag_list *keep)
{
	struct diag_list dl;
	struct content *c = NULL;
	enum status st;

	diag_list_init(&dl);
	st = content_load_files(guide, hops, nhops, "memory", &c, &dl);
	if (st == ST_OK) {
		assert_non_null(c);
		assert_int_equal(dl.count, 0);
		assert_true(c->nhops > 0);
		content_free(&c);
		assert_null(c);
	} else {
		if (st != ST_DATAERR)
			dump(&dl);
		assert_int_equal(st, ST_DATAERR);
		assert_null(c);
		assert_true(dl.count + dl.dropped > 0);
		for (size_t i = 0; i < dl.count; i++) {
			assert_non_null(dl.items[i].file);
			assert_true(dl.items[i].message[0] != '\0');
		}
	}
	if (keep)
		*keep = dl;
	else
		diag_list_release(&dl);
	return st;
}

/* The good fixture in memory: guide and the three hops. */
struct good_files {
	unsigned char *data[4];
	struct content_file guide, hops[3];
};

static void good_files_load(struct good_files *g)
{
	static const char *const names[4] = {
		GOOD "/guide.yaml", GOOD "/hops/0.1-0.2.yaml", GOOD "/hops/0.2-0.3.yaml",
		GOOD "/hops/0.3-0.4.yaml",
	};
	for (int i = 0; i < 4; i++) {
		size_t len;
		struct content_file *f = i ? &g->hops[i - 1] : &g->guide;
		g->data[i] = read_all(names[i], &len);
		*f = (struct content_file){ names[i], g->data[i], len };
	}
}

static void good_files_free(struct good_files *g)
{
	for (int i = 0; i < 4; i++)
		free(g->data[i]);
}

/* ---- the good fixture -------------------------------------------------- */

static void test_good_fixture(void **state)
{
	struct diag_list dl;
	struct content *c = NULL;
	const struct content_hop *h;
	const struct content_note *n;
	const struct content_step *s;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(content_load_dir(GOOD, &c, &dl), ST_OK);
	assert_int_equal(dl.count, 0);
	assert_non_null(c);

	assert_string_equal(c->product, "Apache Mesos");
	assert_string_equal(c->title, "Upgrading Mesos (test fixture)");
	assert_string_equal(c->source, "tests/fixtures/content/good");
	assert_string_equal(c->version, "0.0.1-test");
	assert_string_equal(c->origin, GOOD);
	assert_int_equal(c->nhops, 3);

	/* hop 0.1-0.2: a note with an audience list, points and code; steps with
	 * detail, flags, warning, languages and branches */
	h = &c->hops[0];
	assert_string_equal(h->id, "0.1-0.2");
	assert_string_equal(h->from, "0.1");
	assert_string_equal(h->to, "0.2");
	assert_int_equal(h->vfrom.major, 0);
	assert_int_equal(h->vfrom.minor, 1);
	assert_int_equal(h->vto.minor, 2);
	assert_string_equal(h->title, "Upgrading from 0.1.x to 0.2.x");
	assert_true(h->ordered);
	assert_null(h->order_note);
	assert_string_equal(h->pos.file, GOOD "/hops/0.1-0.2.yaml");
	assert_int_equal(h->pos.line, 1);
	assert_int_equal(h->pos.col, 1);
	assert_int_equal(h->nnotes, 1);
	assert_int_equal(h->nsteps, 3);

	n = &h->notes[0];
	assert_string_equal(n->id, "role-acls");
	assert_string_equal(n->full_id, "0.1-0.2/role-acls");
	assert_string_equal(n->title, "ACLs now apply to roles");
	assert_int_equal(n->audience, AUD_OPERATOR | AUD_FRAMEWORK_DEVELOPER);
	assert_string_equal(n->text, "The ReserveResources ACL now names roles instead of principals.");
	assert_int_equal(n->points.count, 2);
	assert_string_equal(n->points.items[0], "Update the ACL definitions.");
	assert_string_equal(n->points.items[1], "Restart the masters.");
	assert_string_equal(n->code, "message ACL {\n\trequired string role = 1;\n}");
	assert_string_equal(n->pos.file, GOOD "/hops/0.1-0.2.yaml");
	assert_int_equal(n->pos.line, 5);
	assert_int_equal(n->pos.col, 5);

	s = &h->steps[0];
	assert_string_equal(s->id, "restart-masters");
	assert_string_equal(s->full_id, "0.1-0.2/restart-masters");
	assert_int_equal(s->role, ROLE_MASTER);
	assert_string_equal(s->text, "Restart the masters with --authorizers set.");
	assert_string_equal(s->detail, "The flag takes a comma-separated list.");
	assert_int_equal(s->flags.count, 1);
	assert_string_equal(s->flags.items[0], "--authorizers");
	assert_string_equal(s->warning, "Never restart all masters at once.");
	assert_int_equal(s->points.count, 0);
	assert_int_equal(s->nlanguages, 0);
	assert_int_equal(s->nbranches, 0);
	assert_int_equal(s->pos.line, 19);
	assert_int_equal(s->pos.col, 5);

	s = &h->steps[1];
	assert_string_equal(s->full_id, "0.1-0.2/relink-schedulers");
	assert_int_equal(s->role, ROLE_SCHEDULER);
	assert_null(s->detail);
	assert_null(s->warning);
	assert_int_equal(s->flags.count, 0);
	assert_int_equal(s->nlanguages, 2);
	assert_string_equal(s->languages[0].language, "Java");
	assert_string_equal(s->languages[0].text, "Use the new jar.");
	assert_string_equal(s->languages[1].language, "Python");
	assert_string_equal(s->languages[1].text, "Use the new egg.");

	s = &h->steps[2];
	assert_string_equal(s->full_id, "0.1-0.2/restart-agents");
	assert_int_equal(s->role, ROLE_AGENT);
	assert_int_equal(s->nbranches, 2);
	assert_string_equal(s->branches[0].id, "all-at-once");
	assert_string_equal(s->branches[0].title, "All at once");
	assert_int_equal(s->branches[0].points.count, 2);
	assert_string_equal(s->branches[0].points.items[1], "Start every agent.");
	assert_string_equal(s->branches[1].id, "rolling");
	assert_string_equal(s->branches[1].title, "One at a time");
	assert_int_equal(s->branches[1].points.count, 1);
	assert_string_equal(s->branches[1].points.items[0],
			    "Restart one agent and wait until it reregisters.");

	/* hop 0.2-0.3: unordered, with its note; module and executor steps */
	h = &c->hops[1];
	assert_string_equal(h->id, "0.2-0.3");
	assert_false(h->ordered);
	assert_string_equal(h->order_note, "The guide says these steps can be done in any order.");
	assert_int_equal(h->nnotes, 1);
	assert_string_equal(h->notes[0].full_id, "0.2-0.3/module-api");
	assert_int_equal(h->notes[0].audience, AUD_MODULE_WRITER);
	assert_null(h->notes[0].code);
	assert_int_equal(h->notes[0].points.count, 0);
	assert_int_equal(h->nsteps, 2);
	assert_string_equal(h->steps[0].full_id, "0.2-0.3/rebuild-modules");
	assert_int_equal(h->steps[0].role, ROLE_MODULE);
	assert_int_equal(h->steps[0].points.count, 2);
	assert_string_equal(h->steps[0].points.items[0], "Rebuild every module.");
	assert_string_equal(h->steps[1].full_id, "0.2-0.3/upgrade-executors");
	assert_int_equal(h->steps[1].role, ROLE_EXECUTOR);

	/* hop 0.3-0.4: notes: [] and a step id reused from another hop */
	h = &c->hops[2];
	assert_string_equal(h->id, "0.3-0.4");
	assert_int_equal(h->nnotes, 0);
	assert_int_equal(h->nsteps, 1);
	assert_string_equal(h->steps[0].full_id, "0.3-0.4/restart-masters");
	/* ... done on each master, shown done by the version it runs */
	assert_true(h->steps[0].per_host);
	assert_int_equal(h->steps[0].verify, CONTENT_VERIFY_VERSION);
	assert_int_equal(c->hops[1].steps[1].verify, CONTENT_VERIFY_NONE);

	assert_ptr_equal(content_find_hop(c, "0.2-0.3"), &c->hops[1]);
	assert_null(content_find_hop(c, "0.4-0.5"));

	content_free(&c);
	assert_null(c);
	diag_list_release(&dl);
}

/* Hops come in any order and leave in chain order. */
static void test_hops_sorted_by_from(void **state)
{
	struct good_files g;
	struct content_file rev[3];
	struct diag_list dl;
	struct content *c = NULL;

	(void)state;
	good_files_load(&g);
	rev[0] = g.hops[2];
	rev[1] = g.hops[0];
	rev[2] = g.hops[1];
	diag_list_init(&dl);
	assert_int_equal(content_load_files(&g.guide, rev, 3, "memory", &c, &dl), ST_OK);
	assert_string_equal(c->origin, "memory");
	assert_int_equal(c->nhops, 3);
	assert_string_equal(c->hops[0].id, "0.1-0.2");
	assert_string_equal(c->hops[1].id, "0.2-0.3");
	assert_string_equal(c->hops[2].id, "0.3-0.4");
	/* the model keeps its hops' file names */
	assert_string_equal(c->hops[2].pos.file, GOOD "/hops/0.3-0.4.yaml");
	content_free(&c);
	diag_list_release(&dl);
	good_files_free(&g);
}

/* ---- one defect, one problem ------------------------------------------- */

struct bad_fixture {
	const char *dir;
	const char *want;
};

/* X(fixture directory, the problem after the directory name) */
#define BAD_FIXTURES(X) \
	X("bad-alias", \
	  "/hops/0.3-0.4.yaml:8:11: alias '*restart': anchors and aliases are not allowed in " \
	  "content") \
	X("bad-anchor", \
	  "/hops/0.3-0.4.yaml:3:8: anchor '&title': anchors and aliases are not allowed in " \
	  "content") \
	X("bad-audience-mapping", \
	  "/hops/0.2-0.3.yaml:9:15: 'audience' must be one audience or a list of them, not a " \
	  "mapping") \
	X("bad-bidi", \
	  "/hops/0.1-0.2.yaml:24:14: 'warning' contains the bidirectional control character " \
	  "U+202E") \
	X("bad-blank-text", \
	  "/hops/0.3-0.4.yaml:8:11: 'text' is empty (it holds only white space)") \
	X("bad-branch-points-empty", \
	  "/hops/0.1-0.2.yaml:44:17: a branch needs at least one point") \
	X("bad-control-c1", \
	  "/hops/0.2-0.3.yaml:20:11: 'text' contains the control character U+0085") \
	X("bad-control-escape", \
	  "/hops/0.3-0.4.yaml:8:11: 'text' contains the control character U+001B") \
	X("bad-control-x1b", \
	  "/hops/0.2-0.3.yaml:8:12: 'title' contains the control character U+001B") \
	X("bad-duplicate-audience", \
	  "/hops/0.1-0.2.yaml:7:47: audience 'operator' is listed twice") \
	X("bad-duplicate-branch-id", \
	  "/hops/0.1-0.2.yaml:42:13: duplicate id 'all-at-once' in this step's branches " \
	  "(first at line 37)") \
	X("bad-duplicate-id", \
	  "/hops/0.2-0.3.yaml:18:9: duplicate id 'module-api' in this hop (first at line 7)") \
	X("bad-duplicate-key", \
	  "/hops/0.3-0.4.yaml:9:1: duplicate key 'title' in a hop (first at line 3)") \
	X("bad-empty-file", "/hops/0.3-0.4.yaml:1:1: file is empty") \
	X("bad-empty-text", "/hops/0.3-0.4.yaml:8:11: 'text' is empty") \
	X("bad-file-name", \
	  "/hops/0.2_0.3.yaml:1:1: a hop from 0.2 to 0.3 belongs in a file named 0.2-0.3.yaml") \
	X("bad-flag-dashes", \
	  "/hops/0.1-0.2.yaml:23:13: flag '-authorizers' must start with '--' and hold no " \
	  "spaces") \
	X("bad-flag-not-in-text", \
	  "/hops/0.1-0.2.yaml:23:28: flag '--acls' is not named in the step's text") \
	X("bad-flag-prefix-of-word", \
	  "/hops/0.1-0.2.yaml:23:13: flag '--authorizer' is not named in the step's text") \
	X("bad-flags-scalar", \
	  "/hops/0.1-0.2.yaml:23:12: 'flags' must be a list of text, not a scalar") \
	X("bad-gap", \
	  "/hops/0.3-0.4.yaml:1:1: hops do not chain: 0.1-0.2 ends at 0.2 but no hop starts " \
	  "there (the next one, 0.3-0.4, starts at 0.3)") \
	X("bad-id-chars", \
	  "/hops/0.3-0.4.yaml:6:9: id 'Restart_Masters' must be lower-case letters, digits " \
	  "and inner '-'") \
	X("bad-invalid-utf8", \
	  "/hops/0.2-0.3.yaml:10:34: invalid UTF-8 byte 0xFF: the file must be UTF-8") \
	X("bad-missing-audience", "/hops/0.2-0.3.yaml:7:5: missing key 'audience' in a note") \
	X("bad-missing-branch-id", "/hops/0.1-0.2.yaml:42:9: missing key 'id' in a branch") \
	X("bad-missing-branch-points", \
	  "/hops/0.1-0.2.yaml:42:9: missing key 'points' in a branch") \
	X("bad-missing-branch-title", "/hops/0.1-0.2.yaml:37:9: missing key 'title' in a branch") \
	X("bad-missing-from", "/hops/0.3-0.4.yaml:1:1: missing key 'from' in a hop") \
	X("bad-missing-guide-product", "/guide.yaml:1:1: missing key 'product' in the guide file") \
	X("bad-missing-guide-source", "/guide.yaml:1:1: missing key 'source' in the guide file") \
	X("bad-missing-guide-title", "/guide.yaml:1:1: missing key 'title' in the guide file") \
	X("bad-missing-guide-version", "/guide.yaml:1:1: missing key 'version' in the guide file") \
	X("bad-missing-hop-title", "/hops/0.3-0.4.yaml:1:1: missing key 'title' in a hop") \
	X("bad-missing-language-text", \
	  "/hops/0.1-0.2.yaml:29:9: missing key 'text' in a language entry") \
	X("bad-missing-language", \
	  "/hops/0.1-0.2.yaml:29:9: missing key 'language' in a language entry") \
	X("bad-missing-note-id", "/hops/0.2-0.3.yaml:7:5: missing key 'id' in a note") \
	X("bad-missing-note-text", "/hops/0.2-0.3.yaml:7:5: missing key 'text' in a note") \
	X("bad-missing-note-title", "/hops/0.2-0.3.yaml:7:5: missing key 'title' in a note") \
	X("bad-missing-notes", "/hops/0.3-0.4.yaml:1:1: missing key 'notes' in a hop") \
	X("bad-missing-role", "/hops/0.3-0.4.yaml:6:5: missing key 'role' in a step") \
	X("bad-missing-step-id", "/hops/0.3-0.4.yaml:6:5: missing key 'id' in a step") \
	X("bad-missing-step-text", "/hops/0.2-0.3.yaml:18:5: missing key 'text' in a step") \
	X("bad-missing-steps", "/hops/0.2-0.3.yaml:1:1: missing key 'steps' in a hop " \
	  "(or 'standard_steps: true' when the source gives no steps)") \
	X("bad-missing-to", "/hops/0.3-0.4.yaml:1:1: missing key 'to' in a hop") \
	X("bad-no-guide", "/guide.yaml: cannot read: No such file or directory") \
	X("bad-no-hops", ": no hop files found") \
	X("bad-notes-mapping", "/hops/0.3-0.4.yaml:4:8: 'notes' must be a list, not a mapping") \
	X("bad-nul", "/hops/0.1-0.2.yaml:12:9: 'points' contains the control character U+0000") \
	X("bad-null-text", "/hops/0.3-0.4.yaml:8:10: 'text' is empty") \
	X("bad-order-note-ordered", \
	  "/hops/0.2-0.3.yaml:5:13: 'order_note' is only for hops with 'ordered: false'") \
	X("bad-ordered-no-note", \
	  "/hops/0.2-0.3.yaml:4:10: 'ordered: false' needs an 'order_note' saying what the " \
	  "guide says") \
	X("bad-ordered-yes", "/hops/0.2-0.3.yaml:4:10: 'ordered' must be true or false") \
	X("bad-overlap", \
	  "/hops/0.1-0.3.yaml:1:1: hops overlap: 0.1-0.3 starts at 0.1, before 0.1-0.2 ends " \
	  "at 0.2") \
	X("bad-points-empty", \
	  "/hops/0.2-0.3.yaml:15:13: 'points' is an empty list (leave it out instead)") \
	X("bad-points-mapping", \
	  "/hops/0.2-0.3.yaml:16:7: 'points' must be a list of text, not a mapping") \
	X("bad-single-branch", \
	  "/hops/0.1-0.2.yaml:37:7: 'branches' needs at least two alternatives") \
	X("bad-step-scalar", "/hops/0.3-0.4.yaml:9:5: a step must be a mapping, not a scalar") \
	X("bad-steps-empty", "/hops/0.3-0.4.yaml:5:8: a hop needs at least one step " \
	  "(or 'standard_steps: true' when the source gives none)") \
	X("bad-steps-scalar", "/hops/0.3-0.4.yaml:5:8: 'steps' must be a list, not a scalar") \
	X("bad-stray-yml", \
	  "/hops/0.4-0.5.yml: content files must end in .yaml (this one is ignored)") \
	X("bad-tab-in-text", \
	  "/hops/0.3-0.4.yaml:8:11: 'text' contains a tab (only 'code' may hold tabs)") \
	X("bad-tag", \
	  "/hops/0.3-0.4.yaml:3:8: explicit tags such as !!str are not allowed in content") \
	X("bad-title-list", "/hops/0.3-0.4.yaml:3:8: 'title' must be text, not a list") \
	X("bad-title-newline", "/hops/0.3-0.4.yaml:3:8: 'title' must be one line") \
	X("bad-to-not-after-from", \
	  "/hops/0.4-0.3.yaml:2:5: 'to' (0.3) must be a later series than 'from' (0.4)") \
	X("bad-two-documents", \
	  "/hops/0.3-0.4.yaml:9:1: only one YAML document per file is allowed") \
	X("bad-unknown-audience", \
	  "/hops/0.2-0.3.yaml:9:15: unknown audience 'module-developer' (expected operator, " \
	  "framework-developer, module-writer or binding-developer)") \
	X("bad-unknown-key-branch", \
	  "/hops/0.1-0.2.yaml:44:9: unknown key 'detail' in a branch (expected one of: id, " \
	  "title, points, origin)") \
	X("bad-unknown-key-guide", \
	  "/guide.yaml:5:1: unknown key 'author' in the guide file (expected one of: " \
	  "product, title, source, version)") \
	X("bad-unknown-key-hop", \
	  "/hops/0.3-0.4.yaml:4:1: unknown key 'summary' in a hop (expected one of: from, " \
	  "to, title, ordered, order_note, notes, steps, source, reference, standard_steps)") \
	X("bad-unknown-key-language", \
	  "/hops/0.1-0.2.yaml:33:9: unknown key 'url' in a language entry (expected one of: " \
	  "language, text)") \
	X("bad-unknown-key-note", \
	  "/hops/0.2-0.3.yaml:10:5: unknown key 'severity' in a note (expected one of: id, " \
	  "title, audience, text, points, code, warning, origin, when, role, role_first, " \
	  "since, category, change)") \
	X("bad-unknown-key-step", \
	  "/hops/0.3-0.4.yaml:9:5: unknown key 'owner' in a step (expected one of: id, role, " \
	  "text, detail, points, flags, warning, languages, branches, per_host, verify, " \
	  "origin)") \
	X("bad-unknown-role", \
	  "/hops/0.1-0.2.yaml:34:11: unknown role 'slave' (expected master, agent, " \
	  "scheduler, executor or module)") \
	X("bad-verify-not-per-host", \
	  "/hops/0.3-0.4.yaml:9:13: 'verify: version' is for steps done on each host (per_host: " \
	  "true): each host's running version shows it done") \
	X("bad-verify-value", \
	  "/hops/0.3-0.4.yaml:10:13: unknown verify 'running' (expected version: the hosts " \
	  "report the hop's target version once the step is done)") \
	X("bad-version-prefix", \
	  "/hops/0.2-0.3.yaml:1:7: 'from' must be a minor series such as \"0.27\", not 'v0.2'") \
	X("bad-version-release", \
	  "/hops/0.1-0.2.yaml:2:5: 'to' must be a minor series such as \"0.27\", not '0.2.1'") \
	X("bad-version-word", \
	  "/hops/0.3-0.4.yaml:2:5: 'to' must be a minor series such as \"0.27\", not 'abc'") \
	X("bad-after-no-binary-step", \
	  "/hops/1.2-1.3.yaml:14:11: a note with 'when: after' acts once the binaries are " \
	  "replaced: this hop has no master or agent step to follow") \
	X("bad-category-value", \
	  "/hops/1.0-1.1.yaml:24:15: unknown category 'Core' (expected Mesos Core, Flags, " \
	  "Framework API, Module API or Endpoints)") \
	X("bad-change-value", \
	  "/hops/1.2-1.3.yaml:14:13: unknown change 'dropped' (expected added, changed, " \
	  "deprecated or removed)") \
	X("bad-note-warning-empty", \
	  "/hops/1.0-1.1.yaml:12:14: 'warning' is empty") \
	X("bad-origin-value", \
	  "/hops/1.0-1.1.yaml:41:13: unknown origin 'project' (expected guide, the source " \
	  "says it, or tool, the project's own advice)") \
	X("bad-per-host-no-role", \
	  "/hops/1.0-1.1.yaml:13:5: a note with 'when: per-host' needs 'role: master' or " \
	  "'role: agent': the hosts it acts on") \
	X("bad-per-host-no-step", \
	  "/hops/1.0-1.1.yaml:16:11: a 'when: per-host' note for the agents needs a step " \
	  "of role agent with 'per_host: true' in this hop") \
	X("bad-per-host-role-scheduler", \
	  "/hops/1.0-1.1.yaml:17:11: a per-host note acts on each master or agent, not on " \
	  "a scheduler") \
	X("bad-point-missing-text", \
	  "/hops/1.0-1.1.yaml:35:9: missing key 'text' in a point") \
	X("bad-point-unknown-key", \
	  "/hops/1.0-1.1.yaml:37:9: unknown key 'by' in a point (expected one of: text, " \
	  "origin)") \
	X("bad-release-notes-no-reference", \
	  "/hops/1.2-1.3.yaml:1:1: 'source: release-notes' needs a 'reference' naming " \
	  "them, such as \"CHANGELOG 1.11.0\"") \
	X("bad-role-first-no-standard", \
	  "/hops/1.0-1.1.yaml:19:17: 'role_first' is only for hops with 'standard_steps: " \
	  "true': elsewhere the steps keep the source's order") \
	X("bad-role-first-twice", \
	  "/hops/1.1-1.2.yaml:20:17: only one note of a hop may set 'role_first' (the " \
	  "first at line 9)") \
	X("bad-role-first-value", \
	  "/hops/1.1-1.2.yaml:9:17: unknown role 'framework' (expected master, agent, " \
	  "scheduler, executor or module)") \
	X("bad-role-not-per-host", \
	  "/hops/1.0-1.1.yaml:24:11: 'role' is for notes with 'when: per-host': the hosts " \
	  "it acts on") \
	X("bad-since-first-release", \
	  "/hops/1.1-1.2.yaml:16:12: 'since' 1.2.0 is the series' first release: the note " \
	  "applies to the whole hop, so leave 'since' out") \
	X("bad-since-not-patch", \
	  "/hops/1.1-1.2.yaml:16:12: 'since' must be a patch release such as \"1.2.1\", " \
	  "not '1.2'") \
	X("bad-since-other-series", \
	  "/hops/1.1-1.2.yaml:16:12: 'since' 1.1.2 is not a release of the hop's 'to' " \
	  "series 1.2: a note applies from a patch release of the version it upgrades to") \
	X("bad-source-value", \
	  "/hops/1.2-1.3.yaml:4:9: unknown source 'changelog' (expected guide, the upgrade " \
	  "guide, or release-notes)") \
	X("bad-standard-and-steps", \
	  "/hops/1.1-1.2.yaml:6:3: 'standard_steps: true' gives the hop the project's " \
	  "standard steps: leave 'steps' out (or write [])") \
	X("bad-standard-note-id", \
	  "/hops/1.1-1.2.yaml:13:9: id 'restart-agents' is a standard step's in this hop " \
	  "('standard_steps: true'): choose another") \
	X("bad-standard-steps-bool", \
	  "/hops/1.1-1.2.yaml:4:17: 'standard_steps' must be true or false") \
	X("bad-when-value", \
	  "/hops/1.0-1.1.yaml:8:11: unknown when 'during' (expected before, after or " \
	  "per-host)") \
	X("bad-yaml-syntax", \
	  "/hops/0.1-0.2.yaml:6:16: mapping values are not allowed in this context")
#define BAD_DEF(name, rest) { FIX name, FIX name rest },
static struct bad_fixture bad_fixtures[] = { BAD_FIXTURES(BAD_DEF) };

static void test_bad_fixture(void **state)
{
	const struct bad_fixture *b = *state;

	expect_problems(b->dir, &b->want, 1);
}

/* Every problem of a file is reported, and the list follows the files. */
static void test_several_defects(void **state)
{
	static const char *const want[] = {
		FIX "bad-several-defects/guide.yaml:4:10: 'version' is empty",
		FIX "bad-several-defects/guide.yaml:5:1: unknown key 'author' in the guide file "
		"(expected one of: product, title, source, version)",
		FIX "bad-several-defects/hops/0.1-0.2.yaml:34:11: unknown role 'slave' (expected "
		"master, agent, scheduler, executor or module)",
		FIX "bad-several-defects/hops/0.3-0.4.yaml:3:8: 'title' must be one line",
		FIX "bad-several-defects/hops/0.3-0.4.yaml:4:1: unknown key 'summary' in a hop "
		"(expected one of: from, to, title, ordered, order_note, notes, steps, source, "
		"reference, standard_steps)",
		FIX "bad-several-defects/hops/0.3-0.4.yaml:9:11: 'text' is empty",
	};

	(void)state;
	expect_problems(FIX "bad-several-defects", want, sizeof(want) / sizeof(want[0]));
}

/* ---- in-memory cases the fixtures cannot show -------------------------- */

static const char hop12[] =
	"from: \"0.1\"\nto: \"0.2\"\ntitle: T\nnotes: []\n"
	"steps:\n  - id: s\n    role: master\n    text: Do it.\n";
static const char guide_ok[] =
	"product: P\ntitle: T\nsource: S\nversion: \"1\"\n";

static struct content_file mem(const char *name, const char *s, size_t len)
{
	return (struct content_file){ name, (const unsigned char *)s, len };
}

/* Load one guide and hop text; expect exactly @want (or ST_OK when NULL). */
static void expect_mem(const char *guide, const char *hop, const char *want)
{
	struct content_file g = mem("guide.yaml", guide, strlen(guide));
	struct content_file h = mem("hops/0.1-0.2.yaml", hop, strlen(hop));
	struct diag_list dl;
	enum status st = load_mem(&g, &h, 1, &dl);

	if (!want) {
		assert_int_equal(st, ST_OK);
	} else {
		char *got;
		if (dl.count != 1)
			dump(&dl);
		assert_int_equal(st, ST_DATAERR);
		assert_int_equal(dl.count, 1);
		got = diag_line(&dl.items[0]);
		assert_string_equal(got, want);
		free(got);
	}
	diag_list_release(&dl);
}

static void test_minimal_hop_loads(void **state)
{
	(void)state;
	expect_mem(guide_ok, hop12, NULL);
}

/* Two files for one hop: the second is reported, naming the first. */
static void test_hop_defined_twice(void **state)
{
	struct content_file g = mem("guide.yaml", guide_ok, strlen(guide_ok));
	struct content_file h[2] = {
		mem("a/hops/0.1-0.2.yaml", hop12, strlen(hop12)),
		mem("b/hops/0.1-0.2.yaml", hop12, strlen(hop12)),
	};
	struct diag_list dl;
	char *got;

	(void)state;
	assert_int_equal(load_mem(&g, h, 2, &dl), ST_DATAERR);
	assert_int_equal(dl.count, 1);
	got = diag_line(&dl.items[0]);
	assert_string_equal(got, "b/hops/0.1-0.2.yaml:1:1: hop 0.1-0.2 is defined twice "
			    "(also in a/hops/0.1-0.2.yaml)");
	free(got);
	diag_list_release(&dl);
}

/* What the file holds is never echoed raw: no control characters, no
 * unbounded length. */
static void test_unknown_key_shown_safely(void **state)
{
	(void)state;
	expect_mem(guide_ok, "\"ti\\x1btle\": T\nfrom: \"0.1\"\nto: \"0.2\"\ntitle: T\nnotes: []\n"
		   "steps:\n  - id: s\n    role: master\n    text: Do it.\n",
		   "hops/0.1-0.2.yaml:1:1: unknown key 'ti?tle' in a hop (expected one of: "
		   "from, to, title, ordered, order_note, notes, steps, source, reference, "
		   "standard_steps)");
	expect_mem(guide_ok, "from: \"0.1\"\nto: \"0.2\"\ntitle: T\nnotes: []\n"
		   "steps:\n  - id: s\n    role: \"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
		   "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
		   "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
		   "\\u00e9\\u00e9\"\n    text: Do it.\n",
		   "hops/0.1-0.2.yaml:7:11: unknown role '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
		   "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
		   "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
		   "...' (expected master, agent, scheduler, executor or module)");
}

/* A flag is named in the text as a whole word, "=value" allowed after it. */
static void test_flag_named_as_word(void **state)
{
	static const char head[] = "from: \"0.1\"\nto: \"0.2\"\ntitle: T\nnotes: []\nsteps:\n"
				   "  - id: s\n    role: master\n";
	char hop[256];

	(void)state;
	snprintf(hop, sizeof(hop), "%s    text: Restart with --quorum=2.\n"
		 "    flags: [\"--quorum=2\", --quorum]\n", head);
	expect_mem(guide_ok, hop, NULL);
	snprintf(hop, sizeof(hop), "%s    text: Set --quorum_size.\n    flags: [--quorum]\n", head);
	expect_mem(guide_ok, hop, "hops/0.1-0.2.yaml:9:13: flag '--quorum' is not named in the "
		   "step's text");
	snprintf(hop, sizeof(hop), "%s    text: Set --no-quorum.\n    flags: [--quorum]\n", head);
	expect_mem(guide_ok, hop, "hops/0.1-0.2.yaml:9:13: flag '--quorum' is not named in the "
		   "step's text");
}

/* Every Unicode bidirectional control is refused, not only U+202E. */
static void test_bidi_controls(void **state)
{
	static const char *const esc[] = {
		"\\u061C", "\\u200E", "\\u200F", "\\u202A", "\\u202B", "\\u202C", "\\u202D",
		"\\u202E", "\\u2066", "\\u2067", "\\u2068", "\\u2069",
	};
	char hop[256], want[160];

	(void)state;
	for (size_t i = 0; i < sizeof(esc) / sizeof(esc[0]); i++) {
		snprintf(hop, sizeof(hop), "from: \"0.1\"\nto: \"0.2\"\ntitle: \"a%sb\"\nnotes: []\n"
			 "steps:\n  - id: s\n    role: master\n    text: Do it.\n", esc[i]);
		snprintf(want, sizeof(want), "hops/0.1-0.2.yaml:3:8: 'title' contains the "
			 "bidirectional control character U+%s", esc[i] + 2);
		expect_mem(guide_ok, hop, want);
	}
	/* other non-ASCII text is fine */
	expect_mem(guide_ok, "from: \"0.1\"\nto: \"0.2\"\ntitle: \"caf\\u00e9 \\u2014 ok\"\n"
		   "notes: []\nsteps:\n  - id: s\n    role: master\n    text: Do it.\n", NULL);
}

/* Raw (unescaped) bytes libyaml refuses are placed where they are. */
static void test_raw_bytes_placed(void **state)
{
	(void)state;
	expect_mem(guide_ok, "from: \"0.1\"\nto: \"0.2\"\ntitle: T\x1b\n", 
		   "hops/0.1-0.2.yaml:3:9: control character U+001B: control characters are "
		   "not allowed");
	expect_mem(guide_ok, "from: \"0.1\"\nto: \"0.2\"\ntitle: caf\xc3\xa9 \xc3\n",
		   "hops/0.1-0.2.yaml:3:13: incomplete UTF-8 character: the file must be UTF-8");
	expect_mem(guide_ok, "from: \"0.1\"\r\nto: \"0.2\"\r\ntitle: \xed\xa0\x80\r\n",
		   "hops/0.1-0.2.yaml:3:8: invalid Unicode character U+D800");
	expect_mem(guide_ok, "from: \"0.1\"\nto: \"0.2\"\ntitle: T\nnotes: []\nsteps:\n\t- x\n",
		   "hops/0.1-0.2.yaml:6:1: found a tab where YAML expects indentation or a token "
		   "(indent with spaces)");
	expect_mem(guide_ok, "from: \"0.1\"\nto: \"0.2\"\ntitle: \"T\nnotes: []\n",
		   "hops/0.1-0.2.yaml:5:1: found unexpected end of stream (while scanning a quoted "
		   "scalar that starts at line 3, column 8)");
}

/* ---- robustness -------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Random bytes, and random text from YAML's own alphabet, as hop and guide. */
static void test_random_input(void **state)
{
	static const char alpha[] = " \n\n\t-:[]{},&*!|>'\"#%@`?.~0123456789abcdeftoflrm\\x\xc3\xa9";
	unsigned char buf[600];
	struct good_files g;

	(void)state;
	good_files_load(&g);
	for (int round = 0; round < 3000; round++) {
		size_t len = (size_t)(rng() % sizeof(buf));
		struct content_file f = { "random.yaml", buf, len };
		for (size_t i = 0; i < len; i++)
			buf[i] = round % 2 ? (unsigned char)rng()
					   : (unsigned char)alpha[rng() % (sizeof(alpha) - 1)];
		if (round % 3 == 0)
			load_mem(&f, g.hops, 3, NULL);
		else
			assert_int_equal(load_mem(&g.guide, &f, 1, NULL), ST_DATAERR);
	}
	good_files_free(&g);
}

/* Every prefix of every good file: a file cut short anywhere. Some cuts (the
 * end of a line of text) are still valid content; none may crash or leak. */
static void test_truncated_good_files(void **state)
{
	struct good_files g;

	(void)state;
	good_files_load(&g);
	for (int which = 0; which < 4; which++) {
		struct content_file *f = which ? &g.hops[which - 1] : &g.guide;
		size_t full = f->len;
		for (size_t len = 0; len <= full; len++) {
			enum status st;
			f->len = len;
			st = load_mem(&g.guide, g.hops, 3, NULL);
			if (len == 0 || len == full)
				assert_int_equal(st, len ? ST_OK : ST_DATAERR);
		}
		f->len = full;
	}
	good_files_free(&g);
}

static void expect_one(const struct content_file *guide, const struct content_file *hop,
		       const char *want)
{
	struct diag_list dl;
	char *got;

	assert_int_equal(load_mem(guide, hop, 1, &dl), ST_DATAERR);
	if (dl.count != 1)
		dump(&dl);
	assert_int_equal(dl.count, 1);
	got = diag_line(&dl.items[0]);
	assert_string_equal(got, want);
	free(got);
	diag_list_release(&dl);
}

static void test_deep_nesting(void **state)
{
	char *deep = malloc(10000);
	struct content_file g = mem("guide.yaml", guide_ok, strlen(guide_ok));
	struct content_file h;

	(void)state;
	assert_non_null(deep);
	memset(deep, '[', 10000);
	h = mem("hops/0.1-0.2.yaml", deep, 10000);
	expect_one(&g, &h, "hops/0.1-0.2.yaml:1:33: nesting too deep (the limit is 32 levels)");
	/* block style too */
	{
		struct strbuf sb = STRBUF_INIT;
		for (int i = 0; i < 40; i++) {
			strbuf_addn(&sb, ' ', (size_t)i * 2);
			strbuf_adds(&sb, "- \n");
		}
		h = mem("hops/0.1-0.2.yaml", sb.buf, sb.len);
		expect_one(&g, &h, "hops/0.1-0.2.yaml:33:65: nesting too deep (the limit is 32 "
			   "levels)");
		strbuf_release(&sb);
	}
	free(deep);
}

static void test_alias_bomb(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct content_file g = mem("guide.yaml", guide_ok, strlen(guide_ok));
	struct content_file h;

	(void)state;
	strbuf_adds(&sb, "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (int i = 1; i < 10; i++)
		strbuf_addf(&sb, "a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n", i, i,
			    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	assert_false(strbuf_failed(&sb));
	h = mem("hops/0.1-0.2.yaml", sb.buf, sb.len);
	expect_one(&g, &h, "hops/0.1-0.2.yaml:1:5: anchor '&a0': anchors and aliases are not "
		   "allowed in content");
	/* aliases without their anchors are refused just the same */
	expect_one(&g, &(struct content_file){ "hops/0.1-0.2.yaml",
			(const unsigned char *)"x: [*a, *a, *a]\n", 16 },
		   "hops/0.1-0.2.yaml:1:5: alias '*a': anchors and aliases are not allowed in content");
	strbuf_release(&sb);
}

/* 4 MiB is the largest file read; one byte more is refused unread. */
static void test_size_limit(void **state)
{
	size_t max = (size_t)4 << 20, hl = strlen(hop12);
	unsigned char *big = malloc(max + 1);
	struct content_file g = mem("guide.yaml", guide_ok, strlen(guide_ok));
	struct content_file h = { "hops/0.1-0.2.yaml", big, max + 1 };

	(void)state;
	assert_non_null(big);
	expect_one(&g, &h, "hops/0.1-0.2.yaml: file is larger than 4 MiB");
	/* exactly 4 MiB: a hop padded with a comment loads */
	memcpy(big, hop12, hl);
	big[hl] = '#';
	memset(big + hl + 1, 'x', max - hl - 2);
	big[max - 1] = '\n';
	h.len = max;
	assert_int_equal(load_mem(&g, &h, 1, NULL), ST_OK);
	free(big);
}

static void test_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xff", "title: \xc0\x80\n", "title: \xe2\x82\n", "title: \xed\xa0\x80\n",
		"title: \xf4\x90\x80\x80\n", "\xfe\xff", "t: \x80\n",
		"title: \"\xc3\"\n", "a: 'x\xf0\x9f'\n",
	};
	struct content_file g = mem("guide.yaml", guide_ok, strlen(guide_ok));

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct content_file h = mem("hops/0.1-0.2.yaml", bad[i], strlen(bad[i]));
		assert_int_equal(load_mem(&g, &h, 1, NULL), ST_DATAERR);
		assert_int_equal(load_mem(&h, &g, 1, NULL), ST_DATAERR);
	}
	expect_one(&g, &(struct content_file){ "hops/0.1-0.2.yaml",
			(const unsigned char *)"from: \"0.1\"\nto: \"0.\xff\"\n", 21 },
		   "hops/0.1-0.2.yaml:2:8: invalid UTF-8 byte 0xFF: the file must be UTF-8");
}

static void test_builtin_content_loads(void **state)
{
	struct diag_list dl;
	struct content *c = NULL;
	enum status st;

	(void)state;
	diag_list_init(&dl);
	st = content_load_builtin(&c, &dl);
	if (st != ST_OK)
		dump(&dl);
	assert_int_equal(st, ST_OK);
	assert_int_equal(dl.count, 0);
	assert_non_null(c);
	assert_string_equal(c->origin, "built-in");
	assert_true(c->nhops > 0);
	for (size_t i = 1; i < c->nhops; i++)
		assert_string_equal(c->hops[i - 1].to, c->hops[i].from);
	content_free(&c);
	diag_list_release(&dl);
}

#define BAD_TEST(name, rest) { name, test_bad_fixture, NULL, NULL, NULL },

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_fixture),
		cmocka_unit_test(test_hops_sorted_by_from),
		BAD_FIXTURES(BAD_TEST)
		cmocka_unit_test(test_several_defects),
		cmocka_unit_test(test_minimal_hop_loads),
		cmocka_unit_test(test_hop_defined_twice),
		cmocka_unit_test(test_unknown_key_shown_safely),
		cmocka_unit_test(test_flag_named_as_word),
		cmocka_unit_test(test_bidi_controls),
		cmocka_unit_test(test_raw_bytes_placed),
		cmocka_unit_test(test_random_input),
		cmocka_unit_test(test_truncated_good_files),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_builtin_content_loads),
	};
	size_t nbad = sizeof(bad_fixtures) / sizeof(bad_fixtures[0]);

	/* each bad-fixture test gets its row of the table as its state */
	for (size_t i = 0; i < nbad; i++)
		tests[2 + i].initial_state = &bad_fixtures[i];
	return cmocka_run_group_tests_name("content_loader", tests, NULL, NULL);
}
