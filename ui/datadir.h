/* datadir.h - where parley finds its installed data (samples, themes), with
 * the source tree as a fallback so an uninstalled build works too. */
#ifndef PARLEY_DATADIR_H
#define PARLEY_DATADIR_H

#ifndef PARLEY_PKGDATADIR
#define PARLEY_PKGDATADIR "/usr/local/share/parley"
#endif
#ifndef PARLEY_SRCDIR
#define PARLEY_SRCDIR "."
#endif

#endif
