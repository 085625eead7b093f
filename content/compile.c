/*
 * compile.c - the built-in content, compiled: a build-time program that
 * parses the content embedded by embed.sh (content_parse_builtin(), the very
 * load and checks 'lint' runs) and writes it as C source, static data of the
 * structs of content.h, so that content_load_builtin() hands it out without
 * parsing any YAML at run time (see core/content_builtin.c). With it, the
 * JSON a plan writes for each hop it takes whole, and each note and step
 * (content.plan_json), written by the plan's own functions (render_json.c).
 *
 * The hops are static data; their notes, steps and entries are not, but
 * code that builds them into memory it is given (content_compiled_build()),
 * for a command that reads them: as data, their 2,300 pointers were
 * written by the loader at every start of a position-independent program,
 * 18 pages copied on write, which a plan, which reads none of them, paid
 * for too (content_builtin.h). Their texts are literals, read-only data.
 *
 *   content_compile > content_compiled.c
 *
 * Content with problems compiles to nothing: they are printed, as lint
 * prints them, and the exit status is 65, which stops the build.
 * tests/unit/test_content_compiled.c compares the output, field by field,
 * with the parsed content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "content_builtin.h"
#include "render_json.h"

static FILE *out;
/*
 * What a walk over the hops writes: the 'tool' flags and 'since' lists
 * (static data without pointers), the members of struct compiled_bodies
 * (the arrays the notes, steps and entries are built in), or the code that
 * builds them (and the plan's JSON, added to plan_json as it goes).
 */
static enum pass { PASS_STATIC, PASS_MEMBERS, PASS_CODE } pass;
/* every hop's plan JSON, its object's members: the content's plan_json */
static struct strbuf plan_json = STRBUF_INIT;
/* where each hop's members are in plan_json (the one being compiled: hop_at, hop_len) */
static size_t *hops_at, *hops_len, hop_at, hop_len;

/*
 * @s as a C string literal, a line of the source per line of the text, every
 * byte outside printable ASCII as three octal digits (no escape can then take
 * in the character after it); "?" escaped, so that no trigraph is read.
 */
static void literal_n(const char *s, size_t n)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + n;
	     p++) {
		if (*p == '"' || *p == '\\' || *p == '?')
			fprintf(out, "\\%c", *p);
		else if (*p >= 0x20 && *p < 0x7f)
			fputc(*p, out);
		else
			fprintf(out, "\\%03o", *p);
		if (*p == '\n' && p + 1 < (const unsigned char *)s + n)
			fputs("\"\n\t\"", out);
	}
	fputc('"', out);
}

static void literal(const char *s)
{
	literal_n(s, strlen(s));
}

static void str(const char *s)
{
	if (s)
		literal(s);
	else
		fputs("NULL", out);
}

/* @before as it is, then @s as a literal */
static void put(const char *before, const char *s)
{
	fputs(before, out);
	str(s);
}

/* One of @names (whose texts are @texts), by identity: code compares the pointers. */
static void named(const char *s, const char *const *names, const char *texts, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (s == names[i]) {
			fprintf(out, "%s[%zu]", texts, i);
			return;
		}
	str(s);
}

static void pos(const struct content_pos *p)
{
	put(".pos = { ", p->file);
	fprintf(out, ", %u, %u }", p->line, p->col);
}

/* Append @json's members (without its braces) to plan_json: where they start. */
static size_t plan_json_add(const struct strbuf *json)
{
	size_t at = plan_json.len;

	if (json->len >= 2)
		strbuf_add(&plan_json, json->buf + 1, json->len - 2);
	return at;
}

/*
 * The plan JSON of note @n or step @s (the other NULL): its object's members
 * as they stand in its hop's (they are the same bytes), or else added alone.
 */
static void plan_json_item(const struct content_note *n, const struct content_step *s,
			   size_t number)
{
	struct strbuf one = STRBUF_INIT;
	size_t at, len;
	bool found = false;

	render_json_plan_item(&one, n, s, number);
	len = one.len >= 2 ? one.len - 2 : 0;
	for (at = hop_at; len && at + len <= hop_at + hop_len && !found; at++)
		found = memcmp(plan_json.buf + at, one.buf + 1, len) == 0;
	at = found ? at - 1 : plan_json_add(&one);
	strbuf_release(&one);
	fprintf(out, ", .json_at = %zu, .json_len = %zu", at, len);
}

static void version_fields(const struct version *v)
{
	fprintf(out, "%d, %d, %d, %d", v->major, v->minor, v->patch, (int)v->kind);
}

static void version(const char *field, const struct version *v)
{
	fprintf(out, ".%s = { ", field);
	version_fields(v);
	fputs(" }", out);
}

/*
 * The arrays of a list of strings, named @name: its 'tool' flags (static),
 * its items (a member, set by the code).
 */
static void declare_strings(const struct content_strings *l, const char *name)
{
	if (pass == PASS_STATIC && l->tool) {
		fprintf(out, "static const bool %s_tool[] = {", name);
		for (size_t i = 0; i < l->count; i++)
			fprintf(out, " %d,", l->tool[i]);
		fputs(" };\n", out);
	}
	if (pass == PASS_MEMBERS && l->count)
		fprintf(out, "\tconst char *%s[%zu];\n", name, l->count);
	for (size_t i = 0; pass == PASS_CODE && i < l->count; i++) {
		fprintf(out, "\tb->%s[%zu] = ", name, i);
		str(l->items[i]);
		fputs(";\n", out);
	}
}

static void strings(const char *field, const struct content_strings *l, const char *name)
{
	fprintf(out, ".%s = { ", field);
	if (l->count)
		fprintf(out, "b->%s, %zu, ", name, l->count);
	else
		fputs("NULL, 0, ", out);
	if (l->tool)
		fprintf(out, "%s_tool }", name);
	else
		fputs("NULL }", out);
}

static void declare_note(const struct content_note *n, const char *name)
{
	char pts[128];

	snprintf(pts, sizeof(pts), "%s_points", name);
	declare_strings(&n->points, pts);
}

static void note(const struct content_note *n, const char *name)
{
	char pts[128];

	snprintf(pts, sizeof(pts), "%s_points", name);
	put("{ .id = ", n->id);
	put(", .full_id = ", n->full_id);
	put(",\n\t  .title = ", n->title);
	put(",\n\t  .text = ", n->text);
	fprintf(out, ",\n\t  .audience = %u, ", n->audience);
	strings("points", &n->points, pts);
	put(",\n\t  .code = ", n->code);
	put(", .warning = ", n->warning);
	fprintf(out, ",\n\t  .origin = %d, .when = %d, .role = %d, .moves_role = %d, .role_first = %d,"
		"\n\t  .since = ", (int)n->origin, (int)n->when, (int)n->role, n->moves_role,
		(int)n->role_first);
	str(n->since);
	fputs(", ", out);
	version("vsince", &n->vsince);
	fputs(",\n\t  .category = ", out);
	named(n->category, content_category_names, "content_category_text", CONTENT_CATEGORY_COUNT);
	fputs(", .change = ", out);
	named(n->change, content_change_names, "content_change_text", CONTENT_CHANGE_COUNT);
	fputs(",\n\t  ", out);
	pos(&n->pos);
	fprintf(out, ", .digest = \"%s\"", n->digest);
	plan_json_item(n, NULL, 0);
	fputs(" }", out);
}

static void declare_step(const struct content_step *s, const char *name)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s_points", name);
	declare_strings(&s->points, buf);
	snprintf(buf, sizeof(buf), "%s_flags", name);
	declare_strings(&s->flags, buf);
	for (size_t i = 0; i < s->nbranches; i++) {
		snprintf(buf, sizeof(buf), "%s_b%zu_points", name, i);
		declare_strings(&s->branches[i].points, buf);
	}
	if (pass == PASS_MEMBERS) {
		if (s->nlanguages)
			fprintf(out, "\tstruct content_lang %s_languages[%zu];\n", name, s->nlanguages);
		if (s->nbranches)
			fprintf(out, "\tstruct content_branch %s_branches[%zu];\n", name, s->nbranches);
	}
	if (pass != PASS_CODE)
		return;
	for (size_t i = 0; i < s->nlanguages; i++) {
		fprintf(out, "\tb->%s_languages[%zu] = (struct content_lang){ ", name, i);
		str(s->languages[i].language);
		put(", ", s->languages[i].text);
		fputs(" };\n", out);
	}
	for (size_t i = 0; i < s->nbranches; i++) {
		const struct content_branch *br = &s->branches[i];
		fprintf(out, "\tb->%s_branches[%zu] = (struct content_branch)", name, i);
		put("{ .id = ", br->id);
		put(", .title = ", br->title);
		fputs(", ", out);
		snprintf(buf, sizeof(buf), "%s_b%zu_points", name, i);
		strings("points", &br->points, buf);
		fprintf(out, ", .origin = %d };\n", (int)br->origin);
	}
}

static void step(const struct content_step *s, size_t number, const char *name)
{
	char buf[128];

	put("{ .id = ", s->id);
	put(", .full_id = ", s->full_id);
	put(",\n\t  .text = ", s->text);
	fprintf(out, ",\n\t  .role = %d, .detail = ", (int)s->role);
	str(s->detail);
	fputs(",\n\t  ", out);
	snprintf(buf, sizeof(buf), "%s_points", name);
	strings("points", &s->points, buf);
	fputs(", ", out);
	snprintf(buf, sizeof(buf), "%s_flags", name);
	strings("flags", &s->flags, buf);
	put(",\n\t  .warning = ", s->warning);
	if (s->nlanguages)
		fprintf(out, ",\n\t  .languages = b->%s_languages, .nlanguages = %zu", name,
			s->nlanguages);
	if (s->nbranches)
		fprintf(out, ",\n\t  .branches = b->%s_branches, .nbranches = %zu", name,
			s->nbranches);
	fprintf(out, ",\n\t  .per_host = %d, .verify = %d, .origin = %d,\n\t  ", s->per_host,
		(int)s->verify, (int)s->origin);
	pos(&s->pos);
	fprintf(out, ", .digest = \"%s\"", s->digest);
	plan_json_item(NULL, s, number);
	fputs(" }", out);
}

/*
 * Hop @h's part of the pass: its lists' flags and its 'since' (static), its
 * arrays (members), or the code of build_hH(), which sets them (its plan's
 * JSON added to plan_json first).
 */
static void declare_hop(const struct content_hop *hop, size_t h)
{
	char name[48];

	if (pass == PASS_STATIC && hop->nsince) {
		fprintf(out, "static const struct version h%zu_since[] = {", h);
		for (size_t i = 0; i < hop->nsince; i++) {
			fputs("\n\t{ ", out);
			version_fields(&hop->since[i]);
			fputs(" },", out);
		}
		fputs("\n};\n", out);
	}
	if (pass == PASS_CODE) {
		struct strbuf json = STRBUF_INIT;
		render_json_plan_hop(&json, hop);
		/* right after the hop before, as a plan writes them (else each stands alone) */
		if (h && plan_json.len == hops_at[h - 1] + hops_len[h - 1])
			strbuf_adds(&plan_json, JSON_PLAN_BETWEEN_HOPS);
		hops_at[h] = hop_at = plan_json_add(&json);
		hops_len[h] = hop_len = plan_json.len - hop_at;
		strbuf_release(&json);
		fprintf(out, "static void build_h%zu(struct compiled_bodies *b)\n{\n", h);
	}
	for (size_t i = 0; i < hop->nnotes; i++) {
		snprintf(name, sizeof(name), "h%zu_n%zu", h, i);
		declare_note(&hop->notes[i], name);
	}
	for (size_t i = 0; i < hop->nsteps; i++) {
		snprintf(name, sizeof(name), "h%zu_s%zu", h, i);
		declare_step(&hop->steps[i], name);
	}
	if (pass == PASS_MEMBERS) {
		if (hop->nnotes)
			fprintf(out, "\tstruct content_note h%zu_notes[%zu];\n", h, hop->nnotes);
		if (hop->nsteps)
			fprintf(out, "\tstruct content_step h%zu_steps[%zu];\n", h, hop->nsteps);
		if (hop->nentries)
			fprintf(out, "\tstruct content_entry h%zu_entries[%zu];\n", h, hop->nentries);
	}
	if (pass != PASS_CODE)
		return;
	for (size_t i = 0; i < hop->nnotes; i++) {
		snprintf(name, sizeof(name), "h%zu_n%zu", h, i);
		fprintf(out, "\tb->h%zu_notes[%zu] = (struct content_note)", h, i);
		note(&hop->notes[i], name);
		fputs(";\n", out);
	}
	for (size_t i = 0; i < hop->nsteps; i++) {
		snprintf(name, sizeof(name), "h%zu_s%zu", h, i);
		fprintf(out, "\tb->h%zu_steps[%zu] = (struct content_step)", h, i);
		step(&hop->steps[i], i + 1, name);
		fputs(";\n", out);
	}
	for (size_t i = 0; i < hop->nentries; i++) {
		const struct content_entry *e = &hop->entries[i];
		if (e->note)
			fprintf(out, "\tb->h%zu_entries[%zu] = (struct content_entry){ &b->h%zu_notes[%td], "
				"NULL };\n", h, i, h, e->note - hop->notes);
		else
			fprintf(out, "\tb->h%zu_entries[%zu] = (struct content_entry){ NULL, "
				"&b->h%zu_steps[%td] };\n", h, i, h, e->step - hop->steps);
	}
	fputs("}\n\n", out);
}

static void hop(const struct content_hop *hop, size_t h)
{
	put("\t{ .id = ", hop->id);
	put(", .from = ", hop->from);
	put(", .to = ", hop->to);
	fputs(",\n\t  ", out);
	version("vfrom", &hop->vfrom);
	fputs(", ", out);
	version("vto", &hop->vto);
	put(",\n\t  .title = ", hop->title);
	fprintf(out, ",\n\t  .ordered = %d, .order_note = ", hop->ordered);
	str(hop->order_note);
	/* (the arrays: set by content_compiled_build()) */
	fprintf(out, ",\n\t  .nnotes = %zu, .nsteps = %zu, .nentries = %zu", hop->nnotes,
		hop->nsteps, hop->nentries);
	if (hop->nsince)
		fprintf(out, ",\n\t  .since = h%zu_since, .nsince = %zu", h, hop->nsince);
	fprintf(out, ",\n\t  .source = %d, .reference = ", (int)hop->source);
	str(hop->reference);
	fprintf(out, ", .standard_steps = %d,\n\t  ", hop->standard_steps);
	pos(&hop->pos);
	fprintf(out, ", .json_at = %zu, .json_len = %zu },\n", hops_at[h], hops_len[h]);
}

static void compile(const struct content *c)
{
	/* a text may be longer than the 4095 bytes ISO C promises a literal: gcc and clang take it */
	fputs("/* Generated by content/compile.c from the content embedded by content/embed.sh."
	      " Do not edit. */\n#include <stdbool.h>\n#include <stddef.h>\n\n"
	      "#include \"content_builtin.h\"\n\n"
	      "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n\n", out);
	for (pass = PASS_STATIC; pass <= PASS_CODE; pass++) {
		if (pass == PASS_MEMBERS)
			fputs("struct compiled_bodies {\n\tchar none; /* (a hop may have no array) */\n",
			      out);
		for (size_t h = 0; h < c->nhops; h++)
			declare_hop(&c->hops[h], h);
		if (pass == PASS_MEMBERS)
			fputs("};\n\n", out);
	}
	fputs("static struct content_hop hops[] = {\n", out);
	for (size_t h = 0; h < c->nhops; h++)
		hop(&c->hops[h], h);
	/* one line of the source per 96 bytes: an escape never spans two literals */
	fputs("};\n\nstatic const char plan_json[] = \"\"", out);
	for (size_t at = 0; at < plan_json.len; at += 96) {
		fputs("\n\t", out);
		literal_n(plan_json.buf + at, plan_json.len - at < 96 ? plan_json.len - at : 96);
	}
	put(";\n\nconst struct content content_builtin_compiled = {\n\t.product = ", c->product);
	put(",\n\t.title = ", c->title);
	put(",\n\t.source = ", c->source);
	put(",\n\t.version = ", c->version);
	put(",\n\t.origin = ", c->origin);
	fprintf(out, ",\n\t.dir = NULL,\n\t.hops = hops,\n\t.nhops = %zu,\n"
		"\t.plan_json = plan_json,\n};\n\n", c->nhops);
	fputs("const size_t content_compiled_bodies_size = sizeof(struct compiled_bodies);\n\n"
	      "void content_compiled_build(void *mem)\n{\n"
	      "\tstruct compiled_bodies *b = mem;\n\n", out);
	for (size_t h = 0; h < c->nhops; h++) {
		const struct content_hop *hop = &c->hops[h];
		fprintf(out, "\tbuild_h%zu(b);\n", h);
		if (hop->nnotes)
			fprintf(out, "\thops[%zu].notes = b->h%zu_notes;\n", h, h);
		if (hop->nsteps)
			fprintf(out, "\thops[%zu].steps = b->h%zu_steps;\n", h, h);
		if (hop->nentries)
			fprintf(out, "\thops[%zu].entries = b->h%zu_entries;\n", h, h);
	}
	fputs("}\n", out);
}

int main(void)
{
	struct content *c = NULL;
	struct diag_list dl;
	enum status st;

	out = stdout;
	diag_list_init(&dl);
	st = content_parse_builtin(&c, &dl);
	if (st == ST_OK) {
		hops_at = calloc(c->nhops + 1, sizeof(*hops_at));
		hops_len = calloc(c->nhops + 1, sizeof(*hops_len));
		if (hops_at && hops_len)
			compile(c);
		if (!hops_at || !hops_len || strbuf_failed(&plan_json)) {
			fputs("content_compile: out of memory writing the plan's JSON\n", stderr);
			st = ST_NOMEM;
		} else if (fflush(out) != 0 || ferror(out)) {
			fputs("content_compile: cannot write the output\n", stderr);
			st = ST_IOERR;
		}
	} else {
		diag_print(&dl, stderr, "");
		fprintf(stderr, "content_compile: the built-in content %s\n",
			st == ST_NOMEM ? "does not fit in memory" : "has problems: nothing compiled");
	}
	content_free(&c);
	diag_list_release(&dl);
	strbuf_release(&plan_json);
	free(hops_at);
	free(hops_len);
	return (int)st;
}
