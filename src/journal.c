/* journal.c - the edit journal (see journal.h). */
#include "journal.h"
#include "arena.h"
#include "hash.h"
#include "jsonw.h"
#include "lines.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0700);
			*s = '/';
		}
	mkdir(p, 0700);
	free(p);
}

/* FNV-1a: a journal's name must stay the same from one version of parley
 * to the next, so that a journal an older one left behind is found. */
static uint64_t name_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void journal_init(struct journal *j, char *const *paths, size_t n)
{
	memset(j, 0, sizeof(*j));
	j->fd = -1;
	char **abs = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		char buf[PATH_MAX];
		abs[i] = xstrdup(realpath(paths[i], buf) ? buf : paths[i]);
	}
	qsort(abs, n, sizeof(char *), cmp_str);
	cJSON *hdr = cJSON_CreateObject();
	cJSON_AddNumberToObject(hdr, "parley-journal", 1);
	cJSON *arr = cJSON_AddArrayToObject(hdr, "paths");
	struct strbuf key = { 0 };
	for (size_t i = 0; i < n; i++) {
		cJSON_AddItemToArray(arr, cJSON_CreateString(abs[i]));
		sb_adds(&key, abs[i]);
		sb_add(&key, "\n", 1);
		free(abs[i]);
	}
	free(abs);
	struct strbuf h = { 0 };
	jsonw_write(&h, hdr, false);
	cJSON_Delete(hdr);
	j->header = h.s;
	uint64_t hash = name_hash(key.s ? key.s : "", key.n);
	sb_free(&key);
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[PATH_MAX];
	if (x && *x)
		snprintf(dir, sizeof(dir), "%s/parley", x);
	else
		snprintf(dir, sizeof(dir), "%s/.local/state/parley", home && *home ? home : "/tmp");
	j->path = xasprintf("%s/journal-%016llx.jsonl", dir, (unsigned long long)hash);
}

void journal_free(struct journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	free(j->path);
	free(j->header);
	memset(j, 0, sizeof(*j));
	j->fd = -1;
}

static bool append(struct journal *j, const cJSON *rec)
{
	if (j->fd < 0) {
		char *dir = xstrdup(j->path);
		*strrchr(dir, '/') = '\0';
		mkdirs(dir);
		free(dir);
		j->fd = open(j->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (j->fd < 0) {
			j->failed = true;
			return false;
		}
		struct stat st;
		if (fstat(j->fd, &st) == 0 && st.st_size == 0) {
			if (write(j->fd, j->header, strlen(j->header)) < 0 || write(j->fd, "\n", 1) < 0)
				j->failed = true;
		}
	}
	struct strbuf b = { 0 };
	jsonw_write(&b, rec, false);
	sb_add(&b, "\n", 1);
	bool ok = write(j->fd, b.s, b.n) == (ssize_t)b.n;
#ifdef HAVE_FDATASYNC
	ok = ok && fdatasync(j->fd) == 0;
#else
	ok = ok && fsync(j->fd) == 0;
#endif
	sb_free(&b);
	if (!ok)
		j->failed = true;
	j->records++;
	return ok;
}

static cJSON *record(const struct corpus *c, size_t ri, const char *op)
{
	const struct readout *r = &c->readouts[ri];
	cJSON *rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "op", op);
	cJSON_AddStringToObject(rec, "readout", r->id);
	cJSON_AddStringToObject(rec, "file", c->files[r->file].path);
	cJSON_AddNumberToObject(rec, "time", (double)time(NULL));
	return rec;
}

static cJSON *ids_array(const struct entity *ents, const uint32_t *ids, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(ents[ids[i]].id));
	return a;
}

static void on_position(void *ctx, const struct corpus *c, size_t ri, const char *pid, const struct position *p)
{
	struct journal *j = ctx;
	const struct readout *r = &c->readouts[ri];
	cJSON *rec = record(c, ri, p ? "position" : "delete");
	cJSON_AddStringToObject(rec, "id", pid);
	if (p) {
		cJSON *o = cJSON_AddObjectToObject(rec, "position");
		cJSON_AddStringToObject(o, "speaker", RO_SPEAKERS(r)[p->speaker].id);
		cJSON_AddNumberToObject(o, "start", (double)p->span.start);
		cJSON_AddNumberToObject(o, "end", (double)p->span.end);
		if (p->summary)
			cJSON_AddStringToObject(o, "summary", p->summary);
		if (p->stance_text)
			cJSON_AddStringToObject(o, "stance", p->stance_text);
		cJSON_AddItemToObject(o, "topics", ids_array(RO_TOPICS(r), p->topics, p->n_topics));
		cJSON_AddItemToObject(o, "agreements", ids_array(RO_AGREEMENTS(r), p->agreements, p->n_agreements));
		cJSON_AddStringToObject(o, "review", review_names[p->review]);
		if (p->note)
			cJSON_AddStringToObject(o, "note", p->note);
		if (p->by)
			cJSON_AddStringToObject(o, "by", p->by);
	}
	append(j, rec);
	cJSON_Delete(rec);
}

static void on_entity(void *ctx, const struct corpus *c, size_t ri, enum entity_kind k, const struct entity *e,
                      bool added)
{
	struct journal *j = ctx;
	cJSON *rec = record(c, ri, added ? "entity" : "entity-undone");
	cJSON_AddStringToObject(rec, "kind", entity_kind_names[k]);
	cJSON_AddStringToObject(rec, "id", e->id);
	cJSON_AddStringToObject(rec, "label", e->label);
	append(j, rec);
	cJSON_Delete(rec);
}

struct edit_listener journal_listener(struct journal *j)
{
	return (struct edit_listener){ on_position, on_entity, j };
}

void journal_clear(struct journal *j)
{
	if (j->fd >= 0) {
		close(j->fd);
		j->fd = -1;
	}
	unlink(j->path);
	j->records = 0;
	j->failed = false;
}

size_t journal_pending(const struct journal *j, long long *mtime)
{
	size_t n;
	char *buf = read_file(j->path, &n);
	if (!buf)
		return 0;
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += buf[i] == '\n';
	free(buf);
	struct stat st;
	if (mtime && stat(j->path, &st) == 0)
		*mtime = (long long)st.st_mtime;
	return count ? count - 1 : 0; /* the header is not a record */
}

static long local_id(const struct readout *r, enum entity_kind k, const cJSON *v)
{
	if (!cJSON_IsString(v))
		return -1;
	for (size_t i = 0; i < r->n_ents[k]; i++)
		if (strcmp(r->ents[k][i].id, v->valuestring) == 0)
			return (long)i;
	return -1;
}

static uint32_t *refs(struct readout *r, enum entity_kind k, const cJSON *arr, size_t *n, bool *bad)
{
	size_t cnt = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	uint32_t *v = arena_alloc(&r->arena, (cnt + 1) * sizeof(uint32_t));
	*n = 0;
	for (const cJSON *x = cJSON_IsArray(arr) ? arr->child : NULL; x; x = x->next) {
		long id = local_id(r, k, x);
		if (id < 0)
			*bad = true;
		else
			v[(*n)++] = (uint32_t)id;
	}
	return v;
}

static const char *opt_str(struct readout *r, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? arena_strdup(&r->arena, v->valuestring) : NULL;
}

/* Records that no longer apply would go with the journal at the next clean
 * save or quit: a copy of it is kept beside it, named by its content (the
 * same journal is copied once). */
static void keep_copy(const struct journal *j, const char *buf, size_t n, struct diags *d)
{
	char path[PATH_MAX + 64], err[256];
	int k = snprintf(path, sizeof(path), "%s.kept-%016llx", j->path, (unsigned long long)hash64(buf, n));
	if (k < 0 || (size_t)k >= sizeof(path))
		snprintf(err, sizeof(err), "name too long");
	else if (access(path, F_OK) == 0 || write_atomic(path, buf, n, 0600, err, sizeof(err))) {
		diags_add(d, DIAG_IO, "the journal, with the edits that no longer apply, is kept in %s", path);
		return;
	}
	diags_add(d, DIAG_IO, "%s: cannot keep a copy (%s): save elsewhere (:w PATH) what you need", j->path, err);
}

size_t journal_replay(struct journal *j, struct history *h, struct saver *s, const bool *files, size_t *skipped,
                      struct diags *d)
{
	size_t n, applied = 0, lost = 0;
	*skipped = 0;
	char *buf = read_file(j->path, &n);
	if (!buf)
		return 0;
	struct edit_listener keep = h->listen;
	h->listen = (struct edit_listener){ 0 }; /* already in the journal */
	edit_begin(h);
	struct lines it = lines_of(buf, n);
	while (lines_next(&it)) {
		unsigned long line = it.no;
		if (line == 1)
			continue; /* header */
		/* a record stops at a NUL (a torn write can leave zeros) */
		cJSON *rec = cJSON_ParseWithLength(buf + it.start, strnlen(buf + it.start, it.end - it.start));
		const cJSON *op = cJSON_GetObjectItemCaseSensitive(rec, "op");
		const cJSON *rid = cJSON_GetObjectItemCaseSensitive(rec, "readout");
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
		long ri = cJSON_IsString(rid) ? corpus_find(h->c, rid->valuestring) : -1;
		if (files && ri >= 0 && !files[h->c->readouts[ri].file]) {
			cJSON_Delete(rec);
			continue; /* not asked for: neither applied nor skipped */
		}
		bool ok = false, record = cJSON_IsString(op) && cJSON_IsString(id);
		if (!record) {
			diags_add(d, DIAG_IO, "%s:%lu: not a journal record (a torn last write is expected after a crash)",
			          j->path, line);
		} else if (ri < 0) {
			diags_add(d, DIAG_IO, "%s:%lu: readout %s is not loaded", j->path, line,
			          cJSON_IsString(rid) ? rid->valuestring : "?");
		} else if (!save_snapshot(s, (size_t)ri, d)) {
			/* the message says why */
		} else if (strcmp(op->valuestring, "delete") == 0) {
			ok = edit_replay_position(h, (size_t)ri, id->valuestring, NULL) || true;
		} else if (strcmp(op->valuestring, "entity") == 0) {
			const cJSON *kind = cJSON_GetObjectItemCaseSensitive(rec, "kind");
			const cJSON *label = cJSON_GetObjectItemCaseSensitive(rec, "label");
			int k = cJSON_IsString(kind) ? name_lookup(entity_kind_names, ENT_KINDS, kind->valuestring) : -1;
			struct readout *r = &h->c->readouts[ri];
			if (k >= 0 && cJSON_IsString(label)) {
				if (local_id(r, (enum entity_kind)k, id) < 0)
					edit_add_entity(h, (size_t)ri, (enum entity_kind)k, id->valuestring, label->valuestring);
				ok = true;
			}
		} else if (strcmp(op->valuestring, "entity-undone") == 0) {
			ok = true; /* an unused entity does no harm; it is dropped at the next undo */
		} else if (strcmp(op->valuestring, "position") == 0) {
			struct readout *r = &h->c->readouts[ri];
			const cJSON *o = cJSON_GetObjectItemCaseSensitive(rec, "position");
			const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "start");
			const cJSON *en = cJSON_GetObjectItemCaseSensitive(o, "end");
			long sp = local_id(r, ENT_SPEAKER, cJSON_GetObjectItemCaseSensitive(o, "speaker"));
			bool bad = sp < 0 || !cJSON_IsNumber(st) || !cJSON_IsNumber(en) || st->valuedouble < 0
			           || en->valuedouble < st->valuedouble || en->valuedouble > (double)r->text_cps;
			struct position np;
			memset(&np, 0, sizeof(np));
			if (!bad)
				bad = !readout_span(h->c, ri, (size_t)st->valuedouble, (size_t)en->valuedouble, &np.span);
			if (!bad) {
				np.speaker = (uint32_t)sp;
				np.summary = opt_str(r, o, "summary");
				np.note = opt_str(r, o, "note");
				np.by = opt_str(r, o, "by");
				np.stance_text = opt_str(r, o, "stance");
				np.stance = np.stance_text ? name_lookup(stance_names, STANCE_COUNT, np.stance_text) : STANCE_NONE;
				if (np.stance_text && np.stance < 0)
					np.stance = STANCE_UNKNOWN;
				const cJSON *rv = cJSON_GetObjectItemCaseSensitive(o, "review");
				int rk = cJSON_IsString(rv) ? name_lookup(review_names, REVIEW_COUNT, rv->valuestring) : 0;
				np.review = rk < 0 ? REVIEW_PENDING : (enum review)rk;
				np.topics = refs(r, ENT_TOPIC, cJSON_GetObjectItemCaseSensitive(o, "topics"), &np.n_topics, &bad);
				np.agreements = refs(r, ENT_AGREEMENT, cJSON_GetObjectItemCaseSensitive(o, "agreements"),
				                     &np.n_agreements, &bad);
			}
			if (bad)
				diags_add(d, DIAG_IO, "%s:%lu: position %s of readout %s no longer applies", j->path, line,
				          id->valuestring, r->id);
			else
				ok = edit_replay_position(h, (size_t)ri, id->valuestring, &np) || true;
		}
		cJSON_Delete(rec);
		if (ok)
			applied++;
		else
			(*skipped)++;
		lost += !ok && record;
	}
	if (lost)
		keep_copy(j, buf, n, d);
	free(buf);
	h->listen = keep;
	return applied;
}

bool journal_set_aside(struct journal *j, char *newpath, size_t size)
{
	snprintf(newpath, size, "%s.set-aside-%lld", j->path, (long long)time(NULL));
	return rename(j->path, newpath) == 0;
}
