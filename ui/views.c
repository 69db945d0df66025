/* views.c - the table of views: a new view is a row here (view.h). */
#include "view.h"

const struct view_ops *const view_table[VIEW_COUNT] = {
	[VIEW_NAV] = &nav_view,
	[VIEW_READER] = &reader_view,
	[VIEW_LINES] = &lines_view,
	[VIEW_INFO] = &info_view,
	[VIEW_COMPARE] = &compare_view,
	[VIEW_TIMELINE] = &timeline_view,
};
