/* names.c - resolving the names users type (see names.h). */
#include "names.h"
#include "arena.h"
#include "fold.h"
#include "ids.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

static bool is_han(ucs4_t uc)
{
	static const uc_script_t *han;
	if (!han)
		han = uc_script_byname("Han");
	return uc < 0x2E80 ? false : uc_is_script(uc, han);
}

/* The words of folded s: runs between word breaks that hold a letter or a
 * digit, split again at full stops ("с.в.лавров" is three words), a run of
 * Han characters one word.  Pairs of byte offsets go to *v; returns how
 * many words. */
static size_t split_words(const char *s, size_t **v)
{
	size_t n = strlen(s), cap = 0, nw = 0;
	*v = NULL;
	if (!n)
		return 0;
	char *brk = xmalloc(n);
	u8_wordbreaks((const uint8_t *)s, n, brk);
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		bool alnum = false;
		for (;;) {
			ucs4_t uc;
			int len = u8_mbtouc(&uc, (const uint8_t *)s + j, n - j);
			if (uc == '.')
				break;
			alnum = alnum || uc_is_alnum(uc);
			bool han = is_han(uc);
			j += (size_t)(len > 0 ? len : 1);
			if (j >= n)
				break;
			if (brk[j]) { /* a break, unless between two Han characters */
				ucs4_t next;
				u8_mbtouc(&next, (const uint8_t *)s + j, n - j);
				if (!han || !is_han(next))
					break;
			}
		}
		if (alnum) {
			grow(v, &cap, 2 * (nw + 1), sizeof(size_t));
			(*v)[2 * nw] = i;
			(*v)[2 * nw + 1] = j;
			nw++;
		}
		i = j < n && s[j] == '.' ? j + 1 : j;
	}
	free(brk);
	return nw;
}

void name_term_init(struct name_term *t, const char *text)
{
	t->text = xstrdup(text);
	t->folded = fold_dup(text, strlen(text));
	t->n_words = split_words(t->folded, &t->words);
}

void name_term_free(struct name_term *t)
{
	free(t->text);
	free(t->folded);
	free(t->words);
	memset(t, 0, sizeof(*t));
}

static bool word_eq(const char *a, const size_t *wa, const char *b, const size_t *wb)
{
	size_t la = wa[1] - wa[0], lb = wb[1] - wb[0];
	return la == lb && memcmp(a + wa[0], b + wb[0], la) == 0;
}

/* Are the m words of b those of a, in another order (each used once)? */
static bool same_words(const char *a, const size_t *wa, const char *b, const size_t *wb, size_t m)
{
	bool used[16] = { false };
	if (m > 16)
		return false;
	for (size_t i = 0; i < m; i++) {
		size_t j = 0;
		while (j < m && (used[j] || !word_eq(a, wa + 2 * j, b, wb + 2 * i)))
			j++;
		if (j == m)
			return false;
		used[j] = true;
	}
	return true;
}

enum name_fit name_fit(const struct name_term *t, const char *s)
{
	if (!s || !*t->folded)
		return NAME_NONE;
	char *f = fold_dup(s, strlen(s));
	enum name_fit fit = NAME_NONE;
	if (strcmp(f, t->folded) == 0) {
		free(f);
		return NAME_WHOLE;
	}
	if (strstr(f, t->folded))
		fit = NAME_PART;
	size_t *w, nw = split_words(f, &w), m = t->n_words;
	for (size_t i = 0; m && i + m <= nw && fit < NAME_WORDS; i++) {
		size_t k = 0;
		while (k < m && word_eq(f, w + 2 * (i + k), t->folded, t->words + 2 * k))
			k++;
		if (k == m) {
			/* all its words, spaced or stopped otherwise ("С. В.
			 * Лавров" is "С.В.Лавров"): the whole of it */
			fit = nw == m ? NAME_WHOLE : NAME_WORDS;
		} else if (k == m - 1) {
			/* the last word of the term begins the next word of the name */
			const size_t *nwd = w + 2 * (i + k), *twd = t->words + 2 * k;
			size_t tl = twd[1] - twd[0];
			if (nwd[1] - nwd[0] > tl && memcmp(f + nwd[0], t->folded + twd[0], tl) == 0)
				fit = NAME_PREFIX;
		}
	}
	/* all its words in another order ("Lavrov Sergey"): words of it */
	if (fit < NAME_WORDS && m > 1 && nw == m && same_words(f, w, t->folded, t->words, m))
		fit = NAME_WORDS;
	free(w);
	free(f);
	return fit;
}

enum name_fit name_fit_id(const struct name_term *t, const char *id)
{
	if (!id)
		return NAME_NONE;
	if (strcmp(id, t->text) == 0)
		return NAME_ID;
	char *name = name_of_id(id);
	enum name_fit fit = name_fit(t, name);
	free(name);
	return name_fit_as_id(fit);
}

enum name_fit name_fit_as_id(enum name_fit as_name)
{
	/* a fallback name: never as good as a label or alias whole */
	return as_name > NAME_WORDS ? NAME_WORDS : as_name;
}

char *name_of_id(const char *id)
{
	char *name = xstrdup(id);
	for (char *p = name; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	return name;
}

enum name_fit name_fit_entity(const struct name_term *t, const struct entity *e)
{
	enum name_fit best = name_fit_id(t, e->id), f = name_fit(t, e->label);
	if (best == NAME_ID)
		return best;
	if (f > best)
		best = f;
	for (size_t i = 0; i < e->n_aliases && best < NAME_WHOLE; i++) {
		enum name_fit f = name_fit(t, e->aliases[i]);
		if (f > best)
			best = f;
	}
	return best;
}

long name_choose(struct name_cand *v, size_t n, size_t *n_best)
{
	enum name_fit best = NAME_NONE;
	for (size_t i = 0; i < n; i++)
		if (v[i].fit > best)
			best = v[i].fit;
	*n_best = 0;
	if (best == NAME_NONE)
		return -2;
	bool person = false;
	for (size_t i = 0; i < n; i++)
		person = person || (v[i].fit == best && !v[i].group);
	/* the best ones to the front, in their order */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].fit == best && !(person && v[i].group)) {
			struct name_cand c = v[i];
			memmove(v + k + 1, v + k, (i - k) * sizeof(*v));
			v[k++] = c;
		}
	*n_best = k;
	return k == 1 ? 0 : -1;
}

size_t name_distance(const char *a, const char *b, size_t cap)
{
	size_t na = u8_mbsnlen((const uint8_t *)a, strlen(a)), nb = u8_mbsnlen((const uint8_t *)b, strlen(b));
	if ((na > nb ? na - nb : nb - na) > cap)
		return cap + 1;
	ucs4_t *x = xmalloc((na + 1) * sizeof(ucs4_t)), *y = xmalloc((nb + 1) * sizeof(ucs4_t));
	size_t k = 0;
	for (const uint8_t *p = (const uint8_t *)a; *p && k < na;)
		p += u8_mbtouc(&x[k++], p, strlen((const char *)p));
	k = 0;
	for (const uint8_t *p = (const uint8_t *)b; *p && k < nb;)
		p += u8_mbtouc(&y[k++], p, strlen((const char *)p));
	size_t *row = xmalloc((nb + 1) * sizeof(size_t));
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	size_t d = cap + 1;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0], lo = row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t v = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < lo)
				lo = v;
		}
		if (lo > cap)
			goto out; /* every path is already too long */
	}
	d = row[nb] <= cap ? row[nb] : cap + 1;
out:
	free(row);
	free(x);
	free(y);
	return d;
}

const char *name_meant(const char *word, size_t len, const char *const *names, size_t n)
{
	if (!len)
		return NULL;
	char *w = xstrndup(word, len);
	size_t limit = u8_mbsnlen((const uint8_t *)w, len) < 4 ? 1 : 2;
	const char *best = NULL;
	size_t best_d = 0;
	for (size_t i = 0; i < n; i++) {
		size_t d = strncmp(names[i], w, len) == 0 ? 0 : name_distance(w, names[i], limit);
		if (d > limit)
			continue;
		if (!best || d < best_d || (d == best_d && strlen(names[i]) < strlen(best))) {
			best = names[i];
			best_d = d;
		}
	}
	free(w);
	return best;
}

size_t name_near_cap(const struct name_term *t)
{
	size_t len = u8_mbsnlen((const uint8_t *)t->folded, strlen(t->folded));
	return len <= 2 ? 0 : len <= 5 ? 1 : len <= 9 ? 2 : 3;
}

/* The least distance from a (folded, m words) to s or to a run of m of its
 * words. */
static size_t windows(const char *a, size_t m, const char *s, size_t cap)
{
	size_t d = name_distance(a, s, cap);
	size_t *w, nw = split_words(s, &w);
	for (size_t i = 0; m && i + m <= nw && d; i++) {
		char *run = xstrndup(s + w[2 * i], w[2 * (i + m - 1) + 1] - w[2 * i]);
		size_t dr = name_distance(a, run, cap);
		if (dr < d)
			d = dr;
		free(run);
	}
	free(w);
	return d;
}

size_t name_nearness(const struct name_term *t, const char *s, size_t cap)
{
	char *f = fold_dup(s, strlen(s));
	size_t d = windows(t->folded, t->n_words, f, cap);
	free(f);
	bool ascii = true;
	for (const char *p = t->folded; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	for (const char *p = s; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	if (d && !ascii) {
		/* across scripts: both in ASCII ("zakharova", "mariya-zakharova") */
		char ta[256], sa[512];
		ids_from_label(t->text, ta, sizeof(ta));
		ids_from_label(s, sa, sizeof(sa));
		for (char *p = ta; *p; p++)
			if (*p == '-')
				*p = ' ';
		for (char *p = sa; *p; p++)
			if (*p == '-')
				*p = ' ';
		if (*ta && *sa) {
			size_t *w, m = split_words(ta, &w);
			free(w);
			size_t dt = windows(ta, m, sa, cap);
			if (dt < d)
				d = dt;
		}
	}
	return d;
}

/* --- against a corpus ------------------------------------------------------ */


enum name_fit names_fit_facet(const struct name_term *t, const struct facet *fc)
{
	enum name_fit best = name_fit_id(t, fc->id);
	if (best == NAME_ID)
		return best;
	for (size_t i = 0; i < fc->n_names && best < NAME_WHOLE; i++) {
		enum name_fit fit = name_fit(t, fc->names[i].s);
		if (fit > best)
			best = fit;
	}
	return best;
}

long names_resolve(const struct corpus *c, const struct facets *f, enum entity_kind k, const char *text,
                   char **why)
{
	*why = NULL;
	struct name_term t;
	name_term_init(&t, text);
	struct name_cand *v = xcalloc(f->n[k] + 1, sizeof(*v));
	for (size_t i = 0; i < f->n[k]; i++)
		v[i] = (struct name_cand){ f->v[k][i].id, f->v[k][i].label, names_fit_facet(&t, &f->v[k][i]),
		                           f->v[k][i].first && f->v[k][i].first->is_group, i };
	size_t n_best;
	long at = name_choose(v, f->n[k], &n_best), res = -1;
	if (at >= 0)
		res = (long)v[at].index;
	else if (at == -1)
		*why = names_ambiguous(k, text, v, n_best);
	else
		*why = names_unknown(c, f, k, text);
	free(v);
	name_term_free(&t);
	return res;
}

static void append(char **s, const char *fmt, const char *a, const char *b)
{
	char *n = xasprintf(fmt, *s, a, b);
	free(*s);
	*s = n;
}

char *names_ambiguous(enum entity_kind k, const char *text, const struct name_cand *v, size_t n_best)
{
	char *s = xasprintf("'%s' names %zu %s:", text, n_best, entity_kind_plural[k]);
	for (size_t i = 0; i < n_best && i < 10; i++)
		append(&s, i ? "%s, %s (%s)" : "%s %s (%s)", v[i].label, v[i].id);
	if (n_best > 10)
		append(&s, "%s%s%s", " ...", "");
	append(&s, "%s%s%s", "; give more of the name, or the id", "");
	return s;
}

struct near {
	size_t facet, dist;
};

char *names_unknown(const struct corpus *c, const struct facets *f, enum entity_kind k, const char *text)
{
	struct name_term t;
	name_term_init(&t, text);
	size_t cap = name_near_cap(&t);
	size_t *best = xmalloc((f->n[k] + 1) * sizeof(size_t));
	for (size_t i = 0; i < f->n[k]; i++)
		best[i] = cap + 1;
	/* the nearest of its names, per entity (each name once) */
	for (size_t i = 0; i < f->n[k] && *t.folded; i++)
		for (size_t a = 0; a < f->v[k][i].n_names && best[i]; a++) {
			size_t d = name_nearness(&t, f->v[k][i].names[a].s, cap);
			if (d < best[i])
				best[i] = d;
		}
	(void)c;
	char *s = xasprintf("no %s in the corpus is named '%s'", entity_kind_names[k], text);
	size_t shown = 0;
	for (size_t d = 0; d <= cap && shown < 5; d++)
		for (size_t i = 0; i < f->n[k] && shown < 5; i++)
			if (best[i] == d)
				append(&s, shown++ ? "%s, %s (%s)" : "%s; did you mean %s (%s)", f->v[k][i].label, f->v[k][i].id);
	if (shown)
		append(&s, "%s%s%s", "?", "");
	else
		append(&s, "%s%s%s", " (parley stats -n 0 lists them all)", "");
	free(best);
	name_term_free(&t);
	return s;
}
