/* texts.h - readout texts on demand: the set of texts read back, between
 * corpus.c and texts.c (the API, corpus_text, is in corpus.h).
 *
 * A corpus loaded with corpus_opts.lazy_texts keeps each readout's
 * annotations but lets its text go (the texts are about half of a corpus).
 * corpus_text() gives a readout's text whether it is held or not: a text
 * that was let go is read back from its file - the readout's own bytes,
 * at the offset it was loaded from - and checked against what was loaded
 * (the text's length and 64-bit hash) before it is used; a file changed on
 * disk since gives NULL and an error, never a text that the spans do not
 * fit (a file only touched still reads).  A failure is remembered until
 * corpus_texts_forget (after a reload), so a screen that asks at every
 * redraw does not read the file each time.
 *
 * The texts read back are kept in a small set, the least recently used
 * going first: a pointer from corpus_text() stays valid until
 * TEXTS_KEPT other texts have been read back (or corpus_texts_forget). */
#ifndef PARLEY_TEXTS_H
#define PARLEY_TEXTS_H

#include <stddef.h>

#include "corpus.h"


/* Lets readout r's own text go (corpus_opts.lazy_texts); its length and
 * hash stay. */
void readout_let_text_go(struct readout *r);

/* The set of a new corpus (corpus_init), and its end (corpus_free). */
struct texts *texts_new(void);
void corpus_texts_free(struct corpus *c);

#endif
