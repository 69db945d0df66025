/* view.h - the browser's views as a table of operations, as tig's
 * struct view_ops: the loop draws the current view and hands it the keys
 * through its operations, and never asks which view it is.  A new view is
 * a file that defines its operations, a value of enum view and a row of
 * the table (views.c).  The table reaches the rest through struct app
 * (a->views, set where the browser starts), so no part below the views
 * calls one by name.
 */
#ifndef PARLEY_VIEW_H
#define PARLEY_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "theme.h"

struct app;

enum view { VIEW_NAV, VIEW_READER, VIEW_LINES, VIEW_INFO, VIEW_COMPARE, VIEW_TIMELINE, VIEW_COUNT };

/* Why a view's lists are made again: the filter (or the positions)
 * changed, or more readouts arrived while loading. */
enum view_change { VIEW_FILTER, VIEW_GREW };

struct view_ops {
	const char *name;
	/* the body's split: the first pane's share in percent; 0 for one
	 * pane over the whole body */
	int share;
	/* it shows one readout (a->cur): the review keys act on its selection */
	bool shows_readout;
	/* it lies over another view (help, problems, hits), which q goes back
	 * to: never itself where q goes back to */
	bool overlay;
	int (*focus)(const struct app *a);                /* the pane with the focus (0, 1) */
	void (*draw)(struct app *a);                       /* the body */
	bool (*action)(struct app *a, enum action act);   /* false: not one of its own */
	void (*cursor)(struct app *a, int *y, int *x);    /* where the terminal's cursor goes */
	/* the title line after "parley", from column x (NULL: the corpus's
	 * counts, or the loading progress) */
	void (*title)(struct app *a, int y, int x, int w, attr_t at);
	/* where the user is, for the status line ("3/7 readouts") */
	void (*status)(const struct app *a, char *buf, size_t size);
	/* / in a list: the row a search moves, and the step to the next (the
	 * previous) row that has it, from the row (from_here: the row too).
	 * NULL: / searches the open readout's text. */
	size_t *(*find_row)(struct app *a);
	bool (*find)(struct app *a, bool forward, bool from_here);
	/* q: back where it came from (NULL: q quits) */
	void (*back)(struct app *a);
	/* an overlay that still shows what a readout was opened from (F's
	 * list): q in the readout goes back to it (NULL: it never does) */
	bool (*kept)(const struct app *a);
	/* its lists again, keeping its places (NULL: it has none) */
	void (*rebuild)(struct app *a, enum view_change why);
	/* for a view that shows_readout: readout a->cur, just opened, on
	 * position pos (-1: its first match, or where it was) */
	void (*open)(struct app *a, long pos);
	/* frees what it holds, at the end (NULL: nothing) */
	void (*close)(struct app *a);
	/* a click on pane (0, 1; a view of one pane: 0, the body) at row and
	 * column from its top left (a pane's heading is row 0): the row or
	 * place there is selected, and the pane takes the focus.  NULL: clicks
	 * do nothing. */
	void (*click)(struct app *a, int pane, int row, int col);
	/* where its cursor is, for n and N after F: on a hit of F's list (an
	 * index into a->fhits), or on a readout (a->corpus's index); -1 when
	 * on neither (NULL: never) */
	long (*at_hit)(const struct app *a);
	long (*at_readout)(const struct app *a);
	/* puts its cursor on hit i of F's list (NULL: it shows none) */
	void (*on_hit)(struct app *a, size_t i);
};

extern const struct view_ops nav_view, reader_view, lines_view, info_view, compare_view, timeline_view;
/* The views by enum view (views.c), for a->views. */
extern const struct view_ops *const view_table[VIEW_COUNT];

/* The current view's operations. */
const struct view_ops *view_ops(const struct app *a);
/* Goes to view v, remembering where from (for q). */
void view_enter(struct app *a, enum view v);

#endif
