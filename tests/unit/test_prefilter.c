/* test_prefilter.c - the search's prefilter (search.c) against the search
 * without it: a needle made by needle_init has a key and is searched by
 * scanning for the characters that fold to its key; the same folded needle
 * without a key is searched in texts folded a window at a time.  On random
 * and adversarial texts - combining marks, letters folding to two (ß) or
 * from one to several (U+FB01), the Kelvin sign, fullwidth letters,
 * Cyrillic, Greek, traditional and simplified Chinese, matches at either
 * end, invalid UTF-8 (which the fuzz target feeds the search) - both must
 * give the same matches with the same spans, the same first match from
 * any place, the same answer to "is it there?". */
#include "tap.h"
#include "fold.h"
#include "search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pieces[] = {
	"a", "A", "e", "E", "k", "K", "s", "S", "i", "I", "f", "F", "l", "o", "r", "v", " ", " ", ".", "-", "\n",
	"\xc3\xa9",                         /* é */
	"e\xcc\x81",                        /* e + U+0301 */
	"e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81", /* e and many marks */
	"\xcc\x81",                         /* a mark alone */
	"\xc3\x9f",                         /* ß */
	"\xe1\xba\x9e",                     /* ẞ */
	"ss", "SS",
	"\xef\xac\x81",                     /* U+FB01 fi */
	"\xef\xac\x83",                     /* U+FB03 ffi */
	"\xe2\x84\xaa",                     /* U+212A Kelvin */
	"\xe2\x84\xab",                     /* U+212B Angstrom */
	"\xef\xbc\xa1", "\xef\xbd\x81",     /* fullwidth A, a */
	"\xc3\x85", "\xc3\xa5",             /* Å å */
	"\xc4\xb0",                         /* İ */
	"\xc5\x89",                         /* ŉ */
	"\xd0\x9b", "\xd0\xbb", "\xd0\x81", "\xd1\x91", "\xd0\xb5", /* Л л Ё ё е */
	"\xd0\xb0", "\xd0\xb2", "\xd1\x80", "\xd0\xbe", /* а в р о */
	"\xce\xa3", "\xcf\x82", "\xcf\x83", /* Σ ς σ */
	"\xe7\x81\xa3", "\xe6\xb9\xbe",     /* 灣 湾 */
	"\xe7\xbf\x92", "\xe4\xb9\xa0",     /* 習 习 */
	"\xe5\x8f\xb0", "\xe8\xbf\x91", "\xe5\xb9\xb3", /* 台 近 平 */
	"\xef\xa9\xa2", "\xe8\xac\x81", "\xe8\xb0\x92", /* U+FA62, 謁, 谒 */
	"\xe3\x81\x8c", "\xe3\x81\x8b",     /* が か */
	"\xed\x95\x9c",                     /* 한 */
	"\xef\xbf\xbd",                     /* U+FFFD */
	"\xf0\x9f\x98\x80",                 /* an emoji */
	"\xe2\x80\x99", "\xe2\x80\x94",     /* ’ — */
	/* invalid UTF-8 (folding makes each U+FFFD): a sequence cut short,
	 * a stray continuation byte, a surrogate, a lone lead byte */
	"\xe2\x84", "\xf0\x9f\x98", "\x80", "\xaa", "\xed\xa0\x80", "\xc3",
};
#define N_PIECES (sizeof(pieces) / sizeof(pieces[0]))

static const char *const fixed[] = {
	"k", "K", "\xe2\x84\xaa", "fi", "\xef\xac\x81", "i", "f", "ffi", "ss", "\xc3\x9f", "s", "\xcf\x83", "se",
	"sec", "s\xc3\xa9", "\xc3\xa9", "e\xcc\x81", "\xcc\x81", "\xcc\x81\xcc\x81", "\xd0\xbb\xd0\xb0\xd0\xb2",
	"\xd0\x81", "\xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3", "\xe7\xbf\x92", "\xe5\x8f\xb0\xe7\x81\xa3",
	"\xe8\xb0\x92", "\xe3\x81\x8b", "\xef\xbd\x81", "a", "A k", "ka", "\xc3\xa5", "aa", "kk", "\xef\xbf\xbd",
	"\xff", "ok\xff", "Karo Limadenko", "\xc4\xb0", "\xca\xbcn",
};

static uint64_t rng = 0x9E3779B97F4A7C15ull;
#define below(n) tap_below(&rng, (n))

struct spans {
	size_t *s, *e, n, cap;
};

static void add(void *arg, size_t s, size_t e)
{
	struct spans *v = arg;
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 64;
		v->s = realloc(v->s, v->cap * sizeof(*v->s));
		v->e = realloc(v->e, v->cap * sizeof(*v->e));
		if (!v->s || !v->e)
			abort();
	}
	v->s[v->n] = s;
	v->e[v->n] = e;
	v->n++;
}

static bool same(const struct spans *a, const struct spans *b)
{
	return a->n == b->n && (!a->n || (memcmp(a->s, b->s, a->n * sizeof(size_t)) == 0
	                                  && memcmp(a->e, b->e, a->n * sizeof(size_t)) == 0));
}

static int keyed, mismatches, compared, hits;
static int absent, ruled_out; /* texts without the needle, and those needle_may_be_in ruled out */
static int set_ruled_out;     /* those needle_may_be_in_set ruled out, from their bytes' set */

/* Bytes around a string in a cache body: lengths, counts, NULs, marks. */
static const char *const around[] = { "", "\x00", "\x05\x00\x00\x00", "\xff\xff", "\xcc\x81", "a", "\x80", "\xe2" };

static void show(const char *what, const char *text, size_t n, const char *needle)
{
	if (mismatches++ >= 5)
		return;
	printf("# %s differs: needle \"", what);
	for (const char *p = needle; *p; p++)
		printf((unsigned char)*p < 0x80 && *p >= ' ' ? "%c" : "\\x%02x", (unsigned char)*p);
	printf("\" text (%zu bytes) \"", n);
	for (size_t i = 0; i < n && i < 200; i++)
		printf((unsigned char)text[i] < 0x80 && text[i] >= ' ' ? "%c" : "\\x%02x", (unsigned char)text[i]);
	printf("\"\n");
}

/* One needle in one text, with and without the prefilter. */
static void compare(const char *text, size_t n, const char *needle)
{
	struct needle nd;
	needle_init(&nd, needle);
	struct needle plain = { .folded = nd.folded, .n = nd.n };
	keyed += nd.key != NULL;
	compared++;
	struct spans a = { 0 }, b = { 0 };
	size_t ca = search_text(&nd, text, n, add, &a);
	size_t cb = search_text(&plain, text, n, add, &b);
	hits += (int)cb;
	if (ca != cb || !same(&a, &b))
		show("search_text", text, n, needle);
	bool has = needle_in(&plain, text, n);
	if (needle_in(&nd, text, n) != has)
		show("needle_in", text, n, needle);
	/* the text among other bytes, as a readout's strings are in a cache
	 * body: a match in it is never ruled out; a text without one mostly is */
	const char *pre = around[below(sizeof(around) / sizeof(around[0]))];
	const char *post = around[below(sizeof(around) / sizeof(around[0]))];
	size_t lp = strlen(pre) + (*pre == '\0'), lq = strlen(post) + (*post == '\0');
	char *body = malloc(lp + n + lq + 1);
	memcpy(body, pre, lp);
	memcpy(body + lp, text, n);
	memcpy(body + lp + n, post, lq);
	bool may = needle_may_be_in(&nd, body, lp + n + lq);
	if (has && !may)
		show("needle_may_be_in", text, n, needle);
	/* and from the set of byte values the text holds (a cache head's) */
	unsigned char set[32] = { 0 };
	for (size_t i = 0; i < n; i++)
		set[(unsigned char)text[i] >> 3] |= (unsigned char)(1u << ((unsigned char)text[i] & 7));
	bool may_set = needle_may_be_in_set(&nd, set);
	if (has && !may_set)
		show("needle_may_be_in_set", text, n, needle);
	if (!has && nd.key) {
		absent++;
		ruled_out += !may;
		set_ruled_out += !may_set;
	}
	free(body);
	for (int k = 0; k < 6; k++) {
		size_t from = below((unsigned)n + 2), until = below((unsigned)n + 2);
		if (k == 0)
			from = 0, until = n;
		size_t s1 = 1, e1 = 1, s2 = 1, e2 = 1;
		bool f1 = search_between(&nd, text, n, from, until, &s1, &e1);
		bool f2 = search_between(&plain, text, n, from, until, &s2, &e2);
		if (f1 != f2 || (f1 && (s1 != s2 || e1 != e2)))
			show("search_between", text, n, needle);
		if (search_between(&nd, text, n, from, until, NULL, NULL) != f2)
			show("search_between (no span)", text, n, needle);
	}
	free(a.s);
	free(a.e);
	free(b.s);
	free(b.e);
	needle_free(&nd);
}

/* A text of len pieces, mostly from the first `ascii` pieces (ASCII) when
 * ascii is not 0. */
static size_t make_text(char *buf, size_t cap, unsigned len, unsigned ascii)
{
	size_t n = 0;
	for (unsigned i = 0; i < len; i++) {
		const char *p = pieces[ascii && below(8) ? below(ascii) : below(N_PIECES)];
		size_t l = strlen(p);
		if (n + l >= cap)
			break;
		memcpy(buf + n, p, l);
		n += l;
	}
	buf[n] = '\0';
	return n;
}

int main(void)
{
	static char text[1 << 16];
	char needle[256];
	unsigned n_ascii = 0;
	while (n_ascii < N_PIECES && (unsigned char)pieces[n_ascii][0] < 0x80)
		n_ascii++;
	static const size_t windows[] = { 0, 1, 7, 64 };
	for (size_t w = 0; w < sizeof(windows) / sizeof(windows[0]); w++) {
		search_set_window(windows[w]);
		for (int round = 0; round < (w ? 60 : 600); round++) {
			unsigned len = round % 10 == 9 ? 400 + below(2000) : 1 + below(80);
			size_t n = make_text(text, sizeof(text), len, round % 3 ? n_ascii : 0);
			/* needles: the fixed ones, pieces of the text (a hit at
			 * least), random ones of 1 to 6 pieces */
			for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
				if (round % 4 == 0)
					compare(text, n, fixed[i]);
			for (int k = 0; k < 8; k++) {
				size_t a = below((unsigned)n + 1), l = 1 + below(24);
				if (a + l > n)
					l = n - a;
				if (l >= sizeof(needle))
					l = sizeof(needle) - 1;
				memcpy(needle, text + a, l);
				needle[l] = '\0';
				if (l)
					compare(text, n, needle);
				make_text(needle, sizeof(needle), 1 + below(6), k % 2 ? n_ascii : 0);
				compare(text, n, needle);
			}
		}
	}
	search_set_window(0);
	/* a match at either end of the text, and one text that is the needle */
	static const char *const ends[][2] = {
		{ "KARO limadenko", "karo limadenko" },
		{ "x\xe2\x84\xaa" "aro", "karo" },
		{ "\xef\xac\x81", "fi" },
		{ "\xef\xac\x81", "i" },
		{ "\xef\xac\x81", "f" },
		{ "a\xef\xac\x83x", "ffix" },
		{ "STRASSE", "stra\xc3\x9f" "e" },
		{ "e\xcc\x81\xcc\x81\xcc\x81", "e" },
		{ "\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3\xcc\x81", "\xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3" },
		{ "\xef\xa9\xa2", "\xe8\xb0\x92" },
		/* needles that overlap themselves, in texts where they do not
		 * (hits told as they are and hits folded, side by side), and
		 * where two share a character but not its fold's bytes */
		{ "health he\xc3\xa1lth HEALTH healthy", "health" },
		{ "sa\xc3\x9f" "as", "sas" },
		/* and in texts where they do */
		{ "aaaaa", "aa" },
		{ "healthealth HEALTH health", "health" },
		{ "s\xc3\x9fs \xc3\x9f\xc3\x9f", "ss" },
		{ "s\xc3\x9fs \xc3\x9f\xc3\x9f", "sss" },
		{ "abab\xc3\xa1" "b\xc3\x81" "BAB", "aba" },
		{ "\xd0\xb0\xd0\xb1\xd0\xb0\xd0\x91\xd0\x90", "\xd0\xb0\xd0\xb1\xd0\xb0" },
	};
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		compare(ends[i][0], strlen(ends[i][0]), ends[i][1]);
	ok(mismatches == 0, "the prefilter gives what folding whole texts gives (%d comparisons, %d differ)", compared,
	   mismatches);
	ok(hits > 1000, "the comparisons had matches to find (%d)", hits);
	ok(keyed > compared / 2, "most needles had a key (%d of %d)", keyed, compared);
	ok(ruled_out > absent / 2, "needle_may_be_in ruled out most texts without the needle (%d of %d)", ruled_out,
	   absent);
	ok(set_ruled_out > absent / 10, "needle_may_be_in_set ruled out some from their bytes' set (%d of %d)",
	   set_ruled_out, absent);
	/* from the set, each character of the needle is looked for, not its
	 * key alone: Latin words in texts of another script whose quotes and
	 * dashes begin as the Angstrom and Kelvin signs do (E2), which fold to
	 * å and k; and the texts that have those signs */
	{
		static const char *const other[][3] = {
			{ "\xe5\x8f\x8c\xe6\x96\xb9\xe2\x80\x9c\xe5\x8c\x97\xe6\x9e\x81\xe2\x80\x9d\xe2\x80\x94",
			  "la", "" },
			{ "\xd0\xa1\xd1\x82\xd0\xbe\xd1\x80\xd0\xbe\xd0\xbd\xd1\x8b \xe2\x80\x94 \xc2\xab\xd0\xb4\xd0\xb0\xc2\xbb",
			  "at", "" },
			{ "\xe5\x8f\x8c\xe6\x96\xb9\xe2\x80\x9c", "kit", "" },
			{ "l\xe2\x84\xab", "la", "y" },
			{ "\xe2\x84\xabt", "AT", "y" },
			{ "\xe2\x84\xaait", "kit", "y" },
		};
		int right = 0;
		for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
			struct needle nd;
			needle_init(&nd, other[i][1]);
			unsigned char set[32] = { 0 };
			for (const unsigned char *p = (const unsigned char *)other[i][0]; *p; p++)
				set[*p >> 3] |= (unsigned char)(1u << (*p & 7));
			bool may = needle_may_be_in_set(&nd, set), in = needle_in(&nd, other[i][0], strlen(other[i][0]));
			right += nd.key && may == (*other[i][2] != 0) && in == may;
			needle_free(&nd);
		}
		ok(right == (int)(sizeof(other) / sizeof(other[0])),
		   "la, at, kit ruled out of Chinese and Russian texts by their sets (E2 there), not of texts with the "
		   "Angstrom and Kelvin signs, which hold them (%d of %zu right)",
		   right, sizeof(other) / sizeof(other[0]));
	}
	{
		struct needle nd;
		needle_init(&nd, "aa");
		struct spans v = { 0 };
		size_t k = search_text(&nd, "aaaaa", 5, add, &v);
		ok(nd.key != NULL && k == 2 && v.s[0] == 0 && v.s[1] == 2,
		   "a needle that overlaps itself has a key, and gives the left-to-right matches (aa twice in aaaaa)");
		free(v.s);
		free(v.e);
		needle_free(&nd);
		/* a Chinese needle is keyed on its least frequent character: 互
		 * in 双方在互联, not 方 or 在 (among the most frequent) */
		struct needle a, b, c;
		needle_init(&a, "双方在互联");
		needle_init(&b, "互");
		needle_init(&c, "方在");
		ok(a.key && a.cost == b.cost && c.cost > b.cost,
		   "a Chinese needle is keyed on its least frequent character (%.2f, %.2f, %.2f)", a.cost, b.cost, c.cost);
		needle_free(&a);
		needle_free(&b);
		needle_free(&c);
		needle_init(&nd, "\xcc\x81");
		ok(nd.n == 0 && nd.key == NULL && search_text(&nd, "e\xcc\x81", 3, add, NULL) == 0,
		   "a needle that folds to nothing is found nowhere");
		needle_free(&nd);
	}
	return tap_done();
}
