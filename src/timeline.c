/* timeline.c - positions over time, counted per period (timeline.h). */
#include "timeline.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct corpus *sort_c;

/* a match and its place in the list given (which is in text order) */
struct item {
	struct match m;
	size_t i;
};

static int by_date(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	const char *da = sort_c->readouts[a->m.readout].date, *db = sort_c->readouts[b->m.readout].date;
	if (!da != !db)
		return da ? -1 : 1; /* undated last */
	if (da) {
		int k = strcmp(da, db);
		if (k)
			return k;
	}
	return a->i < b->i ? -1 : a->i > b->i;
}

const char timeline_glyph[STANCE_COUNT + 1] = { '+', '-', '>', '!', '=', '.', '?' };

bool timeline_period(const char *date, enum tl_unit unit, char *key)
{
	size_t n = date ? strlen(date) : 0;
	if (n < 4)
		return false;
	/* (a date of a year alone, by months: its year's period, not its
	 * January) */
	snprintf(key, 8, "%.*s", unit == TL_MONTH && n >= 7 ? 7 : 4, date);
	return true;
}

/* the period after key */
static void next_period(char *key, enum tl_unit unit)
{
	unsigned y = (unsigned)atoi(key) % 10000u, m = unit == TL_MONTH ? (unsigned)atoi(key + 5) % 100u : 0;
	if (unit == TL_MONTH) {
		if (++m > 12) {
			m = 1;
			y = (y + 1) % 10000u;
		}
		snprintf(key, 8, "%04u-%02u", y, m);
	} else {
		snprintf(key, 8, "%04u", (y + 1) % 10000u);
	}
}

static int dated_order(const void *x, const void *y)
{
	const struct tl_dated *a = x, *b = y;
	bool ua = !a->date || strlen(a->date) < 4, ub = !b->date || strlen(b->date) < 4;
	if (ua != ub)
		return ua ? 1 : -1; /* undated last */
	return ua ? 0 : strcmp(a->date, b->date);
}

void timeline_count(struct timeline *t, struct tl_dated *v, size_t nv, enum tl_unit unit)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->undated.key, sizeof(t->undated.key), "undated");
	if (nv > 1)
		qsort(v, nv, sizeof(*v), dated_order);
	const char *first = NULL, *last = NULL;
	for (size_t i = 0; i < nv; i++) {
		const char *d = v[i].date;
		if (!d || strlen(d) < 4) {
			t->undated.count[v[i].stance] += v[i].n;
			t->undated.total += v[i].n;
			continue;
		}
		if (!first)
			first = d;
		last = d;
	}
	if (unit == TL_AUTO)
		unit = first && atoi(last) - atoi(first) > 2 ? TL_YEAR : TL_MONTH;
	t->unit = unit;
	if (!first)
		return;
	/* every period from the first to the last of the unit's, empty ones
	 * too; by months, the dates of a year alone (their readouts may be
	 * from any month: they were counted in January, under --since
	 * 2010-11 too) in a period of their year, "2010", before its months,
	 * where its key sorts */
	const char *fm = NULL, *lm = NULL;
	for (size_t i = 0; i < nv; i++) {
		const char *d = v[i].date;
		if (d && strlen(d) >= (unit == TL_MONTH ? 7 : 4)) {
			if (!fm)
				fm = d;
			lm = d;
		}
	}
	size_t cap = 0;
	char key[8], end[8];
	if (fm) {
		timeline_period(fm, unit, key);
		timeline_period(lm, unit, end);
		for (int guard = 0; guard < 5000; guard++) {
			grow(&t->p, &cap, t->np + 1, sizeof(*t->p));
			memset(&t->p[t->np], 0, sizeof(*t->p));
			memcpy(t->p[t->np].key, key, 8);
			t->np++;
			if (strcmp(key, end) >= 0)
				break;
			next_period(key, unit);
		}
	}
	/* (the dates are in order, so are their years: each looked for from
	 * where the one before was) */
	size_t at = 0;
	for (size_t i = 0; i < nv; i++) {
		const char *d = v[i].date;
		if (unit != TL_MONTH || !d || strlen(d) < 4 || strlen(d) >= 7)
			continue;
		char k[8];
		timeline_period(d, unit, k);
		while (at < t->np && strcmp(t->p[at].key, k) < 0)
			at++;
		if (at < t->np && strcmp(t->p[at].key, k) == 0)
			continue;
		grow(&t->p, &cap, t->np + 1, sizeof(*t->p));
		memmove(t->p + at + 1, t->p + at, (t->np - at) * sizeof(*t->p));
		memset(&t->p[at], 0, sizeof(*t->p));
		memcpy(t->p[at].key, k, 8);
		t->np++;
	}
	at = 0;
	for (size_t i = 0; i < nv; i++) {
		const char *date = v[i].date;
		char k[8];
		if (!timeline_period(date, unit, k))
			continue;
		while (at + 1 < t->np && strcmp(t->p[at].key, k) < 0)
			at++;
		t->p[at].count[v[i].stance] += v[i].n;
		t->p[at].total += v[i].n;
	}
}

bool timeline_counts(const struct position *p, const struct filter *f)
{
	return p->review != REVIEW_REJECTED || (f && (f->reviews & (1u << REVIEW_REJECTED)));
}

void timeline_build(struct timeline *t, const struct corpus *c, const struct filter *f, struct match *m, size_t n,
                    enum tl_unit unit)
{
	/* a stable sort: qsort is not, so the place given breaks ties */
	struct item *it = xmalloc((n ? n : 1) * sizeof(*it));
	for (size_t i = 0; i < n; i++)
		it[i] = (struct item){ m[i], i };
	sort_c = c;
	if (n > 1)
		qsort(it, n, sizeof(*it), by_date);
	struct tl_dated *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t nv = 0;
	for (size_t i = 0; i < n; i++) {
		m[i] = it[i].m;
		const struct readout *r = &c->readouts[m[i].readout];
		const struct position *p = &r->positions[m[i].position];
		if (timeline_counts(p, f))
			v[nv++] = (struct tl_dated){ r->date, p->stance >= 0 && p->stance < STANCE_COUNT ? p->stance
			                                                                          : STANCE_COUNT, 1 };
	}
	free(it);
	timeline_count(t, v, nv, unit);
	free(v);
	t->m = m;
	t->n = n;
}

void timeline_free(struct timeline *t)
{
	free(t->m);
	free(t->p);
	memset(t, 0, sizeof(*t));
}
