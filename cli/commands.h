/* commands.h - parley's subcommands.  One X-macro table gives dispatch,
 * `parley --help` and the man page's SYNOPSIS (`parley --dump-commands`). */
#ifndef PARLEY_COMMANDS_H
#define PARLEY_COMMANDS_H

#include "diag.h" /* PRINTF_LIKE */

/* X(name, function, arguments, one-line description) */
#define PARLEY_COMMANDS(X) \
	X(validate, cmd_validate, "[-q] [--strict] PATH...", "check readout files against the format and list every problem") \
	X(query, cmd_query, "[FILTER]... [--format FORMAT] [--count] PATH...", "print the positions that match filters (grep-like exit status)") \
	X(stats, cmd_stats, "[FILTER]... [--format FORMAT] [--top N] PATH...", "count readouts and positions; the top speakers, topics, agreements") \
	X(compare, cmd_compare, "[FILTER]... [--event ID] [--format FORMAT] PATH...", "pair two accounts of one meeting; say what only one reports") \
	X(link, cmd_link, "[--event ID] [-n] PATH...", "write one event into the accounts of one meeting") \
	X(extract, cmd_extract, "[--lang LANG] [--id ID] [--date DATE] [--title TITLE] [-o PATH] FILE...", "draft readouts from plain ones (text or saved pages) for review")

#define DECLARE_CMD(name, fn, args, help) int fn(int argc, char **argv);
PARLEY_COMMANDS(DECLARE_CMD)
#undef DECLARE_CMD

/* The browser: `parley [OPTIONS] [PATH...]`. */
int cmd_browse(int argc, char **argv);
/* The browser's own options, lines of --help (ui/browser.c): its --help and
 * parley --help print them (followed by max_file_size_help). */
extern const char browse_options_help[];

/* usage.c */
/* The commands for the man page's SYNOPSIS (fmt "man"). */
void dump_commands(const char *fmt);
/* parley --version's lines. */
void print_version(void);
/* Shared by the commands: print a usage error and return 2. */
int usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* getopt_long (optind, optarg as it sets them) that takes a long option
 * only spelled whole: an abbreviation is '?' (option_error names the
 * option it would have been). */
struct option;
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *opts);
/* The usage error for getopt's answer ch (':' or '?'): a missing
 * argument, or an option cmd does not have (and the one nearest it, from
 * the last cli_getopt's); returns 2. */
int option_error(const char *cmd, int ch, char *const *argv);
extern const char *progname;
/* --max-file-size (fileio.h): the option's value (NULL when not given),
 * else PARLEY_MAX_FILE_SIZE, else the config's; 0, or a usage error's 2.
 * Its line of --help. */
int max_file_size_setup(const char *cmd, const char *opt);
extern const char max_file_size_help[];

#endif
