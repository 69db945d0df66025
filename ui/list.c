/* list.c - cursor movement in a list of rows, shared by every list view. */
#include "app.h"

void list_scroll(size_t sel, size_t *top, size_t n, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	if (sel < *top)
		*top = sel;
	else if (sel >= *top + h)
		*top = sel - h + 1;
	if (n > h && *top > n - h)
		*top = n - h;
	if (n <= h)
		*top = 0;
}

void list_reveal(size_t sel, size_t *top, size_t n, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	if (sel < *top || sel >= *top + h)
		*top = sel > h / 3 ? sel - h / 3 : 0;
	list_scroll(sel, top, n, height);
}

bool list_move(size_t *sel, size_t *top, size_t n, int height, enum action act)
{
	size_t h = height > 1 ? (size_t)height : 1;
	if (!n)
		return act == ACT_MOVE_DOWN || act == ACT_MOVE_UP || act == ACT_PAGE_DOWN || act == ACT_PAGE_UP
		       || act == ACT_HALF_DOWN || act == ACT_HALF_UP || act == ACT_FIRST || act == ACT_LAST;
	size_t s = *sel;
	switch (act) {
	case ACT_MOVE_DOWN:
		if (s + 1 < n)
			s++;
		break;
	case ACT_MOVE_UP:
		if (s > 0)
			s--;
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN: {
		size_t step = act == ACT_PAGE_DOWN ? h : (h + 1) / 2;
		s = s + step < n ? s + step : n - 1;
		*top += step;
		break;
	}
	case ACT_PAGE_UP:
	case ACT_HALF_UP: {
		size_t step = act == ACT_PAGE_UP ? h : (h + 1) / 2;
		s = s > step ? s - step : 0;
		*top = *top > step ? *top - step : 0;
		break;
	}
	case ACT_FIRST:
		s = 0;
		break;
	case ACT_LAST:
		s = n - 1;
		break;
	default:
		return false;
	}
	*sel = s;
	list_scroll(s, top, n, height);
	return true;
}
