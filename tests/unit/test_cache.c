/* test_cache.c - the index cache: a corpus read from it is the corpus read
 * from the files, stale entries are loaded again, and a cache that is
 * truncated or has bytes changed (even with a checksum made to match) never
 * crashes parley or gives it out-of-bounds data. */
#include "tap.h"
#include "cache.h"
#include "corpus.h"
#include "hash.h"
#include "names_index.h"
#include "texts.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistr.h>
#include <unistd.h>
#include <xxhash.h> /* (its plain entry point: the reference for hash64) */

static char dir[64], xdg[80], corpus_dir[80];

static void copy_samples(const char *src)
{
	const char *names[] = { "calls-2021.jsonl", "en-2021-07-14-sco-cfm-dushanbe.json",
		                "fr-2021-07-15-wang-yi-lavrov-tashkent.json",
		                "zh-2021-06-28-xi-jinping-putin-video-call.json" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char a[512], b[256];
		snprintf(a, sizeof(a), "%s/samples/%s", src, names[i]);
		snprintf(b, sizeof(b), "%s/%s", corpus_dir, names[i]);
		FILE *in = fopen(a, "rb"), *out = fopen(b, "wb");
		if (!in || !out) {
			printf("Bail out! cannot copy %s\n", a);
			exit(1);
		}
		char buf[8192];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, out);
		fclose(in);
		fclose(out);
		/* old enough for the cache to trust */
		struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
		utimensat(AT_FDCWD, b, t, 0);
	}
}

static void load_opts(struct corpus *c, bool cache, bool lazy)
{
	char *p = corpus_dir;
	struct corpus_opts o = { .use_cache = cache, .lazy_texts = lazy };
	corpus_init(c);
	corpus_load(c, &p, 1, &o);
}

static void load(struct corpus *c, bool cache)
{
	load_opts(c, cache, false);
}

/* A keep hook that keeps every other readout it sees (from the first),
 * and a restart hook that starts it over, counting restarts. */
struct every_other {
	size_t seen;
	int restarts;
};

static bool keep_every_other(const struct readout *r, void *arg)
{
	(void)r;
	struct every_other *e = arg;
	return e->seen++ % 2 == 0;
}

static void restart_every_other(void *arg)
{
	struct every_other *e = arg;
	e->seen = 0;
	e->restarts++;
}

static void load_kept(struct corpus *c, bool cache, struct every_other *e)
{
	char *p = corpus_dir;
	*e = (struct every_other){ 0 };
	struct corpus_opts o = { .use_cache = cache, .keep = keep_every_other, .restart = restart_every_other, .arg = e };
	corpus_init(c);
	corpus_load(c, &p, 1, &o);
}

/* A count of positions as a query's is made (may_keep, judge, tally,
 * skim, and skim_kept: heads left skimmed): every position counts; the
 * judge notes the entities' counts it was given, and whether it was given
 * any entity (a skimmed head's view has none). */
struct tally {
	size_t positions, ents, judged, with_ents;
	/* views with summaries told where they lie (judge_hints.sums), and
	 * told wrong: a summary outside the block, or the block not the
	 * summaries alone, one after another (the pool's first, each after
	 * the NUL and the length before it), or not told at all */
	size_t sums_told, sums_bad;
};

static size_t may_keep_asked; /* how many times may_keep_all was */
static int keep_byte = -1;    /* what it wants in a body's bytes (-1: nothing) */

/* With keep_opens set: what may_keep_all was given opens with a string
 * (its length, its bytes, a NUL) that is a readout's text (keep_texts) or
 * its first summary (keep_pools), else keep_other; each summary of that
 * readout is somewhere in it, else keep_missing. */
static const struct corpus *keep_opens;
static size_t keep_texts, keep_pools, keep_other, keep_missing;

static void note_opening(const char *bytes, size_t n)
{
	uint32_t len;
	if (n < 5 || (memcpy(&len, bytes, 4), len > n - 5) || bytes[4 + len] != '\0') {
		keep_other++;
		return;
	}
	for (size_t i = 0; i < keep_opens->n_readouts; i++) {
		const struct readout *r = &keep_opens->readouts[i];
		const char *first = NULL;
		for (size_t q = 0; q < r->n_positions && !first; q++)
			first = r->positions[q].summary;
		bool text = r->text && r->text_bytes == len && memcmp(r->text, bytes + 4, len) == 0;
		bool pool = first && strlen(first) == len && memcmp(first, bytes + 4, len) == 0;
		if (!text && !pool)
			continue;
		keep_texts += text;
		keep_pools += pool;
		for (size_t q = 0; q < r->n_positions; q++) {
			const char *sum = r->positions[q].summary;
			bool in = false;
			for (size_t k = 0; sum && !in && k + strlen(sum) <= n; k++)
				in = memcmp(bytes + k, sum, strlen(sum)) == 0;
			keep_missing += sum && !in;
		}
		return;
	}
	keep_other++;
}

static bool may_keep_all(const char *bytes, size_t n, void *arg)
{
	(void)arg;
	may_keep_asked++;
	if (keep_opens)
		note_opening(bytes, n);
	return keep_byte < 0 || memchr(bytes, keep_byte, n);
}

static bool judge_all(const struct readout *r, const struct judge_hints *hints, unsigned char *verdict, void *arg)
{
	struct tally *t = arg;
	t->judged++;
	size_t k = 0, bytes = 0;
	const char *after = hints ? hints->sums : NULL;
	bool in = true;
	for (size_t i = 0; i < r->n_positions; i++) {
		const char *sum = r->positions[i].summary;
		if (!sum)
			continue;
		size_t n = strlen(sum);
		in = in && after && sum >= after && sum + n <= hints->sums + hints->sums_n;
		after = sum + n + 1;
		bytes += n;
		k++;
	}
	if (hints && k) { /* (NULL: one parsed, not from the cache) */
		t->sums_told += hints->sums != NULL;
		t->sums_bad += !hints->sums || !in || hints->sums_n != bytes + 5 * (k - 1);
	}
	for (int k = 0; k < ENT_KINDS; k++) {
		t->ents += r->n_ents[k];
		t->with_ents += r->ents[k] != NULL && r->n_ents[k] > 0;
	}
	memset(verdict, JUDGED_YES, r->n_positions);
	return r->n_positions > 0;
}

static void tally_all(const struct readout *r, const unsigned char *verdict, size_t n, void *arg)
{
	(void)r;
	struct tally *t = arg;
	for (size_t i = 0; i < n; i++)
		t->positions += verdict[i] == JUDGED_YES;
}

static bool keep_all(const struct readout *r, void *arg)
{
	(void)r, (void)arg;
	return true;
}

/* A may_have hook that wants the byte want_byte (-1: any set). */
static int want_byte = -1;

static bool may_have_byte(const unsigned char set[32], void *arg)
{
	(void)arg;
	return want_byte < 0 || (set[want_byte >> 3] & (1u << (want_byte & 7)));
}

/* Where bytes b[0..bn) first hold x[0..xn), or NULL (memmem is not
 * POSIX). */
static const unsigned char *find_bytes(const unsigned char *b, size_t bn, const void *x, size_t xn)
{
	for (size_t i = 0; xn && i + xn <= bn; i++)
		if (memcmp(b + i, x, xn) == 0)
			return b + i;
	return NULL;
}

/* A text_may_have hook that wants the byte want_text (its judge told
 * whether each view it was given had a text), and checks that what it is
 * given is a text: UTF-8 without a NUL. */
static int want_text = -1;
static bool text_decides; /* (corpus_opts.text_decides) */
static size_t text_asked, text_not_text, judged_with_text, judged_without;

static bool text_may_have_byte(const char *bytes, size_t n, void *arg)
{
	(void)arg;
	text_asked++;
	text_not_text += memchr(bytes, '\0', n) || u8_check((const uint8_t *)bytes, n) != NULL;
	return memchr(bytes, want_text, n) != NULL;
}

static bool judge_text(const struct readout *r, const struct judge_hints *hints, unsigned char *verdict, void *arg)
{
	if (r->text)
		judged_with_text++;
	else
		judged_without++;
	return judge_all(r, hints, verdict, arg);
}

static void load_tally(struct corpus *c, struct tally *t, bool skim_kept)
{
	char *p = corpus_dir;
	*t = (struct tally){ 0 };
	struct corpus_opts o = { .use_cache = true, .keep = keep_all, .may_keep = may_keep_all,
		                 .may_have = want_byte >= 0 ? may_have_byte : NULL,
		                 .text_may_have = want_text >= 0 ? text_may_have_byte : NULL,
		                 .text_decides = want_text >= 0 && text_decides,
		                 .judge = want_text >= 0 ? judge_text : judge_all,
		                 .tally = tally_all,
		                 .skim = true, .skim_kept = skim_kept, .arg = t };
	corpus_init(c);
	corpus_load(c, &p, 1, &o);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The two corpora hold the same readouts, field by field. */
static int same_corpus(const struct corpus *a, const struct corpus *b)
{
	if (a->n_readouts != b->n_readouts || a->n_files != b->n_files || a->diags.n != b->diags.n)
		return 0;
	for (size_t i = 0; i < a->n_files; i++)
		if (strcmp(a->files[i].path, b->files[i].path) || a->files[i].hash != b->files[i].hash
		    || a->files[i].size != b->files[i].size || a->files[i].n_readouts != b->files[i].n_readouts)
			return 0;
	for (size_t i = 0; i < a->n_readouts; i++) {
		const struct readout *x = &a->readouts[i], *y = &b->readouts[i];
		if (!same_str(x->id, y->id) || !same_str(x->title, y->title) || !same_str(x->date, y->date)
		    || !same_str(x->lang, y->lang) || !same_str(corpus_text(a, i), corpus_text(b, i))
		    || x->text_cps != y->text_cps
		    || x->text_bytes != y->text_bytes || x->kind != y->kind || x->initiator != y->initiator
		    || !same_str(x->src_publisher, y->src_publisher) || x->file != y->file || x->line != y->line
		    || x->offset != y->offset || x->length != y->length || x->n_mentions != y->n_mentions
		    || x->n_positions != y->n_positions)
			return 0;
		for (int k = 0; k < ENT_KINDS; k++) {
			if (x->n_ents[k] != y->n_ents[k])
				return 0;
			for (size_t e = 0; e < x->n_ents[k]; e++) {
				const struct entity *p = &x->ents[k][e], *q = &y->ents[k][e];
				if (!same_str(p->id, q->id) || !same_str(p->label, q->label) || p->n_aliases != q->n_aliases
				    || p->n_members != q->n_members || p->is_group != q->is_group || p->akind != q->akind
				    || !same_str(p->role, q->role) || !same_str(p->country, q->country) || !same_str(p->date, q->date))
					return 0;
				for (size_t j = 0; j < p->n_aliases; j++)
					if (!same_str(p->aliases[j], q->aliases[j]))
						return 0;
				for (size_t j = 0; j < p->n_members; j++)
					if (p->members[j] != q->members[j])
						return 0;
			}
		}
		for (size_t m = 0; m < x->n_mentions; m++)
			if (memcmp(&x->mentions[m].span, &y->mentions[m].span, sizeof(struct span))
			    || x->mentions[m].kind != y->mentions[m].kind || x->mentions[m].ent != y->mentions[m].ent)
				return 0;
		for (size_t p = 0; p < x->n_positions; p++) {
			const struct position *s = &x->positions[p], *t = &y->positions[p];
			if (!same_str(s->id, t->id) || s->speaker != t->speaker || memcmp(&s->span, &t->span, sizeof(s->span))
			    || !same_str(s->summary, t->summary) || !same_str(s->note, t->note) || !same_str(s->by, t->by)
			    || !same_str(s->stance_text, t->stance_text) || s->stance != t->stance || s->review != t->review
			    || s->n_topics != t->n_topics || s->n_agreements != t->n_agreements
			    || (s->n_topics && memcmp(s->topics, t->topics, s->n_topics * sizeof(uint32_t)))
			    || (s->n_agreements && memcmp(s->agreements, t->agreements, s->n_agreements * sizeof(uint32_t))))
				return 0;
		}
	}
	return 1;
}

/* Whatever a cache held, the corpus must be safe to use: every index and
 * span within bounds. */
static int sound(const struct corpus *c)
{
	for (size_t i = 0; i < c->n_readouts; i++) {
		const struct readout *r = &c->readouts[i];
		const char *text = corpus_text(c, i);
		if (!r->id || (r->text && (!text || strlen(text) != r->text_bytes)) || r->file >= c->n_files)
			return 0;
		for (size_t p = 0; p < r->n_positions; p++) {
			const struct position *q = &r->positions[p];
			if (q->speaker >= r->n_ents[ENT_SPEAKER] || q->span.bend > r->text_bytes || q->span.bstart > q->span.bend)
				return 0;
			for (size_t t = 0; t < q->n_topics; t++)
				if (q->topics[t] >= r->n_ents[ENT_TOPIC])
					return 0;
		}
		for (size_t m = 0; m < r->n_mentions; m++)
			if (r->mentions[m].ent >= r->n_ents[r->mentions[m].kind])
				return 0;
	}
	return 1;
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *b = malloc(*n ? *n : 1);
	if (fread(b, 1, *n, f) != *n)
		*n = 0;
	fclose(f);
	return b;
}

static void spit(const char *path, const unsigned char *b, size_t n)
{
	FILE *f = fopen(path, "wb");
	fwrite(b, 1, n, f);
	fclose(f);
}

/* A pause where the calling thread is about to sleep for a worker: a
 * worker that says its file is done meanwhile must still wake it. */
static int pauses;

static void pause_before_sleep(void *arg)
{
	(void)arg;
	pauses++;
	struct timespec ts = { 0, 2 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

/* Many small files loaded on 4 threads, cold then warm, each time the
 * calling thread pauses before it sleeps: every load ends (a watchdog
 * fails the test after 60 s) and gives the one-thread corpus. */
static void wakeup_tests(void)
{
	char many[300];
	snprintf(many, sizeof(many), "%s/many", dir);
	mkdir(many, 0777);
	for (int i = 0; i < 120; i++) {
		char f[400];
		snprintf(f, sizeof(f), "%s/r%03d.json", many, i);
		FILE *o = fopen(f, "w");
		if (!o)
			continue;
		fprintf(o, "{\"format\":\"parley/1\",\"id\":\"r%03d\",\"text\":\"Text %d about cooperation.\","
		        "\"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],\"positions\":[{\"id\":\"p1\","
		        "\"speaker\":\"s\",\"start\":0,\"end\":4}]}\n", i, i);
		fclose(o);
		struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
		utimensat(AT_FDCWD, f, t, 0);
	}
	char *p = many;
	struct corpus one, c;
	struct corpus_opts o1 = { .threads = 1 };
	corpus_init(&one);
	corpus_load(&one, &p, 1, &o1);
	alarm(60);
	int bad = 0, written = 0, hits = 0;
	for (int round = 0; round < 4; round++) {
		struct corpus_opts o = { .use_cache = true, .threads = 4, .before_sleep = pause_before_sleep };
		corpus_init(&c);
		corpus_load(&c, &p, 1, &o);
		bad += !same_corpus(&one, &c);
		written += c.cache_written;
		hits += c.cache_hits == 120;
		corpus_free(&c);
	}
	alarm(0);
	ok(bad == 0 && written == 1 && hits == 3 && pauses > 0,
	   "120 files on 4 threads, cold then warm, the calling thread pausing before each of its %d sleeps: "
	   "every load ends, as on one thread", pauses);
	corpus_free(&one);
}

/* A take hook that counts what it is given, and each line number once. */
struct takes {
	size_t n, twice;
	unsigned char seen[512];
};

static void take_count(struct readout *r, const struct corpus *c, void *arg)
{
	(void)c;
	struct takes *t = arg;
	t->n++;
	if (r->line < sizeof(t->seen))
		t->twice += t->seen[r->line]++ != 0;
	readout_free(r);
}

/* A .jsonl in segments: a table entry's first-line number changed, the
 * checksum made right again (cache_reseal): the record disagrees with its
 * entry, and the load starts over from the file, whose lines are then
 * numbered as the file numbers them (the entry's number is never used). */
static void segment_entry_changed(const char *src)
{
	char sdir[128], jp[192], sample[512];
	snprintf(sdir, sizeof(sdir), "%s/seg", dir);
	mkdir(sdir, 0777);
	snprintf(jp, sizeof(jp), "%s/all.jsonl", sdir);
	snprintf(sample, sizeof(sample), "%s/samples/calls-2021.jsonl", src);
	size_t sn;
	unsigned char *sb = slurp(sample, &sn);
	char *nl = sb ? memchr(sb, '\n', sn) : NULL;
	char *idq = sb ? strstr((char *)sb, "\"id\":\"") : NULL;
	char *ide = idq ? strchr(idq + 6, '"') : NULL;
	if (!nl || !ide || ide > nl) {
		ok(0, "the sample .jsonl has an id on its first line");
		free(sb);
		return;
	}
	FILE *f = fopen(jp, "wb");
	for (int i = 0; f && i < 400; i++) /* about 2.6 MB: three segments */
		fprintf(f, "%.*s-%d%.*s\n", (int)(ide - (char *)sb), (char *)sb, i, (int)(nl - ide), ide);
	if (f)
		fclose(f);
	free(sb);
	struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
	utimensat(AT_FDCWD, jp, t, 0);
	char *sp = sdir;
	struct corpus plain, a;
	struct corpus_opts none = { 0 }, cached = { .use_cache = true };
	corpus_init(&plain);
	corpus_load(&plain, &sp, 1, &none);
	corpus_init(&a);
	corpus_load(&a, &sp, 1, &cached);
	corpus_free(&a);
	char *key, *file = cache_file_for(&sp, 1, &key);
	size_t n;
	unsigned char *m = slurp(file, &n);
	uint32_t nrec = 0;
	uint64_t toc = 0;
	if (m && n >= 48) {
		memcpy(&nrec, m + 32, 4);
		memcpy(&toc, m + 40, 8);
	}
	ok(m && nrec >= 3 && toc < n, "a .jsonl of 400 lines is cached in segments (%u)", nrec);
	if (m && nrec >= 3 && toc < n) {
		/* the second entry: its first 16 bytes, its opening's length,
		 * then the opening: path, size, mtime, hash, layout, racy, the
		 * segment's from, len, hash, line0 */
		size_t at = (size_t)toc, on;
		uint32_t on32, pl;
		memcpy(&on32, m + at + 16, 4);
		on = on32;
		at += 20 + on;
		memcpy(&pl, m + at + 20, 4);
		size_t line0 = at + 20 + 4 + pl + 1 + 8 * 6 + 2 + 8 * 3;
		uint64_t v;
		memcpy(&v, m + line0, 8);
		v += 7;
		memcpy(m + line0, &v, 8);
		spit(file, m, n);
		ok(cache_reseal(file), "its second entry's first line changed (%llu), the checksum made right",
		   (unsigned long long)v);
		corpus_init(&a);
		corpus_load(&a, &sp, 1, &cached);
		ok(same_corpus(&plain, &a) && a.cache_written && a.n_readouts == 400,
		   "the load starts over from the file: the file's line numbers, a new cache written");
		corpus_free(&a);
		/* a middle segment's record changed, with a take hook (the
		 * browser: the readouts before it are handed on already): its
		 * lines read from the file, none twice */
		free(m);
		m = slurp(file, &n);
		uint32_t kl, n0;
		memcpy(&kl, m + 48, 4);
		size_t rec0 = 48 + 4 + kl + 1;
		memcpy(&n0, m + rec0, 4);
		size_t rec1 = rec0 + 4 + n0;
		m[rec1 + 16 + 200] ^= 0x01; /* in its heads, past their opening */
		spit(file, m, n);
		struct takes tk = { 0 };
		struct corpus_opts taking = { .use_cache = true, .take = take_count, .arg = &tk };
		corpus_init(&a);
		corpus_load(&a, &sp, 1, &taking);
		ok(tk.n == 400 && tk.twice == 0 && !a.cache_failed && a.diags.count[DIAG_IO] == 0,
		   "a segment's record changed, a take hook: 400 readouts taken (%zu), none twice (%zu)", tk.n, tk.twice);
		corpus_free(&a);
		/* and the file's bytes changed too, its size and mtime kept: the
		 * lines of that segment are not what the cache was made of, said */
		spit(file, m, n);
		size_t jn;
		unsigned char *jb = slurp(jp, &jn);
		char *mid = jb ? memchr(jb + (size_t)1500000, '"', jn - 1500000) : NULL;
		if (mid) {
			mid[1] = mid[1] == 'X' ? 'Y' : 'X';
			spit(jp, jb, jn);
			utimensat(AT_FDCWD, jp, t, 0);
		}
		free(jb);
		memset(&tk, 0, sizeof(tk));
		corpus_init(&a);
		/* (its ctime is new: as if it changed after the walk looked) */
		cache_test_ignore_ctime = true;
		corpus_load(&a, &sp, 1, &taking);
		cache_test_ignore_ctime = false;
		ok(mid && tk.n < 400 && tk.twice == 0 && a.diags.count[DIAG_IO] == 1,
		   "the file changed under a bad segment, size and mtime kept: %zu taken, none twice, said (%zu)", tk.n,
		   a.diags.count[DIAG_IO]);
		if (a.diags.n)
			diag_note("%s", a.diags.v[0].text);
		corpus_free(&a);
	}
	corpus_free(&plain);
	free(m);
	free(file);
	free(key);
}

/* The names table beside the cache (corpus_opts.names): saved by a load
 * without it, handed to the next, and noted afresh, the same, when the
 * hook does not take it. */
struct names_seen_by {
	int calls;
	bool take;
	uint64_t decls;
	size_t speakers;
};

static bool names_hook(const struct names_index *ni, void *arg)
{
	struct names_seen_by *h = arg;
	h->calls++;
	h->decls = ni->decls;
	h->speakers = ni->n[ENT_SPEAKER];
	return h->take;
}

static bool keep_all_names(const struct readout *r, void *arg)
{
	(void)r, (void)arg;
	return true;
}

static void *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *b = malloc(1 << 20);
	*n = b ? fread(b, 1, 1 << 20, f) : 0;
	fclose(f);
	return b;
}

static void names_table_tests(void)
{
	char *p = corpus_dir, *key;
	char *file = cache_file_for(&p, 1, &key), *nam = cache_names_file(file);
	/* (the files old enough for the cache to trust, and a cache of them) */
	DIR *d = opendir(corpus_dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		char f[600];
		snprintf(f, sizeof(f), "%s/%s", corpus_dir, e->d_name);
		struct timespec t[2] = { { 1600000000, 0 }, { 1600000000, 0 } };
		utimensat(AT_FDCWD, f, t, 0);
	}
	if (d)
		closedir(d);
	struct corpus c;
	load(&c, true);
	corpus_free(&c);
	unlink(nam);
	struct names_seen_by h = { 0 };
	struct corpus_opts o = { .use_cache = true, .keep = keep_all_names, .names = names_hook, .arg = &h };
	corpus_init(&c);
	corpus_load(&c, &p, 1, &o);
	ok(h.calls == 0 && c.names_saved && !c.names_used, "a load without the names table notes the names and saves them");
	corpus_free(&c);
	size_t n1 = 0, n2 = 0;
	char *t1 = read_all(nam, &n1);
	h.take = true;
	corpus_init(&c);
	corpus_load(&c, &p, 1, &o);
	ok(h.calls == 1 && c.names_used && !c.names_saved && h.speakers > 0 && h.decls > 0,
	   "the next hands them to the hook before the load (%llu declarations, %zu speakers)",
	   (unsigned long long)h.decls, h.speakers);
	uint64_t decls = h.decls;
	corpus_free(&c);
	h.take = false;
	corpus_init(&c);
	corpus_load(&c, &p, 1, &o);
	char *t2 = read_all(nam, &n2);
	ok(h.calls == 2 && !c.names_used && c.names_saved && t1 && t2 && n1 == n2 && memcmp(t1, t2, n1) == 0,
	   "a hook that does not take them: noted afresh (not over what was read) and saved, the same bytes");
	corpus_free(&c);
	h.take = true;
	corpus_init(&c);
	corpus_load(&c, &p, 1, &o);
	ok(h.calls == 3 && h.decls == decls, "and handed over as before (%llu declarations)", (unsigned long long)h.decls);
	corpus_free(&c);
	free(t1);
	free(t2);
	free(nam);
	free(file);
	free(key);
}

int main(void)
{
	const char *src = getenv("top_srcdir");
	if (!src)
		src = "..";
	snprintf(dir, sizeof(dir), "/tmp/parley-cache.XXXXXX");
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	snprintf(xdg, sizeof(xdg), "%s/xdg", dir);
	snprintf(corpus_dir, sizeof(corpus_dir), "%s/c", dir);
	mkdir(corpus_dir, 0777);
	setenv("XDG_CACHE_HOME", xdg, 1);
	copy_samples(src);

	/* the records hold hashes: whichever vector unit computes them (the
	 * library's dispatching entry point, where it has one), they are
	 * XXH3's, short and long inputs alike */
	{
		static unsigned char buf[5000];
		uint64_t r = 0x9E3779B97F4A7C15ull;
		for (size_t i = 0; i < sizeof(buf); i++) {
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			buf[i] = (unsigned char)(r >> 56);
		}
		size_t differ = 0, tried = 0;
		for (size_t n = 0; n <= sizeof(buf); n += n < 300 ? 1 : 37, tried++)
			differ += hash64(buf + (n % 7), n - (n % 7)) != XXH3_64bits(buf + (n % 7), n - (n % 7));
		ok(differ == 0 && hash64("", 0) == 0x2D06800538D394C2ull, "hash64 is XXH3 (%zu of %zu lengths differ)",
		   differ, tried);
	}

	struct corpus plain, a, b;
	load(&plain, false);
	ok(plain.n_readouts == 5 && plain.n_files == 4, "the copied samples load (%zu readouts)", plain.n_readouts);

	load(&a, true);
	ok(a.cache_written && a.cache_hits == 0, "a first load writes the cache");
	ok(same_corpus(&plain, &a), "and gives the corpus of the files");
	load(&b, true);
	is_int(b.cache_hits, 4, "a second load reads every file from the cache");
	ok(!b.cache_written, "and leaves it as it is");
	ok(same_corpus(&plain, &b), "and gives the same corpus, field by field");
	corpus_free(&a);
	corpus_free(&b);

	/* streamed: strings copied out, texts left out and read back; the
	 * records of the files taken at once read in one read each time
	 * (cache_read_span) and decoded from there */
	size_t spanned = cache_span_records();
	load_opts(&a, true, true);
	size_t held = 0;
	for (size_t i = 0; i < a.n_readouts; i++)
		held += a.readouts[i].text != NULL;
	ok(a.cache_hits == 4 && held == 0 && a.n_maps == 0,
	   "a load without texts reads the cache, keeps no text and no mapping");
	ok(same_corpus(&plain, &a), "and gives the same corpus, its texts read back from the files");
	ok(cache_span_records() > spanned, "its records decoded from spans read at once (%zu of 4)",
	   cache_span_records() - spanned);
	corpus_free(&a);

	char *key, *p = corpus_dir;
	char *file = cache_file_for(&p, 1, &key);
	ok(file && access(file, R_OK) == 0, "the cache is under $XDG_CACHE_HOME/parley");
	size_t n;
	unsigned char *orig = slurp(file, &n);
	ok(orig && n > 1000, "it can be read (%zu bytes)", n);

	/* a count whose hooks look at no head (skim_kept): each readout's
	 * body judged and counted from a head read no further than its id,
	 * with its entities' counts (what the body is checked against), the
	 * same count as with the heads read whole */
	{
		size_t positions = 0, ents = 0, with = 0;
		for (size_t i = 0; i < plain.n_readouts; i++) {
			positions += plain.readouts[i].n_positions;
			with += plain.readouts[i].n_positions > 0;
			for (int k = 0; k < ENT_KINDS; k++)
				ents += plain.readouts[i].n_positions ? plain.readouts[i].n_ents[k] : 0;
		}
		struct tally t, tw;
		load_tally(&a, &tw, false);
		corpus_free(&a);
		load_tally(&a, &t, true);
		ok(a.cache_hits == 4 && t.positions == positions && t.positions == tw.positions && a.n_readouts == 0
		       && a.n_judged_skimmed == plain.n_readouts && t.judged == plain.n_readouts
		       && tw.judged == plain.n_readouts && a.n_skimmed == 0,
		   "a count with the heads left skimmed: %zu positions (%zu with heads read, %zu in the files), "
		   "%zu readouts judged so (%zu of them with positions)",
		   t.positions, tw.positions, positions, a.n_judged_skimmed, with);
		ok(t.sums_told > 0 && t.sums_bad == 0 && tw.sums_told == t.sums_told && tw.sums_bad == 0,
		   "its judge is told where each readout's summaries are, one after another (%zu readouts, %zu with heads "
		   "read; told wrong %zu, %zu)",
		   t.sums_told, tw.sums_told, t.sums_bad, tw.sums_bad);
		ok(t.ents == ents && tw.ents == ents && t.with_ents == 0 && tw.with_ents > 0,
		   "its judge is given the entities' counts (%zu, %zu with heads read, %zu in the files) "
		   "and no entity (%zu, %zu)",
		   t.ents, tw.ents, ents, t.with_ents, tw.with_ents);
		corpus_free(&a);
	}

	/* the set of byte values each readout's text and summaries hold, in
	 * its head's opening: a may_have hook that wants a byte leaves out
	 * unread (from their heads' openings alone) the readouts whose text
	 * and summaries lack it, and the others are judged as without it */
	{
		static const int bytes[] = { 0xD0, 0xE4, 'z', 0x01, 0xFF };
		for (size_t k = 0; k < sizeof(bytes) / sizeof(bytes[0]); k++) {
			size_t lack = 0, positions = 0;
			for (size_t i = 0; i < plain.n_readouts; i++) {
				const struct readout *r = &plain.readouts[i];
				bool has = r->text && memchr(r->text, bytes[k], r->text_bytes);
				for (size_t q = 0; q < r->n_positions && !has; q++)
					has = r->positions[q].summary && strchr(r->positions[q].summary, bytes[k]);
				lack += !has;
				positions += has ? r->n_positions : 0;
			}
			struct tally t;
			want_byte = bytes[k];
			load_tally(&a, &t, true);
			want_byte = -1;
			ok(a.cache_hits == 4 && !a.cache_failed && a.n_skimmed == lack && t.judged == plain.n_readouts - lack
			       && t.positions == positions,
			   "wanting byte 0x%02X: %zu readouts left out unread (%zu lack it), %zu judged, %zu positions (%zu)",
			   (unsigned)bytes[k], a.n_skimmed, lack, t.judged, t.positions, positions);
			corpus_free(&a);
		}
	}

	/* a text_may_have hook is asked of each text alone: one that says
	 * its text lacks the words has the readout judged without its text
	 * (the summaries alone), and counted all the same */
	{
		static const int bytes[] = { 'z', 0xD0, 'e' };
		for (size_t k = 0; k < sizeof(bytes) / sizeof(bytes[0]); k++) {
			size_t lack = 0, texts = plain.n_readouts, positions = 0;
			for (size_t i = 0; i < plain.n_readouts; i++) {
				const struct readout *r = &plain.readouts[i];
				lack += !r->text || !memchr(r->text, bytes[k], r->text_bytes);
				positions += r->n_positions;
			}
			struct tally t;
			want_text = bytes[k];
			text_asked = text_not_text = judged_with_text = judged_without = 0;
			load_tally(&a, &t, true);
			want_text = -1;
			ok(a.cache_hits == 4 && !a.cache_failed && text_asked == texts && text_not_text == 0
			       && judged_without == lack && judged_with_text == texts - lack && lack && lack < texts
			       && t.positions == positions,
			   "a text lacking byte 0x%02X: %zu texts asked of (%zu), %zu not texts, %zu judged without their "
			   "text (%zu lack it), %zu with, %zu positions (%zu)",
			   (unsigned)bytes[k], text_asked, texts, text_not_text, judged_without, lack, judged_with_text,
			   t.positions, positions);
			corpus_free(&a);
		}
		/* with text_decides, may_keep is asked only of the bodies whose
		 * text text_may_have found without the byte (or that have no
		 * text), and what is kept and counted is what it keeps: a
		 * may_keep that wants the same byte anywhere in the body */
		{
			size_t lack = 0;
			for (size_t i = 0; i < plain.n_readouts; i++) {
				const struct readout *r = &plain.readouts[i];
				lack += !r->text || !memchr(r->text, 'z', r->text_bytes);
			}
			struct tally t, t2;
			want_text = keep_byte = 'z';
			text_decides = true;
			may_keep_asked = 0;
			load_tally(&a, &t, true);
			size_t decided = may_keep_asked;
			text_decides = false;
			may_keep_asked = 0;
			load_tally(&b, &t2, true);
			want_text = keep_byte = -1;
			ok(decided == lack && may_keep_asked == plain.n_readouts && t.positions == t2.positions
			       && t.judged == t2.judged && a.n_skimmed == b.n_skimmed
			       && a.n_judged_skimmed == b.n_judged_skimmed && t.judged < plain.n_readouts,
			   "text_decides: may_keep asked %zu times (%zu texts lack the byte; without it, %zu), the same %zu "
			   "positions, %zu judged, %zu left out unread",
			   decided, lack, may_keep_asked, t.positions, t.judged, a.n_skimmed);
			corpus_free(&a);
			corpus_free(&b);
		}
		/* a body whose text lacks the words: may_keep is given the
		 * pool of its strings alone (its summaries first), not the
		 * mentions and positions' fixed parts before it; one whose
		 * text may hold them, the whole body (its text first) */
		{
			size_t lack = 0, with = 0;
			for (size_t i = 0; i < plain.n_readouts; i++) {
				const struct readout *r = &plain.readouts[i];
				bool sums = false;
				for (size_t q = 0; q < r->n_positions; q++)
					sums = sums || r->positions[q].summary;
				if (r->text && !memchr(r->text, 'z', r->text_bytes))
					lack += sums;
				else
					with += r->text != NULL;
			}
			struct tally t;
			want_text = 'z';
			keep_opens = &plain;
			keep_texts = keep_pools = keep_other = keep_missing = 0;
			load_tally(&a, &t, true);
			keep_opens = NULL;
			want_text = -1;
			ok(keep_pools == lack && keep_texts == with && keep_other == 0 && keep_missing == 0 && lack > 0,
			   "may_keep is given a pool of strings (%zu, %zu readouts have a text without the byte and "
			   "summaries) or a whole body (%zu, %zu), nothing else (%zu), every summary in it (%zu missing)",
			   keep_pools, lack, keep_texts, with, keep_other, keep_missing);
			corpus_free(&a);
		}
		/* and a text changed in the cache (the file's checksum made
		 * right again) so that it lacks the byte: its own hash says so,
		 * and the readout is read from its file and judged there (with
		 * its text), not from its summaries alone */
		const struct readout *one = NULL;
		const unsigned char *at = NULL;
		int byte = 0;
		for (int b = 'a'; b <= 'z' && !one; b++)
			for (size_t i = 0; i < plain.n_readouts && !one; i++) {
				const struct readout *r = &plain.readouts[i];
				const char *x = r->text ? memchr(r->text, b, r->text_bytes) : NULL;
				if (!x || memchr(x + 1, b, r->text_bytes - (size_t)(x - r->text) - 1))
					continue; /* (not there once) */
				const unsigned char *in = find_bytes(orig, n, r->text, r->text_bytes);
				if (in && !find_bytes(in + 1, n - (size_t)(in - orig) - 1, r->text, r->text_bytes))
					one = r, at = in + (x - r->text), byte = b;
			}
		ok(one != NULL, "a readout whose text has a letter once, in the cache once (%c)", byte ? byte : '-');
		if (one) {
			size_t lack = 0;
			for (size_t i = 0; i < plain.n_readouts; i++) {
				const struct readout *r = &plain.readouts[i];
				lack += !r->text || !memchr(r->text, byte, r->text_bytes);
			}
			unsigned char *m = malloc(n);
			memcpy(m, orig, n);
			m[at - orig] = byte == 'q' ? 'x' : 'q';
			spit(file, m, n);
			free(m);
			cache_reseal(file);
			struct tally t;
			want_text = byte;
			text_asked = text_not_text = judged_with_text = judged_without = 0;
			load_tally(&a, &t, true);
			want_text = -1;
			ok(judged_without == lack && a.cache_hits < 4,
			   "a text changed to lack it is not judged without its text (%zu without, %zu lack it; %zu from the "
			   "cache)",
			   judged_without, lack, a.cache_hits);
			corpus_free(&a);
			spit(file, orig, n);
		}
	}

	/* a head whose entities are not as many as its opening says: the
	 * skim cannot tell, reading it whole does (the record refused, its
	 * file read) */
	{
		unsigned char *m = malloc(n);
		memcpy(m, orig, n);
		const char *id = "en-2021-07-14-sco-cfm-dushanbe";
		uint32_t il = (uint32_t)strlen(id);
		unsigned char pat[64];
		memcpy(pat, &il, 4);
		memcpy(pat + 4, id, il + 1);
		unsigned char *at = NULL;
		for (size_t i = 0; !at && i + 4 + il + 1 <= n; i++)
			if (memcmp(m + i, pat, 4 + il + 1) == 0)
				at = m + i;
		ok(at != NULL, "the cache holds the English sample's head");
		if (at) {
			/* after the id: the text's length, code points and hash,
			 * where it is and its JSON's length; then the counts */
			unsigned char *cnt = at + 4 + il + 1 + 8 + 8 + 8 + 4 + 4;
			uint32_t sp;
			memcpy(&sp, cnt, 4);
			sp++;
			memcpy(cnt, &sp, 4);
			spit(file, m, n);
			ok(cache_reseal(file), "its speakers' count one more, resealed");
			load(&a, true);
			ok(same_corpus(&plain, &a) && a.cache_hits == 3,
			   "a load refuses that record (%zu from the cache) and gives the files' corpus", a.cache_hits);
			corpus_free(&a);
		}
		free(m);
		spit(file, orig, n);
	}

	/* truncated anywhere: ignored, rebuilt */
	int all = 1;
	for (size_t cut = 0; cut < n; cut += n / 37 + 1) {
		spit(file, orig, cut);
		load(&a, true);
		all &= a.cache_hits == 0 && same_corpus(&plain, &a) && a.cache_written;
		corpus_free(&a);
	}
	ok(all, "a truncated cache is ignored and rebuilt");

	/* bytes changed: the checksum refuses it */
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	all = 1;
	for (int i = 0; i < 200; i++) {
		unsigned char *m = malloc(n);
		memcpy(m, orig, n);
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		size_t at = (size_t)(seed % n);
		m[at] ^= (unsigned char)(1 + (seed >> 40) % 255);
		spit(file, m, n);
		free(m);
		load(&a, true);
		/* the checksum refuses the cache, or a body's hash its record */
		if (!(a.cache_hits < 4 && same_corpus(&plain, &a)))
			diag_note("byte %zu changed: %zu from the cache, the same corpus: %d", at, a.cache_hits,
			          same_corpus(&plain, &a));
		all &= a.cache_hits < 4 && same_corpus(&plain, &a);
		corpus_free(&a);
	}
	ok(all, "a cache with a byte changed is ignored (or the record it is in) and rebuilt");

	/* a keep hook sees heads alone; the bodies of what it keeps are
	 * decoded then, and give what the files give */
	spit(file, orig, n);
	struct every_other eo;
	struct corpus kept;
	load_kept(&kept, false, &eo);
	load_kept(&a, true, &eo);
	ok(kept.n_readouts == 3 && a.cache_hits == 4 && !a.cache_written && same_corpus(&kept, &a),
	   "a load with a keep hook reads heads from the cache and gives the readouts it keeps whole");
	corpus_free(&a);

	/* a body that its hash (resealed) says is right but that does not
	 * decode: found once kept, and the load starts over from the files */
	{
		unsigned char *m = malloc(n);
		memcpy(m, orig, n);
		uint32_t kl, rn, hn;
		memcpy(&kl, m + 48, 4);
		size_t rec = 48 + 4 + kl + 1; /* the key, then the first record */
		memcpy(&rn, m + rec, 4);
		memcpy(&hn, m + rec + 4, 4);
		uint32_t bad = 0xFFFFFFFEu; /* the first body's text: longer than the record */
		memcpy(m + rec + 16 + hn, &bad, 4);
		spit(file, m, n);
		free(m);
		ok(cache_reseal(file), "a cache with a broken body resealed");
		load_kept(&a, true, &eo);
		ok(same_corpus(&kept, &a) && eo.restarts == 1 && a.cache_written && !a.cache_failed,
		   "a keep hook's load that meets it starts over once (restarts %d) from the files, and writes a good cache",
		   eo.restarts);
		corpus_free(&a);
		load_kept(&a, true, &eo);
		ok(same_corpus(&kept, &a) && eo.restarts == 0 && a.cache_hits == 4, "which the next load reads");
		corpus_free(&a);
		/* without a keep hook: the record is refused, its file loaded */
		m = malloc(n);
		memcpy(m, orig, n);
		memcpy(m + rec + 16 + hn, &bad, 4);
		spit(file, m, n);
		free(m);
		cache_reseal(file);
		load(&a, true);
		ok(same_corpus(&plain, &a) && a.cache_hits == 3, "a load without one refuses that record alone");
		corpus_free(&a);
		load(&a, true);
		ok(same_corpus(&plain, &a) && a.cache_hits == 0 && a.cache_written, "and removes the cache, written again next");
		corpus_free(&a);
	}
	corpus_free(&kept);
	spit(file, orig, n);

	/* changed bytes that a matching checksum lets through: still safe */
	all = 1;
	int decoded = 0;
	for (int i = 0; i < 1500; i++) {
		unsigned char *m = malloc(n);
		memcpy(m, orig, n);
		for (int k = 0; k < 1 + i % 3; k++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			size_t at = 48 + (size_t)(seed % (n - 48));
			m[at] = (unsigned char)(seed >> 48);
		}
		spit(file, m, n);
		free(m);
		cache_reseal(file);
		struct tally t;
		if (i % 4 == 3)
			load_tally(&a, &t, i % 8 == 7);
		else if (i % 3 == 2)
			load_kept(&a, true, &eo);
		else
			load_opts(&a, true, i % 2);
		decoded += a.cache_hits > 0;
		if (!(sound(&a) && a.n_files == plain.n_files)) {
			diag_note("unsound at round %d: sound %d files %zu/%zu", i, sound(&a), a.n_files, plain.n_files);
			all = 0;
		}
		corpus_free(&a);
	}
	ok(all, "a resealed corrupt cache never gives unsound data (%d of 1500 used)", decoded);

	/* a cache of other paths is foreign */
	spit(file, orig, n);
	char other[128];
	snprintf(other, sizeof(other), "%s/other", dir);
	mkdir(other, 0777);
	char *key2, *op = other;
	char *file2 = cache_file_for(&op, 1, &key2);
	spit(file2, orig, n);
	struct cache k;
	ok(!cache_open(&k, file2, key2, false), "a cache made for other paths is not opened");
	ok(cache_open(&k, file, key, false), "the right one is");
	cache_close(&k, false);

	/* opening reads the table of contents, not the records: a record's
	 * bytes changed (its path in its heads, its own length) are found
	 * when that record is decoded, and the others still decode */
	for (int what = 0; what < 2; what++) {
		unsigned char *m = malloc(n);
		memcpy(m, orig, n);
		uint32_t kl;
		memcpy(&kl, m + 48, 4);
		size_t rec = 48 + 4 + kl + 1; /* the first record */
		if (what == 0)
			m[rec + 16 + 4] ^= 0x20; /* its path's first byte */
		else
			m[rec] ^= 0x01; /* its length */
		spit(file, m, n);
		free(m);
		bool opened = cache_open(&k, file, key, false);
		struct file_load fl;
		bool first = opened && cache_decode(&k, 0, &fl, false, false);
		if (first)
			file_load_free(&fl);
		int rest = 0;
		for (size_t i = 1; opened && i < k.n_files; i++)
			if (cache_decode(&k, i, &fl, false, false)) {
				rest++;
				file_load_free(&fl);
			}
		ok(opened && !first && rest == (int)k.n_files - 1 && k.n_files == 4,
		   "a first record's %s changed: the cache opens (%d), that record is refused (%d), the %d others decode",
		   what ? "length" : "path", opened, !first, rest);
		cache_close(&k, false);
	}
	spit(file, orig, n);

	/* a streamed cache's records read at once (cache_read_span) are
	 * decoded from that copy, as they were when read: the file changed
	 * afterwards (the first record's path, in place: the mapping sees
	 * it) does not reach them until the span is done, then it does; the
	 * first record decodes from the span as it does from the mapping */
	{
		ok(cache_open(&k, file, key, true), "a streamed cache opens");
		struct file_load fl, fl0;
		bool plain0 = cache_decode(&k, 0, &fl0, false, false);
		long v[4] = { 0, 1, 2, 3 };
		cache_read_span(&k, v, k.n_files < 4 ? k.n_files : 4);
		uint32_t kl;
		memcpy(&kl, orig + 48, 4);
		off_t rec = 48 + 4 + kl + 1;
		unsigned char flipped = orig[rec + 16 + 4] ^ 0x20;
		int fd = open(file, O_WRONLY);
		bool written = fd >= 0 && pwrite(fd, &flipped, 1, rec + 16 + 4) == 1;
		if (fd >= 0)
			close(fd);
		bool from_span = cache_decode(&k, 0, &fl, false, false);
		bool same = from_span && plain0 && fl.n_readouts == fl0.n_readouts && fl.n_readouts > 0
		            && strcmp(fl.readouts[0].id, fl0.readouts[0].id) == 0
		            && fl.readouts[0].n_positions == fl0.readouts[0].n_positions
		            && fl.readouts[0].n_ents[ENT_SPEAKER] == fl0.readouts[0].n_ents[ENT_SPEAKER];
		if (from_span)
			file_load_free(&fl);
		if (plain0)
			file_load_free(&fl0);
		ok(written && from_span && same, "the records read at once decode as read, the file changed since (%d %d %d)",
		   written, from_span, same);
		cache_span_done();
		bool after = cache_decode(&k, 0, &fl, false, false);
		if (after)
			file_load_free(&fl);
		ok(!after, "the span done: the changed record is decoded from the mapping, and refused");
		cache_close(&k, false);
		/* not streamed (its strings point into the mapping): nothing
		 * read at once, a change made after the span seen */
		spit(file, orig, n);
		ok(cache_open(&k, file, key, false), "the cache, not streamed");
		cache_read_span(&k, v, 1);
		fd = open(file, O_WRONLY);
		written = fd >= 0 && pwrite(fd, &flipped, 1, rec + 16 + 4) == 1;
		if (fd >= 0)
			close(fd);
		after = cache_decode(&k, 0, &fl, false, false);
		if (after)
			file_load_free(&fl);
		ok(written && !after, "not streamed: no span, the record changed after it refused");
		cache_close(&k, false);
		cache_span_free();
	}
	spit(file, orig, n);

	/* stale: one file changed with the same size, and a new mtime */
	char fr[256];
	snprintf(fr, sizeof(fr), "%s/fr-2021-07-15-wang-yi-lavrov-tashkent.json", corpus_dir);
	size_t fn;
	unsigned char *fb = slurp(fr, &fn);
	unsigned char *at = (unsigned char *)strstr((char *)fb, "\"summary\": \"");
	ok(at != NULL, "the French sample has a summary");
	at[12] = at[12] == 'X' ? 'Y' : 'X';
	spit(fr, fb, fn);
	struct timespec t[2] = { { 1600000100, 0 }, { 1600000100, 0 } };
	utimensat(AT_FDCWD, fr, t, 0);
	free(fb);
	corpus_free(&plain);
	load(&a, true);
	is_int(a.cache_hits, 3, "an edited file is not read from the cache");
	ok(a.cache_written, "and the cache is rewritten");
	load(&plain, false);
	ok(same_corpus(&plain, &a), "the edit is seen");
	corpus_free(&a);

	/* removed and added files */
	unlink(fr);
	corpus_free(&plain);
	load(&plain, false);
	load(&a, true);
	ok(same_corpus(&plain, &a) && a.cache_written && a.cache_hits == 3, "a removed file is gone");
	corpus_free(&a);
	load(&a, true);
	ok(same_corpus(&plain, &a) && !a.cache_written && a.cache_hits == 3, "and the cache holds the rest");
	corpus_free(&a);
	char nf[256];
	snprintf(nf, sizeof(nf), "%s/new.json", corpus_dir);
	const char *nj = "{\"format\":\"parley/1\",\"id\":\"new\",\"text\":\"x\"}";
	spit(nf, (const unsigned char *)nj, strlen(nj));
	corpus_free(&plain);
	load(&plain, false);
	load(&a, true);
	ok(same_corpus(&plain, &a) && a.cache_written && a.n_readouts == 5, "an added file is loaded");
	corpus_free(&a);

	wakeup_tests();
	segment_entry_changed(src);
	names_table_tests();

	corpus_free(&plain);
	free(orig);
	free(file);
	free(key);
	free(file2);
	free(key2);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag_note("could not remove %s", dir);
	return tap_done();
}
