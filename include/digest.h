/*
 * digest.h - hashes of bytes and their hex: SHA-256 (a plan's digest, over
 * its item ids and item digests: session_start.c) and 64-bit FNV-1a (an item's
 * digest: content_digest.c). Nothing here knows what it hashes.
 */
#ifndef MU_DIGEST_H
#define MU_DIGEST_H

#include <stddef.h>
#include <stdint.h>


struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char buf[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* Hex of the @n bytes at @d into @hex (2 * @n + 1 bytes, NUL-terminated). */
void digest_hex(const unsigned char *d, size_t n, char *hex);

/* FNV-1a, 64 bits: fast, for telling changed from unchanged, not for security. */
struct fnv64 {
	uint64_t h;
};

void fnv64_init(struct fnv64 *f);
void fnv64_update(struct fnv64 *f, const void *data, size_t len);
/* The 16 hex characters of the hash so far, and a NUL. */
void fnv64_hex(const struct fnv64 *f, char hex[17]);

#endif
