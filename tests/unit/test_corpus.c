/* test_corpus.c - files, directories and JSON Lines: order, line numbers,
 * bad readouts that do not stop the others. */
#include "tap.h"
#include "corpus.h"
#include "lines.h"
#include "strmap.h"

#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static void put(const char *rel, const char *content)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	FILE *f = fopen(p, "w");
	fputs(content, f);
	fclose(f);
}

static char *ro(const char *id)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "{\"format\":\"parley/1\",\"id\":\"%s\",\"text\":\"é\"}", id);
	return buf;
}

static int has(const struct corpus *c, const char *want)
{
	for (size_t i = 0; i < c->diags.n; i++)
		if (strstr(c->diags.v[i].text, want))
			return 1;
	for (size_t i = 0; i < c->diags.n; i++)
		diag_note("  %s", c->diags.v[i].text);
	return 0;
}

/* lines.h: every line of buf as "start-end" (with "+" when a newline ends
 * it), comma-separated, with its number checked. */
static const char *walk(const char *buf)
{
	static char out[256];
	out[0] = '\0';
	struct lines it = lines_of(buf, strlen(buf));
	unsigned long no = 0;
	while (lines_next(&it)) {
		char one[64];
		snprintf(one, sizeof(one), "%s%zu-%zu%s", out[0] ? "," : "", it.start, it.end, it.nl ? "+" : "");
		strcat(out, one);
		if (it.no != ++no)
			strcat(out, "(bad number)");
	}
	return out;
}

/* What load_big's keep hook saw. */
struct seen {
	char *out;
	size_t n, cap, count;
};

static void see(struct seen *s, const struct readout *r)
{
	if (s->n + 256 > s->cap)
		s->out = realloc(s->out, s->cap = s->cap * 2 + 256);
	s->n += (size_t)snprintf(s->out + s->n, s->cap - s->n, "%s@%lu:%zu;", r->id, r->line, r->offset);
	s->count++;
}

static bool see_and_drop(const struct readout *r, void *arg)
{
	see(arg, r);
	return false;
}

/* A JSON Lines file of more than the size split among threads (1 MB):
 * read whole into memory and parsed on one thread (threads 0), or loaded
 * from its path with the given threads (read in blocks of lines, each
 * split among them; drop: each readout let go once seen), its readouts'
 * ids, lines and offsets and its diagnostics as one string, to compare. */
static char *load_big(const char *path, int threads, bool drop, size_t *n_readouts)
{
	struct corpus c;
	corpus_init(&c);
	struct seen s = { 0 };
	struct corpus_opts o = { .threads = threads };
	if (drop) {
		o.keep = see_and_drop;
		o.arg = &s;
	}
	char *p = (char *)path;
	if (threads) {
		corpus_load(&c, &p, 1, &o);
	} else {
		FILE *f = fopen(path, "rb");
		fseek(f, 0, SEEK_END);
		long len = ftell(f);
		rewind(f);
		char *buf = malloc((size_t)len + 1);
		if (fread(buf, 1, (size_t)len, f) != (size_t)len)
			len = 0;
		buf[len] = '\0';
		fclose(f);
		corpus_add_buffer(&c, path, buf, (size_t)len, true);
		free(buf);
	}
	for (size_t i = 0; i < c.n_readouts; i++)
		see(&s, &c.readouts[i]);
	size_t cap = s.cap, n = s.n;
	char *out = s.out;
	for (size_t i = 0; i < c.diags.n; i++) {
		size_t k = strlen(c.diags.v[i].text);
		if (n + k + 2 > cap)
			out = realloc(out, cap = cap * 2 + k);
		n += (size_t)snprintf(out + n, cap - n, "%s|", c.diags.v[i].text);
	}
	*n_readouts = s.count;
	corpus_free(&c);
	return out;
}

/* strmap: keys put while the table grows (its slots moving a few at a
 * time) are all found, once, with their values; a key put again, moved or
 * not yet, gives its first value. */
static void strmap_tests(void)
{
	static char keys[20000][16];
	struct strmap m = { 0 };
	size_t bad = 0, v;
	for (size_t i = 0; i < 20000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		bad += !strmap_put(&m, keys[i], strlen(keys[i]), i, NULL);
		/* every key so far, the old ones and one put again */
		if (i % 997 == 0)
			for (size_t j = 0; j <= i; j++)
				bad += !strmap_get(&m, keys[j], strlen(keys[j]), &v) || v != j;
		size_t j = i / 2, e = 0;
		bad += strmap_put(&m, keys[j], strlen(keys[j]), 7, &e) || e != j;
	}
	is_int(bad, 0, "strmap: 20000 keys put as it grows, each found with its value, none twice");
	is_int(m.count, 20000, "strmap: and counted once");
	ok(!strmap_get(&m, "k20000", 6, NULL) && !strmap_get(&m, "", 0, NULL), "strmap: no other key");
	strmap_clear(&m);
	ok(!strmap_get(&m, "k1", 2, NULL) && m.cap == 0, "strmap: cleared");
	/* room made before (empty), or while keys are in it (they move as
	 * when it grows): every key found; no growing past what was made */
	bad = 0;
	strmap_reserve(&m, 5000);
	size_t cap = m.cap;
	for (size_t i = 0; i < 5000; i++)
		bad += !strmap_put(&m, keys[i], strlen(keys[i]), i, NULL);
	ok(cap >= 10000 && m.cap == cap, "strmap_reserve: room for 5000 keys, none grown (%zu slots)", m.cap);
	strmap_reserve(&m, 12000);
	for (size_t i = 5000; i < 12000; i++)
		bad += !strmap_put(&m, keys[i], strlen(keys[i]), i, NULL);
	for (size_t j = 0; j < 12000; j++)
		bad += !strmap_get(&m, keys[j], strlen(keys[j]), &v) || v != j;
	strmap_reserve(&m, 10);
	is_int(bad, 0, "strmap_reserve: with keys in it, each found with its value (%zu slots)", m.cap);
	strmap_clear(&m);
}

int main(void)
{
	strmap_tests();
	/* a corpus's documentation, never drafted from a directory */
	static const char *const docs[] = { "README", "readme.md", "README.fr.txt", "README-fr.txt", "README_zh-CN.md",
		                            "LICENSE-MIT", "notes-ru.txt", "sub/CHANGES_2.txt", "Notes.txt" };
	static const char *const plain[] = { "news-2021-08-20.txt", "notes_on_talks.txt", "readmeeting.txt",
		                             "README-.txt", "lavrov.txt", "README-fr!.txt", "newsroom.html" };
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		ok(corpus_is_doc(docs[i]), "documentation: %s", docs[i]);
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		ok(!corpus_is_doc(plain[i]), "a readout: %s", plain[i]);
	is_str(walk(""), "", "lines: an empty buffer has none");
	is_str(walk("\n"), "0-0+", "lines: a lone newline is one empty line");
	is_str(walk("ab\n"), "0-2+", "lines: a last newline starts no line");
	is_str(walk("ab"), "0-2", "lines: a last line without newline is a line");
	is_str(walk("a\n\nbc\r\nd"), "0-1+,2-2+,3-6+,7-8", "lines: blank lines count, CR stays in the line");

	/* JSON Lines: blank lines skipped, errors name their line. */
	const char *jl =
		"{\"format\":\"parley/1\",\"id\":\"a\",\"text\":\"x\"}\n"
		"\n"
		"   \r\n"
		"{\"format\":\"parley/1\",\"id\":\"b\",\"text\":\"x\",\"date\":\"nope\"}\n"
		"{\"format\":\"parley/1\",\"id\":\"c\",\"text\":\"x\"\n"
		"[1]\n"
		"{\"format\":\"parley/1\",\"id\":\"d\",\"text\":\"\xff\"}\n"
		"{\"format\":\"parley/1\",\"id\":\"a\",\"text\":\"x\"}\n"
		"{\"format\":\"parley/1\",\"id\":\"e\",\"text\":\"y\"}";
	struct corpus c;
	corpus_init(&c);
	corpus_add_buffer(&c, "c.jsonl", jl, strlen(jl), true);
	is_int(c.n_readouts, 2, "two good readouts of nine lines load");
	is_int(c.n_skipped, 5, "five bad lines are skipped");
	ok(c.n_readouts == 2 && strcmp(c.readouts[1].id, "e") == 0 && c.readouts[1].line == 9,
	   "the last line loads after the bad ones, with its line number");
	ok(has(&c, "c.jsonl: readout b: date: \"nope\" is not a date: the form is YYYY-MM-DD, YYYY-MM or YYYY (line 4)"),
	   "a rule error names the line");
	ok(has(&c, "c.jsonl:5:41: invalid JSON: expected ',' or '}' after an object member, found end of input"),
	   "a syntax error names line and column");
	ok(has(&c, "c.jsonl:6:1: not a readout: the top level is an array"), "an array line");
	ok(has(&c, "c.jsonl:7:39: invalid UTF-8 (byte 0xFF)"), "invalid UTF-8 on line 7");
	ok(has(&c, "c.jsonl: readout a: id: already the id of the readout on line 1 of c.jsonl (line 8)"),
	   "a duplicate id names the first");
	corpus_free(&c);

	/* Directories: recursive, byte order of full path, hidden skipped. */
	strcpy(dir, "/tmp/parley-test-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char p[256];
	snprintf(p, sizeof(p), "%s/a", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/a-b", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/.hidden", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/a-b/y", dir);
	mkdir(p, 0755);
	put("a/b.json", ro("ab"));
	put("a-b/x.json", ro("a-bx"));
	put("a-b/y/z.json", ro("a-byz"));
	put("a-b.json", ro("a-b"));
	put("a0.json", ro("a0"));
	put("a.json", ro("a"));
	put("B.json", ro("B"));
	put(".hidden/h.json", ro("h"));
	put(".dot.json", ro("dot"));
	put("notes.txt", "not a readout");
	put("z.jsonl", "{\"format\":\"parley/1\",\"id\":\"z1\",\"text\":\"\"}\n{\"format\":\"parley/1\",\"id\":\"z2\",\"text\":\"\"}\n");
	put("bad.json", "{\"format\":\"parley/1\",\"id\":\"bad\"}");

	corpus_init(&c);
	corpus_add_path(&c, dir);
	/* (a subdirectory's files are walked on a thread of their own, and
	 * placed among the top's files: "a-b.json" before "a-b/", "a/"
	 * before "a0.json") */
	const char *want[] = { "B", "a-b", "a-bx", "a-byz", "a", "ab", "a0", "z1", "z2" };
	int order = c.n_readouts == 9;
	for (size_t i = 0; order && i < 9; i++)
		order = strcmp(c.readouts[i].id, want[i]) == 0;
	ok(order, "directory order is byte order of path, hidden entries skipped (%zu readouts)", c.n_readouts);
	for (size_t i = 0; i < c.n_readouts; i++)
		diag_note("  %s", c.readouts[i].id);
	is_int(c.n_skipped, 1, "the bad file is skipped");
	ok(has(&c, "/bad.json: readout bad: text: missing"), "and named");
	is_int(corpus_find(&c, "ab"), 5, "corpus_find by id");
	is_int(corpus_find(&c, "h"), -1, "hidden readouts are not loaded");
	corpus_free(&c);

	/* what a load of that directory would read, were it there (:w's
	 * question): a readout's name, within it, nothing hidden on the way */
	{
		char *given[] = { dir }, t[400], file[300];
		snprintf(file, sizeof(file), "%s/a.json", dir);
		char *given_file[] = { file };
		struct {
			const char *rel;
			bool read;
		} cases[] = { { "new.json", true },          { "a-b/y/new.jsonl", true }, { "a-b/../new.json", true },
			      { "new.txt", true },          { ".new.json", false },      { ".hidden/new.json", false },
			      { "missing/new.json", false }, { "../outside.json", false }, { "a-b/new.html", true },
			      { "README.txt", false },       { "a.txt", false } };
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			snprintf(t, sizeof(t), "%s/%s", dir, cases[i].rel);
			ok(corpus_would_read(given, 1, t, true) == cases[i].read, "a load of the directory %s %s",
			   cases[i].read ? "reads" : "does not read", cases[i].rel);
		}
		snprintf(t, sizeof(t), "%s/new.txt", dir);
		ok(!corpus_would_read(given, 1, t, false), "a text, by a load that drafts none: not read");
		snprintf(t, sizeof(t), "%s/new.json", dir);
		ok(!corpus_would_read(given_file, 1, t, true), "a load of one file given reads no other beside it");
	}

	/* A directory reached twice (a link to it) is walked once, where its
	 * path comes first in byte order, whatever order the file system
	 * lists it in: at the top ("t/alink" before "t/zreal"), and deeper
	 * ("t/n/blink" before "t/n/real"). */
	{
		const char *dirs[] = { "t", "t/zreal", "t/n", "t/n/real" };
		for (size_t i = 0; i < 4; i++) {
			snprintf(p, sizeof(p), "%s/%s", dir, dirs[i]);
			mkdir(p, 0755);
		}
		put("t/zreal/r.json", ro("twice-top"));
		put("t/n/real/r.json", ro("twice-deep"));
		char link[300];
		snprintf(link, sizeof(link), "%s/t/alink", dir);
		if (symlink("zreal", link) != 0)
			perror(link);
		snprintf(link, sizeof(link), "%s/t/n/blink", dir);
		if (symlink("real", link) != 0)
			perror(link);
		snprintf(p, sizeof(p), "%s/t", dir);
		corpus_init(&c);
		corpus_add_path(&c, p);
		const char *top = NULL, *deep = NULL;
		for (size_t i = 0; i < c.n_readouts; i++) {
			const char *f = c.files[c.readouts[i].file].path;
			if (strcmp(c.readouts[i].id, "twice-top") == 0)
				top = f;
			else if (strcmp(c.readouts[i].id, "twice-deep") == 0)
				deep = f;
		}
		ok(c.n_readouts == 2 && top && strstr(top, "/t/alink/r.json"),
		   "a directory linked at the top is walked where it comes first (%s)", top ? top : "none");
		ok(c.n_readouts == 2 && deep && strstr(deep, "/t/n/blink/r.json"),
		   "and deeper in (%s)", deep ? deep : "none");
		corpus_free(&c);
	}

	/* Errors in byte order of path too, a subdirectory that cannot be
	 * read among them: "e/d" (walked by a thread of its own, its path
	 * without a slash) before the dangling link "e/d.json".  (Root reads
	 * any directory: as root, the walk is made by a child process that
	 * is user nobody.) */
	{
		snprintf(p, sizeof(p), "%s/e", dir);
		mkdir(p, 0755);
		snprintf(p, sizeof(p), "%s/e/d", dir);
		mkdir(p, 0755);
		chmod(p, 0);
		char link[300];
		snprintf(link, sizeof(link), "%s/e/d.json", dir);
		if (symlink("nowhere", link) != 0)
			perror(link);
		chmod(dir, 0755);
		snprintf(p, sizeof(p), "%s/e", dir);
		fflush(stdout);
		bool root = geteuid() == 0;
		pid_t pid = root ? fork() : 0;
		if (pid == 0) {
			if (root && (setgid(65534) != 0 || setuid(65534) != 0))
				_exit(3);
			corpus_init(&c);
			corpus_add_path(&c, p);
			long at_d = -1, at_link = -1;
			for (size_t i = 0; i < c.diags.n; i++) {
				if (strstr(c.diags.v[i].text, "/e/d.json"))
					at_link = (long)i;
				else if (strstr(c.diags.v[i].text, "/e/d:"))
					at_d = (long)i;
			}
			corpus_free(&c);
			if (root) /* (the child, as nobody) */
				_exit(at_d >= 0 && at_link > at_d ? 0 : 1);
			ok(at_d >= 0 && at_link > at_d, "errors in byte order of path: e/d (%ld) before e/d.json (%ld)",
			   at_d, at_link);
		} else {
			int st = 0;
			waitpid(pid, &st, 0);
			if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
				tap_skip("the order of errors with an unreadable subdirectory: cannot become nobody");
			else
				ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
				   "errors in byte order of path: e/d before e/d.json (walked as nobody)");
		}
		snprintf(p, sizeof(p), "%s/e/d", dir);
		chmod(p, 0755);
	}

	/* The same readout id in two files. */
	put("dup.json", ro("a"));
	corpus_init(&c);
	snprintf(p, sizeof(p), "%s/a.json", dir);
	corpus_add_path(&c, p);
	snprintf(p, sizeof(p), "%s/dup.json", dir);
	corpus_add_path(&c, p);
	ok(c.n_readouts == 1 && has(&c, "/dup.json: readout a: id: already the id of a readout of "),
	   "ids are unique across the corpus");
	corpus_free(&c);

	/* A path that does not exist is an I/O error, and the rest still loads. */
	corpus_init(&c);
	snprintf(p, sizeof(p), "%s/missing.json", dir);
	corpus_add_path(&c, p);
	snprintf(p, sizeof(p), "%s/a.json", dir);
	corpus_add_path(&c, p);
	ok(c.n_io_errors == 1 && c.n_readouts == 1 && has(&c, "missing.json: No such file or directory"),
	   "a missing path is reported and the others load");
	corpus_free(&c);

	/* A large .jsonl is parsed in chunks on several threads: the same
	 * readouts in the order of their lines, the same exact line numbers,
	 * as on one thread.  6000 lines of about 2 KB; line 3001 is not JSON,
	 * line 4500 blank, line 5003 breaks a rule, line 4000 is 9 MB (longer
	 * than a block read when streaming: 4 MB). */
	{
		char big[256];
		snprintf(big, sizeof(big), "%s/big.jsonl", dir);
		FILE *f = fopen(big, "w");
		char pad[2001];
		memset(pad, 'x', 2000);
		pad[2000] = '\0';
		char *huge = malloc(9 << 20);
		memset(huge, 'y', (9 << 20) - 1);
		huge[(9 << 20) - 1] = '\0';
		for (int i = 1; i <= 6000; i++) {
			if (i == 3001)
				fputs("{\"format\":\"parley/1\",\"id\":\"oops\",,}\n", f);
			else if (i == 4500)
				fputs("  \n", f);
			else if (i == 4000)
				fprintf(f, "{\"format\":\"parley/1\",\"id\":\"r%d\",\"text\":\"%s\"}\n", i, huge);
			else if (i == 5003)
				fprintf(f, "{\"format\":\"parley/1\",\"id\":\"r%d\",\"date\":\"nope\",\"text\":\"%s\"}\n", i, pad);
			else
				fprintf(f, "{\"format\":\"parley/1\",\"id\":\"r%d\",\"text\":\"%s\"}\n", i, pad);
		}
		fclose(f);
		free(huge);
		size_t n1 = 0, n4 = 0, n2 = 0, ns1 = 0, ns2 = 0;
		char *one = load_big(big, 0, false, &n1);
		char *four = load_big(big, 4, false, &n4);
		char *two = load_big(big, 2, false, &n2);
		char *s1 = load_big(big, 1, true, &ns1);
		char *s2 = load_big(big, 2, true, &ns2);
		is_int(n1, 5997, "a large .jsonl: every good line loads (one thread)");
		ok(strstr(one, "big.jsonl:3001:") != NULL, "the bad line's exact number (one thread)");
		ok(strstr(four, "big.jsonl:3001:") != NULL, "the bad line's exact number (four threads)");
		ok(strstr(four, "(line 5003)") != NULL, "a broken rule's exact line (four threads)");
		ok(strstr(four, "r3000@3000:") && strstr(four, "r3002@3002:") && strstr(four, "r6000@6000:"),
		   "readouts know their lines (four threads)");
		ok(n4 == n1 && strcmp(one, four) == 0, "read in blocks, four threads: the same readouts, order, lines, offsets and messages as parsed whole");
		ok(n2 == n1 && strcmp(one, two) == 0, "read in blocks, two threads: the same as parsed whole");
		ok(ns1 == n1 && strcmp(one, s1) == 0, "read in blocks, each readout let go, one thread: the same as parsed whole");
		ok(ns2 == n1 && strcmp(one, s2) == 0, "read in blocks, each readout let go, two threads: the same as parsed whole");
		int inorder = 1;
		const char *q = four;
		for (int i = 1; i <= 6000 && inorder; i++) {
			if (i == 3001 || i == 4500 || i == 5003)
				continue;
			char id[32];
			snprintf(id, sizeof(id), "r%d@%d:", i, i);
			inorder = strncmp(q, id, strlen(id)) == 0;
			q = strchr(q, ';');
			q = q ? q + 1 : "";
		}
		ok(inorder, "readouts in the order of their lines (four threads)");
		free(one);
		free(four);
		free(two);
		free(s1);
		free(s2);
	}

	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag_note("could not remove %s", dir);
	return tap_done();
}
