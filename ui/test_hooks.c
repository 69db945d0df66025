/* test_hooks.c - the PARLEY_* variables of the tests and the benchmark
 * (see test_hooks.h). */
#include "test_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void test_hold(size_t files_sent, const int *cancel)
{
	static const char *hold;
	static bool looked;
	if (!looked) {
		hold = getenv("PARLEY_TEST_HOLD");
		looked = true;
	}
	if (!hold || !*hold || files_sent < 2)
		return;
	struct stat st;
	while (stat(hold, &st) != 0 && !__atomic_load_n(cancel, __ATOMIC_ACQUIRE))
		usleep(10000);
	hold = NULL;
}

void test_stall(size_t files_sent)
{
	const char *stall = getenv("PARLEY_TEST_STALL");
	if (!stall || !*stall || files_sent < 2)
		return;
	for (;;)
		sleep(3600);
}

long test_search_delay_ms(void)
{
	const char *td = getenv("PARLEY_TEST_SEARCH_DELAY");
	return td ? atol(td) : 0;
}

void test_search_delay(long ms)
{
	if (ms > 0)
		nanosleep(&(struct timespec){ ms / 1000, ms % 1000 * 1000000 }, NULL);
}

bool test_search_hold(void)
{
	const char *h = getenv("PARLEY_TEST_SEARCH_HOLD");
	return h && *h;
}

static double start_ms;

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void bench_start(void)
{
	start_ms = bench_now();
}

void bench_mark(const char *what)
{
	const char *f = getenv("PARLEY_BENCH");
	FILE *fp = f && *f ? fopen(f, "a") : NULL;
	if (fp) {
		fprintf(fp, "%s %.1f\n", what, bench_now() - start_ms);
		fclose(fp);
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

void bench_latency(double *v, size_t n)
{
	const char *f = getenv("PARLEY_BENCH");
	FILE *fp = f && *f ? fopen(f, "a") : NULL;
	if (!fp || !n) {
		if (fp)
			fclose(fp);
		return;
	}
	if (getenv("PARLEY_BENCH_ALL"))
		for (size_t i = 0; i < n; i++)
			fprintf(fp, "key %zu %.3f\n", i, v[i]);
	qsort(v, n, sizeof(double), cmp_double);
	fprintf(fp, "keys %zu p50 %.3f p99 %.3f max %.3f\n", n, v[n / 2], v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
	        v[n - 1]);
	fclose(fp);
}

const char *test_replay_keys(void)
{
	return getenv("PARLEY_REPLAY");
}

bool test_no_prefilter(void)
{
	return getenv("PARLEY_QUERY_NO_PREFILTER") != NULL;
}

bool test_cache_trace(void)
{
	return getenv("PARLEY_CACHE_TRACE") != NULL;
}
