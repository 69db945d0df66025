/* extract_people.c - who speaks in a readout: people named with a title
 * ("Foreign Minister Wang Yi", "国务委员兼外长王毅", "Министр иностранных дел
 * С.В.Лавров") or known to the lexicon, their short forms ("M. Wang",
 * "Lavrov", declined "Лаврова"), the role forms of their titles ("the
 * Secretary"), country sides ("the Chinese side", "中方") resolved to that
 * country's person, and collective subjects ("the two sides", "双方") as a
 * group of the participants; then every place the text names one of them
 * (x->refs), which the positions take their subjects from. */
#include "extract_int.h"

#include "arena.h"
#include "mem.h"
#include "ids.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#define MAX_SPEAKERS 64

static ucs4_t cp(const char *s, size_t n, size_t i, int *len)
{
	ucs4_t uc;
	int l = i < n ? u8_mbtouc(&uc, (const uint8_t *)s + i, n - i) : 0;
	*len = l < 1 ? 1 : l;
	return l < 1 ? 0 : uc;
}

static bool is_letter(ucs4_t uc)
{
	return uc_is_alpha(uc) || uc_is_general_category(uc, UC_CATEGORY_M);
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* a no-break space */
	while (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		i += 2;
	return i;
}

/* --- hits ------------------------------------------------------------------ */

/* The longest hit of class cls starting at byte b, or NULL. */
static const struct lex_hit *hit_at(const struct xdoc *x, enum lex_class cls, size_t b)
{
	for (size_t i = x_hits_from(x, b); i < x->n_hits && x->hits[i].start == b; i++)
		if (HIT_CLASS(x, &x->hits[i]) == cls)
			return &x->hits[i];
	return NULL;
}

/* A hit of class cls ending at byte e (spaces between allowed). */
static const struct lex_hit *hit_ending(const struct xdoc *x, enum lex_class cls, size_t e)
{
	while (e > 0 && x->text[e - 1] == ' ')
		e--;
	for (size_t i = 0; i < x->n_hits; i++) {
		if (x->hits[i].start >= e)
			break;
		if (x->hits[i].end == e && HIT_CLASS(x, &x->hits[i]) == cls)
			return &x->hits[i];
	}
	return NULL;
}

static bool any_hit_at(const struct xdoc *x, unsigned long long mask, size_t b)
{
	for (int c = 0; c < LC_COUNT; c++)
		if ((mask & LC_BIT(c)) && hit_at(x, (enum lex_class)c, b))
			return true;
	return false;
}

/* --- names -------------------------------------------------------------------- */

static bool is_particle(const char *s, size_t len)
{
	static const char *const p[] = { "de", "du", "des", "van", "von", "der", "den", "bin", "binti", "al",
		                         "el", "da", "di", "la", "le", "ibn", "ben", "dos", "del", NULL };
	for (int i = 0; p[i]; i++)
		if (strlen(p[i]) == len && memcmp(p[i], s, len) == 0)
			return true;
	return false;
}

/* One part of a name in a script with spaces at i: its end, or i when there
 * is none.  *cap: it starts with a capital (or is initials). */
static size_t name_part(const char *s, size_t n, size_t i, bool *capital)
{
	int l;
	ucs4_t uc = cp(s, n, i, &l);
	*capital = false;
	if (!is_letter(uc) || x_is_han_at(s, n, i))
		return i;
	*capital = uc_is_upper(uc);
	size_t j = i;
	for (;;) {
		uc = cp(s, n, j, &l);
		if (is_letter(uc) && !x_is_han_at(s, n, j)) {
			j += (size_t)l;
			continue;
		}
		/* inside a name: Jean-Yves, O'Brien, С.В.Лавров, Al-Saud; not a
		 * possessive 's */
		if ((uc == '-' || uc == 0x2010 || uc == 0x2011 || uc == '\'' || uc == 0x2019 || uc == '.') && j > i) {
			int l2, l3;
			ucs4_t next = cp(s, n, j + (size_t)l, &l2);
			if ((uc == '\'' || uc == 0x2019) && next == 's'
			    && !is_letter(cp(s, n, j + (size_t)l + (size_t)l2, &l3)))
				break;
			if (is_letter(next) && !x_is_han_at(s, n, j + (size_t)l)) {
				j += (size_t)l;
				continue;
			}
			if (uc == '.') {
				/* an initial's stop: "J." */
				size_t k = j;
				int pl;
				size_t p = k - 1;
				while (p > i && ((unsigned char)s[p] & 0xC0) == 0x80)
					p--;
				if ((p == i || s[p - 1] == '.') && uc_is_upper(cp(s, n, p, &pl)))
					j += 1;
			}
		}
		break;
	}
	return j;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* A name in a script with spaces starting at i (after spaces): its end,
 * or i. */
static size_t latin_name(const struct xdoc *x, size_t i)
{
	const char *s = x->text;
	size_t n = x->n, end = i, parts = 0, caps = 0;
	for (size_t k = i; parts < 5;) {
		k = skip_spaces(s, n, k);
		if (k >= n || s[k] == '\n')
			break;
		if (any_hit_at(x, LC_BIT(LC_TITLE) | LC_BIT(LC_CUE) | LC_BIT(LC_MONTH) | LC_BIT(LC_CUE_JOINT)
		                               | LC_BIT(LC_COUNTRY_NAME) | LC_BIT(LC_COUNTRY_ADJ), k)
		    && !hit_at(x, LC_PERSON, k))
			break;
		bool capital;
		size_t e = name_part(s, n, k, &capital);
		if (e == k || lex_lookup(x->lx, LC_NOT_NAME, x->lang, s + k, e - k))
			break;
		/* a Russian adjective in the genitive ("Финляндской", "Российской")
		 * names a state, not a person */
		if (strcmp(x->lang, "ru") == 0 && capital
		    && (ends_with(s + k, e - k, "ской") || ends_with(s + k, e - k, "цкой") || ends_with(s + k, e - k, "ского")
		        || ends_with(s + k, e - k, "ской") || ends_with(s + k, e - k, "ных") || ends_with(s + k, e - k, "ного")))
			break;
		if (!capital) {
			if (!is_particle(s + k, e - k))
				break;
			/* a particle needs a capitalised part after it, maybe after
			 * another particle ("von der Leyen", "de la Fuente") */
			size_t k2 = skip_spaces(s, n, e);
			bool c2;
			size_t e2 = name_part(s, n, k2, &c2);
			if (e2 > k2 && !c2 && is_particle(s + k2, e2 - k2)) {
				k2 = skip_spaces(s, n, e2);
				e2 = name_part(s, n, k2, &c2);
			}
			if (e2 == k2 || !c2)
				break;
		} else {
			caps++;
		}
		end = e;
		parts++;
		k = e;
		/* a part of one letter and a stop is an initial; a name goes on
		 * after it */
	}
	if (!caps)
		return i;
	/* a name ends on a letter */
	while (end > i && (s[end - 1] == '.' || s[end - 1] == '-') && !(end >= 2 && uc_is_upper((ucs4_t)s[end - 2])))
		end--;
	return end;
}

/* A name in Han characters after a title at i: its end, or i. */
static bool han_surname(const struct xdoc *x, const char *s, size_t n, size_t i)
{
	return x_is_han_at(s, n, i) && lex_lookup(x->lx, LC_CN_SURNAME, "zh", s + i, 3);
}

static bool han_name_char(const struct xdoc *x, const char *s, size_t n, size_t i)
{
	return x_is_han_at(s, n, i) && lex_lookup(x->lx, LC_NAME_CHAR, "zh", s + i, 3);
}

static size_t han_name(const struct xdoc *x, size_t i)
{
	const char *s = x->text;
	size_t n = x->n, j = i, chars = 0;
	unsigned long long stops = LC_BIT(LC_NAME_STOP) | LC_BIT(LC_TITLE) | LC_BIT(LC_CUE) | LC_BIT(LC_KIND)
	                           | LC_BIT(LC_COUNTRY_NAME) | LC_BIT(LC_INITIATOR) | LC_BIT(LC_ADVERB);
	if (any_hit_at(x, stops, i) && !hit_at(x, LC_PERSON, i))
		return i;
	while (j < n && chars < 8) {
		if (j > i && any_hit_at(x, stops, j) && !hit_at(x, LC_PERSON, j))
			break;
		int l;
		ucs4_t uc = cp(s, n, j, &l);
		if (!(x_is_han_at(s, n, j) || uc == 0xB7 || uc == 0x30FB || uc == 0x2027))
			break;
		j += (size_t)l;
		chars++;
	}
	if (chars < 2)
		return i;
	/* a Chinese name: a family name and one or two characters */
	if (han_surname(x, s, n, i) && chars <= 3)
		return j;
	/* a foreign name spelt in characters: those that spell names */
	size_t k = i, spelt = 0;
	while (k < j) {
		int l;
		ucs4_t uc = cp(s, n, k, &l);
		if (!(han_name_char(x, s, n, k) || uc == 0xB7 || uc == 0x30FB || uc == 0x2027))
			break;
		k += (size_t)l;
		spelt++;
	}
	if (spelt >= 2)
		return k;
	if (han_surname(x, s, n, i))
		return i + 9 <= j ? i + 9 : j; /* a name, then what follows it */
	return i;
}

/* A Chinese name right before a title ("吴红波部长助理", "王毅外长"): its
 * start, or title when there is none. */
static size_t han_name_before(const struct xdoc *x, size_t title)
{
	const char *s = x->text;
	for (size_t len = 9; len >= 6; len -= 3) {
		if (title < len)
			continue;
		size_t a = title - len;
		if (!han_surname(x, s, x->n, a))
			continue;
		bool han = true;
		for (size_t k = a; k < title && han; k += 3)
			han = x_is_han_at(s, x->n, k);
		/* what comes before is no part of it */
		bool bounded = a == 0 || !x_is_han_at(s, x->n, a - 3 < a ? a - 3 : 0)
		               || any_hit_at(x, LC_BIT(LC_NAME_STOP) | LC_BIT(LC_TITLE) | LC_BIT(LC_KIND), a - 3)
		               || (a >= 3 && (memcmp(s + a - 3, "。", 3) == 0 || memcmp(s + a - 3, "，", 3) == 0));
		if (han && bounded)
			return a;
	}
	return title;
}

/* --- Russian forms of a name ---------------------------------------------------- */

static bool in_text(const struct xdoc *x, const char *s, size_t n)
{
	size_t len;
	char *f = lex_norm(s, n, &len);
	bool found = false;
	for (const char *p = x->lt.s; len && (p = strstr(p, f)) != NULL; p++) {
		size_t a = (size_t)(p - x->lt.s), e = a + len;
		bool wb = (a == 0 || !isalnum((unsigned char)x->lt.s[a - 1]))
		          && (e >= x->lt.n || !(((unsigned char)x->lt.s[e]) >= 0x80 || isalnum((unsigned char)x->lt.s[e])));
		if (wb) {
			found = true;
			break;
		}
	}
	free(f);
	return found;
}

/* The nominative of a declined Russian surname (as the text shows it
 * elsewhere), into out. */
static void ru_nominative(const struct xdoc *x, const char *w, size_t n, char *out, size_t size)
{
	static const char *const ends[] = { "ым", "ом", "ем", "ём", "у", "а", "е", "ой", NULL };
	snprintf(out, size, "%.*s", (int)n, w);
	for (int i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (!ends_with(w, n, ends[i]) || n <= k + 4)
			continue;
		char cand[128];
		snprintf(cand, sizeof(cand), "%.*s", (int)(n - k), w);
		if (strcmp(ends[i], "ой") == 0)
			snprintf(cand, sizeof(cand), "%.*sа", (int)(n - k), w);
		if (in_text(x, cand, strlen(cand)) || (strcmp(ends[i], "ым") == 0) || (strcmp(ends[i], "ом") == 0)) {
			snprintf(out, size, "%s", cand);
			return;
		}
	}
}

/* The case forms of a Russian nominative surname found in the text, added
 * to the aliases with prefix (initials, a first name). */
static void ru_case_forms(struct xdoc *x, struct xspeaker *sp, const char *prefix, const char *nom)
{
	static const char *const masc[] = { "а", "у", "ым", "ом", "е", NULL };
	static const char *const fem[] = { "ой", "у", "ы", NULL };
	size_t n = strlen(nom);
	char f[256];
	const char *const *ends = NULL;
	size_t cut = 0;
	if (ends_with(nom, n, "а") || ends_with(nom, n, "я")) {
		ends = fem;
		cut = strlen("а");
	} else if (n > 2 && !ends_with(nom, n, "о") && !ends_with(nom, n, "и") && !ends_with(nom, n, "у")
	           && !ends_with(nom, n, "е") && !ends_with(nom, n, "ю") && !ends_with(nom, n, "ы")) {
		ends = masc;
	}
	for (int i = 0; ends && ends[i]; i++) {
		snprintf(f, sizeof(f), "%s%.*s%s", prefix, (int)(n - cut), nom, ends[i]);
		if (in_text(x, f, strlen(f)))
			x_add_alias(&sp->aliases, &sp->n_aliases, &sp->cap_aliases, f, strlen(f));
	}
}

/* A whole Russian name's nominative: its last part's (after initials). */
static void ru_name_nominative(const struct xdoc *x, const char *name, size_t n, char *out, size_t size)
{
	size_t last = 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] == ' ' || name[i] == '.')
			last = i + 1;
	char nom[128];
	ru_nominative(x, name + last, n - last, nom, sizeof(nom));
	snprintf(out, size, "%.*s%s", (int)last, name, nom);
}

/* --- speakers ------------------------------------------------------------------------ */

static size_t new_speaker(struct xdoc *x, const char *label, size_t len, size_t first)
{
	grow(&x->sp, &x->cap_sp, x->n_sp + 1, sizeof(*x->sp));
	struct xspeaker *s = &x->sp[x->n_sp];
	memset(s, 0, sizeof(*s));
	s->label = xstrndup(label, len);
	s->first = first;
	return x->n_sp++;
}

static bool same_name(const char *a, size_t na, const char *b, size_t nb)
{
	size_t la, lb;
	char *fa = lex_norm(a, na, &la), *fb = lex_norm(b, nb, &lb);
	bool same = la == lb && memcmp(fa, fb, la) == 0;
	free(fa);
	free(fb);
	return same;
}

/* Is s (one word) a Chinese given name in pinyin: one or two syllables
 * ("Yi", "Jinping", "Wenbin")?  Cyrillic spellings ("И", "Цзиньпин") are
 * taken as such. */
static bool pinyin_syllables(const char *s, size_t n, int left)
{
	static const char *const initials[] = { "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k",
		                                "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "", NULL };
	static const char *const finals[] = { "iang", "iong", "uang", "ang", "eng", "ing", "ong", "iao", "ian",
		                              "uai", "uan", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ue", "er",
		                              "an", "en", "in", "un", "ia", "ua", "uo", "a", "o", "e", "i", "u", "v",
		                              NULL };
	if (n == 0)
		return true;
	if (left == 0)
		return false;
	for (int a = 0; initials[a]; a++) {
		size_t la = strlen(initials[a]);
		if (la > n || strncmp(s, initials[a], la) != 0)
			continue;
		for (int b = 0; finals[b]; b++) {
			size_t lb = strlen(finals[b]);
			if (la + lb <= n && strncmp(s + la, finals[b], lb) == 0
			    && pinyin_syllables(s + la + lb, n - la - lb, left - 1))
				return true;
		}
	}
	return false;
}

static bool given_name_pinyin(const char *w)
{
	if ((unsigned char)w[0] >= 0xC0)
		return true; /* not Latin: Ван И */
	char low[32];
	size_t n = 0;
	for (; w[n] && w[n] != ' ' && n + 1 < sizeof(low); n++) {
		if (!isalpha((unsigned char)w[n]) && w[n] != '-')
			return false;
		low[n] = (char)tolower((unsigned char)w[n]);
	}
	low[n] = '\0';
	/* "Eui-yong": two syllables with a hyphen */
	char *h = strchr(low, '-');
	if (h)
		memmove(h, h + 1, strlen(h));
	return n && pinyin_syllables(low, strlen(low), 2);
}

/* The surname of a name (as written): the family name first in a Chinese
 * name spelt in Latin letters, else the last part; after initials glued to
 * it (С.В.Лавров), the part after them. */
static void surname_of(const struct xdoc *x, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	out[0] = '\0';
	if (x_is_han_at(name, n, 0))
		return;
	const char *last = name, *first_end = name;
	while (*first_end && *first_end != ' ')
		first_end++;
	for (const char *p = name; *p; p++)
		if (*p == ' ')
			last = p + 1;
	const char *dot = strrchr(last, '.');
	if (dot && dot[1])
		last = dot + 1;
	if (lex_lookup(x->lx, LC_CN_SURNAME, NULL, name, (size_t)(first_end - name)) && strchr(name, ' ')
	    && strlen(name) < 24 && given_name_pinyin(first_end + 1)) {
		snprintf(out, size, "%.*s", (int)(first_end - name), name);
		return;
	}
	snprintf(out, size, "%s", last);
}

/* The speaker for a name found at [a, b) (titled or known), made if new. */
static size_t speaker_for_name(struct xdoc *x, size_t a, size_t b, const char *gaz_id, const char *country)
{
	const char *s = x->text + a;
	size_t len = b - a;
	for (size_t i = 0; i < x->n_sp; i++) {
		struct xspeaker *sp = &x->sp[i];
		if (sp->group)
			continue;
		if (gaz_id && sp->gazetteer_id && strcmp(gaz_id, sp->gazetteer_id) == 0) {
			if (a < sp->first)
				sp->first = a;
			return i;
		}
		bool same = same_name(sp->label, strlen(sp->label), s, len);
		for (size_t k = 0; k < sp->n_aliases && !same; k++)
			same = same_name(sp->aliases[k], strlen(sp->aliases[k]), s, len);
		if (same) {
			if (a < sp->first)
				sp->first = a;
			return i;
		}
		/* the same surname: Lavrov, Mr. Lavrov after Sergey Lavrov */
		if (!sp->named)
			continue;
		char sa[128], sb[128], nm[256];
		snprintf(nm, sizeof(nm), "%.*s", (int)len, s);
		surname_of(x, sp->label, sa, sizeof(sa));
		surname_of(x, nm, sb, sizeof(sb));
		if (strcmp(x->lang, "ru") == 0) {
			char na[128], nb[128];
			ru_nominative(x, sa, strlen(sa), na, sizeof(na));
			ru_nominative(x, sb, strlen(sb), nb, sizeof(nb));
			snprintf(sa, sizeof(sa), "%s", na);
			snprintf(sb, sizeof(sb), "%s", nb);
		}
		if (sa[0] && ((sb[0] && same_name(sa, strlen(sa), sb, strlen(sb))) || same_name(sa, strlen(sa), s, len))) {
			if (gaz_id && !sp->gazetteer_id)
				sp->gazetteer_id = gaz_id;
			if (a < sp->first)
				sp->first = a;
			return i;
		}
	}
	if (x->n_sp >= MAX_SPEAKERS)
		return (size_t)-1;
	size_t i = new_speaker(x, s, len, a);
	x->sp[i].gazetteer_id = gaz_id;
	if (country && *country)
		snprintf(x->sp[i].country, sizeof(x->sp[i].country), "%s", country);
	x->sp[i].named = true;
	return i;
}

static void add_roles(struct xspeaker *sp, const char *roles)
{
	if (!roles || !*roles)
		return;
	if (!sp->roles) {
		sp->roles = xstrdup(roles);
		return;
	}
	char *r = xasprintf("%s|%s", sp->roles, roles);
	free(sp->roles);
	sp->roles = r;
}

/* A titled mention: the title (with a country before or after it, other
 * titles chained to it) and the name after it, if any. */
struct titled {
	size_t start, end;         /* the whole mention, name included */
	size_t name, name_end;     /* the name (name == name_end: none) */
	const char *country, *roles;
	const struct lex_hit *known;
	/* "son homologue algérien, M. Ahmed Attaf": a counterpart title, then
	 * after a comma the one it names; title_end ends the title, named
	 * starts what follows the comma */
	bool counterpart;
	size_t title_end, named;
};

static bool is_determiner(const struct xdoc *x, size_t at, size_t *start)
{
	static const char *const dets[] = { "The ", "the ", "Le ", "le ", "La ", "la ", "L'", "l'", "L’", "l’",
		                            "His ", "his ", "Her ", "her ", "Son ", "son ", "Sa ", "sa ", "Their ",
		                            "their ", "Leur ", "leur ", NULL };
	for (int i = 0; dets[i]; i++) {
		size_t l = strlen(dets[i]);
		if (at >= l && memcmp(x->text + at - l, dets[i], l) == 0
		    && (at == l || !isalpha((unsigned char)x->text[at - l - 1]))) {
			*start = at - l;
			return true;
		}
	}
	return false;
}

/* Does a person's name (with an honorific or a title) start at k? */
static bool names_after(const struct xdoc *x, size_t k)
{
	if (hit_at(x, LC_HONORIFIC, k) || hit_at(x, LC_TITLE, k) || hit_at(x, LC_PERSON, k))
		return true;
	if (k >= x->n || x_is_han_at(x->text, x->n, k)
	    || any_hit_at(x, LC_BIT(LC_COUNTRY_NAME) | LC_BIT(LC_COUNTRY_ADJ) | LC_BIT(LC_COUNTRY_SIDE) | LC_BIT(LC_MONTH)
	                         | LC_BIT(LC_GROUP) | LC_BIT(LC_PRONOUN) | LC_BIT(LC_IMPERSONAL) | LC_BIT(LC_NOT_NAME)
	                         | LC_BIT(LC_LANGID),
	                  k))
		return false;
	bool cap;
	size_t we = name_part(x->text, x->n, k, &cap);
	return we > k && cap && latin_name(x, k) > k;
}

/* "La ministre des Affaires étrangères, Claire Dupont, s'est entretenue":
 * at k, after the comma that follows a title, a person's name (an
 * honorific before it, not another title) closed by a comma: the one the
 * title is, in apposition. */
static bool apposed_name(const struct xdoc *x, size_t k)
{
	if (k >= x->n || x_is_han_at(x->text, x->n, k) || hit_at(x, LC_TITLE, k))
		return false;
	size_t a = k;
	const struct lex_hit *h = hit_at(x, LC_HONORIFIC, k);
	if (h)
		a = skip_spaces(x->text, x->n, h->end);
	if (hit_at(x, LC_TITLE, a) || !names_after(x, a))
		return false;
	size_t b = latin_name(x, a);
	const struct lex_hit *known = hit_at(x, LC_PERSON, a);
	if (known && known->end > b)
		b = known->end;
	return b > a && b < x->n && x->text[b] == ',';
}

static void read_titled(struct xdoc *x, const struct lex_hit *t, struct titled *m, bool appositive)
{
	const char *s = x->text;
	size_t n = x->n, i = t->end;
	memset(m, 0, sizeof(*m));
	m->start = t->start;
	m->roles = HIT_FORM(x, t)->value;
	/* a country's adjective or name before the title */
	const struct lex_hit *adj = hit_ending(x, LC_COUNTRY_ADJ, t->start);
	if (!adj)
		adj = hit_ending(x, LC_COUNTRY_NAME, t->start);
	if (!adj) /* "利方外交部长凯马亚": the Liberian side's minister */
		adj = hit_ending(x, LC_COUNTRY_SIDE, t->start);
	if (adj && x_blank(s, adj->end, t->start) && t->start - adj->end <= 1) {
		/* "驻利比里亚大使": the country an envoy is posted to, not
		 * theirs */
		bool posted = adj->start >= 3 && (memcmp(s + adj->start - 3, "驻", 3) == 0
		                                  || memcmp(s + adj->start - 3, "駐", 3) == 0);
		m->country = posted ? NULL : HIT_FORM(x, adj)->value;
		m->start = posted ? adj->start - 3 : adj->start;
	}
	m->counterpart = hit_at(x, LC_COUNTERPART, t->start) != NULL;
	/* titles chained ("国务委员兼外长", "中共中央政治局委员、中央外办主任"),
	 * the country after the title ("of Kazakhstan", "России", "russe",
	 * "d'Inde"), an honorific or a comma before the name */
	for (int step = 0; step < 6; step++) {
		size_t k = skip_spaces(s, n, i);
		const struct lex_hit *c = hit_at(x, LC_COUNTRY_NAME, k);
		if (!c)
			c = hit_at(x, LC_COUNTRY_ADJ, k);
		const struct lex_hit *t2 = hit_at(x, LC_TITLE, k);
		const struct lex_hit *hon = hit_at(x, LC_HONORIFIC, k);
		/* (not a name that opens as its country is written short:
		 * "法国外长法比尤斯") */
		if (c && !hit_at(x, LC_PERSON, k)
		    && !(x_is_han_at(s, n, k) && m->country && strcmp(m->country, HIT_FORM(x, c)->value) == 0)) {
			m->country = HIT_FORM(x, c)->value;
			i = c->end;
			continue;
		}
		if (t2) {
			m->roles = *HIT_FORM(x, t2)->value ? HIT_FORM(x, t2)->value : m->roles;
			i = t2->end;
			continue;
		}
		if (hon && step > 0) {
			i = hon->end;
			continue;
		}
		static const char *const links[] = { "of the ", "of ", "de la ", "de l'", "de l’", "d'", "d’", "du ",
			                             "des ", "de ", "兼", "、", ", ", NULL };
		bool linked = false;
		for (int l = 0; links[l] && !linked; l++) {
			size_t ll = strlen(links[l]);
			if (k + ll <= n && memcmp(s + k, links[l], ll) == 0) {
				size_t k2 = skip_spaces(s, n, k + ll);
				bool appos = links[l][0] == ',' && !m->named
				             && ((step == 0 && m->counterpart && names_after(x, k2)) || apposed_name(x, k2));
				if (hit_at(x, LC_COUNTRY_NAME, k2) || hit_at(x, LC_TITLE, k2) || hit_at(x, LC_HONORIFIC, k2)
				    || (links[l][0] == ',' && step > 0) || appos) {
					if (links[l][0] == ',' && m->counterpart && !m->named) {
						m->title_end = k;
						m->named = k2;
					}
					i = k2;
					linked = true;
				}
			}
		}
		/* "Wang Yi, State Councilor and Minister of Foreign Affairs": in an
		 * apposition, another title after "and" (elsewhere "The Foreign
		 * Secretary and Secretary Kerry" are two people) */
		static const char *const ands[] = { "and ", "et ", "и ", NULL };
		for (int l = 0; appositive && ands[l] && !linked; l++) {
			size_t ll = strlen(ands[l]);
			if (k + ll <= n && memcmp(s + k, ands[l], ll) == 0 && hit_at(x, LC_TITLE, skip_spaces(s, n, k + ll))) {
				i = skip_spaces(s, n, k + ll);
				linked = true;
			}
		}
		if (!linked && step == 0 && m->counterpart && !x_is_han_at(s, n, k)) {
			/* "son homologue algérien, M. Ahmed Attaf": an adjective the
			 * lexicon does not know, then the one it names */
			bool cap;
			size_t we = name_part(s, n, k, &cap);
			if (we > k && !cap && !any_hit_at(x, ~0ULL, k)) {
				size_t k2 = we < n && s[we] == ',' ? skip_spaces(s, n, we + 1) : skip_spaces(s, n, we);
				if (k2 > we && names_after(x, k2)) {
					if (s[we] == ',') {
						m->title_end = we;
						m->named = k2;
					}
					i = k2;
					linked = true;
				}
			}
		}
		if (!linked && strcmp(x->lang, "ru") == 0) {
			/* "Премьер-министром Финляндской Республики Санной Марин": the
			 * state in the genitive, words no name is made of */
			bool cap;
			size_t we = name_part(s, n, k, &cap);
			if (we > k && cap
			    && (lex_lookup(x->lx, LC_NOT_NAME, "ru", s + k, we - k) || ends_with(s + k, we - k, "ской")
			        || ends_with(s + k, we - k, "цкой") || ends_with(s + k, we - k, "ской"))) {
				i = we;
				linked = true;
			}
		}
		if (!linked && !x_is_han_at(s, n, k)) {
			/* "de la Nouvelle-Zélande, Christopher Luxon": a country the
			 * lexicon does not know, then a comma */
			static const char *const of[] = { "of the ", "of ", "de la ", "de l'", "de l’", "du ", "des ",
				                           "de ", NULL };
			for (int l = 0; of[l] && !linked; l++) {
				size_t ll = strlen(of[l]);
				if (k + ll > n || memcmp(s + k, of[l], ll) != 0)
					continue;
				size_t e = k + ll, words = 0;
				for (;;) {
					/* capitalised, or a lower-case word after the first
					 * ("de la Commission européenne, Ursula von der Leyen") */
					bool cap;
					size_t we = name_part(s, n, e, &cap);
					if (we == e || (!cap && words == 0) || words >= 5
					    || any_hit_at(x, LC_BIT(LC_TITLE) | LC_BIT(LC_COUNTRY_ADJ) | LC_BIT(LC_PERSON)
					                         | LC_BIT(LC_HONORIFIC), e)) {
						words = 0;
						break;
					}
					words++;
					e = we;
					if (e < n && s[e] == ' ')
						e++;
					else
						break;
				}
				if (words && words <= 5 && e + 1 < n && s[e] == ',') {
					i = skip_spaces(s, n, e + 1);
					linked = true;
				}
			}
		}
		if (!linked)
			break;
	}
	size_t a = skip_spaces(s, n, i);
	size_t b = x_is_han_at(s, n, a) ? han_name(x, a) : latin_name(x, a);
	const struct lex_hit *known = hit_at(x, LC_PERSON, a);
	if (known && known->end > b)
		b = known->end;
	if (strcmp(x->lang, "ru") == 0 && !memchr(s + a, '.', b - a)) {
		/* "Генеральным секретарем ОДКБ Н.Бордюжей": an organisation in the
		 * genitive, then the name with its initials */
		for (size_t k = a; k < n && k < a + 160 && s[k] != '\n' && s[k] != ',' && s[k] != '.'; k++) {
			int l1, l2;
			ucs4_t c1 = cp(s, n, k, &l1);
			if (!(k == a || s[k - 1] == ' ') || !uc_is_upper(c1))
				continue;
			ucs4_t c2 = cp(s, n, k + (size_t)l1, &l2);
			int l3;
			/* an initial glued to more of the name: Н.Бордюжей, С.В.Лавров */
			if (c2 == '.' && is_letter(cp(s, n, k + (size_t)l1 + (size_t)l2, &l3))) {
				size_t e = latin_name(x, k);
				if (e > k) {
					a = k;
					b = e;
					known = hit_at(x, LC_PERSON, a);
				}
				break;
			}
		}
	}
	m->known = known;
	m->name = a;
	m->name_end = b;
	m->end = b > a ? b : i;
	if (b == a && x_is_han_at(s, n, t->start)) {
		/* the name before the title */
		size_t before = han_name_before(x, t->start);
		if (before < t->start) {
			m->name = before;
			m->name_end = t->start;
			m->known = hit_at(x, LC_PERSON, before);
			m->start = before;
			m->end = t->end;
		}
	}
}

/* The person a title with no name stands for: the one of its country, or
 * holding its role; else a person known by the title alone ("The Foreign
 * Secretary", "Le Président de la République"). */
static void unnamed(struct xdoc *x, const struct titled *m, size_t det)
{
	size_t who = (size_t)-1;
	if (m->country)
		for (size_t i = 0; i < x->n_sp && who == (size_t)-1; i++)
			if (!x->sp[i].group && strcmp(x->sp[i].country, m->country) == 0)
				who = i;
	if (who == (size_t)-1 && *m->roles) {
		/* a person holding one of its roles, of no other country */
		char *r = xstrdup(m->roles);
		for (char *save = NULL, *tok = strtok_r(r, "|", &save); tok && who == (size_t)-1;
		     tok = strtok_r(NULL, "|", &save))
			for (size_t i = 0; i < x->n_sp && who == (size_t)-1; i++) {
				const struct xspeaker *p = &x->sp[i];
				if (p->group || !p->roles || (m->country && p->country[0] && strcmp(p->country, m->country) != 0))
					continue;
				/* not the one it speaks to: "the Prime Minister spoke to
				 * Prime Minister Trudeau" */
				if (p->first > det && x->n_sents && x_sentence_of(x, p->first) == x_sentence_of(x, det))
					continue;
				size_t tl = strlen(tok);
				for (const char *q = p->roles; (q = strstr(q, tok)) != NULL; q += tl)
					if ((q == p->roles || q[-1] == '|') && (q[tl] == '|' || !q[tl])) {
						who = i;
						break;
					}
			}
		free(r);
	}
	if (who == (size_t)-1 && *m->roles && !m->country) {
		/* "la ministre et le Secrétaire d'État" after "Mme Colonna, ministre
		 * de ..., avec son homologue, M. Blinken": of the first two people
		 * named, the one whose title the text has not given */
		size_t firsts[2], nf = 0;
		for (size_t i = 0; i < x->n_sp && nf < 2; i++)
			if (!x->sp[i].group && x->sp[i].named && x->sp[i].first < det)
				firsts[nf++] = i;
		if (nf == 2 && (!x->sp[firsts[0]].roles) != (!x->sp[firsts[1]].roles))
			who = x->sp[firsts[0]].roles ? firsts[1] : firsts[0];
	}
	if (who == (size_t)-1) {
		if (x->n_sp >= MAX_SPEAKERS)
			return;
		who = new_speaker(x, x->text + det, m->end - det, det);
		x->sp[who].counterpart = m->counterpart;
		x->sp[who].title_end = m->end;
		if (m->country)
			snprintf(x->sp[who].country, sizeof(x->sp[who].country), "%s", m->country);
	} else if (m->country && !x->sp[who].country[0]) {
		snprintf(x->sp[who].country, sizeof(x->sp[who].country), "%s", m->country);
	}
	struct xspeaker *p = &x->sp[who];
	add_roles(p, m->roles);
	x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, x->text + det, m->end - det);
}

/* People named after a title (pass 0), then the titles that name nobody
 * (pass 1, once the appositives have given their people roles). */
static void titled_people(struct xdoc *x, int pass)
{
	const char *s = x->text;
	size_t covered = 0;
	{
		covered = 0;
		for (size_t h = 0; h < x->n_hits; h++) {
			const struct lex_hit *t = &x->hits[h];
			if (HIT_CLASS(x, t) != LC_TITLE || t->start < covered)
				continue;
			struct titled m;
			read_titled(x, t, &m, false);
			covered = m.end;
			if (m.name_end == m.name) {
				size_t det;
				bool spaces = strcmp(x->lang, "en") == 0 || strcmp(x->lang, "fr") == 0;
				if (pass == 1 && spaces && is_determiner(x, m.start, &det))
					unnamed(x, &m, det);
				continue;
			}
			if (pass == 1)
				continue;
			size_t a = m.name, b = m.name_end;
			const char *gaz = m.known ? HIT_FORM(x, m.known)->value : NULL;
			const char *gcountry = m.known ? HIT_FORM(x, m.known)->extra : NULL;
			if (!gaz && strcmp(x->lang, "ru") == 0) {
				/* С.В.Лаврова: known as С.В.Лавров */
				char nom[256];
				ru_name_nominative(x, s + a, b - a, nom, sizeof(nom));
				const struct lex_form *f = lex_lookup(x->lx, LC_PERSON, NULL, nom, strlen(nom));
				if (f) {
					gaz = f->value;
					gcountry = f->extra;
				}
			}
			size_t sp = speaker_for_name(x, a, b, gaz, m.country ? m.country : gcountry);
			if (sp == (size_t)-1)
				continue;
			struct xspeaker *p = &x->sp[sp];
			p->named = true;
			if (!p->country[0] && (m.country || gcountry))
				snprintf(p->country, sizeof(p->country), "%s", m.country ? m.country : gcountry);
			add_roles(p, m.roles);
			x_add_alias(&p->names, &p->n_names, &p->cap_names, s + a, b - a);
			x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, s + a, b - a);
			if (m.named) {
				/* "son homologue algérien" and "M. Ahmed Attaf", not the
				 * two with the comma between */
				size_t det = m.start;
				if (!is_determiner(x, m.start, &det))
					det = m.start;
				x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, s + det, m.title_end - det);
				x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, s + m.named, m.end - m.named);
				if (a > m.named)
					x_add_alias(&p->titles, &p->n_titles, &p->cap_titles, s + m.named, a - m.named);
			} else {
				x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, s + m.start, m.end - m.start);
				if (a > m.start)
					x_add_alias(&p->titles, &p->n_titles, &p->cap_titles, s + m.start, a - m.start);
			}
		}
	}
}

/* "Sirojiddin Muhriddin, Minister of Foreign Affairs of the Republic of
 * Tajikistan": a name, a comma, then its title. */
static void appositive_people(struct xdoc *x)
{
	if (strcmp(x->lang, "zh") == 0)
		return;
	const char *s = x->text;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *t = &x->hits[h];
		if (HIT_CLASS(x, t) != LC_TITLE)
			continue;
		size_t c = t->start;
		/* ", the Minister", ", Minister" */
		if (c >= 4 && memcmp(s + c - 4, "the ", 4) == 0)
			c -= 4;
		if (c < 3 || s[c - 1] != ' ' || s[c - 2] != ',')
			continue;
		size_t comma = c - 2;
		/* the earliest start within five words whose name ends at the comma */
		size_t start = comma, best = comma;
		for (int words = 0; words < 5 && start > 0; words++) {
			size_t p = start;
			while (p > 0 && s[p - 1] == ' ')
				p--;
			size_t w = p;
			while (w > 0 && s[w - 1] != ' ' && s[w - 1] != ',' && s[w - 1] != ';' && s[w - 1] != '.'
			       && s[w - 1] != '\n' && s[w - 1] != '(')
				w--;
			if (w == p)
				break;
			start = w;
			if (latin_name(x, start) == comma)
				best = start;
			else
				break;
		}
		if (best == comma)
			continue;
		/* a name of two words at least, not a title or a country itself */
		if (!memchr(s + best, ' ', comma - best) && !memchr(s + best, '.', comma - best))
			continue;
		struct titled m;
		read_titled(x, hit_at(x, LC_TITLE, t->start), &m, true);
		/* "членом Политбюро ЦК КПК, Министром ... Ван И": a title that
		 * names the one after it is not the apposition of the words
		 * before the comma (a body, another title) */
		if (m.name_end > m.name && !same_name(s + best, comma - best, s + m.name, m.name_end - m.name))
			continue;
		const struct lex_hit *known = hit_at(x, LC_PERSON, best);
		size_t sp = speaker_for_name(x, best, comma, known ? HIT_FORM(x, known)->value : NULL,
		                             m.country ? m.country : known ? HIT_FORM(x, known)->extra : NULL);
		if (sp == (size_t)-1)
			continue;
		struct xspeaker *p = &x->sp[sp];
		p->named = true;
		if (!p->country[0] && m.country)
			snprintf(p->country, sizeof(p->country), "%s", m.country);
		add_roles(p, m.roles);
		x_add_alias(&p->names, &p->n_names, &p->cap_names, s + best, comma - best);
		x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, s + best, comma - best);
		if (m.end > t->start)
			x_add_alias(&p->titles, &p->n_titles, &p->cap_titles, s + t->start, m.end - t->start);
	}
}

/* People named without a title by a first name and a surname ("Tom
 * Donilon", "Виктор Ющенко"). */
static void given_name_people(struct xdoc *x)
{
	if (strcmp(x->lang, "zh") == 0)
		return;
	size_t covered = 0;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *g = &x->hits[h];
		enum lex_class c = HIT_CLASS(x, g);
		if ((c != LC_GIVEN_NAME && c != LC_HONORIFIC) || g->start < covered)
			continue;
		int l;
		size_t a = g->start, e;
		if (c == LC_HONORIFIC) {
			/* "Mrs. Sushma Swaraj", "M. Wang": the name after it (a title
			 * used as an honorific is the titles' business) */
			const char *f = HIT_FORM(x, g)->form;
			if (hit_at(x, LC_TITLE, g->start) || !(strchr(f, '.') || strlen(f) <= 5 || (unsigned char)f[0] >= 0x80))
				continue;
			a = skip_spaces(x->text, x->n, g->end);
			while (hit_at(x, LC_HONORIFIC, a))
				a = skip_spaces(x->text, x->n, hit_at(x, LC_HONORIFIC, a)->end);
			e = latin_name(x, a);
			if (e <= a)
				continue;
		} else {
			if (!uc_is_upper(cp(x->text, x->n, g->start, &l)))
				continue;
			e = latin_name(x, g->start);
			if (e <= g->end)
				continue; /* a first name alone is nobody yet */
		}
		const struct lex_hit *known = hit_at(x, LC_PERSON, a);
		size_t sp = speaker_for_name(x, a, e, known ? HIT_FORM(x, known)->value : NULL,
		                             known ? HIT_FORM(x, known)->extra : NULL);
		covered = e;
		if (sp == (size_t)-1)
			continue;
		struct xspeaker *p = &x->sp[sp];
		p->named = true;
		x_add_alias(&p->names, &p->n_names, &p->cap_names, x->text + a, e - a);
		x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, x->text + a, e - a);
	}
}

static void free_speaker(struct xspeaker *p);

/* Does one of p's names start at byte k, as whole words? */
static bool name_at(const struct xdoc *x, const struct xspeaker *p, size_t k)
{
	for (size_t i = 0; i < p->n_names; i++) {
		size_t l = strlen(p->names[i]);
		if (l && k + l <= x->n && memcmp(x->text + k, p->names[i], l) == 0) {
			int cl;
			if (k + l == x->n || !is_letter(cp(x->text, x->n, k + l, &cl)))
				return true;
		}
	}
	return false;
}

/* "le ministre français de l'Europe et des Affaires étrangères Jean-Noël
 * Barrot": a title no name followed at once (its complement the lexicon
 * does not know between) is the title of the person named next in its
 * clause, not a person: its roles and country go to that one. */
static void titles_of_names(struct xdoc *x)
{
	/* the small words a body's name is made with besides its capitalised
	 * ones ("de l'Europe et des Affaires étrangères") */
	static const char *const links[] = { "de", "du", "des", "la", "le", "les", "et", "of", "the",
		                             "and", "for", "и", "по", "для", NULL };
	const unsigned long long stop = LC_BIT(LC_CUE) | LC_BIT(LC_CUE_JOINT) | LC_BIT(LC_CUE_PRON) | LC_BIT(LC_TITLE)
	                                | LC_BIT(LC_KIND) | LC_BIT(LC_INITIATOR) | LC_BIT(LC_PLACE) | LC_BIT(LC_MONTH);
	const char *s = x->text;
	for (size_t i = 0; i < x->n_sp;) {
		struct xspeaker *t = &x->sp[i];
		size_t who = (size_t)-1;
		bool after_capital = false;
		if (t->title_end && !t->group && !t->named && !x_is_han_at(s, x->n, t->first))
			for (size_t k = t->title_end, words = 0; k < x->n && words < 10 && who == (size_t)-1;) {
				if (s[k] == ' ') {
					k++;
					continue;
				}
				/* an elided article: "l'Europe", "d’Etat" */
				static const char *const elided[] = { "l'", "d'", "l’", "d’", NULL };
				bool el = false;
				for (int q = 0; elided[q] && !el; q++)
					if (k + strlen(elided[q]) < x->n && memcmp(s + k, elided[q], strlen(elided[q])) == 0) {
						k += strlen(elided[q]);
						el = true;
					}
				if (el)
					continue;
				int l;
				if (!is_letter(cp(s, x->n, k, &l)))
					break;
				for (size_t j = 0; j < x->n_sp && who == (size_t)-1; j++)
					if (j != i && !x->sp[j].group && x->sp[j].named && name_at(x, &x->sp[j], k))
						who = j;
				if (who != (size_t)-1 || any_hit_at(x, stop, k))
					break;
				bool cap;
				size_t e = name_part(s, x->n, k, &cap);
				if (e <= k)
					break;
				bool link = false;
				for (int q = 0; links[q] && !link; q++)
					link = strlen(links[q]) == e - k && memcmp(s + k, links[q], e - k) == 0;
				/* a lower-case word that is no link qualifies the word
				 * before it ("Affaires étrangères"); first, it is a verb */
				if (!cap && !link && !after_capital)
					break;
				after_capital = cap;
				words++;
				k = e;
			}
		if (who == (size_t)-1) {
			i++;
			continue;
		}
		struct xspeaker *p = &x->sp[who];
		add_roles(p, t->roles);
		if (!p->country[0] && t->country[0])
			snprintf(p->country, sizeof(p->country), "%s", t->country);
		free_speaker(t);
		memmove(&x->sp[i], &x->sp[i + 1], (x->n_sp - i - 1) * sizeof(*x->sp));
		x->n_sp--;
	}
}

/* People the lexicon knows, wherever the text names them. */
static void known_people(struct xdoc *x)
{
	size_t covered = 0;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *k = &x->hits[h];
		if (HIT_CLASS(x, k) != LC_PERSON || k->start < covered)
			continue;
		/* a known surname inside a longer name is another person's */
		if (k->start > 0 && isalpha((unsigned char)x->text[k->start - 1]))
			continue;
		const struct lex_form *f = HIT_FORM(x, k);
		size_t sp = speaker_for_name(x, k->start, k->end, f->value, f->extra);
		if (sp == (size_t)-1)
			continue;
		struct xspeaker *p = &x->sp[sp];
		if (!p->gazetteer_id)
			p->gazetteer_id = f->value;
		if (!p->country[0])
			snprintf(p->country, sizeof(p->country), "%s", f->extra);
		p->named = true;
		x_add_alias(&p->names, &p->n_names, &p->cap_names, x->text + k->start, k->end - k->start);
		x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, x->text + k->start, k->end - k->start);
		covered = k->end;
	}
}

/* A Chinese name's family name alone ("吴" for "吴红波"), where the text
 * uses it as a subject: at a sentence or clause start, before a cue or an
 * adverb. */
static void han_family_name(struct xdoc *x, struct xspeaker *p, const char *name)
{
	size_t n = strlen(name);
	size_t chars = u8_mbsnlen((const uint8_t *)name, n);
	if (chars < 2 || !x_is_han_at(name, n, 0))
		return;
	const char *s = x->text;
	/* "任大使": the family name and a title */
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *t = &x->hits[h];
		if (HIT_CLASS(x, t) != LC_TITLE || t->start < 3 || memcmp(s + t->start - 3, name, 3) != 0)
			continue;
		if (t->start >= n && memcmp(s + t->start - n, name, n) == 0)
			continue; /* the whole name */
		x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, s + t->start - 3, t->end - (t->start - 3));
	}
	bool family = chars <= 3 && lex_lookup(x->lx, LC_CN_SURNAME, "zh", name, 3);
	bool foreign = chars >= 3 && !family;
	if (!family && !foreign)
		return;
	for (size_t i = 0; i + 3 <= x->n; i++) {
		if (memcmp(s + i, name, 3) != 0 || (i + n <= x->n && memcmp(s + i, name, n) == 0))
			continue;
		bool start = i == 0 || s[i - 1] == '\n'
		             || (i >= 3 && (memcmp(s + i - 3, "。", 3) == 0 || memcmp(s + i - 3, "，", 3) == 0));
		if (!start)
			continue;
		bool before_cue = false;
		for (size_t h = x_hits_from(x, i + 3); h < x->n_hits && !before_cue; h++) {
			const struct lex_hit *hh = &x->hits[h];
			if (hh->start > i + 3)
				break;
			enum lex_class c = HIT_CLASS(x, hh);
			before_cue = hh->start == i + 3 && (c == LC_CUE || c == LC_ADVERB || c == LC_CUE_JOINT);
		}
		static const char *const preps[] = { "对", "對", "就", "向", "同", NULL };
		for (int k = 0; preps[k] && !before_cue; k++)
			before_cue = i + 6 <= x->n && memcmp(s + i + 3, preps[k], 3) == 0;
		if (before_cue) {
			x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, name, 3);
			return;
		}
	}
}

/* Short forms of each person found in the text: the surname alone, after
 * an honorific ("M. Wang", "Mr. Lavrov", "г-н Лавров"), and in Russian its
 * case forms. */
static void short_forms(struct xdoc *x)
{
	for (size_t i = 0; i < x->n_sp; i++) {
		struct xspeaker *p = &x->sp[i];
		if (p->group || !p->named)
			continue;
		size_t n0 = p->n_names;
		for (size_t k = 0; k <= n0; k++) {
			const char *name = k < n0 ? p->names[k] : p->label;
			/* only plain names, not titled forms */
			char sur[128];
			han_family_name(x, p, name);
			surname_of(x, name, sur, sizeof(sur));
			if (u8_mbsnlen((const uint8_t *)sur, strlen(sur)) < 2 || strlen(name) > 60)
				continue;
			if (strcmp(x->lang, "ru") == 0) {
				char nom[128];
				ru_nominative(x, sur, strlen(sur), nom, sizeof(nom));
				if (in_text(x, nom, strlen(nom)))
					x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, nom, strlen(nom));
				ru_case_forms(x, p, "", nom);
				/* with the initials glued or spaced: С.В.Лаврова */
				const char *dot = strrchr(name, '.');
				if (dot && (size_t)(dot - name) < 12) {
					char pre[32];
					snprintf(pre, sizeof(pre), "%.*s", (int)(dot - name + 1), name);
					ru_case_forms(x, p, pre, nom);
				}
			} else if (in_text(x, sur, strlen(sur))) {
				x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, sur, strlen(sur));
			}
			/* honorific + surname */
			for (size_t h = 0; h < x->n_hits; h++) {
				const struct lex_hit *hh = &x->hits[h];
				if (HIT_CLASS(x, hh) != LC_HONORIFIC)
					continue;
				size_t a = skip_spaces(x->text, x->n, hh->end);
				size_t sl = strlen(sur);
				size_t after = a + sl;
				while (after < x->n && x->text[after] == ' ')
					after++;
				int al;
				bool more = after < x->n && uc_is_upper(cp(x->text, x->n, after, &al)) && after > a + sl;
				if (a + sl <= x->n && memcmp(x->text + a, sur, sl) == 0 && !more
				    && !(a + sl < x->n && isalpha((unsigned char)x->text[a + sl])))
					x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, x->text + hh->start,
					            a + sl - hh->start);
			}
		}
	}
}

/* --- the participants and their group ---------------------------------------------------- */

static int id_cmp(const void *a, const void *b, void *ctx)
{
	const struct xdoc *x = ctx;
	return strcmp(x->sp[*(const size_t *)a].id, x->sp[*(const size_t *)b].id);
}

/* the members sorted by id (a small insertion sort: few members) */
static void sort_members(struct xdoc *x, size_t *m, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && id_cmp(&m[j - 1], &m[j], x) > 0; j--) {
			size_t t = m[j];
			m[j] = m[j - 1];
			m[j - 1] = t;
		}
}

static void set_group_id(struct xdoc *x, struct xspeaker *g)
{
	size_t o = (size_t)snprintf(g->id, sizeof(g->id), "group");
	for (size_t k = 0; k < g->n_members && o < sizeof(g->id); k++)
		o += (size_t)snprintf(g->id + o, sizeof(g->id) - o, ":%s", x->sp[g->members[k]].id);
}

/* The group of the people in members[0..n) (made when new). */
size_t x_group_of(struct xdoc *x, size_t *members, size_t n, const char *label)
{
	sort_members(x, members, n);
	for (size_t i = 0; i < x->n_sp; i++) {
		struct xspeaker *g = &x->sp[i];
		if (g->group && g->n_members == n && mem_equal(g->members, members, n * sizeof(size_t)))
			return i;
	}
	if (x->n_sp >= MAX_SPEAKERS)
		return (size_t)-1;
	size_t i = new_speaker(x, label, strlen(label), x->n);
	struct xspeaker *g = &x->sp[i];
	g->group = true;
	g->participant = true;
	g->members = xmalloc((n + 1) * sizeof(size_t));
	mem_copy(g->members, members, n * sizeof(size_t));
	g->n_members = n;
	set_group_id(x, g);
	return i;
}

/* whether p's title holds one of the role's words ("minister" for
 * "Deputy Prime Minister and Minister of Foreign Affairs"), ignoring case */
static bool has_role(const struct xspeaker *p, const char *role)
{
	bool found = false;
	for (size_t k = 0; k <= p->n_aliases + p->n_titles && !found; k++) {
		const char *a = k < p->n_aliases ? p->aliases[k] : k < p->n_aliases + p->n_titles ? p->titles[k - p->n_aliases] : p->roles;
		if (!a)
			continue;
		size_t al;
		char *f = lex_norm(a, strlen(a), &al);
		/* any of the role's words, |-separated */
		for (const char *q = role; *q && !found;) {
			size_t ql = strcspn(q, "|"), rl;
			char *r = lex_norm(q, ql, &rl);
			found = rl && strstr(f, r) != NULL;
			free(r);
			q += ql + (q[ql] == '|');
		}
		free(f);
	}
	return found;
}

/* The group of the participants; with a role ("the ministers": minister),
 * of those holding it when two or more do ("the ministers" of an SCO
 * meeting are not its Secretary-General). */
size_t x_participants_group(struct xdoc *x, const char *form, const char *role)
{
	size_t m[MAX_SPEAKERS], n = 0;
	if (role && *role) {
		for (size_t i = 0; i < x->n_sp && n < MAX_SPEAKERS; i++)
			if (!x->sp[i].group && x->sp[i].participant && has_role(&x->sp[i], role))
				m[n++] = i;
		size_t all = 0;
		for (size_t i = 0; i < x->n_sp; i++)
			all += !x->sp[i].group && x->sp[i].participant;
		if (n >= 2 && n < all)
			return x_group_of(x, m, n, form ? form : "the two sides");
		n = 0;
	}
	for (size_t i = 0; i < x->n_sp && n < MAX_SPEAKERS; i++)
		if (!x->sp[i].group && x->sp[i].participant)
			m[n++] = i;
	if (n < 2) {
		n = 0;
		for (size_t i = 0; i < x->n_sp && n < MAX_SPEAKERS; i++)
			if (!x->sp[i].group)
				m[n++] = i;
	}
	if (n < 2)
		return (size_t)-1; /* the text names too few of them */
	return x_group_of(x, m, n, form ? form : "the two sides");
}

/* --- where the text names them ------------------------------------------------------------------------ */

static void add_ref(struct xdoc *x, size_t a, size_t b, enum xref_kind k, size_t who)
{
	grow(&x->refs, &x->cap_refs, x->n_refs + 1, sizeof(*x->refs));
	x->refs[x->n_refs++] = (struct xref){ a, b, k, who };
}

static int ref_cmp(const void *a, const void *b)
{
	const struct xref *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end < y->end) - (x->end > y->end);
}

/* Every occurrence of each person's names (the longest first, none over
 * another). */
static void name_refs(struct xdoc *x, unsigned char *taken)
{
	struct nf {
		char *f;
		size_t len, who;
	} *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < x->n_sp; i++) {
		const struct xspeaker *p = &x->sp[i];
		if (p->group)
			continue;
		for (size_t k = 0; k <= p->n_aliases; k++) {
			const char *a = k < p->n_aliases ? p->aliases[k] : p->label;
			grow(&v, &cap, n + 1, sizeof(*v));
			v[n].f = lex_norm(a, strlen(a), &v[n].len);
			v[n].who = i;
			n++;
		}
	}
	/* the longest first */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1].len < v[j].len; j--) {
			struct nf t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	const struct lex_text *t = &x->lt;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].len)
			continue;
		for (const char *p = t->s; (p = strstr(p, v[i].f)) != NULL; p++) {
			size_t a = (size_t)(p - t->s), e = a + v[i].len;
			if (a > 0 && (isalnum((unsigned char)t->s[a - 1]) || (unsigned char)t->s[a - 1] >= 0x80)
			    && !x_is_han_at(t->s, t->n, a) && (unsigned char)t->s[a - 1] != 0xB7) {
				/* inside a word, unless the byte before ends a Han character */
				size_t q = a - 1;
				while (q > 0 && ((unsigned char)t->s[q] & 0xC0) == 0x80)
					q--;
				if (!x_is_han_at(t->s, t->n, q) && !(t->s[q] == '.'))
					continue;
			}
			/* the name's last character (not its last byte) */
			size_t last = e - 1;
			while (last > a && ((unsigned char)t->s[last] & 0xC0) == 0x80)
				last--;
			if (e < t->n && !x_is_han_at(t->s, t->n, last)
			    && (isalnum((unsigned char)t->s[e]) || ((unsigned char)t->s[e] >= 0x80 && !x_is_han_at(t->s, t->n, e)
			                                           && (unsigned char)t->s[e] != 0xC2 && (unsigned char)t->s[e] != 0xE2
			                                           && (unsigned char)t->s[e] != 0xE3 && (unsigned char)t->s[e] != 0xEF)))
				continue;
			size_t sa = t->map[a], se = t->map[e];
			bool free_span = true;
			for (size_t k = sa; k < se && free_span; k++)
				free_span = !taken[k];
			if (!free_span)
				continue;
			memset(taken + sa, 1, se - sa);
			add_ref(x, sa, se, XR_PERSON, v[i].who);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].f);
	free(v);
}

/* The speaker named last before byte b (by a name), among cand. */
static size_t last_named(const struct xdoc *x, size_t b, const size_t *cand, size_t nc)
{
	size_t best = cand[0], at = 0;
	bool found = false;
	for (size_t r = 0; r < x->n_refs; r++) {
		const struct xref *f = &x->refs[r];
		if (f->kind != XR_PERSON || f->start >= b)
			continue;
		for (size_t c = 0; c < nc; c++)
			if (cand[c] == f->who && (!found || f->start >= at)) {
				best = f->who;
				at = f->start;
				found = true;
			}
	}
	return best;
}

/* Role forms ("the Secretary", "le Ministre", "Министр"): the person of
 * that title named last before them. */
static void role_refs(struct xdoc *x, unsigned char *taken)
{
	/* every distinct role form */
	char **forms = NULL;
	size_t nf = 0, cf = 0;
	for (size_t i = 0; i < x->n_sp; i++) {
		if (!x->sp[i].roles)
			continue;
		char *r = xstrdup(x->sp[i].roles);
		for (char *save = NULL, *tok = strtok_r(r, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
			x_add_alias(&forms, &nf, &cf, tok, strlen(tok));
		free(r);
	}
	const struct lex_text *t = &x->lt;
	for (size_t f = 0; f < nf; f++) {
		size_t len;
		char *k = lex_norm(forms[f], strlen(forms[f]), &len);
		size_t cand[MAX_SPEAKERS], nc = 0;
		for (size_t i = 0; i < x->n_sp; i++) {
			if (!x->sp[i].roles)
				continue;
			char *r = xstrdup(x->sp[i].roles);
			for (char *save = NULL, *tok = strtok_r(r, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
				if (strcmp(tok, forms[f]) == 0 && nc < MAX_SPEAKERS) {
					cand[nc++] = i;
					break;
				}
			free(r);
		}
		for (const char *p = t->s; len && nc && (p = strstr(p, k)) != NULL; p++) {
			size_t a = (size_t)(p - t->s), e = a + len;
			if ((a > 0 && isalnum((unsigned char)t->s[a - 1])) || (e < t->n && isalnum((unsigned char)t->s[e]))
			    || (e < t->n && (unsigned char)t->s[e] >= 0xC0 && !x_is_han_at(t->s, t->n, e)))
				continue;
			size_t sa = t->map[a], se = t->map[e];
			/* exact capitals of the form's first letter for Russian ("Министр"
			 * as a role, "министр" inside other titles is the same) */
			bool free_span = true;
			for (size_t q = sa; q < se && free_span; q++)
				free_span = !taken[q];
			if (!free_span)
				continue;
			size_t who = last_named(x, sa, cand, nc);
			memset(taken + sa, 1, se - sa);
			add_ref(x, sa, se, XR_ROLE, who);
			struct xspeaker *p2 = &x->sp[who];
			x_add_alias(&p2->aliases, &p2->n_aliases, &p2->cap_aliases, x->text + sa, se - sa);
		}
		free(k);
	}
	for (size_t f = 0; f < nf; f++)
		free(forms[f]);
	free(forms);
}

/* Country sides: the person of that country (a participant first); when
 * no person has that country, a participant of no known country. */
static void side_refs(struct xdoc *x, unsigned char *taken)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *s = &x->hits[h];
		if (HIT_CLASS(x, s) != LC_COUNTRY_SIDE || taken[s->start])
			continue;
		const char *code = HIT_FORM(x, s)->value;
		size_t who = (size_t)-1;
		for (int pass = 0; pass < 2 && who == (size_t)-1; pass++)
			for (size_t i = 0; i < x->n_sp && who == (size_t)-1; i++)
				if (!x->sp[i].group && strcmp(x->sp[i].country, code) == 0 && (pass || x->sp[i].participant))
					who = i;
		for (size_t i = 0; i < x->n_sp && who == (size_t)-1; i++)
			if (!x->sp[i].group && x->sp[i].participant && !x->sp[i].country[0]) {
				who = i;
				snprintf(x->sp[i].country, sizeof(x->sp[i].country), "%s", code);
			}
		if (who == (size_t)-1)
			continue;
		memset(taken + s->start, 1, s->end - s->start);
		add_ref(x, s->start, s->end, XR_SIDE, who);
		struct xspeaker *p = &x->sp[who];
		x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, x->text + s->start, s->end - s->start);
	}
}

static void group_refs(struct xdoc *x, unsigned char *taken)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *s = &x->hits[h];
		enum lex_class c = HIT_CLASS(x, s);
		if ((c != LC_GROUP && c != LC_PRONOUN) || taken[s->start])
			continue;
		/* a form standing alone: "стороны" as a word, "双方" anywhere */
		if (c == LC_PRONOUN) {
			bool pl = strcmp(HIT_FORM(x, s)->value, "pl") == 0;
			add_ref(x, s->start, s->end, pl ? XR_PRONOUN_PL : XR_PRONOUN_SG, (size_t)-1);
			continue;
		}
		size_t g = x_participants_group(x, NULL, HIT_FORM(x, s)->value);
		if (g == (size_t)-1)
			continue;
		memset(taken + s->start, 1, s->end - s->start);
		add_ref(x, s->start, s->end, XR_GROUP, g);
	}
}

/* Is a person's first mention a possessive ("Prime Minister Modi's")? */
static bool possessive_at(const struct xdoc *x, const struct xspeaker *p)
{
	for (size_t k = 0; k < p->n_aliases; k++) {
		size_t l = strlen(p->aliases[k]);
		if (p->first + l <= x->n && memcmp(x->text + p->first, p->aliases[k], l) == 0) {
			const char *e = x->text + p->first + l;
			size_t left = x->n - p->first - l;
			return (left >= 2 && memcmp(e, "'s", 2) == 0) || (left >= 4 && memcmp(e, "\xE2\x80\x99s", 4) == 0);
		}
	}
	return false;
}

/* "as a special representative of Chinese President Hu Jintao": named
 * for the one acting for them, who takes no part in the meeting */
static bool proxied_at(const struct xdoc *x, const struct xspeaker *p)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= p->first)
			break;
		if (HIT_CLASS(x, hh) != LC_PROXY || p->first - hh->end > 64)
			continue;
		bool clear = true;
		for (size_t k = hh->end; k < p->first && clear; k++)
			clear = x->text[k] != ',' && x->text[k] != '.' && x->text[k] != ';' && x->text[k] != '\n';
		if (clear)
			return true;
	}
	return false;
}

static void free_speaker(struct xspeaker *p)
{
	for (size_t k = 0; k < p->n_aliases; k++)
		free(p->aliases[k]);
	for (size_t k = 0; k < p->n_names; k++)
		free(p->names[k]);
	for (size_t k = 0; k < p->n_titles; k++)
		free(p->titles[k]);
	free(p->aliases);
	free(p->names);
	free(p->titles);
	free(p->label);
	free(p->roles);
	free(p->members);
}

/* "M. Barrot s'est entretenu avec son homologue. (...) M. Attaf a
 * rappelé": a counterpart the text names nobody with is, when the text
 * names exactly two people, the one of them other than whose counterpart
 * it is (the last named before it in its sentence, else before it). */
static void resolve_counterparts(struct xdoc *x)
{
	for (size_t c = 0; c < x->n_sp; c++) {
		struct xspeaker *cp = &x->sp[c];
		if (!cp->counterpart || cp->group)
			continue;
		size_t cand[2], nc = 0;
		bool more = false;
		for (size_t i = 0; i < x->n_sp; i++) {
			const struct xspeaker *p = &x->sp[i];
			if (i == c || p->group || p->counterpart || !p->named || possessive_at(x, p) || proxied_at(x, p))
				continue;
			if (nc < 2)
				cand[nc++] = i;
			else
				more = true;
		}
		if (nc != 2 || more)
			continue;
		/* whose counterpart: the one named last before it, in its
		 * sentence if one is */
		size_t cs = x->n_sents ? x_sentence_of(x, cp->first) : 0;
		long owner = -1;
		for (int pass = 0; pass < 2 && owner < 0; pass++)
			for (size_t k = 0; k < 2; k++) {
				const struct xspeaker *p = &x->sp[cand[k]];
				if (p->first >= cp->first || (pass == 0 && x->n_sents && x_sentence_of(x, p->first) != cs))
					continue;
				if (owner < 0 || p->first > x->sp[owner].first)
					owner = (long)cand[k];
			}
		if (owner < 0)
			continue;
		size_t o = cand[0] == (size_t)owner ? cand[1] : cand[0];
		struct xspeaker *other = &x->sp[o];
		if (cp->country[0] && other->country[0] && strcmp(cp->country, other->country) != 0)
			continue;
		if (cp->country[0] && strcmp(cp->country, x->sp[owner].country) == 0)
			continue;
		if (!other->country[0] && cp->country[0])
			snprintf(other->country, sizeof(other->country), "%s", cp->country);
		add_roles(other, cp->roles);
		for (size_t k = 0; k < cp->n_aliases; k++)
			x_add_alias(&other->aliases, &other->n_aliases, &other->cap_aliases, cp->aliases[k],
			            strlen(cp->aliases[k]));
		if (cp->first < other->first)
			other->first = cp->first;
		free_speaker(cp);
		memmove(&x->sp[c], &x->sp[c + 1], (x->n_sp - c - 1) * sizeof(*x->sp));
		x->n_sp--;
		c--;
	}
}

/* The opening is the first paragraph that names someone (a line such as
 * "An FCO spokesperson said:" comes before it); the people it names take
 * part in the meeting, or the first two named when it names one. */
static void mark_participants(struct xdoc *x)
{
	size_t first = x->n;
	for (size_t i = 0; i < x->n_sp; i++) {
		if (x->sp[i].group || x->sp[i].first >= first)
			continue;
		/* not in a line that only introduces ("The following is
		 * attributable to Spokesperson Matthew Miller:") */
		size_t si = x_sentence_of(x, x->sp[i].first);
		size_t e = x->n_sents ? x->sents[si].end : 0;
		bool intro = e && (x->text[e - 1] == ':' || (e >= 3 && memcmp(x->text + e - 3, "：", 3) == 0));
		/* nor in a heading of the page, a short line of its own with no
		 * sentence's end ("Office of the Spokesperson") */
		if (e && !intro) {
			const struct xsent *st = &x->sents[si];
			bool alone = (si == 0 || x->sents[si - 1].para != st->para)
			             && (si + 1 >= x->n_sents || x->sents[si + 1].para != st->para);
			char last = x->text[e - 1];
			bool ends = last == '.' || last == '!' || last == '?' || last == '"' || last == ')'
			            || (e >= 3 && ((unsigned char)x->text[e - 3] == 0xE3 || (unsigned char)x->text[e - 3] == 0xEF));
			intro = alone && !ends && e - st->start < 60;
		}
		if (!intro)
			first = x->sp[i].first;
	}
	x->opening_para = first < x->n && x->n_sents ? x->sents[x_sentence_of(x, first)].para : 0;
	/* those named in the opening sentence (not as a possessive), else in
	 * the opening paragraph, else the first two */
	size_t sent_start = 0, sent_end = x->n, para_end = x->n;
	bool found = false;
	for (size_t i = 0; i < x->n_sents; i++)
		if (x->sents[i].para == x->opening_para) {
			if (!found) {
				sent_start = x->sents[i].start;
				sent_end = x->sents[i].end;
				found = true;
			}
			para_end = x->sents[i].end;
		}
	for (int pass = 0; pass < 3; pass++) {
		size_t n = 0;
		for (size_t i = 0; i < x->n_sp; i++) {
			struct xspeaker *p = &x->sp[i];
			p->participant = false;
			if (p->group)
				continue;
			bool in = pass == 2 || (p->first >= sent_start && p->first < (pass == 0 ? sent_end : para_end));
			if (in && pass < 2 && (possessive_at(x, p) || proxied_at(x, p)))
				in = false;
			if (in)
				n++;
			p->participant = in;
		}
		if (n >= 2)
			break;
		if (pass == 1) {
			/* the first two */
			n = 0;
			for (size_t i = 0; i < x->n_sp; i++)
				x->sp[i].participant = !x->sp[i].group && n++ < 2;
			break;
		}
	}
}

/* The script of the first letter of s (libunistring's), NULL when none. */
static const uc_script_t *script_of(const char *s)
{
	for (size_t i = 0; s[i];) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, (const uint8_t *)s + i, strlen(s + i));
		if (l < 1)
			return NULL;
		if (uc_is_alpha(uc))
			return uc_script(uc);
		i += (size_t)l;
	}
	return NULL;
}

/* A known person's label: the lexicon's first full name of theirs in the
 * script of the name the text gives, when that name is no form the
 * lexicon has ("Сергеем Лавровым", "Абдулазиза Камилова": Сергей Лавров,
 * Абдулазиз Камилов), the text's form staying an alias. */
static void lexicon_label(struct xdoc *x, struct xspeaker *p)
{
	const struct lexicon *lx = x->lx;
	const uc_script_t *sc = script_of(p->label);
	if (!lx || !sc)
		return;
	/* (the rows of people.tsv: its forms also hold the cases the
	 * lexicon made of each Russian name) */
	const char *best = NULL;
	for (size_t i = 0; i < lx->n_rows[LEX_PEOPLE]; i++) {
		const struct lex_row *r = &lx->rows[LEX_PEOPLE][i];
		if (r->nf < 3 || strcmp(r->f[0], p->gazetteer_id) != 0)
			continue;
		if (strcmp(r->f[2], p->label) == 0)
			return; /* (the text's is one of the lexicon's) */
		if (!best && strchr(r->f[2], ' ') && !strchr(r->f[2], '.') && script_of(r->f[2]) == sc)
			best = r->f[2];
	}
	if (best) {
		x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, p->label, strlen(p->label));
		free(p->label);
		p->label = xstrdup(best);
	}
}

/* Labels and ids: the name as the text gives it (a Russian declined form
 * to its nominative), the id the lexicon knows, else one made from the
 * label. */
static void name_them(struct xdoc *x)
{
	for (size_t i = 0; i < x->n_sp; i++) {
		struct xspeaker *p = &x->sp[i];
		if (p->group)
			continue;
		if (strcmp(x->lang, "ru") == 0) {
			/* С.В.Лаврова -> С.В.Лавров when the text says so */
			const char *l = p->label;
			const char *sp = strrchr(l, ' '), *dot = strrchr(l, '.');
			const char *last = sp && (!dot || sp > dot) ? sp + 1 : dot ? dot + 1 : l;
			char nom[128], full[256];
			ru_nominative(x, last, strlen(last), nom, sizeof(nom));
			snprintf(full, sizeof(full), "%.*s%s", (int)(last - l), l, nom);
			if (strcmp(full, l) != 0 && in_text(x, full, strlen(full))) {
				free(p->label);
				p->label = xstrdup(full);
			}
		}
		/* the lexicon's first form for a known person when the text
		 * names them only by a short form */
		if (p->gazetteer_id) {
			snprintf(p->id, sizeof(p->id), "%s", p->gazetteer_id);
			lexicon_label(x, p);
		} else {
			ids_from_label(p->label, p->id, sizeof(p->id));
			if (!p->id[0])
				snprintf(p->id, sizeof(p->id), "speaker-%zu", i + 1);
		}
	}
	/* ids unique */
	for (size_t i = 0; i < x->n_sp; i++)
		for (size_t j = 0; j < i; j++)
			if (!x->sp[i].group && strcmp(x->sp[i].id, x->sp[j].id) == 0) {
				char suffix[24];
				int sl = snprintf(suffix, sizeof(suffix), "-%u", (unsigned)(i + 1) % 1000u);
				size_t l = strlen(x->sp[i].id);
				if (l + (size_t)sl >= sizeof(x->sp[i].id))
					l = sizeof(x->sp[i].id) - (size_t)sl - 1;
				memcpy(x->sp[i].id + l, suffix, (size_t)sl + 1);
			}
}

void x_people(struct xdoc *x)
{
	titled_people(x, 0);
	appositive_people(x);
	titled_people(x, 1);
	given_name_people(x);
	known_people(x);
	titles_of_names(x);
	short_forms(x);
	resolve_counterparts(x);
	mark_participants(x);
	name_them(x);
	unsigned char *taken = xcalloc(x->n + 1, 1);
	group_refs(x, taken);
	name_refs(x, taken);
	if (x->n_refs > 1)
		qsort(x->refs, x->n_refs, sizeof(*x->refs), ref_cmp);
	role_refs(x, taken);
	side_refs(x, taken);
	for (size_t i = 0; i < x->n_sp; i++)
		if (x->sp[i].group)
			set_group_id(x, &x->sp[i]);
	if (x->n_refs > 1)
		qsort(x->refs, x->n_refs, sizeof(*x->refs), ref_cmp);
	free(taken);
}

void x_group_form_used(struct xdoc *x, size_t g, size_t a, size_t b)
{
	struct xspeaker *p = &x->sp[g];
	if (!p->group)
		return;
	if (!p->n_aliases && !p->named) {
		free(p->label);
		p->label = xstrndup(x->text + a, b - a);
		p->named = true;
	}
	x_add_alias(&p->aliases, &p->n_aliases, &p->cap_aliases, x->text + a, b - a);
}

void x_prune(struct xdoc *x)
{
	size_t *map = xmalloc((x->n_sp + 1) * sizeof(size_t)), n = 0;
	/* a group's members stay */
	bool *keep = xcalloc(x->n_sp + 1, sizeof(bool));
	for (size_t i = 0; i < x->n_sp; i++) {
		const struct xspeaker *p = &x->sp[i];
		keep[i] = keep[i] || p->speaks || (!p->group && p->participant) || (long)i == x->initiator;
		if (p->group && p->speaks)
			for (size_t k = 0; k < p->n_members; k++)
				keep[p->members[k]] = true;
	}
	for (size_t i = 0; i < x->n_sp; i++) {
		if (keep[i]) {
			map[i] = n;
			x->sp[n++] = x->sp[i];
			continue;
		}
		map[i] = (size_t)-1;
		free_speaker(&x->sp[i]);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < x->sp[i].n_members; k++)
			x->sp[i].members[k] = map[x->sp[i].members[k]];
	for (size_t i = 0; i < x->n_pos; i++)
		x->pos[i].speaker = map[x->pos[i].speaker];
	size_t r = 0;
	for (size_t i = 0; i < x->n_refs; i++)
		if (x->refs[i].who == (size_t)-1 || map[x->refs[i].who] != (size_t)-1) {
			x->refs[r] = x->refs[i];
			if (x->refs[r].who != (size_t)-1)
				x->refs[r].who = map[x->refs[r].who];
			r++;
		}
	x->n_refs = r;
	if (x->initiator >= 0)
		x->initiator = (long)map[x->initiator];
	x->n_sp = n;
	free(map);
	free(keep);
}

void x_group_id(struct xdoc *x, size_t g)
{
	set_group_id(x, &x->sp[g]);
}

size_t x_person_titled(struct xdoc *x, size_t a, size_t b)
{
	for (size_t i = 0; i < x->n_sp; i++)
		if (!x->sp[i].group && same_name(x->sp[i].label, strlen(x->sp[i].label), x->text + a, b - a))
			return i;
	const struct lex_hit *t = hit_at(x, LC_TITLE, a);
	if (t && *HIT_FORM(x, t)->value) {
		/* a person of that role */
		char *r = xstrdup(HIT_FORM(x, t)->value);
		size_t who = (size_t)-1;
		for (char *save = NULL, *tok = strtok_r(r, "|", &save); tok && who == (size_t)-1;
		     tok = strtok_r(NULL, "|", &save))
			for (size_t i = 0; i < x->n_sp && who == (size_t)-1; i++)
				if (!x->sp[i].group && x->sp[i].roles && strstr(x->sp[i].roles, tok))
					who = i;
		free(r);
		if (who != (size_t)-1)
			return who;
	}
	if (x->n_sp >= MAX_SPEAKERS)
		return (size_t)-1;
	size_t i = new_speaker(x, x->text + a, b - a, a);
	ids_from_label(x->sp[i].label, x->sp[i].id, sizeof(x->sp[i].id));
	x->sp[i].participant = true;
	return i;
}
