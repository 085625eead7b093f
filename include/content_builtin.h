/*
 * content_builtin.h - the content/ directory compiled into the binary.
 *
 * Generated at build time from content/ (see the Makefile), so the binary
 * needs no data files. Names are relative to the repository, e.g.
 * "content/hops/0.27-0.28.yaml".
 */
#ifndef MU_CONTENT_BUILTIN_H
#define MU_CONTENT_BUILTIN_H

#include <stddef.h>

#include "content.h"

extern const struct content_file content_builtin_guide;
extern const struct content_file content_builtin_hops[];
extern const size_t content_builtin_nhops;

#endif
