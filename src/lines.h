/* lines.h - walking a buffer line by line: JSON Lines files when loading
 * and saving them, and the journal.
 *
 *   struct lines it = lines_of(buf, n);
 *   while (lines_next(&it))
 *           use buf[it.start .. it.end), line number it.no (1-based),
 *           it.nl tells whether a '\n' ends it
 *
 * A buffer ending in '\n' has no empty line after it; a last line without
 * one is a line.  The '\n' is never part of a line ('\r' is).
 */
#ifndef PARLEY_LINES_H
#define PARLEY_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct lines {
	const char *buf;
	size_t n;
	size_t start, end;   /* the current line */
	unsigned long no;    /* its number, from 1 */
	bool nl;             /* a '\n' ends it */
	size_t next;         /* where the next line starts */
};

static inline struct lines lines_of(const char *buf, size_t n)
{
	return (struct lines){ .buf = buf, .n = n };
}

static inline bool lines_next(struct lines *it)
{
	if (it->next >= it->n)
		return false;
	it->start = it->next;
	const char *nl = memchr(it->buf + it->start, '\n', it->n - it->start);
	it->nl = nl != NULL;
	it->end = nl ? (size_t)(nl - it->buf) : it->n;
	it->next = it->end + 1;
	it->no++;
	return true;
}

/* Does the current line end in '\r' (a CRLF line: its text, a readout's
 * object, ends before it, and a line written again in its place keeps
 * it)? */
static inline bool lines_cr(const struct lines *it)
{
	return it->end > it->start && it->buf[it->end - 1] == '\r';
}

#endif
