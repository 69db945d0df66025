/* draft.h - drafting positions into a readout that has none yet (an
 * account of a meeting loaded without annotations): the extractor
 * (extract.h) reads the readout's own text, and its speakers, topics,
 * agreements and positions join the readout as edits (edit.h), so undo,
 * the journal and saving treat them like any other; every drafted position
 * is pending, by extract.  The browser's d (in the reader and the compare
 * view) calls this. */
#ifndef PARLEY_DRAFT_H
#define PARLEY_DRAFT_H

#include "diag.h"
#include "edit.h"
#include "lexicon.h"

/* Drafts the positions of readout ri (which must have none).  Returns how
 * many were made (0: the extractor found none), or -1 with the reason in
 * d.  The caller has started an edit group. */
long draft_positions(struct history *h, size_t ri, const struct lexicon *lx, struct diags *d);

#endif
