/*
 * curl_load.c - libcurl, loaded the first time one of its functions is called.
 *
 * The binary is not linked with libcurl: loading it and the thirty libraries
 * it needs (TLS, Kerberos, LDAP, HTTP/2, ...) costs some 12 ms of processor
 * at every start, three times all the rest of a start of "status" or
 * "mark", and only the commands that read a live cluster or take a URL
 * apart use it. This file defines the libcurl functions core calls
 * (mesos_http.c), each forwarding to the same function of libcurl.so.4,
 * which is opened, once and on any thread, at the first call. Its names are
 * libcurl's own, not this module's: that is what keeps mesos_http.c written
 * against libcurl's documented interface.
 *
 * When libcurl cannot be opened, every function fails the way libcurl
 * itself fails when it has no memory or cannot start (curl_global_init()
 * returns CURLE_FAILED_INIT: mesos_http_new() then says "libcurl could not
 * be initialised"), and curl_easy_strerror() says why it could not be
 * opened. Nothing else changes: the offline commands never open it.
 */
#define CURL_DISABLE_TYPECHECK 1 /* the definitions below, not gcc's checking macros */

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* curl_url_get()'s handle became const in later libcurl: its declaration is
 * set aside, and the definition below (const: the same call either way)
 * declared here */
#define curl_url_get curl_url_get_as_declared
#include <curl/curl.h>
#undef curl_url_get
CURLUcode curl_url_get(const CURLU *u, CURLUPart what, char **part, unsigned int flags);

/* libcurl's soname since 7.16 (2006); the one libcurl4-openssl-dev links
 * (tests/unit/test_curl_load.c names one that is not there) */
#ifndef CURL_LIBRARY
#define CURL_LIBRARY "libcurl.so.4"
#endif

static struct {
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	void (*free)(void *);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd[], unsigned int, int, int *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *);
	CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
} fn;

static bool loaded;
static char why[256] = "libcurl could not be loaded";

static void load(void)
{
	/* each entry: a function of libcurl, and where its address goes */
	static const struct {
		const char *name;
		void *slot;
	} table[] = {
		{ "curl_global_init", &fn.global_init },
		{ "curl_global_cleanup", &fn.global_cleanup },
		{ "curl_easy_init", &fn.easy_init },
		{ "curl_easy_cleanup", &fn.easy_cleanup },
		{ "curl_easy_reset", &fn.easy_reset },
		{ "curl_easy_setopt", &fn.easy_setopt },
		{ "curl_easy_getinfo", &fn.easy_getinfo },
		{ "curl_easy_strerror", &fn.easy_strerror },
		{ "curl_free", &fn.free },
		{ "curl_multi_init", &fn.multi_init },
		{ "curl_multi_cleanup", &fn.multi_cleanup },
		{ "curl_multi_add_handle", &fn.multi_add_handle },
		{ "curl_multi_remove_handle", &fn.multi_remove_handle },
		{ "curl_multi_perform", &fn.multi_perform },
		{ "curl_multi_poll", &fn.multi_poll },
		{ "curl_multi_info_read", &fn.multi_info_read },
		{ "curl_slist_append", &fn.slist_append },
		{ "curl_slist_free_all", &fn.slist_free_all },
		{ "curl_url", &fn.url },
		{ "curl_url_cleanup", &fn.url_cleanup },
		{ "curl_url_get", &fn.url_get },
		{ "curl_url_set", &fn.url_set },
	};
	/* never closed: libcurl stays for the life of the process */
	void *lib = dlopen(CURL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
	size_t i;

	if (!lib) {
		const char *e = dlerror();

		snprintf(why, sizeof(why), "libcurl could not be loaded: %s", e ? e : CURL_LIBRARY);
		return;
	}
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		/* POSIX: a function's address through a data pointer (dlsym(3)) */
		void *p = dlsym(lib, table[i].name);

		if (!p) {
			snprintf(why, sizeof(why), "libcurl could not be loaded: %s has no %s",
				 CURL_LIBRARY, table[i].name);
			return;
		}
		memcpy(table[i].slot, &p, sizeof(p));
	}
	loaded = true;
}

/* true when libcurl is there to call (opened at the first call) */
static bool ready(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, load);
	return loaded;
}

CURLcode curl_global_init(long flags)
{
	return ready() ? fn.global_init(flags) : CURLE_FAILED_INIT;
}

void curl_global_cleanup(void)
{
	if (ready())
		fn.global_cleanup();
}

CURL *curl_easy_init(void)
{
	return ready() ? fn.easy_init() : NULL;
}

void curl_easy_cleanup(CURL *curl)
{
	if (ready())
		fn.easy_cleanup(curl);
}

void curl_easy_reset(CURL *curl)
{
	if (ready())
		fn.easy_reset(curl);
}

/* The one argument after @option has the type the option's number range
 * says (curl.h, CURLOPTTYPE_*): a long, a data pointer, a function pointer,
 * a curl_off_t, or a blob's pointer. */
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
	typedef void (*any_fn)(void);
	CURLcode rc = CURLE_FAILED_INIT;
	va_list ap;

	if (!ready())
		return rc;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = fn.easy_setopt(curl, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_FUNCTIONPOINT)
		rc = fn.easy_setopt(curl, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = fn.easy_setopt(curl, option, va_arg(ap, any_fn));
	else if (option < CURLOPTTYPE_BLOB)
		rc = fn.easy_setopt(curl, option, va_arg(ap, curl_off_t));
	else
		rc = fn.easy_setopt(curl, option, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* every CURLINFO_* takes a pointer to where the answer goes */
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
	CURLcode rc = CURLE_FAILED_INIT;
	va_list ap;

	if (!ready())
		return rc;
	va_start(ap, info);
	rc = fn.easy_getinfo(curl, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

const char *curl_easy_strerror(CURLcode code)
{
	return ready() ? fn.easy_strerror(code) : why;
}

void curl_free(void *p)
{
	if (ready())
		fn.free(p);
}

CURLM *curl_multi_init(void)
{
	return ready() ? fn.multi_init() : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *multi)
{
	return ready() ? fn.multi_cleanup(multi) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *curl)
{
	return ready() ? fn.multi_add_handle(multi, curl) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *curl)
{
	return ready() ? fn.multi_remove_handle(multi, curl) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM *multi, int *running)
{
	return ready() ? fn.multi_perform(multi, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd extra_fds[], unsigned int extra_nfds,
			  int timeout_ms, int *ret)
{
	return ready() ? fn.multi_poll(multi, extra_fds, extra_nfds, timeout_ms, ret)
		       : CURLM_INTERNAL_ERROR;
}

CURLMsg *curl_multi_info_read(CURLM *multi, int *msgs_in_queue)
{
	return ready() ? fn.multi_info_read(multi, msgs_in_queue) : NULL;
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s)
{
	return ready() ? fn.slist_append(list, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *list)
{
	if (ready())
		fn.slist_free_all(list);
}

CURLU *curl_url(void)
{
	return ready() ? fn.url() : NULL;
}

void curl_url_cleanup(CURLU *u)
{
	if (ready())
		fn.url_cleanup(u);
}

CURLUcode curl_url_get(const CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	return ready() ? fn.url_get(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	return ready() ? fn.url_set(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}
