/* threads.c - how many threads a piece of work runs on (see threads.h). */
#include "threads.h"

#include <stdlib.h>
#include <unistd.h>

int threads_for(int asked, size_t tasks)
{
	long n = asked > 0 ? asked : 0;
	const char *env = getenv("PARLEY_THREADS");
	if (!n && env && *env)
		n = strtol(env, NULL, 10);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n > 8)
		n = 8;
	if ((size_t)n > tasks)
		n = (long)tasks;
	return n < 1 ? 1 : (int)n;
}
