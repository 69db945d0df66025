/* order.h - the orders readouts are listed in: by date (newest first), by
 * title, by language or by file path.  The navigator's rule; `parley query`
 * or any other lister may call it too.
 *
 * Date: newest first, a readout without a date last; a date of the format
 * is compared as written ("2021-07-15" after "2021-07", before "2021-08").
 * Title: folded (case and accents ignored, fold.h), then by bytes; a readout
 * without a title by its id.  Language: the tag, case ignored; without one
 * last.  Path: the file's path, then the place in the file.  Ties go on
 * with the date (newest first), then the path and place, so the order is
 * total and the same on every run. */
#ifndef PARLEY_ORDER_H
#define PARLEY_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

enum readout_order { ORDER_DATE, ORDER_TITLE, ORDER_LANG, ORDER_PATH, ORDER_COUNT };

/* "date", "title", "language", "path" */
extern const char *const readout_order_names[ORDER_COUNT];

/* The order named `name` (the names above), or -1. */
int readout_order_by_name(const char *name);

/* Sorts idx[0..n) (indexes into c->readouts) in order o. */
void readouts_sort(const struct corpus *c, size_t *idx, size_t n, enum readout_order o);

/* A list's packed keys, parallel to its indexes (idx[i]'s at v[i]): what
 * readouts_merge compares, the first bytes of the fields the order looks
 * at and the readout's file and place in it, without going back to the readouts, their
 * strings and their files for each comparison (those it cannot settle
 * are compared in full).  Valid for the list in order o while the
 * readouts and files it was made from are unchanged (a list grown while
 * the corpus loads); zeroed: none yet. */
struct order_key {
	uint64_t first;        /* the order's field's first 8 bytes (big-endian, 0-padded) */
	uint64_t date;         /* its date's digits, likewise */
	uint64_t offset;       /* in its file */
	uint32_t file;
	uint8_t flags;         /* ORDER_KEY_* */
};
struct order_keys {
	struct order_key *v;
	size_t n, cap;
	enum readout_order o;
	size_t files_seen;     /* c->files checked: their paths strictly increase */
	bool files_sorted;     /* so far they do (a file's index then orders its path) */
};
void order_keys_free(struct order_keys *k);
/* k made for the list idx[0..n) in order o, unless it was (c's files
 * added since are checked). */
void order_keys_make(const struct corpus *c, struct order_keys *k, const size_t *idx, size_t n,
                     enum readout_order o);

/* Merges add[0..n_add) into idx[0..n), both sorted in order o and with no
 * readout in both, in place (idx has room for n + n_add): the list that
 * sorting them all would make, the order being total, for n_add log n
 * comparisons and one move of idx (readouts arriving while loading).  k
 * (or NULL) holds idx's keys, made for all of idx first when it does not
 * (for another list, another order), and keeps them with the merged list. */
void readouts_merge(const struct corpus *c, size_t *idx, size_t n, const size_t *add, size_t n_add,
                    enum readout_order o, struct order_keys *k);

/* Puts the matches m[0..n) (filter.h: grouped by readout, in corpus order)
 * in the order of the readouts idx[0..n_idx), keeping each readout's in
 * the order they were; matches of readouts not in idx go last.  n_readouts
 * bounds the readout indexes. */
struct match;
void matches_sort(struct match *m, size_t n, const size_t *idx, size_t n_idx, size_t n_readouts);
/* Merges add[0..n_add) (matches of readouts that m has none of, grouped by
 * readout as filter_matches gives them) into m[0..n) (in the order of
 * idx, as matches_sort leaves them), in place: m has room for n + n_add.
 * The same as matches_sort of them all, for a pass over m (readouts
 * arriving while loading; idx the list they were merged into, in which
 * m's readouts kept their order). */
void matches_merge(struct match *m, size_t n, const struct match *add, size_t n_add, const size_t *idx, size_t n_idx,
                   size_t n_readouts);

#endif
