/*
 * mesos_http.c - GET requests with libcurl's multi interface (see
 * include/mesos_http.h for the rules every request follows).
 *
 * A handle keeps one easy handle per slot of concurrency, reused from one
 * request to the next so connections and TLS sessions are kept alive when
 * the same host is asked again (a master's /version, then its state).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "diag.h"
#include "mesos_http.h"

struct slot {
	CURL *easy;
	struct mesos_http_request *req; /* NULL when the slot is free */
	bool too_big;
	size_t max;       /* the cap on the decoded answer */
	char errbuf[CURL_ERROR_SIZE];
};

struct mesos_http {
	struct mesos_http_opts o;
	struct curl_slist *connect_to; /* MESOS_UPGRADE_CONNECT_TO, NULL when unset */
	CURLM *multi;
	struct slot *slots;
	size_t nslots;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- the test seam: MESOS_UPGRADE_CONNECT_TO (see mesos_http.h) ----------- */

/* A host of a CONNECT_TO entry, [@s, @e): a name or an address, or "[v6]". */
static bool connect_host_ok(const char *s, const char *e)
{
	if (s == e)
		return false;
	if (*s == '[') {
		if (e - s < 3 || e[-1] != ']')
			return false;
		for (s++, e--; s < e; s++)
			if (!strchr("0123456789abcdefABCDEF:.", *s))
				return false;
		return true;
	}
	for (; s < e; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_", *s))
			return false;
	return true;
}

/* A port of a CONNECT_TO entry, [@s, @e): 1 to 65535, digits only. */
static bool connect_port_ok(const char *s, const char *e)
{
	long port = 0;

	if (s == e || e - s > 5)
		return false;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return false;
		port = port * 10 + (*s - '0');
	}
	return port >= 1 && port <= 65535;
}

/* The end of the host that starts at @s (a "[v6]" keeps its colons). */
static const char *connect_host_end(const char *s, const char *e)
{
	const char *p = s;

	if (p < e && *p == '[') {
		while (p < e && *p != ']')
			p++;
		if (p < e)
			p++;
	}
	while (p < e && *p != ':')
		p++;
	return p;
}

/* One entry [@s, @e) is HOST:PORT:CONNECT-HOST:CONNECT-PORT, every part given. */
static bool connect_entry_ok(const char *s, const char *e)
{
	const char *p = connect_host_end(s, e), *q;

	if (!connect_host_ok(s, p) || p == e)
		return false;
	q = memchr(p + 1, ':', (size_t)(e - p - 1));
	if (!q || !connect_port_ok(p + 1, q))
		return false;
	p = connect_host_end(q + 1, e);
	if (!connect_host_ok(q + 1, p) || p == e)
		return false;
	return connect_port_ok(p + 1, e);
}

/*
 * MESOS_UPGRADE_CONNECT_TO into a list for CURLOPT_CONNECT_TO. Every entry
 * must name its host, its port, and where to connect instead: an empty part
 * would make curl send every host (or every port) there. A bad value is
 * refused as a whole (ST_USAGE): quietly dropping it would send the
 * requests to the hosts it was meant to stand in for.
 */
static enum status connect_to_list(struct curl_slist **list, struct strbuf *why)
{
	const char *env = getenv("MESOS_UPGRADE_CONNECT_TO"), *s, *e;

	*list = NULL;
	if (!env || !*env)
		return ST_OK;
	for (s = env; ; s = e + 1) {
		struct curl_slist *l;
		char *entry;

		e = s + strcspn(s, ",");
		if (!connect_entry_ok(s, e)) {
			strbuf_addf(why, "MESOS_UPGRADE_CONNECT_TO: '%.*s' is not "
				    "HOST:PORT:CONNECT-HOST:CONNECT-PORT (each part given; "
				    "several separated by commas)", (int)(e - s > 200 ? 200 : e - s), s);
			curl_slist_free_all(*list);
			*list = NULL;
			return ST_USAGE;
		}
		if (!(entry = strndup(s, (size_t)(e - s))))
			goto nomem;
		l = curl_slist_append(*list, entry);
		free(entry);
		if (!l)
			goto nomem;
		*list = l;
		if (!*e)
			return ST_OK;
	}
nomem:
	curl_slist_free_all(*list);
	*list = NULL;
	return ST_NOMEM;
}

enum status mesos_http_new(const struct mesos_http_opts *opts, struct mesos_http **out,
			   struct strbuf *why)
{
	struct mesos_http *h = calloc(1, sizeof(*h));
	enum status st;

	*out = NULL;
	if (!h)
		return ST_NOMEM;
	h->o = *opts;
	if (!h->o.connect_ms)
		h->o.connect_ms = MESOS_HTTP_CONNECT_MS;
	if (!h->o.total_ms)
		h->o.total_ms = MESOS_HTTP_TOTAL_MS;
	if (!h->o.max_bytes)
		h->o.max_bytes = MESOS_HTTP_MAX_BYTES;
	if (!h->o.concurrency)
		h->o.concurrency = MESOS_HTTP_CONCURRENCY;
	/* reference-counted by libcurl: one per handle is balanced in _free */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		strbuf_adds(why, "libcurl could not be initialised");
		free(h);
		return ST_UNAVAILABLE;
	}
	if ((st = connect_to_list(&h->connect_to, why)) != ST_OK) {
		mesos_http_free(&h);
		return st;
	}
	h->multi = curl_multi_init();
	h->slots = calloc(h->o.concurrency, sizeof(*h->slots));
	if (!h->multi || !h->slots)
		goto nomem;
	for (h->nslots = 0; h->nslots < h->o.concurrency; h->nslots++)
		if (!(h->slots[h->nslots].easy = curl_easy_init()))
			goto nomem;
	*out = h;
	return ST_OK;
nomem:
	mesos_http_free(&h);
	return ST_NOMEM;
}

void mesos_http_free(struct mesos_http **hp)
{
	struct mesos_http *h = *hp;

	if (!h)
		return;
	for (size_t i = 0; i < h->nslots; i++)
		curl_easy_cleanup(h->slots[i].easy);
	free(h->slots);
	if (h->multi)
		curl_multi_cleanup(h->multi);
	curl_slist_free_all(h->connect_to);
	curl_global_cleanup();
	free(h);
	*hp = NULL;
}

void mesos_http_request_release(struct mesos_http_request *r)
{
	strbuf_release(&r->body);
	strbuf_release(&r->message);
	free(r->location);
	free(r->final_url);
	free(r->current);
	r->location = r->final_url = r->current = NULL;
}

enum status mesos_http_status(enum mesos_http_kind kind, long code)
{
	switch (kind) {
	case MH_OK:
	case MH_NOT_FOUND:
	case MH_REDIRECT:
		return ST_OK;
	case MH_AUTH:
		return ST_NOPERM;
	case MH_HTTP:
		/* 503 is a master without a leader; other codes are not Mesos' answers */
		return code >= 500 ? ST_UNAVAILABLE : ST_DATAERR;
	case MH_BAD_ANSWER:
		return ST_DATAERR;
	case MH_NOMEM:
		return ST_NOMEM;
	case MH_UNREACHABLE:
	case MH_TIMEOUT:
	case MH_TLS:
	case MH_CANCELLED:
		break;
	}
	return ST_UNAVAILABLE;
}

/* ---- URLs --------------------------------------------------------------- */

/* A CURLU of @url when it is an http(s) URL without credentials, query or fragment. */
static CURLU *url_parse(const char *url, struct strbuf *why)
{
	CURLU *u = curl_url();
	char *part = NULL;
	const char *bad = NULL;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		bad = "is not a URL";
		goto out;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &part, 0) != CURLUE_OK ||
	    (strcmp(part, "http") && strcmp(part, "https")))
		bad = "is not an http or https URL";
	curl_free(part);
	part = NULL;
	if (!bad && (curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK ||
		     curl_url_get(u, CURLUPART_PASSWORD, &part, 0) == CURLUE_OK))
		bad = "has a user name in it: credentials come from --credentials only";
	curl_free(part);
	part = NULL;
	if (!bad && (curl_url_get(u, CURLUPART_QUERY, &part, 0) == CURLUE_OK ||
		     curl_url_get(u, CURLUPART_FRAGMENT, &part, 0) == CURLUE_OK))
		bad = "has a query or a fragment";
	curl_free(part);
out:
	if (bad) {
		/* the URL itself is not repeated: it may hold a password */
		strbuf_addf(why, "a master's URL %s", bad);
		curl_url_cleanup(u);
		u = NULL;
	}
	return u;
}

char *mesos_http_join(const char *base, const char *path, struct strbuf *why)
{
	CURLU *u = url_parse(base, why);
	char *p = NULL, *full = NULL, *ret = NULL;
	struct strbuf sb = STRBUF_INIT;

	if (!u)
		return NULL;
	if (curl_url_get(u, CURLUPART_PATH, &p, 0) != CURLUE_OK)
		goto out;
	/* the base's own path is kept ("https://lb/mesos" behind a proxy) */
	strbuf_adds(&sb, p);
	while (sb.len && sb.buf[sb.len - 1] == '/')
		sb.buf[--sb.len] = '\0';
	strbuf_adds(&sb, path);
	if (strbuf_failed(&sb) || curl_url_set(u, CURLUPART_PATH, strbuf_str(&sb), 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK)
		goto out;
	ret = strdup(full);
out:
	curl_free(p);
	curl_free(full);
	curl_url_cleanup(u);
	strbuf_release(&sb);
	return ret;
}

enum status mesos_http_base_check(const char *base, struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	char *joined = mesos_http_join(base, "/", &why);
	enum status st = joined ? ST_OK : why.len ? ST_USAGE : ST_NOMEM;

	if (st != ST_OK)
		diag_fail_why(dl, st, &why);
	free(joined);
	strbuf_release(&why);
	return st;
}

char *mesos_http_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *ret = NULL;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		/* "[::1]" is kept as curl gives it: a host name, printable */
		ret = strdup(host);
	}
	curl_free(host);
	curl_url_cleanup(u);
	return ret;
}

char *mesos_http_base(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *ret = NULL;
	struct strbuf sb = STRBUF_INIT;

	/* CURLU_DEFAULT_PORT: "https://m1" and "https://m1:443" are one master */
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
		strbuf_addf(&sb, "%s://%s:%s", scheme, host, port);
		ret = strbuf_detach(&sb);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return ret;
}

/* ---- transfers ---------------------------------------------------------- */


/* The decoded answer grows to the cap and no further: 0 aborts the transfer. */
static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct slot *s = arg;
	size_t len = size * n; /* size is 1, always (CURLOPT_WRITEFUNCTION) */

	if (len > s->max - s->req->body.len) {
		s->too_big = true;
		return 0;
	}
	strbuf_add(&s->req->body, data, len);
	return strbuf_failed(&s->req->body) ? 0 : len;
}

static void fail(struct mesos_http_request *r, enum mesos_http_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void nomem(struct mesos_http_request *r);

/* The one place a failure is worded: "GET URL: what happened". */
static void fail(struct mesos_http_request *r, enum mesos_http_kind kind, const char *fmt, ...)
{
	va_list ap;

	r->kind = kind;
	strbuf_reset(&r->message);
	strbuf_addf(&r->message, "GET %s: ", r->current ? r->current : r->url);
	va_start(ap, fmt);
	strbuf_vaddf(&r->message, fmt, ap);
	va_end(ap);
}

static void nomem(struct mesos_http_request *r)
{
	fail(r, MH_NOMEM, "out of memory");
}

static CURLcode slot_options(struct mesos_http *h, struct slot *s, long left_ms)
{
	CURL *e = s->easy;
	CURLcode rc = CURLE_OK;

#define SET(opt, val) do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, s->req->current);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROXY, ""); /* no proxy, whatever the environment says */
	SET(CURLOPT_CONNECTTIMEOUT_MS, h->o.connect_ms < left_ms ? h->o.connect_ms : left_ms);
	SET(CURLOPT_TIMEOUT_MS, left_ms);
	SET(CURLOPT_ACCEPT_ENCODING, "gzip");
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->o.max_bytes);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, s);
	SET(CURLOPT_ERRORBUFFER, s->errbuf);
	SET(CURLOPT_PRIVATE, s);
	SET(CURLOPT_USERAGENT, "mesos-upgrade");
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->o.cacert)
		SET(CURLOPT_CAINFO, h->o.cacert);
	if (h->connect_to)
		SET(CURLOPT_CONNECT_TO, h->connect_to);
	if (h->o.principal) {
		SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		SET(CURLOPT_USERNAME, h->o.principal);
		SET(CURLOPT_PASSWORD, h->o.secret ? h->o.secret : "");
	}
#undef SET
	return rc;
}

/* Start @r (or its next redirect) in the free slot @s; false when it ended already. */
static bool slot_start(struct mesos_http *h, struct slot *s, struct mesos_http_request *r)
{
	double left;

	if (!r->started)
		r->started = now_ms();
	left = r->started + (double)h->o.total_ms - now_ms();
	if (left < 1) {
		fail(r, MH_TIMEOUT, "no answer within %ld ms, redirects included", h->o.total_ms);
		return false;
	}
	curl_easy_reset(s->easy);
	s->req = r;
	s->too_big = false;
	s->max = h->o.max_bytes;
	s->errbuf[0] = '\0';
	strbuf_reset(&r->body);
	if (slot_options(h, s, (long)left) != CURLE_OK ||
	    curl_multi_add_handle(h->multi, s->easy) != CURLM_OK) {
		s->req = NULL;
		nomem(r);
		return false;
	}
	return true;
}

/* A transfer that failed below HTTP, classified. */
static void transfer_failed(struct mesos_http *h, struct slot *s, CURLcode res)
{
	struct mesos_http_request *r = s->req;
	const char *text = s->errbuf[0] ? s->errbuf : curl_easy_strerror(res);

	switch (res) {
	case CURLE_OPERATION_TIMEDOUT:
		fail(r, MH_TIMEOUT, "%s", text);
		break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (res == CURLE_FILESIZE_EXCEEDED || s->too_big)
			fail(r, MH_BAD_ANSWER, "the answer is larger than %zu bytes",
			     h->o.max_bytes);
		else
			nomem(r);
		break;
	case CURLE_OUT_OF_MEMORY:
		nomem(r);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		fail(r, MH_TLS, "TLS: %s (the certificate authority is given with --cacert FILE)",
		     text);
		break;
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_UNSUPPORTED_PROTOCOL:
		fail(r, MH_BAD_ANSWER, "not an HTTP answer a Mesos master sends: %s", text);
		break;
	default:
		fail(r, MH_UNREACHABLE, "%s", text);
		break;
	}
}

/* A 3xx answer: true when the request goes on at the resolved Location. */
static bool redirected(struct mesos_http_request *r, const char *loc)
{
	struct strbuf why = STRBUF_INIT;
	CURLU *u;

	if (!loc) {
		fail(r, MH_BAD_ANSWER, "answered %ld without a Location", r->code);
		return false;
	}
	/* curl resolved "//host:port/path" against the request's scheme */
	if (!(u = url_parse(loc, &why))) {
		fail(r, MH_BAD_ANSWER, "redirected to %s", strbuf_str(&why));
		strbuf_release(&why);
		return false;
	}
	curl_url_cleanup(u);
	if (!strncasecmp(r->current, "https:", 6) && strncasecmp(loc, "https:", 6)) {
		fail(r, MH_BAD_ANSWER, "redirected from https to %s, refused", loc);
		return false;
	}
	if (!r->follow) {
		r->kind = MH_REDIRECT;
		r->location = strdup(loc);
		if (!r->location)
			nomem(r);
		return false;
	}
	if (r->redirects >= MESOS_HTTP_MAX_REDIRECTS) {
		fail(r, MH_BAD_ANSWER, "more than %d redirects", MESOS_HTTP_MAX_REDIRECTS);
		return false;
	}
	r->redirects++;
	free(r->current);
	if (!(r->current = strdup(loc))) {
		nomem(r);
		return false;
	}
	return true;
}

/* The transfer of slot @s ended with @res: true when it goes on (a redirect). */
static bool slot_finish(struct mesos_http *h, struct slot *s, CURLcode res)
{
	struct mesos_http_request *r = s->req;
	char *loc = NULL;
	bool again = false;

	curl_multi_remove_handle(h->multi, s->easy);
	strbuf_reset(&r->message);
	curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &r->code);
	if (res != CURLE_OK) {
		transfer_failed(h, s, res);
	} else if (r->code >= 200 && r->code < 300) {
		r->kind = MH_OK;
		if (!(r->final_url = strdup(r->current)))
			nomem(r);
	} else if (r->code >= 300 && r->code < 400 && r->code != 304) {
		curl_easy_getinfo(s->easy, CURLINFO_REDIRECT_URL, &loc);
		again = redirected(r, loc);
	} else if (r->code == 401 || r->code == 403) {
		if (h->o.principal)
			fail(r, MH_AUTH, "%ld %s: the credentials of --credentials were refused",
			     r->code, r->code == 401 ? "Unauthorized" : "Forbidden");
		else
			fail(r, MH_AUTH, "%ld %s: the master wants credentials, give them with "
			     "--credentials FILE", r->code, r->code == 401 ? "Unauthorized" : "Forbidden");
	} else if (r->code == 404) {
		fail(r, MH_NOT_FOUND, "404 Not Found");
	} else {
		fail(r, MH_HTTP, "answered HTTP %ld", r->code);
	}
	s->req = NULL;
	return again;
}

static void cancel_all(struct mesos_http *h)
{
	for (size_t i = 0; i < h->nslots; i++) {
		struct slot *s = &h->slots[i];
		if (!s->req)
			continue;
		curl_multi_remove_handle(h->multi, s->easy);
		fail(s->req, MH_CANCELLED, "cancelled");
		s->req = NULL;
	}
}

/* Reset @r for a new run; false when out of memory or its URL is not acceptable. */
static bool request_prepare(struct mesos_http_request *r)
{
	struct strbuf why = STRBUF_INIT;
	CURLU *u;

	mesos_http_request_release(r);
	r->code = 0;
	r->redirects = 0;
	r->started = 0;
	if (!(r->current = strdup(r->url))) {
		nomem(r);
		return false;
	}
	if (!(u = url_parse(r->url, &why))) {
		r->kind = MH_BAD_ANSWER;
		strbuf_adds(&r->message, strbuf_str(&why));
		strbuf_release(&why);
		return false;
	}
	curl_url_cleanup(u);
	/* what is left when the cancel hook stops the run before this request */
	fail(r, MH_CANCELLED, "cancelled");
	return true;
}

enum status mesos_http_get(struct mesos_http *h, struct mesos_http_request *reqs, size_t n)
{
	size_t next = 0, done = 0, running = 0;
	const struct mesos_http_opts *o = &h->o;

	/* what a request the cancel hook stops before it starts is left with */
	for (size_t i = 0; i < n; i++)
		reqs[i].kind = MH_CANCELLED;
	while (done < n) {
		for (size_t i = 0; i < h->nslots && next < n; i++) {
			if (h->slots[i].req)
				continue;
			if (request_prepare(&reqs[next]) && slot_start(h, &h->slots[i], &reqs[next])) {
				running++;
			} else {
				done++;
				if (o->progress)
					o->progress(o->cb_arg, done, n);
			}
			next++;
		}
		if (!running)
			continue;
		if (o->cancel && o->cancel(o->cb_arg)) {
			cancel_all(h);
			for (; next < n; next++)
				fail(&reqs[next], MH_CANCELLED, "cancelled");
			break;
		}
		int still;
		struct CURLMsg *m;
		if (curl_multi_perform(h->multi, &still) != CURLM_OK)
			return ST_NOMEM;
		while ((m = curl_multi_info_read(h->multi, &still))) {
			char *priv = NULL;
			CURLcode res = m->data.result;
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
			struct slot *s = (struct slot *)(void *)priv;
			struct mesos_http_request *r = s->req;
			if (slot_finish(h, s, res) && slot_start(h, s, r))
				continue;
			running--;
			done++;
			if (o->progress)
				o->progress(o->cb_arg, done, n);
		}
		/* wakes on activity; 100 ms at most, for the cancel hook */
		if (running && curl_multi_poll(h->multi, NULL, 0, 100, NULL) != CURLM_OK)
			return ST_NOMEM;
	}
	return ST_OK;
}
