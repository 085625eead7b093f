/*
 * quiet_thread.c - a thread deaf to the signals a user sends (quiet_thread.h).
 */
#include <signal.h>

#include "quiet_thread.h"

bool quiet_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	static const int async[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGWINCH,
				     SIGCHLD, SIGUSR1, SIGUSR2, SIGTSTP, SIGCONT, SIGTTIN, SIGTTOU };
	sigset_t block, was;
	bool started;

	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(async) / sizeof(*async); i++)
		sigaddset(&block, async[i]);
	pthread_sigmask(SIG_BLOCK, &block, &was);
	started = pthread_create(t, NULL, fn, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	return started;
}
