/* view_reader.c - the reader: a readout's text beside its positions, kept
 * in step both ways.
 *
 * The text pane shows the text wrapped by libunistring's line breaking, the
 * positions shaded in their speaker's colour, the selected one stronger,
 * mentions of the entities in play underlined, search hits marked.  Its
 * cursor is a line (kept as a byte offset, so a resize re-wraps without
 * losing place); moving it selects the position under it.  The positions
 * pane lists the readout's positions in text order, or every position of
 * the corpus that matches the filters; selecting one scrolls its span into
 * view.
 */
#include "app.h"
#include "cells.h"
#include "search.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GUTTER 2

static const struct readout *cur_ro(const struct app *a)
{
	return &a->corpus.readouts[a->cur];
}

void reader_rebuild_list(struct app *a)
{
	/* the corpus-wide matches depend on the filter, not on the readout:
	 * they are kept until the filter or the positions change */
	bool keep_matches = a->plist_valid && !filter_is_empty(&a->filter);
	if (!keep_matches) {
		free(a->plist);
		a->plist = NULL;
		a->n_plist = 0;
	}
	free(a->order);
	a->order = NULL;
	a->n_order = 0;
	if (!a->corpus.n_readouts)
		return;
	const struct readout *r = cur_ro(a);
	size_t keep_sel = a->p_sel;
	a->order = xmalloc((r->n_positions + 1) * sizeof(size_t));
	readout_text_order(r, a->order);
	a->n_order = r->n_positions;
	if (filter_is_empty(&a->filter)) {
		a->plist = xmalloc((r->n_positions + 1) * sizeof(*a->plist));
		for (size_t i = 0; i < r->n_positions; i++)
			a->plist[i] = (struct match){ (uint32_t)a->cur, (uint32_t)a->order[i] };
		a->n_plist = r->n_positions;
	} else if (!keep_matches) {
		/* in the navigator's order, each readout's in text order */
		a->n_plist = filter_matches(&a->filter, &a->corpus, &a->facets, &a->plist);
		matches_sort(a->plist, a->n_plist, a->nav, a->n_nav, a->corpus.n_readouts);
		a->plist_valid = true;
		a->plist_seen = a->corpus.n_readouts;
	}
	/* keep the selection, else the first row of this readout */
	bool found = false;
	if (keep_matches && keep_sel < a->n_plist && a->plist[keep_sel].readout == a->cur
	    && (long)a->plist[keep_sel].position == a->sel)
		found = true; /* where it was: no search */
	a->p_sel = found ? keep_sel : 0;
	for (size_t i = 0; i < a->n_plist && !found; i++)
		if (a->plist[i].readout == a->cur && (long)a->plist[i].position == a->sel) {
			a->p_sel = i;
			found = true;
		}
	for (size_t i = 0; i < a->n_plist && !found; i++)
		if (a->plist[i].readout >= a->cur) {
			a->p_sel = i;
			found = true;
		}
	if (!keep_matches)
		a->p_top = 0;
}

static int text_width(const struct app *a)
{
	int w = a->lay.pane[0].w - GUTTER - 1;
	return w < 1 ? 1 : w;
}

static int text_rows(const struct app *a)
{
	return a->lay.pane[0].h > 1 ? a->lay.pane[0].h - 1 : 1;
}

/* --- lines ---------------------------------------------------------------
 * The text is wrapped a block at a time (textwrap.h: wrap_view), and
 * lines are known by their first byte: the cursor and the top of the pane
 * are byte offsets, and every move goes from a line to its neighbours, so
 * nothing here takes time with the text's length. */

static struct wrap_line line_of(struct app *a, size_t b)
{
	return wrap_view_line(&a->wrap, app_text(a, a->cur), b);
}

static struct wrap_line line_move(struct app *a, struct wrap_line l, long k, long *moved)
{
	return wrap_view_move(&a->wrap, app_text(a, a->cur), l, k, moved);
}

static struct wrap_line last_line(struct app *a)
{
	return line_of(a, cur_ro(a)->text_bytes);
}

/* How many lines from the line starting at from to the one starting at to
 * (to >= from), counting to max at most. */
static size_t lines_between(struct app *a, size_t from, size_t to, size_t max)
{
	struct wrap_line l = line_of(a, from);
	size_t k = 0;
	while (l.start < to && k < max) {
		long moved;
		l = line_move(a, l, 1, &moved);
		if (!moved)
			break;
		k++;
	}
	return k;
}

static void text_show(struct app *a, size_t first, size_t last);

/* --- where the cursor is -------------------------------------------------
 * The cursor line's number and the count of lines, as less shows them:
 * counted once for a width, then from the line last counted to the new
 * cursor, so a move costs what it moves.  A text longer than NUMBER_MAX
 * bytes is never wrapped whole: it shows how far in the cursor is, in
 * bytes, without numbers. */
#define NUMBER_MAX (1024 * 1024)

static struct {
	bool valid;
	size_t at, line, total; /* line `line` (from 1) starts at byte at */
} where;

static size_t count_lines(struct app *a, size_t from, size_t to)
{
	return lines_between(a, from, to, (size_t)-1);
}

/* The indicator: "L12/85 14%", or "14%" for a text too long to number. */
static void where_text(struct app *a, char *buf, size_t size)
{
	size_t n = cur_ro(a)->text_bytes;
	if (n > NUMBER_MAX) {
		snprintf(buf, size, "%d%%", n ? (int)((double)a->text_cur * 100 / (double)n) : 100);
		return;
	}
	if (!where.valid) {
		where.at = 0;
		where.line = 1;
		where.total = 1 + count_lines(a, 0, last_line(a).start);
		where.valid = true;
	}
	if (a->text_cur >= where.at)
		where.line += count_lines(a, where.at, a->text_cur);
	else
		where.line = 1 + count_lines(a, 0, a->text_cur);
	where.at = a->text_cur;
	snprintf(buf, size, "L%zu/%zu %d%%", where.line, where.total,
	         (int)(where.line * 100 / (where.total ? where.total : 1)));
}

void reader_prepare(struct app *a)
{
	if (!a->corpus.n_readouts)
		return;
	int w = text_width(a);
	if (a->wrap.width == w && a->wrap_readout == a->cur)
		return;
	const struct readout *r = cur_ro(a);
	/* a cursor on the last line stays on the last line (G, then a resize) */
	bool at_end = false;
	if (a->wrap.width && a->wrap_readout == a->cur) {
		long moved;
		line_move(a, line_of(a, a->text_cur), 1, &moved);
		at_end = !moved;
	}
	wrap_view_free(&a->wrap);
	wrap_view_init(&a->wrap, r->text_bytes, w);
	a->wrap_readout = a->cur;
	where.valid = false; /* other lines: counted again */
	/* snap the cursor and the top to the start of their new lines */
	a->text_cur = (at_end ? last_line(a) : line_of(a, a->text_cur)).start;
	a->text_top = line_of(a, a->text_top).start;
	/* a new width: keep the cursor line and the selected span in view */
	size_t last = a->text_cur;
	if (a->sel >= 0 && (size_t)a->sel < r->n_positions) {
		const struct span *s = &r->positions[a->sel].span;
		size_t sl = line_of(a, s->bend > s->bstart ? s->bend - 1 : s->bstart).start;
		if (sl >= last)
			last = sl;
	}
	text_show(a, a->text_cur, last);
}

/* Scroll so that the lines starting at first to last are shown, the
 * cursor line first. */
static void text_show(struct app *a, size_t first, size_t last)
{
	size_t h = (size_t)text_rows(a), top = a->text_top, cl = a->text_cur;
	if (last < first)
		last = first;
	if (lines_between(a, first, last, h) >= h)
		last = line_move(a, line_of(a, first), (long)h - 1, NULL).start;
	if (cl < first)
		first = cl;
	if (cl > last)
		last = cl;
	if (first < top)
		top = first;
	else if (lines_between(a, top, last, h) >= h)
		top = line_move(a, line_of(a, last), -((long)h - 1), NULL).start;
	/* no rows left empty below the text while lines above are hidden */
	long below;
	line_move(a, line_of(a, top), (long)h - 1, &below);
	if ((size_t)below < h - 1)
		top = line_move(a, last_line(a), -((long)h - 1), NULL).start;
	a->text_top = top;
}

/* The text pane full (no rows left empty below the text while lines above
 * are hidden: a terminal made taller after G) and the cursor line in it. */
static void text_fill(struct app *a)
{
	text_show(a, a->text_cur, a->text_cur);
}

/* The position under line l: one that starts on it (first in text order),
 * else the innermost one covering it; -1 if none. */
static long position_at_line(const struct app *a, const struct wrap_line *l)
{
	const struct readout *r = cur_ro(a);
	size_t ls = l->start, le = l->end > l->start ? l->end : l->start + 1;
	for (size_t i = 0; i < a->n_order; i++) {
		const struct span *s = &r->positions[a->order[i]].span;
		if (s->bstart >= ls && s->bstart < le)
			return (long)a->order[i];
	}
	long best = -1;
	for (size_t i = 0; i < a->n_order; i++) {
		const struct span *s = &r->positions[a->order[i]].span;
		if (s->bstart < le && s->bend > ls)
			best = (long)a->order[i];
	}
	return best;
}

static void sync_list_to_sel(struct app *a)
{
	for (size_t i = 0; i < a->n_plist; i++)
		if (a->plist[i].readout == a->cur && (long)a->plist[i].position == a->sel) {
			a->p_sel = i;
			return;
		}
}

void reader_select(struct app *a, long pos, bool scroll_text)
{
	a->sel = pos;
	sync_list_to_sel(a);
	if (pos < 0 || !scroll_text)
		return;
	reader_prepare(a);
	const struct span *s = &cur_ro(a)->positions[pos].span;
	size_t first = line_of(a, s->bstart).start;
	size_t last = line_of(a, s->bend > s->bstart ? s->bend - 1 : s->bstart).start;
	a->text_cur = first;
	text_show(a, first, last);
}

static void move_text_cursor(struct app *a, struct wrap_line l)
{
	a->text_cur = l.start;
	text_show(a, l.start, l.start);
	/* the position under the cursor, or none */
	reader_select(a, position_at_line(a, &l), false);
}

void reader_goto_byte(struct app *a, size_t b)
{
	reader_prepare(a);
	move_text_cursor(a, line_of(a, b));
}

size_t reader_line_below(struct app *a, size_t b, bool down)
{
	reader_prepare(a);
	struct wrap_line wl = line_of(a, b);
	size_t col = b - wl.start;
	long moved;
	struct wrap_line nl = line_move(a, wl, down ? 1 : -1, &moved);
	if (!moved)
		return down ? wl.end : wl.start;
	size_t t = nl.start + (col < nl.end - nl.start ? col : nl.end - nl.start);
	/* onto a character boundary */
	const char *s = app_text(a, a->cur);
	while (t > nl.start && ((unsigned char)s[t] & 0xC0) == 0x80)
		t--;
	return t;
}

/* --- search --------------------------------------------------------------
 * Hits are found where they are asked for (search.h): the next or previous
 * one from a place, and those of the lines shown, folding a window of the
 * text at a time - never the whole text, whatever its length. */

static struct needle reader_needle(const struct app *a)
{
	return (struct needle){ .folded = a->search_fold, .n = a->search_fold ? strlen(a->search_fold) : 0 };
}

static void add_hit(void *arg, size_t s, size_t e)
{
	struct app *a = arg;
	grow(&a->rhits, &a->cap_rhits, a->n_rhits + 1, sizeof(*a->rhits));
	a->rhits[a->n_rhits++] = (struct range){ s, e };
}

/* The hits of the lines from lo to hi, for drawing them. */
static void shown_hits(struct app *a, size_t lo, size_t hi)
{
	a->n_rhits = 0;
	struct needle nd = reader_needle(a);
	if (nd.n && hi > lo)
		search_range(&nd, app_text(a, a->cur), cur_ro(a)->text_bytes, lo, hi, add_hit, a);
}

static void goto_hit(struct app *a, size_t s)
{
	a->hit_at = s;
	a->hit_ri = a->cur;
	a->hit_set = true;
	reader_prepare(a);
	move_text_cursor(a, line_of(a, s));
}

static bool readout_has(const struct app *a, const struct needle *nd, size_t ri)
{
	const struct readout *r = &a->corpus.readouts[ri];
	const char *text = corpus_text(&a->corpus, ri);
	return text && needle_in(nd, text, r->text_bytes);
}

bool reader_search_step(struct app *a, bool forward, bool from_cursor)
{
	if (!from_cursor)
		return reader_search_next(a, forward, 1, false);
	if (!a->search_fold || !a->corpus.n_readouts)
		return false;
	size_t s, e, n = cur_ro(a)->text_bytes;
	/* a longer search than one this readout has not: none either (each
	 * letter typed after a miss costs nothing) */
	bool missed = a->miss_fold && a->miss_ri == a->cur
	              && strncmp(a->search_fold, a->miss_fold, strlen(a->miss_fold)) == 0;
	if (missed)
		return false;
	/* the first hit from the cursor, else the first of all */
	struct needle nd = reader_needle(a);
	if (search_next(&nd, app_text(a, a->cur), n, a->text_cur, &s, &e)
	    || search_between(&nd, app_text(a, a->cur), n, 0, a->text_cur, &s, &e)) {
		goto_hit(a, s);
		return true;
	}
	free(a->miss_fold);
	a->miss_fold = xstrdup(a->search_fold);
	a->miss_ri = a->cur;
	return false;
}

/* Where n and N count from in the open readout: hits starting at or after
 * *from go forward, those starting before *before back.  From the hit the
 * cursor is on (the last gone to, its line still the cursor's), else from
 * the cursor line: strictly after it, strictly before it (as less does);
 * edge: from the readout's start (end). */
static void search_origin(struct app *a, bool edge, size_t *from, size_t *before)
{
	size_t n = cur_ro(a)->text_bytes;
	if (edge) {
		*from = 0;
		*before = n;
		return;
	}
	reader_prepare(a);
	struct wrap_line cl = line_of(a, a->text_cur);
	if (a->hit_set && a->hit_ri == a->cur && a->hit_at <= n && line_of(a, a->hit_at).start == cl.start) {
		*from = a->hit_at + 1;
		*before = a->hit_at;
		return;
	}
	long moved;
	struct wrap_line next = line_move(a, cl, 1, &moved);
	*from = moved ? next.start : n;
	*before = cl.start;
}

void reader_keep_hits(struct app *a, const struct hit *hits, size_t n)
{
	free(a->fhits);
	a->fhits = NULL;
	a->n_fhits = 0;
	if (!n)
		return;
	a->fhits = xmalloc(n * sizeof(*a->fhits));
	memcpy(a->fhits, hits, n * sizeof(*a->fhits));
	a->n_fhits = n;
}

void app_set_search(struct app *a, const char *text)
{
	free(a->search_fold);
	snprintf(a->search, sizeof(a->search), "%s", text);
	a->search_fold = fold_dup_some(text, strlen(text));
	if (!a->search_fold)
		reader_keep_hits(a, NULL, 0); /* cleared: F's list goes too */
	if (view_ops(a)->shows_readout && a->search_fold)
		reader_search_step(a, true, true);
	app_draw(a);
	refresh();
}

/* n, N after F: its list's order, from the cursor's place in it (the list
 * is in corpus order, each readout's hits in text order). */
static bool list_hits_step(struct app *a, bool forward, unsigned long count, bool edge)
{
	size_t nh = a->n_fhits, from, before, cur = a->cur;
	const struct view_ops *v = view_ops(a);
	long row = v->at_hit ? v->at_hit(a) : -1, at = v->at_readout ? v->at_readout(a) : -1;
	if (row >= 0) {
		/* on a row of the list: the hits after (before) it */
		cur = a->fhits[row].readout;
		from = a->fhits[row].bstart + 1;
		before = a->fhits[row].bstart;
	} else if (at >= 0 && !(a->hit_set && a->hit_ri == (size_t)at)) {
		/* on a readout of the navigator: its first (last) hit on */
		cur = (size_t)at;
		from = 0;
		before = (size_t)-1;
	} else if (!v->shows_readout) {
		/* from the navigator (the list left with q): on from the hit last
		 * gone to, else from the list's start (end) */
		from = a->hit_set ? a->hit_at + 1 : 0;
		before = a->hit_set ? a->hit_at : 0;
		cur = a->hit_set ? a->hit_ri : forward ? 0 : (size_t)-1;
	} else {
		search_origin(a, edge, &from, &before);
	}
	size_t t; /* the hit it lands on */
	bool wrapped = false;
	if (forward) {
		size_t i = 0; /* the first hit after the cursor */
		while (i < nh && (a->fhits[i].readout < cur || (a->fhits[i].readout == cur && a->fhits[i].bstart < from)))
			i++;
		/* count - 1 hits after it, unless the end comes first: round to
		 * the first, and the count stops there */
		if (i >= nh || count - 1 >= nh - i) {
			t = 0;
			wrapped = true;
		} else {
			t = i + (size_t)(count - 1);
		}
	} else {
		size_t j = nh; /* one past the last hit before the cursor */
		while (j > 0 && (a->fhits[j - 1].readout > cur
		                 || (a->fhits[j - 1].readout == cur && a->fhits[j - 1].bstart >= before)))
			j--;
		if (j == 0 || count - 1 >= j) {
			t = nh - 1;
			wrapped = true;
		} else {
			t = j - 1 - (size_t)(count - 1);
		}
	}
	const struct hit *h = &a->fhits[t];
	if (h->readout >= a->corpus.n_readouts || h->bstart > a->corpus.readouts[h->readout].text_bytes) {
		app_message(a, true, "F's list of hits is out of date (the corpus was reloaded): F again");
		return true;
	}
	if (h->readout != a->cur || !view_ops(a)->shows_readout)
		app_open_readout(a, h->readout, -1);
	goto_hit(a, h->bstart);
	const struct view_ops *list = a->views[a->reader_from];
	if (list->on_hit && list->kept && list->kept(a))
		list->on_hit(a, t); /* F's list, gone back to with q, on this hit */
	if (wrapped)
		search_wrapped(a, forward, "hit %zu of %zu in F's list, %s", t + 1, nh, cur_ro(a)->id);
	else
		app_message(a, false, "hit %zu of %zu in F's list, %s", t + 1, nh, cur_ro(a)->id);
	return true;
}

bool reader_search_next(struct app *a, bool forward, unsigned long count, bool edge)
{
	if (!a->search_fold || !a->corpus.n_readouts)
		return false;
	if (!count)
		count = 1;
	if (a->n_fhits)
		return list_hits_step(a, forward, count, edge);
	size_t s, e, n = cur_ro(a)->text_bytes, from, before;
	search_origin(a, edge, &from, &before);
	struct needle plain = reader_needle(a);
	/* a longer search than one this readout has not: none either */
	bool missed = a->miss_fold && a->miss_ri == a->cur
	              && strncmp(a->search_fold, a->miss_fold, strlen(a->miss_fold)) == 0;
	size_t left = count;
	if (!missed) {
		/* the count's hits in this readout, in one pass */
		size_t got = search_nth(&plain, app_text(a, a->cur), n, forward ? from : before, forward, left, &s, &e);
		if (got == left) {
			goto_hit(a, s);
			return true;
		}
		left -= got;
	}
	/* on to the next (previous) readouts of the navigator that have a
	 * hit, counting theirs, until the count is spent or the end comes:
	 * each readout is searched once at most, whatever the count */
	size_t nn = a->n_nav, at = nn;
	for (size_t i = 0; i < nn; i++)
		if (a->nav[i] == a->cur)
			at = i;
	/* looked for in readouts not open: the needle with its prefilter
	 * (search.h), made once (folding what is folded changes nothing) */
	struct needle kn;
	needle_init(&kn, a->search_fold);
	bool keyed = strcmp(kn.folded, a->search_fold) == 0;
	const struct needle *other = keyed ? &kn : &plain;
	bool done = false, others = false;
	for (size_t k = 1; k <= nn && !done; k++) {
		size_t i;
		bool wrapped;
		if (at == nn) { /* the open readout is not among them: from their start (end) */
			i = forward ? k - 1 : nn - k;
			wrapped = false;
		} else {
			i = forward ? (at + k) % nn : (at + nn - k % nn) % nn;
			wrapped = forward ? at + k >= nn : k > at;
		}
		size_t ri = a->nav[i];
		if (ri == a->cur || !readout_has(a, other, ri))
			continue;
		const char *text = corpus_text(&a->corpus, ri);
		size_t rn = a->corpus.readouts[ri].text_bytes;
		/* round the end: that step is the count's last */
		size_t want = wrapped ? 1 : left;
		size_t got = search_nth(other, text, rn, forward ? 0 : rn, forward, want, &s, &e);
		others = true;
		if (got < want) {
			left -= got;
			continue;
		}
		app_open_readout(a, ri, -1);
		goto_hit(a, s);
		if (wrapped)
			search_wrapped(a, forward, "%s hit in %s", forward ? "next" : "previous", cur_ro(a)->id);
		else
			app_message(a, false, "%s hit in %s", forward ? "next" : "previous", cur_ro(a)->id);
		done = true;
	}
	needle_free(&kn);
	if (done)
		return true;
	/* round to this one's first (last) hit: no other readout has it, or
	 * the count went past the last of those that have */
	if (!missed && search_nth(&plain, app_text(a, a->cur), n, forward ? 0 : n, forward, 1, &s, &e)) {
		goto_hit(a, s);
		if (others)
			search_wrapped(a, forward, "%s hit in %s", forward ? "first" : "last", cur_ro(a)->id);
		else
			search_wrapped(a, forward, "%s hit of this readout, the only one with it",
			               forward ? "first" : "last");
		return true;
	}
	return false;
}

/* --- drawing ------------------------------------------------------------ */

static bool entity_highlighted(const struct app *a, enum entity_kind k, uint32_t local)
{
	const struct readout *r = cur_ro(a);
	uint32_t g = facets_global(&a->facets, k, a->cur, local);
	if (idset_has(&a->filter.ents[k], g))
		return true;
	if (a->sel < 0)
		return false;
	const struct position *p = &r->positions[a->sel];
	if (k == ENT_SPEAKER)
		return readout_speaks(r, p, local);
	const uint32_t *ids = k == ENT_TOPIC ? p->topics : p->agreements;
	size_t n = k == ENT_TOPIC ? p->n_topics : p->n_agreements;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == local)
			return true;
	return false;
}

static attr_t cell_attr(const struct app *a, size_t b, const long *ps, size_t nps, const size_t *ms,
                        size_t nms)
{
	const struct readout *r = cur_ro(a);
	attr_t at = theme_attr(EL_NORMAL);
	long in = -1;
	for (size_t i = 0; i < nps; i++) {
		const struct span *s = &r->positions[ps[i]].span;
		if (b >= s->bstart && b < s->bend)
			in = ps[i]; /* later in text order: the innermost */
	}
	if (in >= 0)
		at = theme_attr(speaker_el(a, a->cur, r->positions[in].speaker));
	if (a->sel >= 0) {
		const struct span *s = &r->positions[a->sel].span;
		if (b >= s->bstart && b < s->bend)
			at = theme_attr(EL_SELECTED);
	}
	for (size_t i = 0; i < nms; i++) {
		const struct mention *m = &r->mentions[ms[i]];
		if (b >= m->span.bstart && b < m->span.bend) {
			at |= theme_attr(EL_MENTION) & (A_ATTRIBUTES & ~A_COLOR);
			break;
		}
	}
	for (size_t i = 0; i < a->n_rhits; i++)
		if (b >= a->rhits[i].s && b < a->rhits[i].e) {
			at = theme_attr(EL_SEARCH);
			break;
		}
	if (app_selecting(a, b))
		at = theme_attr(EL_VISUAL);
	return at;
}

static void draw_text_pane(struct app *a, struct rect r, bool focused)
{
	const struct readout *ro = cur_ro(a);
	char head[160];
	snprintf(head, sizeof(head), " Text · %zu characters", ro->text_cps);
	attr_t hat = theme_attr(EL_HEADING);
	draw_fill(r.y, r.x, r.w, hat);
	int hw = draw_str(r.y, r.x, r.w, head, focused ? hat | A_UNDERLINE : hat);
	/* where the cursor is, at the right, when there is room */
	char at[64];
	where_text(a, at, sizeof(at));
	int aw = (int)strlen(at);
	if (hw + aw + 3 <= r.w)
		draw_str(r.y, r.x + r.w - aw - 1, aw, at, hat);
	size_t h = (size_t)text_rows(a);
	/* the lines shown, and the search hits on them */
	struct wrap_line *shown = xmalloc(h * sizeof(*shown));
	size_t n_shown = 0;
	for (struct wrap_line l = line_of(a, a->text_top); n_shown < h;) {
		shown[n_shown++] = l;
		long moved;
		l = line_move(a, l, 1, &moved);
		if (!moved)
			break;
	}
	shown_hits(a, shown[0].start, shown[n_shown - 1].end);
	const char *text = app_text(a, a->cur);

	long *ps = xmalloc((ro->n_positions + 1) * sizeof(long));
	size_t *ms = xmalloc((ro->n_mentions + 1) * sizeof(size_t));
	for (size_t row = 0; row < n_shown; row++) {
		const struct wrap_line *l = &shown[row];
		int y = r.y + 1 + (int)row;
		/* the positions and highlighted mentions that touch this line */
		size_t nps = 0, nms = 0;
		for (size_t i = 0; i < a->n_order; i++) {
			const struct span *s = &ro->positions[a->order[i]].span;
			if (s->bstart < l->end && s->bend > l->start)
				ps[nps++] = (long)a->order[i];
		}
		for (size_t i = 0; i < ro->n_mentions; i++) {
			const struct mention *m = &ro->mentions[i];
			if (m->span.bstart < l->end && m->span.bend > l->start && entity_highlighted(a, m->kind, m->ent))
				ms[nms++] = i;
		}
		bool in_sel = false;
		if (a->sel >= 0) {
			const struct span *s = &ro->positions[a->sel].span;
			in_sel = s->bstart < (l->end > l->start ? l->end : l->start + 1) && s->bend > l->start;
		}
		attrset(theme_attr(EL_GUTTER));
		mvaddstr(y, r.x, l->start == a->text_cur ? (focused ? ">" : "-") : " ");
		if (in_sel)
			attrset(theme_attr(EL_SELECTED));
		addch(in_sel ? '|' : ' ');
		attrset(A_NORMAL);
		int x = r.x + GUTTER;
		size_t b = l->start;
		struct cell c;
		/* runs of cells with the same attributes go out in one call */
		size_t run = b;
		attr_t run_at = 0;
		move(y, x);
		while (b < l->end && cell_next(text, l->end, b, 0, &c)) {
			if (x + c.width > r.x + r.w)
				break;
			attr_t at = c.replaced ? theme_attr(EL_ESCAPED) : cell_attr(a, b, ps, nps, ms, nms);
			if (c.replaced || at != run_at) {
				if (b > run) {
					attrset(run_at);
					addnstr(text + run, (int)(b - run));
				}
				run = b;
				run_at = at;
			}
			if (c.replaced) {
				attrset(at);
				addstr(c.repl);
				run = c.end;
			}
			x += c.width;
			b = c.end;
		}
		if (b > run) {
			attrset(run_at);
			addnstr(text + run, (int)(b - run));
		}
		attrset(A_NORMAL);
	}
	free(ps);
	free(ms);
	free(shown);
}

static const char *review_mark(enum review rv, enum theme_el *el)
{
	switch (rv) {
	case REVIEW_ACCEPTED:
		*el = EL_ACCEPTED;
		return "+";
	case REVIEW_REJECTED:
		*el = EL_REJECTED;
		return "x";
	default:
		*el = EL_PENDING;
		return "?";
	}
}

/* Lines of the expanded entry for position (ri, pi), drawn when y >= 0;
 * returns how many lines it takes (at most max). */
static int draw_details(struct app *a, size_t ri, size_t pi, struct rect r, int y, int max)
{
	const struct readout *ro = &a->corpus.readouts[ri];
	const struct position *p = &ro->positions[pi];
	int n = 0, x = r.x + 4, w = r.w - 4;
	if (w < 4 || max <= 0)
		return 0;
	const char *src = p->summary ? p->summary : app_text(a, ri) + p->span.bstart;
	size_t blen = p->summary ? strlen(p->summary) : p->span.bend - p->span.bstart;
	/* a few rows of it: its line breaks (a span across paragraphs) are
	 * spaces here, not ^J (the first 16 KB: more never shows) */
	if (blen > 16384)
		blen = 16384;
	while (blen && ((unsigned char)src[blen] & 0xC0) == 0x80 && blen < 16384 + 4)
		blen++;
	char *body = xmalloc(blen + 1);
	for (size_t i = 0; i < blen; i++)
		body[i] = src[i] == '\n' || src[i] == '\r' ? ' ' : src[i];
	body[blen] = '\0';
	struct wrap wr = { 0 };
	wrap_text(&wr, body, blen, w);
	/* the summary whole when there is room (half the rows, a third beside
	 * a note), the span's text in three rows (the text pane shows it) */
	int half = p->note ? max / 3 : max / 2;
	size_t maxbody = p->summary ? (size_t)(half > 2 ? half : 2) : 3;
	if (p->summary && !p->note && maxbody < 6)
		maxbody = 6;
	for (size_t i = 0; i < wr.n && i < maxbody && n < max; i++, n++)
		if (y >= 0)
			draw_text(y + n, x, w, body + wr.lines[i].start,
			          (i + 1 == maxbody || n + 1 == max ? blen : wr.lines[i].end) - wr.lines[i].start,
			          theme_attr(p->summary ? EL_NORMAL : EL_DIM));
	wrap_free(&wr);
	free(body);
	if (p->note && n < max) {
		/* the note next, whole as far as the pane goes */
		char *note = xasprintf("note: %s", p->note);
		struct wrap nw = { 0 };
		wrap_text(&nw, note, strlen(note), w);
		for (size_t i = 0; i < nw.n && n < max; i++, n++)
			if (y >= 0)
				draw_text(y + n, x, w, note + nw.lines[i].start,
				          (n + 1 == max ? strlen(note) : nw.lines[i].end) - nw.lines[i].start,
				          theme_attr(EL_MESSAGE));
		wrap_free(&nw);
		free(note);
	}
	char buf[1024];
	size_t len;
	for (int k = ENT_TOPIC; k <= ENT_AGREEMENT && n < max; k++) {
		const uint32_t *ids = k == ENT_TOPIC ? p->topics : p->agreements;
		size_t cnt = k == ENT_TOPIC ? p->n_topics : p->n_agreements;
		if (!cnt)
			continue;
		len = (size_t)snprintf(buf, sizeof(buf), "%s: ", k == ENT_TOPIC ? "topics" : "agreements");
		for (size_t i = 0; i < cnt && len < sizeof(buf); i++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? ", " : "",
			                        app_label(a, (enum entity_kind)k, ri, ids[i]));
		if (y >= 0)
			draw_str(y + n, x, w, buf, theme_attr(EL_STANCE));
		n++;
	}
	if (n < max) {
		if (y >= 0)
			draw_textf(y + n, x, w, theme_attr(EL_DIM), "%s%s%s · characters %" PRIu32 "-%" PRIu32, ro->date ? ro->date : "",
			           ro->date ? " " : "", ro->id, p->span.start, p->span.end);
		n++;
	}
	if (p->by && n < max) {
		if (y >= 0)
			draw_textf(y + n, x, w, theme_attr(EL_DIM), "by %s", p->by);
		n++;
	}
	return n;
}

static void draw_positions_pane(struct app *a, struct rect r, bool focused)
{
	bool filtered = !filter_is_empty(&a->filter);
	char head[160];
	if (filtered)
		snprintf(head, sizeof(head), " Positions · %zu match the filters", a->n_plist);
	else
		snprintf(head, sizeof(head), " Positions · %zu", a->n_plist);
	attr_t hat = theme_attr(EL_HEADING);
	draw_fill(r.y, r.x, r.w, hat);
	draw_str(r.y, r.x, r.w, head, focused ? hat | A_UNDERLINE : hat);
	int h = r.h - 1;
	if (!a->n_plist) {
		draw_str(r.y + 1, r.x + 1, r.w - 1,
		         filtered ? "no position matches the filters (Esc clears them)" : "no positions in this readout",
		         theme_attr(EL_DIM));
		return;
	}
	if (a->p_sel >= a->n_plist)
		a->p_sel = a->n_plist - 1;
	/* the selected entry is expanded: make it fit below p_top */
	int details = draw_details(a, a->plist[a->p_sel].readout, a->plist[a->p_sel].position, r, -1, h - 1);
	if (a->p_top > a->p_sel)
		a->p_top = a->p_sel;
	if ((int)(a->p_sel - a->p_top) + 1 + details > h)
		a->p_top = a->p_sel - (size_t)(h - 1 - details > 0 ? h - 1 - details : 0);
	/* no empty rows at the bottom while rows above are hidden */
	while (a->p_top > 0 && (a->n_plist - a->p_top) + (size_t)details < (size_t)h)
		a->p_top--;
	/* the speaker column as wide as the names shown need: a third of the
	 * pane at most, a quarter beside the date of a filtered list, so the
	 * summary keeps room */
	int sw = 6, swmax = filtered ? r.w / 4 : r.w / 3;
	if (swmax < 10)
		swmax = 10;
	for (size_t i = a->p_top; i < a->n_plist && i < a->p_top + (size_t)h; i++) {
		const char *l = app_label(a, ENT_SPEAKER, a->plist[i].readout,
		                          a->corpus.readouts[a->plist[i].readout].positions[a->plist[i].position].speaker);
		int lw = cells_width(l, strlen(l), 0);
		if (lw > sw)
			sw = lw;
	}
	if (sw > swmax)
		sw = swmax;
	int y = r.y + 1;
	for (size_t i = a->p_top; i < a->n_plist && y < r.y + r.h; i++) {
		const struct match *m = &a->plist[i];
		const struct readout *ro = &a->corpus.readouts[m->readout];
		const struct position *p = &ro->positions[m->position];
		/* the cursor row only when it is the position the text shows */
		bool cur = i == a->p_sel && m->readout == a->cur && (long)m->position == a->sel;
		attr_t base = cur ? theme_attr(focused ? EL_CURSOR : EL_CURSOR_UNFOCUSED) : theme_attr(EL_NORMAL);
		draw_fill(y, r.x, r.w, base);
		enum theme_el rel;
		const char *mark = review_mark(p->review, &rel);
		int x = r.x;
		x += draw_str(y, x, r.w, " ", base);
		x += draw_str(y, x, r.x + r.w - x, mark, cur ? base | A_BOLD : theme_attr(rel) | A_BOLD);
		x += draw_str(y, x, r.x + r.w - x, " ", base);
		if (filtered && r.w >= 40) {
			x += draw_column(y, x, r.x + r.w - x, ro->date ? ro->date : "", 10, cur ? base : theme_attr(EL_DIM));
			x += draw_str(y, x, r.x + r.w - x, " ", cur ? base : theme_attr(EL_DIM));
		}
		int used = draw_str(y, x, sw < r.x + r.w - x ? sw : r.x + r.w - x,
		                    app_label(a, ENT_SPEAKER, m->readout, p->speaker), theme_attr(speaker_el(a, m->readout, p->speaker)));
		x += used;
		if (used < sw && x < r.x + r.w) {
			draw_fill(y, x, sw - used < r.x + r.w - x ? sw - used : r.x + r.w - x, base);
			x += sw - used;
		}
		if (x + 1 < r.x + r.w) {
			attr_t sat = cur ? base : theme_attr(EL_STANCE);
			x += draw_str(y, x, r.x + r.w - x, " ", sat);
			x += draw_column(y, x, r.x + r.w - x, p->stance_text ? p->stance_text : "", 8, sat);
			x += draw_str(y, x, r.x + r.w - x, " ", sat);
		}
		if (cur && x < r.x + r.w) {
			draw_textf(y, x, r.x + r.w - x, base, "%s · %s", review_names[p->review], p->id);
		} else if (x < r.x + r.w) {
			const char *s = p->summary ? p->summary : app_text(a, m->readout) + p->span.bstart;
			size_t n = p->summary ? strlen(p->summary) : p->span.bend - p->span.bstart;
			const char *nl = memchr(s, '\n', n);
			draw_text(y, x, r.x + r.w - x, s, nl ? (size_t)(nl - s) : n, base);
		}
		y++;
		if (cur)
			y += draw_details(a, m->readout, m->position, r, y, r.y + r.h - y);
	}
}

static void reader_draw(struct app *a)
{
	if (!a->corpus.n_readouts) {
		draw_str(a->lay.body.y, 1, a->lay.body.w - 1, "no readouts", theme_attr(EL_DIM));
		return;
	}
	reader_prepare(a);
	text_fill(a);
	if (a->lay.shown[0])
		draw_text_pane(a, a->lay.pane[0], a->focus == 0);
	if (a->lay.shown[1])
		draw_positions_pane(a, a->lay.pane[1], a->focus == 1);
}

static void reader_cursor(struct app *a, int *y, int *x)
{
	if (a->focus == 0 || !a->lay.shown[1]) {
		struct rect r = a->lay.pane[0];
		*y = r.y + 1 + (int)lines_between(a, a->text_top, a->text_cur, (size_t)text_rows(a));
		*x = r.x;
	} else {
		struct rect r = a->lay.pane[1];
		*y = r.y + 1 + (int)(a->p_sel - a->p_top);
		*x = r.x;
	}
}

/* --- actions ------------------------------------------------------------ */

static void select_row(struct app *a);

static void select_row(struct app *a)
{
	if (!a->n_plist)
		return;
	const struct match *m = &a->plist[a->p_sel];
	if (m->readout != a->cur) {
		size_t keep = a->p_sel;
		a->cur = m->readout;
		a->text_cur = a->text_top = 0;
		struct match want = *m;
		reader_rebuild_list(a);
		for (size_t i = 0; i < a->n_plist; i++)
			if (a->plist[i].readout == want.readout && a->plist[i].position == want.position)
				keep = i;
		a->p_sel = keep;
		for (size_t i = 0; i < a->n_nav; i++)
			if (a->nav[i] == a->cur)
				a->nav_sel = i;
	}
	reader_select(a, (long)a->plist[a->p_sel].position, true);
}

void reader_step_match(struct app *a, bool forward)
{
	if (!a->n_plist)
		return;
	bool in_step = a->plist[a->p_sel].readout == a->cur && (long)a->plist[a->p_sel].position == a->sel;
	if (!in_step) {
		/* from the current readout's place in the list */
		size_t i = 0;
		while (i < a->n_plist && a->plist[i].readout < a->cur)
			i++;
		if (forward && i < a->n_plist && a->plist[i].readout == a->cur && a->sel < 0)
			a->p_sel = i;
		else
			a->p_sel = forward ? (i < a->n_plist ? i : a->n_plist - 1) : (i ? i - 1 : 0);
	} else if (forward ? a->p_sel + 1 < a->n_plist : a->p_sel > 0) {
		a->p_sel = forward ? a->p_sel + 1 : a->p_sel - 1;
	} else {
		/* round the end of the matches, as a search goes */
		a->p_sel = forward ? 0 : a->n_plist - 1;
		select_row(a);
		search_wrapped(a, forward, "match %zu of %zu", a->p_sel + 1, a->n_plist);
		return;
	}
	select_row(a);
	app_message(a, false, "match %zu of %zu", a->p_sel + 1, a->n_plist);
}

static bool step_position(struct app *a, bool forward)
{
	if (!a->n_order) {
		app_message(a, false, "no position in this readout (v selects text to make one)");
		return true;
	}
	size_t at = a->n_order;
	for (size_t i = 0; i < a->n_order; i++)
		if ((long)a->order[i] == a->sel)
			at = i;
	/* one selected whose lines the cursor is not on (a readout just
	 * opened: its first position shown, the cursor on line 1) is not
	 * where the step starts: ] goes to it, as from the cursor */
	if (at < a->n_order) {
		const struct span *s = &cur_ro(a)->positions[a->order[at]].span;
		size_t first = line_of(a, s->bstart).start;
		size_t last = line_of(a, s->bend > s->bstart ? s->bend - 1 : s->bstart).start;
		if (a->text_cur < first || a->text_cur > last)
			at = a->n_order;
	}
	size_t next;
	if (at == a->n_order) {
		/* nothing selected (or not there): from the cursor */
		next = forward ? 0 : a->n_order - 1;
		for (size_t i = 0; i < a->n_order; i++)
			if (cur_ro(a)->positions[a->order[i]].span.bstart >= a->text_cur) {
				next = forward ? i : (i ? i - 1 : 0);
				break;
			}
	} else if (forward) {
		if (at + 1 >= a->n_order) {
			app_message(a, false, "last position of this readout (} opens the next readout)");
			return true;
		}
		next = at + 1;
	} else {
		if (at == 0) {
			app_message(a, false, "first position of this readout");
			return true;
		}
		next = at - 1;
	}
	reader_select(a, (long)a->order[next], true);
	return true;
}

static bool reader_action(struct app *a, enum action act)
{
	if (!a->corpus.n_readouts)
		return false;
	reader_prepare(a);
	switch (act) {
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE:
		a->focus = !a->focus;
		return true;
	case ACT_OPEN:
		a->focus = !a->focus;
		if (a->focus == 0 && a->sel >= 0)
			reader_select(a, a->sel, true);
		return true;
	case ACT_NEXT_POSITION:
		return step_position(a, true);
	case ACT_PREV_POSITION:
		return step_position(a, false);
	case ACT_NEXT_READOUT:
	case ACT_PREV_READOUT: {
		size_t at = 0;
		for (size_t i = 0; i < a->n_nav; i++)
			if (a->nav[i] == a->cur)
				at = i;
		if (act == ACT_NEXT_READOUT ? at + 1 >= a->n_nav : at == 0) {
			app_message(a, false, "no %s readout", act == ACT_NEXT_READOUT ? "next" : "previous");
			return true;
		}
		app_open_readout(a, a->nav[act == ACT_NEXT_READOUT ? at + 1 : at - 1], -1);
		return true;
	}
	default:
		break;
	}
	if (a->focus == 1 && a->lay.shown[1]) {
		int h = a->lay.pane[1].h - 1;
		if (list_move(&a->p_sel, &a->p_top, a->n_plist, h, act)) {
			select_row(a);
			return true;
		}
		return false;
	}
	struct wrap_line cl = line_of(a, a->text_cur), line = cl;
	long h = text_rows(a);
	switch (act) {
	case ACT_MOVE_DOWN:
		line = line_move(a, cl, 1, NULL);
		break;
	case ACT_MOVE_UP:
		line = line_move(a, cl, -1, NULL);
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_UP: {
		/* the page moves as the cursor does (text_show keeps it full) */
		long step = act == ACT_PAGE_DOWN || act == ACT_PAGE_UP ? h : (h + 1) / 2;
		if (act == ACT_PAGE_UP || act == ACT_HALF_UP)
			step = -step;
		line = line_move(a, cl, step, NULL);
		a->text_top = line_move(a, line_of(a, a->text_top), step, NULL).start;
		break;
	}
	case ACT_FIRST:
		line = line_of(a, 0);
		break;
	case ACT_LAST:
		line = last_line(a);
		break;
	default:
		return false;
	}
	move_text_cursor(a, line);
	return true;
}

/* The row of the positions pane at row `row` of the pane (1: its first
 * row below the heading), the expanded entry's lines counting as its own;
 * false when there is none. */
static bool plist_row_at(struct app *a, int row, size_t *at)
{
	struct rect r = a->lay.pane[1];
	int y = 1;
	for (size_t i = a->p_top; i < a->n_plist && y < r.h; i++) {
		const struct match *m = &a->plist[i];
		int lines = 1;
		if (i == a->p_sel && m->readout == a->cur && (long)m->position == a->sel)
			lines += draw_details(a, m->readout, m->position, r, -1, r.h - y - 1);
		if (row >= y && row < y + lines) {
			*at = i;
			return true;
		}
		y += lines;
	}
	return false;
}

/* A click: in the text, the cursor to that line and the position under
 * it; in the positions pane, the position of that row. */
static void reader_click(struct app *a, int pane, int row, int col)
{
	(void)col;
	if (!a->corpus.n_readouts)
		return;
	reader_prepare(a);
	a->focus = pane;
	if (row < 1)
		return;
	if (pane == 1) {
		size_t i;
		if (plist_row_at(a, row, &i)) {
			a->p_sel = i;
			select_row(a);
		}
		return;
	}
	long moved;
	struct wrap_line l = line_move(a, line_of(a, a->text_top), row - 1, &moved);
	if (moved == row - 1)
		move_text_cursor(a, l);
}

static int reader_focus(const struct app *a)
{
	return a->focus;
}

/* The readout's title, then its date, place, kind and language: as much
 * of them as leaves the title room, at the right, never glued to a title
 * that had to be cut. */
static void reader_title(struct app *a, int y, int x, int w, attr_t at)
{
	if (!a->corpus.n_readouts)
		return;
	const struct readout *ro = cur_ro(a);
	const char *title = ro->title ? ro->title : ro->id;
	const char *kind = ro->kind >= 0 ? readout_kind_names[ro->kind] : NULL;
	/* a draft not saved yet says so first */
	const char *draft = a->corpus.files[ro->file].draft_json ? "draft" : NULL;
	const char *parts[4][5] = {
		{ draft, ro->date, ro->place, kind, ro->lang },
		{ draft, ro->date, kind, NULL, NULL },
		{ draft, ro->date, NULL, NULL, NULL },
		{ draft, NULL, NULL, NULL, NULL },
	};
	int tw = cells_width(title, strlen(title), 0), room = w - x;
	char meta[512];
	for (int v = 0; v < 4; v++) {
		size_t len = 0;
		meta[0] = '\0';
		for (int i = 0; i < 5; i++)
			if (parts[v][i] && *parts[v][i] && len < sizeof(meta) - 1) {
				int n = snprintf(meta + len, sizeof(meta) - len, "%s%s", len ? " · " : "", parts[v][i]);
				len = n < 0 ? len : len + (size_t)n < sizeof(meta) ? len + (size_t)n : strlen(meta);
			}
		/* the first that leaves the whole title room; else the date
		 * alone, when the cut title keeps a dozen columns */
		int mw = cells_width(meta, len, 0);
		int title_room = room - (mw ? mw + 3 : 0);
		if (!mw || tw <= title_room || (v == 2 && title_room >= 12))
			break;
	}
	int mw = cells_width(meta, strlen(meta), 0);
	int title_w = mw ? room - mw - 3 : room;
	if (title_w > tw)
		title_w = tw;
	x += draw_str(y, x, title_w, title, at);
	if (mw && x + 2 + mw <= w)
		draw_str(y, x + (tw > title_w ? w - x - mw : 2), mw, meta, at);
}

/* The readout and its review counts. */
static void reader_status(const struct app *a, char *buf, size_t size)
{
	if (!a->corpus.n_readouts) {
		snprintf(buf, size, " no readouts");
		return;
	}
	const struct readout *ro = cur_ro(a);
	size_t count[REVIEW_COUNT] = { 0 };
	for (size_t i = 0; i < ro->n_positions; i++)
		count[ro->positions[i].review]++;
	snprintf(buf, size, " %s · ?%zu +%zu x%zu", ro->id, count[REVIEW_PENDING], count[REVIEW_ACCEPTED],
	         count[REVIEW_REJECTED]);
}

/* q: back to the view the readout was opened from (F's list while it is
 * kept, the timeline, the compare view), else the navigator. */
static void reader_back(struct app *a)
{
	enum view from = a->reader_from;
	const struct view_ops *v = from < VIEW_COUNT ? a->views[from] : NULL;
	bool can = v && from != VIEW_READER && (v->overlay ? v->kept && v->kept(a) : v->back != NULL);
	a->view = can ? from : VIEW_NAV;
}

/* The matches of the readouts that arrived since plist was made join it
 * (those alone are filtered; merged in the navigator's order, which the
 * navigator's list, rebuilt first, already has: view_table's order), as
 * making them all anew would list them.  False when plist is not the
 * filter's matches so far (then made anew). */
static bool grow_matches(struct app *a)
{
	if (!a->plist_valid || a->plist_seen > a->corpus.n_readouts)
		return false;
	struct match *add;
	size_t n_add = filter_matches_from(&a->filter, &a->corpus, &a->facets, a->plist_seen, &add);
	if (n_add) {
		a->plist = xrealloc(a->plist, (a->n_plist + n_add) * sizeof(*a->plist));
		matches_merge(a->plist, a->n_plist, add, n_add, a->nav, a->n_nav, a->corpus.n_readouts);
		a->n_plist += n_add;
	}
	free(add);
	a->plist_seen = a->corpus.n_readouts;
	return true;
}

/* The positions pane again; when more readouts arrived, the matches of
 * the filter grew too (by those of the new readouts), and the pane keeps
 * its scroll. */
static void reader_refresh(struct app *a, enum view_change why)
{
	if (why == VIEW_GREW && filter_is_empty(&a->filter))
		return;
	size_t p_top = a->p_top;
	if (why == VIEW_GREW && !grow_matches(a))
		a->plist_valid = false;
	reader_rebuild_list(a);
	if (why == VIEW_GREW)
		a->p_top = p_top;
}

static void reader_open(struct app *a, long pos)
{
	reader_rebuild_list(a);
	reader_prepare(a);
	if (pos < 0 && !filter_is_empty(&a->filter))
		for (size_t i = 0; i < a->n_plist && pos < 0; i++)
			if (a->plist[i].readout == a->cur)
				pos = (long)a->plist[i].position; /* its first match */
	if (pos >= 0)
		reader_select(a, pos, true);
	else if (a->sel < 0 && a->n_order)
		reader_select(a, (long)a->order[0], false);
	reader_put_back(a, &a->reopen);
}

void reader_put_back(struct app *a, const struct place *w)
{
	const struct readout *r = cur_ro(a);
	if (!w->set || w->ri != a->cur || w->text_cur > r->text_bytes || w->text_top > r->text_bytes)
		return;
	if (w->sel >= 0 && (size_t)w->sel < r->n_positions)
		reader_select(a, w->sel, false);
	a->text_cur = w->text_cur;
	a->text_top = w->text_top;
}

const struct view_ops reader_view = {
	.name = "reader", .share = 58, .shows_readout = true, .focus = reader_focus, .draw = reader_draw,
	.action = reader_action, .cursor = reader_cursor, .title = reader_title, .status = reader_status,
	.back = reader_back, .rebuild = reader_refresh, .open = reader_open, .click = reader_click,
};
