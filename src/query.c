/* query.c - resolving query terms and leaving out readouts that cannot
 * match while a corpus loads (see query.h). */
#include "query.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

void query_init(struct query *q)
{
	memset(q, 0, sizeof(*q));
	q->prefilter = true;
}

enum query_term_added query_add_term(struct query *q, enum entity_kind kind, const char *text)
{
	if (!text[strspn(text, " \t\n\r\f\v")])
		return QUERY_TERM_BLANK;
	if (q->n_terms == QUERY_MAX_TERMS)
		return QUERY_TERM_FULL;
	struct query_term *t = &q->terms[q->n_terms++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->text = arena_strdup(&q->arena, text);
	name_term_init(&t->name, text);
	return QUERY_TERM_ADDED;
}

/* The fit of every term to name s (a label or alias): each distinct name
 * is looked at once.  *name gets the query's copy of s. */
static size_t name_fits(struct query *q, const char *s, const char **name)
{
	size_t n = strlen(s), i;
	if (strmap_get(&q->names, s, n, &i)) {
		*name = q->fit_names[i];
		return i;
	}
	grow(&q->fits, &q->cap_fits, (q->n_fits + 1) * q->n_terms, 1);
	grow(&q->fit_names, &q->cap_fit_names, q->n_fits + 1, sizeof(*q->fit_names));
	unsigned char *f = q->fits + q->n_fits * q->n_terms;
	for (size_t t = 0; t < q->n_terms; t++)
		f[t] = (unsigned char)name_fit(&q->terms[t].name, s);
	*name = q->fit_names[q->n_fits] = arena_strndup(&q->arena, s, n);
	strmap_put(&q->names, *name, n, q->n_fits, &i);
	return q->n_fits++;
}

/* The record of entity id e->id of kind k (made at its first sight, in
 * readout q->n_seen_readouts). */
static struct query_ent *ent_of(struct query *q, int k, const struct entity *e)
{
	size_t idn = strlen(e->id), at;
	if (strmap_get(&q->seen[k], e->id, idn, &at))
		return &q->ents[k][at];
	at = q->n_ents[k];
	grow(&q->ents[k], &q->cap_ents[k], at + 1, sizeof(*q->ents[k]));
	struct query_ent *x = &q->ents[k][at];
	memset(x, 0, sizeof(*x));
	x->first = q->n_seen_readouts;
	x->fits = arena_alloc(&q->arena, q->n_terms);
	strmap_put(&q->seen[k], arena_strndup(&q->arena, e->id, idn), idn, at, &at);
	q->n_ents[k]++;
	return x;
}

/* The fit of every term to e's id, label and aliases as names, the best of
 * them (name_fit_entity's rule): kept with its id's record, and looked at
 * again only when this readout names the entity otherwise than the last
 * one did (a translation, an alias more or less). */
static const unsigned char *ent_fits(struct query *q, struct query_ent *x, const struct entity *e)
{
	bool same = x->label && x->n_aliases == e->n_aliases && strcmp(x->label, e->label) == 0;
	for (size_t a = 0; same && a < e->n_aliases; a++)
		same = strcmp(x->aliases[a], e->aliases[a]) == 0;
	if (same)
		return x->fits;
	size_t i = name_fits(q, e->label, &x->label);
	memcpy(x->fits, q->fits + i * q->n_terms, q->n_terms);
	if (e->n_aliases > x->cap_aliases) {
		x->aliases = arena_alloc(&q->arena, e->n_aliases * sizeof(*x->aliases));
		x->cap_aliases = e->n_aliases;
	}
	x->n_aliases = e->n_aliases;
	for (size_t a = 0; a < e->n_aliases; a++) {
		size_t ai = name_fits(q, e->aliases[a], &x->aliases[a]); /* (may move q->fits) */
		const unsigned char *af = q->fits + ai * q->n_terms;
		for (size_t t = 0; t < q->n_terms; t++)
			if (af[t] > x->fits[t])
				x->fits[t] = af[t];
	}
	const char *id_name;
	char *spaced = name_of_id(e->id);
	size_t ii = name_fits(q, spaced, &id_name);
	free(spaced);
	const unsigned char *idf = q->fits + ii * q->n_terms;
	for (size_t t = 0; t < q->n_terms; t++) {
		unsigned char f = (unsigned char)name_fit_as_id((enum name_fit)idf[t]);
		if (f > x->fits[t])
			x->fits[t] = f;
	}
	return x->fits;
}

/* Candidate i of term t is new, or fits it better than it did: the
 * candidates name_choose would choose among (a fit only grows: one
 * counted among the best is counted again only when the best grows). */
static void rank(struct query_term *t, size_t i)
{
	const struct query_cand *c = &t->cands[i];
	if (c->fit > t->best) {
		t->best = c->fit;
		t->n_persons = t->n_groups = 0;
	} else if (c->fit < t->best) {
		return;
	}
	if (c->group) {
		t->n_groups++;
		t->group = i;
	} else {
		t->n_persons++;
		t->person = i;
	}
}

/* The candidate term t resolves to so far (name_choose's rule: the one of
 * the best fit, a person before groups), or -1: none, or two equal. */
static long leader(const struct query_term *t)
{
	if (t->n_persons)
		return t->n_persons == 1 ? (long)t->person : -1;
	return t->n_groups == 1 ? (long)t->group : -1;
}

static void record_as(struct query *q, struct query_term *t, const char *id, const char *label, bool group,
                      enum name_fit fit, bool late)
{
	if (fit == NAME_ID)
		t->id_seen = true;
	for (size_t i = 0; i < t->n_cands; i++)
		if (strcmp(t->cands[i].id, id) == 0) {
			if (fit > t->cands[i].fit) {
				t->cands[i].fit = fit;
				rank(t, i);
			}
			return;
		}
	grow(&t->cands, &t->cap_cands, t->n_cands + 1, sizeof(*t->cands));
	t->cands[t->n_cands++] = (struct query_cand){ arena_strdup(&q->arena, id), arena_strdup(&q->arena, label),
	                                              fit, group, late, false };
	rank(t, t->n_cands - 1);
}

static void record(struct query *q, struct query_term *t, const struct entity *e, enum name_fit fit, bool late)
{
	record_as(q, t, e->id, e->label, e->is_group, fit, late);
}

/* Which of term t's candidates id is, or -1. */
static long cand_of(const struct query_term *t, const char *id)
{
	for (size_t i = 0; i < t->n_cands; i++)
		if (strcmp(t->cands[i].id, id) == 0)
			return (long)i;
	return -1;
}

void query_labels(const struct query *q, struct facets *fa)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!(q->want_labels >> k & 1))
			continue;
		for (size_t i = 0; i < fa->n[k]; i++) {
			struct facet *fc = &fa->v[k][i];
			long at = names_index_find(&q->noted, (enum entity_kind)k, fc->id);
			if (at < 0)
				continue;
			const char *l = facet_names_choose(q->noted.v[k][at].v, q->noted.v[k][at].n, fa->lang);
			if (l)
				fc->label = l;
		}
	}
}

/* What the hooks recorded of term t goes: its candidates. */
static void term_forget(struct query_term *t)
{
	t->n_cands = t->n_persons = t->n_groups = 0;
	t->id_seen = false;
	t->best = NAME_NONE;
}

/* name_choose among term t's candidates: *v (malloc'd) as it leaves
 * them, each's index that of t->cands. */
static long choose(const struct query_term *t, struct name_cand **v, size_t *n_best)
{
	*v = xcalloc(t->n_cands + 1, sizeof(**v));
	for (size_t i = 0; i < t->n_cands; i++)
		(*v)[i] = (struct name_cand){ t->cands[i].id, t->cands[i].label, t->cands[i].fit, t->cands[i].group, i };
	return name_choose(*v, t->n_cands, n_best);
}

/* A candidate of a term by the names table: how it fits, and where and
 * as what the keep hook would first have met it (names_seen). */
struct table_cand {
	size_t ent;
	enum name_fit fit;
	uint64_t at;
	bool group;
};

static int by_at(const void *a, const void *b)
{
	const struct table_cand *x = a, *y = b;
	return (x->at > y->at) - (x->at < y->at);
}

/* Term t's candidates among the entities of its kind in ni, in the order
 * the keep hook would record them (where a name of theirs first fits),
 * each with the fit it would end with (the best of all its names, and
 * of its id: name_fit_id) and the flag of the declaration it would
 * record it from; *n of them (malloc'd). */
static struct table_cand *table_cands(const struct names_index *ni, const struct query_term *t, size_t *n)
{
	struct table_cand *v = xmalloc((ni->n[t->kind] + 1) * sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < ni->n[t->kind]; i++) {
		const struct names_ent *x = &ni->v[t->kind][i];
		struct table_cand c = { i, name_fit_id(&t->name, x->id), x->at, x->group };
		bool met = c.fit != NAME_NONE; /* (its id fits each declaration: met at its first) */
		for (size_t j = 0; j < x->n; j++) {
			enum name_fit f = name_fit(&t->name, x->v[j].s);
			if (f == NAME_NONE)
				continue;
			if (f > c.fit)
				c.fit = f;
			if (!met || x->seen[j].at < c.at) {
				c.at = x->seen[j].at;
				c.group = x->seen[j].group;
			}
			met = true;
		}
		if (met)
			v[(*n)++] = c;
	}
	qsort(v, *n, sizeof(*v), by_at);
	return v;
}

bool query_names(const struct names_index *ni, void *arg)
{
	struct query *q = arg;
	if (!q->prefilter || q->names_known)
		return false;
	/* the names what is said of a term, and the labels shown, are told from */
	names_index_clear(&q->noted);
	for (int k = 0; k < ENT_KINDS; k++)
		for (size_t i = 0; i < ni->n[k]; i++) {
			const struct names_ent *x = &ni->v[k][i];
			for (size_t j = 0; j < x->n; j++)
				names_index_give(&q->noted, (enum entity_kind)k, x->id, x->group, &x->v[j]);
		}
	q->names_known = true;
	for (size_t ti = 0; ti < q->n_terms; ti++) {
		struct query_term *t = &q->terms[ti];
		if (t->id_only)
			continue;
		size_t nc;
		struct table_cand *tc = table_cands(ni, t, &nc);
		for (size_t i = 0; i < nc; i++) {
			const struct names_ent *x = &ni->v[t->kind][tc[i].ent];
			const char *label = x->id;
			for (size_t j = 0; j < x->n && label == x->id; j++)
				if (x->v[j].label)
					label = x->v[j].s;
			record_as(q, t, x->id, label, tc[i].group, tc[i].fit, false);
		}
		free(tc);
		size_t n_best;
		struct name_cand *v;
		long at = choose(t, &v, &n_best);
		size_t chosen = at >= 0 ? v[at].index : 0;
		free(v);
		if (at < 0)
			continue; /* (what to say of it: query_resolve, from q->noted) */
		/* bound: its readouts found by id, as after query_rebind */
		t->asked = t->text;
		t->text = t->cands[chosen].id;
		t->id_only = true;
		term_forget(t);
	}
	return true;
}

/* The entity of r with term t's text for its id (of t's kind), or NULL. */
static const struct entity *id_entity(const struct readout *r, const struct query_term *t)
{
	for (size_t i = 0; i < r->n_ents[t->kind]; i++)
		if (strcmp(r->ents[t->kind][i].id, t->text) == 0)
			return &r->ents[t->kind][i];
	return NULL;
}

uint64_t query_look(const struct readout *r, void *arg)
{
	const struct query *q = arg;
	uint64_t ids = 0;
	for (size_t t = 0; t < q->n_terms && t < 63; t++)
		if (id_entity(r, &q->terms[t]))
			ids |= (uint64_t)1 << t;
	return ids;
}

bool query_keep(const struct readout *r, void *arg)
{
	struct query *q = arg;
	uint64_t kind_mask[ENT_KINDS] = { 0 }, hit = 0;
	unsigned terms = 0; /* (the kinds with terms) */
	for (size_t t = 0; t < q->n_terms; t++) {
		kind_mask[q->terms[t].kind] |= (uint64_t)1 << t;
		terms |= 1u << q->terms[t].kind;
	}
	/* (the names of the kinds with terms, only for what to say of a
	 * name, in a load that notes them; the labels to show) */
	if (!q->names_known)
		names_index_note(&q->noted, r, q->want_labels, q->names_pass ? terms : 0);
	/* the kinds whose terms all match ids alone (bound to one, or some
	 * entity has it for its id): an entity's id is all there is to look
	 * at (whether it was seen before matters to a name's fit alone) */
	/* (the bit past the 63rd term is the loader's: with 64 terms, every
	 * entity is looked at, and whether it is declared told from them) */
	bool exact = q->n_terms < 64;
	uint64_t ids = !exact ? ~(uint64_t)0 : r->looked & CORPUS_LOOKED ? r->looked & ~CORPUS_LOOKED : query_look(r, q);
	bool by_id[ENT_KINDS] = { false }, one[ENT_KINDS] = { false };
	for (int k = 0; k < ENT_KINDS; k++) {
		by_id[k] = true;
		one[k] = exact;
		for (size_t t = 0; t < q->n_terms; t++) {
			if (!(kind_mask[k] >> t & 1))
				continue;
			by_id[k] = by_id[k] && (q->terms[t].id_only || q->terms[t].id_seen);
			one[k] = one[k] && q->terms[t].n_cands <= 1;
		}
	}
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!kind_mask[k])
			continue;
		/* (by id: only where it declares an entity with a term's text
		 * for its id, known from query_look) */
		for (size_t t = 0; by_id[k] && t < q->n_terms; t++) {
			const struct entity *e = ((ids & kind_mask[k]) >> t & 1) ? id_entity(r, &q->terms[t]) : NULL;
			if (e)
				record(q, &q->terms[t], e, NAME_ID, false);
		}
		for (size_t i = 0; i < r->n_ents[k] && !by_id[k]; i++) {
			const struct entity *e = &r->ents[k][i];
			struct query_ent *x = ent_of(q, k, e);
			bool late = x->first != q->n_seen_readouts;
			const unsigned char *fits = NULL;
			for (size_t t = 0; t < q->n_terms; t++) {
				if (!(kind_mask[k] >> t & 1))
					continue;
				struct query_term *qt = &q->terms[t];
				enum name_fit fit = strcmp(e->id, qt->text) == 0 ? NAME_ID : NAME_NONE;
				/* once some entity has the term for its id, nothing
				 * else can be chosen: names need no looking at */
				if (fit == NAME_NONE && !qt->id_only && !qt->id_seen) {
					if (!fits)
						fits = ent_fits(q, x, e);
					fit = (enum name_fit)fits[t];
				}
				if (fit != NAME_NONE)
					record(q, qt, e, fit, late);
			}
		}
	}
	/* the terms it declares the leader of (each known once every entity
	 * of the readout is recorded), and those it declares another
	 * candidate of */
	uint64_t others = 0;
	for (int k = 0; k < ENT_KINDS; k++) {
		/* by id, each term one candidate at most (the entity with its
		 * text for its id: the leader): declared where its id is */
		if (by_id[k] && one[k]) {
			for (size_t t = 0; t < q->n_terms; t++)
				if (((ids & kind_mask[k]) >> t & 1) && q->terms[t].n_cands && leader(&q->terms[t]) == 0)
					hit |= (uint64_t)1 << t;
			continue;
		}
		for (size_t i = 0; kind_mask[k] && i < r->n_ents[k]; i++)
			for (size_t t = 0; t < q->n_terms; t++) {
				if (!(kind_mask[k] >> t & 1))
					continue;
				long c = cand_of(&q->terms[t], r->ents[k][i].id);
				if (c >= 0 && c == leader(&q->terms[t]))
					hit |= (uint64_t)1 << t;
				else if (c >= 0)
					others |= (uint64_t)1 << t;
			}
	}
	q->n_seen_readouts++;
	if (q->names_pass || (q->stream && q->stream->mode == QUERY_STREAM_NOTE))
		return false; /* (its names noted, nothing held) */
	if (!q->prefilter)
		return true;
	/* the words of text, when the text is at hand (a readout read from
	 * its file; one from the index cache is looked at by query_may_keep):
	 * one they leave out is left out whatever its names */
	if (!filter_readout_meta(&q->filter, r) || (r->text && !filter_readout_words(&q->filter, r)))
		return false;
	bool names = true;
	for (int k = 0; k < ENT_KINDS; k++)
		names = names && (!kind_mask[k] || (hit & kind_mask[k]));
	if (names)
		return true;
	/* left out for its names: the candidates it declares of the terms
	 * it does not hit may be those they resolve to, and it then missed */
	for (int k = 0; k < ENT_KINDS && (others & ~hit); k++)
		for (size_t i = 0; kind_mask[k] && i < r->n_ents[k]; i++)
			for (size_t t = 0; t < q->n_terms; t++) {
				if (!((kind_mask[k] & others & ~hit) >> t & 1))
					continue;
				long c = cand_of(&q->terms[t], r->ents[k][i].id);
				if (c >= 0)
					q->terms[t].cands[c].missed = true;
			}
	return false;
}

bool query_may_keep(const char *bytes, size_t n, void *arg)
{
	struct query *q = arg;
	return !q->prefilter || filter_words_may_be_in(&q->filter, bytes, n);
}

bool query_may_have(const unsigned char set[32], void *arg)
{
	struct query *q = arg;
	return !q->prefilter || filter_words_may_be_in_set(&q->filter, set);
}

bool query_text_may_hold(const unsigned char set[32], void *arg)
{
	struct query *q = arg;
	return !q->prefilter || filter_any_word_may_be_in_set(&q->filter, set);
}

bool query_text_may_have(const char *bytes, size_t n, void *arg)
{
	struct query *q = arg;
	return !q->prefilter || filter_any_word_may_be_in(&q->filter, bytes, n);
}

bool query_judge(const struct readout *r, const struct judge_hints *hints, unsigned char *verdict, void *arg)
{
	struct query *q = arg;
	return filter_judge(&q->filter, r, hints, verdict) || !q->prefilter;
}

void query_tally(const struct readout *r, const unsigned char *verdict, size_t n, void *arg)
{
	struct query *q = arg;
	if (!filter_readout_meta(&q->filter, r))
		return;
	for (size_t i = 0; i < n; i++)
		q->tally += verdict[i] == JUDGED_YES;
}

void query_take(struct readout *r, const struct corpus *c, void *arg)
{
	struct query_census *k = ((struct query *)arg)->census;
	(void)c;
	facets_tally(&k->fa, r);
	k->readouts++;
	k->positions += r->n_positions;
	for (size_t p = 0; p < r->n_positions; p++)
		k->by_review[r->positions[p].review]++;
	readout_free(r);
}

/* Entity id of kind k chosen in f, as its index in fa: an entity only in
 * readouts left out matches nothing. */
static void choose_ent(struct filter *f, const struct facets *fa, enum entity_kind k, const char *id)
{
	long gi = facets_find(fa, k, id);
	idset_add(&f->ents[k], gi >= 0 ? (uint32_t)gi : UINT32_MAX);
}

/* Can positions be handed on as they come: every readout's names known
 * (the labels), every term bound to an id? */
static bool stream_ready(const struct query *q)
{
	if (!q->prefilter || !q->names_known || q->names_pass)
		return false;
	for (size_t t = 0; t < q->n_terms; t++)
		if (!q->terms[t].id_only)
			return false;
	return true;
}

/* The stream's mode for this load, on its first readout (or before, for
 * a load that notes names for the cache: noting). */
static void stream_mode(struct query *q, bool noting)
{
	struct query_stream *s = q->stream;
	s->mode = stream_ready(q)       ? QUERY_STREAM_LIVE
	          : noting && !s->noted ? QUERY_STREAM_NOTE
	                                : QUERY_STREAM_HOLD;
	if (s->mode == QUERY_STREAM_HOLD)
		corpus_init(&s->held);
	s->noted |= s->mode == QUERY_STREAM_NOTE;
}

bool query_stream_noting(void *arg)
{
	struct query *q = arg;
	if (q->stream->mode == QUERY_STREAM_UNKNOWN)
		stream_mode(q, true);
	return q->stream->mode == QUERY_STREAM_NOTE;
}

void query_stream_take(struct readout *r, const struct corpus *c, void *arg)
{
	struct query *q = arg;
	struct query_stream *s = q->stream;
	if (s->mode == QUERY_STREAM_UNKNOWN)
		stream_mode(q, c->noting != NULL);
	if (s->mode == QUERY_STREAM_HOLD) {
		corpus_append(&s->held, r);
		return;
	}
	if (s->mode == QUERY_STREAM_NOTE) {
		readout_free(r);
		return;
	}
	/* readouts come in corpus order, its place in it its file's index
	 * and its line: after a restart, one at or before the last taken
	 * was handed on already (whether or not this load, which may leave
	 * out others, takes each one again) */
	if (s->restarted && s->any_taken
	    && (r->file < s->last_file || (r->file == s->last_file && r->line <= s->last_line))) {
		s->passed++;
		readout_free(r);
		return;
	}
	s->any_taken = true;
	s->last_file = r->file;
	s->last_line = r->line;
	/* a corpus of it alone, its file the load's (its text read back from
	 * there when wanted), filtered as the whole corpus would be: the
	 * terms' ids among its facets, the labels the corpus's */
	struct corpus one;
	corpus_init(&one);
	one.files = c->files;
	one.n_files = c->n_files;
	corpus_append(&one, r);
	struct facets fa;
	facets_init(&fa, s->lang);
	facets_add_readout(&fa, &one, 0);
	query_labels(q, &fa);
	struct filter f = q->filter;
	memset(f.ents, 0, sizeof(f.ents));
	for (size_t t = 0; t < q->n_terms; t++)
		choose_ent(&f, &fa, q->terms[t].kind, q->terms[t].text);
	/* (what judge decided, it decided for this filter) */
	one.words_judged_for = c->words_judged_for == &q->filter ? (const void *)&f : NULL;
	struct match *m;
	size_t n = filter_matches(&f, &one, &fa, &m);
	if (s->emit && (n || s->every))
		s->emit(&one, &fa, &f, m, n, s->arg);
	s->readouts += n > 0;
	s->matched += n;
	free(m);
	for (int k = 0; k < ENT_KINDS; k++) {
		free(f.ents[k].v);
		free(f.ents[k].bits);
	}
	facets_free(&fa);
	one.files = NULL; /* (the load's) */
	one.n_files = 0;
	corpus_free(&one);
}

void query_stream_restart(void *arg)
{
	struct query *q = arg;
	struct query_stream *s = q->stream;
	if (s->mode != QUERY_STREAM_LIVE) {
		if (s->mode == QUERY_STREAM_HOLD)
			corpus_free(&s->held);
		s->noted &= s->mode != QUERY_STREAM_NOTE; /* (the load that notes them is this one still) */
		s->mode = QUERY_STREAM_UNKNOWN;
		query_restart(q);
		return;
	}
	/* the readouts come again from the first: those handed on are
	 * passed over; the terms stay bound, the labels noted */
	s->restarted = true;
	for (size_t ti = 0; ti < q->n_terms; ti++)
		term_forget(&q->terms[ti]);
	q->n_seen_readouts = 0;
}

enum query_stream_end query_stream_end(struct query *q, struct corpus *c)
{
	struct query_stream *s = q->stream;
	enum query_stream_mode mode = s->mode;
	s->mode = QUERY_STREAM_UNKNOWN;
	if (mode == QUERY_STREAM_LIVE)
		return QUERY_STREAMED;
	if (mode == QUERY_STREAM_NOTE)
		return QUERY_AGAIN;
	if (mode == QUERY_STREAM_UNKNOWN) /* (no readout came) */
		corpus_init(&s->held);
	/* (the load's stubs for those taken go: they are held) */
	size_t let_go = c->n_dropped + c->n_let_go - s->held.n_readouts;
	corpus_take_loaded(&s->held, c);
	*c = s->held;
	c->n_let_go = let_go;
	memset(&s->held, 0, sizeof(s->held));
	return QUERY_HELD;
}

bool query_tallies(const struct query *q)
{
	return q->count_only && !q->n_terms;
}

bool query_reads_heads(const struct query *q)
{
	return q->n_terms || q->want_labels || filter_reads_heads(&q->filter);
}

/* names_unknown of term t among the names the hook noted (note_names):
 * each id of its kind a facet, in the order they were first seen (the
 * corpus's, as facets_build's), shown by the label the facets' rule
 * chooses. */
static char *unknown(const struct query *q, const struct corpus *c, const struct facets *fa,
                     const struct query_term *t)
{
	enum entity_kind k = t->kind;
	struct facets seen;
	memset(&seen, 0, sizeof(seen));
	seen.n[k] = q->noted.n[k];
	seen.v[k] = xcalloc(seen.n[k] + 1, sizeof(struct facet));
	for (size_t i = 0; i < seen.n[k]; i++) {
		const struct names_ent *nm = &q->noted.v[k][i];
		const char *label = facet_names_choose(nm->v, nm->n, fa->lang);
		seen.v[k][i] = (struct facet){ .id = nm->id, .label = label ? label : nm->id, .names = nm->v,
			                       .n_names = nm->n, .label_name = SIZE_MAX, .kind = k };
	}
	char *s = names_unknown(c, &seen, k, t->text);
	free(seen.v[k]);
	return s;
}

enum query_resolved query_resolve(struct query *q, const struct corpus *c, const struct facets *fa, char **err)
{
	*err = NULL;
	bool reload = false;
	/* (every readout's names noted, by this load or before it) */
	bool noted_all = q->names_pass || q->names_known;
	for (size_t ti = 0; ti < q->n_terms; ti++) {
		struct query_term *t = &q->terms[ti];
		size_t n_best;
		struct name_cand *v;
		long at = choose(t, &v, &n_best);
		if (at < 0 && q->prefilter && !noted_all) {
			/* a name that fits nothing, or two: what to say of it is
			 * told from every readout's names, which a load that
			 * leaves readouts out does not note */
			free(v);
			return QUERY_NAMES;
		}
		if (at == -2) {
			free(v);
			/* the names nearest to it: of every readout the hook saw
			 * (noted by a load that held none), or the corpus's, all
			 * kept */
			*err = noted_all ? unknown(q, c, fa, t) : names_unknown(c, fa, t->kind, t->text);
			return QUERY_ERROR;
		}
		if (at == -1) {
			/* each named as the output names it: the corpus's label,
			 * from the names noted or the corpus's facets */
			for (size_t i = 0; i < n_best; i++) {
				const char *l = NULL;
				long at = noted_all ? names_index_find(&q->noted, t->kind, v[i].id) : -1;
				if (at >= 0)
					l = facet_names_choose(q->noted.v[t->kind][at].v, q->noted.v[t->kind][at].n, fa->lang);
				long gi = noted_all ? -1 : facets_find(fa, t->kind, v[i].id);
				if (gi >= 0)
					l = fa->v[t->kind][gi].label;
				if (l)
					v[i].label = l;
			}
			*err = names_ambiguous(t->kind, t->text, v, n_best);
			free(v);
			return QUERY_ERROR;
		}
		const struct query_cand *chosen = &t->cands[v[at].index];
		free(v);
		reload |= q->prefilter && ((chosen->late && chosen->fit != NAME_ID) || chosen->missed);
		choose_ent(&q->filter, fa, t->kind, chosen->id);
		t->bound = chosen->id;
	}
	/* (a load that noted names held nothing: should the names resolve
	 * now, the files having changed, they are loaded again) */
	return reload || q->names_pass ? QUERY_RELOAD : QUERY_OK;
}

/* What the hook recorded goes, for a second load. */
void query_forget(void *arg)
{
	struct query *q = arg;
	for (size_t ti = 0; ti < q->n_terms; ti++)
		term_forget(&q->terms[ti]);
	for (int k = 0; k < ENT_KINDS; k++) {
		free(q->filter.ents[k].v);
		free(q->filter.ents[k].bits);
		memset(&q->filter.ents[k], 0, sizeof(q->filter.ents[k]));
		strmap_clear(&q->seen[k]);
		q->n_ents[k] = 0;
	}
	names_index_clear(&q->noted);
	q->n_seen_readouts = 0;
	q->tally = 0;
	if (q->census) { /* (counted again) */
		char lang[sizeof(q->census->fa.lang)];
		memcpy(lang, q->census->fa.lang, sizeof(lang));
		facets_free(&q->census->fa);
		memset(q->census, 0, sizeof(*q->census));
		facets_init(&q->census->fa, lang);
	}
}

void query_restart(void *arg)
{
	struct query *q = arg;
	for (size_t ti = 0; ti < q->n_terms && q->names_known; ti++)
		if (q->terms[ti].asked) {
			q->terms[ti].text = q->terms[ti].asked;
			q->terms[ti].asked = NULL;
			q->terms[ti].id_only = false;
		}
	q->names_known = false;
	query_forget(q);
}

void query_rebind(struct query *q)
{
	q->names_pass = false;
	for (size_t ti = 0; ti < q->n_terms; ti++) {
		struct query_term *t = &q->terms[ti];
		if (t->bound)
			t->text = t->bound;
		t->id_only = true;
		t->bound = NULL;
	}
	query_forget(q);
}

void query_note_names(struct query *q)
{
	query_forget(q);
	q->names_pass = true;
}

void query_load_all(struct query *q)
{
	q->prefilter = false;
	for (size_t ti = 0; ti < q->n_terms; ti++)
		q->terms[ti].bound = NULL;
	query_forget(q);
}

void query_free(struct query *q)
{
	filter_clear(&q->filter);
	for (size_t t = 0; t < q->n_terms; t++) {
		free(q->terms[t].cands);
		name_term_free(&q->terms[t].name);
	}
	strmap_clear(&q->names);
	for (int k = 0; k < ENT_KINDS; k++) {
		strmap_clear(&q->seen[k]);
		free(q->ents[k]);
	}
	names_index_free(&q->noted);
	free(q->fits);
	free(q->fit_names);
	arena_free(&q->arena);
	memset(q, 0, sizeof(*q));
}
