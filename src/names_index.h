/* names_index.h - the names of a corpus's entities: for each kind, every
 * entity's id, in the order readouts first declare it, whether it is a
 * group (as its first readout says), and its names (labels, in the
 * languages of the readouts that give them, and aliases, each with how
 * many readouts give it: struct facet_name), from every readout noted,
 * kept or not.
 *
 * What a query resolves names by (query.h), and what it says of a name
 * that fits nothing or two.  Saved beside the index cache (cache.h) under
 * the cache's checksum, so that a load from that cache, every record
 * fresh, has a query's names resolved before the first readout is read:
 * one load by ids, not one to find the ids and another to load them.
 *
 * A saved table is never trusted: its magic, version, byte order, the
 * checksum it is for and its own hash must hold, and every count and
 * length is checked against what is left before it is used; a table found
 * bad is as none.
 */
#ifndef PARLEY_NAMES_INDEX_H
#define PARLEY_NAMES_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "facets.h"
#include "readout.h"
#include "strmap.h"

/* Where a name was first given: which declaration of an entity (of all
 * the entities of every readout noted, counted in order: readouts, then
 * kinds, then entities), and whether that declaration made the entity a
 * group.  A query's candidates are met, and take that flag, where a name
 * of theirs first fits (query_names). */
struct names_seen {
	uint64_t at;
	bool group;
};

struct names_ent {
	const char *id;            /* (the table's copy) */
	bool group;                /* as its first declaration says */
	uint64_t at;               /* that declaration (names_seen) */
	struct facet_name *v;      /* its names, strings the table's */
	struct names_seen *seen;   /* each name's first declaration (seen[i] of v[i]) */
	size_t n, cap, cap_seen;
};

struct names_index {
	struct arena arena;
	struct strmap ids[ENT_KINDS]; /* id -> index into v */
	struct names_ent *v[ENT_KINDS];
	size_t n[ENT_KINDS], cap[ENT_KINDS];
	uint64_t decls;            /* declarations noted */
};

#define NAMES_ALL_KINDS ((1u << ENT_KINDS) - 1)

/* Notes the entities of readout r of the kinds in bit mask `labels` (their
 * labels) and `aliases` (their labels and aliases). */
void names_index_note(struct names_index *ni, const struct readout *r, unsigned labels, unsigned aliases);
/* Entity id of kind k (added, with group, when new) gives name nm as
 * many more times as nm->readouts says (where it was seen first is not
 * kept: a table for labels and messages). */
void names_index_give(struct names_index *ni, enum entity_kind k, const char *id, bool group,
                      const struct facet_name *nm);
/* The index of entity id of kind k, or -1. */
long names_index_find(const struct names_index *ni, enum entity_kind k, const char *id);
/* Forgets every entity (the memory kept for the next). */
void names_index_clear(struct names_index *ni);
void names_index_free(struct names_index *ni);

/* The table as bytes (appended to b), for the cache of checksum `key`. */
void names_index_encode(const struct names_index *ni, uint64_t key, struct strbuf *b);
/* Reads a table encoded for the cache of checksum `key` into ni (empty);
 * false, ni left empty, when the bytes are not one whole and sound. */
bool names_index_decode(struct names_index *ni, const void *p, size_t n, uint64_t key);

/* For fuzzing: n bytes (at least a header's) given the header encode
 * would write for their body, the key they hold kept. */
void names_index_reseal(void *p, size_t n);

#endif
