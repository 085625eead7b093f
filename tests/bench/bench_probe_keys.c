/*
 * bench_probe_keys.c - a keypress in the wizard while it probes 10,000
 * agents, beside the same keypress without a probe (issue 14: "as fast as
 * without one").
 *
 * The real binary runs headless on a session started with --discover from
 * the fake cluster. Its key script presses P (probe, on the main screen),
 * then blocks of KEYS moves, each block ending in a :dump. The benchmark
 * reads the dumps from a pipe as they come and notes when each arrived: a
 * block's time over KEYS is one keypress (move, redraw, the probe polled).
 * A block counts as during the probe when the dumps before and after it
 * both show the probe's progress. The same script without the P gives the
 * figure without a probe. The block in which the probe ends also records it
 * (on the wizard's thread: the journal's connection is its own); that
 * block is printed apart. Beside each, the processor time of the wizard's
 * main thread per keypress (/proc/PID/task/PID/schedstat at each dump): on
 * a shared machine the wall time of a keypress during a probe also counts
 * the probe's thread and the fake cluster taking the processors.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

enum { BLOCKS = 300, KEYS = 40, RUNS = 3, MAX_DUMPS = BLOCKS + 2 };

static void write_script(const char *path, bool probe)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("cannot write the key script");
	if (probe)
		fputs("P\n", f);
	for (int b = 0; b < BLOCKS; b++) {
		for (int k = 0; k < KEYS; k++)
			fputs(k % 40 < 20 ? "j\n" : "k\n", f);
		fputs(":dump\n", f);
	}
	/* keys that outran the probe: wait for it, so that it is recorded */
	fputs(":wait\n:dump\n", f);
	fclose(f);
}

/*
 * One run: when each dump arrived (ms), the processor time the wizard's
 * main thread had had by then (ms), and whether the dump showed a probe
 * running.
 */
struct run {
	size_t n;
	double at[MAX_DUMPS], cpu[MAX_DUMPS];
	bool probing[MAX_DUMPS];
};

/* The time on a processor of @pid's main thread so far (schedstat), in ms. */
static double thread_cpu_ms(pid_t pid)
{
	char path[64];
	unsigned long long ns = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat", (int)pid, (int)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	if (fscanf(f, "%llu", &ns) != 1)
		ns = 0;
	fclose(f);
	return (double)ns / 1e6;
}

static void run_wizard(char *const argv[], struct run *run)
{
	posix_spawn_file_actions_t fa;
	char line[4096];
	bool probing = false;
	int fds[2], status;
	pid_t pid;
	FILE *out;

	if (pipe(fds) != 0)
		die("pipe");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0)
		die("cannot run the wizard");
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (!(out = fdopen(fds[0], "r")))
		die("fdopen");
	run->n = 0;
	while (fgets(line, sizeof(line), out)) {
		if (strcmp(line, "--\n") != 0) {
			probing |= strstr(line, "probing") != NULL;
			continue;
		}
		if (run->n < MAX_DUMPS) {
			run->at[run->n] = now_ms();
			run->cpu[run->n] = thread_cpu_ms(pid);
			run->probing[run->n++] = probing;
		}
		probing = false;
	}
	fclose(out);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("the wizard failed");
	if (run->n != BLOCKS + 1)
		die("the wizard did not dump every block");
}

/* An argument vector of @n strings, copied (argv[n] NULL); freed by argv_free(). */
static char **argv_new(const char *const *args, size_t n)
{
	char **argv = calloc(n + 1, sizeof(*argv));

	for (size_t i = 0; argv && i < n; i++)
		if (!(argv[i] = strdup(args[i])))
			die("out of memory");
	if (!argv)
		die("out of memory");
	return argv;
}

static void argv_free(char **argv)
{
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* "mesos-upgrade start --discover" of the fake cluster into the journal @path. */
static void start_session(const char *bin, const char *path, const char *const *urls,
			  size_t nmasters)
{
	const char *args[32] = { bin, "--journal", path, "start", "--from", "0.27", "--to", "0.28",
				 "--discover" };
	size_t n = 9;
	posix_spawn_file_actions_t fa;
	char **argv;
	pid_t pid;
	int status;

	for (size_t i = 0; i < nmasters && n + 2 < sizeof(args) / sizeof(*args); i++) {
		args[n++] = "--master";
		args[n++] = urls[i];
	}
	argv = argv_new(args, n);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);  /* the session's id */
	if (posix_spawn(&pid, bin, &fa, NULL, argv, environ) != 0 || waitpid(pid, &status, 0) < 0 ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("start --discover of the fake cluster failed");
	posix_spawn_file_actions_destroy(&fa);
	argv_free(argv);
}

void bench_probe_keys(const char *dir, const char *bin, const char *const *urls, size_t nmasters)
{
	static struct run with, without;
	char path[2048], keys_p[2048], keys_0[2048], **argv;
	double during[RUNS * BLOCKS], plain[RUNS * BLOCKS], ending[RUNS];
	double cpu_d = 0, cpu_p = 0;  /* the main thread's processor time in those blocks */
	size_t nd = 0, np = 0, ne = 0;

	snprintf(path, sizeof(path), "%s/bench-probe-keys.db", dir);
	snprintf(keys_p, sizeof(keys_p), "%s/bench-probe-keys-p", dir);
	snprintf(keys_0, sizeof(keys_0), "%s/bench-probe-keys-0", dir);
	rm_db(path);
	start_session(bin, path, urls, nmasters);
	argv = argv_new((const char *const[]){ bin, "--journal", path, "--operator", "bench" }, 5);
	write_script(keys_p, true);
	write_script(keys_0, false);
	for (int r = 0; r < RUNS; r++) {
		setenv("MESOS_UPGRADE_KEYS", keys_p, 1);
		run_wizard(argv, &with);
		setenv("MESOS_UPGRADE_KEYS", keys_0, 1);
		run_wizard(argv, &without);
		/* block i: from dump i-1 to dump i; the first holds the start, the last the :wait */
		for (size_t i = 1; i + 1 < with.n; i++) {
			double t = (with.at[i] - with.at[i - 1]) / KEYS;
			if (with.probing[i - 1] && with.probing[i]) {
				during[nd++] = t;
				cpu_d += with.cpu[i] - with.cpu[i - 1];
			}
			else if (with.probing[i - 1])
				ending[ne++] = with.at[i] - with.at[i - 1];
		}
		for (size_t i = 1; i + 1 < without.n; i++) {
			plain[np++] = (without.at[i] - without.at[i - 1]) / KEYS;
			cpu_p += without.cpu[i] - without.cpu[i - 1];
		}
	}
	unsetenv("MESOS_UPGRADE_KEYS");
	if (!np)
		die("no keypress measured");
	printf("%-46s %9.3f ms   (processor %.3f ms)\n",
	       "wizard: keypress without a probe, 10000 agents", pct(plain, np, 0.5),
	       cpu_p / (double)(np * KEYS));
	if (nd)
		printf("%-46s %9.3f ms   %.2fx without (processor %.3f ms, %.2fx; p99 %.3f ms; "
		       "%zu blocks of %d keys)\n", "wizard: keypress during a probe",
		       pct(during, nd, 0.5), pct(during, nd, 0.5) / pct(plain, np, 0.5),
		       cpu_d / (double)(nd * KEYS), cpu_d * (double)np / (cpu_p * (double)nd),
		       pct(during, nd, 0.99), nd, KEYS);
	else
		printf("%-46s   (the keys outran the probe: none measured during it)\n",
		       "wizard: keypress during a probe");
	if (ne)
		printf("%-46s %9.3f ms   (%d keys, and the probe recorded)\n",
		       "wizard: the block in which the probe ends", pct(ending, ne, 0.5), KEYS);
	argv_free(argv);
	unlink(keys_p);
	unlink(keys_0);
	rm_db(path);
}
