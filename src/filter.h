/* filter.h - the one filter engine: which readouts and positions match a
 * combination of speakers, topics, agreements, stances and review states.
 * Within one kind the chosen values are alternatives (OR); kinds combine
 * with AND.  Used by the browser's filters and by `parley query`. */
#ifndef PARLEY_FILTER_H
#define PARLEY_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "facets.h"

struct idset {
	uint32_t *v;
	size_t n, cap;
};

struct filter {
	struct idset ents[ENT_KINDS]; /* corpus-wide entity indexes */
	unsigned stances;             /* bit per enum stance (STANCE_UNKNOWN included); 0: any */
	unsigned reviews;             /* bit per enum review; 0: any */
};

struct match {
	uint32_t readout, position;
};

bool filter_is_empty(const struct filter *f);
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
/* All matching positions of the corpus, in corpus order; returns the count. */
size_t filter_matches(const struct filter *f, const struct corpus *c, const struct facets *fa,
                      struct match **out);
void filter_clear(struct filter *f);

#endif
