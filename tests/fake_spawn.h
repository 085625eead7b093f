/*
 * fake_spawn.h - start, change and stop tests/fake_mesos.py from C (the
 * probe's tests and the benchmark). Run from the top of the source tree.
 *
 * Readiness is the fake's ready file, polled with a bound (never a sleep
 * that hopes); a change of scenario is in force when the ready file shows
 * the next generation. The fake also ends by itself (--lifetime).
 */
#ifndef MU_FAKE_SPAWN_H
#define MU_FAKE_SPAWN_H

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#define FAKE_MAX_MASTERS 8

struct fake {
	pid_t pid;
	char dir[64];
	char scenario[96];
	char ready[96];
	long generation;
	size_t nmasters;
	char masters[FAKE_MAX_MASTERS][128];
	const char *urls[FAKE_MAX_MASTERS];    /* into masters[] */
};

extern char **environ;

static void fake_nap(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static int fake_write(const char *path, const char *text)
{
	char tmp[128];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		return -1;
	fputs(text, f);
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

/* Wait (at most 20 s) for a ready file of generation > @after; 0 when read. */
static int fake_wait(struct fake *f, long after)
{
	for (int i = 0; i < 2000; i++) {
		json_t *root = json_load_file(f->ready, 0, NULL), *m;
		size_t k;
		if (root && json_integer_value(json_object_get(root, "generation")) > after) {
			f->generation = (long)json_integer_value(json_object_get(root, "generation"));
			f->nmasters = 0;
			json_array_foreach(json_object_get(root, "masters"), k, m) {
				if (k >= FAKE_MAX_MASTERS)
					break;
				snprintf(f->masters[k], sizeof(f->masters[k]), "%s",
					 json_string_value(m));
				f->urls[k] = f->masters[k];
				f->nmasters = k + 1;
			}
			json_decref(root);
			return 0;
		}
		json_decref(root);
		if (waitpid(f->pid, NULL, WNOHANG) == f->pid) {
			f->pid = 0;
			return -1;
		}
		fake_nap();
	}
	return -1;
}

/* Start the fake on @scenario (JSON text); 0 when it is ready. */
static int fake_start(struct fake *f, const char *scenario)
{
	static char py[] = "python3", script[] = "tests/fake_mesos.py", sc[] = "--scenario",
		    rd[] = "--ready", lt[] = "--lifetime", secs[] = "300";
	char *argv[] = { py, script, sc, f->scenario, rd, f->ready, lt, secs, NULL };

	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/mu-fake.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->scenario, sizeof(f->scenario), "%s/scenario.json", f->dir);
	snprintf(f->ready, sizeof(f->ready), "%s/ready.json", f->dir);
	if (fake_write(f->scenario, scenario) != 0 ||
	    posix_spawnp(&f->pid, "python3", NULL, NULL, argv, environ) != 0)
		return -1;
	return fake_wait(f, 0);
}

/* A new scenario, in force when this returns 0. */
static __attribute__((unused)) int fake_update(struct fake *f, const char *scenario)
{
	if (fake_write(f->scenario, scenario) != 0)
		return -1;
	return fake_wait(f, f->generation);
}

static void fake_stop(struct fake *f)
{
	char path[128];

	if (f->pid > 0) {
		kill(f->pid, SIGTERM);
		/* at most 5 s for a clean exit, then no more waiting */
		for (int i = 0; i < 500 && waitpid(f->pid, NULL, WNOHANG) != f->pid; i++)
			fake_nap();
		if (kill(f->pid, 0) == 0) {
			kill(f->pid, SIGKILL);
			waitpid(f->pid, NULL, 0);
		}
		f->pid = 0;
	}
	snprintf(path, sizeof(path), "%s/scenario.json", f->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ready.json", f->dir);
	unlink(path);
	rmdir(f->dir);
}

#endif
