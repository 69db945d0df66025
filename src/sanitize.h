/* sanitize.h - the one gate between data and a terminal.
 *
 * Every string that comes from a data file (or a path, or a JSON value quoted
 * in a message) passes through here before it is shown.  C0 and C1 controls,
 * DEL, bidi controls (overrides, embeddings, isolates, marks) and line or
 * paragraph separators are replaced by a visible form; invalid UTF-8 becomes
 * U+FFFD.  Classification uses libunistring's character properties.
 */
#ifndef PARLEY_SANITIZE_H
#define PARLEY_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <unitypes.h>

enum {
	SAN_KEEP_NEWLINE = 1 << 0, /* pass '\n' through (the caller breaks lines) */
	SAN_KEEP_TAB = 1 << 1,     /* pass '\t' through (the caller expands tabs) */
};

/* Is uc, U+00A0 and up, in a range sanitize_char shows as it is whatever
 * its properties (no control, bidirectional control, separator or
 * surrogate there)?  False tells nothing. */
bool sanitize_plain(ucs4_t uc);
/* Visible replacement for code point uc, written NUL-terminated to buf
 * (at least SAN_REPL_MAX bytes).  Returns false when uc is safe to show as
 * it is.  Control characters become caret notation (^[ for ESC, ^? for
 * DEL); other unsafe characters become <U+XXXX>. */
#define SAN_REPL_MAX 16
bool sanitize_char(ucs4_t uc, unsigned flags, char *buf);

/* A sanitised, NUL-terminated copy of s[0..n) (malloc'd). */
char *sanitize_dup(const char *s, size_t n, unsigned flags);

/* True when s[0..n) would pass unchanged. */
bool sanitize_is_clean(const char *s, size_t n, unsigned flags);

#endif
