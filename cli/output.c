/* output.c - writing results of query and stats (see output.h). */
#include "output.h"
#include "commands.h"
#include "cells.h"
#include "compare.h"
#include "sanitize.h"
#include "utf8.h"
#include "test_hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <unistr.h>

void out_init(struct out *o, FILE *f)
{
	memset(o, 0, sizeof(*o));
	o->f = f;
	o->tty = isatty(fileno(f));
	if (!o->tty)
		return;
	struct winsize ws;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		o->width = ws.ws_col;
	else {
		const char *c = getenv("COLUMNS");
		o->width = c && atoi(c) > 0 ? atoi(c) : 80;
	}
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");
	o->color = !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
}

/* The string s written escaped, for JSON (json) or a TSV field: quotes
 * (JSON), backslashes, tabs, newlines and returns as \" \\ \t \n \r, what
 * the sanitiser would not show as \uXXXX (all such are in the BMP),
 * invalid bytes as \ufffd.  The runs between those are written whole:
 * most strings are one run. */
static void put_escaped(FILE *f, const char *s, bool json)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0, plain = 0;
	while (i < n) {
		uint8_t b = p[i];
		if (b >= 0x20 && b < 0x7f && b != '\\' && !(json && b == '"')) {
			i++; /* (printable ASCII: as it is, nothing to decode) */
			continue;
		}
		ucs4_t uc;
		bool bad;
		size_t k = utf8_decode(p + i, n - i, &uc, &bad);
		char repl[SAN_REPL_MAX];
		const char *esc = bad ? "\\ufffd"
		                  : uc == '"' ? "\\\""
		                  : uc == '\\' ? "\\\\"
		                  : uc == '\n' ? "\\n"
		                  : uc == '\t' ? "\\t"
		                  : uc == '\r' ? "\\r"
		                  : NULL;
		bool hex = !esc && sanitize_char(uc, 0, repl);
		if (esc || hex) {
			fwrite(p + plain, 1, i - plain, f);
			if (esc)
				fputs(esc, f);
			else
				fprintf(f, "\\u%04x", (unsigned)uc);
			plain = i + k;
		}
		i += k;
	}
	fwrite(p + plain, 1, n - plain, f);
}

void out_json_str(FILE *f, const char *s)
{
	putc('"', f);
	put_escaped(f, s, true);
	putc('"', f);
}

void out_json_text(FILE *f, const char *json, size_t n)
{
	const uint8_t *p = (const uint8_t *)json;
	size_t i = 0, plain = 0;
	while (i < n) {
		ucs4_t uc;
		bool bad;
		size_t k = utf8_decode(p + i, n - i, &uc, &bad);
		char repl[SAN_REPL_MAX];
		if (!bad && uc != '\n' && uc != '\t' && sanitize_char(uc, 0, repl)) {
			fwrite(p + plain, 1, i - plain, f);
			if (uc > 0xFFFF)
				fprintf(f, "\\u%04x\\u%04x", 0xD800u + ((unsigned)(uc - 0x10000) >> 10),
				        0xDC00u + ((unsigned)(uc - 0x10000) & 0x3FF));
			else
				fprintf(f, "\\u%04x", (unsigned)uc);
			plain = i + k;
		}
		i += k;
	}
	fwrite(p + plain, 1, n - plain, f);
}

void out_json_opt(FILE *f, const char *s)
{
	if (s)
		out_json_str(f, s);
	else
		fputs("null", f);
}

void out_tsv(const struct out *o, const char *s)
{
	if (s)
		put_escaped(o->f, s, false);
}

char *out_clean(const char *s, size_t n)
{
	return sanitize_dup(s, n, 0);
}

int out_width(const char *clean)
{
	return cells_width(clean, strlen(clean), 0);
}

void out_fit(const struct out *o, const char *clean, int cols, bool pad)
{
	size_t n = strlen(clean);
	int w = cells_width(clean, n, 0);
	if (cols < 0)
		cols = 0;
	if (w > cols) {
		int used = 0;
		size_t k = cols > 0 ? cells_fit(clean, n, cols - 1, 0, &used) : 0;
		fwrite(clean, 1, k, o->f);
		if (cols > 0) {
			fputs("\xe2\x80\xa6", o->f); /* … */
			used++;
		}
		w = used;
	} else {
		fwrite(clean, 1, n, o->f);
	}
	if (pad)
		for (; w < cols; w++)
			putc(' ', o->f);
}

const char *out_sgr(const struct out *o, const char *sgr)
{
	return o->color ? sgr : "";
}

void out_diags(const struct diags *d)
{
	diags_print_from(d, stderr, false, progname);
	size_t w = d->count[DIAG_WARN];
	if (w)
		fprintf(stderr, "%s: %zu warning%s about values the readouts can do without (parley validate lists them)\n",
		        progname, w, w == 1 ? "" : "s");
}

void out_spool_init(struct out_spool *s)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->mem = test_spool_mem(OUT_SPOOL_MEM);
}

/* The temporary file, made: -1 when it cannot be. */
static int spool_file(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	size_t n = strlen(dir);
	char *path = malloc(n + 32);
	if (!path)
		return -1;
	snprintf(path, n + 32, "%s/parley-rows-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path); /* (its name gone at once: only this process sees it) */
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	free(path);
	return fd;
}

/* The rows in memory written to the file; when they cannot be, those in
 * the file read back before them, and the file given up. */
static void spill(struct out_spool *s)
{
	if (s->fd < 0 && !s->no_file)
		s->fd = spool_file();
	if (s->fd < 0) {
		s->no_file = true;
		return;
	}
	size_t done = 0;
	while (done < s->n) {
		ssize_t k = write(s->fd, s->buf + done, s->n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	if (done == s->n) {
		s->in_file += s->n;
		s->n = 0;
		return;
	}
	/* (a full disk, a size limit): memory again, the file's rows first */
	char *all = s->in_file + s->n ? malloc(s->in_file + s->n) : NULL;
	size_t got = 0;
	while (all && got < s->in_file) {
		ssize_t k = pread(s->fd, all + got, s->in_file - got, (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (all && got == s->in_file) {
		memcpy(all + s->in_file, s->buf, s->n);
		free(s->buf);
		s->buf = all;
		s->n += s->in_file;
		s->cap = s->n;
	} else {
		free(all);
		s->err = errno ? errno : ENOMEM;
	}
	close(s->fd);
	s->fd = -1;
	s->in_file = 0;
	s->no_file = true;
}

void out_spool_put(struct out_spool *s, char *const *col)
{
	size_t len = 0;
	for (int k = 0; k < OUT_SPOOL_COLS; k++)
		len += (col[k] ? strlen(col[k]) : 0) + 1;
	/* (the file takes what memory holds before memory would hold more) */
	if (s->n && s->n + len > s->mem && !s->no_file)
		spill(s);
	if (s->n + len > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < s->n + len)
			cap *= 2;
		char *b = realloc(s->buf, cap);
		if (!b) {
			s->err = ENOMEM;
			return;
		}
		s->buf = b;
		s->cap = cap;
	}
	for (int k = 0; k < OUT_SPOOL_COLS; k++) {
		const char *c = col[k] ? col[k] : "";
		size_t cn = strlen(c) + 1;
		memcpy(s->buf + s->n, c, cn);
		s->n += cn;
	}
	s->rows++;
}

bool out_spool_rewind(struct out_spool *s)
{
	s->at = 0;
	if (s->fd >= 0 && !s->err) {
		int fd = dup(s->fd);
		s->rf = fd >= 0 ? fdopen(fd, "r") : NULL;
		if (!s->rf) {
			if (fd >= 0)
				close(fd);
			s->err = errno ? errno : EIO;
		} else if (fseeko(s->rf, 0, SEEK_SET) != 0) {
			s->err = errno ? errno : EIO;
		}
	}
	errno = s->err;
	return !s->err;
}

/* The next field into s->col[k]: the file's, then memory's. */
static bool spool_field(struct out_spool *s, int k)
{
	if (s->rf) {
		if (getdelim(&s->col[k], &s->cap_col[k], '\0', s->rf) >= 0)
			return true;
		if (ferror(s->rf)) {
			s->err = EIO;
			return false;
		}
		fclose(s->rf); /* (its rows read: memory's next) */
		s->rf = NULL;
	}
	if (s->at >= s->n)
		return false;
	const char *p = s->buf + s->at, *end = memchr(p, '\0', s->n - s->at);
	size_t len = end ? (size_t)(end - p) : s->n - s->at;
	if (len + 1 > s->cap_col[k]) {
		char *c = realloc(s->col[k], len + 1);
		if (!c) {
			s->err = ENOMEM;
			return false;
		}
		s->col[k] = c;
		s->cap_col[k] = len + 1;
	}
	memcpy(s->col[k], p, len);
	s->col[k][len] = '\0';
	s->at += len + 1;
	return true;
}

bool out_spool_get(struct out_spool *s)
{
	if (!s->rows || s->err)
		return false;
	for (int k = 0; k < OUT_SPOOL_COLS; k++)
		if (!spool_field(s, k))
			return false;
	s->rows--;
	return true;
}

void out_spool_close(struct out_spool *s)
{
	if (s->rf)
		fclose(s->rf);
	if (s->fd >= 0)
		close(s->fd);
	free(s->buf);
	for (int k = 0; k < OUT_SPOOL_COLS; k++)
		free(s->col[k]);
	out_spool_init(s);
}

static int write_failed;

void out_write_failed(int e)
{
	if (!write_failed)
		write_failed = e;
}

void out_sync(void)
{
	if (fflush(stdout) != 0)
		out_write_failed(errno);
}

bool out_flush(const char *cmd, int seen)
{
	static bool said;
	errno = 0;
	bool ok = fflush(stdout) == 0 && !ferror(stdout);
	if (!ok && !said) {
		int e = errno ? errno : seen ? seen : write_failed ? write_failed : EIO;
		fprintf(stderr, "%s: %s%swrite error: %s\n", progname, cmd ? cmd : "", cmd ? ": " : "", strerror(e));
		said = true;
	}
	return ok;
}

void out_note_unlikely(const char *cmd, const struct readout *a, const struct readout *b)
{
	if (compare_likely(a, b))
		return;
	char *x = sanitize_dup(a->id, strlen(a->id), 0), *y = sanitize_dup(b->id, strlen(b->id), 0);
	fprintf(stderr, "%s: %s: note: %s and %s do not look like one meeting's accounts (not the same date and parties)\n",
	        progname, cmd, x, y);
	free(x);
	free(y);
}
