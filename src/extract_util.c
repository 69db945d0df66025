/* extract_util.c - small things every part of the extractor uses: Han
 * characters, blank stretches, the sentence holding a byte, a list of
 * forms without repeats. */
#include "extract_int.h"

#include "arena.h"

#include <ctype.h>
#include <string.h>
#include <unistr.h>

bool x_is_han_at(const char *s, size_t n, size_t i)
{
	ucs4_t uc;
	if (i >= n || u8_mbtouc(&uc, (const uint8_t *)s + i, n - i) < 1)
		return false;
	return (uc >= 0x3400 && uc <= 0x9FFF) || (uc >= 0xF900 && uc <= 0xFAFF) || (uc >= 0x20000 && uc <= 0x2FFFF);
}

bool x_blank(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

size_t x_sentence_of(const struct xdoc *x, size_t b)
{
	size_t lo = 0, hi = x->n_sents;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->sents[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n_sents ? lo : x->n_sents ? x->n_sents - 1 : 0;
}

size_t x_hits_from(const struct xdoc *x, size_t b)
{
	size_t lo = 0, hi = x->n_hits;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->hits[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t x_add_alias(char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	if (!len)
		return (size_t)-1;
	for (size_t i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && memcmp((*v)[i], s, len) == 0)
			return i;
	grow(v, cap, *n + 1, sizeof(char *));
	(*v)[(*n)++] = xstrndup(s, len);
	return *n - 1;
}
