/* texts.c - readout texts read back from their files on demand. */
#include "texts.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "fileio.h"
#include "hash.h"
#include "json_check.h"
#include "threads.h"

struct text_slot {
	size_t ri;
	char *text;           /* NULL: a free slot */
	unsigned long used;   /* tick of the last use */
};

struct texts {
	struct text_slot slot[TEXTS_KEPT];
	unsigned long tick;
	char err[512];
	/* readouts whose text could not be read back, until forgotten: 0 not
	 * known to fail, -1 changed on disk, else errno + 1 */
	int *failed;
	size_t cap_failed;
};

struct texts *texts_new(void)
{
	return xcalloc(1, sizeof(struct texts));
}

void readout_let_text_go(struct readout *r)
{
	if (!r->text_buf)
		return;
	free(r->text_buf);
	r->text_buf = NULL;
	r->text = NULL;
}

/* Why readout r's text cannot be read back (code as in texts.failed). */
static void say_why(struct texts *t, const struct corpus *c, const struct readout *r, int code)
{
	const char *path = c->files[r->file].path;
	if (code < 0)
		snprintf(t->err, sizeof(t->err), "%s: changed on disk since it was loaded", path);
	else
		snprintf(t->err, sizeof(t->err), "%s: %s", path, file_strerror(code - 1));
}

/* Whether s (n bytes) is the text that was loaded: its length and hash. */
static bool is_its_text(const struct readout *r, const char *s, size_t n)
{
	return n == r->text_bytes && hash64(s, n) == r->text_hash;
}

/* Reads the readout's text from its file again: its JSON string alone when
 * the loader saw where it is (a JSON string is a JSON text), else the whole
 * object.  NULL, and *code (as in texts.failed), when the file does not
 * hold it any more: what is read must have the text's length and hash. */
static char *read_back_fd(const struct readout *r, int fd, const struct stat *st_, int *code);

static char *read_back(const struct corpus *c, const struct readout *r, int *code)
{
	const struct corpus_file *f = &c->files[r->file];
	struct stat st;
	int err;
	/* a named pipe put there never hangs; a .jsonl's limit is on its lines
	 * (this reads one readout's, as loaded) */
	int fd = f->jsonl ? file_open_parts(f->path, &st, &err) : file_open(f->path, &st, &err);
	if (fd < 0) {
		*code = err + 1;
		return NULL;
	}
	char *text = read_back_fd(r, fd, &st, code);
	close(fd);
	return text;
}

/* Reads bytes [off, off + len) of fd into buf; false unless all were read. */
static bool read_all(int fd, char *buf, size_t off, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t k = pread(fd, buf + got, len - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		got += (size_t)k;
	}
	return true;
}

/* The same from the readout's file open as fd (st its stat), left open. */
static char *read_back_fd(const struct readout *r, int fd, const struct stat *st_, int *code)
{
	const struct stat st = *st_;
	bool whole = !r->text_json || (size_t)r->text_at + r->text_json > r->length;
	size_t off = r->offset + (whole ? 0 : r->text_at), len = whole ? r->length : r->text_json;
	*code = -1;
	if (st.st_size < 0 || off > (size_t)st.st_size || len > (size_t)st.st_size - off) {
		return NULL;
	}
	/* a text that does not fit in memory is not shown, and parley goes on */
	char *buf = malloc(len + 1);
	if (!buf) {
		*code = ENOMEM + 1;
		return NULL;
	}
	bool all = read_all(fd, buf, off, len);
	buf[all ? len : 0] = '\0';
	char *text = NULL;
	if (!whole && all) {
		/* the usual case, without cJSON (which is still asked when this
		 * decoder refuses the string, or disagrees with the hash) */
		size_t tn;
		text = malloc(len + 1);
		if (!text) {
			free(buf);
			*code = ENOMEM + 1;
			return NULL;
		}
		if (json_string_decode(buf, len, text, &tn) && is_its_text(r, text, tn)) {
			free(buf);
			return text;
		}
		free(text);
		text = NULL;
	}
	cJSON *root = all ? cJSON_ParseWithLength(buf, len) : NULL;
	free(buf);
	const cJSON *tv = whole ? cJSON_GetObjectItemCaseSensitive(root, "text") : root;
	if (cJSON_IsString(tv) && is_its_text(r, tv->valuestring, strlen(tv->valuestring)))
		text = xstrndup(tv->valuestring, r->text_bytes);
	cJSON_Delete(root);
	return text;
}

const char *corpus_text(const struct corpus *c, size_t ri)
{
	const struct readout *r = &c->readouts[ri];
	if (r->text)
		return r->text;
	if (!r->text_bytes)
		return "";
	struct texts *t = c->texts;
	struct text_slot *old = &t->slot[0];
	for (size_t i = 0; i < TEXTS_KEPT; i++) {
		struct text_slot *s = &t->slot[i];
		if (s->text && s->ri == ri) {
			s->used = ++t->tick;
			return s->text;
		}
		if (!s->text ? old->text != NULL : old->text && s->used < old->used)
			old = s;
	}
	if (ri < t->cap_failed && t->failed[ri]) {
		say_why(t, c, r, t->failed[ri]);
		return NULL;
	}
	int code;
	char *text = read_back(c, r, &code);
	if (!text) {
		/* remembered: a screen asks again at every redraw */
		if (ri >= t->cap_failed) {
			size_t cap = ri + 1 > 2 * t->cap_failed ? ri + 1 : 2 * t->cap_failed;
			t->failed = xrealloc(t->failed, cap * sizeof(int));
			memset(t->failed + t->cap_failed, 0, (cap - t->cap_failed) * sizeof(int));
			t->cap_failed = cap;
		}
		if (code != ENOMEM + 1) /* memory may be there next time */
			t->failed[ri] = code;
		say_why(t, c, r, code);
		return NULL;
	}
	free(old->text);
	*old = (struct text_slot){ ri, text, ++t->tick };
	return text;
}

/* tr's file: that of readout r, opened unless it is open already; false
 * when it cannot be. */
static bool reader_file(const struct corpus *c, const struct readout *r, struct text_reader *tr)
{
	if (tr->fd >= 0 && tr->file == r->file)
		return true;
	if (tr->fd >= 0)
		close(tr->fd);
	int code;
	const struct corpus_file *f = &c->files[r->file];
	tr->file = r->file;
	/* looked up from its directory, kept open: a corpus's files are in
	 * order of path, many of one directory one after the other */
	const char *slash = strrchr(f->path, '/');
	if (slash && slash[1]) {
		size_t dn = slash == f->path ? 1 : (size_t)(slash - f->path);
		if (!tr->dir || strlen(tr->dir) != dn || memcmp(tr->dir, f->path, dn) != 0) {
			if (tr->dir)
				close(tr->dirfd);
			free(tr->dir);
			tr->dir = xstrndup(f->path, dn);
			tr->dirfd = open(tr->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (tr->dirfd < 0) {
				free(tr->dir);
				tr->dir = NULL;
			}
		}
		if (tr->dir) {
			/* (a .jsonl's limit is on its lines, as in read_back) */
			tr->fd = file_open_at(tr->dirfd, slash + 1, f->jsonl, &tr->st, &code);
			return tr->fd >= 0;
		}
	}
	tr->fd = f->jsonl ? file_open_parts(f->path, &tr->st, &code) : file_open(f->path, &tr->st, &code);
	return tr->fd >= 0;
}

const char *corpus_text_any_thread(const struct corpus *c, size_t ri, char **owned, struct text_reader *tr)
{
	const struct readout *r = &c->readouts[ri];
	*owned = NULL;
	if (r->text)
		return r->text;
	if (!r->text_bytes)
		return "";
	int code;
	if (!reader_file(c, r, tr))
		return NULL;
	return *owned = read_back_fd(r, tr->fd, &tr->st, &code);
}

/* Where readout r's text's JSON string is in its file: its offset and
 * length; false when the loader did not see where (its whole object is
 * then read alone). */
static bool string_where(const struct readout *r, size_t *off, size_t *len)
{
	if (!r->text_json || (size_t)r->text_at + r->text_json > r->length || r->text_json < 2)
		return false;
	*off = r->offset + r->text_at;
	*len = r->text_json;
	return true;
}


/* Strings further apart than this in one file are read apart (what lies
 * between them is read for nothing), and one read holds at most about
 * BATCH_MAX bytes (more when one string is longer). */
#define BATCH_GAP ((size_t)64 << 10)
#define BATCH_MAX ((size_t)8 << 20)

/* The readouts from ri (whose string is at [off, end) of its file) up to
 * hi whose strings are read in one pread: the next ri, and the run's end
 * in *stop.  Texts held, or empty, are passed over. */
static size_t run_end(const struct corpus *c, size_t ri, size_t hi, const unsigned char *want, size_t off,
                      size_t end, size_t *stop)
{
	uint32_t file = c->readouts[ri].file;
	size_t rj = ri + 1;
	for (; rj < hi; rj++) {
		const struct readout *q = &c->readouts[rj];
		size_t qo, ql;
		if (q->text || !q->text_bytes || (want && !want[rj]))
			continue;
		if (q->file != file || !string_where(q, &qo, &ql) || qo < end || qo - end > BATCH_GAP
		    || qo + ql - off > BATCH_MAX)
			break;
		end = qo + ql;
	}
	*stop = end;
	return rj;
}

/* Readout ri's text read alone (corpus_text_any_thread), kept in tr until
 * its next batch. */
static const char *read_alone(const struct corpus *c, size_t ri, struct text_reader *tr)
{
	char *own;
	const char *t = corpus_text_any_thread(c, ri, &own, tr);
	if (own) {
		grow(&tr->own, &tr->cap_own, tr->n_own + 1, sizeof(*tr->own));
		tr->own[tr->n_own++] = own;
	}
	return t;
}

/* corpus_texts_read, of the readouts that want marks (NULL: all); the
 * others' texts are NULL and not read. */
static void texts_read(const struct corpus *c, size_t lo, size_t hi, const unsigned char *want, const char **text,
                       struct text_reader *tr)
{
	for (size_t i = 0; i < tr->n_own; i++)
		free(tr->own[i]);
	tr->n_own = 0;
	/* first where each read goes in the buffer (the texts of one call
	 * all stay there), then the reads */
	size_t total = 0;
	for (size_t ri = lo; ri < hi;) {
		const struct readout *r = &c->readouts[ri];
		size_t off, len, end;
		if (r->text || !r->text_bytes || (want && !want[ri]) || !string_where(r, &off, &len)) {
			ri++;
			continue;
		}
		size_t rj = run_end(c, ri, hi, want, off, off + len, &end);
		total += end - off + 1;
		ri = rj;
	}
	if (total > tr->cap) {
		free(tr->buf);
		tr->buf = malloc(total); /* none: each is read alone below */
		tr->cap = tr->buf ? total : 0;
	}
	size_t at = 0;
	for (size_t ri = lo; ri < hi;) {
		const struct readout *r = &c->readouts[ri];
		size_t off, len;
		text[ri - lo] = NULL;
		if (want && !want[ri]) {
			ri++;
			continue;
		}
		if (r->text || !r->text_bytes) {
			text[ri - lo] = r->text ? r->text : "";
			ri++;
			continue;
		}
		if (!string_where(r, &off, &len) || !tr->buf) {
			text[ri - lo] = read_alone(c, ri, tr);
			ri++;
			continue;
		}
		/* the run read at once: as the sizing above found it */
		size_t end, rj = run_end(c, ri, hi, want, off, off + len, &end);
		char *b = tr->buf + at;
		at += end - off + 1;
		bool got = reader_file(c, r, tr) && tr->st.st_size >= 0 && end <= (size_t)tr->st.st_size
		           && read_all(tr->fd, b, off, end - off);
		for (size_t rk = ri; rk < rj; rk++) {
			const struct readout *q = &c->readouts[rk];
			size_t qo = off, ql = 2, tn = 0;
			text[rk - lo] = NULL;
			if (want && !want[rk])
				continue;
			if (q->text || !q->text_bytes) {
				text[rk - lo] = q->text ? q->text : "";
				continue;
			}
			string_where(q, &qo, &ql);
			char *s = b + (qo - off), *t = NULL;
			if (got && s[0] == '"' && s[ql - 1] == '"') {
				/* in place: a string without escapes is the text as it
				 * is; what it gives is the text if it has its hash */
				if (json_string_unescape(s, ql, s + 1, &tn))
					t = s + 1;
			}
			if (t && is_its_text(q, t, tn)) {
				t[tn] = '\0';
				text[rk - lo] = t;
				continue;
			}
			/* read alone, as corpus_text_any_thread does (cJSON may
			 * take what the decoder refused) */
			text[rk - lo] = read_alone(c, rk, tr);
		}
		ri = rj;
	}
}

void corpus_texts_read(const struct corpus *c, size_t lo, size_t hi, const char **text, struct text_reader *tr)
{
	texts_read(c, lo, hi, NULL, text, tr);
}

/* --- the texts of many readouts, on every processor --------------------- */
#define EACH_CHUNK 256 /* readouts a thread takes at once */
#define EACH_BATCH 32  /* readouts whose texts are read back at once */

struct each_pool {
	const struct corpus *c;
	const unsigned char *want;
	void (*fn)(void *arg, size_t ri, const char *text);
	void *arg;
	atomic_size_t next;        /* the next chunk to take */
	size_t n_chunks;
};

static void *each_worker(void *arg)
{
	struct each_pool *P = arg;
	const struct corpus *c = P->c;
	struct text_reader tr = { .fd = -1 };
	for (size_t k; (k = atomic_fetch_add(&P->next, 1)) < P->n_chunks;) {
		size_t lo = k * EACH_CHUNK, hi = lo + EACH_CHUNK < c->n_readouts ? lo + EACH_CHUNK : c->n_readouts;
		for (size_t b = lo; b < hi; b += EACH_BATCH) {
			size_t bhi = b + EACH_BATCH < hi ? b + EACH_BATCH : hi;
			bool any = false;
			for (size_t ri = b; ri < bhi && !any; ri++)
				any = P->want[ri];
			if (!any)
				continue;
			const char *text[EACH_BATCH];
			texts_read(c, b, bhi, P->want, text, &tr);
			for (size_t ri = b; ri < bhi; ri++)
				if (P->want[ri])
					P->fn(P->arg, ri, text[ri - b]);
		}
	}
	text_reader_close(&tr);
	return NULL;
}

void corpus_texts_each(const struct corpus *c, const unsigned char *want,
                       void (*fn)(void *arg, size_t ri, const char *text), void *arg)
{
	struct each_pool P = { .c = c, .want = want, .fn = fn, .arg = arg,
	                       .n_chunks = (c->n_readouts + EACH_CHUNK - 1) / EACH_CHUNK };
	atomic_init(&P.next, 0);
	int threads = threads_for(0, P.n_chunks), started = 0;
	pthread_t tid[8];
	while (threads > 1 && started < threads && pthread_create(&tid[started], NULL, each_worker, &P) == 0)
		started++;
	if (!started) /* one processor, or no thread could start: here */
		each_worker(&P);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
}

void text_reader_close(struct text_reader *tr)
{
	if (tr->fd >= 0)
		close(tr->fd);
	tr->fd = -1;
	if (tr->dir)
		close(tr->dirfd);
	free(tr->dir);
	tr->dir = NULL;
	for (size_t i = 0; i < tr->n_own; i++)
		free(tr->own[i]);
	free(tr->own);
	free(tr->buf);
	tr->own = NULL;
	tr->buf = NULL;
	tr->n_own = tr->cap_own = tr->cap = 0;
}

const char *corpus_text_error(const struct corpus *c)
{
	return c->texts && c->texts->err[0] ? c->texts->err : "text not available";
}

void corpus_texts_forget(const struct corpus *c)
{
	if (!c->texts)
		return;
	for (size_t i = 0; i < TEXTS_KEPT; i++) {
		free(c->texts->slot[i].text);
		c->texts->slot[i].text = NULL;
	}
	free(c->texts->failed);
	c->texts->failed = NULL;
	c->texts->cap_failed = 0;
}

void corpus_texts_free(struct corpus *c)
{
	corpus_texts_forget(c);
	free(c->texts);
	c->texts = NULL;
}
