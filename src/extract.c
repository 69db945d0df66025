/* extract.c - drafting a readout from a plain one (see extract.h): the
 * input checked and normalised, its language, its sentences, then the
 * parts (people, agreements and topics, positions, metadata) in turn, and
 * the readout written as parley/1 with offsets in code points. */
#include "extract.h"
#include "extract_int.h"

#include "arena.h"
#include "corpus.h"
#include "fileio.h"
#include "html.h"
#include "ids.h"
#include "jsonw.h"
#include "strmap.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>

/* --- helpers --------------------------------------------------------------- */

/* --- the input -------------------------------------------------------------- */

/* Text with no byte-order mark, LF line ends, no NUL, no space at its end
 * nor at a line's, paragraphs separated by one \n (the format's: a blank
 * line between them is none); NULL with an error when it is not a
 * readout's text. */
static char *clean_input(const char *path, const char *in, size_t n, size_t *out_n, struct diags *d)
{
	if (n > EXTRACT_MAX_TEXT) {
		diags_add(d, DIAG_SYNTAX, "%s: %zu bytes: longer than a readout can be (%u MB); not read", path, n,
		          EXTRACT_MAX_TEXT >> 20);
		return NULL;
	}
	if (n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		in += 3;
		n -= 3;
	}
	size_t controls = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c == 0) {
			diags_add(d, DIAG_SYNTAX, "%s: binary data (a NUL byte at offset %zu), not a text", path, i);
			return NULL;
		}
		controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t';
	}
	if (controls > n / 100 + 4) {
		diags_add(d, DIAG_SYNTAX, "%s: binary data (%zu control bytes), not a text", path, controls);
		return NULL;
	}
	size_t bad = utf8_invalid_at(in, n);
	if (bad < n) {
		unsigned long line, col;
		utf8_linecol(in, n, bad, &line, &col);
		diags_syntax(d, path, line, col, "invalid UTF-8 (byte 0x%02X): the text must be UTF-8",
		             (unsigned char)in[bad]);
		return NULL;
	}
	char *t = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c == '\r') {
			c = '\n';
			if (i + 1 < n && in[i + 1] == '\n')
				i++;
		}
		if (c == '\n') { /* a line's end: its spaces go, and a blank line */
			while (o > 0 && (t[o - 1] == ' ' || t[o - 1] == '\t'))
				o--;
			if (o > 0 && t[o - 1] == '\n')
				continue;
		}
		t[o++] = c;
	}
	while (o > 0 && isspace((unsigned char)t[o - 1]))
		o--;
	size_t a = 0;
	while (a < o && isspace((unsigned char)t[a]))
		a++;
	memmove(t, t + a, o - a);
	o -= a;
	t[o] = '\0';
	if (!o) {
		diags_add(d, DIAG_SYNTAX, "%s: empty: no text to draft a readout from", path);
		free(t);
		return NULL;
	}
	*out_n = o;
	return t;
}

/* A dateline ("Paris, le 12 mars 2024", "Moscow, 3 March 2026"): short,
 * a comma, a year, a few words; or a date in figures alone ("2021-08-20",
 * "20.08.2021 14:05"); the date is the text's, not a title. */
static bool is_dateline(const char *t, size_t l)
{
	size_t words = 0;
	bool year = false;
	for (size_t i = 0; i < l; i++) {
		if ((i == 0 || t[i - 1] == ' ') && t[i] != ' ')
			words++;
		if (i + 4 <= l && (i == 0 || !isdigit((unsigned char)t[i - 1])) && (t[i] == '1' || t[i] == '2')
		    && isdigit((unsigned char)t[i + 1]) && isdigit((unsigned char)t[i + 2])
		    && isdigit((unsigned char)t[i + 3]) && (i + 4 == l || !isdigit((unsigned char)t[i + 4])))
			year = true;
	}
	/* figures alone */
	if (l >= 8 && l <= 24 && isdigit((unsigned char)t[0]) && strspn(t, "0123456789-./: ") >= l)
		return year;
	if (l > 80 || (!memchr(t, ',', l) && !strstr(t, "，")))
		return false;
	return year && words <= 7;
}

/* A first line that is a title (short, no sentence end, not a dateline,
 * text after it): taken out of the text. */
static char *take_title(char *t, size_t *n)
{
	char *nl = memchr(t, '\n', *n);
	if (!nl)
		return NULL;
	size_t l = (size_t)(nl - t), cps = 0;
	for (size_t i = 0; i < l; i++)
		cps += ((unsigned char)t[i] & 0xC0) != 0x80;
	/* (200 characters: a Russian ministry's titles name both ministers
	 * whole) */
	if (l == 0 || cps > 200 || is_dateline(t, l))
		return NULL;
	static const char *const ends[] = { ".", "!", "?", "。", "！", "？", ":", "：", ";", "；", "»", "”", NULL };
	for (int i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (l >= k && memcmp(t + l - k, ends[i], k) == 0)
			return NULL;
	}
	/* more than one paragraph of text must follow, longer than it */
	size_t rest = *n - l - 1;
	if (rest < l || !memchr(nl + 1, '\n', rest))
		return NULL;
	char *title = xstrndup(t, l);
	size_t a = l;
	while (a < *n && isspace((unsigned char)t[a]))
		a++;
	memmove(t, t + a, *n - a);
	*n -= a;
	t[*n] = '\0';
	return title;
}

/* --- language --------------------------------------------------------------- */

const char extract_langs[] = "en, fr, ru, zh";

const char *extract_lang_known(const char *lang)
{
	static const char *const known[] = { "en", "fr", "ru", "zh" };
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcasecmp(lang, known[i]) == 0)
			return known[i];
	return NULL;
}

const char *extract_guess_lang(const struct lexicon *lx, const char *text, size_t n)
{
	size_t han = 0, cyr = 0, lat = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int l = u8_mbtouc(&uc, (const uint8_t *)text + i, n - i);
		if (l < 1)
			l = 1;
		if ((uc >= 0x3400 && uc <= 0x9FFF) || (uc >= 0xF900 && uc <= 0xFAFF))
			han++;
		else if (uc >= 0x400 && uc <= 0x4FF)
			cyr++;
		else if ((uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z') || (uc >= 0xC0 && uc <= 0x24F))
			lat++;
		i += (size_t)l;
	}
	/* a Han character stands for a word, a letter for a fifth of one */
	if (han * 5 >= cyr + lat && han)
		return "zh";
	if (cyr > lat)
		return "ru";
	if (!lat)
		return "";
	struct lex_text t;
	struct lex_hit *h;
	size_t cut = n < 20000 ? n : 20000;
	while (cut < n && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut++;
	lex_text_init(&t, text, cut);
	size_t nh = lex_find(lx, &t, text, LC_BIT(LC_LANGID), NULL, &h), en = 0, fr = 0;
	for (size_t i = 0; i < nh; i++) {
		const char *lang = lx->forms[h[i].form].lang;
		en += strcmp(lang, "en") == 0;
		fr += strcmp(lang, "fr") == 0;
	}
	free(h);
	lex_text_free(&t);
	return fr > en ? "fr" : "en";
}

/* --- sentences ----------------------------------------------------------------- */

static bool is_closer(ucs4_t uc)
{
	return uc == '"' || uc == '\'' || uc == ')' || uc == ']' || uc == 0x201D || uc == 0x2019 || uc == 0xBB
	       || uc == 0x300D || uc == 0x300F || uc == 0x3011 || uc == 0xFF09 || uc == 0x201C;
}

static ucs4_t cp_at(const char *s, size_t n, size_t i, int *len)
{
	ucs4_t uc;
	int l = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
	*len = l < 1 ? 1 : l;
	return l < 1 ? 0xFFFD : uc;
}

/* Does the full stop at i end no sentence (an abbreviation, an initial,
 * a number)? */
static bool stop_is_inner(const struct xdoc *x, size_t pstart, size_t i)
{
	const char *s = x->text;
	size_t n = x->n;
	/* the word before the stop */
	size_t w = i;
	while (w > pstart) {
		size_t p = w - 1;
		while (p > pstart && ((unsigned char)s[p] & 0xC0) == 0x80)
			p--;
		int l;
		ucs4_t uc = cp_at(s, n, p, &l);
		if (!uc_is_alnum(uc) && uc != '.' && uc != '-')
			break;
		w = p;
	}
	if (w == i)
		return false;
	/* a number goes on after it: 2.5 */
	if (i + 1 < n && isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i - 1]))
		return true;
	/* an initial: one capital letter (S., С.В.) */
	size_t k = i;
	while (k > w && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > w) {
		size_t p = k - 1;
		while (p > w && ((unsigned char)s[p] & 0xC0) == 0x80)
			p--;
		int l;
		ucs4_t uc = cp_at(s, n, p, &l);
		bool alone = p == w || s[p - 1] == '.' || s[p - 1] == '-';
		if (alone && uc_is_upper(uc)) {
			/* an initial, unless a word that starts sentences follows:
			 * "le jour J. Ils ..." */
			size_t k2 = i + 1;
			while (k2 < n && s[k2] == ' ')
				k2++;
			size_t e2 = k2;
			while (e2 < n && (isalpha((unsigned char)s[e2]) || (unsigned char)s[e2] >= 0x80) && s[e2] != ' ')
				e2++;
			if (e2 > k2 && (lex_lookup(x->lx, LC_PRONOUN, x->lang, s + k2, e2 - k2)
			                || lex_lookup(x->lx, LC_IMPERSONAL, x->lang, s + k2, e2 - k2)))
				return false;
			return true;
		}
	}
	if (lex_lookup(x->lx, LC_ABBREV, x->lang, s + w, i + 1 - w))
		return true;
	/* "U.S." and the like: letters and stops */
	return memchr(s + w, '.', i - w) != NULL && i - w < 8;
}

static void add_sentence(struct xdoc *x, size_t *cap, size_t a, size_t b, size_t para)
{
	while (a < b && isspace((unsigned char)x->text[a]))
		a++;
	while (b > a && isspace((unsigned char)x->text[b - 1]))
		b--;
	if (a >= b)
		return;
	grow(&x->sents, cap, x->n_sents + 1, sizeof(*x->sents));
	x->sents[x->n_sents++] = (struct xsent){ a, b, para };
}

static void split_sentences(struct xdoc *x)
{
	const char *s = x->text;
	size_t n = x->n, cap = 0, para = 0;
	for (size_t p = 0; p < n;) {
		size_t pe = p;
		while (pe < n && s[pe] != '\n')
			pe++;
		if (!x_blank(s, p, pe)) {
			size_t start = p;
			for (size_t i = p; i < pe;) {
				int l;
				ucs4_t uc = cp_at(s, n, i, &l);
				bool cjk = uc == 0x3002 || uc == 0xFF01 || uc == 0xFF1F;
				bool end = cjk || uc == '!' || uc == '?' || (uc == '.' && !stop_is_inner(x, p, i));
				size_t j = i + (size_t)l;
				if (uc == 0x2026) /* … ends one only before a capital */
					end = true;
				if (end) {
					/* closing quotes and brackets belong to it */
					int cl;
					while (j < pe && is_closer(cp_at(s, n, j, &cl)))
						j += (size_t)cl;
					if (!cjk) {
						/* a space must follow, then no lower-case letter */
						if (j < pe && !isspace((unsigned char)s[j]))
							end = false;
						size_t k = j;
						while (k < pe && isspace((unsigned char)s[k]))
							k++;
						int kl;
						if (end && k < pe && uc_is_lower(cp_at(s, n, k, &kl)))
							end = false;
					}
				}
				if (end) {
					add_sentence(x, &cap, start, j, para);
					start = j;
				}
				i = j > i ? j : i + 1;
			}
			add_sentence(x, &cap, start, pe, para);
			para++;
		}
		p = pe + 1;
	}
}

/* --- writing the readout ----------------------------------------------------------------- */

/* byte offsets to code points, moving a cursor */
struct cpconv {
	const char *s;
	size_t b, cp;
};

static size_t to_cp(struct cpconv *c, size_t b)
{
	if (b < c->b) {
		c->b = 0;
		c->cp = 0;
	}
	while (c->b < b) {
		c->cp += ((unsigned char)c->s[c->b] & 0xC0) != 0x80;
		c->b++;
	}
	return c->cp;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v && *v)
		cJSON_AddItemToObject(o, k, cJSON_CreateString(v));
}

static void add_aliases(cJSON *o, const char *label, char **al, size_t n)
{
	cJSON *a = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(al[i], label) == 0)
			continue;
		if (!a)
			a = cJSON_AddArrayToObject(o, "aliases");
		cJSON_AddItemToArray(a, cJSON_CreateString(al[i]));
	}
}

/* The readout's id: given, else LANG-DATE-name of the file. */
static void make_id(const struct xdoc *x, char *out, size_t size)
{
	if (x->o && x->o->id && *x->o->id) {
		snprintf(out, size, "%s", x->o->id);
		return;
	}
	const char *base = strrchr(x->path, '/');
	base = base ? base + 1 : x->path;
	char stem[160];
	snprintf(stem, sizeof(stem), "%s", base);
	char *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	size_t o = 0;
	char clean[160];
	for (size_t i = 0; stem[i] && o + 1 < sizeof(clean); i++) {
		unsigned char c = (unsigned char)stem[i];
		clean[o++] = (isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-') ? (char)c : '-';
	}
	clean[o] = '\0';
	if (!o || strcmp(clean, "-") == 0) {
		snprintf(out, size, "%s%s%s-readout", x->lang[0] ? x->lang : "xx", x->date[0] ? "-" : "", x->date);
		return;
	}
	snprintf(out, size, "%s", clean);
}

static const char *const stance_en[] = { "support", "oppose", "propose", "concern", "affirm", "neutral" };

/* ids unique across the speakers, topics and agreements (the format's
 * rule): people first, then groups (made of their members' ids), then
 * agreements and topics, a later one taking a suffix ("-2"). */
static void unique_ids(struct xdoc *x)
{
	struct strmap used = { 0 };
	char **keep = NULL;
	size_t nk = 0, ck = 0;
	for (int pass = 0; pass < 4; pass++) {
		size_t n = pass < 2 ? x->n_sp : pass == 2 ? x->n_ag : x->n_tp;
		for (size_t i = 0; i < n; i++) {
			char *id;
			size_t size;
			if (pass < 2) {
				if (x->sp[i].group != (pass == 1))
					continue;
				if (pass == 1)
					x_group_id(x, i);
				id = x->sp[i].id;
				size = sizeof(x->sp[i].id);
			} else if (pass == 2) {
				id = x->ag[i].id;
				size = sizeof(x->ag[i].id);
			} else {
				snprintf(x->tp[i].out_id, sizeof(x->tp[i].out_id), "%s", x->tp[i].id);
				id = x->tp[i].out_id;
				size = sizeof(x->tp[i].out_id);
			}
			size_t base = strlen(id), dummy;
			for (unsigned k = 2; strmap_get(&used, id, strlen(id), &dummy) && k < 1000; k++) {
				char suffix[16];
				int sl = snprintf(suffix, sizeof(suffix), "-%u", k);
				size_t at = base + (size_t)sl < size ? base : size - (size_t)sl - 1;
				memcpy(id + at, suffix, (size_t)sl + 1);
			}
			grow(&keep, &ck, nk + 1, sizeof(char *));
			keep[nk] = xstrdup(id);
			strmap_put(&used, keep[nk], strlen(keep[nk]), nk, &dummy);
			nk++;
		}
	}
	strmap_clear(&used);
	for (size_t i = 0; i < nk; i++)
		free(keep[i]);
	free(keep);
}

/* The summary of position p in an English text: the speaker and the clause
 * from its cue to the end of the cue's sentence ("Antony J. Blinken
 * reiterated that the United States will ..."), or, for a group, a cue
 * after what was said or one with its own subject, the cue's sentence
 * (after the speaker's name but for a group);
 * spaces collapsed, cut on a word with an ellipsis past SUMMARY_MAX bytes.
 * False when the text is not English or the position has no cue. */
#define SUMMARY_MAX 200
static bool statement_summary(const struct xdoc *x, const struct xposition *p, char *out, size_t size)
{
	if (strcmp(x->lang, "en") != 0 || !p->cue_end || size < SUMMARY_MAX + 64 || !x->n_sents)
		return false;
	const struct xsent *st = &x->sents[x_sentence_of(x, p->cue_at)];
	size_t a = p->cue_at, b = st->end < p->end ? st->end : p->end;
	const char *who = x->sp[p->speaker].label, *sep = " ";
	if (p->cue_pron || b - p->cue_end < 20 || x->sp[p->speaker].group) {
		/* the sentence: a group's as it is ("The two ministers also
		 * discussed ..."), else after who said it ("Jane Smith: \"We
		 * stand together,\" she added.") */
		a = st->start > p->start ? st->start : p->start;
		if (x->sp[p->speaker].group)
			who = sep = "";
		else
			sep = ": ";
	}
	size_t k = (size_t)snprintf(out, size, "%s%s", who, sep);
	if (k >= size)
		return false;
	size_t body = k, last_space = 0;
	bool space = false, cut = false;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)x->text[i];
		if (isspace(c)) {
			space = k > body;
			continue;
		}
		if ((k - body >= SUMMARY_MAX || k + 8 >= size) && (c & 0xC0) != 0x80) {
			cut = true;
			break;
		}
		if (space) {
			last_space = k;
			out[k++] = ' ';
			space = false;
		}
		out[k++] = (char)c;
	}
	if (cut) {
		if (last_space > body)
			k = last_space;
		k += (size_t)snprintf(out + k, size - k, "…");
	}
	out[k] = '\0';
	if (out[0] >= 'a' && out[0] <= 'z') /* "the two sides discussed" */
		out[0] = (char)(out[0] - 'a' + 'A');
	return k > body;
}

static cJSON *write_readout(struct xdoc *x)
{
	unique_ids(x);
	cJSON *r = cJSON_CreateObject();
	char id[200];
	make_id(x, id, sizeof(id));
	add_str(r, "format", "parley/1");
	add_str(r, "id", id);
	add_str(r, "title", x->o && x->o->title && *x->o->title ? x->o->title : x->title);
	add_str(r, "date", x->date);
	add_str(r, "place", x->place);
	add_str(r, "lang", x->lang);
	add_str(r, "kind", x->kind);
	if ((x->url && *x->url) || (x->publisher && *x->publisher) || (x->o && x->o->retrieved && *x->o->retrieved)) {
		cJSON *src = cJSON_AddObjectToObject(r, "source");
		add_str(src, "publisher", x->publisher);
		add_str(src, "url", x->url);
		add_str(src, "retrieved", x->o ? x->o->retrieved : NULL);
	}
	add_str(r, "issuer", x->issuer);
	if (x->initiator >= 0)
		add_str(r, "initiator", x->sp[x->initiator].id);
	add_str(r, "text", x->text);

	cJSON *sp = cJSON_AddArrayToObject(r, "speakers");
	for (size_t i = 0; i < x->n_sp; i++) {
		const struct xspeaker *s = &x->sp[i];
		cJSON *o = cJSON_CreateObject();
		add_str(o, "id", s->id);
		add_str(o, "label", s->label);
		add_aliases(o, s->label, s->aliases, s->n_aliases);
		if (!s->group)
			add_str(o, "country", s->country);
		if (s->group) {
			cJSON *m = cJSON_AddArrayToObject(o, "members");
			for (size_t k = 0; k < s->n_members; k++)
				cJSON_AddItemToArray(m, cJSON_CreateString(x->sp[s->members[k]].id));
		}
		cJSON_AddItemToArray(sp, o);
	}
	cJSON *tp = cJSON_AddArrayToObject(r, "topics");
	for (size_t i = 0; i < x->n_tp; i++) {
		cJSON *o = cJSON_CreateObject();
		add_str(o, "id", x->tp[i].out_id);
		add_str(o, "label", x->tp[i].label);
		cJSON_AddItemToArray(tp, o);
	}
	cJSON *ag = cJSON_AddArrayToObject(r, "agreements");
	for (size_t i = 0; i < x->n_ag; i++) {
		const struct xagreement *a = &x->ag[i];
		cJSON *o = cJSON_CreateObject();
		add_str(o, "id", a->id);
		add_str(o, "label", a->label);
		add_aliases(o, a->label, a->aliases, a->n_aliases);
		add_str(o, "kind", a->kind);
		add_str(o, "date", a->date);
		cJSON_AddItemToArray(ag, o);
	}
	struct cpconv cv = { x->text, 0, 0 };
	cJSON *men = cJSON_AddArrayToObject(r, "mentions");
	for (size_t i = 0; i < x->n_men; i++) {
		const struct xmention *m = &x->men[i];
		cJSON *o = cJSON_CreateObject();
		add_str(o, "ref", m->kind == 0 ? x->sp[m->ent].id : m->kind == 1 ? x->tp[m->ent].out_id : x->ag[m->ent].id);
		cJSON_AddNumberToObject(o, "start", (double)to_cp(&cv, m->start));
		cJSON_AddNumberToObject(o, "end", (double)to_cp(&cv, m->end));
		cJSON_AddItemToArray(men, o);
	}
	/* PARLEY_EXTRACT_DEBUG: each position says its cue (x-cue), for
	 * whoever tunes the lexicons */
	const char *dbg = getenv("PARLEY_EXTRACT_DEBUG");
	bool debug = dbg && *dbg;
	cJSON *pos = cJSON_AddArrayToObject(r, "positions");
	for (size_t i = 0; i < x->n_pos; i++) {
		const struct xposition *p = &x->pos[i];
		cJSON *o = cJSON_CreateObject();
		char pid[32], summary[400];
		snprintf(pid, sizeof(pid), "x%zu", i + 1);
		add_str(o, "id", pid);
		add_str(o, "speaker", x->sp[p->speaker].id);
		cJSON_AddNumberToObject(o, "start", (double)to_cp(&cv, p->start));
		cJSON_AddNumberToObject(o, "end", (double)to_cp(&cv, p->end));
		/* a draft summary in English: in an English text, who and the
		 * clause that says what (statement_summary); else who, on what.
		 * Never the stance, which is a field of its own: a reviewer
		 * changing it (z) would leave the summary saying the old one */
		if (!statement_summary(x, p, summary, sizeof(summary))) {
			size_t k = p->n_topics ? (size_t)snprintf(summary, sizeof(summary), "%s", x->sp[p->speaker].label)
			                       : (size_t)snprintf(summary, sizeof(summary), "Statement by %s",
			                                          x->sp[p->speaker].label);
			for (size_t t = 0; t < p->n_topics && k < sizeof(summary) - 64; t++)
				k += (size_t)snprintf(summary + k, sizeof(summary) - k, "%s%s", t ? ", " : " on ",
				                      x->tp[p->topics[t]].label);
		}
		add_str(o, "summary", summary);
		add_str(o, "stance", p->stance ? p->stance : stance_en[4]);
		if (p->n_topics) {
			cJSON *a = cJSON_AddArrayToObject(o, "topics");
			for (size_t t = 0; t < p->n_topics; t++)
				cJSON_AddItemToArray(a, cJSON_CreateString(x->tp[p->topics[t]].out_id));
		}
		if (p->n_agreements) {
			cJSON *a = cJSON_AddArrayToObject(o, "agreements");
			for (size_t t = 0; t < p->n_agreements; t++)
				cJSON_AddItemToArray(a, cJSON_CreateString(x->ag[p->agreements[t]].id));
		}
		add_str(o, "review", "pending");
		add_str(o, "by", "extract");
		if (debug)
			add_str(o, "x-cue", p->cue);
		cJSON_AddItemToArray(pos, o);
	}
	return r;
}

/* --- mentions ------------------------------------------------------------------------------------ */

struct form_ref {
	char *folded;
	size_t len;
	int kind;
	size_t ent;
};

static int form_ref_cmp(const void *a, const void *b)
{
	const struct form_ref *x = a, *y = b;
	return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static int mention_cmp(const void *a, const void *b)
{
	const struct xmention *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

static bool is_word_byte_at(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return false;
	int l;
	ucs4_t uc = cp_at(s, n, i, &l);
	return uc_is_alnum(uc) && !x_is_han_at(s, n, i);
}

static bool word_before(const char *s, size_t i)
{
	if (i == 0)
		return false;
	size_t p = i - 1;
	while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	return is_word_byte_at(s, i, p);
}

/* Every occurrence of the speakers' and agreements' forms, the longest
 * first, whole words in scripts with spaces (the guidelines' rule). */
static void find_mentions(struct xdoc *x)
{
	struct form_ref *f = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < x->n_sp; i++) {
		const struct xspeaker *s = &x->sp[i];
		for (size_t k = 0; k <= s->n_aliases; k++) {
			const char *v = k < s->n_aliases ? s->aliases[k] : s->label;
			if (!v || !*v)
				continue;
			grow(&f, &cap, n + 1, sizeof(*f));
			f[n].folded = lex_norm(v, strlen(v), &f[n].len);
			f[n].kind = 0;
			f[n].ent = i;
			n++;
		}
	}
	for (size_t i = 0; i < x->n_ag; i++) {
		const struct xagreement *a = &x->ag[i];
		for (size_t k = 0; k <= a->n_aliases; k++) {
			const char *v = k < a->n_aliases ? a->aliases[k] : a->label;
			if (!v || !*v)
				continue;
			grow(&f, &cap, n + 1, sizeof(*f));
			f[n].folded = lex_norm(v, strlen(v), &f[n].len);
			f[n].kind = 2;
			f[n].ent = i;
			n++;
		}
	}
	if (n > 1)
		qsort(f, n, sizeof(*f), form_ref_cmp);
	unsigned char *taken = xcalloc(x->n + 1, 1);
	const struct lex_text *t = &x->lt;
	for (size_t i = 0; i < n; i++) {
		if (!f[i].len)
			continue;
		for (const char *p = t->s; (p = strstr(p, f[i].folded)) != NULL; p++) {
			size_t a = (size_t)(p - t->s), e = a + f[i].len;
			size_t sa = t->map[a], se = t->map[e];
			while (se > sa && isspace((unsigned char)x->text[se - 1]))
				se--;
			if ((is_word_byte_at(x->text, x->n, sa) && word_before(x->text, sa))
			    || (word_before(x->text, se) && is_word_byte_at(x->text, x->n, se)))
				continue;
			bool free_span = true;
			for (size_t k = sa; k < se && free_span; k++)
				free_span = !taken[k];
			if (!free_span)
				continue;
			memset(taken + sa, 1, se - sa);
			grow(&x->men, &x->cap_men, x->n_men + 1, sizeof(*x->men));
			x->men[x->n_men++] = (struct xmention){ sa, se, f[i].kind, f[i].ent };
		}
	}
	/* topics: where the lexicon found them */
	for (size_t i = 0; i < x->n_hits; i++) {
		const struct lex_hit *h = &x->hits[i];
		if (HIT_CLASS(x, h) != LC_TOPIC || x_topic_inside(x, i))
			continue;
		const char *id = HIT_FORM(x, h)->value;
		for (size_t k = 0; k < x->n_tp; k++)
			if (strcmp(x->tp[k].id, id) == 0) {
				bool free_span = true;
				for (size_t b = h->start; b < h->end && free_span; b++)
					free_span = !taken[b];
				if (free_span) {
					memset(taken + h->start, 1, h->end - h->start);
					grow(&x->men, &x->cap_men, x->n_men + 1, sizeof(*x->men));
					x->men[x->n_men++] = (struct xmention){ h->start, h->end, 1, k };
				}
				break;
			}
	}
	free(taken);
	for (size_t i = 0; i < n; i++)
		free(f[i].folded);
	free(f);
	if (x->n_men > 1)
		qsort(x->men, x->n_men, sizeof(*x->men), mention_cmp);
}

/* A position's agreements are those it invokes: every agreement a mention
 * inside its span names (the guidelines' rule, as for its topics). */
static void position_agreements(struct xdoc *x)
{
	for (size_t i = 0; i < x->n_pos; i++) {
		struct xposition *p = &x->pos[i];
		for (size_t m = 0; m < x->n_men; m++) {
			const struct xmention *mm = &x->men[m];
			if (mm->kind != 2 || mm->start < p->start || mm->end > p->end)
				continue;
			bool have = false;
			for (size_t j = 0; j < p->n_agreements && !have; j++)
				have = p->agreements[j] == mm->ent;
			if (!have) {
				p->agreements = xrealloc(p->agreements, (p->n_agreements + 1) * sizeof(size_t));
				p->agreements[p->n_agreements++] = mm->ent;
			}
		}
	}
}

/* --- the driver ------------------------------------------------------------------------------------- */

static void xdoc_free(struct xdoc *x)
{
	for (size_t i = 0; i < x->n_sp; i++) {
		free(x->sp[i].label);
		for (size_t k = 0; k < x->sp[i].n_aliases; k++)
			free(x->sp[i].aliases[k]);
		free(x->sp[i].aliases);
		for (size_t k = 0; k < x->sp[i].n_names; k++)
			free(x->sp[i].names[k]);
		free(x->sp[i].names);
		for (size_t k = 0; k < x->sp[i].n_titles; k++)
			free(x->sp[i].titles[k]);
		free(x->sp[i].titles);
		free(x->sp[i].roles);
		free(x->sp[i].members);
	}
	free(x->sp);
	for (size_t i = 0; i < x->n_ag; i++) {
		free(x->ag[i].label);
		free(x->ag[i].kind);
		free(x->ag[i].date);
		for (size_t k = 0; k < x->ag[i].n_aliases; k++)
			free(x->ag[i].aliases[k]);
		free(x->ag[i].aliases);
	}
	free(x->ag);
	for (size_t i = 0; i < x->n_tp; i++)
		free(x->tp[i].label);
	free(x->tp);
	for (size_t i = 0; i < x->n_pos; i++) {
		free(x->pos[i].topics);
		free(x->pos[i].agreements);
	}
	free(x->pos);
	free(x->men);
	free(x->refs);
	free(x->sents);
	free(x->hits);
	lex_text_free(&x->lt);
	free(x->text);
	free(x->title);
	free(x->place);
	free(x->url);
	free(x->publisher);
}

static cJSON *draft(struct xdoc *x)
{
	const char *lang = x->o && x->o->lang && *x->o->lang ? x->o->lang : extract_guess_lang(x->lx, x->text, x->n);
	snprintf(x->lang, sizeof(x->lang), "%s", lang);
	lex_text_init(&x->lt, x->text, x->n);
	x->n_hits = lex_find(x->lx, &x->lt, x->text, ~0ULL, x->lang, &x->hits);
	split_sentences(x);
	x->initiator = -1;
	x_people(x);
	x_agreements(x);
	x_topics(x);
	x_positions(x);
	x_meta(x);
	x_prune(x);
	find_mentions(x);
	position_agreements(x);
	return write_readout(x);
}

cJSON *extract_text(const struct lexicon *lx, const char *path, const char *text, size_t n,
                    const struct extract_opts *o, struct diags *d)
{
	struct xdoc x;
	memset(&x, 0, sizeof(x));
	x.lx = lx;
	x.o = o;
	x.path = path;
	x.d = d;
	x.text = clean_input(path, text, n, &x.n, d);
	if (!x.text)
		return NULL;
	if (!(o && o->title && *o->title))
		x.title = take_title(x.text, &x.n);
	if (o && o->url)
		x.url = xstrdup(o->url);
	if (o && o->publisher)
		x.publisher = xstrdup(o->publisher);
	cJSON *r = draft(&x);
	xdoc_free(&x);
	return r;
}

bool extract_draft(void *lexicon, const char *path, char **json, size_t *len, struct diags *d)
{
	cJSON *r = extract_file(lexicon, path, NULL, d);
	if (!r)
		return false;
	struct strbuf b = { 0 };
	jsonw_write(&b, r, true);
	cJSON_Delete(r);
	*json = b.s;
	*len = b.n;
	return true;
}

static bool is_html_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}

cJSON *extract_file(const struct lexicon *lx, const char *path, const struct extract_opts *o, struct diags *d)
{
	if (path_is_readout(path)) { /* (not a text to draft from) */
		diags_add(d, DIAG_RULE,
		          "%s: a readout file already: extract drafts from a plain text (.txt) or a saved page "
		          "(.html); open it in parley to review it",
		          path);
		return NULL;
	}
	size_t len;
	struct stat st;
	char *buf = read_file_max(path, &len, file_limit(), &st);
	if (!buf) {
		char why[200];
		diags_add(d, DIAG_IO, "%s: %s", path, file_why(errno, &st, why, sizeof(why)));
		return NULL;
	}
	cJSON *r = NULL;
	if (!is_html_path(path)) {
		r = extract_text(lx, path, buf, len, o, d);
		free(buf);
		return r;
	}
	if (len > EXTRACT_MAX_HTML) {
		diags_add(d, DIAG_SYNTAX, "%s: %zu bytes: larger than a page can be (%u MB); not read", path, len,
		          EXTRACT_MAX_HTML >> 20);
		free(buf);
		return NULL;
	}
	struct article art;
	if (!html_article(buf, len, &art, path, d)) {
		free(buf);
		return NULL;
	}
	free(buf);
	struct extract_opts oo = o ? *o : (struct extract_opts){ 0 };
	if (!(oo.title && *oo.title))
		oo.title = art.title;
	if (!(oo.url && *oo.url))
		oo.url = art.url;
	if (!(oo.publisher && *oo.publisher))
		oo.publisher = art.site;
	struct xdoc x;
	memset(&x, 0, sizeof(x));
	x.lx = lx;
	x.o = &oo;
	x.path = path;
	x.d = d;
	x.text = clean_input(path, art.text, strlen(art.text), &x.n, d);
	if (x.text) {
		if (oo.url)
			x.url = xstrdup(oo.url);
		if (oo.publisher)
			x.publisher = xstrdup(oo.publisher);
		if (art.date[0] && !(oo.date && *oo.date))
			snprintf(x.date, sizeof(x.date), "%s", art.date);
		r = draft(&x);
	}
	xdoc_free(&x);
	article_free(&art);
	return r;
}
