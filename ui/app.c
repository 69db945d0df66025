/* app.c - the browser's state and what every part of it calls: messages
 * and notes, readout texts and labels, opening a readout, the table of
 * views, the corpus growing while it loads, and freeing it all. */
#include "app.h"
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The views, by enum view (view.h). */
static const struct view_ops *const views[VIEW_COUNT] = {
	[VIEW_NAV] = &nav_view,
	[VIEW_READER] = &reader_view,
	[VIEW_LINES] = &lines_view,
};

const struct view_ops *view_ops(const struct app *a)
{
	return views[a->view];
}

void view_enter(struct app *a, enum view v)
{
	if (a->view != v && !views[a->view]->overlay)
		a->prev_view = a->view;
	a->view = v;
}

void app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = error;
	if (!a->msg[0])
		return;
	/* kept for :messages, the oldest going first */
	if (a->n_past < MSG_KEEP) {
		grow(&a->past, &a->cap_past, a->n_past + 1, sizeof(*a->past));
		a->past[a->n_past++] = (struct past_msg){ xstrdup(a->msg), error, (long long)time(NULL) };
	} else {
		free(a->past[a->past_at].text);
		a->past[a->past_at] = (struct past_msg){ xstrdup(a->msg), error, (long long)time(NULL) };
		a->past_at = (a->past_at + 1) % MSG_KEEP;
	}
}

void app_status(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_error = false;
}

void app_note(struct app *a, const char *fmt, ...)
{
	va_list ap;
	char buf[512];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	grow(&a->notes, &a->cap_notes, a->n_notes + 1, sizeof(char *));
	a->notes[a->n_notes++] = xstrdup(buf);
}

const char *app_text(struct app *a, size_t ri)
{
	const char *t = corpus_text(&a->corpus, ri);
	if (t)
		return t;
	const struct readout *r = &a->corpus.readouts[ri];
	char why[600];
	snprintf(why, sizeof(why), "text not shown%s: %s", a->loading ? "" : " (R reloads)",
	         corpus_text_error(&a->corpus));
	if (a->saver.conflict && r->file < a->corpus.n_files)
		a->saver.conflict[r->file] = true;
	app_message(a, true, "%s", why);
	if (a->missing && a->missing_ri == ri && strlen(a->missing) == r->text_bytes)
		return a->missing;
	free(a->missing);
	a->missing_ri = ri;
	a->missing = xmalloc(r->text_bytes + 1);
	memset(a->missing, ' ', r->text_bytes);
	a->missing[r->text_bytes] = '\0';
	/* the reason, cut at a character boundary */
	size_t n = strlen(why);
	if (n > r->text_bytes) {
		n = r->text_bytes;
		while (n && ((unsigned char)why[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(a->missing, why, n);
	return a->missing;
}

const char *app_label(const struct app *a, enum entity_kind k, size_t ri, uint32_t local)
{
	return a->corpus.readouts[ri].ents[k][local].label;
}

void app_refilter(struct app *a)
{
	a->plist_valid = false;
	nav_rebuild(a);
	reader_rebuild_list(a);
}

void app_open_readout(struct app *a, size_t ri, long pos)
{
	if (a->cur != ri || !view_ops(a)->shows_readout) {
		a->cur = ri;
		a->text_cur = a->text_top = 0;
		a->sel = -1;
		a->text_fold_valid = false;
		a->rhits_valid = false;
	}
	view_enter(a, VIEW_READER);
	reader_rebuild_list(a);
	reader_prepare(a);
	if (pos < 0 && !filter_is_empty(&a->filter))
		for (size_t i = 0; i < a->n_plist && pos < 0; i++)
			if (a->plist[i].readout == ri)
				pos = (long)a->plist[i].position; /* its first match */
	if (pos >= 0)
		reader_select(a, pos, true);
	else if (a->sel < 0 && a->n_order)
		reader_select(a, (long)a->order[0], false);
	for (size_t i = 0; i < a->n_nav; i++)
		if (a->nav[i] == ri)
			a->nav_sel = i;
}

/* Editing starts on the app's corpus, now complete. */
void app_start_editing(struct app *a)
{
	history_init(&a->hist, &a->corpus, &a->facets, a->user);
	saver_init(&a->saver, &a->corpus);
	a->hist.listen = journal_listener(&a->journal);
}

/* More readouts arrived: the lists show them, keeping their places.  The
 * facet rows are sorted by count again: a facet the user moved to stays
 * under the cursor, wherever it goes; else the cursor stays on the top. */
void app_corpus_grew(struct app *a)
{
	size_t nav_top = a->nav_top, frow_top = a->frow_top;
	bool had = a->frows && a->frow_moved && a->frow_sel < a->n_frows;
	struct facet_row fsel = had ? a->frows[a->frow_sel] : (struct facet_row){ 0, 0 };
	free(a->frows);
	a->frows = NULL;
	a->n_frows = 0;
	nav_rebuild(a);
	a->nav_top = nav_top;
	if (!filter_is_empty(&a->filter)) {
		/* the corpus-wide matches of the filter grew too */
		size_t p_top = a->p_top;
		a->plist_valid = false;
		reader_rebuild_list(a);
		a->p_top = p_top;
	}
	if (had) {
		a->frow_top = frow_top;
		for (size_t i = 0; i < a->n_frows; i++)
			if (a->frows[i].kind == fsel.kind && a->frows[i].idx == fsel.idx)
				a->frow_sel = i;
	}
}

void app_free(struct app *a)
{
	journal_free(&a->journal);
	saver_free(&a->saver);
	history_free(&a->hist);
	for (size_t i = 0; i < a->n_graveyard; i++)
		arena_free(&a->graveyard[i]);
	free(a->graveyard);
	lines_free(a);
	free(a->nav);
	free(a->frows);
	free(a->plist);
	free(a->order);
	free(a->search_fold);
	free(a->list_fold);
	folded_free(&a->text_fold);
	wrap_free(&a->wrap);
	for (size_t i = 0; i < a->n_notes; i++)
		free(a->notes[i]);
	free(a->notes);
	for (size_t i = 0; i < a->n_past; i++)
		free(a->past[i].text);
	free(a->past);
	free(a->missing);
	filter_clear(&a->filter);
	facets_free(&a->facets);
	corpus_free(&a->corpus);
	keymap_free(&a->keys);
}
