/* file_load.h - what loading one file gives, the unit the loader's threads
 * make, the index cache stores and the corpus merges in order. */
#ifndef PARLEY_FILE_LOAD_H
#define PARLEY_FILE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "diag.h"
#include "readout.h"

/* Where a readout's body is in an index cache that is not decoded yet
 * (cache.h: cache_decode's lazy), what was decided of it, and where its
 * head is when it was only skimmed (cache_decode's skim). */
struct cache_body {
	const unsigned char *p;
	size_t n;
	uint64_t hash;
	bool stream;               /* a streamed cache's: strings copied, text left out */
	bool cannot;               /* corpus_opts.may_have said no, or its bytes hold its hash and may_keep did */
	const unsigned char *set;  /* the byte values its text, then its summaries, hold (in its head: 2 x 32 bytes) */
	bool intact;               /* its bytes are known to hold its hash */
	bool rest_intact;          /* those past its text are (its text unread: cache_body_view's no_text) */
	bool text_unread;          /* (a view's: cache_body_view's no_text) */
	bool keep_text;            /* streamed: its text copied all the same (a filter looks at it) */
	bool judged;               /* corpus_opts.judge decided its positions: verdicts at verdict_at */
	size_t verdict_at;         /* in its file_load's verdicts, one enum judged per position */
	size_t n_verdicts;         /* (its positions) */
	bool skimmed;              /* its head read only in part: at head, head_n bytes (cache_read_head) */
	const unsigned char *head;
	size_t head_n;
	uint32_t n_ents[ENT_KINDS]; /* skimmed: how many entities of each kind the head has */
};

/* A readout id's length and strmap_hash, for the merge's map of ids. */
struct id_key {
	size_t len, hash;
};

/* What loading one file gives, in the order the corpus merges it: readout
 * i comes after the first diag_before[i] diagnostics. */
struct file_load {
	off_t size;
	mode_t mode;               /* what the file is (a message says so when it is refused) */
	struct timespec mtime;
	/* its status change: a file put back with its old size and mtime
	 * (cp -p, rsync -a, tar) has a new one */
	struct timespec ctime;
	uint64_t hash;
	bool jsonl, racy, io_error;
	int err;                   /* errno of an I/O error */
	struct readout *readouts;
	size_t n_readouts, cap_readouts;
	size_t *diag_before;
	struct cache_body *bodies; /* NULL, or each readout's body still in the cache (cache_decode's lazy) */
	struct id_key *ids;        /* NULL, or each readout's id's length and strmap_hash, found on the
	                            * thread that made it (the merge then need not read the id) */
	struct strbuf verdicts;    /* what corpus_opts.judge decided of the bodies' positions */
	struct arena heads;        /* the arrays of streamed lazy heads (a readout kept copies its own) */
	struct diags diags;
	size_t n_skipped;          /* readouts rejected */
	char *draft_json;          /* a draft: the readout drafted from a text (malloc'd) */
	size_t draft_len;
	/* while loading, what a failed allocation leaves to free (arena.h):
	 * the file's bytes, the readout being built */
	char *raw;
	struct readout building;
	bool building_on;
};

void file_load_free(struct file_load *fl);

#endif
