/* view_lines.c - full-screen lists of lines: the help screen (generated
 * from the action table and the current key map), the problems found while
 * loading, and the hits of a corpus-wide search. */
#include "app.h"
#include "cells.h"
#include "userconf.h"
#include "sanitize.h"
#include "search.h"
#include "test_hooks.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

/* Each line starts with a style byte: 'H' heading, 'N' normal, 'D' dim,
 * 'E' error. */
static void add(struct app *a, size_t *cap, char style, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void add(struct app *a, size_t *cap, char style, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + 1, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	buf[0] = style;
	grow(&a->lines, cap, a->n_lines + 1, sizeof(char *));
	a->lines[a->n_lines++] = xstrdup(buf);
}

static void lines_free(struct app *a)
{
	for (size_t i = 0; i < a->n_lines; i++)
		free(a->lines[i]);
	free(a->lines);
	free(a->hits);
	a->lines = NULL;
	a->hits = NULL;
	a->n_lines = a->l_sel = a->l_top = 0;
}

static void lines_back(struct app *a);

static void enter(struct app *a, enum lines_kind kind)
{
	lines_free(a);
	view_enter(a, VIEW_LINES);
	a->lines_kind = kind;
}

/* A long line on several rows, the rows after the first indented by
 * `indent` columns (never more than half the width). */
static void add_indented(struct app *a, size_t *cap, char style, const char *text, int indent)
{
	int w = a->cols > 10 ? a->cols - 3 : 8;
	if (indent > w / 2)
		indent = w / 2;
	struct wrap wr = { 0 };
	size_t n = strlen(text);
	wrap_text(&wr, text, n, w);
	if (wr.n > 1) {
		/* the first row as wrapped, the rest again to the narrower width */
		size_t rest = wr.lines[1].start;
		add(a, cap, style, "%.*s", (int)(wr.lines[0].end - wr.lines[0].start), text + wr.lines[0].start);
		wrap_free(&wr);
		wrap_text(&wr, text + rest, n - rest, w - indent);
		for (size_t i = 0; i < wr.n; i++)
			add(a, cap, style, "%*s%.*s", indent, "", (int)(wr.lines[i].end - wr.lines[i].start),
			    text + rest + wr.lines[i].start);
	} else {
		add(a, cap, style, "%s", text);
	}
	wrap_free(&wr);
}

/* A long message on several rows, continued rows indented. */
static void add_wrapped(struct app *a, size_t *cap, char style, const char *text)
{
	add_indented(a, cap, style, text, 2);
}

/* A help line: the keys in a column of 18 display columns (a key bound in
 * the config can be any character), then what they do. */
static void add_keys(struct app *a, size_t *cap, const char *keys, const char *help)
{
	int pad = 18 - cells_width(keys, strlen(keys), 0);
	char line[600];
	snprintf(line, sizeof(line), "  %s%*s %s", keys, pad > 0 ? pad : 0, "", help);
	add_indented(a, cap, 'N', line, 21);
}

static void build_help(struct app *a)
{
	size_t cap = 0;
	add(a, &cap, 'H', "parley keys (q to go back)");
	add_indented(a, &cap, 'N',
	             "The navigator lists readouts beside speakers, topics and agreements; Enter opens a readout or "
	             "sets a filter. The reader shows the text beside its positions: moving in either pane moves the "
	             "other. Filters combine; the positions pane then lists every matching position of the corpus, "
	             "and n/N step through them across readouts. / searches where you are: the text, the lists, "
	             "this help.", 0);
	add(a, &cap, 'N', "%s", "");
	add_indented(a, &cap, 'D',
	             "In the list of readouts: the date, the kind and the title; =2 when the readout is one of the "
	             "two (or more) accounts of its event, ~ when another account is likely (same date and parties); "
	             "then 5/6, the positions reviewed of all its positions. A cut line ends in …", 0);
	add(a, &cap, 'N', "%s", "");
	add_indented(a, &cap, 'D',
	             "In the text: positions are shaded in their speaker's colour (two speakers of a readout never "
	             "share one while the theme has colours enough), the selected one stronger and marked '|' in "
	             "the margin; '>' is the cursor line; mentions of the selected or filtered speakers, topics and "
	             "agreements are underlined. Review marks: ? pending, + accepted, x rejected. Control characters "
	             "and bidi controls from the files are shown as ^X or <U+XXXX>, never sent to the terminal.", 0);
	const char *group = "";
	for (int i = 1; i < ACT_COUNT; i++) {
		const struct action_info *ai = &action_info[i];
		if (strcmp(group, ai->group) != 0) {
			group = ai->group;
			add(a, &cap, 'N', "%s", "");
			add(a, &cap, 'H', "%s", group);
		}
		char keys[128];
		keymap_keys_of(&a->keys, (enum action)i, keys, sizeof(keys));
		add_keys(a, &cap, keys[0] ? keys : "(unbound)", ai->help);
	}
	const struct {
		const char *title;
		const struct action_info *v;
		int n;
	} modes[] = { { "Selecting text (after v or V)", select_info, SEL_COUNT },
	              { "Choosing in a list (s t a, S T A, Z)", pick_info, PICKKEY_COUNT },
	              { "Editing a line (/, e, m, :, and the text typed in a list)", line_info, LINE_COUNT } };
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		add(a, &cap, 'N', "%s", "");
		add(a, &cap, 'H', "%s", modes[m].title);
		for (int i = 1; i < modes[m].n; i++)
			add_keys(a, &cap, modes[m].v[i].keys, modes[m].v[i].help);
	}
	add(a, &cap, 'N', "%s", "");
	add(a, &cap, 'H', "Counts, searches, the mouse");
	add_indented(a, &cap, 'N',
	             "  A number before a movement or a jump repeats it: 5j, 3], 2n; 4G goes to the fourth line or "
	             "entry (Esc forgets the count). n and N go on from the cursor, a count of hits stopping where "
	             "the search wraps; after F they follow its list until another search. Up and Down at / and F recall earlier searches; / then Enter "
	             "repeats the last. Where the terminal has a mouse, a click selects what is under it and the "
	             "wheel moves (set mouse = off in the config: none).", 2);
	char path[1024];
	add(a, &cap, 'N', "%s", "");
	add(a, &cap, 'H', "Configuration");
	add(a, &cap, 'N', "  config file: %s", userconf_path(path, sizeof(path))[0] ? path : "(no HOME)");
	add_indented(a, &cap, 'N',
	             "  lines: set theme = NAME | set user = NAME | set lang = fr | set mouse = off | "
	             "bind KEY ACTION | color ELEMENT FG BG [ATTR...]", 4);
	char names[1200];
	size_t len = (size_t)snprintf(names, sizeof(names), "  action names for bind:");
	for (int i = 1; i < ACT_COUNT && len < sizeof(names); i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len, " %s", action_info[i].name);
	add_indented(a, &cap, 'D', names, 4);
	add(a, &cap, 'N', "  theme: %s (--theme NAME|PATH, --no-color, NO_COLOR)", a->theme.name);
}

static void build_problems(struct app *a)
{
	size_t cap = 0;
	const struct corpus *c = &a->corpus;
	size_t w = c->diags.count[DIAG_WARN];
	add(a, &cap, 'H', "Problems: %zu readout%s skipped, %zu path%s unreadable, %zu warning%s, %zu other problem%s",
	    c->n_skipped, c->n_skipped == 1 ? "" : "s", c->n_io_errors, c->n_io_errors == 1 ? "" : "s", w,
	    w == 1 ? "" : "s", a->n_notes, a->n_notes == 1 ? "" : "s");
	if (!c->diags.n && !a->n_notes)
		add(a, &cap, 'D', "Everything loaded.");
	else if (w)
		add(a, &cap, 'D', "Warnings are about values a readout can do without: it is loaded all the same.");
	for (size_t i = 0; i < c->diags.n + a->n_notes; i++)
		add_wrapped(a, &cap, i < c->diags.n && c->diags.v[i].kind == DIAG_WARN ? 'D' : 'E',
		            i < c->diags.n ? c->diags.v[i].text : a->notes[i - c->diags.n]);
}

static void build_messages(struct app *a)
{
	size_t cap = 0;
	add(a, &cap, 'H', "Messages: the last %zu, the newest at the bottom (q goes back)", a->n_past);
	if (!a->n_past)
		add(a, &cap, 'D', "No message yet.");
	for (size_t k = 0; k < a->n_past; k++) {
		const struct past_msg *m = &a->past[(a->past_at + k) % a->n_past];
		char when[16] = "", line[1100];
		time_t t = (time_t)m->when;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
		snprintf(line, sizeof(line), "%s %s", when, m->text);
		add_wrapped(a, &cap, m->error ? 'E' : 'N', line);
	}
}

/* The lines of a list made from text (not hits), for the width it has now. */
static void build(struct app *a)
{
	switch (a->lines_kind) {
	case LINES_HELP:
		build_help(a);
		break;
	case LINES_PROBLEMS:
		build_problems(a);
		break;
	case LINES_MESSAGES:
		build_messages(a);
		break;
	case LINES_HITS:
		break;
	}
	a->lines_cols = a->cols;
}

void lines_open(struct app *a, enum lines_kind kind)
{
	enter(a, kind);
	build(a);
	if (kind == LINES_MESSAGES && a->n_lines)
		a->l_sel = a->n_lines - 1; /* the newest */
}

/* Back up from byte i to the start of a character. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* F: the search of every text, on the screen. */
struct hits_job {
	struct app *a;
	size_t cap, hcap;
	struct timespec t0;
	long shown, delay;
	bool hold;
};

static void on_hit(void *arg, size_t ri, const char *text, size_t s, size_t e)
{
	struct hits_job *j = arg;
	struct app *a = j->a;
	const struct readout *r = &a->corpus.readouts[ri];
	/* the context the row has room for (the terminal's width when F ran,
	 * less the date and the id): a third of it before the hit, so that
	 * the hit is in view, the rest after it.  Narrow, no date, and an id
	 * that would leave the hit no room cut (the status line names it
	 * whole when the row is gone to) */
	bool narrow = a->cols < 60;
	char id[64];
	size_t idl = strlen(r->id), keep = a->cols > 36 ? (size_t)a->cols - 3 - 20 : 13;
	if (narrow && idl > keep && keep < sizeof(id) - 4) {
		size_t cut = keep - 1;
		while (cut > 0 && ((unsigned char)r->id[cut] & 0xC0) == 0x80)
			cut--;
		snprintf(id, sizeof(id), "%.*s…", (int)cut, r->id);
		idl = keep;
	} else {
		snprintf(id, sizeof(id), "%.60s", r->id);
	}
	long room = (long)a->cols - (narrow ? 3 : 14) - (long)idl;
	size_t before = room > 3 ? (size_t)room / 3 : 0, after = room > 60 ? (size_t)room : 60;
	if (after > 400)
		after = 400;
	size_t cs = s;
	for (size_t k = 0; k < before && cs > 0; k++)
		cs = char_start(text, cs - 1);
	size_t ce = e;
	for (size_t k = 0; k < after && ce < r->text_bytes && ce - cs < 800; k++) { /* (a row holds 1 KB) */
		ce++;
		while (ce < r->text_bytes && ((unsigned char)text[ce] & 0xC0) == 0x80)
			ce++;
	}
	char *ctx = xmalloc(ce - cs + 1);
	size_t k = 0;
	for (size_t i = cs; i < ce; i++)
		ctx[k++] = text[i] == '\n' ? ' ' : text[i];
	ctx[k] = '\0';
	grow(&a->hits, &j->hcap, a->n_lines + 1, sizeof(*a->hits));
	a->hits[a->n_lines] = (struct hit){ (uint32_t)ri, s, e };
	if (narrow)
		add(a, &j->cap, 'N', "%s: %s%s", id, cs ? "…" : "", ctx);
	else
		add(a, &j->cap, 'N', "%-10s %s: %s%s", r->date ? r->date : "", r->id, cs ? "…" : "", ctx);
	free(ctx);
}

/* A large corpus takes seconds: after a moment, the progress in the
 * status line, and Esc stops with the hits found so far. */
static bool on_progress(void *arg, size_t done, size_t total, size_t hits)
{
	struct hits_job *j = arg;
	test_search_delay(j->delay);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	long ms = (t.tv_sec - j->t0.tv_sec) * 1000 + (t.tv_nsec - j->t0.tv_nsec) / 1000000;
	if (ms < 150 || ms - j->shown < 100)
		return false;
	j->shown = ms;
	app_status(j->a, "searching every text: %zu of %zu readouts, %zu hit%s so far (Esc stops)", done, total, hits,
	           hits == 1 ? "" : "s");
	app_draw(j->a);
	refresh();
	if (j->hold) { /* the tests: wait here for the Esc they send */
		while (!keys_stop_requested())
			test_search_delay(20);
		return true;
	}
	return keys_stop_requested();
}

void lines_open_hits(struct app *a, const char *query)
{
	enter(a, LINES_HITS);
	struct hits_job j = { .a = a, .delay = test_search_delay_ms(), .hold = test_search_hold() };
	add(a, &j.cap, 'H', "hits for \"%s\"", query);
	grow(&a->hits, &j.hcap, 1, sizeof(*a->hits));
	clock_gettime(CLOCK_MONOTONIC, &j.t0);
	struct needle nd;
	needle_init(&nd, query);
	struct search_opts o = { on_hit, on_progress, &j };
	struct search_result res = search_corpus(&a->corpus, &nd, &o);
	needle_free(&nd);
	size_t n = a->corpus.n_readouts;
	free(a->lines[0]);
	char stopped[96] = "";
	if (res.stopped)
		snprintf(stopped, sizeof(stopped), ", stopped after %zu of %zu readouts", res.searched, n);
	else if (a->loading) /* (the others are not searched: said, not hidden) */
		snprintf(stopped, sizeof(stopped), " in the %zu readouts loaded so far", n);
	a->lines[0] = xasprintf("H%zu hit%s in %zu readout%s for \"%s\"%s (Enter opens, q goes back)", res.hits,
	                        res.hits == 1 ? "" : "s", res.readouts, res.readouts == 1 ? "" : "s", query, stopped);
	a->msg[0] = '\0';
	if (res.stopped)
		app_message(a, false, "search stopped after %zu of %zu readouts", res.searched, n);
	if (res.unread)
		app_message(a, true, "%s%zu text%s could not be read back: %s", res.stopped ? "search stopped; " : "",
		            res.unread, res.unread == 1 ? "" : "s", corpus_text_error(&a->corpus));
	a->l_sel = a->n_lines > 1 ? 1 : 0;
	/* kept for n and N, which follow this list until another search */
	reader_keep_hits(a, a->hits + 1, a->n_lines - 1);
	if (!res.hits && !res.stopped && !res.unread) {
		/* nothing to list: back where F was typed, as / says */
		lines_back(a);
		if (a->loading)
			app_message(a, true, "not found in the %zu readouts loaded so far: %s (F again once all are here)", n,
			            query);
		else
			app_message(a, true, "not found in any readout: %s", query);
	}
}

static void lines_draw(struct app *a)
{
	struct rect r = a->lay.body;
	if (a->lines_kind != LINES_HITS && a->cols != a->lines_cols) {
		/* a new width: wrapped again, the cursor as far down */
		size_t sel = a->l_sel;
		enum lines_kind kind = a->lines_kind;
		lines_free(a);
		a->lines_kind = kind;
		build(a);
		a->l_sel = sel < a->n_lines ? sel : a->n_lines ? a->n_lines - 1 : 0;
	}
	list_scroll(a->l_sel, &a->l_top, a->n_lines, r.h);
	for (int row = 0; row < r.h && a->l_top + (size_t)row < a->n_lines; row++) {
		size_t i = a->l_top + (size_t)row;
		const char *l = a->lines[i];
		enum theme_el el = l[0] == 'H' ? EL_HEADING : l[0] == 'D' ? EL_DIM : l[0] == 'E' ? EL_ERROR : EL_NORMAL;
		attr_t at = i == a->l_sel ? theme_attr(EL_CURSOR) : theme_attr(el);
		if (i == a->l_sel)
			draw_fill(r.y + row, r.x, r.w, at);
		draw_str(r.y + row, r.x + 1, r.w - 1, l + 1, at);
	}
}

static void lines_cursor(struct app *a, int *y, int *x)
{
	*y = a->lay.body.y + (int)(a->l_sel - a->l_top);
	*x = 0;
}

/* q: back to the view the list was opened from. */
static void lines_back(struct app *a)
{
	enum view back = a->prev_view;
	lines_free(a);
	a->view = back;
}

/* Enter on a problem that names a loaded readout ("PATH: readout ID:
 * positions[N]...: warning: ...") opens it, on that position. */
static void open_problem(struct app *a)
{
	size_t i = a->l_sel;
	while (i > 0 && strncmp(a->lines[i] + 1, "  ", 2) == 0)
		i--; /* the first row of a wrapped message */
	const char *m = strstr(a->lines[i] + 1, ": readout ");
	if (!m) {
		app_message(a, true, "this problem names no readout");
		return;
	}
	m += strlen(": readout ");
	char id[256];
	size_t n = 0;
	while (m[n] && m[n] != ':' && m[n] != ' ' && n + 1 < sizeof(id)) {
		id[n] = m[n];
		n++;
	}
	id[n] = '\0';
	long ri = corpus_find(&a->corpus, id);
	if (ri < 0) {
		app_message(a, true, "readout %s was not loaded: this problem is why", id);
		return;
	}
	long pos = -1;
	const char *p = strstr(m + n, ": positions[");
	if (p && p == m + n)
		pos = strtol(p + strlen(": positions["), NULL, 10);
	if (pos >= (long)a->corpus.readouts[ri].n_positions)
		pos = -1;
	lines_back(a);
	app_open_readout(a, (size_t)ri, pos);
}

static void lines_click(struct app *a, int pane, int row, int col)
{
	(void)col;
	(void)pane;
	size_t i = a->l_top + (size_t)row;
	if (row >= 0 && i < a->n_lines)
		a->l_sel = i;
}

static bool lines_action(struct app *a, enum action act)
{
	if (list_move(&a->l_sel, &a->l_top, a->n_lines, a->lay.body.h, act)) {
		/* F's list: its heading is no entry (g, k, 4G count its hits) */
		if (a->lines_kind == LINES_HITS && a->l_sel == 0 && a->n_lines > 1)
			a->l_sel = 1;
		return true;
	}
	if (act == ACT_OPEN && a->lines_kind == LINES_HITS && a->l_sel > 0 && a->l_sel < a->n_lines) {
		/* the list stays, for q in the readout to come back to */
		struct hit h = a->hits[a->l_sel];
		app_open_readout(a, h.readout, -1);
		app_draw(a); /* the reader's layout, before scrolling in it */
		a->hit_at = h.bstart;
		a->hit_ri = h.readout;
		a->hit_set = true;
		reader_goto_byte(a, h.bstart);
		return true;
	}
	if (act == ACT_CLEAR && a->lines_kind == LINES_HITS && !a->list_fold && a->search_fold) {
		/* Esc: the search cleared, its list of hits goes with it */
		app_set_search(a, "");
		lines_back(a);
		app_message(a, false, "search cleared");
		return true;
	}
	if (act == ACT_OPEN && a->lines_kind == LINES_PROBLEMS && a->l_sel < a->n_lines) {
		open_problem(a);
		return true;
	}
	if (act == ACT_OPEN)
		return true;
	return false;
}

static bool lines_find(struct app *a, bool forward, bool from_here)
{
	size_t n = a->n_lines;
	if (!a->list_fold || !n)
		return false;
	for (size_t k = from_here ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (a->l_sel + k) % n : (a->l_sel + n - k % n) % n;
		if (i == 0 && a->lines_kind == LINES_HITS)
			continue; /* its heading (the words searched) is no entry */
		char *f = fold_dup(a->lines[i] + 1, strlen(a->lines[i] + 1));
		bool yes = strstr(f, a->list_fold) != NULL;
		free(f);
		if (yes) {
			a->l_sel = i;
			list_reveal(a->l_sel, &a->l_top, a->n_lines, a->lay.body.h);
			return true;
		}
	}
	return false;
}

static int lines_focus(const struct app *a)
{
	(void)a;
	return 0;
}

static void lines_status(const struct app *a, char *buf, size_t size)
{
	if (a->lines_kind == LINES_HITS)
		snprintf(buf, size, " hit %zu of %zu", a->n_lines > 1 ? a->l_sel : 0, a->n_lines ? a->n_lines - 1 : 0);
	else
		snprintf(buf, size, " %zu/%zu", a->n_lines ? a->l_sel + 1 : 0, a->n_lines);
}

static size_t *lines_find_row(struct app *a)
{
	return &a->l_sel;
}

/* F's list, as long as its hits are those n and N follow (a reload
 * forgets them) */
static bool lines_kept(const struct app *a)
{
	return a->lines_kind == LINES_HITS && a->n_lines && a->n_fhits == a->n_lines - 1;
}

static void lines_on_hit(struct app *a, size_t i)
{
	if (a->lines_kind == LINES_HITS && i + 1 < a->n_lines)
		a->l_sel = i + 1;
}

/* F's list: its rows after the heading are F's hits, in order */
static long lines_at_hit(const struct app *a)
{
	return a->lines_kind == LINES_HITS && a->l_sel >= 1 && a->l_sel - 1 < a->n_fhits ? (long)a->l_sel - 1 : -1;
}

const struct view_ops lines_view = {
	.name = "lines", .share = 0, .overlay = true, .focus = lines_focus, .draw = lines_draw, .action = lines_action,
	.cursor = lines_cursor, .status = lines_status, .find_row = lines_find_row, .find = lines_find, .click = lines_click,
	.back = lines_back, .close = lines_free, .at_hit = lines_at_hit, .kept = lines_kept, .on_hit = lines_on_hit,
};
