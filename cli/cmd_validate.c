/* cmd_validate.c - `parley validate`: check files against the readout
 * format and print every problem in the format's message styles.  Valid
 * readouts are counted and let go as they load (streamed): memory does not
 * grow with the corpus. */
#include "commands.h"
#include "corpus.h"
#include "dynload.h"
#include "output.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void help(void)
{
	printf("Usage: %s validate [OPTION]... PATH...\n"
	       "Check readout files (.json, .jsonl, or directories of them) against the\n"
	       "parley/1 format and list every problem on standard error:\n"
	       "  PATH:LINE:COLUMN: message              not UTF-8, not JSON, not an object\n"
	       "  PATH: readout ID: JSON.PATH: message   a rule of the format is broken\n"
	       "  PATH: readout ID: JSON.PATH: warning: message\n"
	       "                                         a value the readout can do without\n"
	       "                                         (an unassigned country code, a bad\n"
	       "                                         language tag, an unknown stance or\n"
	       "                                         kind): the readout still loads\n"
	       "A message of a line of a .jsonl ends with (line N).\n\n"
	       "  -q, --quiet            do not print the summary line on standard output\n"
	       "  -s, --strict           fail on warnings too\n"
	       "%s"
	       "  -h, --help             display this help and exit\n\n"
	       "Only regular files are read: a named pipe or a device is reported and\n"
	       "skipped, never waited on.\n"
	       "Exit status: 0 when every readout is valid (warnings or not, unless\n"
	       "--strict), 1 when one is not or none was found, 2 on a usage or I/O\n"
	       "error.\n", progname, max_file_size_help);
}

/* a keep hook: counts the valid readout, keeps nothing (its id still
 * counts for the duplicate check) */
static bool count_valid(const struct readout *r, void *arg)
{
	(void)r;
	++*(size_t *)arg;
	return false;
}

int cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "strict", no_argument, NULL, 's' },
		{ "max-file-size", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int quiet = 0, strict = 0, ch;
	const char *max_size = NULL;
	opterr = 0;
	optind = 1;
	while ((ch = cli_getopt(argc, argv, "+:qsh", opts)) != -1) {
		switch (ch) {
		case 'q':
			quiet = 1;
			break;
		case 's':
			strict = 1;
			break;
		case 'M':
			max_size = optarg;
			break;
		case 'h':
			help();
			return 0;
		default:
			return option_error("validate", ch, argv);
		}
	}
	if (optind >= argc)
		return usage_error("validate", "missing PATH");
	if (max_file_size_setup("validate", max_size))
		return 2;

	struct corpus c;
	corpus_init(&c);
	size_t valid = 0;
	struct corpus_opts lo = { .keep = count_valid, .arg = &valid };
	corpus_load(&c, argv + optind, (size_t)(argc - optind), &lo);
	out_sync();
	diags_print_from(&c.diags, stderr, true, progname);

	/* (ICU missing: the language codes were checked for their form
	 * alone, a warning of its own, said once the command is done:
	 * icu_say_missing; --strict fails on it as on any other) */
	size_t files = 0, warnings = c.diags.count[DIAG_WARN] + (icu_missing() != NULL);
	for (size_t i = 0; i < c.n_files; i++)
		files += !c.files[i].io_error;
	size_t invalid = corpus_invalid(&c);
	if (!quiet) {
		char warned[96] = "";
		if (warnings) /* (said: "all valid" with exit status 1 was) */
			snprintf(warned, sizeof(warned), ", %zu warning%s%s", warnings, warnings == 1 ? "" : "s",
			         strict ? ", failed by --strict" : "");
		/* what was not read: neither valid nor invalid */
		char unread[128] = "";
		if (c.n_lines_unread)
			snprintf(unread, sizeof(unread), "; %zu line%s longer than the size limit not read", c.n_lines_unread,
			         c.n_lines_unread == 1 ? "" : "s");
		if (c.n_io_errors)
			snprintf(unread + strlen(unread), sizeof(unread) - strlen(unread), "; %zu path%s could not be read",
			         c.n_io_errors, c.n_io_errors == 1 ? "" : "s");
		if (invalid == 0 && !corpus_some_unread(&c) && !files)
			puts("0 readouts in 0 files: none to validate");
		else if (invalid == 0 && !c.n_io_errors && strict && warnings)
			printf("%zu readout%s in %zu file%s: none invalid%s%s\n", valid, valid == 1 ? "" : "s", files,
			       files == 1 ? "" : "s", warned, unread);
		else if (invalid == 0 && !c.n_io_errors)
			printf("%zu readout%s in %zu file%s: all valid%s%s\n", valid, valid == 1 ? "" : "s", files,
			       files == 1 ? "" : "s", warned, unread);
		else
			printf("%zu readout%s in %zu file%s: %zu valid, %zu invalid%s%s\n", valid + invalid,
			       valid + invalid == 1 ? "" : "s", files, files == 1 ? "" : "s", valid, invalid, warned, unread);
	}
	int rc = corpus_some_unread(&c) ? 2 : invalid || (strict && warnings) || corpus_found_none(&c) ? 1 : 0;
	corpus_free(&c);
	return rc;
}
