/* fuzz_util.h - what the fuzz targets share: a scratch directory (in
 * memory when /dev/shm is there), writing a file whole, the promises every
 * loaded readout keeps, and comparing two loads of a readout field by
 * field.  A broken promise is reported on standard error and aborts, which
 * libFuzzer and driver.c both take as a crash. */
#ifndef PARLEY_FUZZ_UTIL_H
#define PARLEY_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "readout.h"

/* A directory of the process's own, made at the first call and removed
 * at exit with all it holds; one left by a process that ended without
 * exit handlers (libFuzzer's way, a crash) goes when the next is made. */
const char *fuzz_dir(void);
/* Writes data[0..n) to path (created or truncated); aborts on failure. */
void fuzz_write(const char *path, const void *data, size_t n);
/* Removes every plain file in dir (not dir itself). */
void fuzz_clear(const char *dir);

/* Reports what is wrong (printf-like) and aborts. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Checks what the loader promises of readout ri of c: its text (read back
 * if it was let go) has text_bytes bytes, no NUL, text_cps code points and
 * text_hash; every span is within it, in code points and in bytes that
 * agree; every reference is to an entity the readout declares. */
void fuzz_check_readout(const struct corpus *c, size_t ri);

enum {
	SAME_PLACE = 1 << 0, /* line, offset and length in the file too */
};
/* Aborts, naming the first difference, unless readout ra of a and rb of
 * b are the same readout (texts compared through corpus_text). */
void fuzz_same_readout(const struct corpus *a, size_t ra, const struct corpus *b, size_t rb, unsigned flags,
                       const char *what);

#endif
