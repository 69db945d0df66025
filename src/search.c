/* search.c - case- and accent-insensitive search in texts (see search.h). */
#include "search.h"
#include "arena.h"
#include "hanconv.h"
#include "threads.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <unistr.h>
#include <unistring/version.h>
#include <string.h>

/* fold_inv[]: every code point that folding changes (but Han
 * simplification), with what it folds to, made by foldgen (src/gen/foldgen.c)
 * with fold.c itself at build time */
#include "src/fold_inverse.h"

/* --- the prefilter ---------------------------------------------------------
 *
 * A match in the folded text holds the needle's key character K at offset
 * key->at.  Folding is per code point and the folded text is valid UTF-8,
 * so that K is the fold, or part of the fold, of one source character X:
 * one of the set of those whose fold contains K.  That set is exact: K's
 * Han sources T (the characters han_simplified() takes to K, or K alone),
 * then every character whose fold without Han simplification (fold_inv[])
 * contains one of T, and those of T that folding leaves alone.  A text is
 * scanned for the set's byte sequences; only around those is it folded
 * (or, all ASCII around, compared as it is).  The matches found around
 * each X are all the matches, those that overlap one another too (a needle
 * with a border, as h in health); a needle without one has none that do,
 * and they are the matches search_text's left-to-right search finds. */
/* a form of the key set: its bytes, and the one scanned for */
struct key_seq {
	uint8_t len, anchor, b[4];
};

#define KEY_VECTORS 16

/* Where a scan of one text is (next_anchor): the 64 bytes from `at` that
 * check_avx2 looked at last, and which of them count (bits: from at), so
 * that each is taken in turn without looking at those bytes again.  Kept
 * by the caller for the text it scans, from its first call on. */
struct scan {
	size_t at;
	uint64_t bits;
};

/* What a set of byte values must hold for a text to hold one character
 * of a needle: a form's first byte and a form's last byte (of any of the
 * set of characters whose fold contains it, as key_set makes it for a
 * key); needle_may_be_in_set asks a few of these (SET_CHECKS). */
struct char_bytes {
	unsigned char first[32], last[32];
};

#define SET_CHECKS 4

#define SET_BIT(set, b) ((set)[(unsigned char)(b) >> 3] |= (unsigned char)(1u << ((unsigned char)(b) & 7)))
#define HAS_BIT(set, b) (((set)[(unsigned char)(b) >> 3] >> ((unsigned char)(b) & 7)) & 1u)

struct needle_key {
	size_t at, len;            /* K's offset in the folded needle, its length */
	/* Sets of byte values of which a text must hold one byte each to
	 * hold the needle (needle_may_be_in_set): of the first and of the
	 * last bytes of each of its characters' forms (char_bytes), those
	 * with the fewest bytes, none that holds another (it would say
	 * nothing more), SET_CHECKS at most (each costs a look at every
	 * readout's set, and a long needle's in a text of its script are
	 * all met) */
	uint64_t checks[SET_CHECKS][4];
	int n_checks;
	/* Every character of the folded needle folds to itself: a text's
	 * character with the same bytes as one of the needle's is that
	 * character folded, and is taken as it is (folds_at), not folded
	 * again. */
	bool self_folds;
	/* The needle can overlap itself (a border: a proper prefix that is
	 * also a suffix, as h in health): two of its matches may overlap,
	 * where search_text's left-to-right search gives only the first. */
	bool border;
	/* The byte a text is scanned for: each form's first or, when K is
	 * not ASCII, its last (a script's letters share a few lead bytes:
	 * Cyrillic's are D0 and D1). */
	bool by_last;
	struct key_seq *seq;       /* the set's UTF-8 forms, by anchor */
	size_t n_seq;
	size_t first[257];         /* seq[first[b] .. first[b + 1]): anchor b */
	unsigned char anchors[256]; /* the distinct anchors, nv of them */
	int nv;
	unsigned char anchor[256]; /* 1: an anchor */
	unsigned char want[KEY_VECTORS][16]; /* anchors[i], 16 times (nv <= KEY_VECTORS) */
	/* The key's neighbours, when K is ASCII: a form of K that is ASCII
	 * is its own fold, so a match has, d bytes from it (+1: after it, the
	 * needle's character after K; -1: before it, the needle's character
	 * before K), a byte of 0x80 and up or one of the pair (the ASCII bytes
	 * whose fold is the needle's byte there).  Each neighbour the needle
	 * has is checked (npair of them, 0: no such check). */
	struct key_pair {
		int d, np;
		unsigned char b[8];
	} pair[2];
	int npair;
	/* The forms that are not ASCII: each anchor counts only with the
	 * byte beside it in a form that has it (fp_d from it: +1, the form's
	 * second byte; -1 when by_last, the byte before its last): nfp runs
	 * of such bytes, by anchor (Latin Extended-A's c forms are anchor C4
	 * with C4 86 to C4 8D); 0: too many, those anchors are not checked.
	 * (A Latin key's é is not its ç: C3 A9 is not C3 A7.)  The runs of one
	 * byte (none: anchor one_a[i], byte one_b[i]) are kept apart from the
	 * longer (nmore: anchor more_a[i], bytes more_lo[i] to more_lo[i] +
	 * more_w[i]); nfp = none + nmore. */
	int nfp, fp_d;
	int none, nmore;
	unsigned char one_a[KEY_VECTORS], one_b[KEY_VECTORS];
	unsigned char more_a[KEY_VECTORS], more_lo[KEY_VECTORS], more_w[KEY_VECTORS];
	/* the runs of anchor non[i] (below): one_*[one_end[i - 1] ..
	 * one_end[i]) and more_*[more_end[i - 1] .. more_end[i]) (from 0 for
	 * the first), so that a block looks at the runs of the anchors it has
	 * alone (key_vectors) */
	unsigned char one_end[KEY_VECTORS], more_end[KEY_VECTORS];
	/* the anchors that are ASCII (checked with the pair) and the others */
	int nasc, nnon;
	unsigned char asc[KEY_VECTORS], non[KEY_VECTORS];
	/* The same checks as sets of bytes, for an anchor taken alone
	 * (counts_at): pair_ok[j], the bytes that may be pair j's neighbour
	 * (0x80 and up, and the pair's); form_ok[form_of[c]], those that may
	 * be beside non-ASCII anchor c (every byte when the forms are not
	 * checked, none when c begins no form that has two bytes). */
	unsigned char pair_ok[2][32];
	unsigned char form_of[256];
	unsigned char form_ok[KEY_VECTORS][32];
	/* check_avx2's vectors, made once (key_vectors): each of the bytes
	 * above 32 times, loaded as they are (a text's scan is often of a
	 * span or a summary: setting them up at each would cost a block's
	 * compares) */
	struct key_vectors {
		unsigned char asc[KEY_VECTORS][32], non[KEY_VECTORS][32], pair[2][8][32];
		/* two: the ASCII anchors and each pair's bytes, when there are
		 * two of each at most (a letter and its capital: the second the
		 * first again when there is one), for a scan that holds them
		 * in registers */
		bool two;
		unsigned char asc2[2][32], pair2[2][2][32];
		unsigned char one_a[KEY_VECTORS][32], one_b[KEY_VECTORS][32];
		unsigned char more_a[KEY_VECTORS][32], more_lo[KEY_VECTORS][32], more_w[KEY_VECTORS][32];
	} v;
};

static int cmp_seq(const void *a, const void *b)
{
	const struct key_seq *x = a, *y = b;
	return x->anchor != y->anchor ? (x->anchor > y->anchor) - (x->anchor < y->anchor) : memcmp(x->b, y->b, 4);
}

static int cmp_inv(const void *k, const void *e)
{
	uint32_t c = *(const uint32_t *)k, d = ((const struct fold_inv *)e)->cp;
	return c < d ? -1 : c > d;
}

static int cmp_pair(const void *a, const void *b)
{
	const unsigned char *x = a, *y = b;
	return x[0] != y[0] ? x[0] - y[0] : x[1] - y[1];
}

/* The pairs of the forms that are not ASCII: each anchor with the byte
 * beside it in its form, in runs (nfp), when they are KEY_VECTORS at most
 * (and the anchors too: the scan's vectors). */
static void key_form_pairs(struct needle_key *k)
{
	k->nfp = k->none = k->nmore = 0;
	k->fp_d = k->by_last ? -1 : 1;
	if (k->nv > KEY_VECTORS)
		return;
	unsigned char (*pr)[2] = xmalloc((k->n_seq ? k->n_seq : 1) * 2);
	size_t n = 0;
	for (size_t i = 0; i < k->n_seq; i++) {
		const struct key_seq *q = &k->seq[i];
		if (q->len < 2)
			continue;
		pr[n][0] = q->anchor;
		pr[n++][1] = q->b[k->by_last ? q->len - 2 : 1];
	}
	qsort(pr, n, 2, cmp_pair);
	/* the runs: anchor a[r], bytes lo[r] to hi[r] */
	unsigned char a[KEY_VECTORS], lo[KEY_VECTORS], hi[KEY_VECTORS];
	int nr = 0;
	for (size_t i = 0; i < n; i++) {
		if (nr && a[nr - 1] == pr[i][0] && hi[nr - 1] + 1 >= pr[i][1]) {
			if (pr[i][1] > hi[nr - 1]) /* (the run goes on, or had it) */
				hi[nr - 1] = pr[i][1];
			continue;
		}
		if (nr == KEY_VECTORS) {
			nr = 0; /* (too many: unchecked) */
			break;
		}
		a[nr] = pr[i][0];
		lo[nr] = hi[nr] = pr[i][1];
		nr++;
	}
	free(pr);
	for (int r = 0; r < nr; r++) {
		if (lo[r] == hi[r]) {
			k->one_a[k->none] = a[r];
			k->one_b[k->none++] = lo[r];
		} else {
			k->more_a[k->nmore] = a[r];
			k->more_lo[k->nmore] = lo[r];
			k->more_w[k->nmore++] = (unsigned char)(hi[r] - lo[r]);
		}
	}
	k->nfp = nr;
}

/* The key set of character kc (from a folded needle), or NULL when it is
 * U+FFFD (an invalid sequence folds to it too). */
static struct needle_key *key_set(ucs4_t kc)
{
	if (kc == 0xfffd)
		return NULL;
	ucs4_t tbuf[64], *t = tbuf;
	size_t nt = 0, cap = 64;
	if (kc >= HAN_LO && kc <= HAN_HI) {
		for (ucs4_t c = HAN_LO; c <= HAN_HI; c++)
			if (han_simplified(c) == kc) {
				if (nt == cap) {
					cap *= 2;
					t = t == tbuf ? memcpy(xmalloc(cap * sizeof(*t)), tbuf, sizeof(tbuf))
					              : xrealloc(t, cap * sizeof(*t));
				}
				t[nt++] = c;
			}
	} else {
		t[nt++] = kc;
	}
	uint8_t tu[64][4];
	int tl[64];
	size_t ntu = nt < 64 ? nt : 64;
	for (size_t i = 0; i < ntu; i++)
		tl[i] = u8_uctomb(tu[i], t[i], 4);
	struct needle_key *k = xcalloc(1, sizeof(*k));
	size_t cap_seq = 0;
	k->by_last = kc >= 0x80;
	/* T's members folding leaves alone */
	for (size_t i = 0; i < nt; i++) {
		uint32_t c = t[i];
		if (bsearch(&c, fold_inv, FOLD_INV_N, sizeof(fold_inv[0]), cmp_inv))
			continue;
		grow(&k->seq, &cap_seq, k->n_seq + 1, sizeof(*k->seq));
		struct key_seq q = { 0, 0, { 0 } };
		q.len = (uint8_t)u8_uctomb(q.b, t[i], 4);
		q.anchor = q.b[k->by_last ? q.len - 1 : 0];
		k->seq[k->n_seq++] = q;
	}
	/* the characters whose fold contains one of T */
	for (size_t j = 0; j < FOLD_INV_N; j++) {
		const char *f = fold_inv_text + fold_inv[j].at;
		bool has = false;
		for (size_t i = 0; i < nt && !has; i++) {
			uint8_t ub[4];
			int ul = i < ntu ? tl[i] : u8_uctomb(ub, t[i], 4);
			const uint8_t *u = i < ntu ? tu[i] : ub;
			char z[5] = { 0 };
			memcpy(z, u, (size_t)ul);
			has = strstr(f, z) != NULL;
		}
		if (!has)
			continue;
		grow(&k->seq, &cap_seq, k->n_seq + 1, sizeof(*k->seq));
		struct key_seq q = { 0, 0, { 0 } };
		q.len = (uint8_t)u8_uctomb(q.b, fold_inv[j].cp, 4);
		q.anchor = q.b[k->by_last ? q.len - 1 : 0];
		k->seq[k->n_seq++] = q;
	}
	if (t != tbuf)
		free(t);
	qsort(k->seq, k->n_seq, sizeof(*k->seq), cmp_seq);
	size_t i = 0;
	for (int b = 0; b < 256; b++) {
		k->first[b] = i;
		if (i < k->n_seq && k->seq[i].anchor == b) {
			if (k->nv < KEY_VECTORS)
				memset(k->want[k->nv], b, 16);
			k->anchor[b] = 1;
			k->anchors[k->nv++] = (unsigned char)b;
		}
		while (i < k->n_seq && k->seq[i].anchor == b)
			i++;
	}
	k->first[256] = k->n_seq;
	key_form_pairs(k);
	return k;
}

static void key_free(struct needle_key *k)
{
	if (k)
		free(k->seq);
	free(k);
}

static int bits_of(const unsigned char *set)
{
	int n = 0;
	for (int i = 0; i < 32; i++)
		n += __builtin_popcount(set[i]);
	return n;
}

/* Does a hold every byte b holds (both 32 bytes)? */
static bool holds(const unsigned char *a, const unsigned char *b)
{
	for (int i = 0; i < 32; i++)
		if ((a[i] & b[i]) != b[i])
			return false;
	return true;
}

/* Key k's checks (n_checks) from the needle's characters' bytes. */
static void key_set_checks(struct needle_key *k, const struct char_bytes *chars, size_t n)
{
	const unsigned char **c = xmalloc((2 * n + 1) * sizeof(*c));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		c[m++] = chars[i].first;
		c[m++] = chars[i].last;
	}
	/* fewest bytes first (insertion: a needle has few characters), each
	 * kept unless it holds one kept already */
	for (size_t i = 1; i < m; i++)
		for (size_t j = i; j > 0 && bits_of(c[j]) < bits_of(c[j - 1]); j--) {
			const unsigned char *x = c[j];
			c[j] = c[j - 1];
			c[j - 1] = x;
		}
	k->n_checks = 0;
	for (size_t i = 0; i < m && k->n_checks < SET_CHECKS; i++) {
		/* (a character with no form would rule every text out: none
		 * has, its own bytes being one, but it would be no check) */
		bool implied = bits_of(c[i]) == 0;
		for (int j = 0; j < k->n_checks && !implied; j++)
			implied = holds(c[i], (const unsigned char *)k->checks[j]);
		if (!implied)
			memcpy(k->checks[k->n_checks++], c[i], 32);
	}
	free(c);
}

/* The first and last bytes of the forms of key set k. */
static void char_bytes_of(const struct needle_key *k, struct char_bytes *cb)
{
	memset(cb, 0, sizeof(*cb));
	for (size_t i = 0; i < k->n_seq; i++) {
		const struct key_seq *q = &k->seq[i];
		SET_BIT(cb->first, q->b[0]);
		SET_BIT(cb->last, q->b[q->len - 1]);
	}
}

/* How often a character, as a key, is expected in a text: per cent of
 * bytes, roughly (English letter frequencies), plus its set's anchors
 * other than its own (C3 and E2 begin common accented letters and
 * punctuation). */
/* Latin letters per hundred (English's; French's are alike) */
static const double letter[26] = { 8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.8, 4.0, 2.4,
	                           6.7, 7.5,  1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0, 2.4, 0.15, 2.0, 0.07 };

/* The share of an ASCII key's places that its check on one side lets
 * through (key_pair's): those with the needle's letter there beside
 * them (its pair's bytes), or a byte of 0x80 and up (a few in a hundred
 * in a Latin text). */
static double side_share(const struct key_pair *q)
{
	double share = 0.03;
	for (int i = 0; i < q->np; i++) {
		unsigned char b = q->b[i];
		share += b >= 'a' && b <= 'z' ? letter[b - 'a'] / 100 : b >= 'A' && b <= 'Z' ? 0 : b == ' ' ? 0.16 : 0.02;
	}
	return share;
}

/* A form of a Latin letter of 0x80 and up (C3 xx: Latin-1's), per hundred
 * letters of a French text: é is common, ù is not; others rarer still. */
static double form_share(const struct key_seq *q)
{
	static const struct {
		unsigned char b, per;
	} latin1[] = { { 0xa9, 190 }, { 0xa8, 30 }, { 0xaa, 20 }, { 0xa0, 45 }, { 0xa2, 3 }, { 0xa7, 8 },
		       { 0xae, 3 },   { 0xaf, 1 },  { 0xb4, 2 },  { 0xb9, 3 },  { 0xbb, 2 }, { 0xbc, 1 },
		       { 0xab, 1 },   { 0x89, 2 },  { 0x80, 1 } };
	if (q->len == 2 && q->b[0] == 0xc3)
		for (size_t i = 0; i < sizeof(latin1) / sizeof(latin1[0]); i++)
			if (q->b[1] == latin1[i].b)
				return latin1[i].per / 100.0;
	return 0.002;
}

/* What the scan for key k (of character c) is expected to stop at, per
 * hundred characters: c's frequency (when it is ASCII, the share its
 * checks on either side let through: key_pair), and its other forms'
 * (each form's own when they are checked, else whatever their anchors
 * stop at). */
/* What a Chinese character costs as a key, per hundred characters: the
 * hundred most frequent in modern Chinese (Jun Da's list of character
 * frequencies, in its order: 的 about 4 in a hundred) cost 4 / rank more
 * than the others, so that 双方在互联互通领域 is keyed on 互 and not on 方
 * or 在. */
static double han_cost(ucs4_t c)
{
	static const char common[] = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能"
	                             "而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当"
	                             "没动面起看定天分还进好小部其些主样理心她本前开但因只从想实";
	const uint8_t *p = (const uint8_t *)common, *end = p + sizeof(common) - 1;
	for (int rank = 1; p < end; rank++) {
		ucs4_t d;
		int l = u8_mbtouc(&d, p, (size_t)(end - p));
		if (d == c)
			return 0.2 + 4.0 / rank;
		p += l > 0 ? l : 1;
	}
	return 0.2;
}

static double key_cost(ucs4_t c, const struct needle_key *k)
{
	double share = 1;
	for (int j = 0; j < k->npair; j++)
		share *= side_share(&k->pair[j]);
	/* (Russian's letters, а to я, per hundred: a Russian word is keyed
	 * on its rarest, not its first, as Cyrillic's all cost the same) */
	static const double cyr[32] = { 8.0, 1.6, 4.5, 1.7, 3.0, 8.5, 0.9, 1.7, 7.4, 1.2, 3.5, 4.4, 3.2, 6.7, 11.0, 2.8,
	                                4.7, 5.5, 6.3, 2.6, 0.3, 1.0, 0.5, 1.4, 0.7, 0.4, 0.04, 1.9, 1.7, 0.3, 0.6, 2.0 };
	double cost = c >= 'a' && c <= 'z' ? letter[c - 'a'] * share
	              : c == ' '           ? 16 * (0.3 + share) /* (between two words of a script not Latin: any) */
	              : c >= '0' && c <= '9' ? 0.6 * share
	              : c < 0x80           ? 1.0 * share
	              : c >= 0x430 && c <= 0x44f ? cyr[c - 0x430]
	              : c >= HAN_LO && c <= HAN_HI ? han_cost(c)
	                                   : 0.4;
	uint8_t own[4];
	int l = u8_uctomb(own, c, 4);
	uint8_t mine = own[k->by_last ? l - 1 : 0];
	/* the other forms: each its own when the byte beside its anchor is
	 * checked too (key_form_pairs), else each other anchor what it
	 * stops at (C3 is the lead of é, à; E2 of the typographic quotes and
	 * dashes) */
	if (k->nfp) {
		for (size_t i = 0; i < k->n_seq; i++) {
			const struct key_seq *q = &k->seq[i];
			if (q->len >= 2 && !(q->len == (size_t)l && memcmp(q->b, own, (size_t)l) == 0))
				cost += form_share(q);
		}
		return cost;
	}
	for (int i = 0; i < k->nv; i++)
		if (k->anchors[i] >= 0x80 && k->anchors[i] != mine)
			cost += !k->by_last && (k->anchors[i] == 0xc3 || k->anchors[i] == 0xe2) ? 3.0 : 0.3;
	return cost;
}

/* The checks of key k of folded needle s (n bytes), besides the forms'
 * pairs (key_form_pairs, with its set): when K is ASCII, one for each
 * character the needle has beside it, none when an ASCII byte folds to
 * nothing (it could stand between K and its neighbour). */
static void key_pair(struct needle_key *k, const char *s, size_t n)
{
	if (k->nv > KEY_VECTORS)
		return;
	for (int i = 0; i < k->nv; i++) {
		if (k->anchors[i] < 0x80)
			k->asc[k->nasc++] = k->anchors[i];
		else
			k->non[k->nnon++] = k->anchors[i];
	}
	if (k->by_last || k->len != 1 || n < 2)
		return;
	const int sides[2] = { 1, -1 };
	for (int side = 0; side < 2; side++) {
		int d = sides[side];
		if (d > 0 ? k->at + 1 >= n : k->at == 0)
			continue;
		struct key_pair *q = &k->pair[k->npair];
		unsigned char want = (unsigned char)s[(size_t)((ptrdiff_t)k->at + d)];
		q->d = d;
		q->np = 0;
		for (int b = 1; b < 0x80; b++) {
			char c = (char)b, f[FOLD_CHAR_MAX];
			size_t fl;
			fold_char(&c, 1, f, &fl);
			if (fl == 0 || (fl == 1 && (unsigned char)f[0] == want)) {
				if (fl == 0 || q->np == (int)sizeof(q->b)) {
					k->npair = 0; /* (folds to nothing, or too many: no check) */
					return;
				}
				q->b[q->np++] = (unsigned char)b;
			}
		}
		k->npair++;
	}
}

static void key_vectors(struct needle_key *k)
{
	struct key_vectors *v = &k->v;
	for (int i = 0; i < k->nasc; i++)
		memset(v->asc[i], k->asc[i], 32);
	for (int i = 0; i < k->nnon; i++)
		memset(v->non[i], k->non[i], 32);
	for (int j = 0; j < k->npair; j++)
		for (int i = 0; i < k->pair[j].np; i++)
			memset(v->pair[j][i], k->pair[j].b[i], 32);
	for (int i = 0; i < k->none; i++) {
		memset(v->one_a[i], k->one_a[i], 32);
		memset(v->one_b[i], k->one_b[i], 32);
	}
	for (int i = 0; i < k->nmore; i++) {
		memset(v->more_a[i], k->more_a[i], 32);
		memset(v->more_lo[i], k->more_lo[i], 32);
		memset(v->more_w[i], k->more_w[i], 32);
	}
	/* (runs in the order of their anchors, as non[] is: key_form_pairs;
	 * one that is not would be left out, and the forms then go
	 * unchecked, as when they are too many) */
	int o = 0, m = 0;
	for (int i = 0; i < k->nnon; i++) {
		while (o < k->none && k->one_a[o] == k->non[i])
			o++;
		while (m < k->nmore && k->more_a[m] == k->non[i])
			m++;
		k->one_end[i] = (unsigned char)o;
		k->more_end[i] = (unsigned char)m;
	}
	if (o != k->none || m != k->nmore)
		k->nfp = k->none = k->nmore = 0;
	v->two = k->nasc <= 2;
	for (int i = 0; i < 2 && k->nasc; i++)
		memset(v->asc2[i], k->asc[i < k->nasc ? i : 0], 32);
	for (int j = 0; j < k->npair; j++) {
		v->two = v->two && k->pair[j].np >= 1 && k->pair[j].np <= 2;
		for (int i = 0; i < 2 && k->pair[j].np; i++)
			memset(v->pair2[j][i], k->pair[j].b[i < k->pair[j].np ? i : 0], 32);
	}
}


/* The sets of key k's checks (pair_ok, form_of, form_ok). */
static void key_checks(struct needle_key *k)
{
	memset(k->pair_ok, 0, sizeof(k->pair_ok));
	memset(k->form_ok, 0, sizeof(k->form_ok));
	memset(k->form_of, 0, sizeof(k->form_of));
	for (int j = 0; j < k->npair; j++) {
		for (int b = 0x80; b < 0x100; b++)
			SET_BIT(k->pair_ok[j], b);
		for (int i = 0; i < k->pair[j].np; i++)
			SET_BIT(k->pair_ok[j], k->pair[j].b[i]);
	}
	for (int i = 0; i < k->nnon; i++) {
		unsigned char c = k->non[i], *ok = k->form_ok[i];
		k->form_of[c] = (unsigned char)i;
		if (!k->nfp)
			memset(ok, 0xff, 32);
		for (int r = 0; r < k->none; r++)
			if (k->one_a[r] == c)
				SET_BIT(ok, k->one_b[r]);
		for (int r = 0; r < k->nmore; r++)
			for (int b = k->more_lo[r]; k->more_a[r] == c && b <= k->more_lo[r] + k->more_w[r]; b++)
				SET_BIT(ok, b);
	}
}

/* The needle's key: none when folding's table is not of the libunistring
 * in use, or when its only characters are U+FFFD.  (One that can overlap
 * itself has one too, said: border.) */
static struct needle_key *needle_key(const char *s, size_t n, double *cost)
{
	*cost = 1e9;
	if (!n || _libunistring_version != FOLD_INV_UNISTRING)
		return NULL;
	size_t *pi = xmalloc(n * sizeof(*pi)), b = 0;
	pi[0] = 0;
	for (size_t i = 1; i < n; i++) {
		while (b && s[i] != s[b])
			b = pi[b - 1];
		if (s[i] == s[b])
			b++;
		pi[i] = b;
	}
	bool border = pi[n - 1] != 0;
	free(pi);
	struct needle_key *best = NULL;
	double best_cost = 0;
	struct char_bytes *chars = NULL;
	size_t n_chars = 0, cap_chars = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (l < 1)
			l = 1;
		bool seen = false; /* the first of its kind only */
		for (size_t j = 0; j < i && !seen;) {
			ucs4_t d;
			int m = u8_mbtouc(&d, (const uint8_t *)s + j, n - j);
			seen = d == c;
			j += m > 0 ? (size_t)m : 1;
		}
		struct needle_key *k = seen ? NULL : key_set(c);
		if (k) {
			grow(&chars, &cap_chars, n_chars + 1, sizeof(*chars));
			char_bytes_of(k, &chars[n_chars++]);
			k->at = i;
			k->len = (size_t)l;
			key_pair(k, s, n);
			key_vectors(k);
			key_checks(k);
			double cost = key_cost(c, k);
			if (!best || cost < best_cost) {
				key_free(best);
				best = k;
				best_cost = cost;
			} else {
				key_free(k);
			}
		}
		i += (size_t)l;
	}
	if (best) {
		*cost = best_cost;
		best->border = border;
		key_set_checks(best, chars, n_chars);
		best->self_folds = true;
		for (size_t i = 0; i < n && best->self_folds;) {
			char buf[FOLD_CHAR_MAX];
			size_t fl, l = fold_char(s + i, n - i, buf, &fl);
			best->self_folds = fl == l && memcmp(buf, s + i, l) == 0;
			i += l;
		}
	}
	free(chars);
	return best;
}

void needle_init(struct needle *nd, const char *text)
{
	nd->folded = fold_dup(text, strlen(text));
	nd->n = strlen(nd->folded);
	nd->key = needle_key(nd->folded, nd->n, &nd->cost);
}

bool needle_can_overlap(const struct needle *nd)
{
	/* (one without a key: not known, and so it may) */
	return !nd->key || nd->key->border;
}

void needle_free(struct needle *nd)
{
	free(nd->folded);
	key_free(nd->key);
	memset(nd, 0, sizeof(*nd));
}

bool needle_in_folded(const struct needle *nd, const struct folded *f)
{
	size_t s, e;
	return nd->n && fold_find(f, nd->folded, nd->n, 0, &s, &e) != (size_t)-1;
}

/* --- one text, a window at a time ----------------------------------------
 *
 * A long text is never folded whole: a byte map of 100 MB of text would
 * take 800 MB.  It is folded a window at a time: the window's own part
 * [lo, hi), then past hi until nd->n folded bytes lie beyond it, so that a
 * match starting in the window's own part is whole in the fold.  Folding
 * is per code point, so what a window holds is what the whole text folded
 * would hold there, and the spans are those fold_find gives. */
static size_t window_bytes = (size_t)1 << 20;

void search_set_window(size_t bytes)
{
	window_bytes = bytes ? bytes : (size_t)1 << 20;
}

/* Code point boundaries, as folding decodes (fold.c: u8_mbtouc, which
 * takes an invalid sequence's longest valid start as one character).
 * Where the character holding byte p starts: p itself unless p is a
 * continuation byte that the decoding from the lead byte before it (at
 * most three bytes back) takes; a decoding always restarts at a byte that
 * is not a continuation byte. */
static size_t char_start(const char *t, size_t n, size_t p)
{
	if (p >= n || ((unsigned char)t[p] & 0xC0) != 0x80)
		return p;
	size_t q = p;
	while (q > 0 && p - q < 3 && ((unsigned char)t[q] & 0xC0) == 0x80)
		q--;
	if (((unsigned char)t[q] & 0xC0) == 0x80)
		return p;
	ucs4_t uc;
	int l = u8_mbtouc(&uc, (const uint8_t *)t + q, n - q);
	return l > 0 && (size_t)l > p - q ? q : p;
}

/* The first character boundary at or after p. */
static size_t cp_forward(const char *t, size_t n, size_t p)
{
	size_t q = char_start(t, n, p);
	if (q == p)
		return p;
	ucs4_t uc;
	return q + (size_t)u8_mbtouc(&uc, (const uint8_t *)t + q, n - q);
}

/* The last character boundary at or before p (p <= the text's length). */
static size_t cp_back(const char *t, size_t n, size_t p)
{
	return char_start(t, n, p);
}

/* p + d, at most n, on a code point boundary. */
static size_t cp_ahead(const char *t, size_t n, size_t p, size_t d)
{
	return cp_forward(t, n, n - p > d ? p + d : n);
}

/* text[lo, hi) folded into *f (map offsets are the text's), *core its
 * folded length, then more: nlen folded bytes past hi at least, and with
 * a map up to a code point that folds to something (or the text's end),
 * so that a match ending at the last byte ends where the whole text's map
 * says (the marks after it are its own). */
static void fold_window(struct folded *f, size_t *core, const char *text, size_t n, size_t lo, size_t hi,
                        size_t nlen, bool map)
{
	fold_text(f, "", 0, map);
	fold_more(f, text + lo, hi - lo, lo);
	*core = f->n;
	size_t p = hi, step = 4 * nlen + 16;
	while (p < n && f->n - *core < nlen) {
		size_t q = cp_ahead(text, n, p, step);
		fold_more(f, text + p, q - p, p);
		p = q;
		step *= 2;
	}
	while (map && p < n) {
		size_t q = cp_ahead(text, n, p, 1), before = f->n;
		fold_more(f, text + p, q - p, p);
		if (f->n > before) { /* it produces: the end is where it starts */
			f->n = before;
			f->s[before] = '\0';
			f->map[before] = p;
			break;
		}
		p = q;
	}
}

/* The source span of the match at folded offset at, as fold_find gives. */
static void span_at(const struct folded *f, size_t at, size_t nlen, size_t *s, size_t *e)
{
	size_t last = at + nlen - 1, j = last + 1;
	while (j < f->n && f->map[j] == f->map[last])
		j++;
	*s = f->map[at];
	*e = f->map[j];
}

/* The first match at or after folded offset from in f, or (size_t)-1. */
static size_t find_from(const struct folded *f, const struct needle *nd, size_t from)
{
	if (from > f->n)
		return (size_t)-1;
	const char *hit = fold_memfind(f->s + from, f->n - from, nd->folded, nd->n);
	return hit ? (size_t)(hit - f->s) : (size_t)-1;
}

/* The window [lo, hi) of text folded, and the first match of nd at or
 * after folded offset from: when there is one (below *core), f holds the
 * window folded again with its map (the caller frees it) and the match's
 * folded offset is returned; else f is freed and *core or more returned.
 * The map, which costs 8 bytes a byte, is made only for a window with a
 * match. */
static size_t mapped_window(struct folded *f, size_t *core, const char *text, size_t n, size_t lo, size_t hi,
                            const struct needle *nd, size_t from)
{
	fold_window(f, core, text, n, lo, hi, nd->n, false);
	size_t at = find_from(f, nd, from);
	folded_free(f);
	if (at < *core)
		fold_window(f, core, text, n, lo, hi, nd->n, true);
	return at;
}

/* --- scanning for the key set ---------------------------------------------- */

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PARLEY_SCALAR_SCAN)
#define SCAN_AVX2 1
#include <immintrin.h>

/* AVX2, on the processors that have it: 64 bytes at a time compared with
 * each anchor; where the first that matched is, else where the last 64
 * bytes of t[p, n) begin (the rest is left to next_anchor's other ways). */
__attribute__((target("avx2"))) static size_t anchor_avx2(const struct needle_key *k, const uint8_t *t, size_t n,
                                                          size_t p)
{
	__m256i want[KEY_VECTORS];
	for (int i = 0; i < k->nv; i++)
		want[i] = _mm256_set1_epi8((char)k->anchors[i]);
	for (; p + 64 <= n; p += 64) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(t + p));
		__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + 32));
		__m256i ma = _mm256_cmpeq_epi8(a, want[0]), mb = _mm256_cmpeq_epi8(b, want[0]);
		for (int i = 1; i < k->nv; i++) {
			ma = _mm256_or_si256(ma, _mm256_cmpeq_epi8(a, want[i]));
			mb = _mm256_or_si256(mb, _mm256_cmpeq_epi8(b, want[i]));
		}
		uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(ma)
		             | (uint64_t)(uint32_t)_mm256_movemask_epi8(mb) << 32;
		if (m)
			return p + (size_t)__builtin_ctzll(m);
	}
	return p;
}

/* The 32 bytes at t: the sign bit set where each is 0x80 and up, or x or
 * y (an ASCII anchor's pair, check_avx2's two). */
__attribute__((target("avx2"))) static inline __m256i beside2(const uint8_t *t, __m256i x, __m256i y)
{
	__m256i nt = _mm256_loadu_si256((const __m256i *)(const void *)t);
	return _mm256_or_si256(nt, _mm256_or_si256(_mm256_cmpeq_epi8(nt, x), _mm256_cmpeq_epi8(nt, y)));
}

/* The key's vectors that check_avx2 holds in registers (v->two). */
struct key_regs {
	__m256i a0, a1, p00, p01, p10, p11;
};

__attribute__((target("avx2"))) static inline struct key_regs key_regs(const struct needle_key *k)
{
#define KV(x) _mm256_loadu_si256((const __m256i *)(const void *)(x))
	const struct key_vectors *v = &k->v;
	return (struct key_regs){ KV(v->asc2[0]), KV(v->asc2[1]), KV(v->pair2[0][0]), KV(v->pair2[0][1]),
		                  KV(v->pair2[1][0]), KV(v->pair2[1][1]) };
}

/* The 64 bytes at t + p with the key's checks: a bit set for each that
 * counts, from t + p.  An ASCII anchor counts only with a byte of each
 * pair, or of 0x80 and up, beside it; one that is not ASCII only with the
 * byte a form has beside it (the forms' pairs), when they were few
 * enough.  Reads t[p - 1, p + 65) (p >= 1 when a check is before). */
__attribute__((target("avx2"), always_inline)) static inline uint64_t block_avx2(const struct needle_key *k,
                                                                                 const uint8_t *t, size_t p,
                                                                                 const struct key_regs *r)
{
	const struct key_vectors *v = &k->v;
	const ptrdiff_t fd = k->fp_d;
	const __m256i zero = _mm256_setzero_si256();
	/* (v->two: held in registers, the loops below unrolled) */
	const bool two = v->two;
	const int nasc = k->nasc, npair = k->npair;
	const ptrdiff_t d0 = npair > 0 ? k->pair[0].d : 0, d1 = npair > 1 ? k->pair[1].d : 0;
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(t + p));
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + 32));
	__m256i ka = zero, kb = zero;
	if (two) {
		if (nasc) {
			ka = _mm256_or_si256(_mm256_cmpeq_epi8(a, r->a0), _mm256_cmpeq_epi8(a, r->a1));
			kb = _mm256_or_si256(_mm256_cmpeq_epi8(b, r->a0), _mm256_cmpeq_epi8(b, r->a1));
		}
		if (npair > 0) {
			ka = _mm256_and_si256(ka, beside2(t + p + d0, r->p00, r->p01));
			kb = _mm256_and_si256(kb, beside2(t + p + 32 + d0, r->p00, r->p01));
		}
		if (npair > 1) {
			ka = _mm256_and_si256(ka, beside2(t + p + d1, r->p10, r->p11));
			kb = _mm256_and_si256(kb, beside2(t + p + 32 + d1, r->p10, r->p11));
		}
	}
	for (int i = 0; !two && i < k->nasc; i++) {
		ka = _mm256_or_si256(ka, _mm256_cmpeq_epi8(a, KV(v->asc[i])));
		kb = _mm256_or_si256(kb, _mm256_cmpeq_epi8(b, KV(v->asc[i])));
	}
	for (int j = 0; !two && j < k->npair; j++) { /* (a branch here would be mispredicted often) */
		/* beside: its sign bit set (0x80 and up) or one of the pair */
		const ptrdiff_t d = k->pair[j].d;
		__m256i na = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + d));
		__m256i nb = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + 32 + d));
		__m256i oa = na, ob = nb;
		for (int i = 0; i < k->pair[j].np; i++) {
			oa = _mm256_or_si256(oa, _mm256_cmpeq_epi8(na, KV(v->pair[j][i])));
			ob = _mm256_or_si256(ob, _mm256_cmpeq_epi8(nb, KV(v->pair[j][i])));
		}
		/* (only the sign bits count: movemask below) */
		ka = _mm256_and_si256(ka, oa);
		kb = _mm256_and_si256(kb, ob);
	}
	if (k->nfp && !k->by_last) {
		/* the forms': an anchor and the byte beside it in a form; an
		 * ASCII key's anchors are lead bytes, and a script's lead
		 * bytes are in most blocks or in none: the runs of an anchor
		 * looked at only where the block has it (a French text has
		 * C3, é's, and not the other anchors of o's forms, C5 to C8
		 * and E1) */
		__m256i na = zero, nb = zero;
		bool loaded = false;
		for (int i = 0, o = 0, m = 0; i < k->nnon; o = k->one_end[i], m = k->more_end[i], i++) {
			__m256i ea = _mm256_cmpeq_epi8(a, KV(v->non[i])), eb = _mm256_cmpeq_epi8(b, KV(v->non[i]));
			__m256i e = _mm256_or_si256(ea, eb);
			if (_mm256_testz_si256(e, e))
				continue;
			if (!loaded) {
				na = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + fd));
				nb = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + 32 + fd));
				loaded = true;
			}
			__m256i oa = zero, ob = zero;
			for (; o < k->one_end[i]; o++) {
				oa = _mm256_or_si256(oa, _mm256_cmpeq_epi8(na, KV(v->one_b[o])));
				ob = _mm256_or_si256(ob, _mm256_cmpeq_epi8(nb, KV(v->one_b[o])));
			}
			for (; m < k->more_end[i]; m++) {
				/* in the run: its distance from the run's first at
				 * most the run's width */
				__m256i da = _mm256_sub_epi8(na, KV(v->more_lo[m])), db = _mm256_sub_epi8(nb, KV(v->more_lo[m]));
				oa = _mm256_or_si256(oa, _mm256_cmpeq_epi8(_mm256_min_epu8(da, KV(v->more_w[m])), da));
				ob = _mm256_or_si256(ob, _mm256_cmpeq_epi8(_mm256_min_epu8(db, KV(v->more_w[m])), db));
			}
			ka = _mm256_or_si256(ka, _mm256_and_si256(ea, oa));
			kb = _mm256_or_si256(kb, _mm256_and_si256(eb, ob));
		}
		return (uint64_t)(uint32_t)_mm256_movemask_epi8(ka) | (uint64_t)(uint32_t)_mm256_movemask_epi8(kb) << 32;
	}
	bool forms = k->nfp > 0;
	if (forms) {
		/* (most blocks have none of the forms' anchors: a Cyrillic
		 * key's in a Latin text; in a Cyrillic one each anchor, a
		 * last byte, is in a block or not as it happens, and all the
		 * runs are looked at in a block that has one) */
		__m256i any = zero;
		for (int i = 0; i < k->nnon; i++)
			any = _mm256_or_si256(any, _mm256_or_si256(_mm256_cmpeq_epi8(a, KV(v->non[i])),
			                                           _mm256_cmpeq_epi8(b, KV(v->non[i]))));
		forms = !_mm256_testz_si256(any, any);
	}
	if (forms) {
		/* the forms': an anchor and the byte beside it in a form */
		__m256i na = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + fd));
		__m256i nb = _mm256_loadu_si256((const __m256i *)(const void *)(t + p + 32 + fd));
		for (int i = 0; i < k->none; i++) {
			ka = _mm256_or_si256(ka, _mm256_and_si256(_mm256_cmpeq_epi8(a, KV(v->one_a[i])),
			                                          _mm256_cmpeq_epi8(na, KV(v->one_b[i]))));
			kb = _mm256_or_si256(kb, _mm256_and_si256(_mm256_cmpeq_epi8(b, KV(v->one_a[i])),
			                                          _mm256_cmpeq_epi8(nb, KV(v->one_b[i]))));
		}
		for (int i = 0; i < k->nmore; i++) {
			/* in the run: its distance from the run's first at most
			 * the run's width */
			__m256i da = _mm256_sub_epi8(na, KV(v->more_lo[i])), db = _mm256_sub_epi8(nb, KV(v->more_lo[i]));
			ka = _mm256_or_si256(ka, _mm256_and_si256(_mm256_cmpeq_epi8(a, KV(v->more_a[i])),
			                                          _mm256_cmpeq_epi8(_mm256_min_epu8(da, KV(v->more_w[i])), da)));
			kb = _mm256_or_si256(kb, _mm256_and_si256(_mm256_cmpeq_epi8(b, KV(v->more_a[i])),
			                                          _mm256_cmpeq_epi8(_mm256_min_epu8(db, KV(v->more_w[i])), db)));
		}
	} else if (!k->nfp) {
		for (int i = 0; i < k->nnon; i++) {
			ka = _mm256_or_si256(ka, _mm256_cmpeq_epi8(a, KV(v->non[i])));
			kb = _mm256_or_si256(kb, _mm256_cmpeq_epi8(b, KV(v->non[i])));
		}
	}
	return (uint64_t)(uint32_t)_mm256_movemask_epi8(ka) | (uint64_t)(uint32_t)_mm256_movemask_epi8(kb) << 32;
}

/* The first byte at or after p that counts (block_avx2), 64 bytes at a
 * time while 65 are left, else n, *stop where the rest begins. */
__attribute__((target("avx2"))) static size_t check_avx2(const struct needle_key *k, const uint8_t *t, size_t n,
                                                         size_t p, size_t *stop, struct scan *sc)
{
	const struct key_regs r = key_regs(k);
	for (; p + 65 <= n; p += 64) {
		uint64_t m = block_avx2(k, t, p, &r);
		if (m) {
			if (sc) /* (the block's others, for the calls that follow) */
				*sc = (struct scan){ p, m };
			return p + (size_t)__builtin_ctzll(m);
		}
	}
	*stop = p;
	return n;
}

/* The same checks of one anchor, at p of t[0, n), taken alone: nothing is
 * before the text nor after it, and a check that looks there fails, but
 * at the text's first byte, which counts (as next_anchor has it). */
static bool counts_at(const struct needle_key *k, const uint8_t *t, size_t n, size_t p)
{
	if (p == 0)
		return true;
	uint8_t c = t[p];
	if (c >= 0x80) {
		size_t at = p + (size_t)(ptrdiff_t)k->fp_d;
		return at < n ? HAS_BIT(k->form_ok[k->form_of[c]], t[at]) : !k->nfp;
	}
	for (int j = 0; j < k->npair; j++) {
		size_t at = p + (size_t)(ptrdiff_t)k->pair[j].d; /* (p >= 1: d is 1 or -1) */
		if (at >= n || !HAS_BIT(k->pair_ok[j], t[at]))
			return false;
	}
	return true;
}

/* The anchors among the 32 (16) bytes at t: a bit each, from t. */
__attribute__((target("avx2"))) static uint64_t anchors32(const struct needle_key *k, const uint8_t *t)
{
	__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)t), m = _mm256_setzero_si256();
	for (int i = 0; i < k->nasc; i++)
		m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, KV(k->v.asc[i])));
	for (int i = 0; i < k->nnon; i++)
		m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, KV(k->v.non[i])));
	return (uint32_t)_mm256_movemask_epi8(m);
}

__attribute__((target("avx2"))) static uint64_t anchors16(const struct needle_key *k, const uint8_t *t)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)t), m = _mm_setzero_si128();
	for (int i = 0; i < k->nasc; i++)
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_loadu_si128((const __m128i *)(const void *)k->v.asc[i])));
	for (int i = 0; i < k->nnon; i++)
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_loadu_si128((const __m128i *)(const void *)k->v.non[i])));
	return (uint32_t)_mm_movemask_epi8(m);
}

/* The anchors among t[0, n), n <= 64: a bit each. */
__attribute__((target("avx2"))) static uint64_t anchors_in(const struct needle_key *k, const uint8_t *t, size_t n)
{
	if (n >= 32)
		return anchors32(k, t) | anchors32(k, t + n - 32) << (n - 32);
	if (n >= 16)
		return anchors16(k, t) | anchors16(k, t + n - 16) << (n - 16);
	uint64_t m = 0;
	for (size_t i = 0; i < n; i++)
		m |= (uint64_t)k->anchor[t[i]] << i;
	return m;
}

/* The first byte of t[p, n) that counts (n: none), p < n and fewer than
 * 65 bytes left, read by vectors that end at n, never past it (a copy for them
 * cost more: its loads waited on the stores that made it).  In a text of
 * 66 bytes and more, the 64 before the last with their checks, then the
 * last alone; in a shorter one, its anchors (from vectors that overlap),
 * each then checked alone; byte by byte below 16 bytes. */
__attribute__((target("avx2"))) static size_t check_tail(const struct needle_key *k, const uint8_t *t, size_t n,
                                                         size_t p)
{
	if (n >= 66) {
		/* (p >= n - 64: bits from it; none at p = n - 1) */
		size_t base = n - 65;
		const struct key_regs r = key_regs(k);
		uint64_t m = p - base < 64 ? block_avx2(k, t, base, &r) & (~(uint64_t)0 << (p - base)) : 0;
		if (m)
			return base + (size_t)__builtin_ctzll(m);
		return k->anchor[t[n - 1]] && counts_at(k, t, n, n - 1) ? n - 1 : n;
	}
	/* (n <= 65: the first 64 bytes, then the 65th) */
	uint64_t m = p < 64 ? anchors_in(k, t, n < 64 ? n : 64) & (~(uint64_t)0 << p) : 0;
	for (; m; m &= m - 1) {
		size_t q = (size_t)__builtin_ctzll(m);
		if (counts_at(k, t, n, q))
			return q;
	}
	return n == 65 && k->anchor[t[64]] && counts_at(k, t, n, 64) ? 64 : n;
#undef KV
}

static bool has_avx2(void)
{
	static int known; /* 0 not asked, 1 no, 2 yes (the same answer on any thread) */
	int v = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (!v) {
		__builtin_cpu_init();
		v = __builtin_cpu_supports("avx2") ? 2 : 1;
		__atomic_store_n(&known, v, __ATOMIC_RELAXED);
	}
	return v == 2;
}

/* Has key k checks beside its anchors (block_avx2's, check_tail's), and
 * is there AVX2 to make them with? */
static bool checks_avx2(const struct needle_key *k)
{
	return (k->npair || k->nfp) && has_avx2();
}
#endif

/* The first byte at or after p that is an anchor of the key set (n:
 * none): memchr for one, else 64 bytes at a time compared with each (AVX2
 * where the processor has it), 64 then 16 (vectors of GCC and clang),
 * else byte by byte. */
static size_t next_anchor(const struct needle_key *k, const uint8_t *t, size_t n, size_t p, struct scan *sc)
{
#ifdef SCAN_AVX2
	if (sc && sc->bits && p >= sc->at && p - sc->at < 64) {
		uint64_t m = sc->bits & (~(uint64_t)0 << (p - sc->at));
		if (m)
			return sc->at + (size_t)__builtin_ctzll(m);
		p = sc->at + 64; /* (looked at already: none there) */
	}
	if (p + 65 <= n && checks_avx2(k)) {
		/* (nothing before the first byte: a check that looks there) */
		if (p == 0 && ((k->npair && k->pair[k->npair - 1].d < 0) || (k->nfp && k->fp_d < 0))) {
			if (k->anchor[t[0]])
				return 0;
			p = 1;
		}
		size_t stop = p, q = check_avx2(k, t, n, p, &stop, sc);
		if (q < n)
			return q;
		p = stop;
	}
	if (p < n && p + 65 > n && checks_avx2(k)) {
		/* the last bytes (a short text's all), checked the same */
		if (sc)
			sc->bits = 0;
		return check_tail(k, t, n, p);
	}
#endif
	if (k->nv == 1) {
		const uint8_t *c = p < n ? memchr(t + p, k->anchors[0], n - p) : NULL;
		return c ? (size_t)(c - t) : n;
	}
#ifdef SCAN_AVX2
	if (k->nv <= KEY_VECTORS && p + 64 <= n && has_avx2()) {
		p = anchor_avx2(k, t, n, p);
		if (p + 64 <= n)
			return p;
	}
#endif
#if defined(__GNUC__) && !defined(PARLEY_SCALAR_SCAN)
	typedef unsigned char v16 __attribute__((vector_size(16)));
	if (k->nv <= KEY_VECTORS) {
		v16 want[KEY_VECTORS];
		memcpy(want, k->want, (size_t)k->nv * sizeof(want[0])); /* (the rest unused) */
		for (; p + 64 <= n; p += 64) {
			v16 x[4];
			memcpy(x, t + p, 64);
			__typeof__(x[0] == want[0]) m = (x[0] == want[0]) | (x[1] == want[0]) | (x[2] == want[0])
			                                | (x[3] == want[0]);
			for (int i = 1; i < k->nv; i++)
				m |= (x[0] == want[i]) | (x[1] == want[i]) | (x[2] == want[i]) | (x[3] == want[i]);
			uint64_t any[2];
			memcpy(any, &m, 16);
			if (any[0] | any[1])
				break;
		}
		for (; p + 16 <= n; p += 16) {
			v16 x;
			memcpy(&x, t + p, 16);
			__typeof__(x == want[0]) m = x == want[0];
			for (int i = 1; i < k->nv; i++)
				m |= x == want[i];
			uint64_t any[2];
			memcpy(any, &m, 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the first byte that matched: its 0xff is the lowest */
			if (any[0])
				return p + (size_t)__builtin_ctzll(any[0]) / 8;
			if (any[1])
				return p + 8 + (size_t)__builtin_ctzll(any[1]) / 8;
#else
			if (any[0] | any[1])
				break;
#endif
		}
	}
#endif
	for (; p < n; p++)
		if (k->anchor[t[p]])
			return p;
	return n;
}

/* The next character of the key set at or after p (n: none), *len its
 * length. */
static size_t next_cand(const struct needle_key *k, const uint8_t *t, size_t n, size_t p, size_t *len,
                        struct scan *sc)
{
	for (; (p = next_anchor(k, t, n, p, sc)) < n; p++) {
		if (t[p] < 0x80) { /* an ASCII one is its own form */
			*len = 1;
			return p;
		}
		for (size_t i = k->first[t[p]]; i < k->first[t[p] + 1]; i++) {
			const struct key_seq *q = &k->seq[i];
			size_t at = k->by_last ? p + 1 - q->len : p;
			if ((k->by_last ? p + 1 >= q->len : n - p >= q->len) && memcmp(t + at, q->b, q->len) == 0) {
				*len = q->len;
				return at;
			}
		}
	}
	return n;
}

/* An ASCII character of the key set (it is K) at p, the text all ASCII
 * around it: is the needle there, key at p?  1 yes, the match being
 * needle-long from p - at (nothing after it that folds to nothing); 0 no;
 * -1 not known without folding.  Outward from p: a byte compared is
 * decisive when those between it and p are ASCII (one folded byte each). */
static int ascii_at(const struct needle *nd, const uint8_t *t, size_t n, size_t p)
{
	size_t at = nd->key->at;
	const uint8_t *f = (const uint8_t *)nd->folded;
	for (size_t j = 1; at + j < nd->n; j++) {
		if (p + j >= n)
			return 0;
		uint8_t c = t[p + j];
		if (c >= 0x80)
			return -1;
		if (((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c) != f[at + j])
			return 0;
	}
	for (size_t j = 1; j <= at; j++) {
		if (p < j)
			return 0;
		uint8_t c = t[p - j];
		if (c >= 0x80)
			return -1;
		if (((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c) != f[at - j])
			return 0;
	}
	size_t end = p - at + nd->n;
	return end == n || t[end] < 0x80 ? 1 : -1;
}

/* The same for any character of the key set at p, the needle compared
 * with the folds of the characters out from it, one at a time: 1 yes, the
 * match spanning source bytes [*s, *e) (from the character that gives its
 * first folded byte, to after the one that gives its last and the marks
 * after it that fold to nothing, as span_at has it); 0 no; -1 not known
 * (the character's fold is more than K, which may then be anywhere in it,
 * or a fold is longer than FOLD_CHAR_MAX). */
static int folds_at(const struct needle *nd, const char *text, size_t n, size_t p, size_t *s, size_t *e)
{
	const char *f = nd->folded;
	size_t at = nd->key->at, fl, kl = nd->key->len;
	char buf[FOLD_CHAR_MAX];
	/* (a character with the bytes of the needle's there, when each of
	 * the needle's folds to itself: that character folded, unfolded
	 * here; most of a match's and of a near miss's are) */
	const bool raw = nd->key->self_folds;
	size_t q;
	if (raw && kl <= n - p && memcmp(text + p, f + at, kl) == 0) {
		q = p + kl;
	} else {
		q = p + fold_char(text + p, n - p, buf, &fl);
		if (fl != kl || memcmp(buf, f + at, fl) != 0)
			return -1;
	}
	for (size_t j = at + kl; j < nd->n;) {
		if (q >= n)
			return 0;
		if (raw) {
			unsigned char b = (unsigned char)f[j];
			size_t cl = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
			if (cl <= nd->n - j && cl <= n - q && memcmp(text + q, f + j, cl) == 0) {
				q += cl;
				j += cl;
				continue;
			}
		}
		q += fold_char(text + q, n - q, buf, &fl);
		if (fl == (size_t)-1)
			return -1;
		size_t m = fl < nd->n - j ? fl : nd->n - j;
		if (memcmp(buf, f + j, m) != 0)
			return 0;
		j += m;
	}
	size_t r = p;
	for (size_t j = at; j > 0;) {
		if (r == 0)
			return 0;
		size_t c = cp_back(text, n, r - 1);
		if (raw) {
			size_t cs = j - 1;
			while (cs > 0 && ((unsigned char)f[cs] & 0xc0) == 0x80)
				cs--;
			if (r - c == j - cs && memcmp(text + c, f + cs, j - cs) == 0) {
				r = c;
				j = cs;
				continue;
			}
		}
		if (c + fold_char(text + c, n - c, buf, &fl) != r || fl == (size_t)-1)
			return -1;
		size_t m = fl < j ? fl : j;
		if (memcmp(buf + fl - m, f + j - m, m) != 0)
			return 0;
		j -= m;
		r = c;
	}
	/* the marks after it that fold to nothing are the match's */
	while (q < n) {
		size_t l = fold_char(text + q, n - q, buf, &fl);
		if (fl == (size_t)-1)
			return -1;
		if (fl)
			break;
		q += l;
	}
	*s = r;
	*e = q;
	return 1;
}

/* The last code point boundary at or before p with at least need folded
 * bytes between it and p (or 0). */
static size_t back_enough(const char *text, size_t n, size_t p, size_t need)
{
	size_t q = p;
	while (q > 0 && p - q < need && (unsigned char)text[q - 1] < 0x80)
		q--;
	if (p - q == need || q == 0)
		return q;
	for (size_t back = 4 * need + 16;; back *= 2) {
		size_t cand = p > back ? cp_back(text, n, p - back) : 0;
		struct folded g;
		fold_text(&g, text + cand, p - cand, false);
		bool enough = g.n >= need;
		folded_free(&g);
		if (enough || cand == 0)
			return cand;
	}
}

/* each(arg, s, e) for every match whose key comes from a character
 * starting in [c0, c1] (the candidates of a cluster, ending at cend), in
 * order; false when each said stop. */
static bool cluster(const struct needle *nd, const char *text, size_t n, size_t c0, size_t c1, size_t cend,
                    bool (*each)(void *, size_t, size_t), void *arg)
{
	struct folded f;
	size_t core, s, e;
	bool go = true;
	fold_window(&f, &core, text, n, back_enough(text, n, c0, nd->key->at), cend, nd->n, true);
	/* (past a match whole; with a border, every match, those that
	 * overlap it too: prefiltered gives them all) */
	size_t step = nd->key->border ? 1 : nd->n;
	for (size_t at = find_from(&f, nd, 0); go && at != (size_t)-1; at = find_from(&f, nd, at + step)) {
		size_t ks = f.map[at + nd->key->at];
		if (ks < c0)
			continue;
		if (ks > c1)
			break;
		span_at(&f, at, nd->n, &s, &e);
		go = each(arg, s, e);
	}
	folded_free(&f);
	return go;
}

/* each(arg, s, e) for every match of a needle with a key whose key
 * character starts at or after byte from, in order, until each says stop.
 * Candidates close together are folded as one region. */
static void prefiltered(const struct needle *nd, const char *text, size_t n, size_t from,
                        bool (*each)(void *, size_t, size_t), void *arg)
{
	const uint8_t *t = (const uint8_t *)text;
	size_t c0 = 0, c1 = 0, cend = 0, gap = 4 * nd->n + 64, len;
	bool open = false;
	struct scan sc = { 0, 0 };
	for (size_t p = from; (p = next_cand(nd->key, t, n, p, &len, &sc)) < n; p += len) {
		size_t ms = p - nd->key->at, me = ms + nd->n;
		int r = t[p] < 0x80 ? ascii_at(nd, t, n, p) : -1;
		if (r < 0)
			r = folds_at(nd, text, n, p, &ms, &me);
		if (r == 0)
			continue;
		if (r == 1) {
			if (open && !cluster(nd, text, n, c0, c1, cend, each, arg))
				return;
			open = false;
			if (!each(arg, ms, me))
				return;
			continue;
		}
		if (open && (p - cend > gap || p + len - c0 > window_bytes)) {
			if (!cluster(nd, text, n, c0, c1, cend, each, arg))
				return;
			open = false;
		}
		if (!open)
			c0 = p;
		open = true;
		c1 = p;
		cend = p + len;
	}
	if (open)
		cluster(nd, text, n, c0, c1, cend, each, arg);
}

#ifdef SCAN_AVX2
/* Is the needle there with the key at candidate q, an anchor that counts
 * (block_avx2, counts_at)?  1 yes, the match starting at *s; 0 no; -1 not
 * known without folding (prefiltered's ways, for one candidate). */
static int told_at(const struct needle *nd, const uint8_t *t, size_t n, size_t q, size_t *s)
{
	const struct needle_key *k = nd->key;
	size_t e;
	if (t[q] < 0x80) {
		int r = ascii_at(nd, t, n, q);
		*s = q - k->at; /* (ascii_at's match: needle-long from there) */
		return r >= 0 ? r : folds_at(nd, (const char *)t, n, q, s, &e);
	}
	for (size_t i = k->first[t[q]]; i < k->first[t[q] + 1]; i++) {
		const struct key_seq *f = &k->seq[i];
		size_t at = k->by_last ? q + 1 - f->len : q;
		if ((k->by_last ? q + 1 >= f->len : n - q >= f->len) && memcmp(t + at, f->b, f->len) == 0)
			return folds_at(nd, (const char *)t, n, at, s, &e);
	}
	return 0;
}

/* scan_avx2's step at candidate q: 1 a match, and each is NULL (stop);
 * -1 not known without folding (stop); else 0, each given the match's
 * start if there is one at or past *skip, and *skip then what it
 * returned.  (Candidates before *skip are passed over: a match starts at
 * or before its anchor; one after it may start before.) */
static inline int tell(const struct needle *nd, const uint8_t *t, size_t n, size_t q,
                       size_t (*each)(void *, size_t), void *arg, size_t *skip)
{
	size_t s;
	int v = told_at(nd, t, n, q, &s);
	if (v > 0 && each) {
		if (s >= *skip)
			*skip = each(arg, s);
		return 0;
	}
	return v;
}

/* The bits of m (candidates from base on) left once those before skip
 * are passed over. */
static inline uint64_t past_skip(uint64_t m, size_t base, size_t skip)
{
	return skip <= base ? m : skip - base >= 64 ? 0 : m & (~(uint64_t)0 << (skip - base));
}

/* needle_in's and needle_starts' way with a key that has checks, on a
 * processor with AVX2: each candidate told where it is, the vectors' bits
 * taken in turn (no search for a match's end, no folding).  each (NULL:
 * stop at the first match) is given each match's start, in order, and
 * returns where the next it wants may start (those starting before are
 * not given); with a needle whose matches may overlap, those that do are
 * each given (needle_starts asks only of one without a border).  1 a
 * match, each NULL; 0 none, or each was given them all; -1 not known
 * without folding (each was given those before). */
__attribute__((target("avx2"))) static int scan_avx2(const struct needle *nd, const uint8_t *t, size_t n,
                                                     size_t (*each)(void *, size_t), void *arg)
{
	const struct needle_key *k = nd->key;
	const struct key_regs r = key_regs(k);
	size_t p = 0, skip = 0;
	int v;
	/* (nothing before the first byte: a check that looks there) */
	if (n && ((k->npair && k->pair[k->npair - 1].d < 0) || (k->nfp && k->fp_d < 0))) {
		if (k->anchor[t[0]] && (v = tell(nd, t, n, 0, each, arg, &skip)) != 0)
			return v;
		p = 1;
	}
	for (; p + 65 <= n; p += 64) {
		if (skip >= p + 64) { /* a block wholly passed over: not read */
			size_t q = skip < n ? skip : n;
			p += (q - p) / 64 * 64 - 64;
			continue;
		}
		for (uint64_t m = block_avx2(k, t, p, &r); (m = past_skip(m, p, skip)); m &= m - 1)
			if ((v = tell(nd, t, n, p + (size_t)__builtin_ctzll(m), each, arg, &skip)) != 0)
				return v;
	}
	if (p >= n || skip >= n)
		return 0;
	/* the rest, as check_tail reads it (check_tail itself, asked again
	 * after each candidate, would read it again: a tenth more a call) */
	if (n >= 66) {
		size_t base = n - 65;
		uint64_t m = p - base < 64 ? block_avx2(k, t, base, &r) & (~(uint64_t)0 << (p - base)) : 0;
		for (; (m = past_skip(m, base, skip)); m &= m - 1)
			if ((v = tell(nd, t, n, base + (size_t)__builtin_ctzll(m), each, arg, &skip)) != 0)
				return v;
		return skip < n && k->anchor[t[n - 1]] && counts_at(k, t, n, n - 1)
		               ? tell(nd, t, n, n - 1, each, arg, &skip)
		               : 0;
	}
	uint64_t m = p < 64 ? anchors_in(k, t, n < 64 ? n : 64) & (~(uint64_t)0 << p) : 0;
	for (; (m = past_skip(m, 0, skip)); m &= m - 1) {
		size_t q = (size_t)__builtin_ctzll(m);
		if (counts_at(k, t, n, q) && (v = tell(nd, t, n, q, each, arg, &skip)) != 0)
			return v;
	}
	return n == 65 && skip <= 64 && k->anchor[t[64]] && counts_at(k, t, n, 64) ? tell(nd, t, n, 64, each, arg, &skip)
	                                                                           : 0;
}
#endif

/* search_between's: the first match starting at or after lo, if it starts
 * before until */
struct first_match {
	size_t lo, until, s, e;
	bool found;
};

static bool first_each(void *arg, size_t s, size_t e)
{
	struct first_match *m = arg;
	if (s < m->lo)
		return true;
	m->found = s < m->until;
	m->s = s;
	m->e = e;
	return false;
}

bool search_next(const struct needle *nd, const char *text, size_t n, size_t from, size_t *s, size_t *e)
{
	return search_between(nd, text, n, from, n, s, e);
}

bool search_between(const struct needle *nd, const char *text, size_t n, size_t from, size_t until, size_t *s,
                    size_t *e)
{
	if (!nd->n)
		return false;
	if (until > n)
		until = n;
	if (nd->key) {
		struct first_match m = { cp_forward(text, n, from), cp_forward(text, n, until), 0, 0, false };
		if (m.lo >= until)
			return false;
		prefiltered(nd, text, n, m.lo, first_each, &m);
		if (m.found && s && e) {
			*s = m.s;
			*e = m.e;
		}
		return m.found;
	}
	for (size_t lo = cp_forward(text, n, from), hi; lo < until; lo = hi) {
		hi = cp_ahead(text, n, lo, window_bytes);
		if (hi > until) /* matches start before until: the window's own part ends there */
			hi = cp_forward(text, n, until);
		struct folded f;
		size_t core;
		/* most windows have no match: looked for without the map */
		fold_window(&f, &core, text, n, lo, hi, nd->n, false);
		size_t at = find_from(&f, nd, 0);
		folded_free(&f);
		if (at >= core)
			continue;
		if (s && e) {
			fold_window(&f, &core, text, n, lo, hi, nd->n, true);
			span_at(&f, at, nd->n, s, e);
			folded_free(&f);
		}
		return true;
	}
	return false;
}

bool search_prev(const struct needle *nd, const char *text, size_t n, size_t before, size_t *s, size_t *e)
{
	if (!nd->n)
		return false;
	for (size_t hi = cp_back(text, n, before < n ? before : n), lo; hi > 0; hi = lo) {
		lo = hi > window_bytes ? cp_back(text, n, hi - window_bytes) : 0;
		struct folded f;
		size_t core, last = (size_t)-1;
		fold_window(&f, &core, text, n, lo, hi, nd->n, false);
		for (size_t at = find_from(&f, nd, 0); at < core; at = find_from(&f, nd, at + 1))
			last = at;
		folded_free(&f);
		if (last == (size_t)-1)
			continue;
		fold_window(&f, &core, text, n, lo, hi, nd->n, true);
		span_at(&f, last, nd->n, s, e);
		folded_free(&f);
		return true;
	}
	return false;
}

/* search_nth forward: the matches prefiltered gives, counted */
struct nth_match {
	size_t lo, k, got, s, e;
};

static bool nth_each(void *arg, size_t s, size_t e)
{
	struct nth_match *m = arg;
	if (s < m->lo || (m->got && s <= m->s))
		return true;
	m->s = s;
	m->e = e;
	return ++m->got < m->k;
}

size_t search_nth(const struct needle *nd, const char *text, size_t n, size_t from, bool forward, size_t k,
                  size_t *s, size_t *e)
{
	if (!nd->n || !k)
		return 0;
	size_t got = 0, ls = 0, le = 0;
	if (forward && nd->key) {
		struct nth_match m = { cp_forward(text, n, from), k, 0, 0, 0 };
		if (m.lo < n)
			prefiltered(nd, text, n, m.lo, nth_each, &m);
		got = m.got;
		ls = m.s;
		le = m.e;
	} else if (forward) {
		for (size_t lo = cp_forward(text, n, from), hi; lo < n && got < k; lo = hi) {
			hi = cp_ahead(text, n, lo, window_bytes);
			struct folded f;
			size_t core, at = mapped_window(&f, &core, text, n, lo, hi, nd, 0);
			if (at >= core)
				continue;
			for (; at < core && got < k; at = find_from(&f, nd, at + 1)) {
				size_t ms, me;
				span_at(&f, at, nd->n, &ms, &me);
				if (got && ms <= ls)
					continue; /* another match at the same byte (ß for ss) */
				ls = ms;
				le = me;
				got++;
			}
			folded_free(&f);
		}
	} else {
		/* back a window at a time, each window's matches counted from
		 * its end; the span of a start is its last match's, as
		 * search_prev gives */
		struct { size_t s, e; } *v = NULL;
		size_t cap = 0;
		for (size_t hi = cp_back(text, n, from < n ? from : n), lo; hi > 0 && got < k; hi = lo) {
			lo = hi > window_bytes ? cp_back(text, n, hi - window_bytes) : 0;
			struct folded f;
			size_t core, at = mapped_window(&f, &core, text, n, lo, hi, nd, 0);
			if (at >= core)
				continue;
			size_t nv = 0;
			for (; at < core; at = find_from(&f, nd, at + 1)) {
				size_t ms, me;
				span_at(&f, at, nd->n, &ms, &me);
				if (nv && v[nv - 1].s == ms) {
					v[nv - 1].e = me;
					continue;
				}
				if (nv == cap) {
					cap = cap ? 2 * cap : 64;
					v = xrealloc(v, cap * sizeof(*v));
				}
				v[nv].s = ms;
				v[nv].e = me;
				nv++;
			}
			folded_free(&f);
			while (nv > 0 && got < k) {
				nv--;
				ls = v[nv].s;
				le = v[nv].e;
				got++;
			}
		}
		free(v);
	}
	if (got && s && e) {
		*s = ls;
		*e = le;
	}
	return got;
}

size_t search_range(const struct needle *nd, const char *text, size_t n, size_t lo, size_t hi,
                    void (*hit)(void *arg, size_t s, size_t e), void *arg)
{
	if (!nd->n || lo >= n)
		return 0;
	lo = cp_back(text, n, lo);
	hi = cp_forward(text, n, hi < n ? hi : n);
	/* back far enough that a match ending in the range starts after */
	size_t from = lo;
	for (size_t back = 4 * nd->n + 16; from > 0; back *= 2) {
		size_t cand = lo > back ? cp_back(text, n, lo - back) : 0;
		struct folded g;
		fold_text(&g, text + cand, lo - cand, false);
		bool enough = g.n >= nd->n;
		folded_free(&g);
		from = cand;
		if (enough)
			break;
	}
	struct folded f;
	size_t core, count = 0, s, e;
	fold_window(&f, &core, text, n, from, hi, nd->n, true);
	for (size_t at = find_from(&f, nd, 0); at < core; at = find_from(&f, nd, at + nd->n)) {
		span_at(&f, at, nd->n, &s, &e);
		if (e > lo && s < hi) {
			hit(arg, s, e);
			count++;
		}
	}
	folded_free(&f);
	return count;
}

struct each_hit {
	void (*hit)(void *arg, size_t s, size_t e);
	void *arg;
	size_t count;
};

static bool each_hit(void *arg, size_t s, size_t e)
{
	struct each_hit *h = arg;
	h->hit(h->arg, s, e);
	h->count++;
	return true;
}

/* a match's bytes */
struct hit_span {
	size_t s, e;
};

/* one more at the end of *v (*n of them, room for *cap) */
static void push_hit(struct hit_span **v, size_t *n, size_t *cap, size_t s, size_t e)
{
	grow(v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct hit_span){ s, e };
}

/* search_text's with a needle that has a border: prefiltered's matches,
 * kept until none is known to overlap another */
struct all_hits {
	struct hit_span *v;
	size_t n, cap;
	bool overlap;
};

static bool all_hits_add(void *arg, size_t s, size_t e)
{
	struct all_hits *a = arg;
	if (a->n && s < a->v[a->n - 1].e) {
		a->overlap = true;
		return false;
	}
	push_hit(&a->v, &a->n, &a->cap, s, e);
	return true;
}

size_t search_text(const struct needle *nd, const char *text, size_t n,
                   void (*hit)(void *arg, size_t s, size_t e), void *arg)
{
	if (!nd->n)
		return 0;
	if (nd->key && !nd->key->border) {
		struct each_hit h = { hit, arg, 0 };
		prefiltered(nd, text, n, 0, each_hit, &h);
		return h.count;
	}
	if (nd->key) {
		/* every match, those that overlap too: none overlapping (in
		 * the text: nor folded), they are the left-to-right search's;
		 * else (healthealth, ss with ß) that search says which */
		struct all_hits a = { NULL, 0, 0, false };
		prefiltered(nd, text, n, 0, all_hits_add, &a);
		if (!a.overlap)
			for (size_t i = 0; i < a.n; i++)
				hit(arg, a.v[i].s, a.v[i].e);
		free(a.v);
		if (!a.overlap)
			return a.n;
	}
	/* folded offsets from the text's start: a match found is skipped
	 * over whole, in the next window too (as fold_find's callers do) */
	size_t count = 0, done = 0, next = 0;
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		hi = cp_ahead(text, n, lo, window_bytes);
		struct folded f;
		size_t core, from = next > done ? next - done : 0;
		size_t at = mapped_window(&f, &core, text, n, lo, hi, nd, from);
		if (at < core) {
			for (; at < core; at = find_from(&f, nd, at + nd->n)) {
				size_t s, e;
				span_at(&f, at, nd->n, &s, &e);
				hit(arg, s, e);
				count++;
				next = done + at + nd->n;
			}
			folded_free(&f);
		}
		done += core;
	}
	return count;
}

/* needle_hits: every match in the text, when the needle has a key and no
 * border (its matches never overlap, and are found the same in the text
 * or in any part of it that holds them whole) */

static void hits_add(void *arg, size_t s, size_t e)
{
	struct needle_hits *h = arg;
	push_hit(&h->v, &h->nv, &h->cap, s, e);
}

void needle_hits_init(struct needle_hits *h, const struct needle *nd, const char *text, size_t n)
{
	memset(h, 0, sizeof(*h));
	h->nd = nd;
	h->text = text;
	h->n = n;
	/* (a needle with a border: the text's matches, left to right, may
	 * leave out one a part holds, overlapping one before it) */
	if (nd->key && !nd->key->border && nd->n) {
		search_text(nd, text, n, hits_add, h);
		h->all = true;
	}
}

bool needle_hits_in(const struct needle_hits *h, size_t lo, size_t hi)
{
	if (!h->all)
		return needle_in(h->nd, h->text + lo, hi - lo);
	size_t a = 0, b = h->nv; /* the first match starting at or after lo */
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (h->v[m].s < lo)
			a = m + 1;
		else
			b = m;
	}
	if (a == h->nv || h->v[a].s >= hi)
		return false; /* a match in the part would be one of the text's */
	if (h->v[a].e <= hi)
		return true;
	/* it runs past hi (what it ends with may be marks that fold to
	 * nothing, past the part's end): the part alone says */
	return needle_in(h->nd, h->text + lo, hi - lo);
}

void needle_hits_free(struct needle_hits *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}

bool needle_may_be_in(const struct needle *nd, const char *bytes, size_t n)
{
	if (!nd->key)
		return true;
	const uint8_t *t = (const uint8_t *)bytes;
	size_t len;
	struct scan sc = { 0, 0 };
	for (size_t p = 0; (p = next_cand(nd->key, t, n, p, &len, &sc)) < n; p += len) {
		/* a match is within one string, whose bytes are as they are
		 * alone: what is decided from them holds (folding is per code
		 * point) */
		int r = t[p] < 0x80 ? ascii_at(nd, t, n, p) : -1;
		size_t ms, me;
		if (r < 0)
			r = folds_at(nd, bytes, n, p, &ms, &me);
		if (r != 0)
			return true;
	}
	return false;
}

bool needle_may_be_in_set(const struct needle *nd, const unsigned char set[32])
{
	if (!nd->key)
		return true;
	uint64_t a[4];
	memcpy(a, set, 32);
	/* each character of a match is the fold, or part of it, of one
	 * character of the text, whose bytes are all in the set: one of
	 * those whose fold holds it (its key set), and so a form's first
	 * byte and a form's last byte are (a few of these: checks) */
	for (int i = 0; i < nd->key->n_checks; i++) {
		const uint64_t *b = nd->key->checks[i];
		if (!((a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) | (a[3] & b[3])))
			return false;
	}
	return true;
}

bool needle_in(const struct needle *nd, const char *text, size_t n)
{
#ifdef SCAN_AVX2
	if (nd->n && nd->key && checks_avx2(nd->key)) {
		int v = scan_avx2(nd, (const uint8_t *)text, n, NULL, NULL);
		if (v >= 0)
			return v;
	}
#endif
	return search_next(nd, text, n, 0, NULL, NULL);
}

/* needle_starts' caller's each, and the first start it wants: past those
 * the fast way gave (start_given), then search_text's from there
 * (start_rest) */
struct starts {
	size_t (*each)(void *, size_t);
	void *arg;
	size_t from;
};

static size_t start_given(void *arg, size_t s)
{
	struct starts *g = arg;
	size_t next = g->each(g->arg, s);
	/* (search_text, if it takes over, gives again none given here) */
	g->from = next > s ? next : s + 1;
	return next;
}

static void start_rest(void *arg, size_t s, size_t e)
{
	(void)e;
	struct starts *r = arg;
	if (s >= r->from)
		r->from = r->each(r->arg, s);
}

void needle_starts(const struct needle *nd, const char *text, size_t n, size_t (*each)(void *arg, size_t s),
                   void *arg)
{
	struct starts g = { each, arg, 0 };
#ifdef SCAN_AVX2
	/* (every candidate told gives every match: with a border, those that
	 * overlap too, which search_text leaves out) */
	if (nd->n && nd->key && !nd->key->border && checks_avx2(nd->key)
	    && scan_avx2(nd, (const uint8_t *)text, n, start_given, &g) == 0)
		return;
#endif
	search_text(nd, text, n, start_rest, &g);
}

/* --- every text of a corpus ------------------------------------------------
 *
 * Texts are read back and searched on every processor, a chunk of
 * readouts at a time; the calling thread hands the hits on in corpus
 * order, asking progress before each readout as it goes, so what the
 * callbacks see is what one thread searching in order would show them. */
#define CHUNK 128       /* readouts handed from a thread at once */
#define BATCH 32        /* readouts whose texts are read back at once */
#define AHEAD 4         /* chunks searched ahead of those handed on, per thread */

struct chunk_hit {
	size_t ri, s, e;
};

struct chunk {
	struct chunk_hit *hit;
	size_t n_hit, cap_hit, handed; /* hits, and those handed on */
	/* per readout: its text when it has a hit (a copy in store when it
	 * was read back), or unread (corpus_text is asked again on the
	 * calling thread) */
	const char *text[CHUNK];
	char *store[CHUNK / BATCH];
	bool unread[CHUNK];
	bool done;
};

struct pool {
	const struct corpus *c;
	const struct needle *nd;
	struct chunk *ch;
	size_t n_chunks, next, handed; /* next chunk to take, chunks handed on */
	size_t ahead;
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

struct chunk_add {
	struct chunk *ch;
	size_t ri;
};

static void chunk_hit(void *arg, size_t s, size_t e)
{
	struct chunk_add *a = arg;
	grow(&a->ch->hit, &a->ch->cap_hit, a->ch->n_hit + 1, sizeof(*a->ch->hit));
	a->ch->hit[a->ch->n_hit++] = (struct chunk_hit){ a->ri, s, e };
}

/* Chunk k searched, a batch at a time: its texts read back together
 * (corpus_texts_read, into tr's buffer), those with a hit copied into the
 * chunk's store, which lives until the chunk is handed on. */
static void search_chunk(struct pool *P, size_t k, struct text_reader *tr)
{
	struct chunk *ch = &P->ch[k];
	const struct corpus *c = P->c;
	size_t lo = k * CHUNK, hi = lo + CHUNK < c->n_readouts ? lo + CHUNK : c->n_readouts;
	for (size_t b = lo; b < hi; b += BATCH) {
		size_t bhi = b + BATCH < hi ? b + BATCH : hi, keep = 0;
		const char *text[BATCH];
		corpus_texts_read(c, b, bhi, text, tr);
		for (size_t ri = b; ri < bhi; ri++) {
			const char *t = text[ri - b];
			if (!t) {
				ch->unread[ri - lo] = true;
				continue;
			}
			size_t before = ch->n_hit;
			struct chunk_add a = { ch, ri };
			search_text(P->nd, t, c->readouts[ri].text_bytes, chunk_hit, &a);
			if (ch->n_hit > before) {
				ch->text[ri - lo] = t;
				if (t != c->readouts[ri].text && c->readouts[ri].text_bytes)
					keep += c->readouts[ri].text_bytes + 1;
			}
		}
		if (!keep)
			continue;
		/* the texts with a hit outlive tr's buffer */
		char *p = ch->store[(b - lo) / BATCH] = xmalloc(keep);
		for (size_t ri = b; ri < bhi; ri++) {
			const struct readout *r = &c->readouts[ri];
			const char *t = ch->text[ri - lo];
			if (t && t != r->text && r->text_bytes) {
				memcpy(p, t, r->text_bytes + 1);
				ch->text[ri - lo] = p;
				p += r->text_bytes + 1;
			}
		}
	}
}

static void *search_worker(void *arg)
{
	struct pool *P = arg;
	struct text_reader tr = { .fd = -1 }; /* the file of the texts read back, kept open */
	pthread_mutex_lock(&P->mu);
	for (;;) {
		while (!P->stop && P->next < P->n_chunks && P->next >= P->handed + P->ahead)
			pthread_cond_wait(&P->cv, &P->mu);
		if (P->stop || P->next >= P->n_chunks)
			break;
		size_t k = P->next++;
		pthread_mutex_unlock(&P->mu);
		search_chunk(P, k, &tr);
		pthread_mutex_lock(&P->mu);
		P->ch[k].done = true;
		pthread_cond_broadcast(&P->cv);
	}
	pthread_mutex_unlock(&P->mu);
	text_reader_close(&tr);
	return NULL;
}

static void chunk_free(struct chunk *ch)
{
	for (size_t i = 0; i < CHUNK / BATCH; i++)
		free(ch->store[i]);
	free(ch->hit);
	memset(ch, 0, sizeof(*ch));
}

struct corpus_hit {
	const struct search_opts *o;
	size_t ri;
	const char *text;
};

static void corpus_hit(void *arg, size_t s, size_t e)
{
	struct corpus_hit *ch = arg;
	ch->o->hit(ch->o->arg, ch->ri, ch->text, s, e);
}

/* One readout whose text could not be read back on a thread, asked of
 * corpus_text on the calling thread (which says why, if it still cannot). */
static void search_one(const struct corpus *c, const struct needle *nd, const struct search_opts *o, size_t ri,
                       struct search_result *res)
{
	const char *text = corpus_text(c, ri);
	if (!text) {
		res->unread++;
		return;
	}
	struct corpus_hit ch = { o, ri, text };
	size_t here = search_text(nd, text, c->readouts[ri].text_bytes, corpus_hit, &ch);
	res->hits += here;
	res->readouts += here > 0;
}

struct search_result search_corpus(const struct corpus *c, const struct needle *nd, const struct search_opts *o)
{
	struct search_result res = { 0 };
	size_t n = nd->n ? c->n_readouts : 0;
	int threads = threads_for(0, (n + CHUNK - 1) / CHUNK);
	pthread_t tid[8];
	int started = 0;
	struct text_reader tr = { .fd = -1 }; /* the calling thread's, when no thread started */
	struct pool P = { .c = c, .nd = nd, .n_chunks = (n + CHUNK - 1) / CHUNK, .ahead = (size_t)threads * AHEAD };
	P.ch = n ? xcalloc(P.n_chunks, sizeof(*P.ch)) : NULL;
	if (threads > 1) {
		pthread_mutex_init(&P.mu, NULL);
		pthread_cond_init(&P.cv, NULL);
		while (started < threads && pthread_create(&tid[started], NULL, search_worker, &P) == 0)
			started++;
		if (!started) {
			pthread_mutex_destroy(&P.mu);
			pthread_cond_destroy(&P.cv);
		}
	}
	for (size_t ri = 0; ri < n; ri++, res.searched++) {
		if (o->progress && o->progress(o->arg, ri, n, res.hits)) {
			res.stopped = true;
			break;
		}
		size_t k = ri / CHUNK, i = ri % CHUNK;
		struct chunk *ch = &P.ch[k];
		if (i == 0 && !started) { /* one thread, or none could start */
			search_chunk(&P, k, &tr);
		} else if (i == 0) {
			pthread_mutex_lock(&P.mu);
			while (!ch->done)
				pthread_cond_wait(&P.cv, &P.mu);
			pthread_mutex_unlock(&P.mu);
		}
		if (ch->unread[i]) { /* asked again here: corpus_text says why */
			search_one(c, nd, o, ri, &res);
		} else if (ch->text[i]) {
			for (; ch->handed < ch->n_hit && ch->hit[ch->handed].ri == ri; ch->handed++, res.hits++)
				o->hit(o->arg, ri, ch->text[i], ch->hit[ch->handed].s, ch->hit[ch->handed].e);
			res.readouts++;
		}
		if (i == CHUNK - 1 || ri + 1 == n) {
			chunk_free(ch);
			if (started) {
				pthread_mutex_lock(&P.mu);
				P.handed = k + 1;
				pthread_cond_broadcast(&P.cv);
				pthread_mutex_unlock(&P.mu);
			}
		}
	}
	if (started) {
		pthread_mutex_lock(&P.mu);
		P.stop = true;
		pthread_cond_broadcast(&P.cv);
		pthread_mutex_unlock(&P.mu);
		for (int t = 0; t < started; t++)
			pthread_join(tid[t], NULL);
		pthread_mutex_destroy(&P.mu);
		pthread_cond_destroy(&P.cv);
	}
	text_reader_close(&tr);
	for (size_t k = 0; k < P.n_chunks; k++)
		chunk_free(&P.ch[k]);
	free(P.ch);
	return res;
}
