/* utf8.h - UTF-8 text helpers for the core: validity, code-point to
 * byte offset maps, line/column of a byte offset.  All decoding goes through
 * libunistring. */
#ifndef PARLEY_UTF8_H
#define PARLEY_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unistr.h>

/* One code point of p[0, left) (left > 0) in *uc, and its length in
 * bytes: an invalid sequence is U+FFFD over the bytes u8_mbtouc consumed
 * (the maximal ill-formed part), with *bad set (a real U+FFFD is not
 * bad).  The one way the core and the front end read a text's
 * characters: the sanitiser, widths, folding and the CLI's escapes. */
static inline size_t utf8_decode(const uint8_t *p, size_t left, ucs4_t *uc, bool *bad)
{
	int len = u8_mbtouc(uc, p, left);
	*bad = *uc == 0xfffd && (len != 3 || u8_check(p, 3) != NULL);
	return len > 0 ? (size_t)len : 1;
}

/* Offset of the first invalid byte of s[0..n), or n when s is valid UTF-8. */
size_t utf8_invalid_at(const char *s, size_t n);

/* Line (from 1) and column (from 1, in code points) of byte offset `at` of
 * buf.  Bytes of an invalid sequence count as one column each. */
void utf8_linecol(const char *buf, size_t n, size_t at, unsigned long *line, unsigned long *col);

/* Code-point to byte offset conversion for one text, built once. */
struct cpmap {
	const char *s;
	size_t bytes, cps;
	size_t *samples;  /* byte offset of every CPMAP_STEP-th code point */
};
#define CPMAP_STEP 64

/* s[0..n) must be valid UTF-8 (as every loaded text is). */
void cpmap_init(struct cpmap *m, const char *s, size_t n);
/* Byte offset of code point `cp` (0 <= cp <= m->cps). */
size_t cpmap_byte(const struct cpmap *m, size_t cp);
void cpmap_free(struct cpmap *m);

#endif
