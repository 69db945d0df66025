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
		attrset(theme_attr(EL_DIM) | A_BOLD);
		addch('~');
		used++;
	}
	attrset(A_NORMAL);
	return used;
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

enum theme_el speaker_el(size_t global_speaker)
{
	return (enum theme_el)(EL_SPEAKER1 + global_speaker % SPEAKER_COLOURS);
}
