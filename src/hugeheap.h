/* hugeheap.h - the browser's malloc heaps in transparent huge pages.
 *
 * A browser holds a large corpus in memory it has just asked for, and on
 * a system that gives huge pages only to those who ask (transparent
 * hugepages "madvise", the common default), malloc's heaps come in pages
 * of 4 KB: a large corpus's load then takes tens of thousands of page
 * faults, each costly (more so in a virtual machine), where huge pages
 * take a few hundred.  glibc's malloc asks for huge pages when its tunable
 * glibc.malloc.hugetlb is 1, which it reads from GLIBC_TUNABLES only as a
 * process starts.  So the browser, as it starts, runs itself again once
 * with the tunable added (hugeheap_exec), and the run again puts the
 * environment back as it was.  (The arenas' slabs ask for huge pages on
 * their own: arena.h.)
 */
#ifndef PARLEY_HUGEHEAP_H
#define PARLEY_HUGEHEAP_H

#include <stdbool.h>

/* What GLIBC_TUNABLES is set to for heaps of huge pages, from what it is
 * (NULL: unset): the tunable added after the others (malloc'd), or NULL
 * when it names glibc.malloc.hugetlb already (whatever the value: the
 * user's choice is kept). */
char *hugeheap_tunables(const char *had);

/* Does the tunable change anything on a system whose transparent huge
 * page mode is `mode` (the text of its "enabled" file, "always [madvise]
 * never")?  Only when huge pages go to those who ask ("[madvise]"):
 * "[always]" gives them without asking, "[never]" never. */
bool hugeheap_worth(const char *mode);

/* Does glibc of this version ("2.36") have the tunable (2.35 and later)? */
bool hugeheap_glibc_has(const char *version);

/* Runs the program again with heaps of huge pages (execv of the program's
 * own file, argv as it is), when that is worth it: glibc 2.35 or later
 * (its tunable), the system's mode (hugeheap_worth), a tunable the user
 * did not set, the program started as itself (not by naming the dynamic
 * loader, nor under valgrind, whose /proc/self/exe is its tool), and
 * neither PARLEY_NO_HUGE_PAGES nor PARLEY_NO_SLABS set (plain malloc,
 * for valgrind's memcheck), nor a build under AddressSanitizer (whose
 * malloc is its own).  In the run again, GLIBC_TUNABLES is put back as it was
 * (for anything it starts in turn).  Returns when nothing was run again,
 * or running it failed (the program goes on as it is). */
void hugeheap_exec(char **argv);

/* In the run again, the clock (CLOCK_MONOTONIC, in milliseconds) when
 * the first run called hugeheap_exec, for the benchmark's first screen,
 * which counts the time the running again took; else 0. */
double hugeheap_started(void);

#endif
