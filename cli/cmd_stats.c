/* cmd_stats.c - `parley stats`: what a corpus holds: readouts, positions by
 * review state, and the speakers, topics and agreements that take part in
 * the most positions, as text or JSON; with query's filters, what of it
 * matches them. */
#include "filters.h"
#include "commands.h"
#include "corpus.h"
#include "facets.h"
#include "filter.h"
#include "output.h"

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
	       "  -f, --format=FORMAT    text (default) or json\n"
	       "  -n, --top=N            list the N first of each kind (default 10; 0: all)\n"
	       "      --no-cache         do not read or update the index cache\n"
	       "  -h, --help             display this help and exit\n\n"
	       "Labels are shown in the user's language (LANGUAGE, set lang, LANG), else in\n"
	       "English. Files that cannot be loaded are reported on standard error and\n"
	       "skipped.\n"
	       "Exit status: 0 on success, 1 when some readout was invalid and skipped, 2 on\n"
	       "a usage error, an unknown or ambiguous name, or a path that cannot be read.\n",
	       progname, cli_filter_help);
}

/* Per facet of each kind: the positions it takes part in and the readouts
 * they are in, among the matches. */
struct counts {
	size_t *pos[ENT_KINDS], *rd[ENT_KINDS], *last[ENT_KINDS];
	size_t rd_total;           /* readouts with a match */
};

static void count_one(struct counts *k, int kind, size_t g, size_t ri)
{
	k->pos[kind][g]++;
	if (k->last[kind][g] != ri + 1) {
		k->last[kind][g] = ri + 1;
		k->rd[kind][g]++;
	}
}

static void count_matches(struct counts *k, const struct corpus *c, const struct facets *fa, const struct match *m,
                          size_t n)
{
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		k->pos[kind] = calloc(fa->n[kind] + 1, sizeof(size_t));
		k->rd[kind] = calloc(fa->n[kind] + 1, sizeof(size_t));
		k->last[kind] = calloc(fa->n[kind] + 1, sizeof(size_t));
		if (!k->pos[kind] || !k->rd[kind] || !k->last[kind])
			abort();
	}
	for (size_t i = 0; i < n; i++) {
		size_t ri = m[i].readout;
		k->rd_total += !i || m[i - 1].readout != ri; /* matches come in corpus order */
		const struct readout *r = &c->readouts[ri];
		const struct position *p = &r->positions[m[i].position];
		const struct entity *sp = &RO_SPEAKERS(r)[p->speaker];
		count_one(k, ENT_SPEAKER, facets_global(fa, ENT_SPEAKER, ri, p->speaker), ri);
		for (size_t j = 0; j < sp->n_members; j++)
			count_one(k, ENT_SPEAKER, facets_global(fa, ENT_SPEAKER, ri, sp->members[j]), ri);
		for (size_t j = 0; j < p->n_topics; j++)
			count_one(k, ENT_TOPIC, facets_global(fa, ENT_TOPIC, ri, p->topics[j]), ri);
		for (size_t j = 0; j < p->n_agreements; j++)
			count_one(k, ENT_AGREEMENT, facets_global(fa, ENT_AGREEMENT, ri, p->agreements[j]), ri);
	}
}

int cmd_stats(int argc, char **argv)
{
	enum { O_NO_CACHE = OPT_FILTERS_END };
	static const struct option opts[] = {
		CLI_FILTER_LONG,
		{ "format", required_argument, NULL, 'f' },
		{ "top", required_argument, NULL, 'n' },
		{ "no-cache", no_argument, NULL, O_NO_CACHE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, use_cache = true;
	long top = 10;
	int ch, rc = 2;
	struct query q;
	query_init(&q);
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":" CLI_FILTER_SHORT "f:n:h", opts, NULL)) != -1) {
		int f = cli_filter(&q, ch, optarg, "stats");
		if (f < 0)
			goto out;
		if (f > 0)
			continue;
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") == 0)
				json = false;
			else {
				usage_error("stats", "invalid format '%s' (text or json)", optarg);
				goto out;
			}
			break;
		case 'n': {
			char *end;
			top = strtol(optarg, &end, 10);
			if (*end || end == optarg || top < 0) {
				usage_error("stats", "invalid number '%s' for --top", optarg);
				goto out;
			}
			break;
		}
		case O_NO_CACHE:
			use_cache = false;
			break;
		case 'h':
			help();
			rc = 0;
			goto out;
		case ':':
			if (strncmp(argv[optind - 1], "--", 2) != 0)
				usage_error("stats", "option requires an argument -- '%c'", optopt);
			else
				usage_error("stats", "option '%s' requires an argument", argv[optind - 1]);
			goto out;
		default:
			if (optopt && strncmp(argv[optind - 1], "--", 2) != 0)
				usage_error("stats", "invalid option -- '%c'", optopt);
			else
				usage_error("stats", "unrecognized option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	if (optind >= argc) {
		usage_error("stats", "missing PATH");
		goto out;
	}

	struct corpus c;
	struct facets fa;
	q.want_labels = (1u << ENT_KINDS) - 1;
	if (!cli_load("stats", &q, argv + optind, (size_t)(argc - optind), use_cache, true, &c, &fa))
		goto out;
	bool filtered = !filter_is_empty(&q.filter);
	size_t files = 0, readouts = c.n_readouts, positions = 0, by_review[REVIEW_COUNT] = { 0 };
	for (size_t i = 0; i < c.n_files; i++)
		files += !c.files[i].io_error;
	struct match *m = NULL;
	struct counts k;
	memset(&k, 0, sizeof(k));
	if (filtered) {
		size_t *rv = malloc((c.n_readouts + 1) * sizeof(size_t));
		if (!rv)
			abort();
		readouts = filter_readouts(&q.filter, &c, &fa, rv);
		free(rv);
		positions = filter_matches(&q.filter, &c, &fa, &m);
		for (size_t i = 0; i < positions; i++)
			by_review[c.readouts[m[i].readout].positions[m[i].position].review]++;
		count_matches(&k, &c, &fa, m, positions);
	} else {
		for (size_t i = 0; i < c.n_readouts; i++)
			for (size_t p = 0; p < c.readouts[i].n_positions; p++) {
				positions++;
				by_review[c.readouts[i].positions[p].review]++;
			}
	}

	/* each kind in the one order of facets, by the counts shown */
	static const char *const plural[ENT_KINDS] = { "speakers", "topics", "agreements" };
	size_t *order[ENT_KINDS], shown[ENT_KINDS], with[ENT_KINDS];
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		order[kind] = filtered ? facets_ranked_by(&fa, (enum entity_kind)kind, k.pos[kind], k.rd[kind])
		                       : facets_ranked(&fa, (enum entity_kind)kind);
		with[kind] = fa.n[kind];
		if (filtered) /* only those in a matching position */
			for (with[kind] = 0; with[kind] < fa.n[kind] && k.pos[kind][order[kind][with[kind]]]; with[kind]++)
				;
		shown[kind] = top == 0 || (size_t)top > with[kind] ? with[kind] : (size_t)top;
	}
#define NPOS(kind, g) (filtered ? k.pos[kind][g] : fa.v[kind][g].n_positions)
#define NRD(kind, g) (filtered ? k.rd[kind][g] : fa.v[kind][g].n_readouts)

	struct out o;
	out_init(&o, stdout);
	if (json) {
		printf("{\"readouts\":%zu,\"files\":%zu,\"invalid\":%zu,\"warnings\":%zu,\"filtered\":%s,",
		       readouts, files, c.n_skipped, c.diags.count[DIAG_WARN], filtered ? "true" : "false");
		if (filtered)
			printf("\"readouts_with_matches\":%zu,", k.rd_total);
		printf("\"positions\":{\"total\":%zu", positions);
		for (int r = 0; r < REVIEW_COUNT; r++)
			printf(",\"%s\":%zu", review_names[r], by_review[r]);
		putchar('}');
		for (int kind = 0; kind < ENT_KINDS; kind++) {
			printf(",\"%s\":{\"count\":%zu,\"top\":[", plural[kind], with[kind]);
			for (size_t i = 0; i < shown[kind]; i++) {
				size_t g = order[kind][i];
				const struct facet *f = &fa.v[kind][g];
				fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
				out_json_str(stdout, f->id);
				fputs(",\"label\":", stdout);
				out_json_str(stdout, f->label);
				printf(",\"positions\":%zu,\"readouts\":%zu}", NPOS(kind, g), NRD(kind, g));
			}
			fputs("]}", stdout);
		}
		puts("}");
	} else {
		printf("readouts   %zu%s in %zu file%s", readouts, filtered ? " matching" : "", files, files == 1 ? "" : "s");
		if (filtered)
			printf(", %zu with matching positions", k.rd_total);
		if (c.n_skipped)
			printf(" (%zu invalid, skipped)", c.n_skipped);
		if (c.diags.count[DIAG_WARN])
			printf(", %zu warning%s", c.diags.count[DIAG_WARN], c.diags.count[DIAG_WARN] == 1 ? "" : "s");
		printf("\npositions  %zu%s:", positions, filtered ? " matching" : "");
		for (int r = 0; r < REVIEW_COUNT; r++)
			printf("%s %zu %s", r ? "," : "", by_review[r], review_names[r]);
		putchar('\n');
		for (int kind = 0; kind < ENT_KINDS; kind++) {
			printf("\n%s: %zu", plural[kind], with[kind]);
			if (shown[kind] < with[kind])
				printf(", the %zu with the most positions", shown[kind]);
			printf("\n");
			if (!shown[kind])
				continue;
			int idw = 0;
			for (size_t i = 0; i < shown[kind]; i++) {
				char *id = out_clean(fa.v[kind][order[kind][i]].id, strlen(fa.v[kind][order[kind][i]].id));
				int w = out_width(id);
				if (w > idw)
					idw = w;
				free(id);
			}
			if (o.tty && idw > 32)
				idw = 32;
			if (idw < 2)
				idw = 2;
			printf("  positions  readouts  id");
			for (int w = 2; w < idw; w++)
				putchar(' ');
			printf("  label\n");
			for (size_t i = 0; i < shown[kind]; i++) {
				size_t g = order[kind][i];
				const struct facet *f = &fa.v[kind][g];
				char *id = out_clean(f->id, strlen(f->id)), *label = out_clean(f->label, strlen(f->label));
				printf("  %9zu  %8zu  ", NPOS(kind, g), NRD(kind, g));
				if (o.tty) {
					out_fit(&o, id, idw, true);
					fputs("  ", stdout);
					out_fit(&o, label, o.width - 26 - idw, false);
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
	}
#undef NPOS
#undef NRD
	fflush(stdout);
	rc = c.n_io_errors ? 2 : c.n_skipped ? 1 : 0;
	for (int kind = 0; kind < ENT_KINDS; kind++) {
		free(order[kind]);
		free(k.pos[kind]);
		free(k.rd[kind]);
		free(k.last[kind]);
	}
	free(m);
	facets_free(&fa);
	corpus_free(&c);
out:
	query_free(&q);
	return rc;
}
