/*
 * floor.c - the floor of every process figure of "make bench": a trivial
 * program linked as mesos-upgrade is (the Makefile's link line; libcurl is
 * opened at its first use, so it is not linked). It takes an address from
 * each library, so that the linker keeps every one of them (it drops a
 * library nothing is taken from), and exits: what is left is exec, the
 * dynamic loader and exit.
 */
#include <stddef.h>

#include <curses.h>
#include <jansson.h>
#include <sqlite3.h>
#include <yaml.h>

int main(void)
{
	/* ncursesw, tinfo, libyaml, SQLite, jansson */
	const void *from[] = { key_name(L'a'), &COLS, yaml_get_version_string(),
			       sqlite3_libversion(), jansson_version_str() };
	int same = 0;

	for (size_t i = 1; i < sizeof(from) / sizeof(*from); i++)
		same += from[i] == from[0];
	return same;
}
