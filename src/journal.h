/* journal.h - nothing is lost when the connection drops.
 *
 * Every change to a readout is appended to a journal file, and forced to
 * disk, before the screen shows it.  Journals live under
 * $XDG_STATE_HOME/parley/ (~/.local/state/parley/, the home directory from
 * the password database when HOME is unset), a directory that must be the
 * user's own and writable by nobody else; without one, parley runs without
 * a journal and says why.
 *
 * Each running parley owns its journal: journal-CORPUS-XXXXXX.jsonl, where
 * CORPUS is a hash of the set of paths it was started on, created on the
 * first edit and held under an exclusive lock (flock) for as long as the
 * process lives.  A save that leaves nothing unsaved removes that journal
 * and no other, so several parleys on one corpus (several analysts over
 * SSH, or two windows) never lose each other's edits.  A journal of this
 * corpus whose lock nobody holds is an orphan: its process ended without
 * saving (a crash, a hang-up, :q!).  At start every orphan is offered: its
 * records are replayed into this session, which journals them as its own,
 * and the orphan goes; or it is set aside.
 *
 * A write that fails (a full disk, a quota) is said at once, and the
 * journal is written whole again, to a new file, at the next edit that
 * can be: the records since the last save are kept in memory for that
 * (up to JOURNAL_KEPT_MAX bytes).  So is a journal whose file or
 * directory was removed while parley ran: it is made again, whole.
 *
 * Records are JSON Lines after a header line: the new state of a position
 * (by readout id and position id), a deleted position, or an added
 * speaker, topic or agreement.
 */
#ifndef PARLEY_JOURNAL_H
#define PARLEY_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "diag.h"
#include "edit.h"
#include "save.h"

/* An orphaned journal, locked by this process until it is recovered or
 * set aside. */
struct journal_orphan {
	char *name;            /* within the journal directory */
	int fd;
	size_t records;
	long long mtime;
};

enum { JOURNAL_AFTER_FAILURE = 1, JOURNAL_FILE_GONE };

/* The most of its records a journal keeps in memory to be written whole
 * again (journal.c). */
#define JOURNAL_KEPT_MAX ((size_t)64 << 20)

struct journal {
	int dirfd;             /* the journal directory, -1 when there is none */
	char *dir;             /* its path, for messages */
	char why[512];         /* why there is no journal (dirfd -1) */
	char *stem;            /* "journal-CORPUS": this corpus's journals */
	char *path;            /* this process's journal, NULL until its first record */
	int fd;                /* open and locked while path is set */
	char *header;          /* first line: the corpus paths */
	size_t records;        /* written by this process */
	struct strbuf kept;    /* the records since the last save, each a line,
	                        * to write the journal whole again from */
	bool kept_lost;        /* more than JOURNAL_KEPT_MAX: not kept */
	size_t replaced;       /* fields the last replay or recovery set over
	                        * another's value (the file changed them too),
	                        * for the caller to say */
	bool failed;           /* a write failed: edits are not protected */
	int rewritten;         /* written whole again: JOURNAL_AFTER_FAILURE, or
	                        * JOURNAL_FILE_GONE (its file or directory
	                        * removed); the caller may say so and clear it
	                        * (0); a failure after it clears it */
	char fail_why[600];    /* the first failure: the file or directory, and why */
	struct journal_orphan *orphans;
	size_t n_orphans;
};

/* The journal directory of this user: $XDG_STATE_HOME/parley (when it is
 * absolute, as the XDG spec says), else HOME's .local/state/parley, with
 * the home directory of the password database when HOME is unset or not
 * absolute; never a directory others share, such as /tmp.  NULL (and why)
 * when there is no home directory. */
char *journal_dir_path(char *why, size_t size);
/* The journal for a corpus started on these paths (made absolute). */
void journal_init(struct journal *j, char *const *paths, size_t n);
/* Closes the journal, keeping its file (the next start offers it). */
void journal_free(struct journal *j);
/* Leaving with unsaved edits: the journal made sure of on disk, written
 * whole again when a write failed or its file or directory was removed
 * since the last edit.  False when it is not (failed says why). */
bool journal_sync(struct journal *j);
/* An edit listener that appends to the journal. */
struct edit_listener journal_listener(struct journal *j);
/* After a save that left nothing unsaved, or a quit with every edit undone
 * or discarded: this process's journal is removed (never another's). */
void journal_clear(struct journal *j);

/* Finds the orphaned journals of this corpus (those no running parley
 * holds) and locks them, so no other parley offers them too.  Returns the
 * number of records they hold; *mtime gets the time of the latest one. */
size_t journal_find_orphans(struct journal *j, long long *mtime);
/* Orphaned journals of other corpora (parley started on other paths)
 * that share files with this one (a path of one is, or is under or
 * above, a path of the other): not offered here, but they are the user's
 * unsaved edits.  Returns their records (0: none); *paths gets the paths
 * the first (the latest) was started on, for `parley PATHS` to offer
 * them (freed by the caller). */
size_t journal_find_others(const struct journal *j, char **paths);
/* Replays the orphans' records through h (snapshots taken with s), oldest
 * journal first; each record applied is journaled again as this process's
 * own, then the orphans are removed.  Returns the number applied; records
 * that no longer apply are counted in *skipped and described in d, and a
 * copy of their journal is kept (see journal_replay). */
size_t journal_recover(struct journal *j, struct history *h, struct saver *s, size_t *skipped, struct diags *d);
/* Moves the orphans aside (name + ".set-aside-TIME") instead of replaying
 * them; newpath gets the first one's path.  Returns how many moved. */
size_t journal_set_aside(struct journal *j, char *newpath, size_t size);

/* Replays this process's own records through h (R, after a reload): all
 * of them, or with files (per file of the corpus) only those of readouts
 * in a file marked true.  Returns the number applied; records that no
 * longer apply are counted in *skipped and described in d, and then a copy
 * of the journal is kept beside it (journal file + ".kept-" + a hash of
 * its content), so that a clean save or quit, which empties the journal,
 * never loses them. */
size_t journal_replay(struct journal *j, struct history *h, struct saver *s, const bool *files, size_t *skipped,
                      struct diags *d);

#endif
