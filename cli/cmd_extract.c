/* cmd_extract.c - `parley extract`: draft annotated readouts from plain
 * ones (text, or pages saved from a ministry's site) for review in the
 * browser; the drafting itself is the core's (extract.h). */
#include "commands.h"
#include "datadir.h"
#include "extract.h"
#include "jsonw.h"
#include "output.h"
#include "save.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
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
	       "from a ministry's site (.html, .htm: the article's title, date and text).\n"
	       "The draft names the speakers, topics and agreements, marks their mentions,\n"
	       "and has one position per reported statement, each pending review (by\n"
	       "\"extract\"); open it in parley to review it.\n\n"
	       "What the text states is found in it; these options say it instead:\n"
	       "      --lang=LANG        the text's language (en, fr, ru, zh; else guessed)\n"
	       "      --id=ID            the readout's id (else the file's name)\n"
	       "      --date=DATE        YYYY-MM-DD (else the date the opening states)\n"
	       "      --title=TITLE      (else the page's, or a first line that is one)\n"
	       "      --place=PLACE\n"
	       "      --kind=KIND        meeting, call, video-call, talks, multilateral,\n"
	       "                         statement, other\n"
	       "      --issuer=CODE      the publishing side (else the page's site, if known)\n"
	       "      --url=URL          the source's address (and --publisher=NAME)\n\n"
	       "Output:\n"
	       "  -o, --output=PATH      write there: a file for one FILE, a directory (made\n"
	       "                         if missing) for several, one NAME.json per FILE;\n"
	       "                         without it, the readout on standard output (JSON\n"
	       "                         Lines, one readout per line, for several FILEs)\n"
	       "  -f, --force            replace files that exist (else they are kept)\n"
	       "  -q, --quiet            no progress line\n"
	       "  -h, --help             display this help and exit\n\n"
	       "The lexicons the drafting uses are in the lexicon directory of parley's\n"
	       "data; lines in $XDG_CONFIG_HOME/parley/lexicon/ files of the same names add\n"
	       "to them.\n"
	       "Exit status: 0 when every FILE was drafted, 1 when some could not be (the\n"
	       "others are written), 2 on a usage error or when nothing can be written.\n",
	       progname);
}

struct xopts {
	struct extract_opts e;
	const char *output;
	bool force, quiet;
};

static int parse_options(int argc, char **argv, struct xopts *o)
{
	enum { O_LANG = 256, O_ID, O_DATE, O_TITLE, O_PLACE, O_KIND, O_ISSUER, O_URL, O_PUBLISHER };
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const kinds[] = { "meeting", "call", "video-call", "talks", "multilateral", "statement",
		                             "other", NULL };
	int ch;
	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:fqh", opts, NULL)) != -1) {
		switch (ch) {
		case O_LANG:
			o->e.lang = optarg;
			break;
		case O_ID:
			if (!*optarg || strspn(optarg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")
			                    != strlen(optarg) || strlen(optarg) > 200)
				return usage_error("extract", "invalid id '%s' ([A-Za-z0-9._:-], at most 200 bytes)", optarg);
			o->e.id = optarg;
			break;
		case O_DATE: {
			int y, m, d;
			char tail;
			size_t l = strlen(optarg);
			bool ok = (l == 10 && sscanf(optarg, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12
			           && d >= 1 && d <= 31)
			          || (l == 7 && sscanf(optarg, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12)
			          || (l == 4 && sscanf(optarg, "%4d%c", &y, &tail) == 1);
			if (!ok)
				return usage_error("extract", "invalid date '%s' (YYYY-MM-DD, YYYY-MM or YYYY)", optarg);
			o->e.date = optarg;
			break;
		}
		case O_TITLE:
			o->e.title = optarg;
			break;
		case O_PLACE:
			o->e.place = optarg;
			break;
		case O_KIND: {
			bool ok = false;
			for (int i = 0; kinds[i]; i++)
				ok = ok || strcmp(kinds[i], optarg) == 0;
			if (!ok)
				return usage_error("extract", "invalid kind '%s' (meeting, call, video-call, talks, "
				                              "multilateral, statement, other)", optarg);
			o->e.kind = optarg;
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
			o->output = optarg;
			break;
		case 'f':
			o->force = true;
			break;
		case 'q':
			o->quiet = true;
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
	return 1;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
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

static bool write_one(const char *path, const struct strbuf *json, bool force)
{
	if (!force && access(path, F_OK) == 0) {
		char *p = out_clean(path, strlen(path));
		fprintf(stderr, "%s: %s exists: kept (--force replaces it)\n", progname, p);
		free(p);
		return false;
	}
	char err[512];
	/* write through the sanitising writer into memory, then atomically */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		abort();
	out_json_text(m, json->s, json->n);
	fclose(m);
	bool ok = write_atomic(path, buf, len, 0644, err, sizeof(err));
	free(buf);
	if (!ok) {
		char *p = out_clean(path, strlen(path)), *e = out_clean(err, strlen(err));
		fprintf(stderr, "%s: %s: %s\n", progname, p, e);
		free(p);
		free(e);
	}
	return ok;
}

int cmd_extract(int argc, char **argv)
{
	struct xopts o;
	int rc = parse_options(argc, argv, &o);
	if (rc != 1)
		return rc;
	size_t n = (size_t)(argc - optind);
	char *const *files = argv + optind;
	bool to_dir = o.output && (n > 1 || is_dir(o.output));
	if (to_dir && !is_dir(o.output) && mkdir(o.output, 0777) != 0) {
		char *p = out_clean(o.output, strlen(o.output));
		fprintf(stderr, "%s: %s: %s\n", progname, p, strerror(errno));
		free(p);
		return 2;
	}
	struct diags d = { 0 };
	struct lexicon lx;
	if (!lexicon_load_default(&lx, data_dirs(), &d)) {
		diags_print(&d, stderr, false);
		diags_free(&d);
		lexicon_free(&lx);
		return 2;
	}
	diags_print(&d, stderr, true);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	bool progress = !o.quiet && n > 1 && isatty(STDERR_FILENO);
	size_t failed = 0, written = 0;
	for (size_t i = 0; i < n; i++) {
		if (progress) {
			char *p = out_clean(files[i], strlen(files[i]));
			fprintf(stderr, "\rextracting %zu of %zu: %.60s\033[K", i + 1, n, p);
			free(p);
		}
		size_t nd = d.n;
		cJSON *r = extract_file(&lx, files[i], &o.e, &d);
		if (!r) {
			failed++;
			if (progress)
				fputs("\r\033[K", stderr);
			for (size_t k = nd; k < d.n; k++) {
				char *t = out_clean(d.v[k].text, strlen(d.v[k].text));
				fprintf(stderr, "%s\n", t);
				free(t);
			}
			continue;
		}
		struct strbuf json = { 0 };
		if (o.output) {
			jsonw_write(&json, r, true);
			char path[PATH_MAX];
			if (to_dir)
				out_path(o.output, files[i], path, sizeof(path));
			else
				snprintf(path, sizeof(path), "%s", o.output);
			if (write_one(path, &json, o.force))
				written++;
			else
				failed++;
		} else {
			jsonw_write(&json, r, n == 1);
			out_json_text(stdout, json.s, json.n);
			if (n > 1)
				putchar('\n');
			written++;
		}
		sb_free(&json);
		cJSON_Delete(r);
	}
	if (progress)
		fprintf(stderr, "\rextracted %zu of %zu\033[K\n", written, n);
	fflush(stdout);
	diags_free(&d);
	lexicon_free(&lx);
	if (ferror(stdout))
		return 2;
	return failed ? (written ? 1 : (o.output && !to_dir ? 2 : 1)) : 0;
}
