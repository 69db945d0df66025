/* test_arena.c - the arenas' chunks from slabs (arena_slabs): what is
 * allocated is kept apart and intact, a slab goes when its chunks and its
 * thread are done with it, threads started by arena_thread_create take
 * their starter's mode. */
#include "arena.h"
#include "tap.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define N 6000

static struct arena arenas[N];
static char *strs[N][3];
static size_t *arrays[N], *bigs[N];

static void want_str(char *s, size_t n, size_t i, int k)
{
	snprintf(s, n, "%zu-%d-%.*s", i, k, (int)(i % 60),
	         "................................................................");
}

/* Arena i holds its number in three strings of different lengths and an
 * array; every 1000th a block larger than a slab's chunks (one of its
 * own, malloc's). */
static void fill(struct arena *a, size_t i)
{
	char s[96];
	for (int k = 0; k < 3; k++) {
		want_str(s, sizeof(s), i, k);
		strs[i][k] = arena_strdup(a, s);
	}
	bigs[i] = NULL;
	if (i % 1000 == 7) {
		bigs[i] = arena_alloc(a, 100000 * sizeof(size_t));
		bigs[i][0] = bigs[i][99999] = i;
	}
	arrays[i] = arena_alloc(a, 4 * sizeof(size_t));
	for (int k = 0; k < 4; k++)
		arrays[i][k] = i * 4 + (size_t)k;
}

/* The arenas whose strings, arrays or blocks are not as fill wrote them
 * (one overwritten by another's, or cut short). */
static size_t wrong_ones(size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		bool ok = true;
		char want[96];
		for (int k = 0; k < 3; k++) {
			want_str(want, sizeof(want), i, k);
			ok = ok && strcmp(strs[i][k], want) == 0;
		}
		for (int k = 0; k < 4; k++)
			ok = ok && arrays[i][k] == i * 4 + (size_t)k;
		if (bigs[i])
			ok = ok && bigs[i][0] == i && bigs[i][99999] == i && bigs[i][5] == 0;
		bad += !ok;
	}
	return bad;
}

static void *free_half(void *arg)
{
	size_t from = *(size_t *)arg;
	for (size_t i = from; i < N; i += 2)
		arena_free(&arenas[i]);
	return NULL;
}

struct job {
	size_t from;
};
static struct job jobs[200];

static void *fill_range(void *arg)
{
	const struct job *j = arg;
	for (size_t i = j->from; i < j->from + 10; i++)
		fill(&arenas[i], i);
	return NULL;
}

static void *fill_some(void *arg)
{
	(void)arg;
	for (size_t i = 0; i < 100; i++)
		fill(&arenas[i], i);
	return NULL;
}

/* Threads side by side: each fills its range while the arenas of the
 * range before it, filled by another, are freed here. */
static void *fill_range(void *arg);

static void *free_range(void *arg)
{
	size_t from = *(size_t *)arg;
	for (size_t i = from; i < from + 10; i++)
		arena_free(&arenas[i]);
	return NULL;
}

/* The process's address space now (its mappings' sizes), in bytes; 0
 * when it cannot be read. */
static size_t vm_size(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return (size_t)pages * 4096;
}

int main(void)
{
	if (!arena_slabs(true)) {
		printf("1..0 # SKIP no slabs in this build (AddressSanitizer)\n");
		return 0;
	}
	arena_slabs(false);
	is_int(arena_slabs_mapped(), 0, "no slab before any is asked for");

	/* off: malloc's */
	fill(&arenas[0], 0);
	is_int(arena_slabs_mapped(), 0, "slabs off: an arena's chunks are malloc's");
	arena_free(&arenas[0]);

	/* on: chunks cut from slabs, each arena's apart from the others' */
	ok(arena_slabs(true), "slabs on");
	for (size_t i = 0; i < N; i++)
		fill(&arenas[i], i);
	size_t mapped = arena_slabs_mapped();
	ok(mapped >= 2, "%zu arenas of a chunk or two took several slabs (%zu)", (size_t)N, mapped);
	is_int(wrong_ones(N), 0, "every arena's strings, arrays and blocks read back as written");

	/* freed on two other threads: the slabs go but the thread's own */
	size_t even = 0, odd = 1;
	pthread_t t1, t2;
	pthread_create(&t1, NULL, free_half, &even);
	pthread_create(&t2, NULL, free_half, &odd);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	is_int(arena_slabs_mapped(), 1, "all freed elsewhere: only the thread's current slab is left");
	arena_slabs(false);
	is_int(arena_slabs_mapped(), 1, "slabs off: that one is left for another thread");
	arena_slabs_release();
	is_int(arena_slabs_mapped(), 0, "released: it goes, none of its chunks being held");

	/* a thread started from a thread with slabs: slabs too; its slab
	 * outlives it while its arenas do */
	arena_slabs(true);
	pthread_t t;
	is_int(arena_thread_create(&t, fill_some, NULL), 0, "a thread started");
	pthread_join(t, NULL);
	is_int(wrong_ones(100), 0, "what it wrote reads back");
	is_int(arena_slabs_mapped(), 1, "its arenas are in a slab of its own, kept after it ended");
	for (size_t i = 0; i < 100; i++)
		arena_free(&arenas[i]);
	is_int(arena_slabs_mapped(), 1, "its arenas freed: its slab is left for another thread");
	arena_slabs_release();
	is_int(arena_slabs_mapped(), 0, "and goes when released");

	/* threads one after the other, each holding a few arenas (a
	 * .jsonl's blocks, a thread each): they share a slab, not one each */
	for (size_t k = 0; k < 200; k++) {
		struct job *j = &jobs[k];
		j->from = k * 10;
		arena_thread_create(&t, fill_range, j);
		pthread_join(t, NULL);
	}
	is_int(wrong_ones(2000), 0, "what 200 threads wrote reads back");
	ok(arena_slabs_mapped() <= 2, "200 threads of 10 arenas each took a slab or two (%zu)", arena_slabs_mapped());
	for (size_t i = 0; i < 2000; i++)
		arena_free(&arenas[i]);
	arena_slabs_release();
	is_int(arena_slabs_mapped(), 0, "all freed and released: none left");

	/* side by side: 8 threads at once, each filling its own range, the
	 * spares handed from one to the next as they end */
	pthread_t tv[8];
	for (size_t k = 0; k < 8; k++) {
		jobs[k].from = k * 10;
		arena_thread_create(&tv[k], fill_range, &jobs[k]);
	}
	for (size_t k = 0; k < 8; k++)
		pthread_join(tv[k], NULL);
	is_int(wrong_ones(80), 0, "what 8 threads at once wrote reads back");
	/* and freeing on one thread while others fill */
	size_t fr[8];
	pthread_t fv[8];
	for (size_t k = 0; k < 8; k++) {
		fr[k] = k * 10;
		jobs[k].from = 100 + k * 10;
		arena_thread_create(&tv[k], fill_range, &jobs[k]);
		pthread_create(&fv[k], NULL, free_range, &fr[k]);
	}
	for (size_t k = 0; k < 8; k++) {
		pthread_join(tv[k], NULL);
		pthread_join(fv[k], NULL);
	}
	{
		size_t bad = 0;
		for (size_t i = 100; i < 180; i++) {
			char want[96];
			want_str(want, sizeof(want), i, 2);
			bad += strcmp(strs[i][2], want) != 0 || arrays[i][3] != i * 4 + 3;
		}
		is_int(bad, 0, "what was written while others freed reads back");
	}
	for (size_t i = 100; i < 180; i++)
		arena_free(&arenas[i]);
	arena_slabs_release();
	is_int(arena_slabs_mapped(), 0, "all freed and released: none left again");

	/* every allocation aligned as its size needs, in a slab's chunks */
	struct arena al = { 0 };
	size_t misaligned = 0;
	for (size_t k = 1; k < 2000; k++) {
		size_t sz = (k % 7) * 8 + (k % 3 == 0 ? 16 : 0);
		void *p = arena_alloc(&al, sz ? sz : 1);
		size_t need = sz % 16 == 0 && sz ? 16 : sz % 8 == 0 && sz ? 8 : 1;
		misaligned += ((uintptr_t)p % need) != 0;
	}
	is_int(misaligned, 0, "every allocation is aligned for what its size may hold");
	arena_free(&al);

	/* a readout that did not load, freed at once on its thread: its
	 * space is cut again for the next */
	struct arena x = { 0 }, y = { 0 };
	char *px = arena_strdup(&x, "a readout that did not load");
	arena_free(&x);
	char *py = arena_strdup(&y, "the next");
	ok(px == py, "the last chunk cut, freed by its thread, is cut again");
	arena_free(&y);

	/* a chunk expected (a readout decoded whole), then trimmed: the
	 * next arena's chunk is cut right after what the first took */
	struct arena e1 = { 0 }, e2 = { 0 }, e3 = { 0 };
	ok(arena_expect(&e1, 16384), "a chunk of 16 KB expected");
	ok(!arena_expect(&e1, 16384), "not twice: the arena has its chunk");
	char *s1 = arena_strdup(&e1, "a readout's id");
	char *big = arena_alloc(&e1, 3000);
	memset(big, 'x', 3000);
	ok(big > s1 && big < s1 + 64, "what it holds is in that one chunk, one after the other");
	arena_trim(&e1);
	char *s2 = arena_strdup(&e2, "the next readout");
	ok(s2 > big + 3000 - 1 && s2 < big + 3000 + 64, "trimmed: the next chunk is cut right after it (%td bytes past)",
	   s2 - (big + 3000));
	ok(strcmp(s1, "a readout's id") == 0 && big[2999] == 'x', "and what it held is as it was");
	char *s3 = arena_strdup(&e1, "one more string after the trim");
	ok(strcmp(s3, "one more string after the trim") == 0 && strcmp(s1, "a readout's id") == 0,
	   "the trimmed arena takes more, in a chunk of its own");
	/* trimmed when another arena cut a chunk since: nothing is given back */
	ok(arena_expect(&e3, 8192), "another expected");
	arena_strdup(&e3, "x");
	arena_strdup(&e2, "e2 grows past its first chunk, after e3's");
	for (int k = 0; k < 40; k++)
		arena_strdup(&e2, "filling e2's chunks, cut after e3's");
	arena_trim(&e3);
	char *after = arena_strdup(&e1, "after");
	ok(strcmp(after, "after") == 0, "a trim that cannot give back leaves the arena as it was");
	arena_free(&e1);
	arena_free(&e2);
	arena_free(&e3);
	arena_slabs(false);
	struct arena m = { 0 };
	ok(!arena_expect(&m, 4096), "slabs off: nothing expected (malloc's chunks cannot shrink in place)");
	arena_strdup(&m, "malloc's");
	arena_trim(&m);
	ok(strcmp(m.head ? "ok" : "", "ok") == 0, "and a trim of malloc's chunk leaves it");
	arena_free(&m);
	arena_slabs(true);

	/* grow_exact: the size asked for, once, what was there kept */
	int *v = NULL;
	size_t cap = 0;
	grow(&v, &cap, 3, sizeof(*v));
	v[0] = 7, v[2] = 9;
	grow_exact(&v, &cap, 1000003, sizeof(*v));
	is_int(cap, 1000003, "grow_exact: the capacity asked for");
	ok(v[0] == 7 && v[2] == 9, "what the array held is kept");
	v[1000002] = 5;
	grow_exact(&v, &cap, 10, sizeof(*v));
	is_int(cap, 1000003, "never smaller");
	free(v);
	arena_slabs(false);
	arena_slabs_release();
	is_int(arena_slabs_mapped(), 0, "none left");

	/* no memory for a slab: malloc's, and slabs off for the thread */
	size_t vm = vm_size();
	struct rlimit old;
	if (vm && getrlimit(RLIMIT_AS, &old) == 0) {
		struct rlimit low = old;
		low.rlim_cur = vm + ((size_t)1 << 20); /* less than a slab's 4 MB mapping */
		if (setrlimit(RLIMIT_AS, &low) == 0) {
			arena_slabs(true);
			for (size_t i = 0; i < 100; i++)
				fill(&arenas[i], i);
			is_int(arena_slabs_mapped(), 0, "no room for a slab: none is mapped");
			is_int(wrong_ones(100), 0, "and the arenas are malloc's, as written");
			setrlimit(RLIMIT_AS, &old);
			for (size_t i = 0; i < 100; i++)
				arena_free(&arenas[i]);
			arena_slabs(false);
		} else {
			ok(1, "# SKIP the address space could not be limited");
			ok(1, "# SKIP");
		}
	}

	/* started from a thread without: malloc's */
	arena_thread_create(&t, fill_some, NULL);
	pthread_join(t, NULL);
	is_int(arena_slabs_mapped(), 0, "a thread started from one without slabs has none");
	for (size_t i = 0; i < 100; i++)
		arena_free(&arenas[i]);

	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
