/* test_texts.c - texts let go after loading and read back on demand: the
 * same bytes as a full load (escapes, surrogate pairs, JSON Lines, a key
 * written with escapes), more readouts than the set keeps, spans that
 * still fall right, and a file changed on disk refused, never misread;
 * texts read back in batches (corpus_texts_read) as one at a time, and a
 * corpus search over them with the hits of each text searched alone. */
#include "tap.h"
#include "corpus.h"
#include "edit.h"
#include "json_check.h"
#include "search.h"
#include "texts.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static char *path_of(const char *rel)
{
	static char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	return p;
}

static void put(const char *rel, const char *content)
{
	FILE *f = fopen(path_of(rel), "w");
	fputs(content, f);
	fclose(f);
}

static void load(struct corpus *c, bool lazy, int threads)
{
	char *paths[1] = { dir };
	struct corpus_opts o = { .lazy_texts = lazy, .threads = threads };
	corpus_init(c);
	corpus_load(c, paths, 1, &o);
}

static void check_json_check(void)
{
	struct json_check jc;
	const char *s = "{\"a\":{\"text\":\"no\"},\"list\":[\"text\"],\"text\" : \"y\\\"es\"}";
	ok(json_check(s, strlen(s), &jc) && jc.text_len == 7 && memcmp(s + jc.text_at, "\"y\\\"es\"", 7) == 0,
	   "json_check finds the top-level text's string, not a nested one");
	s = "{\"text\":[\"x\"],\"b\":\"text\"}";
	ok(json_check(s, strlen(s), &jc) && jc.text_len == 0, "a text that is not a string is not found");
	s = "{\"te\\u0078t\":\"x\"}";
	ok(json_check(s, strlen(s), &jc) && jc.text_len == 0, "a key written with escapes is not matched");
	s = "[\"text\",\"x\"]";
	ok(json_check(s, strlen(s), &jc) && jc.text_len == 0, "no text in an array");
}

/* search_corpus's hits, as "ri s e" lines with the text's bytes there */
static void hit_line(void *arg, size_t ri, const char *text, size_t s, size_t e)
{
	char line[64];
	snprintf(line, sizeof(line), "%zu %zu %zu ", ri, s, e);
	sb_adds(arg, line);
	sb_add(arg, text + s, e - s);
	sb_adds(arg, "\n");
}

struct text_hits {
	struct strbuf *b;
	size_t ri;
	const char *text;
};

static void text_hit(void *arg, size_t s, size_t e)
{
	struct text_hits *h = arg;
	hit_line(h->b, h->ri, h->text, s, e);
}

/* Texts read back in batches of every size: the texts of a full load; a
 * text changed on disk refused alone; a search of every text the hits of
 * each full text searched alone, with one thread or two. */
struct each_check {
	const struct corpus *full;
	_Atomic int seen[303];
	_Atomic int unwanted, wrong;
};

static void each_text(void *arg, size_t ri, const char *text)
{
	struct each_check *ec = arg;
	if (ri >= 303 || !(ri % 3 == 1 || ri == 302)) {
		ec->unwanted++;
		return;
	}
	const struct readout *f = &ec->full->readouts[ri];
	if (!text || memcmp(text, f->text, f->text_bytes + 1) != 0)
		ec->wrong++;
	ec->seen[ri]++;
}

static void check_batches(void)
{
	snprintf(dir, sizeof(dir), "/tmp/parley-texts-XXXXXX");
	if (!mkdtemp(dir))
		return;
	struct strbuf b = { 0 };
	for (int i = 0; i < 300; i++) {
		char line[512];
		/* plain texts, escaped ones, an empty one, a key escaped (the
		 * whole object read alone), and one far from the next (a long
		 * field after it: read apart) */
		const char *key = i == 11 ? "te\\u0078t" : "text";
		if (i % 5 == 3)
			snprintf(line, sizeof(line), "{\"format\":\"parley/1\",\"id\":\"c%03d\",\"%s\":\"%s\"", i, key,
			         i == 13 ? "" : "Karo \\\"Limadenko\\\" s\\u00e9curit\\u00e9\\nKARO LIMADENKO");
		else
			snprintf(line, sizeof(line),
			         "{\"format\":\"parley/1\",\"id\":\"c%03d\",\"%s\":\"line %d: Karo Limadénko and \u212aaro limadenko, KARO\"",
			         i, key, i);
		sb_adds(&b, line);
		if (i == 40) {
			sb_adds(&b, ",\"note\":\"");
			for (int k = 0; k < 70000; k++)
				sb_adds(&b, "x");
			sb_adds(&b, "\"");
		}
		sb_adds(&b, "}\n");
	}
	put("c.jsonl", b.s);
	sb_free(&b);
	put("d.json", "{\"format\":\"parley/1\",\"id\":\"d\",\"text\":\"Karo Limadenko alone\"}\n");
	/* and a directory's file, and the first directory's again after it
	 * (each looked up from its directory, kept open) */
	mkdir(path_of("sub"), 0700);
	put("sub/e.json", "{\"format\":\"parley/1\",\"id\":\"e\",\"text\":\"karo limadenko in sub\"}\n");
	put("z.json", "{\"format\":\"parley/1\",\"id\":\"z\",\"text\":\"karo limadenko last\"}\n");
	struct corpus full, lazy;
	load(&full, false, 1);
	load(&lazy, true, 2);
	is_int(lazy.n_readouts, 303, "a batch's corpus loads");
	static const size_t sizes[] = { 1, 2, 7, 32, 303 };
	size_t same = 0, asked = 0;
	const char *text[303];
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		struct text_reader tr = { .fd = -1 };
		for (size_t lo = 0; lo < lazy.n_readouts; lo += sizes[z]) {
			size_t hi = lo + sizes[z] < lazy.n_readouts ? lo + sizes[z] : lazy.n_readouts;
			corpus_texts_read(&lazy, lo, hi, text, &tr);
			for (size_t i = lo; i < hi; i++, asked++) {
				const struct readout *f = &full.readouts[i];
				same += text[i - lo] && f->text_bytes == lazy.readouts[i].text_bytes
				        && memcmp(text[i - lo], f->text, f->text_bytes + 1) == 0;
			}
		}
		text_reader_close(&tr);
	}
	is_int(same, asked, "texts read back in batches of 1 to 303 are those of a full load (the files of two directories)");

	/* every text searched alone, then the corpus searched */
	struct strbuf want = { 0 }, got1 = { 0 }, got2 = { 0 };
	struct needle nd;
	needle_init(&nd, "karo limadenko");
	for (size_t i = 0; i < full.n_readouts; i++) {
		struct text_hits h = { &want, i, full.readouts[i].text };
		search_text(&nd, full.readouts[i].text, full.readouts[i].text_bytes, text_hit, &h);
	}
	setenv("PARLEY_THREADS", "1", 1);
	struct search_opts o = { hit_line, NULL, &got1 };
	struct search_result r1 = search_corpus(&lazy, &nd, &o);
	setenv("PARLEY_THREADS", "2", 1);
	o.arg = &got2;
	struct search_result r2 = search_corpus(&lazy, &nd, &o);
	unsetenv("PARLEY_THREADS");
	ok(want.n > 0 && r1.hits > 500, "the search has hits to find (%zu)", r1.hits);
	ok(want.n == got1.n && memcmp(want.s, got1.s, want.n) == 0 && r1.unread == 0,
	   "search_corpus, one thread: the hits of each text searched alone");
	ok(want.n == got2.n && memcmp(want.s, got2.s, want.n) == 0 && r2.unread == 0,
	   "and with two threads");

	/* the texts of some readouts, on every processor */
	for (int threads = 1; threads <= 2; threads++) {
		setenv("PARLEY_THREADS", threads == 1 ? "1" : "2", 1);
		struct each_check ec = { &full, { 0 }, 0, 0 };
		unsigned char want[303];
		for (size_t i = 0; i < lazy.n_readouts; i++)
			want[i] = i % 3 == 1 || i == 302;
		corpus_texts_each(&lazy, want, each_text, &ec);
		size_t wanted = 0, seen_right = 0;
		for (size_t i = 0; i < lazy.n_readouts; i++) {
			wanted += want[i];
			seen_right += want[i] && ec.seen[i] == 1;
		}
		ok(seen_right == wanted && ec.unwanted == 0 && ec.wrong == 0,
		   "corpus_texts_each, %d thread%s: each text wanted once, as a full load has it, no other (%zu)", threads,
		   threads == 1 ? "" : "s", wanted);
	}
	unsetenv("PARLEY_THREADS");

	/* one text changed under the same size and mtime: refused alone */
	struct stat st;
	stat(path_of("c.jsonl"), &st);
	size_t at = lazy.readouts[5].offset + lazy.readouts[5].text_at + 3;
	int fd = open(path_of("c.jsonl"), O_WRONLY);
	ok(fd >= 0 && pwrite(fd, "Q", 1, (off_t)at) == 1, "a byte of a text in the middle of a batch changes");
	close(fd);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	utimensat(AT_FDCWD, path_of("c.jsonl"), times, 0);
	struct text_reader tr = { .fd = -1 };
	corpus_texts_read(&lazy, 0, 32, text, &tr);
	size_t fine = 0;
	for (size_t i = 0; i < 32; i++)
		fine += i != 5 && text[i] && strcmp(text[i], full.readouts[i].text) == 0;
	ok(text[5] == NULL && fine == 31, "that text is refused, the batch's others read");
	text_reader_close(&tr);
	got1.n = 0;
	o.arg = &got1;
	r1 = search_corpus(&lazy, &nd, &o);
	ok(r1.unread == 1, "a search counts it unread");
	needle_free(&nd);
	sb_free(&want);
	sb_free(&got1);
	sb_free(&got2);
	corpus_free(&full);
	corpus_free(&lazy);
	unlink(path_of("c.jsonl"));
	unlink(path_of("d.json"));
	unlink(path_of("sub/e.json"));
	unlink(path_of("z.json"));
	rmdir(path_of("sub"));
	rmdir(dir);
}

int main(void)
{
	check_json_check();

	snprintf(dir, sizeof(dir), "/tmp/parley-texts-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	/* escapes, a surrogate pair, CJK, and a position on the CJK */
	put("a.json",
	    "{\"format\":\"parley/1\",\"id\":\"a\",\n \"text\":\"L\\u00e9 \\\"x\\\"\\n\\ud83d\\ude00 中文 end\",\n"
	    " \"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],\n"
	    " \"positions\":[{\"id\":\"p1\",\"speaker\":\"s\",\"start\":9,\"end\":11}]}\n");
	/* JSON Lines, one with its key escaped: the whole object is read back */
	struct strbuf b = { 0 };
	for (int i = 0; i < 150; i++) {
		char line[256];
		snprintf(line, sizeof(line),
		         "{\"format\":\"parley/1\",\"id\":\"l%03d\",\"%s\":\"line %d: ça va\\tbien\"}\n", i,
		         i == 7 ? "te\\u0078t" : "text", i);
		sb_adds(&b, line);
	}
	put("b.jsonl", b.s);
	sb_free(&b);

	struct corpus full, lazy;
	load(&full, false, 1);
	load(&lazy, true, 2);
	is_int(lazy.n_readouts, 151, "all readouts load with texts let go");
	is_int(full.n_readouts, 151, "and without");
	size_t held = 0;
	for (size_t i = 0; i < lazy.n_readouts; i++)
		held += lazy.readouts[i].text != NULL || lazy.readouts[i].text_buf != NULL;
	is_int(held, 0, "no text is held after a lazy load");
	ok(lazy.readouts[0].text_bytes == full.readouts[0].text_bytes && lazy.readouts[0].text_cps == 15,
	   "lengths are kept (15 code points)");

	/* every text twice, in two orders: more than the set keeps */
	size_t same = 0;
	for (int round = 0; round < 2; round++)
		for (size_t k = 0; k < lazy.n_readouts; k++) {
			size_t i = round ? lazy.n_readouts - 1 - k : k;
			const char *t = corpus_text(&lazy, i);
			same += t && strcmp(t, full.readouts[i].text) == 0;
		}
	is_int(same, 2 * 151, "each text read back is the one a full load gives");
	const char *t0 = corpus_text(&lazy, 0);
	is_str(t0, "Lé \"x\"\n\xF0\x9F\x98\x80 中文 end", "escapes and a surrogate pair are decoded");
	const struct position *p = &lazy.readouts[0].positions[0];
	ok(t0 && memcmp(t0 + p->span.bstart, "中文", p->span.bend - p->span.bstart) == 0
	       && p->span.bend - p->span.bstart == 6,
	   "a span's bytes fall on its characters in the text read back");
	ok(corpus_text(&lazy, 0) == t0, "a text asked for again is the one kept");
	struct span sp;
	ok(readout_span(&lazy, 0, 9, 11, &sp) && sp.bstart == p->span.bstart && sp.bend == p->span.bend,
	   "readout_span converts offsets of a text that was let go");
	ok(!readout_span(&lazy, 0, 9, 17, &sp), "readout_span refuses a span past the end");
	corpus_texts_forget(&lazy);
	is_str(corpus_text(&lazy, 8), full.readouts[8].text, "texts read back after forgetting");

	/* a file only touched (a checkout, touch): its texts still read */
	struct timespec later[2] = { { 1700000000, 0 }, { 1700000000, 0 } };
	utimensat(AT_FDCWD, path_of("a.json"), later, 0);
	corpus_texts_forget(&lazy);
	is_str(corpus_text(&lazy, 0), full.readouts[0].text, "a file touched but not changed still reads back");

	/* the file changes on disk: refused, with the reason */
	put("a.json",
	    "{\"format\":\"parley/1\",\"id\":\"a\",\n \"text\":\"Other text, other length\"}\n");
	corpus_texts_forget(&lazy);
	ok(corpus_text(&lazy, 0) == NULL, "a file changed on disk gives no text");
	ok(strstr(corpus_text_error(&lazy), "a.json: changed on disk since it was loaded"),
	   "and says so, naming the file");
	/* the failure is remembered (not read again at every redraw) until
	 * the texts are forgotten, as after a reload */
	put("a.json",
	    "{\"format\":\"parley/1\",\"id\":\"a\",\n \"text\":\"L\\u00e9 \\\"x\\\"\\n\\ud83d\\ude00 中文 end\",\n"
	    " \"speakers\":[{\"id\":\"s\",\"label\":\"S\"}],\n"
	    " \"positions\":[{\"id\":\"p1\",\"speaker\":\"s\",\"start\":9,\"end\":11}]}\n");
	ok(corpus_text(&lazy, 0) == NULL && strstr(corpus_text_error(&lazy), "a.json: changed on disk"),
	   "a failure is remembered, with its reason");
	corpus_texts_forget(&lazy);
	is_str(corpus_text(&lazy, 0), full.readouts[0].text, "and forgotten with the texts: the file put back reads");
	put("a.json",
	    "{\"format\":\"parley/1\",\"id\":\"a\",\n \"text\":\"Other text, other length\"}\n");
	/* same size and mtime, other bytes: the text's hash catches it */
	struct stat st;
	stat(path_of("b.jsonl"), &st);
	int fd = open(path_of("b.jsonl"), O_WRONLY);
	ok(fd >= 0 && pwrite(fd, "X", 1, 60) == 1, "a byte of b.jsonl's first text changes");
	close(fd);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	utimensat(AT_FDCWD, path_of("b.jsonl"), times, 0);
	ok(corpus_text(&lazy, 1) == NULL, "a text changed under the same size and mtime is refused");
	ok(corpus_text(&lazy, 2) != NULL, "the other readouts of the file still read back");
	unlink(path_of("b.jsonl"));
	ok(corpus_text(&lazy, 3) == NULL && strstr(corpus_text_error(&lazy), "b.jsonl"),
	   "a file removed gives no text, and an error naming it");

	corpus_free(&full);
	corpus_free(&lazy);
	unlink(path_of("a.json"));
	rmdir(dir);
	check_batches();
	return tap_done();
}
