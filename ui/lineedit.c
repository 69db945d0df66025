/* lineedit.c - a one-line editor for the status line, correct for UTF-8:
 * the cursor moves by grapheme cluster, wide characters take two columns,
 * words come from libunistring's word breaks.  Its keys are the LINE_KEYS
 * table (actions.h), which the help and the man page list too; at a
 * search's prompt, Up and Down go through the earlier searches. */
#include "app.h"
#include "bounds.h"
#include "cells.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static int key_cleft = -1, key_cright = -1;

static void find_ctrl_arrows(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	const char *l[] = { "kLFT5", "kLFT3" }, *r[] = { "kRIT5", "kRIT3" };
	for (int i = 0; i < 2; i++) {
		int k = key_defined(l[i]);
		if (k > 0 && key_cleft < 0)
			key_cleft = KEY_FUNC | k;
		k = key_defined(r[i]);
		if (k > 0 && key_cright < 0)
			key_cright = KEY_FUNC | k;
	}
}

static void delete_range(char *buf, size_t from, size_t to)
{
	memmove(buf + from, buf + to, strlen(buf + to) + 1);
}

static bool insert_key(char *buf, size_t size, size_t *cur, int key)
{
	if (key < ' ' || key == 0x7f || (key & KEY_FUNC) || key > 0x10FFFF)
		return false;
	uint8_t u[8];
	size_t n = sizeof(u);
	ucs4_t uc = (ucs4_t)key;
	if (!u32_to_u8(&uc, 1, u, &n))
		return false;
	size_t len = strlen(buf);
	if (len + n + 1 > size)
		return true; /* full: ignore */
	memmove(buf + *cur + n, buf + *cur, len - *cur + 1);
	memcpy(buf + *cur, u, n);
	*cur += n;
	return true;
}

int lineedit_key(char *buf, size_t size, size_t *cur, int key)
{
	size_t n = strlen(buf), p;
	find_ctrl_arrows();
	enum line_key k = (enum line_key)mode_key(line_info, LINE_COUNT, key);
	if (k == LINE_NONE && key == key_cleft)
		k = LINE_WORD_LEFT;
	if (k == LINE_NONE && key == key_cright)
		k = LINE_WORD_RIGHT;
	switch (k) {
	case LINE_CANCEL:
		return -1;
	case LINE_ACCEPT:
		return 2;
	case LINE_EARLIER:
		return 3;
	case LINE_LATER:
		return 4;
	case LINE_LEFT:
		*cur = bound_prev_char(buf, n, *cur);
		break;
	case LINE_RIGHT:
		*cur = bound_next_char(buf, n, *cur);
		break;
	case LINE_HOME:
		*cur = 0;
		break;
	case LINE_END:
		*cur = n;
		break;
	case LINE_WORD_LEFT:
		*cur = bound_prev_word_start(buf, n, *cur);
		break;
	case LINE_WORD_RIGHT:
		*cur = bound_next_word_end(buf, n, *cur);
		break;
	case LINE_BACKSPACE:
		p = bound_prev_char(buf, n, *cur);
		delete_range(buf, p, *cur);
		*cur = p;
		break;
	case LINE_DELETE:
		delete_range(buf, *cur, bound_next_char(buf, n, *cur));
		break;
	case LINE_KILL_END:
		buf[*cur] = '\0';
		break;
	case LINE_KILL_START:
		delete_range(buf, 0, *cur);
		*cur = 0;
		break;
	case LINE_KILL_WORD:
		p = bound_prev_word_start(buf, n, *cur);
		delete_range(buf, p, *cur);
		*cur = p;
		break;
	default:
		if (!insert_key(buf, size, cur, key))
			return 0;
	}
	return 1;
}

/* Draw label + buf on the status line with the cursor visible. */
static void draw_line(struct app *a, const char *label, const char *buf, size_t cur)
{
	struct rect r = a->lay.status;
	if (a->lay.too_small)
		return;
	draw_fill(r.y, 0, r.w, theme_attr(EL_NORMAL));
	int x = draw_str(r.y, 0, r.w, label, theme_attr(EL_MESSAGE));
	int avail = r.w - x - 1;
	if (avail < 1)
		avail = 1;
	size_t n = strlen(buf);
	/* scroll so the cursor shows: start from a cell boundary */
	size_t from = 0;
	while (cells_width(buf + from, cur - from, 0) > avail - 1 && from < cur)
		from = bound_next_char(buf, n, from);
	int cx = x + cells_width(buf + from, cur - from, 0);
	draw_text(r.y, x, r.w - x, buf + from, n - from, theme_attr(EL_NORMAL));
	move(r.y, cx < r.w ? cx : r.w - 1);
}


bool lineedit_run(struct app *a, const char *label, char *buf, size_t size,
                  void (*on_change)(struct app *, const char *))
{
	return lineedit_run_recall(a, label, buf, size, on_change, NULL);
}

/* Up and Down: the line from the searches of hist (at hist->n, the line
 * being typed).  A line edited and left is kept as edited (edited[], one
 * per line and the new one, malloc'd) until the prompt ends, as bash does;
 * the history itself changes only with what is entered. */
static bool recall(const struct searchhist *hist, size_t *at, bool earlier, char *buf, size_t size, size_t *cur,
                   char **edited)
{
	if (!hist || (earlier ? *at == 0 : *at >= hist->n))
		return false;
	const char *was = *at < hist->n ? hist->v[*at] : "";
	if (strcmp(buf, edited[*at] ? edited[*at] : was) != 0) {
		free(edited[*at]);
		edited[*at] = xstrdup(buf);
	}
	*at = earlier ? *at - 1 : *at + 1;
	snprintf(buf, size, "%s", edited[*at] ? edited[*at] : *at < hist->n ? hist->v[*at] : "");
	*cur = strlen(buf);
	return true;
}

static bool lineedit_loop(struct app *a, const char *label, char *buf, size_t size,
                          void (*on_change)(struct app *, const char *), const struct searchhist *hist, size_t cur,
                          size_t at, char **edited);

bool lineedit_run_recall(struct app *a, const char *label, char *buf, size_t size,
                         void (*on_change)(struct app *, const char *), const struct searchhist *hist)
{
	size_t cur = strlen(buf), at = hist ? hist->n : 0;
	char **edited = xcalloc(at + 1, sizeof(char *));
	bool done = lineedit_loop(a, label, buf, size, on_change, hist, cur, at, edited);
	for (size_t i = 0; hist && i <= hist->n; i++)
		free(edited[i]);
	free(edited);
	return done;
}

static bool lineedit_loop(struct app *a, const char *label, char *buf, size_t size,
                          void (*on_change)(struct app *, const char *), const struct searchhist *hist, size_t cur,
                          size_t at, char **edited)
{
	for (;;) {
		app_draw(a);
		draw_line(a, label, buf, cur);
		refresh();
		int key = keys_next();
		if (key < 0) {
			keys_interrupted(); /* C-c cancels the line: parley stays */
			return false;
		}
		if (key == (KEY_FUNC | KEY_MOUSE)) {
			MEVENT ev; /* the mouse does not edit: taken, ignored */
			getmouse(&ev);
			continue;
		}
		if (key == (KEY_FUNC | KEY_RESIZE))
			continue;
		if (key == KEY_ESC) {
			/* Alt-b / Alt-f arrive as Esc and a letter at once */
			int next = keys_read_now();
			if (next == 'b' || next == 'f')
				key = KEY_ALT(next);
			else if (next >= 0)
				keys_unread(next); /* Esc, then that key */
		}
		int r = lineedit_key(buf, size, &cur, key);
		if (r < 0)
			return false;
		if (r == 2)
			return true;
		if (r >= 3) /* Up, Down: as if the line were typed */
			r = recall(hist, &at, r == 3, buf, size, &cur, edited);
		if (r == 1 && on_change)
			on_change(a, buf);
	}
}

int ask_key(struct app *a, const char *question)
{
	for (;;) {
		app_draw(a);
		if (!a->lay.too_small) {
			/* the whole question, wrapped above the status line when long */
			int y, x;
			draw_bottom(a, question, theme_attr(EL_MESSAGE) | A_REVERSE, &y, &x);
			move(y, x);
		}
		refresh();
		int k = keys_next();
		if (k == (KEY_FUNC | KEY_MOUSE)) {
			/* a click is no answer: taken from the queue, ignored */
			MEVENT ev;
			getmouse(&ev);
			continue;
		}
		if (k != (KEY_FUNC | KEY_RESIZE))
			return k;
	}
}
