/* arena.c - bump allocator and checked allocation helpers. */
#include "arena.h"
#include "mem.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

/* A chunk and its header fit malloc's per-thread cache of small blocks
 * (glibc's tcache: 1032 bytes), so that the chunk of a readout decoded and
 * let go (a query leaving it out) is had again without a search.  Half of
 * that: a readout's last chunk is half empty on average, and a browser
 * holds 100000 of them (a tenth of its memory with chunks of 1 KB). */
#define ARENA_MIN_CHUNK (512 - sizeof(struct arena_chunk))
/* An arena holding more than a readout does gets larger chunks: fewer
 * allocations (and frees, maybe on another thread) for what is freed
 * together. */
#define ARENA_GROW_FROM ((size_t)16 << 10)
#define ARENA_MAX_GROW ((size_t)256 << 10)

static _Thread_local jmp_buf *recover_at;
static void (*on_failure)(void);

void xalloc_recover_at(jmp_buf *jb)
{
	recover_at = jb;
}

void xalloc_on_failure(void (*hook)(void))
{
	on_failure = hook;
}

_Noreturn void xalloc_failed(void)
{
	if (recover_at) {
		jmp_buf *jb = recover_at;
		recover_at = NULL;
		longjmp(*jb, 1);
	}
	if (on_failure)
		on_failure();
	fputs("parley: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		xalloc_failed();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xalloc_failed();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		xalloc_failed();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	mem_copy(p, s, n);
	p[n] = '\0';
	return p;
}

void grow(void *v, size_t *cap, size_t need, size_t elem)
{
	void **vp = v;
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem)
			xalloc_failed();
		c *= 2;
	}
	*vp = xrealloc(*vp, c * elem);
	*cap = c;
}

/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t) from the current chunk, or from a new one; not zeroed. */
static void *alloc(struct arena *a, size_t size, size_t align)
{
	if (!size)
		size = 1;
	struct arena_chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at > c->size || c->size - at < size) {
		/* an arena of many things (the heads of a file's readouts) is
		 * given chunks as large as what it holds, up to ARENA_MAX_GROW */
		size_t held = a->used_total < ARENA_MAX_GROW ? a->used_total : ARENA_MAX_GROW;
		size_t chunk = held >= ARENA_GROW_FROM ? held : ARENA_MIN_CHUNK;
		/* A big block gets a chunk of its own, of its size, behind the
		 * current one, so the space left in the current chunk is not
		 * wasted. */
		bool own = c && size > chunk / 4;
		size_t want = own || size > chunk ? size : chunk;
		struct arena_chunk *n = xmalloc(sizeof(*n) + want);
		n->size = want;
		n->used = 0;
		if (own) {
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			a->head = n;
		}
		c = n;
		at = 0;
	}
	void *p = (char *)c->data + at;
	c->used = at + size;
	a->used_total += size;
	return p;
}

/* What an allocation of size bytes is aligned to: the largest power of
 * two that divides size, at most max_align_t's.  Enough for an array of
 * any type (its size a multiple of the type's, itself of its alignment),
 * and not a 16-byte step for each small array (a position's topics, an
 * entity's members), which made a tenth of a large corpus's memory. */
static size_t align_for(size_t size)
{
	size_t low = size & (~size + 1);
	return low < _Alignof(max_align_t) ? low : _Alignof(max_align_t);
}

/* The empty allocations: one object, never written (nothing to write). */
static max_align_t empty;

void *arena_alloc(struct arena *a, size_t size)
{
	if (!size)
		return &empty;
	void *p = alloc(a, size, align_for(size));
	memset(p, 0, size);
	return p;
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
	return size ? alloc(a, size, align_for(size)) : &empty;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = alloc(a, n + 1, 1); /* strings are packed */
	mem_copy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
	a->used_total = 0;
}

void sb_add(struct strbuf *b, const void *s, size_t n)
{
	grow(&b->s, &b->cap, b->n + n + 1, 1);
	mem_copy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void sb_adds(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}
