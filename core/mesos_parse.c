/*
 * mesos_parse.c - Mesos answers and credential files into structs (see
 * include/mesos_parse.h for the shapes and where they come from).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_mem.h"
#include "mesos_parse.h"
#include "textutil.h"
#include "version.h"

/* What every message of one parse needs. */
struct ctx {
	struct arena *a;
	const char *src;       /* the URL or file the bytes came from */
	const char *what;      /* "/master/slaves answer" */
	struct strbuf *why;
	enum status st;
	struct json_mem mem;   /* jansson's memory for this parse */
};

static enum status bad(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The one wording of a refusal: "SRC: not a Mesos WHAT: ...". */
static enum status bad(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->st != ST_OK)
		return c->st;
	strbuf_addf(c->why, "%s: not a Mesos %s: ", c->src, c->what);
	va_start(ap, fmt);
	strbuf_vaddf(c->why, fmt, ap);
	va_end(ap);
	c->st = ST_DATAERR;
	return c->st;
}

static enum status nomem(struct ctx *c)
{
	if (c->st == ST_OK)
		c->st = ST_NOMEM;
	return c->st;
}

/* The document, which must be an object; NULL after a refusal. */
static json_t *load(struct ctx *c, const char *data, size_t len)
{
	json_error_t err;
	json_t *root;

	json_mem_begin(&c->mem);
	root = json_loadb(data, len, 0, &err);
	if (!root) {
		/* err.text can quote the input: only its place is repeated */
		bad(c, "not JSON (line %d, column %d)", err.line, err.column);
		json_mem_end(&c->mem, false);
		return NULL;
	}
	if (!json_is_object(root)) {
		bad(c, "not a JSON object");
		json_mem_end(&c->mem, false);
		return NULL;
	}
	return root;
}

enum { OPTIONAL = 0, REQUIRED = 1, NAME = 2 };

/*
 * The string @key of @obj (at @path, "slaves[3]", for messages) copied into
 * the arena: NULL in *out when absent and not REQUIRED. NAME: no control or
 * bidi character, at most MESOS_PARSE_MAX_NAME bytes.
 */
static enum status str_field(struct ctx *c, json_t *obj, const char *path, const char *key,
			     int flags, const char **out)
{
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t len, at;
	const char *dot = *path ? "." : "";

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (flags & REQUIRED)
			return bad(c, "%s%s%s is missing", path, dot, key);
		return ST_OK;
	}
	if (!json_is_string(v))
		return bad(c, "%s%s%s is not a string", path, dot, key);
	s = json_string_value(v);
	len = json_string_length(v);
	if (memchr(s, '\0', len))
		return bad(c, "%s%s%s holds a NUL byte", path, dot, key);
	if (flags & NAME) {
		if (len > MESOS_PARSE_MAX_NAME)
			return bad(c, "%s%s%s is longer than %d bytes", path, dot, key,
				   MESOS_PARSE_MAX_NAME);
		if (!len && (flags & REQUIRED))
			return bad(c, "%s%s%s is empty", path, dot, key);
		if (text_find_unprintable(s, len, &at))
			return bad(c, "%s%s%s holds a control character", path, dot, key);
	}
	if (!(*out = arena_strndup(c->a, s, len)))
		return nomem(c);
	return ST_OK;
}

static enum status bool_field(struct ctx *c, json_t *obj, const char *path, const char *key,
			      bool required, bool *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v && !required)
		return ST_OK;
	if (!v)
		return bad(c, "%s.%s is missing", path, key);
	if (!json_is_boolean(v))
		return bad(c, "%s.%s is not true or false", path, key);
	*out = json_is_true(v);
	return ST_OK;
}

/* The series of @version into the arena; NULL (not an error) when it has none. */
static enum status series_of(struct ctx *c, const char *version, const char **out)
{
	char buf[32];

	*out = NULL;
	if (version && mesos_version_series(version, buf, sizeof(buf)) &&
	    !(*out = arena_strdup(c->a, buf)))
		return nomem(c);
	return ST_OK;
}

bool mesos_version_series(const char *version, char *buf, size_t size)
{
	char head[32];
	size_t n = strcspn(version, "-+");
	struct version v;

	/* "1.11.0-rc2", "0.28.0+dev": the suffix says nothing about the series */
	if (n == 0 || n >= sizeof(head))
		return false;
	memcpy(head, version, n);
	head[n] = '\0';
	if (!version_parse(head, &v) || v.kind == VERSION_ANY)
		return false;
	version_series_str(&v, buf, size);
	return true;
}

bool mesos_pid_address(const char *pid, char *buf, size_t size)
{
	const char *at = strrchr(pid, '@'), *colon;
	char *end;
	long port;

	if (!at || at == pid || !(colon = strrchr(at, ':')) || colon == at + 1)
		return false;
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port <= 0 || port > 65535 || colon[1] == '+' ||
	    colon[1] == '-')
		return false;
	/* "name@host:port": the host part is a name or an IPv4 address, never a path */
	for (const char *p = at + 1; p < colon; p++)
		if (!(*p == '.' || *p == '-' || (*p >= '0' && *p <= '9') ||
		      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return (size_t)snprintf(buf, size, "%s", at + 1) < size;
}

/* ---- /version ------------------------------------------------------------ */

enum status mesos_parse_version(struct arena *a, const char *data, size_t len, const char *src,
				struct mesos_version_info *out, struct strbuf *why)
{
	struct ctx c = { .a = a, .src = src, .what = "/version answer", .why = why, .st = ST_OK };
	json_t *root = load(&c, data, len);

	memset(out, 0, sizeof(*out));
	if (!root)
		return c.st;
	if (str_field(&c, root, "", "version", REQUIRED | NAME, &out->version) == ST_OK &&
	    str_field(&c, root, "", "git_sha", NAME, &out->git_sha) == ST_OK &&
	    str_field(&c, root, "", "git_tag", NAME, &out->git_tag) == ST_OK &&
	    str_field(&c, root, "", "build_date", NAME, &out->build_date) == ST_OK)
		series_of(&c, out->version, &out->series);
	json_mem_end(&c.mem, false); /* the document and all it held */
	return c.st;
}

/* ---- /master/state ------------------------------------------------------- */

static enum status frameworks(struct ctx *c, json_t *arr, struct mesos_state *out)
{
	size_t i;
	json_t *f;
	char path[48];

	if (!json_is_array(arr))
		return bad(c, "frameworks is not an array");
	out->nframeworks = json_array_size(arr);
	out->frameworks = arena_alloc(c->a, (out->nframeworks + 1) * sizeof(*out->frameworks));
	if (!out->frameworks)
		return nomem(c);
	json_array_foreach(arr, i, f) {
		struct mesos_framework *fw = &out->frameworks[i];
		snprintf(path, sizeof(path), "frameworks[%zu]", i);
		if (!json_is_object(f))
			return bad(c, "%s is not an object", path);
		if (str_field(c, f, path, "id", REQUIRED | NAME, &fw->id) ||
		    str_field(c, f, path, "name", REQUIRED, &fw->name) ||
		    bool_field(c, f, path, "checkpoint", true, &fw->checkpoint) ||
		    bool_field(c, f, path, "active", false, &fw->active))
			return c->st;
	}
	return ST_OK;
}

enum status mesos_parse_state(struct arena *a, const char *data, size_t len, const char *src,
			      struct mesos_state *out, struct strbuf *why)
{
	struct ctx c = { .a = a, .src = src, .what = "/master/state answer", .why = why, .st = ST_OK };
	json_t *root = load(&c, data, len), *v;
	char addr[MESOS_PARSE_MAX_NAME];

	memset(out, 0, sizeof(*out));
	if (!root)
		return c.st;
	if (str_field(&c, root, "", "version", REQUIRED | NAME, &out->version) ||
	    str_field(&c, root, "", "pid", REQUIRED | NAME, &out->pid) ||
	    str_field(&c, root, "", "hostname", REQUIRED | NAME, &out->hostname) ||
	    str_field(&c, root, "", "leader", NAME, &out->leader) ||
	    series_of(&c, out->version, &out->series))
		goto out;
	if (!mesos_pid_address(out->pid, addr, sizeof(addr))) {
		bad(&c, "pid is not NAME@HOST:PORT");
		goto out;
	}
	if (out->leader && !mesos_pid_address(out->leader, addr, sizeof(addr))) {
		bad(&c, "leader is not NAME@HOST:PORT");
		goto out;
	}
	/* written only by an elected master (Master::Http::state) */
	if ((v = json_object_get(root, "elected_time"))) {
		if (!json_is_number(v)) {
			bad(&c, "elected_time is not a number");
			goto out;
		}
		out->elected = true;
		out->elected_time = json_number_value(v);
	}
	if (!(v = json_object_get(root, "slaves")) || !json_is_array(v)) {
		bad(&c, "slaves is %s", v ? "not an array" : "missing");
		goto out;
	}
	out->nslaves = json_array_size(v);
	if (!(v = json_object_get(root, "frameworks"))) {
		bad(&c, "frameworks is missing");
		goto out;
	}
	frameworks(&c, v, out);
out:
	json_mem_end(&c.mem, false); /* the document and all it held */
	return c.st;
}

/* ---- /master/slaves ------------------------------------------------------ */

static enum status agent(struct ctx *c, json_t *s, const char *path, struct mesos_agent *ag)
{
	char addr[MESOS_PARSE_MAX_NAME];
	const char *colon;

	if (!json_is_object(s))
		return bad(c, "%s is not an object", path);
	if (str_field(c, s, path, "id", REQUIRED | NAME, &ag->id) ||
	    str_field(c, s, path, "pid", REQUIRED | NAME, &ag->pid) ||
	    str_field(c, s, path, "hostname", REQUIRED | NAME, &ag->hostname) ||
	    bool_field(c, s, path, "active", true, &ag->active) ||
	    str_field(c, s, path, "version", NAME, &ag->version) ||
	    series_of(c, ag->version, &ag->series))
		return c->st;
	if (!mesos_pid_address(ag->pid, addr, sizeof(addr)))
		return bad(c, "%s.pid is not NAME@HOST:PORT", path);
	colon = strrchr(addr, ':');
	ag->port = atoi(colon + 1);
	return ST_OK;
}

/* An element of "recovered_slaves": a SlaveInfo, no pid, no version. */
static enum status recovered(struct ctx *c, json_t *s, const char *path, struct mesos_agent *ag)
{
	json_t *port;

	if (!json_is_object(s))
		return bad(c, "%s is not an object", path);
	if (str_field(c, s, path, "id", REQUIRED | NAME, &ag->id) ||
	    str_field(c, s, path, "hostname", REQUIRED | NAME, &ag->hostname))
		return c->st;
	if ((port = json_object_get(s, "port"))) {
		if (!json_is_integer(port) || json_integer_value(port) <= 0 ||
		    json_integer_value(port) > 65535)
			return bad(c, "%s.port is not a port number", path);
		ag->port = (int)json_integer_value(port);
	}
	ag->recovered = true;
	return ST_OK;
}

enum status mesos_parse_slaves(struct arena *a, const char *data, size_t len, const char *src,
			       struct mesos_slaves *out, struct strbuf *why)
{
	struct ctx c = { .a = a, .src = src, .what = "/master/slaves answer", .why = why, .st = ST_OK };
	json_t *root = load(&c, data, len), *reg, *rec, *s;
	size_t i, nreg;
	char path[48];

	memset(out, 0, sizeof(*out));
	if (!root)
		return c.st;
	reg = json_object_get(root, "slaves");
	rec = json_object_get(root, "recovered_slaves"); /* from 1.2 */
	if (!json_is_array(reg)) {
		bad(&c, "slaves is %s", reg ? "not an array" : "missing");
		goto out;
	}
	if (rec && !json_is_array(rec)) {
		bad(&c, "recovered_slaves is not an array");
		goto out;
	}
	nreg = json_array_size(reg);
	out->nrecovered = rec ? json_array_size(rec) : 0;
	out->agents = arena_alloc(a, (nreg + out->nrecovered + 1) * sizeof(*out->agents));
	if (!out->agents) {
		nomem(&c);
		goto out;
	}
	json_array_foreach(reg, i, s) {
		snprintf(path, sizeof(path), "slaves[%zu]", i);
		if (agent(&c, s, path, &out->agents[i]))
			goto out;
	}
	for (i = 0; i < out->nrecovered; i++) {
		snprintf(path, sizeof(path), "recovered_slaves[%zu]", i);
		if (recovered(&c, json_array_get(rec, i), path, &out->agents[nreg + i]))
			goto out;
	}
	out->nagents = nreg + out->nrecovered;
out:
	if (c.st != ST_OK)
		memset(out, 0, sizeof(*out));
	json_mem_end(&c.mem, false); /* the document and all it held */
	return c.st;
}

/* ---- /metrics/snapshot --------------------------------------------------- */

static enum status gauge(struct ctx *c, json_t *root, const char *key, bool *has, bool *value)
{
	json_t *v = json_object_get(root, key);

	*has = *value = false;
	if (!v)
		return ST_OK;
	if (!json_is_number(v))
		return bad(c, "\"%s\" is not a number", key);
	*has = true;
	*value = json_number_value(v) != 0;
	return ST_OK;
}

enum status mesos_parse_metrics(const char *data, size_t len, const char *src,
				struct mesos_metrics *out, struct strbuf *why)
{
	struct ctx c = { .src = src, .what = "/metrics/snapshot answer", .why = why, .st = ST_OK };
	json_t *root;

	memset(out, 0, sizeof(*out));
	if (!(root = load(&c, data, len)))
		return c.st;
	if (gauge(&c, root, "master/elected", &out->has_elected, &out->elected) == ST_OK)
		gauge(&c, root, "registrar/log/recovered", &out->has_recovered, &out->recovered);
	json_mem_end(&c.mem, false); /* the document and all it held */
	return c.st;
}

/* ---- credentials --------------------------------------------------------- */

static enum status credential(struct ctx *c, json_t *obj, const char *path,
			      struct mesos_credential *out)
{
	if (!json_is_object(obj))
		return bad(c, "%s is not an object", *path ? path : "the file");
	if (str_field(c, obj, path, "principal", REQUIRED | NAME, &out->principal) ||
	    str_field(c, obj, path, "secret", REQUIRED, &out->secret))
		return c->st;
	return ST_OK;
}

/* "principal secret" lines: the first is the one used; each must be well formed. */
static enum status credential_lines(struct ctx *c, const char *data, size_t len,
				    struct mesos_credential *out)
{
	size_t line = 0, pos = 0;

	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos, ntok = 0, at;
		const char *tok[2] = { NULL, NULL };
		size_t toklen[2] = { 0, 0 };

		pos += n + 1;
		line++;
		if (n && s[n - 1] == '\r') /* a file written on Windows */
			n--;
		/* as Mesos reads them: tokens between spaces, blank lines skipped */
		for (size_t i = 0; i < n;) {
			size_t start;
			while (i < n && s[i] == ' ')
				i++;
			if (i == n)
				break;
			for (start = i; i < n && s[i] != ' '; i++)
				;
			if (ntok < 2) {
				tok[ntok] = s + start;
				toklen[ntok] = i - start;
			}
			ntok++;
		}
		if (!ntok)
			continue;
		if (ntok != 2)
			return bad(c, "line %zu is not \"PRINCIPAL SECRET\"", line);
		if (memchr(s, '\0', n) || text_find_unprintable(tok[0], toklen[0], &at))
			return bad(c, "line %zu holds a control character", line);
		/* a name as the JSON form's (str_field(), NAME) */
		if (toklen[0] > MESOS_PARSE_MAX_NAME)
			return bad(c, "line %zu: the principal is longer than %d bytes", line,
				   MESOS_PARSE_MAX_NAME);
		if (out->principal)
			continue;
		out->principal = arena_strndup(c->a, tok[0], toklen[0]);
		out->secret = arena_strndup(c->a, tok[1], toklen[1]);
		if (!out->principal || !out->secret)
			return nomem(c);
	}
	if (!out->principal)
		return bad(c, "it holds no credential");
	return ST_OK;
}

enum status mesos_parse_credentials(struct arena *a, const char *data, size_t len,
				    const char *src, struct mesos_credential *out,
				    struct strbuf *why)
{
	struct ctx c = { .a = a, .src = src, .what = "credentials file", .why = why, .st = ST_OK };
	json_t *root, *list;

	memset(out, 0, sizeof(*out));
	json_mem_begin(&c.mem);
	root = json_loadb(data, len, 0, NULL);
	/* JSON first, then lines, as Mesos does (src/credentials/credentials.hpp) */
	if (!root) {
		credential_lines(&c, data, len, out);
	} else if ((list = json_object_get(root, "credentials"))) {
		if (!json_is_array(list) || !json_array_size(list))
			bad(&c, "credentials is not a list of credentials");
		else
			credential(&c, json_array_get(list, 0), "credentials[0]", out);
	} else {
		/* an agent's --credential file: one {"principal", "secret"} */
		credential(&c, root, "", out);
	}
	json_mem_end(&c.mem, true); /* it held the secret */
	if (c.st != ST_OK)
		memset(out, 0, sizeof(*out));
	return c.st;
}
