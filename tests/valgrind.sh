#!/bin/sh
# valgrind.sh - end-to-end tests (tests/e2e) with the browser under
# valgrind's memcheck: each test must pass, and every parley it started
# must end with no memory error and no definite leak.
#
#   make check-valgrind                  the subset below
#   sh tests/valgrind.sh [TEST...]       in the build directory (TEST: a
#                                        name in tests/e2e, e.g. review)
#
# The subset, chosen to fit CI's time (a minute and a half, in two lanes):
# moving and help (navigate), reviewing, editing, undo, saving and
# reloading (review), the searches (search), wide text and its wrapping
# (cjk).  Every other e2e test runs the same way when named: naughty and
# journal pass too but take over a minute each under valgrind.
# valgrind's messages are kept in valgrind-logs/ (one per process).
# Environment as make check gives it (top_srcdir, PARLEY...); VALGRIND
# (default: valgrind), PARLEY_E2E_SLOW (default 3: the waits for a screen
# are that many times longer), VALGRIND_JOBS (tests run side by side:
# default the cores, at most 2).
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=.}"
: "${PARLEY:=$(cd "$top_builddir" && pwd)/parley}"
: "${PARLEY_DATADIR:=$top_srcdir}"
: "${PARLEY_TESTDATA:=$top_srcdir/../shared/testdata}"
export top_srcdir top_builddir PARLEY PARLEY_DATADIR PARLEY_TESTDATA
export PARLEY_E2E_SLOW="${PARLEY_E2E_SLOW:-3}"
# memcheck checks malloc's blocks: the readouts' memory from malloc, not
# from the loader's slabs (where a leak of a readout's would not be seen)
export PARLEY_NO_SLABS=1
VALGRIND=${VALGRIND:-valgrind}
TESTS=${*:-review search navigate cjk}

command -v "$VALGRIND" >/dev/null 2>&1 || { echo "valgrind.sh: $VALGRIND is not installed"; exit 1; }
command -v tmux >/dev/null 2>&1 || { echo "valgrind.sh: tmux is not installed"; exit 1; }
logs=$(pwd)/valgrind-logs
rm -rf "$logs"
mkdir -p "$logs"
# one TEST: its tap in $logs/TEST.tap, its verdict (ok / not ok, and
# what failed) in $logs/TEST.out
run_one() {
	t=$1
	mkdir -p "$logs/$t"
	export PARLEY_WRAP="$VALGRIND -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
--errors-for-leak-kinds=definite --num-callers=30 --log-file=$logs/$t/%p.log"
	start=$(date +%s)
	sh "$top_srcdir/tests/e2e/$t.sh" >"$logs/$t.tap" 2>&1
	rc=$?
	# a parley ended by its tmux server going may still be writing its
	# report: wait until every log is whole
	i=0
	while [ $i -lt 600 ]; do
		whole=1
		for f in "$logs/$t"/*.log; do
			[ -f "$f" ] || continue
			[ -s "$f" ] && ! grep -q 'ERROR SUMMARY\|FATAL\|valgrind: ' "$f" && whole=0
			# -q prints nothing on a clean run: a process still running is a
			# memcheck whose pid is alive
			p=$(basename "$f" .log)
			kill -0 "$p" 2>/dev/null && whole=0
		done
		[ $whole -eq 1 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	bad=""
	for f in "$logs/$t"/*.log; do
		[ -s "$f" ] && bad="$bad $f"
	done
	n=$(ls "$logs/$t" | wc -l)
	took=$(($(date +%s) - start))
	if [ $rc -eq 0 ] && [ -z "$bad" ]; then
		echo "ok - $t: passed under valgrind, $n processes clean (${took} s)"
	else
		echo "not ok - $t: $([ $rc -eq 0 ] && echo passed || echo FAILED) under valgrind (${took} s)"
		[ $rc -eq 0 ] || grep -E '^not ok|^# ' "$logs/$t.tap" | head -30 | sed 's/^/    /'
		for f in $bad; do
			echo "    valgrind, $f:"
			head -60 "$f" | sed 's/^/    | /'
		done
	fi
}

# The tests in VALGRIND_JOBS lanes side by side (default: as many as there
# are cores, at most 2: memcheck keeps a core busy), the i-th test in lane
# i mod VALGRIND_JOBS, one after the other; verdicts said in the order
# given.  (The default order has the longest, review, in a lane with the
# shortest, navigate.)
jobs=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
[ "$jobs" -le 2 ] || [ -n "${VALGRIND_JOBS:-}" ] || jobs=2
lane=0
pids=""
while [ $lane -lt "$jobs" ]; do
	mine="" i=0
	for t in $TESTS; do
		[ $((i % jobs)) -eq $lane ] && mine="$mine $t"
		i=$((i + 1))
	done
	if [ -n "$mine" ]; then
		( for t in $mine; do run_one "$t" >"$logs/$t.out" 2>&1; done ) &
		pids="$pids $!"
	fi
	lane=$((lane + 1))
done
for p in $pids; do wait "$p"; done
passed=0 failed=0
for t in $TESTS; do
	if [ -f "$logs/$t.out" ] && head -1 "$logs/$t.out" | grep -q '^ok - '; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		[ -f "$logs/$t.out" ] || echo "not ok - $t: no verdict"
	fi
	cat "$logs/$t.out" 2>/dev/null
done
echo "valgrind: $passed passed, $failed failed"
[ $failed -eq 0 ]
