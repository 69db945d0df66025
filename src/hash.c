/* hash.c - the 64-bit hash of file identity, texts and the index cache. */
#include "hash.h"

#include <string.h>

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull

static inline uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t rd64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t v)
{
	return rotl(acc + v * P2, 31) * P1;
}

uint64_t hash64(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t a = P1 + P2, b = P2, c = 0, d = (uint64_t)0 - P1;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		a = round64(a, rd64(p + i));
		b = round64(b, rd64(p + i + 8));
		c = round64(c, rd64(p + i + 16));
		d = round64(d, rd64(p + i + 24));
	}
	uint64_t h = rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18) + (uint64_t)n;
	for (; i + 8 <= n; i += 8)
		h = rotl(h ^ round64(0, rd64(p + i)), 27) * P1 + P3;
	for (; i < n; i++)
		h = rotl(h ^ (p[i] * P3), 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

uint64_t hash64_combine(uint64_t h, uint64_t v)
{
	return round64(h, v);
}
