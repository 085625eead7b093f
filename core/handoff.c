/*
 * handoff.c - see handoff.h.
 */
#include <signal.h>

#include "handoff.h"

/* The second thread: each piece in the order posted, until closed and all done. */
static void *run(void *arg)
{
	struct handoff *h = arg;

	pthread_mutex_lock(&h->mu);
	for (;;) {
		while (h->done == h->posted && !h->closed)
			pthread_cond_wait(&h->cv, &h->mu);
		if (h->done == h->posted)
			break;
		const void *piece = h->piece[h->done % 2];
		pthread_mutex_unlock(&h->mu);
		h->work(h->ctx, piece);
		pthread_mutex_lock(&h->mu);
		h->done++;
		pthread_cond_broadcast(&h->cv);
	}
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

/*
 * The signals a user or a terminal sends (the ones the main thread's
 * handlers answer) blocked on top of the caller's mask; a write's SIGPIPE
 * or SIGXFSZ and a fault's signal come to the thread as they would to the
 * caller.
 */
bool handoff_thread(pthread_t *t, void *(*fn)(void *), void *arg)
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

bool handoff_start(struct handoff *h, void (*work)(void *ctx, const void *piece), void *ctx)
{
	bool started;

	*h = (struct handoff){ .work = work, .ctx = ctx };
	if (pthread_mutex_init(&h->mu, NULL) != 0)
		return false;
	if (pthread_cond_init(&h->cv, NULL) != 0) {
		pthread_mutex_destroy(&h->mu);
		return false;
	}
	started = handoff_thread(&h->thread, run, h);
	if (!started) {
		pthread_cond_destroy(&h->cv);
		pthread_mutex_destroy(&h->mu);
	}
	return started;
}

void handoff_wait_room(struct handoff *h)
{
	pthread_mutex_lock(&h->mu);
	while (h->posted >= 2 && h->done < h->posted - 1)
		pthread_cond_wait(&h->cv, &h->mu);
	pthread_mutex_unlock(&h->mu);
}

void handoff_post(struct handoff *h, const void *piece)
{
	pthread_mutex_lock(&h->mu);
	h->piece[h->posted % 2] = piece;
	h->posted++;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
}

void handoff_finish(struct handoff *h)
{
	pthread_mutex_lock(&h->mu);
	h->closed = true;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
	pthread_cond_destroy(&h->cv);
	pthread_mutex_destroy(&h->mu);
}
