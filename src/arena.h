/* arena.h - bump allocation for a readout's strings and arrays.
 *
 * A readout owns one arena; everything the compact model points to lives in
 * it and is released in one go when the readout is freed.  Allocation failure
 * aborts: parley cannot do anything useful without memory.
 */
#ifndef PARLEY_ARENA_H
#define PARLEY_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used_total;        /* bytes handed out, for statistics */
};

void *arena_alloc(struct arena *a, size_t size);               /* zeroed, aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* Allocation helpers for the rest of the core: abort on failure. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *v (of *cap elements of size elem) so it holds at least need elements. */
void grow(void *v, size_t *cap, size_t need, size_t elem);

/* A growable byte buffer, kept NUL-terminated after its n bytes. */
struct strbuf {
	char *s;
	size_t n, cap;
};

void sb_add(struct strbuf *b, const void *s, size_t n);
void sb_adds(struct strbuf *b, const char *s);
void sb_free(struct strbuf *b);

/* A whole file in memory, NUL-terminated; *len (may be NULL) gets its
 * size.  NULL with errno set when it cannot be read. */
char *read_file(const char *path, size_t *len);
/* The same from an open descriptor, read from where it stands to its end. */
char *read_fd(int fd, size_t *len);

#endif
