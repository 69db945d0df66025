/* names.h - what a name typed by a user stands for: the one rule by which a
 * speaker, topic or agreement is named, shared by the browser's pickers,
 * `parley query` and `parley stats`.
 *
 * A term fits an entity, best first: as its id (exactly); as the whole of
 * its label or one of its aliases, in any readout and any language, folded
 * (fold.h: case and accents ignored); as a run of whole words of one
 * ("Blinken", "sergueï", "Лавров" in "Antony Blinken", "Sergueï Lavrov",
 * "Сергей Лавров"), or all of its words in another order ("Lavrov
 * Sergey"); as the start of such a run ("Лав", "sergey lav"); or as a part
 * of one ("王毅" in "国务委员兼外长王毅", "Afghan" in "Afghanistan").
 * Its words however spaced or stopped are the whole of it ("С. В. Лавров"
 * is "С.В.Лавров").  The id is a name too, its words split at hyphens:
 * "lavrov" fits sergey-lavrov, labelled "С.В.Лавров" (name_fit_id).
 * Words are libunistring's (UAX #29), split at full stops too so that
 * "С.В.Лавров" has the word "Лавров"; a run of Han characters, which has
 * no spaces, is one word.  A term resolves to the entity it fits
 * best; among equals a person before a group whose name also holds it (the
 * group's positions count for the person anyway).  What still fits several
 * entities equally is ambiguous, and a term that fits none gets the
 * nearest names as suggestions (by edit distance, word by word, and across
 * scripts through transliteration: "Zakharova" for "Захарова"): both are
 * reported with the candidates, never as a bare "no speaker".
 */
#ifndef PARLEY_NAMES_H
#define PARLEY_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "facets.h"

enum name_fit {
	NAME_NONE,
	NAME_PART,             /* a part of a label or alias */
	NAME_PREFIX,           /* the start of a run of its words */
	NAME_WORDS,            /* a run of whole words of it */
	NAME_WHOLE,            /* a whole label or alias */
	NAME_ID,               /* the id */
};

/* A term, folded and split into words once. */
struct name_term {
	char *text, *folded;
	size_t *words;         /* pairs of byte offsets into folded: start, end */
	size_t n_words;
};

void name_term_init(struct name_term *t, const char *text);
void name_term_free(struct name_term *t);
/* How term t fits the name s (a label or alias, not folded). */
enum name_fit name_fit(const struct name_term *t, const char *s);
/* How it fits an id: NAME_ID when it is the id, else as the name of it
 * (name_of_id), at best as words of a name (NAME_WORDS: a label or alias
 * whole elsewhere is a better fit). */
enum name_fit name_fit_id(const struct name_term *t, const char *id);
/* An id as a name: its words spaced ("sergey lavrov" is sergey-lavrov's
 * whole, "wang yi" words of wang-yi-ru's), malloc'd. */
char *name_of_id(const char *id);
/* How a term fits an id (not the id itself) when it fits as_name its
 * name_of_id: at best as words of a name. */
enum name_fit name_fit_as_id(enum name_fit as_name);
/* How it fits entity e: its id, else the best of its id, label and aliases
 * as names. */
enum name_fit name_fit_entity(const struct name_term *t, const struct entity *e);

struct name_cand {
	const char *id, *label;
	enum name_fit fit;
	bool group;
	size_t index;          /* the caller's (a facet's index, say) */
};

/* Which candidate the term names: the index into v of the one it resolves
 * to; or -1 when it is ambiguous, with the equally good candidates moved to
 * the front of v (*n_best of them); or -2 when it fits none. */
long name_choose(struct name_cand *v, size_t n, size_t *n_best);

/* The edit distance (in code points, at most cap + 1) between two folded
 * strings, for suggestions. */
size_t name_distance(const char *a, const char *b, size_t cap);
/* Which of a few names (a command's, an option's) a word typed for one
 * meant: the shortest name it begins, else the nearest within 2 edits (1
 * for a word of fewer than 4 characters; the shorter on a tie), else
 * NULL.  The word as typed: the caller folds what it wants folded. */
const char *name_meant(const char *word, size_t len, const char *const *names, size_t n);
/* How near term t is to name s (a label or alias): the least distance to
 * the name or to a run of as many of its words, directly or both
 * transliterated to ASCII (ids.h); at most cap + 1.  The cap for t. */
size_t name_nearness(const struct name_term *t, const char *s, size_t cap);
size_t name_near_cap(const struct name_term *t);

/* How it fits a facet: its id, else the best of its id and every name the
 * corpus gives it. */
enum name_fit names_fit_facet(const struct name_term *t, const struct facet *fc);
/* Resolving a term against a corpus and its facets: the facet's index, or
 * -1 with *why (malloc'd) saying what the term could name instead
 * ("'Wang' names 2 speakers: ...", "no speaker is named 'Lavrof'; did you
 * mean Sergey Lavrov (sergey-lavrov)?"). */
long names_resolve(const struct corpus *c, const struct facets *f, enum entity_kind k, const char *text,
                   char **why);
/* The message for a term that fits several candidates (v as name_choose
 * left it). */
char *names_ambiguous(enum entity_kind k, const char *text, const struct name_cand *v, size_t n_best);
/* The message for a term that fits nothing, with the names nearest to it
 * among the entities of kind k of the corpus. */
char *names_unknown(const struct corpus *c, const struct facets *f, enum entity_kind k, const char *text);

#endif
