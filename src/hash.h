/* hash.h - the 64-bit hash parley uses where bytes must be recognised:
 * a file's identity (a save checks the file on disk is the one loaded),
 * a text read back from its file, and the index cache's checksum.  Not
 * cryptographic: it tells changed bytes from unchanged ones.  It is
 * xxHash's XXH3 (libxxhash), whose output its specification keeps the
 * same from one release to the next, at the speed memory is read: a
 * query looking for words checks every body of the index cache. */
#ifndef PARLEY_HASH_H
#define PARLEY_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash64(const void *p, size_t n);
/* Folds hash v into running hash h (for a hash of several parts). */
uint64_t hash64_combine(uint64_t h, uint64_t v);

#endif
