/* visual.c - selecting text in the reader, to create a position or to
 * widen or narrow one.  The selection moves by character (grapheme
 * cluster), word and sentence (bounds.h), never splitting a cluster; its
 * keys come from the SELECT_KEYS table (actions.h), which also feeds the
 * help screen. */
#include "app.h"
#include "bounds.h"
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static void move_sel(struct app *a, enum select_key k)
{
	const struct readout *r = &a->corpus.readouts[a->cur];
	const char *s = app_text(a, a->cur);
	size_t n = r->text_bytes, st = a->vis_s, en = a->vis_e;
	switch (k) {
	case SEL_END_NEXT_CHAR: en = bound_next_char(s, n, en); break;
	case SEL_END_PREV_CHAR: en = bound_prev_char(s, n, en); break;
	case SEL_END_NEXT_WORD: en = bound_next_word_end(s, n, en); break;
	case SEL_END_PREV_WORD: en = bound_prev_word_start(s, n, en); break;
	case SEL_END_NEXT_SENT: en = bound_sentence_end(s, n, en); break;
	case SEL_END_PREV_SENT: en = bound_prev_sentence_end(s, n, en); break;
	case SEL_END_NEXT_LINE: en = reader_line_below(a, en, true); break;
	case SEL_END_PREV_LINE: en = reader_line_below(a, en, false); break;
	case SEL_START_PREV_CHAR: st = bound_prev_char(s, n, st); break;
	case SEL_START_NEXT_CHAR: st = bound_next_char(s, n, st); break;
	case SEL_START_PREV_WORD: st = bound_prev_word_start(s, n, st); break;
	case SEL_START_NEXT_WORD: st = bound_next_word_start(s, n, st); break;
	case SEL_START_PREV_SENT: st = bound_sentence_start(s, n, st > 0 ? bound_prev_char(s, n, st) : 0); break;
	case SEL_START_NEXT_SENT: {
		size_t e = bound_sentence_end(s, n, st);
		while (e < n && (s[e] == ' ' || s[e] == '\n'))
			e++;
		st = e;
		break;
	}
	default: break;
	}
	if (en < st) /* the end never passes the start: keep them together */
		en = st;
	a->vis_s = st;
	a->vis_e = en;
	s = app_text(a, a->cur); /* line_below asked for it too */
	reader_goto_byte(a, en > st ? bound_prev_char(s, n, en) : en);
}

static size_t cp_of(struct app *a, size_t b)
{
	return u8_mbsnlen((const uint8_t *)app_text(a, a->cur), b);
}

static bool finish(struct app *a, long pos)
{
	size_t ri = a->cur;
	const struct readout *r = &a->corpus.readouts[ri];
	size_t cs = cp_of(a, a->vis_s), ce = cp_of(a, a->vis_e);
	if (ce <= cs) {
		app_message(a, true, "the selection is empty: extend it with l, w or )");
		return false;
	}
	if (pos >= 0) {
		if (!app_may_edit(a, ri))
			return true;
		bool ch = edit_span(&a->hist, ri, (size_t)pos, cs, ce);
		app_message(a, false, ch ? "span of %s: characters %zu-%zu" : "span of %s unchanged",
		            r->positions[pos].id, cs, ce);
		a->sel = pos;
		app_refilter(a);
		reader_select(a, pos, true);
		return true;
	}
	/* a new position: who says it? */
	uint32_t *sp;
	size_t made;
	long m = pick_entities(a, ri, ENT_SPEAKER, false,
	                       "Speaker of the new position: Enter picks; type a new name to create one", NULL, 0,
	                       app_may_edit, &sp, &made);
	if (m < 0)
		return m == -2; /* cancelled: back to the selection */
	if (m != 1) {
		free(sp);
		return false;
	}
	long np = edit_create(&a->hist, ri, sp[0], cs, ce);
	r = &a->corpus.readouts[ri];
	app_message(a, false, "new position %s by %s (e writes its summary, z sets its stance)",
	            np >= 0 ? r->positions[np].id : "?", RO_SPEAKERS(r)[sp[0]].label);
	free(sp);
	a->sel = np;
	app_refilter(a);
	if (np >= 0)
		reader_select(a, np, true);
	return true;
}

void visual_run(struct app *a, long pos)
{
	const struct readout *r = &a->corpus.readouts[a->cur];
	if (!corpus_text(&a->corpus, a->cur)) {
		app_message(a, true, "%s", corpus_text_error(&a->corpus));
		return;
	}
	reader_prepare(a);
	if (pos >= 0) {
		a->vis_s = r->positions[pos].span.bstart;
		a->vis_e = r->positions[pos].span.bend;
	} else {
		/* from the cursor line's start to the end of its sentence */
		a->vis_s = a->text_cur;
		const char *text = app_text(a, a->cur);
		while (a->vis_s < r->text_bytes && (text[a->vis_s] == ' ' || text[a->vis_s] == '\n'))
			a->vis_s++;
		a->vis_e = bound_sentence_end(text, r->text_bytes, a->vis_s);
	}
	a->vis = true;
	a->vis_pos = pos;
	for (;;) {
		char q[256];
		snprintf(q, sizeof(q), "-- %s -- %zu characters  l/h w/b )/( j/k end, H/L B/W {/} start, Enter %s, Esc cancels ",
		         pos >= 0 ? "SPAN" : "SELECT", cp_of(a, a->vis_e) - cp_of(a, a->vis_s), pos >= 0 ? "applies" : "creates");
		int key = ask_key(a, q);
		if (key < 0 && keys_interrupted()) { /* C-c: as Esc, parley stays */
			app_message(a, false, "selection cancelled");
			break;
		}
		if (key < 0)
			break;
		enum select_key k = (enum select_key)mode_key(select_info, SEL_COUNT, key);
		if (k == SEL_CANCEL) {
			app_message(a, false, "selection cancelled");
			break;
		}
		if (k == SEL_DONE) {
			a->vis = false;
			if (finish(a, pos))
				break;
			a->vis = true;
			continue;
		}
		if (k != SEL_NONE)
			move_sel(a, k);
	}
	a->vis = false;
}
