/* lexicon.c - the extractor's lexicons and their matcher (see lexicon.h). */
#include "lexicon.h"

#include "arena.h"
#include "fileio.h"
#include "fold.h"
#include "userconf.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unictype.h>
#include <unistr.h>

#define LEX_MAX_FILE (16u << 20) /* a lexicon file larger than this is refused */

static const char *const file_names[LEX_FILES] = { "words.tsv", "countries.tsv", "people.tsv", "agreements.tsv",
	                                           "topics.tsv" };
static const int file_fields[LEX_FILES] = { 3, 4, 3, 4, 3 };

const char *const lex_class_names[LC_COUNT] = {
	"cue", "cue-pron", "cue-joint", "title", "honorific", "group", "pronoun", "stance",
	"kind", "initiator", "month", "place", "place-end", "name-stop", "cn-surname", "abbrev",
	"instrument", "anaphor", "langid", "clause", "adverb", "impersonal", "name-char", "not-name", "given-name", "proxy", "earlier", "weekday", "day-rel", "about", "not-cue", "sidelines", "counterpart",
	"nominative",
	"country-name", "country-adj", "country-side", "country-domain", "country-city",
	"person", "agreement", "topic",
};

/* --- normalised folded text ------------------------------------------------ */

static bool is_han(ucs4_t uc)
{
	return (uc >= 0x2E80 && uc <= 0x9FFF) || (uc >= 0xF900 && uc <= 0xFAFF) || (uc >= 0xFF00 && uc <= 0xFFEF)
	       || (uc >= 0x20000 && uc <= 0x3FFFF) || (uc >= 0x3000 && uc <= 0x303F);
}

/* A character of a word in a script with spaces. */
static bool is_word(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z') || (uc >= '0' && uc <= '9');
	return !is_han(uc) && (uc_is_alnum(uc) || uc_is_general_category(uc, UC_CATEGORY_M));
}

static bool is_space(ucs4_t uc)
{
	return uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' || uc == 0xA0 || uc == 0x202F || uc == 0x2009
	       || uc == 0x200A || uc == 0x2007 || uc == 0x3000 || uc == 0xFEFF || uc == 0x200B;
}

static bool is_apostrophe(ucs4_t uc)
{
	return uc == 0x2019 || uc == 0x02BC || uc == 0x2018 || uc == 0x00B4;
}

/* folded f (with its map) to normalised t */
static void normalise(struct lex_text *t, const struct folded *f, size_t src_len)
{
	t->s = xmalloc(f->n + 1);
	t->map = xmalloc((f->n + 1) * sizeof(size_t));
	size_t o = 0;
	bool space = false;
	for (size_t i = 0; i < f->n;) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, (const uint8_t *)f->s + i, f->n - i);
		if (l < 1)
			l = 1;
		size_t src = f->map ? f->map[i] : i;
		if (is_space(uc)) {
			if (!space) {
				t->map[o] = src;
				t->s[o++] = ' ';
			}
			space = true;
		} else if (is_apostrophe(uc)) {
			t->map[o] = src;
			t->s[o++] = '\'';
			space = false;
		} else if (uc == 0x2010 || uc == 0x2011) {
			/* a (non-breaking) hyphen: "États‑Unis" */
			t->map[o] = src;
			t->s[o++] = '-';
			space = false;
		} else {
			for (int k = 0; k < l; k++) {
				t->map[o] = src;
				t->s[o++] = f->s[i + (size_t)k];
			}
			space = false;
		}
		i += (size_t)l;
	}
	t->s[o] = '\0';
	t->map[o] = src_len;
	t->n = o;
}

/* The end of the token starting at i. */
static size_t tok_end(const char *s, size_t n, size_t i)
{
	ucs4_t uc;
	int l = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
	if (l < 1)
		return i + 1;
	if (!is_word(uc))
		return i + (size_t)l;
	size_t j = i + (size_t)l;
	while (j < n) {
		l = u8_mbtouc(&uc, (const uint8_t *)s + j, n - j);
		if (l < 1 || !is_word(uc))
			break;
		j += (size_t)l;
	}
	return j;
}

static void tokenise(struct lex_text *t)
{
	size_t cap = 0;
	t->tok = NULL;
	t->n_tok = 0;
	for (size_t i = 0; i < t->n;) {
		if (t->s[i] == ' ') {
			i++;
			continue;
		}
		grow(&t->tok, &cap, t->n_tok + 1, sizeof(size_t));
		t->tok[t->n_tok++] = i;
		i = tok_end(t->s, t->n, i);
	}
}

void lex_text_init(struct lex_text *t, const char *src, size_t n)
{
	struct folded f;
	fold_text(&f, src, n, true);
	normalise(t, &f, n);
	folded_free(&f);
	tokenise(t);
}

void lex_text_free(struct lex_text *t)
{
	free(t->s);
	free(t->map);
	free(t->tok);
	memset(t, 0, sizeof(*t));
}

char *lex_norm(const char *s, size_t n, size_t *len)
{
	struct folded f;
	struct lex_text t;
	fold_text(&f, s, n, false);
	normalise(&t, &f, n);
	folded_free(&f);
	free(t.map);
	/* no space at the ends */
	size_t a = 0, b = t.n;
	while (a < b && t.s[a] == ' ')
		a++;
	while (b > a && t.s[b - 1] == ' ')
		b--;
	memmove(t.s, t.s + a, b - a);
	t.s[b - a] = '\0';
	*len = b - a;
	return t.s;
}

/* --- loading ---------------------------------------------------------------- */

static void keep_string(struct lexicon *lx, char *s)
{
	grow(&lx->strings, &lx->cap_strings, lx->n_strings + 1, sizeof(char *));
	lx->strings[lx->n_strings++] = s;
}

static bool short_capitals(const char *s)
{
	size_t n = strlen(s), upper = 0;
	if (n > 8)
		return false;
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		if (l < 1)
			return false;
		if (uc_is_lower(uc))
			return false;
		upper += uc_is_upper(uc);
		i += (size_t)l;
	}
	return upper >= 2;
}

static void add_form3(struct lexicon *lx, enum lex_class cls, const char *lang, const char *form, const char *value,
                      const char *extra, const char *extra2)
{
	size_t len, slen = 0;
	const char *slot = strchr(form, '%');
	char *folded = lex_norm(form, slot ? (size_t)(slot - form) : strlen(form), &len);
	char *suffix = slot ? lex_norm(slot + 1, strlen(slot + 1), &slen) : NULL;
	if (!len) {
		free(folded);
		free(suffix);
		return;
	}
	grow(&lx->forms, &lx->cap_forms, lx->n_forms + 1, sizeof(*lx->forms));
	struct lex_form *f = &lx->forms[lx->n_forms];
	memset(f, 0, sizeof(*f));
	f->folded = folded;
	f->len = len;
	f->cls = cls;
	snprintf(f->lang, sizeof(f->lang), "%s", lang ? lang : "");
	f->form = form;
	f->value = value ? value : "";
	f->extra = extra ? extra : "";
	f->extra2 = extra2 ? extra2 : "";
	f->exact_case = short_capitals(form);
	f->has_slot = slot != NULL;
	f->suffix = suffix;
	f->suffix_len = slen;
	f->next = (size_t)-1;
	lx->n_forms++;
}

static void add_form(struct lexicon *lx, enum lex_class cls, const char *lang, const char *form, const char *value,
                     const char *extra)
{
	add_form3(lx, cls, lang, form, value, extra, "");
}

static int class_of(const char *name)
{
	for (int c = 0; c < LC_COUNT; c++)
		if (strcmp(lex_class_names[c], name) == 0)
			return c;
	return -1;
}

/* A Russian word's ending in case c (0 genitive, 1 dative, 2
 * instrumental, 3 prepositional) into out: surnames in -ов/-ев/-ин and
 * given names in a consonant or -й ("Сергей Лавров" -> "Сергея Лаврова");
 * false for a word it does not decline (initials, other endings). */
static bool ru_case(const char *w, size_t n, int c, char *out, size_t size)
{
	static const char *const cons[4] = { "а", "у", "ым", "е" }, *const given[4] = { "а", "у", "ом", "е" },
	                          *const yot[4] = { "я", "ю", "ем", "е" };
	if (n < 4 || n + 8 > size || memchr(w, '.', n))
		return false;
	bool surname = (n >= 4 && (memcmp(w + n - 4, "ов", 4) == 0 || memcmp(w + n - 4, "ев", 4) == 0
	                           || memcmp(w + n - 4, "ин", 4) == 0 || memcmp(w + n - 4, "ын", 4) == 0));
	if (n >= 2 && memcmp(w + n - 2, "й", 2) == 0) {
		snprintf(out, size, "%.*s%s", (int)(n - 2), w, yot[c]);
		return true;
	}
	/* the last letter a consonant (two bytes of Cyrillic) */
	static const char *const vowels[] = { "а", "я", "о", "е", "ё", "и", "ы", "у", "ю", "э", "ь", NULL };
	for (int v = 0; vowels[v]; v++)
		if (memcmp(w + n - 2, vowels[v], 2) == 0)
			return false;
	if ((unsigned char)w[n - 2] != 0xD0 && (unsigned char)w[n - 2] != 0xD1)
		return false;
	snprintf(out, size, "%.*s%s", (int)n, w, surname ? cons[c] : given[c]);
	return true;
}

/* A Russian name of people.tsv in its other cases, as texts decline it
 * ("встреча с Сергеем Лавровым"). */
static void ru_declined(struct lexicon *lx, const char *form, const char *id, const char *country)
{
	if ((unsigned char)form[0] != 0xD0 && (unsigned char)form[0] != 0xD1)
		return;
	for (int c = 0; c < 4; c++) {
		char out[256];
		size_t o = 0;
		bool ok = true;
		for (const char *p = form; *p && ok;) {
			size_t wl = strcspn(p, " ");
			char w[128];
			if (wl + 8 >= sizeof(w))
				return;
			if (!ru_case(p, wl, c, w, sizeof(w)))
				snprintf(w, sizeof(w), "%.*s", (int)wl, p); /* initials as they are */
			int k = snprintf(out + o, sizeof(out) - o, "%s%s", o ? " " : "", w);
			ok = k > 0 && (size_t)k < sizeof(out) - o;
			o += (size_t)k;
			p += wl;
			while (*p == ' ')
				p++;
		}
		if (ok && strcmp(out, form) != 0) {
			char *kept = xstrdup(out); /* the form keeps its text, not a pointer into this frame */
			keep_string(lx, kept);
			add_form(lx, LC_PERSON, "", kept, id, country);
		}
	}
}

/* A Russian country adjective of countries.tsv in its other masculine
 * cases, as a title after it declines it ("со своим алжирским коллегой",
 * "алжирского министра"): -ий/-ый -> -ого, -ому, -им/-ым, -ом. */
static void ru_adj_declined(struct lexicon *lx, const char *form, const char *code)
{
	size_t n = strlen(form);
	bool ii = n > 4 && memcmp(form + n - 4, "ий", 4) == 0, yi = n > 4 && memcmp(form + n - 4, "ый", 4) == 0;
	if (!ii && !yi)
		return;
	static const char *const ends_ii[] = { "ого", "ому", "им", "ом" }, *const ends_yi[] = { "ого", "ому", "ым", "ом" };
	for (int c = 0; c < 4; c++) {
		char out[256];
		int k = snprintf(out, sizeof(out), "%.*s%s", (int)(n - 4), form, ii ? ends_ii[c] : ends_yi[c]);
		if (k > 0 && (size_t)k < sizeof(out)) {
			char *kept = xstrdup(out); /* the form keeps its text */
			keep_string(lx, kept);
			add_form(lx, LC_COUNTRY_ADJ, "ru", kept, code, "");
		}
	}
}

/* A Russian city's name in its other singular cases, each a form of the
 * city whose extra is the name ("в Пекине", "из Москвы", "под Парижем"):
 * a consonant takes -а, -у, -ом (-ем after ж, ш, ч, щ, ц), -е; -й and -ь
 * give way to -я, -ю, -ем, -е; -а to -ы (-и after г, к, х, ж, ш, ч, щ),
 * -е, -у, -ой.  Names in other vowels do not decline ("Сочи", "Токио"). */
static void ru_city_declined(struct lexicon *lx, const char *name, const char *code)
{
	static const char *const cons[4] = { "а", "у", "ом", "е" }, *const hush[4] = { "а", "у", "ем", "е" },
	                          *const soft[4] = { "я", "ю", "ем", "е" }, *const fem[4] = { "ы", "е", "у", "ой" },
	                          *const fem_k[4] = { "и", "е", "у", "ой" };
	size_t n = strlen(name);
	if (n < 4 || n > 200)
		return;
	const char *last = name + n - 2, *prev = name + n - 4;
	const char *const *ends;
	size_t keep = n;
	if (!memcmp(last, "й", 2) || !memcmp(last, "ь", 2)) {
		ends = soft;
		keep = n - 2;
	} else if (!memcmp(last, "а", 2)) {
		bool k = !memcmp(prev, "г", 2) || !memcmp(prev, "к", 2) || !memcmp(prev, "х", 2) || !memcmp(prev, "ж", 2)
		         || !memcmp(prev, "ш", 2) || !memcmp(prev, "ч", 2) || !memcmp(prev, "щ", 2);
		if (!memcmp(prev, "и", 2) || !memcmp(prev, "о", 2))
			return; /* "Бразилиа" */
		ends = k ? fem_k : fem;
		keep = n - 2;
	} else if (!memcmp(last, "ж", 2) || !memcmp(last, "ш", 2) || !memcmp(last, "ч", 2) || !memcmp(last, "щ", 2)
	           || !memcmp(last, "ц", 2)) {
		ends = hush;
	} else {
		static const char *const vowels[] = { "а", "е", "и", "о", "у", "ы", "э", "ю", "я", "ё", NULL };
		for (int v = 0; vowels[v]; v++)
			if (!memcmp(last, vowels[v], 2))
				return;
		if ((unsigned char)last[0] != 0xd0 && (unsigned char)last[0] != 0xd1)
			return; /* not Cyrillic */
		ends = cons;
	}
	for (int c = 0; c < 4; c++) {
		char out[256];
		int k = snprintf(out, sizeof(out), "%.*s%s", (int)keep, name, ends[c]);
		if (k > 0 && (size_t)k < sizeof(out)) {
			char *kept = xstrdup(out); /* the form keeps its text */
			keep_string(lx, kept);
			add_form(lx, LC_COUNTRY_CITY, "ru", kept, code, name);
		}
	}
}

/* A city row: its name, then after | the forms the rule does not make
 * ("Пекин|Пекине"); every form's extra is the name. */
static void city_forms(struct lexicon *lx, const char *lang, const char *forms, const char *code)
{
	char *v = xstrdup(forms);
	keep_string(lx, v);
	char *bar = strchr(v, '|');
	if (bar)
		*bar = '\0';
	const char *name = v;
	add_form(lx, LC_COUNTRY_CITY, lang, name, code, name);
	for (char *f = bar ? bar + 1 : NULL; f && *f;) {
		char *next = strchr(f, '|');
		if (next)
			*next = '\0';
		add_form(lx, LC_COUNTRY_CITY, lang, f, code, name);
		f = next ? next + 1 : NULL;
	}
	if (strcmp(lang, "ru") == 0)
		ru_city_declined(lx, name, code);
}

static void forms_of_row(struct lexicon *lx, enum lex_file file, const struct lex_row *r, const char *path,
                         unsigned long line, struct diags *d)
{
	switch (file) {
	case LEX_WORDS: {
		int c = class_of(r->f[1]);
		if (c < 0 || c >= LC_COUNTRY_NAME) {
			diags_add(d, DIAG_WARN, "%s:%lu: warning: unknown class '%s'", path, line, r->f[1]);
			return;
		}
		add_form(lx, (enum lex_class)c, r->f[0], r->f[2], r->nf > 3 ? r->f[3] : "", "");
		break;
	}
	case LEX_COUNTRIES: {
		static const char *const types[] = { "name", "adj", "side", "domain", "city" };
		for (int t = 0; t < 5; t++)
			if (strcmp(r->f[2], types[t]) == 0) {
				if (t == 4) {
					city_forms(lx, r->f[1], r->f[3], r->f[0]);
					return;
				}
				add_form(lx, (enum lex_class)(LC_COUNTRY_NAME + t), r->f[1], r->f[3], r->f[0], "");
				if (t == 1 && strcmp(r->f[1], "ru") == 0)
					ru_adj_declined(lx, r->f[3], r->f[0]);
				return;
			}
		diags_add(d, DIAG_WARN, "%s:%lu: warning: unknown type '%s'", path, line, r->f[2]);
		break;
	}
	case LEX_PEOPLE:
		add_form(lx, LC_PERSON, "", r->f[2], r->f[0], r->f[1]);
		ru_declined(lx, r->f[2], r->f[0], r->f[1]);
		break;
	case LEX_AGREEMENTS:
		add_form3(lx, LC_AGREEMENT, "", r->f[3], r->f[0], r->f[1], r->f[2]);
		break;
	case LEX_TOPICS:
		add_form(lx, LC_TOPIC, r->f[1], r->f[2], r->f[0], "");
		break;
	default:
		break;
	}
}

static void load_file(struct lexicon *lx, enum lex_file file, const char *path, char *buf, size_t len,
                      struct diags *d)
{
	(void)len;
	keep_string(lx, buf);
	unsigned long line = 0;
	for (char *p = buf; p && *p;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line++;
		size_t l = strlen(p);
		if (l && p[l - 1] == '\r')
			p[--l] = '\0';
		if (*p && *p != '#') {
			struct lex_row r = { { NULL, NULL, NULL, NULL }, 0 };
			char *q = p;
			while (q && r.nf < 4) {
				char *tab = strchr(q, '\t');
				if (tab)
					*tab = '\0';
				r.f[r.nf++] = q;
				q = tab ? tab + 1 : NULL;
			}
			for (int i = r.nf; i < 4; i++)
				r.f[i] = "";
			bool blank = true;
			for (int i = 0; i < r.nf; i++)
				blank = blank && !*r.f[i];
			if (blank) {
				/* nothing */
			} else if (r.nf < file_fields[file] || !*r.f[file_fields[file] - 1]) {
				diags_add(d, DIAG_WARN, "%s:%lu: warning: %d fields separated by tabs expected", path, line,
				          file_fields[file]);
			} else {
				grow(&lx->rows[file], &lx->cap_rows[file], lx->n_rows[file] + 1, sizeof(struct lex_row));
				lx->rows[file][lx->n_rows[file]++] = r;
				forms_of_row(lx, file, &r, path, line, d);
			}
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* The first token of a normalised form. */
static size_t first_token(const char *s, size_t n)
{
	return tok_end(s, n, 0);
}

bool lexicon_load(struct lexicon *lx, const char *const *dirs, struct diags *d)
{
	memset(lx, 0, sizeof(*lx));
	bool words = false;
	for (size_t i = 0; dirs && dirs[i]; i++)
		for (int file = 0; file < LEX_FILES; file++) {
			char path[PATH_MAX];
			snprintf(path, sizeof(path), "%s/%s", dirs[i], file_names[file]);
			size_t len;
			/* (parley's own files: their own limit, not the user's
			 * --max-file-size) */
			char *buf = read_file_max(path, &len, LEX_MAX_FILE, NULL);
			if (!buf) {
				if (errno == FILE_ETOOBIG)
					diags_add(d, DIAG_IO, "%s: larger than %u MB: not read", path, LEX_MAX_FILE >> 20);
				else if (errno != ENOENT)
					diags_add(d, DIAG_IO, "%s: %s", path, file_strerror(errno));
				continue;
			}
			words = words || file == LEX_WORDS;
			load_file(lx, (enum lex_file)file, path, buf, len, d);
		}
	/* chain the forms by first token, in file order */
	size_t *last = xmalloc((lx->n_forms + 1) * sizeof(size_t));
	for (size_t i = 0; i < lx->n_forms; i++) {
		struct lex_form *f = &lx->forms[i];
		size_t k = first_token(f->folded, f->len), head;
		if (strmap_put(&lx->first, f->folded, k, i, &head)) {
			last[i] = i;
		} else {
			lx->forms[last[head]].next = i;
			last[head] = i;
		}
	}
	free(last);
	return words;
}

bool lexicon_load_default(struct lexicon *lx, const char *const *data_dirs, struct diags *d)
{
	char sys[PATH_MAX + 32], user[PATH_MAX + 32], cfg[PATH_MAX];
	const char *dirs[3] = { NULL, NULL, NULL };
	size_t n = 0;
	for (size_t i = 0; data_dirs && data_dirs[i]; i++) {
		struct stat st;
		snprintf(sys, sizeof(sys), "%s/lexicon/words.tsv", data_dirs[i]);
		if (stat(sys, &st) == 0) {
			snprintf(sys, sizeof(sys), "%s/lexicon", data_dirs[i]);
			dirs[n++] = sys;
			break;
		}
	}
	if (*userconf_dir(cfg, sizeof(cfg))) {
		snprintf(user, sizeof(user), "%s/lexicon", cfg);
		dirs[n++] = user;
	}
	if (!lexicon_load(lx, dirs, d)) {
		diags_add(d, DIAG_IO, "no lexicon found (lexicon/words.tsv in the data directory%s%s)",
		          data_dirs && data_dirs[0] ? ", e.g. " : "", data_dirs && data_dirs[0] ? data_dirs[0] : "");
		return false;
	}
	return true;
}

void lexicon_free(struct lexicon *lx)
{
	for (size_t i = 0; i < lx->n_forms; i++) {
		free(lx->forms[i].folded);
		free(lx->forms[i].suffix);
	}
	free(lx->forms);
	for (int f = 0; f < LEX_FILES; f++)
		free(lx->rows[f]);
	for (size_t i = 0; i < lx->n_strings; i++)
		free(lx->strings[i]);
	free(lx->strings);
	strmap_clear(&lx->first);
	memset(lx, 0, sizeof(*lx));
}

/* --- matching ---------------------------------------------------------------- */

static bool lang_fits(const struct lex_form *f, const char *lang)
{
	return !f->lang[0] || !lang || !*lang || strcmp(f->lang, lang) == 0;
}

/* Does f from its byte off match t at byte i (whole words at its end)? */
static bool rest_at(const struct lex_form *f, size_t off, const struct lex_text *t, size_t i)
{
	size_t len = f->len - off;
	if (i + len > t->n || memcmp(t->s + i, f->folded + off, len) != 0)
		return false;
	size_t e = i + len;
	if (e < t->n) {
		/* the form's last character and the text's next one */
		size_t b = f->len;
		while (b > 0 && ((unsigned char)f->folded[b - 1] & 0xC0) == 0x80)
			b--;
		ucs4_t last, next;
		if (b == 0 || u8_mbtouc(&last, (const uint8_t *)f->folded + b - 1, f->len - (b - 1)) < 1)
			last = (unsigned char)f->folded[f->len - 1];
		if (u8_mbtouc(&next, (const uint8_t *)t->s + e, t->n - e) < 1)
			next = 0;
		if (is_word(last) && is_word(next))
			return false;
	}
	return true;
}

/* Does f match t at byte i (whole words at its end)? */
static bool matches_at(const struct lex_form *f, const struct lex_text *t, size_t i, const char *src)
{
	if (!rest_at(f, 0, t, i))
		return false;
	size_t e = i + f->len;
	if (f->exact_case) {
		/* the source has no lower-case letter there */
		size_t a = t->map[i], z = t->map[e];
		for (size_t k = a; k < z;) {
			ucs4_t uc;
			int l = u8_mbtouc(&uc, (const uint8_t *)src + k, z - k);
			if (l < 1)
				break;
			if (uc_is_lower(uc))
				return false;
			k += (size_t)l;
		}
	}
	return true;
}

static int hit_cmp(const void *a, const void *b)
{
	const struct lex_hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->form < y->form ? -1 : x->form > y->form;
}

/* The end of the adverbs (class adverb, in a script with spaces: up to
 * two, "a également proposé", "a aussi vivement salué") that start at
 * token k and are followed by a space, else 0. */
static size_t adverbs_end(const struct lexicon *lx, const struct lex_text *t, size_t k, const char *lang)
{
	size_t end = 0;
	for (int a = 0; a < 2 && k < t->n_tok; a++) {
		size_t i = t->tok[k], e = tok_end(t->s, t->n, i), head, best = 0;
		if (!strmap_get(&lx->first, t->s + i, e - i, &head))
			break;
		for (size_t j = head; j != (size_t)-1; j = lx->forms[j].next) {
			const struct lex_form *f = &lx->forms[j];
			if (f->cls == LC_ADVERB && lang_fits(f, lang) && rest_at(f, 0, t, i) && i + f->len > best
			    && i + f->len < t->n && t->s[i + f->len] == ' ')
				best = i + f->len;
		}
		if (!best)
			break;
		end = best;
		while (k < t->n_tok && t->tok[k] <= best)
			k++;
	}
	return end;
}

size_t lex_find(const struct lexicon *lx, const struct lex_text *t, const char *src, unsigned long long mask,
                const char *lang, struct lex_hit **out)
{
	struct lex_hit *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < t->n_tok; k++) {
		size_t i = t->tok[k], e = tok_end(t->s, t->n, i), head;
		if (!strmap_get(&lx->first, t->s + i, e - i, &head))
			continue;
		size_t adv = (size_t)-1; /* (found when first wanted) */
		for (size_t j = head; j != (size_t)-1; j = lx->forms[j].next) {
			const struct lex_form *f = &lx->forms[j];
			if (!(mask & LC_BIT(f->cls)) || !lang_fits(f, lang))
				continue;
			if (matches_at(f, t, i, src)) {
				grow(&v, &cap, n + 1, sizeof(*v));
				v[n++] = (struct lex_hit){ t->map[i], t->map[i + f->len], j, k };
				continue;
			}
			/* a cue of an auxiliary and a participle with adverbs
			 * between ("a également proposé", "has also stressed"):
			 * the whole of it */
			size_t w = e - i;
			if ((f->cls != LC_CUE && f->cls != LC_CUE_JOINT) || f->exact_case || f->len <= w + 1
			    || f->folded[w] != ' ' || e >= t->n || t->s[e] != ' ')
				continue;
			if (adv == (size_t)-1)
				adv = adverbs_end(lx, t, k + 1, lang);
			if (adv && rest_at(f, w, t, adv)) {
				grow(&v, &cap, n + 1, sizeof(*v));
				v[n++] = (struct lex_hit){ t->map[i], t->map[adv + f->len - w], j, k };
			}
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), hit_cmp);
	*out = v;
	return n;
}

const struct lex_form *lex_lookup(const struct lexicon *lx, enum lex_class cls, const char *lang, const char *s,
                                  size_t n)
{
	size_t len, head;
	char *k = lex_norm(s, n, &len);
	const struct lex_form *found = NULL;
	if (len && strmap_get(&lx->first, k, first_token(k, len), &head))
		for (size_t j = head; j != (size_t)-1 && !found; j = lx->forms[j].next) {
			const struct lex_form *f = &lx->forms[j];
			if (f->cls == cls && lang_fits(f, lang) && f->len == len && memcmp(f->folded, k, len) == 0)
				found = f;
		}
	free(k);
	return found;
}
