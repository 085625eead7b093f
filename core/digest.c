#include <stdio.h>
#include <string.h>

#include "digest.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void block(struct sha256 *s, const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

void sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	memcpy(s->h, iv, sizeof(iv));
	s->bytes = 0;
	s->used = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->bytes += len;
	while (len) {
		size_t n = 64 - s->used < len ? 64 - s->used : len;
		memcpy(s->buf + s->used, p, n);
		s->used += n;
		p += n;
		len -= n;
		if (s->used == 64) {
			block(s, s->buf);
			s->used = 0;
		}
	}
}

void sha256_final(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad = 0x80, zero = 0, len[8];

	sha256_update(s, &pad, 1);
	while (s->used != 56)
		sha256_update(s, &zero, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, len, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

static void to_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

void sha256_hex(const void *data, size_t len, char hex[65])
{
	struct sha256 s;
	unsigned char d[32];

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, d);
	to_hex(d, 32, hex);
}

/*
 * Item digests only need to tell "changed" from "unchanged", and are taken
 * on every check-off: FNV-1a (64 bits) is enough and many times cheaper
 * than SHA-256. Fields are separated by a byte validated content never holds.
 */
struct fnv {
	uint64_t h;
};

static void fnv_add(struct fnv *f, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		f->h ^= p[i];
		f->h *= 0x100000001b3ull;
	}
}

static void field(struct fnv *f, const char *v)
{
	static const unsigned char sep = 0x1f, none = 0x1e;

	if (v)
		fnv_add(f, v, strlen(v));
	else
		fnv_add(f, &none, 1);
	fnv_add(f, &sep, 1);
}

static void strings(struct fnv *f, const struct content_strings *l)
{
	char n[24];

	snprintf(n, sizeof(n), "%zu", l->count);
	field(f, n);
	for (size_t i = 0; i < l->count; i++)
		field(f, l->items[i]);
}

static void start(struct fnv *f)
{
	f->h = 0xcbf29ce484222325ull;
}

static void finish(struct fnv *f, char out[ITEM_DIGEST_LEN + 1])
{
	unsigned char d[8];

	for (int i = 0; i < 8; i++)
		d[i] = (unsigned char)(f->h >> (56 - 8 * i));
	to_hex(d, 8, out);
}

void digest_note(const struct content_note *n, char out[ITEM_DIGEST_LEN + 1])
{
	struct fnv f;
	char aud[16];

	start(&f);
	field(&f, "note");
	field(&f, n->full_id);
	field(&f, n->title);
	field(&f, n->text);
	snprintf(aud, sizeof(aud), "%u", n->audience);
	field(&f, aud);
	strings(&f, &n->points);
	field(&f, n->code);
	finish(&f, out);
}

void digest_step(const struct content_step *st, char out[ITEM_DIGEST_LEN + 1])
{
	struct fnv f;

	start(&f);
	field(&f, "step");
	field(&f, st->full_id);
	field(&f, st->text);
	field(&f, role_name(st->role));
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
	finish(&f, out);
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
