/* test_hooks.c - the PARLEY_* variables of the tests and the benchmark
 * (see test_hooks.h). */
#include "test_hooks.h"
#include "hugeheap.h"

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
	/* (from the first run's start, when the browser ran itself again) */
	start_ms = hugeheap_started() > 0 ? hugeheap_started() : bench_now();
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

/* the loader's batches: how many polls took readouts, the most one took */
static size_t n_batches, batch_max;

void bench_batch(size_t n)
{
	if (!n)
		return;
	n_batches++;
	if (n > batch_max)
		batch_max = n;
}

void bench_batches(void)
{
	const char *f = getenv("PARLEY_BENCH");
	FILE *fp = f && *f ? fopen(f, "a") : NULL;
	if (fp) {
		fprintf(fp, "load_batches %zu max %zu\n", n_batches, batch_max);
		fclose(fp);
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* the replayed keys' times, and for each whether the corpus was loading */
static double *key_ms;
static bool *key_loading;
static size_t n_keys, cap_keys;

void bench_key(double ms, bool loading)
{
	if (n_keys == cap_keys) {
		size_t cap = cap_keys ? 2 * cap_keys : 256;
		double *v = realloc(key_ms, cap * sizeof(*v));
		bool *l = v ? realloc(key_loading, cap * sizeof(*l)) : NULL;
		if (v)
			key_ms = v;
		if (!l)
			return; /* a benchmark's figure lost, nothing else */
		key_loading = l;
		cap_keys = cap;
	}
	key_ms[n_keys] = ms;
	key_loading[n_keys++] = loading;
}

/* "NAME N p50 X p99 Y max Z" of v[0..n), which it sorts */
static void percentiles(FILE *fp, const char *name, double *v, size_t n)
{
	if (!n)
		return;
	qsort(v, n, sizeof(double), cmp_double);
	fprintf(fp, "%s %zu p50 %.3f p99 %.3f max %.3f\n", name, n, v[n / 2],
	        v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], v[n - 1]);
}

void bench_latency(void)
{
	const char *f = getenv("PARLEY_BENCH");
	FILE *fp = f && *f && n_keys ? fopen(f, "a") : NULL;
	if (fp) {
		bool early = test_replay_early();
		size_t nl = 0;
		for (size_t i = 0; i < n_keys; i++) {
			if (early)
				fprintf(fp, "key %zu %.3f %s\n", i, key_ms[i], key_loading[i] ? "loading" : "loaded");
			else if (getenv("PARLEY_BENCH_ALL"))
				fprintf(fp, "key %zu %.3f\n", i, key_ms[i]);
			if (key_loading[i]) { /* the first nl: those while loading */
				double t = key_ms[nl];
				key_ms[nl++] = key_ms[i];
				key_ms[i] = t;
			}
		}
		if (early)
			percentiles(fp, "keys_loading", key_ms, nl);
		/* every key (reordered above, all there) */
		percentiles(fp, "keys", key_ms, n_keys);
		fclose(fp);
	}
	free(key_ms);
	free(key_loading);
	key_ms = NULL, key_loading = NULL, n_keys = cap_keys = 0;
}

const char *test_replay_keys(void)
{
	return getenv("PARLEY_REPLAY");
}

/* PARLEY_REPLAY_EARLY's milliseconds between keys; -1 when unset */
static long replay_gap(void)
{
	static long gap = -2;
	if (gap == -2) {
		const char *e = getenv("PARLEY_REPLAY_EARLY");
		gap = e && *e ? atol(e) : -1;
		if (gap < -1)
			gap = 0;
	}
	return gap;
}

bool test_replay_early(void)
{
	return replay_gap() >= 0;
}

bool test_replay_due(int wait_ms)
{
	static double next;
	if (replay_gap() <= 0)
		return true;
	double now = bench_now();
	if (now < next) {
		double d = next - now;
		if (wait_ms >= 0 && d > wait_ms)
			d = wait_ms;
		nanosleep(&(struct timespec){ (time_t)(d / 1000), (long)(d * 1e6) % 1000000000L }, NULL);
		now = bench_now();
		if (now < next)
			return false;
	}
	next = now + (double)replay_gap();
	return true;
}

bool test_no_prefilter(void)
{
	return getenv("PARLEY_QUERY_NO_PREFILTER") != NULL;
}

bool test_no_slabs(void)
{
	return getenv("PARLEY_NO_SLABS") != NULL;
}

bool test_cache_trace(void)
{
	return getenv("PARLEY_CACHE_TRACE") != NULL;
}

size_t test_spool_mem(size_t dflt)
{
	const char *e = getenv("PARLEY_TEST_SPOOL_MEM");
	char *end;
	unsigned long long v = e && *e ? strtoull(e, &end, 10) : 0;
	return e && *e && !*end ? (size_t)v : dflt;
}
