/* cells.h - display units: how parley draws a UTF-8 string, cluster by cluster.
 *
 * A cell is one grapheme cluster (UAX #29, from libunistring) with the
 * number of terminal columns it takes.  Whatever sanitize.h would not let
 * through is a cell of its own drawn as its visible replacement: an unsafe
 * code point (control, bidi control, line or paragraph separator) covers
 * just that code point, so combining marks that follow it become cells of
 * their own; an invalid UTF-8 sequence (the bytes sanitize_dup turns into
 * one U+FFFD) is one cell of width 1 drawn as U+FFFD.  Drawing every cell of
 * a string (repl when replaced, the source bytes otherwise) gives exactly
 * sanitize_dup() of it.
 *
 * Widths are libunistring's u8_width() of the cluster in a UTF-8 locale:
 * CJK wide characters take 2, combining marks 0, and an emoji ZWJ sequence
 * the sum of its parts (what curses counts, whatever a given terminal
 * draws).  A cluster whose u8_width is negative is replaced by U+FFFD; a
 * cluster of width 0 (a lone combining mark or ZWJ, a soft hyphen) stays 0.
 * With SAN_KEEP_TAB a '\t' is a cell of width 1 (the caller expands tabs);
 * with SAN_KEEP_NEWLINE a '\n' is a cell of width 0.
 */
#ifndef PARLEY_CELLS_H
#define PARLEY_CELLS_H

#include "sanitize.h"

#include <stdbool.h>
#include <stddef.h>

struct cell {
	size_t start, end;     /* bytes of the cluster in the source */
	int width;             /* terminal columns it takes when drawn */
	bool replaced;         /* true: draw `repl` instead of the source bytes */
	char repl[SAN_REPL_MAX];
};

/* Decode the display unit starting at byte i of s[0..n); returns false at
 * the end.  i must be 0 or the end of a previous cell. */
bool cell_next(const char *s, size_t n, size_t i, unsigned san_flags, struct cell *c);

/* Columns s[0..n) takes when drawn cell by cell. */
int cells_width(const char *s, size_t n, unsigned san_flags);

/* Largest byte prefix of s[0..n) that fits in `cols` columns without
 * splitting a cell (zero-width cells after the last one that fits are
 * included); *used (when not NULL) gets its width. */
size_t cells_fit(const char *s, size_t n, int cols, unsigned san_flags, int *used);

#endif
