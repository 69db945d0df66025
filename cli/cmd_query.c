/* cmd_query.c - `parley query`: print the positions of a corpus that match
 * filters, one per line, as text, TSV, JSON or JSON Lines; or count them.
 * Exit status like grep: 0 when something matched, 1 when nothing did, 2 on
 * an error (usage, an unknown or ambiguous name, a path that cannot be
 * read). */
#include "commands.h"
#include "corpus.h"
#include "facets.h"
#include "filter.h"
#include "filters.h"
#include "output.h"
#include "userconf.h"
#include "query.h"
#include "mem.h"
#include "sanitize.h"
#include "timeline.h"

#include <inttypes.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum fmt { FMT_TEXT, FMT_TSV, FMT_JSON, FMT_JSONL };

static void help(void)
{
	printf("Usage: %s query [OPTION]... PATH...\n"
	       "Print the positions of the readouts in PATH (.json, .jsonl, or directories of\n"
	       "them) that match every filter given.\n\n%s\n"
	       "Output:\n"
	       "  -f, --format=FORMAT    text (default), tsv, json (one array) or jsonl\n"
	       "  -c, --count            print only the number of matching positions\n"
	       "      --timeline         count the matching positions' stances per period\n"
	       "                         (years over more than two years, else months),\n"
	       "                         oldest first; positions of undated readouts last\n"
	       "      --period=UNIT      year or month for --timeline (implies it)\n"
	       "      --no-cache         do not read or update the index cache\n"
	       "%s"
	       "  -h, --help             display this help and exit\n\n"
	       "Text output has the columns readout, date, speaker, stance, review and the\n"
	       "summary (or the text of the span); on a terminal the text is cut to its\n"
	       "width, the readout's id never, and goes on a line of its own, indented,\n"
	       "where the other columns would leave it less than 40 (those with no room\n"
	       "on the first line open the text's, or have a line of their own).\n"
	       "Files that cannot be loaded are reported on standard error and skipped.\n\n"
	       "Exit status: 0 when a position matched, 1 when none did, 2 on a usage\n"
	       "error, an unknown or ambiguous name, or a path that cannot be read.\n", progname, cli_filter_help,
	       max_file_size_help);
}

struct row {
	const struct corpus *c;
	const struct facets *fa;
	size_t ri;
	const struct readout *r;
	const struct position *p;
	char *col[6]; /* text output: clean id, date, speaker, stance, review, text */
};

static struct row row_of(const struct corpus *c, const struct facets *fa, const struct match *m)
{
	const struct readout *r = &c->readouts[m->readout];
	return (struct row){ c, fa, m->readout, r, &r->positions[m->position], { 0 } };
}

/* The label of entity i of kind k of the row's readout: the corpus's (the
 * user's language, the same on every line), not the readout's own. */
static const char *label_of(const struct row *w, enum entity_kind k, uint32_t i)
{
	return w->fa->v[k][facets_global(w->fa, k, w->ri, i)].label;
}

/* The text of the row's span, in *tmp (malloc'd) */
static const char *span_text(const struct row *w, char **tmp)
{
	const char *text = corpus_text(w->c, w->ri);
	size_t n = text ? w->p->span.bend - w->p->span.bstart : 0;
	*tmp = malloc(n + 1);
	if (!*tmp)
		return "";
	if (n)
		memcpy(*tmp, text + w->p->span.bstart, n);
	(*tmp)[n] = '\0';
	return *tmp;
}

static void json_ents(FILE *f, const struct row *w, enum entity_kind k, const uint32_t *v, size_t n)
{
	putc('[', f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",{\"id\":" : "{\"id\":", f);
		out_json_str(f, w->r->ents[k][v[i]].id);
		fputs(",\"label\":", f);
		out_json_str(f, label_of(w, k, v[i]));
		putc('}', f);
	}
	putc(']', f);
}

static void print_json(const struct corpus *c, const struct row *w, FILE *f)
{
	const struct readout *r = w->r;
	const struct position *p = w->p;
	const struct entity *sp = &RO_SPEAKERS(r)[p->speaker];
	char *tmp;
	fputs("{\"readout\":", f);
	out_json_str(f, r->id);
	fputs(",\"file\":", f);
	out_json_str(f, c->files[r->file].path);
	fprintf(f, ",\"line\":%lu,\"date\":", r->line);
	out_json_opt(f, r->date);
	fputs(",\"lang\":", f);
	out_json_opt(f, r->lang);
	fputs(",\"position\":", f);
	out_json_str(f, p->id);
	fputs(",\"speaker\":{\"id\":", f);
	out_json_str(f, sp->id);
	fputs(",\"label\":", f);
	out_json_str(f, label_of(w, ENT_SPEAKER, p->speaker));
	fputs("},\"stance\":", f);
	out_json_opt(f, p->stance_text);
	fputs(",\"review\":", f);
	out_json_str(f, review_names[p->review]);
	fputs(",\"topics\":", f);
	json_ents(f, w, ENT_TOPIC, p->topics, p->n_topics);
	fputs(",\"agreements\":", f);
	json_ents(f, w, ENT_AGREEMENT, p->agreements, p->n_agreements);
	fputs(",\"summary\":", f);
	out_json_opt(f, p->summary);
	fprintf(f, ",\"start\":%" PRIu32 ",\"end\":%" PRIu32 ",\"text\":", p->span.start, p->span.end);
	out_json_str(f, span_text(w, &tmp));
	free(tmp);
	putc('}', f);
}

static void tsv_ids(const struct out *o, const struct readout *r, enum entity_kind k, const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', o->f);
		out_tsv(o, r->ents[k][v[i]].id);
	}
}

static void tsv_span(const struct out *o, const struct row *w)
{
	char *tmp;
	out_tsv(o, span_text(w, &tmp));
	free(tmp);
}

static void tsv_num(const struct out *o, unsigned long long n)
{
	fprintf(o->f, "%llu", n);
}

/* The TSV columns, in order: the header and every row come from this one
 * table.  X(name, statement writing the field of row w to o).  Columns
 * are added at the end, after the text, so that a script's column
 * numbers keep their meaning: where the readout is (its file, the line
 * it starts on) and the span (code points, as in the file). */
#define SPEAKER(w) (&RO_SPEAKERS((w)->r)[(w)->p->speaker])
#define TSV_COLUMNS(X) \
	X("readout", out_tsv(o, w->r->id)) \
	X("date", out_tsv(o, w->r->date)) \
	X("lang", out_tsv(o, w->r->lang)) \
	X("position", out_tsv(o, w->p->id)) \
	X("speaker_id", out_tsv(o, SPEAKER(w)->id)) \
	X("speaker", out_tsv(o, label_of(w, ENT_SPEAKER, w->p->speaker))) \
	X("stance", out_tsv(o, w->p->stance_text)) \
	X("review", out_tsv(o, review_names[w->p->review])) \
	X("topics", tsv_ids(o, w->r, ENT_TOPIC, w->p->topics, w->p->n_topics)) \
	X("agreements", tsv_ids(o, w->r, ENT_AGREEMENT, w->p->agreements, w->p->n_agreements)) \
	X("summary", out_tsv(o, w->p->summary)) \
	X("text", tsv_span(o, w)) \
	X("file", out_tsv(o, w->c->files[w->r->file].path)) \
	X("line", tsv_num(o, w->r->line)) \
	X("start", tsv_num(o, w->p->span.start)) \
	X("end", tsv_num(o, w->p->span.end))

static void print_tsv_header(FILE *f)
{
	const char *sep = "";
#define X(name, put) fprintf(f, "%s%s", sep, name), sep = "\t";
	TSV_COLUMNS(X)
#undef X
	putc('\n', f);
}

static void print_tsv(const struct out *o, const struct row *w)
{
	bool first = true;
#define X(name, put) \
	if (!first) \
		putc('\t', o->f); \
	first = false; \
	put;
	TSV_COLUMNS(X)
#undef X
	putc('\n', o->f);
}
#undef SPEAKER

static char *clean0(const char *s)
{
	return s && *s ? out_clean(s, strlen(s)) : out_clean("-", 1);
}

/* Text output's columns of row w, cleaned (malloc'd): the id, date,
 * speaker, stance and review, and the summary or else the span's text. */
static void text_cols(struct row *w)
{
	const struct readout *r = w->r;
	const struct position *p = w->p;
	w->col[0] = clean0(r->id);
	w->col[1] = clean0(r->date);
	w->col[2] = clean0(label_of(w, ENT_SPEAKER, p->speaker));
	w->col[3] = clean0(p->stance_text);
	w->col[4] = clean0(review_names[p->review]);
	if (p->summary && *p->summary) {
		w->col[5] = out_clean(p->summary, strlen(p->summary));
	} else {
		char *tmp;
		const char *t = span_text(w, &tmp);
		w->col[5] = out_clean(t, strlen(t));
		free(tmp);
	}
}

static void free_cols(struct row *w)
{
	for (int k = 0; k < 6; k++)
		free(w->col[k]);
}

/* What prints the positions as they come, one readout's at a time
 * (query_stream.emit): JSON, JSON Lines and TSV at once; text once every
 * row's columns are known (their widths), the rows held in a spool
 * meanwhile, not the readouts. */
struct printer {
	enum fmt fmt;
	const struct out *o;
	size_t rows;
	struct out_spool spool;  /* text */
	int w[5];                /* text: the widest of each column but the last */
	int werr;                /* errno of the first write that failed */
};

static void emit(const struct corpus *c, const struct facets *fa, const struct filter *filter, const struct match *m,
                 size_t n, void *arg)
{
	(void)filter;
	struct printer *P = arg;
	FILE *f = P->o->f;
	for (size_t i = 0; i < n; i++, P->rows++) {
		struct row w = row_of(c, fa, &m[i]);
		switch (P->fmt) {
		case FMT_JSON:
			putc(P->rows ? ',' : '[', f);
			print_json(c, &w, f);
			break;
		case FMT_JSONL:
			print_json(c, &w, f);
			putc('\n', f);
			break;
		case FMT_TSV:
			if (!P->rows)
				print_tsv_header(f);
			print_tsv(P->o, &w);
			break;
		case FMT_TEXT:
			text_cols(&w);
			for (int k = 0; k < 5; k++) {
				int cw = out_width(w.col[k]);
				if (cw > P->w[k])
					P->w[k] = cw;
			}
			out_spool_put(&P->spool, w.col);
			free_cols(&w);
			break;
		}
	}
	if (!P->werr && ferror(f)) /* (why, while errno still says) */
		P->werr = errno ? errno : EIO;
}

/* The least a text column is given beside the others on a terminal (a
 * summary cut shorter says little), the least the speaker is cut to, and
 * the indent of the text's line of its own when the others leave it
 * less. */
#define TEXT_MIN 40
#define SPEAKER_MIN 12
#define TEXT_INDENT 4

/* A narrow terminal's first line of a row: how many columns it holds (the
 * id whole, then each of the others in turn that fits whole in width,
 * the speaker cut, not below SPEAKER_MIN, for those after it), the
 * speaker's width set in w. */
static int first_line_cols(int width, int *w)
{
	int all = w[0];
	for (int k = 1; k < 5; k++)
		all += 2 + w[k];
	if (all > width) {
		int cut = w[2] - (all - width);
		w[2] = cut > SPEAKER_MIN ? cut : w[2] > SPEAKER_MIN ? SPEAKER_MIN : w[2];
	}
	int left = width - w[0], n = 1;
	for (int k = 1; k < 5 && 2 + w[k] <= left; k++, n++)
		left -= 2 + w[k];
	return n;
}

/* A row in two lines, for a narrow terminal: its first ncols columns
 * aligned as every row's, then the text under them, indented, cut to
 * width. */
static void print_two_lines(const struct out *o, char *const *col, const int *w, int ncols, int text_cols,
                            const char *const *sgr, int mid)
{
	for (int k = 0; k < ncols; k++) {
		if (k)
			fputs("  ", o->f);
		fputs(out_sgr(o, sgr[k]), o->f);
		out_fit(o, col[k], w[k], k < ncols - 1); /* (the id whole: w[0] is the widest) */
		if (*sgr[k])
			fputs(out_sgr(o, "\033[0m"), o->f);
	}
	putc('\n', o->f);
	fprintf(o->f, "%*s", TEXT_INDENT, "");
	/* the columns the first line had no room for: [ncols, mid) a line
	 * of their own, the rest opening the text's, aligned (the stance and
	 * review went without a word); one that does not fit whole where the
	 * line is goes on the next, and so does a text left less than 12 */
	int left = text_cols;
	for (int k = ncols; k < 5; k++) {
		int cw = w[k] < text_cols ? w[k] : text_cols;
		if (cw > left && left < text_cols) {
			fprintf(o->f, "\n%*s", TEXT_INDENT, "");
			left = text_cols;
		}
		fputs(out_sgr(o, sgr[k]), o->f);
		out_fit(o, col[k], cw, k != mid - 1);
		if (*sgr[k])
			fputs(out_sgr(o, "\033[0m"), o->f);
		left -= cw;
		if (k == mid - 1) {
			fprintf(o->f, "\n%*s", TEXT_INDENT, "");
			left = text_cols;
		} else {
			fputs(left >= 2 ? "  " : "", o->f);
			left = left >= 2 ? left - 2 : 0;
		}
	}
	if (left < 12 && left < text_cols) {
		fprintf(o->f, "\n%*s", TEXT_INDENT, "");
		left = text_cols;
	}
	out_fit(o, col[5], left > 1 ? left : 1, false);
	putc('\n', o->f);
}

/* The rows spooled as aligned columns; false (errno) when they could not
 * be read back. */
static bool print_text(struct printer *P)
{
	const struct out *o = P->o;
	/* column caps on a terminal (the id is never cut: it names the
	 * readout for the next command); the last column takes what is left */
	static const int cap[5] = { 0, 10, 24, 9, 8 };
	int *w = P->w;
	int rest = 0, ncols = 0; /* ncols: a narrow terminal's, each row in two lines */
	int mid = 0;             /* (the first column opening the text's line: print_two_lines) */
	if (o->tty) {
		int used = 0;
		for (int k = 0; k < 5; k++) {
			if (cap[k] && w[k] > cap[k])
				w[k] = cap[k];
			used += w[k] + 2;
		}
		rest = o->width - used;
		/* a narrow terminal: give the text room from the speaker, never
		 * from the id; when the text would still get less than
		 * TEXT_MIN, it goes on a line of its own under the others,
		 * indented, and the others keep what fits whole (a line is
		 * never wider than the terminal but for the id) */
		int speaker = w[2];
		while (rest < TEXT_MIN && w[2] > SPEAKER_MIN) {
			w[2]--;
			rest++;
		}
		if (rest < TEXT_MIN) {
			w[2] = speaker;
			ncols = first_line_cols(o->width, w);
			if (ncols <= 2) /* (the speaker on a line of the rest: cut for the first line it is not on) */
				w[2] = speaker;
			rest = o->width - TEXT_INDENT;
			/* the columns left open the text's line where they take
			 * half of it at most; else those that fit whole have a
			 * line of their own, and the rest open the text's */
			int meta = 0;
			for (int k = ncols; k < 5; k++)
				meta += w[k] + 2;
			mid = ncols;
			if (meta > rest / 2)
				for (int used = 0; mid < 5 && (mid == ncols || used + w[mid] <= rest); mid++)
					used += w[mid] + 2;
		}
	}
	static const char *const sgr[6] = { "\033[1m", "", "\033[36m", "", "\033[2m", "" };
	if (!out_spool_rewind(&P->spool))
		return false;
	while (out_spool_get(&P->spool)) {
		char *const *col = P->spool.col;
		if (ncols) {
			print_two_lines(o, col, w, ncols, rest, sgr, mid);
			continue;
		}
		for (int k = 0; k < 6; k++) {
			fputs(out_sgr(o, sgr[k]), o->f);
			if (k < 5 && o->tty)
				out_fit(o, col[k], w[k], true);
			else if (k == 5 && o->tty)
				out_fit(o, col[k], rest, false);
			else if (k < 5) {
				/* a pipe: aligned, never cut */
				fputs(col[k], o->f);
				for (int pad = out_width(col[k]); pad < w[k]; pad++)
					putc(' ', o->f);
			} else {
				fputs(col[k], o->f);
			}
			if (*sgr[k])
				fputs(out_sgr(o, "\033[0m"), o->f);
			if (k < 5)
				fputs("  ", o->f);
		}
		putc('\n', o->f);
	}
	if (P->spool.rows) { /* (a row not read back) */
		errno = P->spool.err ? P->spool.err : EIO;
		return false;
	}
	return true;
}

/* The end of what emit printed: an empty list's brackets, a header
 * alone, the text rows. */
static bool printer_end(struct printer *P)
{
	FILE *f = P->o->f;
	if (P->fmt == FMT_JSON)
		fputs(P->rows ? "]\n" : "[]\n", f);
	else if (P->fmt == FMT_TSV && !P->rows)
		print_tsv_header(f);
	else if (P->fmt == FMT_TEXT)
		return print_text(P);
	return true;
}

/* --timeline: the matching positions' stances counted per date of their
 * readouts as they come (timeline_count makes the periods), the readouts
 * let go */
struct dates {
	struct strmap map;         /* date -> index into v */
	struct arena a;
	struct date_count {
		const char *date;  /* as the readout has it ("": none) */
		size_t n[STANCE_COUNT + 1];
	} *v;
	size_t n, cap;
};

static void count_dates(const struct corpus *c, const struct facets *fa, const struct filter *f,
                        const struct match *m, size_t n, void *arg)
{
	struct dates *d = arg;
	(void)fa;
	for (size_t i = 0; i < n; i++) {
		const struct readout *r = &c->readouts[m[i].readout];
		if (!timeline_counts(&r->positions[m[i].position], f))
			continue;
		const char *date = r->date ? r->date : ""; /* (timeline_count says which are undated) */
		size_t at;
		if (!strmap_get(&d->map, date, strlen(date), &at)) {
			grow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
			at = d->n++;
			d->v[at] = (struct date_count){ arena_strdup(&d->a, date), { 0 } };
			strmap_put(&d->map, d->v[at].date, strlen(d->v[at].date), at, &at);
		}
		int st = r->positions[m[i].position].stance;
		d->v[at].n[st >= 0 && st < STANCE_COUNT ? st : STANCE_COUNT]++;
	}
}

/* The timeline of what count_dates counted. */
static void dates_timeline(struct timeline *tl, struct dates *d, enum tl_unit unit)
{
	struct tl_dated *v = xmalloc((d->n * (STANCE_COUNT + 1) + 1) * sizeof(*v));
	size_t nv = 0;
	for (size_t i = 0; i < d->n; i++)
		for (int st = 0; st <= STANCE_COUNT; st++)
			if (d->v[i].n[st])
				v[nv++] = (struct tl_dated){ d->v[i].date, st, d->v[i].n[st] };
	timeline_count(tl, v, nv, unit);
	free(v);
}

static void dates_free(struct dates *d)
{
	strmap_clear(&d->map);
	arena_free(&d->a);
	free(d->v);
}

/* The digits of n. */
static int digits(size_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* The widths of the text timeline's columns into w: each as wide as its
 * header (heads[0], positions, the stances, other) or its widest value;
 * their sum, two spaces apart. */
static int timeline_widths(const struct timeline *tl, const char *const *heads, int *w)
{
	for (int k = 0; k < STANCE_COUNT + 3; k++)
		w[k] = (int)strlen(heads[k]);
	for (size_t i = 0; i <= tl->np; i++) {
		const struct tl_period *p = i < tl->np ? &tl->p[i] : &tl->undated;
		if (i == tl->np && !p->total)
			break;
		if ((int)strlen(p->key) > w[0])
			w[0] = (int)strlen(p->key);
		if (digits(p->total) > w[1])
			w[1] = digits(p->total);
		for (int s = 0; s <= STANCE_COUNT; s++)
			if (digits(p->count[s]) > w[2 + s])
				w[2 + s] = digits(p->count[s]);
	}
	int sum = 0;
	for (int k = 0; k < STANCE_COUNT + 3; k++)
		sum += w[k] + (k ? 2 : 0);
	return sum;
}

/* --timeline: the stances counted per period (as text, each column as
 * wide as its header or its widest count, two spaces apart: 77 columns
 * with counts under a million; on a narrower terminal, the stances'
 * characters for headers, their legend above, so that no line wraps) */
static void print_timeline(const struct out *o, enum fmt fmt, const struct timeline *tl)
{
	FILE *f = o->f;
	int w[STANCE_COUNT + 3] = { 0 }; /* period, positions, the stances, other */
	const char *heads[STANCE_COUNT + 3] = { "period", "positions" };
	char glyphs[STANCE_COUNT + 1][2];
	if (fmt == FMT_TEXT) {
		for (int s = 0; s < STANCE_COUNT; s++)
			heads[2 + s] = stance_names[s];
		heads[2 + STANCE_COUNT] = "other";
		if (timeline_widths(tl, heads, w) > o->width && o->width > 0) {
			heads[1] = "pos";
			for (int s = 0; s <= STANCE_COUNT; s++) {
				glyphs[s][0] = timeline_glyph[s];
				glyphs[s][1] = 0;
				heads[2 + s] = glyphs[s];
			}
			timeline_widths(tl, heads, w);
			/* the legend, its items on as few lines as fit */
			int at = 0;
			for (int s = 0; s <= STANCE_COUNT; s++) {
				const char *name = s < STANCE_COUNT ? stance_names[s] : "other";
				int len = 2 + (int)strlen(name);
				if (at && at + 2 + len > o->width) {
					putc('\n', f);
					at = 0;
				}
				at += fprintf(f, "%s%c %s", at ? "  " : "", timeline_glyph[s], name);
			}
			putc('\n', f);
		}
	}
	if (fmt == FMT_TSV) {
		fputs("period\tpositions", f);
		for (int s = 0; s < STANCE_COUNT; s++)
			fprintf(f, "\t%s", stance_names[s]);
		fputs("\tother\n", f);
	} else if (fmt == FMT_JSON) {
		putc('[', f);
	} else if (fmt == FMT_TEXT) {
		fprintf(f, "%-*s", w[0], heads[0]);
		for (int k = 1; k < STANCE_COUNT + 3; k++)
			fprintf(f, "  %*s", w[k], heads[k]);
		putc('\n', f);
	}
	for (size_t i = 0; i <= tl->np; i++) {
		/* the undated last, as a period of their own */
		if (i == tl->np && !tl->undated.total)
			break;
		const struct tl_period *p = i < tl->np ? &tl->p[i] : &tl->undated;
		if (fmt == FMT_TSV) {
			fprintf(f, "%s\t%zu", p->key, p->total);
			for (int s = 0; s <= STANCE_COUNT; s++)
				fprintf(f, "\t%zu", p->count[s]);
			putc('\n', f);
		} else if (fmt == FMT_JSON || fmt == FMT_JSONL) {
			if (fmt == FMT_JSON && i)
				putc(',', f);
			fprintf(f, "{\"period\":\"%s\",\"positions\":%zu,\"stances\":{", p->key, p->total);
			for (int s = 0; s < STANCE_COUNT; s++)
				fprintf(f, "%s\"%s\":%zu", s ? "," : "", stance_names[s], p->count[s]);
			fprintf(f, ",\"other\":%zu}}", p->count[STANCE_COUNT]);
			if (fmt == FMT_JSONL)
				putc('\n', f);
		} else {
			fprintf(f, "%-*s  %*zu", w[0], p->key, w[1], p->total);
			for (int s = 0; s <= STANCE_COUNT; s++)
				fprintf(f, "  %*zu", w[2 + s], p->count[s]);
			putc('\n', f);
		}
	}
	if (fmt == FMT_JSON)
		fputs("]\n", f);
}

int cmd_query(int argc, char **argv)
{
	enum { O_NO_CACHE = OPT_FILTERS_END, O_TIMELINE, O_PERIOD, O_MAX_SIZE };
	static const struct option opts[] = {
		CLI_FILTER_LONG,
		{ "format", required_argument, NULL, 'f' },
		{ "count", no_argument, NULL, 'c' },
		{ "no-cache", no_argument, NULL, O_NO_CACHE },
		{ "timeline", no_argument, NULL, O_TIMELINE },
		{ "period", required_argument, NULL, O_PERIOD },
		{ "max-file-size", required_argument, NULL, O_MAX_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool timeline = false;
	const char *timeline_by = NULL; /* the option that asked for it */
	enum tl_unit unit = TL_AUTO;
	struct query q;
	query_init(&q);
	struct printer P = { 0 };
	out_spool_init(&P.spool);
	struct dates D = { 0 };
	enum fmt fmt = FMT_TEXT;
	bool count = false, use_cache = true;
	const char *max_size = NULL;
	int ch, rc = 2;
	opterr = 0;
	optind = 1;
	while ((ch = cli_getopt(argc, argv, ":" CLI_FILTER_SHORT "f:ch", opts)) != -1) {
		int f = cli_filter(&q, ch, optarg, "query");
		if (f < 0)
			goto out;
		if (f > 0)
			continue;
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				fmt = FMT_TSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(optarg, "jsonl") == 0)
				fmt = FMT_JSONL;
			else {
				usage_error("query", "invalid format '%s' (text, tsv, json or jsonl)", optarg);
				goto out;
			}
			break;
		case 'c':
			count = true;
			break;
		case O_NO_CACHE:
			use_cache = false;
			break;
		case O_TIMELINE:
			timeline = true;
			timeline_by = "--timeline";
			break;
		case O_PERIOD:
			if (strcmp(optarg, "year") == 0)
				unit = TL_YEAR;
			else if (strcmp(optarg, "month") == 0)
				unit = TL_MONTH;
			else {
				usage_error("query", "invalid period '%s' (year or month)", optarg);
				goto out;
			}
			timeline = true;
			if (!timeline_by)
				timeline_by = "--period";
			break;
		case O_MAX_SIZE:
			max_size = optarg;
			break;
		case 'h':
			help();
			rc = 0;
			goto out;
		default: /* ':' or '?' */
			option_error("query", ch, argv);
			goto out;
		}
	}
	if (count && timeline) { /* (it ignored --count) */
		usage_error("query", "--count or %s, not both (the timeline's positions column is the count)", timeline_by);
		goto out;
	}
	if (optind >= argc) {
		usage_error("query", "missing PATH");
		goto out;
	}
	if (max_file_size_setup("query", max_size))
		goto out;

	struct out o;
	out_init(&o, stdout);
	/* positions printed as the readouts come, none held, when the labels
	 * are known before the load (query_stream) */
	P.fmt = fmt;
	P.o = &o;
	struct query_stream qs = { .emit = emit, .arg = &P };
	if (timeline) {
		qs = (struct query_stream){ .emit = count_dates, .arg = &D };
		q.stream = &qs;
	} else if (!count) {
		q.stream = &qs;
	} else if (q.n_terms) {
		/* a count with names (which a tally cannot judge alone): the
		 * positions counted as the readouts come (qs.matched), none
		 * held; it held every readout that matched */
		qs = (struct query_stream){ .emit = NULL }; /* (counted as they come) */
		q.stream = &qs;
	}
	/* (held for all the lines: each write then takes it without waiting
	 * on another processor, the loading threads having been there) */
	flockfile(stdout);
	struct corpus c;
	struct facets fa;
	/* the labels printed: the corpus's, the same on every line */
	q.want_labels = count ? 0 : fmt == FMT_TEXT ? 1u << ENT_SPEAKER : (1u << ENT_KINDS) - 1;
	q.count_only = count && !timeline;
	if (!cli_load("query", &q, argv + optind, (size_t)(argc - optind), use_cache, false, &c, &fa)) {
		funlockfile(stdout);
		goto out;
	}
	struct match *m;
	/* (and those counted as they came: query_tally, query_stream) */
	size_t n = filter_matches(&q.filter, &c, &fa, &m), counted = n + q.tally + qs.matched;
	bool printed = true;
	if (timeline) {
		/* (the readouts held, when they could not be counted as they came) */
		count_dates(&c, &fa, &q.filter, m, n, &D);
		struct timeline tl;
		dates_timeline(&tl, &D, unit);
		print_timeline(&o, fmt, &tl);
		timeline_free(&tl);
	} else if (count) {
		printf("%zu\n", counted);
	} else {
		/* (the readouts held, when they could not be handed on) */
		emit(&c, &fa, &q.filter, m, n, &P);
		printed = printer_end(&P);
		if (!printed)
			fprintf(stderr, "%s: query: the rows could not all be held till their widths were known: %s\n",
			        progname, strerror(errno));
	}
	bool written = out_flush("query", P.werr);
	funlockfile(stdout);
	rc = corpus_some_unread(&c) || !printed || !written ? 2 : counted ? 0 : 1;
	free(m);
	facets_free(&fa);
	corpus_free(&c);
out:
	out_spool_close(&P.spool);
	dates_free(&D);
	query_free(&q);
	return rc;
}
