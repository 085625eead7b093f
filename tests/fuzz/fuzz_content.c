/*
 * fuzz_content.c - libFuzzer harness: any bytes as a hop file of the content.
 *
 * The loader must never crash, leak or take unbounded time, and must answer
 * either a model (ST_OK) or problems (ST_DATAERR) for whatever it is given.
 */
#include <stdint.h>
#include <stdlib.h>

#include "content.h"
#include "content_builtin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content_file hop = { "fuzz/hops/0.27-0.28.yaml", data, size };
	struct content *c = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = content_load_files(&content_builtin_guide, &hop, 1, "fuzz", &c, &dl);
	if (st != ST_OK && st != ST_DATAERR && st != ST_NOMEM)
		abort();
	if (st == ST_OK && (!c || c->nhops != 1))
		abort();
	if (st == ST_DATAERR && dl.count == 0)
		abort(); /* refused without saying why */
	content_free(&c);
	diag_list_release(&dl);
	return 0;
}
