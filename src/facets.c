/* facets.c - building the corpus-wide entity index (see facets.h). */
#include "facets.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

static bool same_lang(const char *tag, const char *user)
{
	if (!tag || !*user)
		return false;
	size_t n = strlen(user);
	return strncmp(tag, user, n) == 0 && (tag[n] == '\0' || tag[n] == '-');
}

const char *facets_user_lang(void)
{
	static char lang[16];
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < 4; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v || strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0)
			continue;
		size_t k = 0;
		while (k < sizeof(lang) - 1 && v[k] >= 'a' && v[k] <= 'z')
			k++;
		if (k < 2)
			continue;
		memcpy(lang, v, k);
		lang[k] = '\0';
		return lang;
	}
	return "";
}

long facets_find(const struct facets *f, enum entity_kind kind, const char *id)
{
	size_t v;
	return strmap_get(&f->map[kind], id, strlen(id), &v) ? (long)v : -1;
}

/* The facet of entity e (of kind k, declared by readout ri, r) counts one
 * more readout and lists ri (its list stays sorted and without repeats;
 * readouts joining in corpus order go at the end at once); it is made when
 * its id is new (*made).  Its index. */
static size_t join(struct facets *f, enum entity_kind k, const struct entity *e, const struct readout *r,
                   size_t ri, bool *made)
{
	size_t gi;
	*made = strmap_put(&f->map[k], e->id, strlen(e->id), f->n[k], &gi);
	if (*made) {
		gi = f->n[k]++;
		grow(&f->v[k], &f->cap[k], f->n[k], sizeof(struct facet));
		f->v[k][gi] = (struct facet){ .id = e->id, .label = e->label, .label_lang = r->lang, .kind = k,
		                              .first = e, .first_readout = (uint32_t)ri };
	}
	struct facet *fc = &f->v[k][gi];
	fc->n_readouts++;
	size_t at = fc->n_rd;
	while (at > 0 && fc->rd[at - 1] > (uint32_t)ri)
		at--;
	if (at == 0 || fc->rd[at - 1] != (uint32_t)ri) {
		grow(&fc->rd, &fc->cap_rd, fc->n_rd + 1, sizeof(uint32_t));
		memmove(fc->rd + at + 1, fc->rd + at, (fc->n_rd - at) * sizeof(uint32_t));
		fc->rd[at] = (uint32_t)ri;
		fc->n_rd++;
	}
	return gi;
}

void facets_add_readout(struct facets *f, const struct corpus *c, size_t ri, const char *user_lang)
{
	if (ri >= f->cap_readouts) {
		size_t cap = f->cap_readouts ? f->cap_readouts * 2 : 64;
		if (cap <= ri)
			cap = ri + 1;
		for (int k = 0; k < ENT_KINDS; k++) {
			f->local[k] = xrealloc(f->local[k], cap * sizeof(uint32_t *));
			memset(f->local[k] + f->cap_readouts, 0, (cap - f->cap_readouts) * sizeof(uint32_t *));
		}
		f->cap_readouts = cap;
	}
	if (ri >= f->n_readouts)
		f->n_readouts = ri + 1;
	const struct readout *r = &c->readouts[ri];
	for (int k = 0; k < ENT_KINDS; k++) {
		f->local[k][ri] = xmalloc(r->n_ents[k] * sizeof(uint32_t));
		for (size_t i = 0; i < r->n_ents[k]; i++) {
			const struct entity *e = &r->ents[k][i];
			bool made;
			size_t gi = join(f, (enum entity_kind)k, e, r, ri, &made);
			if (!made && !same_lang(f->v[k][gi].label_lang, user_lang) && same_lang(r->lang, user_lang)) {
				f->v[k][gi].label = e->label;
				f->v[k][gi].label_lang = r->lang;
			}
			f->local[k][ri][i] = (uint32_t)gi;
		}
	}
	for (size_t m = 0; m < r->n_mentions; m++)
		f->v[r->mentions[m].kind][f->local[r->mentions[m].kind][ri][r->mentions[m].ent]].n_mentions++;
	facets_count_positions(f, c, ri, +1);
}

void facets_build(struct facets *f, const struct corpus *c, const char *user_lang)
{
	memset(f, 0, sizeof(*f));
	for (size_t ri = 0; ri < c->n_readouts; ri++)
		facets_add_readout(f, c, ri, user_lang);
}

void facets_count_positions(struct facets *f, const struct corpus *c, size_t ri, int delta)
{
	const struct readout *r = &c->readouts[ri];
	for (size_t p = 0; p < r->n_positions; p++) {
		const struct position *pos = &r->positions[p];
		const struct entity *sp = &RO_SPEAKERS(r)[pos->speaker];
		f->v[ENT_SPEAKER][f->local[ENT_SPEAKER][ri][pos->speaker]].n_positions += (size_t)delta;
		for (size_t i = 0; i < sp->n_members; i++)
			f->v[ENT_SPEAKER][f->local[ENT_SPEAKER][ri][sp->members[i]]].n_positions += (size_t)delta;
		for (size_t i = 0; i < pos->n_topics; i++)
			f->v[ENT_TOPIC][f->local[ENT_TOPIC][ri][pos->topics[i]]].n_positions += (size_t)delta;
		for (size_t i = 0; i < pos->n_agreements; i++)
			f->v[ENT_AGREEMENT][f->local[ENT_AGREEMENT][ri][pos->agreements[i]]].n_positions += (size_t)delta;
	}
}

void facets_free(struct facets *f)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		for (size_t i = 0; i < f->n[k]; i++)
			free(f->v[k][i].rd);
		if (f->local[k])
			for (size_t r = 0; r < f->n_readouts; r++)
				free(f->local[k][r]);
		free(f->local[k]);
		free(f->v[k]);
		strmap_clear(&f->map[k]);
	}
	memset(f, 0, sizeof(*f));
}

void facets_add_entity(struct facets *f, const struct corpus *c, size_t ri, enum entity_kind k,
                       const struct entity *e, uint32_t local)
{
	bool made;
	size_t gi = join(f, k, e, &c->readouts[ri], ri, &made);
	f->local[k][ri] = xrealloc(f->local[k][ri], ((size_t)local + 1) * sizeof(uint32_t));
	f->local[k][ri][local] = (uint32_t)gi;
}
