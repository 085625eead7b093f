/*
 * mesos_http.h - GET requests to Mesos masters and agents: the one module
 * that owns libcurl.
 *
 * Every request goes through mesos_http_get(), one or many at once (curl
 * multi, at most @concurrency transfers open), with the same rules:
 *
 *  - http and https only, for the request and every redirect; TLS always
 *    verified, against --cacert when given, else the system's store;
 *  - a connect timeout and a total timeout (the whole request, redirects
 *    included);
 *  - redirects followed here, not by curl, at most MESOS_HTTP_MAX_REDIRECTS:
 *    a master answers "Location: //host:port/path", with no scheme, which is
 *    resolved against the request's URL; an https request is never
 *    redirected to http (the credentials would travel in clear);
 *  - "Accept-Encoding: gzip"; the answer, decoded, at most @max_bytes;
 *  - basic authentication when a principal is given; never a proxy, not even
 *    one named by http_proxy or https_proxy: a cluster's masters are reached
 *    directly, and a proxy meant for the web would see the cluster's state
 *    and the operator's credentials;
 *  - a URL with a user name or password in it is refused: credentials come
 *    from the credentials file only, so a URL can be journaled as it is.
 *
 * One test seam, for tests and demonstrations: MESOS_UPGRADE_CONNECT_TO in
 * the environment holds libcurl's CURLOPT_CONNECT_TO entries,
 * "HOST:PORT:CONNECT-HOST:CONNECT-PORT", several separated by commas (a host
 * may be an address, "[::1]" for IPv6). A request for HOST:PORT then
 * connects to CONNECT-HOST:CONNECT-PORT instead, and only that changes: the
 * URL, the Host header and TLS (the certificate must name HOST) are still
 * HOST's, and a host:port no entry names is reached as it is. Every part of
 * every entry must be given (an empty one would mean any host or any port);
 * a value that is not so makes mesos_http_new() fail with ST_USAGE, naming
 * the entry, rather than reach the hosts it stands in for. tests/cli/readme.sh
 * runs the README's "Against a live cluster" example this way: m1.prod:5050
 * is the fake cluster's master on 127.0.0.11.
 *
 * Failures are data: each request ends with a kind (below) and a one-line
 * message naming its URL, never a secret. mesos_http_status() maps a kind to
 * the process exit status.
 */
#ifndef MU_MESOS_HTTP_H
#define MU_MESOS_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "strbuf.h"

#define MESOS_HTTP_MAX_REDIRECTS 3
#define MESOS_HTTP_CONNECT_MS 5000
#define MESOS_HTTP_TOTAL_MS 15000
#define MESOS_HTTP_MAX_BYTES (64u << 20)
#define MESOS_HTTP_CONCURRENCY 32

struct mesos_http_opts {
	long connect_ms;         /* connect timeout; 0: MESOS_HTTP_CONNECT_MS */
	long total_ms;           /* whole request; 0: MESOS_HTTP_TOTAL_MS */
	size_t max_bytes;        /* decoded answer; 0: MESOS_HTTP_MAX_BYTES */
	size_t concurrency;      /* transfers at once; 0: MESOS_HTTP_CONCURRENCY */
	const char *cacert;      /* CA file for https; NULL: the system's store */
	const char *principal;   /* basic authentication when not NULL */
	const char *secret;
	/* polled between transfers and while they run: true stops everything */
	bool (*cancel)(void *arg);
	/* after each request ends: @done of @total requests of this call */
	void (*progress)(void *arg, size_t done, size_t total);
	void *cb_arg;
};

enum mesos_http_kind {
	MH_OK,           /* 2xx, body in .body */
	MH_UNREACHABLE,  /* refused, unresolvable, reset, nothing answered */
	MH_TIMEOUT,      /* connect or total timeout */
	MH_TLS,          /* TLS failed: certificate not trusted, handshake */
	MH_AUTH,         /* 401 or 403 */
	MH_NOT_FOUND,    /* 404: callers fall back to an older endpoint */
	MH_REDIRECT,     /* 3xx left unfollowed (.follow false): .location set */
	MH_HTTP,         /* any other status: .code */
	MH_BAD_ANSWER,   /* too large, bad encoding, bad or too many redirects */
	MH_CANCELLED,    /* the cancel hook said stop */
	MH_NOMEM
};

/*
 * One request. The caller fills .url (and .follow); mesos_http_get() fills
 * the rest. .body, .location, .final_url and .message are owned by the
 * request until mesos_http_request_release().
 */
struct mesos_http_request {
	const char *url;         /* borrowed */
	bool follow;             /* follow redirects (else MH_REDIRECT) */
	enum mesos_http_kind kind;
	long code;               /* the last HTTP status, 0 when none */
	struct strbuf body;      /* the decoded answer */
	char *location;          /* MH_REDIRECT: the resolved absolute URL */
	char *final_url;         /* the URL that answered (after redirects) */
	struct strbuf message;   /* one line naming the URL, when not MH_OK */
	/* private */
	unsigned redirects;
	double started;
	char *current;
};

struct mesos_http;

/* A handle for many calls; *out NULL and @why set on failure (ST_USAGE: a bad
 * MESOS_UPGRADE_CONNECT_TO). */
enum status mesos_http_new(const struct mesos_http_opts *opts, struct mesos_http **out,
			   struct strbuf *why);
void mesos_http_free(struct mesos_http **h);

/*
 * Run the @n requests of @reqs to their ends, at most opts.concurrency at
 * once. Returns ST_OK when every request has its outcome in .kind (failures
 * included), ST_NOMEM when the machinery itself failed.
 */
enum status mesos_http_get(struct mesos_http *h, struct mesos_http_request *reqs, size_t n);
void mesos_http_request_release(struct mesos_http_request *r);

/* The exit status a failure of @kind stands for (ST_OK for MH_OK, MH_NOT_FOUND
 * and MH_REDIRECT, which callers interpret). */
enum status mesos_http_status(enum mesos_http_kind kind, long code);

/*
 * @base ("https://host:port", a trailing "/" allowed) joined with @path
 * ("/master/state") into a malloc'd string; NULL when @base is not an
 * http(s) URL without user, query or fragment (@why says why).
 */
char *mesos_http_join(const char *base, const char *path, struct strbuf *why);
/*
 * Whether @base is a master's URL mesos_http_join() takes: ST_OK, else
 * ST_USAGE with why said in @dl (diag.h; ST_NOMEM: "out of memory").
 */
struct diag_list;
enum status mesos_http_base_check(const char *base, struct diag_list *dl);
/* The host of @url into a malloc'd string; NULL when it has none. */
char *mesos_http_host(const char *url);
/* "scheme://host:port" of @url (the port explicit), malloc'd; NULL when not a URL. */
char *mesos_http_base(const char *url);

#endif
