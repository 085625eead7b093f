/*
 * bench_scale_wizard.c - the wizard on a workload of issue 17 (see
 * bench_scale.c), the real binary headless:
 *
 *   - exec to its first frame: a key script of one :dump, exec to exit,
 *     with its peak memory and what that is per item;
 *   - a check-off, and its reload after another operator's check-off: the
 *     key script is a FIFO the benchmark writes as it goes, each action
 *     followed by a :dump, timed from the write to the dump read back on the
 *     wizard's stdout (a pipe). A check-off is the undo of the workload's
 *     note (Enter in the undo's dialog) or its acknowledgement (Space); the
 *     other operator's check-off is an event this process adds to the same
 *     journal (done and undo, alternately, of a host's item), then a :tick,
 *     on which the wizard sees the journal's data version changed and
 *     reloads, as it does once a second at a terminal;
 *   - a keypress in the hosts list of the per-host step (40 moves a dump).
 *
 * What the timed keys did is checked (the journal's events, the dumps'
 * messages): a figure of keys that did nothing would be a lie.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "journal.h"

#include "bench.h"

/* A wizard running with a FIFO for its key script and a pipe for its stdout. */
struct wiz {
	pid_t pid;
	FILE *keys, *out;
	struct strbuf dump;   /* the last screen dumped */
};

static void wiz_start(struct wiz *z, const char *bin, const char *journal, const char *fifo)
{
	static char opt[] = "--operator", name[] = "bench";
	char binary[2048];
	char *argv[] = { binary, opt, name, NULL };
	posix_spawn_file_actions_t fa;
	int fds[2], fd, status;

	snprintf(binary, sizeof(binary), "%s", bin);
	unlink(fifo);
	if (mkfifo(fifo, 0600) != 0 || pipe(fds) != 0)
		die("cannot make the wizard's FIFO and pipe");
	setenv("MESOS_UPGRADE_KEYS", fifo, 1);
	setenv("MESOS_UPGRADE_JOURNAL", journal, 1);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	if (posix_spawn(&z->pid, argv[0], &fa, NULL, argv, environ) != 0)
		die("cannot run the wizard");
	posix_spawn_file_actions_destroy(&fa);
	unsetenv("MESOS_UPGRADE_KEYS");
	unsetenv("MESOS_UPGRADE_JOURNAL");
	close(fds[1]);
	/* the FIFO opens once the wizard opens it to read: unless it died first */
	while ((fd = open(fifo, O_WRONLY | O_NONBLOCK)) < 0) {
		struct timespec ms = { 0, 1000000 };
		if (errno != ENXIO || waitpid(z->pid, &status, WNOHANG) != 0)
			die("the wizard did not open its key script");
		nanosleep(&ms, NULL);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (!(z->keys = fdopen(fd, "w")) || !(z->out = fdopen(fds[0], "r")))
		die("fdopen");
	strbuf_init(&z->dump);
}

/* Send @keys and a :dump; the time until the dump is read back (ms). */
static double wiz_send(struct wiz *z, const char *keys)
{
	char line[4096];
	double t0 = now_ms();

	if (fprintf(z->keys, "%s:dump\n", keys) < 0 || fflush(z->keys) != 0)
		die("the wizard ended before its keys");
	strbuf_reset(&z->dump);
	while (fgets(line, sizeof(line), z->out)) {
		if (!strcmp(line, "--\n"))
			return now_ms() - t0;
		strbuf_adds(&z->dump, line);
	}
	die("the wizard ended before its screen dump");
	return 0;
}

/* The end of the key script: the wizard quits; its peak memory (MiB). */
static double wiz_end(struct wiz *z, const char *fifo)
{
	char line[4096];
	struct rusage ru;
	int status;

	fclose(z->keys);
	while (fgets(line, sizeof(line), z->out))
		;
	fclose(z->out);
	if (wait4(z->pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("the wizard failed");
	unlink(fifo);
	strbuf_release(&z->dump);
	return (double)ru.ru_maxrss / 1024.0;
}

/* The dump shows @what, or the benchmark stops: the keys did not do what is timed. */
static void wiz_expect(const struct wiz *z, const char *what, const char *doing)
{
	if (!strstr(strbuf_str(&z->dump), what)) {
		fprintf(stderr, "bench: the wizard did not %s; its screen:\n%s", doing,
			strbuf_str(&z->dump));
		exit(1);
	}
}

static bool count_one(void *ctx, const struct journal_event *e)
{
	(void)e;
	++*(size_t *)ctx;
	return true;
}

/* The events of @item in @path's session @id. */
static size_t item_events(const char *path, int64_t id, const char *item)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct journal *j = NULL;
	size_t n = 0;

	if (journal_open(path, JOURNAL_READ, &j, &dl) != ST_OK ||
	    journal_events(j, id, item, false, 0, count_one, &n) != ST_OK)
		die(dl.count ? dl.items[0].message : journal_error(j));
	journal_close(&j);
	return n;
}

/*
 * Check-offs of @w's note in the wizard @z: undone (Enter in the dialog),
 * acknowledged; each found first with / (timed in @found, *@nfound: every
 * item's title and id, and the hosts' items of the steps the view has not
 * read, none of which holds it).
 */
static void checkoffs(struct wiz *z, const struct workload *w, double *t, size_t *n,
		      double *found, size_t *nfound)
{
	char select[512];
	double spent = 0;

	snprintf(select, sizeof(select), "/\n<C-u>\ntype %s\n<Enter>\n", w->note);
	*n = *nfound = 0;
	while (bench_more(*n, 4, 40, spent, BENCH_BUDGET_MS)) {
		found[(*nfound)++] = wiz_send(z, select);
		wiz_expect(z, "Found", "find the note");
		wiz_send(z, "u\ntype bench\n");
		spent += t[(*n)++] = wiz_send(z, "<Enter>\n");
		wiz_expect(z, "undone by bench", "undo the note");
		spent += t[(*n)++] = wiz_send(z, "<Space>\n");
		wiz_expect(z, "acknowledged by bench", "acknowledge the note");
	}
}

/* Another operator's check-offs of @w's host's item, each seen by the wizard @z. */
static void reloads(struct wiz *z, const struct workload *w, const char *path, double *t,
		    size_t *n)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct journal *j = NULL;
	double spent = 0;

	if (journal_open(path, JOURNAL_WRITE, &j, &dl) != ST_OK)
		die(diag_first(&dl));
	for (*n = 0; bench_more(*n, 3, 40, spent, BENCH_BUDGET_MS); ++*n) {
		struct journal_event e = { 0, strtoll(w->id, NULL, 10), w->host_item,
					   *n % 2 ? EVENT_UNDO : EVENT_DONE, "other", "elsewhere",
					   "2026-01-31T22:00:00Z", "", false, w->host_digest };
		if (journal_begin(j) != ST_OK || journal_event_add(j, &e, NULL) != ST_OK ||
		    journal_commit(j) != ST_OK)
			die(journal_error(j));
		spent += t[*n] = wiz_send(z, ":tick\n");
		wiz_expect(z, "by other", "reload after another operator's check-off");
	}
	journal_close(&j);
}

/*
 * Keypresses in the hosts list of @w's per-host step: blocks of 40 moves;
 * the list's opening (Enter on the step, the first time) in *@open.
 */
static double hosts_keys(struct wiz *z, const struct workload *w, double *open)
{
	enum { BLOCKS = 10, KEYS = 40 };
	char keys[KEYS * 2 + 1], find[512];
	double t[BLOCKS];

	snprintf(find, sizeof(find), "/\n<C-u>\ntype %s\n<Enter>\n", w->step);
	wiz_send(z, find);
	wiz_expect(z, w->step, "find the agents' step");
	*open = wiz_send(z, "<Enter>\n");
	wiz_expect(z, "pending of", "open the hosts list");
	for (int k = 0; k < KEYS; k++)
		memcpy(keys + 2 * k, k < KEYS / 2 ? "j\n" : "k\n", 2);
	keys[KEYS * 2] = '\0';
	for (int b = 0; b < BLOCKS; b++)
		t[b] = wiz_send(z, keys) / KEYS;
	return pct(t, BLOCKS, 0.5);
}

/*
 * The hosts list of @w's finished hop's agents' step opened (Enter on the
 * step), the first time: every agent's item of that hop read then.
 */
static double finished_list(struct wiz *z, const struct workload *w)
{
	char find[512];
	double t;

	snprintf(find, sizeof(find), "<Esc>\n/\n<C-u>\ntype %s\n<Enter>\n", w->done_step);
	wiz_send(z, find);
	wiz_expect(z, w->done_step, "find the finished hop's step");
	t = wiz_send(z, "<Enter>\n");
	wiz_expect(z, "0 pending of", "open the finished hop's hosts list");
	return t;
}

/* Target 3: exec to the first frame, its peak memory. */
static void first_frame(const char *dir, const char *bin, const struct workload *w,
			double floor)
{
	char keys[2048], binary[2048], label[64], extra[96];
	static char opt[] = "--operator", name[] = "bench";
	char *argv[] = { binary, opt, name, NULL };
	struct proc_stats st;
	FILE *f;

	snprintf(binary, sizeof(binary), "%s", bin);
	snprintf(keys, sizeof(keys), "%s/bench-first-frame.keys", dir);
	if (!(f = fopen(keys, "w")) || fputs(":dump\n", f) < 0 || fclose(f) != 0)
		die("cannot write the key script");
	setenv("MESOS_UPGRADE_KEYS", keys, 1);
	setenv("MESOS_UPGRADE_JOURNAL", w->journal, 1);
	proc_measure(argv, 3, 11, BENCH_BUDGET_MS, &st);
	unsetenv("MESOS_UPGRADE_KEYS");
	unsetenv("MESOS_UPGRADE_JOURNAL");
	unlink(keys);
	snprintf(label, sizeof(label), "wizard: exec to first frame, %s", w->name);
	snprintf(extra, sizeof(extra), "%.1fx the floor; runs: %d", st.ms / floor, st.runs);
	fig_bound(label, st.ms, 150 * w->bound_k, extra);
	snprintf(label, sizeof(label), "  its peak memory, %s", w->name);
	snprintf(extra, sizeof(extra), "%.0f bytes per item; about 200 meant",
		 st.peak_mb * 1024 * 1024 / (double)w->nitems);
	fig_mem(label, st.peak_mb, 64 * w->bound_k, extra);
}

void bench_scale_wizard(const char *dir, const char *bin, const struct workload *w,
			double floor)
{
	char path[2048], fifo[2048], label[64], extra[64];
	double t[128], r[128], f[64], keypress = 0, opened = 0, finished = 0;
	size_t nt, nr, nf, before;
	struct wiz z;

	first_frame(dir, bin, w, floor);
	signal(SIGPIPE, SIG_IGN); /* a wizard that died is said so, not a silent end */
	snprintf(path, sizeof(path), "%s/bench-wizard-%c.db", dir, w->name[0]);
	snprintf(fifo, sizeof(fifo), "%s/bench-wizard.fifo", dir);
	copy_db(w->journal, path);
	before = item_events(path, strtoll(w->id, NULL, 10), w->note);
	wiz_start(&z, bin, path, fifo);
	wiz_send(&z, "");
	checkoffs(&z, w, t, &nt, f, &nf);
	reloads(&z, w, path, r, &nr);
	if (w->step[0])
		keypress = hosts_keys(&z, w, &opened);
	if (w->step[0] && w->done_step[0])
		finished = finished_list(&z, w);
	wiz_end(&z, fifo);
	if (item_events(path, strtoll(w->id, NULL, 10), w->note) != before + nt)
		die("the wizard's check-offs are not all in the journal");
	rm_db(path);
	snprintf(label, sizeof(label), "wizard: a check-off, %s", w->name);
	snprintf(extra, sizeof(extra), "of %zu, undo and acknowledge in turn", nt);
	fig_bound(label, pct(t, nt, 0.5), 5 * w->bound_k, extra);
	snprintf(label, sizeof(label), "wizard: reload, another's check-off, %s", w->name);
	snprintf(extra, sizeof(extra), "of %zu", nr);
	fig_bound(label, pct(r, nr, 0.5), 5 * w->bound_k, extra);
	snprintf(label, sizeof(label), "wizard: / finds the note, %s", w->name);
	printf("%-46s %9.3f ms   (of %zu; no host's item holds it)\n", label, pct(f, nf, 0.5), nf);
	if (w->step[0]) {
		snprintf(label, sizeof(label), "wizard: the hosts list opened, %s", w->name);
		printf("%-46s %9.3f ms   (Enter on %s, once)\n", label, opened, w->step);
		snprintf(label, sizeof(label), "wizard: keypress in the hosts list, %s", w->name);
		printf("%-46s %9.3f ms\n", label, keypress);
	}
	if (w->step[0] && w->done_step[0]) {
		snprintf(label, sizeof(label), "wizard: a finished hop's hosts, %s", w->name);
		printf("%-46s %9.3f ms   (Enter on %s, once)\n", label, finished, w->done_step);
	}
}
