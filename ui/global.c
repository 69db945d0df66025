/* global.c - the actions every view shares, when the view has not taken
 * the key: quitting and going back, the help, problems and messages, the
 * filter pickers, the readouts' order, searching (the open readout's text,
 * or the list where the user is, view.h; / then Enter repeats the last,
 * and every search is kept for Up and Down at the prompt: searchhist.h),
 * searching every text, stepping through hits and matches (round the end
 * with one message, search_wrapped), clearing, redrawing. */
#include "app.h"
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* --- searching a list (/ in the navigator and the line lists) ----------- */

static bool list_step(struct app *a, bool forward, bool from_here)
{
	return view_ops(a)->find(a, forward, from_here);
}

static void set_list_search(struct app *a, const char *text)
{
	free(a->list_fold);
	snprintf(a->list_search, sizeof(a->list_search), "%s", text);
	a->list_fold = fold_dup_some(text, strlen(text));
	a->list_view = a->view;
}

static size_t list_from; /* where an incremental list search started */

static size_t *list_cursor(struct app *a);

/* n, N in a list: the next (previous) row with the search, round the end
 * with a message. */
static void step_wrapped(struct app *a, bool forward)
{
	size_t was = *list_cursor(a);
	if (!list_step(a, forward, false))
		app_message(a, true, "not found in this list: %s", a->list_search);
	else if (forward ? *list_cursor(a) <= was : *list_cursor(a) >= was)
		search_wrapped(a, forward, NULL);
}

static size_t *list_cursor(struct app *a)
{
	return view_ops(a)->find_row(a);
}

static void list_search_changed(struct app *a, const char *text)
{
	set_list_search(a, text);
	*list_cursor(a) = list_from;
	if (a->list_fold)
		list_step(a, true, true);
	app_draw(a);
	refresh();
}

/* / then Enter on an empty line: the last search again (as less and vi),
 * into buf; false with a message when there is none. */
static bool repeat_search(struct app *a, char *buf, size_t size)
{
	const char *last = searchhist_last(&a->searches);
	if (!last) {
		app_message(a, true, "no earlier search to repeat");
		return false;
	}
	snprintf(buf, size, "%s", last);
	return true;
}

static void do_list_search(struct app *a)
{
	char buf[256] = "", was[sizeof(a->list_search)];
	/* the search in force, kept if the prompt is cancelled (as vi, less) */
	snprintf(was, sizeof(was), "%s", a->list_fold && a->list_view == a->view ? a->list_search : "");
	list_from = *list_cursor(a);
	if (!prompt_run(a, "/", buf, sizeof(buf), list_search_changed)) {
		set_list_search(a, was);
		*list_cursor(a) = list_from;
		return;
	}
	if (!*buf) {
		/* the last search again, from the row after this one */
		if (!repeat_search(a, buf, sizeof(buf)))
			return;
		set_list_search(a, buf);
		if (a->list_fold)
			step_wrapped(a, true);
		return;
	}
	searchhist_add(&a->searches, buf);
	if (a->list_fold && !list_step(a, true, true)) {
		*list_cursor(a) = list_from; /* where it was, not where a shorter prefix matched */
		app_message(a, true, "not found in this list: %s", a->list_search);
	} else if (a->list_fold && *list_cursor(a) < list_from) {
		search_wrapped(a, true, NULL); /* its first row with it is above where it began */
	}
}

static void do_search(struct app *a)
{
	if (view_ops(a)->find) {
		do_list_search(a);
		return;
	}
	if (!view_ops(a)->shows_readout)
		return;
	char buf[256] = "", was[sizeof(a->search)];
	/* a search of this text: n and N no longer follow F's list; but the
	 * search in force (and F's list) stays if the prompt is cancelled,
	 * as in vi and less */
	snprintf(was, sizeof(was), "%s", a->search_fold ? a->search : "");
	struct hit *was_hits = a->fhits;
	size_t was_n = a->n_fhits;
	a->fhits = NULL;
	a->n_fhits = 0;
	struct place saved = { a->cur, a->text_cur, a->text_top, a->sel, true };
	size_t saved_at = a->hit_at, saved_ri = a->hit_ri;
	bool saved_set = a->hit_set;
	if (!prompt_run(a, "/", buf, sizeof(buf), app_set_search)) {
		app_set_search(a, was);
		reader_keep_hits(a, was_hits, was_n);
		free(was_hits);
		reader_put_back(a, &saved);
		a->hit_at = saved_at;
		a->hit_ri = saved_ri;
		a->hit_set = saved_set;
		return;
	}
	free(was_hits);
	if (!*buf) {
		/* the last search again, on to its next hit (as n) */
		if (!repeat_search(a, buf, sizeof(buf)))
			return;
		bool same = a->search_fold && strcmp(a->search, buf) == 0;
		app_set_search(a, buf);
		if (same && !reader_search_next(a, true, 1, false))
			app_message(a, true, "no more hits for: %s", a->search);
		else if (!same && a->search_fold && !reader_search_step(a, true, true))
			app_message(a, true, "not found in this readout: %s (n searches the next readouts)", a->search);
		return;
	}
	searchhist_add(&a->searches, buf);
	if (a->search_fold && !reader_search_step(a, true, true)) {
		reader_put_back(a, &saved); /* not where a shorter prefix matched */
		app_message(a, true, "not found in this readout: %s (n searches the next readouts)", a->search);
	} else if (a->search_fold && a->text_cur < saved.text_cur)
		/* no hit after where the search began: the first one above it
		 * (as vim says "search hit BOTTOM, continuing at TOP") */
		search_wrapped(a, true, "on from the start of this readout");
}

static void do_search_corpus(struct app *a)
{
	char buf[256] = "";
	if (!prompt_run(a, "find in corpus: ", buf, sizeof(buf), NULL))
		return;
	if (!*buf && !repeat_search(a, buf, sizeof(buf)))
		return;
	searchhist_add(&a->searches, buf);
	app_set_search(a, buf);
	lines_open_hits(a, buf);
}

void global_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		a->quit = review_confirm_quit(a);
		break;
	case ACT_BACK:
		if (view_ops(a)->back)
			view_ops(a)->back(a);
		else
			a->quit = review_confirm_quit(a);
		break;
	case ACT_HELP:
		lines_open(a, LINES_HELP);
		break;
	case ACT_PROBLEMS:
		lines_open(a, LINES_PROBLEMS);
		break;
	case ACT_INFO:
		info_open(a);
		break;
	case ACT_COMPARE:
		compare_open(a);
		break;
	case ACT_COUNTERPART:
		compare_counterpart(a);
		break;
	case ACT_FILTER_EVENT: {
		if (!a->corpus.n_readouts)
			break;
		if (a->filter.n_events) {
			filter_clear_events(&a->filter);
			app_refilter(a);
			app_message(a, false, "every event's readouts again");
			break;
		}
		const struct readout *r = &a->corpus.readouts[view_ops(a)->shows_readout || !a->n_nav ? a->cur : a->nav[a->nav_sel]];
		if (!r->event) {
			app_message(a, false, "this readout has no event (C compares it with a likely account; L there ties them)");
			break;
		}
		filter_add_event(&a->filter, r->event);
		app_refilter(a);
		app_message(a, false, "the accounts of this meeting (& again: all readouts)");
		break;
	}
	case ACT_LINK:
		app_message(a, false, "L ties two accounts in the compare view (C)");
		break;
	case ACT_TIMELINE:
		timeline_open(a);
		break;
	case ACT_MESSAGES:
		lines_open(a, LINES_MESSAGES);
		break;
	case ACT_PICK_SPEAKER:
		picker_run(a, ENT_SPEAKER);
		break;
	case ACT_PICK_TOPIC:
		picker_run(a, ENT_TOPIC);
		break;
	case ACT_PICK_AGREEMENT:
		picker_run(a, ENT_AGREEMENT);
		break;
	case ACT_PICK_LANG:
		metafilter_pick_lang(a);
		break;
	case ACT_PICK_KIND:
		metafilter_pick_kind(a);
		break;
	case ACT_PICK_DATES:
		metafilter_dates(a);
		break;
	case ACT_TOGETHER:
		metafilter_toggle_together(a);
		break;
	case ACT_SORT:
		a->nav_order = (enum readout_order)((a->nav_order + 1) % ORDER_COUNT);
		app_refilter(a);
		app_message(a, false, "readouts by %s%s", readout_order_names[a->nav_order],
		            a->nav_order == ORDER_DATE ? ", newest first" : "");
		break;
	case ACT_SEARCH:
		do_search(a);
		break;
	case ACT_SEARCH_CORPUS:
		do_search_corpus(a);
		break;
	case ACT_CLEAR:
		if (view_ops(a)->find && a->list_fold && a->view == a->list_view) {
			set_list_search(a, "");
			app_message(a, false, "search cleared");
		} else if (a->search_fold) {
			app_set_search(a, "");
			app_message(a, false, "search cleared");
		} else if (!filter_is_empty(&a->filter)) {
			bool together = a->filter.all_speakers; /* a mode, not a filter */
			filter_clear(&a->filter);
			a->filter.all_speakers = together;
			app_refilter(a);
			app_message(a, false, "filters cleared");
		}
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH: {
		/* a count (5n): the hits counted in one search (bounded, stopping
		 * where it wraps); rows and matches stepped one at a time */
		unsigned long k = a->step_count ? a->step_count : 1;
		a->step_count = 0;
		bool forward = act == ACT_NEXT_MATCH;
		if (view_ops(a)->find && a->list_fold && a->view == a->list_view) {
			for (unsigned long i = 0; i < k && !(a->msg[0] && a->msg_error); i++)
				step_wrapped(a, forward);
		} else if (a->search_fold) {
			/* from the navigator: from the start (end) of its readout;
			 * F's list goes on from where it was (view_reader.c) */
			bool edge = !view_ops(a)->shows_readout && !a->n_fhits;
			if (edge && a->corpus.n_readouts)
				app_open_readout(a, a->n_nav ? a->nav[a->nav_sel] : 0, -1);
			if (!reader_search_next(a, forward, k, edge))
				app_message(a, true, "no more hits for: %s", a->search);
		} else if (a->n_plist && !filter_is_empty(&a->filter)) {
			for (unsigned long i = 0; i < k && !(a->msg[0] && a->msg_error); i++) {
				if (!view_ops(a)->shows_readout)
					app_open_readout(a, a->plist[a->p_sel].readout, (long)a->plist[a->p_sel].position);
				else
					reader_step_match(a, forward);
			}
		} else {
			app_message(a, true, "nothing to step through: search with / or set a filter with s, t, a");
		}
		break;
	}
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

