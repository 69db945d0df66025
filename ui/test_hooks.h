/* test_hooks.h - every PARLEY_* environment variable that exists for the
 * tests and the benchmark, and only those, in one place: what each does
 * and the function that reads it.  (PARLEY_DATADIR, PARLEY_NO_CACHE,
 * PARLEY_NO_HUGE_PAGES and PARLEY_THREADS are for users too and are
 * documented in parley(1); PARLEY_HUGEHEAP_RUN and PARLEY_HUGEHEAP_HAD
 * are the browser's own, between its run and its run again: hugeheap.h.)
 *
 *   PARLEY_TEST_HOLD=FILE        the browser's loader stops after its second
 *                                file until FILE exists (the browser seen
 *                                mid-load)
 *   PARLEY_TEST_STALL=1          the browser's loader, after its second file,
 *                                never ends and never looks at being told to
 *                                stop (a read from a disk that hangs): q and
 *                                the signals must end parley anyway
 *   PARLEY_TEST_SEARCH_DELAY=MS  F takes MS milliseconds per readout (its
 *                                progress seen on a small corpus)
 *   PARLEY_TEST_SEARCH_HOLD=1    F, once it shows its progress, waits for
 *                                Esc (a stop the test can count on)
 *   PARLEY_BENCH=FILE            the browser appends its timings to FILE:
 *                                first screen, corpus loaded, keystrokes;
 *                                and how the loaded readouts were taken
 *                                ("load_batches N max M": N polls took
 *                                some, M at most: LOADER_BATCH bounds it)
 *   PARLEY_BENCH_ALL=1           and each keystroke's time, not only p50/p99
 *   PARLEY_REPLAY=KEYS           once loaded, the browser reads KEYS instead
 *                                of the terminal, then quits (latency)
 *   PARLEY_REPLAY_EARLY=MS       and the keys start right after the first
 *                                screen, while the corpus goes on loading,
 *                                one every MS milliseconds at most
 *                                (0: back to back); PARLEY_BENCH gets every
 *                                key's time, "loading" or "loaded" (the state
 *                                it was read in), and p50/p99 of those read
 *                                while loading ("keys_loading")
 *   PARLEY_QUERY_NO_PREFILTER=1  query and stats keep every readout while
 *                                loading (the prefilter checked against it)
 *   PARLEY_CACHE_TRACE=1         query and stats say what the index cache did
 *   PARLEY_NO_SLABS=1            the browser's loader takes its readouts'
 *                                memory from malloc, not slabs (arena.h):
 *                                valgrind's memcheck sees malloc's blocks
 *                                alone (tests/valgrind.sh)
 *   PARLEY_TEST_SPOOL_MEM=BYTES  query's text output holds this much of its
 *                                rows in memory before a file takes them
 *                                (OUT_SPOOL_MEM), so that a test of a few
 *                                rows sees the file, and one that cannot be
 *                                written
 */
#ifndef PARLEY_TEST_HOOKS_H
#define PARLEY_TEST_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

/* PARLEY_TEST_HOLD: waits (on the loader's thread) until the file exists
 * or *cancel is set; once only, and only from the third file on. */
void test_hold(size_t files_sent, const int *cancel);
/* PARLEY_TEST_STALL: never returns, from the third file on. */
void test_stall(size_t files_sent);
/* PARLEY_TEST_SEARCH_DELAY in milliseconds (0: none), and the wait. */
long test_search_delay_ms(void);
void test_search_delay(long ms);
/* PARLEY_TEST_SEARCH_HOLD: is it set? */
bool test_search_hold(void);

/* PARLEY_BENCH: the clock starts (at the browser's start), a mark is
 * written ("first_screen_ms 2.1"), a replayed key's time is kept (and
 * whether the corpus was loading when it was read), the keys' times are
 * written and summed up. */
void bench_start(void);
double bench_now(void);
void bench_mark(const char *what);
void bench_key(double ms, bool loading);
/* The loader's poll took n readouts (kept: how many polls, the most);
 * once loaded, "load_batches N max M" is written. */
void bench_batch(size_t n);
void bench_batches(void);
void bench_latency(void);

/* PARLEY_REPLAY: the keys to replay (NULL when unset). */
const char *test_replay_keys(void);
/* PARLEY_REPLAY_EARLY: is it set (the replay starts mid-load)?  And is the
 * next replayed key due: waits for it wait_ms at most (-1: until it is),
 * true at once when unset or 0. */
bool test_replay_early(void);
bool test_replay_due(int wait_ms);

/* PARLEY_QUERY_NO_PREFILTER and PARLEY_CACHE_TRACE. */
bool test_no_prefilter(void);
bool test_cache_trace(void);
/* PARLEY_NO_SLABS */
bool test_no_slabs(void);
/* PARLEY_TEST_SPOOL_MEM, else dflt. */
size_t test_spool_mem(size_t dflt);

#endif
