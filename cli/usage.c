/* usage.c - what every command shares on its command line: the program's
 * name, usage errors worded alike, and the commands' synopsis for the man
 * page (from the table in commands.h). */
#include "commands.h"
#include "fileio.h"
#include "userconf.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
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

int option_error(const char *cmd, int ch, char *const *argv)
{
	const char *arg = argv[optind - 1];
	bool is_long = strncmp(arg, "--", 2) == 0;
	if (ch == ':')
		return is_long ? usage_error(cmd, "option '%s' requires an argument", arg)
		               : usage_error(cmd, "option requires an argument -- '%c'", optopt);
	if (optopt && !is_long)
		return usage_error(cmd, "invalid option -- '%c'", optopt);
	return usage_error(cmd, "unrecognized option '%s'", arg);
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
