/* edit.c - edits, undo and redo (see edit.h). */
#include "edit.h"
#include "arena.h"
#include "ids.h"
#include "mem.h"
#include "strmap.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void history_init(struct history *h, struct corpus *c, struct facets *f, const char *user)
{
	memset(h, 0, sizeof(*h));
	h->c = c;
	h->f = f;
	h->user = user;
	h->n_touched = c->n_readouts;
	h->touched = xcalloc(c->n_readouts + 1, sizeof(bool));
}

void history_grow(struct history *h)
{
	if (h->c->n_readouts <= h->n_touched)
		return;
	h->touched = xrealloc(h->touched, h->c->n_readouts + 1);
	memset(h->touched + h->n_touched, 0, h->c->n_readouts + 1 - h->n_touched);
	h->n_touched = h->c->n_readouts;
}

void history_free(struct history *h)
{
	free(h->v);
	free(h->touched);
	strmap_clear(&h->pid_map);
	memset(h, 0, sizeof(*h));
}

void edit_begin(struct history *h)
{
	h->group++;
}

bool readout_span(const struct corpus *c, size_t ri, size_t start, size_t end, struct span *s)
{
	const struct readout *r = &c->readouts[ri];
	const char *text = start <= end && end <= r->text_cps ? corpus_text(c, ri) : NULL;
	if (!text)
		return false;
	struct cpmap m;
	cpmap_init(&m, text, r->text_bytes);
	*s = (struct span){ start, end, cpmap_byte(&m, start), cpmap_byte(&m, end) };
	cpmap_free(&m);
	return true;
}

long readout_position_index(const struct readout *r, const char *id)
{
	for (size_t i = 0; i < r->n_positions; i++)
		if (strcmp(r->positions[i].id, id) == 0)
			return (long)i;
	return -1;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool ids_eq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return na == nb && mem_equal(a, b, na * sizeof(*a));
}

/* Positions by id, for comparing two versions of a readout's array (a
 * readout can have 100k positions: no search of one for each of the other). */
struct pos_index {
	struct strmap map;     /* made at the first look-up that needs it */
	const struct position *v;
	size_t n;
};

static void pos_index_init(struct pos_index *x, const struct position *v, size_t n)
{
	memset(x, 0, sizeof(*x));
	x->v = v;
	x->n = n;
}

/* The position of x with this id, which is usually at index i (an array
 * made from another keeps the order of the others around the one added or
 * deleted), else found by id; NULL when there is none. */
static const struct position *pos_index_find(struct pos_index *x, size_t i, const char *id)
{
	if (i < x->n && (x->v[i].id == id || strcmp(x->v[i].id, id) == 0))
		return &x->v[i];
	if (!x->map.cap)
		for (size_t k = 0; k < x->n; k++)
			strmap_put(&x->map, x->v[k].id, strlen(x->v[k].id), k, NULL);
	size_t k;
	return strmap_get(&x->map, id, strlen(id), &k) ? &x->v[k] : NULL;
}

/* Tell the listener what changed when the positions array went from
 * (a, na) to (b, nb). */
static void announce_arrays(struct history *h, size_t ri, const struct position *a, size_t na,
                            const struct position *b, size_t nb)
{
	if (!h->listen.position)
		return;
	struct pos_index ia, ib;
	pos_index_init(&ia, a, na);
	pos_index_init(&ib, b, nb);
	for (size_t i = 0; i < na; i++)
		if (!pos_index_find(&ib, i, a[i].id))
			h->listen.position(h->listen.ctx, h->c, ri, a[i].id, NULL, &a[i]);
	for (size_t i = 0; i < nb; i++) {
		const struct position *old = pos_index_find(&ia, i, b[i].id);
		if (!old || !position_eq(old, &b[i]))
			h->listen.position(h->listen.ctx, h->c, ri, b[i].id, &b[i], old);
	}
	strmap_clear(&ia.map);
	strmap_clear(&ib.map);
}

/* The first position of (v, n) whose id is not in (from, nfrom), or -1. */
static long first_new(const struct position *v, size_t n, const struct position *from, size_t nfrom)
{
	struct pos_index x;
	pos_index_init(&x, from, nfrom);
	long found = -1;
	for (size_t i = 0; i < n && found < 0; i++)
		if (!pos_index_find(&x, i, v[i].id))
			found = (long)i;
	strmap_clear(&x.map);
	return found;
}

/* Makes an edit take effect in the direction given. */
static void apply(struct history *h, const struct edit *e, bool forward)
{
	struct readout *r = &h->c->readouts[e->readout];
	/* the facet counts follow: this readout's out, then back in */
	if (h->f)
		facets_count_positions(h->f, h->c, e->readout, -1);
	switch (e->kind) {
	case EDIT_POSITION: {
		const struct position *p = forward ? &e->after : &e->before;
		r->positions[e->pi] = *p;
		h->last_pos = (long)e->pi;
		if (h->listen.position)
			h->listen.position(h->listen.ctx, h->c, e->readout, p->id, p, forward ? &e->before : &e->after);
		break;
	}
	case EDIT_POSITIONS: {
		r->positions = forward ? e->arr_after : e->arr_before;
		r->n_positions = forward ? e->n_after : e->n_before;
		/* the position that appeared, if one did */
		h->last_pos = forward ? first_new(r->positions, r->n_positions, e->arr_before, e->n_before)
		                      : first_new(r->positions, r->n_positions, e->arr_after, e->n_after);
		if (forward)
			announce_arrays(h, e->readout, e->arr_before, e->n_before, e->arr_after, e->n_after);
		else
			announce_arrays(h, e->readout, e->arr_after, e->n_after, e->arr_before, e->n_before);
		break;
	}
	case EDIT_ENTITIES: {
		r->ents[e->ek] = forward ? e->ents_after : e->ents_before;
		r->n_ents[e->ek] = forward ? e->ne_after : e->ne_before;
		if (h->listen.entity)
			h->listen.entity(h->listen.ctx, h->c, e->readout, e->ek, &e->ents_after[e->ne_after - 1], forward);
		break;
	}
	}
	if (h->f)
		facets_count_positions(h->f, h->c, e->readout, +1);
	h->touched[e->readout] = true;
}

static void record(struct history *h, const struct edit *e)
{
	h->n = h->cur; /* a new edit drops what could be redone */
	grow(&h->v, &h->cap, h->n + 1, sizeof(*h->v));
	h->v[h->n] = *e;
	h->v[h->n].group = h->group;
	h->n++;
	h->cur = h->n;
	apply(h, e, true);
}

/* Replace position pi of readout ri with *np.  Its `by` stays: it says
 * who made the position (the extractor, an annotator), which a review or
 * an edit does not change. */
static bool change(struct history *h, size_t ri, size_t pi, struct position *np)
{
	struct readout *r = &h->c->readouts[ri];
	if (pi >= r->n_positions)
		return false;
	if (position_eq(np, &r->positions[pi]))
		return false;
	struct edit e = { .kind = EDIT_POSITION, .readout = (uint32_t)ri, .pi = pi,
	                  .before = r->positions[pi], .after = *np };
	record(h, &e);
	return true;
}

bool edit_review(struct history *h, size_t ri, size_t pi, enum review rv)
{
	struct readout *r = &h->c->readouts[ri];
	if (pi >= r->n_positions || r->positions[pi].review == rv)
		return false;
	struct position p = r->positions[pi];
	p.review = rv;
	return change(h, ri, pi, &p);
}

bool edit_stance(struct history *h, size_t ri, size_t pi, const char *stance)
{
	struct readout *r = &h->c->readouts[ri];
	if (stance && !*stance)
		stance = NULL;
	if (pi >= r->n_positions || str_eq(r->positions[pi].stance_text, stance))
		return false;
	struct position p = r->positions[pi];
	p.stance_text = stance ? arena_strdup(&r->arena, stance) : NULL;
	p.stance = STANCE_NONE;
	if (stance) {
		p.stance = name_lookup(stance_names, STANCE_COUNT, stance);
		if (p.stance < 0)
			p.stance = STANCE_UNKNOWN;
	}
	return change(h, ri, pi, &p);
}

static bool edit_text_field(struct history *h, size_t ri, size_t pi, const char *text, bool summary)
{
	struct readout *r = &h->c->readouts[ri];
	if (pi >= r->n_positions)
		return false;
	if (text && !*text)
		text = NULL;
	struct position p = r->positions[pi];
	const char **field = summary ? &p.summary : &p.note;
	if (str_eq(*field, text))
		return false;
	*field = text ? arena_strdup(&r->arena, text) : NULL;
	return change(h, ri, pi, &p);
}

bool edit_summary(struct history *h, size_t ri, size_t pi, const char *text)
{
	return edit_text_field(h, ri, pi, text, true);
}

bool edit_note(struct history *h, size_t ri, size_t pi, const char *text)
{
	return edit_text_field(h, ri, pi, text, false);
}

bool edit_speaker(struct history *h, size_t ri, size_t pi, uint32_t speaker)
{
	struct readout *r = &h->c->readouts[ri];
	if (pi >= r->n_positions || speaker >= r->n_ents[ENT_SPEAKER] || r->positions[pi].speaker == speaker)
		return false;
	struct position p = r->positions[pi];
	p.speaker = speaker;
	return change(h, ri, pi, &p);
}

bool edit_refs(struct history *h, size_t ri, size_t pi, enum entity_kind k, const uint32_t *ids, size_t n)
{
	struct readout *r = &h->c->readouts[ri];
	if (pi >= r->n_positions || k == ENT_SPEAKER)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ids[i] >= r->n_ents[k])
			return false;
	struct position p = r->positions[pi];
	uint32_t **v = k == ENT_TOPIC ? &p.topics : &p.agreements;
	uint32_t *cnt = k == ENT_TOPIC ? &p.n_topics : &p.n_agreements;
	if (ids_eq(*v, *cnt, ids, n))
		return false;
	*v = arena_alloc(&r->arena, (n + 1) * sizeof(uint32_t));
	mem_copy(*v, ids, n * sizeof(*ids));
	*cnt = n;
	return change(h, ri, pi, &p);
}

bool edit_span(struct history *h, size_t ri, size_t pi, size_t start, size_t end)
{
	struct readout *r = &h->c->readouts[ri];
	struct position p;
	if (pi >= r->n_positions)
		return false;
	p = r->positions[pi];
	if (!readout_span(h->c, ri, start, end, &p.span))
		return false;
	return change(h, ri, pi, &p);
}

static void swap_positions(struct history *h, size_t ri, struct position *arr, size_t n)
{
	struct readout *r = &h->c->readouts[ri];
	struct edit e = { .kind = EDIT_POSITIONS, .readout = (uint32_t)ri, .arr_before = r->positions,
	                  .n_before = r->n_positions, .arr_after = arr, .n_after = n };
	record(h, &e);
}

long edit_create(struct history *h, size_t ri, uint32_t speaker, size_t start, size_t end)
{
	struct readout *r = &h->c->readouts[ri];
	struct position p;
	memset(&p, 0, sizeof(p));
	if (speaker >= r->n_ents[ENT_SPEAKER] || !readout_span(h->c, ri, start, end, &p.span))
		return -1;
	char id[32];
	unsigned k = (unsigned)r->n_positions + 1;
	snprintf(id, sizeof(id), "p%u", k);
	if (readout_position_index(r, id) >= 0) {
		/* taken: the next free one, through a table of the ids */
		struct strmap ids = { 0 };
		for (size_t i = 0; i < r->n_positions; i++)
			strmap_put(&ids, r->positions[i].id, strlen(r->positions[i].id), i, NULL);
		do
			snprintf(id, sizeof(id), "p%u", ++k);
		while (strmap_get(&ids, id, strlen(id), NULL));
		strmap_clear(&ids);
	}
	p.id = arena_strdup(&r->arena, id);
	p.speaker = speaker;
	p.stance = STANCE_NONE;
	p.review = REVIEW_PENDING;
	if (h->user && *h->user)
		p.by = arena_strdup(&r->arena, h->user);
	struct position *arr = arena_alloc(&r->arena, (r->n_positions + 1) * sizeof(*arr));
	mem_copy(arr, r->positions, r->n_positions * sizeof(*arr));
	arr[r->n_positions] = p;
	swap_positions(h, ri, arr, r->n_positions + 1);
	return (long)r->n_positions - 1;
}

bool edit_delete(struct history *h, size_t ri, size_t pi)
{
	struct readout *r = &h->c->readouts[ri];
	if (pi >= r->n_positions)
		return false;
	struct position *arr = arena_alloc(&r->arena, (r->n_positions + 1) * sizeof(*arr));
	mem_copy(arr, r->positions, pi * sizeof(*arr));
	mem_copy(arr + pi, r->positions + pi + 1, (r->n_positions - pi - 1) * sizeof(*arr));
	swap_positions(h, ri, arr, r->n_positions - 1);
	return true;
}

long edit_add_entity(struct history *h, size_t ri, enum entity_kind k, const char *id, const char *label)
{
	struct readout *r = &h->c->readouts[ri];
	if (!id_is_valid(id, strlen(id)))
		return -1;
	for (int kk = 0; kk < ENT_KINDS; kk++)
		for (size_t i = 0; i < r->n_ents[kk]; i++)
			if (strcmp(r->ents[kk][i].id, id) == 0)
				return kk == (int)k ? (long)i : -1;
	struct entity *arr = arena_alloc(&r->arena, (r->n_ents[k] + 1) * sizeof(*arr));
	mem_copy(arr, r->ents[k], r->n_ents[k] * sizeof(*arr));
	struct entity *e = &arr[r->n_ents[k]];
	memset(e, 0, sizeof(*e));
	e->id = arena_strdup(&r->arena, id);
	e->label = arena_strdup(&r->arena, label);
	e->akind = AKIND_NONE;
	long local = (long)r->n_ents[k];
	if (h->f)
		facets_add_entity(h->f, h->c, ri, k, e, (uint32_t)local);
	struct edit ed = { .kind = EDIT_ENTITIES, .readout = (uint32_t)ri, .ek = k, .ents_before = r->ents[k],
	                   .ne_before = r->n_ents[k], .ents_after = arr, .ne_after = r->n_ents[k] + 1 };
	record(h, &ed);
	return local;
}

long edit_add_group(struct history *h, size_t ri, const char *id, const char *label, const uint32_t *members,
                    size_t n)
{
	struct readout *r = &h->c->readouts[ri];
	for (size_t i = 0; i < n; i++)
		if (members[i] >= r->n_ents[ENT_SPEAKER])
			return -1;
	size_t before = r->n_ents[ENT_SPEAKER];
	long local = edit_add_entity(h, ri, ENT_SPEAKER, id, label);
	if (local < 0 || (size_t)local < before)
		return local; /* declared already: as it is */
	/* the new entity lives in the edit's array: its members go with it
	 * through undo and redo; the listener heard it without them */
	struct entity *e = &r->ents[ENT_SPEAKER][local];
	e->members = arena_alloc(&r->arena, (n ? n : 1) * sizeof(uint32_t));
	if (n)
		memcpy(e->members, members, n * sizeof(uint32_t));
	e->n_members = n;
	e->is_group = n > 0;
	if (n && h->listen.entity)
		h->listen.entity(h->listen.ctx, h->c, ri, ENT_SPEAKER, e, true);
	return local;
}

long edit_new_entity(struct history *h, size_t ri, enum entity_kind k, const char *label)
{
	char id[160];
	ids_new_entity(h->c, h->f, ri, k, label, id, sizeof(id));
	return edit_add_entity(h, ri, k, id, label);
}

long edit_undo(struct history *h)
{
	if (!h->cur)
		return -1;
	unsigned g = h->v[h->cur - 1].group;
	long ri = h->v[h->cur - 1].readout;
	while (h->cur && h->v[h->cur - 1].group == g) {
		h->cur--;
		apply(h, &h->v[h->cur], false);
	}
	return ri;
}

long edit_redo(struct history *h)
{
	if (h->cur >= h->n)
		return -1;
	unsigned g = h->v[h->cur].group;
	long ri = h->v[h->cur].readout;
	while (h->cur < h->n && h->v[h->cur].group == g) {
		apply(h, &h->v[h->cur], true);
		h->cur++;
	}
	return ri;
}

/* The index of readout ri's position with this id, through a table kept
 * while the readout's array of positions stays the same one (a journal
 * replayed can hold many records for one long readout). */
static long replay_index(struct history *h, size_t ri, const char *pid)
{
	const struct readout *r = &h->c->readouts[ri];
	if (h->pid_ri != ri || h->pid_arr != r->positions || h->pid_n != r->n_positions || !h->pid_map.cap) {
		strmap_clear(&h->pid_map);
		for (size_t i = 0; i < r->n_positions; i++)
			strmap_put(&h->pid_map, r->positions[i].id, strlen(r->positions[i].id), i, NULL);
		h->pid_ri = ri;
		h->pid_arr = r->positions;
		h->pid_n = r->n_positions;
	}
	size_t i;
	return strmap_get(&h->pid_map, pid, strlen(pid), &i) ? (long)i : -1;
}

bool edit_replay_position(struct history *h, size_t ri, const char *pid, const struct position *p)
{
	struct readout *r = &h->c->readouts[ri];
	long pi = replay_index(h, ri, pid);
	if (!p) {
		return pi >= 0 && edit_delete(h, ri, (size_t)pi);
	}
	struct position np = *p;
	np.id = arena_strdup(&r->arena, pid);
	if (pi >= 0)
		return change(h, ri, (size_t)pi, &np);
	struct position *arr = arena_alloc(&r->arena, (r->n_positions + 1) * sizeof(*arr));
	mem_copy(arr, r->positions, r->n_positions * sizeof(*arr));
	arr[r->n_positions] = np;
	swap_positions(h, ri, arr, r->n_positions + 1);
	return true;
}
