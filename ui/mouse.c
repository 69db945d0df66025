/* mouse.c - the mouse, where the terminal has one and `set mouse = off`
 * is not in the config: a click selects the row or the place under it
 * (the view's click operation, view.h), the wheel moves three lines in
 * the pane under the pointer. */
#include "app.h"

#define WHEEL_LINES 3

void mouse_event(struct app *a, int y, int x, unsigned long bstate)
{
	enum mouse_kind k = mouse_kind_of(bstate);
	const struct view_ops *v = view_ops(a);
	if (k == MOUSE_NONE || a->lay.too_small)
		return;
	int row = 0, col = 0, pane;
	if (v->share) {
		pane = layout_hit(&a->lay, y, x, &row);
		if (pane >= 0)
			col = x - a->lay.pane[pane].x;
	} else {
		const struct rect *b = &a->lay.body;
		pane = y >= b->y && y < b->y + b->h ? 0 : -1;
		row = y - b->y;
		col = x - b->x;
	}
	if (pane < 0)
		return;
	a->count = 0;
	if (k == MOUSE_CLICK) {
		if (v->click)
			v->click(a, pane, row, col);
		return;
	}
	/* the wheel: the pane under the pointer takes the focus, then moves
	 * as j and k would, three times */
	if (v->click && v->share && v->focus(a) != pane)
		v->click(a, pane, 0, col);
	a->count = WHEEL_LINES;
	count_run(a, k == MOUSE_WHEEL_DOWN ? ACT_MOVE_DOWN : ACT_MOVE_UP);
}
