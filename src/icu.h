/* icu.h - the functions of ICU that parley uses, opened at the first use
 * (dynload.h): transliterating labels for the ids of new entities (ids.c)
 * and the registry of language codes (readout.c). */
#ifndef PARLEY_ICU_H
#define PARLEY_ICU_H

#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* (ICU's headers rename each function, u_strToUTF8 to u_strToUTF8_72:
 * their types are those of the names the library has) */
struct icu {
	__typeof__(&u_uastrcpy) uastrcpy;
	__typeof__(&u_strFromUTF8Lenient) from_utf8;
	__typeof__(&u_strToUTF8) to_utf8;
	__typeof__(&utrans_openU) trans_open;
	__typeof__(&utrans_transUChars) trans;
	__typeof__(&uloc_getISOLanguages) iso_languages; /* (the tests': readout.c's table is its list) */
};

/* ICU's functions, opened on the first call (any thread); NULL when ICU
 * cannot be opened (ids keep a label's ASCII letters and digits). */
const struct icu *icu(void);
/* (icu_missing: dynload.h, for those that include no ICU header) */

#endif
