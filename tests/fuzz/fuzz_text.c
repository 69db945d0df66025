/* fuzz_text.c - a fuzz target for what parley does to a text before and
 * while showing it: the sanitiser, display cells, wrapping, folding and
 * search.  The input is a text; its first byte picks the width and the
 * flags, and what follows its last 0xFF byte (no UTF-8 has one), if any,
 * is the needle searched for, else a piece of the text.  Each module must
 * keep the promises its header makes, on any bytes. */
#include "cells.h"
#include "corpus.h"
#include "fold.h"
#include "fuzz_util.h"
#include "hash.h"
#include "sanitize.h"
#include "search.h"
#include "textwrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* sanitize_dup, sanitize_is_clean and the cells agree; what the sanitiser
 * lets through is clean. */
static void sanitizer(const char *s, size_t n, unsigned fl)
{
	char *d = sanitize_dup(s, n, fl);
	size_t dn = strlen(d);
	bool clean = sanitize_is_clean(s, n, fl);
	if (clean != (dn == n && memcmp(d, s, n) == 0))
		fuzz_fail("sanitize_is_clean says %s, sanitize_dup %s it", clean ? "clean" : "not clean",
		          dn == n && memcmp(d, s, n) == 0 ? "keeps" : "changes");
	if (!sanitize_is_clean(d, dn, fl))
		fuzz_fail("what sanitize_dup gave is not clean");
	if (u8_check((const uint8_t *)d, dn))
		fuzz_fail("what sanitize_dup gave is not UTF-8");
	for (size_t i = 0; i < dn; i++) {
		unsigned char c = (unsigned char)d[i];
		if ((c < 0x20 && !(c == '\n' && (fl & SAN_KEEP_NEWLINE)) && !(c == '\t' && (fl & SAN_KEEP_TAB)))
		    || c == 0x7f)
			fuzz_fail("a control (0x%02x) passed the sanitiser", c);
	}
	/* drawing every cell gives exactly sanitize_dup; widths add up */
	struct strbuf drawn = { 0 };
	struct cell c;
	size_t i = 0;
	int width = 0;
	while (cell_next(s, n, i, fl, &c)) {
		if (c.start != i || c.end <= c.start || c.end > n)
			fuzz_fail("cell %zu-%zu after byte %zu of %zu", c.start, c.end, i, n);
		if (c.width < 0)
			fuzz_fail("cell %zu-%zu of width %d", c.start, c.end, c.width);
		if (c.replaced)
			sb_adds(&drawn, c.repl);
		else
			sb_add(&drawn, s + c.start, c.end - c.start);
		width += c.width;
		i = c.end;
	}
	if (i != n)
		fuzz_fail("the cells end at byte %zu of %zu", i, n);
	if (drawn.n != dn || memcmp(drawn.s ? drawn.s : "", d, dn) != 0)
		fuzz_fail("the cells drawn are not sanitize_dup's string");
	if (cells_width(s, n, fl) != width)
		fuzz_fail("cells_width %d, the cells add up to %d", cells_width(s, n, fl), width);
	sb_free(&drawn);
	free(d);
}

/* cells_fit: a prefix that ends on a cell and fits */
static void fit(const char *s, size_t n, int cols, unsigned fl)
{
	int used = -1;
	size_t k = cells_fit(s, n, cols, fl, &used);
	if (k > n || used < 0 || used > (cols > 0 ? cols : 0))
		fuzz_fail("cells_fit(%d): %zu bytes of %zu, %d columns", cols, k, n, used);
	if (cells_width(s, k, fl) != used)
		fuzz_fail("cells_fit(%d): its prefix is %d columns wide, not %d", cols, cells_width(s, k, fl), used);
	/* a cell boundary */
	struct cell c;
	size_t i = 0;
	while (i < k && cell_next(s, n, i, fl, &c))
		i = c.end;
	if (i != k)
		fuzz_fail("cells_fit(%d) ends inside a cell (byte %zu)", cols, k);
}

/* wrap_text: lines in order, without '\n', on cell boundaries, no wider
 * than the width unless one cell */
static void wrap(const char *s, size_t n, int width)
{
	struct wrap w;
	wrap_text(&w, s, n, width);
	if (!w.n)
		fuzz_fail("wrap_text gave no line");
	int wd = width < 1 ? 1 : width;
	bool *edge = xcalloc(n + 1, 1);
	struct cell c;
	for (size_t i = 0; cell_next(s, n, i, SAN_KEEP_NEWLINE, &c); i = c.end)
		edge[c.start] = true;
	edge[n] = true;
	for (size_t l = 0; l < w.n; l++) {
		const struct wrap_line *L = &w.lines[l];
		if (L->start > L->end || L->end > n || (l && L->start <= w.lines[l - 1].start)
		    || (l && L->start < w.lines[l - 1].end))
			fuzz_fail("line %zu: bytes %zu-%zu (text %zu bytes)", l, L->start, L->end, n);
		if (!edge[L->start] || !edge[L->end])
			fuzz_fail("line %zu (bytes %zu-%zu) splits a cell", l, L->start, L->end);
		if (memchr(s + L->start, '\n', L->end - L->start))
			fuzz_fail("line %zu holds a newline", l);
		int lw = cells_width(s + L->start, L->end - L->start, SAN_KEEP_NEWLINE);
		if (lw != L->width)
			fuzz_fail("line %zu: width %d, its cells %d", l, L->width, lw);
		if (L->width > wd) {
			cell_next(s + L->start, L->end - L->start, 0, SAN_KEEP_NEWLINE, &c);
			if (c.end != L->end - L->start)
				fuzz_fail("line %zu: %d columns wide at width %d, and not one cell", l, L->width, wd);
		}
		if (wrap_line_of(&w, L->start) != l)
			fuzz_fail("wrap_line_of(%zu) is not line %zu", L->start, l);
	}
	if (wrap_line_of(&w, n) != w.n - 1)
		fuzz_fail("wrap_line_of(the end) is not the last line");
	free(edge);
	wrap_free(&w);
}

struct hits {
	size_t n;
	const char *text;
	size_t len;
};

static void on_hit(void *arg, size_t ri, const char *text, size_t bs, size_t be)
{
	struct hits *h = arg;
	if (ri != 0 || text != h->text || bs >= be || be > h->len)
		fuzz_fail("search_corpus: a hit at bytes %zu-%zu of %zu", bs, be, h->len);
	h->n++;
}

/* folding and finding; the needle is found in the text when it is a piece
 * of it (folding is per code point) */
static void search(const char *s, size_t n, const char *nd, size_t nn, bool piece)
{
	struct folded f;
	fold_text(&f, s, n, true);
	if (u8_check((const uint8_t *)f.s, f.n) || f.s[f.n] != '\0')
		fuzz_fail("a folded text is not UTF-8 ending with a NUL");
	if (f.map[f.n] != n)
		fuzz_fail("the fold's map ends at %zu, the text at %zu", f.map[f.n], n);
	for (size_t i = 0; i < f.n; i++)
		if (f.map[i] >= n || (i && f.map[i] < f.map[i - 1]))
			fuzz_fail("the fold's map goes back or out at %zu", i);
	char *dup = fold_dup(s, n);
	if (strcmp(dup, f.s) != 0)
		fuzz_fail("fold_dup and fold_text differ");
	free(dup);

	char *needle_text = xstrndup(nd, nn);
	struct needle ndl;
	needle_init(&ndl, needle_text);
	size_t bs = 0, be = 0, count = 0, from = 0, at;
	bool found = false;
	while (ndl.n && (at = fold_find(&f, ndl.folded, ndl.n, from, &bs, &be)) != (size_t)-1) {
		if (at < from || at + ndl.n > f.n || memcmp(f.s + at, ndl.folded, ndl.n) != 0)
			fuzz_fail("fold_find: %zu is no match", at);
		if (bs >= be || be > n)
			fuzz_fail("fold_find: source bytes %zu-%zu of %zu", bs, be, n);
		found = true;
		count++;
		from = at + ndl.n;
	}
	if (needle_in(&ndl, s, n) != found || needle_in_folded(&ndl, &f) != found)
		fuzz_fail("needle_in and fold_find disagree");
	if (piece && ndl.n && !found && !memchr(needle_text, '\0', nn) && strlen(needle_text) == nn)
		fuzz_fail("a piece of the text is not found in it");
	/* the same through a corpus of one readout holding the text */
	if (!memchr(s, '\0', n) && !u8_check((const uint8_t *)s, n)) {
		struct corpus c;
		corpus_init(&c);
		struct readout r;
		memset(&r, 0, sizeof(r));
		r.id = arena_strdup(&r.arena, "r");
		r.text_buf = xstrndup(s, n);
		r.text = r.text_buf;
		r.text_bytes = n;
		r.text_cps = u8_mbsnlen((const uint8_t *)s, n);
		r.text_hash = hash64(s, n);
		r.initiator = -1;
		r.kind = KIND_NONE;
		corpus_append(&c, &r);
		struct hits h = { 0, r.text, n };
		struct search_opts o = { .hit = on_hit, .arg = &h };
		struct search_result res = search_corpus(&c, &ndl, &o);
		if (res.hits != count || h.n != count || res.readouts != (count > 0)
		    || res.searched != (ndl.n ? 1u : 0u))
			fuzz_fail("search_corpus: %zu hits, fold_find %zu", res.hits, count);
		corpus_free(&c);
	}
	needle_free(&ndl);
	free(needle_text);
	folded_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	unsigned fl = data[0] & 3;
	int width = (data[0] >> 2) - 4; /* -4 to 59: below 1 counts as 1 */
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	const char *nd;
	size_t nn;
	const char *ff = NULL;
	for (size_t i = n; i-- > 0 && !ff;)
		if ((unsigned char)s[i] == 0xFF)
			ff = s + i;
	bool piece = false;
	if (ff) {
		nd = ff + 1;
		nn = (size_t)(s + n - nd);
		n = (size_t)(ff - s);
	} else {
		/* a piece of the text on code point boundaries */
		size_t a = n / 3, b = a + n / 7 + 1;
		if (b > n)
			b = n;
		while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80)
			a--;
		while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80)
			b++;
		nd = s + a;
		nn = b - a;
		piece = !u8_check((const uint8_t *)s, n);
	}
	/* a copy of exactly n bytes: reading past the text shows */
	char *t = xmalloc(n ? n : 1);
	memcpy(t, s, n);
	sanitizer(t, n, fl);
	fit(t, n, width, fl);
	wrap(t, n, width);
	search(t, n, nd, nn, piece);
	free(t);
	return 0;
}
