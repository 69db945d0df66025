/* view_nav.c - the navigator: the corpus's readouts (date, kind, title,
 * review progress, in the order chosen: order.h) beside its facets (speakers, topics, agreements with
 * counts).  Enter opens a readout, or toggles a facet in the filter. */
#include "app.h"
#include "cells.h"
#include "compare.h"
#include "fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cursor back on readout keep, if still listed (else on the first);
 * the list scrolled to the top. */
static void nav_keep(struct app *a, size_t keep)
{
	a->nav_sel = 0;
	for (size_t i = 0; i < a->n_nav; i++)
		if (a->nav[i] == keep)
			a->nav_sel = i;
	a->nav_top = 0;
}

/* The facets' counts within the filter (once loaded), and the facet rows
 * when entities were made, or (rerank) when the filter may have changed. */
static void nav_facets(struct app *a, bool rerank)
{
	/* the facets' counts follow the filters */
	facet_counts_free(&a->fcounts);
	a->fcounts_valid = false;
	if (!filter_is_empty(&a->filter) && !a->loading) {
		struct match *m = NULL;
		size_t n = filter_matches(&a->filter, &a->corpus, &a->facets, &m);
		facets_count_matches(&a->fcounts, &a->corpus, &a->facets, m, n);
		free(m);
		a->fcounts_valid = true;
	}

	/* the facet rows again (entities made meanwhile, or counts within
	 * other filters: ranked by those, the core's rule), the cursor on
	 * its row */
	size_t total = ENT_KINDS;
	for (int k = 0; k < ENT_KINDS; k++)
		total += a->facets.n[k];
	struct facet_row fsel = { 0, 0 };
	bool again = a->frows && (a->n_frows != total || rerank);
	bool had = again && a->frow_sel < a->n_frows;
	if (had)
		fsel = a->frows[a->frow_sel];
	if (again) {
		free(a->frows);
		a->frows = NULL;
		a->n_frows = 0;
	}
	if (!a->frows) {
		a->frows = xmalloc(total * sizeof(*a->frows));
		for (int k = 0; k < ENT_KINDS; k++) {
			a->frows[a->n_frows++] = (struct facet_row){ -1, (size_t)k };
			size_t nk = a->facets.n[k], *pos = NULL, *rd = NULL;
			if (a->fcounts_valid) {
				pos = xcalloc(nk + 1, sizeof(*pos));
				rd = xcalloc(nk + 1, sizeof(*rd));
				for (size_t i = 0; i < nk && i < a->fcounts.n[k]; i++) {
					pos[i] = a->fcounts.pos[k][i];
					rd[i] = a->fcounts.rd[k][i];
				}
			}
			size_t *idx = facets_ranked_by(&a->facets, (enum entity_kind)k, pos, rd);
			free(pos);
			free(rd);
			for (size_t i = 0; i < a->facets.n[k]; i++)
				a->frows[a->n_frows++] = (struct facet_row){ k, idx[i] };
			free(idx);
		}
		a->frow_sel = a->n_frows > 1 ? 1 : 0;
		for (size_t i = 0; had && i < a->n_frows; i++)
			if (a->frows[i].kind == fsel.kind && a->frows[i].idx == fsel.idx)
				a->frow_sel = i;
	}
}

/* The lists again: the readouts for the filter, the facet rows when
 * entities were made. */
static void nav_rebuild(struct app *a)
{
	size_t keep = a->n_nav ? a->nav[a->nav_sel] : 0;
	free(a->nav);
	a->cap_nav = a->corpus.n_readouts + 1;
	a->nav = xmalloc(a->cap_nav * sizeof(size_t));
	a->n_nav = filter_readouts(&a->filter, &a->corpus, &a->facets, a->nav);
	a->nav_seen = a->corpus.n_readouts;
	readouts_sort(&a->corpus, a->nav, a->n_nav, a->nav_order);
	/* while loading, the keys of the new list for the merges to come:
	 * made now, with the sort, not by the next batch's merge (a key
	 * later) */
	order_keys_free(&a->nav_keys);
	if (a->loading)
		order_keys_make(&a->corpus, &a->nav_keys, a->nav, a->n_nav, a->nav_order);
	nav_keep(a, keep);
	nav_facets(a, true);
}

/* Readouts arrived (the corpus loading): those the filter keeps join the
 * list, sorted among themselves and merged in, which makes the list
 * nav_rebuild would (the order is total) for work that follows what
 * arrived rather than the corpus so far (a few hundred at a time: see
 * LOADER_BATCH).  Then as nav_rebuild.  While the corpus loads, the
 * list's keys are kept for the next merge; once it is loaded (readouts
 * may change), they go. */
static void nav_grow(struct app *a)
{
	size_t from = a->nav_seen, to = a->corpus.n_readouts;
	if (!a->nav || from > to) {
		nav_rebuild(a);
		return;
	}
	size_t sel = a->nav_sel, keep = a->n_nav ? a->nav[a->nav_sel] : 0;
	size_t *add = xmalloc((to - from + 1) * sizeof(size_t));
	size_t n_add = 0;
	for (size_t ri = from; ri < to; ri++)
		if (filter_readout(&a->filter, &a->corpus, &a->facets, ri))
			add[n_add++] = ri;
	readouts_sort(&a->corpus, add, n_add, a->nav_order);
	grow(&a->nav, &a->cap_nav, a->n_nav + n_add + 1, sizeof(size_t));
	if (!a->loading)
		order_keys_free(&a->nav_keys);
	readouts_merge(&a->corpus, a->nav, a->n_nav, add, n_add, a->nav_order, a->loading ? &a->nav_keys : NULL);
	free(add);
	bool had = a->n_nav > 0;
	a->n_nav += n_add;
	a->nav_seen = to;
	/* the cursor's readout moved down by the readouts merged above it:
	 * at most n_add rows (the whole list searched only when it is gone) */
	size_t i = sel;
	while (had && i < a->n_nav && i <= sel + n_add && a->nav[i] != keep)
		i++;
	if (had && i < a->n_nav && a->nav[i] == keep) {
		a->nav_sel = i;
		a->nav_top = 0;
	} else {
		nav_keep(a, keep);
	}
	nav_facets(a, false);
}

static int pane_rows(const struct app *a, int p)
{
	return a->lay.pane[p].h - 1; /* minus the heading */
}

static void draw_heading(struct rect r, const char *text, bool focused)
{
	attr_t at = theme_attr(EL_HEADING);
	draw_fill(r.y, r.x, r.w, at);
	draw_str(r.y, r.x, r.w, text, focused ? at | A_UNDERLINE : at);
}

/* The navigator's marks of other accounts: "=2" for an event of two
 * accounts, "~" for a likely one. */
static void event_marks(struct app *a)
{
	/* (the index points into the corpus's array, which moves as it grows) */
	if (a->ev.rs == a->corpus.readouts && a->ev.n == a->corpus.n_readouts && !a->ev_stale)
		return;
	event_index_free(&a->ev);
	event_index_build(&a->ev, a->corpus.readouts, a->corpus.n_readouts);
	a->ev_stale = false;
}

/* Its mark: the accounts of its event, else ~ for a likely one (worked out
 * for the rows drawn only). */
static void event_mark(struct app *a, size_t ri, char *buf, size_t size)
{
	buf[0] = '\0';
	if (ri >= a->ev.n)
		return;
	size_t shared = event_index_shared(&a->ev, ri);
	if (shared >= 2)
		snprintf(buf, size, " =%u", (unsigned)(shared > 99 ? 99 : shared));
	else if (event_index_likely(&a->ev, ri))
		snprintf(buf, size, " ~");
}

static void draw_readouts(struct app *a, struct rect r, bool focused)
{
	if (!a->loading)
		event_marks(a);
	char head[128];
	snprintf(head, sizeof(head), " Readouts %zu%s · by %s", a->n_nav, filter_is_empty(&a->filter) ? "" : " (filtered)",
	         readout_order_names[a->nav_order]);
	draw_heading(r, head, focused);
	int h = r.h - 1;
	list_scroll(a->nav_sel, &a->nav_top, a->n_nav, h);
	if (!a->n_nav)
		draw_str(r.y + 1, r.x + 1, r.w - 1,
		         a->corpus.n_readouts ? "no readout matches the filters (Esc clears them)"
		         : a->loading        ? "loading..."
		                             : "no readouts",
		         theme_attr(EL_DIM));
	for (int row = 0; row < h && a->nav_top + (size_t)row < a->n_nav; row++) {
		size_t i = a->nav_top + (size_t)row;
		const struct readout *ro = &a->corpus.readouts[a->nav[i]];
		int y = r.y + 1 + row;
		bool cur = i == a->nav_sel;
		attr_t base = cur ? theme_attr(focused ? EL_CURSOR : EL_CURSOR_UNFOCUSED) : theme_attr(EL_NORMAL);
		draw_fill(y, r.x, r.w, base);
		size_t done = 0;
		for (size_t p = 0; p < ro->n_positions; p++)
			done += ro->positions[p].review != REVIEW_PENDING;
		char prog[48], mark[16];
		event_mark(a, a->nav[i], mark, sizeof(mark));
		snprintf(prog, sizeof(prog), "%s %zu/%zu", mark, done, ro->n_positions);
		int pw = (int)strlen(prog);
		int x = r.x;
		x += draw_str(y, x, r.w, " ", cur ? base : theme_attr(EL_DIM));
		x += draw_column(y, x, r.x + r.w - x, ro->date ? ro->date : "", 10, cur ? base : theme_attr(EL_DIM));
		x += draw_str(y, x, r.x + r.w - x, " ", cur ? base : theme_attr(EL_DIM));
		if (r.w >= 50) {
			x += draw_column(y, x, r.x + r.w - x, ro->kind >= 0 ? readout_kind_names[ro->kind] : "", 12,
			                 cur ? base : theme_attr(EL_STANCE));
			x += draw_str(y, x, r.x + r.w - x, " ", cur ? base : theme_attr(EL_STANCE));
		}
		int tw = r.x + r.w - x - pw;
		if (tw > 0)
			draw_str(y, x, tw, ro->title ? ro->title : ro->id, base);
		if (r.x + r.w - pw >= x)
			draw_str(y, r.x + r.w - pw, pw, prog,
			         cur ? base : theme_attr(done == ro->n_positions && done ? EL_ACCEPTED : EL_PENDING));
	}
}

static void draw_facets(struct app *a, struct rect r, bool focused)
{
	/* the title beside the counts' heading, shortened to fit whole
	 * rather than cut through "(filtered)" */
	static const char *const titles[2][3] = {
		{ " Speakers · topics · agreements", " Speakers · topics · …", " Facets" },
		{ " Speakers · topics · agreements (filtered)", " Speakers · topics · … (filtered)", " Facets (filtered)" },
	};
	/* the counts' columns as wide as the largest count of the corpus's
	 * (rows scrolled to keep their columns), 3 and 2 at least */
	size_t max_p = 0, max_r = 0;
	for (size_t i = 0; i < a->n_frows; i++) {
		const struct facet_row *fr = &a->frows[i];
		if (fr->kind < 0)
			continue;
		const struct facet *f = &a->facets.v[fr->kind][fr->idx];
		max_p = f->n_positions > max_p ? f->n_positions : max_p;
		max_r = f->n_readouts > max_r ? f->n_readouts : max_r;
	}
	int wp = snprintf(NULL, 0, "%zu", max_p), wr = snprintf(NULL, 0, "%zu", max_r);
	wp = wp < 3 ? 3 : wp;
	wr = wr < 2 ? 2 : wr;
	char chead[48];
	int hw = snprintf(chead, sizeof(chead), " %*s %*s", wp, "pos", wr, "rd");
	bool counts = r.w > 33 + hw; /* (their heading over the counts, which end at the right) */
	int room = counts ? r.w - hw : r.w;
	const char *const *tv = titles[a->fcounts_valid ? 1 : 0];
	size_t t = 0;
	while (t < 2 && cells_width(tv[t], strlen(tv[t]), 0) > room)
		t++;
	draw_heading(r, tv[t], focused);
	if (counts)
		draw_str(r.y, r.x + r.w - hw, hw, chead, focused ? theme_attr(EL_HEADING) | A_UNDERLINE : theme_attr(EL_HEADING));
	int h = r.h - 1;
	list_scroll(a->frow_sel, &a->frow_top, a->n_frows, h);
	static const char *const heads[ENT_KINDS] = { "Speakers", "Topics", "Agreements" };
	for (int row = 0; row < h && a->frow_top + (size_t)row < a->n_frows; row++) {
		size_t i = a->frow_top + (size_t)row;
		const struct facet_row *fr = &a->frows[i];
		int y = r.y + 1 + row;
		bool cur = i == a->frow_sel;
		attr_t base = cur ? theme_attr(focused ? EL_CURSOR : EL_CURSOR_UNFOCUSED) : theme_attr(EL_NORMAL);
		draw_fill(y, r.x, r.w, base);
		if (fr->kind < 0) {
			draw_textf(y, r.x, r.w, cur ? base : theme_attr(EL_HEADING), "%s (%zu)", heads[fr->idx],
			           a->facets.n[fr->idx]);
			continue;
		}
		const struct facet *f = &a->facets.v[fr->kind][fr->idx];
		bool on = idset_has(&a->filter.ents[fr->kind], (uint32_t)fr->idx);
		char counts[32];
		/* within the filters: how many of Lavrov's positions are on
		 * Afghanistan */
		bool counted = a->fcounts_valid && fr->idx < a->fcounts.n[fr->kind];
		size_t np = counted ? a->fcounts.pos[fr->kind][fr->idx] : f->n_positions;
		size_t nr = counted ? a->fcounts.rd[fr->kind][fr->idx] : f->n_readouts;
		snprintf(counts, sizeof(counts), " %*zu %*zu", wp, np, wr, nr);
		if (counted && !np && !cur)
			base = theme_attr(EL_DIM);
		int cw = (int)strlen(counts);
		int x = r.x + draw_str(y, r.x, r.w, on ? " * " : "   ", on ? theme_attr(EL_FILTER) : base);
		int lw = r.x + r.w - x - cw;
		if (lw > 0)
			draw_str(y, x, lw, f->label, base);
		if (r.w > cw + 4)
			draw_str(y, r.x + r.w - cw, cw, counts, cur ? base : theme_attr(EL_DIM));
	}
}

static void nav_draw(struct app *a)
{
	if (a->lay.shown[0])
		draw_readouts(a, a->lay.pane[0], a->nav_focus == 0);
	if (a->lay.shown[1])
		draw_facets(a, a->lay.pane[1], a->nav_focus == 1);
}

static void nav_cursor(struct app *a, int *y, int *x)
{
	int p = a->nav_focus;
	struct rect r = a->lay.pane[p];
	size_t sel = p ? a->frow_sel : a->nav_sel, top = p ? a->frow_top : a->nav_top;
	*y = r.y + 1 + (int)(sel - top);
	*x = r.x;
}

static bool nav_action(struct app *a, enum action act)
{
	int p = a->nav_focus;
	if (p == 0 && list_move(&a->nav_sel, &a->nav_top, a->n_nav, pane_rows(a, 0), act))
		return true;
	if (p == 1 && list_move(&a->frow_sel, &a->frow_top, a->n_frows, pane_rows(a, 1), act)) {
		a->frow_moved = true;
		return true;
	}
	switch (act) {
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE:
		a->nav_focus = !a->nav_focus;
		return true;
	case ACT_OPEN:
		if (p == 0) {
			if (a->n_nav)
				app_open_readout(a, a->nav[a->nav_sel], -1);
			return true;
		}
		if (a->n_frows) {
			/* (a copy: the refilter ranks the rows again) */
			const struct facet_row fr = a->frows[a->frow_sel];
			if (fr.kind < 0) {
				picker_run(a, (enum entity_kind)fr.idx);
				return true;
			}
			bool on = idset_toggle(&a->filter.ents[fr.kind], (uint32_t)fr.idx);
			app_refilter(a);
			app_say_filter(a, on, a->facets.v[fr.kind][fr.idx].label);
		}
		return true;
	case ACT_NEXT_READOUT:
		return list_move(&a->nav_sel, &a->nav_top, a->n_nav, pane_rows(a, 0), ACT_MOVE_DOWN);
	case ACT_PREV_READOUT:
		return list_move(&a->nav_sel, &a->nav_top, a->n_nav, pane_rows(a, 0), ACT_MOVE_UP);
	default:
		return false;
	}
}

/* A click: the readout or the facet row under it (the heading: the pane). */
static void nav_click(struct app *a, int pane, int row, int col)
{
	(void)col;
	a->nav_focus = pane;
	size_t i = (pane ? a->frow_top : a->nav_top) + (size_t)(row > 0 ? row - 1 : 0);
	if (row < 1 || i >= (pane ? a->n_frows : a->n_nav))
		return;
	if (pane) {
		a->frow_sel = i;
		a->frow_moved = true;
	} else {
		a->nav_sel = i;
	}
}

/* Does row i of the focused pane hold the folded needle? */
static bool row_has(struct app *a, size_t i, const char *needle)
{
	char *f;
	bool yes = false;
	if (a->nav_focus == 0) {
		const struct readout *ro = &a->corpus.readouts[a->nav[i]];
		char *row = xasprintf("%s %s %s %s %s", ro->date ? ro->date : "", ro->kind >= 0 ? readout_kind_names[ro->kind] : "",
		                      ro->title ? ro->title : "", ro->id, ro->place ? ro->place : "");
		f = fold_dup(row, strlen(row));
		yes = strstr(f, needle) != NULL;
		free(row);
		free(f);
		return yes;
	}
	const struct facet_row *fr = &a->frows[i];
	if (fr->kind < 0)
		return false;
	const struct facet *fc = &a->facets.v[fr->kind][fr->idx];
	for (size_t k = 0; k <= fc->n_names && !yes; k++) {
		const char *name = k == fc->n_names ? fc->id : fc->names[k].s;
		f = fold_dup(name, strlen(name));
		yes = strstr(f, needle) != NULL;
		free(f);
	}
	return yes;
}

static bool nav_find(struct app *a, bool forward, bool from_here)
{
	size_t n = a->nav_focus ? a->n_frows : a->n_nav;
	size_t *sel = a->nav_focus ? &a->frow_sel : &a->nav_sel;
	if (!a->list_fold || !n)
		return false;
	for (size_t k = from_here ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (*sel + k) % n : (*sel + n - k % n) % n;
		if (row_has(a, i, a->list_fold)) {
			*sel = i;
			list_reveal(i, a->nav_focus ? &a->frow_top : &a->nav_top, n, pane_rows(a, a->nav_focus));
			if (a->nav_focus)
				a->frow_moved = true;
			return true;
		}
	}
	return false;
}

static int nav_focus(const struct app *a)
{
	return a->nav_focus;
}

/* Where the cursor is in the pane that has it: the readouts, or the
 * speakers, topics or agreements (the row's place among its kind's, as
 * the readouts' among theirs). */
static void nav_status(const struct app *a, char *buf, size_t size)
{
	if (a->nav_focus && a->frows && a->frow_sel < a->n_frows) {
		size_t head = a->frow_sel;
		while (head > 0 && a->frows[head].kind >= 0)
			head--;
		int k = (int)a->frows[head].idx;
		if (k >= 0 && k < ENT_KINDS) {
			if (a->frow_sel == head) /* (a kind's heading) */
				snprintf(buf, size, " %zu %s", a->facets.n[k], entity_kind_plural[k]);
			else
				snprintf(buf, size, " %zu/%zu %s", a->frow_sel - head, a->facets.n[k], entity_kind_plural[k]);
			return;
		}
	}
	snprintf(buf, size, " %zu/%zu readouts", a->n_nav ? a->nav_sel + 1 : 0, a->n_nav);
}

static size_t *nav_find_row(struct app *a)
{
	return a->nav_focus ? &a->frow_sel : &a->nav_sel;
}

/* After the filter changed, the lists again.  When more readouts arrived,
 * the facet rows are sorted by count again: a facet the user moved to
 * stays under the cursor, wherever it goes; else the cursor stays on the
 * top; the readouts keep their scroll. */
static void nav_refresh(struct app *a, enum view_change why)
{
	if (why == VIEW_FILTER) {
		nav_rebuild(a);
		return;
	}
	size_t nav_top = a->nav_top, frow_top = a->frow_top;
	/* on the first row, the cursor stays on the first row: readouts
	 * arriving in the order (newest first) go above the one it was on */
	bool at_top = a->nav_sel == 0;
	bool had = a->frows && a->frow_moved && a->frow_sel < a->n_frows;
	struct facet_row fsel = had ? a->frows[a->frow_sel] : (struct facet_row){ 0, 0 };
	free(a->frows);
	a->frows = NULL;
	a->n_frows = 0;
	nav_grow(a);
	a->nav_top = nav_top;
	if (at_top)
		a->nav_sel = 0;
	if (had) {
		a->frow_top = frow_top;
		for (size_t i = 0; i < a->n_frows; i++)
			if (a->frows[i].kind == fsel.kind && a->frows[i].idx == fsel.idx)
				a->frow_sel = i;
	}
}

static long nav_at_readout(const struct app *a)
{
	return a->n_nav && a->nav_sel < a->n_nav ? (long)a->nav[a->nav_sel] : -1;
}

const struct view_ops nav_view = {
	.name = "navigator", .share = 62, .focus = nav_focus, .draw = nav_draw, .action = nav_action,
	.cursor = nav_cursor, .status = nav_status, .find_row = nav_find_row, .find = nav_find, .click = nav_click,
	.rebuild = nav_refresh, .at_readout = nav_at_readout,
};
