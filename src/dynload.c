/* dynload.c - libraries opened at their first use (see dynload.h). */
#include "dynload.h"

#include <dlfcn.h>
#include <stdio.h>

bool dynload(const char *soname, const struct dynsym *syms, size_t n, char *why, size_t size)
{
	for (size_t i = 0; i < n; i++)
		*syms[i].at = NULL;
	/* (RTLD_LOCAL: its symbols are for the pointers alone) */
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror(); /* (it names the library) */
		snprintf(why, size, "%s", e ? e : soname);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		dlerror();
		void *p = dlsym(h, syms[i].name);
		if (!p) {
			snprintf(why, size, "%s has no %s", soname, syms[i].name);
			for (size_t j = 0; j < i; j++)
				*syms[j].at = NULL;
			dlclose(h);
			return false;
		}
		*syms[i].at = p;
	}
	/* (never closed: what it made is used till the process ends) */
	return true;
}

bool dynload_loaded(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
	if (h)
		dlclose(h);
	return h != NULL;
}
