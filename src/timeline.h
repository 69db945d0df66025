/* timeline.h - positions over time: the matches of a filter in the order
 * of their readouts' dates, and their stances counted per year or month
 * ("how has Lavrov spoken about Afghanistan since 2021?").  `parley query
 * --timeline` prints the counts; the browser's timeline view (H) draws
 * them as a chart over the list. */
#ifndef PARLEY_TIMELINE_H
#define PARLEY_TIMELINE_H

#include <stddef.h>

#include "corpus.h"
#include "filter.h"

enum tl_unit { TL_AUTO, TL_YEAR, TL_MONTH };

struct tl_period {
	char key[8];           /* "2021" or "2021-07" (or "2021" among months: timeline_period) */
	size_t count[STANCE_COUNT + 1]; /* per stance; the last: none or another */
	size_t total;
};

struct timeline {
	struct match *m;       /* by date (undated last), then corpus order */
	size_t n;
	struct tl_period *p;   /* every period from the first to the last, empty ones too
	                        * (and by months, a year's of its dates of a year alone) */
	size_t np;
	enum tl_unit unit;     /* as chosen (TL_AUTO: years over more than two, else months) */
	struct tl_period undated; /* matches whose readout has no date ("undated") */
};

/* Does position p count in a timeline of filter f's matches?  Not when a
 * reviewer rejected it (its stance, then, is no one's: a misattribution,
 * a misreading), unless f chose rejected positions (--review rejected).
 * (A timeline still lists it, marked.) */
bool timeline_counts(const struct position *p, const struct filter *f);

/* Builds the timeline of filter f's matches m[0..n) (taken: freed with
 * it): all of them listed, those timeline_counts counted. */
void timeline_build(struct timeline *t, const struct corpus *c, const struct filter *f, struct match *m, size_t n,
                    enum tl_unit unit);

/* n positions of a stance (STANCE_COUNT: none or another) in readouts of
 * one date (NULL, or shorter than a year: undated). */
struct tl_dated {
	const char *date;
	int stance;
	size_t n;
};
/* The periods of timeline_build counted from v[0..nv) alone (put in
 * date order), without the matches (t->m NULL): the counts of readouts
 * let go as they came. */
void timeline_count(struct timeline *t, struct tl_dated *v, size_t nv, enum tl_unit unit);
void timeline_free(struct timeline *t);

/* A stance's character in a chart or a narrow table (the last: other):
 * + support, - oppose, > propose, ! concern, = affirm, . neutral, ? other. */
extern const char timeline_glyph[STANCE_COUNT + 1];

/* The period of date (YYYY, YYYY-MM or YYYY-MM-DD) in unit into key (8
 * bytes): by months, a date of a year alone has its year's ("2010", a
 * period of its own before the year's months); false when undated. */
bool timeline_period(const char *date, enum tl_unit unit, char *key);

#endif
