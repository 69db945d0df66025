/* query.c - resolving query terms and leaving out readouts that cannot
 * match while a corpus loads (see query.h). */
#include "query.h"
#include "diag.h"
#include "fold.h"

#include <stdlib.h>
#include <string.h>

void query_init(struct query *q)
{
	memset(q, 0, sizeof(*q));
	q->prefilter = true;
}

bool query_add_term(struct query *q, enum entity_kind kind, const char *text)
{
	if (q->n_terms == QUERY_MAX_TERMS)
		return false;
	struct query_term *t = &q->terms[q->n_terms++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->text = arena_strdup(&q->arena, text);
	char *f = fold_dup(text, strlen(text));
	t->folded = arena_strdup(&q->arena, f);
	free(f);
	return true;
}

/* Bitmask of the terms whose folded text is the folded s: each distinct
 * label or alias is folded once. */
static uint64_t name_mask(struct query *q, const char *s)
{
	size_t n = strlen(s), i;
	if (strmap_get(&q->folded, s, n, &i))
		return q->masks[i];
	char *f = fold_dup(s, n);
	uint64_t m = 0;
	for (size_t t = 0; t < q->n_terms; t++)
		if (*q->terms[t].folded && strcmp(f, q->terms[t].folded) == 0)
			m |= (uint64_t)1 << t;
	free(f);
	grow(&q->masks, &q->cap_masks, q->n_masks + 1, sizeof(*q->masks));
	q->masks[q->n_masks] = m;
	strmap_put(&q->folded, arena_strndup(&q->arena, s, n), n, q->n_masks, &i);
	q->n_masks++;
	return m;
}

static void record(struct query *q, struct query_term *t, const struct entity *e, bool by_id, bool late)
{
	for (size_t i = 0; i < t->n_cands; i++)
		if (strcmp(t->cands[i].id, e->id) == 0) {
			t->cands[i].by_id |= by_id;
			return;
		}
	grow(&t->cands, &t->cap_cands, t->n_cands + 1, sizeof(*t->cands));
	t->cands[t->n_cands++] = (struct query_cand){ arena_strdup(&q->arena, e->id),
	                                              arena_strdup(&q->arena, e->label), by_id, late };
}

static bool is_cand(const struct query_term *t, const char *id)
{
	for (size_t i = 0; i < t->n_cands; i++)
		if (strcmp(t->cands[i].id, id) == 0)
			return true;
	return false;
}

bool query_keep(const struct readout *r, void *arg)
{
	struct query *q = arg;
	uint64_t kind_mask[ENT_KINDS] = { 0 }, hit = 0;
	for (size_t t = 0; t < q->n_terms; t++)
		kind_mask[q->terms[t].kind] |= (uint64_t)1 << t;
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!kind_mask[k])
			continue;
		for (size_t i = 0; i < r->n_ents[k]; i++) {
			const struct entity *e = &r->ents[k][i];
			size_t idn = strlen(e->id), v;
			bool late = strmap_get(&q->seen[k], e->id, idn, &v) && v != q->n_seen_readouts;
			uint64_t m = name_mask(q, e->label);
			for (size_t a = 0; a < e->n_aliases; a++)
				m |= name_mask(q, e->aliases[a]);
			m &= kind_mask[k];
			for (size_t t = 0; t < q->n_terms; t++) {
				if (!(kind_mask[k] >> t & 1))
					continue;
				struct query_term *qt = &q->terms[t];
				bool by_id = strcmp(e->id, qt->text) == 0;
				if (by_id || (!qt->id_only && (m >> t & 1)))
					record(q, qt, e, by_id, late);
				if (is_cand(qt, e->id))
					hit |= (uint64_t)1 << t;
			}
			if (!late && !strmap_get(&q->seen[k], e->id, idn, &v))
				strmap_put(&q->seen[k], arena_strndup(&q->arena, e->id, idn), idn,
				           q->n_seen_readouts, &v);
		}
	}
	q->n_seen_readouts++;
	if (!q->prefilter)
		return true;
	for (int k = 0; k < ENT_KINDS; k++)
		if (kind_mask[k] && !(hit & kind_mask[k]))
			return false;
	return filter_readout_meta(&q->filter, r);
}

static void append(char **s, const char *fmt, const char *a, const char *b)
{
	char *n = xasprintf(fmt, *s, a, b);
	free(*s);
	*s = n;
}

enum query_resolved query_resolve(struct query *q, const struct facets *fa, char **err)
{
	*err = NULL;
	bool reload = false;
	for (size_t ti = 0; ti < q->n_terms; ti++) {
		struct query_term *t = &q->terms[ti];
		const char *kind = entity_kind_names[t->kind];
		const char *id = NULL;
		for (size_t i = 0; i < t->n_cands && !id; i++)
			if (t->cands[i].by_id)
				id = t->cands[i].id;
		if (!id && t->n_cands == 1) {
			id = t->cands[0].id;
			reload |= q->prefilter && t->cands[0].late;
		}
		if (!id && t->n_cands == 0) {
			*err = xasprintf("no %s in the corpus has the id, name or alias '%s'", kind, t->text);
			return QUERY_ERROR;
		}
		if (!id) {
			char *s = xasprintf("'%s' names %zu %ss: use an id:", t->text, t->n_cands, kind);
			for (size_t i = 0; i < t->n_cands && i < 10; i++)
				append(&s, "%s %s (%s)", t->cands[i].id, t->cands[i].label);
			if (t->n_cands > 10)
				append(&s, "%s%s%s", " ...", "");
			*err = s;
			return QUERY_ERROR;
		}
		long gi = facets_find(fa, t->kind, id);
		/* an entity only in readouts left out matches nothing here */
		idset_add(&q->filter.ents[t->kind], gi >= 0 ? (uint32_t)gi : UINT32_MAX);
		t->bound = id;
	}
	return reload ? QUERY_RELOAD : QUERY_OK;
}

void query_rebind(struct query *q)
{
	for (size_t ti = 0; ti < q->n_terms; ti++) {
		struct query_term *t = &q->terms[ti];
		if (t->bound)
			t->text = t->bound;
		t->id_only = true;
		t->bound = NULL;
		t->n_cands = 0;
	}
	for (int k = 0; k < ENT_KINDS; k++) {
		free(q->filter.ents[k].v);
		free(q->filter.ents[k].bits);
		memset(&q->filter.ents[k], 0, sizeof(q->filter.ents[k]));
		strmap_clear(&q->seen[k]);
	}
	q->n_seen_readouts = 0;
}

void query_free(struct query *q)
{
	filter_clear(&q->filter);
	for (size_t t = 0; t < q->n_terms; t++)
		free(q->terms[t].cands);
	strmap_clear(&q->folded);
	for (int k = 0; k < ENT_KINDS; k++)
		strmap_clear(&q->seen[k]);
	free(q->masks);
	arena_free(&q->arena);
	memset(q, 0, sizeof(*q));
}
