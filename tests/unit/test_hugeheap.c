/* test_hugeheap.c - the browser's run again with heaps of huge pages
 * (hugeheap.h): the tunable added to what GLIBC_TUNABLES holds, never
 * over the user's own; the system's modes where it is worth it; the run
 * again putting the environment back as it was. */
#include "hugeheap.h"
#include "tap.h"

#include <stdlib.h>

static void tunables(const char *had, const char *want, const char *what)
{
	char *got = hugeheap_tunables(had);
	is_str(got, want, "%s", what);
	free(got);
}

int main(void)
{
	/* a run again that should not have been (below): said, not looped */
	if (getenv("TEST_HUGEHEAP_RAN_AGAIN")) {
		printf("not ok 1 - ran again though PARLEY_NO_HUGE_PAGES was set\n1..1\n");
		return 1;
	}
	tunables(NULL, "glibc.malloc.hugetlb=1", "unset: the tunable alone");
	tunables("", "glibc.malloc.hugetlb=1", "empty: the tunable alone");
	tunables("glibc.malloc.arena_max=2", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1",
	         "another tunable: kept, the tunable after it");
	tunables("glibc.malloc.hugetlb=0", NULL, "the user's own value (0): kept, nothing added");
	tunables("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2", NULL, "the user's own value, second: kept");
	tunables("glibc.malloc.hugetlbx=1", "glibc.malloc.hugetlbx=1:glibc.malloc.hugetlb=1",
	         "a longer name that begins with it is another tunable");
	tunables("xglibc.malloc.hugetlb=1", "xglibc.malloc.hugetlb=1:glibc.malloc.hugetlb=1",
	         "a name that ends with it is another tunable");

	ok(hugeheap_worth("always [madvise] never\n"), "huge pages to those who ask: worth it");
	ok(!hugeheap_worth("[always] madvise never\n"), "to all: nothing to ask");
	ok(!hugeheap_worth("always madvise [never]\n"), "to none: nothing to ask");
	ok(!hugeheap_worth(""), "no such file (read as nothing): not worth it");
	ok(!hugeheap_worth(NULL), "nothing: not worth it");

	/* the run again: what GLIBC_TUNABLES was is put back, the marks go */
	ok(hugeheap_started() == 0, "not the run again: no first start");
	setenv("PARLEY_HUGEHEAP_RUN", "1234500", 1); /* (microseconds) */
	setenv("PARLEY_HUGEHEAP_HAD", "glibc.malloc.arena_max=2", 1);
	setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1", 1);
	hugeheap_exec(NULL); /* (argv unused in the run again) */
	is_str(getenv("GLIBC_TUNABLES"), "glibc.malloc.arena_max=2", "the run again: GLIBC_TUNABLES as the user had it");
	ok(!getenv("PARLEY_HUGEHEAP_RUN") && !getenv("PARLEY_HUGEHEAP_HAD"), "and the marks of the run again gone");
	ok(hugeheap_started() > 1234.4 && hugeheap_started() < 1234.6, "the first run's start kept (%.3f)",
	   hugeheap_started());
	setenv("PARLEY_HUGEHEAP_RUN", "99", 1);
	setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
	hugeheap_exec(NULL);
	ok(!getenv("GLIBC_TUNABLES"), "the run again of a user who had none: GLIBC_TUNABLES unset");
	ok(!getenv("PARLEY_HUGEHEAP_RUN"), "its mark gone");

	ok(hugeheap_glibc_has("2.35") && hugeheap_glibc_has("2.36") && hugeheap_glibc_has("2.40")
	   && hugeheap_glibc_has("3.0"), "glibc 2.35 and later have the tunable");
	ok(!hugeheap_glibc_has("2.34") && !hugeheap_glibc_has("2.9") && !hugeheap_glibc_has("2")
	   && !hugeheap_glibc_has("") && !hugeheap_glibc_has(NULL), "2.34 and before, or no version, do not");

	/* not the run again, and told not to (set, even empty): returns,
	 * nothing changed */
	unsetenv("GLIBC_TUNABLES");
	setenv("TEST_HUGEHEAP_RAN_AGAIN", "1", 1);
	setenv("PARLEY_NO_HUGE_PAGES", "", 1);
	char *argv[] = { "test_hugeheap", NULL };
	hugeheap_exec(argv);
	ok(!getenv("GLIBC_TUNABLES") && !getenv("PARLEY_HUGEHEAP_RUN"), "PARLEY_NO_HUGE_PAGES: not run again, nothing set");
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
