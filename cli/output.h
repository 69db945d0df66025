/* output.h - how `parley query` and `parley stats` write their results:
 * JSON strings, TSV fields, and text columns fitted to a terminal.  Every
 * string from data goes through here, so none reaches a terminal raw. */
#ifndef PARLEY_OUTPUT_H
#define PARLEY_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct out {
	FILE *f;
	bool tty;      /* standard output is a terminal */
	int width;     /* its columns (80 when unknown); 0 when not a terminal */
	bool color;    /* a terminal, NO_COLOR unset, TERM not "dumb" */
};

void out_init(struct out *o, FILE *f);

/* A JSON string literal of s.  Besides what JSON requires, every character
 * sanitize.h would not show as it is (C1 controls, bidi controls, line and
 * paragraph separators, DEL) is written as \uXXXX, and an invalid UTF-8
 * byte as \uFFFD: the output is valid JSON, means the same, and is safe on
 * a terminal. */
void out_json_str(FILE *f, const char *s);
/* Writes JSON text json[0..n) with every character sanitize.h would not
 * show as it is written as \uXXXX (they can only be inside its strings):
 * the same JSON, safe on a terminal. */
void out_json_text(FILE *f, const char *json, size_t n);
/* out_json_str, or null for NULL. */
void out_json_opt(FILE *f, const char *s);

/* A TSV field: backslash, tab, newline and carriage return written as \\,
 * \t, \n and \r, and every other character sanitize.h would not show as it
 * is as \uXXXX, as in JSON (an invalid UTF-8 byte as \ufffd): on a
 * terminal or not, a field never holds a raw control, and it reads back
 * exactly.  NULL is an empty field. */
void out_tsv(const struct out *o, const char *s);

/* A sanitised single-line copy of s[0..n) (malloc'd): newlines and tabs
 * become visible (^J, ^I) like any other control. */
char *out_clean(const char *s, size_t n);

/* Writes clean (an out_clean string) in at most cols columns, cut with
 * "…" when it is wider, and padded with spaces to cols when pad. */
void out_fit(const struct out *o, const char *clean, int cols, bool pad);
/* Columns clean takes. */
int out_width(const char *clean);

/* Rows of text columns held until their widths are known (text output
 * aligned over every row, its rows coming one readout at a time): in
 * memory, and past OUT_SPOOL_MEM bytes in an unlinked temporary file of
 * $TMPDIR (when absolute), else of /tmp, made with O_EXCL; in memory
 * again when that file cannot be made or written (what it held read
 * back). */
#define OUT_SPOOL_COLS 6
#define OUT_SPOOL_MEM ((size_t)16 << 20)
struct out_spool {
	char *buf;                 /* rows not in the file */
	size_t n, cap;
	size_t mem;                /* what it holds before the file takes it (OUT_SPOOL_MEM) */
	int fd;                    /* the file, -1 when none */
	size_t in_file;            /* bytes of rows in it */
	bool no_file;              /* it could not be made or written: memory alone */
	FILE *rf;                  /* reading back: the file's rows, then buf's */
	size_t at;
	char *col[OUT_SPOOL_COLS]; /* the row read back (out_spool_get) */
	size_t cap_col[OUT_SPOOL_COLS];
	size_t rows;
	int err;                   /* errno of rows lost (no memory), 0 */
};
void out_spool_init(struct out_spool *s);
/* A row of OUT_SPOOL_COLS strings (none holding a NUL; NULL: ""). */
void out_spool_put(struct out_spool *s, char *const *col);
/* To read the rows back from the first; false (errno) when some were
 * lost. */
bool out_spool_rewind(struct out_spool *s);
/* The next row into s->col; false after the last, or on an error. */
bool out_spool_get(struct out_spool *s);
void out_spool_close(struct out_spool *s);

/* The problems of loading a corpus on standard error, for the commands
 * that are not about them (query, stats, the plain listing): every error,
 * and for the warnings one line with their count ("parley validate lists
 * them"). */
void out_diags(const struct diags *d);

/* Standard output flushed, and what was written to it checked: false
 * (said on standard error as "PROG: CMD: write error: ...") when a write
 * failed (a full disk, a closed descriptor), so that a command never
 * says it succeeded with its output cut short.  cmd NULL: "PROG: write
 * error: ...".  Said once a process: main asks again after every
 * command. */
bool out_flush(const char *cmd, int seen);
/* seen: the errno of a write that failed before, when known (0: not).
 * (stdio keeps that a write failed, not why.) */
/* A write to standard output just failed with errno e: kept for
 * out_flush to say (the first), when its own flush has nothing left to
 * fail on (what failed was written past the buffer). */
void out_write_failed(int e);
/* Standard output flushed now (a command before its messages), a failure's
 * errno kept for out_flush (out_write_failed). */
void out_sync(void);

struct readout;
/* When a and b do not look like one meeting's accounts (compare_likely:
 * not the same date and parties), a note on standard error: "PROG: CMD:
 * note: A and B do not look like ...", for compare and link, which still
 * do as asked. */
void out_note_unlikely(const char *cmd, const struct readout *a, const struct readout *b);

/* SGR sequences when o->color, else "". */
const char *out_sgr(const struct out *o, const char *sgr);

#endif
