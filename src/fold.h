/* fold.h - case- and accent-insensitive matching for search.
 *
 * Folding a code point: canonical decomposition (NFD), full case folding
 * (Unicode CaseFolding, no language), removal of nonspacing marks (general
 * category Mn) and of what is not seen (Default_Ignorable_Code_Point: a
 * soft hyphen, zero-width spaces and joiners, a byte order mark, variation
 * selectors), then canonical recomposition (NFC) of what is left, all with
 * libunistring; the typographic apostrophe and its look-alikes (’ ‘ ‛ ʼ ＇)
 * fold to the keyboard's '.  "Sécurité" and "SECURITE" both fold to
 * "securite", "l’ONU" and "L'onu" to "l'onu", "ß" to
 * "ss", "Ё" to "е", "Лавров" to "лавров"; kana and Hangul syllables are
 * unchanged (the recomposition keeps Hangul syllables whole), but kana
 * voicing marks are Mn, so "が" folds to "か" as "é" folds to "e".  Han
 * characters fold to their simplified form (OpenCC's t2s, one character
 * for one: hanconv.h), so "台灣" folds to "台湾" and "習近平" to "习近平".
 *
 * Each source code point is folded alone, so the map from folded bytes to
 * source is exact.  Nothing is lost by this: full case folding has no
 * context (final sigma is a lowercasing rule; "ς" and "σ" both fold to
 * "σ"), and canonical reordering only moves marks, which are dropped.  The
 * Turkic dotted and dotless i rules are not applied.  An invalid UTF-8
 * sequence folds to U+FFFD.  ASCII takes a fast path (A-Z to a-z, which is
 * all full case folding does to it).
 */
#ifndef PARLEY_FOLD_H
#define PARLEY_FOLD_H

#include <stdbool.h>
#include <stddef.h>

struct folded {
	char *s;        /* folded UTF-8, NUL-terminated */
	size_t n;
	size_t *map;    /* when requested: map[i] = byte offset in the source of
			 * the code point that produced folded byte i; map[n] =
			 * source length.  NULL otherwise. */
};

/* Fold s[0..n) into *f (which need not be initialised). */
void fold_text(struct folded *f, const char *s, size_t n, bool want_map);
/* Fold more onto *f (made by fold_text, with or without a map): s[0..n),
 * which comes right after what f holds, at offset base of the source the
 * map speaks of (map[i] = base + offset in s); map[n] becomes base + n.
 * Folding is per code point, so a text folded in pieces cut at code point
 * boundaries is the text folded whole. */
void fold_more(struct folded *f, const char *s, size_t n, size_t base);
/* The first occurrence of nd[0..nn) in h[0..hn), or NULL (none when nn is
 * 0). */
const char *fold_memfind(const char *h, size_t hn, const char *nd, size_t nn);
void folded_free(struct folded *f);

/* One character of s[0..n) (n > 0), folded as fold_text folds it: into
 * out (FOLD_CHAR_MAX bytes), *len bytes ((size_t)-1: a longer fold, not
 * written); the source bytes it takes. */
#define FOLD_CHAR_MAX 32
size_t fold_char(const char *s, size_t n, char *out, size_t *len);

/* Folded copy of s[0..n) (malloc'd, NUL-terminated), no map. */
char *fold_dup(const char *s, size_t n);
/* The same, or NULL when s folds to nothing (a search of nothing). */
char *fold_dup_some(const char *s, size_t n);

/* Find the next occurrence of folded needle[0..nlen) in f at or after
 * folded offset `from` and return its folded offset, or (size_t)-1 when
 * there is none (or the needle folds to nothing).  On success, when f has a
 * map, *src_start and *src_end get the source bytes it covers: from the
 * code point that produced its first byte to the end of the one that
 * produced its last byte, including the marks (and what is not seen) after
 * it that folding dropped, so a match never ends inside a cluster like
 * "e\u0301".  Without
 * a map they get the folded range. */
size_t fold_find(const struct folded *f, const char *needle, size_t nlen, size_t from,
		 size_t *src_start, size_t *src_end);

#endif
