/*
 * content_builtin.h - the content/ directory built into the binary, twice.
 *
 * Generated at build time from content/ (see the Makefile), so the binary
 * needs no data files: content/embed.sh embeds its files as they are (names
 * relative to the repository, e.g. "content/hops/0.27-0.28.yaml"), which
 * content_parse_builtin() parses for 'lint'; content/compile.c compiles what
 * they load to, which content_load_builtin() hands out.
 */
#ifndef MU_CONTENT_BUILTIN_H
#define MU_CONTENT_BUILTIN_H

#include <stddef.h>

#include "content.h"

extern const struct content_file content_builtin_guide;
extern const struct content_file content_builtin_hops[];
extern const size_t content_builtin_nhops;

/*
 * The model the embedded files load to, as static data (its arena empty):
 * its hops, without their notes, steps and entries until
 * content_compiled_build() has built them into memory of
 * content_compiled_bodies_size bytes (content_load_builtin() does, once).
 */
extern const struct content content_builtin_compiled;
extern const size_t content_compiled_bodies_size;
void content_compiled_build(void *mem);

/*
 * The texts content_category_names[] and content_change_names[] point at: a
 * note's category is one of those pointers (the wizard's filter compares
 * them), and the compiled content can name them only so.
 */
extern const char content_category_text[CONTENT_CATEGORY_COUNT][16];
extern const char content_change_text[CONTENT_CHANGE_COUNT][16];

#endif
