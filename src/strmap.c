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

static struct strmap_slot *find(const struct strmap *m, const char *key, size_t len, size_t h)
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

bool strmap_get(const struct strmap *m, const char *key, size_t len, size_t *value)
{
	if (!m->cap)
		return false;
	struct strmap_slot *s = find(m, key, len, strmap_hash(key, len));
	if (!s->key)
		return false;
	if (value)
		*value = s->value;
	return true;
}

static void rehash(struct strmap *m, size_t cap)
{
	struct strmap old = *m;
	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].len, old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

bool strmap_put(struct strmap *m, const char *key, size_t len, size_t value, size_t *existing)
{
	if ((m->count + 1) * 2 >= m->cap) /* at most half full: short probes */
		rehash(m, m->cap ? m->cap * 2 : 16);
	size_t h = strmap_hash(key, len);
	struct strmap_slot *s = find(m, key, len, h);
	if (s->key) {
		if (existing)
			*existing = s->value;
		return false;
	}
	s->key = key;
	s->len = len;
	s->hash = h;
	s->value = value;
	m->count++;
	return true;
}

void strmap_clear(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
