/* score.c - how well drafted readouts match hand-annotated ones.
 *
 *   score [--min-f1 X] [--min-f1-each X] [--min-agr-recall X]
 *         [--min-agr-precision X] [--min-meta X] [--meta]
 *         GOLD DRAFT [GOLD DRAFT]...
 *
 * A gold position (not rejected) and a drafted one match when the speaker
 * is right and their spans overlap by at least half of the shorter; matches
 * are one to one, the largest overlaps first.  The speaker is right when a
 * label or alias of one is a label or alias of the other (folded: case and
 * accents ignored), or, for groups, when each member of one is right for a
 * member of the other and both have as many.  Agreement mentions match the
 * same way (spans overlapping by half, the agreement right by name or id).
 * Metadata: date and kind equal, place equal or one the start of the other
 * (a declined form), initiator right as a speaker; only what the gold
 * states and the text states too counts (a date's year and day, a place's
 * name).
 *
 * Prints a line per readout, then totals per language and in all; exits 1
 * when a total is below a --min given, or a readout's F1 below
 * --min-f1-each (or, with --meta, when a metadata field is wrong), 2 on a
 * file that cannot be read.
 */
#include "fold.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fileio.h"

struct tally {
	char lang[8];
	size_t readouts, gold, drafted, matched, ag_gold, ag_drafted, ag_matched, meta, meta_right;
};

static cJSON *load(const char *path)
{
	size_t n;
	char *buf = read_file(path, &n);
	if (!buf) {
		fprintf(stderr, "score: %s: cannot read\n", path);
		exit(2);
	}
	cJSON *j = cJSON_ParseWithLength(buf, n);
	free(buf);
	if (!j || !cJSON_IsObject(j)) {
		fprintf(stderr, "score: %s: not a readout\n", path);
		exit(2);
	}
	return j;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
}

static const cJSON *entity(const cJSON *r, const char *kind, const char *id)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(r, kind))
	{
		const char *i = str(e, "id");
		if (i && id && strcmp(i, id) == 0)
			return e;
	}
	return NULL;
}

static bool same_names(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return false;
	const char *la[64], *lb[64];
	size_t na = 0, nb = 0;
	la[na++] = str(a, "label");
	lb[nb++] = str(b, "label");
	const cJSON *v;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(a, "aliases")) if (cJSON_IsString(v) && na < 64) la[na++] =
		v->valuestring;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(b, "aliases")) if (cJSON_IsString(v) && nb < 64) lb[nb++] =
		v->valuestring;
	for (size_t i = 0; i < na; i++) {
		if (!la[i])
			continue;
		char *fa = fold_dup(la[i], strlen(la[i]));
		for (size_t k = 0; k < nb; k++) {
			if (!lb[k])
				continue;
			char *fb = fold_dup(lb[k], strlen(lb[k]));
			bool eq = strcmp(fa, fb) == 0;
			free(fb);
			if (eq) {
				free(fa);
				return true;
			}
		}
		free(fa);
	}
	return false;
}

/* Is drafted speaker d (of readout dr) right for gold speaker g (of gr)? */
static bool same_speaker(const cJSON *gr, const cJSON *g, const cJSON *dr, const cJSON *d)
{
	const cJSON *gm = cJSON_GetObjectItemCaseSensitive(g, "members");
	const cJSON *dm = cJSON_GetObjectItemCaseSensitive(d, "members");
	if (!gm != !dm)
		return false;
	if (!gm)
		return same_names(g, d) || (str(g, "id") && str(d, "id") && strcmp(str(g, "id"), str(d, "id")) == 0);
	if (cJSON_GetArraySize(gm) != cJSON_GetArraySize(dm))
		return false;
	const cJSON *a;
	cJSON_ArrayForEach(a, gm)
	{
		const cJSON *ge = entity(gr, "speakers", cJSON_IsString(a) ? a->valuestring : NULL);
		bool found = false;
		const cJSON *b;
		cJSON_ArrayForEach(b, dm)
		{
			const cJSON *de = entity(dr, "speakers", cJSON_IsString(b) ? b->valuestring : NULL);
			found = found || same_speaker(gr, ge, dr, de);
		}
		if (!found)
			return false;
	}
	return true;
}

struct span {
	long s, e;
	const cJSON *ent;
	bool used;
};

static long overlap(const struct span *a, const struct span *b)
{
	long s = a->s > b->s ? a->s : b->s, e = a->e < b->e ? a->e : b->e;
	return e > s ? e - s : 0;
}

static bool enough(const struct span *a, const struct span *b)
{
	long shorter = a->e - a->s < b->e - b->s ? a->e - a->s : b->e - b->s;
	return shorter > 0 && overlap(a, b) * 2 >= shorter;
}

/* one-to-one matches, the largest overlaps first */
static size_t match(struct span *g, size_t ng, struct span *d, size_t nd, const cJSON *gr, const cJSON *dr,
                    bool speakers)
{
	size_t m = 0;
	for (;;) {
		long best = 0;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < ng; i++) {
			if (g[i].used)
				continue;
			for (size_t j = 0; j < nd; j++) {
				if (d[j].used || !enough(&g[i], &d[j]))
					continue;
				/* an agreement mention is found when its span is: which
				 * agreement it names is the ids' business */
				bool right = speakers ? same_speaker(gr, g[i].ent, dr, d[j].ent) : true;
				long o = overlap(&g[i], &d[j]);
				if (right && o > best) {
					best = o;
					bi = i;
					bj = j;
				}
			}
		}
		if (!best)
			return m;
		g[bi].used = d[bj].used = true;
		m++;
	}
}

static size_t positions(const cJSON *r, struct span *out, size_t cap)
{
	size_t n = 0;
	const cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(r, "positions"))
	{
		const char *rev = str(p, "review");
		if ((rev && strcmp(rev, "rejected") == 0) || n >= cap)
			continue;
		out[n++] = (struct span){ num(p, "start"), num(p, "end"), entity(r, "speakers", str(p, "speaker")), false };
	}
	return n;
}

static size_t agreement_mentions(const cJSON *r, struct span *out, size_t cap)
{
	size_t n = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(r, "mentions"))
	{
		const cJSON *a = entity(r, "agreements", str(m, "ref"));
		if (a && n < cap)
			out[n++] = (struct span){ num(m, "start"), num(m, "end"), a, false };
	}
	return n;
}

static bool place_right(const char *g, const char *d)
{
	if (!d)
		return false;
	char *fg = fold_dup(g, strlen(g)), *fd = fold_dup(d, strlen(d));
	size_t lg = strlen(fg), ld = strlen(fd), k = lg < ld ? lg : ld;
	/* the same, or one a declined form of the other: the same but for at
	 * most the last two letters */
	bool right = k >= 3 && strncmp(fg, fd, k - (k > 5 ? 2 : 0)) == 0 && (lg > ld ? lg - ld : ld - lg) <= 4;
	free(fg);
	free(fd);
	return right;
}

/* the number n, not part of a longer one, in s */
static bool has_number(const char *s, int n)
{
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		char *e;
		long v = strtol(p, &e, 10);
		if (v == n && e - p <= 2)
			return true;
		p = e - 1;
	}
	return false;
}

static void meta(const cJSON *gr, const cJSON *dr, const char *name, size_t *total, size_t *right, bool verbose)
{
	static const char *const keys[] = { "date", "kind", "place", "initiator", NULL };
	const char *text = str(gr, "text");
	for (int k = 0; keys[k]; k++) {
		const char *g = str(gr, keys[k]), *d = str(dr, keys[k]);
		if (!g)
			continue;
		/* only what the text states: the date's year, the place's name
		 * (but for a declined ending) are in it */
		if (k == 0 && text && !(strlen(g) >= 4 && strstr(text, (char[]){ g[0], g[1], g[2], g[3], 0 })))
			continue;
		/* and its day, as a number of its own ("Today" states none) */
		if (k == 0 && text && strlen(g) == 10 && !has_number(text, atoi(g + 8)))
			continue;
		if (k == 2 && text) {
			char *ft = fold_dup(text, strlen(text)), *fp = fold_dup(g, strlen(g));
			size_t l = strlen(fp);
			if (l > 5)
				fp[l - 2] = '\0';
			bool stated = strstr(ft, fp) != NULL;
			free(ft);
			free(fp);
			if (!stated)
				continue;
		}
		bool ok;
		if (k == 2)
			ok = place_right(g, d);
		else if (k == 3)
			ok = d && same_speaker(gr, entity(gr, "speakers", g), dr, entity(dr, "speakers", d));
		else
			ok = d && strcmp(g, d) == 0;
		(*total)++;
		*right += ok;
		if (!ok && verbose)
			printf("#   %s: %s is '%s', drafted '%s'\n", name, keys[k], g, d ? d : "(none)");
	}
}

static void tally_add(struct tally *t, const struct tally *r)
{
	t->readouts += r->readouts;
	t->gold += r->gold;
	t->drafted += r->drafted;
	t->matched += r->matched;
	t->ag_gold += r->ag_gold;
	t->ag_drafted += r->ag_drafted;
	t->ag_matched += r->ag_matched;
	t->meta += r->meta;
	t->meta_right += r->meta_right;
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 1.0;
}

static double f1(const struct tally *t)
{
	double p = ratio(t->matched, t->drafted), r = ratio(t->matched, t->gold);
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void print(const char *name, const struct tally *t)
{
	printf("%-52s %3zu %3zu %3zu  P %.2f R %.2f F1 %.2f  agr %2zu/%2zu/%2zu R %.2f P %.2f  meta %zu/%zu\n", name,
	       t->gold, t->drafted, t->matched, ratio(t->matched, t->drafted), ratio(t->matched, t->gold), f1(t),
	       t->ag_gold, t->ag_drafted, t->ag_matched, ratio(t->ag_matched, t->ag_gold),
	       ratio(t->ag_matched, t->ag_drafted), t->meta_right, t->meta);
}

int main(int argc, char **argv)
{
	double min_f1 = 0, min_ar = 0, min_ap = 0, min_each = 0, min_meta = 0;
	int below_each = 0;
	bool need_meta = false, verbose = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--min-f1") == 0 && i + 1 < argc)
			min_f1 = atof(argv[++i]);
		else if (strcmp(argv[i], "--min-agr-recall") == 0 && i + 1 < argc)
			min_ar = atof(argv[++i]);
		else if (strcmp(argv[i], "--min-agr-precision") == 0 && i + 1 < argc)
			min_ap = atof(argv[++i]);
		else if (strcmp(argv[i], "--min-f1-each") == 0 && i + 1 < argc)
			min_each = atof(argv[++i]);
		else if (strcmp(argv[i], "--min-meta") == 0 && i + 1 < argc)
			min_meta = atof(argv[++i]);
		else if (strcmp(argv[i], "--meta") == 0)
			need_meta = true;
		else if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else {
			fprintf(stderr, "score: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if ((argc - i) % 2 || argc == i) {
		fprintf(stderr, "usage: score [--min-f1 X] [--min-f1-each X] [--min-agr-recall X] [--min-agr-precision X] [--min-meta X] [--meta] [-v] GOLD DRAFT...\n");
		return 2;
	}
	struct tally all = { "all", 0, 0, 0, 0, 0, 0, 0, 0, 0 }, langs[16];
	size_t nl = 0;
	printf("%-52s %3s %3s %3s  positions              agreement mentions           metadata\n", "readout", "gld",
	       "drf", "ok");
	for (; i < argc; i += 2) {
		cJSON *gr = load(argv[i]), *dr = load(argv[i + 1]);
		const char *gt = str(gr, "text"), *dt = str(dr, "text");
		if (!gt || !dt || strcmp(gt, dt) != 0)
			printf("# %s: the draft's text differs from the gold's: offsets do not compare\n", argv[i]);
		struct span g[512], d[512];
		struct tally t = { "", 1, 0, 0, 0, 0, 0, 0, 0, 0 };
		snprintf(t.lang, sizeof(t.lang), "%s", str(gr, "lang") ? str(gr, "lang") : "?");
		t.gold = positions(gr, g, 512);
		t.drafted = positions(dr, d, 512);
		t.matched = match(g, t.gold, d, t.drafted, gr, dr, true);
		if (verbose)
			for (size_t k = 0; k < t.gold; k++)
				if (!g[k].used)
					printf("#   missed %ld-%ld %s\n", g[k].s, g[k].e, str(g[k].ent, "id"));
		if (verbose)
			for (size_t k = 0; k < t.drafted; k++)
				if (!d[k].used)
					printf("#   wrong  %ld-%ld %s\n", d[k].s, d[k].e, str(d[k].ent, "id"));
		t.ag_gold = agreement_mentions(gr, g, 512);
		t.ag_drafted = agreement_mentions(dr, d, 512);
		t.ag_matched = match(g, t.ag_gold, d, t.ag_drafted, gr, dr, false);
		if (verbose)
			for (size_t k = 0; k < t.ag_gold; k++)
				if (!g[k].used)
					printf("#   agreement missed %ld-%ld %s\n", g[k].s, g[k].e, str(g[k].ent, "id"));
		if (verbose)
			for (size_t k = 0; k < t.ag_drafted; k++)
				if (!d[k].used)
					printf("#   agreement wrong  %ld-%ld %s\n", d[k].s, d[k].e, str(d[k].ent, "id"));
		const char *base = strrchr(argv[i], '/');
		base = base ? base + 1 : argv[i];
		meta(gr, dr, base, &t.meta, &t.meta_right, true);
		print(base, &t);
		if (f1(&t) < min_each) {
			printf("# %s: position F1 %.3f is below %.2f\n", base, f1(&t), min_each);
			below_each++;
		}
		tally_add(&all, &t);
		size_t l = 0;
		while (l < nl && strcmp(langs[l].lang, t.lang) != 0)
			l++;
		if (l == nl && nl < 16) {
			memset(&langs[nl], 0, sizeof(langs[nl]));
			snprintf(langs[nl].lang, sizeof(langs[nl].lang), "%s", t.lang);
			nl++;
		}
		if (l < nl)
			tally_add(&langs[l], &t);
		cJSON_Delete(gr);
		cJSON_Delete(dr);
	}
	printf("\n");
	for (size_t l = 0; l < nl; l++) {
		char name[96];
		snprintf(name, sizeof(name), "%.8s (%zu readouts)", langs[l].lang, langs[l].readouts);
		print(name, &langs[l]);
	}
	char name[64];
	snprintf(name, sizeof(name), "all (%zu readouts)", all.readouts);
	print(name, &all);
	int rc = 0;
	if (f1(&all) < min_f1) {
		printf("# position F1 %.3f is below %.2f\n", f1(&all), min_f1);
		rc = 1;
	}
	if (ratio(all.ag_matched, all.ag_gold) < min_ar) {
		printf("# agreement mention recall %.3f is below %.2f\n", ratio(all.ag_matched, all.ag_gold), min_ar);
		rc = 1;
	}
	if (ratio(all.ag_matched, all.ag_drafted) < min_ap) {
		printf("# agreement mention precision %.3f is below %.2f\n", ratio(all.ag_matched, all.ag_drafted), min_ap);
		rc = 1;
	}
	if (below_each)
		rc = 1;
	if (ratio(all.meta_right, all.meta) < min_meta) {
		printf("# metadata %zu of %zu right, below %.2f\n", all.meta_right, all.meta, min_meta);
		rc = 1;
	}
	if (need_meta && all.meta_right < all.meta) {
		printf("# %zu of %zu metadata fields are wrong\n", all.meta - all.meta_right, all.meta);
		rc = 1;
	}
	return rc;
}
