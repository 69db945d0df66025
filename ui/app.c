/* app.c - the browser's state and what every part of it calls: messages
 * and notes, readout texts and labels, the views through their table
 * (going to one, opening a readout, their lists again when the filter
 * changed or the corpus grew), the guard before an edit, and freeing it
 * all.  It calls no view by name. */
#include "app.h"
#include "view.h"

#include <stdarg.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct view_ops *view_ops(const struct app *a)
{
	return a->views[a->view];
}

void view_enter(struct app *a, enum view v)
{
	if (a->view != v && !a->views[a->view]->overlay)
		a->prev_view = a->view;
	if (v == VIEW_READER && a->view != VIEW_READER)
		a->reader_from = a->view;
	a->view = v;
}

void search_wrapped(struct app *a, bool forward, const char *fmt, ...)
{
	char detail[512] = "";
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(detail, sizeof(detail), fmt, ap);
		va_end(ap);
	}
	app_message(a, false, "search wrapped to the %s%s%s", forward ? "top" : "bottom", *detail ? ": " : "", detail);
}

const char *app_unread(const struct app *a, char *buf, size_t size, bool brief)
{
	size_t sk = a->corpus.n_skipped, io = a->corpus.n_io_errors;
	char s[48] = "", u[48] = "";
	if (sk)
		snprintf(s, sizeof(s), "%zu%s skipped", sk, brief ? "" : sk == 1 ? " readout" : " readouts");
	if (io)
		snprintf(u, sizeof(u), "%zu%s unreadable", io, brief ? "" : io == 1 ? " path" : " paths");
	snprintf(buf, size, "%s%s%s", s, sk && io ? ", " : "", u);
	return buf;
}

const char *app_matched(const struct app *a, char *buf, size_t size)
{
	/* (without a filter the list is the open readout's positions: every
	 * position of the corpus matches) */
	size_t np = filter_is_empty(&a->filter) ? corpus_n_positions(&a->corpus) : a->n_plist;
	snprintf(buf, size, "%zu readout%s, %zu position%s", a->n_nav, a->n_nav == 1 ? "" : "s", np, np == 1 ? "" : "s");
	return buf;
}

void app_say_filter(struct app *a, bool on, const char *name)
{
	size_t n = filter_count(&a->filter), ns = a->filter.ents[ENT_SPEAKER].n;
	char more[80] = "";
	if (n > (on ? 1u : 0u))
		snprintf(more, sizeof(more), " (%zu filter%s %s%s)", n, n == 1 ? "" : "s", on ? "on" : "still on",
		         ns < 2 ? "" : a->filter.all_speakers ? ", all the speakers together" : ", either speaker");
	char m[96];
	app_message(a, false, "%s %s%s: %s match", on ? "filter on" : "filter off", name, more, app_matched(a, m, sizeof(m)));
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

static void refresh_views(struct app *a, enum view_change why)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (a->views[v]->rebuild)
			a->views[v]->rebuild(a, why);
}

void app_refilter(struct app *a)
{
	a->plist_valid = false;
	refresh_views(a, VIEW_FILTER);
}

void app_open_readout(struct app *a, size_t ri, long pos)
{
	bool showing = view_ops(a)->shows_readout;
	struct place was = a->left;
	if (showing && a->cur != ri && a->cur < a->corpus.n_readouts)
		a->left = (struct place){ a->cur, a->text_cur, a->text_top, a->sel, true };
	if (a->cur != ri || !showing) {
		a->cur = ri;
		a->text_cur = a->text_top = 0;
		a->sel = -1;
	}
	/* the readout left for another, opened again: where it was (the
	 * reader's open puts it back) */
	a->reopen = pos < 0 && showing && was.set && was.ri == ri ? was : (struct place){ 0 };
	view_enter(a, VIEW_READER);
	a->views[VIEW_READER]->open(a, pos);
	a->reopen.set = false;
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

bool app_may_edit(struct app *a, size_t ri)
{
	const struct corpus_file *f = &a->corpus.files[a->corpus.readouts[ri].file];
	if (a->read_only) {
		app_message(a, true, "read-only: started with --read-only");
		return false;
	}
	/* a draft: its NAME.json is to be made in the text's directory */
	char *dir = NULL;
	if (f->draft_json) {
		const char *slash = strrchr(f->path, '/');
		dir = slash ? xstrndup(f->path, slash == f->path ? 1 : (size_t)(slash - f->path)) : xstrdup(".");
	}
	if (access(dir ? dir : f->path, W_OK) != 0) {
		app_message(a, true, "%s is read-only", dir ? dir : f->path);
		free(dir);
		return false;
	}
	free(dir);
	size_t nd = a->corpus.diags.n;
	if (!save_snapshot(&a->saver, ri, &a->corpus.diags)) {
		app_message(a, true, "%s", a->corpus.diags.n > nd ? a->corpus.diags.v[a->corpus.diags.n - 1].text
		                                                   : "cannot edit this readout");
		return false;
	}
	edit_begin(&a->hist);
	return true;
}

/* More readouts arrived: the lists show them, keeping their places. */
void app_corpus_grew(struct app *a)
{
	refresh_views(a, VIEW_GREW);
}

void app_free(struct app *a)
{
	journal_free(&a->journal);
	searchhist_free(&a->searches);
	if (a->lx_state > 0)
		lexicon_free(&a->lx);
	saver_free(&a->saver);
	history_free(&a->hist);
	for (size_t i = 0; i < a->n_graveyard; i++)
		arena_free(&a->graveyard[i]);
	free(a->graveyard);
	for (int v = 0; a->views && v < VIEW_COUNT; v++)
		if (a->views[v]->close)
			a->views[v]->close(a);
	free(a->nav);
	order_keys_free(&a->nav_keys);
	facet_counts_free(&a->fcounts);
	event_index_free(&a->ev);
	free(a->frows);
	free(a->plist);
	free(a->order);
	free(a->search_fold);
	free(a->list_fold);
	free(a->rhits);
	free(a->fhits);
	free(a->miss_fold);
	wrap_view_free(&a->wrap);
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
