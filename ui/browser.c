/* browser.c - `parley [OPTION]... [PATH]...`: the ncurses browser.
 *
 * Loads the corpus, reads the config and theme, then runs one loop: draw the
 * current view, the title and status lines; read a key; look up its action
 * in the key map; let the view handle it, else handle it here.  Signals only
 * set a flag (see the loop).  When standard output is not a terminal, or the
 * terminal cannot address the cursor (TERM=dumb), the readouts are listed as
 * plain text instead.
 */
#include "config.h"
#include "app.h"
#include "settings.h"
#include "cells.h"
#include "commands.h"
#include "datadir.h"
#include "output.h"
#include "sanitize.h"

#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <pwd.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

struct loader_job {
	char *const *paths;
	size_t n;
	const char *lang;          /* the labels' language, for the facets */
	struct corpus corpus;      /* the loader's (with take: files, diagnostics, stubs) */
	struct facets facets;      /* without take */
	size_t total, done;
	int finished;
	/* take: readouts are handed over as they load (take_readout), the
	 * app's thread adds them to its corpus (absorb) */
	bool take;
	int cancel;                /* the app quits: stop loading */
	pthread_mutex_t mu;
	struct readout *pending;
	size_t n_pending, cap_pending;
	struct corpus_file *files; /* copies of the files of those, in order */
	size_t n_files, cap_files, files_sent;
};

static void on_signal(int sig)
{
	got_signal = sig;
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
	if (a->cur != ri || a->view != VIEW_READER) {
		a->cur = ri;
		a->text_cur = a->text_top = 0;
		a->sel = -1;
		a->text_fold_valid = false;
		a->rhits_valid = false;
	}
	if (a->view != VIEW_READER) {
		a->prev_view = a->view == VIEW_LINES ? a->prev_view : a->view;
		a->view = VIEW_READER;
	}
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

/* --- title and status lines ------------------------------------------- */

static void draw_title(struct app *a)
{
	struct rect r = a->lay.title;
	attr_t at = theme_attr(EL_TITLE);
	draw_fill(r.y, 0, r.w, at);
	int x = draw_str(r.y, 0, r.w, " parley ", at | A_BOLD);
	if (a->view == VIEW_READER && a->corpus.n_readouts) {
		/* the title, then its date, place, kind and language: as much of
		 * them as leaves the title room, at the right, never glued to a
		 * title that had to be cut */
		const struct readout *ro = &a->corpus.readouts[a->cur];
		const char *title = ro->title ? ro->title : ro->id;
		const char *kind = ro->kind >= 0 ? readout_kind_names[ro->kind] : NULL;
		const char *parts[4][4] = {
			{ ro->date, ro->place, kind, ro->lang },
			{ ro->date, kind, NULL, NULL },
			{ ro->date, NULL, NULL, NULL },
			{ NULL, NULL, NULL, NULL },
		};
		int tw = cells_width(title, strlen(title), 0), room = r.w - x;
		char meta[512];
		for (int v = 0; v < 4; v++) {
			size_t len = 0;
			meta[0] = '\0';
			for (int i = 0; i < 4; i++)
				if (parts[v][i] && *parts[v][i] && len < sizeof(meta) - 1) {
					int w = snprintf(meta + len, sizeof(meta) - len, "%s%s", len ? " · " : "", parts[v][i]);
					len = w < 0 ? len : len + (size_t)w < sizeof(meta) ? len + (size_t)w : strlen(meta);
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
		x += draw_str(r.y, x, title_w, title, at);
		if (mw && x + 2 + mw <= r.w)
			draw_str(r.y, x + (tw > title_w ? r.w - x - mw : 2), mw, meta, at);
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
		size_t np = 0;
		for (size_t i = 0; i < a->corpus.n_readouts; i++)
			np += a->corpus.readouts[i].n_positions;
		snprintf(buf, sizeof(buf), "%zu readout%s, %zu positions, %zu speakers, %zu topics, %zu agreements",
		         a->corpus.n_readouts, a->corpus.n_readouts == 1 ? "" : "s", np,
		         a->facets.n[ENT_SPEAKER], a->facets.n[ENT_TOPIC], a->facets.n[ENT_AGREEMENT]);
		draw_str(r.y, x, r.w - x, buf, at);
	}
}

static size_t filter_desc(struct app *a, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	static const char *const kn[ENT_KINDS] = { "speaker", "topic", "agreement" };
	for (int k = 0; k < ENT_KINDS; k++)
		for (size_t i = 0; i < a->filter.ents[k].n; i++) {
			const struct facet *f = &a->facets.v[k][a->filter.ents[k].v[i]];
			int w = snprintf(buf + len, size - len, "%s%s:%s", len ? " " : "", kn[k], f->label);
			if (w < 0 || (size_t)w >= size - len)
				return len;
			len += (size_t)w;
		}
	return len;
}

static void draw_status(struct app *a)
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
		char left[512], filt[300];
		size_t pend = 0, acc = 0, rej = 0;
		if (a->view == VIEW_READER && a->corpus.n_readouts) {
			const struct readout *ro = &a->corpus.readouts[a->cur];
			for (size_t i = 0; i < ro->n_positions; i++) {
				enum review rv = ro->positions[i].review;
				pend += rv == REVIEW_PENDING;
				acc += rv == REVIEW_ACCEPTED;
				rej += rv == REVIEW_REJECTED;
			}
			snprintf(left, sizeof(left), " %s · ?%zu +%zu x%zu", ro->id, pend, acc, rej);
		} else if (a->view == VIEW_LINES && a->lines_kind == LINES_HITS) {
			snprintf(left, sizeof(left), " hit %zu of %zu", a->n_lines > 1 ? a->l_sel : 0, a->n_lines - 1);
		} else if (a->view == VIEW_LINES) {
			snprintf(left, sizeof(left), " %zu/%zu", a->n_lines ? a->l_sel + 1 : 0, a->n_lines);
		} else {
			snprintf(left, sizeof(left), " %zu/%zu readouts", a->n_nav ? a->nav_sel + 1 : 0, a->n_nav);
		}
		/* the filters first: they change what every pane shows */
		if (filter_desc(a, filt, sizeof(filt))) {
			x += draw_str(r.y, x, avail - x, " ", at);
			x += draw_str(r.y, x, avail / 2 - x > 10 ? avail / 2 - x : 10, filt, theme_attr(EL_FILTER));
		}
		if (x + 3 < avail)
			x += draw_str(r.y, x, avail - x, left, at);
		if (a->opened && x + 3 < avail)
			x += draw_str(r.y, x, avail - x, "  [samples]", at | A_BOLD);
		if (a->loading && a->view != VIEW_NAV && x + 3 < avail)
			x += draw_textf(r.y, x, avail - x, at | A_BOLD, "  [loading %zu of %zu files]",
			                __atomic_load_n(a->load_done, __ATOMIC_ACQUIRE),
			                __atomic_load_n(a->load_total, __ATOMIC_ACQUIRE));
		const char *shown_search = a->list_fold && a->view == a->list_view && a->view != VIEW_READER ? a->list_search
		                           : a->search_fold ? a->search : NULL;
		if (shown_search && x + 3 < avail) {
			x += draw_str(r.y, x, avail - x, "  /", at);
			x += draw_str(r.y, x, avail - x, shown_search, at);
		}
		size_t skipped = a->corpus.n_skipped + a->corpus.n_io_errors, warned = a->corpus.diags.count[DIAG_WARN];
		if ((skipped || a->n_notes || warned) && x + 3 < avail) {
			char buf[96];
			if (skipped)
				snprintf(buf, sizeof(buf), "  %zu skipped (E)", skipped);
			else if (a->n_notes)
				snprintf(buf, sizeof(buf), "  %zu problem%s (E)", a->n_notes, a->n_notes == 1 ? "" : "s");
			else
				snprintf(buf, sizeof(buf), "  %zu warning%s (E)", warned, warned == 1 ? "" : "s");
			x += draw_str(r.y, x, avail - x, buf,
			              skipped || a->n_notes ? theme_attr(EL_ERROR) | A_REVERSE : theme_attr(EL_MESSAGE));
		}
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

static void draw_all(struct app *a)
{
	app_draw(a);
	refresh();
}

void app_draw(struct app *a)
{
	erase();
	getmaxyx(stdscr, a->rows, a->cols);
	int focus = a->view == VIEW_NAV ? a->nav_focus : a->focus;
	int share = a->view == VIEW_NAV ? 62 : 58;
	layout_compute(&a->lay, a->rows, a->cols, a->view == VIEW_LINES ? 0 : focus, share);
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
	if (a->view == VIEW_LINES) {
		/* line lists take the whole body */
		a->lay.pane[0] = a->lay.body;
		a->lay.shown[0] = true;
		a->lay.shown[1] = false;
		a->lay.split = SPLIT_SINGLE;
	}
	draw_title(a);
	switch (a->view) {
	case VIEW_NAV:
		nav_draw(a);
		break;
	case VIEW_READER:
		reader_draw(a);
		break;
	case VIEW_LINES:
		lines_draw(a);
		break;
	}
	draw_divider(a);
	draw_status(a);
	int cy = 0, cx = 0;
	if (a->view == VIEW_NAV)
		nav_cursor(a, &cy, &cx);
	else if (a->view == VIEW_READER)
		reader_cursor(a, &cy, &cx);
	else
		lines_cursor(a, &cy, &cx);
	move(cy, cx);
}

/* --- actions every view shares ----------------------------------------- */

static void search_changed(struct app *a, const char *text)
{
	free(a->search_fold);
	a->search_fold = NULL;
	snprintf(a->search, sizeof(a->search), "%s", text);
	if (*text) {
		a->search_fold = fold_dup(text, strlen(text));
		if (!*a->search_fold) {
			free(a->search_fold);
			a->search_fold = NULL;
		}
	}
	if (a->view == VIEW_READER && a->search_fold)
		reader_search_step(a, true, true);
	draw_all(a);
}

/* --- searching a list (/ in the navigator and the line lists) ----------- */

static bool list_step(struct app *a, bool forward, bool from_here)
{
	return a->view == VIEW_NAV ? nav_search_step(a, forward, from_here) : lines_search_step(a, forward, from_here);
}

static void set_list_search(struct app *a, const char *text)
{
	free(a->list_fold);
	a->list_fold = NULL;
	snprintf(a->list_search, sizeof(a->list_search), "%s", text);
	if (*text) {
		a->list_fold = fold_dup(text, strlen(text));
		if (!*a->list_fold) {
			free(a->list_fold);
			a->list_fold = NULL;
		}
	}
	a->list_view = a->view;
}

static size_t list_from; /* where an incremental list search started */

static size_t *list_cursor(struct app *a)
{
	return a->view == VIEW_LINES ? &a->l_sel : a->nav_focus ? &a->frow_sel : &a->nav_sel;
}

static void list_search_changed(struct app *a, const char *text)
{
	set_list_search(a, text);
	*list_cursor(a) = list_from;
	if (a->list_fold)
		list_step(a, true, true);
	draw_all(a);
}

static void do_list_search(struct app *a)
{
	char buf[256] = "";
	list_from = *list_cursor(a);
	if (!prompt_run(a, "/", buf, sizeof(buf), list_search_changed)) {
		set_list_search(a, "");
		*list_cursor(a) = list_from;
		return;
	}
	if (a->list_fold && !list_step(a, true, true))
		app_message(a, true, "not found in this list: %s", a->list_search);
}

static void do_search(struct app *a)
{
	if (a->view != VIEW_READER) {
		do_list_search(a);
		return;
	}
	char buf[256] = "";
	size_t saved_cur = a->text_cur, saved_top = a->text_top;
	long saved_sel = a->sel;
	if (!prompt_run(a, "/", buf, sizeof(buf), search_changed)) {
		search_changed(a, "");
		a->text_cur = saved_cur;
		a->text_top = saved_top;
		if (saved_sel >= 0)
			reader_select(a, saved_sel, false);
		return;
	}
	if (a->search_fold && !reader_search_step(a, true, true))
		app_message(a, true, "not found in this readout: %s (n searches the next readouts)", a->search);
}

static void do_search_corpus(struct app *a)
{
	char buf[256] = "";
	if (!prompt_run(a, "find in corpus: ", buf, sizeof(buf), NULL) || !*buf)
		return;
	search_changed(a, buf);
	lines_open_hits(a, buf);
}

static void global_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		a->quit = review_confirm_quit(a);
		break;
	case ACT_BACK:
		if (a->view == VIEW_READER || a->view == VIEW_LINES) {
			enum view back = a->view == VIEW_LINES ? a->prev_view : VIEW_NAV;
			if (a->view == VIEW_LINES)
				lines_free(a);
			a->view = back;
		} else {
			a->quit = review_confirm_quit(a);
		}
		break;
	case ACT_HELP:
		lines_open(a, LINES_HELP);
		break;
	case ACT_PROBLEMS:
		lines_open(a, LINES_PROBLEMS);
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
	case ACT_SEARCH:
		do_search(a);
		break;
	case ACT_SEARCH_CORPUS:
		do_search_corpus(a);
		break;
	case ACT_CLEAR:
		if (a->list_fold && a->view == a->list_view) {
			set_list_search(a, "");
			app_message(a, false, "search cleared");
		} else if (a->search_fold) {
			search_changed(a, "");
			app_message(a, false, "search cleared");
		} else if (!filter_is_empty(&a->filter)) {
			filter_clear(&a->filter);
			app_refilter(a);
			app_message(a, false, "filters cleared");
		}
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (a->list_fold && a->view == a->list_view && a->view != VIEW_READER) {
			size_t was = *list_cursor(a);
			if (!list_step(a, act == ACT_NEXT_MATCH, false))
				app_message(a, true, "not found in this list: %s", a->list_search);
			else if (act == ACT_NEXT_MATCH ? *list_cursor(a) <= was : *list_cursor(a) >= was)
				app_message(a, false, "search wrapped to the %s", act == ACT_NEXT_MATCH ? "top" : "bottom");
		} else if (a->search_fold) {
			if (a->view != VIEW_READER && a->corpus.n_readouts)
				app_open_readout(a, a->n_nav ? a->nav[a->nav_sel] : 0, -1);
			if (!reader_search_step(a, act == ACT_NEXT_MATCH, false))
				app_message(a, true, "no more hits for: %s", a->search);
		} else if (a->n_plist && !filter_is_empty(&a->filter)) {
			if (a->view != VIEW_READER)
				app_open_readout(a, a->plist[a->p_sel].readout, (long)a->plist[a->p_sel].position);
			else
				reader_step_match(a, act == ACT_NEXT_MATCH);
		} else {
			app_message(a, true, "nothing to step through: search with / or set a filter with s, t, a");
		}
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

/* --- start-up ------------------------------------------------------------ */

static void help(void)
{
	printf("Usage: %s [OPTION]... [PATH]...\n"
	       "Browse annotated readouts: PATH is a .json or .jsonl file or a directory.\n"
	       "With no PATH, the installed sample readouts are opened.\n\n"
	       "  -t, --theme=NAME|PATH  colour theme: default, light, high-contrast, mono,\n"
	       "                         or a theme file\n"
	       "      --no-color         no colours, attributes only (as NO_COLOR=1)\n"
	       "      --read-only        browse only: no key changes a readout\n"
	       "  -h, --help             display this help and exit\n"
	       "  -V, --version          output version information and exit\n\n"
	       "Press ? in the browser for the keys.  See parley(1).\n", progname);
}

static void dump_actions(const char *fmt)
{
	bool man = strcmp(fmt, "man") == 0;
	const char *group = "";
	for (int j = 1; j < ACT_COUNT + SEL_COUNT - 1; j++) {
		const struct action_info *ai = j < ACT_COUNT ? &action_info[j] : &select_info[j - ACT_COUNT + 1];
		if (strcmp(group, ai->group) != 0) {
			group = ai->group;
			printf(man ? ".SS %s\n" : "\n%s\n", group);
		}
		if (man) {
			printf(".TP\n.B ");
			for (const char *k = ai->keys; *k; k++) {
				if (*k == ' ')
					fputs(", ", stdout);
				else if (*k == '\\' || *k == '-')
					printf("\\%c", *k);
				else
					putchar(*k);
			}
			if (j < ACT_COUNT)
				printf("\n%s (\\fI%s\\fR).\n", ai->help, ai->name);
			else
				printf("\n%s.\n", ai->help);
		} else {
			printf("  %-22s %-18s %s\n", ai->keys, ai->name, ai->help);
		}
	}
}

static bool find_samples(char *buf, size_t size)
{
	const char *d = getenv("PARLEY_DATADIR");
	const char *cands[3] = { d && *d ? d : NULL, PARLEY_PKGDATADIR, PARLEY_SRCDIR };
	for (int i = 0; i < 3; i++) {
		struct stat st;
		if (!cands[i])
			continue;
		snprintf(buf, size, "%s/samples", cands[i]);
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
}

static void plain_listing(struct app *a, const char *why)
{
	if (why)
		fprintf(stderr, "%s: %s; listing the readouts instead of browsing\n", progname, why);
	for (size_t i = 0; i < a->corpus.n_readouts; i++) {
		const struct readout *r = &a->corpus.readouts[i];
		size_t done = 0;
		for (size_t p = 0; p < r->n_positions; p++)
			done += r->positions[p].review != REVIEW_PENDING;
		char line[1024];
		snprintf(line, sizeof(line), "%-10s  %-12s  %-40s  %zu/%zu reviewed  %s",
		         r->date ? r->date : "-", r->kind >= 0 ? readout_kind_names[r->kind] : "-", r->id,
		         done, r->n_positions, r->title ? r->title : "");
		char *safe = sanitize_dup(line, strlen(line), 0);
		puts(safe);
		free(safe);
	}
}

/* --- loading in the background ------------------------------------------- */

/* For the tests: PARLEY_TEST_HOLD=FILE holds the loader after its second
 * file until FILE exists, so that the browser can be seen mid-load. */
static void test_hold(const struct loader_job *j)
{
	static const char *hold;
	static bool looked;
	if (!looked) {
		hold = getenv("PARLEY_TEST_HOLD");
		looked = true;
	}
	if (!hold || !*hold || j->files_sent < 2)
		return;
	struct stat st;
	while (stat(hold, &st) != 0 && !__atomic_load_n(&j->cancel, __ATOMIC_ACQUIRE))
		usleep(10000);
	hold = NULL;
}

/* On the loader's thread: a readout loaded, in corpus order. */
static void take_readout(struct readout *r, const struct corpus *c, void *arg)
{
	struct loader_job *j = arg;
	if (r->file >= 2)
		test_hold(j);
	pthread_mutex_lock(&j->mu);
	for (; j->files_sent <= r->file; j->files_sent++) {
		struct corpus_file f = c->files[j->files_sent];
		f.path = xstrdup(f.path);
		grow(&j->files, &j->cap_files, j->n_files + 1, sizeof(*j->files));
		j->files[j->n_files++] = f;
	}
	grow(&j->pending, &j->cap_pending, j->n_pending + 1, sizeof(*j->pending));
	j->pending[j->n_pending++] = *r;
	pthread_mutex_unlock(&j->mu);
}

static void load_corpus(struct loader_job *j)
{
	corpus_init(&j->corpus);
	struct corpus_opts o = { .use_cache = getenv("PARLEY_NO_CACHE") == NULL, .files_total = &j->total,
	                         .files_done = &j->done, .lazy_texts = true,
	                         .take = j->take ? take_readout : NULL, .arg = j, .cancel = &j->cancel };
	corpus_load(&j->corpus, j->paths, j->n, &o);
	if (!j->take)
		facets_build(&j->facets, &j->corpus, j->lang);
}

static void *loader_main(void *arg)
{
	struct loader_job *j = arg;
	load_corpus(j);
	__atomic_store_n(&j->finished, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Editing starts on the app's corpus, now complete. */
static void start_editing(struct app *a)
{
	history_init(&a->hist, &a->corpus, &a->facets, a->user);
	saver_init(&a->saver, &a->corpus);
	a->hist.listen = journal_listener(&a->journal);
}

/* The loaded corpus becomes the app's (a loader without take). */
static void adopt_corpus(struct app *a, struct loader_job *j)
{
	corpus_free(&a->corpus);
	a->corpus = j->corpus;
	a->facets = j->facets;
	free(a->frows); /* the facet rows are made again from the new facets */
	a->frows = NULL;
	a->n_frows = a->frow_sel = a->frow_top = 0;
	start_editing(a);
}

/* The readouts handed over since the last call join the app's corpus and
 * its facets, in corpus order (their indexes are final).  True when some
 * did. */
static bool absorb(struct app *a, struct loader_job *j)
{
	pthread_mutex_lock(&j->mu);
	struct readout *rv = j->pending;
	struct corpus_file *fv = j->files;
	size_t n = j->n_pending, nf = j->n_files;
	j->pending = NULL;
	j->files = NULL;
	j->n_pending = j->cap_pending = j->n_files = j->cap_files = 0;
	pthread_mutex_unlock(&j->mu);
	struct corpus *c = &a->corpus;
	for (size_t i = 0; i < nf; i++) {
		grow(&c->files, &c->cap_files, c->n_files + 1, sizeof(*c->files));
		c->files[c->n_files++] = fv[i];
	}
	for (size_t i = 0; i < n; i++)
		facets_add_readout(&a->facets, c, corpus_append(c, &rv[i]));
	free(rv);
	free(fv);
	return n > 0;
}

/* The loader is done: the last readouts join, and the loader's files
 * (with their final counts), diagnostics and cache figures become the
 * app's. */
static void finish_loading(struct app *a, struct loader_job *j)
{
	absorb(a, j);
	struct corpus *c = &a->corpus, *l = &j->corpus;
	/* dst takes src's array (pointer, count, capacity), src is left empty */
#define TAKE_ARRAY(dst, src, v, n, cap) \
	do { \
		free((dst)->v); \
		(dst)->v = (src)->v, (dst)->n = (src)->n, (dst)->cap = (src)->cap; \
		(src)->v = NULL, (src)->n = (src)->cap = 0; \
	} while (0)
	for (size_t i = 0; i < c->n_files; i++)
		free(c->files[i].path);
	TAKE_ARRAY(c, l, files, n_files, cap_files);
	TAKE_ARRAY(c, l, maps, n_maps, cap_maps);
#undef TAKE_ARRAY
	diags_free(&c->diags);
	c->diags = l->diags;
	memset(&l->diags, 0, sizeof(l->diags));
	c->n_skipped = l->n_skipped;
	c->n_io_errors = l->n_io_errors;
	c->cache_hits = l->cache_hits;
	c->cache_written = l->cache_written;
	corpus_free(l);
	pthread_mutex_destroy(&j->mu);
	start_editing(a);
}

/* More readouts arrived: the lists show them, keeping their places.  The
 * facet rows are sorted by count again: a facet the user moved to stays
 * under the cursor, wherever it goes; else the cursor stays on the top. */
static void corpus_grew(struct app *a)
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

/* The whole corpus is here: what the user should know first. */
static void loaded(struct app *a)
{
	reader_rebuild_list(a);
	if (a->opened)
		app_message(a, false, "%s", a->opened);
	else if (a->corpus.n_skipped || a->corpus.n_io_errors)
		app_message(a, true, "%zu readout%s skipped, %zu path%s unreadable: press E to see why",
		            a->corpus.n_skipped, a->corpus.n_skipped == 1 ? "" : "s", a->corpus.n_io_errors,
		            a->corpus.n_io_errors == 1 ? "" : "s");
	else if (a->n_notes)
		app_message(a, true, "%s (E lists all)", a->notes[0]);
	else if (a->corpus.diags.count[DIAG_WARN])
		app_message(a, false, "every readout loaded, with %zu warning%s: press E to see them",
		            a->corpus.diags.count[DIAG_WARN], a->corpus.diags.count[DIAG_WARN] == 1 ? "" : "s");
	else if (!a->corpus.n_readouts)
		app_message(a, true, "no readouts found");
	/* last: the answer to its question is what the status line says */
	if (!a->read_only)
		review_offer_recovery(a);
}

/* --- measuring (tests/bench): PARLEY_BENCH=FILE gets the times since the
 * start, and with PARLEY_REPLAY=KEYS the time each replayed key took. */

static double start_ms;
static const char *replay_keys;
static double key_started;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void bench_mark(const char *what)
{
	const char *f = getenv("PARLEY_BENCH");
	FILE *fp = f && *f ? fopen(f, "a") : NULL;
	if (fp) {
		fprintf(fp, "%s %.1f\n", what, now_ms() - start_ms);
		fclose(fp);
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static void bench_latency(double *v, size_t n)
{
	const char *f = getenv("PARLEY_BENCH");
	FILE *fp = f && *f ? fopen(f, "a") : NULL;
	if (!fp || !n) {
		if (fp)
			fclose(fp);
		return;
	}
	if (getenv("PARLEY_BENCH_ALL"))
		for (size_t i = 0; i < n; i++)
			fprintf(fp, "key %zu %.3f\n", i, v[i]);
	qsort(v, n, sizeof(double), cmp_double);
	fprintf(fp, "keys %zu p50 %.3f p99 %.3f max %.3f\n", n, v[n / 2], v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
	        v[n - 1]);
	fclose(fp);
}

static enum colour_mode colour_mode(bool no_color)
{
	const char *nc = getenv("NO_COLOR");
	if (no_color || (nc && *nc) || !has_colors())
		return COLOUR_NONE;
	if (start_color() != OK)
		return COLOUR_NONE;
	use_default_colors();
	if (COLORS >= 256)
		return COLOUR_256;
	if (COLORS >= 16)
		return COLOUR_16;
	return COLOUR_8;
}

static int read_key(void)
{
	if (replay_keys && *replay_keys) {
		int k = (unsigned char)*replay_keys++;
		return k == '\r' ? '\n' : k;
	}
	wint_t ch;
	int r = get_wch(&ch);
	if (r == ERR) {
		/* a terminal that went away (the connection dropped without a
		 * SIGHUP reaching us) reads as an error at once: leave as on a
		 * hang-up instead of spinning */
		struct pollfd pf = { .fd = STDIN_FILENO, .events = POLLIN };
		if (poll(&pf, 1, 0) > 0 && (pf.revents & (POLLHUP | POLLERR | POLLNVAL)))
			got_signal = SIGHUP;
		return -1;
	}
	if (r == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return '\n';
		return KEY_FUNC | (int)ch;
	}
	if (ch == '\r')
		return '\n';
	if (ch == 0x7f || ch == 8)
		return KEY_FUNC | KEY_BACKSPACE;
	return (int)ch;
}

/* How long a key is waited for: while loading, 15 ms, so that the screen
 * follows the loader; then as long as it takes. */
static void key_wait(const struct app *a)
{
	timeout(a->loading ? 15 : -1);
}

bool app_stop_requested(struct app *a)
{
	if (got_signal)
		return true;
	if (replay_keys)
		return false; /* replayed keys are the replay's */
	bool stop = false;
	wint_t kept[32];
	int kind[32], n = 0, r;
	wint_t ch;
	nodelay(stdscr, TRUE);
	/* what does not fit stays in the terminal's queue, in order */
	while (!stop && n < 30 && (r = get_wch(&ch)) != ERR) {
		if (r == OK && ch == 27) {
			/* Esc alone, not the start of Alt+key or of a sequence
			 * the terminal description does not know */
			wint_t next;
			int r2 = get_wch(&next);
			if (r2 == ERR)
				stop = true;
			else
				kept[n] = ch, kind[n++] = r, kept[n] = next, kind[n++] = r2;
		} else {
			kept[n] = ch, kind[n++] = r;
		}
	}
	key_wait(a);
	while (n-- > 0) /* pushed back last first */
		kind[n] == KEY_CODE_YES ? ungetch((int)kept[n]) : unget_wch(kept[n]);
	return stop;
}

int app_read_key(void)
{
	for (;;) {
		int k = read_key();
		if (k >= 0 || got_signal)
			return k;
	}
}

static void config_note(void *ctx, const char *msg)
{
	app_note(ctx, "%s", msg);
}

static void theme_note(void *ctx, const char *source, unsigned line, const char *msg)
{
	app_note(ctx, "%s:%u: %s", source, line, msg);
}

int cmd_browse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-colour", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "dump-actions", required_argument, NULL, 'D' },
		{ "read-only", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *theme_arg = NULL;
	bool no_color = false, read_only = false;
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "t:h", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			theme_arg = optarg;
			break;
		case 'C':
			no_color = true;
			break;
		case 'r':
			read_only = true;
			break;
		case 'h':
			help();
			return 0;
		case 'D':
			dump_actions(optarg);
			return 0;
		default:
			if (optopt == 't')
				return usage_error(NULL, "option '%s' requires an argument", argv[optind - 1]);
			if (optopt)
				return usage_error(NULL, "invalid option -- '%c'", optopt);
			return usage_error(NULL, "unrecognized option '%s'", argv[optind - 1]);
		}
	}

	start_ms = now_ms();
	static struct app app;
	struct app *a = &app;
	memset(a, 0, sizeof(*a));
	a->sel = -1;
	keymap_defaults(&a->keys);
	struct config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.keys = &a->keys;
	cfg.note = config_note;
	cfg.ctx = a;
	config_load(&cfg);
	facets_user_lang(cfg.lang, a->lang, sizeof(a->lang));
	facets_init(&a->facets, a->lang);

	char err[512];
	const char *tname = theme_arg ? theme_arg : cfg.theme[0] ? cfg.theme : "default";
	if (!theme_load(&a->theme, tname, theme_note, a, err, sizeof(err))) {
		if (theme_arg) {
			fprintf(stderr, "%s: %s\n", progname, err);
			return 2;
		}
		app_note(a, "%s:%u: set theme: %s", cfg.path, cfg.theme_line, err);
		theme_default(&a->theme);
	}
	for (size_t i = 0; i < cfg.n_colours; i++)
		a->theme.el[cfg.colours[i].el] = cfg.colours[i].spec;

	corpus_init(&a->corpus);
	static char samples[1100], opened[1200];
	char *sp[1] = { samples };
	char **paths = argv + optind;
	size_t npaths = (size_t)(argc - optind);
	if (optind >= argc) {
		if (!find_samples(samples, sizeof(samples))) {
			fprintf(stderr, "%s: no PATH given and no installed samples found\n", progname);
			return 2;
		}
		snprintf(opened, sizeof(opened), "no path given: showing the samples in %s", samples);
		a->opened = opened;
		paths = sp;
		npaths = 1;
	}
	a->read_only = read_only;
	const char *user = cfg.user[0] ? cfg.user : getenv("USER");
	if (!user || !*user) {
		struct passwd *pw = getpwuid(getuid());
		user = pw ? pw->pw_name : "unknown";
	}
	snprintf(a->user, sizeof(a->user), "%s", user);
	journal_init(&a->journal, paths, npaths);
	if (a->journal.dirfd < 0 && !read_only)
		app_note(a, "edits are not journaled (they are lost if parley is killed before w): %s", a->journal.why);

	/* Data is UTF-8: a session with no locale (LANG unset over SSH) gets
	 * C.UTF-8 for the character type, so non-ASCII text can be shown. */
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0) {
		/* a UTF-8 locale named but not installed (fr_FR.UTF-8 on a
		 * server that has only C.UTF-8) works as well with C.UTF-8: said
		 * in the messages (M), not as a problem */
		const char *named = getenv("LC_ALL");
		if (!named || !*named)
			named = getenv("LC_CTYPE");
		if (!named || !*named)
			named = getenv("LANG");
		bool utf8_named = named && (strstr(named, "UTF-8") || strstr(named, "utf8") || strstr(named, "UTF8"));
		if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8")) {
			if (utf8_named)
				app_message(a, false, "the locale %s is not installed here; using C.UTF-8 for characters", named);
			else
				app_note(a, "the locale's character set was %s; using UTF-8 (set LANG to a UTF-8 locale)",
				         cs ? cs : "unknown");
		} else {
			app_note(a, "the locale's character set is %s, not UTF-8: non-ASCII text may not show",
			         cs ? cs : "unknown");
		}
	}
	const char *term = getenv("TERM");
	int rc = 0;
	const char *why = NULL;
	SCREEN *scr = NULL;
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		why = "";
	else if (!term || !*term || strcmp(term, "dumb") == 0)
		why = "TERM is dumb (no cursor addressing)";
	else if (!(scr = newterm(NULL, stdout, stdin)))
		why = "cannot use the terminal";
	if (why) {
		/* no screen to browse on: load here and list */
		struct loader_job job = { .paths = paths, .n = npaths, .lang = a->lang };
		load_corpus(&job);
		adopt_corpus(a, &job);
		out_diags(&a->corpus.diags);
		if (strcmp(why, "cannot use the terminal") == 0)
			snprintf(err, sizeof(err), "cannot use terminal type '%s'", term);
		else
			snprintf(err, sizeof(err), "%s", why);
		plain_listing(a, *err ? err : NULL);
		goto out;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	theme_apply(&a->theme, colour_mode(no_color));
	bkgdset(' ' | theme_attr(EL_NORMAL));
	curs_set(1);

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	a->view = VIEW_NAV;
	nav_rebuild(a);
	reader_rebuild_list(a);

	/* The first screen at once; the corpus loads on another thread (its
	 * files on both cores), each readout showing as soon as it is there. */
	static struct loader_job job;
	job = (struct loader_job){ .paths = paths, .n = npaths, .lang = a->lang, .take = true };
	pthread_mutex_init(&job.mu, NULL);
	pthread_t loader;
	a->loading = true;
	a->load_total = &job.total;
	a->load_done = &job.done;
	bool threaded = pthread_create(&loader, NULL, loader_main, &job) == 0;
	if (!threaded) {
		load_corpus(&job);
		job.finished = 1;
	}
	draw_all(a);
	bench_mark("first_screen_ms");
	key_wait(a);

	bool replaying = false, idle = false, skip_draw = false, journal_told = false;
	double *lat = NULL;
	size_t n_lat = 0, cap_lat = 0, shown_done = 0;
	while (!a->quit && !got_signal) {
		if (a->loading) {
			bool grew = absorb(a, &job);
			/* no key, nothing new: no redraw (the loader has the cores) */
			size_t done = __atomic_load_n(&job.done, __ATOMIC_ACQUIRE);
			skip_draw = idle && !grew && done == shown_done;
			shown_done = done;
			if (__atomic_load_n(&job.finished, __ATOMIC_ACQUIRE)) {
				if (threaded)
					pthread_join(loader, NULL);
				finish_loading(a, &job);
				a->loading = false;
				key_wait(a);
				corpus_grew(a);
				bench_mark("loaded_ms");
				loaded(a);
				replay_keys = getenv("PARLEY_REPLAY"); /* keys to replay once the corpus is here */
				replaying = replay_keys != NULL;
				key_started = 0;
				if (a->quit)
					break;
			} else if (grew) {
				corpus_grew(a);
			}
		}
		double t0 = now_ms();
		if (!skip_draw || !a->loading)
			draw_all(a);
		skip_draw = false;
		if (replaying && key_started > 0) {
			grow(&lat, &cap_lat, n_lat + 1, sizeof(double));
			lat[n_lat++] = t0 - key_started + (now_ms() - t0);
		}
		if (replaying && !*replay_keys) {
			bench_latency(lat, n_lat);
			break;
		}
		int key = read_key();
		key_started = now_ms();
		idle = key < 0;
		if (key < 0)
			continue;
		if (key == (KEY_FUNC | KEY_RESIZE))
			continue;
		a->msg[0] = '\0';
		a->keyno++;
		if (a->lay.too_small && key != 'q' && key != 'Q')
			continue;
		enum action act = keymap_lookup(&a->keys, key);
		if (act == ACT_NONE) {
			char kn[16];
			app_message(a, true, "%s is not bound to anything; press ? for help", keyname_of(key, kn, sizeof(kn)));
			continue;
		}
		bool done = false;
		switch (a->view) {
		case VIEW_NAV:
			done = nav_action(a, act);
			break;
		case VIEW_READER:
			done = reader_action(a, act);
			break;
		case VIEW_LINES:
			done = lines_action(a, act);
			break;
		}
		if (!done)
			done = review_action(a, act);
		if (!done)
			global_action(a, act);
		/* the first write that failed: the edits are not safe (told
		 * again after a save, which starts a new journal) */
		if (!a->journal.failed)
			journal_told = false;
		if (a->journal.failed && !journal_told) {
			journal_told = true;
			app_message(a, true, "cannot write the journal in %s: save soon (w)",
			            a->journal.dir ? a->journal.dir : "(none)");
			app_note(a, "%s", a->msg);
		}
	}
	free(lat);
	endwin();
	delscreen(scr);
	if (a->loading && threaded) {
		/* quitting (or hung up) while loading: the loader stops at its
		 * next file, leaving the index cache as it was */
		__atomic_store_n(&job.cancel, 1, __ATOMIC_RELEASE);
		pthread_join(loader, NULL);
	}
	if (got_signal) {
		rc = 128 + got_signal;
		if (a->journal.records && a->journal.path)
			fprintf(stderr, "%s: %s: your unsaved edits are in %s and will be offered at the next start\n",
			        progname, got_signal == SIGHUP ? "hang-up" : "terminated", a->journal.path);
		/* every edit is already on disk in the journal: leave now, with
		 * nothing more to do on a terminal that may be gone (exit handlers
		 * such as a sanitizer's leak check can hang on it) */
		fflush(stderr);
		journal_free(&a->journal);
		_exit(rc);
	} else if (a->loading) {
		/* quit while the corpus was loading: nothing can have been
		 * edited, and the loader's thread ends with the process */
		fflush(stdout);
		journal_free(&a->journal);
		_exit(0);
	} else if (save_pending(&a->saver)) {
		if (a->journal.path && !a->journal.failed)
			fprintf(stderr, "%s: unsaved edits are kept in %s for the next start\n", progname, a->journal.path);
		else if (a->journal.path)
			fprintf(stderr, "%s: unsaved edits are kept in %s for the next start, but a write to it failed: the "
			        "latest may be missing\n", progname, a->journal.path);
		else
			fprintf(stderr, "%s: unsaved edits are lost: they could not be journaled\n", progname);
	} else if (!a->read_only && a->journal.path) {
		/* everything edited is saved or undone: nothing to offer next time */
		journal_clear(&a->journal);
	}
out:
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
	return rc;
}
