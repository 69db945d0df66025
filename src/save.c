/* save.c - merging edits into the JSON and writing files safely (see
 * save.h). */
#include "save.h"
#include "arena.h"
#include "fileio.h"
#include "jsonw.h"
#include "lines.h"
#include "strmap.h"

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

/* What a snapshot holds, as a model: the readout's positions and how many
 * entities of each kind it declared, when orig was taken or last written.
 * Edits replace positions and add entities, never change these in place
 * (the strings and arrays they point to stay in the readout's arena). */
struct save_base {
	struct position *pos;
	size_t n_pos;
	size_t n_ents[ENT_KINDS];
	const char *event;         /* the readout's event (parley link, L) */
	size_t orig_n;             /* strlen(orig) */
	int layout;                /* orig in the writer's layout: 1 yes (lay says where its parts are), -1 no, 0 not known */
	bool pretty;               /* the layout lay was found in */
	struct jsonw_layout lay;
	/* the parts of the text splice made last (next_n bytes), so that once
	 * it is written it need not be looked through again */
	bool has_next;
	size_t next_n;
	struct jsonw_layout next;
};

void saver_init(struct saver *s, struct corpus *c)
{
	memset(s, 0, sizeof(*s));
	s->c = c;
	s->n = c->n_readouts;
	s->orig = xcalloc(s->n + 1, sizeof(char *));
	s->base = xcalloc(s->n + 1, sizeof(*s->base));
	s->n_files = c->n_files;
	s->conflict = xcalloc(s->n_files + 1, sizeof(bool));
}

void saver_grow(struct saver *s)
{
	size_t n = s->c->n_readouts;
	if (n <= s->n)
		return;
	s->orig = xrealloc(s->orig, (n + 1) * sizeof(*s->orig));
	s->base = xrealloc(s->base, (n + 1) * sizeof(*s->base));
	memset(s->orig + s->n, 0, (n + 1 - s->n) * sizeof(*s->orig));
	memset(s->base + s->n, 0, (n + 1 - s->n) * sizeof(*s->base));
	s->n = n;
}

static void base_free(struct save_base *b)
{
	if (!b)
		return;
	free(b->pos);
	jsonw_layout_free(&b->lay);
	jsonw_layout_free(&b->next);
	memset(b, 0, sizeof(*b));
}

/* Readout ri's base, made when it has none. */
static struct save_base *base_of(struct saver *s, size_t ri)
{
	if (!s->base[ri])
		s->base[ri] = xcalloc(1, sizeof(struct save_base));
	return s->base[ri];
}

/* Readout ri's model is what orig (n bytes) holds now (taken, or just
 * written). */
static void base_set(struct saver *s, size_t ri, size_t n)
{
	const struct readout *r = &s->c->readouts[ri];
	struct save_base *b = base_of(s, ri);
	base_free(b);
	b->pos = xmalloc((r->n_positions + 1) * sizeof(*b->pos));
	if (r->n_positions)
		memcpy(b->pos, r->positions, r->n_positions * sizeof(*b->pos));
	b->n_pos = r->n_positions;
	for (int k = 0; k < ENT_KINDS; k++)
		b->n_ents[k] = r->n_ents[k];
	b->event = r->event;
	b->orig_n = n;
}

void saver_free(struct saver *s)
{
	for (size_t i = 0; i < s->n; i++)
		save_forget(s, i);
	free(s->orig);
	free(s->base);
	free(s->conflict);
	memset(s, 0, sizeof(*s));
}

void save_forget(struct saver *s, size_t ri)
{
	if (ri >= s->n)
		return;
	free(s->orig[ri]);
	s->orig[ri] = NULL;
	base_free(s->base[ri]);
	free(s->base[ri]);
	s->base[ri] = NULL;
}

/* A valid readout merged with the model it loads as is unchanged (every
 * key the merge writes is one the loader read, as it was): so the model
 * tells whether the merged readout differs from its snapshot. */
bool save_changed(const struct saver *s, size_t ri)
{
	if (ri >= s->n || !s->orig[ri])
		return false;
	const struct readout *r = &s->c->readouts[ri];
	const struct save_base *b = s->base[ri];
	if (!b) /* (never: a snapshot has its base) */
		return true;
	if (!r->event != !b->event || (r->event && strcmp(r->event, b->event) != 0))
		return true;
	for (int k = 0; k < ENT_KINDS; k++)
		if (r->n_ents[k] != b->n_ents[k])
			return true;
	if (r->n_positions != b->n_pos)
		return true;
	for (size_t i = 0; i < b->n_pos; i++)
		if (!position_eq(&r->positions[i], &b->pos[i]))
			return true;
	return false;
}

/* Why a file could not be read to be saved. */
static const char *save_why(int err)
{
	/* a .jsonl larger than the limit loads (the limit is on its lines)
	 * but is read whole to be saved */
	if (err == FILE_ETOOBIG)
		return "larger than the size limit (--max-file-size), and a file is read whole to be saved: raise it to save";
	return file_strerror(err);
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
		diags_add(d, DIAG_IO, "%s: %s", f->path, save_why(errno));
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
	base_set(s, ri, r->length);
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
			else if (!file_unchanged(&st, f->size, &f->mtime, &f->ctime)) {
				/* touched is not changed: the bytes decide (and a file
				 * only touched is not read again next time) */
				size_t n;
				char *buf = read_file(f->path, &n);
				s->conflict[fi] = !buf || !as_loaded(f, buf, n);
				if (!s->conflict[fi]) {
					f->mtime = st.st_mtim;
					f->ctime = st.st_ctim;
				}
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

/* The original positions by id: arr's objects, the first of each id. */
struct by_id {
	struct strmap map;
	cJSON **v;
};

static void by_id_init(struct by_id *m, cJSON *arr)
{
	memset(m, 0, sizeof(*m));
	size_t n = 0, cap = 0;
	for (cJSON *x = arr ? arr->child : NULL; x; x = x->next) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(x, "id");
		if (!cJSON_IsString(v))
			continue;
		if (strmap_put(&m->map, v->valuestring, strlen(v->valuestring), n, NULL)) {
			grow(&m->v, &cap, n + 1, sizeof(*m->v));
			m->v[n++] = x;
		}
	}
}

static cJSON *by_id_get(const struct by_id *m, const char *id)
{
	size_t i;
	return strmap_get(&m->map, id, strlen(id), &i) ? m->v[i] : NULL;
}

static void by_id_free(struct by_id *m)
{
	strmap_clear(&m->map);
	free(m->v);
}


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

static cJSON *entity_object(const struct readout *r, const struct entity *e)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", e->id);
	cJSON_AddStringToObject(o, "label", e->label);
	if (e->n_members) {
		/* a group drafted into the readout (draft.h) */
		cJSON *m = cJSON_AddArrayToObject(o, "members");
		for (size_t j = 0; j < e->n_members; j++)
			if (e->members[j] < r->n_ents[ENT_SPEAKER])
				cJSON_AddItemToArray(m, cJSON_CreateString(RO_SPEAKERS(r)[e->members[j]].id));
	}
	return o;
}

/* save_merge; with changed NULL the original tree is merged in place (no
 * copy of it to compare with: the caller knows it changed). */
static cJSON *merge(struct saver *s, size_t ri, bool *changed)
{
	if (ri >= s->n || !s->orig[ri])
		return NULL;
	const struct readout *r = &s->c->readouts[ri];
	cJSON *orig = jsonw_parse(s->orig[ri], strlen(s->orig[ri]));
	if (!orig)
		return NULL;
	cJSON *m = changed ? cJSON_Duplicate(orig, true) : orig;

	/* the event (parley link, the compare view): after the kind, the
	 * date or the id when it is new */
	cJSON *ev = cJSON_GetObjectItemCaseSensitive(m, "event");
	bool new_event = r->event && !(cJSON_IsString(ev) && strcmp(ev->valuestring, r->event) == 0);
	if (new_event) {
		if (ev) {
			cJSON_ReplaceItemInObjectCaseSensitive(m, "event", cJSON_CreateString(r->event));
		} else {
			cJSON *after = NULL;
			static const char *const keys[] = { "kind", "date", "id" };
			for (int k = 0; k < 3 && !after; k++)
				after = cJSON_GetObjectItemCaseSensitive(m, keys[k]);
			/* added at the end (with its key), then linked in after it
			 * (cJSON's lists: child->prev is the last item) */
			cJSON *v = cJSON_AddStringToObject(m, "event", r->event);
			if (v && after && after->next && after->next != v) {
				m->child->prev = v->prev;
				v->prev->next = NULL;
				v->next = after->next;
				v->prev = after;
				after->next->prev = v;
				after->next = v;
			}
		}
	}

	/* entities: edits only add to the end */
	for (int k = 0; k < ENT_KINDS; k++) {
		cJSON *arr = cJSON_GetObjectItemCaseSensitive(m, entity_kind_plural[k]);
		size_t have = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
		if (r->n_ents[k] <= have)
			continue;
		if (!cJSON_IsArray(arr)) {
			arr = cJSON_CreateArray();
			set_item(m, entity_kind_plural[k], arr);
		}
		for (size_t i = have; i < r->n_ents[k]; i++)
			cJSON_AddItemToArray(arr, entity_object(r, &r->ents[k][i]));
	}

	/* positions in the model's order, each from its original object (found
	 * by id in a table: a readout can have 100k positions) */
	cJSON *old = cJSON_GetObjectItemCaseSensitive(orig, "positions");
	if (r->n_positions || old) {
		struct by_id ids;
		by_id_init(&ids, cJSON_IsArray(old) ? old : NULL);
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; i < r->n_positions; i++) {
			const struct position *p = &r->positions[i];
			cJSON *o = by_id_get(&ids, p->id);
			if (!o)
				o = cJSON_CreateObject();
			else if (changed)
				o = cJSON_Duplicate(o, true);
			else
				cJSON_DetachItemViaPointer(old, o); /* ids are unique: taken once */
			merge_position(r, p, o);
			s->merged++;
			cJSON_AddItemToArray(arr, o);
		}
		by_id_free(&ids);
		set_item(m, "positions", arr);
	}
	if (changed) {
		*changed = new_event || !same_json(orig, m);
		cJSON_Delete(orig);
	}
	return m;
}

cJSON *save_merge(struct saver *s, size_t ri, bool *changed)
{
	return merge(s, ri, changed);
}

/* --- the readout's new text --------------------------------------------------- */

/* The member of the layout whose key is `key`, or -1. */
static long member_of(const char *o, const struct jsonw_layout *l, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i < l->n; i++)
		if (l->m[i].key_end - l->m[i].key == k + 2 && memcmp(o + l->m[i].key + 1, key, k) == 0)
			return (long)i;
	return -1;
}

static void indent(struct strbuf *b, bool pretty, int depth)
{
	if (!pretty)
		return;
	sb_add(b, "\n", 1);
	for (int i = 0; i < depth; i++)
		sb_add(b, "  ", 2);
}

/* The index in the snapshot of the position with p's id, -1 when it is
 * new: where it was (edits keep the order of the others), else by id. */
static long base_index(const struct save_base *b, size_t i, const struct position *p, struct strmap *ids)
{
	if (i < b->n_pos && (b->pos[i].id == p->id || strcmp(b->pos[i].id, p->id) == 0))
		return (long)i;
	if (!ids->cap)
		for (size_t j = 0; j < b->n_pos; j++)
			strmap_put(ids, b->pos[j].id, strlen(b->pos[j].id), j, NULL);
	size_t j;
	return strmap_get(ids, p->id, strlen(p->id), &j) ? (long)j : -1;
}

/* Appends what save_merge and jsonw_write would make of readout ri, when
 * its snapshot is in the writer's layout: the members and positions that
 * did not change are copied from it byte for byte, those that did are
 * merged one by one.  False (nothing appended) when the snapshot is in
 * another layout, and then only the whole merge will do. */
static bool splice(struct saver *s, size_t ri, bool pretty, struct strbuf *b)
{
	const struct readout *r = &s->c->readouts[ri];
	struct save_base *bs = base_of(s, ri);
	const char *o = s->orig[ri];
	if (bs->layout == 0 || bs->pretty != pretty) {
		jsonw_layout_free(&bs->lay);
		bs->layout = jsonw_layout(o, bs->orig_n, pretty, "positions", &bs->lay) ? 1 : -1;
		bs->pretty = pretty;
	}
	const struct jsonw_layout *l = &bs->lay;
	if (bs->layout < 0 || (l->array >= 0 ? l->n_elem : 0) != bs->n_pos)
		return false;
	/* a new event: the whole merge puts it in its place */
	if (!r->event != !bs->event || (r->event && strcmp(r->event, bs->event) != 0))
		return false;
	long ent_m[ENT_KINDS];
	for (int k = 0; k < ENT_KINDS; k++) {
		ent_m[k] = r->n_ents[k] > bs->n_ents[k] ? member_of(o, l, entity_kind_plural[k]) : -1;
		if (ent_m[k] >= 0 && o[l->m[ent_m[k]].value] != '[')
			return false; /* not an array: the whole merge says what becomes of it */
	}
	size_t at = b->n;
	struct strmap ids = { 0 };
	/* where the parts of the new text are (offsets from its start) */
	struct jsonw_layout nl = { .array = -1 };
	size_t cap_m = 0;
	grow(&b->s, &b->cap, at + bs->orig_n + 4096, 1); /* about as long as it was */
	sb_add(b, "{", 1);
	/* the members in their order, then those the merge adds at the end:
	 * entity arrays the readout did not have, then its positions */
	for (size_t mi = 0; mi <= l->n + ENT_KINDS; mi++) {
		const struct jsonw_member *m = mi < l->n ? &l->m[mi] : NULL;
		int k = -1;
		for (int kk = 0; kk < ENT_KINDS; kk++)
			if (m ? ent_m[kk] == (long)mi : mi == l->n + (size_t)kk && r->n_ents[kk] > bs->n_ents[kk]
			                                        && ent_m[kk] < 0 && member_of(o, l, entity_kind_plural[kk]) < 0)
				k = kk;
		bool positions = m ? (long)mi == l->array : mi == l->n + ENT_KINDS && l->array < 0 && r->n_positions;
		if (!m && k < 0 && !positions)
			continue;
		if (b->n > at + 1)
			sb_add(b, ",", 1);
		indent(b, pretty, 1);
		grow(&nl.m, &cap_m, nl.n + 1, sizeof(*nl.m));
		struct jsonw_member *nm = &nl.m[nl.n++];
		nm->key = b->n - at;
		if (m && k < 0 && !positions) {
			sb_add(b, o + m->key, m->end - m->key);
			nm->key_end = nm->key + (m->key_end - m->key);
			nm->value = nm->key + (m->value - m->key);
			nm->end = b->n - at;
			continue;
		}
		if (m)
			sb_add(b, o + m->key, m->key_end - m->key);
		else
			jsonw_string(b, positions ? "positions" : entity_kind_plural[k]);
		nm->key_end = b->n - at;
		sb_adds(b, pretty ? ": " : ":");
		nm->value = b->n - at;
		if (k >= 0) {
			/* entities added: the array as merged, as written at its depth */
			cJSON *arr = m ? jsonw_parse(o + m->value, m->end - m->value) : cJSON_CreateArray();
			if (!arr)
				goto whole;
			size_t have = (size_t)cJSON_GetArraySize(arr);
			for (size_t i = have; i < r->n_ents[k]; i++)
				cJSON_AddItemToArray(arr, entity_object(r, &r->ents[k][i]));
			jsonw_write_at(b, arr, pretty, 1);
			cJSON_Delete(arr);
			nl.m[nl.n - 1].end = b->n - at;
			continue;
		}
		/* the positions in the model's order: an unchanged one as it was */
		nl.array = (long)nl.n - 1;
		if (!r->n_positions) {
			sb_add(b, "[]", 2);
			nl.m[nl.n - 1].end = b->n - at;
			continue;
		}
		sb_add(b, "[", 1);
		nl.elem = xmalloc(2 * r->n_positions * sizeof(size_t));
		for (size_t i = 0; i < r->n_positions; i++) {
			const struct position *p = &r->positions[i];
			long j = base_index(bs, i, p, &ids);
			indent(b, pretty, 2);
			nl.elem[2 * i] = b->n - at;
			const size_t *e = j >= 0 ? &l->elem[2 * j] : NULL;
			if (j >= 0 && position_eq(p, &bs->pos[j])) {
				sb_add(b, o + e[0], e[1] - e[0]);
			} else {
				cJSON *x = e ? jsonw_parse(o + e[0], e[1] - e[0]) : cJSON_CreateObject();
				if (!x)
					goto whole;
				merge_position(r, p, x);
				s->merged++;
				jsonw_write_at(b, x, pretty, 2);
				cJSON_Delete(x);
			}
			nl.elem[2 * i + 1] = b->n - at;
			if (i + 1 < r->n_positions)
				sb_add(b, ",", 1);
		}
		nl.n_elem = r->n_positions;
		indent(b, pretty, 1);
		sb_add(b, "]", 1);
		nl.m[nl.n - 1].end = b->n - at;
	}
	strmap_clear(&ids);
	indent(b, pretty, 0);
	sb_add(b, pretty ? "}\n" : "}", pretty ? 2 : 1);
	jsonw_layout_free(&bs->next);
	bs->next = nl;
	bs->next_n = b->n - at;
	bs->has_next = true;
	s->spliced++;
	return true;
whole:
	/* a part that does not parse (never seen): the whole merge decides */
	jsonw_layout_free(&nl);
	strmap_clear(&ids);
	b->n = at;
	if (b->s)
		b->s[at] = '\0';
	bs->layout = -1;
	return false;
}

/* Appends the text of readout ri as it is to be written, pretty (a .json
 * file) or compact (a line of a .jsonl file).  False when it has no
 * snapshot. */
static bool readout_text(struct saver *s, size_t ri, bool pretty, struct strbuf *b)
{
	if (ri >= s->n || !s->orig[ri])
		return false;
	base_of(s, ri)->has_next = false;
	if (pretty == !s->c->files[s->c->readouts[ri].file].jsonl && splice(s, ri, pretty, b))
		return true;
	cJSON *m = merge(s, ri, NULL);
	if (!m)
		return false;
	struct save_base *bs = base_of(s, ri);
	size_t at = b->n;
	jsonw_layout_free(&bs->next);
	jsonw_write_parts(b, m, pretty, "positions", &bs->next);
	bs->next_n = b->n - at;
	bs->has_next = pretty == !s->c->files[s->c->readouts[ri].file].jsonl;
	cJSON_Delete(m);
	return true;
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

/* The process's umask, read without changing it (Linux gives it in
 * /proc; elsewhere it is set back at once). */
static mode_t current_umask(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[128];
	unsigned m;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Umask: %o", &m) == 1) {
			fclose(f);
			return (mode_t)m;
		}
	if (f)
		fclose(f);
	mode_t old = umask(022);
	umask(old);
	return old;
}

mode_t save_new_mode(int mode)
{
	return (mode_t)mode & 07777 & ~current_umask();
}

char *save_target(const char *path, char *err, size_t errsize)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	char *real = realpath(path, NULL);
	if (!real)
		snprintf(err, errsize, "a symbolic link to %s", errno == ENOENT ? "nothing" : strerror(errno));
	return real;
}

bool write_atomic_as(const char *path, const char *data, size_t n, int mode, bool durable, char *err, size_t errsize)
{
	/* through a symbolic link: the file it names is replaced, in its own
	 * directory, and the link stays */
	char *target = save_target(path, err, errsize);
	if (!target)
		return false;
	char *copy = xstrdup(target), *copy2 = xstrdup(target);
	char *tmp = xasprintf("%s/.%s.parley-XXXXXX", dirname(copy), basename(copy2));
	free(copy);
	free(copy2);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsize, "cannot create a temporary file beside it: %s", strerror(errno));
		free(tmp);
		free(target);
		return false;
	}
	/* a file replaced keeps its mode, and its owner and group when this
	 * user may give them (root; a group of the user's); a new one gets
	 * mode less the umask */
	struct stat st;
	mode_t m = save_new_mode(mode);
	if (stat(target, &st) == 0) {
		m = st.st_mode & 07777;
		if (st.st_uid != geteuid() || st.st_gid != getegid())
			if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
				/* not allowed: the file becomes this user's */
			}
	}
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
		ok = fchmod(fd, m) == 0 && (!durable || fsync(fd) == 0);
	if (close(fd) != 0)
		ok = false;
	if (ok)
		ok = rename(tmp, target) == 0;
	if (!ok) {
		snprintf(err, errsize, "%s", strerror(errno));
		unlink(tmp);
		free(tmp);
		free(target);
		return false;
	}
	free(tmp);
	if (durable)
		fsync_dir(target);
	free(target);
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
	ok = ok && fchmod(fd, save_new_mode(mode)) == 0 && fsync(fd) == 0;
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
		return -1; /* (errno says why: not another program's lock) */
	for (int i = 0; i < 100; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	close(fd);
	errno = EWOULDBLOCK;
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
	for (size_t ri = 0; ri < s->n; ri++)
		if (save_changed(s, ri))
			return true;
	return false;
}

/* The readouts of each file in the order of their lines, found in one
 * walk of the corpus (it can have 100k readouts, and a save many files). */
struct at_line {
	unsigned long line;
	size_t ri;
};

struct by_file {
	size_t *first;         /* per file: where its readouts start in v */
	struct at_line *v;
};

static int by_line(const void *x, const void *y)
{
	const struct at_line *a = x, *b = y;
	return a->line < b->line ? -1 : a->line > b->line ? 1 : a->ri < b->ri ? -1 : a->ri > b->ri;
}

static void by_file_init(struct by_file *bf, const struct saver *s)
{
	size_t nf = s->c->n_files;
	bf->first = xcalloc(nf + 2, sizeof(size_t));
	bf->v = xmalloc((s->n + 1) * sizeof(*bf->v));
	for (size_t ri = 0; ri < s->n; ri++)
		bf->first[s->c->readouts[ri].file + 1]++;
	for (size_t fi = 0; fi < nf; fi++)
		bf->first[fi + 1] += bf->first[fi];
	size_t *at = xmalloc((nf + 1) * sizeof(size_t));
	memcpy(at, bf->first, (nf + 1) * sizeof(size_t));
	for (size_t ri = 0; ri < s->n; ri++) {
		const struct readout *r = &s->c->readouts[ri];
		bf->v[at[r->file]++] = (struct at_line){ r->line, ri };
	}
	free(at);
	for (size_t fi = 0; fi < nf; fi++) {
		struct at_line *v = bf->v + bf->first[fi];
		size_t n = bf->first[fi + 1] - bf->first[fi];
		bool sorted = true;
		for (size_t k = 1; k < n && sorted; k++)
			sorted = v[k - 1].line <= v[k].line;
		if (!sorted)
			qsort(v, n, sizeof(*v), by_line);
	}
}

static void by_file_free(struct by_file *bf)
{
	free(bf->first);
	free(bf->v);
}

/* The new content of file fi, or NULL when no readout of it changed. */
static char *file_content(struct saver *s, const struct by_file *bf, uint32_t fi, const char *disk, size_t n,
                          size_t *out_n, size_t *n_readouts)
{
	const struct corpus_file *f = &s->c->files[fi];
	const struct at_line *v = bf->v + bf->first[fi];
	size_t nv = bf->first[fi + 1] - bf->first[fi];
	struct strbuf b = { 0 };
	bool any = false;
	*n_readouts = 0;
	if (!f->jsonl) {
		for (size_t k = 0; k < nv; k++) {
			if (save_changed(s, v[k].ri) && readout_text(s, v[k].ri, true, &b)) {
				any = true;
				(*n_readouts)++;
			}
		}
	} else {
		size_t k = 0;
		struct lines it = lines_of(disk, n);
		while (lines_next(&it)) {
			bool replaced = false;
			for (; k < nv && v[k].line <= it.no; k++) {
				if (v[k].line != it.no || !save_changed(s, v[k].ri))
					continue;
				if (readout_text(s, v[k].ri, false, &b)) {
					replaced = any = true;
					(*n_readouts)++;
				}
			}
			if (!replaced)
				sb_add(&b, disk + it.start, it.end - it.start);
			else if (lines_cr(&it))
				sb_add(&b, "\r", 1); /* (its line end as it was: CRLF) */
			if (it.nl)
				sb_add(&b, "\n", 1);
		}
	}
	if (!any) {
		sb_free(&b);
		return NULL;
	}
	*out_n = b.n;
	return b.s;
}

/* Readout ri is now at [offset, offset + length) of the file just written
 * (data); its snapshot becomes the saved text (*own itself, when it is the
 * whole of it and the caller gives it: *own is then NULL), and the model
 * it holds the readout's model. */
static void placed(struct saver *s, size_t ri, const char *data, size_t offset, size_t length, char **own)
{
	struct readout *r = &s->c->readouts[ri];
	r->offset = offset;
	r->length = length;
	r->text_at = r->text_json = 0; /* a text read back now parses the object */
	if (!s->orig[ri])
		return;
	bool written = save_changed(s, ri);
	free(s->orig[ri]);
	if (own && *own == data && offset == 0 && data[length] == '\0') {
		s->orig[ri] = *own;
		*own = NULL;
	} else {
		s->orig[ri] = xstrndup(data + offset, length);
	}
	struct save_base *b = base_of(s, ri);
	if (!written && length == b->orig_n)
		return;
	/* what splice made is what was written: where its parts are is known */
	bool known = written && b->has_next && b->next_n == length;
	struct jsonw_layout next = { .array = -1 };
	bool pretty = !s->c->files[r->file].jsonl;
	if (known) {
		next = b->next;
		memset(&b->next, 0, sizeof(b->next));
	}
	base_set(s, ri, length);
	if (known) {
		b->lay = next;
		b->layout = 1;
		b->pretty = pretty;
	}
}

/* After a write: the file's new identity, and where its readouts now are
 * (a .json file's readout takes *own, the text written, as its snapshot). */
static void after_write(struct saver *s, const struct by_file *bf, uint32_t fi, const char *data, size_t n,
                        char **own)
{
	struct corpus_file *f = &s->c->files[fi];
	struct stat st;
	if (stat(f->path, &st) == 0) {
		f->size = st.st_size;
		f->mtime = st.st_mtim;
		f->ctime = st.st_ctim;
	}
	f->hash = corpus_hash(data, n);
	const struct at_line *v = bf->v + bf->first[fi];
	size_t nv = bf->first[fi + 1] - bf->first[fi], k = 0;
	if (!f->jsonl) {
		for (; k < nv; k++)
			placed(s, v[k].ri, data, 0, n, nv == 1 ? own : NULL);
	} else {
		struct lines it = lines_of(data, n);
		while (lines_next(&it))
			for (; k < nv && v[k].line <= it.no; k++)
				if (v[k].line == it.no) /* (as the loader: a CRLF line's object before its \r) */
					placed(s, v[k].ri, data, it.start, it.end - it.start - lines_cr(&it), NULL);
	}
}

/* Saves file fi (with a changed readout) under the lock on the directory
 * of the file it is, or that its link names. */
static void save_file(struct saver *s, const struct by_file *bf, uint32_t fi, struct save_report *rep,
                      struct diags *d)
{
	struct corpus_file *f = &s->c->files[fi];
	char err[256];
	/* a draft's file is made, never through a link (write_new) */
	char *target = f->draft_json ? xstrdup(f->path) : save_target(f->path, err, sizeof(err));
	if (!target) {
		diags_add(d, DIAG_IO, "%s: %s; not saved", f->path, err);
		rep->errors++;
		return;
	}
	int lk = lock_dir(target);
	if (lk < 0) {
		if (errno == EWOULDBLOCK)
			diags_add(d, DIAG_IO, "%s: another program holds the lock on its directory; not saved", f->path);
		else /* (a directory one may write to but not read: 0733) */
			diags_add(d, DIAG_IO, "%s: its directory cannot be opened to lock it (%s); not saved", f->path,
			          strerror(errno));
		rep->errors++;
		free(target);
		return;
	}
	remove_leftovers(target);
	size_t n;
	bool appeared;
	char *disk = bytes_of(f, &n, &appeared);
	if (appeared) {
		s->conflict[fi] = true;
		diags_add(d, DIAG_IO, "%s: made on disk since this draft of %s was; not overwritten", f->path, f->draft_of);
		rep->conflicts++;
	} else if (!disk) {
		diags_add(d, DIAG_IO, "%s: %s; not saved", f->path, save_why(errno));
		rep->errors++;
	} else if (!as_loaded(f, disk, n)) {
		s->conflict[fi] = true;
		diags_add(d, DIAG_IO, "%s: changed on disk since it was loaded; not overwritten", f->path);
		rep->conflicts++;
	} else {
		size_t out_n = 0, nr = 0;
		char *out = file_content(s, bf, fi, disk, n, &out_n, &nr);
		bool draft = f->draft_json != NULL;
		if (!out && draft) { /* a draft untouched: written as drafted */
			out = xstrndup(disk, n);
			out_n = n;
			for (size_t ri = 0; ri < s->n; ri++)
				nr += s->c->readouts[ri].file == fi;
		}
		if (!out) {
			/* nothing changed after all */
		} else if (draft ? write_new(target, out, out_n, 0644, err, sizeof(err))
		                 : write_atomic(target, out, out_n, 0644, err, sizeof(err))) {
			if (draft) {
				/* on disk now, a file like any other */
				free(f->draft_json);
				f->draft_json = NULL;
				f->draft_len = 0;
			}
			after_write(s, bf, fi, out, out_n, &out);
			rep->files++;
			rep->readouts += nr;
		} else {
			diags_add(d, DIAG_IO, "%s: %s; not saved", f->path, err);
			rep->errors++;
		}
		free(out);
	}
	free(disk);
	unlock_dir(lk);
	free(target);
}

bool save_all(struct saver *s, struct save_report *rep, struct diags *d)
{
	memset(rep, 0, sizeof(*rep));
	/* per file: 2 when a readout of it changed, 1 when one was edited
	 * (and changed back): then only the temporary files that saves killed
	 * before may have left go */
	unsigned char *edited = xcalloc(s->c->n_files + 1, 1);
	bool any = false;
	for (size_t ri = 0; ri < s->n; ri++) {
		unsigned char *e = &edited[s->c->readouts[ri].file];
		if (save_changed(s, ri) || s->c->files[s->c->readouts[ri].file].draft_json) {
			/* (a draft is saved as drafted too: w is how it is kept) */
			*e = 2;
			any = true;
		} else if (s->orig[ri] && !*e)
			*e = 1;
	}
	struct by_file bf = { 0 };
	if (any)
		by_file_init(&bf, s);
	for (uint32_t fi = 0; fi < s->c->n_files; fi++) {
		if (edited[fi] == 2) {
			save_file(s, &bf, fi, rep, d);
		} else if (edited[fi] && !s->c->files[fi].draft_json) {
			char err[256];
			char *target = save_target(s->c->files[fi].path, err, sizeof(err));
			int lk = target ? lock_dir(target) : -1;
			if (lk >= 0)
				remove_leftovers(target);
			unlock_dir(lk);
			free(target);
		}
	}
	if (any)
		by_file_free(&bf);
	free(edited);
	return !rep->conflicts && !rep->errors;
}

bool save_file_as(struct saver *s, uint32_t fi, const char *path, bool replace, struct diags *d)
{
	struct strbuf b = { 0 };
	bool jsonl = path_is_jsonl(path);
	size_t n = 0;
	for (size_t ri = 0; ri < s->n; ri++) {
		if (s->c->readouts[ri].file != fi || !s->orig[ri] || (!jsonl && n))
			continue;
		if (readout_text(s, ri, !jsonl, &b)) {
			if (jsonl)
				sb_add(&b, "\n", 1);
			n++;
		}
	}
	if (!n) {
		diags_add(d, DIAG_IO, "%s: nothing edited to save", s->c->files[fi].path);
		return false;
	}
	/* a new file gets the mode of the one it comes from (a draft's: its
	 * text's), less the umask */
	const struct corpus_file *f = &s->c->files[fi];
	struct stat st;
	int mode = stat(f->draft_of ? f->draft_of : f->path, &st) == 0 ? (int)(st.st_mode & 0777) : 0644;
	char err[256];
	bool ok = replace ? write_atomic(path, b.s, b.n, mode, err, sizeof(err))
	                  : write_new(path, b.s, b.n, mode, err, sizeof(err));
	if (!ok)
		diags_add(d, DIAG_IO, "%s: %s", path, err);
	sb_free(&b);
	return ok;
}
