/*
 * test_hop_read.c - the inventory read once for batch after batch
 * (journal_agents_packed()) and the batches cut from it
 * (session_hop_hosts()): the agents, their leaders and their order as
 * journal_hosts() reads them, whether they are in the order of their names
 * learnt in the same read, from their packed row or, when it is not whole
 * or not there, their rows; a session with hosts added later read batch by
 * batch instead; and each batch's items those of the whole load. A
 * session of SESSION_HUGE_HEAP_ITEMS items or more read with the heap in
 * huge pages, one of fewer not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <unistd.h>

#define FIXTURE_NAME "hop-read"
#include "session_fixture.h"
#include "smaps.h"

#define A "0.26-0.27"
#define STEP A "/restart-agents"

static void start(struct fx *f, const char *inventory)
{
	struct diag_list why = { 0 };
	enum status st;

	inventory_free(&f->inv);
	f->inv = parse_inventory(inventory);
	st = session_start(f->j, f->c, "0.26", "0.28", "t", f->inv, &f->who, &f->sid, &why);
	if (st != ST_OK)
		fail_msg("session_start: status %d: %s", (int)st, diag_said(&why));
	diag_list_release(&why);
}

static void add_hosts(struct fx *f, const char *inventory)
{
	struct inventory *more = parse_inventory(inventory);

	strbuf_reset(&f->msg);
	assert_int_equal(session_add_hosts(f->j, f->c, f->sid, more, "more.yaml", &f->who, &f->dl,
					   &f->msg), ST_OK);
	inventory_free(&more);
}

static void mark_pattern(struct fx *f, const char *pattern, enum mark_action a, const char *text)
{
	struct mark_pattern mp = { f->sid, pattern, a, text, &f->who };
	struct mark_pattern_result r = { 0 };

	tick(f);
	assert_int_equal(session_mark_pattern(f->j, f->c, &mp, &r, &f->dl), ST_OK);
	mark_pattern_result_release(&r);
}

/* journal_agents_packed() is the agents journal_hosts() reads, in order; sorted @sorted. */
static void packed_agrees(struct fx *f, bool sorted)
{
	struct arena a = ARENA_INIT;
	struct journal_agents p;
	struct journal_host *w;
	size_t nw, nm = 0;
	bool got = false;

	assert_int_equal(journal_agents_packed(f->j, f->sid, &p, &got), ST_OK);
	assert_true(got);
	assert_int_equal(p.sorted, sorted);
	assert_int_equal(journal_hosts(f->j, f->sid, &a, &w, &nw), ST_OK);
	while (nm < nw && !strcmp(w[nm].role, "master"))
		nm++;
	assert_int_equal(p.n, nw - nm);
	for (size_t i = 0; i < p.n; i++) {
		assert_string_equal(p.names + p.at[i], w[nm + i].name);
		assert_int_equal(p.leader[i] != 0, w[nm + i].leader);
		assert_null(w[nm + i].from_hop);
	}
	journal_agents_release(&p);
	arena_release(&a);
}

/*
 * Each batch of session_hop_hosts(), @batch agents at a time, is step
 * STEP and its hosts' items of the whole load, in the inventory's order,
 * with the same states, notes and events; every host once.
 */
static void batches_agree(struct fx *f, size_t batch)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct session *top = NULL, *w = load(f);
	struct session_hops v = SESSION_HOPS_INIT(f->j, f->c, NULL, &why);
	size_t si = 0, wi = 0, first = 0, next = 0, seen = 0;

	if (session_load_view(f->j, f->c, f->sid, SESSION_NO_HOP, &top, &dl) != ST_OK)
		fail_msg("the view of no hop's agents: %s", diag_said(&dl));
	v.top = top;
	v.batch = batch;
	while (si < top->nitems && strcmp(top->items[si].id, STEP))
		si++;
	while (wi < w->nitems && strcmp(w->items[wi].id, STEP))
		wi++;
	assert_true(si < top->nitems && wi < w->nitems);
	do {
		const struct session *s = session_hop_hosts(&v, si, first, &next);
		assert_non_null(s);
		assert_string_equal(s->items[0].id, STEP);
		assert_true(s->nitems - 1 <= batch);
		for (size_t k = 1; k < s->nitems; k++) {
			const struct session_item *x = &s->items[k], *y = &w->items[wi + 1 + seen++];
			assert_string_equal(x->id, y->id);
			assert_string_equal(x->host, y->host);
			assert_int_equal(x->state, y->state);
			assert_int_equal(x->has_last, y->has_last);
			assert_int_equal(x->last.id, y->last.id);
			assert_string_equal(x->last.text, y->last.text);
			assert_int_equal(x->has_note, y->has_note);
			assert_int_equal(x->parent, 0);
		}
		assert_true(!next || next == first + batch);
		first = next;
	} while (next);
	assert_int_equal(seen, w->items[wi].nhosts);
	assert_int_equal(v.st, ST_OK);
	session_hops_release(&v);
	session_free(&top);
	session_free(&w);
	diag_list_release(&dl);
	strbuf_release(&why);
}

static void marks(struct fx *f)
{
	mark_pattern(f, A "/*", MARK_DONE, NULL);
	OK(f, STEP "@a10", MARK_UNDO, NULL);
	OK(f, STEP "@a10", MARK_SKIP, "retired");
	OK(f, STEP "@b1", MARK_NOTE, "disk slow");
}

/* @sql run on the journal's agents_packed, its triggers that keep it fixed dropped. */
static void packed_row(struct fx *f, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER IF EXISTS agents_packed_fixed_update;"
				      "DROP TRIGGER IF EXISTS agents_packed_fixed_delete;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/*
 * Agents @agents packed, sorted @sorted, and read by batches of 1 to @most
 * once marked: from their packed row (schema 11), and from their rows when
 * that row is not whole (a count not its names', a name without its NUL,
 * the flags short, the names text), not the inventory's count, not the
 * row sqlite3_blob_open() would read (another session's at its rowid, two
 * of the session, no rowid), or not there (a session started before
 * schema 11).
 */
static void packed_case(struct fx *f, const char *agents, bool sorted, size_t most)
{
	static const char *const broken[] = {
		"UPDATE agents_packed SET agents = agents + 1",
		"UPDATE agents_packed SET agents = agents - 1,"
		" leaders = substr(leaders, 1, length(leaders) - 1)",
		"UPDATE agents_packed SET names = substr(names, 1, length(names) - 1)",
		"UPDATE agents_packed SET leaders = substr(leaders, 1, length(leaders) - 1)",
		/* whole in itself, but one agent where the inventory has more */
		"UPDATE agents_packed SET agents = 1, names = X'613100', leaders = X'00'",
		/* the names as text: its length not its bytes' (it stops at the first NUL) */
		"UPDATE agents_packed SET names = CAST(names AS TEXT)",
		/* the table made again with a key of its own: another session's row,
		 * names as long, at the rowid of this one's */
		"DROP TABLE agents_packed; CREATE TABLE agents_packed (session INTEGER, agents"
		" INTEGER, names BLOB, leaders BLOB); INSERT INTO agents_packed SELECT session + 98,"
		" agents, CAST(replace(CAST(names AS TEXT), 'a', 'q') AS BLOB), leaders FROM kept;"
		" INSERT INTO agents_packed SELECT * FROM kept",
		/* two rows of the session, the other first */
		"DROP TABLE agents_packed; CREATE TABLE agents_packed (session INTEGER, agents"
		" INTEGER, names BLOB, leaders BLOB); INSERT INTO agents_packed SELECT session,"
		" agents, CAST(replace(CAST(names AS TEXT), 'a', 'q') AS BLOB), leaders FROM kept;"
		" INSERT INTO agents_packed SELECT * FROM kept",
		/* a table without rowid */
		"DROP TABLE agents_packed; CREATE TABLE agents_packed (session INTEGER PRIMARY KEY,"
		" agents INTEGER, names BLOB, leaders BLOB) WITHOUT ROWID;"
		" INSERT INTO agents_packed SELECT * FROM kept",
		"DELETE FROM agents_packed",
	};
	struct strbuf inv = STRBUF_INIT;

	strbuf_addf(&inv, "masters: [m1, m2, m3]\nleader: m2\nagents: [%s]\n", agents);
	start(f, strbuf_str(&inv));
	strbuf_release(&inv);
	packed_agrees(f, sorted);
	for (size_t k = 0; k < sizeof(broken) / sizeof(*broken); k++) {
		packed_row(f, "CREATE TABLE IF NOT EXISTS kept AS SELECT * FROM agents_packed");
		packed_row(f, broken[k]);
		packed_agrees(f, sorted);
		packed_row(f, "DROP TABLE agents_packed; CREATE TABLE agents_packed ("
			      "session INTEGER PRIMARY KEY REFERENCES sessions(id), agents INTEGER"
			      " NOT NULL, names BLOB NOT NULL, leaders BLOB NOT NULL);"
			      " INSERT INTO agents_packed SELECT * FROM kept; DROP TABLE kept");
	}
	marks(f);
	for (size_t batch = 1; batch <= most; batch++)
		batches_agree(f, batch);
}

static void test_agents_packed_in_order(void **state)
{
	packed_case(*state, "a1, a10, a11, a2, b1", true, 6);
}

/* A name before the one before it, or the start of it: out of order. */
static void test_agents_packed_out_of_order(void **state)
{
	packed_case(*state, "b1, a10, a1, a2, a11, c1", false, 7);
}

/* The packed row is what is read when it is whole: a name changed in it is read so. */
static void test_agents_packed_row_read(void **state)
{
	struct fx *f = *state;
	struct journal_agents p;
	bool got = false;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a2, a3]\n");
	packed_row(f, "UPDATE agents_packed SET names = CAST(replace(CAST(names AS TEXT),"
		      " 'a2', 'q2') AS BLOB)");
	assert_int_equal(journal_agents_packed(f->j, f->sid, &p, &got), ST_OK);
	assert_true(got);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.names + p.at[1], "q2");
	assert_false(p.sorted);
	journal_agents_release(&p);
}

static void test_agents_packed_none(void **state)
{
	struct fx *f = *state;
	struct journal_agents p;
	bool got = false;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: []\n");
	assert_int_equal(journal_agents_packed(f->j, f->sid, &p, &got), ST_OK);
	assert_true(got);
	assert_int_equal(p.n, 0);
	assert_true(p.sorted);
	journal_agents_release(&p);
}

/* Agents added later are not packed (their first hop is read with them), and read by batches. */
static void test_added_hosts_read_by_batches(void **state)
{
	struct fx *f = *state;
	struct journal_agents p;
	bool got = true;

	start(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a10, a2, b1]\n");
	add_hosts(f, "masters: [m1, m2, m3]\nleader: m2\nagents: [a1, a10, a2, b1, a0, a11]\n");
	assert_int_equal(journal_agents_packed(f->j, f->sid, &p, &got), ST_OK);
	assert_false(got);
	assert_int_equal(p.n, 0);
	assert_null(p.names);
	marks(f);
	for (size_t batch = 1; batch <= 7; batch++)
		batches_agree(f, batch);
}

/*
 * In a process of its own, on a journal and a connection of its own (the
 * parent's is not carried across fork()): a session of @agents agents
 * (0.26 -> 0.28: two items each, and 22 more) started, then read as a
 * report reads it; exit 1 when its heap then has huge pages, 0 when not,
 * 2 when that cannot be told here (a sanitizer's malloc(), no transparent
 * huge pages, huge pages already), 3 failed.
 */
/* Whom heap_child() starts a session for, and of how many agents. */
struct heap_case {
	struct fx *f;
	size_t agents;
};

static int heap_child(void *arg)
{
	const struct heap_case *hc = arg;
	struct fx *f = hc->f;
	size_t agents = hc->agents;
	struct strbuf inv = STRBUF_INIT, path = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct inventory *parsed;
	struct session *s = NULL;
	struct journal *j = NULL;
	int64_t sid = 0;
	int said = 3;

	if (!smaps_heap_malloc() || !smaps_thp_advisable() || smaps_advised(NULL) != 0)
		return 2;
	strbuf_adds(&inv, "masters: [m1]\nagents: [");
	for (size_t i = 0; i < agents; i++)
		strbuf_addf(&inv, "%sa%05zu", i ? ", " : "", i);
	strbuf_adds(&inv, "]\n");
	strbuf_addf(&path, "%s.heap", f->path);
	parsed = parse_inventory(strbuf_str(&inv));
	if (open_journal(strbuf_str(&path), JOURNAL_CREATE, &j) == ST_OK &&
	    session_start(j, f->c, "0.26", "0.28", "t", parsed, &f->who, &sid, &dl) == ST_OK &&
	    smaps_advised(NULL) == 0 && session_load_brief(j, f->c, sid, &s, &dl) == ST_OK)
		said = smaps_advised(NULL) < 0 ? 2 : smaps_advised(NULL);
	session_free(&s);
	journal_close(&j);
	inventory_free(&parsed);
	for (int k = 0; k < 3; k++) {
		strbuf_reset(&inv);
		strbuf_addf(&inv, "%s%s", strbuf_str(&path), k ? k == 1 ? "-wal" : "-shm" : "");
		unlink(strbuf_str(&inv));
	}
	strbuf_release(&path);
	strbuf_release(&inv);
	diag_list_release(&dl);
	return said;
}

/* The exit of heap_child() of @agents agents, in a process of its own. */
static int heap_of(struct fx *f, size_t agents)
{
	struct heap_case hc = { f, agents };

	return child_exit(heap_child, &hc);
}

static void test_large_session_heap(void **state)
{
	/* 20 of the plan, 2 of the master's, 2 each agent's: 4,989 agents, 10,000 items */
	size_t at = (SESSION_HUGE_HEAP_ITEMS - 22 + 1) / 2;
	int below = heap_of(*state, at - 1), from = heap_of(*state, at);

	if (below == 2 || from == 2)
		skip(); /* no heap of malloc()'s here, or no huge pages to advise */
	assert_int_equal(below, 0);
	assert_int_equal(from, 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_agents_packed_in_order),
		T(test_agents_packed_out_of_order),
		T(test_agents_packed_row_read),
		T(test_agents_packed_none),
		T(test_added_hosts_read_by_batches),
		T(test_large_session_heap),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
