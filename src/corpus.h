/* corpus.h - a corpus: the readouts of every file and directory given, in
 * the order the format prescribes, with the diagnostics of those that could
 * not be loaded.  One bad readout never stops the others.  Files are loaded
 * on several threads and merged in order; an optional index cache (cache.h)
 * spares parsing files that have not changed. */
#ifndef PARLEY_CORPUS_H
#define PARLEY_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "diag.h"
#include "readout.h"
#include "strmap.h"

struct names_index;

struct corpus_file {
	char *path;            /* as given, or joined under a given directory */
	bool jsonl;
	off_t size;
	struct timespec mtime, ctime; /* (ctime: a file put back with its size and mtime has a new one) */
	uint64_t hash;         /* corpus_hash of the bytes as loaded: a save checks the file still has them */
	size_t n_readouts;     /* loaded from this file */
	size_t n_skipped;      /* rejected readouts (lines of a .jsonl) */
	bool io_error;
	/* A draft: the readout parley drafted from a plain readout (draft_of,
	 * a .txt or .html file), to be saved as path, which is not on disk
	 * yet; draft_json holds its JSON until then (NULL once saved). */
	char *draft_of;
	char *draft_json;
	size_t draft_len;
};

/* A readout left out by a keep hook, or taken by a take hook: only what
 * the duplicate check needs. */
struct corpus_stub {
	const char *id;
	uint32_t file;
	unsigned long line;
};

struct texts; /* texts.h */

struct corpus_map {
	void *p;
	size_t n;
};

struct corpus {
	struct corpus_file *files;
	size_t n_files, cap_files;
	struct readout *readouts;
	size_t n_readouts, cap_readouts;
	struct diags diags;
	size_t n_skipped;      /* readouts rejected, over all files */
	size_t n_io_errors;    /* paths that could not be read */
	/* lines of .jsonl files longer than the size limit: not read (among
	 * n_skipped, not invalid: corpus_invalid) */
	size_t n_lines_unread;
	struct strmap ids;     /* readout id -> index in readouts */
	/* readouts a keep hook left out or a take hook took (corpus_load) */
	struct corpus_stub *dropped;
	size_t n_dropped, cap_dropped;
	/* A load with a keep or tally hook and a restart hook (a command's)
	 * from an index cache whose readouts' ids are all different
	 * (cache.ids_distinct), every file fresh in it and nothing else
	 * loaded: no id is looked up, one kept is put in ids, and one left
	 * out keeps none (no stub); n_let_go counts those.  (Said of the
	 * last load.) */
	bool ids_known;
	size_t n_let_go;
	struct arena dropped_arena;
	/* readouts whose ids others had: the first CORPUS_DUPS_SAID said one
	 * by one, the rest counted per pair of directories ("DIR\nOTHER DIR"
	 * -> index in dup) and summed up when the load ends */
	size_t n_dups;
	struct strmap dup_dirs;
	struct corpus_dup *dup;  /* per pair, in the order met */
	size_t cap_dup;
	/* the index cache: mappings that readouts point into, and what it did */
	struct corpus_map *maps;
	size_t n_maps, cap_maps;
	size_t cache_hits;     /* files read from the cache */
	size_t n_skimmed;      /* readouts left out with their heads skimmed (corpus_opts.skim) */
	size_t n_judged_skimmed; /* readouts judged from their heads skimmed (corpus_opts.skim_kept) */
	size_t cache_segs;     /* segments of files that changed read from it (lines not parsed again) */
	bool cache_written;    /* the cache was rewritten */
	bool walk_taken;       /* the files were those of a list kept (corpus_opts.walk), not walked */
	bool plain_unread;     /* a directory walked held plain readouts (.txt, .html), not read: no draft hook */
	bool dirs_walked;      /* a path given was a directory, walked */
	bool names_only;       /* the load noted names alone, no filter hook run (corpus_opts.noting_only) */
	bool cache_failed;     /* a body or a segment read from it was bad (corpus_load loads again) */
	struct names_index *noting; /* (load's: the names of the readouts keep sees, noted for the cache) */
	bool names_saved;      /* the names of every readout were saved beside the cache (corpus_opts.names) */
	bool names_used;       /* the names were those saved beside the cache, taken by corpus_opts.names */
	/* texts read back from their files (texts.h) */
	struct texts *texts;
	/* what decided the positions' judged (corpus_opts.judged_for) */
	const void *words_judged_for;
};

/* Duplicate ids said one by one; the rest, summed up per directory. */
#define CORPUS_DUPS_SAID 10
struct corpus_dup {
	const char *dirs; /* "DIR\nOTHER DIR" */
	size_t n;
};

/* What a load from the index cache knows of a readout's bytes, for judge
 * (corpus_opts): text_set (NULL: not known), the set of byte values its
 * text holds (as may_have's, of the text alone), for words that cannot be
 * there to be looked for in the summaries alone; sums (NULL: not known),
 * where its positions' summaries are, in their order, one after another
 * and apart (none within another) in [sums, sums + sums_n), so that a
 * word is looked for in them all at once.  What is between them may be
 * any bytes, NULs too; each ends at its NUL. */
struct judge_hints {
	const unsigned char *text_set;
	const char *sums;
	size_t sums_n;
};

/* Set in readout.looked by the look hook's call (corpus_opts.look). */
#define CORPUS_LOOKED ((uint64_t)1 << 63)

struct corpus_opts {
	/* Called on the calling thread for each valid readout, in corpus
	 * order, before it joins the corpus: false leaves it out (freed at
	 * once; its id still counts for the duplicate check, but when the
	 * cache says they are all different: ids_known).  NULL: all.
	 * A readout from the index cache comes to it without its text,
	 * mentions and positions (decoded once it is kept), unless there is
	 * a take hook; one may_keep left out does not come to it with skim. */
	bool (*keep)(const struct readout *r, void *arg);
	/* Called, when there is one, for a readout from the index cache on
	 * the thread that decodes its head (several at once: it reads only
	 * what arg held before the load), before keep: what it says, with
	 * CORPUS_LOOKED, is r->looked when keep sees it (what keep would
	 * look for itself, found on a thread that is less busy). */
	uint64_t (*look)(const struct readout *r, void *arg);
	/* Called, when there is one, for a readout from the index cache
	 * (where it is decoded, before keep sees it: what either says no to
	 * is left out) and before its body is decoded, with bytes that hold
	 * every string of the readout (its text, its positions' summaries
	 * and the rest, as UTF-8, other bytes between them): false leaves
	 * it out as keep would.  A cheap look for what a filter needs
	 * (filter_words_may_be_in) skips decoding what cannot match.  Asked
	 * on any thread, several at once (the bytes are looked at where the
	 * cache is decoded).  A readout kept then keeps its text, for the
	 * filter to look at, unless judge decided its positions. */
	bool (*may_keep)(const char *bytes, size_t n, void *arg);
	/* With may_keep: called first, with the set of byte values the
	 * readout's text and its positions' summaries hold (bit b of set[b /
	 * 8]), which its head in the index cache keeps: false leaves it out
	 * as may_keep would, its body never read (nor its hash checked). */
	bool (*may_have)(const unsigned char set[32], void *arg);
	/* With may_have: called with the set of byte values its text alone
	 * holds: false (no word looked for can be in it) has may_keep asked
	 * of the pool of its other strings alone (cache_body_pool: its
	 * summaries first, none of the bytes of its text, its mentions or its
	 * positions' fixed parts). */
	bool (*text_may_hold)(const unsigned char set[32], void *arg);
	/* Called, when there is one, with the bytes of the text alone of a
	 * readout from the index cache whose text may hold a word (as far as
	 * text_may_hold, when there is one, can tell), as the cache holds
	 * them: false (none of the words looked for is in it:
	 * filter_any_word_may_be_in), the text's hash holding, has may_keep
	 * asked of the pool of its other strings, as text_may_hold's false does,
	 * and the text not searched again (judge looks in the summaries
	 * alone). */
	bool (*text_may_have)(const char *bytes, size_t n, void *arg);
	/* With text_may_have: its true (a word may be in the text) implies
	 * may_keep's true for the whole body (a filter of one word, or of
	 * texts of one word each), and may_keep is then not asked. */
	bool text_decides;
	/* Called, when there is one, after may_keep kept a readout from the
	 * index cache, on the same thread, with what its positions' words
	 * are (its text, and each position's span, summary, stance and
	 * review, in the cache for the call's time: cache_body_view), and
	 * with a tally hook on each readout parsed that keep kept (whole):
	 * sets verdict[p] to
	 * JUDGED_YES or JUDGED_NO for each position p (what a filter's words
	 * say of it: filter_judge) and returns whether any is JUDGED_YES,
	 * false leaving the readout out.  One kept holds the verdicts in its
	 * positions' judged, and not its text: the words were looked for
	 * where the bytes were, once.  judged_for names what decided them
	 * (corpus.words_judged_for: filter_judge's filter).  hints (NULL:
	 * none) says what the load knows of its bytes (struct judge_hints). */
	bool (*judge)(const struct readout *r, const struct judge_hints *hints, unsigned char *verdict, void *arg);
	const void *judged_for;
	/* Called, when there is one, in corpus order on the calling thread,
	 * for a readout whose positions judge decided, once keep kept it: the
	 * n verdicts, all a caller that counts positions needs of it; the
	 * readout is then let go, as one left out (its body never decoded).
	 * A readout parsed from its file is judged there and then (with a
	 * judge hook), and counted the same way: nothing is kept. */
	void (*tally)(const struct readout *r, const unsigned char *verdict, size_t n, void *arg);
	/* With may_keep: a readout from the index cache that may_keep
	 * leaves out goes unseen by keep, its head read no further than
	 * where it is, its id and its text's length and hash (cache_decode's
	 * skim); one judge leaves out is read whole, and seen by keep.  For a
	 * keep hook that learns nothing from a readout left out (a count: a
	 * query's labels are not printed). */
	bool skim;
	/* With skim, judge and tally: the heads of those may_keep keeps are
	 * skimmed too, never read whole.  judge and tally (and keep, for one
	 * judge keeps: one it leaves out goes unseen, as may_keep's do) then
	 * see of a head only what a skim reads (its id, where it is, its
	 * text's length, and its entities' counts without the entities: ents
	 * NULL).  For hooks that look at nothing else of a head: a count
	 * whose filter asks nothing of what heads hold (query_reads_heads). */
	bool skim_kept;
	/* Called, when there is one, before the first readout comes to keep,
	 * with the names of every entity of the readouts keep will see
	 * (names_index.h), when the index cache has them: every file fresh
	 * in it, and the table saved beside it for it (none: not called).
	 * It says whether it took them.  A load without the table (or whose
	 * hook did not take it), which reads every head it keeps and drafts
	 * no plain readout, notes the names of every readout keep sees, and
	 * saves them beside the cache it leaves, for the next. */
	bool (*names)(const struct names_index *ni, void *arg);
	/* Called once, before any readout, by a load that notes every
	 * readout's names for the cache (above): true says keep will leave
	 * every readout out this time (what the caller wants of this load is
	 * those names, for a load after it), so the hooks that look for keep
	 * (may_keep, may_have, text_may_hold, text_may_have, judge) are not
	 * asked and no cached body is decoded.  NULL: never. */
	bool (*noting_only)(void *arg);
	/* Called when the load starts over (an index cache found bad midway:
	 * the readouts keep saw are seen again, and those take took come to
	 * it again, in the same order: the hook passes over what it handed
	 * on); NULL: nothing to forget.  A load with a take hook and neither
	 * a restart nor a keep hook (the browser's, which shows what it
	 * took) never starts over: a segment found bad is read from its
	 * file. */
	void (*restart)(void *arg);
	/* Called after keep, on the calling thread, in corpus order: takes
	 * the readout (now the hook's to free), which the corpus then holds
	 * as a stub for the duplicate check.  c->files[r->file] is its file.
	 * A readout from the index cache comes decoded whole (with a keep
	 * hook, its body decoded once kept).  A browser shows readouts this
	 * way while the others still load; a query prints them. */
	void (*take)(struct readout *r, const struct corpus *c, void *arg);
	void *arg;
	bool use_cache;        /* read and update the index cache */
	/* progress, for a loader on another thread: files found, files merged
	 * (written with atomic stores; NULL when not wanted); and the
	 * readouts the index cache has of the files found fresh in it (once
	 * they are looked up: how many a warm load will hand over, for the
	 * arrays that take them to be sized once) */
	size_t *files_total, *files_done, *readouts_cached;
	int threads;           /* 0: one per processor (at most 8; $PARLEY_THREADS) */
	/* Tests: called by the calling thread, holding the loader's lock,
	 * each time it is about to sleep until a worker has run the file it
	 * merges next (a pause there finds a lost wake-up); NULL: none. */
	void (*before_sleep)(void *arg);
	/* Let each readout's text go once it is loaded (and in the cache),
	 * keeping its length and hash: corpus_text() reads it back when it is
	 * needed.  A browser of a large corpus then holds the annotations but
	 * not the texts.  Not with a keep hook, which may look at the text. */
	bool lazy_texts;
	/* Set to non-zero (atomically, from another thread) to stop loading:
	 * corpus_load returns soon, with the files merged so far, and leaves
	 * the index cache as it was.  NULL: never. */
	const int *cancel;
	/* Plain readouts (.txt, .text, .html, .htm), given or in a directory,
	 * are drafted by this hook (any thread) into a readout's JSON
	 * (malloc'd), which loads as the file NAME.json beside them; a text
	 * beside its NAME.json is left for it.  False with the reason in d.
	 * NULL: plain readouts are not read (extract.h has the hook). */
	bool (*draft)(void *arg, const char *path, char **json, size_t *len, struct diags *d);
	void *draft_arg;
	/* The files a load lists (the paths walked, each file's size and
	 * time): NULL, listed afresh; else, when made, the list this load
	 * takes instead of walking the paths again, and when not, filled
	 * with this load's (corpus_walk_free frees it).  A command that loads
	 * twice (a name found to mean an entity seen earlier) walks once. */
	struct corpus_walk *walk;
};

struct corpus_walk_file;
struct corpus_walk {
	struct corpus_walk_file *v;
	size_t n;
	bool made;
	bool plain_unread, dirs_walked;  /* (corpus's) */
};
void corpus_walk_free(struct corpus_walk *w);
/* Frees what a file holds. */
void corpus_file_free(struct corpus_file *f);
/* Is path a plain readout a draft hook reads? */
bool corpus_is_plain(const char *path);
/* Is a file of this name a corpus's documentation (README, LICENSE,
 * NOTES, CHANGELOG..., in any case, with any extensions: README.fr.txt,
 * or a tag of up to 5 letters, digits, - or _ after - or _: README-fr.txt,
 * README_zh-CN.md, LICENSE-MIT; not news-2021-08-20.txt),
 * never a plain readout met in a directory?  (Named on the command line,
 * it is drafted as asked.) */
bool corpus_is_doc(const char *name);
/* The NAME.json a plain readout's draft is saved as (malloc'd). */
char *corpus_draft_path(const char *plain);

void corpus_init(struct corpus *c);
/* The readouts rejected as invalid: n_skipped without the lines not read. */
size_t corpus_invalid(const struct corpus *c);
/* How many positions its readouts have, all told. */
size_t corpus_n_positions(const struct corpus *c);
/* Was something not read: a path, or a line over the size limit?  (Exit
 * status 2 for every command.) */
bool corpus_some_unread(const struct corpus *c);
/* Loads a file or a directory (recursively: *.json and *.jsonl, in byte
 * order of path, hidden entries skipped).  Problems go to c->diags. */
void corpus_add_path(struct corpus *c, const char *path);
/* Loads every path, as corpus_add_path on each in turn would, with options
 * (opts may be NULL). */
void corpus_load(struct corpus *c, char *const *paths, size_t n, const struct corpus_opts *opts);
/* The load walked directories and found no file of readouts in them, and
 * was given none (and none could not be read): said in c->diags, and
 * every command's exit status 1, as nothing found. */
bool corpus_found_none(const struct corpus *c);
/* Called before starting a thread that will call corpus_load with the
 * same arguments: what corpus_load decides about the process's heaps
 * before its thread allocates (that the load is likely warm), decided
 * here, before the thread's first allocation (which makes its heap). */
void corpus_load_prepare(char *const *paths, size_t n, const struct corpus_opts *opts);
/* Loads readouts from an in-memory buffer as if it were file `path`. */
void corpus_add_buffer(struct corpus *c, const char *path, const char *buf, size_t n, bool jsonl);
/* Adds readout r (moved in: the corpus now owns its memory) at the end,
 * with its id; its index.  For readouts that passed corpus_load's checks,
 * such as those a take hook took. */
size_t corpus_append(struct corpus *c, const struct readout *r);
/* Room for n readouts and f files in all, made now (corpus_opts's
 * readouts_cached and files_total: the arrays that take a warm load's
 * readouts sized once, not grown and copied as they come). */
void corpus_reserve(struct corpus *c, size_t n, size_t f);
/* Adds file f at the end of c's files, moved in (its path is c's now): the
 * file of readouts handed over by a take hook from another corpus. */
void corpus_add_file(struct corpus *c, const struct corpus_file *f);
/* src, a corpus loaded with a take hook whose readouts were handed over to
 * dst one by one (corpus_append), gives dst the rest of what loading made:
 * its files with their final counts, the cache mappings the readouts point
 * into, the diagnostics, and the counts and cache figures.  src is freed. */
void corpus_take_loaded(struct corpus *dst, struct corpus *src);
/* Index of the readout with this id, or -1. */
long corpus_find(const struct corpus *c, const char *id);
void corpus_free(struct corpus *c);

/* Texts on demand (texts.c): a corpus loaded with lazy_texts lets each
 * readout's text go and reads it back from its file when asked, checked
 * against what was loaded (its length and hash); a pointer stays valid
 * until TEXTS_KEPT other texts were read back or corpus_texts_forget. */
#define TEXTS_KEPT 64
/* Readout ri's text (text_bytes bytes, NUL-terminated), or NULL when it
 * cannot be read back: corpus_text_error() then says why. */
const char *corpus_text(const struct corpus *c, size_t ri);
/* Readout ri's text as corpus_text gives it, but on any thread: the text
 * held, "" for none, else read back into *owned (malloc'd, the caller's to
 * free), without the set of texts kept or the failure remembered.  NULL
 * when it cannot be read back (corpus_text then says why).  *tr keeps the
 * last file open for the next text (text_reader_close closes it). */
struct text_reader {
	int fd;                    /* -1: none open (initialise so) */
	uint32_t file;
	struct stat st;
	char *dir;                 /* the directory open as dirfd (NULL: none) */
	int dirfd;
	/* corpus_texts_read's: its buffer, and the texts it read one by one */
	char *buf;
	size_t cap;
	char **own;
	size_t n_own, cap_own;
};
const char *corpus_text_any_thread(const struct corpus *c, size_t ri, char **owned, struct text_reader *tr);
/* The texts of readouts [lo, hi) as corpus_text_any_thread gives them,
 * into text[0 .. hi - lo), read back in as few reads as it can: the JSON
 * strings of readouts next to each other in one file (a .jsonl's lines)
 * in one pread, into tr's buffer, where a string without escapes is the
 * text itself (decoded in place otherwise); each is checked as one read
 * alone would be (its length and hash), and read alone when that fails.
 * NULL for a text that cannot be read back.  The texts read back stay
 * valid until the next call with tr, or text_reader_close. */
void corpus_texts_read(const struct corpus *c, size_t lo, size_t hi, const char **text, struct text_reader *tr);
/* fn(arg, ri, text) for every readout ri that want marks (want has
 * c->n_readouts bytes), its text as corpus_texts_read gives it (NULL: it
 * could not be read back; corpus_text on the calling thread says why),
 * the texts read back in batches on every processor: fn is called on
 * several threads at once, in no order, and touches only what is ri's.
 * The texts are valid during the call only. */
void corpus_texts_each(const struct corpus *c, const unsigned char *want,
                       void (*fn)(void *arg, size_t ri, const char *text), void *arg);
/* Closes tr's file and frees what it holds (tr can be used again). */
void text_reader_close(struct text_reader *tr);
const char *corpus_text_error(const struct corpus *c);

/* Forgets the texts read back (after readouts were replaced or files
 * saved).  Pointers from corpus_text() are then invalid. */
void corpus_texts_forget(const struct corpus *c);

/* A file's identity: the 64-bit hashes (hash.h) of its bytes in blocks
 * of CORPUS_HASH_BLOCK, chained, so that a file read in parts (a large
 * .jsonl streamed) has the hash of the file read whole. */
#define CORPUS_HASH_BLOCK ((size_t)1 << 20)
uint64_t corpus_hash(const char *buf, size_t n);
/* The same, given the bytes in parts of any length, in order. */
struct corpus_hasher {
	uint64_t h, total;
	char *part;                /* a block begun (malloc'd when needed) */
	size_t fill;
};
void corpus_hash_add(struct corpus_hasher *hs, const char *buf, size_t n);
/* The hash of everything added; frees hs. */
uint64_t corpus_hash_end(struct corpus_hasher *hs);

/* True when path names a JSON Lines file (by its .jsonl suffix). */
bool path_is_jsonl(const char *path);
/* True when path names a readout file (.json or .jsonl): what a walk
 * loads, and what extract refuses to draft from. */
bool path_is_readout(const char *path);
/* Would a load of paths (as given: files, directories walked) read a
 * file at target, one not there yet: in one of the directories given or
 * under it, none of the names on the way hidden, a file of readouts by
 * its name, or (a load that drafts: drafts) a plain readout whose draft
 * is not saved, as a walk takes them?  (A copy of a readout written there
 * would be read with the readout, its id twice, or drafted as a text.)
 * Directories are compared as they resolve (symbolic links, "..":
 * realpath), target's by its directory. */
bool corpus_would_read(char *const *paths, size_t n, const char *target, bool drafts);

#endif
