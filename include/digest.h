/*
 * digest.h - SHA-256, and the digests that detect content drift.
 *
 * An item's digest (64-bit FNV-1a, in hex) covers everything an operator
 * reads about it (kind, texts, role, points, flags, warning, languages,
 * branches), so a session can tell which items changed since they were
 * done. A plan's digest (SHA-256) covers its item ids and item digests.
 */
#ifndef MU_DIGEST_H
#define MU_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char buf[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* Hex of the SHA-256 of @len bytes of @data into @hex (65 bytes). */
void sha256_hex(const void *data, size_t len, char hex[65]);

/* Length of the item digests kept in the journal, in hex characters. */
#define ITEM_DIGEST_LEN CONTENT_DIGEST_LEN

/* The digest of a note or step, as ITEM_DIGEST_LEN hex characters and a NUL. */
void digest_note(const struct content_note *n, char out[ITEM_DIGEST_LEN + 1]);
void digest_step(const struct content_step *s, char out[ITEM_DIGEST_LEN + 1]);
/* Fill the digest field of every note and step of @c (the loader does, once). */
void content_digest_items(struct content *c);

#endif
