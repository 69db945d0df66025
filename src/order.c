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

/* What a key says it has (flags of struct order_key). */
enum {
	KEY_FIRST = 1,         /* the order's field (a title, a language) */
	KEY_FIRST_LONG = 2,    /* its first 8 bytes do not settle a tie */
	KEY_DATE = 4,
	KEY_DATE_ODD = 8,      /* not a date of the format: not packed */
};

/* The first 8 bytes of s, big-endian and padded with zeros, which order
 * as strcmp orders the strings when they differ; *open when they do not
 * settle a tie (a longer string; lower: lower-cased as strcasecmp does,
 * for ASCII only). */
static uint64_t first_bytes(const char *s, bool lower, bool *open)
{
	uint64_t v = 0;
	size_t i = 0;
	*open = false;
	for (; i < 8 && s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (lower && ch >= 0x80)
			*open = true;
		if (lower && ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		v = v << 8 | ch;
	}
	if (i == 8 && s[8])
		*open = true;
	return i ? v << (8 * (8 - i)) : 0;
}

/* A date of the format (YYYY, YYYY-MM or YYYY-MM-DD: its digits at the
 * same places in each) packed whole: its digits alone, which order as
 * strcmp orders the dates (false for anything else). */
static bool packed_date(const char *s, uint64_t *v)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	*v = 0;
	size_t digits = 0;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash != (s[i] == '-') || (!dash && (s[i] < '0' || s[i] > '9')))
			return false;
		if (!dash) {
			*v = *v << 8 | (unsigned char)s[i];
			digits++;
		}
	}
	*v <<= 8 * (8 - digits);
	return true;
}

static struct order_key packed_key(const struct corpus *c, size_t ri, enum readout_order o)
{
	const struct readout *r = &c->readouts[ri];
	struct order_key k = { .file = r->file, .offset = r->offset };
	bool open;
	if (o == ORDER_TITLE) {
		struct key full;
		key_of(c, ri, o, &full);
		k.first = first_bytes(full.title, false, &open);
		k.flags |= KEY_FIRST | (open ? KEY_FIRST_LONG : 0);
		key_free(&full);
	} else if (o == ORDER_LANG && r->lang && *r->lang) {
		k.first = first_bytes(r->lang, true, &open);
		k.flags |= KEY_FIRST | (open ? KEY_FIRST_LONG : 0);
	}
	if (r->date && *r->date)
		k.flags |= KEY_DATE | (packed_date(r->date, &k.date) ? 0 : KEY_DATE_ODD);
	return k;
}

/* cmp's answer when the keys settle it, else 0 (compare the readouts). */
static int cmp_packed(const struct order_keys *k, const struct order_key *a, const struct order_key *b)
{
	if (k->o == ORDER_TITLE || k->o == ORDER_LANG) {
		bool ha = a->flags & KEY_FIRST, hb = b->flags & KEY_FIRST;
		if (ha != hb)
			return ha ? -1 : 1;
		if (ha && a->first != b->first)
			return a->first < b->first ? -1 : 1;
		if (ha && (a->flags | b->flags) & KEY_FIRST_LONG)
			return 0;
	}
	if (k->o != ORDER_PATH) {
		bool ha = a->flags & KEY_DATE, hb = b->flags & KEY_DATE;
		if (ha != hb)
			return ha ? -1 : 1;
		if (ha && (a->flags | b->flags) & KEY_DATE_ODD)
			return 0;
		if (ha && a->date != b->date)
			return a->date > b->date ? -1 : 1; /* newest first */
	}
	if (a->file != b->file && k->files_sorted)
		return a->file < b->file ? -1 : 1;
	if (a->file == b->file && a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return 0;
}

void order_keys_free(struct order_keys *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

void order_keys_make(const struct corpus *c, struct order_keys *k, const size_t *idx, size_t n,
                     enum readout_order o)
{
	if (k->o != o || k->n != n || !k->v) {
		order_keys_free(k);
		k->o = o;
		grow(&k->v, &k->cap, n + 1, sizeof(*k->v));
		for (size_t i = 0; i < n; i++)
			k->v[i] = packed_key(c, idx[i], o);
		k->n = n;
	}
	if (!k->files_seen)
		k->files_sorted = true;
	for (; k->files_seen < c->n_files; k->files_seen++) {
		size_t f = k->files_seen;
		const char *prev = f && c->files[f - 1].path ? c->files[f - 1].path : "";
		const char *now = c->files[f].path ? c->files[f].path : "";
		if (f && strcmp(prev, now) >= 0)
			k->files_sorted = false;
	}
}

void readouts_merge(const struct corpus *c, size_t *idx, size_t n, const size_t *add, size_t n_add,
                    enum readout_order o, struct order_keys *k)
{
	struct order_key *ka = NULL;
	if (k) {
		order_keys_make(c, k, idx, n, o);
		grow(&k->v, &k->cap, n + n_add + 1, sizeof(*k->v));
		ka = xmalloc((n_add + 1) * sizeof(*ka));
		for (size_t j = 0; j < n_add; j++)
			ka[j] = packed_key(c, add[j], o);
	}
	/* from the back: the last of add goes after the readouts of idx that
	 * come before it (a binary search), those after it moving up once */
	size_t hi = n, out = n + n_add;
	for (size_t j = n_add; j-- > 0;) {
		struct key kj, km;
		bool full = false; /* kj made */
		size_t lo = 0, h = hi;
		while (lo < h) {
			size_t mid = lo + (h - lo) / 2;
			int d = k ? cmp_packed(k, &k->v[mid], &ka[j]) : 0;
			if (!d) {
				if (!full)
					key_of(c, add[j], o, &kj);
				full = true;
				key_of(c, idx[mid], o, &km);
				d = cmp(&km, &kj);
				key_free(&km);
			}
			if (d < 0)
				lo = mid + 1;
			else
				h = mid;
		}
		if (full)
			key_free(&kj);
		size_t m = hi - lo;
		out -= m;
		if (m) {
			memmove(idx + out, idx + lo, m * sizeof(*idx));
			if (k)
				memmove(k->v + out, k->v + lo, m * sizeof(*k->v));
		}
		idx[--out] = add[j];
		if (k)
			k->v[out] = ka[j];
		hi = lo;
	}
	if (k)
		k->n = n + n_add;
	free(ka);
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
