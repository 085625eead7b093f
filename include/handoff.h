/*
 * handoff.h - pieces of work handed, in order, to a second thread that
 * does them one at a time while the caller makes the next: what a report
 * uses to write each batch of a step's hosts while the journal is read
 * for the next one (render_json.c).
 *
 * The caller holds at most two pieces: before making piece k it calls
 * handoff_wait_room(), which returns once piece k-2 is done, then
 * handoff_post() with it. handoff_finish() returns once every piece posted
 * is done, the thread ended. The thread takes none of the signals a user
 * or a terminal sends (handoff_thread()); a write's SIGPIPE or SIGXFSZ
 * ends the process as it would on the caller's thread. Where no thread can
 * be started, handoff_start() says false and the caller does the work
 * itself.
 */
#ifndef MU_HANDOFF_H
#define MU_HANDOFF_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct handoff {
	void (*work)(void *ctx, const void *piece);
	void *ctx;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	const void *piece[2];    /* piece k in piece[k % 2] */
	size_t posted, done;     /* how many were posted, and done */
	bool closed;             /* no piece comes after those posted */
};

/* A thread started with the caller's mask and the asynchronous signals blocked. */
bool handoff_thread(pthread_t *t, void *(*fn)(void *), void *arg);
bool handoff_start(struct handoff *h, void (*work)(void *ctx, const void *piece), void *ctx);
void handoff_wait_room(struct handoff *h);
void handoff_post(struct handoff *h, const void *piece);
void handoff_finish(struct handoff *h);

#endif
