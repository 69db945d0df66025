/* arena.h - bump allocation for a readout's strings and arrays.
 *
 * A readout owns one arena; everything the compact model points to lives in
 * it and is released in one go when the readout is freed.
 *
 * Allocation failure aborts (after a hook that gives the terminal back),
 * unless the failing thread set a recovery point: a loader then skips the
 * one file whose loading ran out of memory and goes on with the others.
 */
#ifndef PARLEY_ARENA_H
#define PARLEY_ARENA_H

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used_total;        /* bytes handed out, for statistics */
};

/* Aligned for any object (or array) of that size; size 0: a pointer
 * that nothing may be written through. */
void *arena_alloc(struct arena *a, size_t size);               /* zeroed */
void *arena_alloc_raw(struct arena *a, size_t size);           /* not zeroed: for what is written whole */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);
/* For an arena about to be filled at once and then kept (a readout
 * decoded from the index cache): its first chunk, of n bytes, cut now
 * from the thread's slab, and arena_trim, once it is filled, gives back
 * to the slab what it did not use (the last chunk cut from a slab can
 * shrink).  A readout then takes one chunk of its size, not half a dozen
 * with their headers and a half-empty last one (a seventh of a large
 * corpus's memory).  Nothing (false) when the arena has a chunk already
 * or slabs are off for the thread (a chunk of malloc's cannot shrink in
 * place). */
bool arena_expect(struct arena *a, size_t n);
void arena_trim(struct arena *a);

/* This thread's arenas take their chunks from slabs of 2 MB (on) or from
 * malloc (off, the start).  For a thread that makes many arenas kept
 * long (the readouts of a corpus held whole, as the browser holds it):
 * their memory comes a huge page at a time where the system gives those
 * on request, a few faults where there were hundreds.  A chunk's space
 * is not reused when it is freed; a slab goes when all of its chunks
 * have and no thread has it.  A thread that ends or turns slabs off
 * leaves its slab, if it has room, to the next thread that needs one;
 * arena_slabs_release lets those left go (after a load: each goes when
 * its chunks have).  A slab is asked of the system as a huge page and
 * made present whole: a thread that cuts little from it still holds 2 MB
 * (the spares, 16 at most, bound what threads that ended leave).  No
 * slabs under AddressSanitizer, whose checks are of malloc's blocks; a
 * leak checker that does not look into mappings (LeakSanitizer alone,
 * valgrind) wants them off in the browser: PARLEY_NO_SLABS.  Whether
 * slabs are on now. */
bool arena_slabs(bool on);
/* Are there slabs in this build (none under AddressSanitizer, whose
 * malloc is its own)? */
bool arena_slabs_built(void);
void arena_slabs_release(void);
/* The memory freed and still held by malloc (what the threads of a
 * load freed at the top of their heaps or within them, beyond what glibc
 * gives back on its own) given back to the system, and the spare slabs
 * released: between two loads of a command, so that the second's peak
 * is not on top of what the first left (a cold query that writes the
 * index cache, then reads it). */
void memory_give_back(void);
/* Slabs mapped now, in all threads (for the tests). */
size_t arena_slabs_mapped(void);
/* pthread_create (default attributes), the thread's arenas taking their
 * chunks as the calling thread's do (from slabs or from malloc). */
int arena_thread_create(pthread_t *t, void *(*fn)(void *), void *arg);

/* Allocation helpers for the rest of the core: on failure, longjmp to the
 * thread's recovery point, else abort. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *v (of *cap elements of size elem) so it holds at least need elements. */
void grow(void *v, size_t *cap, size_t need, size_t elem);
/* Grow *v to need elements exactly, when it holds fewer: for an array
 * whose final size is known before it fills (the readouts of a load the
 * index cache has counted).  Either, growing an array to ARENA_HUGE_FROM
 * bytes or more, asks for what is not written yet to come a huge page at
 * a time (where the system gives them on request): thousands of faults
 * fewer for the readouts of a large corpus, each costly on a virtual
 * machine. */
#define ARENA_HUGE_FROM ((size_t)4 << 20)
void grow_exact(void *v, size_t *cap, size_t need, size_t elem);

/* An allocation failed: longjmp(*jb, 1) to the thread's recovery point
 * when it has one, else call the hook, say "out of memory" and abort. */
_Noreturn void xalloc_failed(void);
/* This thread's recovery point (NULL: none).  What was allocated between
 * setjmp and the failure is the caller's to free (or leak). */
void xalloc_recover_at(jmp_buf *jb);
/* Called before aborting for want of memory (async-signal-safe: the
 * browser gives the terminal back). */
void xalloc_on_failure(void (*hook)(void));

/* A growable byte buffer, kept NUL-terminated after its n bytes. */
struct strbuf {
	char *s;
	size_t n, cap;
};

void sb_add(struct strbuf *b, const void *s, size_t n);
void sb_adds(struct strbuf *b, const char *s);
void sb_free(struct strbuf *b);

#endif
