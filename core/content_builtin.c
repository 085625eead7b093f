/*
 * content_builtin.c - the built-in content, as the build compiled it
 * (content/compile.c writes content_compiled.c from content/): handed out
 * without parsing anything.
 *
 * Every load shares the compiled data; each gets a struct content of its
 * own, with an empty arena, so content_free() frees it as it frees any
 * other and leaves the data alone. Nothing writes to a loaded model. The
 * hops' notes, steps and entries are built once a process, on the heap, by
 * the first load that reads them (never freed: every load after shares
 * them): as static data their pointers cost every start of the program 18
 * pages copied on write, a plan too, which reads none of them.
 */
#include <pthread.h>
#include <stdlib.h>

#include "content.h"
#include "content_builtin.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *bodies; /* (reachable: the hops point into it) */

/*
 * Zeroed first: what the code does not write of a struct (its padding) is
 * then zero, as in the parsed content's arena, which test_content_compiled
 * compares byte for byte.
 */
static void build(void)
{
	void *mem = calloc(1, content_compiled_bodies_size);

	if (mem) {
		content_compiled_build(mem);
		bodies = mem;
	}
}

enum status content_load_builtin_lean(struct content **out)
{
	*out = malloc(sizeof(**out));
	if (!*out)
		return ST_NOMEM;
	**out = content_builtin_compiled;
	return ST_OK;
}

enum status content_builtin_whole(const struct content *c)
{
	/* (every load of the built-in content shares its hops, and what they point at) */
	if (c->hops != content_builtin_compiled.hops)
		return ST_OK;
	pthread_once(&once, build);
	return bodies ? ST_OK : ST_NOMEM;
}

enum status content_load_builtin(struct content **out, struct diag_list *dl)
{
	(void)dl; /* the build refused content with problems */
	if (content_builtin_whole(&content_builtin_compiled) != ST_OK)
		return ST_NOMEM;
	return content_load_builtin_lean(out);
}
