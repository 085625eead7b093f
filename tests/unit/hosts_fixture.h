/*
 * hosts_fixture.h - the sessions of the per-host step tests (test_hosts.c,
 * test_hosts_many.c, test_hosts_inventory.c): started with an inventory of
 * 3 masters and a number of agents, or none; session_mark_many() as the
 * operator; an item by id; the masters' step of 0.27-0.28 opened and done.
 * Define FIXTURE_NAME before including, after <cmocka.h>.
 */
#ifndef MU_HOSTS_FIXTURE_H
#define MU_HOSTS_FIXTURE_H

#include "session_fixture.h"

#define HOP "0.27-0.28"
#define MASTERS HOP "/restart-masters"
#define AGENTS HOP "/restart-agents"

/* An inventory of 3 masters (m2 leads) and @nagents agents a001, a002, ... */
static inline struct inventory *make_inventory(size_t nagents)
{
	struct strbuf sb = STRBUF_INIT;
	struct inventory *inv;

	strbuf_adds(&sb, "masters: [m1, m2, m3]\nleader: m2\nagents:");
	if (!nagents)
		strbuf_adds(&sb, " []");
	strbuf_addc(&sb, '\n');
	for (size_t i = 1; i <= nagents; i++)
		strbuf_addf(&sb, "  - a%03zu\n", i);
	inv = parse_inventory(strbuf_str(&sb));
	strbuf_release(&sb);
	return inv;
}

static inline void start_inv(struct fx *f, const char *from, const char *to, size_t nagents)
{
	struct diag_list why = { 0 };
	enum status st;

	inventory_free(&f->inv);
	f->inv = make_inventory(nagents);
	st = session_start(f->j, f->c, from, to, "rolling", f->inv, &f->who, &f->sid, &why);
	if (st != ST_OK)
		fail_msg("session_start %s -> %s: status %d: %s", from, to, (int)st,
			 diag_said(&why));
	assert_true(f->sid > 0);
	diag_list_release(&why);
}

static inline void start_plain(struct fx *f, const char *from, const char *to)
{
	struct diag_list why = { 0 };
	enum status st = session_start(f->j, f->c, from, to, "plain", NULL, &f->who, &f->sid,
				       &why);

	if (st != ST_OK)
		fail_msg("session_start: status %d: %s", (int)st, diag_said(&why));
	diag_list_release(&why);
}

/*
 * session_mark_many() as f->who: its failure the one message of its status
 * in the list, a refusal with its code there (change_said(): its words
 * in f->msg, its code in f->refused).
 */
static inline enum status many(struct fx *f, const char *const *items, size_t n,
			       enum mark_action a, const char *text, size_t *recorded)
{
	enum status st;

	strbuf_reset(&f->msg);
	st = change_said(f, session_mark_many(f->j, f->c, f->sid, items, n, a, text, &f->who,
					      NULL, recorded, NULL, &f->dl));
	if (st == ST_REFUSED || st == ST_USAGE)
		assert_int_not_equal(f->refused, REFUSAL_NONE);
	return st;
}

static inline const struct session_item *item(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("session has no item %s", id);
	return &s->items[i];
}

static inline long idx(const struct session *s, const char *id)
{
	long i = session_find(s, id);

	if (i < 0)
		fail_msg("session has no item %s", id);
	return i;
}

/* The notes and the first step of 0.27-0.28: the masters are next. */
static inline void open_masters(struct fx *f)
{
	OK(f, HOP "/scalar-precision", MARK_DONE, NULL);
	OK(f, HOP "/reservation-acls", MARK_DONE, NULL);
	OK(f, HOP "/rebuild-modules", MARK_DONE, NULL);
}

static inline void all_masters(struct fx *f)
{
	OK(f, MASTERS "@m1", MARK_DONE, NULL);
	OK(f, MASTERS "@m3", MARK_DONE, NULL);
	OK(f, MASTERS "@m2", MARK_DONE, NULL);
}

#endif
