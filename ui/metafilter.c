/* metafilter.c - the filters of what readouts are: a picker of the
 * languages and one of the kinds the corpus has, a prompt for the dates
 * (filter_set_period's SINCE..UNTIL), and the mode of the chosen speakers
 * (together or either).  The rules are the core's (filter.h). */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void told(struct app *a, bool on, const char *what, const char *value)
{
	char name[160];
	snprintf(name, sizeof(name), "%s %s", what, value);
	app_say_filter(a, on, name);
}

void metafilter_pick_lang(struct app *a)
{
	size_t n = 0, nr = a->corpus.n_readouts;
	struct pick_item *items = xcalloc(nr + 1, sizeof(*items));
	size_t *count = xcalloc(nr + 1, sizeof(size_t));
	for (size_t ri = 0; ri < nr; ri++) {
		const char *l = a->corpus.readouts[ri].lang;
		if (!l || !*l)
			continue;
		size_t i = 0;
		while (i < n && strcasecmp(items[i].label, l) != 0)
			i++;
		if (i == n)
			items[n++].label = l;
		count[i]++;
	}
	/* most readouts first */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && count[j] > count[j - 1]; j--) {
			struct pick_item t = items[j];
			items[j] = items[j - 1];
			items[j - 1] = t;
			size_t c = count[j];
			count[j] = count[j - 1];
			count[j - 1] = c;
		}
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < a->filter.n_langs; k++)
			items[i].on |= strcasecmp(a->filter.langs[k], items[i].label) == 0;
		snprintf(items[i].extra, sizeof(items[i].extra), " %zu rd ", count[i]);
	}
	char typed[64] = "";
	if (!n) {
		app_message(a, true, "no readout gives its language");
	} else {
		long r = pick_run(a, "Filter by language: type to narrow, Enter sets or clears, Esc closes", items, n, 0,
		                  typed, sizeof(typed));
		if (r >= 0) {
			char *l = xstrdup(items[r].label);
			bool on = filter_toggle_lang(&a->filter, l);
			app_refilter(a);
			told(a, on, "language", l);
			free(l);
		}
	}
	free(items);
	free(count);
}

void metafilter_pick_kind(struct app *a)
{
	struct pick_item items[KIND_COUNT];
	int kind[KIND_COUNT];
	size_t count[KIND_COUNT] = { 0 }, n = 0;
	for (size_t ri = 0; ri < a->corpus.n_readouts; ri++) {
		int k = a->corpus.readouts[ri].kind;
		if (k >= 0 && k < KIND_COUNT)
			count[k]++;
	}
	memset(items, 0, sizeof(items));
	for (int k = 0; k < KIND_COUNT; k++) {
		if (!count[k])
			continue;
		items[n].label = readout_kind_names[k];
		items[n].on = (a->filter.kinds & (1u << k)) != 0;
		snprintf(items[n].extra, sizeof(items[n].extra), " %zu rd ", count[k]);
		kind[n++] = k;
	}
	if (!n) {
		app_message(a, true, "no readout gives its kind");
		return;
	}
	char typed[64] = "";
	long r = pick_run(a, "Filter by kind: type to narrow, Enter sets or clears, Esc closes", items, n, 0, typed,
	                  sizeof(typed));
	if (r < 0)
		return;
	a->filter.kinds ^= 1u << kind[r];
	app_refilter(a);
	told(a, (a->filter.kinds & (1u << kind[r])) != 0, "kind", readout_kind_names[kind[r]]);
}

void metafilter_dates(struct app *a)
{
	char buf[64];
	const struct filter *f = &a->filter;
	/* what was refused the last time, to mend, else the dates as they are */
	if (a->dates_refused[0])
		snprintf(buf, sizeof(buf), "%s", a->dates_refused);
	else if (f->since[0] || f->until[0])
		snprintf(buf, sizeof(buf), "%s..%s", f->since, f->until);
	else
		buf[0] = '\0';
	a->dates_refused[0] = '\0';
	/* (its own line: Up does not recall the searches) */
	if (!lineedit_run(a, "Dates (SINCE..UNTIL, one date; empty: any): ", buf, sizeof(buf), NULL))
		return;
	char why[128];
	if (!filter_set_period(&a->filter, buf, why, sizeof(why))) {
		/* (a date that is none, or a range the wrong way round, as
		 * the command line's --since after --until: it matched nothing
		 * without a word) */
		app_message(a, true, "%s (the dates stay %s)", why, f->since[0] || f->until[0] ? "as they were" : "any");
		snprintf(a->dates_refused, sizeof(a->dates_refused), "%s", buf);
		return;
	}
	app_refilter(a);
	char m[96];
	if (f->since[0] || f->until[0])
		app_message(a, false, "dates %s..%s: %s match", f->since, f->until, app_matched(a, m, sizeof(m)));
	else
		app_message(a, false, "any date");
}

void metafilter_toggle_together(struct app *a)
{
	a->filter.all_speakers = !a->filter.all_speakers;
	app_refilter(a);
	char m[96];
	if (a->filter.all_speakers)
		app_message(a, false, "speakers together: readouts with every chosen speaker (%s)", app_matched(a, m, sizeof(m)));
	else
		app_message(a, false, "speakers either: readouts with any chosen speaker (%s)", app_matched(a, m, sizeof(m)));
}
