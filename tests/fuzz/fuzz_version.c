/*
 * fuzz_version.c - libFuzzer harness: any bytes as a version, and as a plan's
 * two versions. A version that parses prints back to something that parses
 * to the same version; a plan is built or refused with a reason, never more.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "plan.h"
#include "version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct content *content;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64], back[64], *to;
	struct version v, w;
	struct strbuf why = STRBUF_INIT;
	struct plan p;

	if (!content) {
		struct diag_list dl;
		diag_list_init(&dl);
		if (content_load_builtin(&content, &dl) != ST_OK)
			abort();
		diag_list_release(&dl);
	}
	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = '\0';
	if (version_parse(s, &v)) {
		version_str(&v, back, sizeof(back));
		if (!version_parse(back, &w) || version_cmp(&v, &w) != 0)
			abort();
	}
	/* "FROM TO" as a plan */
	to = strchr(s, ' ');
	if (to) {
		*to++ = '\0';
		enum status st = plan_build(content, s, to, &p, &why);
		if (st == ST_OK && (p.nhops == 0 || why.len))
			abort();
		if (st != ST_OK && (st != ST_USAGE || !why.len))
			abort();
	}
	strbuf_release(&why);
	return 0;
}
