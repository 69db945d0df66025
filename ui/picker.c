/* picker.c - the facet picker (a list of speakers, topics or agreements to
 * narrow by typing, Enter toggles one in the filter) and the one-line prompt
 * used by search.  Both read keys themselves: typed letters are text here,
 * not actions. */
#include "app.h"
#include "cells.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* Removes the last display cell of buf. */
static void erase_cell(char *buf)
{
	size_t n = strlen(buf), i = 0, last = 0;
	struct cell c;
	while (cell_next(buf, n, i, 0, &c)) {
		last = c.start;
		i = c.end;
	}
	buf[last] = '\0';
}

/* Removes the last word (and the spaces after it) of buf. */
static void erase_word(char *buf)
{
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		n--;
	while (n && buf[n - 1] != ' ')
		n--;
	buf[n] = '\0';
}

/* Appends the typed character key to buf; false when it is not text. */
static bool append_key(char *buf, size_t size, int key)
{
	if (key < ' ' || key == 0x7f || (key & KEY_FUNC) || key > 0x10FFFF)
		return false;
	uint8_t u[8];
	size_t n = sizeof(u);
	ucs4_t uc = (ucs4_t)key;
	if (!u32_to_u8(&uc, 1, u, &n))
		return false;
	size_t len = strlen(buf);
	if (len + n + 1 > size)
		return true;
	memcpy(buf + len, u, n);
	buf[len + n] = '\0';
	return true;
}

/* Edits buf for key; returns 1 edited, 0 not an edit key, -1 cancel, 2 done. */
static int edit_key(char *buf, size_t size, int key)
{
	switch (key) {
	case 27:
	case 7: /* C-g */
		return -1;
	case '\n':
		return 2;
	case KEY_FUNC | KEY_BACKSPACE:
		erase_cell(buf);
		return 1;
	case 21: /* C-u */
		buf[0] = '\0';
		return 1;
	case 23: /* C-w */
		erase_word(buf);
		return 1;
	default:
		return append_key(buf, size, key) ? 1 : 0;
	}
}

static void draw_prompt(struct app *a, const char *label, const char *buf)
{
	struct rect r = a->lay.status;
	if (a->lay.too_small)
		return;
	draw_fill(r.y, 0, r.w, theme_attr(EL_NORMAL));
	int x = draw_str(r.y, 0, r.w, label, theme_attr(EL_MESSAGE));
	/* show the end of a long text */
	size_t n = strlen(buf), i = 0;
	int w = cells_width(buf, n, 0);
	while (w > r.w - x - 1 && i < n) {
		struct cell c;
		cell_next(buf, n, i, 0, &c);
		w -= c.width;
		i = c.end;
	}
	x += draw_text(r.y, x, r.w - x, buf + i, n - i, theme_attr(EL_NORMAL));
	move(r.y, x < r.w ? x : r.w - 1);
}

bool prompt_run(struct app *a, const char *label, char *buf, size_t size,
                void (*on_change)(struct app *, const char *))
{
	for (;;) {
		app_draw(a);
		draw_prompt(a, label, buf);
		refresh();
		int key = app_read_key();
		if (key < 0)
			return false;
		if (key == (KEY_FUNC | KEY_RESIZE))
			continue;
		int r = edit_key(buf, size, key);
		if (r < 0)
			return false;
		if (r == 2)
			return true;
		if (r == 1 && on_change)
			on_change(a, buf);
	}
}

/* --- the picker ------------------------------------------------------------ */

static bool facet_matches(const struct facet *f, const char *needle)
{
	if (!*needle)
		return true;
	bool hit = false;
	char *s = fold_dup(f->label, strlen(f->label));
	hit = strstr(s, needle) != NULL;
	free(s);
	if (!hit) {
		s = fold_dup(f->id, strlen(f->id));
		hit = strstr(s, needle) != NULL;
		free(s);
	}
	for (size_t i = 0; !hit && f->first && i < f->first->n_aliases; i++) {
		s = fold_dup(f->first->aliases[i], strlen(f->first->aliases[i]));
		hit = strstr(s, needle) != NULL;
		free(s);
	}
	return hit;
}

void picker_run(struct app *a, enum entity_kind kind)
{
	static const char *const titles[ENT_KINDS] = { "Speaker", "Topic", "Agreement" };
	char text[128] = "";
	size_t sel = 0, top = 0;
	size_t n_all = a->facets.n[kind];
	size_t *rows = xmalloc((n_all + 1) * sizeof(size_t));
	/* candidates in the navigator's order */
	size_t *order = xmalloc((n_all + 1) * sizeof(size_t));
	size_t n_order = 0;
	for (size_t i = 0; i < a->n_frows; i++)
		if (a->frows[i].kind == (int)kind)
			order[n_order++] = a->frows[i].idx;
	for (;;) {
		char *needle = fold_dup(text, strlen(text));
		size_t n = 0;
		for (size_t i = 0; i < n_order; i++)
			if (facet_matches(&a->facets.v[kind][order[i]], needle))
				rows[n++] = order[i];
		free(needle);
		if (sel >= n)
			sel = n ? n - 1 : 0;

		app_draw(a);
		int W = a->cols - 4 < 64 ? a->cols - 4 : 64;
		int H = a->rows - 2 < 20 ? a->rows - 2 : 20;
		if (W < 16 || H < 4) {
			W = a->cols;
			H = a->rows;
		}
		int y0 = (a->rows - H) / 2, x0 = (a->cols - W) / 2;
		attr_t at = theme_attr(EL_NORMAL);
		for (int y = 0; y < H; y++)
			draw_fill(y0 + y, x0, W, at);
		attrset(theme_attr(EL_BORDER));
		if (H >= 4 && W >= 16) {
			mvadd_wch(y0, x0, WACS_ULCORNER);
			mvhline_set(y0, x0 + 1, WACS_HLINE, W - 2);
			mvadd_wch(y0, x0 + W - 1, WACS_URCORNER);
			mvvline_set(y0 + 1, x0, WACS_VLINE, H - 2);
			mvvline_set(y0 + 1, x0 + W - 1, WACS_VLINE, H - 2);
			mvadd_wch(y0 + H - 1, x0, WACS_LLCORNER);
			mvhline_set(y0 + H - 1, x0 + 1, WACS_HLINE, W - 2);
			mvadd_wch(y0 + H - 1, x0 + W - 1, WACS_LRCORNER);
		}
		attrset(A_NORMAL);
		int ix = x0 + 1, iw = W - 2, iy = y0;
		draw_textf(iy, ix + 1, iw - 1, theme_attr(EL_HEADING), " %s: type to narrow, Enter toggles, Esc closes ",
		           titles[kind]);
		int x = ix + draw_str(iy + 1, ix, iw, "> ", theme_attr(EL_MESSAGE));
		int cx = x + draw_str(iy + 1, x, ix + iw - x, text, at);
		int lh = H - 3;
		list_scroll(sel, &top, n, lh);
		if (!n)
			draw_str(iy + 2, ix + 1, iw - 1, "nothing matches", theme_attr(EL_DIM));
		for (int row = 0; row < lh && top + (size_t)row < n; row++) {
			size_t i = top + (size_t)row;
			const struct facet *f = &a->facets.v[kind][rows[i]];
			bool on = idset_has(&a->filter.ents[kind], (uint32_t)rows[i]);
			attr_t base = i == sel ? theme_attr(EL_CURSOR) : at;
			int y = iy + 2 + row;
			draw_fill(y, ix, iw, base);
			char counts[32];
			snprintf(counts, sizeof(counts), " %zu pos %zu rd ", f->n_positions, f->n_readouts);
			int cw = (int)strlen(counts);
			int xx = ix + draw_str(y, ix, iw, on ? "* " : "  ", on ? theme_attr(EL_FILTER) : base);
			int lw = ix + iw - xx - cw;
			if (lw > 0)
				xx += draw_str(y, xx, lw, f->label, base);
			if (lw > 0 && xx + 2 < ix + iw - cw)
				draw_textf(y, xx, ix + iw - cw - xx, i == sel ? base : theme_attr(EL_DIM), " (%s)", f->id);
			if (iw > cw + 6)
				draw_str(y, ix + iw - cw, cw, counts, i == sel ? base : theme_attr(EL_DIM));
		}
		move(iy + 1, cx < ix + iw ? cx : ix + iw - 1);
		refresh();

		int key = app_read_key();
		if (key < 0 || key == (KEY_FUNC | KEY_RESIZE))
			continue;
		if (key == (KEY_FUNC | KEY_DOWN) || key == 14 /* C-n */) {
			if (sel + 1 < n)
				sel++;
			continue;
		}
		if (key == (KEY_FUNC | KEY_UP) || key == 16 /* C-p */) {
			if (sel)
				sel--;
			continue;
		}
		if (key == (KEY_FUNC | KEY_NPAGE)) {
			sel = sel + (size_t)lh < n ? sel + (size_t)lh : (n ? n - 1 : 0);
			continue;
		}
		if (key == (KEY_FUNC | KEY_PPAGE)) {
			sel = sel > (size_t)lh ? sel - (size_t)lh : 0;
			continue;
		}
		int r = edit_key(text, sizeof(text), key);
		if (r < 0)
			break;
		if (r == 2) {
			if (n) {
				size_t g = rows[sel];
				bool on = idset_toggle(&a->filter.ents[kind], (uint32_t)g);
				app_refilter(a);
				if (a->view == VIEW_READER && a->n_plist && on) {
					/* show the first match */
					size_t first = 0;
					for (size_t i = 0; i < a->n_plist; i++)
						if (a->plist[i].readout >= a->cur) {
							first = i;
							break;
						}
					a->p_sel = first;
					app_open_readout(a, a->plist[first].readout, (long)a->plist[first].position);
					a->focus = a->lay.split == SPLIT_SINGLE ? a->focus : 1;
				}
				app_message(a, false, "%s %s: %zu readout%s, %zu position%s match", on ? "filter on" : "filter off",
				            a->facets.v[kind][g].label, a->n_nav, a->n_nav == 1 ? "" : "s", a->n_plist,
				            a->n_plist == 1 ? "" : "s");
			}
			break;
		}
		if (r == 1)
			sel = top = 0;
	}
	free(rows);
	free(order);
}
