/* icu.c - ICU opened at its first use (see icu.h). */
#include "config.h"
#include "icu.h"
#include "dynload.h"

#include <pthread.h>

static struct icu fns;
static bool ok;
static int failed; /* (atomic) wanted, and could not be opened */
static char why[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_icu(void)
{
	/* (the transliterators are in i18n; the rest in uc, which it needs) */
	const struct dynsym syms[] = {
		{ DYNLOAD_NAME(u_uastrcpy), (void **)&fns.uastrcpy },
		{ DYNLOAD_NAME(u_strFromUTF8Lenient), (void **)&fns.from_utf8 },
		{ DYNLOAD_NAME(u_strToUTF8), (void **)&fns.to_utf8 },
		{ DYNLOAD_NAME(utrans_openU), (void **)&fns.trans_open },
		{ DYNLOAD_NAME(utrans_transUChars), (void **)&fns.trans },
		{ DYNLOAD_NAME(uloc_getISOLanguages), (void **)&fns.iso_languages },
	};
	ok = dynload(ICU_SONAME, syms, sizeof(syms) / sizeof(syms[0]), why, sizeof(why));
	__atomic_store_n(&failed, !ok, __ATOMIC_RELEASE);
}

const struct icu *icu(void)
{
	pthread_once(&once, open_icu);
	return ok ? &fns : NULL;
}

const char *icu_missing(void)
{
	return __atomic_load_n(&failed, __ATOMIC_ACQUIRE) ? why : NULL;
}

void icu_say_missing(FILE *f, const char *prog)
{
	if (icu_missing())
		fprintf(f, "%s: warning: ICU could not be opened (%s): ids keep only a label's ASCII letters and digits\n",
		        prog, icu_missing());
}
