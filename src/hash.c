/* hash.c - the 64-bit hash of file identity, texts and the index cache. */
#include "hash.h"

#include <xxhash.h>

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full

uint64_t hash64(const void *data, size_t n)
{
	return XXH3_64bits(data, n);
}

static inline uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

uint64_t hash64_combine(uint64_t h, uint64_t v)
{
	return rotl(h + v * P2, 31) * P1;
}
