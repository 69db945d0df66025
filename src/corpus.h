/* corpus.h - a corpus: the readouts of every file and directory given, in
 * the order the format prescribes, with the diagnostics of those that could
 * not be loaded.  One bad readout never stops the others. */
#ifndef PARLEY_CORPUS_H
#define PARLEY_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "diag.h"
#include "readout.h"
#include "strmap.h"

struct corpus_file {
	char *path;            /* as given, or joined under a given directory */
	bool jsonl;
	off_t size;
	struct timespec mtime;
	uint64_t hash;         /* FNV-1a of the bytes as loaded: a save checks the file still has them */
	size_t n_readouts;     /* loaded from this file */
	size_t n_skipped;      /* rejected readouts (lines of a .jsonl) */
	bool io_error;
};

struct corpus {
	struct corpus_file *files;
	size_t n_files, cap_files;
	struct readout *readouts;
	size_t n_readouts, cap_readouts;
	struct diags diags;
	size_t n_skipped;      /* readouts rejected, over all files */
	size_t n_io_errors;    /* paths that could not be read */
	struct strmap ids;     /* readout id -> index in readouts */
};

void corpus_init(struct corpus *c);
/* Loads a file or a directory (recursively: *.json and *.jsonl, in byte
 * order of path, hidden entries skipped).  Problems go to c->diags. */
void corpus_add_path(struct corpus *c, const char *path);
/* Loads readouts from an in-memory buffer as if it were file `path`. */
void corpus_add_buffer(struct corpus *c, const char *path, const char *buf, size_t n, bool jsonl);
/* Index of the readout with this id, or -1. */
long corpus_find(const struct corpus *c, const char *id);
void corpus_free(struct corpus *c);

/* 64-bit FNV-1a hash of a file's bytes. */
uint64_t corpus_hash(const char *buf, size_t n);

/* True when path names a JSON Lines file (by its .jsonl suffix). */
bool path_is_jsonl(const char *path);

#endif
