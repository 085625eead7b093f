/*
 * test_mesos_parse.c - the parsers of Mesos answers and credential files
 * (include/mesos_parse.h) on the recorded answers of tests/fixtures/mesos/
 * (see its README), good and broken; each refusal names its field.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_read.h"
#include "mesos_parse.h"

#define FIX "tests/fixtures/mesos/"

struct fixture {
	char *data;
	size_t len;
	struct arena a;
	struct strbuf why;
};

static void load(struct fixture *f, const char *name)
{
	struct strbuf why = STRBUF_INIT;
	char path[256];

	memset(f, 0, sizeof(*f));
	snprintf(path, sizeof(path), FIX "%s", name);
	if (file_read(path, NULL, 1 << 20, &f->data, &f->len, &why) != ST_OK)
		fail_msg("%s: %s", path, strbuf_str(&why));
	strbuf_release(&why);
}

static void done(struct fixture *f)
{
	free(f->data);
	arena_release(&f->a);
	strbuf_release(&f->why);
}

/* ---- /version ------------------------------------------------------------ */

static void test_version(void **state)
{
	static const char *const files[] = { "version_0.26.json", "version_0.28.json",
					     "version_1.4.json", "agent_state_0.24.json" };
	static const char *const series[] = { "0.26", "0.28", "1.4", "0.24" };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct fixture f;
		struct mesos_version_info v;
		load(&f, files[i]);
		assert_int_equal(mesos_parse_version(&f.a, f.data, f.len, files[i], &v, &f.why),
				 ST_OK);
		assert_string_equal(v.series, series[i]);
		assert_non_null(v.git_sha);
		assert_non_null(v.build_date);
		done(&f);
	}
}

static void test_version_series(void **state)
{
	char buf[16];

	(void)state;
	assert_true(mesos_version_series("1.11.0-rc2", buf, sizeof(buf)));
	assert_string_equal(buf, "1.11");
	assert_true(mesos_version_series("0.28", buf, sizeof(buf)));
	assert_string_equal(buf, "0.28");
	assert_false(mesos_version_series("1.x", buf, sizeof(buf)));
	assert_false(mesos_version_series("-1.4", buf, sizeof(buf)));
	assert_false(mesos_version_series("v1.4.0", buf, sizeof(buf)));
}

static void test_pid_address(void **state)
{
	char buf[64];

	(void)state;
	assert_true(mesos_pid_address("slave(1)@10.0.0.5:5051", buf, sizeof(buf)));
	assert_string_equal(buf, "10.0.0.5:5051");
	assert_true(mesos_pid_address("master@m1.example.com:5050", buf, sizeof(buf)));
	assert_string_equal(buf, "m1.example.com:5050");
	assert_false(mesos_pid_address("slave(1)", buf, sizeof(buf)));
	assert_false(mesos_pid_address("slave(1)@10.0.0.5", buf, sizeof(buf)));
	assert_false(mesos_pid_address("slave(1)@10.0.0.5:0", buf, sizeof(buf)));
	assert_false(mesos_pid_address("slave(1)@10.0.0.5:70000", buf, sizeof(buf)));
	assert_false(mesos_pid_address("slave(1)@a/b:5051", buf, sizeof(buf)));
	assert_false(mesos_pid_address("slave(1)@h:50x", buf, sizeof(buf)));
	assert_false(mesos_pid_address("slave(1)@h:5051", buf, 4));
}

/* ---- /master/state ------------------------------------------------------- */

static void test_state_leader(void **state)
{
	static const char *const files[] = { "state_0.24.json", "state_0.26.json",
					     "state_0.28.json", "state_1.4.json" };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct fixture f;
		struct mesos_state s;
		load(&f, files[i]);
		assert_int_equal(mesos_parse_state(&f.a, f.data, f.len, files[i], &s, &f.why),
				 ST_OK);
		assert_true(s.elected);
		assert_non_null(s.leader);
		assert_string_equal(s.leader, s.pid);
		assert_string_equal(s.hostname, "127.0.0.11");
		/* 1.4: the recovered agent is in "recovered_slaves" only */
		assert_int_equal(s.nslaves, i == 3 ? 2 : 3);
		assert_int_equal(s.nframeworks, 2);
		assert_string_equal(s.frameworks[0].name, "marathon");
		assert_true(s.frameworks[0].checkpoint);
		assert_string_equal(s.frameworks[1].name, "chronos");
		assert_false(s.frameworks[1].checkpoint);
		done(&f);
	}
}

static void test_state_standby(void **state)
{
	struct fixture f;
	struct mesos_state s;

	(void)state;
	load(&f, "state_0.28_standby.json");
	assert_int_equal(mesos_parse_state(&f.a, f.data, f.len, "x", &s, &f.why), ST_OK);
	assert_false(s.elected);
	assert_string_equal(s.series, "0.28");
	assert_non_null(s.leader);
	assert_string_not_equal(s.leader, s.pid);
	assert_int_equal(s.nslaves, 0);
	assert_int_equal(s.nframeworks, 0);
	done(&f);
}

/* ---- /master/slaves ------------------------------------------------------ */

static void test_slaves_versions(void **state)
{
	struct fixture f;
	struct mesos_slaves s;

	(void)state;
	/* 0.24: no agent "version" (0.26's field) */
	load(&f, "slaves_0.24.json");
	assert_int_equal(mesos_parse_slaves(&f.a, f.data, f.len, "x", &s, &f.why), ST_OK);
	assert_int_equal(s.nagents, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_null(s.agents[i].version);
		assert_null(s.agents[i].series);
		assert_false(s.agents[i].recovered);
		assert_true(s.agents[i].port > 0);
	}
	assert_true(s.agents[0].active);
	assert_false(s.agents[2].active);
	done(&f);

	load(&f, "slaves_0.26.json");
	assert_int_equal(mesos_parse_slaves(&f.a, f.data, f.len, "x", &s, &f.why), ST_OK);
	assert_int_equal(s.nagents, 3);
	assert_string_equal(s.agents[1].version, "0.26.0");
	assert_string_equal(s.agents[1].series, "0.26");
	assert_string_equal(s.agents[1].hostname, "agent-00001");
	assert_int_equal(s.nrecovered, 0);
	done(&f);
}

static void test_slaves_recovered(void **state)
{
	struct fixture f;
	struct mesos_slaves s;

	(void)state;
	load(&f, "slaves_1.4.json");
	assert_int_equal(mesos_parse_slaves(&f.a, f.data, f.len, "x", &s, &f.why), ST_OK);
	assert_int_equal(s.nagents, 3);
	assert_int_equal(s.nrecovered, 1);
	assert_false(s.agents[1].recovered);
	assert_true(s.agents[2].recovered);
	assert_false(s.agents[2].active);
	assert_null(s.agents[2].pid);
	assert_null(s.agents[2].version);
	assert_int_equal(s.agents[2].port, 5051);
	assert_string_equal(s.agents[2].hostname, "agent-00002");
	done(&f);
}

/* ---- refusals ------------------------------------------------------------ */

enum which { VERSION, STATE, SLAVES, METRICS, CREDENTIALS };

static enum status parse(enum which w, struct fixture *f, const char *src)
{
	struct mesos_version_info v;
	struct mesos_state st;
	struct mesos_slaves sl;
	struct mesos_metrics m;
	struct mesos_credential c;

	switch (w) {
	case VERSION:
		return mesos_parse_version(&f->a, f->data, f->len, src, &v, &f->why);
	case STATE:
		return mesos_parse_state(&f->a, f->data, f->len, src, &st, &f->why);
	case SLAVES:
		return mesos_parse_slaves(&f->a, f->data, f->len, src, &sl, &f->why);
	case METRICS:
		return mesos_parse_metrics(f->data, f->len, src, &m, &f->why);
	case CREDENTIALS:
		break;
	}
	return mesos_parse_credentials(&f->a, f->data, f->len, src, &c, &f->why);
}

static void test_refusals(void **state)
{
	static const struct {
		const char *file;
		enum which w;
		const char *msg;
	} cases[] = {
		{ "bad_html.json", SLAVES, "SRC: not a Mesos /master/slaves answer: not JSON "
					   "(line 1, column 1)" },
		{ "bad_truncated.json", SLAVES, "SRC: not a Mesos /master/slaves answer: not JSON" },
		{ "bad_slaves_not_array.json", SLAVES, "slaves is not an array" },
		{ "bad_slaves_hostname.json", SLAVES, "answer: slaves[1].hostname is not a string" },
		{ "bad_slaves_no_pid.json", SLAVES, "answer: slaves[2].pid is missing" },
		{ "bad_slaves_pid.json", SLAVES, "slaves[0].pid is not NAME@HOST:PORT" },
		{ "bad_slaves_control.json", SLAVES, "slaves[0].version holds a control character" },
		{ "bad_state_no_pid.json", STATE, "/master/state answer: pid is missing" },
		{ "bad_state_checkpoint.json", STATE, "frameworks[0].checkpoint is missing" },
		{ "bad_state_array.json", STATE, "not a JSON object" },
		{ "bad_version_number.json", VERSION, "/version answer: version is not a string" },
		{ "bad_metrics_string.json", METRICS, "\"master/elected\" is not a number" },
		{ "slaves_0.28.json", STATE, "/master/state answer: version is missing" },
		{ "bad_credentials_line.txt", CREDENTIALS,
		  "SRC: not a Mesos credentials file: line 1 is not \"PRINCIPAL SECRET\"" },
		{ "bad_credentials_nosecret.json", CREDENTIALS,
		  "credentials file: credentials[0].secret is missing" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct fixture f;
		load(&f, cases[i].file);
		if (parse(cases[i].w, &f, "SRC") != ST_DATAERR)
			fail_msg("%s: accepted", cases[i].file);
		if (!strstr(strbuf_str(&f.why), cases[i].msg))
			fail_msg("%s: \"%s\" lacks \"%s\"", cases[i].file, strbuf_str(&f.why),
				 cases[i].msg);
		/* one line, nothing from the answer: no escape character, no secret */
		assert_null(strchr(strbuf_str(&f.why), '\n'));
		assert_null(strchr(strbuf_str(&f.why), '\033'));
		assert_null(strstr(strbuf_str(&f.why), "s3cret"));
		assert_null(strstr(strbuf_str(&f.why), "Gateway"));
		done(&f);
	}
}

/* ---- metrics and credentials --------------------------------------------- */

static void test_metrics(void **state)
{
	struct fixture f;
	struct mesos_metrics m;

	(void)state;
	load(&f, "metrics_1.4.json");
	assert_int_equal(mesos_parse_metrics(f.data, f.len, "x", &m, &f.why), ST_OK);
	assert_true(m.has_elected && m.elected && m.has_recovered && m.recovered);
	done(&f);
	load(&f, "metrics_standby.json");
	assert_int_equal(mesos_parse_metrics(f.data, f.len, "x", &m, &f.why), ST_OK);
	assert_true(m.has_elected);
	assert_false(m.elected);
	assert_false(m.has_recovered);
	done(&f);
}

static void test_credentials(void **state)
{
	static const struct {
		const char *file, *principal, *secret;
	} cases[] = {
		{ "credentials.json", "ops", "s3cret-json" },
		{ "credential_single.json", "agent", "s3cret-single" },
		{ "credentials.txt", "ops", "s3cret-lines" },
	};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct fixture f;
		struct mesos_credential c;
		load(&f, cases[i].file);
		assert_int_equal(mesos_parse_credentials(&f.a, f.data, f.len, cases[i].file, &c,
							 &f.why), ST_OK);
		assert_string_equal(c.principal, cases[i].principal);
		assert_string_equal(c.secret, cases[i].secret);
		done(&f);
	}
}

static void test_credentials_empty(void **state)
{
	struct arena a = ARENA_INIT;
	struct strbuf why = STRBUF_INIT;
	struct mesos_credential c;

	(void)state;
	assert_int_equal(mesos_parse_credentials(&a, "\n \n", 3, "F", &c, &why), ST_DATAERR);
	assert_string_equal(strbuf_str(&why), "F: not a Mesos credentials file: it holds no credential");
	assert_null(c.principal);
	strbuf_reset(&why);
	assert_int_equal(mesos_parse_credentials(&a, "op\033 pw", 7, "F", &c, &why), ST_DATAERR);
	assert_string_equal(strbuf_str(&why), "F: not a Mesos credentials file: line 1 holds a "
					      "control character");
	/* a principal in lines is a name as in JSON: at most MESOS_PARSE_MAX_NAME bytes
	 * (found by fuzz_mesos_parse); one of exactly that length is taken */
	{
		char line[MESOS_PARSE_MAX_NAME + 16];
		memset(line, 'p', MESOS_PARSE_MAX_NAME + 1);
		strcpy(line + MESOS_PARSE_MAX_NAME + 1, " pw");
		strbuf_reset(&why);
		assert_int_equal(mesos_parse_credentials(&a, line, strlen(line), "F", &c, &why),
				 ST_DATAERR);
		assert_string_equal(strbuf_str(&why), "F: not a Mesos credentials file: line 1: "
						      "the principal is longer than 1024 bytes");
		assert_null(c.principal);
		strcpy(line + MESOS_PARSE_MAX_NAME, " pw");
		strbuf_reset(&why);
		assert_int_equal(mesos_parse_credentials(&a, line, strlen(line), "F", &c, &why),
				 ST_OK);
		assert_int_equal(strlen(c.principal), MESOS_PARSE_MAX_NAME);
	}
	arena_release(&a);
	strbuf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_version_series),
		cmocka_unit_test(test_pid_address),
		cmocka_unit_test(test_state_leader),
		cmocka_unit_test(test_state_standby),
		cmocka_unit_test(test_slaves_versions),
		cmocka_unit_test(test_slaves_recovered),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_credentials),
		cmocka_unit_test(test_credentials_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
