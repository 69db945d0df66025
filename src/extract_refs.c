/* extract_refs.c - the agreements a readout refers to and its topics.
 *
 * Agreements: the instruments the lexicon knows (every spelling and
 * language one id); titles in «», “”, 《》 and 「」 that hold an instrument
 * word ("Treaty", "协定", "Договор"); unquoted titles around such a word
 * written as a name ("Treaty of ...", "Minsk Agreements", "Договор о
 * ..."); resolutions by number ("Resolution 2202", "第2254号决议"); and
 * the anaphors that stand for the last one of a kind ("the treaty").  A
 * label whose head word the text declines is labelled in the nominative
 * (the lexicon's nominative class: "Договора о ..." is "Договор о ...").
 * Topics: the forms of topics.tsv, in the order the text first names them.
 */
#include "extract_int.h"

#include "arena.h"
#include "ids.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#define MAX_AGREEMENTS 64

/* A label whose head word the text declines ("Договора о
 * добрососедстве", "Устава ООН"), in the nominative: its first words (up
 * to four) replaced by the nominative the lexicon gives them; NULL when
 * it has none. */
static char *nominative_label(const struct xdoc *x, const char *label, size_t len)
{
	const struct lex_form *best = NULL;
	size_t best_end = 0, e = 0;
	for (int words = 0; words < 4 && e < len; words++) {
		while (e < len && label[e] != ' ' && label[e] != ',')
			e++;
		const struct lex_form *f = lex_lookup(x->lx, LC_NOMINATIVE, x->lang, label, e);
		if (f && *f->value) {
			best = f;
			best_end = e;
		}
		if (e < len && label[e] == ',')
			break;
		while (e < len && label[e] == ' ')
			e++;
	}
	if (!best)
		return NULL;
	char *out = xasprintf("%s%.*s", best->value, (int)(len - best_end), label + best_end);
	/* the text's case of the first letter ("соглашения" -> "соглашение") */
	ucs4_t t, v;
	int lt = u8_mbtouc(&t, (const uint8_t *)label, len), lv = u8_mbtouc(&v, (const uint8_t *)out, strlen(out));
	if (lt > 0 && lv > 0 && uc_is_lower(t) && uc_tolower(v) != v) {
		uint8_t low[8];
		int ll = u8_uctomb(low, uc_tolower(v), (int)sizeof(low));
		if (ll == lv)
			memcpy(out, low, (size_t)ll);
	}
	return out;
}

static size_t agreement(struct xdoc *x, const char *id, const char *label, size_t len, const char *kind,
                        const char *date, size_t at)
{
	for (size_t i = 0; i < x->n_ag; i++)
		if (strcmp(x->ag[i].id, id) == 0) {
			struct xagreement *a = &x->ag[i];
			x_add_alias(&a->aliases, &a->n_aliases, &a->cap_aliases, label, len);
			if (at < a->first)
				a->first = at;
			return i;
		}
	if (x->n_ag >= MAX_AGREEMENTS)
		return (size_t)-1;
	grow(&x->ag, &x->cap_ag, x->n_ag + 1, sizeof(*x->ag));
	struct xagreement *a = &x->ag[x->n_ag];
	memset(a, 0, sizeof(*a));
	snprintf(a->id, sizeof(a->id), "%s", id);
	a->label = nominative_label(x, label, len);
	if (a->label) /* the form the text uses stays a form of it */
		x_add_alias(&a->aliases, &a->n_aliases, &a->cap_aliases, label, len);
	else
		a->label = xstrndup(label, len);
	a->kind = kind && *kind ? xstrdup(kind) : NULL;
	a->date = date && *date ? xstrdup(date) : NULL;
	a->first = at;
	return x->n_ag++;
}

/* the agreement for a title at [a, b): the known one inside it, else one
 * named after it */
static void titled(struct xdoc *x, size_t a, size_t b, const char *kind)
{
	const char *id = NULL, *date = NULL, *k = kind;
	for (size_t h = 0; h < x->n_hits && !id; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (HIT_CLASS(x, hh) == LC_AGREEMENT && hh->start >= a && hh->end <= b
		    && (hh->end - hh->start) * 2 >= b - a) {
			id = HIT_FORM(x, hh)->value;
			k = HIT_FORM(x, hh)->extra;
			date = HIT_FORM(x, hh)->extra2;
		}
	}
	char made[128];
	if (!id) {
		/* the id of the name in the nominative: one id for its cases */
		char label[256], *nom = nominative_label(x, x->text + a, b - a);
		if (nom)
			snprintf(label, sizeof(label), "%s", nom);
		else
			snprintf(label, sizeof(label), "%.*s", (int)(b - a), x->text + a);
		free(nom);
		ids_from_label(label, made, 64);
		if (!made[0])
			return;
		id = made;
	}
	agreement(x, id, x->text + a, b - a, k, date, a);
}

static ucs4_t cp(const char *s, size_t n, size_t i, int *len)
{
	ucs4_t uc;
	int l = i < n ? u8_mbtouc(&uc, (const uint8_t *)s + i, n - i) : 0;
	*len = l < 1 ? 1 : l;
	return l < 1 ? 0 : uc;
}

/* Quoted titles holding an instrument word. */
static void quoted(struct xdoc *x)
{
	static const ucs4_t open[] = { 0xAB, 0x201C, 0x300A, 0x300C, 0x300E, '"', 0 };
	static const ucs4_t close[] = { 0xBB, 0x201D, 0x300B, 0x300D, 0x300F, '"', 0 };
	const char *s = x->text;
	size_t n = x->n;
	for (size_t i = 0; i < n;) {
		int l;
		ucs4_t uc = cp(s, n, i, &l);
		int q = -1;
		for (int k = 0; open[k]; k++)
			if (uc == open[k])
				q = k;
		if (q < 0) {
			i += (size_t)l;
			continue;
		}
		size_t a = i + (size_t)l, j = a, chars = 0;
		bool closed = false;
		while (j < n && chars < 200 && s[j] != '\n') {
			int l2;
			ucs4_t u2 = cp(s, n, j, &l2);
			if (u2 == close[q]) {
				closed = true;
				break;
			}
			j += (size_t)l2;
			chars++;
		}
		if (!closed) {
			i = a;
			continue;
		}
		size_t ca = a, cb = j;
		while (ca < cb && (s[ca] == ' ' || (unsigned char)s[ca] == 0xC2))
			ca += s[ca] == ' ' ? 1 : 2;
		while (cb > ca && s[cb - 1] == ' ')
			cb--;
		/* an instrument word inside */
		const char *kind = NULL;
		for (size_t h = 0; h < x->n_hits && !kind; h++) {
			const struct lex_hit *hh = &x->hits[h];
			if (hh->start >= cb)
				break;
			if (hh->start >= ca && hh->end <= cb && HIT_CLASS(x, hh) == LC_INSTRUMENT)
				kind = HIT_FORM(x, hh)->value;
		}
		if (kind && chars >= 2)
			titled(x, ca, cb, kind);
		int lc;
		cp(s, n, j, &lc);
		i = j + (size_t)lc;
	}
}

static bool is_upper_at(const char *s, size_t n, size_t i)
{
	int l;
	return uc_is_upper(cp(s, n, i, &l));
}

/* the word at i: its end */
static size_t word_end(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n) {
		int l;
		ucs4_t uc = cp(s, n, j, &l);
		if (!(uc_is_alnum(uc) || uc == '-' || uc == '\'' || uc == 0x2019) || x_is_han_at(s, n, j))
			break;
		j += (size_t)l;
	}
	return j;
}

static bool word_is(const char *s, size_t a, size_t b, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == b - a && memcmp(s + a, list[i], b - a) == 0)
			return true;
	return false;
}

/* An unquoted title around an instrument word written with a capital. */
static void named(struct xdoc *x, const struct lex_hit *h)
{
	static const char *const links_en[] = { "of", "on", "and", "the", "for", "between", "in", "to", NULL };
	static const char *const links_fr[] = { "de", "du", "des", "d'", "la", "le", "les", "l'", "et", "sur",
		                                "entre", "pour", NULL };
	static const char *const stops_fr[] = { "qui", "que", "dont", "avec", "dans", "à", "en", "par", "pour",
		                                "afin", "ont", "a", "est", "ainsi", "aussi", "ainsi que", "mais",
		                                "notamment", NULL };
	static const char *const stops_ru[] = { "от", "в", "во", "на", "по", "с", "со", "который", "которое",
		                                "которая", "а", "но", "как", "что", "для", "года", "г.", NULL };
	const char *s = x->text;
	size_t n = x->n, a = h->start, b = h->end;
	bool latin = strcmp(x->lang, "en") == 0 || strcmp(x->lang, "fr") == 0;
	bool ru = strcmp(x->lang, "ru") == 0;
	if (!latin && !ru)
		return;
	if (!is_upper_at(s, n, a)) {
		/* "accord de Minsk II", "the agreement on Iran's nuclear
		 * programme": a lowercase word named by what follows it */
		size_t k = b;
		while (k < n && s[k] == ' ')
			k++;
		size_t e = word_end(s, n, k);
		bool of_name = e > k && (word_is(s, k, e, links_en) || word_is(s, k, e, links_fr));
		size_t k2 = e;
		while (k2 < n && s[k2] == ' ')
			k2++;
		if (e < n && (s[e] == '\'' || (unsigned char)s[e] == 0xE2))
			k2 = e + ((unsigned char)s[e] == 0xE2 ? 3 : 1);
		bool named_after = of_name && is_upper_at(s, n, k2);
		/* "a UK-Canada free trade agreement", "the China-US trade
		 * agreement": named by its parties before it */
		if (latin) {
			size_t p = a, words = 0;
			while (words < 4) {
				size_t q = p;
				while (q > 0 && s[q - 1] == ' ')
					q--;
				size_t w = q;
				while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '\n' && s[w - 1] != ',' && s[w - 1] != '(')
					w--;
				if (w == q)
					break;
				bool parties = is_upper_at(s, n, w) && memchr(s + w, '-', q - w) != NULL;
				if (parties) {
					size_t hy = (size_t)((const char *)memchr(s + w, '-', q - w) - s);
					if (hy + 1 < q && is_upper_at(s, n, hy + 1)) {
						titled(x, w, b, HIT_FORM(x, h)->value);
						return;
					}
				}
				if (is_upper_at(s, n, w))
					break;
				p = w;
				words++;
			}
		}
		/* "protocole d'Ankara": d' glued to the name */
		if (!named_after && k + 2 < n && (s[k] == 'd' || s[k] == 'D')) {
			size_t q = s[k + 1] == '\'' ? k + 2 : (k + 4 <= n && memcmp(s + k + 1, "\xE2\x80\x99", 3) == 0) ? k + 4 : 0;
			named_after = q && is_upper_at(s, n, q);
		}
		/* "l'accord conclu entre Israël et le Hamas", "the agreement
		 * reached between X and Y", "соглашение между X и Y": named by
		 * its parties */
		{
			static const char *const made[] = { "conclu", "conclue", "signé", "signée", "intervenu", "reached",
				                             "signed", "concluded", "достигнутое", "подписанное", NULL };
			static const char *const between[] = { "entre", "between", "между", NULL };
			size_t p = k, pe = e;
			if (pe > p && word_is(s, p, pe, made)) {
				p = pe;
				while (p < n && s[p] == ' ')
					p++;
				pe = word_end(s, n, p);
			}
			if (pe > p && word_is(s, p, pe, between)) {
				/* X and Y: capitalised words, "et"/"and"/"и", a determiner */
				static const char *const glue[] = { "et", "and", "и", "le", "la", "les", "l'", "the", NULL };
				size_t q = pe, end = 0, caps = 0;
				for (int w = 0; w < 8; w++) {
					while (q < n && s[q] == ' ')
						q++;
					size_t qe = word_end(s, n, q);
					if (qe == q)
						break;
					if (is_upper_at(s, n, q)) {
						caps++;
						end = qe;
					} else if (!word_is(s, q, qe, glue)) {
						break;
					}
					q = qe;
				}
				if (caps >= 2) {
					size_t start = a;
					if (start >= 2 && (s[start - 1] == '\'' ) && (s[start - 2] == 'l' || s[start - 2] == 'L'))
						start -= 2;
					else if (start >= 4 && (unsigned char)s[start - 1] == 0x99 && (s[start - 4] == 'l' || s[start - 4] == 'L'))
						start -= 4;
					titled(x, start, end, HIT_FORM(x, h)->value);
					return;
				}
			}
		}
		/* "the agreement on ...": one the text has in mind */
		bool definite = a >= 4 && (memcmp(s + a - 4, "the ", 4) == 0 || memcmp(s + a - 4, "The ", 4) == 0)
		                && e > k && (memcmp(s + k, "on", 2) == 0 || memcmp(s + k, "sur", 3) == 0);
		if (!named_after && !definite)
			return;
		if (definite) {
			/* to the end of the clause */
			size_t end = k;
			for (size_t i = k; i < n && s[i] != ',' && s[i] != '.' && s[i] != ';' && s[i] != '\n'; i++) {
				if (i + 5 < n && memcmp(s + i, " and ", 5) == 0)
					break;
				if (!isspace((unsigned char)s[i]))
					end = i + 1;
			}
			titled(x, a >= 4 ? a - 4 : a, end, HIT_FORM(x, h)->value);
			return;
		}
	}
	/* a known instrument there already */
	for (size_t k = 0; k < x->n_hits; k++)
		if (HIT_CLASS(x, &x->hits[k]) == LC_AGREEMENT && x->hits[k].start <= a && x->hits[k].end >= b)
			return;
	size_t sent = x_sentence_of(x, a), sstart = x->sents[sent].start, send = x->sents[sent].end;
	/* capitalised words before it: "Minsk Agreements", "China-Russia Treaty" */
	if (latin)
		for (;;) {
			size_t p = a;
			while (p > sstart && s[p - 1] == ' ')
				p--;
			if (p == a || p == sstart)
				break;
			size_t w = p;
			while (w > sstart && (isalnum((unsigned char)s[w - 1]) || s[w - 1] == '-' || (unsigned char)s[w - 1] >= 0x80))
				w--;
			if (w == p || !is_upper_at(s, n, w) || w == sstart)
				break;
			a = w;
		}
	/* the words after it */
	size_t words = 0, end = b;
	for (size_t i = b; words < 12;) {
		size_t k = i;
		if (k < send && s[k] == ',' && ru) {
			/* "о добрососедстве, дружбе и сотрудничестве" */
			k++;
		}
		while (k < send && s[k] == ' ')
			k++;
		if (k >= send)
			break;
		size_t e = word_end(s, n, k);
		if (e == k)
			break;
		/* "Договора о ... и Устава ООН": another instrument after "and"
		 * is another title */
		static const char *const ands[] = { "and", "et", "и", NULL };
		if (word_is(s, k, e, ands)) {
			size_t k2 = e;
			while (k2 < send && s[k2] == ' ')
				k2++;
			bool other = false;
			for (size_t j = x_hits_from(x, k2); j < x->n_hits && x->hits[j].start == k2 && !other; j++)
				other = HIT_CLASS(x, &x->hits[j]) == LC_INSTRUMENT || HIT_CLASS(x, &x->hits[j]) == LC_AGREEMENT;
			if (other)
				break;
		}
		/* a name's initial ("... безопасности Н.Бордюжей"): the
		 * title has ended */
		if (e > k && e < n && s[e] == '.' && is_upper_at(s, n, k) && u8_mblen((const uint8_t *)s + k, e - k) == (int)(e - k))
			break;
		bool cap = is_upper_at(s, n, k);
		if (strcmp(x->lang, "en") == 0) {
			if (!cap && !word_is(s, k, e, links_en))
				break;
		} else if (strcmp(x->lang, "fr") == 0) {
			if (word_is(s, k, e, stops_fr))
				break;
			/* "Accord économique et commercial global": a capitalised
			 * instrument word mid-sentence starts a title, its adjectives
			 * in lower case */
			if (s[e] == '\'' || (unsigned char)s[e] == 0xE2)
				e = word_end(s, n, e + ((unsigned char)s[e] == 0xE2 ? 3 : 1));
		} else {
			if (word_is(s, k, e, stops_ru))
				break;
		}
		i = e;
		words++;
		/* a title ends on a word, not on a link */
		if (!(latin && word_is(s, k, e, strcmp(x->lang, "en") == 0 ? links_en : links_fr)))
			end = e;
	}
	if (end == h->end && a == h->start && latin && !(h->end - h->start > 12))
		return; /* a bare "Agreement" names nothing */
	/* "Collective Security Treaty Organization", "Организации Договора
	 * о коллективной безопасности", "l'Organisation du Traité de
	 * l'Atlantique Nord": an organisation */
	static const char *const bodies[] = { "Organization", "Organisation", "Организация", "Организации",
		                              "Организацию", "Организацией", NULL };
	static const char *const before[] = { "Organization of the ", "Organisation du ", "Organisation des ",
		                              "Организация ", "Организации ", "Организацию ", "Организацией ",
		                              "организация ", "организации ", "организацию ", "организацией ",
		                              NULL };
	for (int k = 0; bodies[k]; k++) {
		size_t l = strlen(bodies[k]);
		for (size_t i = h->end; i + l <= end; i++)
			if (memcmp(s + i, bodies[k], l) == 0)
				return;
	}
	for (int k = 0; before[k]; k++) {
		size_t l = strlen(before[k]);
		if (a >= l && memcmp(s + a - l, before[k], l) == 0)
			return;
	}
	titled(x, a, end, HIT_FORM(x, h)->value);
}

/* An unquoted title in Han characters ending with an instrument word:
 * "中利经济技术合作协定", back to a word that cannot be in it. */
static void han_named(struct xdoc *x, const struct lex_hit *h)
{
	static const char *const stops[] = { "签署", "簽署", "签订", "簽訂", "的", "了", "和", "与", "與", "及", "是",
		                             "在", "按照", "根据", "根據", "遵守", "落实", "落實", "延期", "续签", "《",
		                             "》", "个", "個", "推动", "推動", "推进", "執行", "执行", "相信", "这一",
		                             "這一", "该", "該", "此", "将", "將", "为", "為", "使", "对", "對", "就",
		                             "同", "有关", "有關", "商谈", "商談", "谈判", "談判", "达成", "達成", "通过",
		                             "通過", "草签", "互免", "出席", "参加", "參加", "见证", "見證", "举行",
		                             "舉行", "共同", "恪守", NULL };
	const char *s = x->text;
	size_t a = h->start, chars = 0;
	while (a >= 3 && chars < 14 && x_is_han_at(s, x->n, a - 3)) {
		bool stop = false;
		for (int k = 0; stops[k] && !stop; k++) {
			size_t l = strlen(stops[k]);
			stop = a >= l && memcmp(s + a - l, stops[k], l) == 0;
		}
		if (stop)
			break;
		a -= 3;
		chars++;
	}
	/* a title names something: at least two characters before the word */
	if (chars < 2 || chars >= 14)
		return;
	/* one being negotiated is no instrument yet */
	static const char *const talks[] = { "商谈", "商談", "谈判", "談判", "商签", "商簽", "磋商", NULL };
	size_t from = a >= 12 ? a - 12 : 0; /* the four characters before it */
	for (int k = 0; talks[k]; k++) {
		size_t l = strlen(talks[k]);
		for (size_t i = from; i + l <= a; i++)
			if (memcmp(s + i, talks[k], l) == 0)
				return;
	}
	/* the short form of one named in full before ("中利经济技术合作协定",
	 * then "经济技术合作协定"), or the full form of one named short: one
	 * instrument, the other an alias */
	size_t len = h->end - a;
	for (size_t i = 0; i < x->n_ag; i++) {
		const char *l = x->ag[i].label;
		size_t ll = strlen(l);
		bool same = ll > len ? memcmp(l + ll - len, s + a, len) == 0 : memcmp(s + a + len - ll, l, ll) == 0;
		if (same && x_is_han_at(l, ll, 0) && (ll < len ? ll : len) >= 12) { /* (4 characters: not "公报") */
			agreement(x, x->ag[i].id, s + a, len, NULL, NULL, a);
			return;
		}
	}
	titled(x, a, h->end, HIT_FORM(x, h)->value);
}

/* "Resolution 2202", "resolution 2231", "резолюции 2202", "第2254号决议" */
static void resolutions(struct xdoc *x)
{
	const char *s = x->text;
	size_t n = x->n;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (HIT_CLASS(x, hh) != LC_INSTRUMENT || strcmp(HIT_FORM(x, hh)->value, "resolution") != 0)
			continue;
		size_t a = hh->start, b = hh->end, num = 0, nd = 0;
		if (x_is_han_at(s, n, a)) {
			/* 第NNNN号决议 */
			size_t p = a;
			if (p >= 3 && (memcmp(s + p - 3, "号", 3) == 0 || memcmp(s + p - 3, "號", 3) == 0)) {
				p -= 3;
				size_t e = p;
				while (p > 0 && isdigit((unsigned char)s[p - 1]))
					p--;
				if (e > p) {
					num = strtoul(s + p, NULL, 10);
					nd = e - p;
					a = p >= 3 && memcmp(s + p - 3, "第", 3) == 0 ? p - 3 : p;
				}
			}
		} else {
			size_t p = b;
			while (p < n && s[p] == ' ')
				p++;
			if (p + 2 < n && (s[p] == 'N' || s[p] == 'n') && s[p + 1] == 'o' && s[p + 2] == '.')
				for (p += 3; p < n && s[p] == ' '; p++)
					;
			size_t e = p;
			while (e < n && isdigit((unsigned char)s[e]))
				e++;
			if (e > p && e - p <= 5) {
				num = strtoul(s + p, NULL, 10);
				nd = e - p;
				b = e;
			}
		}
		if (!nd || num < 10)
			continue;
		char id[32];
		snprintf(id, sizeof(id), "unsc-res-%lu", (unsigned long)num);
		size_t i = agreement(x, id, s + a, b - a, "resolution", NULL, a);
		(void)i;
	}
}

/* Is there an occurrence of a title found (an agreement's label or
 * alias) that covers bytes [s, e) whole (whole), or that meets them? */
static bool title_at(const struct xdoc *x, size_t s, size_t e, bool whole)
{
	for (size_t i = 0; i < x->n_ag; i++)
		for (size_t k = 0; k <= x->ag[i].n_aliases; k++) {
			const char *al = k < x->ag[i].n_aliases ? x->ag[i].aliases[k] : x->ag[i].label;
			size_t len = strlen(al);
			if (!len)
				continue;
			/* where it may begin: at or before s, ending at or after e;
			 * or anywhere it would share a byte with them */
			size_t lo = whole ? (e >= len ? e - len : 0) : (s + 1 >= len ? s + 1 - len : 0);
			size_t hi = whole ? s : (e ? e - 1 : 0);
			for (size_t p = lo; p <= hi; p++)
				if (p + len <= x->n && memcmp(x->text + p, al, len) == 0)
					return true;
		}
	return false;
}

void x_agreements(struct xdoc *x)
{
	/* the known ones, wherever they are */
	size_t covered = 0;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (HIT_CLASS(x, hh) != LC_AGREEMENT || hh->start < covered)
			continue;
		const struct lex_form *f = HIT_FORM(x, hh);
		agreement(x, f->value, x->text + hh->start, hh->end - hh->start, f->extra, f->extra2, hh->start);
		covered = hh->end;
	}
	quoted(x);
	resolutions(x);
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (HIT_CLASS(x, hh) != LC_INSTRUMENT)
			continue;
		const char *kind = HIT_FORM(x, hh)->value;
		/* "joint statement", "совместное заявление": one, named so */
		bool plain = strcmp(kind, "joint-statement") == 0 && !is_upper_at(x->text, x->n, hh->start);
		if (title_at(x, hh->start, hh->end, true))
			continue; /* an occurrence of a found title covers it */
		if (plain) {
			char label[128];
			snprintf(label, sizeof(label), "%.*s", (int)(hh->end - hh->start), x->text + hh->start);
			agreement(x, "joint-statement", x->text + hh->start, hh->end - hh->start, kind, NULL, hh->start);
		} else if (!x_is_han_at(x->text, x->n, hh->start)) {
			named(x, hh);
		} else {
			han_named(x, hh);
		}
	}
	/* an acronym in brackets after a title: "(AECG)", "(JCPOA)" names it
	 * too */
	for (size_t i = 0; i < x->n_ag; i++) {
		struct xagreement *a = &x->ag[i];
		size_t n0 = a->n_aliases;
		for (size_t k = 0; k <= n0; k++) {
			const char *al = k < n0 ? a->aliases[k] : a->label;
			size_t len = strlen(al);
			for (const char *p = x->text; (p = strstr(p, al)) != NULL; p += len) {
				const char *q = p + len;
				while (*q == ' ')
					q++;
				if (*q != '(' && strncmp(q, "（", 3) != 0)
					continue;
				q += *q == '(' ? 1 : 3;
				size_t m = 0;
				while (q[m] && (isupper((unsigned char)q[m]) || isdigit((unsigned char)q[m]) || q[m] == '-'))
					m++;
				if (m >= 2 && m <= 10 && (q[m] == ')' || strncmp(q + m, "）", 3) == 0)) {
					x_add_alias(&a->aliases, &a->n_aliases, &a->cap_aliases, q, m);
					/* and the title with it is one mention */
					size_t whole = (size_t)(q + m + (q[m] == ')' ? 1 : 3) - p);
					x_add_alias(&a->aliases, &a->n_aliases, &a->cap_aliases, p, whole);
				}
			}
		}
	}
	/* the anaphors: the last agreement of their kind named before */
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (HIT_CLASS(x, hh) != LC_ANAPHOR)
			continue;
		/* "the Treaty" that begins "the Treaty on the Non-Proliferation
		 * of Nuclear Weapons" is that title's, not an anaphor */
		if (title_at(x, hh->start, hh->end, false))
			continue;
		const char *kind = HIT_FORM(x, hh)->value;
		size_t best = (size_t)-1;
		for (size_t i = 0; i < x->n_ag; i++)
			if (x->ag[i].kind && strcmp(x->ag[i].kind, kind) == 0 && x->ag[i].first < hh->start
			    && (best == (size_t)-1 || x->ag[i].first > x->ag[best].first))
				best = i;
		if (best != (size_t)-1) {
			struct xagreement *a = &x->ag[best];
			x_add_alias(&a->aliases, &a->n_aliases, &a->cap_aliases, x->text + hh->start, hh->end - hh->start);
		}
	}
}

/* the label of topic id: its first English form */
static const char *topic_label(const struct xdoc *x, const char *id)
{
	const struct lexicon *lx = x->lx;
	for (size_t i = 0; i < lx->n_rows[LEX_TOPICS]; i++) {
		const struct lex_row *r = &lx->rows[LEX_TOPICS][i];
		if (strcmp(r->f[0], id) == 0 && strcmp(r->f[1], "en") == 0)
			return r->f[2];
	}
	return id;
}

/* Is topic hit h inside a longer topic hit of another topic?  "Security
 * Council", "Conseil de sécurité", "Совета Безопасности", "安全理事会" name
 * an institution (the UN), not the security their word "security" is a
 * topic of: the longer form wins. */
bool x_topic_inside(const struct xdoc *x, size_t h)
{
	const struct lex_hit *hh = &x->hits[h];
	/* a longer form starts at most this far before (forms are short) */
	size_t from = x_hits_from(x, hh->start > 200 ? hh->start - 200 : 0);
	for (size_t k = from; k < x->n_hits && x->hits[k].start <= hh->start; k++) {
		const struct lex_hit *o = &x->hits[k];
		if (k == h || HIT_CLASS(x, o) != LC_TOPIC || o->end < hh->end || o->end - o->start <= hh->end - hh->start)
			continue;
		if (strcmp(HIT_FORM(x, o)->value, HIT_FORM(x, hh)->value) != 0)
			return true;
	}
	return false;
}

void x_topics(struct xdoc *x)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (HIT_CLASS(x, hh) != LC_TOPIC || x_topic_inside(x, h))
			continue;
		const char *id = HIT_FORM(x, hh)->value;
		bool have = false;
		for (size_t i = 0; i < x->n_tp && !have; i++)
			have = strcmp(x->tp[i].id, id) == 0;
		if (have || x->n_tp >= 64)
			continue;
		grow(&x->tp, &x->cap_tp, x->n_tp + 1, sizeof(*x->tp));
		x->tp[x->n_tp].id = id;
		x->tp[x->n_tp].label = xstrdup(topic_label(x, id));
		x->n_tp++;
	}
}
