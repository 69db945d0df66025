/* browse.c - `parley [PATH...]`: the browser (placeholder until the ncurses
 * front end lands). */
#include "commands.h"

#include <stdio.h>

int cmd_browse(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error(NULL, "unrecognized option '%s'", argv[i]);
	fprintf(stderr, "%s: the browser is not available in this build yet; try '%s validate PATH'\n",
	        progname, progname);
	return 2;
}
