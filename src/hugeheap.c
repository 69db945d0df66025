/* hugeheap.c - the browser's malloc heaps in transparent huge pages: the
 * program run again once with glibc's tunable set (see hugeheap.h). */
#include "hugeheap.h"
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__GLIBC__) && !defined(__UCLIBC__)
#define HUGEHEAP_GLIBC 1
#include <gnu/libc-version.h>
#include <limits.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#endif

#define TUNABLE "glibc.malloc.hugetlb"
/* The run again knows itself by RUN (the first run's clock), and finds
 * what GLIBC_TUNABLES was in HAD (unset when it was). */
#define RUN "PARLEY_HUGEHEAP_RUN"
#define HAD "PARLEY_HUGEHEAP_HAD"
#define MODE_FILE "/sys/kernel/mm/transparent_hugepage/enabled"

static double started;

char *hugeheap_tunables(const char *had)
{
	if (!had || !*had)
		return strdup(TUNABLE "=1");
	/* GLIBC_TUNABLES is NAME=VALUE pairs joined by ':' */
	for (const char *p = had; p && *p; p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL)
		if (strncmp(p, TUNABLE "=", sizeof(TUNABLE)) == 0)
			return NULL;
	size_t n = strlen(had) + sizeof(":" TUNABLE "=1");
	char *v = malloc(n);
	if (v)
		snprintf(v, n, "%s:" TUNABLE "=1", had);
	return v;
}

bool hugeheap_worth(const char *mode)
{
	return mode && strstr(mode, "[madvise]") != NULL;
}

double hugeheap_started(void)
{
	return started;
}

bool hugeheap_glibc_has(const char *version)
{
	int major = 0, minor = 0;
	return version && sscanf(version, "%d.%d", &major, &minor) == 2 && (major > 2 || (major == 2 && minor >= 35));
}

#ifdef HUGEHEAP_GLIBC
/* The clock in whole microseconds (handed on as digits alone: a
 * locale's decimal comma never comes into it). */
static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Is /proc/self/exe this program's file?  Under valgrind it is the
 * tool's (valgrind answers readlink with the program's path, but the
 * file opened is its own): run again from there, the tool would start
 * alone and refuse to. */
static bool exe_is_ours(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	struct stat a, b;
	if (n <= 0)
		return false;
	path[n] = '\0';
	return stat("/proc/self/exe", &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static bool worth_here(void)
{
	char mode[128] = "";
	FILE *f = fopen(MODE_FILE, "re");
	if (f) {
		size_t n = fread(mode, 1, sizeof(mode) - 1, f);
		mode[n] = '\0';
		fclose(f);
	}
	/* (a program started by naming the dynamic loader, "ld.so parley",
	 * has no loader of its own: /proc/self/exe is the loader, not it) */
	return hugeheap_worth(mode) && hugeheap_glibc_has(gnu_get_libc_version()) && getauxval(AT_BASE) != 0
	       && exe_is_ours();
}
#endif

/* The environment as it was before the run again: GLIBC_TUNABLES what it
 * had been (had; NULL: unset), and no word of the run again. */
static void put_back(const char *had)
{
	if (had)
		setenv("GLIBC_TUNABLES", had, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	unsetenv(HAD);
	unsetenv(RUN);
}

void hugeheap_exec(char **argv)
{
	const char *run = getenv(RUN);
	if (run) { /* the run again: the environment as it was */
		started = (double)strtoll(run, NULL, 10) / 1000.0;
		put_back(getenv(HAD));
		return;
	}
#ifdef HUGEHEAP_GLIBC
	/* (set, whatever the value, as every PARLEY_ switch) */
	if (getenv("PARLEY_NO_HUGE_PAGES") || getenv("PARLEY_NO_SLABS") || !arena_slabs_built() || !worth_here())
		return;
	const char *was = getenv("GLIBC_TUNABLES");
	char *tunables = hugeheap_tunables(was), *had = was ? strdup(was) : NULL;
	if (tunables && (!was || had)) {
		char when[32];
		snprintf(when, sizeof(when), "%lld", now_us());
		if (!had)
			unsetenv(HAD); /* (one left in the environment is not ours) */
		if (setenv(RUN, when, 1) == 0 && (!had || setenv(HAD, had, 1) == 0)
		    && setenv("GLIBC_TUNABLES", tunables, 1) == 0)
			execv("/proc/self/exe", argv);
		put_back(had); /* not run again (no /proc, say): as it was */
	}
	free(tunables);
	free(had);
#else
	(void)argv;
#endif
}
