/* search.c - case- and accent-insensitive search in texts (see search.h). */
#include "search.h"
#include "arena.h"

#include <stdlib.h>
#include <unistr.h>
#include <string.h>

void needle_init(struct needle *nd, const char *text)
{
	nd->folded = fold_dup(text, strlen(text));
	nd->n = strlen(nd->folded);
}

void needle_free(struct needle *nd)
{
	free(nd->folded);
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

/* Code point boundaries (texts are valid UTF-8: the loader checks). */
/* Where the character holding byte p starts: p itself unless p is inside
 * a valid multibyte sequence (a stray continuation byte, as the folding
 * reads it, is a character of its own). */
static size_t char_start(const char *t, size_t n, size_t p)
{
	if (p >= n || ((unsigned char)t[p] & 0xC0) != 0x80)
		return p;
	for (size_t q = p; q > 0 && p - q < 3;) {
		q--;
		if (((unsigned char)t[q] & 0xC0) == 0x80)
			continue;
		ucs4_t uc;
		int l = u8_mbtoucr(&uc, (const uint8_t *)t + q, n - q);
		return l > 0 && (size_t)l > p - q ? q : p;
	}
	return p;
}

/* The first character boundary at or after p. */
static size_t cp_forward(const char *t, size_t n, size_t p)
{
	size_t q = char_start(t, n, p);
	if (q == p)
		return p;
	ucs4_t uc;
	return q + (size_t)u8_mbtoucr(&uc, (const uint8_t *)t + q, n - q);
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

size_t search_text(const struct needle *nd, const char *text, size_t n,
                   void (*hit)(void *arg, size_t s, size_t e), void *arg)
{
	if (!nd->n)
		return 0;
	/* folded offsets from the text's start: a match found is skipped
	 * over whole, in the next window too (as fold_find's callers do) */
	size_t count = 0, done = 0, next = 0;
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		hi = cp_ahead(text, n, lo, window_bytes);
		struct folded f;
		size_t core, from = next > done ? next - done : 0;
		fold_window(&f, &core, text, n, lo, hi, nd->n, false);
		size_t at = find_from(&f, nd, from);
		if (at < core) {
			folded_free(&f);
			fold_window(&f, &core, text, n, lo, hi, nd->n, true);
			for (; at < core; at = find_from(&f, nd, at + nd->n)) {
				size_t s, e;
				span_at(&f, at, nd->n, &s, &e);
				hit(arg, s, e);
				count++;
				next = done + at + nd->n;
			}
		}
		folded_free(&f);
		done += core;
	}
	return count;
}

bool needle_in(const struct needle *nd, const char *text, size_t n)
{
	return search_next(nd, text, n, 0, NULL, NULL);
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

struct search_result search_corpus(const struct corpus *c, const struct needle *nd, const struct search_opts *o)
{
	struct search_result res = { 0 };
	size_t n = c->n_readouts;
	for (size_t ri = 0; ri < n && nd->n; ri++, res.searched++) {
		if (o->progress && o->progress(o->arg, ri, n, res.hits)) {
			res.stopped = true;
			break;
		}
		const struct readout *r = &c->readouts[ri];
		const char *text = corpus_text(c, ri);
		if (!text) {
			res.unread++;
			continue;
		}
		struct corpus_hit ch = { o, ri, text };
		size_t here = search_text(nd, text, r->text_bytes, corpus_hit, &ch);
		res.hits += here;
		res.readouts += here > 0;
	}
	return res;
}
