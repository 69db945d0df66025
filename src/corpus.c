/* corpus.c - finding readout files and loading them into a corpus.
 *
 * Per file: read it whole; for JSON Lines split it into lines; for each
 * object check UTF-8, then JSON syntax (json_check, for exact line and
 * column), then build the tree with cJSON, then the readout with every rule
 * of the format (readout_json).  The tree is dropped at once: the corpus
 * keeps only the compact model.
 */
#include "corpus.h"
#include "arena.h"
#include "json_check.h"
#include "readout_json.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void corpus_init(struct corpus *c)
{
	memset(c, 0, sizeof(*c));
}

uint64_t corpus_hash(const char *buf, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)buf[i];
		h *= 1099511628211ULL;
	}
	return h;
}

bool path_is_jsonl(const char *path)
{
	size_t n = strlen(path);
	return n >= 6 && strcmp(path + n - 6, ".jsonl") == 0;
}

static bool has_readout_suffix(const char *name)
{
	size_t n = strlen(name);
	return (n >= 5 && strcmp(name + n - 5, ".json") == 0) || path_is_jsonl(name);
}

long corpus_find(const struct corpus *c, const char *id)
{
	size_t v;
	return strmap_get(&c->ids, id, strlen(id), &v) ? (long)v : -1;
}

static void add_readout(struct corpus *c, struct readout *r, struct corpus_file *f)
{
	size_t prev;
	if (c->cap_readouts == c->n_readouts) {
		/* the id map borrows ids from the readouts' arenas, which do not
		 * move when the array of readouts grows */
		grow(&c->readouts, &c->cap_readouts, c->n_readouts + 1, sizeof(*c->readouts));
	}
	if (!strmap_put(&c->ids, r->id, strlen(r->id), c->n_readouts, &prev)) {
		const struct readout *o = &c->readouts[prev];
		const struct corpus_file *of = &c->files[o->file];
		char other[48] = "", self[32] = "";
		if (of->jsonl)
			snprintf(other, sizeof(other), ", line %lu", o->line);
		if (f->jsonl)
			snprintf(self, sizeof(self), " (line %lu)", r->line);
		diags_add(&c->diags, DIAG_RULE, "%s: readout %s: id: already the id of a readout of %s%s%s",
		          f->path, r->id, of->path, other, self);
		readout_free(r);
		f->n_skipped++;
		c->n_skipped++;
		return;
	}
	c->readouts[c->n_readouts++] = *r;
	f->n_readouts++;
}

/* One JSON text: a whole .json file, or one line of a .jsonl file (then
 * line is its line number, else 0). */
static void load_object(struct corpus *c, uint32_t fi, const char *buf, size_t n,
                        unsigned long line, size_t base)
{
	struct corpus_file *f = &c->files[fi];
	unsigned long l, col;
	unsigned long l0 = line ? line : 1;

	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 && (line <= 1)) {
		diags_syntax(&c->diags, f->path, l0, 1,
		             "byte-order mark (U+FEFF) at the start: readouts are UTF-8 without a BOM");
		goto skip;
	}
	size_t bad = utf8_invalid_at(buf, n);
	if (bad < n) {
		utf8_linecol(buf, n, bad, &l, &col);
		diags_syntax(&c->diags, f->path, l0 + l - 1, col, "invalid UTF-8 (byte 0x%02X)",
		             (unsigned char)buf[bad]);
		goto skip;
	}
	struct json_check jc;
	if (!json_check(buf, n, &jc)) {
		utf8_linecol(buf, n, jc.err_at, &l, &col);
		diags_syntax(&c->diags, f->path, l0 + l - 1, col, "%s", jc.msg);
		goto skip;
	}
	if (jc.top != '{') {
		const char *what = jc.top == '[' ? "an array" : jc.top == '"' ? "a string"
		                 : jc.top == 't' || jc.top == 'f' ? "a boolean"
		                 : jc.top == 'n' ? "null" : "a number";
		utf8_linecol(buf, n, jc.top_at, &l, &col);
		diags_syntax(&c->diags, f->path, l0 + l - 1, col,
		             "not a readout: the top level is %s, expected an object", what);
		goto skip;
	}
	if (jc.nul_escape_at != (size_t)-1) {
		utf8_linecol(buf, n, jc.nul_escape_at, &l, &col);
		diags_syntax(&c->diags, f->path, l0 + l - 1, col,
		             "\\u0000 (NUL) in a string is not supported");
		goto skip;
	}
	cJSON *root = cJSON_ParseWithLength(buf, n);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t off = at && at >= buf && at <= buf + n ? (size_t)(at - buf) : 0;
		utf8_linecol(buf, n, off, &l, &col);
		diags_syntax(&c->diags, f->path, l0 + l - 1, col, "JSON could not be parsed");
		goto skip;
	}
	struct readout r;
	bool ok = readout_from_json(root, f->path, line, &r, &c->diags);
	cJSON_Delete(root);
	if (!ok)
		goto skip;
	r.file = fi;
	r.line = l0;
	r.offset = base;
	r.length = n;
	add_readout(c, &r, f);
	return;
skip:
	f->n_skipped++;
	c->n_skipped++;
}

static void load_jsonl(struct corpus *c, uint32_t fi, const char *buf, size_t n)
{
	size_t i = 0;
	unsigned long line = 1;
	while (i < n) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - buf) : n;
		bool blank = true;
		for (size_t k = i; k < end && blank; k++)
			blank = buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r';
		if (!blank)
			load_object(c, fi, buf + i, end - i, line, i);
		i = end + 1;
		line++;
	}
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

void corpus_add_buffer(struct corpus *c, const char *path, const char *buf, size_t n, bool jsonl)
{
	uint32_t fi = new_file(c, path, jsonl);
	c->files[fi].size = (off_t)n;
	c->files[fi].hash = corpus_hash(buf, n);
	if (jsonl)
		load_jsonl(c, fi, buf, n);
	else
		load_object(c, fi, buf, n, 0, 0);
}

static void io_error(struct corpus *c, const char *path, int e)
{
	diags_add(&c->diags, DIAG_IO, "%s: %s", path, strerror(e));
	c->n_io_errors++;
}

static void load_file(struct corpus *c, const char *path)
{
	bool jsonl = path_is_jsonl(path);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		io_error(c, path, errno);
		if (fd >= 0)
			close(fd);
		return;
	}
	size_t size = (size_t)st.st_size, len = 0;
	char *buf = xmalloc(size + 1);
	for (;;) {
		if (len == size) {
			/* the file may have grown since fstat */
			size = size * 2 + 4096;
			buf = xrealloc(buf, size + 1);
		}
		ssize_t k = read(fd, buf + len, size - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			close(fd);
			free(buf);
			uint32_t fi = new_file(c, path, jsonl);
			c->files[fi].io_error = true;
			io_error(c, path, e);
			return;
		}
		if (k == 0)
			break;
		len += (size_t)k;
	}
	close(fd);
	buf[len] = '\0';
	uint32_t fi = new_file(c, path, jsonl);
	c->files[fi].size = st.st_size;
	c->files[fi].mtime = st.st_mtim;
	c->files[fi].hash = corpus_hash(buf, len);
	if (jsonl)
		load_jsonl(c, fi, buf, len);
	else
		load_object(c, fi, buf, len, 0, 0);
	free(buf);
}

struct pathlist {
	char **v;
	size_t n, cap;
};

struct dirid {
	dev_t dev;
	ino_t ino;
};

struct walk {
	struct corpus *c;
	struct pathlist files;
	struct dirid *seen;
	size_t n_seen, cap_seen;
};

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '/')
		return xasprintf("/%s", name);
	return xasprintf("%.*s/%s", (int)n, dir, name);
}

static void walk_dir(struct walk *w, const char *dir, const struct stat *dst)
{
	for (size_t i = 0; i < w->n_seen; i++)
		if (w->seen[i].dev == dst->st_dev && w->seen[i].ino == dst->st_ino)
			return; /* a symbolic link loop */
	grow(&w->seen, &w->cap_seen, w->n_seen + 1, sizeof(*w->seen));
	w->seen[w->n_seen++] = (struct dirid){ dst->st_dev, dst->st_ino };

	DIR *d = opendir(dir);
	if (!d) {
		io_error(w->c, dir, errno);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* hidden, and . and .. */
		char *p = join(dir, e->d_name);
		struct stat st;
		if (stat(p, &st) != 0) {
			/* a dangling link is not an error unless it looks like a readout */
			if (has_readout_suffix(e->d_name))
				io_error(w->c, p, errno);
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk_dir(w, p, &st);
			free(p);
		} else if (S_ISREG(st.st_mode) && has_readout_suffix(e->d_name)) {
			grow(&w->files.v, &w->files.cap, w->files.n + 1, sizeof(char *));
			w->files.v[w->files.n++] = p;
		} else {
			free(p);
		}
	}
	closedir(d);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void corpus_add_path(struct corpus *c, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		io_error(c, path, errno);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		load_file(c, path);
		return;
	}
	struct walk w = { .c = c };
	walk_dir(&w, path, &st);
	qsort(w.files.v, w.files.n, sizeof(char *), cmp_path);
	for (size_t i = 0; i < w.files.n; i++) {
		load_file(c, w.files.v[i]);
		free(w.files.v[i]);
	}
	free(w.files.v);
	free(w.seen);
}

void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n_readouts; i++)
		readout_free(&c->readouts[i]);
	free(c->readouts);
	for (size_t i = 0; i < c->n_files; i++)
		free(c->files[i].path);
	free(c->files);
	diags_free(&c->diags);
	strmap_clear(&c->ids);
	memset(c, 0, sizeof(*c));
}
