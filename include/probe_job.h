/*
 * probe_job.h - a probe of the cluster run on a thread of its own, so a
 * screen never waits for the network: it polls the job's progress between
 * keypresses, and can cancel it.
 *
 * The thread runs cluster_probe() only: it touches neither the journal nor
 * the session (SQLite connections stay on the thread that opened them).
 * The caller records the result after probe_job_finish().
 *
 *   probe_job_start()    copies what it needs from @o and starts the thread;
 *   probe_job_poll()     whether it has ended, and the requests done of those
 *                        asked in the round now running;
 *   probe_job_cancel()   asks it to stop (transfers end within a poll of curl);
 *   probe_job_finish()   waits for the thread, and hands over the result or
 *                        the refusal (a cancelled probe is ST_UNAVAILABLE).
 */
#ifndef MU_PROBE_JOB_H
#define MU_PROBE_JOB_H

#include <stdbool.h>
#include <stddef.h>

#include "cluster_probe.h"

struct probe_job;

/* Start probing as @o says (its hooks are the job's own); ST_NOMEM, or errno's failure, else ST_OK. */
enum status probe_job_start(const struct probe_opts *o, struct probe_job **out);
/* True when the probe has ended; *done of *total requests of the current round. */
bool probe_job_poll(struct probe_job *job, size_t *done, size_t *total);
void probe_job_cancel(struct probe_job *job);
/*
 * Wait for the probe to end and free the job: *result (ST_OK) or the status
 * of its failure, said in @dl (cluster_probe()).
 */
enum status probe_job_finish(struct probe_job **job, struct probe_result **result,
			     struct diag_list *dl);

#endif
