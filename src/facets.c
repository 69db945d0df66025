/* facets.c - building the corpus-wide entity index (see facets.h). */
#include "facets.h"
#include "arena.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The primary subtag of a language tag, lower case ("zh" of "zh-Hant"). */
static void primary(const char *tag, char *out, size_t size)
{
	size_t k = 0;
	for (; tag && tag[k] && tag[k] != '-' && tag[k] != '_' && k + 1 < size; k++)
		out[k] = (char)(tag[k] >= 'A' && tag[k] <= 'Z' ? tag[k] - 'A' + 'a' : tag[k]);
	out[k] = '\0';
}

/* A language from a locale variable: "fr" of "fr_FR.UTF-8", nothing of
 * "C", "C.UTF-8" or "POSIX". */
static bool lang_of(const char *v, char *buf, size_t size)
{
	if (!v || !*v || strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0)
		return false;
	size_t k = 0;
	while (k + 1 < size && v[k] >= 'a' && v[k] <= 'z')
		k++;
	if (k < 2 || k > 3)
		return false;
	memcpy(buf, v, k);
	buf[k] = '\0';
	return true;
}

const char *facets_user_lang(const char *config_lang, char *buf, size_t size)
{
	buf[0] = '\0';
	const char *language = getenv("LANGUAGE");
	if (language) {
		char first[32];
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(language, ":"), language);
		if (lang_of(first, buf, size))
			return buf;
	}
	if (config_lang && *config_lang) {
		primary(config_lang, buf, size);
		return buf;
	}
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return lang_of(v, buf, size) ? buf : (buf[0] = '\0', buf); /* the first set decides, as for gettext */
	}
	return buf;
}

/* A label's rank in the rule: of the user's language 0, English 1, else 2. */
static int label_rank(const struct facet_name *nm, const char *user_lang)
{
	return *user_lang && strcmp(nm->lang, user_lang) == 0 ? 0 : strcmp(nm->lang, "en") == 0 ? 1 : 2;
}

const char *facet_names_choose(const struct facet_name *v, size_t n, const char *user_lang)
{
	const struct facet_name *best = NULL;
	int best_rank = 3;
	for (size_t i = 0; i < n; i++) {
		const struct facet_name *nm = &v[i];
		if (!nm->label)
			continue;
		int rank = label_rank(nm, user_lang);
		if (!best || rank < best_rank || (rank == best_rank && nm->readouts > best->readouts)) {
			best = nm;
			best_rank = rank;
		}
	}
	return best ? best->s : NULL;
}

uint32_t facet_name_hash(const char *s, size_t n)
{
	return (uint32_t)hash64(s, n);
}

struct facet_name *facet_names_add(struct facet_name **v, size_t *n, size_t *cap, const char *s, const char *lang,
                                   bool label, bool *made)
{
	char pl[12] = "";
	if (label)
		primary(lang, pl, sizeof(pl));
	*made = false;
	uint32_t h = facet_name_hash(s, strlen(s));
	/* (a lang is its subtag padded with NULs to its size, as pl is: the
	 * whole arrays compared at once; the names' strings, in the arenas of
	 * readouts loaded long before, read only when their hashes match) */
	for (size_t i = 0; i < *n; i++) {
		struct facet_name *nm = &(*v)[i];
		if (nm->hash == h && nm->label == label && memcmp(nm->lang, pl, sizeof(pl)) == 0 && strcmp(nm->s, s) == 0) {
			nm->readouts++;
			return nm;
		}
	}
	grow(v, cap, *n + 1, sizeof(**v));
	struct facet_name *nm = &(*v)[(*n)++];
	memset(nm, 0, sizeof(*nm));
	nm->s = s;
	memcpy(nm->lang, pl, sizeof(pl));
	nm->label = label;
	nm->readouts = 1;
	nm->hash = h;
	*made = true;
	return nm;
}

/* One more readout gives name s (a label in language lang, or an alias);
 * the label to show is then the one facet_names_choose would choose (the
 * format's rule): the label shown so far, or this one when it now goes
 * before it, the others' counts being as they were (the rule's order:
 * rank, then more readouts, then the first met).  Not all the names again
 * for each readout. */
static void add_name(struct facets *f, struct facet *fc, const char *s, const char *lang, bool label, bool copy)
{
	/* most readouts give an entity the label shown already, in its
	 * language: one more readout for it, which stays shown (no hash, no
	 * look through the others) */
	if (label && fc->label_name < fc->n_names) {
		struct facet_name *nm = &fc->names[fc->label_name];
		char pl[12] = "";
		primary(lang, pl, sizeof(pl));
		if (memcmp(nm->lang, pl, sizeof(pl)) == 0 && strcmp(nm->s, s) == 0) {
			nm->readouts++;
			return;
		}
	}
	bool made;
	struct facet_name *nm = facet_names_add(&fc->names, &fc->n_names, &fc->cap_names, s, lang, label, &made);
	if (made && copy)
		nm->s = arena_strdup(&f->copies, s);
	if (!label)
		return;
	size_t j = (size_t)(nm - fc->names), b = fc->label_name;
	if (b != j && b < fc->n_names) {
		const struct facet_name *nb = &fc->names[b];
		int rj = label_rank(nm, f->lang), rb = label_rank(nb, f->lang);
		if (rj > rb || (rj == rb && (nm->readouts < nb->readouts || (nm->readouts == nb->readouts && j > b))))
			return;
	}
	fc->label_name = j;
	fc->label = nm->s;
}

const char *facets_label_in(const struct facets *f, enum entity_kind k, size_t i, const char *lang)
{
	const struct facet *fc = &f->v[k][i];
	char pl[12];
	primary(lang, pl, sizeof(pl));
	const struct facet_name *best = NULL;
	for (size_t j = 0; j < fc->n_names && *pl; j++)
		if (fc->names[j].label && strcmp(fc->names[j].lang, pl) == 0
		    && (!best || fc->names[j].readouts > best->readouts))
			best = &fc->names[j];
	return best ? best->s : fc->label;
}

void facets_init(struct facets *f, const char *user_lang)
{
	memset(f, 0, sizeof(*f));
	primary(user_lang, f->lang, sizeof(f->lang));
}

struct rank_key {
	size_t positions, readouts;
	const char *label, *id;
	size_t index;
};

static int by_rank(const void *x, const void *y)
{
	const struct rank_key *a = x, *b = y;
	if (a->positions != b->positions)
		return a->positions > b->positions ? -1 : 1;
	if (a->readouts != b->readouts)
		return a->readouts > b->readouts ? -1 : 1;
	int c = strcmp(a->label, b->label);
	return c ? c : strcmp(a->id, b->id);
}

size_t *facets_ranked(const struct facets *f, enum entity_kind k)
{
	return facets_ranked_by(f, k, NULL, NULL);
}

size_t *facets_ranked_by(const struct facets *f, enum entity_kind k, const size_t *positions, const size_t *readouts)
{
	size_t n = f->n[k];
	struct rank_key *keys = xmalloc((n + 1) * sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		const struct facet *fc = &f->v[k][i];
		keys[i] = (struct rank_key){ positions ? positions[i] : fc->n_positions,
		                             readouts ? readouts[i] : fc->n_readouts, fc->label, fc->id, i };
	}
	qsort(keys, n, sizeof(*keys), by_rank);
	size_t *order = xmalloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		order[i] = keys[i].index;
	free(keys);
	return order;
}

long facets_find(const struct facets *f, enum entity_kind kind, const char *id)
{
	size_t v;
	return strmap_get(&f->map[kind], id, strlen(id), &v) ? (long)v : -1;
}

/* The facet of entity e (of kind k, declared by readout ri, r) counts one
 * more readout and lists ri (its list stays sorted and without repeats;
 * readouts joining in corpus order go at the end at once) and its names;
 * it is made when its id is new.  Its index. */
static size_t join(struct facets *f, enum entity_kind k, const struct entity *e, const struct readout *r,
                   size_t ri)
{
	/* (ri SIZE_MAX: a readout not held, facets_tally's) */
	bool copy = ri == SIZE_MAX;
	size_t gi, idn = strlen(e->id);
	if (copy ? !strmap_get(&f->map[k], e->id, idn, &gi) : strmap_put(&f->map[k], e->id, idn, f->n[k], &gi)) {
		gi = f->n[k]++;
		grow(&f->v[k], &f->cap[k], f->n[k], sizeof(struct facet));
		const char *id = copy ? arena_strndup(&f->copies, e->id, idn) : e->id;
		if (copy)
			strmap_put(&f->map[k], id, idn, gi, &gi);
		/* (its label: add_name's, below) */
		f->v[k][gi] = (struct facet){ .id = id, .label_name = SIZE_MAX, .kind = k, .first = copy ? NULL : e,
		                              .first_readout = (uint32_t)ri };
	}
	struct facet *fc = &f->v[k][gi];
	fc->n_readouts++;
	add_name(f, fc, e->label, r->lang, true, copy);
	for (size_t a = 0; a < e->n_aliases; a++)
		add_name(f, fc, e->aliases[a], NULL, false, copy);
	if (copy)
		return gi;
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

/* Readout ri's local indexes, of each kind, into local. */
static void locals(const struct facets *f, size_t ri, uint32_t *local[ENT_KINDS])
{
	for (int k = 0; k < ENT_KINDS; k++)
		local[k] = f->local[k][ri];
}

/* The positions of readout r (its entities' facets local[kind][i]) added
 * (delta +1) to their facets' counts, or taken away (-1): a speaker's
 * count, and a group's members', each topic's and agreement's. */
static void positions(struct facets *f, const struct readout *r, uint32_t *const local[ENT_KINDS], int delta)
{
	for (size_t p = 0; p < r->n_positions; p++) {
		const struct position *pos = &r->positions[p];
		const struct entity *sp = &RO_SPEAKERS(r)[pos->speaker];
		f->v[ENT_SPEAKER][local[ENT_SPEAKER][pos->speaker]].n_positions += (size_t)delta;
		for (size_t i = 0; i < sp->n_members; i++)
			f->v[ENT_SPEAKER][local[ENT_SPEAKER][sp->members[i]]].n_positions += (size_t)delta;
		for (size_t i = 0; i < pos->n_topics; i++)
			f->v[ENT_TOPIC][local[ENT_TOPIC][pos->topics[i]]].n_positions += (size_t)delta;
		for (size_t i = 0; i < pos->n_agreements; i++)
			f->v[ENT_AGREEMENT][local[ENT_AGREEMENT][pos->agreements[i]]].n_positions += (size_t)delta;
	}
}

/* What readout r, its entities joined (local, as positions()), adds to
 * the counts: its mentions and its positions. */
static void count(struct facets *f, const struct readout *r, uint32_t *const local[ENT_KINDS])
{
	for (size_t m = 0; m < r->n_mentions; m++)
		f->v[r->mentions[m].kind][local[r->mentions[m].kind][r->mentions[m].ent]].n_mentions++;
	positions(f, r, local, +1);
}

void facets_add_readout(struct facets *f, const struct corpus *c, size_t ri)
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
		for (size_t i = 0; i < r->n_ents[k]; i++)
			f->local[k][ri][i] = (uint32_t)join(f, (enum entity_kind)k, &r->ents[k][i], r, ri);
	}
	uint32_t *local[ENT_KINDS];
	locals(f, ri, local);
	count(f, r, local);
}

void facets_tally(struct facets *f, const struct readout *r)
{
	/* (a readout's few entities on the stack: one counted each time a
	 * readout of stats comes) */
	uint32_t buf[ENT_KINDS][32], *local[ENT_KINDS];
	for (int k = 0; k < ENT_KINDS; k++) {
		local[k] = r->n_ents[k] <= 32 ? buf[k] : xmalloc(r->n_ents[k] * sizeof(uint32_t));
		for (size_t i = 0; i < r->n_ents[k]; i++)
			local[k][i] = (uint32_t)join(f, (enum entity_kind)k, &r->ents[k][i], r, SIZE_MAX);
	}
	count(f, r, local);
	for (int k = 0; k < ENT_KINDS; k++)
		if (local[k] != buf[k])
			free(local[k]);
}

void facets_build(struct facets *f, const struct corpus *c, const char *user_lang)
{
	facets_init(f, user_lang);
	for (size_t ri = 0; ri < c->n_readouts; ri++)
		facets_add_readout(f, c, ri);
}

void facets_count_positions(struct facets *f, const struct corpus *c, size_t ri, int delta)
{
	uint32_t *local[ENT_KINDS];
	locals(f, ri, local);
	positions(f, &c->readouts[ri], local, delta);
}

void facets_free(struct facets *f)
{
	for (int k = 0; k < ENT_KINDS; k++) {
		for (size_t i = 0; i < f->n[k]; i++) {
			free(f->v[k][i].rd);
			free(f->v[k][i].names);
		}
		if (f->local[k])
			for (size_t r = 0; r < f->n_readouts; r++)
				free(f->local[k][r]);
		free(f->local[k]);
		free(f->v[k]);
		strmap_clear(&f->map[k]);
	}
	arena_free(&f->copies);
	memset(f, 0, sizeof(*f));
}

void facets_add_entity(struct facets *f, const struct corpus *c, size_t ri, enum entity_kind k,
                       const struct entity *e, uint32_t local)
{
	size_t gi = join(f, k, e, &c->readouts[ri], ri);
	f->local[k][ri] = xrealloc(f->local[k][ri], ((size_t)local + 1) * sizeof(uint32_t));
	f->local[k][ri][local] = (uint32_t)gi;
}

size_t facets_speaker_slot(const struct facets *f, const struct corpus *c, size_t ri, uint32_t local, size_t n)
{
	const struct readout *r = &c->readouts[ri];
	size_t ns = r->n_ents[ENT_SPEAKER];
	if (!n || local >= ns)
		return 0;
	bool taken[64] = { false };
	if (n > 64)
		n = 64;
	size_t slot = 0;
	for (uint32_t i = 0; i <= local; i++) {
		slot = f->local[ENT_SPEAKER][ri][i] % n;
		for (size_t k = 0; k < n && taken[slot]; k++)
			slot = (slot + 1) % n;
		if (i < n) /* once every slot is used, speakers share them */
			taken[slot] = true;
		else
			slot = f->local[ENT_SPEAKER][ri][i] % n;
	}
	return slot;
}
