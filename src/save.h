/* save.h - writing edited readouts back to their files, without losing a
 * byte that was not edited.
 *
 * The first time a readout is edited its JSON text is copied from the file
 * (save_snapshot): the file must still be as it was loaded.  Saving merges
 * the model into that JSON: the keys the format names are updated in place,
 * every other key and the order of keys are kept, and the readout is
 * written in parley's layout (jsonw.h).  A .jsonl file keeps every other
 * line byte for byte.  Each file is written atomically (temporary file in
 * the same directory, fsync, rename, fsync of the directory) under an
 * advisory lock on the directory, and only if it still holds the bytes that
 * were loaded: otherwise it is a conflict and nothing is overwritten.
 *
 * Saving takes time in proportion to the size of what is written, however
 * many positions a readout has: the saver remembers the model that each
 * snapshot holds, so a readout's changes are found by comparing models,
 * and when its JSON is in parley's layout only the positions that changed
 * are merged and written anew, the rest copied byte for byte.
 */
#ifndef PARLEY_SAVE_H
#define PARLEY_SAVE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "corpus.h"
#include "diag.h"

struct save_base;

struct saver {
	struct corpus *c;
	char **orig;           /* per readout: its JSON text when first edited, or NULL */
	size_t n;
	bool *conflict;        /* per file: changed on disk since loaded */
	size_t n_files;
	struct save_base **base; /* per readout with orig: the model orig holds
	                          * (NULL until then: a large corpus edited
	                          * in a few readouts holds a pointer each) */
	/* what saving did, for the tests: readouts written by copying their
	 * unchanged parts, positions merged into their JSON one by one */
	size_t spliced, merged;
};

void saver_init(struct saver *s, struct corpus *c);
/* The corpus has more readouts now (appended to a file reloaded): the
 * saver tracks them too. */
void saver_grow(struct saver *s);
void saver_free(struct saver *s);
/* Keeps the JSON text of readout ri before its first edit.  False (with a
 * message) when the file cannot be read or changed since it was loaded. */
bool save_snapshot(struct saver *s, size_t ri, struct diags *d);
/* Drops the snapshot of readout ri (its file was reloaded). */
void save_forget(struct saver *s, size_t ri);
/* True when readout ri has a snapshot and its model differs from it. */
bool save_changed(const struct saver *s, size_t ri);

/* The readout as it would be written: its original JSON with the model
 * merged in.  NULL when it has no snapshot.  *changed tells whether it
 * differs from the original in content. */
cJSON *save_merge(struct saver *s, size_t ri, bool *changed);

struct save_report {
	size_t files, readouts, conflicts, errors;
};
/* Writes every file with a readout whose content changed.  Problems go to
 * d; returns true when nothing is left unsaved. */
bool save_all(struct saver *s, struct save_report *rep, struct diags *d);
/* Looks at every file on disk: one whose size or mtime is not as loaded
 * is read, and marked in conflict when its bytes differ (or it is gone).
 * Returns how many files are in conflict now. */
size_t save_find_changed(struct saver *s);
/* True when some edited readout differs from its file. */
bool save_pending(const struct saver *s);
/* Writes the changed readouts of file fi to another path (a .json path
 * gets the first one, a .jsonl path all of them): a new file, with the
 * mode of file fi less the umask; over a file there only with replace
 * (which keeps that file's mode, as write_atomic does). */
bool save_file_as(struct saver *s, uint32_t fi, const char *path, bool replace, struct diags *d);

/* Writes data to path atomically; mode, less the umask, is used for a new
 * file.  A file replaced keeps its mode, and its owner and group when the
 * user may give them; a symbolic link stays a link, and the file it names
 * is replaced (in that file's directory). */
bool write_atomic(const char *path, const char *data, size_t n, int mode, char *err, size_t errsize);
/* Writes data to path, which must not exist (a draft's first save):
 * complete and on the disk, or not there at all; never over a file made
 * meanwhile. */
bool write_new(const char *path, const char *data, size_t n, int mode, char *err, size_t errsize);
/* The mode of a new file made with `mode`: less the process's umask. */
mode_t save_new_mode(int mode);
/* The file that writing to path replaces: path itself, or the file a
 * symbolic link names (NULL, with err set, when it names none).  Free it. */
char *save_target(const char *path, char *err, size_t errsize);
/* The same as write_atomic; not durable: not forced to the disk before it returns (files
 * made again at will, such as drafts: the rename is still atomic, so a
 * crash leaves the old file or the new one). */
bool write_atomic_as(const char *path, const char *data, size_t n, int mode, bool durable, char *err, size_t errsize);

#endif
