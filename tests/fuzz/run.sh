#!/bin/sh
# run.sh - run the libFuzzer targets (built by build.sh, `make fuzz`) one
# after the other, each for a while from its seeds (seeds.sh), and say
# how many inputs each ran and whether it crashed.
#
#   sh tests/fuzz/run.sh SECONDS [TARGET...]     in the build directory
#   sh tests/fuzz/run.sh --list                  the targets, one per line
#
# Each target keeps what it learnt in tests/fuzz/corpus/TARGET, so a
# later run goes on from there.  An input that crashes a target (or
# leaks, or hangs over a minute) is kept as tests/fuzz/TARGET-crash-* (-leak-,
# -timeout-, -oom-):
# copy it to tests/fuzz/regress/TARGET/ in the source tree once it is
# fixed, and make check replays it.  Exits 1 when some target crashed.
# Environment: top_srcdir (default: found from this script),
# FUZZ_FLAGS (more libFuzzer options).
ALL="load text cache config roundtrip extract html"
if [ "${1:-}" = --list ]; then
	printf '%s\n' $ALL
	exit 0
fi
secs=${1:?usage: run.sh SECONDS [TARGET...]}
shift
TARGETS=${*:-$ALL}
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export top_srcdir
F=tests/fuzz
failed=0
for t in $TARGETS; do
	bin=$F/fuzz_$t
	[ -x "$bin" ] || { echo "run.sh: $bin is not built (make fuzz)"; failed=1; continue; }
	seeds=$(mktemp -d "${TMPDIR:-/tmp}/parley-seeds.XXXXXX")
	sh "$top_srcdir/tests/fuzz/seeds.sh" "$t" "$seeds" || { failed=1; rm -rf "$seeds"; continue; }
	mkdir -p "$F/corpus/$t"
	case $t in
	cache | html) max=131072 ;;
	load | roundtrip) max=32768 ;;
	config) max=4096 ;;
	*) max=16384 ;;
	esac
	# shellcheck disable=SC2086
	PARLEY_LEXICON=$top_srcdir/lexicon \
	ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1} \
	LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top_srcdir/tests/lsan.supp:print_suppressions=0} \
		"$bin" -max_total_time="$secs" -max_len=$max -timeout=60 -print_final_stats=1 \
		-artifact_prefix="$F/$t-" $FUZZ_FLAGS "$F/corpus/$t" "$seeds" >"$F/run-$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$F/run-$t.log")
	cov=$(grep -E '^#[0-9]+' "$F/run-$t.log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	if [ $rc -eq 0 ]; then
		echo "fuzz_$t: ${runs:-?} inputs in ${secs} s, coverage ${cov:-?}: no crash"
	else
		failed=1
		echo "fuzz_$t: CRASH after ${runs:-?} inputs (exit $rc); the log: $F/run-$t.log"
		grep -E '^fuzz:|ERROR:|SUMMARY:|^==[0-9]+==.*(at|in) ' "$F/run-$t.log" | head -8 | sed 's/^/    /'
		ls "$F/$t"-crash-* "$F/$t"-leak-* "$F/$t"-timeout-* "$F/$t"-oom-* 2>/dev/null | sed 's/^/    kept: /'
	fi
	rm -rf "$seeds"
done
exit $failed
