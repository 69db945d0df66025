/* journal.h - nothing is lost when the connection drops.
 *
 * Every change to a readout is appended to a journal file, and forced to
 * disk, before the screen shows it.  The journal lives under
 * $XDG_STATE_HOME/parley/ (~/.local/state/parley/), one per corpus (the
 * set of paths parley was started on).  A clean save empties it; on the
 * next start a non-empty journal is offered for replay.  Records are JSON
 * Lines: the new state of a position (by readout id and position id), a
 * deleted position, or an added speaker, topic or agreement.
 */
#ifndef PARLEY_JOURNAL_H
#define PARLEY_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "diag.h"
#include "edit.h"
#include "save.h"

struct journal {
	char *path;
	int fd;                /* -1 until the first record */
	char *header;          /* first line: the corpus paths */
	size_t records;
	bool failed;           /* a write failed: edits are not protected */
};

/* The journal for a corpus started on these paths (made absolute). */
void journal_init(struct journal *j, char *const *paths, size_t n);
void journal_free(struct journal *j);
/* An edit listener that appends to the journal. */
struct edit_listener journal_listener(struct journal *j);
/* After a save that left nothing unsaved: the journal is removed. */
void journal_clear(struct journal *j);

/* Records waiting in the journal file (from an earlier session); *mtime
 * gets the time of the last one. */
size_t journal_pending(const struct journal *j, long long *mtime);
/* Replays the journal's records through h (snapshots taken with s): all
 * of them, or with files (per file of the corpus) only those of readouts
 * in a file marked true.  Returns the number applied; records that no
 * longer apply are counted in *skipped and described in d, and then a copy
 * of the journal is kept beside it (journal file + ".kept-" + a hash of
 * its content), so that a clean save or quit, which empties the journal,
 * never loses them. */
size_t journal_replay(struct journal *j, struct history *h, struct saver *s, const bool *files, size_t *skipped,
                      struct diags *d);
/* Moves the journal aside (journal file + ".set-aside-TIME") instead of
 * replaying it. */
bool journal_set_aside(struct journal *j, char *newpath, size_t size);

#endif
