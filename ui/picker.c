/* picker.c - the facet picker (a list of speakers, topics or agreements to
 * narrow by typing, Enter toggles one in the filter) and the one-line prompt
 * used by search.  Both read keys themselves: typed letters are text here,
 * not actions. */
#include "app.h"
#include "cells.h"
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

bool prompt_run(struct app *a, const char *label, char *buf, size_t size,
                void (*on_change)(struct app *, const char *))
{
	return lineedit_run_recall(a, label, buf, size, on_change, &a->searches);
}

/* --- the list picker ------------------------------------------------------ */

/* How the typed text fits an item: the best of its names. */
static enum name_fit item_fit(const struct pick_item *it, const struct name_term *t)
{
	if (!*t->folded)
		return NAME_WHOLE;
	enum name_fit best = name_fit_id(t, it->id);
	if (best == NAME_ID)
		return best;
	const char *fields[2] = { it->label, it->also };
	for (int i = 0; i < 2 && best < NAME_WHOLE; i++) {
		enum name_fit f = fields[i] ? name_fit(t, fields[i]) : NAME_NONE;
		if (f > best)
			best = f;
	}
	for (size_t i = 0; it->facet && i < it->facet->n_names && best < NAME_WHOLE; i++) {
		enum name_fit f = name_fit(t, it->facet->names[i].s);
		if (f > best)
			best = f;
	}
	return best;
}

/* How near the typed text is to the item's names (name_nearness). */
static size_t item_nearness(const struct pick_item *it, const struct name_term *t, size_t cap)
{
	size_t best = cap + 1;
	const char *fields[2] = { it->label, it->also };
	for (int i = 0; i < 2 && best; i++)
		if (fields[i]) {
			size_t d = name_nearness(t, fields[i], cap);
			if (d < best)
				best = d;
		}
	for (size_t i = 0; it->facet && i < it->facet->n_names && best; i++) {
		size_t d = name_nearness(t, it->facet->names[i].s, cap);
		if (d < best)
			best = d;
	}
	return best;
}

static void draw_box(int y0, int x0, int H, int W)
{
	attr_t at = theme_attr(EL_NORMAL);
	for (int y = 0; y < H; y++)
		draw_fill(y0 + y, x0, W, at);
	if (H < 4 || W < 16)
		return;
	attrset(theme_attr(EL_BORDER));
	mvadd_wch(y0, x0, WACS_ULCORNER);
	mvhline_set(y0, x0 + 1, WACS_HLINE, W - 2);
	mvadd_wch(y0, x0 + W - 1, WACS_URCORNER);
	mvvline_set(y0 + 1, x0, WACS_VLINE, H - 2);
	mvvline_set(y0 + 1, x0 + W - 1, WACS_VLINE, H - 2);
	mvadd_wch(y0 + H - 1, x0, WACS_LLCORNER);
	mvhline_set(y0 + H - 1, x0 + 1, WACS_HLINE, W - 2);
	mvadd_wch(y0 + H - 1, x0 + W - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
}

/* A picker's state while it runs: the items and the rows they make for
 * the typed text. */
struct picker {
	struct pick_item *items;
	size_t n_items;
	unsigned flags;
	size_t *rows, n;           /* rows: item indexes, or NEW_ROW */
	unsigned char *fit, *near; /* per item: its name_fit; 1 when only near */
	size_t sel, top;
	int page;                  /* rows the list showed */
	bool toggled;
};
#define NEW_ROW ((size_t)-1)
enum { PICK_STAY = -4 };   /* Enter with nothing to choose */

/* The rows for the typed text: the best fits first, each in the items'
 * order; "+ new" before the names that only hold the text inside a word
 * (安全 in 生物安全 is another topic); with no fit at all, the nearest
 * names, before "+ new" (a typo is likelier than a new name). */
static void pick_rows(struct picker *p, const char *typed)
{
	struct name_term term;
	name_term_init(&term, typed);
	bool exact = false, offer_new;
	p->n = 0;
	for (size_t i = 0; i < p->n_items; i++) {
		p->fit[i] = (unsigned char)item_fit(&p->items[i], &term);
		exact = exact || p->fit[i] >= NAME_WHOLE;
	}
	offer_new = (p->flags & PICK_CREATE) && *term.folded && !exact;
	memset(p->near, 0, p->n_items + 1);
	for (int f = NAME_ID; f >= NAME_PART; f--) {
		if (f == NAME_PART && offer_new)
			p->rows[p->n++] = NEW_ROW;
		for (size_t i = 0; i < p->n_items; i++)
			if (p->fit[i] == f)
				p->rows[p->n++] = i;
	}
	if (p->n == (size_t)offer_new && *term.folded) {
		size_t cap = name_near_cap(&term);
		size_t *dist = xmalloc((p->n_items + 1) * sizeof(size_t)), first = p->n;
		for (size_t i = 0; i < p->n_items; i++)
			dist[i] = item_nearness(&p->items[i], &term, cap);
		for (size_t d = 0; d <= cap; d++)
			for (size_t i = 0; i < p->n_items; i++)
				if (dist[i] == d) {
					p->rows[p->n++] = i;
					p->near[i] = 1;
				}
		if (first == 1 && p->n > 1) {
			memmove(p->rows, p->rows + 1, (p->n - 1) * sizeof(size_t));
			p->rows[p->n - 1] = NEW_ROW;
		}
		free(dist);
	}
	name_term_free(&term);
	if (p->sel >= p->n)
		p->sel = p->n ? p->n - 1 : 0;
}

/* The picker over the screen: a box with the title, the typed text (the
 * cursor at cur) and the rows. */
static void pick_draw(struct app *a, struct picker *p, const char *title, const char *typed, size_t cur)
{
	app_draw(a);
	int W = a->cols - 4 < 72 ? a->cols - 4 : 72;
	int H = a->rows - 2 < 20 ? a->rows - 2 : 20;
	if (W < 16 || H < 4) {
		W = a->cols;
		H = a->rows;
	}
	int y0 = (a->rows - H) / 2, x0 = (a->cols - W) / 2;
	draw_box(y0, x0, H, W);
	attr_t at = theme_attr(EL_NORMAL);
	int ix = x0 + 1, iw = W - 2, iy = y0;
	draw_textf(iy, ix + 1, iw - 1, theme_attr(EL_HEADING), " %s ", title);
	int x = ix + draw_str(iy + 1, ix, iw, "> ", theme_attr(EL_MESSAGE));
	draw_str(iy + 1, x, ix + iw - x, typed, at);
	int cx = x + cells_width(typed, cur, 0);
	p->page = H - 3;
	list_scroll(p->sel, &p->top, p->n, p->page);
	if (!p->n)
		draw_str(iy + 2, ix + 1, iw - 1, "nothing matches, nothing is near", theme_attr(EL_DIM));
	for (int row = 0; row < p->page && p->top + (size_t)row < p->n; row++) {
		size_t i = p->top + (size_t)row;
		attr_t base = i == p->sel ? theme_attr(EL_CURSOR) : at;
		int y = iy + 2 + row;
		draw_fill(y, ix, iw, base);
		if (p->rows[i] == NEW_ROW) {
			draw_textf(y, ix, iw, base | A_BOLD, "+ new: %s", typed);
			continue;
		}
		const struct pick_item *it = &p->items[p->rows[i]];
		bool near = p->near[p->rows[i]];
		int cw = (int)strlen(it->extra);
		int xx = ix + draw_str(y, ix, iw, it->on ? "* " : near ? "~ " : "  ",
		                       it->on ? theme_attr(EL_FILTER) : near ? theme_attr(EL_DIM) : base);
		int lw = ix + iw - xx - cw;
		if (lw > 0)
			xx += draw_str(y, xx, lw, it->label, base);
		if (it->id && lw > 0 && xx + 2 < ix + iw - cw)
			draw_textf(y, xx, ix + iw - cw - xx, i == p->sel ? base : theme_attr(EL_DIM), " (%s)", it->id);
		if (cw && iw > cw + 6)
			draw_str(y, ix + iw - cw, cw, it->extra, i == p->sel ? base : theme_attr(EL_DIM));
	}
	move(iy + 1, cx < ix + iw ? cx : ix + iw - 1);
	refresh();
}

/* A key that moves in the list or toggles a row: true when it was one. */
static bool pick_move(struct picker *p, int key)
{
	size_t n = p->n, page = p->page > 0 ? (size_t)p->page : 1;
	switch ((enum pick_key)mode_key(pick_info, PICKKEY_COUNT, key)) {
	case PICKKEY_DOWN:
		if (p->sel + 1 < n)
			p->sel++;
		return true;
	case PICKKEY_UP:
		if (p->sel)
			p->sel--;
		return true;
	case PICKKEY_PAGE_DOWN:
		p->sel = p->sel + page < n ? p->sel + page : (n ? n - 1 : 0);
		return true;
	case PICKKEY_PAGE_UP:
		p->sel = p->sel > page ? p->sel - page : 0;
		return true;
	case PICKKEY_FIRST:
		p->sel = 0;
		return true;
	case PICKKEY_LAST:
		p->sel = n ? n - 1 : 0;
		return true;
	case PICKKEY_TOGGLE:
		if ((p->flags & PICK_MULTI) && n && p->rows[p->sel] != NEW_ROW) {
			p->items[p->rows[p->sel]].on = !p->items[p->rows[p->sel]].on;
			p->toggled = true;
		}
		return true;
	default:
		return false;
	}
}

/* Enter: the result, or PICK_STAY. */
static long pick_enter(struct picker *p)
{
	if (!p->n)
		return (p->flags & PICK_FREE) ? PICK_NEW : PICK_STAY;
	size_t r = p->rows[p->sel];
	if (r == NEW_ROW)
		return PICK_NEW;
	if (p->flags & PICK_MULTI) {
		if (!p->toggled)
			p->items[r].on = !p->items[r].on;
		return PICK_DONE;
	}
	return (long)r;
}

long pick_run(struct app *a, const char *title, struct pick_item *items, size_t n_items, unsigned flags,
              char *typed, size_t typed_size)
{
	struct picker p = { .items = items, .n_items = n_items, .flags = flags, .page = 1 };
	p.rows = xmalloc((n_items + 2) * sizeof(size_t));
	p.fit = xmalloc(n_items + 1);
	p.near = xmalloc(n_items + 1);
	size_t cur = strlen(typed);
	long result = PICK_CANCEL;
	for (;;) {
		pick_rows(&p, typed);
		pick_draw(a, &p, title, typed, cur);
		int key = keys_next();
		if (key < 0) {
			keys_interrupted(); /* C-c cancels the picker, parley stays */
			break;              /* (a hang-up or a TERM: cancel, and leave) */
		}
		if (key == (KEY_FUNC | KEY_RESIZE) || pick_move(&p, key))
			continue;
		int r = lineedit_key(typed, typed_size, &cur, key);
		if (r < 0)
			break;
		if (r == 2 && (result = pick_enter(&p)) != PICK_STAY)
			break;
		result = PICK_CANCEL;
		if (r == 1)
			p.sel = p.top = 0;
	}
	free(p.rows);
	free(p.fit);
	free(p.near);
	return result;
}

/* --- the facet filter picker ----------------------------------------------- */

void picker_run(struct app *a, enum entity_kind kind)
{
	static const char *const titles[ENT_KINDS] = {
		"Filter by speaker: type to narrow, Enter sets or clears, Esc closes",
		"Filter by topic: type to narrow, Enter sets or clears, Esc closes",
		"Filter by agreement: type to narrow, Enter sets or clears, Esc closes",
	};
	size_t n = 0;
	struct pick_item *items = xcalloc(a->facets.n[kind] + 1, sizeof(*items));
	size_t *gi = xcalloc(a->facets.n[kind] + 1, sizeof(size_t));
	/* in the navigator's order: most positions first */
	for (size_t i = 0; i < a->n_frows; i++) {
		if (a->frows[i].kind != (int)kind)
			continue;
		const struct facet *f = &a->facets.v[kind][a->frows[i].idx];
		struct pick_item *it = &items[n];
		it->label = f->label;
		it->id = f->id;
		it->facet = f;
		it->on = idset_has(&a->filter.ents[kind], (uint32_t)a->frows[i].idx);
		snprintf(it->extra, sizeof(it->extra), " %zu pos %zu rd ", f->n_positions, f->n_readouts);
		gi[n++] = a->frows[i].idx;
	}
	char typed[128] = "";
	long r = pick_run(a, titles[kind], items, n, 0, typed, sizeof(typed));
	if (r >= 0) {
		size_t g = gi[r];
		bool on = idset_toggle(&a->filter.ents[kind], (uint32_t)g);
		app_refilter(a);
		if (view_ops(a)->shows_readout && a->n_plist && on) {
			/* show the first match from here on */
			size_t first = 0;
			for (size_t i = 0; i < a->n_plist; i++)
				if (a->plist[i].readout >= a->cur) {
					first = i;
					break;
				}
			a->p_sel = first;
			app_open_readout(a, a->plist[first].readout, (long)a->plist[first].position);
			if (a->lay.split != SPLIT_SINGLE)
				a->focus = 1;
		}
		app_say_filter(a, on, a->facets.v[kind][g].label);
	}
	free(items);
	free(gi);
}

/* --- choosing entities for a readout --------------------------------------- */

long pick_entities(struct app *a, size_t ri, enum entity_kind k, bool multi, const char *title, const uint32_t *cur,
                   size_t n_cur, bool (*may_change)(struct app *, size_t), uint32_t **out, size_t *made)
{
	const struct readout *r = &a->corpus.readouts[ri];
	const struct facets *fa = &a->facets;
	size_t n_local = r->n_ents[k], n = 0;
	struct pick_item *items = xcalloc(n_local + fa->n[k] + 1, sizeof(*items));
	size_t *gi = xcalloc(n_local + fa->n[k] + 1, sizeof(size_t));
	bool *declared = xcalloc(fa->n[k] + 1, sizeof(bool));
	for (size_t i = 0; i < n_local; i++, n++) {
		const struct entity *e = &r->ents[k][i];
		gi[n] = facets_global(fa, k, ri, (uint32_t)i);
		declared[gi[n]] = true;
		items[n] = (struct pick_item){ .label = e->label, .id = e->id, .facet = &fa->v[k][gi[n]] };
		for (size_t j = 0; j < n_cur; j++)
			items[n].on |= cur[j] == i;
		snprintf(items[n].extra, sizeof(items[n].extra), e->is_group ? " group " : "");
	}
	/* the rest of the corpus, in the navigator's order */
	size_t *order = facets_ranked(fa, k);
	for (size_t j = 0; j < fa->n[k]; j++) {
		size_t g = order[j];
		if (declared[g])
			continue;
		const struct facet *f = &fa->v[k][g];
		gi[n] = g;
		items[n] = (struct pick_item){ .label = f->label, .id = f->id, .facet = f };
		snprintf(items[n].extra, sizeof(items[n].extra), " %zu rd ", f->n_readouts);
		n++;
	}
	free(order);
	char typed[200] = "";
	long res = pick_run(a, title, items, n, PICK_CREATE | (multi ? PICK_MULTI : 0), typed, sizeof(typed));
	long count = res == PICK_CANCEL ? -1 : -2;
	*made = 0;
	*out = NULL;
	if (res != PICK_CANCEL && may_change(a, ri)) {
		uint32_t *v = xcalloc(n + 2, sizeof(uint32_t));
		count = 0;
		for (size_t i = 0; i < n; i++) {
			bool chosen = multi ? items[i].on : res == (long)i;
			if (!chosen)
				continue;
			long local = (long)i;
			if (i >= n_local) { /* the corpus's: the same id, the label in this readout's language */
				local = edit_add_entity(&a->hist, ri, k, items[i].id,
				                        facets_label_in(fa, k, gi[i], a->corpus.readouts[ri].lang));
				*made += local >= 0;
			}
			if (local >= 0)
				v[count++] = (uint32_t)local;
		}
		if (res == PICK_NEW) {
			long local = edit_new_entity(&a->hist, ri, k, typed);
			*made += local >= 0;
			if (local >= 0)
				v[count++] = (uint32_t)local;
		}
		*out = v;
	}
	free(items);
	free(gi);
	free(declared);
	return count;
}
