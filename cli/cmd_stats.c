/* cmd_stats.c - `parley stats`: what a corpus holds: readouts, positions by
 * review state, and the speakers, topics and agreements that take part in
 * the most positions, as text, TSV or JSON; with query's filters, what of it
 * matches them. */
#include "filters.h"
#include "commands.h"
#include "corpus.h"
#include "facets.h"
#include "filter.h"
#include "output.h"
#include "query.h"
#include "userconf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void)
{
	printf("Usage: %s stats [OPTION]... PATH...\n"
	       "Summarise the readouts in PATH (.json, .jsonl, or directories of them): how\n"
	       "many readouts and positions, positions by review state, and the speakers,\n"
	       "topics and agreements with the most positions (a group's positions count\n"
	       "for each member). With filters, the readouts and positions that match\n"
	       "them, and the entities by their matching positions.\n\n%s\n"
	       "Output:\n"
	       "  -f, --format=FORMAT    text (default), tsv or json; tsv: a header, then one\n"
	       "                         row per count: kind (corpus, review, speaker, topic,\n"
	       "                         agreement), id, label, positions, readouts\n"
	       "  -n, --top=N            list the N first of each kind (default 10; 0: all)\n"
	       "      --no-cache         do not read or update the index cache\n"
	       "%s"
	       "  -h, --help             display this help and exit\n\n"
	       "Labels are shown in the user's language (LANGUAGE, set lang, LANG), else in\n"
	       "English. Files that cannot be loaded are reported on standard error and\n"
	       "skipped.\n"
	       "Exit status: 0 on success, 1 when some readout was invalid and skipped or\n"
	       "none was found, 2 on a usage error, an unknown or ambiguous name, or a path\n"
	       "that cannot be read.\n",
	       progname, cli_filter_help, max_file_size_help);
}

enum stats_fmt { STATS_TEXT, STATS_TSV, STATS_JSON };

struct stats_opts {
	enum stats_fmt fmt;
	bool use_cache;
	long top;
};

/* Reads the options into q and o: 1 to go on (argv[optind] the first
 * path), else the exit status (help shown, or a usage error said). */
static int parse_options(int argc, char **argv, struct query *q, struct stats_opts *o)
{
	enum { O_NO_CACHE = OPT_FILTERS_END, O_MAX_SIZE };
	static const struct option opts[] = {
		CLI_FILTER_LONG,
		{ "format", required_argument, NULL, 'f' },
		{ "top", required_argument, NULL, 'n' },
		{ "no-cache", no_argument, NULL, O_NO_CACHE },
		{ "max-file-size", required_argument, NULL, O_MAX_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	const char *max_size = NULL;
	*o = (struct stats_opts){ .fmt = STATS_TEXT, .use_cache = true, .top = 10 };
	opterr = 0;
	optind = 1;
	while ((ch = cli_getopt(argc, argv, ":" CLI_FILTER_SHORT "f:n:h", opts)) != -1) {
		int f = cli_filter(q, ch, optarg, "stats");
		if (f < 0)
			return 2;
		if (f > 0)
			continue;
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o->fmt = STATS_JSON;
			else if (strcmp(optarg, "tsv") == 0)
				o->fmt = STATS_TSV;
			else if (strcmp(optarg, "text") == 0)
				o->fmt = STATS_TEXT;
			else
				return usage_error("stats", "invalid format '%s' (text, tsv or json)", optarg);
			break;
		case 'n': {
			char *end;
			o->top = strtol(optarg, &end, 10);
			if (*end || end == optarg || o->top < 0)
				return usage_error("stats", "invalid number '%s' for --top", optarg);
			break;
		}
		case O_NO_CACHE:
			o->use_cache = false;
			break;
		case O_MAX_SIZE:
			max_size = optarg;
			break;
		case 'h':
			help();
			return 0;
		default: /* ':' or '?' */
			return option_error("stats", ch, argv);
		}
	}
	if (optind >= argc)
		return usage_error("stats", "missing PATH");
	if (max_file_size_setup("stats", max_size))
		return 2;
	return 1;
}

/* Filtered, the readouts counted as they come and let go (query_stream):
 * those that match, their matching positions, and per entity (by id) its
 * matching positions and readouts, as summarise counts them of a corpus
 * held. */
struct tally {
	struct facets fa;            /* the entities of the readouts counted (facets_tally) */
	size_t readouts, positions, by_review[REVIEW_COUNT], rd_total;
	size_t *pos[ENT_KINDS], *rd[ENT_KINDS], cap[ENT_KINDS];
};

/* The counts of t as many as its entities (those not counted yet 0). */
static void tally_fit(struct tally *t)
{
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		size_t nf = t->fa.n[kind] + 1;
		if (nf <= t->cap[kind])
			continue;
		size_t cap = nf > 2 * t->cap[kind] ? nf : 2 * t->cap[kind];
		t->pos[kind] = xrealloc(t->pos[kind], cap * sizeof(size_t));
		t->rd[kind] = xrealloc(t->rd[kind], cap * sizeof(size_t));
		memset(t->pos[kind] + t->cap[kind], 0, (cap - t->cap[kind]) * sizeof(size_t));
		memset(t->rd[kind] + t->cap[kind], 0, (cap - t->cap[kind]) * sizeof(size_t));
		t->cap[kind] = cap;
	}
}

static void tally_emit(const struct corpus *c1, const struct facets *fa1, const struct filter *f,
                       const struct match *m, size_t n, void *arg)
{
	struct tally *t = arg;
	const struct readout *r = &c1->readouts[0];
	t->readouts += filter_readout(f, c1, fa1, 0);
	/* (its entities join, matched or not, as a corpus held has them all;
	 * the counts then have a place for each) */
	facets_tally(&t->fa, r);
	tally_fit(t);
	if (!n)
		return;
	t->positions += n;
	t->rd_total++;
	for (size_t i = 0; i < n; i++)
		t->by_review[r->positions[m[i].position].review]++;
	struct facet_counts k;
	facets_count_matches(&k, c1, fa1, m, n);
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		for (size_t g = 0; g < fa1->n[kind]; g++) {
			if (!k.pos[kind][g] && !k.rd[kind][g])
				continue;
			long at = facets_find(&t->fa, (enum entity_kind)kind, fa1->v[kind][g].id);
			if (at < 0)
				continue; /* (facets_tally took every entity of r) */
			t->pos[kind][at] += k.pos[kind][g];
			t->rd[kind][at] += k.rd[kind][g];
		}
	}
	facet_counts_free(&k);
}

/* What the summary shows: the totals, and per kind the facets in the one
 * order of facets by the counts shown, with and without a filter. */
struct summary {
	const struct corpus *c;
	const struct facets *fa;
	bool filtered;
	size_t files, readouts, positions, by_review[REVIEW_COUNT];
	struct facet_counts k;     /* filtered: among the matches */
	size_t *order[ENT_KINDS], shown[ENT_KINDS], with[ENT_KINDS];
};

static void summarise(struct summary *s, const struct query *q, const struct corpus *c, const struct facets *fa,
                      struct tally *t, long top)
{
	memset(s, 0, sizeof(*s));
	s->c = c;
	s->fa = q->census ? &q->census->fa : t ? &t->fa : fa;
	fa = s->fa;
	s->filtered = !filter_is_empty(&q->filter);
	s->readouts = c->n_readouts;
	for (size_t i = 0; i < c->n_files; i++)
		s->files += !c->files[i].io_error;
	if (q->census) { /* (counted as they came, none held) */
		s->readouts = q->census->readouts;
		s->positions = q->census->positions;
		memcpy(s->by_review, q->census->by_review, sizeof(s->by_review));
	} else if (t) { /* (filtered, counted as they came) */
		s->readouts = t->readouts;
		s->positions = t->positions;
		memcpy(s->by_review, t->by_review, sizeof(s->by_review));
		s->k.rd_total = t->rd_total;
		tally_fit(t);
		for (int kind = 0; kind < ENT_KINDS; kind++) { /* (the summary's now) */
			s->k.n[kind] = fa->n[kind];
			s->k.pos[kind] = t->pos[kind];
			s->k.rd[kind] = t->rd[kind];
			t->pos[kind] = t->rd[kind] = NULL;
			t->cap[kind] = 0;
		}
	} else if (s->filtered) {
		size_t *rv = malloc((c->n_readouts + 1) * sizeof(size_t));
		struct match *m = NULL;
		if (!rv)
			abort();
		s->readouts = filter_readouts(&q->filter, c, fa, rv);
		free(rv);
		s->positions = filter_matches(&q->filter, c, fa, &m);
		for (size_t i = 0; i < s->positions; i++)
			s->by_review[c->readouts[m[i].readout].positions[m[i].position].review]++;
		facets_count_matches(&s->k, c, fa, m, s->positions);
		free(m);
	} else {
		for (size_t i = 0; i < c->n_readouts; i++)
			for (size_t p = 0; p < c->readouts[i].n_positions; p++) {
				s->positions++;
				s->by_review[c->readouts[i].positions[p].review]++;
			}
	}
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		enum entity_kind ek = (enum entity_kind)kind;
		s->order[kind] = s->filtered ? facets_ranked_by(fa, ek, s->k.pos[kind], s->k.rd[kind])
		                             : facets_ranked(fa, ek);
		s->with[kind] = fa->n[kind];
		if (s->filtered) /* only those in a matching position */
			for (s->with[kind] = 0;
			     s->with[kind] < fa->n[kind] && s->k.pos[kind][s->order[kind][s->with[kind]]]; s->with[kind]++)
				;
		s->shown[kind] = top == 0 || (size_t)top > s->with[kind] ? s->with[kind] : (size_t)top;
	}
}

static void summary_free(struct summary *s)
{
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		free(s->order[kind]);
	}
	facet_counts_free(&s->k);
}

/* Facet g of a kind: its positions and readouts, as counted. */
static size_t n_pos(const struct summary *s, int kind, size_t g)
{
	return s->filtered ? s->k.pos[kind][g] : s->fa->v[kind][g].n_positions;
}

static size_t n_rd(const struct summary *s, int kind, size_t g)
{
	return s->filtered ? s->k.rd[kind][g] : s->fa->v[kind][g].n_readouts;
}


static void print_json(const struct summary *s)
{
	const struct corpus *c = s->c;
	printf("{\"readouts\":%zu,\"files\":%zu,\"invalid\":%zu,\"lines_not_read\":%zu,\"paths_not_read\":%zu,"
	       "\"warnings\":%zu,\"filtered\":%s,",
	       s->readouts, s->files, corpus_invalid(c), c->n_lines_unread, c->n_io_errors, c->diags.count[DIAG_WARN],
	       s->filtered ? "true" : "false");
	if (s->filtered)
		printf("\"readouts_with_matches\":%zu,", s->k.rd_total);
	printf("\"positions\":{\"total\":%zu", s->positions);
	for (int r = 0; r < REVIEW_COUNT; r++)
		printf(",\"%s\":%zu", review_names[r], s->by_review[r]);
	putchar('}');
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		printf(",\"%s\":{\"count\":%zu,\"top\":[", entity_kind_plural[kind], s->with[kind]);
		for (size_t i = 0; i < s->shown[kind]; i++) {
			size_t g = s->order[kind][i];
			const struct facet *f = &s->fa->v[kind][g];
			fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
			out_json_str(stdout, f->id);
			fputs(",\"label\":", stdout);
			out_json_str(stdout, f->label);
			printf(",\"positions\":%zu,\"readouts\":%zu}", n_pos(s, kind, g), n_rd(s, kind, g));
		}
		fputs("]}", stdout);
	}
	puts("}");
}

/* One TSV row: kind, id, label, positions, readouts (an empty field for a
 * count that does not apply: (size_t)-1). */
static void tsv_row(const struct out *o, const char *kind, const char *id, const char *label, size_t pos, size_t rd)
{
	out_tsv(o, kind);
	putchar('\t');
	out_tsv(o, id);
	putchar('\t');
	out_tsv(o, label);
	putchar('\t');
	if (pos != (size_t)-1)
		printf("%zu", pos);
	putchar('\t');
	if (rd != (size_t)-1)
		printf("%zu", rd);
	putchar('\n');
}

static void print_tsv(const struct summary *s)
{
	static const char *const singular[ENT_KINDS] = { "speaker", "topic", "agreement" };
	struct out o;
	out_init(&o, stdout);
	puts("kind\tid\tlabel\tpositions\treadouts");
	tsv_row(&o, "corpus", NULL, NULL, s->positions, s->readouts);
	/* what text and JSON say beside the readouts: a count's row, the
	 * number in the last column */
	const struct corpus *c = s->c;
	tsv_row(&o, "count", "files", NULL, (size_t)-1, s->files);
	tsv_row(&o, "count", "invalid", NULL, (size_t)-1, corpus_invalid(c));
	tsv_row(&o, "count", "warnings", NULL, (size_t)-1, c->diags.count[DIAG_WARN]);
	tsv_row(&o, "count", "lines-not-read", NULL, (size_t)-1, c->n_lines_unread);
	tsv_row(&o, "count", "paths-not-read", NULL, (size_t)-1, c->n_io_errors);
	for (int r = 0; r < REVIEW_COUNT; r++)
		tsv_row(&o, "review", review_names[r], NULL, s->by_review[r], (size_t)-1);
	for (int kind = 0; kind < ENT_KINDS; kind++)
		for (size_t i = 0; i < s->shown[kind]; i++) {
			size_t g = s->order[kind][i];
			const struct facet *f = &s->fa->v[kind][g];
			tsv_row(&o, singular[kind], f->id, f->label, n_pos(s, kind, g), n_rd(s, kind, g));
		}
}

/* The least a label is given beside the counts and the id on a terminal,
 * and the indent of its line of its own when they leave it less. */
#define LABEL_MIN 20
#define LABEL_INDENT 4

/* One kind's table: counts, id (whole, in a column as wide as the widest
 * shown) and label, fitted to the terminal: the label cut to what is
 * left, or on a line of its own under the row, indented, when that is
 * less than LABEL_MIN. */
static void print_kind(struct out *o, const struct summary *s, int kind)
{
	const struct facets *fa = s->fa;
	printf("\n%s: %zu", entity_kind_plural[kind], s->with[kind]);
	if (s->shown[kind] < s->with[kind])
		printf(", the %zu with the most positions", s->shown[kind]);
	printf("\n");
	if (!s->shown[kind])
		return;
	int idw = 0;
	for (size_t i = 0; i < s->shown[kind]; i++) {
		const char *raw = fa->v[kind][s->order[kind][i]].id;
		char *id = out_clean(raw, strlen(raw));
		int w = out_width(id);
		if (w > idw)
			idw = w;
		free(id);
	}
	if (idw < 2)
		idw = 2;
	int labelw = o->width - 25 - idw; /* (the counts and the id: "  %9  %8  ID  ") */
	bool two_lines = o->tty && labelw < LABEL_MIN;
	if (two_lines) {
		printf("  positions  readouts  id\n%*slabel\n", LABEL_INDENT, "");
	} else {
		printf("  positions  readouts  id");
		for (int w = 2; w < idw; w++)
			putchar(' ');
		printf("  label\n");
	}
	for (size_t i = 0; i < s->shown[kind]; i++) {
		size_t g = s->order[kind][i];
		const struct facet *f = &fa->v[kind][g];
		char *id = out_clean(f->id, strlen(f->id)), *label = out_clean(f->label, strlen(f->label));
		printf("  %9zu  %8zu  ", n_pos(s, kind, g), n_rd(s, kind, g));
		if (two_lines) {
			fputs(id, stdout);
			printf("\n%*s", LABEL_INDENT, "");
			out_fit(o, label, o->width - LABEL_INDENT > 1 ? o->width - LABEL_INDENT : 1, false);
		} else if (o->tty) {
			out_fit(o, id, idw, true);
			fputs("  ", stdout);
			out_fit(o, label, labelw, false);
		} else {
			fputs(id, stdout);
			for (int w = out_width(id); w < idw; w++)
				putchar(' ');
			printf("  %s", label);
		}
		putchar('\n');
		free(id);
		free(label);
	}
}

static void print_text(const struct summary *s)
{
	const struct corpus *c = s->c;
	struct out o;
	out_init(&o, stdout);
	printf("readouts   %zu%s in %zu file%s", s->readouts, s->filtered ? " matching" : "", s->files,
	       s->files == 1 ? "" : "s");
	if (s->filtered)
		printf(", %zu with matching positions", s->k.rd_total);
	if (corpus_invalid(c) || c->n_lines_unread) {
		printf(" (");
		if (corpus_invalid(c))
			printf("%zu invalid, skipped%s", corpus_invalid(c), c->n_lines_unread ? "; " : "");
		if (c->n_lines_unread)
			printf("%zu line%s longer than the size limit not read", c->n_lines_unread,
			       c->n_lines_unread == 1 ? "" : "s");
		printf(")");
	}
	if (c->diags.count[DIAG_WARN])
		printf(", %zu warning%s", c->diags.count[DIAG_WARN], c->diags.count[DIAG_WARN] == 1 ? "" : "s");
	printf("\npositions  %zu%s:", s->positions, s->filtered ? " matching" : "");
	for (int r = 0; r < REVIEW_COUNT; r++)
		printf("%s %zu %s", r ? "," : "", s->by_review[r], review_names[r]);
	putchar('\n');
	for (int kind = 0; kind < ENT_KINDS; kind++)
		print_kind(&o, s, kind);
}

int cmd_stats(int argc, char **argv)
{
	struct stats_opts o;
	struct query q;
	query_init(&q);
	struct tally t = { 0 };
	char lang[12];
	facets_init(&t.fa, userconf_lang(lang, sizeof(lang)));
	int rc = parse_options(argc, argv, &q, &o);
	if (rc != 1)
		goto out;
	rc = 2;
	struct corpus c;
	struct facets fa;
	q.want_labels = (1u << ENT_KINDS) - 1;
	/* without filters: each readout counted as it comes and let go (none
	 * held; cli_load leaves it unset with filters); with them, the same
	 * of the readouts the filters keep (query_stream; cli_load leaves it
	 * unset without filters) */
	struct query_census census = { 0 };
	q.census = &census;
	struct query_stream qs = { .emit = tally_emit, .arg = &t, .every = true };
	q.stream = &qs;
	if (!cli_load("stats", &q, argv + optind, (size_t)(argc - optind), o.use_cache, true, &c, &fa))
		goto out;
	bool tallied = q.stream && qs.streamed;
	if (tallied) /* (the labels the corpus's, of every readout's names) */
		query_labels(&q, &t.fa);
	struct summary s;
	summarise(&s, &q, &c, &fa, tallied ? &t : NULL, o.top);
	if (o.fmt == STATS_JSON)
		print_json(&s);
	else if (o.fmt == STATS_TSV)
		print_tsv(&s);
	else
		print_text(&s);
	/* (a write error: main's out_flush, as every command's) */
	rc = corpus_some_unread(&c) ? 2 : corpus_invalid(&c) || corpus_found_none(&c) ? 1 : 0;
	summary_free(&s);
	facets_free(&fa);
	corpus_free(&c);
out:
	if (q.census)
		facets_free(&q.census->fa);
	facets_free(&t.fa);
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		free(t.pos[kind]);
		free(t.rd[kind]);
	}
	query_free(&q);
	return rc;
}
