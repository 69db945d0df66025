/* textwrap.c - greedy line wrapping on UAX #14 break opportunities (see
 * textwrap.h). */
#include "textwrap.h"
#include "arena.h"
#include "cells.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#define WRAP_SAN SAN_KEEP_NEWLINE

static void add_line(struct wrap *w, size_t start, size_t end, int width)
{
	grow(&w->lines, &w->cap, w->n + 1, sizeof(*w->lines));
	w->lines[w->n++] = (struct wrap_line){ start, end, width };
}

/* An opening (Pi) or closing (Pf) quotation mark. */
static bool is_quote(ucs4_t uc, bool closing)
{
	return uc_is_property_quotation_mark(uc)
	       && uc_is_general_category(uc, closing ? UC_CATEGORY_Pf : UC_CATEGORY_Pi);
}

/* Rules LB15a and LB15b of UAX #14 (Unicode 15), which libunistring 1.0
 * predates, approximated with general categories:
 *   LB15a: (sot | space | control | Ps | quotation mark) Pi-quote SP* ×
 *   LB15b: × Pf-quote (space | control | punctuation | eot)
 * Only break opportunities are taken away, never added. */
static void tailor_quotes(const uint8_t *s, size_t n, char *brk)
{
	ucs4_t prev = 0; /* 0: start of text */
	size_t i = 0;
	while (i < n) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, s + i, n - i);
		size_t k = len > 0 ? (size_t)len : 1;
		if (is_quote(uc, false)
		    && (prev == 0 || uc_is_general_category(prev, UC_CATEGORY_Z)
			|| uc_is_general_category(prev, UC_CATEGORY_Cc)
			|| uc_is_general_category(prev, UC_CATEGORY_Ps)
			|| uc_is_property_quotation_mark(prev))) {
			size_t j = i + k;
			while (j < n && s[j] == ' ')
				j++;
			for (size_t b = i + k; b <= j && b < n; b++)
				if (brk[b] == UC_BREAK_POSSIBLE)
					brk[b] = UC_BREAK_PROHIBITED;
		}
		if (is_quote(uc, true) && brk[i] == UC_BREAK_POSSIBLE) {
			ucs4_t next = 0;
			bool end = i + k >= n;
			if (!end)
				u8_mbtouc(&next, s + i + k, n - i - k);
			if (end || uc_is_general_category(next, UC_CATEGORY_Z)
			    || uc_is_general_category(next, UC_CATEGORY_Cc)
			    || uc_is_general_category(next, UC_CATEGORY_P))
				brk[i] = UC_BREAK_PROHIBITED;
		}
		prev = uc;
		i += k;
	}
}

/* Wrap the paragraph text[ps..pe), which holds no '\n'. */
static void wrap_para(struct wrap *w, const char *text, size_t ps, size_t pe, int width,
		      char **brkbuf, size_t *brkcap)
{
	if (ps == pe) {
		add_line(w, ps, ps, 0);
		return;
	}
	grow(brkbuf, brkcap, pe - ps, 1);
	char *brk = *brkbuf; /* brk[i - ps] is about text[i] */
	u8_possible_linebreaks((const uint8_t *)text + ps, pe - ps, "UTF-8", *brkbuf);
	tailor_quotes((const uint8_t *)text + ps, pe - ps, *brkbuf);

	/* The line being filled is [ls, i): text up to sp_start (width w_text),
	 * then a run of spaces up to i (width w_sp) that would be left out if
	 * the line ended here.  cand_* is the last break opportunity seen. */
	size_t ls = ps, i = ps, sp_start = ps;
	int w_text = 0, w_sp = 0;
	bool have_cand = false, after_bk = false;
	size_t cand_end = 0, cand_next = 0;
	int cand_w = 0;
	struct cell c;
	while (i < pe) {
		cell_next(text, pe, i, WRAP_SAN, &c);
		char b = brk[i - ps];
		bool space = c.end - c.start == 1 && text[c.start] == ' ';
		if (i > ls && sp_start > ls
		    && (b == UC_BREAK_POSSIBLE || b == UC_BREAK_HYPHENATION || (after_bk && !space))) {
			have_cand = true;
			cand_end = sp_start;
			cand_next = i;
			cand_w = w_text;
		}
		/* A line break character other than '\n' (CR, VT, FF, NEL, LS,
		 * PS) is shown replaced; the line may break after it and the
		 * spaces that follow it. */
		if (!space)
			after_bk = b == UC_BREAK_MANDATORY;
		if (space) {
			w_sp += c.width; /* hangs: does not count until text follows */
			i = c.end;
			continue;
		}
		if (c.width <= width - w_text - w_sp) {
			w_text += w_sp + c.width;
			w_sp = 0;
			i = sp_start = c.end;
			continue;
		}

		/* The cell does not fit: end the line before it. */
		if (have_cand) {
			add_line(w, ls, cand_end, cand_w);
			ls = cand_next;
		} else if (sp_start > ls) {
			/* No opportunity: split the word here, leaving out the
			 * spaces before this cell if any. */
			add_line(w, ls, sp_start, w_text);
			ls = i;
		} else if (w_sp > 0) {
			/* Only spaces so far, at the start of the paragraph: they
			 * are text, as many as fit. */
			int k = w_sp < width ? w_sp : width;
			add_line(w, ls, ls + (size_t)k, k);
			ls += (size_t)k;
		} else {
			/* One cell wider than the line: a line of its own; the
			 * spaces after it are left out as at any break. */
			add_line(w, i, c.end, c.width);
			ls = c.end;
			while (ls < pe && text[ls] == ' ')
				ls++;
		}
		/* Start the next line afresh (what follows ls is scanned again:
		 * at most one line's worth, so each cell at most twice). */
		i = sp_start = ls;
		w_text = w_sp = 0;
		have_cand = after_bk = false;
	}
	if (sp_start > ls)
		add_line(w, ls, sp_start, w_text); /* trailing spaces left out */
	else if (ls == ps)
		add_line(w, ps, ps, 0); /* a paragraph of spaces only */
	/* else: only spaces after the last line; they belong to it. */
}

void wrap_text(struct wrap *w, const char *text, size_t n, int width)
{
	w->lines = NULL;
	w->n = w->cap = 0;
	if (width < 1)
		width = 1;
	char *brk = NULL;
	size_t brkcap = 0, ps = 0;
	for (;;) {
		const char *nl = memchr(text + ps, '\n', n - ps);
		size_t pe = nl ? (size_t)(nl - text) : n;
		wrap_para(w, text, ps, pe, width, &brk, &brkcap);
		if (!nl)
			break;
		ps = pe + 1;
	}
	free(brk);
}

size_t wrap_line_of(const struct wrap *w, size_t byte)
{
	size_t lo = 0, hi = w->n; /* the answer is in [lo, hi) */
	if (hi == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->lines[mid].start <= byte)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void wrap_free(struct wrap *w)
{
	free(w->lines);
	w->lines = NULL;
	w->n = w->cap = 0;
}

/* --- a view wrapped block by block ----------------------------------------- */

void wrap_view_init(struct wrap_view *v, size_t n, int width)
{
	memset(v, 0, sizeof(*v));
	v->n = n;
	v->width = width < 1 ? 1 : width;
}

void wrap_view_free(struct wrap_view *v)
{
	for (size_t i = 0; i < WRAP_KEPT; i++)
		wrap_free(&v->kept[i].w);
	memset(v, 0, sizeof(*v));
}

/* Where the piece of paragraph [ps, pe) that starts near `at` starts:
 * after the spaces of the first run of them at or after at (within a few
 * KB), else at the first grapheme cluster boundary from at; pe when that
 * is past the paragraph. */
static size_t piece_start(const char *text, size_t ps, size_t pe, size_t at)
{
	if (at >= pe)
		return pe;
	size_t look = pe - at < 4096 ? pe - at : 4096;
	const char *sp = memchr(text + at, ' ', look);
	if (sp) {
		size_t q = (size_t)(sp - text);
		while (q < pe && text[q] == ' ')
			q++;
		return q;
	}
	/* no space: CJK, Thai...; between two clusters (a code point boundary
	 * that the legacy grapheme rules say is a break) */
	size_t q = at;
	while (q < pe && ((unsigned char)text[q] & 0xC0) == 0x80)
		q++;
	while (q < pe) {
		ucs4_t prev, next;
		const uint8_t *p = (const uint8_t *)text + q;
		const uint8_t *b = u8_prev(&prev, p, (const uint8_t *)text + ps);
		int len = u8_mbtouc(&next, p, pe - q);
		if (!b || uc_is_grapheme_break(prev, next))
			return q;
		q += len > 0 ? (size_t)len : 1;
	}
	return pe;
}

/* The block [*start, *end] holding byte b (b <= n). */
static void block_bounds(struct wrap_view *v, const char *text, size_t b, size_t *start, size_t *end)
{
	size_t ps, pe;
	if (v->para_known && v->para_start <= b && b <= v->para_end) {
		ps = v->para_start;
		pe = v->para_end;
	} else {
		/* the '\n' at b belongs to the paragraph before it */
		const char *nl = NULL;
		for (size_t i = b; i > 0 && !nl; i--)
			if (text[i - 1] == '\n')
				nl = text + i - 1;
		ps = nl ? (size_t)(nl - text) + 1 : 0;
		const char *e = b < v->n ? memchr(text + b, '\n', v->n - b) : NULL;
		pe = e ? (size_t)(e - text) : v->n;
		v->para_start = ps;
		v->para_end = pe;
		v->para_known = true;
	}
	if (pe - ps <= WRAP_PIECE + WRAP_PIECE / 4) {
		*start = ps;
		*end = pe;
		return;
	}
	/* a long paragraph: its pieces start at B(0) = ps and B(j) =
	 * piece_start(ps + j * WRAP_PIECE), which never decrease (equal ones
	 * are one); b's piece starts at the last of them at or before b */
#define B(j) ((j) ? piece_start(text, ps, pe, ps + (j) * WRAP_PIECE) : ps)
	size_t j = (b - ps) / WRAP_PIECE, at = B(j);
	while (at > b || (j && at >= pe)) /* (none starts at pe: b is the last's) */
		at = B(--j);
	size_t m = j + 1, next = B(m);
	for (;;) {
		while (next <= at && next < pe)
			next = B(++m);
		if (next > b || next >= pe)
			break;
		at = next;
	}
#undef B
	*start = at;
	*end = next;
}

static struct wrap_block *block_at(struct wrap_view *v, const char *text, size_t b)
{
	if (b > v->n)
		b = v->n;
	struct wrap_block *old = &v->kept[0];
	for (size_t i = 0; i < WRAP_KEPT; i++) {
		struct wrap_block *k = &v->kept[i];
		if (k->used && k->start <= b && (b < k->end || (b == k->end && (b == v->n || text[b] == '\n')))) {
			k->used = ++v->tick;
			return k;
		}
		if (k->used < old->used)
			old = k;
	}
	size_t start, end;
	block_bounds(v, text, b, &start, &end);
	wrap_free(&old->w);
	old->start = start;
	old->end = end;
	old->used = ++v->tick;
	char *brk = NULL;
	size_t brkcap = 0;
	wrap_para(&old->w, text, start, end, v->width, &brk, &brkcap);
	free(brk);
	return old;
}

struct wrap_line wrap_view_line(struct wrap_view *v, const char *text, size_t b)
{
	struct wrap_block *k = block_at(v, text, b);
	return k->w.lines[wrap_line_of(&k->w, b)];
}

struct wrap_line wrap_view_move(struct wrap_view *v, const char *text, struct wrap_line l, long k, long *moved)
{
	long done = 0;
	while (done != k) {
		struct wrap_block *blk = block_at(v, text, l.start);
		size_t i = wrap_line_of(&blk->w, l.start);
		if (k > 0) {
			if (i + 1 < blk->w.n) {
				l = blk->w.lines[i + 1];
			} else if (blk->end < v->n) {
				size_t next = text[blk->end] == '\n' ? blk->end + 1 : blk->end;
				struct wrap_block *nb = block_at(v, text, next);
				l = nb->w.lines[0];
			} else {
				break;
			}
			done++;
		} else {
			if (i > 0) {
				l = blk->w.lines[i - 1];
			} else if (blk->start > 0) {
				struct wrap_block *pb = block_at(v, text, blk->start - 1);
				l = pb->w.lines[pb->w.n - 1];
			} else {
				break;
			}
			done--;
		}
	}
	if (moved)
		*moved = done < 0 ? -done : done;
	return l;
}
