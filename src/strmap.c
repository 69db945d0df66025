/* strmap.c - open-addressing string hash map (FNV-1a, linear probing). */
#include "strmap.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

size_t strmap_hash(const char *s, size_t n)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

/* What a slot keeps of a key's hash, and where its probe starts. */
static uint32_t fold32(size_t h)
{
	return (uint32_t)(h ^ (h >> 16 >> 16));
}

static struct strmap_slot *find(const struct strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

/* The slot of key in the table (the new one), else in the old one while
 * its slots move; NULL when in neither (*empty, when asked: the new
 * table's slot it would go in). */
static struct strmap_slot *lookup(const struct strmap *m, const char *key, size_t len, uint32_t h,
                                  struct strmap_slot **empty)
{
	struct strmap_slot *s = find(m, key, len, h);
	if (s->key)
		return s;
	if (empty)
		*empty = s;
	if (m->old) {
		struct strmap o = { .slots = m->old, .cap = m->old_cap };
		s = find(&o, key, len, h);
		if (s->key)
			return s;
	}
	return NULL;
}

bool strmap_get(const struct strmap *m, const char *key, size_t len, size_t *value)
{
	if (!m->cap)
		return false;
	const struct strmap_slot *s = lookup(m, key, len, fold32(strmap_hash(key, len)), NULL);
	if (!s)
		return false;
	if (value)
		*value = s->value;
	return true;
}

/* Slots of the old table moved per put: the old table (cap/2 slots, a
 * quarter full) is empty before the new one is half full (cap/4 puts). */
#define MOVE_PER_PUT 8

/* Up to n more slots of the old table move to the new one (those already
 * there, put again meanwhile, are not copied twice: a key is put once). */
static void move_some(struct strmap *m, size_t n)
{
	for (; m->old && n; n--) {
		if (m->moved == m->old_cap) {
			free(m->old);
			m->old = NULL;
			m->old_cap = m->moved = 0;
			break;
		}
		const struct strmap_slot *o = &m->old[m->moved++];
		if (o->key) {
			struct strmap_slot *s = find(m, o->key, o->len, o->hash);
			if (!s->key)
				*s = *o;
		}
	}
}

static void grow_table(struct strmap *m, size_t cap)
{
	move_some(m, (size_t)-1); /* one still moving (never, at MOVE_PER_PUT) moves at once */
	if (m->cap) {
		m->old = m->slots;
		m->old_cap = m->cap;
		m->moved = 0;
	}
	/* zeroed by writing, not calloc: a large table comes fresh from the
	 * system, and a slot looked up before it is written would first map
	 * the shared zero page, and the write then replace it, flushing the
	 * page from every processor running a thread of parley */
	if (cap > SIZE_MAX / sizeof(*m->slots))
		xalloc_failed();
	m->slots = xmalloc(cap * sizeof(*m->slots));
	memset(m->slots, 0, cap * sizeof(*m->slots));
	m->cap = cap;
}

size_t *strmap_put_slot(struct strmap *m, const char *key, size_t len, bool *added)
{
	return strmap_put_slot_hash(m, key, len, strmap_hash(key, len), added);
}

size_t *strmap_put_slot_hash(struct strmap *m, const char *key, size_t len, size_t hash, bool *added)
{
	if (len > UINT32_MAX) /* (an id or a path: never, a file's size is bounded first) */
		abort();
	if ((m->count + 1) * 2 >= m->cap) /* at most half full: short probes */
		grow_table(m, m->cap ? m->cap * 2 : 16);
	move_some(m, MOVE_PER_PUT);
	uint32_t h = fold32(hash);
	struct strmap_slot *s = NULL, *had = lookup(m, key, len, h, &s);
	*added = !had;
	if (had)
		return &had->value;
	s->key = key;
	s->len = (uint32_t)len;
	s->hash = h;
	s->value = 0;
	m->count++;
	return &s->value;
}

bool strmap_put(struct strmap *m, const char *key, size_t len, size_t value, size_t *existing)
{
	bool added;
	size_t *v = strmap_put_slot(m, key, len, &added);
	if (added)
		*v = value;
	else if (existing)
		*existing = *v;
	return added;
}

void strmap_prefetch(const struct strmap *m, const char *key, size_t len)
{
	strmap_prefetch_hash(m, strmap_hash(key, len));
}

void strmap_prefetch_hash(const struct strmap *m, size_t h)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[fold32(h) & (m->cap - 1)]);
}

void strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = 16;
	while (cap <= (n + 1) * 2 && cap < SIZE_MAX / 4 / sizeof(struct strmap_slot))
		cap *= 2;
	if (cap <= m->cap)
		return;
	if (!m->count && !m->old) { /* (nothing to move) */
		free(m->slots);
		m->slots = NULL;
		m->cap = 0;
	}
	grow_table(m, cap);
}

void strmap_clear(struct strmap *m)
{
	free(m->slots);
	free(m->old);
	m->slots = m->old = NULL;
	m->cap = m->count = m->old_cap = m->moved = 0;
}
