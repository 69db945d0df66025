/* filter.c - matching readouts and positions against a filter. */
#include "filter.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

bool filter_is_empty(const struct filter *f)
{
	for (int k = 0; k < ENT_KINDS; k++)
		if (f->ents[k].n)
			return false;
	return !f->stances && !f->reviews;
}

bool idset_has(const struct idset *s, uint32_t v)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == v)
			return true;
	return false;
}

void idset_add(struct idset *s, uint32_t v)
{
	if (idset_has(s, v))
		return;
	grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = v;
}

bool idset_toggle(struct idset *s, uint32_t v)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == v) {
			memmove(s->v + i, s->v + i + 1, (s->n - i - 1) * sizeof(*s->v));
			s->n--;
			return false;
		}
	idset_add(s, v);
	return true;
}

bool filter_readout(const struct filter *f, const struct corpus *c, const struct facets *fa, size_t ri)
{
	const struct readout *r = &c->readouts[ri];
	for (int k = 0; k < ENT_KINDS; k++) {
		if (!f->ents[k].n)
			continue;
		bool any = false;
		for (size_t i = 0; i < r->n_ents[k] && !any; i++)
			any = idset_has(&f->ents[k], facets_global(fa, (enum entity_kind)k, ri, (uint32_t)i));
		if (!any)
			return false;
	}
	if (f->stances || f->reviews) {
		/* only readouts with a position of the chosen stance/review */
		for (size_t p = 0; p < r->n_positions; p++)
			if (filter_position(f, c, fa, ri, p))
				return true;
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

bool filter_position(const struct filter *f, const struct corpus *c, const struct facets *fa,
                     size_t ri, size_t pi)
{
	const struct readout *r = &c->readouts[ri];
	const struct position *p = &r->positions[pi];
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
	if (f->stances && (p->stance < 0 || !(f->stances & (1u << p->stance))))
		return false;
	if (f->reviews && !(f->reviews & (1u << p->review)))
		return false;
	return true;
}

size_t filter_matches(const struct filter *f, const struct corpus *c, const struct facets *fa,
                      struct match **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t ri = 0; ri < c->n_readouts; ri++)
		for (size_t pi = 0; pi < c->readouts[ri].n_positions; pi++)
			if (filter_position(f, c, fa, ri, pi)) {
				grow(out, &cap, n + 1, sizeof(**out));
				(*out)[n++] = (struct match){ (uint32_t)ri, (uint32_t)pi };
			}
	return n;
}

void filter_clear(struct filter *f)
{
	for (int k = 0; k < ENT_KINDS; k++)
		free(f->ents[k].v);
	memset(f, 0, sizeof(*f));
}
