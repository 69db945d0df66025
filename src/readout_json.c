/* readout_json.c - validate a JSON readout object and build the compact
 * model from it (see readout_json.h).  All problems are reported, not only
 * the first; the JSON paths name exactly the offending value. */
#include "readout_json.h"
#include "strmap.h"
#include "hash.h"
#include "utf8.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	const char *path;
	const char *rid;       /* readout id for messages */
	unsigned long line;
	struct diags *d;
	unsigned errors;
	struct readout *r;
	struct cpmap map;
	bool have_text;
	struct strmap ents;    /* entity id -> kind << 24 | index */
};

#define JP 160 /* longest JSON path we build */

static const char *const entity_kind_a[ENT_KINDS] = { "a speaker", "a topic", "an agreement" };

/* A problem at jpath of the readout: an error (the readout is skipped) or
 * a warning (it loads). */
static void vsay(struct ctx *c, enum diag_kind kind, const char *jpath, const char *fmt, va_list ap)
	PRINTF_LIKE(4, 0);
static void vsay(struct ctx *c, enum diag_kind kind, const char *jpath, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	char where[32] = "";
	if (c->line)
		snprintf(where, sizeof(where), " (line %lu)", c->line);
	diags_add(c->d, kind, "%s: readout %.200s: %s: %s%s%s", c->path, c->rid, jpath,
	          kind == DIAG_WARN ? "warning: " : "", msg, where);
	c->errors += kind != DIAG_WARN;
}

static void err(struct ctx *c, const char *jpath, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void err(struct ctx *c, const char *jpath, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(c, DIAG_RULE, jpath, fmt, ap);
	va_end(ap);
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	return "an unknown value";
}

/* A value the readout can do without: a warning, and the readout loads. */
static void warn(struct ctx *c, const char *jpath, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void warn(struct ctx *c, const char *jpath, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(c, DIAG_WARN, jpath, fmt, ap);
	va_end(ap);
}

/* Format a JSON path into buf (JP bytes); a path too long is cut. */
static void pathf(char *buf, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void pathf(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, JP, fmt, ap);
	va_end(ap);
}

/* prefix.key, or key when prefix is empty; and prefix.key[i].  These are
 * built for every value, not only on errors, so they avoid printf. */
static void jp(char *buf, const char *prefix, const char *key)
{
	size_t a = strlen(prefix), b = strlen(key);
	if (a + 1 + b >= JP) {
		pathf(buf, "%s%s%s", prefix, a ? "." : "", key);
		return;
	}
	char *o = buf;
	if (a) {
		memcpy(o, prefix, a);
		o += a;
		*o++ = '.';
	}
	memcpy(o, key, b + 1);
}

static void jpi(char *buf, const char *prefix, const char *key, size_t i)
{
	char num[24];
	int k = 0;
	size_t v = i;
	do
		num[k++] = (char)('0' + v % 10);
	while (v /= 10);
	size_t a = strlen(prefix), b = strlen(key);
	if (a + 1 + b + 2 + (size_t)k >= JP) {
		pathf(buf, "%s%s%s[%zu]", prefix, a ? "." : "", key, i);
		return;
	}
	char *o = buf;
	if (a) {
		memcpy(o, prefix, a);
		o += a;
		*o++ = '.';
	}
	memcpy(o, key, b);
	o += b;
	*o++ = '[';
	while (k)
		*o++ = num[--k];
	*o++ = ']';
	*o = '\0';
}

/* Quote a value from data for a message, shortened. */
static const char *q(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);
	if (n + 3 <= size) {
		snprintf(buf, size, "\"%s\"", s);
	} else {
		size_t keep = size - 8;
		while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
			keep--; /* do not cut a UTF-8 sequence */
		snprintf(buf, size, "\"%.*s...\"", (int)keep, s);
	}
	return buf;
}

/* A country or issuer code: not two letters is an error; two letters that
 * are not an assigned ISO 3166-1 alpha-2 code (lower case, or "UK") a
 * warning, with the code meant when it is a known slip. */
static void check_country(struct ctx *c, const char *p, const char *code)
{
	static const char *const slips[][2] = { { "UK", "GB" }, { "EL", "GR" }, { "SU", "RU" } };
	char qb[80], up[3] = "";
	if (country_is_valid(code))
		return;
	bool letters = strlen(code) == 2;
	for (int i = 0; i < 2 && letters; i++) {
		char ch = code[i];
		letters = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
		up[i] = (char)(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
	}
	if (!letters) {
		err(c, p, "%s is not an ISO 3166-1 alpha-2 country code (two letters, e.g. \"CN\", \"RU\")",
		    q(code, qb, sizeof(qb)));
		return;
	}
	const char *meant = strcmp(up, code) != 0 && country_is_valid(up) ? up : NULL;
	for (size_t i = 0; i < sizeof(slips) / sizeof(slips[0]) && !meant; i++)
		if (strcmp(up, slips[i][0]) == 0)
			meant = slips[i][1];
	if (meant)
		warn(c, p, "%s is not an assigned ISO 3166-1 alpha-2 country code (\"%s\"?)", q(code, qb, sizeof(qb)), meant);
	else
		warn(c, p, "%s is not an assigned ISO 3166-1 alpha-2 country code (e.g. \"CN\", \"RU\")",
		     q(code, qb, sizeof(qb)));
}

/* Every key of an object once; reports duplicates. */
static void check_duplicate_keys(struct ctx *c, const cJSON *obj, const char *prefix)
{
	for (const cJSON *a = obj->child; a; a = a->next)
		for (const cJSON *b = obj->child; b != a; b = b->next)
			if (a->string && b->string && a->string[0] == b->string[0]
			    && strcmp(a->string, b->string) == 0) {
				char p[JP];
				jp(p, prefix, a->string);
				err(c, p, "key appears more than once in the object");
				break;
			}
}

/* A string member: returns it copied into the arena, or NULL. */
/* A string of obj; word: maybe one of readout_word's, kept as its one
 * copy. */
static const char *get_str(struct ctx *c, const cJSON *obj, const char *prefix, const char *key, bool required,
                           bool word)
{
	char p[JP];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v) {
		if (required) {
			jp(p, prefix, key);
			err(c, p, "missing (required string)");
		}
		return NULL;
	}
	if (!cJSON_IsString(v)) {
		jp(p, prefix, key);
		err(c, p, "expected a string, found %s", type_name(v));
		return NULL;
	}
	const char *w = word ? readout_word(v->valuestring, strlen(v->valuestring)) : NULL;
	return w ? w : arena_strdup(&c->r->arena, v->valuestring);
}

static const char *get_string(struct ctx *c, const cJSON *obj, const char *prefix, const char *key, bool required)
{
	return get_str(c, obj, prefix, key, required, false);
}

static const cJSON *get_typed(struct ctx *c, const cJSON *obj, const char *prefix,
                              const char *key, int (*is)(const cJSON *), const char *want)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (v && !is(v)) {
		char p[JP];
		jp(p, prefix, key);
		err(c, p, "expected %s, found %s", want, type_name(v));
		return NULL;
	}
	return v;
}

static int is_array(const cJSON *v) { return cJSON_IsArray(v); }
static int is_object(const cJSON *v) { return cJSON_IsObject(v); }

/* An offset member: an integer in [0, text length]. */
static bool get_offset(struct ctx *c, const cJSON *obj, const char *prefix, const char *key,
                       uint32_t *out)
{
	char p[JP];
	jp(p, prefix, key);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v) {
		err(c, p, "missing (required integer)");
		return false;
	}
	if (!cJSON_IsNumber(v)) {
		err(c, p, "expected an integer, found %s", type_name(v));
		return false;
	}
	double d = v->valuedouble;
	if (isfinite(d) && d == floor(d) && d > 9007199254740992.0) { /* (an integer, but what?) */
		err(c, p, "an integer too large to be an offset (about %.3g)", d);
		return false;
	}
	if (!isfinite(d) || d != floor(d)) {
		err(c, p, "%.17g is not an integer", d);
		return false;
	}
	if (d < 0) {
		err(c, p, "%.0f is negative", d);
		return false;
	}
	if (c->have_text && (size_t)d > c->r->text_cps) {
		err(c, p, "%.0f is past the end of text (%zu code points)", d, c->r->text_cps);
		return false;
	}
	if (d > (double)TEXT_MAX) { /* (no text to be within: none could be this long) */
		err(c, p, "%.0f is past the end of any text parley reads", d);
		return false;
	}
	*out = (uint32_t)d;
	return true;
}

static bool get_span(struct ctx *c, const cJSON *obj, const char *prefix, struct span *s)
{
	bool ok = get_offset(c, obj, prefix, "start", &s->start);
	ok = get_offset(c, obj, prefix, "end", &s->end) && ok;
	if (ok && s->start > s->end) {
		char p[JP];
		jp(p, prefix, "start");
		err(c, p, "%" PRIu32 " is after end (%" PRIu32 ")", s->start, s->end);
		ok = false;
	}
	if (ok && c->have_text) {
		s->bstart = (uint32_t)cpmap_byte(&c->map, s->start);
		s->bend = (uint32_t)cpmap_byte(&c->map, s->end);
	}
	return ok;
}

/* Resolve an entity id of this readout.  want is the kind expected, or
 * ENT_KINDS for any.  Returns the index, or -1 after reporting. */
static long resolve(struct ctx *c, const char *p, const cJSON *v, enum entity_kind want,
                    enum entity_kind *kind_out)
{
	char qb[80];
	if (!cJSON_IsString(v)) {
		err(c, p, "expected %s id (a string), found %s",
		    want == ENT_KINDS ? "an entity" : entity_kind_a[want], type_name(v));
		return -1;
	}
	size_t val;
	const char *id = v->valuestring;
	if (!strmap_get(&c->ents, id, strlen(id), &val)) {
		if (want == ENT_KINDS)
			err(c, p, "%s names no speaker, topic or agreement of this readout",
			    q(id, qb, sizeof(qb)));
		else
			err(c, p, "%s names no %s of this readout", q(id, qb, sizeof(qb)),
			    entity_kind_names[want]);
		return -1;
	}
	enum entity_kind k = (enum entity_kind)(val >> 24);
	if (want != ENT_KINDS && k != want) {
		err(c, p, "%s is %s, not %s", q(id, qb, sizeof(qb)), entity_kind_a[k], entity_kind_a[want]);
		return -1;
	}
	if (kind_out)
		*kind_out = k;
	return (long)(val & 0xffffff);
}

static void check_id_syntax(struct ctx *c, const char *p, const char *id)
{
	char qb[80];
	size_t n = strlen(id);
	if (n > 200)
		err(c, p, "id is %zu bytes long, at most 200 are allowed", n);
	else if (!id_is_valid(id, n))
		err(c, p, "%s is not a valid id (letters, digits and . _ : - only)",
		    q(id, qb, sizeof(qb)));
}


/* First pass over speakers, topics and agreements: ids, labels, and the
 * keys that do not refer to other entities. */
static void load_entities(struct ctx *c, const cJSON *root, enum entity_kind kind)
{
	struct readout *r = c->r;
	const cJSON *arr = get_typed(c, root, "", entity_kind_plural[kind], is_array, "an array");
	if (!arr)
		return;
	size_t n = (size_t)cJSON_GetArraySize(arr);
	r->ents[kind] = arena_alloc(&r->arena, n * sizeof(struct entity));
	size_t i = 0;
	char prefix[JP], p[JP], qb[80];
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		struct entity *ent = &r->ents[kind][i];
		ent->akind = AKIND_NONE;
		jpi(prefix, "", entity_kind_plural[kind], i);
		if (!cJSON_IsObject(e)) {
			err(c, prefix, "expected an object, found %s", type_name(e));
			continue;
		}
		check_duplicate_keys(c, e, prefix);
		ent->id = get_string(c, e, prefix, "id", true);
		ent->label = get_string(c, e, prefix, "label", true);
		if (ent->id) {
			jp(p, prefix, "id");
			check_id_syntax(c, p, ent->id);
			size_t prev;
			if (!strmap_put(&c->ents, ent->id, strlen(ent->id), (size_t)kind << 24 | i, &prev))
				err(c, p, "%s is already the id of %s[%zu] (ids are unique across speakers, topics and agreements)",
				    q(ent->id, qb, sizeof(qb)), entity_kind_plural[prev >> 24], prev & 0xffffff);
		}
		const cJSON *al = get_typed(c, e, prefix, "aliases", is_array, "an array of strings");
		if (al) {
			size_t na = (size_t)cJSON_GetArraySize(al), k = 0;
			ent->aliases = arena_alloc(&r->arena, na * sizeof(char *));
			for (const cJSON *a = al->child; a; a = a->next, k++) {
				if (!cJSON_IsString(a)) {
					jpi(p, prefix, "aliases", k);
					err(c, p, "expected a string, found %s", type_name(a));
					continue;
				}
				ent->aliases[ent->n_aliases++] = arena_strdup(&r->arena, a->valuestring);
			}
		}
		if (kind == ENT_SPEAKER) {
			ent->role = get_string(c, e, prefix, "role", false);
			ent->country = get_string(c, e, prefix, "country", false);
			if (ent->country) {
				jp(p, prefix, "country");
				check_country(c, p, ent->country);
			}
		}
		if (kind == ENT_AGREEMENT) {
			ent->date = get_string(c, e, prefix, "date", false);
			if (ent->date && !date_is_valid(ent->date)) {
				jp(p, prefix, "date");
				err(c, p, "%s is not a date: %s", q(ent->date, qb, sizeof(qb)), date_why_not(ent->date));
			}
			const char *k = get_string(c, e, prefix, "kind", false);
			if (k) {
				ent->akind = name_lookup(agreement_kind_names, AKIND_COUNT, k);
				if (ent->akind < 0) {
					jp(p, prefix, "kind");
					warn(c, p, "%s is not an agreement kind (treaty, charter, joint-statement, declaration, resolution, other)",
					     q(k, qb, sizeof(qb)));
				}
			}
		}
	}
	r->n_ents[kind] = n;
}

/* Second pass over speakers: group members refer to other speakers. */
static void load_members(struct ctx *c, const cJSON *root)
{
	struct readout *r = c->r;
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "speakers");
	if (!cJSON_IsArray(arr))
		return;
	size_t i = 0;
	char prefix[JP], p[JP], qb[80];
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		if (!cJSON_IsObject(e))
			continue;
		jpi(prefix, "", "speakers", i);
		const cJSON *m = get_typed(c, e, prefix, "members", is_array, "an array of speaker ids");
		if (!m)
			continue;
		struct entity *ent = &RO_SPEAKERS(r)[i];
		ent->is_group = true;
		size_t n = (size_t)cJSON_GetArraySize(m), k = 0;
		ent->members = arena_alloc(&r->arena, n * sizeof(uint32_t));
		for (const cJSON *v = m->child; v; v = v->next, k++) {
			jpi(p, prefix, "members", k);
			long s = resolve(c, p, v, ENT_SPEAKER, NULL);
			if (s < 0)
				continue;
			if ((size_t)s == i) {
				err(c, p, "%s is the group itself", q(v->valuestring, qb, sizeof(qb)));
				continue;
			}
			ent->members[ent->n_members++] = (uint32_t)s;
		}
	}
}

static void load_mentions(struct ctx *c, const cJSON *root)
{
	struct readout *r = c->r;
	const cJSON *arr = get_typed(c, root, "", "mentions", is_array, "an array");
	if (!arr)
		return;
	size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
	r->mentions = arena_alloc(&r->arena, n * sizeof(struct mention));
	char prefix[JP], p[JP];
	for (const cJSON *m = arr->child; m; m = m->next, i++) {
		jpi(prefix, "", "mentions", i);
		if (!cJSON_IsObject(m)) {
			err(c, prefix, "expected an object, found %s", type_name(m));
			continue;
		}
		check_duplicate_keys(c, m, prefix);
		struct mention *mt = &r->mentions[r->n_mentions];
		jp(p, prefix, "ref");
		const cJSON *ref = cJSON_GetObjectItemCaseSensitive(m, "ref");
		long e = -1;
		if (!ref)
			err(c, p, "missing (required entity id)");
		else
			e = resolve(c, p, ref, ENT_KINDS, &mt->kind);
		bool ok = get_span(c, m, prefix, &mt->span);
		if (e >= 0 && ok) {
			mt->ent = (uint32_t)e;
			r->n_mentions++;
		}
	}
}

static uint32_t *load_refs(struct ctx *c, const cJSON *obj, const char *prefix, const char *key,
                           enum entity_kind kind, uint32_t *count)
{
	char want[40];
	snprintf(want, sizeof(want), "an array of %s ids", entity_kind_names[kind]);
	const cJSON *arr = get_typed(c, obj, prefix, key, is_array, want);
	*count = 0;
	if (!arr)
		return NULL;
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
	uint32_t *v = arena_alloc(&c->r->arena, n * sizeof(uint32_t));
	char p[JP];
	for (const cJSON *x = arr->child; x; x = x->next, k++) {
		jpi(p, prefix, key, k);
		long e = resolve(c, p, x, kind, NULL);
		if (e >= 0)
			v[(*count)++] = (uint32_t)e;
	}
	return v;
}

static void load_positions(struct ctx *c, const cJSON *root)
{
	struct readout *r = c->r;
	const cJSON *arr = get_typed(c, root, "", "positions", is_array, "an array");
	if (!arr)
		return;
	size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
	r->positions = arena_alloc(&r->arena, n * sizeof(struct position));
	struct strmap ids = { 0 };
	char prefix[JP], p[JP], qb[80];
	for (const cJSON *o = arr->child; o; o = o->next, i++) {
		jpi(prefix, "", "positions", i);
		if (!cJSON_IsObject(o)) {
			err(c, prefix, "expected an object, found %s", type_name(o));
			continue;
		}
		check_duplicate_keys(c, o, prefix);
		struct position *pos = &r->positions[i];
		pos->id = get_string(c, o, prefix, "id", true);
		if (pos->id) {
			size_t prev;
			jp(p, prefix, "id");
			if (!*pos->id)
				err(c, p, "must not be empty");
			else if (!strmap_put(&ids, pos->id, strlen(pos->id), i, &prev))
				err(c, p, "%s is already the id of positions[%zu]", q(pos->id, qb, sizeof(qb)), prev);
		}
		jp(p, prefix, "speaker");
		const cJSON *sp = cJSON_GetObjectItemCaseSensitive(o, "speaker");
		if (!sp)
			err(c, p, "missing (required speaker id)");
		else {
			long s = resolve(c, p, sp, ENT_SPEAKER, NULL);
			if (s >= 0)
				pos->speaker = (uint32_t)s;
		}
		get_span(c, o, prefix, &pos->span);
		pos->summary = get_string(c, o, prefix, "summary", false);
		pos->note = get_string(c, o, prefix, "note", false);
		pos->by = get_str(c, o, prefix, "by", false, true);
		pos->stance_text = get_str(c, o, prefix, "stance", false, true);
		pos->stance = STANCE_NONE;
		if (pos->stance_text) {
			pos->stance = name_lookup(stance_names, STANCE_COUNT, pos->stance_text);
			if (pos->stance < 0) {
				pos->stance = STANCE_UNKNOWN; /* kept and shown as it is */
				jp(p, prefix, "stance");
				warn(c, p, "%s is not a stance (support, oppose, propose, concern, affirm, neutral); kept as it is",
				     q(pos->stance_text, qb, sizeof(qb)));
			}
		}
		pos->review = REVIEW_PENDING;
		const char *rv = get_string(c, o, prefix, "review", false);
		if (rv) {
			int k = name_lookup(review_names, REVIEW_COUNT, rv);
			if (k < 0) {
				jp(p, prefix, "review");
				err(c, p, "%s is not a review state (pending, accepted, rejected)", q(rv, qb, sizeof(qb)));
			} else {
				pos->review = (enum review)k;
			}
		}
		pos->topics = load_refs(c, o, prefix, "topics", ENT_TOPIC, &pos->n_topics);
		pos->agreements = load_refs(c, o, prefix, "agreements", ENT_AGREEMENT, &pos->n_agreements);
	}
	r->n_positions = n;
	strmap_clear(&ids);
}

bool readout_from_json(const cJSON *root, const char *path, unsigned long line,
                       struct readout *r, struct diags *d)
{
	memset(r, 0, sizeof(*r));
	struct ctx c = { .path = path, .line = line, .d = d, .r = r, .rid = "(no id)" };
	char qb[80];

	/* The id first: every message names the readout. */
	const cJSON *idv = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (cJSON_IsString(idv))
		c.rid = idv->valuestring;

	check_duplicate_keys(&c, root, "");

	const char *format = get_string(&c, root, "", "format", true);
	if (format && strcmp(format, PARLEY_FORMAT) != 0)
		err(&c, "format", "%s is not \"" PARLEY_FORMAT "\"", q(format, qb, sizeof(qb)));

	r->id = get_string(&c, root, "", "id", true);
	if (r->id)
		check_id_syntax(&c, "id", r->id);

	const cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text");
	if (!text) {
		err(&c, "text", "missing (required string)");
	} else if (!cJSON_IsString(text)) {
		err(&c, "text", "expected a string, found %s", type_name(text));
	} else if (strlen(text->valuestring) > TEXT_MAX) {
		err(&c, "text", "longer than 4 GB, the most parley reads");
	} else {
		size_t n = strlen(text->valuestring);
		r->text = r->text_buf = xstrndup(text->valuestring, n);
		r->text_bytes = n;
		r->text_hash = hash64(r->text, n);
		cpmap_init(&c.map, r->text, n);
		r->text_cps = c.map.cps;
		c.have_text = true;
	}

	r->title = get_string(&c, root, "", "title", false);
	r->place = get_string(&c, root, "", "place", false);
	r->event = get_string(&c, root, "", "event", false);
	r->date = get_string(&c, root, "", "date", false);
	if (r->date && !date_is_valid(r->date)) /* (and why: 2018-02-29 was "not a date") */
		err(&c, "date", "%s is not a date: %s", q(r->date, qb, sizeof(qb)), date_why_not(r->date));
	r->lang = get_string(&c, root, "", "lang", false);
	if (r->lang && !lang_is_valid(r->lang))
		err(&c, "lang", "%s is not a BCP 47 language tag (e.g. \"fr\", \"zh-Hans\")", q(r->lang, qb, sizeof(qb)));
	else if (r->lang && !lang_is_assigned(r->lang))
		warn(&c, "lang", "%s is not an assigned language code (e.g. \"fr\", \"zh-Hans\")", q(r->lang, qb, sizeof(qb)));
	r->kind = KIND_NONE;
	const char *kind = get_string(&c, root, "", "kind", false);
	if (kind) {
		r->kind = name_lookup(readout_kind_names, KIND_COUNT, kind);
		if (r->kind < 0)
			warn(&c, "kind", "%s is not a readout kind (meeting, call, video-call, talks, multilateral, statement, other)",
			     q(kind, qb, sizeof(qb)));
	}
	r->issuer = get_string(&c, root, "", "issuer", false);
	if (r->issuer)
		check_country(&c, "issuer", r->issuer);

	const cJSON *src = get_typed(&c, root, "", "source", is_object, "an object");
	if (src) {
		check_duplicate_keys(&c, src, "source");
		r->src_publisher = get_string(&c, src, "source", "publisher", false);
		r->src_url = get_string(&c, src, "source", "url", false);
		r->src_retrieved = get_string(&c, src, "source", "retrieved", false);
	}

	for (int k = 0; k < ENT_KINDS; k++)
		load_entities(&c, root, (enum entity_kind)k);
	load_members(&c, root);

	r->initiator = -1;
	const cJSON *ini = cJSON_GetObjectItemCaseSensitive(root, "initiator");
	if (ini)
		r->initiator = (int)resolve(&c, "initiator", ini, ENT_SPEAKER, NULL);

	load_mentions(&c, root);
	load_positions(&c, root);

	cpmap_free(&c.map);
	strmap_clear(&c.ents);
	if (c.errors) {
		readout_free(r);
		return false;
	}
	return true;
}
