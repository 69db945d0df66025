/* arena.c - bump allocator (its chunks from malloc, or from slabs of huge
 * pages for the browser's loader) and checked allocation helpers. */
#include "arena.h"
#include "mem.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

struct slab;

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	struct slab *slab;         /* the slab it was cut from, NULL: malloc's */
	max_align_t data[];
};

/* A slab: SLAB_SIZE bytes mapped at a multiple of SLAB_SIZE, the chunks
 * cut from it one after the other (not reused, but for the last one cut
 * when its own thread frees it: arena_free); it is unmapped when the last
 * of them is freed and neither a thread nor the spares (below) have it.
 * refs: its chunks not freed, plus one while a thread or the spares have
 * it. */
struct slab {
	size_t refs, used;
	max_align_t data[];
};

/* The size of a huge page (x86-64, arm64 with 4 KB pages): a slab is
 * one, so that where the system has them for those who ask
 * (transparent_hugepage "madvise") a slab's memory is had in one fault,
 * not 512. */
#define SLAB_SIZE ((size_t)2 << 20)
/* Larger chunks (an arena of a large readout's) are malloc's. */
#define SLAB_CHUNK_MAX ((size_t)64 << 10)

/* A chunk and its header fit malloc's per-thread cache of small blocks
 * (glibc's tcache: 1032 bytes), so that the chunk of a readout decoded and
 * let go (a query leaving it out) is had again without a search.  Half of
 * that: a readout's last chunk is half empty on average, and a browser
 * holds 100000 of them (a tenth of its memory with chunks of 1 KB).  (A
 * slab's chunks are of the same size, for the second reason.) */
#define ARENA_MIN_CHUNK (512 - sizeof(struct arena_chunk))
/* An arena holding more than a readout does gets larger chunks: fewer
 * allocations (and frees, maybe on another thread) for what is freed
 * together. */
#define ARENA_GROW_FROM ((size_t)16 << 10)
#define ARENA_MAX_GROW ((size_t)256 << 10)

static _Thread_local jmp_buf *recover_at;
static void (*on_failure)(void);

/* --- slabs ---------------------------------------------------------------- */
/* Not under AddressSanitizer: its checks are of what malloc hands out. */
#if defined(__SANITIZE_ADDRESS__)
#define SLABS_BUILT 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLABS_BUILT 0
#endif
#endif
#ifndef SLABS_BUILT
#define SLABS_BUILT 1
#endif

static _Thread_local bool slabs_on;
static size_t slabs_mapped; /* (atomic) */
static _Thread_local struct slab *slab_now;
static pthread_key_t slab_key;
static pthread_once_t slab_key_once = PTHREAD_ONCE_INIT;

static void slab_unref(struct slab *s)
{
	if (__atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		munmap(s, SLAB_SIZE);
		__atomic_sub_fetch(&slabs_mapped, 1, __ATOMIC_RELAXED);
	}
}

/* Slabs left with room by threads that ended or turned slabs off, for
 * the next thread that needs one: a load's threads come and go (one per
 * block of a .jsonl, say), and a slab each, mostly empty, would hold
 * far more than their readouts. */
#define SLAB_SPARE 16
static pthread_mutex_t spare_mu = PTHREAD_MUTEX_INITIALIZER;
static struct slab *spare[SLAB_SPARE];
static size_t n_spare;

/* Room left in slab s for chunks. */
static size_t slab_room(const struct slab *s)
{
	return SLAB_SIZE - offsetof(struct slab, data) - s->used;
}

/* The thread's slab let go (at arena_slabs(false), or when its thread
 * ends: the key's destructor): kept for another thread when it has room
 * (its thread's reference now the spares'), else unreferenced. */
static void slab_retire(void *arg)
{
	struct slab *s = arg;
	if (!s)
		return;
	bool kept = false;
	if (slab_room(s) >= SLAB_CHUNK_MAX) {
		pthread_mutex_lock(&spare_mu);
		if (n_spare < SLAB_SPARE) {
			spare[n_spare++] = s;
			kept = true;
		}
		pthread_mutex_unlock(&spare_mu);
	}
	if (!kept)
		slab_unref(s);
}

void arena_slabs_release(void)
{
	pthread_mutex_lock(&spare_mu);
	size_t n = n_spare;
	struct slab *v[SLAB_SPARE];
	memcpy(v, spare, n * sizeof(*v));
	n_spare = 0;
	pthread_mutex_unlock(&spare_mu);
	for (size_t i = 0; i < n; i++)
		slab_unref(v[i]);
}

/* A spare slab (its reference now the caller's), or NULL. */
static struct slab *slab_spare(void)
{
	struct slab *s = NULL;
	pthread_mutex_lock(&spare_mu);
	if (n_spare)
		s = spare[--n_spare];
	pthread_mutex_unlock(&spare_mu);
	return s;
}

/* The key's destructor: the thread ends, slabs off (nothing after this
 * may cut from the slab it hands on). */
static void slab_thread_end(void *s)
{
	slab_now = NULL;
	slabs_on = false;
	slab_retire(s);
}

static void slab_key_make(void)
{
	if (pthread_key_create(&slab_key, slab_thread_end) != 0)
		slab_key = (pthread_key_t)-1;
}

/* A new slab, SLAB_SIZE-aligned (mapped with room to spare, the spare
 * unmapped), its pages asked to be a huge page and made present at once
 * (either may be refused: older systems, none configured); NULL when
 * there is no memory for one. */
static struct slab *slab_new(void)
{
	size_t span = 2 * SLAB_SIZE;
	char *m = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	char *at = (char *)(((uintptr_t)m + SLAB_SIZE - 1) & ~(uintptr_t)(SLAB_SIZE - 1));
	if (at > m)
		munmap(m, (size_t)(at - m));
	if (at + SLAB_SIZE < m + span)
		munmap(at + SLAB_SIZE, (size_t)(m + span - (at + SLAB_SIZE)));
#ifdef MADV_HUGEPAGE
	(void)madvise(at, SLAB_SIZE, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
	(void)madvise(at, SLAB_SIZE, MADV_POPULATE_WRITE);
#endif
	struct slab *s = (struct slab *)at;
	__atomic_add_fetch(&slabs_mapped, 1, __ATOMIC_RELAXED);
	s->refs = 1;
	s->used = 0;
	return s;
}

bool arena_slabs_built(void)
{
	return SLABS_BUILT;
}

size_t arena_slabs_mapped(void)
{
	return __atomic_load_n(&slabs_mapped, __ATOMIC_RELAXED);
}

void memory_give_back(void)
{
	arena_slabs_release();
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

bool arena_slabs(bool on)
{
	if (!SLABS_BUILT)
		return false;
	if (on && !slabs_on) {
		pthread_once(&slab_key_once, slab_key_make);
		slabs_on = slab_key != (pthread_key_t)-1;
	} else if (!on && slabs_on) {
		slabs_on = false;
		if (slab_now) {
			pthread_setspecific(slab_key, NULL);
			slab_retire(slab_now);
			slab_now = NULL;
		}
	}
	return slabs_on;
}

struct spawn {
	void *(*fn)(void *);
	void *arg;
	bool slabs;
};

static void *spawned(void *p)
{
	struct spawn s = *(struct spawn *)p;
	free(p);
	arena_slabs(s.slabs);
	return s.fn(s.arg);
}

int arena_thread_create(pthread_t *t, void *(*fn)(void *), void *arg)
{
	struct spawn *s = malloc(sizeof(*s));
	if (!s)
		return ENOMEM;
	*s = (struct spawn){ fn, arg, slabs_on };
	int err = pthread_create(t, NULL, spawned, s);
	if (err)
		free(s);
	return err;
}

/* What a chunk of size bytes of data takes of a slab, its header
 * included. */
static size_t slab_cut(size_t size)
{
	size += sizeof(struct arena_chunk);
	return (size + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
}

/* A chunk of size bytes of data from this thread's slab, a new one when
 * it has no room; NULL when slabs are off for the thread, or the chunk is
 * too large for one, or there is no memory for a slab (then slabs are off
 * for the thread from now on: not a try for each chunk). */
static struct arena_chunk *slab_chunk(size_t size)
{
	if (!slabs_on || size > SLAB_CHUNK_MAX)
		return NULL;
	size = slab_cut(size);
	struct slab *s = slab_now;
	if (!s || slab_room(s) < size) {
		/* (a spare has room for any chunk: SLAB_CHUNK_MAX at least) */
		struct slab *n = slab_spare();
		if (!n)
			n = slab_new();
		if (!n) {
			arena_slabs(false);
			return NULL;
		}
		if (pthread_setspecific(slab_key, n) != 0) {
			slab_retire(n);
			arena_slabs(false);
			return NULL;
		}
		if (s)
			slab_retire(s);
		slab_now = s = n;
	}
	struct arena_chunk *c = (struct arena_chunk *)((char *)s->data + s->used);
	s->used += size;
	__atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
	c->slab = s;
	return c;
}

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

/* The whole huge pages within the block p of n bytes asked to be huge
 * pages, from the byte `from` on (those before it are written already). */
static void advise_huge(void *p, size_t from, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n < ARENA_HUGE_FROM)
		return;
	uintptr_t lo = ((uintptr_t)p + from + SLAB_SIZE - 1) & ~(uintptr_t)(SLAB_SIZE - 1);
	uintptr_t hi = ((uintptr_t)p + n) & ~(uintptr_t)(SLAB_SIZE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p, (void)from, (void)n;
#endif
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
	advise_huge(*vp, *cap * elem, c * elem);
	*cap = c;
}

void grow_exact(void *v, size_t *cap, size_t need, size_t elem)
{
	void **vp = v;
	if (need <= *cap)
		return;
	if (need > SIZE_MAX / elem)
		xalloc_failed();
	*vp = xrealloc(*vp, need * elem);
	advise_huge(*vp, *cap * elem, need * elem);
	*cap = need;
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
		struct arena_chunk *n = slab_chunk(want);
		if (!n) {
			n = xmalloc(sizeof(*n) + want);
			n->slab = NULL;
		}
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

bool arena_expect(struct arena *a, size_t n)
{
	if (a->head || !n)
		return false;
	struct arena_chunk *c = slab_chunk(n);
	if (!c)
		return false;
	c->size = n;
	c->used = 0;
	c->next = NULL;
	a->head = c;
	return true;
}

void arena_trim(struct arena *a)
{
	struct arena_chunk *c = a->head;
	struct slab *s = c ? c->slab : NULL;
	if (!s || s != slab_now || (char *)c + slab_cut(c->size) != (char *)s->data + s->used)
		return;
	size_t keep = c->used ? c->used : 1;
	s->used -= slab_cut(c->size) - slab_cut(keep);
	c->size = keep;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *n = c->next;
		struct slab *s = c->slab;
		size_t cut = s ? slab_cut(c->size) : 0;
		if (s && s == slab_now && (char *)c + cut == (char *)s->data + s->used) {
			/* the last cut from this thread's slab: cut again next
			 * (a readout that did not load, freed at once) */
			s->used -= cut;
			__atomic_sub_fetch(&s->refs, 1, __ATOMIC_RELAXED); /* (the thread's is left) */
		} else if (s) {
			slab_unref(s);
		} else {
			free(c);
		}
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
