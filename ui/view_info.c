/* view_info.c - what a readout holds, at a glance: for a draft made from a
 * plain readout, what parley drafted (where from, where it will be saved,
 * the metadata it found, speakers with their forms, agreements, topics)
 * and its positions one per row, Enter opening one in the reader to review
 * it.  The same for any readout.  Opened with I from the navigator or the
 * reader; q goes back. */
#include "app.h"
#include "sanitize.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row: its text, its style, and the position it stands for (-1). */
struct info_row {
	char *text;
	enum theme_el el;
	long pos;
};

static struct {
	size_t ri;
	struct info_row *rows;
	size_t n, cap, sel, top;
} info;

static void add(enum theme_el el, long pos, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void add(enum theme_el el, long pos, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	grow(&info.rows, &info.cap, info.n + 1, sizeof(*info.rows));
	/* every byte of data passes the sanitiser before the screen */
	info.rows[info.n++] = (struct info_row){ sanitize_dup(buf, strlen(buf), 0), el, pos };
}

static void info_free(struct app *a)
{
	(void)a;
	for (size_t i = 0; i < info.n; i++)
		free(info.rows[i].text);
	free(info.rows);
	memset(&info, 0, sizeof(info));
}

static void entities(struct app *a, const struct readout *r, enum entity_kind k, const char *heading)
{
	add(EL_HEADING, -1, "%s (%u)", heading, (unsigned)r->n_ents[k]);
	for (size_t i = 0; i < r->n_ents[k]; i++) {
		const struct entity *e = &r->ents[k][i];
		char forms[600] = "";
		size_t o = 0;
		for (size_t j = 0; j < e->n_aliases && o < sizeof(forms) - 8; j++)
			o += (size_t)snprintf(forms + o, sizeof(forms) - o, "%s%s", j ? ", " : "", e->aliases[j]);
		char members[300] = "";
		o = 0;
		for (size_t j = 0; j < e->n_members && o < sizeof(members) - 8; j++)
			o += (size_t)snprintf(members + o, sizeof(members) - o, "%s%s", j ? " and " : "",
			                      app_label(a, ENT_SPEAKER, a->cur, e->members[j]));
		add(EL_NORMAL, -1, "  %s (%s)%s%s%s%s", e->label, e->id, *members ? ": " : "", members,
		    *forms ? "  also: " : "", forms);
	}
}

static void build(struct app *a)
{
	info_free(a);
	info.ri = a->cur;
	const struct readout *r = &a->corpus.readouts[a->cur];
	const struct corpus_file *f = &a->corpus.files[r->file];
	add(EL_HEADING, -1, "%s", r->title ? r->title : r->id);
	/* the names first (a path can be longer than the screen), the
	 * directory on a row of its own */
	const char *slash = strrchr(f->path, '/');
	const char *name = slash ? slash + 1 : f->path;
	const char *from = f->draft_of ? (strrchr(f->draft_of, '/') ? strrchr(f->draft_of, '/') + 1 : f->draft_of) : NULL;
	if (f->draft_of && f->draft_json)
		add(EL_MESSAGE, -1, "A draft, not saved yet: made from %s, w writes it as %s", from, name);
	else if (f->draft_of)
		add(EL_NORMAL, -1, "Drafted from %s, saved as %s", from, name);
	else
		add(EL_NORMAL, -1, "In %s", name);
	if (slash)
		add(EL_DIM, -1, "in %.*s", (int)(slash - f->path), f->path);
	add(EL_NORMAL, -1, "id %s · date %s · kind %s · place %s · language %s · issuer %s · asked by %s", r->id,
	    r->date ? r->date : "-", r->kind >= 0 ? readout_kind_names[r->kind] : "-", r->place ? r->place : "-",
	    r->lang ? r->lang : "-", r->issuer ? r->issuer : "-",
	    r->initiator >= 0 ? app_label(a, ENT_SPEAKER, a->cur, (uint32_t)r->initiator) : "-");
	add(EL_NORMAL, -1, "%s", "");
	entities(a, r, ENT_SPEAKER, "Speakers");
	entities(a, r, ENT_AGREEMENT, "Agreements");
	entities(a, r, ENT_TOPIC, "Topics");
	add(EL_NORMAL, -1, "%s", "");
	size_t pending = 0;
	for (size_t i = 0; i < r->n_positions; i++)
		pending += r->positions[i].review == REVIEW_PENDING;
	add(EL_HEADING, -1, "Positions (%zu, %zu pending): Enter reviews one in the reader", r->n_positions, pending);
	size_t *order = xmalloc((r->n_positions + 1) * sizeof(size_t));
	readout_text_order(r, order);
	const char *text = app_text(a, a->cur);
	for (size_t k = 0; k < r->n_positions; k++) {
		const struct position *p = &r->positions[order[k]];
		const char *sum = p->summary;
		char span[160] = "";
		if (!sum && text) {
			size_t n = p->span.bend - p->span.bstart < 120 ? p->span.bend - p->span.bstart : 120;
			while (n && ((unsigned char)text[p->span.bstart + n] & 0xC0) == 0x80)
				n--; /* whole characters */
			snprintf(span, sizeof(span), "%.*s", (int)n, text + p->span.bstart);
			for (char *c = span; *c; c++)
				if (*c == '\n')
					*c = ' ';
		}
		add(p->review == REVIEW_PENDING ? EL_NORMAL : EL_DIM, (long)order[k], "  %-8s %-9s %s: %s", p->id,
		    review_names[p->review], app_label(a, ENT_SPEAKER, a->cur, p->speaker), sum ? sum : span);
	}
	free(order);
	info.sel = 0;
	for (size_t i = 0; i < info.n && !info.sel; i++)
		if (info.rows[i].pos >= 0 && a->sel >= 0 && info.rows[i].pos == a->sel)
			info.sel = i;
}

void info_open(struct app *a)
{
	if (!a->corpus.n_readouts) {
		app_message(a, true, "no readout to show");
		return;
	}
	if (!view_ops(a)->shows_readout && a->n_nav)
		a->cur = a->nav[a->nav_sel];
	build(a);
	view_enter(a, VIEW_INFO);
}

static void info_draw(struct app *a)
{
	struct rect r = a->lay.body;
	if (info.ri != a->cur || info.ri >= a->corpus.n_readouts)
		build(a);
	list_scroll(info.sel, &info.top, info.n, r.h);
	for (int row = 0; row < r.h && info.top + (size_t)row < info.n; row++) {
		size_t i = info.top + (size_t)row;
		attr_t at = i == info.sel ? theme_attr(EL_CURSOR) : theme_attr(info.rows[i].el);
		if (i == info.sel)
			draw_fill(r.y + row, r.x, r.w, at);
		draw_str(r.y + row, r.x + 1, r.w - 1, info.rows[i].text, at);
	}
}

static void info_back(struct app *a)
{
	enum view back = a->prev_view;
	info_free(a);
	a->view = back;
}

static void info_click(struct app *a, int pane, int row, int col)
{
	(void)col;
	(void)a;
	(void)pane;
	size_t i = info.top + (size_t)row;
	if (row >= 0 && i < info.n)
		info.sel = i;
}

static bool info_action(struct app *a, enum action act)
{
	if (list_move(&info.sel, &info.top, info.n, a->lay.body.h, act))
		return true;
	if (act != ACT_OPEN)
		return false;
	if (info.sel < info.n && info.rows[info.sel].pos >= 0) {
		long pos = info.rows[info.sel].pos;
		size_t ri = info.ri;
		info_free(a);
		app_open_readout(a, ri, pos);
	} else {
		app_message(a, false, "Enter on a position reviews it in the reader");
	}
	return true;
}

static int info_focus(const struct app *a)
{
	(void)a;
	return 0;
}

static void info_cursor(struct app *a, int *y, int *x)
{
	*y = a->lay.body.y + (int)(info.sel - info.top);
	*x = 0;
}

static void info_status(const struct app *a, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, " %zu/%zu", info.n ? info.sel + 1 : 0, info.n);
}

static size_t *info_find_row(struct app *a)
{
	(void)a;
	return &info.sel;
}

static bool info_find(struct app *a, bool forward, bool from_here)
{
	size_t n = info.n;
	if (!a->list_fold || !n)
		return false;
	for (size_t k = from_here ? 0 : 1; k <= n; k++) {
		size_t i = forward ? (info.sel + k) % n : (info.sel + n - k % n) % n;
		char *f = fold_dup(info.rows[i].text, strlen(info.rows[i].text));
		bool yes = strstr(f, a->list_fold) != NULL;
		free(f);
		if (yes) {
			info.sel = i;
			list_reveal(info.sel, &info.top, n, a->lay.body.h);
			return true;
		}
	}
	return false;
}

const struct view_ops info_view = {
	.name = "readout", .overlay = true, .focus = info_focus, .draw = info_draw, .action = info_action,
	.cursor = info_cursor, .status = info_status, .find_row = info_find_row, .find = info_find,
	.back = info_back, .close = info_free, .click = info_click,
};
