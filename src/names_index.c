/* names_index.c - the names of a corpus's entities, noted from its
 * readouts, and as bytes to keep beside the index cache (see
 * names_index.h).
 *
 * Bytes, in the byte order of the machine that wrote them:
 *
 *   header (40 bytes): magic "PARLEYNM", u32 version, u32 0x01020304,
 *                      u64 the cache's checksum, u64 body length,
 *                      u64 hash64 of the body
 *   body:              u64 declarations, then per kind (speakers, topics,
 *                      agreements): u32 count, then each entity: str id,
 *                      u8 group, u64 at, u32 names, then each name:
 *                      str name, 12 bytes lang, u8 label, u32 readouts,
 *                      u64 at, u8 group (names_seen)
 *   str:               bytes.h's (never none, no NUL among its bytes)
 */
#include "names_index.h"
#include "bytes.h"
#include "hash.h"

#include <stdlib.h>
#include <string.h>

#define NAMES_MAGIC "PARLEYNM"
#define NAMES_VERSION 3u
#define NAMES_ENDIAN 0x01020304u
#define NAMES_HEADER 40
#define ENT_MIN 18  /* an entity's bytes at the least: an empty id, its flag and at, no names */
#define NAME_MIN 31 /* a name's: an empty string, its lang, flag, count, at and group */

static struct names_ent *ent_add(struct names_index *ni, int k, const char *id, size_t idn, bool group, uint64_t at_decl)
{
	size_t at;
	if (strmap_get(&ni->ids[k], id, idn, &at))
		return &ni->v[k][at];
	at = ni->n[k];
	grow(&ni->v[k], &ni->cap[k], at + 1, sizeof(*ni->v[k]));
	struct names_ent *x = &ni->v[k][at];
	memset(x, 0, sizeof(*x));
	x->id = arena_strndup(&ni->arena, id, idn);
	x->group = group;
	x->at = at_decl;
	strmap_put(&ni->ids[k], x->id, idn, at, &at);
	ni->n[k]++;
	return x;
}

/* Name fn, just made (the last) of entity x, is first given by
 * declaration `at`, which says whether x is a group: its string copied,
 * where it was seen kept. */
static void new_name(struct names_index *ni, struct names_ent *x, struct facet_name *fn, uint64_t at, bool group)
{
	fn->s = arena_strdup(&ni->arena, fn->s);
	grow(&x->seen, &x->cap_seen, x->n, sizeof(*x->seen));
	x->seen[x->n - 1] = (struct names_seen){ at, group };
}

void names_index_note(struct names_index *ni, const struct readout *r, unsigned labels, unsigned aliases)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!((labels | aliases) >> k & 1))
			continue;
		for (size_t i = 0; i < r->n_ents[k]; i++) {
			const struct entity *e = &r->ents[k][i];
			struct names_ent *x = ent_add(ni, k, e->id, strlen(e->id), e->is_group, ni->decls);
			bool made;
			/* (the readout may be left out and freed: a new name is copied) */
			struct facet_name *fn = facet_names_add(&x->v, &x->n, &x->cap, e->label, r->lang, true, &made);
			if (made)
				new_name(ni, x, fn, ni->decls, e->is_group);
			for (size_t a = 0; (aliases >> k & 1) && a < e->n_aliases; a++) {
				fn = facet_names_add(&x->v, &x->n, &x->cap, e->aliases[a], NULL, false, &made);
				if (made)
					new_name(ni, x, fn, ni->decls, e->is_group);
			}
			ni->decls++;
		}
	}
}

void names_index_give(struct names_index *ni, enum entity_kind k, const char *id, bool group,
                      const struct facet_name *nm)
{
	struct names_ent *x = ent_add(ni, k, id, strlen(id), group, 0);
	bool made;
	struct facet_name *fn = facet_names_add(&x->v, &x->n, &x->cap, nm->s, nm->label ? nm->lang : NULL, nm->label,
	                                        &made);
	if (made)
		new_name(ni, x, fn, 0, group);
	fn->readouts += nm->readouts - 1; /* (facet_names_add counted one) */
}

long names_index_find(const struct names_index *ni, enum entity_kind k, const char *id)
{
	size_t at;
	return strmap_get(&ni->ids[k], id, strlen(id), &at) ? (long)at : -1;
}

void names_index_clear(struct names_index *ni)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		for (size_t i = 0; i < ni->n[k]; i++) {
			free(ni->v[k][i].v);
			free(ni->v[k][i].seen);
		}
		ni->n[k] = 0;
		strmap_clear(&ni->ids[k]);
	}
	ni->decls = 0;
	/* (the arena's strings stay till names_index_free: a clear is rare) */
}

void names_index_free(struct names_index *ni)
{
	names_index_clear(ni);
	for (int k = 0; k < ENT_KINDS; k++)
		free(ni->v[k]);
	arena_free(&ni->arena);
	memset(ni, 0, sizeof(*ni));
}

/* --- as bytes ------------------------------------------------------------ */
static void seal(unsigned char *p, uint64_t key, uint64_t body);

void names_index_encode(const struct names_index *ni, uint64_t key, struct strbuf *b)
{
	size_t at = b->n;
	unsigned char header[NAMES_HEADER] = { 0 };
	sb_add(b, header, sizeof(header));
	put64(b, ni->decls);
	for (int k = 0; k < ENT_KINDS; k++) {
		put32(b, (uint32_t)ni->n[k]);
		for (size_t i = 0; i < ni->n[k]; i++) {
			const struct names_ent *x = &ni->v[k][i];
			putstr(b, x->id);
			put8(b, x->group);
			put64(b, x->at);
			put32(b, (uint32_t)x->n);
			for (size_t j = 0; j < x->n; j++) {
				putstr(b, x->v[j].s);
				put(b, x->v[j].lang, sizeof(x->v[j].lang));
				put8(b, x->v[j].label);
				put32(b, x->v[j].readouts);
				put64(b, x->seen[j].at);
				put8(b, x->seen[j].group);
			}
		}
	}
	seal((unsigned char *)b->s + at, key, b->n - at - NAMES_HEADER);
}

/* The header for the body after it (p + NAMES_HEADER, body bytes) and
 * key. */
static void seal(unsigned char *p, uint64_t key, uint64_t body)
{
	uint32_t version = NAMES_VERSION, endian = NAMES_ENDIAN;
	uint64_t h = hash64(p + NAMES_HEADER, (size_t)body);
	memcpy(p, NAMES_MAGIC, 8);
	memcpy(p + 8, &version, 4);
	memcpy(p + 12, &endian, 4);
	memcpy(p + 16, &key, 8);
	memcpy(p + 24, &body, 8);
	memcpy(p + 32, &h, 8);
}

void names_index_reseal(void *p, size_t n)
{
	uint64_t key;
	if (n < NAMES_HEADER)
		return;
	memcpy(&key, (unsigned char *)p + 16, 8);
	seal(p, key, n - NAMES_HEADER);
}

/* A string of the table: bytes.h's, never none, without a NUL among its
 * bytes; *n its length. */
static const char *table_str(struct rd *r, size_t *n)
{
	const char *s = getstrn(r, true, n);
	if (s && strlen(s) != *n)
		r->bad = true;
	return r->bad ? NULL : s;
}

/* A language as facet_name holds it: NUL-terminated, padded with NULs. */
static bool padded(const unsigned char *lang, size_t n)
{
	size_t k = 0;
	while (k < n && lang[k])
		k++;
	while (k < n && !lang[k])
		k++;
	return k == n && lang[n - 1] == 0;
}

bool names_index_decode(struct names_index *ni, const void *bytes, size_t n, uint64_t key)
{
	const unsigned char *p = bytes;
	uint32_t version, endian;
	uint64_t fkey, body, h;
	if (n < NAMES_HEADER || memcmp(p, NAMES_MAGIC, 8) != 0)
		return false;
	memcpy(&version, p + 8, 4);
	memcpy(&endian, p + 12, 4);
	memcpy(&fkey, p + 16, 8);
	memcpy(&body, p + 24, 8);
	memcpy(&h, p + 32, 8);
	if (version != NAMES_VERSION || endian != NAMES_ENDIAN || fkey != key || body != n - NAMES_HEADER
	    || hash64(p + NAMES_HEADER, (size_t)body) != h)
		return false;
	struct rd r = { p + NAMES_HEADER, p + n, false, NULL };
	ni->decls = get64(&r);
	for (int k = 0; k < ENT_KINDS && !r.bad; k++) {
		uint32_t ne = get32(&r);
		if (ne > (size_t)(r.end - r.p) / ENT_MIN)
			r.bad = true;
		for (uint32_t i = 0; i < ne && !r.bad; i++) {
			size_t idn, sn;
			const char *id = table_str(&r, &idn);
			unsigned g = get8(&r);
			uint64_t at = get64(&r);
			uint32_t nn = get32(&r);
			if (r.bad || g > 1 || at >= ni->decls || nn > (size_t)(r.end - r.p) / NAME_MIN
			    || strmap_get(&ni->ids[k], id, idn, &sn)) {
				r.bad = true; /* (an id twice: not what encode makes) */
				break;
			}
			struct names_ent *x = ent_add(ni, k, id, idn, g, at);
			x->v = xcalloc(nn ? nn : 1, sizeof(*x->v));
			x->seen = xcalloc(nn ? nn : 1, sizeof(*x->seen));
			x->cap = x->cap_seen = nn ? nn : 1;
			for (uint32_t j = 0; j < nn && !r.bad; j++) {
				const char *s = table_str(&r, &sn);
				unsigned char lang[sizeof(x->v[0].lang)];
				get(&r, lang, sizeof(lang));
				unsigned label = get8(&r);
				uint32_t readouts = get32(&r);
				uint64_t sat = get64(&r);
				unsigned sg = get8(&r);
				if (r.bad || label > 1 || !padded(lang, sizeof(lang)) || readouts == 0 || sat < at
				    || sat >= ni->decls || sg > 1)
					r.bad = true;
				else {
					x->seen[x->n] = (struct names_seen){ sat, sg };
					struct facet_name *fn = &x->v[x->n++];
					fn->s = arena_strndup(&ni->arena, s, sn);
					memcpy(fn->lang, lang, sizeof(fn->lang));
					fn->label = label;
					fn->readouts = readouts;
					fn->hash = facet_name_hash(fn->s, sn);
				}
			}
		}
	}
	if (r.bad || r.p != r.end) {
		names_index_clear(ni);
		return false;
	}
	return true;
}
