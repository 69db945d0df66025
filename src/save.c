/* save.c - merging edits into the JSON and writing files safely (see
 * save.h). */
#include "save.h"
#include "arena.h"
#include "jsonw.h"
#include "lines.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void saver_init(struct saver *s, struct corpus *c)
{
	memset(s, 0, sizeof(*s));
	s->c = c;
	s->n = c->n_readouts;
	s->orig = xcalloc(s->n + 1, sizeof(char *));
	s->n_files = c->n_files;
	s->conflict = xcalloc(s->n_files + 1, sizeof(bool));
}

void saver_free(struct saver *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->orig[i]);
	free(s->orig);
	free(s->conflict);
	memset(s, 0, sizeof(*s));
}

/* Whether buf (n bytes read from file f) is what was loaded from it. */
static bool as_loaded(const struct corpus_file *f, const char *buf, size_t n)
{
	return (off_t)n == f->size && corpus_hash(buf, n) == f->hash;
}

/* The file's bytes as they stand: on disk, or a draft's in memory (NULL
 * with *appeared when a file of its name has appeared on disk since: never
 * written over). */
static char *bytes_of(const struct corpus_file *f, size_t *n, bool *appeared)
{
	*appeared = false;
	if (!f->draft_json)
		return read_file(f->path, n);
	struct stat st;
	if (lstat(f->path, &st) == 0 || errno != ENOENT) {
		*appeared = true;
		errno = EEXIST;
		return NULL;
	}
	*n = f->draft_len;
	return xstrndup(f->draft_json, f->draft_len);
}

bool save_snapshot(struct saver *s, size_t ri, struct diags *d)
{
	if (ri >= s->n || s->orig[ri])
		return ri < s->n;
	const struct readout *r = &s->c->readouts[ri];
	struct corpus_file *f = &s->c->files[r->file];
	size_t n;
	bool appeared;
	char *buf = bytes_of(f, &n, &appeared);
	if (appeared) {
		s->conflict[r->file] = true;
		diags_add(d, DIAG_IO, "%s: made on disk since this draft of %s was: reload it before editing", f->path,
		          f->draft_of);
		return false;
	}
	if (!buf) {
		diags_add(d, DIAG_IO, "%s: %s", f->path, strerror(errno));
		return false;
	}
	if (!as_loaded(f, buf, n) || r->offset + r->length > n) {
		s->conflict[r->file] = true;
		diags_add(d, DIAG_IO, "%s: changed on disk since it was loaded: reload it before editing", f->path);
		free(buf);
		return false;
	}
	s->orig[ri] = xstrndup(buf + r->offset, r->length);
	free(buf);
	return true;
}

size_t save_find_changed(struct saver *s)
{
	size_t n_conflicts = 0;
	for (uint32_t fi = 0; fi < s->n_files; fi++) {
		struct corpus_file *f = &s->c->files[fi];
		struct stat st;
		if (!s->conflict[fi] && f->draft_json) {
			/* a draft: a file of its name has appeared */
			s->conflict[fi] = lstat(f->path, &st) == 0;
		} else if (!s->conflict[fi]) {
			if (stat(f->path, &st) != 0)
				s->conflict[fi] = true;
			else if (st.st_size != f->size || st.st_mtim.tv_sec != f->mtime.tv_sec ||
			         st.st_mtim.tv_nsec != f->mtime.tv_nsec) {
				/* touched is not changed: the bytes decide (and a file
				 * only touched is not read again next time) */
				size_t n;
				char *buf = read_file(f->path, &n);
				s->conflict[fi] = !buf || !as_loaded(f, buf, n);
				if (!s->conflict[fi])
					f->mtime = st.st_mtim;
				free(buf);
			}
		}
		n_conflicts += s->conflict[fi];
	}
	return n_conflicts;
}

/* --- merging the model into the JSON --------------------------------------- */

static void set_item(cJSON *obj, const char *key, cJSON *v)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
	else
		cJSON_AddItemToObject(obj, key, v);
}

static void set_str(cJSON *obj, const char *key, const char *val)
{
	cJSON *cur = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!val) {
		if (cur)
			cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
		return;
	}
	if (cJSON_IsString(cur) && strcmp(cur->valuestring, val) == 0)
		return;
	set_item(obj, key, cJSON_CreateString(val));
}

static void set_int(cJSON *obj, const char *key, size_t v)
{
	cJSON *cur = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsNumber(cur) && cur->valuedouble == (double)v)
		return;
	set_item(obj, key, cJSON_CreateNumber((double)v));
}

static void set_ids(cJSON *obj, const char *key, const struct entity *ents, const uint32_t *ids, size_t n)
{
	cJSON *cur = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!n && !cur)
		return;
	bool same = cJSON_IsArray(cur) && (size_t)cJSON_GetArraySize(cur) == n;
	size_t i = 0;
	for (cJSON *x = same ? cur->child : NULL; x && same; x = x->next, i++)
		same = cJSON_IsString(x) && strcmp(x->valuestring, ents[ids[i]].id) == 0;
	if (same)
		return;
	cJSON *arr = cJSON_CreateArray();
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(ents[ids[i]].id));
	set_item(obj, key, arr);
}

static void merge_position(const struct readout *r, const struct position *p, cJSON *o)
{
	set_str(o, "id", p->id);
	set_str(o, "speaker", RO_SPEAKERS(r)[p->speaker].id);
	set_int(o, "start", p->span.start);
	set_int(o, "end", p->span.end);
	set_str(o, "summary", p->summary);
	set_str(o, "stance", p->stance_text);
	set_ids(o, "topics", RO_TOPICS(r), p->topics, p->n_topics);
	set_ids(o, "agreements", RO_AGREEMENTS(r), p->agreements, p->n_agreements);
	/* pending is the default: an absent review stays absent */
	if (p->review != REVIEW_PENDING || cJSON_GetObjectItemCaseSensitive(o, "review"))
		set_str(o, "review", review_names[p->review]);
	set_str(o, "note", p->note);
	set_str(o, "by", p->by);
}

static cJSON *find_position(cJSON *arr, const char *id)
{
	for (cJSON *x = arr ? arr->child : NULL; x; x = x->next) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(x, "id");
		if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
			return x;
	}
	return NULL;
}

static const char *const ent_keys[ENT_KINDS] = { "speakers", "topics", "agreements" };

/* Are two trees the same, members in the same order?  (cJSON_Compare
 * looks each member up by its key, so an object with a key twice - which
 * a value the format does not name may have - never equals itself; the
 * merge keeps the order of keys, so order counts.) */
static bool same_json(const cJSON *a, const cJSON *b)
{
	if ((a->type & 0xFF) != (b->type & 0xFF))
		return false;
	if ((a->string == NULL) != (b->string == NULL) || (a->string && strcmp(a->string, b->string) != 0))
		return false;
	if (cJSON_IsNumber(a))
		return a->valuedouble == b->valuedouble;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	const cJSON *x = a->child, *y = b->child;
	for (; x && y; x = x->next, y = y->next)
		if (!same_json(x, y))
			return false;
	return !x && !y;
}

cJSON *save_merge(const struct saver *s, size_t ri, bool *changed)
{
	if (ri >= s->n || !s->orig[ri])
		return NULL;
	const struct readout *r = &s->c->readouts[ri];
	cJSON *orig = cJSON_Parse(s->orig[ri]);
	if (!orig)
		return NULL;
	cJSON *m = cJSON_Duplicate(orig, true);

	/* entities: edits only add to the end */
	for (int k = 0; k < ENT_KINDS; k++) {
		cJSON *arr = cJSON_GetObjectItemCaseSensitive(m, ent_keys[k]);
		size_t have = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
		if (r->n_ents[k] <= have)
			continue;
		if (!cJSON_IsArray(arr)) {
			arr = cJSON_CreateArray();
			set_item(m, ent_keys[k], arr);
		}
		for (size_t i = have; i < r->n_ents[k]; i++) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "id", r->ents[k][i].id);
			cJSON_AddStringToObject(e, "label", r->ents[k][i].label);
			cJSON_AddItemToArray(arr, e);
		}
	}

	/* positions in the model's order, each from its original object */
	cJSON *old = cJSON_GetObjectItemCaseSensitive(orig, "positions");
	if (r->n_positions || old) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; i < r->n_positions; i++) {
			const struct position *p = &r->positions[i];
			cJSON *o = find_position(old, p->id);
			o = o ? cJSON_Duplicate(o, true) : cJSON_CreateObject();
			merge_position(r, p, o);
			cJSON_AddItemToArray(arr, o);
		}
		set_item(m, "positions", arr);
	}
	*changed = !same_json(orig, m);
	cJSON_Delete(orig);
	return m;
}

/* --- writing files ---------------------------------------------------------- */

static bool fsync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

bool write_atomic(const char *path, const char *data, size_t n, int mode, char *err, size_t errsize)
{
	return write_atomic_as(path, data, n, mode, true, err, errsize);
}

bool write_atomic_as(const char *path, const char *data, size_t n, int mode, bool durable, char *err, size_t errsize)
{
	char *copy = xstrdup(path), *copy2 = xstrdup(path);
	char *tmp = xasprintf("%s/.%s.parley-XXXXXX", dirname(copy), basename(copy2));
	free(copy);
	free(copy2);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot create a temporary file beside it: %s", strerror(errno));
		free(tmp);
		return false;
	}
	struct stat st;
	if (stat(path, &st) == 0)
		mode = (int)(st.st_mode & 07777);
	size_t done = 0;
	bool ok = true;
	while (done < n) {
		ssize_t k = write(fd, data + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			ok = false;
			break;
		}
		done += (size_t)k;
	}
	if (ok)
		ok = fchmod(fd, (mode_t)mode) == 0 && (!durable || fsync(fd) == 0);
	if (close(fd) != 0)
		ok = false;
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok) {
		snprintf(err, errsize, "%s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return false;
	}
	free(tmp);
	if (durable)
		fsync_dir(path);
	return true;
}

bool write_new(const char *path, const char *data, size_t n, int mode, char *err, size_t errsize)
{
	char *copy = xstrdup(path), *copy2 = xstrdup(path);
	char *tmp = xasprintf("%s/.%s.parley-XXXXXX", dirname(copy), basename(copy2));
	free(copy);
	free(copy2);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot create a temporary file beside it: %s", strerror(errno));
		free(tmp);
		return false;
	}
	size_t done = 0;
	bool ok = true;
	while (done < n && ok) {
		ssize_t k = write(fd, data + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		ok = k >= 0;
		if (ok)
			done += (size_t)k;
	}
	ok = ok && fchmod(fd, (mode_t)mode) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	/* link fails when the name exists: never over another file */
	if (ok && link(tmp, path) != 0) {
		ok = false;
		if (errno == EEXIST) {
			snprintf(err, errsize, "a file of that name was made meanwhile: not overwritten");
			unlink(tmp);
			free(tmp);
			return false;
		}
	}
	if (!ok)
		snprintf(err, errsize, "%s", strerror(errno));
	unlink(tmp);
	free(tmp);
	if (ok)
		fsync_dir(path);
	return ok;
}

/* An advisory lock on the file's directory while it is being saved, so two
 * parleys cannot interleave their check and their write. */
static int lock_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -1;
	for (int i = 0; i < 100; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	close(fd);
	return -1;
}

/* Under the lock no other save is running in the directory: temporary
 * files of this file left by a save that was killed can go. */
static void remove_leftovers(const char *path)
{
	char *copy = xstrdup(path), *copy2 = xstrdup(path);
	char *dir = dirname(copy), *base = basename(copy2);
	char *prefix = xasprintf(".%s.parley-", base);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && strlen(e->d_name) == strlen(prefix) + 6) {
			char *p = xasprintf("%s/%s", dir, e->d_name);
			unlink(p);
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(prefix);
	free(copy);
	free(copy2);
}

static void unlock_dir(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}

bool save_pending(const struct saver *s)
{
	for (size_t ri = 0; ri < s->n; ri++) {
		bool changed = false;
		cJSON *m = save_merge(s, ri, &changed);
		cJSON_Delete(m);
		if (changed)
			return true;
	}
	return false;
}

/* The readouts of file fi in the order of their lines, so that a file is
 * walked once (a corpus can have 100k readouts). */
struct at_line {
	unsigned long line;
	size_t ri;
};

static int by_line(const void *x, const void *y)
{
	const struct at_line *a = x, *b = y;
	return a->line < b->line ? -1 : a->line > b->line ? 1 : a->ri < b->ri ? -1 : a->ri > b->ri;
}

static size_t readouts_of(const struct saver *s, uint32_t fi, struct at_line **v)
{
	size_t n = 0, cap = 0;
	*v = NULL;
	bool sorted = true;
	for (size_t ri = 0; ri < s->n; ri++) {
		const struct readout *r = &s->c->readouts[ri];
		if (r->file != fi)
			continue;
		grow(v, &cap, n + 1, sizeof(**v));
		(*v)[n] = (struct at_line){ r->line, ri };
		sorted = sorted && (!n || (*v)[n - 1].line <= r->line);
		n++;
	}
	if (!sorted)
		qsort(*v, n, sizeof(**v), by_line);
	return n;
}

/* The new content of file fi, or NULL when no readout of it changed. */
static char *file_content(struct saver *s, uint32_t fi, const char *disk, size_t n, size_t *out_n,
                          size_t *n_readouts)
{
	const struct corpus_file *f = &s->c->files[fi];
	struct strbuf b = { 0 };
	bool any = false;
	*n_readouts = 0;
	if (!f->jsonl) {
		for (size_t ri = 0; ri < s->n; ri++) {
			if (s->c->readouts[ri].file != fi)
				continue;
			bool changed = false;
			cJSON *m = save_merge(s, ri, &changed);
			if (m && changed) {
				jsonw_write(&b, m, true);
				any = true;
				(*n_readouts)++;
			}
			cJSON_Delete(m);
		}
	} else {
		struct at_line *v;
		size_t nv = readouts_of(s, fi, &v), k = 0;
		struct lines it = lines_of(disk, n);
		while (lines_next(&it)) {
			bool replaced = false;
			for (; k < nv && v[k].line <= it.no; k++) {
				if (v[k].line != it.no)
					continue;
				bool changed = false;
				cJSON *m = save_merge(s, v[k].ri, &changed);
				if (m && changed) {
					jsonw_write(&b, m, false);
					replaced = any = true;
					(*n_readouts)++;
				}
				cJSON_Delete(m);
			}
			if (!replaced)
				sb_add(&b, disk + it.start, it.end - it.start);
			if (it.nl)
				sb_add(&b, "\n", 1);
		}
		free(v);
	}
	if (!any) {
		sb_free(&b);
		return NULL;
	}
	*out_n = b.n;
	return b.s;
}

/* Readout ri is now at [offset, offset + length) of the file just written
 * (data); its snapshot becomes the saved text. */
static void placed(struct saver *s, size_t ri, const char *data, size_t offset, size_t length)
{
	struct readout *r = &s->c->readouts[ri];
	r->offset = offset;
	r->length = length;
	r->text_at = r->text_json = 0; /* a text read back now parses the object */
	if (s->orig[ri]) {
		free(s->orig[ri]);
		s->orig[ri] = xstrndup(data + offset, length);
	}
}

/* After a write: the file's new identity, and where its readouts now are. */
static void after_write(struct saver *s, uint32_t fi, const char *data, size_t n)
{
	struct corpus_file *f = &s->c->files[fi];
	struct stat st;
	if (stat(f->path, &st) == 0) {
		f->size = st.st_size;
		f->mtime = st.st_mtim;
	}
	f->hash = corpus_hash(data, n);
	struct at_line *v;
	size_t nv = readouts_of(s, fi, &v), k = 0;
	if (!f->jsonl) {
		for (; k < nv; k++)
			placed(s, v[k].ri, data, 0, n);
	} else {
		struct lines it = lines_of(data, n);
		while (lines_next(&it))
			for (; k < nv && v[k].line <= it.no; k++)
				if (v[k].line == it.no)
					placed(s, v[k].ri, data, it.start, it.end - it.start);
	}
	free(v);
}

bool save_all(struct saver *s, struct save_report *rep, struct diags *d)
{
	memset(rep, 0, sizeof(*rep));
	bool *edited = xcalloc(s->c->n_files + 1, sizeof(bool));
	for (size_t ri = 0; ri < s->n; ri++)
		if (s->orig[ri])
			edited[s->c->readouts[ri].file] = true;
	for (uint32_t fi = 0; fi < s->c->n_files; fi++) {
		if (!edited[fi])
			continue;
		struct corpus_file *f = &s->c->files[fi];
		int lk = lock_dir(f->path);
		if (lk < 0) {
			diags_add(d, DIAG_IO, "%s: another program holds the lock on its directory; not saved", f->path);
			rep->errors++;
			continue;
		}
		remove_leftovers(f->path);
		char err[256];
		size_t n;
		bool appeared;
		char *disk = bytes_of(f, &n, &appeared);
		if (appeared) {
			s->conflict[fi] = true;
			diags_add(d, DIAG_IO, "%s: made on disk since this draft of %s was; not overwritten", f->path,
			          f->draft_of);
			rep->conflicts++;
			unlock_dir(lk);
			continue;
		}
		if (!disk) {
			diags_add(d, DIAG_IO, "%s: %s; not saved", f->path, strerror(errno));
			rep->errors++;
			unlock_dir(lk);
			continue;
		}
		if (!as_loaded(f, disk, n)) {
			s->conflict[fi] = true;
			diags_add(d, DIAG_IO, "%s: changed on disk since it was loaded; not overwritten", f->path);
			rep->conflicts++;
			free(disk);
			unlock_dir(lk);
			continue;
		}
		size_t out_n = 0, nr = 0;
		char *out = file_content(s, fi, disk, n, &out_n, &nr);
		free(disk);
		if (out) {
			bool draft = f->draft_json != NULL;
			if (draft ? write_new(f->path, out, out_n, 0644, err, sizeof(err))
			          : write_atomic(f->path, out, out_n, 0644, err, sizeof(err))) {
				if (draft) {
					/* on disk now, a file like any other */
					free(f->draft_json);
					f->draft_json = NULL;
					f->draft_len = 0;
				}
				after_write(s, fi, out, out_n);
				rep->files++;
				rep->readouts += nr;
			} else {
				diags_add(d, DIAG_IO, "%s: %s; not saved", f->path, err);
				rep->errors++;
			}
			free(out);
		}
		unlock_dir(lk);
	}
	free(edited);
	return !rep->conflicts && !rep->errors;
}

bool save_file_as(struct saver *s, uint32_t fi, const char *path, struct diags *d)
{
	struct strbuf b = { 0 };
	bool jsonl = path_is_jsonl(path);
	size_t n = 0;
	for (size_t ri = 0; ri < s->n; ri++) {
		if (s->c->readouts[ri].file != fi || !s->orig[ri])
			continue;
		bool changed = false;
		cJSON *m = save_merge(s, ri, &changed);
		if (m && (jsonl || n == 0)) {
			jsonw_write(&b, m, !jsonl);
			if (jsonl)
				sb_add(&b, "\n", 1);
			n++;
		}
		cJSON_Delete(m);
	}
	if (!n) {
		diags_add(d, DIAG_IO, "%s: nothing edited to save", s->c->files[fi].path);
		return false;
	}
	char err[256];
	bool ok = write_atomic(path, b.s, b.n, 0644, err, sizeof(err));
	if (!ok)
		diags_add(d, DIAG_IO, "%s: %s", path, err);
	sb_free(&b);
	return ok;
}
