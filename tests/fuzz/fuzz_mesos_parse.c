/*
 * fuzz_mesos_parse.c - libFuzzer harness: any bytes as every Mesos answer
 * (/version, /master/state, /master/slaves, /metrics/snapshot) and as a
 * credentials file (include/mesos_parse.h).
 *
 * Each parse either succeeds with every field it promises, or refuses with
 * ST_DATAERR and one line of message that repeats nothing of the input:
 * no control character, no secret.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mesos_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A refusal: ST_DATAERR with one line that holds no byte below 0x20. */
static void check_refusal(enum status st, const struct strbuf *why)
{
	if (st != ST_DATAERR || why->len == 0)
		abort();
	for (size_t i = 0; i < why->len; i++)
		if ((unsigned char)why->buf[i] < 0x20 || why->buf[i] == 0x7f)
			abort();
}

static void check_name(const char *s)
{
	if (!s || strlen(s) > MESOS_PARSE_MAX_NAME)
		abort();
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

static void answers(struct arena *a, const char *d, size_t n, struct strbuf *why)
{
	struct mesos_version_info v;
	struct mesos_state st;
	struct mesos_slaves sl;
	struct mesos_metrics m;
	enum status rc;

	strbuf_reset(why);
	if ((rc = mesos_parse_version(a, d, n, "V", &v, why)) == ST_OK)
		check_name(v.version);
	else
		check_refusal(rc, why);
	strbuf_reset(why);
	if ((rc = mesos_parse_state(a, d, n, "S", &st, why)) == ST_OK) {
		check_name(st.pid);
		check_name(st.hostname);
		for (size_t i = 0; i < st.nframeworks; i++)
			if (!st.frameworks[i].name || !st.frameworks[i].id)
				abort();
	} else {
		check_refusal(rc, why);
	}
	strbuf_reset(why);
	if ((rc = mesos_parse_slaves(a, d, n, "L", &sl, why)) == ST_OK) {
		if (sl.nrecovered > sl.nagents)
			abort();
		for (size_t i = 0; i < sl.nagents; i++) {
			const struct mesos_agent *ag = &sl.agents[i];
			check_name(ag->hostname);
			/* a registered agent has a pid with a port; a recovered one neither */
			if (ag->recovered != (i >= sl.nagents - sl.nrecovered) ||
			    (!ag->recovered && (!ag->pid || ag->port <= 0 || ag->port > 65535)))
				abort();
			if (ag->series && !ag->version)
				abort();
		}
	} else {
		check_refusal(rc, why);
	}
	strbuf_reset(why);
	if ((rc = mesos_parse_metrics(d, n, "M", &m, why)) != ST_OK)
		check_refusal(rc, why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct strbuf why = STRBUF_INIT;
	struct mesos_credential c;
	const char *d = (const char *)data;
	enum status rc;

	answers(&a, d, size, &why);
	strbuf_reset(&why);
	rc = mesos_parse_credentials(&a, d, size, "C", &c, &why);
	if (rc == ST_OK) {
		check_name(c.principal);
		if (!c.secret)
			abort();
	} else {
		check_refusal(rc, &why);
		/* the secret is never in a message: no token of the input is either */
		if (strstr(strbuf_str(&why), "s3cret"))
			abort();
	}
	arena_release(&a);
	strbuf_release(&why);
	return 0;
}
