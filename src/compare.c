/* compare.c - which readouts are accounts of one event, and the pairing of
 * two accounts' positions by topic and agreement (compare.h). */
#include "compare.h"

#include "arena.h"
#include "strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- accounts of one event ----------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* the parties of r: its persons' ids and countries (groups left out) */
static size_t shared_parties(const struct readout *a, const struct readout *b)
{
	size_t ids = 0, countries = 0;
	/* countries counted once each */
	const char *seen[16];
	size_t n_seen = 0;
	for (size_t i = 0; i < a->n_ents[ENT_SPEAKER]; i++) {
		const struct entity *ea = &RO_SPEAKERS(a)[i];
		if (ea->is_group)
			continue;
		bool id_hit = false, cc_hit = false;
		for (size_t j = 0; j < b->n_ents[ENT_SPEAKER]; j++) {
			const struct entity *eb = &RO_SPEAKERS(b)[j];
			if (eb->is_group)
				continue;
			id_hit = id_hit || same_str(ea->id, eb->id);
			cc_hit = cc_hit || (ea->country && *ea->country && same_str(ea->country, eb->country));
		}
		ids += id_hit;
		if (cc_hit) {
			bool dup = false;
			for (size_t k = 0; k < n_seen && !dup; k++)
				dup = strcmp(seen[k], ea->country) == 0;
			if (!dup && n_seen < 16) {
				seen[n_seen++] = ea->country;
				countries++;
			}
		}
	}
	return ids > countries ? ids : countries;
}

bool compare_likely(const struct readout *a, const struct readout *b)
{
	if (a == b || !a->date || !b->date || strcmp(a->date, b->date) != 0 || strlen(a->date) < 10)
		return false;
	/* accounts already tied to different events are not one */
	if (a->event && b->event && strcmp(a->event, b->event) != 0)
		return false;
	return shared_parties(a, b) >= 2;
}

size_t compare_counterparts(const struct readout *rs, size_t n, size_t ri, struct counterpart *out, size_t max)
{
	const struct readout *r = &rs[ri];
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			if (i == ri)
				continue;
			bool sure = r->event && same_str(r->event, rs[i].event);
			bool hit = pass == 0 ? sure : !sure && compare_likely(r, &rs[i]);
			if (!hit)
				continue;
			if (k < max) {
				out[k].ri = i;
				out[k].guess = pass == 1;
			}
			k++;
		}
	return k;
}

void event_index_build(struct event_index *x, const struct readout *rs, size_t n)
{
	memset(x, 0, sizeof(*x));
	x->rs = rs;
	x->n = n;
	x->count = xcalloc(n + 1, sizeof(size_t));
	x->first = xmalloc((n + 1) * sizeof(size_t));
	x->next = xmalloc((n + 1) * sizeof(size_t));
	x->head = xmalloc((n + 1) * sizeof(size_t));
	x->slot = xmalloc((n + 1) * sizeof(size_t));
	x->likely = xmalloc((n + 1) * sizeof(size_t));
	size_t n_dates = 0;
	for (size_t i = 0; i < n; i++) {
		const struct readout *r = &rs[i];
		x->next[i] = x->slot[i] = x->first[i] = (size_t)-1;
		x->likely[i] = (size_t)-1; /* not worked out yet */
		if (r->event) {
			size_t at;
			if (!strmap_put(&x->events, r->event, strlen(r->event), i, &at)) {
				x->count[at]++;
				x->first[i] = at;
			} else {
				x->count[i] = 1;
				x->first[i] = i;
			}
		}
		if (r->date && strlen(r->date) >= 10) {
			size_t d;
			if (strmap_put(&x->dates, r->date, strlen(r->date), n_dates, &d)) {
				d = n_dates++;
				x->head[d] = i;
			} else {
				x->next[i] = x->head[d];
				x->head[d] = i;
			}
			x->slot[i] = d;
		}
	}
}

size_t event_index_shared(const struct event_index *x, size_t ri)
{
	return ri < x->n && x->first[ri] != (size_t)-1 ? x->count[x->first[ri]] : 0;
}

size_t event_index_likely(struct event_index *x, size_t ri)
{
	if (ri >= x->n)
		return 0;
	if (x->likely[ri] != (size_t)-1)
		return x->likely[ri];
	size_t k = 0;
	const struct readout *rs = x->rs;
	if (x->slot[ri] != (size_t)-1)
		for (size_t j = x->head[x->slot[ri]]; j != (size_t)-1; j = x->next[j])
			if (j != ri && !(rs[ri].event && same_str(rs[ri].event, rs[j].event)) && compare_likely(&rs[ri], &rs[j]))
				k++;
	return x->likely[ri] = k;
}

void event_index_free(struct event_index *x)
{
	strmap_clear(&x->events);
	strmap_clear(&x->dates);
	free(x->count);
	free(x->first);
	free(x->next);
	free(x->head);
	free(x->slot);
	free(x->likely);
	memset(x, 0, sizeof(*x));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool compare_event_id(const struct readout *a, const struct readout *b, char *buf, size_t size)
{
	if (a->event || b->event) {
		snprintf(buf, size, "%s", a->event ? a->event : b->event);
		return true;
	}
	const char *date = a->date ? a->date : b->date;
	if (!date)
		return false;
	/* the persons both name, else those of a */
	const char *ids[8];
	size_t n = 0;
	for (int pass = 0; pass < 2 && n < 2; pass++) {
		n = 0;
		for (size_t i = 0; i < a->n_ents[ENT_SPEAKER] && n < 8; i++) {
			const struct entity *e = &RO_SPEAKERS(a)[i];
			if (e->is_group)
				continue;
			bool both = false;
			for (size_t j = 0; j < b->n_ents[ENT_SPEAKER] && !both; j++)
				both = same_str(e->id, RO_SPEAKERS(b)[j].id);
			if (both || pass == 1)
				ids[n++] = e->id;
		}
	}
	if (n > 2)
		n = 2;
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_str);
	size_t len = (size_t)snprintf(buf, size, "%s", date);
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "-%s", ids[i]);
	/* an id holds no ':' of a group's id, and is at most 200 bytes */
	for (char *p = buf; *p; p++)
		if (*p == ':')
			*p = '-';
	if (strlen(buf) > 200)
		buf[200] = '\0';
	return true;
}

/* --- pairing two accounts ------------------------------------------------ */

bool compare_same_speaker(const struct readout *a, uint32_t sa, const struct readout *b, uint32_t sb)
{
	if (sa >= a->n_ents[ENT_SPEAKER] || sb >= b->n_ents[ENT_SPEAKER])
		return false;
	const struct entity *ea = &RO_SPEAKERS(a)[sa], *eb = &RO_SPEAKERS(b)[sb];
	if (same_str(ea->id, eb->id))
		return true;
	if (ea->is_group != eb->is_group)
		return false;
	if (!ea->is_group)
		return ea->country && *ea->country && same_str(ea->country, eb->country);
	/* groups: each member of one is a member of the other */
	if (ea->n_members != eb->n_members)
		return false;
	for (size_t i = 0; i < ea->n_members; i++) {
		bool found = false;
		for (size_t j = 0; j < eb->n_members && !found; j++)
			found = compare_same_speaker(a, ea->members[i], b, eb->members[j]);
		if (!found)
			return false;
	}
	return true;
}

/* a topic or an agreement, by id, with the positions of each side that
 * refer to it */
struct key {
	enum entity_kind kind;
	const char *id, *label;
	size_t *pos[2];
	size_t n[2], cap[2];
};

struct keys {
	struct key *v;
	size_t n, cap;
	struct strmap map[ENT_KINDS];
};

static struct key *key_get(struct keys *ks, enum entity_kind kind, const char *id, const char *label)
{
	size_t at;
	if (strmap_get(&ks->map[kind], id, strlen(id), &at))
		return &ks->v[at];
	grow(&ks->v, &ks->cap, ks->n + 1, sizeof(*ks->v));
	struct key *k = &ks->v[ks->n];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->id = id;
	k->label = label && *label ? label : id;
	strmap_put(&ks->map[kind], id, strlen(id), ks->n, &at);
	return &ks->v[ks->n++];
}

static void key_add(struct key *k, int side, size_t pi)
{
	if (k->n[side] && k->pos[side][k->n[side] - 1] == pi)
		return;
	grow(&k->pos[side], &k->cap[side], k->n[side] + 1, sizeof(size_t));
	k->pos[side][k->n[side]++] = pi;
}

static void add_row(struct comparison *c, size_t *cap, const struct key *k, enum cmp_kind kind, long a, long b,
                    const struct readout *ra, const struct readout *rb)
{
	grow(&c->rows, cap, c->n + 1, sizeof(*c->rows));
	struct cmp_row *r = &c->rows[c->n++];
	r->kind = kind;
	r->key_kind = k->kind;
	r->key_id = k->id;
	r->key_label = k->label;
	r->a = a;
	r->b = b;
	r->same_speaker = false;
	r->elsewhere = false;
	r->stance = CMP_STANCE_UNKNOWN;
	if (kind == CMP_PAIRED) {
		const struct position *pa = &ra->positions[a], *pb = &rb->positions[b];
		r->same_speaker = compare_same_speaker(ra, pa->speaker, rb, pb->speaker);
		if (pa->stance >= 0 && pa->stance < STANCE_COUNT && pb->stance >= 0 && pb->stance < STANCE_COUNT)
			r->stance = pa->stance == pb->stance ? CMP_STANCE_AGREE : CMP_STANCE_DIFFER;
	}
}

/* The counts of distinct positions and pairs, and which only rows pair
 * elsewhere. */
static void count_rows(struct comparison *c, size_t na, size_t nb)
{
	bool *pa = xcalloc(na + 1, 1), *pb = xcalloc(nb + 1, 1), *sa = xcalloc(na + 1, 1), *sb = xcalloc(nb + 1, 1);
	for (size_t i = 0; i < c->n; i++) {
		const struct cmp_row *r = &c->rows[i];
		if (r->kind != CMP_PAIRED)
			continue;
		/* a pair counted once, however many keys it shares */
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = c->rows[j].kind == CMP_PAIRED && c->rows[j].a == r->a && c->rows[j].b == r->b;
		c->paired += !seen;
		c->agree += !seen && r->stance == CMP_STANCE_AGREE;
		c->differ += !seen && r->stance == CMP_STANCE_DIFFER;
		pa[r->a] = pb[r->b] = true;
	}
	for (size_t i = 0; i < c->n; i++) {
		struct cmp_row *r = &c->rows[i];
		if (r->kind == CMP_ONLY_A) {
			r->elsewhere = pa[r->a];
			c->only_a += !pa[r->a] && !sa[r->a];
			sa[r->a] = true;
		} else if (r->kind == CMP_ONLY_B) {
			r->elsewhere = pb[r->b];
			c->only_b += !pb[r->b] && !sb[r->b];
			sb[r->b] = true;
		}
	}
	free(pa);
	free(pb);
	free(sa);
	free(sb);
}

void compare_readouts(const struct readout *a, const struct readout *b,
                      bool (*keep)(void *arg, int side, size_t pi), void *arg, struct comparison *out)
{
	memset(out, 0, sizeof(*out));
	const struct readout *side[2] = { a, b };
	struct keys ks = { 0 };
	/* the keys in A's text order, then B's; "no topic" last */
	struct key none = { ENT_SPEAKER, "", "(no topic or agreement)", { NULL, NULL }, { 0, 0 }, { 0, 0 } };
	for (int s = 0; s < 2; s++) {
		const struct readout *r = side[s];
		size_t *order = xmalloc((r->n_positions ? r->n_positions : 1) * sizeof(size_t));
		readout_text_order(r, order);
		for (size_t o = 0; o < r->n_positions; o++) {
			size_t pi = order[o];
			const struct position *p = &r->positions[pi];
			if (p->review == REVIEW_REJECTED || (keep && !keep(arg, s, pi)))
				continue;
			for (size_t t = 0; t < p->n_topics; t++) {
				const struct entity *e = &RO_TOPICS(r)[p->topics[t]];
				key_add(key_get(&ks, ENT_TOPIC, e->id, e->label), s, pi);
			}
			for (size_t t = 0; t < p->n_agreements; t++) {
				const struct entity *e = &RO_AGREEMENTS(r)[p->agreements[t]];
				key_add(key_get(&ks, ENT_AGREEMENT, e->id, e->label), s, pi);
			}
			if (!p->n_topics && !p->n_agreements)
				key_add(&none, s, pi);
		}
		free(order);
	}
	size_t cap = 0;
	out->keys = ks.n;
	for (size_t i = 0; i <= ks.n; i++) {
		struct key *k = i < ks.n ? &ks.v[i] : &none;
		bool *used_b = xcalloc(k->n[1] ? k->n[1] : 1, sizeof(bool));
		bool *used_a = xcalloc(k->n[0] ? k->n[0] : 1, sizeof(bool));
		/* the same speaker first, in text order; then the rest in order
		 * (not for positions with no topic: only the same speaker pairs) */
		for (int pass = 0; pass < 2; pass++) {
			if (pass == 1 && k == &none)
				break;
			for (size_t x = 0; x < k->n[0]; x++) {
				if (used_a[x])
					continue;
				const struct position *pa = &a->positions[k->pos[0][x]];
				for (size_t y = 0; y < k->n[1]; y++) {
					if (used_b[y])
						continue;
					const struct position *pb = &b->positions[k->pos[1][y]];
					if (pass == 0 && !compare_same_speaker(a, pa->speaker, b, pb->speaker))
						continue;
					used_a[x] = used_b[y] = true;
					add_row(out, &cap, k, CMP_PAIRED, (long)k->pos[0][x], (long)k->pos[1][y], a, b);
					break;
				}
			}
		}
		for (size_t x = 0; x < k->n[0]; x++)
			if (!used_a[x])
				add_row(out, &cap, k, CMP_ONLY_A, (long)k->pos[0][x], -1, a, b);
		for (size_t y = 0; y < k->n[1]; y++)
			if (!used_b[y])
				add_row(out, &cap, k, CMP_ONLY_B, -1, (long)k->pos[1][y], a, b);
		free(used_a);
		free(used_b);
	}
	count_rows(out, a->n_positions, b->n_positions);
	for (size_t i = 0; i < ks.n; i++) {
		free(ks.v[i].pos[0]);
		free(ks.v[i].pos[1]);
	}
	free(none.pos[0]);
	free(none.pos[1]);
	free(ks.v);
	for (int k = 0; k < ENT_KINDS; k++)
		strmap_clear(&ks.map[k]);
}

void comparison_free(struct comparison *c)
{
	free(c->rows);
	memset(c, 0, sizeof(*c));
}
