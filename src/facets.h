/* facets.h - corpus-wide speakers, topics and agreements.
 *
 * Ids are shared across a corpus: the same id in two readouts is the same
 * entity.  This index gives each id one entry with every name the corpus
 * gives it (labels with the language of their readouts, and aliases), the
 * label to show, its counts, and for every readout a map from its local
 * entity indexes to the corpus-wide ones.
 *
 * The label shown is the format's rule: the one the most readouts in the
 * user's language give, else the one the most English readouts give, else
 * the one the most readouts give (ties: the first met), so that it does not
 * depend on which file loaded first.  The user's language is LANGUAGE (its
 * first), `set lang` in the config, then LC_ALL, LC_MESSAGES, LANG
 * (facets_user_lang); "" (as for the C locale) goes straight to English.
 */
#ifndef PARLEY_FACETS_H
#define PARLEY_FACETS_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "strmap.h"

/* A name of a facet: a label, with the primary language subtag of the
 * readouts that give it (so "Wang Yi" in French and in English readouts is
 * two names), or an alias (lang ""). */
struct facet_name {
	const char *s;
	char lang[12];          /* padded with NULs (facet_names_add compares it whole) */
	bool label;
	uint32_t readouts;      /* how many readouts give it */
	uint32_t hash;          /* of s (facet_name_hash): names told apart without reading s */
};

/* The hash a facet_name holds of its string s (n bytes). */
uint32_t facet_name_hash(const char *s, size_t n);

/* The names of an entity: one more readout gives s, a label in language
 * lang (of a readout) or an alias (label false, lang ignored); returns its
 * entry, *made when it is new (it holds s itself). */
struct facet_name *facet_names_add(struct facet_name **v, size_t *n, size_t *cap, const char *s, const char *lang,
                                   bool label, bool *made);
/* The label to show among names v (the rule above, for user_lang, a
 * primary subtag or ""), or NULL when there is no label. */
const char *facet_names_choose(const struct facet_name *v, size_t n, const char *user_lang);

struct facet {
	const char *id, *label; /* label: the one to show (see above) */
	struct facet_name *names;
	size_t n_names, cap_names;
	size_t label_name;      /* names[label_name] is the label shown (SIZE_MAX: none yet) */
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
	char lang[12];                      /* the user's language (facets_build), "" none */
	struct facet *v[ENT_KINDS];
	size_t n[ENT_KINDS], cap[ENT_KINDS];
	struct strmap map[ENT_KINDS];       /* id -> index into v[kind] */
	uint32_t **local[ENT_KINDS];        /* local[kind][readout][i]: corpus-wide index */
	size_t n_readouts, cap_readouts;
	/* facets_tally's: the strings of readouts not held, copied */
	struct arena copies;
};

/* The user's language ("fr" from LANG=fr_FR.UTF-8) into buf (12 bytes at
 * least): LANGUAGE's first, then config_lang (`set lang`, may be NULL),
 * then LC_ALL, LC_MESSAGES and LANG; "" when none names one. */
const char *facets_user_lang(const char *config_lang, char *buf, size_t size);
/* Starts empty facets that show labels in user_lang. */
void facets_init(struct facets *f, const char *user_lang);
void facets_build(struct facets *f, const struct corpus *c, const char *user_lang);
/* Readout ri joins the facets (facets_init'ed for a first one): readouts
 * join in corpus order, so that a corpus can be indexed as it loads. */
void facets_add_readout(struct facets *f, const struct corpus *c, size_t ri);
/* Readout r, which the facets do not hold, joins their counts and names
 * as facets_add_readout would have it join (the same rule): its strings
 * copied, neither its index in the facets' lists of readouts (rd) nor
 * its local indexes kept, and no first definition (first NULL).  For
 * counts alone, of readouts let go as they load (stats). */
void facets_tally(struct facets *f, const struct readout *r);
/* The label of facet i of kind k best for a readout in language lang (a
 * label some readout in that language gives, else the facet's label). */
const char *facets_label_in(const struct facets *f, enum entity_kind k, size_t i, const char *lang);
/* The facets of kind k in the one order every list of them uses (the
 * navigator, the pickers, stats): most positions first, then most
 * readouts, then by label and id.  An array of f->n[k] indexes (malloc'd). */
size_t *facets_ranked(const struct facets *f, enum entity_kind k);
/* The same order by other counts (positions[i], readouts[i] of facet i:
 * those within filters, say). */
size_t *facets_ranked_by(const struct facets *f, enum entity_kind k, const size_t *positions, const size_t *readouts);
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
/* The colour slot (of n) of speaker `local` of readout ri: its corpus-wide
 * index modulo n, so a speaker keeps its colour across readouts, unless an
 * earlier speaker of the readout has that slot: then the next free one, so
 * that two speakers of one readout differ while there are slots enough. */
size_t facets_speaker_slot(const struct facets *f, const struct corpus *c, size_t ri, uint32_t local, size_t n);
void facets_free(struct facets *f);

#endif
