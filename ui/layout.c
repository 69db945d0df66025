/* layout.c - pane geometry (see layout.h). */
#include "layout.h"

#include <string.h>

void layout_compute(struct layout *l, int rows, int cols, int focus, int share)
{
	memset(l, 0, sizeof(*l));
	if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS) {
		l->too_small = true;
		return;
	}
	l->title = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ rows - 1, 0, 1, cols };
	l->body = (struct rect){ 1, 0, rows - 2, cols };
	struct rect b = l->body;
	if (cols >= LAYOUT_SIDE_COLS) {
		int w0 = cols * share / 100;
		l->split = SPLIT_SIDE;
		l->pane[0] = (struct rect){ b.y, 0, b.h, w0 };
		l->divider = (struct rect){ b.y, w0, b.h, 1 };
		l->pane[1] = (struct rect){ b.y, w0 + 1, b.h, cols - w0 - 1 };
		l->shown[0] = l->shown[1] = true;
	} else if (b.h >= LAYOUT_STACK_ROWS) {
		int h0 = b.h * share / 100;
		l->split = SPLIT_STACK;
		l->pane[0] = (struct rect){ b.y, 0, h0, cols };
		l->divider = (struct rect){ b.y + h0, 0, 1, cols };
		l->pane[1] = (struct rect){ b.y + h0 + 1, 0, b.h - h0 - 1, cols };
		l->shown[0] = l->shown[1] = true;
	} else {
		l->split = SPLIT_SINGLE;
		l->pane[0] = l->pane[1] = b;
		l->shown[focus ? 1 : 0] = true;
	}
}

int layout_hit(const struct layout *l, int y, int x, int *row)
{
	if (l->too_small)
		return -1;
	for (int i = 0; i < 2; i++) {
		const struct rect *r = &l->pane[i];
		if (l->shown[i] && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w) {
			*row = y - r->y;
			return i;
		}
	}
	return -1;
}
