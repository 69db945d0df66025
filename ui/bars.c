/* bars.c - what is on the screen around the views: the title line, the
 * status line (where the user is, the filters, the search, the loading,
 * the problems, or a message), the divider between the panes; and the
 * drawing of the whole screen for the current view (view.h). */
#include "app.h"
#include "cells.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

static void draw_title(struct app *a, const struct view_ops *v)
{
	struct rect r = a->lay.title;
	attr_t at = theme_attr(EL_TITLE);
	draw_fill(r.y, 0, r.w, at);
	int x = draw_str(r.y, 0, r.w, " parley ", at | A_BOLD);
	if (v->title) {
		v->title(a, r.y, x, r.w, at);
	} else if (a->loading) {
		/* the loader's progress: files read, readouts here, a bar */
		size_t total = __atomic_load_n(a->load_total, __ATOMIC_ACQUIRE);
		size_t done = __atomic_load_n(a->load_done, __ATOMIC_ACQUIRE);
		x += draw_textf(r.y, x, r.w - x, at, "loading %zu of %zu files, %zu readouts so far ", done, total,
		                a->corpus.n_readouts);
		int w = r.w - x - 1 > 30 ? 30 : r.w - x - 1;
		if (w > 4) {
			int fill = total ? (int)((double)w * (double)done / (double)total) : 0;
			draw_fill(r.y, x, fill, theme_attr(EL_CURSOR));
			draw_fill(r.y, x + fill, w - fill, theme_attr(EL_CURSOR_UNFOCUSED));
		}
	} else {
		char buf[256];
		size_t np = corpus_n_positions(&a->corpus);
		/* (each count's noun in the number it takes: "1 agreements" was;
		 * read-only said from the start, not at the first review key) */
		size_t ns = a->facets.n[ENT_SPEAKER], nt = a->facets.n[ENT_TOPIC], na = a->facets.n[ENT_AGREEMENT];
		snprintf(buf, sizeof(buf), "%s%zu readout%s, %zu position%s, %zu speaker%s, %zu topic%s, %zu agreement%s",
		         a->read_only ? "read-only · " : "", a->corpus.n_readouts, a->corpus.n_readouts == 1 ? "" : "s",
		         np, np == 1 ? "" : "s", ns, ns == 1 ? "" : "s", nt, nt == 1 ? "" : "s", na, na == 1 ? "" : "s");
		draw_str(r.y, x, r.w - x, buf, at);
	}
}

static size_t filter_desc(struct app *a, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	static const char *const kn[ENT_KINDS] = { "speaker", "topic", "agreement" };
	/* the mode first, where it is not cut off */
	if (a->filter.all_speakers && a->filter.ents[ENT_SPEAKER].n > 1)
		len = (size_t)snprintf(buf, size, "all-speakers");
	for (int k = 0; k < ENT_KINDS; k++)
		for (size_t i = 0; i < a->filter.ents[k].n; i++) {
			const struct facet *f = &a->facets.v[k][a->filter.ents[k].v[i]];
			int w = snprintf(buf + len, size - len, "%s%s:%s", len ? " " : "", kn[k], f->label);
			if (w < 0 || (size_t)w >= size - len)
				return len;
			len += (size_t)w;
		}
	const struct filter *fl = &a->filter;
	for (size_t i = 0; i < fl->n_langs; i++) {
		int w = snprintf(buf + len, size - len, "%slang:%s", len ? " " : "", fl->langs[i]);
		if (w < 0 || (size_t)w >= size - len)
			return len;
		len += (size_t)w;
	}
	for (int k = 0; k < KIND_COUNT; k++)
		if (fl->kinds & (1u << k)) {
			int w = snprintf(buf + len, size - len, "%skind:%s", len ? " " : "", readout_kind_names[k]);
			if (w < 0 || (size_t)w >= size - len)
				return len;
			len += (size_t)w;
		}
	if (fl->since[0] || fl->until[0]) {
		int w = snprintf(buf + len, size - len, "%sdates:%s..%s", len ? " " : "", fl->since, fl->until);
		if (w < 0 || (size_t)w >= size - len)
			return len;
		len += (size_t)w;
	}
	for (size_t i = 0; i < a->filter.n_events; i++) {
		int w = snprintf(buf + len, size - len, "%sevent:%s", len ? " " : "", a->filter.events[i]);
		if (w < 0 || (size_t)w >= size - len)
			return len;
		len += (size_t)w;
	}
	return len;
}

static void draw_status(struct app *a, const struct view_ops *v)
{
	struct rect r = a->lay.status;
	attr_t at = theme_attr(EL_STATUS);
	draw_fill(r.y, 0, r.w, at);
	const char *help = " ? help ";
	int hw = (int)strlen(help);
	int avail = r.w - hw;
	if (avail < 0)
		avail = 0;
	int x = 0;
	if (a->msg[0] && cells_width(a->msg, strlen(a->msg), 0) > avail) {
		/* too long for the status line: wrapped above it, read whole */
		draw_bottom(a, a->msg, theme_attr(a->msg_error ? EL_ERROR : EL_MESSAGE) | A_REVERSE, NULL, NULL);
		return;
	} else if (a->msg[0]) {
		x += draw_str(r.y, 0, avail, a->msg, theme_attr(a->msg_error ? EL_ERROR : EL_MESSAGE) | A_REVERSE);
	} else {
		char left[512], filt[300], probs[96] = "";
		v->status(a, left, sizeof(left));
		const char *shown_search = v->find && a->list_fold && a->view == a->list_view ? a->list_search
		                           : a->search_fold ? a->search : NULL;
		/* readouts skipped and paths not read, each by its name (the
		 * problems' heading says them apart too) */
		size_t skipped = a->corpus.n_skipped, unread = a->corpus.n_io_errors, warned = a->corpus.diags.count[DIAG_WARN];
		char what[80];
		if (skipped || unread)
			snprintf(probs, sizeof(probs), "  %s (E)", app_unread(a, what, sizeof(what), true));
		else if (a->n_notes)
			snprintf(probs, sizeof(probs), "  %zu problem%s (E)", a->n_notes, a->n_notes == 1 ? "" : "s");
		else if (warned)
			snprintf(probs, sizeof(probs), "  %zu warning%s (E)", warned, warned == 1 ? "" : "s");
		bool loading_said = a->loading && v->title; /* (the title line does not show it) */
		/* the filters first: they change what every pane shows; the
		 * room what follows them leaves (half the line at least, where
		 * that is longer) */
		if (filter_desc(a, filt, sizeof(filt))) {
			x += draw_str(r.y, x, avail - x, " ", at);
			int after = (int)cells_width(left, strlen(left), 0) + (int)strlen(probs) + (a->opened ? 11 : 0)
			            + (loading_said ? 32 : 0)
			            + (shown_search ? 3 + (int)cells_width(shown_search, strlen(shown_search), 0) : 0);
			int room = avail - x - after - 1;
			if (room < avail / 2 - x)
				room = avail / 2 - x;
			x += draw_str(r.y, x, room > 10 ? room : 10, filt, theme_attr(EL_FILTER));
		}
		if (x + 3 < avail)
			x += draw_str(r.y, x, avail - x, left, at);
		if (a->opened && x + 3 < avail)
			x += draw_str(r.y, x, avail - x, "  [samples]", at | A_BOLD);
		if (loading_said && x + 3 < avail)
			x += draw_textf(r.y, x, avail - x, at | A_BOLD, "  [loading %zu of %zu files]",
			                __atomic_load_n(a->load_done, __ATOMIC_ACQUIRE),
			                __atomic_load_n(a->load_total, __ATOMIC_ACQUIRE));
		if (shown_search && x + 3 < avail) {
			x += draw_str(r.y, x, avail - x, "  /", at);
			x += draw_str(r.y, x, avail - x, shown_search, at);
		}
		if (probs[0] && x + 3 < avail)
			x += draw_str(r.y, x, avail - x, probs,
			              skipped || unread || a->n_notes ? theme_attr(EL_ERROR) | A_REVERSE : theme_attr(EL_MESSAGE));
	}
	if (a->count) {
		/* the count typed so far, waiting for its key (count.c) */
		char cnt[32];
		int cw = snprintf(cnt, sizeof(cnt), " count %lu ", a->count);
		if (cw > 0 && r.w - hw - cw >= 0)
			draw_str(r.y, r.w - hw - cw, cw, cnt, theme_attr(EL_MESSAGE) | A_REVERSE);
	}
	if (r.w >= hw)
		draw_str(r.y, r.w - hw, hw, help, at | A_BOLD);
}

static void draw_divider(struct app *a)
{
	struct rect d = a->lay.divider;
	attr_t at = theme_attr(EL_BORDER);
	if (a->lay.split == SPLIT_SIDE) {
		attrset(at);
		mvvline_set(d.y, d.x, WACS_VLINE, d.h);
		attrset(A_NORMAL);
	} else if (a->lay.split == SPLIT_STACK) {
		attrset(at);
		mvhline_set(d.y, d.x, WACS_HLINE, d.w);
		attrset(A_NORMAL);
	}
}

void app_draw(struct app *a)
{
	const struct view_ops *v = view_ops(a);
	erase();
	getmaxyx(stdscr, a->rows, a->cols);
	layout_compute(&a->lay, a->rows, a->cols, v->share ? v->focus(a) : 0, v->share ? v->share : 50);
	if (a->lay.too_small) {
		const char *m1 = a->cols >= 18 ? "terminal too small" : "too small";
		char m2[64];
		snprintf(m2, sizeof(m2), "%dx%d, need %dx%d", a->cols, a->rows, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
		int y = a->rows / 2 - 1;
		if (y < 0)
			y = 0;
		draw_str(y, 0, a->cols, m1, A_BOLD);
		if (a->rows > 1)
			draw_str(y + 1, 0, a->cols, m2, A_NORMAL);
		move(y, 0);
		return;
	}
	if (!v->share) {
		/* one pane over the whole body */
		a->lay.pane[0] = a->lay.body;
		a->lay.shown[0] = true;
		a->lay.shown[1] = false;
		a->lay.split = SPLIT_SINGLE;
	}
	draw_title(a, v);
	v->draw(a);
	draw_divider(a);
	draw_status(a, v);
	int cy = 0, cx = 0;
	v->cursor(a, &cy, &cx);
	move(cy, cx);
}
