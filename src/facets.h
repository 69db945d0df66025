/* facets.h - corpus-wide speakers, topics and agreements.
 *
 * Ids are shared across a corpus: the same id in two readouts is the same
 * entity.  This index gives each id one entry with the label to show (the
 * first readout's, unless a later readout is in the user's language), its
 * counts, and for every readout a map from its local entity indexes to the
 * corpus-wide ones.
 */
#ifndef PARLEY_FACETS_H
#define PARLEY_FACETS_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "strmap.h"

struct facet {
	const char *id, *label;
	const char *label_lang; /* lang of the readout the label comes from */
	enum entity_kind kind;
	size_t n_positions;     /* positions it takes part in (speakers: groups count for members) */
	size_t n_readouts;      /* readouts that declare it */
	size_t n_mentions;
	const struct entity *first; /* its first definition (aliases, role, country...) */
	uint32_t *rd;           /* the readouts that declare it, in corpus order (the index filters use) */
	size_t n_rd, cap_rd;
	uint32_t first_readout;
};

struct facets {
	struct facet *v[ENT_KINDS];
	size_t n[ENT_KINDS], cap[ENT_KINDS];
	struct strmap map[ENT_KINDS];       /* id -> index into v[kind] */
	uint32_t **local[ENT_KINDS];        /* local[kind][readout][i]: corpus-wide index */
	size_t n_readouts, cap_readouts;
};

/* The user's language ("fr" from LANG=fr_FR.UTF-8), or "" when unknown. */
const char *facets_user_lang(void);
void facets_build(struct facets *f, const struct corpus *c, const char *user_lang);
/* Readout ri joins the facets (f zeroed for a first one): readouts join in
 * corpus order, so that a corpus can be indexed as it loads. */
void facets_add_readout(struct facets *f, const struct corpus *c, size_t ri, const char *user_lang);
/* Index of an id of the given kind, or -1. */
long facets_find(const struct facets *f, enum entity_kind kind, const char *id);
/* Corpus-wide index of local entity i of readout r. */
static inline uint32_t facets_global(const struct facets *f, enum entity_kind k, size_t r, uint32_t i)
{
	return f->local[k][r][i];
}
/* A new entity e of readout ri (local index `local`, already counted in
 * the readout's array or about to be): joins the facet of its id, or makes a
 * new one. */
void facets_add_entity(struct facets *f, const struct corpus *c, size_t ri, enum entity_kind k,
                       const struct entity *e, uint32_t local);
/* Adds (delta +1) or takes away (-1) the positions of readout ri in the
 * facets' position counts: an edit takes a readout's away, changes it, and
 * adds them back. */
void facets_count_positions(struct facets *f, const struct corpus *c, size_t ri, int delta);
void facets_free(struct facets *f);

#endif
