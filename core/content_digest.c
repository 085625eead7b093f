/*
 * content_digest.c - the digest of each note and step (content.h), which
 * lets a session tell the items that changed since they were done.
 *
 * The content owns what goes into an item's digest; digest.c only hashes
 * bytes, and knows nothing of content.
 */
#include <stdio.h>
#include <string.h>

#include "content.h"
#include "digest.h"

/* Fields are separated by a byte that validated content never holds. */
static void field(struct fnv64 *f, const char *v)
{
	static const unsigned char sep = 0x1f, none = 0x1e;

	if (v)
		fnv64_update(f, v, strlen(v));
	else
		fnv64_update(f, &none, 1);
	fnv64_update(f, &sep, 1);
}

static void strings(struct fnv64 *f, const struct content_strings *l)
{
	char n[24];

	snprintf(n, sizeof(n), "%zu", l->count);
	field(f, n);
	for (size_t i = 0; i < l->count; i++)
		field(f, l->items[i]);
}

static void digest_note(const struct content_note *n, char out[ITEM_DIGEST_LEN + 1])
{
	struct fnv64 f;
	char aud[16];

	fnv64_init(&f);
	field(&f, "note");
	field(&f, n->full_id);
	field(&f, n->title);
	field(&f, n->text);
	snprintf(aud, sizeof(aud), "%u", n->audience);
	field(&f, aud);
	strings(&f, &n->points);
	field(&f, n->code);
	/*
	 * What came with issue 16 goes in only when it is there, so the digests
	 * of content written before it stay as they were; where a text comes
	 * from (origin, since, category, change) changes nothing to do.
	 */
	if (n->warning) {
		field(&f, "warning");
		field(&f, n->warning);
	}
	if (n->when != NOTE_BEFORE) {
		field(&f, content_when_name(n->when));
		if (n->when == NOTE_PER_HOST)
			field(&f, content_role_name(n->role));
	}
	fnv64_hex(&f, out);
}

static void digest_step(const struct content_step *st, char out[ITEM_DIGEST_LEN + 1])
{
	struct fnv64 f;

	fnv64_init(&f);
	field(&f, "step");
	field(&f, st->full_id);
	field(&f, st->text);
	field(&f, content_role_name(st->role));
	field(&f, st->detail);
	strings(&f, &st->points);
	strings(&f, &st->flags);
	field(&f, st->warning);
	for (size_t i = 0; i < st->nlanguages; i++) {
		field(&f, st->languages[i].language);
		field(&f, st->languages[i].text);
	}
	field(&f, st->per_host ? "per-host" : "once");
	field(&f, "branches");
	for (size_t i = 0; i < st->nbranches; i++) {
		field(&f, st->branches[i].id);
		field(&f, st->branches[i].title);
		strings(&f, &st->branches[i].points);
	}
	fnv64_hex(&f, out);
}

void content_digest_items(struct content *c)
{
	for (size_t h = 0; h < c->nhops; h++) {
		struct content_hop *hop = &c->hops[h];
		for (size_t i = 0; i < hop->nnotes; i++)
			digest_note(&hop->notes[i], hop->notes[i].digest);
		for (size_t i = 0; i < hop->nsteps; i++)
			digest_step(&hop->steps[i], hop->steps[i].digest);
	}
}
