/* fileio.c - opening the files parley reads, safely (see fileio.h). */
#include "fileio.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static uint64_t limit = FILE_LIMIT_DEFAULT;

uint64_t file_limit(void)
{
	return __atomic_load_n(&limit, __ATOMIC_RELAXED);
}

void file_set_limit(uint64_t bytes)
{
	__atomic_store_n(&limit, bytes, __ATOMIC_RELAXED);
}

/* A number of bytes, or of K, M, G or T, 0 included. */
static bool parse_bytes(const char *s, uint64_t *bytes)
{
	if (*s < '0' || *s > '9')
		return false;
	uint64_t n = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n > (UINT64_MAX - 9) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	int shift = 0;
	switch (*s) {
	case 'k': case 'K': shift = 10; s++; break;
	case 'm': case 'M': shift = 20; s++; break;
	case 'g': case 'G': shift = 30; s++; break;
	case 't': case 'T': shift = 40; s++; break;
	}
	if (shift && (*s == 'i' || *s == 'I'))
		s++;
	if (*s == 'b' || *s == 'B')
		s++;
	if (*s || (shift && n > UINT64_MAX >> shift))
		return false;
	*bytes = n << shift;
	return true;
}

bool file_parse_size(const char *s, uint64_t *bytes)
{
	if (strcasecmp(s, "none") == 0) {
		*bytes = 0;
		return true;
	}
	/* (0 would be read as none: a limit of nothing is no size) */
	return parse_bytes(s, bytes) && *bytes != 0;
}

bool file_limit_setup(const char *opt, const char *conf, char *err, size_t size)
{
	const char *env = getenv("PARLEY_MAX_FILE_SIZE");
	const char *v = opt, *from = "--max-file-size";
	if (!v && env && *env)
		v = env, from = "PARLEY_MAX_FILE_SIZE";
	if (!v && conf && *conf)
		v = conf, from = "set max-file-size";
	if (!v)
		return true;
	uint64_t n;
	if (!file_parse_size(v, &n)) {
		if (parse_bytes(v, &n)) /* (a size, of 0) */
			snprintf(err, size, "%s: '%s' would let no file be read (a size of 1 byte at least; none for no limit)",
			         from, v);
		else
			snprintf(err, size,
			         "%s: '%s' is not a size (a number of bytes, or with K, M or G: 256M, 1G; none for no limit)",
			         from, v);
		return false;
	}
	file_set_limit(n);
	return true;
}

const char *file_size_text(uint64_t n, char *buf, size_t size)
{
	static const char *const unit[] = { "KB", "MB", "GB", "TB" };
	if (n < 1024) {
		snprintf(buf, size, "%llu byte%s", (unsigned long long)n, n == 1 ? "" : "s");
		return buf;
	}
	int u = 0;
	double v = (double)n / 1024;
	while (v >= 1024 && u < 3)
		v /= 1024, u++;
	if (n % ((uint64_t)1024 << (10 * u)) == 0)
		snprintf(buf, size, "%.0f %s", v, unit[u]);
	else
		snprintf(buf, size, "%.1f %s", v, unit[u]);
	return buf;
}

int file_check(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return FILE_ENOTREG;
	uint64_t max = file_limit();
	if (max && st->st_size > 0 && (uint64_t)st->st_size > max)
		return FILE_ETOOBIG;
	return 0;
}

int file_check_parts(const struct stat *st)
{
	return S_ISREG(st->st_mode) ? 0 : FILE_ENOTREG;
}

static int open_checked(int dirfd, const char *path, struct stat *st, int *err, int (*check)(const struct stat *))
{
	/* what it is, before opening it: opening a device may do something
	 * (a tape rewinds); then without blocking, in case it changed */
	if (fstatat(dirfd, path, st, 0) != 0) {
		*err = errno;
		return -1;
	}
	if ((*err = check(st)))
		return -1;
	int fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	if (fstat(fd, st) != 0 || (*err = check(st))) {
		if (!*err)
			*err = errno;
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

int file_open(const char *path, struct stat *st, int *err)
{
	return open_checked(AT_FDCWD, path, st, err, file_check);
}

int file_open_parts(const char *path, struct stat *st, int *err)
{
	return open_checked(AT_FDCWD, path, st, err, file_check_parts);
}

int file_open_at(int dirfd, const char *name, bool parts, struct stat *st, int *err)
{
	return open_checked(dirfd, name, st, err, parts ? file_check_parts : file_check);
}

static const char *kind_of(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a named pipe" : S_ISCHR(m) ? "a character device"
	       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a file";
}

const char *file_strerror(int err)
{
	if (err == FILE_ENOTREG)
		return "not a regular file";
	if (err == FILE_ETOOBIG)
		return "larger than the size limit (--max-file-size)";
	if (err == ENOMEM)
		return "out of memory";
	if (err == FILE_EPLAIN)
		return "a plain readout, not one in parley's format: not read (parley extract drafts one from it; the "
		       "browser opens it as a draft)";
	return strerror(err);
}

const char *file_why(int err, const struct stat *st, char *buf, size_t size)
{
	char a[32], b[32];
	if (err == FILE_ENOTREG && st)
		snprintf(buf, size, "not a regular file (%s): not read", kind_of(st->st_mode));
	else if (err == FILE_ETOOBIG && st && file_limit())
		snprintf(buf, size, "%s: larger than the size limit of %s (--max-file-size): not read",
		         file_size_text((uint64_t)st->st_size, a, sizeof(a)), file_size_text(file_limit(), b, sizeof(b)));
	else if (err == ENOMEM && st)
		snprintf(buf, size, "out of memory while loading it (%s): skipped",
		         file_size_text((uint64_t)st->st_size, a, sizeof(a)));
	else
		snprintf(buf, size, "%s", file_strerror(err));
	return buf;
}

/* Reads fd to its end into a buffer of hint bytes to start with (its
 * size), failing with FILE_ETOOBIG past max bytes (0: no limit). */
static char *read_sized(int fd, size_t hint, uint64_t max, size_t *len)
{
	size_t n = 0, cap = hint + 1 > 16384 ? hint + 1 : 16384;
	char *s = malloc(cap);
	if (!s) {
		errno = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (cap - n < 2) {
			/* it grew since fstat, or had no size */
			char *t = cap < SIZE_MAX / 2 ? realloc(s, cap * 2) : NULL;
			if (!t) {
				free(s);
				errno = ENOMEM;
				return NULL;
			}
			s = t;
			cap *= 2;
		}
		ssize_t k = read(fd, s + n, cap - n - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			free(s);
			errno = e;
			return NULL;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (max && n > max) {
			free(s);
			errno = FILE_ETOOBIG;
			return NULL;
		}
	}
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

char *read_file(const char *path, size_t *len)
{
	return read_file_max(path, len, file_limit(), NULL);
}

char *read_file_max(const char *path, size_t *len, uint64_t max, struct stat *st)
{
	struct stat sb;
	int err;
	int fd = file_open_parts(path, &sb, &err);
	if (st)
		*st = sb;
	if (fd < 0) {
		errno = err;
		return NULL;
	}
	if (max && sb.st_size > 0 && (uint64_t)sb.st_size > max) {
		close(fd);
		errno = FILE_ETOOBIG;
		return NULL;
	}
	char *s = read_sized(fd, (size_t)sb.st_size, max, len);
	err = errno;
	close(fd);
	errno = err;
	return s;
}

char *read_fd(int fd, size_t *len)
{
	return read_sized(fd, 0, 0, len);
}

const char *file_private_dir_why(const struct stat *st)
{
	if (st->st_uid != geteuid())
		return "it belongs to another user";
	if (st->st_mode & 022)
		return "other users can write to it (chmod go-w it)";
	return NULL;
}

bool file_same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

bool file_same_place(const char *a, const char *b)
{
	struct stat sa, sb;
	bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
	if (ha && hb)
		return file_same(&sa, &sb);
	if (ha != hb)
		return false;
	const char *na = strrchr(a, '/'), *nb = strrchr(b, '/');
	na = na ? na + 1 : a;
	nb = nb ? nb + 1 : b;
	if (strcmp(na, nb) != 0)
		return false;
	char *da = xstrndup(a, (size_t)(na - a)), *db = xstrndup(b, (size_t)(nb - b));
	bool same = stat(*da ? da : ".", &sa) == 0 && stat(*db ? db : ".", &sb) == 0 && file_same(&sa, &sb);
	free(da);
	free(db);
	return same;
}

bool path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0' || (n && dir[n - 1] == '/'));
}

bool file_mkdirs(const char *path, size_t from, char *failed, size_t size)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);
	bool ok = true;
	for (size_t i = 1; i <= n && ok; i++) {
		if (i < n && p[i] != '/')
			continue;
		if (i <= from)
			continue;
		char c = p[i];
		p[i] = '\0';
		/* (there already: a directory, or a file the next step finds out) */
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			if (failed)
				snprintf(failed, size, "%s", p);
			ok = false;
		}
		p[i] = c;
	}
	int e = errno;
	free(p);
	errno = e;
	return ok;
}

bool file_unchanged(const struct stat *st, off_t size, const struct timespec *mtime, const struct timespec *ctime)
{
	return st->st_size == size && st->st_mtim.tv_sec == mtime->tv_sec && st->st_mtim.tv_nsec == mtime->tv_nsec
	       && st->st_ctim.tv_sec == ctime->tv_sec && st->st_ctim.tv_nsec == ctime->tv_nsec;
}
