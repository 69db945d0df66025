/* names.h - what a name typed by a user stands for: the one rule by which a
 * speaker, topic or agreement is named, shared by the browser's pickers,
 * `parley query` and `parley stats`.
 *
 * A term fits an entity when it is the entity's id (exactly), or when it
 * folds (fold.h: case and accents ignored) to the same string as its label
 * or one of its aliases, in any readout and any language, or to a run of
 * whole words of one of them: "Blinken", "sergueï", "Лавров" and "王毅"
 * name "Antony Blinken", "Sergueï Lavrov", "Сергей Лавров" and
 * "国务委员兼外长王毅" (words are libunistring's, UAX #29, split at full
 * stops too so that "С.В.Лавров" has the word "Лавров"; every Han character
 * is a word).  A term resolves to the entity it fits best: the id before a
 * whole name, a whole name before words of one; among equals a person
 * before a group whose name also holds the words (the group's positions
 * count for the person anyway).  What still fits several entities is
 * ambiguous, and a term that fits none gets the nearest names as
 * suggestions: both are reported with the candidates, never as a bare
 * "no speaker".
 */
#ifndef PARLEY_NAMES_H
#define PARLEY_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "facets.h"

enum name_fit {
	NAME_NONE,
	NAME_PART,             /* a part of a name (a picker narrows by it; it never resolves) */
	NAME_WORDS,            /* whole words of a label or alias */
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
/* How it fits entity e: its id, else the best of its label and aliases. */
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
