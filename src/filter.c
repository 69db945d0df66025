/* filter.c - matching readouts and positions against a filter. */
#include "filter.h"
#include "arena.h"
#include "fold.h"
#include "search.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

bool filter_reads_heads(const struct filter *f)
{
	for (int k = 0; k < ENT_KINDS; k++)
		if (f->ents[k].n)
			return true;
	/* (all_speakers is a mode of the speakers chosen, nothing without them) */
	return f->since[0] || f->until[0] || f->n_langs || f->n_events || f->kinds;
}

bool filter_is_empty(const struct filter *f)
{
	return !filter_reads_heads(f) && !f->stances && !f->reviews && !f->n_texts;
}

size_t filter_count(const struct filter *f)
{
	size_t n = f->n_langs + f->n_events + f->n_texts + (f->since[0] || f->until[0]) + (f->stances != 0)
	           + (f->reviews != 0);
	for (int k = 0; k < ENT_KINDS; k++)
		n += f->ents[k].n;
	for (int k = 0; k < KIND_COUNT; k++)
		n += (f->kinds >> k) & 1u;
	return n;
}

void filter_date_range(const char *date, char *lo, char *hi)
{
	size_t n = strlen(date);
	if (n > 10)
		n = 10;
	memcpy(lo, date, n);
	memcpy(hi, date, n);
	lo[n] = hi[n] = '\0';
	if (n == 4) {
		strcat(lo, "-01-01");
		strcat(hi, "-12-31");
	} else if (n == 7) {
		strcat(lo, "-01");
		strcat(hi, "-31");
	}
}

bool filter_set_dates(struct filter *f, const char *since, const char *until)
{
	if ((since && !date_is_valid(since)) || (until && !date_is_valid(until)))
		return false;
	char lo[11], hi[11];
	if (since) {
		filter_date_range(since, lo, hi);
		memcpy(f->since, lo, sizeof(lo));
	}
	if (until) {
		filter_date_range(until, lo, hi);
		memcpy(f->until, hi, sizeof(hi));
	}
	return true;
}

bool filter_dates_empty(const struct filter *f)
{
	return f->since[0] && f->until[0] && strcmp(f->since, f->until) > 0;
}

bool filter_lang_matches(const char *range, const char *tag)
{
	size_t n = strlen(range);
	return tag && strncasecmp(tag, range, n) == 0 && (tag[n] == '\0' || tag[n] == '-');
}

bool filter_add_lang(struct filter *f, const char *range)
{
	/* (`--lang french`, well-formed, matched nothing, in silence) */
	if (!lang_may_be(range))
		return false;
	f->langs = xrealloc(f->langs, (f->n_langs + 1) * sizeof(*f->langs));
	f->langs[f->n_langs++] = xstrdup(range);
	return true;
}

bool filter_toggle_lang(struct filter *f, const char *range)
{
	if (!lang_is_valid(range))
		return false;
	for (size_t i = 0; i < f->n_langs; i++)
		if (strcasecmp(f->langs[i], range) == 0) {
			free(f->langs[i]);
			memmove(f->langs + i, f->langs + i + 1, (f->n_langs - i - 1) * sizeof(*f->langs));
			f->n_langs--;
			return false;
		}
	return filter_add_lang(f, range);
}

/* s[0..n) without the spaces around it, into buf (size 16); false when
 * too long. */
static bool trimmed(const char *s, size_t n, char *buf)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (n >= 16)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

bool filter_set_period(struct filter *f, const char *text, char *why, size_t why_size)
{
	char a[16], b[16];
	const char *dots = strstr(text, "..");
	bool ok = dots ? trimmed(text, (size_t)(dots - text), a) && trimmed(dots + 2, strlen(dots + 2), b)
	               : trimmed(text, strlen(text), a);
	if (!ok) {
		snprintf(why, why_size, "%s: the form is SINCE..UNTIL, each YYYY-MM-DD, YYYY-MM or YYYY", text);
		return false;
	}
	if (!dots)
		memcpy(b, a, sizeof(a));
	for (const char *d = a; d; d = d == a && dots ? b : NULL)
		if (d[0] && !date_is_valid(d)) { /* (then date_why_not has a reason) */
			snprintf(why, why_size, "%s is no date: %s", d, date_why_not(d));
			return false;
		}
	char since[sizeof(f->since)], until[sizeof(f->until)];
	memcpy(since, f->since, sizeof(since));
	memcpy(until, f->until, sizeof(until));
	f->since[0] = f->until[0] = '\0';
	filter_set_dates(f, a[0] ? a : NULL, b[0] ? b : NULL);
	if (!filter_dates_empty(f))
		return true;
	snprintf(why, why_size, "%s: the first date is after the second, no date is both", text);
	memcpy(f->since, since, sizeof(since));
	memcpy(f->until, until, sizeof(until));
	return false;
}

void filter_add_event(struct filter *f, const char *event)
{
	f->events = xrealloc(f->events, (f->n_events + 1) * sizeof(*f->events));
	f->events[f->n_events++] = xstrdup(event);
}

void filter_clear_events(struct filter *f)
{
	for (size_t i = 0; i < f->n_events; i++)
		free(f->events[i]);
	free(f->events);
	f->events = NULL;
	f->n_events = 0;
}

/* The length of the white space (Unicode's: a no-break or an ideographic
 * space too) at p, 0 when there is none. */
static size_t space_at(const char *p)
{
	ucs4_t uc;
	int l = u8_strmbtouc(&uc, (const uint8_t *)p);
	return l > 0 && uc_is_property_white_space(uc) ? (size_t)l : 0;
}

static int cmp_cost(const void *a, const void *b)
{
	double x = ((const struct needle *)a)->cost, y = ((const struct needle *)b)->cost;
	return (x > y) - (x < y);
}

/* Whether the character (grapheme cluster) at s, before end, is a mark
 * of punctuation: its first code point is, whatever marks follow it
 * (`.` and a combining acute typed after it). */
static bool punct_at(const uint8_t *s, const uint8_t *end)
{
	ucs4_t uc;
	return u8_mbtouc(&uc, s, (size_t)(end - s)) > 0 && uc_is_general_category(uc, UC_CATEGORY_P);
}

/* The word [*p, *e) without the punctuation around it (`climate,` is
 * `climate`, `(PRC)` is `PRC`), unless it is all punctuation (`«`, `...`):
 * what a reader types after a word is not part of it.  Within it, kept
 * (`l'Arctique`, `U.N`).  A character at a time: a mark of punctuation
 * goes with the combining marks after it. */
static void trim_punctuation(const char **p, const char **e)
{
	const uint8_t *s = (const uint8_t *)*p, *t = (const uint8_t *)*e;
	while (s < t && punct_at(s, t)) {
		const uint8_t *n = u8_grapheme_next(s, t);
		s = n ? n : t;
	}
	if (s >= t)
		return; /* (all punctuation: looked for as it is) */
	for (const uint8_t *q; (q = u8_grapheme_prev(t, s)) != NULL && punct_at(q, t);)
		t = q;
	*p = (const char *)s;
	*e = (const char *)t;
}

bool filter_add_text(struct filter *f, const char *words)
{
	struct filter_text t = { 0 };
	const char *p = words;
	for (;;) {
		for (size_t l; (l = space_at(p)) > 0;)
			p += l;
		if (!*p)
			break;
		const char *e = p;
		while (*e && !space_at(e))
			e++;
		const char *ws = p, *we = e;
		trim_punctuation(&ws, &we);
		char *w = xstrndup(ws, (size_t)(we - ws));
		struct needle nd;
		needle_init(&nd, w);
		free(w);
		if (nd.n) {
			t.words = xrealloc(t.words, (t.n + 1) * sizeof(*t.words));
			t.words[t.n++] = nd;
		} else {
			needle_free(&nd);
		}
		p = e;
	}
	if (!t.n)
		return false;
	/* all must be found: the rarest looked for first */
	qsort(t.words, t.n, sizeof(*t.words), cmp_cost);
	f->texts = xrealloc(f->texts, (f->n_texts + 1) * sizeof(*f->texts));
	f->texts[f->n_texts++] = t;
	return true;
}

bool filter_readout_meta(const struct filter *f, const struct readout *r)
{
	if (f->since[0] || f->until[0]) {
		if (!r->date)
			return false;
		char lo[11], hi[11];
		filter_date_range(r->date, lo, hi);
		if (f->since[0] && strcmp(hi, f->since) < 0)
			return false;
		if (f->until[0] && strcmp(lo, f->until) > 0)
			return false;
	}
	if (f->n_langs) {
		bool any = false;
		for (size_t i = 0; i < f->n_langs && !any; i++)
			any = filter_lang_matches(f->langs[i], r->lang);
		if (!any)
			return false;
	}
	if (f->kinds && (r->kind < 0 || !(f->kinds & (1u << r->kind))))
		return false;
	if (f->n_events) {
		bool any = false;
		for (size_t i = 0; i < f->n_events && !any; i++)
			any = r->event && strcmp(r->event, f->events[i]) == 0;
		if (!any)
			return false;
	}
	return true;
}

/* What the filter says of a position alone: its stance (none counts as
 * other: STANCE_UNKNOWN, as the timeline counts it) and review. */
static bool position_alone(const struct filter *f, const struct position *p)
{
	if (f->stances && !(f->stances & (1u << (p->stance < 0 ? STANCE_UNKNOWN : p->stance))))
		return false;
	if (f->reviews && !(f->reviews & (1u << p->review)))
		return false;
	return true;
}

/* The length of a summary, *n, measured once it is wanted (SIZE_MAX: not
 * yet; a word found in the span needs none). */
static size_t sum_len(const char *sum, size_t *n)
{
	if (*n == SIZE_MAX)
		*n = strlen(sum);
	return *n;
}

/* Does a position whose span is span[0..span_n) and whose summary is sum
 * contain the words of one of the chosen texts (each word in either)?
 * in_text (NULL: all may be): whether each word (in the order of the
 * texts' words) may be in the readout's text, the others looked for in
 * the summary alone.  in_sum (NULL: not known): whether each is in the
 * summary, found already (summaries_told). */
static bool words_in(const struct filter *f, const char *span, size_t span_n, const char *sum, const bool *in_text,
                     const unsigned char *in_sum)
{
	size_t sum_n = SIZE_MAX, w0 = 0;
	bool ok = false;
	/* each word looked for in the span and the summary as they are: the
	 * search folds only around what may be a match (search.h); a word
	 * known to be in the summary is not looked for in the span */
	for (size_t t = 0; t < f->n_texts && !ok; w0 += f->texts[t].n, t++) {
		ok = true;
		for (size_t w = 0; w < f->texts[t].n && ok; w++)
			ok = (in_sum && in_sum[w0 + w])
			     || ((!in_text || in_text[w0 + w]) && needle_in(&f->texts[t].words[w], span, span_n))
			     || (!in_sum && needle_in(&f->texts[t].words[w], sum, sum_len(sum, &sum_n)));
	}
	return ok;
}

/* words_in position p of a readout whose text is text (NULL: it could not
 * be read back, and counts as empty). */
static bool position_words(const struct filter *f, const char *text, const struct position *p, const bool *in_text,
                           const unsigned char *in_sum)
{
	return words_in(f, text ? text + p->span.bstart : "", text ? p->span.bend - p->span.bstart : 0,
	                p->summary ? p->summary : "", in_text, in_sum);
}

/* Each word's matches in the summaries of r, found in them all at once
 * where the load says they lie one after another (judge_hints.sums):
 * each match is the summary's it starts in, when no NUL is between (one
 * in the bytes between two summaries is no one's).  A word whose matches
 * never overlap (it has a key, and no border: needle_can_overlap) is
 * found in the block as in each summary alone. */
struct sum_marks {
	const struct readout *r;
	const char *base;
	unsigned char *has;  /* has[p * stride]: position p's summary has the word */
	size_t stride, p;    /* the last position with a summary at or before the last match */
	size_t n;            /* the block's length */
};

static size_t mark_sum(void *arg, size_t s)
{
	/* (a match holds no NUL: it is within the summary it starts in) */
	struct sum_marks *m = arg;
	const struct position *ps = m->r->positions;
	const char *at = m->base + s;
	size_t q = m->p + 1;
	for (; q < m->r->n_positions; q++) {
		if (!ps[q].summary)
			continue;
		if (ps[q].summary > at)
			break;
		m->p = q;
	}
	const char *sum = ps[m->p].summary;
	if (!sum || sum > at || memchr(sum, '\0', (size_t)(at - sum)))
		return s + 1;
	m->has[m->p * m->stride] = 1;
	/* the rest of this summary passed over: the next match wanted is
	 * in the next summary (q, the first after it, or none) */
	size_t next = q < m->r->n_positions ? (size_t)(ps[q].summary - m->base) : m->n;
	return next > s && next <= m->n ? next : s + 1;
}

/* in_sum[p * nw + w]: word w (in the order of the texts' words) is in
 * position p's summary.  False (in_sum untouched) when not told so: the
 * summaries' place not known, or a word without a key or whose matches
 * may overlap (a match from the bytes before a summary could hide its
 * first). */
static bool summaries_told(const struct filter *f, const struct readout *r, const struct judge_hints *h, size_t nw,
                           unsigned char *in_sum)
{
	if (!h || !h->sums || !r->n_positions)
		return false;
	for (size_t t = 0; t < f->n_texts; t++)
		for (size_t w = 0; w < f->texts[t].n; w++)
			if (!f->texts[t].words[w].key || needle_can_overlap(&f->texts[t].words[w]))
				return false;
	size_t first = 0;
	while (first < r->n_positions && !r->positions[first].summary)
		first++;
	memset(in_sum, 0, r->n_positions * nw);
	for (size_t t = 0, w0 = 0; t < f->n_texts; w0 += f->texts[t].n, t++)
		for (size_t w = 0; w < f->texts[t].n && first < r->n_positions; w++) {
			struct sum_marks m = { r, h->sums, in_sum + w0 + w, nw, first, h->sums_n };
			needle_starts(&f->texts[t].words[w], h->sums, h->sums_n, mark_sum, &m);
		}
	return true;
}

bool filter_readout_words(const struct filter *f, const struct readout *r)
{
	if (!f->n_texts)
		return true;
	for (size_t p = 0; p < r->n_positions; p++)
		if (position_words(f, r->text, &r->positions[p], NULL, NULL))
			return true;
	return false;
}

/* filter_judge's words_in for spans that together are longer than the
 * text (spans_alone): each word's matches in the readout's text found
 * once, at the first position that asks (needle_hits), each span then
 * told from them. */
struct judge_words {
	const struct filter *f;
	const char *text;
	size_t n;
	const bool *in_text; /* (words_in's) */
	/* a word's, in the order of the texts' words (nd NULL: not made yet) */
	struct needle_hits *hits;
};

static bool judge_words_in(struct judge_words *j, const struct position *p, const unsigned char *in_sum)
{
	const char *sum = p->summary ? p->summary : "";
	size_t sum_n = SIZE_MAX, w0 = 0;
	for (size_t t = 0; t < j->f->n_texts; t++) {
		const struct filter_text *ft = &j->f->texts[t];
		bool ok = true;
		for (size_t w = 0; w < ft->n && ok; w++) {
			if (in_sum && in_sum[w0 + w])
				continue; /* in the summary: the span not looked at */
			struct needle_hits *h = &j->hits[w0 + w];
			bool span = !j->in_text || j->in_text[w0 + w];
			if (span && !h->nd)
				needle_hits_init(h, &ft->words[w], j->text, j->n);
			ok = (span && needle_hits_in(h, p->span.bstart, p->span.bend))
			     || (!in_sum && needle_in(&ft->words[w], sum, sum_len(sum, &sum_n)));
		}
		if (ok)
			return true;
		w0 += ft->n;
	}
	return false;
}

/* Is each span looked at alone cheaper than the whole text once?  A
 * word's first match in a span ends that span's search, so spans that
 * together are no longer than the text are searched each alone; spans
 * that overlap more are told from the text's matches, found once. */
static bool spans_alone(const struct readout *r)
{
	size_t sum = 0;
	for (size_t p = 0; p < r->n_positions; p++) {
		sum += r->positions[p].span.bend - r->positions[p].span.bstart;
		if (sum > r->text_bytes)
			return false;
	}
	return true;
}

bool filter_judge(const struct filter *f, const struct readout *r, const struct judge_hints *hints,
                  unsigned char *verdict)
{
	const unsigned char *text_set = hints ? hints->text_set : NULL;
	/* the words' matches in the whole text, found once, only where spans
	 * are not each searched alone */
	bool told = f->n_texts && r->text && !spans_alone(r);
	size_t nw = 0;
	for (size_t t = 0; t < f->n_texts; t++)
		nw += f->texts[t].n;
	/* the words the text cannot hold: looked for in the summaries alone */
	bool ibuf[16], *in_text = NULL;
	if (text_set && nw) {
		in_text = nw <= 16 ? ibuf : xmalloc(nw * sizeof(bool));
		for (size_t t = 0, w0 = 0; t < f->n_texts; w0 += f->texts[t].n, t++)
			for (size_t w = 0; w < f->texts[t].n; w++)
				in_text[w0 + w] = needle_may_be_in_set(&f->texts[t].words[w], text_set);
	}
	/* the words in the summaries, found in them all at once where the
	 * load says where they are */
	unsigned char sbuf[256], *in_sum = NULL;
	if (nw && hints && hints->sums) {
		size_t cells = r->n_positions * nw;
		in_sum = cells <= sizeof(sbuf) ? sbuf : xmalloc(cells);
		if (!summaries_told(f, r, hints, nw, in_sum)) {
			if (in_sum != sbuf)
				free(in_sum);
			in_sum = NULL;
		}
	}
	/* (zeroed only when told: 448 bytes a readout otherwise written for
	 * nothing) */
	struct needle_hits hbuf[8];
	if (told && nw <= 8)
		memset(hbuf, 0, nw * sizeof(hbuf[0]));
	struct judge_words j = { f, r->text, r->text_bytes, in_text,
		                 told && nw > 8 ? xcalloc(nw, sizeof(struct needle_hits)) : hbuf };
	bool any = false;
	for (size_t p = 0; p < r->n_positions; p++) {
		const struct position *ps = &r->positions[p];
		const unsigned char *ins = in_sum ? in_sum + p * nw : NULL;
		bool in = position_alone(f, ps)
		          && (!f->n_texts
		              || (told ? judge_words_in(&j, ps, ins) : position_words(f, r->text, ps, in_text, ins)));
		verdict[p] = in ? JUDGED_YES : JUDGED_NO;
		any |= in;
	}
	if (in_sum != sbuf)
		free(in_sum);
	for (size_t w = 0; told && w < nw; w++)
		needle_hits_free(&j.hits[w]);
	if (j.hits != hbuf)
		free(j.hits);
	if (in_text != ibuf)
		free(in_text);
	return any;
}

/* What the words are looked for in: some bytes, or (set not NULL) the set
 * of byte values some bytes hold. */
struct look {
	const char *bytes;
	size_t n;
	const unsigned char *set;
};

static bool may_be_in(const struct needle *nd, const struct look *l)
{
	return l->set ? needle_may_be_in_set(nd, l->set) : needle_may_be_in(nd, l->bytes, l->n);
}

/* Each word of one of the chosen texts may be there (all: true), or any
 * word of any (all: false)?  True without texts chosen. */
static bool words_may_be(const struct filter *f, const struct look *l, bool all)
{
	if (!f->n_texts)
		return true;
	for (size_t t = 0; t < f->n_texts; t++) {
		bool each = true;
		for (size_t w = 0; w < f->texts[t].n && (each || !all); w++) {
			bool may = may_be_in(&f->texts[t].words[w], l);
			if (may && !all)
				return true;
			each = each && may;
		}
		if (all && each)
			return true;
	}
	return false;
}

bool filter_words_may_be_in(const struct filter *f, const char *bytes, size_t n)
{
	return words_may_be(f, &(struct look){ bytes, n, NULL }, true);
}

bool filter_words_may_be_in_set(const struct filter *f, const unsigned char set[32])
{
	return words_may_be(f, &(struct look){ NULL, 0, set }, true);
}

bool filter_any_word_may_be_in_set(const struct filter *f, const unsigned char set[32])
{
	return words_may_be(f, &(struct look){ NULL, 0, set }, false);
}

bool filter_any_word_may_be_in(const struct filter *f, const char *bytes, size_t n)
{
	return words_may_be(f, &(struct look){ bytes, n, NULL }, false);
}

bool filter_one_word_each(const struct filter *f)
{
	for (size_t t = 0; t < f->n_texts; t++)
		if (f->texts[t].n != 1)
			return false;
	return f->n_texts > 0;
}

/* What the load decided of position p for this filter (filter_judge,
 * corpus.words_judged_for), where the words were found: JUDGED_NOT when
 * it did not. */
static enum judged verdict_of(const struct filter *f, const struct corpus *c, const struct position *p)
{
	return c->words_judged_for == f ? (enum judged)p->judged : JUDGED_NOT;
}

/* Does position p of readout ri contain the words of one of the chosen
 * texts?  A text that cannot be read back counts as empty. */
static bool text_matches(const struct filter *f, const struct corpus *c, size_t ri, const struct position *p)
{
	enum judged v = verdict_of(f, c, p);
	if (v != JUDGED_NOT)
		return v == JUDGED_YES;
	return position_words(f, corpus_text(c, ri), p, NULL, NULL);
}

#define IDSET_BITS_MAX (1u << 24) /* larger members are only in the list */

bool idset_has(const struct idset *s, uint32_t v)
{
	if (v < s->nbits)
		return s->bits[v];
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == v)
			return true;
	return false;
}

void idset_add(struct idset *s, uint32_t v)
{
	if (idset_has(s, v))
		return;
	if (v >= s->nbits && v < IDSET_BITS_MAX) {
		size_t nb = s->nbits ? s->nbits : 64;
		while (nb <= v)
			nb *= 2;
		s->bits = xrealloc(s->bits, nb);
		memset(s->bits + s->nbits, 0, nb - s->nbits);
		s->nbits = nb;
		for (size_t i = 0; i < s->n; i++)
			if (s->v[i] < nb)
				s->bits[s->v[i]] = 1;
	}
	if (v < s->nbits)
		s->bits[v] = 1;
	grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = v;
}

bool idset_toggle(struct idset *s, uint32_t v)
{
	if (!idset_has(s, v)) {
		idset_add(s, v);
		return true;
	}
	if (v < s->nbits)
		s->bits[v] = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == v) {
			memmove(s->v + i, s->v + i + 1, (s->n - i - 1) * sizeof(*s->v));
			s->n--;
			break;
		}
	return false;
}

/* Does readout ri declare every chosen speaker? */
static bool declares_all(const struct filter *f, const struct facets *fa, const struct readout *r, size_t ri)
{
	const struct idset *s = &f->ents[ENT_SPEAKER];
	for (size_t j = 0; j < s->n; j++) {
		bool has = false;
		for (size_t i = 0; i < r->n_ents[ENT_SPEAKER] && !has; i++)
			has = facets_global(fa, ENT_SPEAKER, ri, (uint32_t)i) == s->v[j];
		if (!has)
			return false;
	}
	return true;
}

static bool refs_any(const struct idset *s, const struct facets *fa, enum entity_kind k, size_t ri,
                     const uint32_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (idset_has(s, facets_global(fa, k, ri, ids[i])))
			return true;
	return false;
}

/* filter_position but for the words of text. */
static bool position_fits(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t ri,
                          size_t pi)
{
	const struct readout *r = &c->readouts[ri];
	const struct position *p = &r->positions[pi];
	if (!filter_readout_meta(f, r))
		return false;
	if (f->all_speakers && f->ents[ENT_SPEAKER].n > 1 && !declares_all(f, fa, r, ri))
		return false;
	if (f->ents[ENT_SPEAKER].n) {
		const struct entity *sp = &RO_SPEAKERS(r)[p->speaker];
		if (!refs_any(&f->ents[ENT_SPEAKER], fa, ENT_SPEAKER, ri, &p->speaker, 1)
		    && !refs_any(&f->ents[ENT_SPEAKER], fa, ENT_SPEAKER, ri, sp->members, sp->n_members))
			return false;
	}
	if (f->ents[ENT_TOPIC].n && !refs_any(&f->ents[ENT_TOPIC], fa, ENT_TOPIC, ri, p->topics, p->n_topics))
		return false;
	if (f->ents[ENT_AGREEMENT].n
	    && !refs_any(&f->ents[ENT_AGREEMENT], fa, ENT_AGREEMENT, ri, p->agreements, p->n_agreements))
		return false;
	return position_alone(f, p);
}

bool filter_position(const struct filter *f, const struct corpus *c, const struct facets *fa,
                     size_t ri, size_t pi)
{
	return position_fits(f, c, fa, ri, pi)
	       && (!f->n_texts || text_matches(f, c, ri, &c->readouts[ri].positions[pi]));
}

/* --- words of text over a whole corpus --------------------------------------
 *
 * With words of text to find, the positions that pass every other check
 * are marked first (a summary that has the words decides alone); the
 * texts of their readouts are then read back in batches on every
 * processor (corpus_texts_each: a warm index cache and a browser hold
 * none), and each marked position's span is looked at once. */
enum { TP_NO, TP_YES, TP_TEXT };

struct text_pass {
	const struct filter *f;
	const struct corpus *c;
	size_t *first;          /* per readout: its positions' place in ok (NULL: no pass, each asked) */
	unsigned char *ok;      /* per position: TP_NO, TP_YES (fits, words too) */
	unsigned char *unread;  /* per readout: its text could not be read back on a thread */
};

/* The positions of readout ri left to its text decided by it (NULL: it
 * could not be read back, and counts as empty). */
static void settle(struct text_pass *tp, size_t ri, const char *text)
{
	const struct readout *r = &tp->c->readouts[ri];
	unsigned char *ok = tp->ok + tp->first[ri];
	for (size_t p = 0; p < r->n_positions; p++)
		if (ok[p] == TP_TEXT)
			ok[p] = position_words(tp->f, text, &r->positions[p], NULL, NULL) ? TP_YES : TP_NO;
}

static void pass_text(void *arg, size_t ri, const char *text)
{
	struct text_pass *tp = arg;
	if (text)
		settle(tp, ri, text);
	else /* asked again on the calling thread, which says why */
		tp->unread[ri] = 1;
}

/* The pass over the readouts marked (all when not narrow). */
static void text_pass_run(struct text_pass *tp, const struct filter *f, const struct corpus *c,
                          const struct facets *fa, bool narrow, const unsigned char *mark)
{
	*tp = (struct text_pass){ .f = f, .c = c };
	if (!f->n_texts)
		return;
	size_t n = c->n_readouts, total = 0;
	tp->first = xmalloc((n + 1) * sizeof(*tp->first));
	for (size_t ri = 0; ri < n; ri++) {
		tp->first[ri] = total;
		total += c->readouts[ri].n_positions;
	}
	tp->first[n] = total;
	tp->ok = xcalloc(total ? total : 1, 1);
	tp->unread = xcalloc(n ? n : 1, 1);
	unsigned char *want = xcalloc(n ? n : 1, 1);
	bool any = false;
	for (size_t ri = 0; ri < n; ri++) {
		const struct readout *r = &c->readouts[ri];
		if (narrow && !mark[ri])
			continue;
		unsigned char *ok = tp->ok + tp->first[ri];
		for (size_t p = 0; p < r->n_positions; p++) {
			if (!position_fits(f, c, fa, ri, p))
				continue;
			enum judged v = verdict_of(f, c, &r->positions[p]);
			if (v != JUDGED_NOT) {
				ok[p] = v == JUDGED_YES ? TP_YES : TP_NO;
				continue;
			}
			const char *sum = r->positions[p].summary ? r->positions[p].summary : "";
			ok[p] = words_in(f, "", 0, sum, NULL, NULL) ? TP_YES : TP_TEXT;
			want[ri] |= ok[p] == TP_TEXT;
		}
		any |= want[ri];
	}
	if (any)
		corpus_texts_each(c, want, pass_text, tp);
	free(want);
	for (size_t ri = 0; ri < n; ri++)
		if (tp->unread[ri])
			settle(tp, ri, corpus_text(c, ri)); /* NULL again: why is said */
}

static void text_pass_free(struct text_pass *tp)
{
	free(tp->first);
	free(tp->ok);
	free(tp->unread);
}

/* filter_position, the pass's answer when it ran. */
static bool pass_position(const struct text_pass *tp, const struct facets *fa, size_t ri, size_t pi)
{
	if (tp->first)
		return tp->ok[tp->first[ri] + pi] == TP_YES;
	return filter_position(tp->f, tp->c, fa, ri, pi);
}

/* filter_readout, the pass's answers for its positions. */
static bool readout_passes(const struct text_pass *tp, const struct facets *fa, size_t ri)
{
	const struct filter *f = tp->f;
	const struct corpus *c = tp->c;
	const struct readout *r = &c->readouts[ri];
	if (!filter_readout_meta(f, r))
		return false;
	if (f->all_speakers && f->ents[ENT_SPEAKER].n > 1 && !declares_all(f, fa, r, ri))
		return false;
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!f->ents[k].n)
			continue;
		bool any = false;
		for (size_t i = 0; i < r->n_ents[k] && !any; i++)
			any = idset_has(&f->ents[k], facets_global(fa, (enum entity_kind)k, ri, (uint32_t)i));
		if (!any)
			return false;
	}
	if (f->stances || f->reviews || f->n_texts) {
		/* only readouts with a position of the chosen stance/review/text */
		for (size_t p = 0; p < r->n_positions; p++)
			if (pass_position(tp, fa, ri, p))
				return true;
		return false;
	}
	return true;
}

bool filter_readout(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t ri)
{
	struct text_pass tp = { .f = f, .c = c };
	return readout_passes(&tp, fa, ri);
}

/* The readouts that can match the entity filters, marked in mark[] (one
 * byte per readout): those that declare one of the chosen entities of the
 * most selective kind.  False when no entity is chosen (all can match). */
static bool candidates(const struct filter *f, const struct corpus *c, const struct facets *fa, unsigned char *mark)
{
	int best = -1;
	size_t best_n = (size_t)-1;
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!f->ents[k].n)
			continue;
		size_t n = 0;
		/* (an entity no readout here declares, UINT32_MAX: none) */
		for (size_t i = 0; i < f->ents[k].n; i++)
			if (f->ents[k].v[i] < fa->n[k])
				n += fa->v[k][f->ents[k].v[i]].n_rd;
		if (n < best_n) {
			best_n = n;
			best = k;
		}
	}
	if (best < 0)
		return false;
	memset(mark, 0, c->n_readouts + 1);
	for (size_t i = 0; i < f->ents[best].n; i++) {
		if (f->ents[best].v[i] >= fa->n[best])
			continue;
		const struct facet *fc = &fa->v[best][f->ents[best].v[i]];
		for (size_t j = 0; j < fc->n_rd; j++)
			if (fc->rd[j] < c->n_readouts)
				mark[fc->rd[j]] = 1;
	}
	return true;
}

size_t filter_readouts(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t *out)
{
	unsigned char *mark = xmalloc(c->n_readouts + 1);
	bool narrow = candidates(f, c, fa, mark);
	struct text_pass tp;
	text_pass_run(&tp, f, c, fa, narrow, mark);
	size_t n = 0;
	for (size_t ri = 0; ri < c->n_readouts; ri++)
		if ((!narrow || mark[ri]) && readout_passes(&tp, fa, ri))
			out[n++] = ri;
	text_pass_free(&tp);
	free(mark);
	return n;
}

/* The matches of readouts [from, c->n_readouts), those not marked left
 * out when narrow. */
static size_t matches_of(const struct text_pass *tp, const struct facets *fa, size_t from, bool narrow,
                         const unsigned char *mark, struct match **out)
{
	const struct corpus *c = tp->c;
	size_t n = 0, cap = 0;
	*out = NULL;
	size_t *order = NULL, cap_order = 0;
	for (size_t ri = from; ri < c->n_readouts; ri++) {
		const struct readout *r = &c->readouts[ri];
		if ((narrow && !mark[ri]) || !r->n_positions)
			continue;
		grow(&order, &cap_order, r->n_positions, sizeof(size_t));
		readout_text_order(r, order);
		for (size_t k = 0; k < r->n_positions; k++)
			if (pass_position(tp, fa, ri, order[k])) {
				grow(out, &cap, n + 1, sizeof(**out));
				(*out)[n++] = (struct match){ (uint32_t)ri, (uint32_t)order[k] };
			}
	}
	free(order);
	return n;
}

size_t filter_matches(const struct filter *f, const struct corpus *c, const struct facets *fa,
                      struct match **out)
{
	unsigned char *mark = xmalloc(c->n_readouts + 1);
	bool narrow = candidates(f, c, fa, mark);
	struct text_pass tp;
	text_pass_run(&tp, f, c, fa, narrow, mark);
	size_t n = matches_of(&tp, fa, 0, narrow, mark, out);
	text_pass_free(&tp);
	free(mark);
	return n;
}

size_t filter_matches_from(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t from,
                           struct match **out)
{
	/* a few readouts: each visited (the facets' index narrows a whole
	 * corpus; filter_position decides alone) */
	struct text_pass tp = { .f = f, .c = c };
	return matches_of(&tp, fa, from, false, NULL, out);
}

void filter_clear(struct filter *f)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		free(f->ents[k].v);
		free(f->ents[k].bits);
	}
	for (size_t i = 0; i < f->n_langs; i++)
		free(f->langs[i]);
	free(f->langs);
	filter_clear_events(f);
	for (size_t t = 0; t < f->n_texts; t++) {
		for (size_t w = 0; w < f->texts[t].n; w++)
			needle_free(&f->texts[t].words[w]);
		free(f->texts[t].words);
	}
	free(f->texts);
	memset(f, 0, sizeof(*f));
}

static void count_one(struct facet_counts *k, size_t **last, int kind, size_t g, size_t ri)
{
	k->pos[kind][g]++;
	if (last[kind][g] != ri + 1) {
		last[kind][g] = ri + 1;
		k->rd[kind][g]++;
	}
}

void facets_count_matches(struct facet_counts *k, const struct corpus *c, const struct facets *fa,
                          const struct match *m, size_t n)
{
	size_t *last[ENT_KINDS];
	memset(k, 0, sizeof(*k));
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		k->n[kind] = fa->n[kind];
		k->pos[kind] = xcalloc(fa->n[kind] + 1, sizeof(size_t));
		k->rd[kind] = xcalloc(fa->n[kind] + 1, sizeof(size_t));
		last[kind] = xcalloc(fa->n[kind] + 1, sizeof(size_t));
	}
	for (size_t i = 0; i < n; i++) {
		size_t ri = m[i].readout;
		k->rd_total += !i || m[i - 1].readout != ri; /* matches come in corpus order */
		const struct readout *r = &c->readouts[ri];
		const struct position *p = &r->positions[m[i].position];
		const struct entity *sp = &RO_SPEAKERS(r)[p->speaker];
		count_one(k, last, ENT_SPEAKER, facets_global(fa, ENT_SPEAKER, ri, p->speaker), ri);
		for (size_t j = 0; j < sp->n_members; j++)
			count_one(k, last, ENT_SPEAKER, facets_global(fa, ENT_SPEAKER, ri, sp->members[j]), ri);
		for (size_t j = 0; j < p->n_topics; j++)
			count_one(k, last, ENT_TOPIC, facets_global(fa, ENT_TOPIC, ri, p->topics[j]), ri);
		for (size_t j = 0; j < p->n_agreements; j++)
			count_one(k, last, ENT_AGREEMENT, facets_global(fa, ENT_AGREEMENT, ri, p->agreements[j]), ri);
	}
	for (int kind = 0; kind < ENT_KINDS; kind++)
		free(last[kind]);
}

void facet_counts_free(struct facet_counts *k)
{
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		free(k->pos[kind]);
		free(k->rd[kind]);
	}
	memset(k, 0, sizeof(*k));
}
