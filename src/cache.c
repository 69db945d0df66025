/* cache.c - the index cache (see cache.h): encoding and decoding the
 * result of loading a file, and the cache file around the records.
 *
 * File layout, in the byte order of the machine that wrote it (a cache
 * from a machine of the other byte order fails the endianness check):
 *
 *   header (48 bytes): magic "PARLEYIX", u32 version, u32 0x01020304,
 *                      u64 body length, u64 checksum, u32 record count,
 *                      u32 flags (CACHE_IDS_DISTINCT, else 0), u64 where
 *                      the table of contents starts (from the file's
 *                      start)
 *   body:              str key, then the records, then the table of
 *                      contents
 *   record:            u32 length of what follows, u32 length of its heads,
 *                      u64 hash64 of its heads, then the heads:
 *                        str path, i64 size, i64 mtime s, i64 mtime ns,
 *                        i64 ctime s, i64 ctime ns,
 *                        u64 hash, u8 jsonl, u8 racy, the segment (u64
 *                        from, len, hash, line0, u8 last), u64 skipped,
 *                        u32 diagnostics, u32 readouts,
 *                        each diagnostic: u8 kind, str text
 *                        each readout: u64 diag_before, its head (where
 *                        it is, its id, its text's length and hash, the
 *                        u32 length of the rest, then what it is and
 *                        declares: a skim passes over the rest),
 *                        u64 offset, u64 length and u64 hash of its body
 *                        (of all but the text: body_hash)
 *                      then the bodies (each: str text, the mentions, the
 *                      positions' fixed parts, then the pool of their
 *                      strings and lists: encode_body), at those offsets
 *                      from the first
 *   table of contents: per record, in order: the record's first 16 bytes
 *                      (its length, its heads' length and hash), u32 n,
 *                      then the first n bytes of its heads (the file
 *                      fields, up to the readouts' count)
 *   str:               u32 length (0xFFFFFFFF: none), bytes, NUL
 *
 * Opening a cache reads the table of contents alone (which file each
 * record is of, whether it is fresh, how many readouts it has), never the
 * records, which a query that leaves most of them touches once, when it
 * decodes them.  The checksum chains the key's and every entry's of the
 * table; a record is checked when it is decoded (on the thread that
 * decodes it, not all of them before the first is): its first 16 bytes
 * and its heads' opening must be its entry's, and its heads must hold
 * their hash.  The heads hold each body's hash, checked when the body is
 * decoded, and its text's.  So a load that decodes heads alone (a query
 * that keeps few readouts) reads neither the bodies it leaves nor their
 * bytes, and one that lets the texts go does not read them.
 */
#include "cache.h"
#include "sanitize.h"
#include "fileio.h"
#include "arena.h"
#include "bytes.h"
#include "hash.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define CACHE_MAGIC "PARLEYIX"
#define CACHE_VERSION 15u /* 2: files' hashes are corpus_hash's new one; 3: warnings; 4: heads, then bodies;
                          * 5: a body's hash leaves its text to the text's own (body_hash);
                          * 6: hash64 is XXH3; 7: a head opens with what a skim reads, then the rest's length;
                          * 8: a record's heads have their own hash, the checksum chains it and the file fields;
                          * 9: a table of contents at the end, which the checksum chains;
                          * 10: what a skim reads has the counts of the entities;
                          * 11: and the set of bytes its text and summaries hold;
                          * 12: two sets: its text's, its summaries';
                          * 13: spans of four u32; a body's positions of one size, their strings in a pool;
                          * 14: the header's flags, which the checksum chains;
                          * 15: a file's ctime beside its mtime */
#define CACHE_ENDIAN 0x01020304u
#define HEADER 48
#define TOC_FIXED 20 /* a table entry before its heads' opening */

void file_load_free(struct file_load *fl)
{
	for (size_t i = 0; i < fl->n_readouts; i++)
		readout_free(&fl->readouts[i]);
	free(fl->readouts);
	free(fl->diag_before);
	free(fl->bodies);
	free(fl->ids);
	arena_free(&fl->heads);
	sb_free(&fl->verdicts);
	diags_free(&fl->diags);
	free(fl->draft_json);
	free(fl->raw);
	if (fl->building_on)
		readout_free(&fl->building);
	memset(fl, 0, sizeof(*fl));
}

static uint64_t chain(uint64_t h, const void *p, size_t n)
{
	return hash64_combine(h, hash64(p, n));
}

/* --- encoding ----------------------------------------------------------- */
static void put_ids(struct strbuf *b, const uint32_t *v, size_t n)
{
	put32(b, (uint32_t)n);
	put(b, v, n * sizeof(uint32_t));
}

/* (a text is shorter than NOSTR bytes: putstr; a span is within it) */
static uint32_t span32(size_t v)
{
	return v < NOSTR ? (uint32_t)v : NOSTR;
}

static void put_span(struct strbuf *b, const struct span *s)
{
	uint32_t v[4] = { span32(s->start), span32(s->end), span32(s->bstart), span32(s->bend) };
	put(b, v, sizeof(v));
}

/* A position's fixed part in a body (encode_body): its fields, and where
 * its strings and lists are in the body's pool (NOSTR: none), so that a
 * position is read without reading those before it. */
struct pos_rec {
	uint32_t start, end, bstart, bend;
	uint32_t speaker;
	int32_t stance;
	uint32_t id, summary, note, by, stance_text, topics, agreements;
	uint8_t review, zero[3];
};
_Static_assert(sizeof(struct pos_rec) == 56, "a position's fixed part is 56 bytes, none of them padding");

/* s, or the list v of n, put in pool: its offset there (NOSTR: none) */
static uint32_t pool_str(struct strbuf *pool, const char *s)
{
	uint32_t off = (uint32_t)pool->n; /* (a body is far shorter than NOSTR bytes) */
	if (!s)
		return NOSTR;
	putstr(pool, s);
	return off;
}

static uint32_t pool_ids(struct strbuf *pool, const uint32_t *v, size_t n)
{
	uint32_t off = (uint32_t)pool->n;
	if (!n)
		return NOSTR;
	put_ids(pool, v, n);
	return off;
}

/* bytes seen, as a set of byte values (bit b of set[b / 8]) */
static void pack_set(const bool seen[256], unsigned char set[32])
{
	memset(set, 0, 32);
	for (int c = 0; c < 256; c++)
		if (seen[c])
			set[c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* The sets of byte values a readout's words are among: its text's, then
 * its positions' summaries' (64 bytes), what a filter's words can be
 * looked for in without its body (corpus_opts.may_have), and which of
 * them its spans cannot hold (corpus_opts.judge's text_set). */
static void words_sets(const struct readout *r, unsigned char sets[64])
{
	bool seen[256] = { false };
	const unsigned char *t = (const unsigned char *)r->text;
	for (size_t i = 0; t && i < r->text_bytes; i++)
		seen[t[i]] = true;
	pack_set(seen, sets);
	if (!t) /* (a text not at hand: any byte may be in it) */
		memset(sets, 0xFF, 32);
	memset(seen, 0, sizeof(seen));
	for (size_t p = 0; p < r->n_positions; p++)
		for (const unsigned char *s = (const unsigned char *)r->positions[p].summary; s && *s; s++)
			seen[*s] = true;
	pack_set(seen, sets + 32);
}

/* A readout's head: what it is and declares (what a keep hook looks at),
 * its text's length and hash but not the text. */
static void encode_head(struct strbuf *b, const struct readout *r)
{
	/* first what a head skimmed is read for (where the readout is, its
	 * id, its text's length and hash, how many entities of each kind it
	 * has: what its body is checked against; the bytes its words are
	 * among), then the length of the rest */
	put64(b, r->line);
	put64(b, r->offset);
	put64(b, r->length);
	putstr(b, r->id);
	put64(b, r->text_bytes);
	put64(b, r->text_cps);
	put64(b, r->text_hash);
	put32(b, r->text_at);
	put32(b, r->text_json);
	for (int k = 0; k < ENT_KINDS; k++)
		put32(b, (uint32_t)r->n_ents[k]);
	unsigned char sets[64];
	words_sets(r, sets);
	sb_add(b, sets, sizeof(sets));
	size_t rest_at = b->n;
	put32(b, 0); /* set below */
	const char *strs[] = { r->title, r->date, r->place, r->lang, r->event, r->issuer,
		               r->src_publisher, r->src_url, r->src_retrieved };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		putstr(b, strs[i]);
	put32(b, (uint32_t)r->kind);
	put32(b, (uint32_t)r->initiator);
	for (int k = 0; k < ENT_KINDS; k++) {
		put32(b, (uint32_t)r->n_ents[k]);
		for (size_t i = 0; i < r->n_ents[k]; i++) {
			const struct entity *e = &r->ents[k][i];
			putstr(b, e->id);
			putstr(b, e->label);
			put32(b, (uint32_t)e->n_aliases);
			for (size_t a = 0; a < e->n_aliases; a++)
				putstr(b, e->aliases[a]);
			putstr(b, e->role);
			putstr(b, e->country);
			put_ids(b, e->members, e->n_members);
			put8(b, e->is_group);
			putstr(b, e->date);
			put32(b, (uint32_t)e->akind);
		}
	}
	uint32_t rest_n = (uint32_t)(b->n - rest_at - 4);
	memcpy(b->s + rest_at, &rest_n, 4);
}

/* Where in a body the text of len bytes it opens with ends: past its
 * length, its bytes and its NUL. */
static size_t past_text(size_t len)
{
	return 4 + len + 1;
}

/* The text a body (n bytes at p) opens with, its length in *len; NULL
 * when its first string does not fit. */
static const unsigned char *body_text(const unsigned char *p, size_t n, uint32_t *len)
{
	if (n < 4)
		return NULL;
	memcpy(len, p, 4);
	return *len != NOSTR && past_text(*len) <= n ? p + 4 : NULL;
}

/* The hash of a body (encode_body's bytes) that its head holds: of the
 * text's length and of what follows the text, not of the text, whose own
 * hash the head holds (text_hash).  A load that lets the texts go (they
 * are read back from the files, and checked then) never reads them, half
 * of the cache's bytes; one that keeps them checks them (decode_body).
 * A length that does not fit: the whole body's hash. */
static uint64_t body_hash(const unsigned char *p, size_t n)
{
	uint32_t len;
	if (!body_text(p, n, &len))
		return hash64(p, n);
	size_t rest = past_text(len);
	return hash64_combine(hash64(p + rest, n - rest), len);
}

/* Its body: the text, the mentions, the positions' fixed parts (struct
 * pos_rec), then the pool of their strings and lists (u32 its length,
 * then each string and list at the offset its position gives): the
 * summaries first, in the positions' order (a look for a word in them
 * finds it in them all at once: cache_body_view's sums), then the rest. */
static void encode_body(struct strbuf *b, const struct readout *r)
{
	putstr(b, r->text);
	put32(b, (uint32_t)r->n_mentions);
	for (size_t i = 0; i < r->n_mentions; i++) {
		put8(b, r->mentions[i].kind);
		put32(b, r->mentions[i].ent);
		put_span(b, &r->mentions[i].span);
	}
	put32(b, (uint32_t)r->n_positions);
	struct strbuf pool = { 0 };
	uint32_t sbuf[64], *sum_at = r->n_positions <= 64 ? sbuf : xmalloc(r->n_positions * sizeof(*sum_at));
	for (size_t i = 0; i < r->n_positions; i++)
		sum_at[i] = pool_str(&pool, r->positions[i].summary);
	for (size_t i = 0; i < r->n_positions; i++) {
		const struct position *p = &r->positions[i];
		struct pos_rec q = { span32(p->span.start), span32(p->span.end), span32(p->span.bstart),
			             span32(p->span.bend), p->speaker, (int32_t)p->stance, NOSTR, sum_at[i], NOSTR,
			             NOSTR, NOSTR, NOSTR, NOSTR, (uint8_t)p->review, { 0 } };
		/* (one at a time: the pool's order the same whatever the compiler) */
		q.id = pool_str(&pool, p->id);
		q.note = pool_str(&pool, p->note);
		q.by = pool_str(&pool, p->by);
		q.stance_text = pool_str(&pool, p->stance_text);
		q.topics = pool_ids(&pool, p->topics, p->n_topics);
		q.agreements = pool_ids(&pool, p->agreements, p->n_agreements);
		put(b, &q, sizeof(q));
	}
	if (sum_at != sbuf)
		free(sum_at);
	put32(b, (uint32_t)pool.n);
	if (pool.n)
		put(b, pool.s, pool.n);
	sb_free(&pool);
}

void cache_encode(struct strbuf *b, const char *path, const struct file_load *fl, const struct cache_seg *seg)
{
	struct strbuf bodies = { 0 };
	cache_encode_with(b, &bodies, path, fl, seg);
	sb_free(&bodies);
}

void cache_encode_with(struct strbuf *b, struct strbuf *scratch, const char *path, const struct file_load *fl,
                       const struct cache_seg *seg)
{
	size_t at = b->n;
	put32(b, 0); /* the length, set below */
	put32(b, 0); /* the heads' length, set below */
	put64(b, 0); /* the heads' hash, set below */
	putstr(b, path);
	put64(b, (uint64_t)fl->size);
	put64(b, (uint64_t)fl->mtime.tv_sec);
	put64(b, (uint64_t)fl->mtime.tv_nsec);
	put64(b, (uint64_t)fl->ctime.tv_sec);
	put64(b, (uint64_t)fl->ctime.tv_nsec);
	put64(b, fl->hash);
	put8(b, fl->jsonl);
	put8(b, fl->racy);
	struct cache_seg whole = { 0, (uint64_t)fl->size, fl->hash, 0, true };
	if (!seg)
		seg = &whole;
	put64(b, seg->from);
	put64(b, seg->len);
	put64(b, seg->hash);
	put64(b, seg->line0);
	put8(b, seg->last);
	put64(b, fl->n_skipped);
	put32(b, (uint32_t)fl->diags.n);
	put32(b, (uint32_t)fl->n_readouts);
	for (size_t i = 0; i < fl->diags.n; i++) {
		put8(b, fl->diags.v[i].kind);
		putstr(b, fl->diags.v[i].text);
	}
	struct strbuf *bodies = scratch;
	bodies->n = 0;
	for (size_t i = 0; i < fl->n_readouts; i++) {
		put64(b, fl->diag_before[i]);
		encode_head(b, &fl->readouts[i]);
		size_t from = bodies->n;
		encode_body(bodies, &fl->readouts[i]);
		put64(b, from);
		put64(b, bodies->n - from);
		put64(b, body_hash((const unsigned char *)bodies->s + from, bodies->n - from));
	}
	uint32_t heads = (uint32_t)(b->n - at - 16);
	memcpy(b->s + at + 4, &heads, 4);
	uint64_t hh = hash64(b->s + at + 16, heads);
	memcpy(b->s + at + 8, &hh, 8);
	if (bodies->n)
		put(b, bodies->s, bodies->n);
	uint32_t len = (uint32_t)(b->n - at - 4);
	memcpy(b->s + at, &len, 4);
}

/* --- decoding: every read is checked against the end of the record (bytes.h) */

/* A count of items of at least `min` bytes each that must fit in what is
 * left of the record, and below `limit`. */
static size_t getcount(struct rd *r, size_t min, size_t limit)
{
	uint32_t n = get32(r);
	if (r->bad || n > limit || (size_t)n * min > (size_t)(r->end - r->p)) {
		r->bad = true;
		return 0;
	}
	return n;
}

static uint32_t *get_ids(struct rd *r, struct arena *a, uint32_t *count, size_t bound)
{
	size_t n = getcount(r, 4, SIZE_MAX / 8);
	*count = 0;
	if (r->bad)
		return NULL;
	uint32_t *v = arena_alloc_raw(a, n * sizeof(uint32_t));
	get(r, v, n * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		if (v[i] >= bound)
			r->bad = true;
	*count = (uint32_t)n; /* (getcount's: a u32) */
	return v;
}

/* A span within the text of ro, its code points no more than its bytes. */
static bool span_ok(const struct span *s, const struct readout *ro)
{
	return s->start <= s->end && s->end <= ro->text_cps && s->bstart <= s->bend && s->bend <= ro->text_bytes
	       && s->end - s->start <= s->bend - s->bstart;
}

static bool get_span(struct rd *r, struct span *s, const struct readout *ro)
{
	uint32_t v[4];
	get(r, v, sizeof(v));
	*s = (struct span){ v[0], v[1], v[2], v[3] };
	if (!span_ok(s, ro))
		r->bad = true;
	return !r->bad;
}

/* A mention in a body: u8 kind, u32 entity, its span's four u32. */
#define MENTION_BYTES 21

/* A body's pool (encode_body) and where it is read from. */
struct body_pool {
	const unsigned char *p;
	size_t n;
};

/* The string at off in the pool (NOSTR: none), read by getstrn: one
 * there must be (an offset given to none is bad). */
static const char *pool_getstrn(struct rd *r, const struct body_pool *pl, uint32_t off, bool required, size_t *len)
{
	*len = 0;
	if (off == NOSTR) {
		if (required)
			r->bad = true;
		return NULL;
	}
	struct rd at = { pl->p + (off <= pl->n ? off : pl->n), pl->p + pl->n, r->bad || off > pl->n, r->to };
	const char *s = getstrn(&at, true, len);
	r->bad |= at.bad;
	return s;
}

static const char *pool_getstr(struct rd *r, const struct body_pool *pl, uint32_t off, bool required)
{
	size_t n;
	return pool_getstrn(r, pl, off, required, &n);
}

/* The same, of a string that is maybe one of readout_word's: that one
 * copy, not one of its own. */
static const char *pool_getword(struct rd *r, const struct body_pool *pl, uint32_t off)
{
	struct arena *to = r->to;
	size_t n;
	r->to = NULL; /* (in place, to look at) */
	const char *s = pool_getstrn(r, pl, off, false, &n), *w = readout_word(s, n);
	r->to = to;
	return w ? w : s && to ? arena_strndup(to, s, n) : s;
}

/* The list at off in the pool (NOSTR: none), as get_ids reads one. */
static uint32_t *pool_get_ids(struct rd *r, const struct body_pool *pl, uint32_t off, struct arena *a,
                              uint32_t *count, size_t bound)
{
	*count = 0;
	if (off == NOSTR)
		return NULL;
	struct rd at = { pl->p + (off <= pl->n ? off : pl->n), pl->p + pl->n, r->bad || off > pl->n, NULL };
	uint32_t *v = get_ids(&at, a, count, bound);
	r->bad |= at.bad;
	return v;
}

/* A readout's head's entities (encode_head), into the arena a: as many
 * of each kind as the head's opening said (n_ents). */
static bool decode_ents(struct rd *r, struct readout *ro, struct arena *a, const uint32_t *n_ents)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		size_t n = getcount(r, 30, 0xFFFFFF);
		if (r->bad || n != n_ents[k])
			return r->bad = true, false;
		ro->ents[k] = arena_alloc(a, n * sizeof(struct entity));
		ro->n_ents[k] = n;
		for (size_t i = 0; i < n && !r->bad; i++) {
			struct entity *e = &ro->ents[k][i];
			e->id = getstr(r, true);
			e->label = getstr(r, true);
			size_t na = getcount(r, 5, SIZE_MAX / 64);
			if (r->bad)
				return false;
			e->aliases = arena_alloc_raw(a, na * sizeof(char *));
			for (size_t j = 0; j < na; j++)
				e->aliases[j] = getstr(r, true);
			e->n_aliases = na;
			e->role = getstr(r, false);
			e->country = getstr(r, false);
			/* members refer to speakers, all of which are known by now
			 * only for later speakers: checked once they are read */
			e->members = get_ids(r, a, &e->n_members, 0xFFFFFF);
			e->is_group = get8(r) != 0;
			e->date = getstr(r, false);
			e->akind = (int32_t)get32(r);
			if (e->akind < AKIND_NONE || e->akind >= AKIND_COUNT)
				r->bad = true;
		}
	}
	if (r->bad)
		return false;
	for (size_t i = 0; i < ro->n_ents[ENT_SPEAKER]; i++) {
		const struct entity *e = &ro->ents[ENT_SPEAKER][i];
		for (size_t j = 0; j < e->n_members; j++)
			if (e->members[j] >= ro->n_ents[ENT_SPEAKER])
				return r->bad = true, false;
	}
	if (ro->initiator < -1 || (ro->initiator >= 0 && (size_t)ro->initiator >= ro->n_ents[ENT_SPEAKER]))
		return r->bad = true, false;
	return true;
}

/* The chunk a readout decoded whole into its arena is cut first, then
 * trimmed to what it took (arena_expect): more than most take (the
 * benchmark's, 3.4 KB on average), less than a slab's 2 MB by far (what
 * a slab has no room left for when it takes one is lost). */
#define READOUT_CHUNK ((size_t)16 << 10)

/* A readout's head (encode_head), checked as far as it can be without
 * its body; n_ents gets how many entities of each kind it has, *set (when
 * set is not NULL) where the 64 bytes of the sets of bytes its words are
 * among are (words_sets).  skim: read no further than its id, where it
 * is, its text's length and hash, n_ents and the sets (the rest passed
 * over: ro has no other strings nor entities); decode_head again reads it
 * whole. */
static bool decode_head(struct rd *r, struct readout *ro, bool copy, uint64_t file_size, struct arena *arrays,
                        bool skim, uint32_t n_ents[ENT_KINDS], const unsigned char **set)
{
	memset(ro, 0, sizeof(*ro));
	struct arena *a = arrays ? arrays : &ro->arena;
	r->to = copy && !skim ? a : NULL;
	if (r->to == &ro->arena) /* (all of it copied there, its body next: trimmed then) */
		arena_expect(&ro->arena, READOUT_CHUNK);
	ro->line = (unsigned long)get64(r);
	ro->offset = get64(r);
	ro->length = get64(r);
	ro->id = getstr(r, true);
	uint64_t tb = get64(r);
	ro->text_cps = get64(r);
	ro->text_hash = get64(r);
	ro->text_at = get32(r);
	ro->text_json = get32(r);
	for (int k = 0; k < ENT_KINDS; k++)
		if ((n_ents[k] = get32(r)) > 0xFFFFFF)
			r->bad = true;
	if (r->bad || (size_t)(r->end - r->p) < 64) {
		r->bad = true;
	} else {
		if (set)
			*set = r->p;
		r->p += 64;
	}
	uint32_t rest_n = get32(r);
	if (tb > NOSTR - 1)
		r->bad = true;
	ro->text_bytes = (size_t)tb;
	/* where the readout and its text are in the file: within it */
	if (ro->offset > file_size || ro->length > file_size - ro->offset || ro->text_json == 1
	    || (ro->text_json && (ro->text_at > ro->length || ro->text_json > ro->length - ro->text_at)))
		r->bad = true;
	if (r->bad || ro->text_cps > ro->text_bytes || rest_n > (size_t)(r->end - r->p))
		return r->bad = true, false;
	const unsigned char *end = r->p + rest_n;
	if (skim) {
		r->p = end;
		return true;
	}
	ro->title = getstr(r, false);
	ro->date = getstr(r, false);
	ro->place = getstr(r, false);
	ro->lang = getstr(r, false);
	ro->event = getstr(r, false);
	ro->issuer = getstr(r, false);
	ro->src_publisher = getstr(r, false);
	ro->src_url = getstr(r, false);
	ro->src_retrieved = getstr(r, false);
	ro->kind = (int32_t)get32(r);
	ro->initiator = (int32_t)get32(r);
	if (r->bad || ro->kind < KIND_NONE || ro->kind >= KIND_COUNT || !decode_ents(r, ro, a, n_ents) || r->p != end)
		return r->bad = true, false;
	return true;
}

/* n items of size bytes each passed over. */
static void skip(struct rd *r, size_t n, size_t size)
{
	if (r->bad || n > (size_t)(r->end - r->p) / size)
		r->bad = true;
	else
		r->p += n * size;
}

/* Its body (encode_body), whose bytes must have the hash its head gives
 * (body_hash), and its text the text's, when it is kept.  lean (in
 * place, not streaming): its text and its positions' words alone (span,
 * summary, stance, review), the rest passed over: no mentions, and
 * positions without notes, authors, stances as written, topics nor
 * agreements (cache_body_view). */
static bool decode_body(const struct cache_body *b, struct readout *ro, bool stream, bool lean, const char **sums,
                        size_t *sums_n)
{
	if (!b->intact && !b->rest_intact && body_hash(b->p, b->n) != b->hash)
		return false;
	struct rd rr = { b->p, b->p + b->n, false, NULL }, *r = &rr;
	struct arena *a = &ro->arena;
	size_t tb;
	ro->text = getstrn(r, true, &tb); /* never copied: left out when streaming */
	if (r->bad || tb != ro->text_bytes)
		return false;
	/* a text kept is checked by its own hash (body_hash leaves it out),
	 * unless the body was found intact whole already */
	bool keep = (!stream || b->keep_text) && !b->text_unread;
	if (b->text_unread) /* (a view: nothing looks at it) */
		ro->text = NULL;
	if (keep && ((!b->intact && hash64(ro->text, ro->text_bytes) != ro->text_hash)
	             || memchr(ro->text, '\0', ro->text_bytes)))
		return false; /* a text is one string: no NUL within */
	if (stream)
		ro->text = b->keep_text ? arena_strndup(a, ro->text, tb) : NULL;
	r->to = stream ? a : NULL;
	size_t n = getcount(r, MENTION_BYTES, SIZE_MAX / 64);
	if (r->bad)
		return false;
	if (lean) {
		skip(r, n, MENTION_BYTES);
		n = 0;
	}
	ro->mentions = n ? arena_alloc(a, n * sizeof(struct mention)) : NULL;
	ro->n_mentions = n;
	for (size_t i = 0; i < n && !r->bad; i++) {
		struct mention *m = &ro->mentions[i];
		unsigned k = get8(r);
		m->ent = get32(r);
		if (k >= ENT_KINDS || m->ent >= ro->n_ents[k])
			return false;
		m->kind = (enum entity_kind)k;
		get_span(r, &m->span, ro);
	}
	/* the positions' fixed parts, then the pool, which ends the body */
	n = getcount(r, sizeof(struct pos_rec), SIZE_MAX / 256);
	const unsigned char *recs = r->p;
	skip(r, n, sizeof(struct pos_rec));
	struct body_pool pl = { NULL, get32(r) };
	if (r->bad || pl.n != (size_t)(r->end - r->p))
		return false;
	pl.p = r->p;
	ro->positions = arena_alloc(a, n * sizeof(struct position));
	ro->n_positions = n;
	/* where the summaries are, when each is after the one before (in
	 * place: in the pool) */
	const char *lo = NULL, *end = NULL;
	bool apart = !r->to;
	for (size_t i = 0; i < n && !r->bad; i++) {
		struct position *p = &ro->positions[i];
		struct pos_rec q;
		memcpy(&q, recs + i * sizeof(q), sizeof(q));
		p->span = (struct span){ q.start, q.end, q.bstart, q.bend };
		p->speaker = q.speaker;
		p->stance = q.stance;
		if (!span_ok(&p->span, ro) || p->speaker >= ro->n_ents[ENT_SPEAKER] || p->stance < STANCE_NONE
		    || p->stance > STANCE_UNKNOWN || q.review >= REVIEW_COUNT)
			return false;
		p->review = (enum review)q.review;
		p->id = pool_getstr(r, &pl, q.id, true);
		size_t sn = 0;
		p->summary = pool_getstrn(r, &pl, q.summary, false, &sn);
		if (p->summary && apart) {
			apart = !end || p->summary >= end;
			if (!lo)
				lo = p->summary;
			end = p->summary + sn + 1; /* (past its NUL) */
		}
		if (lean) /* (the rest not read) */
			continue;
		p->note = pool_getstr(r, &pl, q.note, false);
		p->by = pool_getword(r, &pl, q.by);
		p->stance_text = pool_getword(r, &pl, q.stance_text);
		p->topics = pool_get_ids(r, &pl, q.topics, a, &p->n_topics, ro->n_ents[ENT_TOPIC]);
		p->agreements = pool_get_ids(r, &pl, q.agreements, a, &p->n_agreements, ro->n_ents[ENT_AGREEMENT]);
	}
	if (sums) {
		*sums = apart && lo ? lo : NULL;
		*sums_n = apart && lo ? (size_t)(end - 1 - lo) : 0;
	}
	return !r->bad;
}

/* The strings of a head decoded in place, copied into the readout's arena
 * (before the pages they are in are given back). */
static const char *own(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static void *own_array(struct arena *a, const void *v, size_t size)
{
	void *copy = arena_alloc_raw(a, size);
	if (size)
		memcpy(copy, v, size);
	return copy;
}

/* A lazy head's strings (in the cache) and arrays (in its file_load's
 * heads arena) copied into the readout's own arena. */
static void own_head(struct readout *ro)
{
	struct arena *a = &ro->arena;
	const char **strs[] = { &ro->id, &ro->title, &ro->date, &ro->place, &ro->lang, &ro->event, &ro->issuer,
		                &ro->src_publisher, &ro->src_url, &ro->src_retrieved };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		*strs[i] = own(a, *strs[i]);
	for (int k = 0; k < ENT_KINDS; k++) {
		ro->ents[k] = own_array(a, ro->ents[k], ro->n_ents[k] * sizeof(struct entity));
		for (size_t i = 0; i < ro->n_ents[k]; i++) {
			struct entity *e = &ro->ents[k][i];
			e->id = own(a, e->id);
			e->label = own(a, e->label);
			e->aliases = own_array(a, e->aliases, e->n_aliases * sizeof(*e->aliases));
			e->members = own_array(a, e->members, e->n_members * sizeof(*e->members));
			for (size_t j = 0; j < e->n_aliases; j++)
				e->aliases[j] = own(a, e->aliases[j]);
			e->role = own(a, e->role);
			e->country = own(a, e->country);
			e->date = own(a, e->date);
		}
	}
}

/* The fields every record's heads open with (cache_encode_with): the
 * file's path, size, mtime, hash, layout and raciness, the segment, and
 * the readouts skipped.  The one reader of them. */
struct file_fields {
	const char *path;
	uint64_t size, hash, skipped;
	struct timespec mtime, ctime;
	bool jsonl, racy;
	struct cache_seg seg;
};

static void get_file_fields(struct rd *r, struct file_fields *ff)
{
	ff->path = getstr(r, true);
	ff->size = get64(r);
	ff->mtime.tv_sec = (time_t)get64(r);
	ff->mtime.tv_nsec = (long)get64(r);
	ff->ctime.tv_sec = (time_t)get64(r);
	ff->ctime.tv_nsec = (long)get64(r);
	ff->hash = get64(r);
	ff->jsonl = get8(r) != 0;
	ff->racy = get8(r) != 0;
	ff->seg.from = get64(r);
	ff->seg.len = get64(r);
	ff->seg.hash = get64(r);
	ff->seg.line0 = get64(r);
	ff->seg.last = get8(r) != 0;
	ff->skipped = get64(r);
}

/* The opening of a record's heads that its entry in the table of
 * contents copies (cache_open reads it there, never in the record): the
 * file fields and the counts of diagnostics and readouts.  Its length, 0
 * when they do not hold together. */
static size_t heads_opening(const unsigned char *heads, size_t hn)
{
	struct rd f = { heads, heads + hn, false, NULL };
	struct file_fields ff;
	get_file_fields(&f, &ff);
	get32(&f);
	get32(&f);
	return f.bad ? 0 : (size_t)(f.p - heads);
}

/* The next entry of the table of contents (cache_open, cache_reseal): its
 * fields, its first byte and its heads' opening (on bytes after
 * TOC_FIXED); NULL when it does not fit in what is left. */
struct toc_entry {
	uint32_t n, hn, on;
	uint64_t hh;
	const unsigned char *opening;
};

static const unsigned char *toc_next(struct rd *t, struct toc_entry *te)
{
	const unsigned char *ent = t->p;
	te->n = get32(t);
	te->hn = get32(t);
	te->hh = get64(t);
	te->on = get32(t);
	if (t->bad || te->on > (size_t)(t->end - t->p))
		return NULL;
	te->opening = t->p;
	t->p += te->on;
	return ent;
}

bool cache_body_rest_intact(const struct cache_body *b)
{
	return body_hash(b->p, b->n) == b->hash;
}

bool cache_body_text_intact(const struct cache_body *b, const struct readout *ro)
{
	uint32_t len;
	const unsigned char *text = body_text(b->p, b->n, &len);
	return text && len == ro->text_bytes && hash64(text, len) == ro->text_hash;
}

bool cache_body_intact(const struct cache_body *b, const struct readout *ro)
{
	/* and the text (body_hash leaves it out): its own hash, from the head */
	return body_hash(b->p, b->n) == b->hash && cache_body_text_intact(b, ro);
}

bool cache_body_view(const struct cache_body *b, const struct readout *ro, struct readout *view, bool no_text,
                     const char **sums, size_t *sums_n)
{
	*sums = NULL;
	*sums_n = 0;
	*view = *ro;
	memset(&view->arena, 0, sizeof(view->arena));
	if (b->skimmed) /* (what the body is checked against: the counts alone) */
		for (int k = 0; k < ENT_KINDS; k++)
			view->n_ents[k] = b->n_ents[k];
	struct cache_body in_place = *b;
	in_place.stream = false;
	in_place.text_unread = no_text;
	return decode_body(&in_place, view, false, true, sums, sums_n);
}

bool cache_read_head(struct file_load *fl, size_t j)
{
	struct cache_body *b = &fl->bodies[j];
	if (!b->skimmed)
		return true;
	b->skimmed = false;
	struct rd r = { b->head, b->head + b->head_n, false, NULL };
	uint32_t n_ents[ENT_KINDS];
	/* as cache_decode decodes a lazy head: in place, its arrays in fl's
	 * arena when streaming */
	return decode_head(&r, &fl->readouts[j], false, (uint64_t)fl->size, b->stream ? &fl->heads : NULL, false,
	                   n_ents, NULL)
	       && r.p == r.end;
}

bool cache_decode_body(const struct cache_body *b, struct readout *ro)
{
	if (b->stream)
		own_head(ro);
	if (decode_body(b, ro, b->stream, false, NULL, NULL))
		return true;
	ro->text = NULL;
	ro->mentions = NULL;
	ro->positions = NULL;
	ro->n_mentions = ro->n_positions = 0;
	return false;
}

/* The records cache_read_span read last on this thread: those of cache
 * k from `from` in its mapping, n bytes, copied at p. */
static _Thread_local struct {
	const struct cache *k;
	const unsigned char *from;
	unsigned char *p;
	size_t n, cap;
} span;

/* The most a span reads at once (a batch of small files' records: a
 * hundred KB or so); half of what it reads, at least, must be the records
 * asked for (want), or they are decoded from the mapping. */
#define SPAN_MAX ((size_t)1 << 20)

void cache_read_span(const struct cache *k, const long *v, size_t n)
{
	span.n = 0;
	if (!k->stream || !k->fd_open || !n)
		return;
	const unsigned char *lo = NULL, *hi = NULL;
	size_t want = 0;
	for (size_t j = 0; j < n; j++) {
		if (v[j] < 0)
			continue;
		const struct cache_entry *e = &k->files[v[j]];
		lo = !lo || e->rec - 4 < lo ? e->rec - 4 : lo;
		hi = !hi || e->rec + e->n > hi ? e->rec + e->n : hi;
		want += 4 + e->n;
	}
	size_t len = lo ? (size_t)(hi - lo) : 0;
	if (!len || len > SPAN_MAX || want < len / 2)
		return;
	if (span.cap < len) {
		unsigned char *p = realloc(span.p, len);
		if (!p)
			return;
		span.p = p;
		span.cap = len;
	}
	size_t got = 0;
	while (got < len) {
		ssize_t r = pread(k->fd, span.p + got, len - got, (off_t)(lo - k->map) + (off_t)got);
		if (r <= 0)
			return; /* (from the mapping, then) */
		got += (size_t)r;
	}
	span.k = k;
	span.from = lo;
	span.n = len;
}

static size_t span_records; /* (atomic) */

size_t cache_span_records(void)
{
	return __atomic_load_n(&span_records, __ATOMIC_RELAXED);
}

void cache_span_done(void)
{
	span.n = 0;
	span.k = NULL;
	span.from = NULL;
}

void cache_span_free(void)
{
	free(span.p);
	memset(&span, 0, sizeof(span));
}

bool cache_decode(const struct cache *k, size_t i, struct file_load *fl, bool lazy, bool skim)
{
	skim = skim && lazy;
	memset(fl, 0, sizeof(*fl));
	const struct cache_entry *e = &k->files[i];
	/* decoded whole and copied out: from this thread's copy of the
	 * record, when cache_read_span read it */
	struct cache_entry copy;
	if (!lazy && span.n && span.k == k && e->rec - 4 >= span.from && e->rec + e->n <= span.from + span.n) {
		copy = *e;
		copy.rec = span.p + (e->rec - span.from);
		copy.heads = copy.rec + 12;
		copy.bodies = copy.heads + copy.n_heads;
		e = &copy;
		__atomic_add_fetch(&span_records, 1, __ATOMIC_RELAXED);
	}
	/* the record is what its entry in the table says: its lengths and
	 * hash (e->rec - 4: its own length), its heads' opening, its heads */
	if (memcmp(e->rec - 4, e->toc, 16) != 0 || memcmp(e->heads, e->toc + TOC_FIXED, e->n_opening) != 0
	    || hash64(e->heads, e->n_heads) != e->heads_hash)
		return false; /* (fl is empty) */
	struct rd r = { e->heads, e->heads + e->n_heads, false, NULL };
	struct file_fields ff; /* (the path and the segment: cache_open read them) */
	get_file_fields(&r, &ff);
	fl->size = (off_t)ff.size;
	fl->mtime = ff.mtime;
	fl->ctime = ff.ctime;
	fl->hash = ff.hash;
	fl->jsonl = ff.jsonl;
	fl->racy = ff.racy;
	fl->n_skipped = ff.skipped;
	size_t nd = getcount(&r, 6, SIZE_MAX / 64);
	size_t nr = getcount(&r, 8 + 24, SIZE_MAX / 64);
	if (r.bad || fl->size < 0)
		goto bad;
	for (size_t d = 0; d < nd; d++) {
		unsigned kind = get8(&r);
		const char *text = getstr(&r, true);
		if (r.bad || kind >= DIAG_KINDS)
			goto bad;
		diags_add(&fl->diags, (enum diag_kind)kind, "%s", text);
	}
	fl->readouts = xcalloc(nr, sizeof(*fl->readouts));
	fl->diag_before = xcalloc(nr, sizeof(size_t));
	if (lazy)
		fl->bodies = xcalloc(nr, sizeof(*fl->bodies));
	fl->cap_readouts = nr;
	size_t prev = 0;
	for (size_t j = 0; j < nr; j++) {
		fl->diag_before[j] = get64(&r);
		if (fl->diag_before[j] < prev || fl->diag_before[j] > nd)
			goto bad;
		prev = fl->diag_before[j];
		struct readout *ro = &fl->readouts[j];
		/* lazy: heads in place, even when streaming (the bodies of those
		 * kept are decoded, and their heads copied, before the pages go) */
		const unsigned char *head = r.p;
		uint32_t n_ents[ENT_KINDS];
		const unsigned char *set = NULL;
		bool ok = decode_head(&r, ro, k->stream && !lazy, (uint64_t)fl->size, lazy && k->stream ? &fl->heads : NULL,
		                      skim, n_ents, &set);
		fl->n_readouts++; /* freed with the others even when bad */
		size_t head_n = (size_t)(r.p - head);
		uint64_t at = get64(&r), len = get64(&r), h = get64(&r);
		if (!ok || r.bad || at > e->n_bodies || len > e->n_bodies - at)
			goto bad;
		struct cache_body b = { .p = e->bodies + at, .n = (size_t)len, .hash = h, .stream = k->stream, .set = set };
		if (skim) {
			b.head = head;
			b.head_n = head_n;
			b.skimmed = true;
			memcpy(b.n_ents, n_ents, sizeof(b.n_ents));
		}
		if (lazy)
			fl->bodies[j] = b;
		else if (!decode_body(&b, ro, k->stream, false, NULL, NULL))
			goto bad;
		else
			arena_trim(&ro->arena);
	}
	if (r.p != r.end)
		goto bad;
	return true;
bad:
	file_load_free(fl);
	return false;
}

/* --- the cache file ------------------------------------------------------ */

/* Why an index cache could not be made or written, the first time in this
 * process (cache_trouble); written once, on any thread. */
static char trouble[PATH_MAX + 128];
static int trouble_set; /* (atomic) 0 none, 1 being written, 2 there */

static void set_trouble_why(const char *what, const char *path, const char *why)
{
	int none = 0;
	if (!__atomic_compare_exchange_n(&trouble_set, &none, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	snprintf(trouble, sizeof(trouble), "%s %s: %s", what, path, why);
	__atomic_store_n(&trouble_set, 2, __ATOMIC_RELEASE);
}

static void set_trouble(const char *what, const char *path, int e)
{
	set_trouble_why(what, path, strerror(e ? e : EIO));
}

const char *cache_trouble(void)
{
	return __atomic_load_n(&trouble_set, __ATOMIC_ACQUIRE) == 2 ? trouble : NULL;
}

void cache_say_trouble(FILE *f, const char *prog)
{
	static int said;
	const char *t = cache_trouble();
	if (!t || __atomic_exchange_n(&said, 1, __ATOMIC_ACQ_REL))
		return;
	char *s = sanitize_dup(t, strlen(t), 0);
	fprintf(f, "%s: warning: no index cache: %s (each load reads every file again)\n", prog, s);
	free(s);
}

static void put_dir(char *buf, size_t size, const char *base)
{
	snprintf(buf, size, "%s/parley", base);
}

char *cache_file_for(char *const *paths, size_t n, char **key)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char base[PATH_MAX], dir[PATH_MAX + 16];
	if (xdg && *xdg == '/')
		snprintf(base, sizeof(base), "%s", xdg);
	else if (home && *home == '/')
		snprintf(base, sizeof(base), "%s/.cache", home);
	else
		return NULL;
	put_dir(dir, sizeof(dir), base);
	/* $XDG_CACHE_HOME made with its parents, as the XDG spec asks of a
	 * directory not there; under HOME, .cache on: a home not there is not
	 * made */
	char failed[PATH_MAX + 16];
	if (!file_mkdirs(dir, xdg && *xdg == '/' ? 0 : strlen(home), failed, sizeof(failed))) {
		set_trouble("cannot make the directory", failed, errno);
		return NULL;
	}
	/* the user's own, and no one else's to write to: a cache someone else
	 * could put there would be read as the corpus (its checksums find
	 * damage, not forgery), as the journal's directory must be */
	struct stat ds;
	if (stat(dir, &ds) != 0) {
		set_trouble("cannot use the directory", dir, errno);
		return NULL;
	}
	const char *why = file_private_dir_why(&ds);
	if (why) {
		set_trouble_why("not using the directory", dir, why);
		return NULL;
	}

	struct strbuf k = { 0 };
	for (size_t i = 0; i < n; i++) {
		char *abs = realpath(paths[i], NULL);
		const char *s = abs ? abs : paths[i];
		put(&k, s, strlen(s));
		put8(&k, '\n');
		free(abs);
	}
	/* the size limit decides what loads (a file, a line of a .jsonl
	 * above it is refused): a cache made under another holds what this
	 * one would refuse, or lacks what it would read */
	char lim[48];
	snprintf(lim, sizeof(lim), "max-file-size %llu\n", (unsigned long long)file_limit());
	put(&k, lim, strlen(lim));
	put8(&k, 0);
	*key = (char *)k.s;
	uint64_t h = hash64(k.s, k.n);
	return xasprintf("%s/%016llx.idx", dir, (unsigned long long)h);
}

bool cache_open(struct cache *k, const char *file, const char *key, bool stream)
{
	memset(k, 0, sizeof(*k));
	/* without blocking: a named pipe put in its place never hangs a load */
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HEADER) {
		close(fd);
		return false;
	}
	size_t len = (size_t)st.st_size;
	/* private and writable: the readouts' strings live here, and nothing
	 * written through them can reach the file.  Streamed, read-only: its
	 * pages are given back (cache_release), which would drop a write. */
	void *map = mmap(NULL, len, stream ? PROT_READ : PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	/* its mtime says when it was last used (cache_writer_begin prunes by
	 * it); refreshed at most once an hour.  (One found bad is rewritten
	 * now anyway.) */
	if (st.st_mtime < time(NULL) - 3600)
		futimens(fd, NULL);
	if (map == MAP_FAILED || !stream)
		close(fd);
	if (map == MAP_FAILED)
		return false;
	k->map = map;
	k->stream = stream;
	k->fd = stream ? fd : -1;
	k->fd_open = stream;
	k->len = len;
	const unsigned char *p = map;
	uint32_t version, endian, n_files, flags;
	uint64_t body, sum, toc;
	memcpy(&version, p + 8, 4);
	memcpy(&endian, p + 12, 4);
	memcpy(&body, p + 16, 8);
	memcpy(&sum, p + 24, 8);
	memcpy(&n_files, p + 32, 4);
	memcpy(&flags, p + 36, 4);
	memcpy(&toc, p + 40, 8);
	/* (a flag not known is a change) */
	if (memcmp(p, CACHE_MAGIC, 8) != 0 || version != CACHE_VERSION || endian != CACHE_ENDIAN
	    || body != len - HEADER || (flags & ~(uint32_t)CACHE_IDS_DISTINCT))
		goto bad;

	struct rd r = { p + HEADER, p + len, false, NULL };
	const char *fkey = getstr(&r, true);
	if (r.bad || strcmp(fkey, key) != 0)
		goto bad;
	uint64_t h = chain(0, p + HEADER, (size_t)(r.p - (p + HEADER)));
	/* the records, from pos to the table of contents, are not read here:
	 * the table says where each is and what it is of */
	size_t pos = (size_t)(r.p - p);
	if (toc < pos || toc > len || n_files > (len - toc) / TOC_FIXED)
		goto bad;
	struct rd t = { p + toc, p + len, false, NULL };
	k->toc_released = (size_t)toc;
	k->files = xcalloc(n_files ? n_files : 1, sizeof(*k->files));
	strmap_reserve(&k->index, n_files);
	for (uint32_t i = 0; i < n_files; i++) {
		struct toc_entry te;
		const unsigned char *ent = toc_next(&t, &te);
		if (!ent)
			goto bad;
		h = chain(h, ent, TOC_FIXED + (size_t)te.on);
		if (te.n < 12 || te.hn > te.n - 12 || te.on > te.hn || toc - pos < 4 || te.n > toc - pos - 4)
			goto bad;
		struct cache_entry *e = &k->files[i];
		e->toc = ent;
		e->n_opening = te.on;
		e->rec = p + pos + 4;
		e->n = te.n;
		e->heads_hash = te.hh;
		e->heads = e->rec + 12;
		e->n_heads = te.hn;
		e->bodies = e->heads + te.hn;
		e->n_bodies = te.n - 12 - te.hn;
		pos += 4 + (size_t)te.n;
		struct rd f = { te.opening, te.opening + te.on, false, NULL };
		struct file_fields ff;
		get_file_fields(&f, &ff);
		get32(&f); /* (its diagnostics, then its readouts: cache_decode checks them) */
		uint32_t nr = get32(&f);
		e->n_readouts = nr <= te.hn / 32 ? nr : 0;
		e->path = ff.path; /* (in the table, which is never given back) */
		e->size = (off_t)ff.size;
		e->mtime = ff.mtime;
		e->ctime = ff.ctime;
		e->racy = ff.racy;
		e->seg = ff.seg;
		if (f.bad || f.p != f.end || e->size < 0 || e->seg.from > (uint64_t)e->size
		    || e->seg.len > (uint64_t)e->size - e->seg.from
		    || (e->seg.last && e->seg.from + e->seg.len != (uint64_t)e->size))
			goto bad;
		size_t prev;
		if (!strmap_put(&k->index, e->path, strlen(e->path), i, &prev)) {
			/* a file's next segment: just after the one before, which
			 * is not its last */
			const struct cache_entry *q = &k->files[i - 1];
			if (prev + k->files[prev].n_segs != i || q->seg.last || strcmp(q->path, e->path) != 0
			    || e->seg.from != q->seg.from + q->seg.len)
				goto bad;
			k->files[prev].n_segs++;
		} else if (e->seg.from != 0) {
			goto bad; /* a file's first segment starts it */
		}
		e->n_segs = 1;
		k->n_files++;
	}
	if (pos != toc || t.p != t.end || chain(h, &flags, 4) != sum)
		goto bad;
	k->sum = sum;
	k->ids_distinct = flags & CACHE_IDS_DISTINCT;
	return true;
bad:
	cache_close(k, false);
	return false;
}

bool cache_test_ignore_ctime;

long cache_find(const struct cache *k, const char *path, const struct stat *st)
{
	size_t i;
	if (!k->map || !strmap_get(&k->index, path, strlen(path), &i))
		return -1;
	/* every segment made from the file as it is, up to its last */
	const struct cache_entry *e = &k->files[i];
	if (!k->files[i + e->n_segs - 1].seg.last)
		return -1;
	for (size_t j = i; j < i + e->n_segs; j++) {
		const struct cache_entry *s = &k->files[j];
		if (s->racy || !file_unchanged(st, s->size, &s->mtime, cache_test_ignore_ctime ? &st->st_ctim : &s->ctime))
			return -1;
	}
	return (long)i;
}

size_t cache_body_text_end(const struct cache_body *b, const struct readout *ro)
{
	size_t end = past_text(ro->text_bytes);
	return end < b->n ? end : b->n;
}

bool cache_body_parts(const struct cache_body *b, const unsigned char **text, size_t *ntext,
                      const unsigned char **rest, size_t *nrest)
{
	uint32_t len;
	const unsigned char *t = body_text(b->p, b->n, &len);
	if (!t)
		return false;
	*text = t;
	*ntext = len;
	*rest = b->p + past_text(len);
	*nrest = b->n - past_text(len);
	return true;
}

void cache_body_pool(const unsigned char **rest, size_t *nrest)
{
	/* past the mentions and the positions' fixed parts, which hold no
	 * string, to the pool, read as decode_body reads them, when they
	 * hold together (else the whole rest: decode_body says what is
	 * wrong) */
	struct rd r = { *rest, *rest + *nrest, false, NULL };
	skip(&r, getcount(&r, MENTION_BYTES, SIZE_MAX / 64), MENTION_BYTES);
	skip(&r, getcount(&r, sizeof(struct pos_rec), SIZE_MAX / 256), sizeof(struct pos_rec));
	uint32_t n = get32(&r);
	if (!r.bad && n == (size_t)(r.end - r.p)) {
		*rest = r.p;
		*nrest = n;
	}
}

void cache_find_soon(const struct cache *k, const char *path)
{
	if (k->map)
		strmap_prefetch(&k->index, path, strlen(path));
}

long cache_find_seg(const struct cache *k, const char *path, const struct cache_seg *seg)
{
	size_t i;
	if (!k->map || !strmap_get(&k->index, path, strlen(path), &i))
		return -1;
	for (size_t j = i; j < i + k->files[i].n_segs; j++) {
		const struct cache_seg *s = &k->files[j].seg;
		if (s->from == seg->from && s->len == seg->len && s->hash == seg->hash && s->line0 == seg->line0
		    && !s->last)
			return (long)j;
	}
	return -1;
}

void cache_copy_seg(struct strbuf *b, const struct cache *k, size_t i, const struct file_load *fl)
{
	const struct cache_entry *e = &k->files[i];
	size_t at = b->n;
	sb_add(b, e->rec - 4, e->n + 4);
	/* the fields after the length, the heads' length and hash, and the path */
	unsigned char *p = (unsigned char *)b->s + at + 16 + 4 + strlen(e->path) + 1;
	uint64_t v[5] = { (uint64_t)fl->size, (uint64_t)fl->mtime.tv_sec, (uint64_t)fl->mtime.tv_nsec,
		          (uint64_t)fl->ctime.tv_sec, (uint64_t)fl->ctime.tv_nsec };
	memcpy(p, v, sizeof(v));
	p[8 * 6 + 1] = fl->racy; /* (past the hash and the layout) */
	/* (a record decoded first: its heads held their hash; so do the
	 * heads changed here) */
	uint64_t hh = hash64(b->s + at + 16, e->n_heads);
	memcpy(b->s + at + 8, &hh, 8);
}

#define RELEASE_STEP ((size_t)2 << 20)
/* The table of contents, read whole when the cache is opened, then an
 * entry at a time as its records are decoded: given back behind them in
 * steps of this much (a page at a time: the table of 10000 readouts in
 * 8054 files is 1.3 MB, less than a large folio), so that it is not
 * resident whole beside the records being read. */
#define TOC_RELEASE_STEP ((size_t)256 << 10)

void cache_release(struct cache *k, const struct cache_entry *e)
{
	if (!k->stream || !k->map)
		return;
	/* whole 2 MB pieces (the kernel maps a file's large folios a piece
	 * at a time: one given back in part is split first, at a cost), 2
	 * MB at least at a time: each call costs the other cores a TLB
	 * flush, and a corpus of small files would call it per file.  A
	 * large cache, a 64th of it at a time: what stays mapped is at most
	 * that much more, and a count with --text over the .jsonl of 100000
	 * readouts (a cache of 700 MB) took 3% less time than in 4 MB steps.
	 * (16 MB steps for every cache put 11 MB more in the peak RSS of a
	 * query that prints every position of 10000: 1.03x the corpus, where
	 * the target is 1x; 4 MB steps keep up to 2 MB more mapped than 2 MB
	 * steps, where a cold query over 10000 readouts in files, whose second
	 * load reads the cache the first wrote, has 0.25x as its target.) */
	size_t page = (size_t)2 << 20, step = k->len / 64 > RELEASE_STEP ? k->len / 64 : RELEASE_STEP;
	size_t off = (size_t)(e->rec + e->n - k->map) / page * page;
	if (off >= k->released + step && off <= k->len) {
		/* private pages never written: read again from the file if needed */
		madvise(k->map + k->released, off - k->released, MADV_DONTNEED);
		k->released = off;
	}
	size_t toc = (size_t)(e->toc - k->map);
	if (toc >= k->toc_released + TOC_RELEASE_STEP && toc <= k->len) {
		size_t ps = (size_t)sysconf(_SC_PAGESIZE), from = k->toc_released / ps * ps;
		toc = toc / ps * ps;
		madvise(k->map + from, toc - from, MADV_DONTNEED);
		k->toc_released = toc;
	}
}

void cache_close(struct cache *k, bool keep)
{
	if (k->map && !keep)
		munmap(k->map, k->len);
	if (k->fd_open)
		close(k->fd);
	free(k->files);
	strmap_clear(&k->index);
	memset(k, 0, sizeof(*k));
}

struct cache_writer {
	int fd;
	char *tmp, *dst;
	uint64_t h;
	uint32_t n;
	uint64_t body;
	/* the table of contents, written last: kept in an unlinked file in
	 * the cache's directory (toc_fd, toc_n bytes), else in memory (toc),
	 * so that a writer's memory does not grow with the corpus */
	int toc_fd;
	uint64_t toc_n;
	struct strbuf toc, entry;
	bool failed;
	int err; /* the errno of the first write that failed */
};

/* All of p (n bytes) written to fd: false on an error. */
static bool write_fd(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return false;
		}
		s += k;
		n -= (size_t)k;
	}
	return true;
}

static void wr(struct cache_writer *w, const void *p, size_t n)
{
	if (!w->failed && !write_fd(w->fd, p, n)) {
		w->failed = true;
		w->err = errno;
	}
}

/* A name of ours in the cache directory: 16 hex digits and ".idx" (a
 * cache) or NAMES_SUFFIX (its names table); with TEMP_SUFFIX and
 * mkstemp's 6 characters after it, a writer's temporary file. */
#define TEMP_SUFFIX ".tmp-"
#define NAMES_SUFFIX ".nam"
static bool cache_name(const char *name, bool *temp)
{
	size_t i = 0;
	while (i < 16 && ((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
		i++;
	if (i != 16 || (strncmp(name + 16, ".idx", 4) != 0 && strncmp(name + 16, NAMES_SUFFIX, 4) != 0))
		return false;
	const char *rest = name + 20;
	*temp = *rest != '\0';
	return !*temp || (strncmp(rest, TEMP_SUFFIX, strlen(TEMP_SUFFIX)) == 0 && strlen(rest) == strlen(TEMP_SUFFIX) + 6);
}

/* Before a cache is written: in its directory, the temporary files of
 * writers that never finished (killed) go after an hour, a writer still at
 * work being younger, and the caches of path lists not used for
 * CACHE_KEEP_DAYS go too.  Other files are never touched. */
static void prune(const char *file)
{
	char *dir = xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	const char *at = slash ? dir : ".";
	DIR *d = opendir(at);
	time_t now = time(NULL);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		bool temp;
		if (!cache_name(e->d_name, &temp))
			continue;
		char *p = xasprintf("%s/%s", at, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)
		    && st.st_mtime < now - (temp ? 3600 : CACHE_KEEP_DAYS * 86400L) && strcmp(p, file) != 0)
			unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
}

char *cache_names_file(const char *file)
{
	size_t n = strlen(file);
	if (n > 4 && strcmp(file + n - 4, ".idx") == 0)
		n -= 4;
	return xasprintf("%.*s" NAMES_SUFFIX, (int)n, file);
}

bool cache_side_save(const char *file, const void *p, size_t n)
{
	char *tmp = xasprintf("%s" TEMP_SUFFIX "XXXXXX", file);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	bool ok = fd >= 0 && write_fd(fd, p, n);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (fd >= 0 && (!ok || rename(tmp, file) != 0)) {
		unlink(tmp);
		ok = false;
	}
	free(tmp);
	return ok;
}

void *cache_side_read(const char *file, size_t max, size_t *n)
{
	struct stat st;
	char *s = read_file_max(file, n, max, &st);
	/* (used: kept from prune as a cache is, refreshed at most once an hour) */
	if (s && st.st_mtime < time(NULL) - 3600)
		utimensat(AT_FDCWD, file, NULL, AT_SYMLINK_NOFOLLOW);
	return s;
}

/* The temporary file of the writer at work, for cache_writer_abandon. */
static char pending[4096];
static int pending_on;

void cache_writer_abandon(void)
{
	if (__atomic_load_n(&pending_on, __ATOMIC_ACQUIRE))
		unlink(pending);
}

#define TOC_BLOCK ((size_t)64 << 10)

static void writer_free_toc(struct cache_writer *w)
{
	if (w->toc_fd >= 0)
		close(w->toc_fd);
	w->toc_fd = -1;
	sb_free(&w->toc);
	sb_free(&w->entry);
}

struct cache_writer *cache_writer_begin(const char *file, const char *key)
{
	prune(file);
	struct cache_writer *w = xcalloc(1, sizeof(*w));
	w->dst = xstrdup(file);
	w->tmp = xasprintf("%s" TEMP_SUFFIX "XXXXXX", file);
	w->fd = mkstemp(w->tmp);
	if (w->fd < 0) {
		int e = errno;
		char dir[PATH_MAX];
		snprintf(dir, sizeof(dir), "%s", file);
		char *slash = strrchr(dir, '/');
		if (slash && slash > dir)
			*slash = '\0';
		set_trouble("cannot write in", dir, e);
		free(w->tmp);
		free(w->dst);
		free(w);
		return NULL;
	}
	if (strlen(w->tmp) < sizeof(pending)) {
		strcpy(pending, w->tmp);
		__atomic_store_n(&pending_on, 1, __ATOMIC_RELEASE);
	}
	/* the table's file: named as a writer's temporary file (one left by
	 * a writer killed at once goes with them, prune) and unlinked at once */
	char *toc = xasprintf("%s" TEMP_SUFFIX "XXXXXX", file);
	w->toc_fd = mkstemp(toc);
	if (w->toc_fd >= 0)
		unlink(toc);
	free(toc);
	unsigned char header[HEADER] = { 0 };
	wr(w, header, HEADER);
	struct strbuf b = { 0 };
	putstr(&b, key);
	w->h = chain(0, b.s, b.n);
	wr(w, b.s, b.n);
	w->body = b.n;
	sb_free(&b);
	return w;
}

void cache_writer_add(struct cache_writer *w, const void *rec, size_t n)
{
	if (!w)
		return;
	/* rec starts with its own u32 length */
	if (n < 4) {
		w->failed = true;
		return;
	}
	uint32_t hn;
	memcpy(&hn, (const unsigned char *)rec + 4, 4);
	size_t on = n >= 16 && hn <= n - 16 ? heads_opening((const unsigned char *)rec + 16, hn) : 0;
	if (!on) {
		w->failed = true;
		return;
	}
	/* its entry in the table: its first 16 bytes, its heads' opening */
	struct strbuf *e = w->toc_fd >= 0 ? &w->entry : &w->toc;
	size_t at = e->n;
	uint32_t on32 = (uint32_t)on;
	sb_add(e, rec, 16);
	sb_add(e, &on32, 4);
	sb_add(e, (const unsigned char *)rec + 16, on);
	w->h = chain(w->h, e->s + at, e->n - at);
	w->toc_n += e->n - at;
	if (w->toc_fd >= 0) {
		if (!write_fd(w->toc_fd, e->s, e->n))
			w->failed = true;
		e->n = 0;
	}
	wr(w, rec, n);
	w->body += n;
	w->n++;
}

bool cache_writer_commit(struct cache_writer *w, uint64_t *sum, bool ids_distinct)
{
	if (!w)
		return false;
	uint32_t flags = ids_distinct ? CACHE_IDS_DISTINCT : 0;
	uint64_t h = chain(w->h, &flags, 4);
	if (sum)
		*sum = h;
	uint64_t toc = HEADER + w->body;
	if (w->toc_fd >= 0) { /* the table, copied from its file */
		char *blk = xmalloc(TOC_BLOCK);
		uint64_t done = 0;
		while (!w->failed && done < w->toc_n) {
			size_t want = w->toc_n - done < TOC_BLOCK ? (size_t)(w->toc_n - done) : TOC_BLOCK;
			ssize_t got = pread(w->toc_fd, blk, want, (off_t)done);
			if (got <= 0) {
				if (got < 0 && errno == EINTR)
					continue;
				w->failed = true;
				break;
			}
			wr(w, blk, (size_t)got);
			done += (uint64_t)got;
		}
		free(blk);
	} else {
		wr(w, w->toc.s, w->toc.n);
	}
	w->body += w->toc_n;
	writer_free_toc(w);
	unsigned char header[HEADER] = { 0 };
	uint32_t version = CACHE_VERSION, endian = CACHE_ENDIAN;
	memcpy(header, CACHE_MAGIC, 8);
	memcpy(header + 8, &version, 4);
	memcpy(header + 12, &endian, 4);
	memcpy(header + 16, &w->body, 8);
	memcpy(header + 24, &h, 8);
	memcpy(header + 32, &w->n, 4);
	memcpy(header + 36, &flags, 4);
	memcpy(header + 40, &toc, 8);
	if (!w->failed && pwrite(w->fd, header, HEADER, 0) != HEADER) {
		w->failed = true;
		w->err = errno;
	}
	if (close(w->fd) != 0 && !w->failed) {
		w->failed = true;
		w->err = errno;
	}
	__atomic_store_n(&pending_on, 0, __ATOMIC_RELEASE);
	bool ok = !w->failed && rename(w->tmp, w->dst) == 0;
	if (!ok) {
		/* (a table copied back that could not be read: its error) */
		set_trouble("cannot write", w->dst, w->failed ? w->err : errno);
		unlink(w->tmp);
	}
	free(w->tmp);
	free(w->dst);
	free(w);
	return ok;
}

void cache_writer_abort(struct cache_writer *w)
{
	if (!w)
		return;
	__atomic_store_n(&pending_on, 0, __ATOMIC_RELEASE);
	close(w->fd);
	unlink(w->tmp);
	writer_free_toc(w);
	free(w->tmp);
	free(w->dst);
	free(w);
}

/* cache_reseal: each body's hash in its head made that of its bytes, as
 * far as the heads can be read. */
static void reseal_bodies(unsigned char *heads, size_t hn, const unsigned char *bodies, size_t bn)
{
	struct rd r = { heads, heads + hn, false, NULL };
	struct file_fields ff;
	get_file_fields(&r, &ff);
	uint64_t size = ff.size;
	size_t nd = getcount(&r, 6, SIZE_MAX / 64), nr = getcount(&r, 8 + 24, SIZE_MAX / 64);
	for (size_t d = 0; d < nd && !r.bad; d++) {
		get8(&r);
		getstr(&r, true);
	}
	for (size_t j = 0; j < nr && !r.bad; j++) {
		get64(&r);
		struct readout ro;
		uint32_t n_ents[ENT_KINDS];
		bool ok = decode_head(&r, &ro, false, size, NULL, false, n_ents, NULL);
		readout_free(&ro);
		uint64_t at = get64(&r), len = get64(&r);
		if (!ok || r.bad || (size_t)(r.end - r.p) < 8 || at > bn || len > bn - at)
			return;
		uint64_t h = body_hash(bodies + at, (size_t)len);
		memcpy((unsigned char *)r.p, &h, 8);
		r.p += 8;
	}
}

bool cache_reseal(const char *file)
{
	int fd = open(file, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool ok = false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HEADER) {
		close(fd);
		return false;
	}
	size_t len = (size_t)st.st_size;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return false;
	struct rd r = { p + HEADER, p + len, false, NULL };
	uint32_t n_files;
	memcpy(&n_files, p + 32, 4);
	getstr(&r, true);
	if (!r.bad && n_files <= len / 16) { /* (a record is 16 bytes at least) */
		uint64_t h = chain(0, p + HEADER, (size_t)(r.p - (p + HEADER)));
		/* the records, by their own lengths: each one's hashes made those
		 * of its bytes */
		unsigned char **recs = xcalloc(n_files ? n_files : 1, sizeof(*recs));
		uint32_t i;
		for (i = 0; i < n_files; i++) {
			unsigned char *rec = p + (r.p - p);
			uint32_t n = get32(&r), hn;
			if (r.bad || n > (size_t)(r.end - r.p) || n < 12)
				break;
			memcpy(&hn, r.p, 4);
			if (hn > n - 12)
				break;
			unsigned char *heads = rec + 16;
			reseal_bodies(heads, hn, heads + hn, n - 12 - hn);
			uint64_t hh = hash64(heads, hn);
			memcpy(heads - 8, &hh, 8);
			recs[i] = rec;
			r.p += n;
		}
		/* the table of contents just after them, each entry given its
		 * record's first 16 bytes, as far as it holds together */
		uint64_t toc = (uint64_t)(r.p - p);
		struct rd t = { r.p, p + len, false, NULL };
		uint32_t j;
		for (j = 0; j < i; j++) {
			struct toc_entry te;
			const unsigned char *at = toc_next(&t, &te);
			if (!at)
				break;
			unsigned char *ent = p + (at - p);
			memcpy(ent, recs[j], 16);
			h = chain(h, ent, TOC_FIXED + (size_t)te.on);
		}
		free(recs);
		if (i == n_files && j == n_files && t.p == t.end) {
			uint32_t flags;
			memcpy(&flags, p + 36, 4);
			h = chain(h, &flags, 4);
			memcpy(p + 24, &h, 8);
			memcpy(p + 40, &toc, 8);
			ok = true;
		}
	}
	munmap(p, len);
	return ok;
}
