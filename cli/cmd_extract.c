/* cmd_extract.c - `parley extract`: draft annotated readouts from plain
 * ones (text, or pages saved from a ministry's site) for review in the
 * browser; the drafting itself is the core's (extract.h). */
#include "commands.h"
#include "datadir.h"
#include "extract.h"
#include "ids.h"
#include "arena.h"
#include "jsonw.h"
#include "output.h"
#include "readout.h"
#include "save.h"
#include "strmap.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void help(void)
{
	printf("Usage: %s extract [OPTION]... FILE...\n"
	       "Draft an annotated readout (parley/1) from each plain readout FILE: UTF-8\n"
	       "text (.txt; a byte-order mark and CRLF line ends are fine), or a page saved\n"
	       "from a ministry's site (.html, .htm: the article's title, date and text);\n"
	       "a readout file (.json, .jsonl) is one already, and is refused.\n"
	       "The draft names the speakers, topics and agreements, marks their mentions,\n"
	       "and has one position per reported statement, each pending review (by\n"
	       "\"extract\"); open it in parley to review it.\n\n"
	       "What the text states is found in it; these options say it instead:\n"
	       "      --lang=LANG        the text's language, en, fr, ru or zh (else guessed)\n"
	       "      --id=ID            the readout's id (else the file's name)\n"
	       "      --date=DATE        YYYY-MM-DD, YYYY-MM or YYYY (else the date the\n"
	       "                         opening states)\n"
	       "      --title=TITLE      (else the page's, or a first line that is one)\n"
	       "      --place=PLACE\n"
	       "      --kind=KIND        meeting, call, video-call, talks, multilateral,\n"
	       "                         statement, other\n"
	       "      --issuer=CODE      the publishing side (else the page's site, if known)\n"
	       "      --url=URL          the source's address (and --publisher=NAME)\n\n"
	       "Output:\n"
	       "  -o, --output=PATH      write there: a file for one FILE, a directory (made\n"
	       "                         if missing) for several or when PATH ends in /,\n"
	       "                         one NAME.json per FILE; - is standard output;\n"
	       "                         without it, the readout on standard output (JSON\n"
	       "                         Lines, one readout per line, for several FILEs)\n"
	       "  -f, --force            replace files that exist (else they are kept)\n"
	       "  -q, --quiet            no progress line\n"
	       "%s"
	       "  -h, --help             display this help and exit\n\n"
	       "The lexicons the drafting uses are in the lexicon directory of parley's\n"
	       "data; lines in $XDG_CONFIG_HOME/parley/lexicon/ files of the same names add\n"
	       "to them.\n"
	       "Exit status: 0 when every FILE was drafted, 1 when some could not be (the\n"
	       "others are written), 2 on a usage error, when a FILE could not be read (the\n"
	       "others are written) or when nothing can be written.\n",
	       progname, max_file_size_help);
}

struct xopts {
	struct extract_opts e;
	char *output;              /* (a directory's trailing slashes taken off) */
	bool force, quiet;
};

static int parse_options(int argc, char **argv, struct xopts *o)
{
	enum { O_LANG = 256, O_ID, O_DATE, O_TITLE, O_PLACE, O_KIND, O_ISSUER, O_URL, O_PUBLISHER, O_MAX_SIZE };
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, O_LANG },
		{ "id", required_argument, NULL, O_ID },
		{ "date", required_argument, NULL, O_DATE },
		{ "title", required_argument, NULL, O_TITLE },
		{ "place", required_argument, NULL, O_PLACE },
		{ "kind", required_argument, NULL, O_KIND },
		{ "issuer", required_argument, NULL, O_ISSUER },
		{ "url", required_argument, NULL, O_URL },
		{ "publisher", required_argument, NULL, O_PUBLISHER },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "max-file-size", required_argument, NULL, O_MAX_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	const char *max_size = NULL;
	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 1;
	while ((ch = cli_getopt(argc, argv, ":o:fqh", opts)) != -1) {
		switch (ch) {
		case O_LANG:
			/* (any code was taken: --lang de drafted no position, in
			 * silence) */
			o->e.lang = extract_lang_known(optarg);
			if (!o->e.lang)
				return usage_error("extract", "no draft in '%s': parley drafts %s (else leave --lang out "
				                              "for it to be guessed, or annotate the readout by hand)",
				                   optarg, extract_langs);
			break;
		case O_ID:
			if (!*optarg || strspn(optarg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")
			                    != strlen(optarg) || strlen(optarg) > 200)
				return usage_error("extract", "invalid id '%s' ([A-Za-z0-9._:-], at most 200 bytes)", optarg);
			o->e.id = optarg;
			break;
		case O_DATE:
			/* (the format's rule: 2021-02-31 was taken, and made a
			 * readout that does not validate) */
			if (!date_is_valid(optarg))
				return usage_error("extract", "invalid date '%s': %s", optarg, date_why_not(optarg));
			o->e.date = optarg;
			break;
		case O_TITLE:
			o->e.title = optarg;
			break;
		case O_PLACE:
			o->e.place = optarg;
			break;
		case O_KIND: {
			/* (the format's kinds, typed in any case, as query's --kind) */
			int k = name_lookup_typed(readout_kind_names, KIND_COUNT, optarg);
			if (k < 0)
				return usage_error("extract", "invalid kind '%s' (meeting, call, video-call, talks, "
				                              "multilateral, statement, other)", optarg);
			o->e.kind = readout_kind_names[k];
			break;
		}
		case O_ISSUER:
			if (strlen(optarg) != 2 || optarg[0] < 'A' || optarg[0] > 'Z' || optarg[1] < 'A' || optarg[1] > 'Z')
				return usage_error("extract", "invalid issuer '%s' (a two-letter country code: CN, RU, US)",
				                   optarg);
			o->e.issuer = optarg;
			break;
		case O_URL:
			o->e.url = optarg;
			break;
		case O_PUBLISHER:
			o->e.publisher = optarg;
			break;
		case 'o':
			/* (- is standard output, as for every tool that writes one:
			 * it made a file named -) */
			o->output = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'f':
			o->force = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case O_MAX_SIZE:
			max_size = optarg;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("extract", ch, argv);
		}
	}
	if (optind >= argc)
		return usage_error("extract", "missing FILE");
	if (max_file_size_setup("extract", max_size))
		return 2;
	return 1;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Directory path made with those above it that are missing (mkdir -p);
 * false with errno when it cannot be (EEXIST: a file is in the way). */
static bool make_dirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		bool end = !*s;
		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && !(errno == EEXIST && is_dir(p)))
			ok = false; /* (a file there leaves errno EEXIST) */
		if (end)
			break;
		*s = '/';
	}
	int e = errno;
	free(p);
	errno = e;
	return ok;
}

/* DIR/NAME.json for input path */
static void out_path(const char *dir, const char *in, char *out, size_t size)
{
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	char stem[NAME_MAX + 1];
	snprintf(stem, sizeof(stem), "%s", base);
	char *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	snprintf(out, size, "%s/%s.json", dir, stem);
}

/* One file's outcome, made by a worker: the draft's JSON, or the
 * problems; written out in the files' order, on the calling thread. */
struct job {
	char *json;                /* pretty for a file, one line for standard output */
	size_t len;
	char *id;                  /* the draft's id, as drafted */
	char *out;                 /* the file it was written to */
	struct diags d;
};

struct work {
	const struct lexicon *lx;
	const struct xopts *o;
	char *const *files;
	size_t n;
	bool to_dir, lines;
	struct job *jobs;
	size_t next, done;         /* atomic */
};

static void do_one(struct work *w, size_t i)
{
	struct job *j = &w->jobs[i];
	cJSON *r = extract_file(w->lx, w->files[i], &w->o->e, &j->d);
	if (!r)
		return;
	struct strbuf json = { 0 };
	jsonw_write(&json, r, !w->lines);
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "id"));
	j->id = xstrdup(id ? id : "");
	cJSON_Delete(r);
	j->json = json.s;
	j->len = json.n;
}

/* A draft whose id one drafted before it in this run has (two talks.txt
 * in two directories; "a b.txt" and "a-b.txt"): the next free one
 * (ids_unique), so that the drafts are one valid corpus together. */
static void unique_id(const struct work *w, struct job *j, struct strmap *ids)
{
	if (ids_in_map(j->id, ids)) {
		char id[256];
		size_t n;
		ids_unique(j->id, ids_in_map, ids, id, sizeof(id));
		char *json = jsonw_with_string(j->json, j->len, "id", id, !w->lines, &n);
		if (json) {
			free(j->json);
			free(j->id);
			j->json = json;
			j->len = n;
			j->id = xstrdup(id);
		}
	}
	strmap_put(ids, j->id, strlen(j->id), 0, NULL);
}

/* Writes job i's draft to its output file: NULL, or why not (malloc'd).
 * paths: the files written in this run (a second FILE of the same name
 * in another directory would write over the first one's draft). */
static char *write_one(const struct work *w, size_t i, struct strmap *paths)
{
	struct job *j = &w->jobs[i];
	char path[PATH_MAX];
	if (w->to_dir)
		out_path(w->o->output, w->files[i], path, sizeof(path));
	else
		snprintf(path, sizeof(path), "%s", w->o->output);
	size_t first;
	if (strmap_get(paths, path, strlen(path), &first))
		return xasprintf("%s: the draft of %s, written in this run: not written over (two FILEs of one name)",
		                 path, w->files[first]);
	if (!w->o->force && access(path, F_OK) == 0)
		return xasprintf("%s exists: kept (--force replaces it)", path);
	/* drafts are made again at will: atomic, not forced to the disk one
	 * by one */
	char err[512];
	if (!write_atomic_as(path, j->json, j->len, 0644, false, err, sizeof(err)))
		return xasprintf("%s: %s", path, err);
	j->out = xstrdup(path);
	strmap_put(paths, j->out, strlen(j->out), i, NULL);
	return NULL;
}

static void *worker(void *arg)
{
	struct work *w = arg;
	for (;;) {
		size_t i = __atomic_fetch_add(&w->next, 1, __ATOMIC_RELAXED);
		if (i >= w->n)
			break;
		do_one(w, i);
		__atomic_fetch_add(&w->done, 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void print_clean(FILE *f, const char *s)
{
	char *t = out_clean(s, strlen(s));
	fprintf(f, "%s: %s\n", progname, t);
	free(t);
}

int cmd_extract(int argc, char **argv)
{
	struct xopts o;
	int rc = parse_options(argc, argv, &o);
	if (rc != 1)
		return rc;
	size_t n = (size_t)(argc - optind);
	char *const *files = argv + optind;
	/* a directory: for several files, or one that is, or one written so
	 * (DIR/), made if missing; its name without the slashes after it */
	size_t ol = o.output ? strlen(o.output) : 0;
	bool to_dir = o.output && (n > 1 || is_dir(o.output) || (ol && o.output[ol - 1] == '/'));
	while (to_dir && ol > 1 && o.output[ol - 1] == '/')
		o.output[--ol] = '\0';
	if (to_dir && !is_dir(o.output) && !make_dirs(o.output)) {
		int e = errno;
		char *t = out_clean(o.output, strlen(o.output));
		fprintf(stderr, "%s: %s: %s\n", progname, t, e == EEXIST ? "not a directory (a file is there)" : strerror(e));
		free(t);
		return 2;
	}
	struct diags d = { 0 };
	struct lexicon lx;
	if (!lexicon_load_default(&lx, data_dirs(), &d)) {
		diags_print_from(&d, stderr, false, progname);
		diags_free(&d);
		lexicon_free(&lx);
		return 2;
	}
	diags_print_from(&d, stderr, true, progname);
	diags_free(&d);

	/* the files on every core (a few hundred microseconds each) */
	struct work w = { &lx, &o, files, n, to_dir, !o.output && n > 1, xcalloc(n, sizeof(struct job)), 0, 0 };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = cores < 1 ? 1 : cores > 8 ? 8 : (size_t)cores;
	if (nt > n)
		nt = n;
	pthread_t *t = xcalloc(nt, sizeof(pthread_t));
	size_t started = 0;
	for (size_t i = 1; i < nt; i++)
		started += pthread_create(&t[i], NULL, worker, &w) == 0;
	bool progress = !o.quiet && n > 1 && isatty(STDERR_FILENO);
	/* this thread works too, and shows how far they are */
	for (;;) {
		size_t i = __atomic_fetch_add(&w.next, 1, __ATOMIC_RELAXED);
		if (i >= n)
			break;
		do_one(&w, i);
		__atomic_fetch_add(&w.done, 1, __ATOMIC_RELEASE);
		if (progress)
			fprintf(stderr, "\rextracting: %zu of %zu\033[K", __atomic_load_n(&w.done, __ATOMIC_ACQUIRE), n);
	}
	for (size_t i = 1; i < nt; i++)
		if (started >= i)
			pthread_join(t[i], NULL);
	free(t);
	if (progress)
		fputs("\r\033[K", stderr);

	size_t failed = 0, written = 0, unread = 0;
	struct strmap ids = { 0 }, paths = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct job *j = &w.jobs[i];
		/* (a FILE that could not be read said as every command says it) */
		diags_print_from(&j->d, stderr, true, progname);
		unread += j->d.count[DIAG_IO] > 0;
		char *err = NULL;
		if (j->json)
			unique_id(&w, j, &ids);
		if (!j->json) {
			failed++;
		} else if (o.output && (err = write_one(&w, i, &paths))) {
			failed++;
			print_clean(stderr, err);
			free(err);
		} else if (o.output) {
			written++;
		} else {
			/* standard output may be a terminal: nothing unsafe reaches it */
			errno = 0;
			out_json_text(stdout, j->json, j->len);
			if (n > 1)
				putchar('\n');
			if (ferror(stdout) && errno)
				out_write_failed(errno); /* (why, for out_flush to say) */
			written++;
		}
		free(j->json);
		diags_free(&j->d);
	}
	strmap_clear(&paths);
	strmap_clear(&ids);
	for (size_t i = 0; i < n; i++) {
		free(w.jobs[i].id);
		free(w.jobs[i].out);
	}
	if (progress && n > 1)
		fprintf(stderr, "extracted %zu of %zu\n", written, n);
	free(w.jobs);
	out_sync();
	lexicon_free(&lx);
	if (ferror(stdout) || unread)
		return 2;
	return failed ? (written ? 1 : (o.output && !to_dir ? 2 : 1)) : 0;
}
