/*
 * probe_view.c - what "probe" and "verify" print (see probe_view.h).
 */
#include <string.h>

#include "json_writer.h"
#include "probe_view.h"
#include "textutil.h"

/* ---- JSON ---------------------------------------------------------------- */

/* The members of master @i and of agent @i. */
static void master_members(struct json_writer *w, const struct probe_result *r, size_t i)
{
	jw_key_string(w, "url", r->masters[i].url);
	jw_key_string(w, "host", r->masters[i].host);
	jw_key_string(w, "version", r->masters[i].version);
	jw_key_bool(w, "leader", r->masters[i].leader);
	jw_key_bool(w, "reachable", r->masters[i].reachable);
	jw_key_string(w, "error", r->masters[i].error);
}

static void agent_members(struct json_writer *w, const struct probe_result *r, size_t i)
{
	jw_key_string(w, "host", r->agents[i].host);
	jw_key_string(w, "version", r->agents[i].version);
	jw_key_bool(w, "active", r->agents[i].active);
	jw_key_bool(w, "recovered", r->agents[i].recovered);
}

/* @key: an array of @n objects, one a line, each's members written by @members. */
static void json_objects(struct json_writer *w, const char *key, const struct probe_result *r,
			 size_t n,
			 void (*members)(struct json_writer *, const struct probe_result *, size_t))
{
	jw_key(w, key);
	jw_array_lines(w, "\n ");
	for (size_t i = 0; i < n; i++) {
		jw_object(w);
		members(w, r, i);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void probe_view_json(struct json_writer *w, const struct probe_result *r)
{
	jw_object(w);
	jw_key_string(w, "probed", r->probed);
	jw_key_string(w, "leader", r->leader);
	json_objects(w, "masters", r, r->nmasters, master_members);
	json_objects(w, "agents", r, r->nagents, agent_members);
	jw_key(w, "frameworks_without_checkpoint");
	jw_array(w);
	for (size_t i = 0; i < r->nframeworks_without_checkpoint; i++)
		jw_string(w, r->frameworks_without_checkpoint[i]);
	jw_array_end(w);
	jw_key(w, "warnings");
	jw_array_lines(w, "\n ");
	for (size_t i = 0; i < r->nwarnings; i++) {
		jw_object(w);
		jw_key_string(w, "kind", probe_warning_name(r->warnings[i].kind));
		jw_key_string(w, "text", r->warnings[i].text);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_object_end(w);
}

/* ---- text ---------------------------------------------------------------- */

/* "N agents run VERSION" lines: the versions seen, most common first, at most a few. */
static void text_versions(struct strbuf *out, const struct probe_result *r)
{
	enum { SHOWN = 6 };
	const char *seen[SHOWN + 1];
	size_t count[SHOWN + 1] = { 0 }, nseen = 0, other = 0, unknown = 0;

	for (size_t i = 0; i < r->nagents; i++) {
		const char *v = r->agents[i].version;
		size_t k = 0;
		if (!v) {
			unknown++;
			continue;
		}
		while (k < nseen && strcmp(seen[k], v))
			k++;
		if (k == nseen && nseen == SHOWN) {
			other++;
			continue;
		}
		if (k == nseen)
			seen[nseen++] = v;
		count[k]++;
	}
	for (size_t k = 0; k < nseen; k++) {
		strbuf_addf(out, "  %zu run ", count[k]);
		text_add_plain(out, seen[k], 0);
		strbuf_addc(out, '\n');
	}
	if (other)
		strbuf_addf(out, "  %zu run other versions\n", other);
	if (unknown)
		strbuf_addf(out, "  %zu did not say their version\n", unknown);
}

void probe_view_text(struct strbuf *out, const struct probe_result *r)
{
	strbuf_adds(out, "Probed ");
	strbuf_adds(out, r->probed);
	strbuf_adds(out, ": leader ");
	text_add_plain(out, r->leader ? r->leader : "none", 0);
	strbuf_addf(out, "\nMasters (%zu):\n", r->nmasters);
	for (size_t i = 0; i < r->nmasters; i++) {
		const struct probe_master *m = &r->masters[i];
		strbuf_adds(out, "  ");
		text_add_plain(out, m->host, 0);
		strbuf_adds(out, "  ");
		text_add_plain(out, m->url, 0);
		strbuf_adds(out, "  ");
		if (m->reachable) {
			text_add_plain(out, m->version ? m->version : "version unknown", 0);
			if (m->leader)
				strbuf_adds(out, "  (leader)");
		} else {
			strbuf_adds(out, "UNREACHABLE: ");
			text_add_plain(out, m->error ? m->error : "no answer", 0);
		}
		strbuf_addc(out, '\n');
	}
	strbuf_addf(out, "Agents (%zu):\n", r->nagents);
	text_versions(out, r);
	for (size_t i = 0; i < r->nwarnings; i++) {
		strbuf_adds(out, "WARNING: ");
		text_add_plain(out, r->warnings[i].text, 0);
		strbuf_addc(out, '\n');
	}
}

void probe_view(struct strbuf *out, const struct probe_result *r, enum render_format f)
{
	struct json_writer w;

	if (f != FMT_JSON) {
		probe_view_text(out, r);
		return;
	}
	json_writer_init(&w, out);
	probe_view_json(&w, r);
	jw_end(&w);
}
