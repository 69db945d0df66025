/* cmd_stats.c - `parley stats`: what a corpus holds: readouts, positions by
 * review state, and the speakers, topics and agreements that take part in
 * the most positions, as text or JSON. */
#include "commands.h"
#include "corpus.h"
#include "facets.h"
#include "output.h"
#include "settings.h"

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
	       "for each member).\n\n"
	       "  -f, --format=FORMAT    text (default) or json\n"
	       "  -n, --top=N            list the N first of each kind (default 10; 0: all)\n"
	       "      --no-cache         do not read or update the index cache\n"
	       "  -h, --help             display this help and exit\n\n"
	       "Files that cannot be loaded are reported on standard error and skipped.\n"
	       "Exit status: 0 on success, 2 on a usage error or a path that cannot be read.\n",
	       progname);
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "top", required_argument, NULL, 'n' },
		{ "no-cache", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, use_cache = true;
	long top = 10;
	int ch;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":f:n:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") == 0)
				json = false;
			else
				return usage_error("stats", "invalid format '%s' (text or json)", optarg);
			break;
		case 'n': {
			char *end;
			top = strtol(optarg, &end, 10);
			if (*end || end == optarg || top < 0)
				return usage_error("stats", "invalid number '%s' for --top", optarg);
			break;
		}
		case 'C':
			use_cache = false;
			break;
		case 'h':
			help();
			return 0;
		case ':':
			if (strncmp(argv[optind - 1], "--", 2) != 0)
				return usage_error("stats", "option requires an argument -- '%c'", optopt);
			return usage_error("stats", "option '%s' requires an argument", argv[optind - 1]);
		default:
			if (optopt && strncmp(argv[optind - 1], "--", 2) != 0)
				return usage_error("stats", "invalid option -- '%c'", optopt);
			return usage_error("stats", "unrecognized option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("stats", "missing PATH");

	struct corpus c;
	corpus_init(&c);
	struct corpus_opts co = { .use_cache = use_cache, .lazy_texts = true }; /* no text is needed */
	corpus_load(&c, argv + optind, (size_t)(argc - optind), &co);
	fflush(stdout);
	out_diags(&c.diags);

	struct facets fa;
	char lang[12];
	facets_build(&fa, &c, config_user_lang(lang, sizeof(lang)));
	size_t files = 0, positions = 0, by_review[REVIEW_COUNT] = { 0 };
	for (size_t i = 0; i < c.n_files; i++)
		files += !c.files[i].io_error;
	for (size_t i = 0; i < c.n_readouts; i++)
		for (size_t p = 0; p < c.readouts[i].n_positions; p++) {
			positions++;
			by_review[c.readouts[i].positions[p].review]++;
		}

	static const char *const plural[ENT_KINDS] = { "speakers", "topics", "agreements" };
	size_t *order[ENT_KINDS], shown[ENT_KINDS];
	for (int k = 0; k < ENT_KINDS; k++) {
		order[k] = facets_ranked(&fa, (enum entity_kind)k);
		shown[k] = top == 0 || (size_t)top > fa.n[k] ? fa.n[k] : (size_t)top;
	}

	struct out o;
	out_init(&o, stdout);
	if (json) {
		printf("{\"readouts\":%zu,\"files\":%zu,\"invalid\":%zu,\"warnings\":%zu,\"positions\":{\"total\":%zu",
		       c.n_readouts, files, c.n_skipped, c.diags.count[DIAG_WARN], positions);
		for (int r = 0; r < REVIEW_COUNT; r++)
			printf(",\"%s\":%zu", review_names[r], by_review[r]);
		putchar('}');
		for (int k = 0; k < ENT_KINDS; k++) {
			printf(",\"%s\":{\"count\":%zu,\"top\":[", plural[k], fa.n[k]);
			for (size_t i = 0; i < shown[k]; i++) {
				const struct facet *f = &fa.v[k][order[k][i]];
				fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
				out_json_str(stdout, f->id);
				fputs(",\"label\":", stdout);
				out_json_str(stdout, f->label);
				printf(",\"positions\":%zu,\"readouts\":%zu}", f->n_positions, f->n_readouts);
			}
			fputs("]}", stdout);
		}
		puts("}");
	} else {
		printf("readouts   %zu in %zu file%s", c.n_readouts, files, files == 1 ? "" : "s");
		if (c.n_skipped)
			printf(" (%zu invalid, skipped)", c.n_skipped);
		if (c.diags.count[DIAG_WARN])
			printf(", %zu warning%s", c.diags.count[DIAG_WARN], c.diags.count[DIAG_WARN] == 1 ? "" : "s");
		printf("\npositions  %zu:", positions);
		for (int r = 0; r < REVIEW_COUNT; r++)
			printf("%s %zu %s", r ? "," : "", by_review[r], review_names[r]);
		putchar('\n');
		for (int k = 0; k < ENT_KINDS; k++) {
			printf("\n%s: %zu", plural[k], fa.n[k]);
			if (shown[k] < fa.n[k])
				printf(", the %zu with the most positions", shown[k]);
			printf("\n");
			if (!shown[k])
				continue;
			int idw = 0;
			for (size_t i = 0; i < shown[k]; i++) {
				char *id = out_clean(fa.v[k][order[k][i]].id, strlen(fa.v[k][order[k][i]].id));
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
			for (size_t i = 0; i < shown[k]; i++) {
				const struct facet *f = &fa.v[k][order[k][i]];
				char *id = out_clean(f->id, strlen(f->id)), *label = out_clean(f->label, strlen(f->label));
				printf("  %9zu  %8zu  ", f->n_positions, f->n_readouts);
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
	fflush(stdout);
	int rc = c.n_io_errors ? 2 : 0;
	for (int k = 0; k < ENT_KINDS; k++)
		free(order[k]);
	facets_free(&fa);
	corpus_free(&c);
	return rc;
}
