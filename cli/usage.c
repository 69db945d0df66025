/* usage.c - what every command shares on its command line: the program's
 * name, usage errors worded alike, and the commands' synopsis for the man
 * page (from the table in commands.h). */
#include "config.h"
#include "commands.h"
#include "fileio.h"
#include "names.h"
#include "userconf.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *progname = "parley";

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s%s%s --help' for more information.\n", progname,
	        cmd ? " " : "", cmd ? cmd : "");
	return 2;
}

/* The long options of the last cli_getopt, and the word typed when it was
 * an abbreviation of one (getopt_long takes any unambiguous start). */
static const struct option *last_opts;
static const char *abbreviated;

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *opts)
{
	int idx = -1;
	last_opts = opts;
	abbreviated = NULL;
	int ch = getopt_long(argc, argv, shortopts, opts, &idx);
	if (ch == -1 || ch == '?' || ch == ':' || idx < 0)
		return ch;
	/* the word: before its separate argument, if it had one */
	const char *word = optarg && optind >= 2 && optarg == argv[optind - 1] ? argv[optind - 2] : argv[optind - 1];
	if (strncmp(word, "--", 2) != 0)
		return ch;
	size_t n = strcspn(word + 2, "=");
	if (n == strlen(opts[idx].name))
		return ch;
	/* `query --top 3` was `--topic 3`: a word of another command, or
	 * the start of an option a later one may share, is refused */
	abbreviated = word;
	optopt = 0;
	return '?';
}

/* The long option meant by what was typed (name_meant: one it begins, or
 * one a letter or two from it), else NULL. */
static const char *option_meant(const char *arg)
{
	if (!last_opts || strncmp(arg, "--", 2) != 0)
		return NULL;
	size_t n = strcspn(arg + 2, "=");
	if (!n || n >= 64)
		return NULL;
	size_t k = 0;
	while (last_opts[k].name)
		k++;
	const char **names = xcalloc(k + 1, sizeof(*names));
	for (size_t i = 0; i < k; i++)
		names[i] = last_opts[i].name;
	const char *meant = name_meant(arg + 2, n, names, k);
	free(names);
	return meant;
}

int option_error(const char *cmd, int ch, char *const *argv)
{
	const char *arg = abbreviated ? abbreviated : argv[optind - 1];
	bool is_long = strncmp(arg, "--", 2) == 0;
	if (ch == ':')
		return is_long ? usage_error(cmd, "option '%s' requires an argument", arg)
		               : usage_error(cmd, "option requires an argument -- '%c'", optopt);
	if (optopt && !is_long)
		return usage_error(cmd, "invalid option -- '%c'", optopt);
	int len = (int)strcspn(arg, "=");
	/* `--count=3`: an option that takes no argument given one (its name
	 * is right: no "did you mean" it) */
	if (is_long && arg[len] == '=' && last_opts)
		for (const struct option *o = last_opts; o->name; o++)
			if ((int)strlen(o->name) == len - 2 && strncmp(o->name, arg + 2, (size_t)len - 2) == 0)
				return usage_error(cmd, "option '%.*s' takes no argument", len, arg);
	/* `--s`: the start of several (getopt refused it as ambiguous) */
	if (is_long && last_opts && len > 2) {
		char names[256] = "";
		size_t at = 0, starts = 0;
		for (const struct option *o = last_opts; o->name; o++)
			if (strncmp(o->name, arg + 2, (size_t)len - 2) == 0 && at + strlen(o->name) + 5 < sizeof(names)) {
				at += (size_t)snprintf(names + at, sizeof(names) - at, "%s--%s", starts ? ", " : "", o->name);
				starts++;
			}
		if (starts > 1)
			return usage_error(cmd, "option '%.*s' is the start of several: %s", len, arg, names);
	}
	const char *meant = option_meant(arg);
	if (meant)
		return usage_error(cmd, "unrecognized option '%.*s'; did you mean '--%s'?%s", len, arg, meant,
		                   abbreviated ? " (options are spelled whole)" : "");
	return usage_error(cmd, "unrecognized option '%.*s'", len, arg);
}

void print_version(void)
{
	printf("parley %s\n"
	       "Copyright (C) 2026 the parley developers.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n", PACKAGE_VERSION);
}

void dump_commands(const char *fmt)
{
	bool man = strcmp(fmt, "man") == 0;
#define SYNOPSIS(name, fn, args, help) { #name, args },
	static const struct { const char *name, *args; } synopsis[] = { PARLEY_COMMANDS(SYNOPSIS) };
#undef SYNOPSIS
	for (size_t i = 0; i < sizeof(synopsis) / sizeof(synopsis[0]); i++) {
		if (!man) {
			printf("parley %s %s\n", synopsis[i].name, synopsis[i].args);
			continue;
		}
		printf(".br\n.B parley %s\n", synopsis[i].name);
		for (const char *p = synopsis[i].args; *p; p++)
			p[0] == '-' ? fputs("\\-", stdout) : putchar(*p);
		putchar('\n');
	}
}

const char max_file_size_help[] =
	"      --max-file-size=SIZE\n"
	"                         skip files larger than SIZE (256M by default;\n"
	"                         K, M, G: 1G; none: no limit)\n";

int max_file_size_setup(const char *cmd, const char *opt)
{
	struct userconf u;
	memset(&u, 0, sizeof(u));
	if (!opt) /* the option wins over the rest */
		userconf_load(&u);
	char err[300];
	if (!file_limit_setup(opt, u.max_file_size, err, sizeof(err)))
		return usage_error(cmd, "%s", err);
	return 0;
}
