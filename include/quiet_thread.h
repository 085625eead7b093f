/*
 * quiet_thread.h - a thread that takes none of the signals a user or a
 * terminal sends: those are the main thread's to answer (its handlers
 * restore the terminal, end a write cleanly). A write's SIGPIPE or SIGXFSZ
 * and a fault's signal come to the thread as they would to its caller.
 * What writes a report's timeline while the document is written
 * (report_spool.c).
 */
#ifndef MU_QUIET_THREAD_H
#define MU_QUIET_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* @fn(@arg) started on a thread with the caller's mask and those signals blocked: false when not. */
bool quiet_thread(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
