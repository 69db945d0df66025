/* view_timeline.c - how a speaker has spoken over time: the positions of
 * the filtered speaker (or speakers), on the filtered topics and
 * agreements, in the order of their readouts' dates, under a chart of
 * their stances per year or month drawn with the terminal's own
 * characters (timeline.h counts them).  Enter opens a position in its
 * text; H switches years and months; q goes back. */
#include "app.h"
#include "sanitize.h"
#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* each stance's mark in the chart, and its colour */
static const enum theme_el stance_el[STANCE_COUNT + 1] = { EL_ACCEPTED, EL_REJECTED, EL_STANCE, EL_ERROR,
	                                                   EL_NORMAL, EL_DIM, EL_DIM };

static struct {
	bool open;
	struct timeline tl;
	enum tl_unit unit;
	size_t sel, top;
	size_t ptop;           /* the first period shown in the chart */
} tv;

static void build(struct app *a)
{
	timeline_free(&tv.tl);
	struct match *m = NULL;
	size_t n = filter_matches(&a->filter, &a->corpus, &a->facets, &m);
	timeline_build(&tv.tl, &a->corpus, &a->filter, m, n, tv.unit);
	if (tv.sel >= tv.tl.n)
		tv.sel = tv.tl.n ? tv.tl.n - 1 : 0;
	/* the latest periods in sight */
	tv.ptop = 0;
}

void timeline_open(struct app *a)
{
	if (a->loading) {
		app_message(a, false, "the corpus is still loading: H shows the timeline once it is in");
		return;
	}
	if (!a->filter.ents[ENT_SPEAKER].n) {
		app_message(a, false, "choose a speaker first (s), and a topic or an agreement (t, a): H shows their "
		                      "positions over time");
		return;
	}
	tv.open = true;
	tv.unit = TL_AUTO;
	tv.sel = tv.top = 0;
	build(a);
	view_enter(a, VIEW_TIMELINE);
}

static int chart_h(const struct app *a)
{
	int h = a->lay.body.h;
	int c = (int)tv.tl.np + 2; /* legend, periods, a blank row */
	if (c > h / 2)
		c = h / 2;
	return c < 3 ? (h >= 6 ? 3 : 0) : c;
}

/* The period of the position selected in the list (np: none, undated). */
static size_t sel_period(const struct app *a)
{
	if (tv.sel >= tv.tl.n)
		return tv.tl.np;
	const struct readout *r = &a->corpus.readouts[tv.tl.m[tv.sel].readout];
	char key[8];
	if (!r->date || !timeline_period(r->date, tv.tl.unit, key))
		return tv.tl.np;
	for (size_t i = 0; i < tv.tl.np; i++)
		if (strcmp(tv.tl.p[i].key, key) == 0)
			return i;
	return tv.tl.np;
}

static void draw_chart(const struct app *a, struct rect r)
{
	if (r.h <= 0)
		return;
	char legend[256];
	snprintf(legend, sizeof(legend), " stances per %s:  + support  - oppose  > propose  ! concern  = affirm  . neutral  ? other",
	         tv.tl.unit == TL_MONTH ? "month" : "year");
	draw_fill(r.y, r.x, r.w, theme_attr(EL_HEADING));
	draw_str(r.y, r.x, r.w, legend, theme_attr(EL_HEADING));
	int rows = r.h - 2;
	if (rows <= 0)
		return;
	size_t max = 1;
	for (size_t i = 0; i < tv.tl.np; i++)
		if (tv.tl.p[i].total > max)
			max = tv.tl.p[i].total;
	/* when not all fit: those around the selected position's period (the
	 * latest when it has none), the chart scrolling as the list goes */
	size_t first = tv.tl.np > (size_t)rows ? tv.tl.np - (size_t)rows : 0;
	size_t at = sel_period(a);
	if (at < tv.tl.np && tv.tl.np > (size_t)rows) {
		if (tv.ptop > tv.tl.np - (size_t)rows)
			tv.ptop = tv.tl.np - (size_t)rows;
		if (at < tv.ptop)
			tv.ptop = at;
		else if (at >= tv.ptop + (size_t)rows)
			tv.ptop = at + 1 - (size_t)rows;
		first = tv.ptop;
	}
	int label_w = tv.tl.unit == TL_MONTH ? 8 : 5, bar_w = r.w - label_w - 8;
	if (bar_w < 4)
		bar_w = 4;
	for (int row = 0; row < rows && first + (size_t)row < tv.tl.np; row++) {
		const struct tl_period *p = &tv.tl.p[first + (size_t)row];
		int y = r.y + 1 + row, x = r.x + 1;
		/* the selected position's period stands out */
		draw_str(y, x, label_w, p->key, first + (size_t)row == at ? theme_attr(EL_NORMAL) | A_BOLD : theme_attr(EL_DIM));
		x += label_w;
		mvaddch(y, x, '|');
		x++;
		for (int s = 0; s <= STANCE_COUNT; s++) {
			if (!p->count[s])
				continue;
			/* scaled to the widest period; a stance said shows */
			size_t cells = max <= (size_t)bar_w ? p->count[s] : (p->count[s] * (size_t)bar_w + max - 1) / max;
			if (!cells)
				cells = 1;
			attrset(theme_attr(stance_el[s]));
			for (size_t k = 0; k < cells && x < r.x + r.w - 6; k++)
				mvaddch(y, x++, (chtype)(unsigned char)timeline_glyph[s]);
			attrset(A_NORMAL);
		}
		if (p->total)
			draw_textf(y, x + 1, r.x + r.w - x - 1, theme_attr(EL_DIM), "%zu", p->total);
	}
}

static void row_text(const struct app *a, size_t i, char *buf, size_t size)
{
	const struct match *m = &tv.tl.m[i];
	const struct readout *r = &a->corpus.readouts[m->readout];
	const struct position *p = &r->positions[m->position];
	const char *sum = p->summary && *p->summary ? p->summary : NULL;
	char span[200] = "";
	if (!sum) {
		const char *text = corpus_text(&a->corpus, m->readout);
		if (text) {
			size_t n = p->span.bend - p->span.bstart < 150 ? p->span.bend - p->span.bstart : 150;
			while (n && ((unsigned char)text[p->span.bstart + n] & 0xC0) == 0x80)
				n--;
			snprintf(span, sizeof(span), "%.*s", (int)n, text + p->span.bstart);
		}
	}
	/* one the chart does not count: marked x, and said */
	bool counted = timeline_counts(p, &a->filter);
	snprintf(buf, size, "%-10s %c %-8s %-22s %s: %s%s", r->date ? r->date : "no date",
	         counted ? timeline_glyph[p->stance >= 0 && p->stance < STANCE_COUNT ? p->stance : STANCE_COUNT] : 'x',
	         p->stance_text ? p->stance_text : "-", r->id, app_label(a, ENT_SPEAKER, m->readout, p->speaker),
	         counted ? "" : "(rejected, not counted) ", sum ? sum : span);
}

static struct rect list_rect(const struct app *a)
{
	struct rect r = a->lay.body;
	int c = chart_h(a);
	r.y += c;
	r.h -= c;
	return r;
}

static void timeline_draw(struct app *a)
{
	if (!tv.open)
		return;
	struct rect b = a->lay.body, c = b;
	c.h = chart_h(a);
	draw_chart(a, c);
	struct rect r = list_rect(a);
	if (r.h <= 0)
		return;
	char head[128];
	snprintf(head, sizeof(head), " Positions by date · %zu%s", tv.tl.n,
	         tv.tl.undated.total ? " (some readouts have no date: last)" : "");
	draw_fill(r.y, r.x, r.w, theme_attr(EL_HEADING));
	draw_str(r.y, r.x, r.w, head, theme_attr(EL_HEADING));
	int h = r.h - 1;
	if (!tv.tl.n) {
		draw_str(r.y + 1, r.x + 1, r.w - 1, "no position matches the filters", theme_attr(EL_DIM));
		return;
	}
	list_scroll(tv.sel, &tv.top, tv.tl.n, h);
	for (int row = 0; row < h && tv.top + (size_t)row < tv.tl.n; row++) {
		size_t i = tv.top + (size_t)row;
		char buf[800];
		row_text(a, i, buf, sizeof(buf));
		char *clean = sanitize_dup(buf, strlen(buf), 0);
		for (char *p = clean; *p; p++)
			if (*p == '\n')
				*p = ' ';
		attr_t at = i == tv.sel ? theme_attr(EL_CURSOR) : theme_attr(EL_NORMAL);
		if (i == tv.sel)
			draw_fill(r.y + 1 + row, r.x, r.w, at);
		draw_str(r.y + 1 + row, r.x + 1, r.w - 1, clean, at);
		free(clean);
	}
}

/* A click on a row of the list (row from the body's top, the chart and
 * the list's heading above it). */
static void timeline_click(struct app *a, int pane, int row, int col)
{
	(void)col;
	(void)pane;
	int first = list_rect(a).y + 1 - a->lay.body.y;
	size_t i = tv.top + (size_t)(row - first);
	if (tv.open && row >= first && i < tv.tl.n)
		tv.sel = i;
}

static bool timeline_action(struct app *a, enum action act)
{
	if (list_move(&tv.sel, &tv.top, tv.tl.n, list_rect(a).h - 1, act))
		return true;
	switch (act) {
	case ACT_OPEN:
		if (tv.sel < tv.tl.n) {
			const struct match *m = &tv.tl.m[tv.sel];
			app_open_readout(a, m->readout, (long)m->position);
		}
		return true;
	case ACT_TIMELINE:
		tv.unit = tv.tl.unit == TL_YEAR ? TL_MONTH : TL_YEAR;
		build(a);
		app_message(a, false, "stances per %s", tv.tl.unit == TL_YEAR ? "year" : "month");
		return true;
	default:
		return false;
	}
}

static int timeline_focus(const struct app *a)
{
	(void)a;
	return 0;
}

static void timeline_cursor(struct app *a, int *y, int *x)
{
	*y = list_rect(a).y + 1 + (int)(tv.sel - tv.top);
	*x = 0;
}

static void timeline_title(struct app *a, int y, int x, int w, attr_t at)
{
	char buf[600];
	size_t o = (size_t)snprintf(buf, sizeof(buf), "timeline");
	for (int k = 0; k < ENT_KINDS; k++)
		for (size_t i = 0; i < a->filter.ents[k].n && o < sizeof(buf) - 4; i++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, " · %s", a->facets.v[k][a->filter.ents[k].v[i]].label);
	char *clean = sanitize_dup(buf, strlen(buf), 0);
	draw_str(y, x, w - x, clean, at);
	free(clean);
}

static void timeline_status(const struct app *a, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, " %zu/%zu · H: per %s", tv.tl.n ? tv.sel + 1 : 0, tv.tl.n,
	         tv.tl.unit == TL_YEAR ? "month" : "year");
}

static size_t *timeline_find_row(struct app *a)
{
	(void)a;
	return &tv.sel;
}

static bool timeline_find(struct app *a, bool forward, bool from_here)
{
	size_t n = tv.tl.n;
	if (!a->list_fold || !n)
		return false;
	for (size_t k = from_here ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (tv.sel + k) % n : (tv.sel + n - k % n) % n;
		char buf[800];
		row_text(a, i, buf, sizeof(buf));
		char *f = fold_dup(buf, strlen(buf));
		bool yes = strstr(f, a->list_fold) != NULL;
		free(f);
		if (yes) {
			tv.sel = i;
			list_reveal(tv.sel, &tv.top, n, list_rect(a).h - 1);
			return true;
		}
	}
	return false;
}

static void timeline_back(struct app *a)
{
	a->view = a->prev_view == VIEW_TIMELINE ? VIEW_NAV : a->prev_view;
}

static void timeline_rebuild(struct app *a, enum view_change why)
{
	(void)why;
	if (tv.open)
		build(a);
}

static void timeline_close(struct app *a)
{
	(void)a;
	timeline_free(&tv.tl);
	memset(&tv, 0, sizeof(tv));
}

const struct view_ops timeline_view = {
	.name = "timeline", .focus = timeline_focus, .draw = timeline_draw, .action = timeline_action,
	.cursor = timeline_cursor, .title = timeline_title, .status = timeline_status, .find_row = timeline_find_row,
	.find = timeline_find, .back = timeline_back, .rebuild = timeline_rebuild, .close = timeline_close,
	.click = timeline_click,
};
