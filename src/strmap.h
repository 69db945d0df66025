/* strmap.h - a small open-addressing hash map from strings to integers.
 *
 * Used for corpus-wide identity (readout ids, entity ids) and for the
 * duplicate checks of the loader.  Keys are borrowed: the caller keeps them
 * alive for as long as the map is used.  A put costs a bounded time: when
 * the table grows, its slots move to the new one a few at each later put
 * (the old table is looked in until they all have), not all at once: a
 * corpus growing while the browser shows it never waits on a map of every
 * readout so far.
 */
#ifndef PARLEY_STRMAP_H
#define PARLEY_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* (24 bytes: a corpus's maps hold a slot per readout, entity and file,
 * twice that with the table half empty) */
struct strmap_slot {
	const char *key;
	uint32_t len;              /* keys are shorter than 4 GB */
	uint32_t hash;             /* strmap_hash folded to 32 bits */
	size_t value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, count;
	struct strmap_slot *old; /* the table before it grew, its slots [moved, old_cap) still to move */
	size_t old_cap, moved;
};

size_t strmap_hash(const char *s, size_t n);
/* Looks a key up; returns true and sets *value when it is there. */
bool strmap_get(const struct strmap *m, const char *key, size_t len, size_t *value);
/* Inserts key unless present.  Returns true when inserted; when the key was
 * already there, returns false and sets *existing to its value. */
bool strmap_put(struct strmap *m, const char *key, size_t len, size_t value, size_t *existing);
/* Inserts key unless present, with the value 0: its value's slot, to set
 * before the next put (*added says whether it was inserted).  One look
 * for a key that may be there and is then put. */
size_t *strmap_put_slot(struct strmap *m, const char *key, size_t len, bool *added);
/* The same, with the key's strmap_hash h computed already (one loop that
 * fetches a slot ahead, strmap_prefetch_hash, then puts, hashes once). */
size_t *strmap_put_slot_hash(struct strmap *m, const char *key, size_t len, size_t h, bool *added);
/* Asks the processor for the slot a key would be looked for in first
 * (a put or get soon after finds it in the cache, when the table is too
 * large to stay there: a corpus's ids). */
void strmap_prefetch(const struct strmap *m, const char *key, size_t len);
/* The same, with the key's strmap_hash. */
void strmap_prefetch_hash(const struct strmap *m, size_t h);
/* Room for n keys in all without growing (a load that knows how many
 * readouts it will see: one table, not a table twice as large each time
 * and the moves between them). */
void strmap_reserve(struct strmap *m, size_t n);
void strmap_clear(struct strmap *m);

#endif
