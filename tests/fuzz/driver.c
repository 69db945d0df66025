/* driver.c - runs a fuzz target without libFuzzer, for make check's smoke
 * runs: every seed file given, then mutations of each (bytes flipped,
 * inserted, deleted, cut, parts of two seeds spliced), from a fixed random
 * seed so a failure repeats.
 *
 *   fuzz_X_smoke [-n MUTATIONS] [-s SEED] FILE...
 *
 * Built with the same target file that libFuzzer builds (build.sh). */
#include "arena.h"
#include "fileio.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the input being run, written to $FUZZ_CRASH (default fuzz-crash) when
 * the target dies on it, so it can be run again */
static const uint8_t *current;
static size_t current_len;

static void died(int sig)
{
	const char *path = getenv("FUZZ_CRASH");
	int fd = open(path ? path : "fuzz-crash", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		ssize_t w = write(fd, current, current_len);
		(void)w;
		close(fd);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run(const uint8_t *data, size_t size)
{
	current = data;
	current_len = size;
	LLVMFuzzerTestOneInput(data, size);
}

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* a mutation of a (n bytes) into out (at most cap bytes): its length */
static size_t mutate(const uint8_t *a, size_t n, const uint8_t *b, size_t nb, uint8_t *out, size_t cap)
{
	size_t len = n < cap ? n : cap;
	memcpy(out, a, len);
	int k = 1 + (int)(rnd() % 4);
	for (int i = 0; i < k; i++) {
		size_t at = len ? rnd() % len : 0;
		switch (rnd() % 7) {
		case 0: /* flip a bit */
			if (len)
				out[at] ^= (uint8_t)(1u << (rnd() % 8));
			break;
		case 1: /* a random byte */
			if (len)
				out[at] = (uint8_t)rnd();
			break;
		case 2: /* insert bytes of an interesting kind */
			if (len + 4 < cap) {
				static const uint8_t bits[][4] = { { 0xE2, 0x80, 0xAE, 0 }, { 0xC0, 0, 0, 0 }, { '.', ' ', 0, 0 },
					                         { 0xE3, 0x80, 0x82, 0 }, { '<', 'p', '>', 0 }, { '"', 0, 0, 0 } };
				const uint8_t *ins = bits[rnd() % 6];
				size_t il = strlen((const char *)ins) ? strlen((const char *)ins) : 1;
				memmove(out + at + il, out + at, len - at);
				memcpy(out + at, ins, il);
				len += il;
			}
			break;
		case 3: /* delete a run */
			if (len) {
				size_t d = 1 + rnd() % 16;
				if (at + d > len)
					d = len - at;
				memmove(out + at, out + at + d, len - at - d);
				len -= d;
			}
			break;
		case 4: /* cut */
			len = at;
			break;
		case 5: /* splice a part of the other seed */
			if (nb) {
				size_t from = rnd() % nb, l = 1 + rnd() % 256;
				if (from + l > nb)
					l = nb - from;
				if (at + l > cap)
					l = cap - at;
				memcpy(out + at, b + from, l);
				if (at + l > len)
					len = at + l;
			}
			break;
		default: /* duplicate a run */
			if (len && len * 2 < cap) {
				size_t l = 1 + rnd() % 64;
				if (at + l > len)
					l = len - at;
				memmove(out + at + l, out + at, len - at);
				len += l;
			}
			break;
		}
	}
	return len;
}

int main(int argc, char **argv)
{
	long mutations = 200;
	signal(SIGABRT, died);
	signal(SIGSEGV, died);
	signal(SIGBUS, died);
	signal(SIGFPE, died);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			mutations = atol(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			state = strtoull(argv[++i], NULL, 0) | 1;
	}
	int nseeds = argc - i;
	if (nseeds <= 0) {
		fprintf(stderr, "usage: %s [-n MUTATIONS] [-s SEED] FILE...\n", argv[0]);
		return 2;
	}
	uint8_t **seed = xcalloc((size_t)nseeds, sizeof(uint8_t *));
	size_t *len = xcalloc((size_t)nseeds, sizeof(size_t));
	size_t cap = 0;
	for (int k = 0; k < nseeds; k++) {
		seed[k] = (uint8_t *)read_file(argv[i + k], &len[k]);
		if (!seed[k]) {
			perror(argv[i + k]);
			return 2;
		}
		run(seed[k], len[k]);
		if (len[k] > cap)
			cap = len[k];
	}
	cap = cap * 2 + 1024;
	uint8_t *buf = xmalloc(cap);
	long runs = 0;
	for (long m = 0; m < mutations; m++)
		for (int k = 0; k < nseeds; k++) {
			int o = (int)(rnd() % (uint64_t)nseeds);
			size_t n = mutate(seed[k], len[k], seed[o], len[o], buf, cap);
			uint8_t *copy = xmalloc(n ? n : 1); /* exactly n bytes: overreads show */
			memcpy(copy, buf, n);
			run(copy, n);
			free(copy);
			runs++;
		}
	printf("%ld inputs, %d seeds: no crash\n", runs + nseeds, nseeds);
	for (int k = 0; k < nseeds; k++)
		free(seed[k]);
	free(seed);
	free(len);
	free(buf);
	return 0;
}
