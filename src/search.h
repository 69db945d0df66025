/* search.h - finding what a user types in readout texts, ignoring case and
 * accents (fold.h): one needle in one text, or every text of a corpus with
 * progress and a way to stop.  The browser's search of every text (F) and
 * `parley query --text` both search through here.
 */
#ifndef PARLEY_SEARCH_H
#define PARLEY_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "fold.h"

/* A needle: the typed text, folded once, and what search.c scans texts
 * for before folding any of them: the source characters that fold to
 * something containing the needle's rarest character (its key).  A text
 * is folded only around those, a little at a time.  A needle that can
 * overlap itself (health: h) has one too; where two of its matches overlap
 * in a text, that text is folded a window at a time. */
struct needle_key;
struct needle {
	char *folded;
	size_t n;                  /* 0: it folds to nothing, and is found nowhere */
	struct needle_key *key;    /* NULL: no prefilter (needle_init makes one) */
	/* what its scan is expected to stop at, per hundred characters (its
	 * key's cost; without a key, more than any with one): of several
	 * words that must all be found, the rarest is looked for first */
	double cost;
};

void needle_init(struct needle *nd, const char *text);
/* Can two of its matches overlap (a border: health begins as it ends)? */
bool needle_can_overlap(const struct needle *nd);
void needle_free(struct needle *nd);
/* Is it in text[0..n)?  Folds without the byte map (most texts have no
 * hit, and this is the fast test). */
bool needle_in(const struct needle *nd, const char *text, size_t n);
/* The start of each of its matches in text (n bytes), in order: those
 * search_text gives (each once), found without folding where it can.
 * each returns where the next match it wants may start: those starting
 * before are passed over (s: none; two matches may start at one byte, as
 * s and ss in ß). */
void needle_starts(const struct needle *nd, const char *text, size_t n, size_t (*each)(void *arg, size_t s),
                   void *arg);

/* In one text of n bytes (valid UTF-8), of any length: each folds a
 * window of about a megabyte at a time, with its byte map only where a
 * match is, so time goes with how far the match is and memory stays at a
 * window's whatever the text's length.  Spans are source bytes, as
 * fold_find gives them (a match ends after the marks folding dropped).
 *
 * The first match that starts at or after byte from (*s and *e may be
 * NULL: is there one?). */
bool search_next(const struct needle *nd, const char *text, size_t n, size_t from, size_t *s, size_t *e);
/* The same among the matches that start before byte until. */
bool search_between(const struct needle *nd, const char *text, size_t n, size_t from, size_t until, size_t *s,
                    size_t *e);
/* The last match that starts before byte before. */
bool search_prev(const struct needle *nd, const char *text, size_t n, size_t before, size_t *s, size_t *e);
/* The k-th match (k >= 1) counted from byte from: among those that start
 * at or after from (forward), or before it (backward, counting back), each
 * at another byte than the one counted before it (what search_next from
 * one past the last, or search_prev before it, would give k times over).
 * One pass over the text whatever k is.  Returns how many were counted, k
 * at most; *s and *e (may be NULL) the span of the last of them. */
size_t search_nth(const struct needle *nd, const char *text, size_t n, size_t from, bool forward, size_t k,
                  size_t *s, size_t *e);
/* The matches that overlap bytes [lo, hi) (what a screen shows), one after
 * the other from a little before lo; their number. */
size_t search_range(const struct needle *nd, const char *text, size_t n, size_t lo, size_t hi,
                    void (*hit)(void *arg, size_t s, size_t e), void *arg);
/* Every match of the text in order, each after the one before it, as
 * fold_find finds them in the text folded whole; their number. */
size_t search_text(const struct needle *nd, const char *text, size_t n,
                   void (*hit)(void *arg, size_t s, size_t e), void *arg);
/* The window's own length (0: a megabyte); small ones test its edges. */
void search_set_window(size_t bytes);
/* Can bytes hold the needle?  False only when they cannot: no form of
 * its key character is in them, or each one found is among ASCII bytes
 * that are not the needle's.  bytes need not be one text (several strings
 * with other bytes between them may be asked at once: a match within one
 * of them is never missed).  True when the needle has no key. */
bool needle_may_be_in(const struct needle *nd, const char *bytes, size_t n);
/* The same asked of what is known of some bytes: set, the set of byte
 * values they hold (bit b of set[b / 8]: byte b is among them).  False
 * only when, for one of the needle's characters, none of the characters
 * whose fold holds it can be there: no first byte, or no last byte, of
 * any of them is in the set (asked of a few characters' bytes: those
 * with the fewest).  True when the needle has no key. */
bool needle_may_be_in_set(const struct needle *nd, const unsigned char set[32]);
/* Which parts of one text hold the needle: the text searched once (when
 * the needle allows it: one with a key and no border), each part
 * [lo, hi) then told from the matches found, as needle_in(text + lo,
 * hi - lo) would (a part in which one runs past hi is searched alone).
 * Parts begin and end at characters. */
struct needle_hits {
	const struct needle *nd;
	const char *text;
	size_t n;
	struct hit_span *v;
	size_t nv, cap;
	bool all; /* v holds every match (else each part is searched) */
};
void needle_hits_init(struct needle_hits *h, const struct needle *nd, const char *text, size_t n);
bool needle_hits_in(const struct needle_hits *h, size_t lo, size_t hi);
void needle_hits_free(struct needle_hits *h);
/* Is it in an already folded text? */
bool needle_in_folded(const struct needle *nd, const struct folded *f);

/* Searching every text of a corpus, in corpus order. */
struct search_opts {
	/* each hit, in source bytes of readout ri's text (never NULL) */
	void (*hit)(void *arg, size_t ri, const char *text, size_t bstart, size_t bend);
	/* before each readout: true stops the search there (NULL: never);
	 * done readouts searched, hits found so far */
	bool (*progress)(void *arg, size_t done, size_t total, size_t hits);
	void *arg;
};

struct search_result {
	size_t searched;           /* readouts searched: all, unless stopped */
	size_t hits, readouts;     /* hits, and readouts with one */
	size_t unread;             /* texts that could not be read back (corpus_text) */
	bool stopped;
};

struct search_result search_corpus(const struct corpus *c, const struct needle *nd, const struct search_opts *o);

#endif
