/* textwrap.h - wrap a readout text to a width for display.
 *
 * '\n' is a mandatory break and belongs to no line.  Other breaks are the
 * break opportunities of UAX #14 (libunistring's u8_possible_linebreaks),
 * taken only between cells (cells.h), so French breaks at spaces but never
 * before ':' '?' '!' ';' and CJK breaks between ideographs; a line never
 * splits a grapheme cluster.  Lines are filled greedily.
 *
 * libunistring 1.0 implements UAX #14 of Unicode 14, where a space followed
 * by a closing quotation mark is a break opportunity ("« oui |»").  We add
 * rules LB15a and LB15b of Unicode 15 on top: no break after an opening
 * quotation mark (Pi) and the spaces that follow it, none before a closing
 * quotation mark (Pf) followed by a space, punctuation or the end of the
 * paragraph.  So French « » with ordinary spaces stay with their words.
 *
 * Spaces (U+0020) at a break are left out of the line before it (its end
 * excludes them) and the next line starts after them; spaces that start a
 * paragraph are text when something follows them (a paragraph of spaces
 * only is one empty line).  A word wider than the line is broken between cells.
 * A single cell wider than the whole width (a CJK character or a replaced
 * control at width 1) takes a line of its own: that is the only line wider
 * than the width, and the caller clips it.  An empty paragraph gives an
 * empty line, a text ending with '\n' an empty last line, the empty text
 * one empty line.  Cells are measured with SAN_KEEP_NEWLINE only, so other
 * controls (tabs included) take the width of their visible replacements.
 */
#ifndef PARLEY_TEXTWRAP_H
#define PARLEY_TEXTWRAP_H

#include <stdbool.h>
#include <stddef.h>

struct wrap_line {
	size_t start, end; /* bytes [start,end) of the text */
	int width;         /* columns when drawn cell by cell */
};

struct wrap {
	struct wrap_line *lines;
	size_t n, cap;
};

/* Wrap text[0..n) to `width` columns (a width below 1 counts as 1).  *w is
 * filled from scratch (it need not be initialised): wrap_free it before
 * wrapping into it again.  Lines cover the text in order without overlap;
 * starts are strictly increasing. */
void wrap_text(struct wrap *w, const char *text, size_t n, int width);

/* Index of the line holding byte offset `byte`: the last line that starts
 * at or before it, so a byte among the spaces (or the '\n') after a line
 * belongs to that line, and byte == n gives the last line. */
size_t wrap_line_of(const struct wrap *w, size_t byte);

void wrap_free(struct wrap *w);

/* A text of any length wrapped as it is shown, never whole: a block at a
 * time - a paragraph, or a piece of about WRAP_PIECE bytes of a longer one
 * (cut after a space when there is one near, else between two grapheme
 * clusters) - and the WRAP_KEPT blocks last used kept.  Its lines are
 * wrap_text's, but that a piece of a long paragraph starts a line of its
 * own.  Opening, moving and drawing then take time for what is shown,
 * whatever the text's length.  The text is passed to every call (it may
 * have been read back into another buffer since): the same bytes, n of
 * them. */
#define WRAP_PIECE (64 * 1024)
#define WRAP_KEPT 64
struct wrap_view {
	size_t n;                  /* the text's length */
	int width;
	struct wrap_block {
		size_t start, end;     /* bytes; end is a '\n', a piece's end or n */
		struct wrap w;
		unsigned long used;    /* 0: a free slot */
	} kept[WRAP_KEPT];
	unsigned long tick;
	size_t para_start, para_end; /* the paragraph last looked up */
	bool para_known;
};

/* Starts a view of a text of n bytes at a width (v need not be
 * initialised); wrap_view_free before starting another in it. */
void wrap_view_init(struct wrap_view *v, size_t n, int width);
void wrap_view_free(struct wrap_view *v);
/* The line holding byte b (the rule of wrap_line_of). */
struct wrap_line wrap_view_line(struct wrap_view *v, const char *text, size_t b);
/* The line k lines after line l (before it when k < 0), or the first
 * (last) line when there are fewer; *moved (may be NULL) gets how many
 * lines it went. */
struct wrap_line wrap_view_move(struct wrap_view *v, const char *text, struct wrap_line l, long k, long *moved);

#endif
