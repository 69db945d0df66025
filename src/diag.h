/* diag.h - diagnostics: every problem found while loading, in the formats of
 * the readout format specification.
 *
 *   PATH:LINE:COLUMN: message                 (file is not UTF-8 / not JSON)
 *   PATH: readout ID: JSON.PATH: message      (a rule of the format is broken)
 *   PATH: readout ID: JSON.PATH: warning: message
 *                                             (a value the readout can do
 *                                             without: it loads)
 *   PATH: message                             (the file cannot be read)
 *
 * Messages are stored as they are built; diags_print() sanitises them, since
 * they quote paths and values from data.
 */
#ifndef PARLEY_DIAG_H
#define PARLEY_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_kind {
	DIAG_IO,     /* file or directory could not be read */
	DIAG_SYNTAX, /* not UTF-8, not JSON, or top level not an object */
	DIAG_RULE,   /* a readout breaks a rule of the format */
	DIAG_WARN,   /* a value the readout can do without (it loads) */
	DIAG_KINDS
};

struct diag {
	enum diag_kind kind;
	char *text;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t count[DIAG_KINDS]; /* per kind */
};

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

void diags_add(struct diags *d, enum diag_kind kind, const char *fmt, ...) PRINTF_LIKE(3, 4);
void diags_syntax(struct diags *d, const char *path, unsigned long line, unsigned long col,
                  const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Prints every message, sanitised, one per line (warnings too when
 * warnings is true). */
void diags_print(const struct diags *d, FILE *f, bool warnings);
/* The same, a path that could not be read said as grep says it: "prog: "
 * before it (prog NULL: nothing). */
void diags_print_from(const struct diags *d, FILE *f, bool warnings, const char *prog);
void diags_free(struct diags *d);

#endif
