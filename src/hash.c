/* hash.c - the 64-bit hash of file identity, texts and the index cache. */
#include "config.h"
#include "hash.h"

#include <xxhash.h>
#ifdef HAVE_XXH3_DISPATCH
/* the library's XXH3 on the widest vector unit this processor has: the
 * same hash (the cache's records hold it), computed about three times
 * faster with AVX2 than with the SSE2 the plain entry point is built for */
#include <xxh_x86dispatch.h>
#endif

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
