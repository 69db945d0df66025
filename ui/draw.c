/* draw.c - putting data on the screen safely.
 *
 * Every string from a readout reaches curses through draw_text(), which
 * walks it by display cell (grapheme clusters, see cells.h): unsafe
 * characters are drawn as their visible replacement in the "escaped"
 * colour, wide characters take two columns, and nothing is split or drawn
 * past the width it was given.
 */
#include "app.h"
#include "cells.h"
#include "textwrap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int draw_text(int y, int x, int w, const char *s, size_t n, attr_t attr)
{
	if (w <= 0)
		return 0;
	int used = 0;
	size_t end = cells_fit(s, n, w, 0, &used);
	bool cut = end < n;
	if (cut)
		end = cells_fit(s, n, w - 1, 0, &used);
	/* the safe stretches in one call each, the replaced cells between them */
	size_t i = 0, run = 0;
	struct cell c;
	move(y, x);
	attrset(attr);
	while (i < end && cell_next(s, end, i, 0, &c)) {
		if (c.replaced) {
			if (c.start > run)
				addnstr(s + run, (int)(c.start - run));
			attrset(theme_attr(EL_ESCAPED));
			addstr(c.repl);
			attrset(attr);
			run = c.end;
		}
		i = c.end;
	}
	if (end > run)
		addnstr(s + run, (int)(end - run));
	if (cut) {
		/* mark the cut in the last column */
		attrset(attr);
		while (used < w - 1) {
			addch(' ');
			used++;
		}
		/* (an ellipsis, as the commands' cut: a ~ is the list's mark
		 * of a likely other account) */
		attrset(theme_attr(EL_DIM) | A_BOLD);
		addstr("…");
		used++;
	}
	attrset(A_NORMAL);
	return used;
}

int draw_column(int y, int x, int w, const char *s, int width, attr_t attr)
{
	if (width > w)
		width = w;
	int used = draw_text(y, x, width, s, strlen(s), attr);
	if (used < width)
		draw_fill(y, x + used, width - used, attr);
	return width > 0 ? width : 0;
}

int draw_str(int y, int x, int w, const char *s, attr_t attr)
{
	return draw_text(y, x, w, s, strlen(s), attr);
}

int draw_textf(int y, int x, int w, attr_t attr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return draw_text(y, x, w, buf, strlen(buf), attr);
}

void draw_fill(int y, int x, int w, attr_t attr)
{
	if (w <= 0)
		return;
	mvhline(y, x, ' ' | attr, w);
}

enum theme_el speaker_el(const struct app *a, size_t ri, uint32_t local)
{
	return (enum theme_el)(EL_SPEAKER1 + facets_speaker_slot(&a->facets, &a->corpus, ri, local, SPEAKER_COLOURS));
}

int draw_bottom(struct app *a, const char *text, attr_t attr, int *ey, int *ex)
{
	int w = a->cols > 1 ? a->cols - 1 : 1, max = a->rows / 3 > 1 ? a->rows / 3 : 1;
	struct wrap wr = { 0 };
	wrap_text(&wr, text, strlen(text), w);
	int n = wr.n ? (int)wr.n : 1, shown = n < max ? n : max;
	int y0 = a->rows - shown, x = 0;
	for (int i = 0; i < shown; i++) {
		draw_fill(y0 + i, 0, a->cols, attr);
		if (!wr.n)
			break;
		const struct wrap_line *l = &wr.lines[i];
		size_t len = i == shown - 1 && shown < n ? strlen(text) - l->start : l->end - l->start;
		x = draw_text(y0 + i, 0, w, text + l->start, len, attr);
	}
	wrap_free(&wr);
	if (ey)
		*ey = a->rows - 1;
	if (ex)
		*ex = x < a->cols ? x : a->cols - 1;
	return y0;
}
