/* threads.h - how many threads a piece of work runs on: the rule the
 * loader, the search of every text and the texts read back share. */
#ifndef PARLEY_THREADS_H
#define PARLEY_THREADS_H

#include <stddef.h>

/* The threads to run tasks on: asked (0: one per processor, or
 * $PARLEY_THREADS), at most 8 and at most tasks, at least 1. */
int threads_for(int asked, size_t tasks);

#endif
