/* searchhist.h - the searches typed (/ and F in the browser), kept for Up
 * and Down at the prompt and across sessions.
 *
 * The file is "history" in parley's state directory (the journal's,
 * journal.h: $XDG_STATE_HOME/parley, the user's own, written by nobody
 * else), one search a line, the latest last.  It is opened without
 * following a link, must be a regular file of the user's with no access
 * for others, and is created with mode 0600; when it is not such a file,
 * or there is no directory, the searches are kept for the session only.
 * A search is appended as it is made; the file is cut back to the last
 * SEARCHHIST_MAX searches when it has grown to twice as many.
 */
#ifndef PARLEY_SEARCHHIST_H
#define PARLEY_SEARCHHIST_H

#include <stdbool.h>
#include <stddef.h>

#define SEARCHHIST_MAX 100
#define SEARCHHIST_FILE "history"

struct searchhist {
	char **v;            /* the oldest first */
	size_t n, cap;
	int dirfd;           /* where the file is; -1: this session only */
	bool persist;        /* the file is one to use */
};

/* The searches of the file in directory dirfd (-1: none, the session
 * only). */
void searchhist_load(struct searchhist *h, int dirfd);
/* Adds s as the latest (an earlier same search moves up), and appends it
 * to the file.  Empty searches and those with control characters are not
 * kept. */
void searchhist_add(struct searchhist *h, const char *s);
/* The latest search, NULL when none. */
const char *searchhist_last(const struct searchhist *h);
void searchhist_free(struct searchhist *h);

#endif
