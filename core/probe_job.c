/*
 * probe_job.c - cluster_probe() on a thread of its own (see probe_job.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "probe_job.h"

struct probe_job {
	pthread_t thread;
	struct probe_opts opts;      /* the caller's, with the job's hooks */
	atomic_bool cancel, ended;
	atomic_size_t done, total;
	enum status st;              /* written by the thread before .ended */
	struct probe_result *result;
	struct diag_list dl;         /* the failure, written by the thread before .ended */
};

static bool job_cancelled(void *arg)
{
	struct probe_job *job = arg;

	return atomic_load(&job->cancel);
}

static void job_progress(void *arg, size_t done, size_t total)
{
	struct probe_job *job = arg;

	atomic_store(&job->total, total);
	atomic_store(&job->done, done);
}

static void *job_run(void *arg)
{
	struct probe_job *job = arg;

	job->st = cluster_probe(&job->opts, &job->result, &job->dl);
	atomic_store(&job->ended, true);
	return NULL;
}

enum status probe_job_start(const struct probe_opts *o, struct probe_job **out)
{
	struct probe_job *job = calloc(1, sizeof(*job));

	*out = NULL;
	if (!job)
		return ST_NOMEM;
	job->opts = *o;
	job->opts.http.cancel = job_cancelled;
	job->opts.http.progress = job_progress;
	job->opts.http.cb_arg = job;
	diag_list_init(&job->dl);
	if (pthread_create(&job->thread, NULL, job_run, job) != 0) {
		free(job);
		return ST_NOMEM;
	}
	*out = job;
	return ST_OK;
}

bool probe_job_poll(struct probe_job *job, size_t *done, size_t *total)
{
	*done = atomic_load(&job->done);
	*total = atomic_load(&job->total);
	return atomic_load(&job->ended);
}

void probe_job_cancel(struct probe_job *job)
{
	atomic_store(&job->cancel, true);
}

enum status probe_job_finish(struct probe_job **jp, struct probe_result **result,
			     struct diag_list *dl)
{
	struct probe_job *job = *jp;
	enum status st;

	pthread_join(job->thread, NULL);
	st = job->st;
	*result = job->result;
	if (st != ST_OK)
		diag_append(dl, &job->dl);
	diag_list_release(&job->dl);
	free(job);
	*jp = NULL;
	return st;
}
