/*
 * content_builtin.c - the built-in content, as the build compiled it
 * (content/compile.c writes content_compiled.c from content/): handed out
 * without parsing anything.
 *
 * Every load shares the compiled data; each gets a struct content of its
 * own, with an empty arena, so content_free() frees it as it frees any
 * other and leaves the data alone. Nothing writes to a loaded model.
 */
#include <stdlib.h>

#include "content.h"
#include "content_builtin.h"

enum status content_load_builtin(struct content **out, struct diag_list *dl)
{
	(void)dl; /* the build refused content with problems */
	*out = malloc(sizeof(**out));
	if (!*out)
		return ST_NOMEM;
	**out = content_builtin_compiled;
	return ST_OK;
}
