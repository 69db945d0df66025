/* corpus.c - finding readout files and loading them into a corpus.
 *
 * Per file: read it whole; for JSON Lines split it into lines; for each
 * object check UTF-8, then JSON syntax (json_check, for exact line and
 * column), then build the tree with cJSON, then the readout with every rule
 * of the format (readout_json).  The tree is dropped at once: the corpus
 * keeps only the compact model.
 *
 * A load first lists the files (walking directories, in the format's
 * order), then loads them on several threads, each file on its own into a
 * struct file_load, and merges the results in corpus order on the calling
 * thread, as they complete: diagnostics, duplicate ids and indexes come out
 * exactly as if the files had been loaded one after the other.  A large
 * JSON Lines file is split at line boundaries into chunks parsed on the
 * threads the files leave, joined in the order of their lines.  With a
 * cache (cache.h), files whose size and mtime are those recorded are read
 * from it instead of parsed, and the cache is rewritten when anything
 * changed.
 */
#include "corpus.h"
#include "arena.h"
#include "cache.h"
#include "fileio.h"
#include "hash.h"
#include "ids.h"
#include "json_check.h"
#include "json_mem.h"
#include "jsonw.h"
#include "mem.h"
#include "lines.h"
#include "names_index.h"
#include "readout_json.h"
#include "texts.h"
#include "threads.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ids map values of readouts left out by a keep hook */
#define DROPPED ((~(size_t)0 >> 1) + 1)

void corpus_init(struct corpus *c)
{
	memset(c, 0, sizeof(*c));
	c->texts = texts_new();
}

void corpus_hash_add(struct corpus_hasher *hs, const char *buf, size_t n)
{
	hs->total += n;
	while (n) {
		if (!hs->fill && n >= CORPUS_HASH_BLOCK) { /* a whole block, in place */
			hs->h = hash64_combine(hs->h, hash64(buf, CORPUS_HASH_BLOCK));
			buf += CORPUS_HASH_BLOCK;
			n -= CORPUS_HASH_BLOCK;
			continue;
		}
		if (!hs->part)
			hs->part = xmalloc(CORPUS_HASH_BLOCK);
		size_t k = CORPUS_HASH_BLOCK - hs->fill < n ? CORPUS_HASH_BLOCK - hs->fill : n;
		memcpy(hs->part + hs->fill, buf, k);
		hs->fill += k;
		buf += k;
		n -= k;
		if (hs->fill == CORPUS_HASH_BLOCK) {
			hs->h = hash64_combine(hs->h, hash64(hs->part, CORPUS_HASH_BLOCK));
			hs->fill = 0;
		}
	}
}

uint64_t corpus_hash_end(struct corpus_hasher *hs)
{
	if (hs->fill)
		hs->h = hash64_combine(hs->h, hash64(hs->part, hs->fill));
	uint64_t h = hash64_combine(hs->h, hs->total);
	free(hs->part);
	memset(hs, 0, sizeof(*hs));
	return h;
}

uint64_t corpus_hash(const char *buf, size_t n)
{
	uint64_t h = 0;
	size_t i = 0;
	for (; n - i > CORPUS_HASH_BLOCK; i += CORPUS_HASH_BLOCK)
		h = hash64_combine(h, hash64(buf + i, CORPUS_HASH_BLOCK));
	if (n - i)
		h = hash64_combine(h, hash64(buf + i, n - i));
	return hash64_combine(h, n);
}

bool path_is_jsonl(const char *path)
{
	size_t n = strlen(path);
	return n >= 6 && strcmp(path + n - 6, ".jsonl") == 0;
}

bool path_is_readout(const char *name)
{
	size_t n = strlen(name);
	return (n >= 5 && strcmp(name + n - 5, ".json") == 0) || path_is_jsonl(name);
}

bool corpus_is_plain(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	return strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".text") == 0 || strcasecmp(dot, ".html") == 0
	       || strcasecmp(dot, ".htm") == 0;
}

bool corpus_is_doc(const char *name)
{
	static const char *const docs[] = { "readme",  "license", "licence", "copying", "changelog", "changes",
		                            "news",    "notes",   "install", "authors", "todo",      "manifest",
		                            "contributing" };
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	size_t stem = strcspn(name, ".");
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		size_t n = strlen(docs[i]);
		if (stem < n || strncasecmp(name, docs[i], n) != 0)
			continue;
		/* the word alone, or with a short tag of its language or
		 * kind (README-fr, README_zh-CN, LICENSE-MIT): not a longer
		 * name that opens with it (news-2021-08-20, notes_on_talks) */
		if (stem == n)
			return true;
		size_t tag = stem - n - 1;
		if ((name[n] == '-' || name[n] == '_') && tag >= 1 && tag <= 5
		    && strspn(name + n + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") >= tag)
			return true;
	}
	return false;
}

char *corpus_draft_path(const char *plain)
{
	const char *dot = strrchr(plain, '.'), *slash = strrchr(plain, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - plain) : strlen(plain);
	return xasprintf("%.*s.json", (int)stem, plain);
}

long corpus_find(const struct corpus *c, const char *id)
{
	size_t v;
	return strmap_get(&c->ids, id, strlen(id), &v) && !(v & DROPPED) ? (long)v : -1;
}


/* --- loading one file into a struct file_load (any thread) ---------------- */
static void fl_add_readout(struct file_load *fl, struct readout *r)
{
	if (fl->n_readouts == fl->cap_readouts) {
		size_t cap = fl->cap_readouts;
		grow(&fl->readouts, &fl->cap_readouts, fl->n_readouts + 1, sizeof(*fl->readouts));
		grow(&fl->diag_before, &cap, fl->n_readouts + 1, sizeof(*fl->diag_before));
	}
	fl->diag_before[fl->n_readouts] = fl->diags.n;
	fl->readouts[fl->n_readouts++] = *r;
	fl->building_on = false; /* r was fl->building: the copy owns it now */
}

/* One JSON text: a whole .json file, or one line of a .jsonl file (then
 * line is its line number, else 0). */
static void load_object(struct file_load *fl, const char *path, const char *buf, size_t n,
                        unsigned long line, size_t base)
{
	unsigned long l, col;
	unsigned long l0 = line ? line : 1;
	struct diags *d = &fl->diags;

	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 && (line <= 1)) {
		diags_syntax(d, path, l0, 1,
		             "byte-order mark (U+FEFF) at the start: readouts are UTF-8 without a BOM");
		goto skip;
	}
	size_t bad = utf8_invalid_at(buf, n);
	if (bad < n) {
		utf8_linecol(buf, n, bad, &l, &col);
		diags_syntax(d, path, l0 + l - 1, col, "invalid UTF-8 (byte 0x%02X)",
		             (unsigned char)buf[bad]);
		goto skip;
	}
	struct json_check jc;
	if (!json_check(buf, n, &jc)) {
		utf8_linecol(buf, n, jc.err_at, &l, &col);
		diags_syntax(d, path, l0 + l - 1, col, "%s", jc.msg);
		goto skip;
	}
	if (jc.top != '{') {
		const char *what = jc.top == '[' ? "an array" : jc.top == '"' ? "a string"
		                 : jc.top == 't' || jc.top == 'f' ? "a boolean"
		                 : jc.top == 'n' ? "null" : "a number";
		utf8_linecol(buf, n, jc.top_at, &l, &col);
		diags_syntax(d, path, l0 + l - 1, col,
		             "not a readout: the top level is %s, expected an object", what);
		goto skip;
	}
	if (jc.nul_escape_at != (size_t)-1) {
		utf8_linecol(buf, n, jc.nul_escape_at, &l, &col);
		diags_syntax(d, path, l0 + l - 1, col,
		             "\\u0000 (NUL) in a string is not supported");
		goto skip;
	}
	/* cJSON_GetErrorPtr() is global state: ask for the end instead, which
	 * is safe on any thread */
	const char *end = NULL;
	json_mem_begin();
	cJSON *root = cJSON_ParseWithLengthOpts(buf, n, &end, false);
	if (!root) {
		json_mem_end();
		size_t off = end && end >= buf && end <= buf + n ? (size_t)(end - buf) : 0;
		utf8_linecol(buf, n, off, &l, &col);
		diags_syntax(d, path, l0 + l - 1, col, "JSON could not be parsed");
		goto skip;
	}
	/* built in fl, where a failed allocation finds it to free (run_task) */
	struct readout *r = &fl->building;
	memset(r, 0, sizeof(*r));
	fl->building_on = true;
	bool ok = readout_from_json(root, path, line, r, d);
	cJSON_Delete(root);
	json_mem_end();
	if (!ok) {
		fl->building_on = false;
		goto skip;
	}
	r->line = l0;
	r->offset = base;
	r->length = n;
	if (jc.text_len && jc.text_len <= UINT32_MAX && jc.text_at <= UINT32_MAX) {
		r->text_at = (uint32_t)jc.text_at;
		r->text_json = (uint32_t)jc.text_len;
	}
	fl_add_readout(fl, r);
	return;
skip:
	fl->n_skipped++;
}

static bool cancelled(const int *cancel)
{
	return cancel && __atomic_load_n(cancel, __ATOMIC_ACQUIRE);
}

/* The lines of buf[from, to), the first of them line line0 + 1 of the
 * file, buf at offset base in the file. */
static void load_lines(struct file_load *fl, const char *path, const char *buf, size_t from,
                       size_t to, size_t base, unsigned long line0, const int *cancel)
{
	struct lines it = lines_of(buf + from, to - from);
	uint64_t max = file_limit();
	while (lines_next(&it) && !cancelled(cancel)) {
		const char *l = buf + from;
		if (max && it.end - it.start > max) { /* (as stream_file says it) */
			char a[32];
			diags_add(&fl->diags, DIAG_IO, "%s:%lu: a line longer than the size limit of %s (--max-file-size): not read",
			          path, line0 + it.no, file_size_text(max, a, sizeof(a)));
			fl->n_skipped++;
			continue;
		}
		bool blank = true;
		for (size_t k = it.start; k < it.end && blank; k++)
			blank = l[k] == ' ' || l[k] == '\t' || l[k] == '\r';
		if (!blank) /* (a CRLF line's object ends before its \r) */
			load_object(fl, path, l + it.start, it.end - it.start - lines_cr(&it), line0 + it.no,
			            base + from + it.start);
	}
}

/* A large JSON Lines file is split at line boundaries into chunks, parsed
 * on several threads, each into its own struct file_load, then joined in
 * order: readouts in the order of their lines, diagnostics with their
 * exact line numbers, as if it had been parsed on one thread. */
#define SPLIT_MIN ((size_t)1 << 19)   /* smaller: one thread */
#define SPLIT_CHUNK ((size_t)2 << 20) /* about this much a chunk */
#define SPLIT_MAX 256                 /* chunks at most */

struct chunk {
	struct file_load fl;
	size_t from, to;
	unsigned long line0;
	bool failed;                      /* memory ran out */
};

struct splitter {
	const char *path, *buf;
	size_t base;
	unsigned long line0;
	const int *cancel;
	struct chunk *ch;
	size_t n;
	size_t next;                      /* the next chunk to parse (atomic) */
};

static void *split_worker(void *arg)
{
	struct splitter *S = arg;
	for (;;) {
		size_t i = __atomic_fetch_add(&S->next, 1, __ATOMIC_RELAXED);
		if (i >= S->n)
			break;
		struct chunk *k = &S->ch[i];
		jmp_buf jb;
		if (setjmp(jb)) {
			json_mem_end();
			file_load_free(&k->fl);
			k->failed = true;
			continue;
		}
		xalloc_recover_at(&jb);
		load_lines(&k->fl, S->path, S->buf, k->from, k->to, S->base, S->line0 + k->line0, S->cancel);
		xalloc_recover_at(NULL);
	}
	json_mem_release();
	return NULL;
}

/* Appends chunk k's readouts and diagnostics to fl (moved). */
static void join_chunk(struct file_load *fl, struct chunk *k)
{
	size_t d0 = fl->diags.n;
	for (size_t i = 0; i < k->fl.diags.n; i++) {
		struct diag *d = &k->fl.diags.v[i];
		grow(&fl->diags.v, &fl->diags.cap, fl->diags.n + 1, sizeof(*fl->diags.v));
		fl->diags.v[fl->diags.n++] = *d;
		fl->diags.count[d->kind]++;
		d->text = NULL;
	}
	size_t need = fl->n_readouts + k->fl.n_readouts;
	if (need > fl->cap_readouts) {
		size_t cap = fl->cap_readouts;
		grow(&fl->readouts, &fl->cap_readouts, need, sizeof(*fl->readouts));
		grow(&fl->diag_before, &cap, need, sizeof(*fl->diag_before));
	}
	for (size_t i = 0; i < k->fl.n_readouts; i++) {
		fl->diag_before[fl->n_readouts] = d0 + k->fl.diag_before[i];
		fl->readouts[fl->n_readouts++] = k->fl.readouts[i];
	}
	k->fl.n_readouts = 0; /* moved */
	fl->n_skipped += k->fl.n_skipped;
	file_load_free(&k->fl);
}

/* False when it could not be split (threads could not be started): then
 * nothing was loaded. */
static bool load_jsonl_split(struct file_load *fl, const char *path, const char *buf, size_t n,
                             size_t base, unsigned long line0, int threads, const int *cancel)
{
	size_t nch = n / SPLIT_CHUNK + 1;
	if (nch > SPLIT_MAX)
		nch = SPLIT_MAX;
	if (nch < (size_t)threads * 4)
		nch = (size_t)threads * 4;
	struct splitter S = { .path = path, .buf = buf, .base = base, .line0 = line0, .cancel = cancel };
	S.ch = xcalloc(nch, sizeof(*S.ch));
	/* boundaries just after a '\n', with the lines before them counted */
	size_t at = 0;
	unsigned long line = 0;
	while (at < n && S.n < nch) {
		size_t to = at + (n - at) / (nch - S.n);
		const char *nl = to < n ? memchr(buf + to, '\n', n - to) : NULL;
		to = nl ? (size_t)(nl - buf) + 1 : n;
		S.ch[S.n++] = (struct chunk){ .from = at, .to = to, .line0 = line };
		for (const char *p = buf + at; (p = memchr(p, '\n', (size_t)(buf + to - p))); p++)
			line++;
		at = to;
	}
	pthread_t tid[8];
	int started = 0;
	for (; started < threads && started < 8; started++)
		if (arena_thread_create(&tid[started], split_worker, &S) != 0)
			break;
	if (started == 0) {
		free(S.ch);
		return false;
	}
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	bool failed = false;
	for (size_t i = 0; i < S.n; i++)
		failed |= S.ch[i].failed;
	for (size_t i = 0; i < S.n; i++) {
		if (failed)
			file_load_free(&S.ch[i].fl);
		else
			join_chunk(fl, &S.ch[i]);
	}
	free(S.ch);
	if (failed) /* memory ran out in a chunk: as if it had on this thread */
		xalloc_failed();
	return true;
}

/* The lines of buf[0, n), at offset base in the file, after its first
 * line0 lines. */
static void load_jsonl(struct file_load *fl, const char *path, const char *buf, size_t n, size_t base,
                       unsigned long line0, int threads, const int *cancel)
{
	if (threads > 1 && n >= SPLIT_MIN && load_jsonl_split(fl, path, buf, n, base, line0, threads, cancel))
		return;
	load_lines(fl, path, buf, 0, n, base, line0, cancel);
}

/* threads: how many may parse a large JSON Lines file */
static void load_buffer(struct file_load *fl, const char *path, const char *buf, size_t n, int threads,
                        const int *cancel)
{
	fl->hash = corpus_hash(buf, n);
	if (fl->jsonl)
		load_jsonl(fl, path, buf, n, 0, 0, threads, cancel);
	else
		load_object(fl, path, buf, n, 0, 0);
}

/* Reads and loads a file.  Sets fl->err when it cannot be opened, is no
 * regular file, is larger than the limit or cannot be held in memory (the
 * file is then not part of the corpus; fl->mode and fl->size say what it
 * is), fl->io_error too when it cannot be read.  Never waits on a named
 * pipe or a device (fileio.h); reads in pieces, stopping when *cancel is
 * set (fl->err is then ECANCELED). */
#define READ_PIECE ((size_t)8 << 20)
static void load_file(struct file_load *fl, const char *path, const struct timespec *t0, int threads,
                      const int *cancel)
{
	fl->jsonl = path_is_jsonl(path);
	struct stat st;
	int err;
	/* a .jsonl read whole is smaller than SPLIT_MIN (a larger one is read
	 * in blocks: stream_file), and the limit is on each of its lines */
	int fd = fl->jsonl ? file_open_parts(path, &st, &err) : file_open(path, &st, &err);
	if (fd < 0) {
		fl->err = err;
		if (err == FILE_ENOTREG || err == FILE_ETOOBIG) {
			fl->mode = st.st_mode;
			fl->size = st.st_size;
		}
		return;
	}
	fl->mode = st.st_mode;
	fl->size = st.st_size;
	uint64_t max = file_limit();
	if (fl->jsonl && max && max < 2 * SPLIT_MIN)
		max = 2 * SPLIT_MIN;
	size_t size = (size_t)st.st_size, len = 0;
	/* no abort when a file does not fit in memory: it is skipped */
	char *buf = fl->raw = malloc(size + 1);
	if (!buf)
		err = ENOMEM;
	while (buf && !err) {
		if (cancelled(cancel)) {
			err = ECANCELED;
			break;
		}
		char probe[4096], *to = buf + len;
		size_t want = size - len < READ_PIECE ? size - len : READ_PIECE;
		if (len == size) /* the end, or the file grew since fstat */
			to = probe, want = sizeof(probe);
		ssize_t k = read(fd, to, want);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			err = errno;
			fl->io_error = true;
			break;
		}
		if (k == 0)
			break;
		if (to == probe) {
			if (max && len + (size_t)k > max) {
				err = FILE_ETOOBIG;
				break;
			}
			size_t more = size * 2 + sizeof(probe);
			char *bigger = realloc(buf, more + 1);
			if (!bigger) {
				err = ENOMEM;
				break;
			}
			buf = fl->raw = bigger;
			size = more;
			memcpy(buf + len, probe, (size_t)k);
		}
		len += (size_t)k;
	}
	close(fd);
	if (err) {
		fl->err = err;
		free(fl->raw);
		fl->raw = NULL;
		return;
	}
	buf[len] = '\0';
	fl->mtime = st.st_mtim;
	fl->ctime = st.st_ctim;
	/* modified in the second before the load began, or since: a change
	 * made now might keep the same size and mtime, so never trust a cache
	 * record of it */
	fl->racy = (off_t)len != st.st_size || st.st_mtim.tv_sec >= t0->tv_sec - 1;
	load_buffer(fl, path, buf, len, threads, cancel);
	if (cancelled(cancel))
		fl->err = ECANCELED;
	free(fl->raw);
	fl->raw = NULL;
}

/* --- merging results into the corpus (the calling thread) ------------------ */
/* Path could not be loaded: e is an errno value or fileio.h's, st what
 * the file is (NULL: unknown). */
static void io_error(struct corpus *c, const char *path, int e, const struct stat *st)
{
	char why[200];
	diags_add(&c->diags, DIAG_IO, "%s: %s", path, file_why(e, st, why, sizeof(why)));
	c->n_io_errors++;
}

void corpus_file_free(struct corpus_file *f)
{
	free(f->path);
	free(f->draft_of);
	free(f->draft_json);
	f->path = f->draft_of = f->draft_json = NULL;
}

static uint32_t new_file(struct corpus *c, const char *path, bool jsonl)
{
	grow(&c->files, &c->cap_files, c->n_files + 1, sizeof(*c->files));
	struct corpus_file *f = &c->files[c->n_files];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->jsonl = jsonl;
	return (uint32_t)c->n_files++;
}

/* r joins the readouts (not the map of ids), at the index returned. */
static size_t append(struct corpus *c, const struct readout *r)
{
	grow(&c->readouts, &c->cap_readouts, c->n_readouts + 1, sizeof(*c->readouts));
	c->readouts[c->n_readouts] = *r;
	return c->n_readouts++;
}

/* The directory of path (up to its last slash; "." when it has none), its
 * length. */
static size_t dir_len(const char *path, const char **dir)
{
	const char *slash = strrchr(path, '/');
	*dir = slash ? path : ".";
	return slash ? (size_t)(slash - path) + (slash == path) : 1;
}

/* Where paths a and b part: each up to its first component that is not
 * the other's (*na, *nb bytes), so that a directory and its copy, however
 * deep their files, are one pair. */
static void parting(const char *a, const char *b, size_t *na, size_t *nb)
{
	size_t i = 0, from = 0;
	for (; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			from = i + 1;
	const char *ea = strchr(a + from, '/'), *eb = strchr(b + from, '/');
	*na = ea ? (size_t)(ea - a) : strlen(a);
	*nb = eb ? (size_t)(eb - b) : strlen(b);
}

/* One more duplicate id past those said, of the file path with one of
 * other (c->dup_dirs): within one file, keyed by the file ("FILE\n");
 * when both are files of many readouts (.jsonl: files), by the two files
 * ("A\nB", not their directories: the user may have given both); of
 * another file of the same directory, by the directory ("DIR\n\t"); else
 * by where the two paths part ("A\nB": parting). */
static void dup_count(struct corpus *c, const char *path, const char *other, bool files)
{
	const char *d1 = path, *d2 = "";
	size_t n1 = strlen(path), n2 = 0;
	if (files && strcmp(path, other) != 0) {
		d2 = other;
		n2 = strlen(other);
	} else if (strcmp(path, other) != 0) {
		n1 = dir_len(path, &d1);
		n2 = dir_len(other, &d2);
		if (n1 == n2 && memcmp(d1, d2, n1) == 0) {
			d2 = "\t", n2 = 1;
		} else if ((path[0] == '/') == (other[0] == '/')) {
			d1 = path, d2 = other;
			parting(path, other, &n1, &n2);
		} /* (one absolute, one relative: they part nowhere to be named, and
		   * each directory pair is said) */
	}
	char *key = xmalloc(n1 + n2 + 2);
	memcpy(key, d1, n1);
	key[n1] = '\n';
	memcpy(key + n1 + 1, d2, n2);
	key[n1 + 1 + n2] = '\0';
	size_t at;
	if (!strmap_get(&c->dup_dirs, key, n1 + 1 + n2, &at)) {
		/* a pair met first: its key kept (the map borrows it) */
		const char *kept = arena_strndup(&c->dropped_arena, key, n1 + 1 + n2);
		at = c->dup_dirs.count;
		strmap_put(&c->dup_dirs, kept, n1 + 1 + n2, at, NULL);
		grow(&c->dup, &c->cap_dup, at + 1, sizeof(*c->dup));
		c->dup[at] = (struct corpus_dup){ kept, 0 };
	}
	free(key);
	c->dup[at].n++;
}

/* The duplicate ids not said one by one, summed up per pair (dup_count),
 * in the order the pairs were met. */
static void dups_summed_up(struct corpus *c)
{
	for (size_t i = 0; i < c->dup_dirs.count; i++) {
		const char *k = c->dup[i].dirs, *nl = strchr(k, '\n');
		size_t n = c->dup[i].n;
		char after[64];
		snprintf(after, sizeof(after), "after the first %d, listed one by one", CORPUS_DUPS_SAID);
		if (!nl[1])
			diags_add(&c->diags, DIAG_RULE, "%.*s: %zu more readout%s with %s of the same file (%s)",
			          (int)(nl - k), k, n, n == 1 ? "" : "s",
			          n == 1 ? "the id of an earlier readout" : "ids of earlier readouts", after);
		else if (!strcmp(nl + 1, "\t"))
			diags_add(&c->diags, DIAG_RULE, "%.*s: %zu more readout%s with %s of other files of the same directory (%s)",
			          (int)(nl - k), k, n, n == 1 ? "" : "s",
			          n == 1 ? "the id of a readout" : "ids of readouts", after);
		else
			diags_add(&c->diags, DIAG_RULE, "%.*s: %zu more readout%s with %s of %s (%s): is one a copy of the other?",
			          (int)(nl - k), k, n, n == 1 ? "" : "s", n == 1 ? "the id of a readout" : "ids of readouts",
			          nl + 1, after);
	}
}

/* body: the readout's body still in the index cache (cache_decode's
 * lazy), decoded once it is kept, or NULL; verdicts: its file_load's
 * (body->judged); len, hash: its id's length and strmap_hash. */
/* A readout let go keeps its id (its copy), for the duplicate check: a
 * stub, which its slot in the id map (slot) then names. */
static void stub(struct corpus *c, const char *id, uint32_t fi, unsigned long line, size_t *slot)
{
	grow(&c->dropped, &c->cap_dropped, c->n_dropped + 1, sizeof(*c->dropped));
	c->dropped[c->n_dropped] = (struct corpus_stub){ id, fi, line };
	*slot = DROPPED | c->n_dropped++;
}

static void add_readout(struct corpus *c, struct readout *r, uint32_t fi, const struct corpus_opts *o,
                        const struct cache_body *body, const unsigned char *verdicts, size_t len, size_t hash)
{
	struct corpus_file *f = &c->files[fi];
	r->file = fi;
	if (c->cache_failed) {
		/* the load starts over (corpus_load): nothing more is kept, or
		 * taken (a take hook would hand on what it passes over then) */
		readout_free(r);
		return;
	}
	/* the id, looked up and put at once: its copy outlives the readout
	 * (one left out, or from a cache whose pages go); none when the
	 * cache says the ids are all different (ids_known: one kept is put
	 * below) */
	const char *id = NULL;
	bool added = true;
	size_t unput, *slot = &unput;
	if (!c->ids_known) {
		id = arena_strndup(&c->dropped_arena, r->id, len);
		slot = strmap_put_slot_hash(&c->ids, id, len, hash, &added);
	}
	if (!added) {
		size_t prev = *slot;
		uint32_t ofi;
		unsigned long oline;
		if (prev & DROPPED) {
			ofi = c->dropped[prev & ~DROPPED].file;
			oline = c->dropped[prev & ~DROPPED].line;
		} else {
			ofi = c->readouts[prev].file;
			oline = c->readouts[prev].line;
		}
		const struct corpus_file *of = &c->files[ofi];
		if (c->n_dups++ < CORPUS_DUPS_SAID) {
			/* (the lines of a .jsonl: the other's after its file,
			 * this one's at the end, as every rule message's) */
			char other[48] = "a readout of", self[32] = "";
			if (of->jsonl) /* ("of a.jsonl, line 2 (line 3)" read as two lines of a.jsonl) */
				snprintf(other, sizeof(other), "the readout on line %lu of", oline);
			if (f->jsonl)
				snprintf(self, sizeof(self), " (line %lu)", r->line);
			diags_add(&c->diags, DIAG_RULE, "%s: readout %s: id: already the id of %s %s%s", f->path, r->id,
			          other, of->path, self);
		} else {
			dup_count(c, f->path, of->path, f->jsonl && of->jsonl);
		}
		readout_free(r);
		f->n_skipped++;
		c->n_skipped++;
		return;
	}
	/* (may_keep was asked where the body was found: decode_cached; a
	 * head still skimmed that it left out goes unseen by keep:
	 * opts.skim) */
	bool unseen = body && body->skimmed && body->cannot;
	if (c->noting && !unseen)
		names_index_note(c->noting, r, NAMES_ALL_KINDS, NAMES_ALL_KINDS);
	bool left_out = unseen || (o && o->keep && !o->keep(r, o->arg)) || (body && body->cannot);
	c->n_skimmed += unseen && !body->judged;
	c->n_judged_skimmed += body && body->skimmed && body->judged;
	if (!left_out && body && body->judged && o->tally) {
		o->tally(r, verdicts + body->verdict_at, body->n_verdicts, o->arg);
		left_out = true;
	} else if (!left_out && !body && o && o->tally && o->judge && (r->text || !r->text_bytes)) {
		/* one parsed: judged and counted here, its positions and text at
		 * hand, and let go as one judged from the cache is (one whose
		 * text is not at hand is kept, its text read back to judge it) */
		unsigned char vb[64], *v = r->n_positions <= sizeof(vb) ? vb : xmalloc(r->n_positions);
		memset(v, JUDGED_NO, r->n_positions);
		o->judge(r, NULL, v, o->arg);
		o->tally(r, v, r->n_positions, o->arg);
		if (v != vb)
			free(v);
		left_out = true;
	}
	/* a body kept is decoded (before a take hook takes it: it hands the
	 * readout on whole) */
	if (!left_out && body && (body->skimmed || !cache_decode_body(body, r))) {
		/* the cache lied (its checksums hold, what they cover does
		 * not): corpus_load starts again from the files (the id kept
		 * as one left out till then).  (A head still skimmed here is
		 * one skim_kept judge could not look at: its body is bad.) */
		c->cache_failed = true;
		if (!c->ids_known)
			stub(c, id, fi, r->line, slot);
		readout_free(r);
		return;
	}
	if (!left_out && body && body->judged)
		for (size_t p = 0; p < r->n_positions; p++)
			r->positions[p].judged = verdicts[body->verdict_at + p];
	if (left_out || (o && o->take)) {
		/* a readout left out or taken keeps its id, for the duplicate check */
		if (c->ids_known)
			c->n_let_go++;
		else
			stub(c, id, fi, r->line, slot);
		if (left_out) {
			readout_free(r);
		} else {
			f->n_readouts++;
			o->take(r, c, o->arg);
		}
		return;
	}
	*slot = append(c, r);
	if (c->ids_known) { /* (its id borrowed from its arena, as corpus_append's) */
		size_t prev;
		strmap_put(&c->ids, c->readouts[*slot].id, len, *slot, &prev);
	}
	f->n_readouts++;
}

size_t corpus_append(struct corpus *c, const struct readout *r)
{
	/* the id map borrows ids from the readouts' arenas, which do not move
	 * when the array of readouts grows */
	size_t prev;
	strmap_put(&c->ids, r->id, strlen(r->id), c->n_readouts, &prev);
	return append(c, r);
}

void corpus_reserve(struct corpus *c, size_t n, size_t f)
{
	grow_exact(&c->readouts, &c->cap_readouts, n, sizeof(*c->readouts));
	grow_exact(&c->files, &c->cap_files, f, sizeof(*c->files));
	strmap_reserve(&c->ids, n);
}

void corpus_add_file(struct corpus *c, const struct corpus_file *f)
{
	grow(&c->files, &c->cap_files, c->n_files + 1, sizeof(*c->files));
	c->files[c->n_files++] = *f;
}

void corpus_take_loaded(struct corpus *dst, struct corpus *src)
{
	/* dst takes src's array (pointer, count, capacity), src is left empty */
#define TAKE_ARRAY(v, n, cap) \
	do { \
		free(dst->v); \
		dst->v = src->v, dst->n = src->n, dst->cap = src->cap; \
		src->v = NULL, src->n = src->cap = 0; \
	} while (0)
	for (size_t i = 0; i < dst->n_files; i++)
		corpus_file_free(&dst->files[i]);
	TAKE_ARRAY(files, n_files, cap_files);
	for (size_t i = 0; i < dst->n_maps; i++)
		munmap(dst->maps[i].p, dst->maps[i].n);
	TAKE_ARRAY(maps, n_maps, cap_maps);
#undef TAKE_ARRAY
	diags_free(&dst->diags);
	dst->diags = src->diags;
	memset(&src->diags, 0, sizeof(src->diags));
	dst->n_skipped = src->n_skipped;
	dst->n_io_errors = src->n_io_errors;
	dst->n_lines_unread = src->n_lines_unread;
	dst->cache_hits = src->cache_hits;
	dst->n_skimmed = src->n_skimmed;
	dst->n_judged_skimmed = src->n_judged_skimmed;
	dst->cache_segs = src->cache_segs;
	dst->cache_written = src->cache_written;
	dst->words_judged_for = src->words_judged_for;
	dst->walk_taken = src->walk_taken;
	dst->plain_unread = src->plain_unread;
	dst->dirs_walked = src->dirs_walked;
	dst->names_only = src->names_only;
	dst->ids_known = src->ids_known;
	dst->names_saved = src->names_saved;
	dst->names_used = src->names_used;
	corpus_free(src);
}

static void move_diags(struct corpus *c, struct file_load *fl, size_t *from, size_t to)
{
	for (; *from < to; (*from)++) {
		struct diag *d = &fl->diags.v[*from];
		grow(&c->diags.v, &c->diags.cap, c->diags.n + 1, sizeof(*c->diags.v));
		c->diags.v[c->diags.n++] = *d;
		c->diags.count[d->kind]++;
		d->text = NULL;
	}
}

#define MERGE_AHEAD 8

/* fl->ids made: each readout's id's length and strmap_hash, for the map
 * of ids (on the thread that decoded fl, when it was one of several). */
static void id_keys(struct file_load *fl)
{
	free(fl->ids);
	fl->ids = xmalloc((fl->n_readouts + 1) * sizeof(*fl->ids));
	for (size_t j = 0; j < fl->n_readouts; j++) {
		fl->ids[j].len = strlen(fl->readouts[j].id);
		fl->ids[j].hash = strmap_hash(fl->readouts[j].id, fl->ids[j].len);
	}
}

/* What fl holds so far joins file fi: its readouts (moved, or freed) and
 * diagnostics in order; fl is then empty of them, for more. */
static void merge_part(struct corpus *c, uint32_t fi, struct file_load *fl, const struct corpus_opts *o)
{
	c->files[fi].n_skipped += fl->n_skipped;
	c->n_skipped += fl->n_skipped;
	fl->n_skipped = 0;
	/* (a .jsonl's I/O messages are its lines over the size limit:
	 * load_lines; counted from them, a cached file's too) */
	if (c->files[fi].jsonl)
		c->n_lines_unread += fl->diags.count[DIAG_IO];
	size_t d = 0;
	if (!fl->ids) /* (a file parsed, or a segment read again: here) */
		id_keys(fl);
	/* (the id map's slot of readout i is fetched while readout i -
	 * MERGE_AHEAD joins: a large map's are not in the cache, and each
	 * readout waited for its own) */
	for (size_t i = 0; i < fl->n_readouts + MERGE_AHEAD; i++) {
		if (i < fl->n_readouts)
			strmap_prefetch_hash(&c->ids, fl->ids[i].hash);
		if (i < MERGE_AHEAD)
			continue;
		size_t r = i - MERGE_AHEAD;
		move_diags(c, fl, &d, fl->diag_before[r]);
		add_readout(c, &fl->readouts[r], fi, o, fl->bodies ? &fl->bodies[r] : NULL,
		            (const unsigned char *)fl->verdicts.s, fl->ids[r].len, fl->ids[r].hash);
	}
	fl->n_readouts = 0;
	free(fl->ids);
	fl->ids = NULL;
	move_diags(c, fl, &d, fl->diags.n);
	fl->diags.n = 0; /* their texts moved */
	memset(fl->diags.count, 0, sizeof(fl->diags.count));
}

/* The id of a draft (the name of its text: talks.txt drafts as "talks")
 * when a readout before it has that id (one annotated, or a draft of a
 * talks.txt in another directory): the first of ID-2, ID-3... that none
 * has, in its JSON and its readout, which is parsed again from it.
 * Drafts come after every readout of a file (load), so a draft never
 * takes the id of one annotated.  (It was left out as a duplicate: a
 * second talks.txt never showed, or an annotated readout did not.) */
static void draft_unique_id(struct corpus *c, const char *path, struct file_load *fl)
{
	if (c->ids_known || fl->n_readouts != 1 || !fl->readouts[0].id || !ids_in_map(fl->readouts[0].id, &c->ids))
		return;
	char id[256];
	size_t n;
	ids_unique(fl->readouts[0].id, ids_in_map, &c->ids, id, sizeof(id));
	char *json = jsonw_with_string(fl->draft_json, fl->draft_len, "id", id, true, &n);
	if (!json)
		return;
	char *target = corpus_draft_path(path);
	struct file_load nf = { .size = (off_t)n, .mode = fl->mode, .draft_json = json, .draft_len = n };
	load_buffer(&nf, target, json, n, 1, NULL);
	free(target);
	if (nf.n_readouts == 1 && !nf.err) {
		file_load_free(fl);
		*fl = nf;
	} else {
		file_load_free(&nf);
	}
}

static void merge(struct corpus *c, const char *path, struct file_load *fl, const struct corpus_opts *o)
{
	if (fl->draft_json)
		draft_unique_id(c, path, fl);
	struct stat st = { .st_mode = fl->mode, .st_size = fl->size };
	if (fl->err && !fl->io_error) {
		io_error(c, path, fl->err, &st);
		return;
	}
	uint32_t fi = new_file(c, path, fl->jsonl);
	if (fl->draft_json) {
		/* the draft's file is NAME.json beside the text */
		struct corpus_file *f = &c->files[fi];
		f->draft_of = f->path;
		f->path = corpus_draft_path(path);
		f->draft_json = fl->draft_json;
		f->draft_len = fl->draft_len;
		fl->draft_json = NULL;
	}
	if (fl->io_error) {
		c->files[fi].io_error = true;
		io_error(c, path, fl->err, &st);
		return;
	}
	struct corpus_file *f = &c->files[fi];
	f->size = fl->size;
	f->mtime = fl->mtime;
	f->ctime = fl->ctime;
	f->hash = fl->hash;
	merge_part(c, fi, fl, o);
}

void corpus_add_buffer(struct corpus *c, const char *path, const char *buf, size_t n, bool jsonl)
{
	json_mem_init();
	struct file_load fl = { .jsonl = jsonl, .size = (off_t)n };
	load_buffer(&fl, path, buf, n, 1, NULL);
	merge(c, path, &fl, NULL);
	file_load_free(&fl);
	json_mem_release();
}

/* --- listing the files ------------------------------------------------------ */
/* What a task keeps of its file's stat (a corpus of 80000 files holds a
 * task each) */
struct task_stat {
	off_t st_size;
	struct timespec st_mtim, st_ctim;
	mode_t st_mode;
	dev_t st_dev;          /* (with st_ino: the same file reached twice is read once) */
	ino_t st_ino;
};

static struct task_stat task_stat_of(const struct stat *st)
{
	return (struct task_stat){ st->st_size, st->st_mtim, st->st_ctim, st->st_mode, st->st_dev, st->st_ino };
}

/* A struct stat with what a task kept (the rest 0), for what asks one. */
static struct stat stat_of(const struct task_stat *ts)
{
	struct stat st;
	memset(&st, 0, sizeof(st));
	st.st_size = ts->st_size;
	st.st_mtim = ts->st_mtim;
	st.st_ctim = ts->st_ctim;
	st.st_mode = ts->st_mode;
	st.st_dev = ts->st_dev;
	st.st_ino = ts->st_ino;
	return st;
}

struct task {
	char *path;
	int walk_err;          /* an error found while listing: report it, load nothing */
	struct task_stat st;
	long cached;           /* index of a fresh cache entry, or -1 */
	bool draft;            /* a plain readout, drafted (never cached) */
	const char *draft_clash; /* a draft's: the path of an earlier one saved as the same NAME.json */
	bool stream;           /* to be read in blocks on the calling thread (streams()) */
	bool streamed;         /* read and merged in blocks (stream_file) */
	struct file_load *fl;    /* what it loaded, from when it runs until merged
	                          * (a task waiting holds no more than its name) */
	struct strbuf rec;       /* the record for the new cache */
	bool ran;                /* run_task did its work (on a worker, or here) */
	bool done;
	/* run on a worker, which frees what it loaded once it is merged
	 * (freed on another thread, memory contends for the lock of the heap
	 * it came from with the thread that allocates in it) */
	bool by_worker;
	bool merged_out;         /* (atomic) merged: its worker may free it */
};

/* The task's file_load, made when it is first needed. */
static struct file_load *task_fl(struct task *t)
{
	if (!t->fl)
		t->fl = xcalloc(1, sizeof(*t->fl));
	return t->fl;
}

static void task_fl_free(struct task *t)
{
	if (t->fl) {
		file_load_free(t->fl);
		free(t->fl);
		t->fl = NULL;
	}
}

struct dirid {
	dev_t dev;
	ino_t ino;
};

struct loader {
	struct corpus *c;
	const struct corpus_opts *o;
	struct task *t;
	size_t n, cap;
	struct cache cache;
	bool encode;           /* make records for a new cache */
	bool lazy;             /* texts let go (corpus_opts.lazy_texts) */
	bool lazy_bodies;      /* cached readouts' bodies decoded once kept */
	bool look;             /* lazy_bodies, and may_keep looks at them first (on any thread) */
	bool skim;             /* look, and the heads of those it leaves out go unread (opts.skim) */
	bool skim_kept;        /* skim, and those it keeps too, for judge and tally (opts.skim_kept) */
	bool help;             /* the calling thread decodes cache entries too (wait_task) */
	bool bad_record;       /* a record of the cache did not decode */
	bool used_cache;       /* readouts came from it */
	struct cache_writer *w; /* the new cache, for the file at hand's records (or NULL) */
	bool w_failed;         /* the new cache misses a record: not written */
	struct strbuf rec, scratch; /* a segment's record, made */
	struct timespec t0;
	int split;             /* threads that may parse one large .jsonl */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next;
	size_t merged;         /* tasks merged: workers run at most ahead past them */
	size_t ahead;          /* TASKS_AHEAD, or HELP_AHEAD with help and nothing to parse */
	size_t room;           /* a waiting worker goes on once the window has room for this many */
	/* (atomic) workers waiting for merged to move, and whether the
	 * calling thread waits for a task: the other side wakes them */
	int idle;
	bool waiting;
};

/* How far the workers may get ahead of the merging: what they loaded is
 * held until merged, so this bounds the memory of a load (a query that
 * lets most readouts go merges more slowly than files are parsed). */
#define TASKS_AHEAD 32
/* the same when every task is an entry of the cache: each holds what it
 * decoded (its heads, a few hundred bytes a readout, or its readouts)
 * till merged, and a window of a few batches a thread keeps the threads
 * from waiting for each other */
#define HELP_AHEAD 256
/* and when every readout is kept (a browser: what is decoded ahead is
 * held anyway), wider: the calling thread merges in bursts, between the
 * batches it decodes itself, and a window of 256 had the worker of a
 * warm browser of 100000 readouts in 80573 files wait for it 869 times
 * (267 with 2048; the cores idle a fifth of the load, then a tenth) */
#define HELP_AHEAD_KEPT 2048

static struct task *add_task(struct loader *L, char *path)
{
	grow(&L->t, &L->cap, L->n + 1, sizeof(*L->t));
	struct task *t = &L->t[L->n++];
	memset(t, 0, sizeof(*t));
	t->path = path;
	t->cached = -1;
	return t;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '/')
		return xasprintf("/%s", name);
	return xasprintf("%.*s/%s", (int)n, dir, name);
}

static int cmp_task(const void *a, const void *b)
{
	return strcmp(((const struct task *)a)->path, ((const struct task *)b)->path);
}

/* The walk of one path: errors as they are found, then the files in order;
 * the subdirectories of its top left to walk_subdirs (defer). */
struct walk {
	struct loader *L;
	struct task *errs, *files;
	size_t n_errs, cap_errs, n_files, cap_files;
	bool defer;
	char **subs;
	struct stat *sub_st;
	size_t n_subs, cap_subs, cap_sub_st;
	/* the directories it walked, in order (their paths: a walker's),
	 * and a walker's top's (looked at too: a link back to it is a loop) */
	struct dirid *seen;
	char **seen_path;
	size_t n_seen, cap_seen, cap_seen_path;
	const struct walk *top;
	bool plain;  /* it passed over plain readouts (no draft hook) */
};

static void walk_push(struct task **v, size_t *n, size_t *cap, char *path, int err, const struct stat *st)
{
	grow(v, cap, *n + 1, sizeof(**v));
	struct task *t = &(*v)[(*n)++];
	memset(t, 0, sizeof(*t));
	t->path = path;
	t->walk_err = err;
	t->cached = -1;
	if (st)
		t->st = task_stat_of(st);
}

/* Was directory st (at path dir) walked already by this walk (a symbolic
 * link loop, or one linked twice)?  Else it is now. */
static bool seen_in(const struct walk *w, const struct stat *st)
{
	for (size_t i = 0; i < w->n_seen; i++)
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
			return true;
	return false;
}

static bool seen_before(struct walk *w, const char *dir, const struct stat *st)
{
	if (seen_in(w, st) || (w->top && seen_in(w->top, st)))
		return true;
	grow(&w->seen, &w->cap_seen, w->n_seen + 1, sizeof(*w->seen));
	grow(&w->seen_path, &w->cap_seen_path, w->n_seen + 1, sizeof(*w->seen_path));
	w->seen[w->n_seen] = (struct dirid){ st->st_dev, st->st_ino };
	w->seen_path[w->n_seen++] = xstrdup(dir);
	return false;
}

static void walk_free_seen(struct walk *w)
{
	for (size_t i = 0; i < w->n_seen; i++)
		free(w->seen_path[i]);
	free(w->seen);
	free(w->seen_path);
	w->seen = NULL;
	w->seen_path = NULL;
	w->n_seen = 0;
}

/* An entry of a directory being walked: its name and what stat said of
 * it (err: why it could not). */
struct entry {
	char *name;
	struct stat st;
	int err;
	bool dir;
};

/* The order of a directory's entries: that of the paths under them, the
 * name of a directory followed by a slash ("a.json", then "a/", then
 * "a0.json"), so that walking them in turn lists every path in byte
 * order, and a directory reached twice is walked where it comes first. */
static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t i = 0;
	while (x->name[i] && x->name[i] == y->name[i])
		i++;
	unsigned cx = (unsigned char)x->name[i], cy = (unsigned char)y->name[i];
	if (!cx && x->dir)
		cx = '/';
	if (!cy && y->dir)
		cy = '/';
	return cx < cy ? -1 : cx > cy;
}

/* A plain readout met in a directory: one that is no documentation of
 * the corpus (corpus_is_doc). */
static bool plain_in_dir(const char *name)
{
	return corpus_is_plain(name) && !corpus_is_doc(name);
}

/* Was the draft of plain readout path saved (its NAME.json there)?  A
 * walk then reads that, not the text. */
static bool draft_saved(const char *path)
{
	char *json = corpus_draft_path(path);
	struct stat js;
	bool saved = stat(json, &js) == 0;
	free(json);
	return saved;
}

bool corpus_would_read(char *const *paths, size_t n, const char *target, bool drafts)
{
	const char *slash = strrchr(target, '/'), *name = slash ? slash + 1 : target;
	bool plain = drafts && plain_in_dir(name);
	if ((!path_is_readout(name) && !plain) || name[0] == '.' || (plain && draft_saved(target)))
		return false; /* (a walk passes hidden entries by) */
	const char *d;
	size_t dn = dir_len(target, &d);
	char *dir = xstrndup(d, dn);
	char *rdir = realpath(dir, NULL);
	free(dir);
	bool in = false;
	for (size_t i = 0; rdir && i < n && !in; i++) {
		struct stat st;
		char *rp = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode) ? realpath(paths[i], NULL) : NULL;
		in = rp && path_under(rdir, rp) && !strstr(rdir + strlen(rp), "/.");
		free(rp);
	}
	free(rdir);
	return in;
}

static void walk_dir(struct walk *w, const char *dir, const struct stat *dst)
{
	struct loader *L = w->L;
	if (seen_before(w, dir, dst))
		return;

	DIR *d = opendir(dir);
	if (!d) {
		walk_push(&w->errs, &w->n_errs, &w->cap_errs, xstrdup(dir), errno, NULL);
		return;
	}
	/* its entries, each looked at, then taken in order (the directory
	 * closed before its subdirectories are walked) */
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int dfd = dirfd(d);
	while ((e = readdir(d)) && !cancelled(L->o ? L->o->cancel : NULL)) {
		if (e->d_name[0] == '.')
			continue; /* hidden, and . and .. */
		grow(&v, &cap, n + 1, sizeof(*v));
		struct entry *en = &v[n++];
		en->name = xstrdup(e->d_name);
		/* (the name within the directory open: its path is not looked
		 * up again from the start for each of its files) */
		char *p = dfd >= 0 ? NULL : join(dir, en->name);
		en->err = (p ? stat(p, &en->st) : fstatat(dfd, en->name, &en->st, 0)) == 0 ? 0 : errno ? errno : EIO;
		free(p);
		en->dir = !en->err && S_ISDIR(en->st.st_mode);
	}
	closedir(d);
	sort_array(v, n, sizeof(*v), cmp_entry);
	for (size_t i = 0; i < n; i++) {
		struct entry *en = &v[i];
		const char *name = en->name;
		if (cancelled(L->o ? L->o->cancel : NULL)) {
			free(en->name);
			continue;
		}
		char *p = join(dir, name);
		const struct stat *st = &en->st;
		if (en->err) {
			/* a dangling link is not an error unless it looks like a readout */
			if (path_is_readout(name))
				walk_push(&w->errs, &w->n_errs, &w->cap_errs, p, en->err, NULL);
			else
				free(p);
			free(en->name);
			continue;
		}
		int refused = path_is_jsonl(name) ? file_check_parts(st) : file_check(st);
		if (en->dir && w->defer) {
			grow(&w->subs, &w->cap_subs, w->n_subs + 1, sizeof(*w->subs));
			grow(&w->sub_st, &w->cap_sub_st, w->n_subs + 1, sizeof(*w->sub_st));
			w->subs[w->n_subs] = p;
			w->sub_st[w->n_subs++] = *st;
		} else if (en->dir) {
			walk_dir(w, p, st);
			free(p);
		} else if (refused && (path_is_readout(name) || (L->o && L->o->draft && plain_in_dir(name)))) {
			/* a named pipe, a device, a file over the size limit: said,
			 * never opened */
			walk_push(&w->errs, &w->n_errs, &w->cap_errs, p, refused, st);
		} else if (S_ISREG(st->st_mode) && path_is_readout(name)) {
			walk_push(&w->files, &w->n_files, &w->cap_files, p, 0, st);
		} else if (S_ISREG(st->st_mode) && L->o && L->o->draft && plain_in_dir(name)) {
			/* a plain readout: drafted, unless its draft was saved */
			if (draft_saved(p)) {
				free(p);
			} else {
				walk_push(&w->files, &w->n_files, &w->cap_files, p, 0, st);
				w->files[w->n_files - 1].draft = true;
			}
		} else {
			w->plain |= S_ISREG(st->st_mode) && plain_in_dir(name);
			free(p);
		}
		free(en->name);
	}
	free(v);
}

/* The subdirectories of a walk's top, walked on every processor, each
 * into a walk of its own, whose lists join w's in order (join_sorted). */
struct walkers {
	struct walk *w, *sub;
	size_t next;
	pthread_mutex_t mu;
};

static void *walker(void *arg)
{
	struct walkers *k = arg;
	for (;;) {
		pthread_mutex_lock(&k->mu);
		size_t i = k->next++;
		pthread_mutex_unlock(&k->mu);
		if (i >= k->w->n_subs)
			return NULL;
		walk_dir(&k->sub[i], k->w->subs[i], &k->w->sub_st[i]);
	}
}

/* A directory a walker walked that an earlier walker (of a subdirectory
 * before its own in the top's order) walked too: what it listed under it
 * goes, as one walk in that order would never have gone into it. */
struct visit {
	struct dirid id;
	size_t walker, at;
};

static int cmp_visit(const void *a, const void *b)
{
	const struct visit *x = a, *y = b;
	if (x->id.dev != y->id.dev)
		return x->id.dev < y->id.dev ? -1 : 1;
	if (x->id.ino != y->id.ino)
		return x->id.ino < y->id.ino ? -1 : 1;
	return x->walker < y->walker ? -1 : x->walker > y->walker;
}

/* Drops from a walker's list what is under dir. */
static void drop_under(struct task *v, size_t *n, const char *dir)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (path_under(v[i].path, dir))
			free(v[i].path);
		else
			v[k++] = v[i];
	}
	*n = k;
}

/* The k tasks at src join the list v (of *n, room for *cap). */
static void append_tasks(struct task **v, size_t *n, size_t *cap, const struct task *src, size_t k)
{
	grow(v, cap, *n + k, sizeof(**v));
	if (k)
		memcpy(*v + *n, src, k * sizeof(**v));
	*n += k;
}

/* A piece of the top's list in order: one of its own tasks, or the list
 * of one of its subdirectories, whose paths all begin with key (the
 * subdirectory's path and a slash). */
struct piece {
	const char *key;
	const struct task *v;
	size_t n;
};

static int cmp_piece(const void *a, const void *b)
{
	return strcmp(((const struct piece *)a)->key, ((const struct piece *)b)->key);
}

/* The top's own files (*v, *n, in order) and its subdirectories' (each
 * list in order: walk_dir), as one list in byte order of path.  A
 * subdirectory's files all begin with its path and a slash, and a path
 * of the top's own (no slash after the top) is never between two of
 * them: the pieces are sorted, not the paths.  (Not so of errors: a
 * subdirectory that cannot be read is one, its path without the slash.) */
static void join_sorted(struct task **v, size_t *n, size_t *cap, const struct walk *sub, char *const *keys,
                        size_t n_subs)
{
	struct piece *p = xmalloc((*n + n_subs + 1) * sizeof(*p));
	size_t np = 0, total = *n;
	for (size_t i = 0; i < *n; i++)
		p[np++] = (struct piece){ (*v)[i].path, &(*v)[i], 1 };
	for (size_t i = 0; i < n_subs; i++) {
		size_t k = sub[i].n_files;
		if (k)
			p[np++] = (struct piece){ keys[i], sub[i].files, k };
		total += k;
	}
	sort_array(p, np, sizeof(*p), cmp_piece);
	struct task *out = xmalloc((total + 1) * sizeof(*out)), *at = out;
	for (size_t i = 0; i < np; i++) {
		memcpy(at, p[i].v, p[i].n * sizeof(*at));
		at += p[i].n;
	}
	free(p);
	free(*v);
	*v = out;
	*n = total;
	*cap = total + 1;
}

static void dedup_walkers(struct walk *sub, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += sub[i].n_seen;
	struct visit *v = xmalloc((total ? total : 1) * sizeof(*v));
	size_t nv = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < sub[i].n_seen; j++)
			v[nv++] = (struct visit){ sub[i].seen[j], i, j };
	sort_array(v, nv, sizeof(*v), cmp_visit);
	for (size_t a = 0; a < nv;) {
		size_t b = a + 1;
		while (b < nv && v[b].id.dev == v[a].id.dev && v[b].id.ino == v[a].id.ino)
			b++;
		/* the first walker's stays (the first in byte order: walkers
		 * take the top's subdirectories in order); the others' go */
		for (size_t c = a + 1; c < b; c++) {
			struct walk *s = &sub[v[c].walker];
			const char *dir = s->seen_path[v[c].at];
			drop_under(s->files, &s->n_files, dir);
			drop_under(s->errs, &s->n_errs, dir);
		}
		a = b;
	}
	free(v);
}

static void walk_subdirs(struct walk *w)
{
	w->defer = false;
	size_t n = w->n_subs;
	struct walkers k = { w, xcalloc(n ? n : 1, sizeof(*k.sub)), 0, PTHREAD_MUTEX_INITIALIZER };
	/* each walker knows what the top's walk saw (the top: a link back to
	 * it is a loop), then sees for itself */
	for (size_t i = 0; i < n; i++)
		k.sub[i] = (struct walk){ .L = w->L, .top = w };
	pthread_t tid[8];
	int nt = threads_for(w->L->o ? w->L->o->threads : 0, n), started = 0;
	for (; started < nt - 1; started++)
		if (pthread_create(&tid[started], NULL, walker, &k) != 0)
			break;
	walker(&k);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	/* what several walkers walked (a directory linked from two of them),
	 * listed once: where one walk in order would have */
	dedup_walkers(k.sub, n);
	/* the top's files and the walkers' (each list in order: walk_dir),
	 * in order; the errors (few) sorted together */
	for (size_t i = 0; i < n; i++) {
		append_tasks(&w->errs, &w->n_errs, &w->cap_errs, k.sub[i].errs, k.sub[i].n_errs);
		w->plain |= k.sub[i].plain;
	}
	sort_array(w->errs, w->n_errs, sizeof(*w->errs), cmp_task);
	char **keys = xmalloc((n + 1) * sizeof(*keys));
	for (size_t i = 0; i < n; i++)
		keys[i] = xasprintf("%s/", w->subs[i]);
	join_sorted(&w->files, &w->n_files, &w->cap_files, k.sub, keys, n);
	for (size_t i = 0; i < n; i++) {
		struct walk *s = &k.sub[i];
		free(s->errs);
		free(s->files);
		walk_free_seen(s);
		free(w->subs[i]);
		free(keys[i]);
	}
	free(keys);
	free(k.sub);
	free(w->subs);
	free(w->sub_st);
	w->subs = NULL;
	w->sub_st = NULL;
	w->n_subs = 0;
}

/* --- a list of files kept for the next load (corpus_opts.walk) ---------- */
struct corpus_walk_file {
	char *path;
	int walk_err;
	struct task_stat st;
	bool draft;
};

/* The tasks a walk listed, kept in w. */
static void walk_keep(struct corpus_walk *w, const struct task *t, size_t n, const struct corpus *c)
{
	w->plain_unread = c->plain_unread;
	w->dirs_walked = c->dirs_walked;
	w->v = xcalloc(n + 1, sizeof(*w->v));
	for (size_t i = 0; i < n; i++)
		w->v[i] = (struct corpus_walk_file){ xstrdup(t[i].path), t[i].walk_err, t[i].st, t[i].draft };
	w->n = n;
	w->made = true;
}

/* The tasks of a list kept, as the walk gave them. */
static void walk_take(struct loader *L, const struct corpus_walk *w)
{
	for (size_t i = 0; i < w->n; i++) {
		struct task *t = add_task(L, xstrdup(w->v[i].path));
		t->walk_err = w->v[i].walk_err;
		t->st = w->v[i].st;
		t->draft = w->v[i].draft;
	}
}

void corpus_walk_free(struct corpus_walk *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].path);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

/* How many lookups ahead a loop over every file fetches the slot of
 * (80000 of them, each a miss or two). */
#define FIND_AHEAD 8

/* A file listed twice (given twice, under two directories given, through
 * a link or a second name): read once, where it was listed first, so
 * that its readouts are not duplicates of themselves (as a directory
 * reached twice is walked once: seen_before).  The files are told apart
 * by device and inode, the key of each in a map of them. */
static void drop_twice(struct loader *L)
{
	if (L->n < 2)
		return;
	uint64_t (*key)[2] = xmalloc(L->n * sizeof(*key)); /* (the map borrows them) */
	struct strmap seen = { 0 };
	strmap_reserve(&seen, L->n);
	bool *twice = NULL;
	for (size_t i = 0; i < L->n; i++) {
		key[i][0] = (uint64_t)L->t[i].st.st_dev;
		key[i][1] = (uint64_t)L->t[i].st.st_ino;
	}
	for (size_t i = 0; i < L->n; i++) {
		const struct task *t = &L->t[i];
		if (i + FIND_AHEAD < L->n) /* (as the cache's lookups: load) */
			strmap_prefetch(&seen, (const char *)key[i + FIND_AHEAD], sizeof(key[i]));
		if (t->walk_err || !S_ISREG(t->st.st_mode))
			continue;
		size_t first;
		if (strmap_put(&seen, (const char *)key[i], sizeof(key[i]), i, &first))
			continue;
		if (!twice)
			twice = xcalloc(L->n, sizeof(*twice));
		twice[i] = true;
	}
	strmap_clear(&seen);
	free(key);
	if (!twice)
		return;
	size_t k = 0;
	for (size_t i = 0; i < L->n; i++) {
		if (twice[i])
			free(L->t[i].path);
		else
			L->t[k++] = L->t[i];
	}
	L->n = k;
	free(twice);
}

static void list_path(struct loader *L, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		add_task(L, xstrdup(path))->walk_err = errno;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		struct task *t = add_task(L, xstrdup(path));
		t->st = task_stat_of(&st);
		t->walk_err = path_is_jsonl(path) ? file_check_parts(&st) : file_check(&st); /* never opened then */
		t->draft = L->o && L->o->draft && corpus_is_plain(path);
		if (!t->walk_err && !t->draft && corpus_is_plain(path))
			t->walk_err = FILE_EPLAIN; /* (its text would be said not to be JSON) */
		return;
	}
	struct walk w = { .L = L, .defer = true };
	walk_dir(&w, path, &st);
	walk_subdirs(&w); /* (its lists sorted) */
	walk_free_seen(&w);
	L->c->plain_unread |= w.plain;
	L->c->dirs_walked = true;
	if (!L->n && !w.n_errs) { /* the one directory's list is the tasks: no copy of it */
		free(L->t);
		L->t = w.files;
		L->n = w.n_files;
		L->cap = w.cap_files;
		return;
	}
	append_tasks(&L->t, &L->n, &L->cap, w.errs, w.n_errs);
	append_tasks(&L->t, &L->n, &L->cap, w.files, w.n_files);
	free(w.errs);
	free(w.files);
}

/* --- loading in parallel ------------------------------------------------------ */
static const int *cancel_of(const struct loader *L)
{
	return L->o ? L->o->cancel : NULL;
}

/* The judge hook on the body of fl's readout j, seen in place (without
 * its text: no_text): its verdicts go to fl->verdicts, the body marked
 * as judged (its text then not copied) or as one that cannot be kept.  A
 * body that does not decode is left to be decoded, which says so. */
static void judge_body(const struct corpus_opts *o, struct file_load *fl, size_t j, bool no_text)
{
	struct cache_body *b = &fl->bodies[j];
	struct readout view;
	struct judge_hints h = { b->set, NULL, 0 }; /* (the set's first half: the text's) */
	if (cache_body_view(b, &fl->readouts[j], &view, no_text, &h.sums, &h.sums_n)) {
		size_t at = fl->verdicts.n;
		grow(&fl->verdicts.s, &fl->verdicts.cap, at + view.n_positions + 1, 1);
		unsigned char *v = (unsigned char *)fl->verdicts.s + at;
		memset(v, JUDGED_NO, view.n_positions);
		fl->verdicts.n += view.n_positions;
		b->cannot = !o->judge(&view, &h, v, o->arg);
		b->judged = true;
		b->keep_text = false;
		b->verdict_at = at;
		b->n_verdicts = view.n_positions;
	}
	arena_free(&view.arena);
}

/* What of the next body decode_cached fetches ahead, at most: a body's
 * usual size several times over, not a long text's whole (which would
 * push out of the processor's caches what it is working on). */
#define FETCH_AHEAD ((size_t)32 << 10)

/* Does a filtered load read body b (decode_cached)?  Not when the bytes
 * its words are among cannot hold the filter's; *no_text when its text
 * cannot (judge then looks for the words in the summaries alone).  Told
 * from its sets, in its head: no byte of the body is read. */
static bool body_wanted(const struct corpus_opts *o, const struct cache_body *b, bool *no_text)
{
	if (o->may_have && b->set) {
		unsigned char all[32];
		for (int k = 0; k < 32; k++)
			all[k] = b->set[k] | b->set[32 + k];
		if (!o->may_have(all, o->arg))
			return false;
	}
	*no_text = o->text_may_hold && b->set && !o->text_may_hold(b->set, o->arg);
	return true;
}

/* Entry i of the cache decoded into fl (cache_decode); with a may_keep
 * hook, each body whose heads alone were decoded is looked at here, on
 * whichever thread decodes it, and marked when it cannot be kept; with a
 * judge hook too, one that may be is judged here. */
static bool decode_cached(struct loader *L, size_t i, struct file_load *fl)
{
	if (!cache_decode(&L->cache, i, fl, L->lazy_bodies, L->skim))
		return false;
	/* the ids' keys for the merge, and what look says for keep, here (a
	 * thread of several) */
	const struct corpus_opts *o = L->o;
	id_keys(fl);
	for (size_t j = 0; o && o->look && o->keep && j < fl->n_readouts; j++)
		fl->readouts[j].looked = o->look(&fl->readouts[j], o->arg) | CORPUS_LOOKED;
	if (!fl->bodies || !o || !o->may_keep)
		return true;
	bool next_no_text = false, next_read = fl->n_readouts && body_wanted(o, &fl->bodies[0], &next_no_text);
	for (size_t j = 0; j < fl->n_readouts; j++) {
		struct cache_body *b = &fl->bodies[j];
		bool read = next_read, no_text = next_no_text;
		/* the next body's bytes fetched while this one is looked at
		 * (they come from memory, and the hash that first reads them
		 * would wait for each line in turn), past its text when its
		 * text is not read: where its head says the text ends */
		next_read = j + 1 < fl->n_readouts && body_wanted(o, &fl->bodies[j + 1], &next_no_text);
		if (next_read) {
			const struct cache_body *nb = &fl->bodies[j + 1];
			size_t from = next_no_text ? cache_body_text_end(nb, &fl->readouts[j + 1]) : 0;
			size_t to = nb->n - from > FETCH_AHEAD ? from + FETCH_AHEAD : nb->n;
			for (size_t at = from; at < to; at += 64)
				__builtin_prefetch(nb->p + at);
		}
		/* the bytes its words are among cannot hold the filter's:
		 * left out, its body never read */
		if (!read) {
			b->cannot = true;
			continue;
		}
		const unsigned char *bytes = b->p, *text, *rest;
		size_t nbytes = b->n, ntext, nrest;
		bool parts = cache_body_parts(b, &text, &ntext, &rest, &nrest), may = false;
		/* its text looked at alone: none of the words there (and its
		 * hash holding: what was looked at is the text), its
		 * positions' spans hold none either */
		if (!no_text && parts && o->text_may_have) {
			may = o->text_may_have((const char *)text, ntext, o->arg);
			no_text = !may && cache_body_text_intact(b, &fl->readouts[j]);
		}
		no_text = no_text && parts;
		if (no_text) {
			cache_body_pool(&rest, &nrest);
			bytes = rest;
			nbytes = nrest;
		}
		/* (a body whose hash does not hold is decoded, which says so);
		 * the text of one kept is kept, for the filter to look at;
		 * may_keep looks past a text that holds none of its words (the
		 * text, then, never read when its set said so, else read and
		 * checked by text_may_have), and is not asked when the text
		 * may hold the one word looked for (text_decides) */
		if (no_text)
			b->rest_intact = cache_body_rest_intact(b);
		else
			b->intact = cache_body_intact(b, &fl->readouts[j]);
		b->cannot = (b->intact || b->rest_intact) && !(may && o->text_decides)
		            && !o->may_keep((const char *)bytes, nbytes, o->arg);
		b->keep_text = true;
		/* a skimmed head is read whole once it may be kept, unless
		 * nothing will look at it (skim_kept) */
		if (!b->cannot && !L->skim_kept && !cache_read_head(fl, j)) {
			file_load_free(fl);
			return false;
		}
		if ((b->intact || b->rest_intact) && !b->cannot && o->judge)
			judge_body(o, fl, j, no_text);
	}
	return true;
}

static void run_task_here(struct loader *L, struct task *t)
{
	struct file_load *fl = t->fl;
	if (t->cached >= 0) {
		if (decode_cached(L, (size_t)t->cached, fl))
			return;
		t->cached = -1; /* a bad record: load the file */
		__atomic_store_n(&L->bad_record, true, __ATOMIC_RELAXED);
	}
	if (t->draft) {
		/* drafted from the text; its text stays (there is no file to
		 * read it back from) and nothing of it goes to the cache */
		char *json = NULL, *target = corpus_draft_path(t->path);
		size_t len = 0;
		if (t->draft_clash) {
			/* (w would save both as one file: the second one refused) */
			diags_add(&fl->diags, DIAG_IO, "%s: not drafted: %s is drafted as %s already (rename one)", t->path,
			          t->draft_clash, target);
			fl->n_skipped = 1;
		} else if (L->o->draft(L->o->draft_arg, t->path, &json, &len, &fl->diags)) {
			fl->size = (off_t)len;
			fl->draft_json = json;
			fl->draft_len = len;
			load_buffer(fl, target, json, len, 1, cancel_of(L));
		} else {
			fl->n_skipped = 1;
			free(json);
		}
		free(target);
		return;
	}
	load_file(fl, t->path, &L->t0, L->split, cancel_of(L));
	if (L->encode && !fl->err) {
		cache_encode(&t->rec, t->path, fl, NULL);
		/* held until merged, up to TASKS_AHEAD of them: no more than it
		 * needs (a buffer that doubled is up to half empty) */
		if (t->rec.n && t->rec.cap > t->rec.n + t->rec.n / 8) {
			t->rec.s = xrealloc(t->rec.s, t->rec.n);
			t->rec.cap = t->rec.n;
		}
	}
	if (L->lazy)
		for (size_t i = 0; i < fl->n_readouts; i++)
			readout_let_text_go(&fl->readouts[i]);
}

/* Loads a task's file, or decodes it from the cache, on a worker or the
 * calling thread.  Workers leave files in segments (merge_segments) and
 * large .jsonl files to stream (stream_file) to the calling thread.
 * Memory running out while one file loads skips that file, said as its
 * error, and the others load (what was allocated for it is freed, but for
 * small leftovers). */
static void run_task(struct loader *L, struct task *t, bool worker)
{
	if (t->walk_err || t->ran)
		return;
	if (worker && (t->stream || (t->cached >= 0 && L->cache.files[t->cached].n_segs > 1)))
		return;
	t->ran = true;
	task_fl(t); /* (before the recovery point: a task always has one) */
	jmp_buf jb;
	if (setjmp(jb)) {
		json_mem_end();
		struct file_load *fl = t->fl;
		mode_t mode = fl->mode;
		off_t size = fl->size;
		bool jsonl = fl->jsonl;
		file_load_free(fl);
		sb_free(&t->rec);
		fl->err = ENOMEM;
		fl->mode = mode ? mode : t->st.st_mode;
		fl->size = size ? size : t->st.st_size;
		fl->jsonl = jsonl;
		t->cached = -1;
		return;
	}
	/* (not a draft: the drafting takes locks, which a jump out of it
	 * would leave held; its texts are small) */
	if (!t->draft)
		xalloc_recover_at(&jb);
	run_task_here(L, t);
	xalloc_recover_at(NULL);
}

/* the tasks a worker ran, left for it to free */
struct tasks_run {
	size_t *v, n, cap;
};

/* Tasks a worker takes at once when they are entries of the cache: each
 * is quick, and a lock and a wake-up per task was a fifth of a warm load
 * of many small files. */
#define CACHED_BATCH 16

static bool ahead_ok(const struct loader *L, size_t i)
{
	return i < __atomic_load_n(&L->merged, __ATOMIC_SEQ_CST) + L->ahead;
}

/* The next task, or the next few entries of the cache, taken (under the
 * lock): the first in *i, their number returned (0: none left). */
static size_t claim(struct loader *L, size_t *i)
{
	size_t k = 1;
	*i = L->next;
	if (*i >= L->n)
		return 0;
	if (L->t[*i].cached >= 0)
		while (k < CACHED_BATCH && *i + k < L->n && L->t[*i + k].cached >= 0 && ahead_ok(L, *i + k))
			k++;
	L->next = *i + k;
	return k;
}

/* Runs tasks [i, i + k) as a worker would, and says each is done; the
 * calling thread, waiting for one of them, is woken once they all are (it
 * then has them all to merge).  On a worker (mine: the tasks it ran, to
 * free), an entry of the cache it decoded is its to free (files parsed
 * are freed by the calling thread as it merges them: held until the
 * worker comes back for more, they would add to a cold load's peak). */
static void run_batch(struct loader *L, size_t i, size_t k, struct tasks_run *mine)
{
	/* entries of a streamed cache decoded whole: their records read at
	 * once (cache_read_span) */
	bool span = k > 1 && L->cache.stream && !L->lazy_bodies;
	if (span) {
		long v[CACHED_BATCH] = { 0 };
		size_t n = 0;
		for (size_t j = i; j < i + k && n < CACHED_BATCH; j++)
			if (L->t[j].cached >= 0 && !L->t[j].ran && L->cache.files[L->t[j].cached].n_segs == 1)
				v[n++] = L->t[j].cached;
		cache_read_span(&L->cache, v, n);
	}
	for (size_t j = i; j < i + k; j++) {
		struct task *t = &L->t[j];
		bool ran = t->ran;
		run_task(L, t, true);
		if (mine && t->cached >= 0 && !ran && t->ran) {
			t->by_worker = true;
			grow(&mine->v, &mine->cap, mine->n + 1, sizeof(*mine->v));
			mine->v[mine->n++] = j;
		}
		__atomic_store_n(&t->done, true, __ATOMIC_SEQ_CST);
	}
	if (span)
		cache_span_done();
	if (__atomic_load_n(&L->waiting, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&L->mu);
		pthread_cond_broadcast(&L->cv);
		pthread_mutex_unlock(&L->mu);
	}
}

/* What a worker loaded and the calling thread has merged, freed. */
static void free_merged(struct loader *L, struct tasks_run *mine)
{
	size_t kept = 0;
	for (size_t j = 0; j < mine->n; j++) {
		struct task *t = &L->t[mine->v[j]];
		if (__atomic_load_n(&t->merged_out, __ATOMIC_SEQ_CST)) {
			task_fl_free(t);
			sb_free(&t->rec);
		} else {
			mine->v[kept++] = mine->v[j];
		}
	}
	mine->n = kept;
}

/* A worker: takes tasks (claim) and runs them; it waits while it is
 * L->ahead past those merged, and is woken only when it waits (idle). */
static void *worker(void *arg)
{
	struct loader *L = arg;
	struct tasks_run mine = { 0 };
	for (;;) {
		free_merged(L, &mine);
		pthread_mutex_lock(&L->mu);
		__atomic_add_fetch(&L->idle, 1, __ATOMIC_SEQ_CST);
		/* (with a window of cache entries, until a few batches fit in
		 * it: woken for each one merged, a worker would take one at a
		 * time, and wait again) */
		while (L->next < L->n && !ahead_ok(L, L->next + (L->n - L->next < L->room ? L->n - L->next : L->room) - 1))
			pthread_cond_wait(&L->cv, &L->mu);
		__atomic_sub_fetch(&L->idle, 1, __ATOMIC_SEQ_CST);
		size_t i, k = claim(L, &i);
		pthread_mutex_unlock(&L->mu);
		if (!k) {
			/* (what it loaded and is not merged yet, the calling
			 * thread frees once the workers are joined) */
			free(mine.v);
			json_mem_release();
			cache_span_free();
			return NULL;
		}
		run_batch(L, i, k, &mine);
	}
}

/* The calling thread, before it merges task t: waits until a worker has
 * run it.  With help (entries of the cache to decode), it runs
 * the next few entries itself meanwhile, as a worker, when it may. */
static void wait_task(struct loader *L, struct task *t)
{
	if (__atomic_load_n(&t->done, __ATOMIC_SEQ_CST))
		return;
	pthread_mutex_lock(&L->mu);
	for (;;) {
		/* waiting said before done is read again: a worker that said
		 * done after that read sees it, and wakes this thread once it
		 * sleeps (the lock is held till then) */
		__atomic_store_n(&L->waiting, true, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&t->done, __ATOMIC_SEQ_CST))
			break;
		if (L->help && L->next < L->n && L->t[L->next].cached >= 0 && ahead_ok(L, L->next)) {
			__atomic_store_n(&L->waiting, false, __ATOMIC_SEQ_CST);
			size_t i, k = claim(L, &i);
			pthread_mutex_unlock(&L->mu);
			run_batch(L, i, k, NULL);
			pthread_mutex_lock(&L->mu);
			continue;
		}
		pthread_cond_broadcast(&L->cv); /* (a worker waiting for merged: it has moved) */
		if (L->o && L->o->before_sleep)
			L->o->before_sleep(L->o->arg);
		pthread_cond_wait(&L->cv, &L->mu);
	}
	__atomic_store_n(&L->waiting, false, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&L->mu);
}

static int n_threads(const struct corpus_opts *o, size_t tasks)
{
	return threads_for(o ? o->threads : 0, tasks);
}

struct opener {
	struct cache *k;
	char *file, *key;
	bool stream, opened;
};

static void *open_cache(void *arg)
{
	struct opener *op = arg;
	/* without texts, nothing is kept in the mapping: it is streamed */
	op->opened = cache_open(op->k, op->file, op->key, op->stream);
	return NULL;
}

/* Streaming: a large .jsonl, when it is the only file to parse, is read
 * on the calling thread in blocks of whole lines, each parsed (on the
 * threads there are) and merged before the next is read, so that what the
 * corpus does not keep is never held all at once.  Its hash is computed
 * as it is read (corpus_hasher).  A read error or the file growing past
 * the size limit midway leaves the readouts of the lines before it merged,
 * the error said after them.
 *
 * With the index cache, each block is a segment with a record of its own
 * (cache.h), written as it is made, then an empty last one with the
 * file's hash; a block whose bytes are those of a segment of the old
 * cache (a file that grew: the lines appended to it) is decoded from it,
 * not parsed.  A file whose segments are all fresh is not read at all
 * (merge_segments). */
#define STREAM_BLOCK ((size_t)1 << 20)

static bool streams(const struct task *t)
{
	return !t->walk_err && !t->draft && t->cached < 0 && S_ISREG(t->st.st_mode) &&
	       (size_t)t->st.st_size >= SPLIT_MIN && path_is_jsonl(t->path);
}

/* The record of what fl holds now (a segment, or the last one) to the new
 * cache. */
static void write_seg(struct loader *L, const char *path, const struct file_load *fl, const struct cache_seg *seg)
{
	L->rec.n = 0; /* the buffers' memory is used again for the next */
	cache_encode_with(&L->rec, &L->scratch, path, fl, seg);
	cache_writer_add(L->w, L->rec.s, L->rec.n);
}

/* Segment entry i of the old cache, for file fi: decoded and merged,
 * its record copied to the new cache; false when it does not decode. */
static bool merge_old_seg(struct loader *L, uint32_t fi, size_t i, const struct file_load *now)
{
	struct file_load part;
	if (!decode_cached(L, i, &part)) {
		L->bad_record = true;
		return false;
	}
	if (L->w) {
		L->rec.n = 0;
		cache_copy_seg(&L->rec, &L->cache, i, now);
		cache_writer_add(L->w, L->rec.s, L->rec.n);
	}
	merge_part(L->c, fi, &part, L->o);
	file_load_free(&part);
	L->used_cache = true;
	L->c->cache_segs++;
	return true;
}

static void stream_file(struct loader *L, struct task *t)
{
	struct corpus *c = L->c;
	const struct corpus_opts *o = L->o;
	const int *cancel = cancel_of(L);
	struct file_load *fl = task_fl(t);
	fl->jsonl = true;
	struct stat st;
	int err;
	int fd = file_open_parts(t->path, &st, &err);
	if (fd < 0) {
		fl->err = err;
		if (err == FILE_ENOTREG) {
			fl->mode = st.st_mode;
			fl->size = st.st_size;
		}
		merge(c, t->path, fl, o);
		return;
	}
	uint32_t fi = new_file(c, t->path, true);
	c->files[fi].size = st.st_size;
	c->files[fi].mtime = st.st_mtim;
	c->files[fi].ctime = st.st_ctim;
	/* what each segment's record says of the file */
	fl->size = st.st_size;
	fl->mtime = st.st_mtim;
	fl->ctime = st.st_ctim;
	fl->racy = st.st_mtim.tv_sec >= L->t0.tv_sec - 1;
	struct corpus_hasher hs = { 0 };
	uint64_t max = file_limit(), total = 0;
	size_t cap = STREAM_BLOCK, have = 0, base = 0;
	unsigned long line0 = 0;
	char *buf = xmalloc(cap + 1);
	bool eof = false, skipping = false;
	err = 0;
	while (!eof && !err) {
		if (cancelled(cancel))
			break;
		ssize_t k = read(fd, buf + have, cap - have);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			err = errno;
			break;
		}
		if (k == 0) {
			eof = true;
		} else {
			corpus_hash_add(&hs, buf + have, (size_t)k);
			have += (size_t)k;
			total += (uint64_t)k;
			if (have < cap)
				continue;
		}
		if (skipping) {
			/* a line longer than the limit: its bytes go as they come,
			 * up to its end */
			char *nl = memchr(buf, '\n', have);
			size_t drop = nl ? (size_t)(nl - buf) + 1 : have;
			base += drop;
			memmove(buf, buf + drop, have - drop);
			have -= drop;
			if (nl) {
				skipping = false;
				line0++;
			}
			if (!eof || skipping)
				continue;
			/* at the end: the lines after it are still to be read */
		}
		/* whole lines, up to the last newline (to the end at the end) */
		size_t upto = have;
		if (!eof) {
			while (upto > 0 && buf[upto - 1] != '\n')
				upto--;
			if (upto == 0 && max && cap >= max) {
				/* one line longer than the size limit: said, not read,
				 * and no cache made of a file with a hole */
				char a[32];
				diags_add(&c->diags, DIAG_IO,
				          "%s:%lu: a line longer than the size limit of %s (--max-file-size): not read",
				          t->path, line0 + 1, file_size_text(max, a, sizeof(a)));
				c->files[fi].n_skipped++;
				c->n_skipped++;
				c->n_lines_unread++;
				L->w_failed = true;
				skipping = true;
				base += have; /* no newline in it: all of it goes */
				have = 0;
				continue;
			}
			if (upto == 0) { /* one line longer than the block */
				cap = max && cap * 2 > max ? (size_t)max : cap * 2;
				buf = xrealloc(buf, cap + 1);
				continue;
			}
		}
		unsigned long lines = 0;
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + upto - p))); p++)
			lines++;
		if (upto) {
			struct cache_seg seg = { base, upto, hash64(buf, upto), line0, false };
			long old = L->cache.map ? cache_find_seg(&L->cache, t->path, &seg) : -1;
			if (old < 0 || !merge_old_seg(L, fi, (size_t)old, fl)) {
				load_jsonl(fl, t->path, buf, upto, base, line0, L->split, cancel);
				if (L->w && !cancelled(cancel))
					write_seg(L, t->path, fl, &seg);
				if (L->lazy)
					for (size_t i = 0; i < fl->n_readouts; i++)
						readout_let_text_go(&fl->readouts[i]);
				merge_part(c, fi, fl, o);
			}
		}
		line0 += lines;
		base += upto;
		memmove(buf, buf + upto, have - upto);
		have -= upto;
	}
	close(fd);
	free(buf);
	uint64_t h = corpus_hash_end(&hs);
	if (err) {
		c->files[fi].io_error = true;
		io_error(c, t->path, err, &st);
	} else if (eof) {
		c->files[fi].hash = h;
		if (L->w) { /* the last segment: the file's hash */
			struct file_load end = { .size = (off_t)total, .mtime = st.st_mtim, .ctime = st.st_ctim, .jsonl = true,
				                 .hash = h };
			end.racy = fl->racy || total != (uint64_t)st.st_size;
			struct cache_seg seg = { total, 0, hash64("", 0), line0, true };
			write_seg(L, t->path, &end, &seg);
			file_load_free(&end);
		}
	}
	if (!eof || err)
		L->w_failed = true; /* a cache of part of the file is not written */
}

/* A file whose segments are all fresh in the cache (entry i and after):
 * each decoded and merged in turn, so that no more than one is held at a
 * time; one that does not decode is parsed from the file's bytes it
 * covers instead.  Copied to the new cache, if there is one. */
/* The segments are decoded on threads, a few ahead of the one merged
 * (in order, on the calling thread). */
#define SEG_THREADS 4
#define SEG_AHEAD (2 * SEG_THREADS)

struct seg_decoder {
	struct loader *L;
	size_t first, n;
	size_t next;               /* the next segment to decode */
	size_t taken;              /* segments merged: those up to taken + SEG_AHEAD may be decoded */
	bool stop;
	struct file_load fl[SEG_AHEAD];
	bool ok[SEG_AHEAD], ready[SEG_AHEAD];
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Segment k, just taken (d->next moved past it), decoded into its slot:
 * the lock held before and after, not while it decodes. */
static void decode_taken(struct seg_decoder *d, size_t k)
{
	pthread_mutex_unlock(&d->mu);
	struct file_load fl;
	bool ok = decode_cached(d->L, d->first + k, &fl);
	pthread_mutex_lock(&d->mu);
	d->fl[k % SEG_AHEAD] = fl;
	d->ok[k % SEG_AHEAD] = ok;
	d->ready[k % SEG_AHEAD] = true;
}

static void *decode_segments(void *arg)
{
	struct seg_decoder *d = arg;
	for (;;) {
		pthread_mutex_lock(&d->mu);
		while (!d->stop && d->next < d->n && d->next >= d->taken + SEG_AHEAD)
			pthread_cond_wait(&d->cv, &d->mu);
		if (d->stop || d->next >= d->n) {
			pthread_mutex_unlock(&d->mu);
			break;
		}
		decode_taken(d, d->next++);
		pthread_cond_broadcast(&d->cv);
		pthread_mutex_unlock(&d->mu);
	}
	return NULL;
}

/* Segment j (from the first) decoded: false when it did not decode.
 * While it is not ready, the calling thread decodes the next one not
 * taken yet, as the workers do, rather than wait for them (it is one of
 * the threads, merge_segments starting one worker fewer: no wake-up each
 * segment, nor a thread more than the processors for the segments). */
static bool next_segment(struct seg_decoder *d, int threads, size_t j, struct file_load *fl)
{
	if (!threads)
		return decode_cached(d->L, d->first + j, fl);
	pthread_mutex_lock(&d->mu);
	while (!d->ready[j % SEG_AHEAD]) {
		if (d->next < d->n && d->next < d->taken + SEG_AHEAD) {
			decode_taken(d, d->next++);
			continue;
		}
		pthread_cond_wait(&d->cv, &d->mu);
	}
	*fl = d->fl[j % SEG_AHEAD];
	bool ok = d->ok[j % SEG_AHEAD];
	d->ready[j % SEG_AHEAD] = false;
	d->taken = j + 1;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mu);
	return ok;
}

/* Segment s of file fi (task t) read from the file into *part, its
 * record in the cache being bad: its bytes, which must hash as the
 * segment's did (else the file changed, and is said to), parsed from its
 * first line on; *fd opened once for the file.  False when the file could
 * not be read as the cache says (said: the rest of it is not loaded). */
static bool segment_from_file(struct loader *L, struct task *t, const struct cache_entry *s, uint32_t fi, int *fd,
                              struct file_load *part)
{
	struct corpus *c = L->c;
	memset(part, 0, sizeof(*part));
	part->jsonl = true;
	if (*fd < 0)
		*fd = open(t->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	char *buf = xmalloc((size_t)s->seg.len + 1);
	ssize_t k = *fd < 0 ? -1 : pread(*fd, buf, (size_t)s->seg.len, (off_t)s->seg.from);
	L->w_failed = true; /* the next load writes a cache again */
	if (k == (ssize_t)s->seg.len && hash64(buf, (size_t)s->seg.len) != s->seg.hash) {
		free(buf);
		diags_add(&c->diags, DIAG_IO,
		          "%s: changed, its size and time of change kept (its index cache no longer fits it): not read "
		          "past byte %llu",
		          t->path, (unsigned long long)s->seg.from);
		c->n_io_errors++;
		c->files[fi].io_error = true;
		return false;
	}
	if (k == (ssize_t)s->seg.len) {
		load_jsonl(part, t->path, buf, (size_t)s->seg.len, (size_t)s->seg.from, (unsigned long)s->seg.line0,
		           L->split, cancel_of(L));
		if (L->lazy)
			for (size_t r = 0; r < part->n_readouts; r++)
				readout_let_text_go(&part->readouts[r]);
	} else {
		part->err = k < 0 ? errno : EIO;
	}
	free(buf);
	if (s->seg.last && *fd >= 0) { /* the file's hash: read through */
		struct corpus_hasher hs = { 0 };
		char *blk = xmalloc(CORPUS_HASH_BLOCK);
		off_t at = 0;
		ssize_t got;
		while ((got = pread(*fd, blk, CORPUS_HASH_BLOCK, at)) > 0) {
			corpus_hash_add(&hs, blk, (size_t)got);
			at += got;
		}
		free(blk);
		c->files[fi].hash = corpus_hash_end(&hs);
	}
	if (part->err) {
		c->files[fi].io_error = true;
		io_error(c, t->path, part->err, NULL);
		file_load_free(part);
		return false;
	}
	return true;
}

static void merge_segments(struct loader *L, struct task *t, size_t i)
{
	struct corpus *c = L->c;
	const struct cache_entry *e = &L->cache.files[i];
	size_t n = e->n_segs;
	uint32_t fi = new_file(c, t->path, true);
	c->files[fi].size = e->size;
	c->files[fi].mtime = e->mtime;
	c->files[fi].ctime = e->ctime;
	int fd = -1;
	/* decoded on the processors there are, the merging here taking each
	 * in turn, and decoding while the next is not ready (with a keep hook
	 * too, which leaves most out: their heads are decoded and looked at
	 * on them, 100000 readouts 200 ms here, 150 there) */
	struct seg_decoder d = { .L = L, .first = i, .n = n };
	pthread_t tid[SEG_THREADS];
	/* (this thread decodes too: next_segment) */
	int want = n_threads(L->o, SEG_THREADS) - 1, threads = 0;
	if (n > 1 && want > 0) {
		pthread_mutex_init(&d.mu, NULL);
		pthread_cond_init(&d.cv, NULL);
		while (threads < want && threads < SEG_THREADS
		       && arena_thread_create(&tid[threads], decode_segments, &d) == 0)
			threads++;
		if (!threads) {
			pthread_mutex_destroy(&d.mu);
			pthread_cond_destroy(&d.cv);
		}
	}
	for (size_t j = i; j < i + n && !cancelled(cancel_of(L)); j++) {
		const struct cache_entry *s = &L->cache.files[j];
		struct file_load part;
		if (next_segment(&d, threads, j - i, &part)) {
			L->used_cache = true;
			if (L->w)
				cache_writer_add(L->w, s->rec - 4, s->n + 4);
			if (s->seg.last)
				c->files[fi].hash = part.hash;
		} else {
			/* a segment's record found bad: the load starts over from
			 * the files (its lines read again from where its entry
			 * says would trust the entry its record just disagreed
			 * with, and the segments merged before it came from the
			 * same cache) */
			L->bad_record = true;
			if (!(L->o && L->o->take && !L->o->restart)) {
				c->cache_failed = true;
				break;
			}
			/* unless the readouts before it were handed on to a take
			 * hook that cannot see them again (the browser shows them,
			 * and a second load would show them twice; a query's
			 * passes over those it printed): its lines read from the
			 * file, when the bytes there are still those the segment
			 * was made of */
			if (!segment_from_file(L, t, s, fi, &fd, &part))
				break;
		}
		merge_part(c, fi, &part, L->o);
		file_load_free(&part);
		cache_release(&L->cache, s);
	}
	if (threads) {
		/* stopped early: what was decoded beyond goes */
		pthread_mutex_lock(&d.mu);
		d.stop = true;
		pthread_cond_broadcast(&d.cv);
		pthread_mutex_unlock(&d.mu);
		for (int k = 0; k < threads; k++)
			pthread_join(tid[k], NULL);
		for (int k = 0; k < SEG_AHEAD; k++)
			if (d.ready[k])
				file_load_free(&d.fl[k]);
		pthread_mutex_destroy(&d.mu);
		pthread_cond_destroy(&d.cv);
	}
	if (fd >= 0)
		close(fd);
}

/* The loading threads allocate most of a corpus (a readout's arena, a
 * few kilobytes at a time).  glibc pads a thread's heap (M_TOP_PAD) only
 * when it makes it, at the thread's first allocation; a heap made
 * unpadded then grows a page or two at each allocation, a system call
 * each (mprotect): 31000 of them in a warm browser load of 100000
 * readouts, made by the heaps of the threads that walked the paths and
 * opened the cache, which the loading threads took up after them.  So a
 * load that will likely be warm (its cache file is there) pads from its
 * start, before any of its threads allocates (corpus_load_prepare: the
 * browser's loader thread's before it starts); grown HEAP_PAD at a time,
 * a few hundred calls.  (What is not touched is not resident, but what a
 * heap once held stays, up to the pad: a cold load, padded, peaked a
 * megabyte or two higher, so a load that finds files to parse goes back
 * to glibc's pad, TOP_PAD, before it parses them.) */
#define HEAP_PAD (64 * 1024 * 1024)
#define TOP_PAD (128 * 1024)

static void pad_heaps(bool pad)
{
#ifdef __GLIBC__
	mallopt(M_TOP_PAD, pad ? HEAP_PAD : TOP_PAD);
#else
	(void)pad;
#endif
}

/* A load likely warm (o uses the cache and its file is there): heaps
 * padded.  cfile gets the cache's file (malloc'd), key its key. */
static void pad_if_warm(char *const *paths, size_t n, const struct corpus_opts *o, char **cfile, char **key)
{
	*cfile = *key = NULL;
	if (o && o->use_cache && (*cfile = cache_file_for(paths, n, key)) && access(*cfile, F_OK) == 0)
		pad_heaps(true);
}

void corpus_load_prepare(char *const *paths, size_t n, const struct corpus_opts *o)
{
	char *cfile, *key;
	pad_if_warm(paths, n, o, &cfile, &key);
	free(cfile);
	free(key);
}

/* A load that parses: what a heap frees at its top goes back at once
 * (glibc's default threshold, pinned).  Left to itself, glibc raises the
 * threshold to twice the largest block it has mapped and unmapped (a
 * file's buffer, a record of the cache): each thread's heap then keeps
 * the most it ever held, and a cold query writing the cache peaked 2 to 3
 * megabytes higher, a tenth of its memory.  (Pinning it pins the mmap
 * threshold too, at 128 KB: a larger block is mapped on its own, for the
 * rest of the process; no slower, measured.) */
#define TRIM_AT (128 * 1024)

static void pin_trim(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, TRIM_AT);
#endif
}

/* The largest names table read or saved beside a cache (one larger is
 * noted again by each load that wants it). */
#define NAMES_MAX ((size_t)256 << 20)

static void load(struct corpus *c, char *const *paths, size_t n, const struct corpus_opts *o, bool lazy_bodies)
{
	/* (the calling thread's heap made by now, often: corpus_load_prepare) */
	char *cfile, *key;
	pad_if_warm(paths, n, o, &cfile, &key);
	json_mem_init();
	struct loader L = { .c = c, .o = o };
	L.lazy = o && o->lazy_texts && !o->keep;
	clock_gettime(CLOCK_REALTIME, &L.t0);
	/* the cache is opened and checked on another thread while the paths
	 * are walked: neither needs the other */
	/* a keep hook that leaves most readouts out: the cache's bodies are
	 * decoded only for those it keeps (a take hook is handed them
	 * decoded) */
	L.lazy_bodies = lazy_bodies && o && o->keep;
	L.look = L.lazy_bodies && o->may_keep;
	L.skim = L.look && o->skim;
	L.skim_kept = L.skim && o->skim_kept && o->judge && o->tally;
	if (L.look && o->judge)
		c->words_judged_for = o->judged_for;
	/* streamed (the pages given back as it is read, strings copied out,
	 * texts read back from the files when wanted) when nothing is kept
	 * in the mapping: texts let go, or most readouts left out */
	struct opener op = { .k = &L.cache, .stream = L.lazy || L.lazy_bodies, .file = cfile, .key = key };
	pthread_t opener;
	bool opening = false;
	if (cfile) {
		opening = pthread_create(&opener, NULL, open_cache, &op) == 0;
		if (!opening)
			open_cache(&op);
	}
	if (o && o->walk && o->walk->made) {
		walk_take(&L, o->walk);
		c->walk_taken = true;
		c->plain_unread = o->walk->plain_unread;
		c->dirs_walked = o->walk->dirs_walked;
	} else {
		for (size_t i = 0; i < n; i++)
			list_path(&L, paths[i]);
		if (o && o->walk)
			walk_keep(o->walk, L.t, L.n, c);
	}
	drop_twice(&L);
	/* a file each task at most (its segments are one file): the array
	 * made once, not grown and copied as they merge */
	grow_exact(&c->files, &c->cap_files, c->n_files + L.n, sizeof(*c->files));
	if (opening)
		pthread_join(opener, NULL);
	if (o && o->files_total)
		__atomic_store_n(o->files_total, L.n, __ATOMIC_RELEASE);

	/* the cache: which files are fresh in it, and whether to rewrite it */
	bool rewrite = false, drafts = false;
	for (size_t i = 0; i < L.n; i++)
		drafts = drafts || L.t[i].draft;
	c->ids_known = false;
	if (cfile) {
		bool opened = op.opened;
		size_t fresh = 0, readouts = 0;
		bool *hit = xcalloc(L.cache.n_files + 1, 1);
		for (size_t i = 0; i < L.n; i++) {
			if (i + 2 * FIND_AHEAD < L.n) /* (its path, to hash it then) */
				__builtin_prefetch(L.t[i + 2 * FIND_AHEAD].path);
			if (i + FIND_AHEAD < L.n)
				cache_find_soon(&L.cache, L.t[i + FIND_AHEAD].path);
			if (L.t[i].walk_err || L.t[i].draft)
				continue;
			struct stat st = stat_of(&L.t[i].st);
			L.t[i].cached = cache_find(&L.cache, L.t[i].path, &st);
			if (L.t[i].cached >= 0 && !hit[L.t[i].cached]) {
				hit[L.t[i].cached] = true;
				const struct cache_entry *e = &L.cache.files[L.t[i].cached];
				fresh += e->n_segs;
				for (size_t j = 0; j < e->n_segs; j++)
					readouts += e[j].n_readouts;
			}
		}
		free(hit);
		if (o && o->readouts_cached)
			__atomic_store_n(o->readouts_cached, readouts, __ATOMIC_RELEASE);
		rewrite = !opened || fresh != L.cache.n_files;
		for (size_t i = 0; i < L.n && !rewrite; i++)
			rewrite = !L.t[i].walk_err && !L.t[i].draft && L.t[i].cached < 0;
		/* a load that leaves readouts out (a command's: its corpus is
		 * let go after it) and reads every readout from a cache whose
		 * ids are all different (and nothing else: no draft, nothing
		 * loaded before) has no id to look up; else the ids of the
		 * readouts the cache has: one table for them.  (Only with a
		 * restart hook, which has the hooks' owner forget what it saw
		 * when a bad record has the load start again, and pass over
		 * the readouts a take hook took already: not the browser's.) */
		c->ids_known = !rewrite && !drafts && L.cache.ids_distinct && o && (o->keep || o->tally) && o->restart
		               && !c->ids.count && !c->n_readouts && !c->n_dropped;
		if (!c->ids_known)
			strmap_reserve(&c->ids, c->ids.count + readouts);
	}
	/* the drafts after the files of readouts (in order among
	 * themselves): an id a draft is given is then one no readout of
	 * the corpus has (draft_unique_id) */
	if (drafts) {
		struct task *v = xmalloc(L.n * sizeof(*v));
		size_t k = 0;
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < L.n; i++)
				if (L.t[i].draft == (pass == 1))
					v[k++] = L.t[i];
		memcpy(L.t, v, L.n * sizeof(*v));
		free(v);
		/* two texts saved as one NAME.json (a.txt and a.html): the
		 * first drafted, the second said */
		struct strmap targets = { 0 };
		char **tv = xmalloc(L.n * sizeof(*tv));
		size_t nt = 0;
		for (size_t i = 0; i < L.n; i++) {
			if (!L.t[i].draft || L.t[i].walk_err)
				continue;
			char *target = tv[nt++] = corpus_draft_path(L.t[i].path);
			size_t first;
			if (!strmap_put(&targets, target, strlen(target), i, &first))
				L.t[i].draft_clash = L.t[first].path;
		}
		strmap_clear(&targets);
		for (size_t i = 0; i < nt; i++)
			free(tv[i]);
		free(tv);
	}
	struct cache_writer *w = NULL;
	if (rewrite)
		w = cache_writer_begin(cfile, key);
	L.encode = w != NULL;
	/* the names of every entity: the table beside the cache, when it is
	 * the cache's and every file is fresh in it; else noted as the
	 * readouts come (not skimmed: their heads read), to save beside the
	 * cache the load leaves */
	struct names_index names = { 0 };
	bool noting = false;
	char *nfile = o && o->names && cfile ? cache_names_file(cfile) : NULL;
	if (nfile) {
		size_t len;
		void *b = drafts || rewrite || !op.opened ? NULL : cache_side_read(nfile, NAMES_MAX, &len);
		if (b && names_index_decode(&names, b, len, L.cache.sum)) {
			c->names_used = o->names(&names, o->arg);
			if (!c->names_used) /* (noted afresh below) */
				names_index_clear(&names);
		}
		free(b);
		noting = !drafts && !c->names_used && !L.skim;
		c->noting = noting ? &names : NULL;
	}
	/* a load for the names alone: what would look for keep is not run */
	struct corpus_opts names_only;
	if (noting && o->noting_only && o->noting_only(o->arg)) {
		names_only = *o;
		names_only.may_keep = NULL;
		names_only.may_have = NULL;
		names_only.text_may_hold = NULL;
		names_only.text_may_have = NULL;
		names_only.judge = NULL;
		o = L.o = &names_only;
		L.look = L.skim = L.skim_kept = false;
		c->words_judged_for = NULL;
		c->names_only = true;
	}

	size_t to_parse = 0, cached = 0;
	for (size_t i = 0; i < L.n; i++) {
		/* a large .jsonl: in blocks, here, in its turn (not on a
		 * worker, which would read it whole) */
		L.t[i].stream = streams(&L.t[i]);
		to_parse += !L.t[i].walk_err && L.t[i].cached < 0 && !L.t[i].stream;
		cached += !L.t[i].walk_err && L.t[i].cached >= 0;
	}
	/* a warm load: heaps grown a lot at a time (pad_heaps; not for a
	 * cold one, whose parsing hides the cost, and whose peak memory each
	 * thread's padded heap raised by a megabyte or two) */
	if (to_parse == 0 && cached > 0) {
		pad_heaps(true);
	} else if (to_parse > 0) {
		static pthread_once_t pinned = PTHREAD_ONCE_INIT;
		pad_heaps(false);
		pthread_once(&pinned, pin_trim);
	}
	/* entries of the cache: the calling thread decodes some too
	 * (wait_task); when there is nothing to parse, with a worker fewer
	 * and a wider window */
	L.help = cached > 1;
	bool help_only = L.help && to_parse == 0;
	int nt = help_only ? n_threads(o, cached) : to_parse > 1 ? n_threads(o, to_parse) : 1;
	size_t help_ahead = o && (o->keep || o->tally) ? HELP_AHEAD : HELP_AHEAD_KEPT;
	L.ahead = help_only ? help_ahead : TASKS_AHEAD;
	L.room = help_only ? help_ahead / 4 : 1;
	/* the processors the files leave: a large .jsonl is split among them */
	L.split = n_threads(o, SPLIT_MAX) / nt;
	pthread_t tid[8];
	int started = 0;
	struct strmap written = { 0 }; /* paths with a record in the new cache */
	int workers = nt < 2 ? 0 : help_only ? nt - 1 : nt;
	if (workers) {
		pthread_mutex_init(&L.mu, NULL);
		pthread_cond_init(&L.cv, NULL);
		for (; started < workers; started++)
			if (arena_thread_create(&tid[started], worker, &L) != 0)
				break;
	}
	bool stopped = false;
	for (size_t i = 0; i < L.n; i++) {
		struct task *t = &L.t[i];
		size_t dup;
		/* a path given twice has one record (one path given, walked,
		 * never lists a path twice: no map of them needed) */
		bool record = w && !t->walk_err && !t->draft
		              && (n < 2 || strmap_put(&written, t->path, strlen(t->path), i, &dup));
		L.w = record ? w : NULL; /* the records of a file read in segments */
		bool segs = false;
		if (!cancelled(cancel_of(&L))) {
			if (started)
				wait_task(&L, t);
			/* (read once no worker runs it: a bad record makes it -1) */
			segs = t->cached >= 0 && L.cache.files[t->cached].n_segs > 1;
			if (segs) {
				merge_segments(&L, t, (size_t)t->cached);
				t->streamed = true;
			} else if (t->stream) { /* (the workers leave it) */
				stream_file(&L, t);
				t->streamed = true;
			} else if (t->cached >= 0 || !started) {
				run_task(&L, t, false);
			}
		}
		/* a record found bad where the ids were taken from the cache:
		 * all again from the files, at once (below) */
		if (c->ids_known && __atomic_load_n(&L.bad_record, __ATOMIC_RELAXED))
			c->cache_failed = true;
		/* stopped before this file, or while it loaded: it is not merged
		 * (nor after what the cache gave was found bad: all is loaded
		 * again from the files) */
		if (cancelled(cancel_of(&L)) || c->cache_failed) {
			stopped = true;
			if (started) { /* the workers take no more tasks */
				pthread_mutex_lock(&L.mu);
				L.next = L.n;
				pthread_mutex_unlock(&L.mu);
			}
			break;
		}
		c->cache_hits += t->cached >= 0; /* still -1 when its record was bad */
		L.used_cache |= t->cached >= 0;
		if (record && !t->streamed) {
			if (t->cached >= 0) /* the record as it is, with its length */
				cache_writer_add(w, L.cache.files[t->cached].rec - 4, L.cache.files[t->cached].n + 4);
			else if (t->rec.n)
				cache_writer_add(w, t->rec.s, t->rec.n);
		}
		if (t->streamed) /* merged as it was read */
			;
		else if (t->walk_err) {
			struct stat st = stat_of(&t->st);
			io_error(c, t->path, t->walk_err, &st);
		} else
			merge(c, t->path, task_fl(t), o);
		if (t->cached >= 0 && !segs)
			cache_release(&L.cache, &L.cache.files[t->cached]);
		if (t->by_worker) { /* its worker frees it (not touched here again) */
			__atomic_store_n(&t->merged_out, true, __ATOMIC_SEQ_CST);
		} else {
			task_fl_free(t);
			sb_free(&t->rec);
		}
		if (o && o->files_done)
			__atomic_store_n(o->files_done, i + 1, __ATOMIC_RELEASE);
		if (started) {
			__atomic_store_n(&L.merged, i + 1, __ATOMIC_SEQ_CST);
			if ((i + 1) % L.room == 0 && __atomic_load_n(&L.idle, __ATOMIC_SEQ_CST)) {
				pthread_mutex_lock(&L.mu);
				pthread_cond_broadcast(&L.cv);
				pthread_mutex_unlock(&L.mu);
			}
		}
	}
	if (started) { /* however the loop ended, the workers take no more */
		pthread_mutex_lock(&L.mu);
		L.next = L.n;
		pthread_cond_broadcast(&L.cv);
		pthread_mutex_unlock(&L.mu);
	}
	strmap_clear(&written);
	sb_free(&L.rec);
	sb_free(&L.scratch);
	json_mem_release();
	/* a record found bad in a load whose ids the cache vouched for: its
	 * file was read instead, and its readouts' ids were not checked
	 * against those let go: all again from the files (corpus_load; the
	 * loop above stops at the first it sees, this catches one found
	 * after its last file) */
	if (c->ids_known && L.bad_record)
		c->cache_failed = true;
	if (c->cache_failed) {
		/* a body the cache gave was bad: it goes, and is not copied */
		stopped = true;
		if (cfile)
			unlink(cfile);
	} else if (L.bad_record && cfile && (!w || L.w_failed || stopped)) {
		unlink(cfile); /* found bad with no new one written: the next load writes one */
	}
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	for (size_t i = 0; i < L.n; i++) {
		free(L.t[i].path);
		task_fl_free(&L.t[i]); /* loaded but not merged: cancelled */
		sb_free(&L.t[i].rec);
	}
	if (started) {
		pthread_mutex_destroy(&L.mu);
		pthread_cond_destroy(&L.cv);
	}
	free(L.t);
	uint64_t sum = L.cache.sum;
	/* (not for a cache that is no more: one found bad and not rewritten) */
	bool sound = !stopped && !L.w_failed && (w || (op.opened && !rewrite && !L.bad_record));
	if (stopped || L.w_failed)
		cache_writer_abort(w);
	else if (w && cache_writer_commit(w, &sum, c->n_dups == 0))
		c->cache_written = true;
	else if (w)
		sound = false;
	c->noting = NULL;
	if (noting && sound) { /* (the names of what this load saw: the cache it leaves) */
		struct strbuf b = { 0 };
		names_index_encode(&names, sum, &b);
		c->names_saved = b.n <= NAMES_MAX && cache_side_save(nfile, b.s, b.n);
		sb_free(&b);
	}
	names_index_free(&names);
	free(nfile);
	dups_summed_up(c);
	cache_span_free(); /* (this thread's: it decoded entries too, wait_task) */
	if (L.cache.map && L.used_cache && !L.cache.stream) {
		/* readouts read from the cache point into its mapping */
		grow(&c->maps, &c->cap_maps, c->n_maps + 1, sizeof(*c->maps));
		c->maps[c->n_maps++] = (struct corpus_map){ L.cache.map, L.cache.len };
		cache_close(&L.cache, true);
	} else {
		cache_close(&L.cache, false);
	}
	free(cfile);
	free(key);
}

size_t corpus_n_positions(const struct corpus *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_readouts; i++)
		n += c->readouts[i].n_positions;
	return n;
}

size_t corpus_invalid(const struct corpus *c)
{
	return c->n_skipped >= c->n_lines_unread ? c->n_skipped - c->n_lines_unread : 0;
}

bool corpus_some_unread(const struct corpus *c)
{
	return c->n_io_errors || c->n_lines_unread;
}

/* A load that walked directories and found no file of readouts in them
 * (and was given none), maybe only plain readouts it does not read: said,
 * or the command would say nothing of it. */
bool corpus_found_none(const struct corpus *c)
{
	return c->dirs_walked && !c->n_files && !c->n_io_errors;
}

static void say_none_found(struct corpus *c)
{
	if (!corpus_found_none(c))
		return;
	/* (said whatever the command, not counted as an error) */
	if (c->plain_unread)
		diags_add(&c->diags, DIAG_IO,
		          "no readout (.json, .jsonl) in the directories given, only plain ones (.txt, .html): "
		          "'parley extract FILE...' drafts readouts of them");
	else
		diags_add(&c->diags, DIAG_IO, "no readout (.json, .jsonl) in the directories given");
}

void corpus_load(struct corpus *c, char *const *paths, size_t n, const struct corpus_opts *o)
{
	load(c, paths, n, o, true);
	if (!c->cache_failed) {
		say_none_found(c);
		return;
	}
	/* what was merged came partly from a cache found bad midway: all
	 * again from the files (the bad cache removed, a new one written),
	 * the keep hook's owner told to forget what it saw */
	corpus_free(c);
	corpus_init(c);
	if (o && o->restart)
		o->restart(o->arg);
	load(c, paths, n, o, false);
	say_none_found(c);
}

void corpus_add_path(struct corpus *c, const char *path)
{
	char *p = (char *)path;
	corpus_load(c, &p, 1, NULL);
}

void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n_readouts; i++)
		readout_free(&c->readouts[i]);
	free(c->readouts);
	for (size_t i = 0; i < c->n_files; i++)
		corpus_file_free(&c->files[i]);
	free(c->files);
	diags_free(&c->diags);
	strmap_clear(&c->ids);
	strmap_clear(&c->dup_dirs);
	free(c->dup);
	free(c->dropped);
	arena_free(&c->dropped_arena);
	for (size_t i = 0; i < c->n_maps; i++)
		munmap(c->maps[i].p, c->maps[i].n);
	free(c->maps);
	corpus_texts_free(c);
	memset(c, 0, sizeof(*c));
}
