/* mem.h - copying, comparing and sorting arrays that may be empty.
 *
 * C forbids a null pointer as an argument of memcpy, memmove, memcmp and
 * qsort even when the count is 0 (UndefinedBehaviorSanitizer checks it),
 * and an empty array is often a null pointer here: a readout with no
 * positions, a position with no topics, a directory with no readouts.
 * These take it.
 */
#ifndef PARLEY_MEM_H
#define PARLEY_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static inline void *mem_copy(void *dst, const void *src, size_t n)
{
	return n ? memcpy(dst, src, n) : dst;
}

static inline void *mem_move(void *dst, const void *src, size_t n)
{
	return n ? memmove(dst, src, n) : dst;
}

static inline bool mem_equal(const void *a, const void *b, size_t n)
{
	return n == 0 || memcmp(a, b, n) == 0;
}

static inline void sort_array(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

#endif
