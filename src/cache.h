/* cache.h - the index cache: what loading each file of a corpus gave (its
 * readouts in the compact model and its diagnostics), kept on disk so that
 * the next load of the same paths reads one file instead of parsing them.
 *
 * One cache file per list of paths given, under $XDG_CACHE_HOME/parley
 * (else ~/.cache/parley), named by a hash of the absolute paths.  It holds,
 * per readout file, the file's path, size, mtime, ctime and hash (hash.h),
 * and the serialised result of loading it.  A record is used only when the
 * file's size, mtime and ctime (to the nanosecond) are those recorded (the
 * ctime: a file put back with its old size and mtime, by cp -p, rsync -a
 * or tar, has a new one) and the file was not modified while it was being
 * read (a "racy" record, whose mtime was not older than the load, is
 * always loaded again); other files are parsed
 * again and the cache is rewritten (a temporary file renamed over the old
 * one, so readers never see half a cache).
 *
 * The cache is never trusted: a file with the wrong magic, version,
 * endianness, key (the list of paths) or checksum of its body is ignored,
 * and every count, offset and length read from it is checked against the
 * bounds of the record before use, so a truncated or corrupted cache at
 * worst makes parley load the files again.  Strings of readouts read from
 * the cache point into its mapping, which the corpus keeps.
 */
#ifndef PARLEY_CACHE_H
#define PARLEY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "file_load.h"
#include "readout.h"
#include "strmap.h"


/* A large .jsonl read in blocks of lines (corpus.c) has a record per
 * block, a segment: its bytes [from, from + len) of the file, their hash
 * (hash64), the lines before it, and then an empty last one (`last`),
 * whose file hash (fl->hash) is the file's.  A file read whole has one
 * record, its own last segment. */
struct cache_seg {
	uint64_t from, len, hash;
	uint64_t line0;
	bool last;
};

struct cache;

/* Appends the record of file `path` to b; seg NULL: the whole file. */
void cache_encode(struct strbuf *b, const char *path, const struct file_load *fl, const struct cache_seg *seg);
/* The same, the bodies made in scratch first (its memory reused from one
 * record to the next). */
void cache_encode_with(struct strbuf *b, struct strbuf *scratch, const char *path, const struct file_load *fl,
                       const struct cache_seg *seg);
/* Appends to b the record of entry i (a segment) as it is, but for the
 * file's size, mtime and ctime and whether it is racy, which are now
 * these. */
void cache_copy_seg(struct strbuf *b, const struct cache *k, size_t i, const struct file_load *fl);

/* An open cache file. */
struct cache_entry {
	const char *path;          /* in the mapping's table of contents */
	/* its entry in the table of contents, whose first 16 bytes and the
	 * n_opening after TOC_FIXED the record's must be (cache_decode) */
	const unsigned char *toc;
	size_t n_opening;
	const unsigned char *rec;  /* the whole record */
	size_t n;
	/* the record's heads (what each readout is and declares, and where
	 * its body is, with the body's hash), then its bodies (text,
	 * mentions, positions) */
	const unsigned char *heads, *bodies;
	size_t n_heads, n_bodies;
	off_t size;
	struct timespec mtime, ctime;
	bool racy;
	struct cache_seg seg;
	size_t n_segs;             /* of the first segment: its file's records, the last included */
	size_t n_readouts;         /* its heads say (a load's maps are sized once from them) */
	uint64_t heads_hash;       /* what hash64 of its heads must be (cache_decode checks it) */
};

struct cache {
	unsigned char *map;
	size_t len;
	struct cache_entry *files;
	size_t n_files;
	struct strmap index;       /* path -> index into files */
	/* streaming (cache_open's stream): what is kept is copied out, and
	 * the pages read are given back as the reading goes on */
	bool stream;
	/* streaming: the file, open, for cache_read_span's reads */
	int fd;
	bool fd_open;
	size_t released;           /* bytes of the mapping given back */
	size_t toc_released;       /* its table of contents given back up to here (from its start) */
	uint64_t sum;              /* its checksum: what it holds, told apart from any other cache's */
	/* its readouts' ids are all different (the load that wrote it found
	 * no two alike: cache_writer_commit) */
	bool ids_distinct;
};

/* The header's flag for cache.ids_distinct. */
#define CACHE_IDS_DISTINCT 1u

/* The cache file for these paths (malloc'd), or NULL when there is no
 * cache directory ($XDG_CACHE_HOME and $HOME unset); the directory is
 * created.  *key gets the string that identifies the list of paths.
 * One cache per list of paths; a cache's mtime is when it was last used
 * (cache_open refreshes it), and writing a cache removes those not used
 * for CACHE_KEEP_DAYS. */
#define CACHE_KEEP_DAYS 30
char *cache_file_for(char *const *paths, size_t n, char **key);
/* Why no index cache could be made or written, the first time in this
 * process ("cannot make the directory /x/parley: Not a directory",
 * "cannot write /x/parley/....idx: No space left on device"), or NULL:
 * for a command to warn of once, as it ends (loads then read every file
 * again, each time, without it). */
const char *cache_trouble(void);
/* That, said once on f as a warning ("PROG: warning: no index cache:
 * ..."), sanitized; nothing when there was no trouble or it was said. */
void cache_say_trouble(FILE *f, const char *prog);

/* Opens and checks a cache; false (and *k empty) when it is missing,
 * foreign or corrupt.  stream: the cache is read once, in order, by a
 * caller that keeps nothing pointing into it (cache_decode then copies
 * the strings and leaves texts out): the pages are given back to the
 * system as it goes (cache_release), so that a large cache never stays
 * resident. */
bool cache_open(struct cache *k, const char *file, const char *key, bool stream);
/* Streaming: the caller is done with entry e and those before it (their
 * records, and their part of the table of contents). */
void cache_release(struct cache *k, const struct cache_entry *e);
/* The entry for path when it is fresh for st, or -1: its first record
 * (files[i].n_segs records, when it is in segments). */
long cache_find(const struct cache *k, const char *path, const struct stat *st);
/* For the tests: cache_find leaves the ctime out, as a file changed
 * between the walk's stat and the reading of its records looks (the race
 * a load meets midway, which the tests cannot make with the ctime kept). */
extern bool cache_test_ignore_ctime;
/* Where in body b its text ends as readout ro's head says (its length
 * there), at most the body's length: for fetching what is past the text
 * ahead of reading it, not checked (cache_body_parts is). */
size_t cache_body_text_end(const struct cache_body *b, const struct readout *ro);
/* Body b's text's bytes as they are (not checked: cache_body_text_intact
 * does), in *text, *ntext, and those after it (its mentions and
 * positions), in *rest, *nrest; false (all left as they are) when its
 * text's length does not fit. */
bool cache_body_parts(const struct cache_body *b, const unsigned char **text, size_t *ntext,
                      const unsigned char **rest, size_t *nrest);
/* The rest of a body (cache_body_parts') narrowed to the pool of its
 * strings (its positions' summaries first, then their other strings and
 * lists), past its mentions and positions' fixed parts, which hold none;
 * left as it is when the counts before the pool do not fit.  (Its bytes
 * read: asked only of a rest that is looked at.) */
void cache_body_pool(const unsigned char **rest, size_t *nrest);
/* Does body b's text hash as readout ro's head says it does? */
bool cache_body_text_intact(const struct cache_body *b, const struct readout *ro);
/* A cache_find of path soon: where it looks first fetched into the
 * processor's cache now (a loop over many paths asks a few ahead). */
void cache_find_soon(const struct cache *k, const char *path);
/* A segment of path's records, whatever the file is now, with these
 * bytes (from, len, hash and line0 those of seg), or -1. */
long cache_find_seg(const struct cache *k, const char *path, const struct cache_seg *seg);
/* Streaming, the entries v[0..n) about to be decoded whole (not lazy)
 * on this thread: their records read from the file at once, in one read
 * into this thread's buffer, when they are near one another (the records
 * of a batch of files next to each other in the walk are one after the
 * other in the cache), and cache_decode decodes them from there, not
 * from the mapping.  A mapping is had a page of 4 KB at a time, each a
 * fault on first touch (costly, the more so in a virtual machine), where
 * a read copies from the system's cache of the file, which it holds in
 * large pieces; what a streamed cache decodes is copied out anyway, so
 * nothing is left pointing into the buffer.  Records too far apart (or a
 * read that fails) are decoded from the mapping, as before. */
void cache_read_span(const struct cache *k, const long *v, size_t n);
/* Those records not to be decoded from there any more (the batch they
 * were read for is done: the next load's mapping may be where this one's
 * was), and this thread's buffer for them freed (as a thread that
 * decoded some ends). */
void cache_span_done(void);
void cache_span_free(void);
/* Records decoded from a span so far, on every thread (for the tests). */
size_t cache_span_records(void);
/* Decodes entry i into *fl; false when the record is malformed (fl is then
 * freed).  Strings point into the mapping, or when streaming are copied
 * into the readouts' arenas, the texts left out (their length, hash and
 * place in the file kept: corpus_text reads them back). */
bool cache_decode(const struct cache *k, size_t i, struct file_load *fl, bool lazy, bool skim);
/* lazy: only the readouts' heads are decoded, which is all a keep hook
 * looks at; fl->bodies says where each body is, and cache_decode_body
 * decodes the body of a readout that is kept (before the pages are
 * released, when streaming).  A load
 * that keeps few readouts then never reads the others' positions.  False
 * when the body is malformed or not what its head's hash says (the
 * readout then has no text, mentions nor positions).  A streamed body's
 * text is left out unless b->keep_text (then copied into the readout's
 * arena); b->intact spares checking its hashes again. */
bool cache_decode_body(const struct cache_body *b, struct readout *ro);
/* skim (with lazy): each head is read no further than what a look at its
 * body asks (cache_body_intact, cache_body_view) and the duplicate check
 * do: where the readout is, its id, its text's length and hash, and how
 * many entities of each kind it has; the rest of the head (its other
 * strings, its entities) is passed over (b->skimmed).
 * cache_read_head then reads readout j's head whole, before its body is
 * looked at further or decoded; false when it is malformed. */
bool cache_read_head(struct file_load *fl, size_t j);
/* The body of ro (a head cache_decode left lazy) decoded in place into
 * *view, a copy of the head with an arena of its own (the caller's to
 * free: arena_free(&view->arena)): its text and strings point into the
 * cache, for a look at them before the readout is kept, on any thread.
 * The view has what a look at the positions' words needs: the text, and
 * each position's id, speaker, span, summary, stance and review; no
 * mentions, and no position's note, author, stance as written, topics
 * nor agreements (passed over, their bounds checked).
 * Of a head still skimmed, the view has the counts of the entities and
 * not the entities (ents NULL): for a look at the positions' words,
 * stances and reviews only.  no_text: the view has no text (NULL), which
 * is neither read nor checked (what is past it must hold its hash:
 * cache_body_rest_intact).  *sums, *sums_n: where its positions'
 * summaries are, in order, each after the one before (struct
 * judge_hints), or NULL and 0.  False as cache_decode_body. */
bool cache_body_view(const struct cache_body *b, const struct readout *ro, struct readout *view, bool no_text,
                     const char **sums, size_t *sums_n);
/* Are a body's bytes what readout ro's head says (the body's hash, and
 * its text's, which the body's leaves out): what a look at them before
 * decoding must know? */
bool cache_body_intact(const struct cache_body *b, const struct readout *ro);
/* The same of its bytes past its text alone (its hash), for a look that
 * will not read its text (cache_body_view's no_text). */
bool cache_body_rest_intact(const struct cache_body *b);
/* Unmaps the cache unless keep: then the caller owns k->map (munmap it
 * with length k->len). */
void cache_close(struct cache *k, bool keep);

/* The names table kept beside cache file `file` (malloc'd):
 * names_index.h.  Pruned with the caches, by its own mtime. */
char *cache_names_file(const char *file);
/* Writes n bytes as side file `file` (cache_names_file's), whole or not
 * at all: a temporary file of the cache's directory renamed over it. */
bool cache_side_save(const char *file, const void *p, size_t n);
/* Reads side file `file` (at most max bytes), its mtime refreshed as a
 * cache's is when it is used; NULL when it is missing or unreadable. */
void *cache_side_read(const char *file, size_t max, size_t *n);

/* Writing a new cache: begin, add every record in order, commit. */
struct cache_writer;
struct cache_writer *cache_writer_begin(const char *file, const char *key);
void cache_writer_add(struct cache_writer *w, const void *rec, size_t n);
/* Renames the new cache into place; false (and nothing changed) on error.
 * *sum (may be NULL) gets its checksum (struct cache's sum).  ids_distinct:
 * no two of its readouts have the same id (cache.ids_distinct). */
bool cache_writer_commit(struct cache_writer *w, uint64_t *sum, bool ids_distinct);
/* Gives up: the new cache is removed, the old one stays.  (Temporary files
 * of writers killed before either are removed by a later writer of any
 * cache, after an hour.) */
void cache_writer_abort(struct cache_writer *w);
/* A program leaving while a writer is at work on another thread (which it
 * does not wait for): the writer's temporary file goes.  The old cache
 * stays, or the new one if it was complete. */
void cache_writer_abandon(void);

/* For tests: recomputes and rewrites the checksums of a cache file whose
 * bytes were changed (each body's and heads' hash, the checksum), where
 * its table of contents starts (just after the records, found by their
 * own lengths) and each entry's copy of its record's lengths and hash, so
 * that what was changed reaches the decoder.  False when its header,
 * record lengths or table do not hold together. */
bool cache_reseal(const char *file);


#endif
