#!/bin/sh
# hugeheap.sh - the browser runs itself again once, as it starts, with
# glibc's malloc asked for huge pages (GLIBC_TUNABLES gets
# glibc.malloc.hugetlb=1) where that changes anything: the system gives
# huge pages to those who ask ("[madvise]"), glibc has the tunable (2.35
# on) and the build's malloc is glibc's (not a sanitizer's).  The user's
# other tunables are kept, the user's own value of this one is never
# overridden, PARLEY_NO_HUGE_PAGES turns it off, and the browser is the
# same browser either way.  (What the run again puts back: test_hugeheap.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

C="$TMPD/c"
mkdir -p "$C"
cp "$SAMPLES"/*.json "$C/"

# The environment parley was started with, as the system keeps it (what
# the last exec was given), one variable a line.
environ() {
	tr '\0' '\n' <"/proc/$(parley_pid)/environ"
}
# The value of variable $1 there, or "unset".  (glibc's loader, reading
# GLIBC_TUNABLES, cuts it in place where its tunables are joined: the
# tunables after the first one are on lines of their own, put back.)
env_of() {
	environ | awk -v name="$1" '
		on && /^glibc\./ { v = v ":" $0; next }
		{ on = 0 }
		index($0, name "=") == 1 { v = substr($0, length(name) + 2); on = name == "GLIBC_TUNABLES"; found = 1 }
		END { print found && v != "" ? v : "unset" }'
}

[ -r /proc/self/environ ] || skip_all "no /proc here: nothing to look at"
want=yes
grep -qF '[madvise]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || want="no: huge pages not given on request"
getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ split($2, v, "."); exit !(v[1] > 2 || (v[1] == 2 && v[2] >= 35)) }' ||
	want="no: not glibc 2.35 or later"
grep -q __asan_init "$PARLEY" 2>/dev/null && want="no: a sanitizer's malloc"
[ -n "${PARLEY_NO_SLABS:-}" ] && want="no: PARLEY_NO_SLABS (plain malloc, for valgrind)"

start 100 30 -- "$C"
wait_for "Readouts"
if [ "$want" = yes ]; then
	is "$(env_of GLIBC_TUNABLES)" "glibc.malloc.hugetlb=1" "run again with the tunable"
	ok "$(env_of PARLEY_HUGEHEAP_RUN | grep -qE '^[0-9]+$'; echo $?)" "and the first run's start handed on"
	is "$(env_of PARLEY_HUGEHEAP_HAD)" unset "(GLIBC_TUNABLES was unset: nothing to put back but that)"
else
	is "$(env_of GLIBC_TUNABLES)/$(env_of PARLEY_HUGEHEAP_RUN)" "unset/unset" "not run again ($want)"
	skip "the run again with other tunables ($want)"
	skip "the run again's first start ($want)"
fi
keys j
keys Enter
wait_for "Positions"
has "Positions" "the browser as ever: a readout opened"
keys q q
stop

# the user's other tunables kept, this one after them
start 100 30 GLIBC_TUNABLES=glibc.malloc.arena_max=4 -- "$C"
wait_for "Readouts"
if [ "$want" = yes ]; then
	is "$(env_of GLIBC_TUNABLES)" "glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1" "the user's tunables kept, the tunable added"
	is "$(env_of PARLEY_HUGEHEAP_HAD)" "glibc.malloc.arena_max=4" "and what they were handed on, to be put back"
else
	is "$(env_of GLIBC_TUNABLES)" "glibc.malloc.arena_max=4" "the user's tunables as they were ($want)"
	skip "what they were handed on ($want)"
fi
stop

# the user's own value of the tunable: never overridden, nothing run again
start 100 30 GLIBC_TUNABLES=glibc.malloc.arena_max=4:glibc.malloc.hugetlb=0 -- "$C"
wait_for "Readouts"
is "$(env_of GLIBC_TUNABLES)/$(env_of PARLEY_HUGEHEAP_RUN)" "glibc.malloc.arena_max=4:glibc.malloc.hugetlb=0/unset" \
	"the user's hugetlb=0 (after another tunable) kept: not run again"
stop

# turned off
start 100 30 PARLEY_NO_HUGE_PAGES=1 -- "$C"
wait_for "Readouts"
is "$(env_of GLIBC_TUNABLES)/$(env_of PARLEY_HUGEHEAP_RUN)" "unset/unset" "PARLEY_NO_HUGE_PAGES: not run again"
stop

done_testing
