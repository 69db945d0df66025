/* bytes.h - the fields of the files parley writes for itself (the index
 * cache, cache.h, and the names table beside it, names_index.h): numbers
 * in the byte order of the machine that wrote them, strings as a u32
 * length (NOSTR: none), their bytes and a NUL; and read back with every
 * read checked against the end of what is read, a read past it setting
 * `bad` (and reading nothing more) rather than failing then and there.
 * Inline: decoding a cache's records is a hot path. */
#ifndef PARLEY_BYTES_H
#define PARLEY_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

#define NOSTR 0xFFFFFFFFu

/* --- writing ------------------------------------------------------------ */
static inline void put(struct strbuf *b, const void *p, size_t n)
{
	sb_add(b, p, n);
}

static inline void put8(struct strbuf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;
	put(b, &c, 1);
}

static inline void put32(struct strbuf *b, uint32_t v)
{
	put(b, &v, 4);
}

static inline void put64(struct strbuf *b, uint64_t v)
{
	put(b, &v, 8);
}

static inline void putstr(struct strbuf *b, const char *s)
{
	if (!s) {
		put32(b, NOSTR);
		return;
	}
	size_t n = strlen(s);
	if (n >= NOSTR)
		n = NOSTR - 1; /* never happens: files are read whole into memory */
	put32(b, (uint32_t)n);
	put(b, s, n);
	put8(b, 0);
}


/* --- reading ------------------------------------------------------------ */
struct rd {
	const unsigned char *p, *end;
	bool bad;
	struct arena *to;      /* strings are copied there, else point into the bytes */
};

static inline bool get(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return false;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static inline unsigned get8(struct rd *r)
{
	if (r->bad || r->p == r->end) {
		r->bad = true;
		return 0;
	}
	return *r->p++;
}

static inline uint32_t get32(struct rd *r)
{
	uint32_t v;
	get(r, &v, sizeof(v));
	return v;
}

static inline uint64_t get64(struct rd *r)
{
	uint64_t v;
	get(r, &v, sizeof(v));
	return v;
}

/* A string: a pointer into the bytes, NUL-terminated there; *len gets
 * its length.  (inline: pool_getstrn reads each position's strings by
 * it, on the hot path of a count) */
static inline const char *getstrn(struct rd *r, bool required, size_t *len)
{
	uint32_t n = get32(r);
	*len = 0;
	if (r->bad)
		return NULL;
	if (n == NOSTR) {
		if (required)
			r->bad = true;
		return NULL;
	}
	if ((size_t)(r->end - r->p) < (size_t)n + 1 || r->p[n] != '\0') {
		r->bad = true;
		return NULL;
	}
	const char *s = (const char *)r->p;
	r->p += (size_t)n + 1;
	*len = n;
	return r->to ? arena_strndup(r->to, s, n) : s;
}

static inline const char *getstr(struct rd *r, bool required)
{
	size_t n;
	return getstrn(r, required, &n);
}

#endif
