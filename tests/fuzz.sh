#!/bin/sh
# fuzz.sh - smoke runs of the fuzz targets (tests/fuzz) through driver.c:
# each target's seeds (tests/fuzz/seeds.sh: the samples, the development
# set, the pages, the shared test data, the inputs that once crashed it in
# tests/fuzz/regress) run as they are, then fixed-seed mutations of them,
# for crashes, leaks and broken promises (under ASan in CI's sanitizer
# build, plain here).  Long runs use libFuzzer (make fuzz; README, Fuzzing).
# PARLEY_FUZZ_SCALE (a percentage, default 100) scales the mutations: CI's
# make distcheck, whose point is the tarball (its seeds and regressions
# there), runs a tenth of them, having run them all twice.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

F=$top_builddir/tests/fuzz
export PARLEY PARLEY_TESTDATA top_srcdir top_builddir
export PARLEY_LEXICON="$top_srcdir/lexicon"

scale=${PARLEY_FUZZ_SCALE:-100}
case $scale in '' | *[!0-9]*) scale=100 ;; esac

# smoke TARGET MUTATIONS DESCRIPTION
smoke() {
	local bin="$F/fuzz_$1_smoke" seeds="$TMPD/seeds-$1"
	local n=$(($2 * scale / 100))
	[ "$n" -ge 1 ] || n=1
	if [ ! -x "$bin" ]; then
		skip "$3: fuzz_$1_smoke is not built"
		return
	fi
	if ! sh "$top_srcdir/tests/fuzz/seeds.sh" "$1" "$seeds" >"$TMPD/$1" 2>&1; then
		ok 1 "$3: its seeds"
		sed 's/^/# /' "$TMPD/$1"
		return
	fi
	FUZZ_CRASH="$TMPD/crash-$1" "$bin" -n "$n" "$seeds"/* >"$TMPD/$1" 2>&1
	local rc=$?
	ok $rc "$3 ($(tail -1 "$TMPD/$1"))"
	if [ $rc -ne 0 ]; then
		sed 's/^/# /' "$TMPD/$1" | tail -20
		[ -f "$TMPD/crash-$1" ] && cp "$TMPD/crash-$1" "$F/smoke-crash-$1" &&
			diag "the input is kept as $F/smoke-crash-$1"
	fi
	rm -rf "$seeds"
}

smoke load 20 "the loader and validator: readouts, the JSON test suite and mutations of them"
smoke text 50 "the sanitiser, cells, wrapping, folding and search: texts and mutations of them"
smoke cache 1000 "the index cache reader: caches of the samples and mutations of them"
smoke config 1000 "the config file and theme parsers: themes, a config and mutations of them"
smoke roundtrip 100 "load, edit, save, load again: readouts and mutations of them"
smoke extract 200 "the extractor: the development set and mutations of it"
smoke html 300 "the page reader: the pages and mutations of them"
done_testing
