/* extract_meta.c - what a readout's opening states of the meeting: its
 * date ("On August 16, 2021", "Le 15 juillet 2021", "2022年10月31日",
 * "16 августа 2021 года"; in figures alone, "2021-08-20", "20.08.2021",
 * when it says none in words), place ("in Tashkent", "在北京"; a known city
 * as the lexicon names it, "в Пекине": Пекин), kind (a call, a video
 * call, talks, a meeting, a multilateral meeting, a statement) and who
 * asked for it ("at the request of", "应约", "по инициативе"); the
 * issuer from the page's address.  What the user gave wins. */
#include "extract_int.h"

#include "arena.h"
#include "readout.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unictype.h>
#include <unistr.h>

/* the opening: the first paragraph that names someone, its first two
 * sentences when it is long */
static size_t opening_start(const struct xdoc *x)
{
	for (size_t i = 0; i < x->n_sents; i++)
		if (x->sents[i].para == x->opening_para)
			return x->sents[i].start;
	return 0;
}

static size_t opening_end(const struct xdoc *x)
{
	size_t e = x->n, k = 0;
	for (size_t i = 0; i < x->n_sents && k < 2; i++)
		if (x->sents[i].para == x->opening_para) {
			e = x->sents[i].end;
			k++;
		}
	return e;
}

/* the opening's first two sentences, the second in the next paragraph
 * when the opening is one line ("Les deux premiers ministres se sont
 * rencontrés à Juno Beach") */
static size_t opening_end2(const struct xdoc *x)
{
	size_t e = x->n, k = 0;
	for (size_t i = 0; i < x->n_sents && k < 2; i++)
		if (x->sents[i].para >= x->opening_para) {
			e = x->sents[i].end;
			k++;
		}
	return e;
}

static long number_before(const char *s, size_t at, size_t lo, size_t *start)
{
	size_t e = at;
	while (e > lo && s[e - 1] == ' ')
		e--;
	/* "1er mars": the first of the month, as French writes it */
	if (e >= lo + 3 && s[e - 1] == 'r' && s[e - 2] == 'e' && isdigit((unsigned char)s[e - 3]))
		e -= 2;
	size_t b = e;
	while (b > lo && isdigit((unsigned char)s[b - 1]))
		b--;
	*start = b;
	if (b == e || e - b > 4)
		return -1;
	return strtol(s + b, NULL, 10);
}

static long number_after(const char *s, size_t n, size_t at, size_t *end)
{
	size_t b = at;
	while (b < n && (s[b] == ' ' || s[b] == ','))
		b++;
	size_t e = b;
	while (e < n && isdigit((unsigned char)s[e]))
		e++;
	*end = e;
	if (b == e || e - b > 4)
		return -1;
	/* "1er" */
	return strtol(s + b, NULL, 10);
}

/* a date of an earlier event: after "reached", "signed", "достигнутых"
 * in its sentence, with no kind of meeting said between */
static bool earlier_date(const struct xdoc *x, size_t at)
{
	size_t sb = x->n_sents ? x->sents[x_sentence_of(x, at)].start : 0;
	bool earlier = false;
	for (size_t h = x_hits_from(x, sb); h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= at)
			break;
		if (HIT_CLASS(x, hh) == LC_EARLIER)
			earlier = true;
		else if (HIT_CLASS(x, hh) == LC_KIND)
			earlier = false;
	}
	return earlier;
}

/* 0 for Sunday (Sakamoto's method) */
static int weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* "vendredi 10 janvier" with no year: the first year from the latest the
 * text names (the meeting comes after what it recalls) whose 10 January
 * is a Friday, within the six that follow */
static int year_by_weekday(const struct xdoc *x, int m, int d, size_t lim)
{
	int wd = -1;
	for (size_t h = 0; h < x->n_hits && wd < 0; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (HIT_CLASS(x, hh) == LC_WEEKDAY)
			wd = atoi(HIT_FORM(x, hh)->value);
	}
	if (wd < 0)
		return 0;
	/* not a year to come ("by 2030") */
	time_t now = time(NULL);
	struct tm tm;
	int this_year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2200;
	int latest = 0;
	const char *s = x->text;
	for (size_t i = 0; i + 4 <= x->n; i++) {
		if ((i > 0 && isdigit((unsigned char)s[i - 1])) || !isdigit((unsigned char)s[i]))
			continue;
		size_t e = i;
		while (e < x->n && isdigit((unsigned char)s[e]))
			e++;
		if (e - i == 4) {
			int yr = atoi(s + i);
			if (yr > 1900 && yr <= this_year && yr > latest)
				latest = yr;
		}
		i = e;
	}
	if (!latest)
		return 0;
	for (int yr = latest; yr <= latest + 6; yr++)
		if (weekday(yr, m, d) == wd)
			return yr;
	return 0;
}

/* n digits at s[i] (none more, before or after), as a number; -1 when
 * not */
static long digits_at(const char *s, size_t len, size_t i, size_t n)
{
	if (i + n > len || (i > 0 && isdigit((unsigned char)s[i - 1]))
	    || (i + n < len && isdigit((unsigned char)s[i + n])))
		return -1;
	long v = 0;
	for (size_t k = 0; k < n; k++) {
		if (!isdigit((unsigned char)s[i + k]))
			return -1;
		v = v * 10 + (s[i + k] - '0');
	}
	return v;
}

/* YYYY-MM-DD at s[i] (or with another of seps between), its figures
 * alone: the year, month and day as they are written (not checked). */
static bool ymd_at(const char *s, size_t len, size_t i, const char *seps, long *y, long *m, long *d)
{
	if (i + 10 > len || !strchr(seps, s[i + 4]) || s[i + 7] != s[i + 4])
		return false;
	*y = digits_at(s, len, i, 4);
	*m = digits_at(s, len, i + 5, 2);
	*d = digits_at(s, len, i + 8, 2);
	return *y >= 0 && *m >= 0 && *d >= 0;
}

/* The year of the file's name when it dates the day m-d
 * (en-2016-12-02-lavrov.txt, 12-02: 2016), else 0. */
static int name_year(const struct xdoc *x, long m, long d)
{
	if (!x->path)
		return 0;
	const char *base = strrchr(x->path, '/');
	base = base ? base + 1 : x->path;
	size_t bl = strlen(base);
	long fy, fm, fd;
	for (size_t i = 0; i + 10 <= bl; i++)
		if (ymd_at(base, bl, i, "-", &fy, &fm, &fd) && fy > 1900 && fy < 2200 && fm == m && fd == d)
			return (int)fy;
	return 0;
}

/* The days after a page's date that the opening (before lim) says the
 * meeting was (its first day-rel word's value: -1 for "yesterday"), else
 * 0. */
static int day_rel(const struct xdoc *x, size_t lim)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (HIT_CLASS(x, hh) == LC_DAY_REL)
			return atoi(HIT_FORM(x, hh)->value);
	}
	return 0;
}

/* The day before y-m-d. */
static void day_before(int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (--*d >= 1)
		return;
	if (--*m < 1) {
		*m = 12;
		--*y;
	}
	bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	*d = mdays[*m - 1] + (*m == 2 && leap);
}

/* A date in figures alone, the first before lim not of an earlier
 * event: 2021-08-20 or 2021/08/20 (year first), 20.08.2021 (day first,
 * as Russian and German pages date themselves), 01/09/2022 (month first
 * in English, as the State Department dates its pages, else day first;
 * either when one of the two is over 12, or the one the file's name
 * dates); false when none. */
static bool numeric_date(const struct xdoc *x, size_t lim, int *y, int *m, int *d)
{
	const char *s = x->text;
	for (size_t i = 0; i + 10 <= lim && i + 10 <= x->n; i++) {
		long yr, mo, da;
		if (ymd_at(s, x->n, i, "-/", &yr, &mo, &da)) {
			;
		} else if (s[i + 2] == '/' && s[i + 5] == '/') {
			long a = digits_at(s, x->n, i, 2), b = digits_at(s, x->n, i + 3, 2);
			yr = digits_at(s, x->n, i + 6, 4);
			bool month_first = a > 12                         ? false
			                   : b > 12                       ? true
			                   : yr > 0 && name_year(x, a, b) == yr ? true
			                   : yr > 0 && name_year(x, b, a) == yr ? false
			                                                  : strcmp(x->lang, "en") == 0;
			mo = month_first ? a : b;
			da = month_first ? b : a;
		} else { /* day first */
			if (s[i + 2] != '.' || s[i + 5] != '.' || (da = digits_at(s, x->n, i, 2)) < 0)
				continue;
			mo = digits_at(s, x->n, i + 3, 2);
			yr = digits_at(s, x->n, i + 6, 4);
		}
		/* (not within a longer run: 2021-08-20-1, 1.20.08.2021) */
		bool alone = (i == 0 || (s[i - 1] != '-' && s[i - 1] != '/' && s[i - 1] != '.'))
		             && (i + 10 == x->n || (s[i + 10] != '-' && s[i + 10] != '/' && !isdigit((unsigned char)s[i + 10])
		                                   && !(s[i + 10] == '.' && i + 11 < x->n && isdigit((unsigned char)s[i + 11]))));
		if (!alone || yr <= 1900 || yr >= 2200 || mo < 1 || mo > 12 || da < 1 || da > 31 || earlier_date(x, i))
			continue;
		*y = (int)yr;
		*m = (int)mo;
		*d = (int)da;
		return true;
	}
	return false;
}

/* The date the text says in its opening (before lim) into x->date.
 * stamp: x is a page's title, whose date is the page's; rel: the days
 * after a page's date that the text says the meeting was (day_rel). */
static void find_date(struct xdoc *x, size_t lim, bool stamp, int rel)
{
	const char *s = x->text;
	int y = 0, m = 0, d = 0;
	/* YYYY年M月D日 */
	for (size_t i = 0; i + 3 <= lim && !m; i++) {
		if (memcmp(s + i, "月", 3) != 0)
			continue;
		size_t b, e;
		long mo = number_before(s, i, 0, &b);
		long da = number_after(s, x->n, i + 3, &e);
		if (mo < 1 || mo > 12 || earlier_date(x, b))
			continue;
		m = (int)mo;
		if (da >= 1 && da <= 31 && e + 3 <= x->n && memcmp(s + e, "日", 3) == 0)
			d = (int)da;
		if (b >= 3 && memcmp(s + b - 3, "年", 3) == 0) {
			size_t yb;
			long yr = number_before(s, b - 3, 0, &yb);
			if (yr > 1900 && yr < 2200)
				y = (int)yr;
		}
	}
	/* a month name with a day before or after it and a year */
	for (size_t h = 0; h < x->n_hits && !m; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (HIT_CLASS(x, hh) != LC_MONTH)
			continue;
		int mo = atoi(HIT_FORM(x, hh)->value);
		size_t b, e;
		long before = number_before(s, hh->start, 0, &b);
		long after = number_after(s, x->n, hh->end, &e);
		long day = -1, year = -1;
		if (before >= 1 && before <= 31) {
			day = before;
			if (after > 1900)
				year = after;
		} else if (after >= 1 && after <= 31) {
			day = after;
			size_t e2;
			long yr = number_after(s, x->n, e, &e2);
			if (yr > 1900)
				year = yr;
		} else if (after > 1900) {
			year = after;
		}
		if ((day < 0 && year < 0) || earlier_date(x, day == before ? b : hh->start))
			continue;
		m = mo;
		d = day > 0 ? (int)day : 0;
		y = year > 0 ? (int)year : 0;
	}
	/* in figures alone ("2021-08-20" over the text, "20.08.2021"): when
	 * the text says no date in words, and the page none either */
	if (!m && !x->date[0])
		stamp = numeric_date(x, lim, &y, &m, &d) || stamp;
	if (!m)
		return;
	/* the year from what the user or the page said */
	if (!y) {
		const char *given = x->o && x->o->date && *x->o->date ? x->o->date : x->date;
		if (given && strlen(given) >= 4 && isdigit((unsigned char)given[0]))
			y = atoi(given);
	}
	/* or the file's name, when it dates that very day
	 * (en-2016-12-02-lavrov-kerry.txt, "On December 2") */
	if (!y && d)
		y = name_year(x, m, d);
	if (!y && d)
		y = year_by_weekday(x, m, d, lim);
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 0 || d > 31)
		return; /* (no such date: date_is_valid below would refuse it) */
	/* a page's date (in figures, or its title's): the meeting's is the
	 * day before when the text says "yesterday" */
	for (int k = rel; stamp && d && k < 0 && k >= -7 && y > 1; k++) /* ("avant-hier": -2) */
		day_before(&y, &m, &d);
	char date[32]; /* (room enough for any int: the checks above bound them) */
	if (d)
		snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
	else
		snprintf(date, sizeof(date), "%04d-%02d", y, m);
	/* a day the month has not ("31 февраля") dates nothing: the text's
	 * date is then not known, rather than made up */
	if (date_is_valid(date) && strlen(date) < sizeof(x->date))
		memcpy(x->date, date, strlen(date) + 1);
}

static const char *const kind_order[] = { "video-call", "call", "talks", "meeting", "statement", "other", "talk", NULL };

/* Is the kind hit k part of a "sidelines" phrase: after "on the sidelines
 * of" in its sentence (a short way before), or before "期间" (Han text)? */
static bool sidelines(const struct xdoc *x, const struct lex_hit *k)
{
	size_t sb = x->n_sents ? x->sents[x_sentence_of(x, k->start)].start : 0;
	size_t se = x->n_sents ? x->sents[x_sentence_of(x, k->start)].end : x->n;
	for (size_t h = x_hits_from(x, sb); h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= se)
			break;
		if (HIT_CLASS(x, hh) != LC_SIDELINES)
			continue;
		bool han = x_is_han_at(x->text, x->n, hh->start);
		if (han ? (hh->start >= k->end && hh->start - k->end <= 30) || (hh->end <= k->start && k->start - hh->end <= 30)
		        : hh->end <= k->start && k->start - hh->end <= 60)
			return true;
	}
	return false;
}

/* The kind the opening says; a call outranks talks and meetings wherever
 * it is said, else the first said wins; "other" (a signing ceremony) only
 * when nothing else is said.  With !all, only a call, talks or a meeting
 * count (the closing "Разговор состоялся по инициативе ..."). */
static void find_kind(struct xdoc *x, size_t from, size_t lim, bool all)
{
	bool multi = false, bilateral = false;
	int best = -1;
	size_t best_at = 0;
	/* the title says it too */
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (hh->start < from)
			continue;
		if (HIT_CLASS(x, hh) != LC_KIND)
			continue;
		const char *k = HIT_FORM(x, hh)->value;
		if (strcmp(k, "bilateral") == 0) {
			/* "двусторонняя встреча", "bilateral meeting": a meeting of
			 * two, whatever summit it was held at */
			bilateral = true;
			k = "meeting";
		}
		if (strcmp(k, "multilateral") == 0) {
			/* "on the sidelines of the OSCE Ministerial Council", "en
			 * marge du Sommet du G20", "出席峰会期间": where they met */
			multi = multi || (all && !sidelines(x, hh));
			continue;
		}
		for (int i = 0; kind_order[i]; i++)
			if (strcmp(kind_order[i], k) == 0) {
				if (!all && i > 3 && i != 6)
					break;
				/* "talk" (index 6) ranks as a meeting */
				int ri = i == 6 ? 3 : i, rb = best == 6 ? 3 : best;
				bool better = best < 0 || (ri <= 1 && ri < rb) || (ri > 1 && rb > 1 && hh->start < best_at && ri < 4)
				              || (best == 5 && i < 5);
				if (better) {
					best = i;
					best_at = hh->start;
				}
			}
	}
	/* the parties: the participants' countries, each participant of no
	 * known country one; two people of one country and a third of
	 * another (a president with his minister) are two parties */
	size_t people = 0, parties = 0;
	for (size_t i = 0; i < x->n_sp; i++) {
		const struct xspeaker *p = &x->sp[i];
		if (p->group || !p->participant)
			continue;
		people++;
		bool seen = false;
		for (size_t j = 0; j < i && p->country[0] && !seen; j++)
			seen = !x->sp[j].group && x->sp[j].participant && strcmp(x->sp[j].country, p->country) == 0;
		parties += !seen;
	}
	if (!all) {
		if (best >= 0)
			snprintf(x->kind, sizeof(x->kind), "%s", kind_order[best]);
		return;
	}
	if (x->qa)
		snprintf(x->kind, sizeof(x->kind), "statement"); /* a spokesperson's answers */
	else if (!bilateral && (multi || (people >= 3 && parties >= 3)))
		snprintf(x->kind, sizeof(x->kind), "multilateral");
	else if (best >= 0)
		snprintf(x->kind, sizeof(x->kind), "%s", kind_order[best]);
}

/* "in Tashkent", "à Tachkent", "в Ташкенте", "在塔什干会见"; with
 * after_kind, only after the sentence says they met ("se sont rencontrés
 * à Juno Beach", not "a settlement in Syria") */
static void find_place(struct xdoc *x, size_t from, size_t lim, bool after_kind, bool city_only)
{
	const char *s = x->text;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (hh->start < from)
			continue;
		if (HIT_CLASS(x, hh) != LC_PLACE)
			continue;
		if (after_kind) {
			size_t sb = x->sents[x_sentence_of(x, hh->start)].start;
			bool said = false;
			for (size_t k = x_hits_from(x, sb); k < h && !said; k++)
				said = HIT_CLASS(x, &x->hits[k]) == LC_KIND;
			if (!said)
				continue;
		}
		size_t a = hh->end;
		if (x_is_han_at(s, x->n, hh->start)) {
			/* 在 X 会见: up to a place-end form within eight characters */
			size_t e = a, chars = 0;
			bool ended = false;
			while (e < lim && chars < 8 && x_is_han_at(s, x->n, e)) {
				for (size_t k = 0; k < x->n_hits && !ended; k++)
					if (x->hits[k].start == e && HIT_CLASS(x, &x->hits[k]) == LC_PLACE_END)
						ended = true;
				if (ended)
					break;
				e += 3;
				chars++;
			}
			if (ended && chars >= 2) {
				x->place = xstrndup(s + a, e - a);
				return;
			}
			continue;
		}
		while (a < lim && s[a] == ' ')
			a++;
		if (city_only) {
			/* a call: "the situation in Ukraine" is no place; "in Beijing" is */
			bool city = false;
			for (size_t k = h + 1; k < x->n_hits && x->hits[k].start <= a && !city; k++)
				city = x->hits[k].start == a && HIT_CLASS(x, &x->hits[k]) == LC_COUNTRY_CITY;
			if (!city)
				continue;
		}
		ucs4_t uc;
		if (a >= lim || u8_mbtouc(&uc, (const uint8_t *)s + a, lim - a) < 1 || !uc_is_upper(uc))
			continue;
		/* not a month, a country adjective, a title, a person */
		bool skip = false;
		for (size_t k = 0; k < x->n_hits && !skip; k++) {
			const struct lex_hit *o = &x->hits[k];
			if (o->start == a) {
				enum lex_class c = HIT_CLASS(x, o);
				skip = c == LC_MONTH || c == LC_TITLE || c == LC_PERSON || c == LC_COUNTRY_ADJ || c == LC_KIND
				       || c == LC_GROUP || c == LC_HONORIFIC || c == LC_AGREEMENT || c == LC_INSTRUMENT;
			}
		}
		for (size_t r = 0; r < x->n_refs && !skip; r++)
			skip = x->refs[r].start <= a && x->refs[r].end > a;
		if (skip)
			continue;
		/* a known city: its name, in the nominative ("в Пекине": Пекин) */
		const struct lex_hit *city = NULL;
		for (size_t k = h + 1; k < x->n_hits && x->hits[k].start <= a; k++)
			if (x->hits[k].start == a && HIT_CLASS(x, &x->hits[k]) == LC_COUNTRY_CITY
			    && (!city || x->hits[k].end > city->end))
				city = &x->hits[k];
		if (city && city->end <= lim) {
			const char *name = HIT_FORM(x, city)->extra;
			x->place = *name ? xstrdup(name) : xstrndup(s + a, city->end - a);
			return;
		}
		/* capitalised words, hyphens */
		size_t e = a;
		int words = 0;
		while (e < lim && words < 3) {
			size_t w = e;
			while (w < lim && (isalpha((unsigned char)s[w]) || s[w] == '-' || (unsigned char)s[w] >= 0x80)
			       && !x_is_han_at(s, x->n, w))
				w++;
			if (w == e)
				break;
			words++;
			e = w;
			if (e + 1 < lim && s[e] == ' ' && u8_mbtouc(&uc, (const uint8_t *)s + e + 1, lim - e - 1) > 0
			    && uc_is_upper(uc))
				e++;
			else
				break;
		}
		if (e > a) {
			x->place = xstrndup(s + a, e - a);
			return;
		}
	}
}

/* a known city the opening names otherwise ("on the sidelines of the Rome
 * Mediterranean Dialogues"): the first one */
static void find_city(struct xdoc *x, size_t from, size_t lim)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (hh->start >= from && HIT_CLASS(x, hh) == LC_COUNTRY_CITY) {
			const char *name = HIT_FORM(x, hh)->extra;
			x->place = *name ? xstrdup(name) : xstrndup(x->text + hh->start, hh->end - hh->start);
			return;
		}
	}
}

/* "at the request of X", "应X邀请": X; "at request", "应约": the other
 * participant than the opening's subject; "X called Y" (a form of value
 * self): X, in the opening alone (opening) and with the one called named
 * right after ("India called for a ceasefire", later in the text, made
 * India the initiator). */
static void find_initiator(struct xdoc *x, size_t from, size_t lim, bool opening)
{
	const char *s = x->text;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= lim)
			break;
		if (hh->start < from || HIT_CLASS(x, hh) != LC_INITIATOR)
			continue;
		const struct lex_form *f = HIT_FORM(x, hh);
		if (f->has_slot) {
			/* the speaker named right after, then the rest of the form */
			size_t a = hh->end;
			while (a < x->n && s[a] == ' ')
				a++;
			for (size_t r = 0; r < x->n_refs; r++) {
				const struct xref *ref = &x->refs[r];
				if (ref->start < a)
					continue;
				if (ref->start > a + 16)
					break;
				/* "the Chinese side", "his Russian counterpart Sergey Lavrov" */
				if (ref->kind == XR_PRONOUN_PL || ref->kind == XR_PRONOUN_SG || ref->kind == XR_GROUP)
					break;
				if (f->suffix_len) {
					size_t b = ref->end;
					while (b < x->n && s[b] == ' ')
						b++;
					size_t len;
					char *rest = lex_norm(s + b, x->n - b < 16 ? x->n - b : 16, &len);
					bool ok = len >= f->suffix_len && memcmp(rest, f->suffix, f->suffix_len) == 0;
					if (!ok) {
						/* 应X的邀请 */
						ok = len >= 3 + f->suffix_len && memcmp(rest, "的", 3) == 0
						     && memcmp(rest + 3, f->suffix, f->suffix_len) == 0;
					}
					free(rest);
					if (!ok)
						break;
				}
				x->initiator = (long)ref->who;
				return;
			}
			continue;
		}
		/* "Le Président a appelé le Chancelier", "王毅致电…": the subject
		 * asked */
		bool self = strcmp(f->value, "self") == 0;
		size_t sent = x_sentence_of(x, hh->start);
		if (self) {
			if (!opening)
				continue;
			/* (a title may come first: "позвонил Председателю Китайской
			 * Народной Республики Си Цзиньпину"; six words at most) */
			bool called = false;
			for (size_t r = 0; r < x->n_refs && !called; r++) {
				const struct xref *ref = &x->refs[r];
				if (ref->start < hh->end || ref->start >= x->sents[sent].end || ref->kind == XR_GROUP
				    || ref->kind >= XR_PRONOUN_SG)
					continue;
				size_t words = 0;
				for (size_t k = hh->end; k < ref->start; k++)
					words += s[k] == ' ' && k + 1 < ref->start && s[k + 1] != ' ';
				called = words <= 6;
				break;
			}
			if (!called)
				continue;
		}
		/* the other participant: the first person named in the sentence
		 * is the subject */
		size_t subject = (size_t)-1;
		for (size_t r = 0; r < x->n_refs; r++) {
			const struct xref *ref = &x->refs[r];
			if (ref->start < x->sents[sent].start || ref->kind == XR_GROUP || ref->kind >= XR_PRONOUN_SG)
				continue;
			if (ref->start >= x->sents[sent].end)
				break;
			if (subject == (size_t)-1) {
				subject = ref->who;
				if (self && ref->start < hh->start && !x->sp[ref->who].group) {
					x->initiator = (long)ref->who;
					return;
				}
			} else if (ref->who != subject && !self) {
				x->initiator = (long)ref->who;
				return;
			}
		}
	}
}

static void find_issuer(struct xdoc *x)
{
	if (x->o && x->o->issuer && *x->o->issuer) {
		snprintf(x->issuer, sizeof(x->issuer), "%s", x->o->issuer);
		return;
	}
	if (!x->url)
		return;
	/* the host of the address */
	const char *h = strstr(x->url, "://");
	h = h ? h + 3 : x->url;
	size_t hl = strcspn(h, "/:?#");
	const struct lexicon *lx = x->lx;
	size_t best = 0;
	for (size_t i = 0; i < lx->n_rows[LEX_COUNTRIES]; i++) {
		const struct lex_row *r = &lx->rows[LEX_COUNTRIES][i];
		if (strcmp(r->f[2], "domain") != 0)
			continue;
		size_t dl = strlen(r->f[3]);
		/* the host is the domain or ends with ".domain" */
		if (dl <= hl && strncasecmp(h + hl - dl, r->f[3], dl) == 0 && (dl == hl || h[hl - dl - 1] == '.')
		    && dl > best) {
			best = dl;
			snprintf(x->issuer, sizeof(x->issuer), "%s", r->f[0]);
		}
	}
}

/* The date of the page's title ("Entretien ... (17 juin 2022)"), the
 * text saying none: its forms found in it alone. */
static void date_of_title(struct xdoc *x, const char *title, int rel)
{
	struct xdoc t;
	memset(&t, 0, sizeof(t));
	t.lx = x->lx;
	t.o = x->o;
	t.path = x->path;
	t.text = (char *)title; /* (only read) */
	t.n = strlen(title);
	memcpy(t.lang, x->lang, sizeof(t.lang));
	lex_text_init(&t.lt, t.text, t.n);
	t.n_hits = lex_find(t.lx, &t.lt, t.text, LC_BIT(LC_MONTH) | LC_BIT(LC_WEEKDAY) | LC_BIT(LC_EARLIER)
	                                         | LC_BIT(LC_KIND), t.lang, &t.hits);
	find_date(&t, t.n, true, rel);
	memcpy(x->date, t.date, sizeof(x->date));
	free(t.hits);
	lex_text_free(&t.lt);
}

void x_meta(struct xdoc *x)
{
	const struct extract_opts *o = x->o;
	size_t lim = opening_end(x);
	if (o && o->date && *o->date) {
		snprintf(x->date, sizeof(x->date), "%s", o->date);
	} else {
		int rel = day_rel(x, lim);
		find_date(x, lim, false, rel);
		/* (the page's title, or the one given) */
		const char *title = o && o->title && *o->title ? o->title : x->title;
		if (!x->date[0] && title)
			date_of_title(x, title, rel);
	}
	size_t lim2 = opening_end2(x);
	if (o && o->kind && *o->kind) {
		snprintf(x->kind, sizeof(x->kind), "%s", o->kind);
	} else {
		find_kind(x, opening_start(x), lim, true);
		if (!x->kind[0])
			find_kind(x, opening_start(x), lim2, true);
		if (!x->kind[0]) /* said later: "Разговор состоялся по инициативе ..." */
			find_kind(x, opening_start(x), x->n, false);
	}
	bool call = strcmp(x->kind, "call") == 0 || strcmp(x->kind, "video-call") == 0;
	if (o && o->place && *o->place) {
		x->place = xstrdup(o->place);
	} else {
		find_place(x, opening_start(x), lim, false, call);
		if (!x->place && !call && lim2 > lim) /* a call has no place but the caller's */
			find_place(x, lim, lim2, true, false);
		if (!x->place && !call)
			find_city(x, opening_start(x), lim);
	}
	/* "s'est entretenu avec": a call unless the opening says where */
	if (strcmp(x->kind, "talk") == 0)
		snprintf(x->kind, sizeof(x->kind), "%s", x->place ? "meeting" : "call");
	find_initiator(x, 0, lim, true);
	if (x->initiator < 0)
		find_initiator(x, lim, x->n, false);
	find_issuer(x);
}
