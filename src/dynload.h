/* dynload.h - a library opened at its first use (dlopen), not at parley's
 * start.
 *
 * ICU (the ids of new entities, the registry of language codes) and
 * libxml2 (pages saved from a ministry's site) cost a process about 2 ms
 * to map, relocate and initialise (libxml2 brings ICU and libstdc++ with
 * it): a tenth of a warm query of 10,000 readouts, which uses neither.
 * They are found by configure like the others (pkg-config), their
 * headers included as usual, and opened by the name the linker would
 * have recorded (their SONAME, found by configure) when first needed.
 */
#ifndef PARLEY_DYNLOAD_H
#define PARLEY_DYNLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A function or variable of the library: its name there, and where its
 * address goes (a function pointer's or a variable pointer's address). */
struct dynsym {
	const char *name;
	void **at;
};

/* The library soname opened and each of syms found in it (its symbols
 * and those of the libraries it needs); false, with why (a message that
 * names the library and the symbol) when one cannot be had: then every
 * *at is NULL.  Not thread-safe: called once (pthread_once). */
bool dynload(const char *soname, const struct dynsym *syms, size_t n, char *why, size_t size);

/* Is soname in the process already (opened by dynload, or linked)? */
bool dynload_loaded(const char *soname);

/* ICU (icu.c): why it could not be opened, when something wanted it
 * (icu() was called) and it could not be; NULL when it was opened, or
 * never wanted (this never opens it). */
const char *icu_missing(void);
/* What is then done without it, said on f (a warning from prog) when
 * ICU was missing; nothing else.  Once the work is done: the CLI after a
 * command, the browser once it has left the screen. */
void icu_say_missing(FILE *f, const char *prog);

/* The name of symbol x as the library has it, x being a macro of its
 * headers (ICU renames u_strToUTF8 to u_strToUTF8_72). */
#define DYNLOAD_NAME_(x) #x
#define DYNLOAD_NAME(x) DYNLOAD_NAME_(x)

#endif
