/* datadir.h - where parley finds its data (samples, themes, lexicon): PARLEY_DATADIR,
 * then the installed directory, then, for a build that was not installed,
 * the program's own directory or the one above it when it holds the data
 * (the source tree, for a build in it or in a directory of it).  No path
 * of the machine that built parley is compiled in. */
#ifndef PARLEY_DATADIR_H
#define PARLEY_DATADIR_H

#include <stddef.h>

#ifndef PARLEY_PKGDATADIR
#define PARLEY_PKGDATADIR "/usr/local/share/parley"
#endif

/* The directories to look in, in order, NULL-terminated (at most 4). */
const char *const *data_dirs(void);

#endif
