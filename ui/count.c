/* count.c - a number typed before a key, as in vi and less: 5j moves five
 * lines, 3] jumps three positions, 2n steps two hits, 4G goes to the
 * fourth line or entry.  The digits wait on the status line until the key
 * comes; Esc forgets them. */
#include "app.h"

/* The most a count can be: more would only spin. */
#define COUNT_MAX 99999UL

bool count_key(struct app *a, int key)
{
	if (key == KEY_ESC && a->count) {
		a->count = 0;
		app_message(a, false, "count cancelled");
		return true;
	}
	/* a digit bound to an action is that action; 0 starts no count */
	if (key < '0' || key > '9' || (key == '0' && !a->count) || keymap_lookup(&a->keys, key) != ACT_NONE)
		return false;
	a->count = a->count * 10 + (unsigned long)(key - '0');
	if (a->count > COUNT_MAX)
		a->count = COUNT_MAX;
	return true;
}

/* The actions a count repeats: moving and jumping. */
static bool repeats(enum action act)
{
	switch (act) {
	case ACT_MOVE_DOWN:
	case ACT_MOVE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
	case ACT_NEXT_POSITION:
	case ACT_PREV_POSITION:
	case ACT_NEXT_READOUT:
	case ACT_PREV_READOUT:
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		return true;
	default:
		return false;
	}
}

/* One action: the view takes it, else the review keys, else the actions
 * every view shares. */
static void run_once(struct app *a, enum action act)
{
	if (!view_ops(a)->action(a, act) && !review_action(a, act))
		global_action(a, act);
}

static bool failed(const struct app *a)
{
	return a->msg[0] && a->msg_error;
}

void count_run(struct app *a, enum action act)
{
	unsigned long n = a->count;
	a->count = 0;
	if (n && (act == ACT_LAST || act == ACT_FIRST)) {
		/* 4G, 4g: the fourth line or entry, counted from the first */
		run_once(a, ACT_FIRST);
		for (unsigned long i = 1; i < n && !failed(a); i++)
			run_once(a, ACT_MOVE_DOWN);
		return;
	}
	if (n && (act == ACT_NEXT_MATCH || act == ACT_PREV_MATCH)) {
		/* 5n: counted by the search itself (global.c), in one pass */
		a->step_count = n;
		run_once(a, act);
		a->step_count = 0;
		return;
	}
	if (!n || !repeats(act))
		n = 1;
	for (unsigned long i = 0; i < n && !a->quit && !failed(a); i++)
		run_once(a, act);
}
