/*
 * cli_cluster.c - what the commands that ask the cluster share (start
 * --discover, probe, verify): the timeouts, the masters' URLs and files,
 * and a probe whose failures are said with the exit status they stand for.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "credentials.h"
#include "session_probe.h"

#define MAX_TIMEOUT_S 3600

/* "--timeout 2.5": seconds, above 0, at most an hour, into milliseconds. */
static enum status seconds(const char *cmd, const char *name, const char *s, long *ms)
{
	char *end;
	double v;

	errno = 0;
	v = s ? strtod(s, &end) : 0;
	if (!s)
		return ST_OK;
	if (errno || end == s || *end || !isfinite(v) || v <= 0 || v > MAX_TIMEOUT_S) {
		cli_error("%s: %s '%s' is not a number of seconds from 0.001 to %d", cmd, name, s,
			  MAX_TIMEOUT_S);
		return ST_USAGE;
	}
	*ms = (long)(v * 1000 + 0.999); /* rounded up: 0.0001 s is 1 ms, not none */
	return ST_OK;
}

enum status cli_timeouts(const struct cli_args *a, size_t connect_opt, size_t total_opt,
			 struct mesos_http_opts *o)
{
	enum status st = seconds(a->cmd->name, "--connect-timeout", cli_value(a, connect_opt),
				 &o->connect_ms);

	if (st == ST_OK)
		st = seconds(a->cmd->name, "--timeout", cli_value(a, total_opt), &o->total_ms);
	return st;
}

enum status cli_probe(const char *cmd, const struct probe_opts *o, struct probe_result **r)
{
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	if ((st = cluster_probe(o, r, &dl)) != ST_OK)
		cli_report_tail(&dl, cmd, "; nothing was recorded", st);
	diag_list_release(&dl);
	return st;
}

enum status cli_probe_session(struct cli *cli, const struct cli_args *a, size_t connect_opt,
			      size_t total_opt, struct journal *j, int64_t id,
			      struct probe_result **r, int64_t *probe_id)
{
	const char *cmd = a->cmd->name;
	struct session_cluster *c = NULL;
	struct diag_list dl;
	struct probe_opts o = { 0 };
	struct session_actor who;
	enum status st = cli_timeouts(a, connect_opt, total_opt, &o.http);

	*r = NULL;
	diag_list_init(&dl);
	if (st == ST_OK)
		st = cli_actor(cli, &who);
	if (st == ST_OK && (st = session_cluster_open(j, id, &c, &dl)) != ST_OK)
		cli_report(&dl, cmd, st);
	if (st == ST_OK) {
		session_cluster_probe_opts(c, &o);
		st = cli_probe(cmd, &o, r);
	}
	if (st == ST_OK && (st = session_probe_record(j, c, &who, *r, probe_id, &dl)) != ST_OK) {
		cli_report(&dl, cmd, st);
		probe_result_free(r);
	}
	session_cluster_free(&c);
	diag_list_release(&dl);
	return st;
}

const struct cli_option cli_probe_options[CLI_PROBE_NOPTIONS] = {
	[CLI_PROBE_FORMAT] = CLI_OPTION_FORMAT_TEXT_JSON,
	[CLI_PROBE_CONNECT_TIMEOUT] = CLI_OPTION_CONNECT_TIMEOUT,
	[CLI_PROBE_TIMEOUT] = CLI_OPTION_TIMEOUT,
};

enum status cli_probe_command(struct cli *cli, const struct cli_args *a, enum render_format *fmt,
			      struct cli_session *rs, struct probe_result **r, int64_t *probe_id)
{
	struct mesos_http_opts check = { 0 };
	enum status st = cli_format(a, CLI_PROBE_FORMAT, "text|json", fmt);

	/* bad arguments are said before the journal is opened */
	if (st == ST_OK)
		st = cli_timeouts(a, CLI_PROBE_CONNECT_TIMEOUT, CLI_PROBE_TIMEOUT, &check);
	if (st == ST_OK)
		st = cli_session_read(cli, a, CLI_SESSION_WRITE, rs);
	if (st != ST_OK)
		return st;
	st = cli_probe_session(cli, a, CLI_PROBE_CONNECT_TIMEOUT, CLI_PROBE_TIMEOUT, rs->journal,
			       rs->id, r, probe_id);
	if (st != ST_OK)
		cli_session_release(rs);
	return st;
}

/* @path made absolute, malloc'd: a session is probed again from any directory. */
static char *absolute(const char *cmd, const char *flag, const char *path)
{
	char *abs = realpath(path, NULL);
	struct stat sb;

	if (!abs) {
		cli_error("%s: %s %s: %s", cmd, flag, path,
			  errno == ENOENT ? "no such file" : strerror(errno));
		return NULL;
	}
	if (stat(abs, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cli_error("%s: %s %s is not a regular file", cmd, flag, path);
		free(abs);
		return NULL;
	}
	return abs;
}

/* The credentials file can be read, and is private: said now, not at the first probe. */
static enum status credentials_check(const char *cmd, struct cli_cluster *cl)
{
	struct mesos_credential cred;
	struct diag_list dl = DIAG_LIST_INIT;
	struct arena a = ARENA_INIT;
	enum status st = credentials_read(cl->credentials, &a, &cred, &dl);

	if (st != ST_OK) {
		cli_report(&dl, cmd, st);
		cli_cluster_release(cl);
	}
	if (st == ST_OK && cred.secret)
		explicit_bzero((void *)(uintptr_t)cred.secret, strlen(cred.secret));
	arena_release(&a);
	diag_list_release(&dl);
	return st;
}

enum status cli_cluster_where(const struct cli_args *a, size_t masters_opt, size_t cred_opt,
			      size_t cacert_opt, struct cli_cluster *out)
{
	const char *cmd = a->cmd->name;
	const struct cli_values *m = &a->opt[masters_opt];
	struct diag_list dl = DIAG_LIST_INIT;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < m->n; i++) {
		enum status st = mesos_http_base_check(m->v[i], &dl);
		if (st != ST_OK) {
			cli_error("%s: --master %s: %s (give http://HOST:PORT or https://HOST:PORT)",
				  cmd, m->v[i], diag_first(&dl));
			diag_list_release(&dl);
			return st;
		}
		for (size_t k = 0; k < i; k++) {
			if (strcmp(m->v[k], m->v[i]) == 0) {
				cli_error("%s: --master %s is given twice", cmd, m->v[i]);
				return ST_USAGE;
			}
		}
	}
	out->where.masters = m->v;
	out->where.nmasters = m->n;
	if ((cli_value(a, cred_opt) || cli_value(a, cacert_opt)) && !m->n) {
		cli_error("%s: --credentials and --cacert are for asking the masters: give them "
			  "with --master URL", cmd);
		return ST_USAGE;
	}
	if (cli_value(a, cred_opt) &&
	    !(out->credentials = absolute(cmd, "--credentials", cli_value(a, cred_opt))))
		return ST_USAGE;
	if (cli_value(a, cacert_opt) &&
	    !(out->cacert = absolute(cmd, "--cacert", cli_value(a, cacert_opt)))) {
		cli_cluster_release(out);
		return ST_USAGE;
	}
	out->where.credentials = out->credentials;
	out->where.cacert = out->cacert;
	return out->credentials ? credentials_check(cmd, out) : ST_OK;
}

void cli_cluster_release(struct cli_cluster *c)
{
	free(c->credentials);
	free(c->cacert);
	memset(c, 0, sizeof(*c));
}

enum status cli_discover(const struct cli_args *a, size_t connect_opt, size_t total_opt,
			 const struct cli_cluster *cl, struct probe_result **r,
			 struct inventory **inv)
{
	struct mesos_credential cred = { 0 };
	struct diag_list dl;
	struct arena arena = ARENA_INIT;
	struct probe_opts o = { cl->where.masters, cl->where.nmasters, { 0 } };
	enum status st = cli_timeouts(a, connect_opt, total_opt, &o.http);

	diag_list_init(&dl);
	if (st == ST_OK && cl->credentials &&
	    (st = credentials_read(cl->credentials, &arena, &cred, &dl)) != ST_OK)
		cli_report(&dl, "start", st);
	o.http.cacert = cl->cacert;
	o.http.principal = cred.principal;
	o.http.secret = cred.secret;
	if (st == ST_OK)
		st = cli_probe("start --discover", &o, r);
	if (st == ST_OK && (st = inventory_discover(*r, inv, &dl)) != ST_OK) {
		cli_report_tail(&dl, "start --discover", "; nothing was recorded", st);
		probe_result_free(r);
	}
	if (cred.secret)
		explicit_bzero((void *)(uintptr_t)cred.secret, strlen(cred.secret));
	arena_release(&arena);
	diag_list_release(&dl);
	return st;
}

enum status cli_record_discovered(struct journal *j, int64_t id, const struct session_actor *who,
				  struct probe_result *r)
{
	struct session_cluster *c = NULL;
	struct diag_list dl;
	char lead[160], tail[64];
	int64_t probe_id;
	enum status st;

	diag_list_init(&dl);
	if ((st = session_cluster_open(j, id, &c, &dl)) == ST_OK)
		st = session_probe_record(j, c, who, r, &probe_id, &dl);
	snprintf(lead, sizeof(lead), "session %lld was started, but what --discover saw could not "
		 "be recorded", (long long)id);
	snprintf(tail, sizeof(tail), "; 'probe %lld' reads the cluster again", (long long)id);
	if (st != ST_OK)
		cli_report_tail(&dl, lead, tail, st);
	session_cluster_free(&c);
	diag_list_release(&dl);
	return st;
}
