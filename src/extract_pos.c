/* extract_pos.c - the positions of a readout, by the annotation
 * guidelines: a sentence in which a speaker named in the text (a name, a
 * role form, a country side, a collective subject, a pronoun for one of
 * them) is reported by a cue ("stressed", "a souligné", "强调", "заявил")
 * starts a position, which runs on through the sentences of the paragraph
 * that go on with it without a cue of their own; a new cue starts a new
 * position (also after the content: "a-t-il ajouté", "по его словам");
 * sentences with no such speaker (impersonal, passive, a bare "X met Y")
 * are no position; two speakers in one sentence split at the clause.  The
 * stance comes from the cue, or from the content when the cue only says.
 */
#include "extract_int.h"

#include "arena.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

/* the refs in [a, b) */
static size_t refs_from(const struct xdoc *x, size_t a)
{
	size_t lo = 0, hi = x->n_refs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->refs[mid].start < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool is_joint(const struct xdoc *x, const struct lex_hit *c)
{
	return HIT_CLASS(x, c) == LC_CUE_JOINT;
}

/* Only spaces, or a Han adverb, between a subject ending at a and a cue at
 * b (Han text). */
static bool han_adjacent(const struct xdoc *x, size_t a, size_t b)
{
	/* "X对Y表示", "X就Y指出": a phrase of a preposition between */
	static const char *const preps[] = { "对", "對", "就", "向", "同", "与", "與", "在", "为", "為", "首先对",
		                             "首先對", "还对", "還對", "也对", "也對", NULL };
	for (int k = 0; preps[k] && b - a <= 150; k++) {
		size_t l = strlen(preps[k]);
		if (a + l <= b && memcmp(x->text + a, preps[k], l) == 0) {
			/* "X对Y在担任…期间，积极推动…表示赞赏": a 对 phrase may hold
			 * commas */
			bool dui = strstr(preps[k], "对") || strstr(preps[k], "對");
			bool clean = true;
			for (size_t i = a; i + 3 <= b && clean; i++)
				clean = (dui || (memcmp(x->text + i, "，", 3) != 0 && x->text[i] != ','))
				        && memcmp(x->text + i, "。", 3) != 0 && memcmp(x->text + i, "；", 3) != 0;
			if (clean)
				return true;
		}
	}
	if (b - a > 24)
		return false;
	for (size_t i = a; i < b;) {
		if (x->text[i] == ' ') {
			i++;
			continue;
		}
		/* an adverb hit starting here */
		bool adv = false;
		for (size_t h = x_hits_from(x, i); h < x->n_hits && !adv; h++) {
			const struct lex_hit *hh = &x->hits[h];
			if (hh->start > i)
				break;
			if (hh->start == i && HIT_CLASS(x, hh) == LC_ADVERB && hh->end <= b) {
				i = hh->end;
				adv = true;
			}
		}
		if (!adv) {
			/* "在会谈中", "就…" are allowed when short and without punctuation */
			ucs4_t uc;
			int l = u8_mbtouc(&uc, (const uint8_t *)x->text + i, x->n - i);
			if (l < 1 || uc_is_punct(uc) || b - a > 15)
				return false;
			i += (size_t)l;
		}
	}
	return true;
}

/* The words between a subject and its cue do not make it another clause's
 * (a script with spaces): no sentence punctuation but commas around an
 * apposition, and not too far. */
static bool latin_adjacent(const struct xdoc *x, size_t a, size_t b)
{
	if (b < a || b - a > 160)
		return false;
	for (size_t i = a; i < b; i++) {
		char c = x->text[i];
		if (c == ';' || c == ':' || c == '.' || c == '?' || c == '!')
			return false;
	}
	/* "that"/"que"/"что" between: the subject is inside reported content */
	static const char *const comp[] = { " that ", " que ", " qu'", " что ", NULL };
	for (int k = 0; comp[k]; k++) {
		size_t l = strlen(comp[k]);
		for (size_t i = a; i + l <= b; i++)
			if (memcmp(x->text + i, comp[k], l) == 0)
				return false;
	}
	return true;
}

/* Is the ref at r an object ("with X", "X's", "avec X", "с X", "同X")? */
static bool ref_is_object(const struct xdoc *x, const struct xref *r)
{
	const char *s = x->text;
	static const char *const before[] = { "with ", "to ", "by ", "from ", "for ", "of ", "avec ", "à ", "par ",
		                              "de ", "pour ", "с ", "со ", "к ", "от ", "для ", "同", "与", "和", "向",
		                              "对", "跟", "與", "對", "給", NULL };
	for (int k = 0; before[k]; k++) {
		size_t l = strlen(before[k]);
		if (r->start >= l && memcmp(s + r->start - l, before[k], l) == 0)
			return true;
	}
	if (r->end + 2 <= x->n && (memcmp(s + r->end, "'s", 2) == 0 || memcmp(s + r->end, "’s", 2) == 0))
		return true;
	if (r->end + 4 <= x->n && memcmp(s + r->end, "\xE2\x80\x99s", 4) == 0)
		return true;
	return false;
}

struct turn {
	size_t speaker;            /* who spoke last */
	bool have;
};

/* The speaker a ref stands for (pronouns: the last speaker, or the
 * participants). */
static size_t ref_speaker(struct xdoc *x, const struct xref *r, const struct turn *t)
{
	switch (r->kind) {
	case XR_PRONOUN_SG:
		if (t->have && !x->sp[t->speaker].group)
			return t->speaker;
		/* the last person named before */
		for (size_t i = refs_from(x, r->start); i-- > 0;)
			if (x->refs[i].kind == XR_PERSON || x->refs[i].kind == XR_ROLE)
				return x->refs[i].who;
		return (size_t)-1;
	case XR_PRONOUN_PL:
		/* the group named last in this sentence or the one before
		 * ("The ministers reviewed ... They also discussed"), else the
		 * participants */
		for (size_t i = refs_from(x, r->start); i-- > 0;) {
			size_t s = x_sentence_of(x, r->start), s2 = x_sentence_of(x, x->refs[i].start);
			if (s2 + 1 < s)
				break;
			if (x->refs[i].kind == XR_GROUP && x->refs[i].who != (size_t)-1)
				return x->refs[i].who;
		}
		return x_participants_group(x, NULL, NULL);
	default:
		return r->who;
	}
}

static bool is_person_ref(const struct xdoc *x, const struct xref *r)
{
	return (r->kind == XR_PERSON || r->kind == XR_ROLE || r->kind == XR_SIDE) && r->who != (size_t)-1
	       && !x->sp[r->who].group;
}

static const struct xref *ref_ending(const struct xdoc *x, size_t e)
{
	for (size_t i = 0; i < x->n_refs; i++) {
		if (x->refs[i].start >= e)
			break;
		if (x->refs[i].end == e && is_person_ref(x, &x->refs[i]))
			return &x->refs[i];
	}
	return NULL;
}

/* "X and Y" ending at ref r: the group of both, its start in *start; -1
 * when r stands alone.  "X, Y and Z": of the three. */
static size_t compound(struct xdoc *x, const struct xref *r, size_t *start)
{
	static const char *const conj[] = { " and ", " et ", " и ", " & ", "和", "与", "與", "同", "及", "、", NULL };
	if (!is_person_ref(x, r))
		return (size_t)-1;
	/* "la ministre Joly et le ministre Le Drian": a determiner may stand
	 * between */
	size_t at = r->start;
	static const char *const dets[] = { "le ", "la ", "l'", "l’", "the ", "les ", NULL };
	for (int d = 0; dets[d]; d++) {
		size_t l = strlen(dets[d]);
		if (at >= l && strncasecmp(x->text + at - l, dets[d], l) == 0) {
			at -= l;
			break;
		}
	}
	for (int c = 0; conj[c]; c++) {
		size_t l = strlen(conj[c]);
		if (at < l || memcmp(x->text + at - l, conj[c], l) != 0)
			continue;
		size_t e = at - l;
		/* the determiner of the first one is no part of its ref either */
		for (size_t i = 0; i < x->n_refs; i++) {
			const struct xref *o = &x->refs[i];
			if (o->start >= e)
				break;
			if (o->end == e && is_person_ref(x, o) && o->who != r->who) {
				size_t m[8] = { o->who, r->who }, nm = 2, first = o->start;
				/* more before, separated by commas */
				for (const struct xref *p = o; nm < 8 && first >= 2 && memcmp(x->text + first - 2, ", ", 2) == 0;) {
					p = ref_ending(x, first - 2);
					if (!p)
						break;
					bool have = false;
					for (size_t k = 0; k < nm; k++)
						have = have || m[k] == p->who;
					if (!have)
						m[nm++] = p->who;
					first = p->start;
				}
				char label[256];
				snprintf(label, sizeof(label), "%.*s", (int)(r->end - first), x->text + first);
				size_t g = x_group_of(x, m, nm, label);
				*start = first;
				if (g != (size_t)-1)
					x->sp[g].named = true;
				return g;
			}
		}
	}
	return (size_t)-1;
}

/* The participants named in [a, b), as a group when two or more. */
static size_t people_in(struct xdoc *x, size_t a, size_t b)
{
	size_t m[16], n = 0;
	for (size_t i = refs_from(x, a); i < x->n_refs && x->refs[i].start < b; i++) {
		const struct xref *r = &x->refs[i];
		if (!is_person_ref(x, r) || !x->sp[r->who].participant)
			continue;
		bool have = false;
		for (size_t k = 0; k < n; k++)
			have = have || m[k] == r->who;
		if (!have && n < 16)
			m[n++] = r->who;
	}
	return n >= 2 ? x_group_of(x, m, n, "the participants") : (size_t)-1;
}

/* The subject of cue c in the sentence [sa, se), after byte from: its
 * speaker, or -1. */
static size_t subject_of(struct xdoc *x, const struct lex_hit *c, size_t sa, size_t se, size_t from,
                         const struct turn *t, size_t *subj_start)
{
	bool han = x_is_han_at(x->text, x->n, c->start);
	*subj_start = c->start;
	if (HIT_CLASS(x, c) == LC_CUE_PRON) {
		if (!t->have)
			return (size_t)-1;
		*subj_start = c->start;
		return t->speaker;
	}
	/* the nearest ref before the cue */
	const struct xref *best = NULL;
	size_t first_person = (size_t)-1, persons = 0;
	for (size_t i = refs_from(x, from); i < x->n_refs && x->refs[i].start < c->start; i++) {
		const struct xref *r = &x->refs[i];
		if (r->end > c->start || r->start < sa)
			continue;
		if (r->kind == XR_PERSON || r->kind == XR_ROLE || r->kind == XR_SIDE) {
			if (first_person == (size_t)-1 || r->who != first_person)
				persons++;
			if (first_person == (size_t)-1)
				first_person = r->who;
		}
		if (!ref_is_object(x, r) || (is_joint(x, c) && r->kind != XR_PRONOUN_SG))
			best = r;
	}
	(void)persons;
	(void)first_person;
	/* "双方就…交换意见": 就 is a cue only right after its subject */
	if (han && best && c->end - c->start == 3 && memcmp(x->text + c->start, "就", 3) == 0
	    && (ref_is_object(x, best) || c->start - best->end > 6))
		return (size_t)-1;
	if (best) {
		bool near = han ? han_adjacent(x, best->end, c->start) : latin_adjacent(x, best->end, c->start);
		if (near) {
			*subj_start = best->start;
			size_t who = ref_speaker(x, best, t);
			size_t both = compound(x, best, subj_start);
			if (both != (size_t)-1)
				return both;
			if (best->kind == XR_GROUP && who != (size_t)-1)
				x_group_form_used(x, who, best->start, best->end);
			/* people together discussing: the group of those the
			 * sentence names */
			if (is_joint(x, c) && who != (size_t)-1 && !x->sp[who].group) {
				size_t g = people_in(x, sa, se);
				if (g != (size_t)-1)
					return g;
			}
			return who;
		}
	}
	/* Chinese: a clause with no subject of its own has the sentence's
	 * ("王毅应约同法比尤斯通电话，重点就伊拉克局势交换意见"): its first
	 * ref, when what stands between is its objects */
	if (han && is_joint(x, c)) {
		const struct xref *subj = NULL;
		bool clear = true;
		for (size_t i = refs_from(x, sa); i < x->n_refs && x->refs[i].start < c->start && clear; i++) {
			const struct xref *r = &x->refs[i];
			if (r->end > c->start)
				break;
			if (!subj) {
				if (ref_is_object(x, r) || r->kind == XR_PRONOUN_SG || r->kind == XR_PRONOUN_PL)
					break;
				subj = r;
			} else if (!ref_is_object(x, r) && r->who != subj->who) {
				clear = false;
			}
		}
		/* within the sentence's first clauses: no full stop or
		 * semicolon between */
		for (size_t i = subj ? subj->end : c->start; subj && clear && i + 3 <= c->start; i++)
			clear = memcmp(x->text + i, "；", 3) != 0 && memcmp(x->text + i, "。", 3) != 0;
		if (subj && clear) {
			*subj_start = subj->start;
			size_t who = ref_speaker(x, subj, t);
			if (is_joint(x, c) && who != (size_t)-1 && !x->sp[who].group) {
				size_t g = people_in(x, sa, c->start);
				if (g != (size_t)-1)
					return g;
			}
			return who;
		}
	}
	/* an inverted subject right after the cue: "said Lavrov", "— заявил
	 * министр"; never in Chinese, where what follows is content ("称双方…"),
	 * nor when the name goes on with words of the clause ("and briefed
	 * Foreign Minister Colonna on his visit": the one briefed, not who
	 * briefed): a subject so placed ends its clause */
	for (size_t i = refs_from(x, c->end); !han && i < x->n_refs && x->refs[i].start < se; i++) {
		const struct xref *r = &x->refs[i];
		if (r->start - c->end > 12)
			break;
		size_t after = r->end;
		while (after < se && x->text[after] == ' ')
			after++;
		bool ends = after >= se || strchr(".,;:!?\")", x->text[after])
		            || (after + 2 <= se && memcmp(x->text + after, "»", 2) == 0)
		            || (after + 3 <= se && (memcmp(x->text + after, "—", 3) == 0 || memcmp(x->text + after, "”", 3) == 0));
		if (!ends)
			break;
		if (x_blank(x->text, c->end, r->start) || (r->start - c->end <= 8 && !han)) {
			*subj_start = c->start;
			return ref_speaker(x, r, t);
		}
		break;
	}
	return (size_t)-1;
}

/* Does a country side ("中方", "the Chinese side") stand at a? */
static bool side_subject(const struct xdoc *x, size_t a)
{
	size_t i = refs_from(x, a);
	return i < x->n_refs && x->refs[i].start == a && x->refs[i].kind == XR_SIDE;
}

/* a cue inside a word that is none ("请" in "邀请", "就" in "就任") */
/* A cue that is part of the meeting's kind ("spoke" of "spoke with",
 * "se sont entretenus" of "... par téléphone") with nothing after that
 * kind in its sentence (to se) of what was talked about ("about", "sur
 * la"): the sentence only says who met or called whom, and is no
 * position (the annotation guidelines). */
static bool kind_only(const struct xdoc *x, const struct lex_hit *c, size_t se)
{
	size_t kind_end = 0;
	for (size_t h = x_hits_from(x, c->start >= 64 ? c->start - 64 : 0); h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start > c->start)
			break;
		if (HIT_CLASS(x, hh) == LC_KIND && hh->end >= c->end && hh->end > kind_end)
			kind_end = hh->end;
	}
	if (!kind_end)
		return false;
	for (size_t h = x_hits_from(x, kind_end); h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= se)
			break;
		if (HIT_CLASS(x, hh) == LC_ABOUT)
			return false;
	}
	return true;
}

static bool in_not_cue(const struct xdoc *x, const struct lex_hit *c)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start > c->start)
			break;
		if (hh->end > c->start && HIT_CLASS(x, hh) == LC_NOT_CUE && hh->end >= c->end)
			return true;
	}
	return false;
}

/* Han text: a cue followed by its comma or colon ("表示，"), and nothing
 * but content to b (no semicolon) */
static bool han_content(const struct xdoc *x, const struct lex_hit *cue, size_t b)
{
	if (!x_is_han_at(x->text, x->n, cue->start))
		return false;
	size_t e = cue->end;
	if (e + 3 <= x->n && memcmp(x->text + e, "了", 3) == 0)
		e += 3;
	if (e + 3 > x->n || (memcmp(x->text + e, "，", 3) != 0 && memcmp(x->text + e, "：", 3) != 0))
		return false;
	for (size_t i = e; i + 3 <= b; i++)
		if (memcmp(x->text + i, "；", 3) == 0)
			return false;
	return true;
}

/* A clause boundary in [a, b): where a second speaker's clause starts, or
 * (size_t)-1. */
static size_t clause_start(const struct xdoc *x, size_t a, size_t b)
{
	size_t found = (size_t)-1;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= b)
			break;
		if (hh->start >= a && HIT_CLASS(x, hh) == LC_CLAUSE)
			found = hh->start;
	}
	return found;
}

static const char *stance_of(struct xdoc *x, const struct lex_hit *cue, size_t a, size_t b)
{
	const char *st = HIT_FORM(x, cue)->value;
	if (*st && strcmp(st, "affirm") != 0)
		return st;
	/* content words after the cue, in order of strength; a word within
	 * a longer one is not read ("against" in "the fight against": the
	 * hits come by start, the longest first) */
	static const char *const order[] = { "oppose", "concern", "propose", "support", NULL };
	int best = -1;
	size_t covered = 0;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start >= b)
			break;
		if (hh->start < cue->end || HIT_CLASS(x, hh) != LC_STANCE)
			continue;
		if (hh->end <= covered)
			continue;
		covered = hh->end;
		for (int k = 0; order[k]; k++)
			if (strcmp(HIT_FORM(x, hh)->value, order[k]) == 0 && (best < 0 || k < best))
				best = k;
	}
	(void)a;
	return best >= 0 ? order[best] : (*st ? st : "affirm");
}

static void add_position_cue(struct xdoc *x, size_t a, size_t b, size_t speaker, const char *stance)
{
	grow(&x->pos, &x->cap_pos, x->n_pos + 1, sizeof(*x->pos));
	struct xposition *p = &x->pos[x->n_pos++];
	memset(p, 0, sizeof(*p));
	p->start = a;
	p->end = b;
	p->speaker = speaker;
	p->stance = stance;
	p->cue = ":";
	x->sp[speaker].speaks = true;
}

static void add_position(struct xdoc *x, size_t a, size_t b, size_t speaker, const struct lex_hit *cue)
{
	while (b > a && isspace((unsigned char)x->text[b - 1]))
		b--;
	while (a < b && isspace((unsigned char)x->text[a]))
		a++;
	if (a >= b)
		return;
	add_position_cue(x, a, b, speaker, stance_of(x, cue, a, b));
	struct xposition *p = &x->pos[x->n_pos - 1];
	p->cue = HIT_FORM(x, cue)->form;
	if (cue->start >= a && cue->end <= b) {
		p->cue_at = cue->start;
		p->cue_end = cue->end;
		p->cue_pron = HIT_CLASS(x, cue) == LC_CUE_PRON;
	}
}

/* Does the sentence start with a speaker of its own (not s) or an
 * impersonal form?  Then it goes on with no statement before it. */
static bool starts_apart(struct xdoc *x, const struct xsent *st, size_t s, const struct turn *t)
{
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start > st->start)
			break;
		if (hh->start == st->start && HIT_CLASS(x, hh) == LC_IMPERSONAL)
			return true;
	}
	size_t i = refs_from(x, st->start);
	if (i < x->n_refs && x->refs[i].start == st->start) {
		size_t who = ref_speaker(x, &x->refs[i], t);
		return who != s && who != (size_t)-1;
	}
	if (strcmp(x->lang, "ru") == 0) {
		/* a passive or reflexive verb first: "Затрагивался также ...",
		 * "Отмечено ...", "Обсуждены ..." say nobody */
		size_t e = st->start;
		while (e < st->end && x->text[e] != ' ' && x->text[e] != ',')
			e++;
		const char *w = x->text + st->start;
		size_t l = e - st->start;
		static const char *const ends[] = { "ся", "сь", "но", "ны", "на", "ено", "ены", NULL };
		for (int k = 0; ends[k]; k++) {
			size_t kl = strlen(ends[k]);
			if (l > kl + 4 && memcmp(w + l - kl, ends[k], kl) == 0)
				return true;
		}
	}
	return false;
}

/* A question and answer ("Question: ...", then "Spokesperson: ..."): the
 * speaker named before the colon opening sentence si, or -1. */
static size_t answer_by(struct xdoc *x, size_t si)
{
	const struct xsent *st = &x->sents[si];
	if (si > 0 && x->sents[si - 1].para == st->para)
		return (size_t)-1; /* a paragraph's first sentence */
	size_t lim = st->start + 48 < st->end ? st->start + 48 : st->end;
	const char *colon = NULL;
	for (size_t i = st->start; i < lim && !colon; i++)
		if (x->text[i] == ':' || (i + 3 <= lim && memcmp(x->text + i, "：", 3) == 0))
			colon = x->text + i;
	if (!colon)
		return (size_t)-1;
	size_t c = (size_t)(colon - x->text);
	/* a person or a role named there */
	for (size_t i = refs_from(x, st->start); i < x->n_refs && x->refs[i].start < c; i++)
		if (x->refs[i].end == c && x->refs[i].start == st->start && is_person_ref(x, &x->refs[i]))
			return x->refs[i].who;
	for (size_t h = 0; h < x->n_hits; h++) {
		const struct lex_hit *hh = &x->hits[h];
		if (hh->start > st->start)
			break;
		if (hh->start == st->start && hh->end == c && HIT_CLASS(x, hh) == LC_TITLE)
			return x_person_titled(x, hh->start, hh->end);
	}
	return (size_t)-1;
}

/* "Question:", "Q:", "问：", "Вопрос:": a question's paragraph */
static bool is_question(const struct xdoc *x, const struct xsent *st)
{
	static const char *const q[] = { "Question:", "Q:", "Question :", "问：", "問：", "记者：", "Вопрос:",
		                          "Question :", NULL };
	for (int k = 0; q[k]; k++) {
		size_t l = strlen(q[k]);
		if (st->start + l <= x->n && memcmp(x->text + st->start, q[k], l) == 0)
			return true;
	}
	return false;
}

void x_positions(struct xdoc *x)
{

	struct turn t = { 0, false };
	long open = -1; /* the position that may go on */
	long answer = -1; /* in an answer: its position, to the next question */
	for (size_t si = 0; si < x->n_sents; si++) {
		const struct xsent *st = &x->sents[si];
		if (is_question(x, st) || (answer >= 0 && si > 0 && x->sents[si - 1].para != st->para
		                                            && answer_by(x, si) != (size_t)-1)) {
			answer = -1;
			open = -1;
		}
		if (answer < 0 && !is_question(x, st)) {
			size_t by = answer_by(x, si);
			if (by != (size_t)-1) {
				/* the whole answer is its speaker's statement */
				add_position_cue(x, st->start, st->end, by, "affirm");
				answer = (long)x->n_pos - 1;
				x->qa = true;
				continue;
			}
		}
		if (answer >= 0) {
			x->pos[answer].end = st->end;
			continue;
		}
		if (open >= 0 && si > 0 && x->sents[si - 1].para != st->para)
			open = -1; /* a statement does not go on into another paragraph */
		/* the cues of the sentence and their subjects */
		size_t from = st->start, pos_start = st->start;
		long cur = -1;
		const struct lex_hit *cur_cue = NULL;
		size_t covered = 0;
		long kind_who = -1; /* who met or called, in a sentence that only says so */
		for (size_t h = x_hits_from(x, st->start); h < x->n_hits; h++) {
			const struct lex_hit *c = &x->hits[h];
			if (c->start >= st->end)
				break;
			enum lex_class cls = HIT_CLASS(x, c);
			if (c->start < st->start || c->start < covered
			    || (cls != LC_CUE && cls != LC_CUE_PRON && cls != LC_CUE_JOINT) || in_not_cue(x, c))
				continue;
			if (kind_only(x, c, st->end)) { /* (its subject: whom "il" then means) */
				size_t ks;
				size_t kw = subject_of(x, c, st->start, st->end, from, &t, &ks);
				if (kind_who < 0 && kw != (size_t)-1)
					kind_who = (long)kw;
				continue;
			}
			covered = c->end;
			size_t subj_start;
			size_t who = subject_of(x, c, st->start, st->end, from, &t, &subj_start);

			if (who == (size_t)-1)
				continue;
			/* Chinese, a statement going on: one who takes no part in the
			 * meeting ("特朗普总统期待着…" in Tillerson's), or the speaker's
			 * side ("中方一贯主张…" in Yang's), is what the speaker says */
			if (cur < 0 && open >= 0 && x_is_han_at(x->text, x->n, c->start)
			    && ((!x->sp[who].group && !x->sp[who].participant)
			        || (who == x->pos[open].speaker && side_subject(x, subj_start))))
				continue;
			if (cur < 0) {
				cur = (long)who;
				cur_cue = c;
			} else if ((size_t)cur != who) {
				/* "杨洁篪表示，当前，中美双方…沟通": after a Han cue and its
				 * comma, the sentence is what was said, to a semicolon */
				if (han_content(x, cur_cue, subj_start))
					continue;
				/* another speaker: split at the clause before its subject */
				size_t cs = clause_start(x, cur_cue->end, subj_start);
				if (cs == (size_t)-1)
					continue; /* inside the first one's statement */
				add_position(x, pos_start, cs, (size_t)cur, cur_cue);
				size_t k = cs;
				while (k < st->end && (x->text[k] == ',' || x->text[k] == ';' || isspace((unsigned char)x->text[k])))
					k++;
				/* "，" and "；" are three bytes */
				if (k + 3 <= st->end && ((unsigned char)x->text[k] == 0xEF))
					k += 3;
				pos_start = k;
				cur = (long)who;
				cur_cue = c;
			}
			from = c->end;
		}
		/* "An FCO spokesperson said:", "The following is attributable to
		 * ...:": a line that introduces, no statement of its own */
		bool intro = x->text[st->end - 1] == ':'
		             || (st->end >= 3 && memcmp(x->text + st->end - 3, "：", 3) == 0);
		if (intro) {
			open = -1;
			continue;
		}
		if (cur >= 0) {
			add_position(x, pos_start, st->end, (size_t)cur, cur_cue);
			t.speaker = (size_t)cur;
			t.have = true;
			open = (long)x->n_pos - 1;
			continue;
		}
		/* who met or called whom: no statement, but who "he" is next */
		if (kind_who >= 0) {
			t.speaker = (size_t)kind_who;
			t.have = true;
			open = -1;
			continue;
		}
		/* no cue: it goes on with the open statement, unless it starts
		 * with another speaker or says nobody */
		if (open >= 0 && !starts_apart(x, st, x->pos[open].speaker, &t))
			x->pos[open].end = st->end;
		else
			open = -1;
	}
	/* topics and agreements of each position */
	for (size_t i = 0; i < x->n_pos; i++) {
		struct xposition *p = &x->pos[i];
		for (size_t h = x_hits_from(x, p->start); h < x->n_hits; h++) {
			const struct lex_hit *hh = &x->hits[h];
			if (hh->start >= p->end)
				break;
			if (HIT_CLASS(x, hh) != LC_TOPIC || x_topic_inside(x, h))
				continue;
			for (size_t k = 0; k < x->n_tp; k++)
				if (strcmp(x->tp[k].id, HIT_FORM(x, hh)->value) == 0) {
					bool have = false;
					for (size_t j = 0; j < p->n_topics; j++)
						have = have || p->topics[j] == k;
					if (!have) {
						p->topics = xrealloc(p->topics, (p->n_topics + 1) * sizeof(size_t));
						p->topics[p->n_topics++] = k;
					}
				}
		}
	}
}
