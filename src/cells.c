/* cells.c - grapheme clusters as parley draws them (see cells.h). */
#include "cells.h"
#include "arena.h"
#include "utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

/* Length of the grapheme cluster at the start of p[0..n) (n > 0), whose
 * first code point is `first`.
 *
 * u8_grapheme_next only looks at pairs of code points, so it splits emoji
 * ZWJ sequences (GB11) and regional indicator pairs, i.e. flags (GB12,
 * GB13).  Those are the only rules that join more than it does, so when its
 * cluster ends in a ZWJ or starts with a regional indicator, ask
 * u8_grapheme_breaks, which keeps the context, over a window that grows
 * until the first break lies inside it.  A break depends only on what comes
 * before it and the code point after it, so one found inside the window is
 * final. */
static size_t cluster_len(const uint8_t *p, size_t n, ucs4_t first)
{
	const uint8_t *next = u8_grapheme_next(p, p + n);
	size_t e = next ? (size_t)(next - p) : n;
	ucs4_t last;
	if (e == n)
		return e;
	if (uc_graphemeclusterbreak_property(first) != GBP_RI
	    && !(u8_prev(&last, p + e, p) && uc_graphemeclusterbreak_property(last) == GBP_ZWJ))
		return e;

	char stackbuf[256];
	char *brk = stackbuf;
	size_t win = 64;
	for (;;) {
		size_t m = win < n ? win : n;
		while (m < n && m > e && (p[m] & 0xc0) == 0x80)
			m--; /* do not cut a sequence in two */
		if (m > sizeof(stackbuf))
			brk = xrealloc(brk == stackbuf ? NULL : brk, m);
		u8_grapheme_breaks(p, m, brk);
		size_t b = 1;
		while (b < m && !brk[b])
			b++;
		if (b < m || m == n) {
			if (brk != stackbuf)
				free(brk);
			return b;
		}
		win *= 2;
	}
}

static void replace(struct cell *c, const char *repl)
{
	size_t len = strlen(repl);
	memmove(c->repl, repl, len + 1);
	c->replaced = true;
	c->width = (int)len;
}

bool cell_next(const char *s, size_t n, size_t i, unsigned san_flags, struct cell *c)
{
	if (i >= n)
		return false;
	const uint8_t *p = (const uint8_t *)s + i;
	size_t left = n - i;
	c->start = i;
	c->replaced = false;
	c->repl[0] = '\0';

	/* Printable ASCII followed by ASCII (or nothing) is a cluster of its
	 * own: no rule of UAX #29 but CR LF joins two ASCII characters. */
	if (p[0] >= 0x20 && p[0] < 0x7f && (left == 1 || p[1] < 0x80)) {
		c->end = i + 1;
		c->width = 1;
		return true;
	}

	ucs4_t uc;
	bool bad;
	size_t k = utf8_decode(p, left, &uc, &bad);
	if (bad) {
		c->end = i + k;
		replace(c, "\xef\xbf\xbd");
		c->width = 1;
		return true;
	}
	if (sanitize_char(uc, san_flags, c->repl)) {
		c->end = i + k;
		replace(c, c->repl);
		return true;
	}
	if (uc == '\t' || uc == '\n') { /* kept by the flags */
		c->end = i + k;
		c->width = uc == '\t' ? 1 : 0;
		return true;
	}

	/* Unsafe code points and invalid bytes never join a cluster: they are
	 * drawn as cells of their own.  (Those that start one are handled
	 * above: UAX #29 would attach combining marks to an invalid byte, read
	 * as U+FFFD.  Inside one they cannot occur with today's data, being
	 * Control for UAX #29; this guards against that changing.) */
	size_t e = cluster_len(p, left, uc);
	for (size_t j = k; j < e;) {
		ucs4_t u2;
		bool bad2;
		char tmp[SAN_REPL_MAX];
		size_t k2 = utf8_decode(p + j, left - j, &u2, &bad2);
		if (bad2 || sanitize_char(u2, san_flags, tmp) || u2 == '\t' || u2 == '\n') {
			e = j;
			break;
		}
		j += k2;
	}
	c->end = i + e;
	int w = u8_width(p, e, "UTF-8");
	if (w < 0) {
		replace(c, "\xef\xbf\xbd");
		w = 1;
	}
	c->width = w;
	return true;
}

int cells_width(const char *s, size_t n, unsigned san_flags)
{
	long long w = 0;
	struct cell c;
	size_t i = 0;
	while (cell_next(s, n, i, san_flags, &c)) {
		w += c.width;
		i = c.end;
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

size_t cells_fit(const char *s, size_t n, int cols, unsigned san_flags, int *used)
{
	int w = 0;
	struct cell c;
	size_t i = 0;
	while (cell_next(s, n, i, san_flags, &c) && c.width <= cols - w) {
		w += c.width;
		i = c.end;
	}
	if (used)
		*used = w;
	return i;
}
