/* hugeheap.c - the browser's malloc heaps in transparent huge pages: the
 * program run again once with glibc's tunable set (see hugeheap.h). */
#include "hugeheap.h"
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <gnu/libc-version.h>
#include <sys/auxv.h>
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

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static bool set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

#ifdef __GLIBC__
/* glibc 2.35 or later: the first with the tunable. */
static bool glibc_has_tunable(void)
{
	int major = 0, minor = 0;
	return sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) == 2 && (major > 2 || (major == 2 && minor >= 35));
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
	return hugeheap_worth(mode) && glibc_has_tunable() && getauxval(AT_BASE) != 0;
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
		started = strtod(run, NULL);
		put_back(getenv(HAD));
		return;
	}
#ifdef __GLIBC__
	if (set("PARLEY_NO_HUGE_PAGES") || set("PARLEY_NO_SLABS") || !arena_slabs_built() || !worth_here())
		return;
	const char *was = getenv("GLIBC_TUNABLES");
	char *tunables = hugeheap_tunables(was), *had = was ? strdup(was) : NULL;
	if (tunables && (!was || had)) {
		char when[64];
		snprintf(when, sizeof(when), "%.3f", now_ms());
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
