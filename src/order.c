/* order.c - the orders readouts are listed in (see order.h). */
#include "order.h"

#include "arena.h"
#include "filter.h"
#include "fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const readout_order_names[ORDER_COUNT] = { "date", "title", "language", "path" };

int readout_order_by_name(const char *name)
{
	for (int i = 0; i < ORDER_COUNT; i++)
		if (strcmp(name, readout_order_names[i]) == 0)
			return i;
	return -1;
}

struct key {
	size_t ri;
	const struct readout *r;
	const char *path;
	char *title; /* folded, ORDER_TITLE only */
	enum readout_order o; /* in every key: qsort has no context argument */
};

/* NULL or "" after any other */
static int cmp_opt(const char *a, const char *b, int (*cmp)(const char *, const char *))
{
	bool ha = a && *a, hb = b && *b;
	if (ha != hb)
		return ha ? -1 : 1;
	return ha ? cmp(a, b) : 0;
}

static int cmp_place(const struct key *a, const struct key *b)
{
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->r->offset != b->r->offset)
		return a->r->offset < b->r->offset ? -1 : 1;
	return a->ri < b->ri ? -1 : a->ri > b->ri;
}

static int newer(const char *a, const char *b)
{
	return strcmp(b, a);
}

static int cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int c = 0;
	switch (a->o) {
	case ORDER_TITLE:
		c = strcmp(a->title, b->title);
		break;
	case ORDER_LANG:
		c = cmp_opt(a->r->lang, b->r->lang, strcasecmp);
		break;
	case ORDER_PATH:
		return cmp_place(a, b);
	default:
		break;
	}
	if (!c)
		c = cmp_opt(a->r->date, b->r->date, newer);
	return c ? c : cmp_place(a, b);
}

/* The key of readout ri in order o (its folded title malloc'd for
 * ORDER_TITLE: key_free frees it). */
static void key_of(const struct corpus *c, size_t ri, enum readout_order o, struct key *k)
{
	const struct readout *r = &c->readouts[ri];
	k->ri = ri;
	k->r = r;
	k->path = r->file < c->n_files && c->files[r->file].path ? c->files[r->file].path : "";
	k->title = NULL;
	k->o = o;
	if (o == ORDER_TITLE) {
		const char *t = r->title && *r->title ? r->title : r->id ? r->id : "";
		k->title = fold_dup(t, strlen(t));
	}
}

static void key_free(struct key *k)
{
	free(k->title);
	k->title = NULL;
}

void readouts_sort(const struct corpus *c, size_t *idx, size_t n, enum readout_order o)
{
	if (n < 2)
		return;
	struct key *k = xmalloc(n * sizeof(*k));
	for (size_t i = 0; i < n; i++)
		key_of(c, idx[i], o, &k[i]);
	qsort(k, n, sizeof(*k), cmp);
	for (size_t i = 0; i < n; i++) {
		idx[i] = k[i].ri;
		key_free(&k[i]);
	}
	free(k);
}

void readouts_merge(const struct corpus *c, size_t *idx, size_t n, const size_t *add, size_t n_add,
                    enum readout_order o)
{
	/* from the back: the last of add goes after the readouts of idx that
	 * come before it (a binary search), those after it moving up once */
	size_t hi = n, out = n + n_add;
	for (size_t j = n_add; j-- > 0;) {
		struct key kj, km;
		key_of(c, add[j], o, &kj);
		size_t lo = 0, h = hi;
		while (lo < h) {
			size_t mid = lo + (h - lo) / 2;
			key_of(c, idx[mid], o, &km);
			int before = cmp(&km, &kj) < 0;
			key_free(&km);
			if (before)
				lo = mid + 1;
			else
				h = mid;
		}
		key_free(&kj);
		size_t m = hi - lo;
		out -= m;
		if (m)
			memmove(idx + out, idx + lo, m * sizeof(*idx));
		idx[--out] = add[j];
		hi = lo;
	}
}

struct mkey {
	size_t rank, at;
	struct match m;
};

static int cmp_m(const void *pa, const void *pb)
{
	const struct mkey *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Each readout's rank in idx (n_idx for one not listed). */
static size_t *ranks_of(const size_t *idx, size_t n_idx, size_t n_readouts)
{
	size_t *rank = xmalloc((n_readouts + 1) * sizeof(size_t));
	for (size_t i = 0; i <= n_readouts; i++)
		rank[i] = n_idx;
	for (size_t i = 0; i < n_idx; i++)
		if (idx[i] < n_readouts)
			rank[idx[i]] = i;
	return rank;
}

/* m[0..n) sorted by their readouts' ranks, stably (malloc'd keys). */
static struct mkey *sorted_keys(const struct match *m, size_t n, const size_t *rank, size_t n_idx, size_t n_readouts)
{
	struct mkey *k = xmalloc((n ? n : 1) * sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		k[i].rank = m[i].readout < n_readouts ? rank[m[i].readout] : n_idx;
		k[i].at = i;
		k[i].m = m[i];
	}
	qsort(k, n, sizeof(*k), cmp_m);
	return k;
}

void matches_sort(struct match *m, size_t n, const size_t *idx, size_t n_idx, size_t n_readouts)
{
	if (n < 2)
		return;
	size_t *rank = ranks_of(idx, n_idx, n_readouts);
	struct mkey *k = sorted_keys(m, n, rank, n_idx, n_readouts);
	for (size_t i = 0; i < n; i++)
		m[i] = k[i].m;
	free(k);
	free(rank);
}

void matches_merge(struct match *m, size_t n, const struct match *add, size_t n_add, const size_t *idx, size_t n_idx,
                   size_t n_readouts)
{
	if (!n_add)
		return;
	size_t *rank = ranks_of(idx, n_idx, n_readouts);
	/* add sorted by rank, each readout's kept in the order they were
	 * (stable: their place in add breaks ties) */
	struct mkey *k = sorted_keys(add, n_add, rank, n_idx, n_readouts);
	/* from the back: on equal ranks (readouts not listed) m's go first */
	size_t i = n, j = n_add, out = n + n_add;
	while (j > 0) {
		size_t ri = i ? (m[i - 1].readout < n_readouts ? rank[m[i - 1].readout] : n_idx) : 0;
		if (i && ri > k[j - 1].rank)
			m[--out] = m[--i];
		else
			m[--out] = k[--j].m;
	}
	free(k);
	free(rank);
}
