/* bounds.h - where a cursor or a selection may stop in a text: grapheme
 * clusters, words (libunistring's word breaks, UAX #29) and sentences
 * (ends at a character with the Sentence_Terminal property, plus closing
 * punctuation).  Offsets are bytes; every result is a cluster boundary, so
 * nothing built on these splits a grapheme. */
#ifndef PARLEY_BOUNDS_H
#define PARLEY_BOUNDS_H

#include <stddef.h>

/* The boundary after (before) the cluster at byte i; n (0) at the ends. */
size_t bound_next_char(const char *s, size_t n, size_t i);
size_t bound_prev_char(const char *s, size_t n, size_t i);
/* The end of the next word after i (skipping spaces and punctuation). */
size_t bound_next_word_end(const char *s, size_t n, size_t i);
/* The start of the word before i. */
size_t bound_prev_word_start(const char *s, size_t n, size_t i);
/* The start of the next word after i. */
size_t bound_next_word_start(const char *s, size_t n, size_t i);
/* The end of the sentence that goes on after i (its terminal and closing
 * punctuation included; the end of the paragraph when it has none). */
size_t bound_sentence_end(const char *s, size_t n, size_t i);
/* The end of the sentence before the one ending at or after i, or the start
 * of the paragraph. */
size_t bound_prev_sentence_end(const char *s, size_t n, size_t i);
/* The start of the sentence holding byte i (after spaces). */
size_t bound_sentence_start(const char *s, size_t n, size_t i);

#endif
