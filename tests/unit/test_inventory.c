/*
 * test_inventory.c - the inventory loader (include/inventory.h): good
 * inventories and the order of their masters (the leader last), and one
 * fixture per problem with its exact "FILE:LINE:COL: message"; limits and
 * hostile input built in memory.
 *
 * Fixtures: tests/fixtures/inventory/good_*.yaml parse; bad_*.yaml each hold
 * one problem (bad_several.yaml many, reported sorted by place).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inventory.h"
#include "strbuf.h"

#define FIX "tests/fixtures/inventory/"

/* ---- helpers ----------------------------------------------------------- */

/* Every problem of @dl as diag_print writes them, into a malloc'd string. */
static char *diags(const struct diag_list *dl)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	diag_print(dl, f, "");
	fclose(f);
	return buf;
}

static struct inventory *load_ok(const char *path)
{
	struct inventory *inv = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = inventory_load(path, &inv, &dl);
	if (st != ST_OK || dl.count) {
		char *d = diags(&dl);
		fail_msg("%s: status %d, problems:\n%s", path, (int)st, d);
	}
	diag_list_release(&dl);
	assert_non_null(inv);
	return inv;
}

static struct inventory *parse_ok(const char *text)
{
	struct inventory *inv = NULL;
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = inventory_parse("mem.yaml", (const unsigned char *)text, strlen(text), &inv, &dl);
	if (st != ST_OK || dl.count) {
		char *d = diags(&dl);
		fail_msg("status %d, problems:\n%s", (int)st, d);
	}
	diag_list_release(&dl);
	assert_non_null(inv);
	return inv;
}

/* Parse @text (named mem.yaml): refused, with exactly the lines @want. */
static void parse_bad(const char *text, size_t len, const char *want)
{
	struct inventory *inv = (struct inventory *)1;
	struct diag_list dl;
	enum status st;
	char *got;

	diag_list_init(&dl);
	st = inventory_parse("mem.yaml", (const unsigned char *)text, len, &inv, &dl);
	got = diags(&dl);
	if (strcmp(got, want) != 0)
		fail_msg("problems differ:\n--- want\n%s--- got\n%s", want, got);
	assert_int_equal(st, ST_DATAERR);
	assert_null(inv);
	free(got);
	diag_list_release(&dl);
}

static void names_are(const char **v, size_t n, const char *const *want, size_t nwant)
{
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
}

#define NAMES(v, n, ...)                                                                   \
	do {                                                                               \
		const char *const w_[] = { __VA_ARGS__ };                                  \
		names_are((v), (n), w_, sizeof(w_) / sizeof(w_[0]));                         \
	} while (0)

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
			   : (*p & 0xf8) == 0xf0 ? 3 : 9;
		if (n == 9)
			return false;
		p++;
		for (size_t i = 0; i < n; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/* ---- good inventories -------------------------------------------------- */

static void test_leader_moved_last(void **state)
{
	struct inventory *inv = load_ok(FIX "good_leader_last.yaml");

	(void)state;
	NAMES(inv->masters, inv->nmasters, "m2.example.com", "m3.example.com", "m1.example.com");
	assert_non_null(inv->leader);
	assert_string_equal(inv->leader, "m1.example.com");
	/* the leader is the last master itself, not a copy */
	assert_ptr_equal(inv->leader, inv->masters[inv->nmasters - 1]);
	NAMES(inv->agents, inv->nagents, "agent-0001.example.com", "agent-0002.example.com",
	      "agent-0003.example.com", "agent-0004.example.com");
	inventory_free(&inv);
	assert_null(inv);
}

static void test_leader_in_the_middle_and_already_last(void **state)
{
	struct inventory *inv;

	(void)state;
	inv = parse_ok("masters: [m1, m2, m3, m4]\nleader: m2\nagents: []\n");
	NAMES(inv->masters, inv->nmasters, "m1", "m3", "m4", "m2");
	inventory_free(&inv);
	inv = parse_ok("masters: [m1, m2, m3]\nleader: m3\nagents: []\n");
	NAMES(inv->masters, inv->nmasters, "m1", "m2", "m3");
	assert_string_equal(inv->leader, "m3");
	inventory_free(&inv);
	/* a single master that leads */
	inv = load_ok(FIX "good_masters_only.yaml");
	NAMES(inv->masters, inv->nmasters, "solo");
	assert_string_equal(inv->leader, "solo");
	assert_int_equal(inv->nagents, 0);
	inventory_free(&inv);
}

static void test_no_leader_keeps_order(void **state)
{
	struct inventory *inv = load_ok(FIX "good_no_leader.yaml");

	(void)state;
	NAMES(inv->masters, inv->nmasters, "m1", "m2", "m3", "m4", "m5");
	assert_null(inv->leader);
	NAMES(inv->agents, inv->nagents, "a1", "a2");
	inventory_free(&inv);
}

static void test_empty_lists(void **state)
{
	struct inventory *inv = load_ok(FIX "good_empty_agents.yaml");

	(void)state;
	NAMES(inv->masters, inv->nmasters, "m1", "m2", "m3");
	assert_string_equal(inv->leader, "m3");
	assert_int_equal(inv->nagents, 0);
	inventory_free(&inv);
	inv = load_ok(FIX "good_agents_only.yaml");
	assert_int_equal(inv->nmasters, 0);
	assert_null(inv->leader);
	NAMES(inv->agents, inv->nagents, "a1");
	inventory_free(&inv);
}

static void test_every_kind_of_name(void **state)
{
	struct inventory *inv = load_ok(FIX "good_names.yaml");
	char long_name[254];

	(void)state;
	memset(long_name, 'h', 253);
	long_name[253] = '\0';
	NAMES(inv->masters, inv->nmasters, "10.0.0.1", "fe80::1", "Master_A.example.COM");
	NAMES(inv->agents, inv->nagents, "agent-0001", "agent.with.dots", "_underscore", long_name);
	inventory_free(&inv);
	/* "null" quoted is a name; the same host may be a master and an agent */
	inv = parse_ok("masters: [\"null\", both]\nagents: [both, 'true', 123]\n");
	NAMES(inv->masters, inv->nmasters, "null", "both");
	NAMES(inv->agents, inv->nagents, "both", "true", "123");
	inventory_free(&inv);
	inventory_free(&inv); /* twice: harmless */
}

static void test_host_valid(void **state)
{
	static const char *const good[] = { "a", "A", "0", "_", "a:b", "fe80::1", "x-y.z_w",
					    "a.", "a-" };
	static const char *const bad[] = { "", "-a", ".a", "a b", "a/b", "a@b", "a\tb", "é",
					   "a,b", "a;b", "a$b", "a`b", "a|b", "a\"b" };
	char n[300];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		if (!inventory_host_valid(good[i]))
			fail_msg("'%s' should be valid", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (inventory_host_valid(bad[i]))
			fail_msg("'%s' should be refused", bad[i]);
	memset(n, 'a', sizeof(n));
	n[253] = '\0';
	assert_true(inventory_host_valid(n));
	n[253] = 'a';
	n[254] = '\0';
	assert_false(inventory_host_valid(n));
}

/* ---- one fixture per problem ------------------------------------------- */

struct bad_case {
	const char *file;
	const char *want;      /* every line diag_print writes, exactly */
};

#define HOSTCHARS "use letters, digits, '.', '-', '_' and ':', not starting with '-' or '.'"

static const struct bad_case bad_cases[] = {
	{ "bad_duplicate.yaml",
	  FIX "bad_duplicate.yaml:5:5: host 'a1' is listed twice in 'agents' (first at line 3)\n" },
	{ "bad_empty_name.yaml", FIX "bad_empty_name.yaml:4:5: empty host name in 'agents'\n" },
	{ "bad_characters.yaml",
	  FIX "bad_characters.yaml:3:5: bad host name 'agent 7' in 'agents': " HOSTCHARS "\n" },
	{ "bad_leading_dash.yaml",
	  FIX "bad_leading_dash.yaml:3:5: bad host name '-agent' in 'agents': " HOSTCHARS "\n" },
	{ "bad_too_long.yaml",
	  FIX "bad_too_long.yaml:4:5: host name "
	      "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' in 'agents' is "
	      "254 characters long: at most 253\n" },
	{ "bad_unknown_key.yaml",
	  FIX "bad_unknown_key.yaml:3:1: unknown key 'slaves' in the inventory (expected "
	      "masters, agents, leader)\n" },
	{ "bad_missing_masters.yaml",
	  FIX "bad_missing_masters.yaml:1:1: missing key 'masters' in the inventory\n" },
	{ "bad_missing_agents.yaml",
	  FIX "bad_missing_agents.yaml:1:1: missing key 'agents' in the inventory\n" },
	{ "bad_not_mapping.yaml",
	  FIX "bad_not_mapping.yaml:1:1: an inventory must be a mapping with 'masters:' and "
	      "'agents:'\n" },
	{ "bad_not_a_list.yaml",
	  FIX "bad_not_a_list.yaml:1:10: 'masters' must be a list of host names\n" },
	{ "bad_no_hosts.yaml", FIX "bad_no_hosts.yaml:1:1: the inventory lists no hosts\n" },
	{ "bad_empty_file.yaml",
	  FIX "bad_empty_file.yaml:1:1: the inventory is empty: it needs 'masters:' and "
	      "'agents:'\n" },
	{ "bad_leader_not_master.yaml",
	  FIX "bad_leader_not_master.yaml:2:9: leader 'a1' is not one of the masters\n" },
	{ "bad_leader_not_scalar.yaml",
	  FIX "bad_leader_not_scalar.yaml:2:9: 'leader' must be the name of a master\n" },
	{ "bad_syntax.yaml",
	  FIX "bad_syntax.yaml:2:7: did not find expected ',' or ']' (while parsing a flow "
	      "sequence that starts at line 1, column 10)\n" },
	/* several problems: all of them, sorted by place */
	{ "bad_several.yaml",
	  FIX "bad_several.yaml:3:5: bad host name 'bad name' in 'agents': " HOSTCHARS "\n"
	  FIX "bad_several.yaml:4:5: host 'a1' is listed twice in 'agents' (first at line 2)\n"
	  FIX "bad_several.yaml:5:5: a host in 'agents' must be a name, not a mapping\n"
	  FIX "bad_several.yaml:6:15: empty host name in 'masters'\n"
	  FIX "bad_several.yaml:6:19: host 'm1' is listed twice in 'masters' (first at line 6)\n"
	  FIX "bad_several.yaml:7:9: leader 'm9' is not one of the masters\n"
	  FIX "bad_several.yaml:8:1: unknown key 'extra' in the inventory (expected masters, "
	      "agents, leader)\n"
	  FIX "bad_several.yaml:9:1: duplicate key 'masters' (first at line 6)\n" },
};

static void test_bad_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		const struct bad_case *b = &bad_cases[i];
		struct inventory *inv = (struct inventory *)1;
		struct diag_list dl;
		char path[256];
		char *got;
		enum status st;

		snprintf(path, sizeof(path), FIX "%s", b->file);
		diag_list_init(&dl);
		st = inventory_load(path, &inv, &dl);
		got = diags(&dl);
		if (strcmp(got, b->want) != 0)
			fail_msg("%s: problems differ:\n--- want\n%s--- got\n%s", b->file, b->want, got);
		if (st != ST_DATAERR || inv)
			fail_msg("%s: status %d, inventory %p", b->file, (int)st, (void *)inv);
		free(got);
		diag_list_release(&dl);
	}
}

/* Anchors and aliases are refused at the first anchor: a "billion laughs"
 * never expands (the whole file is read in bounded time and memory). */
static void test_anchors_refused(void **state)
{
	struct inventory *inv = (struct inventory *)1;
	struct diag_list dl;
	const char *prefix = FIX "bad_anchors.yaml:2:10: anchor '&a': anchors and aliases are "
			     "not allowed";
	char *got;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(inventory_load(FIX "bad_anchors.yaml", &inv, &dl), ST_DATAERR);
	assert_null(inv);
	got = diags(&dl);
	assert_int_equal(dl.count, 1);
	if (strncmp(got, prefix, strlen(prefix)) != 0)
		fail_msg("got: %s", got);
	free(got);
	diag_list_release(&dl);
	/* an alias alone (no anchor before it is refused by libyaml or by us) */
	{
		const char *t = "masters: [m1]\nagents: [*x]\n";
		diag_list_init(&dl);
		inv = (struct inventory *)1;
		assert_int_equal(inventory_parse("mem.yaml", (const unsigned char *)t, strlen(t),
						 &inv, &dl), ST_DATAERR);
		assert_null(inv);
		assert_true(dl.count >= 1);
		assert_int_equal(dl.items[0].line, 2);
		diag_list_release(&dl);
	}
	/* the real thing, ten levels deep: refused, not expanded */
	{
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, "masters: [m1]\nl0: &l0 [\"lol\"]\n");
		for (int i = 1; i < 10; i++) {
			strbuf_addf(&sb, "l%d: &l%d [", i, i);
			for (int k = 0; k < 10; k++)
				strbuf_addf(&sb, "%s*l%d", k ? ", " : "", i - 1);
			strbuf_adds(&sb, "]\n");
		}
		strbuf_adds(&sb, "agents: *l9\n");
		diag_list_init(&dl);
		inv = (struct inventory *)1;
		assert_int_equal(inventory_parse("lol.yaml", (const unsigned char *)sb.buf, sb.len,
						 &inv, &dl), ST_DATAERR);
		assert_null(inv);
		got = diags(&dl);
		if (!strstr(got, "lol.yaml:2:5: anchor '&l0'"))
			fail_msg("got: %s", got);
		free(got);
		diag_list_release(&dl);
		strbuf_release(&sb);
	}
}

/* ---- in memory: what fixtures cannot hold ------------------------------ */

#define EMPTIES "masters: [m1]\nagents:\n  - ~\n  - null\n  - \"\"\n  -\n  - NULL\n  - Null\n"

static void test_empty_and_null_names(void **state)
{
	(void)state;
	parse_bad(EMPTIES, strlen(EMPTIES),
		  "mem.yaml:3:5: empty host name in 'agents'\n"
		  "mem.yaml:4:5: empty host name in 'agents'\n"
		  "mem.yaml:5:5: empty host name in 'agents'\n"
		  "mem.yaml:6:4: empty host name in 'agents'\n"
		  "mem.yaml:7:5: empty host name in 'agents'\n"
		  "mem.yaml:8:5: empty host name in 'agents'\n");
}

static void test_not_names(void **state)
{
	(void)state;
	/* a list in a list, a mapping as the list, control characters and a NUL
	 * in a quoted name (shown as '?': never raw on a terminal) */
	const char *t = "masters: [[m1], m2]\nagents: {a: 1}\n";
	parse_bad(t, strlen(t),
		  "mem.yaml:1:11: a host in 'masters' must be a name, not a list\n"
		  "mem.yaml:2:9: 'agents' must be a list of host names\n");
	t = "masters: [\"m\\x01\\e[31m\"]\nagents: [\"a\\0b\"]\n";
	parse_bad(t, strlen(t),
		  "mem.yaml:1:11: bad host name 'm\\x01\\x1b[31m' in 'masters': " HOSTCHARS "\n"
		  "mem.yaml:2:10: bad host name 'a\\x00b' in 'agents': " HOSTCHARS "\n");
	/* C1 (an 8-bit CSI) and bidi controls: shown visibly, never as they are */
	t = "masters: [\"m\\u009b2J\"]\nagents: [\"r\\u202eb\"]\nleader: \"l\\x9b\"\n";
	parse_bad(t, strlen(t),
		  "mem.yaml:1:11: bad host name 'm\\u009b2J' in 'masters': " HOSTCHARS "\n"
		  "mem.yaml:2:10: bad host name 'r\\u202eb' in 'agents': " HOSTCHARS "\n"
		  "mem.yaml:3:9: leader 'l\\u009b' is not one of the masters\n");
}

static void test_leader_problems(void **state)
{
	const char *t;

	(void)state;
	t = "masters: [m1]\nleader: \"\"\nagents: []\n";
	parse_bad(t, strlen(t), "mem.yaml:2:9: 'leader' must be the name of a master\n");
	t = "masters: [m1]\nleader: {m1: yes}\nagents: []\n";
	parse_bad(t, strlen(t), "mem.yaml:2:9: 'leader' must be the name of a master\n");
	/* a leader among the agents only is not a master */
	t = "masters: [m1, m2]\nagents: [a1]\nleader: a1\n";
	parse_bad(t, strlen(t), "mem.yaml:3:9: leader 'a1' is not one of the masters\n");
	/* the leader named twice is a duplicate key */
	t = "masters: [m1, m2]\nagents: []\nleader: m1\nleader: m2\n";
	parse_bad(t, strlen(t), "mem.yaml:4:1: duplicate key 'leader' (first at line 3)\n");
}

/* Three copies of a name: each later one is reported against the first,
 * whatever order the sort leaves equal names in. */
static void test_duplicates_against_the_first(void **state)
{
	const char *t = "masters: [m1]\nagents:\n  - a1\n  - b\n  - a1\n  - c\n  - a1\n"
			"  - b\n";

	(void)state;
	parse_bad(t, strlen(t),
		  "mem.yaml:5:5: host 'a1' is listed twice in 'agents' (first at line 3)\n"
		  "mem.yaml:7:5: host 'a1' is listed twice in 'agents' (first at line 3)\n"
		  "mem.yaml:8:5: host 'b' is listed twice in 'agents' (first at line 4)\n");
}

/* A long name with non-ASCII characters is cut for the message on a
 * character boundary: the message stays UTF-8. */
static void test_long_bad_name_shown_cut(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct inventory *inv = NULL;
	struct diag_list dl;

	(void)state;
	strbuf_adds(&sb, "masters: [m1]\nagents:\n  - a");
	for (int i = 0; i < 40; i++)
		strbuf_adds(&sb, "\xc3\xa9"); /* é: byte 60 of the name is inside one */
	strbuf_adds(&sb, "\n");
	diag_list_init(&dl);
	assert_int_equal(inventory_parse("mem.yaml", (const unsigned char *)sb.buf, sb.len, &inv,
					 &dl), ST_DATAERR);
	assert_int_equal(dl.count, 1);
	assert_true(utf8_valid(dl.items[0].message));
	assert_non_null(strstr(dl.items[0].message, "\xc3\xa9...' in 'agents'"));
	diag_list_release(&dl);
	strbuf_release(&sb);
}

static void test_too_many_hosts(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct inventory *inv = NULL;
	struct diag_list dl;
	char *got;

	(void)state;
	/* exactly the limit: accepted */
	strbuf_adds(&sb, "masters: [m1]\nagents:\n");
	for (int i = 0; i < INVENTORY_MAX_HOSTS; i++)
		strbuf_addf(&sb, "- a%d\n", i);
	assert_false(strbuf_failed(&sb));
	diag_list_init(&dl);
	assert_int_equal(inventory_parse("big.yaml", (const unsigned char *)sb.buf, sb.len, &inv,
					 &dl), ST_OK);
	assert_int_equal(inv->nagents, INVENTORY_MAX_HOSTS);
	inventory_free(&inv);
	diag_list_release(&dl);
	/* one more: refused, at the list */
	strbuf_addf(&sb, "- a%d\n", INVENTORY_MAX_HOSTS);
	diag_list_init(&dl);
	assert_int_equal(inventory_parse("big.yaml", (const unsigned char *)sb.buf, sb.len, &inv,
					 &dl), ST_DATAERR);
	assert_null(inv);
	got = diags(&dl);
	assert_string_equal(got, "big.yaml:3:1: 'agents' has more than 100000 hosts\n");
	free(got);
	diag_list_release(&dl);
	strbuf_release(&sb);
}

/* 10,000 agents (a big cluster): every one in order (how fast is make bench's). */
static void test_ten_thousand_agents(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct inventory *inv = NULL;
	struct diag_list dl;
	char name[64];

	(void)state;
	strbuf_adds(&sb, "masters:\n  - m1\n  - m2\n  - m3\nleader: m1\nagents:\n");
	for (int i = 1; i <= 10000; i++)
		strbuf_addf(&sb, "  - agent-%05d.dc1.example.com\n", i);
	diag_list_init(&dl);
	assert_int_equal(inventory_parse("big.yaml", (const unsigned char *)sb.buf, sb.len, &inv,
					 &dl), ST_OK);
	assert_int_equal(dl.count, 0);
	NAMES(inv->masters, inv->nmasters, "m2", "m3", "m1");
	assert_int_equal(inv->nagents, 10000);
	for (int i = 1; i <= 10000; i++) {
		snprintf(name, sizeof(name), "agent-%05d.dc1.example.com", i);
		assert_string_equal(inv->agents[i - 1], name);
	}
	inventory_free(&inv);
	diag_list_release(&dl);
	/* the same with one duplicate at the end: found, with its line */
	strbuf_adds(&sb, "  - agent-00001.dc1.example.com\n");
	diag_list_init(&dl);
	assert_int_equal(inventory_parse("big.yaml", (const unsigned char *)sb.buf, sb.len, &inv,
					 &dl), ST_DATAERR);
	assert_int_equal(dl.count, 1);
	assert_int_equal(dl.items[0].line, 10007);
	assert_string_equal(dl.items[0].message, "host 'agent-00001.dc1.example.com' is listed "
			    "twice in 'agents' (first at line 7)");
	diag_list_release(&dl);
	strbuf_release(&sb);
}

/* ---- files ------------------------------------------------------------- */

static void test_load_files(void **state)
{
	struct inventory *inv = (struct inventory *)1;
	struct diag_list dl;
	char dir[] = "/tmp/mu-test-inventory-XXXXXX", path[128];
	char *got;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* no such file */
	snprintf(path, sizeof(path), "%s/missing.yaml", dir);
	diag_list_init(&dl);
	assert_int_equal(inventory_load(path, &inv, &dl), ST_DATAERR);
	assert_null(inv);
	got = diags(&dl);
	assert_non_null(strstr(got, "missing.yaml: cannot read the inventory: No such file"));
	free(got);
	diag_list_release(&dl);
	/* a directory */
	diag_list_init(&dl);
	assert_int_equal(inventory_load(dir, &inv, &dl), ST_DATAERR);
	got = diags(&dl);
	assert_non_null(strstr(got, ": the inventory is not a regular file"));
	free(got);
	diag_list_release(&dl);
	/* larger than 16 MiB (sparse): refused before reading */
	snprintf(path, sizeof(path), "%s/huge.yaml", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (16 << 20) + 1), 0);
	close(fd);
	diag_list_init(&dl);
	assert_int_equal(inventory_load(path, &inv, &dl), ST_DATAERR);
	got = diags(&dl);
	assert_non_null(strstr(got, "huge.yaml: file is larger than 16 MiB"));
	free(got);
	diag_list_release(&dl);
	unlink(path);
	/* CRLF line ends and a BOM-less file with comments: lines still count */
	snprintf(path, sizeof(path), "%s/crlf.yaml", dir);
	{
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("# x\r\nmasters: [m1]\r\nagents:\r\n  - a1\r\n  - a1\r\n", f);
		fclose(f);
	}
	diag_list_init(&dl);
	assert_int_equal(inventory_load(path, &inv, &dl), ST_DATAERR);
	assert_int_equal(dl.count, 1);
	assert_int_equal(dl.items[0].line, 5);
	assert_int_equal(dl.items[0].col, 5);
	diag_list_release(&dl);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leader_moved_last),
		cmocka_unit_test(test_leader_in_the_middle_and_already_last),
		cmocka_unit_test(test_no_leader_keeps_order),
		cmocka_unit_test(test_empty_lists),
		cmocka_unit_test(test_every_kind_of_name),
		cmocka_unit_test(test_host_valid),
		cmocka_unit_test(test_bad_fixtures),
		cmocka_unit_test(test_anchors_refused),
		cmocka_unit_test(test_empty_and_null_names),
		cmocka_unit_test(test_not_names),
		cmocka_unit_test(test_leader_problems),
		cmocka_unit_test(test_duplicates_against_the_first),
		cmocka_unit_test(test_long_bad_name_shown_cut),
		cmocka_unit_test(test_too_many_hosts),
		cmocka_unit_test(test_ten_thousand_agents),
		cmocka_unit_test(test_load_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
