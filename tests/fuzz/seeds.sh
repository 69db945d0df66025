#!/bin/sh
# seeds.sh - the seed inputs of a fuzz target, copied into a directory:
#
#   sh tests/fuzz/seeds.sh TARGET DIR
#
# from the samples, the development set of the extractor (tests/extract),
# the shared test data ($PARLEY_TESTDATA: the JSON test suite, the naughty
# strings), the themes, tests/fuzz/seeds/TARGET, and the inputs that once
# crashed it (tests/fuzz/regress/TARGET), which every run replays first.
# The cache target's seeds are index caches, and names tables beside them,
# that $PARLEY writes for the samples.  Environment: top_srcdir, PARLEY_TESTDATA, PARLEY (as in make
# check; found from this script and the build directory when unset).
set -e
t=$1
out=$2
[ -n "$t" ] && [ -n "$out" ] || { echo "usage: seeds.sh TARGET DIR" >&2; exit 2; }
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${PARLEY_TESTDATA:=$top_srcdir/../shared/testdata}"
: "${PARLEY:=${top_builddir:-.}/parley}"
mkdir -p "$out"

# cp_glob FILE...: the files that exist (an empty glob stays unexpanded)
cp_glob() {
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$out/"
	done
	return 0
}

S=$top_srcdir/samples
D=$top_srcdir/tests/extract/dev
J=$PARLEY_TESTDATA/JSONTestSuite/test_parsing
case $t in
load)
	cp_glob "$S"/*.json "$S"/*.jsonl "$D"/*.json "$J"/*.json ;;
roundtrip)
	cp_glob "$S"/*.json "$S"/*.jsonl "$D"/*.json ;;
text)
	cp_glob "$D"/*.txt "$PARLEY_TESTDATA/naughty-strings/blns.json" "$S/zh-2021-06-28-xi-jinping-putin-video-call.json" ;;
config)
	cp_glob "$top_srcdir"/themes/*.theme ;;
cache)
	# a cache of the whole samples directory, and one of each file
	c=$(mktemp -d "${TMPDIR:-/tmp}/parley-seeds.XXXXXX")
	XDG_CACHE_HOME=$c $PARLEY stats "$S" >/dev/null 2>&1 || true
	for f in "$S"/*.json "$S"/*.jsonl; do
		XDG_CACHE_HOME=$c $PARLEY stats "$f" >/dev/null 2>&1 || true
	done
	# a .jsonl of 512 KB or more, read in blocks: its records are segments
	mkdir "$c/big"
	awk '{ t[NR] = $0 } END {
		for (i = 1; n < 600000; i++) {
			s = t[(i - 1) % NR + 1]
			sub(/"id": *"[^"]*"/, "\"id\":\"seg-" i "\"", s)
			print s
			n += length(s) + 1
		}
	}' "$S/calls-2021.jsonl" >"$c/big/all.jsonl"
	touch -d '2020-01-01 00:00:00' "$c/big/all.jsonl"
	XDG_CACHE_HOME=$c $PARLEY stats "$c/big" >/dev/null 2>&1 || true
	# and names tables beside caches (a query naming a speaker writes one)
	XDG_CACHE_HOME=$c $PARLEY query -c --speaker lavrov "$S" >/dev/null 2>&1 || true
	XDG_CACHE_HOME=$c $PARLEY query -c --speaker lavrov "$S/calls-2021.jsonl" >/dev/null 2>&1 || true
	cp_glob "$c"/parley/*.idx "$c"/parley/*.nam
	rm -rf "$c"
	ls "$out"/*.idx >/dev/null 2>&1 || { echo "seeds.sh: $PARLEY wrote no cache" >&2; exit 1; }
	ls "$out"/*.nam >/dev/null 2>&1 || { echo "seeds.sh: $PARLEY wrote no names table" >&2; exit 1; } ;;
extract)
	cp_glob "$D"/*.txt ;;
html)
	cp_glob "$top_srcdir"/tests/extract/pages/*.html ;;
*)
	echo "seeds.sh: no target $t" >&2
	exit 2 ;;
esac
cp_glob "$top_srcdir/tests/fuzz/seeds/$t"/* "$top_srcdir/tests/fuzz/regress/$t"/*
