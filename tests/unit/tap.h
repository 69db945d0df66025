/* tap.h - a minimal Test Anything Protocol producer for the unit tests. */
#ifndef PARLEY_TAP_H
#define PARLEY_TAP_H

#include <stdint.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)
#define is_int(got, want, ...) \
	do { \
		long long g_ = (long long)(got), w_ = (long long)(want); \
		if (!tap_ok(g_ == w_, __VA_ARGS__)) \
			printf("#   got %lld, want %lld\n", g_, w_); \
	} while (0)
#define is_str(got, want, ...) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		int eq_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_; \
		if (!tap_ok(eq_, __VA_ARGS__)) \
			printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)
#define diag_note(...) (printf("# "), printf(__VA_ARGS__), printf("\n"))
/* A test that cannot run here: counted as passed, its reason in the log
 * (TAP "# SKIP"), so the harness reports it as skipped. */
#define tap_skip(...) (tap_n++, printf("ok %d # SKIP ", tap_n), printf(__VA_ARGS__), printf("\n"))

/* A pseudo-random number below n (xorshift64*) from the state *rng, which
 * each test seeds with a constant of its own: the same numbers every run. */
static inline unsigned tap_below(uint64_t *rng, unsigned n)
{
	*rng ^= *rng >> 12;
	*rng ^= *rng << 25;
	*rng ^= *rng >> 27;
	return (unsigned)((*rng * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
