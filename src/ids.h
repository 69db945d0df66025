/* ids.h - ids for the speakers, topics and agreements a user creates:
 * readable, stable (the same label gives the same id) and unique in the
 * corpus, whatever the script of the label.
 *
 * A label becomes a slug of lowercase ASCII letters and digits, its words
 * joined by '-'.  Other scripts are transliterated first by ICU's
 * transforms: Russian by BGN/PCGN ("Сергей Лавров" -> sergey-lavrov, the
 * spelling the format's example ids use), Chinese to pinyin without tones
 * ("俄方" -> e-fang), any other script to its usual Latin form, accents
 * dropped ("Sergueï" -> serguei).  A label with nothing to transliterate
 * (symbols only) gets the kind and a hash of the label (topic-1a2b3c4d).
 * The id is then made unique among the ids of the corpus, of every kind, by
 * a suffix -2, -3...: a new entity never merges with another by accident;
 * one that is meant to be the same is picked from the corpus instead.
 */
#ifndef PARLEY_IDS_H
#define PARLEY_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "facets.h"

/* The slug of label (at most size - 1 bytes, cut between words); "" when
 * nothing is left of it. */
void ids_from_label(const char *label, char *out, size_t size);
/* The id for a new entity of kind k labelled `label` in readout ri: its
 * slug, unique among the corpus's ids (f; NULL: only readout ri's) and
 * readout ri's. */
void ids_new_entity(const struct corpus *c, const struct facets *f, size_t ri, enum entity_kind k,
                    const char *label, char *out, size_t size);

/* base, else the first of base-2, base-3... that taken (called with arg)
 * says is free, in out (size bytes: base cut to leave room for the
 * suffix): the suffix rule of every id parley makes (an entity's, a
 * draft's whose name a readout has). */
void ids_unique(const char *base, bool (*taken)(const char *id, void *arg), void *arg, char *out, size_t size);
/* ids_unique's taken for the keys of a struct strmap (map). */
bool ids_in_map(const char *id, void *map);

#endif
