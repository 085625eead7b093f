/*
 * tempfile.c - temporaries removed on a fatal signal, leftovers of dead
 * processes removed later (see tempfile.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tempfile.h"

#define MAX_HELD 4

static const int fatal[] = { SIGINT, SIGTERM, SIGHUP };
#define NFATAL (sizeof(fatal) / sizeof(*fatal))

/* Written only with the fatal signals blocked, so the handler sees whole names. */
static char held[MAX_HELD][PATH_MAX];
static int held_dir = AT_FDCWD;   /* the names are relative to it */
static volatile sig_atomic_t nheld;
static struct sigaction saved[NFATAL];
static bool installed[NFATAL];

/* Async-signal-safe: unlink, signal and raise only. */
static void on_fatal(int sig)
{
	int e = errno;

	for (sig_atomic_t i = 0; i < nheld; i++)
		unlinkat(held_dir, held[i], 0);
	/* SA_RESETHAND gave the default back; the raised signal ends us on return */
	raise(sig);
	errno = e;
}

static void block(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < NFATAL; i++)
		sigaddset(&set, fatal[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

bool tempfile_hold(const char *path, const char *const *suffixes)
{
	return tempfile_hold_at(AT_FDCWD, path, suffixes);
}

bool tempfile_hold_at(int dirfd, const char *path, const char *const *suffixes)
{
	struct sigaction sa;
	sigset_t old;
	int n = 0;
	bool ok = true;

	block(&old);
	if (nheld) {
		ok = false;
		goto out;
	}
	for (size_t i = 0; ok && (i == 0 || (suffixes && suffixes[i - 1])); i++) {
		const char *suffix = i ? suffixes[i - 1] : "";
		int len = snprintf(held[n], sizeof(held[n]), "%s%s", path, suffix);
		if (len < 0 || (size_t)len >= sizeof(held[n]) || n + 1 > MAX_HELD)
			ok = false;
		else
			n++;
	}
	if (!ok)
		goto out;
	held_dir = dirfd;
	nheld = n;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NFATAL; i++) {
		struct sigaction cur;
		installed[i] = false;
		/* a program that handles or ignores the signal keeps its own way */
		if (sigaction(fatal[i], NULL, &cur) == 0 && cur.sa_handler == SIG_DFL &&
		    !(cur.sa_flags & SA_SIGINFO) && sigaction(fatal[i], &sa, &saved[i]) == 0)
			installed[i] = true;
	}
out:
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ok;
}

void tempfile_release(void)
{
	sigset_t old;

	block(&old);
	nheld = 0;
	for (size_t i = 0; i < NFATAL; i++) {
		if (installed[i])
			sigaction(fatal[i], &saved[i], NULL);
		installed[i] = false;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Whether @rest is "" or one of @suffixes. */
static bool suffix_ok(const char *rest, const char *const *suffixes)
{
	if (!*rest)
		return true;
	for (size_t i = 0; suffixes && suffixes[i]; i++)
		if (!strcmp(rest, suffixes[i]))
			return true;
	return false;
}

/* The PID in @name after @prefix (then a suffix), or 0 when @name is not one of ours. */
static long stale_pid(const char *name, const char *prefix, const char *const *suffixes)
{
	size_t plen = strlen(prefix), ndig;
	const char *p;
	long pid;

	if (strncmp(name, prefix, plen) != 0)
		return 0;
	p = name + plen;
	ndig = strspn(p, "0123456789");
	if (ndig == 0 || ndig > 10 || !suffix_ok(p + ndig, suffixes))
		return 0;
	pid = strtol(p, NULL, 10);
	if (pid <= 0 || pid == (long)getpid() || pid > INT_MAX)
		return 0;
	/* alive, or alive under another user (EPERM): not stale */
	if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return 0;
	return pid;
}

int tempfile_remove_stale(const char *target, const char *tag, const char *const *suffixes)
{
	char *dir = malloc(strlen(target) + 2), *slash, *prefix = NULL;
	const char *base;
	struct dirent *de;
	DIR *d = NULL;
	int removed = 0;

	if (!dir)
		return 0;
	strcpy(dir, target); /* room for "." when @target is "" */
	slash = strrchr(dir, '/');
	if (slash) {
		base = target + (slash - dir) + 1;
		*(slash == dir ? slash + 1 : slash) = '\0';
	} else {
		base = target;
		strcpy(dir, ".");
	}
	if (!*base || !(prefix = malloc(strlen(base) + strlen(tag) + 1)))
		goto out;
	strcpy(prefix, base);
	strcat(prefix, tag);
	d = opendir(dir);
	if (!d)
		goto out;
	while ((de = readdir(d))) {
		struct stat sb;
		if (!stale_pid(de->d_name, prefix, suffixes))
			continue;
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode) || sb.st_uid != geteuid())
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			removed++;
	}
out:
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
	return removed;
}
