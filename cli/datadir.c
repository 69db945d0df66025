/* datadir.c - where the data is (see datadir.h). */
#include "datadir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool has_data(const char *dir)
{
	char p[PATH_MAX + 16];
	struct stat st;
	snprintf(p, sizeof(p), "%s/themes", dir);
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *const *data_dirs(void)
{
	static const char *dirs[5];
	static char env[PATH_MAX], here[PATH_MAX];
	static bool done;
	if (done)
		return dirs;
	done = true;
	size_t n = 0;
	const char *d = getenv("PARLEY_DATADIR");
	if (d && *d) {
		snprintf(env, sizeof(env), "%s", d);
		dirs[n++] = env;
	}
	dirs[n++] = PARLEY_PKGDATADIR;
	/* not installed: beside the program, or one directory up */
	ssize_t k = readlink("/proc/self/exe", here, sizeof(here) - 1);
	if (k > 0) {
		here[k] = '\0';
		for (int up = 0; up < 2; up++) {
			char *slash = strrchr(here, '/');
			if (!slash || slash == here)
				break;
			*slash = '\0';
			if (has_data(here)) {
				dirs[n++] = here;
				break;
			}
		}
	}
	dirs[n] = NULL;
	return dirs;
}
