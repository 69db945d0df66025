/* bounds.c - text boundaries for cursors and selections (see bounds.h). */
#include "bounds.h"
#include "arena.h"
#include "cells.h"

#include <stdbool.h>
#include <stdlib.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

/* The start of the paragraph holding byte i. */
static size_t para_start(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] != '\n')
		i--;
	return i;
}

size_t bound_next_char(const char *s, size_t n, size_t i)
{
	struct cell c;
	if (i >= n)
		return n;
	/* cells start at 0 or a previous cell's end: walk from the paragraph */
	size_t at = para_start(s, i);
	while (cell_next(s, n, at, SAN_KEEP_NEWLINE | SAN_KEEP_TAB, &c)) {
		if (c.end > i)
			return c.end;
		at = c.end;
	}
	return n;
}

size_t bound_prev_char(const char *s, size_t n, size_t i)
{
	if (i == 0)
		return 0;
	if (i > n)
		i = n;
	size_t at = para_start(s, i - 1);
	size_t prev = at;
	struct cell c;
	while (cell_next(s, n, at, SAN_KEEP_NEWLINE | SAN_KEEP_TAB, &c) && c.end < i) {
		prev = c.end;
		at = c.end;
	}
	return prev;
}

static ucs4_t char_at(const char *s, size_t n, size_t i)
{
	ucs4_t uc = 0;
	if (i < n)
		u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
	return uc;
}

static bool wordish(ucs4_t uc)
{
	return uc_is_alnum(uc) || uc_is_general_category(uc, UC_CATEGORY_M)
	       || uc_is_general_category(uc, UC_CATEGORY_L) || uc_is_general_category(uc, UC_CATEGORY_N);
}

/* Word break flags of s: br[i] is 1 when a word boundary is before byte i
 * (and always at 0 and n). */
static char *breaks(const char *s, size_t n)
{
	char *br = xcalloc(n + 1, 1);
	u8_wordbreaks((const uint8_t *)s, n, br);
	br[0] = 1;
	br[n] = 1;
	/* only at the start of a character */
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			br[i] = 0;
	return br;
}

size_t bound_next_word_end(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return n;
	char *br = breaks(s, n);
	size_t k = i;
	/* skip to the start of a word */
	while (k < n && !wordish(char_at(s, n, k)))
		k = bound_next_char(s, n, k);
	/* then to the next boundary */
	size_t e = k;
	while (e < n) {
		e = bound_next_char(s, n, e);
		if (br[e])
			break;
	}
	free(br);
	return e;
}

size_t bound_next_word_start(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return n;
	char *br = breaks(s, n);
	size_t k = i;
	/* leave the current word, then find the next word's first character */
	bool in = wordish(char_at(s, n, k));
	while (k < n) {
		k = bound_next_char(s, n, k);
		if (k >= n)
			break;
		bool w = wordish(char_at(s, n, k));
		if (br[k] && w && (!in || br[k]))
			break;
		in = w;
	}
	free(br);
	return k;
}

size_t bound_prev_word_start(const char *s, size_t n, size_t i)
{
	if (i == 0)
		return 0;
	char *br = breaks(s, n);
	size_t k = bound_prev_char(s, n, i);
	while (k > 0 && !wordish(char_at(s, n, k)))
		k = bound_prev_char(s, n, k);
	while (k > 0 && !br[k])
		k = bound_prev_char(s, n, k);
	free(br);
	return k;
}

static bool closing(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Pe) || uc_is_general_category(uc, UC_CATEGORY_Pf)
	       || uc == '"' || uc == '\'';
}

/* Is the full stop at k after a lone letter, as in "M. Wang" or
 * "С.В. Лавров"?  Then it marks an abbreviation, not a sentence end. */
static bool initial_before(const char *s, size_t k)
{
	if (k == 0)
		return false;
	size_t p = bound_prev_char(s, k, k);
	if (!uc_is_general_category(char_at(s, k, p), UC_CATEGORY_L))
		return false;
	if (p == 0)
		return true;
	size_t pp = bound_prev_char(s, p, p);
	return !uc_is_general_category(char_at(s, p, pp), UC_CATEGORY_L);
}

size_t bound_sentence_end(const char *s, size_t n, size_t i)
{
	size_t k = i;
	/* past spaces first, so a sentence end right at i is not found again */
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	while (k < n) {
		if (s[k] == '\n')
			return k;
		ucs4_t uc = char_at(s, n, k);
		size_t next = bound_next_char(s, n, k);
		if (uc_is_property_sentence_terminal(uc) && !(uc == '.' && initial_before(s, k))) {
			k = next;
			/* more terminals ("?!", "...") and closing punctuation */
			while (k < n) {
				ucs4_t c2 = char_at(s, n, k);
				if (!uc_is_property_sentence_terminal(c2) && !closing(c2))
					break;
				/* a closing quote after a space belongs to this sentence too: « ... » */
				k = bound_next_char(s, n, k);
			}
			if (k < n && s[k] == ' ' && k + 1 < n) {
				ucs4_t c3 = char_at(s, n, k + 1);
				if (closing(c3) && !uc_is_alnum(c3))
					k = bound_next_char(s, n, k + 1);
			}
			/* a terminal followed by a letter is not an end (e.g. "3.5", "M.Wang") */
			if (k < n && s[k] != ' ' && s[k] != '\n' && wordish(char_at(s, n, k)) && !(uc >= 0x3000))
				continue;
			return k;
		}
		k = next;
	}
	return n;
}

size_t bound_prev_sentence_end(const char *s, size_t n, size_t i)
{
	/* the sentence ends before i, scanning from the paragraph start */
	size_t para = para_start(s, i);
	size_t best = para, k = para;
	while (k < i) {
		size_t e = bound_sentence_end(s, n, k);
		if (e >= i || e == k)
			break;
		best = e;
		k = e;
	}
	return best;
}

size_t bound_sentence_start(const char *s, size_t n, size_t i)
{
	size_t para = para_start(s, i);
	size_t start = para, k = para;
	while (k < n && k <= i) {
		size_t e = bound_sentence_end(s, n, k);
		if (e > i || e >= n || s[e] == '\n' || e == k)
			break;
		k = e;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k > i)
			break;
		start = k;
	}
	return start;
}
