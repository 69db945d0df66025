/* main.c - parley's entry point: global options and subcommand dispatch. */
#include "config.h"
#include "cache.h"
#include "commands.h"
#include "dynload.h"
#include "hugeheap.h"
#include "names.h"
#include "output.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *args, *help;
};

#define CMD_ITEM(name, fn, args, help) { #name, fn, args, help },
static const struct command commands[] = { PARLEY_COMMANDS(CMD_ITEM) };
#undef CMD_ITEM

static void print_help(void)
{
	printf("Usage: %s [OPTION]... [PATH]...\n"
	       "  or:  %s COMMAND [OPTION]... PATH...\n"
	       "Browse and review annotated diplomatic meeting readouts.\n\n"
	       "PATH is a .json readout, a .jsonl file of readouts, or a directory searched\n"
	       "recursively for both.\n\n"
	       "Commands:\n", progname, progname);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].help);
	printf("\nOptions (of the browser, with no COMMAND):\n"
	       "%s%s"
	       "  -h, --help             display this help and exit\n"
	       "  -V, --version          output version information and exit\n\n"
	       "Run '%s COMMAND --help' for the options of a command.\n"
	       "Exit status: 0 on success, 1 when something was invalid or not found,\n"
	       "2 on a usage or I/O error.\n\n"
	       "Report bugs to the parley issue tracker.\n",
	       browse_options_help, max_file_size_help, progname);
}

/* A first word that is no command and no path but a command in other
 * letters' case, or one name_meant finds (the start of one, `q`, `st`; a
 * letter or two from one): that command, else NULL.  (Any other word is a
 * path the browser says it cannot read.) */
static const char *command_meant(const char *word)
{
	struct stat st;
	char low[32];
	size_t n = strlen(word);
	if (!n || n >= sizeof(low) || word[0] == '-' || strchr(word, '/') || lstat(word, &st) == 0 || errno != ENOENT)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)word[i]);
	const char *names[sizeof(commands) / sizeof(commands[0])];
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		names[i] = commands[i].name;
	return name_meant(low, n, names, sizeof(names) / sizeof(names[0]));
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc > 1) {
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0) {
				int rc = commands[i].fn(argc - 1, argv + 1);
				icu_say_missing(stderr, progname);
				cache_say_trouble(stderr, progname);
				/* (what a command printed, checked: validate's, extract's
				 * too) */
				return out_flush(commands[i].name, 0) ? rc : 2;
			}
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			print_help();
			return out_flush(NULL, 0) ? 0 : 2;
		}
		if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
			print_version();
			return out_flush(NULL, 0) ? 0 : 2;
		}
		const char *meant = command_meant(argv[1]);
		if (meant) {
			fprintf(stderr, "%s: '%s' is no command and no file; did you mean '%s'?\n"
			        "Try '%s --help' for the commands.\n", progname, argv[1], meant, progname);
			return 2;
		}
	}
	/* the browser (on a terminal; else it lists the corpus) holds a
	 * corpus in memory: malloc's heaps in huge pages (hugeheap.h) */
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		hugeheap_exec(argv);
	int rc = cmd_browse(argc, argv);
	cache_say_trouble(stderr, progname);
	return out_flush(NULL, 0) ? rc : 2; /* (the listing, to a pipe or a file) */
}
