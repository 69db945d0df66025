/* cmd_compare.c - `parley compare`: two accounts of one meeting side by
 * side for scripts: their positions paired by topic and agreement (the
 * same speaker first), what only one account reports, and whether paired
 * stances agree; as text, TSV or JSON.  The pairing is the core's
 * (compare.h), the one the browser's compare view shows. */
#include "commands.h"
#include "compare.h"
#include "corpus.h"
#include "facets.h"
#include "filter.h"
#include "filters.h"
#include "output.h"
#include "query.h"
#include "sanitize.h"
#include "userconf.h"

#include <inttypes.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum fmt { FMT_TEXT, FMT_TSV, FMT_JSON };

static void help(void)
{
	printf("Usage: %s compare [OPTION]... PATH...\n"
	       "Compare two accounts of one meeting: PATH holds the two readouts (two files,\n"
	       "or a .jsonl of two), or with --event the corpus holding that event's accounts.\n"
	       "Positions pair by topic and agreement (ids, so accounts in different languages\n"
	       "pair), the same speaker first; what is left is only in one account.\n\n"
	       "Options:\n"
	       "  -e, --event=ID         the accounts of event ID (the first with each other)\n"
	       "  -s, --speaker=NAME     only positions of this speaker (on both sides)\n"
	       "  -t, --topic=NAME       only positions on this topic\n"
	       "  -a, --agreement=NAME   only positions citing this agreement\n"
	       "      --all-speakers     the speakers given together: an account must declare\n"
	       "                         every one (their positions there), not either\n"
	       "  -f, --format=FORMAT    text (default), tsv or json\n"
	       "      --no-cache         do not read or update the index cache\n"
	       "%s"
	       "  -h, --help             display this help and exit\n\n"
	       "Exit status: 0 when two accounts were compared, 1 when there were not two\n"
	       "(an event with one account), 2 on a usage error or a path that cannot be read.\n",
	       progname, max_file_size_help);
}

struct side {
	const struct corpus *c;
	const struct facets *fa;
	size_t ri;
};

struct ctx {
	const struct corpus *c;
	const struct facets *fa;
	const struct filter *f;
	size_t ri[2];
};

static bool keep(void *arg, int side, size_t pi)
{
	const struct ctx *x = arg;
	return filter_position(x->f, x->c, x->fa, x->ri[side], pi);
}

/* The speaker of p as its own account names it (B's Russian label, not
 * A's French one, as the browser's compare view shows them), else as the
 * corpus does. */
static const char *speaker_label(const struct ctx *x, int side, const struct position *p)
{
	const struct readout *r = &x->c->readouts[x->ri[side]];
	if (p->speaker < r->n_ents[ENT_SPEAKER] && r->ents[ENT_SPEAKER][p->speaker].label
	    && *r->ents[ENT_SPEAKER][p->speaker].label)
		return r->ents[ENT_SPEAKER][p->speaker].label;
	const struct facets *fa = x->fa;
	return fa->v[ENT_SPEAKER][facets_global(fa, ENT_SPEAKER, x->ri[side], p->speaker)].label;
}

static const char *kind_name(enum entity_kind k)
{
	return k == ENT_TOPIC ? "topic" : k == ENT_AGREEMENT ? "agreement" : "none";
}

static const char *const row_names[] = { "paired", "only-a", "only-b" };
static const char *const stance_words[] = { "", "agree", "differ" };

/* A position: its speaker, [stance] and summary after `used` columns; on
 * a terminal the summary cut to its width (lines ran to 300 columns). */
static void print_text_pos(const struct out *o, const struct ctx *x, int side, long pi, int used)
{
	const struct readout *r = &x->c->readouts[x->ri[side]];
	const struct position *p = &r->positions[pi];
	char *sp = out_clean(speaker_label(x, side, p), strlen(speaker_label(x, side, p)));
	const char *st = p->stance_text ? p->stance_text : "-";
	char *cst = out_clean(st, strlen(st));
	const char *sum = p->summary && *p->summary ? p->summary : "";
	char *csum = out_clean(sum, strlen(sum));
	int room = o->width - used - out_width(sp) - out_width(cst) - 4;
	if (o->tty && o->width > 18 && room < 0) {
		/* (the speaker cut to the width, the stance and summary on a
		 * line of their own) */
		fputs(out_sgr(o, "\033[36m"), o->f);
		out_fit(o, sp, o->width - used > 1 ? o->width - used : 1, false);
		fprintf(o->f, "%s\n%6s[%s]", out_sgr(o, "\033[0m"), "", cst);
		room = o->width - 6 - out_width(cst) - 3;
	} else {
		fprintf(o->f, "%s%s%s [%s]", out_sgr(o, "\033[36m"), sp, out_sgr(o, "\033[0m"), cst);
	}
	if (o->tty && o->width > 0 && room < 12 && o->width > 18) {
		/* (too narrow beside them: the summary on a line of its own) */
		fprintf(o->f, "\n%6s", "");
		out_fit(o, csum, o->width - 6, false);
	} else if (o->tty && o->width > 0) {
		putc(' ', o->f);
		out_fit(o, csum, room > 1 ? room : 1, false);
	} else {
		fprintf(o->f, " %s", csum);
	}
	free(sp);
	free(cst);
	free(csum);
}

static void print_text(const struct out *o, const struct ctx *x, const struct comparison *cmp)
{
	const struct readout *ra = &x->c->readouts[x->ri[0]], *rb = &x->c->readouts[x->ri[1]];
	for (int s = 0; s < 2; s++) {
		const struct readout *r = s ? rb : ra;
		char *id = out_clean(r->id, strlen(r->id));
		char *path = out_clean(x->c->files[r->file].path, strlen(x->c->files[r->file].path));
		const char *lang = r->lang ? r->lang : "-", *date = r->date ? r->date : "-";
		fprintf(o->f, "%s  %s%s%s  %s %s", s ? "B" : "A", out_sgr(o, "\033[1m"), id, out_sgr(o, "\033[0m"), lang,
		        date);
		/* (on a terminal too narrow for it, the path on a line of its
		 * own, cut to the width) */
		int used = 3 + out_width(id) + 2 + (int)strlen(lang) + 1 + (int)strlen(date);
		if (o->tty && o->width > 0 && used + 2 + out_width(path) > o->width) {
			fputs("\n   ", o->f);
			out_fit(o, path, o->width - 3 > 12 ? o->width - 3 : 12, false);
			putc('\n', o->f);
		} else {
			fprintf(o->f, "  %s\n", path);
		}
		free(id);
		free(path);
	}
	/* pairs counted once each, however many topics and agreements they
	 * share (the rows below are per topic and agreement) */
	/* (in parts, each on the line before where it fits: on a terminal) */
	char counts[3][96];
	snprintf(counts[0], sizeof(counts[0]), "%zu paired (stances: %zu agree, %zu differ),", cmp->paired, cmp->agree,
	         cmp->differ);
	snprintf(counts[1], sizeof(counts[1]), "%zu only in A, %zu only in B,", cmp->only_a, cmp->only_b);
	snprintf(counts[2], sizeof(counts[2]), "over %zu topics and agreements", cmp->keys);
	int at = 0;
	for (int k = 0; k < 3; k++) {
		int len = (int)strlen(counts[k]);
		if (at && o->tty && o->width > 0 && at + 1 + len > o->width) {
			putc('\n', o->f);
			at = 0;
		}
		at += fprintf(o->f, "%s%s", at ? " " : "", counts[k]);
	}
	putc('\n', o->f);
	const char *key = NULL;
	enum entity_kind kk = ENT_SPEAKER;
	for (size_t i = 0; i < cmp->n; i++) {
		const struct cmp_row *w = &cmp->rows[i];
		if (!key || strcmp(key, w->key_id) != 0 || kk != w->key_kind) {
			key = w->key_id;
			kk = w->key_kind;
			char *label = out_clean(w->key_label, strlen(w->key_label));
			int used = 0;
			if (w->key_kind == ENT_SPEAKER)
				fputs("\n", o->f);
			else
				used = fprintf(o->f, "\n%s ", kind_name(w->key_kind)) - 1;
			fputs(out_sgr(o, "\033[1m"), o->f);
			if (o->tty && o->width > 0) /* (an agreement's title ran past the width) */
				out_fit(o, label, o->width - used > 12 ? o->width - used : 12, false);
			else
				fputs(label, o->f);
			fprintf(o->f, "%s\n", out_sgr(o, "\033[0m"));
			free(label);
		}
		if (w->kind == CMP_PAIRED) {
			fputs("  = A ", o->f);
			print_text_pos(o, x, 0, w->a, 6);
			fputs("\n    B ", o->f);
			print_text_pos(o, x, 1, w->b, 6);
			if (w->stance != CMP_STANCE_UNKNOWN)
				fprintf(o->f, "\n    stances %s", stance_words[w->stance]);
			if (!w->same_speaker)
				fputs(w->stance != CMP_STANCE_UNKNOWN ? "; other speakers" : "\n    other speakers", o->f);
			putc('\n', o->f);
		} else {
			/* (one paired under another topic or agreement is not
			 * "only in B": it said so, then that it was paired) */
			const char *lead = w->kind == CMP_ONLY_A ? (w->elsewhere ? "  < A, paired elsewhere: " : "  < only in A: ")
			                                         : (w->elsewhere ? "  > B, paired elsewhere: " : "  > only in B: ");
			fputs(lead, o->f);
			print_text_pos(o, x, w->kind == CMP_ONLY_A ? 0 : 1, w->kind == CMP_ONLY_A ? w->a : w->b,
			               (int)strlen(lead));
			putc('\n', o->f);
		}
	}
}

static void tsv_pos(const struct out *o, const struct ctx *x, int side, long pi)
{
	if (pi < 0) {
		fputs("\t\t\t", o->f);
		return;
	}
	const struct readout *r = &x->c->readouts[x->ri[side]];
	const struct position *p = &r->positions[pi];
	putc('\t', o->f);
	out_tsv(o, p->id);
	putc('\t', o->f);
	out_tsv(o, speaker_label(x, side, p));
	putc('\t', o->f);
	out_tsv(o, p->stance_text);
}

static void print_tsv(const struct out *o, const struct ctx *x, const struct comparison *cmp)
{
	fputs("key_kind\tkey\tlabel\trelation\ta_position\ta_speaker\ta_stance\tb_position\tb_speaker\tb_stance\t"
	      "stances\tsame_speaker\tpaired_elsewhere\n",
	      o->f);
	for (size_t i = 0; i < cmp->n; i++) {
		const struct cmp_row *w = &cmp->rows[i];
		fputs(kind_name(w->key_kind), o->f);
		putc('\t', o->f);
		out_tsv(o, w->key_id);
		putc('\t', o->f);
		out_tsv(o, w->key_label);
		fprintf(o->f, "\t%s", row_names[w->kind]);
		tsv_pos(o, x, 0, w->a);
		tsv_pos(o, x, 1, w->b);
		fprintf(o->f, "\t%s\t%s\t%s\n", stance_words[w->stance],
		        w->kind != CMP_PAIRED ? "" : w->same_speaker ? "yes" : "no",
		        w->kind == CMP_PAIRED ? "" : w->elsewhere ? "yes" : "no");
	}
}

static void json_pos(FILE *f, const struct ctx *x, int side, long pi)
{
	if (pi < 0) {
		fputs("null", f);
		return;
	}
	const struct readout *r = &x->c->readouts[x->ri[side]];
	const struct position *p = &r->positions[pi];
	fputs("{\"id\":", f);
	out_json_str(f, p->id);
	fputs(",\"speaker\":{\"id\":", f);
	out_json_str(f, RO_SPEAKERS(r)[p->speaker].id);
	fputs(",\"label\":", f);
	out_json_str(f, speaker_label(x, side, p));
	fputs("},\"stance\":", f);
	out_json_opt(f, p->stance_text);
	fputs(",\"summary\":", f);
	out_json_opt(f, p->summary);
	fprintf(f, ",\"start\":%" PRIu32 ",\"end\":%" PRIu32 "}", p->span.start, p->span.end);
}

static void json_readout(FILE *f, const struct corpus *c, const struct readout *r)
{
	fputs("{\"id\":", f);
	out_json_str(f, r->id);
	fputs(",\"file\":", f);
	out_json_str(f, c->files[r->file].path);
	fputs(",\"lang\":", f);
	out_json_opt(f, r->lang);
	fputs(",\"date\":", f);
	out_json_opt(f, r->date);
	fputs(",\"event\":", f);
	out_json_opt(f, r->event);
	putc('}', f);
}

static void print_json(const struct out *o, const struct ctx *x, const struct comparison *cmp)
{
	FILE *f = o->f;
	fputs("{\"a\":", f);
	json_readout(f, x->c, &x->c->readouts[x->ri[0]]);
	fputs(",\"b\":", f);
	json_readout(f, x->c, &x->c->readouts[x->ri[1]]);
	fprintf(f, ",\"paired\":%zu,\"agree\":%zu,\"differ\":%zu,\"only_a\":%zu,\"only_b\":%zu,\"keys\":[", cmp->paired,
	        cmp->agree, cmp->differ, cmp->only_a, cmp->only_b);
	const char *key = NULL;
	enum entity_kind kk = ENT_SPEAKER;
	for (size_t i = 0; i < cmp->n; i++) {
		const struct cmp_row *w = &cmp->rows[i];
		if (!key || strcmp(key, w->key_id) != 0 || kk != w->key_kind) {
			if (key)
				fputs("]},", f);
			key = w->key_id;
			kk = w->key_kind;
			fprintf(f, "{\"kind\":\"%s\",\"id\":", kind_name(w->key_kind));
			out_json_str(f, w->key_id);
			fputs(",\"label\":", f);
			out_json_str(f, w->key_label);
			fputs(",\"rows\":[", f);
		} else {
			putc(',', f);
		}
		fprintf(f, "{\"relation\":\"%s\",\"a\":", row_names[w->kind]);
		json_pos(f, x, 0, w->a);
		fputs(",\"b\":", f);
		json_pos(f, x, 1, w->b);
		if (w->kind == CMP_PAIRED)
			fprintf(f, ",\"same_speaker\":%s,\"stances\":%s%s%s", w->same_speaker ? "true" : "false",
			        w->stance ? "\"" : "", w->stance ? stance_words[w->stance] : "null", w->stance ? "\"" : "");
		else
			fprintf(f, ",\"paired_elsewhere\":%s", w->elsewhere ? "true" : "false");
		putc('}', f);
	}
	fputs(key ? "]}]}\n" : "]}\n", f);
}

static void compare_two(const struct out *o, enum fmt fmt, struct ctx *x)
{
	struct comparison cmp;
	compare_readouts(&x->c->readouts[x->ri[0]], &x->c->readouts[x->ri[1]], keep, x, &cmp);
	if (fmt == FMT_TEXT)
		print_text(o, x, &cmp);
	else if (fmt == FMT_TSV)
		print_tsv(o, x, &cmp);
	else
		print_json(o, x, &cmp);
	comparison_free(&cmp);
}

int cmd_compare(int argc, char **argv)
{
	enum { O_NO_CACHE = OPT_FILTERS_END, O_MAX_SIZE };
	static const struct option opts[] = { { "speaker", required_argument, NULL, 's' },
		                               { "topic", required_argument, NULL, 't' },
		                               { "agreement", required_argument, NULL, 'a' },
		                               { "all-speakers", no_argument, NULL, OPT_ALL_SPEAKERS },
		                               { "event", required_argument, NULL, 'e' },
		                               { "format", required_argument, NULL, 'f' },
		                               { "no-cache", no_argument, NULL, O_NO_CACHE },
		                               { "max-file-size", required_argument, NULL, O_MAX_SIZE },
		                               { "help", no_argument, NULL, 'h' },
		                               { NULL, 0, NULL, 0 } };
	struct query q;
	query_init(&q);
	enum fmt fmt = FMT_TEXT;
	const char *event = NULL, *max_size = NULL;
	bool use_cache = true;
	int ch;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":s:t:a:e:f:h", opts)) != -1) {
		int f = cli_filter(&q, ch, optarg, "compare");
		if (f < 0) {
			query_free(&q);
			return 2;
		}
		if (f)
			continue;
		switch (ch) {
		case 'e':
			event = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				fmt = FMT_TSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else {
				query_free(&q);
				return usage_error("compare", "invalid format '%s' (text, tsv or json)", optarg);
			}
			break;
		case O_NO_CACHE:
			use_cache = false;
			break;
		case O_MAX_SIZE:
			max_size = optarg;
			break;
		case 'h':
			help();
			query_free(&q);
			return 0;
		default:
			query_free(&q);
			return option_error("compare", ch, argv);
		}
	}
	if (optind >= argc) {
		query_free(&q);
		return usage_error("compare", "no readouts given");
	}
	if (max_file_size_setup("compare", max_size)) {
		query_free(&q);
		return 2;
	}
	/* every readout is loaded (an account with nothing on a topic still
	 * counts), the names resolved against all of them */
	query_load_all(&q);
	struct corpus c;
	struct facets fa;
	if (!cli_load("compare", &q, argv + optind, (size_t)(argc - optind), use_cache, false, &c, &fa)) {
		query_free(&q);
		return 2;
	}
	int rc = corpus_some_unread(&c) ? 2 : 0;
	struct out o;
	out_init(&o, stdout);
	struct ctx x = { &c, &fa, &q.filter, { 0, 0 } };
	if (event) {
		size_t first = (size_t)-1, n = 0;
		for (size_t i = 0; i < c.n_readouts; i++) {
			if (!c.readouts[i].event || strcmp(c.readouts[i].event, event) != 0)
				continue;
			n++;
			if (first == (size_t)-1) {
				first = i;
				continue;
			}
			x.ri[0] = first;
			x.ri[1] = i;
			if (n > 2 && fmt == FMT_TEXT)
				putc('\n', stdout);
			compare_two(&o, fmt, &x);
		}
		if (n < 2) {
			char *e = sanitize_dup(event, strlen(event), 0);
			fprintf(stderr, "%s: compare: event %s has %zu account%s here: nothing to compare\n", progname, e, n,
			        n == 1 ? "" : "s");
			free(e);
			rc = rc ? rc : 1;
		}
	} else if (c.n_readouts != 2) {
		if (c.n_readouts < 2 && (c.n_skipped || c.n_io_errors))
			fprintf(stderr, "%s: compare: %zu readout%s loaded (%zu skipped or unreadable, said above): two are needed\n",
			        progname, c.n_readouts, c.n_readouts == 1 ? "" : "s", c.n_skipped + c.n_io_errors);
		else
			fprintf(stderr, "%s: compare: %zu readout%s given, not two (use --event ID with a corpus)\n",
			        progname, c.n_readouts, c.n_readouts == 1 ? "" : "s");
		rc = rc ? rc : (c.n_readouts < 2 ? 1 : 2);
	} else {
		x.ri[0] = 0;
		x.ri[1] = 1;
		out_note_unlikely("compare", &c.readouts[0], &c.readouts[1]);
		compare_two(&o, fmt, &x);
	}
	facets_free(&fa);
	corpus_free(&c);
	query_free(&q);
	return rc;
}
