/* loader.h - loading the corpus behind the browser: a thread loads the
 * files (on every core, from the index cache when it can) and hands each
 * readout over, in corpus order, as soon as it is merged; the screen's
 * thread adds them to the app's corpus and facets between keys, at most
 * LOADER_BATCH at a time (a key never waits behind more), so that readouts
 * can be listed, opened and searched while the rest loads.  When
 * the whole corpus is there, the loader's files, diagnostics and figures
 * become the app's (corpus_take_loaded) and editing can start. */
#ifndef PARLEY_LOADER_H
#define PARLEY_LOADER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "lexicon.h"

struct app;

struct loader {
	char *const *paths;
	size_t n;
	struct corpus corpus;      /* the loader's: files, diagnostics, stubs */
	size_t total, done;        /* files found and merged, written atomically */
	size_t cached;             /* readouts the index cache has of them (atomic) */
	bool reserved;             /* the app's corpus sized for them */
	int finished;              /* set atomically when corpus_load returned */
	int cancel;                /* the app quits: stop loading */
	bool over;                 /* all taken, a->loading ended */
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	struct readout *pending;   /* handed over: [taken, n_pending) not yet taken by the app */
	size_t n_pending, cap_pending, taken;
	struct corpus_file *files; /* copies of the files of those, in order: [files_taken, n_files) */
	size_t n_files, cap_files, files_sent, files_taken;
	/* plain readouts are drafted (extract.h) with the lexicon, read at
	 * the first one */
	struct lexicon lx;
	int lx_state;              /* 0 not read, 1 read, -1 not found */
	pthread_mutex_t lx_mu;
	struct diags lx_diags;     /* why it could not be read */
};

/* The loading threads' nice value (Linux; see loader.c): they yield the
 * cores to the screen's thread when it has a key to take. */
#define LOADER_NICE 10
/* Starts loading paths into the app, on another thread when one can be
 * made (else here and now). */
void loader_start(struct loader *l, struct app *a, char *const *paths, size_t n);
/* The most readouts (and files) loader_poll takes at a time: what a
 * key may wait for (adding them to the corpus and the facets, then the
 * views' work for them, view.h's VIEW_GREW, which the browser's loop does
 * for a few batches at once: GREW_BATCHES) stays well under a millisecond
 * or two whatever the corpus's size. */
#define LOADER_BATCH 64
/* Between keys: at most LOADER_BATCH of the readouts handed over join the
 * app (true when some did); when everything is there and taken, the rest
 * of the load joins and a->loading ends (*finished). */
bool loader_poll(struct loader *l, struct app *a, bool *finished);
/* Are readouts handed over waiting to be taken (poll again without
 * waiting for a key)?  True too when the load is over but not yet taken
 * (loader_poll finishes it). */
bool loader_behind(struct loader *l);
/* Quitting while loading: the loader is told to stop, leaving the index
 * cache as it was, and waited for LOADER_STOP_MS at most; false when it
 * did not stop by then (stuck on a file: the caller leaves with _exit,
 * which ends it, and the new cache's temporary file is gone). */
#define LOADER_STOP_MS 500
bool loader_stop(struct loader *l);
/* Loads paths into the app here and now, without a screen (the plain
 * listing). */
void loader_load_all(struct app *a, char *const *paths, size_t n);

#endif
