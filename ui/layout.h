/* layout.h - where each pane goes for a terminal size.  Pure arithmetic, no
 * curses, so it is tested without a terminal (tests/unit/test_layout.c).
 *
 * Row 0 is the title line, the last row the status line.  Two panes share
 * the body: side by side from LAYOUT_SIDE_COLS columns, stacked when the
 * body is at least LAYOUT_STACK_ROWS rows tall, else one at a time (Tab
 * switches).  Below LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS the terminal is too
 * small.
 */
#ifndef PARLEY_LAYOUT_H
#define PARLEY_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 20
#define LAYOUT_MIN_ROWS 6
#define LAYOUT_SIDE_COLS 100
#define LAYOUT_STACK_ROWS 16

struct rect {
	int y, x, h, w;
};

enum split { SPLIT_SIDE, SPLIT_STACK, SPLIT_SINGLE };

struct layout {
	bool too_small;
	enum split split;
	struct rect title, status, body;
	struct rect pane[2];   /* SPLIT_SINGLE: only pane[focus] is shown */
	struct rect divider;   /* the column or row between the panes (h or w 0 if none) */
	bool shown[2];
};

/* share: percent of the body given to pane 0. */
void layout_compute(struct layout *l, int rows, int cols, int focus, int share);
/* The shown pane holding the cell at row y, column x (0 or 1), with *row
 * its row from the pane's top; -1 when none does (the title, the status
 * line, the divider). */
int layout_hit(const struct layout *l, int y, int x, int *row);

#endif
