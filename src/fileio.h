/* fileio.h - opening the files parley reads, safely: opened without
 * blocking (a named pipe or a device never makes parley wait), regular files
 * only, none larger than the size limit, read whole without aborting when
 * memory runs out, and why a file was refused, in words.
 *
 * The size limit (FILE_LIMIT_DEFAULT unless set) is the user's: the
 * commands' --max-file-size, else PARLEY_MAX_FILE_SIZE, else the config's
 * `set max-file-size`; 0 is no limit.
 */
#ifndef PARLEY_FILEIO_H
#define PARLEY_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FILE_LIMIT_DEFAULT ((uint64_t)256 << 20)

/* Errors of parley's own, beside the errno values (file_strerror). */
#define FILE_ENOTREG 0x10001 /* not a regular file (a named pipe, a device...) */
#define FILE_ETOOBIG 0x10002 /* larger than the size limit */
#define FILE_EPLAIN 0x10003  /* a plain readout (text or a saved page) named where readouts are
                              * read (never a read's: the listing's, corpus.c) */

/* The size limit in bytes, 0 for none. */
uint64_t file_limit(void);
void file_set_limit(uint64_t bytes);
/* Parses a size: a number of bytes, or of K, M, G or T (powers of 1024,
 * "256M", "256MB", "1GiB"), or "none" (0, no limit).  False when it is
 * not one, or is 0 ("0", "0K": no file could be read; it was taken as
 * none). */
bool file_parse_size(const char *s, uint64_t *bytes);
/* Sets the limit from the first of: opt (a command line's value, NULL when
 * not given), PARLEY_MAX_FILE_SIZE, conf (the config's, NULL or "" when not
 * set).  False, with the message in err, when the first given is not a
 * size (the limit is then unchanged). */
bool file_limit_setup(const char *opt, const char *conf, char *err, size_t size);

/* Makes the directories of path that are missing, path's own included,
 * for the user alone (0700), but none of its first `from` bytes (a home
 * directory that is not there is not made).  False when one cannot be:
 * errno says why, and failed (size bytes, may be NULL) names it. */
bool file_mkdirs(const char *path, size_t from, char *failed, size_t size);
/* Why the directory st describes is not one parley keeps its own files in
 * (journal, index cache): "it belongs to another user", "other users can
 * write to it (chmod go-w it)"; NULL when it is the user's own and no one
 * else's to write to. */
const char *file_private_dir_why(const struct stat *st);

/* Do two stats describe one file (device and inode)? */
bool file_same(const struct stat *a, const struct stat *b);
/* Do paths a and b name one file: the same file when both are there, else
 * the same name in the same directory (a file not made yet)? */
bool file_same_place(const char *a, const char *b);
/* Is path dir, or under it (by name: both absolute, or both relative to
 * one directory)? */
bool path_under(const char *path, const char *dir);

/* Is the file st describes as it was: this size, mtime and ctime (to the
 * nanosecond; the ctime because a file put back with its old size and
 * mtime, by cp -p, rsync -a or tar, has a new one)? */
bool file_unchanged(const struct stat *st, off_t size, const struct timespec *mtime, const struct timespec *ctime);
/* n bytes in words, "256 MB", "2.0 GB", "512 bytes" (buf: 32 bytes). */
const char *file_size_text(uint64_t n, char *buf, size_t size);

/* What file_open would say of a file of this stat: 0 (a regular file no
 * larger than the limit), FILE_ENOTREG or FILE_ETOOBIG. */
int file_check(const struct stat *st);
/* Opens path to read it: without blocking, then checked with fstat (*st):
 * a regular file no larger than the limit.  The descriptor (blocking again,
 * close-on-exec), or -1 with *err: an errno value, FILE_ENOTREG or
 * FILE_ETOOBIG (*st then says what the file is). */
int file_open(const char *path, struct stat *st, int *err);
/* The same for a file read in parts, whatever its size (a large JSON
 * Lines file, read a block of lines at a time: the limit bounds a line). */
int file_open_parts(const char *path, struct stat *st, int *err);
/* What file_open_parts would say: 0 or FILE_ENOTREG. */
int file_check_parts(const struct stat *st);
/* file_open (file_open_parts when parts) of name in the directory open as
 * dirfd (AT_FDCWD: the current one): a path looked up from there, which
 * is shorter for many files of one directory. */
int file_open_at(int dirfd, const char *name, bool parts, struct stat *st, int *err);
/* What is wrong with a file, for a message after its path: strerror(err),
 * or for parley's own errors what the file is ("not a regular file (a named
 * pipe)", "2.0 GB, larger than the size limit of 256 MB (--max-file-size)");
 * st may be NULL. */
const char *file_why(int err, const struct stat *st, char *buf, size_t size);
/* The same without the file's details; a string that stays valid. */
const char *file_strerror(int err);

/* A whole file in memory, NUL-terminated: a regular file, opened without
 * blocking, no larger than the limit (file_limit); *len (may be NULL)
 * gets its size.  NULL with errno set when it cannot be read
 * (FILE_ENOTREG, FILE_ETOOBIG and ENOMEM included: file_strerror). */
char *read_file(const char *path, size_t *len);
/* The same with a limit of max bytes (0: none; file_limit(): read_file)
 * in place of the user's, *st (may be NULL) saying what the file is (for
 * file_why). */
char *read_file_max(const char *path, size_t *len, uint64_t max, struct stat *st);
/* The same from an open descriptor the caller checked, read from where it
 * stands to its end; ENOMEM rather than an abort. */
char *read_fd(int fd, size_t *len);

#endif
