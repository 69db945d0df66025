/* view_compare.c - two accounts of one meeting side by side: each text
 * with its positions marked, and a strip below pairing their positions by
 * topic and agreement (compare.h), with what only one account reports and
 * whether paired stances agree.  Moving through the strip scrolls both
 * texts to the paired spans; the filters (s t a) apply to both sides.
 * Wide terminals show both texts and the strip; narrow ones the strip and
 * one text, = switching which.  Opened with C on a readout that has
 * another account (its event's, or a likely one); q goes back. */
#include "app.h"
#include "cells.h"
#include "compare.h"
#include "sanitize.h"
#include "textwrap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMP_GUTTER 2
#define CMP_WIDE 120 /* columns from which both texts show */

/* A row of the strip: a topic or agreement's heading, or a row of the
 * comparison. */
struct strip_row {
	bool heading;
	size_t ci;             /* the comparison row (for a heading: its first) */
	size_t paired, only_a, only_b; /* a heading's counts */
};

static struct {
	bool open;
	size_t ri[2];
	bool guess;            /* B is a likely account, not tied by an event */
	struct counterpart cands[16];
	size_t n_cands, cand;
	struct comparison cmp;
	struct strip_row *rows;
	size_t n, cap, sel, top;
	struct wrap wrap[2];
	int wrap_w[2];
	size_t wrap_ri[2];
	size_t top_line[2];
	int focus;             /* 0 the strip, 1 A's text, 2 B's */
	int shown;             /* narrow: the side whose text shows */
} cv;

static bool wide(const struct app *a)
{
	return a->lay.body.w >= CMP_WIDE;
}

/* the parts of the body: the texts above, the strip below */
static int strip_h(const struct app *a)
{
	int h = a->lay.body.h;
	int s = h * 2 / 5;
	if (s < 5)
		s = h < 10 ? h / 2 : 5;
	return s;
}

static struct rect text_rect(const struct app *a, int side)
{
	struct rect b = a->lay.body, r = b;
	r.h = b.h - strip_h(a);
	if (wide(a)) {
		int half = (b.w - 1) / 2;
		r.w = half;
		if (side == 1) {
			r.x = b.x + half + 1;
			r.w = b.w - half - 1;
		}
	}
	return r;
}

static struct rect strip_rect(const struct app *a)
{
	struct rect b = a->lay.body, r = b;
	r.h = strip_h(a);
	r.y = b.y + b.h - r.h;
	return r;
}

static bool keep(void *arg, int side, size_t pi)
{
	struct app *a = arg;
	return filter_position(&a->filter, &a->corpus, &a->facets, cv.ri[side], pi);
}

static void free_rows(void)
{
	comparison_free(&cv.cmp);
	free(cv.rows);
	cv.rows = NULL;
	cv.n = cv.cap = 0;
}

/* The comparison and the strip's rows again (a new pair, a new filter). */
static void build(struct app *a)
{
	free_rows();
	compare_readouts(&a->corpus.readouts[cv.ri[0]], &a->corpus.readouts[cv.ri[1]], keep, a, &cv.cmp);
	for (size_t i = 0; i < cv.cmp.n; i++) {
		const struct cmp_row *w = &cv.cmp.rows[i];
		if (i == 0 || strcmp(cv.cmp.rows[i - 1].key_id, w->key_id) != 0 || cv.cmp.rows[i - 1].key_kind != w->key_kind) {
			grow(&cv.rows, &cv.cap, cv.n + 1, sizeof(*cv.rows));
			cv.rows[cv.n++] = (struct strip_row){ true, i, 0, 0, 0 };
		}
		struct strip_row *h = NULL;
		for (size_t k = cv.n; k-- > 0 && !h;)
			if (cv.rows[k].heading)
				h = &cv.rows[k];
		h->paired += w->kind == CMP_PAIRED;
		h->only_a += w->kind == CMP_ONLY_A;
		h->only_b += w->kind == CMP_ONLY_B;
		grow(&cv.rows, &cv.cap, cv.n + 1, sizeof(*cv.rows));
		cv.rows[cv.n++] = (struct strip_row){ false, i, 0, 0, 0 };
	}
	if (cv.sel >= cv.n)
		cv.sel = cv.n ? cv.n - 1 : 0;
	/* on a row, not a heading */
	if (cv.n && cv.rows[cv.sel].heading && cv.sel + 1 < cv.n)
		cv.sel++;
}

/* The cursor off a heading (a topic's or agreement's: not a row, which
 * the status line counts), to the row after it, or before it going up
 * (the first row at the top). */
static void off_heading(bool down)
{
	if (cv.sel >= cv.n || !cv.rows[cv.sel].heading)
		return;
	if ((down || cv.sel == 0) && cv.sel + 1 < cv.n)
		cv.sel++;
	else if (cv.sel > 0)
		cv.sel--;
}

static const struct cmp_row *sel_row(void)
{
	if (cv.sel >= cv.n || cv.rows[cv.sel].heading)
		return NULL;
	return &cv.cmp.rows[cv.rows[cv.sel].ci];
}

static long row_pos(const struct cmp_row *w, int side)
{
	return w ? (side ? w->b : w->a) : -1;
}

static int pane_rows(const struct app *a, int side)
{
	return text_rect(a, side).h - 1;
}

static void prepare(struct app *a, int side)
{
	struct rect r = text_rect(a, side);
	int w = r.w - CMP_GUTTER - 1;
	if (w < 4)
		w = 4;
	size_t ri = cv.ri[side];
	if (cv.wrap[side].lines && cv.wrap_w[side] == w && cv.wrap_ri[side] == ri)
		return;
	wrap_free(&cv.wrap[side]);
	const struct readout *ro = &a->corpus.readouts[ri];
	wrap_text(&cv.wrap[side], app_text(a, ri), ro->text_bytes, w);
	cv.wrap_w[side] = w;
	cv.wrap_ri[side] = ri;
	if (cv.top_line[side] >= cv.wrap[side].n)
		cv.top_line[side] = 0;
}

/* Both texts to the selected row's spans (a line of what comes before
 * shows too); narrow, the side shown moves to one that has a position. */
static void sync_texts(struct app *a)
{
	const struct cmp_row *w = sel_row();
	if (!w)
		return;
	if (!wide(a) && row_pos(w, cv.shown) < 0 && row_pos(w, !cv.shown) >= 0)
		cv.shown = !cv.shown;
	for (int s = 0; s < 2; s++) {
		long p = row_pos(w, s);
		if (p < 0)
			continue;
		prepare(a, s);
		const struct span *sp = &a->corpus.readouts[cv.ri[s]].positions[p].span;
		size_t line = wrap_line_of(&cv.wrap[s], sp->bstart);
		cv.top_line[s] = line > 0 ? line - 1 : 0;
	}
}

/* Opens the comparison of ri with its n-th other account. */
static void set_pair(struct app *a, size_t ri, size_t cand)
{
	cv.ri[0] = ri;
	cv.ri[1] = cv.cands[cand].ri;
	cv.guess = cv.cands[cand].guess;
	cv.cand = cand;
	cv.sel = 0;
	cv.top = 0;
	cv.top_line[0] = cv.top_line[1] = 0;
	cv.shown = 0;
	build(a);
	sync_texts(a);
}

static size_t readout_here(const struct app *a)
{
	if (!view_ops(a)->shows_readout && a->n_nav && a->view != VIEW_COMPARE)
		return a->nav[a->nav_sel];
	return a->cur;
}

void compare_open(struct app *a)
{
	if (a->loading) {
		app_message(a, false, "the corpus is still loading: C compares once it is in");
		return;
	}
	if (!a->corpus.n_readouts) {
		app_message(a, true, "no readout to compare");
		return;
	}
	size_t ri = readout_here(a);
	size_t n = compare_counterparts(a->corpus.readouts, a->corpus.n_readouts, ri, cv.cands,
	                                sizeof(cv.cands) / sizeof(cv.cands[0]));
	if (!n) {
		app_message(a, false, "no other account of this meeting: no readout shares its event, none has its date "
		                      "and parties (parley link ties two)");
		return;
	}
	cv.n_cands = n < sizeof(cv.cands) / sizeof(cv.cands[0]) ? n : sizeof(cv.cands) / sizeof(cv.cands[0]);
	a->cur = ri;
	cv.open = true;
	cv.focus = 0;
	set_pair(a, ri, 0);
	view_enter(a, VIEW_COMPARE);
	if (cv.guess)
		app_message(a, false, "a likely account (the same date and parties, no shared event): L ties them");
}

void compare_open_pair(struct app *a, size_t ri, size_t rj)
{
	const struct readout *r = &a->corpus.readouts[ri], *o = &a->corpus.readouts[rj];
	cv.cands[0] = (struct counterpart){ rj, !(r->event && o->event && strcmp(r->event, o->event) == 0) };
	cv.n_cands = 1;
	a->cur = ri;
	cv.open = true;
	cv.focus = 0;
	set_pair(a, ri, 0);
	view_enter(a, VIEW_COMPARE);
}

/* Opens a readout's other account in the reader (=): its event's first,
 * else a likely one. */
void compare_counterpart(struct app *a)
{
	if (!a->corpus.n_readouts)
		return;
	size_t ri = readout_here(a);
	struct counterpart c[2];
	size_t n = compare_counterparts(a->corpus.readouts, a->corpus.n_readouts, ri, c, 2);
	if (!n) {
		app_message(a, false, "no other account of this meeting: no readout shares its event, none has its date "
		                      "and parties");
		return;
	}
	app_open_readout(a, c[0].ri, -1);
	const struct readout *r = &a->corpus.readouts[c[0].ri];
	char *id = sanitize_dup(r->id, strlen(r->id), 0);
	app_message(a, false, "%s account: %s%s", c[0].guess ? "a likely other" : "the other", id,
	            n > 1 ? " (more: C compares them)" : "");
	free(id);
}

/* --- drawing ------------------------------------------------------------- */

static attr_t text_attr(const struct app *a, int side, size_t b, const struct cmp_row *w)
{
	const struct readout *r = &a->corpus.readouts[cv.ri[side]];
	long sel = row_pos(w, side);
	if (sel >= 0) {
		const struct span *s = &r->positions[sel].span;
		if (b >= s->bstart && b < s->bend)
			return theme_attr(EL_SELECTED);
	}
	long in = -1;
	for (size_t i = 0; i < r->n_positions; i++) {
		const struct position *p = &r->positions[i];
		if (p->review != REVIEW_REJECTED && b >= p->span.bstart && b < p->span.bend)
			in = (long)i;
	}
	return in >= 0 ? theme_attr(speaker_el(a, cv.ri[side], r->positions[in].speaker)) : theme_attr(EL_NORMAL);
}

static void draw_side(struct app *a, int side, struct rect r)
{
	prepare(a, side);
	const struct readout *ro = &a->corpus.readouts[cv.ri[side]];
	bool focused = cv.focus == side + 1;
	char head[512];
	char *id = sanitize_dup(ro->id, strlen(ro->id), 0);
	/* what to do first, then the id (which may be cut) */
	snprintf(head, sizeof(head), " %s · %s · %s%s%s · %s", side ? "B" : "A", ro->lang ? ro->lang : "-",
	         ro->date ? ro->date : "-", side && cv.guess ? " · likely (L ties)" : "",
	         ro->n_positions ? "" : " · no positions (d drafts them)", id);
	free(id);
	attr_t hat = theme_attr(EL_HEADING);
	draw_fill(r.y, r.x, r.w, hat);
	draw_str(r.y, r.x, r.w, head, focused ? hat | A_UNDERLINE : hat);
	const char *text = app_text(a, cv.ri[side]);
	const struct cmp_row *w = sel_row();
	const struct wrap *wr = &cv.wrap[side];
	for (int row = 0; row + 1 < r.h && cv.top_line[side] + (size_t)row < wr->n; row++) {
		const struct wrap_line *l = &wr->lines[cv.top_line[side] + (size_t)row];
		int y = r.y + 1 + row, x = r.x + CMP_GUTTER;
		move(y, r.x);
		attrset(theme_attr(EL_GUTTER));
		addstr("  ");
		size_t b = l->start;
		struct cell c;
		move(y, x);
		while (b < l->end && cell_next(text, l->end, b, 0, &c)) {
			if (x + c.width > r.x + r.w)
				break;
			attrset(c.replaced ? theme_attr(EL_ESCAPED) : text_attr(a, side, b, w));
			if (c.replaced)
				addstr(c.repl);
			else
				addnstr(text + c.start, (int)(c.end - c.start));
			x += c.width;
			b = c.end;
		}
		attrset(A_NORMAL);
	}
}

static void row_text(const struct app *a, const struct strip_row *sr, char *buf, size_t size)
{
	const struct cmp_row *w = &cv.cmp.rows[sr->ci];
	if (sr->heading) {
		const char *kind = w->key_kind == ENT_TOPIC ? "topic" : w->key_kind == ENT_AGREEMENT ? "agreement" : "";
		/* the corpus's label, in the user's language */
		const char *label = w->key_label;
		long f = w->key_kind != ENT_SPEAKER ? facets_find(&a->facets, w->key_kind, w->key_id) : -1;
		if (f >= 0)
			label = a->facets.v[w->key_kind][f].label;
		snprintf(buf, size, "%s%s%s · %zu paired · %zu only in A · %zu only in B", kind, *kind ? " " : "", label,
		         sr->paired, sr->only_a, sr->only_b);
		return;
	}
	char side[2][200];
	for (int s = 0; s < 2; s++) {
		long p = row_pos(w, s);
		if (p < 0) {
			side[s][0] = '\0';
			continue;
		}
		const struct readout *r = &a->corpus.readouts[cv.ri[s]];
		const struct position *pp = &r->positions[p];
		snprintf(side[s], sizeof(side[s]), "%s %s (%s)", s ? "B" : "A",
		         app_label(a, ENT_SPEAKER, cv.ri[s], pp->speaker), pp->stance_text ? pp->stance_text : "no stance");
	}
	if (w->kind == CMP_PAIRED)
		snprintf(buf, size, "  = %s  ~  %s%s%s", side[0], side[1],
		         w->stance == CMP_STANCE_AGREE ? "  · stances agree" : w->stance == CMP_STANCE_DIFFER ? "  · stances differ" : "",
		         w->same_speaker ? "" : "  · other speakers");
	else
		snprintf(buf, size, "  %s only in %s: %s%s", w->kind == CMP_ONLY_A ? "<" : ">",
		         w->kind == CMP_ONLY_A ? "A" : "B", side[w->kind == CMP_ONLY_A ? 0 : 1],
		         w->elsewhere ? "  (paired under another topic)" : "");
}

static void draw_strip(struct app *a, struct rect r)
{
	char head[256];
	snprintf(head, sizeof(head), " Pairs · %zu paired · %zu only in A · %zu only in B%s", cv.cmp.paired,
	         cv.cmp.only_a, cv.cmp.only_b, filter_is_empty(&a->filter) ? "" : " · filtered");
	attr_t hat = theme_attr(EL_HEADING);
	draw_fill(r.y, r.x, r.w, hat);
	draw_str(r.y, r.x, r.w, head, cv.focus == 0 ? hat | A_UNDERLINE : hat);
	int h = r.h - 1;
	if (!cv.n) {
		const struct readout *ra = &a->corpus.readouts[cv.ri[0]], *rb = &a->corpus.readouts[cv.ri[1]];
		draw_str(r.y + 1, r.x + 1, r.w - 1,
		         !ra->n_positions || !rb->n_positions ? "nothing to pair: an account has no positions (d drafts them)"
		                                              : "nothing to pair within the filters",
		         theme_attr(EL_DIM));
		return;
	}
	list_scroll(cv.sel, &cv.top, cv.n, h);
	for (int row = 0; row < h && cv.top + (size_t)row < cv.n; row++) {
		size_t i = cv.top + (size_t)row;
		const struct strip_row *sr = &cv.rows[i];
		char buf[700];
		row_text(a, sr, buf, sizeof(buf));
		char *clean = sanitize_dup(buf, strlen(buf), 0);
		const struct cmp_row *w = &cv.cmp.rows[sr->ci];
		enum theme_el el = sr->heading ? EL_FILTER : w->kind == CMP_PAIRED ? EL_NORMAL : w->elsewhere ? EL_DIM : EL_STANCE;
		attr_t at = theme_attr(el);
		if (i == cv.sel) {
			at = theme_attr(cv.focus == 0 ? EL_CURSOR : EL_CURSOR_UNFOCUSED);
			draw_fill(r.y + 1 + row, r.x, r.w, at);
		}
		draw_str(r.y + 1 + row, r.x + 1, r.w - 1, clean, at);
		free(clean);
	}
}

static void compare_draw(struct app *a)
{
	if (!cv.open || cv.ri[0] >= a->corpus.n_readouts || cv.ri[1] >= a->corpus.n_readouts)
		return;
	if (wide(a)) {
		draw_side(a, 0, text_rect(a, 0));
		draw_side(a, 1, text_rect(a, 1));
		struct rect l = text_rect(a, 0);
		attrset(theme_attr(EL_BORDER));
		/* the wide line, as every other divider: ACS_VLINE is drawn
		 * through the alternate character set, which some terminals
		 * (tmux under TERM=xterm-256color) show as an x */
		mvvline_set(l.y, l.x + l.w, WACS_VLINE, l.h);
		attrset(A_NORMAL);
	} else {
		draw_side(a, cv.shown, text_rect(a, cv.shown));
	}
	draw_strip(a, strip_rect(a));
}

/* --- keys ---------------------------------------------------------------- */

static void scroll_text(struct app *a, int side, enum action act)
{
	prepare(a, side);
	size_t n = cv.wrap[side].n, h = (size_t)pane_rows(a, side), *top = &cv.top_line[side];
	size_t max = n > h ? n - h : 0;
	switch (act) {
	case ACT_MOVE_DOWN: *top = *top < max ? *top + 1 : max; break;
	case ACT_MOVE_UP: *top = *top ? *top - 1 : 0; break;
	case ACT_PAGE_DOWN: *top = *top + h < max ? *top + h : max; break;
	case ACT_PAGE_UP: *top = *top > h ? *top - h : 0; break;
	case ACT_HALF_DOWN: *top = *top + h / 2 < max ? *top + h / 2 : max; break;
	case ACT_HALF_UP: *top = *top > h / 2 ? *top - h / 2 : 0; break;
	case ACT_FIRST: *top = 0; break;
	case ACT_LAST: *top = max; break;
	default: break;
	}
}

static bool is_move(enum action act)
{
	return act == ACT_MOVE_DOWN || act == ACT_MOVE_UP || act == ACT_PAGE_DOWN || act == ACT_PAGE_UP
	       || act == ACT_HALF_DOWN || act == ACT_HALF_UP || act == ACT_FIRST || act == ACT_LAST;
}

/* Ties the two accounts with one event (L): both readouts change, saved
 * with w like any edit. */
static void link_pair(struct app *a)
{
	if (!cv.guess) {
		app_message(a, false, "these accounts share their event already");
		return;
	}
	struct readout *ra = &a->corpus.readouts[cv.ri[0]], *rb = &a->corpus.readouts[cv.ri[1]];
	char id[256];
	if (!compare_event_id(ra, rb, id, sizeof(id))) {
		app_message(a, true, "no date to make an event id from (parley link --event ID ties them)");
		return;
	}
	char q[400];
	char *clean = sanitize_dup(id, strlen(id), 0);
	snprintf(q, sizeof(q), "Tie both accounts to event %s? (y/n)", clean);
	free(clean);
	int k = ask_key(a, q);
	if (k < 0)
		keys_interrupted(); /* C-c: no, and parley stays */
	if (k != 'y' && k != 'Y') {
		app_message(a, false, "not tied");
		return;
	}
	if (!app_may_edit(a, cv.ri[0]) || !app_may_edit(a, cv.ri[1]))
		return;
	ra->event = arena_strdup(&ra->arena, id);
	rb->event = arena_strdup(&rb->arena, id);
	cv.guess = false;
	cv.cands[cv.cand].guess = false;
	a->ev_stale = true;
	clean = sanitize_dup(id, strlen(id), 0);
	app_message(a, false, "both accounts now have event %s: w saves it", clean);
	free(clean);
}

static bool compare_action(struct app *a, enum action act)
{
	if (is_move(act)) {
		if (cv.focus == 0) {
			size_t before = cv.sel;
			list_move(&cv.sel, &cv.top, cv.n, strip_rect(a).h - 1, act);
			off_heading(cv.sel >= before);
			sync_texts(a);
		} else {
			scroll_text(a, cv.focus - 1, act);
		}
		return true;
	}
	switch (act) {
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE:
		if (wide(a))
			cv.focus = (cv.focus + (act == ACT_NEXT_PANE ? 1 : 2)) % 3;
		else
			cv.focus = cv.focus ? 0 : cv.shown + 1;
		return true;
	case ACT_COUNTERPART:
		if (wide(a)) {
			/* the sides change places */
			size_t t = cv.ri[0];
			cv.ri[0] = cv.ri[1];
			cv.ri[1] = t;
			size_t tl = cv.top_line[0];
			cv.top_line[0] = cv.top_line[1];
			cv.top_line[1] = tl;
			build(a);
			sync_texts(a);
		} else {
			cv.shown = !cv.shown;
			if (cv.focus)
				cv.focus = cv.shown + 1;
		}
		return true;
	case ACT_NEXT_READOUT:
	case ACT_PREV_READOUT:
		if (cv.n_cands < 2) {
			app_message(a, false, "no other account to compare with");
			return true;
		}
		set_pair(a, cv.ri[0], (cv.cand + (act == ACT_NEXT_READOUT ? 1 : cv.n_cands - 1)) % cv.n_cands);
		return true;
	case ACT_LINK:
		link_pair(a);
		return true;
	case ACT_DRAFT: {
		int side = cv.focus ? cv.focus - 1 : !a->corpus.readouts[cv.ri[0]].n_positions ? 0 : 1;
		review_draft(a, cv.ri[side]);
		build(a);
		sync_texts(a);
		return true;
	}
	case ACT_OPEN: {
		const struct cmp_row *w = sel_row();
		int side = cv.focus == 2 ? 1 : 0;
		if (row_pos(w, side) < 0)
			side = !side;
		long p = row_pos(w, side);
		if (p < 0) {
			app_message(a, false, "Enter on a pair opens its position in the reader");
			return true;
		}
		app_open_readout(a, cv.ri[side], p);
		return true;
	}
	default:
		return false;
	}
}

static bool in_rect(struct rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* A click: on a row of the strip, that row (both texts scroll to it); on
 * a text, the focus, for the keys and the wheel to scroll it alone. */
static void compare_click(struct app *a, int pane, int row, int col)
{
	(void)pane;
	if (!cv.open)
		return;
	int y = a->lay.body.y + row, x = a->lay.body.x + col;
	struct rect s = strip_rect(a);
	if (in_rect(s, y, x)) {
		cv.focus = 0;
		size_t i = cv.top + (size_t)(y - s.y - 1);
		if (y > s.y && i < cv.n) {
			cv.sel = i;
			off_heading(true);
			sync_texts(a);
		}
		return;
	}
	for (int side = 0; side < 2; side++)
		if ((wide(a) || side == cv.shown) && in_rect(text_rect(a, side), y, x))
			cv.focus = side + 1;
}

static int compare_focus(const struct app *a)
{
	(void)a;
	return cv.focus ? 0 : 1;
}

static void compare_cursor(struct app *a, int *y, int *x)
{
	struct rect r = strip_rect(a);
	*y = r.y + 1 + (int)(cv.sel - cv.top);
	*x = r.x;
}

static void compare_title(struct app *a, int y, int x, int w, attr_t at)
{
	const struct readout *ra = &a->corpus.readouts[cv.ri[0]], *rb = &a->corpus.readouts[cv.ri[1]];
	char buf[600];
	snprintf(buf, sizeof(buf), "compare %s ~ %s%s%s", ra->id, rb->id, ra->event && !cv.guess ? " · event " : "",
	         ra->event && !cv.guess ? ra->event : cv.guess ? " · likely" : "");
	char *clean = sanitize_dup(buf, strlen(buf), 0);
	draw_str(y, x, w - x, clean, at);
	free(clean);
}

static void compare_status(const struct app *a, char *buf, size_t size)
{
	(void)a;
	size_t rows = 0, at = 0;
	for (size_t i = 0; i < cv.n; i++)
		if (!cv.rows[i].heading) {
			rows++;
			if (i <= cv.sel)
				at = rows;
		}
	snprintf(buf, size, " row %zu/%zu · %zu paired · %zu only in A · %zu only in B%s", at, rows, cv.cmp.paired,
	         cv.cmp.only_a, cv.cmp.only_b, cv.n_cands > 1 ? " · } next account" : "");
}

static size_t *compare_find_row(struct app *a)
{
	(void)a;
	return &cv.sel;
}

static bool compare_find(struct app *a, bool forward, bool from_here)
{
	size_t n = cv.n;
	if (!a->list_fold || !n)
		return false;
	for (size_t k = from_here ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (cv.sel + k) % n : (cv.sel + n - k % n) % n;
		char buf[700];
		row_text(a, &cv.rows[i], buf, sizeof(buf));
		char *f = fold_dup(buf, strlen(buf));
		bool yes = strstr(f, a->list_fold) != NULL;
		free(f);
		if (yes) {
			cv.sel = i;
			list_reveal(cv.sel, &cv.top, n, strip_rect(a).h - 1);
			sync_texts(a);
			return true;
		}
	}
	return false;
}

static void compare_back(struct app *a)
{
	a->view = a->prev_view == VIEW_COMPARE ? VIEW_NAV : a->prev_view;
}

static void compare_rebuild(struct app *a, enum view_change why)
{
	(void)why;
	if (!cv.open)
		return;
	build(a);
	sync_texts(a);
}

static void compare_close(struct app *a)
{
	(void)a;
	free_rows();
	wrap_free(&cv.wrap[0]);
	wrap_free(&cv.wrap[1]);
	memset(&cv, 0, sizeof(cv));
}

const struct view_ops compare_view = {
	.name = "compare", .focus = compare_focus, .draw = compare_draw, .action = compare_action,
	.cursor = compare_cursor, .title = compare_title, .status = compare_status, .find_row = compare_find_row,
	.find = compare_find, .back = compare_back, .rebuild = compare_rebuild, .close = compare_close,
	.click = compare_click,
};
