/* fuzz_cache.c - a fuzz target for the index cache reader: any bytes as a
 * cache file.  The fields a fuzzer cannot keep right by chance, the
 * body's length, its checksum and where its table of contents starts (with
 * each entry's copy of its record's lengths and hash: cache_reseal), are
 * set as a writer would, so that what
 * is mutated reaches the decoder (the key is read from the file, as if the
 * paths given were those).  The cache is opened as the browser and the
 * commands do, mapped and streamed; every record is decoded; a record that
 * decodes has every count, offset and span within its bounds, which reading
 * each text's spans checks under ASan.  The same bytes, as the names
 * table kept beside a cache (names_index.h), its header resealed: what
 * decodes has every name within bounds and encodes back to those bytes.
 * Never a crash or a leak. */
#include "cache.h"
#include "names_index.h"
#include "fuzz_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER 48

static volatile unsigned char sink;

static void touch(const char *s, size_t a, size_t b)
{
	unsigned char x = 0;
	for (size_t i = a; i < b; i++)
		x ^= (unsigned char)s[i];
	sink ^= x;
}

static void touch_str(const char *s)
{
	if (s)
		touch(s, 0, strlen(s) + 1);
}

/* What a decoded record promises: spans and references within bounds. */
static void check(const struct file_load *fl, bool stream)
{
	for (size_t i = 0; i < fl->diags.n; i++)
		touch_str(fl->diags.v[i].text);
	for (size_t j = 0; j < fl->n_readouts; j++) {
		const struct readout *r = &fl->readouts[j];
		touch_str(r->id);
		touch_str(r->title);
		if (!stream && !r->text)
			fuzz_fail("a readout without its text");
		const struct span *spans[2];
		for (size_t i = 0; i < r->n_mentions; i++) {
			const struct mention *m = &r->mentions[i];
			if (m->kind >= ENT_KINDS || m->ent >= r->n_ents[m->kind])
				fuzz_fail("a mention of nothing");
			spans[0] = &m->span;
			if (spans[0]->end > r->text_cps || spans[0]->bend > r->text_bytes)
				fuzz_fail("a mention outside the text");
			if (r->text)
				touch(r->text, spans[0]->bstart, spans[0]->bend);
		}
		for (int k = 0; k < ENT_KINDS; k++)
			for (size_t i = 0; i < r->n_ents[k]; i++) {
				const struct entity *e = &r->ents[k][i];
				touch_str(e->id);
				touch_str(e->label);
				for (size_t a = 0; a < e->n_aliases; a++)
					touch_str(e->aliases[a]);
				for (size_t m = 0; m < e->n_members; m++)
					if (e->members[m] >= r->n_ents[ENT_SPEAKER])
						fuzz_fail("a member who is no speaker");
			}
		for (size_t i = 0; i < r->n_positions; i++) {
			const struct position *p = &r->positions[i];
			touch_str(p->id);
			touch_str(p->summary);
			touch_str(p->note);
			if (p->speaker >= r->n_ents[ENT_SPEAKER] || p->span.end > r->text_cps
			    || p->span.bend > r->text_bytes || p->span.start > p->span.end
			    || p->span.bstart > p->span.bend)
				fuzz_fail("a position outside its readout");
			for (size_t t = 0; t < p->n_topics; t++)
				if (p->topics[t] >= r->n_ents[ENT_TOPIC])
					fuzz_fail("a topic that is not there");
			for (size_t t = 0; t < p->n_agreements; t++)
				if (p->agreements[t] >= r->n_ents[ENT_AGREEMENT])
					fuzz_fail("an agreement that is not there");
			if (r->text)
				touch(r->text, p->span.bstart, p->span.bend);
		}
	}
}

/* A judge's view of a body whose head is still skimmed (a count that
 * reads no head: corpus_opts.skim_kept): its text (unless no_text: its
 * bytes past it alone checked) and its positions' spans, summaries,
 * stances and reviews, within bounds. */
static void view_skimmed(const struct cache_body *b, const struct readout *ro, bool no_text)
{
	if (no_text ? !cache_body_rest_intact(b) : !cache_body_intact(b, ro))
		return;
	struct readout v;
	const char *sums;
	size_t sums_n;
	if (cache_body_view(b, ro, &v, no_text, &sums, &sums_n)) {
		if (!v.text != no_text || v.n_mentions || v.ents[ENT_SPEAKER])
			fuzz_fail("a view with what it leaves out");
		/* the summaries' block: each summary within it, after the one
		 * before, its bytes read */
		if (sums)
			touch(sums, 0, sums_n);
		for (size_t i = 0, after = 0; sums && i < v.n_positions; i++) {
			const char *s = v.positions[i].summary;
			if (!s)
				continue;
			if (s < sums || (size_t)(s - sums) < after || (size_t)(s - sums) + strlen(s) > sums_n)
				fuzz_fail("a summary outside the summaries' block, or before the one before it");
			after = (size_t)(s - sums) + strlen(s) + 1;
		}
		for (size_t i = 0; i < v.n_positions; i++) {
			const struct position *p = &v.positions[i];
			touch_str(p->summary);
			if (p->speaker >= v.n_ents[ENT_SPEAKER] || p->span.bend > v.text_bytes || p->span.bstart > p->span.bend
			    || p->note || p->topics || p->agreements)
				fuzz_fail("a view's position outside its readout");
			if (v.text)
				touch(v.text, p->span.bstart, p->span.bend);
		}
	}
	arena_free(&v.arena);
}

/* Every record decoded whole, or (lazy) heads first and then every body
 * (as a keep hook that keeps all would have them), or (skim) heads
 * skimmed, every other read whole and its body decoded, the rest seen
 * as a count that reads no head judges them (view_skimmed) and let go
 * as the loader lets go those it leaves out: what decodes is sound. */
static void open_all(const char *path, const char *key, bool stream, bool lazy, bool skim)
{
	struct cache k;
	if (!cache_open(&k, path, key, stream))
		return;
	for (size_t i = 0; i < k.n_files; i++) {
		struct file_load fl;
		if (cache_decode(&k, i, &fl, lazy, skim)) {
			if (lazy) {
				/* a body that does not decode: that readout goes, as
				 * the loader drops it (and loads again) */
				size_t kept = 0;
				bool bad = false;
				for (size_t j = 0; j < fl.n_readouts && !bad; j++) {
					if (skim && j % 2) {
						view_skimmed(&fl.bodies[j], &fl.readouts[j], false);
						view_skimmed(&fl.bodies[j], &fl.readouts[j], true);
						readout_free(&fl.readouts[j]);
						continue;
					}
					/* a head that does not read whole: the record is
					 * bad, as the loader finds it */
					if (!cache_read_head(&fl, j)) {
						for (size_t x = j; x < fl.n_readouts; x++)
							fl.readouts[kept++] = fl.readouts[x];
						bad = true;
						break;
					}
					if (cache_decode_body(&fl.bodies[j], &fl.readouts[j]))
						fl.readouts[kept++] = fl.readouts[j];
					else
						readout_free(&fl.readouts[j]);
				}
				fl.n_readouts = kept;
				if (bad) {
					file_load_free(&fl);
					cache_release(&k, &k.files[i]);
					continue;
				}
			}
			check(&fl, stream);
			file_load_free(&fl);
		}
		cache_release(&k, &k.files[i]);
	}
	cache_close(&k, false);
}

/* The bytes as a names table: refused, or read whole and sound. */
static void names_table(const uint8_t *data, size_t size)
{
	if (size < 40)
		return;
	unsigned char *b = xmalloc(size);
	memcpy(b, data, size);
	names_index_reseal(b, size);
	uint64_t key;
	memcpy(&key, b + 16, 8);
	struct names_index ni = { 0 };
	if (names_index_decode(&ni, b, size, key)) {
		for (int k = 0; k < ENT_KINDS; k++)
			for (size_t i = 0; i < ni.n[k]; i++) {
				const struct names_ent *x = &ni.v[k][i];
				touch_str(x->id);
				if (names_index_find(&ni, (enum entity_kind)k, x->id) != (long)i || x->at >= ni.decls)
					fuzz_fail("an entity not where the table says");
				for (size_t j = 0; j < x->n; j++) {
					touch_str(x->v[j].s);
					if (x->v[j].lang[sizeof(x->v[j].lang) - 1] || x->seen[j].at < x->at || x->seen[j].at >= ni.decls)
						fuzz_fail("a name out of bounds");
				}
			}
		struct strbuf again = { 0 };
		names_index_encode(&ni, key, &again);
		if (again.n != size || memcmp(again.s, b, size) != 0)
			fuzz_fail("a names table that does not encode back to its bytes");
		sb_free(&again);
	} else if (ni.n[0] || ni.n[1] || ni.n[2]) {
		fuzz_fail("a names table refused, and not left empty");
	}
	names_index_free(&ni);
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[512];
	if (!*path)
		snprintf(path, sizeof(path), "%s/cache.idx", fuzz_dir());
	unsigned char *b = xmalloc(size + 1);
	memcpy(b, data, size);
	char *key = NULL;
	if (size >= HEADER) {
		uint64_t body = size - HEADER;
		memcpy(b + 16, &body, 8);
		/* the key: the body's first string, as cache.c writes it */
		uint32_t kn;
		if (size >= HEADER + 4) {
			memcpy(&kn, b + HEADER, 4);
			if (kn < size - HEADER - 4)
				key = xstrndup((const char *)b + HEADER + 4, kn);
		}
	}
	fuzz_write(path, b, size);
	cache_reseal(path); /* the checksum, when the records hold together */
	for (int m = 0; m < 6; m++)
		open_all(path, key ? key : "", m & 1, m & 2 || m & 4, m & 4);
	/* and a byte changed after: a record that is not what its entry in
	 * the table says, or heads that do not hold their hash, which only
	 * decoding finds (the checksum covers the table alone) */
	if (size > HEADER + 16) {
		FILE *f = fopen(path, "rb");
		size_t got = f ? fread(b, 1, size, f) : 0;
		if (f)
			fclose(f);
		if (got == size) {
			size_t at = HEADER + (size_t)(data[0] | data[1] << 8 | data[2] << 16) % (size - HEADER);
			b[at] ^= 0x5a;
			fuzz_write(path, b, size);
			for (int m = 0; m < 6; m++)
				open_all(path, key ? key : "", m & 1, m & 2 || m & 4, m & 4);
		}
	}
	free(b);
	free(key);
	unlink(path);
	names_table(data, size);
	return 0;
}
