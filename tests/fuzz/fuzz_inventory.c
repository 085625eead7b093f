/*
 * fuzz_inventory.c - libFuzzer harness: any bytes as an inventory file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory *inv = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = inventory_parse("fuzz.yaml", data, size, &inv, &dl);
	if (st == ST_OK) {
		/* what was accepted holds: valid names, the leader last among the masters */
		if (!inv || inv->nmasters + inv->nagents == 0)
			abort();
		for (size_t i = 0; i < inv->nmasters; i++)
			if (!inventory_host_valid(inv->masters[i]))
				abort();
		for (size_t i = 0; i < inv->nagents; i++)
			if (!inventory_host_valid(inv->agents[i]))
				abort();
		if (inv->leader && strcmp(inv->masters[inv->nmasters - 1], inv->leader))
			abort();
	} else if (st == ST_DATAERR && dl.count == 0) {
		abort();
	}
	inventory_free(&inv);
	diag_list_release(&dl);
	return 0;
}
