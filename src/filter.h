/* filter.h - the one filter engine: which readouts and positions match a
 * combination of speakers, topics, agreements, stances, review states,
 * dates, languages and words of text.  Within one kind the chosen values are
 * alternatives (OR); kinds combine with AND.  Used by the browser's filters
 * and by `parley query`.
 *
 * Dates: a date of the format is a day, a month or a year, so it is a range
 * of days ("2021-07" is 2021-07-01 to 2021-07-31).  The bounds are ranges
 * too: `since` starts at the first day of its range, `until` ends at the last
 * day of its range.  A readout is within the bounds when its range overlaps
 * them: a readout dated 2021-07 is within since 2021-07-10 (it may be from
 * the 10th or later), one dated 2021 is within until 2021-03.  A readout
 * without a date never matches a date bound.
 *
 * Languages: a chosen language is a range in the sense of RFC 4647 basic
 * filtering: "zh" matches "zh", "zh-Hans" and "zh-Hant-TW"; "zh-Hans"
 * matches "zh-Hans-CN" but not "zh"; case does not matter.  A readout
 * without a lang never matches.
 *
 * Kinds: a readout matches when its kind is one of those chosen; a readout
 * without a kind never matches.
 *
 * Speakers together (all_speakers): a readout matches only when it declares
 * every chosen speaker (Lavrov and Wang Yi, not either), and its positions
 * that match are those of any chosen speaker.  With one speaker chosen it is
 * the same as either.
 *
 * Text: each chosen text is a list of words folded with fold_dup() (case
 * and accents ignored); a position matches one when every word occurs in the
 * folded text of its span or in its folded summary (each word in either).
 * Several texts are alternatives.  Readout-level checks (filter_readout)
 * treat stances, reviews and texts as "has a position that matches". */
#ifndef PARLEY_FILTER_H
#define PARLEY_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "facets.h"
#include "search.h"

struct idset {
	uint32_t *v;           /* the members, in the order they were added */
	size_t n, cap;
	unsigned char *bits;   /* bits[x] is 1 when x is a member: O(1) lookups */
	size_t nbits;
};

struct filter {
	struct idset ents[ENT_KINDS]; /* corpus-wide entity indexes */
	unsigned stances;             /* bit per enum stance (STANCE_UNKNOWN included: other values,
	                               * and none); 0: any */
	unsigned reviews;             /* bit per enum review; 0: any */
	char since[11], until[11];    /* YYYY-MM-DD bounds, "" when unset (filter_set_dates) */
	unsigned kinds;               /* bit per enum readout_kind; 0: any */
	bool all_speakers;            /* the chosen speakers together (AND), not either (OR) */
	char **langs;                 /* language ranges (filter_add_lang) */
	size_t n_langs;
	char **events;                /* events (filter_add_event): a readout of one of them */
	size_t n_events;
	struct filter_text {
		struct needle *words; /* none empty (search.h) */
		size_t n;
	} *texts;                     /* filter_add_text */
	size_t n_texts;
};

struct match {
	uint32_t readout, position;
};

bool filter_is_empty(const struct filter *f);
/* How many filters are on: each speaker, topic, agreement, language,
 * kind and event chosen, each text looked for, the dates, the stances
 * and the reviews (each of the last three one, whatever it holds). */
size_t filter_count(const struct filter *f);
/* Does it ask anything of what a readout's head holds (its date,
 * language, kind, event, entities), beyond its positions' words,
 * stances and reviews? */
bool filter_reads_heads(const struct filter *f);
bool idset_has(const struct idset *s, uint32_t v);
/* Adds v when absent, removes it when present; returns true when now present. */
bool idset_toggle(struct idset *s, uint32_t v);
void idset_add(struct idset *s, uint32_t v);

/* A readout matches when, for every kind with chosen entities, it declares
 * one of them. */
bool filter_readout(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t ri);
/* A position matches when, for every kind with chosen entities, it refers to
 * one of them (a group speaker's positions count for each member), and its
 * stance and review state are among those chosen. */
bool filter_position(const struct filter *f, const struct corpus *c, const struct facets *fa,
                     size_t ri, size_t pi);
/* The readouts that match, in corpus order (out: n_readouts entries at
 * most); returns the count.  Uses the facets' index of which readouts
 * declare an entity, so a narrow filter does not visit every readout. */
size_t filter_readouts(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t *out);
/* All matching positions of the corpus, in corpus order and each readout's
 * in text order (readout_text_order); returns the count. */
size_t filter_matches(const struct filter *f, const struct corpus *c, const struct facets *fa,
                      struct match **out);
/* The same of readouts [from, c->n_readouts) alone: those arrived since
 * (visiting only them). */
size_t filter_matches_from(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t from,
                           struct match **out);
/* Per facet of each kind: the positions it takes part in (a group's count
 * for its members) and the readouts they are in, among matches (filter.h's
 * struct match, in corpus order); rd_total the readouts with a match.  The
 * facet counts that follow the filters: stats, the navigator. */
struct facet_counts {
	size_t *pos[ENT_KINDS], *rd[ENT_KINDS];
	size_t n[ENT_KINDS];    /* the facets counted, per kind */
	size_t rd_total;
};
void facets_count_matches(struct facet_counts *k, const struct corpus *c, const struct facets *fa,
                          const struct match *m, size_t n);
void facet_counts_free(struct facet_counts *k);

void filter_clear(struct filter *f);

/* Sets the lower (since) and upper (until) date bounds; either may be NULL
 * (left as it was).  Dates are YYYY-MM-DD, YYYY-MM or YYYY; returns false,
 * changing nothing, when one is not such a date. */
bool filter_set_dates(struct filter *f, const char *since, const char *until);
/* Do the date bounds leave no date (since after until)? */
bool filter_dates_empty(const struct filter *f);
/* Adds a language range (a BCP 47 tag or its prefix); false when it is not
 * well-formed, or its language subtag is of 4 letters or more (the form of
 * none: `french`, not `fr`). */
bool filter_add_lang(struct filter *f, const char *range);
/* Adds the language range when absent, removes it (case ignored) when
 * present; returns true when now present.  False too when it is not
 * well-formed (nothing changes). */
bool filter_toggle_lang(struct filter *f, const char *range);
/* Sets both date bounds from one text: "SINCE..UNTIL", "SINCE..",
 * "..UNTIL", or one date (its range: "2021-07" is all of July); "" clears
 * both.  Spaces around the dates are ignored.  Returns false, changing
 * nothing, when a date is not a date of the format, or when no date is
 * in both (SINCE after UNTIL), and says why in why (as date_why_not
 * does, naming the date). */
bool filter_set_period(struct filter *f, const char *text, char *why, size_t why_size);
/* Adds an event: readouts whose `event` is one of those added. */
void filter_add_event(struct filter *f, const char *event);
/* Forgets the events added. */
void filter_clear_events(struct filter *f);
/* Adds an alternative: the words of `words` (split at white space), all of
 * which must occur.  Returns false when it has no word that folds to
 * something. */
bool filter_add_text(struct filter *f, const char *words);
/* The first and last day of a format date ("2021-07" -> 2021-07-01 and
 * 2021-07-31; the last day is 31 whatever the month: only the order of the
 * bounds matters).  lo and hi get 11 bytes each. */
void filter_date_range(const char *date, char *lo, char *hi);
/* RFC 4647 basic filtering of tag by range, ignoring case. */
bool filter_lang_matches(const char *range, const char *tag);
/* The readout-level part of the filter alone: dates and languages. */
bool filter_readout_meta(const struct filter *f, const struct readout *r);
/* The words of text alone, for a readout whose text is at hand (r->text):
 * has it a position with the words of a chosen text?  True without texts
 * chosen.  A keep hook leaves out what cannot match. */
bool filter_readout_words(const struct filter *f, const struct readout *r);
/* Can bytes holding a readout's strings (corpus_opts.may_keep) hold the
 * words of a chosen text (each word of one of them somewhere)?  False
 * only when they cannot (needle_may_be_in); true without texts chosen. */
bool filter_words_may_be_in(const struct filter *f, const char *bytes, size_t n);
/* The same asked of the set of byte values some bytes hold
 * (needle_may_be_in_set). */
bool filter_words_may_be_in_set(const struct filter *f, const unsigned char set[32]);
/* May any of the words of the chosen texts be in bytes whose set of
 * values is set (each word alone)? */
bool filter_any_word_may_be_in_set(const struct filter *f, const unsigned char set[32]);
/* The same asked of the bytes themselves (needle_may_be_in). */
bool filter_any_word_may_be_in(const struct filter *f, const char *bytes, size_t n);
/* Is each chosen text one word (any word may be in some bytes: the words
 * of a chosen text may be)?  False without texts. */
bool filter_one_word_each(const struct filter *f);
/* What the filter says of each position of r alone (its text at hand):
 * verdict[p] JUDGED_YES when position p has the words of a chosen text
 * and a stance and review chosen, else JUDGED_NO (corpus_opts.judge, with
 * judged_for f; what it says of readouts and entities is asked apart).
 * hints (NULL: none; struct judge_hints): with the set of byte values
 * r's text holds, a word that cannot be there (needle_may_be_in_set) is
 * looked for in the summaries alone; with where the summaries are, each
 * word is looked for in them all at once.  Is any of them JUDGED_YES? */
bool filter_judge(const struct filter *f, const struct readout *r, const struct judge_hints *hints,
                  unsigned char *verdict);

#endif
