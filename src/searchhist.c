/* searchhist.c - the searches typed, for the session and in the file
 * "history" of parley's state directory (searchhist.h). */
#include "searchhist.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file read at most: the last this many bytes. */
#define READ_MAX (64 * 1024)

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			return false;
	return true;
}

/* A file fit to hold the searches: regular, the user's, for the user
 * alone. */
static bool fit(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() && !(st.st_mode & 077);
}

static void push(struct searchhist *h, const char *s, size_t n)
{
	char *c = xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	/* an earlier same search moves up */
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i], c) == 0) {
			free(h->v[i]);
			memmove(h->v + i, h->v + i + 1, (h->n - i - 1) * sizeof(*h->v));
			h->n--;
			break;
		}
	if (h->n == SEARCHHIST_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof(*h->v));
		h->n--;
	}
	grow(&h->v, &h->cap, h->n + 1, sizeof(*h->v));
	h->v[h->n++] = c;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* The file cut back to the searches kept: written beside it, then renamed
 * over it. */
static void rewrite(struct searchhist *h)
{
	const char *tmp = SEARCHHIST_FILE ".new";
	unlinkat(h->dirfd, tmp, 0);
	int fd = openat(h->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	bool good = true;
	for (size_t i = 0; i < h->n && good; i++)
		good = write_all(fd, h->v[i], strlen(h->v[i])) && write_all(fd, "\n", 1);
	if (close(fd) != 0 || !good || renameat(h->dirfd, tmp, h->dirfd, SEARCHHIST_FILE) != 0)
		unlinkat(h->dirfd, tmp, 0);
}

void searchhist_load(struct searchhist *h, int dirfd)
{
	memset(h, 0, sizeof(*h));
	h->dirfd = dirfd;
	if (dirfd < 0)
		return;
	int fd = openat(dirfd, SEARCHHIST_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		h->persist = errno == ENOENT; /* made at the first search */
		return;
	}
	if (!fit(fd)) {
		close(fd);
		return;
	}
	h->persist = true;
	off_t end = lseek(fd, 0, SEEK_END);
	off_t from = end > READ_MAX ? end - READ_MAX : 0;
	char *buf = xmalloc(READ_MAX + 1);
	size_t len = 0;
	if (end >= 0 && lseek(fd, from, SEEK_SET) == from) {
		ssize_t r;
		while (len < READ_MAX && ((r = read(fd, buf + len, READ_MAX - len)) > 0 || (r < 0 && errno == EINTR)))
			if (r > 0)
				len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	size_t lines = 0;
	char *p = buf;
	if (from > 0) { /* the first line is cut: skip it */
		char *nl = memchr(p, '\n', len);
		p = nl ? nl + 1 : buf + len;
	}
	while (p < buf + len) {
		char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		if (!nl)
			break; /* a line not ended: not all written */
		*nl = '\0';
		lines++;
		if (*p && printable(p) && nl - p < 256)
			push(h, p, (size_t)(nl - p));
		p = nl + 1;
	}
	free(buf);
	if (lines >= 2 * SEARCHHIST_MAX)
		rewrite(h);
}

void searchhist_add(struct searchhist *h, const char *s)
{
	if (!*s || !printable(s))
		return;
	if (h->n && strcmp(h->v[h->n - 1], s) == 0)
		return; /* the same search again: once (as bash's ignoredups) */
	push(h, s, strlen(s));
	if (!h->persist || h->dirfd < 0)
		return;
	int fd = openat(h->dirfd, SEARCHHIST_FILE, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		h->persist = false;
		return;
	}
	if (!fit(fd)) {
		h->persist = false;
		close(fd);
		return;
	}
	/* one write: a line whole or not at all, beside another parley */
	size_t n = strlen(s);
	char *line = xmalloc(n + 2);
	memcpy(line, s, n);
	line[n] = '\n';
	line[n + 1] = '\0';
	if (!write_all(fd, line, n + 1))
		h->persist = false;
	free(line);
	close(fd);
}

const char *searchhist_last(const struct searchhist *h)
{
	return h->n ? h->v[h->n - 1] : NULL;
}

void searchhist_free(struct searchhist *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	memset(h, 0, sizeof(*h));
	h->dirfd = -1;
}
