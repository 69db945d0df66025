/* fold.c - fold text for case- and accent-insensitive search (see fold.h). */
#include "fold.h"
#include "arena.h"
#include "utf8.h"
#include "hanconv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Folding a non-ASCII code point costs a few libunistring calls; real text
 * uses few distinct ones, so remember the results, per thread and across
 * calls (a corpus search folds thousands of texts in the same scripts). */
#define CACHE_SIZE 1024 /* a power of two */
#define CACHE_SLOT 15   /* longest folded form kept */

struct fold_cache {
	struct {
		ucs4_t uc; /* 0: empty (ASCII never reaches the cache) */
		uint8_t len;
		uint8_t s[CACHE_SLOT];
	} e[CACHE_SIZE];
};

static _Thread_local struct fold_cache cache;

#define FOLD_BUF 64

/* The typographic apostrophe and its look-alikes, which a text has where
 * a keyboard types ': right and left single quotation marks, the
 * reversed one, the modifier letter apostrophe and the full-width
 * apostrophe (l’ONU is l'ONU). */
static bool apostrophe(ucs4_t c)
{
	return c == 0x2019 || c == 0x2018 || c == 0x201b || c == 0x02bc || c == 0xff07;
}

/* Fold one code point into buf (FOLD_BUF bytes) or, when it does not fit,
 * a malloc'd block; *len gets the length. */
static uint8_t *fold_cp(ucs4_t uc, uint8_t *buf, size_t *len)
{
	ucs4_t dbuf[16], cbuf[32], kbuf[32], rbuf[32];
	size_t dn = 16, cn = 32, rn = 32, kn = 0;
	ucs4_t *d = u32_normalize(UNINORM_NFD, &uc, 1, dbuf, &dn);
	if (!d)
		goto as_is;
	ucs4_t *c = u32_casefold(d, dn, NULL, UNINORM_NFD, cbuf, &cn);
	if (d != dbuf)
		free(d);
	if (!c)
		goto as_is;
	ucs4_t *k = cn <= 32 ? kbuf : xmalloc(cn * sizeof(*k));
	for (size_t j = 0; j < cn; j++)
		/* (marks, and what is not seen: a soft hyphen, a zero-width
		 * space or joiner, a word joiner, a byte order mark) */
		if (!uc_is_general_category(c[j], UC_CATEGORY_Mn) && !uc_is_property_default_ignorable_code_point(c[j]))
			k[kn++] = apostrophe(c[j]) ? '\'' : c[j];
	if (c != cbuf)
		free(c);
	if (kn == 0) {
		if (k != kbuf)
			free(k);
		*len = 0;
		return buf;
	}
	ucs4_t *r = u32_normalize(UNINORM_NFC, k, kn, rbuf, &rn);
	if (!r) {
		r = k; /* keep the decomposed form */
		rn = kn;
	}
	*len = FOLD_BUF;
	uint8_t *out = u32_to_u8(r, rn, buf, len);
	if (r != rbuf && r != k)
		free(r);
	if (k != kbuf)
		free(k);
	if (out)
		return out;
as_is:;
	int ul = u8_uctomb(buf, uc, FOLD_BUF);
	*len = ul > 0 ? (size_t)ul : 0;
	return buf;
}

/* memmem is not POSIX: first byte with memchr, then the rest. */
static const char *find(const char *h, size_t hn, const char *nd, size_t nn)
{
	const char *end = h + hn - nn + 1; /* nn <= hn */
	while (h < end) {
		const char *c = memchr(h, nd[0], (size_t)(end - h));
		if (!c)
			return NULL;
		if (memcmp(c + 1, nd + 1, nn - 1) == 0)
			return c;
		h = c + 1;
	}
	return NULL;
}

/* The fold of the character that starts p[0..left) (not ASCII; an invalid
 * sequence folds to U+FFFD): *fl bytes at *fs (in buf, the cache, p or
 * *heap, which the caller frees when not NULL); the source bytes it takes.
 * The one place a character is folded (fold_into, fold_char). */
static size_t fold_nonascii(const uint8_t *p, size_t left, uint8_t *buf, const uint8_t **fs, size_t *fl,
                            uint8_t **heap)
{
	ucs4_t uc;
	bool bad = false;
	size_t k;
	/* well-formed 2- and 3-byte sequences (Cyrillic, Greek, CJK...)
	 * decoded here; the rest by libunistring */
	if (p[0] >= 0xc2 && p[0] <= 0xdf && 1 < left && (p[1] & 0xc0) == 0x80) {
		uc = (ucs4_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		k = 2;
	} else if (p[0] >= 0xe1 && p[0] <= 0xec && 2 < left && (p[1] & 0xc0) == 0x80
	           && (p[2] & 0xc0) == 0x80) {
		uc = (ucs4_t)(p[0] & 0x0f) << 12 | (ucs4_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		k = 3;
	} else {
		k = utf8_decode(p, left, &uc, &bad);
	}
	ucs4_t buf32[UC_DECOMPOSITION_MAX_LENGTH];
	size_t h = ((uint32_t)uc * 2654435761u) >> 20 & (CACHE_SIZE - 1);
	if (bad) {
		*fs = (const uint8_t *)"\xef\xbf\xbd";
		*fl = 3;
	} else if (cache.e[h].uc == uc) {
		*fs = cache.e[h].s;
		*fl = cache.e[h].len;
	} else {
		if (uc_is_general_category(uc, UC_CATEGORY_Lo) && uc_canonical_decomposition(uc, buf32) < 0
		    && !uc_is_property_default_ignorable_code_point(uc)) {
			/* Han, kana, most of Arabic, Hebrew, Indic...: no
			 * case, no decomposition, not a mark, so folds to
			 * itself, but for a traditional Chinese character,
			 * which folds to its simplified form (three bytes
			 * for three: hanconv.h). */
			ucs4_t sc = han_simplified(uc);
			if (sc != uc) {
				*fl = (size_t)u8_uctomb(buf, sc, FOLD_BUF);
				*fs = buf;
			} else {
				*fs = p;
				*fl = k;
			}
		} else {
			uint8_t *r = fold_cp(uc, buf, fl);
			if (r != buf)
				*heap = r;
			/* what it folds to, simplified too: a compatibility
			 * ideograph (U+FA62) becomes a traditional one (謁),
			 * then its simplified form (谒), as folding it again
			 * would (three bytes for three, in place) */
			for (size_t j = 0; j + 3 <= *fl;) {
				ucs4_t c;
				int l = u8_mbtouc(&c, r + j, *fl - j);
				if (l < 1)
					break;
				ucs4_t sc = l == 3 ? han_simplified(c) : c;
				if (sc != c && u8_uctomb(r + j, sc, 3) != 3)
					u8_uctomb(r + j, c, 3);
				j += (size_t)l;
			}
			*fs = r;
		}
		if (*fl <= CACHE_SLOT) {
			cache.e[h].uc = uc;
			cache.e[h].len = (uint8_t)*fl;
			memcpy(cache.e[h].s, *fs, *fl);
		}
	}
	return k;
}

struct out {
	uint8_t *s;
	size_t *map;
	size_t n, cap;
};

/* Room for `more` bytes and the NUL (and map[n]). */
static void reserve(struct out *o, size_t more)
{
	size_t need = o->n + more + 1;
	if (need <= o->cap)
		return;
	size_t cap = o->cap;
	grow(&o->s, &cap, need, 1);
	if (o->map)
		o->map = xrealloc(o->map, cap * sizeof(*o->map));
	o->cap = cap;
}

/* Folds src[0..n) onto o, its map saying base + the source offset. */
static void fold_into(struct out *o_, const char *src, size_t n, size_t base)
{
	const uint8_t *p = (const uint8_t *)src;
	struct out o = *o_;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			/* ASCII fast path, as far as the room lasts. */
			reserve(&o, 1);
			size_t room = o.cap - 1 - o.n;
			size_t lim = n - i < room ? n : i + room;
			uint8_t *d = o.s + o.n;
			size_t i0 = i;
			if (o.map) {
				size_t *m = o.map + o.n;
				for (; i < lim && p[i] < 0x80; i++) {
					*d++ = (unsigned)(p[i] - 'A') < 26u ? p[i] + ('a' - 'A') : p[i];
					*m++ = base + i;
				}
			} else {
				for (; i < lim && p[i] < 0x80; i++)
					*d++ = (unsigned)(p[i] - 'A') < 26u ? p[i] + ('a' - 'A') : p[i];
			}
			o.n += i - i0;
			continue;
		}

		uint8_t buf[FOLD_BUF];
		const uint8_t *fs;
		uint8_t *heap = NULL;
		size_t fl, k = fold_nonascii(p + i, n - i, buf, &fs, &fl, &heap);
		reserve(&o, fl);
		memcpy(o.s + o.n, fs, fl);
		if (o.map)
			for (size_t j = 0; j < fl; j++)
				o.map[o.n + j] = base + i;
		o.n += fl;
		free(heap);
		i += k;
	}
	reserve(&o, 0);
	o.s[o.n] = '\0';
	if (o.map)
		o.map[o.n] = base + n;
	*o_ = o;
}

size_t fold_char(const char *s, size_t n, char *out, size_t *len)
{
	const uint8_t *p = (const uint8_t *)s;
	if (p[0] < 0x80) {
		out[0] = (char)((unsigned)(p[0] - 'A') < 26u ? p[0] + ('a' - 'A') : p[0]);
		*len = 1;
		return 1;
	}
	uint8_t buf[FOLD_BUF];
	const uint8_t *fs;
	uint8_t *heap = NULL;
	size_t fl, k = fold_nonascii(p, n, buf, &fs, &fl, &heap);
	*len = fl <= FOLD_CHAR_MAX ? fl : (size_t)-1;
	if (fl <= FOLD_CHAR_MAX)
		memcpy(out, fs, fl);
	free(heap);
	return k;
}

void fold_text(struct folded *f, const char *src, size_t n, bool want_map)
{
	struct out o;
	o.n = 0;
	o.cap = n + n / 16 + 16;
	o.s = xmalloc(o.cap);
	o.map = want_map ? xmalloc(o.cap * sizeof(*o.map)) : NULL;
	fold_into(&o, src, n, 0);
	f->s = (char *)o.s;
	f->n = o.n;
	f->map = o.map;
}

void fold_more(struct folded *f, const char *src, size_t n, size_t base)
{
	struct out o = { (uint8_t *)f->s, f->map, f->n, f->n + 1 };
	fold_into(&o, src, n, base);
	f->s = (char *)o.s;
	f->n = o.n;
	f->map = o.map;
}

const char *fold_memfind(const char *h, size_t hn, const char *nd, size_t nn)
{
	return nn && nn <= hn ? find(h, hn, nd, nn) : NULL;
}

void folded_free(struct folded *f)
{
	free(f->s);
	free(f->map);
	f->s = NULL;
	f->map = NULL;
	f->n = 0;
}

char *fold_dup(const char *s, size_t n)
{
	struct folded f;
	fold_text(&f, s, n, false);
	return f.s;
}

char *fold_dup_some(const char *s, size_t n)
{
	char *f = fold_dup(s, n);
	if (!*f) {
		free(f);
		return NULL;
	}
	return f;
}

size_t fold_find(const struct folded *f, const char *needle, size_t nlen, size_t from,
		 size_t *src_start, size_t *src_end)
{
	size_t at = (size_t)-1;
	if (from > f->n)
		return at;
	struct folded nf;
	fold_text(&nf, needle, nlen, false);
	if (nf.n > 0 && nf.n <= f->n - from) {
		const char *hit = find(f->s + from, f->n - from, nf.s, nf.n);
		if (hit) {
			at = (size_t)(hit - f->s);
			size_t last = at + nf.n - 1, j = last + 1;
			if (f->map) {
				while (j < f->n && f->map[j] == f->map[last])
					j++;
				*src_start = f->map[at];
				*src_end = f->map[j];
			} else {
				*src_start = at;
				*src_end = j;
			}
		}
	}
	folded_free(&nf);
	return at;
}
